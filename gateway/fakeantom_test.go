package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/gateway/coreop"
)

// The test-only keys of testvectors/keys (published; never for real traffic).
func readKey(t testing.TB, name string) string {
	b, err := os.ReadFile(filepath.Join("..", "testvectors", "keys", name))
	require.NoError(t, err)
	return string(b)
}

const clientID = "SANDBOX_5Y0A2N2Y3B5J04251"

// fakePayment is what the fake Antom knows of one payment.
type fakePayment struct {
	paymentID   string
	amount      map[string]string
	status      string // SUCCESS, FAIL, PROCESSING
	resultCode  string
	captureMode string
	expiry      string
}

// notification is one signed notification, as Antom would POST it.
type notification struct {
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// fakeAntom is a small Antom built from the core's ops: it verifies the
// merchant's signature, answers signed responses, and queues signed
// notifications the test delivers when it chooses. faults[api] is a queue of
// "drop" (close the connection unanswered), "5xx" or "slow" for the next calls.
type fakeAntom struct {
	t           testing.TB
	eng         core.Engine
	antomKey    string
	merchantPub string
	now         func() time.Time

	mu        sync.Mutex
	payments  map[string]*fakePayment
	payCalls  map[string]int
	calls     map[string]int
	faults    map[string][]string
	queue     []notification
	sent      []notification
	slowDelay time.Duration
	// beforeResponse, when set, runs before a pay answer is written (to deliver a
	// notification before the pay response).
	beforeResponse func(id string)
}

func newFakeAntom(t testing.TB, eng core.Engine) *fakeAntom {
	return &fakeAntom{t: t, eng: eng, antomKey: readKey(t, "antom_private_pkcs8.b64"), merchantPub: readKey(t, "merchant_public.pem"),
		payments: map[string]*fakePayment{}, payCalls: map[string]int{}, calls: map[string]int{}, faults: map[string][]string{},
		now: time.Now, slowDelay: 2 * time.Second}
}

func (f *fakeAntom) fault(api string, kinds ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[api] = append(f.faults[api], kinds...)
}

func (f *fakeAntom) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ctx := r.Context()
	var vr struct {
		Valid  bool   `json:"valid"`
		Reason string `json:"reason"`
	}
	err := coreop.Call(ctx, f.eng, "signature.verify", map[string]any{"method": "POST", "path": r.URL.Path, "kind": "notification",
		"headers": map[string]string{"client-id": r.Header.Get("Client-Id"), "request-time": r.Header.Get("Request-Time"), "signature": r.Header.Get("Signature")},
		"body":    string(body), "publicKey": f.merchantPub}, &vr)
	if err != nil || !vr.Valid {
		f.t.Errorf("fake Antom: the gateway's request to %s is not validly signed: %v %s", r.URL.Path, err, vr.Reason)
		w.WriteHeader(401)
		return
	}
	if !strings.HasPrefix(r.URL.Path, "/ams/sandbox/api/v1/payments/") {
		f.t.Errorf("fake Antom: a SANDBOX_ client id must use the sandbox path, got %s", r.URL.Path)
	}
	api := path.Base(r.URL.Path)
	var req map[string]any
	require.NoError(f.t, json.Unmarshal(body, &req))

	f.mu.Lock()
	f.calls[api]++
	fault := ""
	if q := f.faults[api]; len(q) > 0 {
		fault, f.faults[api] = q[0], q[1:]
	}
	var resp map[string]any
	var payID string
	switch api {
	case "pay":
		payID = req["paymentRequestId"].(string)
		f.payCalls[payID]++
		resp = f.pay(req)
	case "inquiryPayment":
		resp = f.inquiry(req)
	case "capture":
		resp = f.capture(req)
	case "cancel":
		resp = f.cancel(req)
	case "refund":
		resp = f.refund(req)
	default:
		resp = result("F", "NO_INTERFACE_DEF")
	}
	hook := f.beforeResponse
	f.mu.Unlock()

	switch fault {
	case "drop":
		hj, _ := w.(http.Hijacker)
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
		return
	case "5xx":
		w.WriteHeader(502)
		return
	case "slow":
		select {
		case <-time.After(f.slowDelay):
		case <-ctx.Done():
			return
		}
	}
	if hook != nil && payID != "" {
		hook(payID)
	}
	out, _ := json.Marshal(resp)
	respTime := strconv.FormatInt(f.now().UnixMilli(), 10)
	var sig struct {
		Signature string `json:"signature"`
	}
	require.NoError(f.t, coreop.Call(ctx, f.eng, "signature.sign", map[string]any{"method": "POST", "path": r.URL.Path, "clientId": clientID,
		"requestTime": respTime, "body": string(out), "privateKey": f.antomKey}, &sig))
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.Header().Set("Client-Id", clientID)
	w.Header().Set("Response-Time", respTime)
	w.Header().Set("Signature", sig.Signature)
	_, _ = w.Write(out)
}

func result(status, code string) map[string]any {
	return map[string]any{"result": map[string]any{"resultStatus": status, "resultCode": code, "resultMessage": code}}
}

func amountOf(v any) map[string]string {
	m := v.(map[string]any)
	return map[string]string{"currency": m["currency"].(string), "value": m["value"].(string)}
}

// pay decides by amount: 40401 declined, 40402 risk reject, 40403 3DS (pending
// until complete), anything else succeeds. A repeat of the same id answers the
// same result (Antom's idempotency).
func (f *fakeAntom) pay(req map[string]any) map[string]any {
	id := req["paymentRequestId"].(string)
	p := f.payments[id]
	if p == nil {
		amount := amountOf(req["paymentAmount"])
		p = &fakePayment{paymentID: "2026" + strings.Repeat("0", 10) + fmt.Sprintf("%06d", len(f.payments)+1), amount: amount,
			expiry: f.now().Add(7 * 24 * time.Hour).UTC().Format(time.RFC3339)}
		if pf, ok := req["paymentFactor"].(map[string]any); ok {
			p.captureMode, _ = pf["captureMode"].(string)
		}
		switch amount["value"] {
		case "40401":
			p.status, p.resultCode = "FAIL", "DO_NOT_HONOR"
		case "40402":
			p.status, p.resultCode = "FAIL", "RISK_REJECT"
		case "40403":
			p.status, p.resultCode = "PROCESSING", "PAYMENT_IN_PROCESS"
		default:
			p.status, p.resultCode = "SUCCESS", "SUCCESS"
		}
		f.payments[id] = p
		if p.status != "PROCESSING" {
			f.queuePaymentResult(id, p)
		}
	}
	var r map[string]any
	switch p.status {
	case "SUCCESS":
		r = result("S", "SUCCESS")
	case "FAIL":
		r = result("F", p.resultCode)
	default:
		r = result("U", "PAYMENT_IN_PROCESS")
		r["normalUrl"] = "https://open-sea-global.alipay.com/page/card?token=" + id
	}
	r["paymentRequestId"], r["paymentId"], r["paymentAmount"] = id, p.paymentID, p.amount
	if p.status == "SUCCESS" {
		r["paymentTime"] = f.now().Format(time.RFC3339)
		r["authExpiryTime"] = p.expiry
	}
	return r
}

// complete finishes a 3DS payment as the buyer's bank would.
func (f *fakeAntom) complete(id string, ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.payments[id]
	p.status, p.resultCode = "SUCCESS", "SUCCESS"
	if !ok {
		p.status, p.resultCode = "FAIL", "DO_NOT_HONOR"
	}
	f.queuePaymentResult(id, p)
}

func (f *fakeAntom) queuePaymentResult(id string, p *fakePayment) {
	st := "S"
	if p.status == "FAIL" {
		st = "F"
	}
	n := map[string]any{"notifyType": "PAYMENT_RESULT", "result": map[string]any{"resultCode": p.resultCode, "resultStatus": st, "resultMessage": p.resultCode},
		"paymentRequestId": id, "paymentId": p.paymentID, "paymentAmount": p.amount,
		"paymentCreateTime": f.now().Format(time.RFC3339)}
	if st == "S" {
		n["paymentTime"] = f.now().Format(time.RFC3339)
		n["authExpiryTime"] = p.expiry
	}
	f.queueNotification(n)
	if st == "S" && p.captureMode != "MANUAL" { // Antom captures automatically and says so
		f.queueNotification(map[string]any{"notifyType": "CAPTURE_RESULT", "result": map[string]any{"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
			"captureRequestId": "ANTOM_" + id, "paymentId": p.paymentID, "captureId": "CAPT_" + id, "captureAmount": p.amount, "captureTime": f.now().Format(time.RFC3339)})
	}
}

func (f *fakeAntom) queueNotification(n map[string]any) {
	var signed notification
	if err := coreop.Call(context.Background(), f.eng, "notification.sign", map[string]any{"path": "/v1/notifications/antom",
		"clientId": clientID, "requestTime": strconv.FormatInt(f.now().UnixMilli(), 10), "notification": n, "privateKey": f.antomKey}, &signed); err != nil {
		f.t.Errorf("fake Antom: notification.sign: %v", err) // no FailNow: the caller holds f.mu
		return
	}
	f.queue = append(f.queue, signed)
}

func (f *fakeAntom) inquiry(req map[string]any) map[string]any {
	id, _ := req["paymentRequestId"].(string)
	p := f.payments[id]
	if p == nil {
		return result("F", "ORDER_NOT_EXIST")
	}
	r := result("S", "SUCCESS")
	r["paymentStatus"], r["paymentRequestId"], r["paymentId"], r["paymentAmount"] = p.status, id, p.paymentID, p.amount
	if p.status == "FAIL" {
		r["paymentResultCode"] = p.resultCode
	}
	if p.status == "SUCCESS" {
		r["paymentTime"] = f.now().Format(time.RFC3339)
		r["authExpiryTime"] = p.expiry
	}
	return r
}

func (f *fakeAntom) capture(req map[string]any) map[string]any {
	r := result("S", "SUCCESS")
	capID := req["captureRequestId"].(string)
	r["captureRequestId"], r["captureId"], r["paymentId"], r["captureAmount"] = capID, "CAPT"+capID, req["paymentId"], amountOf(req["captureAmount"])
	r["captureTime"] = f.now().Format(time.RFC3339)
	n := map[string]any{"notifyType": "CAPTURE_RESULT", "result": map[string]any{"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}}
	for _, k := range []string{"captureRequestId", "captureId", "paymentId", "captureAmount", "captureTime"} {
		n[k] = r[k]
	}
	f.queueNotification(n)
	return r
}

func (f *fakeAntom) cancel(req map[string]any) map[string]any {
	r := result("S", "SUCCESS")
	r["paymentRequestId"], r["cancelTime"] = req["paymentRequestId"], f.now().Format(time.RFC3339)
	if p := f.payments[req["paymentRequestId"].(string)]; p != nil {
		r["paymentId"] = p.paymentID
	}
	return r
}

func (f *fakeAntom) refund(req map[string]any) map[string]any {
	r := result("S", "SUCCESS")
	refID := req["refundRequestId"].(string)
	r["refundRequestId"], r["refundId"], r["paymentId"], r["refundAmount"] = refID, "REFD"+refID, req["paymentId"], amountOf(req["refundAmount"])
	r["refundTime"] = f.now().Format(time.RFC3339)
	n := map[string]any{"notifyType": "REFUND_RESULT", "result": map[string]any{"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}, "refundStatus": "SUCCESS"}
	for _, k := range []string{"refundRequestId", "refundId", "paymentId", "refundAmount", "refundTime"} {
		n[k] = r[k]
	}
	f.queueNotification(n)
	return r
}

// take removes and returns the queued notifications.
func (f *fakeAntom) take() []notification {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := f.queue
	f.queue = nil
	f.sent = append(f.sent, q...)
	return q
}

// deliver POSTs n to the gateway as Antom does and returns the status and body.
func deliver(t testing.TB, baseURL string, n notification) (int, string) {
	req, err := http.NewRequest(http.MethodPost, baseURL+n.Path, bytes.NewReader([]byte(n.Body)))
	require.NoError(t, err)
	for k, v := range n.Headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
