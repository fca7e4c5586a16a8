package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
)

// logSink collects the JSON log lines of a run and tells when one appears.
type logSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *logSink) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// find returns the first log record whose msg is msg, or nil.
func (s *logSink) find(msg string) map[string]any {
	for _, line := range strings.Split(s.String(), "\n") {
		var r map[string]any
		if json.Unmarshal([]byte(line), &r) == nil && r["msg"] == msg {
			return r
		}
	}
	return nil
}

// waitFor returns the first log record whose msg is msg, waiting for it.
func (s *logSink) waitFor(t *testing.T, msg string) map[string]any {
	t.Helper()
	var rec map[string]any
	require.Eventually(t, func() bool {
		rec = s.find(msg)
		return rec != nil
	}, 20*time.Second, 10*time.Millisecond, "no %q log line; logs:\n%s", msg, s.String())
	return rec
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// startRun runs the program in-process and returns its address once it listens.
func startRun(t *testing.T, ctx context.Context, args []string, vars map[string]string) (string, *logSink, chan error) {
	t.Helper()
	logs := &logSink{}
	done := make(chan error, 1)
	exited := make(chan error, 1)
	go func() { exited <- run(ctx, args, env(vars), strings.NewReader(""), io.Discard, logs) }()
	var rec map[string]any
	require.Eventually(t, func() bool {
		select {
		case err := <-exited:
			t.Fatalf("run exited before listening: %v\n%s", err, logs.String())
		default:
		}
		rec = logs.find("listening")
		return rec != nil
	}, 3*time.Minute, 10*time.Millisecond, "no listening log line; logs:\n%s", logs.String())
	go func() { done <- <-exited }()
	return rec["addr"].(string), logs, done
}

func postOp(t *testing.T, addr, op, input string) (int, string) {
	t.Helper()
	resp, err := http.Post("http://"+addr+"/v1/ops/"+op, "application/json", strings.NewReader(input))
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

// TestRunStopsOnSIGTERM starts the program, calls an op, probes it, sends the
// process SIGTERM and expects a clean exit.
func TestRunStopsOnSIGTERM(t *testing.T) {
	addr, logs, done := startRun(t, context.Background(), []string{"--addr", "127.0.0.1:0"}, nil)
	status, body := postOp(t, addr, "core.info", "{}")
	require.Equal(t, 200, status)
	require.Equal(t, string(core.Handle("core.info", []byte("{}"))), body)

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"probe"}, env(map[string]string{"PAYCORE_ADDR": addr}), nil, &out, io.Discard))
	require.JSONEq(t, `{"status":"ok"}`, out.String())
	// The container's wildcard address is probed on the loopback interface.
	_, port, err := net.SplitHostPort(addr)
	require.NoError(t, err)
	require.NoError(t, run(context.Background(), []string{"probe"}, env(map[string]string{"PAYCORE_ADDR": "0.0.0.0:" + port}), nil, io.Discard, io.Discard))

	require.NoError(t, syscall.Kill(syscall.Getpid(), syscall.SIGTERM))
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
	logs.waitFor(t, "shutting down")
	logs.waitFor(t, "stopped")
	var stderr bytes.Buffer
	err = run(context.Background(), []string{"probe", "--addr", addr, "--timeout", "1s"}, env(nil), nil, io.Discard, &stderr)
	require.Error(t, err)
	require.Equal(t, 1, exitCode(err, &stderr))
}

// TestRunWasmEngine configures the wasm engine through the environment only.
func TestRunWasmEngine(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, logs, done := startRun(t, ctx, nil, map[string]string{
		"PAYCORE_ADDR":           "127.0.0.1:0",
		"PAYCORE_ENGINE":         "wasm",
		wasm.ModuleEnv:           wasmtest.Module(t),
		wasm.CacheDirEnv:         wasmtest.CacheDir(t),
		"PAYCORE_WASM_POOL":      "2",
		"PAYCORE_WASM_INTERRUPT": "never", // one compilation: "deadline" would compile the interruptible variant too
	})
	rec := logs.waitFor(t, "wasm engine ready")
	require.Equal(t, float64(2), rec["pool"])
	require.Equal(t, "never", rec["interrupt"])
	status, body := postOp(t, addr, "pay.validate", "{")
	require.Equal(t, 400, status)
	require.Equal(t, string(core.Handle("pay.validate", []byte("{"))), body)
	resp, err := http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Contains(t, string(metrics), `paycore_engine_pool_size{engine="wasm"} 2`)
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("no exit after cancel")
	}
}

func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		vars map[string]string
		want string
		code int
	}{
		{"unknown engine", []string{"--engine", "jvm"}, nil, `unknown engine "jvm"`, 2},
		{"bad duration in the environment", nil, map[string]string{"PAYCORE_REQUEST_TIMEOUT": "soon"}, "$PAYCORE_REQUEST_TIMEOUT", 2},
		{"bad pool in the environment", nil, map[string]string{"PAYCORE_WASM_POOL": "many"}, "$PAYCORE_WASM_POOL", 2},
		{"unknown flag", []string{"--port", "80"}, nil, "flag provided but not defined", 2},
		{"argument", []string{"serve"}, nil, `unexpected argument "serve"`, 2},
		{"log level", []string{"--log-level", "loud"}, nil, `log level "loud"`, 2},
		{"interrupt mode", []string{"--engine", "wasm", "--wasm-interrupt", "sometimes"}, nil, `wasm interrupt "sometimes"`, 2},
		{"missing module", []string{"--engine", "wasm"}, map[string]string{wasm.ModuleEnv: "/nonexistent/paycore.wasm"}, "wasm engine", 1},
		{"address in use or bad", []string{"--addr", "256.0.0.1:1"}, nil, "256.0.0.1", 1},
		{"webhook lease", []string{"--client-id", "SANDBOX_X", "--webhook-lease", "10ms"}, nil, "--webhook-lease must be at least 1s", 2},
		{"webhook attempts", nil, map[string]string{"PAYCORE_CLIENT_ID": "SANDBOX_X", "PAYCORE_WEBHOOK_MAX_ATTEMPTS": "0"}, "--webhook-max-attempts must be at least 1", 2},
		{"probe usage", []string{"probe", "--addr", "nocolon"}, nil, `address "nocolon"`, 2},
	} {
		var stderr bytes.Buffer
		err := run(context.Background(), tc.args, env(tc.vars), nil, io.Discard, &stderr)
		require.ErrorContains(t, err, tc.want, tc.name)
		require.Equal(t, tc.code, exitCode(err, &stderr), tc.name)
		require.Contains(t, stderr.String(), "paycore-http: ", tc.name)
	}
	var stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--help"}, env(nil), nil, io.Discard, &stderr))
	for _, want := range []string{"PAYCORE_ADDR", "PAYCORE_ENGINE", "PAYCORE_REQUEST_TIMEOUT", "PAYCORE_SHUTDOWN_TIMEOUT", "probe"} {
		require.Contains(t, stderr.String(), want)
	}
	// The command line wins over the environment.
	o, _, err := parseOptions("t", []string{"--addr", ":9"}, env(map[string]string{"PAYCORE_ADDR": ":8", "PAYCORE_REQUEST_TIMEOUT": "2s"}), io.Discard)
	require.NoError(t, err)
	require.Equal(t, ":9", o.addr)
	require.Equal(t, 2*time.Second, o.cfg.RequestTimeout)
}
