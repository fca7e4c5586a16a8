package signature_test

import (
	"crypto/rand"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/cryptotest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/signature"
)

func TestParseSignedTime(t *testing.T) {
	ms := time.UnixMilli(1700000000000).UTC()
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"1700000000000", ms},
		{" 1700000000000 ", ms},
		{"0", time.UnixMilli(0).UTC()},
		{"2023-11-14T22:13:20Z", ms},
		{"2023-11-14T22:13:20.000Z", ms},
		{"2023-11-15T06:13:20+08:00", ms},
		{"2023-11-15T06:13:20+0800", ms},
		{"2023-11-15T06:13:20.5+08:00", ms.Add(500 * time.Millisecond)},
		{"2023-11-14T17:13:20-05:00", ms},
	} {
		got, err := signature.ParseSignedTime(tc.in)
		require.NoError(t, err, tc.in)
		require.True(t, tc.want.Equal(got), "%s: got %s want %s", tc.in, got, tc.want)
	}
	for _, in := range []string{"", "abc", "2023-11-14T22:13:20", "2023-11-14 22:13:20Z", "99999999999999999999", "-1700000000000", "1.7e12", "17000000000000x"} {
		_, err := signature.ParseSignedTime(in)
		requireReason(t, err, signature.ReasonBadTime, "")
	}
}

func TestTolerance(t *testing.T) {
	k := loadKeys(t)
	antom := mustPriv(t, k.antomPKCS8B64)
	pub := mustPub(t, k.antomSPKIB64)
	now := time.UnixMilli(1700000000000)
	notify := "/notify"
	body := []byte(`{"notifyType":"PAYMENT_RESULT"}`)
	headersAt := func(ts string) map[string]string {
		sig, err := signature.Sign(antom, "POST", notify, "CID", ts, body)
		require.NoError(t, err)
		return map[string]string{"Client-Id": "CID", "Request-Time": ts, "Signature": signature.FormatHeader("1", sig)}
	}
	epoch := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).UnixMilli(), 10) }
	iso := func(d time.Duration, loc *time.Location) string { return now.Add(d).In(loc).Format(time.RFC3339Nano) }
	cst := time.FixedZone("CST", 8*3600)
	opts := signature.VerifyOptions{Now: now, Tolerance: 5 * time.Minute}

	cases := []struct {
		name   string
		ts     string
		opts   signature.VerifyOptions
		reason signature.Reason
		want   string
	}{
		{"epoch exact", epoch(0), opts, "", ""},
		{"epoch 4m59s old", epoch(-299 * time.Second), opts, "", ""},
		{"epoch 5m old (inclusive)", epoch(-5 * time.Minute), opts, "", ""},
		{"epoch 5m in future (inclusive)", epoch(5 * time.Minute), opts, "", ""},
		{"epoch 5m1ms old", epoch(-5*time.Minute - time.Millisecond), opts, signature.ReasonTimeOutsideTolerance, "in the past"},
		{"epoch 1h in future", epoch(time.Hour), opts, signature.ReasonTimeOutsideTolerance, "1h0m0s in the future"},
		{"epoch in seconds is not ms", strconv.FormatInt(now.Unix(), 10), opts, signature.ReasonTimeOutsideTolerance, ""},
		{"ISO UTC", iso(-time.Minute, time.UTC), opts, "", ""},
		{"ISO +08:00", iso(2*time.Minute, cst), opts, "", ""},
		{"ISO +0800", now.Add(-time.Minute).In(cst).Format("2006-01-02T15:04:05-0700"), opts, "", ""},
		{"ISO 10m old", iso(-10*time.Minute, cst), opts, signature.ReasonTimeOutsideTolerance, "outside the tolerance of ±5m0s"},
		{"unparseable with tolerance", "yesterday", opts, signature.ReasonBadTime, `"yesterday"`},
		{"ISO without offset", "2023-11-14T22:13:20", opts, signature.ReasonBadTime, "zone offset"},
		{"unparseable without tolerance is fine", "yesterday", signature.VerifyOptions{}, "", ""},
		{"old without tolerance is fine", epoch(-24 * time.Hour), signature.VerifyOptions{Now: now}, "", ""},
		{"tolerance without Now fails closed", epoch(0), signature.VerifyOptions{Tolerance: time.Minute}, signature.ReasonBadTime, "Now is zero"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := signature.VerifyNotification(pub, notify, headersAt(tc.ts), body, tc.opts)
			errCheck := signature.CheckTime(tc.ts, tc.opts)
			if tc.reason == "" {
				require.NoError(t, err)
				require.NoError(t, errCheck)
				return
			}
			e := requireReason(t, err, tc.reason, tc.want)
			require.Equal(t, "request-time", e.Header)
			requireReason(t, errCheck, tc.reason, tc.want)
		})
	}

	// Responses are checked on response-time.
	sig, err := signature.Sign(antom, "POST", "/ams/api/v1/payments/pay", "CID", epoch(-time.Hour), body)
	require.NoError(t, err)
	h := map[string]string{"client-id": "CID", "response-time": epoch(-time.Hour), "signature": signature.FormatHeader("1", sig)}
	e := requireReason(t, signature.VerifyResponse(pub, "POST", "/ams/api/v1/payments/pay", h, body, opts), signature.ReasonTimeOutsideTolerance, "")
	require.Equal(t, "response-time", e.Header)
	// A forged (unsigned) time never gets as far as the time check.
	h["response-time"] = epoch(0)
	requireReason(t, signature.VerifyResponse(pub, "POST", "/ams/api/v1/payments/pay", h, body, opts), signature.ReasonSignatureMismatch, "")
}

func TestGenerateKeyPair(t *testing.T) {
	chunks := func(s string) []string {
		s = strings.TrimSpace(s)
		var c []string
		for i := 0; i+20 <= len(s); i += 7 {
			c = append(c, s[i:i+20])
		}
		return c
	}
	kp, err := signature.GenerateKeyPair(rand.Reader, 0)
	require.NoError(t, err)
	require.Equal(t, 2048, kp.Private.Bits())
	require.NotContains(t, kp.PrivateKeyBase64, "\n")
	require.NotContains(t, kp.PublicKeyBase64, "\n")
	require.True(t, strings.HasPrefix(kp.PrivateKeyPEM, "-----BEGIN PRIVATE KEY-----\n"))
	require.True(t, strings.HasPrefix(kp.PublicKeyPEM, "-----BEGIN PUBLIC KEY-----\n"))

	priv := mustPriv(t, kp.PrivateKeyBase64)
	require.Equal(t, signature.KeyFormatPKCS8Base64, priv.KeyFormat())
	require.Equal(t, signature.KeyFormatPKCS8PEM, mustPriv(t, kp.PrivateKeyPEM).KeyFormat())
	pub := mustPub(t, kp.PublicKeyBase64)
	require.Equal(t, signature.KeyFormatSPKIBase64, pub.KeyFormat())
	require.Equal(t, signature.KeyFormatSPKIPEM, mustPub(t, kp.PublicKeyPEM).KeyFormat())
	require.Equal(t, pub.Fingerprint(), priv.Public().Fingerprint())
	require.Equal(t, pub.Fingerprint(), kp.Public.Fingerprint())

	sig, err := signature.Sign(kp.Private, "POST", "/p", "c", "1", []byte("{}"))
	require.NoError(t, err)
	require.NoError(t, signature.Verify(mustPub(t, kp.PublicKeyPEM), "POST", "/p", "c", "1", []byte("{}"), signature.FormatHeader("", sig)))

	// The pair redacts its private half everywhere.
	secret := append(chunks(kp.PrivateKeyBase64), chunks(pemBodyOf(kp.PrivateKeyPEM))...)
	for _, s := range []string{
		fmt.Sprint(kp), fmt.Sprintf("%v %+v %#v %s %q %x", kp, kp, kp, kp, kp, kp),
		fmt.Sprintf("%+v", &kp), fmt.Sprintf("%v", []signature.KeyPair{kp}),
	} {
		requireNoKeyMaterial(t, secret, s)
		require.Contains(t, s, "redacted")
	}
	require.Contains(t, kp.String(), kp.PublicKeyBase64)

	_, err = signature.GenerateKeyPair(nil, 2048)
	requireReason(t, err, signature.ReasonBadKey, "nil random source")
	for _, bits := range []int{512, 1024, 2047, 8192} {
		_, err = signature.GenerateKeyPair(rand.Reader, bits)
		requireReason(t, err, signature.ReasonBadKey, "use 2048, 3072 or 4096 bits")
	}
}

func pemBodyOf(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[1:len(lines)-1], "")
}

// Go 1.26: rsa.GenerateKey ignores its reader, so the same deterministic
// reader gives different keys, while testing/cryptotest.SetGlobalRandom
// makes generation reproducible.
func TestGenerateKeyPairGo126ReaderSemantics(t *testing.T) {
	zero := strings.NewReader(strings.Repeat("\x00", 1<<20))
	a, err := signature.GenerateKeyPair(zero, 2048)
	require.NoError(t, err)
	zero2 := strings.NewReader(strings.Repeat("\x00", 1<<20))
	b, err := signature.GenerateKeyPair(zero2, 2048)
	require.NoError(t, err)
	require.NotEqual(t, a.PublicKeyBase64, b.PublicKeyBase64, "reader is ignored: an all-zero reader still yields distinct keys")
	require.Equal(t, 1<<20, zero.Len(), "the reader was not read at all")

	cryptotest.SetGlobalRandom(t, 42)
	c, err := signature.GenerateKeyPair(rand.Reader, 2048)
	require.NoError(t, err)
	cryptotest.SetGlobalRandom(t, 42)
	d, err := signature.GenerateKeyPair(rand.Reader, 2048)
	require.NoError(t, err)
	require.Equal(t, c.PublicKeyBase64, d.PublicKeyBase64, "SetGlobalRandom makes generation reproducible")
}
