package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// envelopeCode decodes an error envelope and returns its code and reason.
func envelopeCode(t *testing.T, body []byte) (code, reason string) {
	t.Helper()
	var env struct {
		OK    *bool `json:"ok"`
		Error struct {
			Code    string `json:"code"`
			Reason  string `json:"reason"`
			Message string `json:"message"`
		} `json:"error"`
	}
	require.NoError(t, json.Unmarshal(body, &env), string(body))
	require.NotNil(t, env.OK, string(body))
	require.False(t, *env.OK, string(body))
	require.NotEmpty(t, env.Error.Message, string(body))
	return env.Error.Code, env.Error.Reason
}

// TestBadRequests sends malformed requests over loopback on each engine: each gets
// its status and an error envelope, and the server goes on serving.
func TestBadRequests(t *testing.T) {
	deep := []byte(`{"request":` + strings.Repeat("[", 100_000) + `}`)
	big := bytes.Repeat([]byte(" "), 2<<20)
	for name, engine := range engines(t) {
		t.Run(name, func(t *testing.T) {
			l, _ := start(t, engine, Config{EngineName: name, ReadHeaderTimeout: 300 * time.Millisecond})
			for _, tc := range []struct {
				name, method, path, contentType string
				body                            []byte
				status                          int
				code, reason                    string
			}{
				{"GET on an op", "GET", "/v1/ops/core.info", "", nil, 405, "BAD_INPUT", "method_not_allowed"},
				{"PUT on an op", "PUT", "/v1/ops/core.info", "application/json", []byte("{}"), 405, "BAD_INPUT", "method_not_allowed"},
				{"DELETE on the list", "DELETE", "/v1/ops", "", nil, 405, "BAD_INPUT", "method_not_allowed"},
				{"text content type", "POST", "/v1/ops/core.info", "text/plain", []byte("{}"), 415, "BAD_INPUT", "unsupported_media_type"},
				{"form content type (curl -d)", "POST", "/v1/ops/core.info", "application/x-www-form-urlencoded", []byte("{}"), 415, "BAD_INPUT", "unsupported_media_type"},
				{"no content type", "POST", "/v1/ops/core.info", "", []byte("{}"), 415, "BAD_INPUT", "unsupported_media_type"},
				{"malformed JSON at depth", "POST", "/v1/ops/pay.validate", "application/json", deep, 400, "BAD_JSON", ""},
				{"truncated JSON", "POST", "/v1/ops/pay.validate", "application/json", []byte(`{"request":{"order":{"orderAmount":{"value":"1"`), 400, "BAD_JSON", ""},
				{"2 MiB body", "POST", "/v1/ops/pay.validate", "application/json", big, 413, "INPUT_TOO_LARGE", ""},
				{"unknown op", "POST", "/v1/ops/pay.pay", "application/json", []byte("{}"), 404, "UNKNOWN_OP", ""},
				{"card number as op", "POST", "/v1/ops/4111111111111111", "application/json", []byte("{}"), 404, "UNKNOWN_OP", ""},
				{"empty body", "POST", "/v1/ops/pay.validate", "application/json", nil, 400, "BAD_JSON", ""},
				{"unknown path", "GET", "/v2/nothing", "", nil, 404, "BAD_INPUT", "not_found"},
				{"wrong input shape", "POST", "/v1/ops/core.info", "application/json; charset=utf-8", []byte(`{"x":1}`), 422, "BAD_INPUT", ""},
			} {
				status, body, hdr := l.do(t, tc.method, tc.path, tc.contentType, tc.body)
				require.Equal(t, tc.status, status, "%s: %s", tc.name, body)
				code, reason := envelopeCode(t, body)
				require.Equal(t, tc.code, code, tc.name)
				require.Equal(t, tc.reason, reason, tc.name)
				if status == 405 {
					require.NotEmpty(t, hdr.Get("Allow"), tc.name)
				}
			}

			// A declared body over the limit is refused before any of it is sent.
			resp := rawRequest(t, l.addr, "POST /v1/ops/pay.validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "+
				strconv.Itoa(2<<20)+"\r\n\r\n{", 5*time.Second)
			require.True(t, strings.HasPrefix(resp, "HTTP/1.1 413 "), resp)
			require.Contains(t, resp, `"code":"INPUT_TOO_LARGE"`)

			// A 2 MiB chunked body (no length) is cut at the limit. Raw, because the
			// server answers while the client is still sending.
			conn, err := net.Dial("tcp", l.addr)
			require.NoError(t, err)
			go func() {
				_, _ = io.WriteString(conn, "POST /v1/ops/pay.validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
				chunk := fmt.Sprintf("%x\r\n%s\r\n", 64<<10, bytes.Repeat([]byte(" "), 64<<10))
				for range 32 {
					if _, err := io.WriteString(conn, chunk); err != nil {
						return // the server has answered and closed
					}
				}
			}()
			require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			out, _ := io.ReadAll(res.Body)
			conn.Close()
			require.Equal(t, 413, res.StatusCode, string(out))
			code, _ := envelopeCode(t, out)
			require.Equal(t, "INPUT_TOO_LARGE", code)

			// Slow headers: the connection is closed at ReadHeaderTimeout, unanswered.
			began := time.Now()
			resp = rawRequest(t, l.addr, "POST /v1/ops/core.info HTTP/1.1\r\nHost: x\r\n", 5*time.Second)
			require.Empty(t, resp)
			require.Less(t, time.Since(began), 4*time.Second)

			// Headers over MaxHeaderBytes get 431.
			resp = rawRequest(t, l.addr, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: "+strings.Repeat("a", 128<<10)+"\r\n\r\n", 5*time.Second)
			require.True(t, strings.HasPrefix(resp, "HTTP/1.1 431 "), resp[:min(len(resp), 80)])

			// Still serving, and no request was logged with the card number used as op.
			status, body, _ := l.post(t, "/v1/ops/core.info", []byte("{}"))
			require.Equal(t, 200, status, string(body))
			require.NotContains(t, l.logs.String(), "4111111111111111")
			checkLogLines(t, l.logs.String())
		})
	}
}

func TestRequestID(t *testing.T) {
	l, _ := start(t, nativeEngine(), Config{})
	for _, tc := range []struct {
		sent string
		kept bool
	}{
		{"req-42.abc:1_X", true},
		{"f47ac10b-58cc-4372-a567-0e02b2c3d479", true},
		{"550e8400-e29b-41d4-a716-446655440000", false}, // 12 digits in a row: replaced
		{"", false},
		{"4111111111111111", false},         // a card number is never logged
		{"card 4111 1111 1111 1111", false}, // nor anything outside the token alphabet
		{strings.Repeat("a", 129), false},   // nor an over-long id
		{"id-with-ünïcode", false},
	} {
		req, err := http.NewRequest("GET", l.url+"/healthz", nil)
		require.NoError(t, err)
		if tc.sent != "" {
			req.Header.Set(RequestIDHeader, tc.sent)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		got := resp.Header.Get(RequestIDHeader)
		if tc.kept {
			require.Equal(t, tc.sent, got)
		} else {
			require.Regexp(t, mintedID, got, tc.sent)
		}
		require.Contains(t, l.logs.String(), `"request_id":"`+got+`"`)
	}
	require.NotContains(t, l.logs.String(), "4111")
}
