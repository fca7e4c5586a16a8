package wiretags

import (
	"reflect"
	"sync"

	"github.com/go-playground/validator/v10"
)

// validator/v10 implements email, numeric, alpha and printascii with regular
// expressions (email also parses the address with net/mail). The rules below are
// registered under the same names and accept exactly the same strings; they are
// plain loops over the bytes. Each is tested against validator's own built-in by a
// differential fuzz test (rules_test.go).

// builtin is a validator with only its built-in rules: email falls back to it for
// any address outside the common form simpleEmail decides. Made on first use, so
// starting a process (or a WebAssembly instance) does not pay for it.
var builtin = sync.OnceValue(func() *validator.Validate { return validator.New() })

// isEmail accepts what validator's built-in email rule accepts: the common
// dot-atom@host.tld form is decided here, anything else by the built-in.
func isEmail(fl validator.FieldLevel) bool {
	f := fl.Field()
	if f.Kind() == reflect.String && simpleEmail(f.String()) {
		return true
	}
	return builtin().Var(f.Interface(), "email") == nil
}

// simpleEmail reports whether s is local@domain with an ASCII dot-atom local part
// (RFC 5322 atext characters, no leading, trailing or double dot) and a domain of
// two or more dot-separated labels of letters, digits and inner hyphens whose last
// label starts and ends with a letter. Every such string is accepted by both of the
// built-in's checks (net/mail.ParseAddress and its regular expression). false means
// "not decided here", not "invalid".
func simpleEmail(s string) bool {
	at := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '@' {
			at = i
			break
		}
	}
	if at <= 0 || !dotAtom(s[:at]) {
		return false
	}
	domain := s[at+1:]
	labels, start := 0, 0
	for i := 0; i <= len(domain); i++ {
		if i < len(domain) && domain[i] != '.' {
			continue
		}
		label := domain[start:i]
		last := i == len(domain)
		if !hostLabel(label, last) {
			return false
		}
		labels++
		start = i + 1
	}
	return labels >= 2
}

// dotAtom reports whether s is atext runs joined by single dots.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if s[i-1] == '.' {
				return false
			}
		case !atext(c):
			return false
		}
	}
	return true
}

// atext reports whether c is an ASCII atext character of RFC 5322.
func atext(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~':
		return true
	}
	return false
}

// hostLabel reports whether s is a non-empty label of letters, digits and inner
// hyphens; the last label (the top-level domain) must also start and end with a
// letter.
func hostLabel(s string, last bool) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	if last && (!letter(s[0]) || !letter(s[len(s)-1])) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !letter(c) && !('0' <= c && c <= '9') && c != '-' {
			return false
		}
	}
	return true
}

func letter(c byte) bool { return 'A' <= c&^0x20 && c&^0x20 <= 'Z' }

// isNumeric is validator's numeric rule: a number kind, or a string matching
// ^[-+]?[0-9]+(?:\.[0-9]+)?$.
func isNumeric(fl validator.FieldLevel) bool {
	f := fl.Field()
	switch f.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return true
	}
	return numeric(f.String())
}

func numeric(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	n := digits(s)
	if n == 0 {
		return false
	}
	if n == len(s) {
		return true
	}
	return s[n] == '.' && n+1 < len(s) && digits(s[n+1:]) == len(s)-n-1
}

// digits returns the length of the run of ASCII digits at the start of s.
func digits(s string) int {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// isAlpha is validator's alpha rule: ^[a-zA-Z]+$.
func isAlpha(fl validator.FieldLevel) bool {
	s := fl.Field().String()
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !letter(s[i]) {
			return false
		}
	}
	return true
}

// isPrintASCII is validator's printascii rule: a string of bytes 0x20-0x7E, empty
// included; false for any other kind.
func isPrintASCII(fl validator.FieldLevel) bool {
	f := fl.Field()
	if f.Kind() != reflect.String {
		return false
	}
	return printASCII(f.String())
}

func printASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
