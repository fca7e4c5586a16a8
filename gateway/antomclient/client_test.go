package antomclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
)

// TestUnverifiedAnswerIsNoAnswer: an answer without a valid signature is not
// trusted; the same request is sent again, then NoAnswerError.
func TestUnverifiedAnswerIsNoAnswer(t *testing.T) {
	pub, err := os.ReadFile(filepath.Join("..", "..", "testvectors", "keys", "antom_public.pem"))
	require.NoError(t, err)
	var calls atomic.Int32
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		b := make([]byte, 64)
		n, _ := r.Body.Read(b)
		mu.Lock()
		bodies = append(bodies, string(b[:n]))
		mu.Unlock()
		w.Header().Set("Signature", "algorithm=RSA256,keyVersion=1,signature=AAAA")
		w.Header().Set("Response-Time", "1790000000000")
		w.Header().Set("Client-Id", "SANDBOX_X")
		_, _ = w.Write([]byte(`{"result":{"resultStatus":"S","resultCode":"SUCCESS"}}`))
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL, Engine: core.Native{}, PublicKey: string(pub), Attempts: 2, Backoff: time.Millisecond})
	require.NoError(t, err)
	_, err = c.Send(context.Background(), Request{Method: "POST", Path: "/ams/sandbox/api/v1/payments/pay", Body: `{"paymentRequestId":"P1"}`})
	var na *NoAnswerError
	require.ErrorAs(t, err, &na)
	require.Equal(t, 2, na.Attempts)
	require.Equal(t, int32(2), calls.Load())
	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, bodies[0], bodies[1], "the very same request is resent")
}

func TestNewNeedsKeyAndEngine(t *testing.T) {
	_, err := New(Config{PublicKey: "x"})
	require.Error(t, err)
	_, err = New(Config{Engine: core.Native{}})
	require.Error(t, err)
}
