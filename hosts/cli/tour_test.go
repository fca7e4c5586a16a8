package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/require"
)

// tourBlock finds the README's five-minute tour: the ```sh block after the
// "<!-- tour -->" mark in the "## Five-minute tour" section.
var tourBlock = regexp.MustCompile("(?s)\n## Five-minute tour\n[^#]*?\n<!-- tour -->\n```sh\n(.*?)\n```\n")

// TestReadmeTour runs the README's five-minute tour, exactly as written, with bash
// and the paycore command on the PATH, in an empty directory.
func TestReadmeTour(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	m := tourBlock.FindSubmatch(readme)
	require.NotNil(t, m, "README.md has no <!-- tour --> ```sh block under ## Five-minute tour")
	tour := string(m[1])
	for _, line := range strings.Split(tour, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			require.True(t, strings.HasPrefix(line, "paycore "), "every tour command runs paycore: %q", line)
		}
	}
	dir := t.TempDir()
	script := `# The README's tour, run by bash; every command must succeed.
exec bash -e -o pipefail tour.sh
stdout '^valid: server_to_server payment, AUTOMATIC capture, VISA 411734\*{6}6383$'
stdout '^wrote a 2048-bit key pair to '
stdout '^curl -sS -X POST ''https://open-sea-global\.alipay\.com/ams/sandbox/api/v1/payments/pay'''
stdout '^  next        call capture$'
stdout '^  next        send the buyer to the redirect URL$'
stdout '^  next        contact Antom support$'
stdout '^  3-D Secure  ECI 02: '
stdout '^  next        send pay again with the same request id \(idempotent\)$'
stdout '^verified: notifyPayment PAYMENT_RESULT'
stdout '^  acknowledge HTTP 200'
! stdout 'PRIVATE KEY'

-- tour.sh --
` + tour + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tour.txtar"), []byte(script), 0o644))
	testscript.Run(t, scriptParams(t, "native", "", "", dir))
}
