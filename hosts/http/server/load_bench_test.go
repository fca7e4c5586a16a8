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
// and with interruptible code (wasm.InterruptDeadline), beside a bare net/http
// handler that echoes the same JSON body. Each sub-benchmark sends b.N requests
// (use -benchtime=Nx to bound the count) and reports requests/s and the p50 and p99
// latencies seen by the client; the client runs on the same machine. The server
// logs every request as JSON, to io.Discard (the formatting is measured, not the
// sink).
//
//	go test ./hosts/http/server -run '^$' -bench Load -benchtime 20000x
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

	b.Run("echo", func(b *testing.B) {
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
		load(b, "http://"+ln.Addr().String()+"/echo", body)
	})
	b.Run("native", func(b *testing.B) {
		l, stop := startLogging(b, nil, io.Discard, core.Native{}, Config{EngineName: "native"})
		defer stop()
		load(b, l.url+"/v1/ops/response.interpret", body)
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
			load(b, l.url+"/v1/ops/response.interpret", body)
		})
	}
}

// load sends b.N requests over loadConns connections, after a warm-up that opens
// them, and reports req/s, p50 and p99.
func load(b *testing.B, url string, body []byte) {
	tr := &http.Transport{MaxIdleConnsPerHost: loadConns, MaxConnsPerHost: loadConns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	send := func() (int, error) {
		req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, err
	}
	// The first answer may wait for a compilation (the interruptible variant).
	for deadline := time.Now().Add(2 * time.Minute); ; {
		status, err := send()
		if err == nil && status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("server not answering 200: %d %v", status, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	run := func(n int, lat []time.Duration) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range loadConns {
			wg.Go(func() {
				for {
					i := int(next.Add(1) - 1)
					if i >= n {
						return
					}
					began := time.Now()
					status, err := send()
					if err != nil || status != http.StatusOK {
						b.Errorf("status %d, error %v", status, err)
						return
					}
					if lat != nil {
						lat[i] = time.Since(began)
					}
				}
			})
		}
		wg.Wait()
	}
	run(loadConns*4, nil) // open the connections, warm the pool
	lat := make([]time.Duration, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	began := time.Now()
	run(b.N, lat)
	elapsed := time.Since(began)
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(0, "ns/op") // meaningless with 64 requests in flight
}
