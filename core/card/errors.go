package card

import "errors"

// Reason codes carried in Error.Reason. The set is closed: every error this
// package returns uses exactly one of these values, so callers can switch on
// them (for example to map them onto API error codes) without parsing text.
const (
	// ReasonNotDigits means the card number contains something other than the
	// ASCII digits 0-9 (spaces and dashes included; see Normalize).
	ReasonNotDigits = "NOT_DIGITS"
	// ReasonLength means the card number has fewer than MinPANLength or more
	// than MaxPANLength digits.
	ReasonLength = "LENGTH"
	// ReasonLuhn means the card number fails the Luhn (mod 10) check digit.
	ReasonLuhn = "LUHN"
	// ReasonBrandLength means the card number's length is not one the detected
	// brand issues (for example a 16-digit AMEX number).
	ReasonBrandLength = "BRAND_LENGTH"
	// ReasonMonth means the expiry month is not exactly two digits 01-12.
	ReasonMonth = "MONTH"
	// ReasonYear means the expiry year is not two digits (YY) or four digits
	// (YYYY, first digit non-zero).
	ReasonYear = "YEAR"
	// ReasonExpired means the card's expiry month has ended.
	ReasonExpired = "EXPIRED"
	// ReasonTooFarInFuture means the expiry is more than MaxYearsAhead years
	// after the current month, which no issuer does and usually indicates a
	// typo.
	ReasonTooFarInFuture = "TOO_FAR_IN_FUTURE"
	// ReasonCVVNotDigits means the card security code contains something other
	// than ASCII digits.
	ReasonCVVNotDigits = "CVV_NOT_DIGITS"
	// ReasonCVVLength means the card security code does not have the brand's
	// length (see CVVLength).
	ReasonCVVLength = "CVV_LENGTH"
)

// Reasons returns every reason code this package can produce, in a stable
// order. It returns a fresh slice so callers may modify it; it exists so that
// code mapping reasons to other vocabularies can be tested for completeness.
func Reasons() []string {
	return []string{
		ReasonNotDigits,
		ReasonLength,
		ReasonLuhn,
		ReasonBrandLength,
		ReasonMonth,
		ReasonYear,
		ReasonExpired,
		ReasonTooFarInFuture,
		ReasonCVVNotDigits,
		ReasonCVVLength,
	}
}

// Error is the only error type returned by this package. Reason is one of the
// Reason* constants; Message is human-readable English.
//
// Message never contains a card number, any part of one, or a security code:
// messages are built only from constants, lengths and brand names, never from
// the caller's input. It is therefore safe to log and to return to clients.
type Error struct {
	// Reason is one of the Reason* constants, for programs.
	Reason string
	// Message explains the problem in English, for people; it is safe to log.
	Message string
}

// Error implements the error interface as "card: " followed by the message.
func (e *Error) Error() string {
	return "card: " + e.Message
}

// Is reports whether target is an *Error with the same Reason, so that
// errors.Is(err, &card.Error{Reason: card.ReasonLuhn}) works without the
// caller having to reproduce the message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t != nil && e != nil && t.Reason == e.Reason
}

// ReasonOf returns the Reason of the first *Error in err's chain, or "" when
// err is nil or does not come from this package.
func ReasonOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e != nil {
		return e.Reason
	}
	return ""
}

func newError(reason, message string) *Error {
	return &Error{Reason: reason, Message: message}
}
