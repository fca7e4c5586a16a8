package outcome

import (
	"strings"

	"github.com/paycore/paycore/core/antom"
)

// CardChecks is what the card network said about the checks done on the card: the
// address check (AVS), the security code check (CVV) and 3D Secure. Each part is
// present only when Antom reported it.
type CardChecks struct {
	AVS     *Check   `json:"avs,omitempty"`
	CVV     *Check   `json:"cvv,omitempty"`
	ThreeDS *ThreeDS `json:"threeDS,omitempty"`
}

// Check is one decoded AVS or CVV result. Raw is Antom's raw code (shown only
// when it is a short code); Matched says whether the check passed, absent when the
// check was not performed or its result is not a yes or no. For AVS, Address and
// PostalCode say which part matched, when the code says so.
type Check struct {
	Raw        string `json:"raw,omitempty"`
	Meaning    string `json:"meaning"`
	Matched    *bool  `json:"matched,omitempty"`
	Address    *bool  `json:"address,omitempty"`
	PostalCode *bool  `json:"postalCode,omitempty"`
}

// ThreeDS is the decoded 3D Secure result. Authentication is full, attempted, none
// or unknown (from the ECI: 05/02 full, 06/01 attempted, 07/00 none; Visa-family
// networks use 05/06/07, Mastercard 02/01/00).
type ThreeDS struct {
	ECI            string `json:"eci,omitempty"`
	Authentication string `json:"authentication"`
	Meaning        string `json:"meaning"`
	Version        string `json:"version,omitempty"`
}

// tri is a table's yes/no/not-said value; the tables stay immutable and each
// decoded Check gets its own *bool.
type tri int8

const (
	unsaid tri = iota
	yes
	no
)

func (t tri) ptr() *bool {
	if t == unsaid {
		return nil
	}
	v := t == yes
	return &v
}

type avsEntry struct {
	meaning                  string
	address, postal, matched tri
}

// avsCodes are the Visa/Mastercard single-letter AVS result codes.
var avsCodes = map[string]avsEntry{
	"A": {meaning: "street address matches, postal code does not", address: yes, postal: no, matched: no},
	"B": {meaning: "street address matches, postal code not verified (incompatible formats)", address: yes},
	"C": {meaning: "street address and postal code not verified (incompatible formats)"},
	"D": {meaning: "street address and postal code match (international)", address: yes, postal: yes, matched: yes},
	"E": {meaning: "AVS error, or AVS not allowed for this transaction"},
	"F": {meaning: "street address and postal code match (UK)", address: yes, postal: yes, matched: yes},
	"G": {meaning: "the issuer is outside the US and does not support AVS"},
	"I": {meaning: "address information not verified (international)"},
	"M": {meaning: "street address and postal code match (international)", address: yes, postal: yes, matched: yes},
	"N": {meaning: "neither the street address nor the postal code matches", address: no, postal: no, matched: no},
	"P": {meaning: "postal code matches, street address not verified (incompatible formats)", postal: yes},
	"R": {meaning: "issuer system unavailable or timed out; AVS can be retried"},
	"S": {meaning: "the issuer does not support AVS"},
	"U": {meaning: "address information unavailable at the issuer"},
	"W": {meaning: "nine-digit postal code matches, street address does not", address: no, postal: yes, matched: no},
	"X": {meaning: "street address and nine-digit postal code match", address: yes, postal: yes, matched: yes},
	"Y": {meaning: "street address and five-digit postal code match", address: yes, postal: yes, matched: yes},
	"Z": {meaning: "five-digit postal code matches, street address does not", address: no, postal: yes, matched: no},
}

type cvvEntry struct {
	meaning string
	matched tri
}

// cvvCodes are the card networks' CVV2/CVC2 result codes.
var cvvCodes = map[string]cvvEntry{
	"M": {meaning: "the security code matches", matched: yes},
	"Y": {meaning: "the security code matches", matched: yes},
	"N": {meaning: "the security code does not match", matched: no},
	"P": {meaning: "the security code was not processed"},
	"S": {meaning: "the security code should be on the card, but the merchant indicated it is not"},
	"U": {meaning: "the issuer is not certified for security code checks or has not provided keys"},
	"X": {meaning: "no security code response from the card network"},
}

// DecodeAVS decodes a raw AVS result (avsResultRaw). It returns nil for an empty
// value. An unrecognised code gets a Meaning that says so and no Matched.
func DecodeAVS(raw string) *Check {
	code, shown := normRaw(raw)
	if code == "" {
		return nil
	}
	e, ok := avsCodes[code]
	if !ok {
		return &Check{Raw: shown, Meaning: "unrecognised AVS result code"}
	}
	return &Check{Raw: shown, Meaning: e.meaning, Matched: e.matched.ptr(), Address: e.address.ptr(), PostalCode: e.postal.ptr()}
}

// DecodeCVV decodes a raw CVV result (cvvResultRaw). It returns nil for an empty
// value. An unrecognised code gets a Meaning that says so and no Matched.
func DecodeCVV(raw string) *Check {
	code, shown := normRaw(raw)
	if code == "" {
		return nil
	}
	e, ok := cvvCodes[code]
	if !ok {
		return &Check{Raw: shown, Meaning: "unrecognised CVV result code"}
	}
	return &Check{Raw: shown, Meaning: e.meaning, Matched: e.matched.ptr()}
}

// DecodeECI decodes a 3D Secure ECI into full, attempted, none or unknown, with a
// sentence. A single digit is read with a leading zero.
func DecodeECI(eci string) (authentication, meaning string) {
	e := strings.TrimSpace(eci)
	if len(e) == 1 {
		e = "0" + e
	}
	switch e {
	case "05":
		return "full", "fully authenticated with 3D Secure (ECI 05, Visa-family networks)"
	case "02":
		return "full", "fully authenticated with 3D Secure (ECI 02, Mastercard)"
	case "06":
		return "attempted", "3D Secure authentication attempted; the issuer or card did not take part (ECI 06, Visa-family networks)"
	case "01":
		return "attempted", "3D Secure authentication attempted; the issuer or card did not take part (ECI 01, Mastercard)"
	case "07":
		return "none", "not authenticated with 3D Secure (ECI 07, Visa-family networks)"
	case "00":
		return "none", "not authenticated with 3D Secure (ECI 00, Mastercard)"
	}
	return "unknown", "unrecognised ECI value"
}

// CheckCard decodes the checks of a paymentResultInfo and a cardInfo (either may
// be nil; paymentResultInfo wins field by field). It returns nil when neither
// reports any check.
func CheckCard(info *antom.PaymentResultInfo, card *antom.CardInfo) *CardChecks {
	var avs, cvv string
	var tds *antom.ThreeDSResult
	if card != nil {
		avs, cvv, tds = card.AvsResultRaw, card.CvvResultRaw, card.ThreeDSResult
	}
	if info != nil {
		if strings.TrimSpace(info.AvsResultRaw) != "" {
			avs = info.AvsResultRaw
		}
		if strings.TrimSpace(info.CvvResultRaw) != "" {
			cvv = info.CvvResultRaw
		}
		if reports3DS(info.ThreeDSResult) {
			tds = info.ThreeDSResult
		}
	}
	c := CardChecks{AVS: DecodeAVS(avs), CVV: DecodeCVV(cvv)}
	if reports3DS(tds) {
		t := &ThreeDS{Version: version(tds.ThreeDSVersion)}
		if strings.TrimSpace(tds.Eci) == "" {
			t.Authentication, t.Meaning = "unknown", "no ECI reported"
		} else {
			t.Authentication, t.Meaning = DecodeECI(tds.Eci)
			t.ECI, _ = shortCode(strings.TrimSpace(tds.Eci), 2)
		}
		c.ThreeDS = t
	}
	if c.AVS == nil && c.CVV == nil && c.ThreeDS == nil {
		return nil
	}
	return &c
}

func reports3DS(t *antom.ThreeDSResult) bool {
	return t != nil && (strings.TrimSpace(t.Eci) != "" || strings.TrimSpace(t.ThreeDSVersion) != "")
}

// normRaw trims and upper-cases a raw check code; shown is the code when it is a
// short alphanumeric code (safe to echo), else "".
func normRaw(raw string) (code, shown string) {
	code = strings.ToUpper(strings.TrimSpace(raw))
	shown, _ = shortCode(code, 4)
	return code, shown
}

// shortCode returns s when it is 1..max ASCII letters or digits; three or more
// characters need a letter (three or four digits could be a CVV).
func shortCode(s string, max int) (string, bool) {
	if s == "" || len(s) > max {
		return "", false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			letter = true
		case c >= '0' && c <= '9':
		default:
			return "", false
		}
	}
	if len(s) > 2 && !letter {
		return "", false
	}
	return s, true
}

// version returns a 3DS version such as "2.2.0" when it looks like one.
func version(v string) string {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > 10 {
		return ""
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(c >= '0' && c <= '9' || c == '.') {
			return ""
		}
	}
	if !strings.Contains(v, ".") {
		return "" // a version has a dot; bare digits could be anything (a CVV)
	}
	return v
}
