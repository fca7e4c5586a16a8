// Package problem holds the closed vocabulary of errors every paycore op can return:
// an error code, a message that never carries card data or key material, and, for
// validation, a list of violations naming the Antom JSON field path of each.
package problem

import (
	"errors"
	"fmt"
)

// Code is one of a small closed set of error codes shared by every op and every engine.
type Code string

// The closed set of error codes. Hosts may map them to HTTP statuses or exit codes;
// the set only grows, and a code never changes meaning.
const (
	// BadJSON means the input was not well-formed JSON, or a value had the wrong JSON type.
	BadJSON Code = "BAD_JSON"
	// BadInput means the JSON was well-formed but the op's input shape was wrong
	// (a missing or unknown op parameter, a bad timestamp).
	BadInput Code = "BAD_INPUT"
	// UnknownOp means the op name is not in the catalogue (see core.info).
	UnknownOp Code = "UNKNOWN_OP"
	// ValidationFailed means a request or intent broke Antom's rules; see violations.
	ValidationFailed Code = "VALIDATION_FAILED"
	// BadSignature means a signature could not be verified; the reason says why.
	BadSignature Code = "BAD_SIGNATURE"
	// BadKey means a key could not be parsed or is of the wrong kind.
	BadKey Code = "BAD_KEY"
	// InputTooLarge means the input exceeded the documented size limit.
	InputTooLarge Code = "INPUT_TOO_LARGE"
	// Internal means the core failed unexpectedly (a recovered panic); it is a bug.
	Internal Code = "INTERNAL"
)

// Codes lists every error code, in a stable order, for core.info and tests.
func Codes() []Code {
	return []Code{BadJSON, BadInput, UnknownOp, ValidationFailed, BadSignature, BadKey, InputTooLarge, Internal}
}

// Violation is one broken rule, located by its Antom JSON field path
// (e.g. "paymentMethod.paymentMethodMetaData.expiryYear").
type Violation struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Error is the error half of the op envelope. Reason refines Code where a family of
// causes shares one code (e.g. BAD_SIGNATURE: signature_mismatch); Field and Offset
// locate the problem in the input.
type Error struct {
	Code       Code        `json:"code"`
	Reason     string      `json:"reason,omitempty"`
	Message    string      `json:"message"`
	Field      string      `json:"field,omitempty"`
	Offset     int64       `json:"offset,omitempty"`
	Violations []Violation `json:"violations,omitempty"`
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Is makes errors.Is match on the code alone, so callers can test
// errors.Is(err, &problem.Error{Code: problem.BadKey}).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && (t.Reason == "" || t.Reason == e.Reason)
}

// New returns an Error with a code and message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a VALIDATION_FAILED error carrying the violations.
func Invalid(vs []Violation) *Error {
	msg := "the request breaks 1 rule"
	if len(vs) != 1 {
		msg = fmt.Sprintf("the request breaks %d rules", len(vs))
	}
	return &Error{Code: ValidationFailed, Message: msg, Violations: vs}
}

// OrNil returns e as an error: nil (a nil interface, not a nil *Error) when e is
// nil. Exported functions return error through it, so `if err != nil` means what it
// says.
func OrNil(e *Error) error {
	if e == nil {
		return nil
	}
	return e
}

// From returns the *Error inside err (see errors.As): nil for nil, and an INTERNAL
// Error, without err's text, for an error of another type.
func From(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: "unexpected error; this is a bug in paycore"}
}
