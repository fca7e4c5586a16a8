package core

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/problem"
)

type envelope struct {
	OK     bool            `json:"ok"`
	Result json.RawMessage `json:"result"`
	Error  *problem.Error  `json:"error"`
}

func decode(t testing.TB, out []byte) envelope {
	t.Helper()
	var env envelope
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&env), "envelope is not JSON: %s", out)
	require.Equal(t, env.OK, env.Error == nil, "ok must be true exactly when there is no error: %s", out)
	return env
}

func TestHandleRecoversPanicsWithoutLeakingThem(t *testing.T) {
	catalogue["test.panic"] = func([]byte) (any, error) { panic("card 4117347806156383") }
	defer delete(catalogue, "test.panic")
	out := Handle("test.panic", []byte(`{}`))
	env := decode(t, out)
	require.Equal(t, problem.Internal, env.Error.Code)
	require.NotContains(t, string(out), "4117347806156383")
	// The next call still works.
	require.True(t, decode(t, Handle("core.info", nil)).OK)
}

func TestHandleRefusesOversizedInput(t *testing.T) {
	big := bytes.Repeat([]byte(" "), MaxInputBytes+1)
	env := decode(t, Handle("pay.validate", big))
	require.Equal(t, problem.InputTooLarge, env.Error.Code)
	// Exactly at the limit is parsed (and fails for another reason).
	env = decode(t, Handle("pay.validate", big[:MaxInputBytes]))
	require.NotEqual(t, problem.InputTooLarge, env.Error.Code)
}

func TestHandleUnknownOpIsSanitised(t *testing.T) {
	out := Handle("pay.\x00validate"+strings.Repeat("x", 200), nil)
	env := decode(t, out)
	require.Equal(t, problem.UnknownOp, env.Error.Code)
	require.NotContains(t, string(out), `\u0000`)
	require.Less(t, len(env.Error.Message), 400)
}

func TestEveryOpAnswersEmptyAndGarbageInput(t *testing.T) {
	for _, op := range Ops() {
		for _, in := range []string{"", "null", "[]", "{", `"x"`, "{}", `{"request":{}}`} {
			env := decode(t, Handle(op, []byte(in)))
			if env.Error != nil {
				require.NotEqual(t, problem.Internal, env.Error.Code, "op %s input %q", op, in)
			}
		}
	}
}

func TestNativeEngine(t *testing.T) {
	var e Engine = Native{}
	out, err := e.Call(t.Context(), "core.info", nil)
	require.NoError(t, err)
	require.True(t, decode(t, out).OK)
	require.NoError(t, e.Close(t.Context()))
}

// FuzzHandle feeds arbitrary op names and bytes to Handle: it must always answer
// with a well-formed envelope and never with INTERNAL (a recovered panic).
func FuzzHandle(f *testing.F) {
	files, _ := filepath.Glob("../testvectors/*/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		var v struct {
			Op    string          `json:"op"`
			Input json.RawMessage `json:"input"`
		}
		if json.Unmarshal(data, &v) == nil {
			f.Add(v.Op, []byte(v.Input))
		}
	}
	f.Add("core.info", []byte("{}"))
	f.Fuzz(func(t *testing.T, op string, input []byte) {
		env := decode(t, Handle(op, input))
		if env.Error != nil {
			require.NotEqual(t, problem.Internal, env.Error.Code, "op %q input %q: %s", op, input, env.Error.Message)
		}
	})
}
