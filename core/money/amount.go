package money

import (
	"strconv"
	"strings"
)

// MaxDigits is the most digits a minor-unit value may have. Sixteen digits
// always fit in an int64 and cover every amount Antom can carry.
const MaxDigits = 16

// Reason codes name why an amount was rejected. The set is closed: every
// *Error this package returns carries one of these, so callers can switch on
// it instead of parsing messages.
const (
	// ReasonCurrencyFormat: the currency is not exactly three upper-case ASCII letters.
	ReasonCurrencyFormat = "currency_format"
	// ReasonCurrencyUnknown: the currency is well formed but not an ISO 4217 code.
	ReasonCurrencyUnknown = "currency_unknown"
	// ReasonCurrencyNotPayable: the currency has no ISO minor unit (XAU, XDR, XXX, ...).
	ReasonCurrencyNotPayable = "currency_not_payable"
	// ReasonValueEmpty: the value is the empty string.
	ReasonValueEmpty = "value_empty"
	// ReasonValueNotDigits: the minor-unit value holds something other than ASCII digits.
	ReasonValueNotDigits = "value_not_digits"
	// ReasonValueZero: the amount is zero; Antom amounts must be positive.
	ReasonValueZero = "value_zero"
	// ReasonValueLeadingZero: the value starts with a zero digit, as in "0100".
	ReasonValueLeadingZero = "value_leading_zero"
	// ReasonValueTooLong: the minor-unit value would exceed MaxDigits digits.
	ReasonValueTooLong = "value_too_long"
	// ReasonIDRNotHundreds: an IDR value does not end in "00" (whole rupiah).
	ReasonIDRNotHundreds = "idr_not_hundreds"
	// ReasonMajorFormat: a major amount given to ToMinor is not a plain decimal.
	ReasonMajorFormat = "major_format"
	// ReasonFractionTooPrecise: a major amount has non-zero digits beyond the
	// currency's exponent, so converting it would need rounding.
	ReasonFractionTooPrecise = "fraction_too_precise"
)

// Error is the only error type the package returns. Reason is one of the
// Reason constants for programs; Message is an English sentence for people,
// which may quote the amount (amounts are not secret).
type Error struct {
	Reason  string
	Message string
}

// Error returns the human-readable message so *Error satisfies error.
func (e *Error) Error() string { return e.Message }

// Amount is an amount in Antom's wire form: an ISO 4217 code and a string of
// the amount in that currency's minor units, e.g. {"currency":"EUR","value":"30000"}
// for 300.00 EUR.
type Amount struct {
	// validate:"-": both fields are checked by Validate, which validator/v10 runs
	// as Amount's struct-level rule (core/wiretags); walking them finds nothing.
	Currency string `json:"currency" validate:"-"`
	Value    string `json:"value" validate:"-"`
}

// Validate checks a against Antom's rules: a known payable currency and a
// positive minor-unit value of at most MaxDigits ASCII digits without a
// leading zero (and whole rupiah for IDR). It returns nil or an *Error, and
// does not allocate when a is valid.
func (a Amount) Validate() error {
	info, err := payable(a.Currency)
	if err != nil {
		return err
	}
	return checkValue(info, a.Value)
}

// payable returns the table entry of a currency that amounts can be written in.
func payable(code string) (Info, *Error) {
	if !isCodeFormat(code) {
		return Info{}, fail(ReasonCurrencyFormat,
			"currency is not three upper-case ASCII letters")
	}
	info, ok := byCode[code]
	if !ok {
		return Info{}, fail(ReasonCurrencyUnknown,
			"currency is not an ISO 4217 code")
	}
	if !info.Payable {
		return Info{}, fail(ReasonCurrencyNotPayable,
			"currency "+code+" has no minor unit in ISO 4217, so it cannot carry an amount")
	}
	return info, nil
}

// checkValue validates a minor-unit value for an already-checked currency.
func checkValue(info Info, v string) error {
	if v == "" {
		return fail(ReasonValueEmpty, "amount value for "+string(info.Code)+" is empty")
	}
	zeros := true
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return fail(ReasonValueNotDigits, "amount value for "+string(info.Code)+
				" must contain only ASCII digits (minor units, no sign, point or spaces)")
		}
		if c != '0' {
			zeros = false
		}
	}
	if zeros {
		return fail(ReasonValueZero, "amount value for "+string(info.Code)+" is zero; it must be positive")
	}
	if v[0] == '0' {
		return fail(ReasonValueLeadingZero, "amount value for "+string(info.Code)+" has a leading zero")
	}
	if len(v) > MaxDigits {
		return fail(ReasonValueTooLong, "amount value for "+string(info.Code)+
			" has more than "+strconv.Itoa(MaxDigits)+" digits")
	}
	if info.WholeUnitsOnly {
		for i := len(v) - info.Exponent; i < len(v); i++ {
			if i < 0 || v[i] != '0' {
				return fail(ReasonIDRNotHundreds, "amount value for "+string(info.Code)+
					" must be a whole number of major units, so it must end in "+strconv.Quote(strings.Repeat("0", info.Exponent)))
			}
		}
	}
	return nil
}

// isCodeFormat reports whether s is exactly three upper-case ASCII letters.
func isCodeFormat(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func fail(reason, msg string) *Error { return &Error{Reason: reason, Message: msg} }
