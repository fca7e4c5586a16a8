package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	code, out, _ := runCLI(t, "{}", "call", "core.info")
	require.Equal(t, 0, code)
	require.Contains(t, out, `"ok":true`)

	code, out, _ = runCLI(t, "{}", "call", "no.such.op")
	require.Equal(t, 1, code)
	require.Contains(t, out, "UNKNOWN_OP")

	code, _, _ = runCLI(t, "")
	require.Equal(t, 2, code)
	code, _, _ = runCLI(t, "", "call")
	require.Equal(t, 2, code)
	code, _, _ = runCLI(t, "", "call", "--engine", "quantum", "core.info")
	require.Equal(t, 2, code)
	code, _, errOut := runCLI(t, "", "call", "core.info", filepath.Join(t.TempDir(), "missing.json"))
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "missing.json")
}

func TestValidateAndBuildDefaults(t *testing.T) {
	code, out, _ := runCLI(t, "", "validate")
	require.Equal(t, 0, code)
	require.Contains(t, out, `"mode":"server_to_server"`)
	require.NotContains(t, out, "4117347806156383")

	code, out, _ = runCLI(t, "", "build")
	require.Equal(t, 0, code)
	require.Contains(t, out, `"path":"/ams/api/v1/payments/pay"`)
}

func TestInputFromFileAndStdin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"request":{},"now":"2026-01-01T00:00:00Z"}`), 0o600))
	code, out, _ := runCLI(t, "", "validate", path)
	require.Equal(t, 0, code, out)
	require.Contains(t, out, `"valid":false`)

	code, out, _ = runCLI(t, `{"request":{},"now":"2026-01-01T00:00:00Z"}`, "call", "pay.validate", "-")
	require.Equal(t, 0, code)
	require.Contains(t, out, `"valid":false`)
}

func TestKeygenWritesUsableKeysAndPrintsNoPrivateKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	code, out, errOut := runCLI(t, "", "keygen", "--out", dir)
	require.Equal(t, 0, code, errOut)
	priv, err := os.ReadFile(filepath.Join(dir, "merchant_private_pkcs8.b64"))
	require.NoError(t, err)
	info, err := os.Stat(filepath.Join(dir, "merchant_private_pkcs8.b64"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	require.NotContains(t, out, strings.TrimSpace(string(priv))[40:80])
	pub, err := os.ReadFile(filepath.Join(dir, "merchant_public_spki.b64"))
	require.NoError(t, err)
	require.Contains(t, out, strings.TrimSpace(string(pub)))

	// The pair signs and verifies through the ops.
	signIn := `{"method":"POST","path":"/ams/api/v1/payments/pay","clientId":"C","requestTime":"1","body":"{}","privateKey":"` + strings.TrimSpace(string(priv)) + `"}`
	code, signed, _ := runCLI(t, signIn, "call", "signature.sign")
	require.Equal(t, 0, code, signed)
	require.NotContains(t, signed, strings.TrimSpace(string(priv))[40:80])

	// A second run refuses to overwrite.
	code, _, errOut = runCLI(t, "", "keygen", "--out", dir)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "exists")
}

func TestUsageListsEngines(t *testing.T) {
	code, out, _ := runCLI(t, "", "help")
	require.Equal(t, 0, code)
	require.Contains(t, out, "Engines: native (default), wasm.")
}
