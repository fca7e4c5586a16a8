// Package signature implements Antom (Alipay global acquiring) message
// signing and verification: the RSA256 scheme shared by every official Antom
// SDK.
//
// # Scheme
//
// The content to sign is
//
//	<METHOD> <path>\n<Client-Id>.<time>.<raw body>
//
// (one space, one LF, two dots, the body bytes exactly as sent). It is hashed
// with SHA-256 and signed with RSASSA-PKCS1-v1_5 (deterministic: the same key
// and content always give the same signature). The signature is encoded with
// standard base64 (with padding) and then URL-encoded, and sent as
//
//	Signature: algorithm=RSA256,keyVersion=1,signature=<encoded>
//
// together with Client-Id, Request-Time (epoch milliseconds) and
// Content-Type: application/json; charset=UTF-8.
//
// Antom signs its responses over "<METHOD> <request path>\n<client-id>.
// <response-time>.<body>" and its notifications over "POST <notify path>\n
// <client-id>.<request-time>.<body>"; see [VerifyResponse] and
// [VerifyNotification]. Always verify the raw body bytes before parsing them.
//
// # Decisions
//
// URL encoding: a standard-base64 string only contains A–Z a–z 0–9 + / =,
// and [EncodeSignature] replaces exactly '+'→"%2B", '/'→"%2F", '='→"%3D".
// For base64 input this is byte-for-byte what url.QueryEscape and Java's
// URLEncoder.encode produce, so the output matches every official SDK.
// [DecodeSignature] accepts both the URL-encoded and the raw form: it
// percent-decodes only when the value contains '%', never turns '+' into a
// space, and (to survive a proxy that did form-decoding) turns a space back
// into '+'. Padded and unpadded base64 are both accepted. Leniency in the
// encoding cannot weaken security: the decoded bytes must still verify.
//
// Key sizes: RSA keys of 1024 to 8192 bits are accepted ([MinKeyBits],
// [MaxKeyBits]); keys below 2048 bits ([RecommendedKeyBits]) are reported by
// the Weak methods, because the core does no logging of its own. Smaller
// keys are refused (crypto/rsa would refuse to use them anyway); larger
// ones are refused before any big-number arithmetic is spent validating
// them. [GenerateKeyPair] only makes 2048-, 3072- or 4096-bit keys.
//
// Key parsing does not use crypto/x509: a small strict DER parser (der.go)
// reads exactly the RSA formats listed at [ParsePrivateKey] and
// [ParsePublicKey], because crypto/x509 links ECDSA, the NIST curves,
// Ed25519, X25519, DSA and certificate parsing into every binary, about
// 2.3 MB of the WebAssembly module together with encoding/asn1. It accepts
// every key crypto/x509 accepts as RSA, with an equal key, except a few
// malformations that crypto/x509 tolerates (listed in der.go; checked by a
// differential test and fuzzing against crypto/x509). Private keys are
// validated as crypto/x509 does (rsa.PrivateKey.Precompute and Validate);
// public keys must also be usable by crypto/rsa (odd modulus, odd public
// exponent from 3 to 2³¹-1). GODEBUG=x509rsacrt=0 has no effect here.
//
// Header parsing ([ParseHeader]): parameters are split on ',' and each on its
// FIRST '=' (so raw base64 padding "==" survives); spaces and tabs around
// names, values and separators, empty parameters (a trailing comma),
// unknown parameters, any order and any letter case of parameter names are
// tolerated; a double-quoted value is unquoted. A repeated algorithm,
// keyVersion or signature parameter is rejected as malformed (which one
// would be verified is ambiguous). A missing algorithm parameter means
// RSA256, the only algorithm Antom uses; any other algorithm is refused.
//
// Times: a signed time is either epoch milliseconds as decimal digits or an
// RFC 3339 / ISO-8601 timestamp with a zone offset (with or without a colon,
// with or without fractional seconds). The core has no clock: the caller
// passes [VerifyOptions.Now]. Without a tolerance the time is signed but not
// interpreted at all.
//
// Keys: see [ParsePrivateKey] and [ParsePublicKey] for the accepted formats.
// Wrapper types redact themselves in every fmt verb and in log/slog, and no
// error message ever contains key material.
//
// # Purity
//
// The package does no I/O, reads no clock, keeps no mutable global state and
// starts no goroutines. It never imports the system random source: randomness
// for key generation is injected (but see [GenerateKeyPair] for what Go 1.26 does
// with it). Signing is deterministic and needs no randomness at all.
package signature
