package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// headerFlags collects repeated --header 'name: value' flags.
type headerFlags map[string]string

func (h headerFlags) String() string { return "" }

func (h headerFlags) Set(s string) error {
	name, value, ok := strings.Cut(s, ":")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("--header wants 'name: value', got %q", s)
	}
	h[strings.TrimSpace(name)] = strings.TrimSpace(value)
	return nil
}

func runSign(c *cli, args []string) error {
	fs := c.flags()
	sf := addSigningFlags(fs, merchantKeyHelp)
	path := fs.String("path", "", "the request path, e.g. /ams/api/v1/payments/pay")
	method := fs.String("method", "POST", "the HTTP method")
	body, key, err := c.signingInput(fs, sf, path, args)
	if err != nil {
		return err
	}
	rt := sf.time(c)
	in := map[string]string{"method": *method, "path": *path, "clientId": *sf.clientID, "requestTime": rt, "body": string(body), "privateKey": key}
	if *sf.keyVersion != "" {
		in["keyVersion"] = *sf.keyVersion
	}
	raw, env, err := c.call("signature.sign", marshal(in))
	if err != nil {
		return err
	}
	return c.answer(raw, env, func(res json.RawMessage) error {
		var r struct {
			Signature string `json:"signature"`
		}
		if err := json.Unmarshal(res, &r); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "Client-Id: %s\nRequest-Time: %s\nSignature: %s\n", *sf.clientID, rt, r.Signature)
		return nil
	})
}

// freshnessFlags are --now and --tolerance: an opt-in check of the signed time.
type freshnessFlags struct {
	now       *string
	tolerance *int
}

func addFreshnessFlags(fs *flag.FlagSet) freshnessFlags {
	return freshnessFlags{
		now:       fs.String("now", "", "with --tolerance: the current time (RFC 3339; default: the clock)"),
		tolerance: fs.Int("tolerance", 0, "accept a signed time at most this many seconds from now (default: no time check)"),
	}
}

// set adds now and toleranceSeconds to an op input when --tolerance is given.
func (f freshnessFlags) set(c *cli, in map[string]any) error {
	if *f.tolerance <= 0 {
		return nil
	}
	now, err := c.nowValue(*f.now)
	if err != nil {
		return err
	}
	in["now"], in["toleranceSeconds"] = now, *f.tolerance
	return nil
}

// signingInput parses a signing command's flags and reads its body and key.
func (c *cli) signingInput(fs *flag.FlagSet, sf signingFlags, path *string, args []string) (body []byte, key string, err error) {
	pos, err := c.parse(fs, args, 0, 1)
	if err != nil {
		return nil, "", err
	}
	if *sf.key == "" || *sf.clientID == "" || *path == "" {
		return nil, "", usagef("%s: --key, --client-id and --path are required", c.cmd.name)
	}
	if body, err = c.input(first(pos), nil, false); err != nil {
		return nil, "", err
	}
	key, err = readFile("key", *sf.key)
	return body, key, err
}

func runVerify(c *cli, args []string) error {
	fs := c.flags()
	pubFile := fs.String("public-key", "", "file with Antom's public key (base64 SPKI, or PEM)")
	path := fs.String("path", "", "the path that was signed (the request path; for notifications your notify path)")
	method := fs.String("method", "POST", "the HTTP method")
	clientID := fs.String("client-id", "", "the client-id value")
	signedTime := fs.String("time", "", "the response-time (or request-time) value")
	sig := fs.String("signature", "", "the signature header value")
	headers := headerFlags{}
	fs.Var(headers, "header", "a received header, 'name: value' (repeat; instead of --client-id, --time, --signature)")
	kind := fs.String("kind", "", "with --header: response (reads response-time) or notification (reads request-time)")
	fresh := addFreshnessFlags(fs)
	pos, err := c.parse(fs, args, 0, 1)
	if err != nil {
		return err
	}
	if *pubFile == "" || *path == "" {
		return usagef("verify: --public-key and --path are required\nusage: paycore verify %s", c.cmd.synopsis)
	}
	if len(headers) == 0 && (*clientID == "" || *signedTime == "" || *sig == "") {
		return usagef("verify: give --client-id, --time and --signature, or the received headers with --header and --kind")
	}
	body, err := c.input(first(pos), nil, false)
	if err != nil {
		return err
	}
	pub, err := readFile("public-key", *pubFile)
	if err != nil {
		return err
	}
	in := map[string]any{"method": *method, "path": *path, "body": string(body), "publicKey": pub}
	if len(headers) > 0 {
		in["headers"], in["kind"] = map[string]string(headers), *kind
	} else {
		in["clientId"], in["requestTime"], in["signature"] = *clientID, *signedTime, *sig
	}
	if err := fresh.set(c, in); err != nil {
		return err
	}
	raw, env, err := c.call("signature.verify", marshal(in))
	if err != nil {
		return err
	}
	var res verifyResult
	if env.OK {
		if err := json.Unmarshal(env.Result, &res); err != nil {
			return err
		}
	}
	if c.json {
		if err := c.printJSON(raw, env); err != nil {
			return err
		}
		return negativeUnless(res.Valid)
	}
	if !env.OK {
		return c.failed(env)
	}
	if res.Valid {
		fmt.Fprintln(c.stdout, c.paint(green, "valid:")+" the signature verifies with this key over this path, time and body")
		c.encodingNote(in)
		return nil
	}
	fmt.Fprintf(c.stdout, "%s %s: %s\n", c.paint(red, "not valid:"), res.Reason, res.Message)
	if res.Reason == "signature_mismatch" {
		c.whyMismatch(in)
	}
	return errNegative
}

type verifyResult struct {
	Valid   bool   `json:"valid"`
	Reason  string `json:"reason"`
	Header  string `json:"header"`
	Message string `json:"message"`
}

// encodingNote warns when a signature that verifies is not URL-encoded: paycore
// reads it, but Antom expects %2B, %2F and %3D.
func (c *cli) encodingNote(in map[string]any) {
	s, _ := in["signature"].(string)
	if h, ok := in["headers"].(map[string]string); ok {
		for k, v := range h {
			if strings.EqualFold(k, "signature") {
				s = v
			}
		}
	}
	if _, value, ok := strings.Cut(s, "signature="); ok && strings.ContainsAny(value, "+/ ") {
		fmt.Fprintln(c.stdout, c.paint(yellow, "note:")+" the signature value is not URL-encoded ('+', '/' and '=' must be %2B, %2F and %3D); paycore accepts it, a strict receiver may not")
	}
}

// whyMismatch tries the usual mistakes, each through signature.verify, and says
// which one explains the mismatch.
func (c *cli) whyMismatch(in map[string]any, alsoPaths ...string) {
	try := func(change func(map[string]any)) bool {
		variant := maps.Clone(in)
		change(variant)
		_, env, err := c.call("signature.verify", marshal(variant))
		var res verifyResult
		return err == nil && env.OK && json.Unmarshal(env.Result, &res) == nil && res.Valid
	}
	path, _ := in["path"].(string)
	body, _ := in["body"].(string)
	type guess struct {
		why    string
		change func(map[string]any)
	}
	var guesses []guess
	for _, p := range otherPaths(path) {
		guesses = append(guesses, guess{"it was signed for the path " + p + ", not " + path + " (sandbox client ids sign the /ams/sandbox/api/ path)", func(m map[string]any) { m["path"] = p }})
	}
	trimmed := strings.TrimRight(body, "\r\n")
	for _, b := range []string{trimmed, trimmed + "\n", body + "\n"} {
		if b != body {
			guesses = append(guesses, guess{"the body differs in its trailing newlines: the signature covers the exact bytes sent (" + strconv.Quote(tail(b)) + " at the end, not " + strconv.Quote(tail(body)) + ")", func(m map[string]any) { m["body"] = b }})
		}
	}
	if compact := compactJSON(body); compact != "" && compact != body {
		guesses = append(guesses, guess{"the body was re-encoded (spacing or key order): verify the raw bytes as received, never a re-marshalled copy", func(m map[string]any) { m["body"] = compact }})
	}
	if k, _ := in["kind"].(string); k == "response" || k == "notification" {
		other, header := "notification", "request-time"
		if k == "notification" {
			other, header = "response", "response-time"
		}
		guesses = append(guesses, guess{"it was signed with the " + header + " header's time (as a " + other + "): wrong time header", func(m map[string]any) { m["kind"] = other }})
	}
	if t, _ := in["requestTime"].(string); t != "" {
		for _, alt := range otherTimes(t) {
			guesses = append(guesses, guess{"it was signed with the time " + alt + ", not " + t + " (Antom's times are epoch milliseconds, signed exactly as sent)", func(m map[string]any) { m["requestTime"] = alt }})
		}
	}
	for _, p := range alsoPaths {
		if p != path {
			guesses = append(guesses, guess{"it was signed for the path " + p + ", not " + path, func(m map[string]any) { m["path"] = p }})
		}
	}
	for _, method := range []string{"POST", "GET"} {
		if in["method"] != method {
			guesses = append(guesses, guess{"it was signed for method " + method, func(m map[string]any) { m["method"] = method }})
		}
	}
	for _, g := range guesses {
		if try(g.change) {
			fmt.Fprintf(c.stdout, "  %s %s\n", c.paint(bold, "why:"), g.why)
			return
		}
	}
	fmt.Fprintf(c.stdout, "  %s not the path, the time format, the method or a re-encoded body: most likely the wrong key (verify Antom's signatures with Antom's public key, not your own), a different client id or time, or a body changed on the way\n", c.paint(bold, "why:"))
}

// otherPaths returns the path with and without Antom's sandbox prefix, and
// without a scheme and host if it has them.
func otherPaths(path string) []string {
	var out []string
	if i := strings.Index(path, "://"); i >= 0 {
		if j := strings.IndexByte(path[i+3:], '/'); j >= 0 {
			out = append(out, path[i+3+j:])
		}
	}
	switch {
	case strings.HasPrefix(path, "/ams/api/"):
		out = append(out, "/ams/sandbox/api/"+strings.TrimPrefix(path, "/ams/api/"))
	case strings.HasPrefix(path, "/ams/sandbox/api/"):
		out = append(out, "/ams/api/"+strings.TrimPrefix(path, "/ams/sandbox/api/"))
	}
	return out
}

// tail returns the last few bytes of s.
func tail(s string) string {
	if len(s) > 4 {
		return s[len(s)-4:]
	}
	return s
}

// otherTimes returns the signed time in the other unit: seconds for
// milliseconds and back.
func otherTimes(t string) []string {
	if _, err := strconv.ParseInt(t, 10, 64); err != nil {
		return nil
	}
	switch len(t) {
	case 13:
		return []string{t[:10]}
	case 10:
		return []string{t + "000"}
	}
	return nil
}

func compactJSON(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return ""
	}
	return string(marshal(v))
}

func runNotify(c *cli, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if c.help {
			_, err := c.parse(c.flags(), nil, 0, 0)
			return err
		}
		return usagef("notify: verify, parse or sign?\nusage: paycore notify %s", c.cmd.synopsis)
	}
	switch args[0] {
	case "verify":
		return c.notifyParse(args[1:], true)
	case "parse":
		return c.notifyParse(args[1:], false)
	case "sign":
		return c.notifySign(args[1:])
	}
	return usagef("notify: unknown subcommand %q: verify, parse or sign", args[0])
}

func (c *cli) notifySign(args []string) error {
	fs := c.flags()
	sf := addSigningFlags(fs, "file with the private key that signs (standing in for Antom's)")
	path := fs.String("path", "", "the path of the notify URL, e.g. /antom/notify")
	body, key, err := c.signingInput(fs, sf, path, args)
	if err != nil {
		return err
	}
	in := map[string]json.RawMessage{"path": quote(*path), "clientId": quote(*sf.clientID), "requestTime": quote(sf.time(c)), "privateKey": quote(key)}
	if *sf.keyVersion != "" {
		in["keyVersion"] = quote(*sf.keyVersion)
	}
	if object(body) != nil {
		in["notification"] = body
	} else {
		in["body"] = quote(string(body))
	}
	raw, env, err := c.call("notification.sign", marshal(in))
	if err != nil {
		return err
	}
	return c.answer(raw, env, func(res json.RawMessage) error {
		_, err := c.stdout.Write(indentJSON(res))
		return err
	})
}

func (c *cli) notifyParse(args []string, mustVerify bool) error {
	fs := c.flags()
	pubFile := fs.String("public-key", "", "file with Antom's public key (base64 SPKI, or PEM)")
	path := fs.String("path", "", "the path of your notify URL (default: the input's path)")
	headers := headerFlags{}
	fs.Var(headers, "header", "a received header, 'name: value' (repeat), when the input is the raw body")
	captureMode := fs.String("capture-mode", "", "the pay request's capture mode: AUTOMATIC (default) or MANUAL")
	fresh := addFreshnessFlags(fs)
	pos, err := c.parse(fs, args, 0, 1)
	if err != nil {
		return err
	}
	if mustVerify && *pubFile == "" {
		return usagef("notify verify: --public-key is required (notify parse reads without verifying)")
	}
	input, err := c.input(first(pos), nil, false)
	if err != nil {
		return err
	}
	in := map[string]any{}
	var inputPath string
	if m := object(input); m != nil && m["headers"] != nil && m["body"] != nil && len(headers) == 0 {
		var req struct {
			Path    string            `json:"path"`
			Headers map[string]string `json:"headers"`
			Body    string            `json:"body"`
		}
		if err := json.Unmarshal(input, &req); err != nil {
			return usagef("notify: the input has headers and body but %v", err)
		}
		in["path"], in["headers"], in["body"] = req.Path, req.Headers, req.Body
		inputPath = req.Path
	} else {
		if len(headers) == 0 {
			return usagef(`notify: give the notification as received, {"path","headers","body"} (what paycore notify sign writes), or the raw body with --header flags`)
		}
		in["headers"], in["body"] = map[string]string(headers), string(input)
	}
	if *path != "" {
		in["path"] = *path
	}
	if in["path"] == "" || in["path"] == nil {
		return usagef("notify: --path is required (the path of your notify URL, which Antom signs)")
	}
	if *pubFile != "" {
		if in["publicKey"], err = readFile("public-key", *pubFile); err != nil {
			return err
		}
	} else {
		in["verify"] = false
	}
	if err := fresh.set(c, in); err != nil {
		return err
	}
	if *captureMode != "" {
		in["context"] = map[string]string{"captureMode": *captureMode}
	}
	raw, env, err := c.call("notification.parse", marshal(in))
	if err != nil {
		return err
	}
	if !c.json && !env.OK && env.Error != nil && env.Error.Code == "BAD_SIGNATURE" {
		fmt.Fprintf(c.stdout, "%s %s: %s\n", c.paint(red, "not verified:"), env.Error.Reason, env.Error.Message)
		if env.Error.Reason == "signature_mismatch" {
			c.whyMismatch(map[string]any{"method": "POST", "path": in["path"], "headers": in["headers"], "kind": "notification", "body": in["body"], "publicKey": in["publicKey"]}, inputPath)
		}
		fmt.Fprintln(c.stdout, "  do not acknowledge it: Antom resends it, and a forged one must not move a payment")
		return errNegative
	}
	return c.answer(raw, env, func(res json.RawMessage) error {
		var n struct {
			decision
			Verified         bool   `json:"verified"`
			API              string `json:"api"`
			NotifyType       string `json:"notifyType"`
			PaymentRequestID string `json:"paymentRequestId"`
			PaymentID        string `json:"paymentId"`
			CaptureRequestID string `json:"captureRequestId"`
			RefundRequestID  string `json:"refundRequestId"`
			Amount           *struct{ Currency, Value string }
			DedupeKey        string `json:"dedupeKey"`
			Ack              *struct {
				Status  int               `json:"status"`
				Headers map[string]string `json:"headers"`
				Body    string            `json:"body"`
			} `json:"ack"`
		}
		if err := json.Unmarshal(res, &n); err != nil {
			return err
		}
		head := c.paint(green, "verified:")
		if !n.Verified {
			head = c.paint(yellow, "NOT verified (no public key):")
		}
		about := strings.TrimSpace(n.API + " " + n.NotifyType)
		for _, id := range []struct{ name, value string }{{"paymentRequestId", n.PaymentRequestID}, {"paymentId", n.PaymentID}, {"captureRequestId", n.CaptureRequestID}, {"refundRequestId", n.RefundRequestID}} {
			if id.value != "" {
				about += ", " + id.name + " " + id.value
			}
		}
		if n.Amount != nil {
			about += ", " + n.Amount.Currency + " " + n.Amount.Value + " (minor units)"
		}
		fmt.Fprintf(c.stdout, "%s %s\n", head, about)
		c.decision(n.decision)
		c.detail("dedupe key", n.DedupeKey)
		if n.Ack != nil {
			ack := fmt.Sprintf("HTTP %d", n.Ack.Status)
			for _, k := range slices.Sorted(maps.Keys(n.Ack.Headers)) {
				ack += ", " + k + ": " + n.Ack.Headers[k]
			}
			c.detail("acknowledge", ack+", body "+n.Ack.Body)
		}
		if !n.Verified {
			fmt.Fprintln(c.stdout, "  do not act on an unverified notification, and do not acknowledge it: pass --public-key")
		}
		return nil
	})
}
