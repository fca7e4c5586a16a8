// Package core is paycore's op catalogue: one function, Handle, takes an op name and a
// JSON input and returns a JSON envelope. Every host (CLI, HTTP, wazero, Node) reaches
// the core through it, natively or inside the WebAssembly module, so every host gets
// the same bytes for the same input.
//
// The core is pure: it reads no clock, file, network or environment, starts no
// goroutine and keeps no mutable global state. Time, ids and keys come in the input.
package core

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
)

// Version is the version of the core's rules and op contract.
const Version = "0.1.0"

// ABIVersion is the version of the WebAssembly guest ABI (docs/ABI.md). It changes
// only when a host written for the old ABI would break.
const ABIVersion = 1

// MaxInputBytes is the largest op input Handle accepts (1 MiB). Larger inputs get
// INPUT_TOO_LARGE without being parsed. Antom's own bodies are a few KiB.
const MaxInputBytes = 1 << 20

// opFunc runs one op on its raw JSON input and returns the result value to put in
// the envelope, or an error.
type opFunc func(input []byte) (any, error)

// Handle runs op on input and returns the JSON envelope
// {"ok":true,"result":...} or {"ok":false,"error":{...}}. It never panics: a panic in
// an op is recovered and reported as INTERNAL, without the panic value (which could
// hold card data).
func Handle(op string, input []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = encodeError(problem.New(problem.Internal, "internal error in op %q; this is a bug in paycore", safeOpName(op)))
		}
	}()
	if len(input) > MaxInputBytes {
		return encodeError(problem.New(problem.InputTooLarge, "input is %d bytes; the limit is %d", len(input), MaxInputBytes))
	}
	run, ok := catalogue[op]
	if !ok {
		return redactEnvelope("", encodeError(unknownOp(op)))
	}
	result, err := run(input)
	if err != nil {
		return redactEnvelope(op, encodeError(problem.From(err)))
	}
	return redactEnvelope(op, encodeResult(result))
}

// Ops lists the op names in the catalogue, sorted.
func Ops() []string {
	names := make([]string, 0, len(catalogue))
	for name := range catalogue {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

type okEnvelope struct {
	OK     bool `json:"ok"`
	Result any  `json:"result"`
}

type errEnvelope struct {
	OK    bool           `json:"ok"`
	Error *problem.Error `json:"error"`
}

func encodeResult(result any) []byte {
	out, err := Marshal(okEnvelope{OK: true, Result: result})
	if err != nil {
		return encodeError(problem.New(problem.Internal, "cannot encode the result; this is a bug in paycore"))
	}
	return out
}

func encodeError(e *problem.Error) []byte {
	out, err := Marshal(errEnvelope{OK: false, Error: e})
	if err != nil {
		// Unreachable: problem.Error holds only strings and numbers.
		return []byte(`{"ok":false,"error":{"code":"INTERNAL","message":"cannot encode the error"}}`)
	}
	return out
}

// Marshal encodes v as compact JSON without HTML escaping and without a trailing
// newline: the one encoding every op output uses, so engines agree byte for byte.
func Marshal(v any) ([]byte, error) { return outbound.MarshalBody(v) }

func unknownOp(op string) *problem.Error {
	name := safeOpName(op)
	msg := fmt.Sprintf("unknown op %q; known ops: %s", name, strings.Join(Ops(), ", "))
	return &problem.Error{Code: problem.UnknownOp, Message: msg}
}

// safeOpName bounds and sanitises an op name before it is echoed in a message.
func safeOpName(op string) string {
	const max = 64
	var b strings.Builder
	for i, r := range op {
		if i >= max {
			b.WriteString("...")
			break
		}
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}
