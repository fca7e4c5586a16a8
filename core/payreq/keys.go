package payreq

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/problem"
)

// schema is the tree of JSON keys a type accepts, read once from its json tags. It
// lets the key scanner report every unknown key (with a "did you mean") in one pass,
// which encoding/json's DisallowUnknownFields cannot: it stops at the first.
type field struct {
	bit   uint64 // 1<<index, to spot duplicate keys without allocating
	child *schema
}

// kind is the JSON type a schema node accepts.
type kind uint8

const (
	kindAny       kind = iota
	kindObject         // a JSON object (or null)
	kindArray          // a JSON array (or null)
	kindString         // a JSON string (or null)
	kindBool           // antom.Bool: true, false, "true", "false" (or null)
	kindInt            // antom.Int: an integer or a string of one (or null)
	kindNumString      // antom.NumString: a string, or a bare number (or null)
)

func (k kind) String() string {
	switch k {
	case kindObject:
		return "an object"
	case kindArray:
		return "an array"
	case kindString:
		return "a string"
	case kindBool:
		return "a boolean (or \"true\"/\"false\")"
	case kindInt:
		return "a whole number (or a string of digits)"
	case kindNumString:
		return "a string of digits"
	}
	return "a value"
}

type schema struct {
	kind   kind
	fields map[string]field // object keys → child; nil for a scalar
	names  []string         // sorted keys, for hints
	elem   *schema          // array element, for slices
	object bool
}

// paySchema is the key tree of antom.PayRequest. Built at init, never written after.
var paySchema = schemaOf(reflect.TypeFor[antom.PayRequest](), map[reflect.Type]*schema{})

var jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()

func schemaOf(t reflect.Type, seen map[reflect.Type]*schema) *schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := seen[t]; ok {
		return s
	}
	switch {
	case t == reflect.TypeFor[antom.Bool]():
		return &schema{kind: kindBool}
	case t == reflect.TypeFor[antom.Int]():
		return &schema{kind: kindInt}
	case t == reflect.TypeFor[antom.NumString]():
		return &schema{kind: kindNumString}
	case reflect.PointerTo(t).Implements(jsonUnmarshaler):
		return &schema{}
	case t.Kind() == reflect.Slice:
		return &schema{kind: kindArray, elem: schemaOf(t.Elem(), seen)}
	case t.Kind() == reflect.String:
		return &schema{kind: kindString}
	case t.Kind() != reflect.Struct:
		return &schema{}
	}
	s := &schema{kind: kindObject, fields: map[string]field{}, object: true}
	seen[t] = s
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s.fields[name] = field{bit: 1 << (len(s.fields) % 64), child: schemaOf(f.Type, seen)}
		s.names = append(s.names, name)
	}
	sort.Strings(s.names)
	return s
}

// keyIssue is an unknown or duplicated key, or a value of the wrong JSON type,
// found by the scanner.
type keyIssue struct {
	path string
	key  string
	hint string // the known key it most likely meant, or ""
	dup  bool
	want kind // for a value of the wrong type: what the field takes
	got  string
}

// scanner walks a syntactically valid JSON document against a schema. It builds
// field paths in one reusable buffer, allocating only for what it reports, and never
// panics on truncated input: it stops.
type scanner struct {
	data []byte
	pos  int
	path []byte
	findings
	bad bool
}

// findings is what a key scan reports: the issues in document order and the paths
// of string values holding Chinese characters. The generated decoder reports the
// same findings in the same order while it decodes.
type findings struct {
	issues  []keyIssue
	nonASCI []string // paths of string values holding CJK characters
}

func scanKeys(data []byte, s *schema) *scanner {
	sc := &scanner{data: data, path: make([]byte, 0, 128)}
	sc.value(s)
	return sc
}

func (sc *scanner) ws() {
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

func (sc *scanner) value(s *schema) {
	sc.ws()
	if sc.pos >= len(sc.data) {
		sc.bad = true
		return
	}
	if s != nil && s.kind != kindAny {
		sc.checkKind(s.kind)
	}
	switch sc.data[sc.pos] {
	case '{':
		sc.object(s)
	case '[':
		sc.array(s)
	case '"':
		start := sc.pos
		sc.str()
		if hasCJK(sc.data[start:sc.pos]) {
			sc.nonASCI = append(sc.nonASCI, string(sc.path))
		}
	default:
		for sc.pos < len(sc.data) {
			c := sc.data[sc.pos]
			if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t' {
				break
			}
			sc.pos++
		}
	}
}

// str skips a string starting at the opening quote and returns its raw contents.
func (sc *scanner) str() []byte {
	sc.pos++ // opening quote
	start := sc.pos
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case '\\':
			sc.pos += 2
			continue
		case '"':
			raw := sc.data[start:sc.pos]
			sc.pos++
			return raw
		}
		sc.pos++
	}
	sc.bad = true
	return nil
}

func (sc *scanner) object(s *schema) {
	sc.pos++ // {
	var seen uint64
	mark := len(sc.path)
	for !sc.bad {
		sc.ws()
		if sc.pos >= len(sc.data) {
			sc.bad = true
			return
		}
		if sc.data[sc.pos] == '}' {
			sc.pos++
			return
		}
		if sc.data[sc.pos] == ',' {
			sc.pos++
			continue
		}
		if sc.data[sc.pos] != '"' {
			sc.bad = true
			return
		}
		raw := sc.str()
		key := raw
		if bytes.IndexByte(raw, '\\') >= 0 {
			var unq string
			if json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &unq) == nil {
				key = []byte(unq)
			}
		}
		sc.ws()
		if sc.pos < len(sc.data) && sc.data[sc.pos] == ':' {
			sc.pos++
		}
		var child *schema
		if s != nil && s.object {
			f, ok := s.fields[string(key)] // no allocation: the compiler optimises map[string(b)]
			switch {
			case !ok:
				sc.issues = append(sc.issues, keyIssue{path: string(sc.path), key: string(key), hint: hint(string(key), s.names)})
			case seen&f.bit != 0:
				sc.issues = append(sc.issues, keyIssue{path: string(sc.path), key: string(key), dup: true})
			}
			seen |= f.bit
			child = f.child
		}
		if mark > 0 {
			sc.path = append(sc.path, '.')
		}
		sc.path = append(sc.path, key...)
		sc.value(child)
		sc.path = sc.path[:mark]
	}
}

func (sc *scanner) array(s *schema) {
	sc.pos++ // [
	var elem *schema
	if s != nil {
		elem = s.elem
	}
	mark := len(sc.path)
	for i := 0; !sc.bad; {
		sc.ws()
		if sc.pos >= len(sc.data) {
			sc.bad = true
			return
		}
		switch sc.data[sc.pos] {
		case ']':
			sc.pos++
			return
		case ',':
			sc.pos++
			i++
			continue
		}
		sc.path = append(sc.path, '[')
		sc.path = strconv.AppendInt(sc.path, int64(i), 10)
		sc.path = append(sc.path, ']')
		sc.value(elem)
		sc.path = sc.path[:mark]
	}
}

// checkKind records a value whose JSON type the field does not take. It looks only
// at the value's first bytes and never records the value itself.
func (sc *scanner) checkKind(want kind) {
	if got, bad := kindMismatch(sc.data[sc.pos:], want); bad {
		sc.issues = append(sc.issues, keyIssue{path: string(sc.path), want: want, got: got})
	}
}

// kindMismatch reports whether the value at the start of rest (the rest of the
// document) is of a JSON kind a field of kind want does not take, and names the
// kind it got.
func kindMismatch(rest []byte, want kind) (got string, bad bool) {
	if len(rest) == 0 {
		return "", false
	}
	switch c := rest[0]; {
	case c == 'n':
		return "", false // null is "absent" for every field
	case c == '{':
		got = "object"
	case c == '[':
		got = "array"
	case c == '"':
		got = "string"
	case c == 't' || c == 'f':
		got = "boolean"
	default:
		got = "number"
	}
	ok := false
	switch want {
	case kindObject:
		ok = got == "object"
	case kindArray:
		ok = got == "array"
	case kindString:
		ok = got == "string"
	case kindBool:
		ok = got == "boolean" || bytes.HasPrefix(rest, []byte(`"true"`)) || bytes.HasPrefix(rest, []byte(`"false"`))
	case kindInt:
		ok = got == "number" && isInt(rest) || got == "string" && len(rest) > 2 && isInt(rest[1:]) && bytes.IndexByte(rest[1:], '"') == intLen(rest[1:])
	case kindNumString:
		ok = got == "string" || got == "number"
	}
	return got, !ok
}

// intLen is the length of the optionally signed run of digits at the start of b.
func intLen(b []byte) int {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// isInt reports whether b starts with an integer not followed by a fraction or
// exponent.
func isInt(b []byte) bool {
	n := intLen(b)
	if n == 0 || (n == 1 && b[0] == '-') {
		return false
	}
	return n == len(b) || (b[n] != '.' && b[n] != 'e' && b[n] != 'E' && (b[n] < '0' || b[n] > '9'))
}

// hasCJK reports whether the raw (still quoted and escaped) string token holds a
// CJK character, literal or \u-escaped. Antom asks for no Chinese characters.
func hasCJK(raw []byte) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c == '\\' && i+5 < len(raw) && raw[i+1] == 'u' {
			if v, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 32); err == nil && isCJK(rune(v)) {
				return true
			}
			i += 6
			continue
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if isCJK(r) {
			return true
		}
		i += n
	}
	return false
}

func isCJK(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) || (r >= 0x3000 && r <= 0x303F) ||
		(r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x20000 && r <= 0x2A6DF)
}

func join(path, key string) string {
	switch {
	case path == "":
		return key
	case key == "":
		return path
	}
	return path + "." + key
}

// hint returns the known key closest to key when it is close enough to be a typo
// (problem.Hint).
func hint(key string, names []string) string { return problem.Hint(key, names) }
