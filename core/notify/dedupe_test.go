package notify

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/problem"
)

// unverified parses body with verification explicitly off (the dedupe key and the
// ids do not depend on it).
func unverified(t *testing.T, body string) (Result, *problem.Error) {
	t.Helper()
	off := false
	return parse(Input{Path: "/antom/notify", Body: body, Verify: &off, Headers: map[string]string{
		"client-id": "SANDBOX_1", "request-time": "1795827602000", "signature": "algorithm=RSA256,keyVersion=1,signature=AAAA"}})
}

// The dedupe key is type:id:status:code (and the refund status for a refund),
// with "-" for a missing part and Antom's id preferred to the request id.
func TestDedupeKey(t *testing.T) {
	for _, c := range []struct{ name, body, key string }{
		{"payment by Antom's id", `{"notifyType":"PAYMENT_RESULT","result":{"resultStatus":"S","resultCode":"SUCCESS"},"paymentRequestId":"PR_1","paymentId":"P_1"}`,
			"PAYMENT_RESULT:P_1:S:SUCCESS"},
		{"payment by the request id", `{"notifyType":"PAYMENT_RESULT","result":{"resultStatus":"F","resultCode":"DO_NOT_HONOR"},"paymentRequestId":"PR_1"}`,
			"PAYMENT_RESULT:PR_1:F:DO_NOT_HONOR"},
		{"capture by Antom's id", `{"notifyType":"CAPTURE_RESULT","result":{"resultStatus":"S","resultCode":"SUCCESS"},"captureRequestId":"CR_1","captureId":"C_1","paymentId":"P_1"}`,
			"CAPTURE_RESULT:C_1:S:SUCCESS"},
		{"capture by the request id", `{"notifyType":"CAPTURE_RESULT","result":{"resultStatus":"S","resultCode":"SUCCESS"},"captureRequestId":"CR_1","paymentId":"P_1"}`,
			"CAPTURE_RESULT:CR_1:S:SUCCESS"},
		{"refund with its status", `{"notifyType":"REFUND_RESULT","result":{"resultStatus":"S","resultCode":"SUCCESS"},"refundStatus":"SUCCESS","refundRequestId":"RR_1","refundId":"R_1"}`,
			"REFUND_RESULT:R_1:S:SUCCESS:SUCCESS"},
		{"refund without a status", `{"notifyType":"REFUND_RESULT","result":{"resultStatus":"S","resultCode":"SUCCESS"},"refundRequestId":"RR_1"}`,
			"REFUND_RESULT:RR_1:S:SUCCESS"},
		{"missing parts", `{"notifyType":"PAYMENT_RESULT"}`, "PAYMENT_RESULT:-:-:-"},
	} {
		res, perr := unverified(t, c.body)
		require.Nil(t, perr, c.name)
		require.Equal(t, c.key, res.DedupeKey, c.name)
	}
}

// An empty body is a missing input, not malformed JSON.
func TestEmptyBodyIsBadInput(t *testing.T) {
	for _, body := range []string{"", "  \n"} {
		_, perr := unverified(t, body)
		require.NotNil(t, perr)
		require.Equal(t, problem.BadInput, perr.Code, "%q", body)
		require.Equal(t, "body", perr.Field)
	}
	_, perr := unverified(t, "{")
	require.NotNil(t, perr)
	require.Equal(t, problem.BadJSON, perr.Code)
}

// The input checks before anything is read, each naming its field.
func TestInputChecks(t *testing.T) {
	ref := vectorInput(t, "seed_notify_payment_3d")
	off, on := false, true
	for _, c := range []struct {
		name  string
		edit  func(in *Input)
		field string
	}{
		{"verification needs a key", func(in *Input) { in.PublicKey = "" }, "publicKey"},
		{"verify true needs a key too", func(in *Input) { in.PublicKey, in.Verify = "", &on }, "publicKey"},
		{"verify false with a key contradicts", func(in *Input) { in.Verify = &off }, "verify"},
		{"verification needs the path", func(in *Input) { in.Path = "" }, "path"},
		{"the path is a path, not a URL", func(in *Input) { in.Path = "https://shop.example/antom/notify" }, "path"},
		{"a negative tolerance", func(in *Input) { in.ToleranceSeconds = -1 }, "toleranceSeconds"},
		{"a tolerance needs now", func(in *Input) { in.ToleranceSeconds = 300 }, "now"},
		{"a tolerance needs an RFC 3339 now", func(in *Input) { in.ToleranceSeconds, in.Now = 300, "yesterday" }, "now"},
	} {
		in := ref
		c.edit(&in)
		_, perr := parse(in)
		require.NotNil(t, perr, c.name)
		require.Equal(t, problem.BadInput, perr.Code, c.name)
		require.Equal(t, c.field, perr.Field, c.name)
	}
	res, perr := parse(ref)
	require.Nil(t, perr)
	require.True(t, res.Verified)
}

// An undocumented notifyType is read by the ids it carries.
func TestUndocumentedTypeGoesByIds(t *testing.T) {
	for _, c := range []struct{ body, api string }{
		{`{"notifyType":"NEW_TYPE","refundRequestId":"RR_1","captureRequestId":"CR_1"}`, "notifyRefund"},
		{`{"notifyType":"NEW_TYPE","captureRequestId":"CR_1"}`, "notifyCapture"},
		{`{"notifyType":"NEW_TYPE","paymentRequestId":"PR_1"}`, "notifyPayment"},
		{`{"paymentRequestId":"PR_1"}`, "notifyPayment"},
	} {
		res, perr := unverified(t, c.body)
		require.Nil(t, perr, c.body)
		require.Equal(t, c.api, res.API, c.body)
	}
}

// The card token comes from paymentResultInfo, else from cardInfo.
func TestCardTokenFallsBackToCardInfo(t *testing.T) {
	for _, c := range []struct{ body, token string }{
		{`{"notifyType":"PAYMENT_RESULT","paymentResultInfo":{"cardToken":"T_RESULT"},"cardInfo":{"cardToken":"T_CARD"}}`, "T_RESULT"},
		{`{"notifyType":"PAYMENT_RESULT","paymentResultInfo":{},"cardInfo":{"cardToken":"T_CARD"}}`, "T_CARD"},
		{`{"notifyType":"PAYMENT_RESULT","cardInfo":{"cardToken":"T_CARD"}}`, "T_CARD"},
		{`{"notifyType":"PAYMENT_RESULT"}`, ""},
	} {
		res, perr := unverified(t, c.body)
		require.Nil(t, perr, c.body)
		require.Equal(t, c.token, res.CardToken, c.body)
	}
}
