package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/paycore/paycore/hosts/wasm"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
)

// BenchmarkFirstAnswer starts a new `paycore call --engine <engine> core.info`
// process per iteration, with the wasm compilation cache warm (one run before
// timing fills it), and reports the wall time per process (ns/op) and the CPU time
// the process spent in user and kernel mode (user-ns/op, sys-ns/op): start-up on a
// machine with slow system calls grows with the second. The command is the test
// binary acting as paycore (TestMain), or $PAYCORE_BENCH_CLI (e.g. bin/paycore);
// the module is $PAYCORE_WASM if set, else the one wasmtest builds.
func BenchmarkFirstAnswer(b *testing.B) {
	cli := os.Getenv("PAYCORE_BENCH_CLI")
	if cli == "" {
		cli = "paycore"
	}
	module := os.Getenv(wasm.ModuleEnv)
	if module == "" {
		module = wasmtest.Module(b)
	}
	cache := b.TempDir()
	for _, engine := range []string{"native", "wasm"} {
		b.Run(engine, func(b *testing.B) {
			start := func() *os.ProcessState {
				cmd := exec.Command(cli, "call", "--engine", engine, "core.info")
				cmd.Env = append(os.Environ(), wasm.ModuleEnv+"="+module, wasm.CacheDirEnv+"="+cache)
				cmd.Stdin = strings.NewReader("{}")
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Run(); err != nil || !bytes.HasPrefix(out.Bytes(), []byte(`{"ok":true`)) {
					b.Fatalf("%s: %v\n%s", cmd, err, out.Bytes())
				}
				return cmd.ProcessState
			}
			start() // fills the compilation cache
			var user, sys time.Duration
			for b.Loop() {
				ps := start()
				user += ps.UserTime()
				sys += ps.SystemTime()
			}
			b.ReportMetric(float64(user.Nanoseconds())/float64(b.N), "user-ns/op")
			b.ReportMetric(float64(sys.Nanoseconds())/float64(b.N), "sys-ns/op")
		})
	}
}
