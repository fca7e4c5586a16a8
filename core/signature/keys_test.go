package signature_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/signature"
)

func wrap64(s string, eol string) string {
	var b strings.Builder
	for len(s) > 64 {
		b.WriteString(s[:64] + eol)
		s = s[64:]
	}
	b.WriteString(s)
	return b.String()
}

func TestParsePrivateKeyFormats(t *testing.T) {
	k := loadKeys(t)
	b64 := strings.TrimSpace(k.merchantPKCS8B64)
	der, err := base64.StdEncoding.DecodeString(b64)
	require.NoError(t, err)
	oneLinePEM := "-----BEGIN PRIVATE KEY-----" + b64 + "-----END PRIVATE KEY-----"
	cases := []struct {
		name, in string
		want     signature.KeyFormat
	}{
		{"pkcs8 base64 (dashboard)", k.merchantPKCS8B64, signature.KeyFormatPKCS8Base64},
		{"pkcs8 base64 wrapped LF", wrap64(b64, "\n"), signature.KeyFormatPKCS8Base64},
		{"pkcs8 base64 wrapped CRLF with indent", "  " + wrap64(b64, "\r\n    ") + "\r\n", signature.KeyFormatPKCS8Base64},
		{"pkcs8 base64 with spaces", strings.Join(strings.SplitAfter(b64, "A"), " "), signature.KeyFormatPKCS8Base64},
		{"pkcs8 base64 unpadded", strings.TrimRight(b64, "="), signature.KeyFormatPKCS8Base64},
		{"pkcs8 base64 url-safe", base64.URLEncoding.EncodeToString(der), signature.KeyFormatPKCS8Base64},
		{"pkcs8 base64 with BOM", "\ufeff" + b64, signature.KeyFormatPKCS8Base64},
		{"pkcs8 pem", k.merchantPKCS8PEM, signature.KeyFormatPKCS8PEM},
		{"pkcs8 pem CRLF", strings.ReplaceAll(k.merchantPKCS8PEM, "\n", "\r\n"), signature.KeyFormatPKCS8PEM},
		{"pkcs8 pem with escaped newlines", strings.ReplaceAll(k.merchantPKCS8PEM, "\n", `\n`), signature.KeyFormatPKCS8PEM},
		{"pkcs8 pem on one line", oneLinePEM, signature.KeyFormatPKCS8PEM},
		{"pkcs8 pem with leading text", "Bag Attributes\n    localKeyID: 01\n" + k.merchantPKCS8PEM, signature.KeyFormatPKCS8PEM},
		{"pkcs1 pem", k.merchantPKCS1PEM, signature.KeyFormatPKCS1PEM},
		{"pkcs1 base64", k.merchantPKCS1B64, signature.KeyFormatPKCS1Base64},
		{"pkcs8 body under RSA PRIVATE KEY label", strings.ReplaceAll(k.merchantPKCS8PEM, "PRIVATE KEY", "RSA PRIVATE KEY"), signature.KeyFormatPKCS8PEM},
	}
	var fp string
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			key, err := signature.ParsePrivateKey(tc.in)
			require.NoError(t, err)
			require.Equal(t, tc.want, key.KeyFormat())
			require.Equal(t, 2048, key.Bits())
			require.False(t, key.Weak())
			if fp == "" {
				fp = key.Public().Fingerprint()
			}
			require.Equal(t, fp, key.Public().Fingerprint(), "same key in every format")
		})
	}
}

func TestParsePublicKeyFormats(t *testing.T) {
	k := loadKeys(t)
	cases := []struct {
		name, in string
		want     signature.KeyFormat
	}{
		{"spki base64 (dashboard)", k.merchantSPKIB64, signature.KeyFormatSPKIBase64},
		{"spki base64 wrapped", wrap64(strings.TrimSpace(k.merchantSPKIB64), "\n"), signature.KeyFormatSPKIBase64},
		{"spki pem", k.merchantSPKIPEM, signature.KeyFormatSPKIPEM},
		{"spki pem escaped newlines", strings.ReplaceAll(k.merchantSPKIPEM, "\n", `\n`), signature.KeyFormatSPKIPEM},
		{"pkcs1 pem", k.merchantPKCS1PubPEM, signature.KeyFormatPKCS1PEM},
		{"pkcs1 base64", k.merchantPKCS1PubB64, signature.KeyFormatPKCS1Base64},
	}
	want := mustPriv(t, k.merchantPKCS8B64).Public().Fingerprint()
	require.Len(t, want, 64)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			key, err := signature.ParsePublicKey(tc.in)
			require.NoError(t, err)
			require.Equal(t, tc.want, key.KeyFormat())
			require.Equal(t, 2048, key.Bits())
			require.Equal(t, want, key.Fingerprint())
			require.NotNil(t, key.RSA())
			require.Equal(t, "RSA-2048 public key ("+string(tc.want)+")", key.String())
		})
	}
}

// certificatePEM makes a self-signed certificate with the test merchant key.
func certificatePEM(t *testing.T) string {
	blk, _ := pem.Decode([]byte(loadKeys(t).merchantPKCS1PEM))
	rk, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
	require.NoError(t, err)
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Unix(1700000000, 0), NotAfter: time.Unix(1800000000, 0),
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &rk.PublicKey, rk)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func reLabel(s, from, to string) string { return strings.ReplaceAll(s, from, to) }

func pemBody(t *testing.T, s string) string {
	blk, _ := pem.Decode([]byte(s))
	require.NotNil(t, blk)
	return base64.StdEncoding.EncodeToString(blk.Bytes)
}

func TestParseKeyErrors(t *testing.T) {
	k := loadKeys(t)
	chunks := privateChunks(t)
	b64 := strings.TrimSpace(k.merchantPKCS8B64)
	der, _ := base64.StdEncoding.DecodeString(b64)

	ecBlk, _ := pem.Decode([]byte(k.ecPEM))
	ecKey, err := x509.ParsePKCS8PrivateKey(ecBlk.Bytes)
	require.NoError(t, err)
	sec1, err := x509.MarshalECPrivateKey(ecKey.(*ecdsa.PrivateKey))
	require.NoError(t, err)
	sec1PEM := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}))
	cert := certificatePEM(t)
	encryptedPEM := "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00000000000000000000000000000000\n\n" +
		wrap64(b64, "\n") + "\n-----END RSA PRIVATE KEY-----\n"

	privCases := []struct{ name, in, want string }{
		{"empty", "", "empty key"},
		{"whitespace", " \n\t ", "empty key"},
		{"not base64", "MIIE!" + b64[5:], "not base64: invalid character at offset 4"},
		{"truncated base64 (odd length)", b64[:len(b64)/2+1], "truncated"},
		{"truncated base64 (half)", b64[:len(b64)/2], "truncated DER"},
		{"truncated DER", base64.StdEncoding.EncodeToString(der[:len(der)-10]), "truncated DER"},
		{"trailing bytes after DER", base64.StdEncoding.EncodeToString(append(append([]byte(nil), der...), 0, 0)), "unexpected bytes after the key"},
		{"not a key", base64.StdEncoding.EncodeToString([]byte("hello, world, this is not a key")), "not a DER key"},
		{"tiny", "AA==", "too short"},
		{"EC PKCS#8", k.ecPEM, "EC key: Antom uses RSA"},
		{"EC PKCS#8 base64", pemBody(t, k.ecPEM), "EC key: Antom uses RSA"},
		{"EC SEC1 PEM", sec1PEM, "EC key: Antom uses RSA"},
		{"EC SEC1 base64", base64.StdEncoding.EncodeToString(sec1), "EC key: Antom uses RSA"},
		{"Ed25519", k.ed25519PEM, "Ed25519 key: Antom uses RSA"},
		{"public SPKI base64 as private", k.merchantSPKIB64, "public key given where a private key is expected"},
		{"public PEM as private", k.merchantSPKIPEM, "public key given where a private key is expected"},
		{"public PKCS#1 base64 as private", k.merchantPKCS1PubB64, "public key given where a private key is expected"},
		{"certificate", cert, "certificate"},
		{"certificate base64", pemBody(t, cert), "certificate"},
		{"encrypted PEM", encryptedPEM, "encrypted"},
		{"encrypted PKCS#8", reLabel(k.merchantPKCS8PEM, "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), "encrypted"},
		{"OpenSSH", reLabel(k.merchantPKCS8PEM, "PRIVATE KEY", "OPENSSH PRIVATE KEY"), "OpenSSH"},
		{"two PEM blocks", k.merchantPKCS8PEM + k.merchantPKCS1PEM, "more than one PEM block"},
		{"PEM without END", strings.Split(k.merchantPKCS8PEM, "-----END")[0], "no -----END line"},
		{"PEM with damaged body", strings.Replace(k.merchantPKCS8PEM, "M", "*", 2), "PEM body: not base64"},
		{"PEM with mismatched END", reLabel(k.merchantPKCS8PEM, "END PRIVATE KEY", "END PUBLIC KEY"), "does not match"},
		{"PEM without BEGIN", strings.SplitN(k.merchantPKCS8PEM, "\n", 2)[1], "no -----BEGIN line"},
		{"PEM truncated body", k.merchantPKCS8PEM[:600] + "\n-----END PRIVATE KEY-----\n", "truncated DER"},
		{"RSA-512 too small", k.rsa512PEM, "RSA-512 key is too small"},
		{"huge input", strings.Repeat("A", 70000), "longer than any supported RSA key"},
		{"mixed base64 alphabets", "ab+c-def", "mixes"},
	}
	for _, tc := range privCases {
		t.Run("private/"+tc.name, func(t *testing.T) {
			key, err := signature.ParsePrivateKey(tc.in)
			require.Nil(t, key)
			requireReason(t, err, signature.ReasonBadKey, tc.want)
			requireNoKeyMaterial(t, chunks, err.Error())
			requireNoKeyMaterial(t, chunks, fmt.Sprintf("%+v %#v", err, err))
		})
	}

	pubCases := []struct{ name, in, want string }{
		{"empty", "", "empty key"},
		{"private PKCS#8 base64 as public", k.merchantPKCS8B64, "private key given where a public key is expected"},
		{"private PKCS#8 PEM as public", k.merchantPKCS8PEM, "private key given where a public key is expected"},
		{"private PKCS#1 PEM as public", k.merchantPKCS1PEM, "private key given where a public key is expected"},
		{"private PKCS#1 base64 as public", k.merchantPKCS1B64, "private key given where a public key is expected"},
		{"private PKCS#8 PEM mislabelled PUBLIC KEY", reLabel(k.merchantPKCS8PEM, "PRIVATE KEY", "PUBLIC KEY"), "private key given where a public key is expected"},
		{"EC private as public", k.ecPEM, "private key given"},
		{"EC public", k.ecPubPEM, "EC public key: Antom uses RSA"},
		{"EC public base64", pemBody(t, k.ecPubPEM), "EC public key: Antom uses RSA"},
		{"certificate", cert, "certificate"},
		{"certificate base64", pemBody(t, cert), "certificate"},
		{"truncated", strings.TrimSpace(k.merchantSPKIB64)[:200], "truncated DER"},
		{"not base64", "MIIB#" + k.merchantSPKIB64[5:], "not base64"},
		{"RSA-512 too small", k.rsa512PubPEM, "RSA-512 key is too small"},
	}
	for _, tc := range pubCases {
		t.Run("public/"+tc.name, func(t *testing.T) {
			key, err := signature.ParsePublicKey(tc.in)
			require.Nil(t, key)
			requireReason(t, err, signature.ReasonBadKey, tc.want)
			requireNoKeyMaterial(t, chunks, err.Error())
		})
	}

	t.Run("oversized integers refused before crypto/x509 validates them", func(t *testing.T) {
		huge := new(big.Int).Lsh(big.NewInt(1), 40000)
		huge.Sub(huge, big.NewInt(1))
		type pkcs1 struct {
			Version                     int
			N, E, D, P, Q, Dp, Dq, Qinv *big.Int
		}
		der, err := asn1.Marshal(pkcs1{0, huge, big.NewInt(65537), huge, huge, huge, huge, huge, huge})
		require.NoError(t, err)
		for _, in := range []string{
			base64.StdEncoding.EncodeToString(der),
			string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der})),
		} {
			_, err = signature.ParsePrivateKey(in)
			requireReason(t, err, signature.ReasonBadKey, "larger than the supported maximum of 8192 bits")
		}
		_, err = signature.ParsePublicKey(base64.StdEncoding.EncodeToString(der))
		requireReason(t, err, signature.ReasonBadKey, "private key given where a public key is expected")
		_, err = signature.ParsePublicKey(base64.StdEncoding.EncodeToString(x509.MarshalPKCS1PublicKey(&rsa.PublicKey{N: huge, E: 65537})))
		requireReason(t, err, signature.ReasonBadKey, "RSA-40000 key is larger than the supported maximum")
	})

	t.Run("RSA-1024 accepted but weak", func(t *testing.T) {
		key := mustPriv(t, k.rsa1024PEM)
		require.Equal(t, 1024, key.Bits())
		require.True(t, key.Weak())
		require.True(t, key.Public().Weak())
		sig, err := signature.Sign(key, "POST", "/p", "c", "t", nil)
		require.NoError(t, err)
		require.NoError(t, signature.Verify(key.Public(), "POST", "/p", "c", "t", nil, signature.FormatHeader("1", sig)))
		// A 1024-bit signature checked against a 2048-bit key: wrong length.
		err = signature.Verify(mustPub(t, k.merchantSPKIB64), "POST", "/p", "c", "t", nil, signature.FormatHeader("1", sig))
		requireReason(t, err, signature.ReasonBadSignatureEncoding, "128 bytes but this RSA-2048 key needs 256")
	})
}

func TestRedaction(t *testing.T) {
	k := loadKeys(t)
	chunks := privateChunks(t)
	for name, text := range map[string]string{"pkcs8-base64": k.merchantPKCS8B64, "pkcs8-pem": k.merchantPKCS8PEM, "pkcs1-pem": k.merchantPKCS1PEM} {
		t.Run(name, func(t *testing.T) {
			key := mustPriv(t, text)
			want := "RSA-2048 private key (" + name + ", redacted)"
			require.Equal(t, want, key.String())
			require.Equal(t, "signature.PrivateKey("+want+")", key.GoString())
			type config struct {
				Key    *signature.PrivateKey
				hidden *signature.PrivateKey
			}
			cfg := config{Key: key, hidden: key}
			var out []string
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
				out = append(out, fmt.Sprintf(verb, key), fmt.Sprintf(verb, cfg), fmt.Sprintf(verb, *key), fmt.Sprintf(verb, []any{key}))
			}
			out = append(out, fmt.Sprint(key), fmt.Sprintln(key, cfg))
			require.Contains(t, fmt.Sprintf("%v", key), want)
			require.Contains(t, fmt.Sprintf("%#v", cfg), "signature.PrivateKey("+want+")")

			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("k", "key", key, "cfg", cfg)
			slog.New(slog.NewTextHandler(&buf, nil)).Info("k", "key", key, slog.Any("any", key))
			out = append(out, buf.String())
			require.Contains(t, buf.String(), want)

			j, err := json.Marshal(cfg)
			require.NoError(t, err)
			out = append(out, string(j))
			for _, s := range out {
				requireNoKeyMaterial(t, chunks, s)
			}
		})
	}
	var nilKey *signature.PrivateKey
	require.Equal(t, "<nil private key>", fmt.Sprint(nilKey))
	require.Equal(t, 0, nilKey.Bits())
	require.Nil(t, nilKey.Public())
	var nilPub *signature.PublicKey
	require.Equal(t, "<nil public key>", fmt.Sprint(nilPub))
	require.Equal(t, "", nilPub.Fingerprint())
}
