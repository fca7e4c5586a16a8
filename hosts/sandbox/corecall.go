package sandbox

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/paycore/paycore/core"
)

// opError is a failed op envelope: the core refused the input.
type opError struct {
	Code    string `json:"code"`
	Reason  string `json:"reason,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (e *opError) Error() string {
	if e.Field != "" {
		return e.Code + " (" + e.Field + "): " + e.Message
	}
	return e.Code + ": " + e.Message
}

// call runs op on the engine with input marshalled to JSON and decodes the
// envelope's result into out. A not-ok envelope is an *opError.
func (s *Server) call(ctx context.Context, op string, input any, out any) error {
	in, err := json.Marshal(input)
	if err != nil {
		return fmt.Errorf("sandbox: encode %s input: %w", op, err)
	}
	raw, err := s.engine.Call(ctx, op, in)
	if err != nil {
		return fmt.Errorf("sandbox: %s: %w", op, err)
	}
	var env struct {
		OK     bool            `json:"ok"`
		Result json.RawMessage `json:"result"`
		Error  *opError        `json:"error"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("sandbox: %s: undecodable envelope: %w", op, err)
	}
	if !env.OK {
		if env.Error == nil {
			env.Error = &opError{Code: "INTERNAL", Message: "not ok without an error"}
		}
		return env.Error
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Result, out)
}

var _ core.Engine = core.Native{}
