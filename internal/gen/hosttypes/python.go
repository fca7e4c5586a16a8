package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var pyIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// pyKeywords cannot be TypedDict field names in class syntax.
var pyKeywords = []string{"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
	"continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
	"in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"}

// pyGen collects the TypedDict classes and aliases of types.py, in an order where
// every class comes after the classes it names.
type pyGen struct {
	out  strings.Builder
	used map[string]bool
}

func (g *pyGen) unique(name string) string {
	n := name
	for i := 2; g.used[n]; i++ {
		n = fmt.Sprintf("%s%d", name, i)
	}
	g.used[n] = true
	return n
}

// typ is the Python type of n; objects with properties become classes named from hint.
func (g *pyGen) typ(n *node, hint string) string {
	if n == nil {
		return "Any"
	}
	switch {
	case n.Ref != "" && len(n.Properties) == 0:
		return fmt.Sprintf("%q", refName(n.Ref))
	case len(n.Const) > 0:
		return "Literal[" + pyLiteral(n.Const) + "]"
	case len(n.Enum) > 0:
		var alts []string
		for _, e := range n.Enum {
			alts = append(alts, pyLiteral(e))
		}
		return "Literal[" + strings.Join(alts, ", ") + "]"
	case len(n.OneOf) > 0:
		var alts []string
		for i, a := range n.OneOf {
			alts = append(alts, g.typ(a, fmt.Sprintf("%s%d", hint, i+1)))
		}
		return union(alts)
	case len(n.AllOf) > 0:
		var bases []string
		for _, a := range n.AllOf {
			if a.Ref == "" {
				panic("allOf supports references only")
			}
			bases = append(bases, refName(a.Ref))
		}
		return fmt.Sprintf("%q", g.class(g.unique(hint), n, bases))
	}
	types := n.Type
	if len(types) == 0 {
		if len(n.Properties) > 0 {
			return fmt.Sprintf("%q", g.class(g.unique(hint), n, nil))
		}
		return "Any"
	}
	var alts []string
	for _, t := range types {
		switch t {
		case "string":
			alts = append(alts, "str")
		case "boolean":
			alts = append(alts, "bool")
		case "integer":
			alts = append(alts, "int")
		case "number":
			alts = append(alts, "float")
		case "null":
			alts = append(alts, "None")
		case "array":
			alts = append(alts, "List["+g.typ(n.Items, hint+"Item")+"]")
		case "object":
			if len(n.Properties) > 0 {
				alts = append(alts, fmt.Sprintf("%q", g.class(g.unique(hint), n, nil)))
				continue
			}
			extra, _ := n.extra()
			if extra != nil {
				alts = append(alts, "Dict[str, "+g.typ(extra, hint+"Value")+"]")
			} else {
				alts = append(alts, "Dict[str, Any]")
			}
		default:
			panic(fmt.Sprintf("unsupported type %q", t))
		}
	}
	return union(alts)
}

func union(alts []string) string {
	if len(alts) == 1 {
		return alts[0]
	}
	if i := slices.Index(alts, "None"); i >= 0 && len(alts) == 2 {
		return "Optional[" + alts[1-i] + "]"
	}
	return "Union[" + strings.Join(alts, ", ") + "]"
}

// class writes a TypedDict (two, when some keys are required and some not) and
// returns its name.
func (g *pyGen) class(name string, n *node, bases []string) string {
	var req, opt []string
	fields := map[string]string{}
	for _, p := range n.propNames() {
		if !pyIdent.MatchString(p) || slices.Contains(pyKeywords, p) {
			panic(fmt.Sprintf("%s: property %q is not a Python identifier", name, p))
		}
		fields[p] = g.typ(n.Properties[p], name+pascal(p))
		if n.isRequired(p) {
			req = append(req, p)
		} else {
			opt = append(opt, p)
		}
	}
	if len(bases) == 0 {
		bases = []string{"TypedDict"}
	}
	writeFields := func(names []string) {
		for _, p := range names {
			for _, l := range wrap(n.Properties[p].Description, 90) {
				fmt.Fprintf(&g.out, "    # %s\n", l)
			}
			fmt.Fprintf(&g.out, "    %s: %s\n", p, fields[p])
		}
	}
	if len(req) > 0 && len(opt) > 0 {
		base := g.unique("_" + name + "Required")
		fmt.Fprintf(&g.out, "\n\nclass %s(%s):\n", base, strings.Join(bases, ", "))
		writeFields(req)
		bases, req = []string{base}, nil
	}
	total := ""
	if len(opt) > 0 {
		total = ", total=False"
	}
	fmt.Fprintf(&g.out, "\n\nclass %s(%s%s):\n", name, strings.Join(bases, ", "), total)
	doc := n.Description
	if doc == "" {
		doc = name + "."
	}
	pyDoc(&g.out, "    ", doc)
	writeFields(append(req, opt...))
	return name
}

func pyDoc(b *strings.Builder, indent, text string) {
	text = strings.ReplaceAll(strings.ReplaceAll(text, `\`, `\\`), `"""`, `\"\"\"`)
	lines := wrap(text, 92-len(indent))
	if len(lines) == 1 {
		fmt.Fprintf(b, "%s\"\"\"%s\"\"\"\n", indent, lines[0])
		return
	}
	fmt.Fprintf(b, "%s\"\"\"%s\n", indent, lines[0])
	for _, l := range lines[1:] {
		fmt.Fprintf(b, "%s%s\n", indent, l)
	}
	fmt.Fprintf(b, "%s\"\"\"\n", indent)
}

func pyLiteral(raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		panic(err)
	}
	switch v := v.(type) {
	case bool:
		if v {
			return "True"
		}
		return "False"
	case nil:
		return "None"
	case string:
		b, _ := json.Marshal(v)
		return string(b)
	default:
		return string(raw)
	}
}

const generatedPy = "# Generated by internal/gen/hosttypes from docs/schema; do not edit.\n"

// topLevel writes the type named name for n: a class when n is an object with
// properties, else an alias.
func (g *pyGen) topLevel(name string, n *node, doc string) {
	t := g.typ(n, name)
	if t == fmt.Sprintf("%q", name) {
		return
	}
	g.used[name] = true
	if unquoted, err := strconv.Unquote(t); err == nil {
		t = unquoted // an alias of another named type: a string would not be a type
	}
	fmt.Fprintf(&g.out, "\n\n%s = %s\n", name, t)
	for _, l := range wrap(doc, 90) {
		fmt.Fprintf(&g.out, "# %s\n", l)
	}
}

// typesPy is hosts/python/src/paycore/types.py.
func typesPy(m *model) []byte {
	g := &pyGen{used: map[string]bool{}}
	g.out.WriteString(generatedPy)
	g.out.WriteString(`"""The input and result of every op, and the types they share, as TypedDicts."""

from typing import Any, Dict, List, Literal, Optional, TypedDict, Union
`)
	for _, name := range m.DefNames {
		g.topLevel(name, m.Defs[name], m.Defs[name].Description)
	}
	for _, o := range m.Ops {
		g.topLevel(o.Type+"Input", o.Input, o.Input.Description)
		g.topLevel(o.Type+"Result", o.Result, o.Result.Description)
	}
	g.topLevel("ErrorBody", m.Error, m.Error.Description)
	return []byte(g.out.String())
}

// helpersPy is hosts/python/src/paycore/_helpers.py: one typed method per op.
func helpersPy(m *model) []byte {
	var b strings.Builder
	b.WriteString(generatedPy)
	b.WriteString(`"""Typed helpers, one per op."""

from typing import Any, Union

from . import types as t


class Helpers:
    """One method per op: calls it and returns its result, or raises PaycoreError."""

    def _op(self, op: str, data: Any) -> Any:
        raise NotImplementedError
`)
	for _, o := range m.Ops {
		def := ""
		if len(o.Input.Required) == 0 {
			def = " = None"
		}
		in := fmt.Sprintf("Union[t.%sInput, str, bytes, None]", o.Type)
		if def == "" {
			in = fmt.Sprintf("Union[t.%sInput, str, bytes]", o.Type)
		}
		fmt.Fprintf(&b, "\n    def %s(self, data: %s%s) -> t.%sResult:\n", o.Py, in, def, o.Type)
		pyDoc(&b, "        ", fmt.Sprintf("%s: %s", o.Name, firstSentence(o.Input.Description)))
		fmt.Fprintf(&b, "        return self._op(%q, data)  # type: ignore[no-any-return]\n", o.Name)
	}
	return []byte(b.String())
}

// opsPy is hosts/python/src/paycore/_ops.py: the op → helper table.
func opsPy(m *model) []byte {
	var b strings.Builder
	b.WriteString(generatedPy)
	b.WriteString("\"\"\"The typed helpers: one per op, each calling the op and returning its result.\"\"\"\n\nOPS = [\n")
	for _, o := range m.Ops {
		fmt.Fprintf(&b, "    (%q, %q),\n", o.Name, o.Py)
	}
	b.WriteString("]\n")
	return []byte(b.String())
}

// Generate returns every generated file by its path from the repository root.
func Generate() (files map[string][]byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	m, err := load()
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		"hosts/node/types.d.ts":                typesDTS(m),
		"hosts/node/index.d.ts":                indexDTS(m),
		"hosts/node/ops.mjs":                   opsMJS(m),
		"hosts/python/src/paycore/types.py":    typesPy(m),
		"hosts/python/src/paycore/_helpers.py": helpersPy(m),
		"hosts/python/src/paycore/_ops.py":     opsPy(m),
	}, nil
}
