package signature

import (
	"crypto"
	"crypto/rsa"
	"encoding/base64"
	"strconv"
	"strings"
)

// Algorithm is the only signature algorithm Antom uses: SHA-256 with RSA,
// PKCS#1 v1.5.
const Algorithm = "RSA256"

// DefaultKeyVersion is the keyVersion FormatHeader uses when given "".
const DefaultKeyVersion = "1"

// Header names, in the canonical case used on requests. Lookups in
// VerifyResponse, VerifyNotification and HeaderValue ignore case.
const (
	// HeaderClientID carries the client id (requests, responses and
	// notifications).
	HeaderClientID = "Client-Id"
	// HeaderRequestTime carries the signed time of requests and
	// notifications.
	HeaderRequestTime = "Request-Time"
	// HeaderResponseTime carries the signed time of responses.
	HeaderResponseTime = "Response-Time"
	// HeaderSignature carries "algorithm=RSA256,keyVersion=...,signature=...".
	HeaderSignature = "Signature"
	// HeaderContentType carries ContentType on requests.
	HeaderContentType = "Content-Type"
)

// Sign signs a request for Antom and returns the URL-encoded base64
// signature (the value of the signature= parameter; see EncodeSignature).
// requestTime is the Request-Time header value, normally epoch
// milliseconds; path is the exact request path, e.g. the result of
// APIPath. Signing is deterministic and uses no randomness.
func Sign(key *PrivateKey, method, path, clientID, requestTime string, body []byte) (string, error) {
	raw, err := signRaw(key, method, path, clientID, requestTime, body)
	if err != nil {
		return "", err
	}
	return EncodeSignature(raw), nil
}

func signRaw(key *PrivateKey, method, path, clientID, timeStr string, body []byte) ([]byte, error) {
	if key == nil || key.key == nil {
		return nil, badKey("nil private key")
	}
	d := digest(method, path, clientID, timeStr, body)
	sig, err := rsa.SignPKCS1v15(nil, key.key, crypto.SHA256, d[:])
	if err != nil {
		// crypto/rsa errors are fixed strings without key material, but we
		// do not rely on that: only the key size is reported.
		return nil, badKey("RSA signing failed with this RSA-" + strconv.Itoa(key.Bits()) + " key")
	}
	return sig, nil
}

// FormatHeader returns the Signature header value
// "algorithm=RSA256,keyVersion=<keyVersion>,signature=<encodedSig>".
// An empty keyVersion means DefaultKeyVersion ("1"). encodedSig is used as
// given (normally the result of Sign).
func FormatHeader(keyVersion, encodedSig string) string {
	if keyVersion == "" {
		keyVersion = DefaultKeyVersion
	}
	return "algorithm=" + Algorithm + ",keyVersion=" + keyVersion + ",signature=" + encodedSig
}

// RequestHeaders are the headers of a signed Antom request.
type RequestHeaders struct {
	// ClientID is the Client-Id header value.
	ClientID string
	// RequestTime is the Request-Time header value.
	RequestTime string
	// Signature is the full Signature header value (see FormatHeader).
	Signature string
	// ContentType is the Content-Type header value (ContentType).
	ContentType string
}

// Map returns the headers keyed by their canonical names (Client-Id,
// Request-Time, Signature, Content-Type).
func (h RequestHeaders) Map() map[string]string {
	return map[string]string{
		HeaderClientID:    h.ClientID,
		HeaderRequestTime: h.RequestTime,
		HeaderSignature:   h.Signature,
		HeaderContentType: h.ContentType,
	}
}

// SignRequest signs a request and returns all the headers Antom requires.
// keyVersion "" means DefaultKeyVersion.
func SignRequest(key *PrivateKey, keyVersion, method, path, clientID, requestTime string, body []byte) (RequestHeaders, error) {
	sig, err := Sign(key, method, path, clientID, requestTime, body)
	if err != nil {
		return RequestHeaders{}, err
	}
	return RequestHeaders{
		ClientID:    clientID,
		RequestTime: requestTime,
		Signature:   FormatHeader(keyVersion, sig),
		ContentType: ContentType,
	}, nil
}

// EncodeSignature returns standard base64 (with padding) of sig with '+',
// '/' and '=' replaced by "%2B", "%2F" and "%3D". For base64 text this is
// exactly url.QueryEscape, as used by the official SDKs.
func EncodeSignature(sig []byte) string {
	b64 := make([]byte, base64.StdEncoding.EncodedLen(len(sig)))
	base64.StdEncoding.Encode(b64, sig)
	var sb strings.Builder
	sb.Grow(len(b64) + len(b64)/4 + 6)
	for _, c := range b64 {
		switch c {
		case '+':
			sb.WriteString("%2B")
		case '/':
			sb.WriteString("%2F")
		case '=':
			sb.WriteString("%3D")
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// DecodeSignature decodes a signature value as found in the Signature
// header, URL-encoded or not: percent-encoding is decoded only if the value
// contains '%' (twice at most, for double-encoding proxies), '+' is never
// turned into a space, a space is turned back into '+', and padded or
// unpadded standard (or URL-safe) base64 is accepted. Failures have
// ReasonBadSignatureEncoding.
func DecodeSignature(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, newErr(ReasonBadSignatureEncoding, "signature", "empty signature")
	}
	for round := 0; round < 2 && strings.IndexByte(s, '%') >= 0; round++ {
		u, ok := percentDecode(s)
		if !ok {
			return nil, newErr(ReasonBadSignatureEncoding, "signature", "invalid percent-encoding in signature")
		}
		s = u
	}
	if strings.IndexByte(s, ' ') >= 0 {
		s = strings.ReplaceAll(s, " ", "+")
	}
	std, urlSafe, pad := false, false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '+' || c == '/':
			std = true
		case c == '-' || c == '_':
			urlSafe = true
		case c == '=':
			pad = true
		default:
			return nil, newErr(ReasonBadSignatureEncoding, "signature",
				"signature is not base64: invalid character at offset "+strconv.Itoa(i))
		}
	}
	if std && urlSafe {
		return nil, newErr(ReasonBadSignatureEncoding, "signature", "signature mixes standard and URL-safe base64")
	}
	enc := base64.StdEncoding
	if urlSafe {
		enc = base64.URLEncoding
	}
	if !pad {
		enc = enc.WithPadding(base64.NoPadding)
	}
	out := make([]byte, enc.DecodedLen(len(s)))
	n, err := enc.Decode(out, []byte(s))
	if err != nil {
		return nil, newErr(ReasonBadSignatureEncoding, "signature",
			"signature is not valid base64 (length "+strconv.Itoa(len(s))+"; truncated?)")
	}
	if n == 0 {
		return nil, newErr(ReasonBadSignatureEncoding, "signature", "empty signature")
	}
	return out[:n], nil
}

// percentDecode decodes %XX escapes; unlike url.QueryUnescape it leaves '+'
// alone.
func percentDecode(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		hi, ok1 := unhex(s[i+1])
		lo, ok2 := unhex(s[i+2])
		if !ok1 || !ok2 {
			return "", false
		}
		b = append(b, hi<<4|lo)
		i += 2
	}
	return string(b), true
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
