package followup

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/problem"
)

// withoutPrivateKey drops signing.privateKey from a seed input: RSA signing with a
// real key costs milliseconds, which makes minimizing such an input outlast the fuzz
// run, and mutations never make a valid key anyway (key parsing and signing have
// their own fuzz targets in package signature). The content-to-sign path stays.
func withoutPrivateKey(input []byte) []byte {
	var m map[string]any
	if json.Unmarshal(input, &m) != nil {
		return input
	}
	if s, ok := m["signing"].(map[string]any); ok {
		delete(s, "privateKey")
	}
	out, err := json.Marshal(m)
	if err != nil {
		return input
	}
	return out
}

// fuzzOps are the ops FuzzBuild dispatches to, by the first input byte.
var fuzzOps = []struct {
	name string
	run  func([]byte) (any, error)
}{
	{"capture.build", OpCapture}, {"cancel.build", OpCancel}, {"inquiry.build", OpInquiry},
	{"refund.build", OpRefund}, {"consult.build", OpConsult}, {"consult.read", OpConsultRead},
}

// FuzzBuild feeds arbitrary input to every op of the package (the op is picked by
// the selector): no panic, only closed error codes, and a successful build is a
// compact JSON body that decodes into its wire type and comes out the same on a
// second run.
func FuzzBuild(f *testing.F) {
	for i, op := range fuzzOps {
		files, _ := filepath.Glob("../../testvectors/" + op.name + "/*.json")
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				continue
			}
			var v struct {
				Input json.RawMessage `json:"input"`
			}
			if json.Unmarshal(data, &v) == nil && len(v.Input) > 0 {
				f.Add(uint8(i), withoutPrivateKey(v.Input))
			}
		}
	}
	f.Add(uint8(4), []byte(`{"env":{"terminalType":"WEB","browserInfo":{"javaEnabled":"x"}},"amount":{"currency":"KRW","value":"1"}}`))
	f.Add(uint8(5), []byte(`{"response":{"result":{"resultStatus":"S"},"paymentOptions":[{"paymentMethodType":"CARD","enabled":"true","paymentMethodRegion":"KR"}]}}`))
	closed := problem.Codes()
	f.Fuzz(func(t *testing.T, sel uint8, input []byte) {
		op := fuzzOps[int(sel)%len(fuzzOps)]
		res, perr := concrete(op.run(input))
		if perr != nil {
			require.Contains(t, closed, perr.Code)
			require.NotEqual(t, problem.Internal, perr.Code, "%s: %s", op.name, perr.Message)
			if perr.Code == problem.ValidationFailed {
				require.NotEmpty(t, perr.Violations)
			}
			return
		}
		out, err := json.Marshal(res)
		require.NoError(t, err)
		again, _ := op.run(input)
		out2, _ := json.Marshal(again)
		require.Equal(t, string(out), string(out2), "deterministic")
		b, ok := res.(Built)
		if !ok {
			c := res.(Consultation)
			require.NotNil(t, c.Methods)
			require.NotNil(t, c.IssuerAuthBrands)
			for _, brand := range c.IssuerAuthBrands {
				require.True(t, brand.Korean())
			}
			return
		}
		require.True(t, json.Valid([]byte(b.Body)))
		require.False(t, strings.ContainsAny(b.Body, "\n\t"), "compact body")
		require.True(t, strings.HasPrefix(b.Path, "/ams/"))
		var wire any
		switch op.name {
		case "capture.build":
			wire = &antom.CaptureRequest{}
		case "cancel.build":
			wire = &antom.CancelRequest{}
		case "refund.build":
			wire = &antom.RefundRequest{}
		case "consult.build":
			wire = &antom.ConsultRequest{}
		default:
			wire = &map[string]string{}
		}
		dec := json.NewDecoder(strings.NewReader(b.Body))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(wire))
	})
}
