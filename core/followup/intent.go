package followup

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/core/wiretags"
)

// Built is the result of every build op of this package: the HTTP request, exactly
// as pay.build returns it, and warnings about the intent (always an array; a
// warning does not stop the request).
type Built struct {
	outbound.Request
	Warnings []problem.Violation `json:"warnings"`
}

// Amount is an intent amount: {"currency","value"} in minor units, as Antom sends
// it, or {"currency","major"} as a decimal such as "300.00", converted exactly (a
// major amount finer than the currency allows is refused, never rounded).
type Amount struct {
	Currency string `json:"currency"`
	Value    string `json:"value,omitempty"`
	Major    string `json:"major,omitempty"`
}

// Flag is an optional intent boolean: unset, false or true. It accepts a JSON
// boolean or the strings "true" and "false" (Antom's pages allow both forms);
// anything else is a BAD_JSON error naming the field.
type Flag struct {
	set, value bool
}

// IsSet reports whether the flag was given.
func (f Flag) IsSet() bool { return f.set }

// IsTrue reports whether the flag was given as true.
func (f Flag) IsTrue() bool { return f.set && f.value }

// IsFalse reports whether the flag was given as false.
func (f Flag) IsFalse() bool { return f.set && !f.value }

// IsZero reports whether the flag is unset (for the omitzero tag option).
func (f Flag) IsZero() bool { return !f.set }

// wire returns the flag as the tri-state boolean of Antom's request bodies.
func (f Flag) wire() antom.Bool {
	if !f.set {
		return antom.Bool{}
	}
	return antom.BoolOf(f.value)
}

// MarshalJSON encodes a set flag as a JSON boolean and an unset one as null.
func (f Flag) MarshalJSON() ([]byte, error) { return f.wire().MarshalJSON() }

// UnmarshalJSON accepts true, false, "true", "false" and null (unset).
func (f *Flag) UnmarshalJSON(data []byte) error {
	switch string(data) {
	case "null":
		*f = Flag{}
	case "true", `"true"`:
		*f = Flag{set: true, value: true}
	case "false", `"false"`:
		*f = Flag{set: true}
	default:
		return &json.UnmarshalTypeError{Value: antom.JSONKind(data), Type: reflect.TypeFor[bool]()}
	}
	return nil
}

// checks collects the violations (which stop a build) and warnings (which do not)
// of one intent, in the order the checks ran: that order is fixed, so the output is
// deterministic.
type checks struct {
	violations []problem.Violation
	warnings   []problem.Violation
}

func (c *checks) bad(field, rule, msg string) {
	c.violations = append(c.violations, problem.Violation{Field: field, Rule: rule, Message: msg})
}

func (c *checks) warn(field, rule, msg string) {
	c.warnings = append(c.warnings, problem.Violation{Field: field, Rule: rule, Message: msg})
}

// id checks an identifier: required (when need is not empty, it says what the id
// is), at most max characters, printable ASCII (Antom asks for no Chinese
// characters; ids are keys, not text). Values are never quoted in messages.
func (c *checks) id(field, v string, max int, need string) {
	if v == "" {
		if need != "" {
			c.bad(field, "required", field+" is required: "+need)
		}
		return
	}
	if utf8.RuneCountInString(v) > max {
		c.bad(field, "max", fmt.Sprintf("must be at most %d characters", max))
		return
	}
	if !printableASCII(v) {
		c.bad(field, "format", "must be printable ASCII")
	}
}

// eitherID checks a pair of alternative identifiers of which exactly one must be
// given. Antom accepts either and, given both, silently uses one of them (paymentId
// for payments), so paycore refuses the pair instead of guessing which one the
// merchant meant: a mismatch between them would go unnoticed.
func (c *checks) eitherID(first, firstVal, second, secondVal string, max int, need string) {
	switch {
	case firstVal == "" && secondVal == "":
		c.bad(first, "required", fmt.Sprintf("give %s or %s: %s", first, second, need))
	case firstVal != "" && secondVal != "":
		c.bad(second, "one_of", fmt.Sprintf("give %s or %s, not both: Antom uses only one of them, so a mismatch between them would go unnoticed", first, second))
	default:
		c.id(first, firstVal, max, "")
		c.id(second, secondVal, max, "")
	}
}

// amount checks an intent amount and returns it in Antom's wire form; ok is false
// when it broke a rule (already recorded under field).
func (c *checks) amount(field string, a *Amount) (out *antom.Amount, ok bool) {
	if a == nil || *a == (Amount{}) {
		c.bad(field, "required", field+` is required: {"currency","value"} in minor units or {"currency","major"} as a decimal`)
		return nil, false
	}
	switch {
	case a.Value != "" && a.Major != "":
		c.bad(field, "one_of", "give either value (minor units) or major (a decimal), not both")
		return nil, false
	case a.Major != "":
		v, err := money.ToMinor(a.Currency, a.Major)
		if err != nil {
			c.moneyError(field, "major", err)
			return nil, false
		}
		return &antom.Amount{Currency: a.Currency, Value: v}, true
	case a.Value == "":
		c.bad(field+".value", "required", "give value (minor units) or major (a decimal)")
		return nil, false
	}
	m := antom.Amount{Currency: a.Currency, Value: a.Value}
	if err := m.Validate(); err != nil {
		c.moneyError(field, "value", err)
		return nil, false
	}
	return &m, true
}

// moneyError records a money error under field.currency or field.<part>, with the
// money package's reason as the rule.
func (c *checks) moneyError(field, part string, err error) {
	rule := "amount"
	var me *money.Error
	if errors.As(err, &me) {
		rule = me.Reason
		if strings.HasPrefix(me.Reason, "currency") {
			part = "currency"
		}
	}
	c.bad(field+"."+part, rule, err.Error())
}

// text checks free text: at most max characters, with a warning for Chinese
// characters, which Antom asks not to send.
func (c *checks) text(field, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		c.bad(field, "max", fmt.Sprintf("must be at most %d characters", max))
	}
	for _, r := range v {
		if unicode.Is(unicode.Han, r) {
			c.warn(field, "chinese_characters", "Antom asks for no Chinese characters in the request")
			return
		}
	}
}

// url checks an optional notification URL: absolute http(s) with a host, at most
// max characters.
func (c *checks) url(field, v string, max int) {
	if v == "" {
		return
	}
	if len(v) > max {
		c.bad(field, "max", fmt.Sprintf("must be at most %d characters", max))
		return
	}
	if !wiretags.AbsoluteURL(v, max) {
		c.bad(field, "url", "must be an absolute http(s) URL")
	}
}

// region checks an optional ISO 3166 alpha-2 code.
func (c *checks) region(field, v string) {
	if v != "" && !upperLetters(v, 2) {
		c.bad(field, "format", "must be an upper-case ISO 3166 alpha-2 code")
	}
}

func upperLetters(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// finish turns the checks and a request body into the op result: the violations as
// VALIDATION_FAILED, or the body encoded and passed through outbound.Build.
func (c *checks) finish(api string, body any, s *outbound.Signing) (Built, *problem.Error) {
	if len(c.violations) > 0 {
		return Built{}, problem.Invalid(c.violations)
	}
	raw, err := outbound.MarshalBody(body)
	if err != nil {
		return Built{}, problem.New(problem.Internal, "cannot encode the request body")
	}
	out, err := outbound.Build(api, raw, s)
	if err != nil {
		return Built{}, problem.From(err)
	}
	ws := c.warnings
	if ws == nil {
		ws = []problem.Violation{}
	}
	return Built{Request: out, Warnings: ws}, nil
}

// compareMinor compares two valid minor-unit values (ASCII digits, no leading
// zero) as numbers, without converting them.
func compareMinor(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// show renders a valid amount for a message, e.g. "EUR 300.00".
func show(a *antom.Amount) string {
	major, err := money.ToMajor(a.Currency, a.Value)
	if err != nil {
		major = a.Value
	}
	return a.Currency + " " + major
}
