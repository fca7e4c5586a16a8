package server

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// register lists every route the server serves: the built-in ones, then the
// mounted ones, all through add (so all get the same middleware and appear in
// the metrics and the OpenAPI document).
func (s *Server) register(mounts []Mount) error {
	builtin := []struct {
		pattern string
		handler http.Handler
	}{
		{"POST /v1/ops/{op}", http.HandlerFunc(s.handleOp)},
		{"GET /v1/ops", http.HandlerFunc(s.handleListOps)},
		{"GET /healthz", http.HandlerFunc(s.handleHealthz)},
		{"GET /readyz", http.HandlerFunc(s.handleReadyz)},
		{"GET /metrics", promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{})},
		{"GET /openapi.json", http.HandlerFunc(s.handleOpenAPI)},
	}
	for _, b := range builtin {
		if err := s.add(b.pattern, b.handler, 0, nil); err != nil {
			return err
		}
	}
	for _, m := range mounts {
		if err := s.add(m.Pattern, m.Handler, m.Timeout, m.Doc); err != nil {
			return err
		}
		if m.Schemas != nil {
			s.schemas = append(s.schemas, m.Schemas)
		}
	}
	return nil
}
