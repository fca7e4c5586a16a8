package sandbox_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPayServerToServerSuccess(t *testing.T) {
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	r := e.pay(e.intent("server_to_server", "PAY_S2S_OK", map[string]any{"captureMode": "MANUAL"}), nil)
	require.Equal(t, 200, r.status)
	require.True(t, e.verified(r), "response signature")
	status, code := r.result()
	require.Equal(t, "S", status)
	require.Equal(t, "SUCCESS", code)
	require.NotEmpty(t, r.str("paymentId"))
	require.NotEmpty(t, r.str("paymentResultInfo.cardToken"))
	require.Equal(t, "0768", r.str("paymentResultInfo.lastFour"))
	got := e.recv.wait(1, 5*time.Second)
	require.Equal(t, "PAYMENT_RESULT", got[0].notifyType())
	require.True(t, got[0].verified, "notification signature")
}
