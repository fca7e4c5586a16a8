package lifecycle

import (
	"slices"

	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
)

// The guards. A command is checked against the state; accepted, it records the
// request (so its answers are recognised and a repeat is idempotent) and the action
// says to send it; refused, the state is unchanged and the actions say what to do
// instead. Commands are idempotent by request id: the same command again is
// accepted without change; the same id with another amount is refused.

func captureMode(m string) string {
	if m == "" {
		return outcome.CaptureAutomatic
	}
	return m
}

// start creates the state from the first pay_requested.
func (m *machine) start() *Result {
	ev := m.ev
	s := &State{V: Version, OrderID: ev.OrderID, PaymentRequestID: ev.PaymentRequestID, Payment: PhasePending,
		CaptureMode: captureMode(ev.CaptureMode), Amount: *ev.Amount}
	s.derive()
	return &Result{State: s, Changed: true, Effect: EffectAccepted, Reason: "pay_requested",
		Message: "The payment is recorded as pending: send the pay request with this paymentRequestId, then apply its response (or a timeout).",
		Actions: []Action{act(outcome.None, "", "send_pay")}}
}

func (m *machine) payRequested() (*Result, *problem.Error) {
	s, ev := m.prev, m.ev
	if ev.OrderID != "" && s.OrderID != "" && ev.OrderID != s.OrderID {
		return nil, badInput("event.orderId", "the state is for another order")
	}
	mode := captureMode(ev.CaptureMode)
	if ev.PaymentRequestID == s.PaymentRequestID {
		if *ev.Amount != s.Amount || mode != s.CaptureMode || ev.OrderID != "" && ev.OrderID != s.OrderID {
			return m.refused(RefusedRepeatInconsistent, "This paymentRequestId is already recorded with another amount, capture mode or order; a different payment needs a new paymentRequestId (and this one must have failed first).",
				act(outcome.FixRequest, outcome.APIPay, RefusedRepeatInconsistent)), nil
		}
		return m.accepted("pay_requested", "This pay request is already recorded; nothing changed.", m.nextActions()...), nil
	}
	if slices.Contains(s.Superseded, ev.PaymentRequestID) {
		return m.refused(RefusedRequestIDUsed, "This paymentRequestId was an earlier attempt of this order; a new attempt needs an id never used before.",
			act(outcome.FixRequest, outcome.APIPay, RefusedRequestIDUsed)), nil
	}
	switch s.Status {
	case StatusFailed, StatusCancelled:
	case StatusPending, StatusRequiresBuyerAction, StatusProcessing:
		a := act(outcome.Inquire, outcome.APIInquiryPayment, RefusedPaymentInProgress)
		a.PaymentRequestID = s.PaymentRequestID
		return m.refused(RefusedPaymentInProgress, "The order's payment "+s.PaymentRequestID+" is still open; a second payment could charge the buyer twice. Learn its fate first (or cancel it); once it has failed or been cancelled, a new paymentRequestId is safe.", a), nil
	default:
		return m.refused(RefusedOrderAlreadyPaid, "The order is already paid by "+s.PaymentRequestID+"; a second payment would charge the buyer twice.",
			act(outcome.None, "", RefusedOrderAlreadyPaid)), nil
	}
	if len(s.Superseded) >= MaxSuperseded {
		return m.refused(RefusedTooManyRequests, "This order has had too many payment attempts for one state; contact Antom support or start a new order.",
			act(outcome.ContactSupport, "", RefusedTooManyRequests)), nil
	}
	next := &State{V: Version, OrderID: firstOf(s.OrderID, ev.OrderID), PaymentRequestID: ev.PaymentRequestID,
		Payment: PhasePending, CaptureMode: mode, Amount: *ev.Amount,
		Superseded: append(slices.Clone(s.Superseded), s.PaymentRequestID), Conflicts: slices.Clone(s.Conflicts)}
	m.next = next
	return m.accepted("new_attempt", "The earlier payment "+s.PaymentRequestID+" did not succeed, so this new paymentRequestId replaces it (answers about the earlier one are still recognised). Send the pay request, then apply its response.",
		act(outcome.None, "", "send_pay")), nil
}

func (m *machine) captureRequested() (*Result, *problem.Error) {
	s, ev := m.prev, m.ev
	id := ev.CaptureRequestID
	if ev.Amount != nil && ev.Amount.Currency != s.Amount.Currency {
		return m.refused(RefusedCurrencyMismatch, "A capture is in the payment's currency ("+s.Amount.Currency+").",
			act(outcome.FixRequest, outcome.APICapture, RefusedCurrencyMismatch)), nil
	}
	if r, ok := s.Captures[id]; ok {
		switch {
		case ev.Amount != nil && r.Amount != nil && *ev.Amount != *r.Amount:
			return m.refused(RefusedRepeatInconsistent, "This captureRequestId is already used with another amount; a different capture needs a new captureRequestId.",
				act(outcome.FixRequest, outcome.APICapture, RefusedRepeatInconsistent)), nil
		case r.Status == RequestFailed:
			return m.refused(RefusedRequestFailed, "This capture failed ("+orNone(r.Code)+"); another attempt needs a new captureRequestId.", m.nextActions()...), nil
		case r.Status == RequestSucceeded:
			return m.accepted("already_captured", "This capture already succeeded; nothing to do.", m.nextActions()...), nil
		}
		return m.accepted("capture_requested", "This capture is already recorded; send it (again: the same captureRequestId is idempotent) or wait for its answer.", m.followUp(objCapture, id, r)), nil
	}
	if res := m.refusedUnlessAuthorized(); res != nil {
		return res, nil
	}
	if s.CaptureMode != outcome.CaptureManual {
		return m.refused(RefusedAutomaticCapture, "The payment uses AUTOMATIC capture: Antom captures it; do not call capture.", m.nextActions()...), nil
	}
	if why := s.authorizationGone(); why != "" {
		return m.refused(why, "A capture failed because the authorization is gone ("+why+"); charging the buyer needs a new payment with a new paymentRequestId.", m.authorizedAction()), nil
	}
	if s.AuthExpiryTime != "" && !m.hasNow {
		return nil, badInput("now", "now is required to check the capture against authExpiryTime: the core reads no clock")
	}
	if s.expired(m.nowT, m.hasNow) {
		a := act(outcome.RetryNewRequest, outcome.APIPay, RefusedAuthorizationExpired)
		a.RequestID = "new"
		return m.refused(RefusedAuthorizationExpired, "The authorization expired at "+s.AuthExpiryTime+"; a capture would fail with AUTH_EXPIRED. Charging the buyer needs a new payment with a new paymentRequestId.", a), nil
	}
	t := s.totals()
	auth := minor(s.Amount.Value)
	used := t.effective + t.openCapture
	others := false
	for _, r := range s.Captures {
		if r.Status != RequestFailed {
			others = true
		}
		if r.Status.open() && r.Amount == nil {
			return m.refused(RefusedCaptureInProgress, "A capture of unknown amount is under way; wait for its answer first.", m.nextActions()...), nil
		}
	}
	if used >= auth {
		return m.refused(RefusedFullyCaptured, "The authorized amount is already captured or being captured.", m.nextActions()...), nil
	}
	want := auth - used
	if ev.Amount != nil {
		want = minor(ev.Amount.Value)
	}
	switch {
	case used+want > auth:
		return m.refused(RefusedExceedsAuthorized, "The capture would take the captured total to "+s.amountOf(used+want).Value+", beyond the authorized "+fmtAmount(s.Amount)+".",
			act(outcome.FixRequest, outcome.APICapture, RefusedExceedsAuthorized)), nil
	case others && !ev.AllowPartial:
		return m.refused(RefusedMultipleCaptures, "The payment already has a capture. Antom's default is one full capture; more than one needs a contract that allows it (then set allowPartial).",
			act(outcome.FixRequest, outcome.APICapture, RefusedMultipleCaptures)), nil
	case want != auth && !ev.AllowPartial:
		return m.refused(RefusedPartialCapture, "Antom's checkout guide requires the capture amount to equal the payment amount ("+fmtAmount(s.Amount)+"). A partial capture needs a contract that allows it (then set allowPartial).",
			act(outcome.FixRequest, outcome.APICapture, RefusedPartialCapture)), nil
	case len(s.Captures) >= MaxRequests:
		return m.refused(RefusedTooManyRequests, "The state holds the most captures it can.", act(outcome.ContactSupport, "", RefusedTooManyRequests)), nil
	}
	r := Request{Status: RequestRequested, Amount: s.amountOf(want), AllowPartial: ev.AllowPartial}
	m.putRequest(&m.next.Captures, id, r)
	return m.accepted("capture_accepted", "Send the capture with this captureRequestId and amount before authExpiryTime, then apply its response.", m.followUp(objCapture, id, r)), nil
}

// refusedUnlessAuthorized refuses a capture or refund on a payment that is not
// (or no longer) authorized; nil when it is.
func (m *machine) refusedUnlessAuthorized() *Result {
	s := m.prev
	switch s.Status {
	case StatusFailed:
		return m.refused(RefusedPaymentFailed, "The payment failed; there is nothing to capture or refund.", act(outcome.None, "", RefusedPaymentFailed))
	case StatusCancelled:
		return m.refused(RefusedPaymentCancelled, "The payment was cancelled; there is nothing to capture or refund.", act(outcome.None, "", RefusedPaymentCancelled))
	case StatusPending, StatusRequiresBuyerAction, StatusProcessing:
		return m.refused(RefusedNotAuthorized, "The payment is not authorized yet; wait for its result.", m.nextActions()...)
	}
	if s.Cancel != nil && s.Cancel.Status.open() {
		return m.refused(RefusedCancelInProgress, "A cancellation of this payment is under way; wait for its answer.", m.nextActions()...)
	}
	return nil
}

func (m *machine) cancelRequested() *Result {
	s := m.prev
	if s.Status == StatusFailed {
		return m.refused(RefusedPaymentFailed, "The payment failed; there is nothing to cancel.", act(outcome.None, "", RefusedPaymentFailed))
	}
	if c := s.Cancel; c != nil {
		switch {
		case c.Status == RequestSucceeded:
			return m.accepted("already_cancelled", "The payment is already cancelled.", m.nextActions()...)
		case c.Status.open():
			return m.accepted("cancel_requested", "This cancellation is already recorded; send it (again: a cancel is never applied twice) or wait for its answer.", m.followUp(objCancel, s.PaymentRequestID, *c))
		case c.Code == "PROCESS_FAIL":
			return m.refused(RefusedCapturedUseRefund, "Antom refused the cancellation because the payment was captured or refunded; refund it instead.", useRefund())
		}
		return m.refused(RefusedRequestFailed, "The cancellation failed ("+orNone(c.Code)+"); the payment is unchanged.", m.nextActions()...)
	}
	t := s.totals()
	if t.effective > 0 || t.unknownRefund {
		return m.refused(RefusedCapturedUseRefund, "The payment is captured, and captured card payments cannot be cancelled: refund it instead (refund_requested).", useRefund())
	}
	if m.captureOpen() {
		return m.refused(RefusedCaptureInProgress, "A capture is under way; once it has succeeded the payment can only be refunded. Send it (the same captureRequestId is idempotent) and apply its answer first.", m.nextActions()...)
	}
	r := Request{Status: RequestRequested}
	m.next.Cancel = &r
	return m.accepted("cancel_accepted", "Send the cancel for this payment, then apply its response.", m.followUp(objCancel, s.PaymentRequestID, r))
}

// captureOpen reports whether a capture is requested, unknown or processing.
func (m *machine) captureOpen() bool {
	for _, r := range m.prev.Captures {
		if r.Status.open() {
			return true
		}
	}
	return false
}

func useRefund() Action {
	return act(outcome.FixRequest, outcome.APIRefund, RefusedCapturedUseRefund)
}

func (m *machine) refundRequested() *Result {
	s, ev := m.prev, m.ev
	id, amount := ev.RefundRequestID, *ev.Amount
	if amount.Currency != s.Amount.Currency {
		return m.refused(RefusedCurrencyMismatch, "A refund is in the payment's currency ("+s.Amount.Currency+").",
			act(outcome.FixRequest, outcome.APIRefund, RefusedCurrencyMismatch))
	}
	if r, ok := s.Refunds[id]; ok {
		switch {
		case r.Amount != nil && *r.Amount != amount:
			return m.refused(RefusedRepeatInconsistent, "This refundRequestId is already used with another amount; a different refund needs a new refundRequestId.",
				act(outcome.FixRequest, outcome.APIRefund, RefusedRepeatInconsistent))
		case r.Status == RequestFailed:
			return m.refused(RefusedRequestFailed, "This refund failed ("+orNone(r.Code)+"); another attempt needs a new refundRequestId.", m.nextActions()...)
		}
		if r.Amount == nil {
			// The merchant names the amount of a refund the state knew without
			// one: the refund guard applies to it like to a new refund.
			r.Amount = &amount
			m.putRequest(&m.next.Refunds, id, r)
			if t := m.next.totals(); t.refunded+t.openRefund > t.effective {
				m.next = m.prev.clone()
				return m.refused(RefusedExceedsCaptured, "With this amount the refunds would exceed the captured amount.",
					act(outcome.FixRequest, outcome.APIRefund, RefusedExceedsCaptured))
			}
		}
		if r.Status == RequestSucceeded {
			return m.accepted("already_refunded", "This refund already succeeded.", m.nextActions()...)
		}
		return m.accepted("refund_requested", "This refund is already recorded; send it (again: the same refundRequestId is idempotent) or wait for its answer.", m.followUp(objRefund, id, r))
	}
	if res := m.refusedUnlessAuthorized(); res != nil {
		return res
	}
	t := s.totals()
	switch {
	case t.effective == 0 && s.CaptureMode == outcome.CaptureManual && !m.captureOpen():
		return m.refused(RefusedNotCaptured, "Nothing is captured, so there is nothing to refund: to release an uncaptured authorization, cancel it (cancel_requested).",
			act(outcome.FixRequest, outcome.APICancel, RefusedNotCaptured))
	case t.effective == 0:
		return m.refused(RefusedNotCaptured, "Nothing is captured yet, so there is nothing to refund; wait for the capture's result.", m.nextActions()...)
	case t.unknownRefund || t.unknownOpenAmt:
		return m.refused(RefusedRefundAmountUnknown, "The amount of an earlier refund is not known, so the refundable rest is not either; inquire it first.", m.nextActions()...)
	case t.refunded+t.openRefund+minor(amount.Value) > t.effective:
		return m.refused(RefusedExceedsCaptured, "The refunds would total "+s.amountOf(t.refunded+t.openRefund+minor(amount.Value)).Value+", more than the "+s.amountOf(t.effective).Value+" captured (refunds under way count).",
			act(outcome.FixRequest, outcome.APIRefund, RefusedExceedsCaptured))
	case len(s.Refunds) >= MaxRequests:
		return m.refused(RefusedTooManyRequests, "The state holds the most refunds it can.", act(outcome.ContactSupport, "", RefusedTooManyRequests))
	}
	r := Request{Status: RequestRequested, Amount: &amount}
	m.putRequest(&m.next.Refunds, id, r)
	return m.accepted("refund_accepted", "Send the refund with this refundRequestId and amount, then apply its response.", m.followUp(objRefund, id, r))
}

func (m *machine) putRequest(recs *map[string]Request, id string, r Request) {
	if *recs == nil {
		*recs = map[string]Request{}
	}
	if r.Amount != nil {
		a := *r.Amount
		r.Amount = &a
	}
	(*recs)[id] = r
}

func orNone(code string) string {
	if code == "" {
		return "no code"
	}
	return code
}
