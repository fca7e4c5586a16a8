package outcome

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The authorization deadline to the second, for the answers that carry it: at
// authExpiryTime a MANUAL authorization can no longer be captured. Before it the
// next step is capture; from it on, a new payment (the payment stays authorized,
// as in payment.apply).
func TestAuthExpiryBoundary(t *testing.T) {
	const expiry = "2024-03-25T19:36:54-07:00"
	sig := Signal{API: APIInquiryPayment, ResultStatus: "S", ResultCode: "SUCCESS", Status: "SUCCESS", AuthExpiryTime: expiry}
	for _, c := range []struct {
		now  string
		kind Kind
	}{
		{"2024-03-26T02:36:53Z", Capture},
		{"2024-03-26T02:36:54Z", RetryNewRequest}, // the same instant as expiry
		{expiry, RetryNewRequest},
		{"2024-03-26T02:36:55Z", RetryNewRequest},
	} {
		d := Decide(sig, Context{CaptureMode: CaptureManual, Now: c.now})
		require.Equal(t, c.kind, d.Action.Kind, c.now)
		require.Equal(t, Authorized, d.Outcome, c.now)
		require.False(t, d.Terminal, c.now)
		if c.kind == RetryNewRequest {
			require.Equal(t, "authorization_expired", d.Reason)
			require.Equal(t, "new", d.Action.RequestID)
			require.Equal(t, APIPay, d.Action.API)
		}
	}
	for _, c := range []struct{ name, expiry, now string }{
		{"no expiry", "", "2030-01-01T00:00:00Z"},
		{"no now", expiry, ""},
		{"an unreadable expiry", "tomorrow", "2030-01-01T00:00:00Z"},
		{"an unreadable now", expiry, "later"},
	} {
		s := sig
		s.AuthExpiryTime = c.expiry
		d := Decide(s, Context{CaptureMode: CaptureManual, Now: c.now})
		require.Equal(t, Capture, d.Action.Kind, c.name)
	}
	// AUTOMATIC capture has no capture deadline of the merchant's.
	d := Decide(sig, Context{CaptureMode: CaptureAutomatic, Now: "2030-01-01T00:00:00Z"})
	require.Equal(t, WaitNotification, d.Action.Kind)
}
