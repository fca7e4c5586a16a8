package main

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/ncruces/go-sqlite3/driver"
	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway/storetest"
)

// TestProcKilled kills paycore-http with SIGKILL while notifications are being
// received, at varied points, restarts it on the same database and resends
// every notification (the unacknowledged ones, and the acknowledged ones as
// duplicates). Some rounds swallow the answers first, so that the process
// commits and answers but Antom never gets the ack before the process dies:
// the resend must then be a duplicate. In the end each payment has one final
// state, each notification is in the inbox once, each fact is one outbox event
// and every event reached the webhook with one body per id.
func TestProcKilled(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			var dbURL string
			var db *sql.DB
			var err error
			if kind == "sqlite" {
				dbURL = storetest.SQLiteURL(t)
				db, err = sql.Open("sqlite3", "file:"+strings.TrimPrefix(dbURL, "sqlite:")+"?_pragma=busy_timeout(10000)")
			} else {
				dbURL = storetest.PostgresURL(t)
				db, err = sql.Open("pgx", dbURL)
			}
			require.NoError(t, err)
			defer db.Close()
			testKilled(t, kind == "postgres", dbURL, db)
		})
	}
}

func testKilled(t *testing.T, pg bool, dbURL string, db *sql.DB) {
	sb := procSandbox(t)
	hook := newHookRecorder(t)
	nt := newNotifier(t, func(note) bool { return true }) // kept for the test to deliver
	args, vars := gatewayArgs(t, sb, hook.srv.URL, dbURL)
	args = append(args, "--webhook-lease", "1s")

	const payments = 10
	mode := func(i int) (string, string) {
		if i < 8 {
			return "AUTOMATIC", "captured"
		}
		return "MANUAL", "authorized"
	}
	p := startProc(t, args, vars)
	for i := range payments {
		m, _ := mode(i)
		status, a := p.call("POST", "/v1/payments", procIntent(t, fmt.Sprintf("PAY_K_%d", i), m, nt.url()))
		require.Equal(t, 200, status, a)
	}
	require.Eventually(t, func() bool { return len(nt.all()) == payments+8 }, 10*time.Second, 10*time.Millisecond,
		"a payment notification per payment and a capture one per automatic capture")
	notes := nt.all()
	p.kill()

	inInbox := func() map[int]bool {
		in := map[int]bool{}
		for i, n := range notes {
			if inboxCount(t, db, pg, n.body) > 0 {
				in[i] = true
			}
		}
		return in
	}
	acked := map[int]bool{}
	commitsWithoutAck, cut := 0, 0
	const rounds = 12
	for k := range rounds {
		before := inInbox()
		p := startProc(t, args, vars)
		rl := newRelay(t, strings.TrimPrefix(p.url, "http://"))
		var wg sync.WaitGroup
		got := make([]delivery, len(notes))
		for i, n := range notes {
			wg.Go(func() { got[i] = deliver("http://"+rl.addr(), n) })
		}
		finished := make(chan struct{})
		go func() { wg.Wait(); close(finished) }()
		// The kill point: after 0, 3, ... 15 answers went through. On even
		// rounds the answers are swallowed from then on and the process is
		// killed once one more was written (committed, never acknowledged).
		until := func(done func(held, passed int) bool) {
			deadline := time.After(10 * time.Second)
			for {
				if done(rl.counts()) {
					return
				}
				select {
				case <-finished:
					return
				case <-deadline:
					return
				case <-time.After(200 * time.Microsecond):
				}
			}
		}
		point := 3 * (k % 6)
		until(func(_, passed int) bool { return passed >= point })
		if k%2 == 0 {
			rl.setHold(true)
			until(func(held, _ int) bool { return held > 0 })
		}
		p.kill()
		rl.setCut(true)
		select {
		case <-finished:
		case <-time.After(20 * time.Second):
			t.Fatal("deliveries did not end after the kill")
		}
		after := inInbox()
		for i, d := range got {
			switch {
			case d.acked():
				acked[i] = true
				require.True(t, after[i], "round %d: an acknowledged notification is committed", k)
			case d.err != nil:
				cut++
				if after[i] && !before[i] {
					commitsWithoutAck++
				}
			default:
				t.Fatalf("round %d: a delivery answered %d %s", k, d.status, d.body)
			}
		}
	}
	require.Positive(t, commitsWithoutAck, "some notifications were committed and never acknowledged before the kill")

	// Events a killed process had claimed for the webhook stay with it until
	// their lease (--webhook-lease, 1 s here) ends; the last process sends them.
	var leased int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND lease_until > 0`).Scan(&leased))

	// The last start: Antom resends what it has no ack for, then everything
	// again; every one is acknowledged.
	p = startProc(t, args, vars)
	for i, n := range notes {
		if !acked[i] {
			d := deliver(p.url, n)
			require.True(t, d.acked(), "resend: %d %s %v", d.status, d.body, d.err)
		}
	}
	for _, n := range notes {
		d := deliver(p.url, n)
		require.True(t, d.acked(), "duplicate: %d %s %v", d.status, d.body, d.err)
	}
	for i := range payments {
		_, want := mode(i)
		status, a := p.call("GET", fmt.Sprintf("/v1/payments/PAY_K_%d", i), nil)
		require.Equal(t, 200, status, a)
		pay := a["payment"].(map[string]any)
		require.Equal(t, want, pay["status"], i)
		require.Empty(t, pay["conflicts"], i)
	}
	for _, n := range notes {
		require.Equal(t, 1, inboxCount(t, db, pg, n.body), "each notification in the inbox once")
	}
	evs := checkEvents(t, db, hook, payments)
	t.Logf("%d kills; %d notifications; %d deliveries cut by a kill, %d of them committed without an ack; %d events, %d left leased by a killed process",
		rounds, len(notes), cut, commitsWithoutAck, len(evs), leased)
}
