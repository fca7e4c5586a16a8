package card

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// redactedPAN is what Mask returns for a value that is not a plain
// MinPANLength-MaxPANLength digit string; no character of such a value is
// ever shown, because its layout is unknown.
const redactedPAN = "[REDACTED]"

// redactedCVV is what a non-empty CVV prints as, whatever its length.
const redactedCVV = "***"

// PAN is a full card number (Antom's cardNo). It prints and logs only in
// masked form: String, GoString, Format (every fmt verb, including %v, %+v,
// %#v, %s, %q and %x) and LogValue all go through Mask.
//
// It deliberately does not implement json.Marshaler or encoding.TextMarshaler,
// so encoding/json writes the real digits when a PAN field is part of an
// Antom request body. Because the redaction relies on fmt and slog calling
// these methods, three gaps remain that callers must keep in mind:
//   - fmt cannot call methods on unexported struct fields, so a PAN in an
//     unexported field prints in clear under %v;
//   - fmt handles %p before looking for a Formatter, so the (meaningless)
//     %p on a PAN value prints it in clear; go vet's printf check reports
//     that misuse;
//   - slog's JSONHandler encodes struct values with encoding/json, so log the
//     PAN itself (or a type with its own LogValue), never a request struct
//     holding one.
type PAN string

// Mask returns the card number with the middle digits replaced by '*',
// keeping its length:
//   - 13-19 digits: first 6 (the BIN) and last 4, e.g. "411734******6383";
//   - 12 digits: only the last 4, e.g. "********6383", because first 6 plus
//     last 4 would leave just 2 of 12 digits hidden;
//   - "" for an empty PAN;
//   - "[REDACTED]" for anything else (fewer than 12 or more than 19 digits,
//     or any non-digit such as a separator), showing nothing at all.
func (p PAN) Mask() string {
	s := string(p)
	n := len(s)
	if n == 0 {
		return ""
	}
	if n < MinPANLength || n > MaxPANLength || !isDigits(s) {
		return redactedPAN
	}
	head := 6
	if n < 13 {
		head = 0
	}
	var buf [MaxPANLength]byte
	for i := 0; i < n; i++ {
		if i < head || i >= n-4 {
			buf[i] = s[i]
		} else {
			buf[i] = '*'
		}
	}
	return string(buf[:n])
}

// wellFormed reports whether p is a plain digit string of a valid length.
func (p PAN) wellFormed() bool {
	n := len(p)
	return n >= MinPANLength && n <= MaxPANLength && isDigits(string(p))
}

// Last4 returns the last four digits, for receipts and card pickers, or ""
// when p is not a 12-19 digit string.
func (p PAN) Last4() string {
	if !p.wellFormed() {
		return ""
	}
	return string(p[len(p)-4:])
}

// BIN returns the first six digits (the issuer identification number), or ""
// when p is not a 12-19 digit string. For a 12-digit PAN, BIN and Last4
// together reveal 10 of 12 digits, which is why Mask shows only the last 4
// there; do not log both for such cards.
func (p PAN) BIN() string {
	if !p.wellFormed() {
		return ""
	}
	return string(p[:6])
}

// Brand returns Detect(string(p)).
func (p PAN) Brand() Brand { return Detect(string(p)) }

// Validate returns ValidatePAN(string(p)).
func (p PAN) Validate() (Brand, error) { return ValidatePAN(string(p)) }

// String returns Mask(), so that the plain %v and string concatenation via
// String never reveal the number.
func (p PAN) String() string { return p.Mask() }

// GoString returns a Go-syntax form holding only the masked value, e.g.
// card.PAN("411734******6383").
func (p PAN) GoString() string { return "card.PAN(" + strconv.Quote(p.Mask()) + ")" }

// Format implements fmt.Formatter so that every verb, flag and width is
// applied to the masked value instead of the digits.
func (p PAN) Format(f fmt.State, verb rune) { formatRedacted(f, verb, p.Mask(), p.GoString) }

// LogValue implements slog.LogValuer: the PAN is logged masked.
func (p PAN) LogValue() slog.Value { return slog.StringValue(p.Mask()) }

// CVV is a card security code (CVV2, CVC2, CID, ...), which must never be
// stored or logged. Like PAN it prints and logs redacted ("***"), whatever
// its length, and like PAN it has no JSON or text marshaller, so it still
// appears in full in an encoding/json request body. The same three caveats
// apply (unexported fields, %p, slog's JSONHandler on structs).
type CVV string

// Check returns CheckCVV(brand, string(c)).
func (c CVV) Check(brand Brand) error { return CheckCVV(brand, string(c)) }

// redacted returns "***", or "" when the code is empty so that logs can still
// show that it is missing.
func (c CVV) redacted() string {
	if c == "" {
		return ""
	}
	return redactedCVV
}

// String returns "***" ("" when empty).
func (c CVV) String() string { return c.redacted() }

// GoString returns card.CVV("***") (card.CVV("") when empty).
func (c CVV) GoString() string { return "card.CVV(" + strconv.Quote(c.redacted()) + ")" }

// Format implements fmt.Formatter so that every verb prints the redacted
// value.
func (c CVV) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c.redacted(), c.GoString) }

// LogValue implements slog.LogValuer: the code is logged as "***".
func (c CVV) LogValue() slog.Value { return slog.StringValue(c.redacted()) }

// formatRedacted prints safe (already redacted) with the caller's verb,
// flags and width; %#v prints goString().
func formatRedacted(f fmt.State, verb rune, safe string, goString func() string) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, goString())
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), safe)
}
