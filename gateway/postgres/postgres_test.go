package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/gateway"
	"github.com/paycore/paycore/gateway/postgres"
	"github.com/paycore/paycore/gateway/storetest"
)

func TestBroken(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{io.EOF, true},
		{fmt.Errorf("postgres: %w", io.ErrUnexpectedEOF), true},
		{&pgconn.PgError{Code: "57P01"}, true}, // terminating connection due to administrator command
		{&pgconn.PgError{Code: "08006"}, true}, // connection failure
		{&pgconn.PgError{Code: "23505"}, false},
		{&pgconn.PgError{Code: "40001"}, false},
		{context.Canceled, false},
		{context.DeadlineExceeded, false},
		{gateway.ErrVersionConflict, false},
		{sql.ErrNoRows, false},
		{errors.New("syntax"), false},
	} {
		require.Equal(t, tc.want, postgres.Broken(tc.err), "%v", tc.err)
	}
}

// TestRecoversTerminatedConnections: the server ends every connection of the
// store (as a restart or failover does) just after they were used; the next
// operations all succeed, with no error for the dead pooled connections.
func TestRecoversTerminatedConnections(t *testing.T) {
	ctx := context.Background()
	u, err := url.Parse(storetest.PostgresURL(t))
	require.NoError(t, err)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	app := "paycore_test_" + hex.EncodeToString(b)
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	s, err := postgres.Open(ctx, u.String())
	require.NoError(t, err)
	defer s.Close()
	admin, err := sql.Open("pgx", os.Getenv(storetest.PostgresEnv))
	require.NoError(t, err)
	defer admin.Close()

	require.NoError(t, s.Create(ctx, gateway.Payment{ID: "PAY_T", State: json.RawMessage(`{"v":1}`)}, nil))
	burst := func() {
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				if _, err := s.Payment(ctx, "PAY_T"); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	for round := range 3 {
		burst()
		var ended int
		require.NoError(t, admin.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&ended))
		require.Positive(t, ended)
		// Wait until the server has let them go.
		require.Eventually(t, func() bool {
			var n int
			return admin.QueryRow(`SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&n) == nil && n == 0
		}, 5*time.Second, 5*time.Millisecond)
		p, err := s.Payment(ctx, "PAY_T")
		require.NoError(t, err, "round %d: the first read after the restart", round)
		require.NoError(t, s.Update(ctx, gateway.Payment{ID: "PAY_T", State: json.RawMessage(`{"v":2}`)}, p.Version, nil), "round %d", round)
		burst()
	}
}
