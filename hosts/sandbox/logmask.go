package sandbox

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/paycore/paycore/core/card"
)

// maskedBody is a body as it may be logged: JSON with every card number masked
// (first 6 / last 4), every CVV and private key replaced, and any other value
// that looks like a card number (12 to 19 digits, spaces or dashes allowed)
// masked too; anything that is not JSON is logged by its size only, since it
// could hold card data.
func maskedBody(body []byte) json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.InputOffset() != int64(len(bytes.TrimRight(body, " \t\r\n"))) {
		return mustJSON(map[string]int{"unparsedBytes": len(body)})
	}
	return mustJSON(mask(v))
}

func mask(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			switch k {
			case "cardNo":
				if s, ok := x.(string); ok {
					t[k] = card.PAN(s).Mask()
				} else {
					t[k] = "masked"
				}
			case "cvv", "privateKey":
				t[k] = "masked"
			default:
				t[k] = mask(x)
			}
		}
	case []any:
		for i := range t {
			t[i] = mask(t[i])
		}
	case string:
		return maskDigits(t)
	case json.Number:
		return maskDigits(string(t))
	}
	return v
}

// maskDigits masks s when it is a card-number-like run of digits.
func maskDigits(s string) any {
	n := card.Normalize(s)
	if len(n) < card.MinPANLength || len(n) > card.MaxPANLength || strings.Trim(n, "0123456789") != "" {
		return s
	}
	return card.PAN(n).Mask()
}
