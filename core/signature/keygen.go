package signature

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// KeyPair is a freshly generated merchant key pair in the formats Antom
// uses. Its String, GoString, Format and LogValue methods show only the
// public half; the private fields must still be handled as secrets.
type KeyPair struct {
	// PrivateKeyBase64 is the private key as base64 PKCS#8 DER on one line
	// (the Antom dashboard / SDK format). SECRET.
	PrivateKeyBase64 string
	// PrivateKeyPEM is the private key as PEM "PRIVATE KEY" (PKCS#8).
	// SECRET.
	PrivateKeyPEM string
	// PublicKeyBase64 is the public key as base64 SPKI DER on one line: the
	// value to upload to the Antom dashboard.
	PublicKeyBase64 string
	// PublicKeyPEM is the public key as PEM "PUBLIC KEY" (SPKI).
	PublicKeyPEM string
	// Private is the parsed private key (format pkcs8-base64).
	Private *PrivateKey
	// Public is the parsed public key (format spki-base64).
	Public *PublicKey
}

// String describes the pair, showing the public key only.
func (p KeyPair) String() string {
	return "RSA-" + strconv.Itoa(p.Private.Bits()) + " key pair (private key redacted; public key " + p.PublicKeyBase64 + ")"
}

// GoString implements fmt.GoStringer with the same redaction as String.
func (p KeyPair) GoString() string { return "signature.KeyPair(" + p.String() + ")" }

// Format implements fmt.Formatter: every verb prints the redacted String
// (GoString for %#v).
func (p KeyPair) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, p.GoString())
		return
	}
	_, _ = io.WriteString(f, p.String())
}

// LogValue implements slog.LogValuer, logging the public half only.
func (p KeyPair) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("bits", p.Private.Bits()),
		slog.String("private_key", "redacted"),
		slog.String("public_key", p.PublicKeyBase64),
	)
}

// GenerateKeyPair generates an RSA merchant key pair of bits bits (0 means
// 2048; 2048, 3072 and 4096 are allowed) and returns it in the dashboard
// and PEM formats.
//
// The package makes no randomness of its own and never imports the system
// random source: random is injected (the CLI passes the crypto random Reader) and must not be
// nil. Note, however, that since Go 1.26 crypto/rsa.GenerateKey ignores its
// reader and always uses the Go runtime's secure source (unless
// GODEBUG=cryptocustomrand=1), so this function is not deterministic even
// for a deterministic reader; tests that need reproducible keys use
// testing/cryptotest.SetGlobalRandom. It is the only non-deterministic
// function in the package. Errors have ReasonBadKey.
func GenerateKeyPair(random io.Reader, bits int) (KeyPair, error) {
	if random == nil {
		return KeyPair{}, badKey("nil random source")
	}
	if bits == 0 {
		bits = RecommendedKeyBits
	}
	switch bits {
	case 2048, 3072, 4096:
	default:
		return KeyPair{}, badKey("cannot generate an RSA-" + strconv.Itoa(bits) + " key: use 2048, 3072 or 4096 bits")
	}
	k, err := rsa.GenerateKey(random, bits)
	if err != nil {
		return KeyPair{}, badKey("RSA key generation failed (random source error?)")
	}
	privDER := marshalPKCS8(k)
	pubDER := marshalSPKI(&k.PublicKey)
	pub := k.PublicKey
	return KeyPair{
		PrivateKeyBase64: base64.StdEncoding.EncodeToString(privDER),
		PrivateKeyPEM:    string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER})),
		PublicKeyBase64:  base64.StdEncoding.EncodeToString(pubDER),
		PublicKeyPEM:     string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})),
		Private:          &PrivateKey{key: k, format: KeyFormatPKCS8Base64},
		Public:           &PublicKey{key: &pub, format: KeyFormatSPKIBase64},
	}, nil
}
