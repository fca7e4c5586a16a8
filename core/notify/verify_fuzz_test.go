package notify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/core/signature"
)

// FuzzParseSigned signs each fuzzed body as Antom would (the test-only Antom key)
// and holds the verifying path to its two properties: a correctly signed
// notification is never refused for its signature and comes back verified, with
// the exact ack; the same notification with one bit of the body flipped is
// BAD_SIGNATURE signature_mismatch.
func FuzzParseSigned(f *testing.F) {
	for _, name := range []string{"seed_notify_payment_3d", "capture_result_s", "refund_result_s", "payment_pending_s", "unknown_notify_type"} {
		f.Add(vectorInput(f, name).Body, uint16(3))
	}
	f.Add("", uint16(0))
	f.Add("{}", uint16(9))
	data, err := os.ReadFile(filepath.Join("../../testvectors/keys", "antom_private_pkcs8.b64"))
	require.NoError(f, err)
	priv, err := signature.ParsePrivateKey(strings.TrimSpace(string(data)))
	require.NoError(f, err)
	ref := vectorInput(f, "seed_notify_payment_3d")
	const path = "/antom/notify"
	clientID, requestTime := ref.Headers["client-id"], ref.Headers["request-time"]
	f.Fuzz(func(t *testing.T, body string, flip uint16) {
		sig, err := signature.Sign(priv, "POST", path, clientID, requestTime, []byte(body))
		require.NoError(t, err)
		in := Input{Path: path, Body: body, PublicKey: ref.PublicKey, Headers: map[string]string{
			"client-id": clientID, "request-time": requestTime, "signature": signature.FormatHeader("1", sig)}}
		res, perr := parse(in)
		if perr != nil {
			require.NotEqual(t, problem.BadSignature, perr.Code, "a correctly signed notification refused: %s", perr.Message)
			require.Contains(t, []problem.Code{problem.BadJSON, problem.BadInput}, perr.Code)
		} else {
			require.True(t, res.Verified, "a correctly signed notification is not marked verified")
			require.Equal(t, AckBody, res.Ack.Body)
			require.Contains(t, outcome.Outcomes(), res.Outcome)
		}
		if body == "" {
			return
		}
		b := []byte(body)
		i := int(flip) % (len(b) * 8)
		b[i/8] ^= 1 << (i % 8)
		in.Body = string(b)
		_, perr = parse(in)
		require.NotNil(t, perr, "a notification with a changed body was accepted")
		require.Equal(t, problem.BadSignature, perr.Code)
		require.Equal(t, "signature_mismatch", perr.Reason)
	})
}
