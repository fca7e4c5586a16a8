package jsonlex

import (
	"strconv"
	"testing"
)

// TestInt checks Int against strconv.ParseInt, the reading encoding/json gives an
// integer field, at every bit size: it takes what ParseInt takes in range and
// refuses (Bad) the rest; null leaves the field.
func TestInt(t *testing.T) {
	nums := []string{"0", "-0", "7", "-7", "127", "128", "-128", "-129", "32767", "32768", "2147483647", "2147483648",
		"-2147483648", "-2147483649", "123456789012345678", "-123456789012345678", "9223372036854775807",
		"9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1.0", "1e2", "1E+2", "-1.5e-3"}
	for _, bits := range []int{8, 16, 32, 64} {
		for _, n := range nums {
			l := Lexer{Data: []byte(n)}
			got, ok := l.Int(bits)
			want, err := strconv.ParseInt(n, 10, bits)
			switch {
			case err != nil && (ok || !l.Bad):
				t.Errorf("Int(%d) of %s = %d, %v; want refused", bits, n, got, ok)
			case err == nil && (!ok || got != want || l.Pos != len(n)):
				t.Errorf("Int(%d) of %s = %d, %v (bad %v); want %d", bits, n, got, ok, l.Bad, want)
			}
		}
	}
	l := Lexer{Data: []byte("null")}
	if _, ok := l.Int(64); ok || l.Bad || l.Pos != 4 {
		t.Errorf("null: ok %v, bad %v, pos %d", ok, l.Bad, l.Pos)
	}
	for _, v := range []string{`"1"`, "true", "[1]", "{}", "-", "-x", "nul"} {
		l := Lexer{Data: []byte(v)}
		if _, ok := l.Int(64); ok || !l.Bad {
			t.Errorf("%s: ok %v, bad %v; want refused", v, ok, l.Bad)
		}
	}
}

// TestFoldsTo checks the ASCII case-insensitive match encoding/json falls back to.
func TestFoldsTo(t *testing.T) {
	names := []string{"paymentId", "result", "arn"}
	for key, want := range map[string]bool{"PAYMENTID": true, "paymentid": true, "Result": true, "ARN": true,
		"paymentIdx": false, "payment_id": false, "": false, "ar": false} {
		if got := FoldsTo([]byte(key), names); got != want {
			t.Errorf("FoldsTo(%q) = %v, want %v", key, got, want)
		}
	}
}
