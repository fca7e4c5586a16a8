package sandbox_test

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/sandbox"
)

const testClientID = "SANDBOX_TEST_CLIENT"

// readKey reads one of the repository's published test-only keys.
func readKey(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testvectors", "keys", name))
	require.NoError(t, err)
	return strings.TrimSpace(string(b))
}

// env is a sandbox on a loopback listener and a merchant that talks to it.
type env struct {
	t        testing.TB
	sb       *sandbox.Server
	merchant string // merchant private key
	client   *http.Client
	clock    *clock
	recv     *receiver
}

// clock is a settable clock for the sandbox.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

func newEnv(t testing.TB, mutate func(*sandbox.Config)) *env {
	t.Helper()
	e := &env{t: t, merchant: readKey(t, "merchant_private_pkcs8.b64"), client: &http.Client{Timeout: 10 * time.Second}, clock: &clock{}}
	e.recv = newReceiver(t)
	cfg := sandbox.Config{
		MerchantPublicKey: readKey(t, "merchant_public_spki.b64"),
		PrivateKey:        readKey(t, "antom_private_pkcs8.b64"),
		PublicKey:         readKey(t, "antom_public_spki.b64"),
		ClientID:          testClientID,
		Now:               e.clock.now,
		TimeScale:         60000, // Antom's 2 minutes are 2 ms, 7 days about 10 s
		Log:               testLog{t},
	}
	if mutate != nil {
		mutate(&cfg)
	}
	sb, err := sandbox.New(cfg)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	require.NoError(t, sb.Start(ctx, "127.0.0.1:0"))
	t.Cleanup(func() {
		cancel()
		require.NoError(t, sb.Close())
	})
	e.sb = sb
	return e
}

// testLog sends the sandbox's JSON log to the test log.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// op runs a core op and returns its result, failing the test on a not-ok envelope.
func op(t testing.TB, name string, input any) map[string]any {
	t.Helper()
	in, err := json.Marshal(input)
	require.NoError(t, err)
	var envlp struct {
		OK     bool           `json:"ok"`
		Result map[string]any `json:"result"`
		Error  map[string]any `json:"error"`
	}
	require.NoError(t, json.Unmarshal(core.Handle(name, in), &envlp))
	require.True(t, envlp.OK, "%s: %v", name, envlp.Error)
	return envlp.Result
}

// signing is the signing block of the core's build ops.
func (e *env) signing() map[string]string {
	return map[string]string{"clientId": testClientID, "requestTime": strconv.FormatInt(time.Now().UnixMilli(), 10), "privateKey": e.merchant}
}

// reply is an Antom answer as the merchant received it.
type reply struct {
	status  int
	headers http.Header
	raw     []byte
	body    map[string]any
	path    string
}

func (r reply) result() (string, string) {
	res, _ := r.body["result"].(map[string]any)
	status, _ := res["resultStatus"].(string)
	code, _ := res["resultCode"].(string)
	return status, code
}

func (r reply) str(path string) string {
	var v any = r.body
	for _, k := range strings.Split(path, ".") {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	s, _ := v.(string)
	return s
}

// send posts a request built by a core *.build op and verifies the answer's
// signature with the sandbox's public key (through the core).
func (e *env) send(built map[string]any, hdr map[string]string) reply {
	e.t.Helper()
	path := built["path"].(string)
	req, err := http.NewRequest(http.MethodPost, e.sb.URL()+path, strings.NewReader(built["body"].(string)))
	require.NoError(e.t, err)
	for k, v := range built["headers"].(map[string]any) {
		req.Header.Set(k, v.(string))
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := e.client.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	r := reply{status: resp.StatusCode, headers: resp.Header, raw: raw, path: path}
	if resp.StatusCode == http.StatusOK {
		require.NoError(e.t, json.Unmarshal(raw, &r.body), "%s", raw)
	}
	return r
}

// verified checks the answer's signature through signature.verify.
func (e *env) verified(r reply) bool {
	e.t.Helper()
	h := map[string]string{}
	for k := range r.headers {
		h[strings.ToLower(k)] = r.headers.Get(k)
	}
	res := op(e.t, "signature.verify", map[string]any{"method": "POST", "path": r.path, "headers": h, "kind": "response", "body": string(r.raw), "publicKey": e.sb.PublicKey()})
	return res["valid"] == true
}

// intent is a pay.build intent with the test's defaults.
func (e *env) intent(mode, id string, extra map[string]any) map[string]any {
	in := map[string]any{
		"mode": mode, "paymentRequestId": id,
		"amount":      map[string]any{"currency": "EUR", "value": "30000"},
		"order":       map[string]any{"referenceOrderId": "ORDER_" + id, "orderDescription": "Cappuccino #grande (Mika's coffee shop)"},
		"env":         map[string]any{"terminalType": "WEB", "clientIp": "203.0.113.7"},
		"redirectUrl": "https://shop.example.com/return?order=" + id,
		"notifyUrl":   e.recv.url + "/antom/notify",
		"now":         time.Now().UTC().Format(time.RFC3339),
		"signing":     e.signing(),
	}
	if mode == "server_to_server" {
		in["card"] = map[string]any{"number": "4054695723100768", "cvv": "123", "expiryMonth": "12", "expiryYear": "2029",
			"cardholderName": map[string]any{"firstName": "Mika", "lastName": "Berg"}}
	}
	maps.Copy(in, extra)
	return in
}

// pay builds and sends a pay request.
func (e *env) pay(in map[string]any, hdr map[string]string) reply {
	e.t.Helper()
	return e.send(op(e.t, "pay.build", in), hdr)
}

// sendRaw signs body with the merchant key through signature.sign and posts it
// to path.
func (e *env) sendRaw(path, body string, hdr map[string]string) reply {
	e.t.Helper()
	rt := strconv.FormatInt(time.Now().UnixMilli(), 10)
	sig := op(e.t, "signature.sign", map[string]any{"method": "POST", "path": path, "clientId": testClientID, "requestTime": rt, "body": body, "privateKey": e.merchant})
	built := map[string]any{"path": path, "body": body, "headers": map[string]any{
		"Client-Id": testClientID, "Request-Time": rt, "Signature": sig["signature"], "Content-Type": "application/json; charset=UTF-8"}}
	return e.send(built, hdr)
}

// build runs a follow-up *.build op with the test's signing and sends it.
func (e *env) build(opName string, in map[string]any) reply {
	e.t.Helper()
	in["signing"] = e.signing()
	return e.send(op(e.t, opName, in), nil)
}

func requireResult(t testing.TB, r reply, status, code string) {
	t.Helper()
	s, c := r.result()
	require.Equal(t, status+" "+code, s+" "+c, "%s", r.raw)
}
