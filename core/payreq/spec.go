package payreq

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/paycore/paycore/core/antom"
)

// paySpec is every field Antom's specification defines for the pay request.
var paySpec = antom.SpecOf("pay", "request")

// metaDataPath is the open map where the card fields live: the specification types it
// as a map, so a key paycore does not know there is a warning, never a violation.
const metaDataPath = "paymentMethod.paymentMethodMetaData"

// unknownKey reports a key the wire types do not model, found at docPath in the
// scanned document (field is the same place relative to the request). A key Antom's
// specification defines there is not unknown: its value is checked against the
// declared JSON type instead. Otherwise "did you mean" names the closest key the
// specification or the wire types define at that place.
func (c *checker) unknownKey(docPath, field, key, modeledHint string) {
	if t, ok := paySpec.Lookup(field); ok {
		if v, found := c.valueAt(docPath); found {
			c.specValue(field, t, v)
		}
		return
	}
	parent := strings.TrimSuffix(strings.TrimSuffix(field, key), ".")
	c.unknownSpecKey(parent, key, modeledHint)
}

func (c *checker) unknownSpecKey(parent, key, modeledHint string) {
	field := join(parent, key)
	names := paySpec.Children(parent)
	if modeledHint != "" {
		names = append(names, modeledHint)
	}
	h := hint(key, names)
	switch {
	case antom.SpecPath(parent) == metaDataPath && h != "":
		c.warn(field, "unknown_field", fmt.Sprintf("unknown key %q in paymentMethodMetaData (an open map): did you mean %q?", key, h))
	case antom.SpecPath(parent) == metaDataPath:
		c.warn(field, "unknown_field", fmt.Sprintf("unknown key %q in paymentMethodMetaData (an open map): paycore has no rules for it", key))
	case h != "":
		c.violate(field, "unknown_field", fmt.Sprintf("unknown key %q: did you mean %q? Antom ignores keys it does not know", key, h))
	default:
		c.warn(field, "unknown_field", fmt.Sprintf("unknown key %q: not in Antom's specification; Antom may ignore it", key))
	}
}

// specValue checks a value the wire types do not model against the type the
// specification declares, and walks objects and arrays below it.
func (c *checker) specValue(field string, t antom.JSONType, v any) {
	if v == nil {
		return
	}
	got := jsonKindOf(v)
	ok := true
	switch t {
	case antom.TypeString:
		ok = got == "string"
	case antom.TypeNumber:
		s, isStr := v.(string)
		ok = got == "number" || isStr && isNumber(s)
	case antom.TypeBoolean:
		ok = got == "boolean" || v == "true" || v == "false"
	case antom.TypeObject:
		ok = got == "object"
	case antom.TypeArray:
		ok = got == "array"
	case antom.TypeMap:
		ok = got == "object"
	}
	if !ok {
		c.violate(field, "type", fmt.Sprintf("must be %s (Antom's specification), not a JSON %s", typeWords(t), got))
		return
	}
	switch v := v.(type) {
	case map[string]any:
		if t != antom.TypeObject {
			return
		}
		for _, k := range sortedKeys(v) {
			child := join(field, k)
			if ct, ok := paySpec.Lookup(child); ok {
				c.specValue(child, ct, v[k])
			} else {
				c.unknownSpecKey(field, k, "")
			}
		}
	case []any:
		elem := field + "[]"
		if len(paySpec.Children(elem)) == 0 {
			return // an array of scalars, or of values the specification leaves open
		}
		for i, e := range v {
			c.specValue(field+"["+strconv.Itoa(i)+"]", antom.TypeObject, e)
		}
	}
}

// valueAt returns the value at a dotted path with [n] indices in the scanned
// document, decoding it on first use (only requests with keys the wire types do not
// model pay for this).
func (c *checker) valueAt(path string) (any, bool) {
	if c.tree == nil {
		dec := json.NewDecoder(bytes.NewReader(c.doc))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return nil, false
		}
		c.tree = &v
	}
	cur := *c.tree
	for path != "" {
		var seg string
		if path[0] == '[' {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return nil, false
			}
			i, err := strconv.Atoi(path[1:end])
			arr, ok := cur.([]any)
			if err != nil || !ok || i < 0 || i >= len(arr) {
				return nil, false
			}
			cur, path = arr[i], strings.TrimPrefix(path[end+1:], ".")
			continue
		}
		end := strings.IndexAny(path, ".[")
		if end < 0 {
			seg, path = path, ""
		} else {
			seg, path = path[:end], strings.TrimPrefix(path[end:], ".")
		}
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[seg]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func jsonKindOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case json.Number, float64:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return "null"
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && s != "" && s[0] != '+' && !strings.ContainsAny(s, "xXpPiInN_")
}

func typeWords(t antom.JSONType) string {
	switch t {
	case antom.TypeString:
		return "a string"
	case antom.TypeNumber:
		return "a number"
	case antom.TypeBoolean:
		return "a boolean"
	case antom.TypeArray:
		return "an array"
	}
	return "an object"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
