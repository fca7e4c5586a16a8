// Package wasm runs paycore's core as a WebAssembly module on wazero, behind the
// same core.Engine interface as the native engine and with byte-identical
// envelopes. The module (bin/paycore.wasm, built by `make wasm` from ./guest) is
// compiled once per process and cached on disk; calls run on a pool of instances,
// one call per instance at a time, each with a memory cap. A guest trap becomes an
// INTERNAL envelope and its instance is replaced; a cancelled or expired context
// interrupts the guest and returns the context's error. docs/ABI.md is the contract
// between host and guest.
package wasm

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/problem"
)

// Engine runs ops in pooled wazero instances of the paycore module. It is safe for
// concurrent use. Create it with New and release it with Close.
type Engine struct {
	cfg      config
	module   []byte
	maxInput int
	slots    chan struct{} // one token per running call: at most poolSize at once

	// fast has no interruption checks; guarded is compiled with
	// WithCloseOnContextDone so a context can stop a running guest (see flavorFor).
	fast, guarded flavor

	mu       sync.Mutex
	closed   bool
	inflight int
	drained  chan struct{}

	closeOnce sync.Once // closeRuntimes runs once: from Close, or from the last call out
	closeErr  error

	stats struct{ calls, created, discarded, traps, cancelled atomic.Uint64 }
}

// flavor is one wazero runtime with the module compiled for it, and its idle
// instances.
type flavor struct {
	guarded bool
	once    sync.Once
	ready   chan struct{} // closed when rt/cm or err are set
	err     error
	rt      wazero.Runtime
	cm      wazero.CompiledModule
	idle    chan *instance
}

// Stats are counters since New, for tests and monitoring.
type Stats struct {
	// Calls counts calls that reached an instance.
	Calls uint64
	// Created and Discarded count instances started and thrown away (after a trap,
	// a cancelled call, or at Close).
	Created, Discarded uint64
	// Traps counts guest traps; Cancelled counts calls stopped by their context.
	Traps, Cancelled uint64
}

// New compiles (or loads from cache) the module, starts and warms one instance
// (all of them with WithPrestart), checks the ABI version, and returns the Engine.
func New(ctx context.Context, opts ...Option) (*Engine, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	module, err := readModule(&cfg)
	if err != nil {
		return nil, err
	}
	e := &Engine{
		cfg:      cfg,
		module:   module,
		maxInput: core.MaxInputBytes,
		slots:    make(chan struct{}, cfg.poolSize),
		fast:     flavor{guarded: false, ready: make(chan struct{}), idle: make(chan *instance, cfg.poolSize)},
		guarded:  flavor{guarded: true, ready: make(chan struct{}), idle: make(chan *instance, cfg.poolSize)},
	}
	// The first instance runs on the code most calls will use.
	fl := &e.fast
	if cfg.interrupt == InterruptAlways || cfg.interrupt == InterruptDeadline && cfg.callTimeout > 0 {
		fl = &e.guarded
	}
	if cfg.prestart && cfg.interrupt == InterruptDeadline {
		e.compile(&e.guarded) // in the background, for calls with a deadline
	}
	if err := e.waitCompiled(ctx, fl); err != nil {
		_ = e.closeRuntimes(ctx)
		return nil, err
	}
	first, err := e.newInstance(fl)
	if err != nil {
		_ = e.closeRuntimes(ctx)
		return nil, err
	}
	e.maxInput = moduleMaxInput(first)
	fl.idle <- first
	if cfg.prestart {
		var wg sync.WaitGroup
		errs := make(chan error, cfg.poolSize)
		for range cfg.poolSize - 1 {
			wg.Go(func() {
				inst, err := e.newInstance(fl)
				if err != nil {
					errs <- err
					return
				}
				fl.idle <- inst
			})
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			_ = e.Close(ctx)
			return nil, err
		}
	}
	return e, nil
}

// flavorFor picks the compilation a call runs on, by the Interrupt mode (see
// Interrupt for why there are two).
func (e *Engine) flavorFor(ctx context.Context) *flavor {
	switch e.cfg.interrupt {
	case InterruptAlways:
		if ctx.Done() != nil {
			return &e.guarded
		}
	case InterruptDeadline:
		if _, ok := ctx.Deadline(); ok {
			return &e.guarded
		}
	}
	return &e.fast
}

// Call implements core.Engine: it runs op on input in a pooled instance and returns
// the envelope. Errors are the context's (wrapped; errors.Is works), ErrClosed, or
// a *CallError; a guest trap is an INTERNAL envelope, not an error.
func (e *Engine) Call(ctx context.Context, op string, input []byte) ([]byte, error) {
	if e.cfg.callTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.cfg.callTimeout)
		defer cancel()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !e.enter() {
		return nil, ErrClosed
	}
	defer e.leave()
	select {
	case e.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-e.slots }()

	fl := e.flavorFor(ctx)
	if err := e.waitCompiled(ctx, fl); err != nil {
		return nil, err
	}
	var inst *instance
	select {
	case inst = <-fl.idle:
	default:
		var err error
		if inst, err = e.newInstance(fl); err != nil {
			return nil, err
		}
	}
	e.stats.calls.Add(1)
	out, err := inst.run(ctx, op, input, e.maxInput)
	if err == nil {
		// On interruptible code, a context done just as the call finished may have
		// closed the module behind it: such an instance is not reused.
		if fl.guarded && (ctx.Err() != nil || inst.mod.IsClosed()) {
			e.discard(inst)
		} else {
			e.release(fl, inst)
		}
		return out, nil
	}
	e.discard(inst)
	return e.callFailed(ctx, op, inst, err)
}

// callFailed turns the error of a failed call (whose instance is already
// discarded) into Call's result.
func (e *Engine) callFailed(ctx context.Context, op string, inst *instance, err error) ([]byte, error) {
	var exit *sys.ExitError
	if ctxErr := ctx.Err(); ctxErr != nil &&
		(!errors.As(err, &exit) || exit.ExitCode() == sys.ExitCodeContextCanceled || exit.ExitCode() == sys.ExitCodeDeadlineExceeded) {
		e.stats.cancelled.Add(1)
		return nil, fmt.Errorf("wasm: op %q: %w", displayOp(op), ctxErr)
	}
	var callErr *CallError
	if errors.As(err, &callErr) {
		return nil, err
	}
	e.stats.traps.Add(1)
	trap := &TrapError{Op: displayOp(op), Reason: "trap", Detail: inst.stderr.String(), Err: err}
	if strings.Contains(trap.Detail, "out of memory") {
		trap.Reason = "out_of_memory"
	}
	if e.cfg.onTrap != nil {
		e.cfg.onTrap(trap)
	}
	return trapEnvelope(trap), nil
}

// trapEnvelope is the INTERNAL envelope for a guest trap: the same shape as any
// core error, with a reason a host can log or count.
func trapEnvelope(t *TrapError) []byte {
	msg := "the WebAssembly core failed and its instance was replaced; this is a bug in paycore"
	if t.Reason == "out_of_memory" {
		msg = "the WebAssembly core ran out of memory and its instance was replaced"
	}
	out, _ := core.Marshal(struct {
		OK    bool           `json:"ok"`
		Error *problem.Error `json:"error"`
	}{false, &problem.Error{Code: problem.Internal, Reason: "wasm_" + t.Reason, Message: msg}})
	return out
}

// Stats returns the engine's counters.
func (e *Engine) Stats() Stats {
	return Stats{
		Calls:     e.stats.calls.Load(),
		Created:   e.stats.created.Load(),
		Discarded: e.stats.discarded.Load(),
		Traps:     e.stats.traps.Load(),
		Cancelled: e.stats.cancelled.Load(),
	}
}

// MaxInputBytes is the module's input limit (from core.info at start-up); larger
// inputs are answered INPUT_TOO_LARGE without being copied into the guest.
func (e *Engine) MaxInputBytes() int { return e.maxInput }

// Close stops new calls, waits (until ctx is done) for running calls, and releases
// every instance and runtime. A call still running when ctx ends finishes on its
// own and releases the last resources then. Close is idempotent.
func (e *Engine) Close(ctx context.Context) error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	busy := e.inflight > 0
	e.drained = make(chan struct{})
	e.mu.Unlock()
	if busy {
		select {
		case <-e.drained:
		case <-ctx.Done():
			return ctx.Err() // the last call out closes the runtimes
		}
	}
	return e.closeRuntimes(ctx)
}

func (e *Engine) enter() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return false
	}
	e.inflight++
	return true
}

func (e *Engine) leave() {
	e.mu.Lock()
	e.inflight--
	last := e.closed && e.inflight == 0
	e.mu.Unlock()
	if last {
		close(e.drained)
		_ = e.closeRuntimes(context.Background())
	}
}

// release returns a healthy instance to its pool, or closes it if the engine is
// closing.
func (e *Engine) release(fl *flavor, inst *instance) {
	e.mu.Lock()
	closed := e.closed
	e.mu.Unlock()
	if !closed {
		select {
		case fl.idle <- inst:
			return
		default:
		}
	}
	e.discard(inst)
}

func (e *Engine) discard(inst *instance) {
	e.stats.discarded.Add(1)
	inst.close()
}

// closeRuntimes closes idle instances and both runtimes, once. Only called when no
// call is running. A compile still in progress is closed in the background when
// done.
func (e *Engine) closeRuntimes(ctx context.Context) error {
	e.closeOnce.Do(func() { e.closeErr = e.doCloseRuntimes(ctx) })
	return e.closeErr
}

func (e *Engine) doCloseRuntimes(ctx context.Context) error {
	var errs []error
	for _, fl := range []*flavor{&e.fast, &e.guarded} {
		fl.once.Do(func() { fl.err = ErrClosed; close(fl.ready) }) // never compile after close
		select {
		case <-fl.ready:
			errs = append(errs, e.closeFlavor(ctx, fl))
		default:
			go func() {
				<-fl.ready
				_ = e.closeFlavor(context.Background(), fl)
			}()
		}
	}
	return errors.Join(errs...)
}

func (e *Engine) closeFlavor(ctx context.Context, fl *flavor) error {
	for {
		select {
		case inst := <-fl.idle:
			e.discard(inst)
			continue
		default:
		}
		break
	}
	if fl.rt == nil {
		return nil
	}
	return fl.rt.Close(ctx)
}

// waitCompiled starts compiling fl if nobody has, and waits for it or for ctx. An
// abandoned compile goes on in the background and serves later calls.
func (e *Engine) waitCompiled(ctx context.Context, fl *flavor) error {
	e.compile(fl)
	select {
	case <-fl.ready:
		return fl.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// compile creates fl's runtime and compiles the module for it, once, in a new
// goroutine.
func (e *Engine) compile(fl *flavor) {
	fl.once.Do(func() { go e.doCompile(fl) })
}

func (e *Engine) doCompile(fl *flavor) {
	defer close(fl.ready)
	func() {
		rc := wazero.NewRuntimeConfigCompiler().
			WithCompilationCache(compilationCache(e.cfg.cacheDir)).
			WithMemoryLimitPages(uint32(e.cfg.memoryMiB) * 16). // 16 pages of 64 KiB per MiB
			WithDebugInfoEnabled(e.cfg.debugInfo).
			WithCloseOnContextDone(fl.guarded)
		ctx := context.Background()
		rt := wazero.NewRuntimeWithConfig(ctx, rc)
		if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
			fl.err = errors.Join(err, rt.Close(ctx))
			return
		}
		cm, err := rt.CompileModule(ctx, e.module)
		if err != nil {
			fl.err = errors.Join(fmt.Errorf("wasm: compiling the module: %w", err), rt.Close(ctx))
			return
		}
		fl.rt, fl.cm = rt, cm
	}()
}

// newInstance instantiates the module, runs _initialize, checks the ABI and runs
// the warm-up calls. It does not take the caller's context: an instance is cheap
// and worth finishing even if this call is abandoned.
func (e *Engine) newInstance(fl *flavor) (*instance, error) {
	ctx := experimental.WithMemoryAllocator(context.Background(), memoryAllocator)
	stderr := &firstLine{next: e.cfg.stderr}
	mc := wazero.NewModuleConfig().
		WithName("").
		WithStartFunctions("_initialize").
		WithRandSource(rand.Reader).
		WithStderr(stderr)
	if e.cfg.testOps {
		mc = mc.WithEnv("PAYCORE_GUEST_TEST_OPS", "1")
	}
	mod, err := fl.rt.InstantiateModule(ctx, fl.cm, mc)
	if err != nil {
		return nil, fmt.Errorf("wasm: starting an instance: %w", err)
	}
	inst, err := bind(mod, stderr)
	if err != nil {
		_ = mod.Close(ctx)
		return nil, err
	}
	for _, w := range e.cfg.warmup {
		if _, err := inst.run(ctx, w.op, w.input, e.maxInput); err != nil {
			inst.close()
			return nil, fmt.Errorf("wasm: warm-up call %q failed: %w", displayOp(w.op), err)
		}
	}
	e.stats.created.Add(1)
	return inst, nil
}

// moduleMaxInput asks the module for its input limit (core.info's maxInputBytes),
// so a host keeps working with a module built from other rules. It falls back to
// this build's core.MaxInputBytes.
func moduleMaxInput(inst *instance) int {
	out, err := inst.run(context.Background(), "core.info", []byte("{}"), core.MaxInputBytes)
	if err != nil {
		return core.MaxInputBytes
	}
	var env struct {
		Result struct {
			MaxInputBytes int `json:"maxInputBytes"`
		} `json:"result"`
	}
	if json.Unmarshal(out, &env) != nil || env.Result.MaxInputBytes <= 0 {
		return core.MaxInputBytes
	}
	return env.Result.MaxInputBytes
}

// caches holds one compilation cache per directory for the whole process, so every
// Engine shares compiled code in memory ("" is memory only).
var caches sync.Map // string -> wazero.CompilationCache

func compilationCache(dir string) wazero.CompilationCache {
	if c, ok := caches.Load(dir); ok {
		return c.(wazero.CompilationCache)
	}
	var c wazero.CompilationCache
	if dir != "" {
		var err error
		if c, err = wazero.NewCompilationCacheWithDir(dir); err != nil {
			c = nil
		} else {
			bufferCacheReads(c) // see cachefile.go
		}
	}
	if c == nil {
		c = wazero.NewCompilationCache()
	}
	actual, _ := caches.LoadOrStore(dir, c)
	return actual.(wazero.CompilationCache)
}

var _ core.Engine = (*Engine)(nil)
