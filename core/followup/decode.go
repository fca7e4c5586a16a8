package followup

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/paycore/paycore/core/card"
	"github.com/paycore/paycore/core/problem"
)

// decode decodes an intent strictly: unknown keys are BAD_INPUT, values of the
// wrong JSON type BAD_JSON. encoding/json names an unknown key without its place,
// so an unknown key is located in the intent (env.terminal, signing.clientID).
func decode[T any](input []byte, in *T) *problem.Error {
	perr := problem.From(problem.DecodeStrict(input, in))
	if perr == nil || perr.Code != problem.BadInput || perr.Field == "" {
		return perr
	}
	var doc any
	if json.Unmarshal(input, &doc) != nil {
		return perr
	}
	path := unknownKey(reflect.TypeFor[T](), doc, "", perr.Field)
	if path == "" || path == perr.Field {
		return perr
	}
	out := *perr
	out.Field = card.RedactText(path)
	out.Message = "unknown input key " + strconv.Quote(out.Field)
	return &out
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// unknownKey returns the path of the first key named key (in sorted key order)
// that no field of t accepts, or "".
func unknownKey(t reflect.Type, v any, prefix, key string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshaler) {
		return ""
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return ""
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
				return path
			case ok:
				if p := unknownKey(f.Type, m[k], path, key); p != "" {
					return p
				}
			}
		}
	case reflect.Slice:
		items, _ := v.([]any)
		for i, item := range items {
			if p := unknownKey(t.Elem(), item, prefix+"["+strconv.Itoa(i)+"]", key); p != "" {
				return p
			}
		}
	}
	return ""
}

// fieldByJSON finds the field encoding/json would decode key into (it matches
// names case-insensitively).
func fieldByJSON(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		if f.IsExported() && name != "-" && strings.EqualFold(name, key) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
