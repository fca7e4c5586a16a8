package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm"
)

// slowBody starts a request on a raw connection whose body is only half sent, and
// waits until the server is serving it.
func slowBody(t *testing.T, l *live) (net.Conn, string) {
	t.Helper()
	body := `{}`
	conn, err := net.Dial("tcp", l.addr)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	_, err = io.WriteString(conn, "POST /v1/ops/core.info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n"+body[:1])
	require.NoError(t, err)
	require.Eventually(t, func() bool { return testutil.ToFloat64(l.srv.metrics.inFlight) == 1 }, 5*time.Second, 5*time.Millisecond)
	return conn, body[1:]
}

// TestShutdownDrains cancels Serve while a request is in flight: new connections
// are refused, /readyz would say draining, the in-flight request completes with its
// envelope, and Serve returns nil.
func TestShutdownDrains(t *testing.T) {
	l, stop := start(t, nativeEngine(), Config{ShutdownTimeout: 10 * time.Second})
	conn, rest := slowBody(t, l)
	stop()
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", l.addr, 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 5*time.Second, 10*time.Millisecond, "still accepting after shutdown began")
	require.False(t, l.srv.Ready())
	select {
	case err := <-l.done:
		t.Fatalf("Serve returned before the in-flight request finished: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	_, err := io.WriteString(conn, rest)
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	out, _ := io.ReadAll(conn)
	require.True(t, strings.HasPrefix(string(out), "HTTP/1.1 200 "), string(out))
	require.True(t, strings.HasSuffix(string(out), string(core.Handle("core.info", []byte("{}")))), string(out))
	select {
	case err := <-l.done:
		require.NoError(t, err)
		l.done <- nil // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the drain")
	}
}

// TestShutdownBound cuts off a request that does not finish within ShutdownTimeout
// and reports it.
func TestShutdownBound(t *testing.T) {
	l, stop := start(t, nativeEngine(), Config{ShutdownTimeout: 200 * time.Millisecond})
	slowBody(t, l)
	began := time.Now()
	stop()
	select {
	case err := <-l.done:
		require.ErrorContains(t, err, "drain did not finish")
		require.Less(t, time.Since(began), 3*time.Second)
		l.done <- nil
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not give up")
	}
}

// blockingEngine answers core.info at once and blocks every other op until its
// context is done: a stand-in for an engine call that overruns its deadline.
type blockingEngine struct{ closed atomic.Bool }

func (e *blockingEngine) Call(ctx context.Context, op string, input []byte) ([]byte, error) {
	if e.closed.Load() {
		return nil, wasm.ErrClosed
	}
	if op == "core.info" {
		return core.Handle(op, input), nil
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

func (e *blockingEngine) Close(context.Context) error { e.closed.Store(true); return nil }

func TestDeadlineAndEngineErrors(t *testing.T) {
	engine := &blockingEngine{}
	l, _ := start(t, engine, Config{RequestTimeout: 100 * time.Millisecond})
	began := time.Now()
	status, body, _ := l.post(t, "/v1/ops/pay.validate", []byte("{}"))
	require.Equal(t, 503, status)
	_, reason := envelopeCode(t, body)
	require.Equal(t, "deadline_exceeded", reason)
	require.Less(t, time.Since(began), 3*time.Second)

	status, _, _ = l.do(t, "GET", "/readyz", "", nil)
	require.Equal(t, 200, status)
	require.NoError(t, engine.Close(context.Background()))
	status, body, _ = l.do(t, "GET", "/readyz", "", nil)
	require.Equal(t, 503, status)
	require.JSONEq(t, `{"status":"not_ready","engine":"engine"}`, string(body))
	status, body, _ = l.post(t, "/v1/ops/core.info", []byte("{}"))
	require.Equal(t, 503, status)
	_, reason = envelopeCode(t, body)
	require.Equal(t, "engine_unavailable", reason)
}

func TestHealthAndReadiness(t *testing.T) {
	for name, engine := range engines(t) {
		l, _ := start(t, engine, Config{EngineName: name})
		status, body, _ := l.do(t, "GET", "/healthz", "", nil)
		require.Equal(t, 200, status)
		require.JSONEq(t, `{"status":"ok"}`, string(body))
		status, body, _ = l.do(t, "GET", "/readyz", "", nil)
		require.Equal(t, 200, status)
		require.JSONEq(t, `{"status":"ready","engine":"`+name+`"}`, string(body))
		status, body, _ = l.do(t, "GET", "/v1/ops", "", nil)
		require.Equal(t, 200, status)
		for _, op := range core.Ops() {
			require.Contains(t, string(body), `"/v1/ops/`+op+`"`)
		}
	}
}

func TestMetrics(t *testing.T) {
	w := engines(t)["wasm"].(*wasm.Engine)
	l, _ := start(t, w, Config{EngineName: "wasm", PoolStats: func() PoolStats {
		st := w.Stats()
		return PoolStats{Size: 2, Created: st.Created, Replaced: st.Discarded}
	}})
	l.post(t, "/v1/ops/core.info", []byte("{}"))
	l.post(t, "/v1/ops/core.info", []byte("{"))
	l.post(t, "/v1/ops/nope", []byte("{}"))
	l.do(t, "GET", "/nowhere", "", nil)
	status, body, hdr := l.do(t, "GET", "/metrics", "", nil)
	require.Equal(t, 200, status)
	require.Contains(t, hdr.Get("Content-Type"), "text/plain")
	for _, want := range []string{
		`paycore_http_requests_total{route="POST /v1/ops/{op}",status="200"} 1`,
		`paycore_http_requests_total{route="POST /v1/ops/{op}",status="400"} 1`,
		`paycore_http_requests_total{route="POST /v1/ops/{op}",status="404"} 1`,
		`paycore_http_requests_total{route="unmatched",status="404"} 1`,
		`paycore_op_outcomes_total{code="ok",op="core.info"} 1`,
		`paycore_op_outcomes_total{code="BAD_JSON",op="core.info"} 1`,
		`paycore_op_outcomes_total{code="UNKNOWN_OP",op="unknown"} 1`,
		`paycore_http_request_duration_seconds_count{route="POST /v1/ops/{op}"} 3`,
		`paycore_engine_call_duration_seconds_count{op="core.info"} 2`,
		`paycore_engine_calls_in_flight{engine="wasm"} 0`,
		`paycore_engine_pool_size{engine="wasm"} 2`,
		`paycore_engine_instances_created_total{engine="wasm"}`,
		`paycore_engine_instances_replaced_total{engine="wasm"} 0`,
		`paycore_http_requests_in_flight 1`, // the scrape itself
		`go_goroutines`,
		`process_cpu_seconds_total`,
	} {
		require.Contains(t, string(body), want)
	}
	require.NotContains(t, string(body), "nope")
}

// TestMount checks that a mounted route gets the middleware: request id, deadline,
// log line, metrics, panic recovery; and that bad mounts are refused.
func TestMount(t *testing.T) {
	var sawID atomic.Value
	var sawDeadline atomic.Int64
	mounts := []Mount{
		{Pattern: "POST /v1/things/{id}", Timeout: 30 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sawID.Store(RequestID(r.Context()))
			dl, _ := r.Context().Deadline()
			sawDeadline.Store(int64(time.Until(dl)))
			writeJSON(w, 201, []byte(`{"id":"`+r.PathValue("id")+`"}`))
		})},
		{Pattern: "GET /v1/boom", Handler: http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			panic("4111111111111111")
		})},
	}
	l, _ := start(t, nativeEngine(), Config{}, mounts...)
	status, body, hdr := l.post(t, "/v1/things/7", nil)
	require.Equal(t, 201, status)
	require.JSONEq(t, `{"id":"7"}`, string(body))
	require.Equal(t, hdr.Get(RequestIDHeader), sawID.Load())
	require.Greater(t, time.Duration(sawDeadline.Load()), 20*time.Second)
	require.Equal(t, 35*time.Second, l.srv.Config().WriteTimeout)

	status, body, _ = l.do(t, "GET", "/v1/boom", "", nil)
	require.Equal(t, 500, status)
	code, reason := envelopeCode(t, body)
	require.Equal(t, "INTERNAL", code)
	require.Equal(t, "panic", reason)
	logs := l.logs.String()
	require.Contains(t, logs, `"route":"POST /v1/things/{id}","status":201`)
	require.Contains(t, logs, `"route":"GET /v1/boom","status":500`)
	require.NotContains(t, logs, "4111")
	checkLogLines(t, logs)
	_, metrics, _ := l.do(t, "GET", "/metrics", "", nil)
	require.Contains(t, string(metrics), `paycore_http_requests_total{route="GET /v1/boom",status="500"} 1`)

	reg := prometheus.NewRegistry()
	log := slog.New(slog.DiscardHandler)
	ok := http.NotFoundHandler()
	for _, tc := range []struct {
		name  string
		cfg   Config
		mount Mount
		err   string
	}{
		{"no method", Config{}, Mount{Pattern: "/v1/x", Handler: ok}, "needs a method"},
		{"no handler", Config{}, Mount{Pattern: "GET /v1/x"}, "no handler"},
		{"conflict with a built-in route", Config{}, Mount{Pattern: "POST /v1/ops/{name}", Handler: ok}, "conflicts"},
		{"write timeout too short", Config{WriteTimeout: 10 * time.Second}, Mount{Pattern: "GET /v1/x", Handler: ok, Timeout: time.Minute}, "WriteTimeout"},
	} {
		_, err := New(core.Native{}, log, prometheus.NewRegistry(), tc.cfg, tc.mount)
		require.ErrorContains(t, err, tc.err, tc.name)
	}
	_, err := New(nil, log, reg, Config{})
	require.Error(t, err)
	// Two servers may share a registry's Go and process collectors, not their own.
	_, err = New(core.Native{}, log, reg, Config{})
	require.NoError(t, err)
	_, err = New(core.Native{}, log, reg, Config{})
	require.True(t, errors.As(err, new(prometheus.AlreadyRegisteredError)), "%v", err)
}
