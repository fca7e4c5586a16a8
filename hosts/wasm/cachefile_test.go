package wasm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero"
)

// countingReader counts the Read calls that reach the underlying "file".
type countingReader struct {
	r     io.Reader
	calls int
}

func (c *countingReader) Read(p []byte) (int, error) { c.calls++; return c.r.Read(p) }

// TestFullReaderReadsLikeWazerosLoader reads a cache-shaped file the way wazero's
// loader does (a header, 5,000 single eight-byte Reads, then the code with
// io.ReadFull) and checks every byte arrives and the file sees a handful of reads.
func TestFullReaderReadsLikeWazerosLoader(t *testing.T) {
	const functions = 5000
	var file bytes.Buffer
	file.WriteString("WAZEVO\x07v1.12.0\x88\x13\x00\x00")
	for i := range functions {
		file.Write(binary.LittleEndian.AppendUint64(nil, uint64(i)*64))
	}
	code := bytes.Repeat([]byte{0xc3, 0x90, 0x0f}, 3<<20)
	file.Write(code)
	file.WriteString("tail")

	src := &countingReader{r: bytes.NewReader(file.Bytes())}
	r := &fullReader{r: bufio.NewReaderSize(src, cacheReadBuffer), c: io.NopCloser(nil)}
	header := make([]byte, 18)
	n, err := r.Read(header)
	require.NoError(t, err)
	require.Equal(t, 18, n)
	var eight [8]byte
	for i := range functions {
		n, err := r.Read(eight[:])
		require.NoError(t, err)
		require.Equal(t, 8, n)
		require.Equal(t, uint64(i)*64, binary.LittleEndian.Uint64(eight[:]))
	}
	got := make([]byte, len(code))
	_, err = io.ReadFull(r, got)
	require.NoError(t, err)
	require.True(t, bytes.Equal(code, got))
	// The end of the file: a short read, then io.EOF, as from the file itself.
	n, err = r.Read(eight[:])
	require.NoError(t, err)
	require.Equal(t, "tail", string(eight[:n]))
	n, err = r.Read(eight[:])
	require.Equal(t, 0, n)
	require.ErrorIs(t, err, io.EOF)
	require.LessOrEqual(t, src.calls, 6, "reads reaching the file")

	// A source that returns one byte per Read still yields whole Reads.
	r = &fullReader{r: bufio.NewReaderSize(iotest.OneByteReader(bytes.NewReader(file.Bytes()[:100])), 16), c: io.NopCloser(nil)}
	n, err = r.Read(make([]byte, 50))
	require.NoError(t, err)
	require.Equal(t, 50, n)
}

// TestCacheReadsAreBuffered checks that the wazero in use still has the cache
// bufferCacheReads wraps, and that a module cached on disk by one cache is loaded
// through the wrapper by a new one and runs.
func TestCacheReadsAreBuffered(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	module := fakeModule(7)
	compile := func() (hits int64) {
		c, err := wazero.NewCompilationCacheWithDir(dir)
		require.NoError(t, err)
		w := bufferCacheReads(c)
		require.NotNil(t, w, "wazero's compilation cache is no longer the struct bufferCacheReads wraps")
		require.Nil(t, bufferCacheReads(c), "wrapped twice")
		rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler().WithCompilationCache(c))
		defer rt.Close(ctx)
		defer c.Close(ctx)
		mod, err := rt.Instantiate(ctx, module)
		require.NoError(t, err)
		out, err := mod.ExportedFunction(exportABIVersion).Call(ctx)
		require.NoError(t, err)
		require.Equal(t, []uint64{7}, out)
		return w.hits.Load()
	}
	require.Equal(t, int64(0), compile(), "first process: compiled and stored")
	require.Equal(t, int64(1), compile(), "second process: loaded from the file through the buffer")
	require.Nil(t, bufferCacheReads(wazero.NewCompilationCache()), "a memory-only cache has no file to buffer")
}
