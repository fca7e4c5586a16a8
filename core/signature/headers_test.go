package signature_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/signature"
)

func TestNormalizeRequestTime(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"1764320400000", "1764320400000", true},
		{" 1764320400000 ", "1764320400000", true},
		{"2025-11-28T09:00:00Z", "1764320400000", true},
		{"2025-11-28T17:00:00+08:00", "1764320400000", true},
		{"2025-11-28T09:00:00.123Z", "1764320400123", true},
		{"2025-11-28T09:00:00", "", false},
		{"yesterday", "", false},
		{"", "", false},
		{"99999999999999999999", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := signature.NormalizeRequestTime(tc.in)
			if !tc.ok {
				requireReason(t, err, signature.ReasonBadTime, "request-time")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestHeadersAcceptStringsAndArrays(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     signature.Headers
		ok       bool
	}{
		{"strings", `{"client-id":"C","Signature":"s"}`, signature.Headers{"client-id": "C", "Signature": "s"}, true},
		{"http.Header", `{"Client-Id":["C"],"Request-Time":["1"]}`, signature.Headers{"Client-Id": "C", "Request-Time": "1"}, true},
		{"repeated values combine", `{"Client-Id":["C","D"]}`, signature.Headers{"Client-Id": "C, D"}, true},
		{"empty array", `{"Client-Id":[]}`, signature.Headers{"Client-Id": ""}, true},
		{"null", `null`, nil, true},
		{"number", `{"Client-Id":1}`, nil, false},
		{"array of numbers", `{"Client-Id":[1]}`, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h signature.Headers
			err := json.Unmarshal([]byte(tc.in), &h)
			if !tc.ok {
				require.Error(t, err)
				require.NotContains(t, err.Error(), "1")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, h)
		})
	}
}

func TestPathProblem(t *testing.T) {
	require.Empty(t, signature.PathProblem("/antom/notify"))
	require.Empty(t, signature.PathProblem(""))
	require.Contains(t, signature.PathProblem("https://shop.example/antom/notify?a=1"), `"/antom/notify"`)
	require.Contains(t, signature.PathProblem("https://shop.example"), `"/"`)
	require.Contains(t, signature.PathProblem("antom/notify"), `start with "/"`)
}
