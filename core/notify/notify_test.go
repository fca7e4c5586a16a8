package notify

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
)

func vectorInput(t testing.TB, name string) Input {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../testvectors/notification.parse", name+".json"))
	require.NoError(t, err)
	var v struct {
		Input Input `json:"input"`
	}
	require.NoError(t, json.Unmarshal(data, &v))
	return v.Input
}

func TestDedupeKeyIsStableAcrossResends(t *testing.T) {
	first, resend := vectorInput(t, "seed_notify_payment_3d"), vectorInput(t, "seed_notify_payment_3d_resend")
	require.NotEqual(t, first.Headers["request-time"], resend.Headers["request-time"])
	require.NotEqual(t, first.Headers["signature"], resend.Headers["signature"])
	a, perr := concrete(Parse(first))
	require.Nil(t, perr)
	b, perr := concrete(Parse(resend))
	require.Nil(t, perr)
	require.True(t, a.Verified)
	require.Equal(t, a.DedupeKey, b.DedupeKey)
	require.Equal(t, AckBody, a.Ack.Body)
	require.Equal(t, 200, a.Ack.Status)
}

func TestFailedVerificationHasNoAck(t *testing.T) {
	in := vectorInput(t, "seed_notify_payment_3d")
	in.Body = in.Body[:len(in.Body)-1] + " }"
	_, perr := concrete(Parse(in))
	require.NotNil(t, perr)
	require.Equal(t, problem.BadSignature, perr.Code)
	require.Equal(t, "signature_mismatch", perr.Reason)
}

func TestPendingIsNotSuccess(t *testing.T) {
	res, perr := concrete(Parse(vectorInput(t, "payment_pending_s")))
	require.Nil(t, perr)
	require.Equal(t, outcome.Processing, res.Outcome)
	require.False(t, res.Terminal)
}

// FuzzParse feeds arbitrary bodies and headers (unverified and verified paths): no
// panic, closed error codes, and every success carries the exact ack.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"seed_notify_payment_3d", "capture_result_s", "refund_result_s", "payment_pending_s", "unknown_notify_type"} {
		in := vectorInput(f, name)
		f.Add(in.Body, in.Headers["signature"], true)
		f.Add(in.Body, "", false)
	}
	key := vectorInput(f, "seed_notify_payment_3d")
	f.Fuzz(func(t *testing.T, body, sig string, verify bool) {
		in := Input{Path: "/antom/notify", Body: body, Headers: map[string]string{"client-id": key.Headers["client-id"], "request-time": key.Headers["request-time"], "signature": sig}}
		if verify {
			in.PublicKey = key.PublicKey
		} else {
			no := false
			in.Verify = &no
		}
		res, perr := concrete(Parse(in))
		if perr != nil {
			require.Contains(t, []problem.Code{problem.BadJSON, problem.BadInput, problem.BadSignature}, perr.Code)
			return
		}
		require.Equal(t, verify, res.Verified, "verified exactly when a key was given (and the signature held)")
		if !verify {
			require.Nil(t, res.Ack)
			require.Equal(t, outcome.None, res.Action.Kind)
			require.Equal(t, outcome.Unknown, res.Outcome)
			return
		}
		require.Equal(t, AckBody, res.Ack.Body)
		require.Contains(t, outcome.Outcomes(), res.Outcome)
		require.Contains(t, outcome.Kinds(), res.Action.Kind)
		require.NotEmpty(t, res.DedupeKey)
	})
}

// BenchmarkParse measures notification.parse without signature verification (the
// figure BENCHMARKS.md reports) and with it.
func BenchmarkParse(b *testing.B) {
	in := vectorInput(b, "seed_notify_payment_3d")
	unverified := false // "verify": false: parsed without a public key
	raw, err := json.Marshal(Input{Path: in.Path, Headers: in.Headers, Body: in.Body, Verify: &unverified})
	require.NoError(b, err)
	b.Run("unverified", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, perr := Op(raw); perr != nil {
				b.Fatal(perr)
			}
		}
	})
	rawKey, err := json.Marshal(in)
	require.NoError(b, err)
	b.Run("verified", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, perr := Op(rawKey); perr != nil {
				b.Fatal(perr)
			}
		}
	})
}
