package outcome

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/paycore/paycore/core/antom"
)

// Result is a Decision with what it was made from: the (sanitised) codes and
// statuses of the answer, the decoded card checks, and warnings about parts of the
// answer that could not be used. It is the result of the response.interpret op.
type Result struct {
	Decision
	ResultCode        string      `json:"resultCode,omitempty"`
	ResultStatus      string      `json:"resultStatus,omitempty"`
	NotifyType        string      `json:"notifyType,omitempty"`
	PaymentStatus     string      `json:"paymentStatus,omitempty"`
	PaymentResultCode string      `json:"paymentResultCode,omitempty"`
	RefundStatus      string      `json:"refundStatus,omitempty"`
	CaptureStatus     string      `json:"captureStatus,omitempty"`
	AuthExpiryTime    string      `json:"authExpiryTime,omitempty"`
	CardChecks        *CardChecks `json:"cardChecks,omitempty"`
	Warnings          []Warning   `json:"warnings,omitempty"`
}

// Warning reports a part of the answer (or context) that was malformed or
// ignored. Field is a path in the op input (response.paymentActionForm, ...).
type Warning struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// InterpretTransport decides for a request that got no answer (transport is
// TransportTimeout or TransportNoResponse): the outcome is unknown and the next
// step never uses a new request id.
func InterpretTransport(api, transport string, ctx Context) Result {
	res := Result{Decision: Decide(Signal{API: api, Transport: transport}, ctx)}
	res.Warnings = contextWarnings(ctx)
	return res
}

// InterpretPay decides from a pay response. With U and PAYMENT_IN_PROCESS it picks
// the redirect (normalUrl, then redirectActionForm, applinkUrl, schemeUrl,
// paymentActionForm); with no usable URL the payment was not created.
func InterpretPay(r *antom.PayResponse, ctx Context) Result {
	var w []Warning
	sig := Signal{API: APIPay, AuthExpiryTime: authExpiry(r.AuthExpiryTime, &w)}
	setResult(&sig, r.Result)
	var primary *RedirectTarget
	var alts []RedirectTarget
	if sig.ResultStatus == "U" && sig.ResultCode == "PAYMENT_IN_PROCESS" {
		primary, alts = redirects(r, &w)
		sig.HasRedirect = primary != nil
	} else if r.PaymentActionForm.Problem != "" {
		w = append(w, Warning{Field: "response.paymentActionForm", Message: r.PaymentActionForm.Problem})
	}
	res := result(sig, ctx, w)
	if res.Action.Kind == Redirect && primary != nil {
		res.Action.URL, res.Action.Method, res.Action.Parameters, res.Action.Source = primary.URL, primary.Method, primary.Parameters, primary.Source
		res.Action.Alternatives = alts
	}
	res.CardChecks = CheckCard(r.PaymentResultInfo, nil)
	return res
}

// InterpretInquiryPayment decides from an inquiryPayment response: from
// paymentStatus (and paymentResultCode, and the latest capture in transactions)
// when the inquiry succeeded; as "unknown" when the inquiry call itself did not.
func InterpretInquiryPayment(r *antom.InquiryPaymentResponse, ctx Context) Result {
	var w []Warning
	sig := Signal{API: APIInquiryPayment, Status: string(r.PaymentStatus), StatusCode: r.PaymentResultCode,
		CaptureStatus: latestCapture(r.Transactions), AuthExpiryTime: authExpiry(r.AuthExpiryTime, &w)}
	setResult(&sig, r.Result)
	res := result(sig, ctx, w)
	if sig.ResultStatus == "S" { // a failed inquiry's paymentStatus is not echoed: it means nothing
		res.PaymentStatus = safe(sig.Status)
		res.PaymentResultCode = safe(sig.StatusCode)
		res.CaptureStatus = safe(sig.CaptureStatus)
	}
	res.CardChecks = CheckCard(r.PaymentResultInfo, r.CardInfo)
	return res
}

// InterpretCapture decides from a capture response.
func InterpretCapture(r *antom.CaptureResponse, ctx Context) Result {
	sig := Signal{API: APICapture}
	setResult(&sig, r.Result)
	return result(sig, ctx, nil)
}

// InterpretCancel decides from a cancel response (Context.Attempt drives the
// three-U rule).
func InterpretCancel(r *antom.CancelResponse, ctx Context) Result {
	sig := Signal{API: APICancel}
	setResult(&sig, r.Result)
	return result(sig, ctx, nil)
}

// InterpretRefund decides from a refund response.
func InterpretRefund(r *antom.RefundResponse, ctx Context) Result {
	sig := Signal{API: APIRefund}
	setResult(&sig, r.Result)
	return result(sig, ctx, nil)
}

// InterpretInquiryRefund decides from an inquiryRefund response: from refundStatus
// when the inquiry succeeded.
func InterpretInquiryRefund(r *antom.InquiryRefundResponse, ctx Context) Result {
	sig := Signal{API: APIInquiryRefund, Status: string(r.RefundStatus)}
	setResult(&sig, r.Result)
	res := result(sig, ctx, nil)
	if sig.ResultStatus == "S" {
		res.RefundStatus = safe(sig.Status)
	}
	return res
}

// InterpretPaymentNotification decides from a notifyPayment body (verify its
// signature first). PAYMENT_PENDING with S is "processing", never success.
func InterpretPaymentNotification(n *antom.PaymentNotification, ctx Context) Result {
	var w []Warning
	sig := Signal{API: APINotifyPayment, NotifyType: string(n.NotifyType), AuthExpiryTime: authExpiry(n.AuthExpiryTime, &w)}
	setResult(&sig, n.Result)
	res := result(sig, ctx, w)
	res.NotifyType = safe(sig.NotifyType)
	res.CardChecks = CheckCard(n.PaymentResultInfo, n.CardInfo)
	return res
}

// InterpretCaptureNotification decides from a notifyCapture body.
func InterpretCaptureNotification(n *antom.CaptureNotification, ctx Context) Result {
	sig := Signal{API: APINotifyCapture, NotifyType: string(n.NotifyType)}
	setResult(&sig, n.Result)
	res := result(sig, ctx, nil)
	res.NotifyType = safe(sig.NotifyType)
	return res
}

// InterpretRefundNotification decides from a notifyRefund body; a refundStatus
// that contradicts resultStatus makes the outcome unknown.
func InterpretRefundNotification(n *antom.RefundNotification, ctx Context) Result {
	sig := Signal{API: APINotifyRefund, NotifyType: string(n.NotifyType), Status: string(n.RefundStatus)}
	setResult(&sig, n.Result)
	res := result(sig, ctx, nil)
	res.NotifyType = safe(sig.NotifyType)
	res.RefundStatus = safe(sig.Status)
	return res
}

func setResult(sig *Signal, r *antom.Result) {
	if r != nil {
		sig.ResultStatus, sig.ResultCode = string(r.ResultStatus), r.ResultCode
	}
}

func result(sig Signal, ctx Context, w []Warning) Result {
	res := Result{Decision: Decide(sig, ctx), ResultCode: safe(sig.ResultCode), ResultStatus: safe(sig.ResultStatus),
		AuthExpiryTime: sig.AuthExpiryTime}
	if sig.ResultCode != "" && res.ResultCode == "" {
		w = append(w, Warning{Field: "response.result.resultCode", Message: "the result code is not a plain code; it is not shown"})
	}
	res.Warnings = append(w, contextWarnings(ctx)...)
	return res
}

func contextWarnings(ctx Context) []Warning {
	if ctx.Mode == ModeIssuerAuth && ctx.CaptureMode == CaptureManual {
		return []Warning{{Field: "context.captureMode", Message: "Antom's capture guide says Korean issuer-authenticated cards support automatic capture only; MANUAL is honoured here (a redundant capture call is harmless, a missed one is not), but expect Antom to capture automatically"}}
	}
	return nil
}

// authExpiry returns authExpiryTime when it is RFC 3339, and warns otherwise.
func authExpiry(v string, w *[]Warning) string {
	if v == "" {
		return ""
	}
	if _, err := time.Parse(time.RFC3339, v); err != nil {
		*w = append(*w, Warning{Field: "response.authExpiryTime", Message: "authExpiryTime is not an RFC 3339 time; ignored"})
		return ""
	}
	return v
}

// latestCapture returns the status of the last CAPTURE transaction, "" if none.
func latestCapture(ts []antom.Transaction) string {
	status := ""
	for _, t := range ts {
		if t.TransactionType == antom.TransactionCapture {
			status = t.TransactionStatus
		}
	}
	return status
}

// redirects collects the buyer redirects of a pay response in priority order:
// normalUrl (the URL Antom's card guide says to use; it takes the method and
// parameters of redirectActionForm when that names the same URL), then
// redirectActionForm, applinkUrl, schemeUrl and paymentActionForm. The first usable
// one is primary, the other distinct ones are alternatives.
func redirects(r *antom.PayResponse, w *[]Warning) (*RedirectTarget, []RedirectTarget) {
	var all []RedirectTarget
	addURL := func(source, url, method string, params json.RawMessage, web bool) {
		url = strings.TrimSpace(url)
		if url == "" {
			return
		}
		if !usableURL(url, web) {
			*w = append(*w, Warning{Field: "response." + source, Message: source + " is not a usable " + map[bool]string{true: "http(s)", false: "app"}[web] + " URL; ignored"})
			return
		}
		for _, x := range all {
			if x.URL == url {
				return
			}
		}
		m := strings.ToUpper(strings.TrimSpace(method))
		switch m {
		case "":
			m = "GET"
		case "GET", "POST":
		default:
			*w = append(*w, Warning{Field: "response." + source, Message: "the redirect method is neither GET nor POST; using GET"})
			m = "GET"
		}
		all = append(all, RedirectTarget{Source: source, URL: url, Method: m, Parameters: parameters(params)})
	}
	form := r.RedirectActionForm
	if form == nil {
		form = &antom.RedirectActionForm{}
	}
	if strings.TrimSpace(r.NormalURL) != "" && strings.TrimSpace(r.NormalURL) == strings.TrimSpace(form.RedirectURL) {
		addURL("normalUrl", r.NormalURL, form.Method, form.Parameters, true)
	} else {
		addURL("normalUrl", r.NormalURL, "GET", nil, true)
	}
	addURL("redirectActionForm.redirectUrl", form.RedirectURL, form.Method, form.Parameters, true)
	addURL("applinkUrl", r.ApplinkURL, "GET", nil, true)
	addURL("schemeUrl", r.SchemeURL, "GET", nil, false)
	if r.PaymentActionForm.Problem != "" {
		*w = append(*w, Warning{Field: "response.paymentActionForm", Message: r.PaymentActionForm.Problem})
	}
	if f := r.PaymentActionForm.Form; f != nil {
		addURL("paymentActionForm.redirectUrl", f.RedirectURL, f.Method, f.Parameters, true)
	}
	if len(all) == 0 {
		return nil, nil
	}
	primary := all[0]
	if len(all) == 1 {
		return &primary, nil
	}
	return &primary, all[1:]
}

// usableURL accepts an absolute http(s) URL (web) or, for an app link, any URL
// with a scheme other than javascript, data, vbscript or file. No spaces or
// control characters.
func usableURL(u string, web bool) bool {
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] == 0x7f {
			return false
		}
	}
	for _, p := range [...]string{"https://", "http://"} {
		if len(u) >= len(p) && strings.EqualFold(u[:len(p)], p) {
			rest := u[len(p):]
			return rest != "" && rest[0] != '/'
		}
	}
	if web {
		return false
	}
	colon := strings.IndexByte(u, ':')
	if colon < 1 {
		return false
	}
	scheme := strings.ToLower(u[:colon])
	for i := 0; i < len(scheme); i++ {
		c := scheme[i]
		if !(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	switch scheme {
	case "javascript", "data", "vbscript", "file":
		return false
	}
	return colon+1 < len(u)
}

// parameters turns a redirect form's parameters into output: a JSON string as
// the string, an object as the object, nothing for null or empty.
func parameters(raw json.RawMessage) any {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return nil
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return nil
	}
	return raw
}
