package outcome

import (
	"strings"
	"time"
)

// match says which table key produced a decision (for the table tests).
type match struct {
	key      key
	fallback bool // no rule matched: the built-in "unknown, inquire"
}

// decide looks s up in the table (see table.go for the order) and builds the
// decision.
func decide(s Signal, ctx Context) (Decision, match) {
	if !knownAPI(s.API) {
		return finish(Decision{Outcome: Unknown, Action: Action{Kind: ContactSupport}, Reason: "unsupported_api",
			Message: "paycore does not know this API, so it cannot read the answer; treat the outcome as unknown."}, ctx), match{fallback: true}
	}
	st := normStatus(s)
	nt := normNotify(s.API, s.NotifyType)
	x, m, ok := lookup(s.API, nt, st, s.ResultCode, s, ctx)
	if !ok {
		return finish(Decision{Outcome: Unknown, Action: Action{Kind: Inquire}, Reason: "no_rule",
			Message: "paycore has no rule for this answer; treat the outcome as unknown and inquire."}, ctx), m
	}
	code := s.ResultCode
	if x.readStatus {
		statusAPI := apiPaymentStatus
		if s.API == APIInquiryRefund {
			statusAPI = apiRefundStatus
		}
		x, m, ok = lookup(statusAPI, "", "", s.Status, s, ctx)
		if !ok { // unreachable: the status tables have wildcards
			return finish(Decision{Outcome: Unknown, Action: Action{Kind: Inquire, API: s.API}, Reason: "no_rule",
				Message: "paycore has no rule for this status; inquire again."}, ctx), m
		}
		code = s.Status
		// A failed payment's cause is paymentResultCode: reuse pay's rule for it
		// when that rule is a failure (its cause and next step), never otherwise.
		if s.API == APIInquiryPayment && s.Status == "FAIL" && s.StatusCode != "" {
			if rs, found := table[key{APIPay, "", "F", s.StatusCode}]; found && rs[0].out == Failed {
				x = rs[0]
				code = s.StatusCode
			}
		}
	}
	d := Decision{
		Outcome: x.out,
		Action: Action{Kind: x.kind, API: x.call, RequestID: x.reqID, Notification: x.wait,
			AfterSeconds: x.after},
		Reason:  x.reason,
		Message: x.msg,
	}
	if x.before {
		d.Action.Before = s.AuthExpiryTime
	}
	// An inquiry that did not succeed says nothing about the payment or refund.
	if isInquiry(s.API) && st != "S" {
		d.Outcome = Unknown
		if m.key.api == apiCommon {
			d.Message += " The failed inquiry says nothing about the " + map[bool]string{true: "payment", false: "refund"}[s.API == APIInquiryPayment] + "."
		}
	}
	if strings.Contains(d.Message, "{code}") {
		d.Message = strings.ReplaceAll(d.Message, "{code}", printable(code))
	}
	return finish(d, ctx), m
}

// lookup finds the first rule that applies, in the documented order.
func lookup(api, nt, st, code string, s Signal, ctx Context) (rule, match, bool) {
	try := func(k key) (rule, bool) {
		for _, x := range table[k] {
			if holds(x.when, s, ctx) {
				return x, true
			}
		}
		return rule{}, false
	}
	keys := [5]key{{api, nt, st, code}}
	n := 1
	if st == "F" {
		switch {
		case api == APINotifyPayment && nt == "PAYMENT_RESULT":
			keys[n] = key{APIPay, "", "F", code}
			n++
		case !isNotification(api) && !strings.Contains(api, "."):
			keys[n] = key{apiCommon, "", "F", code}
			n++
		}
	}
	keys[n] = key{api, nt, st, wild}
	keys[n+1] = key{api, nt, wild, wild}
	n += 2
	for _, k := range keys[:n] {
		x, ok := try(k)
		if !ok {
			continue
		}
		// Borrowed pay rules only count as failures (notifyPayment F).
		if k.api != api && k.api == APIPay && x.out != Failed {
			continue
		}
		return x, match{key: k}, true
	}
	return rule{}, match{key: keys[0], fallback: true}, false
}

// holds evaluates a rule's condition.
func holds(c cond, s Signal, ctx Context) bool {
	switch c {
	case always:
		return true
	case ifManual:
		return ctx.CaptureMode == CaptureManual
	case ifAttempts:
		return ctx.Attempt >= MaxAttempts
	case ifNoRedirect:
		return !s.HasRedirect
	case ifCaptured:
		return s.CaptureStatus == "SUCCESS"
	case ifCapturing:
		return s.CaptureStatus == "PROCESSING"
	case ifCaptureFailed:
		return s.CaptureStatus == "FAIL"
	case ifAuthExpired:
		return ctx.CaptureMode == CaptureManual && authExpired(s.AuthExpiryTime, ctx.Now)
	case ifStatusConflict:
		switch s.ResultStatus {
		case "S":
			return s.Status != "" && s.Status != "SUCCESS"
		case "F":
			return s.Status != "" && s.Status != "FAIL"
		}
	}
	return false
}

func authExpired(expiry, now string) bool {
	if expiry == "" || now == "" {
		return false
	}
	e, err := time.Parse(time.RFC3339, expiry)
	if err != nil {
		return false
	}
	n, err := time.Parse(time.RFC3339, now)
	if err != nil {
		return false
	}
	return !n.Before(e)
}

// normStatus maps the signal to the table's status column.
func normStatus(s Signal) string {
	if s.Transport != "" {
		if s.Transport == TransportTimeout {
			return stTimeout
		}
		return stNoResp
	}
	switch s.ResultStatus {
	case "S", "F", "U":
		return s.ResultStatus
	}
	return noStatus
}

// normNotify maps a notifyType to the table's notifyType column.
func normNotify(api, notifyType string) string {
	types, ok := notifyTypes[api]
	if !ok {
		return ""
	}
	for _, t := range types {
		if t == notifyType {
			return t
		}
	}
	return unknownType
}

func knownAPI(api string) bool {
	switch api {
	case APIPay, APIInquiryPayment, APICapture, APICancel, APIRefund, APIInquiryRefund,
		APINotifyPayment, APINotifyCapture, APINotifyRefund:
		return true
	}
	return false
}

func isNotification(api string) bool {
	return api == APINotifyPayment || api == APINotifyCapture || api == APINotifyRefund
}

func isInquiry(api string) bool { return api == APIInquiryPayment || api == APIInquiryRefund }
