package signature

import (
	"strconv"
	"strings"
)

// Header is a parsed Signature header value.
type Header struct {
	// Algorithm is the algorithm parameter as received ("" when absent,
	// which means RSA256).
	Algorithm string
	// KeyVersion is the keyVersion parameter as received ("" when absent).
	KeyVersion string
	// EncodedSignature is the signature parameter as received (normally
	// URL-encoded base64).
	EncodedSignature string
	// Signature is the decoded raw signature bytes.
	Signature []byte
}

// maxQuoted bounds how much of an untrusted value an error message quotes.
const maxQuoted = 32

// quoteShort quotes an untrusted value for a message only when it reads as a word
// (at most maxQuoted of [A-Za-z0-9_.:+-] with at least one letter, such as RSA512 or
// a mistyped time); anything else, digits alone included (a CVV, a card number), is
// named, not repeated.
func quoteShort(s string) string {
	letter := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			letter = true
		case c >= '0' && c <= '9', c == '_', c == '.', c == ':', c == '+', c == '-':
		default:
			return "(value not shown)"
		}
	}
	if !letter || len(s) > maxQuoted {
		return "(value not shown)"
	}
	return strconv.Quote(s)
}

func trimOWS(s string) string { return strings.Trim(s, " \t") }

// ParseHeader parses a Signature header value such as
// "algorithm=RSA256,keyVersion=1,signature=<encoded>".
//
// The parser is tolerant: parameters may come in any order, parameter names
// are case-insensitive, spaces and tabs around ',' and '=' are ignored, as
// are empty parameters and unknown extra parameters; each parameter is split
// on its first '=' so raw base64 padding survives; a double-quoted value is
// unquoted. It is strict where ambiguity would matter: a repeated
// algorithm, keyVersion or signature parameter, a parameter without '=' or
// without a name, and a missing signature parameter are malformed. A
// missing algorithm means RSA256; any other algorithm is
// ReasonUnsupportedAlgorithm. The signature is decoded with DecodeSignature.
// An empty value is ReasonMissingHeader.
func ParseHeader(h string) (Header, error) {
	const hdr = "signature"
	var out Header
	if trimOWS(h) == "" {
		return out, newErr(ReasonMissingHeader, hdr, "Signature header is empty")
	}
	var seenAlg, seenVer, seenSig bool
	for rest := h; rest != ""; {
		var part string
		if i := strings.IndexByte(rest, ','); i >= 0 {
			part, rest = rest[:i], rest[i+1:]
		} else {
			part, rest = rest, ""
		}
		part = trimOWS(part)
		if part == "" {
			continue
		}
		eq := strings.IndexByte(part, '=')
		if eq < 0 {
			return Header{}, newErr(ReasonMalformedHeader, hdr, "parameter "+quoteShort(part)+" has no '='")
		}
		name, val := trimOWS(part[:eq]), trimOWS(part[eq+1:])
		if name == "" {
			return Header{}, newErr(ReasonMalformedHeader, hdr, "parameter without a name")
		}
		if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
			val = trimOWS(val[1 : len(val)-1])
		}
		var seen *bool
		switch {
		case strings.EqualFold(name, "algorithm"):
			seen, out.Algorithm = &seenAlg, val
		case strings.EqualFold(name, "keyVersion"):
			seen, out.KeyVersion = &seenVer, val
		case strings.EqualFold(name, "signature"):
			seen, out.EncodedSignature = &seenSig, val
		default:
			continue // unknown extra parameter: tolerated
		}
		if *seen {
			return Header{}, newErr(ReasonMalformedHeader, hdr, "parameter "+quoteShort(name)+" appears more than once")
		}
		*seen = true
	}
	if !seenSig {
		return Header{}, newErr(ReasonMalformedHeader, hdr, "no signature parameter")
	}
	if seenAlg && !strings.EqualFold(out.Algorithm, Algorithm) {
		return Header{}, newErr(ReasonUnsupportedAlgorithm, hdr,
			"algorithm "+quoteShort(out.Algorithm)+" is not supported (Antom uses RSA256)")
	}
	sig, err := DecodeSignature(out.EncodedSignature)
	if err != nil {
		return Header{}, err
	}
	out.Signature = sig
	return out, nil
}
