package antom

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Responses come from Antom, so they are decoded with plain encoding/json: unknown
// fields are ignored (Antom adds fields over time) and every status or code is a
// string type that holds any value, known or not. Only a value of the wrong JSON
// type fails, naming its field.

// ResultStatus is result.resultStatus: S (the call succeeded), F (it failed) or U
// (unknown: the outcome is not known yet). Any other value decodes as is.
type ResultStatus string

// The documented result statuses.
const (
	ResultSuccess ResultStatus = "S"
	ResultFailed  ResultStatus = "F"
	ResultUnknown ResultStatus = "U"
)

// Result is the result object of every Antom response and notification. For the
// inquiry APIs it says whether the inquiry call worked, not how the payment or
// refund went (see InquiryPaymentResponse.PaymentStatus).
type Result struct {
	ResultCode    string       `json:"resultCode"`
	ResultStatus  ResultStatus `json:"resultStatus"`
	ResultMessage string       `json:"resultMessage,omitempty"`
}

// PaymentStatus is inquiryPayment's paymentStatus: the state of the payment itself.
type PaymentStatus string

// The documented payment statuses.
const (
	PaymentSuccess    PaymentStatus = "SUCCESS"
	PaymentFail       PaymentStatus = "FAIL"
	PaymentProcessing PaymentStatus = "PROCESSING"
	PaymentCancelled  PaymentStatus = "CANCELLED"
	PaymentPending    PaymentStatus = "PENDING"
)

// RefundStatus is the refundStatus of inquiryRefund and notifyRefund.
type RefundStatus string

// The documented refund statuses.
const (
	RefundSuccess    RefundStatus = "SUCCESS"
	RefundFail       RefundStatus = "FAIL"
	RefundProcessing RefundStatus = "PROCESSING"
)

// ThreeDSResult is the 3D Secure outcome Antom reports in paymentResultInfo and
// cardInfo. Eci is the electronic commerce indicator (05/02 full authentication,
// 06/01 attempted, 07/00 none). Cavv also decodes from "caav", the misspelling in
// Antom's own authorization guide samples; it always encodes as "cavv".
type ThreeDSResult struct {
	Eci             string `json:"eci,omitempty"`
	Cavv            string `json:"cavv,omitempty"`
	ThreeDSVersion  string `json:"threeDSVersion,omitempty"`
	DsTransactionID string `json:"dsTransactionId,omitempty"`
}

// UnmarshalJSON decodes a threeDSResult, taking cavv from "caav" when "cavv" is
// absent or empty.
func (t *ThreeDSResult) UnmarshalJSON(data []byte) error {
	var v struct {
		Eci             string `json:"eci"`
		Cavv            string `json:"cavv"`
		Caav            string `json:"caav"`
		ThreeDSVersion  string `json:"threeDSVersion"`
		DsTransactionID string `json:"dsTransactionId"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*t = ThreeDSResult{Eci: v.Eci, Cavv: v.Cavv, ThreeDSVersion: v.ThreeDSVersion, DsTransactionID: v.DsTransactionID}
	if t.Cavv == "" {
		t.Cavv = v.Caav
	}
	return nil
}

// PaymentResultInfo is paymentResultInfo of pay, inquiryPayment and notifyPayment
// for CARD: the card's token and masked identity, the raw network answers (AVS, CVV,
// refusal) and the 3D Secure result. It never holds a card number.
type PaymentResultInfo struct {
	CardToken            string         `json:"cardToken,omitempty"`
	CardBrand            CardBrand      `json:"cardBrand,omitempty"`
	LastFour             string         `json:"lastFour,omitempty"`
	Funding              string         `json:"funding,omitempty"`
	IssuingCountry       string         `json:"issuingCountry,omitempty"`
	PaymentMethodRegion  string         `json:"paymentMethodRegion,omitempty"`
	CardCategory         string         `json:"cardCategory,omitempty"`
	AvsResultRaw         string         `json:"avsResultRaw,omitempty"`
	CvvResultRaw         string         `json:"cvvResultRaw,omitempty"`
	NetworkTransactionID string         `json:"networkTransactionId,omitempty"`
	ThreeDSResult        *ThreeDSResult `json:"threeDSResult,omitempty"`
	RefusalCodeRaw       string         `json:"refusalCodeRaw,omitempty"`
	RefusalReasonRaw     string         `json:"refusalReasonRaw,omitempty"`
	MerchantAdviceCode   string         `json:"merchantAdviceCode,omitempty"`
	CredentialTypeUsed   string         `json:"credentialTypeUsed,omitempty"`
}

// CardInfo is cardInfo of inquiryPayment and notifyPayment. Antom's samples put the
// same check fields here as in paymentResultInfo (the Korean samples repeat them).
// The masked card number Antom may add is deliberately not decoded.
type CardInfo struct {
	CardToken           string         `json:"cardToken,omitempty"`
	CardBrand           CardBrand      `json:"cardBrand,omitempty"`
	Funding             string         `json:"funding,omitempty"`
	IssuingCountry      string         `json:"issuingCountry,omitempty"`
	PaymentMethodRegion string         `json:"paymentMethodRegion,omitempty"`
	AvsResultRaw        string         `json:"avsResultRaw,omitempty"`
	CvvResultRaw        string         `json:"cvvResultRaw,omitempty"`
	ThreeDSResult       *ThreeDSResult `json:"threeDSResult,omitempty"`
}

// RedirectActionForm is redirectActionForm of a pay response: where to send the
// buyer and how. Parameters (POST only) is kept as the raw JSON Antom sent: the
// SDKs type it as a string, but its content is Antom's to define.
type RedirectActionForm struct {
	Method         string          `json:"method,omitempty"`
	RedirectURL    string          `json:"redirectUrl,omitempty"`
	Parameters     json.RawMessage `json:"parameters,omitempty"`
	ActionFormType string          `json:"actionFormType,omitempty"`
}

// PaymentActionForm is the object held inside the paymentActionForm string of a pay
// response (the seed's Korean sample names a Toss Payments checkout page).
type PaymentActionForm struct {
	PaymentActionFormType string          `json:"paymentActionFormType,omitempty"`
	ActionFormType        string          `json:"actionFormType,omitempty"`
	Method                string          `json:"method,omitempty"`
	RedirectURL           string          `json:"redirectUrl,omitempty"`
	Parameters            json.RawMessage `json:"parameters,omitempty"`
}

// EmbeddedActionForm is paymentActionForm: on the wire a JSON string that itself
// holds a JSON object. Decoding never fails the enclosing response: a malformed
// value leaves Form nil and says why in Problem, so the rest of the response is
// still read. A bare object (not wrapped in a string) is decoded too, with a Problem
// noting the deviation.
type EmbeddedActionForm struct {
	// Raw is the string as received (for a bare object, its JSON text).
	Raw string
	// Form is the decoded object, nil when absent or malformed.
	Form *PaymentActionForm
	// Problem says why Raw could not be decoded, or how it deviated from the
	// documented form; it never quotes the content.
	Problem string
}

// IsZero reports whether no paymentActionForm was given (for omitzero).
func (e EmbeddedActionForm) IsZero() bool { return e.Raw == "" && e.Form == nil && e.Problem == "" }

// MarshalJSON encodes the form back as a JSON string holding the object, Antom's form.
func (e EmbeddedActionForm) MarshalJSON() ([]byte, error) {
	if e.Raw == "" && e.Form != nil {
		inner, err := json.Marshal(e.Form)
		if err != nil {
			return nil, err
		}
		return json.Marshal(string(inner))
	}
	if e.Raw == "" {
		return []byte("null"), nil
	}
	return json.Marshal(e.Raw)
}

// UnmarshalJSON decodes paymentActionForm. It never returns an error: a malformed
// form is recorded in Problem instead.
func (e *EmbeddedActionForm) UnmarshalJSON(data []byte) error {
	*e = EmbeddedActionForm{}
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0 || string(data) == "null":
		return nil
	case data[0] == '{':
		e.Raw = string(data)
		e.decode(data, "paymentActionForm is an object, not the documented JSON string: ")
		return nil
	case data[0] != '"':
		e.Problem = "paymentActionForm must be a JSON string holding an object, got a JSON " + JSONKind(data)
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		e.Problem = "paymentActionForm is not a valid JSON string"
		return nil
	}
	e.Raw = s
	inner := bytes.TrimSpace([]byte(s))
	switch {
	case len(inner) == 0:
		return nil
	case inner[0] != '{':
		e.Problem = "paymentActionForm must hold a JSON object, it holds a JSON " + JSONKind(inner)
		return nil
	}
	e.decode(inner, "")
	return nil
}

func (e *EmbeddedActionForm) decode(inner []byte, prefix string) {
	var f PaymentActionForm
	if err := json.Unmarshal(inner, &f); err != nil {
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typ):
			e.Problem = prefix + "paymentActionForm." + typ.Field + " has the wrong JSON type (" + typ.Value + ")"
		default:
			e.Problem = prefix + "paymentActionForm does not hold well-formed JSON"
		}
		return
	}
	if prefix != "" {
		e.Problem = prefix + "decoded anyway"
	}
	e.Form = &f
}

// Transaction is one entry of inquiryPayment's transactions: a capture, refund or
// cancellation made on the payment, with its own status and result.
type Transaction struct {
	TransactionResult    *Result `json:"transactionResult,omitempty"`
	TransactionID        string  `json:"transactionId,omitempty"`
	TransactionType      string  `json:"transactionType,omitempty"`
	TransactionStatus    string  `json:"transactionStatus,omitempty"`
	TransactionAmount    *Amount `json:"transactionAmount,omitempty"`
	TransactionRequestID string  `json:"transactionRequestId,omitempty"`
	TransactionTime      string  `json:"transactionTime,omitempty"`
}

// Transaction types and statuses of inquiryPayment's transactions that paycore reads.
const (
	TransactionCapture    = "CAPTURE"
	TransactionSuccess    = "SUCCESS"
	TransactionFail       = "FAIL"
	TransactionProcessing = "PROCESSING"
)

// PayResponse is the response of pay (POST /v1/payments/pay). With resultStatus U
// and resultCode PAYMENT_IN_PROCESS the buyer must be sent to one of NormalURL,
// SchemeURL, ApplinkURL, RedirectActionForm or PaymentActionForm; when none came
// back, the payment was not created.
type PayResponse struct {
	Result              *Result             `json:"result,omitempty"`
	PaymentRequestID    string              `json:"paymentRequestId,omitempty"`
	PaymentID           string              `json:"paymentId,omitempty"`
	PaymentAmount       *Amount             `json:"paymentAmount,omitempty"`
	ActualPaymentAmount *Amount             `json:"actualPaymentAmount,omitempty"`
	PaymentCreateTime   string              `json:"paymentCreateTime,omitempty"`
	PaymentTime         string              `json:"paymentTime,omitempty"`
	AuthExpiryTime      string              `json:"authExpiryTime,omitempty"`
	NormalURL           string              `json:"normalUrl,omitempty"`
	SchemeURL           string              `json:"schemeUrl,omitempty"`
	ApplinkURL          string              `json:"applinkUrl,omitempty"`
	AppIdentifier       string              `json:"appIdentifier,omitempty"`
	RedirectActionForm  *RedirectActionForm `json:"redirectActionForm,omitempty"`
	PaymentActionForm   EmbeddedActionForm  `json:"paymentActionForm,omitzero"`
	PaymentResultInfo   *PaymentResultInfo  `json:"paymentResultInfo,omitempty"`
	AcquirerInfo        *AcquirerInfo       `json:"acquirerInfo,omitempty"`
}

// AcquirerInfo is acquirerInfo of a pay response: the acquirer that processed the
// payment and its own ids and result, as Antom's specification defines it.
type AcquirerInfo struct {
	AcquirerName              string `json:"acquirerName,omitempty"`
	ReferenceRequestID        string `json:"referenceRequestId,omitempty"`
	AcquirerTransactionID     string `json:"acquirerTransactionId,omitempty"`
	AcquirerMerchantID        string `json:"acquirerMerchantId,omitempty"`
	AcquirerMerchantName      string `json:"acquirerMerchantName,omitempty"`
	AcquirerResultCode        string `json:"acquirerResultCode,omitempty"`
	AcquirerResultMessage     string `json:"acquirerResultMessage,omitempty"`
	AcquirerReasonDescription string `json:"acquirerReasonDescription,omitempty"`
	AcquirerCardToken         string `json:"acquirerCardToken,omitempty"`
	PtspTransactionID         string `json:"ptspTransactionId,omitempty"`
}

// InquiryPaymentResponse is the response of inquiryPayment. Result only says
// whether the inquiry worked; PaymentStatus is the payment's state and
// PaymentResultCode/Message its detailed result.
type InquiryPaymentResponse struct {
	Result               *Result            `json:"result,omitempty"`
	PaymentStatus        PaymentStatus      `json:"paymentStatus,omitempty"`
	PaymentResultCode    string             `json:"paymentResultCode,omitempty"`
	PaymentResultMessage string             `json:"paymentResultMessage,omitempty"`
	PaymentRequestID     string             `json:"paymentRequestId,omitempty"`
	PaymentID            string             `json:"paymentId,omitempty"`
	PaymentAmount        *Amount            `json:"paymentAmount,omitempty"`
	ActualPaymentAmount  *Amount            `json:"actualPaymentAmount,omitempty"`
	PaymentMethodType    string             `json:"paymentMethodType,omitempty"`
	PaymentRedirectURL   string             `json:"paymentRedirectUrl,omitempty"`
	PaymentCreateTime    string             `json:"paymentCreateTime,omitempty"`
	PaymentTime          string             `json:"paymentTime,omitempty"`
	AuthExpiryTime       string             `json:"authExpiryTime,omitempty"`
	PaymentResultInfo    *PaymentResultInfo `json:"paymentResultInfo,omitempty"`
	CardInfo             *CardInfo          `json:"cardInfo,omitempty"`
	Transactions         []Transaction      `json:"transactions,omitempty"`
	AcquirerReferenceNo  string             `json:"acquirerReferenceNo,omitempty"`
}

// CaptureResponse is the response of capture. The ids, amount and time come back
// when the capture succeeded; U with CAPTURE_IN_PROCESS means wait for notifyCapture.
type CaptureResponse struct {
	Result              *Result `json:"result,omitempty"`
	CaptureRequestID    string  `json:"captureRequestId,omitempty"`
	CaptureID           string  `json:"captureId,omitempty"`
	PaymentID           string  `json:"paymentId,omitempty"`
	CaptureAmount       *Amount `json:"captureAmount,omitempty"`
	CaptureTime         string  `json:"captureTime,omitempty"`
	AcquirerReferenceNo string  `json:"acquirerReferenceNo,omitempty"`
}

// CancelResponse is the response of cancel; CancelTime comes back when it succeeded.
type CancelResponse struct {
	Result           *Result `json:"result,omitempty"`
	PaymentID        string  `json:"paymentId,omitempty"`
	PaymentRequestID string  `json:"paymentRequestId,omitempty"`
	CancelTime       string  `json:"cancelTime,omitempty"`
}

// RefundResponse is the response of refund.
type RefundResponse struct {
	Result              *Result `json:"result,omitempty"`
	RefundRequestID     string  `json:"refundRequestId,omitempty"`
	RefundID            string  `json:"refundId,omitempty"`
	PaymentID           string  `json:"paymentId,omitempty"`
	RefundAmount        *Amount `json:"refundAmount,omitempty"`
	RefundTime          string  `json:"refundTime,omitempty"`
	AcquirerReferenceNo string  `json:"acquirerReferenceNo,omitempty"`
}

// InquiryRefundResponse is the response of inquiryRefund. Result only says whether
// the inquiry worked; RefundStatus is the refund's state.
type InquiryRefundResponse struct {
	Result          *Result      `json:"result,omitempty"`
	RefundID        string       `json:"refundId,omitempty"`
	RefundRequestID string       `json:"refundRequestId,omitempty"`
	RefundAmount    *Amount      `json:"refundAmount,omitempty"`
	RefundStatus    RefundStatus `json:"refundStatus,omitempty"`
	RefundTime      string       `json:"refundTime,omitempty"`
}
