package main

import (
	"encoding/json"
	"math"
	"os"
	"sync"
	"unsafe"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/core/problem"
)

// allocLimit is the largest buffer paycore_alloc hands out. An op name plus its input
// never needs more; a larger request gets 0 instead of exhausting guest memory.
const allocLimit = 64 << 20

// testOpsEnv is the environment variable that, set to "1" when the module is
// instantiated, turns on the reserved __test.* ops (docs/ABI.md). Without it those
// names are ordinary unknown ops and reach core.Handle like any other.
const testOpsEnv = "PAYCORE_GUEST_TEST_OPS"

// pinned keeps every buffer handed to the host alive, keyed by its address, until
// the host frees it. The guest is single-threaded, so no lock is needed.
var pinned = map[uintptr][]byte{}

// testOps says whether the reserved __test.* ops are enabled; read once, lazily.
var testOps = -1

// internalEnvelope is the envelope for a failure of the guest wrapper itself.
func internalEnvelope(message string) []byte {
	out, err := core.Marshal(struct {
		OK    bool           `json:"ok"`
		Error *problem.Error `json:"error"`
	}{false, &problem.Error{Code: problem.Internal, Message: message}})
	if err != nil {
		return []byte(`{"ok":false,"error":{"code":"INTERNAL","message":"internal error"}}`)
	}
	return out
}

// call runs one op and returns its envelope. A panic anywhere below (core.Handle
// already recovers its own ops; this catches the rest) becomes an INTERNAL envelope
// and the instance keeps serving.
func call(op string, input []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = internalEnvelope("internal error in the WebAssembly guest; this is a bug in paycore")
		}
	}()
	if len(op) > 7 && op[:7] == "__test." && testOpsEnabled() {
		if out, ok := runTestOp(op, input); ok {
			return out
		}
	}
	return core.Handle(op, input)
}

func testOpsEnabled() bool {
	if testOps < 0 {
		testOps = 0
		if os.Getenv(testOpsEnv) == "1" {
			testOps = 1
		}
	}
	return testOps == 1
}

// sink keeps __test.alloc's allocations reachable so the collector cannot free them.
var sink [][]byte

// spinCount is written by __test.spin so the loop cannot be optimised away.
var spinCount uint64

// runTestOp runs a reserved failure-injection op. They exist so hosts can test how
// they survive a misbehaving guest; see docs/ABI.md.
func runTestOp(op string, input []byte) ([]byte, bool) {
	switch op {
	case "__test.panic": // a panic the guest recovers: INTERNAL, instance healthy
		panic("__test.panic")
	case "__test.trap": // a fatal runtime error no recover can catch: the instance traps
		trap()
	case "__test.spin": // does not return (in this universe): only a host deadline ends it
		for spinCount < math.MaxUint64 {
			spinCount++
		}
		return nil, false
	case "__test.alloc": // allocates 1 MiB blocks until the memory cap stops it
		for {
			sink = append(sink, make([]byte, 1<<20))
			for i := 0; i < 1<<20; i += 4096 {
				sink[len(sink)-1][i] = 1
			}
		}
	case "__test.json": // decodes and re-encodes the input: a stand-in workload for benchmarks
		var v any
		if err := json.Unmarshal(input, &v); err != nil {
			return internalEnvelope("__test.json: bad JSON"), true
		}
		out, _ := core.Marshal(struct {
			OK     bool `json:"ok"`
			Result any  `json:"result"`
		}{true, v})
		return out, true
	case "__test.echo": // reports the op and the input length, to test the boundary
		out, _ := core.Marshal(struct {
			OK     bool       `json:"ok"`
			Result echoResult `json:"result"`
		}{true, echoResult{op, len(input)}})
		return out, true
	}
	return nil, false
}

// echoResult is the result of __test.echo.
type echoResult struct {
	Op    string `json:"op"`
	Bytes int    `json:"bytes"`
}

// trap makes the Go runtime fail fatally (a throw, which recover cannot catch):
// unlocking an unlocked mutex is the simplest such error reachable from user code.
func trap() {
	var m sync.Mutex
	m.Unlock()
}

// addr is the address of b's first byte, as the host sees it in linear memory.
func addr(b []byte) uintptr {
	return uintptr(unsafe.Pointer(unsafe.SliceData(b)))
}

// pin keeps b alive for the host and returns its address.
func pin(b []byte) uintptr {
	if len(b) == 0 {
		b = make([]byte, 1)
	}
	p := addr(b)
	pinned[p] = b
	return p
}

// alloc returns a fresh zeroed buffer of size bytes, pinned until freed; 0 when size
// exceeds allocLimit.
func alloc(size uint32) uintptr {
	if size > allocLimit {
		return 0
	}
	n := size
	if n == 0 {
		n = 1
	}
	return pin(make([]byte, n))
}

// free releases a buffer from alloc or call; unknown or already freed addresses are
// ignored.
func free(p uintptr) {
	delete(pinned, p)
}
