package lifecycle

import (
	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/outcome"
)

// nextActions are the steps the state calls for, whatever the last event was: the
// payment's own next step, then one follow-up per open capture, refund and
// cancellation, in id order.
func (m *machine) nextActions() []Action {
	s := m.next
	var acts []Action
	cancelOpen := s.Cancel != nil && s.Cancel.Status.open()
	captureOpen := false
	for _, r := range s.Captures {
		captureOpen = captureOpen || r.Status.open()
	}
	if !cancelOpen {
		switch s.Status {
		case StatusPending:
			a := act(outcome.Inquire, outcome.APIInquiryPayment, "payment_outcome_unknown")
			a.PaymentRequestID = s.PaymentRequestID
			acts = append(acts, a)
		case StatusRequiresBuyerAction, StatusProcessing:
			a := act(outcome.WaitNotification, outcome.APIInquiryPayment, "awaiting_payment_result")
			a.Notification = outcome.APINotifyPayment
			a.PaymentRequestID = s.PaymentRequestID
			acts = append(acts, a)
		case StatusAuthorized:
			if !captureOpen {
				acts = append(acts, m.authorizedAction())
			}
		}
	}
	for _, id := range sortedKeys(s.Captures) {
		r := s.Captures[id]
		switch {
		case r.Status.open():
			acts = append(acts, m.followUp(objCapture, id, r))
		case r.Status == RequestSucceeded && r.Amount == nil:
			a := act(outcome.Inquire, outcome.APIInquiryPayment, "capture_amount_unknown")
			a.PaymentRequestID, a.CaptureRequestID = s.PaymentRequestID, id
			acts = append(acts, a)
		}
	}
	for _, id := range sortedKeys(s.Refunds) {
		r := s.Refunds[id]
		switch {
		case r.Status.open():
			acts = append(acts, m.followUp(objRefund, id, r))
		case r.Status == RequestSucceeded && r.Amount == nil:
			a := act(outcome.Inquire, outcome.APIInquiryRefund, "refund_amount_unknown")
			a.RefundRequestID = id
			acts = append(acts, a)
		}
	}
	if cancelOpen {
		acts = append(acts, m.followUp(objCancel, s.PaymentRequestID, *s.Cancel))
	}
	return acts
}

// authorizedAction is the step for an authorized payment with no capture under
// way: outcome's rule for an authorized payment (capture before authExpiryTime
// under MANUAL, a new payment once it has passed, wait for notifyCapture under
// AUTOMATIC), or a new payment when a capture failed because the authorization is
// gone.
func (m *machine) authorizedAction() Action {
	s := m.next
	if why := s.authorizationGone(); why != "" {
		a := act(outcome.RetryNewRequest, outcome.APIPay, why)
		a.RequestID = "new"
		return a
	}
	d := outcome.Decide(outcome.Signal{API: outcome.APIInquiryPayment, ResultStatus: string(antom.ResultSuccess),
		Status: string(antom.PaymentSuccess), AuthExpiryTime: s.AuthExpiryTime},
		outcome.Context{CaptureMode: s.CaptureMode, Now: m.now})
	m.stateDecision = &d
	a := Action{Action: d.Action, Reason: d.Reason}
	switch a.Kind {
	case outcome.Capture:
		a.Amount = m.remainingCapture()
	case outcome.WaitNotification, outcome.Inquire:
		a.PaymentRequestID = s.PaymentRequestID
	}
	return a
}

// followUp is the step for an open request: send it (requested), find out its
// fate (unknown) or wait for its notification (processing).
func (m *machine) followUp(obj object, id string, r Request) Action {
	s := m.next
	var a Action
	switch obj {
	case objCapture:
		switch r.Status {
		case RequestRequested:
			a = act(outcome.Capture, outcome.APICapture, "capture_requested")
			a.Amount, a.Before = r.Amount, s.AuthExpiryTime
		case RequestUnknown:
			// outcome's rule for a capture whose fate is unknown: resend it with the
			// same captureRequestId (idempotent); the answer is definitive.
			a = act(outcome.RetrySameRequest, outcome.APICapture, "capture_outcome_unknown")
			a.RequestID = "same"
		default:
			a = act(outcome.WaitNotification, outcome.APIInquiryPayment, "capture_processing")
			a.Notification = outcome.APINotifyCapture
		}
		if a.API == outcome.APIInquiryPayment {
			a.PaymentRequestID = s.PaymentRequestID
		}
		a.CaptureRequestID = id
	case objRefund:
		switch r.Status {
		case RequestRequested:
			a = act(KindRefund, outcome.APIRefund, "refund_requested")
			a.Amount = r.Amount
		case RequestUnknown:
			a = act(outcome.Inquire, outcome.APIInquiryRefund, "refund_outcome_unknown")
		default:
			a = act(outcome.WaitNotification, outcome.APIInquiryRefund, "refund_processing")
			a.Notification = outcome.APINotifyRefund
		}
		a.RefundRequestID = id
	default:
		switch {
		case r.Status == RequestRequested:
			a = act(outcome.Cancel, outcome.APICancel, "cancel_requested")
		case r.Status == RequestUnknown && r.Attempts >= outcome.MaxAttempts:
			a = act(outcome.ContactSupport, "", "cancel_unknown_after_retries")
		case r.Status == RequestUnknown:
			a = act(outcome.RetrySameRequest, outcome.APICancel, "cancel_outcome_unknown")
			a.RequestID = "same"
		default:
			a = act(outcome.Inquire, outcome.APIInquiryPayment, "cancel_processing")
		}
		a.PaymentRequestID = s.PaymentRequestID
	}
	return a
}
