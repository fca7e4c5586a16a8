package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/testvectors"
)

// compile compiles one schema document.
func compile(t *testing.T, name string, doc []byte) *jsonschema.Schema {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err, name)
	c := jsonschema.NewCompiler()
	url := "mem:///" + name
	require.NoError(t, c.AddResource(url, v), name)
	s, err := c.Compile(url)
	require.NoError(t, err, name)
	return s
}

func instance(t *testing.T, raw []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	require.NoError(t, err)
	return v
}

func TestEveryOpHasBothSchemas(t *testing.T) {
	require.Equal(t, core.Ops(), Ops(), "docs/schema must have <op>.input.json and <op>.result.json for exactly the core's ops")
	for _, op := range core.Ops() {
		_, ok := Input(op)
		require.True(t, ok, "%s has no input schema", op)
		_, ok = Result(op)
		require.True(t, ok, "%s has no result schema", op)
	}
	_, ok := Input("no.such.op")
	require.False(t, ok)
	_, ok = Input("../schema")
	require.False(t, ok)
	require.NotEmpty(t, Envelope())
}

type schemas struct {
	envelope      *jsonschema.Schema
	input, result map[string]*jsonschema.Schema
}

func compileAll(t *testing.T) schemas {
	s := schemas{envelope: compile(t, "envelope.json", Envelope()), input: map[string]*jsonschema.Schema{}, result: map[string]*jsonschema.Schema{}}
	for _, op := range Ops() {
		in, _ := Input(op)
		res, _ := Result(op)
		s.input[op] = compile(t, op+".input.json", in)
		s.result[op] = compile(t, op+".result.json", res)
	}
	return s
}

// TestVectorsMatchSchemas checks every golden vector: its want against the envelope
// schema and, when ok, its input against the op's input schema and its result
// against the op's result schema.
func TestVectorsMatchSchemas(t *testing.T) {
	s := compileAll(t)
	vs, err := testvectors.Load(testvectors.Dir())
	require.NoError(t, err)
	require.NotEmpty(t, vs)
	checked := map[string]int{}
	for _, v := range vs {
		t.Run(v.Path, func(t *testing.T) {
			require.NoError(t, s.envelope.Validate(instance(t, v.Want)), "want does not match envelope.json")
			var env struct {
				OK     bool            `json:"ok"`
				Result json.RawMessage `json:"result"`
				Error  struct {
					Code    string `json:"code"`
					Message string `json:"message"`
				} `json:"error"`
			}
			require.NoError(t, json.Unmarshal(v.Want, &env))
			in, ok := s.input[v.Op]
			if v.InputRaw || !ok && !env.OK {
				return
			}
			require.True(t, ok, "op %s has no schema", v.Op)
			input, err := v.InputBytes()
			require.NoError(t, err)
			if !env.OK {
				// An unknown top-level input key is refused by the schema too.
				if key, unknown := strings.CutPrefix(env.Error.Message, "unknown input key "); unknown && !strings.Contains(key, ".") {
					require.Error(t, in.Validate(instance(t, input)), "%s.input.json accepts the unknown key %s", v.Op, key)
				}
				return
			}
			require.NoError(t, in.Validate(instance(t, input)), "input does not match %s.input.json", v.Op)
			require.NoError(t, s.result[v.Op].Validate(instance(t, env.Result)), "result does not match %s.result.json", v.Op)
			checked[v.Op]++
		})
	}
	for _, op := range Ops() {
		require.NotZero(t, checked[op], "no ok vector of %s was checked against its schemas", op)
	}
}

// TestSchemasAreDocumented requires a description on every property, so docs/ops.md
// explains every field, and identical shared definitions across files (each file is
// self-contained for tools that do not resolve references between files).
func TestSchemasAreDocumented(t *testing.T) {
	defs := map[string]any{}
	defFile := map[string]string{}
	for _, name := range allFiles() {
		b, _ := read(name)
		var doc map[string]any
		require.NoError(t, json.Unmarshal(b, &doc), name)
		require.Equal(t, "https://json-schema.org/draft/2020-12/schema", doc["$schema"], name)
		require.NotEmpty(t, doc["description"], "%s has no description", name)
		walkProperties(doc, name, func(path string, prop map[string]any) {
			if _, ok := prop["description"]; !ok {
				t.Errorf("%s: %s has no description", name, path)
			}
		})
		ds, _ := doc["$defs"].(map[string]any)
		for k, d := range ds {
			if prev, ok := defs[k]; ok && !reflect.DeepEqual(prev, d) {
				t.Errorf("$defs/%s differs between %s and %s", k, defFile[k], name)
			}
			defs[k], defFile[k] = d, name
		}
	}
}

func allFiles() []string {
	names := []string{"envelope.json"}
	for _, op := range Ops() {
		names = append(names, op+inputSuffix, op+resultSuffix)
	}
	return names
}

func walkProperties(node any, path string, f func(string, map[string]any)) {
	switch n := node.(type) {
	case map[string]any:
		if props, ok := n["properties"].(map[string]any); ok {
			for k, p := range props {
				if pm, ok := p.(map[string]any); ok {
					f(path+"."+k, pm)
				}
			}
		}
		for k, v := range n {
			walkProperties(v, path+"/"+k, f)
		}
	case []any:
		for i, v := range n {
			walkProperties(v, fmt.Sprintf("%s[%d]", path, i), f)
		}
	}
}

func TestBadNames(t *testing.T) {
	for _, name := range []string{"", "envelope", "x/../envelope", `a\b`} {
		_, ok := Input(strings.TrimSuffix(name, inputSuffix))
		require.False(t, ok, name)
	}
}
