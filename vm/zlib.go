package vm

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"errors"
	"hash/adler32"
	"hash/crc32"
	"io"
	"math"
	"reflect"
	"strconv"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/dop251/goja"
)

// The zlib module: Node's one-shot (de)compression functions, synchronous and with a
// callback. Compression uses Go's compress/flate and andybalholm/brotli, so deflate output
// differs from zlib's byte for byte (it round-trips, and decompresses anywhere); brotli output
// matches. Decompression of DEFLATE streams uses the inflater below, which applies zlib's
// checks in zlib's order, so corrupt input fails with zlib's message, errno and code.

// Modes, numbered as Node numbers them (zlib.constants.DEFLATE ...).
const (
	zDeflate    = 1
	zInflate    = 2
	zGzip       = 3
	zGunzip     = 4
	zDeflateRaw = 5
	zInflateRaw = 6
	zUnzip      = 7
	zBrotliDec  = 8
	zBrotliEnc  = 9
)

// defaultZlibMaxOutput caps what one zlib call may produce when the plugin sets no
// maxOutputLength, so a small compressed "bomb" cannot exhaust the host's memory.
// Node's default is buffer.kMaxLength (4 GiB).
var defaultZlibMaxOutput = 256 << 20

// zlibMaxOutputLimit bounds the maxOutputLength option: Node allows up to 4 GiB, more than
// one plugin call should hold.
const zlibMaxOutputLimit = 1 << 30

// nodeMaxLength is Node's buffer.kMaxLength, the upper bound of maxOutputLength.
const nodeMaxLength = 1 << 32

// zlibOpts are the options of one operation, validated as Node's Zlib and Brotli
// constructors validate them.
type zlibOpts struct {
	mode       int
	level      int
	windowBits int
	strategy   int
	dictionary []byte
	maxOutput  int
	// setMaxOutput is maxOutputLength as the plugin gave it, for the error message.
	setMaxOutput int64
	brQuality    int
	brLGWin      int
}

// zlibError is a failure of the engine, reported as Node's zlib errors are: an Error with
// errno and code.
type zlibError struct {
	msg   string
	errno int
	code  string
}

func (e *zlibError) Error() string { return e.msg }

var (
	errZEOF      = &zlibError{"unexpected end of file", -5, "Z_BUF_ERROR"}
	errTooLarge  = errors.New("zlib: output too large")
	errMissDict  = &zlibError{"Missing dictionary", 2, "Z_NEED_DICT"}
	errBadDict   = &zlibError{"Bad dictionary", 2, "Z_NEED_DICT"}
	zlibCodeName = map[int]string{0: "Z_OK", 1: "Z_STREAM_END", 2: "Z_NEED_DICT", -1: "Z_ERRNO", -2: "Z_STREAM_ERROR", -3: "Z_DATA_ERROR", -4: "Z_MEM_ERROR", -5: "Z_BUF_ERROR", -6: "Z_VERSION_ERROR"}
)

func dataError(msg string) *zlibError { return &zlibError{msg, -3, "Z_DATA_ERROR"} }

func init() {
	registerModule("zlib", func(in *Instance) (goja.Value, error) {
		return in.buildZlib(), nil
	})
}

func (in *Instance) buildZlib() *goja.Object {
	rt := in.rt
	mod := rt.NewObject()
	crc := in.nodeFunc("crc32", 2, in.zlibCRC32)
	_ = mod.Set("crc32", crc)
	// The stream classes need the stream module: they are built on first use.
	var classes *goja.Object
	streamClass := func(name string) {
		get := in.rt.ToValue(func(goja.FunctionCall) goja.Value {
			if classes == nil {
				classes = in.zlibStreamClasses(mod)
			}
			return classes.Get(name)
		})
		set := in.rt.ToValue(func(call goja.FunctionCall) goja.Value {
			_ = mod.DefineDataProperty(name, call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			return goja.Undefined()
		})
		_ = mod.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	for _, c := range zlibClasses {
		streamClass(c.class)
	}
	methods := []struct {
		name string
		mode int
	}{
		{"deflate", zDeflate}, {"gzip", zGzip}, {"deflateRaw", zDeflateRaw}, {"unzip", zUnzip},
		{"inflate", zInflate}, {"gunzip", zGunzip}, {"inflateRaw", zInflateRaw},
		{"brotliCompress", zBrotliEnc}, {"brotliDecompress", zBrotliDec},
	}
	for _, m := range methods {
		mode := m.mode
		_ = mod.Set(m.name, in.nodeFunc("asyncBufferWrapper", 3, func(call goja.FunctionCall) goja.Value {
			return in.zlibAsync(mode, call)
		}))
		_ = mod.Set(m.name+"Sync", in.nodeFunc("syncBufferWrapper", 2, func(call goja.FunctionCall) goja.Value {
			return in.zlibSync(mode, call)
		}))
	}
	for _, f := range zlibFactoryOrder {
		streamClass(f)
	}
	// As in Node, constants' properties are read-only and codes is frozen.
	frozen := func(o *goja.Object, k string, v goja.Value) {
		_ = o.DefineDataProperty(k, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	constants := rt.NewObject()
	for _, c := range zlibConstants {
		var v goja.Value = rt.ToValue(c.value)
		if c.name == "Z_MAX_CHUNK" {
			v = rt.ToValue(math.Inf(1))
		}
		frozen(constants, c.name, v)
		// Node also exposes the zlib (not brotli) constants on the module, hidden.
		if c.name[0] != 'B' {
			_ = mod.DefineDataProperty(c.name, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		}
	}
	codes := rt.NewObject()
	codeList := []int{0, 1, 2, -1, -2, -3, -4, -5, -6}
	for _, code := range codeList {
		frozen(codes, zlibCodeName[code], rt.ToValue(code))
	}
	for _, code := range codeList {
		frozen(codes, strconv.Itoa(code), rt.ToValue(zlibCodeName[code]))
	}
	if freeze, ok := goja.AssertFunction(rt.Get("Object").(*goja.Object).Get("freeze")); ok {
		_, _ = freeze(goja.Undefined(), codes)
	}
	frozen(mod, "constants", constants)
	frozen(mod, "codes", codes)
	return mod
}

// zlibClasses are the stream classes, in Node's order, with their factories and the
// callback functions that do their work.
var zlibClasses = []struct {
	class, factory, fn string
	mode               int
}{
	{"Deflate", "createDeflate", "deflate", zDeflate}, {"Inflate", "createInflate", "inflate", zInflate},
	{"Gzip", "createGzip", "gzip", zGzip}, {"Gunzip", "createGunzip", "gunzip", zGunzip},
	{"DeflateRaw", "createDeflateRaw", "deflateRaw", zDeflateRaw}, {"InflateRaw", "createInflateRaw", "inflateRaw", zInflateRaw},
	{"Unzip", "createUnzip", "unzip", zUnzip}, {"BrotliCompress", "createBrotliCompress", "brotliCompress", zBrotliEnc},
	{"BrotliDecompress", "createBrotliDecompress", "brotliDecompress", zBrotliDec},
}

// zlibFactoryOrder is the order of the factories among the module's keys.
var zlibFactoryOrder = []string{"createDeflate", "createInflate", "createDeflateRaw", "createInflateRaw",
	"createGzip", "createGunzip", "createUnzip", "createBrotliCompress", "createBrotliDecompress"}

var zlibStreamProgram = builtinProgram("plugchain:zlib-streams", zlibStreamSource)

// zlibStreamSource makes Node's zlib stream classes as Transforms that collect their input
// and convert it in one piece when it ends (with the module's callback functions), so their
// output comes as one chunk where Node's comes in chunkSize pieces as it goes.
const zlibStreamSource = `(function (Transform, Buffer, zlib, classes, validate) {
'use strict'
const kChunks = Symbol('kChunks')
const kOptions = Symbol('kOptions')
const out = {}
for (const [name, factory, fn, mode] of classes) {
    const work = zlib[fn]
    const C = ({ [name]: function (opts) {
        if (!(this instanceof C)) return new C(opts)
        validate(mode, opts)
        let o = opts
        if (o && (o.encoding || o.objectMode || o.writableObjectMode)) {
            o = { ...o, encoding: null, objectMode: false, writableObjectMode: false }
        }
        Transform.call(this, { autoDestroy: true, ...o })
        this[kOptions] = opts
        this[kChunks] = []
    } })[name]
    Object.setPrototypeOf(C.prototype, Transform.prototype)
    Object.setPrototypeOf(C, Transform)
    C.prototype._transform = function (chunk, encoding, cb) {
        this[kChunks].push(chunk)
        cb()
    }
    C.prototype._flush = function (cb) {
        const input = Buffer.concat(this[kChunks])
        this[kChunks] = []
        work(input, this[kOptions] || {}, (err, res) => (err ? cb(err) : cb(null, res)))
    }
    C.prototype.close = function (callback) {
        if (callback) this.once('close', callback)
        this.destroy()
    }
    out[name] = C
    // Node defines the factories with a property descriptor: they are named 'value'.
    out[factory] = { value(opts) { return new C(opts) } }.value
}
return out
})`

// zlibStreamClasses builds the stream classes of the zlib module mod.
func (in *Instance) zlibStreamClasses(mod *goja.Object) *goja.Object {
	stream, _ := in.requireModule("stream")
	v, err := in.rt.RunProgram(zlibStreamProgram())
	if err != nil {
		panic(err)
	}
	build, _ := goja.AssertFunction(v)
	list := make([]any, len(zlibClasses))
	for i, c := range zlibClasses {
		list[i] = in.rt.NewArray(c.class, c.factory, c.fn, c.mode)
	}
	// validate checks options as Node's constructors do, throwing the same errors.
	validate := func(call goja.FunctionCall) goja.Value {
		in.zlibOptions(int(call.Argument(0).ToInteger()), call.Argument(1))
		return goja.Undefined()
	}
	classes, err := build(goja.Undefined(), stream.(*goja.Object).Get("Transform"), in.rt.Get("Buffer"), mod, in.rt.NewArray(list...), in.rt.ToValue(validate))
	if err != nil {
		panic(err)
	}
	return classes.(*goja.Object)
}

// zlibSync is deflateSync, gunzipSync ...: options first, then the input, as Node's
// convenience methods construct their engine before looking at the buffer.
func (in *Instance) zlibSync(mode int, call goja.FunctionCall) goja.Value {
	opts := in.zlibOptions(mode, call.Argument(1))
	input := call.Argument(0)
	var data []byte
	if isStringValue(input) {
		data = encodeString(input, "utf8")
	} else if b, ok := in.bytesOf(input); ok {
		data = b
	} else {
		panic(in.nodeArgType("buffer", []any{"string", "Buffer", "TypedArray", "DataView", "ArrayBuffer"}, input))
	}
	out, err := zlibProcess(opts, data)
	if err != nil {
		panic(in.zlibJSError(opts, err))
	}
	return in.newBuffer(out)
}

// zlibAsync is deflate(buf, [opts], cb) ...: the work runs off the instance's goroutine and
// cb gets (err) or (null, result) afterwards.
func (in *Instance) zlibAsync(mode int, call goja.FunctionCall) goja.Value {
	input, optsArg, cb := call.Argument(0), call.Argument(1), call.Argument(2)
	if _, ok := goja.AssertFunction(optsArg); ok {
		cb, optsArg = optsArg, goja.Undefined()
	}
	opts := in.zlibOptions(mode, optsArg)
	fn := in.nodeCallbackArg(cb)
	var data []byte
	switch {
	case isStringValue(input):
		data = encodeString(input, "utf8")
	case input == nil || goja.IsUndefined(input) || goja.IsNull(input):
		// stream.end(null) ends the stream without writing: the result of empty input.
	default:
		b, ok := in.bytesOf(input)
		if !ok {
			panic(in.nodeArgType("chunk", []any{"string", "Buffer", "TypedArray", "DataView"}, input))
		}
		// The plugin may change its buffer while the work runs.
		data = append([]byte(nil), b...)
	}
	in.startOp(func(context.Context) func() {
		out, err := zlibProcess(opts, data)
		return func() {
			if err != nil {
				in.callNodeCallback(fn, in.zlibJSError(opts, err))
				return
			}
			in.callNodeCallback(fn, goja.Null(), in.newBuffer(out))
		}
	})
	return goja.Undefined()
}

func (in *Instance) zlibJSError(opts *zlibOpts, err error) goja.Value {
	var ze *zlibError
	switch {
	case errors.As(err, &ze):
		e := in.newError("Error", ze.msg)
		_ = e.Set("errno", ze.errno)
		_ = e.Set("code", ze.code)
		return e
	case errors.Is(err, errTooLarge):
		n := opts.setMaxOutput
		if n == 0 || n > int64(opts.maxOutput) {
			n = int64(opts.maxOutput)
		}
		return in.nodeError("RangeError", "ERR_BUFFER_TOO_LARGE", "Cannot create a Buffer larger than "+strconv.FormatInt(n, 10)+" bytes")
	}
	return in.jsError(err)
}

// zlibOptions validates options as Node's Zlib/Brotli and ZlibBase constructors do, in
// their order.
func (in *Instance) zlibOptions(mode int, v goja.Value) *zlibOpts {
	o := &zlibOpts{mode: mode, level: -1, windowBits: 15, maxOutput: defaultZlibMaxOutput, brQuality: 11, brLGWin: 22}
	obj, _ := v.(*goja.Object)
	if obj == nil || !v.ToBoolean() {
		if mode == zInflate || mode == zGunzip || mode == zUnzip {
			o.windowBits = 0
		}
		return o
	}
	get := func(name string) goja.Value {
		if x := obj.Get(name); x != nil {
			return x
		}
		return goja.Undefined()
	}
	if mode == zBrotliEnc || mode == zBrotliDec {
		in.brotliParams(o, get("params"))
	} else {
		wb := get("windowBits")
		if (goja.IsUndefined(wb) || goja.IsNull(wb) || (isNumberValue(wb) && wb.ToFloat() == 0)) && (mode == zInflate || mode == zGunzip || mode == zUnzip) {
			o.windowBits = 0
		} else {
			lo := 8.0
			if mode == zGzip {
				lo = 9
			}
			o.windowBits = int(in.zlibRange(wb, "options.windowBits", lo, 15, 15))
		}
		o.level = int(in.zlibRange(get("level"), "options.level", -1, 9, -1))
		in.zlibRange(get("memLevel"), "options.memLevel", 1, 9, 8)
		o.strategy = int(in.zlibRange(get("strategy"), "options.strategy", 0, 4, 0))
		if d := get("dictionary"); !goja.IsUndefined(d) {
			b, ok := in.bytesOf(d)
			if !ok {
				panic(in.nodeArgType("options.dictionary", []any{"Buffer", "TypedArray", "DataView", "ArrayBuffer"}, d))
			}
			o.dictionary = append([]byte(nil), b...)
		}
	}
	if cs := get("chunkSize"); in.zlibFinite(cs, "options.chunkSize") && cs.ToFloat() < 64 {
		panic(in.nodeOutOfRange("options.chunkSize", ">= 64", cs))
	}
	flushHi := 5.0
	if mode == zBrotliEnc || mode == zBrotliDec {
		flushHi = 3
	}
	in.zlibRange(get("flush"), "options.flush", 0, flushHi, 0)
	in.zlibRange(get("finishFlush"), "options.finishFlush", 0, flushHi, 0)
	if m := get("maxOutputLength"); in.zlibFinite(m, "options.maxOutputLength") {
		n := in.zlibRange(m, "options.maxOutputLength", 1, nodeMaxLength, nodeMaxLength)
		o.setMaxOutput = int64(n)
		o.maxOutput = int(min(n, zlibMaxOutputLimit))
	}
	return o
}

// zlibFinite is Node's validateFiniteNumber: false for undefined and NaN, true for finite
// numbers, and a throw for anything else.
func (in *Instance) zlibFinite(v goja.Value, name string) bool {
	if goja.IsUndefined(v) {
		return false
	}
	if isNumberValue(v) {
		f := v.ToFloat()
		if math.IsNaN(f) {
			return false
		}
		if !math.IsInf(f, 0) {
			return true
		}
		panic(in.nodeOutOfRange(name, "a finite number", v))
	}
	panic(in.nodeArgType(name, "number", v))
}

// zlibRange is Node's checkRangesOrGetDefault.
func (in *Instance) zlibRange(v goja.Value, name string, lo, hi, def float64) float64 {
	if !in.zlibFinite(v, name) {
		return def
	}
	f := v.ToFloat()
	if f < lo || f > hi {
		panic(in.nodeOutOfRange(name, ">= "+strconv.FormatFloat(lo, 'f', -1, 64)+" and <= "+strconv.FormatFloat(hi, 'f', -1, 64), v))
	}
	return f
}

// brotliParams applies options.params as Node's Brotli constructor does.
func (in *Instance) brotliParams(o *zlibOpts, params goja.Value) {
	p, ok := params.(*goja.Object)
	if !ok || !params.ToBoolean() {
		return
	}
	seen := map[int]bool{}
	for _, key := range p.Keys() {
		k, err := strconv.ParseFloat(key, 64)
		if key == "" {
			k, err = 0, nil
		}
		maxParam := 8
		if o.mode == zBrotliDec {
			maxParam = 1
		}
		if err != nil || k < 0 || k > float64(maxParam) || k != math.Trunc(k) || seen[int(k)] {
			panic(in.nodeError("RangeError", "ERR_BROTLI_INVALID_PARAM", key+" is not a valid Brotli parameter"))
		}
		seen[int(k)] = true
		v := p.Get(key)
		var f float64
		switch {
		case isNumberValue(v):
			f = v.ToFloat()
		case v.ExportType() == reflect.TypeOf(true):
			if v.ToBoolean() {
				f = 1
			}
		default:
			panic(in.nodeArgType("options.params[key]", "number", v))
		}
		if o.mode != zBrotliEnc {
			continue
		}
		switch int(k) {
		case 1: // BROTLI_PARAM_QUALITY
			o.brQuality = int(max(0, min(11, f)))
		case 2: // BROTLI_PARAM_LGWIN
			o.brLGWin = int(max(10, min(24, f)))
		}
	}
}

func (in *Instance) zlibCRC32(call goja.FunctionCall) goja.Value {
	data, value := call.Argument(0), call.Argument(1)
	var b []byte
	if isStringValue(data) {
		b = encodeString(data, "utf8")
	} else if bb, kind := in.binaryArg(data); kind == binaryView {
		b = bb
	} else {
		panic(in.nodeArgType("data", []any{"string", "Buffer", "TypedArray", "DataView"}, data))
	}
	var v uint32
	if !goja.IsUndefined(value) {
		if !isNumberValue(value) {
			panic(in.nodeArgType("value", "number", value))
		}
		f := value.ToFloat()
		if f != math.Trunc(f) || math.IsInf(f, 0) {
			panic(in.nodeOutOfRange("value", "an integer", value))
		}
		if f < 0 || f > math.MaxUint32 {
			panic(in.nodeOutOfRange("value", ">= 0 && <= 4294967295", value))
		}
		v = uint32(f)
	}
	return in.rt.ToValue(crc32.Update(v, crc32.IEEETable, b))
}

// zlibProcess runs one operation to completion.
func zlibProcess(o *zlibOpts, data []byte) ([]byte, error) {
	var out []byte
	var err error
	switch o.mode {
	case zDeflate, zGzip, zDeflateRaw:
		out, err = zlibCompress(o, data)
	case zBrotliEnc:
		var buf bytes.Buffer
		key := brotli.WriterOptions{Quality: o.brQuality, LGWin: o.brLGWin}
		p, _ := brotliWriters.LoadOrStore(key, &sync.Pool{})
		pool := p.(*sync.Pool)
		w, ok := pool.Get().(*brotli.Writer)
		if ok {
			w.Reset(&buf)
		} else {
			w = brotli.NewWriterOptions(&buf, key)
		}
		if _, err = w.Write(data); err == nil {
			err = w.Close()
		}
		if err == nil {
			pool.Put(w)
		}
		out = buf.Bytes()
	case zBrotliDec:
		return brotliDecompress(data, o.maxOutput)
	default:
		return inflateAll(o, data)
	}
	if err != nil {
		return nil, err
	}
	if len(out) > o.maxOutput {
		return nil, errTooLarge
	}
	return out, nil
}

// brotliWriters recycles brotli compressors by options (a sync.Pool each): their
// allocations dominate the cost of compressing small payloads.
var brotliWriters sync.Map

// brotliReaders recycles brotli decompressors.
var brotliReaders sync.Pool

// flateWriters recycles compressors by level (-2 ... 9): a new one allocates about a
// megabyte, far more than compressing a typical payload costs.
var flateWriters [12]sync.Pool

// zlibCompress writes the zlib or gzip wrapper as zlib does (so headers match Node's) around
// compress/flate's DEFLATE data.
func zlibCompress(o *zlibOpts, data []byte) ([]byte, error) {
	level := o.level
	if level == -1 {
		level = 6
	}
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	dict := o.dictionary
	switch o.mode {
	case zDeflate:
		// CMF/FLG: 32K window, the level class, FDICT, and the check bits.
		var flevel uint16
		switch {
		case level < 2 || o.strategy >= 2:
			flevel = 0
		case level < 6:
			flevel = 1
		case level == 6:
			flevel = 2
		default:
			flevel = 3
		}
		hdr := uint16(0x78)<<8 | flevel<<6
		if dict != nil {
			hdr |= 0x20
		}
		hdr += 31 - hdr%31
		buf.WriteByte(byte(hdr >> 8))
		buf.WriteByte(byte(hdr))
		if dict != nil {
			_ = binary.Write(&buf, binary.BigEndian, adler32.Checksum(dict))
		}
	case zGzip:
		xfl := byte(0)
		if level == 9 {
			xfl = 2
		} else if o.strategy >= 2 || level < 2 {
			xfl = 4
		}
		buf.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3})
		dict = nil
	}
	if len(data) == 0 && level != 0 {
		// zlib ends an empty stream with one empty fixed-Huffman block; compress/flate with
		// a stored one, three bytes longer.
		buf.Write([]byte{0x03, 0x00})
	} else {
		flevel := level
		if o.strategy == 2 { // Z_HUFFMAN_ONLY
			flevel = flate.HuffmanOnly
		}
		var w *flate.Writer
		var err error
		if dict != nil {
			w, err = flate.NewWriterDict(&buf, flevel, dict)
		} else if pooled, ok := flateWriters[flevel+2].Get().(*flate.Writer); ok {
			w = pooled
			w.Reset(&buf)
		} else {
			w, err = flate.NewWriter(&buf, flevel)
		}
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		if dict == nil {
			flateWriters[flevel+2].Put(w)
		}
	}
	switch o.mode {
	case zDeflate:
		_ = binary.Write(&buf, binary.BigEndian, adler32.Checksum(data))
	case zGzip:
		_ = binary.Write(&buf, binary.LittleEndian, crc32.ChecksumIEEE(data))
		_ = binary.Write(&buf, binary.LittleEndian, uint32(len(data)))
	}
	return buf.Bytes(), nil
}

// brotliErrorCodes names the brotli decoder's errors as Node's codes do.
var brotliErrorCodes = map[int]string{
	-1: "_ERROR_FORMAT_EXUBERANT_NIBBLE", -2: "_ERROR_FORMAT_RESERVED", -3: "_ERROR_FORMAT_EXUBERANT_META_NIBBLE",
	-4: "_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET", -5: "_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME", -6: "_ERROR_FORMAT_CL_SPACE",
	-7: "_ERROR_FORMAT_HUFFMAN_SPACE", -8: "_ERROR_FORMAT_CONTEXT_MAP_REPEAT", -9: "_ERROR_FORMAT_BLOCK_LENGTH_1",
	-10: "_ERROR_FORMAT_BLOCK_LENGTH_2", -11: "_ERROR_FORMAT_TRANSFORM", -12: "_ERROR_FORMAT_DICTIONARY",
	-13: "_ERROR_FORMAT_WINDOW_BITS", -14: "_ERROR_FORMAT_PADDING_1", -15: "_ERROR_FORMAT_PADDING_2",
	-16: "_ERROR_FORMAT_DISTANCE", -18: "_ERROR_COMPOUND_DICTIONARY", -19: "_ERROR_DICTIONARY_NOT_SET",
	-20: "_ERROR_INVALID_ARGUMENTS", -21: "_ERROR_ALLOC_CONTEXT_MODES", -22: "_ERROR_ALLOC_TREE_GROUPS",
	-25: "_ERROR_ALLOC_CONTEXT_MAP", -26: "_ERROR_ALLOC_RING_BUFFER_1", -27: "_ERROR_ALLOC_RING_BUFFER_2",
	-30: "_ERROR_ALLOC_BLOCK_TYPE_TREES", -31: "_ERROR_UNREACHABLE",
}

// brotliDecompress decodes data, ignoring anything after the end of the stream as Node does.
func brotliDecompress(data []byte, limit int) ([]byte, error) {
	src := bytes.NewReader(data)
	r, ok := brotliReaders.Get().(*brotli.Reader)
	if ok {
		if err := r.Reset(src); err != nil {
			return nil, err
		}
	} else {
		r = brotli.NewReader(src)
	}
	defer brotliReaders.Put(r)
	// One byte beyond the limit tells output that exceeds it.
	out := make([]byte, 0, min(limit+1, max(4*len(data), 512)))
	for {
		if len(out) == cap(out) {
			if len(out) > limit {
				return nil, errTooLarge
			}
			grown := make([]byte, len(out), min(2*cap(out), limit+1))
			copy(grown, out)
			out = grown
		}
		n, err := r.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if len(out) > limit {
			return nil, errTooLarge
		}
		switch {
		case err == nil:
			continue
		case err == io.EOF:
			return out, nil
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, errZEOF
		case err.Error() == "brotli: excessive input":
			return out, nil
		}
		if v := reflect.ValueOf(err); v.Kind() == reflect.Int {
			code := int(v.Int())
			name, ok := brotliErrorCodes[code]
			if !ok {
				name = "_ERROR_UNREACHABLE"
			}
			return nil, &zlibError{"Decompression failed", code, "ERR_" + name}
		}
		return nil, err
	}
}

// ---- inflate ----

// inflateAll decompresses a zlib, gzip or raw DEFLATE stream (or, unzipping, either of the
// first two) held in memory, as Node's one-shot inflate does: gzip members follow each other
// until a zero byte or the end, and anything after a zlib or raw stream is ignored.
func inflateAll(o *zlibOpts, data []byte) ([]byte, error) {
	f := &inflater{in: data, limit: o.maxOutput}
	f.out = make([]byte, 0, min(o.maxOutput+len(o.dictionary), max(4*len(data), 256)))
	var wrap int
	switch o.mode {
	case zInflate:
		wrap = wrapZlib
	case zGunzip:
		wrap = wrapGzip
	case zUnzip:
		wrap = wrapZlib | wrapGzip
	case zInflateRaw:
		if o.dictionary != nil {
			f.out = append(f.out, o.dictionary...)
			f.base = len(o.dictionary)
		}
	}
	gzip, err := f.member(wrap, o)
	for err == nil && gzip && f.pos < len(f.in) && f.in[f.pos] != 0 {
		gzip, err = f.member(wrap, o)
	}
	if err != nil {
		return nil, err
	}
	return f.out[f.base:], nil
}

const (
	wrapZlib = 1
	wrapGzip = 2
)

// inflater decodes DEFLATE data in memory. Bits are read only as they are needed, so input
// that ends early fails where zlib's would.
type inflater struct {
	in    []byte
	pos   int
	bits  uint64
	nbits uint
	out   []byte
	base  int // out[:base] is a preset dictionary, not part of the result
	hist  int // out[:hist] is out of reach of distances: earlier members' output
	limit int
	// Code tables, reused from block to block.
	lit, dist, clen huffman
}

func (f *inflater) need(n uint) error {
	for f.nbits < n {
		if f.pos >= len(f.in) {
			return errZEOF
		}
		f.bits |= uint64(f.in[f.pos]) << f.nbits
		f.pos++
		f.nbits += 8
	}
	return nil
}

func (f *inflater) take(n uint) (uint32, error) {
	if err := f.need(n); err != nil {
		return 0, err
	}
	v := uint32(f.bits & (1<<n - 1))
	f.bits >>= n
	f.nbits -= n
	return v, nil
}

// alignByte drops the bits left in the current byte.
func (f *inflater) alignByte() {
	drop := f.nbits % 8
	f.bits >>= drop
	f.nbits -= drop
}

// member decodes one zlib or gzip member (or a raw stream when wrap is 0) and reports whether
// it was gzip.
func (f *inflater) member(wrap int, o *zlibOpts) (gzip bool, err error) {
	f.alignByte()
	start := len(f.out)
	if wrap != 0 {
		f.hist = start
		if err := f.need(16); err != nil {
			return false, err
		}
		hold := uint32(f.bits & 0xffff)
		switch {
		case wrap&wrapGzip != 0 && hold == 0x8b1f:
			gzip = true
			if err := f.gzipHeader(); err != nil {
				return true, err
			}
		case wrap&wrapZlib == 0 || ((hold&0xff)<<8+hold>>8)%31 != 0:
			return false, dataError("incorrect header check")
		case hold&0x0f != 8:
			return false, dataError("unknown compression method")
		default:
			wbits := int(hold>>4&0x0f) + 8
			if wbits > 15 || (o.windowBits != 0 && wbits > o.windowBits) {
				return false, dataError("invalid window size")
			}
			f.bits >>= 16
			f.nbits -= 16
			if hold&0x2000 != 0 {
				id, err := f.bigEndian32()
				if err != nil {
					return false, err
				}
				if o.dictionary == nil {
					return false, errMissDict
				}
				if adler32.Checksum(o.dictionary) != id {
					return false, errBadDict
				}
				f.out = append(f.out, o.dictionary...)
				f.base += len(o.dictionary)
				start = len(f.out)
			}
		}
	}
	if err := f.blocks(); err != nil {
		return gzip, err
	}
	f.alignByte()
	switch {
	case gzip:
		sum, err := f.take(32)
		if err != nil {
			return true, err
		}
		if sum != crc32.ChecksumIEEE(f.out[start:]) {
			return true, dataError("incorrect data check")
		}
		size, err := f.take(32)
		if err != nil {
			return true, err
		}
		if size != uint32(len(f.out)-start) {
			return true, dataError("incorrect length check")
		}
	case wrap != 0:
		sum, err := f.bigEndian32()
		if err != nil {
			return false, err
		}
		if sum != adler32.Checksum(f.out[start:]) {
			return false, dataError("incorrect data check")
		}
	}
	// Hand unread whole bytes back, so the caller sees where the member ended.
	f.pos -= int(f.nbits / 8)
	f.bits, f.nbits = 0, 0
	return gzip, nil
}

func (f *inflater) bigEndian32() (uint32, error) {
	v, err := f.take(32)
	if err != nil {
		return 0, err
	}
	return v>>24 | v>>8&0xff00 | v<<8&0xff0000 | v<<24, nil
}

// gzipHeader parses a gzip header; the 16 magic bits are in the bit buffer.
func (f *inflater) gzipHeader() error {
	f.bits >>= 16
	f.nbits -= 16
	hcrc := crc32.Update(0, crc32.IEEETable, []byte{0x1f, 0x8b})
	read := func(n uint) (uint32, error) {
		v, err := f.take(n)
		if err != nil {
			return 0, err
		}
		var b [4]byte
		binary.LittleEndian.PutUint32(b[:], v)
		hcrc = crc32.Update(hcrc, crc32.IEEETable, b[:n/8])
		return v, nil
	}
	flags, err := read(16)
	if err != nil {
		return err
	}
	if flags&0xff != 8 {
		return dataError("unknown compression method")
	}
	if flags&0xe000 != 0 {
		return dataError("unknown header flags set")
	}
	if _, err := read(32); err != nil { // MTIME
		return err
	}
	if _, err := read(16); err != nil { // XFL, OS
		return err
	}
	if flags&0x0400 != 0 { // FEXTRA
		n, err := read(16)
		if err != nil {
			return err
		}
		for ; n > 0; n-- {
			if _, err := read(8); err != nil {
				return err
			}
		}
	}
	for _, flag := range []uint32{0x0800, 0x1000} { // FNAME, FCOMMENT
		if flags&flag == 0 {
			continue
		}
		for {
			c, err := read(8)
			if err != nil {
				return err
			}
			if c == 0 {
				break
			}
		}
	}
	if flags&0x0200 != 0 { // FHCRC
		want, err := f.take(16)
		if err != nil {
			return err
		}
		if want != hcrc&0xffff {
			return dataError("header crc mismatch")
		}
	}
	return nil
}

// blocks decodes DEFLATE blocks up to and including the last one.
func (f *inflater) blocks() error {
	for {
		hdr, err := f.take(3)
		if err != nil {
			return err
		}
		switch hdr >> 1 {
		case 0:
			err = f.stored()
		case 1:
			err = f.codes(&fixedLit, &fixedDist)
		case 2:
			if err = f.dynamic(); err == nil {
				err = f.codes(&f.lit, &f.dist)
			}
		default:
			return dataError("invalid block type")
		}
		if err != nil {
			return err
		}
		if hdr&1 != 0 {
			return nil
		}
	}
}

func (f *inflater) stored() error {
	f.alignByte()
	v, err := f.take(32)
	if err != nil {
		return err
	}
	n := int(v & 0xffff)
	if n != int(v>>16^0xffff) {
		return dataError("invalid stored block lengths")
	}
	// Whole bytes read ahead into the bit buffer go back to the input.
	f.pos -= int(f.nbits / 8)
	f.bits, f.nbits = 0, 0
	if n > len(f.in)-f.pos {
		return errZEOF
	}
	if err := f.emit(f.in[f.pos : f.pos+n]); err != nil {
		return err
	}
	f.pos += n
	return nil
}

func (f *inflater) emit(b []byte) error {
	if len(f.out)+len(b) > cap(f.out) && !f.grow(len(b)) {
		return errTooLarge
	}
	f.out = append(f.out, b...)
	return nil
}

// grow makes room for n more bytes of output, doubling the buffer but never beyond the
// limit: it reports false when n bytes more would exceed it.
func (f *inflater) grow(n int) bool {
	need := len(f.out) + n
	if need-f.base > f.limit {
		return false
	}
	c := min(max(2*cap(f.out), need), f.limit+f.base)
	out := make([]byte, len(f.out), c)
	copy(out, f.out)
	f.out = out
	return true
}

// codeLengthOrder is the order of the code length code lengths in a dynamic block header.
var codeLengthOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

func (f *inflater) dynamic() error {
	v, err := f.take(14)
	if err != nil {
		return err
	}
	nlen := int(v&0x1f) + 257
	ndist := int(v>>5&0x1f) + 1
	ncode := int(v>>10) + 4
	if nlen > 286 || ndist > 30 {
		return dataError("too many length or distance symbols")
	}
	var lens [320]uint8
	for i := 0; i < ncode; i++ {
		l, err := f.take(3)
		if err != nil {
			return err
		}
		lens[codeLengthOrder[i]] = uint8(l)
	}
	if !f.clen.init(lens[:19], true) {
		return dataError("invalid code lengths set")
	}
	for i := range lens[:19] {
		lens[i] = 0
	}
	for have := 0; have < nlen+ndist; {
		sym, err := f.decode(&f.clen)
		if err != nil {
			return err
		}
		if sym < 16 {
			lens[have] = uint8(sym)
			have++
			continue
		}
		var rep int
		var val uint8
		switch sym {
		case 16:
			x, err := f.take(2)
			if err != nil {
				return err
			}
			if have == 0 {
				return dataError("invalid bit length repeat")
			}
			val, rep = lens[have-1], 3+int(x)
		case 17:
			x, err := f.take(3)
			if err != nil {
				return err
			}
			rep = 3 + int(x)
		default:
			x, err := f.take(7)
			if err != nil {
				return err
			}
			rep = 11 + int(x)
		}
		if have+rep > nlen+ndist {
			return dataError("invalid bit length repeat")
		}
		for ; rep > 0; rep-- {
			lens[have] = val
			have++
		}
	}
	if lens[256] == 0 {
		return dataError("invalid code -- missing end-of-block")
	}
	if !f.lit.init(lens[:nlen], false) {
		return dataError("invalid literal/lengths set")
	}
	if !f.dist.init(lens[nlen:nlen+ndist], false) {
		return dataError("invalid distances set")
	}
	return nil
}

var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}

	fixedLit, fixedDist huffman
)

func init() {
	var l [288]uint8
	for i := range l {
		switch {
		case i < 144:
			l[i] = 8
		case i < 256:
			l[i] = 9
		case i < 280:
			l[i] = 7
		default:
			l[i] = 8
		}
	}
	fixedLit.init(l[:], false)
	var d [32]uint8
	for i := range d {
		d[i] = 5
	}
	fixedDist.init(d[:], false)
}

// codes decodes the symbols of one compressed block.
func (f *inflater) codes(lit, dist *huffman) error {
	for {
		sym, err := f.decode(lit)
		if err != nil {
			return err
		}
		switch {
		case sym < 256:
			if len(f.out) == cap(f.out) && !f.grow(1) {
				return errTooLarge
			}
			f.out = append(f.out, byte(sym))
			continue
		case sym == 256:
			return nil
		case sym > 285 || sym == invalidSymbol:
			return dataError("invalid literal/length code")
		}
		sym -= 257
		n, err := f.take(uint(lengthExtra[sym]))
		if err != nil {
			return err
		}
		length := int(lengthBase[sym]) + int(n)
		ds, err := f.decode(dist)
		if err != nil {
			return err
		}
		if ds > 29 {
			return dataError("invalid distance code")
		}
		n, err = f.take(uint(distExtra[ds]))
		if err != nil {
			return err
		}
		d := int(distBase[ds]) + int(n)
		if d > len(f.out)-f.hist {
			return dataError("invalid distance too far back")
		}
		if len(f.out)+length > cap(f.out) && !f.grow(length) {
			return errTooLarge
		}
		from := len(f.out) - d
		if d >= length {
			f.out = append(f.out, f.out[from:from+length]...)
		} else {
			for i := 0; i < length; i++ {
				f.out = append(f.out, f.out[from+i])
			}
		}
	}
}

// invalidSymbol is what decode returns for a bit pattern an incomplete code leaves unused.
const invalidSymbol = 0xffff

// huffmanFastBits is the width of the direct lookup table; longer codes are decoded
// canonically, bit by bit.
const huffmanFastBits = 9

// huffman is a canonical Huffman code.
type huffman struct {
	count  [16]uint16
	symbol [320]uint16
	// fast maps the next huffmanFastBits bits (LSB first) to symbol<<4 | length, or 0 when
	// the code is longer.
	fast [1 << huffmanFastBits]uint32
	// single is set for the codes zlib accepts although incomplete: no code at all, or one
	// code of one bit; their other patterns decode, after one bit, as invalidSymbol (or, for
	// the code length code with no codes, as 0, as zlib's table has it).
	single   bool
	emptyLen bool
}

// init builds the code from symbol lengths and reports whether zlib accepts it: not
// over-subscribed, and complete unless (for literal/length and distance codes) it has a
// single one-bit code or none.
func (h *huffman) init(lens []uint8, codeLengths bool) bool {
	h.count = [16]uint16{}
	for _, l := range lens {
		h.count[l]++
	}
	h.single, h.emptyLen = false, false
	maxLen := 0
	for l := 15; l >= 1; l-- {
		if h.count[l] != 0 {
			maxLen = l
			break
		}
	}
	if maxLen == 0 {
		h.single, h.emptyLen = true, codeLengths
		return true
	}
	left := 1
	for l := 1; l <= 15; l++ {
		left <<= 1
		left -= int(h.count[l])
		if left < 0 {
			return false
		}
	}
	if left > 0 {
		if codeLengths || maxLen != 1 {
			return false
		}
		h.single = true
	}
	var offs [16]uint16
	for l := 1; l < 15; l++ {
		offs[l+1] = offs[l] + h.count[l]
	}
	for s, l := range lens {
		if l != 0 {
			h.symbol[offs[l]] = uint16(s)
			offs[l]++
		}
	}
	h.fast = [1 << huffmanFastBits]uint32{}
	code, index := 0, 0
	for l := 1; l <= huffmanFastBits; l++ {
		for i := 0; i < int(h.count[l]); i++ {
			sym := h.symbol[index+i]
			c := code + i
			// Codes are sent MSB first; the table is indexed by bits as read, LSB first.
			rev := 0
			for b := 0; b < l; b++ {
				rev |= (c >> b & 1) << (l - 1 - b)
			}
			for j := rev; j < 1<<huffmanFastBits; j += 1 << l {
				h.fast[j] = uint32(sym)<<4 | uint32(l)
			}
		}
		index += int(h.count[l])
		code = (code + int(h.count[l])) << 1
	}
	return true
}

// decode reads one symbol.
func (f *inflater) decode(h *huffman) (int, error) {
	if h.single {
		// No code, or a single one-bit code: one bit decides.
		b, err := f.take(1)
		if err != nil {
			return 0, err
		}
		switch {
		case h.emptyLen:
			return 0, nil
		case h.count[1] == 1 && b == 0:
			return int(h.symbol[0]), nil
		}
		return invalidSymbol, nil
	}
	// Fast path: enough bits buffered for any table entry.
	if f.nbits < huffmanFastBits {
		for f.nbits <= 56 && f.pos < len(f.in) {
			f.bits |= uint64(f.in[f.pos]) << f.nbits
			f.pos++
			f.nbits += 8
		}
	}
	if e := h.fast[f.bits&(1<<huffmanFastBits-1)]; e != 0 {
		if l := uint(e & 15); l <= f.nbits {
			f.bits >>= l
			f.nbits -= l
			return int(e >> 4), nil
		}
		return 0, errZEOF
	}
	// Slow path: canonical decoding, bit by bit.
	code, first, index := 0, 0, 0
	for l := 1; l <= 15; l++ {
		b, err := f.take(1)
		if err != nil {
			return 0, err
		}
		code |= int(b)
		count := int(h.count[l])
		if code-count < first {
			return int(h.symbol[index+(code-first)]), nil
		}
		index += count
		first += count
		first <<= 1
		code <<= 1
	}
	return invalidSymbol, nil
}

// zlibConstants is zlib.constants as Node 20 has it, in its order.
var zlibConstants = []struct {
	name  string
	value int
}{
	{"Z_NO_FLUSH", 0}, {"Z_PARTIAL_FLUSH", 1}, {"Z_SYNC_FLUSH", 2}, {"Z_FULL_FLUSH", 3},
	{"Z_FINISH", 4}, {"Z_BLOCK", 5}, {"Z_OK", 0}, {"Z_STREAM_END", 1}, {"Z_NEED_DICT", 2},
	{"Z_ERRNO", -1}, {"Z_STREAM_ERROR", -2}, {"Z_DATA_ERROR", -3}, {"Z_MEM_ERROR", -4},
	{"Z_BUF_ERROR", -5}, {"Z_VERSION_ERROR", -6}, {"Z_NO_COMPRESSION", 0}, {"Z_BEST_SPEED", 1},
	{"Z_BEST_COMPRESSION", 9}, {"Z_DEFAULT_COMPRESSION", -1}, {"Z_FILTERED", 1},
	{"Z_HUFFMAN_ONLY", 2}, {"Z_RLE", 3}, {"Z_FIXED", 4}, {"Z_DEFAULT_STRATEGY", 0},
	{"ZLIB_VERNUM", 4880}, {"DEFLATE", 1}, {"INFLATE", 2}, {"GZIP", 3}, {"GUNZIP", 4},
	{"DEFLATERAW", 5}, {"INFLATERAW", 6}, {"UNZIP", 7}, {"BROTLI_DECODE", 8}, {"BROTLI_ENCODE", 9},
	{"Z_MIN_WINDOWBITS", 8}, {"Z_MAX_WINDOWBITS", 15}, {"Z_DEFAULT_WINDOWBITS", 15},
	{"Z_MIN_CHUNK", 64}, {"Z_MAX_CHUNK", 0}, {"Z_DEFAULT_CHUNK", 16384}, {"Z_MIN_MEMLEVEL", 1},
	{"Z_MAX_MEMLEVEL", 9}, {"Z_DEFAULT_MEMLEVEL", 8}, {"Z_MIN_LEVEL", -1}, {"Z_MAX_LEVEL", 9},
	{"Z_DEFAULT_LEVEL", -1}, {"BROTLI_OPERATION_PROCESS", 0}, {"BROTLI_OPERATION_FLUSH", 1},
	{"BROTLI_OPERATION_FINISH", 2}, {"BROTLI_OPERATION_EMIT_METADATA", 3}, {"BROTLI_PARAM_MODE", 0},
	{"BROTLI_MODE_GENERIC", 0}, {"BROTLI_MODE_TEXT", 1}, {"BROTLI_MODE_FONT", 2},
	{"BROTLI_DEFAULT_MODE", 0}, {"BROTLI_PARAM_QUALITY", 1}, {"BROTLI_MIN_QUALITY", 0},
	{"BROTLI_MAX_QUALITY", 11}, {"BROTLI_DEFAULT_QUALITY", 11}, {"BROTLI_PARAM_LGWIN", 2},
	{"BROTLI_MIN_WINDOW_BITS", 10}, {"BROTLI_MAX_WINDOW_BITS", 24},
	{"BROTLI_LARGE_MAX_WINDOW_BITS", 30}, {"BROTLI_DEFAULT_WINDOW", 22},
	{"BROTLI_PARAM_LGBLOCK", 3}, {"BROTLI_MIN_INPUT_BLOCK_BITS", 16},
	{"BROTLI_MAX_INPUT_BLOCK_BITS", 24}, {"BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING", 4},
	{"BROTLI_PARAM_SIZE_HINT", 5}, {"BROTLI_PARAM_LARGE_WINDOW", 6}, {"BROTLI_PARAM_NPOSTFIX", 7},
	{"BROTLI_PARAM_NDIRECT", 8}, {"BROTLI_DECODER_RESULT_ERROR", 0},
	{"BROTLI_DECODER_RESULT_SUCCESS", 1}, {"BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT", 2},
	{"BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT", 3},
	{"BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION", 0},
	{"BROTLI_DECODER_PARAM_LARGE_WINDOW", 1}, {"BROTLI_DECODER_NO_ERROR", 0},
	{"BROTLI_DECODER_SUCCESS", 1}, {"BROTLI_DECODER_NEEDS_MORE_INPUT", 2},
	{"BROTLI_DECODER_NEEDS_MORE_OUTPUT", 3}, {"BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE", -1},
	{"BROTLI_DECODER_ERROR_FORMAT_RESERVED", -2},
	{"BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE", -3},
	{"BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET", -4},
	{"BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME", -5},
	{"BROTLI_DECODER_ERROR_FORMAT_CL_SPACE", -6}, {"BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE", -7},
	{"BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT", -8},
	{"BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1", -9},
	{"BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2", -10},
	{"BROTLI_DECODER_ERROR_FORMAT_TRANSFORM", -11}, {"BROTLI_DECODER_ERROR_FORMAT_DICTIONARY", -12},
	{"BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS", -13},
	{"BROTLI_DECODER_ERROR_FORMAT_PADDING_1", -14}, {"BROTLI_DECODER_ERROR_FORMAT_PADDING_2", -15},
	{"BROTLI_DECODER_ERROR_FORMAT_DISTANCE", -16}, {"BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET", -19},
	{"BROTLI_DECODER_ERROR_INVALID_ARGUMENTS", -20},
	{"BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES", -21},
	{"BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS", -22},
	{"BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP", -25},
	{"BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1", -26},
	{"BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2", -27},
	{"BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES", -30}, {"BROTLI_DECODER_ERROR_UNREACHABLE", -31},
}
