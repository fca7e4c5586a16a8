package card

import "strconv"

// Brand is a card scheme name in Antom's selectedCardBrand vocabulary (for
// example "VISA"). It is a string type so it can be placed directly into an
// Antom request; the zero value BrandUnknown means "not recognised".
type Brand string

// Brands this package can detect from a card number. CARTES_BANCAIRES is an
// Antom brand too, but Cartes Bancaires cards are co-branded Visa/Mastercard
// numbers that cannot be told apart by BIN alone, so it is never returned.
const (
	// BrandUnknown is returned when no BIN range matches (for example local
	// Korean cards starting with 9) or the input is not a digit string.
	BrandUnknown Brand = ""
	// BrandVisa is Visa: IIN 4.
	BrandVisa Brand = "VISA"
	// BrandMastercard is Mastercard: IIN 51-55 and 2221-2720.
	BrandMastercard Brand = "MASTERCARD"
	// BrandAmex is American Express: IIN 34 and 37.
	BrandAmex Brand = "AMEX"
	// BrandJCB is JCB: IIN 3528-3589.
	BrandJCB Brand = "JCB"
	// BrandDiscover is Discover: IIN 6011, 644-649 and 65.
	BrandDiscover Brand = "DISCOVER"
	// BrandDiners is Diners Club International: IIN 300-305, 3095, 36, 38-39.
	BrandDiners Brand = "DINERS"
	// BrandUnionPay is China UnionPay, which Antom calls CUP: IIN 62 and
	// 8100-8171.
	BrandUnionPay Brand = "CUP"
	// BrandMaestro is Mastercard's Maestro debit brand.
	BrandMaestro Brand = "MAESTRO"
	// BrandElo is the Brazilian Elo scheme (specific 6-digit BINs).
	BrandElo Brand = "ELO"
	// BrandMir is the Russian Mir scheme: IIN 2200-2204.
	BrandMir Brand = "MIR"
	// BrandHipercard is the Brazilian Hipercard scheme (specific 6-digit BINs).
	BrandHipercard Brand = "HIPERCARD"
	// BrandTroy is the Turkish Troy scheme: IIN 9792.
	BrandTroy Brand = "TROY"
)

// AntomCVVMaxLength is the maximum cvv length in Antom's API reference,
// which documents no exception for AMEX even though AMEX's security code (CID)
// has 4 digits. It is exposed so callers can decide how to reconcile the two;
// CheckCVV itself enforces the brand's natural length from CVVLength.
const AntomCVVMaxLength = 3

// lengthMask has bit n set when n-digit card numbers are valid.
type lengthMask uint32

const (
	len12to19 lengthMask = 0xFF << 12 // 12..19
	len14to19 lengthMask = 0x3F << 14 // 14..19
	len16to19 lengthMask = 0x0F << 16 // 16..19
)

// brandSpec holds what the package knows about one brand.
type brandSpec struct {
	brand   Brand
	lengths lengthMask
	cvv     int
}

// brandSpecs lists every detectable brand; read-only.
var brandSpecs = [...]brandSpec{
	{BrandVisa, 1<<13 | 1<<16 | 1<<19, 3},
	{BrandMastercard, 1 << 16, 3},
	{BrandAmex, 1 << 15, 4},
	{BrandJCB, len16to19, 3},
	{BrandDiscover, len16to19, 3},
	{BrandDiners, len14to19, 3},
	{BrandUnionPay, len16to19, 3},
	{BrandMaestro, len12to19, 3},
	{BrandElo, 1 << 16, 3},
	{BrandMir, len16to19, 3},
	{BrandHipercard, 1<<16 | 1<<19, 3},
	{BrandTroy, 1 << 16, 3},
}

func (b Brand) spec() (brandSpec, bool) {
	for _, s := range brandSpecs {
		if s.brand == b {
			return s, true
		}
	}
	return brandSpec{}, false
}

// Brands returns every brand Detect can return (BrandUnknown excluded) in a
// stable order, as a fresh slice; useful for building allow-lists and tests.
func Brands() []Brand {
	out := make([]Brand, len(brandSpecs))
	for i, s := range brandSpecs {
		out[i] = s.brand
	}
	return out
}

// Known reports whether b is one of the brands this package detects.
func (b Brand) Known() bool {
	_, ok := b.spec()
	return ok
}

// String returns the Antom brand name, or "UNKNOWN" for BrandUnknown so that
// log lines never show an empty value.
func (b Brand) String() string {
	if b == BrandUnknown {
		return "UNKNOWN"
	}
	return string(b)
}

// AllowsLength reports whether the brand issues card numbers of n digits. It
// is false for every n when b is not a known brand.
func (b Brand) AllowsLength(n int) bool {
	s, ok := b.spec()
	return ok && n >= 0 && n < 32 && s.lengths&(1<<uint(n)) != 0
}

// Lengths returns the card-number lengths the brand issues in ascending order,
// or nil for an unknown brand.
func (b Brand) Lengths() []int {
	s, ok := b.spec()
	if !ok {
		return nil
	}
	var out []int
	for n := 0; n < 32; n++ {
		if s.lengths&(1<<uint(n)) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// lengthsText renders Lengths for error messages: "15", "13, 16 or 19",
// "16 to 19".
func (b Brand) lengthsText() string {
	ls := b.Lengths()
	switch {
	case len(ls) == 0:
		return "no known"
	case len(ls) == 1:
		return strconv.Itoa(ls[0])
	case len(ls) >= 3 && ls[len(ls)-1]-ls[0] == len(ls)-1:
		return strconv.Itoa(ls[0]) + " to " + strconv.Itoa(ls[len(ls)-1])
	}
	s := ""
	for i, n := range ls {
		switch {
		case i == 0:
		case i == len(ls)-1:
			s += " or "
		default:
			s += ", "
		}
		s += strconv.Itoa(n)
	}
	return s
}

// CVVLength returns the natural length of the brand's card security code:
// 4 for AMEX (the CID printed on the front), 3 for every other brand,
// including BrandUnknown and unrecognised names, because 3 digits is the
// ISO/IEC 7813 norm for all other schemes. Compare with AntomCVVMaxLength.
func CVVLength(brand Brand) int {
	if s, ok := brand.spec(); ok {
		return s.cvv
	}
	return 3
}

// CheckCVV checks that cvv consists only of ASCII digits (ReasonCVVNotDigits)
// and has exactly CVVLength(brand) of them (ReasonCVVLength). The returned
// *Error names the lengths and, when it is a known brand, the brand; never
// the code itself, nor an unrecognised brand string (which could be anything
// the caller passed in).
func CheckCVV(brand Brand, cvv string) error {
	for i := 0; i < len(cvv); i++ {
		if cvv[i] < '0' || cvv[i] > '9' {
			return newError(ReasonCVVNotDigits, "card security code must contain only the digits 0-9")
		}
	}
	if want := CVVLength(brand); len(cvv) != want {
		name := "card security code"
		if brand.Known() {
			name = string(brand) + " " + name
		}
		return newError(ReasonCVVLength, name+" must have "+strconv.Itoa(want)+
			" digits, got "+strconv.Itoa(len(cvv)))
	}
	return nil
}

// binRange maps every card number whose first digits digits, read as a
// number, lie in [lo, hi] to brand.
type binRange struct {
	lo, hi uint32
	digits uint8
	brand  Brand
}

// maxBINDigits is the longest prefix any binTable row inspects.
const maxBINDigits = 6

// binTable is the brand detection table; read-only. Detect picks the matching
// row with the most digits (the most specific prefix); rows with the same
// digit count never overlap (enforced by a test), so the winner is unique.
//
// Deliberate choices:
//   - 622126-622925 is CUP, not DISCOVER. These are UnionPay-issued cards
//     that Discover merely accepts under the Discover/UnionPay reciprocity
//     deal; Antom (an Asian acquirer) routes them as UnionPay. The explicit
//     row documents the decision; the 62 row alone would give the same answer.
//   - Maestro gets only its well-known prefixes. There is no catch-all for
//     "6", "63" or "67": a wrong selectedCardBrand is worse than none, and
//     those ranges also hold RuPay and other local schemes.
//   - Elo and Hipercard BINs sit inside Visa (4), Maestro (50), Diners (38),
//     UnionPay (62), Discover (65) ranges and win by being 6 digits long.
var binTable = [...]binRange{
	// Visa.
	{4, 4, 1, BrandVisa},

	// Mastercard.
	{51, 55, 2, BrandMastercard},
	{2221, 2720, 4, BrandMastercard},

	// American Express.
	{34, 34, 2, BrandAmex},
	{37, 37, 2, BrandAmex},

	// JCB.
	{3528, 3589, 4, BrandJCB},

	// Discover.
	{6011, 6011, 4, BrandDiscover},
	{644, 649, 3, BrandDiscover},
	{65, 65, 2, BrandDiscover},

	// Diners Club International.
	{300, 305, 3, BrandDiners},
	{3095, 3095, 4, BrandDiners},
	{36, 36, 2, BrandDiners},
	{38, 39, 2, BrandDiners},

	// China UnionPay (CUP), including the Discover co-brand range.
	{62, 62, 2, BrandUnionPay},
	{622126, 622925, 6, BrandUnionPay},
	{8100, 8171, 4, BrandUnionPay},

	// Maestro. 5018, 5020, 5038 and 5893 are also covered by 50 and 58; they
	// are listed because they are Maestro's published IINs.
	{50, 50, 2, BrandMaestro},
	{56, 58, 2, BrandMaestro},
	{5018, 5018, 4, BrandMaestro},
	{5020, 5020, 4, BrandMaestro},
	{5038, 5038, 4, BrandMaestro},
	{5893, 5893, 4, BrandMaestro},
	{6304, 6304, 4, BrandMaestro},
	{6759, 6759, 4, BrandMaestro},
	{6761, 6763, 4, BrandMaestro},

	// Mir.
	{2200, 2204, 4, BrandMir},

	// Troy.
	{9792, 9792, 4, BrandTroy},

	// Hipercard.
	{384100, 384100, 6, BrandHipercard},
	{384140, 384140, 6, BrandHipercard},
	{384160, 384160, 6, BrandHipercard},
	{606282, 606282, 6, BrandHipercard},

	// Elo.
	{401178, 401179, 6, BrandElo},
	{431274, 431274, 6, BrandElo},
	{438935, 438935, 6, BrandElo},
	{451416, 451416, 6, BrandElo},
	{457393, 457393, 6, BrandElo},
	{457631, 457632, 6, BrandElo},
	{504175, 504175, 6, BrandElo},
	{506699, 506778, 6, BrandElo},
	{509000, 509999, 6, BrandElo},
	{627780, 627780, 6, BrandElo},
	{636297, 636297, 6, BrandElo},
	{636368, 636368, 6, BrandElo},
	{650031, 650033, 6, BrandElo},
	{650035, 650051, 6, BrandElo},
	{650405, 650439, 6, BrandElo},
	{650485, 650538, 6, BrandElo},
	{650541, 650598, 6, BrandElo},
	{650700, 650718, 6, BrandElo},
	{650720, 650727, 6, BrandElo},
	{650901, 650978, 6, BrandElo},
	{651652, 651679, 6, BrandElo},
	{655000, 655019, 6, BrandElo},
	{655021, 655058, 6, BrandElo},
}

// Detect returns the brand of a card number, or of any leading part of one
// such as a 6- or 8-digit BIN, using the most specific matching BIN range. It
// returns BrandUnknown when pan is empty, longer than MaxPANLength, contains
// anything but ASCII digits (call Normalize first), or matches no range (for
// example Korean local cards starting with 9). A prefix shorter than a range
// cannot match it: "2" is unknown, "4" is VISA. It does not allocate.
func Detect(pan string) Brand {
	n := len(pan)
	if n == 0 || n > MaxPANLength {
		return BrandUnknown
	}
	var prefix [maxBINDigits + 1]uint32
	v := uint32(0)
	for i := 0; i < n; i++ {
		c := pan[i]
		if c < '0' || c > '9' {
			return BrandUnknown
		}
		if i < maxBINDigits {
			v = v*10 + uint32(c-'0')
			prefix[i+1] = v
		}
	}
	best := BrandUnknown
	bestDigits := 0
	for i := range binTable {
		r := &binTable[i]
		d := int(r.digits)
		if d > n || d <= bestDigits {
			continue
		}
		if p := prefix[d]; p >= r.lo && p <= r.hi {
			best, bestDigits = r.brand, d
		}
	}
	return best
}
