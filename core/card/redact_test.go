package card

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMaskLengths(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{12, "********9012"},
		{13, "123456***0123"},
		{14, "123456****1234"},
		{15, "123456*****2345"},
		{16, "123456******3456"},
		{17, "123456*******4567"},
		{18, "123456********5678"},
		{19, "123456*********6789"},
	}
	const digits = "1234567890123456789"
	for _, tt := range tests {
		p := PAN(digits[:tt.n])
		got := p.Mask()
		require.Equal(t, tt.want, got, "length %d", tt.n)
		require.Len(t, got, tt.n, "mask keeps the length")
		require.Equal(t, got, p.String())
		require.Equal(t, digits[tt.n-4:tt.n], p.Last4())
		require.Equal(t, "123456", p.BIN())
		hidden := strings.Count(got, "*")
		require.GreaterOrEqual(t, hidden, 3, "at least 3 digits hidden")
	}
	require.Equal(t, "411734******6383", PAN(seedVisa).Mask())
}

func TestMaskMalformed(t *testing.T) {
	for _, in := range []string{
		"4",
		"41173478061",          // 11 digits
		"41173478061563830000", // 20 digits
		"4117 3478 0615 6383",
		"4117-3478-0615-6383",
		"411734780615638x",
		"４117347806156383",
		strings.Repeat("4", 1000),
	} {
		p := PAN(in)
		require.Equal(t, "[REDACTED]", p.Mask(), "Mask(%d bytes)", len(in))
		require.Equal(t, "", p.Last4())
		require.Equal(t, "", p.BIN())
	}
	require.Equal(t, "", PAN("").Mask())
	require.Equal(t, "", PAN("").Last4())
}

func TestCVVRedaction(t *testing.T) {
	require.Equal(t, "***", CVV("737").String())
	require.Equal(t, "***", CVV("7373").String())
	require.Equal(t, "", CVV("").String())
	require.Equal(t, `card.CVV("***")`, CVV("737").GoString())
	require.Equal(t, `card.CVV("")`, CVV("").GoString())
	require.Equal(t, slog.StringValue("***"), CVV("737").LogValue())
}

func TestPANGoString(t *testing.T) {
	require.Equal(t, `card.PAN("411734******6383")`, PAN(seedVisa).GoString())
	require.Equal(t, `card.PAN("411734******6383")`, fmt.Sprintf("%#v", PAN(seedVisa)))
	require.Equal(t, `card.CVV("***")`, fmt.Sprintf("%#v", CVV("737")))
}

// allVerbs formats v with every verb and flag combination people use.
func allVerbs(v any) string {
	return fmt.Sprintf("%v|%+v|%#v|%s|%q|%x|%X|% x|%d|%20v|%-20s|%.3s|%T|%[1]v",
		v, v, v, v, v, v, v, v, v, v, v, v, v) +
		fmt.Sprintf(extraArgFormat, v)
}

// extraArgFormat has no verb, so fmt reports the argument as
// %!(EXTRA card.PAN=...), which must still go through Format. It is a
// variable so that vet does not flag the deliberate misuse.
var extraArgFormat = "extra:"

func TestFormatRedactsDirectValues(t *testing.T) {
	const cvv = "8531"
	pan := PAN(seedVisa)
	p := &pan
	c := CVV(cvv)
	for _, v := range []any{pan, p, c, &c} {
		out := allVerbs(v)
		require.NotContains(t, out, seedVisa)
		require.NotContains(t, out, seedVisa[6:12], "hidden middle digits")
		require.NotContains(t, out, hex.EncodeToString([]byte(seedVisa)))
		require.NotContains(t, out, strings.ToUpper(hex.EncodeToString([]byte(seedVisa))))
		require.NotContains(t, out, cvv)
		require.NotContains(t, out, hex.EncodeToString([]byte(cvv)))
	}
	require.Equal(t, "411734******6383", fmt.Sprintf("%v", pan))
	require.Equal(t, "411734******6383", fmt.Sprintf("%s", p))
	require.Equal(t, `"411734******6383"`, fmt.Sprintf("%q", pan))
	require.Equal(t, "    411734******6383", fmt.Sprintf("%20v", pan))
	require.Equal(t, hex.EncodeToString([]byte("411734******6383")), fmt.Sprintf("%x", pan))
	require.Equal(t, "***", fmt.Sprint(c))
	require.Equal(t, "411734******6383 ***", fmt.Sprintln(pan, c)[:20])
	require.Equal(t, "pan=411734******6383", "pan="+pan.String())
}

func TestFormatNilPointer(t *testing.T) {
	require.Equal(t, "<nil>", fmt.Sprint((*PAN)(nil)))
	require.Equal(t, "<nil>", fmt.Sprint((*CVV)(nil)))
}

type request struct {
	CardNo   PAN               `json:"cardNo"`
	CVV      CVV               `json:"cvv"`
	Ptr      *PAN              `json:"ptr"`
	Many     []PAN             `json:"many"`
	ByName   map[string]PAN    `json:"byName"`
	Nested   struct{ Pan PAN } `json:"nested"`
	Iface    any               `json:"iface"`
	Expiry   Expiry            `json:"-"`
	Holder   string            `json:"holder"`
	Brand    Brand             `json:"brand"`
	Elements [2]CVV            `json:"elements"`
}

func newRequest(t *testing.T, pan, cvv string) request {
	p := PAN(pan)
	r := request{
		CardNo:   p,
		CVV:      CVV(cvv),
		Ptr:      &p,
		Many:     []PAN{p, p},
		ByName:   map[string]PAN{"a": p},
		Iface:    p,
		Expiry:   mustExpiry(t, "12", "29"),
		Holder:   "JANE DOE",
		Brand:    Detect(pan),
		Elements: [2]CVV{CVV(cvv), CVV(cvv)},
	}
	r.Nested.Pan = p
	return r
}

func TestFormatRedactsStructs(t *testing.T) {
	const cvv = "8531"
	r := newRequest(t, seedVisa, cvv)
	for _, v := range []any{r, &r, []request{r}, map[string]request{"r": r}} {
		out := fmt.Sprintf("%v %+v %#v %s %q", v, v, v, v, v)
		require.NotContains(t, out, seedVisa)
		require.NotContains(t, out, seedVisa[6:12])
		require.NotContains(t, out, cvv)
		require.Contains(t, out, "411734******6383")
	}
}

// TestPercentPCaveat pins the other documented limitation: fmt handles %p
// before it looks for a Formatter, so %p on a non-pointer PAN (a misuse that
// go vet's printf check reports) prints the raw string. On a *PAN it prints
// the address, which is harmless.
func TestPercentPCaveat(t *testing.T) {
	pan := PAN(seedVisa)
	verb := "%p"
	require.Contains(t, fmt.Sprintf(verb, pan), seedVisa)
	require.NotContains(t, fmt.Sprintf(verb, &pan), seedVisa)
}

// TestUnexportedFieldCaveat pins the documented limitation: fmt cannot call
// methods on unexported fields, so a PAN kept in one prints in clear.
func TestUnexportedFieldCaveat(t *testing.T) {
	v := struct{ pan PAN }{PAN(seedVisa)}
	require.Contains(t, fmt.Sprintf("%v", v), seedVisa)
}

func TestJSONKeepsRealValues(t *testing.T) {
	out, err := json.Marshal(struct {
		N PAN
		C CVV
	}{PAN(seedVisa), CVV("737")})
	require.NoError(t, err)
	require.Equal(t, `{"N":"4117347806156383","C":"737"}`, string(out))

	r := newRequest(t, seedVisa, "737")
	out, err = json.Marshal(r)
	require.NoError(t, err)
	require.Contains(t, string(out), `"cardNo":"4117347806156383"`)
	require.Contains(t, string(out), `"cvv":"737"`)
	require.Contains(t, string(out), `"ptr":"4117347806156383"`)
	require.Contains(t, string(out), `"iface":"4117347806156383"`)
	require.Contains(t, string(out), `"brand":"VISA"`)

	var back request
	require.NoError(t, json.Unmarshal(out, &back))
	require.Equal(t, PAN(seedVisa), back.CardNo)
	require.Equal(t, CVV("737"), back.CVV)

	// Guard the design: adding a marshaller would silently break requests.
	var pan any = PAN(seedVisa)
	_, isJSON := pan.(json.Marshaler)
	_, isText := pan.(interface{ MarshalText() ([]byte, error) })
	require.False(t, isJSON)
	require.False(t, isText)
	var cvv any = CVV("737")
	_, isJSON = cvv.(json.Marshaler)
	_, isText = cvv.(interface{ MarshalText() ([]byte, error) })
	require.False(t, isJSON)
	require.False(t, isText)
}

func TestSlogRedacts(t *testing.T) {
	const cvv = "8531"
	pan := PAN(seedVisa)
	for name, mk := range map[string]func(*bytes.Buffer) slog.Handler{
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			log := slog.New(mk(&buf))
			log.Info("pay",
				slog.Any("pan", pan),
				slog.Any("panPtr", &pan),
				slog.Any("cvv", CVV(cvv)),
				"bare", pan,
				slog.Group("card", slog.Any("pan", pan), slog.Any("cvv", CVV(cvv))),
			)
			log.With("pan", pan).Info("with")
			out := buf.String()
			require.NotContains(t, out, seedVisa)
			require.NotContains(t, out, cvv)
			require.Contains(t, out, "411734******6383")
			require.Contains(t, out, "***")
		})
	}
}

// TestSlogStructCaveat pins the documented limitation: slog's JSONHandler
// encodes a struct with encoding/json, which (by design) emits the real PAN,
// whereas the TextHandler formats it with %+v and redacts.
func TestSlogStructCaveat(t *testing.T) {
	r := newRequest(t, seedVisa, "8531")
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("req", "req", r)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("req", "req", r)
	require.NotContains(t, text.String(), seedVisa)
	require.NotContains(t, text.String(), "8531")
	require.Contains(t, js.String(), seedVisa, "JSONHandler leaks structs: log the PAN itself")
}

func TestMaskAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _ = PAN(seedVisa).Mask() })
	require.LessOrEqual(t, allocs, 1.0)
}
