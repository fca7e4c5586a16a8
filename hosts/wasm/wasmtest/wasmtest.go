// Package wasmtest builds the paycore guest module (./hosts/wasm/guest) with the
// Go toolchain. `make wasm` runs the same command; tests use Module so that
// `go test ./...` on a fresh clone, with no .wasm anywhere, builds the module from
// the source under test and never runs a stale one.
package wasmtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/paycore/paycore/hosts/wasm/internal/repo"
	"github.com/paycore/paycore/testvectors"
)

// GuestPackage is the import path of the guest's main package.
const GuestPackage = "github.com/paycore/paycore/hosts/wasm/guest"

// Args are the arguments after `go` that build the module; the Makefile's wasm
// target uses the same flags, so both produce the same bytes (and share the
// compilation cache entry).
func Args(out string) []string {
	return []string{"build", "-buildmode=c-shared", "-trimpath", "-buildvcs=false", "-tags=validator_novalidatefn", "-ldflags=-s -w", "-o", out, GuestPackage}
}

// Build builds the module into out (atomically: a temporary file renamed into
// place) from the repository at root.
func Build(ctx context.Context, root, out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".paycore-*.wasm")
	if err != nil {
		return err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	// One retry: a concurrent `go build` sharing the build cache has been seen to
	// fail a cross-compile transiently ("could not import errors").
	var lastErr error
	for range 2 {
		cmd := exec.CommandContext(ctx, "go", Args(tmp.Name())...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
		if err := cmd.Run(); err != nil {
			lastErr = fmt.Errorf("building %s: %w\n%s", GuestPackage, err, stderr.Bytes())
			continue
		}
		lastErr = nil
		break
	}
	if lastErr != nil {
		return lastErr
	}
	return os.Rename(tmp.Name(), out)
}

// builtEnv passes the built module's path from a test process to its children.
const builtEnv = "PAYCORE_WASM_TEST_BUILT"

var (
	once    sync.Once
	built   string
	root    string
	buildEr error
)

// Module builds the module once per test process into <repo>/.cache/wasm/ and
// returns its path. It fails the test if the build fails.
func Module(tb testing.TB) string {
	tb.Helper()
	once.Do(func() {
		// A fuzzing worker is a child of the process that already built it.
		if p := os.Getenv(builtEnv); p != "" {
			if r, ok := repo.Root(filepath.Dir(p)); ok {
				built, root = p, r
				return
			}
		}
		wd, err := os.Getwd()
		if err != nil {
			buildEr = err
			return
		}
		r, ok := repo.Root(wd)
		if !ok {
			buildEr = fmt.Errorf("no paycore repository above %s", wd)
			return
		}
		root = r
		built = filepath.Join(r, ".cache", "wasm", "paycore.wasm")
		if buildEr = Build(context.Background(), r, built); buildEr == nil {
			os.Setenv(builtEnv, built)
		}
	})
	if buildEr != nil {
		tb.Fatalf("building the wasm module: %v", buildEr)
	}
	return built
}

// CacheDir is the on-disk compilation cache tests share
// (<repo>/.cache/wazero, gitignored), so only the first test run after a change
// pays the multi-second compile.
func CacheDir(tb testing.TB) string {
	Module(tb)
	return filepath.Join(root, ".cache", "wazero")
}

// BenchEnv names the environment variable listing the vectors to benchmark, as
// comma-separated paths relative to testvectors/ (for example
// "pay.validate/seed_server_to_server.json,core.info/info.json").
const BenchEnv = "PAYCORE_BENCH_VECTORS"

// BenchVectors returns the vectors the engine benchmarks run: those named in
// $PAYCORE_BENCH_VECTORS, or else one per op directory (the ok vector with the
// largest input), so new ops are benchmarked without editing any benchmark.
func BenchVectors(tb testing.TB) []testvectors.Vector {
	tb.Helper()
	all, err := testvectors.Load(testvectors.Dir())
	if err != nil {
		tb.Fatalf("loading vectors: %v", err)
	}
	if list := os.Getenv(BenchEnv); list != "" {
		byPath := map[string]testvectors.Vector{}
		for _, v := range all {
			byPath[v.Path] = v
		}
		var out []testvectors.Vector
		for _, p := range strings.Split(list, ",") {
			v, ok := byPath[strings.TrimSpace(p)]
			if !ok {
				tb.Fatalf("%s: no vector %q", BenchEnv, p)
			}
			out = append(out, v)
		}
		return out
	}
	// One per op: the ok vector with the largest input (the most work), else the
	// largest.
	best := map[string]int{}
	var out []testvectors.Vector
	for _, v := range all {
		dir := strings.SplitN(v.Path, "/", 2)[0]
		if dir == testvectors.EnvelopeDir {
			continue
		}
		i, seen := best[dir]
		if !seen {
			best[dir] = len(out)
			out = append(out, v)
			continue
		}
		cur := out[i]
		if better := isOK(v.Want) && !isOK(cur.Want) ||
			isOK(v.Want) == isOK(cur.Want) && len(v.Input) > len(cur.Input); better {
			out[i] = v
		}
	}
	return out
}

func isOK(envelope []byte) bool {
	var env struct {
		OK bool `json:"ok"`
	}
	return json.Unmarshal(envelope, &env) == nil && env.OK
}
