package forwarder

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestVerify(t *testing.T) {
	secret := []byte("whsec_test")
	at := time.Unix(1_790_000_000, 0)
	body := []byte(`{"id":"PAY_1:2","type":"payment.authorized"}`)
	good := Sign(secret, at, body)
	require.Regexp(t, `^t=1790000000,v1=[0-9a-f]{64}$`, good)
	for _, c := range []struct {
		name   string
		header string
		body   []byte
		now    time.Time
		want   error
	}{
		{"valid", good, body, at, nil},
		{"valid within tolerance", good, body, at.Add(4 * time.Minute), nil},
		{"second v1 matches", "t=1790000000,v1=00," + good[len("t=1790000000,"):], body, at, nil},
		{"tampered body", good, []byte(`{"id":"PAY_1:3"}`), at, ErrSignatureMismatch},
		{"other secret", Sign([]byte("other"), at, body), body, at, ErrSignatureMismatch},
		{"too old", good, body, at.Add(6 * time.Minute), ErrSignatureTooOld},
		{"from the future", good, body, at.Add(-6 * time.Minute), ErrSignatureTooOld},
		{"no v1", "t=1790000000", body, at, ErrMalformedSignature},
		{"no t", good[len("t=1790000000,"):], body, at, ErrMalformedSignature},
		{"garbage", "nonsense", body, at, ErrMalformedSignature},
		{"empty", "", body, at, ErrMalformedSignature},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.ErrorIs(t, Verify(secret, c.header, c.body, c.now, 5*time.Minute), c.want)
		})
	}
}
