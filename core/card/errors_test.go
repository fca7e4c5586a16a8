package card

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestEveryReasonIsReachable produces each reason through the public API.
func TestEveryReasonIsReachable(t *testing.T) {
	now := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	parse := func(m, y string) error { _, err := ParseExpiry(m, y); return err }
	validate := func(p string) error { _, err := ValidatePAN(p); return err }
	produced := map[string]error{
		ReasonNotDigits:      validate("4117 3478 0615 6383"),
		ReasonLength:         validate("41173478"),
		ReasonLuhn:           validate(breakLuhn(seedVisa)),
		ReasonBrandLength:    validate(makePAN(t, "34", 16)),
		ReasonMonth:          parse("13", "29"),
		ReasonYear:           parse("12", "029"),
		ReasonExpired:        mustExpiry(t, "05", "26").Check(now),
		ReasonTooFarInFuture: mustExpiry(t, "07", "46").Check(now),
		ReasonCVVNotDigits:   CheckCVV(BrandVisa, "1 3"),
		ReasonCVVLength:      CheckCVV(BrandAmex, "123"),
	}
	require.Len(t, produced, len(Reasons()))
	for _, r := range Reasons() {
		err, ok := produced[r]
		require.True(t, ok, "reason %s not covered", r)
		require.Equal(t, r, ReasonOf(err))
		var ce *Error
		require.ErrorAs(t, err, &ce)
		require.Equal(t, r, ce.Reason)
		require.NotEmpty(t, ce.Message)
		require.Equal(t, "card: "+ce.Message, err.Error())
	}
	// Reasons returns a fresh slice each time.
	rs := Reasons()
	rs[0] = "MUTATED"
	require.Equal(t, ReasonNotDigits, Reasons()[0])
}

func TestErrorIsAndReasonOf(t *testing.T) {
	_, err := ValidatePAN(breakLuhn(seedVisa))
	wrapped := fmt.Errorf("charging: %w", err)
	require.ErrorIs(t, wrapped, &Error{Reason: ReasonLuhn})
	require.NotErrorIs(t, wrapped, &Error{Reason: ReasonLength})
	require.Equal(t, ReasonLuhn, ReasonOf(wrapped))
	require.Equal(t, "", ReasonOf(nil))
	require.Equal(t, "", ReasonOf(errors.New("other")))
	var nilErr *Error
	require.Equal(t, "", ReasonOf(nilErr))
	require.False(t, (&Error{Reason: ReasonLuhn}).Is(nilErr))
	require.False(t, (&Error{Reason: ReasonLuhn}).Is(errors.New("LUHN")))
}

// TestErrorsNeverContainCardData runs every failing path with real-looking
// card data and checks the messages.
func TestErrorsNeverContainCardData(t *testing.T) {
	pans := []string{
		antomVisaSuccess, antomMastercardSuccess, antomVisaFailure,
		antomMastercardFailure, antom3DSExemption, seedVisa, antomKoreanLocal,
	}
	for _, p := range pans {
		for _, in := range []string{
			breakLuhn(p),
			p + "0",
			p[:11],
			p[:4] + " " + p[4:],
			p + "x",
			p + p,
		} {
			_, err := ValidatePAN(in)
			require.Error(t, err)
			require.NotContains(t, err.Error(), p)
			require.NotContains(t, err.Error(), p[:6])
			require.NotContains(t, err.Error(), p[len(p)-4:])
			requireNoLeak(t, err.Error(), in)
		}
	}
	for _, cvv := range []string{"12", "12345", "1a3", "999999"} {
		err := CheckCVV(BrandVisa, cvv)
		require.Error(t, err)
		require.NotContains(t, err.Error(), cvv)
	}
}
