package wasm

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Option configures an Engine. Options are applied in order by New; the resulting
// configuration never changes afterwards.
type Option func(*config)

type config struct {
	modulePath  string
	moduleBytes []byte
	cacheDir    string
	poolSize    int
	memoryMiB   int
	callTimeout time.Duration
	debugInfo   bool
	prestart    bool
	warmup      []warmCall
	stderr      io.Writer
	onTrap      func(*TrapError)
	interrupt   Interrupt
	testOps     bool
}

// Interrupt says which calls run on code that a context can stop mid-call.
//
// wazero can only stop a running guest if the module was compiled with
// WithCloseOnContextDone, which checks for cancellation at every loop back-edge.
// The Go compiler's WebAssembly output branches through a loop header for nearly
// every jump, so that code runs 3-6x slower. The engine therefore keeps two
// compilations of the module and picks one per call.
type Interrupt int

const (
	// InterruptDeadline (the default) runs calls whose context has a deadline on
	// interruptible code, and all others on fast code. A cancel without a deadline
	// (an HTTP client going away) is honoured before the call starts and while it
	// waits for an instance; a started op runs to its end (a millisecond or so).
	InterruptDeadline Interrupt = iota
	// InterruptAlways runs every call whose context can be done on interruptible
	// code: the strictest sandbox, about 5x slower per op.
	InterruptAlways
	// InterruptNever runs every call on fast code: contexts are checked only before
	// a call starts, and a guest stuck in a loop cannot be stopped.
	InterruptNever
)

type warmCall struct {
	op    string
	input []byte
}

// CacheDirEnv names the environment variable that, when set, is the default
// compilation cache directory ("" for memory only).
const CacheDirEnv = "PAYCORE_WASM_CACHE"

// DefaultMemoryLimitMiB is the default cap on one instance's linear memory.
const DefaultMemoryLimitMiB = 256

func defaultConfig() config {
	cfg := config{
		poolSize:  runtime.GOMAXPROCS(0),
		memoryMiB: DefaultMemoryLimitMiB,
		warmup:    []warmCall{{"core.info", []byte("{}")}},
		stderr:    io.Discard,
	}
	if dir, ok := os.LookupEnv(CacheDirEnv); ok {
		cfg.cacheDir = dir
	} else if dir, err := os.UserCacheDir(); err == nil {
		cfg.cacheDir = filepath.Join(dir, "paycore", "wazero")
	}
	return cfg
}

// WithModulePath loads the module from path instead of the default location
// (see ModulePath).
func WithModulePath(path string) Option { return func(c *config) { c.modulePath = path } }

// WithModuleBytes uses the given module bytes; the engine does not copy them, so do
// not modify them afterwards.
func WithModuleBytes(module []byte) Option { return func(c *config) { c.moduleBytes = module } }

// WithCacheDir sets the directory of the on-disk compilation cache, so a new process
// skips the multi-second compile. "" disables the disk cache; the in-memory cache,
// shared by every Engine of the process, is always on. The default is
// $PAYCORE_WASM_CACHE if set, else paycore/wazero under os.UserCacheDir.
func WithCacheDir(dir string) Option { return func(c *config) { c.cacheDir = dir } }

// WithPoolSize sets how many instances may run at once (one call each). The default
// is runtime.GOMAXPROCS(0): the guest is single-threaded and CPU-bound, so more
// instances than cores only add memory. Values below 1 mean 1.
func WithPoolSize(n int) Option {
	return func(c *config) {
		if n < 1 {
			n = 1
		}
		c.poolSize = n
	}
}

// WithMemoryLimitMiB caps each instance's linear memory (default
// DefaultMemoryLimitMiB). A guest that needs more fails with an INTERNAL envelope
// and its instance is replaced. Values are clamped to [16, 4096].
func WithMemoryLimitMiB(mib int) Option {
	return func(c *config) { c.memoryMiB = min(max(mib, 16), 4096) }
}

// WithCallTimeout bounds every call (default: none, only the caller's context). The
// timeout is a deadline, so under InterruptDeadline every call then runs on the
// slower interruptible code.
func WithCallTimeout(d time.Duration) Option { return func(c *config) { c.callTimeout = d } }

// WithDebugInfo keeps DWARF so traps show Go source lines. It makes loading from the
// disk cache about three times slower; off by default.
func WithDebugInfo(on bool) Option { return func(c *config) { c.debugInfo = on } }

// WithPrestart makes New start and warm the whole pool instead of one instance, and
// compile the interruptible variant too when the Interrupt mode can use it, so the
// first requests find everything ready (a server wants this; a CLI does not).
func WithPrestart(on bool) Option { return func(c *config) { c.prestart = on } }

// WithWarmup replaces the calls each new instance makes before it serves (default:
// core.info with {}). Warm-up pays one-time guest costs (lazy caches) off the
// request path; their envelopes are discarded. An unknown op is harmless.
func WithWarmup(op string, input []byte) Option {
	return func(c *config) { c.warmup = append(c.warmup[:0:0], warmCall{op, input}) }
}

// WithAddedWarmup adds a warm-up call after the others.
func WithAddedWarmup(op string, input []byte) Option {
	return func(c *config) { c.warmup = append(c.warmup[:len(c.warmup):len(c.warmup)], warmCall{op, input}) }
}

// WithStderr receives what the guest's Go runtime writes to stderr (fatal error
// reports). The default discards it; TrapError.Detail keeps the first line anyway.
func WithStderr(w io.Writer) Option { return func(c *config) { c.stderr = w } }

// WithTrapHandler is called (from the calling goroutine) for every guest trap, after
// the instance is discarded: the place to log it.
func WithTrapHandler(f func(*TrapError)) Option { return func(c *config) { c.onTrap = f } }

// WithInterrupt chooses which calls can be stopped mid-call by their context
// (default InterruptDeadline).
func WithInterrupt(mode Interrupt) Option { return func(c *config) { c.interrupt = mode } }

// withTestOps enables the guest's reserved __test.* ops (docs/ABI.md). Tests only.
func withTestOps() Option { return func(c *config) { c.testOps = true } }
