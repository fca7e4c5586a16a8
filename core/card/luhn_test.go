package card

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLuhn(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"0", true},
		{"00", true},
		{"18", true},
		{"79927398713", true}, // the classic worked example
		{"79927398710", false},
		{"4111111111111111", true},
		{"4111111111111112", false},
		{"378282246310005", true},
		{"4111 1111 1111 1111", false},
		{"4111-1111-1111-1111", false},
		{"411111111111111a", false},
		{"٤١١١١١١١١١١١١١١١", false}, // Arabic-Indic digits are not ASCII
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, Luhn(tt.in), "Luhn(%q)", tt.in)
	}
}

// TestAntomTestCards records the facts about Antom's sandbox cards.
func TestAntomTestCards(t *testing.T) {
	tests := []struct {
		name  string
		pan   string
		luhn  bool
		brand Brand
	}{
		{"success visa", antomVisaSuccess, true, BrandVisa},
		{"success mastercard", antomMastercardSuccess, true, BrandMastercard},
		{"failure visa", antomVisaFailure, true, BrandVisa},
		{"failure mastercard", antomMastercardFailure, true, BrandMastercard},
		{"3ds exemption", antom3DSExemption, true, BrandVisa},
		{"seed visa", seedVisa, true, BrandVisa},
		// A Korean local card: no global BIN range covers 9490, so the brand
		// is unknown, yet the number is Luhn-valid and ValidatePAN accepts it.
		{"korean local", antomKoreanLocal, true, BrandUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.luhn, Luhn(tt.pan))
			require.Equal(t, tt.brand, Detect(tt.pan))
			b, err := ValidatePAN(tt.pan)
			require.NoError(t, err)
			require.Equal(t, tt.brand, b)
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{seedVisa, seedVisa},
		{"4117 3478 0615 6383", seedVisa},
		{"4117-3478-0615-6383", seedVisa},
		{" 4117 - 3478\t0615 6383 ", "41173478\t06156383"},
		{"--  --", ""},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, Normalize(tt.in), "Normalize(%q)", tt.in)
	}
	// Only spaces and dashes are stripped, so a tab still fails validation.
	_, err := ValidatePAN(Normalize("4117\t3478 0615 6383"))
	require.Equal(t, ReasonNotDigits, ReasonOf(err))

	allocs := testing.AllocsPerRun(100, func() { _ = Normalize(seedVisa) })
	require.Zero(t, allocs, "Normalize must not allocate when there is nothing to strip")
}

func TestValidatePAN(t *testing.T) {
	tests := []struct {
		name   string
		pan    string
		reason string
		brand  Brand
	}{
		{"empty", "", ReasonLength, BrandUnknown},
		{"spaces", "4117 3478 0615 6383", ReasonNotDigits, BrandUnknown},
		{"dashes", "4117-3478-0615-6383", ReasonNotDigits, BrandUnknown},
		{"letter", "411734780615638x", ReasonNotDigits, BrandUnknown},
		{"non-ascii digit", "４117347806156383", ReasonNotDigits, BrandUnknown},
		{"11 digits", makePAN(t, "6759", 11), ReasonLength, BrandMaestro},
		{"20 digits", makePAN(t, "6759", 20), ReasonLength, BrandUnknown},
		{"12 digits maestro", makePAN(t, "6759", 12), "", BrandMaestro},
		{"19 digits maestro", makePAN(t, "6759", 19), "", BrandMaestro},
		{"16 digits amex", makePAN(t, "37", 16), ReasonBrandLength, BrandAmex},
		{"15 digits visa", makePAN(t, "4", 15), ReasonBrandLength, BrandVisa},
		{"luhn", breakLuhn(seedVisa), ReasonLuhn, BrandVisa},
		{"luhn unknown brand", breakLuhn(antomKoreanLocal), ReasonLuhn, BrandUnknown},
		{"brand length before luhn", breakLuhn(makePAN(t, "37", 16)), ReasonBrandLength, BrandAmex},
		{"unknown brand any length", makePAN(t, "9490", 13), "", BrandUnknown},
		{"ok", seedVisa, "", BrandVisa},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ValidatePAN(tt.pan)
			require.Equal(t, tt.brand, b)
			require.Equal(t, tt.reason, ReasonOf(err))
			if err != nil {
				requireNoLeak(t, err.Error(), tt.pan)
				if tt.pan != "" {
					require.NotContains(t, err.Error(), tt.pan)
				}
			}
			b2, err2 := PAN(tt.pan).Validate()
			require.Equal(t, b, b2)
			require.Equal(t, err, err2)
		})
	}
}

func TestValidatePANMessages(t *testing.T) {
	_, err := ValidatePAN(makePAN(t, "37", 16))
	require.EqualError(t, err, "card: AMEX card numbers have 15 digits, got 16")
	_, err = ValidatePAN(makePAN(t, "4", 14))
	require.EqualError(t, err, "card: VISA card numbers have 13, 16 or 19 digits, got 14")
	_, err = ValidatePAN(makePAN(t, "4", 11))
	require.EqualError(t, err, "card: card number has 11 digits; want 12 to 19")
	_, err = ValidatePAN(breakLuhn(seedVisa))
	require.EqualError(t, err, "card: card number fails the Luhn check digit")
}

func TestValidatePANZeroAlloc(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := ValidatePAN(seedVisa); err != nil {
			panic("unexpected")
		}
	})
	require.Zero(t, allocs)
	allocs = testing.AllocsPerRun(100, func() { _ = Luhn(seedVisa) })
	require.Zero(t, allocs)
}
