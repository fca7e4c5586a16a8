package outcome

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// interpret runs response.interpret's JSON path for api on a response.
func interpret(t *testing.T, api, response string, ctx Context) Result {
	t.Helper()
	res, perr := interpretJSON(api, []byte(response), ctx)
	require.Nil(t, perr)
	return res.(Result)
}

func warned(res Result, field string) bool {
	for _, w := range res.Warnings {
		if w.Field == field {
			return true
		}
	}
	return false
}

const paySuccess = `"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success"}`

func TestOptionalResponseFields(t *testing.T) {
	res := interpret(t, APIPay, `{`+paySuccess+`,"authExpiryTime":"2026-03-08T10:00:00Z"}`, Context{})
	require.Equal(t, "2026-03-08T10:00:00Z", res.AuthExpiryTime)
	require.False(t, warned(res, "response.authExpiryTime"))
	res = interpret(t, APIPay, `{`+paySuccess+`,"authExpiryTime":"next week"}`, Context{})
	require.Empty(t, res.AuthExpiryTime)
	require.True(t, warned(res, "response.authExpiryTime"))

	res = interpret(t, APIPay, `{"result":{"resultStatus":"F","resultCode":"DO NOT HONOR"}}`, Context{})
	require.Empty(t, res.ResultCode)
	require.True(t, warned(res, "response.result.resultCode"))
	res = interpret(t, APIPay, `{"result":{"resultStatus":"F","resultCode":"DO_NOT_HONOR"}}`, Context{})
	require.Equal(t, "DO_NOT_HONOR", res.ResultCode)
	require.False(t, warned(res, "response.result.resultCode"))

	// A malformed paymentActionForm is a warning on any answer, not only PAYMENT_IN_PROCESS.
	res = interpret(t, APIPay, `{`+paySuccess+`,"paymentActionForm":"{not json"}`, Context{})
	require.True(t, warned(res, "response.paymentActionForm"))
	res = interpret(t, APIPay, `{`+paySuccess+`}`, Context{})
	require.False(t, warned(res, "response.paymentActionForm"))
}

func TestIssuerAuthManualWarning(t *testing.T) {
	for _, c := range []struct {
		ctx  Context
		warn bool
	}{
		{Context{Mode: ModeIssuerAuth, CaptureMode: CaptureManual}, true},
		{Context{Mode: ModeIssuerAuth, CaptureMode: CaptureAutomatic}, false},
		{Context{Mode: "server_to_server", CaptureMode: CaptureManual}, false},
	} {
		res := interpret(t, APIPay, `{`+paySuccess+`}`, c.ctx)
		require.Equal(t, c.warn, warned(res, "context.captureMode"), "%+v", c.ctx)
	}
}

// Only CAPTURE transactions tell the capture's state.
func TestLatestCaptureIgnoresOtherTransactions(t *testing.T) {
	inquiry := `{` + paySuccess + `,"paymentStatus":"SUCCESS","transactions":[` +
		`{"transactionType":"CAPTURE","transactionStatus":"FAIL"},{"transactionType":"REFUND","transactionStatus":"SUCCESS"}]}`
	res := interpret(t, APIInquiryPayment, inquiry, Context{CaptureMode: CaptureManual})
	require.Equal(t, ContactSupport, res.Action.Kind, res.Reason)
}

// A failed inquiry call says which object it says nothing about.
func TestFailedInquiryNamesItsObject(t *testing.T) {
	d := Decide(Signal{API: APIInquiryPayment, ResultStatus: "F", ResultCode: "ACCESS_DENIED"}, Context{})
	require.Equal(t, Unknown, d.Outcome)
	require.Contains(t, d.Message, "says nothing about the payment.")
	d = Decide(Signal{API: APIInquiryRefund, ResultStatus: "F", ResultCode: "ACCESS_DENIED"}, Context{})
	require.Contains(t, d.Message, "says nothing about the refund.")
	d = Decide(Signal{API: APIInquiryPayment, ResultStatus: "F", ResultCode: "ORDER_NOT_EXIST"}, Context{})
	require.NotContains(t, d.Message, "says nothing about")
}

// The refund's status is echoed only from an inquiry that succeeded.
func TestInquiryRefundStatusOnlyWhenTheCallSucceeded(t *testing.T) {
	res := interpret(t, APIInquiryRefund, `{`+paySuccess+`,"refundStatus":"SUCCESS"}`, Context{})
	require.Equal(t, "SUCCESS", res.RefundStatus)
	res = interpret(t, APIInquiryRefund, `{"result":{"resultStatus":"F","resultCode":"ACCESS_DENIED"},"refundStatus":"SUCCESS"}`, Context{})
	require.Empty(t, res.RefundStatus)
}
