package outcome_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paycore/paycore/core/outcome"
	"github.com/paycore/paycore/core/problem"
	"github.com/stretchr/testify/require"
)

// The seed's pay "authorization in the process" response, verbatim.
const seedPayInProcess = `{"normalUrl":"https://pgw-ui.2c2p.com/payment/4.1/ant/#/token/kSAops9Zwhos8hSTSeLTUchuUa9%2bFg0EHv0XtS%2bTyCt8%2f1qy%2fDZCW88dV9FH3Yh8pEobKvOj%2fsh6nbH95mDRORzWy%2bsBbFh541I7QzVolYBEzeYnLiTC6lP2hjCAwadc","paymentActionForm":"{\"method\":\"GET\",\"paymentActionFormType\":\"RedirectActionForm\",\"redirectUrl\":\"https://api.tosspayments.com/v1/payments/01OAv2P6yqLlDJaYngro1AWJ1bKaDn3ezGdRpXxKN7BQMEk4/checkout\"}","paymentAmount":{"currency":"KRW","value":"30000"},"paymentCreateTime":"2024-03-18T19:44:15-07:00","paymentId":"2020010123456789XXXX","paymentRequestId":"PAY_20211112172747856","paymentResultInfo":{"avsResultRaw":"","cvvResultRaw":"","threeDSResult":{"cavv":"","eci":""}},"redirectActionForm":{"method":"GET","redirectUrl":"https://pgw-ui.2c2p.com/payment/4.1/ant/#/token/kSAops9Zwhos8hSTSeLTUchuUa9%2bFg0EHv0XtS%2bTyCt8%2f1qy%2fDZCW88dV9FH3Yh8pEobKvOj%2fsh6nbH95mDRORzWy%2bsBbFh541I7QzVolYBEzeYnLiTC6lP2hjCAwadc"},"result":{"resultCode":"PAYMENT_IN_PROCESS","resultMessage":"payment in process","resultStatus":"U"}}`

// The seed's inquiryPayment (3D) response, verbatim.
const seedInquiry3D = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"Success"},"paymentStatus":"SUCCESS","paymentRequestId":"pay_1089760038715669_10277574507XXXX","paymentId":"2019060811401080010018882020035XXXX","paymentAmount":{"value":"500","currency":"USD"},"paymentCreateTime":"2019-06-01T12:01:01+08:30","paymentTime":"2019-06-01T12:01:01+08:30","paymentResultInfo":{"avsResultRaw":"A","cvvResultRaw":"Y","networkTransactionId":"sampleNetworkTransactionId123456","threeDSResult":{"eci":"02","threeDSVersion":"2.2.0","caav":"cavvSample","dsTransactionId":"sample_dsTranasctionId"}}}`

func run(t testing.TB, input string) (outcome.Result, *problem.Error) {
	t.Helper()
	v, perr := concrete(outcome.Op([]byte(input)))
	if perr != nil {
		return outcome.Result{}, perr
	}
	res, ok := v.(outcome.Result)
	require.True(t, ok, "Op returns an outcome.Result")
	return res, nil
}

func TestOpSeedPayInProcess(t *testing.T) {
	res, perr := run(t, `{"api":"pay","response":`+seedPayInProcess+`}`)
	require.Nil(t, perr)
	require.Equal(t, outcome.RequiresBuyerAction, res.Outcome)
	require.Equal(t, outcome.Redirect, res.Action.Kind)
	require.Equal(t, "normalUrl", res.Action.Source)
	require.Equal(t, "GET", res.Action.Method)
	require.True(t, strings.HasPrefix(res.Action.URL, "https://pgw-ui.2c2p.com/"))
	require.Len(t, res.Action.Alternatives, 1, "redirectActionForm names the same URL; paymentActionForm another")
	require.Equal(t, "paymentActionForm.redirectUrl", res.Action.Alternatives[0].Source)
	require.Nil(t, res.CardChecks, "empty checks are not reported")
	require.Empty(t, res.Warnings)
}

func TestOpSeedInquiry3D(t *testing.T) {
	res, perr := run(t, `{"api":"inquiryPayment","response":`+seedInquiry3D+`,"context":{"captureMode":"MANUAL"}}`)
	require.Nil(t, perr)
	require.Equal(t, outcome.Authorized, res.Outcome)
	require.Equal(t, outcome.Capture, res.Action.Kind)
	require.Equal(t, "SUCCESS", res.PaymentStatus)
	require.NotNil(t, res.CardChecks)
	require.Equal(t, "full", res.CardChecks.ThreeDS.Authentication)
	require.Equal(t, "2.2.0", res.CardChecks.ThreeDS.Version)
	require.Equal(t, "A", res.CardChecks.AVS.Raw)
	require.True(t, *res.CardChecks.CVV.Matched)
}

func TestOpRedirectPriority(t *testing.T) {
	cases := []struct {
		name, response, source, method string
		alternatives                   int
	}{
		{"normalUrl wins", `{"normalUrl":"https://a.example/n","applinkUrl":"https://a.example/l","schemeUrl":"app://s","redirectActionForm":{"method":"POST","redirectUrl":"https://a.example/f","parameters":"x=1"}}`, "normalUrl", "GET", 3},
		{"normalUrl takes the form's method when the URL is the same", `{"normalUrl":"https://a.example/f","redirectActionForm":{"method":"post","redirectUrl":"https://a.example/f","parameters":"x=1"}}`, "normalUrl", "POST", 0},
		{"form next", `{"redirectActionForm":{"redirectUrl":"https://a.example/f"},"applinkUrl":"https://a.example/l"}`, "redirectActionForm.redirectUrl", "GET", 1},
		{"applink before scheme", `{"schemeUrl":"app://s","applinkUrl":"https://a.example/l"}`, "applinkUrl", "GET", 1},
		{"scheme alone", `{"schemeUrl":"app://s"}`, "schemeUrl", "GET", 0},
		{"paymentActionForm last", `{"paymentActionForm":"{\"redirectUrl\":\"https://a.example/p\",\"method\":\"POST\"}"}`, "paymentActionForm.redirectUrl", "POST", 0},
		{"bare object form", `{"paymentActionForm":{"redirectUrl":"https://a.example/p"}}`, "paymentActionForm.redirectUrl", "GET", 0},
		{"odd method becomes GET", `{"normalUrl":"https://a.example/n","redirectActionForm":{"method":"PUT","redirectUrl":"https://a.example/n"}}`, "normalUrl", "GET", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Replace(c.response, "{", `{"result":{"resultStatus":"U","resultCode":"PAYMENT_IN_PROCESS"},`, 1)
			res, perr := run(t, `{"api":"pay","response":`+body+`}`)
			require.Nil(t, perr)
			require.Equal(t, outcome.Redirect, res.Action.Kind)
			require.Equal(t, c.source, res.Action.Source)
			require.Equal(t, c.method, res.Action.Method)
			require.Len(t, res.Action.Alternatives, c.alternatives)
		})
	}
}

func TestOpUnusableURLs(t *testing.T) {
	web := []string{"javascript:alert(1)", "ftp://x", "https://", "https:///path", "http://a b", "data:text/html,x", " ", "//a.example/x"}
	app := []string{"javascript:alert(1)", "JavaScript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "app:", ":x", "1app://x", "a b://x"}
	for i := range max(len(web), len(app)) {
		u, a := web[i%len(web)], app[i%len(app)]
		in, _ := json.Marshal(map[string]any{"api": "pay", "response": map[string]any{
			"result": map[string]string{"resultStatus": "U", "resultCode": "PAYMENT_IN_PROCESS"}, "normalUrl": u, "applinkUrl": u, "schemeUrl": a,
			"redirectActionForm": map[string]string{"redirectUrl": u}}})
		res, perr := run(t, string(in))
		require.Nil(t, perr)
		require.Equal(t, outcome.RetryNewRequest, res.Action.Kind, "%q %q", u, a)
		require.Equal(t, outcome.Failed, res.Outcome, u)
		require.NotEmpty(t, res.Warnings)
	}
}

func TestOpErrors(t *testing.T) {
	cases := []struct {
		input string
		code  problem.Code
		field string
	}{
		{`{"api":"pay"}`, problem.BadInput, "response"},
		{`{"api":"pay","response":null}`, problem.BadInput, "response"},
		{`{"api":"pay","response":[]}`, problem.BadJSON, "response"},
		{`{"api":"pay","response":"x"}`, problem.BadJSON, "response"},
		{`{"api":"pay","response":{"result":[]}}`, problem.BadJSON, "response.result"},
		{`{"api":"Pay","response":{}}`, problem.BadInput, "api"},
		{`{"api":"pay","response":{},"transport":"timeout"}`, problem.BadInput, "transport"},
		{`{"api":"pay","transport":"TIMEOUT"}`, problem.BadInput, "transport"},
		{`{"api":"notifyRefund","transport":"timeout"}`, problem.BadInput, "transport"},
		{`{"api":"pay","transport":"timeout","context":{"mode":"s2s"}}`, problem.BadInput, "context.mode"},
		{`{"api":"pay","transport":"timeout","context":{"captureMode":"auto"}}`, problem.BadInput, "context.captureMode"},
		{`{"api":"pay","transport":"timeout","context":{"attempt":-2}}`, problem.BadInput, "context.attempt"},
		{`{"api":"pay","transport":"timeout","context":{"attempt":1.5}}`, problem.BadJSON, "context.attempt"},
		{`{"api":"pay","transport":"timeout","context":{"now":"2024-01-01"}}`, problem.BadInput, "context.now"},
		{`{"api":"pay","transport":"timeout","context":{"foo":1}}`, problem.BadInput, "context.foo"},
		{`{"api":"pay","transport":"timeout","context":"x"}`, problem.BadJSON, "context"},
		{`{"api":"pay","transport":"timeout","extra":1}`, problem.BadInput, "extra"},
		{`{"api":"pay","response":{"paymentResultInfo":{"lastFour":4242}}}`, problem.BadJSON, "response.paymentResultInfo.lastFour"},
	}
	for _, c := range cases {
		t.Run(c.input, func(t *testing.T) {
			_, perr := run(t, c.input)
			require.NotNil(t, perr)
			require.Equal(t, c.code, perr.Code)
			require.Equal(t, c.field, perr.Field)
			require.NotEmpty(t, perr.Message)
		})
	}
}

func TestOpNeverEchoesCardNumbers(t *testing.T) {
	pan := "4111111111111111"
	in := `{"api":"inquiryPayment","response":{"result":{"resultStatus":"S","resultCode":"` + pan + `"},"paymentStatus":"` + pan + `",` +
		`"paymentResultCode":"` + pan + `","paymentResultInfo":{"avsResultRaw":"` + pan + `","cvvResultRaw":"` + pan + `","lastFour":"` + pan + `",` +
		`"threeDSResult":{"eci":"` + pan + `","threeDSVersion":"` + pan + `","cavv":"` + pan + `"}}}}`
	res, perr := run(t, in)
	require.Nil(t, perr)
	out, err := json.Marshal(res)
	require.NoError(t, err)
	require.NotContains(t, string(out), pan)
	require.NotContains(t, string(out), "41111111")

	_, perr = run(t, `{"api":"pay","response":{"result":{"resultStatus":`+pan+`}}}`)
	require.NotNil(t, perr)
	require.NotContains(t, perr.Message, pan)
}

func TestOpTransport(t *testing.T) {
	for _, api := range []string{"pay", "inquiryPayment", "capture", "cancel", "refund", "inquiryRefund"} {
		for _, tr := range []string{"timeout", "no_response"} {
			res, perr := run(t, `{"api":"`+api+`","transport":"`+tr+`"}`)
			require.Nil(t, perr)
			require.Equal(t, outcome.Unknown, res.Outcome)
			require.NotEqual(t, outcome.RetryNewRequest, res.Action.Kind)
			require.Equal(t, tr, res.Reason)
		}
	}
}

// vectorInputs returns the inputs of the golden vectors (for the fuzz corpus and
// the benchmarks).
func vectorInputs(t testing.TB) [][]byte {
	t.Helper()
	files, err := filepath.Glob("../../testvectors/response.interpret/*.json")
	require.NoError(t, err)
	var inputs [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var v struct {
			Input    json.RawMessage `json:"input"`
			InputRaw bool            `json:"inputRaw"`
		}
		require.NoError(t, json.Unmarshal(data, &v))
		if v.InputRaw {
			var s string
			require.NoError(t, json.Unmarshal(v.Input, &s))
			inputs = append(inputs, []byte(s))
			continue
		}
		inputs = append(inputs, v.Input)
	}
	return inputs
}

// FuzzInterpret feeds random input to the op. It never panics; a result always
// uses the vocabularies, is terminal exactly when succeeded or failed, and never
// asks for a new request id when the answer's status is U or absent (or no answer
// came), except for PAYMENT_IN_PROCESS without a URL.
func FuzzInterpret(f *testing.F) {
	for _, in := range vectorInputs(f) {
		f.Add(in)
	}
	f.Add([]byte(`{"api":"pay","response":` + seedPayInProcess + `}`))
	f.Add([]byte(`{"api":"inquiryPayment","response":` + seedInquiry3D + `,"context":{"captureMode":"MANUAL","now":"2030-01-01T00:00:00Z"}}`))
	outcomes, kinds := outcome.Outcomes(), outcome.Kinds()
	f.Fuzz(func(t *testing.T, input []byte) {
		v, perr := concrete(outcome.Op(input))
		if perr != nil {
			if perr.Code != problem.BadJSON && perr.Code != problem.BadInput {
				t.Fatalf("unexpected error code %s", perr.Code)
			}
			return
		}
		res := v.(outcome.Result)
		if !slices.Contains(outcomes, res.Outcome) {
			t.Fatalf("outcome %q not in the vocabulary", res.Outcome)
		}
		if !slices.Contains(kinds, res.Action.Kind) {
			t.Fatalf("action %q not in the vocabulary", res.Action.Kind)
		}
		if res.Terminal != (res.Outcome == outcome.Succeeded || res.Outcome == outcome.Failed) {
			t.Fatalf("terminal %v with outcome %s", res.Terminal, res.Outcome)
		}
		if res.Reason == "" || res.Message == "" {
			t.Fatal("a decision without reason or message")
		}
		if res.Action.Kind == outcome.RetryNewRequest && (res.ResultStatus == "U" || res.ResultStatus == "") {
			if res.ResultStatus != "U" || res.ResultCode != "PAYMENT_IN_PROCESS" || res.Reason != "in_process_without_redirect" {
				t.Fatalf("retry_new_request under status %q code %q (%s)", res.ResultStatus, res.ResultCode, res.Reason)
			}
		}
		if res.Action.Kind == outcome.Redirect && res.Action.URL == "" {
			t.Fatal("a redirect without a URL")
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not encode: %v", err)
		}
	})
}

// marshal is core.Marshal's encoding (compact, no HTML escaping), so the
// benchmarks measure JSON in to JSON out like core.Handle does.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

func BenchmarkInterpret(b *testing.B) {
	cases := []struct{ name, input string }{
		{"pay_in_process", `{"api":"pay","response":` + seedPayInProcess + `,"context":{"mode":"issuer_auth"}}`},
		{"inquiry_3d", `{"api":"inquiryPayment","response":` + seedInquiry3D + `,"context":{"captureMode":"MANUAL","now":"2019-06-02T00:00:00Z"}}`},
		{"timeout", `{"api":"pay","transport":"timeout"}`},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			in := []byte(c.input)
			for b.Loop() {
				v, perr := concrete(outcome.Op(in))
				if perr != nil {
					b.Fatal(perr)
				}
				if _, err := marshal(map[string]any{"ok": true, "result": v}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecide(b *testing.B) {
	b.ReportAllocs()
	sig := outcome.Signal{API: outcome.APINotifyPayment, NotifyType: "PAYMENT_RESULT", ResultStatus: "F", ResultCode: "DO_NOT_HONOR"}
	for b.Loop() {
		_ = outcome.Decide(sig, outcome.Context{CaptureMode: outcome.CaptureManual})
	}
}
