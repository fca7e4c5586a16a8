package antom

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// The seed's Korean issuer-authentication notifyPayment: cardInfo and
// paymentResultInfo both present, empty checks, no 3D Secure data.
const seedKoreanNotify = `{
  "actualPaymentAmount": {"currency": "KRW", "value": "120"},
  "cardInfo": {"avsResultRaw": "", "cvvResultRaw": "", "paymentMethodRegion": "KR", "threeDSResult": {"cavv": "", "eci": ""}},
  "notifyType": "PAYMENT_RESULT",
  "paymentAmount": {"currency": "KRW", "value": "120"},
  "paymentCreateTime": "2024-03-18T19:35:39-07:00",
  "paymentId": "2020010123456789XXXX",
  "paymentRequestId": "2020010123456789XXXX",
  "paymentResultInfo": {"avsResultRaw": "", "cvvResultRaw": "", "paymentMethodRegion": "KR", "threeDSResult": {"cavv": "", "eci": ""}},
  "paymentTime": "2024-03-18T19:36:54-07:00",
  "result": {"resultCode": "SUCCESS", "resultMessage": "success.", "resultStatus": "S"}
}`

func TestPaymentNotificationSeed(t *testing.T) {
	var n PaymentNotification
	require.NoError(t, json.Unmarshal([]byte(seedKoreanNotify), &n))
	require.Equal(t, NotifyPaymentResult, n.NotifyType)
	require.Equal(t, ResultSuccess, n.Result.ResultStatus)
	require.Equal(t, "KR", n.CardInfo.PaymentMethodRegion)
	require.Equal(t, "KR", n.PaymentResultInfo.PaymentMethodRegion)
	require.Equal(t, "120", n.ActualPaymentAmount.Value)
	require.Equal(t, "2024-03-18T19:36:54-07:00", n.PaymentTime)

	var head NotificationHead
	require.NoError(t, json.Unmarshal([]byte(seedKoreanNotify), &head))
	require.Equal(t, NotifyPaymentResult, head.NotifyType)
}

func TestCaptureAndRefundNotifications(t *testing.T) {
	var c CaptureNotification
	require.NoError(t, json.Unmarshal([]byte(`{"notifyType":"CAPTURE_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},
		"captureRequestId":"cap-1","paymentId":"p1","captureId":"c1","captureAmount":{"currency":"USD","value":"500"},"captureTime":"2024-01-01T00:00:00Z"}`), &c))
	require.Equal(t, NotifyCaptureResult, c.NotifyType)
	require.Equal(t, "cap-1", c.CaptureRequestID)
	require.Equal(t, "500", c.CaptureAmount.Value)

	var r RefundNotification
	require.NoError(t, json.Unmarshal([]byte(`{"notifyType":"REFUND_RESULT","refundStatus":"FAIL","result":{"resultCode":"PROCESS_FAIL","resultStatus":"F"},
		"refundRequestId":"r-1","refundId":"rid","paymentId":"p1","refundAmount":{"currency":"USD","value":"100"}}`), &r))
	require.Equal(t, RefundFail, r.RefundStatus)
	require.Equal(t, ResultFailed, r.Result.ResultStatus)
}

func TestNotificationUnknownValuesDecode(t *testing.T) {
	var n PaymentNotification
	require.NoError(t, json.Unmarshal([]byte(`{"notifyType":"SOMETHING_NEW","result":{"resultStatus":"Z"},"newField":[1]}`), &n))
	require.Equal(t, NotifyType("SOMETHING_NEW"), n.NotifyType)
	require.Equal(t, ResultStatus("Z"), n.Result.ResultStatus)
}

func BenchmarkDecodePaymentNotification(b *testing.B) {
	b.ReportAllocs()
	data := []byte(seedKoreanNotify)
	for b.Loop() {
		var n PaymentNotification
		if err := json.Unmarshal(data, &n); err != nil {
			b.Fatal(err)
		}
	}
}
