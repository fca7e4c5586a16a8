package followup

import (
	"encoding/json"
	"strconv"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/core/wiretags"
)

// ConsultIntent is the input of consult.build: ask Antom which payment methods and
// card brands can pay this amount, before pay. It is the optional first step of the
// Korean issuer-authentication flow: show the buyer the Korean card brands consult
// returns, then call pay.build in issuer_auth mode with the chosen brand.
type ConsultIntent struct {
	// Amount is the amount to pay (paymentAmount).
	Amount *Amount `json:"amount"`
	// Env is Antom's env, the buyer's device (terminalType is required; osType when
	// terminalType is WAP or APP).
	Env *antom.Env `json:"env"`
	// UserRegion is the buyer's ISO 3166 alpha-2 region; Antom sorts the methods
	// by their relevance there.
	UserRegion string `json:"userRegion,omitempty"`
	// MerchantRegion is the merchant's region (required by Antom for its Global
	// Acquirer Gateway product).
	MerchantRegion string `json:"merchantRegion,omitempty"`
	// AllowedPaymentMethodRegions limits the answer to methods of these regions
	// (ISO 3166 alpha-2 codes or GLOBAL), e.g. ["KR"] for Korean cards.
	AllowedPaymentMethodRegions []string `json:"allowedPaymentMethodRegions,omitempty"`
	// SettlementCurrency is settlementStrategy.settlementCurrency.
	SettlementCurrency string `json:"settlementCurrency,omitempty"`
	// CaptureMode is the capture mode the payment will use (paymentFactor).
	CaptureMode antom.CaptureMode `json:"captureMode,omitempty"`
	// MerchantAccountID picks the merchant account when one client id serves
	// several (≤32).
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
	// Signing, when given, signs the request (see outbound.Signing).
	Signing *outbound.Signing `json:"signing,omitempty"`
}

// BuildConsult turns a consult intent into the consult request. The request asks
// as a card authorization (paymentFactor.isAuthorization true), the only kind of
// payment paycore makes.
func BuildConsult(in ConsultIntent) (Built, error) {
	res, perr := buildConsult(in)
	return res, problem.OrNil(perr)
}

// buildConsult is BuildConsult with the concrete error type, for this package.
func buildConsult(in ConsultIntent) (Built, *problem.Error) {
	c := &checks{}
	amount, _ := c.amount("amount", in.Amount)
	if in.Env == nil {
		c.bad("env", "required", "env is required: at least terminalType (WEB, WAP, APP or MINI_APP)")
	} else {
		c.env(in.Env)
	}
	c.region("userRegion", in.UserRegion)
	c.region("merchantRegion", in.MerchantRegion)
	for i, r := range in.AllowedPaymentMethodRegions {
		if r != "GLOBAL" && !upperLetters(r, 2) {
			c.bad("allowedPaymentMethodRegions["+strconv.Itoa(i)+"]", "format", "must be an upper-case ISO 3166 alpha-2 code or GLOBAL")
		}
	}
	req := &antom.ConsultRequest{
		ProductCode:                 "CASHIER_PAYMENT",
		PaymentAmount:               amount,
		PaymentFactor:               &antom.PaymentFactor{IsAuthorization: antom.True, CaptureMode: in.CaptureMode},
		UserRegion:                  in.UserRegion,
		MerchantRegion:              in.MerchantRegion,
		AllowedPaymentMethodRegions: in.AllowedPaymentMethodRegions,
		Env:                         in.Env,
		MerchantAccountID:           in.MerchantAccountID,
	}
	if in.SettlementCurrency != "" {
		if !money.Known(in.SettlementCurrency) {
			c.bad("settlementCurrency", "currency_unknown", "must be an ISO 4217 currency code")
		}
		req.SettlementStrategy = &antom.SettlementStrategy{SettlementCurrency: in.SettlementCurrency}
	}
	switch in.CaptureMode {
	case "", antom.CaptureAutomatic, antom.CaptureManual:
	default:
		c.bad("captureMode", "oneof", "must be AUTOMATIC or MANUAL")
	}
	c.id("merchantAccountId", in.MerchantAccountID, 32, "")
	return c.finish("consult", req, in.Signing)
}

// env checks env with the validator tags of antom.Env (the rules pay.validate
// applies), the osType rule included.
func (c *checks) env(env *antom.Env) {
	for _, v := range wiretags.Check(env, "env") {
		c.bad(v.Field, v.Rule, v.Message)
	}
}

// envLenient reports env values of the wrong JSON type that antom.Env's lenient
// number and boolean types drop silently (they accept "25" and "true" too), so a
// mistyped value is a BAD_JSON error, as everywhere else, instead of vanishing.
func envLenient(raw json.RawMessage, env *antom.Env) *problem.Error {
	if env == nil {
		return nil
	}
	var keys struct {
		ColorDepth     json.RawMessage `json:"colorDepth"`
		ScreenHeight   json.RawMessage `json:"screenHeight"`
		ScreenWidth    json.RawMessage `json:"screenWidth"`
		TimeZoneOffset json.RawMessage `json:"timeZoneOffset"`
		BrowserInfo    *struct {
			JavaEnabled       json.RawMessage `json:"javaEnabled"`
			JavaScriptEnabled json.RawMessage `json:"javaScriptEnabled"`
		} `json:"browserInfo"`
	}
	if json.Unmarshal(raw, &keys) != nil {
		return nil // the strict decode already accepted it; nothing more to learn
	}
	const number, boolean = "a whole number (or a string of digits)", "a boolean"
	const digits = "a string of digits (or a number)"
	type lenient struct {
		field, want string
		raw         json.RawMessage
		set         bool
	}
	checks := []lenient{
		{"env.colorDepth", digits, keys.ColorDepth, env.ColorDepth != ""},
		{"env.screenHeight", digits, keys.ScreenHeight, env.ScreenHeight != ""},
		{"env.screenWidth", digits, keys.ScreenWidth, env.ScreenWidth != ""},
		{"env.timeZoneOffset", number, keys.TimeZoneOffset, env.TimeZoneOffset.IsSet()},
	}
	if b, bi := keys.BrowserInfo, env.BrowserInfo; b != nil && bi != nil {
		checks = append(checks,
			lenient{"env.browserInfo.javaEnabled", boolean, b.JavaEnabled, bi.JavaEnabled.IsSet()},
			lenient{"env.browserInfo.javaScriptEnabled", boolean, b.JavaScriptEnabled, bi.JavaScriptEnabled.IsSet()})
	}
	for _, k := range checks {
		if len(k.raw) > 0 && string(k.raw) != "null" && !k.set {
			return &problem.Error{Code: problem.BadJSON, Field: k.field, Message: k.field + ": expected " + k.want + ", got a JSON " + antom.JSONKind(k.raw)}
		}
	}
	return nil
}
