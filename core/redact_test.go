package core

import (
	"testing"

	"github.com/stretchr/testify/require"
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
