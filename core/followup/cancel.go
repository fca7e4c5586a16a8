package followup

import (
	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
)

// CancelIntent is the input of cancel.build: cancel a payment that is not captured
// yet (a card authorization can be cancelled up to 7 days after payment; a captured
// card payment is refunded instead). Exactly one of PaymentID and PaymentRequestID.
type CancelIntent struct {
	// PaymentID is Antom's paymentId (≤64).
	PaymentID string `json:"paymentId,omitempty"`
	// PaymentRequestID is your paymentRequestId of the pay request (≤64); it is the
	// only id you have when pay gave no answer.
	PaymentRequestID string `json:"paymentRequestId,omitempty"`
	// MerchantAccountID picks the merchant account when one client id serves
	// several (≤32).
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
	// Signing, when given, signs the request (see outbound.Signing).
	Signing *outbound.Signing `json:"signing,omitempty"`
}

// BuildCancel turns a cancel intent into the cancel request.
func BuildCancel(in CancelIntent) (Built, error) {
	res, perr := buildCancel(in)
	return res, problem.OrNil(perr)
}

// buildCancel is BuildCancel with the concrete error type, for this package.
func buildCancel(in CancelIntent) (Built, *problem.Error) {
	c := &checks{}
	c.eitherID("paymentId", in.PaymentID, "paymentRequestId", in.PaymentRequestID, 64, "the payment to cancel")
	c.id("merchantAccountId", in.MerchantAccountID, 32, "")
	return c.finish("cancel", &antom.CancelRequest{
		PaymentID:         in.PaymentID,
		PaymentRequestID:  in.PaymentRequestID,
		MerchantAccountID: in.MerchantAccountID,
	}, in.Signing)
}
