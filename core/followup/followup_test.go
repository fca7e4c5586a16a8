package followup

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/outbound"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/core/signature"
)

const (
	sandboxClient = "SANDBOX_5Y0A2N2Y3B5J04251"
	requestTime   = "1764320400000"
	paymentID     = "20261128194010800100188570271832381"
)

func readKey(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile("../../testvectors/keys/" + name)
	require.NoError(tb, err)
	return strings.TrimSpace(string(b))
}

func eur(v string) *Amount { return &Amount{Currency: "EUR", Value: v} }

// failed returns "field rule" of each violation, or the error code and field.
func failed(t *testing.T, perr *problem.Error) []string {
	t.Helper()
	require.NotNil(t, perr)
	if perr.Code != problem.ValidationFailed {
		return []string{string(perr.Code) + " " + perr.Field}
	}
	var out []string
	for _, v := range perr.Violations {
		out = append(out, v.Field+" "+v.Rule)
	}
	return out
}

func rules(vs []problem.Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Field+" "+v.Rule)
	}
	return out
}

func TestBuildCapture(t *testing.T) {
	base := CaptureIntent{CaptureRequestID: "CAP_1", PaymentID: paymentID, Amount: eur("30000"), AuthorizedAmount: eur("30000")}
	with := func(f func(*CaptureIntent)) CaptureIntent { in := base; f(&in); return in }
	tests := []struct {
		name     string
		in       CaptureIntent
		body     string
		warnings []string
		fails    []string
	}{
		{name: "full", in: base,
			body: `{"captureRequestId":"CAP_1","paymentId":"` + paymentID + `","captureAmount":{"currency":"EUR","value":"30000"}}`},
		{name: "major", in: with(func(in *CaptureIntent) { in.Amount = &Amount{Currency: "EUR", Major: "300"} }),
			body: `{"captureRequestId":"CAP_1","paymentId":"` + paymentID + `","captureAmount":{"currency":"EUR","value":"30000"}}`},
		{name: "last", in: with(func(in *CaptureIntent) { in.IsLastCapture = Flag{set: true, value: true} }),
			body: `{"captureRequestId":"CAP_1","paymentId":"` + paymentID + `","captureAmount":{"currency":"EUR","value":"30000"},"isLastCapture":true}`},
		{name: "partial refused", in: with(func(in *CaptureIntent) { in.Amount = eur("29999") }), fails: []string{"amount partial_capture"}},
		{name: "partial allowed", in: with(func(in *CaptureIntent) { in.Amount = eur("29999"); in.AllowPartial = Flag{set: true, value: true} }),
			warnings: []string{"isLastCapture recommended"}},
		{name: "partial allowed and last", in: with(func(in *CaptureIntent) {
			in.Amount = eur("29999")
			in.AllowPartial = Flag{set: true, value: true}
			in.IsLastCapture = Flag{set: true}
		})},
		{name: "exceeds even when partial allowed", in: with(func(in *CaptureIntent) { in.Amount = eur("100000"); in.AllowPartial = Flag{set: true, value: true} }),
			fails: []string{"amount exceeds_authorized"}},
		{name: "longer value is larger", in: with(func(in *CaptureIntent) { in.Amount = eur("9"); in.AuthorizedAmount = eur("10") }),
			fails: []string{"amount partial_capture"}},
		{name: "currency mismatch", in: with(func(in *CaptureIntent) { in.Amount = &Amount{Currency: "USD", Value: "30000"} }),
			fails: []string{"amount.currency currency_mismatch"}},
		{name: "full but not last", in: with(func(in *CaptureIntent) { in.IsLastCapture = Flag{set: true} }),
			warnings: []string{"isLastCapture full_capture_not_last"}},
		{name: "no authorized amount", in: with(func(in *CaptureIntent) { in.AuthorizedAmount = nil }),
			warnings: []string{"authorizedAmount recommended"}},
		{name: "everything missing", in: CaptureIntent{},
			fails: []string{"captureRequestId required", "paymentId required", "amount required"}},
		{name: "bad authorized amount only", in: with(func(in *CaptureIntent) { in.AuthorizedAmount = eur("0") }),
			fails: []string{"authorizedAmount.value value_zero"}},
		{name: "too long, not ascii", in: with(func(in *CaptureIntent) {
			in.CaptureRequestID = strings.Repeat("x", 65)
			in.PaymentID = "pay\tment"
		}), fails: []string{"captureRequestId max", "paymentId format"}},
		{name: "64 multibyte characters are not too long but not ascii", in: with(func(in *CaptureIntent) { in.CaptureRequestID = strings.Repeat("é", 64) }),
			fails: []string{"captureRequestId format"}},
		{name: "bad signing", in: with(func(in *CaptureIntent) { in.Signing = &outbound.Signing{RequestTime: requestTime} }),
			fails: []string{"BAD_INPUT signing.clientId"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, perr := concrete(BuildCapture(tc.in))
			if tc.fails != nil {
				require.Equal(t, tc.fails, failed(t, perr))
				return
			}
			require.Nil(t, perr)
			require.Equal(t, "POST", b.Method)
			require.Equal(t, "/ams/api/v1/payments/capture", b.Path)
			if tc.body != "" {
				require.Equal(t, tc.body, b.Body)
			}
			require.Equal(t, tc.warnings, rules(b.Warnings))
			require.NotNil(t, b.Warnings, "warnings is always an array")
		})
	}
}

func TestBuildCancelAndInquiry(t *testing.T) {
	tests := []struct {
		name  string
		build func() (Built, *problem.Error)
		path  string
		body  string
		fails []string
	}{
		{"cancel by paymentId", func() (Built, *problem.Error) { return concrete(BuildCancel(CancelIntent{PaymentID: "P1"})) },
			"/ams/api/v1/payments/cancel", `{"paymentId":"P1"}`, nil},
		{"cancel by paymentRequestId", func() (Built, *problem.Error) {
			return concrete(BuildCancel(CancelIntent{PaymentRequestID: "R1", MerchantAccountID: "M1"}))
		}, "/ams/api/v1/payments/cancel", `{"paymentRequestId":"R1","merchantAccountId":"M1"}`, nil},
		{"cancel neither", func() (Built, *problem.Error) { return concrete(BuildCancel(CancelIntent{})) }, "", "", []string{"paymentId required"}},
		{"cancel both", func() (Built, *problem.Error) {
			return concrete(BuildCancel(CancelIntent{PaymentID: "P1", PaymentRequestID: "R1"}))
		},
			"", "", []string{"paymentRequestId one_of"}},
		{"cancel long account", func() (Built, *problem.Error) {
			return concrete(BuildCancel(CancelIntent{PaymentID: "P1", MerchantAccountID: strings.Repeat("a", 33)}))
		}, "", "", []string{"merchantAccountId max"}},
		{"inquiryPayment", func() (Built, *problem.Error) {
			return concrete(BuildInquiry(InquiryIntent{API: APIInquiryPayment, PaymentRequestID: "R1"}))
		}, "/ams/api/v1/payments/inquiryPayment", `{"paymentRequestId":"R1"}`, nil},
		{"inquiryRefund", func() (Built, *problem.Error) {
			return concrete(BuildInquiry(InquiryIntent{API: APIInquiryRefund, RefundID: "F1"}))
		},
			"/ams/api/v1/payments/inquiryRefund", `{"refundId":"F1"}`, nil},
		{"inquiryRefund with payment ids", func() (Built, *problem.Error) {
			return concrete(BuildInquiry(InquiryIntent{API: APIInquiryRefund, RefundRequestID: "F1", PaymentID: "P1", PaymentRequestID: "R1"}))
		}, "", "", []string{"paymentId api_mismatch", "paymentRequestId api_mismatch"}},
		{"inquiry without api", func() (Built, *problem.Error) { return concrete(BuildInquiry(InquiryIntent{PaymentID: "P1"})) },
			"", "", []string{"BAD_INPUT api"}},
		{"inquiry with unknown api", func() (Built, *problem.Error) {
			return concrete(BuildInquiry(InquiryIntent{API: "inquiry", PaymentID: "P1"}))
		},
			"", "", []string{"BAD_INPUT api"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, perr := tc.build()
			if tc.fails != nil {
				require.Equal(t, tc.fails, failed(t, perr))
				return
			}
			require.Nil(t, perr)
			require.Equal(t, tc.path, b.Path)
			require.Equal(t, tc.body, b.Body)
		})
	}
}

func TestBuildRefund(t *testing.T) {
	base := RefundIntent{RefundRequestID: "F1", PaymentID: "P1", Amount: eur("100")}
	tests := []struct {
		name     string
		edit     func(*RefundIntent)
		body     string
		warnings []string
		fails    []string
	}{
		{"minimal", func(*RefundIntent) {}, `{"refundRequestId":"F1","paymentId":"P1","refundAmount":{"currency":"EUR","value":"100"}}`, nil, nil},
		{"no HTML escaping", func(in *RefundIntent) { in.Reason = "<broken> & returned" },
			`{"refundRequestId":"F1","paymentId":"P1","refundAmount":{"currency":"EUR","value":"100"},"refundReason":"<broken> & returned"}`, nil, nil},
		{"256 characters of reason", func(in *RefundIntent) { in.Reason = strings.Repeat("é", 256) }, "", nil, nil},
		{"257 characters of reason", func(in *RefundIntent) { in.Reason = strings.Repeat("r", 257) }, "", nil, []string{"reason max"}},
		{"chinese reason", func(in *RefundIntent) { in.Reason = "退款" }, "", []string{"reason chinese_characters"}, nil},
		{"notify url", func(in *RefundIntent) { in.NotifyURL = "ftp://x.example/n" }, "", nil, []string{"notifyUrl url"}},
		{"notify url without host", func(in *RefundIntent) { in.NotifyURL = "https:///n" }, "", nil, []string{"notifyUrl url"}},
		{"ids", func(in *RefundIntent) {
			in.ReferenceRefundID = strings.Repeat("r", 65)
			in.CaptureID = "c\x00"
		}, "", nil, []string{"referenceRefundId max", "captureId format"}},
		{"amount both forms", func(in *RefundIntent) { in.Amount = &Amount{Currency: "EUR", Value: "1", Major: "0.01"} }, "", nil, []string{"amount one_of"}},
		{"amount bad currency in major form", func(in *RefundIntent) { in.Amount = &Amount{Currency: "eur", Major: "1"} }, "", nil, []string{"amount.currency currency_format"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			tc.edit(&in)
			b, perr := concrete(BuildRefund(in))
			if tc.fails != nil {
				require.Equal(t, tc.fails, failed(t, perr))
				return
			}
			require.Nil(t, perr)
			if tc.body != "" {
				require.Equal(t, tc.body, b.Body)
			}
			require.Equal(t, tc.warnings, rules(b.Warnings))
		})
	}
}

func TestBuildConsult(t *testing.T) {
	base := func() ConsultIntent {
		return ConsultIntent{Amount: &Amount{Currency: "KRW", Value: "30000"}, Env: &antom.Env{TerminalType: antom.TerminalWeb}, UserRegion: "KR"}
	}
	tests := []struct {
		name  string
		edit  func(*ConsultIntent)
		body  string
		fails []string
	}{
		{"korean", func(*ConsultIntent) {},
			`{"productCode":"CASHIER_PAYMENT","paymentAmount":{"currency":"KRW","value":"30000"},"paymentFactor":{"isAuthorization":true},"userRegion":"KR","env":{"terminalType":"WEB"}}`, nil},
		{"settlement and regions", func(in *ConsultIntent) {
			in.SettlementCurrency = "USD"
			in.AllowedPaymentMethodRegions = []string{"KR", "GLOBAL"}
			in.CaptureMode = antom.CaptureAutomatic
		}, `{"productCode":"CASHIER_PAYMENT","paymentAmount":{"currency":"KRW","value":"30000"},"paymentFactor":{"isAuthorization":true,"captureMode":"AUTOMATIC"},"userRegion":"KR","allowedPaymentMethodRegions":["KR","GLOBAL"],"settlementStrategy":{"settlementCurrency":"USD"},"env":{"terminalType":"WEB"}}`, nil},
		{"no env", func(in *ConsultIntent) { in.Env = nil }, "", []string{"env required"}},
		{"empty env", func(in *ConsultIntent) { in.Env = &antom.Env{} }, "", []string{"env.terminalType required"}},
		{"app without os", func(in *ConsultIntent) { in.Env = &antom.Env{TerminalType: antom.TerminalApp} }, "", []string{"env.osType required"}},
		{"bad env values", func(in *ConsultIntent) {
			in.Env = &antom.Env{TerminalType: antom.TerminalWeb, OsType: "WINDOWS", ClientIP: "x", StoreTerminalRequestTime: "yesterday",
				BrowserInfo: &antom.BrowserInfo{Language: strings.Repeat("k", 33)}}
		}, "", []string{"env.osType oneof", "env.clientIp ip", "env.storeTerminalRequestTime datetime", "env.browserInfo.language max"}},
		{"regions", func(in *ConsultIntent) {
			in.UserRegion = "Kr"
			in.MerchantRegion = "SGP"
			in.AllowedPaymentMethodRegions = []string{"", "GLOBAL", "global"}
		}, "", []string{"userRegion format", "merchantRegion format", "allowedPaymentMethodRegions[0] format", "allowedPaymentMethodRegions[2] format"}},
		{"currency and capture mode", func(in *ConsultIntent) {
			in.SettlementCurrency = "ZZZ"
			in.CaptureMode = "manual"
			in.MerchantAccountID = strings.Repeat("m", 33)
		}, "", []string{"settlementCurrency currency_unknown", "captureMode oneof", "merchantAccountId max"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.edit(&in)
			b, perr := concrete(BuildConsult(in))
			if tc.fails != nil {
				require.Equal(t, tc.fails, failed(t, perr))
				return
			}
			require.Nil(t, perr)
			require.Equal(t, "/ams/api/v1/payments/consult", b.Path)
			require.Equal(t, tc.body, b.Body)
		})
	}
}

// TestSignedRequestsVerify signs one request of every build op with the test key
// and verifies each with the matching public key over the sandbox path and the
// exact body: the signature covers what is sent.
func TestSignedRequestsVerify(t *testing.T) {
	s := &outbound.Signing{ClientID: sandboxClient, RequestTime: requestTime, PrivateKey: readKey(t, "merchant_private_pkcs8.b64")}
	pub, err := signature.ParsePublicKey(readKey(t, "merchant_public_spki.b64"))
	require.NoError(t, err)
	builds := map[string]func() (Built, *problem.Error){
		"capture": func() (Built, *problem.Error) {
			return concrete(BuildCapture(CaptureIntent{CaptureRequestID: "C1", PaymentID: "P1", Amount: eur("1"), Signing: s}))
		},
		"cancel": func() (Built, *problem.Error) {
			return concrete(BuildCancel(CancelIntent{PaymentID: "P1", Signing: s}))
		},
		"inquiryPayment": func() (Built, *problem.Error) {
			return concrete(BuildInquiry(InquiryIntent{API: APIInquiryPayment, PaymentID: "P1", Signing: s}))
		},
		"inquiryRefund": func() (Built, *problem.Error) {
			return concrete(BuildInquiry(InquiryIntent{API: APIInquiryRefund, RefundID: "F1", Signing: s}))
		},
		"refund": func() (Built, *problem.Error) {
			return concrete(BuildRefund(RefundIntent{RefundRequestID: "F1", PaymentID: "P1", Amount: eur("1"), Signing: s}))
		},
		"consult": func() (Built, *problem.Error) {
			return concrete(BuildConsult(ConsultIntent{Amount: eur("1"), Env: &antom.Env{TerminalType: antom.TerminalWeb}, Signing: s}))
		},
	}
	for api, build := range builds {
		t.Run(api, func(t *testing.T) {
			b, perr := build()
			require.Nil(t, perr)
			require.Equal(t, "/ams/sandbox/api/v1/payments/"+api, b.Path)
			require.Empty(t, b.ContentToSign)
			require.NoError(t, signature.Verify(pub, b.Method, b.Path, sandboxClient, requestTime, []byte(b.Body), b.Headers["Signature"]))
			again, _ := build()
			require.Equal(t, b, again, "deterministic")
		})
	}
}

func TestFlag(t *testing.T) {
	tests := []struct {
		in      string
		set, on bool
		bad     bool
	}{
		{"true", true, true, false}, {`"true"`, true, true, false}, {"false", true, false, false}, {`"false"`, true, false, false},
		{"null", false, false, false}, {`"yes"`, false, false, true}, {"1", false, false, true}, {"{}", false, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var v struct {
				F Flag `json:"f"`
			}
			err := json.Unmarshal([]byte(`{"f":`+tc.in+`}`), &v)
			if tc.bad {
				var te *json.UnmarshalTypeError
				require.ErrorAs(t, err, &te)
				require.Equal(t, "f", te.Field)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.set, v.F.IsSet())
			require.Equal(t, tc.on, v.F.IsTrue())
			require.Equal(t, tc.set && !tc.on, v.F.IsFalse())
		})
	}
}

func TestCompareMinor(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{{"1", "1", 0}, {"9", "10", -1}, {"10", "9", 1}, {"30000", "29999", 1}, {"1234567890123456", "1234567890123457", -1}}
	for _, tc := range tests {
		require.Equal(t, tc.want, compareMinor(tc.a, tc.b), "%s vs %s", tc.a, tc.b)
	}
}

func TestOpsLocateUnknownKeys(t *testing.T) {
	tests := []struct {
		op    func([]byte) (any, error)
		input string
		code  problem.Code
		field string
	}{
		{OpConsult, `{"env":{"terminalType":"WEB","browserInfo":{"lang":"ko"}}}`, problem.BadInput, "env.browserInfo.lang"},
		{OpCancel, `{"paymentId":"P","signing":{"clientId":"c","requestTime":"1","key":"k"}}`, problem.BadInput, "signing.key"},
		{OpCapture, `{"amount":{"currency":"EUR","minor":"1"}}`, problem.BadInput, "amount.minor"},
		{OpRefund, `{"refundId":"F"}`, problem.BadInput, "refundId"},
		{OpCapture, `{"isLastCapture":"no"}`, problem.BadJSON, "isLastCapture"},
		{OpConsult, `{"env":{"terminalType":"WEB","timeZoneOffset":true}}`, problem.BadJSON, "env.timeZoneOffset"},
		{OpConsult, `{"env":{"terminalType":"WEB","browserInfo":{"javaScriptEnabled":0}}}`, problem.BadJSON, "env.browserInfo.javaScriptEnabled"},
		{OpConsultRead, `{"response":{"result":{"resultStatus":"S"},"paymentOptions":[{"paymentOptionDetail":{"supportCardBrands":{}}}]}}`,
			problem.BadJSON, "response.paymentOptions.paymentOptionDetail.supportCardBrands"},
		{OpConsultRead, `{"response":[]}`, problem.BadJSON, "response"},
		{OpConsultRead, `{"response":null}`, problem.BadInput, "response"},
	}
	for _, tc := range tests {
		t.Run(tc.input, func(t *testing.T) {
			_, perr := concrete(tc.op([]byte(tc.input)))
			require.NotNil(t, perr)
			require.Equal(t, tc.code, perr.Code, perr.Message)
			require.Equal(t, tc.field, perr.Field)
			require.Zero(t, perr.Offset)
		})
	}
}

func TestStringList(t *testing.T) {
	tests := []struct {
		in   string
		want antom.StringList
		bad  bool
	}{
		{`["KR","GLOBAL"]`, antom.StringList{"KR", "GLOBAL"}, false}, {`"KR"`, antom.StringList{"KR"}, false}, {`null`, nil, false},
		{`[]`, antom.StringList{}, false}, {`410`, nil, true}, {`["KR",1]`, nil, true}, {`{}`, nil, true},
	}
	for _, tc := range tests {
		var v struct {
			L antom.StringList `json:"l"`
		}
		err := json.Unmarshal([]byte(`{"l":`+tc.in+`}`), &v)
		if tc.bad {
			require.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, v.L, tc.in)
	}
}

func TestReadConsult(t *testing.T) {
	read := func(t *testing.T, body string) Consultation {
		t.Helper()
		var r antom.ConsultResponse
		require.NoError(t, json.Unmarshal([]byte(body), &r))
		c, perr := concrete(ReadConsult(&r))
		require.Nil(t, perr)
		return c
	}
	t.Run("korean brands of enabled CARD options only", func(t *testing.T) {
		c := read(t, `{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"paymentOptions":[
			{"paymentMethodType":"CARD","enabled":true,"paymentOptionDetail":{"supportCardBrands":[{"cardBrand":"VISA"},{"cardBrand":"SAMSUNG"},{"cardBrand":"BC"}]}},
			{"paymentMethodType":"CARD","enabled":false,"paymentOptionDetail":{"supportCardBrands":[{"cardBrand":"LOTTE"}]}},
			{"paymentMethodType":"KAKAOPAY","enabled":"true","paymentOptionDetail":{"supportCardBrands":[{"cardBrand":"HYUNDAI"}]}},
			{"paymentMethodType":"CARD","enabled":"true","paymentOptionDetail":{"supportCardBrands":[{"cardBrand":"SAMSUNG"},{"cardBrand":"WOORI"}]}}]}`)
		require.True(t, c.Succeeded)
		require.Equal(t, []antom.CardBrand{"SAMSUNG", "BC", "WOORI"}, c.IssuerAuthBrands)
		require.Len(t, c.Methods, 4)
		require.Equal(t, []Brand{{Brand: "VISA", Known: true}, {Brand: "SAMSUNG", Known: true, Korean: true}, {Brand: "BC", Known: true, Korean: true}}, c.Methods[0].CardBrands)
		require.False(t, c.Methods[1].Enabled)
		require.True(t, c.Methods[2].Enabled)
		require.Empty(t, c.Warnings)
	})
	t.Run("not a success offers nothing", func(t *testing.T) {
		for _, st := range []string{"F", "U", "", "s"} {
			c := read(t, `{"result":{"resultStatus":"`+st+`","resultCode":"X"},"paymentOptions":[{"paymentMethodType":"CARD","enabled":true,"paymentOptionDetail":{"supportCardBrands":[{"cardBrand":"SAMSUNG"}]}}]}`)
			require.False(t, c.Succeeded, st)
			require.Empty(t, c.Methods)
			require.NotNil(t, c.Methods)
			require.Empty(t, c.IssuerAuthBrands)
		}
	})
	t.Run("outside values are filtered", func(t *testing.T) {
		c := read(t, `{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"ok\u0007"},"paymentOptions":[
			{"paymentMethodType":"CARD","enabled":true,"paymentMethodRegion":["KR","4054695723100768"],"disableReason":"`+strings.Repeat("R", 65)+`",
			 "logo":{"logoName":"card 4054695723100768","logoUrl":"https://x.example/`+strings.Repeat("a", 2048)+`"},
			 "paymentOptionDetail":{"supportBanks":[{"bankIdentifierCode":"B 1"},{"bankShortName":"Bank"}]}}]}`)
		require.Equal(t, "", c.ResultMessage)
		m := c.Methods[0]
		require.Equal(t, []string{"KR"}, m.Regions)
		require.Empty(t, m.DisableReason)
		require.Nil(t, m.Logo)
		require.Equal(t, []Bank{{Name: "Bank"}}, m.Banks)
		require.Equal(t, []string{
			"response.result.resultMessage not_shown",
			"response.paymentOptions[0].disableReason not_shown",
			"response.paymentOptions[0].paymentMethodRegion[1] not_shown",
			"response.paymentOptions[0].logo.logoName not_shown",
			"response.paymentOptions[0].logo.logoUrl not_shown",
			"response.paymentOptions[0].paymentOptionDetail.supportBanks[0].bankIdentifierCode not_shown",
		}, rules(c.Warnings))
		out, err := json.Marshal(c)
		require.NoError(t, err)
		require.NotContains(t, string(out), "4054695723100768")
	})
	t.Run("missing result", func(t *testing.T) {
		_, perr := concrete(ReadConsult(&antom.ConsultResponse{}))
		require.NotNil(t, perr)
		require.Equal(t, problem.BadInput, perr.Code)
		require.Equal(t, "response.result", perr.Field)
	})
}
