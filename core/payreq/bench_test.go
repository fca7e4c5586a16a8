package payreq

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/testvectors/examples"
)

func loadExample(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := examples.Read(name)
	require.NoError(tb, err)
	return b
}

// BenchmarkValidate measures op pay.validate end to end (JSON in, result value out)
// on the seed's server-to-server sample.
func BenchmarkValidate(b *testing.B) {
	in := loadExample(b, "seed_server_to_server")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OpValidate(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild measures op pay.build (unsigned) on the example intent, including
// validating the built body.
func BenchmarkBuild(b *testing.B) {
	in := loadExample(b, "intent_server_to_server")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OpBuild(in); err != nil {
			b.Fatal(err)
		}
	}
}
