package lifecycle

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
)

// machine holds one Apply call.
type machine struct {
	given  *State // the input state as given (normalized), for Changed
	prev   *State // the input state, derived
	next   *State // the state being built
	ev     *Event
	now    string
	nowT   time.Time
	hasNow bool
	// notifyType is a notification's documented notifyType, for labels.
	notifyType string
	// stateDecision is outcome's decision behind authorizedAction, when it ran.
	stateDecision *outcome.Decision
}

// Apply applies ev to st at time now (RFC 3339; "" when not known) and returns the
// result. st is nil before the first event, which must then be pay_requested. st
// is not modified. Bad input (a malformed state or event, a state whose facts
// contradict each other) is a BAD_INPUT or BAD_JSON error naming the field; an
// event that contradicts a valid state is not an error but a Conflict.
func Apply(st *State, ev Event, now string) (*Result, error) {
	res, perr := applyEvent(st, ev, now)
	return res, problem.OrNil(perr)
}

// applyEvent is Apply with the concrete error type, for this package.
func applyEvent(st *State, ev Event, now string) (*Result, *problem.Error) {
	m := &machine{ev: &ev, now: now}
	if now != "" {
		t, err := time.Parse(time.RFC3339, now)
		if err != nil {
			return nil, badInput("now", "now must be an RFC 3339 time such as 2026-01-02T15:04:05Z")
		}
		m.nowT, m.hasNow = t, true
	}
	if err := m.ev.check(); err != nil {
		return nil, err
	}
	if st == nil {
		if ev.Type != PayRequested {
			return nil, badInput("event.type", "state is null: the first event of a payment must be pay_requested")
		}
		return m.start(), nil
	}
	m.given = st.clone()
	m.given.normalize()
	if err := m.given.validate(); err != nil {
		return nil, err
	}
	m.prev = m.given.clone()
	m.prev.derive()
	m.next = m.prev.clone()

	var res *Result
	var err *problem.Error
	switch ev.Type {
	case PayRequested:
		res, err = m.payRequested()
	case CaptureRequested:
		res, err = m.captureRequested()
	case CancelRequested:
		res = m.cancelRequested()
	case RefundRequested:
		res = m.refundRequested()
	default:
		res, err = m.antom()
	}
	if err != nil {
		return nil, err
	}
	if res.State == nil {
		res.State = m.next
	}
	res.State.derive()
	res.Changed = !m.given.equal(res.State)
	if len(res.Actions) == 0 {
		res.Actions = []Action{{Action: outcome.Action{Kind: outcome.None}, Reason: "nothing_to_do"}}
	}
	return res, nil
}

// object is what a claim is about.
type object uint8

const (
	objPayment object = iota + 1
	objCapture
	objRefund
	objCancel
)

// claim is one fact an Antom answer states about one object.
type claim struct {
	obj object
	id  string // paymentRequestId, captureRequestId or refundRequestId
	// none: the answer says nothing about the object's state (a failed inquiry, an
	// undocumented notifyType); the claim only names the object.
	none bool
	// phase (objPayment): what the answer says about the pay request;
	// PhasePending when nothing is known.
	phase Phase
	// cancelled (objPayment): inquiryPayment's paymentStatus is CANCELLED.
	cancelled bool
	// status (objCapture, objRefund, objCancel).
	status     RequestStatus
	amount     *money.Amount
	antomID    string
	paymentID  string
	authExpiry string
	code       string
	attempt    int
}

// conflictAt builds a conflict entry for the current event.
func (m *machine) conflictAt(reason ConflictReason, id, have, got string) *ConflictEntry {
	return &ConflictEntry{Reason: reason, Event: m.label(), RequestID: id, Have: clip(have), Got: clip(got)}
}

// label names the event in the conflict log: its type, and a notification's
// notifyType when it is a documented one.
func (m *machine) label() string {
	if m.ev.Type == Notification && m.notifyType != "" {
		return string(Notification) + ":" + m.notifyType
	}
	return string(m.ev.Type)
}

// spoken names the event in messages: "PAYMENT_RESULT notification", "pay response".
func spoken(label string) string {
	if rest, ok := strings.CutPrefix(label, string(Notification)+":"); ok {
		return rest + " notification"
	}
	return strings.ReplaceAll(label, "_", " ")
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160]
	}
	return s
}

// fmtAmount states an amount for a conflict; a currency that is not an ISO 4217
// code is named, not repeated (it could be anything a mistaken field held).
func fmtAmount(a money.Amount) string {
	cur := a.Currency
	if !money.Known(cur) {
		cur = "(not a currency code)"
	}
	return a.Value + " " + cur
}

// applyClaims joins the claims into m.next, stopping at the first conflict.
func (m *machine) applyClaims(cs []claim) *ConflictEntry {
	for _, c := range cs {
		if c.none {
			continue
		}
		if e := m.applyClaim(c); e != nil {
			return e
		}
	}
	return nil
}

func (m *machine) applyClaim(c claim) *ConflictEntry {
	s := m.next
	if c.paymentID != "" {
		if s.PaymentID != "" && s.PaymentID != c.paymentID {
			return m.conflictAt(PaymentIDMismatch, c.id, s.PaymentID, c.paymentID)
		}
		s.PaymentID = c.paymentID
	}
	switch c.obj {
	case objPayment:
		return m.applyPayment(c)
	case objCancel:
		return m.applyCancel(c)
	}
	return m.applyRequest(c)
}

func (m *machine) applyPayment(c claim) *ConflictEntry {
	s := m.next
	if c.amount != nil && *c.amount != s.Amount {
		return m.conflictAt(AmountMismatch, c.id, fmtAmount(s.Amount), fmtAmount(*c.amount))
	}
	switch c.phase {
	case PhaseAuthorized:
		if s.Payment == PhaseFailed {
			return m.conflictAt(SuccessAfterFailure, c.id, "payment failed", "payment authorized")
		}
		s.Payment = PhaseAuthorized
	case PhaseFailed:
		if s.Payment == PhaseAuthorized {
			return m.conflictAt(FailureAfterSuccess, c.id, "payment "+string(m.prev.Status), "payment failed")
		}
		s.Payment = PhaseFailed
		s.FailureCode = firstOf(s.FailureCode, c.code)
	default:
		if c.phase.rank() > s.Payment.rank() {
			s.Payment = c.phase
		}
	}
	s.AuthExpiryTime = earlier(s.AuthExpiryTime, c.authExpiry)
	if c.cancelled {
		return m.applyCancel(claim{obj: objCancel, id: c.id, status: RequestSucceeded})
	}
	return nil
}

// merge joins a claimed request status into a record, refusing success after
// failure and failure after success.
func (m *machine) merge(r *Request, c claim, what string) *ConflictEntry {
	if c.status == RequestSucceeded && r.Status == RequestFailed || c.status == RequestFailed && r.Status == RequestSucceeded {
		return m.conflictAt(RequestResultConflict, c.id, what+" "+string(r.Status), what+" "+string(c.status))
	}
	if c.status.rank() > r.Status.rank() {
		r.Status = c.status
	}
	r.ID = firstOf(r.ID, c.antomID)
	if c.status == RequestFailed && isCode(c.code) {
		r.Code = firstOf(r.Code, c.code)
	}
	return nil
}

func (m *machine) applyRequest(c claim) *ConflictEntry {
	s := m.next
	recs, what := &s.Captures, "capture"
	if c.obj == objRefund {
		recs, what = &s.Refunds, "refund"
	}
	r, exists := (*recs)[c.id]
	if !exists {
		if len(*recs) >= MaxRequests {
			return m.conflictAt(TooManyRequests, c.id, fmt.Sprintf("%d %ss", len(*recs), what), "one more")
		}
		r = Request{Status: RequestRequested}
	}
	if c.amount != nil {
		if c.amount.Currency != s.Amount.Currency || r.Amount != nil && *r.Amount != *c.amount {
			have := s.Amount.Currency
			if r.Amount != nil {
				have = fmtAmount(*r.Amount)
			}
			return m.conflictAt(AmountMismatch, c.id, have, fmtAmount(*c.amount))
		}
		if r.Amount == nil {
			a := *c.amount
			r.Amount = &a
		}
	}
	if e := m.merge(&r, c, what); e != nil {
		return e
	}
	if *recs == nil {
		*recs = map[string]Request{}
	}
	(*recs)[c.id] = r
	if r.Status != RequestSucceeded {
		return nil
	}
	// A succeeded capture or refund proves the authorization.
	switch {
	case s.Payment == PhaseFailed:
		return m.conflictAt(SuccessAfterFailure, c.id, "payment failed", what+" succeeded")
	case s.Cancel != nil && s.Cancel.Status == RequestSucceeded:
		return m.conflictAt(CaptureAfterCancel, c.id, "payment cancelled", what+" succeeded")
	}
	s.Payment = PhaseAuthorized
	t, amount := s.totals(), minor(s.Amount.Value)
	if t.captured > amount {
		return m.conflictAt(CaptureExceedsAuthorized, c.id, fmtAmount(s.Amount)+" authorized", s.amountOf(t.captured).Value+" captured")
	}
	if t.refunded > amount {
		return m.conflictAt(RefundExceedsPayment, c.id, fmtAmount(s.Amount)+" paid", s.amountOf(t.refunded).Value+" refunded")
	}
	return nil
}

func (m *machine) applyCancel(c claim) *ConflictEntry {
	s := m.next
	r := Request{Status: RequestRequested}
	if s.Cancel != nil {
		r = *s.Cancel
	}
	if e := m.merge(&r, c, "cancel"); e != nil {
		return e
	}
	r.Attempts = max(r.Attempts, c.attempt)
	if r.Status == RequestSucceeded {
		if t := s.totals(); t.effective > 0 || t.unknownRefund {
			return m.conflictAt(CancelAfterCapture, c.id, "payment "+string(m.prev.Status), "cancel succeeded")
		}
	}
	s.Cancel = &r
	return nil
}

// conflicted returns the result for a conflict: the input state with the entry
// logged (once; not beyond MaxConflicts).
func (m *machine) conflicted(e *ConflictEntry, msg string, actions []Action) *Result {
	s := m.prev.clone()
	if !slices.Contains(s.Conflicts, *e) && len(s.Conflicts) < MaxConflicts {
		s.Conflicts = append(s.Conflicts, *e)
	}
	if msg == "" {
		msg = conflictMessage(e)
	}
	return &Result{State: s, Actions: actions, Conflict: &Conflict{ConflictEntry: *e, Message: msg},
		Effect: EffectConflict, Reason: string(e.Reason), Message: msg}
}

func conflictMessage(e *ConflictEntry) string {
	return fmt.Sprintf("The %s contradicts the state (state: %s; event: %s), so it was not applied; the conflict is logged. Find out which is true before acting.", spoken(e.Event), e.Have, e.Got)
}

// refused returns the result of a refused command: the state unchanged.
func (m *machine) refused(reason, msg string, actions ...Action) *Result {
	return &Result{State: m.prev.clone(), Actions: actions, Effect: EffectRefused, Reason: reason, Message: msg}
}

// accepted returns the result of an accepted command.
func (m *machine) accepted(reason, msg string, actions ...Action) *Result {
	return &Result{Actions: actions, Effect: EffectAccepted, Reason: reason, Message: msg}
}

func act(kind outcome.Kind, api, reason string) Action {
	return Action{Action: outcome.Action{Kind: kind, API: api}, Reason: reason}
}

// fillAfter sets After from AfterSeconds when now is known (outcome is called
// without now, see antom).
func (m *machine) fillAfter(a *outcome.Action) {
	if a.AfterSeconds > 0 && m.hasNow {
		a.After = m.nowT.Add(time.Duration(a.AfterSeconds) * time.Second).Format(time.RFC3339)
	}
}
