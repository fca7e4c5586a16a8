package payreq

import (
	"fmt"

	"encoding/json"
	"github.com/paycore/paycore/core/antom"
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

// opInput is ValidateInput with the request decoded in the same pass.
type opInput struct {
	Request *antom.PayRequest `json:"request"`
	Now     string            `json:"now"`
	Mode    Mode              `json:"mode,omitempty"`
}

// validateInputSchema is the key tree of the pay.validate input.
var validateInputSchema = &schema{kind: kindObject, object: true, names: []string{"mode", "now", "request"}, fields: map[string]field{
	"request": {bit: 1, child: paySchema}, "now": {bit: 2, child: &schema{kind: kindString}}, "mode": {bit: 4, child: &schema{kind: kindString}},
}}

// OpValidate is op pay.validate: JSON in, Result out. The generated decoder reads
// the input and the request in one pass, filling the structs and finding unknown,
// duplicated and mistyped keys as it goes; malformed input takes the reference path
// (encoding/json and the key scanner) for its exact error.
func OpValidate(input []byte) (any, error) {
	res, perr := opValidate(input)
	return res, problem.OrNil(perr)
}

// opValidate is OpValidate with the concrete error type, for this package.
func opValidate(input []byte) (any, *problem.Error) {
	var in opInput
	c := checker{doc: input}
	sc, ok := decodeOpInputDoc(input, &in)
	if !ok {
		in = opInput{}
		var perr *problem.Error
		if sc, perr = decodeReference(input, &in, validateInputSchema); perr != nil {
			return nil, perr
		}
	}
	for _, is := range sc.issues {
		field := join(is.path, is.key)
		switch {
		case is.path == "" && is.want == kindAny:
			return nil, &problem.Error{Code: problem.BadInput, Field: is.key, Message: fmt.Sprintf("unknown input key %q", is.key)}
		case field == "request" || field == "now" || field == "mode" || field == "":
			return nil, &problem.Error{Code: problem.BadInput, Field: field, Message: fmt.Sprintf("%s must be %s, not a JSON %s", orInput(field), is.want, is.got)}
		}
	}
	if in.Request == nil {
		return nil, &problem.Error{Code: problem.BadInput, Field: "request", Message: "request is required: the Antom pay request body"}
	}
	now, perr := parseNow(in.Now, "now")
	if perr != nil {
		return nil, perr
	}
	if in.Mode != "" && !in.Mode.Known() {
		return nil, &problem.Error{Code: problem.BadInput, Field: "mode", Message: "mode must be server_to_server, hosted, issuer_auth or saved_card"}
	}
	c.now = now
	c.scanned(&sc, "request.")
	return c.finish(in.Request, in.Mode), nil
}

func orInput(field string) string {
	if field == "" {
		return "the input"
	}
	return field
}

// ParseNow parses a required RFC 3339 time given in an op input field.
func ParseNow(s, field string) (time.Time, error) {
	res, perr := parseNow(s, field)
	return res, problem.OrNil(perr)
}

// parseNow is ParseNow with the concrete error type, for this package.
func parseNow(s, field string) (time.Time, *problem.Error) {
	if s == "" {
		return time.Time{}, &problem.Error{Code: problem.BadInput, Field: field, Message: field + " is required (RFC 3339): the core reads no clock"}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, &problem.Error{Code: problem.BadInput, Field: field, Message: field + " must be an RFC 3339 time such as 2026-01-02T15:04:05Z"}
	}
	return t, nil
}
