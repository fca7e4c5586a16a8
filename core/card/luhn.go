// Package card holds the pure, I/O-free rules for card data sent to Antom
// (Alipay global acquiring): card-number (PAN) format and Luhn checks, brand
// detection by BIN/IIN range using Antom's selectedCardBrand vocabulary,
// security-code (CVV) checks, expiry parsing in Antom's MM / YY shape, and
// redacting PAN and CVV types that are safe to print and log.
//
// Card data is radioactive: nothing in this package puts a card number or a
// security code into an error message, a fmt verb's output, or a slog value.
// Only the masked form (first 6 / last 4, see PAN.Mask) ever leaves it.
//
// The package is deterministic: it never reads the clock, so every
// time-dependent check takes "now" as an argument.
package card

import "strconv"

// Overall card-number length limits (ISO/IEC 7812 allows 8-19, but no brand
// accepted through Antom issues fewer than 12 digits).
const (
	// MinPANLength is the shortest card number ValidatePAN accepts.
	MinPANLength = 12
	// MaxPANLength is the longest card number ValidatePAN accepts.
	MaxPANLength = 19
)

// Luhn reports whether pan passes the Luhn (mod 10) check-digit algorithm.
// It returns false for an empty string or any string containing a byte other
// than the ASCII digits 0-9; it does not check the length (see ValidatePAN).
// It does not allocate.
func Luhn(pan string) bool {
	if pan == "" {
		return false
	}
	sum := 0
	double := false
	for i := len(pan) - 1; i >= 0; i-- {
		c := pan[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// Normalize removes the ASCII spaces and dashes people type or paste into
// card-number fields ("4111 1111-1111 1111") and returns the rest unchanged.
// It validates nothing: pass the result to ValidatePAN. Antom's cardNo field
// is a plain digit string, so ValidatePAN itself rejects separators rather
// than silently accepting a value that must not be sent as-is. The result is
// still a full card number; keep it in a PAN. It allocates only when
// something is removed.
func Normalize(s string) string {
	i := 0
	for i < len(s) && s[i] != ' ' && s[i] != '-' {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '-' {
			b = append(b, c)
		}
	}
	return string(b)
}

// isDigits reports whether s is non-empty and consists only of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidatePAN checks that pan is a card number Antom can accept as cardNo and
// returns its detected brand. The checks run in this order, and the first
// failure is returned as an *Error:
//
//  1. not empty and only ASCII digits, no separators (ReasonLength for "",
//     ReasonNotDigits otherwise);
//  2. MinPANLength to MaxPANLength digits (ReasonLength);
//  3. a length the detected brand issues (ReasonBrandLength), skipped when the
//     brand is unknown, so local cards outside the BIN table still pass;
//  4. the Luhn check digit (ReasonLuhn).
//
// The returned brand is Detect(pan), also when an error is returned (it is
// BrandUnknown when pan is not a digit string), which lets a form show the
// card logo while the number is still being corrected.
func ValidatePAN(pan string) (Brand, error) {
	if pan == "" {
		return BrandUnknown, newError(ReasonLength, "card number is empty")
	}
	if !isDigits(pan) {
		return BrandUnknown, newError(ReasonNotDigits,
			"card number must contain only the digits 0-9, without spaces or dashes")
	}
	n := len(pan)
	brand := Detect(pan)
	if n < MinPANLength || n > MaxPANLength {
		return brand, newError(ReasonLength, "card number has "+strconv.Itoa(n)+
			" digits; want "+strconv.Itoa(MinPANLength)+" to "+strconv.Itoa(MaxPANLength))
	}
	if brand != BrandUnknown && !brand.AllowsLength(n) {
		return brand, newError(ReasonBrandLength, string(brand)+" card numbers have "+
			brand.lengthsText()+" digits, got "+strconv.Itoa(n))
	}
	if !Luhn(pan) {
		return brand, newError(ReasonLuhn, "card number fails the Luhn check digit")
	}
	return brand, nil
}
