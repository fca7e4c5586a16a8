package antom

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/money"
)

// jsonPaths lists the JSON paths of t's fields, "[]" for array elements. Types
// with their own decoding are leaves.
func jsonPaths(t reflect.Type, prefix string, seen map[reflect.Type]bool, out *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Slice {
		jsonPaths(t.Elem(), prefix+"[]", seen, out)
		return
	}
	if t.Kind() != reflect.Struct || seen[t] || t == reflect.TypeFor[Bool]() || t == reflect.TypeFor[Int]() {
		return
	}
	if t != reflect.TypeFor[money.Amount]() && t != reflect.TypeFor[ThreeDSResult]() && reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]()) {
		return
	}
	seen[t] = true
	defer delete(seen, t)
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			jsonPaths(f.Type, prefix, seen, out)
			continue
		}
		p := name
		if prefix != "" {
			p = prefix + "." + name
		}
		*out = append(*out, p)
		jsonPaths(f.Type, p, seen, out)
	}
}

// deliberateExtras are places (an API and a path, with everything below it) the wire
// model reads although Antom's specification does not define them there, each with
// its reason (docs/DECISIONS.md, "Edges: wire model").
var deliberateExtras = map[string]string{
	"notifyPayment actualPaymentAmount":    "in the Authorization payment guide's Korean notifyPayment sample",
	"notifyPayment cardInfo":               "in the guide's notifyPayment sample; the guide says the card token comes in cardInfo",
	"inquiryPayment paymentRedirectUrl":    "in the guide's Korean inquiryPayment sample",
	"inquiryPayment cardInfo.avsResultRaw": "the guide's samples repeat the check fields in cardInfo",
	"inquiryPayment cardInfo.cvvResultRaw": "the guide's samples repeat the check fields in cardInfo",
}

func extra(api, path string) bool {
	for p := path; p != ""; {
		if _, ok := deliberateExtras[api+" "+p]; ok {
			return true
		}
		i := strings.LastIndexAny(p, ".")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return false
}

// TestWireTypesMatchTheSpec checks every field of every response and notification
// type against Antom's field inventory: a field the specification does not define
// for that API is a slip, unless it is a deliberate extra with its reason.
func TestWireTypesMatchTheSpec(t *testing.T) {
	var all []string
	for _, tc := range []struct {
		api, part string
		typ       reflect.Type
	}{
		{"pay", "response", reflect.TypeFor[PayResponse]()},
		{"inquiryPayment", "response", reflect.TypeFor[InquiryPaymentResponse]()},
		{"capture", "response", reflect.TypeFor[CaptureResponse]()},
		{"cancel", "response", reflect.TypeFor[CancelResponse]()},
		{"refund", "response", reflect.TypeFor[RefundResponse]()},
		{"inquiryRefund", "response", reflect.TypeFor[InquiryRefundResponse]()},
		{"consult", "response", reflect.TypeFor[ConsultResponse]()},
		{"notifyPayment", "notification", reflect.TypeFor[PaymentNotification]()},
		{"notifyCapture", "notification", reflect.TypeFor[CaptureNotification]()},
		{"notifyRefund", "notification", reflect.TypeFor[RefundNotification]()},
		{"capture", "request", reflect.TypeFor[CaptureRequest]()},
		{"cancel", "request", reflect.TypeFor[CancelRequest]()},
		{"inquiryPayment", "request", reflect.TypeFor[InquiryPaymentRequest]()},
		{"inquiryRefund", "request", reflect.TypeFor[InquiryRefundRequest]()},
		{"refund", "request", reflect.TypeFor[RefundRequest]()},
		{"consult", "request", reflect.TypeFor[ConsultRequest]()},
		{"pay", "request", reflect.TypeFor[PayRequest]()},
	} {
		spec := SpecOf(tc.api, tc.part)
		var paths []string
		jsonPaths(tc.typ, "", map[reflect.Type]bool{}, &paths)
		sort.Strings(paths)
		for _, p := range paths {
			if _, ok := spec.Lookup(p); ok {
				continue
			}
			if extra(tc.api, p) {
				continue
			}
			if strings.HasPrefix(p, "paymentMethod.paymentMethodMetaData.") {
				continue // an open map in the specification
			}
			all = append(all, tc.api+" "+tc.part+": "+p)
		}
	}
	require.Empty(t, all, "fields not in Antom's specification")
}
