package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway"
	"github.com/paycore/paycore/gateway/storetest"
)

func event(id, pay string, at time.Time) gateway.Event {
	return gateway.Event{ID: id, Type: "payment.authorized", PaymentRequestID: pay,
		Body: json.RawMessage(`{"id":"` + id + `"}`), CreatedAt: at}
}

func TestStoreContract(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, kind)
			now := time.UnixMilli(1_790_000_000_000)

			// payments: create, duplicate, idempotency key, optimistic update.
			p := gateway.Payment{ID: "PAY_1", IdempotencyKey: "idem-1", State: json.RawMessage(`{"v":1}`)}
			require.NoError(t, s.Create(ctx, p, []gateway.Event{event("PAY_1:1", "PAY_1", now)}))
			require.ErrorIs(t, s.Create(ctx, p, nil), gateway.ErrDuplicate)
			require.ErrorIs(t, s.Create(ctx, gateway.Payment{ID: "PAY_2", IdempotencyKey: "idem-1", State: json.RawMessage(`{}`)}, nil), gateway.ErrDuplicate)
			got, err := s.PaymentByIdempotencyKey(ctx, "idem-1")
			require.NoError(t, err)
			require.Equal(t, int64(1), got.Version)
			require.JSONEq(t, `{"v":1}`, string(got.State))
			require.Nil(t, got.Response)
			_, err = s.Payment(ctx, "nope")
			require.ErrorIs(t, err, gateway.ErrNotFound)

			got.State, got.Response = json.RawMessage(`{"v":2}`), json.RawMessage(`{"ok":true}`)
			got.Refs = []string{"ANTOM_PAYMENT_1", "CAP_1"}
			require.NoError(t, s.Update(ctx, got, 1, nil))
			byRef, err := s.PaymentByRef(ctx, "CAP_1")
			require.NoError(t, err)
			require.Equal(t, "PAY_1", byRef.ID)
			_, err = s.PaymentByRef(ctx, "CAP_2")
			require.ErrorIs(t, err, gateway.ErrNotFound)
			require.ErrorIs(t, s.Update(ctx, got, 1, []gateway.Event{event("lost", "PAY_1", now)}), gateway.ErrVersionConflict)
			got, err = s.Payment(ctx, "PAY_1")
			require.NoError(t, err)
			require.Equal(t, int64(2), got.Version)
			require.JSONEq(t, `{"ok":true}`, string(got.Response))

			// inbox: a conflict writes nothing (the dedupe key stays free), a
			// duplicate writes nothing.
			in := gateway.InboxEntry{DedupeKey: "PAYMENT_RESULT:PAY_1:S:SUCCESS", PaymentRequestID: "PAY_1", NotifyType: "PAYMENT_RESULT", Body: []byte(`{}`), ReceivedAt: now}
			upd := got
			upd.State = json.RawMessage(`{"v":3}`)
			require.ErrorIs(t, s.Receive(ctx, in, &upd, 1, []gateway.Event{event("PAY_1:3", "PAY_1", now)}), gateway.ErrVersionConflict)
			require.NoError(t, s.Receive(ctx, in, &upd, 2, []gateway.Event{event("PAY_1:3", "PAY_1", now)}))
			require.ErrorIs(t, s.Receive(ctx, in, &upd, 3, []gateway.Event{event("PAY_1:4", "PAY_1", now)}), gateway.ErrDuplicate)
			require.NoError(t, s.Receive(ctx, gateway.InboxEntry{DedupeKey: "other", PaymentRequestID: "X", NotifyType: "PAYMENT_RESULT", Body: []byte(`{}`), ReceivedAt: now}, nil, 0, nil))

			evs, err := s.Events(ctx, gateway.EventQuery{})
			require.NoError(t, err)
			require.Len(t, evs, 2)
			require.Equal(t, []string{"PAY_1:1", "PAY_1:3"}, []string{evs[0].ID, evs[1].ID})
			require.Less(t, evs[0].Seq, evs[1].Seq)
			after, err := s.Events(ctx, gateway.EventQuery{After: evs[0].Seq})
			require.NoError(t, err)
			require.Len(t, after, 1)

			// outbox: claim leases, retry, dead-letter, deliver.
			claimed, err := s.ClaimEvents(ctx, now, time.Minute, 10)
			require.NoError(t, err)
			require.Len(t, claimed, 2)
			again, err := s.ClaimEvents(ctx, now, time.Minute, 10)
			require.NoError(t, err)
			require.Empty(t, again, "leased events are not handed out twice")
			require.NoError(t, s.Delivered(ctx, claimed[0].Seq, now))
			require.NoError(t, s.Retry(ctx, claimed[1].Seq, 1, now.Add(time.Second), "503", false))
			due, err := s.ClaimEvents(ctx, now.Add(2*time.Second), time.Minute, 10)
			require.NoError(t, err)
			require.Len(t, due, 1)
			require.Equal(t, 1, due[0].Attempts)
			require.NoError(t, s.Retry(ctx, due[0].Seq, 2, now, "503", true))
			failed, err := s.Events(ctx, gateway.EventQuery{Status: gateway.EventFailed})
			require.NoError(t, err)
			require.Len(t, failed, 1)
			require.Equal(t, "503", failed[0].LastError)
			none, err := s.ClaimEvents(ctx, now.Add(time.Hour), time.Minute, 10)
			require.NoError(t, err)
			require.Empty(t, none)
		})
	}
}

// TestClaimDisjoint: workers claiming concurrently never hold the same event.
func TestClaimDisjoint(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, kind)
			now := time.UnixMilli(1_790_000_000_000)
			const n = 60
			for i := range n {
				id := fmt.Sprintf("PAY_%d", i)
				require.NoError(t, s.Create(ctx, gateway.Payment{ID: id, State: json.RawMessage(`{}`)}, []gateway.Event{event(id+":1", id, now)}))
			}
			var mu sync.Mutex
			seen := map[string]int{}
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for {
						evs, err := s.ClaimEvents(ctx, now, time.Minute, 5)
						if err != nil {
							t.Error(err)
							return
						}
						if len(evs) == 0 {
							return
						}
						mu.Lock()
						for _, e := range evs {
							seen[e.ID]++
						}
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			require.Len(t, seen, n)
			for id, c := range seen {
				require.Equal(t, 1, c, id)
			}
		})
	}
}

// TestConcurrentUpdates: racing writers of one payment each win exactly once per version.
func TestConcurrentUpdates(t *testing.T) {
	for _, kind := range storetest.Kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, kind)
			require.NoError(t, s.Create(ctx, gateway.Payment{ID: "P", State: json.RawMessage(`{"n":0}`)}, nil))
			var wg sync.WaitGroup
			for w := range 4 {
				wg.Go(func() {
					for i := 0; i < 10; {
						p, err := s.Payment(ctx, "P")
						if err != nil {
							t.Error(err)
							return
						}
						from := p.Version
						p.State = json.RawMessage(fmt.Sprintf(`{"n":%d}`, from))
						err = s.Update(ctx, p, from, []gateway.Event{event(fmt.Sprintf("P:%d", from+1), "P", time.Now())})
						if err == gateway.ErrVersionConflict {
							continue
						}
						if err != nil {
							t.Error(w, err)
							return
						}
						i++
					}
				})
			}
			wg.Wait()
			p, err := s.Payment(ctx, "P")
			require.NoError(t, err)
			require.Equal(t, int64(41), p.Version)
			evs, err := s.Events(ctx, gateway.EventQuery{})
			require.NoError(t, err)
			require.Len(t, evs, 40, "one event per won version")
		})
	}
}
