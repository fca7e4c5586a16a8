package antom

//go:generate go run ../../internal/gen/antomfields

import (
	"sort"
	"strings"
)

// JSONType is a JSON type as Antom's specification declares it for a field.
type JSONType string

// The JSON types of the inventory. TypeMap is an object with free keys (such as
// paymentMethodMetaData); TypeAny is any value.
const (
	TypeString  JSONType = "string"
	TypeNumber  JSONType = "number"
	TypeBoolean JSONType = "boolean"
	TypeObject  JSONType = "object"
	TypeArray   JSONType = "array"
	TypeMap     JSONType = "map"
	TypeAny     JSONType = "any"
)

// SpecField is one field path of an Antom API ("order.goods[].goodsName": "[]" is an
// array element) with its declared JSON type.
type SpecField struct {
	Path string
	Type JSONType
}

// Spec is the field inventory of one part of one Antom API, as the official SDKs
// declare it (generated from Antom's API specification, see internal/gen/antomfields).
type Spec []SpecField

// SpecOf returns the inventory of part ("request", "response" or, for notifyPayment,
// notifyCapture and notifyRefund, "notification") of api ("pay", "capture", "cancel",
// "inquiryPayment", "refund", "inquiryRefund", "consult", "notifyPayment", ...); nil
// when there is none.
func SpecOf(api, part string) Spec { return specTables[api+"."+part] }

// Lookup returns the declared type of path ("[n]" indices may be given as "[]").
func (s Spec) Lookup(path string) (JSONType, bool) {
	path = SpecPath(path)
	i := sort.Search(len(s), func(i int) bool { return s[i].Path >= path })
	if i < len(s) && s[i].Path == path {
		return s[i].Type, true
	}
	return "", false
}

// Children returns the keys the specification defines directly under the object
// at parent ("" for the top level), sorted.
func (s Spec) Children(parent string) []string {
	parent = SpecPath(parent)
	prefix := parent + "."
	if parent == "" {
		prefix = ""
	}
	var out []string
	for _, f := range s {
		if rest, ok := strings.CutPrefix(f.Path, prefix); ok && rest != "" && !strings.ContainsAny(rest, ".[") {
			out = append(out, rest)
		}
	}
	return out
}

// SpecPath turns a field path with array indices ("order.goods[1].goodsName") into
// the inventory's form ("order.goods[].goodsName").
func SpecPath(path string) string {
	if strings.IndexByte(path, '[') < 0 {
		return path
	}
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		b.WriteByte(c)
		if c == '[' {
			j := i + 1
			for j < len(path) && path[j] >= '0' && path[j] <= '9' {
				j++
			}
			if j < len(path) && path[j] == ']' {
				i = j - 1
			}
		}
	}
	return b.String()
}
