package core

import (
	"encoding/json"

	"github.com/paycore/paycore/core/card"
	"github.com/paycore/paycore/core/problem"
)

// verbatimResult names, per op, the top-level result fields passed through
// unredacted: the request to send (which must carry the card) and its signature, or
// the state the caller stores and passes back.
var verbatimResult = map[string]map[string]bool{
	"pay.build":         {"body": true, "contentToSign": true, "headers": true},
	"capture.build":     {"body": true, "contentToSign": true, "headers": true},
	"cancel.build":      {"body": true, "contentToSign": true, "headers": true},
	"inquiry.build":     {"body": true, "contentToSign": true, "headers": true},
	"refund.build":      {"body": true, "contentToSign": true, "headers": true},
	"consult.build":     {"body": true, "contentToSign": true, "headers": true},
	"notification.sign": {"body": true, "headers": true},
	"signature.sign":    {"contentToSign": true, "signature": true},
	"payment.apply":     {"state": true},
}

// verbatimKeys are result fields, at any depth, that hand back an identifier, an
// amount, a time or a URL exactly as Antom or the caller gave it: the caller needs
// the exact value to act on it (an Antom payment id is an unbroken run of more than
// 19 digits and is never masked anyway).
var verbatimKeys = map[string]bool{
	"paymentRequestId": true, "paymentId": true, "captureRequestId": true, "captureId": true,
	"refundRequestId": true, "refundId": true, "orderId": true, "dedupeKey": true, "cardToken": true,
	"networkTransactionId": true, "value": true, "url": true, "parameters": true, "requestTime": true,
	"authExpiryTime": true, "after": true, "before": true,
}

// redactEnvelope applies card.RedactText to every string of an encoded envelope
// (keys included) except the verbatim fields of op's result. Envelopes without a
// run of 12 or more digits, almost all of them, are returned as they are.
func redactEnvelope(op string, out []byte) []byte {
	if !mayHoldCardNumber(out) {
		return out
	}
	r := rewriter{in: out, out: make([]byte, 0, len(out)+16), top: verbatimResult[op]}
	r.value(0, false)
	if r.bad || r.pos != len(r.in) {
		// Unreachable for the encoder's own output; fail closed.
		return encodeError(problem.New(problem.Internal, "cannot redact the output; this is a bug in paycore"))
	}
	return r.out
}

func mayHoldCardNumber(b []byte) bool {
	n := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			n++
			if n >= card.MinPANLength {
				return true
			}
		case (c == ' ' || c == '-') && n > 0:
		default:
			n = 0
		}
	}
	return false
}

// rewriter copies compact JSON (as Marshal writes it), redacting strings.
type rewriter struct {
	in, out  []byte
	pos      int
	top      map[string]bool
	bad      bool
	inResult bool
}

// value copies one value. depth is the object depth (1 = the envelope); verbatim
// says the value is passed through as it is.
func (r *rewriter) value(depth int, verbatim bool) {
	if r.pos >= len(r.in) {
		r.bad = true
		return
	}
	switch c := r.in[r.pos]; c {
	case '{':
		r.out = append(r.out, '{')
		r.pos++
		for first := true; !r.bad; first = false {
			if r.pos >= len(r.in) {
				r.bad = true
				return
			}
			if r.in[r.pos] == '}' {
				r.out = append(r.out, '}')
				r.pos++
				return
			}
			if !first {
				if r.in[r.pos] != ',' {
					r.bad = true
					return
				}
				r.out = append(r.out, ',')
				r.pos++
			}
			key := r.string(verbatim, true)
			if r.pos >= len(r.in) || r.in[r.pos] != ':' {
				r.bad = true
				return
			}
			r.out = append(r.out, ':')
			r.pos++
			v := verbatim || verbatimKeys[string(key)] || depth == 1 && r.inResult && r.top[string(key)]
			if depth == 0 && string(key) == "result" {
				r.inResult = true
				r.value(1, v)
				r.inResult = false
				continue
			}
			r.value(depth+1, v)
		}
	case '[':
		r.out = append(r.out, '[')
		r.pos++
		for first := true; !r.bad; first = false {
			if r.pos >= len(r.in) {
				r.bad = true
				return
			}
			if r.in[r.pos] == ']' {
				r.out = append(r.out, ']')
				r.pos++
				return
			}
			if !first {
				r.out = append(r.out, ',')
				r.pos++
			}
			r.value(depth, verbatim)
		}
	case '"':
		r.string(verbatim, false)
	default:
		start := r.pos
		for r.pos < len(r.in) && r.in[r.pos] != ',' && r.in[r.pos] != '}' && r.in[r.pos] != ']' {
			r.pos++
		}
		r.out = append(r.out, r.in[start:r.pos]...)
	}
}

// string copies a string token, redacted unless verbatim, and returns its value
// when it is an object key (a verbatim value is copied without decoding it). The
// input is Marshal's output, which never escapes a digit, a space or a dash: a
// token without a run of 12 digits is its own redaction, and a token without a
// backslash holds its value as it is, so most strings are copied undecoded.
func (r *rewriter) string(verbatim, key bool) []byte {
	start := r.pos
	if start >= len(r.in) || r.in[start] != '"' {
		r.bad = true
		return nil
	}
	r.pos++
	escaped := false
	for r.pos < len(r.in) && r.in[r.pos] != '"' {
		if r.in[r.pos] == '\\' {
			escaped = true
			r.pos++
		}
		r.pos++
	}
	if r.pos >= len(r.in) {
		r.bad = true
		return nil
	}
	r.pos++
	tok := r.in[start:r.pos]
	if verbatim && !key || !key && !mayHoldCardNumber(tok) {
		r.out = append(r.out, tok...)
		return nil
	}
	var s []byte
	if escaped {
		var v string
		if json.Unmarshal(tok, &v) != nil {
			r.bad = true
			return nil
		}
		s = []byte(v)
	} else {
		s = tok[1 : len(tok)-1]
	}
	if verbatim || !mayHoldCardNumber(tok) {
		r.out = append(r.out, tok...)
		return s
	}
	red := card.RedactText(string(s))
	if red == string(s) {
		r.out = append(r.out, tok...)
		return s
	}
	enc, _ := Marshal(red)
	r.out = append(r.out, enc...)
	return s
}
