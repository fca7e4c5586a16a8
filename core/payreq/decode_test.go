package payreq

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/internal/jsonlex"
	"github.com/paycore/paycore/core/problem"
)

// agree checks that the generated decoder and the reference (encoding/json, then the
// key scanner) agree on data, as a pay request and as a pay.validate op input: the
// same struct and the same findings in the same order, or both refuse it as
// malformed. The generated decoder may never refuse what the reference accepts: that
// would send valid input down the slow path.
func agree(t *testing.T, data []byte) {
	t.Helper()
	var fast, ref antom.PayRequest
	found, ok := decodeRequestDoc(data, &fast)
	want, perr := decodeReference(data, &ref, paySchema)
	agreeOn(t, "request", data, ok, perr, fast, ref, found, want)

	var fastIn, refIn opInput
	found, ok = decodeOpInputDoc(data, &fastIn)
	want, perr = decodeReference(data, &refIn, validateInputSchema)
	agreeOn(t, "op input", data, ok, perr, fastIn, refIn, found, want)
}

func agreeOn(t *testing.T, what string, data []byte, ok bool, perr *problem.Error, fast, ref any, found, want findings) {
	t.Helper()
	if perr != nil {
		require.False(t, ok, "%s %q: the reference refuses it (%v) but the generated decoder accepts it", what, data, perr)
		require.Equal(t, problem.BadJSON, perr.Code)
		return
	}
	require.True(t, ok, "%s %q: the generated decoder refuses well-formed input", what, data)
	if !reflect.DeepEqual(fast, ref) {
		a, _ := json.Marshal(fast)
		b, _ := json.Marshal(ref)
		t.Fatalf("%s %q: decoded structs differ\ngenerated: %s\nreference: %s\n%#v\n%#v", what, data, a, b, fast, ref)
	}
	require.Equal(t, want.issues, found.issues, "%s %q: issues", what, data)
	require.Equal(t, want.nonASCI, found.nonASCI, "%s %q: Chinese-character paths", what, data)
}

// decodeCases are inputs that exercise encoding/json's and the key scanner's corners.
var decodeCases = []string{
	// Shapes of the document.
	`{}`, ` {} `, "\t\r\n{}\n", `null`, `"x"`, `"中"`, `[]`, `[{}]`, `1`, `-0.5e+3`, `true`, `false`,
	// Duplicates: the last value wins, objects merge, null leaves a string alone.
	`{"productCode":"A","productCode":"B"}`,
	`{"productCode":"A","productCode":null}`,
	`{"productCode":"A","productCode":1}`,
	`{"order":{"referenceOrderId":"a"},"order":{"orderDescription":"b"}}`,
	`{"order":{"referenceOrderId":"a"},"order":null}`,
	`{"order":{"referenceOrderId":"a"},"order":"x"}`,
	`{"order":{"goods":[{"goodsName":"a"},{"goodsName":"b"}],"goods":[{"goodsBrand":"x"}],"goods":[{},{"priceId":"p"},{}]}}`,
	`{"order":{"goods":[{"goodsName":"a"}],"goods":[]}}`,
	`{"order":{"goods":[{"goodsName":"a"}],"goods":null,"goods":[null,{}]}}`,
	`{"creditPayPlan":{"filteredInstallmentPeriods":["3","6"],"filteredInstallmentPeriods":[null,1,"x",{}]}}`,
	// Values of the wrong kind.
	`{"order":"x","paymentMethod":1,"paymentFactor":true,"env":[1,{"a":"中"}],"paymentAmount":false}`,
	`{"productCode":1,"paymentRequestId":{},"paymentRedirectUrl":[],"paymentNotifyUrl":true,"extendInfo":null}`,
	`{"order":{"goods":{},"env":"WEB"}}`, `{"order":{"goods":"x"}}`, `{"order":{"goods":[1,"x",true,[],null]}}`,
	`{"order":{"goods":[{"goodsQuantity":10},{"goodsQuantity":"10"},{"goodsQuantity":-1.5e3},{"goodsQuantity":true},{"goodsQuantity":null},{"goodsQuantity":{}},{"goodsQuantity":"\u00e9"}]}}`,
	// Flexible scalars.
	`{"paymentFactor":{"isAuthorization":true},"paymentMethod":{"requireIssuerAuthentication":"true","paymentMethodMetaData":{"isCardOnFile":"false","tokenize":false,"is3DSAuthentication":"yes","enableAuthenticationUpgrade":1,"requireIssuerAuthentication":null}}}`,
	`{"paymentMethod":{"paymentMethodMetaData":{"isCardOnFile":{},"tokenize":[],"is3DSAuthentication":"tru\u0065","enableAuthenticationUpgrade":" true"}}}`,
	`{"env":{"colorDepth":48,"screenHeight":"768","screenWidth":"+48","timeZoneOffset":"4.8"}}`,
	`{"env":{"colorDepth":4.8,"screenHeight":1e3,"screenWidth":"-0","timeZoneOffset":-0}}`,
	`{"env":{"colorDepth":"99999999999999999999","screenHeight":99999999999999999999,"screenWidth":"\u0034\u0038","timeZoneOffset":{}}}`,
	`{"env":{"colorDepth":"","screenHeight":"-","screenWidth":[],"timeZoneOffset":true}}`,
	`{"creditPayPlan":{"installmentNum":"12","feePercentage":"12\"","interval":"M"}}`,
	`{"order":{"buyer":{"isAccountVerified":"false","successfulOrderCount":"7"}}}`,
	// Keys: case, escapes, Unicode folding, invalid UTF-8, the empty key.
	`{"ProductCode":"X"}`, `{"PRODUCTCODE":"X","productcode":"Y"}`,
	`{"paymentMethod":{"PaymentMethodMetaData":{"cardNo":"4111","bogus":1,"cvv":12,"x":"中"}}}`,
	`{"paymentMethod":{"paymentMethodMetaData":{"CardNo":"4111111111111111"}}}`,
	`{"product\u0043ode":"x"}`, `{"product\u0063ode":"x"}`, `{"paymentReque\u017ftId":"x"}`,
	"{\"paymentReque\xc5\xbftId\":\"x\"}", `{"env":{"deviceto\u212aenId":"x"}}`,
	"{\"cardNo\xff\":1,\"productCode\xff\":\"x\"}", "{\"a\\u00e9\xff\":1}",
	`{"":{"x":"中"}}`, `{"":"中"}`, `{"a":{"":{"":"中"}}}`,
	`{"enableAuthenticationUpgrate":true,"paymentMethod":{"paymentMethodMetaData":{"enableAuthenticationUpgrate":true,"expiryYaer":"29"}}}`,
	`{"paymentRequestId":"a","paymentRequestId":"b","paymentRequestId":"c","PAYMENTREQUESTID":"d"}`,
	`{"product\u0043ode":"a","productCode":"b"}`,
	// Strings: escapes, surrogates, invalid UTF-8, Chinese characters.
	`{"productCode":"a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u4e2d"}`,
	`{"productCode":"\ud83d\ude00","paymentRequestId":"\ud800","extendInfo":"\udc00x","appId":"\ud800\u0041","merchantRegion":"\ud800\ud800"}`,
	"{\"productCode\":\"a\xffb\",\"paymentRequestId\":\"\xed\xa0\x80\",\"appId\":\"\xe4\xb8\"}",
	`{"order":{"orderDescription":"咖啡","goods":[{"goodsName":"\u5496"},{"goodsName":"\\u5496"},{"goodsName":"\\\u5496"}]}}`,
	`{"foo":{"bar":["中",{"baz":"\u4e2d"}]},"order":"中","env":{"colorDepth":"中"}}`,
	`{"x":["中",["中",["中"]]],"y":{"z\u4e2d":"中"},"w\\u":"中"}`,
	`{"order":{"orderDescription":"\u3000","referenceOrderId":"\uff01","orderType":"\ud840\udc00","extendInfo":"𠀀"}}`,
	// Numbers and literals in unknown places.
	`{"x":0,"y":-0.0e-0,"z":1E+2,"w":[true,false,null],"v":{"a":{}}}`,
	// The op input wrapper.
	`{"request":{},"now":"2026-11-28T09:00:00Z"}`,
	`{"request":{},"Request":{"productCode":"x"}}`,
	`{"request":{"productCode":"a"},"request":{"paymentRequestId":"b"}}`,
	`{"request":5,"now":1,"mode":[]}`, `{"request":null,"now":null,"mode":null}`,
	`{"mode":"hosted","mode":null,"NOW":"x","Mode":"y"}`, `{"request":"中"}`, `{"now":"中","x":"中"}`,
	// Malformed.
	``, ` `, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{,}`, `[1,]`, `[,1]`, `{"a":01}`, `{"a":1.}`,
	`{"a":-}`, `{"a":.5}`, `{"a":1e}`, `{"a":tru}`, `{"a":nul}`, `{"a":truex}`, "{\"a\":\"\x01\"}", `{"a":"\q"}`,
	`{"a":"\u12"}`, `{"a":"\u12g4"}`, `{"a":"x`, `{"a":"x\`, `{} {}`, `{}x`, "\xef\xbb\xbf{}", `{"a":1 "b":2}`,
	`{"a" 1}`, `{1:2}`, `{"a":[1 2]}`, `{"order":{"goods":[{]}}`, `{"productCode":"a",}`, `nul`, `-`, `"`,
	`{"order":{"goods":[{"goodsName":"a"}`, `{"env":{"colorDepth":1`, `{"paymentMethod":{"paymentMethodMetaData":{"isCardOnFile":t}}}`,
}

func TestDecodeAgreesWithReference(t *testing.T) {
	for _, c := range decodeCases {
		agree(t, []byte(c))
	}
	for _, raw := range vectorInputs(t) {
		agree(t, raw)
	}
}

// TestDecodeNestingLimit checks the decoder takes encoding/json's nesting limit of
// 10000 exactly, and survives far deeper input without exhausting the stack.
func TestDecodeNestingLimit(t *testing.T) {
	nest := func(depth int, open, close string) []byte {
		// The request object is one level; the value of "x" holds the rest.
		return []byte(`{"x":` + strings.Repeat(open, depth-1) + strings.Repeat(close, depth-1) + `}`)
	}
	for _, depth := range []int{9999, 10000, 10001} {
		for _, oc := range [][2]string{{"[", "]"}, {`{"a":`, "}"}} {
			data := nest(depth, oc[0], oc[1])
			if oc[0] != "[" {
				data = []byte(`{"x":` + strings.Repeat(oc[0], depth-1) + "1" + strings.Repeat(oc[1], depth-1) + `}`)
			}
			agree(t, data)
			var req antom.PayRequest
			_, ok := decodeRequestDoc(data, &req)
			require.Equal(t, depth <= jsonlex.MaxDepth, ok, "depth %d", depth)
		}
	}
	var req antom.PayRequest
	_, ok := decodeRequestDoc([]byte(strings.Repeat("[", 1<<20)), &req)
	require.False(t, ok)
}

// vectorInputs returns the op input of every pay.validate vector and its request.
func vectorInputs(t testing.TB) [][]byte {
	files, err := filepath.Glob("../../testvectors/pay.validate/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out [][]byte
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var v struct {
			Input json.RawMessage `json:"input"`
		}
		require.NoError(t, json.Unmarshal(data, &v))
		out = append(out, v.Input)
		var in struct {
			Request json.RawMessage `json:"request"`
		}
		if json.Unmarshal(v.Input, &in) == nil && len(in.Request) > 0 {
			out = append(out, in.Request)
		}
	}
	for _, name := range []string{"seed_server_to_server", "seed_hosted", "seed_issuer_auth"} {
		out = append(out, loadExample(t, name), seedRequest(t, name))
	}
	return out
}

// FuzzDecodeDifferential feeds arbitrary bytes to the generated decoder and to the
// reference: for every input they give equal structs and equal findings, or both
// refuse it as malformed.
func FuzzDecodeDifferential(f *testing.F) {
	for _, c := range decodeCases {
		f.Add([]byte(c))
	}
	for _, raw := range vectorInputs(f) {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, data)
	})
}

// TestDecodeGenIsFresh regenerates decode_gen.go in memory and fails when the file
// differs: run go generate ./core/payreq after changing a json tag of the antom types.
func TestDecodeGenIsFresh(t *testing.T) {
	gobin, err := exec.LookPath("go")
	require.NoError(t, err, "the freshness check runs the generator with the go command")
	out, err := exec.Command(gobin, "run", "../../internal/gen/paydecoder", "-check", "-o", "decode_gen.go").CombinedOutput()
	require.NoError(t, err, "%s", out)
}

// BenchmarkDecode compares the generated one-pass decoder with the reference
// (encoding/json, then the key scanner) on the seed's server-to-server op input.
func BenchmarkDecode(b *testing.B) {
	in := loadExample(b, "seed_server_to_server")
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v opInput
			if _, ok := decodeOpInputDoc(in, &v); !ok {
				b.Fatal("malformed")
			}
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v opInput
			if _, perr := decodeReference(in, &v, validateInputSchema); perr != nil {
				b.Fatal(perr)
			}
		}
	})
}

// BenchmarkTags measures the validator/v10 pass alone on the decoded seed request.
func BenchmarkTags(b *testing.B) {
	var v opInput
	if _, ok := decodeOpInputDoc(loadExample(b, "seed_server_to_server"), &v); !ok {
		b.Fatal("malformed")
	}
	b.ReportAllocs()
	for b.Loop() {
		c := checker{}
		c.tags(v.Request)
	}
}
