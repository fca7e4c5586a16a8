// Package testvectors holds paycore's golden vectors and the one runner that plays
// them on any core.Engine. A vector is testvectors/<op>/<case>.json:
//
//	{"note": "...", "op": "...", "input": {...}, "want": <envelope>}
//
// The runner compares the engine's envelope with want semantically (as JSON values).
// A vector without want fails. `go test ./testvectors -update` rewrites every want
// from the native engine; review that diff like code.
package testvectors

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/paycore/paycore/core"
)

// EnvelopeDir holds vectors about the envelope itself (unknown ops, oversized or
// malformed input) rather than one op.
const EnvelopeDir = "envelope"

// Vector is one golden test case.
type Vector struct {
	// Path is the file the vector came from, relative to the vectors directory.
	Path string `json:"-"`
	// Note says what the case proves.
	Note string `json:"note"`
	// Op is the op to run.
	Op string `json:"op"`
	// Input is the op input. A JSON string here is passed as raw bytes
	// instead (for malformed-input cases), when InputRaw is true.
	Input json.RawMessage `json:"input"`
	// InputRaw says Input is a JSON string whose contents are the raw input bytes.
	InputRaw bool `json:"inputRaw,omitempty"`
	// Want is the expected envelope.
	Want json.RawMessage `json:"want"`
	// Expect is a hand-written partial envelope that Want and every engine's answer
	// must match; -update never writes it.
	Expect json.RawMessage `json:"expect,omitempty"`
}

// Dir returns the directory holding the vectors (this package's directory).
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// Load reads every vector under dir, sorted by path.
func Load(dir string) ([]Vector, error) {
	var vs []Vector
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && (d.Name() == "keys" || d.Name() == "examples" || d.Name() == "tools" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if filepath.Ext(path) != ".json" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var v Vector
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		rel, _ := filepath.Rel(dir, path)
		v.Path = filepath.ToSlash(rel)
		vs = append(vs, v)
		return nil
	})
	sort.Slice(vs, func(i, j int) bool { return vs[i].Path < vs[j].Path })
	return vs, err
}

// InputBytes returns the bytes to pass to the engine.
func (v Vector) InputBytes() ([]byte, error) {
	if !v.InputRaw {
		if len(v.Input) == 0 {
			return []byte("{}"), nil
		}
		return v.Input, nil
	}
	var s string
	if err := json.Unmarshal(v.Input, &s); err != nil {
		return nil, fmt.Errorf("inputRaw needs a JSON string input: %w", err)
	}
	return []byte(s), nil
}

// Run plays every vector on engine as a subtest and fails on any difference. With
// update set, it rewrites each vector's want from engine's output instead.
func Run(t *testing.T, engine core.Engine, update bool) {
	t.Helper()
	vs, err := Load(Dir())
	if err != nil {
		t.Fatalf("loading vectors: %v", err)
	}
	if len(vs) == 0 {
		t.Fatal("no vectors found")
	}
	for _, v := range vs {
		t.Run(v.Path, func(t *testing.T) {
			if v.Op == "" {
				t.Fatal("vector has no op")
			}
			if dir := strings.SplitN(v.Path, "/", 2)[0]; dir != v.Op && dir != EnvelopeDir {
				t.Fatalf("vector %s lives outside its op directory %s/ (or %s/)", v.Path, v.Op, EnvelopeDir)
			}
			input, err := v.InputBytes()
			if err != nil {
				t.Fatal(err)
			}
			got, err := engine.Call(context.Background(), v.Op, input)
			if err != nil {
				t.Fatalf("engine error: %v", err)
			}
			if update {
				if err := rewrite(v, got); err != nil {
					t.Fatal(err)
				}
				return
			}
			if len(v.Want) == 0 {
				t.Fatal("vector has no want: run with -update and review the result")
			}
			if diff := Diff(v.Want, got); diff != "" {
				t.Errorf("%s\nnote: %s\n%s", v.Path, v.Note, diff)
			}
		})
	}
}

// Diff compares two JSON documents semantically and returns "" when equal, or both
// documents indented for reading.
func Diff(want, got []byte) string {
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		return "want is not JSON: " + err.Error()
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return "got is not JSON: " + err.Error() + "\n" + string(got)
	}
	wn, _ := json.MarshalIndent(w, "", "  ")
	gn, _ := json.MarshalIndent(g, "", "  ")
	if bytes.Equal(wn, gn) {
		return ""
	}
	return "want:\n" + string(wn) + "\ngot:\n" + string(gn)
}

func rewrite(v Vector, got []byte) error {
	path := filepath.Join(Dir(), filepath.FromSlash(v.Path))
	var wantVal any
	if err := json.Unmarshal(got, &wantVal); err != nil {
		return err
	}
	out := struct {
		Note     string          `json:"note"`
		Op       string          `json:"op"`
		InputRaw bool            `json:"inputRaw,omitempty"`
		Input    json.RawMessage `json:"input"`
		Want     any             `json:"want"`
	}{v.Note, v.Op, v.InputRaw, v.Input, wantVal}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
