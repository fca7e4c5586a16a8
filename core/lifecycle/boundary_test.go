package lifecycle

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
)

// Boundaries that no other test holds: the capture deadline to the second, the
// merge of two deadlines, and every refusal of a caller-supplied state.

func authorizedManual(t *testing.T) *State {
	t.Helper()
	return chain(t, outcome.CaptureManual, nowT, paySuccess).State
}

func TestCaptureAtTheDeadline(t *testing.T) {
	for _, c := range []struct {
		now     string
		refused bool
	}{
		{"2026-03-08T09:59:59Z", false},
		{expiry, true},                      // exactly authExpiryTime: Antom's authorization is gone
		{"2026-03-08T18:00:00+08:00", true}, // the same instant in another zone
		{"2026-03-08T10:00:01Z", true},
	} {
		t.Run(c.now, func(t *testing.T) {
			res := apply(t, authorizedManual(t), Event{Type: CaptureRequested, CaptureRequestID: "CAP_1"}, c.now)
			if c.refused {
				require.Equal(t, EffectRefused, res.Effect)
				require.Equal(t, string(RefusedAuthorizationExpired), res.Reason)
				require.Equal(t, []string{string(outcome.RetryNewRequest)}, kinds(res.Actions))
				require.Equal(t, "new", res.Actions[0].RequestID)
				return
			}
			require.Equal(t, EffectAccepted, res.Effect)
			require.Equal(t, []string{string(outcome.Capture)}, kinds(res.Actions))
			require.Equal(t, expiry, res.Actions[0].Before)
		})
	}
}

// The authorized payment's next step follows the same deadline.
func TestNextStepAtTheDeadline(t *testing.T) {
	for _, c := range []struct {
		now  string
		kind outcome.Kind
	}{
		{"2026-03-08T09:59:59Z", outcome.Capture},
		{expiry, outcome.RetryNewRequest},
	} {
		res := chain(t, outcome.CaptureManual, c.now, paySuccess)
		require.Equal(t, []string{string(c.kind)}, kinds(res.Actions), c.now)
		require.Equal(t, StatusAuthorized, res.State.Status, "an expired authorization is still authorized: %s", c.now)
	}
}

func TestTwoDeadlinesKeepTheEarlier(t *testing.T) {
	const later = "2026-03-09T10:00:00Z"
	laterNotice := notify(`{"notifyType":"PAYMENT_RESULT",` + result("S", "SUCCESS") + `,"paymentRequestId":"PAY_1","paymentId":"P1","paymentAmount":{"currency":"EUR","value":"30000"},"authExpiryTime":"` + later + `"}`)
	// Earlier first, later second; and the other way round.
	a := chain(t, outcome.CaptureManual, nowT, paySuccess, laterNotice).State
	b := chain(t, outcome.CaptureManual, nowT, laterNotice, paySuccess).State
	require.Equal(t, expiry, a.AuthExpiryTime)
	require.Equal(t, expiry, b.AuthExpiryTime)

	for _, c := range []struct{ a, b, want string }{
		{"", "", ""},
		{expiry, "", expiry},
		{"", expiry, expiry},
		{expiry, later, expiry},
		{later, expiry, expiry},
		{"2026-03-08T18:00:00+08:00", expiry, expiry}, // the same instant: the smaller text, either order
		{expiry, "2026-03-08T18:00:00+08:00", expiry},
		{"not a time", expiry, expiry},
		{expiry, "not a time", expiry},
	} {
		require.Equal(t, c.want, earlier(c.a, c.b), "earlier(%q, %q)", c.a, c.b)
	}
}

func TestStateRefusals(t *testing.T) {
	eurp := func(v string) *money.Amount { return &money.Amount{Currency: "EUR", Value: v} }
	long := strings.Repeat("x", 65)
	many := func(n int) map[string]Request {
		m := map[string]Request{}
		for i := range n {
			m["R"+strings.Repeat("0", 3)+string(rune('A'+i%26))+string(rune('a'+i/26))] = Request{Status: RequestFailed}
		}
		return m
	}
	cases := []struct {
		name  string
		edit  func(s *State)
		field string
	}{
		{"version", func(s *State) { s.V = 2 }, "state.v"},
		{"paymentRequestId missing", func(s *State) { s.PaymentRequestID = "" }, "state.paymentRequestId"},
		{"paymentRequestId too long", func(s *State) { s.PaymentRequestID = long }, "state.paymentRequestId"},
		{"paymentRequestId not UTF-8", func(s *State) { s.PaymentRequestID = "P\xff" }, "state.paymentRequestId"},
		{"paymentRequestId control character", func(s *State) { s.PaymentRequestID = "P\n1" }, "state.paymentRequestId"},
		{"paymentRequestId DEL", func(s *State) { s.PaymentRequestID = "P\x7f" }, "state.paymentRequestId"},
		{"orderId too long", func(s *State) { s.OrderID = long }, "state.orderId"},
		{"paymentId too long", func(s *State) { s.PaymentID = long }, "state.paymentId"},
		{"status unknown", func(s *State) { s.Status = "paid" }, "state.status"},
		{"payment phase unknown", func(s *State) { s.Payment = "done" }, "state.payment"},
		{"captureMode unknown", func(s *State) { s.CaptureMode = "LATER" }, "state.captureMode"},
		{"amount invalid", func(s *State) { s.Amount = money.Amount{Currency: "EUR", Value: "0"} }, "state.amount"},
		{"authExpiryTime not RFC 3339", func(s *State) { s.AuthExpiryTime = "2026-03-08 10:00" }, "state.authExpiryTime"},
		{"failureCode not a code", func(s *State) { s.FailureCode = "DO NOT HONOR" }, "state.failureCode"},
		{"failureCode too long", func(s *State) { s.FailureCode = strings.Repeat("A", 65) }, "state.failureCode"},
		{"too many captures", func(s *State) { s.Captures = many(MaxRequests + 1) }, "state.captures"},
		{"too many refunds", func(s *State) { s.Refunds = many(MaxRequests + 1) }, "state.refunds"},
		{"capture key too long", func(s *State) { s.Captures = map[string]Request{long: {Status: RequestFailed}} }, "state.captures key"},
		{"capture status unknown", func(s *State) { s.Captures = map[string]Request{"CAP_1": {Status: "done"}} }, "state.captures.CAP_1.status"},
		{"capture amount invalid", func(s *State) { s.Captures = map[string]Request{"CAP_1": {Status: RequestFailed, Amount: eurp("01")}} }, "state.captures.CAP_1.amount"},
		{"capture in another currency", func(s *State) {
			s.Captures = map[string]Request{"CAP_1": {Status: RequestFailed, Amount: &money.Amount{Currency: "USD", Value: "100"}}}
		}, "state.captures.CAP_1.amount.currency"},
		{"capture id too long", func(s *State) { s.Captures = map[string]Request{"CAP_1": {Status: RequestFailed, ID: long}} }, "state.captures.CAP_1.id"},
		{"capture code not a code", func(s *State) { s.Captures = map[string]Request{"CAP_1": {Status: RequestFailed, Code: "a b"}} }, "state.captures.CAP_1.code"},
		{"refund status unknown", func(s *State) { s.Refunds = map[string]Request{"R_1": {Status: "done"}} }, "state.refunds.R_1.status"},
		{"cancel attempts negative", func(s *State) { s.Cancel = &Request{Status: RequestUnknown, Attempts: -1} }, "state.cancel.attempts"},
		{"cancel attempts too many", func(s *State) { s.Cancel = &Request{Status: RequestUnknown, Attempts: MaxAttempt + 1} }, "state.cancel.attempts"},
		{"too many superseded", func(s *State) {
			s.Superseded = nil
			for i := range MaxSuperseded + 1 {
				s.Superseded = append(s.Superseded, "OLD_"+string(rune('A'+i)))
			}
		}, "state.superseded"},
		{"superseded id too long", func(s *State) { s.Superseded = []string{long} }, "state.superseded[0]"},
		{"superseded duplicate", func(s *State) { s.Superseded = []string{"OLD_1", "OLD_1"} }, "state.superseded[1]"},
		{"superseded equals the payment", func(s *State) { s.Superseded = []string{"PAY_1"} }, "state.superseded[0]"},
		{"too many conflicts", func(s *State) {
			for range MaxConflicts + 1 {
				s.Conflicts = append(s.Conflicts, ConflictEntry{Reason: AmountMismatch, Event: "e"})
			}
		}, "state.conflicts"},
		{"conflict reason unknown", func(s *State) { s.Conflicts = []ConflictEntry{{Reason: "odd", Event: "e"}} }, "state.conflicts[0].reason"},
		{"conflict event too long", func(s *State) {
			s.Conflicts = []ConflictEntry{{Reason: AmountMismatch, Event: strings.Repeat("e", 65)}}
		}, "state.conflicts[0]"},
		{"conflict have too long", func(s *State) {
			s.Conflicts = []ConflictEntry{{Reason: AmountMismatch, Have: strings.Repeat("h", 161)}}
		}, "state.conflicts[0]"},
		{"conflict got too long", func(s *State) { s.Conflicts = []ConflictEntry{{Reason: AmountMismatch, Got: strings.Repeat("g", 161)}} }, "state.conflicts[0]"},
		{"conflict requestId too long", func(s *State) { s.Conflicts = []ConflictEntry{{Reason: AmountMismatch, RequestID: long}} }, "state.conflicts[0].requestId"},

		// The facts must agree with each other.
		{"captures above the amount", func(s *State) {
			s.Captures = map[string]Request{"CAP_1": {Status: RequestSucceeded, Amount: eurp("20000")}, "CAP_2": {Status: RequestSucceeded, Amount: eurp("10001")}}
		}, "state.captures"},
		{"refunds above the amount", func(s *State) {
			s.Captures = map[string]Request{"CAP_1": {Status: RequestSucceeded, Amount: eurp("30000")}}
			s.Refunds = map[string]Request{"R_1": {Status: RequestSucceeded, Amount: eurp("30000")}, "R_2": {Status: RequestSucceeded, Amount: eurp("1")}}
		}, "state.refunds"},
		{"a capture on a failed payment", func(s *State) {
			s.Payment = PhaseFailed
			s.Captures = map[string]Request{"CAP_1": {Status: RequestSucceeded, Amount: eurp("30000")}}
		}, "state.payment"},
		{"a refund of unknown amount on a pending payment", func(s *State) {
			s.Payment = PhasePending
			s.Refunds = map[string]Request{"R_1": {Status: RequestSucceeded}}
		}, "state.payment"},
		{"a cancelled payment with a capture", func(s *State) {
			s.Cancel = &Request{Status: RequestSucceeded}
			s.Captures = map[string]Request{"CAP_1": {Status: RequestSucceeded, Amount: eurp("100")}}
		}, "state.cancel"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := authorizedManual(t)
			c.edit(st)
			_, e := Apply(st, inquirySuccess, nowT)
			require.Error(t, e, "the state was accepted")
			err := problem.From(e)
			require.Equal(t, problem.BadInput, err.Code)
			require.Equal(t, c.field, err.Field, err.Message)
		})
	}

	// The limits themselves are accepted.
	for _, c := range []struct {
		name string
		edit func(s *State)
	}{
		{"64-byte ids", func(s *State) { s.PaymentRequestID, s.OrderID = strings.Repeat("p", 64), strings.Repeat("o", 64) }},
		{"captures up to the amount", func(s *State) {
			s.Captures = map[string]Request{"CAP_1": {Status: RequestSucceeded, Amount: eurp("20000")}, "CAP_2": {Status: RequestSucceeded, Amount: eurp("10000")}}
		}},
		{"refunds up to the amount", func(s *State) {
			s.Captures = map[string]Request{"CAP_1": {Status: RequestSucceeded, Amount: eurp("30000")}}
			s.Refunds = map[string]Request{"R_1": {Status: RequestSucceeded, Amount: eurp("30000")}}
		}},
		{"a cancel that failed, with a capture", func(s *State) {
			s.Cancel = &Request{Status: RequestFailed}
			s.Captures = map[string]Request{"CAP_1": {Status: RequestSucceeded, Amount: eurp("100")}}
		}},
		{"attempts at the limit", func(s *State) { s.Cancel = &Request{Status: RequestUnknown, Attempts: MaxAttempt} }},
		{"conflict fields at their limits", func(s *State) {
			s.Conflicts = []ConflictEntry{{Reason: AmountMismatch, Event: strings.Repeat("e", 64), Have: strings.Repeat("h", 160), Got: strings.Repeat("g", 160)}}
		}},
		{"a plain code of 64", func(s *State) { s.FailureCode = strings.Repeat("A", 60) + "_.:-" }},
	} {
		t.Run("accepted: "+c.name, func(t *testing.T) {
			st := authorizedManual(t)
			c.edit(st)
			_, err := Apply(st, inquirySuccess, nowT)
			require.NoError(t, err)
		})
	}
}

func TestPayRequestedOrder(t *testing.T) {
	st := chain(t, outcome.CaptureManual, nowT).State // pending PAY_1 of ORDER_1

	// The same request again, order and all: accepted, nothing changes.
	res := apply(t, st, payRequested(outcome.CaptureManual), nowT)
	require.Equal(t, EffectAccepted, res.Effect)
	require.False(t, res.Changed)

	// The same id for another order is not this payment.
	other := payRequested(outcome.CaptureManual)
	other.OrderID = "ORDER_2"
	_, err := Apply(st, other, nowT)
	require.Error(t, err)
	require.Equal(t, "event.orderId", problem.From(err).Field)

	// A state recorded without an order: the repeat that names one is inconsistent.
	noOrder := apply(t, nil, Event{Type: PayRequested, PaymentRequestID: "PAY_1", Amount: eur("30000"), CaptureMode: outcome.CaptureManual}, nowT).State
	res = apply(t, noOrder, payRequested(outcome.CaptureManual), nowT)
	require.Equal(t, EffectRefused, res.Effect)
	require.Equal(t, string(RefusedRepeatInconsistent), res.Reason)
}

func TestNewAttemptsUpToMaxSuperseded(t *testing.T) {
	failedWith := func(n int) *State {
		st := chain(t, outcome.CaptureManual, nowT, payDeclined).State
		for i := range n {
			st.Superseded = append(st.Superseded, "OLD_"+string(rune('A'+i)))
		}
		return st
	}
	next := Event{Type: PayRequested, PaymentRequestID: "PAY_NEXT", OrderID: "ORDER_1", Amount: eur("30000"), CaptureMode: outcome.CaptureManual}

	res := apply(t, failedWith(MaxSuperseded-1), next, nowT)
	require.Equal(t, EffectAccepted, res.Effect)
	require.Len(t, res.State.Superseded, MaxSuperseded)

	res = apply(t, failedWith(MaxSuperseded), next, nowT)
	require.Equal(t, EffectRefused, res.Effect)
	require.Equal(t, string(RefusedTooManyRequests), res.Reason)
}

// A capture without an amount takes what is left of the authorization.
func TestCaptureDefaultsToTheRest(t *testing.T) {
	st := authorizedManual(t)
	first := apply(t, st, Event{Type: CaptureRequested, CaptureRequestID: "CAP_1", Amount: eur("10000"), AllowPartial: true}, nowT)
	require.Equal(t, EffectAccepted, first.Effect)
	st = apply(t, first.State, captureResp("S", "SUCCESS", "CAP_1", "10000"), nowT).State

	rest := apply(t, st, Event{Type: CaptureRequested, CaptureRequestID: "CAP_2", AllowPartial: true}, nowT)
	require.Equal(t, EffectAccepted, rest.Effect, rest.Message)
	require.Len(t, rest.Actions, 1)
	require.Equal(t, outcome.Capture, rest.Actions[0].Kind)
	require.Equal(t, eur("20000"), rest.Actions[0].Amount)
}

func captured(t *testing.T) *State {
	t.Helper()
	st := apply(t, authorizedManual(t), Event{Type: CaptureRequested, CaptureRequestID: "CAP_1"}, nowT).State
	return apply(t, st, captureResp("S", "SUCCESS", "CAP_1", "30000"), nowT).State
}

// A refund the state knew without an amount gets the guard of a new refund once
// the merchant names its amount: together with the refunds under way it may not
// exceed the captured amount.
func TestRefundNamedLaterIsGuarded(t *testing.T) {
	st := captured(t)
	st.Refunds = map[string]Request{"R_1": {Status: RequestUnknown}, "R_2": {Status: RequestRequested, Amount: eur("20000")}}
	res := apply(t, st, Event{Type: RefundRequested, RefundRequestID: "R_1", Amount: eur("15000")}, nowT)
	require.Equal(t, EffectRefused, res.Effect)
	require.Equal(t, string(RefusedExceedsCaptured), res.Reason)

	res = apply(t, st, Event{Type: RefundRequested, RefundRequestID: "R_1", Amount: eur("10000")}, nowT)
	require.Equal(t, EffectAccepted, res.Effect)
	require.Equal(t, eur("10000"), res.State.Refunds["R_1"].Amount)
}

func TestFailedRefundNamesItsCode(t *testing.T) {
	for code, want := range map[string]string{"": "no code", "REFUND_WINDOW_EXCEED": "REFUND_WINDOW_EXCEED"} {
		st := captured(t)
		st.Refunds = map[string]Request{"R_1": {Status: RequestFailed, Amount: eur("100"), Code: code}}
		res := apply(t, st, Event{Type: RefundRequested, RefundRequestID: "R_1", Amount: eur("100")}, nowT)
		require.Equal(t, EffectRefused, res.Effect)
		require.Contains(t, res.Message, "("+want+")")
	}
}

// The state never shares memory with the event it was given.
func TestStateDoesNotAliasTheEvent(t *testing.T) {
	amount := eur("10000")
	res := apply(t, authorizedManual(t), Event{Type: CaptureRequested, CaptureRequestID: "CAP_1", Amount: amount, AllowPartial: true}, nowT)
	amount.Value = "1"
	require.Equal(t, "10000", res.State.Captures["CAP_1"].Amount.Value)
}

func TestIDsMayHoldSpaces(t *testing.T) {
	st := authorizedManual(t)
	st.OrderID = "ORDER 1" // a space is not a control character
	_, err := Apply(st, inquirySuccess, nowT)
	require.NoError(t, err)
}

// Derived amounts: authorized only once authorized; a succeeded refund of unknown
// amount proves a capture of the whole amount even when no capture is known.
func TestDerivedAmounts(t *testing.T) {
	pending := chain(t, outcome.CaptureManual, nowT).State
	require.Nil(t, pending.AuthorizedAmount)
	require.Equal(t, eur("30000"), authorizedManual(t).AuthorizedAmount)

	st := authorizedManual(t)
	st.Refunds = map[string]Request{"R_1": {Status: RequestSucceeded}}
	res := apply(t, st, inquirySuccess, nowT)
	require.Equal(t, eur("30000"), res.State.CapturedAmount)
}
