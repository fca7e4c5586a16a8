package followup

import (
	"bytes"
	"encoding/json"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/problem"
)

// OpCapture is op capture.build: a CaptureIntent in, Built out.
func OpCapture(input []byte) (any, *problem.Error) { return op(input, BuildCapture) }

// OpCancel is op cancel.build: a CancelIntent in, Built out.
func OpCancel(input []byte) (any, *problem.Error) { return op(input, BuildCancel) }

// OpInquiry is op inquiry.build: an InquiryIntent in, Built out.
func OpInquiry(input []byte) (any, *problem.Error) { return op(input, BuildInquiry) }

// OpRefund is op refund.build: a RefundIntent in, Built out.
func OpRefund(input []byte) (any, *problem.Error) { return op(input, BuildRefund) }

// OpConsult is op consult.build: a ConsultIntent in, Built out.
func OpConsult(input []byte) (any, *problem.Error) {
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
	return result(BuildConsult(in))
}

// ReadInput is the input of consult.read.
type ReadInput struct {
	// Response is consult's answer, a JSON object. Unknown fields in it are
	// ignored (Antom adds fields over time); a value of the wrong JSON type is
	// BAD_JSON naming its field.
	Response json.RawMessage `json:"response"`
}

// OpConsultRead is op consult.read: a ReadInput in, Consultation out.
func OpConsultRead(input []byte) (any, *problem.Error) {
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
	c, perr := ReadConsult(&r)
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
