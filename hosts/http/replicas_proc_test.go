package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway/storetest"
)

// TestProcReplicas runs two paycore-http processes on one PostgreSQL. Each
// notification the sandbox sends goes to both replicas at once while the pay
// answers are still on their way; afterwards every notification is resent to
// both again. Each payment ends in one state, identical whichever replica
// answers; every outbox event reaches the webhook with one body per event id;
// every acknowledgement is for a notification the database holds.
func TestProcReplicas(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	sb := procSandbox(t)
	hook := newHookRecorder(t)

	var replicas [2]*proc
	var mu sync.Mutex
	var acks []note // deliveries a replica acknowledged
	var wrong []string
	record := func(n note, d delivery) bool {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case d.acked():
			acks = append(acks, n)
			return true
		case d.err != nil:
			wrong = append(wrong, d.err.Error())
		case d.status == 200 || strings.Contains(d.body, "resultStatus"):
			wrong = append(wrong, fmt.Sprintf("an answer that looks like an ack but is not Antom's: %d %s", d.status, d.body))
		case d.status != 503 || !strings.Contains(d.body, "UNKNOWN_PAYMENT"):
			// The only refusal expected: a capture notification that comes
			// before the pay answer stored the paymentId it names.
			wrong = append(wrong, fmt.Sprintf("%d %s", d.status, d.body))
		}
		return false
	}
	// toBoth delivers n to both replicas at once; Antom gets the ack when one
	// of them acknowledged.
	toBoth := func(n note) bool {
		var wg sync.WaitGroup
		var got [2]delivery
		for i, r := range replicas {
			wg.Go(func() { got[i] = deliver(r.url, n) })
		}
		wg.Wait()
		a, b := record(n, got[0]), record(n, got[1])
		return a || b
	}
	nt := newNotifier(t, toBoth)

	args, vars := gatewayArgs(t, sb, hook.srv.URL, dbURL)
	for i := range replicas {
		replicas[i] = spawnProc(t, args, vars) // both migrate at once
	}
	for _, r := range replicas {
		r.waitListening()
	}
	require.NotEqual(t, replicas[0].url, replicas[1].url)

	const n = 12
	intents := make([]map[string]any, n)
	for i := range n {
		mode := "MANUAL"
		if i%3 == 0 {
			mode = "AUTOMATIC"
		}
		intents[i] = procIntent(t, fmt.Sprintf("PAY_PR_%d", i), mode, nt.url())
	}
	var pays sync.WaitGroup
	for i := range n {
		pays.Go(func() {
			status, a, err := replicas[i%2].try("POST", "/v1/payments", intents[i])
			if err != nil || status != 200 {
				t.Errorf("pay %d: %d %v %v", i, status, a, err)
			}
		})
	}
	pays.Wait()

	want := func(i int) string {
		if i%3 == 0 {
			return "captured"
		}
		return "authorized"
	}
	// The sandbox's own resends settle what was refused while racing.
	require.Eventually(t, func() bool {
		for i := range n {
			_, a, err := replicas[(i+1)%2].try("GET", fmt.Sprintf("/v1/payments/PAY_PR_%d", i), nil)
			if err != nil {
				return false
			}
			if p, _ := a["payment"].(map[string]any); p == nil || p["status"] != want(i) {
				return false
			}
		}
		return true
	}, 20*time.Second, 20*time.Millisecond)
	// Antom resends every notification, to both replicas at once.
	notes := nt.all()
	require.GreaterOrEqual(t, len(notes), n+n/3, "a payment notification per payment, a capture one per automatic capture")
	var resends sync.WaitGroup
	for _, x := range notes {
		resends.Go(func() {
			if !toBoth(x) {
				t.Errorf("a resend of a stored notification is not acknowledged: %s", x.body)
			}
		})
	}
	resends.Wait()
	mu.Lock()
	require.Empty(t, wrong)
	mu.Unlock()

	for i := range n {
		id := fmt.Sprintf("PAY_PR_%d", i)
		codeA, fromA := replicas[0].call("GET", "/v1/payments/"+id, nil)
		codeB, fromB := replicas[1].call("GET", "/v1/payments/"+id, nil)
		require.Equal(t, 200, codeA)
		require.Equal(t, 200, codeB)
		require.Equal(t, fromA, fromB, id)
		p := fromA["payment"].(map[string]any)
		require.Equal(t, want(i), p["status"], id)
		require.Empty(t, p["conflicts"], id)
	}

	db, err := sql.Open("pgx", dbURL)
	require.NoError(t, err)
	defer db.Close()
	mu.Lock()
	for _, x := range acks {
		require.Equal(t, 1, inboxCount(t, db, true, x.body), "an acknowledged notification is in the inbox once")
	}
	mu.Unlock()
	evs := checkEvents(t, db, hook, n)
	t.Logf("%d notifications, %d acknowledged deliveries, %d events", len(notes), len(acks), len(evs))
}

// checkEvents waits (bounded) until every outbox event reached the webhook and
// checks each fact was forwarded with one event id and one body: per payment,
// one event per version and at most one per status it reached.
func checkEvents(t *testing.T, db *sql.DB, hook *hookRecorder, payments int) []outboxEvent {
	t.Helper()
	var evs []outboxEvent
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		evs = outbox(t, db)
		got := hook.events()
		missing := 0
		for _, e := range evs {
			if len(got[e.id]) == 0 {
				missing++
			}
		}
		if missing == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d outbox events never reached the webhook", missing, len(evs))
		}
	}
	got := hook.events()
	inOutbox := map[string]outboxEvent{}
	perPayment := map[string]map[string]int{}
	for _, e := range evs {
		inOutbox[e.id] = e
		if perPayment[e.payment] == nil {
			perPayment[e.payment] = map[string]int{}
		}
		perPayment[e.payment][e.typ]++
		var body struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal([]byte(e.body), &body))
		require.Equal(t, e.id, body.ID)
	}
	for id, bodies := range got {
		e, ok := inOutbox[id]
		require.True(t, ok, "the webhook got %s, which the outbox does not hold", id)
		for _, b := range bodies {
			require.JSONEq(t, e.body, b, "event %s delivered with another body", id)
		}
	}
	require.Len(t, perPayment, payments)
	for pay, types := range perPayment {
		for typ, c := range types {
			if typ != "payment.authorized" && typ != "payment.captured" {
				continue // intermediate states (pending) may be written by pay and notification alike
			}
			require.Equal(t, 1, c, "payment %s: %s forwarded as %d events", pay, typ, c)
		}
	}
	return evs
}
