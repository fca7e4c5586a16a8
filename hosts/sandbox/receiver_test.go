package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
)

// delivery is one notification the receiver got.
type delivery struct {
	at       time.Time
	path     string
	headers  map[string]string
	body     string
	notify   map[string]any // the body, decoded
	acked    bool
	verified bool
}

func (d delivery) notifyType() string { s, _ := d.notify["notifyType"].(string); return s }

// receiver is a merchant's notification endpoint on a loopback listener. It
// acknowledges from the ackFrom-th delivery on (1: always).
type receiver struct {
	t       testing.TB
	url     string
	mu      sync.Mutex
	got     []delivery
	ackFrom int
	pubKey  func() string
	arrived chan struct{}
}

func newReceiver(t testing.TB) *receiver {
	rc := &receiver{t: t, ackFrom: 1, arrived: make(chan struct{}, 1000)}
	srv := httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(srv.Close)
	rc.url = srv.URL
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet { // the merchant's return page (paymentRedirectUrl)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, `<!doctype html><title>Shop</title><h1 id="thanks">Back at the shop</h1>`)
		return
	}
	body, _ := io.ReadAll(r.Body)
	h := map[string]string{}
	for k := range r.Header {
		h[strings.ToLower(k)] = r.Header.Get(k)
	}
	d := delivery{at: time.Now(), path: r.URL.Path, headers: h, body: string(body)}
	_ = json.Unmarshal(body, &d.notify)
	if rc.pubKey != nil {
		d.verified = parseVerified(r.URL.Path, h, string(body), rc.pubKey())
	}
	rc.mu.Lock()
	d.acked = len(rc.got)+1 >= rc.ackFrom
	rc.got = append(rc.got, d)
	rc.mu.Unlock()
	if d.acked {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`)
	} else {
		http.Error(w, "not yet", http.StatusInternalServerError)
	}
	rc.arrived <- struct{}{}
}

// parseVerified runs notification.parse with the sandbox's public key.
func parseVerified(path string, headers map[string]string, body, pub string) bool {
	in, _ := json.Marshal(map[string]any{"path": path, "headers": headers, "body": body, "publicKey": pub})
	var envlp struct {
		OK     bool `json:"ok"`
		Result struct {
			Verified bool `json:"verified"`
		} `json:"result"`
	}
	if json.Unmarshal(core.Handle("notification.parse", in), &envlp) != nil || !envlp.OK {
		return false
	}
	return envlp.Result.Verified
}

// wait returns once n deliveries have arrived (failing after timeout).
func (rc *receiver) wait(n int, timeout time.Duration) []delivery {
	rc.t.Helper()
	deadline := time.After(timeout)
	for {
		rc.mu.Lock()
		got := append([]delivery(nil), rc.got...)
		rc.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-rc.arrived:
		case <-deadline:
			require.FailNow(rc.t, "notifications missing", "want %d, got %d", n, len(got))
		}
	}
}

// all is every delivery so far.
func (rc *receiver) all() []delivery {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]delivery(nil), rc.got...)
}
