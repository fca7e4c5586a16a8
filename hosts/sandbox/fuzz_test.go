package sandbox

import (
	"encoding/json"
	"regexp"
	"testing"
)

// FuzzParseFault: any header value gives a fault or an error, never a panic,
// and a parsed fault survives its own String form.
func FuzzParseFault(f *testing.F) {
	for _, s := range []string{"delay=12s", "drop; notify=early", "api=pay,id=PAY_*,times=2,status=503", "notify=reverse", "", "explode", "delay=-1s", ";;,="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fault, err := ParseFault(s)
		if err != nil {
			return
		}
		back, err := ParseFault(fault.String())
		if err != nil || back != fault {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, fault, fault.String(), back, err)
		}
	})
}

var (
	cardRun = regexp.MustCompile(`\d{12,19}`)
	longRun = regexp.MustCompile(`\d{20,}`) // identifiers, not card numbers
)

// FuzzMaskedBody: whatever a body holds, the log form is JSON and carries no
// unmasked run of 12 to 19 digits from a value.
func FuzzMaskedBody(f *testing.F) {
	for _, s := range []string{
		`{"paymentMethod":{"paymentMethodMetaData":{"cardNo":"4054695723100768","cvv":"123"}}}`,
		`[4054695723100768, "5162 7741 1497 4622", {"x":"4035-5010-0000-0008"}]`,
		`4054695723100768`, `"4054695723100768"`, `{"a":`, `{"orderDescription":"card 4054695723100768 please"}`, ``, `{"paymentId":"20261202194010800100000000001"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		out := maskedBody(body)
		if !json.Valid(out) {
			t.Fatalf("not JSON: %s", out)
		}
		var v any
		if json.Unmarshal(out, &v) != nil {
			t.Fatal("undecodable")
		}
		var walk func(any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				for _, c := range x {
					walk(c)
				}
			case []any:
				for _, c := range x {
					walk(c)
				}
			case string:
				if m := cardRun.FindString(x); m != "" && len(m) <= 19 && !longRun.MatchString(x) {
					t.Fatalf("unmasked digits %s in %s", m, out)
				}
			case float64:
				if b, _ := json.Marshal(x); cardRun.Match(b) {
					t.Fatalf("unmasked number in %s", out)
				}
			}
		}
		walk(v)
	})
}
