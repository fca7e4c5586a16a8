package outcome

import (
	"os"
	"testing"

	"github.com/paycore/paycore/core/internal/difftest"
	"github.com/paycore/paycore/core/problem"
)

// agree checks the generated decoders of the op input and of its context against
// encoding/json (problem.DecodeStrict, which refuses unknown keys).
func agree(t testing.TB, data []byte) (fastOK, refOK bool) {
	t.Helper()
	fastOK, refOK = difftest.Agree(t, "op input", data, decodeOpInputDoc, decodeStrict[OpInput])
	difftest.Agree(t, "context", data, decodeContextDoc, decodeStrict[Context])
	return fastOK, refOK
}

func decodeStrict[T any](data []byte, v *T) error { return problem.DecodeStrict(data, v) }

// decodeCases are the corners of the op input and the context.
var decodeCases = []string{
	`{"api":"pay","response":{"result":{"resultStatus":"S"}},"context":{"mode":"hosted","attempt":2}}`,
	`{"api":"pay","api":"cancel"}`, `{"api":null}`, `{"api":1}`, `{"API":"pay"}`, `{"ap\u0069":"pay"}`, `{"apix":"pay"}`,
	`{"response":null}`, `{"response":"x"}`, `{"response":[1,{"a":2}]}`, `{"response":{"a":1},"response":{"b":2}}`, `{"response": {} }`,
	`{"transport":"timeout","context":null}`, `{"context":{}}`, `{"context":"x"}`,
	`{"attempt":3}`, `{"attempt":-3}`, `{"attempt":3.5}`, `{"attempt":1e2}`, `{"attempt":"3"}`, `{"attempt":null}`, `{"attempt":-0}`,
	`{"attempt":9223372036854775807}`, `{"attempt":9223372036854775808}`, `{"attempt":-9223372036854775808}`, `{"attempt":123456789012345678}`,
	`{"captureMode":"MANUAL","captureMode":null,"now":"2024-01-01T00:00:00Z"}`, `{"mode":true}`, `{"unknown":1}`,
}

// vectorDocs are the test vectors' documents the decoders read.
func vectorDocs(t testing.TB) [][]byte {
	return difftest.VectorDocs(t, os.DirFS("../../testvectors/response.interpret"), []string{"context"})
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
