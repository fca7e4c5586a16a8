package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/testvectors/examples"
)

const usageText = `usage:
  paycore validate [--engine E] [file|-]   pay.validate; no file: the seed's server-to-server sample
  paycore build [--engine E] [file|-]      pay.build; no file: an example server-to-server intent
  paycore call [--engine E] <op> [file|-]  run any op, print its envelope
  paycore keygen --out DIR [--bits 2048]   write a fresh merchant key pair (Antom dashboard formats)
  paycore ops                              list the ops

Engines: %s.

The input is read from file, or from standard input when it is "-" or absent.
Exit status: 0 when the envelope is ok, 1 when it is not, 2 on usage errors.
`

// usage lists the commands and the registered engines (native first).
func usage() string {
	names := []string{"native (default)"}
	for _, name := range slices.Sorted(maps.Keys(engines)) {
		if name != "native" {
			names = append(names, name)
		}
	}
	return fmt.Sprintf(usageText, strings.Join(names, ", "))
}

// engines maps --engine names to constructors. Hosts add engines here.
var engines = map[string]func(ctx context.Context) (core.Engine, error){
	"native": func(context.Context) (core.Engine, error) { return core.Native{}, nil },
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	switch args[0] {
	case "call":
		return runCall(ctx, args[1:], stdin, stdout, stderr)
	case "validate":
		return runExample(ctx, "pay.validate", "seed_server_to_server", args[1:], stdin, stdout, stderr)
	case "build":
		return runExample(ctx, "pay.build", "intent_server_to_server", args[1:], stdin, stdout, stderr)
	case "keygen":
		return runKeygen(args[1:], stdout, stderr)
	case "ops":
		for _, op := range core.Ops() {
			fmt.Fprintln(stdout, op)
		}
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage())
		return 0
	}
	fmt.Fprintf(stderr, "paycore: unknown command %q\n\n%s", args[0], usage())
	return 2
}

func runCall(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("call", flag.ContinueOnError)
	fs.SetOutput(stderr)
	engineName := fs.String("engine", "native", "engine to run the op on")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	input, err := readInput(fs.Arg(1), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "paycore: %v\n", err)
		return 2
	}
	return callOp(ctx, *engineName, fs.Arg(0), input, stdout, stderr)
}

// runExample runs op on a file, standard input, or (with no argument) the embedded
// example input named example.
func runExample(ctx context.Context, op, example string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(op, flag.ContinueOnError)
	fs.SetOutput(stderr)
	engineName := fs.String("engine", "native", "engine to run the op on")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	var input []byte
	var err error
	if fs.NArg() == 0 {
		input, err = examples.Read(example)
	} else {
		input, err = readInput(fs.Arg(0), stdin)
	}
	if err != nil {
		fmt.Fprintf(stderr, "paycore: %v\n", err)
		return 2
	}
	return callOp(ctx, *engineName, op, input, stdout, stderr)
}

func callOp(ctx context.Context, engineName, op string, input []byte, stdout, stderr io.Writer) int {
	newEngine, ok := engines[engineName]
	if !ok {
		fmt.Fprintf(stderr, "paycore: unknown engine %q\n", engineName)
		return 2
	}
	engine, err := newEngine(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "paycore: engine %s: %v\n", engineName, err)
		return 1
	}
	defer engine.Close(ctx)
	out, err := engine.Call(ctx, op, input)
	if err != nil {
		fmt.Fprintf(stderr, "paycore: %v\n", err)
		return 1
	}
	stdout.Write(out)
	fmt.Fprintln(stdout)
	var env struct {
		OK bool `json:"ok"`
	}
	if json.Unmarshal(out, &env) != nil || !env.OK {
		return 1
	}
	return 0
}

// readInput reads the op input from path, or stdin for "" and "-". It reads at most
// one byte more than the core's limit so the core can refuse oversized input itself.
func readInput(path string, stdin io.Reader) ([]byte, error) {
	r := stdin
	if path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	return io.ReadAll(io.LimitReader(r, core.MaxInputBytes+1))
}
