package main

import (
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/docs/schema"
	"github.com/paycore/paycore/testvectors"
	"github.com/paycore/paycore/testvectors/examples"
)

func init() {
	commands = []*command{
		{name: "validate", synopsis: "[file|-] [--example] [--now TIME] [--mode MODE]", run: runValidate,
			summary: "check an Antom pay request before sending it (pay.validate)",
			details: `Validates an Antom pay request (card authorization): every broken rule with its
field path in Antom's names and a hint, and warnings for doubtful or missing
recommended fields. The input is the request body as you would send it, or the op
input {"request": ..., "now": ...}. Card expiry is checked against the clock
(or --now, or the input's now). --example validates the server-to-server sample of
Antom's Authorization payment guide.`,
			example: `paycore validate --example
paycore example pay-request | paycore validate
paycore validate pay.json --now 2026-11-28T09:00:00Z --json`,
			exit: "Exit status: 0 valid (warnings allowed); 1 not valid, or an error envelope; 2 usage error."},
		{name: "build", synopsis: "[file|-] [--example] [--key FILE --client-id ID] [--sandbox] [--curl] [--base-url URL]", run: runBuild,
			summary: "build a pay request from a merchant intent, signed, optionally as curl (pay.build)",
			details: `Builds the Antom pay request for a merchant intent (mode, amount, order, env,
card or token, capture mode, URLs; see "paycore call pay.build --help"). With --key
and --client-id it is signed (Request-Time is the clock, or --request-time); without
a key you get the content to sign. --sandbox makes the client id a SANDBOX_ one, so
the request goes to Antom's sandbox path. --curl prints a ready curl command for
--base-url: Antom's domains are https://open-sea-global.alipay.com (the default,
Asia-Pacific), https://open-na-global.alipay.com (North America) and
https://open-de-global.alipay.com (Europe); use the one your account is on.`,
			example: `paycore keygen --out ./paycore-keys
paycore build --example --key ./paycore-keys/merchant_private_pkcs8.pem --client-id SANDBOX_5YBZ1234 --curl
paycore example intent > intent.json && paycore build intent.json`},
		{name: "interpret", synopsis: "<api> [file|-] [--timeout|--no-response] [--capture-mode M] [--attempt N] [--now TIME]", run: runInterpret,
			summary: "what an Antom answer means and what to do next (response.interpret)",
			details: `Reads Antom's answer to <api> (pay, inquiryPayment, capture, cancel, refund,
inquiryRefund, or a notification: notifyPayment, notifyCapture, notifyRefund) and
says in one sentence what happened and exactly what to do next, then the details:
redirect URL and method, retry advice, AVS/CVV/3-D Secure meanings. The input is
Antom's JSON answer (or the op input, {"response": ..., "context": ...}). With
--timeout or --no-response no input is read: the call got no answer.
--capture-mode is the pay request's (AUTOMATIC when not given).`,
			example: `paycore example pay-in-process | paycore interpret pay
paycore interpret pay --timeout
paycore example pay-success | paycore interpret pay --capture-mode MANUAL`,
			exit: "Exit status: 0 interpreted (whatever the payment's outcome); 1 an error envelope; 2 usage error."},
		{name: "notify", synopsis: "verify|parse|sign [file|-] [flags]", run: runNotify,
			summary: "verify, read or sign an Antom notification (notification.parse, notification.sign)",
			details: `notify verify: checks a notification's signature with Antom's public key and, if it
holds, reads it: what happened, what to do, the dedupe key and the exact
acknowledgement to send. A signature that fails is explained (wrong path, wrong key,
changed body). notify parse: the same, with --public-key optional (without it the
notification is read but not trusted). The input is the notification as received:
{"path", "headers", "body"} (what "notify sign" writes), or the raw body with
--header flags.
notify sign: signs a notification body as Antom would (with a key standing in for
Antom's), for tests and simulators; it writes {"method", "path", "headers", "body"}.`,
			example: `paycore example notify-payment | paycore notify sign --key ./paycore-keys/merchant_private_pkcs8.pem --client-id SANDBOX_5YBZ1234 --path /antom/notify > notification.json
paycore notify verify notification.json --public-key ./paycore-keys/merchant_public.pem`,
			exit: "Exit status: 0 ok (verify: the signature holds); 1 the signature does not verify, or an error envelope; 2 usage error."},
		{name: "sign", synopsis: "[file|-] --key FILE --client-id ID --path PATH [--method POST] [--request-time MS]", run: runSign,
			summary: "sign a request body with Antom's RSA256 scheme (signature.sign)",
			details: `Signs the exact bytes of the body (the file as it is, trailing newline included)
for <method> <path> and prints the headers to send: Client-Id, Request-Time and
Signature. Request-Time is the clock in epoch milliseconds unless --request-time.`,
			example: `paycore sign body.json --key ./paycore-keys/merchant_private_pkcs8.pem --client-id SANDBOX_5YBZ1234 --path /ams/sandbox/api/v1/payments/pay`},
		{name: "verify", synopsis: "[file|-] --public-key FILE --path PATH (--client-id ID --time T --signature S | --header 'name: value'... --kind response|notification)", run: runVerify,
			summary: "verify an Antom signature and explain why it fails (signature.verify)",
			details: `Verifies a signature over the exact bytes of the body. The signed values come as
--client-id, --time (response-time or request-time) and --signature, or as the
received headers (--header, repeated) with --kind. When the signature does not
verify, says why: a wrong path (sandbox or not), a wrong time, a changed body, a
signature that is not URL-encoded, or a wrong key.`,
			example: `paycore verify body.json --public-key antom_public.pem --path /ams/api/v1/payments/pay \
  --header 'client-id: SANDBOX_5YBZ1234' --header 'response-time: 1764320400000' --header 'signature: algorithm=RSA256,keyVersion=1,signature=...' --kind response`,
			exit: "Exit status: 0 the signature verifies; 1 it does not (the reason is printed), or an error envelope; 2 usage error."},
		{name: "apply", synopsis: "<state|new|-> <event|-> [--now TIME] [--state-out FILE]", run: runApply,
			summary: "move a payment's state with one event (payment.apply)",
			details: `Applies one event (a command you are about to send, an Antom answer, a verified
notification, a timeout) to a payment's state and prints the new status, the next
steps and the new state. <state> is a state file (or a previous result or envelope
holding one), or "new" before the first event (which must be pay_requested).
--state-out writes the new state to a file instead of printing it.`,
			example: `echo '{"type":"pay_requested","paymentRequestId":"PAY_1","amount":{"currency":"EUR","value":"1000"},"captureMode":"MANUAL"}' > event.json
paycore apply new event.json --state-out state.json
echo '{"type":"timeout","api":"pay"}' | paycore apply state.json -`,
			exit: "Exit status: 0 applied; 1 the command was refused, or an error envelope; 2 usage error."},
		{name: "keygen", synopsis: "[--out DIR] [--bits 2048] [--force]", run: runKeygen,
			summary: "write a fresh merchant RSA key pair (Antom dashboard formats)",
			details: `Writes a merchant RSA key pair: the private key (base64 PKCS#8 DER, Antom's
dashboard format, and PEM; mode 0600) and the public key to upload to Antom (base64
SPKI DER and PEM). The private key goes to files only, never to the output. The
default directory is outside any checkout: $XDG_CONFIG_HOME/paycore/keys (or
~/.config/paycore/keys).`,
			example: `paycore keygen
paycore keygen --out ./paycore-keys --bits 3072`},
		{name: "vectors", synopsis: "[--dir DIR] [-v]", run: runVectors,
			summary: "play the golden test vectors on the engine; N passed, N failed",
			details: `Plays every golden vector (testvectors/<op>/<case>.json) on the selected engine
and compares each answer with the vector's want. --dir is the testvectors
directory (default: ./testvectors, else the one of this source tree).`,
			example: `paycore vectors
paycore vectors --engine wasm -v`,
			exit: "Exit status: 0 all passed; 1 some failed; 2 usage error."},
		{name: "call", synopsis: "<op> [file|-]", run: runCall,
			summary: "run any op on a JSON input and print its envelope",
			details: `Runs one op and prints its JSON envelope, {"ok":true,"result":...} or
{"ok":false,"error":...}. "paycore call <op> --help" prints the op's input and
result fields; docs/ops.md has them all, with examples.`,
			example: `echo '{}' | paycore call core.info
paycore call pay.validate --help`,
			exit: "Exit status: 0 the envelope is ok; 1 it is not; 2 usage error."},
		{name: "ops", synopsis: "", run: runOps, summary: "list the ops, each with what it does",
			details: "Lists every op of the core with a one-line description.", example: "paycore ops"},
		{name: "example", synopsis: "[name]", run: runExample, summary: "print a built-in sample (pay request, intent, Antom answers)",
			details: `Prints a built-in sample input; without a name, lists them. The pay request and
Antom's answers are the samples of Antom's Authorization payment guide.`,
			example: `paycore example
paycore example pay-in-process | paycore interpret pay`},
		{name: "version", synopsis: "", run: runVersion, summary: "print the core's version",
			details: "Prints the core's version, ABI version and the engine.", example: "paycore version --engine wasm"},
	}
}

// cliExamples holds Antom's sample answers from its Authorization payment guide.
//
//go:embed examples/*.json
var cliExamples embed.FS

type sample struct {
	name, about string
	read        func() ([]byte, error)
}

func samples() []sample {
	fromCLI := func(name string) func() ([]byte, error) {
		return func() ([]byte, error) { return cliExamples.ReadFile("examples/" + name + ".json") }
	}
	return []sample{
		{"pay-request", "the server-to-server pay request of Antom's Authorization payment guide", func() ([]byte, error) {
			b, err := examples.Read("seed_server_to_server")
			if err != nil {
				return nil, err
			}
			var in struct {
				Request json.RawMessage `json:"request"`
			}
			if err := json.Unmarshal(b, &in); err != nil {
				return nil, err
			}
			return indentJSON(in.Request), nil
		}},
		{"intent", "a merchant intent for build (server-to-server card, manual capture)", func() ([]byte, error) { return examples.Read("intent_server_to_server") }},
		{"pay-success", "Antom's pay answer: S SUCCESS", fromCLI("pay-success")},
		{"pay-failed", "Antom's pay answer: F ACCESS_DENIED", fromCLI("pay-failed")},
		{"pay-in-process", "Antom's pay answer: U PAYMENT_IN_PROCESS with a redirect (3-D Secure)", fromCLI("pay-in-process")},
		{"inquiry-3d", "Antom's inquiryPayment answer after 3-D Secure", fromCLI("inquiry-3d")},
		{"notify-payment", "a notifyPayment body: PAYMENT_RESULT S", fromCLI("notify-payment")},
	}
}

func indentJSON(raw []byte) []byte {
	var b strings.Builder
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return raw
	}
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
	return []byte(b.String())
}

func runExample(c *cli, args []string) error {
	pos, err := c.parse(c.flags(), args, 0, 1)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		for _, s := range samples() {
			fmt.Fprintf(c.stdout, "%-15s %s\n", s.name, s.about)
		}
		return nil
	}
	for _, s := range samples() {
		if s.name == pos[0] {
			b, err := s.read()
			if err != nil {
				return err
			}
			_, err = c.stdout.Write(b)
			return err
		}
	}
	return usagef("example: no sample %q (paycore example lists them)", pos[0])
}

// nowFlag is a --now flag: RFC 3339, the clock when not given.
func (c *cli) nowValue(flagValue string) (string, error) {
	if flagValue == "" {
		return c.now().UTC().Format(time.RFC3339), nil
	}
	if _, err := time.Parse(time.RFC3339, flagValue); err != nil {
		return "", usagef("--now must be an RFC 3339 time such as 2026-11-28T09:00:00Z")
	}
	return flagValue, nil
}

// defaultNow sets an op input's now from --now, or from the clock when the input
// has none.
func (c *cli) defaultNow(m map[string]json.RawMessage, flagValue string) error {
	if _, ok := m["now"]; ok && flagValue == "" {
		return nil
	}
	now, err := c.nowValue(flagValue)
	if err != nil {
		return err
	}
	m["now"] = quote(now)
	return nil
}

// signingFlags are the flags of the commands that sign.
type signingFlags struct {
	key, clientID, requestTime, keyVersion *string
}

func addSigningFlags(fs *flag.FlagSet, keyHelp string) signingFlags {
	return signingFlags{
		key:         fs.String("key", "", keyHelp),
		clientID:    fs.String("client-id", "", "the Antom client id"),
		requestTime: fs.String("request-time", "", "the signed time in epoch milliseconds (default: the clock)"),
		keyVersion:  fs.String("key-version", "", "keyVersion of the signature header (default 1)"),
	}
}

// time returns --request-time, or the clock in epoch milliseconds.
func (s signingFlags) time(c *cli) string {
	if *s.requestTime != "" {
		return *s.requestTime
	}
	return strconv.FormatInt(c.now().UnixMilli(), 10)
}

const merchantKeyHelp = "file with your merchant private key (base64 PKCS#8, or PEM)"

func runValidate(c *cli, args []string) error {
	fs := c.flags()
	example := fs.Bool("example", false, "validate the server-to-server sample of Antom's Authorization payment guide")
	nowFlag := fs.String("now", "", "the time to check card expiry against (RFC 3339; default: the clock, or the input's now)")
	mode := fs.String("mode", "", "the intended mode: server_to_server, hosted, issuer_auth or saved_card (default: inferred)")
	pos, err := c.parse(fs, args, 0, 1)
	if err != nil {
		return err
	}
	input, err := c.input(first(pos), func() ([]byte, error) { return examples.Read("seed_server_to_server") }, *example)
	if err != nil {
		return err
	}
	if m := object(input); m != nil {
		if _, isOpInput := m["request"]; !isOpInput {
			m = map[string]json.RawMessage{"request": input}
		}
		if err := c.defaultNow(m, *nowFlag); err != nil {
			return err
		}
		if *mode != "" {
			m["mode"] = quote(*mode)
		}
		input = marshal(m)
	}
	raw, env, err := c.call("pay.validate", input)
	if err != nil {
		return err
	}
	if c.json {
		if err := c.printJSON(raw, env); err != nil {
			return err
		}
		return negativeUnless(validOf(env))
	}
	if !env.OK {
		return c.failed(env)
	}
	var res struct {
		Valid       bool   `json:"valid"`
		Mode        string `json:"mode"`
		CaptureMode string `json:"captureMode"`
		Card        *struct{ Brand, Masked string }
		Violations  []violation `json:"violations"`
		Warnings    []violation `json:"warnings"`
	}
	if err := json.Unmarshal(env.Result, &res); err != nil {
		return err
	}
	what := res.Mode + " payment"
	if res.CaptureMode != "" {
		what += ", " + res.CaptureMode + " capture"
	}
	if res.Card != nil {
		what += ", " + strings.TrimSpace(res.Card.Brand+" "+res.Card.Masked)
	}
	if res.Valid {
		fmt.Fprintf(c.stdout, "%s %s\n", c.paint(green, "valid:"), what)
	} else {
		fmt.Fprintf(c.stdout, "%s %s; %d %s\n", c.paint(red, "not valid:"), what, len(res.Violations), plural(len(res.Violations), "violation"))
	}
	c.list(red, "violations", res.Violations)
	c.list(yellow, "warnings", res.Warnings)
	return negativeUnless(res.Valid)
}

func (c *cli) list(color, title string, vs []violation) {
	if len(vs) == 0 {
		return
	}
	fmt.Fprintf(c.stdout, "%s:\n", c.paint(color, title))
	for _, v := range vs {
		fmt.Fprintf(c.stdout, "  %s  %s\n", c.paint(bold, orWhole(v.Field)), c.rule(v))
	}
}

func validOf(env envelope) bool {
	var res struct {
		Valid bool `json:"valid"`
	}
	return env.OK && json.Unmarshal(env.Result, &res) == nil && res.Valid
}

func negativeUnless(ok bool) error {
	if ok {
		return nil
	}
	return errNegative
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func first(pos []string) string {
	if len(pos) == 0 {
		return ""
	}
	return pos[0]
}

// DefaultBaseURL is Antom's global (Asia-Pacific) domain, the official SDKs' default.
const DefaultBaseURL = "https://open-sea-global.alipay.com"

func runBuild(c *cli, args []string) error {
	fs := c.flags()
	example := fs.Bool("example", false, "build the built-in intent (paycore example intent)")
	sf := addSigningFlags(fs, merchantKeyHelp)
	sandbox := fs.Bool("sandbox", false, "use Antom's sandbox: the client id gets the SANDBOX_ prefix if it lacks it")
	curl := fs.Bool("curl", false, "print a ready curl command instead of the request")
	baseURL := fs.String("base-url", DefaultBaseURL, "Antom domain for --curl")
	nowFlag := fs.String("now", "", "the time to check expiry dates against (RFC 3339; default: the clock, or the intent's now)")
	pos, err := c.parse(fs, args, 0, 1)
	if err != nil {
		return err
	}
	if *sf.key != "" && *sf.clientID == "" || *sandbox && *sf.clientID == "" {
		return usagef("build: --key and --sandbox need --client-id")
	}
	input, err := c.input(first(pos), func() ([]byte, error) { return examples.Read("intent_server_to_server") }, *example)
	if err != nil {
		return err
	}
	if m := object(input); m != nil {
		if err := c.defaultNow(m, *nowFlag); err != nil {
			return err
		}
		if *sf.clientID != "" {
			id := *sf.clientID
			if *sandbox && !strings.HasPrefix(id, "SANDBOX_") {
				id = "SANDBOX_" + id
			}
			signing := map[string]string{"clientId": id, "requestTime": sf.time(c), "keyVersion": *sf.keyVersion}
			if *sf.key != "" {
				if signing["privateKey"], err = readFile("key", *sf.key); err != nil {
					return err
				}
			}
			if signing["keyVersion"] == "" {
				delete(signing, "keyVersion")
			}
			m["signing"] = marshal(signing)
		}
		input = marshal(m)
	}
	raw, env, err := c.call("pay.build", input)
	if err != nil {
		return err
	}
	return c.answer(raw, env, func(res json.RawMessage) error { return c.printBuilt(res, *curl, *baseURL) })
}

// printBuilt prints a built request for people, or as a curl command.
func (c *cli) printBuilt(res json.RawMessage, curl bool, baseURL string) error {
	var req builtRequest
	if err := json.Unmarshal(res, &req); err != nil {
		return err
	}
	if curl {
		fmt.Fprintln(c.stdout, req.curl(baseURL))
		if _, signed := req.Headers["Signature"]; !signed {
			fmt.Fprintln(c.stderr, "paycore: note: the request is not signed (no --key); Antom refuses it without a Signature header")
		}
		for _, w := range req.Warnings {
			fmt.Fprintf(c.stderr, "paycore: warning: %s [%s] %s\n", orWhole(w.Field), w.Rule, w.Message)
		}
		return nil
	}
	fmt.Fprintf(c.stdout, "%s %s\n", req.Method, strings.TrimRight(baseURL, "/")+req.Path)
	for _, k := range slices.Sorted(maps.Keys(req.Headers)) {
		fmt.Fprintf(c.stdout, "%s: %s\n", k, req.Headers[k])
	}
	fmt.Fprintf(c.stdout, "\n%s\n", req.Body)
	if _, signed := req.Headers["Signature"]; !signed && req.ContentToSign == "" {
		fmt.Fprintf(c.stdout, "\n%s pass --key and --client-id to sign it (or --client-id alone for the content to sign)\n", c.paint(yellow, "not signed:"))
	}
	if req.ContentToSign != "" {
		fmt.Fprintf(c.stdout, "\n%s sign these bytes (RSA-SHA256, base64, URL-encoded) and send them as the Signature header, or pass --key:\n%s\n", c.paint(yellow, "not signed:"), req.ContentToSign)
	}
	c.list(yellow, "warnings", req.Warnings)
	return nil
}

type builtRequest struct {
	Method        string            `json:"method"`
	Path          string            `json:"path"`
	Headers       map[string]string `json:"headers"`
	Body          string            `json:"body"`
	ContentToSign string            `json:"contentToSign"`
	Warnings      []violation       `json:"warnings"`
}

// curl returns a curl command that sends the request to baseURL.
func (r builtRequest) curl(baseURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "curl -sS -X %s %s", r.Method, shellQuote(strings.TrimRight(baseURL, "/")+r.Path))
	for _, k := range slices.Sorted(maps.Keys(r.Headers)) {
		fmt.Fprintf(&b, " \\\n  -H %s", shellQuote(k+": "+r.Headers[k]))
	}
	fmt.Fprintf(&b, " \\\n  --data-binary %s", shellQuote(r.Body))
	return b.String()
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func runCall(c *cli, args []string) error {
	fs := c.flags()
	if c.help && len(args) > 0 {
		if _, ok := schema.Input(args[0]); ok {
			return c.opHelp(args[0])
		}
	}
	pos, err := c.parse(fs, args, 1, 2)
	if err != nil {
		return err
	}
	input, err := c.input(first(pos[1:]), nil, false)
	if err != nil {
		return err
	}
	raw, env, err := c.call(pos[0], input)
	if err != nil {
		return err
	}
	return c.printJSON(raw, env)
}

// opHelp prints an op's input and result fields from its schema.
func (c *cli) opHelp(op string) error {
	in, _ := schema.Input(op)
	res, _ := schema.Result(op)
	din, err := schema.Describe(in)
	if err != nil {
		return err
	}
	dres, err := schema.Describe(res)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "usage: paycore call %s [file|-]\n\n%s\n\nInput:\n", op, din.Description)
	c.fields(din)
	fmt.Fprintf(c.stdout, "\nResult (the envelope's result when ok is true): %s\n", dres.Description)
	c.fields(dres)
	defs := map[string]schema.Shape{}
	maps.Copy(defs, din.Defs)
	maps.Copy(defs, dres.Defs)
	for _, name := range slices.Sorted(maps.Keys(defs)) {
		if len(defs[name].Fields) > 0 {
			fmt.Fprintf(c.stdout, "\n%s: %s\n", name, defs[name].Description)
			c.fields(defs[name])
		}
	}
	fmt.Fprintf(c.stdout, "\nExample: paycore call %s input.json. The JSON Schemas are docs/schema/%s.input.json and %s.result.json; docs/ops.md has an example.\n", op, op, op)
	return nil
}

func (c *cli) fields(d schema.Shape) {
	if d.Ref != "" {
		fmt.Fprintf(c.stdout, "  a %s (below)\n", d.Ref)
	}
	if d.Base != "" {
		fmt.Fprintf(c.stdout, "  everything of %s (below), and:\n", d.Base)
	}
	for _, f := range d.Fields {
		req := ""
		if f.Required {
			req = " (required)"
		}
		fmt.Fprintf(c.stdout, "  %s  %s%s\n      %s\n", c.paint(bold, f.Name), strings.ReplaceAll(f.Type, "`", ""), req, f.Description)
	}
}

func runOps(c *cli, args []string) error {
	if _, err := c.parse(c.flags(), args, 0, 0); err != nil {
		return err
	}
	if c.json {
		var list []map[string]string
		for _, op := range core.Ops() {
			list = append(list, map[string]string{"op": op, "summary": schema.Summary(op)})
		}
		fmt.Fprintf(c.stdout, "%s\n", marshal(list))
		return nil
	}
	for _, op := range core.Ops() {
		fmt.Fprintf(c.stdout, "%-19s %s\n", op, schema.Summary(op))
	}
	return nil
}

func runVersion(c *cli, args []string) error {
	if _, err := c.parse(c.flags(), args, 0, 0); err != nil {
		return err
	}
	raw, env, err := c.call("core.info", []byte("{}"))
	if err != nil {
		return err
	}
	return c.answer(raw, env, func(res json.RawMessage) error {
		var info struct {
			Version    string `json:"version"`
			ABIVersion int    `json:"abiVersion"`
		}
		if err := json.Unmarshal(res, &info); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "paycore %s (ABI %d, engine %s, %s)\n", info.Version, info.ABIVersion, c.engineName, runtime.Version())
		return nil
	})
}

func runVectors(c *cli, args []string) error {
	fs := c.flags()
	dir := fs.String("dir", "", "the testvectors directory (default: ./testvectors, else this source tree's)")
	verbose := fs.Bool("v", false, "print every vector, not only failures")
	if _, err := c.parse(fs, args, 0, 0); err != nil {
		return err
	}
	if *dir == "" {
		*dir = testvectors.Dir()
		if info, err := os.Stat("testvectors"); err == nil && info.IsDir() {
			*dir = "testvectors"
		}
	}
	if _, err := os.Stat(filepath.Join(*dir, "core.info")); err != nil {
		return usagef("vectors: %s is not a testvectors directory (use --dir)", *dir)
	}
	vs, err := testvectors.Load(*dir)
	if err != nil {
		return usagef("vectors: %v", err)
	}
	passed, failed := 0, 0
	for _, v := range vs {
		input, err := v.InputBytes()
		if err != nil {
			return usagef("vectors: %s: %v", v.Path, err)
		}
		got, _, err := c.call(v.Op, input)
		if err != nil {
			return err
		}
		diff := "vector has no want"
		if len(v.Want) > 0 {
			diff = testvectors.Diff(v.Want, got)
		}
		if diff == "" {
			passed++
			if *verbose {
				fmt.Fprintf(c.stdout, "%s %s\n", c.paint(green, "pass"), v.Path)
			}
			continue
		}
		failed++
		fmt.Fprintf(c.stdout, "%s %s\n%s\n", c.paint(red, "FAIL"), v.Path, indent(strings.TrimSpace(diff), "  "))
	}
	fmt.Fprintf(c.stdout, "%d passed, %d failed (engine %s)\n", passed, failed, c.engineName)
	return negativeUnless(failed == 0)
}
