package wasm

import "github.com/tetratelabs/wazero/experimental"

// memoryAllocator backs each instance's linear memory (see newLinearMemory). A
// variable only so the benchmarks can compare it with wazero's default.
var memoryAllocator experimental.MemoryAllocator = experimental.MemoryAllocatorFunc(newLinearMemory)

// sliceMemory is the portable LinearMemory: a Go slice grown by copying.
type sliceMemory struct{ buf []byte }

func newSliceMemory(capBytes uint64) experimental.LinearMemory {
	return &sliceMemory{buf: make([]byte, 0, capBytes)}
}

// Reallocate implements experimental.LinearMemory.
func (m *sliceMemory) Reallocate(size uint64) []byte {
	if size <= uint64(cap(m.buf)) {
		m.buf = m.buf[:size]
		return m.buf
	}
	grown := make([]byte, size, max(size, 2*uint64(cap(m.buf))))
	copy(grown, m.buf)
	m.buf = grown
	return m.buf
}

// Free implements experimental.LinearMemory.
func (m *sliceMemory) Free() { m.buf = nil }
