package payreq

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The rules of pay.validate, one by one, written by hand: each case starts from a
// minimal valid server-to-server request, changes one thing, and names every
// violation that must follow (exactly) and the warnings that must (or must not)
// appear. The golden vectors hold the same rules on full requests; these hold them
// without any snapshot.

var rulesNow = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

const (
	md     = "paymentMethod.paymentMethodMetaData"
	visa   = "4117347806156383"  // Luhn-valid Visa
	amex   = "378282246310005"   // Luhn-valid AMEX
	visa17 = "41111111111111113" // Luhn-valid, 17 digits: too long for Visa
)

// minimal is a valid server-to-server pay request with only the required fields.
func minimal() map[string]any {
	return map[string]any{
		"productCode":      "CASHIER_PAYMENT",
		"paymentRequestId": "PAY_1",
		"paymentAmount":    map[string]any{"currency": "EUR", "value": "1000"},
		"order": map[string]any{
			"referenceOrderId": "ORDER_1", "orderDescription": "coffee",
			"orderAmount": map[string]any{"currency": "EUR", "value": "1000"},
		},
		"paymentMethod": map[string]any{
			"paymentMethodType": "CARD",
			"paymentMethodMetaData": map[string]any{
				"cardNo": visa, "cvv": "850", "expiryMonth": "12", "expiryYear": "29",
			},
		},
		"paymentFactor":      map[string]any{"isAuthorization": true},
		"paymentRedirectUrl": "https://shop.example/back",
		"env":                map[string]any{"terminalType": "WEB"},
	}
}

// edit sets (or, with del, removes) the value at a dotted path, creating objects on
// the way.
func edit(req map[string]any, path string, value any) {
	keys := strings.Split(path, ".")
	m := req
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	if _, isDel := value.(deleted); isDel {
		delete(m, keys[len(keys)-1])
		return
	}
	m[keys[len(keys)-1]] = value
}

type deleted struct{}

var del = deleted{}

type change struct {
	path  string
	value any
}

type finding struct{ field, rule string }

func TestRules(t *testing.T) {
	cases := []struct {
		name       string
		mode       Mode // intended; "" infers
		changes    []change
		now        time.Time // zero: rulesNow
		violations []finding // exactly these (order free)
		warn       []finding // among the warnings
		noWarn     []finding // not among the warnings
		wantMode   Mode
	}{
		{name: "the minimal request is valid", wantMode: ServerToServer,
			noWarn: []finding{{md + ".cvv", "recommended"}, {"order.orderAmount", "amount_mismatch"}}},

		// Required fields and fixed values.
		{name: "productCode required", changes: []change{{"productCode", del}}, violations: []finding{{"productCode", "required"}}},
		{name: "productCode is CASHIER_PAYMENT", changes: []change{{"productCode", "AGREEMENT_PAYMENT"}}, violations: []finding{{"productCode", "eq"}}},
		{name: "paymentRequestId required", changes: []change{{"paymentRequestId", del}}, violations: []finding{{"paymentRequestId", "required"}}},
		{name: "paymentRequestId at most 64", changes: []change{{"paymentRequestId", strings.Repeat("P", 65)}}, violations: []finding{{"paymentRequestId", "max"}}},
		{name: "paymentRequestId of 64 is fine", changes: []change{{"paymentRequestId", strings.Repeat("P", 64)}}},
		{name: "paymentAmount required", changes: []change{{"paymentAmount", del}}, violations: []finding{{"paymentAmount", "required"}}},
		{name: "order required", changes: []change{{"order", del}}, violations: []finding{{"order", "required"}}},
		{name: "paymentFactor required", changes: []change{{"paymentFactor", del}}, violations: []finding{{"paymentFactor", "required"}}},
		{name: "isAuthorization must be true", changes: []change{{"paymentFactor.isAuthorization", false}}, violations: []finding{{"paymentFactor.isAuthorization", "required_true"}}},
		{name: "paymentRedirectUrl required", changes: []change{{"paymentRedirectUrl", del}}, violations: []finding{{"paymentRedirectUrl", "required"}}},
		{name: "paymentRedirectUrl absolute", changes: []change{{"paymentRedirectUrl", "/back"}}, violations: []finding{{"paymentRedirectUrl", "url"}}},
		{name: "paymentNotifyUrl http(s)", changes: []change{{"paymentNotifyUrl", "ftp://shop.example/n"}}, violations: []finding{{"paymentNotifyUrl", "url"}}},
		{name: "paymentMethodType CARD", changes: []change{{"paymentMethod.paymentMethodType", "WALLET"}}, violations: []finding{{"paymentMethod.paymentMethodType", "eq"}}},
		{name: "env required", changes: []change{{"env", del}}, violations: []finding{{"env", "required"}}},
		{name: "terminalType closed", changes: []change{{"env.terminalType", "TV"}}, violations: []finding{{"env.terminalType", "oneof"}}},
		{name: "osType required for APP", changes: []change{{"env.terminalType", "APP"}}, violations: []finding{{"env.osType", "required"}}},
		{name: "osType required for WAP", changes: []change{{"env.terminalType", "WAP"}}, violations: []finding{{"env.osType", "required"}}},
		{name: "osType not needed for WEB", changes: []change{{"env.terminalType", "WEB"}}},
		{name: "osType closed", changes: []change{{"env.terminalType", "APP"}, {"env.osType", "WINDOWS"}}, violations: []finding{{"env.osType", "oneof"}}},

		// Amounts.
		{name: "currency upper-case", changes: []change{{"paymentAmount.currency", "eur"}}, violations: []finding{{"paymentAmount.currency", "currency_format"}}},
		{name: "currency known", changes: []change{{"paymentAmount.currency", "XYZ"}}, violations: []finding{{"paymentAmount.currency", "currency_unknown"}}},
		{name: "value in minor units", changes: []change{{"paymentAmount.value", "10.00"}}, violations: []finding{{"paymentAmount.value", "value_not_digits"}}},
		{name: "value without leading zero", changes: []change{{"paymentAmount.value", "01000"}}, violations: []finding{{"paymentAmount.value", "value_leading_zero"}}},
		{name: "value positive", changes: []change{{"paymentAmount.value", "0"}}, violations: []finding{{"paymentAmount.value", "value_zero"}}},
		{name: "value at most 16 digits", changes: []change{{"paymentAmount.value", "12345678901234567"}}, violations: []finding{{"paymentAmount.value", "value_too_long"}}},
		{name: "IDR in hundreds", changes: []change{{"paymentAmount", map[string]any{"currency": "IDR", "value": "1234567"}}, {"order.orderAmount", map[string]any{"currency": "IDR", "value": "1234567"}}},
			violations: []finding{{"paymentAmount.value", "idr_not_hundreds"}, {"order.orderAmount.value", "idr_not_hundreds"}}},
		{name: "IDR hundreds are fine", changes: []change{{"paymentAmount", map[string]any{"currency": "IDR", "value": "1234500"}}, {"order.orderAmount", map[string]any{"currency": "IDR", "value": "1234500"}}}},
		{name: "orderAmount follows the amount rules", changes: []change{{"order.orderAmount.value", "1,000"}}, violations: []finding{{"order.orderAmount.value", "value_not_digits"}}},
		{name: "orderAmount differing in the same currency warns", changes: []change{{"order.orderAmount.value", "999"}}, warn: []finding{{"order.orderAmount", "amount_mismatch"}}},
		{name: "orderAmount in another currency does not warn", changes: []change{{"order.orderAmount", map[string]any{"currency": "USD", "value": "999"}}}, noWarn: []finding{{"order.orderAmount", "amount_mismatch"}}},

		// Card number.
		{name: "cardNo required in server-to-server", mode: ServerToServer, changes: []change{{md + ".cardNo", del}}, violations: []finding{{md + ".cardNo", "required"}}},
		{name: "cardNo passes Luhn", changes: []change{{md + ".cardNo", "4117347806156384"}}, violations: []finding{{md + ".cardNo", "luhn"}}},
		{name: "cardNo digits only", changes: []change{{md + ".cardNo", "4117 3478 0615 6383"}}, violations: []finding{{md + ".cardNo", "not_digits"}}},
		{name: "cardNo at least 12 digits", changes: []change{{md + ".cardNo", "41173478"}}, violations: []finding{{md + ".cardNo", "length"}}},
		{name: "cardNo length fits the brand", changes: []change{{md + ".cardNo", visa17}}, violations: []finding{{md + ".cardNo", "brand_length"}}},
		{name: "cardNo as a JSON number is a type violation only", changes: []change{{md + ".cardNo", json.Number(visa)}}, violations: []finding{{md + ".cardNo", "type"}}},
		{name: "card data and a token together", changes: []change{{"paymentMethod.paymentMethodId", "TOKEN_1"}}, violations: []finding{{"paymentMethod.paymentMethodId", "mode_mismatch"}}},

		// Expiry.
		{name: "expiryMonth required", changes: []change{{md + ".expiryMonth", del}}, violations: []finding{{md + ".expiryMonth", "required"}}},
		{name: "expiryYear required", changes: []change{{md + ".expiryYear", del}}, violations: []finding{{md + ".expiryYear", "required"}}},
		{name: "expiryMonth 01 to 12", changes: []change{{md + ".expiryMonth", "13"}}, violations: []finding{{md + ".expiryMonth", "format"}}},
		{name: "expiryMonth two digits", changes: []change{{md + ".expiryMonth", "1"}}, violations: []finding{{md + ".expiryMonth", "format"}}},
		{name: "expiryYear two digits", changes: []change{{md + ".expiryYear", "2029"}}, violations: []finding{{md + ".expiryYear", "format"}}},
		{name: "a card expiring this month is still valid", changes: []change{{md + ".expiryMonth", "11"}, {md + ".expiryYear", "26"}}},
		{name: "a card that expired last month", changes: []change{{md + ".expiryMonth", "10"}, {md + ".expiryYear", "26"}}, violations: []finding{{md + ".expiryYear", "expired"}}},
		{name: "a card expiring this month, on its last second", now: time.Date(2026, 11, 30, 23, 59, 59, 0, time.UTC),
			changes: []change{{md + ".expiryMonth", "11"}, {md + ".expiryYear", "26"}}},
		{name: "a card expiring last month, on the first second after", now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
			changes: []change{{md + ".expiryMonth", "11"}, {md + ".expiryYear", "26"}}, violations: []finding{{md + ".expiryYear", "expired"}}},

		// CVV.
		{name: "no CVV on card-on-file", changes: []change{{md + ".isCardOnFile", true}}, violations: []finding{{md + ".cvv", "cvv_not_allowed"}}},
		{name: "card-on-file without CVV is fine and not warned", changes: []change{{md + ".isCardOnFile", true}, {md + ".cvv", del}}, noWarn: []finding{{md + ".cvv", "recommended"}}},
		{name: "CVV isCardOnFile false is fine", changes: []change{{md + ".isCardOnFile", false}}},
		{name: "CVV digits only", changes: []change{{md + ".cvv", "85a"}}, violations: []finding{{md + ".cvv", "cvv_not_digits"}}},
		{name: "Visa CVV has 3 digits", changes: []change{{md + ".cvv", "85"}}, violations: []finding{{md + ".cvv", "cvv_length"}}},
		{name: "Visa CVV of 4 digits", changes: []change{{md + ".cvv", "8500"}}, violations: []finding{{md + ".cvv", "cvv_length"}}},
		{name: "AMEX 4-digit code passes with a warning", changes: []change{{md + ".cardNo", amex}, {md + ".cvv", "1234"}}, warn: []finding{{md + ".cvv", "cvv_length"}}},
		{name: "AMEX codes have 4 digits", changes: []change{{md + ".cardNo", amex}, {md + ".cvv", "123"}}, violations: []finding{{md + ".cvv", "cvv_length"}}},
		{name: "buyer-present without CVV warns", changes: []change{{md + ".cvv", del}}, warn: []finding{{md + ".cvv", "recommended"}}},
		{name: "merchant-initiated without CVV does not warn", changes: []change{{md + ".cvv", del}, {md + ".networkTransactionId", "NTI_1"}},
			noWarn: []finding{{md + ".cvv", "recommended"}}, warn: []finding{{md + ".isCardOnFile", "recommended"}}},
		{name: "merchant-initiated with isCardOnFile does not warn", changes: []change{{md + ".cvv", del}, {md + ".networkTransactionId", "NTI_1"}, {md + ".isCardOnFile", true}},
			noWarn: []finding{{md + ".isCardOnFile", "recommended"}}},

		// Brands.
		{name: "selectedCardBrand must be an Antom brand", changes: []change{{md + ".selectedCardBrand", "VISAA"}}, violations: []finding{{md + ".selectedCardBrand", "oneof"}}},
		{name: "selectedCardBrand contradicting the number warns", changes: []change{{md + ".selectedCardBrand", "MASTERCARD"}}, warn: []finding{{md + ".selectedCardBrand", "brand_mismatch"}}},
		{name: "selectedCardBrand agreeing does not warn", changes: []change{{md + ".selectedCardBrand", "VISA"}}, noWarn: []finding{{md + ".selectedCardBrand", "brand_mismatch"}}},
		{name: "a dual-branded card does not warn", changes: []change{{md + ".selectedCardBrand", "CARTES_BANCAIRES"}}, noWarn: []finding{{md + ".selectedCardBrand", "brand_mismatch"}}},

		// 3DS flags.
		{name: "3DS and authentication upgrade together warn", changes: []change{{md + ".is3DSAuthentication", true}, {md + ".enableAuthenticationUpgrade", true}},
			warn: []finding{{md + ".enableAuthenticationUpgrade", "redundant"}}},
		{name: "upgrade alone does not warn", changes: []change{{md + ".is3DSAuthentication", false}, {md + ".enableAuthenticationUpgrade", true}},
			noWarn: []finding{{md + ".enableAuthenticationUpgrade", "redundant"}}},

		{name: "MPI data and 3DS together warn", changes: []change{{md + ".mpiData", map[string]any{"eci": "05", "cavv": "AAABBBCCC", "threeDSVersion": "2.2.0"}}, {md + ".is3DSAuthentication", true}},
			warn: []finding{{md + ".is3DSAuthentication", "mpi_and_3ds"}}},
		{name: "3DS without MPI data does not warn", changes: []change{{md + ".is3DSAuthentication", true}}, noWarn: []finding{{md + ".is3DSAuthentication", "mpi_and_3ds"}}},
		{name: "MPI data without 3DS does not warn", changes: []change{{md + ".mpiData", map[string]any{"eci": "05", "cavv": "AAABBBCCC", "threeDSVersion": "2.2.0"}}},
			noWarn: []finding{{md + ".is3DSAuthentication", "mpi_and_3ds"}, {md + ".cvv", "recommended"}}},

		// paymentExpiryTime.
		{name: "paymentExpiryTime equal to now is in the past", changes: []change{{"paymentExpiryTime", "2026-11-28T09:00:00Z"}}, violations: []finding{{"paymentExpiryTime", "in_past"}}},
		{name: "paymentExpiryTime one second after now", changes: []change{{"paymentExpiryTime", "2026-11-28T09:00:01Z"}}},
		{name: "paymentExpiryTime one second before now", changes: []change{{"paymentExpiryTime", "2026-11-28T08:59:59Z"}}, violations: []finding{{"paymentExpiryTime", "in_past"}}},
		{name: "paymentExpiryTime equal to now in another zone", changes: []change{{"paymentExpiryTime", "2026-11-28T17:00:00+08:00"}}, violations: []finding{{"paymentExpiryTime", "in_past"}}},
		{name: "paymentExpiryTime ISO 8601 with a zone", changes: []change{{"paymentExpiryTime", "2026-11-29 09:00:00"}}, violations: []finding{{"paymentExpiryTime", "datetime"}}},

		// Installments.
		{name: "installmentNum below 2", changes: []change{{"creditPayPlan.installmentNum", 1}}, violations: []finding{{"creditPayPlan.installmentNum", "range"}}},
		{name: "installmentNum 2", changes: []change{{"creditPayPlan.installmentNum", 2}}},
		{name: "installmentNum 36", changes: []change{{"creditPayPlan.installmentNum", 36}}},
		{name: "installmentNum above 36", changes: []change{{"creditPayPlan.installmentNum", 37}}, violations: []finding{{"creditPayPlan.installmentNum", "range"}}},
		{name: "installmentNum required in a plan", changes: []change{{"creditPayPlan.interval", "MONTH"}}, violations: []finding{{"creditPayPlan.installmentNum", "range"}}},
		{name: "feePercentage 0", changes: []change{{"creditPayPlan.installmentNum", 3}, {"creditPayPlan.feePercentage", 0}}},
		{name: "feePercentage 100", changes: []change{{"creditPayPlan.installmentNum", 3}, {"creditPayPlan.feePercentage", 100}}},
		{name: "feePercentage above 100", changes: []change{{"creditPayPlan.installmentNum", 3}, {"creditPayPlan.feePercentage", 101}}, violations: []finding{{"creditPayPlan.feePercentage", "range"}}},
		{name: "feePercentage negative", changes: []change{{"creditPayPlan.installmentNum", 3}, {"creditPayPlan.feePercentage", -1}}, violations: []finding{{"creditPayPlan.feePercentage", "range"}}},

		// Goods.
		{name: "goodsQuantity positive", changes: []change{{"order.goods", []any{map[string]any{"referenceGoodsId": "G1", "goodsName": "cup", "goodsQuantity": "0"}}}},
			violations: []finding{{"order.goods[0].goodsQuantity", "range"}}},
		{name: "goodsQuantity 1", changes: []change{{"order.goods", []any{map[string]any{"referenceGoodsId": "G1", "goodsName": "cup", "goodsQuantity": "1"}}}},
			noWarn: []finding{{"order.goods", "recommended"}}},

		// Recommended fields.
		{name: "what raises success rates is recommended", warn: []finding{
			{"order.buyer", "recommended"}, {"order.goods", "recommended"}, {"order.shipping", "recommended"}, {"paymentNotifyUrl", "recommended"},
			{md + ".cardholderName", "recommended"}, {md + ".billingAddress", "recommended"}, {"env.clientIp", "recommended"}, {"env.browserInfo", "recommended"}}},
		{name: "no browserInfo warning for an APP", changes: []change{{"env.terminalType", "APP"}, {"env.osType", "IOS"}}, noWarn: []finding{{"env.browserInfo", "recommended"}}},
		{name: "no clientIp warning with one", changes: []change{{"env.clientIp", "112.80.248.78"}}, noWarn: []finding{{"env.clientIp", "recommended"}}},
		{name: "clientIp must be an IP", changes: []change{{"env.clientIp", "localhost"}}, violations: []finding{{"env.clientIp", "ip"}}},

		// Unknown keys.
		{name: "a misspelt key is a violation", changes: []change{{"paymentNotifyURL", "https://shop.example/n"}}, violations: []finding{{"paymentNotifyURL", "unknown_field"}}},
		{name: "a misspelt metadata key is a warning (the metadata is an open map)", changes: []change{{md + ".enableAuthenticationUpgrate", true}},
			warn: []finding{{md + ".enableAuthenticationUpgrate", "unknown_field"}}},
		{name: "an unknown key without a close match is a warning", changes: []change{{"riskData", "x"}}, warn: []finding{{"riskData", "unknown_field"}}},
		{name: "Chinese characters warn", changes: []change{{"order.orderDescription", "咖啡"}}, warn: []finding{{"order.orderDescription", "chinese_characters"}}},

		// Hosted.
		{name: "hosted: no card data", mode: Hosted, violations: []finding{
			{md + ".cardNo", "hosted_no_card_data"}, {md + ".cvv", "hosted_no_card_data"}, {md + ".expiryMonth", "hosted_no_card_data"}, {md + ".expiryYear", "hosted_no_card_data"}}},
		{name: "hosted: inferred without card data", changes: []change{{md, map[string]any{}}}, wantMode: Hosted},
		{name: "hosted: no token", mode: Hosted, changes: []change{{md, map[string]any{}}, {"paymentMethod.paymentMethodId", "TOKEN_1"}},
			violations: []finding{{"paymentMethod.paymentMethodId", "mode_mismatch"}}},
		{name: "hosted: no MPI data", mode: Hosted, changes: []change{{md, map[string]any{"mpiData": map[string]any{"eci": "05", "cavv": "AAABBBCCC", "threeDSVersion": "2.2.0"}}}},
			violations: []finding{{md + ".mpiData", "hosted_no_card_data"}}},

		// Saved card.
		{name: "saved card: inferred from the token", changes: []change{{md, map[string]any{"isCardOnFile": true}}, {"paymentMethod.paymentMethodId", "TOKEN_1"}}, wantMode: SavedCard,
			noWarn: []finding{{md + ".isCardOnFile", "recommended"}}},
		{name: "saved card: the token is required", mode: SavedCard, changes: []change{{md, map[string]any{"isCardOnFile": true}}},
			violations: []finding{{"paymentMethod.paymentMethodId", "required"}}},
		{name: "saved card: no raw card data", mode: SavedCard, changes: []change{{"paymentMethod.paymentMethodId", "TOKEN_1"}}, violations: []finding{
			{md + ".cardNo", "saved_card_no_card_data"}, {md + ".cvv", "saved_card_no_card_data"}, {md + ".expiryMonth", "saved_card_no_card_data"}, {md + ".expiryYear", "saved_card_no_card_data"}}},
		{name: "saved card: isCardOnFile recommended", changes: []change{{md, map[string]any{}}, {"paymentMethod.paymentMethodId", "TOKEN_1"}}, wantMode: SavedCard,
			warn: []finding{{md + ".isCardOnFile", "recommended"}}},

		// Korean issuer authentication.
		{name: "issuer auth: inferred from the flag", changes: []change{{md, map[string]any{"selectedCardBrand": "SAMSUNG"}}, {"paymentMethod.requireIssuerAuthentication", true}},
			wantMode: IssuerAuth, noWarn: []finding{{md + ".requireIssuerAuthentication", "placement"}, {"order.goods", "recommended"}, {"order.shipping", "recommended"}}},
		{name: "issuer auth: the flag in the metadata warns about placement", changes: []change{{md, map[string]any{"selectedCardBrand": "SAMSUNG", "requireIssuerAuthentication": true}}},
			wantMode: IssuerAuth, warn: []finding{{md + ".requireIssuerAuthentication", "placement"}}},
		{name: "issuer auth: the flag is required", mode: IssuerAuth, changes: []change{{md, map[string]any{"selectedCardBrand": "SAMSUNG"}}},
			violations: []finding{{"paymentMethod.requireIssuerAuthentication", "required_true"}}},
		{name: "issuer auth: the brand is required", changes: []change{{md, map[string]any{}}, {"paymentMethod.requireIssuerAuthentication", true}},
			violations: []finding{{md + ".selectedCardBrand", "required"}}},
		{name: "issuer auth: a Korean brand", changes: []change{{md, map[string]any{"selectedCardBrand": "VISA"}}, {"paymentMethod.requireIssuerAuthentication", true}},
			violations: []finding{{md + ".selectedCardBrand", "korean_brand"}}},
		{name: "issuer auth: no card data", mode: IssuerAuth, changes: []change{{md + ".selectedCardBrand", "SAMSUNG"}, {"paymentMethod.requireIssuerAuthentication", true}}, violations: []finding{
			{md + ".cardNo", "issuer_auth_no_card_data"}, {md + ".cvv", "issuer_auth_no_card_data"}, {md + ".expiryMonth", "issuer_auth_no_card_data"}, {md + ".expiryYear", "issuer_auth_no_card_data"}}},
		{name: "issuer auth: MANUAL capture warns", changes: []change{{md, map[string]any{"selectedCardBrand": "SAMSUNG"}}, {"paymentMethod.requireIssuerAuthentication", true}, {"paymentFactor.captureMode", "MANUAL"}},
			warn: []finding{{"paymentFactor.captureMode", "issuer_auth_manual_capture"}}},

		// Capture mode.
		{name: "captureMode closed", changes: []change{{"paymentFactor.captureMode", "LATER"}}, violations: []finding{{"paymentFactor.captureMode", "oneof"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := minimal()
			for _, ch := range c.changes {
				edit(req, ch.path, ch.value)
			}
			raw, err := json.Marshal(req)
			require.NoError(t, err)
			now := c.now
			if now.IsZero() {
				now = rulesNow
			}
			res, perr := Validate(raw, now, c.mode)
			require.Nil(t, perr)
			var got []finding
			for _, v := range res.Violations {
				got = append(got, finding{v.Field, v.Rule})
			}
			want := c.violations
			require.ElementsMatch(t, want, got, "violations")
			require.Equal(t, len(want) == 0, res.Valid)
			var warnings []finding
			for _, w := range res.Warnings {
				warnings = append(warnings, finding{w.Field, w.Rule})
			}
			for _, w := range c.warn {
				require.Contains(t, warnings, w, "warnings")
			}
			for _, w := range c.noWarn {
				require.NotContains(t, warnings, w, "warnings")
			}
			if c.wantMode != "" {
				require.Equal(t, c.wantMode, res.Mode)
			}
			if c.mode != "" {
				require.Equal(t, c.mode, res.Mode, "an intended mode is the mode checked")
			}
		})
	}
}

func TestCaptureModeDefaultsToAutomatic(t *testing.T) {
	for _, c := range []struct{ set, want string }{{"", "AUTOMATIC"}, {"MANUAL", "MANUAL"}, {"AUTOMATIC", "AUTOMATIC"}} {
		req := minimal()
		if c.set != "" {
			edit(req, "paymentFactor.captureMode", c.set)
		}
		raw, err := json.Marshal(req)
		require.NoError(t, err)
		res, perr := Validate(raw, rulesNow, "")
		require.Nil(t, perr)
		require.Equal(t, c.want, string(res.CaptureMode))
	}
}

func TestCardSummaryIsMasked(t *testing.T) {
	for _, c := range []struct {
		cardNo  string
		summary *CardSummary
	}{
		{visa, &CardSummary{Masked: "411734******6383", Brand: "VISA"}},
		{"4117347806156384", &CardSummary{Masked: "411734******6384", Brand: "VISA"}}, // Luhn error: still named, masked
		{visa17, &CardSummary{Masked: "411111*******1113", Brand: "VISA"}},            // wrong length for the brand
		{"41173478", nil}, // too short to name
	} {
		req := minimal()
		edit(req, md+".cardNo", c.cardNo)
		raw, err := json.Marshal(req)
		require.NoError(t, err)
		res, perr := Validate(raw, rulesNow, "")
		require.Nil(t, perr)
		require.Equal(t, c.summary, res.Card, c.cardNo)
		out, err := json.Marshal(res)
		require.NoError(t, err)
		require.NotContains(t, string(out), c.cardNo, "the result never holds the card number")
	}
}
