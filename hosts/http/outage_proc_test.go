package main

import (
	"database/sql"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway/storetest"
)

// TestProcDatabaseOutage puts a TCP relay between paycore-http and PostgreSQL and
// cuts it: the receiver answers 503 without the ack and the payments API fails
// cleanly (no 200, nothing sent to Antom). Restored, the very first requests
// succeed (no stale pooled connection answers 503) and Antom's resends are each
// processed once.
func TestProcDatabaseOutage(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	rl := newRelay(t, u.Host)
	viaRelay := *u
	viaRelay.Host = rl.addr()

	sb := procSandbox(t)
	hook := newHookRecorder(t)
	// The notifications are kept for the test to deliver (it plays Antom's
	// resends); the sandbox is told they arrived.
	nt := newNotifier(t, func(note) bool { return true })
	args, vars := gatewayArgs(t, sb, hook.srv.URL, viaRelay.String())
	p := startProc(t, args, vars)

	for _, c := range []struct{ id, mode string }{{"PAY_DB_M", "MANUAL"}, {"PAY_DB_A", "AUTOMATIC"}} {
		status, a := p.call("POST", "/v1/payments", procIntent(t, c.id, c.mode, nt.url()))
		require.Equal(t, 200, status, a)
	}
	require.Eventually(t, func() bool { return len(nt.all()) == 3 }, 10*time.Second, 10*time.Millisecond,
		"two payment notifications and a capture one")
	notes := nt.all()

	// Several pooled connections, all just used.
	burst := func(want int) {
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				res, err := procClient.Get(p.url + "/v1/payments/PAY_DB_M")
				if err != nil {
					t.Error(err)
					return
				}
				res.Body.Close()
				if res.StatusCode != want {
					t.Errorf("GET answered %d, want %d", res.StatusCode, want)
				}
			})
		}
		wg.Wait()
	}
	burst(200)

	rl.setCut(true)
	d := deliver(p.url, notes[0])
	require.NoError(t, d.err)
	require.Equal(t, 503, d.status, d.body)
	require.NotContains(t, d.body, "resultStatus", "no ack while the database is down")
	status, a := p.call("POST", "/v1/payments", procIntent(t, "PAY_DB_DOWN", "MANUAL", nt.url()))
	require.Equal(t, 503, status, a)
	require.Equal(t, "UNAVAILABLE", a["error"].(map[string]any)["code"], a)
	status, a = p.call("GET", "/v1/payments/PAY_DB_M", nil)
	require.Equal(t, 503, status, a)
	res, err := procClient.Get(p.url + "/v1/events?after=0")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, 503, res.StatusCode)

	rl.setCut(false)
	// The first requests after the database is back succeed: Antom's resends
	// first, then a burst of reads.
	for _, n := range notes {
		d := deliver(p.url, n)
		require.True(t, d.acked(), "resend after recovery: %d %s %v", d.status, d.body, d.err)
	}
	burst(200)
	for _, n := range notes { // duplicates
		d := deliver(p.url, n)
		require.True(t, d.acked(), "duplicate: %d %s %v", d.status, d.body, d.err)
	}
	// A blip with no request during it: every pooled connection is broken
	// and none was used since, so none is known broken.
	burst(200)
	rl.setCut(true)
	rl.setCut(false)
	burst(200)

	_, a = p.call("GET", "/v1/payments/PAY_DB_DOWN", nil)
	require.Equal(t, "NOT_FOUND", a["error"].(map[string]any)["code"], "the refused pay left nothing behind: %v", a)
	status, a = p.call("POST", "/v1/payments", procIntent(t, "PAY_DB_DOWN", "MANUAL", ""))
	require.Equal(t, 200, status, a)

	for id, want := range map[string]string{"PAY_DB_M": "authorized", "PAY_DB_A": "captured", "PAY_DB_DOWN": "authorized"} {
		status, a := p.call("GET", "/v1/payments/"+id, nil)
		require.Equal(t, 200, status, a)
		require.Equal(t, want, a["payment"].(map[string]any)["status"], id)
	}
	db, err := sql.Open("pgx", dbURL)
	require.NoError(t, err)
	defer db.Close()
	for _, n := range notes {
		require.Equal(t, 1, inboxCount(t, db, true, n.body))
	}
	checkEvents(t, db, hook, 3)
	require.False(t, strings.Contains(p.logs.String(), "MIIE"), "no key in the log")
}
