package lifecycle

import (
	"slices"
	"strconv"
	"testing"

	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outcome"
	"github.com/stretchr/testify/require"
)

func capReq(id, value string, partial bool) Event {
	ev := Event{Type: CaptureRequested, CaptureRequestID: id, AllowPartial: partial}
	if value != "" {
		ev.Amount = eur(value)
	}
	return ev
}

func refReq(id, value string) Event {
	return Event{Type: RefundRequested, RefundRequestID: id, Amount: eur(value)}
}

var cancelReq = Event{Type: CancelRequested}

// TestSequences plays short histories and checks the last result.
func TestSequences(t *testing.T) {
	tests := []struct {
		name     string
		mode     string
		now      string
		events   []Event
		status   Status
		effect   Effect
		reason   string
		actions  []string
		conflict ConflictReason
	}{
		{"pay redirect", "MANUAL", nowT, []Event{payInProcess}, StatusRequiresBuyerAction, EffectApplied, "buyer_redirect_required", []string{"redirect"}, ""},
		{"pay unknown: retry the same request", "MANUAL", nowT, []Event{payUnknown}, StatusPending, EffectUnchanged, "unknown_exception", []string{"retry_same_request"}, ""},
		{"pay timeout: retry the same request", "MANUAL", nowT, []Event{timeoutPay}, StatusPending, EffectUnchanged, "timeout", []string{"retry_same_request"}, ""},
		{"pay declined", "MANUAL", nowT, []Event{payDeclined}, StatusFailed, EffectApplied, "do_not_honor", []string{"none"}, ""},
		{"manual authorized: capture", "MANUAL", nowT, []Event{notifyResultS}, StatusAuthorized, EffectApplied, "authorized_capture_required", []string{"capture"}, ""},
		{"automatic authorized: wait for notifyCapture", "AUTOMATIC", nowT, []Event{notifyResultS}, StatusAuthorized, EffectApplied, "authorized_automatic_capture", []string{"wait_notification"}, ""},
		{"manual authorized past authExpiryTime: new payment", "MANUAL", lateNow, []Event{notifyResultS}, StatusAuthorized, EffectApplied, "authorization_expired", []string{"retry_new_request"}, ""},
		{"notification before the pay response", "MANUAL", nowT, []Event{notifyResultS, payInProcess}, StatusAuthorized, EffectStale, "stale_event", []string{"capture"}, ""},
		{"PAYMENT_PENDING after PAYMENT_RESULT does not regress", "MANUAL", nowT, []Event{notifyResultS, notifyPending}, StatusAuthorized, EffectStale, "stale_event", []string{"capture"}, ""},
		{"inquiry after the notification", "MANUAL", nowT, []Event{notifyResultS, inquirySuccess}, StatusAuthorized, EffectUnchanged, "already_known", []string{"capture"}, ""},
		{"failed inquiry while pending: inquire again", "MANUAL", nowT, []Event{inquiryBroken}, StatusPending, EffectUnchanged, "unknown_exception", []string{"retry_same_request"}, ""},
		{"capture in process", "MANUAL", nowT, []Event{notifyResultS, capReq("CAP_1", "", false), captureResp("U", "CAPTURE_IN_PROCESS", "CAP_1", "")}, StatusAuthorized, EffectApplied, "capture_processing", []string{"wait_notification"}, ""},
		{"capture succeeded", "MANUAL", nowT, []Event{notifyResultS, capReq("CAP_1", "", false), captureResp("S", "SUCCESS", "CAP_1", "30000")}, StatusCaptured, EffectApplied, "captured", []string{"none"}, ""},
		{"capture AUTH_EXPIRED: new payment", "MANUAL", nowT, []Event{notifyResultS, capReq("CAP_1", "", false), captureResp("F", "AUTH_EXPIRED", "CAP_1", "")}, StatusAuthorized, EffectApplied, "authorization_expired", []string{"retry_new_request"}, ""},
		{"capture timeout: same captureRequestId", "MANUAL", nowT, []Event{notifyResultS, capReq("CAP_1", "", false), {Type: Timeout, API: "capture"}}, StatusAuthorized, EffectApplied, "timeout", []string{"retry_same_request"}, ""},
		{"capture success before the payment result proves the authorization", "MANUAL", nowT, []Event{captureNotice("S", "SUCCESS", "CAP_1", "30000")}, StatusCaptured, EffectApplied, "captured", []string{"none"}, ""},
		{"refund before its capture notification", "AUTOMATIC", nowT, []Event{paySuccess, refundResp("S", "SUCCESS", "REF_1", "30000")}, StatusRefunded, EffectApplied, "refunded", []string{"none"}, ""},
		{"a small refund proves a full capture not yet notified", "AUTOMATIC", nowT, []Event{paySuccess, refundResp("S", "SUCCESS", "REF_1", "100")}, StatusPartiallyRefunded, EffectApplied, "refunded", []string{"none"}, ""},
		{"refund in process then notification", "MANUAL", nowT, []Event{paySuccess, captureResp("S", "SUCCESS", "CAP_1", "30000"), refReq("REF_1", "100"), refundResp("U", "REFUND_IN_PROCESS", "REF_1", ""), refundNotice("S", "REF_1", "100")}, StatusPartiallyRefunded, EffectApplied, "refunded", []string{"none"}, ""},
		{"refund failed", "MANUAL", nowT, []Event{paySuccess, captureResp("S", "SUCCESS", "CAP_1", "30000"), refReq("REF_1", "100"), refundResp("F", "REFUND_AMOUNT_EXCEED", "REF_1", "")}, StatusCaptured, EffectApplied, "refund_amount_exceeded", []string{"fix_request"}, ""},
		{"cancel unknown three times: contact support", "MANUAL", nowT, []Event{paySuccess, cancelReq, {Type: CancelResponse, Attempt: 3, Response: []byte(`{` + result("U", "UNKNOWN_EXCEPTION") + `}`)}}, StatusAuthorized, EffectApplied, "cancel_unknown_after_retries", []string{"contact_support"}, ""},
		{"cancel succeeded", "MANUAL", nowT, []Event{paySuccess, cancelReq, cancelResp("S", "SUCCESS")}, StatusCancelled, EffectApplied, "cancelled", []string{"none"}, ""},
		{"success notification after a cancel stays cancelled", "MANUAL", nowT, []Event{cancelReq, cancelResp("S", "SUCCESS"), notifyResultS}, StatusCancelled, EffectApplied, "state_updated", []string{"none"}, ""},
		{"UPDATE_AMOUNT_RESULT says nothing about the payment", "MANUAL", nowT, []Event{notify(`{"notifyType":"UPDATE_AMOUNT_RESULT",` + result("S", "SUCCESS") + `,"paymentRequestId":"PAY_1","paymentAmount":{"currency":"EUR","value":"100"}}`)}, StatusPending, EffectUnchanged, "not_a_payment_result", []string{"inquire"}, ""},

		{"FAIL after SUCCESS is a conflict", "MANUAL", nowT, []Event{notifyResultS, notifyResultF}, StatusAuthorized, EffectConflict, "failure_after_success", []string{"inquire"}, FailureAfterSuccess},
		{"SUCCESS after FAIL is a conflict", "MANUAL", nowT, []Event{notifyResultF, paySuccess}, StatusFailed, EffectConflict, "success_after_failure", []string{"inquire"}, SuccessAfterFailure},
		{"an inquiry contradicting the state: contact support", "MANUAL", nowT, []Event{notifyResultF, inquirySuccess}, StatusFailed, EffectConflict, "success_after_failure", []string{"contact_support"}, SuccessAfterFailure},
		{"capture success on a failed payment", "MANUAL", nowT, []Event{notifyResultF, captureNotice("S", "SUCCESS", "CAP_1", "30000")}, StatusFailed, EffectConflict, "success_after_failure", []string{"inquire"}, SuccessAfterFailure},
		{"capture success and failure", "MANUAL", nowT, []Event{paySuccess, captureResp("S", "SUCCESS", "CAP_1", "30000"), captureNotice("F", "PROCESS_FAIL", "CAP_1", "30000")}, StatusCaptured, EffectConflict, "request_result_conflict", []string{"inquire"}, RequestResultConflict},
		{"capture after cancel", "MANUAL", nowT, []Event{paySuccess, cancelResp("S", "SUCCESS"), captureNotice("S", "SUCCESS", "CAP_1", "30000")}, StatusCancelled, EffectConflict, "capture_after_cancel", []string{"inquire"}, CaptureAfterCancel},
		{"cancel after capture", "MANUAL", nowT, []Event{paySuccess, captureNotice("S", "SUCCESS", "CAP_1", "30000"), cancelResp("S", "SUCCESS")}, StatusCaptured, EffectConflict, "cancel_after_capture", []string{"inquire"}, CancelAfterCapture},
		{"Antom reports more captured than authorized", "MANUAL", nowT, []Event{paySuccess, captureNotice("S", "SUCCESS", "CAP_1", "30000"), captureNotice("S", "SUCCESS", "CAP_2", "1")}, StatusCaptured, EffectConflict, "capture_exceeds_authorized", []string{"contact_support"}, CaptureExceedsAuthorized},
		{"Antom reports more refunded than paid", "MANUAL", nowT, []Event{paySuccess, refundNotice("S", "REF_1", "30000"), refundNotice("S", "REF_2", "1")}, StatusRefunded, EffectConflict, "refund_exceeds_payment", []string{"contact_support"}, RefundExceedsPayment},
		{"another amount", "MANUAL", nowT, []Event{respond(PayResponse, `{`+result("S", "SUCCESS")+`,"paymentRequestId":"PAY_1","paymentAmount":{"currency":"EUR","value":"30001"}}`)}, StatusPending, EffectConflict, "amount_mismatch", []string{"inquire"}, AmountMismatch},
		{"another paymentId", "MANUAL", nowT, []Event{paySuccess, respond(InquiryResponse, `{`+result("S", "SUCCESS")+`,"paymentStatus":"SUCCESS","paymentRequestId":"PAY_1","paymentId":"P2"}`)}, StatusAuthorized, EffectConflict, "payment_id_mismatch", []string{"contact_support"}, PaymentIDMismatch},
		{"capture amount differs from the request", "MANUAL", nowT, []Event{paySuccess, capReq("CAP_1", "", false), captureNotice("S", "SUCCESS", "CAP_1", "20000")}, StatusAuthorized, EffectConflict, "amount_mismatch", []string{"inquire"}, AmountMismatch},
		{"second payment of the order authorized while paid: cancel it", "MANUAL", nowT, []Event{paySuccess, notify(`{"notifyType":"PAYMENT_RESULT",` + result("S", "SUCCESS") + `,"paymentRequestId":"PAY_2","paymentId":"P2"}`)}, StatusAuthorized, EffectConflict, "second_payment_for_order", []string{"cancel"}, SecondPaymentForOrder},
		{"second payment authorized while the first is open: inquire the first", "MANUAL", nowT, []Event{notify(`{"notifyType":"PAYMENT_RESULT",` + result("S", "SUCCESS") + `,"paymentRequestId":"PAY_2","paymentId":"P2"}`)}, StatusPending, EffectConflict, "second_payment_for_order", []string{"inquire"}, SecondPaymentForOrder},
		{"second payment authorized after the first failed: track it", "MANUAL", nowT, []Event{payDeclined, notify(`{"notifyType":"PAYMENT_RESULT",` + result("S", "SUCCESS") + `,"paymentRequestId":"PAY_2","paymentId":"P2"}`)}, StatusFailed, EffectConflict, "second_payment_for_order", []string{"fix_request"}, SecondPaymentForOrder},
		{"another payment's failure is ignored", "MANUAL", nowT, []Event{paySuccess, notify(`{"notifyType":"PAYMENT_RESULT",` + result("F", "DO_NOT_HONOR") + `,"paymentRequestId":"PAY_2"}`)}, StatusAuthorized, EffectIgnored, "other_payment", []string{"none"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := chain(t, tt.mode, tt.now, tt.events...)
			require.Equal(t, tt.status, res.State.Status)
			require.Equal(t, tt.effect, res.Effect)
			require.Equal(t, tt.reason, res.Reason, res.Message)
			require.Equal(t, tt.actions, kinds(res.Actions))
			require.NotEmpty(t, res.Message)
			if tt.conflict == "" {
				require.Nil(t, res.Conflict)
				return
			}
			require.NotNil(t, res.Conflict)
			require.Equal(t, tt.conflict, res.Conflict.Reason)
			// A conflict changes nothing but the log.
			prev := chain(t, tt.mode, tt.now, tt.events[:len(tt.events)-1]...).State
			got := res.State.clone()
			require.Equal(t, res.Conflict.ConflictEntry, got.Conflicts[len(got.Conflicts)-1])
			got.Conflicts = prev.Conflicts
			require.Equal(t, prev, got)
			// A repeat of the conflicting event is logged once.
			again := apply(t, res.State, tt.events[len(tt.events)-1], tt.now)
			require.False(t, again.Changed)
			require.Equal(t, res.Conflict, again.Conflict)
		})
	}
}

// TestGuards checks each merchant command against the state.
func TestGuards(t *testing.T) {
	authorized := []Event{notifyResultS}
	captured := []Event{notifyResultS, capReq("CAP_1", "", false), captureResp("S", "SUCCESS", "CAP_1", "30000")}
	tests := []struct {
		name    string
		mode    string
		now     string
		before  []Event
		command Event
		effect  Effect
		reason  string
		actions []string
	}{
		{"capture: full amount by default", "MANUAL", nowT, authorized, capReq("CAP_1", "", false), EffectAccepted, "capture_accepted", []string{"capture"}},
		{"capture: the same request again is idempotent", "MANUAL", nowT, append(authorized, capReq("CAP_1", "", false)), capReq("CAP_1", "30000", false), EffectAccepted, "capture_requested", []string{"capture"}},
		{"capture: same id, other amount", "MANUAL", nowT, append(authorized, capReq("CAP_1", "", false)), capReq("CAP_1", "100", true), EffectRefused, RefusedRepeatInconsistent, []string{"fix_request"}},
		{"capture: not authorized yet", "MANUAL", nowT, []Event{payInProcess}, capReq("CAP_1", "", false), EffectRefused, RefusedNotAuthorized, []string{"wait_notification"}},
		{"capture: automatic capture mode", "AUTOMATIC", nowT, authorized, capReq("CAP_1", "", false), EffectRefused, RefusedAutomaticCapture, []string{"wait_notification"}},
		{"capture: after authExpiryTime", "MANUAL", lateNow, authorized, capReq("CAP_1", "", false), EffectRefused, RefusedAuthorizationExpired, []string{"retry_new_request"}},
		{"capture: after an AUTH_EXPIRED capture", "MANUAL", nowT, append(authorized, capReq("CAP_1", "", false), captureResp("F", "AUTH_EXPIRED", "CAP_1", "")), capReq("CAP_2", "", false), EffectRefused, RefusedAuthorizationExpired, []string{"retry_new_request"}},
		{"capture: after a failed capture, a new id may retry", "MANUAL", nowT, append(authorized, capReq("CAP_1", "", false), captureResp("F", "PARAM_ILLEGAL", "CAP_1", "")), capReq("CAP_2", "", false), EffectAccepted, "capture_accepted", []string{"capture"}},
		{"capture: the failed id itself is refused", "MANUAL", nowT, append(authorized, capReq("CAP_1", "", false), captureResp("F", "PARAM_ILLEGAL", "CAP_1", "")), capReq("CAP_1", "", false), EffectRefused, RefusedRequestFailed, []string{"capture"}},
		{"capture: partial refused by default", "MANUAL", nowT, authorized, capReq("CAP_1", "10000", false), EffectRefused, RefusedPartialCapture, []string{"fix_request"}},
		{"capture: partial allowed with allowPartial", "MANUAL", nowT, authorized, capReq("CAP_1", "10000", true), EffectAccepted, "capture_accepted", []string{"capture"}},
		{"capture: a second partial within the authorization", "MANUAL", nowT, append(authorized, capReq("CAP_1", "10000", true)), capReq("CAP_2", "20000", true), EffectAccepted, "capture_accepted", []string{"capture"}},
		{"capture: a second partial beyond the authorization", "MANUAL", nowT, append(authorized, capReq("CAP_1", "10000", true)), capReq("CAP_2", "20001", true), EffectRefused, RefusedExceedsAuthorized, []string{"fix_request"}},
		{"capture: a second capture without allowPartial", "MANUAL", nowT, append(authorized, capReq("CAP_1", "10000", true)), capReq("CAP_2", "20000", false), EffectRefused, RefusedMultipleCaptures, []string{"fix_request"}},
		{"capture: more than authorized", "MANUAL", nowT, authorized, capReq("CAP_1", "30001", false), EffectRefused, RefusedExceedsAuthorized, []string{"fix_request"}},
		{"capture: already fully captured", "MANUAL", nowT, captured, capReq("CAP_2", "", false), EffectRefused, RefusedFullyCaptured, []string{"none"}},
		{"capture: other currency", "MANUAL", nowT, authorized, Event{Type: CaptureRequested, CaptureRequestID: "CAP_1", Amount: &moneyUSD}, EffectRefused, RefusedCurrencyMismatch, []string{"fix_request"}},
		{"capture: failed payment", "MANUAL", nowT, []Event{notifyResultF}, capReq("CAP_1", "", false), EffectRefused, RefusedPaymentFailed, []string{"none"}},
		{"capture: cancel under way", "MANUAL", nowT, append(authorized, cancelReq), capReq("CAP_1", "", false), EffectRefused, RefusedCancelInProgress, []string{"cancel"}},

		{"cancel: authorized", "MANUAL", nowT, authorized, cancelReq, EffectAccepted, "cancel_accepted", []string{"cancel"}},
		{"cancel: again while open", "MANUAL", nowT, append(authorized, cancelReq), cancelReq, EffectAccepted, "cancel_requested", []string{"cancel"}},
		{"cancel: after capture, refund instead", "MANUAL", nowT, captured, cancelReq, EffectRefused, RefusedCapturedUseRefund, []string{"fix_request"}},
		{"cancel: capture under way", "MANUAL", nowT, append(authorized, capReq("CAP_1", "", false)), cancelReq, EffectRefused, RefusedCaptureInProgress, []string{"capture"}},
		{"cancel: Antom said PROCESS_FAIL", "MANUAL", nowT, append(authorized, cancelReq, cancelResp("F", "PROCESS_FAIL")), cancelReq, EffectRefused, RefusedCapturedUseRefund, []string{"fix_request"}},
		{"cancel: failed payment", "MANUAL", nowT, []Event{payDeclined}, cancelReq, EffectRefused, RefusedPaymentFailed, []string{"none"}},
		{"cancel: pending payment", "MANUAL", nowT, []Event{payInProcess}, cancelReq, EffectAccepted, "cancel_accepted", []string{"cancel"}},

		{"refund: captured", "MANUAL", nowT, captured, refReq("REF_1", "10000"), EffectAccepted, "refund_accepted", []string{"refund"}},
		{"refund: not captured, cancel instead", "MANUAL", nowT, authorized, refReq("REF_1", "10000"), EffectRefused, RefusedNotCaptured, []string{"fix_request"}},
		{"refund: automatic capture not notified yet", "AUTOMATIC", nowT, authorized, refReq("REF_1", "10000"), EffectRefused, RefusedNotCaptured, []string{"wait_notification"}},
		{"refund: more than captured", "MANUAL", nowT, captured, refReq("REF_1", "30001"), EffectRefused, RefusedExceedsCaptured, []string{"fix_request"}},
		{"refund: over-refund counting one under way", "MANUAL", nowT, append(captured, refReq("REF_1", "20000")), refReq("REF_2", "10001"), EffectRefused, RefusedExceedsCaptured, []string{"fix_request"}},
		{"refund: the rest", "MANUAL", nowT, append(captured, refReq("REF_1", "20000"), refundResp("S", "SUCCESS", "REF_1", "20000")), refReq("REF_2", "10000"), EffectAccepted, "refund_accepted", []string{"refund"}},
		{"refund: same id, other amount", "MANUAL", nowT, append(captured, refReq("REF_1", "20000")), refReq("REF_1", "100"), EffectRefused, RefusedRepeatInconsistent, []string{"fix_request"}},
		{"refund: same request again", "MANUAL", nowT, append(captured, refReq("REF_1", "20000")), refReq("REF_1", "20000"), EffectAccepted, "refund_requested", []string{"refund"}},
		{"refund: naming too large an amount for a refund known without one", "AUTOMATIC", nowT, []Event{paySuccess, respond(RefundResponse, `{`+result("S", "SUCCESS")+`,"refundRequestId":"REF_1"}`)}, refReq("REF_1", "30001"), EffectRefused, RefusedExceedsCaptured, []string{"fix_request"}},
		{"refund: naming the amount of a refund known without one", "AUTOMATIC", nowT, []Event{paySuccess, respond(RefundResponse, `{`+result("S", "SUCCESS")+`,"refundRequestId":"REF_1"}`)}, refReq("REF_1", "30000"), EffectAccepted, "already_refunded", []string{"none"}},
		{"refund: cancelled payment", "MANUAL", nowT, append(authorized, cancelReq, cancelResp("S", "SUCCESS")), refReq("REF_1", "100"), EffectRefused, RefusedPaymentCancelled, []string{"none"}},

		{"pay: the same request again", "MANUAL", nowT, nil, payRequested("MANUAL"), EffectAccepted, "pay_requested", []string{"inquire"}},
		{"pay: same id, other capture mode", "MANUAL", nowT, nil, payRequested("AUTOMATIC"), EffectRefused, RefusedRepeatInconsistent, []string{"fix_request"}},
		{"pay: a new id while the first is open", "MANUAL", nowT, []Event{payInProcess}, Event{Type: PayRequested, PaymentRequestID: "PAY_2", Amount: eur("30000")}, EffectRefused, RefusedPaymentInProgress, []string{"inquire"}},
		{"pay: a new id once paid", "MANUAL", nowT, authorized, Event{Type: PayRequested, PaymentRequestID: "PAY_2", Amount: eur("30000")}, EffectRefused, RefusedOrderAlreadyPaid, []string{"none"}},
		{"pay: a new id after a failure supersedes", "MANUAL", nowT, []Event{payDeclined}, Event{Type: PayRequested, PaymentRequestID: "PAY_2", Amount: eur("20000")}, EffectAccepted, "new_attempt", []string{"none"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := chain(t, tt.mode, tt.now, tt.before...)
			res := apply(t, before.State, tt.command, tt.now)
			require.Equal(t, tt.effect, res.Effect, res.Message)
			require.Equal(t, tt.reason, res.Reason, res.Message)
			require.Equal(t, tt.actions, kinds(res.Actions))
			require.Nil(t, res.Conflict)
			if tt.effect == EffectRefused {
				require.False(t, res.Changed)
				require.Contains(t, RefusalReasons(), tt.reason)
			}
			// Every command is idempotent.
			again := apply(t, res.State, tt.command, tt.now)
			require.False(t, again.Changed)
			require.Equal(t, res.State, again.State)
		})
	}
}

var moneyUSD = money.Amount{Currency: "USD", Value: "30000"}

func TestSupersededPaymentIsStillRecognised(t *testing.T) {
	res := chain(t, "MANUAL", nowT, payDeclined, Event{Type: PayRequested, PaymentRequestID: "PAY_2", Amount: eur("30000"), CaptureMode: "MANUAL"})
	require.Equal(t, []string{"PAY_1"}, res.State.Superseded)
	require.Equal(t, "PAY_2", res.State.PaymentRequestID)
	require.Equal(t, StatusPending, res.State.Status)
	// A late success of the failed first attempt is a second payment for the order.
	late := apply(t, res.State, paySuccess, nowT)
	require.NotNil(t, late.Conflict)
	require.Equal(t, SecondPaymentForOrder, late.Conflict.Reason)
	// The superseded id cannot be used again.
	again := apply(t, res.State, payRequested("MANUAL"), nowT)
	require.Equal(t, RefusedRequestIDUsed, again.Reason)
}

func TestCaptureNeedsNowWhenTheDeadlineIsKnown(t *testing.T) {
	res := chain(t, "MANUAL", nowT, notifyResultS)
	_, err := concrete(Apply(res.State, capReq("CAP_1", "", false), ""))
	require.NotNil(t, err)
	require.Equal(t, "now", err.Field)
}

func TestAfterIsAbsoluteWithNow(t *testing.T) {
	res := chain(t, "MANUAL", nowT, respond(InquiryResponse, `{`+result("S", "SUCCESS")+`,"paymentStatus":"PROCESSING"}`))
	require.Equal(t, outcome.Inquire, res.Actions[0].Kind)
	require.Equal(t, 2, res.Actions[0].AfterSeconds)
	require.Equal(t, "2026-03-01T10:00:02Z", res.Actions[0].After)
}

func TestConflictLogIsBounded(t *testing.T) {
	st := chain(t, "MANUAL", nowT, paySuccess).State
	for i := range MaxConflicts + 5 {
		amount := 40000 + i
		res := apply(t, st, respond(PayResponse, `{`+result("S", "SUCCESS")+`,"paymentAmount":{"currency":"EUR","value":"`+strconv.Itoa(amount)+`"}}`), nowT)
		require.NotNil(t, res.Conflict)
		st = res.State
	}
	require.Len(t, st.Conflicts, MaxConflicts)
}

func TestVocabulariesAreClosed(t *testing.T) {
	require.True(t, slices.Contains(ActionKinds(), KindRefund))
	require.Len(t, Statuses(), 10)
	require.Len(t, EventTypes(), 12)
	for _, typ := range EventTypes() {
		_, ok := allowed[typ]
		require.True(t, ok, typ)
	}
}
