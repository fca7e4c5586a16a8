package sandbox_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// The browser tests drive Debian's chromium through chromedp: one browser for
// the package, a new tab per test, every step under a timeout.

var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel []context.CancelFunc
	err    error
	dir    string
}

// chromiumPath finds a Chromium binary.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newTab returns a fresh tab of the shared browser with a timeout, or skips
// (fails under CI=true) when no Chromium is installed.
func newTab(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed: CI must install it (apt-get install chromium)")
		}
		t.Skip("SKIPPED BROWSER TEST: chromium is not installed (apt-get install chromium); CI runs it")
	}
	browser.once.Do(func() {
		browser.dir, browser.err = os.MkdirTemp("", "paycore-sandbox-chromium-")
		if browser.err != nil {
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.UserDataDir(browser.dir),
			chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("log-level", "3"))
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelBrowser := chromedp.NewContext(alloc)
		browser.cancel = []context.CancelFunc{cancelBrowser, cancelAlloc}
		// The first action starts the browser and binds it to its context, so it
		// gets ctx itself; a timer bounds the start instead of a derived context.
		timer := time.AfterFunc(30*time.Second, cancelBrowser)
		browser.err = chromedp.Do(ctx)
		timer.Stop()
		browser.ctx = ctx
	})
	require.NoError(t, browser.err, "start chromium")
	tab, cancelTab := chromedp.NewContext(browser.ctx)
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	t.Cleanup(func() {
		cancel()
		cancelTab()
	})
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(360, 780)))
	return ctx
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range browser.cancel {
		c()
	}
	if browser.dir != "" {
		_ = os.RemoveAll(browser.dir)
	}
	os.Exit(code)
}

// screenshot saves the whole page under the test's artifact directory.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	file := filepath.Join(t.ArtifactDir(), name+".png")
	require.NoError(t, os.WriteFile(file, png, 0o644))
	t.Logf("screenshot %s", file)
}

func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err)
	return v
}

func TestBrowserHostedCardPage(t *testing.T) {
	ctx := newTab(t)
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	in := e.intent("hosted", "PAY_BROWSER_OK", map[string]any{"redirectUrl": e.recv.url + "/return?order=PAY_BROWSER_OK"})
	r := e.pay(in, nil)
	requireResult(t, r, "U", "PAYMENT_IN_PROCESS")

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(r.str("normalUrl")), chromedp.WaitVisible(chromedp.ID("cardNumber"))))
	require.True(t, evalJS[bool](t, ctx, `document.documentElement.scrollWidth <= window.innerWidth`), "no sideways scrolling at 360 px")
	screenshot(t, ctx, "card-page")

	// Submitting nothing shows every field's error next to it.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("pay")), chromedp.WaitVisible(chromedp.ID("error-summary"))))
	for _, id := range []string{"cardNumber-error", "expiry-error", "cvv-error", "holder-error"} {
		require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID(id))))
	}
	require.Equal(t, "cardNumber", evalJS[string](t, ctx, `document.activeElement.id`), "focus on the first field in error")
	screenshot(t, ctx, "card-page-errors")

	// Keyboard order follows the form.
	var order []string
	for range 4 {
		require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("\t")))
		order = append(order, evalJS[string](t, ctx, `document.activeElement.id`))
	}
	require.Equal(t, []string{"expiry", "cvv", "holder", "pay"}, order)

	// A fresh page, filled in as a buyer types.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(r.str("normalUrl")),
		chromedp.SendKeys(chromedp.ID("cardNumber"), "4054695723100768"),
		chromedp.SendKeys(chromedp.ID("expiry"), "1229"),
		chromedp.SendKeys(chromedp.ID("cvv"), "123"),
		chromedp.SendKeys(chromedp.ID("holder"), "Mika Berg"),
	))
	number, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("cardNumber")))
	require.NoError(t, err)
	require.Equal(t, "4054 6957 2310 0768", number, "grouped as typed")
	expiry, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("expiry")))
	require.NoError(t, err)
	require.Equal(t, "12/29", expiry)
	screenshot(t, ctx, "card-page-filled")

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("pay")), chromedp.WaitVisible(chromedp.ID("thanks"))))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	require.Equal(t, in["redirectUrl"], loc, "back on paymentRedirectUrl")

	got := e.recv.wait(2, 5*time.Second)
	require.True(t, got[0].verified, "the core verifies the notification")
	require.Equal(t, "PAYMENT_RESULT", got[0].notifyType())
	require.Equal(t, "SUCCESS", got[0].notify["result"].(map[string]any)["resultCode"])
	require.Equal(t, "CAPTURE_RESULT", got[1].notifyType())
}

func TestBrowserHostedDecline(t *testing.T) {
	ctx := newTab(t)
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	r := e.pay(e.intent("hosted", "PAY_BROWSER_DECLINE", map[string]any{"redirectUrl": e.recv.url + "/return"}), nil)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(r.str("normalUrl")),
		chromedp.SendKeys(chromedp.ID("cardNumber"), "4054692760174822"),
		chromedp.SendKeys(chromedp.ID("expiry"), "1229"),
		chromedp.SendKeys(chromedp.ID("cvv"), "123"),
		chromedp.SendKeys(chromedp.ID("holder"), "Mika Berg"),
		chromedp.Click(chromedp.ID("pay")),
		chromedp.WaitVisible(chromedp.ID("decline")),
	))
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("decline")))
	require.NoError(t, err)
	require.Contains(t, text, "declined by the issuing bank")
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	require.NoError(t, err)
	require.NotContains(t, html, "4054692760174822")
	require.NotContains(t, html, "4054 6927 6017 4822")
	screenshot(t, ctx, "card-page-declined")

	got := e.recv.wait(1, 5*time.Second)
	require.True(t, got[0].verified)
	res := got[0].notify["result"].(map[string]any)
	require.Equal(t, "F", res["resultStatus"])
	require.Equal(t, "DO_NOT_HONOR", res["resultCode"])
}

func TestBrowserThreeDSAndIssuerPages(t *testing.T) {
	ctx := newTab(t)
	e := newEnv(t, nil)
	e.recv.pubKey = e.sb.PublicKey
	back := e.recv.url + "/return?order=PAY_BROWSER_3DS"
	r := e.pay(e.intent("server_to_server", "PAY_BROWSER_3DS", map[string]any{"threeDS": true, "captureMode": "MANUAL", "redirectUrl": back}), nil)
	requireResult(t, r, "U", "PAYMENT_IN_PROCESS")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(r.str("normalUrl")), chromedp.WaitVisible(chromedp.ID("approve"))))
	require.True(t, evalJS[bool](t, ctx, `document.documentElement.scrollWidth <= window.innerWidth`))
	screenshot(t, ctx, "3ds-page")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("approve")), chromedp.WaitVisible(chromedp.ID("thanks"))))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	require.Equal(t, back, loc)
	got := e.recv.wait(1, 5*time.Second)
	require.True(t, got[0].verified)
	require.Equal(t, "05", got[0].notify["paymentResultInfo"].(map[string]any)["threeDSResult"].(map[string]any)["eci"])

	kr := e.pay(e.intent("issuer_auth", "PAY_BROWSER_KR", map[string]any{"cardBrand": "SAMSUNG",
		"amount": map[string]any{"currency": "KRW", "value": "30000"}, "redirectUrl": e.recv.url + "/return"}), nil)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(kr.str("normalUrl")), chromedp.WaitVisible(chromedp.ID("fail"))))
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	require.NoError(t, err)
	require.True(t, strings.Contains(title, "SAMSUNG"), title)
	screenshot(t, ctx, "issuer-page")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("fail")), chromedp.WaitVisible(chromedp.ID("thanks"))))
	inq := e.build("inquiry.build", map[string]any{"api": "inquiryPayment", "paymentRequestId": "PAY_BROWSER_KR"})
	require.Equal(t, "FAIL", inq.str("paymentStatus"))
}
