package antom

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Bool is a tri-state boolean: unset, false or true. The official SDKs send booleans
// with omitempty, so an explicit false can never reach Antom; Bool can (for example
// enableAuthenticationUpgrade: false turns off 3DS retry, which empty does not).
//
// It decodes a JSON boolean or the strings "true"/"false" (Antom's pages allow both),
// and encodes as a JSON boolean, the form the seed samples send. Use the omitzero
// tag option so an unset Bool is left out.
type Bool struct {
	set, value bool
}

// A value of the wrong JSON type leaves a Bool, Int or NumString unset instead of
// failing the whole decode (encoding/json stops at the first error an UnmarshalJSON
// returns); payreq's key scanner reports every such value with its field path.

// True and False are set Bools.
var (
	True  = Bool{set: true, value: true}
	False = Bool{set: true, value: false}
)

// BoolOf returns a set Bool holding v.
func BoolOf(v bool) Bool { return Bool{set: true, value: v} }

// IsSet reports whether the value was given.
func (b Bool) IsSet() bool { return b.set }

// IsTrue reports whether the value was given and is true.
func (b Bool) IsTrue() bool { return b.set && b.value }

// IsFalse reports whether the value was given and is false.
func (b Bool) IsFalse() bool { return b.set && !b.value }

// IsZero reports whether the value is unset (for the omitzero tag option).
func (b Bool) IsZero() bool { return !b.set }

// MarshalJSON encodes a set Bool as true or false, and an unset one as null.
func (b Bool) MarshalJSON() ([]byte, error) {
	switch {
	case !b.set:
		return []byte("null"), nil
	case b.value:
		return []byte("true"), nil
	}
	return []byte("false"), nil
}

// UnmarshalJSON accepts true, false, "true", "false" and null (unset).
func (b *Bool) UnmarshalJSON(data []byte) error {
	switch string(data) {
	case "null":
		*b = Bool{}
	case "true", `"true"`:
		*b = True
	case "false", `"false"`:
		*b = False
	default:
		*b = Bool{}
	}
	return nil
}

// Int is an optional integer that decodes from a JSON number or a string of digits
// (Antom's pages send "25", the seed sends 25) and encodes as a JSON number.
type Int struct {
	set   bool
	value int64
}

// IntOf returns a set Int holding v.
func IntOf(v int64) Int { return Int{set: true, value: v} }

// IsSet reports whether the value was given.
func (i Int) IsSet() bool { return i.set }

// Value returns the value (0 when unset).
func (i Int) Value() int64 { return i.value }

// IsZero reports whether the value is unset (for the omitzero tag option).
func (i Int) IsZero() bool { return !i.set }

// MarshalJSON encodes a set Int as a JSON number and an unset one as null.
func (i Int) MarshalJSON() ([]byte, error) {
	if !i.set {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, i.value, 10), nil
}

// UnmarshalJSON accepts a JSON integer, a string holding one, or null (unset).
func (i *Int) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*i = Int{}
		return nil
	}
	s := data
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		*i = Int{}
		return nil
	}
	*i = Int{set: true, value: v}
	return nil
}

// NumString is a string field that Antom defines as a string of digits (such as
// goodsQuantity). It also accepts a bare JSON number and always encodes as a string,
// the seed's form.
type NumString string

// UnmarshalJSON accepts a JSON string or a JSON number.
func (n *NumString) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return nil
		}
		*n = NumString(s)
		return nil
	}
	if string(data) == "null" {
		*n = ""
		return nil
	}
	if len(data) > 0 && (data[0] == '-' || (data[0] >= '0' && data[0] <= '9')) {
		*n = NumString(data)
		return nil
	}
	*n = ""
	return nil
}

// JSONKind names the JSON kind of a value (string, object, array, bool, null,
// number) for error messages without quoting it, so a mistyped card number never
// reaches an error.
func JSONKind(data []byte) string {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}
