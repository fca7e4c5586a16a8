package gateway_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway/storetest"
)

func eachStore(t *testing.T, fn func(t *testing.T, kind string)) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) { fn(t, kind) })
	}
}

// TestManualCaptureLifecycle: pay (manual capture) → notification → duplicate →
// capture → capture notification → refund → guards (over-refund, cancel after
// capture) → every state change forwarded once per event id.
func TestManualCaptureLifecycle(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{})
		status, a := e.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_M1", "30000", "MANUAL"))
		require.Equal(t, 200, status, a)
		require.Equal(t, "authorized", a["outcome"])
		require.Equal(t, "capture", a["nextAction"].(map[string]any)["kind"])
		require.Equal(t, "authorized", a["payment"].(map[string]any)["status"])

		queued := e.antom.take()
		require.Len(t, queued, 1)
		for range 2 { // the resend is a duplicate: acknowledged, no effect
			code, ack := deliver(t, e.gwURL, queued[0])
			require.Equal(t, 200, code)
			require.JSONEq(t, `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`, ack)
		}

		status, a = e.call("POST", "/v1/payments/PAY_M1/capture", map[string]any{"requestId": "CAP_M1"})
		require.Equal(t, 200, status, a)
		require.Equal(t, "succeeded", a["outcome"])
		e.notify()
		p := e.payment("PAY_M1")
		require.Equal(t, "captured", p["status"])
		require.Equal(t, "30000", p["capturedAmount"].(map[string]any)["value"])

		status, a = e.call("POST", "/v1/payments/PAY_M1/refunds", map[string]any{"requestId": "REF_M1", "amount": map[string]any{"currency": "EUR", "value": "10000"}})
		require.Equal(t, 200, status, a)
		e.notify()
		refunds := e.antom.calls["refund"]
		status, a = e.call("POST", "/v1/payments/PAY_M1/refunds", map[string]any{"amount": map[string]any{"currency": "EUR", "value": "25000"}})
		require.Equal(t, 409, status, a)
		require.Equal(t, "exceeds_captured", a["error"].(map[string]any)["reason"])
		status, a = e.call("POST", "/v1/payments/PAY_M1/cancel", nil)
		require.Equal(t, 409, status, a)
		require.Equal(t, "REFUSED", a["error"].(map[string]any)["code"])
		require.Equal(t, refunds, e.antom.calls["refund"], "a refused command sends nothing")
		require.Zero(t, e.antom.calls["cancel"])

		p = e.payment("PAY_M1")
		require.Equal(t, "10000", p["refundedAmount"].(map[string]any)["value"])
		got := e.delivered()
		for id, n := range got {
			require.Equal(t, 1, n, id)
		}
		require.Equal(t, 1, e.antom.payCalls["PAY_M1"])
	})
}

// TestOutcomes: decline, risk reject, automatic capture, 3DS, hosted page and
// saved card, each through pay and its notification.
func TestOutcomes(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{})
		for _, c := range []struct {
			name, vector, id, value, mode string
			outcome, status, next         string
		}{
			{"decline", "server_to_server", "PAY_D1", "40401", "", "failed", "failed", ""},
			{"risk reject", "server_to_server", "PAY_R1", "40402", "", "failed", "failed", ""},
			{"automatic", "server_to_server", "PAY_A1", "30000", "AUTOMATIC", "authorized", "authorized", "wait_notification"},
			{"3DS", "server_to_server", "PAY_3DS1", "40403", "MANUAL", "requires_buyer_action", "requires_buyer_action", "redirect"},
			{"hosted", "hosted", "PAY_H1", "40403", "", "requires_buyer_action", "requires_buyer_action", "redirect"},
			{"saved card", "saved_card", "PAY_S1", "30000", "", "", "", ""},
		} {
			t.Run(c.name, func(t *testing.T) {
				status, a := e.call("POST", "/v1/payments", intent(t, c.vector, c.id, c.value, c.mode))
				require.Equal(t, 200, status, a)
				if c.outcome != "" {
					require.Equal(t, c.outcome, a["outcome"], a)
					require.Equal(t, c.status, a["payment"].(map[string]any)["status"], a)
				}
				if c.next != "" {
					next := a["nextAction"].(map[string]any)
					require.Equal(t, c.next, next["kind"])
					if c.next == "redirect" {
						require.Contains(t, next["url"], "token="+c.id)
					}
				}
				e.notify()
				if c.mode == "AUTOMATIC" {
					require.Equal(t, "captured", e.payment(c.id)["status"])
				}
				if c.value == "40403" {
					e.antom.complete(c.id, true)
					e.notify()
					require.Contains(t, []string{"authorized", "captured"}, e.payment(c.id)["status"])
				}
			})
		}
		e.delivered()
	})
}

// TestExpiryAndCancel: a capture after the authorization expired is refused
// (409, nothing sent); a cancel before capture goes through.
func TestExpiryAndCancel(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{})
		for _, id := range []string{"PAY_E1", "PAY_C1"} {
			status, a := e.call("POST", "/v1/payments", intent(t, "server_to_server", id, "30000", "MANUAL"))
			require.Equal(t, 200, status, a)
		}
		e.notify()
		e.clock.Store(int64(8 * 24 * time.Hour))
		status, a := e.call("POST", "/v1/payments/PAY_E1/capture", nil)
		require.Equal(t, 409, status, a)
		require.Equal(t, "authorization_expired", a["error"].(map[string]any)["reason"])
		require.Zero(t, e.antom.calls["capture"])
		e.clock.Store(0)
		status, a = e.call("POST", "/v1/payments/PAY_C1/cancel", nil)
		require.Equal(t, 200, status, a)
		require.Equal(t, "cancelled", e.payment("PAY_C1")["status"])
		status, a = e.call("POST", "/v1/payments/PAY_C1/capture", nil)
		require.Equal(t, 409, status, a)
		e.delivered()
	})
}

// TestIdempotentPay: the same Idempotency-Key (or paymentRequestId) answers the
// stored result and sends nothing.
func TestIdempotentPay(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{})
		in := intent(t, "server_to_server", "PAY_I1", "30000", "MANUAL")
		_, first := e.call("POST", "/v1/payments", in, "Idempotency-Key", "idem-I1")
		for _, h := range [][]string{{"Idempotency-Key", "idem-I1"}, nil} {
			status, again := e.call("POST", "/v1/payments", in, h...)
			require.Equal(t, 200, status)
			require.Equal(t, first, again)
		}
		require.Equal(t, 1, e.antom.calls["pay"])
	})
}

// TestNotificationOrder: a notification before the pay response, and a capture
// notification before the payment's, converge on the same state.
func TestNotificationOrder(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{})
		e.antom.beforeResponse = func(id string) {
			e.antom.mu.Lock()
			q := e.antom.queue
			e.antom.queue = nil
			e.antom.mu.Unlock()
			for _, n := range q {
				code, _ := deliver(t, e.gwURL, n)
				require.Equal(t, 200, code)
			}
		}
		status, a := e.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_O1", "30000", "MANUAL"))
		require.Equal(t, 200, status, a)
		require.Equal(t, "authorized", a["payment"].(map[string]any)["status"])
		e.antom.beforeResponse = nil

		status, a = e.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_O2", "30000", "MANUAL"))
		require.Equal(t, 200, status, a)
		payNote := e.antom.take()
		status, a = e.call("POST", "/v1/payments/PAY_O2/capture", nil)
		require.Equal(t, 200, status, a)
		capNote := e.antom.take()
		for _, n := range append(capNote, payNote...) { // capture result first
			code, _ := deliver(t, e.gwURL, n)
			require.Equal(t, 200, code)
		}
		require.Equal(t, "captured", e.payment("PAY_O2")["status"])
		e.delivered()
	})
}

// TestBadSignature: a tampered notification is 401 with no ack and changes nothing.
func TestBadSignature(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{})
		_, _ = e.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_B1", "40403", "MANUAL"))
		e.antom.complete("PAY_B1", true)
		n := e.antom.take()[0]
		n.Body = n.Body[:len(n.Body)-1] + " }"
		code, body := deliver(t, e.gwURL, n)
		require.Equal(t, 401, code)
		require.NotContains(t, body, "resultStatus")
		require.Equal(t, "requires_buyer_action", e.payment("PAY_B1")["status"])
	})
}
