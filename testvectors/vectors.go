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

// Run plays every vector on engine as a subtest and fails on any problem Check
// finds. With update set, it rewrites each vector's want from engine's output
// instead (see Update), failing the vectors whose expect the output contradicts.
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
				if err := Update(Dir(), v, got); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, p := range Check(v, got) {
				t.Error(p)
			}
		})
	}
}

// Check returns every way the engine's envelope got, or the vector itself, falls
// short: a missing expect or want, a want that contradicts expect, got differing
// from want, got contradicting expect. None means the vector passes.
func Check(v Vector, got []byte) []string {
	if len(v.Expect) == 0 {
		return []string{fmt.Sprintf("%s has no expect: write, by hand, the part of the envelope its note states (see the package doc)\nnote: %s", v.Path, v.Note)}
	}
	if len(v.Want) == 0 {
		return []string{fmt.Sprintf("%s has no want: run with -update and review the result", v.Path)}
	}
	var problems []string
	if msg := MatchJSON(v.Expect, v.Want); msg != "" {
		problems = append(problems, fmt.Sprintf("%s: want contradicts expect: %s\nnote: %s", v.Path, msg, v.Note))
	}
	if diff := Diff(v.Want, got); diff != "" {
		problems = append(problems, fmt.Sprintf("%s\nnote: %s\n%s", v.Path, v.Note, diff))
	}
	if msg := MatchJSON(v.Expect, got); msg != "" {
		problems = append(problems, fmt.Sprintf("%s: engine output contradicts expect: %s\nnote: %s", v.Path, msg, v.Note))
	}
	return problems
}

// Update rewrites the vector's file under dir with got as its want, keeping note,
// op, input and expect as they are. It refuses (and writes nothing) when the vector
// has no expect or got contradicts it: a snapshot must not turn a broken rule into
// the expected answer.
func Update(dir string, v Vector, got []byte) error {
	if len(v.Expect) == 0 {
		return fmt.Errorf("%s has no expect: write one by hand before taking a snapshot\nnote: %s", v.Path, v.Note)
	}
	if msg := MatchJSON(v.Expect, got); msg != "" {
		return fmt.Errorf("%s: refusing to write a want that contradicts expect: %s\nnote: %s\ngot: %s", v.Path, msg, v.Note, got)
	}
	return rewrite(dir, v, got)
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

func rewrite(dir string, v Vector, got []byte) error {
	path := filepath.Join(dir, filepath.FromSlash(v.Path))
	var wantVal any
	if err := json.Unmarshal(got, &wantVal); err != nil {
		return err
	}
	out := struct {
		Note     string          `json:"note"`
		Op       string          `json:"op"`
		InputRaw bool            `json:"inputRaw,omitempty"`
		Input    json.RawMessage `json:"input"`
		Expect   json.RawMessage `json:"expect,omitempty"`
		Want     any             `json:"want"`
	}{v.Note, v.Op, v.InputRaw, v.Input, v.Expect, wantVal}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// MatchJSON reports whether the JSON document actual matches the partial JSON
// document expect (see Match): "" when it does, else the first mismatch with its
// path. expect must be an object that states "ok".
func MatchJSON(expect, actual []byte) string {
	var e, a any
	if err := json.Unmarshal(expect, &e); err != nil {
		return "expect is not JSON: " + err.Error()
	}
	if err := json.Unmarshal(actual, &a); err != nil {
		return "actual is not JSON: " + err.Error()
	}
	obj, isObj := e.(map[string]any)
	if !isObj {
		return "expect must be a JSON object (a partial envelope)"
	}
	if _, hasOK := obj["ok"]; !hasOK {
		return `expect must state "ok"`
	}
	return Match(e, a, "$")
}

// Match reports whether the decoded JSON value actual matches the partial value
// expect: "" when it does, else the first mismatch, naming its path (which starts
// with path).
//   - An object matches when every key it names matches the same key of the actual
//     object (extra actual keys are fine).
//   - null matches null or an absent key.
//   - A non-empty array matches when each expected element matches a distinct
//     element of the actual array (order free, extra actual elements allowed).
//   - An empty array matches only an empty or absent array.
//   - Any other value (string, number, boolean) matches by equality.
func Match(expect, actual any, path string) string {
	switch e := expect.(type) {
	case nil:
		if actual != nil {
			return fmt.Sprintf("%s: want null or absent, got %s", path, brief(actual))
		}
		return ""
	case map[string]any:
		a, ok := actual.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: want an object, got %s", path, brief(actual))
		}
		keys := make([]string, 0, len(e))
		for k := range e {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if msg := Match(e[k], a[k], path+"."+k); msg != "" {
				return msg
			}
		}
		return ""
	case []any:
		if len(e) == 0 {
			if a, ok := actual.([]any); actual == nil || ok && len(a) == 0 {
				return ""
			}
			return fmt.Sprintf("%s: want an empty or absent array, got %s", path, brief(actual))
		}
		a, ok := actual.([]any)
		if !ok {
			return fmt.Sprintf("%s: want an array, got %s", path, brief(actual))
		}
		if i := unmatched(e, a, path); i >= 0 {
			return fmt.Sprintf("%s: no distinct element matches expected element [%d] %s (actual %s)", path, i, brief(e[i]), brief(actual))
		}
		return ""
	default:
		if actual == nil {
			return fmt.Sprintf("%s: want %s, got null or absent", path, brief(expect))
		}
		if !scalarEqual(expect, actual) {
			return fmt.Sprintf("%s: want %s, got %s", path, brief(expect), brief(actual))
		}
		return ""
	}
}

// unmatched assigns every expected element a distinct actual element it matches (a
// bipartite matching by augmenting paths, so the order of the expected elements
// never decides the answer) and returns the index of an expected element that
// cannot be assigned, or -1.
func unmatched(expect, actual []any, path string) int {
	fits := make([][]int, len(expect))
	for i, e := range expect {
		for j, a := range actual {
			if Match(e, a, path) == "" {
				fits[i] = append(fits[i], j)
			}
		}
	}
	owner := make([]int, len(actual))
	for j := range owner {
		owner[j] = -1
	}
	var assign func(i int, seen []bool) bool
	assign = func(i int, seen []bool) bool {
		for _, j := range fits[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || assign(owner[j], seen) {
				owner[j] = i
				return true
			}
		}
		return false
	}
	for i := range expect {
		if !assign(i, make([]bool, len(actual))) {
			return i
		}
	}
	return -1
}

// scalarEqual compares two decoded JSON scalars (numbers decode as float64).
func scalarEqual(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	}
	return false
}

// brief renders a decoded JSON value for a mismatch message, clipped.
func brief(v any) string {
	if v == nil {
		return "null"
	}
	b, _ := json.Marshal(v)
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}
