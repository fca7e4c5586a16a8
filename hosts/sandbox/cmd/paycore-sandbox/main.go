// Command paycore-sandbox runs an offline Antom on this machine: the payment
// APIs, the hosted card page, the 3D Secure and issuer pages, and signed
// notifications with Antom's resend schedule. See package
// github.com/paycore/paycore/hosts/sandbox and `paycore-sandbox --help`.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr), os.Stderr))
}
