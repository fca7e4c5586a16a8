package core

import (
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
		"response.interpret": outcome.Op,
		"signature.sign":     signature.OpSign,
		"signature.verify":   signature.OpVerify,
		"notification.sign":  signature.OpSignNotification,
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

func opInfo(input []byte) (any, *problem.Error) {
	var in struct{}
	if err := problem.DecodeStrict(input, &in); err != nil {
		return nil, err
	}
	return Info{Version: Version, ABIVersion: ABIVersion, Ops: Ops(), ErrorCodes: problem.Codes(), MaxInputSize: MaxInputBytes}, nil
}
