// Package money holds the currency and amount rules paycore applies before an
// amount reaches Antom: the ISO 4217 minor-unit table, validation of the Antom
// wire form {"currency":"EUR","value":"30000"}, and exact, float-free
// conversion between decimal major amounts ("300.00") and minor units
// ("30000").
//
// The package is pure: it performs no I/O, reads no clock, uses no randomness
// and has no mutable global state, so it builds for every target including
// GOOS=wasip1 GOARCH=wasm.
//
// Decisions, in one place:
//
//   - Funds and special codes. Every active ISO 4217 alphabetic code is in the
//     table. Funds codes that have a minor unit in ISO 4217 (BOV, CHE, CHW,
//     CLF, COU, MXV, USN, UYI) carry that exponent and are marked Fund. Codes
//     whose ISO minor unit is "N.A." (XAG, XAU, XBA, XBB, XBC, XBD, XDR, XPD,
//     XPT, XSU, XTS, XUA, XXX) are known but not payable: they have no
//     exponent, so Validate, ToMinor and ToMajor reject them with
//     ReasonCurrencyNotPayable.
//   - Leading zeros. A minor-unit value such as "0100" is rejected with
//     ReasonValueLeadingZero: Antom never sends one, and accepting it would
//     give one amount two spellings. A value made only of zeros ("0", "00")
//     is reported as ReasonValueZero. The integer part of a major amount
//     follows the same rule: "0.50" is fine, "00.50" and "0300" are not.
//   - Extra fractional digits. ToMinor accepts more fractional digits than the
//     currency's exponent only when the extra digits are all zeros
//     ("1.230" EUR is 123, "300.00" JPY is 300), because that is exact and
//     loses nothing. Any non-zero digit beyond the exponent ("1.234" EUR) is
//     rejected with ReasonFractionTooPrecise: the package never rounds.
//   - Major-amount syntax. Only ASCII digits with at most one '.' that has a
//     digit on both sides: no sign, exponent, grouping comma, space, or
//     non-ASCII digit; "." ".5" and "5." are rejected with ReasonMajorFormat.
//   - Antom overrides. Antom's documented decimals agree with ISO 4217 for
//     the currencies it calls out (IDR and TWD are 2-decimal; JPY, KRW, VND
//     and CLP are 0-decimal), so one exponent serves both. Antom additionally
//     requires IDR values to be whole rupiah, i.e. the minor-unit value must
//     end in "00"; that is ReasonIDRNotHundreds.
package money
