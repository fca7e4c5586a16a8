package signature_test

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/signature"
)

// Golden signatures with the test merchant key (testvectors/keys). They were
// computed independently with
//
//	printf 'POST <path>\n<clientId>.<time>.<body>' |
//	  openssl dgst -sha256 -sign merchant_private_pkcs8.pem | base64 -w0 |
//	  python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.stdin.read(),safe=""))'
//
// RSASSA-PKCS1-v1_5 is deterministic, so they never change unless the key
// does.
const (
	goldenSeedPay = "m6DknQzPH1gOPdYTBUkoHl%2F85M%2Byv8lqbc2PbR888PUipO0O8dApJl5vplvUVFn5rEwzrbSbqAtKQ67VhWUPcJgPR4%2FeaLcHS20wXF4B3heWi2IGVh41%2BK1Y%2BnlxT5CxB%2B%2FhAkfK9njdQ29d%2FjuIjnulwQPp1AKQS%2BHzpPoxyoCDejByCJ%2FH%2FPPoEwwhoRZqczCWMa86jzfU85mpK6jFjUuEMkz1vHwxeeuurtzZ2%2BEU%2FpUPWYnmx4CKrtQ%2B8dPfEmHazpNeFzIO8pXZKrnypt%2BAfH98t4W6ljytYsHR2xD7H%2BIgRLCf2pYF4kQbWsArYw24i%2FRL5jph4tj5eXqYvw%3D%3D"
	goldenSimple  = "oMDRdf5u10SPJ7YZN9jQ6Yohowp6zl%2FnHeoPOVJoRs4z7zOsMEfgBM4I%2BV82lnsfp78Wk67nPLxn9T4lF6WEf%2BU%2BMyxJT0CYQOak3WX0Td89IeEe5pAdEghiKXnkCXAKkclqT1Qteu8MAiCVuIjeqMW3cf5jibO4jCq8R5vW411Zqm7UXcfvxZvHb94bfbx28Qg3w8mfNj%2Fk%2BQxMmB7FtvfzfiRyVXNKpw%2FC3D6WYAX44UBhRAfWoB4Ey2JXBScmSoWfUw9uR3fnAf20ykh%2Bc%2Ffs5wT%2FmgKX%2BEHse6K6%2FX9yuHdOPJiJu0is3qfQciBMymMOFe1mAavoFttEchde7A%3D%3D"
	goldenEmpty   = "lt1GN2HDVgQtN%2Fg8LqMCzmRG8qv677YuqrQVcYlfcJ6amgwKO7zhS7D5aVwI8qdAF2eFwTrNghUXnwHAh3h3J6zwei8IZYLR2E82WfghVB33F9fm32s20JntXaninwPjr%2FSeyb%2Bczk7ZFFDg2rjZiZe8AcvK%2BUQmjV3GsdheYzJjoBUwgb6k8LaoJx1IbLyxjOBjQCwfwv2u3eJefsg%2FDPdhuCAEFGm2filT92uOVTCcbe7QF86oMS1h41Q2J5QEkpxqTaragrcv%2Bk0KiRrK2i9si8pRYaMXDKWoPqvIf%2BL1cJDMb4NJkTqzBzFnKItd4ARTf3r04Y%2BR%2Bv%2FjAbA%2Fdw%3D%3D"
)

type goldenCase struct {
	name, method, path, clientID, time string
	body                               []byte
	want                               string
}

func goldenCases() []goldenCase {
	return []goldenCase{
		{"seed pay request", "POST", "/ams/sandbox/api/v1/payments/pay", sandboxClientID, requestTime, []byte(seedPayBody), goldenSeedPay},
		{"simple body", "POST", "/ams/api/v1/payments/inquiryPayment", sandboxClientID, requestTime, []byte(`{"paymentRequestId":"PAY_1"}`), goldenSimple},
		{"empty body", "POST", "/ams/api/v1/payments/pay", sandboxClientID, requestTime, nil, goldenEmpty},
	}
}

func TestContentToSign(t *testing.T) {
	got := signature.ContentToSign("POST", "/ams/api/v1/payments/pay", "CID", "1700000000000", []byte(`{"a":1}`))
	require.Equal(t, "POST /ams/api/v1/payments/pay\nCID.1700000000000.{\"a\":1}", string(got))
	require.Equal(t, "GET /p\nc.t.", string(signature.ContentToSign("GET", "/p", "c", "t", nil)))
	// Body bytes are used verbatim: no trimming, no re-encoding.
	require.Equal(t, "POST /p\nc.t. {\"a\" : 1}\n", string(signature.ContentToSign("POST", "/p", "c", "t", []byte(" {\"a\" : 1}\n"))))
	require.Len(t, seedPayBody, 512)
}

func TestGoldenSignatures(t *testing.T) {
	k := loadKeys(t)
	privs := map[string]string{"pkcs8-base64": k.merchantPKCS8B64, "pkcs8-pem": k.merchantPKCS8PEM, "pkcs1-pem": k.merchantPKCS1PEM, "pkcs1-base64": k.merchantPKCS1B64}
	pub := mustPub(t, k.merchantSPKIB64)
	for _, tc := range goldenCases() {
		for fname, text := range privs {
			t.Run(tc.name+"/"+fname, func(t *testing.T) {
				key := mustPriv(t, text)
				require.Equal(t, signature.KeyFormat(fname), key.KeyFormat())
				got, err := signature.Sign(key, tc.method, tc.path, tc.clientID, tc.time, tc.body)
				require.NoError(t, err)
				require.Equal(t, tc.want, got)
				// Deterministic: signing again gives the same bytes.
				again, err := signature.Sign(key, tc.method, tc.path, tc.clientID, tc.time, tc.body)
				require.NoError(t, err)
				require.Equal(t, got, again)
				require.NoError(t, signature.Verify(pub, tc.method, tc.path, tc.clientID, tc.time, tc.body, signature.FormatHeader("1", got)))
			})
		}
	}
}

func TestGoldenSeedRequestHeaders(t *testing.T) {
	key := mustPriv(t, loadKeys(t).merchantPKCS8B64)
	path := signature.APIPath(sandboxClientID, "pay")
	require.Equal(t, "/ams/sandbox/api/v1/payments/pay", path)
	h, err := signature.SignRequest(key, "", "POST", path, sandboxClientID, requestTime, []byte(seedPayBody))
	require.NoError(t, err)
	require.Equal(t, signature.RequestHeaders{
		ClientID:    sandboxClientID,
		RequestTime: requestTime,
		Signature:   "algorithm=RSA256,keyVersion=1,signature=" + goldenSeedPay,
		ContentType: "application/json; charset=UTF-8",
	}, h)
	require.Equal(t, map[string]string{
		"Client-Id":    sandboxClientID,
		"Request-Time": requestTime,
		"Signature":    "algorithm=RSA256,keyVersion=1,signature=" + goldenSeedPay,
		"Content-Type": "application/json; charset=UTF-8",
	}, h.Map())
}

func TestFormatHeader(t *testing.T) {
	require.Equal(t, "algorithm=RSA256,keyVersion=1,signature=abc%3D", signature.FormatHeader("1", "abc%3D"))
	require.Equal(t, "algorithm=RSA256,keyVersion=1,signature=x", signature.FormatHeader("", "x"))
	require.Equal(t, "algorithm=RSA256,keyVersion=2,signature=x", signature.FormatHeader("2", "x"))
}

func TestEncodeSignatureMatchesQueryEscape(t *testing.T) {
	// Deterministic pseudo-random inputs covering every base64 character.
	b := make([]byte, 0, 300)
	x := uint32(2463534242)
	for n := 0; n < 300; n++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b = append(b, byte(x))
		enc := signature.EncodeSignature(b)
		require.Equal(t, url.QueryEscape(base64.StdEncoding.EncodeToString(b)), enc)
		dec, err := signature.DecodeSignature(enc)
		require.NoError(t, err)
		require.Equal(t, b, dec)
	}
}

func TestDecodeSignatureVariants(t *testing.T) {
	raw := []byte{0xfb, 0xff, 0xbf, 0x01, 0x02} // base64 "+/+/AQI="
	std := base64.StdEncoding.EncodeToString(raw)
	require.Equal(t, "+/+/AQI=", std)
	for name, in := range map[string]string{
		"raw base64 with + / and =": std,
		"url-encoded":               "%2B%2F%2B%2FAQI%3D",
		"lower-case percent hex":    "%2b%2f%2b%2fAQI%3d",
		"partly encoded":            "+%2F+/AQI%3D",
		"double-encoded":            "%252B%252F%252B%252FAQI%253D",
		"unpadded":                  "+/+/AQI",
		"url-safe alphabet":         "-_-_AQI=",
		"surrounding spaces":        "  +/+/AQI=  ",
	} {
		t.Run(name, func(t *testing.T) {
			got, err := signature.DecodeSignature(in)
			require.NoError(t, err)
			require.Equal(t, raw, got)
		})
	}
	got, err := signature.DecodeSignature("AQI+/w==")
	require.NoError(t, err)
	got2, err := signature.DecodeSignature("AQI /w==")
	require.NoError(t, err)
	require.Equal(t, got, got2, "an interior space (a form-decoded '+') is read back as '+'")

	for name, in := range map[string]string{
		"empty":           "",
		"bad percent":     "%zz",
		"dangling %":      "abc%",
		"non-base64":      "abc!def",
		"mixed alphabets": "a+b-cdef",
		"bad length":      "abcde",
		"only padding":    "====",
	} {
		t.Run("bad/"+name, func(t *testing.T) {
			_, err := signature.DecodeSignature(in)
			requireReason(t, err, signature.ReasonBadSignatureEncoding, "")
		})
	}
}

func TestRoundTripAllFormatCombinations(t *testing.T) {
	k := loadKeys(t)
	privs := map[string]string{
		"pkcs8-base64": k.merchantPKCS8B64, "pkcs8-pem": k.merchantPKCS8PEM,
		"pkcs1-pem": k.merchantPKCS1PEM, "pkcs1-base64": k.merchantPKCS1B64,
	}
	pubs := map[string]string{
		"spki-base64": k.merchantSPKIB64, "spki-pem": k.merchantSPKIPEM,
		"pkcs1-pem": k.merchantPKCS1PubPEM, "pkcs1-base64": k.merchantPKCS1PubB64,
	}
	body := []byte(seedPayBody)
	for pn, ptext := range privs {
		for vn, vtext := range pubs {
			t.Run(pn+"->"+vn, func(t *testing.T) {
				priv := mustPriv(t, ptext)
				pub := mustPub(t, vtext)
				require.Equal(t, signature.KeyFormat(vn), pub.KeyFormat())
				sig, err := signature.Sign(priv, "POST", "/ams/api/v1/payments/pay", "CID", requestTime, body)
				require.NoError(t, err)
				require.NoError(t, signature.Verify(pub, "POST", "/ams/api/v1/payments/pay", "CID", requestTime, body, signature.FormatHeader("1", sig)))
				require.Equal(t, priv.Public().Fingerprint(), pub.Fingerprint())
				// Tampering with any signed field fails.
				err = signature.Verify(pub, "POST", "/ams/api/v1/payments/pay", "CID", requestTime, append([]byte(nil), body[:len(body)-1]...), signature.FormatHeader("1", sig))
				requireReason(t, err, signature.ReasonSignatureMismatch, "")
			})
		}
	}
	// The Antom pair does not verify merchant signatures.
	sig, err := signature.Sign(mustPriv(t, k.merchantPKCS8B64), "POST", "/p", "c", "t", nil)
	require.NoError(t, err)
	err = signature.Verify(mustPub(t, k.antomSPKIB64), "POST", "/p", "c", "t", nil, signature.FormatHeader("1", sig))
	requireReason(t, err, signature.ReasonSignatureMismatch, "wrong key")
}

func TestVerifyAcceptsRawAndEncodedSignatures(t *testing.T) {
	k := loadKeys(t)
	pub := mustPub(t, k.merchantSPKIPEM)
	raw, err := url.QueryUnescape(goldenSeedPay)
	require.NoError(t, err)
	require.Contains(t, raw, "+")
	require.True(t, strings.HasSuffix(raw, "=="))
	path, body := "/ams/sandbox/api/v1/payments/pay", []byte(seedPayBody)
	for name, h := range map[string]string{
		"canonical":           "algorithm=RSA256,keyVersion=1,signature=" + goldenSeedPay,
		"raw base64":          "algorithm=RSA256,keyVersion=1,signature=" + raw,
		"raw, reordered":      "signature=" + raw + ", keyVersion=1 , algorithm = RSA256",
		"raw unpadded":        "algorithm=RSA256,keyVersion=1,signature=" + strings.TrimRight(raw, "="),
		"extra params":        "algorithm=RSA256,keyVersion=1,signature=" + goldenSeedPay + ",foo=bar,",
		"lowercase algorithm": "ALGORITHM=rsa256,KEYVERSION=1,SIGNATURE=" + goldenSeedPay,
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, signature.Verify(pub, "POST", path, sandboxClientID, requestTime, body, h))
		})
	}
}

func TestParseHeader(t *testing.T) {
	raw := "ab+/cd=="
	rawBytes, err := base64.StdEncoding.DecodeString(raw)
	require.NoError(t, err)
	enc := url.QueryEscape(raw)
	type want struct {
		alg, ver, encoded string
		reason            signature.Reason
	}
	cases := []struct {
		name, in string
		want     want
	}{
		{"canonical", "algorithm=RSA256,keyVersion=1,signature=" + enc, want{"RSA256", "1", enc, ""}},
		{"reordered", "signature=" + enc + ",keyVersion=1,algorithm=RSA256", want{"RSA256", "1", enc, ""}},
		{"spaces around , and =", "  algorithm = RSA256 ,\tkeyVersion= 1 , signature =" + enc + "  ", want{"RSA256", "1", enc, ""}},
		{"extra params", "algorithm=RSA256,foo=bar,keyVersion=1,x=y=z,signature=" + enc + ",trailing=1", want{"RSA256", "1", enc, ""}},
		{"trailing comma", "algorithm=RSA256,keyVersion=1,signature=" + enc + ",", want{"RSA256", "1", enc, ""}},
		{"empty params", ",,algorithm=RSA256,,signature=" + enc + ",,", want{"RSA256", "", enc, ""}},
		{"lowercase names", "algorithm=RSA256,keyversion=1,signature=" + enc, want{"RSA256", "1", enc, ""}},
		{"uppercase names", "ALGORITHM=RSA256,KEYVERSION=7,SIGNATURE=" + enc, want{"RSA256", "7", enc, ""}},
		{"lowercase algorithm value", "algorithm=rsa256,signature=" + enc, want{"rsa256", "", enc, ""}},
		{"raw base64 + / ==", "algorithm=RSA256,keyVersion=1,signature=" + raw, want{"RSA256", "1", raw, ""}},
		{"raw base64 last, padding split on first =", "keyVersion=1,signature=" + raw, want{"", "1", raw, ""}},
		{"url-encoded", "signature=" + enc, want{"", "", enc, ""}},
		{"quoted value", `algorithm="RSA256",signature="` + enc + `"`, want{"RSA256", "", enc, ""}},
		{"missing algorithm means RSA256", "keyVersion=1,signature=" + enc, want{"", "1", enc, ""}},

		{"empty string", "", want{reason: signature.ReasonMissingHeader}},
		{"only spaces", "   ", want{reason: signature.ReasonMissingHeader}},
		{"missing signature param", "algorithm=RSA256,keyVersion=1", want{reason: signature.ReasonMalformedHeader}},
		{"param without =", "algorithm=RSA256,keyVersion,signature=" + enc, want{reason: signature.ReasonMalformedHeader}},
		{"param without name", "algorithm=RSA256,=1,signature=" + enc, want{reason: signature.ReasonMalformedHeader}},
		{"bare signature value", enc, want{reason: signature.ReasonMalformedHeader}},
		{"duplicate signature", "signature=" + enc + ",signature=" + enc, want{reason: signature.ReasonMalformedHeader}},
		{"duplicate signature, different case", "signature=" + enc + ",Signature=" + enc, want{reason: signature.ReasonMalformedHeader}},
		{"duplicate algorithm", "algorithm=RSA256,algorithm=RSA256,signature=" + enc, want{reason: signature.ReasonMalformedHeader}},
		{"duplicate keyVersion", "keyVersion=1,keyVersion=2,signature=" + enc, want{reason: signature.ReasonMalformedHeader}},
		{"unsupported algorithm", "algorithm=RSA512,signature=" + enc, want{reason: signature.ReasonUnsupportedAlgorithm}},
		{"empty algorithm", "algorithm=,signature=" + enc, want{reason: signature.ReasonUnsupportedAlgorithm}},
		{"empty signature", "algorithm=RSA256,signature=", want{reason: signature.ReasonBadSignatureEncoding}},
		{"signature not base64", "algorithm=RSA256,signature=abc$def", want{reason: signature.ReasonBadSignatureEncoding}},
		{"bad percent escape", "algorithm=RSA256,signature=abc%G1", want{reason: signature.ReasonBadSignatureEncoding}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, err := signature.ParseHeader(tc.in)
			if tc.want.reason != "" {
				e := requireReason(t, err, tc.want.reason, "")
				require.Equal(t, "signature", e.Header)
				require.Equal(t, signature.Header{}, h)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want.alg, h.Algorithm)
			require.Equal(t, tc.want.ver, h.KeyVersion)
			require.Equal(t, tc.want.encoded, h.EncodedSignature)
			require.Equal(t, rawBytes, h.Signature)
		})
	}
}

func TestVerifyOneNegativePerReason(t *testing.T) {
	k := loadKeys(t)
	priv := mustPriv(t, k.merchantPKCS8B64)
	pub := mustPub(t, k.merchantSPKIB64)
	path, body := "/ams/api/v1/payments/pay", []byte(`{"a":1}`)
	sig, err := signature.Sign(priv, "POST", path, "CID", requestTime, body)
	require.NoError(t, err)
	good := signature.FormatHeader("1", sig)
	require.NoError(t, signature.Verify(pub, "POST", path, "CID", requestTime, body, good))

	short := base64.StdEncoding.EncodeToString(make([]byte, 128))
	cases := []struct {
		name   string
		pub    *signature.PublicKey
		header string
		method string
		reason signature.Reason
		want   string
	}{
		{"missing header", pub, "", "POST", signature.ReasonMissingHeader, "signature"},
		{"malformed header", pub, "algorithm=RSA256,signature", "POST", signature.ReasonMalformedHeader, "has no '='"},
		{"unsupported algorithm", pub, "algorithm=ECDSA256,signature=" + sig, "POST", signature.ReasonUnsupportedAlgorithm, `"ECDSA256"`},
		{"bad signature encoding", pub, "algorithm=RSA256,signature=not*base64", "POST", signature.ReasonBadSignatureEncoding, "not base64"},
		{"signature wrong length", pub, "algorithm=RSA256,signature=" + short, "POST", signature.ReasonBadSignatureEncoding, "128 bytes"},
		{"bad key (nil)", nil, good, "POST", signature.ReasonBadKey, "nil public key"},
		{"signature mismatch", pub, good, "GET", signature.ReasonSignatureMismatch, "does not match"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := signature.Verify(tc.pub, tc.method, path, "CID", requestTime, body, tc.header)
			requireReason(t, err, tc.reason, tc.want)
		})
	}
	// Time reasons: see TestTolerance. Sign with a nil key:
	_, err = signature.Sign(nil, "POST", path, "CID", requestTime, body)
	requireReason(t, err, signature.ReasonBadKey, "nil private key")
}

// antomHeaders signs like Antom does for a response or notification.
func antomHeaders(t *testing.T, method, path, clientID, timeName, ts string, body []byte) map[string]string {
	t.Helper()
	antom := mustPriv(t, loadKeys(t).antomPKCS8B64)
	sig, err := signature.Sign(antom, method, path, clientID, ts, body)
	require.NoError(t, err)
	return map[string]string{
		"client-id":    clientID,
		timeName:       ts,
		"signature":    signature.FormatHeader("1", sig),
		"content-type": "application/json; charset=UTF-8",
	}
}

func TestVerifyResponse(t *testing.T) {
	k := loadKeys(t)
	pub := mustPub(t, k.antomSPKIB64)
	path := "/ams/sandbox/api/v1/payments/pay"
	body := []byte(`{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`)
	h := antomHeaders(t, "POST", path, sandboxClientID, "response-time", requestTime, body)
	require.NoError(t, signature.VerifyResponse(pub, "POST", path, h, body, signature.VerifyOptions{}))

	// Header names are case-insensitive.
	mixed := map[string]string{"Client-Id": h["client-id"], "RESPONSE-TIME": h["response-time"], "Signature": h["signature"]}
	require.NoError(t, signature.VerifyResponse(pub, "POST", path, mixed, body, signature.VerifyOptions{}))
	// Same header under two casings with the same value is fine.
	dup := map[string]string{"client-id": h["client-id"], "Client-Id": h["client-id"], "response-time": h["response-time"], "signature": h["signature"]}
	require.NoError(t, signature.VerifyResponse(pub, "POST", path, dup, body, signature.VerifyOptions{}))

	// Request-time instead of response-time is a missing header, named.
	swapped := map[string]string{"client-id": h["client-id"], "request-time": h["response-time"], "signature": h["signature"]}
	e := requireReason(t, signature.VerifyResponse(pub, "POST", path, swapped, body, signature.VerifyOptions{}), signature.ReasonMissingHeader, "response-time")
	require.Equal(t, "response-time", e.Header)

	for _, name := range []string{"client-id", "response-time", "signature"} {
		t.Run("missing "+name, func(t *testing.T) {
			m := map[string]string{}
			for k, v := range h {
				if k != name {
					m[k] = v
				}
			}
			e := requireReason(t, signature.VerifyResponse(pub, "POST", path, m, body, signature.VerifyOptions{}), signature.ReasonMissingHeader, name)
			require.Equal(t, name, e.Header)
			m[name] = "  "
			requireReason(t, signature.VerifyResponse(pub, "POST", path, m, body, signature.VerifyOptions{}), signature.ReasonMissingHeader, name)
		})
	}
	conflicting := map[string]string{"client-id": h["client-id"], "Client-Id": "OTHER", "response-time": h["response-time"], "signature": h["signature"]}
	e = requireReason(t, signature.VerifyResponse(pub, "POST", path, conflicting, body, signature.VerifyOptions{}), signature.ReasonMalformedHeader, "different values")
	require.Equal(t, "client-id", e.Header)

	// Wrong request path, wrong body, wrong key.
	requireReason(t, signature.VerifyResponse(pub, "POST", "/ams/api/v1/payments/pay", h, body, signature.VerifyOptions{}), signature.ReasonSignatureMismatch, "")
	requireReason(t, signature.VerifyResponse(pub, "POST", path, h, append(body, ' '), signature.VerifyOptions{}), signature.ReasonSignatureMismatch, "")
	requireReason(t, signature.VerifyResponse(mustPub(t, k.merchantSPKIB64), "POST", path, h, body, signature.VerifyOptions{}), signature.ReasonSignatureMismatch, "")
	requireReason(t, signature.VerifyResponse(nil, "POST", path, h, body, signature.VerifyOptions{}), signature.ReasonBadKey, "")
}

func TestVerifyNotification(t *testing.T) {
	k := loadKeys(t)
	pub := mustPub(t, k.antomSPKIPEM)
	notify := "/antom/notify"
	body := []byte(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"PAY_20221114141714891"}`)
	h := antomHeaders(t, "POST", notify, sandboxClientID, "request-time", requestTime, body)
	require.NoError(t, signature.VerifyNotification(pub, notify, h, body, signature.VerifyOptions{}))

	multi := map[string][]string{"Client-Id": {h["client-id"]}, "Request-Time": {h["request-time"]}, "Signature": {h["signature"], "ignored"}}
	require.NoError(t, signature.VerifyNotification(pub, notify, signature.FlattenHeaders(multi), body, signature.VerifyOptions{}))

	// A response-time header does not count for notifications.
	r := map[string]string{"client-id": h["client-id"], "response-time": h["request-time"], "signature": h["signature"]}
	requireReason(t, signature.VerifyNotification(pub, notify, r, body, signature.VerifyOptions{}), signature.ReasonMissingHeader, "request-time")
	// Body parsed and re-serialised (even semantically equal) fails: verify raw bytes.
	requireReason(t, signature.VerifyNotification(pub, notify, h, []byte(strings.ReplaceAll(string(body), ",", ", ")), signature.VerifyOptions{}), signature.ReasonSignatureMismatch, "")
	requireReason(t, signature.VerifyNotification(pub, "/other", h, body, signature.VerifyOptions{}), signature.ReasonSignatureMismatch, "")
}

func TestAPIPath(t *testing.T) {
	for _, tc := range []struct{ clientID, api, want string }{
		{"SANDBOX_5Y0A2N2Y3B5J04251", "pay", "/ams/sandbox/api/v1/payments/pay"},
		{"5Y0A2N2Y3B5J04251", "pay", "/ams/api/v1/payments/pay"},
		{"X", "capture", "/ams/api/v1/payments/capture"},
		{"X", "cancel", "/ams/api/v1/payments/cancel"},
		{"X", "inquiryPayment", "/ams/api/v1/payments/inquiryPayment"},
		{"X", "refund", "/ams/api/v1/payments/refund"},
		{"X", "inquiryRefund", "/ams/api/v1/payments/inquiryRefund"},
		{"X", "consult", "/ams/api/v1/payments/consult"},
		{"SANDBOX_X", "inquiryRefund", "/ams/sandbox/api/v1/payments/inquiryRefund"},
		{"SANDBOX_X", "v1/vaults/vaultPaymentMethod", "/ams/sandbox/api/v1/vaults/vaultPaymentMethod"},
		{"X", "v1/vaults/vaultPaymentMethod", "/ams/api/v1/vaults/vaultPaymentMethod"},
		{"SANDBOX_X", "/ams/api/v1/payments/pay", "/ams/sandbox/api/v1/payments/pay"},
		{"sandbox_X", "pay", "/ams/api/v1/payments/pay"}, // prefix is case-sensitive
	} {
		require.Equal(t, tc.want, signature.APIPath(tc.clientID, tc.api), "%s %s", tc.clientID, tc.api)
	}
	require.Equal(t, "/ams/sandbox/api/v1/payments/pay", signature.SandboxPath("SANDBOX_X", "/ams/api/v1/payments/pay"))
	require.Equal(t, "/ams/api/v1/payments/pay", signature.SandboxPath("LIVE", "/ams/api/v1/payments/pay"))
	require.Equal(t, "/ams/sandbox/api/v1/payments/pay", signature.SandboxPath("SANDBOX_X", "/ams/sandbox/api/v1/payments/pay"))
	require.Equal(t, "/notify", signature.SandboxPath("SANDBOX_X", "/notify"))
	require.True(t, signature.IsSandboxClientID("SANDBOX_1"))
	require.False(t, signature.IsSandboxClientID("1SANDBOX_"))
}

func TestReasonsAndErrorsIs(t *testing.T) {
	require.Equal(t, []signature.Reason{
		"missing_header", "malformed_header", "unsupported_algorithm", "bad_signature_encoding",
		"bad_key", "signature_mismatch", "time_outside_tolerance", "bad_time",
	}, signature.Reasons())
	sentinels := map[signature.Reason]error{
		signature.ReasonMissingHeader:        signature.ErrMissingHeader,
		signature.ReasonMalformedHeader:      signature.ErrMalformedHeader,
		signature.ReasonUnsupportedAlgorithm: signature.ErrUnsupportedAlgorithm,
		signature.ReasonBadSignatureEncoding: signature.ErrBadSignatureEncoding,
		signature.ReasonBadKey:               signature.ErrBadKey,
		signature.ReasonSignatureMismatch:    signature.ErrSignatureMismatch,
		signature.ReasonTimeOutsideTolerance: signature.ErrTimeOutsideTolerance,
		signature.ReasonBadTime:              signature.ErrBadTime,
	}
	require.Len(t, sentinels, len(signature.Reasons()))
	for r, s := range sentinels {
		err := error(&signature.Error{Reason: r, Message: "m", Header: "h"})
		wrapped := errors.Join(errors.New("context"), err)
		require.ErrorIs(t, wrapped, s)
		require.ErrorIs(t, err, &signature.Error{Reason: r})
		require.Equal(t, r, signature.ReasonOf(wrapped))
		require.Equal(t, "signature: "+string(r)+" (header h): m", err.Error())
		for r2, s2 := range sentinels {
			if r2 != r {
				require.NotErrorIs(t, err, s2)
			}
		}
	}
	require.Equal(t, signature.Reason(""), signature.ReasonOf(errors.New("x")))
	require.Equal(t, signature.ReasonBadKey, signature.ReasonOf(signature.ErrBadKey))
}
