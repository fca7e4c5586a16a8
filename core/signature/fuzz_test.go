package signature_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/paycore/paycore/core/signature"
)

func requireTyped(t *testing.T, err error, allowed ...signature.Reason) {
	t.Helper()
	if err == nil {
		return
	}
	e, ok := err.(*signature.Error)
	if !ok {
		t.Fatalf("untyped error %T: %v", err, err)
	}
	if !slices.Contains(allowed, e.Reason) {
		t.Fatalf("unexpected reason %q: %v", e.Reason, err)
	}
	if e.Message == "" {
		t.Fatalf("error without a message: %v", err)
	}
}

func FuzzParseHeader(f *testing.F) {
	for _, s := range []string{
		"",
		"algorithm=RSA256,keyVersion=1,signature=" + goldenSeedPay,
		"algorithm=RSA256,keyVersion=1,signature=ab+/cd==",
		" signature = ab%2B%2Fcd%3D%3D , algorithm = rsa256 ,x=y,",
		"signature=a,signature=b",
		"algorithm=RSA512,signature=AAAA",
		"signature=%",
		"signature=%25252B",
		`signature="QUJD"`,
		"=,=,=",
		",,,,",
		"signature=" + strings.Repeat("A", 344),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := signature.ParseHeader(s)
		requireTyped(t, err, signature.ReasonMissingHeader, signature.ReasonMalformedHeader,
			signature.ReasonUnsupportedAlgorithm, signature.ReasonBadSignatureEncoding)
		if err == nil {
			if len(h.Signature) == 0 {
				t.Fatalf("accepted %q with an empty signature", s)
			}
			if h.Algorithm != "" && !strings.EqualFold(h.Algorithm, "RSA256") {
				t.Fatalf("accepted algorithm %q", h.Algorithm)
			}
		}
	})
}

func addKeySeeds(f *testing.F) {
	k := loadKeys(f)
	for _, s := range []string{
		k.merchantPKCS8B64, k.merchantPKCS8PEM, k.merchantPKCS1PEM, k.merchantPKCS1B64,
		k.merchantSPKIB64, k.merchantSPKIPEM, k.merchantPKCS1PubPEM, k.merchantPKCS1PubB64,
		k.ecPEM, k.ecPubPEM, k.ed25519PEM, k.rsa512PEM, k.rsa512PubPEM,
	} {
		f.Add(s)
		f.Add(s[:len(s)/2])
		f.Add(s[:len(s)-30])
		f.Add(strings.ReplaceAll(s, "\n", `\n`))
	}
	f.Add("")
	f.Add("-----BEGIN PRIVATE KEY-----")
	f.Add("-----BEGIN X-----\n-----END X-----")
	f.Add("MA==")
	f.Add("MIIBCgKCAQEA")
}

// fuzzChunks returns 20-char windows of the base64 content of s, to check
// that an error never echoes key text.
func fuzzChunks(s string) []string {
	var clean strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "-----") {
			continue
		}
		clean.WriteString(strings.TrimSpace(line))
	}
	c := clean.String()
	var out []string
	for i := 0; i+20 <= len(c); i += 20 {
		out = append(out, c[i:i+20])
	}
	return out
}

func FuzzParsePrivateKey(f *testing.F) {
	addKeySeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		k, err := signature.ParsePrivateKey(s)
		requireTyped(t, err, signature.ReasonBadKey)
		if err != nil {
			if k != nil {
				t.Fatal("key and error")
			}
			requireNoKeyMaterial(t, fuzzChunks(s), err.Error())
			return
		}
		if k.Bits() < signature.MinKeyBits || k.Bits() > signature.MaxKeyBits {
			t.Fatalf("accepted RSA-%d", k.Bits())
		}
		requireNoKeyMaterial(t, fuzzChunks(s), k.String())
		if _, err := signature.Sign(k, "POST", "/p", "c", "t", nil); err != nil {
			requireTyped(t, err, signature.ReasonBadKey)
		}
	})
}

func FuzzParsePublicKey(f *testing.F) {
	addKeySeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		k, err := signature.ParsePublicKey(s)
		requireTyped(t, err, signature.ReasonBadKey)
		if err != nil {
			if k != nil {
				t.Fatal("key and error")
			}
			requireNoKeyMaterial(t, fuzzChunks(s), err.Error())
			return
		}
		if k.Bits() < signature.MinKeyBits || k.Bits() > signature.MaxKeyBits {
			t.Fatalf("accepted RSA-%d", k.Bits())
		}
		err = signature.Verify(k, "POST", "/p", "c", "t", nil, "signature=AAAA")
		requireTyped(t, err, signature.ReasonBadSignatureEncoding, signature.ReasonSignatureMismatch)
	})
}

// FuzzVerify holds the two properties a verifier must have: a signature made over
// the content verifies, and a changed one (one flipped bit in the signature or the
// body, or a longer time or path) does not. Arbitrary headers fail only with the
// typed reasons.
func FuzzVerify(f *testing.F) {
	k := loadKeys(f)
	priv := mustPriv(f, k.merchantPKCS8B64)
	pub := mustPub(f, k.merchantSPKIB64)
	f.Add("POST", "/ams/sandbox/api/v1/payments/pay", sandboxClientID, requestTime, []byte(seedPayBody), "algorithm=RSA256,keyVersion=1,signature="+goldenSeedPay, uint16(7))
	f.Add("POST", "/p", "c", "t", []byte(nil), "signature=AAAA", uint16(0))
	f.Fuzz(func(t *testing.T, method, path, clientID, ts string, body []byte, header string, flip uint16) {
		err := signature.Verify(pub, method, path, clientID, ts, body, header)
		requireTyped(t, err, signature.ReasonMissingHeader, signature.ReasonMalformedHeader,
			signature.ReasonUnsupportedAlgorithm, signature.ReasonBadSignatureEncoding, signature.ReasonSignatureMismatch)

		sig, err := signature.Sign(priv, method, path, clientID, ts, body)
		if err != nil {
			t.Fatalf("signing: %v", err)
		}
		good := signature.FormatHeader("1", sig)
		if err := signature.Verify(pub, method, path, clientID, ts, body, good); err != nil {
			t.Fatalf("a correct signature does not verify: %v", err)
		}
		mismatch := func(what string, err error) {
			t.Helper()
			e, ok := err.(*signature.Error)
			if !ok || e.Reason != signature.ReasonSignatureMismatch {
				t.Fatalf("%s: want signature_mismatch, got %v", what, err)
			}
		}
		raw, err := signature.DecodeSignature(sig)
		if err != nil {
			t.Fatalf("decoding our own signature: %v", err)
		}
		i := int(flip) % (len(raw) * 8)
		raw[i/8] ^= 1 << (i % 8)
		mismatch("one bit of the signature flipped", signature.Verify(pub, method, path, clientID, ts, body, signature.FormatHeader("1", signature.EncodeSignature(raw))))
		if len(body) > 0 {
			changed := append([]byte(nil), body...)
			j := int(flip) % (len(changed) * 8)
			changed[j/8] ^= 1 << (j % 8)
			mismatch("one bit of the body flipped", signature.Verify(pub, method, path, clientID, ts, changed, good))
		}
		mismatch("a longer time", signature.Verify(pub, method, path, clientID, ts+"0", body, good))
		mismatch("a longer path", signature.Verify(pub, method, path+"/", clientID, ts, body, good))
	})
}
