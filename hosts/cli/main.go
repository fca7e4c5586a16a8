// Command paycore is the command-line host of the paycore core: friendly commands
// (validate, build, interpret, notify, sign, verify, apply, keygen, vectors, ...) on
// top of `paycore call <op>`, which runs any op and prints its JSON envelope. Every
// command reads a file, or standard input for "-" or when no file is given and
// standard input is not a terminal. Exit status: 0 ok, 1 a negative answer, 2 a
// usage or set-up error. `paycore help` lists the commands.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr), os.Stderr))
}
