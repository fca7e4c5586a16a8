// Package python holds the Go side of the Python package (paycore, in this
// directory): the benchmark of the package's per-op time on Wasmtime beside the Go
// engines, and a check of its driver, bench.py. The package's own tests (pytest,
// make python-test) play every golden vector. They need the virtual environment
// `make python-env` creates (or $PAYCORE_PYTHON): these fail, rather than skip,
// without it.
package python

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
	"github.com/paycore/paycore/testvectors"
)

type result struct {
	NsPerOp    float64 `json:"nsPerOp"`
	CPUNsPerOp float64 `json:"cpuNsPerOp"`
	Iterations int     `json:"iterations"`
	Out64      string  `json:"out64"`
}

// runBench runs bench.py on vs for seconds each (0: one call each, no timing).
func runBench(tb testing.TB, vs []testvectors.Vector, seconds string) []result {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Dir(file)
	repo := filepath.Dir(filepath.Dir(dir))
	py := os.Getenv("PAYCORE_PYTHON")
	if py == "" {
		py = filepath.Join(repo, ".venv", "bin", "python")
	}
	if _, err := os.Stat(py); err != nil {
		tb.Fatalf("%s: %v: run `make python-env` (a virtual environment with wasmtime) or set PAYCORE_PYTHON", py, err)
	}
	var stdin bytes.Buffer
	enc := json.NewEncoder(&stdin)
	for _, v := range vs {
		in, err := v.InputBytes()
		if err != nil {
			tb.Fatal(err)
		}
		_ = enc.Encode(map[string]string{"op64": base64.StdEncoding.EncodeToString([]byte(v.Op)), "in64": base64.StdEncoding.EncodeToString(in)})
	}
	cmd := exec.Command(py, filepath.Join(dir, "bench.py"), wasmtest.Module(tb), filepath.Join(repo, ".cache", "wasmtime"), seconds)
	cmd.Env = append(os.Environ(), "PYTHONPATH="+filepath.Join(dir, "src"))
	cmd.Stdin = &stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("bench.py: %v\n%s", err, stderr.Bytes())
	}
	var res []result
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("bench.py output %q: %v", sc.Text(), err)
		}
		res = append(res, r)
	}
	if len(res) != len(vs) {
		tb.Fatalf("bench.py answered %d of %d\n%s", len(res), len(vs), stderr.Bytes())
	}
	for i, v := range vs {
		in, _ := v.InputBytes()
		got, _ := base64.StdEncoding.DecodeString(res[i].Out64)
		if want := core.Handle(v.Op, in); !bytes.Equal(want, got) {
			tb.Fatalf("%s: envelopes differ\nnative: %.300s\npython: %.300s", v.Path, want, got)
		}
	}
	return res
}

// TestBenchDriver checks bench.py: one vector per op, byte-identical to the native
// engine.
func TestBenchDriver(t *testing.T) {
	runBench(t, wasmtest.BenchVectors(t), "0")
}

// BenchmarkPython reports the Python package's own per-op time on Wasmtime (after a
// one-second warm-up, over a two-second run) for each benchmark vector; compare with
// BenchmarkOps in hosts/wasm and BenchmarkNode in hosts/node. cpu-ns/op is the Python
// process's CPU time per op.
func BenchmarkPython(b *testing.B) {
	for _, v := range wasmtest.BenchVectors(b) {
		b.Run(strings.TrimSuffix(v.Path, ".json"), func(b *testing.B) {
			res := runBench(b, []testvectors.Vector{v}, "2")
			for range b.N {
			}
			b.ReportMetric(res[0].NsPerOp, "ns/op")
			b.ReportMetric(res[0].CPUNsPerOp, "cpu-ns/op")
			b.ReportMetric(float64(res[0].Iterations), "py-iterations")
		})
	}
}
