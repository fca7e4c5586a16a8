package lifecycle

import (
	"bytes"
	"encoding/json"

	"github.com/paycore/paycore/core/problem"
)

// OpInput is the input of the payment.apply op.
type OpInput struct {
	// State is the state a previous call returned, or null (absent) before the
	// first event.
	State json.RawMessage `json:"state"`
	// Event is the event to apply (an Event object).
	Event json.RawMessage `json:"event"`
	// Now is the current time (RFC 3339). It is needed to check a capture against
	// authExpiryTime and to turn delays into absolute times.
	Now string `json:"now,omitempty"`
}

// Op is the payment.apply op: JSON OpInput in, Result out. The input, state and
// event are read by one-pass decoders generated from their json tags
// (decode_gen.go), with encoding/json as the path for what they refuse. The state
// and the event are decoded strictly (an unknown key is BAD_INPUT naming it);
// Antom's JSON inside the event is decoded leniently (Antom adds fields), but a
// value of the wrong JSON type is BAD_JSON naming its field.
func Op(input []byte) (any, error) {
	res, perr := op(input)
	return res, problem.OrNil(perr)
}

// op is Op with the concrete error type, for this package.
func op(input []byte) (any, *problem.Error) {
	var in OpInput
	if err := problem.From(problem.DecodeStrictWith(input, &in, decodeOpInputDoc)); err != nil {
		return nil, err
	}
	var st *State
	if raw := bytes.TrimSpace(in.State); len(raw) != 0 && string(raw) != "null" {
		if raw[0] != '{' {
			return nil, &problem.Error{Code: problem.BadJSON, Field: "state", Message: "state must be a JSON object or null"}
		}
		st = new(State)
		if err := problem.From(problem.DecodeStrictWith(raw, st, decodeStateDoc)); err != nil {
			return nil, within("state", err)
		}
	}
	raw := bytes.TrimSpace(in.Event)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, badInput("event", "event is required")
	}
	if raw[0] != '{' {
		return nil, &problem.Error{Code: problem.BadJSON, Field: "event", Message: "event must be a JSON object"}
	}
	var ev Event
	if err := problem.From(problem.DecodeStrictWith(raw, &ev, decodeEventDoc)); err != nil {
		return nil, within("event", err)
	}
	res, err := applyEvent(st, ev, in.Now)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// within places an error from decoding a nested document at its path in the op
// input. The offset is dropped: it counts from the nested document.
func within(prefix string, e *problem.Error) *problem.Error {
	out := *e
	out.Offset = 0
	switch {
	case out.Field == "":
		out.Field = prefix
	default:
		old := out.Field
		out.Field = prefix + "." + old
		if len(out.Message) > len(old)+2 && out.Message[:len(old)+2] == old+": " {
			out.Message = out.Field + out.Message[len(old):]
		}
	}
	return &out
}
