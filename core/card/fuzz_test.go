package card

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"", "4", "2220", "2221", "2720", "2721", "3527", "3528", "622126",
		antomVisaSuccess, antomMastercardSuccess, antomVisaFailure,
		antomMastercardFailure, antom3DSExemption, seedVisa, antomKoreanLocal,
		"4117 3478 0615 6383", "4117-3478-0615-6383", "41173478061563830000",
		"411734780615", "４117347806156383", "\x00\xff", strings.Repeat("9", 64),
	} {
		f.Add(s)
	}
	reasons := Reasons()
	f.Fuzz(func(t *testing.T, s string) {
		b := Detect(s)
		if b != BrandUnknown && !b.Known() {
			t.Fatalf("Detect returned unlisted brand %q", b)
		}
		if b != BrandUnknown && !isDigits(s) {
			t.Fatalf("Detect recognised a non-digit string")
		}
		_ = Detect(Normalize(s))
		_ = Luhn(s)

		vb, err := ValidatePAN(s)
		if vb != b {
			t.Fatalf("ValidatePAN brand %q != Detect %q", vb, b)
		}
		if err != nil {
			if !slices.Contains(reasons, ReasonOf(err)) {
				t.Fatalf("unknown reason %q", ReasonOf(err))
			}
			requireNoLeak(t, err.Error(), s)
			if len(s) >= 6 && strings.Contains(err.Error(), s) {
				t.Fatalf("error message contains the input")
			}
		} else {
			if !isDigits(s) || len(s) < MinPANLength || len(s) > MaxPANLength || !Luhn(s) {
				t.Fatalf("ValidatePAN accepted a malformed number")
			}
			if b.Known() && !b.AllowsLength(len(s)) {
				t.Fatalf("ValidatePAN accepted a bad brand length")
			}
		}
		if err := CheckCVV(b, s); err != nil {
			for _, run := range digitRuns(s, 3) {
				if strings.Contains(err.Error(), run) {
					t.Fatalf("CVV error message contains a digit run of the input")
				}
			}
		}

		// Printing a PAN or CVV never shows more than the mask, and the mask
		// never contains a 6+ digit run of the input (for a well-formed PAN
		// the only run is the whole 12-19 digit number).
		p := PAN(s)
		m := p.Mask()
		requireNoLeak(t, m, s)
		if len(m) > MaxPANLength && m != redactedPAN {
			t.Fatalf("mask too long")
		}
		wrap := struct {
			P PAN
			C CVV
		}{p, CVV(s)}
		out := fmt.Sprintf("%v %+v %#v %s %q %v %s", p, wrap, wrap, p, p, &p, CVV(s))
		requireNoLeak(t, out, s)
		requireNoLeak(t, p.LogValue().String(), s)
		cvvOut := fmt.Sprintf("%v %+v %#v %s %q", CVV(s), CVV(s), CVV(s), CVV(s), CVV(s)) +
			CVV(s).LogValue().String()
		if strings.ContainsAny(cvvOut, "0123456789") {
			t.Fatalf("CVV output contains a digit: %q", cvvOut)
		}
	})
}

func FuzzParseExpiry(f *testing.F) {
	for _, s := range [][2]string{
		{"01", "29"}, {"12", "00"}, {"00", "29"}, {"13", "29"}, {"1", "29"},
		{"01", "2029"}, {"01", "0029"}, {"01", "202"}, {"", ""},
		{"411734", "7806156383"}, {"４", "２９"}, {"\xff\xfe", "\x00"},
	} {
		f.Add(s[0], s[1])
	}
	nows := []time.Time{
		time.Time{},
		time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2099, 12, 31, 23, 59, 59, 999999999, time.FixedZone("X", -11*3600)),
		time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	f.Fuzz(func(t *testing.T, month, year string) {
		e, err := ParseExpiry(month, year)
		if err != nil {
			if r := ReasonOf(err); r != ReasonMonth && r != ReasonYear {
				t.Fatalf("unexpected reason %q", r)
			}
			if !e.IsZero() {
				t.Fatalf("non-zero Expiry with error")
			}
			requireNoLeak(t, err.Error(), month, year)
			for _, in := range []string{month, year} {
				if len(in) >= 6 && strings.Contains(err.Error(), in) {
					t.Fatalf("error message contains the input")
				}
			}
		} else {
			if e.Month() < 1 || e.Month() > 12 || e.AntomMonth() != month {
				t.Fatalf("bad month %d for %q", e.Month(), month)
			}
			if e.AntomYear() != year[len(year)-2:] {
				t.Fatalf("AntomYear %q for %q", e.AntomYear(), year)
			}
			if e.String() != month+"/"+e.AntomYear() {
				t.Fatalf("String %q", e.String())
			}
		}
		for _, now := range nows {
			y := e.Year(now)
			if err == nil {
				if y%100 != int(e.yy) && (y%100+100)%100 != int(e.yy) {
					t.Fatalf("Year %d does not end in %02d", y, e.yy)
				}
				if len(year) == 2 {
					if d := y - now.UTC().Year(); d < -50 || d > 49 {
						t.Fatalf("Year %d outside the pivot window of %d", y, now.UTC().Year())
					}
				}
			}
			expired := e.ExpiredAt(now)
			tooFar := e.TooFarInFuture(now)
			cerr := e.Check(now)
			switch {
			case expired && ReasonOf(cerr) != ReasonExpired:
				t.Fatalf("expired but Check gave %v", cerr)
			case !expired && tooFar && ReasonOf(cerr) != ReasonTooFarInFuture:
				t.Fatalf("too far but Check gave %v", cerr)
			case !expired && !tooFar && cerr != nil:
				t.Fatalf("valid but Check gave %v", cerr)
			}
		}
	})
}
