package sandbox

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseFault(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Fault
		err  string
	}{
		{in: "delay=12s", want: Fault{Delay: 12 * time.Second}},
		{in: "drop; notify=early", want: Fault{Drop: true, Notify: NotifyEarly}},
		{in: "api=pay,id=PAY_*,times=2,status=503", want: Fault{API: "pay", RequestID: "PAY_*", Times: 2, Status: 503}},
		{in: "notify=reverse", want: Fault{Notify: NotifyReverse}},
		{in: "", want: Fault{}},
		{in: "status=404", err: "5xx"},
		{in: "delay=forever", err: "duration"},
		{in: "notify=thrice", err: "twice, reverse or early"},
		{in: "api=payAll", err: "one of"},
		{in: "times=0", err: "positive"},
		{in: "explode", err: "unknown part"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			f, err := ParseFault(tc.in)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, f)
			back, err := ParseFault(f.String())
			require.NoError(t, err)
			require.Equal(t, f, back, "String is ParseFault's form")
		})
	}
}

func TestFaultRulesMatchAndCount(t *testing.T) {
	fs, err := newFaultSet([]Fault{{API: "capture", RequestID: "CAP_1", Drop: true}, {RequestID: "PAY_*", Times: 1, Status: 500}})
	require.NoError(t, err)
	f, err := fs.pick("capture", []string{"CAP_1", "PAYID"}, "")
	require.NoError(t, err)
	require.True(t, f.Drop)
	f, _ = fs.pick("pay", []string{"PAY_A"}, "")
	require.Equal(t, 500, f.Status)
	f, _ = fs.pick("pay", []string{"PAY_B"}, "")
	require.Equal(t, Fault{}, f, "times=1 is used up")
	f, _ = fs.pick("capture", []string{"CAP_1"}, "notify=twice")
	require.Equal(t, Fault{Notify: NotifyTwice}, f, "the header wins")
	_, err = newFaultSet([]Fault{{Status: 200}})
	require.Error(t, err)
}

func TestIsAck(t *testing.T) {
	for _, tc := range []struct {
		body string
		ok   bool
	}{
		{Ack, true},
		{`{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"Success"}}`, true},
		{` {"result": {"resultStatus":"S", "resultCode":"SUCCESS", "resultMessage":"success"}} `, true},
		{`{"result":{"resultCode":"SUCCESS","resultStatus":"S"}}`, false},
		{`{"result":{"resultCode":"SUCCESS","resultStatus":"F","resultMessage":"success"}}`, false},
		{`{"result":{"resultCode":"ACCESS_DENIED","resultStatus":"F","resultMessage":"Signature Is Not Passed"}}`, false},
		{`{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"extra":1}`, false},
		{`{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}{}`, false},
		{`OK`, false},
		{``, false},
	} {
		require.Equal(t, tc.ok, isAck([]byte(tc.body)), tc.body)
	}
}

func TestMaskedBody(t *testing.T) {
	got := string(maskedBody([]byte(`{"paymentMethod":{"paymentMethodMetaData":{"cardNo":"4054695723100768","cvv":"123"}},"list":[{"cardNo":4054695723100768}],"privateKey":"MIIE"}`)))
	require.NotContains(t, got, "4054695723100768")
	require.NotContains(t, got, "123\"")
	require.NotContains(t, got, "MIIE")
	require.Contains(t, got, "405469******0768")
	require.Equal(t, `"405469******0768"`, string(maskedBody([]byte("4054695723100768"))))
	require.Equal(t, `{"unparsedBytes":17}`, string(maskedBody([]byte("4054695723100768x"))))
	require.Equal(t, `{"paymentId":"20261202194010800100000000001","paymentRequestId":"PAY_1"}`, string(maskedBody([]byte(`{"paymentRequestId":"PAY_1","paymentId":"20261202194010800100000000001"}`))), "ids stay")
}
