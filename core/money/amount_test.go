package money_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/paycore/paycore/core/money"
	"github.com/stretchr/testify/require"
)

// allReasons is the closed set of reason codes; every error must use one.
var allReasons = []string{
	money.ReasonCurrencyFormat, money.ReasonCurrencyUnknown, money.ReasonCurrencyNotPayable,
	money.ReasonValueEmpty, money.ReasonValueNotDigits, money.ReasonValueZero,
	money.ReasonValueLeadingZero, money.ReasonValueTooLong, money.ReasonIDRNotHundreds,
	money.ReasonMajorFormat, money.ReasonFractionTooPrecise,
}

// requireReason asserts that err is a *money.Error with the given reason.
func requireReason(t testing.TB, err error, reason string) {
	t.Helper()
	require.Error(t, err)
	var me *money.Error
	require.True(t, errors.As(err, &me), "error %T is not *money.Error", err)
	require.Equal(t, reason, me.Reason, me.Message)
	require.Equal(t, me.Message, err.Error())
	require.NotEmpty(t, me.Message)
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		currency string
		value    string
		reason   string // empty means valid
	}{
		{"EUR 2 decimals", "EUR", "30000", ""},
		{"EUR one cent", "EUR", "1", ""},
		{"JPY 0 decimals", "JPY", "300", ""},
		{"KRW 0 decimals", "KRW", "1000", ""},
		{"KWD 3 decimals", "KWD", "1234", ""},
		{"CLF 4 decimals", "CLF", "12345", ""},
		{"UYW 4 decimals", "UYW", "1", ""},
		{"funds code with exponent", "USN", "100", ""},
		{"16 digits", "USD", "9999999999999999", ""},
		{"IDR whole rupiah", "IDR", "1000000", ""},
		{"IDR 100", "IDR", "100", ""},
		{"TWD any cents", "TWD", "12345", ""},

		{"currency lower case", "eur", "100", money.ReasonCurrencyFormat},
		{"currency two letters", "EU", "100", money.ReasonCurrencyFormat},
		{"currency four letters", "EURO", "100", money.ReasonCurrencyFormat},
		{"currency empty", "", "100", money.ReasonCurrencyFormat},
		{"currency digits", "978", "100", money.ReasonCurrencyFormat},
		{"currency with space", "EU ", "100", money.ReasonCurrencyFormat},
		{"currency non-ASCII", "EÜR", "100", money.ReasonCurrencyFormat},
		{"currency unknown", "ABC", "100", money.ReasonCurrencyUnknown},
		{"currency withdrawn", "HRK", "100", money.ReasonCurrencyUnknown},
		{"gold not payable", "XAU", "100", money.ReasonCurrencyNotPayable},
		{"SDR not payable", "XDR", "100", money.ReasonCurrencyNotPayable},
		{"no currency not payable", "XXX", "100", money.ReasonCurrencyNotPayable},
		{"value empty", "EUR", "", money.ReasonValueEmpty},
		{"value negative", "EUR", "-100", money.ReasonValueNotDigits},
		{"value plus", "EUR", "+100", money.ReasonValueNotDigits},
		{"value decimal point", "EUR", "300.00", money.ReasonValueNotDigits},
		{"value space", "EUR", "300 00", money.ReasonValueNotDigits},
		{"value trailing space", "EUR", "100 ", money.ReasonValueNotDigits},
		{"value exponent", "EUR", "1e5", money.ReasonValueNotDigits},
		{"value comma", "EUR", "30,000", money.ReasonValueNotDigits},
		{"value arabic-indic digits", "EUR", "١٠٠", money.ReasonValueNotDigits},
		{"value fullwidth digits", "EUR", "１００", money.ReasonValueNotDigits},
		{"value zero", "EUR", "0", money.ReasonValueZero},
		{"value zeros", "EUR", "000", money.ReasonValueZero},
		{"value leading zero", "EUR", "0100", money.ReasonValueLeadingZero},
		{"value leading zero JPY", "JPY", "01", money.ReasonValueLeadingZero},
		{"value 17 digits", "USD", "10000000000000000", money.ReasonValueTooLong},
		{"IDR not hundreds", "IDR", "1050", money.ReasonIDRNotHundreds},
		{"IDR single digit", "IDR", "5", money.ReasonIDRNotHundreds},
		{"IDR ends in one zero", "IDR", "10", money.ReasonIDRNotHundreds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := money.Amount{Currency: tt.currency, Value: tt.value}.Validate()
			if tt.reason == "" {
				require.NoError(t, err)
				return
			}
			requireReason(t, err, tt.reason)
		})
	}
}

// TestEveryReasonIsReachable produces each reason once, so the closed set in
// allReasons and the package's behaviour cannot drift apart.
func TestEveryReasonIsReachable(t *testing.T) {
	validate := func(c, v string) error { return money.Amount{Currency: c, Value: v}.Validate() }
	toMinor := func(c, v string) error { _, err := money.ToMinor(c, v); return err }
	cases := map[string]error{
		money.ReasonCurrencyFormat:     validate("eur", "1"),
		money.ReasonCurrencyUnknown:    validate("ABC", "1"),
		money.ReasonCurrencyNotPayable: validate("XAU", "1"),
		money.ReasonValueEmpty:         validate("EUR", ""),
		money.ReasonValueNotDigits:     validate("EUR", "1.0"),
		money.ReasonValueZero:          validate("EUR", "0"),
		money.ReasonValueLeadingZero:   validate("EUR", "01"),
		money.ReasonValueTooLong:       validate("EUR", "12345678901234567"),
		money.ReasonIDRNotHundreds:     validate("IDR", "150"),
		money.ReasonMajorFormat:        toMinor("EUR", "1,00"),
		money.ReasonFractionTooPrecise: toMinor("EUR", "1.001"),
	}
	require.Len(t, cases, len(allReasons))
	for _, r := range allReasons {
		err, ok := cases[r]
		require.True(t, ok, "no case for reason %q", r)
		requireReason(t, err, r)
	}
}

func TestErrorMessages(t *testing.T) {
	// Messages name the field and the rule, never the value: a card number or CVV
	// typed into an amount must not come back.
	for _, tc := range []struct {
		a    money.Amount
		want string
	}{
		{money.Amount{Currency: "EUR", Value: "0100"}, "leading zero"},
		{money.Amount{Currency: "IDR", Value: "1050"}, `"00"`},
		{money.Amount{Currency: "EUR", Value: "4117 3478 0615 6383"}, "EUR"},
		{money.Amount{Currency: "EUR", Value: "4117347806156383999"}, "EUR"},
		{money.Amount{Currency: "4117347806156383", Value: "1"}, "currency"},
		{money.Amount{Currency: "eur\n", Value: "1"}, "currency"},
	} {
		err := tc.a.Validate()
		require.Error(t, err)
		require.Contains(t, err.Error(), tc.want)
		if len(tc.a.Value) > 3 {
			require.NotContains(t, err.Error(), tc.a.Value)
		}
		require.NotContains(t, err.Error(), "4117")
		require.Less(t, len(err.Error()), 300)
	}
}

func TestAmountJSON(t *testing.T) {
	a := money.Amount{Currency: "EUR", Value: "30000"}
	b, err := json.Marshal(a)
	require.NoError(t, err)
	require.JSONEq(t, `{"currency":"EUR","value":"30000"}`, string(b))
	require.Equal(t, `{"currency":"EUR","value":"30000"}`, string(b))

	var back money.Amount
	require.NoError(t, json.Unmarshal([]byte(`{"currency":"JPY","value":"300"}`), &back))
	require.Equal(t, money.Amount{Currency: "JPY", Value: "300"}, back)
	require.NoError(t, back.Validate())
}

func TestValidateDoesNotAllocate(t *testing.T) {
	amounts := []money.Amount{
		{Currency: "EUR", Value: "30000"},
		{Currency: "IDR", Value: "1000000"},
		{Currency: "KWD", Value: "1234"},
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, a := range amounts {
			if a.Validate() != nil {
				panic("unexpected invalid amount")
			}
		}
	})
	require.Zero(t, allocs)
}

func BenchmarkValidate(b *testing.B) {
	a := money.Amount{Currency: "EUR", Value: "1234567890123456"}
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
