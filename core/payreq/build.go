package payreq

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/card"
	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
)

// Intent is what a merchant wants to charge, in merchant terms; pay.build turns it
// into the exact Antom pay request for its mode.
type Intent struct {
	// Mode is required: server_to_server, hosted, issuer_auth or saved_card.
	Mode Mode `json:"mode"`
	// PaymentRequestID is the idempotency key (≤64): reuse it on retries.
	PaymentRequestID string `json:"paymentRequestId"`
	// Amount is {"currency","value"} in minor units or {"currency","major"} as a
	// decimal string ("300.00"); exactly one of value and major.
	Amount IntentAmount `json:"amount"`
	// Order is Antom's order; orderAmount defaults to Amount.
	Order *antom.Order `json:"order"`
	// Env is Antom's env (terminalType is required).
	Env *antom.Env `json:"env"`
	// Card is the raw card (server_to_server only).
	Card *IntentCard `json:"card,omitempty"`
	// CardToken is the cardToken of an earlier payment (saved_card only).
	CardToken string `json:"cardToken,omitempty"`
	// CardBrand is the Korean brand for issuer_auth, or selectedCardBrand (e.g. the
	// brand of a dual-branded card) otherwise.
	CardBrand antom.CardBrand `json:"cardBrand,omitempty"`
	// CaptureMode is AUTOMATIC (default) or MANUAL.
	CaptureMode antom.CaptureMode `json:"captureMode,omitempty"`
	// ThreeDS asks Antom for 3D Secure (is3DSAuthentication).
	ThreeDS antom.Bool `json:"threeDS,omitzero"`
	// AuthenticationUpgrade is enableAuthenticationUpgrade: false turns off the 3DS
	// retry of soft declines (empty behaves like true at Antom).
	AuthenticationUpgrade antom.Bool `json:"authenticationUpgrade,omitzero"`
	// CardOnFile marks a stored-credential payment (isCardOnFile); saved_card
	// defaults it to true.
	CardOnFile antom.Bool `json:"cardOnFile,omitzero"`
	// Tokenize stores the card for later payments (with the buyer's agreement).
	Tokenize antom.Bool `json:"tokenize,omitzero"`
	// NetworkTransactionID links a merchant-initiated payment to the first one.
	NetworkTransactionID string `json:"networkTransactionId,omitempty"`
	// MpiData is the result of 3D Secure done by a third-party MPI.
	MpiData *antom.MpiData `json:"mpiData,omitempty"`
	// Installments is Antom's creditPayPlan.
	Installments *antom.CreditPayPlan `json:"installments,omitempty"`
	// RedirectURL is where the buyer returns (paymentRedirectUrl).
	RedirectURL string `json:"redirectUrl"`
	// NotifyURL receives notifyPayment (paymentNotifyUrl).
	NotifyURL string `json:"notifyUrl,omitempty"`
	// SettlementCurrency is settlementStrategy.settlementCurrency.
	SettlementCurrency string `json:"settlementCurrency,omitempty"`
	// ExpiryTime is paymentExpiryTime (RFC 3339).
	ExpiryTime string `json:"expiryTime,omitempty"`
	// Now is the current time (RFC 3339), for expiry checks.
	Now string `json:"now"`
	// Signing, when given, signs the request (see outbound.Signing).
	Signing *outbound.Signing `json:"signing,omitempty"`
}

// IntentAmount is an amount in minor units (value) or as a decimal (major).
type IntentAmount struct {
	Currency string `json:"currency"`
	Value    string `json:"value,omitempty"`
	Major    string `json:"major,omitempty"`
}

// IntentCard is a raw card for server-to-server mode. Number may contain spaces or
// dashes (they are removed); ExpiryYear may have two or four digits.
type IntentCard struct {
	Number         card.PAN        `json:"number"`
	CVV            card.CVV        `json:"cvv,omitempty"`
	ExpiryMonth    string          `json:"expiryMonth"`
	ExpiryYear     string          `json:"expiryYear"`
	CardholderName *antom.UserName `json:"cardholderName,omitempty"`
	BillingAddress *antom.Address  `json:"billingAddress,omitempty"`
}

// Built is the result of pay.build: the HTTP request, the mode, and the warnings of
// validating the body.
type Built struct {
	outbound.Request
	Mode     Mode                `json:"mode"`
	Warnings []problem.Violation `json:"warnings"`
}

var intentSchema = schemaOf(reflect.TypeFor[Intent](), map[reflect.Type]*schema{})

// OpBuild is op pay.build.
func OpBuild(input []byte) (any, error) {
	res, perr := opBuild(input)
	return res, problem.OrNil(perr)
}

// opBuild is OpBuild with the concrete error type, for this package.
func opBuild(input []byte) (any, *problem.Error) {
	var in Intent
	if err := problem.From(problem.DecodeStrict(input, &in)); err != nil {
		return nil, err
	}
	if sc := scanKeys(input, intentSchema); len(sc.issues) > 0 {
		for _, is := range sc.issues {
			if is.want != kindAny {
				field := join(is.path, is.key)
				return nil, &problem.Error{Code: problem.BadJSON, Field: field, Message: fmt.Sprintf("%s must be %s, not a JSON %s", orInput(field), is.want, is.got)}
			}
		}
	}
	b, perr := build(in)
	if perr != nil {
		return nil, perr
	}
	return b, nil
}

// Build turns an intent into a signed (or ready-to-sign) pay request whose body
// passes Validate. Violations come back as VALIDATION_FAILED, with intent field
// names where the intent is at fault and Antom names where the built body is.
func Build(in Intent) (Built, error) {
	res, perr := build(in)
	return res, problem.OrNil(perr)
}

// build is Build with the concrete error type, for this package.
func build(in Intent) (Built, *problem.Error) {
	now, perr := parseNow(in.Now, "now")
	if perr != nil {
		return Built{}, perr
	}
	if !in.Mode.Known() {
		return Built{}, &problem.Error{Code: problem.BadInput, Field: "mode", Message: "mode is required: server_to_server, hosted, issuer_auth or saved_card"}
	}
	var vs []problem.Violation
	bad := func(field, rule, msg string) {
		vs = append(vs, problem.Violation{Field: field, Rule: rule, Message: msg})
	}

	amount, ok := in.Amount.resolve(bad)
	req := antom.PayRequest{
		ProductCode:        "CASHIER_PAYMENT",
		PaymentRequestID:   in.PaymentRequestID,
		PaymentAmount:      amount,
		Order:              in.Order,
		PaymentMethod:      &antom.PaymentMethod{PaymentMethodType: "CARD"},
		PaymentFactor:      &antom.PaymentFactor{IsAuthorization: antom.True, CaptureMode: in.CaptureMode},
		CreditPayPlan:      in.Installments,
		PaymentRedirectURL: in.RedirectURL,
		PaymentNotifyURL:   in.NotifyURL,
		PaymentExpiryTime:  in.ExpiryTime,
		Env:                in.Env,
	}
	if !ok {
		req.PaymentAmount = nil
	}
	if in.SettlementCurrency != "" {
		req.SettlementStrategy = &antom.SettlementStrategy{SettlementCurrency: in.SettlementCurrency}
	}
	if req.Order != nil && req.Order.OrderAmount == nil && ok {
		o := *req.Order
		o.OrderAmount = amount
		req.Order = &o
	}
	md := &antom.CardMetaData{
		Is3DSAuthentication:         in.ThreeDS,
		EnableAuthenticationUpgrade: in.AuthenticationUpgrade,
		IsCardOnFile:                in.CardOnFile,
		Tokenize:                    in.Tokenize,
		NetworkTransactionID:        in.NetworkTransactionID,
		MpiData:                     in.MpiData,
		SelectedCardBrand:           in.CardBrand,
	}
	if in.Mode != ServerToServer && in.Card != nil {
		bad("card", "mode_mismatch", fmt.Sprintf("card data is only for server_to_server mode, not %s", in.Mode))
	}
	if in.Mode != SavedCard && in.CardToken != "" {
		bad("cardToken", "mode_mismatch", fmt.Sprintf("a card token is only for saved_card mode, not %s", in.Mode))
	}
	switch in.Mode {
	case ServerToServer:
		if in.Card == nil {
			bad("card", "required", "server_to_server mode needs the card")
			break
		}
		md.CardNo = card.PAN(card.Normalize(string(in.Card.Number)))
		md.Cvv = in.Card.CVV
		md.ExpiryMonth = in.Card.ExpiryMonth
		md.ExpiryYear = in.Card.ExpiryYear
		if len(md.ExpiryYear) == 4 {
			if exp, err := card.ParseExpiry(md.ExpiryMonth, md.ExpiryYear); err == nil {
				md.ExpiryYear = exp.AntomYear()
			} else if y := md.ExpiryYear; strings.HasPrefix(y, "20") && strings.Trim(y, "0123456789") == "" {
				// A bad month must not also read as a bad year.
				md.ExpiryYear = y[2:]
			}
		}
		md.CardholderName = in.Card.CardholderName
		md.BillingAddress = in.Card.BillingAddress
	case SavedCard:
		if in.CardToken == "" {
			bad("cardToken", "required", "saved_card mode needs the cardToken of an earlier payment")
		}
		req.PaymentMethod.PaymentMethodID = in.CardToken
		if !md.IsCardOnFile.IsSet() {
			md.IsCardOnFile = antom.True
		}
	case IssuerAuth:
		req.PaymentMethod.RequireIssuerAuthentication = antom.True
		if in.CaptureMode == antom.CaptureManual {
			bad("captureMode", "issuer_auth_manual_capture", "Antom supports only automatic capture for Korean issuer-authenticated cards")
		}
		if in.CardBrand == "" {
			bad("cardBrand", "required", "issuer_auth mode needs the Korean card brand (e.g. SAMSUNG, HYUNDAI, KOOKMIN)")
		}
	}
	if *md != (antom.CardMetaData{}) {
		req.PaymentMethod.PaymentMethodMetaData = md
	}
	if len(vs) > 0 {
		sortViolations(vs)
		return Built{}, problem.Invalid(vs)
	}
	body, err := outbound.MarshalBody(&req)
	if err != nil {
		return Built{}, problem.New(problem.Internal, "cannot encode the request body")
	}
	res, perr := validate(body, now, in.Mode)
	if perr != nil {
		return Built{}, perr
	}
	if !res.Valid {
		return Built{}, problem.Invalid(in.intentFindings(res.Violations))
	}
	out, err := outbound.Build("pay", body, in.Signing)
	if err != nil {
		return Built{}, problem.From(err)
	}
	return Built{Request: out, Mode: in.Mode, Warnings: in.intentFindings(res.Warnings)}, nil
}

// bodyToIntent maps a path of the built body to the intent field it came from.
var bodyToIntent = map[string]string{
	"paymentAmount": "amount",
	"paymentMethod.paymentMethodMetaData.cardNo":                      "card.number",
	"paymentMethod.paymentMethodMetaData.cvv":                         "card.cvv",
	"paymentMethod.paymentMethodMetaData.expiryMonth":                 "card.expiryMonth",
	"paymentMethod.paymentMethodMetaData.expiryYear":                  "card.expiryYear",
	"paymentMethod.paymentMethodMetaData.cardholderName":              "card.cardholderName",
	"paymentMethod.paymentMethodMetaData.billingAddress":              "card.billingAddress",
	"paymentMethod.paymentMethodMetaData.selectedCardBrand":           "cardBrand",
	"paymentMethod.paymentMethodMetaData.isCardOnFile":                "cardOnFile",
	"paymentMethod.paymentMethodMetaData.tokenize":                    "tokenize",
	"paymentMethod.paymentMethodMetaData.is3DSAuthentication":         "threeDS",
	"paymentMethod.paymentMethodMetaData.enableAuthenticationUpgrade": "authenticationUpgrade",
	"paymentMethod.paymentMethodMetaData.networkTransactionId":        "networkTransactionId",
	"paymentMethod.paymentMethodMetaData.mpiData":                     "mpiData",
	"paymentMethod.paymentMethodMetaData":                             "card",
	"paymentMethod.paymentMethodId":                                   "cardToken",
	"paymentMethod.requireIssuerAuthentication":                       "mode",
	"paymentMethod":                         "mode",
	"paymentFactor.captureMode":             "captureMode",
	"paymentRedirectUrl":                    "redirectUrl",
	"paymentNotifyUrl":                      "notifyUrl",
	"settlementStrategy.settlementCurrency": "settlementCurrency",
	"paymentExpiryTime":                     "expiryTime",
	"creditPayPlan":                         "installments",
}

// intentFindings names the findings of the built body in the intent's words
// (card.number, amount.major, redirectUrl), so the caller can find what to fix. An
// order amount the intent did not give is the payment amount: one mistake is one
// finding, not a second one on a field the caller never wrote.
func (in *Intent) intentFindings(vs []problem.Violation) []problem.Violation {
	out := make([]problem.Violation, 0, len(vs))
	seen := map[[2]string]bool{}
	for _, v := range vs {
		v.Field = in.intentPath(v.Field)
		if k := [2]string{v.Field, v.Rule}; !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

func (in *Intent) intentPath(p string) string {
	if rest, ok := cutPath(p, "order.orderAmount"); ok && (in.Order == nil || in.Order.OrderAmount == nil) {
		p = "paymentAmount" + rest
	}
	if rest, ok := cutPath(p, "paymentAmount"); ok {
		if rest == ".value" && in.Amount.Major != "" {
			rest = ".major"
		}
		return "amount" + rest
	}
	for i := len(p); i > 0; i = strings.LastIndexByte(p[:i], '.') {
		if to, ok := bodyToIntent[p[:i]]; ok {
			return to + p[i:]
		}
	}
	return p
}

// cutPath returns what follows prefix in p when p is prefix or lies below it.
func cutPath(p, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(p, prefix)
	return rest, ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}

func (a IntentAmount) resolve(bad func(field, rule, msg string)) (*antom.Amount, bool) {
	switch {
	case a.Value != "" && a.Major != "":
		bad("amount", "one_of", "give either value (minor units) or major (a decimal), not both")
		return nil, false
	case a.Major != "":
		v, err := money.ToMinor(a.Currency, a.Major)
		if err != nil {
			field := "amount.major"
			var me *money.Error
			if errors.As(err, &me) && strings.HasPrefix(me.Reason, "currency") {
				field = "amount.currency"
			}
			bad(field, moneyReason(err), err.Error())
			return nil, false
		}
		return &antom.Amount{Currency: a.Currency, Value: v}, true
	case a.Value == "" && a.Currency == "":
		bad("amount", "required", "the amount is required")
		return nil, false
	}
	return &antom.Amount{Currency: a.Currency, Value: a.Value}, true
}

func moneyReason(err error) string {
	var me *money.Error
	if errors.As(err, &me) {
		return me.Reason
	}
	return "amount"
}
