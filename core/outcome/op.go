package outcome

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/internal/antomjson"
	"github.com/paycore/paycore/core/problem"
)

// OpInput is the input of the response.interpret op.
type OpInput struct {
	// API is the API that answered: pay, inquiryPayment, capture, cancel, refund,
	// inquiryRefund, or a notification (notifyPayment, notifyCapture, notifyRefund)
	// whose body is given as Response.
	API string `json:"api"`
	// Response is Antom's answer, a JSON object; absent (or null) when Transport
	// says none came back. Unknown fields in it are ignored.
	Response json.RawMessage `json:"response,omitempty"`
	// Transport is "timeout" or "no_response" when no answer came back.
	Transport string `json:"transport,omitempty"`
	// Context is what the merchant knows besides the answer (a Context object).
	Context json.RawMessage `json:"context,omitempty"`
}

// Op is the response.interpret op: JSON OpInput in, Result out. Bad input (an
// unknown API, a response that is not an object, a field of the wrong JSON type,
// a bad context value) is a BAD_INPUT or BAD_JSON error naming the field; a
// malformed paymentActionForm is only a warning.
func Op(input []byte) (any, error) {
	res, perr := op(input)
	return res, problem.OrNil(perr)
}

// op is Op with the concrete error type, for this package.
func op(input []byte) (any, *problem.Error) {
	var in OpInput
	if err := problem.From(problem.DecodeStrictWith(input, &in, decodeOpInputDoc)); err != nil {
		return nil, err
	}
	var ctx Context
	if c := bytes.TrimSpace(in.Context); len(c) != 0 && string(c) != "null" {
		if c[0] != '{' {
			return nil, &problem.Error{Code: problem.BadJSON, Field: "context", Message: "context must be a JSON object"}
		}
		if err := problem.From(problem.DecodeStrictWith(c, &ctx, decodeContextDoc)); err != nil {
			return nil, within("context", err)
		}
	}
	if err := check(&in, ctx); err != nil {
		return nil, err
	}
	if in.Transport != "" {
		return InterpretTransport(in.API, in.Transport, ctx), nil
	}
	return interpretJSON(in.API, in.Response, ctx)
}

// within places an error from decoding a nested document at its path in the op
// input. Offsets are dropped: they count from the nested document, not the input.
func within(prefix string, e *problem.Error) *problem.Error {
	out := *e
	out.Offset = 0
	old := out.Field
	switch {
	case old == "":
		out.Field = prefix
	case !strings.HasPrefix(old, prefix+"."):
		out.Field = prefix + "." + old
		if strings.HasPrefix(out.Message, old+": ") {
			out.Message = out.Field + out.Message[len(old):]
		}
	}
	return &out
}

func badInput(field, format string, args ...any) *problem.Error {
	return &problem.Error{Code: problem.BadInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

func check(in *OpInput, c Context) *problem.Error {
	if !knownAPI(in.API) {
		if in.API == "" {
			return badInput("api", "api is required: one of %s", strings.Join(APIs(), ", "))
		}
		return badInput("api", "api must be one of %s", strings.Join(APIs(), ", "))
	}
	raw := bytes.TrimSpace(in.Response)
	if string(raw) == "null" {
		raw = nil
	}
	in.Response = raw
	switch in.Transport {
	case "":
		if len(raw) == 0 {
			return badInput("response", "response is required (or transport %q / %q when no answer came back)", TransportTimeout, TransportNoResponse)
		}
	case TransportTimeout, TransportNoResponse:
		if isNotification(in.API) {
			return badInput("transport", "transport applies to the request APIs, not to notifications")
		}
		if len(raw) != 0 {
			return badInput("transport", "give either a response or a transport failure, not both")
		}
	default:
		return badInput("transport", "transport must be %q or %q", TransportTimeout, TransportNoResponse)
	}
	if len(raw) != 0 && raw[0] != '{' {
		return &problem.Error{Code: problem.BadJSON, Field: "response", Message: "response must be a JSON object"}
	}
	switch c.CaptureMode {
	case "", CaptureAutomatic, CaptureManual:
	default:
		return badInput("context.captureMode", "captureMode must be %q or %q", CaptureAutomatic, CaptureManual)
	}
	switch c.Mode {
	case "", ModeServerToServer, ModeHosted, ModeIssuerAuth, ModeSavedCard:
	default:
		return badInput("context.mode", "mode must be one of %s, %s, %s, %s", ModeServerToServer, ModeHosted, ModeIssuerAuth, ModeSavedCard)
	}
	if c.Attempt < 0 {
		return badInput("context.attempt", "attempt must be 0 or more")
	}
	if c.Now != "" {
		if _, err := time.Parse(time.RFC3339, c.Now); err != nil {
			return badInput("context.now", "now must be an RFC 3339 time such as 2024-03-18T19:44:15-07:00")
		}
	}
	return nil
}

// interpretJSON decodes the response for api (with its generated one-pass decoder,
// encoding/json when that refuses) and interprets it.
func interpretJSON(api string, raw []byte, ctx Context) (any, *problem.Error) {
	var res Result
	var err error
	switch api {
	case APIPay:
		var r antom.PayResponse
		if err = antomjson.Unmarshal(raw, &r, antomjson.DecodePayResponse); err == nil {
			res = InterpretPay(&r, ctx)
		}
	case APIInquiryPayment:
		var r antom.InquiryPaymentResponse
		if err = antomjson.Unmarshal(raw, &r, antomjson.DecodeInquiryPaymentResponse); err == nil {
			res = InterpretInquiryPayment(&r, ctx)
		}
	case APICapture:
		var r antom.CaptureResponse
		if err = antomjson.Unmarshal(raw, &r, antomjson.DecodeCaptureResponse); err == nil {
			res = InterpretCapture(&r, ctx)
		}
	case APICancel:
		var r antom.CancelResponse
		if err = antomjson.Unmarshal(raw, &r, antomjson.DecodeCancelResponse); err == nil {
			res = InterpretCancel(&r, ctx)
		}
	case APIRefund:
		var r antom.RefundResponse
		if err = antomjson.Unmarshal(raw, &r, antomjson.DecodeRefundResponse); err == nil {
			res = InterpretRefund(&r, ctx)
		}
	case APIInquiryRefund:
		var r antom.InquiryRefundResponse
		if err = antomjson.Unmarshal(raw, &r, antomjson.DecodeInquiryRefundResponse); err == nil {
			res = InterpretInquiryRefund(&r, ctx)
		}
	case APINotifyPayment:
		var n antom.PaymentNotification
		if err = antomjson.Unmarshal(raw, &n, antomjson.DecodePaymentNotification); err == nil {
			res = InterpretPaymentNotification(&n, ctx)
		}
	case APINotifyCapture:
		var n antom.CaptureNotification
		if err = antomjson.Unmarshal(raw, &n, antomjson.DecodeCaptureNotification); err == nil {
			res = InterpretCaptureNotification(&n, ctx)
		}
	case APINotifyRefund:
		var n antom.RefundNotification
		if err = antomjson.Unmarshal(raw, &n, antomjson.DecodeRefundNotification); err == nil {
			res = InterpretRefundNotification(&n, ctx)
		}
	}
	if err != nil {
		return nil, within("response", problem.FromJSON(err, "response"))
	}
	return res, nil
}
