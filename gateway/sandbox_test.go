package gateway_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/hosts/sandbox"
)

// sbIntent is a pay intent for the sandbox: its notifications come to this
// gateway's receiver.
func (e *env) sbIntent(vector, id, value, captureMode string, edit func(map[string]any)) map[string]any {
	in := intent(e.t, vector, id, value, captureMode)
	in["notifyUrl"] = e.gwURL + "/v1/notifications/antom"
	if edit != nil {
		edit(in)
	}
	return in
}

func withCard(number string) func(map[string]any) {
	return func(in map[string]any) { in["card"].(map[string]any)["number"] = number }
}

// settle waits (bounded) until the payment reaches status: the sandbox's
// notifications arrive on their own.
func (e *env) settle(id, status string) map[string]any {
	e.t.Helper()
	var p map[string]any
	require.Eventually(e.t, func() bool {
		p = e.payment(id)
		return p["status"] == status
	}, 10*time.Second, 20*time.Millisecond, "payment %s never reached %s: %v", id, status, &p)
	return p
}

// buyer is a scripted buyer's browser: it follows no redirect off the sandbox.
var buyer = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func submit(t testing.TB, pageURL string, form url.Values) {
	res, err := buyer.Get(pageURL)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 200, res.StatusCode)
	res, err = buyer.PostForm(pageURL, form)
	require.NoError(t, err)
	res.Body.Close()
	require.Less(t, res.StatusCode, 400, "the page refused the buyer's form")
}

// TestSandboxFlows runs every mode through the real sandbox in-process:
// gateway → sandbox → notification → receiver → store → forwarder → webhook.
func TestSandboxFlows(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, envOptions{sandbox: true})

		// Server-to-server, manual capture, then capture, refund and the guards.
		status, a := e.call("POST", "/v1/payments", e.sbIntent("server_to_server", "PAY_SB_M", "30000", "MANUAL", nil))
		require.Equal(t, 200, status, a)
		require.Equal(t, "authorized", a["outcome"], a)
		require.Equal(t, "capture", a["nextAction"].(map[string]any)["kind"])
		token := a["antomResponse"].(map[string]any)["paymentResultInfo"].(map[string]any)["cardToken"].(string)
		require.NotEmpty(t, token)
		status, a = e.call("POST", "/v1/payments/PAY_SB_M/capture", nil)
		require.Equal(t, 200, status, a)
		e.settle("PAY_SB_M", "captured")
		status, a = e.call("POST", "/v1/payments/PAY_SB_M/refunds", map[string]any{"amount": map[string]any{"currency": "EUR", "value": "10000"}})
		require.Equal(t, 200, status, a)
		status, a = e.call("POST", "/v1/payments/PAY_SB_M/refunds", map[string]any{"amount": map[string]any{"currency": "EUR", "value": "25000"}})
		require.Equal(t, 409, status, a)
		status, _ = e.call("POST", "/v1/payments/PAY_SB_M/cancel", nil)
		require.Equal(t, 409, status)

		// Saved card: the token the first payment issued.
		status, a = e.call("POST", "/v1/payments", e.sbIntent("saved_card", "PAY_SB_SAVED", "", "MANUAL", func(in map[string]any) { in["cardToken"] = token }))
		require.Equal(t, 200, status, a)
		require.Equal(t, "authorized", a["outcome"], a)

		// Decline, risk reject, automatic capture.
		status, a = e.call("POST", "/v1/payments", e.sbIntent("server_to_server", "PAY_SB_D", "30000", "", withCard("4054692760174822")))
		require.Equal(t, 200, status, a)
		require.Equal(t, "failed", a["outcome"], a)
		status, a = e.call("POST", "/v1/payments", e.sbIntent("server_to_server", "PAY_SB_R", "11", "", nil))
		require.Equal(t, 200, status, a)
		require.Equal(t, "failed", a["outcome"], a)
		status, a = e.call("POST", "/v1/payments", e.sbIntent("server_to_server", "PAY_SB_A", "30000", "AUTOMATIC", nil))
		require.Equal(t, 200, status, a)
		e.settle("PAY_SB_A", "captured")

		// 3D Secure: the buyer approves the challenge.
		status, a = e.call("POST", "/v1/payments", e.sbIntent("server_to_server", "PAY_SB_3DS", "30000", "MANUAL", func(in map[string]any) { in["threeDS"] = true }))
		require.Equal(t, 200, status, a)
		require.Equal(t, "requires_buyer_action", a["outcome"], a)
		next := a["nextAction"].(map[string]any)
		require.Equal(t, "redirect", next["kind"])
		submit(t, next["url"].(string), url.Values{"action": {"approve"}})
		e.settle("PAY_SB_3DS", "authorized")

		// Hosted page: the buyer types the card on the sandbox's page.
		status, a = e.call("POST", "/v1/payments", e.sbIntent("hosted", "PAY_SB_H", "30000", "", nil))
		require.Equal(t, 200, status, a)
		next = a["nextAction"].(map[string]any)
		require.Equal(t, "redirect", next["kind"], a)
		submit(t, next["url"].(string), url.Values{"cardNumber": {"4054 6957 2310 0768"}, "expiry": {"12/29"}, "cvv": {"123"}, "holder": {"Mika Berg"}})
		e.settle("PAY_SB_H", "captured")

		// Cancel before capture; capture after the authorization expired.
		for _, id := range []string{"PAY_SB_C", "PAY_SB_E"} {
			status, a = e.call("POST", "/v1/payments", e.sbIntent("server_to_server", id, "30000", "MANUAL", nil))
			require.Equal(t, 200, status, a)
		}
		status, a = e.call("POST", "/v1/payments/PAY_SB_C/cancel", nil)
		require.Equal(t, 200, status, a)
		e.settle("PAY_SB_C", "cancelled")
		e.clock.Store(int64(8 * 24 * time.Hour))
		status, a = e.call("POST", "/v1/payments/PAY_SB_E/capture", nil)
		require.Equal(t, 409, status, a)
		require.Equal(t, "authorization_expired", a["error"].(map[string]any)["reason"])
		e.clock.Store(0)

		got := e.delivered()
		for id, n := range got {
			require.Equal(t, 1, n, id)
		}
		for _, id := range []string{"PAY_SB_M", "PAY_SB_A", "PAY_SB_3DS", "PAY_SB_H"} {
			require.Empty(t, e.payment(id)["conflicts"], id)
		}
	})
}

// TestSandboxFaults: the sandbox drops, fails (5xx) and delays pay answers and
// sends notifications twice, in reverse order and before the answer; each
// payment ends in one state with no conflict, and each event once.
func TestSandboxFaults(t *testing.T) {
	eachStore(t, func(t *testing.T, kind string) {
		faults := []sandbox.Fault{
			{API: "pay", RequestID: "PAY_FX_DROP", Times: 1, Drop: true},
			{API: "pay", RequestID: "PAY_FX_5XX", Times: 2, Status: 503},
			{API: "pay", RequestID: "PAY_FX_LATE", Times: 1, Delay: time.Second},
			{API: "pay", RequestID: "PAY_FX_ALL", Times: 3, Drop: true},
			{API: "pay", RequestID: "PAY_FX_TWICE", Notify: sandbox.NotifyTwice},
			{API: "pay", RequestID: "PAY_FX_REV", Notify: sandbox.NotifyReverse},
			{API: "pay", RequestID: "PAY_FX_EARLY", Notify: sandbox.NotifyEarly},
		}
		e := newEnv(t, kind, envOptions{sandbox: true, faults: faults, antomTimeout: 400 * time.Millisecond})
		paymentIDs := map[string]string{}
		for _, c := range []struct{ id, mode, want string }{
			{"PAY_FX_DROP", "MANUAL", "authorized"},
			{"PAY_FX_5XX", "MANUAL", "authorized"},
			{"PAY_FX_LATE", "MANUAL", "authorized"},
			{"PAY_FX_ALL", "MANUAL", "authorized"},
			{"PAY_FX_TWICE", "MANUAL", "authorized"},
			{"PAY_FX_REV", "AUTOMATIC", "captured"},
			{"PAY_FX_EARLY", "AUTOMATIC", "captured"},
		} {
			status, a := e.call("POST", "/v1/payments", e.sbIntent("server_to_server", c.id, "30000", c.mode, nil))
			require.Equal(t, 200, status, a)
			p := e.settle(c.id, c.want)
			require.Empty(t, p["conflicts"], c.id)
			paymentIDs[c.id] = p["paymentId"].(string)
			// Antom's view agrees: one payment for the id (the inquiry finds it).
			status, a = e.call("GET", "/v1/payments/"+c.id+"?refresh=true", nil)
			require.Equal(t, 200, status, a)
			require.Equal(t, paymentIDs[c.id], a["payment"].(map[string]any)["paymentId"])
		}
		got := e.delivered()
		for id, n := range got {
			require.Equal(t, 1, n, id)
		}
		raw, _ := json.Marshal(got)
		require.True(t, strings.Contains(string(raw), "PAY_FX_EARLY:"))
	})
}
