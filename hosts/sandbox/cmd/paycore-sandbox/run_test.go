package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for the program and the test at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func keyFile(name string) string {
	return filepath.Join("..", "..", "..", "..", "testvectors", "keys", name)
}

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--merchant-public-key", keyFile("merchant_public.pem"),
			"--private-key", keyFile("antom_private_pkcs8.b64"), "--public-key", keyFile("antom_public_spki.b64"),
			"--time-scale", "3600", "--fault", "api=pay;id=PAY_X*;status=503"}, func(string) string { return "" }, nil, &stdout, &stderr)
	}()
	re := regexp.MustCompile(`listening on (http://\S+)`)
	var base string
	require.Eventually(t, func() bool {
		m := re.FindStringSubmatch(stdout.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	}, 10*time.Second, 10*time.Millisecond)
	resp, err := http.Get(base + "/sandbox/keys")
	require.NoError(t, err)
	var keys map[string]string
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&keys))
	resp.Body.Close()
	pub, err := os.ReadFile(keyFile("antom_public_spki.b64"))
	require.NoError(t, err)
	require.Equal(t, strings.TrimSpace(string(pub)), keys["publicKey"])
	require.Contains(t, stdout.String(), keys["publicKey"])
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
}

func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		code int
		say  string
	}{
		{"no merchant key", []string{"--addr", "127.0.0.1:0"}, nil, 2, "--merchant-public-key"},
		{"bad fault", []string{"--fault", "explode"}, nil, 2, "unknown part"},
		{"stray argument", []string{"--merchant-public-key", keyFile("merchant_public.pem"), "extra"}, nil, 2, "unexpected argument"},
		{"missing key file", []string{"--merchant-public-key", "/nonexistent/key.pem"}, nil, 1, "read key"},
		{"bad key in the environment", []string{"--addr", "127.0.0.1:0"}, map[string]string{"PAYCORE_SANDBOX_MERCHANT_PUBLIC_KEY": "not a key"}, 1, "MerchantPublicKey"},
		{"help", []string{"--help"}, nil, 0, "usage: paycore-sandbox"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr syncBuffer
			err := run(context.Background(), tc.args, func(k string) string { return tc.env[k] }, nil, &stdout, &stderr)
			require.Equal(t, tc.code, exitCode(err, &stderr))
			require.Contains(t, stderr.String(), tc.say)
		})
	}
}
