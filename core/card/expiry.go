package card

import (
	"strconv"
	"time"
)

// MaxYearsAhead is how far in the future an expiry may lie before
// TooFarInFuture reports it: issuers do not print cards valid for more than
// about ten years, so anything beyond twenty is almost certainly a typo.
const MaxYearsAhead = 20

// Expiry is a card's expiry month as Antom exchanges it: expiryMonth "01" to
// "12" and expiryYear as the last two digits of the year. Build one with
// ParseExpiry; the zero value is not a valid expiry and is treated as
// expired.
//
// A two-digit year is kept as-is and resolved to a full year only when a
// check runs, relative to the "now" passed in (see Year), so an Expiry parsed
// today still means the right century decades from now.
//
// An expiry date is cardholder data but not sensitive authentication data, so
// String prints it in full.
type Expiry struct {
	month uint8  // 1..12; 0 marks the zero value
	yy    uint8  // 0..99, the year's last two digits
	full  uint16 // the full year when a 4-digit year was parsed, else 0
}

// ParseExpiry parses Antom-style expiry fields. month must be exactly two
// ASCII digits "01" to "12" (ReasonMonth); "1" is rejected so that formatting
// bugs surface before Antom sees them. year must be exactly two ASCII digits
// (Antom's expiryYear, e.g. "29") or, as a convenience for card forms, exactly
// four ASCII digits with a non-zero first digit ("2029"), taken literally
// (ReasonYear otherwise). Error messages never echo the input.
func ParseExpiry(month, year string) (Expiry, error) {
	if len(month) != 2 || !isDigits(month) {
		return Expiry{}, newError(ReasonMonth, "expiry month must be two digits 01 to 12")
	}
	m := (month[0]-'0')*10 + month[1] - '0'
	if m < 1 || m > 12 {
		return Expiry{}, newError(ReasonMonth, "expiry month must be two digits 01 to 12")
	}
	switch {
	case len(year) == 2 && isDigits(year):
		yy := (year[0]-'0')*10 + year[1] - '0'
		return Expiry{month: m, yy: yy}, nil
	case len(year) == 4 && isDigits(year) && year[0] != '0':
		y, _ := strconv.Atoi(year) // cannot fail: four ASCII digits
		return Expiry{month: m, yy: uint8(y % 100), full: uint16(y)}, nil
	}
	return Expiry{}, newError(ReasonYear, "expiry year must be two digits (YY) or four digits (YYYY)")
}

// IsZero reports whether e is the zero Expiry, i.e. was not produced by a
// successful ParseExpiry.
func (e Expiry) IsZero() bool { return e.month == 0 }

// Month returns the expiry month 1-12, or 0 for the zero Expiry.
func (e Expiry) Month() int { return int(e.month) }

// AntomMonth returns the month as Antom's expiryMonth field: "01" to "12"
// ("" for the zero Expiry).
func (e Expiry) AntomMonth() string {
	if e.IsZero() {
		return ""
	}
	return twoDigits(int(e.month))
}

// AntomYear returns the last two digits of the year as Antom's expiryYear
// field, e.g. "29" ("" for the zero Expiry).
func (e Expiry) AntomYear() string {
	if e.IsZero() {
		return ""
	}
	return twoDigits(int(e.yy))
}

// String returns "MM/YY", or "" for the zero Expiry.
func (e Expiry) String() string {
	if e.IsZero() {
		return ""
	}
	return e.AntomMonth() + "/" + e.AntomYear()
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// Year returns the full expiry year. A four-digit year given to ParseExpiry
// is returned as-is. A two-digit year YY is resolved to the year ending in YY
// that is closest to now's year (in UTC), ties going to the past: the window
// is [nowYear-50, nowYear+49]. In 2026 "00".."75" mean 2000-2075 and
// "76".."99" mean 1976-1999; in 2090 "10" means 2110. Any year in that window
// far enough ahead to be ambiguous is caught by TooFarInFuture anyway.
func (e Expiry) Year(now time.Time) int {
	if e.full != 0 {
		return int(e.full)
	}
	ny := now.UTC().Year()
	century := ny - mod(ny, 100)
	y := century + int(e.yy)
	switch {
	case y < ny-50:
		y += 100
	case y > ny+49:
		y -= 100
	}
	return y
}

// mod is the floor modulus (non-negative for positive m).
func mod(a, m int) int {
	r := a % m
	if r < 0 {
		r += m
	}
	return r
}

// ExpiredAt reports whether the card has expired at now. A card is valid
// through the last instant of its expiry month and expired from the first
// instant of the following month. The boundary is computed in UTC whatever
// now's location, so every server and the wasm build agree on the answer;
// the issuer makes the final call, so this is only a pre-flight check. The
// zero Expiry is always expired.
func (e Expiry) ExpiredAt(now time.Time) bool {
	if e.IsZero() {
		return true
	}
	// time.Date normalises month 13 to January of the following year.
	end := time.Date(e.Year(now), time.Month(e.month)+1, 1, 0, 0, 0, 0, time.UTC)
	return !now.Before(end)
}

// TooFarInFuture reports whether the expiry month is more than MaxYearsAhead
// years (counted in months, in UTC) after now's month. Exactly MaxYearsAhead
// years ahead is still accepted. It is false for the zero Expiry.
func (e Expiry) TooFarInFuture(now time.Time) bool {
	if e.IsZero() {
		return false
	}
	u := now.UTC()
	nowIdx := u.Year()*12 + int(u.Month()) - 1
	expIdx := e.Year(now)*12 + int(e.month) - 1
	return expIdx-nowIdx > MaxYearsAhead*12
}

// Check returns nil when the card is usable at now, an *Error with
// ReasonExpired when ExpiredAt(now) (including the zero Expiry), or
// ReasonTooFarInFuture when TooFarInFuture(now).
func (e Expiry) Check(now time.Time) error {
	if e.IsZero() {
		return newError(ReasonExpired, "card expiry is missing")
	}
	if e.ExpiredAt(now) {
		return newError(ReasonExpired, "card has expired")
	}
	if e.TooFarInFuture(now) {
		return newError(ReasonTooFarInFuture, "card expiry is more than "+
			strconv.Itoa(MaxYearsAhead)+" years in the future")
	}
	return nil
}
