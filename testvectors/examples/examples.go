// Package examples embeds paycore's example inputs: the three pay request samples of
// Antom's Authorization payment guide (as pay.validate inputs) and a merchant intent
// (a pay.build input). The CLI runs them with --example, and tests and benchmarks
// read them.
package examples

import "embed"

// FS holds the example JSON files.
//
//go:embed *.json
var FS embed.FS

// Read returns the example named name (without ".json").
func Read(name string) ([]byte, error) {
	return FS.ReadFile(name + ".json")
}
