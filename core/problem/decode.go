package problem

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/paycore/paycore/core/card"
)

// DecodeStrict decodes exactly one JSON value from data into v, refusing unknown
// keys and trailing data. Failures come back as BAD_JSON (syntax, wrong JSON type)
// or BAD_INPUT (unknown key), naming the offset and the field where it broke.
// Empty input decodes as {} so ops without parameters accept it.
func DecodeStrict(data []byte, v any) error {
	return OrNil(decodeStrict(data, v))
}

// DecodeStrictWith is DecodeStrict with a generated one-pass decoder tried first:
// fast either fills v exactly as DecodeStrict would and returns true, or refuses,
// and then v is reset and decoded by DecodeStrict for its exact result and error.
func DecodeStrictWith[T any](data []byte, v *T, fast func([]byte, *T) bool) error {
	if fast(data, v) {
		return nil
	}
	var zero T
	*v = zero
	return DecodeStrict(data, v)
}

// decodeStrict is DecodeStrict with the concrete error type, for this package.
func decodeStrict(data []byte, v any) *Error {
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		e := FromJSON(err, "")
		if raw, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok && e.Code == BadInput {
			return locateUnknown(e, strings.Trim(raw, `"`), data, v)
		}
		return e
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Error{Code: BadJSON, Message: "unexpected data after the JSON value", Offset: dec.InputOffset()}
	}
	return nil
}

// FromJSON turns an encoding/json error into a BAD_JSON or BAD_INPUT Error. prefix is
// prepended to field paths (e.g. "request") so paths stay relative to the op input.
// Messages name types and positions, never the offending value, so card data in a
// mistyped field cannot leak.
func FromJSON(err error, prefix string) *Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return &Error{Code: BadJSON, Message: "malformed JSON: " + syn.Error(), Offset: syn.Offset}
	case errors.As(err, &typ):
		field := join(prefix, typ.Field)
		return &Error{Code: BadJSON, Field: field, Offset: typ.Offset,
			Message: fmt.Sprintf("%s: expected %s, got a JSON %s", orRoot(field), jsonKind(typ.Type.Kind().String()), typ.Value)}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &Error{Code: BadJSON, Message: "malformed JSON: unexpected end of input"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := card.RedactText(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`))
		return &Error{Code: BadInput, Field: join(prefix, name), Message: fmt.Sprintf("unknown input key %q", name)}
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return &Error{Code: BadJSON, Field: join(prefix, fe.Field), Message: fe.Message}
	}
	return &Error{Code: BadJSON, Message: "malformed JSON"}
}

// FieldError is returned by custom UnmarshalJSON methods to report a bad value without
// quoting it; FromJSON maps it to BAD_JSON.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Message }

func join(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	}
	return prefix + "." + field
}

func orRoot(field string) string {
	if field == "" {
		return "input"
	}
	return field
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "an array"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "float32", "float64":
		return "a number"
	}
	return "another type"
}
