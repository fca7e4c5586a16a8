// Package repo finds the paycore repository from a directory inside it.
package repo

import (
	"bytes"
	"os"
	"path/filepath"
)

// goModLine identifies paycore's own go.mod.
const goModLine = "module github.com/paycore/paycore\n"

// Root walks up from dir to the paycore repository root (the directory whose go.mod
// declares github.com/paycore/paycore).
func Root(dir string) (string, bool) {
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte(goModLine)) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
