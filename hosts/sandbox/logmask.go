package sandbox

import (
	"bytes"
	"encoding/json"

	"github.com/paycore/paycore/core/card"
)

// maskedBody is a body as it may be logged: JSON with every card number masked
// (first 6 / last 4) and every CVV and private key replaced; anything that is
// not JSON is logged by its size only, since it could hold card data.
func maskedBody(body []byte) json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
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
	}
	return v
}
