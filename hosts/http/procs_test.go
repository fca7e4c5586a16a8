package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway/forwarder"
	"github.com/paycore/paycore/hosts/sandbox"
)

// The tests in this file and its siblings (replicas_proc_test.go,
// outage_proc_test.go, kill_proc_test.go) run paycore-http as real processes:
// built once with `go build`, started with flags and PAYCORE_* variables, killed
// with SIGKILL. Antom is the sandbox, in-process; the test plays Antom's
// notification delivery (and resends) with the notifications the sandbox signed.

const (
	procClientID   = "SANDBOX_5Y0A2N2Y3B5J04251"
	procHookSecret = "whsec_proc_test"
	notifyPath     = "/v1/notifications/antom"
)

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binary builds paycore-http once per test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "paycore-http-test-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "paycore-http")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, binErr)
	return binPath
}

// proc is one paycore-http process.
type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	logs   *logSink
	url    string // http://addr
	exited chan struct{}
}

// procEnv is the environment of a child: this process's, minus any PAYCORE_*
// variable, plus vars.
func procEnv(vars map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PAYCORE_") {
			out = append(out, kv)
		}
	}
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	return out
}

// startProc starts paycore-http with args and vars and returns once it listens.
// The process is killed at the end of the test if it still runs.
func startProc(t *testing.T, args []string, vars map[string]string) *proc {
	t.Helper()
	p := spawnProc(t, args, vars)
	p.waitListening()
	return p
}

// spawnProc starts paycore-http without waiting for it to listen.
func spawnProc(t *testing.T, args []string, vars map[string]string) *proc {
	t.Helper()
	p := &proc{t: t, logs: &logSink{}, exited: make(chan struct{})}
	p.cmd = exec.Command(binary(t), args...)
	p.cmd.Env = procEnv(vars)
	p.cmd.Stderr = p.logs
	p.cmd.Stdout = io.Discard
	require.NoError(t, p.cmd.Start())
	go func() { _ = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.exited
	})
	return p
}

// waitListening returns once the process logs that it listens.
func (p *proc) waitListening() {
	t := p.t
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		if rec := p.logs.find("listening"); rec != nil {
			p.url = "http://" + rec["addr"].(string)
			return
		}
		select {
		case <-p.exited:
			t.Fatalf("paycore-http exited before listening: %v\n%s", p.cmd.ProcessState, p.logs.String())
		case <-deadline:
			t.Fatalf("paycore-http did not listen within 30s:\n%s", p.logs.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *proc) kill() {
	require.NoError(p.t, p.cmd.Process.Kill())
	select {
	case <-p.exited:
	case <-time.After(10 * time.Second):
		p.t.Fatal("no exit after SIGKILL")
	}
}

// call sends a JSON request to the process and decodes the JSON answer.
func (p *proc) call(method, path string, body any) (int, map[string]any) {
	p.t.Helper()
	status, out, err := p.try(method, path, body)
	require.NoError(p.t, err)
	return status, out
}

// try is call for other goroutines: it reports a failure instead of ending the test.
func (p *proc) try(method, path string, body any) (int, map[string]any, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, p.url+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := procClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		return res.StatusCode, nil, fmt.Errorf("%s %s answered %d: %s", method, path, res.StatusCode, raw)
	}
	return res.StatusCode, out, nil
}

var procClient = &http.Client{Timeout: 30 * time.Second}

// gatewayArgs are the flags and variables of a gateway process on db.
func gatewayArgs(t *testing.T, sb *sandbox.Server, hookURL, db string) ([]string, map[string]string) {
	keyFile := filepath.Join(t.TempDir(), "merchant.pem")
	require.NoError(t, os.WriteFile(keyFile, []byte(testKey(t, "merchant_private_pkcs8.pem")), 0o600))
	return []string{"--addr", "127.0.0.1:0", "--client-id", procClientID, "--antom-url", sb.URL(), "--db", db,
			"--private-key-file", keyFile, "--webhook-url", hookURL, "--antom-timeout", "5s"},
		map[string]string{"PAYCORE_ANTOM_PUBLIC_KEY": testKey(t, "antom_public.pem"), "PAYCORE_WEBHOOK_SECRET": procHookSecret}
}

// procSandbox starts the sandbox (Antom) in-process; its resends are 3600 times
// faster than Antom's.
func procSandbox(t *testing.T) *sandbox.Server {
	t.Helper()
	sb, err := sandbox.New(sandbox.Config{MerchantPublicKey: testKey(t, "merchant_public.pem"), PrivateKey: testKey(t, "antom_private_pkcs8.b64"),
		PublicKey: testKey(t, "antom_public.pem"), ClientID: procClientID, TimeScale: 3600})
	require.NoError(t, err)
	require.NoError(t, sb.Start(context.Background(), "127.0.0.1:0"))
	t.Cleanup(func() { sb.Close() })
	return sb
}

// procIntent is a server-to-server pay intent whose notifications go to notifyURL.
func procIntent(t *testing.T, id, captureMode, notifyURL string) map[string]any {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testvectors", "pay.build", "server_to_server.json"))
	require.NoError(t, err)
	var v struct {
		Input map[string]any `json:"input"`
	}
	require.NoError(t, json.Unmarshal(raw, &v))
	in := v.Input
	delete(in, "signing")
	delete(in, "now")
	in["paymentRequestId"] = id
	in["amount"] = map[string]any{"currency": "EUR", "value": "30000"}
	if o, ok := in["order"].(map[string]any); ok {
		delete(o, "goods")
		o["referenceOrderId"] = "ORDER_" + id
	}
	in["captureMode"] = captureMode
	in["notifyUrl"] = notifyURL
	return in
}

// hookRecorder is the merchant's webhook: it verifies each delivery's signature
// and records the bodies by event id.
type hookRecorder struct {
	t   *testing.T
	srv *httptest.Server
	mu  sync.Mutex
	got map[string][]string
}

func newHookRecorder(t *testing.T) *hookRecorder {
	h := &hookRecorder{t: t, got: map[string][]string{}}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := forwarder.Verify([]byte(procHookSecret), r.Header.Get(forwarder.SignatureHeader), body, time.Now(), time.Minute); err != nil {
			t.Errorf("webhook: %v", err)
			w.WriteHeader(400)
			return
		}
		h.mu.Lock()
		id := r.Header.Get(forwarder.EventIDHeader)
		h.got[id] = append(h.got[id], string(body))
		h.mu.Unlock()
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// events returns a copy of what the webhook received.
func (h *hookRecorder) events() map[string][]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make(map[string][]string, len(h.got))
	for k, v := range h.got {
		out[k] = slices.Clone(v)
	}
	return out
}

// note is one notification the sandbox signed: replayed as Antom's resends.
type note struct {
	header http.Header
	body   []byte
}

// notifier stands at the notifyUrl the sandbox delivers to. It keeps every
// distinct notification (by body; the sandbox re-signs each attempt) and hands
// each delivery to route, whose answer decides whether the sandbox gets the ack.
type notifier struct {
	srv   *httptest.Server
	mu    sync.Mutex
	notes []note
	seen  map[string]bool
	route func(n note) bool
}

func newNotifier(t *testing.T, route func(n note) bool) *notifier {
	nt := &notifier{seen: map[string]bool{}, route: route}
	nt.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		n := note{header: r.Header.Clone(), body: body}
		nt.mu.Lock()
		if !nt.seen[string(body)] {
			nt.seen[string(body)] = true
			nt.notes = append(nt.notes, n)
		}
		nt.mu.Unlock()
		if nt.route != nil && nt.route(n) {
			_, _ = io.WriteString(w, sandbox.Ack)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(nt.srv.Close)
	return nt
}

func (nt *notifier) url() string { return nt.srv.URL + notifyPath }

func (nt *notifier) all() []note {
	nt.mu.Lock()
	defer nt.mu.Unlock()
	return slices.Clone(nt.notes)
}

// delivery is one attempt to deliver a notification to a gateway.
type delivery struct {
	status int
	body   string
	err    error
}

// acked reports whether the attempt got Antom's exact acknowledgement.
func (d delivery) acked() bool {
	return d.err == nil && d.status == 200 && d.body == sandbox.Ack
}

// noKeepAlive gives each delivery its own connection, so a relay sees one
// request per connection.
var noKeepAlive = &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}

// deliver posts n to the gateway at baseURL with the sandbox's headers.
func deliver(baseURL string, n note) delivery {
	req, err := http.NewRequest(http.MethodPost, baseURL+notifyPath, bytes.NewReader(n.body))
	if err != nil {
		return delivery{err: err}
	}
	for k, v := range n.header {
		switch strings.ToLower(k) {
		case "content-length", "host", "accept-encoding", "connection":
			continue
		}
		req.Header[k] = v
	}
	res, err := noKeepAlive.Do(req)
	if err != nil {
		return delivery{err: err}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return delivery{status: res.StatusCode, body: string(b), err: err}
}

// relay is a TCP relay on loopback in front of target: cut it to break every
// connection and refuse new ones; hold it to swallow what target answers.
type relay struct {
	target string
	ln     net.Listener
	mu     sync.Mutex
	cut    bool
	hold   bool
	held   int // connections whose answer was swallowed
	passed int // connections whose answer went through
	conns  map[net.Conn]bool
	wg     sync.WaitGroup
}

func newRelay(t *testing.T, target string) *relay {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	r := &relay{target: target, ln: ln, conns: map[net.Conn]bool{}}
	r.wg.Add(1)
	go r.serve()
	t.Cleanup(func() {
		ln.Close()
		r.closeAll()
		r.wg.Wait()
	})
	return r
}

func (r *relay) addr() string { return r.ln.Addr().String() }

func (r *relay) serve() {
	defer r.wg.Done()
	for {
		c, err := r.ln.Accept()
		if err != nil {
			return
		}
		r.mu.Lock()
		if r.cut {
			r.mu.Unlock()
			c.Close()
			continue
		}
		r.mu.Unlock()
		up, err := net.Dial("tcp", r.target)
		if err != nil {
			c.Close()
			continue
		}
		r.mu.Lock()
		if r.cut {
			r.mu.Unlock()
			c.Close()
			up.Close()
			continue
		}
		r.conns[c], r.conns[up] = true, true
		r.mu.Unlock()
		r.wg.Add(2)
		go func() { defer r.wg.Done(); r.pipe(up, c, false) }()
		go func() { defer r.wg.Done(); r.pipe(c, up, true) }()
	}
}

// pipe copies src to dst; answers (target to client) are swallowed while held.
func (r *relay) pipe(dst, src net.Conn, answer bool) {
	defer func() {
		dst.Close()
		src.Close()
		r.mu.Lock()
		delete(r.conns, dst)
		delete(r.conns, src)
		r.mu.Unlock()
	}()
	buf := make([]byte, 32<<10)
	seen := false
	for {
		n, err := src.Read(buf)
		if n > 0 {
			r.mu.Lock()
			swallow := answer && r.hold
			if answer && !seen {
				seen = true
				if swallow {
					r.held++
				} else {
					r.passed++
				}
			}
			r.mu.Unlock()
			if !swallow {
				if _, werr := dst.Write(buf[:n]); werr != nil {
					return
				}
			}
		}
		if err != nil {
			return
		}
	}
}

func (r *relay) closeAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for c := range r.conns {
		c.Close()
	}
}

// setCut breaks every open connection and refuses new ones (true), or lets
// connections through again (false).
func (r *relay) setCut(cut bool) {
	r.mu.Lock()
	r.cut = cut
	r.mu.Unlock()
	if cut {
		r.closeAll()
	}
}

// setHold starts or stops swallowing answers.
func (r *relay) setHold(hold bool) {
	r.mu.Lock()
	r.hold = hold
	r.mu.Unlock()
}

// counts returns how many answers were swallowed and how many went through.
func (r *relay) counts() (held, passed int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.held, r.passed
}

// inboxCount counts the inbox rows holding exactly body, read directly from the
// database (driver "pgx" or "sqlite3").
func inboxCount(t *testing.T, db *sql.DB, pg bool, body []byte) int {
	q := `SELECT COUNT(*) FROM inbox WHERE body = ?`
	if pg {
		q = `SELECT COUNT(*) FROM inbox WHERE body = $1`
	}
	var n int
	require.NoError(t, db.QueryRow(q, string(body)).Scan(&n))
	return n
}

// outboxEvent is an outbox row, read directly from the database.
type outboxEvent struct {
	id, typ, payment, body, status string
}

func outbox(t *testing.T, db *sql.DB) []outboxEvent {
	rows, err := db.Query(`SELECT event_id, type, payment_request_id, body, status FROM outbox ORDER BY seq`)
	require.NoError(t, err)
	defer rows.Close()
	var out []outboxEvent
	for rows.Next() {
		var e outboxEvent
		require.NoError(t, rows.Scan(&e.id, &e.typ, &e.payment, &e.body, &e.status))
		out = append(out, e)
	}
	require.NoError(t, rows.Err())
	return out
}
