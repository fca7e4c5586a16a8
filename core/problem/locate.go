package problem

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/paycore/paycore/core/card"
)

// locateUnknown turns encoding/json's "unknown field" error, which names the key
// without its place, into one naming the path in the input (signing.key) and the
// key the input most likely meant ("did you mean signing.privateKey?").
func locateUnknown(e *Error, key string, data []byte, v any) *Error {
	var doc any
	if json.Unmarshal(data, &doc) != nil {
		return e
	}
	path, names := unknownKey(reflect.TypeOf(v), doc, "", key)
	if path == "" {
		return e
	}
	out := *e
	out.Field = card.RedactText(path)
	out.Message = fmt.Sprintf("unknown input key %q", out.Field)
	if h := intentHint(key, names); h != "" {
		if parent := strings.TrimSuffix(strings.TrimSuffix(path, key), "."); parent != "" {
			h = parent + "." + h
		}
		out.Message += fmt.Sprintf(": did you mean %q?", card.RedactText(h))
	}
	return &out
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// unknownKey returns the path of the first key named key (in sorted key order)
// that no field of t accepts, and the JSON names of the struct it is in; "" when
// there is none.
func unknownKey(t reflect.Type, v any, prefix, key string) (string, []string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshaler) {
		return "", nil
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return "", nil
		}
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			path := k
			if prefix != "" {
				path = prefix + "." + k
			}
			f, ok := fieldByJSON(t, k)
			switch {
			case !ok && k == key:
				return path, jsonNames(t)
			case ok:
				if p, ns := unknownKey(f.Type, m[k], path, key); p != "" {
					return p, ns
				}
			}
		}
	case reflect.Slice:
		items, _ := v.([]any)
		for i, item := range items {
			if p, ns := unknownKey(t.Elem(), item, prefix+"["+strconv.Itoa(i)+"]", key); p != "" {
				return p, ns
			}
		}
	}
	return "", nil
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		name = f.Name
	}
	return name
}

func jsonNames(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && jsonName(f) != "-" {
			out = append(out, jsonName(f))
		}
	}
	return out
}

// fieldByJSON finds the field encoding/json would decode key into (it matches
// names case-insensitively).
func fieldByJSON(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name := jsonName(f); f.IsExported() && name != "-" && strings.EqualFold(name, key) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// intentHint is Hint, or else the one name that ends with key (signing.key →
// privateKey), or else the one that starts with it: op inputs are short, and a
// shortened name is the usual slip there.
func intentHint(key string, names []string) string {
	if h := Hint(key, names); h != "" || len(key) < 3 {
		return h
	}
	for _, match := range []func(string, string) bool{strings.HasSuffix, strings.HasPrefix} {
		var found []string
		for _, n := range names {
			if match(strings.ToLower(n), strings.ToLower(key)) {
				found = append(found, n)
			}
		}
		if len(found) == 1 {
			return found[0]
		}
	}
	return ""
}

// Hint returns the name closest to key when it is close enough to be a typo: equal
// ignoring case, or within an edit distance of about a quarter of its length.
func Hint(key string, names []string) string {
	best, bestD := "", 1<<30
	for _, n := range names {
		if strings.EqualFold(n, key) {
			return n
		}
		if d := distance(strings.ToLower(key), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	limit := max(1, min(3, len(key)/4))
	if bestD <= limit {
		return best
	}
	return ""
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	if len(a) > 128 || len(b) > 128 {
		return 1 << 30
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
