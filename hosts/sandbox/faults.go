package sandbox

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultHeader is the request header that asks for a fault on that request,
// in ParseFault's form (e.g. "delay=12s" or "drop; notify=early").
const FaultHeader = "Sandbox-Fault"

// How notifications misbehave under a fault.
const (
	// NotifyTwice delivers every notification of the request twice.
	NotifyTwice = "twice"
	// NotifyReverse delivers the request's notifications in reverse order
	// (notifyCapture before notifyPayment for an automatic capture).
	NotifyReverse = "reverse"
	// NotifyEarly delivers the notifications before the API answers.
	NotifyEarly = "early"
)

// Fault is a misbehaviour for a merchant's tests. A rule in Config.Faults
// applies to matching requests; the Sandbox-Fault header applies to its request.
type Fault struct {
	// API limits the rule to one API ("pay", "capture", ...); empty matches all.
	API string
	// RequestID limits the rule to requests carrying this paymentRequestId,
	// captureRequestId, refundRequestId or paymentId; a trailing "*" matches a
	// prefix; empty matches all.
	RequestID string
	// Times limits the rule to its first Times matches; 0 means every match.
	Times int
	// Delay answers this long after processing (past the client's timeout).
	Delay time.Duration
	// Drop processes the request, then closes the connection without answering.
	Drop bool
	// Status answers with this HTTP status (5xx) without processing the request.
	Status int
	// Notify is NotifyTwice, NotifyReverse or NotifyEarly.
	Notify string
}

// ParseFault reads a fault in the header and command-line form: parts
// separated by ";" or ",", each "delay=DURATION", "drop", "status=5xx",
// "notify=twice|reverse|early", and for rules "api=NAME", "id=REQUEST_ID[*]",
// "times=N".
func ParseFault(s string) (Fault, error) {
	var f Fault
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		key, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch key {
		case "delay":
			d, err := time.ParseDuration(value)
			if err != nil || d < 0 || d > 10*time.Minute {
				return Fault{}, fmt.Errorf("fault delay %q: a duration up to 10m, like 12s", value)
			}
			f.Delay = d
		case "drop":
			f.Drop = true
		case "status":
			n, err := strconv.Atoi(value)
			if err != nil || n < 500 || n > 599 {
				return Fault{}, fmt.Errorf("fault status %q: a 5xx status", value)
			}
			f.Status = n
		case "notify":
			if !slices.Contains([]string{NotifyTwice, NotifyReverse, NotifyEarly}, value) {
				return Fault{}, fmt.Errorf("fault notify %q: twice, reverse or early", value)
			}
			f.Notify = value
		case "api":
			if !slices.Contains(APIs, value) {
				return Fault{}, fmt.Errorf("fault api %q: one of %s", value, strings.Join(APIs, ", "))
			}
			f.API = value
		case "id":
			f.RequestID = value
		case "times":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 {
				return Fault{}, fmt.Errorf("fault times %q: a positive number", value)
			}
			f.Times = n
		case "":
		default:
			return Fault{}, fmt.Errorf("fault %q: unknown part (delay, drop, status, notify, api, id, times)", key)
		}
	}
	return f, nil
}

// String is the fault in ParseFault's form.
func (f Fault) String() string {
	var parts []string
	add := func(k, v string) { parts = append(parts, k+"="+v) }
	if f.API != "" {
		add("api", f.API)
	}
	if f.RequestID != "" {
		add("id", f.RequestID)
	}
	if f.Times != 0 {
		add("times", strconv.Itoa(f.Times))
	}
	if f.Delay != 0 {
		add("delay", f.Delay.String())
	}
	if f.Drop {
		parts = append(parts, "drop")
	}
	if f.Status != 0 {
		add("status", strconv.Itoa(f.Status))
	}
	if f.Notify != "" {
		add("notify", f.Notify)
	}
	return strings.Join(parts, ";")
}

func (f Fault) matches(api string, ids []string) bool {
	if f.API != "" && f.API != api {
		return false
	}
	if f.RequestID == "" {
		return true
	}
	prefix, isPrefix := strings.CutSuffix(f.RequestID, "*")
	for _, id := range ids {
		if id == f.RequestID || isPrefix && strings.HasPrefix(id, prefix) {
			return true
		}
	}
	return false
}

// faultSet holds the start-up rules and how often each has fired.
type faultSet struct {
	mu    sync.Mutex
	rules []Fault
	used  []int
}

func newFaultSet(rules []Fault) (*faultSet, error) {
	for _, r := range rules {
		if r.Status != 0 && (r.Status < 500 || r.Status > 599) {
			return nil, fmt.Errorf("sandbox: fault status %d: a 5xx status", r.Status)
		}
		if r.Notify != "" && !slices.Contains([]string{NotifyTwice, NotifyReverse, NotifyEarly}, r.Notify) {
			return nil, fmt.Errorf("sandbox: fault notify %q: twice, reverse or early", r.Notify)
		}
	}
	return &faultSet{rules: slices.Clone(rules), used: make([]int, len(rules))}, nil
}

// pick returns the fault for a request: the header's, else the first matching
// rule that has not used up its Times.
func (fs *faultSet) pick(api string, ids []string, header string) (Fault, error) {
	if header != "" {
		f, err := ParseFault(header)
		if err != nil {
			return Fault{}, fmt.Errorf("%s header: %w", FaultHeader, err)
		}
		return f, nil
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, r := range fs.rules {
		if !r.matches(api, ids) || r.Times > 0 && fs.used[i] >= r.Times {
			continue
		}
		fs.used[i]++
		return r, nil
	}
	return Fault{}, nil
}
