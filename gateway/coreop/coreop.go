// Package coreop calls the core's ops through a core.Engine with Go values: the
// input is marshalled, the envelope unwrapped, and a refused op becomes an *Error
// carrying the core's code, reason and field.
package coreop

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/paycore/paycore/core"
)

// Error is an op's {"ok": false} envelope.
type Error struct {
	Op         string          `json:"-"`
	Code       string          `json:"code"`
	Reason     string          `json:"reason,omitempty"`
	Message    string          `json:"message"`
	Field      string          `json:"field,omitempty"`
	Violations json.RawMessage `json:"violations,omitempty"`
}

// Error implements error.
func (e *Error) Error() string { return e.Op + ": " + e.Code + ": " + e.Message }

// Call runs op with input (marshalled to JSON unless it is json.RawMessage or
// []byte) and unmarshals the result into out (when not nil). An op that answers
// {"ok": false} returns an *Error; an engine failure returns that error.
func Call(ctx context.Context, eng core.Engine, op string, input, out any) error {
	var in []byte
	switch v := input.(type) {
	case json.RawMessage:
		in = v
	case []byte:
		in = v
	default:
		var err error
		if in, err = json.Marshal(input); err != nil {
			return fmt.Errorf("%s: encode input: %w", op, err)
		}
	}
	raw, err := eng.Call(ctx, op, in)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	var env struct {
		OK     bool            `json:"ok"`
		Result json.RawMessage `json:"result"`
		Error  *Error          `json:"error"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("%s: unreadable envelope: %w", op, err)
	}
	if !env.OK {
		if env.Error == nil {
			return fmt.Errorf("%s: envelope without result or error", op)
		}
		env.Error.Op = op
		return env.Error
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Result, out); err != nil {
		return fmt.Errorf("%s: unreadable result: %w", op, err)
	}
	return nil
}
