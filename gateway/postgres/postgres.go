// Package postgres is the gateway's store for several replicas: PostgreSQL through
// github.com/jackc/pgx/v5 (database/sql driver "pgx"). The outbox is claimed with
// FOR UPDATE SKIP LOCKED, so each event is held by one worker at a time, and
// start-up migrations take an advisory lock so that replicas starting together
// migrate once.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	// The database/sql driver "pgx".
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/paycore/paycore/gateway/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the PostgreSQL database at url (postgres://...) and applies
// the migrations.
func Open(ctx context.Context, url string) (*sqlstore.Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
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
	}, sub)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
