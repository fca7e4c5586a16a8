package main

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paycore/paycore/core/signature"
)

// runKeygen writes a fresh merchant RSA key pair into a directory: the private key
// as base64 PKCS#8 DER (Antom dashboard format) and PEM, mode 0600, and the public
// key (to upload to Antom) as base64 SPKI DER and PEM. The private key is written to
// files only, never to standard output.
func runKeygen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory to write the key files into (required; created if missing)")
	bits := fs.Int("bits", 2048, "RSA key size: 2048, 3072 or 4096")
	force := fs.Bool("force", false, "overwrite existing key files")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: paycore keygen --out DIR [--bits 2048] [--force]")
		return 2
	}
	pair, err := signature.GenerateKeyPair(rand.Reader, *bits)
	if err != nil {
		fmt.Fprintf(stderr, "paycore keygen: %v\n", err)
		return 2
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		fmt.Fprintf(stderr, "paycore keygen: %v\n", err)
		return 1
	}
	files := []struct {
		name, content string
		mode          os.FileMode
	}{
		{"merchant_private_pkcs8.b64", pair.PrivateKeyBase64 + "\n", 0o600},
		{"merchant_private_pkcs8.pem", pair.PrivateKeyPEM, 0o600},
		{"merchant_public_spki.b64", pair.PublicKeyBase64 + "\n", 0o644},
		{"merchant_public.pem", pair.PublicKeyPEM, 0o644},
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if *force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	written := map[string]string{}
	for _, f := range files {
		path := filepath.Join(*out, f.name)
		if err := writeFile(path, f.content, flags, f.mode); err != nil {
			fmt.Fprintf(stderr, "paycore keygen: %v\n", err)
			return 1
		}
		written[f.name] = path
	}
	report := map[string]any{
		"bits":            pair.Private.Bits(),
		"publicKeyBase64": pair.PublicKeyBase64,
		"fingerprint":     pair.Public.Fingerprint(),
		"files":           written,
		"next":            "upload publicKeyBase64 in the Antom dashboard; keep the private key files secret",
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(report)
	return 0
}

func writeFile(path, content string, flags int, mode os.FileMode) error {
	f, err := os.OpenFile(path, flags, mode)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s exists (use --force to overwrite)", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
