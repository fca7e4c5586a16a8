package wasm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/problem"
	"github.com/paycore/paycore/testvectors"
)

// TestVectors plays every golden vector on the wazero engine with the same runner
// as the native engine.
func TestVectors(t *testing.T) {
	testvectors.Run(t, plain(t), false)
}

// TestVectorsByteIdentical checks that both engines return the very same bytes, not
// only the same JSON value.
func TestVectorsByteIdentical(t *testing.T) {
	e := plain(t)
	vs, err := testvectors.Load(testvectors.Dir())
	require.NoError(t, err)
	require.NotEmpty(t, vs)
	for _, v := range vs {
		input, err := v.InputBytes()
		require.NoError(t, err, v.Path)
		assertSame(t, e, v.Op, input, v.Path)
	}
}

// assertSame fails unless the native engine and e return identical bytes.
func assertSame(t *testing.T, e core.Engine, op string, input []byte, label string) {
	t.Helper()
	want := core.Handle(op, input)
	got, err := e.Call(context.Background(), op, input)
	if err != nil {
		t.Fatalf("%s: engine error: %v", label, err)
	}
	if !bytes.Equal(want, got) {
		t.Fatalf("%s: op %q, input %q\nnative: %s\nwazero: %s", label, clip(op), clip(string(input)), clip(string(want)), clip(string(got)))
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + fmt.Sprintf("...(%d bytes)", len(s))
	}
	return s
}

// envelopeError decodes an error envelope.
func envelopeError(t *testing.T, out []byte) problem.Error {
	t.Helper()
	var env struct {
		OK    bool          `json:"ok"`
		Error problem.Error `json:"error"`
	}
	require.NoError(t, json.Unmarshal(out, &env), string(out))
	require.False(t, env.OK, string(out))
	return env.Error
}

// healthy asserts the engine still answers core.info correctly.
func healthy(t *testing.T, e *Engine) {
	t.Helper()
	got, err := e.Call(context.Background(), "core.info", []byte("{}"))
	require.NoError(t, err)
	require.Equal(t, string(core.Handle("core.info", []byte("{}"))), string(got))
}

func TestOversizedInputIsNotCopied(t *testing.T) {
	// 100 MiB cannot fit in the faulty engine's 64 MiB memory: a copy would fail.
	huge := bytes.Repeat([]byte(" "), 100<<20)
	for _, e := range []*Engine{plain(t), faulty(t)} {
		for _, n := range []int{core.MaxInputBytes + 1, len(huge)} {
			assertSame(t, e, "core.info", huge[:n], fmt.Sprintf("%d bytes", n))
			assertSame(t, e, "no.such.op", huge[:n], fmt.Sprintf("unknown op, %d bytes", n))
		}
		assertSame(t, e, "core.info", huge[:core.MaxInputBytes], "exactly the limit")
	}
	require.Equal(t, core.MaxInputBytes, plain(t).MaxInputBytes())
}

func TestGuestPanicIsInternalAndInstanceSurvives(t *testing.T) {
	e := faulty(t)
	before := e.Stats()
	out, err := e.Call(context.Background(), "__test.panic", nil)
	require.NoError(t, err)
	perr := envelopeError(t, out)
	require.Equal(t, problem.Internal, perr.Code)
	require.Empty(t, perr.Reason, "a recovered panic is not a trap")
	require.NotContains(t, perr.Message, "__test.panic", "the panic value is never echoed")
	healthy(t, e)
	after := e.Stats()
	require.Equal(t, before.Discarded, after.Discarded, "no instance was discarded")
	require.Equal(t, before.Traps, after.Traps)
}

func TestTrapReplacesInstance(t *testing.T) {
	e := faulty(t)
	var traps []*TrapError
	var mu sync.Mutex
	e.cfg.onTrap = func(te *TrapError) { mu.Lock(); traps = append(traps, te); mu.Unlock() }
	defer func() { e.cfg.onTrap = nil }()
	before := e.Stats()
	out, err := e.Call(context.Background(), "__test.trap", nil)
	require.NoError(t, err)
	perr := envelopeError(t, out)
	require.Equal(t, problem.Internal, perr.Code)
	require.Equal(t, "wasm_trap", perr.Reason)
	after := e.Stats()
	require.Equal(t, before.Traps+1, after.Traps)
	require.Equal(t, before.Discarded+1, after.Discarded)
	healthy(t, e)
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, traps, 1)
	require.Contains(t, traps[0].Detail, "unlock of unlocked mutex")
	var te *TrapError
	require.ErrorAs(t, traps[0], &te)
}

func TestDeadlineStopsGuest(t *testing.T) {
	e := faulty(t)
	require.NoError(t, e.waitCompiled(context.Background(), &e.guarded))
	before := e.Stats()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	out, err := e.Call(ctx, "__test.spin", nil)
	require.Nil(t, out)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 2*time.Second)
	require.Equal(t, before.Cancelled+1, e.Stats().Cancelled)
	require.Equal(t, before.Discarded+1, e.Stats().Discarded)
	healthy(t, e)
}

func TestCancelStopsGuest(t *testing.T) {
	e := faulty(t)
	require.NoError(t, e.waitCompiled(context.Background(), &e.guarded))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := e.Call(ctx, "__test.spin", nil)
	require.ErrorIs(t, err, context.Canceled)
	healthy(t, e)
}

func TestDoneContextFailsBeforeRunning(t *testing.T) {
	e := plain(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := e.Stats()
	_, err := e.Call(ctx, "core.info", nil)
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, before.Calls, e.Stats().Calls)
}

func TestMemoryCap(t *testing.T) {
	e := faulty(t)
	out, err := e.Call(context.Background(), "__test.alloc", nil)
	require.NoError(t, err)
	perr := envelopeError(t, out)
	require.Equal(t, problem.Internal, perr.Code)
	require.Equal(t, "wasm_out_of_memory", perr.Reason)
	healthy(t, e)
}

func TestTestOpsAreOrdinaryUnknownOpsByDefault(t *testing.T) {
	for _, op := range []string{"__test.panic", "__test.trap", "__test.spin", "__test.alloc", "__test.echo"} {
		assertSame(t, plain(t), op, nil, op)
	}
}

// TestConcurrentCalls runs many goroutines against the engine, mixing ops that
// succeed, fail, panic and trap, and checks every answer.
func TestConcurrentCalls(t *testing.T) {
	vs, err := testvectors.Load(testvectors.Dir())
	require.NoError(t, err)
	type call struct {
		op    string
		input []byte
		want  []byte
	}
	var calls []call
	for _, v := range vs {
		in, err := v.InputBytes()
		require.NoError(t, err)
		calls = append(calls, call{v.Op, in, core.Handle(v.Op, in)})
	}
	for _, tc := range []struct {
		name   string
		engine *Engine
		chaos  bool
	}{{"plain", plain(t), false}, {"faulty", faulty(t), true}} {
		t.Run(tc.name, func(t *testing.T) {
			const goroutines, perG = 32, 20
			var wg sync.WaitGroup
			errs := make(chan error, goroutines)
			for g := range goroutines {
				wg.Go(func() {
					for i := range perG {
						if tc.chaos && (g+i)%7 == 0 {
							op := []string{"__test.panic", "__test.trap"}[(g+i)%2]
							out, err := tc.engine.Call(context.Background(), op, nil)
							if err != nil || !bytes.Contains(out, []byte(`"code":"INTERNAL"`)) {
								errs <- fmt.Errorf("%s: %s %v", op, out, err)
								return
							}
							continue
						}
						c := calls[(g*perG+i)%len(calls)]
						got, err := tc.engine.Call(context.Background(), c.op, c.input)
						if err != nil || !bytes.Equal(got, c.want) {
							errs <- fmt.Errorf("%s: got %s (err %v), want %s", c.op, clip(string(got)), err, clip(string(c.want)))
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}

func TestCloseWaitsAndRefuses(t *testing.T) {
	e, err := New(context.Background(), append(engineOptions(t), withTestOps(), WithPoolSize(2))...)
	require.NoError(t, err)
	healthy(t, e)
	// A call in flight when Close starts finishes normally.
	started := make(chan struct{})
	var inflight []byte
	var wg sync.WaitGroup
	wg.Go(func() {
		close(started)
		inflight, _ = e.Call(context.Background(), "__test.json", []byte(`[1,"x",{"a":null}]`))
	})
	<-started
	require.NoError(t, e.Close(context.Background()))
	wg.Wait()
	if inflight != nil {
		require.Contains(t, string(inflight), `"ok":true`)
	}
	_, err = e.Call(context.Background(), "core.info", nil)
	require.ErrorIs(t, err, ErrClosed)
	require.NoError(t, e.Close(context.Background()), "Close is idempotent")
}

func TestModuleNotFound(t *testing.T) {
	_, err := New(context.Background(), WithModulePath(t.TempDir()+"/none.wasm"))
	var nf *ModuleNotFoundError
	require.ErrorAs(t, err, &nf)
	require.Contains(t, err.Error(), "make wasm")

	t.Setenv(ModuleEnv, t.TempDir()+"/none.wasm")
	_, err = ModulePath()
	require.ErrorAs(t, err, &nf)
	require.Contains(t, err.Error(), ModuleEnv)
}

func TestModulePathFromEnv(t *testing.T) {
	e := plain(t)
	_ = e
	t.Setenv(ModuleEnv, engineModulePath(t))
	p, err := ModulePath()
	require.NoError(t, err)
	require.Equal(t, engineModulePath(t), p)
}

func engineModulePath(t *testing.T) string {
	for _, o := range engineOptions(t) {
		var c config
		o(&c)
		if c.modulePath != "" {
			return c.modulePath
		}
	}
	t.Fatal("no module path")
	return ""
}

func TestABIChecks(t *testing.T) {
	// An empty module: it lacks every export.
	_, err := New(context.Background(), WithModuleBytes([]byte("\x00asm\x01\x00\x00\x00")), WithCacheDir(""))
	var abi *ABIError
	require.ErrorAs(t, err, &abi)
	require.NotEmpty(t, abi.Missing)

	// A module exporting the whole ABI but claiming version 99.
	_, err = New(context.Background(), WithModuleBytes(fakeModule(42)), WithCacheDir(""))
	require.ErrorAs(t, err, &abi)
	require.Equal(t, uint32(42), abi.Got)
	require.Equal(t, uint32(core.ABIVersion), abi.Want)
}

func TestFlavorChoice(t *testing.T) {
	dl, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	cc, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	bg := context.Background()
	for _, tc := range []struct {
		mode                 Interrupt
		bg, cancel, deadline bool // guarded?
	}{
		{InterruptDeadline, false, false, true},
		{InterruptAlways, false, true, true},
		{InterruptNever, false, false, false},
	} {
		e := &Engine{cfg: config{interrupt: tc.mode}}
		require.Equal(t, tc.bg, e.flavorFor(bg) == &e.guarded, "mode %d, background", tc.mode)
		require.Equal(t, tc.cancel, e.flavorFor(cc) == &e.guarded, "mode %d, cancel", tc.mode)
		require.Equal(t, tc.deadline, e.flavorFor(dl) == &e.guarded, "mode %d, deadline", tc.mode)
	}
}

func TestDeadlineOnPlainEngine(t *testing.T) {
	// InterruptDeadline: a deadline call runs on the interruptible code and agrees
	// with native.
	e := plain(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	got, err := e.Call(ctx, "core.info", []byte("{}"))
	require.NoError(t, err)
	require.Equal(t, string(core.Handle("core.info", []byte("{}"))), string(got))
	_, err = e.Call(ctx, "core.info", []byte("{"))
	require.NoError(t, err)
	require.False(t, errors.Is(err, context.DeadlineExceeded))
}

func TestCallTimeoutOption(t *testing.T) {
	faulty(t) // keeps both compilations in the in-memory cache
	// The timeout also bounds the health check that follows (a fresh instance is
	// started for it), so it must leave room for a start-up on a loaded machine.
	e, err := New(context.Background(), append(engineOptions(t), withTestOps(), WithPoolSize(1),
		WithCallTimeout(2*time.Second), WithWarmup("no.such.op", nil))...)
	require.NoError(t, err)
	defer e.Close(context.Background())
	require.NoError(t, e.waitCompiled(context.Background(), &e.guarded))
	_, err = e.Call(context.Background(), "__test.spin", nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	healthy(t, e)
}
