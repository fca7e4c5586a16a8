package lifecycle

import (
	"os"
	"testing"

	"github.com/paycore/paycore/core/internal/difftest"
	"github.com/paycore/paycore/core/problem"
)

// agree checks the generated decoders of the op input, the state and the event
// against encoding/json (problem.DecodeStrict, which refuses unknown keys).
func agree(t testing.TB, data []byte) (fastOK, refOK bool) {
	t.Helper()
	fastOK, refOK = difftest.Agree(t, "op input", data, decodeOpInputDoc, decodeStrict[OpInput])
	a, b := difftest.Agree(t, "state", data, decodeStateDoc, decodeStrict[State])
	c, d := difftest.Agree(t, "event", data, decodeEventDoc, decodeStrict[Event])
	return fastOK || a || c, refOK || b || d
}

func decodeStrict[T any](data []byte, v *T) error { return problem.DecodeStrict(data, v) }

// decodeCases are the corners of the op input, the state (maps, a struct held by
// value, slices) and the event.
var decodeCases = []string{
	`{"state":null,"event":{"type":"pay_requested"},"now":"2024-01-01T00:00:00Z"}`, `{"state":{"v":1},"state":[1]}`,
	`{"v":1,"status":"authorized","amount":{"currency":"EUR","value":"1"},"amount":{"value":"2"}}`, `{"amount":null}`, `{"amount":"x"}`,
	`{"captures":{"C1":{"status":"requested","amount":{"value":"1"}},"C2":{"status":"succeeded","attempts":2}}}`,
	`{"captures":{"C1":{"status":"requested","amount":{"value":"1"}},"captures":{"C1":{"id":"x"}}}}`,
	`{"captures":{"C1":{"id":"a"},"C1":{"code":"b"}}}`, `{"captures":{}}`, `{"captures":null}`, `{"captures":[]}`, `{"captures":{"C1":null}}`,
	`{"captures":{"C1":1}}`, `{"captures":{"C\u0031":{},"é":{},"` + "\xff" + `":{}}}`, `{"refunds":{"R":{"x":1}}}`, `{"refunds":{"R":{"Status":"x"}}}`,
	`{"cancel":{"status":"unknown","attempts":3}}`, `{"cancel":null}`, `{"cancel":{"allowPartial":"true"}}`,
	`{"superseded":["a","b"],"superseded":["c"]}`, `{"superseded":[null,"x"]}`, `{"superseded":[1]}`, `{"superseded":null}`, `{"superseded":[]}`,
	`{"conflicts":[{"reason":"r","event":"e","have":"h","got":"g"}],"conflicts":[{"requestId":"x"},{}]}`, `{"conflicts":[null]}`,
	`{"v":1.0}`, `{"v":"1"}`, `{"v":-1}`, `{"v":99999999999999999999}`,
	`{"type":"capture_requested","captureRequestId":"C","amount":{"value":"1","currency":"EUR"},"allowPartial":true}`,
	`{"allowPartial":null}`, `{"allowPartial":1}`, `{"attempt":2,"attempt":null}`, `{"attempt":"2"}`,
	`{"type":"pay_response","response":{"result":{"resultStatus":"S"}},"notification":null}`, `{"response":"{\"a\":1}"}`,
	`{"type":"notification","notification":{"notifyType":"PAYMENT_RESULT"},"notification":[1,2]}`, `{"TYPE":"x"}`,
}

// vectorDocs are the test vectors' documents the decoders read.
func vectorDocs(t testing.TB) [][]byte {
	return difftest.VectorDocs(t, os.DirFS("../../testvectors/payment.apply"), []string{"state"}, []string{"event"})
}

// TestDecodeAgrees runs the corners and the vectors' documents through the
// generated decoders: they agree with encoding/json, and every vector document
// encoding/json accepts takes the generated path.
func TestDecodeAgrees(t *testing.T) {
	difftest.Check(t, agree, decodeCases, vectorDocs(t), 100)
}

// FuzzDecodeDifferential feeds arbitrary bytes to the generated decoders and to
// encoding/json: whatever a generated decoder accepts, encoding/json accepts and
// decodes to an equal value.
func FuzzDecodeDifferential(f *testing.F) {
	difftest.Fuzz(f, agree, decodeCases, vectorDocs(f))
}
