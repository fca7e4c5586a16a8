//go:build !linux

package wasm

import "github.com/tetratelabs/wazero/experimental"

func newLinearMemory(capBytes, _ uint64) experimental.LinearMemory {
	return newSliceMemory(capBytes)
}
