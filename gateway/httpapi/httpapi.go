// Package httpapi is the gateway's HTTP surface as plain http.Handlers, with every
// route listed in one place (Routes) so that a server mounts them on its mux:
//
//	POST /v1/payments                              pay (Idempotency-Key header honoured)
//	GET  /v1/payments/{paymentRequestId}           stored state (?refresh=true inquires Antom)
//	POST /v1/payments/{paymentRequestId}/capture   capture
//	POST /v1/payments/{paymentRequestId}/cancel    cancel
//	POST /v1/payments/{paymentRequestId}/refunds   refund
//	POST /v1/notifications/antom                   Antom's notifications (ack only after commit)
//	GET  /v1/events?after=<cursor>&status=<s>      the outbox, for polling and dead letters
package httpapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/paycore/paycore/gateway"
)

// Route is one method + pattern (Go 1.22 http.ServeMux syntax) and its handler.
type Route struct {
	Pattern string
	Handler http.Handler
}

// API serves the gateway's routes.
type API struct {
	svc   *gateway.Service
	store gateway.Store
	stats func() any
}

// New returns the API over a Service and its Store. stats, when not nil, is
// served at GET /v1/metrics (the forwarder's counters).
func New(svc *gateway.Service, store gateway.Store, stats func() any) *API {
	return &API{svc: svc, store: store, stats: stats}
}

// Routes lists every route of the gateway.
func (a *API) Routes() []Route {
	r := []Route{
		{"POST /v1/payments", http.HandlerFunc(a.pay)},
		{"GET /v1/payments/{paymentRequestId}", http.HandlerFunc(a.get)},
		{"POST /v1/payments/{paymentRequestId}/capture", a.command("capture")},
		{"POST /v1/payments/{paymentRequestId}/cancel", a.command("cancel")},
		{"POST /v1/payments/{paymentRequestId}/refunds", a.command("refund")},
		{"POST /v1/notifications/antom", http.HandlerFunc(a.notification)},
		{"GET /v1/events", http.HandlerFunc(a.events)},
	}
	if a.stats != nil {
		r = append(r, Route{"GET /v1/metrics", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, a.stats()) })})
	}
	return r
}

// Mount registers every route on mux.
func (a *API) Mount(mux *http.ServeMux) {
	for _, r := range a.Routes() {
		mux.Handle(r.Pattern, r.Handler)
	}
}

// maxBody caps request bodies (the core refuses inputs over 1 MiB).
const maxBody = 1 << 20

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, e *gateway.Error) {
	body := map[string]any{"code": e.Code, "message": e.Message}
	if e.Reason != "" {
		body["reason"] = e.Reason
	}
	if e.Detail != nil {
		if e.Detail.Field != "" {
			body["field"] = e.Detail.Field
		}
		if len(e.Detail.Violations) != 0 {
			body["violations"] = e.Detail.Violations
		}
	}
	writeJSON(w, e.Status, map[string]any{"error": body})
}

func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeErr(w, &gateway.Error{Status: 413, Code: "INPUT_TOO_LARGE", Message: "the body is over 1 MiB or unreadable"})
		return nil, false
	}
	return b, true
}

func (a *API) pay(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	ans, e := a.svc.Pay(r.Context(), b, r.Header.Get("Idempotency-Key"))
	if e != nil {
		writeErr(w, e)
		return
	}
	writeJSON(w, 200, ans)
}

func (a *API) get(w http.ResponseWriter, r *http.Request) {
	refresh, _ := strconv.ParseBool(r.URL.Query().Get("refresh"))
	ans, e := a.svc.Get(r.Context(), r.PathValue("paymentRequestId"), refresh)
	if e != nil {
		writeErr(w, e)
		return
	}
	writeJSON(w, 200, ans)
}

func (a *API) command(kind string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := readBody(w, r)
		if !ok {
			return
		}
		c := gateway.Command{}
		if len(b) != 0 {
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c); err != nil {
				writeErr(w, &gateway.Error{Status: 400, Code: "BAD_JSON", Message: "the body must be {\"requestId\"?, \"amount\"?, \"allowPartial\"?}: " + err.Error()})
				return
			}
		}
		c.Kind = kind
		ans, e := a.svc.Do(r.Context(), r.PathValue("paymentRequestId"), c)
		if e != nil {
			writeErr(w, e)
			return
		}
		writeJSON(w, 200, ans)
	})
}

func (a *API) notification(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	ack, e := a.svc.Receive(r.Context(), r.URL.Path, r.Header, b)
	if e != nil {
		writeErr(w, e)
		return
	}
	for k, v := range ack.Headers {
		w.Header().Set(k, v)
	}
	w.WriteHeader(ack.Status)
	_, _ = io.WriteString(w, ack.Body)
}

// eventView is one event as GET /v1/events lists it.
type eventView struct {
	Cursor           int64           `json:"cursor"`
	ID               string          `json:"id"`
	Type             string          `json:"type"`
	PaymentRequestID string          `json:"paymentRequestId"`
	Status           string          `json:"status"`
	Attempts         int             `json:"attempts"`
	LastError        string          `json:"lastError,omitempty"`
	CreatedAt        time.Time       `json:"createdAt"`
	Event            json.RawMessage `json:"event"`
}

func (a *API) events(w http.ResponseWriter, r *http.Request) {
	q := gateway.EventQuery{Status: r.URL.Query().Get("status")}
	switch q.Status {
	case "", gateway.EventPending, gateway.EventDelivered, gateway.EventFailed:
	default:
		writeErr(w, &gateway.Error{Status: 400, Code: "BAD_INPUT", Message: "status must be pending, delivered or failed"})
		return
	}
	for name, dst := range map[string]*int64{"after": &q.After} {
		if v := r.URL.Query().Get(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				writeErr(w, &gateway.Error{Status: 400, Code: "BAD_INPUT", Message: name + " must be a cursor (a whole number)"})
				return
			}
			*dst = n
		}
	}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			writeErr(w, &gateway.Error{Status: 400, Code: "BAD_INPUT", Message: "limit must be 1 to 500"})
			return
		}
		q.Limit = n
	}
	evs, err := a.store.Events(r.Context(), q)
	if err != nil {
		writeErr(w, &gateway.Error{Status: 503, Code: "UNAVAILABLE", Message: "the database does not answer"})
		return
	}
	out := make([]eventView, 0, len(evs))
	next := q.After
	for _, e := range evs {
		out = append(out, eventView{Cursor: e.Seq, ID: e.ID, Type: e.Type, PaymentRequestID: e.PaymentRequestID, Status: e.Status,
			Attempts: e.Attempts, LastError: e.LastError, CreatedAt: e.CreatedAt.UTC(), Event: e.Body})
		next = e.Seq
	}
	writeJSON(w, 200, map[string]any{"events": out, "next": next})
}
