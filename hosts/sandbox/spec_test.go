package sandbox_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/antom"
)

// specExtras are the fields the sandbox sends beyond Antom's specification,
// each with its reason.
var specExtras = map[string]string{
	// Antom's guide: "cardToken is in the cardInfo object in the notification",
	// and its Korean notifyPayment sample carries cardInfo.
	"notifyPayment.notification:cardInfo": "guide sample",
	// The guide's Korean inquiryPayment sample carries paymentRedirectUrl.
	"inquiryPayment.response:paymentRedirectUrl": "guide sample",
}

// checkSpec fails on any field of body that Antom's specification does not
// define for api/part, or that has another JSON type.
func checkSpec(t *testing.T, api, part string, body []byte) {
	t.Helper()
	spec := antom.SpecOf(api, part)
	require.NotNil(t, spec, "no inventory for %s.%s", api, part)
	var v any
	require.NoError(t, json.Unmarshal(body, &v))
	var walk func(path string, v any)
	walk = func(path string, v any) {
		if path != "" && path[len(path)-1] != ']' { // an array's elements have no entry of their own
			if _, extra := specExtras[api+"."+part+":"+firstKey(path)]; extra {
				return
			}
			typ, ok := spec.Lookup(path)
			if !ok {
				t.Errorf("%s %s: %s is not in Antom's specification", api, part, path)
				return
			}
			if typ == antom.TypeMap || typ == antom.TypeAny {
				return
			}
			if typ != jsonType(v) {
				t.Errorf("%s %s: %s is a %s, the specification says %s", api, part, path, jsonType(v), typ)
			}
		}
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				p := k
				if path != "" {
					p = path + "." + k
				}
				walk(p, c)
			}
		case []any:
			for i, c := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), c)
			}
		}
	}
	walk("", v)
}

func firstKey(path string) string {
	for i, c := range path {
		if c == '.' || c == '[' {
			return path[:i]
		}
	}
	return path
}

func jsonType(v any) antom.JSONType {
	switch v.(type) {
	case string:
		return antom.TypeString
	case float64:
		return antom.TypeNumber
	case bool:
		return antom.TypeBoolean
	case []any:
		return antom.TypeArray
	default:
		return antom.TypeObject
	}
}

// TestBodiesFollowAntomsSpecification runs every API and notification kind
// and checks each body the sandbox sends against Antom's field inventory.
func TestBodiesFollowAntomsSpecification(t *testing.T) {
	e := newEnv(t, nil)
	amount := map[string]any{"currency": "EUR", "value": "30000"}
	check := func(api string, r reply) {
		require.Equal(t, http.StatusOK, r.status)
		checkSpec(t, api, "response", r.raw)
	}
	s2s := e.pay(e.intent("server_to_server", "PAY_SPEC", map[string]any{"captureMode": "MANUAL"}), nil)
	check("pay", s2s)
	check("pay", e.pay(e.intent("hosted", "PAY_SPEC_HOSTED", nil), nil))
	check("pay", e.pay(e.intent("server_to_server", "PAY_SPEC_DECLINE", map[string]any{"card": map[string]any{"number": "4054692760174822", "cvv": "123", "expiryMonth": "12", "expiryYear": "2029"}}), nil))
	pid := s2s.str("paymentId")
	check("capture", e.build("capture.build", map[string]any{"captureRequestId": "CAP_SPEC", "paymentId": pid, "amount": amount}))
	check("inquiryPayment", e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentId": pid}))
	check("refund", e.build("refund.build", map[string]any{"refundRequestId": "REF_SPEC", "paymentId": pid, "amount": amount}))
	check("inquiryRefund", e.build("inquiry.build", map[string]any{"api": "inquiryRefund", "refundRequestId": "REF_SPEC"}))
	check("cancel", e.build("cancel.build", map[string]any{"paymentRequestId": "PAY_SPEC_HOSTED"}))
	check("consult", e.build("consult.build", map[string]any{"amount": amount, "env": map[string]any{"terminalType": "WEB"}}))
	check("inquiryPayment", e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentRequestId": "PAY_NONE"}))

	apis := map[string]string{"PAYMENT_RESULT": "notifyPayment", "CAPTURE_RESULT": "notifyCapture", "REFUND_RESULT": "notifyRefund"}
	for _, d := range e.recv.wait(4, 5*time.Second) {
		api, ok := apis[d.notifyType()]
		require.True(t, ok, d.body)
		checkSpec(t, api, "notification", []byte(d.body))
	}
}
