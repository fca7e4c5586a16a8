package wiretags

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/problem"
)

func TestCheckNamesFieldsByJSONPath(t *testing.T) {
	got := Check(&antom.Env{TerminalType: "TV", ClientIP: "x", UserAgent: strings.Repeat("a", 1025)}, "env")
	require.ElementsMatch(t, []problem.Violation{
		{Field: "env.terminalType", Rule: "oneof", Message: "must be one of WEB, WAP, APP, MINI_APP"},
		{Field: "env.userAgent", Rule: "max", Message: "must be at most 1024 characters"},
		{Field: "env.clientIp", Rule: "ip", Message: "must be an IPv4 or IPv6 address"},
	}, got)
	require.Empty(t, Check(&antom.Env{TerminalType: "WEB"}, "env"))
}

func TestAmountsUseMoneyRules(t *testing.T) {
	got := Check(&antom.Goods{ReferenceGoodsID: "g", GoodsName: "n", GoodsUnitAmount: &antom.Amount{Currency: "IDR", Value: "150"}}, "")
	require.Equal(t, []problem.Violation{{Field: "goodsUnitAmount.value", Rule: "idr_not_hundreds", Message: got[0].Message}}, got)
}

func TestAbsoluteURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://shop.example/return": true, "http://a.b": true, "/return": false, "ftp://a.b": false,
		"https://": false, "https://a.b/" + strings.Repeat("x", 2048): false, "javascript:alert(1)": false,
	} {
		require.Equal(t, want, AbsoluteURL(s, 2048), s)
	}
}

// The wire structs hand validator copies of themselves (antom's ValidatorValue):
// paths, rules and struct-level checks must come out as for the structs themselves.
func TestCopiesKeepPathsAndRules(t *testing.T) {
	order := &antom.Order{
		ReferenceOrderID: "o", OrderDescription: "d",
		OrderAmount: &antom.Amount{Currency: "EUR", Value: "0"},
		Goods: []antom.Goods{
			{ReferenceGoodsID: "g1", GoodsName: "n"},
			{ReferenceGoodsID: "g2", GoodsQuantity: "x", GoodsUnitAmount: &antom.Amount{Currency: "eur", Value: "1"}},
		},
		Buyer:    &antom.Buyer{BuyerEmail: "not an address", BuyerName: &antom.UserName{FirstName: strings.Repeat("a", 33)}},
		Shipping: &antom.Shipping{ShippingAddress: &antom.Address{Region: "cn"}},
	}
	got := Check(order, "order")
	var fields []string
	for _, v := range got {
		fields = append(fields, v.Field+" "+v.Rule)
	}
	require.ElementsMatch(t, []string{
		"order.orderAmount.value value_zero",
		"order.goods[1].goodsName required",
		"order.goods[1].goodsUnitAmount.currency currency_format",
		"order.goods[1].goodsQuantity numeric",
		"order.shipping.shippingAddress.region format",
		"order.buyer.buyerName.firstName max",
		"order.buyer.buyerEmail email",
	}, fields)
}
