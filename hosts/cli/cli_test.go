package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestShellQuoteSurvivesTheShell(t *testing.T) {
	for _, s := range []string{``, `plain`, `it's`, `'''`, `a "b" $HOME \n; rm -rf /`, "{\"orderDescription\":\"Mika's \u00e9 shop\"}"} {
		out, err := exec.Command("sh", "-c", "printf %s "+shellQuote(s)).Output()
		require.NoError(t, err, s)
		require.Equal(t, s, string(out))
	}
}

func TestStateOf(t *testing.T) {
	state := `{"v":1,"status":"pending"}`
	for _, tc := range []struct{ name, in, want string }{
		{"a state", state, state},
		{"a result", `{"state":` + state + `,"actions":[],"changed":true}`, state},
		{"an envelope", `{"ok":true,"result":{"state":` + state + `,"actions":[]}}`, state},
		{"only a state key", `{"state":` + state + `}`, state},
		{"not an object", `[1]`, `[1]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.JSONEq(t, tc.want, string(stateOf([]byte(tc.in))))
		})
	}
}

func TestMistakeVariants(t *testing.T) {
	require.Equal(t, []string{"/ams/sandbox/api/v1/payments/pay"}, otherPaths("/ams/api/v1/payments/pay"))
	require.Equal(t, []string{"/ams/api/v1/payments/pay"}, otherPaths("/ams/sandbox/api/v1/payments/pay"))
	require.Equal(t, []string{"/ams/api/v1/payments/pay"}, otherPaths("https://open-sea-global.alipay.com/ams/api/v1/payments/pay"))
	require.Empty(t, otherPaths("/antom/notify"))
	require.Equal(t, []string{"1764320400"}, otherTimes("1764320400000"))
	require.Equal(t, []string{"1764320400000"}, otherTimes("1764320400"))
	require.Empty(t, otherTimes("2026-01-01T00:00:00Z"))
}

func TestGlobalFlagsAnywhere(t *testing.T) {
	for _, args := range [][]string{
		{"--json", "ops"},
		{"ops", "--json"},
		{"--engine", "native", "ops", "--json"},
		{"ops", "--engine=native", "--json"},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &out, &errb)
		require.NoError(t, err, args)
		var list []map[string]string
		require.NoError(t, json.Unmarshal(out.Bytes(), &list), args)
		require.NotEmpty(t, list)
	}
}

func TestExitCodes(t *testing.T) {
	var errb bytes.Buffer
	require.Equal(t, 0, exitCode(nil, &errb))
	require.Equal(t, 1, exitCode(errNegative, &errb))
	require.Empty(t, errb.String(), "a negative answer has already said why")
	require.Equal(t, 2, exitCode(usagef("bad %s", "flag"), &errb))
	require.Equal(t, "paycore: bad flag\n", errb.String())
	errb.Reset()
	require.Equal(t, 2, exitCode(context.Canceled, &errb))
	require.Contains(t, errb.String(), "context canceled")
}
