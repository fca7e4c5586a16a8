package main

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/paycore/paycore/core/signature"
)

// defaultKeyDir is where keygen writes without --out: the user's configuration
// directory, outside any checkout, so a private key is never one `git add -A` from
// a commit.
func (c *cli) defaultKeyDir() (string, error) {
	base := c.getenv("XDG_CONFIG_HOME")
	if base == "" {
		home := c.getenv("HOME")
		if home == "" {
			return "", usagef("keygen: neither XDG_CONFIG_HOME nor HOME is set: give --out DIR")
		}
		base = filepath.Join(home, ".config")
	}
	return filepath.Join(base, "paycore", "keys"), nil
}

// runKeygen writes a fresh merchant RSA key pair into a directory: the private key
// as base64 PKCS#8 DER (Antom dashboard format) and PEM, mode 0600, and the public
// key (to upload to Antom) as base64 SPKI DER and PEM. The private key is written to
// files only, never to standard output.
func runKeygen(c *cli, args []string) error {
	fs := c.flags()
	out := fs.String("out", "", "directory to write the key files into (created if missing; default $XDG_CONFIG_HOME/paycore/keys or ~/.config/paycore/keys)")
	bits := fs.Int("bits", 2048, "RSA key size: 2048, 3072 or 4096")
	force := fs.Bool("force", false, "overwrite existing key files")
	if _, err := c.parse(fs, args, 0, 0); err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		var err error
		if dir, err = c.defaultKeyDir(); err != nil {
			return err
		}
	}
	pair, err := signature.GenerateKeyPair(rand.Reader, *bits)
	if err != nil {
		return usagef("keygen: %v", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return usagef("keygen: %v", err)
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
		path := filepath.Join(dir, f.name)
		if err := writeFile(path, f.content, flags, f.mode); err != nil {
			return usagef("keygen: %v", err)
		}
		written[f.name] = path
	}
	if c.json {
		report := map[string]any{
			"bits":            pair.Private.Bits(),
			"publicKeyBase64": pair.PublicKeyBase64,
			"fingerprint":     pair.Public.Fingerprint(),
			"files":           written,
			"next":            "upload publicKeyBase64 in the Antom dashboard; keep the private key files secret",
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	fmt.Fprintf(c.stdout, "wrote a %d-bit key pair to %s (fingerprint %s)\n", pair.Private.Bits(), dir, pair.Public.Fingerprint())
	for _, f := range files {
		fmt.Fprintf(c.stdout, "  %s\n", written[f.name])
	}
	fmt.Fprintf(c.stdout, "upload this public key in the Antom dashboard; keep the private key files secret:\n%s\n", pair.PublicKeyBase64)
	return nil
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
