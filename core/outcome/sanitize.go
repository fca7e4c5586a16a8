package outcome

import "strings"

// Values from Antom's answer are echoed in the result and in messages only when
// they look like what they claim to be: a short code. Anything else could be
// anything (a mistaken field could even hold a card number), so it is not shown.

const maxCodeLen = 64

// safe returns v when it is a plausible code (see CodeProblem), otherwise "".
func safe(v string) string {
	if v == "" || CodeProblem(v) != "" {
		return ""
	}
	return v
}

// CodeProblem says why a value from Antom's answer is not shown as a code, or ""
// when it is a plausible one: 1 to 64 characters from [A-Za-z0-9_.:-] with at least
// one letter and without a run of 12 or more digits (the shortest card number).
// Anything else could be anything (a mistaken field could even hold a card number
// or a CVV).
func CodeProblem(v string) string {
	if len(v) > maxCodeLen {
		return "longer than a code"
	}
	if strings.IndexFunc(v, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }) < 0 {
		return "not a plain code"
	}
	digits := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if digits >= 12 {
				return "a long run of digits"
			}
			continue
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c == '_', c == '.', c == ':', c == '-':
		default:
			return "not a plain code"
		}
		digits = 0
	}
	return ""
}

// printable is safe for messages: it names what it does not show.
func printable(v string) string {
	switch {
	case v == "":
		return "none"
	case safe(v) == "":
		return "not shown: not a plain code"
	}
	return v
}
