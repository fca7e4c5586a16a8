package gateway_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/gateway/storetest"
)

// TestTwoReplicas: two gateways on loopback share one PostgreSQL; every
// notification is delivered to both at once while the pay responses are still
// being applied, then resent to both again. Each payment ends in one state,
// identical on both replicas, each event is forwarded with one id, and every
// acknowledged notification's fact is in the committed state.
func TestTwoReplicas(t *testing.T) {
	url := storetest.PostgresURL(t)
	antom := newFakeAntom(t, core.Native{})
	hook := &webhook{t: t, got: map[string]int{}}
	a := newEnv(t, "postgres", envOptions{url: url, antom: antom, hook: hook})
	b := newEnv(t, "postgres", envOptions{url: url, antom: antom, hook: hook})
	replicas := []*env{a, b}

	var wg sync.WaitGroup
	var mu sync.Mutex
	var sent []notification
	// While racing, a capture notification that arrives before the pay answer
	// stored the paymentId is not acknowledged (503): Antom resends it.
	racing := true
	deliverBoth := func(ns []notification) {
		for _, n := range ns {
			for _, r := range replicas {
				mayWait := racing
				wg.Go(func() {
					code, body := deliver(t, r.gwURL, n)
					if code != 200 && !(mayWait && code == 503 && strings.Contains(body, "UNKNOWN_PAYMENT")) {
						t.Errorf("replica answered %d: %s", code, body)
					}
				})
			}
		}
	}
	// The notification races the pay response: it is sent to both replicas
	// while the answer is on its way to the replica that made the call.
	antom.beforeResponse = func(string) {
		antom.mu.Lock()
		q := antom.queue
		antom.queue = nil
		antom.mu.Unlock()
		mu.Lock()
		sent = append(sent, q...)
		mu.Unlock()
		deliverBoth(q)
	}
	const n = 12
	var pays sync.WaitGroup
	for i := range n {
		r := replicas[i%2]
		pays.Go(func() {
			mode := "MANUAL"
			if i%3 == 0 {
				mode = "AUTOMATIC"
			}
			status, ans := r.call("POST", "/v1/payments", intent(t, "server_to_server", fmt.Sprintf("PAY_RR_%d", i), "30000", mode))
			if status != 200 {
				t.Errorf("pay %d: %d %v", i, status, ans)
			}
		})
	}
	pays.Wait()
	wg.Wait()
	racing = false
	deliverBoth(sent) // Antom's resends, to both replicas at once
	wg.Wait()

	for i := range n {
		id := fmt.Sprintf("PAY_RR_%d", i)
		_, fromA := a.call("GET", "/v1/payments/"+id, nil)
		_, fromB := b.call("GET", "/v1/payments/"+id, nil)
		require.Equal(t, fromA, fromB, id)
		want := "authorized"
		if i%3 == 0 {
			want = "captured"
		}
		p := fromA["payment"].(map[string]any)
		require.Equal(t, want, p["status"], id)
		require.Empty(t, p["conflicts"], id)
	}
	got := a.delivered()
	for id, c := range got {
		require.GreaterOrEqual(t, c, 1, id)
	}
	require.Equal(t, n, len(antom.payments))
	for id, c := range antom.payCalls {
		require.Equal(t, 1, c, id)
	}
}
