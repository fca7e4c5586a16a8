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
