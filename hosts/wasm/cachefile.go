package wasm

import (
	"bufio"
	"crypto/sha256"
	"io"
	"reflect"
	"sync/atomic"
	"unsafe"

	"github.com/tetratelabs/wazero"
)

// wazero's disk cache (wazero.NewCompilationCacheWithDir) hands its loader the
// cache file as an *os.File, and the loader reads the function offsets eight bytes
// at a time: one read system call per function of the module, about 5,000 for
// paycore.wasm, before the machine code itself. Where system calls are slow
// (sandboxed or virtualised kernels) those calls alone took 0.26 s of a new
// process's first answer. wazero has no option for this, so bufferCacheReads puts a
// buffer between the loader and the file: a handful of reads per load. The bytes
// the loader sees, and the files wazero writes, are unchanged.

// cacheReadBuffer is the buffer a cache file is read through: large enough that
// the header and every function offset arrive in one read; the machine code after
// them is read straight into wazero's code segment.
const cacheReadBuffer = 1 << 20

// wazeroFileCache is the method set of wazero's internal file cache
// (internal/filecache.Cache).
type wazeroFileCache interface {
	Get(key [sha256.Size]byte) (content io.ReadCloser, ok bool, err error)
	Add(key [sha256.Size]byte, content io.Reader) error
	Delete(key [sha256.Size]byte) error
}

// bufferedFileCache is wazero's file cache with buffered reads.
type bufferedFileCache struct {
	wazeroFileCache
	hits atomic.Int64 // entries handed to wazero, for tests
}

// Get opens the entry as wazero's cache does and reads it through a buffer.
func (c *bufferedFileCache) Get(key [sha256.Size]byte) (io.ReadCloser, bool, error) {
	rc, ok, err := c.wazeroFileCache.Get(key)
	if !ok || err != nil || rc == nil {
		return rc, ok, err
	}
	c.hits.Add(1)
	return &fullReader{r: bufio.NewReaderSize(rc, cacheReadBuffer), c: rc}, true, nil
}

// fullReader returns as many bytes as asked for until the end of the file.
// wazero's loader reads each eight-byte offset with a single Read and takes a short
// read for the end of the file, so a plain bufio.Reader, which can stop at the end
// of its buffer, would turn a valid cache entry into a miss (and a recompile).
type fullReader struct {
	r *bufio.Reader
	c io.Closer
}

func (f *fullReader) Read(p []byte) (int, error) {
	n, err := io.ReadFull(f.r, p)
	if n > 0 {
		return n, nil // a short count here means the end of the file: the next Read says so
	}
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return 0, err
}

func (f *fullReader) Close() error { return f.c.Close() }

// bufferCacheReads makes c, a cache from wazero.NewCompilationCacheWithDir, read
// its files through bufferedFileCache, and returns the wrapper. It must run before
// c is given to a runtime. It reaches into wazero's unexported cache struct, so it
// checks every assumption and returns nil, leaving c as it was, when the wazero in
// use is built differently (TestCacheReadsAreBuffered fails then, so an upgrade
// cannot lose the buffering unnoticed).
func bufferCacheReads(c wazero.CompilationCache) *bufferedFileCache {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("fileCache")
	if !f.IsValid() || f.Kind() != reflect.Interface || f.IsNil() {
		return nil
	}
	f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	inner, ok := f.Interface().(wazeroFileCache)
	if !ok {
		return nil
	}
	if _, already := inner.(*bufferedFileCache); already {
		return nil
	}
	w := &bufferedFileCache{wazeroFileCache: inner}
	if !reflect.TypeOf(w).AssignableTo(f.Type()) {
		return nil
	}
	f.Set(reflect.ValueOf(w))
	return w
}
