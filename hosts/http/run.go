package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/gateway/antomclient"
	"github.com/paycore/paycore/gateway/forwarder"
	"github.com/paycore/paycore/hosts/http/server"
	"github.com/paycore/paycore/hosts/wasm"
)

const usageHead = `usage:
  paycore-http [flags]          serve the ops over HTTP until SIGTERM or SIGINT
  paycore-http probe [--url U]  GET a running server's /healthz; exit 0 when it answers 200
  paycore-http demo [--serve]   the payments gateway end to end against the in-process sandbox

Every flag can also be set by the environment variable named beside it; a flag
given on the command line wins. Durations are Go durations (500ms, 5s, 1m).

flags:
`

// usageError is a command-line or environment mistake (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// exitCode prints err (if any) and returns the exit status: 0, 2 for usage errors,
// 1 for anything else.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "paycore-http: %v\n", err)
	if errors.As(err, new(*usageError)) {
		return 2
	}
	return 1
}

// options are the settings of one run, from flags and PAYCORE_* variables.
type options struct {
	addr          string
	engine        string
	wasmModule    string
	wasmCache     string
	wasmPool      int
	wasmInterrupt string
	logLevel      string
	cfg           server.Config
	gateway       gatewayOptions
}

// parseOptions reads the flags; each flag's variable, when set, replaces its
// default, and the command line replaces both.
func parseOptions(name string, args []string, getenv func(string) string, stderr io.Writer) (*options, *flag.FlagSet, error) {
	o := &options{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	env := map[string]string{}
	str := func(p *string, flagName, envName, def, usage string) {
		env[flagName] = envName
		fs.StringVar(p, flagName, def, usage+" ($"+envName+")")
	}
	dur := func(p *time.Duration, flagName, envName string, def time.Duration, usage string) {
		env[flagName] = envName
		fs.DurationVar(p, flagName, def, usage+" ($"+envName+")")
	}
	str(&o.addr, "addr", "PAYCORE_ADDR", "127.0.0.1:8080", "listen address")
	str(&o.engine, "engine", "PAYCORE_ENGINE", "native", "engine: native or wasm")
	str(&o.wasmModule, "wasm-module", wasm.ModuleEnv, "", "path of paycore.wasm (default: next to the executable)")
	str(&o.wasmCache, "wasm-cache", wasm.CacheDirEnv, "", "wazero compilation cache directory (default: the user cache directory)")
	env["wasm-pool"] = "PAYCORE_WASM_POOL"
	fs.IntVar(&o.wasmPool, "wasm-pool", runtime.GOMAXPROCS(0), "wasm instances that run at once ($PAYCORE_WASM_POOL)")
	str(&o.wasmInterrupt, "wasm-interrupt", "PAYCORE_WASM_INTERRUPT", "never",
		"which wasm calls a deadline can stop mid-op: never (fast code; the deadline bounds the wait for an instance), deadline or always (interruptible code, 3-6x slower)")
	str(&o.logLevel, "log-level", "PAYCORE_LOG_LEVEL", "info", "debug, info, warn or error")
	env["max-body-bytes"] = "PAYCORE_MAX_BODY_BYTES"
	fs.Int64Var(&o.cfg.MaxBodyBytes, "max-body-bytes", core.MaxInputBytes, "largest request body ($PAYCORE_MAX_BODY_BYTES)")
	env["max-header-bytes"] = "PAYCORE_MAX_HEADER_BYTES"
	fs.IntVar(&o.cfg.MaxHeaderBytes, "max-header-bytes", 64<<10, "largest request header block ($PAYCORE_MAX_HEADER_BYTES)")
	dur(&o.cfg.RequestTimeout, "request-timeout", "PAYCORE_REQUEST_TIMEOUT", 5*time.Second, "deadline of each request, passed to the engine")
	dur(&o.cfg.ReadHeaderTimeout, "read-header-timeout", "PAYCORE_READ_HEADER_TIMEOUT", 5*time.Second, "time to read a request's headers")
	dur(&o.cfg.ReadTimeout, "read-timeout", "PAYCORE_READ_TIMEOUT", 15*time.Second, "time to read a whole request")
	dur(&o.cfg.WriteTimeout, "write-timeout", "PAYCORE_WRITE_TIMEOUT", 0, "time from the end of the headers to the end of the response (default: request timeout + 5s)")
	dur(&o.cfg.IdleTimeout, "idle-timeout", "PAYCORE_IDLE_TIMEOUT", 60*time.Second, "time a keep-alive connection may wait for its next request")
	dur(&o.cfg.ShutdownTimeout, "shutdown-timeout", "PAYCORE_SHUTDOWN_TIMEOUT", 20*time.Second, "time to drain in-flight requests on SIGTERM/SIGINT")
	str(&o.gateway.clientID, "client-id", "PAYCORE_CLIENT_ID", "", "Antom client id; turns on the payments gateway (SANDBOX_... for Antom's sandbox)")
	str(&o.gateway.antomURL, "antom-url", "PAYCORE_ANTOM_URL", antomclient.DefaultBaseURL, "Antom's base URL (a paycore-sandbox URL for tests)")
	str(&o.gateway.db, "db", "PAYCORE_DB", "sqlite:paycore.db", "gateway store: sqlite:PATH or postgres://...")
	str(&o.gateway.privateKeyFile, "private-key-file", "PAYCORE_PRIVATE_KEY_FILE", "", "file of the merchant private key (or the key itself in $"+envPrivateKey+")")
	str(&o.gateway.antomPublicKeyFile, "antom-public-key-file", "PAYCORE_ANTOM_PUBLIC_KEY_FILE", "", "file of Antom's public key (or the key itself in $"+envAntomPublicKey+")")
	str(&o.gateway.keyVersion, "key-version", "PAYCORE_KEY_VERSION", "", "the merchant key's version (Antom's default when empty)")
	str(&o.gateway.webhookURL, "webhook-url", "PAYCORE_WEBHOOK_URL", "", "merchant webhook the gateway forwards events to")
	str(&o.gateway.webhookSecretFile, "webhook-secret-file", "PAYCORE_WEBHOOK_SECRET_FILE", "", "file of the webhook's shared HMAC secret (or the secret in $"+envWebhookSecret+")")
	dur(&o.gateway.webhookLease, "webhook-lease", "PAYCORE_WEBHOOK_LEASE", time.Minute,
		"how long a replica holds an event it is delivering; after a crash another replica sends it once this has passed")
	env["webhook-max-attempts"] = "PAYCORE_WEBHOOK_MAX_ATTEMPTS"
	fs.IntVar(&o.gateway.webhookAttempts, "webhook-max-attempts", 8, "failed deliveries before an event is dead-lettered ($PAYCORE_WEBHOOK_MAX_ATTEMPTS)")
	dur(&o.gateway.antomTimeout, "antom-timeout", "PAYCORE_ANTOM_TIMEOUT", 10*time.Second, "timeout of one call to Antom")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageHead)
		fs.PrintDefaults()
	}

	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		if v := getenv(env[f.Name]); v != "" && envErr == nil {
			if err := fs.Set(f.Name, v); err != nil {
				envErr = &usageError{fmt.Sprintf("$%s=%q: %v", env[f.Name], v, err)}
			}
		}
	})
	if envErr != nil {
		return nil, fs, envErr
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, fs, flag.ErrHelp
		}
		return nil, fs, &usageError{err.Error()}
	}
	if o.gateway.webhookLease < forwarder.MinLease {
		return nil, fs, &usageError{fmt.Sprintf("--webhook-lease must be at least %s (one webhook call gets at most half of it)", forwarder.MinLease)}
	}
	if o.gateway.webhookAttempts < 1 {
		return nil, fs, &usageError{"--webhook-max-attempts must be at least 1"}
	}
	return o, fs, nil
}

// run is the whole program: main only turns its error into an exit status.
func run(ctx context.Context, args []string, getenv func(string) string, _ io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "probe" {
		return runProbe(ctx, args[1:], getenv, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "demo" {
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		return runDemo(ctx, args[1:], stdout, stderr)
	}
	o, fs, err := parseOptions("paycore-http", args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q (see --help)", fs.Arg(0))}
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(o.logLevel)); err != nil {
		return &usageError{fmt.Sprintf("log level %q: want debug, info, warn or error", o.logLevel)}
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))

	// Signals first, so that a server that says it listens also drains on SIGTERM.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal during the drain stops the process at once
	}()

	engine, err := newEngine(ctx, o, logger)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = engine.Close(cctx)
	}()
	o.cfg.EngineName = o.engine
	if w, ok := engine.(*wasm.Engine); ok {
		pool := o.wasmPool
		o.cfg.PoolStats = func() server.PoolStats {
			st := w.Stats()
			return server.PoolStats{Size: pool, Created: st.Created, Replaced: st.Discarded}
		}
	}
	reg := prometheus.NewRegistry()
	mounts, stopGateway, err := startGateway(ctx, o.gateway, getenv, engine, reg, logger)
	if err != nil {
		return err
	}
	defer stopGateway()
	srv, err := server.New(engine, logger, reg, o.cfg, mounts...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	cfg := srv.Config()
	logger.Info("listening", "addr", ln.Addr().String(), "engine", o.engine,
		"request_timeout", cfg.RequestTimeout.String(), "max_body_bytes", cfg.MaxBodyBytes)
	if err := srv.Serve(ctx, ln); err != nil {
		logger.Error("stopped", "error", err.Error())
		return err
	}
	logger.Info("stopped")
	return nil
}

// newEngine starts the engine o names. The wasm engine starts and warms its whole
// pool before the server listens.
func newEngine(ctx context.Context, o *options, logger *slog.Logger) (core.Engine, error) {
	switch o.engine {
	case "native":
		return core.Native{}, nil
	case "wasm":
	default:
		return nil, &usageError{fmt.Sprintf("unknown engine %q: want native or wasm", o.engine)}
	}
	modes := map[string]wasm.Interrupt{"never": wasm.InterruptNever, "deadline": wasm.InterruptDeadline, "always": wasm.InterruptAlways}
	mode, ok := modes[o.wasmInterrupt]
	if !ok {
		return nil, &usageError{fmt.Sprintf("wasm interrupt %q: want never, deadline or always", o.wasmInterrupt)}
	}
	opts := []wasm.Option{
		wasm.WithPoolSize(o.wasmPool),
		wasm.WithPrestart(true),
		wasm.WithInterrupt(mode),
		wasm.WithTrapHandler(func(t *wasm.TrapError) {
			// Only the op and the kind of trap: the guest's own message could quote
			// data.
			logger.Error("wasm trap; instance replaced", "op", t.Op, "reason", t.Reason)
		}),
	}
	if o.wasmModule != "" {
		opts = append(opts, wasm.WithModulePath(o.wasmModule))
	}
	if o.wasmCache != "" {
		opts = append(opts, wasm.WithCacheDir(o.wasmCache))
	}
	start := time.Now()
	engine, err := wasm.New(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("wasm engine: %w", err)
	}
	logger.Info("wasm engine ready", "pool", o.wasmPool, "interrupt", o.wasmInterrupt, "start_ms", time.Since(start).Milliseconds())
	return engine, nil
}

// runProbe GETs /healthz of the server at --url (default: derived from --addr /
// $PAYCORE_ADDR) and succeeds on 200.
func runProbe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := getenv("PAYCORE_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	fs.StringVar(&addr, "addr", addr, "address of the server ($PAYCORE_ADDR)")
	url := fs.String("url", "", "URL to GET (default http://<addr>/healthz, with 127.0.0.1 for an empty or wildcard host)")
	timeout := fs.Duration("timeout", 2*time.Second, "how long to wait for the answer")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return &usageError{err.Error()}
	}
	target := *url
	if target == "" {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return &usageError{fmt.Sprintf("address %q: %v", addr, err)}
		}
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		target = "http://" + net.JoinHostPort(host, port) + "/healthz"
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return &usageError{err.Error()}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", target, resp.Status)
	}
	fmt.Fprintf(stdout, "%s\n", strings.TrimSpace(string(body)))
	return nil
}
