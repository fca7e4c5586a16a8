package testvectors

import (
	"flag"
	"testing"

	"github.com/paycore/paycore/core"
)

var update = flag.Bool("update", false, "rewrite every vector's want from the native engine")

func TestVectorsNative(t *testing.T) {
	Run(t, core.Native{}, *update)
}
