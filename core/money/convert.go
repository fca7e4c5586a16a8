package money

import (
	"strconv"
	"strings"
)

// ToMinor converts a decimal major amount such as "300.00" into the minor-unit
// value Antom expects ("30000" for EUR), exactly and without floats. It
// accepts only ASCII digits with an optional single '.' between digits, allows
// extra fractional digits only when they are zeros, and checks the result as
// Validate would; failures are *Error.
func ToMinor(currency, major string) (string, error) {
	info, err := payable(currency)
	if err != nil {
		return "", err
	}
	if major == "" {
		return "", fail(ReasonValueEmpty, "major amount for "+currency+" is empty")
	}
	intPart, frac, ok := splitDecimal(major)
	if !ok {
		return "", fail(ReasonMajorFormat, "major amount for "+currency+
			" is not a plain decimal such as \"300\" or \"300.50\" (no sign, exponent, comma or spaces)")
	}
	if len(intPart) > 1 && intPart[0] == '0' {
		return "", fail(ReasonValueLeadingZero, "major amount for "+currency+" has a leading zero")
	}
	if len(frac) > info.Exponent {
		if strings.Trim(frac[info.Exponent:], "0") != "" {
			return "", fail(ReasonFractionTooPrecise, "major amount has more decimal places than "+
				currency+" allows ("+strconv.Itoa(info.Exponent)+") and converting it would need rounding")
		}
		frac = frac[:info.Exponent]
	}
	if intPart == "0" {
		intPart = ""
	}
	if len(intPart)+info.Exponent > MaxDigits {
		return "", fail(ReasonValueTooLong, "major amount for "+currency+
			" is too large: in minor units it would exceed "+strconv.Itoa(MaxDigits)+" digits")
	}
	var buf [MaxDigits]byte
	n := copy(buf[:], intPart)
	n += copy(buf[n:], frac)
	for i := len(frac); i < info.Exponent; i++ {
		buf[n] = '0'
		n++
	}
	start := 0
	for start < n && buf[start] == '0' {
		start++
	}
	if start == n {
		return "", fail(ReasonValueZero, "major amount for "+currency+" is zero; it must be positive")
	}
	minor := string(buf[start:n])
	if err := checkValue(info, minor); err != nil {
		return "", err
	}
	return minor, nil
}

// splitDecimal splits s into its integer and fractional digits. ok is false
// unless s is one or more ASCII digits, optionally followed by '.' and one or
// more ASCII digits.
func splitDecimal(s string) (intPart, frac string, ok bool) {
	dot := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && dot < 0:
			dot = i
		default:
			return "", "", false
		}
	}
	if dot < 0 {
		return s, "", true
	}
	if dot == 0 || dot == len(s)-1 {
		return "", "", false
	}
	return s[:dot], s[dot+1:], true
}

// ToMajor converts a minor-unit value such as "30000" into a decimal major
// amount with exactly the currency's number of decimals ("300.00" for EUR,
// "300" for JPY, "0.05" for "5" EUR). The input must pass Validate; failures
// are *Error.
func ToMajor(currency, minor string) (string, error) {
	info, err := payable(currency)
	if err != nil {
		return "", err
	}
	if err := checkValue(info, minor); err != nil {
		return "", err
	}
	exp := info.Exponent
	if exp == 0 {
		return minor, nil
	}
	if len(minor) <= exp {
		return "0." + strings.Repeat("0", exp-len(minor)) + minor, nil
	}
	cut := len(minor) - exp
	return minor[:cut] + "." + minor[cut:], nil
}
