package signature

import (
	"crypto"
	"crypto/rsa"
	"strconv"
	"strings"
	"time"
)

// VerifyOptions tune VerifyResponse, VerifyNotification and CheckTime.
// The zero value checks the signature only.
type VerifyOptions struct {
	// Now is the current time, supplied by the caller (the core has no
	// clock). Required when Tolerance > 0.
	Now time.Time
	// Tolerance, when > 0, requires the signed time to be within
	// ±Tolerance of Now (bounds inclusive).
	Tolerance time.Duration
}

// Verify checks the Signature header value header against the content
// ContentToSign(method, path, clientID, timeStr, body) with pub.
//
// Failures are *Error values: ReasonBadKey (nil key), ReasonMissingHeader
// (empty header), ReasonMalformedHeader, ReasonUnsupportedAlgorithm,
// ReasonBadSignatureEncoding (including a signature whose length does not
// match the key) or ReasonSignatureMismatch. Verify does not look at the
// time; see CheckTime or the VerifyOptions of VerifyResponse.
func Verify(pub *PublicKey, method, path, clientID, timeStr string, body []byte, header string) error {
	if pub == nil || pub.key == nil {
		return badKey("nil public key")
	}
	h, err := ParseHeader(header)
	if err != nil {
		return err
	}
	return verifyRaw(pub, method, path, clientID, timeStr, body, h.Signature)
}

func verifyRaw(pub *PublicKey, method, path, clientID, timeStr string, body, sig []byte) error {
	if len(sig) != pub.key.Size() {
		return newErr(ReasonBadSignatureEncoding, "signature",
			"signature is "+strconv.Itoa(len(sig))+" bytes but this RSA-"+strconv.Itoa(pub.Bits())+
				" key needs "+strconv.Itoa(pub.key.Size())+" (truncated, or made with a different key size?)")
	}
	d := digest(method, path, clientID, timeStr, body)
	if err := rsa.VerifyPKCS1v15(pub.key, crypto.SHA256, d[:], sig); err != nil {
		return newErr(ReasonSignatureMismatch, "signature",
			"signature does not match the content and key (wrong key, or the method, path, client id, time or body differ from what was signed)")
	}
	return nil
}

// VerifyResponse verifies a response from Antom: the signature over
// "<method> <requestPath>\n<client-id>.<response-time>.<body>", with the
// client-id, response-time and signature headers looked up
// case-insensitively in headers. requestPath is the path of the request
// this is the response to. body must be the raw response bytes. With
// opts.Tolerance > 0 the response-time is also checked (see CheckTime),
// after the signature.
func VerifyResponse(pub *PublicKey, method, requestPath string, headers map[string]string, body []byte, opts VerifyOptions) error {
	return verifyHeaders(pub, method, requestPath, "response-time", headers, body, opts)
}

// VerifyNotification verifies a notification from Antom: the signature
// over "POST <notifyPath>\n<client-id>.<request-time>.<body>", with the
// client-id, request-time and signature headers looked up case-insensitively
// in headers. notifyPath is your notification URL's path as Antom calls it.
// Verify the raw body bytes before parsing them. With opts.Tolerance > 0 the
// request-time is also checked (see CheckTime), after the signature.
func VerifyNotification(pub *PublicKey, notifyPath string, headers map[string]string, body []byte, opts VerifyOptions) error {
	return verifyHeaders(pub, "POST", notifyPath, "request-time", headers, body, opts)
}

func verifyHeaders(pub *PublicKey, method, path, timeHeader string, headers map[string]string, body []byte, opts VerifyOptions) error {
	if pub == nil || pub.key == nil {
		return badKey("nil public key")
	}
	clientID, err := HeaderValue(headers, "client-id")
	if err != nil {
		return err
	}
	ts, err := HeaderValue(headers, timeHeader)
	if err != nil {
		return err
	}
	sh, err := HeaderValue(headers, "signature")
	if err != nil {
		return err
	}
	h, err := ParseHeader(sh)
	if err != nil {
		return err
	}
	if err := verifyRaw(pub, method, path, clientID, ts, body, h.Signature); err != nil {
		return err
	}
	if opts.Tolerance > 0 {
		if err := checkTime(ts, timeHeader, opts); err != nil {
			return err
		}
	}
	return nil
}

// HeaderValue looks name up in headers ignoring case and returns the value
// with surrounding spaces and tabs removed. An absent or blank header is
// ReasonMissingHeader; the same header under differently-cased keys with
// different values is ReasonMalformedHeader (the result must not depend on
// map iteration order).
func HeaderValue(headers map[string]string, name string) (string, error) {
	lname := strings.ToLower(name)
	var val string
	found := false
	for k, v := range headers {
		if !strings.EqualFold(trimOWS(k), name) {
			continue
		}
		v = trimOWS(v)
		if found && v != val {
			return "", newErr(ReasonMalformedHeader, lname, "header present more than once with different values")
		}
		val, found = v, true
	}
	if val == "" {
		return "", newErr(ReasonMissingHeader, lname, "header "+lname+" is missing or empty")
	}
	return val, nil
}

// FlattenHeaders converts multi-valued headers (such as an http.Header) to
// the map[string]string the Verify helpers take, keeping the first value of
// each name. A name with several different values is kept as-is under its
// first value; use HeaderValue on the result for case-insensitive lookup.
func FlattenHeaders(h map[string][]string) map[string]string {
	out := make(map[string]string, len(h))
	for k, vs := range h {
		if len(vs) > 0 {
			out[k] = vs[0]
		}
	}
	return out
}

// ParseSignedTime parses a signed time value: epoch milliseconds as
// decimal digits (current Antom APIs), or an RFC 3339 / ISO-8601 timestamp
// with a zone offset ("2019-05-28T12:12:12+08:00", "...Z",
// "...+0800", optionally with fractional seconds). A timestamp without an
// offset is refused rather than guessed. Failures have ReasonBadTime.
func ParseSignedTime(s string) (time.Time, error) {
	return parseSignedTime(s, "")
}

func parseSignedTime(s, header string) (time.Time, error) {
	t := trimOWS(s)
	if t == "" {
		return time.Time{}, newErr(ReasonBadTime, header, "empty time")
	}
	if allDigits(t) {
		ms, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return time.Time{}, newErr(ReasonBadTime, header, "epoch milliseconds "+quoteShort(t)+" out of range")
		}
		return time.UnixMilli(ms).UTC(), nil
	}
	// ParseInLocation with UTC: never consults time.Local (no file I/O).
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700"} {
		if tm, err := time.ParseInLocation(layout, t, time.UTC); err == nil {
			return tm, nil
		}
	}
	return time.Time{}, newErr(ReasonBadTime, header,
		"time "+quoteShort(t)+" is neither epoch milliseconds nor an RFC 3339 timestamp with a zone offset")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// CheckTime checks a signed time value against opts: with opts.Tolerance <=
// 0 it accepts anything; otherwise the time must parse (ParseSignedTime,
// else ReasonBadTime), opts.Now must be set (else ReasonBadTime: the core
// has no clock and fails closed), and the time must be within
// ±opts.Tolerance of opts.Now (else ReasonTimeOutsideTolerance).
func CheckTime(timeStr string, opts VerifyOptions) error {
	if opts.Tolerance <= 0 {
		return nil
	}
	return checkTime(timeStr, "", opts)
}

func checkTime(timeStr, header string, opts VerifyOptions) error {
	if opts.Now.IsZero() {
		return newErr(ReasonBadTime, header, "VerifyOptions.Tolerance is set but VerifyOptions.Now is zero (the core has no clock)")
	}
	t, err := parseSignedTime(timeStr, header)
	if err != nil {
		return err
	}
	skew := opts.Now.Sub(t) // saturates instead of overflowing
	if skew > opts.Tolerance || skew < -opts.Tolerance {
		rel := skew.String() + " in the past"
		if skew < 0 {
			rel = (-skew).String() + " in the future"
		}
		return newErr(ReasonTimeOutsideTolerance, header,
			"signed time "+t.Format(time.RFC3339Nano)+" is "+rel+
				", outside the tolerance of ±"+opts.Tolerance.String())
	}
	return nil
}
