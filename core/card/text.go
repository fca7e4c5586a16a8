package card

import "strings"

// RedactText is the one redaction every string the core echoes goes through
// (messages, warnings, field paths, key names, echoed values): each run of 12 to 19
// digits, optionally split by single spaces or dashes ("4117 3478 0615 6383"), is
// replaced by its Mask (first 6 and last 4 digits, e.g. "411734******6383"). A
// split run of more than 19 digits is masked too; an unbroken run of more than 19
// digits is left as it is, because that is an identifier (Antom's payment ids are
// longer than any card number), not a card number.
func RedactText(s string) string {
	if !hasDigitRun(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		end, digits, split := digitRun(s, i)
		n := len(digits)
		switch {
		case n >= MinPANLength && n <= MaxPANLength:
			b.WriteString(PAN(digits).Mask())
		case n > MaxPANLength && split:
			b.WriteString(strings.Repeat("*", n-4) + digits[n-4:])
		default:
			b.WriteString(s[i:end])
		}
		i = end
	}
	return b.String()
}

// digitRun reads the run of digits starting at s[i], allowing a single space or
// dash between two digits, and returns where it ends, its digits and whether it
// was split.
func digitRun(s string, i int) (end int, digits string, split bool) {
	var buf [64]byte
	d := buf[:0]
	for i < len(s) {
		c := s[i]
		switch {
		case isDigit(c):
			d = append(d, c)
			i++
		case (c == ' ' || c == '-') && i+1 < len(s) && isDigit(s[i+1]) && i > 0 && isDigit(s[i-1]):
			split = true
			i++
		default:
			return i, string(d), split
		}
	}
	return i, string(d), split
}

// hasDigitRun reports whether s holds a run of at least MinPANLength digits (with
// separators), without allocating: most strings have none.
func hasDigitRun(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			n++
			if n >= MinPANLength {
				return true
			}
		case (c == ' ' || c == '-') && n > 0 && i+1 < len(s) && isDigit(s[i+1]):
		default:
			n = 0
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
