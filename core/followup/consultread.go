package followup

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
)

// Consultation is the result of consult.read: what the buyer can be offered.
type Consultation struct {
	// Succeeded is true when consult answered resultStatus S. Otherwise the call
	// failed (F) or its outcome is unknown (U): Methods and IssuerAuthBrands are
	// empty, since a failed consult offers nothing; consult is optional, so the
	// flow can go on to pay (Antom's hosted page lets the buyer pick a brand).
	Succeeded     bool               `json:"succeeded"`
	ResultStatus  antom.ResultStatus `json:"resultStatus"`
	ResultCode    string             `json:"resultCode"`
	ResultMessage string             `json:"resultMessage,omitempty"`
	// Methods are the payment options in Antom's order (Antom sorts them by
	// relevance for the buyer's region).
	Methods []Method `json:"methods"`
	// IssuerAuthBrands are the Korean local card brands of the enabled CARD
	// options, deduplicated in Antom's order: the brands to offer for Korean issuer
	// authentication (pay.build mode issuer_auth, cardBrand). Consult does not say
	// whether the contract includes issuer authentication; these are the Korean
	// brands that can pay this amount now.
	IssuerAuthBrands []antom.CardBrand `json:"issuerAuthBrands"`
	// Warnings name what was left out of the answer and why.
	Warnings []problem.Violation `json:"warnings"`
}

// Method is one payment option of a consult answer.
type Method struct {
	// Type is paymentMethodType, e.g. CARD.
	Type     string `json:"type"`
	Category string `json:"category,omitempty"`
	// Enabled is true only when Antom said so; an option without enabled is
	// treated as unavailable.
	Enabled       bool     `json:"enabled"`
	DisableReason string   `json:"disableReason,omitempty"`
	Preferred     bool     `json:"preferred,omitempty"`
	Regions       []string `json:"regions,omitempty"`
	Currencies    []string `json:"currencies,omitempty"`
	Logo          *Logo    `json:"logo,omitempty"`
	// CardBrands are the brands a CARD option accepts.
	CardBrands []Brand  `json:"cardBrands,omitempty"`
	Funding    []string `json:"funding,omitempty"`
	Banks      []Bank   `json:"banks,omitempty"`
}

// Brand is one card brand of a CARD option.
type Brand struct {
	Brand antom.CardBrand `json:"brand"`
	// Known is true when the brand is in Antom's card brand list (pay.build sends
	// only known brands as selectedCardBrand).
	Known bool `json:"known"`
	// Korean is true for Korean local brands, the ones Korean issuer
	// authentication applies to.
	Korean bool  `json:"korean"`
	Logo   *Logo `json:"logo,omitempty"`
}

// Bank is one bank of a bank payment option.
type Bank struct {
	Code string `json:"code,omitempty"`
	Name string `json:"name,omitempty"`
	Logo *Logo  `json:"logo,omitempty"`
}

// Logo is a logo Antom hosts.
type Logo struct {
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

// ReadConsult reads a consult response. Values are shown only when they look like
// what they claim to be (a code, a name, an http(s) URL): anything else from the
// outside is left out with a warning naming its field, so a mistaken field cannot
// carry, say, a card number into the result. A missing result is BAD_INPUT.
func ReadConsult(r *antom.ConsultResponse) (Consultation, error) {
	res, perr := readConsult(r)
	return res, problem.OrNil(perr)
}

// readConsult is ReadConsult with the concrete error type, for this package.
func readConsult(r *antom.ConsultResponse) (Consultation, *problem.Error) {
	if r.Result == nil {
		return Consultation{}, &problem.Error{Code: problem.BadInput, Field: "response.result", Message: "response.result is required: every Antom response carries one"}
	}
	rd := reader{}
	out := Consultation{
		ResultStatus:     antom.ResultStatus(rd.code("response.result.resultStatus", string(r.Result.ResultStatus))),
		ResultCode:       rd.code("response.result.resultCode", r.Result.ResultCode),
		ResultMessage:    rd.name("response.result.resultMessage", r.Result.ResultMessage),
		Methods:          []Method{},
		IssuerAuthBrands: []antom.CardBrand{},
	}
	out.Succeeded = out.ResultStatus == antom.ResultSuccess
	if out.Succeeded {
		for i := range r.PaymentOptions {
			rd.option(&out, &r.PaymentOptions[i], fmt.Sprintf("response.paymentOptions[%d]", i))
		}
	}
	out.Warnings = rd.warnings
	if out.Warnings == nil {
		out.Warnings = []problem.Violation{}
	}
	return out, nil
}

// reader filters outside values and collects warnings about the ones it drops.
type reader struct {
	warnings []problem.Violation
}

func (rd *reader) warn(field, rule, msg string) {
	rd.warnings = append(rd.warnings, problem.Violation{Field: field, Rule: rule, Message: msg})
}

func (rd *reader) option(out *Consultation, o *antom.PaymentOption, path string) {
	typ := rd.code(path+".paymentMethodType", o.PaymentMethodType)
	if typ == "" {
		if o.PaymentMethodType == "" {
			rd.warn(path+".paymentMethodType", "missing", "an option without paymentMethodType is left out")
		}
		return
	}
	m := Method{
		Type:          typ,
		Category:      rd.code(path+".paymentMethodCategory", o.PaymentMethodCategory),
		Enabled:       o.Enabled.IsTrue(),
		DisableReason: rd.code(path+".disableReason", o.DisableReason),
		Preferred:     o.Preferred.IsTrue(),
		Regions:       rd.codes(path+".paymentMethodRegion", o.PaymentMethodRegion),
		Currencies:    rd.codes(path+".supportedCurrencies", o.SupportedCurrencies),
		Logo:          rd.logo(path+".logo", o.Logo),
	}
	if !o.Enabled.IsSet() {
		rd.warn(path+".enabled", "missing", "enabled is missing (or not a boolean): the option is treated as unavailable")
	}
	if d := o.PaymentOptionDetail; d != nil {
		dpath := path + ".paymentOptionDetail"
		seen := map[antom.CardBrand]bool{}
		for j, b := range d.SupportCardBrands {
			bpath := fmt.Sprintf("%s.supportCardBrands[%d]", dpath, j)
			if b.CardBrand == "" {
				rd.warn(bpath+".cardBrand", "missing", "a brand entry without cardBrand is left out")
				continue
			}
			name := antom.CardBrand(rd.code(bpath+".cardBrand", string(b.CardBrand)))
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			if !name.Known() {
				rd.warn(bpath+".cardBrand", "unknown_brand", "paycore does not know this card brand; pay.build cannot send it as selectedCardBrand")
			}
			m.CardBrands = append(m.CardBrands, Brand{Brand: name, Known: name.Known(), Korean: name.Korean(), Logo: rd.logo(bpath+".logo", b.Logo)})
			if typ == "CARD" && m.Enabled && name.Korean() && !contains(out.IssuerAuthBrands, name) {
				out.IssuerAuthBrands = append(out.IssuerAuthBrands, name)
			}
		}
		m.Funding = rd.codes(dpath+".funding", d.Funding)
		for j, b := range d.SupportBanks {
			bpath := fmt.Sprintf("%s.supportBanks[%d]", dpath, j)
			bank := Bank{
				Code: rd.code(bpath+".bankIdentifierCode", b.BankIdentifierCode),
				Name: rd.name(bpath+".bankShortName", b.BankShortName),
				Logo: rd.logo(bpath+".bankLogo", b.BankLogo),
			}
			if bank != (Bank{}) {
				m.Banks = append(m.Banks, bank)
			}
		}
	}
	out.Methods = append(out.Methods, m)
}

func contains(bs []antom.CardBrand, b antom.CardBrand) bool {
	for _, x := range bs {
		if x == b {
			return true
		}
	}
	return false
}

// code returns v when it is a plausible code: 1 to 64 characters from
// [A-Za-z0-9_.:-] without a run of 12 or more digits (the shortest card number).
// Otherwise it warns (unless v is empty) and returns "".
func (rd *reader) code(field, v string) string {
	if v == "" {
		return ""
	}
	if why := outcome.CodeProblem(v); why != "" {
		rd.warn(field, "not_shown", "not shown: "+why)
		return ""
	}
	return v
}

// codes filters a list of codes, dropping the implausible ones.
func (rd *reader) codes(field string, vs antom.StringList) []string {
	var out []string
	for i, v := range vs {
		if c := rd.code(fmt.Sprintf("%s[%d]", field, i), v); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// name returns v when it is short display text: valid UTF-8 without control
// characters, at most 256 characters, without a run of 12 or more digits, with at
// least one letter (digits alone are not a name, and could be a CVV).
func (rd *reader) name(field, v string) string {
	if v == "" {
		return ""
	}
	if !utf8.ValidString(v) || utf8.RuneCountInString(v) > 256 {
		rd.warn(field, "not_shown", "not shown: not short text")
		return ""
	}
	digits := 0
	for _, r := range v {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			rd.warn(field, "not_shown", "not shown: holds control characters")
			return ""
		case r >= '0' && r <= '9':
			digits++
			if digits >= 12 {
				rd.warn(field, "not_shown", "not shown: a long run of digits")
				return ""
			}
			continue
		}
		digits = 0
	}
	if strings.IndexFunc(v, unicode.IsLetter) < 0 {
		rd.warn(field, "not_shown", "not shown: no letter in it")
		return ""
	}
	return v
}

// logo reads a logo: its name as text and its URL only when it is an absolute
// http(s) URL of at most 2048 printable ASCII characters.
func (rd *reader) logo(field string, l *antom.Logo) *Logo {
	if l == nil {
		return nil
	}
	out := Logo{Name: rd.name(field+".logoName", l.LogoName)}
	if v := l.LogoURL; v != "" {
		u, err := url.Parse(v)
		if len(v) > 2048 || !printableASCII(v) || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			rd.warn(field+".logoUrl", "not_shown", "not shown: not an absolute http(s) URL")
		} else {
			out.URL = v
		}
	}
	if out == (Logo{}) {
		return nil
	}
	return &out
}
