package lifecycle

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// histories are valid event histories Antom may deliver in any order after the
// pay request: every permutation must end in the canonical order's state.
var histories = []struct {
	name   string
	mode   string
	events []Event
	status Status
}{
	{"manual_capture_refund", "MANUAL", []Event{
		payInProcess, notifyPending, notifyResultS, inquirySuccess,
		captureResp("S", "SUCCESS", "CAP_1", "30000"), captureNotice("S", "SUCCESS", "CAP_1", "30000"), inquiryCaptured,
		refundResp("S", "SUCCESS", "REF_1", "10000"), refundNotice("S", "REF_1", "10000"), inquiryRefund("SUCCESS", "REF_1", "10000"),
		refundResp("U", "REFUND_IN_PROCESS", "REF_2", ""), refundNotice("S", "REF_2", "20000"),
		timeoutPay, payUnknown, inquiryBroken,
	}, StatusRefunded},
	{"manual_partial_refund", "MANUAL", []Event{
		payUnknown, paySuccess, notifyResultS, captureResp("U", "CAPTURE_IN_PROCESS", "CAP_1", ""),
		captureNotice("S", "SUCCESS", "CAP_1", "30000"), refundResp("S", "SUCCESS", "REF_1", "500"),
		refundResp("S", "SUCCESS", "REF_2", "700"), inquiryRefund("SUCCESS", "REF_2", "700"),
	}, StatusPartiallyRefunded},
	{"automatic_capture", "AUTOMATIC", []Event{
		payInProcess, notifyResultS, captureNotice("S", "SUCCESS", "ANTOM_CAP_9", "30000"), notifyPending,
		respond(InquiryResponse, `{`+result("S", "SUCCESS")+`,"paymentStatus":"SUCCESS","paymentRequestId":"PAY_1","paymentId":"P1","transactions":[{"transactionType":"CAPTURE","transactionStatus":"SUCCESS","transactionRequestId":"ANTOM_CAP_9","transactionAmount":{"currency":"EUR","value":"30000"}}]}`),
	}, StatusCaptured},
	{"cancelled", "MANUAL", []Event{
		paySuccess, cancelResp("U", "UNKNOWN_EXCEPTION"), cancelResp("S", "SUCCESS"), inquiryCancelled, notifyResultS, inquirySuccess,
	}, StatusCancelled},
	{"failed", "MANUAL", []Event{
		payInProcess, notifyPending, notifyResultF, inquiryFail, timeoutPay, payUnknown, inquiryBroken,
	}, StatusFailed},
}

func TestPermutationsReachTheSameState(t *testing.T) {
	for _, h := range histories {
		t.Run(h.name, func(t *testing.T) {
			want := chain(t, h.mode, nowT, h.events...)
			require.Equal(t, h.status, want.State.Status)
			require.Empty(t, want.State.Conflicts)
			rng := rand.New(rand.NewPCG(1, uint64(len(h.events))))
			orders := [][]int{reversed(len(h.events))}
			for range 400 {
				orders = append(orders, rng.Perm(len(h.events)))
			}
			for _, order := range orders {
				res := apply(t, nil, payRequested(h.mode), nowT)
				for _, i := range order {
					res = apply(t, res.State, h.events[i], nowT)
					require.Nil(t, res.Conflict, "order %v: event %d conflicted: %+v", order, i, res.Conflict)
				}
				require.Equal(t, want.State, res.State, "order %v", order)
			}
		})
	}
}

func TestEveryEventIsIdempotent(t *testing.T) {
	for _, h := range histories {
		t.Run(h.name, func(t *testing.T) {
			res := apply(t, nil, payRequested(h.mode), nowT)
			for i, ev := range h.events {
				res = apply(t, res.State, ev, nowT)
				again := apply(t, res.State, ev, nowT)
				require.False(t, again.Changed, "event %d changed the state the second time", i)
				require.Equal(t, res.State, again.State, "event %d", i)
				require.Equal(t, res.Actions, again.Actions, "event %d: a repeat must say the same", i)
				require.NotEqual(t, EffectApplied, again.Effect)
			}
		})
	}
}

func reversed(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = n - 1 - i
	}
	return out
}
