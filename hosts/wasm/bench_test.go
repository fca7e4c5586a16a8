package wasm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tetratelabs/wazero/experimental"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/hosts/wasm/wasmtest"
	"github.com/paycore/paycore/testvectors"
)

// BenchmarkOps runs each benchmark vector (wasmtest.BenchVectors: one per op, or
// $PAYCORE_BENCH_VECTORS) on the native engine, on wazero's fast code and on its
// interruptible code (a context with a deadline). Ratios in BENCHMARKS.md are
// wazero time per op divided by native time per op from the same run. cpu-ns/op is
// the process's CPU time per op, which other load on the machine disturbs less
// than wall time.
func BenchmarkOps(b *testing.B) {
	e := plain(b)
	require := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	require(e.waitCompiled(context.Background(), &e.guarded))
	deadline, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	for _, v := range wasmtest.BenchVectors(b) {
		in, err := v.InputBytes()
		require(err)
		name := strings.TrimSuffix(v.Path, ".json")
		engines := []struct {
			name string
			eng  core.Engine
			ctx  context.Context
		}{
			{"native", core.Native{}, context.Background()},
			{"wazero", e, context.Background()},
			{"wazero-interruptible", e, deadline},
		}
		for _, x := range engines {
			b.Run(name+"/"+x.name, func(b *testing.B) {
				b.ReportAllocs()
				cpu := processCPU()
				for b.Loop() {
					if _, err := x.eng.Call(x.ctx, v.Op, in); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// BenchmarkNewInstance measures a new pooled instance made ready: instantiate, run
// _initialize, check the ABI and make the warm-up call; with the engine's mmap
// memory and with wazero's default (a Go slice grown by copying).
func BenchmarkNewInstance(b *testing.B) {
	e := plain(b)
	for _, alloc := range []struct {
		name string
		fn   experimental.MemoryAllocatorFunc
	}{{"mmap", newLinearMemory}, {"slice", func(c, _ uint64) experimental.LinearMemory { return newSliceMemory(c) }}} {
		b.Run(alloc.name, func(b *testing.B) {
			saved := memoryAllocator
			memoryAllocator = alloc.fn
			defer func() { memoryAllocator = saved }()
			for b.Loop() {
				inst, err := e.newInstance(&e.fast)
				if err != nil {
					b.Fatal(err)
				}
				inst.close()
			}
		})
	}
}

// BenchmarkBoundary measures the ABI round trip alone (alloc, copy in, call, copy
// out, two frees) with the guest's __test.echo, which does not enter the core.
func BenchmarkBoundary(b *testing.B) {
	e := faulty(b)
	in := []byte(`{"request":{}}`)
	for b.Loop() {
		if _, err := e.Call(context.Background(), "__test.echo", in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPool measures throughput with GOMAXPROCS goroutines calling a pool of 1
// and a pool of 2 instances; on 2 cores the second should be close to twice the
// first. It uses the benchmark vector with the largest input.
func BenchmarkPool(b *testing.B) {
	var v testvectors.Vector
	for _, c := range wasmtest.BenchVectors(b) {
		if len(c.Input) > len(v.Input) {
			v = c
		}
	}
	in, err := v.InputBytes()
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{1, 2} {
		b.Run(strings.TrimSuffix(v.Path, ".json")+"/pool="+string(rune('0'+size)), func(b *testing.B) {
			e, err := New(context.Background(), append(engineOptions(b), WithPoolSize(size), WithPrestart(true))...)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close(context.Background())
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := e.Call(context.Background(), v.Op, in); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
