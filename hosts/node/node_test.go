// Package node holds the Go side of the Node.js package (@paycore/core, in this
// directory): the benchmark of the package's per-op time beside the Go engines, and
// a check of its driver, run.mjs. The package's own tests (`node --test`) play every
// golden vector. Node.js is required: these fail, rather than skip, when `node` is
// not on PATH.
package node

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
)

type request struct {
	Op64 string `json:"op64"`
	In64 string `json:"in64"`
}

type response struct {
	Out64      string  `json:"out64"`
	Trap       string  `json:"trap"`
	NsPerOp    float64 `json:"nsPerOp"`
	CPUNsPerOp float64 `json:"cpuNsPerOp"`
	Iterations int     `json:"iterations"`
}

type call struct {
	label string
	op    string
	input []byte
}

// runNode sends calls to one `node run.mjs` process and returns its responses.
func runNode(tb testing.TB, calls []call, extra ...string) []response {
	tb.Helper()
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		tb.Fatalf("node (Node.js 20 or later) must be on PATH for the cross-engine check: %v", err)
	}
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "run.mjs")
	var stdin bytes.Buffer
	enc := json.NewEncoder(&stdin)
	for _, c := range calls {
		_ = enc.Encode(request{base64.StdEncoding.EncodeToString([]byte(c.op)), base64.StdEncoding.EncodeToString(c.input)})
	}
	args := append([]string{"--no-warnings", script, wasmtest.Module(tb)}, extra...)
	cmd := exec.Command(nodeBin, args...)
	cmd.Stdin = &stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("node run.mjs: %v\n%s", err, stderr.Bytes())
	}
	var res []response
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r response
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("node output %q: %v", sc.Text(), err)
		}
		res = append(res, r)
	}
	if len(res) != len(calls) {
		tb.Fatalf("node answered %d of %d requests\n%s", len(res), len(calls), stderr.Bytes())
	}
	return res
}

// TestRunMJS checks the benchmark driver (run.mjs): one vector per op, through a
// node process, byte-identical to the native engine. Every vector runs through the
// package itself in its own tests (`node --test`, make node-test).
func TestRunMJS(t *testing.T) {
	var calls []call
	for _, v := range wasmtest.BenchVectors(t) {
		in, err := v.InputBytes()
		if err != nil {
			t.Fatal(err)
		}
		calls = append(calls, call{v.Path, v.Op, in})
	}
	res := runNode(t, calls)
	for i, c := range calls {
		want := core.Handle(c.op, c.input)
		if res[i].Trap != "" {
			t.Errorf("%s: node trapped: %s", c.label, res[i].Trap)
			continue
		}
		got, err := base64.StdEncoding.DecodeString(res[i].Out64)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s: envelopes differ\nnative: %s\nnode:   %s", c.label, clip(want), clip(got))
		}
	}
}

// BenchmarkNode reports Node's own per-op time (after a one-second warm-up, over a
// two-second run) for each benchmark vector; compare with BenchmarkOps in
// hosts/wasm. The ns/op shown is Node's, not the wall time of the Go loop;
// cpu-ns/op is Node's process CPU time per op (V8's background threads included).
func BenchmarkNode(b *testing.B) {
	for _, v := range wasmtest.BenchVectors(b) {
		b.Run(strings.TrimSuffix(v.Path, ".json"), func(b *testing.B) {
			in, err := v.InputBytes()
			if err != nil {
				b.Fatal(err)
			}
			res := runNode(b, []call{{v.Path, v.Op, in}}, "--bench", "2")
			if res[0].Trap != "" {
				b.Fatalf("node trapped: %s", res[0].Trap)
			}
			for range b.N {
			}
			b.ReportMetric(res[0].NsPerOp, "ns/op")
			b.ReportMetric(res[0].CPUNsPerOp, "cpu-ns/op")
			b.ReportMetric(float64(res[0].Iterations), "node-iterations")
		})
	}
}

func clip(b []byte) string {
	if len(b) > 300 {
		return fmt.Sprintf("%s...(%d bytes)", b[:300], len(b))
	}
	return string(b)
}
