// Package server is paycore's HTTP server: the core's ops over HTTP
// (POST /v1/ops/{op} answers the op's envelope), health and readiness probes,
// Prometheus metrics, structured logs with a request id, and the OpenAPI document.
// The paycore-http command (hosts/http) configures and runs it; other programs can
// embed it.
//
// # Dependencies
//
// New takes everything the server uses: a core.Engine (core.Native or the wazero
// engine of hosts/wasm), a *slog.Logger, a *prometheus.Registry (the server
// registers its collectors there and serves the registry at /metrics), a Config, and
// any number of Mount values. The server reads no flag, environment variable or
// clock-derived configuration of its own.
//
// # Mounting more routes
//
// A Mount adds a route to the same server: a Go 1.22 pattern with its method
// ("POST /v1/payments", "GET /v1/payments/{id}") and an http.Handler. A mounted
// handler is wrapped by exactly the middleware the built-in routes get:
//
//   - a request id (the client's X-Request-Id when it is a plain token, else a new
//     one), echoed in the X-Request-Id response header and available to the handler
//     as RequestID(r.Context());
//   - a deadline on r.Context(): Config.RequestTimeout, or Mount.Timeout when set
//     (a route that calls out to a slow network names its own bound);
//   - panic recovery (an INTERNAL envelope, and no panic value in the log, since it
//     could hold card data);
//   - one JSON log line per request (request id, method, route pattern, status,
//     duration; never a body, header value or raw path);
//   - the request counters and latency histograms of /metrics, labelled by the
//     route pattern.
//
// Every route, built-in or mounted, is registered in routes.go. Mount.Doc (an
// OpenAPI 3.1 Operation Object) and Mount.Schemas (the component schemas it refers
// to) put a mounted route in /openapi.json; without them it is listed as not
// documented. Handlers answer errors
// with WriteError so every error body has the envelope shape; StatusFor maps an op
// envelope to its HTTP status.
package server
