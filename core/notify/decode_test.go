package notify

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/paycore/paycore/core/internal/difftest"
	"github.com/paycore/paycore/core/problem"
)

// agree checks the generated decoders of the op input (problem.DecodeStrict, which
// refuses unknown keys) and of the notification body (encoding/json.Unmarshal)
// against encoding/json.
func agree(t testing.TB, data []byte) (fastOK, refOK bool) {
	t.Helper()
	fastOK, refOK = difftest.Agree(t, "op input", data, decodeInputDoc, func(data []byte, v *Input) error { return problem.DecodeStrict(data, v) })
	bodyOK, bodyRef := difftest.Agree(t, "notification body", data, decodeUnionDoc, func(data []byte, v *union) error { return json.Unmarshal(data, v) })
	return fastOK || bodyOK, refOK || bodyRef
}

// decodeCases are the corners of the op input, its headers and the union body.
var decodeCases = []string{
	`{"path":"/n","headers":{"signature":"s","client-id":"c"},"body":"{}","verify":false}`,
	`{"headers":null}`, `{"headers":{}}`, `{"headers":"x"}`, `{"headers":[]}`, `{"headers":{"a":null}}`, `{"headers":{"a":1}}`,
	`{"headers":{"a":["x","y"]}}`, `{"headers":{"a":["x",null]}}`, `{"headers":{"a":[1]}}`, `{"headers":{"a":"x","a":"y"}}`,
	`{"headers":{"a":"x","b":["y"],"a":"z"}}`, `{"headers":{"\u0041":"x","é":"y"}}`, `{"headers":{"a":"x"},"headers":{"b":"y"}}`,
	`{"verify":true}`, `{"verify":null}`, `{"verify":"false"}`, `{"verify":true,"verify":null}`, `{"Verify":false}`,
	`{"toleranceSeconds":300}`, `{"toleranceSeconds":3e2}`, `{"toleranceSeconds":"300"}`, `{"toleranceSeconds":-1}`,
	`{"context":{"captureMode":"MANUAL","attempt":2}}`, `{"context":null}`, `{"context":{"x":1}}`, `{"context":{"attempt":1.5}}`,
	`{"context":{"mode":"hosted"},"context":{"now":"2024-01-01T00:00:00Z"}}`, `{"publicKey":"k","now":"n","body":null}`,
	`{"notifyType":"CAPTURE_RESULT","captureRequestId":"c","captureAmount":{"value":"1","currency":"EUR"},"result":{"resultStatus":"S"}}`,
	`{"notifyType":"REFUND_RESULT","refundStatus":"SUCCESS","refundAmount":null,"arn":"a"}`, `{"captureAmount":"x"}`,
	`{"paymentResultInfo":{"threeDSResult":{"caav":"c"}},"cardInfo":{"cardToken":"t"}}`, `{"CAPTUREID":"x"}`,
}

// vectorDocs are the test vectors' documents the decoders read.
func vectorDocs(t testing.TB) [][]byte {
	return difftest.VectorDocs(t, os.DirFS("../../testvectors/notification.parse"), []string{"body"})
}

// TestDecodeAgrees runs the corners and the vectors' documents through the
// generated decoders: they agree with encoding/json, and every vector document
// encoding/json accepts takes the generated path.
func TestDecodeAgrees(t *testing.T) {
	difftest.Check(t, agree, decodeCases, vectorDocs(t), 20)
}

// FuzzDecodeDifferential feeds arbitrary bytes to the generated decoders and to
// encoding/json: whatever a generated decoder accepts, encoding/json accepts and
// decodes to an equal value.
func FuzzDecodeDifferential(f *testing.F) {
	difftest.Fuzz(f, agree, decodeCases, vectorDocs(f))
}
