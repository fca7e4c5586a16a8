package core

import (
	"testing"

	"github.com/paycore/paycore/testvectors/examples"
)

// BenchmarkHandleValidate measures pay.validate through Handle, envelope encoding
// included: what a host pays per call on the native engine.
func BenchmarkHandleValidate(b *testing.B) {
	in, err := examples.Read("seed_server_to_server")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Handle("pay.validate", in)
	}
}

// BenchmarkHandleBuild measures pay.build through Handle.
func BenchmarkHandleBuild(b *testing.B) {
	in, err := examples.Read("intent_server_to_server")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Handle("pay.build", in)
	}
}
