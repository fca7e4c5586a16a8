// Command conformance writes the native engine's envelope for every golden vector
// (and a few odd inputs the vectors do not all cover) as JSON lines, so hosts in
// other languages (hosts/node, hosts/python) can require byte-identical envelopes
// from the same core compiled to WebAssembly:
//
//	go run ./internal/conformance -o .cache/conformance.jsonl
//
// Each line is {"name", "op64", "in64", "want64"}: the case name, the op name, the
// input bytes and the native envelope, each base64 (op names and inputs may be any
// bytes).
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/testvectors"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		os.Exit(1)
	}
}

// Case is one line of the output.
type Case struct {
	Name   string `json:"name"`
	Op64   string `json:"op64"`
	In64   string `json:"in64"`
	Want64 string `json:"want64"`
}

// run writes the cases to the file named by -o (atomically), or to stdout.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("conformance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output file (default: stdout)")
	dir := fs.String("vectors", testvectors.Dir(), "golden vectors directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cases, err := cases(*dir)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	enc := json.NewEncoder(w)
	for _, c := range cases {
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if *out == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, *out)
}

// cases returns every vector under dir, then the odd inputs, each with the native
// envelope.
func cases(dir string) ([]Case, error) {
	vs, err := testvectors.Load(dir)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("no vectors under %s", dir)
	}
	type raw struct {
		name, op string
		in       []byte
	}
	var all []raw
	for _, v := range vs {
		in, err := v.InputBytes()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", v.Path, err)
		}
		all = append(all, raw{v.Path, v.Op, in})
	}
	all = append(all,
		raw{"odd/empty input", "core.info", nil},
		raw{"odd/unknown op", "no.such.op", []byte("{}")},
		raw{"odd/non-UTF-8 op", "\xff\xfe", []byte("{}")},
		raw{"odd/invalid JSON", "core.info", []byte("{\x00")},
		raw{"odd/at the input limit", "core.info", bytes.Repeat([]byte(" "), core.MaxInputBytes)},
		raw{"odd/over the input limit", "core.info", make([]byte, core.MaxInputBytes+1)},
		raw{"odd/reserved test op, disabled", "__test.trap", nil},
	)
	b64 := base64.StdEncoding.EncodeToString
	out := make([]Case, len(all))
	for i, r := range all {
		out[i] = Case{Name: r.name, Op64: b64([]byte(r.op)), In64: b64(r.in), Want64: b64(core.Handle(r.op, r.in))}
	}
	return out, nil
}
