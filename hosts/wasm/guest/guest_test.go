package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
)

// The guest's logic also builds natively, so these run without WebAssembly; the
// engine tests in hosts/wasm cover the exports themselves.

func TestCallMatchesHandle(t *testing.T) {
	for _, c := range []struct{ op, in string }{{"core.info", "{}"}, {"core.info", "{"}, {"nope", ""}, {"__test.panic", ""}} {
		require.Equal(t, string(core.Handle(c.op, []byte(c.in))), string(call(c.op, []byte(c.in))), c.op)
	}
}

func TestTestOpsNeedTheEnvironment(t *testing.T) {
	testOps = -1
	t.Setenv(testOpsEnv, "1")
	defer func() { testOps = -1 }()
	out := call("__test.panic", nil)
	require.Contains(t, string(out), `"code":"INTERNAL"`)
	require.NotContains(t, string(out), "__test.panic", "the panic value is not echoed")
	require.Equal(t, `{"ok":true,"result":{"op":"__test.echo","bytes":3}}`, string(call("__test.echo", []byte("abc"))))
	require.Equal(t, `{"ok":true,"result":[1,{"a":"b"}]}`, string(call("__test.json", []byte(` [1, {"a": "b"}] `))))
	require.Contains(t, string(call("__test.json", []byte(`[`))), `"code":"INTERNAL"`)
	require.Contains(t, string(call("__test.nope", nil)), `"code":"UNKNOWN_OP"`)
}

func TestAllocPinsUntilFree(t *testing.T) {
	p := alloc(16)
	require.NotZero(t, p)
	require.Len(t, pinned[p], 16)
	require.NotEqual(t, p, alloc(0), "zero-size allocations get distinct addresses")
	require.Zero(t, alloc(allocLimit+1))
	free(p)
	require.NotContains(t, pinned, p)
	free(p) // double free is a no-op
	free(12345)
	env := []byte(`{"ok":true}`)
	q := pin(env)
	require.True(t, bytes.Equal(env, pinned[q]))
	require.Equal(t, q, addr(env))
	free(q)
	require.Equal(t, `{"ok":false,"error":{"code":"INTERNAL","message":"m"}}`, string(internalEnvelope("m")))
}
