// Package sqlstore is the gateway.Store on database/sql, shared by the SQLite and
// PostgreSQL adapters: the queries are written once with ? placeholders, and a
// Dialect says what differs (placeholders, the row-locking clause, the migration
// lock).
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paycore/paycore/gateway"
)

// Dialect is what one database does differently.
type Dialect struct {
	// Name names the database in errors.
	Name string
	// Numbered turns ? placeholders into $1, $2, ... (PostgreSQL).
	Numbered bool
	// SkipLocked is appended to the claim query's inner SELECT
	// (" FOR UPDATE SKIP LOCKED" on PostgreSQL; SQLite has one writer at a time).
	SkipLocked string
	// MigrationLock is run first in the migration transaction, so that two
	// processes starting together do not both migrate (empty: none needed).
	MigrationLock string
	// Broken, when set, reports whether err means the database connection
	// broke (a pooled connection the server or the network dropped). An
	// operation that failed so before its commit is run again on another
	// connection, up to connAttempts times in all.
	Broken func(err error) bool
}

// connAttempts bounds the runs of one operation whose connection broke before
// it committed.
const connAttempts = 3

// commitError is a failed COMMIT: its outcome is unknown, so it is never run again.
type commitError struct {
	name string
	err  error
}

func (e *commitError) Error() string { return e.name + ": commit: " + e.err.Error() }
func (e *commitError) Unwrap() error { return e.err }

// retry runs fn again while it fails on a broken connection before any commit
// (a transaction rolled back by the broken connection, or a read), at most
// connAttempts times in all.
func (s *Store) retry(ctx context.Context, fn func() error) error {
	for i := 1; ; i++ {
		err := fn()
		var ce *commitError
		if err == nil || i == connAttempts || s.d.Broken == nil || ctx.Err() != nil || errors.As(err, &ce) || !s.d.Broken(err) {
			return err
		}
	}
}

// Store is a gateway.Store on a *sql.DB.
type Store struct {
	db *sql.DB
	d  Dialect
	q  map[string]string
}

// queries, written once; rebound per dialect.
var queries = map[string]string{
	"payment":     `SELECT id, idem_key, state, version, response FROM payments WHERE id = ?`,
	"paymentIdem": `SELECT id, idem_key, state, version, response FROM payments WHERE idem_key = ?`,
	"paymentRef":  `SELECT p.id, p.idem_key, p.state, p.version, p.response FROM payment_refs r JOIN payments p ON p.id = r.payment_request_id WHERE r.ref = ?`,
	"create": `INSERT INTO payments (id, idem_key, state, version, response, created_at, updated_at)
		VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING`,
	"update": `UPDATE payments SET state = ?, response = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
	"ref": `INSERT INTO payment_refs (ref, payment_request_id) VALUES (?, ?) ON CONFLICT (ref) DO NOTHING`,
	"inbox": `INSERT INTO inbox (dedupe_key, payment_request_id, notify_type, body, received_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
	"event": `INSERT INTO outbox (event_id, type, payment_request_id, body, status, attempts, next_attempt_at, lease_until, created_at)
		VALUES (?, ?, ?, ?, 'pending', 0, ?, 0, ?) ON CONFLICT (event_id) DO NOTHING`,
	"delivered": `UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, lease_until = 0, last_error = '' WHERE seq = ?`,
	"retry":     `UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, lease_until = 0 WHERE seq = ?`,
}

const eventCols = `seq, event_id, type, payment_request_id, body, status, attempts, next_attempt_at, last_error, created_at`

// Open wraps db, applies the migrations in migrations (files NNN_name.sql, in
// order, each once) and returns the store.
func Open(ctx context.Context, db *sql.DB, d Dialect, migrations fs.FS) (*Store, error) {
	s := &Store{db: db, d: d, q: make(map[string]string, len(queries))}
	for k, v := range queries {
		s.q[k] = s.rebind(v)
	}
	if err := s.migrate(ctx, migrations); err != nil {
		return nil, err
	}
	return s, nil
}

// rebind turns ? into $n for numbered dialects.
func (s *Store) rebind(q string) string {
	if !s.d.Numbered {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// migrate applies the migrations not yet recorded in schema_migrations. A
// migration file is statements separated by semicolons (none inside comments or
// strings).
func (s *Store) migrate(ctx context.Context, migrations fs.FS) error {
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if s.d.MigrationLock != "" {
			if _, err := tx.ExecContext(ctx, s.d.MigrationLock); err != nil {
				return fmt.Errorf("migration lock: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
			return fmt.Errorf("schema_migrations: %w", err)
		}
		for _, name := range names {
			v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
			if err != nil {
				return fmt.Errorf("migration %s: the name must start with its number", name)
			}
			var seen int
			if err := tx.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), v).Scan(&seen); err != nil {
				return err
			}
			if seen > 0 {
				continue
			}
			body, err := fs.ReadFile(migrations, name)
			if err != nil {
				return err
			}
			for _, stmt := range strings.Split(string(body), ";") {
				if strings.TrimSpace(stmt) == "" {
					continue
				}
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("migration %s: %w", name, err)
				}
			}
			if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO schema_migrations (version, name) VALUES (?, ?)`), v, name); err != nil {
				return err
			}
		}
		return nil
	})
}

// tx runs fn in one transaction, committing when it returns nil; run again
// when the connection broke before the commit.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.retry(ctx, func() error { return s.tx1(ctx, fn) })
}

func (s *Store) tx1(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", s.d.Name, err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return &commitError{name: s.d.Name, err: err}
	}
	return nil
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func nullJSON(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	return string(raw)
}

// queryPayment loads the payment query q finds by arg.
func (s *Store) queryPayment(ctx context.Context, q, arg string) (gateway.Payment, error) {
	var p gateway.Payment
	err := s.retry(ctx, func() error {
		var err error
		p, err = s.scanPayment(s.db.QueryRowContext(ctx, s.q[q], arg))
		return err
	})
	return p, err
}

func (s *Store) scanPayment(row *sql.Row) (gateway.Payment, error) {
	var p gateway.Payment
	var idem, resp sql.NullString
	var state string
	if err := row.Scan(&p.ID, &idem, &state, &p.Version, &resp); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return p, gateway.ErrNotFound
		}
		return p, fmt.Errorf("%s: %w", s.d.Name, err)
	}
	p.IdempotencyKey = idem.String
	p.State = json.RawMessage(state)
	if resp.Valid {
		p.Response = json.RawMessage(resp.String)
	}
	return p, nil
}

// Payment implements gateway.Store.
func (s *Store) Payment(ctx context.Context, id string) (gateway.Payment, error) {
	return s.queryPayment(ctx, "payment", id)
}

// PaymentByIdempotencyKey implements gateway.Store.
func (s *Store) PaymentByIdempotencyKey(ctx context.Context, key string) (gateway.Payment, error) {
	return s.queryPayment(ctx, "paymentIdem", key)
}

func (s *Store) insertEvents(ctx context.Context, tx *sql.Tx, events []gateway.Event) error {
	for _, e := range events {
		now := ms(e.CreatedAt)
		if _, err := tx.ExecContext(ctx, s.q["event"], e.ID, e.Type, e.PaymentRequestID, string(e.Body), now, now); err != nil {
			return fmt.Errorf("%s: outbox: %w", s.d.Name, err)
		}
	}
	return nil
}

// PaymentByRef implements gateway.Store.
func (s *Store) PaymentByRef(ctx context.Context, ref string) (gateway.Payment, error) {
	return s.queryPayment(ctx, "paymentRef", ref)
}

// refs records the payment's other ids.
func (s *Store) refs(ctx context.Context, tx *sql.Tx, p gateway.Payment) error {
	for _, ref := range p.Refs {
		if _, err := tx.ExecContext(ctx, s.q["ref"], ref, p.ID); err != nil {
			return fmt.Errorf("%s: payment refs: %w", s.d.Name, err)
		}
	}
	return nil
}

// Create implements gateway.Store.
func (s *Store) Create(ctx context.Context, p gateway.Payment, events []gateway.Event) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var idem any
		if p.IdempotencyKey != "" {
			idem = p.IdempotencyKey
		}
		now := ms(time.Now())
		res, err := tx.ExecContext(ctx, s.q["create"], p.ID, idem, string(p.State), nullJSON(p.Response), now, now)
		if err != nil {
			return fmt.Errorf("%s: create payment: %w", s.d.Name, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return gateway.ErrDuplicate
		}
		if err := s.refs(ctx, tx, p); err != nil {
			return err
		}
		return s.insertEvents(ctx, tx, events)
	})
}

func (s *Store) update(ctx context.Context, tx *sql.Tx, p gateway.Payment, from int64) error {
	res, err := tx.ExecContext(ctx, s.q["update"], string(p.State), nullJSON(p.Response), ms(time.Now()), p.ID, from)
	if err != nil {
		return fmt.Errorf("%s: update payment: %w", s.d.Name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: update payment: %w", s.d.Name, err)
	}
	if n == 0 {
		return gateway.ErrVersionConflict
	}
	return s.refs(ctx, tx, p)
}

// Update implements gateway.Store.
func (s *Store) Update(ctx context.Context, p gateway.Payment, from int64, events []gateway.Event) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.update(ctx, tx, p, from); err != nil {
			return err
		}
		return s.insertEvents(ctx, tx, events)
	})
}

// Receive implements gateway.Store.
func (s *Store) Receive(ctx context.Context, in gateway.InboxEntry, p *gateway.Payment, from int64, events []gateway.Event) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q["inbox"], in.DedupeKey, in.PaymentRequestID, in.NotifyType, string(in.Body), ms(in.ReceivedAt))
		if err != nil {
			return fmt.Errorf("%s: inbox: %w", s.d.Name, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("%s: inbox: %w", s.d.Name, err)
		}
		if n == 0 {
			return gateway.ErrDuplicate
		}
		if p != nil {
			if err := s.update(ctx, tx, *p, from); err != nil {
				return err
			}
		}
		return s.insertEvents(ctx, tx, events)
	})
}

func (s *Store) scanEvents(rows *sql.Rows) ([]gateway.Event, error) {
	defer rows.Close()
	var out []gateway.Event
	for rows.Next() {
		var e gateway.Event
		var body string
		var next, created int64
		var lastErr sql.NullString
		if err := rows.Scan(&e.Seq, &e.ID, &e.Type, &e.PaymentRequestID, &body, &e.Status, &e.Attempts, &next, &lastErr, &created); err != nil {
			return nil, fmt.Errorf("%s: %w", s.d.Name, err)
		}
		e.Body = json.RawMessage(body)
		e.NextAttempt = time.UnixMilli(next)
		e.CreatedAt = time.UnixMilli(created)
		e.LastError = lastErr.String
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", s.d.Name, err)
	}
	return out, nil
}

// ClaimEvents implements gateway.Store: one UPDATE ... RETURNING whose inner
// SELECT skips rows another worker has locked (PostgreSQL) and rows still leased.
func (s *Store) ClaimEvents(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]gateway.Event, error) {
	q := s.rebind(`UPDATE outbox SET lease_until = ? WHERE seq IN (
		SELECT seq FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ?
		ORDER BY seq LIMIT ?` + s.d.SkipLocked + `) RETURNING ` + eventCols)
	var out []gateway.Event
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, ms(now.Add(lease)), ms(now), ms(now), limit)
		if err != nil {
			return fmt.Errorf("%s: claim: %w", s.d.Name, err)
		}
		out, err = s.scanEvents(rows)
		return err
	})
	slices.SortFunc(out, func(a, b gateway.Event) int { return int(a.Seq - b.Seq) })
	return out, err
}

// Delivered implements gateway.Store. Run again on a broken connection, it may
// at worst count one attempt twice; not run, the event would be sent again.
func (s *Store) Delivered(ctx context.Context, seq int64, now time.Time) error {
	err := s.retry(ctx, func() error {
		_, err := s.db.ExecContext(ctx, s.q["delivered"], ms(now), seq)
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", s.d.Name, err)
	}
	return nil
}

// Retry implements gateway.Store. The update sets values, so running it again
// on a broken connection is harmless.
func (s *Store) Retry(ctx context.Context, seq int64, attempts int, next time.Time, lastErr string, dead bool) error {
	status := gateway.EventPending
	if dead {
		status = gateway.EventFailed
	}
	err := s.retry(ctx, func() error {
		_, err := s.db.ExecContext(ctx, s.q["retry"], status, attempts, ms(next), lastErr, seq)
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", s.d.Name, err)
	}
	return nil
}

// Events implements gateway.Store.
func (s *Store) Events(ctx context.Context, q gateway.EventQuery) ([]gateway.Event, error) {
	limit := q.Limit
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	query := `SELECT ` + eventCols + ` FROM outbox WHERE seq > ?`
	args := []any{q.After}
	if q.Status != "" {
		query += ` AND status = ?`
		args = append(args, q.Status)
	}
	query += ` ORDER BY seq LIMIT ?`
	args = append(args, limit)
	var out []gateway.Event
	err := s.retry(ctx, func() error {
		rows, err := s.db.QueryContext(ctx, s.rebind(query), args...)
		if err != nil {
			return fmt.Errorf("%s: %w", s.d.Name, err)
		}
		out, err = s.scanEvents(rows)
		return err
	})
	return out, err
}

// Ping implements gateway.Store.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Close implements gateway.Store.
func (s *Store) Close() error { return s.db.Close() }
