package lifecycle

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
)

// EventType names an event. The set is closed.
type EventType string

// Merchant commands: checked by the guards, accepted (the state records the
// request and the action says to send it) or refused (the state is unchanged).
const (
	// PayRequested starts a payment (state null) or, once the current one has
	// failed or been cancelled, a new attempt for the same order with a new
	// paymentRequestId. Fields: paymentRequestId, amount, captureMode, orderId.
	PayRequested EventType = "pay_requested"
	// CaptureRequested asks to capture (MANUAL capture). Fields: captureRequestId,
	// amount (default: the authorized amount), allowPartial.
	CaptureRequested EventType = "capture_requested"
	// CancelRequested asks to cancel the payment. No fields.
	CancelRequested EventType = "cancel_requested"
	// RefundRequested asks to refund. Fields: refundRequestId, amount.
	RefundRequested EventType = "refund_requested"
)

// Antom's answers: response is the response body Antom returned (a JSON object,
// or a JSON string holding it), notification a verified notification body.
const (
	PayResponse           EventType = "pay_response"
	InquiryResponse       EventType = "inquiry_response"
	CaptureResponse       EventType = "capture_response"
	CancelResponse        EventType = "cancel_response"
	RefundResponse        EventType = "refund_response"
	InquiryRefundResponse EventType = "inquiry_refund_response"
	Notification          EventType = "notification"
	// Timeout says a request got no answer. Fields: api, transport ("timeout" or
	// "no_response"), the request id the api uses, attempt.
	Timeout EventType = "timeout"
)

// EventTypes lists the event vocabulary.
func EventTypes() []EventType {
	return []EventType{PayRequested, CaptureRequested, CancelRequested, RefundRequested,
		PayResponse, InquiryResponse, CaptureResponse, CancelResponse, RefundResponse, InquiryRefundResponse,
		Notification, Timeout}
}

// Event is one event. Only the fields its Type lists may be set.
type Event struct {
	Type EventType `json:"type"`
	// PaymentRequestID: pay_requested; timeout of pay, inquiryPayment or cancel
	// (default: the state's).
	PaymentRequestID string `json:"paymentRequestId,omitempty"`
	// OrderID is the order (referenceOrderId) the payment pays: pay_requested.
	OrderID string `json:"orderId,omitempty"`
	// CaptureMode is AUTOMATIC (default) or MANUAL: pay_requested.
	CaptureMode string `json:"captureMode,omitempty"`
	// CaptureRequestID: capture_requested; capture_response and timeout of
	// capture when the response does not echo it.
	CaptureRequestID string `json:"captureRequestId,omitempty"`
	// RefundRequestID: refund_requested; refund_response, inquiry_refund_response
	// and timeout of refund or inquiryRefund when the response does not echo it.
	RefundRequestID string `json:"refundRequestId,omitempty"`
	// Amount: pay_requested, refund_requested (required), capture_requested.
	Amount *money.Amount `json:"amount,omitempty"`
	// AllowPartial lets capture_requested capture less than the authorized amount,
	// or capture more than once (Antom's contract must allow it).
	AllowPartial bool `json:"allowPartial,omitempty"`
	// Response is Antom's response body: the *_response events.
	Response json.RawMessage `json:"response,omitempty"`
	// Notification is a notification body, verified by the host: notification.
	Notification json.RawMessage `json:"notification,omitempty"`
	// API is the API that got no answer: timeout.
	API string `json:"api,omitempty"`
	// Transport is "timeout" (default) or "no_response": timeout.
	Transport string `json:"transport,omitempty"`
	// Attempt is which send of the same request this answer is for (1-based,
	// default 1): *_response and timeout. Cancel's three-unknowns rule and the
	// inquiries' three-not-found rule count it.
	Attempt int `json:"attempt,omitempty"`
}

// field bits, for the per-type field check.
const (
	fPaymentRequestID = 1 << iota
	fOrderID
	fCaptureMode
	fCaptureRequestID
	fRefundRequestID
	fAmount
	fAllowPartial
	fResponse
	fNotification
	fAPI
	fTransport
	fAttempt
)

// fieldNames, allowed and timeoutAPIs are read-only tables, never written.
var fieldNames = []string{"paymentRequestId", "orderId", "captureMode", "captureRequestId", "refundRequestId",
	"amount", "allowPartial", "response", "notification", "api", "transport", "attempt"}

// allowed lists the fields each event type may carry (besides type).
var allowed = map[EventType]int{
	PayRequested:          fPaymentRequestID | fOrderID | fCaptureMode | fAmount,
	CaptureRequested:      fCaptureRequestID | fAmount | fAllowPartial,
	CancelRequested:       0,
	RefundRequested:       fRefundRequestID | fAmount,
	PayResponse:           fResponse | fAttempt,
	InquiryResponse:       fResponse | fAttempt,
	CaptureResponse:       fResponse | fCaptureRequestID | fAttempt,
	CancelResponse:        fResponse | fAttempt,
	RefundResponse:        fResponse | fRefundRequestID | fAttempt,
	InquiryRefundResponse: fResponse | fRefundRequestID | fAttempt,
	Notification:          fNotification,
	Timeout:               fAPI | fTransport | fAttempt | fPaymentRequestID | fCaptureRequestID | fRefundRequestID,
}

func (e *Event) fields() int {
	f := 0
	set := func(bit int, ok bool) {
		if ok {
			f |= bit
		}
	}
	set(fPaymentRequestID, e.PaymentRequestID != "")
	set(fOrderID, e.OrderID != "")
	set(fCaptureMode, e.CaptureMode != "")
	set(fCaptureRequestID, e.CaptureRequestID != "")
	set(fRefundRequestID, e.RefundRequestID != "")
	set(fAmount, e.Amount != nil)
	set(fAllowPartial, e.AllowPartial)
	set(fResponse, len(e.Response) != 0)
	set(fNotification, len(e.Notification) != 0)
	set(fAPI, e.API != "")
	set(fTransport, e.Transport != "")
	set(fAttempt, e.Attempt != 0)
	return f
}

// timeoutAPIs are the APIs a timeout may name.
var timeoutAPIs = []string{outcome.APIPay, outcome.APIInquiryPayment, outcome.APICapture, outcome.APICancel,
	outcome.APIRefund, outcome.APIInquiryRefund}

// check validates the event's shape: a known type, only its fields, each valid.
// It does not look at the state.
func (e *Event) check() *problem.Error {
	mask, ok := allowed[e.Type]
	if !ok {
		if e.Type == "" {
			return badInput("event.type", "event.type is required")
		}
		return badInput("event.type", "event.type must be one of the documented event types")
	}
	if extra := e.fields() &^ mask; extra != 0 {
		for i, name := range fieldNames {
			if extra&(1<<i) != 0 {
				return badInput("event."+name, "%s does not apply to a %s event", name, e.Type)
			}
		}
	}
	if err := checkOptionalID("event.paymentRequestId", e.PaymentRequestID); err != nil {
		return err
	}
	if err := checkOptionalID("event.orderId", e.OrderID); err != nil {
		return err
	}
	if err := checkOptionalID("event.captureRequestId", e.CaptureRequestID); err != nil {
		return err
	}
	if err := checkOptionalID("event.refundRequestId", e.RefundRequestID); err != nil {
		return err
	}
	if e.Amount != nil {
		if err := checkAmount("event.amount", *e.Amount); err != nil {
			return err
		}
	}
	if e.Attempt < 0 || e.Attempt > MaxAttempt {
		return badInput("event.attempt", "attempt must be between 1 and %d", MaxAttempt)
	}
	switch e.Type {
	case PayRequested:
		if err := checkID("event.paymentRequestId", e.PaymentRequestID); err != nil {
			return err
		}
		if e.Amount == nil {
			return badInput("event.amount", "event.amount is required")
		}
		switch e.CaptureMode {
		case "", outcome.CaptureAutomatic, outcome.CaptureManual:
		default:
			return badInput("event.captureMode", "captureMode must be %q or %q", outcome.CaptureAutomatic, outcome.CaptureManual)
		}
	case CaptureRequested:
		return checkID("event.captureRequestId", e.CaptureRequestID)
	case RefundRequested:
		if err := checkID("event.refundRequestId", e.RefundRequestID); err != nil {
			return err
		}
		if e.Amount == nil {
			return badInput("event.amount", "event.amount is required")
		}
	case PayResponse, InquiryResponse, CaptureResponse, CancelResponse, RefundResponse, InquiryRefundResponse:
		raw, err := objectJSON("event.response", e.Response)
		if err != nil {
			return err
		}
		e.Response = raw
	case Notification:
		raw, err := objectJSON("event.notification", e.Notification)
		if err != nil {
			return err
		}
		e.Notification = raw
	case Timeout:
		if !slices.Contains(timeoutAPIs, e.API) {
			return badInput("event.api", "api must be one of %s", strings.Join(timeoutAPIs, ", "))
		}
		switch e.Transport {
		case "", outcome.TransportTimeout, outcome.TransportNoResponse:
		default:
			return badInput("event.transport", "transport must be %q or %q", outcome.TransportTimeout, outcome.TransportNoResponse)
		}
		var ok bool
		switch e.API {
		case outcome.APIPay, outcome.APIInquiryPayment, outcome.APICancel:
			ok = e.CaptureRequestID == "" && e.RefundRequestID == ""
		case outcome.APICapture:
			ok = e.PaymentRequestID == "" && e.RefundRequestID == ""
		default:
			ok = e.PaymentRequestID == "" && e.CaptureRequestID == ""
		}
		if !ok {
			return badInput("event", "a timeout of %s carries only the request id that api uses", e.API)
		}
	}
	return nil
}

// objectJSON returns the JSON object in raw: raw itself, or the contents of a JSON
// string holding one (the raw body as the host received it).
func objectJSON(field string, raw json.RawMessage) (json.RawMessage, *problem.Error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, badInput(field, "%s is required", field)
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, &problem.Error{Code: problem.BadJSON, Field: field, Message: field + " is not a valid JSON string"}
		}
		raw = bytes.TrimSpace([]byte(s))
		if !json.Valid(raw) {
			return nil, &problem.Error{Code: problem.BadJSON, Field: field, Message: field + " holds a string that is not well-formed JSON"}
		}
	}
	if len(raw) == 0 || raw[0] != '{' {
		return nil, &problem.Error{Code: problem.BadJSON, Field: field, Message: field + " must be a JSON object, or a JSON string holding one"}
	}
	return raw, nil
}
