package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/paycore/paycore/core"
)

// exitError ends a command with an exit status. A message, when there is one, is
// printed on standard error.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

var (
	// errNegative: the command answered, and the answer is no (not valid, does
	// not verify, not ok). The output already says why.
	errNegative = &exitError{code: 1}
	// errHelpShown: --help was answered.
	errHelpShown = &exitError{code: 0}
)

// usagef is a usage or set-up error: exit status 2.
func usagef(format string, a ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, a...)}
}

// exitCode prints err's message on stderr (if any) and returns the exit status:
// 0 without error, the exitError's code, or 2 for any other error (a file that
// cannot be read, an engine that cannot start).
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(stderr, "paycore: %s\n", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "paycore: %v\n", err)
	return 2
}

// command is one paycore command.
type command struct {
	name     string
	synopsis string // arguments after the name
	summary  string // one line for the command list
	details  string // what it does, for --help
	example  string // real commands, for --help
	exit     string // what the exit status means
	run      func(c *cli, args []string) error
}

var commands []*command

func lookup(name string) *command {
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd
		}
	}
	return nil
}

// engines maps --engine names to constructors. Hosts add engines here.
var engines = map[string]func(ctx context.Context) (core.Engine, error){
	"native": func(context.Context) (core.Engine, error) { return core.Native{}, nil },
}

func engineNames() string {
	names := []string{"native (default)"}
	for _, name := range slices.Sorted(maps.Keys(engines)) {
		if name != "native" {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

const exitText = `Exit status: 0 ok; 1 a negative answer (not valid, a signature that does not
verify, a refused command, an error envelope); 2 a usage or set-up error
(bad flags, unreadable file, missing engine module): nothing was answered.`

func usage() string {
	var b strings.Builder
	b.WriteString("usage: paycore [--engine E] [--json] <command> [arguments]\n\nCommands:\n")
	for _, cmd := range commands {
		fmt.Fprintf(&b, "  %-10s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(&b, `
Global flags, before or after the command:
  --engine E   run the core on engine E: %s
               (default: $PAYCORE_ENGINE, else native)
  --json       print the op's JSON envelope instead of text
  --no-color   no colour (also NO_COLOR=1; never when output is not a terminal)
  -h, --help   help; "paycore <command> --help" shows the command's flags and an example

Input: a file argument, "-" for standard input, or standard input when no file is
given and it is not a terminal. Built-in samples only with --example or "paycore example".

%s
`, engineNames(), exitText)
	return b.String()
}

// cli is one invocation: the global flags and the process's streams.
type cli struct {
	ctx            context.Context
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
	engineName     string
	json, help     bool
	color          bool
	cmd            *command
	engine         core.Engine
	now            func() time.Time
}

// run is the whole program: main only maps its error to an exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	c := &cli{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, engineName: "native", now: time.Now}
	if e := getenv("PAYCORE_ENGINE"); e != "" {
		c.engineName = e
	}
	rest, noColor, err := c.globalFlags(args)
	if err != nil {
		return err
	}
	c.color = !noColor && !c.json && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb" && isTerminal(stdout)
	if len(rest) == 0 || rest[0] == "help" && len(rest) == 1 {
		if c.help || len(rest) == 1 {
			fmt.Fprint(stdout, usage())
			return nil
		}
		fmt.Fprint(stderr, usage())
		return &exitError{code: 2}
	}
	if rest[0] == "help" {
		rest, c.help = rest[1:], true
	}
	c.cmd = lookup(rest[0])
	if c.cmd == nil {
		return usagef("unknown command %q (paycore help lists them)", rest[0])
	}
	if _, ok := engines[c.engineName]; !ok {
		return usagef("unknown engine %q: %s", c.engineName, engineNames())
	}
	defer func() {
		if c.engine != nil {
			c.engine.Close(ctx)
		}
	}()
	err = c.cmd.run(c, rest[1:])
	if err == errHelpShown {
		return nil
	}
	return err
}

// globalFlags takes --engine, --json, --no-color and --help from anywhere before
// "--" and returns the other arguments in order.
func (c *cli) globalFlags(args []string) (rest []string, noColor bool, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(rest, args[i:]...), noColor, nil
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		switch name {
		case "engine":
			if !hasValue {
				if i+1 >= len(args) {
					return nil, false, usagef("--engine needs a value: %s", engineNames())
				}
				i++
				value = args[i]
			}
			c.engineName = value
		case "json":
			c.json = true
		case "no-color":
			noColor = true
		case "h", "help":
			c.help = true
		default:
			rest = append(rest, a)
		}
	}
	return rest, noColor, nil
}

// flags returns a FlagSet for the running command.
func (c *cli) flags() *flag.FlagSet {
	fs := flag.NewFlagSet(c.cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses the command's flags, which may come before or after its
// arguments, answers --help, and checks the number of arguments.
func (c *cli) parse(fs *flag.FlagSet, args []string, minArgs, maxArgs int) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			if c.help {
				break
			}
			return nil, usagef("%s: unknown flag %s\nusage: paycore %s %s", c.cmd.name, a, c.cmd.name, c.cmd.synopsis)
		}
		flags = append(flags, a)
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && bf.IsBoolFlag()) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if c.help {
		c.printHelp(fs)
		return nil, errHelpShown
	}
	if err := fs.Parse(flags); err != nil {
		return nil, usagef("%s: %v\nusage: paycore %s %s", c.cmd.name, err, c.cmd.name, c.cmd.synopsis)
	}
	if len(pos) < minArgs || len(pos) > maxArgs {
		return nil, usagef("%s: wrong number of arguments\nusage: paycore %s %s", c.cmd.name, c.cmd.name, c.cmd.synopsis)
	}
	return pos, nil
}

func (c *cli) printHelp(fs *flag.FlagSet) {
	cmd := c.cmd
	fmt.Fprintf(c.stdout, "usage: paycore %s %s\n\n%s\n", cmd.name, cmd.synopsis, strings.TrimSpace(cmd.details))
	var hasFlags bool
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintln(c.stdout, "\nFlags:")
		fs.SetOutput(c.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fmt.Fprintf(c.stdout, "\nGlobal flags: --engine native|wasm, --json (print the JSON envelope), --no-color, --help.\n")
	if cmd.example != "" {
		fmt.Fprintf(c.stdout, "\nExample:\n%s\n", indent(strings.TrimSpace(cmd.example), "  "))
	}
	exit := cmd.exit
	if exit == "" {
		exit = exitText
	}
	fmt.Fprintf(c.stdout, "\n%s\n", exit)
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// call runs op on the selected engine and returns the envelope, raw and decoded.
func (c *cli) call(op string, input []byte) ([]byte, envelope, error) {
	if c.engine == nil {
		engine, err := engines[c.engineName](c.ctx)
		if err != nil {
			return nil, envelope{}, fmt.Errorf("engine %s: %w", c.engineName, err)
		}
		c.engine = engine
	}
	out, err := c.engine.Call(c.ctx, op, input)
	if err != nil {
		return nil, envelope{}, err
	}
	var env envelope
	if err := json.Unmarshal(out, &env); err != nil {
		return nil, envelope{}, fmt.Errorf("engine answered something that is not an envelope: %w", err)
	}
	return out, env, nil
}

// envelope is an op's answer.
type envelope struct {
	OK     bool            `json:"ok"`
	Result json.RawMessage `json:"result"`
	Error  *opError        `json:"error"`
}

type opError struct {
	Code       string      `json:"code"`
	Reason     string      `json:"reason"`
	Message    string      `json:"message"`
	Field      string      `json:"field"`
	Offset     int64       `json:"offset"`
	Violations []violation `json:"violations"`
}

type violation struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// printJSON prints the raw envelope and returns errNegative when it is not ok.
func (c *cli) printJSON(raw []byte, env envelope) error {
	c.stdout.Write(raw)
	fmt.Fprintln(c.stdout)
	if !env.OK {
		return errNegative
	}
	return nil
}

// failed prints an error envelope for people, on stderr, and returns errNegative.
func (c *cli) failed(env envelope) error {
	e := env.Error
	if e == nil {
		fmt.Fprintln(c.stderr, "paycore: the op failed without an error")
		return errNegative
	}
	msg := fmt.Sprintf("%s: %s", e.Code, e.Message)
	if e.Reason != "" {
		msg = fmt.Sprintf("%s (%s): %s", e.Code, e.Reason, e.Message)
	}
	if e.Field != "" {
		msg += " [" + e.Field + "]"
	}
	if e.Offset > 0 {
		msg += fmt.Sprintf(" at byte %d", e.Offset)
	}
	fmt.Fprintln(c.stderr, c.paint(red, "error: ")+msg)
	for _, v := range e.Violations {
		fmt.Fprintf(c.stderr, "  %s  %s\n", c.paint(bold, orWhole(v.Field)), c.rule(v))
	}
	return errNegative
}

func orWhole(field string) string {
	if field == "" {
		return "(request)"
	}
	return field
}

func (c *cli) rule(v violation) string {
	return c.paint(dim, "["+v.Rule+"]") + " " + v.Message
}

// input reads a command's input: the example (with --example), a file, "-" for
// standard input, or standard input when no file is given and it is not a
// terminal. It reads at most one byte more than the core's limit so the core
// refuses oversized input itself.
func (c *cli) input(path string, example func() ([]byte, error), useExample bool) ([]byte, error) {
	switch {
	case useExample && path != "":
		return nil, usagef("%s: give a file or --example, not both", c.cmd.name)
	case useExample:
		return example()
	case path == "" && isTerminal(c.stdin):
		hint := ""
		if example != nil {
			hint = ", or --example for the built-in sample"
		}
		return nil, usagef("%s: no input: give a file, or - for standard input%s (paycore %s --help)", c.cmd.name, hint, c.cmd.name)
	}
	r, name := c.stdin, "standard input"
	if path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, usagef("%v", err)
		}
		defer f.Close()
		r, name = f, path
	}
	b, err := io.ReadAll(io.LimitReader(r, core.MaxInputBytes+1))
	if err != nil {
		return nil, usagef("reading %s: %v", name, err)
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return nil, usagef("%s: %s is empty", c.cmd.name, name)
	}
	return b, nil
}

// readFile reads a small file named by a flag (a key).
func readFile(flagName, path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", usagef("--%s: %v", flagName, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// isTerminal reports whether a standard stream is a terminal (not a file, a pipe
// or /dev/null).
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

const (
	red    = "31"
	green  = "32"
	yellow = "33"
	bold   = "1"
	dim    = "2"
)

// paint colours s on a terminal; elsewhere it returns s unchanged.
func (c *cli) paint(code, s string) string {
	if !c.color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// object decodes a JSON object's top level, keeping each value's exact bytes. It
// returns nil when data is not a JSON object.
func object(data []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil || m == nil {
		return nil
	}
	return m
}

// marshal encodes an op input built by a command.
func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps of strings and raw JSON: cannot fail
	}
	return b
}

// quote returns s as a JSON string.
func quote(s string) json.RawMessage {
	return marshal(s)
}
