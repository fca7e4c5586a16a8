package wiretags

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// emailSeeds are addresses on both sides of every branch of simpleEmail and of the
// built-in (quoted local parts, display names, domain literals, Unicode, trailing
// dots, hyphens at label edges, digits in the top-level domain).
var emailSeeds = []string{
	"test@gmail.com", "alipay@alipay.com", "a@b.co", "x.y+z@sub.example-shop.io",
	"{a}|b~c@d.ef", "o'brien@example.ie", "a!#$%&'*+-/=?^_`{|}~@x.yz",
	"", "@", "a@", "@b.c", "a@b", "a@b.", "a@b.c.", "a@.b.c", "a@b..c", ".a@b.c", "a.@b.c",
	"a..b@c.de", "a@-b.cd", "a@b-.cd", "a@b.c1", "a@b.1c", "a@1.2.3.4", "a@[1.2.3.4]",
	"\"a b\"@c.de", "\"\"@c.de", "A <a@b.cd>", "a@b.cd ", " a@b.cd", "a@b.cd (x)",
	"a@b@c.de", "ü@b.cd", "a@bü.cd", "a@b.cü", "a@b.c~d", "a@b.c.d-e", "a@b_c.de",
	"a@b.c-d", "a\x00@b.cd", "a@b.cd\n", "a@xn--bcher-kva.ch", "a@B.CD",
}

// FuzzEmail checks the registered email rule against validator's built-in on any
// string, and that every address simpleEmail decides is one the built-in accepts.
func FuzzEmail(f *testing.F) {
	for _, s := range emailSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := builtin().Var(s, "email") == nil
		require.Equal(t, want, v.Var(s, "email") == nil, "%q", s)
		if simpleEmail(s) {
			require.True(t, want, "simpleEmail accepts %q, validator's built-in does not", s)
		}
	})
}

// FuzzRules checks the registered numeric, alpha and printascii rules against
// validator's built-ins on any string.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"", "0", "10", "-1", "+1", "1.5", "-1.5", "1.", ".5", "1..2", "1.2.3", "+", "-", "+-1",
		"1e5", "0x10", " 1", "1 ", "١٢", "CN", "cn", "Cn", "C", "C1", "ÄB", "a b", "~", "\x7f",
		"\x1f", "\t", "abc\n", "héllo", "@[`{", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tag := range []string{"numeric", "alpha", "printascii"} {
			require.Equal(t, builtin().Var(s, tag) == nil, v.Var(s, tag) == nil, "%s %q", tag, s)
		}
	})
}

func TestRulesAgreeWithBuiltins(t *testing.T) {
	for _, s := range emailSeeds {
		require.Equal(t, builtin().Var(s, "email") == nil, v.Var(s, "email") == nil, "email %q", s)
	}
	// The common addresses never reach the built-in's regular expression.
	for _, s := range []string{"test@gmail.com", "alipay@alipay.com", "x.y+z@sub.example-shop.io"} {
		require.True(t, simpleEmail(s), s)
	}
	// Non-string kinds keep the built-ins' answers.
	require.NoError(t, v.Var(12, "numeric"))
	require.NoError(t, v.Var(1.5, "numeric"))
	require.Error(t, v.Var(12, "printascii"))
}

// BenchmarkEmail compares the registered rule with validator's built-in on the
// guide's buyer address.
func BenchmarkEmail(b *testing.B) {
	b.Run("registered", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = v.Var("alipay@alipay.com", "email")
		}
	})
	b.Run("builtin", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = builtin().Var("alipay@alipay.com", "email")
		}
	})
}
