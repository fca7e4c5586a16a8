package lifecycle

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/paycore/paycore/core/money"
	"github.com/stretchr/testify/require"
)

// Fixtures: Antom answers shaped like the seed's samples, for payment PAY_1
// (paymentId P1, 300.00 EUR, authorization expiring 2026-03-08).

const (
	expiry  = "2026-03-08T10:00:00Z"
	nowT    = "2026-03-01T10:00:00Z"
	lateNow = "2026-03-09T10:00:00Z"
)

func eur(v string) *money.Amount { return &money.Amount{Currency: "EUR", Value: v} }

func payRequested(mode string) Event {
	return Event{Type: PayRequested, PaymentRequestID: "PAY_1", OrderID: "ORDER_1", Amount: eur("30000"), CaptureMode: mode}
}

func respond(typ EventType, body string) Event {
	return Event{Type: typ, Response: json.RawMessage(body)}
}

func notify(body string) Event { return Event{Type: Notification, Notification: json.RawMessage(body)} }

func result(status, code string) string {
	return fmt.Sprintf(`"result":{"resultStatus":%q,"resultCode":%q,"resultMessage":"m"}`, status, code)
}

var (
	payInProcess = respond(PayResponse, `{`+result("U", "PAYMENT_IN_PROCESS")+`,"paymentRequestId":"PAY_1","paymentId":"P1","normalUrl":"https://open-sea-global.alipay.com/page/3ds?id=1"}`)
	payUnknown   = respond(PayResponse, `{`+result("U", "UNKNOWN_EXCEPTION")+`}`)
	paySuccess   = respond(PayResponse, `{`+result("S", "SUCCESS")+`,"paymentRequestId":"PAY_1","paymentId":"P1","paymentAmount":{"currency":"EUR","value":"30000"},"authExpiryTime":"`+expiry+`"}`)
	payDeclined  = respond(PayResponse, `{`+result("F", "DO_NOT_HONOR")+`,"paymentRequestId":"PAY_1"}`)

	notifyPending = notify(`{"notifyType":"PAYMENT_PENDING",` + result("S", "SUCCESS") + `,"paymentRequestId":"PAY_1","paymentId":"P1"}`)
	notifyResultS = notify(`{"notifyType":"PAYMENT_RESULT",` + result("S", "SUCCESS") + `,"paymentRequestId":"PAY_1","paymentId":"P1","paymentAmount":{"currency":"EUR","value":"30000"},"authExpiryTime":"` + expiry + `"}`)
	notifyResultF = notify(`{"notifyType":"PAYMENT_RESULT",` + result("F", "DO_NOT_HONOR") + `,"paymentRequestId":"PAY_1","paymentId":"P1","paymentAmount":{"currency":"EUR","value":"30000"}}`)

	inquirySuccess   = respond(InquiryResponse, `{`+result("S", "SUCCESS")+`,"paymentStatus":"SUCCESS","paymentRequestId":"PAY_1","paymentId":"P1","paymentAmount":{"currency":"EUR","value":"30000"},"authExpiryTime":"`+expiry+`"}`)
	inquiryFail      = respond(InquiryResponse, `{`+result("S", "SUCCESS")+`,"paymentStatus":"FAIL","paymentResultCode":"DO_NOT_HONOR","paymentRequestId":"PAY_1","paymentId":"P1"}`)
	inquiryCancelled = respond(InquiryResponse, `{`+result("S", "SUCCESS")+`,"paymentStatus":"CANCELLED","paymentRequestId":"PAY_1","paymentId":"P1"}`)
	inquiryCaptured  = respond(InquiryResponse, `{`+result("S", "SUCCESS")+`,"paymentStatus":"SUCCESS","paymentRequestId":"PAY_1","paymentId":"P1","authExpiryTime":"`+expiry+`","transactions":[{"transactionType":"CAPTURE","transactionStatus":"SUCCESS","transactionRequestId":"CAP_1","transactionId":"X1","transactionAmount":{"currency":"EUR","value":"30000"},"transactionResult":{"resultStatus":"S","resultCode":"SUCCESS"}}]}`)
	inquiryBroken    = respond(InquiryResponse, `{`+result("U", "UNKNOWN_EXCEPTION")+`}`)

	timeoutPay = Event{Type: Timeout, API: "pay"}
)

func captureResp(status, code, id, value string) Event {
	body := `{` + result(status, code) + `,"captureRequestId":"` + id + `","paymentId":"P1"`
	if status == "S" {
		body += `,"captureId":"X` + id + `","captureAmount":{"currency":"EUR","value":"` + value + `"}`
	}
	return respond(CaptureResponse, body+`}`)
}

func captureNotice(status, code, id, value string) Event {
	return notify(`{"notifyType":"CAPTURE_RESULT",` + result(status, code) + `,"captureRequestId":"` + id + `","paymentId":"P1","captureId":"X` + id + `","captureAmount":{"currency":"EUR","value":"` + value + `"}}`)
}

func refundResp(status, code, id, value string) Event {
	body := `{` + result(status, code) + `,"refundRequestId":"` + id + `","paymentId":"P1"`
	if status == "S" {
		body += `,"refundId":"F` + id + `","refundAmount":{"currency":"EUR","value":"` + value + `"}`
	}
	return respond(RefundResponse, body+`}`)
}

func refundNotice(status, id, value string) Event {
	rs := map[string]string{"S": "SUCCESS", "F": "FAIL"}[status]
	return notify(`{"notifyType":"REFUND_RESULT",` + result(status, map[string]string{"S": "SUCCESS", "F": "REFUND_FAIL"}[status]) + `,"refundStatus":"` + rs + `","refundRequestId":"` + id + `","paymentId":"P1","refundId":"F` + id + `","refundAmount":{"currency":"EUR","value":"` + value + `"}}`)
}

func inquiryRefund(status, id, value string) Event {
	return respond(InquiryRefundResponse, `{`+result("S", "SUCCESS")+`,"refundStatus":"`+status+`","refundRequestId":"`+id+`","refundId":"F`+id+`","refundAmount":{"currency":"EUR","value":"`+value+`"}}`)
}

func cancelResp(status, code string) Event {
	return respond(CancelResponse, `{`+result(status, code)+`,"paymentRequestId":"PAY_1","paymentId":"P1"}`)
}

// apply applies one event and requires success.
func apply(t testing.TB, st *State, ev Event, now string) *Result {
	t.Helper()
	res, err := concrete(Apply(st, ev, now))
	require.Nil(t, err, "%v", err)
	return res
}

// chain applies events in order from a fresh pay_requested and returns the
// last result.
func chain(t testing.TB, mode string, now string, evs ...Event) *Result {
	t.Helper()
	res := apply(t, nil, payRequested(mode), now)
	for _, ev := range evs {
		res = apply(t, res.State, ev, now)
	}
	return res
}

func kinds(acts []Action) []string {
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = string(a.Kind)
	}
	return out
}
