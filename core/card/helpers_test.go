package card

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Antom sandbox test cards.
const (
	antomVisaSuccess       = "4054695723100768"
	antomMastercardSuccess = "5162774114974622"
	antomVisaFailure       = "4054692760174822"
	antomMastercardFailure = "5162770472561357"
	antom3DSExemption      = "4035501000000008"
	seedVisa               = "4117347806156383"
	antomKoreanLocal       = "9490220011669217"
)

// makePAN pads prefix with a repeating filler to n-1 digits and appends the
// Luhn check digit, giving a valid-Luhn number of exactly n digits.
func makePAN(t testing.TB, prefix string, n int) string {
	t.Helper()
	require.Less(t, len(prefix), n, "prefix too long")
	var b strings.Builder
	b.WriteString(prefix)
	for i := 0; b.Len() < n-1; i++ {
		b.WriteByte(byte('0' + (i*7+3)%10))
	}
	body := b.String()
	for d := byte('0'); d <= '9'; d++ {
		if Luhn(body + string(d)) {
			return body + string(d)
		}
	}
	t.Fatalf("no check digit")
	return ""
}

// breakLuhn changes the check digit so the number fails Luhn.
func breakLuhn(pan string) string {
	last := pan[len(pan)-1]
	return pan[:len(pan)-1] + string('0'+(last-'0'+1)%10)
}

// digitRuns returns every maximal run of ASCII digits in s at least min long.
func digitRuns(s string, min int) []string {
	var runs []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= min {
			runs = append(runs, s[start:i])
		}
		start = -1
	}
	return runs
}

// requireNoLeak fails when out contains any digit run of at least 6 digits
// taken from the inputs.
func requireNoLeak(t testing.TB, out string, inputs ...string) {
	t.Helper()
	for _, in := range inputs {
		for _, run := range digitRuns(in, 6) {
			if strings.Contains(out, run) {
				t.Fatalf("output %q leaks a %d-digit run of the input", out, len(run))
			}
		}
	}
}

func TestHelpers(t *testing.T) {
	for n := MinPANLength; n <= MaxPANLength; n++ {
		p := makePAN(t, "4", n)
		require.Len(t, p, n)
		require.True(t, Luhn(p))
		require.False(t, Luhn(breakLuhn(p)))
	}
	require.Equal(t, []string{"123456", "9876543"}, digitRuns("a123456b12c9876543", 6))
}
