package signature

import (
	"crypto/sha256"
	"strings"
)

// SandboxClientIDPrefix marks a sandbox client id. Sandbox clients send to,
// and sign, /ams/sandbox/api/... instead of /ams/api/... .
const SandboxClientIDPrefix = "SANDBOX_"

// ContentType is the Content-Type Antom expects on signed requests.
const ContentType = "application/json; charset=UTF-8"

const (
	livePrefix    = "/ams/api/"
	sandboxPrefix = "/ams/sandbox/api/"
)

// ContentToSign returns the exact bytes Antom signs:
//
//	<method> <path>\n<clientID>.<timeStr>.<body>
//
// timeStr is used verbatim (epoch milliseconds for current Antom APIs; older
// documents show ISO-8601 – it is an opaque string here). body is used
// exactly as sent on the wire; it is not re-encoded or trimmed.
func ContentToSign(method, path, clientID, timeStr string, body []byte) []byte {
	n := len(method) + 1 + len(path) + 1 + len(clientID) + 1 + len(timeStr) + 1 + len(body)
	return appendContent(make([]byte, 0, n), method, path, clientID, timeStr, body)
}

// appendContent appends the content to sign to b.
func appendContent(b []byte, method, path, clientID, timeStr string, body []byte) []byte {
	b = append(b, method...)
	b = append(b, ' ')
	b = append(b, path...)
	b = append(b, '\n')
	b = append(b, clientID...)
	b = append(b, '.')
	b = append(b, timeStr...)
	b = append(b, '.')
	b = append(b, body...)
	return b
}

// digest returns SHA-256(ContentToSign(...)). Small contents are assembled
// in a stack buffer so that hashing does not allocate.
func digest(method, path, clientID, timeStr string, body []byte) [sha256.Size]byte {
	var buf [1024]byte
	return sha256.Sum256(appendContent(buf[:0], method, path, clientID, timeStr, body))
}

// IsSandboxClientID reports whether clientID is a sandbox client id (it
// starts with "SANDBOX_", case-sensitively, as Antom issues them).
func IsSandboxClientID(clientID string) bool {
	return strings.HasPrefix(clientID, SandboxClientIDPrefix)
}

// SandboxPath returns path rewritten for clientID: for a sandbox client id a
// path starting with "/ams/api/" becomes "/ams/sandbox/api/..."; every other
// path, and every path of a live client id, is returned unchanged. The
// rewritten path is both the URL path to call and the path to sign.
func SandboxPath(clientID, path string) string {
	if IsSandboxClientID(clientID) && strings.HasPrefix(path, livePrefix) {
		return sandboxPrefix + path[len(livePrefix):]
	}
	return path
}

// APIPath returns the request path (to call and to sign) of an Antom API for
// clientID. api is one of:
//
//   - a payments API name such as "pay", "capture", "cancel",
//     "inquiryPayment", "refund", "inquiryRefund", "consult" or
//     "createPaymentSession": APIPath("X", "pay") is
//     "/ams/api/v1/payments/pay", and for a sandbox client id
//     "/ams/sandbox/api/v1/payments/pay";
//   - a path relative to /ams/api/ containing '/', e.g.
//     "v1/vaults/vaultPaymentMethod" → "/ams/api/v1/vaults/vaultPaymentMethod";
//   - an absolute path starting with '/', which is passed through
//     [SandboxPath].
func APIPath(clientID, api string) string {
	var p string
	switch {
	case strings.HasPrefix(api, "/"):
		p = api
	case strings.Contains(api, "/"):
		p = livePrefix + api
	default:
		p = livePrefix + "v1/payments/" + api
	}
	return SandboxPath(clientID, p)
}
