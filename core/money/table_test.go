package money_test

import (
	"slices"
	"testing"

	"github.com/paycore/paycore/core/money"
	"github.com/stretchr/testify/require"
)

func TestTableIsSortedUniqueAndWellFormed(t *testing.T) {
	all := money.Currencies()
	require.Len(t, all, 180)
	for i, c := range all {
		require.Len(t, string(c.Code), 3, c.Code)
		for _, r := range c.Code {
			require.True(t, r >= 'A' && r <= 'Z', c.Code)
		}
		if i > 0 {
			require.Less(t, all[i-1].Code, c.Code, "table must be in strict code order")
		}
		if c.Payable {
			require.Contains(t, []int{0, 2, 3, 4}, c.Exponent, c.Code)
		} else {
			require.Zero(t, c.Exponent, c.Code)
			require.False(t, c.Fund, c.Code)
		}
		got, ok := money.Lookup(string(c.Code))
		require.True(t, ok)
		require.Equal(t, c, got)
	}
}

// codesWhere lists the codes of the entries that satisfy keep, in order.
func codesWhere(keep func(money.Info) bool) []string {
	var out []string
	for _, c := range money.Currencies() {
		if keep(c) {
			out = append(out, string(c.Code))
		}
	}
	return out
}

// TestTableExponentClasses pins every code that is not plain 2-decimal, so a
// typo in the table cannot move a currency between classes unnoticed.
func TestTableExponentClasses(t *testing.T) {
	tests := []struct {
		name string
		keep func(money.Info) bool
		want []string
	}{
		{"0 decimals", func(c money.Info) bool { return c.Payable && c.Exponent == 0 }, []string{
			"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
			"UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
		}},
		{"3 decimals", func(c money.Info) bool { return c.Payable && c.Exponent == 3 }, []string{
			"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
		}},
		{"4 decimals", func(c money.Info) bool { return c.Payable && c.Exponent == 4 }, []string{"CLF", "UYW"}},
		{"no minor unit", func(c money.Info) bool { return !c.Payable }, []string{
			"XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
		}},
		{"funds", func(c money.Info) bool { return c.Fund }, []string{
			"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI",
		}},
		{"whole units only", func(c money.Info) bool { return c.WholeUnitsOnly }, []string{"IDR"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, codesWhere(tt.keep))
		})
	}
}

// TestTableSpotCheckISO compares entries with ISO 4217 List One.
func TestTableSpotCheckISO(t *testing.T) {
	iso := map[string]int{
		"AED": 2, "AUD": 2, "BHD": 3, "BIF": 0, "BRL": 2, "CAD": 2, "CHF": 2, "CLF": 4,
		"CLP": 0, "CNY": 2, "CZK": 2, "DJF": 0, "DKK": 2, "EUR": 2, "GBP": 2, "GNF": 0,
		"HKD": 2, "HUF": 2, "IDR": 2, "INR": 2, "IQD": 3, "ISK": 0, "JOD": 3, "JPY": 0,
		"KMF": 0, "KRW": 0, "KWD": 3, "LYD": 3, "MXN": 2, "MYR": 2, "NOK": 2, "NZD": 2,
		"OMR": 3, "PHP": 2, "PLN": 2, "PYG": 0, "RWF": 0, "SAR": 2, "SEK": 2, "SGD": 2,
		"SLE": 2, "THB": 2, "TND": 3, "TRY": 2, "TWD": 2, "UGX": 0, "USD": 2, "UYI": 0,
		"UYW": 4, "VES": 2, "VND": 0, "VUV": 0, "XAF": 0, "XCD": 2, "XOF": 0, "XPF": 0,
		"ZAR": 2, "ZWG": 2,
	}
	require.GreaterOrEqual(t, len(iso), 30)
	for code, want := range iso {
		got, ok := money.Exponent(code)
		require.True(t, ok, code)
		require.Equal(t, want, got, code)
	}
	for _, removed := range []string{"HRK", "SLL", "ZWL", "VEF", "MRO", "STD", "LTL", "EEK"} {
		require.False(t, money.Known(removed), removed)
	}
}

// TestAntomOverrides pins Antom's documented decimals for the currencies it
// calls out, which must agree with the table.
func TestAntomOverrides(t *testing.T) {
	for code, want := range map[string]int{"IDR": 2, "TWD": 2, "JPY": 0, "KRW": 0, "VND": 0, "CLP": 0} {
		got, ok := money.Exponent(code)
		require.True(t, ok, code)
		require.Equal(t, want, got, code)
	}
	idr, _ := money.Lookup("IDR")
	require.True(t, idr.WholeUnitsOnly)
	twd, _ := money.Lookup("TWD")
	require.False(t, twd.WholeUnitsOnly)
}

func TestLookupKnownExponent(t *testing.T) {
	tests := []struct {
		code      string
		known     bool
		payable   bool
		exponent  int
		expOK     bool
		fundsCode bool
	}{
		{code: "EUR", known: true, payable: true, exponent: 2, expOK: true},
		{code: "KWD", known: true, payable: true, exponent: 3, expOK: true},
		{code: "CLF", known: true, payable: true, exponent: 4, expOK: true, fundsCode: true},
		{code: "USN", known: true, payable: true, exponent: 2, expOK: true, fundsCode: true},
		{code: "XAU", known: true},
		{code: "XXX", known: true},
		{code: "eur"},
		{code: "EU"},
		{code: "EURO"},
		{code: "ABC"},
		{code: ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			require.Equal(t, tt.known, money.Known(tt.code))
			info, ok := money.Lookup(tt.code)
			require.Equal(t, tt.known, ok)
			require.Equal(t, tt.payable, info.Payable)
			require.Equal(t, tt.fundsCode, info.Fund)
			exp, ok := money.Exponent(tt.code)
			require.Equal(t, tt.expOK, ok)
			require.Equal(t, tt.exponent, exp)
		})
	}
}

func TestCurrenciesReturnsACopy(t *testing.T) {
	all := money.Currencies()
	i := slices.IndexFunc(all, func(c money.Info) bool { return c.Code == "EUR" })
	require.GreaterOrEqual(t, i, 0)
	all[i].Exponent = 7
	exp, ok := money.Exponent("EUR")
	require.True(t, ok)
	require.Equal(t, 2, exp)
}
