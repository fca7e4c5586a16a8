package signature

import (
	"bytes"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// KeyFormat names the textual encoding a key was parsed from.
type KeyFormat string

// The key formats recognised by ParsePrivateKey and ParsePublicKey.
const (
	// KeyFormatPKCS8Base64 is a PKCS#8 DER private key in base64 without PEM
	// armour: the Antom dashboard and Go/Java SDK format.
	KeyFormatPKCS8Base64 KeyFormat = "pkcs8-base64"
	// KeyFormatPKCS8PEM is a PEM "PRIVATE KEY" block (PKCS#8).
	KeyFormatPKCS8PEM KeyFormat = "pkcs8-pem"
	// KeyFormatPKCS1Base64 is a PKCS#1 DER RSA key (private or public) in
	// base64 without PEM armour.
	KeyFormatPKCS1Base64 KeyFormat = "pkcs1-base64"
	// KeyFormatPKCS1PEM is a PEM "RSA PRIVATE KEY" or "RSA PUBLIC KEY" block
	// (PKCS#1).
	KeyFormatPKCS1PEM KeyFormat = "pkcs1-pem"
	// KeyFormatSPKIBase64 is a SubjectPublicKeyInfo DER public key in base64
	// without PEM armour: the format of the Antom public key in the
	// dashboard.
	KeyFormatSPKIBase64 KeyFormat = "spki-base64"
	// KeyFormatSPKIPEM is a PEM "PUBLIC KEY" block (SubjectPublicKeyInfo).
	KeyFormatSPKIPEM KeyFormat = "spki-pem"
	// KeyFormatDerived marks a public key derived from a private key rather
	// than parsed from text.
	KeyFormatDerived KeyFormat = "derived"
)

// Key size limits, in bits.
const (
	// MinKeyBits is the smallest RSA key accepted (crypto/rsa refuses
	// smaller keys anyway).
	MinKeyBits = 1024
	// RecommendedKeyBits is the size Antom issues and GenerateKeyPair
	// defaults to; smaller keys are accepted but reported as Weak.
	RecommendedKeyBits = 2048
	// MaxKeyBits is the largest RSA key accepted.
	MaxKeyBits = 8192
)

// maxKeyText bounds the size of key text accepted; an 8192-bit PKCS#8 PEM
// key is about 6.5 KB.
const maxKeyText = 64 << 10

// PrivateKey is a parsed RSA private key. It never reveals key material: its
// String, GoString, Format and LogValue methods print only the key size and
// format.
type PrivateKey struct {
	key    *rsa.PrivateKey
	format KeyFormat
}

// PublicKey is a parsed RSA public key.
type PublicKey struct {
	key    *rsa.PublicKey
	format KeyFormat
}

// Bits returns the RSA modulus size in bits (0 for a nil key).
func (k *PrivateKey) Bits() int {
	if k == nil || k.key == nil || k.key.N == nil {
		return 0
	}
	return k.key.N.BitLen()
}

// KeyFormat reports the format the key was parsed from.
func (k *PrivateKey) KeyFormat() KeyFormat {
	if k == nil {
		return ""
	}
	return k.format
}

// Weak reports whether the key is shorter than RecommendedKeyBits. Weak keys
// are accepted (Antom's older keys may be 1024-bit) but callers should warn.
func (k *PrivateKey) Weak() bool { return k.Bits() < RecommendedKeyBits }

// Public returns the matching public key (nil for a nil key).
func (k *PrivateKey) Public() *PublicKey {
	if k == nil || k.key == nil {
		return nil
	}
	pub := k.key.PublicKey
	return &PublicKey{key: &pub, format: KeyFormatDerived}
}

// String returns a redacted description such as
// "RSA-2048 private key (pkcs8-base64, redacted)".
func (k *PrivateKey) String() string {
	if k == nil || k.key == nil {
		return "<nil private key>"
	}
	return "RSA-" + strconv.Itoa(k.Bits()) + " private key (" + string(k.format) + ", redacted)"
}

// GoString implements fmt.GoStringer with the same redaction as String.
func (k *PrivateKey) GoString() string {
	return "signature.PrivateKey(" + k.String() + ")"
}

// Format implements fmt.Formatter: every verb prints the redacted String
// (GoString for %#v), so no verb can reveal key material.
func (k *PrivateKey) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, k.GoString())
		return
	}
	_, _ = io.WriteString(f, k.String())
}

// LogValue implements slog.LogValuer with the redacted String.
func (k *PrivateKey) LogValue() slog.Value { return slog.StringValue(k.String()) }

// Bits returns the RSA modulus size in bits (0 for a nil key).
func (k *PublicKey) Bits() int {
	if k == nil || k.key == nil || k.key.N == nil {
		return 0
	}
	return k.key.N.BitLen()
}

// KeyFormat reports the format the key was parsed from.
func (k *PublicKey) KeyFormat() KeyFormat {
	if k == nil {
		return ""
	}
	return k.format
}

// Weak reports whether the key is shorter than RecommendedKeyBits.
func (k *PublicKey) Weak() bool { return k.Bits() < RecommendedKeyBits }

// RSA returns the underlying *rsa.PublicKey (nil for a nil key). The caller
// must not modify it.
func (k *PublicKey) RSA() *rsa.PublicKey {
	if k == nil {
		return nil
	}
	return k.key
}

// Fingerprint returns the lowercase hex SHA-256 of the key's
// SubjectPublicKeyInfo DER encoding (as `openssl pkey -pubin -outform DER |
// sha256sum` prints), or "" for a nil key. Use it to tell keys apart in logs.
func (k *PublicKey) Fingerprint() string {
	if k == nil || k.key == nil {
		return ""
	}
	sum := sha256.Sum256(marshalSPKI(k.key))
	return hex.EncodeToString(sum[:])
}

// String returns a description such as "RSA-2048 public key (spki-base64)".
func (k *PublicKey) String() string {
	if k == nil || k.key == nil {
		return "<nil public key>"
	}
	return "RSA-" + strconv.Itoa(k.Bits()) + " public key (" + string(k.format) + ")"
}

// GoString implements fmt.GoStringer.
func (k *PublicKey) GoString() string {
	return "signature.PublicKey(" + k.String() + ")"
}

// Format implements fmt.Formatter consistently with String and GoString.
func (k *PublicKey) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, k.GoString())
		return
	}
	_, _ = io.WriteString(f, k.String())
}

// LogValue implements slog.LogValuer.
func (k *PublicKey) LogValue() slog.Value { return slog.StringValue(k.String()) }

// ParsePrivateKey parses a merchant RSA private key. Accepted formats:
//
//   - base64 PKCS#8 DER without PEM armour (Antom dashboard, Go/Java SDKs);
//   - base64 PKCS#1 DER without armour;
//   - PEM "PRIVATE KEY" (PKCS#8) or "RSA PRIVATE KEY" (PKCS#1); the PEM
//     label is a hint only, the DER decides.
//
// Whitespace and line breaks anywhere in the base64, a UTF-8 BOM, unpadded
// or URL-safe base64, a PEM written on one line, and a PEM whose line breaks
// were escaped as the two characters `\n` (as environment variables often
// carry them) are tolerated. Anything else — an EC, Ed25519 or X25519 key, a
// public key or certificate, an encrypted or OpenSSH key, bad base64,
// truncated DER, an RSA key outside [MinKeyBits, MaxKeyBits] — yields an
// *Error with ReasonBadKey whose message says why and never quotes the input.
func ParsePrivateKey(s string) (*PrivateKey, error) {
	der, label, isPEM, e := decodeKeyText(s)
	if e != nil {
		return nil, e
	}
	switch label {
	case "PUBLIC KEY", "RSA PUBLIC KEY":
		return nil, badKey("public key given where a private key is expected (PEM " + label + ")")
	case "CERTIFICATE":
		return nil, badKey("X.509 certificate given where a private key is expected")
	case "EC PRIVATE KEY":
		return nil, badKey("EC key: Antom uses RSA")
	case "OPENSSH PRIVATE KEY":
		return nil, badKey("OpenSSH key format is not supported: convert it to PKCS#8 (ssh-keygen -p -m PKCS8)")
	}
	if msg := derShape(der); msg != "" {
		return nil, badKey(msg)
	}
	if oversizedPrivate(der) {
		return nil, badKey("RSA key is larger than the supported maximum of " + strconv.Itoa(MaxKeyBits) + " bits")
	}
	key, pkcs8, msg := parsePrivateDER(der)
	if msg != "" {
		return nil, badKey(msg)
	}
	if msg := checkBits(key.N.BitLen()); msg != "" {
		return nil, badKey(msg)
	}
	return &PrivateKey{key: key, format: keyFormat(pkcs8, isPEM, "pkcs8")}, nil
}

// ParsePublicKey parses an RSA public key (normally the Antom public key
// from the dashboard). Accepted formats:
//
//   - base64 SubjectPublicKeyInfo DER without armour (Antom dashboard);
//   - base64 PKCS#1 RSAPublicKey DER without armour;
//   - PEM "PUBLIC KEY" (SPKI) or "RSA PUBLIC KEY" (PKCS#1).
//
// The same tolerance and error rules as ParsePrivateKey apply; in
// particular a private key given here is refused (with a message that does
// not quote it).
func ParsePublicKey(s string) (*PublicKey, error) {
	der, label, isPEM, e := decodeKeyText(s)
	if e != nil {
		return nil, e
	}
	switch label {
	case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY":
		return nil, badKey("private key given where a public key is expected (PEM " + label + "); never share or configure the private key here")
	case "CERTIFICATE":
		return nil, badKey("X.509 certificate given where a public key is expected: extract the key (openssl x509 -pubkey -noout)")
	}
	if msg := derShape(der); msg != "" {
		return nil, badKey(msg)
	}
	key, spki, msg := parsePublicDER(der)
	if msg != "" {
		return nil, badKey(msg)
	}
	if msg := checkBits(key.N.BitLen()); msg != "" {
		return nil, badKey(msg)
	}
	if msg := usablePublic(key); msg != "" {
		return nil, badKey(msg)
	}
	return &PublicKey{key: key, format: keyFormat(spki, isPEM, "spki")}, nil
}

func keyFormat(primary, isPEM bool, primaryName string) KeyFormat {
	name := "pkcs1"
	if primary {
		name = primaryName
	}
	if isPEM {
		return KeyFormat(name + "-pem")
	}
	return KeyFormat(name + "-base64")
}

func checkBits(bits int) string {
	switch {
	case bits < MinKeyBits:
		return "RSA-" + strconv.Itoa(bits) + " key is too small: at least " +
			strconv.Itoa(MinKeyBits) + " bits are required (" + strconv.Itoa(RecommendedKeyBits) + " recommended)"
	case bits > MaxKeyBits:
		return "RSA-" + strconv.Itoa(bits) + " key is larger than the supported maximum of " +
			strconv.Itoa(MaxKeyBits) + " bits"
	}
	return ""
}

// oversizedPrivate reports whether der is a PKCS#8 or PKCS#1 RSA private
// key with an integer longer than MaxKeyBits, so that a huge (hostile or
// corrupted) key is refused before any big-number arithmetic.
func oversizedPrivate(der []byte) bool {
	inner := der
	if p8, ok := parsePKCS8(der); ok {
		inner = p8.privateKey
	}
	k, ok := parsePKCS1Private(inner)
	return ok && k.oversized()
}

// parsePrivateDER parses a PKCS#8 or PKCS#1 RSA private key (see der.go for
// the exact rules), or explains what der is instead. The caller has checked
// oversizedPrivate.
func parsePrivateDER(der []byte) (key *rsa.PrivateKey, pkcs8 bool, msg string) {
	if p8, ok := parsePKCS8(der); ok {
		if !bytes.Equal(p8.alg.oid, oidRSA) {
			return nil, false, algorithmName(p8.alg.oid) + " key: Antom uses RSA"
		}
		if p8.strict && (p8.alg.params == nil || bytes.Equal(p8.alg.params, derNull)) {
			if k, ok := parsePKCS1Private(p8.privateKey); ok {
				if key, ok := k.rsaKey(); ok {
					return key, true, ""
				}
			}
		}
		return nil, false, "PKCS#8 RSA private key is invalid (corrupt or inconsistent key parameters)"
	}
	if k, ok := parsePKCS1Private(der); ok {
		if key, ok := k.rsaKey(); ok {
			return key, false, ""
		}
	} else if isSEC1(der) {
		return nil, false, "EC key: Antom uses RSA"
	} else if isPublicDER(der) {
		return nil, false, "public key given where a private key is expected"
	} else if isCertificate(der) {
		return nil, false, "X.509 certificate given where a private key is expected"
	}
	return nil, false, "not an RSA private key: the DER is neither PKCS#8 nor PKCS#1 (corrupt data, or an invalid RSA key)"
}

// isPublicDER reports whether der is shaped like a public key: a
// SubjectPublicKeyInfo of any algorithm or a PKCS#1 RSAPublicKey.
func isPublicDER(der []byte) bool {
	if _, ok := parseSPKI(der); ok {
		return true
	}
	_, strict, ok := rsaPublicKey(der)
	return ok && strict
}

// isPrivateDER reports whether der is shaped like a private key: PKCS#8 of
// any algorithm, PKCS#1 RSAPrivateKey (valid or not, of any size) or SEC 1.
func isPrivateDER(der []byte) bool {
	if _, ok := parsePKCS8(der); ok {
		return true
	}
	if _, ok := parsePKCS1Private(der); ok {
		return true
	}
	return isSEC1(der)
}

// parsePublicDER parses a SubjectPublicKeyInfo or PKCS#1 RSA public key (see
// der.go for the exact rules), or explains what der is instead.
func parsePublicDER(der []byte) (key *rsa.PublicKey, spki bool, msg string) {
	if sp, ok := parseSPKI(der); ok {
		if !bytes.Equal(sp.alg.oid, oidRSA) {
			return nil, false, algorithmName(sp.alg.oid) + " public key: Antom uses RSA"
		}
		if sp.strict && !sp.alg.extra && bytes.Equal(sp.alg.params, derNull) && sp.bits[0] == 0 {
			if k, strict, _ := rsaPublicKey(sp.bits[1:]); k != nil && strict {
				return k, true, ""
			}
		}
		return nil, false, "SPKI RSA public key is invalid (corrupt modulus or exponent)"
	}
	if k, strict, ok := rsaPublicKey(der); ok && strict {
		if k == nil {
			return nil, false, "PKCS#1 RSA public key is invalid (corrupt modulus or exponent)"
		}
		return k, false, ""
	}
	if isPrivateDER(der) {
		return nil, false, "private key given where a public key is expected; never share or configure the private key here"
	}
	if isCertificate(der) {
		return nil, false, "X.509 certificate given where a public key is expected: extract the key (openssl x509 -pubkey -noout)"
	}
	return nil, false, "not an RSA public key: the DER is neither SubjectPublicKeyInfo nor PKCS#1 (corrupt data?)"
}

// decodeKeyText turns key text (PEM or bare base64) into DER. label is the
// PEM block type ("" for bare base64).
func decodeKeyText(s string) (der []byte, label string, isPEM bool, e *Error) {
	if len(s) > maxKeyText {
		return nil, "", false, badKey("key text is " + strconv.Itoa(len(s)) +
			" bytes, longer than any supported RSA key (max " + strconv.Itoa(maxKeyText) + ")")
	}
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "\ufeff"))
	if t == "" {
		return nil, "", false, badKey("empty key")
	}
	if strings.Contains(t, "-----BEGIN") {
		der, label, msg := decodePEM(t)
		if msg != "" {
			return nil, "", true, badKey(msg)
		}
		return der, label, true, nil
	}
	if strings.Contains(t, "-----") {
		return nil, "", false, badKey("looks like PEM but has no -----BEGIN line (truncated?)")
	}
	der, msg := decodeBase64Lenient(t)
	if msg != "" {
		return nil, "", false, badKey(msg)
	}
	return der, "", false, nil
}

func decodePEM(t string) (der []byte, label, msg string) {
	if strings.Contains(t, `\n`) {
		t = strings.ReplaceAll(strings.ReplaceAll(t, `\r`, ""), `\n`, "\n")
	}
	block, rest := pem.Decode([]byte(t))
	if block == nil {
		return decodeLoosePEM(t)
	}
	if bytes.Contains(rest, []byte("-----BEGIN")) {
		return nil, "", "more than one PEM block: give exactly one key"
	}
	if block.Type == "ENCRYPTED PRIVATE KEY" || block.Headers["Proc-Type"] != "" {
		return nil, "", "encrypted private key: export it unencrypted (openssl pkcs8 -topk8 -nocrypt)"
	}
	return block.Bytes, block.Type, ""
}

// decodeLoosePEM handles armour that encoding/pem refuses: a PEM written on
// one line, missing line breaks, or a damaged body (to explain why).
func decodeLoosePEM(t string) (der []byte, label, msg string) {
	const begin, end, dashes = "-----BEGIN ", "-----END ", "-----"
	i := strings.Index(t, begin)
	if i < 0 {
		return nil, "", "malformed PEM armour: no -----BEGIN line"
	}
	rest := t[i+len(begin):]
	j := strings.Index(rest, dashes)
	if j < 0 {
		return nil, "", "malformed PEM armour: unterminated -----BEGIN line"
	}
	label = rest[:j]
	if len(label) > 40 || strings.ContainsAny(label, "\r\n") {
		return nil, "", "malformed PEM armour: bad -----BEGIN line"
	}
	body := rest[j+len(dashes):]
	k := strings.Index(body, end)
	if k < 0 {
		return nil, "", "truncated PEM: no -----END line"
	}
	if !strings.HasPrefix(body[k+len(end):], label+dashes) {
		return nil, "", "malformed PEM armour: the -----END label does not match the -----BEGIN label"
	}
	if label == "ENCRYPTED PRIVATE KEY" || strings.Contains(body[:k], "Proc-Type:") {
		return nil, "", "encrypted private key: export it unencrypted (openssl pkcs8 -topk8 -nocrypt)"
	}
	if strings.Contains(body[k+len(end)+len(label)+len(dashes):], begin) {
		return nil, "", "more than one PEM block: give exactly one key"
	}
	der, msg = decodeBase64Lenient(body[:k])
	if msg != "" {
		return nil, "", "PEM body: " + msg
	}
	return der, label, ""
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// decodeBase64Lenient decodes base64 key text, ignoring whitespace, and
// accepting padded or unpadded, standard or URL-safe alphabets. The message
// never quotes the input.
func decodeBase64Lenient(s string) ([]byte, string) {
	clean := make([]byte, 0, len(s))
	urlSafe, std := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isSpace(c):
			continue
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '=':
		case c == '+' || c == '/':
			std = true
		case c == '-' || c == '_':
			urlSafe = true
		default:
			return nil, "not base64: invalid character at offset " + strconv.Itoa(i)
		}
		clean = append(clean, c)
	}
	if len(clean) == 0 {
		return nil, "empty key"
	}
	if std && urlSafe {
		return nil, "not base64: mixes the standard and URL-safe alphabets"
	}
	enc := base64.StdEncoding
	if urlSafe {
		enc = base64.URLEncoding
	}
	if bytes.IndexByte(clean, '=') < 0 {
		enc = enc.WithPadding(base64.NoPadding)
	}
	out := make([]byte, enc.DecodedLen(len(clean)))
	n, err := enc.Decode(out, clean)
	if err != nil {
		if len(clean)%4 == 1 {
			return nil, "not base64: length " + strconv.Itoa(len(clean)) + " is impossible for base64 (truncated?)"
		}
		if bytes.IndexByte(clean, '=') >= 0 && len(clean)%4 != 0 {
			return nil, "not base64: padded base64 of length " + strconv.Itoa(len(clean)) + " is not a multiple of 4 (truncated?)"
		}
		if ce, ok := err.(base64.CorruptInputError); ok {
			return nil, "not base64: corrupt input at offset " + strconv.FormatInt(int64(ce), 10) + " (truncated or damaged?)"
		}
		return nil, "not base64"
	}
	return out[:n], ""
}

// derShape checks the outer DER SEQUENCE so that truncation and trailing
// garbage get a precise message. It returns "" if the shape is fine.
func derShape(der []byte) string {
	if len(der) < 2 {
		return "too short to be a key (" + strconv.Itoa(len(der)) + " bytes)"
	}
	if der[0] != 0x30 {
		return "decoded bytes are not a DER key (no ASN.1 SEQUENCE at the start; double-encoded or not a key?)"
	}
	hdr, n := 2, int(der[1])
	if n >= 0x80 {
		k := n & 0x7f
		if k == 0 || k > 3 {
			return "malformed DER: bad length encoding"
		}
		if len(der) < 2+k {
			return "truncated DER: length field cut off"
		}
		n = 0
		for _, b := range der[2 : 2+k] {
			n = n<<8 | int(b)
		}
		hdr = 2 + k
	}
	switch total := hdr + n; {
	case total > len(der):
		return "truncated DER: the key declares " + strconv.Itoa(total) + " bytes but only " +
			strconv.Itoa(len(der)) + " are present"
	case total < len(der):
		return "malformed DER: " + strconv.Itoa(len(der)-total) + " unexpected bytes after the key"
	}
	return ""
}
