package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/signature"
	"github.com/paycore/paycore/gateway/forwarder"
	"github.com/paycore/paycore/hosts/http/server"
	"github.com/paycore/paycore/hosts/sandbox"
	"github.com/paycore/paycore/testvectors/examples"
)

// runDemo is `paycore-http demo`: paycore-http with the sandbox in-process as
// Antom, SQLite in a temporary directory and a local webhook, walking a
// server-to-server payment with manual capture, a hosted-page payment and a
// saved-card payment, printing each step. With --serve (`make run`) it keeps
// serving afterwards; without it (`make demo`) a scripted buyer fills the card
// page and the exit status says whether every step behaved as expected.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	serve := fs.Bool("serve", false, "keep serving after the walk (until SIGINT)")
	addr := fs.String("addr", "127.0.0.1:0", "paycore-http's listen address")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return &usageError{err.Error()}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	say := func(format string, a ...any) { fmt.Fprintf(stdout, format+"\n", a...) }

	dir, err := os.MkdirTemp("", "paycore-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	keys, err := signature.GenerateKeyPair(rand.Reader, 2048)
	if err != nil {
		return err
	}
	sb, err := sandbox.New(sandbox.Config{MerchantPublicKey: keys.PublicKeyPEM, TimeScale: 3600})
	if err != nil {
		return err
	}
	if err := sb.Start(ctx, "127.0.0.1:0"); err != nil {
		return err
	}
	defer sb.Close()

	secretBytes := make([]byte, 16)
	_, _ = rand.Read(secretBytes)
	secret := "whsec_" + hex.EncodeToString(secretBytes)
	hook := &demoHook{secret: []byte(secret), seen: map[string]bool{}}
	hookLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hookSrv := &http.Server{Handler: hook, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hookSrv.Serve(hookLn) }()
	defer hookSrv.Close()

	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	vars := map[string]string{envPrivateKey: keys.PrivateKeyPEM, envAntomPublicKey: sb.PublicKey(), envWebhookSecret: secret}
	g := gatewayOptions{clientID: "SANDBOX_PAYCORE_DEMO", antomURL: sb.URL(), db: "sqlite:" + filepath.Join(dir, "paycore.db"),
		webhookURL: "http://" + hookLn.Addr().String() + "/webhook", antomTimeout: 10 * time.Second}
	reg := prometheus.NewRegistry()
	engine := core.Native{}
	mounts, stopGateway, err := startGateway(ctx, g, func(k string) string { return vars[k] }, engine, reg, logger)
	if err != nil {
		return err
	}
	defer stopGateway()
	srv, err := server.New(engine, logger, reg, server.Config{EngineName: "native"}, mounts...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	say("paycore-http %s  (sandbox as Antom: %s, SQLite: %s)", base, sb.URL(), filepath.Join(dir, "paycore.db"))

	d := &demo{base: base, say: say, hook: hook, client: &http.Client{Timeout: 60 * time.Second}}
	walkErr := d.walk(!*serve)
	if walkErr != nil {
		say("FAILED: %v", walkErr)
	}
	if *serve && walkErr == nil {
		say("\nServing. Payments API: %s/v1/payments   events: %s/v1/events   metrics: %s/metrics   sandbox: %s   (Ctrl-C stops)", base, base, base, sb.URL())
		<-ctx.Done()
	}
	cancel()
	if err := <-served; err != nil && walkErr == nil {
		return err
	}
	return walkErr
}

// demoHook is the merchant's webhook in the demo: it verifies each event and
// remembers its type per payment.
type demoHook struct {
	secret []byte
	mu     sync.Mutex
	seen   map[string]bool // "<paymentRequestId> <type>"
}

func (h *demoHook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if forwarder.Verify(h.secret, r.Header.Get(forwarder.SignatureHeader), body, time.Now(), 5*time.Minute) != nil {
		w.WriteHeader(400)
		return
	}
	var ev struct {
		Type string `json:"type"`
		Data struct {
			PaymentRequestID string `json:"paymentRequestId"`
		} `json:"data"`
	}
	_ = json.Unmarshal(body, &ev)
	h.mu.Lock()
	h.seen[ev.Data.PaymentRequestID+" "+ev.Type] = true
	h.mu.Unlock()
	w.WriteHeader(204)
}

func (h *demoHook) has(id, typ string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seen[id+" "+typ]
}

type demo struct {
	base   string
	say    func(string, ...any)
	hook   *demoHook
	client *http.Client
}

func (d *demo) call(method, path string, body any) (map[string]any, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, d.base+path, rd)
	if err != nil {
		return nil, err
	}
	res, err := d.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("%s %s: unreadable answer: %w", method, path, err)
	}
	if res.StatusCode != 200 {
		return out, fmt.Errorf("%s %s: HTTP %d: %v", method, path, res.StatusCode, out["error"])
	}
	return out, nil
}

// until waits (at most 10 s) for the payment's status and the webhook's event.
func (d *demo) until(id, status string) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		a, err := d.call("GET", "/v1/payments/"+id, nil)
		if err == nil {
			if p, _ := a["payment"].(map[string]any); p != nil && p["status"] == status && d.hook.has(id, "payment."+status) {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("payment %s did not reach %s with its event at the webhook", id, status)
}

func field(m map[string]any, path ...string) string {
	var v any = m
	for _, p := range path {
		mm, _ := v.(map[string]any)
		v = mm[p]
	}
	s, _ := v.(string)
	return s
}

func (d *demo) intent(id string, edit func(map[string]any)) (map[string]any, error) {
	raw, err := examples.Read("intent_server_to_server")
	if err != nil {
		return nil, err
	}
	var in map[string]any
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, err
	}
	delete(in, "now")
	in["paymentRequestId"] = id
	in["notifyUrl"] = d.base + "/v1/notifications/antom"
	in["order"].(map[string]any)["referenceOrderId"] = "ORDER_" + id
	if edit != nil {
		edit(in)
	}
	return in, nil
}

// walk runs the three payments; buyer says whether a scripted buyer fills the
// hosted card page.
func (d *demo) walk(buyer bool) error {
	run := time.Now().UTC().Format("20060102T150405")
	ids := struct{ s2s, hosted, saved string }{"DEMO_S2S_" + run, "DEMO_HOSTED_" + run, "DEMO_SAVED_" + run}

	d.say("\n1. Server-to-server payment, manual capture (test card 405469******0768)")
	in, err := d.intent(ids.s2s, func(in map[string]any) { in["captureMode"] = "MANUAL" })
	if err != nil {
		return err
	}
	a, err := d.call("POST", "/v1/payments", in)
	if err != nil {
		return err
	}
	d.say("   pay.build built and signed the request; sent to the sandbox; its signature verified")
	d.say("   outcome %s, next action %s", a["outcome"], field(a, "nextAction", "kind"))
	if a["outcome"] != "authorized" {
		return fmt.Errorf("pay: outcome %v, want authorized", a["outcome"])
	}
	token := field(a, "antomResponse", "paymentResultInfo", "cardToken")
	if err := d.until(ids.s2s, "authorized"); err != nil {
		return err
	}
	d.say("   notifyPayment verified, stored, acknowledged; event payment.authorized delivered to the webhook")
	a, err = d.call("POST", "/v1/payments/"+ids.s2s+"/capture", nil)
	if err != nil {
		return err
	}
	d.say("   capture: outcome %s", a["outcome"])
	if err := d.until(ids.s2s, "captured"); err != nil {
		return err
	}
	d.say("   notifyCapture verified, stored, acknowledged; event payment.captured delivered")

	d.say("\n2. Hosted payment page (the buyer types the card on the sandbox's page)")
	in, err = d.intent(ids.hosted, func(in map[string]any) {
		in["mode"] = "hosted"
		delete(in, "card")
		delete(in, "captureMode")
		delete(in, "threeDS")
		delete(in, "authenticationUpgrade")
	})
	if err != nil {
		return err
	}
	a, err = d.call("POST", "/v1/payments", in)
	if err != nil {
		return err
	}
	page := field(a, "nextAction", "url")
	d.say("   outcome %s; card page: %s", a["outcome"], page)
	if page == "" {
		return errors.New("hosted pay: no card page URL")
	}
	if buyer {
		if err := fillCardPage(d.client, page); err != nil {
			return err
		}
		d.say("   scripted buyer: card 405469******0768 entered")
		if err := d.until(ids.hosted, "captured"); err != nil {
			return err
		}
		d.say("   notifyPayment and notifyCapture verified, stored, acknowledged; payment captured")
	} else {
		d.say("   open the card page in a browser and pay with a test card from the sandbox's list (GET /sandbox/cards on the sandbox), any future expiry, any CVV")
	}

	d.say("\n3. Saved-card payment with the token the first payment issued")
	if token == "" {
		return errors.New("the first payment issued no card token")
	}
	in, err = d.intent(ids.saved, func(in map[string]any) {
		in["mode"] = "saved_card"
		in["cardToken"] = token
		delete(in, "card")
		delete(in, "captureMode")
		delete(in, "threeDS")
		delete(in, "authenticationUpgrade")
	})
	if err != nil {
		return err
	}
	a, err = d.call("POST", "/v1/payments", in)
	if err != nil {
		return err
	}
	d.say("   token %s: outcome %s", token, a["outcome"])
	if err := d.until(ids.saved, "captured"); err != nil {
		return err
	}
	d.say("   captured automatically; events delivered")
	d.say("\nEvery step behaved as expected.")
	return nil
}

// fillCardPage is the scripted buyer: it opens the sandbox's card page and
// submits a test card.
func fillCardPage(c *http.Client, page string) error {
	res, err := c.Get(page)
	if err != nil {
		return err
	}
	res.Body.Close()
	noFollow := &http.Client{Timeout: c.Timeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err = noFollow.PostForm(page, url.Values{"cardNumber": {"4054 6957 2310 0768"}, "expiry": {"12/29"}, "cvv": {"123"}, "holder": {"Demo Buyer"}})
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode >= 400 {
		return fmt.Errorf("card page refused the form: HTTP %d", res.StatusCode)
	}
	return nil
}
