package wasm

// fakeModule assembles (version must be below 64, one LEB128 byte) a minimal WebAssembly module that exports a memory and one
// function, returning version, under every ABI export name: enough to test the
// host's ABI checks without a Go toolchain.
func fakeModule(version byte) []byte {
	section := func(id byte, content ...byte) []byte {
		return append([]byte{id, byte(len(content))}, content...)
	}
	name := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	var exports []byte
	names := []string{exportABIVersion, exportAlloc, exportFree, exportCall}
	exports = append(exports, byte(len(names)+1))
	for _, n := range names {
		exports = append(append(exports, name(n)...), 0x00, 0x00) // func 0
	}
	exports = append(append(exports, name("memory")...), 0x02, 0x00) // memory 0
	m := []byte("\x00asm\x01\x00\x00\x00")
	m = append(m, section(0x01, 0x01, 0x60, 0x00, 0x01, 0x7f)...) // type: () -> i32
	m = append(m, section(0x03, 0x01, 0x00)...)                   // one function of type 0
	m = append(m, section(0x05, 0x01, 0x00, 0x01)...)             // one memory, 1 page
	m = append(m, section(0x07, exports...)...)                   // exports
	body := []byte{0x00, 0x41, version & 0x3f, 0x0b}              // no locals; i32.const v; end
	m = append(m, section(0x0a, append([]byte{0x01, byte(len(body))}, body...)...)...)
	return m
}
