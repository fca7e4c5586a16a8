// Package sqlite is the gateway's embedded store: one SQLite file, opened with the
// pure-Go driver github.com/ncruces/go-sqlite3 (no cgo), in WAL mode with immediate
// transactions so that a read-then-write never fails with SQLITE_BUSY.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"

	// The database/sql driver "sqlite3".
	_ "github.com/ncruces/go-sqlite3/driver"

	"github.com/paycore/paycore/gateway/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open opens (creating when missing) the SQLite database at path and applies the
// migrations.
func Open(ctx context.Context, path string) (*sqlstore.Store, error) {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	sub, _ := fs.Sub(migrations, "migrations")
	s, err := sqlstore.Open(ctx, db, sqlstore.Dialect{Name: "sqlite"}, sub)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
