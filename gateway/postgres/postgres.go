// Package postgres is the gateway's store for several replicas: PostgreSQL through
// github.com/jackc/pgx/v5 (database/sql driver "pgx"). The outbox is claimed with
// FOR UPDATE SKIP LOCKED, so each event is held by one worker at a time, and
// start-up migrations take an advisory lock so that replicas starting together
// migrate once.
//
// Pooled connections the server or the network dropped (a restart, a failover,
// a blip) are recovered without failing requests: an operation that fails on a
// broken connection before its commit runs again, and for a while after such a
// failure every pooled connection is pinged before reuse, so the dead ones are
// discarded instead of answering one request each with an error.
package postgres

import (
	"context"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/paycore/paycore/gateway/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// suspectWindow is how long after a broken connection every pooled connection
// is pinged before reuse. Outside it pgx pings those idle for over a second.
const suspectWindow = 10 * time.Second

// health remembers the last broken connection.
type health struct {
	suspectUntil atomic.Int64 // unix nanoseconds
}

// shouldPing: pgx's default (idle over a second), or any reuse shortly after a
// connection was found broken.
func (h *health) shouldPing(_ context.Context, p stdlib.ShouldPingParams) bool {
	return p.IdleDuration > time.Second || time.Now().UnixNano() < h.suspectUntil.Load()
}

// broken reports whether err means the connection broke, and if so starts the
// window of pings.
func (h *health) broken(err error) bool {
	if !Broken(err) {
		return false
	}
	h.suspectUntil.Store(time.Now().Add(suspectWindow).UnixNano())
	return true
}

// Broken reports whether err means the database connection broke or the server
// is shutting it down, as opposed to an error in the statement.
func Broken(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08: connection exception; 57P01-57P03: the server is shutting
		// down or restarting.
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	var ne net.Error
	return errors.Is(err, driver.ErrBadConn) || pgconn.SafeToRetry(err) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNREFUSED) ||
		(errors.As(err, &ne) && !ne.Timeout())
}

// Open connects to the PostgreSQL database at url (postgres://...) and applies
// the migrations.
func Open(ctx context.Context, url string) (*sqlstore.Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	h := &health{}
	db := stdlib.OpenDB(*cfg, stdlib.OptionShouldPing(h.shouldPing))
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	s, err := sqlstore.Open(ctx, db, sqlstore.Dialect{
		Name:          "postgres",
		Numbered:      true,
		SkipLocked:    " FOR UPDATE SKIP LOCKED",
		MigrationLock: "SELECT pg_advisory_xact_lock(7243410)",
		Broken:        h.broken,
	}, sub)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
