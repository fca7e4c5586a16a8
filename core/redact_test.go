package core

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/card"
)

func TestRedactEnvelope(t *testing.T) {
	for _, tc := range []struct {
		name, op, in, want string
	}{
		{"nothing to do", "pay.validate", `{"ok":true,"result":{"valid":true}}`, `{"ok":true,"result":{"valid":true}}`},
		{"message", "pay.validate", `{"ok":false,"error":{"code":"BAD_INPUT","message":"x 4117 3478 0615 6383 y"}}`,
			`{"ok":false,"error":{"code":"BAD_INPUT","message":"x 411734******6383 y"}}`},
		{"key and field", "pay.validate", `{"ok":true,"result":{"w":[{"field":"order.4117347806156383"}],"4117347806156383":1}}`,
			`{"ok":true,"result":{"w":[{"field":"order.411734******6383"}],"411734******6383":1}}`},
		{"body carries the card", "pay.build", `{"ok":true,"result":{"body":"{\"cardNo\":\"4117347806156383\"}","warnings":["4117347806156383"]}}`,
			`{"ok":true,"result":{"body":"{\"cardNo\":\"4117347806156383\"}","warnings":["411734******6383"]}}`},
		{"body is verbatim only at the top", "pay.validate", `{"ok":true,"result":{"body":"4117347806156383"}}`,
			`{"ok":true,"result":{"body":"411734******6383"}}`},
		{"ids are verbatim", "notification.parse", `{"ok":true,"result":{"paymentId":"2020010123456789","message":"2020010123456789"}}`,
			`{"ok":true,"result":{"paymentId":"2020010123456789","message":"202001******6789"}}`},
		{"escapes survive", "pay.validate", `{"ok":true,"result":{"m":"\"4117347806156383\"\n"}}`, `{"ok":true,"result":{"m":"\"411734******6383\"\n"}}`},
		{"arrays and numbers", "x", `{"ok":true,"result":[1,"4117347806156383",true,null,{"a":[2.5]}]}`, `{"ok":true,"result":[1,"411734******6383",true,null,{"a":[2.5]}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, string(redactEnvelope(tc.op, []byte(tc.in))))
		})
	}
}

// FuzzRedactEnvelope feeds arbitrary JSON, encoded as the core encodes results,
// through the rewriter: the output is valid JSON, never the fail-closed error for
// the encoder's own output, unchanged when there is nothing to mask, and holds no
// unmasked card number outside the verbatim places.
func FuzzRedactEnvelope(f *testing.F) {
	f.Add([]byte(`{"ok":true,"result":{"message":"4117 3478 0615 6383","body":"4117347806156383"}}`))
	f.Add([]byte(`{"ok":false,"error":{"code":"X","field":"a.4117347806156383","message":"\"x\"\u2028"}}`))
	f.Add([]byte(`[1,2.5e3,true,null,{"":{"a":[]}},"5555-5555-5555-4444"]`))
	f.Add([]byte(`{"ok":true,"result":{"action":{"parameters":{"4117347806156383":"4117347806156383"}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		in, err := Marshal(v)
		require.NoError(t, err)
		out := redactEnvelope("pay.build", in)
		require.True(t, json.Valid(out), "%s", out)
		require.NotContains(t, string(out), "cannot redact")
		if !mayHoldCardNumber(in) {
			require.Equal(t, string(in), string(out))
		}
		var got any
		require.NoError(t, json.Unmarshal(out, &got))
		var walk func(v any, verbatim bool)
		walk = func(v any, verbatim bool) {
			switch x := v.(type) {
			case map[string]any:
				for k, c := range x {
					if !verbatim {
						require.Equal(t, card.RedactText(k), k, "an unmasked card number is left in a key")
					}
					walk(c, verbatim || verbatimKeys[k])
				}
			case []any:
				for _, c := range x {
					walk(c, verbatim)
				}
			case string:
				if !verbatim {
					require.Equal(t, card.RedactText(x), x, "an unmasked card number is left")
				}
			}
		}
		if m, ok := got.(map[string]any); ok {
			if r, ok := m["result"].(map[string]any); ok {
				for k := range verbatimResult["pay.build"] {
					delete(r, k)
				}
			}
		}
		walk(got, false)
	})
}
