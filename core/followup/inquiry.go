package followup

import (
	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
)

// The APIs inquiry.build can build.
const (
	// APIInquiryPayment asks for a payment's state (paymentStatus).
	APIInquiryPayment = "inquiryPayment"
	// APIInquiryRefund asks for a refund's state (refundStatus).
	APIInquiryRefund = "inquiryRefund"
)

// InquiryIntent is the input of inquiry.build. API picks the inquiry: for
// inquiryPayment give exactly one of PaymentID and PaymentRequestID, for
// inquiryRefund exactly one of RefundID and RefundRequestID (after a refund timed
// out, Antom says to inquire by refundRequestId).
type InquiryIntent struct {
	// API is inquiryPayment or inquiryRefund (required).
	API string `json:"api"`
	// PaymentID is Antom's paymentId (inquiryPayment, ≤64).
	PaymentID string `json:"paymentId,omitempty"`
	// PaymentRequestID is your paymentRequestId (inquiryPayment, ≤64).
	PaymentRequestID string `json:"paymentRequestId,omitempty"`
	// RefundID is Antom's refundId (inquiryRefund, ≤64).
	RefundID string `json:"refundId,omitempty"`
	// RefundRequestID is your refundRequestId (inquiryRefund, ≤64).
	RefundRequestID string `json:"refundRequestId,omitempty"`
	// MerchantAccountID picks the merchant account when one client id serves
	// several (≤32).
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
	// Signing, when given, signs the request (see outbound.Signing).
	Signing *outbound.Signing `json:"signing,omitempty"`
}

// BuildInquiry turns an inquiry intent into an inquiryPayment or inquiryRefund
// request. A missing or unknown API is BAD_INPUT, like pay.build's mode.
func BuildInquiry(in InquiryIntent) (Built, error) {
	res, perr := buildInquiry(in)
	return res, problem.OrNil(perr)
}

// buildInquiry is BuildInquiry with the concrete error type, for this package.
func buildInquiry(in InquiryIntent) (Built, *problem.Error) {
	c := &checks{}
	var body any
	switch in.API {
	case APIInquiryPayment:
		c.eitherID("paymentId", in.PaymentID, "paymentRequestId", in.PaymentRequestID, 64, "the payment to inquire about")
		c.wrongAPI("refundId", in.RefundID, APIInquiryRefund)
		c.wrongAPI("refundRequestId", in.RefundRequestID, APIInquiryRefund)
		body = &antom.InquiryPaymentRequest{PaymentID: in.PaymentID, PaymentRequestID: in.PaymentRequestID, MerchantAccountID: in.MerchantAccountID}
	case APIInquiryRefund:
		c.eitherID("refundRequestId", in.RefundRequestID, "refundId", in.RefundID, 64, "the refund to inquire about (after a refund timeout, inquire by refundRequestId)")
		c.wrongAPI("paymentId", in.PaymentID, APIInquiryPayment)
		c.wrongAPI("paymentRequestId", in.PaymentRequestID, APIInquiryPayment)
		body = &antom.InquiryRefundRequest{RefundID: in.RefundID, RefundRequestID: in.RefundRequestID, MerchantAccountID: in.MerchantAccountID}
	case "":
		return Built{}, &problem.Error{Code: problem.BadInput, Field: "api", Message: "api is required: inquiryPayment or inquiryRefund"}
	default:
		return Built{}, &problem.Error{Code: problem.BadInput, Field: "api", Message: "api must be inquiryPayment or inquiryRefund"}
	}
	c.id("merchantAccountId", in.MerchantAccountID, 32, "")
	return c.finish(in.API, body, in.Signing)
}

// wrongAPI refuses an id that belongs to the other inquiry.
func (c *checks) wrongAPI(field, v, api string) {
	if v != "" {
		c.bad(field, "api_mismatch", field+" belongs to api "+api)
	}
}
