package lifecycle

import (
	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outcome"
)

// KindRefund is "call refund with action.refundRequestId and action.amount". It
// answers an accepted refund_requested; no Antom answer ever leads to it
// (docs/DECISIONS.md, lifecycle decision 14).
const KindRefund = outcome.Refund

// ActionKinds lists every action kind Apply can return: outcome's vocabulary.
func ActionKinds() []outcome.Kind {
	return outcome.Kinds()
}

// Action is one next step: outcome's Action (kind, api, requestId "same"/"new",
// notification, redirect, delays, deadline) plus the ids and amount the step
// uses and the reason for it.
type Action struct {
	outcome.Action
	// PaymentRequestID is the payment the step is about (pay, inquiryPayment,
	// cancel); it is absent when the step needs a new id.
	PaymentRequestID string `json:"paymentRequestId,omitempty"`
	// CaptureRequestID and RefundRequestID name the capture or refund the step is
	// about.
	CaptureRequestID string `json:"captureRequestId,omitempty"`
	RefundRequestID  string `json:"refundRequestId,omitempty"`
	// Amount is the amount to capture or refund.
	Amount *money.Amount `json:"amount,omitempty"`
	// Reason is a snake_case code for the step.
	Reason string `json:"reason,omitempty"`
}

// Effect says how the event was treated. The set is closed.
type Effect string

// The effects.
const (
	// EffectApplied: the event added facts; the state changed.
	EffectApplied Effect = "applied"
	// EffectUnchanged: the event agrees with the state and adds nothing (a duplicate).
	EffectUnchanged Effect = "unchanged"
	// EffectStale: the event is older than what the state knows (a PAYMENT_PENDING
	// after the PAYMENT_RESULT); it changes nothing.
	EffectStale Effect = "stale"
	// EffectConflict: the event contradicts the state; it is logged, not applied.
	EffectConflict Effect = "conflict"
	// EffectAccepted: a command passed the guards (or repeats one that did).
	EffectAccepted Effect = "accepted"
	// EffectRefused: a command was refused by a guard; the state is unchanged.
	EffectRefused Effect = "refused"
	// EffectIgnored: the event is about another payment of the order and needs nothing.
	EffectIgnored Effect = "ignored"
)

// Effects lists the effect vocabulary.
func Effects() []Effect {
	return []Effect{EffectApplied, EffectUnchanged, EffectStale, EffectConflict, EffectAccepted, EffectRefused, EffectIgnored}
}

// ConflictReason says what an event contradicted. The set is closed.
type ConflictReason string

// The conflict reasons.
const (
	// FailureAfterSuccess: the payment is authorized and the event says it failed.
	FailureAfterSuccess ConflictReason = "failure_after_success"
	// SuccessAfterFailure: the payment failed and the event says it was authorized,
	// or that a capture or refund on it succeeded.
	SuccessAfterFailure ConflictReason = "success_after_failure"
	// CaptureAfterCancel: the payment is cancelled and a capture or refund succeeded.
	CaptureAfterCancel ConflictReason = "capture_after_cancel"
	// CancelAfterCapture: money was captured and the cancellation succeeded.
	CancelAfterCapture ConflictReason = "cancel_after_capture"
	// RequestResultConflict: a capture, refund or cancellation succeeded and failed.
	RequestResultConflict ConflictReason = "request_result_conflict"
	// AmountMismatch: an amount or currency differs from the one known.
	AmountMismatch ConflictReason = "amount_mismatch"
	// PaymentIDMismatch: the event names another paymentId.
	PaymentIDMismatch ConflictReason = "payment_id_mismatch"
	// CaptureExceedsAuthorized: the succeeded captures would exceed the amount.
	CaptureExceedsAuthorized ConflictReason = "capture_exceeds_authorized"
	// RefundExceedsPayment: the succeeded refunds would exceed the amount.
	RefundExceedsPayment ConflictReason = "refund_exceeds_payment"
	// SecondPaymentForOrder: another paymentRequestId of the order was authorized.
	SecondPaymentForOrder ConflictReason = "second_payment_for_order"
	// TooManyRequests: the event would add a record beyond MaxRequests.
	TooManyRequests ConflictReason = "too_many_requests"
)

// ConflictReasons lists the conflict vocabulary.
func ConflictReasons() []ConflictReason {
	return []ConflictReason{FailureAfterSuccess, SuccessAfterFailure, CaptureAfterCancel, CancelAfterCapture,
		RequestResultConflict, AmountMismatch, PaymentIDMismatch, CaptureExceedsAuthorized, RefundExceedsPayment,
		SecondPaymentForOrder, TooManyRequests}
}

// Conflict is the result's report of a conflict: the logged entry and a message.
type Conflict struct {
	ConflictEntry
	Message string `json:"message"`
}

// Refusal reasons: Result.Reason of a refused command. The set is closed.
const (
	RefusedRepeatInconsistent     = "repeat_request_inconsistent"
	RefusedRequestFailed          = "request_failed"
	RefusedRequestIDUsed          = "request_id_used"
	RefusedPaymentInProgress      = "payment_in_progress"
	RefusedOrderAlreadyPaid       = "order_already_paid"
	RefusedNotAuthorized          = "not_authorized"
	RefusedPaymentFailed          = "payment_failed"
	RefusedPaymentCancelled       = "payment_cancelled"
	RefusedAutomaticCapture       = "automatic_capture"
	RefusedAuthorizationExpired   = "authorization_expired"
	RefusedAuthorizationCancelled = "authorization_cancelled"
	RefusedCancelInProgress       = "cancel_in_progress"
	RefusedCaptureInProgress      = "capture_in_progress"
	RefusedFullyCaptured          = "fully_captured"
	RefusedMultipleCaptures       = "multiple_captures_not_allowed"
	RefusedPartialCapture         = "partial_capture_not_allowed"
	RefusedExceedsAuthorized      = "exceeds_authorized"
	RefusedCapturedUseRefund      = "captured_use_refund"
	RefusedNotCaptured            = "not_captured"
	RefusedExceedsCaptured        = "exceeds_captured"
	RefusedRefundAmountUnknown    = "refund_amount_unknown"
	RefusedCurrencyMismatch       = "currency_mismatch"
	RefusedTooManyRequests        = "too_many_requests"
)

// RefusalReasons lists the refusal vocabulary.
func RefusalReasons() []string {
	return []string{RefusedRepeatInconsistent, RefusedRequestFailed, RefusedRequestIDUsed, RefusedPaymentInProgress,
		RefusedOrderAlreadyPaid, RefusedNotAuthorized, RefusedPaymentFailed, RefusedPaymentCancelled,
		RefusedAutomaticCapture, RefusedAuthorizationExpired, RefusedAuthorizationCancelled, RefusedCancelInProgress,
		RefusedCaptureInProgress, RefusedFullyCaptured, RefusedMultipleCaptures, RefusedPartialCapture,
		RefusedExceedsAuthorized, RefusedCapturedUseRefund, RefusedNotCaptured, RefusedExceedsCaptured,
		RefusedRefundAmountUnknown, RefusedCurrencyMismatch, RefusedTooManyRequests}
}

// Result is the result of payment.apply.
type Result struct {
	// State is the next state (the same as the input when nothing changed, except
	// for a conflict, which is logged).
	State *State `json:"state"`
	// Actions are the next steps, never empty (kind none when there is nothing to do).
	Actions []Action `json:"actions"`
	// Changed reports whether State differs from the input state.
	Changed bool `json:"changed"`
	// Conflict is the contradiction the event carried, null when none.
	Conflict *Conflict `json:"conflict"`
	// Effect says how the event was treated.
	Effect Effect `json:"effect"`
	// Reason is a snake_case code: for Antom answers outcome's reason, for commands
	// the acceptance or refusal reason, else the conflict reason or stale_event.
	Reason string `json:"reason"`
	// Message explains the result to a person.
	Message string `json:"message"`
}
