package main

import (
	"context"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm"
)

// The "wasm" engine runs the core as bin/paycore.wasm on wazero (hosts/wasm). The
// module is found next to the executable (`make build` puts bin/paycore and
// bin/paycore.wasm side by side), in $PAYCORE_WASM, or in the checkout's bin/; the
// compilation cache lives in $PAYCORE_WASM_CACHE or the user cache directory. One
// call needs one instance, so the pool has one.
func init() {
	engines["wasm"] = func(ctx context.Context) (core.Engine, error) {
		return wasm.New(ctx, wasm.WithPoolSize(1))
	}
}
