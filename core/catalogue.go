package core

import (
	"github.com/paycore/paycore/core/followup"
	"github.com/paycore/paycore/core/lifecycle"
	"github.com/paycore/paycore/core/notify"
	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/payreq"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/core/signature"
)

// catalogue maps op names to their implementations. It is built once at package
// initialisation and never written afterwards.
var catalogue map[string]opFunc

func init() {
	catalogue = map[string]opFunc{
		"core.info":          opInfo,
		"pay.validate":       payreq.OpValidate,
		"pay.build":          payreq.OpBuild,
		"payment.apply":      lifecycle.Op,
		"response.interpret": outcome.Op,
		"signature.sign":     signature.OpSign,
		"signature.verify":   signature.OpVerify,
		"notification.sign":  signature.OpSignNotification,
		"notification.parse": notify.Op,
		"capture.build":      followup.OpCapture,
		"cancel.build":       followup.OpCancel,
		"inquiry.build":      followup.OpInquiry,
		"refund.build":       followup.OpRefund,
		"consult.build":      followup.OpConsult,
		"consult.read":       followup.OpConsultRead,
	}
}

// Info is the result of core.info.
type Info struct {
	Version      string         `json:"version"`
	ABIVersion   int            `json:"abiVersion"`
	Ops          []string       `json:"ops"`
	ErrorCodes   []problem.Code `json:"errorCodes"`
	MaxInputSize int            `json:"maxInputBytes"`
}

func opInfo(input []byte) (any, error) {
	var in struct{}
	if err := problem.DecodeStrict(input, &in); err != nil {
		return nil, err
	}
	return Info{Version: Version, ABIVersion: ABIVersion, Ops: Ops(), ErrorCodes: problem.Codes(), MaxInputSize: MaxInputBytes}, nil
}
