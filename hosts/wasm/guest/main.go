// Command guest is paycore's core compiled as a WebAssembly (wasip1) reactor. Build it
// with
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -o bin/paycore.wasm ./hosts/wasm/guest
//
// (or `make wasm`). The module exports paycore_abi_version, paycore_alloc, paycore_free
// and paycore_call; docs/ABI.md is the contract a host is written against. The logic
// lives in guest.go, which also builds natively so it can be unit-tested; the exports
// themselves are in exports_wasip1.go.
package main

// main is empty: a reactor does its work in exported functions after _initialize.
func main() {}
