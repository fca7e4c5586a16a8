package gateway

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/paycore/paycore/gateway/antomclient"
	"github.com/paycore/paycore/gateway/coreop"
)

// action is one payment.apply action, with the fields the gateway passes on.
type action struct {
	Kind             string          `json:"kind"`
	API              string          `json:"api"`
	CaptureRequestID string          `json:"captureRequestId"`
	RefundRequestID  string          `json:"refundRequestId"`
	Amount           json.RawMessage `json:"amount"`
}

// interpretation is the part of response.interpret's result the answer lifts out.
type interpretation struct {
	Outcome string          `json:"outcome"`
	Action  json.RawMessage `json:"action"`
}

// Pay builds, signs and sends a pay request from a merchant intent (pay.build's
// input, without signing). A repeat with the same Idempotency-Key or
// paymentRequestId returns the stored answer and sends nothing.
func (s *Service) Pay(ctx context.Context, intent []byte, idemKey string) (Answer, *Error) {
	if idemKey != "" {
		p, err := s.cfg.Store.PaymentByIdempotencyKey(ctx, idemKey)
		if err == nil {
			return s.replay(ctx, p)
		}
		if !errors.Is(err, ErrNotFound) {
			return Answer{}, unavailable(err)
		}
	}
	var in map[string]json.RawMessage
	if err := json.Unmarshal(intent, &in); err != nil || in == nil {
		return Answer{}, &Error{Status: 400, Code: "BAD_JSON", Message: "the body must be a JSON object: a pay.build intent"}
	}
	if _, ok := in["signing"]; ok {
		return Answer{}, &Error{Status: 400, Code: "BAD_INPUT", Message: "signing is the gateway's: leave it out of the intent"}
	}
	if _, ok := in["now"]; !ok {
		in["now"], _ = json.Marshal(s.now())
	}
	if _, ok := in["paymentRequestId"]; !ok {
		in["paymentRequestId"], _ = json.Marshal(newID("PAY_"))
	}
	in["signing"], _ = json.Marshal(s.signing())
	var req antomclient.Request
	if err := coreop.Call(ctx, s.cfg.Engine, "pay.build", in, &req); err != nil {
		return Answer{}, fromOp(err)
	}
	var body struct {
		PaymentRequestID string          `json:"paymentRequestId"`
		PaymentAmount    json.RawMessage `json:"paymentAmount"`
		Order            struct {
			ReferenceOrderID string `json:"referenceOrderId"`
		} `json:"order"`
		PaymentFactor struct {
			CaptureMode string `json:"captureMode"`
		} `json:"paymentFactor"`
	}
	if err := json.Unmarshal([]byte(req.Body), &body); err != nil {
		return Answer{}, unavailable(err)
	}
	r, err := s.apply(ctx, nil, map[string]any{"type": "pay_requested", "paymentRequestId": body.PaymentRequestID,
		"orderId": body.Order.ReferenceOrderID, "amount": body.PaymentAmount, "captureMode": body.PaymentFactor.CaptureMode})
	if err != nil {
		return Answer{}, fromOp(err)
	}
	p := Payment{ID: body.PaymentRequestID, IdempotencyKey: idemKey, State: r.State, Version: 1}
	if err := s.cfg.Store.Create(ctx, p, s.eventsFor(r, 1)); err != nil {
		if !errors.Is(err, ErrDuplicate) {
			return Answer{}, unavailable(err)
		}
		existing, lerr := s.cfg.Store.Payment(ctx, p.ID)
		if lerr != nil && idemKey != "" {
			existing, lerr = s.cfg.Store.PaymentByIdempotencyKey(ctx, idemKey)
		}
		if lerr != nil {
			return Answer{}, unavailable(lerr)
		}
		return s.replay(ctx, existing)
	}
	mode := ""
	_ = json.Unmarshal(in["mode"], &mode)
	return s.exchange(ctx, p.ID, req, exchange{api: "pay", event: "pay_response", context: map[string]any{"captureMode": body.PaymentFactor.CaptureMode, "mode": mode}, store: true})
}

// replay answers a repeated pay call: the stored answer, or, when the first call
// never finished, what an inquiry finds.
func (s *Service) replay(ctx context.Context, p Payment) (Answer, *Error) {
	if len(p.Response) != 0 {
		var a Answer
		if err := json.Unmarshal(p.Response, &a); err == nil {
			return a, nil
		}
	}
	return s.Get(ctx, p.ID, true)
}

// exchange describes one request to Antom and how its answer becomes an event.
type exchange struct {
	api     string         // response.interpret's api
	event   string         // payment.apply's *_response event
	ids     map[string]any // the request id fields the event carries (captureRequestId, refundRequestId)
	context map[string]any // response.interpret's context
	store   bool           // store the answer for idempotent replays (pay)
}

// exchange sends req, interprets and applies the answer, or applies a timeout
// and (for pay) inquires with the same id.
func (s *Service) exchange(ctx context.Context, id string, req antomclient.Request, x exchange) (Answer, *Error) {
	resp, err := s.cfg.Antom.Send(ctx, req)
	var na *antomclient.NoAnswerError
	if errors.As(err, &na) {
		ev := map[string]any{"type": "timeout", "api": x.api, "transport": na.Transport, "attempt": na.Attempts}
		for k, v := range x.ids {
			ev[k] = v
		}
		if _, _, err := s.update(ctx, id, ev, nil); err != nil {
			return Answer{}, s.storeErr(err)
		}
		if x.api == "pay" {
			return s.Get(ctx, id, true)
		}
		return s.Get(ctx, id, false)
	}
	if err != nil {
		return Answer{}, unavailable(err)
	}
	var interp json.RawMessage
	if err := coreop.Call(ctx, s.cfg.Engine, "response.interpret", map[string]any{"api": x.api, "response": json.RawMessage(resp.Body), "context": x.context}, &interp); err != nil {
		return Answer{}, fromOp(err)
	}
	var it interpretation
	_ = json.Unmarshal(interp, &it)
	ev := map[string]any{"type": x.event, "response": json.RawMessage(resp.Body), "attempt": resp.Attempt}
	for k, v := range x.ids {
		ev[k] = v
	}
	var respond func(Payment, applyResult) json.RawMessage
	if x.store {
		respond = func(p Payment, r applyResult) json.RawMessage {
			b, _ := json.Marshal(Answer{Payment: r.State, Version: p.Version + 1, Outcome: it.Outcome, NextAction: it.Action, Interpretation: interp, AntomResponse: resp.Body, Effect: r.Effect, Reason: r.Reason})
			return b
		}
	}
	p, r, err := s.update(ctx, id, ev, respond)
	if err != nil {
		return Answer{}, s.storeErr(err)
	}
	return Answer{Payment: p.State, Version: p.Version, Outcome: it.Outcome, NextAction: it.Action, Interpretation: interp, AntomResponse: resp.Body, Effect: r.Effect, Reason: r.Reason}, nil
}

func (s *Service) storeErr(err error) *Error {
	if errors.Is(err, ErrNotFound) {
		return &Error{Status: 404, Code: "NOT_FOUND", Message: "no such payment"}
	}
	var oe *coreop.Error
	if errors.As(err, &oe) {
		return &Error{Status: 500, Code: oe.Code, Message: oe.Message, Detail: oe}
	}
	return unavailable(err)
}

// Get answers the stored state; with refresh it first inquires Antom (same
// paymentRequestId) and applies the answer.
func (s *Service) Get(ctx context.Context, id string, refresh bool) (Answer, *Error) {
	if refresh {
		var req antomclient.Request
		if err := coreop.Call(ctx, s.cfg.Engine, "inquiry.build", map[string]any{"api": "inquiryPayment", "paymentRequestId": id, "signing": s.signing()}, &req); err != nil {
			return Answer{}, fromOp(err)
		}
		if _, err := s.cfg.Store.Payment(ctx, id); err != nil {
			return Answer{}, s.storeErr(err)
		}
		resp, err := s.cfg.Antom.Send(ctx, req)
		var na *antomclient.NoAnswerError
		switch {
		case errors.As(err, &na):
			if _, _, err := s.update(ctx, id, map[string]any{"type": "timeout", "api": "inquiryPayment", "transport": na.Transport, "attempt": na.Attempts}, nil); err != nil {
				return Answer{}, s.storeErr(err)
			}
		case err != nil:
			return Answer{}, unavailable(err)
		default:
			st, err := s.cfg.Store.Payment(ctx, id)
			if err != nil {
				return Answer{}, s.storeErr(err)
			}
			var interp json.RawMessage
			if err := coreop.Call(ctx, s.cfg.Engine, "response.interpret", map[string]any{"api": "inquiryPayment", "response": json.RawMessage(resp.Body), "context": map[string]any{"captureMode": view(st.State).CaptureMode}}, &interp); err != nil {
				return Answer{}, fromOp(err)
			}
			var it interpretation
			_ = json.Unmarshal(interp, &it)
			p, r, err := s.update(ctx, id, map[string]any{"type": "inquiry_response", "response": json.RawMessage(resp.Body), "attempt": resp.Attempt}, nil)
			if err != nil {
				return Answer{}, s.storeErr(err)
			}
			return Answer{Payment: p.State, Version: p.Version, Outcome: it.Outcome, NextAction: it.Action, Interpretation: interp, AntomResponse: resp.Body, Effect: r.Effect, Reason: r.Reason}, nil
		}
	}
	p, err := s.cfg.Store.Payment(ctx, id)
	if err != nil {
		return Answer{}, s.storeErr(err)
	}
	return Answer{Payment: p.State, Version: p.Version}, nil
}

// Command is a merchant command on a payment: capture, cancel or refund.
type Command struct {
	// Kind is "capture", "cancel" or "refund".
	Kind string
	// RequestID is the captureRequestId or refundRequestId (made when empty).
	RequestID string `json:"requestId"`
	// Amount is the amount to capture (default: the authorized amount) or refund (required).
	Amount json.RawMessage `json:"amount"`
	// AllowPartial allows a partial or second capture.
	AllowPartial bool `json:"allowPartial"`
}

// Do runs a command: payment.apply's guards first (a refusal is 409 with the
// core's reason, and nothing is sent), then the request the core builds.
func (s *Service) Do(ctx context.Context, id string, c Command) (Answer, *Error) {
	ev := map[string]any{}
	switch c.Kind {
	case "capture":
		if c.RequestID == "" {
			c.RequestID = newID("CAP_")
		}
		ev["type"], ev["captureRequestId"] = "capture_requested", c.RequestID
		if c.AllowPartial {
			ev["allowPartial"] = true
		}
	case "cancel":
		ev["type"] = "cancel_requested"
	case "refund":
		if c.RequestID == "" {
			c.RequestID = newID("REF_")
		}
		ev["type"], ev["refundRequestId"] = "refund_requested", c.RequestID
	default:
		return Answer{}, &Error{Status: 404, Code: "NOT_FOUND", Message: "unknown command"}
	}
	if len(c.Amount) != 0 && c.Kind != "cancel" {
		ev["amount"] = c.Amount
	}
	p, r, err := s.update(ctx, id, ev, nil)
	if err != nil {
		var oe *coreop.Error
		if errors.As(err, &oe) {
			return Answer{}, fromOp(err)
		}
		return Answer{}, s.storeErr(err)
	}
	if r.Effect == "refused" {
		return Answer{}, &Error{Status: 409, Code: "REFUSED", Reason: r.Reason, Message: r.Message}
	}
	var a action
	_ = json.Unmarshal(firstAction(r), &a)
	if a.Kind != c.Kind {
		// Accepted but nothing to send (a repeat of a finished command).
		return Answer{Payment: p.State, Version: p.Version, NextAction: firstAction(r), Effect: r.Effect, Reason: r.Reason}, nil
	}
	st := view(p.State)
	var op string
	var in map[string]any
	x := exchange{api: c.Kind, event: c.Kind + "_response", context: map[string]any{"captureMode": st.CaptureMode}}
	switch c.Kind {
	case "capture":
		op = "capture.build"
		in = map[string]any{"captureRequestId": a.CaptureRequestID, "paymentId": st.PaymentID, "amount": a.Amount}
		x.ids = map[string]any{"captureRequestId": a.CaptureRequestID}
	case "cancel":
		op = "cancel.build"
		in = map[string]any{"paymentRequestId": id}
	case "refund":
		op = "refund.build"
		in = map[string]any{"refundRequestId": a.RefundRequestID, "paymentId": st.PaymentID, "amount": a.Amount}
		x.ids = map[string]any{"refundRequestId": a.RefundRequestID}
	}
	in["signing"] = s.signing()
	var req antomclient.Request
	if err := coreop.Call(ctx, s.cfg.Engine, op, in, &req); err != nil {
		return Answer{}, fromOp(err)
	}
	return s.exchange(ctx, id, req, x)
}
