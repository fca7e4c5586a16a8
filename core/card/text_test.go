package card

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRedactText(t *testing.T) {
	for in, want := range map[string]string{
		"":                                    "",
		"no digits":                           "no digits",
		"amount 30000":                        "amount 30000",
		"4117347806156383":                    "411734******6383",
		`value "4117 3478 0615 6383" for EUR`: `value "411734******6383" for EUR`,
		"5555-5555-5555-4444":                 "555555******4444",
		"key PAY4117347806156383x":            "key PAY411734******6383x",
		"123456789012":                        "********9012",
		"12345678901":                         "12345678901",
		"20261128194010800100188570271832381": "20261128194010800100188570271832381",
		"1234 5678 9012 3456 7890 1234":       "********************1234",
		"4117 3478 0615 6383 and 5555555555554444": "411734******6383 and 555555******4444",
		"2026-11-28 12:00":                         "2026-11-28 12:00",
		"trailing 4117347806156383-":               "trailing 411734******6383-",
	} {
		require.Equal(t, want, RedactText(in), in)
	}
}

func BenchmarkRedactTextClean(b *testing.B) {
	s := "paymentMethod.paymentMethodMetaData.expiryYear: the card expired in 2025-11"
	b.ReportAllocs()
	for b.Loop() {
		_ = RedactText(s)
	}
}
