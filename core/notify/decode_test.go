package notify

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

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

// vectorDocs are the op inputs of the notification.parse vectors and their bodies.
func vectorDocs(t testing.TB) [][]byte {
	t.Helper()
	files, err := filepath.Glob("../../testvectors/notification.parse/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		out = append(out, difftest.Seeds(data, []string{"body"})...)
	}
	return out
}

// TestDecodeAgrees runs the corners and the vectors' op inputs and bodies through
// the generated decoders; every vector document encoding/json accepts takes the
// generated path.
func TestDecodeAgrees(t *testing.T) {
	for _, c := range append(difftest.Corners, decodeCases...) {
		agree(t, []byte(c))
	}
	fast := 0
	for _, doc := range vectorDocs(t) {
		if fastOK, refOK := agree(t, doc); refOK {
			require.True(t, fastOK, "a vector's document takes the encoding/json path: %s", doc)
			fast++
		}
	}
	require.Greater(t, fast, 20)
}

// FuzzDecodeDifferential feeds arbitrary bytes to the generated decoders of the op
// input and the notification body and to encoding/json: whatever a generated
// decoder accepts, encoding/json accepts and decodes to an equal value.
func FuzzDecodeDifferential(f *testing.F) {
	for _, c := range append(difftest.Corners, decodeCases...) {
		f.Add([]byte(c))
	}
	for _, doc := range vectorDocs(f) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, data)
	})
}
