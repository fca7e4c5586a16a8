package money

import "slices"

// Currency is an ISO 4217 alphabetic currency code such as "EUR"; it exists so
// table entries say what they hold rather than being a bare string.
type Currency string

// Info describes one ISO 4217 currency as paycore treats it at Antom. It is a
// plain value: callers get copies, never a view into the table.
type Info struct {
	// Code is the three-letter ISO 4217 alphabetic code.
	Code Currency
	// Exponent is the number of minor-unit decimal places (2 for EUR: 1 EUR is
	// 100 cents). It is meaningful only when Payable is true.
	Exponent int
	// Payable is false for codes whose ISO minor unit is "N.A." (precious
	// metals, SDR, bond-market units, XTS, XXX): they have no exponent, so no
	// amount in them can be expressed or charged.
	Payable bool
	// Fund reports that ISO 4217 flags the code as a funds code (for example
	// CLF or USN) rather than a circulating currency.
	Fund bool
	// WholeUnitsOnly reports that Antom accepts only whole major units, so the
	// minor-unit value must end in Exponent zeros; it is set for IDR only.
	WholeUnitsOnly bool
}

// ccy makes a circulating currency entry with the given ISO exponent.
func ccy(code Currency, exp int) Info {
	return Info{Code: code, Exponent: exp, Payable: true}
}

// fund makes an ISO funds-code entry with the given ISO exponent.
func fund(code Currency, exp int) Info {
	return Info{Code: code, Exponent: exp, Payable: true, Fund: true}
}

// na makes an entry for a code whose ISO minor unit is "N.A.".
func na(code Currency) Info { return Info{Code: code} }

// currencies is ISO 4217 List One (published 2024-06-25), one entry per
// alphabetic code in code order, plus XCG (Caribbean guilder, added in 2025).
// ANG (which XCG replaces) and BGN (Bulgaria joined the euro in 2026) are kept
// so that amounts recorded during their transition still validate. Removed
// codes such as HRK, SLL and ZWL are absent. Antom's own decimals agree with
// ISO for the currencies it documents, and its one extra rule (whole rupiah)
// is the WholeUnitsOnly flag on IDR.
var currencies = [...]Info{
	ccy("AED", 2), ccy("AFN", 2), ccy("ALL", 2), ccy("AMD", 2), ccy("ANG", 2),
	ccy("AOA", 2), ccy("ARS", 2), ccy("AUD", 2), ccy("AWG", 2), ccy("AZN", 2),
	ccy("BAM", 2), ccy("BBD", 2), ccy("BDT", 2), ccy("BGN", 2), ccy("BHD", 3),
	ccy("BIF", 0), ccy("BMD", 2), ccy("BND", 2), ccy("BOB", 2), fund("BOV", 2),
	ccy("BRL", 2), ccy("BSD", 2), ccy("BTN", 2), ccy("BWP", 2), ccy("BYN", 2),
	ccy("BZD", 2), ccy("CAD", 2), ccy("CDF", 2), fund("CHE", 2), ccy("CHF", 2),
	fund("CHW", 2), fund("CLF", 4), ccy("CLP", 0), ccy("CNY", 2), ccy("COP", 2),
	fund("COU", 2), ccy("CRC", 2), ccy("CUC", 2), ccy("CUP", 2), ccy("CVE", 2),
	ccy("CZK", 2), ccy("DJF", 0), ccy("DKK", 2), ccy("DOP", 2), ccy("DZD", 2),
	ccy("EGP", 2), ccy("ERN", 2), ccy("ETB", 2), ccy("EUR", 2), ccy("FJD", 2),
	ccy("FKP", 2), ccy("GBP", 2), ccy("GEL", 2), ccy("GHS", 2), ccy("GIP", 2),
	ccy("GMD", 2), ccy("GNF", 0), ccy("GTQ", 2), ccy("GYD", 2), ccy("HKD", 2),
	ccy("HNL", 2), ccy("HTG", 2), ccy("HUF", 2),
	{Code: "IDR", Exponent: 2, Payable: true, WholeUnitsOnly: true},
	ccy("ILS", 2), ccy("INR", 2), ccy("IQD", 3), ccy("IRR", 2), ccy("ISK", 0),
	ccy("JMD", 2), ccy("JOD", 3), ccy("JPY", 0), ccy("KES", 2), ccy("KGS", 2),
	ccy("KHR", 2), ccy("KMF", 0), ccy("KPW", 2), ccy("KRW", 0), ccy("KWD", 3),
	ccy("KYD", 2), ccy("KZT", 2), ccy("LAK", 2), ccy("LBP", 2), ccy("LKR", 2),
	ccy("LRD", 2), ccy("LSL", 2), ccy("LYD", 3), ccy("MAD", 2), ccy("MDL", 2),
	ccy("MGA", 2), ccy("MKD", 2), ccy("MMK", 2), ccy("MNT", 2), ccy("MOP", 2),
	ccy("MRU", 2), ccy("MUR", 2), ccy("MVR", 2), ccy("MWK", 2), ccy("MXN", 2),
	fund("MXV", 2), ccy("MYR", 2), ccy("MZN", 2), ccy("NAD", 2), ccy("NGN", 2),
	ccy("NIO", 2), ccy("NOK", 2), ccy("NPR", 2), ccy("NZD", 2), ccy("OMR", 3),
	ccy("PAB", 2), ccy("PEN", 2), ccy("PGK", 2), ccy("PHP", 2), ccy("PKR", 2),
	ccy("PLN", 2), ccy("PYG", 0), ccy("QAR", 2), ccy("RON", 2), ccy("RSD", 2),
	ccy("RUB", 2), ccy("RWF", 0), ccy("SAR", 2), ccy("SBD", 2), ccy("SCR", 2),
	ccy("SDG", 2), ccy("SEK", 2), ccy("SGD", 2), ccy("SHP", 2), ccy("SLE", 2),
	ccy("SOS", 2), ccy("SRD", 2), ccy("SSP", 2), ccy("STN", 2), ccy("SVC", 2),
	ccy("SYP", 2), ccy("SZL", 2), ccy("THB", 2), ccy("TJS", 2), ccy("TMT", 2),
	ccy("TND", 3), ccy("TOP", 2), ccy("TRY", 2), ccy("TTD", 2), ccy("TWD", 2),
	ccy("TZS", 2), ccy("UAH", 2), ccy("UGX", 0), ccy("USD", 2), fund("USN", 2),
	fund("UYI", 0), ccy("UYU", 2), ccy("UYW", 4), ccy("UZS", 2), ccy("VED", 2),
	ccy("VES", 2), ccy("VND", 0), ccy("VUV", 0), ccy("WST", 2), ccy("XAF", 0),
	na("XAG"), na("XAU"), na("XBA"), na("XBB"), na("XBC"),
	na("XBD"), ccy("XCD", 2), ccy("XCG", 2), na("XDR"), ccy("XOF", 0),
	na("XPD"), ccy("XPF", 0), na("XPT"), na("XSU"), na("XTS"),
	na("XUA"), na("XXX"), ccy("YER", 2), ccy("ZAR", 2), ccy("ZMW", 2),
	ccy("ZWG", 2),
}

// byCode indexes currencies; it is built once at initialisation and only read.
var byCode = func() map[string]Info {
	m := make(map[string]Info, len(currencies))
	for _, c := range currencies {
		m[string(c.Code)] = c
	}
	return m
}()

// Lookup returns the table entry for an ISO 4217 alphabetic code. The match is
// exact: codes are upper case, so "eur" is not found.
func Lookup(code string) (Info, bool) {
	info, ok := byCode[code]
	return info, ok
}

// Known reports whether code is an ISO 4217 alphabetic code in the table,
// payable or not.
func Known(code string) bool {
	_, ok := byCode[code]
	return ok
}

// Exponent returns the minor-unit exponent of code. ok is false when the code
// is unknown or has no minor unit (ISO "N.A."), since no amount can be
// expressed in such a currency.
func Exponent(code string) (exp int, ok bool) {
	info, ok := byCode[code]
	if !ok || !info.Payable {
		return 0, false
	}
	return info.Exponent, true
}

// Currencies returns every table entry sorted by code, as a fresh slice the
// caller may keep or modify; it is meant for listings and tests.
func Currencies() []Info {
	return slices.Clone(currencies[:]) // the literal above is kept in code order
}
