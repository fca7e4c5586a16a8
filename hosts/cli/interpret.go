package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

func runInterpret(c *cli, args []string) error {
	fs := c.flags()
	timeout := fs.Bool("timeout", false, "the call was sent and timed out: no answer to read")
	noResponse := fs.Bool("no-response", false, "the connection failed or closed without an answer")
	captureMode := fs.String("capture-mode", "", "the pay request's capture mode: AUTOMATIC (default) or MANUAL")
	mode := fs.String("mode", "", "the integration mode: server_to_server, hosted, issuer_auth or saved_card")
	attempt := fs.Int("attempt", 0, "how many times this same request has been sent, counting the one answered")
	nowFlag := fs.String("now", "", "the current time (RFC 3339; default: the clock)")
	pos, err := c.parse(fs, args, 1, 2)
	if err != nil {
		return err
	}
	m := map[string]json.RawMessage{"api": quote(pos[0])}
	switch {
	case *timeout && *noResponse:
		return usagef("interpret: --timeout or --no-response, not both")
	case *timeout || *noResponse:
		if len(pos) > 1 {
			return usagef("interpret: --timeout and --no-response read no answer: drop %s", pos[1])
		}
		m["transport"] = quote("timeout")
		if *noResponse {
			m["transport"] = quote("no_response")
		}
	default:
		input, err := c.input(first(pos[1:]), nil, false)
		if err != nil {
			return err
		}
		if !json.Valid(input) {
			// Let the core report the syntax error with its offset in the file.
			raw, env, err := c.call("response.interpret", input)
			if err != nil {
				return err
			}
			return c.answer(raw, env, nil)
		}
		m["response"] = input
		if in := object(input); in != nil && (in["response"] != nil || in["transport"] != nil) {
			// The op input form (Antom's answers have neither key): <api> wins.
			in["api"] = m["api"]
			m = in
		}
	}
	ctx := map[string]any{}
	if given := object(m["context"]); given != nil {
		for k, v := range given {
			ctx[k] = v
		}
	}
	if *captureMode != "" {
		ctx["captureMode"] = *captureMode
	}
	if *mode != "" {
		ctx["mode"] = *mode
	}
	if *attempt != 0 {
		ctx["attempt"] = *attempt
	}
	if _, ok := ctx["now"]; !ok || *nowFlag != "" {
		now, err := c.nowValue(*nowFlag)
		if err != nil {
			return err
		}
		ctx["now"] = now
	}
	m["context"] = marshal(ctx)
	raw, env, err := c.call("response.interpret", marshal(m))
	if err != nil {
		return err
	}
	return c.answer(raw, env, func(res json.RawMessage) error {
		var d decision
		if err := json.Unmarshal(res, &d); err != nil {
			return err
		}
		c.decision(d)
		return nil
	})
}

// answer prints an envelope: as JSON with --json, else the error for people or
// the result through human.
func (c *cli) answer(raw []byte, env envelope, human func(json.RawMessage) error) error {
	if c.json || human == nil && env.OK {
		return c.printJSON(raw, env)
	}
	if !env.OK {
		return c.failed(env)
	}
	return human(env.Result)
}

// decision is response.interpret's result (and the part of notification.parse's
// that says what happened).
type decision struct {
	Outcome      string `json:"outcome"`
	Action       action `json:"action"`
	Terminal     bool   `json:"terminal"`
	Reason       string `json:"reason"`
	Message      string `json:"message"`
	ResultCode   string `json:"resultCode"`
	ResultStatus string `json:"resultStatus"`
	CardChecks   *struct {
		AVS     *check `json:"avs"`
		CVV     *check `json:"cvv"`
		ThreeDS *struct {
			ECI            string `json:"eci"`
			Authentication string `json:"authentication"`
			Meaning        string `json:"meaning"`
			Version        string `json:"version"`
		} `json:"threeDS"`
	} `json:"cardChecks"`
	Warnings []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"warnings"`
}

type check struct {
	Raw     string `json:"raw"`
	Meaning string `json:"meaning"`
}

type action struct {
	Kind         string `json:"kind"`
	API          string `json:"api"`
	RequestID    string `json:"requestId"`
	Notification string `json:"notification"`
	URL          string `json:"url"`
	Method       string `json:"method"`
	Parameters   any    `json:"parameters"`
	Source       string `json:"source"`
	Alternatives []struct {
		Source string `json:"source"`
		URL    string `json:"url"`
		Method string `json:"method"`
	} `json:"alternatives"`
	AfterSeconds int    `json:"afterSeconds"`
	After        string `json:"after"`
	Before       string `json:"before"`
}

// next says an action in words.
func (a action) next() string {
	var s string
	switch a.Kind {
	case "none":
		s = "nothing to do"
	case "redirect":
		s = "send the buyer to the redirect URL"
	case "capture":
		s = "call capture"
	case "wait_notification":
		s = "wait for " + or(a.Notification, "the notification")
		if a.API != "" {
			s += "; if it is late, call " + a.API
		}
	case "inquire":
		s = "call " + or(a.API, "the inquiry")
	case "retry_same_request":
		s = "send " + or(a.API, "the request") + " again with the same request id (idempotent)"
	case "retry_new_request":
		s = "a new " + or(a.API, "request") + " with a new request id"
	case "cancel":
		s = "call cancel"
	case "refund":
		s = "call refund"
	case "fix_request":
		s = "fix the request"
		if a.API != "" {
			s += " (" + a.API + ")"
		}
	case "contact_support":
		s = "contact Antom support"
	default:
		s = a.Kind
	}
	if a.AfterSeconds > 0 {
		s += " in " + strconv.Itoa(a.AfterSeconds) + " s"
	}
	if a.After != "" {
		s += " (at " + a.After + ")"
	}
	if a.Before != "" {
		s += ", before " + a.Before
	}
	return s
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// decision prints a decision: the sentence, then the details.
func (c *cli) decision(d decision) {
	fmt.Fprintln(c.stdout, d.Message)
	final := "not final"
	if d.Terminal {
		final = "final"
	}
	colour := yellow
	switch d.Outcome {
	case "succeeded", "authorized":
		colour = green
	case "failed":
		colour = red
	}
	c.detail("outcome", fmt.Sprintf("%s (%s; %s)", c.paint(colour, d.Outcome), final, d.Reason))
	c.detail("next", c.paint(bold, d.Action.next()))
	if d.Action.URL != "" {
		c.detail("redirect", or(d.Action.Method, "GET")+" "+d.Action.URL+" (from "+d.Action.Source+")")
		if d.Action.Parameters != nil {
			c.detail("parameters", string(marshal(d.Action.Parameters)))
		}
	}
	for _, alt := range d.Action.Alternatives {
		c.detail("or", alt.Method+" "+alt.URL+" (from "+alt.Source+")")
	}
	if d.ResultStatus != "" || d.ResultCode != "" {
		c.detail("result", strings.TrimSpace(d.ResultStatus+" "+d.ResultCode))
	}
	if cc := d.CardChecks; cc != nil {
		if cc.AVS != nil {
			c.detail("AVS", strings.TrimSpace(cc.AVS.Raw+": "+cc.AVS.Meaning))
		}
		if cc.CVV != nil {
			c.detail("CVV", strings.TrimSpace(cc.CVV.Raw+": "+cc.CVV.Meaning))
		}
		if t := cc.ThreeDS; t != nil {
			c.detail("3-D Secure", strings.TrimSpace(fmt.Sprintf("ECI %s: %s (%s) %s", t.ECI, t.Meaning, t.Authentication, t.Version)))
		}
	}
	for _, w := range d.Warnings {
		c.detail(c.paint(yellow, "warning"), w.Field+": "+w.Message)
	}
}

func (c *cli) detail(label, value string) {
	fmt.Fprintf(c.stdout, "  %-11s %s\n", label, value)
}
