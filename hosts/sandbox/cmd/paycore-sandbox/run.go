package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/paycore/paycore/hosts/sandbox"
)

const usageText = `usage: paycore-sandbox --merchant-public-key FILE [flags]

An offline Antom: answers pay, inquiryPayment, capture, cancel, refund,
inquiryRefund and consult under /ams/api/v1/payments/ and
/ams/sandbox/api/v1/payments/, serves the hosted card page, the 3D Secure page
and the Korean issuer page, and sends signed notifications.

Flags:
`

// errUsage marks a command-line mistake (exit status 2).
var errUsage = errors.New("usage")

// faultFlags collects repeated --fault rules.
type faultFlags []sandbox.Fault

func (f *faultFlags) String() string {
	var parts []string
	for _, x := range *f {
		parts = append(parts, x.String())
	}
	return strings.Join(parts, " ")
}

func (f *faultFlags) Set(s string) error {
	x, err := sandbox.ParseFault(s)
	if err != nil {
		return err
	}
	*f = append(*f, x)
	return nil
}

// run starts the sandbox and serves until ctx is done or the process gets
// SIGINT/SIGTERM.
func run(ctx context.Context, args []string, getenv func(string) string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("paycore-sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fs.PrintDefaults()
	}
	addr := fs.String("addr", "127.0.0.1:8090", "listen address (host:port; port 0 picks a free one)")
	merchantKey := fs.String("merchant-public-key", "", "file with the merchant's public key (base64 SPKI or PEM); or env PAYCORE_SANDBOX_MERCHANT_PUBLIC_KEY holding the key")
	privateKey := fs.String("private-key", "", "file with the sandbox's private key (default: a fresh key pair)")
	publicKey := fs.String("public-key", "", "file with the sandbox's public key (with --private-key)")
	clientID := fs.String("client-id", "", "the only client id accepted (default: any)")
	baseURL := fs.String("base-url", "", "the sandbox's URL as browsers reach it (default: the listen address)")
	timeScale := fs.Float64("time-scale", 1, "divide Antom's waits (notification resends, 7-day authorization) by this factor")
	quiet := fs.Bool("quiet", false, "no JSON log on standard error")
	var faults faultFlags
	fs.Var(&faults, "fault", "a fault rule, repeatable: 'api=pay;id=PAY_*;times=1;delay=12s|drop|status=503|notify=twice|reverse|early'")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "paycore-sandbox: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	cfg := sandbox.Config{ClientID: *clientID, BaseURL: *baseURL, TimeScale: *timeScale, Faults: faults, Log: stderr}
	if *quiet {
		cfg.Log = nil
	}
	var err error
	if cfg.MerchantPublicKey, err = readKey(*merchantKey, getenv("PAYCORE_SANDBOX_MERCHANT_PUBLIC_KEY")); err != nil {
		return err
	}
	if cfg.MerchantPublicKey == "" {
		fmt.Fprintln(stderr, "paycore-sandbox: --merchant-public-key (or PAYCORE_SANDBOX_MERCHANT_PUBLIC_KEY) is required: it verifies every request")
		return errUsage
	}
	if cfg.PrivateKey, err = readKey(*privateKey, ""); err != nil {
		return err
	}
	if cfg.PublicKey, err = readKey(*publicKey, ""); err != nil {
		return err
	}
	sb, err := sandbox.New(cfg)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := sb.Start(ctx, *addr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "paycore-sandbox listening on %s\n", sb.URL())
	fmt.Fprintf(stdout, "pay endpoint: %s/ams/api/v1/payments/pay\n", sb.URL())
	fmt.Fprintf(stdout, "Antom public key (verify responses and notifications with it; also GET %s/sandbox/keys):\n%s\n", sb.URL(), sb.PublicKey())
	<-ctx.Done()
	return sb.Close()
}

// readKey reads a key file, or returns fallback when no file is named.
func readKey(file, fallback string) (string, error) {
	if file == "" {
		return strings.TrimSpace(fallback), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("paycore-sandbox: read key: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// exitCode prints err and maps it to the exit status: 0, 1, or 2 for usage.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintln(stderr, err)
		return 1
	}
}
