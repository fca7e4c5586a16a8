package payreq

//go:generate go run ../../internal/gen/paydecoder

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/paycore/paycore/core/antom"
)

// This file is the hand-written half of the one-pass decoder; decode_gen.go (made by
// internal/gen/paydecoder from the json tags) is the other. Together they give, for
// any well-formed input, exactly what encoding/json.Unmarshal followed by scanKeys
// gives: the same struct (including encoding/json's quirks: a duplicate object key
// merges into the object already decoded, a non-null value of the wrong kind still
// allocates a struct pointer, null leaves a string as it was, an array reuses the
// elements of the slice it decodes into) and the same findings in the same order.
// It checks the syntax as strictly as encoding/json; on anything malformed it stops
// and the caller takes the reference path for encoding/json's exact error.

// maxDepth is encoding/json's nesting limit: deeper input is malformed there.
const maxDepth = 10000

// String token flags.
const (
	strEscape = 1 << iota // holds a backslash escape
	strHigh               // holds a byte >= 0x80
)

// What a field that takes an object or an array found at its value.
const (
	valOther  = iota // a value of another kind, already read (and reported)
	valNull          // null, already read
	valObject        // an object: d.pos is at its '{'
	valArray         // an array: d.pos is at its '['
)

// plain marks the bytes a string holds as they are: printable ASCII but '"' and '\'.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// space marks JSON white space.
var space = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// decoder reads one JSON document. It keeps the field path in one buffer, like the
// key scanner, and the strings it stores in a few shared chunks (see keep). On
// malformed input it sets bad and moves to the end, so every loop stops.
type decoder struct {
	data  []byte
	arena strings.Builder // holds the strings stored, see keep
	pos   int
	depth int
	bad   bool
	path  []byte
	findings
}

// keyTable is what the decoder needs to know about the keys of one struct type.
type keyTable struct {
	exact  func(key []byte) int // the index of the field with this JSON name, or -1
	folded func(key []byte) int // the same for a key folded as encoding/json folds it
	names  []string             // the JSON names, sorted, for hints
}

func (d *decoder) fail() {
	d.bad = true
	d.pos = len(d.data)
}

func (d *decoder) ws() {
	i := d.pos
	for i < len(d.data) && space[d.data[i]] {
		i++
	}
	d.pos = i
}

// begin starts a document: false when it holds nothing but white space.
func (d *decoder) begin() bool {
	d.ws()
	if d.pos >= len(d.data) {
		d.fail()
	}
	return !d.bad
}

// end finishes a document: only white space may follow the value.
func (d *decoder) end() bool {
	d.ws()
	if d.pos != len(d.data) {
		d.fail()
	}
	return !d.bad
}

// open consumes the '{' or '[' at d.pos and enters one level of nesting.
func (d *decoder) open() {
	d.pos++
	d.depth++
	if d.depth > maxDepth {
		d.fail()
	}
}

// nextKey moves to the next key of the object being read, n keys in. It returns the
// span and flags of the key's contents with d.pos at the value, or ok=false after
// the closing '}' (or on malformed input).
func (d *decoder) nextKey(n int) (start, end int, flags uint8, ok bool) {
	d.ws()
	if d.pos >= len(d.data) {
		d.fail()
		return
	}
	c := d.data[d.pos]
	if c == '}' {
		d.pos++
		d.depth--
		return
	}
	if n > 0 {
		if c != ',' {
			d.fail()
			return
		}
		d.pos++
		d.ws()
		if d.pos >= len(d.data) {
			d.fail()
			return
		}
		c = d.data[d.pos]
	}
	if c != '"' {
		d.fail()
		return
	}
	start, end, flags = d.scanString()
	d.ws()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		d.fail()
		return
	}
	d.pos++
	d.ws()
	if d.pos >= len(d.data) {
		d.fail()
		return
	}
	return start, end, flags, true
}

// nextElem moves to the next element of the array being read, n elements in, and
// returns true with d.pos at it, or false after the closing ']' (or on malformed
// input).
func (d *decoder) nextElem(n int) bool {
	d.ws()
	if d.pos >= len(d.data) {
		d.fail()
		return false
	}
	c := d.data[d.pos]
	if c == ']' {
		d.pos++
		d.depth--
		return false
	}
	if n > 0 {
		if c != ',' {
			d.fail()
			return false
		}
		d.pos++
		d.ws()
		if d.pos >= len(d.data) {
			d.fail()
			return false
		}
	}
	return true
}

// scanString reads the string token at d.pos, checking it as encoding/json does,
// and returns the span of its contents and its flags.
func (d *decoder) scanString() (start, end int, flags uint8) {
	data := d.data
	i := d.pos + 1
	start = i
	for i < len(data) {
		c := data[i]
		if plain[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			d.pos = i + 1
			return start, i, flags
		case c == '\\':
			flags |= strEscape
			if i+1 >= len(data) {
				d.fail()
				return start, start, 0
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) || !isHex(data[i+5]) {
					d.fail()
					return start, start, 0
				}
				i += 6
			default:
				d.fail()
				return start, start, 0
			}
		case c < 0x20:
			d.fail()
			return start, start, 0
		default:
			flags |= strHigh
			i++
		}
	}
	d.fail()
	return start, start, 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// scanNumber reads the number at d.pos, checking its grammar.
func (d *decoder) scanNumber() {
	data, i := d.data, d.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data):
		d.fail()
		return
	case data[i] == '0':
		i++
	case '1' <= data[i] && data[i] <= '9':
		i = digits(data, i+1)
	default:
		d.fail()
		return
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			d.fail()
			return
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(data, i)
		if j == i {
			d.fail()
			return
		}
		i = j
	}
	d.pos = i
}

func digits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

// literal reads true, false or null at d.pos.
func (d *decoder) literal(word string) {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return
	}
	d.fail()
}

// skip reads any value at d.pos without storing it, as the key scanner walks a
// value it has no schema for: it still reports Chinese characters in its strings.
func (d *decoder) skip() {
	if d.pos >= len(d.data) {
		d.fail()
		return
	}
	switch c := d.data[d.pos]; c {
	case '{':
		d.open()
		mark := len(d.path)
		for n := 0; ; n++ {
			ks, ke, kf, ok := d.nextKey(n)
			if !ok {
				return
			}
			if kf&strEscape != 0 {
				d.pushKey(d.unquote(ks, ke, kf))
			} else {
				d.pushKey(d.data[ks:ke])
			}
			d.skip()
			d.path = d.path[:mark]
		}
	case '[':
		d.open()
		mark := len(d.path)
		for n := 0; d.nextElem(n); n++ {
			d.pushIndex(n)
			d.skip()
			d.path = d.path[:mark]
		}
	case '"':
		s, e, f := d.scanString()
		if f != 0 && !d.bad {
			d.cjk(s, e)
		}
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		d.scanNumber()
	}
}

// cjk reports the string whose contents are data[s:e] when it holds a Chinese
// character, at the current path.
func (d *decoder) cjk(s, e int) {
	if hasCJK(d.data[s-1 : e+1]) {
		d.nonASCI = append(d.nonASCI, string(d.path))
	}
}

func (d *decoder) pushKey(key []byte) {
	if len(d.path) > 0 {
		d.path = append(d.path, '.')
	}
	d.path = append(d.path, key...)
}

func (d *decoder) pushIndex(i int) {
	d.path = append(d.path, '[')
	d.path = strconv.AppendInt(d.path, int64(i), 10)
	d.path = append(d.path, ']')
}

// key handles the key just read in an object of table t whose key issues are
// reported when report is set. It records an unknown or duplicated key, appends the
// key to the path, and returns the index of the field encoding/json stores the value
// in (-1 for none) and whether the key scanner knows the key, so that the value is
// reported on too.
//
// The two can differ: encoding/json also takes a key that matches a field name only
// ignoring case, which the scanner reports as unknown (with the right name as hint)
// and whose value it walks without a schema.
func (d *decoder) key(ks, ke int, flags uint8, t *keyTable, report bool, seen *uint64) (field int, known bool) {
	if flags != 0 {
		return d.keySlow(ks, ke, flags, t, report, seen)
	}
	key := d.data[ks:ke]
	if f := t.exact(key); f >= 0 {
		if report {
			if bit := uint64(1) << f; *seen&bit != 0 {
				d.issues = append(d.issues, keyIssue{path: string(d.path), key: d.keep(ks, ke), dup: true})
			} else {
				*seen |= bit
			}
		}
		d.pushKey(key)
		return f, true
	}
	if report {
		k := d.keep(ks, ke)
		d.issues = append(d.issues, keyIssue{path: string(d.path), key: k, hint: hint(k, t.names)})
	}
	d.pushKey(key)
	var buf [32]byte
	return t.folded(appendFolded(buf[:0], key)), false
}

// keySlow is key for a key with escapes or non-ASCII bytes. encoding/json matches
// the unescaped key (invalid UTF-8 replaced); the scanner matches and reports the raw
// key when it has no escapes.
func (d *decoder) keySlow(ks, ke int, flags uint8, t *keyTable, report bool, seen *uint64) (field int, known bool) {
	jsonKey := d.unquote(ks, ke, flags)
	scanKey := d.data[ks:ke]
	if flags&strEscape != 0 {
		scanKey = jsonKey
	}
	field = t.exact(jsonKey)
	if field < 0 {
		var buf [32]byte
		field = t.folded(appendFolded(buf[:0], jsonKey))
	}
	s := t.exact(scanKey)
	if report {
		switch {
		case s < 0:
			d.issues = append(d.issues, keyIssue{path: string(d.path), key: string(scanKey), hint: hint(string(scanKey), t.names)})
		case *seen&(uint64(1)<<s) != 0:
			d.issues = append(d.issues, keyIssue{path: string(d.path), key: string(scanKey), dup: true})
		default:
			*seen |= uint64(1) << s
		}
	}
	d.pushKey(scanKey)
	return field, s >= 0
}

// appendFolded is encoding/json's appendFoldedName: ASCII letters upper-cased, other
// runes replaced by the smallest rune of their case-folding orbit.
func appendFolded(out, in []byte) []byte {
	for i := 0; i < len(in); {
		if c := in[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}

// keep returns data[s:e] as a string. The strings of a document are carved from
// a few shared chunks, so storing them costs a few allocations, not one each, and
// none aliases the caller's bytes. A strings.Builder never changes what it has
// written, so a string it returned stays valid when it writes more or is replaced.
func (d *decoder) keep(s, e int) string {
	if s == e {
		return ""
	}
	if d.arena.Cap()-d.arena.Len() < e-s {
		// Strings take at most what is left of the document; most documents need one
		// chunk of half of it.
		d.arena = strings.Builder{}
		d.arena.Grow(max(e-s, (len(d.data)-s)/2, 64))
	}
	n := d.arena.Len()
	d.arena.Write(d.data[s:e])
	return d.arena.String()[n:]
}

// str returns the string whose contents are data[s:e], unescaped.
func (d *decoder) str(s, e int, flags uint8) string {
	if flags&strEscape == 0 && (flags == 0 || utf8.Valid(d.data[s:e])) {
		return d.keep(s, e)
	}
	return string(d.unquote(s, e, flags))
}

// unquote returns the contents data[s:e] of a well-formed string token unescaped
// exactly as encoding/json's unquoteBytes does: invalid UTF-8 and lone surrogates
// become U+FFFD. The result may share memory with the input when nothing changes.
func (d *decoder) unquote(s, e int, flags uint8) []byte {
	in := d.data[s:e]
	if flags&strEscape == 0 && utf8.Valid(in) {
		return in
	}
	out := make([]byte, 0, len(in)+2*utf8.UTFMax)
	for r := 0; r < len(in); {
		switch c := in[r]; {
		case c == '\\':
			if r+1 >= len(in) {
				return out // unreachable: the token was checked
			}
			switch in[r+1] {
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				rr := getu4(in[r:])
				if rr < 0 {
					return out // unreachable: the token was checked
				}
				r += 6
				if utf16.IsSurrogate(rr) {
					if dec := utf16.DecodeRune(rr, getu4(in[r:])); dec != unicode.ReplacementChar {
						r += 6
						out = utf8.AppendRune(out, dec)
						continue
					}
					rr = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, rr)
				continue
			default: // '"', '\\', '/'
				out = append(out, in[r+1])
			}
			r += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			r++
		default:
			rr, size := utf8.DecodeRune(in[r:])
			r += size
			out = utf8.AppendRune(out, rr)
		}
	}
	return out
}

// getu4 decodes \uXXXX at the start of s, or returns -1.
func getu4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c = c - '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// other reads a value of a kind the field does not take (or null), reporting it
// when report is set, the way the key scanner does.
func (d *decoder) other(want kind, report bool) {
	if report {
		if got, bad := kindMismatch(d.data[d.pos:], want); bad {
			d.issues = append(d.issues, keyIssue{path: string(d.path), want: want, got: got})
		}
	}
	d.skip()
}

// stringValue reads the value of a string field. It returns the string and true for
// a JSON string; any other value (null included) leaves the field as it is.
func (d *decoder) stringValue(report bool) (string, bool) {
	if d.data[d.pos] != '"' {
		d.other(kindString, report)
		return "", false
	}
	s, e, f := d.scanString()
	if f == 0 {
		return d.keep(s, e), true
	}
	if d.bad {
		return "", false
	}
	d.cjk(s, e)
	return d.str(s, e, f), true
}

// objectValue reads the start of the value of a field holding a struct.
func (d *decoder) objectValue(report bool) int {
	switch d.data[d.pos] {
	case '{':
		return valObject
	case 'n':
		d.literal("null")
		return valNull
	}
	d.other(kindObject, report)
	return valOther
}

// arrayValue reads the start of the value of a slice field.
func (d *decoder) arrayValue(report bool) int {
	switch d.data[d.pos] {
	case '[':
		return valArray
	case 'n':
		d.literal("null")
		return valNull
	}
	d.other(kindArray, report)
	return valOther
}

// raw reads any value, reporting it as other does when it is not of kind want, and
// returns its bytes: what encoding/json hands an UnmarshalJSON method.
func (d *decoder) raw(want kind, report bool) []byte {
	start := d.pos
	d.other(want, report)
	if d.bad {
		return nil
	}
	return d.data[start:d.pos]
}

// boolValue reads the value of an antom.Bool field.
func (d *decoder) boolValue(report bool) antom.Bool {
	var b antom.Bool
	_ = b.UnmarshalJSON(d.raw(kindBool, report)) // never fails
	return b
}

// intValue reads the value of an antom.Int field.
func (d *decoder) intValue(report bool) antom.Int {
	var i antom.Int
	_ = i.UnmarshalJSON(d.raw(kindInt, report)) // never fails
	return i
}

// numStringValue reads the value of an antom.NumString field as its UnmarshalJSON
// does: a string, or a bare number kept as written; anything else is empty.
func (d *decoder) numStringValue(report bool) antom.NumString {
	if d.data[d.pos] == '"' {
		s, ok := d.stringValue(report)
		if !ok {
			return ""
		}
		return antom.NumString(s)
	}
	c, start := d.data[d.pos], d.pos
	if b := d.raw(kindNumString, report); len(b) > 0 && (c == '-' || '0' <= c && c <= '9') {
		return antom.NumString(d.keep(start, d.pos))
	}
	return ""
}
