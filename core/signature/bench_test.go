package signature_test

import (
	"testing"

	"github.com/paycore/paycore/core/signature"
)

func BenchmarkSign(b *testing.B) {
	key := mustPriv(b, loadKeys(b).merchantPKCS8B64)
	body := []byte(seedPayBody)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := signature.Sign(key, "POST", "/ams/sandbox/api/v1/payments/pay", sandboxClientID, requestTime, body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	pub := mustPub(b, loadKeys(b).merchantSPKIB64)
	body := []byte(seedPayBody)
	header := signature.FormatHeader("1", goldenSeedPay)
	b.ReportAllocs()
	for b.Loop() {
		if err := signature.Verify(pub, "POST", "/ams/sandbox/api/v1/payments/pay", sandboxClientID, requestTime, body, header); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePrivateKey(b *testing.B) {
	text := loadKeys(b).merchantPKCS8B64
	b.ReportAllocs()
	for b.Loop() {
		if _, err := signature.ParsePrivateKey(text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePublicKey(b *testing.B) {
	text := loadKeys(b).merchantSPKIB64
	b.ReportAllocs()
	for b.Loop() {
		if _, err := signature.ParsePublicKey(text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignWithParse is what an operation that receives the key as text
// pays per call: parse + sign.
func BenchmarkSignWithParse(b *testing.B) {
	text := loadKeys(b).merchantPKCS8B64
	body := []byte(seedPayBody)
	b.ReportAllocs()
	for b.Loop() {
		key, err := signature.ParsePrivateKey(text)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := signature.Sign(key, "POST", "/ams/sandbox/api/v1/payments/pay", sandboxClientID, requestTime, body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyWithParse: parse the Antom public key + verify per call.
func BenchmarkVerifyWithParse(b *testing.B) {
	text := loadKeys(b).merchantSPKIB64
	body := []byte(seedPayBody)
	header := signature.FormatHeader("1", goldenSeedPay)
	b.ReportAllocs()
	for b.Loop() {
		pub, err := signature.ParsePublicKey(text)
		if err != nil {
			b.Fatal(err)
		}
		if err := signature.Verify(pub, "POST", "/ams/sandbox/api/v1/payments/pay", sandboxClientID, requestTime, body, header); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseHeader(b *testing.B) {
	header := signature.FormatHeader("1", goldenSeedPay)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := signature.ParseHeader(header); err != nil {
			b.Fatal(err)
		}
	}
}
