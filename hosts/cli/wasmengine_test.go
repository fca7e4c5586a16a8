package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
)

func TestCallOnWasmEngine(t *testing.T) {
	t.Setenv(wasm.ModuleEnv, wasmtest.Module(t))
	t.Setenv(wasm.CacheDirEnv, wasmtest.CacheDir(t))
	for _, tc := range []struct {
		op, input string
		code      int
	}{
		{"core.info", "{}", 0},
		{"core.info", "{", 1},
		{"no.such.op", "{}", 1},
	} {
		var stdout, stderr bytes.Buffer
		code := exitCode(run(context.Background(), []string{"call", "--engine", "wasm", tc.op, "-"}, os.Getenv, strings.NewReader(tc.input), &stdout, &stderr), &stderr)
		if code != tc.code {
			t.Fatalf("%s %q: exit %d, want %d; stderr: %s", tc.op, tc.input, code, tc.code, stderr.String())
		}
		want := string(core.Handle(tc.op, []byte(tc.input))) + "\n"
		if stdout.String() != want {
			t.Fatalf("%s %q:\nwasm:   %s\nnative: %s", tc.op, tc.input, stdout.String(), want)
		}
	}
}

func TestWasmEngineMissingModule(t *testing.T) {
	t.Setenv(wasm.ModuleEnv, t.TempDir()+"/missing.wasm")
	var stdout, stderr bytes.Buffer
	code := exitCode(run(context.Background(), []string{"call", "--engine", "wasm", "core.info"}, os.Getenv, strings.NewReader("{}"), &stdout, &stderr), &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "make wasm") {
		t.Fatalf("exit %d, stderr %q: want 2 and a hint to run make wasm", code, stderr.String())
	}
}
