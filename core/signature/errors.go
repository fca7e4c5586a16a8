package signature

import "errors"

// Reason is the machine-readable cause of a signing, key or verification
// failure. The set of reasons is closed: it is exactly the Reason*
// constants, listed by [Reasons].
//
// A Reason is itself an error so that it can be used as an errors.Is target:
// errors.Is(err, signature.ErrSignatureMismatch).
type Reason string

// The reason codes. Their string values are stable and may be used in logs,
// metrics and API responses.
const (
	// ReasonMissingHeader: a required header (named in Error.Header) is
	// absent or empty.
	ReasonMissingHeader Reason = "missing_header"
	// ReasonMalformedHeader: a header is present but cannot be parsed, or is
	// present several times with different values.
	ReasonMalformedHeader Reason = "malformed_header"
	// ReasonUnsupportedAlgorithm: the Signature header names an algorithm
	// other than RSA256.
	ReasonUnsupportedAlgorithm Reason = "unsupported_algorithm"
	// ReasonBadSignatureEncoding: the signature value is not (URL-encoded)
	// base64, or decodes to the wrong length for the key.
	ReasonBadSignatureEncoding Reason = "bad_signature_encoding"
	// ReasonBadKey: a key cannot be parsed or used (wrong type, wrong size,
	// not base64, truncated, a public key where a private one belongs, ...).
	// Also used for bad key-generation parameters.
	ReasonBadKey Reason = "bad_key"
	// ReasonSignatureMismatch: the signature is well-formed but does not
	// verify against the content and key.
	ReasonSignatureMismatch Reason = "signature_mismatch"
	// ReasonTimeOutsideTolerance: the signed time is further than the
	// tolerance from VerifyOptions.Now.
	ReasonTimeOutsideTolerance Reason = "time_outside_tolerance"
	// ReasonBadTime: a tolerance is set but the signed time cannot be
	// parsed (or VerifyOptions.Now is missing).
	ReasonBadTime Reason = "bad_time"
)

// Sentinel errors, one per reason, for use with errors.Is. They are the
// Reason constants themselves (constants, so nobody can reassign them).
const (
	// ErrMissingHeader matches errors with ReasonMissingHeader.
	ErrMissingHeader = ReasonMissingHeader
	// ErrMalformedHeader matches errors with ReasonMalformedHeader.
	ErrMalformedHeader = ReasonMalformedHeader
	// ErrUnsupportedAlgorithm matches errors with ReasonUnsupportedAlgorithm.
	ErrUnsupportedAlgorithm = ReasonUnsupportedAlgorithm
	// ErrBadSignatureEncoding matches errors with ReasonBadSignatureEncoding.
	ErrBadSignatureEncoding = ReasonBadSignatureEncoding
	// ErrBadKey matches errors with ReasonBadKey.
	ErrBadKey = ReasonBadKey
	// ErrSignatureMismatch matches errors with ReasonSignatureMismatch.
	ErrSignatureMismatch = ReasonSignatureMismatch
	// ErrTimeOutsideTolerance matches errors with ReasonTimeOutsideTolerance.
	ErrTimeOutsideTolerance = ReasonTimeOutsideTolerance
	// ErrBadTime matches errors with ReasonBadTime.
	ErrBadTime = ReasonBadTime
)

// Reasons returns every reason code, in a fixed order. The returned slice is
// a fresh copy.
func Reasons() []Reason {
	return []Reason{
		ReasonMissingHeader,
		ReasonMalformedHeader,
		ReasonUnsupportedAlgorithm,
		ReasonBadSignatureEncoding,
		ReasonBadKey,
		ReasonSignatureMismatch,
		ReasonTimeOutsideTolerance,
		ReasonBadTime,
	}
}

// Error implements error so that a Reason can be an errors.Is target.
func (r Reason) Error() string { return "signature: " + string(r) }

// Error is the only error type returned by this package. Message is
// human-readable and never contains key material; Header names the HTTP
// header concerned (lower case, e.g. "client-id"), if any.
type Error struct {
	// Reason is the machine-readable cause.
	Reason Reason
	// Message explains the failure for humans. It never contains key
	// material.
	Message string
	// Header is the HTTP header concerned, if any, e.g. "signature".
	Header string
}

// Error returns "signature: <reason>: <message>", naming the header if any.
func (e *Error) Error() string {
	if e == nil {
		return "signature: <nil>"
	}
	s := "signature: " + string(e.Reason)
	if e.Header != "" {
		s += " (header " + e.Header + ")"
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Is reports whether target is this error's Reason (a sentinel such as
// ErrSignatureMismatch) or an *Error with the same Reason.
func (e *Error) Is(target error) bool {
	if e == nil {
		return false
	}
	switch t := target.(type) {
	case Reason:
		return t == e.Reason
	case *Error:
		return t != nil && t.Reason == e.Reason
	}
	return false
}

// ReasonOf returns the Reason of err if err is or wraps an *Error, and ""
// otherwise.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) && e != nil {
		return e.Reason
	}
	if r, ok := err.(Reason); ok {
		return r
	}
	return ""
}

func newErr(r Reason, header, msg string) *Error {
	return &Error{Reason: r, Message: msg, Header: header}
}

func badKey(msg string) *Error { return newErr(ReasonBadKey, "", msg) }
