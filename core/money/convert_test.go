package money_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/paycore/paycore/core/money"
	"github.com/stretchr/testify/require"
)

func TestToMinor(t *testing.T) {
	tests := []struct {
		currency, major string
		want            string // minor units when reason is empty
		reason          string
	}{
		// 2 decimals.
		{"EUR", "300.00", "30000", ""},
		{"EUR", "300", "30000", ""},
		{"EUR", "300.5", "30050", ""},
		{"EUR", "0.01", "1", ""},
		{"EUR", "0.10", "10", ""},
		{"EUR", "12.34", "1234", ""},
		{"USD", "99999999999999.99", "9999999999999999", ""},
		// Extra fractional digits are accepted only when they are zeros.
		{"EUR", "1.230", "123", ""},
		{"EUR", "1.2300000", "123", ""},
		{"EUR", "1.231", "", money.ReasonFractionTooPrecise},
		{"EUR", "0.001", "", money.ReasonFractionTooPrecise},
		// 0 decimals.
		{"JPY", "300", "300", ""},
		{"JPY", "300.00", "300", ""},
		{"JPY", "300.5", "", money.ReasonFractionTooPrecise},
		{"KRW", "1000", "1000", ""},
		{"VND", "50000", "50000", ""},
		{"CLP", "990", "990", ""},
		{"XOF", "1", "1", ""},
		{"JPY", "9999999999999999", "9999999999999999", ""},
		{"JPY", "10000000000000000", "", money.ReasonValueTooLong},
		// 3 decimals.
		{"KWD", "1.234", "1234", ""},
		{"KWD", "1.2", "1200", ""},
		{"BHD", "0.005", "5", ""},
		{"TND", "10", "10000", ""},
		{"KWD", "1.2345", "", money.ReasonFractionTooPrecise},
		// 4 decimals.
		{"CLF", "1.2345", "12345", ""},
		{"CLF", "1", "10000", ""},
		{"UYW", "0.0001", "1", ""},
		{"UYW", "0.00001", "", money.ReasonFractionTooPrecise},
		// Antom overrides: IDR whole rupiah only, TWD ordinary 2-decimal.
		{"IDR", "10000", "1000000", ""},
		{"IDR", "10000.00", "1000000", ""},
		{"IDR", "10000.50", "", money.ReasonIDRNotHundreds},
		{"IDR", "0.01", "", money.ReasonIDRNotHundreds},
		{"TWD", "100.50", "10050", ""},
		// Syntax.
		{"EUR", "", "", money.ReasonValueEmpty},
		{"EUR", ".", "", money.ReasonMajorFormat},
		{"EUR", ".5", "", money.ReasonMajorFormat},
		{"EUR", "5.", "", money.ReasonMajorFormat},
		{"EUR", "1.2.3", "", money.ReasonMajorFormat},
		{"EUR", "-1.00", "", money.ReasonMajorFormat},
		{"EUR", "+1.00", "", money.ReasonMajorFormat},
		{"EUR", "1e3", "", money.ReasonMajorFormat},
		{"EUR", "1E3", "", money.ReasonMajorFormat},
		{"EUR", "1,000.00", "", money.ReasonMajorFormat},
		{"EUR", "1,5", "", money.ReasonMajorFormat},
		{"EUR", " 1.00", "", money.ReasonMajorFormat},
		{"EUR", "1.00 ", "", money.ReasonMajorFormat},
		{"EUR", "1 000", "", money.ReasonMajorFormat},
		{"EUR", "１.00", "", money.ReasonMajorFormat},
		{"EUR", "0x10", "", money.ReasonMajorFormat},
		{"EUR", "NaN", "", money.ReasonMajorFormat},
		{"EUR", "Inf", "", money.ReasonMajorFormat},
		{"EUR", "1_000", "", money.ReasonMajorFormat},
		// Leading zeros in the integer part.
		{"EUR", "0300.00", "", money.ReasonValueLeadingZero},
		{"EUR", "00.50", "", money.ReasonValueLeadingZero},
		// Zero and size.
		{"EUR", "0", "", money.ReasonValueZero},
		{"EUR", "0.00", "", money.ReasonValueZero},
		{"EUR", "0.000", "", money.ReasonValueZero},
		{"USD", "100000000000000", "", money.ReasonValueTooLong},
		{"USD", "100000000000000.00", "", money.ReasonValueTooLong},
		{"USD", strings.Repeat("9", 1000), "", money.ReasonValueTooLong},
		// Currency.
		{"eur", "1", "", money.ReasonCurrencyFormat},
		{"ABC", "1", "", money.ReasonCurrencyUnknown},
		{"XAU", "1", "", money.ReasonCurrencyNotPayable},
	}
	for _, tt := range tests {
		t.Run(tt.currency+"/"+tt.major, func(t *testing.T) {
			got, err := money.ToMinor(tt.currency, tt.major)
			if tt.reason != "" {
				requireReason(t, err, tt.reason)
				require.Empty(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
			require.NoError(t, money.Amount{Currency: tt.currency, Value: got}.Validate())
		})
	}
}

func TestToMajor(t *testing.T) {
	tests := []struct {
		currency, minor string
		want            string
		reason          string
	}{
		{"EUR", "30000", "300.00", ""},
		{"EUR", "5", "0.05", ""},
		{"EUR", "50", "0.50", ""},
		{"EUR", "100", "1.00", ""},
		{"USD", "9999999999999999", "99999999999999.99", ""},
		{"JPY", "300", "300", ""},
		{"KRW", "1", "1", ""},
		{"KWD", "1234", "1.234", ""},
		{"KWD", "5", "0.005", ""},
		{"OMR", "1000", "1.000", ""},
		{"CLF", "12345", "1.2345", ""},
		{"UYW", "1", "0.0001", ""},
		{"IDR", "1000000", "10000.00", ""},
		{"TWD", "10050", "100.50", ""},
		{"IDR", "1050", "", money.ReasonIDRNotHundreds},
		{"EUR", "0", "", money.ReasonValueZero},
		{"EUR", "", "", money.ReasonValueEmpty},
		{"EUR", "0100", "", money.ReasonValueLeadingZero},
		{"EUR", "1.00", "", money.ReasonValueNotDigits},
		{"EUR", "12345678901234567", "", money.ReasonValueTooLong},
		{"XDR", "100", "", money.ReasonCurrencyNotPayable},
		{"ZZZ", "100", "", money.ReasonCurrencyUnknown},
		{"Eur", "100", "", money.ReasonCurrencyFormat},
	}
	for _, tt := range tests {
		t.Run(tt.currency+"/"+tt.minor, func(t *testing.T) {
			got, err := money.ToMajor(tt.currency, tt.minor)
			if tt.reason != "" {
				requireReason(t, err, tt.reason)
				require.Empty(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

// TestRoundTripEveryCurrency converts minor → major → minor for every payable
// currency in the table.
func TestRoundTripEveryCurrency(t *testing.T) {
	minors := []string{"1", "5", "10", "99", "100", "101", "1000", "12345", "30000", "9999999999999999", "1000000000000000"}
	for _, c := range money.Currencies() {
		if !c.Payable {
			continue
		}
		code := string(c.Code)
		for _, minor := range minors {
			major, err := money.ToMajor(code, minor)
			if c.WholeUnitsOnly && !strings.HasSuffix(minor, "00") {
				requireReason(t, err, money.ReasonIDRNotHundreds)
				continue
			}
			require.NoError(t, err, "%s %s", code, minor)
			if c.Exponent > 0 {
				require.Equal(t, c.Exponent, len(major)-strings.IndexByte(major, '.')-1, "%s %s → %s", code, minor, major)
			}
			back, err := money.ToMinor(code, major)
			require.NoError(t, err, "%s %s → %s", code, minor, major)
			require.Equal(t, minor, back, "%s %s → %s", code, minor, major)
		}
	}
}

// requireExact checks minor == major × 10^exp with math/big as an independent
// oracle.
func requireExact(t testing.TB, major, minor string, exp int) {
	t.Helper()
	m, ok := new(big.Rat).SetString(major)
	require.True(t, ok, "accepted major %q must be a decimal", major)
	m.Mul(m, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)))
	require.True(t, m.IsInt(), "major %q × 10^%d is not whole", major, exp)
	require.Equal(t, m.Num().String(), minor, "major %q exp %d", major, exp)
}

func FuzzToMinor(f *testing.F) {
	seeds := []struct{ currency, major string }{
		{"EUR", "300.00"}, {"EUR", "300"}, {"EUR", "300.5"}, {"EUR", "0.01"}, {"EUR", "1.230"},
		{"EUR", "1.231"}, {"JPY", "300"}, {"JPY", "300.00"}, {"KWD", "1.234"}, {"BHD", "0.005"},
		{"CLF", "1.2345"}, {"UYW", "0.0001"}, {"IDR", "10000"}, {"IDR", "10000.50"}, {"TWD", "100.50"},
		{"USD", "99999999999999.99"}, {"USD", "100000000000000"}, {"EUR", ""}, {"EUR", "."},
		{"EUR", ".5"}, {"EUR", "5."}, {"EUR", "-1"}, {"EUR", "1e3"}, {"EUR", "1,000.00"},
		{"EUR", " 1"}, {"EUR", "0300"}, {"EUR", "0.00"}, {"EUR", "１"}, {"XAU", "1"},
		{"eur", "1"}, {"ZZZ", "1"}, {"VND", "50000"}, {"XOF", "7"},
	}
	for _, s := range seeds {
		f.Add(s.currency, s.major)
	}
	f.Fuzz(func(t *testing.T, currency, major string) {
		minor, err := money.ToMinor(currency, major)
		if err != nil {
			var me *money.Error
			require.True(t, errors.As(err, &me), "error %T is not *money.Error", err)
			require.Contains(t, allReasons, me.Reason)
			require.Empty(t, minor)
			return
		}
		exp, ok := money.Exponent(currency)
		require.True(t, ok)
		requireExact(t, major, minor, exp)
		require.NoError(t, money.Amount{Currency: currency, Value: minor}.Validate())

		major2, err := money.ToMajor(currency, minor)
		require.NoError(t, err)
		requireExact(t, major2, minor, exp)
		back, err := money.ToMinor(currency, major2)
		require.NoError(t, err)
		require.Equal(t, minor, back)
	})
}

func BenchmarkToMinor(b *testing.B) {
	inputs := []struct{ currency, major string }{
		{"EUR", "300.00"}, {"JPY", "300"}, {"KWD", "1.234"}, {"IDR", "10000"},
		{"USD", "99999999999999.99"},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in := inputs[i%len(inputs)]
		if _, err := money.ToMinor(in.currency, in.major); err != nil {
			b.Fatal(err)
		}
	}
}
