package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func runApply(c *cli, args []string) error {
	fs := c.flags()
	nowFlag := fs.String("now", "", "the current time (RFC 3339; default: the clock)")
	stateOut := fs.String("state-out", "", "write the new state to this file instead of printing it")
	pos, err := c.parse(fs, args, 2, 2)
	if err != nil {
		return err
	}
	if pos[0] == "-" && pos[1] == "-" {
		return usagef("apply: only one of state and event can be standard input")
	}
	state := json.RawMessage("null")
	if pos[0] != "new" {
		b, err := c.input(pos[0], nil, false)
		if err != nil {
			return err
		}
		state = stateOf(b)
	}
	event, err := c.input(pos[1], nil, false)
	if err != nil {
		return err
	}
	if !json.Valid(event) {
		return usagef("apply: the event is not JSON")
	}
	if !json.Valid(state) {
		return usagef("apply: the state is not JSON")
	}
	now, err := c.nowValue(*nowFlag)
	if err != nil {
		return err
	}
	raw, env, err := c.call("payment.apply", marshal(map[string]json.RawMessage{"state": state, "event": event, "now": quote(now)}))
	if err != nil {
		return err
	}
	var res struct {
		State   json.RawMessage `json:"state"`
		Actions []struct {
			action
			PaymentRequestID string `json:"paymentRequestId"`
			CaptureRequestID string `json:"captureRequestId"`
			RefundRequestID  string `json:"refundRequestId"`
			Amount           *struct{ Currency, Value string }
			Reason           string `json:"reason"`
		} `json:"actions"`
		Changed  bool   `json:"changed"`
		Effect   string `json:"effect"`
		Reason   string `json:"reason"`
		Message  string `json:"message"`
		Conflict *struct {
			Reason  string `json:"reason"`
			Message string `json:"message"`
		} `json:"conflict"`
	}
	if env.OK {
		if err := json.Unmarshal(env.Result, &res); err != nil {
			return err
		}
		if *stateOut != "" {
			if err := os.WriteFile(*stateOut, indentJSON(res.State), 0o600); err != nil {
				return usagef("apply: %v", err)
			}
		}
	}
	if c.json {
		if err := c.printJSON(raw, env); err != nil {
			return err
		}
		return negativeUnless(res.Effect != "refused")
	}
	if !env.OK {
		return c.failed(env)
	}
	var st struct {
		Status string `json:"status"`
	}
	_ = json.Unmarshal(res.State, &st)
	changed := "unchanged"
	if res.Changed {
		changed = "changed"
	}
	colour := green
	if res.Effect == "refused" || res.Effect == "conflict" {
		colour = red
	}
	fmt.Fprintf(c.stdout, "%s status %s (%s)\n", c.paint(colour, res.Effect+":"), c.paint(bold, st.Status), changed)
	if res.Message != "" {
		fmt.Fprintln(c.stdout, res.Message)
	}
	if res.Conflict != nil {
		c.detail(c.paint(red, "conflict"), res.Conflict.Reason+": "+res.Conflict.Message)
	}
	for _, a := range res.Actions {
		next := a.next()
		for _, id := range []struct{ name, value string }{{"paymentRequestId", a.PaymentRequestID}, {"captureRequestId", a.CaptureRequestID}, {"refundRequestId", a.RefundRequestID}} {
			if id.value != "" {
				next += ", " + id.name + " " + id.value
			}
		}
		if a.Amount != nil {
			next += ", amount " + a.Amount.Currency + " " + a.Amount.Value
		}
		if a.URL != "" {
			next += ": " + a.Method + " " + a.URL
		}
		c.detail("next", next)
	}
	if *stateOut != "" {
		c.detail("state", "written to "+*stateOut)
	} else {
		fmt.Fprintf(c.stdout, "state:\n%s", indentJSON(res.State))
	}
	return negativeUnless(res.Effect != "refused")
}

// stateOf takes the state from a state file, a previous result ({"state": ...}) or
// a previous envelope ({"ok": true, "result": {"state": ...}}).
func stateOf(b []byte) json.RawMessage {
	m := object(b)
	if m == nil {
		return b
	}
	if r, ok := m["result"]; ok {
		if inner := object(r); inner != nil {
			m = inner
		}
	}
	if s, ok := m["state"]; ok {
		if _, isEvent := m["actions"]; isEvent || len(m) == 1 {
			return s
		}
	}
	return b
}
