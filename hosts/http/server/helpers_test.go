package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
)

// syncBuffer is a log sink safe for the server's goroutines.
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

// live is a Server serving on a real loopback listener.
type live struct {
	srv  *Server
	url  string
	addr string
	logs *syncBuffer
	done chan error
}

// start serves a new Server on 127.0.0.1 until the test ends (or stop is called).
func start(t testing.TB, engine core.Engine, cfg Config, mounts ...Mount) (*live, context.CancelFunc) {
	t.Helper()
	logs := &syncBuffer{}
	return startLogging(t, logs, logs, engine, cfg, mounts...)
}

// startLogging is start with the JSON logs written to sink.
func startLogging(t testing.TB, logs *syncBuffer, sink io.Writer, engine core.Engine, cfg Config, mounts ...Mount) (*live, context.CancelFunc) {
	t.Helper()
	srv, err := New(engine, slog.New(slog.NewJSONHandler(sink, nil)), prometheus.NewRegistry(), cfg, mounts...)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	l := &live{srv: srv, url: "http://" + ln.Addr().String(), addr: ln.Addr().String(), logs: logs, done: make(chan error, 1)}
	go func() { l.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-l.done:
		case <-time.After(10 * time.Second):
			t.Error("server did not stop")
		}
	})
	return l, cancel
}

// post sends body to path with a JSON content type and returns status and body.
func (l *live) post(t *testing.T, path string, body []byte) (int, []byte, http.Header) {
	t.Helper()
	return l.do(t, http.MethodPost, path, "application/json", body)
}

func (l *live) do(t *testing.T, method, path, contentType string, body []byte) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, l.url+path, bytes.NewReader(body))
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, out, resp.Header
}

// engines are the engines every end-to-end test runs on.
func engines(t testing.TB) map[string]core.Engine {
	t.Helper()
	w, err := wasm.New(context.Background(),
		wasm.WithModulePath(wasmtest.Module(t)), wasm.WithCacheDir(wasmtest.CacheDir(t)),
		wasm.WithPoolSize(2), wasm.WithInterrupt(wasm.InterruptNever))
	require.NoError(t, err)
	t.Cleanup(func() { _ = w.Close(context.Background()) })
	return map[string]core.Engine{"native": core.Native{}, "wasm": w}
}

// rawRequest writes raw bytes on a fresh connection and returns what the server
// answers before closing or within wait.
func rawRequest(t *testing.T, addr string, raw string, wait time.Duration) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, raw)
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(wait)))
	var out strings.Builder
	_, _ = io.Copy(&out, conn)
	return out.String()
}

func nativeEngine() core.Engine { return core.Native{} }

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func newRegistry() *prometheus.Registry { return prometheus.NewRegistry() }
