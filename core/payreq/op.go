package payreq

import (
	"encoding/json"
	"time"

	"github.com/paycore/paycore/core/problem"
)

// ValidateInput is the input of op pay.validate.
type ValidateInput struct {
	// Request is the Antom pay request body.
	Request json.RawMessage `json:"request"`
	// Now is the time to check expiry dates against (RFC 3339); the core reads no clock.
	Now string `json:"now"`
	// Mode is the intended mode; empty means infer it from the request.
	Mode Mode `json:"mode,omitempty"`
}

// OpValidate is op pay.validate: JSON in, Result out.
func OpValidate(input []byte) (any, *problem.Error) {
	var in ValidateInput
	if err := problem.DecodeStrict(input, &in); err != nil {
		return nil, err
	}
	if len(in.Request) == 0 || string(in.Request) == "null" {
		return nil, &problem.Error{Code: problem.BadInput, Field: "request", Message: "request is required: the Antom pay request body"}
	}
	now, perr := ParseNow(in.Now, "now")
	if perr != nil {
		return nil, perr
	}
	if in.Mode != "" && !in.Mode.Known() {
		return nil, &problem.Error{Code: problem.BadInput, Field: "mode", Message: "mode must be server_to_server, hosted, issuer_auth or saved_card"}
	}
	res, perr := Validate(in.Request, now, in.Mode)
	if perr != nil {
		return nil, perr
	}
	return res, nil
}

// ParseNow parses a required RFC 3339 time given in an op input field.
func ParseNow(s, field string) (time.Time, *problem.Error) {
	if s == "" {
		return time.Time{}, &problem.Error{Code: problem.BadInput, Field: field, Message: field + " is required (RFC 3339): the core reads no clock"}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, &problem.Error{Code: problem.BadInput, Field: field, Message: field + " must be an RFC 3339 time such as 2026-01-02T15:04:05Z"}
	}
	return t, nil
}
