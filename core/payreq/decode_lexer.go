package payreq

//go:generate go run ../../internal/gen/paydecoder

import (
	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/internal/jsonlex"
)

// This file is the hand-written half of the one-pass decoder; decode_gen.go (made by
// internal/gen/paydecoder from the json tags) is the other. Together they give, for
// any well-formed input, exactly what encoding/json.Unmarshal followed by scanKeys
// gives: the same struct (including encoding/json's quirks: a duplicate object key
// merges into the object already decoded, a non-null value of the wrong kind still
// allocates a struct pointer, null leaves a string as it was, an array reuses the
// elements of the slice it decodes into) and the same findings in the same order.
// The syntax is checked by core/internal/jsonlex, as strictly as encoding/json; on
// anything malformed the decoder stops and the caller takes the reference path for
// encoding/json's exact error.

// What a field that takes an object or an array found at its value.
const (
	valOther  = iota // a value of another kind, already read (and reported)
	valNull          // null, already read
	valObject        // an object: d.Pos is at its '{'
	valArray         // an array: d.Pos is at its '['
)

// decoder reads one JSON document with the core's lexer, keeping the field path in
// the lexer's Path buffer like the key scanner, and collects the findings.
type decoder struct {
	jsonlex.Lexer
	findings
}

// keyTable is what the decoder needs to know about the keys of one struct type.
type keyTable struct {
	exact  func(key []byte) int // the index of the field with this JSON name, or -1
	folded func(key []byte) int // the same for a key folded as encoding/json folds it
	names  []string             // the JSON names, sorted, for hints
}

// skip reads any value at d.Pos without storing it, as the key scanner walks a
// value it has no schema for: it still reports Chinese characters in its strings.
func (d *decoder) skip() {
	if d.Pos >= len(d.Data) {
		d.Fail()
		return
	}
	switch c := d.Data[d.Pos]; c {
	case '{':
		d.Open()
		mark := len(d.Path)
		for n := 0; ; n++ {
			ks, ke, kf, ok := d.NextKey(n)
			if !ok {
				return
			}
			if kf&jsonlex.StrEscape != 0 {
				d.PushKey(d.Unquote(ks, ke, kf))
			} else {
				d.PushKey(d.Data[ks:ke])
			}
			d.skip()
			d.Path = d.Path[:mark]
		}
	case '[':
		d.Open()
		mark := len(d.Path)
		for n := 0; d.NextElem(n); n++ {
			d.PushIndex(n)
			d.skip()
			d.Path = d.Path[:mark]
		}
	case '"':
		s, e, f := d.ScanString()
		if f != 0 && !d.Bad {
			d.cjk(s, e)
		}
	case 't':
		d.Literal("true")
	case 'f':
		d.Literal("false")
	case 'n':
		d.Literal("null")
	default:
		d.ScanNumber()
	}
}

// cjk reports the string whose contents are data[s:e] when it holds a Chinese
// character, at the current path.
func (d *decoder) cjk(s, e int) {
	if hasCJK(d.Data[s-1 : e+1]) {
		d.nonASCI = append(d.nonASCI, string(d.Path))
	}
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
	key := d.Data[ks:ke]
	if f := t.exact(key); f >= 0 {
		if report {
			if bit := uint64(1) << f; *seen&bit != 0 {
				d.issues = append(d.issues, keyIssue{path: string(d.Path), key: d.Keep(ks, ke), dup: true})
			} else {
				*seen |= bit
			}
		}
		d.PushKey(key)
		return f, true
	}
	if report {
		k := d.Keep(ks, ke)
		d.issues = append(d.issues, keyIssue{path: string(d.Path), key: k, hint: hint(k, t.names)})
	}
	d.PushKey(key)
	var buf [32]byte
	return t.folded(jsonlex.AppendFolded(buf[:0], key)), false
}

// keySlow is key for a key with escapes or non-ASCII bytes. encoding/json matches
// the unescaped key (invalid UTF-8 replaced); the scanner matches and reports the raw
// key when it has no escapes.
func (d *decoder) keySlow(ks, ke int, flags uint8, t *keyTable, report bool, seen *uint64) (field int, known bool) {
	jsonKey := d.Unquote(ks, ke, flags)
	scanKey := d.Data[ks:ke]
	if flags&jsonlex.StrEscape != 0 {
		scanKey = jsonKey
	}
	field = t.exact(jsonKey)
	if field < 0 {
		var buf [32]byte
		field = t.folded(jsonlex.AppendFolded(buf[:0], jsonKey))
	}
	s := t.exact(scanKey)
	if report {
		switch {
		case s < 0:
			d.issues = append(d.issues, keyIssue{path: string(d.Path), key: string(scanKey), hint: hint(string(scanKey), t.names)})
		case *seen&(uint64(1)<<s) != 0:
			d.issues = append(d.issues, keyIssue{path: string(d.Path), key: string(scanKey), dup: true})
		default:
			*seen |= uint64(1) << s
		}
	}
	d.PushKey(scanKey)
	return field, s >= 0
}

// other reads a value of a kind the field does not take (or null), reporting it
// when report is set, the way the key scanner does.
func (d *decoder) other(want kind, report bool) {
	if report {
		if got, bad := kindMismatch(d.Data[d.Pos:], want); bad {
			d.issues = append(d.issues, keyIssue{path: string(d.Path), want: want, got: got})
		}
	}
	d.skip()
}

// stringValue reads the value of a string field. It returns the string and true for
// a JSON string; any other value (null included) leaves the field as it is.
func (d *decoder) stringValue(report bool) (string, bool) {
	if d.Data[d.Pos] != '"' {
		d.other(kindString, report)
		return "", false
	}
	s, e, f := d.ScanString()
	if f == 0 {
		return d.Keep(s, e), true
	}
	if d.Bad {
		return "", false
	}
	d.cjk(s, e)
	return d.Str(s, e, f), true
}

// objectValue reads the start of the value of a field holding a struct.
func (d *decoder) objectValue(report bool) int {
	switch d.Data[d.Pos] {
	case '{':
		return valObject
	case 'n':
		d.Literal("null")
		return valNull
	}
	d.other(kindObject, report)
	return valOther
}

// arrayValue reads the start of the value of a slice field.
func (d *decoder) arrayValue(report bool) int {
	switch d.Data[d.Pos] {
	case '[':
		return valArray
	case 'n':
		d.Literal("null")
		return valNull
	}
	d.other(kindArray, report)
	return valOther
}

// raw reads any value, reporting it as other does when it is not of kind want, and
// returns its bytes: what encoding/json hands an UnmarshalJSON method.
func (d *decoder) raw(want kind, report bool) []byte {
	start := d.Pos
	d.other(want, report)
	if d.Bad {
		return nil
	}
	return d.Data[start:d.Pos]
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
	if d.Data[d.Pos] == '"' {
		s, ok := d.stringValue(report)
		if !ok {
			return ""
		}
		return antom.NumString(s)
	}
	c, start := d.Data[d.Pos], d.Pos
	if b := d.raw(kindNumString, report); len(b) > 0 && (c == '-' || '0' <= c && c <= '9') {
		return antom.NumString(d.Keep(start, d.Pos))
	}
	return ""
}
