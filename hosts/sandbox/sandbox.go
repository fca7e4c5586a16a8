package sandbox

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/signature"
)

// DefaultClientID is the client id the sandbox answers with when Config.ClientID
// is empty (Antom's sandbox client ids start with SANDBOX_).
const DefaultClientID = "SANDBOX_5YBC2N2ZFV7M08801"

// DefaultAuthValidity is how long an authorization stays capturable: 7 days on
// every card brand page of Antom's documentation (before TimeScale).
const DefaultAuthValidity = 7 * 24 * time.Hour

// Config configures a Server. Only MerchantPublicKey is required.
type Config struct {
	// MerchantPublicKey verifies the signature of every request (any format the
	// core reads: base64 SPKI DER as in Antom Dashboard, or PEM).
	MerchantPublicKey string
	// PrivateKey and PublicKey are the sandbox's own key pair (standing in for
	// Antom's): responses and notifications are signed with PrivateKey and the
	// merchant verifies them with PublicKey. Both empty: a fresh RSA-2048 pair is
	// generated. One without the other is an error.
	PrivateKey string
	PublicKey  string
	// ClientID, when set, is the only client id accepted; empty accepts any and
	// answers with the request's own.
	ClientID string
	// BaseURL is the sandbox's URL as a buyer's browser reaches it, used in the
	// normalUrl of hosted, 3DS and issuer pages. Empty: the URL Start listens on,
	// or else the Host of each request.
	BaseURL string
	// Engine runs the core's ops; nil means core.Native{}.
	Engine core.Engine
	// Now is the clock; nil means time.Now. Tests move it to expire authorizations.
	Now func() time.Time
	// TimeScale divides every Antom duration the sandbox waits or grants (the
	// notification resend schedule, authorization validity): 3600 turns Antom's
	// hour into a second. Zero or less means 1 (real time).
	TimeScale float64
	// AuthValidity is the authorization's validity before TimeScale; zero means
	// DefaultAuthValidity.
	AuthValidity time.Duration
	// Location is the time zone of the times in bodies; nil means UTC.
	Location *time.Location
	// Faults are fault rules applied to matching requests (see Fault).
	Faults []Fault
	// Log receives one JSON line per request, response, page event and
	// notification delivery, card data masked. Nil discards the log.
	Log io.Writer
	// HTTPClient delivers notifications; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// ResendSchedule overrides Antom's notification resend intervals (before
	// TimeScale); empty means DefaultResendSchedule.
	ResendSchedule []time.Duration
}

// DefaultResendSchedule is Antom's notification schedule: the wait before each
// delivery attempt, 8 attempts within about a day, until one is acknowledged.
func DefaultResendSchedule() []time.Duration {
	return []time.Duration{0, 2 * time.Minute, 10 * time.Minute, 10 * time.Minute,
		time.Hour, 2 * time.Hour, 6 * time.Hour, 15 * time.Hour}
}

// Server is an offline Antom: the payment APIs, the buyer's pages and the
// notifications, with state in memory. Create it with New; serve Handler
// yourself or call Start.
type Server struct {
	cfg        Config
	engine     core.Engine
	privateKey string
	signer     *signature.PrivateKey
	publicKey  string
	now        func() time.Time
	scale      float64
	loc        *time.Location
	log        *slog.Logger
	client     *http.Client
	schedule   []time.Duration
	handler    http.Handler

	store  *store
	faults *faultSet

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	url      string
	srv      *http.Server
	listener net.Listener
	closed   bool
}

// New checks cfg, generates the sandbox's keys when none are given, and returns a
// Server that is not yet listening.
func New(cfg Config) (*Server, error) {
	if strings.TrimSpace(cfg.MerchantPublicKey) == "" {
		return nil, errors.New("sandbox: Config.MerchantPublicKey is required: the merchant's public key verifies every request")
	}
	if _, err := signature.ParsePublicKey(cfg.MerchantPublicKey); err != nil {
		return nil, fmt.Errorf("sandbox: MerchantPublicKey: %w", err)
	}
	s := &Server{cfg: cfg, engine: cfg.Engine, now: cfg.Now, scale: cfg.TimeScale, loc: cfg.Location, client: cfg.HTTPClient}
	switch {
	case cfg.PrivateKey == "" && cfg.PublicKey == "":
		kp, err := signature.GenerateKeyPair(rand.Reader, 2048)
		if err != nil {
			return nil, fmt.Errorf("sandbox: generate keys: %w", err)
		}
		s.privateKey, s.publicKey = kp.PrivateKeyBase64, kp.PublicKeyBase64
	case cfg.PrivateKey == "" || cfg.PublicKey == "":
		return nil, errors.New("sandbox: give both Config.PrivateKey and Config.PublicKey, or neither")
	default:
		if _, err := signature.ParsePublicKey(cfg.PublicKey); err != nil {
			return nil, fmt.Errorf("sandbox: PublicKey: %w", err)
		}
		s.privateKey, s.publicKey = cfg.PrivateKey, cfg.PublicKey
	}
	signer, err := signature.ParsePrivateKey(s.privateKey)
	if err != nil {
		return nil, fmt.Errorf("sandbox: PrivateKey: %w", err)
	}
	s.signer = signer
	if s.engine == nil {
		s.engine = core.Native{}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.scale <= 0 {
		s.scale = 1
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.client == nil {
		s.client = &http.Client{Timeout: 10 * time.Second}
	}
	s.schedule = cfg.ResendSchedule
	if len(s.schedule) == 0 {
		s.schedule = DefaultResendSchedule()
	}
	out := cfg.Log
	if out == nil {
		out = io.Discard
	}
	s.log = slog.New(slog.NewJSONHandler(out, nil))
	faults, err := newFaultSet(cfg.Faults)
	if err != nil {
		return nil, err
	}
	s.faults = faults
	s.store = newStore()
	s.url = strings.TrimRight(cfg.BaseURL, "/")
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.handler = s.routes()
	return s, nil
}

// Handler is the sandbox's HTTP handler: the Antom APIs, the buyer's pages and
// GET /sandbox/keys.
func (s *Server) Handler() http.Handler { return s.handler }

// PublicKey is the sandbox's public key (base64 SPKI DER, or as given): the key
// the merchant verifies responses and notifications with, as Antom's public key.
func (s *Server) PublicKey() string { return s.publicKey }

// ClientID is the client id the sandbox expects, or "" when it accepts any.
func (s *Server) ClientID() string { return s.cfg.ClientID }

// URL is the sandbox's base URL (no trailing slash): BaseURL, or the address
// Start listens on; "" before Start when no BaseURL was given.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Start listens on addr ("127.0.0.1:0" picks a free port) and serves in the
// background until Close or until ctx is done.
func (s *Server) Start(ctx context.Context, addr string) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen: %w", err)
	}
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	s.mu.Lock()
	if s.closed || s.srv != nil {
		s.mu.Unlock()
		_ = ln.Close()
		return errors.New("sandbox: already started or closed")
	}
	s.srv, s.listener = srv, ln
	if s.url == "" {
		s.url = "http://" + ln.Addr().String()
	}
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = srv.Serve(ln)
	}()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		select {
		case <-ctx.Done():
			_ = s.shutdown()
		case <-s.ctx.Done():
		}
	}()
	return nil
}

// Addr is the listening address after Start, or "".
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener == nil {
		return ""
	}
	return s.listener.Addr().String()
}

// Close stops the listener (if started), cancels pending notification resends
// and waits for the sandbox's goroutines. It is safe to call more than once.
func (s *Server) Close() error {
	err := s.shutdown()
	s.wg.Wait()
	return err
}

func (s *Server) shutdown() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	srv := s.srv
	s.mu.Unlock()
	s.cancel()
	if srv == nil {
		return nil
	}
	// Answers in flight get a moment to finish; browsers keep preconnected
	// sockets that Shutdown would otherwise wait seconds for, so the rest are
	// closed.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return srv.Close()
	}
	return nil
}

// scaled is d divided by the time scale.
func (s *Server) scaled(d time.Duration) time.Duration {
	return time.Duration(float64(d) / s.scale)
}

// stamp formats t as Antom's bodies do: ISO 8601 with an offset, no fraction.
func (s *Server) stamp(t time.Time) string {
	return t.In(s.loc).Format("2006-01-02T15:04:05-07:00")
}

// baseURL is the URL pages are linked under for request r.
func (s *Server) baseURL(r *http.Request) string {
	if u := s.URL(); u != "" {
		return u
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
