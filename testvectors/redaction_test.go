package testvectors

import (
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/card"
)

var panLike = regexp.MustCompile(`\d(?:[ -]?\d){11,18}`)

// TestNoCardDataInOutput plays every vector and checks that no card number, CVV or
// private key from the input appears in the output, except in the body of a built
// request, which must carry the card.
func TestNoCardDataInOutput(t *testing.T) {
	vs, err := Load(Dir())
	require.NoError(t, err)
	checked := 0
	for _, v := range vs {
		input, err := v.InputBytes()
		require.NoError(t, err)
		secrets := secretsIn(input)
		if len(secrets) == 0 {
			continue
		}
		out := stripBuiltBody(core.Handle(v.Op, input))
		for _, s := range secrets {
			require.NotContains(t, string(out), s, "%s: output leaks input secret", v.Path)
		}
		checked++
	}
	require.Greater(t, checked, 50, "too few vectors carry card data to make this test meaningful")
}

// secretsIn collects card numbers (as sent and without separators), CVVs of three
// or more characters, and private key fragments from a vector input.
func secretsIn(input []byte) []string {
	var out []string
	for _, m := range panLike.FindAll(input, -1) {
		if digits := strings.NewReplacer(" ", "", "-", "").Replace(string(m)); card.Luhn(digits) && len(digits) >= 13 {
			out = append(out, string(m), digits)
		}
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(k, c)
			}
		case []any:
			for _, c := range x {
				walk(key, c)
			}
		case float64:
			if key == "cardNo" || key == "number" {
				out = append(out, strconv.FormatFloat(x, 'f', -1, 64))
			}
		case string:
			switch {
			case key == "cardNo" || key == "number":
				if len(x) >= 6 {
					out = append(out, x)
				}
			case (key == "cvv") && len(x) >= 3:
				out = append(out, `"`+x+`"`)
			case key == "privateKey" && len(x) > 60:
				for i := 30; i+24 < len(x); i += 97 {
					out = append(out, x[i:i+24])
				}
			}
		}
	}
	var doc any
	if json.Unmarshal(input, &doc) == nil {
		walk("", doc)
	}
	return out
}

// stripBuiltBody removes result.body and result.contentToSign (the request to
// send, which must carry the card) from an envelope.
func stripBuiltBody(out []byte) []byte {
	var env map[string]any
	if json.Unmarshal(out, &env) != nil {
		return out
	}
	if r, ok := env["result"].(map[string]any); ok {
		delete(r, "body")
		delete(r, "contentToSign")
	}
	b, _ := json.Marshal(env)
	return b
}

// Injected secrets: test card numbers as a user may paste them, and CVVs.
var injectedPANs = []string{"4117347806156383", "4117 3478 0615 6383", "5555-5555-5555-4444", "378282246310005", "6011000990139424"}
var injectedCVVs = []string{"850", "7373"}

// outputVerbatim is where an output may carry what the input gave, unredacted: the
// request a build op returns (which must carry the card), a signature, the state
// payment.apply hands back, and identifiers, amounts, times and URLs at any depth.
var outputVerbatim = map[string]map[string]bool{
	"pay.build": {"body": true, "contentToSign": true, "headers": true}, "capture.build": {"body": true, "contentToSign": true, "headers": true},
	"cancel.build": {"body": true, "contentToSign": true, "headers": true}, "inquiry.build": {"body": true, "contentToSign": true, "headers": true},
	"refund.build": {"body": true, "contentToSign": true, "headers": true}, "consult.build": {"body": true, "contentToSign": true, "headers": true},
	"notification.sign": {"body": true, "headers": true}, "signature.sign": {"contentToSign": true, "signature": true},
	"payment.apply": {"state": true},
}

var outputVerbatimKeys = map[string]bool{
	"paymentRequestId": true, "paymentId": true, "captureRequestId": true, "captureId": true, "refundRequestId": true,
	"refundId": true, "orderId": true, "dedupeKey": true, "cardToken": true, "networkTransactionId": true, "value": true,
	"url": true, "parameters": true, "requestTime": true, "authExpiryTime": true, "after": true, "before": true,
}

// echoed returns every string of an envelope (object keys included) outside the
// verbatim places, joined by newlines.
func echoed(op string, out []byte) string {
	var env any
	if json.Unmarshal(out, &env) != nil {
		return string(out)
	}
	var b strings.Builder
	var walk func(v any, depth int, inResult bool)
	walk = func(v any, depth int, inResult bool) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if outputVerbatimKeys[k] || depth == 1 && inResult && outputVerbatim[op][k] {
					continue
				}
				b.WriteString(k + "\n")
				walk(c, depth+1, inResult || depth == 0 && k == "result")
			}
		case []any:
			for _, c := range x {
				walk(c, depth, inResult)
			}
		case string:
			b.WriteString(x + "\n")
		}
	}
	walk(env, 0, false)
	return b.String()
}

// position is one string place of an input document: a value or an object key.
type position struct {
	path []any // map keys (string) and array indices (int) down to the place
	key  bool  // the key named by the last path element, not its value
}

func positions(v any, path []any, out *[]position) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := append(append([]any(nil), path...), k)
			*out = append(*out, position{path: p, key: true})
			positions(x[k], p, out)
		}
	case []any:
		for i, c := range x {
			positions(c, append(append([]any(nil), path...), i), out)
		}
	case string:
		*out = append(*out, position{path: path})
	}
}

// inject returns a copy of doc with secret put at p.
func inject(doc any, p position, secret string) any {
	var rec func(v any, i int) any
	rec = func(v any, i int) any {
		if i == len(p.path) {
			return secret
		}
		switch x := v.(type) {
		case map[string]any:
			k := p.path[i].(string)
			out := make(map[string]any, len(x))
			for kk, vv := range x {
				out[kk] = vv
			}
			if p.key && i == len(p.path)-1 {
				delete(out, k)
				out[secret] = x[k]
				return out
			}
			out[k] = rec(x[k], i+1)
			return out
		case []any:
			out := append([]any(nil), x...)
			j := p.path[i].(int)
			out[j] = rec(x[j], i+1)
			return out
		}
		return v
	}
	return rec(doc, 0)
}

// checkInjection injects secret at p of vector v's input and fails when the output
// echoes it anywhere but the verbatim places (and the original output did not).
func checkInjection(t testing.TB, v Vector, doc any, p position, secret string) {
	t.Helper()
	in, err := json.Marshal(inject(doc, p, secret))
	require.NoError(t, err)
	got := echoed(v.Op, core.Handle(v.Op, in))
	forms := []string{secret}
	if digits := strings.NewReplacer(" ", "", "-", "").Replace(secret); digits != secret {
		forms = append(forms, digits)
	}
	for _, s := range forms {
		if len(s) <= 4 { // a CVV: only a value of its own counts (amounts hold digits too)
			if containsToken(got, s) {
				orig, _ := v.InputBytes()
				require.True(t, containsToken(echoed(v.Op, core.Handle(v.Op, orig)), s),
					"%s: a CVV injected at %v (key %v) is echoed:\n%s", v.Path, p.path, p.key, got)
			}
			continue
		}
		require.NotContains(t, got, s, "%s: a card number injected at %v (key %v) is echoed", v.Path, p.path, p.key)
	}
}

// containsToken reports whether s holds tok not surrounded by other digits.
func containsToken(s, tok string) bool {
	for i := strings.Index(s, tok); i >= 0; {
		end := i + len(tok)
		if (i == 0 || s[i-1] < '0' || s[i-1] > '9') && (end == len(s) || s[end] < '0' || s[end] > '9') {
			return true
		}
		next := strings.Index(s[i+1:], tok)
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

func loadDocs(t testing.TB) ([]Vector, []any) {
	vs, err := Load(Dir())
	require.NoError(t, err)
	var keep []Vector
	var docs []any
	for _, v := range vs {
		if v.InputRaw {
			continue
		}
		in, err := v.InputBytes()
		require.NoError(t, err)
		var doc any
		if json.Unmarshal(in, &doc) != nil {
			continue
		}
		keep = append(keep, v)
		docs = append(docs, withoutKeys(doc))
	}
	return keep, docs
}

// withoutKeys drops private keys from signing inputs: a real RSA signature costs
// milliseconds, and key parsing and signing have their own fuzz targets. The body
// and the content to sign are built all the same.
func withoutKeys(doc any) any {
	if m, ok := doc.(map[string]any); ok {
		if s, ok := m["signing"].(map[string]any); ok {
			delete(s, "privateKey")
		}
	}
	return doc
}

// TestInjectionEveryPosition puts a card number into every string value and every
// key of every vector's input, and a CVV into every string value, one place at a
// time, and scans the whole output: nothing echoes it outside the verbatim places.
// (A CVV is three or four digits: as a key name it would be indistinguishable from
// an array index in a path, and as an amount it is a valid amount, which is stated.)
func TestInjectionEveryPosition(t *testing.T) {
	vs, docs := loadDocs(t)
	n := 0
	for i, v := range vs {
		var ps []position
		positions(docs[i], nil, &ps)
		for j, p := range ps {
			checkInjection(t, v, docs[i], p, injectedPANs[(i+j)%len(injectedPANs)])
			if cvvPlace(p) {
				checkInjection(t, v, docs[i], p, injectedCVVs[(i+j)%len(injectedCVVs)])
			}
			n++
		}
	}
	require.Greater(t, n, 5000)
	t.Logf("%d positions in %d vectors", n, len(vs))
}

// cvvPlace says whether a CVV injected at p must not come back: any string value
// but an amount or an identifier (three or four digits are a valid amount or id, and
// amounts and ids are stated where they conflict or mismatch).
func cvvPlace(p position) bool {
	if p.key || len(p.path) == 0 {
		return false
	}
	last, _ := p.path[len(p.path)-1].(string)
	return last != "value" && last != "major" && !strings.HasSuffix(last, "Id") && last != "id"
}

// FuzzInjection is TestInjectionEveryPosition with the vector, the place and the
// secret chosen by the fuzzer; every vector is a seed.
func FuzzInjection(f *testing.F) {
	vs, docs := loadDocs(f)
	for i := range vs {
		f.Add(uint16(i), uint16(0), uint8(i))
	}
	f.Fuzz(func(t *testing.T, vi, pi uint16, si uint8) {
		i := int(vi) % len(vs)
		var ps []position
		positions(docs[i], nil, &ps)
		if len(ps) == 0 {
			return
		}
		secrets := injectedPANs
		if cvvPlace(ps[int(pi)%len(ps)]) {
			secrets = append(append([]string(nil), injectedPANs...), injectedCVVs...)
		}
		checkInjection(t, vs[i], docs[i], ps[int(pi)%len(ps)], secrets[int(si)%len(secrets)])
	})
}
