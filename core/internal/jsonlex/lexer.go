// Package jsonlex is the byte-level JSON lexer of the core's generated one-pass
// decoders (internal/gen/paydecoder and internal/gen/opdecoder). It checks the
// syntax exactly as strictly as encoding/json (string escapes, number grammar,
// literals, nesting depth) without building anything, so a decoder can fill its
// struct straight from the bytes and, on anything malformed, stop and leave the
// input to encoding/json for its exact error. It is pure: no globals are written,
// nothing is read but the bytes given.
package jsonlex

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is encoding/json's nesting limit: deeper input is malformed there.
const MaxDepth = 10000

// String token flags, as ScanString and NextKey return them.
const (
	StrEscape = 1 << iota // holds a backslash escape
	StrHigh               // holds a byte >= 0x80
)

// What ObjectStart and ArrayStart found at the value.
const (
	Other  = iota // a value of another kind: Bad is set
	Null          // null, already read
	Object        // an object: Pos is at its '{'
	Array         // an array: Pos is at its '['
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

// Lexer reads one JSON document. Path is a buffer a decoder may keep the field path
// in (the lexer itself only appends to it in PushKey and PushIndex). On malformed
// input the lexer sets Bad and moves Pos to the end, so every loop stops.
type Lexer struct {
	Data  []byte
	Pos   int
	Depth int
	Bad   bool
	Path  []byte
	arena strings.Builder // holds the strings stored, see Keep
}

// Fail marks the document as refused and stops the reading.
func (l *Lexer) Fail() {
	l.Bad = true
	l.Pos = len(l.Data)
}

// WS skips white space.
func (l *Lexer) WS() {
	i := l.Pos
	for i < len(l.Data) && space[l.Data[i]] {
		i++
	}
	l.Pos = i
}

// Begin starts a document: false when it holds nothing but white space.
func (l *Lexer) Begin() bool {
	l.WS()
	if l.Pos >= len(l.Data) {
		l.Fail()
	}
	return !l.Bad
}

// End finishes a document: only white space may follow the value.
func (l *Lexer) End() bool {
	l.WS()
	if l.Pos != len(l.Data) {
		l.Fail()
	}
	return !l.Bad
}

// Open consumes the '{' or '[' at Pos and enters one level of nesting.
func (l *Lexer) Open() {
	l.Pos++
	l.Depth++
	if l.Depth > MaxDepth {
		l.Fail()
	}
}

// NextKey moves to the next key of the object being read, n keys in. It returns the
// span and flags of the key's contents with Pos at the value, or ok=false after the
// closing '}' (or on malformed input).
func (l *Lexer) NextKey(n int) (start, end int, flags uint8, ok bool) {
	l.WS()
	if l.Pos >= len(l.Data) {
		l.Fail()
		return
	}
	c := l.Data[l.Pos]
	if c == '}' {
		l.Pos++
		l.Depth--
		return
	}
	if n > 0 {
		if c != ',' {
			l.Fail()
			return
		}
		l.Pos++
		l.WS()
		if l.Pos >= len(l.Data) {
			l.Fail()
			return
		}
		c = l.Data[l.Pos]
	}
	if c != '"' {
		l.Fail()
		return
	}
	start, end, flags = l.ScanString()
	l.WS()
	if l.Pos >= len(l.Data) || l.Data[l.Pos] != ':' {
		l.Fail()
		return
	}
	l.Pos++
	l.WS()
	if l.Pos >= len(l.Data) {
		l.Fail()
		return
	}
	return start, end, flags, true
}

// NextElem moves to the next element of the array being read, n elements in, and
// returns true with Pos at it, or false after the closing ']' (or on malformed
// input).
func (l *Lexer) NextElem(n int) bool {
	l.WS()
	if l.Pos >= len(l.Data) {
		l.Fail()
		return false
	}
	c := l.Data[l.Pos]
	if c == ']' {
		l.Pos++
		l.Depth--
		return false
	}
	if n > 0 {
		if c != ',' {
			l.Fail()
			return false
		}
		l.Pos++
		l.WS()
		if l.Pos >= len(l.Data) {
			l.Fail()
			return false
		}
	}
	return true
}

// ScanString reads the string token at Pos, checking it as encoding/json does, and
// returns the span of its contents and its flags.
func (l *Lexer) ScanString() (start, end int, flags uint8) {
	data := l.Data
	i := l.Pos + 1
	start = i
	for i < len(data) {
		c := data[i]
		if plain[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			l.Pos = i + 1
			return start, i, flags
		case c == '\\':
			flags |= StrEscape
			if i+1 >= len(data) {
				l.Fail()
				return start, start, 0
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) || !isHex(data[i+5]) {
					l.Fail()
					return start, start, 0
				}
				i += 6
			default:
				l.Fail()
				return start, start, 0
			}
		case c < 0x20:
			l.Fail()
			return start, start, 0
		default:
			flags |= StrHigh
			i++
		}
	}
	l.Fail()
	return start, start, 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// ScanNumber reads the number at Pos, checking its grammar.
func (l *Lexer) ScanNumber() {
	data, i := l.Data, l.Pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data):
		l.Fail()
		return
	case data[i] == '0':
		i++
	case '1' <= data[i] && data[i] <= '9':
		i = digits(data, i+1)
	default:
		l.Fail()
		return
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			l.Fail()
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
			l.Fail()
			return
		}
		i = j
	}
	l.Pos = i
}

func digits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

// Literal reads true, false or null at Pos.
func (l *Lexer) Literal(word string) {
	if len(l.Data)-l.Pos >= len(word) && string(l.Data[l.Pos:l.Pos+len(word)]) == word {
		l.Pos += len(word)
		return
	}
	l.Fail()
}

// Skip reads any value at Pos without storing it.
func (l *Lexer) Skip() {
	if l.Pos >= len(l.Data) {
		l.Fail()
		return
	}
	switch l.Data[l.Pos] {
	case '{':
		l.Open()
		for n := 0; ; n++ {
			if _, _, _, ok := l.NextKey(n); !ok {
				return
			}
			l.Skip()
		}
	case '[':
		l.Open()
		for n := 0; l.NextElem(n); n++ {
			l.Skip()
		}
	case '"':
		l.ScanString()
	case 't':
		l.Literal("true")
	case 'f':
		l.Literal("false")
	case 'n':
		l.Literal("null")
	default:
		l.ScanNumber()
	}
}

// Value reads any value at Pos and returns its bytes (nil on malformed input): what
// encoding/json hands an UnmarshalJSON method.
func (l *Lexer) Value() []byte {
	start := l.Pos
	l.Skip()
	if l.Bad {
		return nil
	}
	return l.Data[start:l.Pos]
}

// PushKey appends .key (or key, at the root) to Path.
func (l *Lexer) PushKey(key []byte) {
	if len(l.Path) > 0 {
		l.Path = append(l.Path, '.')
	}
	l.Path = append(l.Path, key...)
}

// PushIndex appends [i] to Path.
func (l *Lexer) PushIndex(i int) {
	l.Path = append(l.Path, '[')
	l.Path = strconv.AppendInt(l.Path, int64(i), 10)
	l.Path = append(l.Path, ']')
}

// AppendFolded is encoding/json's appendFoldedName: ASCII letters upper-cased, other
// runes replaced by the smallest rune of their case-folding orbit.
func AppendFolded(out, in []byte) []byte {
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

// Keep returns Data[s:e] as a string. The strings of a document are carved from a
// few shared chunks, so storing them costs a few allocations, not one each, and none
// aliases the caller's bytes. A strings.Builder never changes what it has written,
// so a string it returned stays valid when it writes more or is replaced.
func (l *Lexer) Keep(s, e int) string {
	if s == e {
		return ""
	}
	if l.arena.Cap()-l.arena.Len() < e-s {
		// Strings take at most what is left of the document; most documents need one
		// chunk of half of it.
		l.arena = strings.Builder{}
		l.arena.Grow(max(e-s, (len(l.Data)-s)/2, 64))
	}
	n := l.arena.Len()
	l.arena.Write(l.Data[s:e])
	return l.arena.String()[n:]
}

// Str returns the string whose contents are Data[s:e], unescaped.
func (l *Lexer) Str(s, e int, flags uint8) string {
	if flags == 0 || flags&StrEscape == 0 && utf8.Valid(l.Data[s:e]) {
		return l.Keep(s, e)
	}
	return string(l.Unquote(s, e, flags))
}

// Unquote returns the contents Data[s:e] of a well-formed string token unescaped
// exactly as encoding/json's unquoteBytes does: invalid UTF-8 and lone surrogates
// become U+FFFD. The result may share memory with the input when nothing changes.
func (l *Lexer) Unquote(s, e int, flags uint8) []byte {
	in := l.Data[s:e]
	if flags&StrEscape == 0 && utf8.Valid(in) {
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
