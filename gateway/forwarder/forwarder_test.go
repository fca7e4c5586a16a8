package forwarder_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway"
	"github.com/paycore/paycore/gateway/forwarder"
)

// leaseStore is an outbox of fixed events: it records what the forwarder
// reports for each (the methods the forwarder does not use are left nil).
type leaseStore struct {
	gateway.Store
	mu        sync.Mutex
	events    []gateway.Event
	delivered []int64
	retried   []int64
}

func (s *leaseStore) ClaimEvents(context.Context, time.Time, time.Duration, int) ([]gateway.Event, error) {
	return s.events, nil
}

func (s *leaseStore) Delivered(_ context.Context, seq int64, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delivered = append(s.delivered, seq)
	return nil
}

func (s *leaseStore) Retry(_ context.Context, seq int64, _ int, _ time.Time, _ string, _ bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.retried = append(s.retried, seq)
	return nil
}

// TestNoCallOutlivesItsLease: a webhook that never answers has its call cut by
// the call timeout, and the events behind it in the batch are not started once
// their call could outlive the batch's lease (another worker claims them after
// it), so no event is ever sent by two workers at once.
func TestNoCallOutlivesItsLease(t *testing.T) {
	var mu sync.Mutex
	var got []string
	cut := make(chan struct{}, 3)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get(forwarder.EventIDHeader))
		mu.Unlock()
		_, _ = io.ReadAll(r.Body) // a server notices a closed connection once the body is read
		<-r.Context().Done()      // hangs until the forwarder gives up
		cut <- struct{}{}
	}))
	defer hook.Close()

	store := &leaseStore{events: []gateway.Event{
		{Seq: 1, ID: "P:1", Body: []byte(`{}`)}, {Seq: 2, ID: "P:2", Body: []byte(`{}`)}, {Seq: 3, ID: "P:3", Body: []byte(`{}`)},
	}}
	f := forwarder.New(forwarder.Config{Store: store, WebhookURL: hook.URL, Secret: []byte("s"), Lease: forwarder.MinLease})
	n, err := f.Once(context.Background())
	require.NoError(t, err)
	require.Equal(t, 3, n, "the whole batch was claimed")
	<-cut

	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, []string{"P:1"}, got, "only the first call fits in the lease")
	require.Equal(t, []int64{1}, store.retried, "the cut call is a failed attempt")
	require.Empty(t, store.delivered)
	require.Equal(t, int64(1), f.Stats().Retried)
}
