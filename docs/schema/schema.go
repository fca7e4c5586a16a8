// Package schema holds the JSON Schema (2020-12) of every op's input and result, and
// of the envelope every op answers with. The files are the reference for hosts and
// generated clients (OpenAPI, TypeScript and Python types): <op>.input.json describes
// the op's input, <op>.result.json the envelope's result when ok is true, and
// envelope.json the envelope and its error. A test validates every golden vector
// against them, so they cannot drift from the core.
package schema

import (
	"embed"
	"slices"
	"strings"
)

//go:embed *.json
var files embed.FS

const (
	inputSuffix  = ".input.json"
	resultSuffix = ".result.json"
)

// Ops returns the name of every op that has an input schema, sorted.
func Ops() []string {
	entries, _ := files.ReadDir(".")
	var ops []string
	for _, e := range entries {
		if op, ok := strings.CutSuffix(e.Name(), inputSuffix); ok {
			ops = append(ops, op)
		}
	}
	slices.Sort(ops)
	return ops
}

// Input returns the JSON Schema of op's input, and false when op has none.
func Input(op string) ([]byte, bool) {
	return read(op + inputSuffix)
}

// Result returns the JSON Schema of op's result (the envelope's result when ok is
// true), and false when op has none.
func Result(op string) ([]byte, bool) {
	return read(op + resultSuffix)
}

// Envelope returns the JSON Schema of the envelope every op answers with.
func Envelope() []byte {
	b, _ := read("envelope.json")
	return b
}

func read(name string) ([]byte, bool) {
	if strings.ContainsAny(name, "/\\") {
		return nil, false
	}
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, false
	}
	return b, true
}
