package signature_test

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/signature"
)

// Test-only keys: see testvectors/keys/README.md. They are public.
const keyDir = "../../testvectors/keys/"

func readKey(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(keyDir + name)
	require.NoError(tb, err)
	return string(b)
}

// seedPayBody is the seed server-to-server pay request body (compact JSON,
// exact bytes).
const seedPayBody = `{"env":{"browserInfo":{"acceptHeader":"*/*","javaEnabled":true,"javaScriptEnabled":true,"language":"zh_CN","userAgent":"Chrome/100"},"terminalType":"APP","clientIp":"112.80.248.78","osType":"IOS"},"paymentAmount":{"currency":"EUR","value":"30000"},"paymentMethod":{"paymentMethodType":"CARD","paymentMethodMetaData":{"cvv":"850","expiryMonth":"12","expiryYear":"29","cardNo":"4117347806156383"}},"paymentRequestId":"PAY_20221114141714891","productCode":"CASHIER_PAYMENT","paymentFactor":{"isAuthorization":true}}`

const (
	sandboxClientID = "SANDBOX_5Y0A2N2Y3B5J04251"
	requestTime     = "1700000000000"
)

// keyTexts holds every textual form of the test keys.
type keyTexts struct {
	merchantPKCS8B64, merchantPKCS8PEM, merchantPKCS1PEM, merchantPKCS1B64     string
	merchantSPKIB64, merchantSPKIPEM, merchantPKCS1PubPEM, merchantPKCS1PubB64 string
	antomPKCS8B64, antomSPKIB64, antomSPKIPEM                                  string
	ecPEM, ecPubPEM, ed25519PEM, rsa512PEM, rsa512PubPEM, rsa1024PEM           string
}

func loadKeys(tb testing.TB) keyTexts {
	tb.Helper()
	k := keyTexts{
		merchantPKCS8B64: readKey(tb, "merchant_private_pkcs8.b64"),
		merchantPKCS8PEM: readKey(tb, "merchant_private_pkcs8.pem"),
		merchantPKCS1PEM: readKey(tb, "merchant_private_pkcs1.pem"),
		merchantSPKIB64:  readKey(tb, "merchant_public_spki.b64"),
		merchantSPKIPEM:  readKey(tb, "merchant_public.pem"),
		antomPKCS8B64:    readKey(tb, "antom_private_pkcs8.b64"),
		antomSPKIB64:     readKey(tb, "antom_public_spki.b64"),
		antomSPKIPEM:     readKey(tb, "antom_public.pem"),
		ecPEM:            readKey(tb, "ec_private.pem"),
		ecPubPEM:         readKey(tb, "ec_public.pem"),
		ed25519PEM:       readKey(tb, "ed25519_private.pem"),
		rsa512PEM:        readKey(tb, "rsa512_private_pkcs8.pem"),
		rsa512PubPEM:     readKey(tb, "rsa512_public.pem"),
		rsa1024PEM:       readKey(tb, "rsa1024_private_pkcs8.pem"),
	}
	blk, _ := pem.Decode([]byte(k.merchantPKCS1PEM))
	require.NotNil(tb, blk)
	k.merchantPKCS1B64 = base64.StdEncoding.EncodeToString(blk.Bytes)
	rk, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
	require.NoError(tb, err)
	pub1 := x509.MarshalPKCS1PublicKey(&rk.PublicKey)
	k.merchantPKCS1PubB64 = base64.StdEncoding.EncodeToString(pub1)
	k.merchantPKCS1PubPEM = string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: pub1}))
	return k
}

// privateChunks returns every 20-character window (step 7) of the private
// keys' base64 text, in every form; none may ever appear in an error or in
// formatted output.
func privateChunks(tb testing.TB) []string {
	tb.Helper()
	k := loadKeys(tb)
	var chunks []string
	for _, s := range []string{
		k.merchantPKCS8B64, k.merchantPKCS8PEM, k.merchantPKCS1PEM, k.merchantPKCS1B64,
		k.antomPKCS8B64, k.ecPEM, k.ed25519PEM, k.rsa512PEM, k.rsa1024PEM,
	} {
		body := s
		if strings.Contains(s, "-----BEGIN") {
			blk, _ := pem.Decode([]byte(s))
			require.NotNil(tb, blk)
			body = base64.StdEncoding.EncodeToString(blk.Bytes)
		}
		body = strings.TrimSpace(body)
		for i := 0; i+20 <= len(body); i += 7 {
			chunks = append(chunks, body[i:i+20])
		}
	}
	return chunks
}

func requireNoKeyMaterial(tb testing.TB, chunks []string, text string) {
	tb.Helper()
	for _, c := range chunks {
		if strings.Contains(text, c) {
			tb.Fatalf("private key material %q leaked in: %s", c, text)
		}
	}
}

func mustPriv(tb testing.TB, s string) *signature.PrivateKey {
	tb.Helper()
	k, err := signature.ParsePrivateKey(s)
	require.NoError(tb, err)
	return k
}

func mustPub(tb testing.TB, s string) *signature.PublicKey {
	tb.Helper()
	k, err := signature.ParsePublicKey(s)
	require.NoError(tb, err)
	return k
}

// requireReason asserts that err is a *signature.Error with the reason, that
// errors.Is matches its sentinel, and that the message mentions want.
func requireReason(tb testing.TB, err error, reason signature.Reason, want string) *signature.Error {
	tb.Helper()
	require.Error(tb, err)
	var e *signature.Error
	require.ErrorAs(tb, err, &e)
	require.Equal(tb, reason, e.Reason, "error: %v", err)
	require.ErrorIs(tb, err, reason)
	require.Contains(tb, err.Error(), string(reason))
	if want != "" {
		require.Contains(tb, err.Error(), want)
	}
	return e
}
