package wasm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/tetratelabs/wazero/api"

	"github.com/paycore/paycore/core"
)

// ABI export names (docs/ABI.md).
const (
	exportABIVersion = "paycore_abi_version"
	exportAlloc      = "paycore_alloc"
	exportFree       = "paycore_free"
	exportCall       = "paycore_call"
)

// instance is one module instance. It serves one call at a time; the pool
// guarantees no two goroutines ever enter it together.
type instance struct {
	mod               api.Module
	mem               api.Memory
	alloc, free, call api.Function
	stack             [4]uint64 // reused parameter/result stack
	stderr            *firstLine
}

// bind looks up the ABI exports of a freshly instantiated module and checks its ABI
// version.
func bind(mod api.Module, stderr *firstLine) (*instance, error) {
	inst := &instance{mod: mod, mem: mod.Memory(), stderr: stderr}
	fns := map[string]*api.Function{exportAlloc: &inst.alloc, exportFree: &inst.free, exportCall: &inst.call}
	for name, dst := range fns {
		if *dst = mod.ExportedFunction(name); *dst == nil {
			return nil, &ABIError{Want: core.ABIVersion, Missing: name}
		}
	}
	if inst.mem == nil {
		return nil, &ABIError{Want: core.ABIVersion, Missing: "memory"}
	}
	version := mod.ExportedFunction(exportABIVersion)
	if version == nil {
		return nil, &ABIError{Want: core.ABIVersion, Missing: exportABIVersion}
	}
	res, err := version.Call(context.Background())
	if err != nil {
		return nil, err
	}
	if got := uint32(res[0]); got != core.ABIVersion {
		return nil, &ABIError{Want: core.ABIVersion, Got: got}
	}
	return inst, nil
}

// run runs one op. maxInput is the module's input limit: larger input is not copied
// in; the guest answers INPUT_TOO_LARGE from its length alone. Any error means the
// instance must be discarded.
func (in *instance) run(ctx context.Context, op string, input []byte, maxInput int) ([]byte, error) {
	tooLarge := len(input) > maxInput
	size := len(op)
	if !tooLarge {
		size += len(input)
	}
	if uint64(size) > 1<<31 || uint64(len(input)) > 1<<32-1 {
		return nil, &CallError{Op: displayOp(op), Err: errors.New("op and input too large for 32-bit guest memory")}
	}
	s := in.stack[:]
	s[0] = uint64(size)
	if err := in.alloc.CallWithStack(ctx, s); err != nil {
		return nil, err
	}
	buf := uint32(s[0])
	if buf == 0 {
		return nil, &CallError{Op: displayOp(op), Err: fmt.Errorf("guest refused to allocate %d bytes", size)}
	}
	if !in.mem.WriteString(buf, op) || (!tooLarge && !in.mem.Write(buf+uint32(len(op)), input)) {
		return nil, &CallError{Op: displayOp(op), Err: errors.New("guest returned a buffer outside its memory")}
	}
	inPtr := buf + uint32(len(op))
	if tooLarge {
		inPtr = 0
	}
	s[0], s[1], s[2], s[3] = uint64(buf), uint64(len(op)), uint64(inPtr), uint64(len(input))
	if err := in.call.CallWithStack(ctx, s); err != nil {
		return nil, err
	}
	outPtr, outLen := uint32(s[0]>>32), uint32(s[0])
	view, ok := in.mem.Read(outPtr, outLen)
	if !ok || outPtr == 0 {
		return nil, &CallError{Op: displayOp(op), Err: errors.New("guest returned an envelope outside its memory")}
	}
	out := bytes.Clone(view)
	for _, p := range [2]uint32{outPtr, buf} {
		s[0] = uint64(p)
		if err := in.free.CallWithStack(ctx, s); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// close releases the instance. Only call it when no call is running in it.
func (in *instance) close() {
	_ = in.mod.Close(context.Background())
}

// firstLine keeps the first line the guest writes to stderr (the Go runtime's
// "fatal error: ..." or "panic: ..." line), bounded, and forwards everything.
type firstLine struct {
	mu   sync.Mutex
	line []byte
	done bool
	next io.Writer
}

func (f *firstLine) Write(p []byte) (int, error) {
	f.mu.Lock()
	if !f.done {
		rest := p
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			rest, f.done = rest[:i], true
		}
		f.line = append(f.line, rest[:min(len(rest), 200-len(f.line))]...)
		if len(f.line) >= 200 {
			f.done = true
		}
	}
	f.mu.Unlock()
	return f.next.Write(p)
}

// String returns the first line, withholding a panic value (which could hold data).
func (f *firstLine) String() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	line := strings.TrimSpace(string(f.line))
	if strings.HasPrefix(line, "panic:") {
		return "panic (value withheld)"
	}
	return line
}
