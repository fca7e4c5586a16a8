package lifecycle

import (
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/paycore/paycore/core/money"
)

// Version is the state format version, written in State.V. A state of another
// version is refused (BAD_INPUT at state.v), never guessed at.
const Version = 1

// Limits that keep the state small enough to pass in on every call.
const (
	// MaxRequests is the most capture records, and separately the most refund
	// records, one state holds.
	MaxRequests = 64
	// MaxConflicts is the length of the conflict log; later conflicts are still
	// reported in the result but no longer logged.
	MaxConflicts = 32
	// MaxSuperseded is the most earlier (failed or cancelled) paymentRequestIds of
	// the order the state remembers.
	MaxSuperseded = 16
	// MaxAttempt bounds an event's attempt number.
	MaxAttempt = 100
)

// Status is the payment's summary status. It is derived from the state's facts on
// every call (it is in the state for readers; an edited status is recomputed).
type Status string

// The closed set of statuses.
const (
	// StatusPending: pay was sent and nothing is known yet (no answer, U, timeout).
	StatusPending Status = "pending"
	// StatusRequiresBuyerAction: the buyer must act (3DS, card page); redirect them.
	StatusRequiresBuyerAction Status = "requires_buyer_action"
	// StatusProcessing: Antom is processing the payment; a notification will follow.
	StatusProcessing Status = "processing"
	// StatusAuthorized: authorized, nothing captured yet.
	StatusAuthorized Status = "authorized"
	// StatusPartiallyCaptured: some, not all, of the authorized amount is captured.
	StatusPartiallyCaptured Status = "partially_captured"
	// StatusCaptured: the authorized amount is captured.
	StatusCaptured Status = "captured"
	// StatusPartiallyRefunded: some of the captured amount is refunded.
	StatusPartiallyRefunded Status = "partially_refunded"
	// StatusRefunded: all of the captured amount is refunded.
	StatusRefunded Status = "refunded"
	// StatusCancelled: the payment was cancelled (final).
	StatusCancelled Status = "cancelled"
	// StatusFailed: the payment failed (final for this paymentRequestId).
	StatusFailed Status = "failed"
)

// Statuses lists the status vocabulary.
func Statuses() []Status {
	return []Status{StatusPending, StatusRequiresBuyerAction, StatusProcessing, StatusAuthorized,
		StatusPartiallyCaptured, StatusCaptured, StatusPartiallyRefunded, StatusRefunded, StatusCancelled, StatusFailed}
}

// Phase is what Antom has said about the pay request itself. It only climbs:
// pending < requires_buyer_action < processing < authorized | failed.
type Phase string

// The closed set of phases.
const (
	PhasePending             Phase = "pending"
	PhaseRequiresBuyerAction Phase = "requires_buyer_action"
	PhaseProcessing          Phase = "processing"
	PhaseAuthorized          Phase = "authorized"
	PhaseFailed              Phase = "failed"
)

func (p Phase) rank() int {
	switch p {
	case PhasePending:
		return 0
	case PhaseRequiresBuyerAction:
		return 1
	case PhaseProcessing:
		return 2
	case PhaseAuthorized, PhaseFailed:
		return 3
	}
	return -1
}

// RequestStatus is the status of one capture, refund or cancellation request. It
// only climbs: requested < unknown < processing < succeeded | failed.
type RequestStatus string

// The closed set of request statuses.
const (
	// RequestRequested: a command was accepted; no answer has been applied yet.
	RequestRequested RequestStatus = "requested"
	// RequestUnknown: sent, fate unknown (U, timeout, no answer).
	RequestUnknown RequestStatus = "unknown"
	// RequestProcessing: Antom is processing it; a notification will follow.
	RequestProcessing RequestStatus = "processing"
	// RequestSucceeded: done (final).
	RequestSucceeded RequestStatus = "succeeded"
	// RequestFailed: failed (final for this request id).
	RequestFailed RequestStatus = "failed"
)

func (s RequestStatus) rank() int {
	switch s {
	case RequestRequested:
		return 0
	case RequestUnknown:
		return 1
	case RequestProcessing:
		return 2
	case RequestSucceeded, RequestFailed:
		return 3
	}
	return -1
}

func (s RequestStatus) open() bool { return s.rank() >= 0 && s.rank() < 3 }

// Request is one capture, refund or cancellation. Amount is what was asked for
// or what Antom reported (nil when neither is known yet); ID is Antom's captureId or
// refundId; Code is the resultCode of a failure.
type Request struct {
	Status       RequestStatus `json:"status"`
	Amount       *money.Amount `json:"amount,omitempty"`
	ID           string        `json:"id,omitempty"`
	Code         string        `json:"code,omitempty"`
	AllowPartial bool          `json:"allowPartial,omitempty"`
	// Attempts counts the sends of a cancellation (the highest event attempt seen):
	// Antom's rule is "after three unknown results, contact support".
	Attempts int `json:"attempts,omitempty"`
}

// ConflictEntry is one logged conflict: an event that contradicted the state and
// was not applied. Have is what the state held, Got what the event claimed.
type ConflictEntry struct {
	Reason    ConflictReason `json:"reason"`
	Event     string         `json:"event"`
	RequestID string         `json:"requestId,omitempty"`
	Have      string         `json:"have"`
	Got       string         `json:"got"`
}

// State is the state of one payment: one paymentRequestId of one order. It is
// passed back in on every call, so it holds facts only, no history: the pay
// request's phase, the records of captures, refunds and the cancellation, the
// earlier failed attempts of the order, and the conflict log. Status and the
// amount totals are derived.
type State struct {
	V                int           `json:"v"`
	Status           Status        `json:"status"`
	OrderID          string        `json:"orderId,omitempty"`
	PaymentRequestID string        `json:"paymentRequestId"`
	PaymentID        string        `json:"paymentId,omitempty"`
	Payment          Phase         `json:"payment"`
	CaptureMode      string        `json:"captureMode"`
	Amount           money.Amount  `json:"amount"`
	AuthorizedAmount *money.Amount `json:"authorizedAmount,omitempty"`
	CapturedAmount   *money.Amount `json:"capturedAmount,omitempty"`
	RefundedAmount   *money.Amount `json:"refundedAmount,omitempty"`
	AuthExpiryTime   string        `json:"authExpiryTime,omitempty"`
	// FailureCode is the code Antom gave for a failed payment.
	FailureCode string             `json:"failureCode,omitempty"`
	Captures    map[string]Request `json:"captures,omitempty"`
	Refunds     map[string]Request `json:"refunds,omitempty"`
	Cancel      *Request           `json:"cancel,omitempty"`
	// Superseded lists earlier paymentRequestIds of the order, each failed or
	// cancelled before this one was requested.
	Superseded []string        `json:"superseded,omitempty"`
	Conflicts  []ConflictEntry `json:"conflicts,omitempty"`
}

// clone returns a deep copy.
func (s *State) clone() *State {
	c := *s
	c.Captures = maps.Clone(s.Captures)
	c.Refunds = maps.Clone(s.Refunds)
	if s.Cancel != nil {
		x := *s.Cancel
		c.Cancel = &x
	}
	c.Superseded = slices.Clone(s.Superseded)
	c.Conflicts = slices.Clone(s.Conflicts)
	return &c
}

// equal reports whether s and t hold the same state, exactly as reflect.DeepEqual
// would: a nil collection differs from an empty one, pointers compare what they
// point at. (Written out because reflect.DeepEqual costs 30 KB of the WebAssembly
// module; TestStateEqualIsDeepEqual holds the two together, field by field.)
func (s *State) equal(t *State) bool {
	if s == nil || t == nil {
		return s == t
	}
	return s.V == t.V && s.Status == t.Status && s.OrderID == t.OrderID &&
		s.PaymentRequestID == t.PaymentRequestID && s.PaymentID == t.PaymentID &&
		s.Payment == t.Payment && s.CaptureMode == t.CaptureMode && s.Amount == t.Amount &&
		amountEqual(s.AuthorizedAmount, t.AuthorizedAmount) &&
		amountEqual(s.CapturedAmount, t.CapturedAmount) &&
		amountEqual(s.RefundedAmount, t.RefundedAmount) &&
		s.AuthExpiryTime == t.AuthExpiryTime && s.FailureCode == t.FailureCode &&
		requestsEqual(s.Captures, t.Captures) && requestsEqual(s.Refunds, t.Refunds) &&
		requestEqual(s.Cancel, t.Cancel) &&
		(s.Superseded == nil) == (t.Superseded == nil) && slices.Equal(s.Superseded, t.Superseded) &&
		(s.Conflicts == nil) == (t.Conflicts == nil) && slices.Equal(s.Conflicts, t.Conflicts)
}

func amountEqual(a, b *money.Amount) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func requestEqual(a, b *Request) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Status == b.Status && amountEqual(a.Amount, b.Amount) && a.ID == b.ID &&
		a.Code == b.Code && a.AllowPartial == b.AllowPartial && a.Attempts == b.Attempts
}

func requestsEqual(a, b map[string]Request) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || !requestEqual(&x, &y) {
			return false
		}
	}
	return true
}

// normalize drops empty collections so that absent and empty compare equal.
func (s *State) normalize() {
	if len(s.Captures) == 0 {
		s.Captures = nil
	}
	if len(s.Refunds) == 0 {
		s.Refunds = nil
	}
	if len(s.Superseded) == 0 {
		s.Superseded = nil
	}
	if len(s.Conflicts) == 0 {
		s.Conflicts = nil
	}
}

// totals are the sums the status is derived from, in minor units.
type totals struct {
	authorized int64 // the payment amount once authorized, else 0
	captured   int64 // succeeded captures with a known amount
	refunded   int64 // succeeded refunds with a known amount
	// effective is what Antom has shown captured: the known captures, or the full
	// amount when a capture is proven but its amount is not known yet (a succeeded
	// capture without an amount, or refunds beyond the known captures: a refund
	// proves a capture whose news has not come yet). The full amount because one
	// full capture is Antom's default and automatic capture always captures in full.
	effective      int64
	unknownRefund  bool // a succeeded refund whose amount is not known yet
	openCapture    int64
	openRefund     int64
	unknownOpenAmt bool // an open refund without an amount
}

func (s *State) totals() totals {
	var t totals
	amount := minor(s.Amount.Value)
	unknownCapture := false
	for _, r := range s.Captures {
		switch {
		case r.Status == RequestSucceeded && r.Amount != nil:
			t.captured += minor(r.Amount.Value)
		case r.Status == RequestSucceeded:
			unknownCapture = true
		case r.Status.open() && r.Amount != nil:
			t.openCapture += minor(r.Amount.Value)
		}
	}
	for _, r := range s.Refunds {
		switch {
		case r.Status == RequestSucceeded && r.Amount != nil:
			t.refunded += minor(r.Amount.Value)
		case r.Status == RequestSucceeded:
			t.unknownRefund = true
		case r.Status.open() && r.Amount != nil:
			t.openRefund += minor(r.Amount.Value)
		case r.Status.open():
			t.unknownOpenAmt = true
		}
	}
	t.effective = t.captured
	if unknownCapture || t.refunded > t.captured || t.unknownRefund && t.captured == 0 {
		t.effective = max(t.effective, amount)
	}
	if s.Payment == PhaseAuthorized {
		t.authorized = amount
	}
	return t
}

// derive recomputes Status and the amount totals from the facts.
func (s *State) derive() {
	s.normalize()
	t := s.totals()
	s.AuthorizedAmount = s.amountOf(t.authorized)
	s.CapturedAmount = s.amountOf(t.effective)
	s.RefundedAmount = s.amountOf(t.refunded)
	s.Status = s.status(t)
}

func (s *State) status(t totals) Status {
	switch {
	case s.Payment == PhaseFailed:
		return StatusFailed
	case s.Cancel != nil && s.Cancel.Status == RequestSucceeded:
		return StatusCancelled
	case s.Payment != PhaseAuthorized:
		return Status(s.Payment)
	case t.refunded > 0 || t.unknownRefund:
		if !t.unknownRefund && t.refunded >= t.effective {
			return StatusRefunded
		}
		return StatusPartiallyRefunded
	case t.effective == 0:
		return StatusAuthorized
	case t.effective < t.authorized:
		return StatusPartiallyCaptured
	}
	return StatusCaptured
}

// amountOf returns v minor units in the payment's currency, nil for 0.
func (s *State) amountOf(v int64) *money.Amount {
	if v <= 0 {
		return nil
	}
	return &money.Amount{Currency: s.Amount.Currency, Value: strconv.FormatInt(v, 10)}
}

// minor parses a validated minor-unit value. Values are at most 16 digits, so
// they and sums of MaxRequests of them fit in an int64.
func minor(v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// authorizationGone reports why a MANUAL authorization can no longer be captured,
// from the codes of failed captures: "" when it can.
func (s *State) authorizationGone() string {
	for _, id := range sortedKeys(s.Captures) {
		r := s.Captures[id]
		if r.Status != RequestFailed {
			continue
		}
		switch r.Code {
		case "AUTH_EXPIRED":
			return "authorization_expired"
		case "AUTH_CANCELLED":
			return "authorization_cancelled"
		case "ORDER_IS_CANCELED":
			return "payment_cancelled"
		}
	}
	return ""
}

// expired reports whether now is at or past authExpiryTime.
func (s *State) expired(now time.Time, hasNow bool) bool {
	if !hasNow || s.AuthExpiryTime == "" {
		return false
	}
	e, err := time.Parse(time.RFC3339, s.AuthExpiryTime)
	return err == nil && !now.Before(e)
}

func sortedKeys(m map[string]Request) []string {
	return slices.Sorted(maps.Keys(m))
}

// earlier returns the earlier of two RFC 3339 times (a deadline only tightens, so
// the merge does not depend on the order the times arrive in).
func earlier(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	ta, errA := time.Parse(time.RFC3339, a)
	tb, errB := time.Parse(time.RFC3339, b)
	switch {
	case errA != nil:
		return b
	case errB != nil, ta.Before(tb):
		return a
	case tb.Before(ta):
		return b
	}
	return min(a, b)
}

// firstOf merges two optional values of one fact deterministically: the non-empty
// one, or the smaller when both are set and differ.
func firstOf(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return min(a, b)
}
