package jsonlex

import (
	"strconv"
	"strings"
)

// The readers below serve decoders that give exactly what encoding/json.Unmarshal
// gives or refuse: each reads a value of one Go kind the way encoding/json stores
// it, and sets Bad (so the caller takes encoding/json's path for its exact error) on
// any value encoding/json would not store without an error.

// ObjectStart looks at the value of a struct or map: Object with Pos at '{', Null
// after reading null, or Other with Bad set.
func (l *Lexer) ObjectStart() int {
	switch l.Data[l.Pos] {
	case '{':
		return Object
	case 'n':
		l.Literal("null")
		return Null
	}
	l.Fail()
	return Other
}

// ArrayStart looks at the value of a slice: Array with Pos at '[', Null after
// reading null, or Other with Bad set.
func (l *Lexer) ArrayStart() int {
	switch l.Data[l.Pos] {
	case '[':
		return Array
	case 'n':
		l.Literal("null")
		return Null
	}
	l.Fail()
	return Other
}

// String reads the value of a string field: the string and true for a JSON string,
// false for null (encoding/json leaves the field as it was) or anything else (Bad).
func (l *Lexer) String() (string, bool) {
	switch l.Data[l.Pos] {
	case '"':
		s, e, f := l.ScanString()
		if l.Bad {
			return "", false
		}
		return l.Str(s, e, f), true
	case 'n':
		l.Literal("null")
		return "", false
	}
	l.Fail()
	return "", false
}

// Bool reads the value of a bool field: the value and true for true or false,
// false for null (the field is left as it was) or anything else (Bad).
func (l *Lexer) Bool() (value, ok bool) {
	switch l.Data[l.Pos] {
	case 't':
		l.Literal("true")
		return true, !l.Bad
	case 'f':
		l.Literal("false")
		return false, !l.Bad
	case 'n':
		l.Literal("null")
		return false, false
	}
	l.Fail()
	return false, false
}

// Int reads the value of an integer field of bits bits: the value and true for a
// JSON number that is an integer in range, false for null (the field is left as it
// was) or anything else (Bad): encoding/json refuses a fraction, an exponent and an
// overflow.
func (l *Lexer) Int(bits int) (int64, bool) {
	c := l.Data[l.Pos]
	if c == 'n' {
		l.Literal("null")
		return 0, false
	}
	if c != '-' && (c < '0' || c > '9') {
		l.Fail()
		return 0, false
	}
	start := l.Pos
	l.ScanNumber()
	if l.Bad {
		return 0, false
	}
	num := l.Data[start:l.Pos]
	if len(num) <= 18 { // no overflow at 64 bits: read it directly
		neg := num[0] == '-'
		if neg {
			num = num[1:]
		}
		var v int64
		for _, c := range num {
			if c < '0' || c > '9' {
				l.Fail()
				return 0, false
			}
			v = v*10 + int64(c-'0')
		}
		if neg {
			v = -v
		}
		if bits < 64 && (v < -(1<<(bits-1)) || v >= 1<<(bits-1)) {
			l.Fail()
			return 0, false
		}
		return v, true
	}
	v, err := strconv.ParseInt(string(num), 10, bits)
	if err != nil {
		l.Fail()
		return 0, false
	}
	return v, true
}

// FoldsTo reports whether key, ASCII without escapes, matches one of names ignoring
// case as encoding/json matches a key that has no exact match (for ASCII, its fold
// is upper-casing the letters).
func FoldsTo(key []byte, names []string) bool {
	for _, n := range names {
		if len(n) == len(key) && strings.EqualFold(n, string(key)) {
			return true
		}
	}
	return false
}
