package lifecycle

import (
	"encoding/json"
	"testing"
)

// BenchmarkApply measures one payment.apply call through Op, JSON in and out of
// the op included (not the envelope): a MANUAL payment that is authorized with a
// capture under way, two refunds recorded, and the CAPTURE_RESULT notification
// arriving.
func BenchmarkApply(b *testing.B) {
	res := chain(b, "MANUAL", nowT, payInProcess, notifyResultS, capReq("CAP_1", "", false),
		captureResp("U", "CAPTURE_IN_PROCESS", "CAP_1", ""))
	in := input(res.State, string(mustJSON(b, captureNotice("S", "SUCCESS", "CAP_1", "30000"))), nowT)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := concrete(Op(in))
		if err != nil || out.(*Result).State.Status != StatusCaptured {
			b.Fatal(err)
		}
	}
}

// BenchmarkApplyTyped is the same transition through the Go API (no JSON around
// the op; the notification body is still decoded).
func BenchmarkApplyTyped(b *testing.B) {
	res := chain(b, "MANUAL", nowT, payInProcess, notifyResultS, capReq("CAP_1", "", false),
		captureResp("U", "CAPTURE_IN_PROCESS", "CAP_1", ""))
	ev := captureNotice("S", "SUCCESS", "CAP_1", "30000")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apply(res.State, ev, nowT); err != nil {
			b.Fatal(err)
		}
	}
}

func mustJSON(b *testing.B, v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		b.Fatal(err)
	}
	return out
}
