package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway/forwarder"
	"github.com/paycore/paycore/hosts/sandbox"
)

func testKey(t *testing.T, name string) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "testvectors", "keys", name))
	require.NoError(t, err)
	return string(b)
}

// TestRunGateway starts paycore-http with the gateway on (SQLite, the sandbox as
// Antom, a webhook) and walks a manual-capture payment: pay, notification,
// capture, the events at the webhook; no key or card number reaches the log.
func TestRunGateway(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const clientID = "SANDBOX_5Y0A2N2Y3B5J04251"
	sb, err := sandbox.New(sandbox.Config{MerchantPublicKey: testKey(t, "merchant_public.pem"), PrivateKey: testKey(t, "antom_private_pkcs8.b64"),
		PublicKey: testKey(t, "antom_public.pem"), ClientID: clientID, TimeScale: 3600})
	require.NoError(t, err)
	require.NoError(t, sb.Start(ctx, "127.0.0.1:0"))
	defer sb.Close()

	var mu sync.Mutex
	var events []string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := forwarder.Verify([]byte("whsec_run_test"), r.Header.Get(forwarder.SignatureHeader), body, time.Now(), time.Minute); err != nil {
			w.WriteHeader(400)
			return
		}
		mu.Lock()
		events = append(events, r.Header.Get(forwarder.EventIDHeader))
		mu.Unlock()
	}))
	defer hook.Close()

	dir := t.TempDir()
	keyFile := filepath.Join(dir, "merchant.pem")
	require.NoError(t, os.WriteFile(keyFile, []byte(testKey(t, "merchant_private_pkcs8.pem")), 0o600))
	addr, logs, done := startRun(t, ctx, []string{"--addr", "127.0.0.1:0", "--client-id", clientID, "--antom-url", sb.URL(),
		"--db", "sqlite:" + filepath.Join(dir, "paycore.db"), "--private-key-file", keyFile, "--webhook-url", hook.URL},
		map[string]string{"PAYCORE_ANTOM_PUBLIC_KEY": testKey(t, "antom_public.pem"), "PAYCORE_WEBHOOK_SECRET": "whsec_run_test"})
	base := "http://" + addr

	raw, err := os.ReadFile(filepath.Join("..", "..", "testvectors", "pay.build", "server_to_server.json"))
	require.NoError(t, err)
	var v struct {
		Input map[string]any `json:"input"`
	}
	require.NoError(t, json.Unmarshal(raw, &v))
	in := v.Input
	delete(in, "signing")
	delete(in, "now")
	in["notifyUrl"] = base + "/v1/notifications/antom"
	body, _ := json.Marshal(in)
	post := func(path string, body string) map[string]any {
		res, err := http.Post(base+path, "application/json", strings.NewReader(body))
		require.NoError(t, err)
		defer res.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
		require.Equal(t, 200, res.StatusCode, out)
		return out
	}
	a := post("/v1/payments", string(body))
	require.Equal(t, "authorized", a["outcome"])
	id := a["payment"].(map[string]any)["paymentRequestId"].(string)
	post("/v1/payments/"+id+"/capture", "")
	require.Eventually(t, func() bool {
		res, err := http.Get(base + "/v1/payments/" + id)
		if err != nil {
			return false
		}
		defer res.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(res.Body).Decode(&out)
		p, _ := out["payment"].(map[string]any)
		return p != nil && p["status"] == "captured"
	}, 10*time.Second, 20*time.Millisecond)
	require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(events) >= 3 }, 10*time.Second, 20*time.Millisecond)

	res, err := http.Get(base + "/metrics")
	require.NoError(t, err)
	metrics, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Contains(t, string(metrics), "paycore_gateway_events_delivered_total")

	cancel()
	require.NoError(t, <-done)
	log := logs.String()
	require.Contains(t, log, "gateway ready")
	for _, secret := range []string{"4054695723100768", "4054 6957 2310 0768", "MIIE", "whsec_run_test"} {
		require.NotContains(t, log, secret)
	}
}
