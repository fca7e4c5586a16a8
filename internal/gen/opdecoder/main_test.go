package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/lifecycle"
	"github.com/paycore/paycore/core/notify"
	"github.com/paycore/paycore/core/outcome"
)

// TestGeneratedIsFresh regenerates every decode_gen.go in memory and fails when a
// committed file differs: run go generate ./core/internal/antomjson after changing
// a json tag or a type the decoders read.
func TestGeneratedIsFresh(t *testing.T) {
	files, err := Generate()
	require.NoError(t, err)
	require.Len(t, files, len(outputs))
	for _, f := range files {
		old, err := os.ReadFile(filepath.Join("..", "..", "..", filepath.FromSlash(f.path)))
		require.NoError(t, err)
		require.True(t, bytes.Equal(old, f.src), "%s is stale: run go generate ./core/internal/antomjson", f.path)
	}
}

// TestMirrorsMatch checks every mirror type against the type it stands for: the
// same fields in the same order, with the same json tags and corresponding types.
func TestMirrorsMatch(t *testing.T) {
	real := map[named]reflect.Type{}
	for _, v := range []any{outcome.OpInput{}, outcome.Context{}, notify.Input{}, lifecycle.OpInput{}, lifecycle.State{},
		lifecycle.Event{}, lifecycle.Request{}, lifecycle.ConflictEntry{}, lifecycle.Status(""), lifecycle.Phase(""),
		lifecycle.RequestStatus(""), lifecycle.ConflictReason(""), lifecycle.EventType("")} {
		typ := reflect.TypeOf(v)
		pkg := typ.PkgPath()[len(module):]
		real[named{pkg, typ.Name()}] = typ
	}
	unexported := map[named]bool{{"core/notify", "union"}: true, {"core/internal/antomjson", "threeDSWire"}: true}
	for mirror, n := range mirrors {
		if unexported[n] {
			continue // checked by the package's own differential tests, which decode into it
		}
		typ, ok := real[n]
		require.True(t, ok, "no real type listed for the mirror of %s.%s", n.pkg, n.name)
		requireSameShape(t, mirror, typ, n.pkg+"."+n.name)
	}
}

func requireSameShape(t *testing.T, mirror, typ reflect.Type, where string) {
	t.Helper()
	if m, ok := mirrors[mirror]; ok {
		require.Equal(t, module+m.pkg, typ.PkgPath(), where)
		require.Equal(t, m.name, typ.Name(), where)
	} else if mirror.Name() != "" {
		require.Equal(t, typ, mirror, where)
		return
	}
	require.Equal(t, typ.Kind(), mirror.Kind(), where)
	switch mirror.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		requireSameShape(t, mirror.Elem(), typ.Elem(), where+" element")
	case reflect.Struct:
		require.Equal(t, typ.NumField(), mirror.NumField(), "%s: number of fields", where)
		for i := range mirror.NumField() {
			mf, rf := mirror.Field(i), typ.Field(i)
			require.Equal(t, rf.Name, mf.Name, where)
			require.Equal(t, rf.Tag.Get("json"), mf.Tag.Get("json"), "%s.%s", where, mf.Name)
			requireSameShape(t, mf.Type, rf.Type, where+"."+mf.Name)
		}
	}
}
