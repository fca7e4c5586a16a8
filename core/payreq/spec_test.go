package payreq

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/antom"
)

// specSample is a value of the declared JSON type.
func specSample(t antom.JSONType) any {
	switch t {
	case antom.TypeString:
		return "x"
	case antom.TypeNumber:
		return 1
	case antom.TypeBoolean:
		return true
	case antom.TypeArray:
		return []any{}
	}
	return map[string]any{}
}

// nest builds the smallest request holding value at an inventory path.
func nest(path string, value any) map[string]any {
	root := map[string]any{}
	cur := root
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		name, isArray := strings.CutSuffix(seg, "[]")
		if i == len(segs)-1 {
			cur[name] = value
			break
		}
		next := map[string]any{}
		if isArray {
			cur[name] = []any{next}
		} else {
			cur[name] = next
		}
		cur = next
	}
	return root
}

// TestEveryInventoryFieldIsKnown walks every field of Antom's pay request inventory
// through pay.validate, one field at a time with a value of its declared type: none
// is an unknown key and none has the wrong type.
func TestEveryInventoryFieldIsKnown(t *testing.T) {
	spec := antom.SpecOf("pay", "request")
	require.Greater(t, len(spec), 400)
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for _, f := range spec {
		raw, err := json.Marshal(nest(f.Path, specSample(f.Type)))
		require.NoError(t, err)
		res, perr := concrete(Validate(raw, now, ""))
		require.Nil(t, perr, f.Path)
		for _, v := range append(res.Violations, res.Warnings...) {
			require.NotEqual(t, "unknown_field", v.Rule, "%s (%s): %s: %s", f.Path, f.Type, v.Field, v.Message)
			if v.Rule == "type" {
				require.NotEqual(t, strings.ReplaceAll(f.Path, "[]", "[0]"), v.Field, "%s (%s): %s", f.Path, f.Type, v.Message)
			}
		}
	}
}

func TestSpecKeysAreCheckedAndHinted(t *testing.T) {
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, req, field, rule string
		violation              bool
	}{
		{"spec-only key, right type", `{"order":{"shipping":{"shippingNumber":"7"}}}`, "", "", false},
		{"spec-only key, wrong type", `{"order":{"merchant":{"merchantType":7}}}`, "order.merchant.merchantType", "type", true},
		{"spec-only object walked", `{"agreementInfo":{"authStat":"x"}}`, "agreementInfo.authStat", "unknown_field", true},
		{"spec-only array of objects walked", `{"order":{"transit":{"legs":[{"classTyp":"x"}]}}}`, "order.transit.legs[0].classTyp", "unknown_field", true},
		{"a typo of a spec-only key", `{"order":{"shipping":{"shippingNumbr":"7"}}}`, "order.shipping.shippingNumbr", "unknown_field", true},
		{"a key nowhere in the spec", `{"order":{"zzzzzzzz":1}}`, "order.zzzzzzzz", "unknown_field", false},
		{"metadata is an open map", `{"paymentMethod":{"paymentMethodMetaData":{"expiryYaer":"29"}}}`, "paymentMethod.paymentMethodMetaData.expiryYaer", "unknown_field", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, perr := concrete(Validate([]byte(tc.req), now, ""))
			require.Nil(t, perr)
			for _, v := range append(res.Violations, res.Warnings...) {
				if v.Rule == "unknown_field" || v.Rule == "type" {
					require.Equal(t, tc.field, v.Field, "only the named field is unknown or mistyped: %+v", v)
				}
			}
			if tc.field == "" {
				return
			}
			list := res.Warnings
			if tc.violation {
				list = res.Violations
			}
			found := false
			for _, v := range list {
				found = found || v.Field == tc.field && v.Rule == tc.rule
			}
			require.True(t, found, "%+v", res)
		})
	}
}
