package card

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestBrandsVocabulary(t *testing.T) {
	require.Equal(t, []Brand{
		"VISA", "MASTERCARD", "AMEX", "JCB", "DISCOVER", "DINERS", "CUP",
		"MAESTRO", "ELO", "MIR", "HIPERCARD", "TROY",
	}, Brands())
	for _, b := range Brands() {
		require.True(t, b.Known(), b)
		require.Equal(t, string(b), b.String())
	}
	require.False(t, BrandUnknown.Known())
	require.False(t, Brand("CARTES_BANCAIRES").Known())
	require.Equal(t, "UNKNOWN", BrandUnknown.String())
}

// TestBINTableInvariants checks the shape of the table Detect relies on.
func TestBINTableInvariants(t *testing.T) {
	seen := map[Brand]bool{}
	for i, r := range binTable {
		require.True(t, r.brand.Known(), "row %d brand %q has no spec", i, r.brand)
		seen[r.brand] = true
		require.LessOrEqual(t, r.lo, r.hi, "row %d", i)
		require.GreaterOrEqual(t, int(r.digits), 1, "row %d", i)
		require.LessOrEqual(t, int(r.digits), maxBINDigits, "row %d", i)
		require.Len(t, strconv.Itoa(int(r.lo)), int(r.digits), "row %d lo", i)
		require.Len(t, strconv.Itoa(int(r.hi)), int(r.digits), "row %d hi", i)
		for j := i + 1; j < len(binTable); j++ {
			o := binTable[j]
			if o.digits != r.digits {
				continue
			}
			overlap := r.lo <= o.hi && o.lo <= r.hi
			require.False(t, overlap, "rows %d and %d overlap at %d digits", i, j, r.digits)
		}
	}
	for _, b := range Brands() {
		require.True(t, seen[b], "brand %s has no BIN range", b)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		prefix string
		want   Brand
	}{
		// Visa.
		{"4", BrandVisa},
		{"49", BrandVisa},
		{"3", BrandUnknown},

		// Mastercard 51-55 and 2221-2720, with their neighbours.
		{"50", BrandMaestro},
		{"51", BrandMastercard},
		{"55", BrandMastercard},
		{"56", BrandMaestro},
		{"2220", BrandUnknown},
		{"2221", BrandMastercard},
		{"2500", BrandMastercard},
		{"2720", BrandMastercard},
		{"2721", BrandUnknown},

		// Amex.
		{"33", BrandUnknown},
		{"34", BrandAmex},
		{"37", BrandAmex},

		// JCB.
		{"3527", BrandUnknown},
		{"3528", BrandJCB},
		{"3589", BrandJCB},
		{"3590", BrandUnknown},

		// Discover.
		{"6010", BrandUnknown},
		{"6011", BrandDiscover},
		{"6012", BrandUnknown},
		{"643", BrandUnknown},
		{"644", BrandDiscover},
		{"649", BrandDiscover},
		{"65", BrandDiscover},
		{"650030", BrandDiscover},
		{"659999", BrandDiscover},

		// UnionPay, including the Discover co-brand range (CUP wins).
		{"61", BrandUnknown},
		{"62", BrandUnionPay},
		{"622125", BrandUnionPay},
		{"622126", BrandUnionPay},
		{"622500", BrandUnionPay},
		{"622925", BrandUnionPay},
		{"622926", BrandUnionPay},
		{"63", BrandUnknown},
		{"8099", BrandUnknown},
		{"8100", BrandUnionPay},
		{"8171", BrandUnionPay},
		{"8172", BrandUnknown},

		// Diners.
		{"299", BrandUnknown},
		{"300", BrandDiners},
		{"305", BrandDiners},
		{"306", BrandUnknown},
		{"3094", BrandUnknown},
		{"3095", BrandDiners},
		{"3096", BrandUnknown},
		{"35", BrandUnknown},
		{"36", BrandDiners},
		{"38", BrandDiners},
		{"39", BrandDiners},

		// Maestro.
		{"5018", BrandMaestro},
		{"5020", BrandMaestro},
		{"5038", BrandMaestro},
		{"5893", BrandMaestro},
		{"59", BrandUnknown},
		{"6303", BrandUnknown},
		{"6304", BrandMaestro},
		{"6305", BrandUnknown},
		{"6758", BrandUnknown},
		{"6759", BrandMaestro},
		{"6760", BrandUnknown},
		{"6761", BrandMaestro},
		{"6763", BrandMaestro},
		{"6764", BrandUnknown},
		{"6", BrandUnknown}, // no catch-all

		// Mir.
		{"2199", BrandUnknown},
		{"2200", BrandMir},
		{"2204", BrandMir},
		{"2205", BrandUnknown},

		// Troy.
		{"9791", BrandUnknown},
		{"9792", BrandTroy},
		{"9793", BrandUnknown},

		// Hipercard beats Diners 38 and nothing at 6062.
		{"384099", BrandDiners},
		{"384100", BrandHipercard},
		{"384101", BrandDiners},
		{"384140", BrandHipercard},
		{"384160", BrandHipercard},
		{"606281", BrandUnknown},
		{"606282", BrandHipercard},

		// Elo beats Visa, Maestro, UnionPay and Discover.
		{"401177", BrandVisa},
		{"401178", BrandElo},
		{"401179", BrandElo},
		{"401180", BrandVisa},
		{"431274", BrandElo},
		{"438935", BrandElo},
		{"451416", BrandElo},
		{"457393", BrandElo},
		{"457631", BrandElo},
		{"504174", BrandMaestro},
		{"504175", BrandElo},
		{"504176", BrandMaestro},
		{"506698", BrandMaestro},
		{"506699", BrandElo},
		{"506778", BrandElo},
		{"506779", BrandMaestro},
		{"509000", BrandElo},
		{"509999", BrandElo},
		{"627779", BrandUnionPay},
		{"627780", BrandElo},
		{"636297", BrandElo},
		{"636368", BrandElo},
		{"650031", BrandElo},
		{"650034", BrandDiscover},
		{"650035", BrandElo},
		{"655058", BrandElo},
		{"655059", BrandDiscover},

		// Korean local cards and other 9s.
		{"9490", BrandUnknown},
		{"9", BrandUnknown},
		{"1", BrandUnknown},
		{"0", BrandUnknown},

		// Prefixes too short for the range.
		{"2", BrandUnknown},
		{"22", BrandUnknown},
		{"222", BrandUnknown},
		{"97", BrandUnknown},
	}
	// Prefixes that only mean something on their own: extending them to a
	// full number lands in a longer range (35+30.. is JCB 3530, 22+30.. is
	// Mastercard 2230).
	partial := map[string]bool{"35": true, "2": true, "22": true, "222": true}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			require.Equal(t, tt.want, Detect(tt.prefix), "prefix alone")
			if partial[tt.prefix] {
				return
			}
			// A full number with this prefix gets the same brand.
			full := makePAN(t, tt.prefix, 16)
			require.Equal(t, tt.want, Detect(full), "full number")
			require.Equal(t, tt.want, PAN(full).Brand())
		})
	}
}

func TestDetectRejectsMalformed(t *testing.T) {
	for _, in := range []string{
		"",
		"4117 3478 0615 6383",
		"4117-3478-0615-6383",
		" 4117347806156383",
		"4x",
		"４",                    // full-width digit
		"41173478061563830000", // 20 digits
	} {
		require.Equal(t, BrandUnknown, Detect(in), "Detect(%q)", in)
	}
	require.Equal(t, BrandVisa, Detect(Normalize("4117 3478-0615 6383")))
}

func TestDetectZeroAlloc(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _ = Detect(seedVisa) })
	require.Zero(t, allocs)
}

// samplePrefix gives one prefix per brand for length tests.
var samplePrefix = map[Brand]string{
	BrandVisa:       "4",
	BrandMastercard: "51",
	BrandAmex:       "34",
	BrandJCB:        "3528",
	BrandDiscover:   "6011",
	BrandDiners:     "36",
	BrandUnionPay:   "62",
	BrandMaestro:    "6759",
	BrandElo:        "636368",
	BrandMir:        "2200",
	BrandHipercard:  "606282",
	BrandTroy:       "9792",
}

func TestBrandLengths(t *testing.T) {
	want := map[Brand][]int{
		BrandVisa:       {13, 16, 19},
		BrandMastercard: {16},
		BrandAmex:       {15},
		BrandJCB:        {16, 17, 18, 19},
		BrandDiscover:   {16, 17, 18, 19},
		BrandDiners:     {14, 15, 16, 17, 18, 19},
		BrandUnionPay:   {16, 17, 18, 19},
		BrandMaestro:    {12, 13, 14, 15, 16, 17, 18, 19},
		BrandElo:        {16},
		BrandMir:        {16, 17, 18, 19},
		BrandHipercard:  {16, 19},
		BrandTroy:       {16},
	}
	require.Len(t, want, len(Brands()))
	require.Len(t, samplePrefix, len(Brands()))
	for _, b := range Brands() {
		t.Run(string(b), func(t *testing.T) {
			require.Equal(t, want[b], b.Lengths())
			for n := MinPANLength; n <= MaxPANLength; n++ {
				pan := makePAN(t, samplePrefix[b], n)
				got, err := ValidatePAN(pan)
				require.Equal(t, b, got)
				if b.AllowsLength(n) {
					require.NoError(t, err, "length %d", n)
				} else {
					require.Equal(t, ReasonBrandLength, ReasonOf(err), "length %d", n)
					require.Contains(t, err.Error(), string(b))
					requireNoLeak(t, err.Error(), pan)
				}
			}
		})
	}
	require.Nil(t, BrandUnknown.Lengths())
	require.False(t, BrandUnknown.AllowsLength(16))
	require.False(t, BrandVisa.AllowsLength(-1))
	require.False(t, BrandVisa.AllowsLength(64))
}

func TestLengthsText(t *testing.T) {
	require.Equal(t, "15", BrandAmex.lengthsText())
	require.Equal(t, "13, 16 or 19", BrandVisa.lengthsText())
	require.Equal(t, "16 or 19", BrandHipercard.lengthsText())
	require.Equal(t, "12 to 19", BrandMaestro.lengthsText())
	require.Equal(t, "14 to 19", BrandDiners.lengthsText())
	require.Equal(t, "no known", BrandUnknown.lengthsText())
}

func TestCVVLength(t *testing.T) {
	for _, b := range Brands() {
		want := 3
		if b == BrandAmex {
			want = 4
		}
		require.Equal(t, want, CVVLength(b), b)
	}
	require.Equal(t, 3, CVVLength(BrandUnknown))
	require.Equal(t, 3, CVVLength("SOMETHING_ELSE"))
	require.Equal(t, 3, AntomCVVMaxLength)
}

func TestCheckCVV(t *testing.T) {
	tests := []struct {
		brand  Brand
		cvv    string
		reason string
		msg    string
	}{
		{BrandVisa, "737", "", ""},
		{BrandMastercard, "000", "", ""},
		{BrandAmex, "7373", "", ""},
		{BrandUnknown, "123", "", ""},
		{BrandAmex, "737", ReasonCVVLength, "card: AMEX card security code must have 4 digits, got 3"},
		{BrandVisa, "7373", ReasonCVVLength, "card: VISA card security code must have 3 digits, got 4"},
		{BrandVisa, "", ReasonCVVLength, "card: VISA card security code must have 3 digits, got 0"},
		{BrandUnknown, "12", ReasonCVVLength, "card: card security code must have 3 digits, got 2"},
		{Brand(seedVisa), "12", ReasonCVVLength, "card: card security code must have 3 digits, got 2"},
		{BrandVisa, "73a", ReasonCVVNotDigits, "card: card security code must contain only the digits 0-9"},
		{BrandVisa, " 737", ReasonCVVNotDigits, "card: card security code must contain only the digits 0-9"},
		{BrandVisa, "７３７", ReasonCVVNotDigits, "card: card security code must contain only the digits 0-9"},
		{BrandAmex, "1234567890", ReasonCVVLength, "card: AMEX card security code must have 4 digits, got 10"},
	}
	for _, tt := range tests {
		err := CheckCVV(tt.brand, tt.cvv)
		require.Equal(t, tt.reason, ReasonOf(err), "%s %d chars", tt.brand, len(tt.cvv))
		require.Equal(t, err, CVV(tt.cvv).Check(tt.brand))
		if err != nil {
			require.EqualError(t, err, tt.msg)
			if tt.cvv != "" {
				require.NotContains(t, err.Error(), tt.cvv)
			}
		}
	}
}
