package server

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
	"github.com/paycore/paycore/testvectors"
)

// loadConns is the number of client connections of the load benchmark.
const loadConns = 64

// BenchmarkLoad measures POST /v1/ops/response.interpret (Antom's "payment in
// process" pay answer from the Authorization payment guide) over loopback with 64
// client connections, on the native engine, on the wasm engine with the server's
// default (the deadline bounds the wait for an instance; the op runs on fast code)
// and with interruptible code (wasm.InterruptDeadline); "server-only" runs the same
// requests through the server on an engine that answers a constant envelope without
// running the op, to separate the server's cost from the op's. Each sub-benchmark sends
// b.N requests to the server and b.N to a bare net/http handler that echoes the
// same JSON body, interleaved in batches so that both see the same load from the
// rest of the machine, and reports requests/s and the p50 and p99 latencies seen by
// the client for both, and the ratio of the two rates. The client runs on the same
// machine. The server logs every request as JSON, to io.Discard (the formatting is
// measured, not the sink). Use -benchtime=Nx to bound the count:
//
//	go test ./hosts/http/server -run '^$' -bench Load -benchtime 10000x
func BenchmarkLoad(b *testing.B) {
	vs, err := testvectors.Load(testvectors.Dir())
	if err != nil {
		b.Fatal(err)
	}
	var body []byte
	for _, v := range vs {
		if v.Path == "response.interpret/seed_pay_in_process.json" {
			body, _ = v.InputBytes()
		}
	}
	if body == nil {
		b.Fatal("vector response.interpret/seed_pay_in_process.json not found")
	}

	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(in)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: echo, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	echoURL := "http://" + ln.Addr().String() + "/echo"

	b.Run("server-only", func(b *testing.B) {
		l, stop := startLogging(b, nil, io.Discard, constantEngine{}, Config{EngineName: "constant"})
		defer stop()
		load(b, l.url+"/v1/ops/response.interpret", echoURL, body)
	})
	b.Run("native", func(b *testing.B) {
		l, stop := startLogging(b, nil, io.Discard, core.Native{}, Config{EngineName: "native"})
		defer stop()
		load(b, l.url+"/v1/ops/response.interpret", echoURL, body)
	})
	for _, mode := range []struct {
		name      string
		interrupt wasm.Interrupt
	}{{"wasm", wasm.InterruptNever}, {"wasm-interruptible", wasm.InterruptDeadline}} {
		b.Run(mode.name, func(b *testing.B) {
			w, err := wasm.New(context.Background(), wasm.WithModulePath(wasmtest.Module(b)), wasm.WithCacheDir(wasmtest.CacheDir(b)),
				wasm.WithPrestart(true), wasm.WithInterrupt(mode.interrupt))
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close(context.Background())
			l, stop := startLogging(b, nil, io.Discard, w, Config{EngineName: "wasm"})
			defer stop()
			load(b, l.url+"/v1/ops/response.interpret", echoURL, body)
		})
	}
}

// constantEngine answers every call with the same ok envelope without running
// anything: the server-only measurement.
type constantEngine struct{}

func (constantEngine) Call(context.Context, string, []byte) ([]byte, error) {
	return []byte(`{"ok":true,"result":{"outcome":"unknown"}}`), nil
}

func (constantEngine) Close(context.Context) error { return nil }

// client sends one JSON body to one URL over up to loadConns connections.
type client struct {
	url  string
	body []byte
	http *http.Client
}

func newClient(url string, body []byte) *client {
	tr := &http.Transport{MaxIdleConnsPerHost: loadConns, MaxConnsPerHost: loadConns, DisableCompression: true}
	return &client{url: url, body: body, http: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
}

func (c *client) send() (int, error) {
	req, err := http.NewRequest(http.MethodPost, c.url, bytes.NewReader(c.body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

// ready waits (up to 2 minutes) for a 200: the first answer may wait for a
// compilation.
func (c *client) ready(b *testing.B) {
	for deadline := time.Now().Add(2 * time.Minute); ; {
		status, err := c.send()
		if err == nil && status == http.StatusOK {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("%s not answering 200: %d %v", c.url, status, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// batch sends requests first..first+n-1 over loadConns goroutines, recording each
// latency in lat (when not nil), and returns the wall time.
func (c *client) batch(b *testing.B, n int, lat []time.Duration) time.Duration {
	var next atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	for range loadConns {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				t0 := time.Now()
				status, err := c.send()
				if err != nil || status != http.StatusOK {
					b.Errorf("%s: status %d, error %v", c.url, status, err)
					return
				}
				if lat != nil {
					lat[i] = time.Since(t0)
				}
			}
		})
	}
	wg.Wait()
	return time.Since(began)
}

// load sends b.N requests to url and b.N to echoURL, alternating batches, after a
// warm-up that opens the connections, and reports both rates, latencies and their
// ratio.
func load(b *testing.B, url, echoURL string, body []byte) {
	target, echo := newClient(url, body), newClient(echoURL, body)
	defer target.http.CloseIdleConnections()
	defer echo.http.CloseIdleConnections()
	target.ready(b)
	echo.ready(b)
	target.batch(b, loadConns*4, nil)
	echo.batch(b, loadConns*4, nil)

	const batch = loadConns * 8
	lat, echoLat := make([]time.Duration, b.N), make([]time.Duration, b.N)
	var took, echoTook time.Duration
	b.ResetTimer()
	for done := 0; done < b.N; done += batch {
		n := min(batch, b.N-done)
		took += target.batch(b, n, lat[done:done+n])
		echoTook += echo.batch(b, n, echoLat[done:done+n])
	}
	b.StopTimer()
	slices.Sort(lat)
	slices.Sort(echoLat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	rate, echoRate := float64(b.N)/took.Seconds(), float64(b.N)/echoTook.Seconds()
	b.ReportMetric(rate, "req/s")
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(echoRate, "echo-req/s")
	b.ReportMetric(ms(echoLat[len(echoLat)/2]), "echo-p50-ms")
	b.ReportMetric(ms(echoLat[len(echoLat)*99/100]), "echo-p99-ms")
	b.ReportMetric(100*rate/echoRate, "%echo")
	b.ReportMetric(0, "ns/op") // meaningless with 64 requests in flight
}
