package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/paycore/paycore/hosts/wasm"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
	"github.com/paycore/paycore/testvectors"
)

// TestMain lets the test binary run as the paycore command inside the scripts:
// every `exec paycore` is a real process with real files and real pipes.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"paycore": main})
}

// TestScripts plays testdata/script/*.txtar on both engines (PAYCORE_ENGINE).
func TestScripts(t *testing.T) {
	for _, engine := range []string{"native", "wasm"} {
		t.Run(engine, func(t *testing.T) {
			var module, cache string
			if engine == "wasm" {
				module, cache = wasmtest.Module(t), wasmtest.CacheDir(t)
			}
			testscript.Run(t, scriptParams(t, engine, module, cache, "testdata/script"))
		})
	}
}

func scriptParams(t *testing.T, engine, module, cache, dir string) testscript.Params {
	vectors, err := filepath.Abs(testvectors.Dir())
	if err != nil {
		t.Fatal(err)
	}
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("PAYCORE_ENGINE", engine)
			env.Setenv("ENGINE", engine)
			env.Setenv("VECTORS", vectors)
			env.Setenv("KEYS", filepath.Join(vectors, "keys"))
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			if module != "" {
				env.Setenv(wasm.ModuleEnv, module)
				env.Setenv(wasm.CacheDirEnv, cache)
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exits N cmd args...: run cmd and require exit status N.
			"exits": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exits N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exits: %v", err)
				}
				got := 0
				var ee *exec.ExitError
				if err := ts.Exec(args[1], args[2:]...); errors.As(err, &ee) {
					got = ee.ExitCode()
				} else if err != nil {
					ts.Fatalf("exits: %v", err)
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
			// mode FILE PERM: require the file's permission bits.
			"mode": func(ts *testscript.TestScript, neg bool, args []string) {
				info, err := os.Stat(ts.MkAbs(args[0]))
				ts.Check(err)
				if got := strconv.FormatUint(uint64(info.Mode().Perm()), 8); got != args[1] {
					ts.Fatalf("%s has mode %s, want %s", args[0], got, args[1])
				}
			},
		},
	}
}
