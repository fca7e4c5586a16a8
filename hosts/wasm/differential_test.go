package wasm

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/testvectors"
)

// TestDifferential feeds the native and the wazero engine the same generated
// inputs (real and bogus op names; vector inputs, their mutations, random JSON,
// random bytes, oversized input) and requires byte-identical envelopes. The seed
// is logged; set PAYCORE_DIFF_SEED to replay a failure.
func TestDifferential(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("PAYCORE_DIFF_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("seed %d (PAYCORE_DIFF_SEED=%d to replay)", seed, seed)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := newGenerator(t, r)
	e := plain(t)
	n := 1500
	if testing.Short() {
		n = 300
	}
	for i := range n {
		op, input := g.op(), g.input()
		assertSame(t, e, op, input, "case "+strconv.Itoa(i))
	}
}

// FuzzEngines is the coverage-guided form of TestDifferential.
func FuzzEngines(f *testing.F) {
	vs, err := testvectors.Load(testvectors.Dir())
	if err != nil {
		f.Fatal(err)
	}
	for _, v := range vs {
		if in, err := v.InputBytes(); err == nil {
			f.Add(v.Op, in)
		}
	}
	plain(f) // build and compile here, before the fuzzing workers start
	f.Fuzz(func(t *testing.T, op string, input []byte) {
		assertSame(t, plain(t), op, input, "fuzz")
	})
}

type generator struct {
	r      *rand.Rand
	ops    []string
	inputs [][]byte
}

func newGenerator(t *testing.T, r *rand.Rand) *generator {
	vs, err := testvectors.Load(testvectors.Dir())
	if err != nil {
		t.Fatal(err)
	}
	g := &generator{r: r, ops: core.Ops()}
	for _, v := range vs {
		if in, err := v.InputBytes(); err == nil {
			g.inputs = append(g.inputs, in)
		}
	}
	return g
}

var oddOps = []string{"", "x", "core.", "CORE.INFO", "core.info ", " core.info", "core.info\x00",
	"pay.validate\n", "ünïcödé.op", "\xff\xfe", strings.Repeat("a.", 100), "core.info/../x"}

func (g *generator) op() string {
	if g.r.IntN(10) < 7 {
		return g.ops[g.r.IntN(len(g.ops))]
	}
	if g.r.IntN(2) == 0 {
		return oddOps[g.r.IntN(len(oddOps))]
	}
	b := make([]byte, g.r.IntN(40))
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return string(b)
}

func (g *generator) input() []byte {
	switch k := g.r.IntN(20); {
	case k < 8:
		return g.mutate(g.vector())
	case k < 12:
		return g.vector()
	case k < 15:
		return []byte(g.jsonValue(0))
	case k < 17:
		b := make([]byte, g.r.IntN(64))
		for i := range b {
			b[i] = byte(g.r.IntN(256))
		}
		return b
	case k < 18:
		return []byte(strings.Repeat(" ", g.r.IntN(3)))
	case k < 19:
		return []byte(`{"a":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`)
	default:
		return make([]byte, core.MaxInputBytes+g.r.IntN(3)) // at and over the limit
	}
}

func (g *generator) vector() []byte {
	return append([]byte(nil), g.inputs[g.r.IntN(len(g.inputs))]...)
}

func (g *generator) mutate(b []byte) []byte {
	for range 1 + g.r.IntN(3) {
		if len(b) == 0 {
			return b
		}
		i := g.r.IntN(len(b))
		switch g.r.IntN(6) {
		case 0: // flip a byte
			b[i] = byte(g.r.IntN(256))
		case 1: // truncate
			b = b[:i]
		case 2: // delete a span
			j := min(len(b), i+1+g.r.IntN(16))
			b = append(b[:i], b[j:]...)
		case 3: // insert a JSON token
			tok := []string{`null`, `""`, `0`, `-1e999`, `true`, `{}`, `[]`, `,`, `"\u0000"`, `"\ud800"`, `"4111111111111111"`}[g.r.IntN(11)]
			b = append(b[:i], append([]byte(tok), b[i:]...)...)
		case 4: // duplicate a span
			j := min(len(b), i+1+g.r.IntN(32))
			b = append(b[:j], append(append([]byte(nil), b[i:j]...), b[j:]...)...)
		case 5: // swap a digit
			if b[i] >= '0' && b[i] <= '9' {
				b[i] = byte('0' + g.r.IntN(10))
			}
		}
	}
	return b
}

func (g *generator) jsonValue(depth int) string {
	k := g.r.IntN(8)
	if depth > 3 {
		k %= 5
	}
	switch k {
	case 0:
		return "null"
	case 1:
		return strconv.FormatBool(g.r.IntN(2) == 0)
	case 2:
		return strconv.FormatFloat(g.r.NormFloat64()*1e6, 'g', -1, 64)
	case 3:
		return strconv.Quote([]string{"", "USD", "2026-01-02T03:04:05Z", "CARD", "é", "\x7f"}[g.r.IntN(6)])
	case 4:
		return strconv.Itoa(g.r.IntN(1 << 20))
	case 5, 6:
		keys := []string{"request", "now", "api", "response", "context", "state", "event", "x", "amount", "paymentMethod"}
		var sb strings.Builder
		sb.WriteByte('{')
		for i := range g.r.IntN(4) {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(strconv.Quote(keys[g.r.IntN(len(keys))]) + ":" + g.jsonValue(depth+1))
		}
		sb.WriteByte('}')
		return sb.String()
	default:
		var sb strings.Builder
		sb.WriteByte('[')
		for i := range g.r.IntN(4) {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(g.jsonValue(depth + 1))
		}
		sb.WriteByte(']')
		return sb.String()
	}
}
