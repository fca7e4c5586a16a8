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
	return Parse(Input{Path: "/antom/notify", Body: body, Verify: &off, Headers: map[string]string{
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
