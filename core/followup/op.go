package followup

import (
	"bytes"
	"encoding/json"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/problem"
)

// OpCapture is op capture.build: a CaptureIntent in, Built out.
func OpCapture(input []byte) (any, error) {
	res, perr := opCapture(input)
	return res, problem.OrNil(perr)
}

// opCapture is OpCapture with the concrete error type, for this package.
func opCapture(input []byte) (any, *problem.Error) { return op(input, buildCapture) }

// OpCancel is op cancel.build: a CancelIntent in, Built out.
func OpCancel(input []byte) (any, error) {
	res, perr := opCancel(input)
	return res, problem.OrNil(perr)
}

// opCancel is OpCancel with the concrete error type, for this package.
func opCancel(input []byte) (any, *problem.Error) { return op(input, buildCancel) }

// OpInquiry is op inquiry.build: an InquiryIntent in, Built out.
func OpInquiry(input []byte) (any, error) {
	res, perr := opInquiry(input)
	return res, problem.OrNil(perr)
}

// opInquiry is OpInquiry with the concrete error type, for this package.
func opInquiry(input []byte) (any, *problem.Error) { return op(input, buildInquiry) }

// OpRefund is op refund.build: a RefundIntent in, Built out.
func OpRefund(input []byte) (any, error) {
	res, perr := opRefund(input)
	return res, problem.OrNil(perr)
}

// opRefund is OpRefund with the concrete error type, for this package.
func opRefund(input []byte) (any, *problem.Error) { return op(input, buildRefund) }

// OpConsult is op consult.build: a ConsultIntent in, Built out.
func OpConsult(input []byte) (any, error) {
	res, perr := opConsult(input)
	return res, problem.OrNil(perr)
}

// opConsult is OpConsult with the concrete error type, for this package.
func opConsult(input []byte) (any, *problem.Error) {
	var in ConsultIntent
	if err := decode(input, &in); err != nil {
		return nil, err
	}
	var raw struct {
		Env json.RawMessage `json:"env"`
	}
	if json.Unmarshal(input, &raw) == nil {
		if err := envLenient(raw.Env, in.Env); err != nil {
			return nil, err
		}
	}
	return result(buildConsult(in))
}

// ReadInput is the input of consult.read.
type ReadInput struct {
	// Response is consult's answer, a JSON object. Unknown fields in it are
	// ignored (Antom adds fields over time); a value of the wrong JSON type is
	// BAD_JSON naming its field.
	Response json.RawMessage `json:"response"`
}

// OpConsultRead is op consult.read: a ReadInput in, Consultation out.
func OpConsultRead(input []byte) (any, error) {
	res, perr := opConsultRead(input)
	return res, problem.OrNil(perr)
}

// opConsultRead is OpConsultRead with the concrete error type, for this package.
func opConsultRead(input []byte) (any, *problem.Error) {
	var in ReadInput
	if err := decode(input, &in); err != nil {
		return nil, err
	}
	raw := bytes.TrimSpace(in.Response)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, &problem.Error{Code: problem.BadInput, Field: "response", Message: "response is required: consult's answer, a JSON object"}
	}
	if raw[0] != '{' {
		return nil, &problem.Error{Code: problem.BadJSON, Field: "response", Message: "response must be a JSON object"}
	}
	var r antom.ConsultResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		perr := problem.FromJSON(err, "response")
		perr.Offset = 0 // it counts from the response, not from the op input
		return nil, perr
	}
	c, perr := readConsult(&r)
	if perr != nil {
		return nil, perr
	}
	return c, nil
}

// op decodes an intent strictly and builds it.
func op[T any](input []byte, build func(T) (Built, *problem.Error)) (any, *problem.Error) {
	var in T
	if err := decode(input, &in); err != nil {
		return nil, err
	}
	return result(build(in))
}

func result(b Built, err *problem.Error) (any, *problem.Error) {
	if err != nil {
		return nil, err
	}
	return b, nil
}
