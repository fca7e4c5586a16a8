package lifecycle

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/paycore/paycore/core/money"
	"github.com/paycore/paycore/core/problem"
)

// bytesource turns fuzz bytes into choices; past the end it yields zeros.
type bytesource struct {
	b []byte
	i int
}

func (s *bytesource) next() int {
	if s.i >= len(s.b) {
		return 0
	}
	s.i++
	return int(s.b[s.i-1])
}

func (s *bytesource) pick(options ...string) string { return options[s.next()%len(options)] }

func (s *bytesource) done() bool { return s.i >= len(s.b) }

var fuzzCodes = []string{"SUCCESS", "PAYMENT_IN_PROCESS", "UNKNOWN_EXCEPTION", "DO_NOT_HONOR", "AUTH_EXPIRED",
	"CAPTURE_IN_PROCESS", "REFUND_IN_PROCESS", "PROCESS_FAIL", "REPEAT_REQ_INCONSISTENT", "ORDER_NOT_EXIST", "WHAT_IS_THIS"}

// amountJSON is a JSON amount: mostly valid EUR values around the 30000 payment,
// sometimes another currency or absent.
func (s *bytesource) amountJSON() string {
	switch s.next() % 10 {
	case 0:
		return ""
	case 1:
		return `{"currency":"USD","value":"30000"}`
	}
	return `{"currency":"EUR","value":"` + s.pick("1", "100", "10000", "15000", "20000", "29999", "30000", "30001") + `"}`
}

func field(name, value string) string {
	if value == "" {
		return ""
	}
	return `,"` + name + `":` + value
}

func str(v string) string {
	if v == "" {
		return ""
	}
	return strconv.Quote(v)
}

// event builds one realistic event from the alphabet.
func (s *bytesource) event() string {
	res := `"result":{"resultStatus":"` + s.pick("S", "F", "U", "S", "") + `","resultCode":"` + s.pick(fuzzCodes...) + `"}`
	payID := s.pick("PAY_1", "PAY_1", "PAY_1", "PAY_2", "")
	capID, refID := s.pick("CAP_1", "CAP_2", ""), s.pick("REF_1", "REF_2", "")
	switch s.next() % 14 {
	case 0:
		return `{"type":"pay_response","response":{` + res + field("paymentRequestId", str(payID)) + `,"paymentId":"P1"` +
			field("normalUrl", str(s.pick("", "https://antom.example/3ds"))) + field("paymentAmount", s.amountJSON()) +
			field("authExpiryTime", str(s.pick("", "2026-03-08T10:00:00Z"))) + `}}`
	case 1:
		tx := ""
		if s.next()%2 == 0 {
			tx = `,"transactions":[{"transactionType":"CAPTURE","transactionStatus":"` + s.pick("SUCCESS", "FAIL", "PROCESSING", "??") + `"` +
				field("transactionRequestId", str(capID)) + field("transactionAmount", s.amountJSON()) + `}]`
		}
		return `{"type":"inquiry_response","attempt":` + strconv.Itoa(1+s.next()%4) + `,"response":{` + res + `,"paymentStatus":"` +
			s.pick("SUCCESS", "FAIL", "PROCESSING", "PENDING", "CANCELLED", "") + `","paymentResultCode":"DO_NOT_HONOR"` +
			field("paymentRequestId", str(payID)) + tx + `}}`
	case 2:
		return `{"type":"notification","notification":{"notifyType":"` + s.pick("PAYMENT_RESULT", "PAYMENT_PENDING", "UPDATE_AMOUNT_RESULT", "NEW_TYPE") +
			`",` + res + field("paymentRequestId", str(payID)) + `,"paymentId":"P1"` + field("paymentAmount", s.amountJSON()) + `}}`
	case 3:
		return `{"type":"capture_response"` + field("captureRequestId", str(capID)) + `,"response":{` + res +
			field("captureAmount", s.amountJSON()) + `,"paymentId":"` + s.pick("P1", "P1", "P2") + `"}}`
	case 4:
		return `{"type":"notification","notification":{"notifyType":"CAPTURE_RESULT",` + res + field("captureRequestId", str(capID)) +
			field("captureAmount", s.amountJSON()) + `}}`
	case 5:
		return `{"type":"cancel_response","attempt":` + strconv.Itoa(1+s.next()%4) + `,"response":{` + res + field("paymentRequestId", str(payID)) + `}}`
	case 6:
		return `{"type":"refund_response"` + field("refundRequestId", str(refID)) + `,"response":{` + res + field("refundAmount", s.amountJSON()) + `}}`
	case 7:
		return `{"type":"notification","notification":{"notifyType":"REFUND_RESULT",` + res + `,"refundStatus":"` + s.pick("SUCCESS", "FAIL", "") + `"` +
			field("refundRequestId", str(refID)) + field("refundAmount", s.amountJSON()) + `}}`
	case 8:
		return `{"type":"inquiry_refund_response"` + field("refundRequestId", str(refID)) + `,"response":{` + res + `,"refundStatus":"` +
			s.pick("SUCCESS", "FAIL", "PROCESSING", "") + `"` + field("refundAmount", s.amountJSON()) + `}}`
	case 9:
		api := s.pick("pay", "inquiryPayment", "capture", "cancel", "refund", "inquiryRefund")
		id := ""
		switch api {
		case "capture":
			id = field("captureRequestId", str(capID))
		case "refund", "inquiryRefund":
			id = field("refundRequestId", str(refID))
		}
		return `{"type":"timeout","api":"` + api + `"` + id + `}`
	case 10:
		return `{"type":"capture_requested","captureRequestId":"` + s.pick("CAP_1", "CAP_2", "CAP_3") + `"` + field("amount", s.amountJSON()) +
			field("allowPartial", s.pick("", "true")) + `}`
	case 11:
		return `{"type":"cancel_requested"}`
	case 12:
		amount := s.amountJSON()
		if amount == "" {
			amount = `{"currency":"EUR","value":"100"}`
		}
		return `{"type":"refund_requested","refundRequestId":"` + s.pick("REF_1", "REF_2", "REF_3") + `","amount":` + amount + `}`
	}
	return `{"type":"pay_requested","paymentRequestId":"` + s.pick("PAY_1", "PAY_2", "PAY_3") + `","orderId":"ORDER_1","amount":{"currency":"EUR","value":"30000"},"captureMode":"` + s.pick("MANUAL", "AUTOMATIC") + `"}`
}

func input(state *State, event, now string) []byte {
	st := []byte("null")
	if state != nil {
		st, _ = json.Marshal(state)
	}
	return []byte(`{"state":` + string(st) + `,"event":` + event + field("now", str(now)) + `}`)
}

func FuzzApply(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3})
	f.Add([]byte("\x00{\"event\":{\"type\":\"pay_requested\"}}"))
	f.Add([]byte{1, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 10, 0, 0, 3, 0, 0, 0, 0, 0, 3, 2, 12, 6, 1, 0})
	f.Add([]byte{3, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		if data[0]%4 == 0 {
			// Raw bytes into the op: never a panic, only closed error codes.
			if _, err := concrete(Op(data[1:])); err != nil && !slices.Contains(problem.Codes(), err.Code) {
				t.Fatalf("unknown error code %q", err.Code)
			}
			return
		}
		src := &bytesource{b: data[1:]}
		mode := []string{"MANUAL", "AUTOMATIC"}[data[0]%2]
		res, err := concrete(Op(input(nil, `{"type":"pay_requested","paymentRequestId":"PAY_1","orderId":"ORDER_1","amount":{"currency":"EUR","value":"30000"},"captureMode":"`+mode+`"}`, "")))
		if err != nil {
			t.Fatal(err)
		}
		state := res.(*Result).State
		for step := 0; step < 40 && !src.done(); step++ {
			ev, now := src.event(), src.pick("2026-03-01T10:00:00Z", "2026-03-09T10:00:00Z", "")
			in := input(state, ev, now)
			out, err := concrete(Op(in))
			if err != nil {
				if !slices.Contains(problem.Codes(), err.Code) || err.Code == problem.Internal {
					t.Fatalf("step %d: error %v for %s", step, err, in)
				}
				continue
			}
			r := out.(*Result)
			checkResult(t, state, r, fmt.Sprintf("step %d: %s", step, in))
			again, err := concrete(Op(input(r.State, ev, now)))
			if err != nil {
				t.Fatalf("step %d: the repeat failed: %v\n%s", step, err, in)
			}
			if a := again.(*Result); a.Changed || !reflect.DeepEqual(a.State, r.State) {
				t.Fatalf("step %d: the repeat changed the state\n%s", step, in)
			}
			state = r.State
		}
	})
}

// checkResult checks the invariants of one step from prev.
func checkResult(t *testing.T, prev *State, r *Result, ctx string) {
	t.Helper()
	s := r.State
	fail := func(format string, args ...any) { t.Fatalf(ctx+"\n"+format, args...) }
	if err := s.clone().validate(); err != nil {
		fail("the output state is invalid: %v", err)
	}
	amount := minor(s.Amount.Value)
	captured, refunded := valueOf(s.CapturedAmount), valueOf(s.RefundedAmount)
	switch {
	case captured > amount:
		fail("captured %d > authorized %d", captured, amount)
	case refunded > captured:
		fail("refunded %d > captured %d", refunded, captured)
	case s.Status == StatusAuthorized && captured > 0:
		fail("authorized with a capture")
	}
	if len(r.Actions) == 0 {
		fail("no actions")
	}
	for _, a := range r.Actions {
		if !slices.Contains(ActionKinds(), a.Kind) {
			fail("action kind %q", a.Kind)
		}
	}
	if !slices.Contains(Effects(), r.Effect) {
		fail("effect %q", r.Effect)
	}
	if r.Changed == reflect.DeepEqual(prev, s) {
		fail("changed is %v", r.Changed)
	}
	if r.Effect == EffectRefused && r.Changed {
		fail("a refused command changed the state")
	}
	if r.Conflict != nil {
		got := s.clone()
		got.Conflicts = prev.Conflicts
		if !reflect.DeepEqual(got, prev) {
			fail("a conflict changed more than the log")
		}
	}
	if s.PaymentRequestID != prev.PaymentRequestID {
		if !slices.Contains(s.Superseded, prev.PaymentRequestID) || (prev.Status != StatusFailed && prev.Status != StatusCancelled) {
			fail("the payment was replaced while %s", prev.Status)
		}
		return
	}
	// Final facts never change.
	if prev.Payment == PhaseAuthorized || prev.Payment == PhaseFailed {
		if s.Payment != prev.Payment {
			fail("payment %s became %s", prev.Payment, s.Payment)
		}
	}
	for _, kind := range []struct{ prev, next map[string]Request }{{prev.Captures, s.Captures}, {prev.Refunds, s.Refunds}} {
		for id, r := range kind.prev {
			n, ok := kind.next[id]
			if !ok || (!r.Status.open() && n.Status != r.Status) || n.Status.rank() < r.Status.rank() {
				fail("request %s went from %s to %s", id, r.Status, n.Status)
			}
		}
	}
	if prev.Cancel != nil && !prev.Cancel.Status.open() && (s.Cancel == nil || s.Cancel.Status != prev.Cancel.Status) {
		fail("the cancellation's final status changed")
	}
}

func valueOf(a *money.Amount) int64 {
	if a == nil {
		return 0
	}
	return minor(a.Value)
}
