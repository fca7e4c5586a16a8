package gateway_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPayRetriesSameID: a dropped answer and a 5xx are retried with the same
// paymentRequestId; when every attempt fails the gateway inquires. Antom sees
// exactly one payment either way.
func TestPayRetriesSameID(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{antomTimeout: 300 * time.Millisecond})
		e.antom.slowDelay = time.Second

		e.antom.fault("pay", "drop", "5xx")
		status, a := e.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_F1", "30000", "MANUAL"))
		require.Equal(t, 200, status, a)
		require.Equal(t, "authorized", a["outcome"])
		require.Equal(t, 3, e.antom.payCalls["PAY_F1"])

		e.antom.fault("pay", "slow", "5xx", "drop")
		status, a = e.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_F2", "30000", "MANUAL"))
		require.Equal(t, 200, status, a)
		require.Equal(t, 3, e.antom.payCalls["PAY_F2"])
		require.Equal(t, 1, e.antom.calls["inquiryPayment"], "no answer to pay: inquire, never a new id")
		require.Equal(t, "authorized", a["payment"].(map[string]any)["status"], a)

		e.antom.fault("pay", "drop", "drop", "drop")
		e.antom.fault("inquiryPayment", "5xx", "5xx", "5xx")
		status, a = e.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_F3", "30000", "MANUAL"))
		require.Equal(t, 200, status, a)
		require.NotEqual(t, "authorized", a["payment"].(map[string]any)["status"], "nothing known yet")
		e.notify() // Antom's notifications settle it
		require.Equal(t, "authorized", e.payment("PAY_F3")["status"])
		require.Len(t, e.antom.payments, 3, "one payment per paymentRequestId at Antom")
		e.delivered()
	})
}

// TestReceiverFaults: with the database down the receiver answers 503 and no
// ack, and Antom's resend is processed once; a crash between commit and ack
// makes the resend a duplicate with one event.
func TestReceiverFaults(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{})
		for _, id := range []string{"PAY_DB1", "PAY_DB2"} {
			_, _ = e.call("POST", "/v1/payments", intent(t, "server_to_server", id, "40403", "MANUAL"))
			e.antom.complete(id, true)
		}
		notes := e.antom.take()
		require.Len(t, notes, 2)
		eventsBefore := len(e.delivered())

		e.store.down.Store(true)
		code, body := deliver(t, e.gwURL, notes[0])
		require.Equal(t, 503, code)
		require.NotContains(t, body, "resultStatus")
		e.store.down.Store(false)
		for range 2 {
			code, _ = deliver(t, e.gwURL, notes[0])
			require.Equal(t, 200, code)
		}

		e.store.afterCommit.Store(true)
		code, _ = deliver(t, e.gwURL, notes[1])
		require.Equal(t, 503, code)
		e.store.afterCommit.Store(false)
		code, _ = deliver(t, e.gwURL, notes[1])
		require.Equal(t, 200, code)

		require.Equal(t, "authorized", e.payment("PAY_DB1")["status"])
		require.Equal(t, "authorized", e.payment("PAY_DB2")["status"])
		got := e.delivered()
		require.Len(t, got, eventsBefore+2, "one event per payment's notification")
		for id, n := range got {
			require.Equal(t, 1, n, id)
		}
	})
}

// TestWebhookDown: events wait while the webhook is down and are all delivered
// later; with a bound of two attempts they are dead-lettered and listed.
func TestWebhookDown(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{})
		e.hook.down.Store(true)
		_, _ = e.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_W1", "30000", "MANUAL"))
		e.notify()
		require.Eventually(t, func() bool { return e.fwd.Stats().Retried >= 3 }, 10*time.Second, 10*time.Millisecond)
		require.Empty(t, e.hook.ids())
		e.hook.down.Store(false)
		got := e.delivered()
		require.NotEmpty(t, got)

		// The webhook has them all; the forwarder marks each delivered just
		// after its answer.
		var evs []any
		var last map[string]any
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			status, page := e.call("GET", "/v1/events?after=0", nil)
			require.Equal(t, 200, status)
			evs = page["events"].([]any)
			last = evs[len(evs)-1].(map[string]any)
			if last["status"] == "delivered" || time.Now().After(deadline) {
				break
			}
		}
		require.Equal(t, "delivered", last["status"])
		require.Len(t, evs, len(got))
		status, page := e.call("GET", "/v1/events?after="+strconv.Itoa(int(last["cursor"].(float64))), nil)
		require.Equal(t, 200, status)
		require.Empty(t, page["events"])

		d := newEnv(t, kind, envOptions{maxAttempts: 2})
		d.hook.down.Store(true)
		_, _ = d.call("POST", "/v1/payments", intent(t, "server_to_server", "PAY_W2", "40401", ""))
		require.Eventually(t, func() bool {
			_, page := d.call("GET", "/v1/events?status=failed", nil)
			return len(page["events"].([]any)) >= 1
		}, 10*time.Second, 20*time.Millisecond)
		_, m := d.call("GET", "/v1/metrics", nil)
		require.GreaterOrEqual(t, m["deadLettered"], float64(1))
	})
}
