// Package forwarder delivers the outbox's events to the merchant's webhook: each
// POSTed with its stable event id and an HMAC signature (Sign, Verify), retried
// with exponential backoff and jitter until a 2xx, at least once, and
// dead-lettered (status failed, listed by GET /v1/events?status=failed) after a
// bounded number of attempts. Events are claimed with a lease in the store (FOR
// UPDATE SKIP LOCKED on PostgreSQL), so with several replicas one worker at a
// time holds each event.
package forwarder

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/paycore/paycore/gateway"
)

// Config configures a Forwarder.
type Config struct {
	// Store holds the outbox.
	Store gateway.Store
	// WebhookURL is the merchant's endpoint.
	WebhookURL string
	// Secret is the shared HMAC secret.
	Secret []byte
	// HTTPClient sends the events (a client with a 10 s timeout when nil).
	HTTPClient *http.Client
	// MaxAttempts dead-letters an event after this many failed attempts (8 when zero).
	MaxAttempts int
	// Backoff is the first retry's delay, doubled per attempt up to MaxBackoff (1 s and 5 min when zero).
	Backoff, MaxBackoff time.Duration
	// Lease is how long a claimed event stays with its worker (1 min when zero).
	// No webhook call outlives it: each call is bounded by CallTimeout, and a
	// call that could not end within the batch's lease is not started (the event
	// waits for the lease to end and is claimed again), so two workers never
	// send one event at the same time.
	Lease time.Duration
	// CallTimeout bounds one webhook call (10 s, at most half the lease, when zero).
	CallTimeout time.Duration
	// Poll is how often Run looks for due events (500 ms when zero).
	Poll time.Duration
	// Batch is how many events one claim takes (16 when zero).
	Batch int
}

// MinLease is the shortest lease a forwarder may be configured with.
const MinLease = time.Second

// Stats are the forwarder's counters since start.
type Stats struct {
	Delivered    int64 `json:"delivered"`
	Retried      int64 `json:"retried"`
	DeadLettered int64 `json:"deadLettered"`
}

// Forwarder delivers events. Run it in one goroutine per process; several
// processes may share a store.
type Forwarder struct {
	cfg                           Config
	delivered, retried, deadLeads atomic.Int64
}

// New returns a Forwarder with defaults filled in.
func New(cfg Config) *Forwarder {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 8
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 5 * time.Minute
	}
	if cfg.Lease <= 0 {
		cfg.Lease = time.Minute
	}
	if cfg.CallTimeout <= 0 || cfg.CallTimeout > cfg.Lease/2 {
		cfg.CallTimeout = min(10*time.Second, cfg.Lease/2)
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 500 * time.Millisecond
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 16
	}
	return &Forwarder{cfg: cfg}
}

// Stats returns the counters.
func (f *Forwarder) Stats() Stats {
	return Stats{Delivered: f.delivered.Load(), Retried: f.retried.Load(), DeadLettered: f.deadLeads.Load()}
}

// Run delivers due events until ctx ends.
func (f *Forwarder) Run(ctx context.Context) {
	t := time.NewTicker(f.cfg.Poll)
	defer t.Stop()
	for {
		for {
			n, err := f.Once(ctx)
			if err != nil || n < f.cfg.Batch {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Once claims one batch of due events and tries each once; it returns how many
// it claimed. An event whose call could not end before the batch's lease does
// is left to the next claim.
func (f *Forwarder) Once(ctx context.Context) (int, error) {
	claimed := time.Now()
	evs, err := f.cfg.Store.ClaimEvents(ctx, claimed, f.cfg.Lease, f.cfg.Batch)
	if err != nil {
		return 0, err
	}
	// Half a call's time is kept for recording the result before the lease ends.
	last := claimed.Add(f.cfg.Lease - f.cfg.CallTimeout - f.cfg.CallTimeout/2)
	for _, e := range evs {
		if time.Now().After(last) {
			break
		}
		f.deliver(ctx, e)
	}
	return len(evs), nil
}

func (f *Forwarder) deliver(ctx context.Context, e gateway.Event) {
	cctx, cancel := context.WithTimeout(ctx, f.cfg.CallTimeout)
	err := f.post(cctx, e)
	cancel()
	now := time.Now()
	if err == nil {
		if f.cfg.Store.Delivered(ctx, e.Seq, now) == nil {
			f.delivered.Add(1)
		}
		return
	}
	attempts := e.Attempts + 1
	dead := attempts >= f.cfg.MaxAttempts
	if f.cfg.Store.Retry(ctx, e.Seq, attempts, now.Add(f.backoff(attempts)), err.Error(), dead) != nil {
		return // the lease runs out and the event is tried again
	}
	if dead {
		f.deadLeads.Add(1)
	} else {
		f.retried.Add(1)
	}
}

// backoff is the delay after the n-th failed attempt: Backoff·2^(n-1) capped at
// MaxBackoff, plus up to a quarter of jitter.
func (f *Forwarder) backoff(n int) time.Duration {
	d := f.cfg.Backoff
	for i := 1; i < n && d < f.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, f.cfg.MaxBackoff)
	return d + rand.N(d/4+1)
}

func (f *Forwarder) post(ctx context.Context, e gateway.Event) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.cfg.WebhookURL, bytes.NewReader(e.Body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(EventIDHeader, e.ID)
	req.Header.Set(SignatureHeader, Sign(f.cfg.Secret, time.Now(), e.Body))
	res, err := f.cfg.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered HTTP %d", res.StatusCode)
	}
	return nil
}
