package wasm

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/paycore/paycore/hosts/wasm/wasmtest"
)

// Two engines are shared by the tests of this package and closed by TestMain, so
// the module is compiled (or loaded from the disk cache) once per process:
//
//   - plain: the production configuration; no test ops, so it must agree with the
//     native engine on every input.
//   - faulty: the reserved __test.* ops enabled, a 64 MiB memory cap, interruptible
//     by any context; for the failure tests.
var (
	sharedMu      sync.Mutex
	plainEngine   *Engine
	faultyEngine  *Engine
	engineOptions = func(tb testing.TB) []Option {
		return []Option{WithModulePath(wasmtest.Module(tb)), WithCacheDir(wasmtest.CacheDir(tb))}
	}
)

func TestMain(m *testing.M) {
	code := m.Run()
	sharedMu.Lock()
	for _, e := range []*Engine{plainEngine, faultyEngine} {
		if e != nil {
			_ = e.Close(context.Background())
		}
	}
	sharedMu.Unlock()
	os.Exit(code)
}

func plain(tb testing.TB) *Engine {
	tb.Helper()
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if plainEngine == nil {
		e, err := New(context.Background(), append(engineOptions(tb), WithPrestart(true))...)
		if err != nil {
			tb.Fatalf("wasm.New: %v", err)
		}
		plainEngine = e
	}
	return plainEngine
}

func faulty(tb testing.TB) *Engine {
	tb.Helper()
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if faultyEngine == nil {
		e, err := New(context.Background(), append(engineOptions(tb),
			withTestOps(), WithMemoryLimitMiB(64), WithPoolSize(4), WithInterrupt(InterruptAlways))...)
		if err != nil {
			tb.Fatalf("wasm.New: %v", err)
		}
		faultyEngine = e
	}
	return faultyEngine
}
