package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/gateway"
	"github.com/paycore/paycore/gateway/antomclient"
	"github.com/paycore/paycore/gateway/database"
	"github.com/paycore/paycore/gateway/forwarder"
	"github.com/paycore/paycore/gateway/httpapi"
	"github.com/paycore/paycore/gateway/storetest"
	"github.com/paycore/paycore/hosts/sandbox"
)

var webhookSecret = []byte("whsec_test_only")

// webhook is the merchant's endpoint: it verifies each event's signature and
// records it; while down it answers 503.
type webhook struct {
	t     testing.TB
	down  atomic.Bool
	mu    sync.Mutex
	got   map[string]int // event id → deliveries
	types []string
}

func (h *webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if err := forwarder.Verify(webhookSecret, r.Header.Get(forwarder.SignatureHeader), body, time.Now(), 5*time.Minute); err != nil {
		h.t.Errorf("webhook: %v", err)
		w.WriteHeader(400)
		return
	}
	if h.down.Load() {
		w.WriteHeader(503)
		return
	}
	var ev struct {
		ID   string `json:"id"`
		Type string `json:"type"`
	}
	require.NoError(h.t, json.Unmarshal(body, &ev))
	require.Equal(h.t, ev.ID, r.Header.Get(forwarder.EventIDHeader))
	h.mu.Lock()
	if h.got[ev.ID] == 0 {
		h.types = append(h.types, ev.Type)
	}
	h.got[ev.ID]++
	h.mu.Unlock()
	w.WriteHeader(204)
}

func (h *webhook) ids() map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]int{}
	for k, v := range h.got {
		out[k] = v
	}
	return out
}

// faultyStore wraps a Store: while down every call fails; afterCommit makes
// Receive commit and then fail (a crash between commit and ack).
type faultyStore struct {
	gateway.Store
	down        atomic.Bool
	afterCommit atomic.Bool
}

var errDown = io.ErrUnexpectedEOF

func (s *faultyStore) Payment(ctx context.Context, id string) (gateway.Payment, error) {
	if s.down.Load() {
		return gateway.Payment{}, errDown
	}
	return s.Store.Payment(ctx, id)
}

func (s *faultyStore) Receive(ctx context.Context, in gateway.InboxEntry, p *gateway.Payment, from int64, events []gateway.Event) error {
	if s.down.Load() {
		return errDown
	}
	err := s.Store.Receive(ctx, in, p, from, events)
	if err == nil && s.afterCommit.Load() {
		return errDown
	}
	return err
}

// env is one gateway on a real loopback listener, with a fake Antom, a store
// and a merchant webhook fed by a running forwarder.
type env struct {
	t      testing.TB
	store  *faultyStore
	antom  *fakeAntom
	sb     *sandbox.Server
	hook   *webhook
	gwURL  string
	fwd    *forwarder.Forwarder
	clock  atomic.Int64 // offset added to the gateway's clock
	client *http.Client
}

type envOptions struct {
	// sandbox runs the real sandbox (hosts/sandbox) in-process instead of the fake.
	sandbox      bool
	faults       []sandbox.Fault
	antomTimeout time.Duration
	maxAttempts  int
	// For replicas: a database URL, a fake Antom and a webhook to share.
	url   string
	antom *fakeAntom
	hook  *webhook
}

func newEnv(t testing.TB, kind string, o envOptions) *env {
	eng := core.Native{}
	e := &env{t: t, antom: newFakeAntom(t, eng), hook: &webhook{t: t, got: map[string]int{}}, client: &http.Client{Timeout: 30 * time.Second}}
	if o.antom != nil {
		e.antom = o.antom
	}
	if o.hook != nil {
		e.hook = o.hook
	}
	if o.url != "" {
		st, err := database.Open(context.Background(), o.url)
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		e.store = &faultyStore{Store: st}
	} else {
		e.store = &faultyStore{Store: storetest.Open(t, kind)}
	}
	now := func() time.Time { return time.Now().Add(time.Duration(e.clock.Load())) }
	antomURL := ""
	if o.sandbox {
		sb, err := sandbox.New(sandbox.Config{MerchantPublicKey: readKey(t, "merchant_public.pem"), PrivateKey: readKey(t, "antom_private_pkcs8.b64"),
			PublicKey: readKey(t, "antom_public.pem"), ClientID: clientID, Engine: eng, Now: now, TimeScale: 3600, Faults: o.faults})
		require.NoError(t, err)
		require.NoError(t, sb.Start(context.Background(), "127.0.0.1:0"))
		t.Cleanup(func() { sb.Close() })
		e.sb, antomURL = sb, sb.URL()
	} else {
		antomSrv := httptest.NewServer(e.antom)
		t.Cleanup(antomSrv.Close)
		antomURL = antomSrv.URL
	}
	hookSrv := httptest.NewServer(e.hook)
	t.Cleanup(hookSrv.Close)
	if o.antomTimeout == 0 {
		o.antomTimeout = 5 * time.Second
	}
	ac, err := antomclient.New(antomclient.Config{BaseURL: antomURL, Engine: eng, PublicKey: readKey(t, "antom_public.pem"),
		Timeout: o.antomTimeout, Attempts: 3, Backoff: 5 * time.Millisecond})
	require.NoError(t, err)
	svc, err := gateway.New(gateway.Config{Engine: eng, Store: e.store, Antom: ac, ClientID: clientID,
		PrivateKey: readKey(t, "merchant_private_pkcs8.pem"), AntomPublicKey: readKey(t, "antom_public.pem"),
		Now: now})
	require.NoError(t, err)
	if o.maxAttempts == 0 {
		o.maxAttempts = 50
	}
	e.fwd = forwarder.New(forwarder.Config{Store: e.store, WebhookURL: hookSrv.URL, Secret: webhookSecret, MaxAttempts: o.maxAttempts,
		Backoff: 5 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, Poll: 10 * time.Millisecond, Lease: 5 * time.Second})
	mux := http.NewServeMux()
	httpapi.New(svc, e.store, func() any { return e.fwd.Stats() }).Mount(mux)
	gw := httptest.NewServer(mux)
	t.Cleanup(gw.Close)
	e.gwURL = gw.URL
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.fwd.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return e
}

// call sends a JSON request to the gateway and decodes the JSON answer.
func (e *env) call(method, path string, body any, header ...string) (int, map[string]any) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(e.t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.gwURL+path, rd)
	require.NoError(e.t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := e.client.Do(req)
	require.NoError(e.t, err)
	defer res.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(res.Body)
	require.NoError(e.t, json.Unmarshal(b, &out), string(b))
	return res.StatusCode, out
}

// notify delivers the queued notifications and requires each to be acknowledged.
func (e *env) notify() {
	e.t.Helper()
	for _, n := range e.antom.take() {
		status, body := deliver(e.t, e.gwURL, n)
		require.Equal(e.t, 200, status, body)
		require.JSONEq(e.t, `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`, body)
	}
}

// intent returns a pay.build intent from the golden vectors (signing and now
// removed: the gateway adds them).
func intent(t testing.TB, vector, id, value, captureMode string) map[string]any {
	b, err := os.ReadFile(filepath.Join("..", "testvectors", "pay.build", vector+".json"))
	require.NoError(t, err)
	var v struct {
		Input map[string]any `json:"input"`
	}
	require.NoError(t, json.Unmarshal(b, &v))
	in := v.Input
	delete(in, "signing")
	delete(in, "now")
	in["paymentRequestId"] = id
	if value != "" {
		in["amount"] = map[string]any{"currency": "EUR", "value": value}
		if o, ok := in["order"].(map[string]any); ok {
			delete(o, "goods")
			o["referenceOrderId"] = "ORDER_" + id
		}
	}
	if captureMode != "" {
		in["captureMode"] = captureMode
	}
	return in
}

// payment returns the stored payment's state.
func (e *env) payment(id string) map[string]any {
	e.t.Helper()
	status, a := e.call("GET", "/v1/payments/"+id, nil)
	require.Equal(e.t, 200, status, a)
	return a["payment"].(map[string]any)
}

// delivered waits (bounded) until the webhook has every event the outbox holds
// for the payment, each at least once, and returns their ids.
func (e *env) delivered() map[string]int {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		evs, err := e.store.Events(context.Background(), gateway.EventQuery{})
		require.NoError(e.t, err)
		got := e.hook.ids()
		missing := 0
		for _, ev := range evs {
			if got[ev.ID] == 0 {
				missing++
			}
		}
		if missing == 0 {
			return got
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("%d of %d events not delivered", missing, len(evs))
		}
		time.Sleep(10 * time.Millisecond)
	}
}
