package testvectors

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/card"
)

var panLike = regexp.MustCompile(`\d(?:[ -]?\d){11,18}`)

// TestNoCardDataInOutput plays every vector and checks that no card number, CVV or
// private key from the input appears in the output, except in the body of a built
// request, which must carry the card.
func TestNoCardDataInOutput(t *testing.T) {
	vs, err := Load(Dir())
	require.NoError(t, err)
	checked := 0
	for _, v := range vs {
		input, err := v.InputBytes()
		require.NoError(t, err)
		secrets := secretsIn(input)
		if len(secrets) == 0 {
			continue
		}
		out := stripBuiltBody(core.Handle(v.Op, input))
		for _, s := range secrets {
			require.NotContains(t, string(out), s, "%s: output leaks input secret", v.Path)
		}
		checked++
	}
	require.Greater(t, checked, 50, "too few vectors carry card data to make this test meaningful")
}

// secretsIn collects card numbers (as sent and without separators), CVVs of three
// or more characters, and private key fragments from a vector input.
func secretsIn(input []byte) []string {
	var out []string
	for _, m := range panLike.FindAll(input, -1) {
		if digits := strings.NewReplacer(" ", "", "-", "").Replace(string(m)); card.Luhn(digits) && len(digits) >= 13 {
			out = append(out, string(m), digits)
		}
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(k, c)
			}
		case []any:
			for _, c := range x {
				walk(key, c)
			}
		case float64:
			if key == "cardNo" || key == "number" {
				out = append(out, strconv.FormatFloat(x, 'f', -1, 64))
			}
		case string:
			switch {
			case key == "cardNo" || key == "number":
				if len(x) >= 6 {
					out = append(out, x)
				}
			case (key == "cvv") && len(x) >= 3:
				out = append(out, `"`+x+`"`)
			case key == "privateKey" && len(x) > 60:
				for i := 30; i+24 < len(x); i += 97 {
					out = append(out, x[i:i+24])
				}
			}
		}
	}
	var doc any
	if json.Unmarshal(input, &doc) == nil {
		walk("", doc)
	}
	return out
}

// stripBuiltBody removes result.body and result.contentToSign (the request to
// send, which must carry the card) from an envelope.
func stripBuiltBody(out []byte) []byte {
	var env map[string]any
	if json.Unmarshal(out, &env) != nil {
		return out
	}
	if r, ok := env["result"].(map[string]any); ok {
		delete(r, "body")
		delete(r, "contentToSign")
	}
	b, _ := json.Marshal(env)
	return b
}
