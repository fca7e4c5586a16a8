// Package outbound turns a request body for an Antom API into the exact HTTP request
// to send: method, path (the sandbox path for SANDBOX_ client ids), headers and
// body. It is the one signing seam every *.build op goes through: with a private key
// it signs; without one it returns the content to sign, for a host that signs in an
// HSM or KMS.
package outbound

import (
	"bytes"
	"encoding/json"

	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/core/signature"
)

// Signing holds what signing needs. The private key is read for this call only and
// never appears in any output or error.
type Signing struct {
	// ClientID is the Client-Id Antom assigned; SANDBOX_ ids get the sandbox path.
	ClientID string `json:"clientId"`
	// RequestTime is the Request-Time header: epoch milliseconds as a string, the
	// form Antom's SDKs send (the core reads no clock). An RFC 3339 timestamp with a
	// zone offset is accepted and converted to epoch milliseconds before signing.
	RequestTime string `json:"requestTime"`
	// PrivateKey is the merchant private key (base64 PKCS#8 DER, or PEM PKCS#8 or
	// PKCS#1). Empty means: do not sign, return the content to sign.
	PrivateKey string `json:"privateKey,omitempty"`
	// KeyVersion is the keyVersion of the Signature header; empty means 1.
	KeyVersion string `json:"keyVersion,omitempty"`
}

// Request is an HTTP request ready to send. Body is the exact string to send and
// the exact bytes that were signed.
type Request struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
	// ContentToSign is set when no private key was given: sign these bytes with
	// RSA-SHA256 and put the URL-encoded base64 signature in the Signature header.
	ContentToSign string `json:"contentToSign,omitempty"`
}

// Build returns the request for api ("pay", "capture", ...) carrying body. With
// s nil it returns an unsigned request to the production path.
func Build(api string, body []byte, s *Signing) (Request, error) {
	res, perr := build(api, body, s)
	return res, problem.OrNil(perr)
}

// build is Build with the concrete error type, for this package.
func build(api string, body []byte, s *Signing) (Request, *problem.Error) {
	req := Request{
		Method:  "POST",
		Path:    signature.APIPath("", api),
		Headers: map[string]string{signature.HeaderContentType: signature.ContentType},
		Body:    string(body),
	}
	if s == nil {
		return req, nil
	}
	if s.ClientID == "" {
		return Request{}, &problem.Error{Code: problem.BadInput, Field: "signing.clientId", Message: "signing.clientId is required"}
	}
	if s.RequestTime == "" {
		return Request{}, &problem.Error{Code: problem.BadInput, Field: "signing.requestTime", Message: "signing.requestTime is required: epoch milliseconds (the core reads no clock)"}
	}
	rt, err := signature.NormalizeRequestTime(s.RequestTime)
	if err != nil {
		return Request{}, &problem.Error{Code: problem.BadInput, Field: "signing.requestTime",
			Message: "signing.requestTime must be epoch milliseconds (as Antom's SDKs send it) or an RFC 3339 timestamp with a zone offset"}
	}
	req.Path = signature.APIPath(s.ClientID, api)
	req.Headers[signature.HeaderClientID] = s.ClientID
	req.Headers[signature.HeaderRequestTime] = rt
	if s.PrivateKey == "" {
		req.ContentToSign = string(signature.ContentToSign(req.Method, req.Path, s.ClientID, rt, body))
		return req, nil
	}
	key, err := signature.ParsePrivateKey(s.PrivateKey)
	if err != nil {
		return Request{}, signature.Problem(err, "signing.privateKey")
	}
	h, err := signature.SignRequest(key, s.KeyVersion, req.Method, req.Path, s.ClientID, rt, body)
	if err != nil {
		return Request{}, signature.Problem(err, "signing.privateKey")
	}
	req.Headers = h.Map()
	return req, nil
}

// MarshalBody encodes a request body: compact, fields in struct order, no HTML
// escaping, no trailing newline — the exact bytes to send and sign, the same for
// every *.build op and every engine.
func MarshalBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
