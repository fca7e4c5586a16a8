package schema

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Shape is a readable summary of one schema (or one of its $defs): what the
// document is and its top-level fields. The CLI prints it for `paycore call <op>
// --help`, and docs/ops.md is rendered from it.
type Shape struct {
	// Description says what the document is.
	Description string
	// Base names the shared type this shape extends (allOf), if any.
	Base string
	// Ref names the shared type the whole document is, if it is only a reference.
	Ref string
	// Fields are the top-level properties, sorted by name.
	Fields []Field
	// Defs are the shared types ($defs) the document uses, by name.
	Defs map[string]Shape
}

// Field is one property of a Shape.
type Field struct {
	// Name is the JSON name.
	Name string
	// Type is the type in words: string, integer, `a`, `b` (an enumeration),
	// array of Violation, Amount (a shared type), null or State.
	Type string
	// Refs lists the shared types Type mentions.
	Refs []string
	// Required says the property must be present.
	Required bool
	// Description says what the property holds.
	Description string
}

type rawSchema struct {
	Description string                     `json:"description"`
	Properties  map[string]map[string]any  `json:"properties"`
	Required    []string                   `json:"required"`
	AllOf       []map[string]any           `json:"allOf"`
	Ref         string                     `json:"$ref"`
	Defs        map[string]json.RawMessage `json:"$defs"`
}

// Describe summarises a schema document (as returned by Input, Result or Envelope).
func Describe(doc []byte) (Shape, error) {
	s, err := describe(doc)
	if err != nil {
		return Shape{}, err
	}
	var raw rawSchema
	_ = json.Unmarshal(doc, &raw)
	if len(raw.Defs) > 0 {
		s.Defs = map[string]Shape{}
		for name, d := range raw.Defs {
			if s.Defs[name], err = describe(d); err != nil {
				return Shape{}, fmt.Errorf("$defs/%s: %w", name, err)
			}
		}
	}
	return s, nil
}

func describe(doc []byte) (Shape, error) {
	var raw rawSchema
	if err := json.Unmarshal(doc, &raw); err != nil {
		return Shape{}, err
	}
	s := Shape{Description: raw.Description, Ref: refName(raw.Ref)}
	if len(raw.AllOf) > 0 {
		s.Base = refName(str(raw.AllOf[0]["$ref"]))
	}
	for name, p := range raw.Properties {
		var refs []string
		s.Fields = append(s.Fields, Field{
			Name:        name,
			Type:        typeName(p, &refs),
			Refs:        refs,
			Required:    slices.Contains(raw.Required, name),
			Description: str(p["description"]),
		})
	}
	slices.SortFunc(s.Fields, func(a, b Field) int { return strings.Compare(a.Name, b.Name) })
	return s, nil
}

func refName(ref string) string {
	return strings.TrimPrefix(ref, "#/$defs/")
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// typeName renders a property's type in words, collecting the shared types it names.
func typeName(p map[string]any, refs *[]string) string {
	if ref := str(p["$ref"]); ref != "" {
		name := refName(ref)
		*refs = append(*refs, name)
		return name
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		if alts, ok := p[k].([]any); ok {
			var names []string
			for _, a := range alts {
				m, _ := a.(map[string]any)
				if all, ok := m["allOf"].([]any); ok && len(all) > 0 {
					m, _ = all[0].(map[string]any)
				}
				names = append(names, typeName(m, refs))
			}
			return strings.Join(names, " or ")
		}
	}
	if e, ok := p["enum"].([]any); ok {
		vals := make([]string, len(e))
		for i, v := range e {
			vals[i] = fmt.Sprintf("`%v`", v)
		}
		return strings.Join(vals, ", ")
	}
	if c, ok := p["const"]; ok {
		return fmt.Sprintf("`%v`", c)
	}
	switch ty := p["type"].(type) {
	case string:
		if items, ok := p["items"].(map[string]any); ok && ty == "array" {
			return "array of " + typeName(items, refs)
		}
		if ap, ok := p["additionalProperties"].(map[string]any); ok && ty == "object" {
			return "map of " + typeName(ap, refs)
		}
		return ty
	case []any:
		names := make([]string, len(ty))
		for i, x := range ty {
			names[i] = fmt.Sprint(x)
		}
		return strings.Join(names, " or ")
	}
	return "any JSON"
}

// Summary returns the first sentence of op's input description: what the op does,
// in one line.
func Summary(op string) string {
	doc, ok := Input(op)
	if !ok {
		return ""
	}
	var raw rawSchema
	if json.Unmarshal(doc, &raw) != nil {
		return ""
	}
	d := raw.Description
	if i := strings.Index(d, ". "); i >= 0 {
		d = d[:i+1]
	}
	return d
}
