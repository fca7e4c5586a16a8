package wasm

import (
	"errors"
	"fmt"
	"strings"
)

// ErrClosed is returned by Call after Close.
var ErrClosed = errors.New("wasm: engine closed")

// ModuleNotFoundError says where the engine looked for paycore.wasm.
type ModuleNotFoundError struct {
	// Tried lists the paths looked at, in order.
	Tried []string
}

func (e *ModuleNotFoundError) Error() string {
	return fmt.Sprintf("wasm: %s not found (tried %s); run `make wasm` or set %s",
		ModuleFileName, strings.Join(e.Tried, ", "), ModuleEnv)
}

// ABIError means the module speaks an ABI version this host was not written for, or
// lacks an export the ABI requires.
type ABIError struct {
	// Want is the ABI version this host speaks; Got is the module's (0 if unknown).
	Want, Got uint32
	// Missing names a required export the module lacks, if that is the problem.
	Missing string
}

func (e *ABIError) Error() string {
	if e.Missing != "" {
		return fmt.Sprintf("wasm: module lacks the export %q required by ABI %d", e.Missing, e.Want)
	}
	return fmt.Sprintf("wasm: module speaks ABI %d, this host speaks ABI %d (docs/ABI.md)", e.Got, e.Want)
}

// TrapError describes a guest failure that no recover caught: a WebAssembly trap, a
// fatal Go runtime error (out of memory, deadlock) or an exit. The instance it
// happened in is discarded. Call reports it as an INTERNAL envelope; the TrapError
// itself goes to the OnTrap hook (WithTrapHandler), for logs.
type TrapError struct {
	// Op is the op being run (truncated for display).
	Op string
	// Reason is "out_of_memory" when the guest hit its memory cap, else "trap".
	Reason string
	// Detail is the first line the guest runtime wrote to stderr, if any (for
	// example "fatal error: out of memory"); it holds no op input.
	Detail string
	// Err is wazero's error.
	Err error
}

func (e *TrapError) Error() string {
	msg := fmt.Sprintf("wasm: guest %s in op %q", e.Reason, e.Op)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg + ": " + e.Err.Error()
}

// Unwrap returns wazero's error.
func (e *TrapError) Unwrap() error { return e.Err }

// CallError is an engine failure during a call that is neither a guest trap nor the
// caller's context (for example, the guest refusing an allocation).
type CallError struct {
	Op  string
	Err error
}

func (e *CallError) Error() string { return fmt.Sprintf("wasm: op %q: %v", e.Op, e.Err) }

// Unwrap returns the cause.
func (e *CallError) Unwrap() error { return e.Err }

// displayOp bounds an op name before it appears in an error.
func displayOp(op string) string {
	if len(op) > 64 {
		return op[:64] + "..."
	}
	return op
}
