package money

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// An error repeats at most maxQuoted bytes of the offending input: whole up to the
// limit, cut (with "...") beyond it.
func TestMessagesQuoteAtMostMaxQuoted(t *testing.T) {
	for _, c := range []struct {
		n   int
		cut bool
	}{{maxQuoted - 1, false}, {maxQuoted, false}, {maxQuoted + 1, true}} {
		v := strings.Repeat("x", c.n)
		err := Amount{Currency: "EUR", Value: v}.Validate()
		require.Error(t, err)
		if c.cut {
			require.Contains(t, err.Error(), `"`+v[:maxQuoted]+`"...`)
			require.NotContains(t, err.Error(), v)
		} else {
			require.Contains(t, err.Error(), `"`+v+`"`)
			require.NotContains(t, err.Error(), "...")
		}
	}
}
