package lifecycle

import (
	"fmt"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/internal/antomjson"
	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
)

// antom applies an Antom answer (response, notification or timeout): outcome reads
// it, its facts are joined into the state, and the actions come from outcome's
// decision when the answer is the latest news about its object, else from the
// state (nextActions).
func (m *machine) antom() (*Result, *problem.Error) {
	d, cs, err := m.read()
	if err != nil {
		return nil, err
	}
	main := cs[0]
	if (main.obj == objPayment || main.obj == objCancel) && main.id != m.prev.PaymentRequestID {
		return m.otherPayment(main)
	}
	if e := m.applyClaims(cs); e != nil {
		return m.conflicted(e, "", m.conflictActions(e)), nil
	}
	m.next.derive()
	agree := true
	for _, c := range cs {
		agree = agree && m.agrees(c)
	}
	res := &Result{Effect: EffectUnchanged}
	switch {
	case !m.prev.equal(m.next):
		res.Effect = EffectApplied
	case !agree:
		res.Effect = EffectStale
	}
	var fromDecision bool
	res.Actions, fromDecision = m.antomActions(d.Decision, main, agree)
	// Reason and message explain the actions: outcome's when its decision is the
	// action, else what the answer did to the state.
	switch {
	case fromDecision:
		res.Reason, res.Message = d.Reason, d.Message
	case res.Effect == EffectApplied && m.stateDecision != nil:
		res.Reason, res.Message = m.stateDecision.Reason, m.stateDecision.Message
	case res.Effect == EffectStale:
		res.Reason = "stale_event"
		res.Message = fmt.Sprintf("This %s (%s) is older than what the state knows (status %s); it changes nothing. The actions follow from the state.", spoken(m.label()), orNone(d.Reason), m.next.Status)
	case res.Effect == EffectUnchanged:
		res.Reason = "already_known"
		res.Message = fmt.Sprintf("This %s (%s) agrees with what the state knows (status %s); nothing changed. The actions follow from the state.", spoken(m.label()), orNone(d.Reason), m.next.Status)
	default:
		res.Reason = "state_updated"
		res.Message = fmt.Sprintf("This %s (%s) updated the state; the payment is %s. The actions follow from the whole state.", spoken(m.label()), orNone(d.Reason), m.next.Status)
	}
	return res, nil
}

// read decodes the answer, has outcome interpret it, and returns the decision and
// the claims (at least one; the first is about the object the answer is for).
// outcome is called without now: an expired authorization is a fact about the
// next step, not about the payment (nextActions checks it), and it must not read
// as a failed payment.
func (m *machine) read() (outcome.Result, []claim, *problem.Error) {
	ev := m.ev
	ctx := outcome.Context{CaptureMode: m.prev.CaptureMode, Attempt: ev.Attempt}
	attempt := max(ev.Attempt, 1)
	switch ev.Type {
	case PayResponse:
		var r antom.PayResponse
		if err := decode(ev.Response, &r, antomjson.DecodePayResponse, "event.response"); err != nil {
			return outcome.Result{}, nil, err
		}
		d := outcome.InterpretPay(&r, ctx)
		c, err := m.paymentClaim("event.response", r.PaymentRequestID, r.PaymentID, r.PaymentAmount, d.AuthExpiryTime)
		c.phase = phaseOf(d.Outcome)
		if c.phase == PhaseFailed {
			c.code = d.ResultCode
		}
		return d, []claim{c}, err
	case InquiryResponse:
		var r antom.InquiryPaymentResponse
		if err := decode(ev.Response, &r, antomjson.DecodeInquiryPaymentResponse, "event.response"); err != nil {
			return outcome.Result{}, nil, err
		}
		return m.readInquiry(&r, ctx)
	case CaptureResponse, CancelResponse, RefundResponse, InquiryRefundResponse:
		return m.readRequestResponse(ctx, attempt)
	case Notification:
		return m.readNotification(ctx)
	}
	return m.readTimeout(ctx, attempt)
}

func (m *machine) readInquiry(r *antom.InquiryPaymentResponse, ctx outcome.Context) (outcome.Result, []claim, *problem.Error) {
	d := outcome.InterpretInquiryPayment(r, ctx)
	if d.ResultStatus != string(antom.ResultSuccess) {
		// A failed inquiry says nothing about the payment.
		c, err := m.paymentClaim("event.response", r.PaymentRequestID, "", nil, "")
		c.none = true
		return d, []claim{c}, err
	}
	c, err := m.paymentClaim("event.response", r.PaymentRequestID, r.PaymentID, r.PaymentAmount, d.AuthExpiryTime)
	if err != nil {
		return d, nil, err
	}
	switch r.PaymentStatus {
	case antom.PaymentSuccess:
		c.phase = PhaseAuthorized
	case antom.PaymentFail:
		c.phase, c.code = PhaseFailed, d.PaymentResultCode
	case antom.PaymentProcessing, antom.PaymentPending:
		c.phase = PhaseProcessing
	case antom.PaymentCancelled:
		c.cancelled = true
	default:
		c.none = true
		return d, []claim{c}, nil
	}
	cs := []claim{c}
	if c.id != m.prev.PaymentRequestID {
		return d, cs, nil
	}
	for i, t := range r.Transactions {
		if t.TransactionType != antom.TransactionCapture {
			continue
		}
		field := fmt.Sprintf("event.response.transactions[%d]", i)
		st := RequestStatus("")
		switch t.TransactionStatus {
		case antom.TransactionSuccess:
			st = RequestSucceeded
		case antom.TransactionFail:
			st = RequestFailed
		case antom.TransactionProcessing:
			st = RequestProcessing
		default:
			continue
		}
		id, err := m.requestID(objCapture, "", t.TransactionRequestID, field+".transactionRequestId")
		if err != nil {
			continue // a capture that cannot be matched to a request is left out
		}
		amount, err := antomAmount(field+".transactionAmount", t.TransactionAmount)
		if err != nil {
			return d, nil, err
		}
		tc := claim{obj: objCapture, id: id, status: st, amount: amount}
		if st == RequestFailed && t.TransactionResult != nil {
			tc.code = t.TransactionResult.ResultCode
		}
		cs = append(cs, tc)
	}
	return d, cs, nil
}

func (m *machine) readRequestResponse(ctx outcome.Context, attempt int) (outcome.Result, []claim, *problem.Error) {
	ev := m.ev
	var d outcome.Result
	var c claim
	var err *problem.Error
	switch ev.Type {
	case CaptureResponse:
		var r antom.CaptureResponse
		if err := decode(ev.Response, &r, antomjson.DecodeCaptureResponse, "event.response"); err != nil {
			return d, nil, err
		}
		d = outcome.InterpretCapture(&r, ctx)
		c, err = m.requestClaim(objCapture, d, ev.CaptureRequestID, "event.response", r.CaptureRequestID,
			r.CaptureAmount, r.CaptureID, r.PaymentID, true)
	case CancelResponse:
		var r antom.CancelResponse
		if err := decode(ev.Response, &r, antomjson.DecodeCancelResponse, "event.response"); err != nil {
			return d, nil, err
		}
		if m.prev.Cancel != nil {
			ctx.Attempt = max(ctx.Attempt, m.prev.Cancel.Attempts)
		}
		d = outcome.InterpretCancel(&r, ctx)
		c = claim{obj: objCancel, id: m.prev.PaymentRequestID, attempt: attempt, code: d.ResultCode}
		c.status, c.none = requestStatus(d.Outcome, true)
		if r.PaymentRequestID != "" {
			err = checkID("event.response.paymentRequestId", r.PaymentRequestID)
			c.id = r.PaymentRequestID
		}
		if err == nil && r.PaymentID != "" {
			err = checkID("event.response.paymentId", r.PaymentID)
			c.paymentID = r.PaymentID
		}
	case RefundResponse:
		var r antom.RefundResponse
		if err := decode(ev.Response, &r, antomjson.DecodeRefundResponse, "event.response"); err != nil {
			return d, nil, err
		}
		d = outcome.InterpretRefund(&r, ctx)
		c, err = m.requestClaim(objRefund, d, ev.RefundRequestID, "event.response", r.RefundRequestID,
			r.RefundAmount, r.RefundID, r.PaymentID, true)
	default: // InquiryRefundResponse
		var r antom.InquiryRefundResponse
		if err := decode(ev.Response, &r, antomjson.DecodeInquiryRefundResponse, "event.response"); err != nil {
			return d, nil, err
		}
		d = outcome.InterpretInquiryRefund(&r, ctx)
		c, err = m.requestClaim(objRefund, d, ev.RefundRequestID, "event.response", r.RefundRequestID,
			r.RefundAmount, r.RefundID, "", false)
		if d.ResultStatus != string(antom.ResultSuccess) {
			c = claim{obj: objRefund, id: c.id, none: true}
		}
	}
	return d, []claim{c}, err
}

func (m *machine) readNotification(ctx outcome.Context) (outcome.Result, []claim, *problem.Error) {
	raw := m.ev.Notification
	var head antom.NotificationHead
	if err := decode(raw, &head, antomjson.DecodeNotificationHead, "event.notification"); err != nil {
		return outcome.Result{}, nil, err
	}
	switch head.NotifyType {
	case antom.NotifyPaymentResult, antom.NotifyPaymentPending, antom.NotifyUpdateAmountResult,
		antom.NotifyCaptureResult, antom.NotifyRefundResult:
		m.notifyType = string(head.NotifyType)
	}
	switch head.NotifyType {
	case antom.NotifyCaptureResult:
		var n antom.CaptureNotification
		if err := decode(raw, &n, antomjson.DecodeCaptureNotification, "event.notification"); err != nil {
			return outcome.Result{}, nil, err
		}
		d := outcome.InterpretCaptureNotification(&n, ctx)
		c, err := m.requestClaim(objCapture, d, "", "event.notification", n.CaptureRequestID,
			n.CaptureAmount, n.CaptureID, n.PaymentID, false)
		return d, []claim{c}, err
	case antom.NotifyRefundResult:
		var n antom.RefundNotification
		if err := decode(raw, &n, antomjson.DecodeRefundNotification, "event.notification"); err != nil {
			return outcome.Result{}, nil, err
		}
		d := outcome.InterpretRefundNotification(&n, ctx)
		c, err := m.requestClaim(objRefund, d, "", "event.notification", n.RefundRequestID,
			n.RefundAmount, n.RefundID, "", false) // notifyRefund carries no paymentId
		return d, []claim{c}, err
	}
	var n antom.PaymentNotification
	if err := decode(raw, &n, antomjson.DecodePaymentNotification, "event.notification"); err != nil {
		return outcome.Result{}, nil, err
	}
	d := outcome.InterpretPaymentNotification(&n, ctx)
	c, err := m.paymentClaim("event.notification", n.PaymentRequestID, n.PaymentID, n.PaymentAmount, d.AuthExpiryTime)
	c.phase = phaseOf(d.Outcome)
	switch {
	case d.Outcome == outcome.Unknown:
		// An undocumented notifyType, UPDATE_AMOUNT_RESULT or a status-less body
		// says nothing about the payment (its amount may even be a new one).
		c = claim{obj: objPayment, id: c.id, none: true}
	case c.phase == PhaseFailed:
		c.code = d.ResultCode
	}
	return d, []claim{c}, err
}

func (m *machine) readTimeout(ctx outcome.Context, attempt int) (outcome.Result, []claim, *problem.Error) {
	ev := m.ev
	transport := ev.Transport
	if transport == "" {
		transport = outcome.TransportTimeout
	}
	if ev.API == outcome.APICancel && m.prev.Cancel != nil {
		ctx.Attempt = max(ctx.Attempt, m.prev.Cancel.Attempts)
	}
	d := outcome.InterpretTransport(ev.API, transport, ctx)
	if ev.PaymentRequestID != "" && ev.PaymentRequestID != m.prev.PaymentRequestID {
		return d, nil, badInput("event.paymentRequestId", "the state tracks another paymentRequestId")
	}
	c := claim{obj: objPayment, id: m.prev.PaymentRequestID, phase: PhasePending}
	var err *problem.Error
	switch ev.API {
	case outcome.APIInquiryPayment:
		c.none = true
	case outcome.APICancel:
		c = claim{obj: objCancel, id: c.id, status: RequestUnknown, attempt: attempt}
	case outcome.APICapture:
		c.obj, c.status = objCapture, RequestUnknown
		c.id, err = m.requestID(objCapture, ev.CaptureRequestID, "", "event.captureRequestId")
	case outcome.APIRefund, outcome.APIInquiryRefund:
		c.obj, c.status, c.none = objRefund, RequestUnknown, ev.API == outcome.APIInquiryRefund
		c.id, err = m.requestID(objRefund, ev.RefundRequestID, "", "event.refundRequestId")
	}
	return d, []claim{c}, err
}

// paymentClaim starts a claim about a payment from the ids and amount an answer
// carries; the request id defaults to the state's.
func (m *machine) paymentClaim(at, reqID, paymentID string, amount *money.Amount, authExpiry string) (claim, *problem.Error) {
	c := claim{obj: objPayment, id: m.prev.PaymentRequestID, phase: PhasePending, amount: amount, authExpiry: authExpiry}
	if reqID != "" {
		if err := checkID(at+".paymentRequestId", reqID); err != nil {
			return c, err
		}
		c.id = reqID
	}
	if paymentID != "" {
		if err := checkID(at+".paymentId", paymentID); err != nil {
			return c, err
		}
		c.paymentID = paymentID
	}
	return c, nil
}

// requestClaim builds a claim about a capture or refund from an answer whose
// fields sit under at (event.response or event.notification).
func (m *machine) requestClaim(obj object, d outcome.Result, given, at, echoed string, amount *money.Amount,
	antomID, paymentID string, request bool) (claim, *problem.Error) {
	noun := "capture"
	if obj == objRefund {
		noun = "refund"
	}
	id, err := m.requestID(obj, given, echoed, at+"."+noun+"RequestId")
	if err != nil {
		return claim{}, err
	}
	c := claim{obj: obj, id: id, code: d.ResultCode}
	c.status, c.none = requestStatus(d.Outcome, request)
	if c.none {
		return c, nil
	}
	if c.amount, err = antomAmount(at+"."+noun+"Amount", amount); err != nil {
		return c, err
	}
	if antomID != "" {
		if err := checkID(at+"."+noun+"Id", antomID); err != nil {
			return c, err
		}
		c.antomID = antomID
	}
	if paymentID != "" {
		if err := checkID(at+".paymentId", paymentID); err != nil {
			return c, err
		}
		c.paymentID = paymentID
	}
	return c, nil
}

// requestID names the capture or refund an answer is about: the id the event
// gives, else the one the answer echoes (they must agree), else the state's only
// record of that kind.
func (m *machine) requestID(obj object, given, echoed, field string) (string, *problem.Error) {
	if echoed != "" {
		if err := checkID(field, echoed); err != nil {
			return "", err
		}
	}
	switch {
	case given != "" && echoed != "" && given != echoed:
		return "", badInput(field, "the answer is for another request id than the event names")
	case given != "":
		return given, nil
	case echoed != "":
		return echoed, nil
	}
	recs, name := m.prev.Captures, "captureRequestId"
	if obj == objRefund {
		recs, name = m.prev.Refunds, "refundRequestId"
	}
	if len(recs) == 1 {
		for id := range recs {
			return id, nil
		}
	}
	return "", badInput(field, "%s is not in the answer and the state has no single request to match it to; give event.%s", name, name)
}

// antomAmount validates an amount from an answer (nil stays nil).
func antomAmount(field string, a *money.Amount) (*money.Amount, *problem.Error) {
	if a == nil {
		return nil, nil
	}
	if err := checkAmount(field, *a); err != nil {
		return nil, err
	}
	return a, nil
}

// decode reads an Antom JSON object leniently (unknown fields are Antom's to add)
// with its generated one-pass decoder fast, or encoding/json when fast refuses; a
// value of the wrong JSON type is BAD_JSON naming its field.
func decode[T any](raw []byte, v *T, fast func([]byte, *T) bool, prefix string) *problem.Error {
	if err := antomjson.Unmarshal(raw, v, fast); err != nil {
		e := problem.FromJSON(err, prefix)
		e.Offset = 0
		return e
	}
	return nil
}

// phaseOf maps outcome's reading of pay and notifyPayment to a phase.
func phaseOf(o outcome.Outcome) Phase {
	switch o {
	case outcome.Authorized, outcome.Succeeded:
		return PhaseAuthorized
	case outcome.RequiresBuyerAction:
		return PhaseRequiresBuyerAction
	case outcome.Processing:
		return PhaseProcessing
	case outcome.Failed:
		return PhaseFailed
	}
	return PhasePending
}

// requestStatus maps outcome's reading of a capture, refund or cancel answer to a
// request status. Unknown is a fact for the request APIs (it was sent, its fate is
// open) and no information for notifications and inquiries.
func requestStatus(o outcome.Outcome, request bool) (RequestStatus, bool) {
	switch o {
	case outcome.Succeeded:
		return RequestSucceeded, false
	case outcome.Failed:
		return RequestFailed, false
	case outcome.Processing:
		return RequestProcessing, false
	case outcome.Unknown:
		if request {
			return RequestUnknown, false
		}
	}
	return "", true
}

// agrees reports whether the state holds exactly what the claim says about its
// object (so the answer is the latest news about it).
func (m *machine) agrees(c claim) bool {
	s := m.next
	switch {
	case c.none:
		return true
	case c.obj == objPayment && c.cancelled:
		return s.Cancel != nil && s.Cancel.Status == RequestSucceeded
	case c.obj == objPayment:
		return c.phase == s.Payment
	case c.obj == objCancel:
		return s.Cancel != nil && s.Cancel.Status == c.status
	case c.obj == objCapture:
		return s.Captures[c.id].Status == c.status
	}
	return s.Refunds[c.id].Status == c.status
}

// antomActions picks the actions for an applied (or agreeing) answer: outcome's
// decision while it is the latest news about its object and carries something the
// state cannot (a redirect, a retry, a failure's next step); the state's own
// next steps otherwise (for an authorized payment they know the captures, the
// capture mode and the deadline).
func (m *machine) antomActions(d outcome.Decision, c claim, agree bool) ([]Action, bool) {
	s := m.next
	use := false
	if agree {
		switch {
		case c.obj == objPayment && c.none:
			use = s.Payment.rank() < 3 && s.Status == Status(s.Payment)
		case c.obj == objPayment && c.cancelled:
			use = s.Status == StatusCancelled
		case c.obj == objPayment:
			use = c.phase != PhaseAuthorized && Status(c.phase) == s.Status
		case c.none:
			r, ok := m.record(c)
			use = !ok || r.Status.open()
		default:
			use = true
		}
	}
	if !use {
		return m.nextActions(), false
	}
	return []Action{m.fromDecision(d, c)}, true
}

func (m *machine) record(c claim) (Request, bool) {
	switch c.obj {
	case objCapture:
		r, ok := m.next.Captures[c.id]
		return r, ok
	case objRefund:
		r, ok := m.next.Refunds[c.id]
		return r, ok
	case objCancel:
		if m.next.Cancel != nil {
			return *m.next.Cancel, true
		}
	}
	return Request{}, false
}

// fromDecision turns outcome's decision into an action with the ids it needs.
func (m *machine) fromDecision(d outcome.Decision, c claim) Action {
	s := m.next
	a := Action{Action: d.Action, Reason: d.Reason}
	m.fillAfter(&a.Action)
	fresh := a.RequestID == "new"
	switch a.API {
	case outcome.APIPay:
		if !fresh {
			a.PaymentRequestID = s.PaymentRequestID
		}
	case outcome.APIInquiryPayment, outcome.APICancel:
		a.PaymentRequestID = s.PaymentRequestID
	}
	switch {
	case fresh:
		// A step with a new request id starts something new: no old id goes with it.
		a.PaymentRequestID = ""
	case c.obj == objCapture:
		a.CaptureRequestID = c.id
	case c.obj == objRefund:
		a.RefundRequestID = c.id
	}
	if a.Kind == outcome.Capture {
		a.Amount = m.remainingCapture()
	}
	return a
}

// remainingCapture is the authorized amount not yet captured or being captured.
func (m *machine) remainingCapture() *money.Amount {
	s := m.next
	t := s.totals()
	return s.amountOf(minor(s.Amount.Value) - t.effective - t.openCapture)
}

// otherPayment handles an answer about another paymentRequestId of the order: an
// authorization there is a second payment for one order (a conflict); anything
// else needs nothing.
func (m *machine) otherPayment(c claim) (*Result, *problem.Error) {
	s := m.prev
	if s.OrderID == "" {
		field := "event.response.paymentRequestId"
		if m.ev.Type == Notification {
			field = "event.notification.paymentRequestId"
		}
		return nil, badInput(field, "the answer is for another paymentRequestId than the state's, and the state has no orderId to tie them to one order")
	}
	if c.obj != objPayment || c.none || c.phase != PhaseAuthorized {
		return &Result{State: s.clone(), Effect: EffectIgnored, Reason: "other_payment",
			Message: "The answer is about another paymentRequestId of this order and reports no success; nothing to do here.",
			Actions: []Action{act(outcome.None, "", "other_payment")}}, nil
	}
	e := m.conflictAt(SecondPaymentForOrder, c.id, s.PaymentRequestID+" "+string(s.Status), c.id+" authorized")
	var a Action
	var msg string
	switch s.Status {
	case StatusFailed, StatusCancelled:
		a = act(outcome.FixRequest, "", "untracked_payment")
		a.PaymentRequestID = c.id
		msg = "Another paymentRequestId of this order (" + c.id + ") was authorized while the state tracks " + s.PaymentRequestID + ", which did not succeed. Apply pay_requested for " + c.id + " to track it, then this answer again."
	case StatusPending, StatusRequiresBuyerAction, StatusProcessing:
		a = act(outcome.Inquire, outcome.APIInquiryPayment, "second_payment_for_order")
		a.PaymentRequestID = s.PaymentRequestID
		msg = "Another paymentRequestId of this order (" + c.id + ") was authorized while " + s.PaymentRequestID + " is still open: find out whether " + s.PaymentRequestID + " succeeds too, and cancel one of them if so."
	default:
		a = act(outcome.Cancel, outcome.APICancel, "duplicate_payment")
		a.PaymentRequestID = c.id
		msg = "The order is already paid by " + s.PaymentRequestID + " and another paymentRequestId (" + c.id + ") was authorized too: cancel the duplicate (refund it if it is already captured)."
	}
	return m.conflicted(e, msg, []Action{a}), nil
}

// conflictActions says what to do about a conflict: find out the truth with an
// inquiry, unless the conflicting answer was the inquiry (then only Antom support
// can say) or the conflict is about totals Antom should never report.
func (m *machine) conflictActions(e *ConflictEntry) []Action {
	s := m.prev
	inquiry := m.ev.Type == InquiryResponse || m.ev.Type == InquiryRefundResponse
	switch {
	case inquiry, e.Reason == CaptureExceedsAuthorized, e.Reason == RefundExceedsPayment, e.Reason == TooManyRequests:
		a := act(outcome.ContactSupport, "", "conflict")
		a.PaymentRequestID = s.PaymentRequestID
		return []Action{a}
	case m.ev.Type == RefundResponse || m.notifyType == string(antom.NotifyRefundResult) ||
		m.ev.Type == Timeout && m.ev.API == outcome.APIRefund:
		a := act(outcome.Inquire, outcome.APIInquiryRefund, "conflict")
		a.RefundRequestID = e.RequestID
		return []Action{a}
	}
	a := act(outcome.Inquire, outcome.APIInquiryPayment, "conflict")
	a.PaymentRequestID = s.PaymentRequestID
	if m.ev.Type == CaptureResponse || m.notifyType == string(antom.NotifyCaptureResult) {
		a.CaptureRequestID = e.RequestID
	}
	return []Action{a}
}
