package payreq

import (
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paycore/paycore/core/antom"
)

// schema is the tree of JSON keys a type accepts, read once from its json tags. It
// lets the key scanner report every unknown key (with a "did you mean") in one pass,
// which encoding/json's DisallowUnknownFields cannot: it stops at the first.
type schema struct {
	fields map[string]*schema // object keys → child; nil for a scalar
	names  []string           // sorted keys, for hints
	elem   *schema            // array element, for slices
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
	case reflect.PointerTo(t).Implements(jsonUnmarshaler):
		return &schema{}
	case t.Kind() == reflect.Slice:
		return &schema{elem: schemaOf(t.Elem(), seen)}
	case t.Kind() != reflect.Struct:
		return &schema{}
	}
	s := &schema{fields: map[string]*schema{}, object: true}
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
		s.fields[name] = schemaOf(f.Type, seen)
		s.names = append(s.names, name)
	}
	sort.Strings(s.names)
	return s
}

// keyIssue is an unknown or duplicated key found by the scanner.
type keyIssue struct {
	path string
	key  string
	hint string // the known key it most likely meant, or ""
	dup  bool
}

// scanner walks a syntactically valid JSON document against a schema. It never
// allocates for known keys and never panics on truncated input: it stops.
type scanner struct {
	data    []byte
	pos     int
	issues  []keyIssue
	nonASCI []string // paths of string values holding CJK characters
	bad     bool
}

func scanKeys(data []byte, s *schema) *scanner {
	sc := &scanner{data: data}
	sc.value(s, "")
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

func (sc *scanner) value(s *schema, path string) {
	sc.ws()
	if sc.pos >= len(sc.data) {
		sc.bad = true
		return
	}
	switch sc.data[sc.pos] {
	case '{':
		sc.object(s, path)
	case '[':
		sc.array(s, path)
	case '"':
		start := sc.pos
		sc.str()
		if sc.hasCJK(start, sc.pos) {
			sc.nonASCI = append(sc.nonASCI, path)
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

func (sc *scanner) object(s *schema, path string) {
	sc.pos++ // {
	var seen map[string]bool
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
		key := string(raw)
		if strings.IndexByte(key, '\\') >= 0 {
			var unq string
			if json.Unmarshal([]byte(`"`+key+`"`), &unq) == nil {
				key = unq
			}
		}
		sc.ws()
		if sc.pos < len(sc.data) && sc.data[sc.pos] == ':' {
			sc.pos++
		}
		var child *schema
		if s != nil && s.object {
			var ok bool
			child, ok = s.fields[key]
			if !ok {
				sc.issues = append(sc.issues, keyIssue{path: path, key: key, hint: hint(key, s.names)})
			} else {
				if seen == nil {
					seen = make(map[string]bool, len(s.fields))
				}
				if seen[key] {
					sc.issues = append(sc.issues, keyIssue{path: path, key: key, dup: true})
				}
				seen[key] = true
			}
		}
		sc.value(child, join(path, key))
	}
}

func (sc *scanner) array(s *schema, path string) {
	sc.pos++ // [
	var elem *schema
	if s != nil {
		elem = s.elem
	}
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
		sc.value(elem, path+"["+strconv.Itoa(i)+"]")
	}
}

// hasCJK reports whether the raw string between start and end holds a CJK
// character, literal or \u-escaped. Antom asks for no Chinese characters.
func (sc *scanner) hasCJK(start, end int) bool {
	raw := sc.data[start:end]
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
	if path == "" {
		return key
	}
	return path + "." + key
}

// hint returns the known key closest to key when it is close enough to be a typo:
// equal ignoring case, or within an edit distance of about a quarter of its length.
func hint(key string, names []string) string {
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
