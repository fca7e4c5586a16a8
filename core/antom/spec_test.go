package antom

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSpecLookupAndChildren(t *testing.T) {
	pay := SpecOf("pay", "request")
	for _, tc := range []struct {
		path string
		want JSONType
		ok   bool
	}{
		{"order.goods[3].goodsName", TypeString, true},
		{"order.goods[].goodsName", TypeString, true},
		{"env.colorDepth", TypeString, true},
		{"env.timeZoneOffset", TypeNumber, true},
		{"paymentMethod.paymentMethodMetaData", TypeMap, true},
		{"order.shipping.shippingAddress.address3", TypeString, true},
		{"order.nothing", "", false},
	} {
		got, ok := pay.Lookup(tc.path)
		require.Equal(t, tc.ok, ok, tc.path)
		require.Equal(t, tc.want, got, tc.path)
	}
	require.Contains(t, pay.Children("order.goods[0]"), "goodsName")
	require.Contains(t, pay.Children(""), "paymentRequestId")
	require.NotContains(t, pay.Children(""), "goodsName")
	require.Nil(t, SpecOf("nothing", "request"))
	for _, api := range []string{"pay", "capture", "cancel", "inquiryPayment", "refund", "inquiryRefund", "consult"} {
		require.NotEmpty(t, SpecOf(api, "request"), api)
		require.NotEmpty(t, SpecOf(api, "response"), api)
	}
	for _, api := range []string{"notifyPayment", "notifyCapture", "notifyRefund"} {
		require.NotEmpty(t, SpecOf(api, "notification"), api)
	}
	require.Equal(t, "a[].b[].c", SpecPath("a[0].b[12].c"))
}
