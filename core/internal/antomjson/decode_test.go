package antomjson

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/internal/difftest"
)

// agree checks every generated decoder of this package against encoding/json on
// data and reports whether the pay response decoder and encoding/json accepted it.
func agree(t testing.TB, data []byte) (fastOK, refOK bool) {
	t.Helper()
	fastOK, refOK = difftest.Agree(t, "pay response", data, DecodePayResponse, unmarshal[antom.PayResponse])
	difftest.Agree(t, "inquiryPayment response", data, DecodeInquiryPaymentResponse, unmarshal[antom.InquiryPaymentResponse])
	difftest.Agree(t, "capture response", data, DecodeCaptureResponse, unmarshal[antom.CaptureResponse])
	difftest.Agree(t, "cancel response", data, DecodeCancelResponse, unmarshal[antom.CancelResponse])
	difftest.Agree(t, "refund response", data, DecodeRefundResponse, unmarshal[antom.RefundResponse])
	difftest.Agree(t, "inquiryRefund response", data, DecodeInquiryRefundResponse, unmarshal[antom.InquiryRefundResponse])
	difftest.Agree(t, "payment notification", data, DecodePaymentNotification, unmarshal[antom.PaymentNotification])
	difftest.Agree(t, "capture notification", data, DecodeCaptureNotification, unmarshal[antom.CaptureNotification])
	difftest.Agree(t, "refund notification", data, DecodeRefundNotification, unmarshal[antom.RefundNotification])
	difftest.Agree(t, "notification head", data, DecodeNotificationHead, unmarshal[antom.NotificationHead])
	difftest.Agree(t, "payment action form", data, DecodePaymentActionForm, unmarshal[antom.PaymentActionForm])
	return fastOK, refOK
}

func unmarshal[T any](data []byte, v *T) error { return json.Unmarshal(data, v) }

// cases are the corners of the antom types: duplicates, null, wrong kinds, keys
// matching only ignoring case, the hand-written readers (threeDSResult's caav,
// paymentActionForm's string, json.RawMessage parameters), slices reused.
var cases = []string{
	`{"result":{"resultCode":"A"},"result":{"resultStatus":"S"}}`,
	`{"result":null}`, `{"result":"x"}`, `{"result":[]}`, `{"result":{"resultCode":null}}`,
	`{"paymentId":"a","paymentId":null}`, `{"paymentId":"a","paymentId":"b"}`, `{"paymentId":1}`, `{"paymentId":true}`,
	`{"PAYMENTID":"x"}`, `{"paymentid":"x"}`, `{"pay\u006dentId":"x"}`, `{"paymentIdx":"x"}`,
	`{"unknown":{"a":[1,2,{"b":null}]},"paymentId":"x","more":"\u4e2d"}`,
	`{"transactions":[{"transactionId":"a"},{"transactionId":"b"}],"transactions":[{"transactionType":"CAPTURE"}]}`,
	`{"transactions":[{"transactionId":"a","transactionAmount":{"value":"1"}}],"transactions":[{"transactionAmount":{"currency":"EUR"}},{}]}`,
	`{"transactions":[]}`, `{"transactions":null}`, `{"transactions":{}}`, `{"transactions":[null]}`, `{"transactions":[1]}`,
	`{"paymentResultInfo":{"threeDSResult":{"caav":"c"}}}`, `{"paymentResultInfo":{"threeDSResult":{"cavv":"v","caav":"c"}}}`,
	`{"paymentResultInfo":{"threeDSResult":{"cavv":"","caav":"c","eci":"05"}}}`, `{"paymentResultInfo":{"threeDSResult":{"eci":"05"},"threeDSResult":{"cavv":"v"}}}`,
	`{"paymentResultInfo":{"threeDSResult":null}}`, `{"paymentResultInfo":{"threeDSResult":"x"}}`, `{"paymentResultInfo":{"threeDSResult":{"eci":5}}}`,
	`{"paymentResultInfo":{"threeDSResult":{"CAAV":"c"}}}`, `{"cardInfo":{"threeDSResult":{"dsTransactionId":"d","x":[]}}}`,
	`{"paymentActionForm":"{\"method\":\"GET\",\"redirectUrl\":\"https://x\"}"}`, `{"paymentActionForm":"  "}`, `{"paymentActionForm":""}`,
	`{"paymentActionForm":"[1]"}`, `{"paymentActionForm":"{bad"}`, `{"paymentActionForm":{"method":"GET"}}`, `{"paymentActionForm":5}`,
	`{"paymentActionForm":null}`, `{"paymentActionForm":"{\"method\":1}"}`, `{"paymentActionForm":"{\"parameters\":{\"a\":1}}"}`,
	`{"paymentActionForm":" {\"method\":\"POST\"} "}`, `{"paymentActionForm":"{\"method\":\"GET\"} x"}`, `{"paymentActionForm":"{\"METHOD\":\"GET\"}"}`,
	`{"paymentActionForm":"{\"method\":\"GET\"}","paymentActionForm":null}`, `{"paymentActionForm":[]}`, `{"paymentActionForm":"\u007b}"}`,
	`{"redirectActionForm":{"parameters":"a=b"}}`, `{"redirectActionForm":{"parameters":null}}`, `{"redirectActionForm":{"parameters":{"x":[1,2]}}}`,
	`{"redirectActionForm":{"parameters":{"x":1},"parameters":"y"}}`, `{"redirectActionForm":{"parameters":1.5e3}}`,
	`{"paymentAmount":{"value":"1","currency":"EUR","value":"2"}}`, `{"paymentAmount":{"value":1}}`, `{"paymentAmount":null}`,
	`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S"}}`, `{"notifyType":5}`,
	`{"refundStatus":"SUCCESS","arn":"a","ARN":"b"}`, `{"paymentId":"\u00e9\ud83d\ude00\ud800\u0000"}`, "{\"paymentId\":\"\xff\xfe\"}",
}

// seeds are the op inputs of the test vectors and the Antom documents in them: the responses of
// response.interpret, the notification bodies of notification.parse and the
// responses and notifications of payment.apply's events.
func seeds(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	for _, op := range []struct {
		dir   string
		paths [][]string
	}{
		{"response.interpret", [][]string{{"response"}}},
		{"notification.parse", [][]string{{"body"}}},
		{"payment.apply", [][]string{{"event", "response"}, {"event", "notification"}}},
	} {
		out = append(out, difftest.VectorDocs(t, os.DirFS("../../../testvectors/"+op.dir), op.paths...)...)
	}
	return out
}

// TestDecodeAgrees runs the corners and every Antom document of the vectors
// through every decoder: they agree with encoding/json, and every vector document
// encoding/json accepts takes the generated path.
func TestDecodeAgrees(t *testing.T) {
	difftest.Check(t, agree, cases, seeds(t), 100)
}

// FuzzDecodeDifferential feeds arbitrary bytes to every generated decoder of this
// package and to encoding/json: whatever a generated decoder accepts, encoding/json
// accepts and decodes to an equal value.
func FuzzDecodeDifferential(f *testing.F) {
	difftest.Fuzz(f, agree, cases, seeds(f))
}
