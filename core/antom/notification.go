package antom

// Notifications are requests Antom sends to the merchant's notify URL. Like
// responses they are decoded without refusing unknown fields. Verify the signature
// over the raw bytes before decoding them (package signature).

// NotifyType is the notifyType of a notification. Any value decodes; the constants
// are the documented ones.
type NotifyType string

// The documented notification types.
const (
	// NotifyPaymentResult (notifyPayment): S = the payment succeeded (authorized for
	// card authorizations), F = it failed.
	NotifyPaymentResult NotifyType = "PAYMENT_RESULT"
	// NotifyPaymentPending (notifyPayment): S = the payment is still being processed.
	NotifyPaymentPending NotifyType = "PAYMENT_PENDING"
	// NotifyUpdateAmountResult (notifyPayment, listed on the Chinese page only): the
	// result of an amount update, not of the payment.
	NotifyUpdateAmountResult NotifyType = "UPDATE_AMOUNT_RESULT"
	// NotifyCaptureResult (notifyCapture): S = captured, F = the capture failed.
	NotifyCaptureResult NotifyType = "CAPTURE_RESULT"
	// NotifyRefundResult (notifyRefund): the refund's final result, also in refundStatus.
	NotifyRefundResult NotifyType = "REFUND_RESULT"
)

// NotificationHead holds the two fields every notification carries. Decode it first
// to pick the full type.
type NotificationHead struct {
	NotifyType NotifyType `json:"notifyType"`
	Result     *Result    `json:"result,omitempty"`
}

// PaymentNotification is the body of notifyPayment (PAYMENT_RESULT or PAYMENT_PENDING).
type PaymentNotification struct {
	NotifyType          NotifyType         `json:"notifyType"`
	Result              *Result            `json:"result,omitempty"`
	PaymentRequestID    string             `json:"paymentRequestId,omitempty"`
	PaymentID           string             `json:"paymentId,omitempty"`
	PaymentAmount       *Amount            `json:"paymentAmount,omitempty"`
	ActualPaymentAmount *Amount            `json:"actualPaymentAmount,omitempty"`
	PaymentCreateTime   string             `json:"paymentCreateTime,omitempty"`
	PaymentTime         string             `json:"paymentTime,omitempty"`
	AuthExpiryTime      string             `json:"authExpiryTime,omitempty"`
	PaymentMethodType   string             `json:"paymentMethodType,omitempty"`
	PaymentResultInfo   *PaymentResultInfo `json:"paymentResultInfo,omitempty"`
	CardInfo            *CardInfo          `json:"cardInfo,omitempty"`
	AcquirerReferenceNo string             `json:"acquirerReferenceNo,omitempty"`
}

// CaptureNotification is the body of notifyCapture (CAPTURE_RESULT).
type CaptureNotification struct {
	NotifyType          NotifyType `json:"notifyType"`
	Result              *Result    `json:"result,omitempty"`
	CaptureRequestID    string     `json:"captureRequestId,omitempty"`
	PaymentID           string     `json:"paymentId,omitempty"`
	CaptureID           string     `json:"captureId,omitempty"`
	CaptureAmount       *Amount    `json:"captureAmount,omitempty"`
	CaptureTime         string     `json:"captureTime,omitempty"`
	AcquirerReferenceNo string     `json:"acquirerReferenceNo,omitempty"`
}

// RefundNotification is the body of notifyRefund (REFUND_RESULT). RefundStatus is
// SUCCESS or FAIL and agrees with Result.ResultStatus.
type RefundNotification struct {
	NotifyType      NotifyType   `json:"notifyType"`
	Result          *Result      `json:"result,omitempty"`
	RefundStatus    RefundStatus `json:"refundStatus,omitempty"`
	RefundRequestID string       `json:"refundRequestId,omitempty"`
	RefundID        string       `json:"refundId,omitempty"`
	RefundAmount    *Amount      `json:"refundAmount,omitempty"`
	RefundTime      string       `json:"refundTime,omitempty"`
	// Arn is the acquirer reference number of the refund (Antom's name; notifyRefund
	// has no paymentId and no acquirerReferenceNo).
	Arn string `json:"arn,omitempty"`
}
