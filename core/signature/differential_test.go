package signature

// Differential tests of the DER key parser (der.go) against crypto/x509: the
// package parsed keys with crypto/x509 until the parser replaced it to keep
// crypto/x509 out of the WebAssembly module. legacyParsePrivate and
// legacyParsePublic below are the former implementation, verbatim apart from
// names. The contract:
//
//   - every DER that crypto/x509 accepted as an RSA key (within the size
//     limits) is accepted with an equal key and the same format, unless it
//     uses one of the tolerances der.go documents as refused (x509Tolerance
//     detects them independently, with encoding/asn1), and then it is refused;
//   - everything the parser accepts, crypto/x509 accepted, with an equal key;
//   - a refused input gets the same message as before, except where
//     messageChangeAllowed says why not.

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"strings"
	"testing"
)

// ---- the former crypto/x509 implementation ----

type legacyPKCS8 struct {
	Version    int
	Algo       pkix.AlgorithmIdentifier
	PrivateKey []byte
}

type legacySPKI struct {
	Algorithm pkix.AlgorithmIdentifier
	PublicKey asn1.BitString
}

type legacyPKCS1Sizes struct {
	Version                     int
	N, E, D, P, Q, Dp, Dq, Qinv asn1.RawValue
}

func legacyAlgorithmName(oid asn1.ObjectIdentifier) string {
	switch oid.String() {
	case "1.2.840.10045.2.1":
		return "EC"
	case "1.3.101.112":
		return "Ed25519"
	case "1.3.101.110":
		return "X25519"
	case "1.2.840.10040.4.1":
		return "DSA"
	case "1.2.840.113549.1.1.10":
		return "RSA-PSS"
	}
	return "non-RSA"
}

func legacyOversizedPrivate(der []byte) bool {
	inner := der
	var p8 legacyPKCS8
	if rest, err := asn1.Unmarshal(der, &p8); err == nil && len(rest) == 0 {
		inner = p8.PrivateKey
	}
	var p1 legacyPKCS1Sizes
	if _, err := asn1.Unmarshal(inner, &p1); err != nil {
		return false
	}
	for _, v := range [...]asn1.RawValue{p1.N, p1.E, p1.D, p1.P, p1.Q, p1.Dp, p1.Dq, p1.Qinv} {
		if len(v.Bytes) > MaxKeyBits/8+1 {
			return true
		}
	}
	return false
}

func legacyParsePrivateDER(der []byte) (key *rsa.PrivateKey, pkcs8 bool, msg string) {
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		switch k := k.(type) {
		case *rsa.PrivateKey:
			return k, true, ""
		case *ecdsa.PrivateKey:
			return nil, false, "EC key: Antom uses RSA"
		case ed25519.PrivateKey:
			return nil, false, "Ed25519 key: Antom uses RSA"
		case *ecdh.PrivateKey:
			return nil, false, "X25519 key: Antom uses RSA"
		default:
			return nil, false, "unsupported key type in PKCS#8: Antom uses RSA"
		}
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, false, ""
	}
	var p8 legacyPKCS8
	if rest, err := asn1.Unmarshal(der, &p8); err == nil && len(rest) == 0 {
		if p8.Algo.Algorithm.String() == "1.2.840.113549.1.1.1" {
			return nil, false, "PKCS#8 RSA private key is invalid (corrupt or inconsistent key parameters)"
		}
		return nil, false, legacyAlgorithmName(p8.Algo.Algorithm) + " key: Antom uses RSA"
	}
	if _, err := x509.ParseECPrivateKey(der); err == nil {
		return nil, false, "EC key: Antom uses RSA"
	}
	if legacyIsPublicDER(der) {
		return nil, false, "public key given where a private key is expected"
	}
	if _, err := x509.ParseCertificate(der); err == nil {
		return nil, false, "X.509 certificate given where a private key is expected"
	}
	return nil, false, "not an RSA private key: the DER is neither PKCS#8 nor PKCS#1 (corrupt data, or an invalid RSA key)"
}

func legacyIsPublicDER(der []byte) bool {
	if _, err := x509.ParsePKIXPublicKey(der); err == nil {
		return true
	}
	_, err := x509.ParsePKCS1PublicKey(der)
	return err == nil
}

func legacyIsPrivateDER(der []byte) bool {
	var p8 legacyPKCS8
	if rest, err := asn1.Unmarshal(der, &p8); err == nil && len(rest) == 0 {
		return true
	}
	if legacyOversizedPrivate(der) {
		return true
	}
	if _, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return true
	}
	_, err := x509.ParseECPrivateKey(der)
	return err == nil
}

func legacyParsePublicDER(der []byte) (key *rsa.PublicKey, spki bool, msg string) {
	if k, err := x509.ParsePKIXPublicKey(der); err == nil {
		switch k := k.(type) {
		case *rsa.PublicKey:
			return k, true, ""
		case *ecdsa.PublicKey:
			return nil, false, "EC public key: Antom uses RSA"
		case ed25519.PublicKey:
			return nil, false, "Ed25519 public key: Antom uses RSA"
		case *ecdh.PublicKey:
			return nil, false, "X25519 public key: Antom uses RSA"
		default:
			return nil, false, "unsupported public key type: Antom uses RSA"
		}
	}
	if k, err := x509.ParsePKCS1PublicKey(der); err == nil {
		return k, false, ""
	}
	if legacyIsPrivateDER(der) {
		return nil, false, "private key given where a public key is expected; never share or configure the private key here"
	}
	var sp legacySPKI
	if rest, err := asn1.Unmarshal(der, &sp); err == nil && len(rest) == 0 {
		if sp.Algorithm.Algorithm.String() == "1.2.840.113549.1.1.1" {
			return nil, false, "SPKI RSA public key is invalid (corrupt modulus or exponent)"
		}
		return nil, false, legacyAlgorithmName(sp.Algorithm.Algorithm) + " public key: Antom uses RSA"
	}
	if _, err := x509.ParseCertificate(der); err == nil {
		return nil, false, "X.509 certificate given where a public key is expected: extract the key (openssl x509 -pubkey -noout)"
	}
	return nil, false, "not an RSA public key: the DER is neither SubjectPublicKeyInfo nor PKCS#1 (corrupt data?)"
}

// legacyParsePrivate is the former ParsePrivateKey after the text was decoded
// (decodeKeyText and derShape are unchanged and shared).
func legacyParsePrivate(der []byte) (*rsa.PrivateKey, bool, string) {
	if msg := derShape(der); msg != "" {
		return nil, false, msg
	}
	if legacyOversizedPrivate(der) {
		return nil, false, "RSA key is larger than the supported maximum of 8192 bits"
	}
	key, pkcs8, msg := legacyParsePrivateDER(der)
	if msg == "" {
		msg = checkBits(key.N.BitLen())
	}
	if msg != "" {
		return nil, false, msg
	}
	return key, pkcs8, ""
}

func legacyParsePublic(der []byte) (*rsa.PublicKey, bool, string) {
	if msg := derShape(der); msg != "" {
		return nil, false, msg
	}
	key, spki, msg := legacyParsePublicDER(der)
	if msg == "" {
		msg = checkBits(key.N.BitLen())
	}
	if msg != "" {
		return nil, false, msg
	}
	return key, spki, ""
}

// ---- the tolerances der.go documents as refused, detected independently ----

// asn1Elements splits the contents of a constructed element into its
// elements with encoding/asn1.
func asn1Elements(b []byte) ([]asn1.RawValue, bool) {
	var out []asn1.RawValue
	for len(b) > 0 {
		var v asn1.RawValue
		rest, err := asn1.Unmarshal(b, &v)
		if err != nil {
			return nil, false
		}
		out = append(out, v)
		b = rest
	}
	return out, true
}

func isUniversal(v asn1.RawValue, tag int) bool {
	return v.Class == asn1.ClassUniversal && v.Tag == tag
}

// x509Tolerance returns which documented tolerance of crypto/x509 an RSA key
// that crypto/x509 accepted relies on, or "" if none.
func x509Tolerance(der []byte, public, spkiOrPKCS8 bool) string {
	var top asn1.RawValue
	if _, err := asn1.Unmarshal(der, &top); err != nil {
		return "unparsable" // cannot happen for an accepted key
	}
	el, ok := asn1Elements(top.Bytes)
	if !ok {
		return "trailing garbage in the SEQUENCE"
	}
	algorithm := func(v asn1.RawValue, needNull bool) string {
		a, ok := asn1Elements(v.Bytes)
		switch {
		case !ok || len(a) > 2:
			return "elements after the AlgorithmIdentifier parameters"
		case len(a) == 2 && !bytes.Equal(a[1].FullBytes, []byte{5, 0}):
			return "RSA parameters other than NULL"
		case len(a) == 1 && needNull:
			return "missing NULL"
		}
		return ""
	}
	switch {
	case public && spkiOrPKCS8:
		if len(el) != 2 {
			return "elements after the SubjectPublicKeyInfo BIT STRING"
		}
		if why := algorithm(el[0], true); why != "" {
			return why
		}
		var bits asn1.BitString
		if _, err := asn1.Unmarshal(el[1].FullBytes, &bits); err != nil || len(el[1].Bytes) == 0 || el[1].Bytes[0] != 0 {
			return "BIT STRING with unused bits"
		}
		return x509Tolerance(el[1].Bytes[1:], true, false)
	case public:
		var inner asn1.RawValue
		if rest, err := asn1.Unmarshal(der, &inner); err != nil || len(rest) != 0 {
			return "bytes after the RSAPublicKey"
		}
		if len(el) != 2 {
			return "elements after the RSAPublicKey exponent"
		}
		return ""
	case spkiOrPKCS8:
		var version int
		if _, err := asn1.Unmarshal(el[0].FullBytes, &version); err != nil || version < 0 || version > 1 {
			return "PKCS#8 version other than 0 or 1"
		}
		if why := algorithm(el[1], false); why != "" {
			return why
		}
		rest := el[3:]
		if len(rest) > 0 && rest[0].Class == asn1.ClassContextSpecific && rest[0].Tag == 0 && rest[0].IsCompound {
			rest = rest[1:]
		}
		if len(rest) > 0 && rest[0].Class == asn1.ClassContextSpecific && rest[0].Tag == 1 && !rest[0].IsCompound {
			rest = rest[1:]
		}
		if len(rest) > 0 {
			return "elements after the PKCS#8 privateKey other than RFC 5958 attributes and publicKey"
		}
		return x509Tolerance(el[2].Bytes, false, false)
	}
	// PKCS#1 RSAPrivateKey.
	var version int
	if _, err := asn1.Unmarshal(el[0].FullBytes, &version); err != nil || version < 0 {
		return "negative PKCS#1 version"
	}
	i := 6
	for n := 0; n < 3 && i < len(el) && isUniversal(el[i], asn1.TagInteger); n++ {
		i++
	}
	if i < len(el) && isUniversal(el[i], asn1.TagSequence) {
		infos, ok := asn1Elements(el[i].Bytes)
		if !ok {
			return "garbage in otherPrimeInfos"
		}
		for _, info := range infos {
			if f, ok := asn1Elements(info.Bytes); !ok || len(f) != 3 {
				return "elements after an OtherPrimeInfo coefficient"
			}
		}
		i++
	}
	if i != len(el) {
		return "elements after the RSAPrivateKey"
	}
	return ""
}

// unusablePublic reports whether crypto/rsa refuses to verify with the key.
func unusablePublic(k *rsa.PublicKey) bool {
	return k.N.Bit(0) == 0 || k.E < 3 || k.E%2 == 0 || k.E > 1<<31-1
}

// messageChangeAllowed explains a refusal message that differs from the
// former one, or returns "" if the difference is a regression.
func messageChangeAllowed(der []byte, public bool, old, now string) string {
	switch {
	case strings.Contains(now, "RSA public key is invalid: its"):
		return "crypto/x509 accepted the key; crypto/rsa could never verify with it"
	case now == "SPKI RSA public key is invalid (corrupt modulus or exponent)",
		now == "PKCS#8 RSA private key is invalid (corrupt or inconsistent key parameters)",
		now == "PKCS#1 RSA public key is invalid (corrupt modulus or exponent)":
		return "a documented refusal of a key crypto/x509 accepted or classified differently"
	case !public && now == "private key given where a public key is expected; never share or configure the private key here":
		return "cannot happen"
	case public && now == "private key given where a public key is expected; never share or configure the private key here",
		!public && old == "public key given where a private key is expected",
		!public && now == "public key given where a private key is expected":
		// The shapes are recognised by structure now, crypto/x509 needed a
		// valid key (a PKCS#1 RSAPrivateKey that fails Validate was "neither
		// PKCS#8 nor PKCS#1" before).
		return "shape-based classification"
	case strings.HasSuffix(now, "Antom uses RSA") || strings.HasSuffix(old, "Antom uses RSA"),
		strings.HasPrefix(now, "not an RSA") || strings.HasPrefix(old, "not an RSA"),
		strings.Contains(now, "certificate given") || strings.Contains(old, "certificate given"):
		// Classification of non-RSA or damaged input: crypto/x509 (through
		// encoding/asn1) tolerated trailing elements, needed a valid
		// certificate or EC key, and its DSA keys were "unsupported".
		return "classification of a non-RSA or damaged key"
	case strings.Contains(old, "larger than the supported maximum") && strings.Contains(now, "larger than the supported maximum"):
		return "oversized"
	}
	return ""
}

func privateKeysEqual(a, b *rsa.PrivateKey) bool {
	if !a.Equal(b) || len(a.Primes) != len(b.Primes) {
		return false
	}
	eq := func(x, y *big.Int) bool { return (x == nil) == (y == nil) && (x == nil || x.Cmp(y) == 0) }
	return eq(a.Precomputed.Dp, b.Precomputed.Dp) && eq(a.Precomputed.Dq, b.Precomputed.Dq) &&
		eq(a.Precomputed.Qinv, b.Precomputed.Qinv)
}

// diffPrivate checks one DER private key input against the former
// implementation and returns a description of any violation.
func diffPrivate(der []byte) string {
	if len(der) == 0 {
		return "" // "empty key" before any DER: not the parser's business
	}
	oldKey, oldPKCS8, oldMsg := legacyParsePrivate(der)
	k, err := ParsePrivateKey(base64.StdEncoding.EncodeToString(der))
	switch {
	case oldKey != nil && err == nil:
		if !privateKeysEqual(oldKey, k.key) {
			return "different keys"
		}
		if want := keyFormat(oldPKCS8, false, "pkcs8"); k.format != want {
			return "format " + string(k.format) + ", crypto/x509 " + string(want)
		}
		if why := x509Tolerance(der, false, oldPKCS8); why != "" {
			return "accepted a documented refusal: " + why
		}
	case oldKey != nil:
		if why := x509Tolerance(der, false, oldPKCS8); why == "" {
			return "refused a key crypto/x509 accepts: " + err.Error()
		}
	case err == nil:
		return "accepted a key crypto/x509 refuses (" + oldMsg + ")"
	default:
		now := err.(*Error).Message
		if now != oldMsg && messageChangeAllowed(der, false, oldMsg, now) == "" {
			return "message changed: was " + oldMsg + "; now " + now
		}
	}
	return ""
}

func diffPublic(der []byte) string {
	if len(der) == 0 {
		return ""
	}
	oldKey, oldSPKI, oldMsg := legacyParsePublic(der)
	k, err := ParsePublicKey(base64.StdEncoding.EncodeToString(der))
	switch {
	case oldKey != nil && err == nil:
		if !oldKey.Equal(k.key) {
			return "different keys"
		}
		if want := keyFormat(oldSPKI, false, "spki"); k.format != want {
			return "format " + string(k.format) + ", crypto/x509 " + string(want)
		}
		if why := x509Tolerance(der, true, oldSPKI); why != "" {
			return "accepted a documented refusal: " + why
		}
		if unusablePublic(k.key) {
			return "accepted an unusable key"
		}
	case oldKey != nil:
		if x509Tolerance(der, true, oldSPKI) == "" && !unusablePublic(oldKey) {
			return "refused a key crypto/x509 accepts: " + err.Error()
		}
	case err == nil:
		return "accepted a key crypto/x509 refuses (" + oldMsg + ")"
	default:
		now := err.(*Error).Message
		if now != oldMsg && messageChangeAllowed(der, true, oldMsg, now) == "" {
			return "message changed: was " + oldMsg + "; now " + now
		}
	}
	return ""
}

// ---- inputs ----

func testKeyDER(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile("../../testvectors/keys/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	if blk, _ := pem.Decode(b); blk != nil {
		return blk.Bytes
	}
	der, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		tb.Fatal(err)
	}
	return der
}

// tlv is a tiny DER builder for the structured test inputs.
func tlv(tag byte, parts ...[]byte) []byte { return appendDER(nil, tag, parts...) }

func derInt(x *big.Int) []byte { return derInteger(x) }

func derSmall(v int64) []byte {
	b, _ := asn1.Marshal(v)
	return b
}

// keyDERs returns the DER of every test key plus structured variants that
// exercise each rule of der.go and each tolerance of crypto/x509.
func keyDERs(tb testing.TB) (private, public [][]byte) {
	tb.Helper()
	names := []string{
		"merchant_private_pkcs8.b64", "merchant_private_pkcs8.pem", "merchant_private_pkcs1.pem",
		"antom_private_pkcs8.b64", "rsa1024_private_pkcs8.pem", "rsa512_private_pkcs8.pem",
		"ec_private.pem", "ed25519_private.pem",
		"merchant_public_spki.b64", "merchant_public.pem", "antom_public_spki.b64", "antom_public.pem",
		"rsa512_public.pem", "ec_public.pem",
	}
	var all [][]byte
	for _, n := range names {
		all = append(all, testKeyDER(tb, n))
	}
	rk, err := x509.ParsePKCS8PrivateKey(testKeyDER(tb, "merchant_private_pkcs8.b64"))
	if err != nil {
		tb.Fatal(err)
	}
	k := rk.(*rsa.PrivateKey)
	k1024, err := x509.ParsePKCS8PrivateKey(testKeyDER(tb, "rsa1024_private_pkcs8.pem"))
	if err != nil {
		tb.Fatal(err)
	}
	ints := func(k *rsa.PrivateKey) [][]byte {
		return [][]byte{derInt(k.N), derSmall(int64(k.E)), derInt(k.D), derInt(k.Primes[0]), derInt(k.Primes[1]),
			derInt(k.Precomputed.Dp), derInt(k.Precomputed.Dq), derInt(k.Precomputed.Qinv)}
	}
	pkcs1 := func(version []byte, fields [][]byte, tail ...[]byte) []byte {
		return tlv(tagSequence, append(append([][]byte{version}, fields...), tail...)...)
	}
	kf := ints(k)
	nullAlg := tlv(tagSequence, tlv(tagOID, oidRSA), derNull)
	pkcs8 := func(version []byte, alg, inner []byte, tail ...[]byte) []byte {
		return tlv(tagSequence, append([][]byte{version, alg, tlv(tagOctetString, inner)}, tail...)...)
	}
	good1 := pkcs1(derSmall(0), kf)
	oct := func(b []byte) []byte { return tlv(tagOctetString, b) }
	// A multi-prime key (deprecated, but PKCS#1 v2 and crypto/x509 support it).
	//lint:ignore SA1019 the legacy multi-prime format is what is tested
	mp, err := rsa.GenerateMultiPrimeKey(rand.Reader, 3, 1024)
	if err != nil {
		tb.Fatal(err)
	}
	mpDER := x509.MarshalPKCS1PrivateKey(mp)
	mp8, err := x509.MarshalPKCS8PrivateKey(mp)
	if err != nil {
		tb.Fatal(err)
	}
	other := tlv(tagSequence, tlv(tagSequence, derInt(k.Primes[0]), derInt(k.D), derInt(k.D)))
	// Keys with odd exponents and moduli (valid structure; unusable or not).
	pub := func(n *big.Int, e int64) []byte { return tlv(tagSequence, derInt(n), derSmall(e)) }
	spki := func(alg, bits []byte, tail ...[]byte) []byte {
		return tlv(tagSequence, append([][]byte{alg, tlv(tagBitString, bits)}, tail...)...)
	}
	zero := func(b []byte) []byte { return append([]byte{0}, b...) }
	evenN := new(big.Int).Lsh(k.N, 1)
	private = append(all,
		good1,
		pkcs1(derSmall(1), kf),                          // version 1, two primes
		pkcs1(derSmall(-1), kf),                         // negative version: crypto/x509 tolerance
		pkcs1(derSmall(2), kf),                          // version 2
		pkcs1(derSmall(0), kf[:5]),                      // no CRT values
		pkcs1(derSmall(0), kf[:6]),                      // dP only
		pkcs1(derSmall(0), kf[:7]),                      // dP, dQ
		pkcs1(derSmall(0), kf, tlv(tagNull)),            // trailing element
		pkcs1(derSmall(0), kf, tlv(tagSequence)),        // empty otherPrimeInfos
		pkcs1(derSmall(1), kf, other),                   // bogus third prime
		pkcs1(derSmall(0), kf[:5], tlv(tagOctetString)), // trailing element where the CRT values belong
		pkcs1(derSmall(0), append(append([][]byte{}, kf[:1]...), append([][]byte{derSmall(3)}, kf[2:]...)...)),                                 // wrong e
		pkcs1(derSmall(0), append(append([][]byte{}, kf[:1]...), append([][]byte{derInt(new(big.Int).Lsh(big.NewInt(1), 70))}, kf[2:]...)...)), // huge e
		pkcs1(derSmall(0), append([][]byte{derSmall(-5)}, kf[1:]...)),                                                                          // negative n
		mpDER, mp8,
		pkcs8(derSmall(0), nullAlg, good1),
		pkcs8(derSmall(1), nullAlg, good1),
		pkcs8(derSmall(2), nullAlg, good1),
		pkcs8(derSmall(-1), nullAlg, good1),
		pkcs8(derSmall(0), tlv(tagSequence, tlv(tagOID, oidRSA)), good1),                      // no parameters
		pkcs8(derSmall(0), tlv(tagSequence, tlv(tagOID, oidRSA), derSmall(0)), good1),         // INTEGER parameters
		pkcs8(derSmall(0), tlv(tagSequence, tlv(tagOID, oidRSA), derNull, derNull), good1),    // extra element
		pkcs8(derSmall(0), nullAlg, good1, tlv(tagContext0, tlv(tagSequence))),                // attributes
		pkcs8(derSmall(1), nullAlg, good1, tlv(tagContext0), tlv(tagContext1P, []byte{0, 1})), // attributes, publicKey
		pkcs8(derSmall(1), nullAlg, good1, tlv(tagContext1P, []byte{0})),                      // publicKey
		pkcs8(derSmall(0), nullAlg, good1, derNull),                                           // trailing element
		pkcs8(derSmall(0), nullAlg, good1, tlv(tagContext1P), tlv(tagContext0)),               // wrong order
		pkcs8(derSmall(0), nullAlg, append(append([]byte{}, good1...), 0)),                    // trailing byte inside
		pkcs8(derSmall(0), tlv(tagSequence, tlv(tagOID, oidDSA)), good1),
		pkcs8(derSmall(0), tlv(tagSequence, tlv(tagOID, oidRSAPSS)), good1),
		pkcs8(derSmall(0), tlv(tagSequence, tlv(tagOID, oidX25519)), oct(make([]byte, 32))),
		pkcs8(derSmall(0), tlv(tagSequence, tlv(tagOID, []byte{0x2a, 3})), good1),
		pkcs8(derSmall(0), nullAlg, pkcs1(derSmall(0), ints(k1024.(*rsa.PrivateKey)))),
		tlv(tagSequence, derSmall(1), oct(make([]byte, 32))), // SEC 1 shape, no curve
		pub(k.N, 65537),
	)
	public = append(all,
		pub(k.N, 65537),
		pub(k.N, 3),
		pub(k.N, 1),
		pub(k.N, 2),
		pub(k.N, 65536),
		pub(k.N, 1<<31-1),
		pub(k.N, 1<<31+1),
		pub(k.N, 1<<40+1),
		pub(k.N, -65537),
		pub(evenN, 65537),
		tlv(tagSequence, derInt(k.N), derSmall(65537), derNull), // trailing element
		spki(nullAlg, zero(pub(k.N, 65537))),
		spki(nullAlg, zero(pub(k.N, 1<<31+1))),
		spki(nullAlg, zero(pub(k.N, 1<<40+1))),
		spki(nullAlg, zero(pub(k.N, 4))),
		spki(nullAlg, zero(pub(evenN, 65537))),
		spki(nullAlg, zero(append(pub(k.N, 65537), 0))),                                                                         // trailing byte in BIT STRING
		spki(nullAlg, zero(tlv(tagSequence, derInt(k.N), derSmall(65537), derNull))),                                            // trailing element
		spki(nullAlg, zero(pub(k.N, 65537)), derNull),                                                                           // element after BIT STRING
		spki(tlv(tagSequence, tlv(tagOID, oidRSA)), zero(pub(k.N, 65537))),                                                      // no NULL
		spki(tlv(tagSequence, tlv(tagOID, oidRSA), derNull, derNull), zero(pub(k.N, 65537))),                                    // extra element
		spki(nullAlg, append([]byte{4}, shiftLeft(pub(k.N, 65537), 4)...)),                                                      // unused bits
		spki(tlv(tagSequence, tlv(tagOID, oidDSA)), zero(pub(k.N, 65537))),                                                      // DSA
		spki(tlv(tagSequence, tlv(tagOID, oidEd25519)), zero(make([]byte, 32))),                                                 // Ed25519
		spki(tlv(tagSequence, tlv(tagOID, oidX25519)), zero(make([]byte, 32))),                                                  // X25519
		spki(tlv(tagSequence, tlv(tagOID, oidEC), tlv(tagOID, []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 3, 1, 7})), zero([]byte{4})), // bad EC point
		good1, pkcs8(derSmall(0), nullAlg, good1), mpDER,
	)
	return private, public
}

// shiftLeft returns b shifted left by n < 8 bits, with n zero bits appended
// (a BIT STRING body with n unused bits that right-aligns back to b).
func shiftLeft(b []byte, n uint) []byte {
	out := make([]byte, len(b)+1)
	for i := range b {
		out[i] |= b[i] >> (8 - n)
		out[i+1] = b[i] << n
	}
	if out[0] == 0 {
		return out[1:]
	}
	return out
}

// mutations returns single-byte corruptions of der (at every byte below
// dense, then every step-th byte) and truncations.
func mutations(der []byte, dense, step int) [][]byte {
	var out [][]byte
	for i := 0; i < len(der); i++ {
		if i >= dense && i%step != 0 {
			continue
		}
		for _, f := range []func(byte) byte{
			func(b byte) byte { return b ^ 0x01 }, func(b byte) byte { return b ^ 0x80 },
			func(byte) byte { return 0 }, func(byte) byte { return 0xff },
		} {
			m := append([]byte(nil), der...)
			if m[i] = f(m[i]); !bytes.Equal(m, der) {
				out = append(out, m)
			}
		}
	}
	for _, n := range []int{1, 2, 10, len(der) / 2} {
		if n < len(der) {
			out = append(out, der[:len(der)-n])
		}
	}
	return out
}

func TestDifferentialAgainstX509(t *testing.T) {
	private, public := keyDERs(t)
	var accepted, refusedDocumented int
	check := func(what string, in []byte, diff func([]byte) string) {
		t.Helper()
		if why := diff(in); why != "" {
			t.Errorf("%s %x: %s", what, in, why)
		}
	}
	for _, d := range private {
		check("private", d, diffPrivate)
		if k, _, _ := legacyParsePrivate(d); k != nil {
			if _, err := ParsePrivateKey(base64.StdEncoding.EncodeToString(d)); err == nil {
				accepted++
			} else {
				refusedDocumented++
			}
		}
	}
	for _, d := range public {
		check("public", d, diffPublic)
		if k, _, _ := legacyParsePublic(d); k != nil {
			if _, err := ParsePublicKey(base64.StdEncoding.EncodeToString(d)); err == nil {
				accepted++
			} else {
				refusedDocumented++
			}
		}
	}
	t.Logf("%d keys accepted by both, %d accepted by crypto/x509 and refused as documented", accepted, refusedDocumented)
	if accepted < 20 || refusedDocumented < 15 {
		t.Errorf("the structured inputs no longer cover both sides: %d accepted, %d documented refusals", accepted, refusedDocumented)
	}
	// Byte mutations of every input: every byte of the first 160 (the
	// structure and the start of the modulus), then every 61st.
	dense, step := 160, 61
	if testing.Short() {
		dense, step = 40, 211
	}
	n := 0
	for _, set := range []struct {
		name string
		ders [][]byte
		diff func([]byte) string
	}{{"private", private, diffPrivate}, {"public", public, diffPublic}} {
		for _, d := range set.ders {
			for _, m := range mutations(d, dense, step) {
				check(set.name+" mutation", m, set.diff)
				n++
			}
		}
	}
	t.Logf("%d mutations checked", n)
}

func addDERSeeds(f *testing.F, ders [][]byte) {
	for _, d := range ders {
		f.Add(d)
	}
}

// FuzzDifferentialPrivate and FuzzDifferentialPublic mutate DER key inputs
// and compare the parser with crypto/x509 (see the top of this file).
func FuzzDifferentialPrivate(f *testing.F) {
	private, public := keyDERs(f)
	addDERSeeds(f, private)
	addDERSeeds(f, public[len(public)-3:])
	f.Fuzz(func(t *testing.T, d []byte) {
		if why := diffPrivate(d); why != "" {
			t.Fatalf("%x: %s", d, why)
		}
	})
}

func FuzzDifferentialPublic(f *testing.F) {
	private, public := keyDERs(f)
	addDERSeeds(f, public)
	addDERSeeds(f, private[:8])
	f.Fuzz(func(t *testing.T, d []byte) {
		if why := diffPublic(d); why != "" {
			t.Fatalf("%x: %s", d, why)
		}
	})
}

// ---- marshalling ----

func TestMarshalMatchesX509(t *testing.T) {
	var keys []*rsa.PrivateKey
	for _, n := range []string{"merchant_private_pkcs8.b64", "antom_private_pkcs8.b64", "rsa1024_private_pkcs8.pem", "rsa512_private_pkcs8.pem"} {
		k, err := x509.ParsePKCS8PrivateKey(testKeyDER(t, n))
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(*rsa.PrivateKey))
	}
	for _, bits := range []int{2048, 3072} {
		kp, err := GenerateKeyPair(rand.Reader, bits)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, kp.Private.key)
		privDER, _ := base64.StdEncoding.DecodeString(kp.PrivateKeyBase64)
		k, err := x509.ParsePKCS8PrivateKey(privDER)
		if err != nil || !privateKeysEqual(k.(*rsa.PrivateKey), kp.Private.key) {
			t.Fatalf("x509 does not parse the generated private key back: %v", err)
		}
		pubDER, _ := base64.StdEncoding.DecodeString(kp.PublicKeyBase64)
		pk, err := x509.ParsePKIXPublicKey(pubDER)
		if err != nil || !pk.(*rsa.PublicKey).Equal(kp.Public.key) {
			t.Fatalf("x509 does not parse the generated public key back: %v", err)
		}
		blk, _ := pem.Decode([]byte(kp.PrivateKeyPEM))
		if blk == nil || blk.Type != "PRIVATE KEY" || !bytes.Equal(blk.Bytes, privDER) {
			t.Fatal("private PEM")
		}
		blk, _ = pem.Decode([]byte(kp.PublicKeyPEM))
		if blk == nil || blk.Type != "PUBLIC KEY" || !bytes.Equal(blk.Bytes, pubDER) {
			t.Fatal("public PEM")
		}
	}
	// A key with e = 3 and one whose exponent needs a leading zero octet.
	keys = append(keys, &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: keys[0].N, E: 3}, D: keys[0].D, Primes: keys[0].Primes})
	keys = append(keys, &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: keys[0].N, E: 1<<31 - 1}, D: keys[0].D, Primes: keys[0].Primes})
	for i, k := range keys {
		want, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		if got := marshalSPKI(&k.PublicKey); !bytes.Equal(got, want) {
			t.Errorf("key %d: SPKI differs from crypto/x509", i)
		}
		if k.Validate() != nil {
			continue // MarshalPKCS8PrivateKey needs a valid key
		}
		want, err = x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		if got := marshalPKCS8(k); !bytes.Equal(got, want) {
			t.Errorf("key %d: PKCS#8 differs from crypto/x509", i)
		}
	}
	// Lengths in every form appendDER writes.
	for _, n := range []int{0, 1, 127, 128, 255, 256, 65535, 65536} {
		b := make([]byte, n)
		want, _ := asn1.Marshal(b)
		if got := appendDER(nil, tagOctetString, b); !bytes.Equal(got, want) {
			t.Errorf("length %d encoded as % x, want % x", n, got[:min(6, len(got))], want[:min(6, len(want))])
		}
		r := derReader(want)
		c, ok := r.read(tagOctetString)
		if !ok || len(c) != n || !r.empty() {
			t.Errorf("length %d does not read back", n)
		}
	}
}

// TestDERReaderStrict covers the DER rules with minimal inputs.
func TestDERReaderStrict(t *testing.T) {
	for _, tc := range []struct {
		in []byte
		ok bool
	}{
		{[]byte{0x04, 0x00}, true},
		{[]byte{0x04, 0x01, 0xaa}, true},
		{[]byte{0x04, 0x81, 0x01, 0xaa}, false}, // long form for a short length
		{[]byte{0x04, 0x82, 0x00, 0x80}, false}, // leading zero length octet
		{[]byte{0x04, 0x80, 0x00, 0x00}, false}, // indefinite length
		{[]byte{0x04, 0x02, 0xaa}, false},       // truncated
		{[]byte{0x04}, false},                   // no length
		{[]byte{0x1f, 0x81, 0x00, 0x00}, false}, // high tag number form
		{[]byte{0x04, 0x84, 0, 0, 0, 1}, false}, // four length octets
		{[]byte{0x04, 0x84, 0xff, 0xff, 0xff, 0xff}, false},
		{[]byte{0x04, 0x83, 0x7f, 0xff}, false}, // length octets cut off
	} {
		r := derReader(tc.in)
		_, ok := r.read(tagOctetString)
		if ok != tc.ok {
			t.Errorf("% x: ok %v, want %v", tc.in, ok, tc.ok)
		}
	}
	for _, tc := range []struct {
		in       []byte
		minimal  bool
		positive bool
	}{
		{[]byte{0x00}, true, false},
		{[]byte{0x01}, true, true},
		{[]byte{0x80}, true, false},
		{[]byte{0x00, 0x80}, true, true},
		{[]byte{0x00, 0x7f}, false, true},
		{[]byte{0xff, 0x80}, false, false},
		{[]byte{0xff, 0x7f}, true, false},
	} {
		if got := minimalInteger(tc.in); got != tc.minimal {
			t.Errorf("minimalInteger(% x) = %v", tc.in, got)
		}
		if tc.minimal && positive(tc.in) != tc.positive {
			t.Errorf("positive(% x) = %v", tc.in, !tc.positive)
		}
	}
	for _, v := range []int64{0, 1, -1, 127, 128, -128, -129, 65537, 1<<31 - 1, -1 << 63, 1<<63 - 1} {
		b, _ := asn1.Marshal(v)
		got, ok := smallInt(b[2:])
		if !ok || got != v {
			t.Errorf("smallInt(%d) = %d, %v", v, got, ok)
		}
	}
	if _, ok := smallInt(make([]byte, 9)); ok {
		t.Error("smallInt accepted 9 octets")
	}
}
