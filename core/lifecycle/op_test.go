package lifecycle

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/paycore/paycore/core/problem"
	"github.com/stretchr/testify/require"
)

const opState = `{"v":1,"status":"authorized","orderId":"ORDER_1","paymentRequestId":"PAY_1","paymentId":"P1","payment":"authorized","captureMode":"MANUAL","amount":{"currency":"EUR","value":"30000"},"authExpiryTime":"2026-03-08T10:00:00Z"}`

func TestOpBadInput(t *testing.T) {
	tests := []struct {
		name, input string
		code        problem.Code
		field       string
	}{
		{"not JSON", `{`, problem.BadJSON, ""},
		{"unknown key", `{"event":{"type":"cancel_requested"},"state":null,"extra":1}`, problem.BadInput, "extra"},
		{"no event", `{"state":null}`, problem.BadInput, "event"},
		{"event not an object", `{"event":"pay"}`, problem.BadJSON, "event"},
		{"unknown event type", `{"event":{"type":"refund_please"}}`, problem.BadInput, "event.type"},
		{"unknown event key", `{"event":{"type":"cancel_requested","why":"x"}}`, problem.BadInput, "event.why"},
		{"field of another type", `{"state":` + opState + `,"event":{"type":"cancel_requested","amount":{"currency":"EUR","value":"1"}}}`, problem.BadInput, "event.amount"},
		{"first event not pay_requested", `{"event":{"type":"cancel_requested"}}`, problem.BadInput, "event.type"},
		{"pay_requested without amount", `{"event":{"type":"pay_requested","paymentRequestId":"PAY_1"}}`, problem.BadInput, "event.amount"},
		{"pay_requested with a float amount", `{"event":{"type":"pay_requested","paymentRequestId":"PAY_1","amount":{"currency":"EUR","value":300.5}}}`, problem.BadJSON, "event.amount.value"},
		{"pay_requested with a decimal string", `{"event":{"type":"pay_requested","paymentRequestId":"PAY_1","amount":{"currency":"EUR","value":"300.50"}}}`, problem.BadInput, "event.amount"},
		{"pay_requested with a bad capture mode", `{"event":{"type":"pay_requested","paymentRequestId":"PAY_1","amount":{"currency":"EUR","value":"1"},"captureMode":"manual"}}`, problem.BadInput, "event.captureMode"},
		{"id too long", `{"event":{"type":"pay_requested","paymentRequestId":"` + string(make65()) + `","amount":{"currency":"EUR","value":"1"}}}`, problem.BadInput, "event.paymentRequestId"},
		{"id with a control character", `{"event":{"type":"pay_requested","paymentRequestId":"A\u0001","amount":{"currency":"EUR","value":"1"}}}`, problem.BadInput, "event.paymentRequestId"},
		{"bad now", `{"now":"yesterday","event":{"type":"pay_requested","paymentRequestId":"P","amount":{"currency":"EUR","value":"1"}}}`, problem.BadInput, "now"},
		{"state not an object", `{"state":[],"event":{"type":"cancel_requested"}}`, problem.BadJSON, "state"},
		{"state version", `{"state":{"v":2},"event":{"type":"cancel_requested"}}`, problem.BadInput, "state.v"},
		{"state unknown key", `{"state":{"v":1,"colour":"red"},"event":{"type":"cancel_requested"}}`, problem.BadInput, "state.colour"},
		{"state bad status", `{"state":` + strings.ReplaceAll(opState, `"status":"authorized"`, `"status":"paid"`) + `,"event":{"type":"cancel_requested"}}`, problem.BadInput, "state.status"},
		{"state captured beyond the amount", `{"state":` + strings.ReplaceAll(opState, `"authExpiryTime"`, `"captures":{"C":{"status":"succeeded","amount":{"currency":"EUR","value":"30001"}}},"authExpiryTime"`) + `,"event":{"type":"cancel_requested"}}`, problem.BadInput, "state.captures"},
		{"state record in another currency", `{"state":` + strings.ReplaceAll(opState, `"authExpiryTime"`, `"refunds":{"R":{"status":"requested","amount":{"currency":"USD","value":"1"}}},"authExpiryTime"`) + `,"event":{"type":"cancel_requested"}}`, problem.BadInput, "state.refunds.R.amount.currency"},
		{"response not an object", `{"state":` + opState + `,"event":{"type":"pay_response","response":[1]}}`, problem.BadJSON, "event.response"},
		{"response string not JSON", `{"state":` + opState + `,"event":{"type":"pay_response","response":"{oops"}}`, problem.BadJSON, "event.response"},
		{"response field of the wrong type", `{"state":` + opState + `,"event":{"type":"pay_response","response":{"result":{"resultStatus":1}}}}`, problem.BadJSON, "event.response.result.resultStatus"},
		{"capture answer without an id to match", `{"state":` + opState + `,"event":{"type":"capture_response","response":{"result":{"resultStatus":"S","resultCode":"SUCCESS"}}}}`, problem.BadInput, "event.response.captureRequestId"},
		{"capture answer with a bad amount", `{"state":` + opState + `,"event":{"type":"capture_response","captureRequestId":"C","response":{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"captureAmount":{"currency":"EUR","value":"-1"}}}}`, problem.BadInput, "event.response.captureAmount"},
		{"ids disagree", `{"state":` + opState + `,"event":{"type":"capture_response","captureRequestId":"C1","response":{"result":{"resultStatus":"S"},"captureRequestId":"C2"}}}`, problem.BadInput, "event.response.captureRequestId"},
		{"timeout of an unknown api", `{"state":` + opState + `,"event":{"type":"timeout","api":"consult"}}`, problem.BadInput, "event.api"},
		{"timeout with another api's id", `{"state":` + opState + `,"event":{"type":"timeout","api":"pay","refundRequestId":"R"}}`, problem.BadInput, "event"},
		{"another payment without an order", `{"state":` + strings.ReplaceAll(opState, `"orderId":"ORDER_1",`, ``) + `,"event":{"type":"notification","notification":{"notifyType":"PAYMENT_RESULT","result":{"resultStatus":"S"},"paymentRequestId":"PAY_9"}}}`, problem.BadInput, "event.notification.paymentRequestId"},
		{"negative attempt", `{"state":` + opState + `,"event":{"type":"cancel_response","attempt":-1,"response":{}}}`, problem.BadInput, "event.attempt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := concrete(Op([]byte(tt.input)))
			require.Nil(t, res)
			require.NotNil(t, err)
			require.Equal(t, tt.code, err.Code, err.Message)
			require.Equal(t, tt.field, err.Field, err.Message)
			require.NotEmpty(t, err.Message)
		})
	}
}

func make65() []byte {
	b := make([]byte, 65)
	for i := range b {
		b[i] = 'a'
	}
	return b
}

// TestOpRawBodyString: a notification or response may be given as the raw body
// string the host received.
func TestOpRawBodyString(t *testing.T) {
	body := `{"notifyType":"PAYMENT_RESULT","result":{"resultStatus":"S","resultCode":"SUCCESS"},"paymentRequestId":"PAY_1","paymentId":"P1"}`
	quoted, _ := json.Marshal(body)
	in := `{"state":` + strings.ReplaceAll(opState, `"payment":"authorized"`, `"payment":"pending"`) + `,"event":{"type":"notification","notification":` + string(quoted) + `},"now":"2026-03-01T10:00:00Z"}`
	res, err := concrete(Op([]byte(in)))
	require.Nil(t, err)
	r := res.(*Result)
	require.Equal(t, StatusAuthorized, r.State.Status)
	require.Equal(t, "notification:PAYMENT_RESULT", (&machine{ev: &Event{Type: Notification}, notifyType: "PAYMENT_RESULT"}).label())
}

// TestOpEditedDerivedFieldsAreRecomputed: status and totals are derived.
func TestOpEditedDerivedFieldsAreRecomputed(t *testing.T) {
	edited := strings.ReplaceAll(opState, `"status":"authorized"`, `"status":"refunded","capturedAmount":{"currency":"EUR","value":"5"}`)
	res, err := concrete(Op([]byte(`{"state":` + edited + `,"event":{"type":"inquiry_response","response":{"result":{"resultStatus":"S"},"paymentStatus":"SUCCESS"}},"now":"2026-03-01T10:00:00Z"}`)))
	require.Nil(t, err)
	r := res.(*Result)
	require.Equal(t, StatusAuthorized, r.State.Status)
	require.Nil(t, r.State.CapturedAmount)
	require.True(t, r.Changed)
}
