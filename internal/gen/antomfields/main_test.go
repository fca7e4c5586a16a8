package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFieldsGenIsFresh fails when core/antom/fields_gen.go was not regenerated after
// fields.json changed: run go generate ./core/antom.
func TestFieldsGenIsFresh(t *testing.T) {
	want, err := generate("fields.json")
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join("..", "..", "..", "core", "antom", "fields_gen.go"))
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "core/antom/fields_gen.go is stale: run go generate ./core/antom")
}
