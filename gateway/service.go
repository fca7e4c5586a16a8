// Package gateway is the I/O layer the hosts share (not pure, not a host): it
// takes merchant commands and Antom's notifications, asks the core what to do
// (pay.build, response.interpret, payment.apply, notification.parse and the
// follow-up *.build ops, all through a core.Engine), sends what the core built
// to Antom (package antomclient), and keeps the state in a Store (packages
// sqlite and postgres) with optimistic concurrency. It holds no payment rule:
// every decision is an op.
package gateway

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/gateway/antomclient"
	"github.com/paycore/paycore/gateway/coreop"
)

// Config configures a Service.
type Config struct {
	// Engine runs the core's ops.
	Engine core.Engine
	// Store keeps payments, the inbox and the outbox.
	Store Store
	// Antom sends requests to Antom (or a sandbox).
	Antom *antomclient.Client
	// ClientID is the merchant's Antom client id (SANDBOX_... for the sandbox).
	ClientID string
	// PrivateKey is the merchant's private key, used to sign requests. Never logged.
	PrivateKey string
	// KeyVersion is the key's version (Antom's default when empty).
	KeyVersion string
	// AntomPublicKey verifies notifications.
	AntomPublicKey string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Service runs the gateway's operations. It keeps nothing in memory that
// matters: several Services (replicas) may share one Store.
type Service struct {
	cfg Config
}

// New returns a Service.
func New(cfg Config) (*Service, error) {
	if cfg.Engine == nil || cfg.Store == nil || cfg.Antom == nil {
		return nil, errors.New("gateway: engine, store and Antom client are required")
	}
	if cfg.ClientID == "" || cfg.PrivateKey == "" || cfg.AntomPublicKey == "" {
		return nil, errors.New("gateway: client id, merchant private key and Antom public key are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Service{cfg: cfg}, nil
}

// Error is a failure with the HTTP status the handlers answer and a JSON body.
type Error struct {
	// Status is the HTTP status.
	Status int
	// Code is a closed code: the core's error codes, plus REFUSED (a command the
	// state machine refused), NOT_FOUND, CONFLICT and UNAVAILABLE.
	Code string
	// Reason is the core's reason (a refusal reason, a conflict reason).
	Reason string
	// Message explains the failure.
	Message string
	// Detail is the core's error, when the core refused the input.
	Detail *coreop.Error
}

// Error implements error.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

func unavailable(err error) *Error {
	return &Error{Status: 503, Code: "UNAVAILABLE", Message: "the gateway cannot reach its database or the core: " + err.Error()}
}

// fromOp turns an op error into a 400 (the core refused the input) or a 500.
func fromOp(err error) *Error {
	var oe *coreop.Error
	if errors.As(err, &oe) {
		return &Error{Status: 400, Code: oe.Code, Reason: oe.Reason, Message: oe.Message, Detail: oe}
	}
	return unavailable(err)
}

// Answer is what the payment endpoints answer.
type Answer struct {
	// Payment is the stored state (payment.apply's).
	Payment json.RawMessage `json:"payment"`
	// Version is the stored version.
	Version int64 `json:"version"`
	// Outcome is response.interpret's outcome of the last Antom answer, when one came.
	Outcome string `json:"outcome,omitempty"`
	// NextAction is what to do next: response.interpret's action for an Antom
	// answer, else payment.apply's first action.
	NextAction json.RawMessage `json:"nextAction,omitempty"`
	// Interpretation is response.interpret's whole result, when an answer came.
	Interpretation json.RawMessage `json:"interpretation,omitempty"`
	// AntomResponse is Antom's verified response body, when an answer came
	// (paymentId, cardToken for a saved-card payment, ...).
	AntomResponse json.RawMessage `json:"antomResponse,omitempty"`
	// Effect and Reason are payment.apply's for the last event.
	Effect string `json:"effect,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// applyResult is payment.apply's result, with the parts the gateway reads.
type applyResult struct {
	State   json.RawMessage   `json:"state"`
	Actions []json.RawMessage `json:"actions"`
	Changed bool              `json:"changed"`
	Effect  string            `json:"effect"`
	Reason  string            `json:"reason"`
	Message string            `json:"message"`
}

// stateView is what the gateway reads from a state: ids to address Antom and
// the status to name events.
type stateView struct {
	PaymentRequestID string                     `json:"paymentRequestId"`
	PaymentID        string                     `json:"paymentId"`
	Status           string                     `json:"status"`
	CaptureMode      string                     `json:"captureMode"`
	Payment          string                     `json:"payment"`
	Captures         map[string]json.RawMessage `json:"captures"`
	Refunds          map[string]json.RawMessage `json:"refunds"`
}

// refs lists the ids besides paymentRequestId that Antom's notifications may
// name the payment by.
func refs(state json.RawMessage) []string {
	v := view(state)
	var out []string
	if v.PaymentID != "" {
		out = append(out, v.PaymentID)
	}
	for id := range v.Captures {
		out = append(out, id)
	}
	for id := range v.Refunds {
		out = append(out, id)
	}
	return out
}

func view(state json.RawMessage) stateView {
	var v stateView
	_ = json.Unmarshal(state, &v)
	return v
}

func (s *Service) now() string { return s.cfg.Now().UTC().Format(time.RFC3339) }

func (s *Service) signing() map[string]string {
	m := map[string]string{
		"clientId":    s.cfg.ClientID,
		"requestTime": strconv.FormatInt(s.cfg.Now().UnixMilli(), 10),
		"privateKey":  s.cfg.PrivateKey,
	}
	if s.cfg.KeyVersion != "" {
		m["keyVersion"] = s.cfg.KeyVersion
	}
	return m
}

// apply runs payment.apply on the state with event.
func (s *Service) apply(ctx context.Context, state json.RawMessage, event any) (applyResult, error) {
	var r applyResult
	if len(state) == 0 {
		state = json.RawMessage("null")
	}
	err := coreop.Call(ctx, s.cfg.Engine, "payment.apply", map[string]any{"state": state, "event": event, "now": s.now()}, &r)
	return r, err
}

// eventsFor is the outbox event for a write that changed the state to version v:
// one per version, so its id (paymentRequestId:v) is stable and unique whichever
// replica wins the write.
func (s *Service) eventsFor(r applyResult, v int64) []Event {
	if !r.Changed {
		return nil
	}
	st := view(r.State)
	id := st.PaymentRequestID + ":" + strconv.FormatInt(v, 10)
	now := s.cfg.Now().UTC()
	body, _ := json.Marshal(map[string]any{
		"id": id, "type": "payment." + st.Status, "createdAt": now.Format(time.RFC3339Nano),
		"data": map[string]any{"paymentRequestId": st.PaymentRequestID, "status": st.Status,
			"effect": r.Effect, "reason": r.Reason, "payment": r.State},
	})
	return []Event{{ID: id, Type: "payment." + st.Status, PaymentRequestID: st.PaymentRequestID, Body: body, CreatedAt: now}}
}

// maxRaces bounds the load-apply-write loop under contention.
const maxRaces = 50

// update loads the payment, applies event, and writes the state back if the
// version is unchanged, retrying on a conflict. respond, when not nil, computes
// the stored response from the result (for the idempotent pay replay).
func (s *Service) update(ctx context.Context, id string, event any, respond func(Payment, applyResult) json.RawMessage) (Payment, applyResult, error) {
	for range maxRaces {
		p, err := s.cfg.Store.Payment(ctx, id)
		if err != nil {
			return p, applyResult{}, err
		}
		r, err := s.apply(ctx, p.State, event)
		if err != nil {
			return p, r, err
		}
		next := p
		next.State = r.State
		next.Refs = refs(r.State)
		if respond != nil {
			next.Response = respond(next, r)
		}
		if !r.Changed && respond == nil {
			return p, r, nil
		}
		err = s.cfg.Store.Update(ctx, next, p.Version, s.eventsFor(r, p.Version+1))
		if errors.Is(err, ErrVersionConflict) {
			continue
		}
		if err != nil {
			return p, r, err
		}
		next.Version = p.Version + 1
		return next, r, nil
	}
	return Payment{}, applyResult{}, fmt.Errorf("gateway: payment %s: %w %d times", id, ErrVersionConflict, maxRaces)
}

// newID returns prefix plus 20 random hex digits (ids are the host's to make).
func newID(prefix string) string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func firstAction(r applyResult) json.RawMessage {
	if len(r.Actions) == 0 {
		return nil
	}
	return r.Actions[0]
}
