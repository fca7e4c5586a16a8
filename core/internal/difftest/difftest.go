// Package difftest holds the checks the tests of the generated one-pass decoders
// share: a generated decoder against encoding/json on the same bytes, the
// documents of the test vectors to seed them with, and the test and fuzz target
// every package runs. It is imported by tests only, and reads only the file
// system it is given.
package difftest

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"
)

// Agree decodes data with the generated decoder fast and with the reference ref
// (encoding/json) into zero values of T. When fast accepts data, ref must accept it
// too and give an equal value, and the value must not share memory with data (it
// is checked again after data is overwritten). It returns whether each accepted.
func Agree[T any](t testing.TB, what string, data []byte, fast func([]byte, *T) bool, ref func([]byte, *T) error) (fastOK, refOK bool) {
	t.Helper()
	var got, want T
	own := append([]byte(nil), data...)
	fastOK = fast(own, &got)
	err := ref(data, &want)
	refOK = err == nil
	if !fastOK {
		return fastOK, refOK
	}
	for i := range own {
		own[i] = 'x'
	}
	if err != nil {
		t.Fatalf("%s %q: encoding/json refuses it (%v) but the generated decoder accepts it", what, data, err)
	}
	if !reflect.DeepEqual(got, want) {
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(want)
		t.Fatalf("%s %q: decoded values differ\ngenerated: %s\nreference: %s\n%#v\n%#v", what, data, a, b, got, want)
	}
	return fastOK, refOK
}

// Seeds returns the input of a test vector file (its "input" member) and the values
// found at the given paths below it (each a list of keys; a string value holding a
// JSON document, such as a notification body, is returned unquoted).
func Seeds(vector []byte, paths ...[]string) [][]byte {
	var v struct {
		Input json.RawMessage `json:"input"`
	}
	if json.Unmarshal(vector, &v) != nil || len(v.Input) == 0 {
		return nil
	}
	out := [][]byte{v.Input}
	for _, path := range paths {
		raw := v.Input
		for _, key := range path {
			var m map[string]json.RawMessage
			if json.Unmarshal(raw, &m) != nil {
				raw = nil
				break
			}
			raw = m[key]
		}
		if len(raw) == 0 {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			raw = []byte(s)
		}
		if len(raw) > 0 {
			out = append(out, raw)
		}
	}
	return out
}

// Corners are documents that exercise encoding/json's corners whatever the type:
// shapes, syntax errors, escapes, invalid UTF-8, case-folded and escaped keys,
// duplicate keys and unknown keys of every kind.
var Corners = []string{
	`{}`, ` {} `, "\t\r\n{}\n", `null`, `"x"`, `[]`, `[{}]`, `1`, `-0.5e+3`, `true`, `false`, ``, ` `,
	`{} {}`, `{}x`, `{`, `}`, `{"a"}`, `{"a":}`, `{"a" 1}`, `{"a":1,}`, `{,"a":1}`, `{"a":1 "b":2}`, `{'a':1}`,
	`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":-}`, `{"a":1e}`, `{"a":1e+}`, `{"a":tru}`, `{"a":nul}`, `{"a":falsey}`,
	`{"a":"\x"}`, `{"a":"\u12"}`, `{"a":"\u12G4"}`, "{\"a\":\"\x01\"}", `{"a":"` + "\xff" + `"}`, `{"a":[1,]}`, `{"a":[,1]}`, `{"a":[1 2]}`,
	`{"a":{"b":[{"c":null,"d":[true,false,-1.5e-3,"\u00e9\ud83d\ude00\ud800"]}]}}`, `{"a":[[[[[]]]]]}`,
	`{"\u0061":1}`, `{"é":1}`, `{"` + "\xff" + `":1}`,
}

// Agreement is a package's check of all its generated decoders on one document: it
// fails the test on a disagreement and says whether a decoder and the reference
// accepted the document.
type Agreement func(t testing.TB, data []byte) (fastOK, refOK bool)

// VectorDocs returns the documents of every test vector file (*.json) of fsys: its
// input and the values at paths (see Seeds).
func VectorDocs(t testing.TB, fsys fs.FS, paths ...[]string) [][]byte {
	t.Helper()
	files, err := fs.Glob(fsys, "*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test vectors: %v", err)
	}
	var out [][]byte
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Seeds(data, paths...)...)
	}
	return out
}

// Check runs the Corners, the package's cases and the vector documents through
// agree. Every vector document the reference accepts must take the generated path
// (none has a key with escapes or matching only ignoring case, the shapes left to
// encoding/json on purpose), and there must be at least least of them.
func Check(t *testing.T, agree Agreement, cases []string, docs [][]byte, least int) {
	t.Helper()
	for _, c := range append(Corners, cases...) {
		agree(t, []byte(c))
	}
	fast := 0
	for _, doc := range docs {
		if fastOK, refOK := agree(t, doc); refOK {
			if !fastOK {
				t.Fatalf("a vector's document takes the encoding/json path: %s", doc)
			}
			fast++
		}
	}
	if fast < least {
		t.Fatalf("%d vector documents took the generated path, want at least %d", fast, least)
	}
}

// Fuzz seeds f with the Corners, the package's cases and the vector documents and
// runs agree on arbitrary bytes.
func Fuzz(f *testing.F, agree Agreement, cases []string, docs [][]byte) {
	for _, c := range append(Corners, cases...) {
		f.Add([]byte(c))
	}
	for _, doc := range docs {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, data)
	})
}
