package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/testvectors"
)

var update = flag.Bool("update", false, "rewrite docs/ops.md from the schemas and the golden vectors")

// examples names the golden vector shown as each op's example; an op not listed
// shows its first ok vector.
var examples = map[string]string{
	"pay.validate":       "pay.validate/valid_minimal_hosted_warnings.json",
	"pay.build":          "pay.build/server_to_server_content_to_sign.json",
	"capture.build":      "capture.build/content_to_sign.json",
	"response.interpret": "response.interpret/trap_pay_in_process_post_form.json",
	"notification.parse": "notification.parse/payment_result_s_manual_capture.json",
	"payment.apply":      "payment.apply/seq_manual_3ds_01_pay_requested.json",
	"signature.verify":   "signature.verify/mismatch_path.json",
	"signature.sign":     "signature.sign/pem_pkcs8_key_version_2.json",
}

// TestOpsDocIsCurrent fails when docs/ops.md is not what the schemas and vectors
// produce; `go test ./docs/schema -run OpsDoc -update` rewrites it.
func TestOpsDocIsCurrent(t *testing.T) {
	vs, err := testvectors.Load(testvectors.Dir())
	require.NoError(t, err)
	got := opsDoc(t, vs)
	path := filepath.Join("..", "ops.md")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "docs/ops.md is missing: go test ./docs/schema -run OpsDoc -update")
	require.True(t, bytes.Equal(want, got), "docs/ops.md is stale: go test ./docs/schema -run OpsDoc -update, and review the diff")
}

func opsDoc(t *testing.T, vs []testvectors.Vector) []byte {
	var b strings.Builder
	b.WriteString("# Op reference\n\n")
	b.WriteString("<!-- Generated from docs/schema and testvectors by `go test ./docs/schema -run OpsDoc -update`; do not edit. -->\n\n")
	b.WriteString("Every op takes one JSON document and answers one envelope: `{\"ok\": true, \"result\": ...}` or\n")
	b.WriteString("`{\"ok\": false, \"error\": {\"code\", \"message\", \"reason\"?, \"field\"?, \"offset\"?, \"violations\"?}}`.\n")
	b.WriteString("Run one with `paycore call <op> [file|-]` (`paycore call <op> --help` prints its fields), or `core.Handle(op, input)` in Go.\n")
	b.WriteString("The JSON Schemas (2020-12) behind this page are in [docs/schema](schema/): `<op>.input.json`, `<op>.result.json`\n")
	b.WriteString("and `envelope.json`. Every golden vector is checked against them.\n\n")
	b.WriteString("Error codes: ")
	for i, c := range problem.Codes() {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "`%s`", c)
	}
	b.WriteString(". Any op can answer `BAD_JSON` (malformed input), `INPUT_TOO_LARGE` (over 1 MiB) and `INTERNAL` (a bug);\neach op below lists the other codes its golden vectors show.\n\n")
	defs := map[string]Shape{}
	for _, op := range Ops() {
		fmt.Fprintf(&b, "- [`%s`](#%s): %s\n", op, strings.ReplaceAll(op, ".", ""), Summary(op))
	}
	for _, op := range Ops() {
		in, _ := Input(op)
		res, _ := Result(op)
		din, err := Describe(in)
		require.NoError(t, err)
		dres, err := Describe(res)
		require.NoError(t, err)
		maps.Copy(defs, din.Defs)
		maps.Copy(defs, dres.Defs)
		fmt.Fprintf(&b, "\n## `%s`\n\n%s\n\n**Input**\n\n", op, din.Description)
		table(&b, din)
		fmt.Fprintf(&b, "\n**Result**: %s\n\n", dres.Description)
		table(&b, dres)
		example(t, &b, op, vs)
		if codes := errorCodes(op, vs); len(codes) > 0 {
			fmt.Fprintf(&b, "\n**Errors besides the common ones**: %s.\n", strings.Join(codes, ", "))
		}
	}
	b.WriteString("\n## Shared types\n")
	for _, name := range slices.Sorted(maps.Keys(defs)) {
		d := defs[name]
		fmt.Fprintf(&b, "\n### %s\n\n%s\n", name, d.Description)
		if len(d.Fields) > 0 {
			b.WriteString("\n")
			table(&b, d)
		}
	}
	return []byte(b.String())
}

func link(name string) string {
	return fmt.Sprintf("[%s](#%s)", name, strings.ToLower(name))
}

// table writes a Markdown table of a shape's fields.
func table(b *strings.Builder, d Shape) {
	if d.Ref != "" {
		fmt.Fprintf(b, "%s.\n", link(d.Ref))
		return
	}
	if d.Base != "" {
		fmt.Fprintf(b, "Everything of %s, and:\n\n", link(d.Base))
	}
	if len(d.Fields) == 0 {
		b.WriteString("No fields: `{}`.\n")
		return
	}
	b.WriteString("| field | type | required | description |\n|---|---|---|---|\n")
	for _, f := range d.Fields {
		req := ""
		if f.Required {
			req = "yes"
		}
		ty := f.Type
		for _, r := range slices.Compact(slices.Sorted(slices.Values(f.Refs))) {
			ty = regexp.MustCompile(`\b`+r+`\b`).ReplaceAllString(ty, link(r))
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", f.Name, ty, req, cell(f.Description))
	}
}

func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

// example writes the op's example vector: its input and the envelope it answers.
func example(t *testing.T, b *strings.Builder, op string, vs []testvectors.Vector) {
	var chosen *testvectors.Vector
	for i := range vs {
		v := &vs[i]
		if v.Op != op || v.InputRaw || !bytes.Contains(v.Want, []byte(`"ok":true`)) && !bytes.Contains(v.Want, []byte(`"ok": true`)) {
			continue
		}
		if examples[op] == v.Path || examples[op] == "" && chosen == nil {
			chosen = v
		}
	}
	require.NotNil(t, chosen, "no example vector for %s", op)
	require.NotContains(t, chosen.Path+chosen.Note, "seed", "%s: pick an example whose name and note speak to users", op)
	fmt.Fprintf(b, "\n**Example** (`testvectors/%s`: %s; strings over 160 characters shortened)\n\n", chosen.Path, chosen.Note)
	fmt.Fprintf(b, "```json\n%s\n```\n\nanswers\n\n```json\n%s\n```\n", pretty(t, chosen.Input), pretty(t, chosen.Want))
}

func pretty(t *testing.T, raw []byte) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&v))
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(shorten(v)))
	return strings.TrimSpace(out.String())
}

// shorten keeps the example readable: keys and long blobs (bodies, signatures) are
// cut to 160 characters.
func shorten(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = shorten(e)
		}
	case []any:
		for i, e := range x {
			x[i] = shorten(e)
		}
	case string:
		if r := []rune(x); len(r) > 160 {
			return string(r[:160]) + "…"
		}
	}
	return v
}

// errorCodes lists the error codes op's golden vectors answer, besides the
// common BAD_JSON, INPUT_TOO_LARGE and INTERNAL.
func errorCodes(op string, vs []testvectors.Vector) []string {
	seen := map[string]bool{}
	for _, v := range vs {
		if v.Op != op {
			continue
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		if json.Unmarshal(v.Want, &env) == nil && env.Error.Code != "" {
			switch env.Error.Code {
			case "BAD_JSON", "INPUT_TOO_LARGE", "INTERNAL":
			default:
				seen["`"+env.Error.Code+"`"] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}
