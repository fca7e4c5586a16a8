package outcome

import (
	"testing"

	"github.com/paycore/paycore/core/antom"
	"github.com/stretchr/testify/require"
)

func b(v bool) *bool { return &v }

func TestDecodeAVS(t *testing.T) {
	cases := []struct {
		raw                      string
		matched, address, postal *bool
	}{
		{"A", b(false), b(true), b(false)},
		{"B", nil, b(true), nil},
		{"C", nil, nil, nil},
		{"D", b(true), b(true), b(true)},
		{"E", nil, nil, nil},
		{"F", b(true), b(true), b(true)},
		{"G", nil, nil, nil},
		{"I", nil, nil, nil},
		{"M", b(true), b(true), b(true)},
		{"N", b(false), b(false), b(false)},
		{"P", nil, nil, b(true)},
		{"R", nil, nil, nil},
		{"S", nil, nil, nil},
		{"U", nil, nil, nil},
		{"W", b(false), b(false), b(true)},
		{"X", b(true), b(true), b(true)},
		{"Y", b(true), b(true), b(true)},
		{"Z", b(false), b(false), b(true)},
		{" y ", b(true), b(true), b(true)},
	}
	for _, c := range cases {
		t.Run(c.raw, func(t *testing.T) {
			got := DecodeAVS(c.raw)
			require.NotNil(t, got)
			require.NotEmpty(t, got.Meaning)
			require.NotContains(t, got.Meaning, "unrecognised")
			require.Equal(t, c.matched, got.Matched)
			require.Equal(t, c.address, got.Address)
			require.Equal(t, c.postal, got.PostalCode)
		})
	}
	require.Nil(t, DecodeAVS(""))
	require.Nil(t, DecodeAVS("  "))
	q := DecodeAVS("Q")
	require.Equal(t, "Q", q.Raw)
	require.Contains(t, q.Meaning, "unrecognised")
	require.Nil(t, q.Matched)
	long := DecodeAVS("4111111111111111")
	require.Empty(t, long.Raw, "a long raw value is not echoed")
}

func TestDecodeCVV(t *testing.T) {
	cases := map[string]*bool{"M": b(true), "Y": b(true), "N": b(false), "P": nil, "S": nil, "U": nil, "X": nil, "m": b(true)}
	for raw, matched := range cases {
		got := DecodeCVV(raw)
		require.NotNil(t, got, raw)
		require.Equal(t, matched, got.Matched, raw)
		require.NotContains(t, got.Meaning, "unrecognised", raw)
	}
	require.Nil(t, DecodeCVV(""))
	require.Contains(t, DecodeCVV("Z").Meaning, "unrecognised")
	// Decoded checks do not share their *bool (the tables stay immutable).
	a, c := DecodeCVV("M"), DecodeCVV("M")
	*a.Matched = false
	require.True(t, *c.Matched)
	require.True(t, *DecodeCVV("M").Matched)
}

func TestDecodeECI(t *testing.T) {
	cases := map[string]string{"05": "full", "02": "full", "5": "full", "2": "full", "06": "attempted", "01": "attempted",
		"07": "none", "00": "none", "0": "none", "99": "unknown", "": "unknown", "x": "unknown"}
	for eci, want := range cases {
		got, meaning := DecodeECI(eci)
		require.Equal(t, want, got, eci)
		require.NotEmpty(t, meaning, eci)
	}
}

func TestCheckCard(t *testing.T) {
	require.Nil(t, CheckCard(nil, nil))
	require.Nil(t, CheckCard(&antom.PaymentResultInfo{ThreeDSResult: &antom.ThreeDSResult{}}, &antom.CardInfo{}))

	// paymentResultInfo wins field by field; cardInfo fills the gaps.
	c := CheckCard(&antom.PaymentResultInfo{AvsResultRaw: "Y"}, &antom.CardInfo{AvsResultRaw: "N", CvvResultRaw: "M",
		ThreeDSResult: &antom.ThreeDSResult{Eci: "05", ThreeDSVersion: "2.1.0"}})
	require.Equal(t, "Y", c.AVS.Raw)
	require.Equal(t, "M", c.CVV.Raw)
	require.Equal(t, "full", c.ThreeDS.Authentication)
	require.Equal(t, "05", c.ThreeDS.ECI)
	require.Equal(t, "2.1.0", c.ThreeDS.Version)

	// A version without an ECI, and values that are not codes.
	c = CheckCard(&antom.PaymentResultInfo{ThreeDSResult: &antom.ThreeDSResult{ThreeDSVersion: "2.2.0"}}, nil)
	require.Equal(t, "unknown", c.ThreeDS.Authentication)
	c = CheckCard(&antom.PaymentResultInfo{ThreeDSResult: &antom.ThreeDSResult{Eci: "4111111111111111", ThreeDSVersion: "4111111111111111"}}, nil)
	require.Empty(t, c.ThreeDS.ECI)
	require.Empty(t, c.ThreeDS.Version)
}

func TestSafe(t *testing.T) {
	for v, want := range map[string]string{
		"SUCCESS": "SUCCESS", "S": "S", "2.2.0": "", "850": "", "A1": "A1", "": "", "a b": "", "<x>": "",
		"4111111111111111": "", "CODE_41111111111": "CODE_41111111111", "CODE_411111111111": "",
		"X_" + string(make([]byte, 70)): "",
	} {
		require.Equal(t, want, safe(v), v)
	}
	require.Equal(t, "none", printable(""))
	require.NotContains(t, printable("4111111111111111"), "4111")
}

func BenchmarkCheckCard(b *testing.B) {
	b.ReportAllocs()
	info := &antom.PaymentResultInfo{AvsResultRaw: "A", CvvResultRaw: "Y", ThreeDSResult: &antom.ThreeDSResult{Eci: "02", ThreeDSVersion: "2.2.0"}}
	for b.Loop() {
		_ = CheckCard(info, nil)
	}
}
