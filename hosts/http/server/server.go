package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/paycore/paycore/core"
)

// Config holds the server's limits and timeouts. Zero values take the defaults
// named on each field.
type Config struct {
	// EngineName labels the engine in /readyz and in the metrics ("native", "wasm").
	EngineName string
	// MaxBodyBytes is the largest request body an op accepts (default
	// core.MaxInputBytes); a larger one is refused with 413 before it is read.
	MaxBodyBytes int64
	// RequestTimeout is the deadline of every request's context, passed to the
	// engine (default 5 s). A Mount may set its own.
	RequestTimeout time.Duration
	// ReadHeaderTimeout bounds reading a request's headers (default 5 s).
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request, body included (default 15 s).
	ReadTimeout time.Duration
	// WriteTimeout bounds a request from the end of its headers to the end of its
	// response (default: the longest route timeout plus 5 s). It must exceed every
	// route's timeout.
	WriteTimeout time.Duration
	// IdleTimeout bounds how long a keep-alive connection waits for its next
	// request (default 60 s).
	IdleTimeout time.Duration
	// MaxHeaderBytes caps the request headers (default 64 KiB).
	MaxHeaderBytes int
	// ShutdownTimeout bounds the drain of in-flight requests on shutdown (default
	// 20 s); requests still running then are cut off.
	ShutdownTimeout time.Duration
	// PoolStats, when set, reports the engine's instance pool for /metrics.
	PoolStats func() PoolStats
}

// PoolStats describes an engine's instance pool (the wazero engine's), for /metrics.
type PoolStats struct {
	// Size is how many instances may run at once.
	Size int
	// Created counts instances started; Replaced counts instances thrown away and
	// replaced after a trap or an interrupted call.
	Created, Replaced uint64
}

// Mount is a route added to the server beside the built-in ones.
type Mount struct {
	// Pattern is a net/http pattern with a method, e.g. "POST /v1/payments".
	Pattern string
	// Handler serves the route.
	Handler http.Handler
	// Timeout replaces Config.RequestTimeout for this route when positive.
	Timeout time.Duration
	// Doc is the route's OpenAPI 3.1 Operation Object (JSON), put in /openapi.json
	// under the pattern's path and method. Without it the route is listed as not
	// documented.
	Doc json.RawMessage
	// Schemas are component schemas Doc refers to as "#/components/schemas/<name>";
	// a name already taken is an error.
	Schemas map[string]json.RawMessage
}

func (c Config) withDefaults() Config {
	if c.EngineName == "" {
		c.EngineName = "engine"
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = core.MaxInputBytes
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 5 * time.Second
	}
	if c.ReadHeaderTimeout <= 0 {
		c.ReadHeaderTimeout = 5 * time.Second
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 15 * time.Second
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 60 * time.Second
	}
	if c.MaxHeaderBytes <= 0 {
		c.MaxHeaderBytes = 64 << 10
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 20 * time.Second
	}
	return c
}

// Server serves the ops, the probes, the metrics, the OpenAPI document and the
// mounted routes. It is an http.Handler; Serve runs it on a listener with the
// configured timeouts and shuts it down gracefully.
type Server struct {
	engine  core.Engine
	log     *slog.Logger
	reg     *prometheus.Registry
	cfg     Config
	mux     *http.ServeMux
	metrics *metrics
	ids     *idSource
	routes  []route
	known   map[string]bool // op names, for labels and logs
	schemas []map[string]json.RawMessage
	openapi []byte // the OpenAPI document, built once
	opsList []byte // the body of GET /v1/ops, built once

	draining atomic.Bool
}

// route is one registered route, for the mux, the metrics and the OpenAPI document.
type route struct {
	pattern string
	method  string
	path    string
	timeout time.Duration
	handler http.Handler
	doc     json.RawMessage
}

// New builds a server on engine. logger receives one line per request; reg receives
// the server's collectors and is what /metrics serves. mounts add routes (see
// Mount); a pattern without a method, a duplicate, or a conflict with a built-in
// route is an error.
func New(engine core.Engine, logger *slog.Logger, reg *prometheus.Registry, cfg Config, mounts ...Mount) (*Server, error) {
	if engine == nil || logger == nil || reg == nil {
		return nil, errors.New("server: engine, logger and registry are required")
	}
	s := &Server{
		engine: engine,
		log:    logger,
		reg:    reg,
		cfg:    cfg.withDefaults(),
		mux:    http.NewServeMux(),
		ids:    newIDSource(),
		known:  map[string]bool{},
	}
	for _, op := range core.Ops() {
		s.known[op] = true
	}
	m, err := newMetrics(reg, s.cfg)
	if err != nil {
		return nil, err
	}
	s.metrics = m
	if err := s.register(mounts); err != nil {
		return nil, err
	}
	if s.openapi, err = s.buildOpenAPI(); err != nil {
		return nil, err
	}
	if s.opsList, err = opsList(); err != nil {
		return nil, err
	}
	longest := time.Duration(0)
	for _, rt := range s.routes {
		longest = max(longest, rt.timeout)
	}
	if s.cfg.WriteTimeout <= 0 {
		s.cfg.WriteTimeout = longest + 5*time.Second
	} else if s.cfg.WriteTimeout <= longest {
		return nil, fmt.Errorf("server: WriteTimeout %s must exceed the longest route timeout %s", s.cfg.WriteTimeout, longest)
	}
	return s, nil
}

// add registers one route wrapped in the middleware.
func (s *Server) add(pattern string, h http.Handler, timeout time.Duration, doc json.RawMessage) (err error) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok || method == "" || !strings.HasPrefix(path, "/") {
		return fmt.Errorf("server: route %q needs a method and a path", pattern)
	}
	if h == nil {
		return fmt.Errorf("server: route %q has no handler", pattern)
	}
	if timeout <= 0 {
		timeout = s.cfg.RequestTimeout
	}
	defer func() {
		if r := recover(); r != nil { // ServeMux panics on conflicting patterns
			err = fmt.Errorf("server: route %q: %v", pattern, r)
		}
	}()
	rt := route{pattern: pattern, method: method, path: path, timeout: timeout, handler: h, doc: doc}
	s.mux.Handle(pattern, s.wrap(rt))
	s.routes = append(s.routes, rt)
	return nil
}

// ServeHTTP implements http.Handler. Requests no route matches get a 404 or 405
// envelope (with Allow), counted under the route label "unmatched".
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h, pattern := s.mux.Handler(r); pattern == "" {
		s.unmatched(w, r, h)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Ready reports whether the server takes traffic: false once shutdown has begun.
func (s *Server) Ready() bool { return !s.draining.Load() }

// Serve serves on ln until ctx is done, then stops accepting connections, marks
// itself not ready, and waits up to Config.ShutdownTimeout for in-flight requests.
// It returns nil after a complete drain, and an error when requests had to be cut
// off or the listener failed.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("shutting down", "drain_timeout", s.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		_ = hs.Close()
		return fmt.Errorf("server: drain did not finish within %s: %w", s.cfg.ShutdownTimeout, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// HTTPServer returns an http.Server for s with the configured timeouts and header
// limit.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    s.cfg.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Config returns the configuration in force (defaults filled in).
func (s *Server) Config() Config { return s.cfg }
