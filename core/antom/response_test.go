package antom

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// The seed's pay "authorization in the process" response (Korean issuer
// authentication): normalUrl, a redirectActionForm and a paymentActionForm string.
const seedPayInProcess = `{
    "normalUrl": "https://pgw-ui.2c2p.com/payment/4.1/ant/#/token/kSAops9Zwhos8hSTSeLTUchuUa9%2bFg0EHv0XtS%2bTyCt8%2f1qy%2fDZCW88dV9FH3Yh8pEobKvOj%2fsh6nbH95mDRORzWy%2bsBbFh541I7QzVolYBEzeYnLiTC6lP2hjCAwadc",
    "paymentActionForm": "{\"method\":\"GET\",\"paymentActionFormType\":\"RedirectActionForm\",\"redirectUrl\":\"https://api.tosspayments.com/v1/payments/01OAv2P6yqLlDJaYngro1AWJ1bKaDn3ezGdRpXxKN7BQMEk4/checkout\"}",
    "paymentAmount": {"currency": "KRW", "value": "30000"},
    "paymentCreateTime": "2024-03-18T19:44:15-07:00",
    "paymentId": "2020010123456789XXXX",
    "paymentRequestId": "PAY_20211112172747856",
    "paymentResultInfo": {"avsResultRaw": "", "cvvResultRaw": "", "threeDSResult": {"cavv": "", "eci": ""}},
    "redirectActionForm": {"method": "GET", "redirectUrl": "https://pgw-ui.2c2p.com/payment/4.1/ant/#/token/x"},
    "result": {"resultCode": "PAYMENT_IN_PROCESS", "resultMessage": "payment in process", "resultStatus": "U"}
}`

// The seed's inquiryPayment (3D) response, with its "caav" misspelling.
const seedInquiry3D = `{
    "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "Success"},
    "paymentStatus": "SUCCESS",
    "paymentRequestId": "pay_1089760038715669_10277574507XXXX",
    "paymentId": "2019060811401080010018882020035XXXX",
    "paymentAmount": {"value": "500", "currency": "USD"},
    "paymentCreateTime": "2019-06-01T12:01:01+08:30",
    "paymentTime": "2019-06-01T12:01:01+08:30",
    "paymentResultInfo": {
        "avsResultRaw": "A", "cvvResultRaw": "Y",
        "networkTransactionId": "sampleNetworkTransactionId123456",
        "threeDSResult": {"eci": "02", "threeDSVersion": "2.2.0", "caav": "cavvSample", "dsTransactionId": "sample_dsTranasctionId"}
    }
}`

func TestPayResponseSeed(t *testing.T) {
	var r PayResponse
	require.NoError(t, json.Unmarshal([]byte(seedPayInProcess), &r))
	require.Equal(t, ResultUnknown, r.Result.ResultStatus)
	require.Equal(t, "PAYMENT_IN_PROCESS", r.Result.ResultCode)
	require.Equal(t, "KRW", r.PaymentAmount.Currency)
	require.Equal(t, "30000", r.PaymentAmount.Value)
	require.Equal(t, "GET", r.RedirectActionForm.Method)
	require.NotNil(t, r.PaymentActionForm.Form)
	require.Empty(t, r.PaymentActionForm.Problem)
	require.Equal(t, "RedirectActionForm", r.PaymentActionForm.Form.PaymentActionFormType)
	require.Contains(t, r.PaymentActionForm.Form.RedirectURL, "tosspayments.com")
	require.Equal(t, "", r.PaymentResultInfo.ThreeDSResult.Eci)

	// Encoding gives paymentActionForm back as a JSON string.
	out, err := json.Marshal(r)
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(out, &back))
	require.IsType(t, "", back["paymentActionForm"])
	var again PayResponse
	require.NoError(t, json.Unmarshal(out, &again))
	require.Equal(t, r.PaymentActionForm.Form, again.PaymentActionForm.Form)
}

func TestInquiryPaymentSeedCaav(t *testing.T) {
	var r InquiryPaymentResponse
	require.NoError(t, json.Unmarshal([]byte(seedInquiry3D), &r))
	require.Equal(t, PaymentSuccess, r.PaymentStatus)
	tds := r.PaymentResultInfo.ThreeDSResult
	require.Equal(t, "02", tds.Eci)
	require.Equal(t, "cavvSample", tds.Cavv, "caav is read as cavv")
	require.Equal(t, "2.2.0", tds.ThreeDSVersion)
	require.Equal(t, "sample_dsTranasctionId", tds.DsTransactionID)

	out, err := json.Marshal(tds)
	require.NoError(t, err)
	require.JSONEq(t, `{"eci":"02","cavv":"cavvSample","threeDSVersion":"2.2.0","dsTransactionId":"sample_dsTranasctionId"}`, string(out))
}

func TestThreeDSResultCavvWins(t *testing.T) {
	var tds ThreeDSResult
	require.NoError(t, json.Unmarshal([]byte(`{"cavv":"right","caav":"wrong"}`), &tds))
	require.Equal(t, "right", tds.Cavv)
	require.Error(t, json.Unmarshal([]byte(`{"eci":5}`), &tds))
}

func TestResponsesTolerateUnknownFields(t *testing.T) {
	body := []byte(`{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"ok","extra":1},
		"somethingNew":{"a":[1,2]},"captureId":"c1","captureAmount":{"currency":"EUR","value":"100"}}`)
	var c CaptureResponse
	require.NoError(t, json.Unmarshal(body, &c))
	require.Equal(t, "c1", c.CaptureID)
	require.Equal(t, ResultSuccess, c.Result.ResultStatus)
}

func TestResponsesWrongTypesNameTheField(t *testing.T) {
	cases := []struct {
		body  string
		v     any
		field string
	}{
		{`{"result":{"resultStatus":1}}`, &PayResponse{}, "result.resultStatus"},
		{`{"paymentStatus":true}`, &InquiryPaymentResponse{}, "paymentStatus"},
		{`{"refundAmount":{"value":100}}`, &RefundResponse{}, "refundAmount.value"},
		{`{"transactions":{}}`, &InquiryPaymentResponse{}, "transactions"},
		{`{"paymentResultInfo":{"threeDSResult":{"eci":5}}}`, &PaymentNotification{}, "paymentResultInfo.threeDSResult.eci"},
	}
	for _, c := range cases {
		err := json.Unmarshal([]byte(c.body), c.v)
		var typ *json.UnmarshalTypeError
		require.ErrorAs(t, err, &typ, c.body)
		require.Equal(t, c.field, typ.Field, c.body)
	}
}

func TestEmbeddedActionForm(t *testing.T) {
	cases := []struct {
		name    string
		json    string
		form    bool
		problem string
		zero    bool
	}{
		{"absent", `{}`, false, "", true},
		{"null", `{"paymentActionForm":null}`, false, "", true},
		{"empty string", `{"paymentActionForm":""}`, false, "", true},
		{"string object", `{"paymentActionForm":"{\"method\":\"POST\",\"redirectUrl\":\"https://a.example/x\",\"parameters\":\"a=1\"}"}`, true, "", false},
		{"bare object", `{"paymentActionForm":{"method":"GET","redirectUrl":"https://a.example/x"}}`, true, "paymentActionForm is an object, not the documented JSON string: decoded anyway", false},
		{"malformed inner", `{"paymentActionForm":"{\"method\":"}`, false, "paymentActionForm does not hold well-formed JSON", false},
		{"inner array", `{"paymentActionForm":"[1,2]"}`, false, "paymentActionForm must hold a JSON object, it holds a JSON array", false},
		{"inner wrong type", `{"paymentActionForm":"{\"redirectUrl\":5}"}`, false, "paymentActionForm.redirectUrl has the wrong JSON type (number)", false},
		{"number", `{"paymentActionForm":12}`, false, "paymentActionForm must be a JSON string holding an object, got a JSON number", false},
		{"array", `{"paymentActionForm":["x"]}`, false, "paymentActionForm must be a JSON string holding an object, got a JSON array", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var r PayResponse
			require.NoError(t, json.Unmarshal([]byte(c.json), &r), "a bad paymentActionForm never fails the response")
			require.Equal(t, c.form, r.PaymentActionForm.Form != nil)
			require.Equal(t, c.problem, r.PaymentActionForm.Problem)
			require.Equal(t, c.zero, r.PaymentActionForm.IsZero())
		})
	}
	// A malformed form never leaks its content into Problem.
	var r PayResponse
	require.NoError(t, json.Unmarshal([]byte(`{"paymentActionForm":"{\"cardNo\":4111111111111111x}"}`), &r))
	require.NotContains(t, r.PaymentActionForm.Problem, "4111")
}

func TestEmbeddedActionFormMarshal(t *testing.T) {
	f := EmbeddedActionForm{Form: &PaymentActionForm{Method: "GET", RedirectURL: "https://a.example/"}}
	out, err := json.Marshal(f)
	require.NoError(t, err)
	require.Equal(t, `"{\"method\":\"GET\",\"redirectUrl\":\"https://a.example/\"}"`, string(out))
	out, err = json.Marshal(EmbeddedActionForm{})
	require.NoError(t, err)
	require.Equal(t, "null", string(out))
	out, err = json.Marshal(PayResponse{})
	require.NoError(t, err)
	require.NotContains(t, string(out), "paymentActionForm")
}

// FuzzDecodeResponses decodes random bytes into every response and notification
// type: decoding may fail, but never panics, and a decoded paymentActionForm
// always either has a form, a problem, or nothing at all.
func FuzzDecodeResponses(f *testing.F) {
	f.Add([]byte(seedPayInProcess))
	f.Add([]byte(seedInquiry3D))
	f.Add([]byte(`{"paymentActionForm":"{\"method\":"}`))
	f.Add([]byte(`{"paymentActionForm":{"redirectUrl":[]}}`))
	f.Add([]byte(`{"notifyType":"REFUND_RESULT","refundStatus":"SUCCESS","result":{"resultStatus":"S"}}`))
	f.Add([]byte(`{"transactions":[{"transactionType":"CAPTURE","transactionStatus":"SUCCESS","transactionResult":{}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var pay PayResponse
		if json.Unmarshal(data, &pay) == nil {
			f := pay.PaymentActionForm
			if f.Form != nil && f.Raw == "" {
				t.Fatal("a decoded form without its raw text")
			}
			if _, err := json.Marshal(pay); err != nil {
				t.Fatalf("re-encoding a decoded pay response: %v", err)
			}
		}
		for _, v := range []any{&InquiryPaymentResponse{}, &CaptureResponse{}, &CancelResponse{}, &RefundResponse{},
			&InquiryRefundResponse{}, &PaymentNotification{}, &CaptureNotification{}, &RefundNotification{}, &NotificationHead{}} {
			_ = json.Unmarshal(data, v)
		}
	})
}

func BenchmarkDecodePayResponse(b *testing.B) {
	b.ReportAllocs()
	data := []byte(seedPayInProcess)
	for b.Loop() {
		var r PayResponse
		if err := json.Unmarshal(data, &r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeInquiryPaymentResponse(b *testing.B) {
	b.ReportAllocs()
	data := []byte(seedInquiry3D)
	for b.Loop() {
		var r InquiryPaymentResponse
		if err := json.Unmarshal(data, &r); err != nil {
			b.Fatal(err)
		}
	}
}
