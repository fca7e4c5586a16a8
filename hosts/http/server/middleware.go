package server

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/paycore/paycore/core/problem"
)

// RequestIDHeader is the header that carries the request id both ways.
const RequestIDHeader = "X-Request-Id"

// reqInfo is what the middleware and the handler share about one request. Handlers
// fill op and code; the middleware logs them.
type reqInfo struct {
	id   string
	op   string
	code string
}

type infoKey struct{}

// RequestID returns the request id of the request ctx belongs to ("" outside a
// request served by Server).
func RequestID(ctx context.Context) string {
	if info, ok := ctx.Value(infoKey{}).(*reqInfo); ok {
		return info.id
	}
	return ""
}

func infoFrom(ctx context.Context) *reqInfo {
	info, _ := ctx.Value(infoKey{}).(*reqInfo)
	if info == nil {
		info = &reqInfo{}
	}
	return info
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wrap puts rt's handler behind the middleware (see the package doc).
func (s *Server) wrap(rt route) http.Handler {
	observer := s.metrics.duration.WithLabelValues(rt.pattern)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serve(w, r, rt.pattern, rt.timeout, observer, rt.handler)
	})
}

// serve runs h for one request with a request id, a deadline, panic recovery, a
// log line and metrics labelled route.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, route string, timeout time.Duration, observer prometheus.Observer, h http.Handler) {
	start := time.Now()
	info := &reqInfo{id: s.ids.from(r.Header.Get(RequestIDHeader))}
	w.Header().Set(RequestIDHeader, info.id)
	ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), infoKey{}, info), timeout)
	defer cancel()
	sw := &statusWriter{ResponseWriter: w}
	s.metrics.inFlight.Inc()
	defer s.metrics.inFlight.Dec()
	panicked := false
	func() {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				// The panic value is not logged: it could hold card data.
				panicked = true
				info.code = string(problem.Internal)
				if sw.status == 0 {
					WriteError(sw, http.StatusInternalServerError, problem.Internal, "panic", "internal error; this is a bug in paycore")
				}
			}
		}()
		h.ServeHTTP(sw, r.WithContext(ctx))
	}()
	status := sw.status
	if status == 0 {
		status = http.StatusOK
	}
	elapsed := time.Since(start)
	observer.Observe(elapsed.Seconds())
	s.metrics.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()

	level := slog.LevelInfo
	if status >= 500 || panicked {
		level = slog.LevelError
	}
	if !s.log.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 10)
	attrs = append(attrs,
		slog.String("request_id", info.id),
		slog.String("method", safeMethod(r.Method)),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
		slog.Int64("bytes_in", max(r.ContentLength, 0)),
		slog.Int64("bytes_out", sw.bytes),
	)
	if info.op != "" {
		attrs = append(attrs, slog.String("op", info.op))
	}
	if info.code != "" {
		attrs = append(attrs, slog.String("code", info.code))
	}
	if panicked {
		attrs = append(attrs, slog.Bool("panic", true))
	}
	s.log.LogAttrs(ctx, level, "request", attrs...)
}

// unmatched answers a request no route matches: h is the mux's own 404/405
// handler, run against a recorder to learn which (and the Allow header), then the
// answer is an envelope.
func (s *Server) unmatched(w http.ResponseWriter, r *http.Request, h http.Handler) {
	s.serve(w, r, "unmatched", s.cfg.RequestTimeout, s.metrics.duration.WithLabelValues("unmatched"), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &headerRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusMethodNotAllowed:
			w.Header()["Allow"] = rec.header["Allow"]
			infoFrom(r.Context()).code = string(problem.BadInput)
			WriteError(w, http.StatusMethodNotAllowed, problem.BadInput, "method_not_allowed", "method not allowed on this path; see the Allow header")
		case http.StatusNotFound:
			infoFrom(r.Context()).code = string(problem.BadInput)
			WriteError(w, http.StatusNotFound, problem.BadInput, "not_found", "no such path; the ops are at POST /v1/ops/{op} (GET /v1/ops lists them)")
		default: // a redirect to the cleaned path
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.status)
		}
	}))
}

// headerRecorder keeps the status and headers a handler writes, and drops its body.
type headerRecorder struct {
	header http.Header
	status int
}

func (h *headerRecorder) Header() http.Header { return h.header }
func (h *headerRecorder) WriteHeader(status int) {
	if h.status == 0 {
		h.status = status
	}
}
func (h *headerRecorder) Write(p []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	return len(p), nil
}

// safeMethod returns the method for logs: a standard method as is, anything else
// as "OTHER" (a client chooses the string).
func safeMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return m
	}
	return "OTHER"
}

// idSource mints request ids: a random per-process prefix and a counter, unique
// without a system call per request.
type idSource struct {
	prefix string
	n      atomic.Uint64
}

func newIDSource() *idSource { return &idSource{prefix: rand.Text()[:16]} }

// from returns the client's id when it is a plain token, else a new one.
func (s *idSource) from(client string) string {
	if validRequestID(client) {
		return client
	}
	return s.prefix + "-" + strconv.FormatUint(s.n.Add(1), 10)
}

// validRequestID accepts 1 to 128 characters of [A-Za-z0-9._:-] without a run of
// 12 or more digits: an id is logged, and a long digit run could be a card number.
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	digits := 0
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if digits >= 12 {
				return false
			}
			continue
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '.', c == '_', c == ':', c == '-':
		default:
			return false
		}
		digits = 0
	}
	return true
}
