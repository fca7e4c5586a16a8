-- payments: payment.apply's state and its optimistic-concurrency version.
CREATE TABLE payments (
	id         TEXT PRIMARY KEY,
	idem_key   TEXT UNIQUE,
	state      TEXT NOT NULL,
	version    INTEGER NOT NULL,
	response   TEXT,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
-- payment_refs: the other ids a notification may name a payment by (Antom's
-- paymentId, captureRequestId, refundRequestId).
CREATE TABLE payment_refs (
	ref                TEXT PRIMARY KEY,
	payment_request_id TEXT NOT NULL
);
-- inbox: verified notifications, one row per dedupe key.
CREATE TABLE inbox (
	dedupe_key         TEXT PRIMARY KEY,
	payment_request_id TEXT NOT NULL,
	notify_type        TEXT NOT NULL,
	body               TEXT NOT NULL,
	received_at        INTEGER NOT NULL
);
-- outbox: events for the merchant, seq is the polling cursor.
CREATE TABLE outbox (
	seq                INTEGER PRIMARY KEY AUTOINCREMENT,
	event_id           TEXT NOT NULL UNIQUE,
	type               TEXT NOT NULL,
	payment_request_id TEXT NOT NULL,
	body               TEXT NOT NULL,
	status             TEXT NOT NULL,
	attempts           INTEGER NOT NULL,
	next_attempt_at    INTEGER NOT NULL,
	lease_until        INTEGER NOT NULL,
	last_error         TEXT,
	created_at         INTEGER NOT NULL,
	delivered_at       INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
