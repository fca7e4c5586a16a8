package main

import (
	"encoding/json"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/signature"
)

// The generator cannot import the packages it writes into (they would not build
// while their decode_gen.go is stale), so it reads mirrors of their types: same
// field names, json tags and field types. main_test.go checks every mirror against
// the type it stands for.

// core/outcome

type outcomeOpInput struct {
	API       string          `json:"api"`
	Response  json.RawMessage `json:"response,omitempty"`
	Transport string          `json:"transport,omitempty"`
	Context   json.RawMessage `json:"context,omitempty"`
}

type outcomeContext struct {
	CaptureMode string `json:"captureMode,omitempty"`
	Mode        string `json:"mode,omitempty"`
	Attempt     int    `json:"attempt,omitempty"`
	Now         string `json:"now,omitempty"`
}

// core/notify

type notifyInput struct {
	Path             string            `json:"path"`
	Headers          signature.Headers `json:"headers"`
	Body             string            `json:"body"`
	PublicKey        string            `json:"publicKey,omitempty"`
	Verify           *bool             `json:"verify,omitempty"`
	Now              string            `json:"now,omitempty"`
	ToleranceSeconds int64             `json:"toleranceSeconds,omitempty"`
	Context          *outcomeContext   `json:"context,omitempty"`
}

type notifyUnion struct {
	antom.PaymentNotification
	CaptureRequestID string             `json:"captureRequestId"`
	CaptureID        string             `json:"captureId"`
	CaptureAmount    *antom.Amount      `json:"captureAmount"`
	CaptureTime      string             `json:"captureTime"`
	RefundStatus     antom.RefundStatus `json:"refundStatus"`
	RefundRequestID  string             `json:"refundRequestId"`
	RefundID         string             `json:"refundId"`
	RefundAmount     *antom.Amount      `json:"refundAmount"`
	RefundTime       string             `json:"refundTime"`
	Arn              string             `json:"arn"`
}

// core/lifecycle

type lcOpInput struct {
	State json.RawMessage `json:"state"`
	Event json.RawMessage `json:"event"`
	Now   string          `json:"now,omitempty"`
}

type (
	lcStatus         string
	lcPhase          string
	lcRequestStatus  string
	lcConflictReason string
	lcEventType      string
)

type lcRequest struct {
	Status       lcRequestStatus `json:"status"`
	Amount       *money.Amount   `json:"amount,omitempty"`
	ID           string          `json:"id,omitempty"`
	Code         string          `json:"code,omitempty"`
	AllowPartial bool            `json:"allowPartial,omitempty"`
	Attempts     int             `json:"attempts,omitempty"`
}

type lcConflictEntry struct {
	Reason    lcConflictReason `json:"reason"`
	Event     string           `json:"event"`
	RequestID string           `json:"requestId,omitempty"`
	Have      string           `json:"have"`
	Got       string           `json:"got"`
}

type lcState struct {
	V                int                  `json:"v"`
	Status           lcStatus             `json:"status"`
	OrderID          string               `json:"orderId,omitempty"`
	PaymentRequestID string               `json:"paymentRequestId"`
	PaymentID        string               `json:"paymentId,omitempty"`
	Payment          lcPhase              `json:"payment"`
	CaptureMode      string               `json:"captureMode"`
	Amount           money.Amount         `json:"amount"`
	AuthorizedAmount *money.Amount        `json:"authorizedAmount,omitempty"`
	CapturedAmount   *money.Amount        `json:"capturedAmount,omitempty"`
	RefundedAmount   *money.Amount        `json:"refundedAmount,omitempty"`
	AuthExpiryTime   string               `json:"authExpiryTime,omitempty"`
	FailureCode      string               `json:"failureCode,omitempty"`
	Captures         map[string]lcRequest `json:"captures,omitempty"`
	Refunds          map[string]lcRequest `json:"refunds,omitempty"`
	Cancel           *lcRequest           `json:"cancel,omitempty"`
	Superseded       []string             `json:"superseded,omitempty"`
	Conflicts        []lcConflictEntry    `json:"conflicts,omitempty"`
}

type lcEvent struct {
	Type             lcEventType     `json:"type"`
	PaymentRequestID string          `json:"paymentRequestId,omitempty"`
	OrderID          string          `json:"orderId,omitempty"`
	CaptureMode      string          `json:"captureMode,omitempty"`
	CaptureRequestID string          `json:"captureRequestId,omitempty"`
	RefundRequestID  string          `json:"refundRequestId,omitempty"`
	Amount           *money.Amount   `json:"amount,omitempty"`
	AllowPartial     bool            `json:"allowPartial,omitempty"`
	Response         json.RawMessage `json:"response,omitempty"`
	Notification     json.RawMessage `json:"notification,omitempty"`
	API              string          `json:"api,omitempty"`
	Transport        string          `json:"transport,omitempty"`
	Attempt          int             `json:"attempt,omitempty"`
}

// core/internal/antomjson: the struct antom.ThreeDSResult's UnmarshalJSON decodes
// into (it takes cavv from caav when cavv is empty).

type threeDSWire struct {
	Eci             string `json:"eci"`
	Cavv            string `json:"cavv"`
	Caav            string `json:"caav"`
	ThreeDSVersion  string `json:"threeDSVersion"`
	DsTransactionID string `json:"dsTransactionId"`
}
