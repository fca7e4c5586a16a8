package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/paycore/paycore/docs/schema"
)

// node is the part of JSON Schema (2020-12) the op schemas use.
type node struct {
	Type                 typeList          `json:"type"`
	Description          string            `json:"description"`
	Properties           map[string]*node  `json:"properties"`
	Required             []string          `json:"required"`
	AdditionalProperties json.RawMessage   `json:"additionalProperties"`
	Items                *node             `json:"items"`
	Enum                 []json.RawMessage `json:"enum"`
	Const                json.RawMessage   `json:"const"`
	Ref                  string            `json:"$ref"`
	OneOf                []*node           `json:"oneOf"`
	AllOf                []*node           `json:"allOf"`
	Defs                 map[string]*node  `json:"$defs"`
}

// typeList is "type": a name or a list of names.
type typeList []string

func (t *typeList) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		return json.Unmarshal(b, (*[]string)(t))
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*t = typeList{s}
	return nil
}

// extra returns the schema of additional properties: (nil, true) for `true`,
// (schema, true) for a schema, (nil, false) when they are not allowed or unsaid.
func (n *node) extra() (*node, bool) {
	raw := bytes.TrimSpace(n.AdditionalProperties)
	switch {
	case len(raw) == 0, string(raw) == "false":
		return nil, false
	case string(raw) == "true":
		return nil, true
	}
	var s node
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, true
	}
	return &s, true
}

func (n *node) isRequired(name string) bool { return slices.Contains(n.Required, name) }

// propNames returns the property names, sorted.
func (n *node) propNames() []string {
	names := make([]string, 0, len(n.Properties))
	for k := range n.Properties {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// op is one op's schemas, with the names of its types and helper.
type op struct {
	Name          string // pay.validate
	Type          string // PayValidate
	JS, Py        string // validatePay, validate_pay
	Input, Result *node
}

// model is every op, the shared definitions and the envelope's error.
type model struct {
	Ops      []op
	Defs     map[string]*node
	DefNames []string
	Error    *node
}

// helperNames overrides the helper a name would otherwise get (verb + noun:
// pay.validate → validatePay): the short names of the most used ops.
var helperNames = map[string]string{
	"core.info":          "info",
	"response.interpret": "interpret",
	"payment.apply":      "apply",
	"signature.sign":     "sign",
	"signature.verify":   "verify",
}

func load() (*model, error) {
	m := &model{Defs: map[string]*node{}}
	defJSON := map[string]string{}
	addDefs := func(doc string, defs map[string]*node, raw []byte) error {
		var all struct {
			Defs map[string]json.RawMessage `json:"$defs"`
		}
		if err := json.Unmarshal(raw, &all); err != nil {
			return err
		}
		for name, d := range defs {
			var canon bytes.Buffer
			if err := json.Compact(&canon, all.Defs[name]); err != nil {
				return err
			}
			if prev, ok := defJSON[name]; ok && prev != canon.String() {
				return fmt.Errorf("%s: $defs/%s differs from another schema's definition of the same name", doc, name)
			}
			if _, ok := defJSON[name]; !ok {
				defJSON[name] = canon.String()
				m.Defs[name] = d
				m.DefNames = append(m.DefNames, name)
			}
		}
		return nil
	}
	parse := func(doc string, raw []byte) (*node, error) {
		var n node
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, fmt.Errorf("%s: %w", doc, err)
		}
		return &n, addDefs(doc, n.Defs, raw)
	}
	for _, name := range schema.Ops() {
		in, ok := schema.Input(name)
		if !ok {
			return nil, fmt.Errorf("%s: no input schema", name)
		}
		res, ok := schema.Result(name)
		if !ok {
			return nil, fmt.Errorf("%s: no result schema", name)
		}
		o := op{Name: name, Type: pascal(name)}
		var err error
		if o.Input, err = parse(name+".input.json", in); err != nil {
			return nil, err
		}
		if o.Result, err = parse(name+".result.json", res); err != nil {
			return nil, err
		}
		o.JS = helperNames[name]
		if o.JS == "" {
			noun, verb, _ := strings.Cut(name, ".")
			o.JS = verb + pascal(noun)
		}
		o.Py = snake(o.JS)
		m.Ops = append(m.Ops, o)
	}
	env, err := parse("envelope.json", schema.Envelope())
	if err != nil {
		return nil, err
	}
	for _, alt := range env.OneOf {
		if e, ok := alt.Properties["error"]; ok {
			m.Error = e
		}
	}
	if m.Error == nil {
		return nil, fmt.Errorf("envelope.json: no error object")
	}
	slices.Sort(m.DefNames)
	return m, nil
}

// refName is the type name of a "#/$defs/Name" reference.
func refName(ref string) string {
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		panic(fmt.Sprintf("unsupported $ref %q", ref))
	}
	return name
}

// pascal turns "pay.validate", "redirect_url" or "cardChecks" into PayValidate,
// RedirectUrl, CardChecks.
func pascal(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// snake turns validatePay into validate_pay.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wrap splits text into lines of at most width characters.
func wrap(text string, width int) []string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(text) {
		if cur.Len() > 0 && cur.Len()+1+len(w) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// firstSentence is the description up to its first full stop.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
