package antom

import (
	"encoding/json"
	"reflect"
)

// The requests that follow pay (capture, cancel, inquiryPayment, refund,
// inquiryRefund) or precede it (consult), and the consult response. Request field
// order is the order the followup package emits; every field is omitted when empty,
// so a body holds only what was given. Lengths are those of Antom's API reference
// and the official SDKs' model documentation (see docs/DECISIONS.md, "The requests around pay").

// CaptureRequest is the body of POST /v1/payments/capture: capture (part of) an
// authorized card payment. CaptureRequestID is the idempotency key of the capture.
type CaptureRequest struct {
	CaptureRequestID string  `json:"captureRequestId,omitempty"`
	PaymentID        string  `json:"paymentId,omitempty"`
	CaptureAmount    *Amount `json:"captureAmount,omitempty"`
	// IsLastCapture says whether more captures follow (multiple captures only).
	IsLastCapture Bool `json:"isLastCapture,omitzero"`
}

// CancelRequest is the body of POST /v1/payments/cancel. Antom accepts paymentId
// or paymentRequestId and uses paymentId when both are given.
type CancelRequest struct {
	PaymentID         string `json:"paymentId,omitempty"`
	PaymentRequestID  string `json:"paymentRequestId,omitempty"`
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
}

// InquiryPaymentRequest is the body of POST /v1/payments/inquiryPayment. Antom
// accepts paymentId or paymentRequestId and uses paymentId when both are given.
type InquiryPaymentRequest struct {
	PaymentID         string `json:"paymentId,omitempty"`
	PaymentRequestID  string `json:"paymentRequestId,omitempty"`
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
}

// InquiryRefundRequest is the body of POST /v1/payments/inquiryRefund, by Antom's
// refundId or the merchant's refundRequestId.
type InquiryRefundRequest struct {
	RefundID          string `json:"refundId,omitempty"`
	RefundRequestID   string `json:"refundRequestId,omitempty"`
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
}

// RefundRequest is the body of POST /v1/payments/refund. RefundRequestID is the
// idempotency key of the refund.
type RefundRequest struct {
	RefundRequestID   string  `json:"refundRequestId,omitempty"`
	PaymentID         string  `json:"paymentId,omitempty"`
	ReferenceRefundID string  `json:"referenceRefundId,omitempty"`
	RefundAmount      *Amount `json:"refundAmount,omitempty"`
	RefundReason      string  `json:"refundReason,omitempty"`
	RefundNotifyURL   string  `json:"refundNotifyUrl,omitempty"`
	CaptureID         string  `json:"captureId,omitempty"`
}

// ConsultRequest is the body of POST /v1/payments/consult (productCode
// CASHIER_PAYMENT): which payment methods and card brands can pay this amount.
type ConsultRequest struct {
	ProductCode                 string              `json:"productCode,omitempty"`
	PaymentAmount               *Amount             `json:"paymentAmount,omitempty"`
	PaymentFactor               *PaymentFactor      `json:"paymentFactor,omitempty"`
	UserRegion                  string              `json:"userRegion,omitempty"`
	MerchantRegion              string              `json:"merchantRegion,omitempty"`
	AllowedPaymentMethodRegions []string            `json:"allowedPaymentMethodRegions,omitempty"`
	SettlementStrategy          *SettlementStrategy `json:"settlementStrategy,omitempty"`
	Env                         *Env                `json:"env,omitempty"`
	MerchantAccountID           string              `json:"merchantAccountId,omitempty"`
}

// ConsultResponse is the response of consult. Like every response it is decoded
// without refusing unknown fields; only a value of the wrong JSON type fails.
type ConsultResponse struct {
	Result         *Result         `json:"result,omitempty"`
	PaymentOptions []PaymentOption `json:"paymentOptions,omitempty"`
}

// PaymentOption is one entry of consult's paymentOptions: a payment method, whether
// it can pay this amount now, and for CARD the brands it accepts.
type PaymentOption struct {
	PaymentMethodType     string     `json:"paymentMethodType,omitempty"`
	PaymentMethodCategory string     `json:"paymentMethodCategory,omitempty"`
	PaymentMethodRegion   StringList `json:"paymentMethodRegion,omitempty"`
	// Enabled is true when the method is available; Antom's pages send booleans as
	// JSON booleans or strings, and Bool reads both.
	Enabled             Bool                 `json:"enabled,omitzero"`
	Preferred           Bool                 `json:"preferred,omitzero"`
	DisableReason       string               `json:"disableReason,omitempty"`
	SupportedCurrencies StringList           `json:"supportedCurrencies,omitempty"`
	PaymentOptionDetail *PaymentOptionDetail `json:"paymentOptionDetail,omitempty"`
	Logo                *Logo                `json:"logo,omitempty"`
}

// PaymentOptionDetail is paymentOptionDetail of a payment option: the card brands
// and funding types a CARD option accepts, or the banks of a bank method.
type PaymentOptionDetail struct {
	SupportCardBrands []SupportCardBrand `json:"supportCardBrands,omitempty"`
	Funding           StringList         `json:"funding,omitempty"`
	SupportBanks      []SupportBank      `json:"supportBanks,omitempty"`
}

// SupportCardBrand is one card brand a CARD option accepts.
type SupportCardBrand struct {
	CardBrand CardBrand `json:"cardBrand,omitempty"`
	Logo      *Logo     `json:"logo,omitempty"`
}

// SupportBank is one bank a bank payment method supports.
type SupportBank struct {
	BankIdentifierCode string `json:"bankIdentifierCode,omitempty"`
	BankShortName      string `json:"bankShortName,omitempty"`
	BankLogo           *Logo  `json:"bankLogo,omitempty"`
}

// Logo is a logo Antom hosts for a method, brand or bank.
type Logo struct {
	LogoName string `json:"logoName,omitempty"`
	LogoURL  string `json:"logoUrl,omitempty"`
}

// StringList is a list of strings that also decodes from a single string, since a
// field Antom types as an array (paymentMethodRegion) is sometimes shown as one
// value. Any other JSON type fails with a type error naming the field.
type StringList []string

// UnmarshalJSON accepts an array of strings, a string, or null.
func (l *StringList) UnmarshalJSON(data []byte) error {
	switch {
	case string(data) == "null":
		*l = nil
		return nil
	case len(data) > 0 && data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*l = StringList{s}
		return nil
	case len(data) > 0 && data[0] == '[':
		var ss []string
		if err := json.Unmarshal(data, &ss); err != nil {
			return &json.UnmarshalTypeError{Value: "array holding a non-string", Type: reflect.TypeFor[[]string]()}
		}
		*l = ss
		return nil
	}
	return &json.UnmarshalTypeError{Value: JSONKind(data), Type: reflect.TypeFor[[]string]()}
}
