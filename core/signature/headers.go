package signature

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/paycore/paycore/core/problem"
)

// Headers are received HTTP headers, names in any case. In JSON each value is a
// string or, as Go's http.Header marshals, an array of strings; several values of
// one name are combined as HTTP combines them (joined with ", "), so a repeated
// client-id or signature header cannot verify by accident.
type Headers map[string]string

// UnmarshalJSON accepts {"name": "value"} and {"name": ["value", ...]}.
func (h *Headers) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if raw == nil {
		*h = nil
		return nil
	}
	out := make(Headers, len(raw))
	for name, v := range raw {
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			out[name] = s
			continue
		}
		var list []string
		if err := json.Unmarshal(v, &list); err != nil {
			return &problem.FieldError{Field: name, Message: "a header value must be a string or an array of strings"}
		}
		out[name] = strings.Join(list, ", ")
	}
	*h = out
	return nil
}

// NormalizeRequestTime returns the Request-Time value to send and sign: epoch
// milliseconds, the form Antom's SDKs send. It accepts epoch milliseconds as
// decimal digits (returned unchanged) or an RFC 3339 timestamp with a zone
// offset (converted). Anything else is ReasonBadTime.
func NormalizeRequestTime(s string) (string, error) {
	t := trimOWS(s)
	if allDigits(t) {
		if _, err := strconv.ParseInt(t, 10, 64); err != nil {
			return "", newErr(ReasonBadTime, "request-time", "epoch milliseconds out of range")
		}
		return t, nil
	}
	tm, err := time.Parse(time.RFC3339Nano, t)
	if err != nil {
		return "", newErr(ReasonBadTime, "request-time", "the request time must be epoch milliseconds (as Antom's SDKs send it) or an RFC 3339 timestamp with a zone offset")
	}
	return strconv.FormatInt(tm.UnixMilli(), 10), nil
}

// PathProblem says why a notify path cannot be what Antom signed: Antom signs the
// path of your notify URL ("/antom/notify"), never the scheme, host or query. It
// returns "" for a plausible path.
func PathProblem(path string) string {
	if i := strings.Index(path, "://"); i >= 0 {
		rest := path[i+3:]
		p := "/"
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			p = rest[j:]
		}
		if k := strings.IndexAny(p, "?#"); k >= 0 {
			p = p[:k]
		}
		return "path is a full URL; Antom signs only the path of your notify URL (here " + strconv.Quote(p) + ")"
	}
	if path != "" && path[0] != '/' {
		return "path must start with \"/\": it is the path of your notify URL, as Antom signed it"
	}
	return ""
}
