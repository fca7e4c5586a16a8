package lifecycle

import (
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
)

// maxIDLen is Antom's limit for request ids (paymentRequestId, captureRequestId,
// refundRequestId, referenceOrderId) and paymentId.
const maxIDLen = 64

func badInput(field, format string, args ...any) *problem.Error {
	return &problem.Error{Code: problem.BadInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// checkID validates an id: 1 to 64 bytes of UTF-8 without control characters.
// Messages never quote the id (a mistyped field could hold anything).
func checkID(field, v string) *problem.Error {
	switch {
	case v == "":
		return badInput(field, "%s is required", field)
	case len(v) > maxIDLen:
		return badInput(field, "%s is longer than %d bytes", field, maxIDLen)
	case !utf8.ValidString(v):
		return badInput(field, "%s is not valid UTF-8", field)
	}
	for _, r := range v {
		if r < 0x20 || r == 0x7f {
			return badInput(field, "%s contains a control character", field)
		}
	}
	return nil
}

// checkOptionalID is checkID for an id that may be absent.
func checkOptionalID(field, v string) *problem.Error {
	if v == "" {
		return nil
	}
	return checkID(field, v)
}

// checkAmount validates an amount with money's rules and names the reason.
func checkAmount(field string, a money.Amount) *problem.Error {
	if err := a.Validate(); err != nil {
		reason := ""
		if me, ok := err.(*money.Error); ok {
			reason = me.Reason
		}
		return &problem.Error{Code: problem.BadInput, Field: field, Reason: reason, Message: field + ": " + err.Error()}
	}
	return nil
}

// isCode reports whether v is a plain result code: 1 to 64 of [A-Za-z0-9_.:-].
func isCode(v string) bool {
	if v == "" || len(v) > 64 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == ':' || c == '-') {
			return false
		}
	}
	return true
}

func checkTime(field, v string) *problem.Error {
	if v == "" {
		return nil
	}
	if _, err := time.Parse(time.RFC3339, v); err != nil {
		return badInput(field, "%s must be an RFC 3339 time such as 2026-01-02T15:04:05Z", field)
	}
	return nil
}

// validate checks a state passed in by the host: every value in its closed set,
// every amount valid and in the payment's currency, and the facts consistent
// with each other (nothing captured or refunded beyond the amount, nothing
// captured on a failed or cancelled payment). Derived fields are not checked:
// derive recomputes them.
func (s *State) validate() *problem.Error {
	if s.V != Version {
		return badInput("state.v", "state version %d is not supported; this core writes version %d", s.V, Version)
	}
	if err := checkID("state.paymentRequestId", s.PaymentRequestID); err != nil {
		return err
	}
	if err := checkOptionalID("state.orderId", s.OrderID); err != nil {
		return err
	}
	if err := checkOptionalID("state.paymentId", s.PaymentID); err != nil {
		return err
	}
	if !slices.Contains(Statuses(), s.Status) {
		return badInput("state.status", "status must be one of the documented statuses")
	}
	if s.Payment.rank() < 0 {
		return badInput("state.payment", "payment must be pending, requires_buyer_action, processing, authorized or failed")
	}
	if s.CaptureMode != outcome.CaptureAutomatic && s.CaptureMode != outcome.CaptureManual {
		return badInput("state.captureMode", "captureMode must be %q or %q", outcome.CaptureAutomatic, outcome.CaptureManual)
	}
	if err := checkAmount("state.amount", s.Amount); err != nil {
		return err
	}
	if err := checkTime("state.authExpiryTime", s.AuthExpiryTime); err != nil {
		return err
	}
	if s.FailureCode != "" && !isCode(s.FailureCode) {
		return badInput("state.failureCode", "failureCode must be a plain result code")
	}
	for _, kind := range []struct {
		name string
		recs map[string]Request
	}{{"captures", s.Captures}, {"refunds", s.Refunds}} {
		if len(kind.recs) > MaxRequests {
			return badInput("state."+kind.name, "at most %d %s", MaxRequests, kind.name)
		}
		for _, id := range sortedKeys(kind.recs) {
			field := "state." + kind.name + "." + id
			if err := checkID("state."+kind.name+" key", id); err != nil {
				return err
			}
			if err := s.checkRequest(field, kind.recs[id]); err != nil {
				return err
			}
		}
	}
	if s.Cancel != nil {
		if err := s.checkRequest("state.cancel", *s.Cancel); err != nil {
			return err
		}
	}
	if len(s.Superseded) > MaxSuperseded {
		return badInput("state.superseded", "at most %d superseded paymentRequestIds", MaxSuperseded)
	}
	for i, id := range s.Superseded {
		if err := checkID(fmt.Sprintf("state.superseded[%d]", i), id); err != nil {
			return err
		}
		if id == s.PaymentRequestID || slices.Index(s.Superseded, id) != i {
			return badInput(fmt.Sprintf("state.superseded[%d]", i), "superseded ids must be distinct and differ from paymentRequestId")
		}
	}
	if len(s.Conflicts) > MaxConflicts {
		return badInput("state.conflicts", "at most %d conflicts", MaxConflicts)
	}
	for i, c := range s.Conflicts {
		field := fmt.Sprintf("state.conflicts[%d]", i)
		if !slices.Contains(ConflictReasons(), c.Reason) {
			return badInput(field+".reason", "reason must be one of the documented conflict reasons")
		}
		if len(c.Event) > 64 || len(c.Have) > 160 || len(c.Got) > 160 {
			return badInput(field, "conflict entry fields are too long")
		}
		if err := checkOptionalID(field+".requestId", c.RequestID); err != nil {
			return err
		}
	}
	return s.checkFacts()
}

func (s *State) checkRequest(field string, r Request) *problem.Error {
	if r.Status.rank() < 0 {
		return badInput(field+".status", "status must be requested, unknown, processing, succeeded or failed")
	}
	if r.Amount != nil {
		if err := checkAmount(field+".amount", *r.Amount); err != nil {
			return err
		}
		if r.Amount.Currency != s.Amount.Currency {
			return badInput(field+".amount.currency", "the currency differs from the payment's")
		}
	}
	if err := checkOptionalID(field+".id", r.ID); err != nil {
		return err
	}
	if r.Code != "" && !isCode(r.Code) {
		return badInput(field+".code", "code must be a plain result code")
	}
	if r.Attempts < 0 || r.Attempts > MaxAttempt {
		return badInput(field+".attempts", "attempts must be between 0 and %d", MaxAttempt)
	}
	return nil
}

// checkFacts refuses a state whose facts contradict each other: the invariants
// Apply keeps.
func (s *State) checkFacts() *problem.Error {
	t := s.totals()
	amount := minor(s.Amount.Value)
	anySucceeded := t.effective > 0 || t.unknownRefund
	switch {
	case t.captured > amount:
		return badInput("state.captures", "the succeeded captures exceed the payment amount")
	case t.refunded > amount:
		return badInput("state.refunds", "the succeeded refunds exceed the payment amount")
	case anySucceeded && s.Payment != PhaseAuthorized:
		return badInput("state.payment", "a capture or refund succeeded, so the payment must be authorized")
	case anySucceeded && s.Cancel != nil && s.Cancel.Status == RequestSucceeded:
		return badInput("state.cancel", "a cancelled payment cannot have succeeded captures or refunds")
	}
	return nil
}
