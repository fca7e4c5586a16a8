// Package notify reads Antom's asynchronous notifications (notifyPayment,
// notifyCapture, notifyRefund): it verifies the signature over the raw body bytes
// and your notify path before parsing anything, dispatches on notifyType, reads the
// result into an outcome and next action (core/outcome), and returns the exact
// acknowledgement to send and a dedupe key that is stable across Antom's resends.
package notify

import (
	"strings"
	"time"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/internal/antomjson"
	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/core/signature"
)

// AckBody is the exact body Antom expects back (HTTP 200, unsigned); anything else
// makes Antom resend the notification (0 s, 2 min, 10 min, ... for 24 h).
const AckBody = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`

// Input is the input of op notification.parse: the HTTP request as received.
type Input struct {
	// Path is the path of your notify URL, as Antom signed it (e.g. /antom/notify).
	Path string `json:"path"`
	// Headers are the received headers (names in any case): client-id,
	// request-time, signature. Values may be strings or, as Go's http.Header
	// marshals them, arrays of strings.
	Headers signature.Headers `json:"headers"`
	// Body is the raw body, byte for byte as received.
	Body string `json:"body"`
	// PublicKey is Antom's public key. It is required: a notification is verified
	// before anything in it is read, unless Verify is explicitly false.
	PublicKey string `json:"publicKey,omitempty"`
	// Verify false parses without verifying (tests, replaying stored bodies). The
	// result then has verified false, outcome "unknown", action "none" and no ack,
	// with the fields as received: nothing in an unverified notification may be
	// acted on. Absent means true.
	Verify *bool `json:"verify,omitempty"`
	// Now and ToleranceSeconds opt in to a freshness check of request-time. It is
	// off by default: its format is undocumented and resends may keep the old time.
	Now              string `json:"now,omitempty"`
	ToleranceSeconds int64  `json:"toleranceSeconds,omitempty"`
	// Context is what the merchant knows (captureMode, mode, now): see outcome.Context.
	Context *outcome.Context `json:"context,omitempty"`
}

// Ack is the response to send to Antom.
type Ack struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// Result is what a notification says and what to do about it.
type Result struct {
	// Verified is true when the signature was checked with PublicKey and holds.
	Verified bool `json:"verified"`
	// API is notifyPayment, notifyCapture or notifyRefund.
	API string `json:"api"`
	// The ids the notification carries.
	PaymentRequestID string `json:"paymentRequestId,omitempty"`
	PaymentID        string `json:"paymentId,omitempty"`
	CaptureRequestID string `json:"captureRequestId,omitempty"`
	CaptureID        string `json:"captureId,omitempty"`
	RefundRequestID  string `json:"refundRequestId,omitempty"`
	RefundID         string `json:"refundId,omitempty"`
	// Amount is the payment, capture or refund amount.
	Amount *antom.Amount `json:"amount,omitempty"`
	// CardToken is the saved-card token (paymentResultInfo or cardInfo), for the
	// next payment's paymentMethodId.
	CardToken string `json:"cardToken,omitempty"`
	// NetworkTransactionID links later merchant-initiated payments to this one.
	NetworkTransactionID string `json:"networkTransactionId,omitempty"`
	// The interpretation: outcome, action, terminal, reason, message, notifyType,
	// resultCode, resultStatus, cardChecks, warnings.
	outcome.Result
	// DedupeKey is the same for every delivery of the same notification: store it
	// and skip a notification whose key you have processed (still acknowledge it).
	DedupeKey string `json:"dedupeKey"`
	// Ack is the exact response to send; absent when the notification was not
	// verified ("verify": false).
	Ack *Ack `json:"ack,omitempty"`
}

// Op is op notification.parse. A signature that does not verify is BAD_SIGNATURE
// (with its reason) and no acknowledgement: do not acknowledge what you cannot trust.
func Op(input []byte) (any, error) {
	res, perr := op(input)
	return res, problem.OrNil(perr)
}

// op is Op with the concrete error type, for this package.
func op(input []byte) (any, *problem.Error) {
	var in Input
	if err := problem.From(problem.DecodeStrictWith(input, &in, decodeInputDoc)); err != nil {
		return nil, err
	}
	res, perr := parse(in)
	if perr != nil {
		return nil, perr
	}
	return res, nil
}

// Parse verifies (when a public key is given) and reads a notification.
func Parse(in Input) (Result, error) {
	res, perr := parse(in)
	return res, problem.OrNil(perr)
}

// parse is Parse with the concrete error type, for this package.
func parse(in Input) (Result, *problem.Error) {
	body := []byte(in.Body)
	var res Result
	verify := in.Verify == nil || *in.Verify
	switch {
	case verify && in.PublicKey == "":
		return Result{}, &problem.Error{Code: problem.BadInput, Field: "publicKey",
			Message: `publicKey is required: a notification is verified before it is read ("verify": false parses without verifying, for tests)`}
	case !verify && in.PublicKey != "":
		return Result{}, &problem.Error{Code: problem.BadInput, Field: "verify", Message: `"verify": false and a publicKey contradict each other: give one`}
	}
	if verify {
		if in.Path == "" {
			return Result{}, &problem.Error{Code: problem.BadInput, Field: "path", Message: "path is required to verify: Antom signs your notify path"}
		}
		if msg := signature.PathProblem(in.Path); msg != "" {
			return Result{}, &problem.Error{Code: problem.BadInput, Field: "path", Message: msg}
		}
		pub, err := signature.ParsePublicKey(in.PublicKey)
		if err != nil {
			return Result{}, signature.Problem(err, "publicKey")
		}
		opts, perr := freshness(in.Now, in.ToleranceSeconds)
		if perr != nil {
			return Result{}, perr
		}
		if err := signature.VerifyNotification(pub, in.Path, in.Headers, body, opts); err != nil {
			return Result{}, signature.Problem(err, "headers")
		}
		res.Verified = true
	}
	var n union
	if err := antomjson.Unmarshal(body, &n, decodeUnionDoc); err != nil {
		if strings.TrimSpace(in.Body) == "" {
			return Result{}, &problem.Error{Code: problem.BadInput, Field: "body", Message: "body is required: the raw notification body"}
		}
		return Result{}, within(problem.FromJSON(err, ""))
	}
	var ctx outcome.Context
	if in.Context != nil {
		ctx = *in.Context
	}
	switch apiOf(n.NotifyType, n.RefundRequestID, n.CaptureRequestID) {
	case outcome.APINotifyCapture:
		c := antom.CaptureNotification{NotifyType: n.NotifyType, Result: n.Result, CaptureRequestID: n.CaptureRequestID,
			PaymentID: n.PaymentID, CaptureID: n.CaptureID, CaptureAmount: n.CaptureAmount, CaptureTime: n.CaptureTime, AcquirerReferenceNo: n.AcquirerReferenceNo}
		res.API = outcome.APINotifyCapture
		res.CaptureRequestID, res.CaptureID, res.PaymentID, res.Amount = c.CaptureRequestID, c.CaptureID, c.PaymentID, c.CaptureAmount
		res.Result = outcome.InterpretCaptureNotification(&c, ctx)
		res.DedupeKey = dedupeKey(string(c.NotifyType), first(c.CaptureID, c.CaptureRequestID), c.Result, "")
	case outcome.APINotifyRefund:
		r := antom.RefundNotification{NotifyType: n.NotifyType, Result: n.Result, RefundStatus: n.RefundStatus, RefundRequestID: n.RefundRequestID,
			RefundID: n.RefundID, RefundAmount: n.RefundAmount, RefundTime: n.RefundTime, Arn: n.Arn}
		res.API = outcome.APINotifyRefund
		res.RefundRequestID, res.RefundID, res.Amount = r.RefundRequestID, r.RefundID, r.RefundAmount
		res.Result = outcome.InterpretRefundNotification(&r, ctx)
		res.DedupeKey = dedupeKey(string(r.NotifyType), first(r.RefundID, r.RefundRequestID), r.Result, string(r.RefundStatus))
	default:
		p := n.PaymentNotification
		res.API = outcome.APINotifyPayment
		res.PaymentRequestID, res.PaymentID, res.Amount = p.PaymentRequestID, p.PaymentID, p.PaymentAmount
		res.CardToken, res.NetworkTransactionID = cardToken(&p)
		res.Result = outcome.InterpretPaymentNotification(&p, ctx)
		res.DedupeKey = dedupeKey(string(p.NotifyType), first(p.PaymentID, p.PaymentRequestID), p.Result, "")
	}
	if !res.Verified {
		// Parsed fields only: no outcome to rely on, no step to take, nothing to
		// acknowledge.
		res.Decision = outcome.Decision{Outcome: outcome.Unknown, Action: outcome.Action{Kind: outcome.None}, Reason: "not_verified",
			Message: `Not verified ("verify": false): the fields are as received; nothing in them may be acted on, and nothing is acknowledged.`}
		res.Warnings = append(res.Warnings, outcome.Warning{Field: "verify", Message: "not verified: never act on an unverified notification"})
		return res, nil
	}
	res.Ack = &Ack{Status: 200, Headers: map[string]string{"Content-Type": signature.ContentType}, Body: AckBody}
	return res, nil
}

// union holds the fields of every notification type, so a body is decoded once
// whatever its notifyType; the typed notification is then assembled from it.
type union struct {
	antom.PaymentNotification
	CaptureRequestID string             `json:"captureRequestId"`
	CaptureID        string             `json:"captureId"`
	CaptureAmount    *antom.Amount      `json:"captureAmount"`
	CaptureTime      string             `json:"captureTime"`
	RefundStatus     antom.RefundStatus `json:"refundStatus"`
	RefundRequestID  string             `json:"refundRequestId"`
	RefundID         string             `json:"refundId"`
	RefundAmount     *antom.Amount      `json:"refundAmount"`
	RefundTime       string             `json:"refundTime"`
	Arn              string             `json:"arn"`
}

func apiOf(t antom.NotifyType, refundRequestID, captureRequestID string) string {
	switch t {
	case antom.NotifyCaptureResult:
		return outcome.APINotifyCapture
	case antom.NotifyRefundResult:
		return outcome.APINotifyRefund
	case antom.NotifyPaymentResult, antom.NotifyPaymentPending, antom.NotifyUpdateAmountResult:
		return outcome.APINotifyPayment
	}
	// An undocumented or missing notifyType: go by the ids it carries; outcome then
	// answers "unknown, inquire" for the type it does not know.
	switch {
	case refundRequestID != "":
		return outcome.APINotifyRefund
	case captureRequestID != "":
		return outcome.APINotifyCapture
	}
	return outcome.APINotifyPayment
}

// dedupeKey names a notification by what it says, not by how it was delivered:
// resends carry the same type, id and result, while request-time and signature may
// change.
func dedupeKey(notifyType, id string, r *antom.Result, refundStatus string) string {
	var status, code string
	if r != nil {
		status, code = string(r.ResultStatus), r.ResultCode
	}
	parts := []string{orDash(notifyType), orDash(id), orDash(status), orDash(code)}
	if refundStatus != "" {
		parts = append(parts, refundStatus)
	}
	return strings.Join(parts, ":")
}

func cardToken(n *antom.PaymentNotification) (token, ntid string) {
	if i := n.PaymentResultInfo; i != nil {
		token, ntid = i.CardToken, i.NetworkTransactionID
	}
	if c := n.CardInfo; c != nil {
		token = first(token, c.CardToken)
	}
	return token, ntid
}

func freshness(now string, toleranceSeconds int64) (signature.VerifyOptions, *problem.Error) {
	if toleranceSeconds <= 0 {
		if toleranceSeconds < 0 {
			return signature.VerifyOptions{}, &problem.Error{Code: problem.BadInput, Field: "toleranceSeconds", Message: "toleranceSeconds must not be negative"}
		}
		return signature.VerifyOptions{}, nil
	}
	t, err := time.Parse(time.RFC3339, now)
	if err != nil {
		return signature.VerifyOptions{}, &problem.Error{Code: problem.BadInput, Field: "now", Message: "toleranceSeconds needs now (RFC 3339): the core reads no clock"}
	}
	return signature.VerifyOptions{Now: t, Tolerance: time.Duration(toleranceSeconds) * time.Second}, nil
}

// within places a body decoding error under the op input's "body" field.
func within(e *problem.Error) *problem.Error {
	out := *e
	if out.Field == "" {
		out.Field = "body"
	} else {
		out.Field = "body." + out.Field
	}
	return &out
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
