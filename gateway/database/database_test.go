package database

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	for _, c := range []struct{ url, kind, target, err string }{
		{"sqlite:paycore.db", "sqlite", "paycore.db", ""},
		{"sqlite:/var/lib/paycore/paycore.db", "sqlite", "/var/lib/paycore/paycore.db", ""},
		{"sqlite:///tmp/x.db", "sqlite", "/tmp/x.db", ""},
		{"postgres://u:p@127.0.0.1:5432/paycore?sslmode=disable", "postgres", "postgres://u:p@127.0.0.1:5432/paycore?sslmode=disable", ""},
		{"postgresql://h/db", "postgres", "postgresql://h/db", ""},
		{"sqlite:", "", "", "names no file"},
		{"", "", "", "no URL"},
		{"mysql://h/db", "", "", `unsupported scheme "mysql"`},
	} {
		t.Run(c.url, func(t *testing.T) {
			kind, target, err := Parse(c.url)
			if c.err != "" {
				require.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.kind, kind)
			require.Equal(t, c.target, target)
		})
	}
}

// TestOpenSQLiteTwice: the migrations run once; a second start finds them applied.
func TestOpenSQLiteTwice(t *testing.T) {
	url := "sqlite:" + filepath.Join(t.TempDir(), "p.db")
	for range 2 {
		s, err := Open(context.Background(), url)
		require.NoError(t, err)
		require.NoError(t, s.Ping(context.Background()))
		require.NoError(t, s.Close())
	}
}
