// Command paycore-http serves paycore's ops over HTTP (POST /v1/ops/{op}), with
// health and readiness probes, Prometheus metrics, JSON logs and graceful shutdown.
// `paycore-http --help` lists its flags and their PAYCORE_* environment variables;
// `paycore-http probe` checks a running server's /healthz (for container health
// checks). The server itself is the importable package hosts/http/server.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr), os.Stderr))
}
