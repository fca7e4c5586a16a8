package server

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/card"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/testvectors"
)

// TestGoldenVectorsOverHTTP serves every golden vector over a loopback listener on
// each engine: the body is the native engine's envelope byte for byte, the status
// is StatusFor's, and the logs of all those requests hold nothing but the fields the
// server logs, with values from closed sets (no card data, keys or bodies).
func TestGoldenVectorsOverHTTP(t *testing.T) {
	vs, err := testvectors.Load(testvectors.Dir())
	require.NoError(t, err)
	require.NotEmpty(t, vs)
	for name, engine := range engines(t) {
		t.Run(name, func(t *testing.T) {
			l, _ := start(t, engine, Config{EngineName: name})
			var pans []string
			for _, v := range vs {
				input, err := v.InputBytes()
				require.NoError(t, err)
				pans = append(pans, cardNumbersIn(input)...)
				want := core.Handle(v.Op, input)
				status, got, hdr := l.post(t, "/v1/ops/"+url.PathEscape(v.Op), input)
				require.Equal(t, string(want), string(got), v.Path)
				wantStatus, _ := StatusFor(want)
				require.Equal(t, wantStatus, status, v.Path)
				require.Equal(t, "application/json", hdr.Get("Content-Type"))
				require.NotEmpty(t, hdr.Get(RequestIDHeader))
			}
			require.Greater(t, len(pans), 50, "too few vectors carry card numbers to make the log scan meaningful")
			// A large answer reaches the client before its handler returns and logs.
			require.Eventually(t, func() bool {
				return strings.Count(l.logs.String(), `"msg":"request"`) >= len(vs)
			}, 10*time.Second, 10*time.Millisecond)
			logs := l.logs.String()
			require.GreaterOrEqual(t, checkLogLines(t, logs), len(vs))
			for _, pan := range pans {
				require.NotContains(t, logs, pan)
				require.NotContains(t, logs, card.PAN(pan).Mask())
			}
		})
	}
}

var (
	logKeys   = []string{"time", "level", "msg", "request_id", "method", "route", "status", "duration_ms", "bytes_in", "bytes_out", "op", "code", "panic"}
	mintedID  = regexp.MustCompile(`^[A-Z2-7]{16}-[0-9]{1,11}$`)
	digitRun  = regexp.MustCompile(`[0-9]{12,}`)
	logLevels = []string{"INFO", "WARN", "ERROR"}
)

// checkLogLines parses every request log line and requires each key to be one the
// server writes, each string value to come from a closed set, and returns the
// number of request lines.
func checkLogLines(t *testing.T, logs string) int {
	t.Helper()
	codes := []string{"ok"}
	for _, c := range problem.Codes() {
		codes = append(codes, string(c))
	}
	n := 0
	sc := bufio.NewScanner(strings.NewReader(logs))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		require.Falsef(t, digitRun.MatchString(line), "a run of 12+ digits in a log line: %s", line)
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
		if rec["msg"] != "request" {
			continue
		}
		n++
		for k, v := range rec {
			require.Containsf(t, logKeys, k, "unexpected log key %q in %s", k, line)
			s, isString := v.(string)
			if !isString {
				continue
			}
			switch k {
			case "level":
				require.Contains(t, logLevels, s)
			case "request_id":
				require.Regexp(t, mintedID, s)
			case "method":
				require.Contains(t, []string{"GET", "POST", "PUT", "DELETE", "OTHER"}, s)
			case "op":
				require.Contains(t, core.Ops(), s)
			case "code":
				require.Contains(t, codes, s)
			case "route":
				require.True(t, s == "unmatched" || strings.Contains(s, " /"), s)
			case "msg", "time":
			default:
				t.Fatalf("string value for %q in %s", k, line)
			}
		}
	}
	return n
}

var panLike = regexp.MustCompile(`\d(?:[ -]?\d){11,18}`)

// cardNumbersIn returns the Luhn-valid card numbers of 13 to 19 digits in input,
// without separators.
func cardNumbersIn(input []byte) []string {
	var out []string
	for _, m := range panLike.FindAll(input, -1) {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(string(m))
		if len(digits) >= 13 && card.Luhn(digits) {
			out = append(out, digits)
		}
	}
	return out
}

func TestStatusFor(t *testing.T) {
	for _, tc := range []struct {
		envelope string
		status   int
		code     string
	}{
		{`{"ok":true,"result":{}}`, http.StatusOK, "ok"},
		{`{"ok":false,"error":{"code":"BAD_JSON","message":"x"}}`, http.StatusBadRequest, "BAD_JSON"},
		{`{"ok":false,"error":{"code":"UNKNOWN_OP","message":"x"}}`, http.StatusNotFound, "UNKNOWN_OP"},
		{`{"ok":false,"error":{"code":"INPUT_TOO_LARGE","message":"x"}}`, http.StatusRequestEntityTooLarge, "INPUT_TOO_LARGE"},
		{`{"ok":false,"error":{"code":"VALIDATION_FAILED","message":"x"}}`, http.StatusUnprocessableEntity, "VALIDATION_FAILED"},
		{`{"ok":false,"error":{"code":"BAD_INPUT","message":"x"}}`, http.StatusUnprocessableEntity, "BAD_INPUT"},
		{`{"ok":false,"error":{"code":"BAD_SIGNATURE","message":"x"}}`, http.StatusUnprocessableEntity, "BAD_SIGNATURE"},
		{`{"ok":false,"error":{"code":"BAD_KEY","message":"x"}}`, http.StatusUnprocessableEntity, "BAD_KEY"},
		{`{"ok":false,"error":{"code":"INTERNAL","message":"x"}}`, http.StatusInternalServerError, "INTERNAL"},
		{`{"ok":false,"error":{"code":"SOMETHING_NEW","message":"x"}}`, http.StatusInternalServerError, "INTERNAL"},
		{`{ "ok": false, "error": {"message": "x", "code": "BAD_KEY"}}`, http.StatusUnprocessableEntity, "BAD_KEY"},
		{`{ "ok": true }`, http.StatusOK, "ok"},
		{`not json`, http.StatusInternalServerError, "INTERNAL"},
		{`{}`, http.StatusInternalServerError, "INTERNAL"},
		{``, http.StatusInternalServerError, "INTERNAL"},
	} {
		status, code := StatusFor([]byte(tc.envelope))
		require.Equal(t, tc.status, status, tc.envelope)
		require.Equal(t, tc.code, code, tc.envelope)
	}
	// Every closed code has its status.
	for _, c := range problem.Codes() {
		_, code := StatusFor([]byte(`{"ok":false,"error":{"code":"` + string(c) + `","message":""}}`))
		require.Equal(t, string(c), code)
	}
	require.True(t, slices.Contains(problem.Codes(), problem.Internal))
}
