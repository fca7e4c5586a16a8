package testvectors

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
)

var update = flag.Bool("update", false, "rewrite every vector's want from the native engine (never expect; refused where the output contradicts expect)")

func TestVectorsNative(t *testing.T) {
	Run(t, core.Native{}, *update)
}

// TestEveryVectorHasExpect fails fast, with one list, on vectors without expect.
func TestEveryVectorHasExpect(t *testing.T) {
	vs, err := Load(Dir())
	require.NoError(t, err)
	var missing []string
	for _, v := range vs {
		if len(v.Expect) == 0 {
			missing = append(missing, v.Path)
		}
	}
	require.Empty(t, missing, "vectors without a hand-written expect")
}

func TestMatch(t *testing.T) {
	cases := []struct {
		name, expect, actual string
		ok                   bool
	}{
		{"scalar equal", `"a"`, `"a"`, true},
		{"scalar differs", `"a"`, `"b"`, false},
		{"number equal", `3`, `3.0`, true},
		{"number vs string", `3`, `"3"`, false},
		{"bool vs absent", `{"x": false}`, `{}`, false},
		{"bool equal", `{"x": false}`, `{"x": false}`, true},
		{"object subset", `{"a": 1}`, `{"a": 1, "b": 2}`, true},
		{"object missing key", `{"a": 1, "c": 3}`, `{"a": 1, "b": 2}`, false},
		{"object vs array", `{"a": 1}`, `[1]`, false},
		{"nested subset", `{"a": {"b": 1}}`, `{"a": {"b": 1, "c": 2}}`, true},
		{"null matches absent", `{"a": null}`, `{}`, true},
		{"null matches null", `{"a": null}`, `{"a": null}`, true},
		{"null refuses a value", `{"a": null}`, `{"a": 0}`, false},
		{"empty array matches empty", `{"a": []}`, `{"a": []}`, true},
		{"empty array matches absent", `{"a": []}`, `{}`, true},
		{"empty array refuses elements", `{"a": []}`, `{"a": [1]}`, false},
		{"empty array refuses a non-array", `{"a": []}`, `{"a": {}}`, false},
		{"array order free", `[2, 1]`, `[1, 2, 3]`, true},
		{"array element missing", `[4]`, `[1, 2, 3]`, false},
		{"array vs absent", `{"a": [1]}`, `{}`, false},
		{"array partial elements", `[{"rule": "luhn"}]`, `[{"field": "x", "rule": "luhn", "message": "m"}]`, true},
		{"array needs distinct elements", `[{"rule": "r"}, {"rule": "r"}]`, `[{"rule": "r", "f": 1}]`, false},
		{"array distinct elements present", `[{"rule": "r"}, {"rule": "r"}]`, `[{"rule": "r", "f": 1}, {"rule": "r", "f": 2}]`, true},
		// A greedy first-fit would give actual[0] to expect[0] and then fail expect[1].
		{"array matching is not greedy", `[{"a": 1}, {"a": 1, "b": 1}]`, `[{"a": 1, "b": 1}, {"a": 1}]`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e, a any
			require.NoError(t, json.Unmarshal([]byte(c.expect), &e))
			require.NoError(t, json.Unmarshal([]byte(c.actual), &a))
			msg := Match(e, a, "$")
			if c.ok {
				require.Empty(t, msg)
			} else {
				require.NotEmpty(t, msg)
				require.True(t, strings.HasPrefix(msg, "$"), msg)
			}
		})
	}
}

func TestMatchJSONNeedsAnEnvelope(t *testing.T) {
	require.Contains(t, MatchJSON([]byte(`[]`), []byte(`{"ok":true}`)), "object")
	require.Contains(t, MatchJSON([]byte(`{"result":{}}`), []byte(`{"ok":true}`)), `"ok"`)
	require.Contains(t, MatchJSON([]byte(`{`), []byte(`{"ok":true}`)), "expect is not JSON")
	require.Empty(t, MatchJSON([]byte(`{"ok":true}`), []byte(`{"ok":true,"result":{}}`)))
	require.Contains(t, MatchJSON([]byte(`{"ok":true}`), []byte(`{"ok":false}`)), "$.ok")
}

// The laundering this guards against: a rule is broken (here: CVV allowed on a
// card-on-file payment), then `-update` turns the broken answer into want.
func TestUpdateRefusesAWantThatContradictsExpect(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "pay.validate"), 0o755))
	file := filepath.Join(dir, "pay.validate", "cvv_on_card_on_file.json")
	original := `{"note": "card-on-file payments send no CVV", "op": "pay.validate", "input": {},
  "expect": {"ok": true, "result": {"valid": false, "violations": [{"field": "paymentMethod.paymentMethodMetaData.cvv", "rule": "cvv_not_allowed"}]}},
  "want": {"ok": true, "result": {"valid": false, "violations": [{"field": "paymentMethod.paymentMethodMetaData.cvv", "message": "m", "rule": "cvv_not_allowed"}]}}}`
	require.NoError(t, os.WriteFile(file, []byte(original), 0o644))
	vs, err := Load(dir)
	require.NoError(t, err)
	require.Len(t, vs, 1)
	v := vs[0]

	broken := []byte(`{"ok":true,"result":{"valid":true,"violations":[]}}`)
	require.NotEmpty(t, Check(v, broken), "the broken answer must fail the vector")
	err = Update(dir, v, broken)
	require.ErrorContains(t, err, "refusing")
	require.ErrorContains(t, err, "$.result.valid")
	after, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Equal(t, original, string(after), "a refused update writes nothing")

	// A correct answer with a new message is written, expect kept as it was.
	fixed := []byte(`{"ok":true,"result":{"valid":false,"violations":[{"field":"paymentMethod.paymentMethodMetaData.cvv","message":"new","rule":"cvv_not_allowed"}]}}`)
	require.NoError(t, Update(dir, v, fixed))
	vs, err = Load(dir)
	require.NoError(t, err)
	require.JSONEq(t, string(v.Expect), string(vs[0].Expect))
	require.JSONEq(t, string(fixed), string(vs[0].Want))
	require.Empty(t, Check(vs[0], fixed))
}

func TestUpdateAndCheckNeedExpect(t *testing.T) {
	v := Vector{Path: "core.info/x.json", Op: "core.info", Want: json.RawMessage(`{"ok":true}`)}
	require.ErrorContains(t, Update(t.TempDir(), v, []byte(`{"ok":true}`)), "no expect")
	problems := Check(v, []byte(`{"ok":true}`))
	require.Len(t, problems, 1)
	require.Contains(t, problems[0], "no expect")
}

func TestCheckReportsAWantThatContradictsExpect(t *testing.T) {
	v := Vector{Path: "p.json", Expect: json.RawMessage(`{"ok":false}`), Want: json.RawMessage(`{"ok":true}`)}
	problems := Check(v, []byte(`{"ok":true}`))
	require.Len(t, problems, 2) // want contradicts expect; so does the engine's answer
	require.Contains(t, problems[0], "want contradicts expect")
	require.Contains(t, problems[1], "engine output contradicts expect")
}
