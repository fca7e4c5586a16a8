// Command paycore is the command-line host of the paycore core. `paycore call <op>
// [file|-]` runs one op and prints its JSON envelope; it exits 0 when the envelope is
// ok, 1 when it is not, and 2 on usage errors.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
