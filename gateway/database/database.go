// Package database opens the gateway's store from the --db / PAYCORE_DB URL:
// sqlite:PATH (the default, one file) or postgres://... (several replicas).
package database

import (
	"context"
	"fmt"
	"strings"

	"github.com/paycore/paycore/gateway"
	"github.com/paycore/paycore/gateway/postgres"
	"github.com/paycore/paycore/gateway/sqlite"
)

// Open opens the store url names and applies its migrations.
func Open(ctx context.Context, url string) (gateway.Store, error) {
	kind, rest, err := Parse(url)
	if err != nil {
		return nil, err
	}
	if kind == "sqlite" {
		return sqlite.Open(ctx, rest)
	}
	return postgres.Open(ctx, rest)
}

// Parse splits a database URL into its kind ("sqlite" or "postgres") and what
// the adapter opens (a file path, or the whole PostgreSQL URL).
func Parse(url string) (kind, target string, err error) {
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "//")
		if path == "" {
			return "", "", fmt.Errorf("database: %q names no file (want sqlite:PATH)", url)
		}
		return "sqlite", path, nil
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return "postgres", url, nil
	case url == "":
		return "", "", fmt.Errorf("database: no URL (want sqlite:PATH or postgres://...)")
	default:
		scheme, _, _ := strings.Cut(url, ":")
		return "", "", fmt.Errorf("database: unsupported scheme %q (want sqlite:PATH or postgres://...)", scheme)
	}
}
