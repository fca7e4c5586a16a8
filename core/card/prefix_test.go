package card

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A prefix exactly as long as a BIN range matches it; one digit short does not.
func TestDetectPrefixOfExactlyTheRangeLength(t *testing.T) {
	for _, c := range []struct {
		pan  string
		want Brand
	}{
		{"4", BrandVisa},
		{"2221", BrandMastercard},
		{"2720", BrandMastercard},
		{"222", BrandUnknown},
		{"3528", BrandJCB},
		{"6011", BrandDiscover},
		{"650541", BrandElo},
		{"65054", BrandDiscover}, // Discover's 65 range; Elo's 650541 needs all six digits
	} {
		require.Equal(t, c.want, Detect(c.pan), c.pan)
	}
}

func TestAllowsLengthOutsideTheMask(t *testing.T) {
	for _, n := range []int{-1, 0, 31, 32, 64} {
		require.False(t, BrandVisa.AllowsLength(n), n)
	}
	require.True(t, BrandVisa.AllowsLength(16))
	require.False(t, Brand("NOPE").AllowsLength(16))
	require.Equal(t, []int{13, 16, 19}, BrandVisa.Lengths())
	require.Nil(t, Brand("NOPE").Lengths())
}

// Masking keeps exactly the first 6 and the last 4 digits (the last 4 only for 12
// digits), never one more.
func TestMaskExactly(t *testing.T) {
	for _, c := range []struct{ pan, masked string }{
		{"4117347806156383", "411734******6383"},
		{"4111111111111", "411111***1111"},
		{"4111111111111111119", "411111*********1119"},
		{"411111111111", "********1111"},
		{"41111111111", "[REDACTED]"},
		{"", ""},
	} {
		require.Equal(t, c.masked, PAN(c.pan).Mask(), c.pan)
	}
}
