package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Store errors. Adapters return these (possibly wrapped) so callers can tell a
// lost race from a broken database.
var (
	// ErrNotFound: no payment with that id (or idempotency key).
	ErrNotFound = errors.New("not found")
	// ErrDuplicate: the payment id or idempotency key exists (Create), or the
	// notification's dedupe key is already in the inbox (Receive). Nothing was written.
	ErrDuplicate = errors.New("duplicate")
	// ErrVersionConflict: the payment's version changed since it was read.
	// Nothing was written; load, apply and write again.
	ErrVersionConflict = errors.New("version conflict")
)

// Payment is one stored payment: the state payment.apply returned and the version
// it was written with (1 on creation, +1 on every write).
type Payment struct {
	// ID is the paymentRequestId.
	ID string
	// IdempotencyKey is the merchant's Idempotency-Key header, empty when none.
	IdempotencyKey string
	// Refs are the payment's other ids a notification may name it by (Antom's
	// paymentId, capture and refund request ids); each write adds the new ones.
	Refs []string
	// State is payment.apply's state, as JSON.
	State json.RawMessage
	// Version is the optimistic-concurrency counter.
	Version int64
	// Response is the last answer the pay call gave the merchant (for an
	// idempotent replay), null until the pay call finished.
	Response json.RawMessage
}

// Event statuses in the outbox.
const (
	EventPending   = "pending"
	EventDelivered = "delivered"
	EventFailed    = "failed"
)

// Event is one outbox event for the merchant.
type Event struct {
	// Seq is the outbox's own order (the polling cursor).
	Seq int64
	// ID is the stable event id the merchant dedupes on.
	ID string
	// Type is the event type (payment.<status>).
	Type string
	// PaymentRequestID is the payment the event is about.
	PaymentRequestID string
	// Body is the exact JSON delivered to the webhook.
	Body json.RawMessage
	// Status is pending, delivered or failed (dead-lettered).
	Status string
	// Attempts counts delivery attempts.
	Attempts int
	// NextAttempt is when the forwarder may try again.
	NextAttempt time.Time
	// LastError is why the last attempt failed.
	LastError string
	// CreatedAt is when the event was written.
	CreatedAt time.Time
}

// InboxEntry is one verified notification.
type InboxEntry struct {
	// DedupeKey is notification.parse's dedupeKey (unique).
	DedupeKey string
	// PaymentRequestID is the payment the notification names.
	PaymentRequestID string
	// NotifyType is Antom's notifyType.
	NotifyType string
	// Body is the raw notification body as received.
	Body []byte
	// ReceivedAt is when it was received.
	ReceivedAt time.Time
}

// EventQuery selects outbox events for GET /v1/events.
type EventQuery struct {
	// After is the cursor: events with Seq greater than it.
	After int64
	// Status filters by status when not empty.
	Status string
	// Limit caps the answer (at most 500).
	Limit int
}

// Store is the gateway's durable state: payments, the inbox and the outbox. Each
// method is one transaction. Adapters: gateway/sqlite and gateway/postgres.
type Store interface {
	// Payment loads a payment by paymentRequestId.
	Payment(ctx context.Context, id string) (Payment, error)
	// PaymentByIdempotencyKey loads a payment by its Idempotency-Key.
	PaymentByIdempotencyKey(ctx context.Context, key string) (Payment, error)
	// PaymentByRef loads a payment by one of its Refs.
	PaymentByRef(ctx context.Context, ref string) (Payment, error)
	// Create writes a new payment (version 1) and its events.
	Create(ctx context.Context, p Payment, events []Event) error
	// Update writes p's state and response as version from+1 if the stored
	// version is still from, with its events, or returns ErrVersionConflict.
	Update(ctx context.Context, p Payment, from int64, events []Event) error
	// Receive records a verified notification: the inbox entry, the payment
	// update (nil when the payment is unknown or unchanged) and its events, all
	// or nothing. A dedupe key already in the inbox is ErrDuplicate.
	Receive(ctx context.Context, in InboxEntry, p *Payment, from int64, events []Event) error
	// ClaimEvents leases up to limit pending events that are due, so that
	// exactly one worker holds each until the lease ends.
	ClaimEvents(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Event, error)
	// Delivered marks an event delivered.
	Delivered(ctx context.Context, seq int64, now time.Time) error
	// Retry records a failed attempt: the next attempt time, or failed
	// (dead-lettered) when dead is true.
	Retry(ctx context.Context, seq int64, attempts int, next time.Time, lastErr string, dead bool) error
	// Events lists events for polling and for the dead-letter view.
	Events(ctx context.Context, q EventQuery) ([]Event, error)
	// Ping checks the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error
}
