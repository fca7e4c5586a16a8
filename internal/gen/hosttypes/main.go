// Command hosttypes generates the typed surface of the Node.js and Python packages
// from the op schemas (docs/schema): TypeScript declarations (hosts/node/types.d.ts,
// index.d.ts), the helper table (hosts/node/ops.mjs), and Python TypedDicts and typed
// helpers (hosts/python/src/paycore/types.py, _helpers.py, _ops.py). Run it from the
// repository root after changing a schema:
//
//	go run ./internal/gen/hosttypes
//
// A test fails when the checked-in files differ from what it generates.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if err := run("."); err != nil {
		fmt.Fprintln(os.Stderr, "hosttypes:", err)
		os.Exit(1)
	}
}

// run writes every generated file under root.
func run(root string) error {
	files, err := Generate()
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(root, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
