package signature

import (
	"bytes"
	"crypto/rsa"
	"math/big"
	"strconv"
)

// A small, strict DER reader and writer for exactly the RSA key structures
// this package supports: PKCS#8 PrivateKeyInfo (RFC 5208/5958), PKCS#1
// RSAPrivateKey and RSAPublicKey (RFC 8017), and SubjectPublicKeyInfo
// (RFC 5280). It replaces crypto/x509, whose parsers link ECDSA, the NIST
// curves, Ed25519, X25519, DSA and certificate code into every binary (about
// 1.9 MB of the WebAssembly module), and encoding/asn1, whose reflection-based
// decoder costs another 0.4 MB there.
//
// Everything crypto/x509 accepts as an RSA key is accepted with an equal key,
// except these malformations, which crypto/x509 tolerates and this parser
// refuses (differential_test.go checks both directions):
//
//   - elements after the last field of a SEQUENCE, or bytes after the
//     RSAPublicKey inside the SubjectPublicKeyInfo BIT STRING (crypto/x509,
//     mostly through encoding/asn1, ignores them), except the optional
//     PKCS#8 attributes [0] and publicKey [1] of RFC 5958, which are skipped
//     unread;
//   - a PKCS#8 version other than 0 or 1, or RSA AlgorithmIdentifier
//     parameters other than NULL or absent (crypto/x509 ignores both);
//   - a negative PKCS#1 RSAPrivateKey version (crypto/x509 refuses only > 1);
//   - a SubjectPublicKeyInfo BIT STRING with unused bits (crypto/x509 shifts
//     the key bytes);
//   - a public key crypto/rsa cannot verify with: an even modulus, or a public
//     exponent that is even, below 3 or above 2³¹-1 (crypto/x509 parses such
//     keys, and every verification with them then fails). Private keys get
//     the same checks from rsa.PrivateKey.Validate.
//
// Like crypto/x509, it requires DER: definite, minimal lengths and minimally
// encoded INTEGERs. Parsing only slices the input; a private key's integers
// are size-checked before any big-number arithmetic, and no input makes it panic
// (FuzzParsePrivateKey, FuzzParsePublicKey, FuzzDifferentialPrivate,
// FuzzDifferentialPublic).

// DER tags (universal class, low tag numbers only).
const (
	tagInteger     = 0x02
	tagBitString   = 0x03
	tagOctetString = 0x04
	tagNull        = 0x05
	tagOID         = 0x06
	tagSequence    = 0x30
	tagContext0    = 0xa0 // [0] constructed: PKCS#8 attributes, SEC 1 parameters
	tagContext1    = 0xa1 // [1] constructed: SEC 1 publicKey
	tagContext1P   = 0x81 // [1] primitive: PKCS#8 (RFC 5958) publicKey
)

// Algorithm OIDs (the DER contents of the OBJECT IDENTIFIER) used to accept
// RSA keys and to explain why other keys are refused.
var (
	oidRSA     = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01} // 1.2.840.113549.1.1.1
	oidRSAPSS  = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a} // 1.2.840.113549.1.1.10
	oidEC      = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01}             // 1.2.840.10045.2.1
	oidDSA     = []byte{0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01}             // 1.2.840.10040.4.1
	oidEd25519 = []byte{0x2b, 0x65, 0x70}                                     // 1.3.101.112
	oidX25519  = []byte{0x2b, 0x65, 0x6e}                                     // 1.3.101.110
)

// derNull is the DER NULL, the parameters of an RSA AlgorithmIdentifier.
var derNull = []byte{tagNull, 0x00}

func algorithmName(oid []byte) string {
	switch {
	case bytes.Equal(oid, oidEC):
		return "EC"
	case bytes.Equal(oid, oidEd25519):
		return "Ed25519"
	case bytes.Equal(oid, oidX25519):
		return "X25519"
	case bytes.Equal(oid, oidDSA):
		return "DSA"
	case bytes.Equal(oid, oidRSAPSS):
		return "RSA-PSS"
	}
	return "non-RSA"
}

// derReader reads consecutive DER elements from a byte string.
type derReader []byte

func (r derReader) empty() bool { return len(r) == 0 }

// peek returns the tag of the next element, or 0 at the end.
func (r derReader) peek() byte {
	if len(r) == 0 {
		return 0
	}
	return r[0]
}

// next reads one element and returns its tag byte and contents. Only the
// low-tag-number form and DER lengths are accepted: no indefinite length, no
// long form for a length below 128, no leading zero length octets, and at
// most three length octets (16 MiB, far above maxKeyText; it also keeps the
// length within a 32-bit int).
func (r *derReader) next() (tag byte, contents []byte, ok bool) {
	b := *r
	if len(b) < 2 || b[0]&0x1f == 0x1f {
		return 0, nil, false
	}
	tag = b[0]
	n, hdr := int(b[1]), 2
	if n >= 0x80 {
		k := n & 0x7f
		if k == 0 || k > 3 || len(b) < 2+k || b[2] == 0 {
			return 0, nil, false
		}
		n = 0
		for _, c := range b[2 : 2+k] {
			n = n<<8 | int(c)
		}
		if n < 0x80 {
			return 0, nil, false
		}
		hdr = 2 + k
	}
	if n > len(b)-hdr {
		return 0, nil, false
	}
	*r = b[hdr+n:]
	return tag, b[hdr : hdr+n], true
}

// read reads one element that must have the given tag.
func (r *derReader) read(want byte) ([]byte, bool) {
	tag, c, ok := r.next()
	if !ok || tag != want {
		return nil, false
	}
	return c, true
}

// readInteger reads a minimally encoded INTEGER and returns its contents
// (two's complement, big-endian).
func (r *derReader) readInteger() ([]byte, bool) {
	c, ok := r.read(tagInteger)
	if !ok || !minimalInteger(c) {
		return nil, false
	}
	return c, true
}

func minimalInteger(c []byte) bool {
	switch {
	case len(c) == 0:
		return false
	case len(c) == 1:
		return true
	case c[0] == 0x00 && c[1]&0x80 == 0, c[0] == 0xff && c[1]&0x80 != 0:
		return false
	}
	return true
}

// positive reports whether the contents of a minimal INTEGER are > 0.
func positive(c []byte) bool {
	return len(c) > 0 && c[0]&0x80 == 0 && (len(c) > 1 || c[0] != 0)
}

// smallInt returns the value of a minimal INTEGER that fits in an int64.
func smallInt(c []byte) (int64, bool) {
	if len(c) == 0 || len(c) > 8 {
		return 0, false
	}
	v := int64(int8(c[0])) // sign-extend
	for _, b := range c[1:] {
		v = v<<8 | int64(b)
	}
	return v, true
}

// readSequence reads a SEQUENCE and returns a reader over its contents.
func (r *derReader) readSequence() (derReader, bool) {
	c, ok := r.read(tagSequence)
	return derReader(c), ok
}

// whole reports whether der is exactly one SEQUENCE and returns its contents.
func whole(der []byte) (derReader, bool) {
	r := derReader(der)
	s, ok := r.readSequence()
	return s, ok && r.empty()
}

// validOID reports whether c is a well-formed OBJECT IDENTIFIER body:
// base-128 subidentifiers without leading 0x80 octets, the last one ended.
func validOID(c []byte) bool {
	if len(c) == 0 || c[len(c)-1]&0x80 != 0 {
		return false
	}
	start := true
	for _, b := range c {
		if start && b == 0x80 {
			return false
		}
		start = b&0x80 == 0
	}
	return true
}

// algorithmIdentifier is a parsed AlgorithmIdentifier.
type algorithmIdentifier struct {
	oid    []byte
	params []byte // the whole parameters element, nil if absent
	extra  bool   // elements after the parameters
}

func (r *derReader) readAlgorithm() (a algorithmIdentifier, ok bool) {
	s, ok := r.readSequence()
	if !ok {
		return a, false
	}
	if a.oid, ok = s.read(tagOID); !ok || !validOID(a.oid) {
		return a, false
	}
	if !s.empty() {
		before := s
		if _, _, ok := s.next(); !ok {
			return a, false
		}
		a.params = before[:len(before)-len(s)]
	}
	a.extra = !s.empty()
	return a, true
}

// pkcs8Info is a PKCS#8 PrivateKeyInfo parsed leniently enough to name the
// algorithm of any well-formed one; strict reports whether it also meets the
// rules required to accept an RSA key.
type pkcs8Info struct {
	alg        algorithmIdentifier
	privateKey []byte
	strict     bool
}

func parsePKCS8(der []byte) (p pkcs8Info, ok bool) {
	s, ok := whole(der)
	if !ok {
		return p, false
	}
	version, ok := s.readInteger()
	if !ok {
		return p, false
	}
	v, ok := smallInt(version)
	if !ok {
		return p, false
	}
	if p.alg, ok = s.readAlgorithm(); !ok {
		return p, false
	}
	if p.privateKey, ok = s.read(tagOctetString); !ok {
		return p, false
	}
	p.strict = (v == 0 || v == 1) && !p.alg.extra
	// RFC 5958: [0] attributes, then (version 1) [1] publicKey, nothing else.
	if s.peek() == tagContext0 {
		_, _, ok = s.next()
		p.strict = p.strict && ok
	}
	if s.peek() == tagContext1P {
		_, _, ok = s.next()
		p.strict = p.strict && ok
	}
	p.strict = p.strict && s.empty()
	return p, true
}

// pkcs1Private holds the INTEGER contents of a PKCS#1 RSAPrivateKey.
type pkcs1Private struct {
	n, e, d, p, q []byte
	crt           [][]byte // dP, dQ, qInv: crypto/x509 accepts 0 to 3 of them
	other         [][]byte // primes of otherPrimeInfos (multi-prime keys)
	// strict: version 0 or 1 and nothing after the last field (of the key
	// or of an OtherPrimeInfo); crypto/x509 tolerates both.
	strict bool
}

// parsePKCS1Private parses the structure of a PKCS#1 RSAPrivateKey without
// any arithmetic: the integers are only checked to be minimally encoded.
func parsePKCS1Private(der []byte) (k pkcs1Private, ok bool) {
	s, ok := whole(der)
	if !ok {
		return k, false
	}
	version, ok := s.readInteger()
	if !ok {
		return k, false
	}
	v, ok := smallInt(version)
	if !ok || v > 1 {
		return k, false
	}
	k.strict = v >= 0
	for _, f := range []*[]byte{&k.n, &k.e, &k.d, &k.p, &k.q} {
		if *f, ok = s.readInteger(); !ok {
			return k, false
		}
	}
	for len(k.crt) < 3 && s.peek() == tagInteger {
		c, ok := s.readInteger()
		if !ok {
			return k, false
		}
		k.crt = append(k.crt, c)
	}
	if s.peek() == tagSequence {
		others, ok := s.readSequence()
		if !ok {
			return k, false
		}
		for !others.empty() {
			info, ok := others.readSequence()
			if !ok {
				return k, false
			}
			var prime []byte
			for i := range 3 { // prime, exponent, coefficient
				c, ok := info.readInteger()
				if !ok {
					return k, false
				}
				if i == 0 {
					prime = c
				}
			}
			k.strict = k.strict && info.empty()
			k.other = append(k.other, prime)
		}
	}
	k.strict = k.strict && s.empty()
	return k, true
}

// integers returns every INTEGER of the key but the version.
func (k *pkcs1Private) integers() [][]byte {
	all := make([][]byte, 0, 5+len(k.crt)+len(k.other))
	all = append(all, k.n, k.e, k.d, k.p, k.q)
	all = append(all, k.crt...)
	return append(all, k.other...)
}

// oversized reports whether an integer of the key is longer than any
// integer of a MaxKeyBits key.
func (k *pkcs1Private) oversized() bool {
	for _, c := range k.integers() {
		if len(c) > MaxKeyBits/8+1 {
			return true
		}
	}
	return false
}

// rsaKey builds and validates the key exactly as crypto/x509's
// ParsePKCS1PrivateKey does (same fields, Precompute, then Validate). The
// caller has checked oversized first.
func (k *pkcs1Private) rsaKey() (*rsa.PrivateKey, bool) {
	if !k.strict {
		return nil, false
	}
	for i, c := range k.integers() {
		if i != 1 && !positive(c) { // e (i == 1) is checked below
			return nil, false
		}
	}
	e, ok := smallInt(k.e)
	if !ok || e < 3 || e > 1<<31-1 {
		return nil, false // Validate would refuse it too
	}
	key := &rsa.PrivateKey{
		PublicKey: rsa.PublicKey{N: new(big.Int).SetBytes(k.n), E: int(e)},
		D:         new(big.Int).SetBytes(k.d),
		Primes:    []*big.Int{new(big.Int).SetBytes(k.p), new(big.Int).SetBytes(k.q)},
	}
	crt := []**big.Int{&key.Precomputed.Dp, &key.Precomputed.Dq, &key.Precomputed.Qinv}
	for i, c := range k.crt {
		*crt[i] = new(big.Int).SetBytes(c)
	}
	for _, c := range k.other {
		key.Primes = append(key.Primes, new(big.Int).SetBytes(c))
	}
	key.Precompute()
	if key.Validate() != nil {
		return nil, false
	}
	return key, true
}

// spkiInfo is a SubjectPublicKeyInfo, parsed leniently enough to name the
// algorithm of any well-formed one.
type spkiInfo struct {
	alg    algorithmIdentifier
	bits   []byte // BIT STRING contents, including the unused-bits octet
	strict bool   // nothing after the BIT STRING
}

func parseSPKI(der []byte) (p spkiInfo, ok bool) {
	s, ok := whole(der)
	if !ok {
		return p, false
	}
	if p.alg, ok = s.readAlgorithm(); !ok {
		return p, false
	}
	if p.bits, ok = s.read(tagBitString); !ok || len(p.bits) == 0 || p.bits[0] > 7 {
		return p, false
	}
	p.strict = s.empty()
	return p, true
}

// rsaPublicKey parses a PKCS#1 RSAPublicKey: a positive modulus and an
// exponent from 1 to 2³¹-1 (crypto/x509's rules; usablePublic narrows the
// exponent). It is ok for any SEQUENCE starting with two INTEGERs; strict
// reports that nothing follows them (crypto/x509 ignores what does).
func rsaPublicKey(der []byte) (key *rsa.PublicKey, strict, ok bool) {
	r := derReader(der)
	s, ok := r.readSequence()
	if !ok {
		return nil, false, false
	}
	n, ok := s.readInteger()
	if !ok {
		return nil, false, false
	}
	ec, ok := s.readInteger()
	if !ok {
		return nil, false, false
	}
	strict = s.empty() && r.empty()
	e, small := smallInt(ec)
	if !positive(n) || !small || e <= 0 || e > 1<<31-1 {
		return nil, strict, true
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(e)}, strict, true
}

// usablePublic explains why crypto/rsa could never verify with key, or
// returns "".
func usablePublic(key *rsa.PublicKey) string {
	if key.N.Bit(0) == 0 {
		return "RSA public key is invalid: its modulus is even"
	}
	if key.E < 3 || key.E&1 == 0 {
		return "RSA public key is invalid: its public exponent " + strconv.Itoa(key.E) +
			" must be odd and at least 3"
	}
	return ""
}

// isSEC1 reports whether der has the shape of a SEC 1 ECPrivateKey
// (RFC 5915): version 1, the private key, optional [0] parameters and [1]
// public key.
func isSEC1(der []byte) bool {
	s, ok := whole(der)
	if !ok {
		return false
	}
	if v, ok := s.readInteger(); !ok || len(v) != 1 || v[0] != 1 {
		return false
	}
	if _, ok := s.read(tagOctetString); !ok {
		return false
	}
	for _, tag := range []byte{tagContext0, tagContext1} {
		if s.peek() == tag {
			if _, _, ok := s.next(); !ok {
				return false
			}
		}
	}
	return s.empty()
}

// isCertificate reports whether der has the shape of an X.509 Certificate:
// SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE,
// signatureValue BIT STRING }.
func isCertificate(der []byte) bool {
	s, ok := whole(der)
	if !ok {
		return false
	}
	for _, tag := range []byte{tagSequence, tagSequence, tagBitString} {
		if _, ok := s.read(tag); !ok {
			return false
		}
	}
	return s.empty()
}

// DER writing (for Fingerprint and GenerateKeyPair): the output is byte for
// byte what crypto/x509's MarshalPKIXPublicKey and MarshalPKCS8PrivateKey
// produce (keygen_test.go checks it).

func appendDER(dst []byte, tag byte, contents ...[]byte) []byte {
	n := 0
	for _, c := range contents {
		n += len(c)
	}
	dst = append(dst, tag)
	switch {
	case n < 0x80:
		dst = append(dst, byte(n))
	case n < 1<<8:
		dst = append(dst, 0x81, byte(n))
	case n < 1<<16:
		dst = append(dst, 0x82, byte(n>>8), byte(n))
	default:
		dst = append(dst, 0x83, byte(n>>16), byte(n>>8), byte(n))
	}
	for _, c := range contents {
		dst = append(dst, c...)
	}
	return dst
}

// derInteger encodes a non-negative integer.
func derInteger(x *big.Int) []byte {
	b := x.Bytes()
	if len(b) == 0 || b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return appendDER(nil, tagInteger, b)
}

func rsaAlgorithm() []byte {
	return appendDER(nil, tagSequence, appendDER(nil, tagOID, oidRSA), derNull)
}

// marshalSPKI encodes an RSA public key as a SubjectPublicKeyInfo.
func marshalSPKI(key *rsa.PublicKey) []byte {
	pkcs1 := appendDER(nil, tagSequence, derInteger(key.N), derInteger(big.NewInt(int64(key.E))))
	return appendDER(nil, tagSequence, rsaAlgorithm(), appendDER(nil, tagBitString, []byte{0}, pkcs1))
}

// marshalPKCS8 encodes a two-prime RSA private key (with its CRT values,
// computed by Precompute) as a PKCS#8 PrivateKeyInfo.
func marshalPKCS8(key *rsa.PrivateKey) []byte {
	key.Precompute()
	pkcs1 := appendDER(nil, tagSequence,
		derInteger(new(big.Int)), // version 0: two primes
		derInteger(key.N), derInteger(big.NewInt(int64(key.E))), derInteger(key.D),
		derInteger(key.Primes[0]), derInteger(key.Primes[1]),
		derInteger(key.Precomputed.Dp), derInteger(key.Precomputed.Dq), derInteger(key.Precomputed.Qinv))
	return appendDER(nil, tagSequence, derInteger(new(big.Int)), rsaAlgorithm(), appendDER(nil, tagOctetString, pkcs1))
}
