package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDemo runs `paycore-http demo` (make demo) in-process: every step must
// behave, and no card number or key reaches its output.
func TestDemo(t *testing.T) {
	var out, errs bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"demo"}, env(nil), strings.NewReader(""), &out, &errs), "%s\n%s", out.String(), errs.String())
	require.Contains(t, out.String(), "Every step behaved as expected.")
	for _, s := range []string{"4054695723100768", "4054 6957 2310 0768", "PRIVATE KEY", "whsec_"} {
		require.NotContains(t, out.String()+errs.String(), s)
	}
}
