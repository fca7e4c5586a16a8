package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/docs/schema"
)

// handleOp serves POST /v1/ops/{op}: the body is the op input, the answer is the
// envelope, with the status StatusFor gives it.
func (s *Server) handleOp(w http.ResponseWriter, r *http.Request) {
	info := infoFrom(r.Context())
	op := r.PathValue("op")
	label := "unknown" // a client-chosen op name is neither a label nor logged
	if s.known[op] {
		label, info.op = op, op
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		s.opError(w, info, label, http.StatusUnsupportedMediaType, problem.BadInput, "unsupported_media_type",
			"the body must be JSON: send Content-Type: application/json")
		return
	}
	if r.ContentLength > s.cfg.MaxBodyBytes {
		s.opError(w, info, label, http.StatusRequestEntityTooLarge, problem.InputTooLarge, "",
			fmt.Sprintf("the body is %d bytes; the limit is %d", r.ContentLength, s.cfg.MaxBodyBytes))
		return
	}
	body, err := readBody(w, r, s.cfg.MaxBodyBytes)
	if err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			s.opError(w, info, label, http.StatusRequestEntityTooLarge, problem.InputTooLarge, "",
				fmt.Sprintf("the body is over the limit of %d bytes", s.cfg.MaxBodyBytes))
			return
		}
		s.opError(w, info, label, http.StatusBadRequest, problem.BadJSON, "body_unreadable", "the request body could not be read to its end")
		return
	}

	start := time.Now()
	s.metrics.engineInFlight.Inc()
	out, err := s.engine.Call(r.Context(), op, body)
	s.metrics.engineInFlight.Dec()
	s.metrics.engineDuration.WithLabelValues(label).Observe(time.Since(start).Seconds())
	if err != nil {
		reason, msg := "engine_unavailable", "the engine could not run the op; try again"
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			reason, msg = "deadline_exceeded", "the op did not finish within the request deadline"
		case errors.Is(err, context.Canceled):
			reason, msg = "canceled", "the request was cancelled"
		}
		s.opError(w, info, label, http.StatusServiceUnavailable, problem.Internal, reason, msg)
		return
	}
	status, code := StatusFor(out)
	info.code = code
	s.metrics.outcomes.WithLabelValues(label, code).Inc()
	writeJSON(w, status, out)
}

// opError answers an op request the server refuses itself (or the engine could
// not run), with the envelope and the outcome metric.
func (s *Server) opError(w http.ResponseWriter, info *reqInfo, label string, status int, code problem.Code, reason, msg string) {
	info.code = string(code)
	s.metrics.outcomes.WithLabelValues(label, string(code)).Inc()
	WriteError(w, status, code, reason, msg)
}

// readBody reads the whole body, at most limit bytes (a *http.MaxBytesError past
// that).
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, limit)
	if n := r.ContentLength; n >= 0 && n <= limit {
		buf := make([]byte, n)
		if _, err := io.ReadFull(body, buf); err != nil {
			return nil, err
		}
		return buf, nil
	}
	return io.ReadAll(body)
}

// isJSON accepts application/json and any application/*+json, with parameters.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" ||
		len(mt) > len("application/+json") && strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

var (
	okPrefix  = []byte(`{"ok":true,`)
	errPrefix = []byte(`{"ok":false,"error":{"code":"`)
)

// StatusFor maps an op envelope to its HTTP status and returns its code ("ok" for
// an ok envelope): 200 ok; 400 BAD_JSON; 404 UNKNOWN_OP; 413 INPUT_TOO_LARGE; 422
// VALIDATION_FAILED, BAD_INPUT, BAD_SIGNATURE and BAD_KEY (the input is the
// problem); 500 INTERNAL, anything unknown, or bytes that are not an envelope.
func StatusFor(envelope []byte) (status int, code string) {
	if bytes.HasPrefix(envelope, okPrefix) {
		return http.StatusOK, "ok"
	}
	if rest, found := bytes.CutPrefix(envelope, errPrefix); found {
		if i := bytes.IndexByte(rest, '"'); i > 0 {
			code = string(rest[:i])
		}
	} else { // not the core's own encoding: decode it
		var env struct {
			OK    *bool `json:"ok"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		if json.Unmarshal(envelope, &env) != nil || env.OK == nil {
			return http.StatusInternalServerError, string(problem.Internal)
		}
		if *env.OK {
			return http.StatusOK, "ok"
		}
		code = env.Error.Code
	}
	switch problem.Code(code) {
	case problem.BadJSON:
		return http.StatusBadRequest, code
	case problem.UnknownOp:
		return http.StatusNotFound, code
	case problem.InputTooLarge:
		return http.StatusRequestEntityTooLarge, code
	case problem.ValidationFailed, problem.BadInput, problem.BadSignature, problem.BadKey:
		return http.StatusUnprocessableEntity, code
	case problem.Internal:
		return http.StatusInternalServerError, code
	}
	return http.StatusInternalServerError, string(problem.Internal)
}

// WriteError answers with an error envelope {"ok":false,"error":{...}}: the shape
// of every error body the server sends. reason may be empty.
func WriteError(w http.ResponseWriter, status int, code problem.Code, reason, message string) {
	out, err := core.Marshal(struct {
		OK    bool           `json:"ok"`
		Error *problem.Error `json:"error"`
	}{false, &problem.Error{Code: code, Reason: reason, Message: message}})
	if err != nil { // unreachable: strings only
		out = []byte(`{"ok":false,"error":{"code":"INTERNAL","message":"cannot encode the error"}}`)
	}
	writeJSON(w, status, out)
}

// writeJSON writes a JSON body with its length.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = []string{"application/json"}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// handleListOps serves GET /v1/ops: every op, its path and its schemas.
func (s *Server) handleListOps(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.opsList)
}

// opsList builds the body of GET /v1/ops from core.Ops and docs/schema.
func opsList() ([]byte, error) {
	type opDoc struct {
		Op     string          `json:"op"`
		Path   string          `json:"path"`
		Input  json.RawMessage `json:"input"`
		Result json.RawMessage `json:"result"`
	}
	var list struct {
		Ops []opDoc `json:"ops"`
	}
	for _, op := range core.Ops() {
		in, okIn := schema.Input(op)
		res, okRes := schema.Result(op)
		if !okIn || !okRes {
			return nil, fmt.Errorf("server: op %s has no input or result schema in docs/schema", op)
		}
		list.Ops = append(list.Ops, opDoc{Op: op, Path: opsPath(op), Input: compact(in), Result: compact(res)})
	}
	return core.Marshal(list)
}

func compact(doc []byte) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, doc) != nil {
		return doc
	}
	return b.Bytes()
}

// handleOpenAPI serves GET /openapi.json.
func (s *Server) handleOpenAPI(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.openapi)
}

// handleHealthz serves GET /healthz: the process is alive and serving HTTP.
func (s *Server) handleHealthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, []byte(`{"status":"ok"}`))
}

// handleReadyz serves GET /readyz: 200 when the engine answered core.info just now
// (a warm instance is there), 503 while shutting down or when it did not.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	type ready struct {
		Status string `json:"status"`
		Engine string `json:"engine"`
	}
	if s.draining.Load() {
		out, _ := core.Marshal(ready{"draining", s.cfg.EngineName})
		writeJSON(w, http.StatusServiceUnavailable, out)
		return
	}
	env, err := s.engine.Call(r.Context(), "core.info", []byte("{}"))
	if status, _ := StatusFor(env); err != nil || status != http.StatusOK {
		out, _ := core.Marshal(ready{"not_ready", s.cfg.EngineName})
		writeJSON(w, http.StatusServiceUnavailable, out)
		return
	}
	out, _ := core.Marshal(ready{"ready", s.cfg.EngineName})
	writeJSON(w, http.StatusOK, out)
}
