// Package antomclient sends requests the core built to Antom and brings back
// verified answers. It adds only what a host adds: one reused http.Client, a
// timeout per call, retries of the very same request (same body, same request id)
// with backoff and jitter when there is no answer or a 5xx, and verification of
// the response's signature with Antom's public key through the core's
// signature.verify op. It never changes a request: the path (the sandbox path for
// SANDBOX_ client ids), the headers and the body are the ones the core built.
package antomclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/gateway/coreop"
)

// DefaultBaseURL is Antom's documented global domain.
const DefaultBaseURL = "https://open-sea-global.alipay.com"

// Request is what a *.build op returns: the exact request to send.
type Request struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// Response is a verified answer.
type Response struct {
	// Status is the HTTP status.
	Status int
	// Body is the response body, verified.
	Body []byte
	// Attempt is which send got this answer (1-based).
	Attempt int
}

// NoAnswerError says every send of the request went unanswered (a transport
// error, a timeout, a 5xx, or an answer whose signature did not verify). The
// outcome is unknown: apply a timeout event and inquire with the same id.
type NoAnswerError struct {
	// Attempts is how many times the request was sent.
	Attempts int
	// Transport is "timeout" when the last send timed out, else "no_response".
	Transport string
	// Last is the last failure.
	Last error
}

// Error implements error.
func (e *NoAnswerError) Error() string {
	return fmt.Sprintf("antom: no answer after %d attempts (%s): %v", e.Attempts, e.Transport, e.Last)
}

// Unwrap returns the last failure.
func (e *NoAnswerError) Unwrap() error { return e.Last }

// Config configures a Client.
type Config struct {
	// BaseURL is Antom's base URL (DefaultBaseURL when empty), or a sandbox's.
	BaseURL string
	// Engine runs signature.verify.
	Engine core.Engine
	// PublicKey is Antom's public key (any format the core reads).
	PublicKey string
	// HTTPClient, when set, replaces the client New builds (tests).
	HTTPClient *http.Client
	// Timeout bounds one send (10 s when zero).
	Timeout time.Duration
	// Attempts is how many times one request is sent at most (3 when zero).
	Attempts int
	// Backoff is the first retry's delay, doubled each time, with jitter (200 ms when zero).
	Backoff time.Duration
}

// Client sends requests to Antom. It is safe for concurrent use.
type Client struct {
	cfg  Config
	http *http.Client
}

// New returns a Client with one reused http.Client (keep-alive connections, bounded
// idle pool).
func New(cfg Config) (*Client, error) {
	if cfg.Engine == nil {
		return nil, errors.New("antomclient: an engine is required")
	}
	if cfg.PublicKey == "" {
		return nil, errors.New("antomclient: Antom's public key is required to verify responses")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.Attempts <= 0 {
		cfg.Attempts = 3
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 200 * time.Millisecond
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          64,
			MaxIdleConnsPerHost:   32,
			MaxConnsPerHost:       64,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: cfg.Timeout,
		}}
	}
	return &Client{cfg: cfg, http: hc}, nil
}

// maxBody caps a response body.
const maxBody = 1 << 20

// Send sends req until it gets a verified answer or runs out of attempts (then a
// *NoAnswerError). Only a 2xx or 4xx answer with a valid signature is an answer;
// Antom signs its responses, so an unsigned or tampered one is treated as none.
func (c *Client) Send(ctx context.Context, req Request) (Response, error) {
	var last error
	transport := "no_response"
	for attempt := 1; attempt <= c.cfg.Attempts; attempt++ {
		if attempt > 1 {
			if err := sleep(ctx, c.delay(attempt-1)); err != nil {
				return Response{}, &NoAnswerError{Attempts: attempt - 1, Transport: transport, Last: err}
			}
		}
		resp, err := c.once(ctx, req)
		if err == nil {
			resp.Attempt = attempt
			return resp, nil
		}
		last = err
		transport = "no_response"
		var ne net.Error
		if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
			transport = "timeout"
		}
		if ctx.Err() != nil {
			return Response{}, &NoAnswerError{Attempts: attempt, Transport: transport, Last: last}
		}
	}
	return Response{}, &NoAnswerError{Attempts: c.cfg.Attempts, Transport: transport, Last: last}
}

// delay is the backoff before retry n (1-based): Backoff·2^(n-1), plus up to
// half as much again of jitter.
func (c *Client) delay(n int) time.Duration {
	d := c.cfg.Backoff << (n - 1)
	return d + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// once sends req one time.
func (c *Client) once(ctx context.Context, req Request) (Response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	method := req.Method
	if method == "" {
		method = http.MethodPost
	}
	hr, err := http.NewRequestWithContext(ctx, method, c.cfg.BaseURL+req.Path, bytes.NewReader([]byte(req.Body)))
	if err != nil {
		return Response{}, err
	}
	for k, v := range req.Headers {
		hr.Header.Set(k, v)
	}
	res, err := c.http.Do(hr)
	if err != nil {
		return Response{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return Response{}, err
	}
	if res.StatusCode >= 500 {
		return Response{}, fmt.Errorf("antom answered HTTP %d", res.StatusCode)
	}
	headers := map[string]string{}
	for _, h := range []string{"client-id", "response-time", "signature"} {
		if v := res.Header.Get(h); v != "" {
			headers[h] = v
		}
	}
	var vr struct {
		Valid  bool   `json:"valid"`
		Reason string `json:"reason"`
	}
	err = coreop.Call(ctx, c.cfg.Engine, "signature.verify", map[string]any{
		"method": method, "path": req.Path, "headers": headers, "kind": "response",
		"body": string(body), "publicKey": c.cfg.PublicKey,
	}, &vr)
	if err != nil {
		return Response{}, fmt.Errorf("response signature: %w", err)
	}
	if !vr.Valid {
		return Response{}, fmt.Errorf("response signature not valid (%s), HTTP %d", vr.Reason, res.StatusCode)
	}
	return Response{Status: res.StatusCode, Body: body}, nil
}
