package payreq

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/card"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/core/wiretags"
)

// Result is the outcome of validating a pay request.
type Result struct {
	// Valid is true when there are no violations (warnings do not count).
	Valid bool `json:"valid"`
	// Mode is the intended mode when one was given, else the inferred one.
	Mode Mode `json:"mode"`
	// CaptureMode is the effective capture mode: AUTOMATIC when absent, "" when the
	// request's value is not a capture mode (a violation says so; the value is not
	// repeated).
	CaptureMode antom.CaptureMode `json:"captureMode"`
	// Card names the card, masked, when the request carries a card number.
	Card *CardSummary `json:"card,omitempty"`
	// Violations are broken rules: Antom would refuse the request or misread it.
	Violations []problem.Violation `json:"violations"`
	// Warnings are doubtful or missing-but-recommended things.
	Warnings []problem.Violation `json:"warnings"`
}

// CardSummary names a card without revealing it.
type CardSummary struct {
	Masked string `json:"masked"`
	Brand  string `json:"brand,omitempty"`
}

// Validate checks an Antom pay request (raw JSON) at time now. intended is the mode
// the caller means to use, or "" to infer it. Malformed JSON is an error (there is
// nothing to validate); everything else, including values of the wrong JSON type,
// is reported in the Result.
func Validate(raw []byte, now time.Time, intended Mode) (Result, error) {
	res, perr := validate(raw, now, intended)
	return res, problem.OrNil(perr)
}

// validate is Validate with the concrete error type, for this package.
func validate(raw []byte, now time.Time, intended Mode) (Result, *problem.Error) {
	var req antom.PayRequest
	c := checker{now: now, doc: raw}
	found, ok := decodeRequestDoc(raw, &req)
	if !ok {
		req = antom.PayRequest{}
		var perr *problem.Error
		if found, perr = decodeReference(raw, &req, paySchema); perr != nil {
			return Result{}, perr
		}
	}
	if len(found.issues) > 0 && found.issues[0].path == "" && found.issues[0].want != kindAny {
		return Result{}, &problem.Error{Code: problem.BadInput, Message: "the request must be a JSON object"}
	}
	c.scanned(&found, "")
	return c.finish(&req, intended), nil
}

// decodeReference decodes raw into v with encoding/json and scans its keys against
// s in a second pass. It is the reference the generated one-pass decoder
// (decode_gen.go) must agree with, and the path for input that decoder refuses as
// malformed: it words the error exactly as encoding/json does.
func decodeReference(raw []byte, v any, s *schema) (findings, *problem.Error) {
	if perr := decodeErr(json.Unmarshal(raw, v)); perr != nil {
		return findings{}, perr
	}
	return scanKeys(raw, s).findings, nil
}

// decodeErr turns a decoding error into an error for malformed JSON. Values of the
// wrong JSON type are not errors here: encoding/json skips them and goes on, and
// the key scanner reports every one with its path.
func decodeErr(err error) *problem.Error {
	var typ *json.UnmarshalTypeError
	if err == nil || errors.As(err, &typ) {
		return nil
	}
	return problem.FromJSON(err, "")
}

func (c *checker) finish(req *antom.PayRequest, intended Mode) Result {
	c.tags(req)
	mode := c.rules(req, intended)
	return c.result(req, mode)
}

type checker struct {
	now        time.Time
	violations []problem.Violation
	warnings   []problem.Violation
	typeErrors map[string]bool
	card       *CardSummary
	// doc is the scanned document, tree its generic decoding (made only when a key
	// the wire types do not model needs checking against Antom's specification).
	doc  []byte
	tree *any
}

// violate and warn record a finding; its path and message go through
// card.RedactText, since both can hold a key name from the request.
func (c *checker) violate(field, rule, msg string) {
	c.violations = append(c.violations, problem.Violation{Field: card.RedactText(field), Rule: rule, Message: card.RedactText(msg)})
}

func (c *checker) warn(field, rule, msg string) {
	c.warnings = append(c.warnings, problem.Violation{Field: card.RedactText(field), Rule: rule, Message: card.RedactText(msg)})
}

// scanned reports the unknown and duplicated keys and the Chinese characters the
// scanner found under prefix (the path of the request in the scanned document).
func (c *checker) scanned(sc *findings, prefix string) {
	for _, is := range sc.issues {
		field, _ := strings.CutPrefix(join(is.path, is.key), prefix)
		switch {
		case is.want != kindAny:
			if c.typeErrors == nil {
				c.typeErrors = map[string]bool{}
			}
			c.typeErrors[field] = true
			c.violate(field, "type", fmt.Sprintf("must be %s, not a JSON %s", is.want, is.got))
		case is.dup:
			c.warn(field, "duplicate_key", "the key appears more than once; only the last value counts")
		default:
			c.unknownKey(join(is.path, is.key), field, is.key, is.hint)
		}
	}
	for _, path := range sc.nonASCI {
		field, _ := strings.CutPrefix(path, prefix)
		c.warn(field, "chinese_characters", "Antom asks for no Chinese characters in the request")
	}
}

// tags runs the validator/v10 struct tags.
func (c *checker) tags(req *antom.PayRequest) {
	c.violations = append(c.violations, wiretags.Check(req, "")...)
}

// rules applies the mode rules and the checks tags cannot express, and returns the
// mode the request was checked as.
func (c *checker) rules(req *antom.PayRequest, intended Mode) Mode {
	pm := req.PaymentMethod
	if pm == nil {
		pm = &antom.PaymentMethod{}
	}
	md := pm.PaymentMethodMetaData
	if md == nil {
		md = &antom.CardMetaData{}
	}
	mode := infer(pm, md)
	if intended != "" {
		mode = intended
	}
	switch mode {
	case ServerToServer:
		c.serverToServer(req, pm, md)
	case Hosted:
		c.noCardData(md, "hosted_no_card_data", "the hosted payment page collects the card: a hosted request must carry no card data (that is what keeps you out of PCI scope)")
		if md.MpiData != nil {
			c.violate(metaPath+".mpiData", "hosted_no_card_data", "MPI data needs the card collected by you (server-to-server mode)")
		}
		if pm.PaymentMethodID != "" {
			c.violate("paymentMethod.paymentMethodId", "mode_mismatch", "a card token makes this a saved-card payment, not a hosted one")
		}
	case SavedCard:
		if pm.PaymentMethodID == "" {
			c.violate("paymentMethod.paymentMethodId", "required", "a saved-card payment needs the cardToken in paymentMethodId")
		}
		c.noCardData(md, "saved_card_no_card_data", "a saved-card payment sends the card token only, never raw card data")
		if !md.IsCardOnFile.IsTrue() {
			c.warn(metaPath+".isCardOnFile", "recommended", "set isCardOnFile: true to mark a stored-credential payment")
		}
	case IssuerAuth:
		c.issuerAuth(req, pm, md)
	}
	c.common(req, pm, md, mode)
	return mode
}

const metaPath = "paymentMethod.paymentMethodMetaData"

func infer(pm *antom.PaymentMethod, md *antom.CardMetaData) Mode {
	switch {
	case hasCardData(md):
		return ServerToServer
	case pm.PaymentMethodID != "":
		return SavedCard
	case pm.RequireIssuerAuthentication.IsTrue() || md.RequireIssuerAuthentication.IsTrue():
		return IssuerAuth
	}
	return Hosted
}

func hasCardData(md *antom.CardMetaData) bool {
	return md.CardNo != "" || md.Cvv != "" || md.ExpiryMonth != "" || md.ExpiryYear != ""
}

// noCardData reports each raw card field present.
func (c *checker) noCardData(md *antom.CardMetaData, rule, msg string) {
	for _, f := range []struct {
		name    string
		present bool
	}{
		{"cardNo", md.CardNo != ""}, {"cvv", md.Cvv != ""},
		{"expiryMonth", md.ExpiryMonth != ""}, {"expiryYear", md.ExpiryYear != ""},
	} {
		if f.present {
			c.violate(metaPath+"."+f.name, rule, msg)
		}
	}
}

func (c *checker) serverToServer(req *antom.PayRequest, pm *antom.PaymentMethod, md *antom.CardMetaData) {
	if pm.PaymentMethodID != "" {
		c.violate("paymentMethod.paymentMethodId", "mode_mismatch", "send either raw card data or a card token, not both")
	}
	brand := card.BrandUnknown
	switch {
	case md.CardNo == "":
		c.violate(metaPath+".cardNo", "required", "server-to-server mode needs the card number")
	case !c.typeErrors[metaPath+".cardNo"]:
		var err error
		brand, err = card.ValidatePAN(string(md.CardNo))
		if err != nil {
			c.violate(metaPath+".cardNo", cardRule(err), cardMsg(err))
		}
		if err == nil || card.ReasonOf(err) == card.ReasonLuhn || card.ReasonOf(err) == card.ReasonBrandLength {
			c.card = &CardSummary{Masked: md.CardNo.Mask(), Brand: string(brand)}
		}
	}
	c.expiry(md)
	c.cvv(md, brand)
	if md.SelectedCardBrand.Known() && brand != card.BrandUnknown && string(md.SelectedCardBrand) != string(brand) && !coBadge(md.SelectedCardBrand) {
		c.warn(metaPath+".selectedCardBrand", "brand_mismatch",
			fmt.Sprintf("the card number looks like %s, but selectedCardBrand is %s; fine for a dual-branded card, otherwise a mistake", brand, md.SelectedCardBrand))
	}
	if md.MpiData != nil && md.Is3DSAuthentication.IsTrue() {
		c.warn(metaPath+".is3DSAuthentication", "mpi_and_3ds", "mpiData says 3D Secure was done by your MPI; asking Antom for 3DS again is redundant")
	}
	if md.NetworkTransactionID != "" && !md.IsCardOnFile.IsTrue() {
		c.warn(metaPath+".isCardOnFile", "recommended", "a merchant-initiated payment with networkTransactionId uses a stored credential: set isCardOnFile: true")
	}
	if md.CardholderName == nil {
		c.warn(metaPath+".cardholderName", "recommended", "the cardholder name raises authorization rates")
	}
	if md.BillingAddress == nil {
		c.warn(metaPath+".billingAddress", "recommended", "a billing address enables AVS and lowers fraud declines")
	}
	if env := req.Env; env != nil {
		if env.ClientIP == "" {
			c.warn("env.clientIp", "recommended", "the buyer's IP address raises authorization rates")
		}
		if env.BrowserInfo == nil && (env.TerminalType == antom.TerminalWeb || env.TerminalType == antom.TerminalWap) {
			c.warn("env.browserInfo", "recommended", "browser information is needed for 3D Secure on the web")
		}
	}
}

// coBadge reports brands that ride on another scheme's card number (dual-branded
// cards), where a mismatch with the detected brand is expected.
func coBadge(b antom.CardBrand) bool {
	switch b {
	case antom.BrandCartesBancaires, antom.BrandElo, antom.BrandHipercard, antom.BrandCarnet, antom.BrandMir, antom.BrandTroy, antom.BrandCUP:
		return true
	}
	return b.Korean()
}

func (c *checker) expiry(md *antom.CardMetaData) {
	month, year := md.ExpiryMonth, md.ExpiryYear
	if month == "" {
		c.violate(metaPath+".expiryMonth", "required", "server-to-server mode needs the expiry month (\"01\" to \"12\")")
	}
	if year == "" {
		c.violate(metaPath+".expiryYear", "required", "server-to-server mode needs the expiry year (last two digits)")
	}
	if month == "" || year == "" {
		return
	}
	if len(year) == 4 {
		c.violate(metaPath+".expiryYear", "format", "Antom wants the last two digits of the year, e.g. \"29\"")
		return
	}
	exp, err := card.ParseExpiry(month, year)
	if err != nil {
		field := metaPath + ".expiryYear"
		if card.ReasonOf(err) == card.ReasonMonth {
			field = metaPath + ".expiryMonth"
		}
		c.violate(field, "format", cardMsg(err))
		return
	}
	if err := exp.Check(c.now); err != nil {
		c.violate(metaPath+".expiryYear", cardRule(err), fmt.Sprintf("%s (expiry %s/%s, now %s)", cardMsg(err), month, year, c.now.UTC().Format("2006-01")))
	}
}

func (c *checker) cvv(md *antom.CardMetaData, brand card.Brand) {
	const field = metaPath + ".cvv"
	switch {
	case md.IsCardOnFile.IsTrue() && md.Cvv != "":
		c.violate(field, "cvv_not_allowed", "card-on-file payments send no CVV")
	case md.Cvv == "":
		if !md.IsCardOnFile.IsTrue() && md.NetworkTransactionID == "" && md.MpiData == nil {
			c.warn(field, "recommended", "a buyer-present payment without CVV is declined more often")
		}
	default:
		if err := card.CheckCVV(brand, string(md.Cvv)); err != nil {
			c.violate(field, cardRule(err), cardMsg(err))
		} else if len(md.Cvv) > 3 {
			c.warn(field, "cvv_length", "Antom documents cvv as at most 3 digits; this 4-digit AMEX code may be refused")
		}
	}
}

// cardMsg is the message of a card error, which never holds the card number.
func cardMsg(err error) string {
	var ce *card.Error
	if errors.As(err, &ce) {
		return ce.Message
	}
	return "invalid card data"
}

func cardRule(err error) string {
	return strings.ToLower(card.ReasonOf(err))
}

func (c *checker) issuerAuth(req *antom.PayRequest, pm *antom.PaymentMethod, md *antom.CardMetaData) {
	brand := md.SelectedCardBrand
	switch {
	case brand == "":
		c.violate(metaPath+".selectedCardBrand", "required", "Korean issuer authentication needs the Korean card brand in selectedCardBrand")
	case !brand.Korean():
		what := "the brand"
		if brand.Known() {
			what = string(brand) // a known brand name is not an echo of anything
		}
		c.violate(metaPath+".selectedCardBrand", "korean_brand", what+" is not a Korean card brand; issuer authentication works for Korean brands only")
	}
	onMethod, inMeta := pm.RequireIssuerAuthentication, md.RequireIssuerAuthentication
	switch {
	case onMethod.IsTrue():
	case inMeta.IsTrue():
		c.warn(metaPath+".requireIssuerAuthentication", "placement",
			"Antom's API reference and SDKs put requireIssuerAuthentication on paymentMethod; the seed guide's placement in the metadata is accepted, and pay.build emits it on paymentMethod")
	default:
		c.violate("paymentMethod.requireIssuerAuthentication", "required_true", "Korean issuer authentication needs requireIssuerAuthentication: true")
	}
	c.noCardData(md, "issuer_auth_no_card_data", "Korean issuer authentication collects the card on the issuer's page: send no card data")
	if req.PaymentFactor != nil && req.PaymentFactor.CaptureMode == antom.CaptureManual {
		c.warn("paymentFactor.captureMode", "issuer_auth_manual_capture",
			"Antom supports only automatic capture for Korean issuer-authenticated cards; MANUAL will not work as expected (pay.build refuses it)")
	}
}

// common applies the rules of every mode.
func (c *checker) common(req *antom.PayRequest, pm *antom.PaymentMethod, md *antom.CardMetaData, mode Mode) {
	if f := req.PaymentFactor; f != nil && !f.IsAuthorization.IsTrue() {
		c.violate("paymentFactor.isAuthorization", "required_true", "a card authorization needs isAuthorization: true")
	}
	if md.SelectedCardBrand != "" && !md.SelectedCardBrand.Known() {
		c.violate(metaPath+".selectedCardBrand", "oneof", "the value is not an Antom card brand")
	}
	if req.PaymentExpiryTime != "" {
		if t, err := time.Parse(time.RFC3339, req.PaymentExpiryTime); err == nil && !t.After(c.now) {
			c.violate("paymentExpiryTime", "in_past", "the payment would expire before it starts")
		}
	}
	if p := req.CreditPayPlan; p != nil {
		if n := p.InstallmentNum; !n.IsSet() || n.Value() < 2 || n.Value() > 36 {
			c.violate("creditPayPlan.installmentNum", "range", "installmentNum must be 2 to 36")
		}
		if p.FeePercentage.IsSet() && (p.FeePercentage.Value() < 0 || p.FeePercentage.Value() > 100) {
			c.violate("creditPayPlan.feePercentage", "range", "feePercentage must be 0 to 100")
		}
	}
	if md.Is3DSAuthentication.IsTrue() && md.EnableAuthenticationUpgrade.IsTrue() {
		c.warn(metaPath+".enableAuthenticationUpgrade", "redundant", "authentication upgrade retries a non-3DS payment with 3DS; this payment already asks for 3DS")
	}
	if o := req.Order; o != nil {
		if pa, oa := req.PaymentAmount, o.OrderAmount; pa != nil && oa != nil && pa.Currency == oa.Currency && pa.Value != oa.Value {
			c.warn("order.orderAmount", "amount_mismatch", "orderAmount differs from paymentAmount in the same currency")
		}
		if o.Buyer == nil {
			c.warn("order.buyer", "recommended", "buyer information lowers fraud declines")
		}
		if o.Goods == nil && mode != IssuerAuth {
			c.warn("order.goods", "recommended", "goods information lowers fraud declines")
		}
		if o.Shipping == nil && mode != IssuerAuth {
			c.warn("order.shipping", "recommended", "shipping information lowers fraud declines for physical goods")
		}
		for i, g := range o.Goods {
			if q := string(g.GoodsQuantity); q != "" {
				if n, err := strconv.ParseInt(q, 10, 64); err != nil || n <= 0 {
					c.violate(fmt.Sprintf("order.goods[%d].goodsQuantity", i), "range", "goodsQuantity must be a positive whole number")
				}
			}
		}
	}
	if req.PaymentNotifyURL == "" {
		c.warn("paymentNotifyUrl", "recommended", "without a notify URL you learn the result only by inquiry")
	}
}

func (c *checker) result(req *antom.PayRequest, mode Mode) Result {
	capture := antom.CaptureAutomatic
	if req.PaymentFactor != nil && req.PaymentFactor.CaptureMode != "" {
		capture = req.PaymentFactor.CaptureMode
		if capture != antom.CaptureAutomatic && capture != antom.CaptureManual {
			capture = ""
		}
	}
	vs := c.violations
	if len(c.typeErrors) > 0 {
		kept := vs[:0]
		for _, v := range vs {
			if !c.typeErrors[v.Field] || v.Rule == "type" {
				kept = append(kept, v)
			}
		}
		vs = kept
	}
	sortViolations(vs)
	sortViolations(c.warnings)
	if vs == nil {
		vs = []problem.Violation{}
	}
	ws := c.warnings
	if ws == nil {
		ws = []problem.Violation{}
	}
	return Result{Valid: len(vs) == 0, Mode: mode, CaptureMode: capture, Card: c.card, Violations: vs, Warnings: ws}
}

func sortViolations(vs []problem.Violation) {
	sort.SliceStable(vs, func(i, j int) bool {
		if vs[i].Field != vs[j].Field {
			return vs[i].Field < vs[j].Field
		}
		return vs[i].Rule < vs[j].Rule
	})
}
