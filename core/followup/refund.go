package followup

import (
	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
)

// RefundIntent is the input of refund.build: refund (part of) a successful
// payment. Partial and several refunds are allowed within a year, their total at
// most the amount paid (Antom checks that: REFUND_AMOUNT_EXCEED).
type RefundIntent struct {
	// RefundRequestID is the idempotency key of this refund (≤64): reuse it to
	// retry the same refund, use a new one for each refund.
	RefundRequestID string `json:"refundRequestId"`
	// PaymentID is Antom's paymentId of the payment to refund (≤64).
	PaymentID string `json:"paymentId"`
	// Amount is the amount to refund (refundAmount).
	Amount *Amount `json:"amount"`
	// Reason is refundReason (≤256 characters).
	Reason string `json:"reason,omitempty"`
	// ReferenceRefundID is your own id of the refund (≤64).
	ReferenceRefundID string `json:"referenceRefundId,omitempty"`
	// NotifyURL receives notifyRefund (refundNotifyUrl, ≤1024).
	NotifyURL string `json:"notifyUrl,omitempty"`
	// CaptureID is the captureId of the capture to refund, with multiple captures
	// (≤64).
	CaptureID string `json:"captureId,omitempty"`
	// Signing, when given, signs the request (see outbound.Signing).
	Signing *outbound.Signing `json:"signing,omitempty"`
}

// BuildRefund turns a refund intent into the refund request.
func BuildRefund(in RefundIntent) (Built, error) {
	res, perr := buildRefund(in)
	return res, problem.OrNil(perr)
}

// buildRefund is BuildRefund with the concrete error type, for this package.
func buildRefund(in RefundIntent) (Built, *problem.Error) {
	c := &checks{}
	c.id("refundRequestId", in.RefundRequestID, 64, "your idempotency key for this refund (a new one for each refund)")
	c.id("paymentId", in.PaymentID, 64, "Antom's paymentId of the payment to refund")
	amount, _ := c.amount("amount", in.Amount)
	c.text("reason", in.Reason, 256)
	c.id("referenceRefundId", in.ReferenceRefundID, 64, "")
	c.url("notifyUrl", in.NotifyURL, 1024)
	c.id("captureId", in.CaptureID, 64, "")
	return c.finish("refund", &antom.RefundRequest{
		RefundRequestID:   in.RefundRequestID,
		PaymentID:         in.PaymentID,
		ReferenceRefundID: in.ReferenceRefundID,
		RefundAmount:      amount,
		RefundReason:      in.Reason,
		RefundNotifyURL:   in.NotifyURL,
		CaptureID:         in.CaptureID,
	}, in.Signing)
}
