package gateway_test

import (
	"fmt"
	"testing"

	"github.com/paycore/paycore/gateway/storetest"
)

// BenchmarkPay: POST /v1/payments through the gateway and the in-process
// sandbox on loopback (build, sign, send, verify, interpret, apply, store, and
// the sandbox's notification received meanwhile), one payment after another.
func BenchmarkPay(b *testing.B) {
	for _, kind := range storetest.Kinds {
		b.Run(kind, func(b *testing.B) {
			e := newEnv(b, kind, envOptions{sandbox: true})
			b.ResetTimer()
			for i := range b.N {
				status, a := e.call("POST", "/v1/payments", e.sbIntent("server_to_server", fmt.Sprintf("PAY_BENCH_%d", i), "30000", "MANUAL", nil))
				if status != 200 || a["outcome"] != "authorized" {
					b.Fatalf("pay: %d %v", status, a)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "payments/s")
		})
	}
}

// BenchmarkReceive: POST /v1/notifications/antom, each a new verified
// notification for a stored payment (verify, parse, apply, inbox + state +
// outbox in one transaction, ack).
func BenchmarkReceive(b *testing.B) {
	for _, kind := range storetest.Kinds {
		b.Run(kind, func(b *testing.B) {
			e := newEnv(b, kind, envOptions{})
			for i := range b.N {
				id := fmt.Sprintf("PAY_RCV_%d", i)
				if status, a := e.call("POST", "/v1/payments", intent(b, "server_to_server", id, "40403", "MANUAL")); status != 200 {
					b.Fatalf("pay: %d %v", status, a)
				}
				e.antom.complete(id, true)
			}
			notes := e.antom.take()
			b.ResetTimer()
			for _, n := range notes {
				if code, body := deliver(b, e.gwURL, n); code != 200 {
					b.Fatalf("receive: %d %s", code, body)
				}
			}
			b.ReportMetric(float64(len(notes))/b.Elapsed().Seconds(), "notifications/s")
		})
	}
}
