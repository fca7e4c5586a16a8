package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/paycore/paycore/gateway/coreop"
)

// Ack is Antom's acknowledgement, exactly as notification.parse gives it.
type Ack struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// parsed is the part of notification.parse's result the receiver uses.
type parsed struct {
	NotifyType       string `json:"notifyType"`
	PaymentRequestID string `json:"paymentRequestId"`
	PaymentID        string `json:"paymentId"`
	CaptureRequestID string `json:"captureRequestId"`
	RefundRequestID  string `json:"refundRequestId"`
	DedupeKey        string `json:"dedupeKey"`
	Ack              Ack    `json:"ack"`
}

// Receive handles one notification: verified over the raw body and parsed by the
// core, then in one transaction written to the inbox (a dedupe key already there
// is a duplicate: acknowledged, no effect), applied to the payment and its event
// written to the outbox. Only after the commit does it return Antom's ack. Any
// failure before the commit is an *Error (5xx, no ack) so that Antom resends; a
// bad signature is 401.
func (s *Service) Receive(ctx context.Context, path string, header http.Header, body []byte) (Ack, *Error) {
	headers := map[string]string{}
	for k, v := range header {
		if len(v) > 0 {
			headers[strings.ToLower(k)] = v[0]
		}
	}
	var n parsed
	err := coreop.Call(ctx, s.cfg.Engine, "notification.parse", map[string]any{"path": path, "headers": headers,
		"body": string(body), "publicKey": s.cfg.AntomPublicKey, "now": s.now()}, &n)
	if err != nil {
		var oe *coreop.Error
		if errors.As(err, &oe) {
			status := 400
			if oe.Code == "BAD_SIGNATURE" {
				status = 401
			}
			return Ack{}, &Error{Status: status, Code: oe.Code, Reason: oe.Reason, Message: oe.Message, Detail: oe}
		}
		return Ack{}, unavailable(err)
	}
	in := InboxEntry{DedupeKey: n.DedupeKey, PaymentRequestID: n.PaymentRequestID, NotifyType: n.NotifyType, Body: body, ReceivedAt: s.cfg.Now()}
	for range maxRaces {
		p, err := s.find(ctx, n)
		var next *Payment
		var events []Event
		switch {
		case errors.Is(err, ErrNotFound):
			// Not known yet (a capture notification naming only the paymentId
			// before the pay response stored it), or not a payment this gateway
			// made: no ack, so Antom resends it later.
			return Ack{}, &Error{Status: 503, Code: "UNKNOWN_PAYMENT", Message: "no stored payment matches this notification yet; it is not acknowledged, so Antom sends it again"}
		case err != nil:
			return Ack{}, unavailable(err)
		default:
			in.PaymentRequestID = p.ID
			r, err := s.apply(ctx, p.State, map[string]any{"type": "notification", "notification": json.RawMessage(body)})
			var oe *coreop.Error
			switch {
			case errors.As(err, &oe):
				// The core cannot apply it to this payment: kept in the inbox for review.
			case err != nil:
				return Ack{}, unavailable(err)
			case r.Changed:
				next = &Payment{ID: p.ID, IdempotencyKey: p.IdempotencyKey, Refs: refs(r.State), State: r.State, Response: p.Response}
				events = s.eventsFor(r, p.Version+1)
			}
		}
		err = s.cfg.Store.Receive(ctx, in, next, p.Version, events)
		switch {
		case err == nil, errors.Is(err, ErrDuplicate):
			return n.Ack, nil
		case errors.Is(err, ErrVersionConflict):
			continue
		default:
			return Ack{}, unavailable(err)
		}
	}
	return Ack{}, unavailable(ErrVersionConflict)
}

// find loads the payment a notification is about: by paymentRequestId
// (notifyPayment), else by the first other id it names that the store knows
// (paymentId, captureRequestId, refundRequestId).
func (s *Service) find(ctx context.Context, n parsed) (Payment, error) {
	if n.PaymentRequestID != "" {
		return s.cfg.Store.Payment(ctx, n.PaymentRequestID)
	}
	for _, ref := range []string{n.PaymentID, n.CaptureRequestID, n.RefundRequestID} {
		if ref == "" {
			continue
		}
		p, err := s.cfg.Store.PaymentByRef(ctx, ref)
		if !errors.Is(err, ErrNotFound) {
			return p, err
		}
	}
	return Payment{}, ErrNotFound
}
