package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/docs/schema"
)

// The checked-in files are what the schemas generate: run
// `go run ./internal/gen/hosttypes` after changing a schema.
func TestGeneratedFilesAreFresh(t *testing.T) {
	files, err := Generate()
	require.NoError(t, err)
	require.Len(t, files, 6)
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "..", name))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "%s is stale: run go run ./internal/gen/hosttypes", name)
	}
}

func TestEveryOpHasTypesAndAHelper(t *testing.T) {
	m, err := load()
	require.NoError(t, err)
	require.Equal(t, len(schema.Ops()), len(m.Ops))
	files, err := Generate()
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, o := range m.Ops {
		require.False(t, seen[o.JS], "two ops named %s", o.JS)
		seen[o.JS] = true
		require.Contains(t, string(files["hosts/node/types.d.ts"]), "export type "+o.Type+"Input =")
		require.Contains(t, string(files["hosts/node/index.d.ts"]), "  "+o.JS+"(input")
		require.Contains(t, string(files["hosts/python/src/paycore/_helpers.py"]), "def "+o.Py+"(self")
		require.Contains(t, string(files["hosts/python/src/paycore/types.py"]), o.Type+"Result")
	}
	require.Equal(t, "validatePay", m.Ops[indexOf(m, "pay.validate")].JS)
	require.Equal(t, "parse_notification", m.Ops[indexOf(m, "notification.parse")].Py)
	require.Equal(t, "interpret", m.Ops[indexOf(m, "response.interpret")].JS)
}

func indexOf(m *model, op string) int {
	for i, o := range m.Ops {
		if o.Name == op {
			return i
		}
	}
	return -1
}

func TestTypeMapping(t *testing.T) {
	for _, tc := range []struct {
		name, schema, ts, py string
	}{
		{"string", `{"type":"string"}`, "string", "str"},
		{"integer", `{"type":"integer"}`, "number", "int"},
		{"enum", `{"type":"string","enum":["a","b"]}`, `"a" | "b"`, `Literal["a", "b"]`},
		{"const", `{"const":true}`, "true", "Literal[True]"},
		{"nullable", `{"type":["boolean","null"]}`, "boolean | null", "Optional[bool]"},
		{"array of refs", `{"type":"array","items":{"$ref":"#/$defs/Amount"}}`, "Amount[]", `List["Amount"]`},
		{"map", `{"type":"object","additionalProperties":{"type":"string"}}`, "Record<string, string>", "Dict[str, str]"},
		{"any object", `{"type":"object"}`, "Record<string, unknown>", "Dict[str, Any]"},
		{"one of", `{"oneOf":[{"type":"null"},{"$ref":"#/$defs/State"}]}`, "null | State", `Optional["State"]`},
		{"no type", `{"description":"anything"}`, "unknown", "Any"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n node
			require.NoError(t, json.Unmarshal([]byte(tc.schema), &n))
			require.Equal(t, tc.ts, ts(&n, ""))
			g := &pyGen{used: map[string]bool{}}
			require.Equal(t, tc.py, g.typ(&n, "X"))
		})
	}
}

func TestObjects(t *testing.T) {
	var n node
	require.NoError(t, json.Unmarshal([]byte(`{"type":"object","description":"A thing.",
		"properties":{"b":{"type":"string","description":"B."},"a":{"type":"integer"}},
		"required":["a"],"additionalProperties":true}`), &n))
	require.Equal(t, "{\n  a: number;\n  /** B. */\n  b?: string;\n  [key: string]: unknown;\n}", ts(&n, ""))
	g := &pyGen{used: map[string]bool{}}
	require.Equal(t, `"Thing"`, g.typ(&n, "Thing"))
	out := g.out.String()
	require.Contains(t, out, "class _ThingRequired(TypedDict):\n    a: int\n")
	require.Contains(t, out, "class Thing(_ThingRequired, total=False):\n    \"\"\"A thing.\"\"\"\n    # B.\n    b: str\n")

	require.NoError(t, json.Unmarshal([]byte(`{"type":"object","properties":{"class":{"type":"string"}}}`), &n))
	require.Panics(t, func() { g.typ(&n, "Bad") })
	require.True(t, strings.HasPrefix(pascal("pay.validate"), "PayValidate"))
	require.Equal(t, "verify_signature", snake("verifySignature"))
}
