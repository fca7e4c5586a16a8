package sandbox_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/hosts/sandbox"
)

func TestPayServerToServerSuccess(t *testing.T) {
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	r := e.pay(e.intent("server_to_server", "PAY_S2S_OK", map[string]any{"captureMode": "MANUAL"}), nil)
	require.Equal(t, 200, r.status)
	require.True(t, e.verified(r), "response signature")
	requireResult(t, r, "S", "SUCCESS")
	require.NotEmpty(t, r.str("paymentId"))
	require.NotEmpty(t, r.str("paymentResultInfo.cardToken"))
	require.Equal(t, "0768", r.str("paymentResultInfo.lastFour"))
	require.NotEmpty(t, r.str("authExpiryTime"))
	got := e.recv.wait(1, 5*time.Second)
	require.Equal(t, "PAYMENT_RESULT", got[0].notifyType())
	require.True(t, got[0].verified, "notification signature")
	require.Equal(t, "/antom/notify", got[0].path)
	time.Sleep(50 * time.Millisecond)
	require.Len(t, e.recv.all(), 1, "MANUAL capture: no notifyCapture")
}

func TestCardsAndTriggers(t *testing.T) {
	e := newEnv(t, nil)
	card := func(n string) map[string]any {
		return map[string]any{"number": n, "cvv": "123", "expiryMonth": "12", "expiryYear": "2029"}
	}
	for _, tc := range []struct {
		name, number, value string
		threeDS             bool
		status, code        string
	}{
		{"visa success", "4054695723100768", "30000", false, "S", "SUCCESS"},
		{"mastercard success", "5162774114974622", "30000", false, "S", "SUCCESS"},
		{"hyundai success", "9490220011669217", "30000", false, "S", "SUCCESS"},
		{"visa failure card", "4054692760174822", "30000", false, "F", "DO_NOT_HONOR"},
		{"mastercard failure card", "5162770472561357", "30000", false, "F", "USER_BALANCE_NOT_ENOUGH"},
		{"unknown card", "4117347806156383", "30000", false, "F", "ACCESS_DENIED"},
		{"amount 11 is a risk reject", "4054695723100768", "11", false, "F", "RISK_REJECT"},
		{"3DS flag asks for a challenge", "4054695723100768", "30000", true, "U", "PAYMENT_IN_PROCESS"},
		{"3DS exemption card", "4035501000000008", "30000", true, "S", "SUCCESS"},
		{"a failure card declines before 3DS", "4054692760174822", "30000", true, "F", "DO_NOT_HONOR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := e.intent("server_to_server", "PAY_"+strings.ReplaceAll(tc.name, " ", "_"), map[string]any{
				"card": card(tc.number), "amount": map[string]any{"currency": "EUR", "value": tc.value}, "threeDS": tc.threeDS})
			r := e.pay(in, nil)
			requireResult(t, r, tc.status, tc.code)
			require.True(t, e.verified(r))
			require.NotContains(t, string(r.raw), tc.number, "no card number in a response")
			if tc.status == "U" {
				u, err := url.Parse(r.str("normalUrl"))
				require.NoError(t, err)
				require.True(t, strings.HasPrefix(u.Path, "/sandbox/pages/3ds/"), u.Path)
				require.Equal(t, r.str("normalUrl"), r.str("redirectActionForm.redirectUrl"))
			}
		})
	}
}

func TestSignatureAndClient(t *testing.T) {
	e := newEnv(t, nil)
	body := `{"paymentRequestId":"PAY_NONE"}`
	path := "/ams/api/v1/payments/inquiryPayment"

	r := e.sendRaw(path, body, nil)
	requireResult(t, r, "F", "ORDER_NOT_EXIST")
	require.True(t, e.verified(r), "the non-sandbox path answers too")

	bad := e.sendRaw(path, body, map[string]string{"Signature": "algorithm=RSA256,keyVersion=1,signature=AAAA"})
	requireResult(t, bad, "F", "INVALID_SIGNATURE")
	require.Empty(t, bad.headers.Get("signature"), "Antom does not sign INVALID_SIGNATURE")
	require.Empty(t, bad.headers.Get("response-time"))

	missing := e.sendRaw(path, body, map[string]string{"Signature": ""})
	requireResult(t, missing, "F", "INVALID_SIGNATURE")

	other := e.sendRaw(path, body, map[string]string{"Client-Id": "SANDBOX_SOMEONE_ELSE"})
	requireResult(t, other, "F", "CLIENT_INVALID")

	unknown := e.sendRaw("/ams/api/v1/payments/payAll", body, nil)
	requireResult(t, unknown, "F", "NO_INTERFACE_DEF")
}

func TestValidationIsParamIllegalNamingTheField(t *testing.T) {
	e := newEnv(t, nil)
	built := op(t, "pay.build", e.intent("server_to_server", "PAY_INVALID", nil))
	var body map[string]any
	require.NoError(t, json.Unmarshal([]byte(built["body"].(string)), &body))
	body["paymentMethod"].(map[string]any)["paymentMethodMetaData"].(map[string]any)["expiryYear"] = "19"
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	r := e.sendRaw(built["path"].(string), string(raw), nil)
	requireResult(t, r, "F", "PARAM_ILLEGAL")
	require.Contains(t, r.str("result.resultMessage"), "paymentMethod.paymentMethodMetaData.expiry")
	require.NotContains(t, string(r.raw), "4054695723100768")

	notJSON := e.sendRaw(built["path"].(string), `{"paymentRequestId":`, nil)
	requireResult(t, notJSON, "F", "PARAM_ILLEGAL")

	// An invalid request is not stored: the same id with a valid body goes through.
	ok := e.pay(e.intent("server_to_server", "PAY_INVALID", nil), nil)
	requireResult(t, ok, "S", "SUCCESS")
}

func TestPayIdempotency(t *testing.T) {
	e := newEnv(t, nil)
	in := e.intent("server_to_server", "PAY_IDEM", nil)
	first := e.pay(in, nil)
	requireResult(t, first, "S", "SUCCESS")
	in["signing"] = e.signing()
	again := e.pay(in, nil)
	require.Equal(t, string(first.raw), string(again.raw), "the same request gets the same answer")
	require.True(t, e.verified(again))

	in["amount"] = map[string]any{"currency": "EUR", "value": "30001"}
	requireResult(t, e.pay(in, nil), "F", "REPEAT_REQ_INCONSISTENT")
	in["amount"] = map[string]any{"currency": "USD", "value": "30000"}
	requireResult(t, e.pay(in, nil), "F", "REPEAT_REQ_INCONSISTENT")

	got := e.recv.wait(2, 5*time.Second)
	time.Sleep(50 * time.Millisecond)
	require.Len(t, e.recv.all(), 2, "one payment, one notifyPayment and one notifyCapture")
	require.Equal(t, "PAYMENT_RESULT", got[0].notifyType())
	require.Equal(t, "CAPTURE_RESULT", got[1].notifyType())
	require.Equal(t, "PAY_IDEM", got[1].notify["captureRequestId"])
}

func TestManualCaptureRefundAndInquiries(t *testing.T) {
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	p := e.pay(e.intent("server_to_server", "PAY_MANUAL", map[string]any{"captureMode": "MANUAL"}), nil)
	requireResult(t, p, "S", "SUCCESS")
	pid := p.str("paymentId")
	amount := map[string]any{"currency": "EUR", "value": "30000"}

	inq := e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentRequestId": "PAY_MANUAL"})
	requireResult(t, inq, "S", "SUCCESS")
	require.Equal(t, "SUCCESS", inq.str("paymentStatus"))
	require.Equal(t, p.str("paymentResultInfo.cardToken"), inq.str("cardInfo.cardToken"))
	require.Nil(t, inq.body["transactions"])

	c := e.build("capture.build", map[string]any{"captureRequestId": "CAP_1", "paymentId": pid, "amount": amount})
	requireResult(t, c, "S", "SUCCESS")
	require.True(t, e.verified(c))
	require.Equal(t, pid, c.str("paymentId"))
	again := e.build("capture.build", map[string]any{"captureRequestId": "CAP_1", "paymentId": pid, "amount": amount})
	require.Equal(t, string(c.raw), string(again.raw))
	requireResult(t, e.build("capture.build", map[string]any{"captureRequestId": "CAP_1", "paymentId": pid, "amount": map[string]any{"currency": "EUR", "value": "100"}, "allowPartial": true}), "F", "REPEAT_REQ_INCONSISTENT")
	requireResult(t, e.build("capture.build", map[string]any{"captureRequestId": "CAP_2", "paymentId": pid, "amount": amount}), "F", "MULTI_CAPTURE_NOT_SUPPORTED")
	requireResult(t, e.build("cancel.build", map[string]any{"paymentId": pid}), "F", "ORDER_STATUS_INVALID")

	inq = e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentId": pid})
	tx := inq.body["transactions"].([]any)
	require.Len(t, tx, 1)
	require.Equal(t, "CAPTURE", tx[0].(map[string]any)["transactionType"])

	half := map[string]any{"currency": "EUR", "value": "15000"}
	rf := e.build("refund.build", map[string]any{"refundRequestId": "REF_1", "paymentId": pid, "amount": half})
	requireResult(t, rf, "S", "SUCCESS")
	require.Equal(t, "15000", rf.str("refundAmount.value"))
	requireResult(t, e.build("refund.build", map[string]any{"refundRequestId": "REF_1", "paymentId": pid, "amount": map[string]any{"currency": "EUR", "value": "100"}}), "F", "REPEAT_REQ_INCONSISTENT")
	requireResult(t, e.build("refund.build", map[string]any{"refundRequestId": "REF_2", "paymentId": pid, "amount": map[string]any{"currency": "EUR", "value": "15001"}}), "F", "REFUND_AMOUNT_EXCEED")
	requireResult(t, e.build("refund.build", map[string]any{"refundRequestId": "REF_3", "paymentId": pid, "amount": half}), "S", "SUCCESS")

	ir := e.build("inquiry.build", map[string]any{"api": "inquiryRefund", "refundRequestId": "REF_1"})
	requireResult(t, ir, "S", "SUCCESS")
	require.Equal(t, "SUCCESS", ir.str("refundStatus"))
	require.Equal(t, rf.str("refundId"), ir.str("refundId"))
	requireResult(t, e.build("inquiry.build", map[string]any{"api": "inquiryRefund", "refundRequestId": "REF_NONE"}), "F", "ORDER_NOT_EXIST")

	got := e.recv.wait(4, 5*time.Second)
	var types []string
	for _, d := range got {
		require.True(t, d.verified, "every notification verifies: %s", d.body)
		types = append(types, d.notifyType())
	}
	require.ElementsMatch(t, []string{"PAYMENT_RESULT", "CAPTURE_RESULT", "REFUND_RESULT", "REFUND_RESULT"}, types)
}

func TestCaptureRules(t *testing.T) {
	e := newEnv(t, nil)
	amount := map[string]any{"currency": "EUR", "value": "30000"}
	pay := func(id string) string {
		r := e.pay(e.intent("server_to_server", id, map[string]any{"captureMode": "MANUAL"}), nil)
		requireResult(t, r, "S", "SUCCESS")
		return r.str("paymentId")
	}
	over := e.build("capture.build", map[string]any{"captureRequestId": "CAP_OVER", "paymentId": pay("PAY_OVER"), "amount": map[string]any{"currency": "EUR", "value": "30001"}})
	requireResult(t, over, "F", "CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT")

	cancelled := pay("PAY_CANCEL")
	cn := e.build("cancel.build", map[string]any{"paymentId": cancelled})
	requireResult(t, cn, "S", "SUCCESS")
	require.NotEmpty(t, cn.str("cancelTime"))
	require.Equal(t, string(cn.raw), string(e.build("cancel.build", map[string]any{"paymentRequestId": "PAY_CANCEL"}).raw), "cancel is idempotent")
	requireResult(t, e.build("capture.build", map[string]any{"captureRequestId": "CAP_C", "paymentId": cancelled, "amount": amount}), "F", "AUTH_CANCELLED")
	inq := e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentId": cancelled})
	require.Equal(t, "CANCELLED", inq.str("paymentStatus"))

	requireResult(t, e.build("capture.build", map[string]any{"captureRequestId": "CAP_X", "paymentId": "NO_SUCH_PAYMENT", "amount": amount}), "F", "AUTH_NOT_FOUND")
	auto := e.pay(e.intent("server_to_server", "PAY_AUTO", nil), nil)
	requireResult(t, e.build("capture.build", map[string]any{"captureRequestId": "CAP_AUTO", "paymentId": auto.str("paymentId"), "amount": amount}), "F", "ORDER_STATUS_INVALID")
	requireResult(t, e.build("refund.build", map[string]any{"refundRequestId": "REF_X", "paymentId": pay("PAY_NOT_CAPTURED"), "amount": amount}), "F", "ORDER_STATUS_INVALID")

	// Authorizations expire: 7 days divided by the time scale (60000) is about 10 s.
	expiring := pay("PAY_EXPIRE")
	e.clock.advance(11 * time.Second)
	requireResult(t, e.build("capture.build", map[string]any{"captureRequestId": "CAP_E", "paymentId": expiring, "amount": amount}), "F", "AUTH_EXPIRED")
}

func TestSavedCard(t *testing.T) {
	e := newEnv(t, nil)
	first := e.pay(e.intent("server_to_server", "PAY_FIRST", nil), nil)
	token := first.str("paymentResultInfo.cardToken")
	require.NotEmpty(t, token)
	saved := e.pay(e.intent("saved_card", "PAY_SAVED", map[string]any{"cardToken": token, "cardOnFile": true}), nil)
	requireResult(t, saved, "S", "SUCCESS")
	require.Equal(t, token, saved.str("paymentResultInfo.cardToken"))
	require.Equal(t, "0768", saved.str("paymentResultInfo.lastFour"))
	unknown := e.pay(e.intent("saved_card", "PAY_SAVED_UNKNOWN", map[string]any{"cardToken": "SANDBOX_TOKEN_NOPE", "cardOnFile": true}), nil)
	requireResult(t, unknown, "F", "PARAM_ILLEGAL")
	require.Contains(t, unknown.str("result.resultMessage"), "paymentMethod.paymentMethodId")
}

func TestConsult(t *testing.T) {
	e := newEnv(t, nil)
	r := e.build("consult.build", map[string]any{"amount": map[string]any{"currency": "KRW", "value": "30000"}, "env": map[string]any{"terminalType": "WEB"}})
	requireResult(t, r, "S", "SUCCESS")
	read := op(t, "consult.read", map[string]any{"response": r.body})
	require.Equal(t, true, read["succeeded"])
	require.Contains(t, read["issuerAuthBrands"], "SAMSUNG")
}

func TestKeysEndpoint(t *testing.T) {
	e := newEnv(t, nil)
	resp, err := http.Get(e.sb.URL() + "/sandbox/keys")
	require.NoError(t, err)
	defer resp.Body.Close()
	var keys map[string]string
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&keys))
	require.Equal(t, e.sb.PublicKey(), keys["publicKey"])
	require.Equal(t, testClientID, keys["clientId"])
}

func TestGeneratedKeys(t *testing.T) {
	sb, err := sandbox.New(sandbox.Config{MerchantPublicKey: readKey(t, "merchant_public_spki.b64")})
	require.NoError(t, err)
	require.NotEmpty(t, sb.PublicKey())
	require.NoError(t, sb.Close())
	_, err = sandbox.New(sandbox.Config{})
	require.ErrorContains(t, err, "MerchantPublicKey")
	_, err = sandbox.New(sandbox.Config{MerchantPublicKey: "not a key"})
	require.Error(t, err)
	_, err = sandbox.New(sandbox.Config{MerchantPublicKey: readKey(t, "merchant_public_spki.b64"), PrivateKey: readKey(t, "antom_private_pkcs8.b64")})
	require.ErrorContains(t, err, "both")
}

func TestResendSchedule(t *testing.T) {
	// Every interval of Antom's schedule scaled 60000 times: 2 min → 2 ms, 15 h → 0.9 s.
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	e.recv.ackFrom = 5
	requireResult(t, e.pay(e.intent("server_to_server", "PAY_RESEND", map[string]any{"captureMode": "MANUAL"}), nil), "S", "SUCCESS")
	got := e.recv.wait(5, 5*time.Second)
	time.Sleep(300 * time.Millisecond)
	require.Len(t, e.recv.all(), 5, "acknowledged on the 5th delivery: no more")
	sched := sandbox.DefaultResendSchedule()
	for i := 1; i < 5; i++ {
		gap := got[i].at.Sub(got[i-1].at)
		require.GreaterOrEqual(t, gap, sched[i]/60000, "gap %d", i)
		require.True(t, got[i].verified, "resend %d verifies", i)
		require.Equal(t, got[0].body, got[i].body, "the same notification")
	}
	require.NotEqual(t, got[0].headers["request-time"], got[4].headers["request-time"], "signed afresh per delivery")
}

func TestResendGivesUpAfterEightAttempts(t *testing.T) {
	e := newEnv(t, nil)
	e.recv.ackFrom = 1 << 30
	requireResult(t, e.pay(e.intent("server_to_server", "PAY_NEVER_ACKED", map[string]any{"captureMode": "MANUAL"}), nil), "S", "SUCCESS")
	e.recv.wait(8, 5*time.Second) // the whole day is 1.46 s at this scale
	time.Sleep(300 * time.Millisecond)
	require.Len(t, e.recv.all(), 8)
}

func TestFaultHeader(t *testing.T) {
	e := newEnv(t, nil)
	fast := &http.Client{Timeout: 300 * time.Millisecond}

	t.Run("late answer after processing", func(t *testing.T) {
		in := e.intent("server_to_server", "PAY_LATE", nil)
		e.client = fast
		_, err := sendErr(e, op(t, "pay.build", in), map[string]string{sandbox.FaultHeader: "delay=1s"})
		e.client = &http.Client{Timeout: 10 * time.Second}
		var ne net.Error
		require.True(t, errors.As(err, &ne) && ne.Timeout(), "%v", err)
		inq := e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentRequestId": "PAY_LATE"})
		require.Equal(t, "SUCCESS", inq.str("paymentStatus"), "processed although answered late")
	})
	t.Run("dropped answer after processing", func(t *testing.T) {
		in := e.intent("server_to_server", "PAY_DROP", map[string]any{"captureMode": "MANUAL"})
		_, err := sendErr(e, op(t, "pay.build", in), map[string]string{sandbox.FaultHeader: "drop"})
		require.Error(t, err)
		in["signing"] = e.signing()
		requireResult(t, e.pay(in, nil), "S", "SUCCESS")
	})
	t.Run("5xx without processing", func(t *testing.T) {
		r, err := sendErr(e, op(t, "pay.build", e.intent("server_to_server", "PAY_503", nil)), map[string]string{sandbox.FaultHeader: "status=503"})
		require.NoError(t, err)
		require.Equal(t, 503, r.status)
		requireResult(t, e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentRequestId": "PAY_503"}), "F", "ORDER_NOT_EXIST")
	})
	t.Run("a bad fault header", func(t *testing.T) {
		r := e.pay(e.intent("server_to_server", "PAY_BADFAULT", nil), map[string]string{sandbox.FaultHeader: "explode"})
		requireResult(t, r, "F", "PARAM_ILLEGAL")
	})
}

// sendErr is send that returns the transport error instead of failing.
func sendErr(e *env, built map[string]any, hdr map[string]string) (reply, error) {
	req, err := http.NewRequest(http.MethodPost, e.sb.URL()+built["path"].(string), strings.NewReader(built["body"].(string)))
	if err != nil {
		return reply{}, err
	}
	for k, v := range built["headers"].(map[string]any) {
		req.Header.Set(k, v.(string))
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, raw: raw}, err
}

func TestNotificationFaults(t *testing.T) {
	for _, tc := range []struct {
		fault string
		want  []string
	}{
		{"notify=twice", []string{"PAYMENT_RESULT", "PAYMENT_RESULT", "CAPTURE_RESULT", "CAPTURE_RESULT"}},
		{"notify=reverse", []string{"CAPTURE_RESULT", "PAYMENT_RESULT"}},
		{"notify=early", []string{"PAYMENT_RESULT", "CAPTURE_RESULT"}},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			e := newEnv(t, nil)
			r := e.pay(e.intent("server_to_server", "PAY_NOTE", nil), map[string]string{sandbox.FaultHeader: tc.fault})
			requireResult(t, r, "S", "SUCCESS")
			if tc.fault == "notify=early" {
				require.Len(t, e.recv.all(), 2, "delivered before the answer")
			}
			got := e.recv.wait(len(tc.want), 5*time.Second)
			time.Sleep(50 * time.Millisecond)
			var types []string
			for _, d := range e.recv.all() {
				types = append(types, d.notifyType())
			}
			require.Equal(t, tc.want, types)
			require.Equal(t, r.str("paymentId"), got[0].notify["paymentId"])
		})
	}
}

func TestFaultRules(t *testing.T) {
	e := newEnv(t, func(c *sandbox.Config) {
		c.Faults = []sandbox.Fault{{API: "pay", RequestID: "PAY_RULE*", Times: 1, Status: 500}}
	})
	in := e.intent("server_to_server", "PAY_RULE_1", nil)
	r, err := sendErr(e, op(t, "pay.build", in), nil)
	require.NoError(t, err)
	require.Equal(t, 500, r.status)
	in["signing"] = e.signing()
	requireResult(t, e.pay(in, nil), "S", "SUCCESS")
	requireResult(t, e.pay(e.intent("server_to_server", "PAY_OTHER", nil), nil), "S", "SUCCESS")
}

func TestLogMasksCardData(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	e := newEnv(t, func(c *sandbox.Config) { c.Log = lockedWriter{&mu, &buf} })
	requireResult(t, e.pay(e.intent("server_to_server", "PAY_LOG", nil), nil), "S", "SUCCESS")
	e.recv.wait(2, 5*time.Second)
	h := e.pay(e.intent("hosted", "PAY_LOG_HOSTED", nil), nil)
	postCard(t, h.str("normalUrl"), "5162 7741 1497 4622", "12/29", "987", "Mika Berg")
	mu.Lock()
	log := buf.String()
	mu.Unlock()
	require.NotContains(t, log, "4054695723100768")
	require.NotContains(t, log, "5162774114974622")
	require.NotContains(t, log, "987")
	require.Contains(t, log, "405469******0768")
	require.Contains(t, log, "516277******4622")
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		require.True(t, json.Valid([]byte(line)), "a JSON log line: %s", line)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

var noRedirect = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// postCard submits the card page as a browser without JavaScript would.
func postCard(t *testing.T, page, number, expiry, cvv, holder string) (*http.Response, string) {
	t.Helper()
	resp, err := noRedirect.PostForm(page, url.Values{"cardNumber": {number}, "expiry": {expiry}, "cvv": {cvv}, "holder": {holder}})
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

func TestHostedCardPage(t *testing.T) {
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	in := e.intent("hosted", "PAY_HOSTED", nil)
	r := e.pay(in, nil)
	requireResult(t, r, "U", "PAYMENT_IN_PROCESS")
	page := r.str("normalUrl")
	require.Contains(t, page, "/sandbox/pages/card/")

	resp, err := http.Get(page)
	require.NoError(t, err)
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	for _, s := range []string{`<label for="cardNumber">`, `autocomplete="cc-number"`, `name="expiry"`, `name="cvv"`, `name="holder"`, "300.00 EUR"} {
		require.Contains(t, string(html), s)
	}

	res, body := postCard(t, page, "4054 6957 2310 0769", "13/29", "12", "")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, `id="cardNumber-error"`)
	require.Contains(t, body, `id="expiry-error"`)
	require.Contains(t, body, `id="cvv-error"`)
	require.Contains(t, body, `id="holder-error"`)
	require.NotContains(t, body, "4054695723100769")
	require.NotContains(t, body, "4054 6957 2310 0769")

	res, body = postCard(t, page, "4054 6957 2310 0768", "01/20", "123", "Mika Berg")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "This card has expired.")

	res, _ = postCard(t, page, "4054 6957 2310 0768", "12/29", "123", "Mika Berg")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, in["redirectUrl"], res.Header.Get("Location"))

	got := e.recv.wait(2, 5*time.Second)
	require.Equal(t, "PAYMENT_RESULT", got[0].notifyType())
	require.True(t, got[0].verified)
	info := got[0].notify["paymentResultInfo"].(map[string]any)
	require.NotEmpty(t, info["cardToken"])

	again, err := http.Get(page)
	require.NoError(t, err)
	again.Body.Close()
	require.Equal(t, 200, again.StatusCode, "the page now shows the result")

	declined := e.pay(e.intent("hosted", "PAY_HOSTED_DECLINE", nil), nil)
	res, body = postCard(t, declined.str("normalUrl"), "4054692760174822", "12/29", "123", "Mika Berg")
	require.Equal(t, 200, res.StatusCode)
	require.Contains(t, body, "declined by the issuing bank")
	inq := e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentRequestId": "PAY_HOSTED_DECLINE"})
	require.Equal(t, "FAIL", inq.str("paymentStatus"))
	require.Equal(t, "DO_NOT_HONOR", inq.str("paymentResultCode"))

	missing, err := http.Get(e.sb.URL() + "/sandbox/pages/card/nope")
	require.NoError(t, err)
	missing.Body.Close()
	require.Equal(t, 404, missing.StatusCode)
}

func challenge(t *testing.T, page, action string) *http.Response {
	t.Helper()
	resp, err := noRedirect.PostForm(page, url.Values{"action": {action}})
	require.NoError(t, err)
	resp.Body.Close()
	return resp
}

func TestThreeDSPage(t *testing.T) {
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	in := e.intent("server_to_server", "PAY_3DS", map[string]any{"threeDS": true})
	r := e.pay(in, nil)
	requireResult(t, r, "U", "PAYMENT_IN_PROCESS")
	page := r.str("normalUrl")
	resp := challenge(t, page, "approve")
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Equal(t, in["redirectUrl"], resp.Header.Get("Location"))
	got := e.recv.wait(1, 5*time.Second)
	require.True(t, got[0].verified)
	require.Equal(t, "SUCCESS", got[0].notify["result"].(map[string]any)["resultCode"])
	require.Equal(t, "05", got[0].notify["paymentResultInfo"].(map[string]any)["threeDSResult"].(map[string]any)["eci"])
	require.Equal(t, http.StatusOK, challenge(t, page, "approve").StatusCode, "decided: the page shows the status")

	failed := e.pay(e.intent("server_to_server", "PAY_3DS_FAIL", map[string]any{"threeDS": true}), nil)
	require.Equal(t, http.StatusSeeOther, challenge(t, failed.str("normalUrl"), "fail").StatusCode)
	inq := e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentRequestId": "PAY_3DS_FAIL"})
	require.Equal(t, "FAIL", inq.str("paymentStatus"))
	require.Equal(t, sandbox.ThreeDSFailedCode, inq.str("paymentResultCode"))
}

func TestKoreanIssuerPage(t *testing.T) {
	e := newEnv(t, nil)
	in := e.intent("issuer_auth", "PAY_KR", map[string]any{"cardBrand": "SAMSUNG", "amount": map[string]any{"currency": "KRW", "value": "30000"}})
	r := e.pay(in, nil)
	requireResult(t, r, "U", "PAYMENT_IN_PROCESS")
	page := r.str("normalUrl")
	require.Contains(t, page, "/sandbox/pages/issuer/")
	resp, err := http.Get(page)
	require.NoError(t, err)
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Contains(t, string(html), "SAMSUNG Card")
	require.Equal(t, http.StatusSeeOther, challenge(t, page, "approve").StatusCode)
	got := e.recv.wait(2, 5*time.Second)
	require.Equal(t, "PAYMENT_RESULT", got[0].notifyType())
	require.Equal(t, "KR", got[0].notify["paymentResultInfo"].(map[string]any)["paymentMethodRegion"])
}

func TestCancelWhileBuyerIsOnThePage(t *testing.T) {
	e := newEnv(t, nil)
	r := e.pay(e.intent("hosted", "PAY_HOSTED_CANCEL", nil), nil)
	requireResult(t, e.build("cancel.build", map[string]any{"paymentRequestId": "PAY_HOSTED_CANCEL"}), "S", "SUCCESS")
	res, body := postCard(t, r.str("normalUrl"), "4054695723100768", "12/29", "123", "Mika Berg")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_ = body
	resp, err := http.Get(r.str("normalUrl"))
	require.NoError(t, err)
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Contains(t, string(html), "Payment cancelled")
}

func TestHostedThenThreeDS(t *testing.T) {
	e := newEnv(t, nil)
	in := e.intent("hosted", "PAY_HOSTED_3DS", map[string]any{"threeDS": true})
	r := e.pay(in, nil)
	requireResult(t, r, "U", "PAYMENT_IN_PROCESS")
	res, _ := postCard(t, r.str("normalUrl"), "5162774114974622", "12/29", "123", "Mika Berg")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	next := res.Header.Get("Location")
	require.True(t, strings.HasPrefix(next, "/sandbox/pages/3ds/"), next)
	require.Empty(t, e.recv.all(), "nothing decided before the challenge")
	require.Equal(t, http.StatusSeeOther, challenge(t, e.sb.URL()+next, "approve").StatusCode)
	got := e.recv.wait(2, 5*time.Second)
	require.Equal(t, "MASTERCARD", got[0].notify["paymentResultInfo"].(map[string]any)["cardBrand"])
}
