package payreq

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func loadExample(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile("../../testvectors/examples/" + name + ".json")
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
