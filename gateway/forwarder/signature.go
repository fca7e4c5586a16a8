package forwarder

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// SignatureHeader is the header carrying an event's signature.
const SignatureHeader = "Paycore-Signature"

// EventIDHeader carries the event's stable id (also in the body).
const EventIDHeader = "Paycore-Event-Id"

// Sign returns the Paycore-Signature value for body sent at t:
// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with secret>".
func Sign(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(secret, ts, body)
}

func mac(secret []byte, ts string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify errors.
var (
	ErrMalformedSignature = errors.New("paycore signature: malformed header")
	ErrSignatureMismatch  = errors.New("paycore signature: does not match the body")
	ErrSignatureTooOld    = errors.New("paycore signature: time outside the tolerance")
)

// Verify checks a Paycore-Signature header against the raw body a merchant
// received: the HMAC (compared in constant time), and that t is within tolerance
// of now (replay protection; tolerance 0 skips the check). A merchant's webhook
// handler calls it before trusting an event.
func Verify(secret []byte, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs []string
	for part := range strings.SplitSeq(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return ErrMalformedSignature
		}
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return ErrMalformedSignature
	}
	want := []byte(mac(secret, ts, body))
	ok := false
	for _, s := range sigs {
		if hmac.Equal([]byte(s), want) {
			ok = true
		}
	}
	if !ok {
		return ErrSignatureMismatch
	}
	if tolerance > 0 {
		d := now.Sub(time.Unix(sec, 0))
		if d < -tolerance || d > tolerance {
			return ErrSignatureTooOld
		}
	}
	return nil
}
