package signature_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/signature"
)

// A signature value is percent-decoded at most twice (double-encoding proxies),
// never a third time.
func TestSignaturePercentDecodedAtMostTwice(t *testing.T) {
	raw := bytes.Repeat([]byte{0xfb, 0xff, 0xfe}, 86)[:256] // base64 full of '+' and '/'
	once := signature.EncodeSignature(raw)
	require.Contains(t, once, "%2B")
	twice := strings.ReplaceAll(once, "%", "%25")
	thrice := strings.ReplaceAll(twice, "%", "%25")
	for _, s := range []string{once, twice} {
		got, err := signature.DecodeSignature(s)
		require.NoError(t, err)
		require.Equal(t, raw, got)
	}
	_, err := signature.DecodeSignature(thrice)
	require.Error(t, err)
	var e *signature.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, signature.ReasonBadSignatureEncoding, e.Reason)
}

// A '+' that a form decoder turned into a space is read back as '+', wherever it is,
// the first character included.
func TestSignatureSpaceIsPlus(t *testing.T) {
	raw := bytes.Repeat([]byte{0xfb, 0xff, 0xfe}, 86)[:256]
	b64 := strings.NewReplacer("%2B", "+", "%2F", "/", "%3D", "=").Replace(signature.EncodeSignature(raw))
	require.True(t, strings.HasPrefix(b64, "+"))
	spaced := "%20" + strings.ReplaceAll(b64[1:], "+", " ")
	got, err := signature.DecodeSignature(spaced)
	require.NoError(t, err)
	require.Equal(t, raw, got)
}

func TestTruncatedPercentEscape(t *testing.T) {
	for _, s := range []string{"QUJD%", "QUJD%2", "QUJD%zz", "QUJD%2g"} {
		_, err := signature.DecodeSignature(s)
		var e *signature.Error
		require.ErrorAs(t, err, &e, s)
		require.Equal(t, signature.ReasonBadSignatureEncoding, e.Reason, s)
	}
}

func TestFlattenHeadersKeepsTheFirstValue(t *testing.T) {
	got := signature.FlattenHeaders(map[string][]string{"A": {"1", "2"}, "B": {}, "C": nil})
	require.Equal(t, map[string]string{"A": "1"}, got)
}

// Outside the tolerance, the message says how far and which way, as a positive span.
func TestTimeOutsideToleranceSaysWhichWay(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	opts := signature.VerifyOptions{Now: now, Tolerance: 5 * time.Minute}
	for ts, want := range map[string]string{
		"2026-03-01T11:00:00Z": "is 1h0m0s in the future",
		"2026-03-01T09:00:00Z": "is 1h0m0s in the past",
	} {
		err := signature.CheckTime(ts, opts)
		var e *signature.Error
		require.ErrorAs(t, err, &e, ts)
		require.Equal(t, signature.ReasonTimeOutsideTolerance, e.Reason)
		require.Contains(t, e.Message, want)
		require.NotContains(t, e.Message, "-1h")
	}
}
