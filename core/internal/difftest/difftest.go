// Package difftest holds the checks the tests of the generated one-pass decoders
// share: a generated decoder against encoding/json on the same bytes, and the
// documents of a test vector to seed them with. It is imported by tests only.
package difftest

import (
	"encoding/json"
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
