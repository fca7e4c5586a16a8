//go:build wasip1

//lint:file-ignore U1000 the exports are called by the WebAssembly host (go:wasmexport), which staticcheck cannot see

package main

import (
	"unsafe"

	"github.com/paycore/paycore/core"
)

// tooLarge backs the input slice handed to core.Handle when the input is over the
// limit and was never copied into the guest (docs/ABI.md, "Oversized input").
// core.Handle refuses such input by its length alone and never reads it.
var tooLarge byte

// paycoreABIVersion returns the ABI version (core.ABIVersion). A host refuses a
// module whose version it was not written for.
//
//go:wasmexport paycore_abi_version
func paycoreABIVersion() uint32 {
	return core.ABIVersion
}

// paycoreAlloc returns the address of a zeroed buffer of size bytes that stays
// alive until paycore_free, or 0 when size is over the allocation limit.
//
//go:wasmexport paycore_alloc
func paycoreAlloc(size uint32) uint32 {
	return uint32(alloc(size))
}

// paycoreFree releases a buffer returned by paycore_alloc or paycore_call.
//
//go:wasmexport paycore_free
func paycoreFree(ptr uint32) {
	free(uintptr(ptr))
}

// paycoreCall runs op on input and returns the envelope as ptr<<32 | len. The
// envelope buffer stays alive until the host passes ptr to paycore_free. op and
// input stay owned by the host: the guest neither keeps nor frees them.
//
//go:wasmexport paycore_call
func paycoreCall(opPtr unsafe.Pointer, opLen uint32, inPtr unsafe.Pointer, inLen uint32) uint64 {
	var op string
	if opLen > 0 {
		// Copied: the host owns and reuses this memory after the call.
		op = string(unsafe.Slice((*byte)(opPtr), opLen))
	}
	var input []byte
	switch {
	case inLen > core.MaxInputBytes:
		// Refused by length: point at one byte, never read.
		input = unsafe.Slice(&tooLarge, inLen)
	case inLen > 0 && inPtr == nil:
		return result(internalEnvelope("paycore_call: in_ptr is 0 but in_len is not, and in_len is within the limit"))
	case inLen > 0:
		input = unsafe.Slice((*byte)(inPtr), inLen)
	}
	return result(call(op, input))
}

// result pins the envelope and packs its address and length.
func result(envelope []byte) uint64 {
	return uint64(pin(envelope))<<32 | uint64(len(envelope))
}
