// Package storetest is the contract every gateway.Store adapter passes, and the
// helpers that give tests a fresh SQLite file or a fresh PostgreSQL schema.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway"
	"github.com/paycore/paycore/gateway/postgres"
	"github.com/paycore/paycore/gateway/sqlite"
)

// PostgresEnv names the environment variable holding the test PostgreSQL URL
// (`.ci/postgres url`).
const PostgresEnv = "PAYCORE_TEST_POSTGRES_URL"

// PostgresURL returns a URL for a fresh, empty schema in the test PostgreSQL,
// dropped when the test ends. Without PAYCORE_TEST_POSTGRES_URL the test is
// skipped with a loud message, or fails when CI=true.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		msg := "PostgreSQL tests NOT RUN: set " + PostgresEnv + " (`.ci/postgres start && export " + PostgresEnv + "=$(.ci/postgres url)`)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	db, err := sql.Open("pgx", base)
	require.NoError(t, err)
	defer db.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	_, err = db.ExecContext(context.Background(), "CREATE SCHEMA "+schema)
	require.NoError(t, err, "the test PostgreSQL at %s must accept connections", PostgresEnv)
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			_, _ = db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// SQLiteURL returns a sqlite: URL for a fresh file in the test's temporary directory.
func SQLiteURL(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "paycore.db")
}

// Open opens a fresh store of kind "sqlite" or "postgres", closed at the end of the test.
func Open(t testing.TB, kind string) gateway.Store {
	t.Helper()
	ctx := context.Background()
	var s gateway.Store
	var err error
	if kind == "sqlite" {
		s, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "paycore.db"))
	} else {
		s, err = postgres.Open(ctx, PostgresURL(t))
	}
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// Kinds are the adapters every store test runs on.
var Kinds = []string{"sqlite", "postgres"}
