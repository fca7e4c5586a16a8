// Package outcome reads Antom's answers: given the API, the notification type, the
// result status and code (and, for inquiries, the payment or refund status) plus
// what the merchant knows (capture mode, attempt count, the time), it says what
// happened and what to do next.
//
// The mapping is data: the rule table in table.go, keyed by API, notification type,
// status and code, covers every code in Antom's documentation (testdata holds the
// sourced list, and a test checks every row). Rules never read resultStatus alone,
// never turn an unknown code into a guessed cause, and never ask for a new request
// id when the first request's fate is unknown: that is how double charges happen.
// docs/DECISIONS.md lists every reading where Antom's pages disagree.
//
// The package is pure: no clock, no I/O; "now" comes in the Context.
package outcome

import (
	"time"
)

// Outcome says what happened to the object the API is about: the payment (pay,
// inquiryPayment, notifyPayment), the capture (capture, notifyCapture), the
// cancellation (cancel) or the refund (refund, inquiryRefund, notifyRefund).
type Outcome string

// The outcome vocabulary (DESIGN.md). Terminal outcomes are Succeeded and Failed.
const (
	// Succeeded: done; for a payment, captured.
	Succeeded Outcome = "succeeded"
	// Authorized: the card payment is authorized and not (yet) captured.
	Authorized Outcome = "authorized"
	// RequiresBuyerAction: the buyer must act (3DS, hosted card page, issuer page).
	RequiresBuyerAction Outcome = "requires_buyer_action"
	// Processing: Antom is still working on it; a notification will follow.
	Processing Outcome = "processing"
	// Failed: it did not happen and will not happen for this request id.
	Failed Outcome = "failed"
	// Unknown: nobody knows yet; find out (inquire or resend the same request).
	Unknown Outcome = "unknown"
)

// Outcomes lists the outcome vocabulary.
func Outcomes() []Outcome {
	return []Outcome{Succeeded, Authorized, RequiresBuyerAction, Processing, Failed, Unknown}
}

// Kind is the next action's kind.
type Kind string

// The action vocabulary (DESIGN.md).
const (
	// None: nothing to do.
	None Kind = "none"
	// Redirect: send the buyer to Action.URL with Action.Method (and Parameters).
	Redirect Kind = "redirect"
	// Capture: call capture (MANUAL capture mode), before Action.Before.
	Capture Kind = "capture"
	// WaitNotification: wait for Action.Notification; inquire (Action.API) if it is late.
	WaitNotification Kind = "wait_notification"
	// Inquire: call Action.API (inquiryPayment or inquiryRefund) to learn the state.
	Inquire Kind = "inquire"
	// RetrySameRequest: send Action.API again with the same request id and body.
	RetrySameRequest Kind = "retry_same_request"
	// RetryNewRequest: this request is final; a new attempt needs a new request id.
	RetryNewRequest Kind = "retry_new_request"
	// Cancel: call cancel.
	Cancel Kind = "cancel"
	// FixRequest: the request (or the merchant's setup) is wrong; fix it first.
	FixRequest Kind = "fix_request"
	// ContactSupport: only Antom support can resolve it.
	ContactSupport Kind = "contact_support"
	// Refund: call refund (Action.API) for an accepted merchant refund command
	// (payment.apply). No Antom answer leads to it; it was added to DESIGN.md's
	// vocabulary because retry_new_request would wrongly suggest a failure.
	Refund Kind = "refund"
)

// Kinds lists the action vocabulary.
func Kinds() []Kind {
	return []Kind{None, Redirect, Capture, WaitNotification, Inquire, RetrySameRequest, RetryNewRequest, Cancel, FixRequest, ContactSupport, Refund}
}

// The APIs and notifications Interpret knows.
const (
	APIPay            = "pay"
	APIInquiryPayment = "inquiryPayment"
	APICapture        = "capture"
	APICancel         = "cancel"
	APIRefund         = "refund"
	APIInquiryRefund  = "inquiryRefund"
	APINotifyPayment  = "notifyPayment"
	APINotifyCapture  = "notifyCapture"
	APINotifyRefund   = "notifyRefund"
)

// APIs lists the API names Interpret accepts: the six request APIs, then the three
// notifications.
func APIs() []string {
	return []string{APIPay, APIInquiryPayment, APICapture, APICancel, APIRefund, APIInquiryRefund,
		APINotifyPayment, APINotifyCapture, APINotifyRefund}
}

// Transport failures: what happened when no Antom answer came back.
const (
	// TransportTimeout: the request was sent and the client gave up waiting.
	TransportTimeout = "timeout"
	// TransportNoResponse: the connection failed or closed without an answer.
	TransportNoResponse = "no_response"
)

// Context is what the merchant knows that Antom's answer does not say.
type Context struct {
	// CaptureMode is the pay request's paymentFactor.captureMode: AUTOMATIC (also
	// when empty, Antom's default) or MANUAL.
	CaptureMode string `json:"captureMode,omitempty"`
	// Mode is the integration mode (server_to_server, hosted, issuer_auth,
	// saved_card). It adds warnings; it does not change a decision.
	Mode string `json:"mode,omitempty"`
	// Attempt is how many times this same request (same request id) has been sent,
	// counting the one answered; 0 means 1. It drives cancel's three-U rule and the
	// three-inquiry rule for ORDER_NOT_EXIST.
	Attempt int `json:"attempt,omitempty"`
	// Now is the current time (RFC 3339). With it, delays also come as an absolute
	// Action.After, and an expired authorization (authExpiryTime) is recognised.
	Now string `json:"now,omitempty"`
}

// Capture modes and integration modes Context accepts.
const (
	CaptureAutomatic = "AUTOMATIC"
	CaptureManual    = "MANUAL"

	ModeServerToServer = "server_to_server"
	ModeHosted         = "hosted"
	ModeIssuerAuth     = "issuer_auth"
	ModeSavedCard      = "saved_card"
)

// MaxAttempts is the attempt count from which an unanswered cancel goes to Antom
// support, and from which ORDER_NOT_EXIST on an inquiry means "never created".
const MaxAttempts = 3

// Signal is everything Decide reads from one Antom answer (or from its absence).
type Signal struct {
	// API is the API that answered (APIPay ... APINotifyRefund).
	API string
	// NotifyType is the notification's notifyType (notifications only).
	NotifyType string
	// ResultStatus and ResultCode are result.resultStatus and result.resultCode.
	ResultStatus string
	ResultCode   string
	// Status is inquiryPayment's paymentStatus or the refundStatus of inquiryRefund
	// and notifyRefund; "" when absent.
	Status string
	// StatusCode is inquiryPayment's paymentResultCode (why a payment failed).
	StatusCode string
	// Transport is TransportTimeout or TransportNoResponse when no answer came back;
	// the other fields are then ignored.
	Transport string
	// HasRedirect says a pay answer carried a usable buyer redirect.
	HasRedirect bool
	// CaptureStatus is the status of the latest CAPTURE in inquiryPayment's
	// transactions (SUCCESS, PROCESSING, FAIL), "" when none.
	CaptureStatus string
	// AuthExpiryTime is the answer's authExpiryTime (RFC 3339), "" when absent.
	AuthExpiryTime string
}

// Decision is what happened and what to do next.
type Decision struct {
	Outcome Outcome `json:"outcome"`
	Action  Action  `json:"action"`
	// Terminal: the outcome is final for this request (Succeeded or Failed).
	Terminal bool `json:"terminal"`
	// Reason is a machine-readable snake_case code for the decision.
	Reason string `json:"reason"`
	// Message explains the decision to a person.
	Message string `json:"message"`
}

// Action is the next step. Only the fields its Kind needs are set.
type Action struct {
	Kind Kind `json:"kind"`
	// API is the API the step calls: capture for Capture, inquiryPayment or
	// inquiryRefund for Inquire and WaitNotification (if the notification is late),
	// the API to resend for the retries.
	API string `json:"api,omitempty"`
	// RequestID is "same" or "new" for the retries: whether the resent request keeps
	// its request id (paymentRequestId, captureRequestId, refundRequestId).
	RequestID string `json:"requestId,omitempty"`
	// Notification is the notification to wait for (notifyPayment, notifyCapture,
	// notifyRefund).
	Notification string `json:"notification,omitempty"`
	// URL, Method and Parameters say where and how to send the buyer (Redirect);
	// Source is the response field the URL came from, and Alternatives the other
	// redirect targets the response offered (for example an app link).
	URL          string           `json:"url,omitempty"`
	Method       string           `json:"method,omitempty"`
	Parameters   any              `json:"parameters,omitempty"`
	Source       string           `json:"source,omitempty"`
	Alternatives []RedirectTarget `json:"alternatives,omitempty"`
	// AfterSeconds is how long to wait before the step; After is that moment
	// (RFC 3339) when Context.Now was given.
	AfterSeconds int    `json:"afterSeconds,omitempty"`
	After        string `json:"after,omitempty"`
	// Before is the deadline of the step (Capture: the authorization's authExpiryTime).
	Before string `json:"before,omitempty"`
}

// RedirectTarget is one place to send the buyer.
type RedirectTarget struct {
	Source     string `json:"source"`
	URL        string `json:"url"`
	Method     string `json:"method"`
	Parameters any    `json:"parameters,omitempty"`
}

// Interpret decides from an API, a notification type (notifications only), a
// result status and a result code. It is Decide without the extras a full answer
// carries: for inquiryPayment and inquiryRefund a bare S has no paymentStatus to
// read and decides "unknown, inquire"; for pay's PAYMENT_IN_PROCESS it cannot see a
// redirect and decides "creation failed". Use Decide (or the response.interpret op)
// for those.
func Interpret(api, notifyType, status, code string, ctx Context) Decision {
	return Decide(Signal{API: api, NotifyType: notifyType, ResultStatus: status, ResultCode: code}, ctx)
}

// Decide returns the decision for s in ctx. It never panics and always returns an
// Outcome and an Action.Kind from the vocabularies; an API it does not know decides
// "unknown, contact support". Context values are not validated here (the op does):
// an unrecognised capture mode counts as AUTOMATIC and an unparsable Now is ignored.
func Decide(s Signal, ctx Context) Decision {
	d, _ := decide(s, ctx)
	return d
}

// finish fills the fields every decision derives: Terminal, After.
func finish(d Decision, ctx Context) Decision {
	d.Terminal = d.Outcome == Succeeded || d.Outcome == Failed
	if d.Action.AfterSeconds > 0 && ctx.Now != "" {
		if now, err := time.Parse(time.RFC3339, ctx.Now); err == nil {
			d.Action.After = now.Add(time.Duration(d.Action.AfterSeconds) * time.Second).Format(time.RFC3339)
		}
	}
	return d
}
