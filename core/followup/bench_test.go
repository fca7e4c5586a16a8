package followup

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func readVector(b *testing.B, path string) []byte {
	b.Helper()
	data, err := os.ReadFile("../../testvectors/" + path)
	require.NoError(b, err)
	var v struct {
		Input json.RawMessage `json:"input"`
	}
	require.NoError(b, json.Unmarshal(data, &v))
	return v.Input
}

// BenchmarkCaptureBuild measures op capture.build (unsigned) end to end: JSON
// intent in, request out.
func BenchmarkCaptureBuild(b *testing.B) {
	in := readVector(b, "capture.build/full.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OpCapture(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCaptureBuildSigned measures op capture.build with RSA-2048 signing
// (key parsing included: the op gets the key as text on every call).
func BenchmarkCaptureBuildSigned(b *testing.B) {
	in := readVector(b, "capture.build/signed_sandbox.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OpCapture(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConsultBuild measures op consult.build (unsigned), env validation
// included.
func BenchmarkConsultBuild(b *testing.B) {
	in := readVector(b, "consult.build/korean.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OpConsult(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConsultRead measures op consult.read on the Korean sample response.
func BenchmarkConsultRead(b *testing.B) {
	in := readVector(b, "consult.read/korean_cards.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OpConsultRead(in); err != nil {
			b.Fatal(err)
		}
	}
}
