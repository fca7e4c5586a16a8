package followup

import (
	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
)

// CaptureIntent is the input of capture.build: capture an authorized card payment
// (captureMode MANUAL).
//
// By default a capture is the one full capture of the authorization: Antom's
// checkout guide requires the capture amount to equal the payment amount, and
// partial or multiple captures depend on the merchant's contract (otherwise Antom
// answers MULTI_CAPTURE_NOT_SUPPORTED). Give AuthorizedAmount and paycore enforces
// that: a smaller capture is refused unless AllowPartial is true, a larger one or
// one in another currency always.
type CaptureIntent struct {
	// CaptureRequestID is the idempotency key of this capture (≤64): reuse it to
	// retry the same capture, use a new one for each capture.
	CaptureRequestID string `json:"captureRequestId"`
	// PaymentID is Antom's paymentId of the authorized payment (≤64).
	PaymentID string `json:"paymentId"`
	// Amount is the amount to capture (captureAmount).
	Amount *Amount `json:"amount"`
	// AuthorizedAmount is the payment's authorized amount (paymentAmount), to check
	// the capture against; optional but recommended.
	AuthorizedAmount *Amount `json:"authorizedAmount,omitempty"`
	// AllowPartial allows a capture smaller than AuthorizedAmount, for contracts
	// with partial or multiple captures. It is paycore's, never sent.
	AllowPartial Flag `json:"allowPartial,omitzero"`
	// IsLastCapture is sent as isLastCapture: whether more captures follow.
	IsLastCapture Flag `json:"isLastCapture,omitzero"`
	// Signing, when given, signs the request (see outbound.Signing).
	Signing *outbound.Signing `json:"signing,omitempty"`
}

// BuildCapture turns a capture intent into the capture request.
func BuildCapture(in CaptureIntent) (Built, error) {
	res, perr := buildCapture(in)
	return res, problem.OrNil(perr)
}

// buildCapture is BuildCapture with the concrete error type, for this package.
func buildCapture(in CaptureIntent) (Built, *problem.Error) {
	c := &checks{}
	c.id("captureRequestId", in.CaptureRequestID, 64, "your idempotency key for this capture (a new one for each capture)")
	c.id("paymentId", in.PaymentID, 64, "Antom's paymentId of the authorized payment")
	amount, ok := c.amount("amount", in.Amount)
	switch {
	case in.AuthorizedAmount != nil:
		auth, aok := c.amount("authorizedAmount", in.AuthorizedAmount)
		if ok && aok {
			c.againstAuthorized(amount, auth, in)
		}
	case ok && in.AllowPartial.IsTrue():
		c.warn("authorizedAmount", "recommended", "give authorizedAmount so paycore can check the captures do not exceed it (Antom: CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT)")
	case ok:
		c.warn("authorizedAmount", "recommended", "give authorizedAmount so paycore can check this is the one full capture Antom's checkout guide requires")
	}
	return c.finish("capture", &antom.CaptureRequest{
		CaptureRequestID: in.CaptureRequestID,
		PaymentID:        in.PaymentID,
		CaptureAmount:    amount,
		IsLastCapture:    in.IsLastCapture.wire(),
	}, in.Signing)
}

// againstAuthorized applies the capture amount rules.
func (c *checks) againstAuthorized(capture, auth *antom.Amount, in CaptureIntent) {
	if capture.Currency != auth.Currency {
		c.bad("amount.currency", "currency_mismatch", "a capture must be in the authorized currency, "+auth.Currency)
		return
	}
	switch cmp := compareMinor(capture.Value, auth.Value); {
	case cmp > 0:
		c.bad("amount", "exceeds_authorized", "the capture ("+show(capture)+") exceeds the authorized amount ("+show(auth)+"); Antom would refuse it with CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT")
	case cmp < 0 && !in.AllowPartial.IsTrue():
		c.bad("amount", "partial_capture", "the capture ("+show(capture)+") is less than the authorized amount ("+show(auth)+"): Antom's checkout guide requires one full capture, and partial or multiple captures depend on your contract (MULTI_CAPTURE_NOT_SUPPORTED); set allowPartial: true if yours allows them")
	case cmp < 0 && !in.IsLastCapture.IsSet():
		c.warn("isLastCapture", "recommended", "a partial capture: set isLastCapture to tell Antom whether more captures follow")
	case cmp == 0 && in.IsLastCapture.IsFalse():
		c.warn("isLastCapture", "full_capture_not_last", "this capture takes the whole authorized amount, so no capture can follow it; isLastCapture: false contradicts that")
	}
}
