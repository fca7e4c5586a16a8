package signature

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"

	"github.com/paycore/paycore/core/problem"
)

// Problem maps an error of this package to the op envelope's error: BAD_KEY for key
// problems, BAD_SIGNATURE for the rest, keeping the reason code. field names the op
// input field at fault.
func Problem(err error, field string) *problem.Error {
	var se *Error
	if !errors.As(err, &se) {
		return &problem.Error{Code: problem.Internal, Field: field, Message: "signature operation failed"}
	}
	code := problem.BadSignature
	if se.Reason == ReasonBadKey {
		code = problem.BadKey
	}
	return &problem.Error{Code: code, Reason: string(se.Reason), Field: field, Message: se.Message}
}

// timeProblem maps a NormalizeRequestTime error to BAD_INPUT on field.
func timeProblem(err error, field string) *problem.Error {
	msg := "bad request time"
	var se *Error
	if errors.As(err, &se) {
		msg = se.Message
	}
	return &problem.Error{Code: problem.BadInput, Field: field, Message: field + ": " + msg}
}

// SignInput is the input of op signature.sign. RequestTime is epoch milliseconds
// (RFC 3339 is accepted and converted; the result says what was signed).
type SignInput struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	ClientID    string `json:"clientId"`
	RequestTime string `json:"requestTime"`
	// Body is the exact body string that is sent.
	Body       string `json:"body"`
	PrivateKey string `json:"privateKey"`
	KeyVersion string `json:"keyVersion,omitempty"`
}

// SignResult is the result of op signature.sign.
type SignResult struct {
	// Signature is the Signature header value.
	Signature string `json:"signature"`
	// ContentToSign is exactly what was signed.
	ContentToSign string `json:"contentToSign"`
	// KeyFormat says how the private key was read (e.g. pkcs8-base64).
	KeyFormat KeyFormat `json:"keyFormat"`
	// RequestTime is the Request-Time header to send with the signature: the
	// signed time in epoch milliseconds (an RFC 3339 input is converted).
	RequestTime string `json:"requestTime"`
}

// OpSign is op signature.sign.
func OpSign(input []byte) (any, error) {
	res, perr := opSign(input)
	return res, problem.OrNil(perr)
}

// opSign is OpSign with the concrete error type, for this package.
func opSign(input []byte) (any, *problem.Error) {
	var in SignInput
	if err := problem.From(problem.DecodeStrict(input, &in)); err != nil {
		return nil, err
	}
	for _, f := range []struct{ name, value string }{
		{"method", in.Method}, {"path", in.Path}, {"clientId", in.ClientID}, {"requestTime", in.RequestTime}, {"privateKey", in.PrivateKey},
	} {
		if f.value == "" {
			return nil, &problem.Error{Code: problem.BadInput, Field: f.name, Message: f.name + " is required"}
		}
	}
	rt, err := NormalizeRequestTime(in.RequestTime)
	if err != nil {
		return nil, timeProblem(err, "requestTime")
	}
	key, err := ParsePrivateKey(in.PrivateKey)
	if err != nil {
		return nil, Problem(err, "privateKey")
	}
	body := []byte(in.Body)
	sig, err := Sign(key, in.Method, in.Path, in.ClientID, rt, body)
	if err != nil {
		return nil, Problem(err, "privateKey")
	}
	return SignResult{
		Signature:     FormatHeader(in.KeyVersion, sig),
		ContentToSign: string(ContentToSign(in.Method, in.Path, in.ClientID, rt, body)),
		KeyFormat:     key.KeyFormat(),
		RequestTime:   rt,
	}, nil
}

// VerifyInput is the input of op signature.verify. The signed values come either
// as fields (clientId, requestTime, signature) or as the received HTTP headers with
// kind saying which time header to read: "response" (response-time) or
// "notification" (request-time).
type VerifyInput struct {
	Method           string  `json:"method"`
	Path             string  `json:"path"`
	ClientID         string  `json:"clientId,omitempty"`
	RequestTime      string  `json:"requestTime,omitempty"`
	Signature        string  `json:"signature,omitempty"`
	Headers          Headers `json:"headers,omitempty"`
	Kind             string  `json:"kind,omitempty"`
	Body             string  `json:"body"`
	PublicKey        string  `json:"publicKey"`
	Now              string  `json:"now,omitempty"`
	ToleranceSeconds int64   `json:"toleranceSeconds,omitempty"`
}

// VerifyResult is the result of op signature.verify: valid, or the reason it is not.
type VerifyResult struct {
	Valid   bool   `json:"valid"`
	Reason  Reason `json:"reason,omitempty"`
	Header  string `json:"header,omitempty"`
	Message string `json:"message,omitempty"`
}

// OpVerify is op signature.verify. A signature that does not verify is a result
// (valid false, with the reason); a public key that cannot be read is BAD_KEY.
func OpVerify(input []byte) (any, error) {
	res, perr := opVerify(input)
	return res, problem.OrNil(perr)
}

// opVerify is OpVerify with the concrete error type, for this package.
func opVerify(input []byte) (any, *problem.Error) {
	var in VerifyInput
	if err := problem.From(problem.DecodeStrict(input, &in)); err != nil {
		return nil, err
	}
	if in.PublicKey == "" {
		return nil, &problem.Error{Code: problem.BadInput, Field: "publicKey", Message: "publicKey is required: Antom's public key"}
	}
	pub, err := ParsePublicKey(in.PublicKey)
	if err != nil {
		return nil, Problem(err, "publicKey")
	}
	opts, perr := verifyOptions(in.Now, in.ToleranceSeconds)
	if perr != nil {
		return nil, perr
	}
	body := []byte(in.Body)
	if in.Headers != nil {
		switch in.Kind {
		case "response":
			err = VerifyResponse(pub, orPOST(in.Method), in.Path, in.Headers, body, opts)
		case "notification":
			if msg := PathProblem(in.Path); msg != "" {
				return nil, &problem.Error{Code: problem.BadInput, Field: "path", Message: msg}
			}
			err = VerifyNotification(pub, in.Path, in.Headers, body, opts)
		default:
			return nil, &problem.Error{Code: problem.BadInput, Field: "kind", Message: `with headers, kind must be "response" or "notification"`}
		}
	} else {
		err = Verify(pub, orPOST(in.Method), in.Path, in.ClientID, in.RequestTime, body, in.Signature)
		if err == nil {
			err = CheckTime(in.RequestTime, opts)
		}
	}
	return verifyResult(err)
}

func verifyResult(err error) (any, *problem.Error) {
	if err == nil {
		return VerifyResult{Valid: true}, nil
	}
	var se *Error
	if !errors.As(err, &se) {
		return nil, &problem.Error{Code: problem.Internal, Message: "verification failed unexpectedly"}
	}
	return VerifyResult{Reason: se.Reason, Header: se.Header, Message: se.Message}, nil
}

func verifyOptions(now string, toleranceSeconds int64) (VerifyOptions, *problem.Error) {
	if toleranceSeconds < 0 {
		return VerifyOptions{}, &problem.Error{Code: problem.BadInput, Field: "toleranceSeconds", Message: "toleranceSeconds must not be negative"}
	}
	if toleranceSeconds == 0 {
		return VerifyOptions{}, nil
	}
	t, err := time.Parse(time.RFC3339, now)
	if err != nil {
		return VerifyOptions{}, &problem.Error{Code: problem.BadInput, Field: "now", Message: "toleranceSeconds needs now (RFC 3339): the core reads no clock"}
	}
	return VerifyOptions{Now: t, Tolerance: time.Duration(toleranceSeconds) * time.Second}, nil
}

func orPOST(method string) string {
	if method == "" {
		return "POST"
	}
	return method
}

// NotificationSignInput is the input of op notification.sign: a notification as
// Antom would send it, for offline tests and simulators.
type NotificationSignInput struct {
	// Path is the path of your notify URL (what Antom signs), the same name
	// notification.parse takes.
	Path        string `json:"path"`
	ClientID    string `json:"clientId"`
	RequestTime string `json:"requestTime"`
	// Notification is the notification object; it is sent compact, keys in the
	// given order. Body, instead, gives the exact body string.
	Notification json.RawMessage `json:"notification,omitempty"`
	Body         string          `json:"body,omitempty"`
	// PrivateKey signs as Antom would (a test key standing in for Antom's).
	PrivateKey string `json:"privateKey"`
	KeyVersion string `json:"keyVersion,omitempty"`
}

// SignedNotification is an HTTP request as Antom sends a notification.
type SignedNotification struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// OpSignNotification is op notification.sign.
func OpSignNotification(input []byte) (any, error) {
	res, perr := opSignNotification(input)
	return res, problem.OrNil(perr)
}

// opSignNotification is OpSignNotification with the concrete error type, for this package.
func opSignNotification(input []byte) (any, *problem.Error) {
	var in NotificationSignInput
	if err := problem.From(problem.DecodeStrict(input, &in)); err != nil {
		return nil, err
	}
	for _, f := range []struct{ name, value string }{
		{"path", in.Path}, {"clientId", in.ClientID}, {"requestTime", in.RequestTime}, {"privateKey", in.PrivateKey},
	} {
		if f.value == "" {
			return nil, &problem.Error{Code: problem.BadInput, Field: f.name, Message: f.name + " is required"}
		}
	}
	body := []byte(in.Body)
	switch {
	case len(in.Notification) > 0 && in.Body != "":
		return nil, &problem.Error{Code: problem.BadInput, Field: "body", Message: "give notification or body, not both"}
	case len(in.Notification) > 0:
		var buf bytes.Buffer
		if err := json.Compact(&buf, in.Notification); err != nil {
			return nil, problem.FromJSON(err, "notification")
		}
		body = buf.Bytes()
	case in.Body == "":
		return nil, &problem.Error{Code: problem.BadInput, Field: "notification", Message: "notification (an object) or body (a string) is required"}
	}
	if msg := PathProblem(in.Path); msg != "" {
		return nil, &problem.Error{Code: problem.BadInput, Field: "path", Message: msg}
	}
	rt, err := NormalizeRequestTime(in.RequestTime)
	if err != nil {
		return nil, timeProblem(err, "requestTime")
	}
	key, err := ParsePrivateKey(in.PrivateKey)
	if err != nil {
		return nil, Problem(err, "privateKey")
	}
	sig, err := Sign(key, "POST", in.Path, in.ClientID, rt, body)
	if err != nil {
		return nil, Problem(err, "privateKey")
	}
	return SignedNotification{
		Method: "POST",
		Path:   in.Path,
		Headers: map[string]string{
			"client-id":    in.ClientID,
			"request-time": rt,
			"signature":    FormatHeader(in.KeyVersion, sig),
			"content-type": ContentType,
		},
		Body: string(body),
	}, nil
}
