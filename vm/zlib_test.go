package vm

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// zlibSamples are inputs with different structure: empty, tiny, repetitive, random.
func zlibSamples() [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 100_000)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	text := bytes.Repeat([]byte("The quick brown fox jumps over the lazy dog. "), 2000)
	mixed := append(append([]byte(nil), text[:5000]...), random[:5000]...)
	return [][]byte{{}, []byte("a"), text, random, mixed, bytes.Repeat([]byte{0}, 300_000)}
}

func TestInflateDecodesCompressFlate(t *testing.T) {
	for _, data := range zlibSamples() {
		for _, level := range []int{flate.HuffmanOnly, 0, 1, 6, 9} {
			var buf bytes.Buffer
			w, err := flate.NewWriter(&buf, level)
			require.NoError(t, err)
			_, _ = w.Write(data)
			require.NoError(t, w.Close())
			got, err := zlibProcess(&zlibOpts{mode: zInflateRaw, maxOutput: defaultZlibMaxOutput}, buf.Bytes())
			require.NoError(t, err, "level %d, %d bytes", level, len(data))
			assert.True(t, bytes.Equal(data, got), "level %d, %d bytes", level, len(data))
		}
	}
}

func TestZlibRoundTrips(t *testing.T) {
	pairs := [][2]int{{zDeflate, zInflate}, {zGzip, zGunzip}, {zDeflateRaw, zInflateRaw}, {zGzip, zUnzip}, {zDeflate, zUnzip}, {zBrotliEnc, zBrotliDec}}
	for _, data := range zlibSamples() {
		for _, p := range pairs {
			for _, level := range []int{-1, 0, 1, 9} {
				enc, err := zlibProcess(&zlibOpts{mode: p[0], level: level, maxOutput: defaultZlibMaxOutput, brQuality: 5, brLGWin: 22}, data)
				require.NoError(t, err)
				dec, err := zlibProcess(&zlibOpts{mode: p[1], maxOutput: defaultZlibMaxOutput}, enc)
				require.NoError(t, err)
				assert.True(t, bytes.Equal(data, dec), "modes %v level %d, %d bytes", p, level, len(data))
			}
		}
	}
}

func TestGzipReadableByGo(t *testing.T) {
	data := zlibSamples()[2]
	enc, err := zlibProcess(&zlibOpts{mode: zGzip, level: 6, maxOutput: defaultZlibMaxOutput}, data)
	require.NoError(t, err)
	r, err := gzip.NewReader(bytes.NewReader(enc))
	require.NoError(t, err)
	got, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, data, got)
	assert.Equal(t, "1f8b0800000000000003", hex.EncodeToString(enc[:10]))
}

func TestInflateErrorsAreZlibs(t *testing.T) {
	cases := []struct {
		mode  int
		hex   string
		msg   string
		errno int
	}{
		{zGunzip, "", "unexpected end of file", -5},
		{zGunzip, "676172626167652064617461", "incorrect header check", -3},
		{zInflate, "7801", "unexpected end of file", -5},
		{zInflate, "7f9c", "incorrect header check", -3},
		{zInflate, "7a9c", "incorrect header check", -3},
		{zInflate, "88980300000001", "invalid window size", -3},
		{zInflate, "7918", "unknown compression method", -3},
		{zInflateRaw, "0105000000", "invalid stored block lengths", -3},
		{zInflateRaw, "07", "invalid block type", -3},
		{zInflateRaw, "4b042300", "invalid distance too far back", -3},
		{zInflate, "78bb024d01274b4c4a0600024d0127", "Missing dictionary", 2},
		{zGunzip, "1f8b0800000000000003cb48cdc9c957c84090008088f9e511000001", "incorrect length check", -3},
		{zGunzip, "1f8b0800000000000003cb48cdc9c957c84090008088f9e411000000", "incorrect data check", -3},
	}
	for _, c := range cases {
		in, err := hex.DecodeString(c.hex)
		require.NoError(t, err)
		_, err = zlibProcess(&zlibOpts{mode: c.mode, maxOutput: defaultZlibMaxOutput}, in)
		var ze *zlibError
		require.ErrorAs(t, err, &ze, c.hex)
		assert.Equal(t, c.msg, ze.msg, c.hex)
		assert.Equal(t, c.errno, ze.errno, c.hex)
	}
}

// bomb is a raw DEFLATE stream of one fixed-Huffman block: a zero byte, then n copies of
// 258 bytes at distance 1 (13 bits each).
func bomb(n int) []byte {
	var out []byte
	var acc uint64
	var nb uint
	put := func(v uint64, bits uint) {
		acc |= v << nb
		nb += bits
		for nb >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			nb -= 8
		}
	}
	putCode := func(code uint64, bits uint) { // Huffman codes go MSB first
		var rev uint64
		for i := uint(0); i < bits; i++ {
			rev |= (code >> i & 1) << (bits - 1 - i)
		}
		put(rev, bits)
	}
	put(1, 1) // BFINAL
	put(1, 2) // fixed Huffman
	putCode(0x30, 8)
	for i := 0; i < n; i++ {
		putCode(0xc5, 8) // length symbol 285: 258
		putCode(0, 5)    // distance code 0: 1
	}
	putCode(0, 7) // end of block
	put(0, 7)
	return out
}

func TestZlibBombCap(t *testing.T) {
	old := defaultZlibMaxOutput
	defaultZlibMaxOutput = 1 << 20
	t.Cleanup(func() { defaultZlibMaxOutput = old })

	small := bomb(1000) // 258001 bytes
	out, err := zlibProcess(&zlibOpts{mode: zInflateRaw, maxOutput: defaultZlibMaxOutput}, small)
	require.NoError(t, err)
	assert.Len(t, out, 258_001)

	big := bomb(100_000) // 25.8 MB from 160 kB
	_, err = zlibProcess(&zlibOpts{mode: zInflateRaw, maxOutput: defaultZlibMaxOutput}, big)
	assert.ErrorIs(t, err, errTooLarge)

	// Through the module: the default cap, and maxOutputLength above and below it.
	hexBig := hex.EncodeToString(big)
	got := mustEvalBody(t, `
		const zlib = require('zlib')
		const b = Buffer.from('`+hexBig+`', 'hex')
		const out = []
		for (const o of [undefined, { maxOutputLength: 1000 }]) {
			try { zlib.inflateRawSync(b, o) } catch (e) { out.push(e.name + ' ' + e.code + ' ' + e.message) }
		}
		out.push(zlib.inflateRawSync(b, { maxOutputLength: 30e6 }).length)
		return out`)
	assert.Equal(t, `["RangeError ERR_BUFFER_TOO_LARGE Cannot create a Buffer larger than 1048576 bytes","RangeError ERR_BUFFER_TOO_LARGE Cannot create a Buffer larger than 1000 bytes",25800001]`, got)

	brBomb, err := zlibProcess(&zlibOpts{mode: zBrotliEnc, brQuality: 5, brLGWin: 22, maxOutput: 1 << 30}, make([]byte, 5<<20))
	require.NoError(t, err)
	_, err = zlibProcess(&zlibOpts{mode: zBrotliDec, maxOutput: defaultZlibMaxOutput}, brBomb)
	assert.ErrorIs(t, err, errTooLarge)
}

func TestZlibCallbackForms(t *testing.T) {
	got := mustEvalBody(t, `
		const zlib = require('zlib')
		const order = []
		const input = Buffer.from('callback form '.repeat(100))
		const gz = await new Promise((resolve, reject) => {
			zlib.gzip(input, (err, res) => { order.push('callback'); err ? reject(err) : resolve(res) })
			input.fill(0) // the work has its own copy
			Promise.resolve().then(() => order.push('microtask'))
			order.push('sync')
		})
		const back = await new Promise((resolve) => zlib.gunzip(gz, { maxOutputLength: 1 << 20 }, (err, res) => resolve(res.toString())))
		const err = await new Promise((resolve) => zlib.inflate(Buffer.from('nope'), (e) => resolve(e.code + ' ' + e.errno + ' ' + e.message)))
		// A callback started and not awaited still runs before the call ends.
		zlib.deflate('unawaited', (e, r) => { globalThis.late = r.length })
		return [order, back === 'callback form '.repeat(100), err]`)
	assert.Equal(t, `[["sync","microtask","callback"],true,"Z_DATA_ERROR -3 incorrect header check"]`, got)
}

func BenchmarkInflate(b *testing.B) {
	data := zlibSamples()[4]
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, 6)
	_, _ = w.Write(data)
	_ = w.Close()
	enc := buf.Bytes()
	b.Run("plugchain", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			if _, err := zlibProcess(&zlibOpts{mode: zInflateRaw, maxOutput: defaultZlibMaxOutput}, enc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compress/flate", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for i := 0; i < b.N; i++ {
			if _, err := io.ReadAll(flate.NewReader(bytes.NewReader(enc))); err != nil {
				b.Fatal(err)
			}
		}
	})
}
