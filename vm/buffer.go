package vm

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/plugchain/plugchain/internal/wutf8"
)

// maxBufferAlloc caps one Buffer allocation. Node allows 4 GiB, but a single allocation is
// out of reach of the per-call timeout and would be taken from the host's memory at once; no
// event-processing plugin needs a quarter of a GiB in one buffer.
const maxBufferAlloc = 256 << 20

// Bytes is binary data that plugins see as a Buffer (attachments' contents).
type Bytes []byte

func (b Bytes) toJS(in *Instance) goja.Value {
	return in.newBuffer(append([]byte(nil), b...))
}

// Node's Buffer: a subclass of Uint8Array whose behaviour is ported from Node 20's
// lib/buffer.js and lib/internal/buffer.js (MIT licence, Node.js contributors), so argument
// handling and error messages match. The byte work (encoding, decoding, searching, copying)
// is done in Go on the typed array's memory; the integer readers and writers stay in
// JavaScript, as in Node, because their exact coercions are what plugins observe.

// Names of the internal modules that hold one instance's shared machinery. They are reached
// with in.requireModule; the NUL byte keeps them out of any real module name.
const (
	bufferRealmModule = "\x00plugchain/buffer"
	nodeErrorsModule  = "\x00plugchain/errors"
)

var bufTypeBytes = reflect.TypeOf([]byte(nil))

// bufferRealm is one instance's Buffer machinery.
type bufferRealm struct {
	in           *Instance
	u8           *goja.Object // Uint8Array
	clampedProto *goja.Object // Uint8ClampedArray.prototype, which exports as []byte too
	proto        *goja.Object // Buffer.prototype
	ctor         *goja.Object // Buffer
	exports      *goja.Object // what the JavaScript part returned
}

// The realm is stored as a dynamic object without properties, so JavaScript cannot see into it.
func (*bufferRealm) Get(string) goja.Value       { return nil }
func (*bufferRealm) Set(string, goja.Value) bool { return false }
func (*bufferRealm) Has(string) bool             { return false }
func (*bufferRealm) Delete(string) bool          { return false }
func (*bufferRealm) Keys() []string              { return nil }

func init() {
	registerModule(nodeErrorsModule, func(in *Instance) (goja.Value, error) {
		fn, err := in.rt.RunProgram(nodeErrorsProgram())
		if err != nil {
			return nil, err
		}
		build, _ := goja.AssertFunction(fn)
		// toStr is what a template literal does to a value: ToString, which throws for a
		// symbol (the Go source of the JavaScript cannot hold a backtick).
		return build(goja.Undefined(), in.rt.ToValue(func(c goja.FunctionCall) goja.Value {
			v := c.Argument(0)
			if _, ok := v.(*goja.Symbol); ok {
				panic(in.rt.NewTypeError("Cannot convert a Symbol value to a string"))
			}
			return bufJSString(v)
		}))
	})
	registerModule(bufferRealmModule, func(in *Instance) (goja.Value, error) {
		r, err := in.buildBufferRealm()
		if err != nil {
			return nil, err
		}
		return in.rt.NewDynamicObject(r), nil
	})
	registerGlobal("Buffer", func(in *Instance) (goja.Value, error) {
		return in.buffers().ctor, nil
	})
}

// buffers returns the instance's Buffer machinery, building it on first use.
func (in *Instance) buffers() *bufferRealm {
	v, _ := in.requireModule(bufferRealmModule)
	return v.(*goja.Object).Export().(*bufferRealm)
}

// nodeErrors returns the instance's Node error helpers (codes, validators, inspect).
func (in *Instance) nodeErrors() *goja.Object {
	v, _ := in.requireModule(nodeErrorsModule)
	return v.(*goja.Object)
}

// codedError builds Node's error for code (ERR_INVALID_ARG_TYPE ...) from the arguments
// Node's constructor for it takes, converted with ToValue.
func (in *Instance) codedError(code string, args ...any) *goja.Object {
	fn, ok := goja.AssertFunction(in.nodeErrors().Get("codes").(*goja.Object).Get(code))
	if !ok {
		panic("vm: unknown Node error code " + code)
	}
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		if v, ok := a.(goja.Value); ok {
			vals[i] = v
		} else {
			vals[i] = in.rt.ToValue(a)
		}
	}
	e, err := fn(goja.Undefined(), vals...)
	if err != nil {
		panic(err)
	}
	return e.(*goja.Object)
}

func (in *Instance) buildBufferRealm() (*bufferRealm, error) {
	rt := in.rt
	r := &bufferRealm{in: in}
	r.u8 = rt.Get("Uint8Array").(*goja.Object)
	r.clampedProto = rt.Get("Uint8ClampedArray").(*goja.Object).Get("prototype").(*goja.Object)
	fn, err := rt.RunProgram(bufferProgram())
	if err != nil {
		return nil, err
	}
	build, _ := goja.AssertFunction(fn)
	exports, err := build(goja.Undefined(), r.binding(), in.nodeErrors())
	if err != nil {
		return nil, err
	}
	r.exports = exports.(*goja.Object)
	r.ctor = r.exports.Get("Buffer").(*goja.Object)
	r.proto = r.ctor.Get("prototype").(*goja.Object)
	// The hottest methods are Go functions on the bytes.
	for _, m := range []struct {
		name   string
		length int
		f      func(goja.FunctionCall) goja.Value
	}{{"toString", 3, r.toString}, {"toJSON", 0, r.toJSON}, {"equals", 1, r.equals}} {
		fv := rt.ToValue(m.f).(*goja.Object)
		_ = fv.DefineDataProperty("name", rt.ToValue(m.name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = fv.DefineDataProperty("length", rt.ToValue(m.length), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		if err := r.proto.DefineDataProperty(m.name, fv, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			return nil, err
		}
	}
	if err := r.proto.DefineDataProperty("toLocaleString", r.proto.Get("toString"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
		return nil, err
	}
	// Buffer.from(string[, encoding]) skips the JavaScript; everything else goes to Node's code.
	slowFrom, _ := goja.AssertFunction(r.ctor.Get("from"))
	from := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		if s, ok := call.Argument(0).(goja.String); ok {
			enc := "utf8"
			if e, isStr := call.Argument(1).(goja.String); isStr && e.Length() > 0 {
				if enc = encodingOps(e.String()); enc == "" {
					panic(in.codedError("ERR_UNKNOWN_ENCODING", e))
				}
			}
			return r.wrap(encodeString(s, enc))
		}
		v, err := slowFrom(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}).(*goja.Object)
	_ = from.DefineDataProperty("name", rt.ToValue("from"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = from.DefineDataProperty("length", rt.ToValue(3), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	if err := r.ctor.Set("from", from); err != nil {
		return nil, err
	}
	return r, nil
}

// newBuffer returns a Buffer whose memory is b (not copied).
func (in *Instance) newBuffer(b []byte) goja.Value {
	return in.buffers().wrap(b)
}

// wrap makes a Buffer viewing b.
func (r *bufferRealm) wrap(b []byte) *goja.Object {
	rt := r.in.rt
	u8, err := rt.New(r.u8, rt.ToValue(rt.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	if err := u8.SetPrototype(r.proto); err != nil {
		panic(err)
	}
	return u8
}

// bytesOf returns the bytes of a Buffer, typed array, DataView or ArrayBuffer (the view's
// bytes, sharing memory), and false for any other value.
func (in *Instance) bytesOf(v goja.Value) ([]byte, bool) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	t := obj.ExportType()
	if t == nil {
		return nil, false
	}
	if t == bufTypeBytes {
		b, _ := obj.Export().([]byte)
		return b, true
	}
	if t == bufTypeArrayBuffer {
		return obj.Export().(goja.ArrayBuffer).Bytes(), true
	}
	if bufIsTypedArrayType(t) || bufIsDataView(obj) {
		var b []byte
		if err := in.rt.ExportTo(obj, &b); err == nil {
			return b, true
		}
	}
	return nil, false
}

var bufTypeArrayBuffer = reflect.TypeOf(goja.ArrayBuffer{})

// bufIsTypedArrayType reports whether t is what a typed array other than Uint8Array exports as.
func bufIsTypedArrayType(t reflect.Type) bool {
	if t.Kind() != reflect.Slice {
		return false
	}
	switch t.Elem().Kind() {
	case reflect.Int8, reflect.Uint16, reflect.Int16, reflect.Uint32, reflect.Int32,
		reflect.Float32, reflect.Float64, reflect.Int64, reflect.Uint64:
		return true
	}
	return false
}

// bufIsDataView reports whether obj is a DataView, which exports as a plain object.
func bufIsDataView(obj *goja.Object) bool {
	tag := obj.GetSymbol(goja.SymToStringTag)
	return tag != nil && tag.String() == "DataView"
}

// u8 returns the bytes of v if it is a Uint8Array (a Buffer included), as Node's
// isUint8Array decides.
func (r *bufferRealm) u8Bytes(v goja.Value) ([]byte, bool) {
	obj, ok := v.(*goja.Object)
	if !ok || obj.ExportType() != bufTypeBytes {
		return nil, false
	}
	for p := obj.Prototype(); p != nil; p = p.Prototype() {
		if p == r.clampedProto {
			return nil, false
		}
	}
	b, _ := obj.Export().([]byte)
	return b, true
}

// thisBytes returns the bytes of the receiver of a Buffer method.
func (r *bufferRealm) thisBytes(call goja.FunctionCall) []byte {
	if b, ok := r.in.bytesOf(call.This); ok {
		return b
	}
	panic(r.in.codedError("ERR_INVALID_ARG_TYPE", "argument", []any{"Buffer", "Uint8Array"}, call.This))
}

// binding is the native half the JavaScript part calls, as Node's internalBinding('buffer').
func (r *bufferRealm) binding() *goja.Object {
	rt := r.in.rt
	b := rt.NewObject()
	set := func(name string, f func(goja.FunctionCall) goja.Value) { _ = b.Set(name, f) }
	set("isUint8Array", func(c goja.FunctionCall) goja.Value {
		_, ok := r.u8Bytes(c.Argument(0))
		return rt.ToValue(ok)
	})
	set("isArrayBuffer", func(c goja.FunctionCall) goja.Value {
		obj, ok := c.Argument(0).(*goja.Object)
		return rt.ToValue(ok && obj.ExportType() == bufTypeArrayBuffer)
	})
	set("setProto", func(c goja.FunctionCall) goja.Value {
		// Buffer.prototype is known once the JavaScript part ran; newBuffer needs it first.
		r.proto = c.Argument(0).(*goja.Object)
		return goja.Undefined()
	})
	set("alloc", func(c goja.FunctionCall) goja.Value {
		n := c.Argument(0).ToInteger()
		if n < 0 || n > maxBufferAlloc {
			panic(r.in.newError("RangeError", fmt.Sprintf("Array buffer allocation failed: %d bytes is over plugchain's limit of %d", n, maxBufferAlloc)))
		}
		return r.wrap(make([]byte, int(n)))
	})
	set("fromString", func(c goja.FunctionCall) goja.Value {
		return r.wrap(encodeString(c.Argument(0), c.Argument(1).String()))
	})
	set("byteLengthUtf8", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(bufUTF8Len(c.Argument(0)))
	})
	set("copyBytes", func(c goja.FunctionCall) goja.Value {
		src, _ := r.in.bytesOf(c.Argument(0))
		return r.wrap(append([]byte(nil), src...))
	})
	set("compare", func(c goja.FunctionCall) goja.Value {
		a, _ := r.in.bytesOf(c.Argument(0))
		bb, _ := r.in.bytesOf(c.Argument(1))
		return rt.ToValue(bufCompare(a, bb))
	})
	set("compareOffset", r.compareOffset)
	set("copy", func(c goja.FunctionCall) goja.Value {
		// copy(source, target, targetStart, sourceStart, nb): ranges are checked by the caller.
		src, _ := r.in.bytesOf(c.Argument(0))
		dst, _ := r.in.bytesOf(c.Argument(1))
		ts, ss, nb := int(c.Argument(2).ToInteger()), int(c.Argument(3).ToInteger()), int(c.Argument(4).ToInteger())
		return rt.ToValue(copy(dst[ts:ts+nb], src[ss:ss+nb]))
	})
	set("concat", r.concat)
	set("fill", r.fill)
	set("indexOfString", r.indexOfString)
	set("indexOfBuffer", r.indexOfBuffer)
	set("indexOfNumber", r.indexOfNumber)
	set("slice", r.slice)
	set("write", r.write)
	set("swap", func(c goja.FunctionCall) goja.Value {
		buf, _ := r.in.bytesOf(c.Argument(0))
		n := int(c.Argument(1).ToInteger())
		for i := 0; i+n <= len(buf); i += n {
			for j := 0; j < n/2; j++ {
				buf[i+j], buf[i+n-1-j] = buf[i+n-1-j], buf[i+j]
			}
		}
		return c.Argument(0)
	})
	set("inspectHex", func(c goja.FunctionCall) goja.Value {
		buf, _ := r.in.bytesOf(c.Argument(0))
		n := int(c.Argument(1).ToInteger())
		if n > len(buf) {
			n = len(buf)
		}
		var sb strings.Builder
		for i, x := range buf[:n] {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(hex.EncodeToString([]byte{x}))
		}
		return rt.ToValue(sb.String())
	})
	return b
}

// toString is Buffer.prototype.toString(encoding, start, end).
func (r *bufferRealm) toString(call goja.FunctionCall) goja.Value {
	buf, ok := r.in.bytesOf(call.This)
	if ok && !r.isBuffer(call.This) {
		ok = false
	}
	if !ok {
		// Node calls this.utf8Slice (or buf.hexSlice ...), which only Buffers have.
		method := "this.utf8Slice"
		if e := call.Argument(0); len(call.Arguments) > 0 && !goja.IsUndefined(e) {
			if name := encodingOps(e.String()); name != "" {
				method = "buf." + name + "Slice"
			}
		}
		panic(r.in.newError("TypeError", method+" is not a function"))
	}
	if len(call.Arguments) == 0 {
		return r.in.rt.ToValue(wutf8.String(buf))
	}
	n := float64(len(buf))
	start, end := 0.0, n
	switch s := bufToNumber(call.Argument(1)); {
	case s <= 0:
		start = 0
	case s >= n:
		return bufEmptyString
	default:
		start = bufTruncOrZero(s)
	}
	if e := call.Argument(2); goja.IsUndefined(e) {
		end = n
	} else if x := bufToNumber(e); x > n {
		end = n
	} else {
		end = bufTruncOrZero(x)
	}
	if end <= start {
		return bufEmptyString
	}
	part := buf[int(start):int(end)]
	enc := call.Argument(0)
	if goja.IsUndefined(enc) {
		return r.in.rt.ToValue(wutf8.String(part))
	}
	name := encodingOps(enc.String())
	if name == "" {
		panic(r.in.codedError("ERR_UNKNOWN_ENCODING", enc))
	}
	return r.in.sliceString(part, name)
}

// bufEmptyString is "", a value that belongs to no runtime.
var bufEmptyString = goja.StringFromUTF16(nil)

// bufToNumber is JavaScript's ToNumber for the relational comparisons Node's toString
// makes (undefined is NaN, so every comparison with it is false).
func bufToNumber(v goja.Value) float64 {
	if v == nil || goja.IsUndefined(v) {
		return math.NaN()
	}
	return v.ToFloat()
}

// bufTruncOrZero is MathTrunc(x) || 0.
func bufTruncOrZero(x float64) float64 {
	t := math.Trunc(x)
	if math.IsNaN(t) || t == 0 {
		return 0
	}
	return t
}

// isBuffer reports whether v inherits from Buffer.prototype.
func (r *bufferRealm) isBuffer(v goja.Value) bool {
	obj, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	for p := obj.Prototype(); p != nil; p = p.Prototype() {
		if p == r.proto {
			return true
		}
	}
	return false
}

// toJSON is Buffer.prototype.toJSON: {type: 'Buffer', data: [...]}.
func (r *bufferRealm) toJSON(call goja.FunctionCall) goja.Value {
	buf := r.thisBytes(call)
	rt := r.in.rt
	data := make([]any, len(buf))
	for i, x := range buf {
		data[i] = int64(x)
	}
	o := rt.NewObject()
	_ = o.Set("type", "Buffer")
	_ = o.Set("data", rt.NewArray(data...))
	return o
}

// equals is Buffer.prototype.equals(otherBuffer).
func (r *bufferRealm) equals(call goja.FunctionCall) goja.Value {
	buf := r.thisBytes(call)
	other, ok := r.u8Bytes(call.Argument(0))
	if !ok {
		panic(r.in.codedError("ERR_INVALID_ARG_TYPE", "otherBuffer", []any{"Buffer", "Uint8Array"}, call.Argument(0)))
	}
	return r.in.rt.ToValue(len(buf) == len(other) && string(buf) == string(other))
}

func (r *bufferRealm) compareOffset(c goja.FunctionCall) goja.Value {
	src, _ := r.in.bytesOf(c.Argument(0))
	dst, _ := r.in.bytesOf(c.Argument(1))
	ts, ss := int(c.Argument(2).ToInteger()), int(c.Argument(3).ToInteger())
	te, se := int(c.Argument(4).ToInteger()), int(c.Argument(5).ToInteger())
	if ss > len(src) {
		panic(r.in.codedError("ERR_OUT_OF_RANGE_PLAIN", "The value of \"sourceStart\" is out of range."))
	}
	if ts > len(dst) {
		panic(r.in.codedError("ERR_OUT_OF_RANGE_PLAIN", "The value of \"targetStart\" is out of range."))
	}
	n := min(se-ss, te-ts, len(src)-ss)
	val := 0
	if n > 0 {
		val = bufCompare(src[ss:ss+n], dst[ts:ts+n])
	}
	if val == 0 {
		switch {
		case se-ss > te-ts:
			val = 1
		case se-ss < te-ts:
			val = -1
		}
	}
	return r.in.rt.ToValue(val)
}

func bufCompare(a, b []byte) int {
	return strings.Compare(string(a), string(b))
}

// concat(list, length) copies the Uint8Arrays of list into a new Buffer of length bytes;
// the caller validated length.
func (r *bufferRealm) concat(c goja.FunctionCall) goja.Value {
	list := c.Argument(0).(*goja.Object)
	n := int(list.Get("length").ToInteger())
	out := make([]byte, int(c.Argument(1).ToInteger()))
	pos := 0
	for i := 0; i < n; i++ {
		el := list.Get(bufItoa(i))
		b, ok := r.u8Bytes(el)
		if !ok {
			if el == nil {
				el = goja.Undefined()
			}
			panic(r.in.codedError("ERR_INVALID_ARG_TYPE", "list["+bufItoa(i)+"]", []any{"Buffer", "Uint8Array"}, el))
		}
		pos += copy(out[pos:], b)
	}
	return r.wrap(out)
}

func bufItoa(i int) string {
	if i >= 0 && i < 10 {
		return string(rune('0' + i))
	}
	var b [20]byte
	p := len(b)
	neg := i < 0
	u := uint64(i)
	if neg {
		u = uint64(-i)
	}
	for u >= 10 {
		p--
		b[p] = byte('0' + u%10)
		u /= 10
	}
	p--
	b[p] = byte('0' + u)
	if neg {
		p--
		b[p] = '-'
	}
	return string(b[p:])
}

// fill(buf, value, offset, end, encoding) is Node's native fill for strings and byte
// arrays: -1 means the value encodes to no bytes, -2 an out-of-bounds range.
func (r *bufferRealm) fill(c goja.FunctionCall) goja.Value {
	rt := r.in.rt
	buf, _ := r.in.bytesOf(c.Argument(0))
	start, end := int(c.Argument(2).ToInteger()), int(c.Argument(3).ToInteger())
	if start < 0 || end < 0 {
		panic(r.in.codedError("ERR_OUT_OF_RANGE_PLAIN", "Index out of range"))
	}
	if start > end || end > len(buf) {
		return rt.ToValue(-2)
	}
	dst := buf[start:end]
	val := c.Argument(1)
	var pattern []byte
	if b, ok := r.in.bytesOf(val); ok && !bufIsArrayBuffer(val) {
		pattern = b
	} else if _, isStr := val.(goja.String); isStr {
		enc := "utf8"
		if e := c.Argument(4); !goja.IsUndefined(e) && !goja.IsNull(e) {
			if n := encodingOps(e.String()); n != "" {
				enc = n
			}
		}
		pattern = encodeString(val, enc)
		if len(pattern) > len(dst) && enc != "utf8" && enc != "utf16le" && enc != "ucs2" {
			pattern = pattern[:len(dst)]
		}
	} else {
		x := byte(bufToUint32(val.ToFloat()))
		for i := range dst {
			dst[i] = x
		}
		return goja.Undefined()
	}
	if len(dst) == 0 {
		return goja.Undefined()
	}
	if len(pattern) == 0 {
		return rt.ToValue(-1)
	}
	k := copy(dst, pattern)
	for k < len(dst) {
		k += copy(dst[k:], dst[:k])
	}
	return goja.Undefined()
}

// bufToUint32 is JavaScript's ToUint32 of a number.
func bufToUint32(f float64) uint32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	f = math.Mod(math.Trunc(f), 1<<32)
	if f < 0 {
		f += 1 << 32
	}
	return uint32(f)
}

func bufIsArrayBuffer(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ExportType() == bufTypeArrayBuffer
}

// bufIndexOfOffset is Node's IndexOfOffset: where a search starts, or -1 for no match.
func bufIndexOfOffset(length, offset, needle int64, forward bool) int64 {
	if offset < 0 {
		switch {
		case offset+length >= 0:
			return length + offset
		case forward || needle == 0:
			return 0
		default:
			return -1
		}
	}
	switch {
	case offset+needle <= length:
		return offset
	case needle == 0:
		return length
	case forward:
		return -1
	default:
		return length - 1
	}
}

// bufSearchBytes finds needle in hay at or after offset (forward) or at or before it.
func bufSearchBytes(hay, needle []byte, offset int, forward bool) int {
	if forward {
		if offset > len(hay) {
			return -1
		}
		i := strings.Index(string(hay[offset:]), string(needle))
		if i < 0 {
			return -1
		}
		return i + offset
	}
	start := min(offset, len(hay)-len(needle))
	for i := start; i >= 0; i-- {
		if string(hay[i:i+len(needle)]) == string(needle) {
			return i
		}
	}
	return -1
}

// bufSearchUnits is bufSearchBytes on 16-bit units (UTF-16 searches), returning a byte index.
func bufSearchUnits(hay, needle []byte, offset int, forward bool) int {
	hn, nn := len(hay)/2, len(needle)/2
	unitAt := func(b []byte, i int) uint16 { return uint16(b[2*i]) | uint16(b[2*i+1])<<8 }
	match := func(i int) bool {
		for j := 0; j < nn; j++ {
			if unitAt(hay, i+j) != unitAt(needle, j) {
				return false
			}
		}
		return true
	}
	if forward {
		for i := offset; i+nn <= hn; i++ {
			if match(i) {
				return 2 * i
			}
		}
		return -1
	}
	for i := min(offset, hn-nn); i >= 0; i-- {
		if match(i) {
			return 2 * i
		}
	}
	return -1
}

// search implements the shared part of Node's IndexOfString and IndexOfBuffer.
func bufSearch(hay, needle []byte, offset64 int64, ucs2, forward bool) int64 {
	if ucs2 {
		hay = hay[:len(hay)&^1]
	}
	opt := bufIndexOfOffset(int64(len(hay)), offset64, int64(len(needle)), forward)
	if len(needle) == 0 {
		return opt
	}
	if len(hay) == 0 || opt <= -1 {
		return -1
	}
	offset := int(opt)
	if (forward && len(needle)+offset > len(hay)) || len(needle) > len(hay) {
		return -1
	}
	if ucs2 {
		if len(hay) < 2 || len(needle) < 2 {
			return -1
		}
		return int64(bufSearchUnits(hay, needle[:len(needle)&^1], offset/2, forward))
	}
	return int64(bufSearchBytes(hay, needle, offset, forward))
}

// indexOfString(buf, needle, byteOffset, encoding, forward)
func (r *bufferRealm) indexOfString(c goja.FunctionCall) goja.Value {
	buf, _ := r.in.bytesOf(c.Argument(0))
	enc := c.Argument(3).String()
	needle := encodeString(c.Argument(1), enc)
	ucs2 := enc == "utf16le" || enc == "ucs2"
	return r.in.rt.ToValue(bufSearch(buf, needle, int64(c.Argument(2).ToFloat()), ucs2, c.Argument(4).ToBoolean()))
}

// indexOfBuffer(buf, needle, byteOffset, encoding, forward)
func (r *bufferRealm) indexOfBuffer(c goja.FunctionCall) goja.Value {
	buf, _ := r.in.bytesOf(c.Argument(0))
	needle, _ := r.in.bytesOf(c.Argument(1))
	enc := c.Argument(3).String()
	ucs2 := enc == "utf16le" || enc == "ucs2"
	return r.in.rt.ToValue(bufSearch(buf, needle, int64(c.Argument(2).ToFloat()), ucs2, c.Argument(4).ToBoolean()))
}

// indexOfNumber(buf, number, byteOffset, forward)
func (r *bufferRealm) indexOfNumber(c goja.FunctionCall) goja.Value {
	buf, _ := r.in.bytesOf(c.Argument(0))
	needle := byte(uint32(c.Argument(1).ToInteger()))
	forward := c.Argument(3).ToBoolean()
	opt := bufIndexOfOffset(int64(len(buf)), int64(c.Argument(2).ToFloat()), 1, forward)
	if opt <= -1 || len(buf) == 0 {
		return r.in.rt.ToValue(-1)
	}
	off := int(opt)
	if forward {
		for i := off; i < len(buf); i++ {
			if buf[i] == needle {
				return r.in.rt.ToValue(i)
			}
		}
	} else {
		for i := min(off, len(buf)-1); i >= 0; i-- {
			if buf[i] == needle {
				return r.in.rt.ToValue(i)
			}
		}
	}
	return r.in.rt.ToValue(-1)
}

// parseIndex is Node's ParseArrayIndex: undefined gives def; a negative index throws
// "Index out of range".
func (r *bufferRealm) parseIndex(v goja.Value, def int) int {
	if v == nil || goja.IsUndefined(v) {
		return def
	}
	f := v.ToFloat()
	if math.IsNaN(f) {
		return 0
	}
	if f < 0 {
		panic(r.in.codedError("ERR_OUT_OF_RANGE_PLAIN", "Index out of range"))
	}
	if f > math.MaxInt32*2 {
		return math.MaxInt32 * 2
	}
	return int(f)
}

// slice(buf, encoding, start, end) is Node's native xxxSlice(start, end).
func (r *bufferRealm) slice(c goja.FunctionCall) goja.Value {
	buf, ok := r.in.bytesOf(c.Argument(0))
	if !ok {
		panic(r.in.codedError("ERR_INVALID_ARG_TYPE", "argument", []any{"Buffer", "Uint8Array"}, c.Argument(0)))
	}
	start := r.parseIndex(c.Argument(2), 0)
	end := r.parseIndex(c.Argument(3), len(buf))
	if end < start {
		end = start
	}
	if end > len(buf) {
		panic(r.in.codedError("ERR_OUT_OF_RANGE_PLAIN", "Index out of range"))
	}
	return r.in.sliceString(buf[start:end], c.Argument(1).String())
}

// write(buf, encoding, string, offset, length) is Node's native xxxWrite(string, offset, length).
func (r *bufferRealm) write(c goja.FunctionCall) goja.Value {
	buf, ok := r.in.bytesOf(c.Argument(0))
	if !ok {
		panic(r.in.codedError("ERR_INVALID_ARG_TYPE", "argument", []any{"Buffer", "Uint8Array"}, c.Argument(0)))
	}
	s := c.Argument(2)
	if _, isStr := s.(goja.String); !isStr {
		panic(r.in.codedError("ERR_INVALID_ARG_TYPE_PLAIN", "argument must be a string"))
	}
	offset := r.parseIndex(c.Argument(3), 0)
	if offset > len(buf) {
		panic(r.in.codedError("ERR_BUFFER_OUT_OF_BOUNDS", "offset"))
	}
	maxLen := r.parseIndex(c.Argument(4), len(buf)-offset)
	maxLen = min(maxLen, len(buf)-offset)
	if maxLen == 0 {
		return r.in.rt.ToValue(0)
	}
	return r.in.rt.ToValue(bufWrite(buf[offset:offset+maxLen], s, c.Argument(1).String()))
}

// encodingOps is Node's getEncodingOps: the canonical name of an encoding ("" if unknown).
func encodingOps(enc string) string {
	switch enc {
	case "utf8", "ucs2", "utf16le", "latin1", "ascii", "base64", "base64url", "hex":
		return enc
	}
	switch strings.ToLower(enc) {
	case "utf8", "utf-8":
		return "utf8"
	case "ucs2", "ucs-2":
		return "ucs2"
	case "utf16le", "utf-16le":
		return "utf16le"
	case "latin1", "binary":
		return "latin1"
	case "ascii":
		return "ascii"
	case "base64":
		return "base64"
	case "base64url":
		return "base64url"
	case "hex":
		return "hex"
	}
	return ""
}

// bufJSString returns JavaScript's ToString of v as a goja.String, for access to its UTF-16
// code units.
func bufJSString(v goja.Value) goja.String {
	if s, ok := v.(goja.String); ok {
		return s
	}
	if s, ok := v.ToString().(goja.String); ok {
		return s
	}
	// goja's ToString leaves null and undefined as they are.
	return goja.StringFromUTF16(asciiUnits(v.String()))
}

// bufUTF8Len is the length of v's UTF-8 encoding (lone surrogates count as U+FFFD).
func bufUTF8Len(v goja.Value) int {
	s := bufJSString(v)
	n := s.Length()
	total := 0
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		switch {
		case c < 0x80:
			total++
		case c < 0x800:
			total += 2
		case c >= 0xD800 && c <= 0xDBFF && i+1 < n && s.CharAt(i+1) >= 0xDC00 && s.CharAt(i+1) <= 0xDFFF:
			total += 4
			i++
		default:
			total += 3
		}
	}
	return total
}

// encodeString encodes a JavaScript string in one of Node's encodings (canonical names).
func encodeString(v goja.Value, enc string) []byte {
	switch enc {
	case "utf8", "":
		return []byte(v.String())
	}
	s := bufJSString(v)
	n := s.Length()
	switch enc {
	case "ucs2", "utf16le":
		out := make([]byte, 2*n)
		for i := 0; i < n; i++ {
			c := s.CharAt(i)
			out[2*i], out[2*i+1] = byte(c), byte(c>>8)
		}
		return out
	case "latin1", "ascii":
		out := make([]byte, n)
		for i := 0; i < n; i++ {
			out[i] = byte(s.CharAt(i))
		}
		return out
	case "hex":
		out := make([]byte, 0, n/2)
		for i := 0; i+1 < n; i += 2 {
			a, b := bufUnhex(byte(s.CharAt(i))), bufUnhex(byte(s.CharAt(i+1)))
			if a < 0 || b < 0 {
				break
			}
			out = append(out, byte(a<<4|b))
		}
		return out
	case "base64", "base64url":
		return bufDecodeBase64(s)
	}
	return []byte(v.String())
}

func bufUnhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// bufUnbase64 maps both base64 alphabets to their values; 255 marks other characters.
var bufUnbase64 = func() (t [256]byte) {
	for i := range t {
		t[i] = 255
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(std); i++ {
		t[std[i]] = byte(i)
	}
	t['-'], t['_'] = 62, 63
	return t
}()

// bufDecodeBase64 decodes base64 or base64url the way Node does: characters outside the
// alphabets are skipped and decoding stops at the first '='.
func bufDecodeBase64(s goja.String) []byte {
	n := s.Length()
	d := base64Decoder{out: make([]byte, 0, n*3/4+3)}
	for i := 0; i < n; i++ {
		c := byte(s.CharAt(i))
		v := bufUnbase64[c]
		if v == 255 {
			if c == '=' {
				break
			}
			continue
		}
		d.add(v)
	}
	return d.finish()
}

// base64Decoder turns 6-bit base64 values into bytes; a final group of 2 or 3 values gives
// 1 or 2 bytes (the leftover bits are dropped, as Node and atob do).
type base64Decoder struct {
	out []byte
	acc uint32
	k   int
}

func (d *base64Decoder) add(v byte) {
	d.acc = d.acc<<6 | uint32(v)
	if d.k++; d.k == 4 {
		d.out = append(d.out, byte(d.acc>>16), byte(d.acc>>8), byte(d.acc))
		d.acc, d.k = 0, 0
	}
}

func (d *base64Decoder) finish() []byte {
	switch d.k {
	case 2:
		d.out = append(d.out, byte(d.acc>>4))
	case 3:
		d.out = append(d.out, byte(d.acc>>10), byte(d.acc>>2))
	}
	return d.out
}

// bufWrite writes v into dst in encoding enc as Node's StringBytes::Write does (no
// partial characters in UTF-8 or UTF-16), returning the bytes written.
func bufWrite(dst []byte, v goja.Value, enc string) int {
	switch enc {
	case "utf8":
		s := v.String()
		if len(s) <= len(dst) {
			return copy(dst, s)
		}
		n := 0
		for _, r := range s {
			l := utf8.RuneLen(r)
			if n+l > len(dst) {
				break
			}
			utf8.EncodeRune(dst[n:], r)
			n += l
		}
		return n
	case "ucs2", "utf16le":
		s := bufJSString(v)
		units := min(s.Length(), len(dst)/2)
		for i := 0; i < units; i++ {
			c := s.CharAt(i)
			dst[2*i], dst[2*i+1] = byte(c), byte(c>>8)
		}
		return 2 * units
	case "latin1", "ascii":
		s := bufJSString(v)
		n := min(s.Length(), len(dst))
		for i := 0; i < n; i++ {
			dst[i] = byte(s.CharAt(i))
		}
		return n
	}
	return copy(dst, encodeString(v, enc))
}

// sliceString decodes bytes in one of Node's encodings (canonical names).
func (in *Instance) sliceString(b []byte, enc string) goja.Value {
	switch enc {
	case "utf8":
		return in.rt.ToValue(wutf8.String(b))
	case "hex":
		return in.rt.ToValue(hex.EncodeToString(b))
	case "base64":
		return in.rt.ToValue(base64.StdEncoding.EncodeToString(b))
	case "base64url":
		return in.rt.ToValue(base64.RawURLEncoding.EncodeToString(b))
	case "ascii":
		ascii := true
		for _, c := range b {
			if c >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			return in.rt.ToValue(string(b))
		}
		out := make([]byte, len(b))
		for i, c := range b {
			out[i] = c & 0x7f
		}
		return in.rt.ToValue(string(out))
	case "latin1":
		units := make([]uint16, len(b))
		for i, c := range b {
			units[i] = uint16(c)
		}
		return goja.StringFromUTF16(units)
	case "ucs2", "utf16le":
		units := make([]uint16, len(b)/2)
		for i := range units {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return goja.StringFromUTF16(units)
	}
	return in.rt.ToValue(wutf8.String(b))
}

var nodeErrorsProgram = builtinProgram("plugchain:errors", nodeErrorsSource)

// nodeErrorsSource builds Node's coded errors (lib/internal/errors.js), the validators of
// lib/internal/validators.js and the little of util.inspect their messages need.
const nodeErrorsSource = `(function (toStr) {
'use strict'
const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol']
// Regular expressions are compiled when first needed: most instances never build an error.
const isClassName = (s) => /^[A-Z][a-zA-Z0-9]*$/.test(s)
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype)
const getTypedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get
const isArrayBufferView = ArrayBuffer.isView
const ObjectPrototypeHasOwnProperty = Object.prototype.hasOwnProperty

// Node's errors print as "Name [CODE]: message"; the prototype in between carries that.
let protos
function protoFor(Base) {
  if (protos === undefined) protos = new Map()
  let p = protos.get(Base)
  if (p === undefined) {
    p = Object.create(Base.prototype)
    Object.defineProperty(p, 'toString', {
      value: function toString() { return this.name + ' [' + this.code + ']: ' + this.message },
      writable: true, configurable: true,
    })
    protos.set(Base, p)
  }
  return p
}

function make(Base, code, message, props) {
  const e = new Base(message)
  Object.setPrototypeOf(e, protoFor(Base))
  e.code = code
  if (props) Object.assign(e, props)
  return e
}

// An error as Node's C++ layer throws it: a code, but the plain toString.
function plain(Base, code, message) {
  const e = new Base(message)
  e.code = code
  return e
}

function formatList(array, type) {
  if (type === undefined) type = 'and'
  switch (array.length) {
    case 0: return ''
    case 1: return '' + array[0]
    case 2: return array[0] + ' ' + type + ' ' + array[1]
    case 3: return array[0] + ', ' + array[1] + ', ' + type + ' ' + array[2]
    default: return array.slice(0, -1).join(', ') + ', ' + type + ' ' + array[array.length - 1]
  }
}

const meta = [
  '\\x00', '\\x01', '\\x02', '\\x03', '\\x04', '\\x05', '\\x06', '\\x07',
  '\\b', '\\t', '\\n', '\\x0B', '\\f', '\\r', '\\x0E', '\\x0F',
  '\\x10', '\\x11', '\\x12', '\\x13', '\\x14', '\\x15', '\\x16', '\\x17',
  '\\x18', '\\x19', '\\x1A', '\\x1B', '\\x1C', '\\x1D', '\\x1E', '\\x1F',
]

function strEscape(str) {
  let quote = "'"
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"'
    else if (!str.includes(String.fromCharCode(96)) && !str.includes('${')) quote = String.fromCharCode(96)
  }
  let out = ''
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i)
    if (c < 32) out += meta[c]
    else if (c === 0x7f) out += '\\x7F'
    else if (str[i] === quote || c === 92) out += '\\' + str[i]
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = str.charCodeAt(i + 1)
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { out += str[i] + str[i + 1]; i++ }
      else out += '\\u' + c.toString(16).toUpperCase()
    } else out += str[i]
  }
  return quote + out + quote
}

const isIdent = (s) => /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(s)
// inspect renders a value the way util.inspect does for the shapes error messages meet.
function inspect(v, depth) {
  if (depth === undefined) depth = 2
  switch (typeof v) {
    case 'string': return strEscape(v)
    case 'number': return Object.is(v, -0) ? '-0' : String(v)
    case 'bigint': return v + 'n'
    case 'symbol': return v.toString()
    case 'undefined': return 'undefined'
    case 'boolean': return String(v)
    case 'function': {
      const name = v.name ? ': ' + v.name : ' (anonymous)'
      return /^class\s/.test(Function.prototype.toString.call(v)) ? '[class' + (v.name ? ' ' + v.name : ' (anonymous)') + ']' : '[Function' + name + ']'
    }
  }
  if (v === null) return 'null'
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    if (depth < 0) return '[Array]'
    return '[ ' + v.map((x) => inspect(x, depth - 1)).join(', ') + ' ]'
  }
  const tag = getTypedArrayTag.call(v)
  if (tag !== undefined) {
    if (typeof Buffer === 'function' && v instanceof Buffer) {
      const hex = []
      for (let i = 0; i < Math.min(v.length, 50); i++) hex.push((v[i] < 16 ? '0' : '') + v[i].toString(16))
      return '<Buffer ' + hex.join(' ') + (v.length > 50 ? ' ... ' + (v.length - 50) + ' more byte' + (v.length - 50 > 1 ? 's' : '') : '') + '>'
    }
    return tag + '(' + v.length + ') [' + (v.length ? ' ' + Array.prototype.join.call(v, ', ') + ' ' : '') + ']'
  }
  if (v instanceof Date) return isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()
  if (v instanceof RegExp) return String(v)
  if (v instanceof Error) return v.stack || String(v)
  const proto = Object.getPrototypeOf(v)
  let prefix = ''
  if (proto === null) prefix = '[Object: null prototype] '
  else if (proto !== Object.prototype) {
    const c = proto.constructor
    prefix = (c && c.name ? c.name : 'Object') + ' '
  }
  const keys = Object.keys(v)
  if (keys.length === 0) return prefix + '{}'
  if (depth < 0) return '[' + (prefix ? prefix.trim() : 'Object') + ']'
  return prefix + '{ ' + keys.map((k) => (isIdent(k) ? k : strEscape(k)) + ': ' + inspect(v[k], depth - 1)).join(', ') + ' }'
}

function determineSpecificType(value) {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  const type = typeof value
  switch (type) {
    case 'bigint': return 'type bigint (' + value + 'n)'
    case 'number':
      if (value === 0) return 1 / value === -Infinity ? 'type number (-0)' : 'type number (0)'
      return 'type number (' + value + ')'
    case 'boolean': return value ? 'type boolean (true)' : 'type boolean (false)'
    case 'symbol': return 'type symbol (' + String(value) + ')'
    case 'function': return 'function ' + value.name
    case 'object':
      if (value.constructor && 'name' in value.constructor) return 'an instance of ' + value.constructor.name
      return inspect(value, -1)
    case 'string':
      if (value.length > 28) value = value.slice(0, 25) + '...'
      if (value.indexOf("'") === -1) return "type string ('" + value + "')"
      return 'type string (' + JSON.stringify(value) + ')'
  }
}

function addNumericalSeparator(val) {
  let res = ''
  let i = val.length
  const start = val[0] === '-' ? 1 : 0
  for (; i >= start + 4; i -= 3) res = '_' + val.slice(i - 3, i) + res
  return val.slice(0, i) + res
}

function E(code, Base, msg) {
  return function (...args) {
    return make(Base, code, typeof msg === 'function' ? msg(...args) : msg.replace(/%s/g, () => String(args.shift())))
  }
}

const codes = {
  ERR_ARG_NOT_ITERABLE: E('ERR_ARG_NOT_ITERABLE', TypeError, '%s must be iterable'),
  ERR_BUFFER_OUT_OF_BOUNDS: E('ERR_BUFFER_OUT_OF_BOUNDS', RangeError, (name) =>
    name ? '"' + name + '" is outside of buffer bounds' : 'Attempt to access memory outside buffer bounds'),
  ERR_ENCODING_INVALID_ENCODED_DATA: function (encoding, ret) {
    return make(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding ' + encoding, { errno: ret })
  },
  ERR_ENCODING_NOT_SUPPORTED: E('ERR_ENCODING_NOT_SUPPORTED', RangeError, 'The "%s" encoding is not supported'),
  ERR_INVALID_ARG_TYPE: E('ERR_INVALID_ARG_TYPE', TypeError, (name, expected, actual) => {
    if (!Array.isArray(expected)) expected = [expected]
    let msg = 'The '
    if (name.endsWith(' argument')) msg += name + ' '
    else msg += '"' + name + '" ' + (name.includes('.') ? 'property' : 'argument') + ' '
    msg += 'must be '
    const types = []
    const instances = []
    const other = []
    for (const value of expected) {
      if (kTypes.includes(value)) types.push(value.toLowerCase())
      else if (isClassName(value)) instances.push(value)
      else other.push(value)
    }
    if (instances.length > 0) {
      const pos = types.indexOf('object')
      if (pos !== -1) { types.splice(pos, 1); instances.push('Object') }
    }
    if (types.length > 0) {
      msg += (types.length > 1 ? 'one of type' : 'of type') + ' ' + formatList(types, 'or')
      if (instances.length > 0 || other.length > 0) msg += ' or '
    }
    if (instances.length > 0) {
      msg += 'an instance of ' + formatList(instances, 'or')
      if (other.length > 0) msg += ' or '
    }
    if (other.length > 0) {
      if (other.length > 1) msg += 'one of ' + formatList(other, 'or')
      else {
        if (other[0].toLowerCase() !== other[0]) msg += 'an '
        msg += other[0]
      }
    }
    return msg + '. Received ' + determineSpecificType(actual)
  }),
  ERR_INVALID_ARG_VALUE: function (name, value, reason) {
    if (reason === undefined) reason = 'is invalid'
    let inspected = inspect(value)
    if (inspected.length > 128) inspected = inspected.slice(0, 128) + '...'
    const type = name.includes('.') ? 'property' : 'argument'
    return make(TypeError, 'ERR_INVALID_ARG_VALUE', 'The ' + type + " '" + name + "' " + reason + '. Received ' + inspected)
  },
  ERR_INVALID_BUFFER_SIZE: E('ERR_INVALID_BUFFER_SIZE', RangeError, 'Buffer size must be a multiple of %s'),
  ERR_INVALID_FILE_URL_HOST: E('ERR_INVALID_FILE_URL_HOST', TypeError, 'File URL host must be "localhost" or empty on %s'),
  ERR_INVALID_FILE_URL_PATH: E('ERR_INVALID_FILE_URL_PATH', TypeError, 'File URL path %s'),
  ERR_INVALID_STATE: E('ERR_INVALID_STATE', TypeError, 'Invalid state: %s'),
  ERR_INVALID_THIS: E('ERR_INVALID_THIS', TypeError, 'Value of "this" must be of type %s'),
  ERR_INVALID_TUPLE: E('ERR_INVALID_TUPLE', TypeError, '%s must be an iterable %s tuple'),
  ERR_INVALID_URI: E('ERR_INVALID_URI', URIError, 'URI malformed'),
  ERR_INVALID_URL: function (input, base) {
    const props = { input }
    if (base != null) props.base = base
    return make(TypeError, 'ERR_INVALID_URL', 'Invalid URL', props)
  },
  ERR_INVALID_URL_SCHEME: E('ERR_INVALID_URL_SCHEME', TypeError, (expected) => {
    if (typeof expected === 'string') expected = [expected]
    return 'The URL must be ' + (expected.length === 2 ? 'one of scheme ' + expected[0] + ' or ' + expected[1] : 'of scheme ' + expected[0])
  }),
  ERR_MISSING_ARGS: E('ERR_MISSING_ARGS', TypeError, (...args) => {
    const len = args.length
    const wrap = (a) => '"' + a + '"'
    args = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)))
    return 'The ' + formatList(args) + ' argument' + (len > 1 ? 's' : '') + ' must be specified'
  }),
  ERR_MISSING_OPTION: E('ERR_MISSING_OPTION', TypeError, '%s is required'),
  ERR_OUT_OF_RANGE: E('ERR_OUT_OF_RANGE', RangeError, (str, range, input, replaceDefaultBoolean) => {
    let msg = replaceDefaultBoolean ? str : 'The value of "' + str + '" is out of range.'
    let received
    if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) {
      received = addNumericalSeparator(String(input))
    } else if (typeof input === 'bigint') {
      received = String(input)
      if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received)
      received += 'n'
    } else {
      received = inspect(input)
    }
    return msg + ' It must be ' + range + '. Received ' + received
  }),
  ERR_UNKNOWN_ENCODING: E('ERR_UNKNOWN_ENCODING', TypeError, 'Unknown encoding: %s'),
  // Errors Node's C++ layer throws: a code, the message as given, the plain toString.
  ERR_OUT_OF_RANGE_PLAIN: function (msg) { return plain(RangeError, 'ERR_OUT_OF_RANGE', msg) },
  ERR_INVALID_ARG_TYPE_PLAIN: function (msg) { return plain(TypeError, 'ERR_INVALID_ARG_TYPE', msg) },
  ERR_ENCODING_INVALID_ENCODED_DATA_PLAIN: function (encoding) {
    return plain(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding ' + encoding)
  },
  ERR_INVALID_URL_PLAIN: function (input, base) {
    const e = plain(TypeError, 'ERR_INVALID_URL', 'Invalid URL')
    e.input = input
    if (base !== undefined) e.base = base
    return e
  },
}

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value)
  if ((min != null && value < min) || (max != null && value > max) ||
    ((min != null || max != null) && Number.isNaN(value))) {
    throw codes.ERR_OUT_OF_RANGE(name,
      (min != null ? '>= ' + min : '') + (min != null && max != null ? ' && ' : '') + (max != null ? '<= ' + max : ''),
      value)
  }
}

function validateInteger(value, name, min, max) {
  if (min === undefined) min = Number.MIN_SAFE_INTEGER
  if (max === undefined) max = Number.MAX_SAFE_INTEGER
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value)
  if (!Number.isInteger(value)) throw codes.ERR_OUT_OF_RANGE(name, 'an integer', value)
  if (value < min || value > max) throw codes.ERR_OUT_OF_RANGE(name, '>= ' + min + ' && <= ' + max, value)
}

function validateString(value, name) {
  if (typeof value !== 'string') throw codes.ERR_INVALID_ARG_TYPE(name, 'string', value)
}

function validateArray(value, name, minLength) {
  if (!Array.isArray(value)) throw codes.ERR_INVALID_ARG_TYPE(name, 'Array', value)
  if (minLength !== undefined && value.length < minLength) {
    throw codes.ERR_INVALID_ARG_VALUE(name, value, 'must be longer than ' + minLength)
  }
}

function validateBuffer(buffer, name) {
  if (name === undefined) name = 'buffer'
  if (!isArrayBufferView(buffer)) throw codes.ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], buffer)
}

// options: 1 allows null, 2 arrays, 4 functions (kValidateObjectAllow*).
function validateObject(value, name, options) {
  options = options || 0
  if ((!(options & 1) && value === null) || (!(options & 2) && Array.isArray(value)) ||
    (typeof value !== 'object' && (!(options & 4) || typeof value !== 'function'))) {
    throw codes.ERR_INVALID_ARG_TYPE(name, 'Object', value)
  }
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw codes.ERR_INVALID_ARG_TYPE(name, 'Function', value)
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value)
}

return {
  codes, make, inspect, toStr, determineSpecificType, formatList,
  validateNumber, validateInteger, validateString, validateArray, validateBuffer, validateObject,
  validateFunction, validateBoolean,
  getTypedArrayTag, hasOwn: ObjectPrototypeHasOwnProperty,
}
})`

var bufferProgram = builtinProgram("plugchain:buffer", bufferSource)

// bufferSource is Node 20's Buffer (lib/buffer.js, lib/internal/buffer.js) on top of the Go
// binding; it returns {Buffer, FastBuffer, ...}.
const bufferSource = `(function (binding, errors) {
'use strict'
const {
  ERR_BUFFER_OUT_OF_BOUNDS, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_BUFFER_SIZE,
  ERR_OUT_OF_RANGE, ERR_UNKNOWN_ENCODING,
} = errors.codes
const { validateArray, validateBuffer, validateInteger, validateNumber, validateString, getTypedArrayTag } = errors

const kMaxLength = 2 ** 32
const kStringMaxLength = 2 ** 29 - 24
const validateOffset = (value, name, min = 0, max = kMaxLength) => validateInteger(value, name, min, max)
const isUint8Array = (v) => getTypedArrayTag.call(v) === 'Uint8Array'
const isTypedArray = (v) => getTypedArrayTag.call(v) !== undefined
const isAnyArrayBuffer = binding.isArrayBuffer
const isArrayBufferView = ArrayBuffer.isView
const TypedArrayPrototypeSet = Object.getPrototypeOf(Uint8Array.prototype).set
const TypedArrayPrototypeFill = Object.getPrototypeOf(Uint8Array.prototype).fill
const TypedArrayPrototypeSlice = Object.getPrototypeOf(Uint8Array.prototype).slice
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom')

class FastBuffer extends Uint8Array {
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length)
  }
}

function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', arg)
    }
    return Buffer.alloc(arg)
  }
  return Buffer.from(arg, encodingOrOffset, length)
}

FastBuffer.prototype.constructor = Buffer
Buffer.prototype = FastBuffer.prototype
binding.setProto(Buffer.prototype)

Object.defineProperty(Buffer, Symbol.species, {
  __proto__: null, enumerable: false, configurable: true,
  get() { return FastBuffer },
})

Buffer.poolSize = 8 * 1024

function toInteger(n, defaultVal) {
  n = +n
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return ((n % 1) === 0 ? n : Math.floor(n))
  }
  return defaultVal
}

function _copy(source, target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(source)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source)
  if (!isUint8Array(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target)
  if (targetStart === undefined) {
    targetStart = 0
  } else {
    targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0)
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart)
  }
  if (sourceStart === undefined) {
    sourceStart = 0
  } else {
    sourceStart = Number.isInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0)
    if (sourceStart < 0 || sourceStart > source.length) {
      throw new ERR_OUT_OF_RANGE('sourceStart', '>= 0 && <= ' + source.length, sourceStart)
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = source.length
  } else {
    sourceEnd = Number.isInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0)
    if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd)
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0
  return _copyActual(source, target, targetStart, sourceStart, sourceEnd)
}

function _copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart
  let nb = sourceEnd - sourceStart
  const sourceLen = source.length - sourceStart
  if (nb > sourceLen) nb = sourceLen
  if (nb <= 0) return 0
  return binding.copy(source, target, targetStart, sourceStart, nb)
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset)
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length)
    if (isUint8Array(value)) return binding.copyBytes(value)
    const valueOf = value.valueOf && value.valueOf()
    if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length)
    }
    const b = fromObject(value)
    if (b) return b
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string')
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset)
    }
  }
  throw new ERR_INVALID_ARG_TYPE('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value)
}

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view)
  const viewLength = view.length
  if (viewLength === 0) return Buffer.alloc(0)
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0)
      if (offset >= viewLength) return Buffer.alloc(0)
    } else {
      offset = 0
    }
    let end
    if (length !== undefined) {
      validateInteger(length, 'length', 0)
      end = offset + length
    } else {
      end = viewLength
    }
    view = TypedArrayPrototypeSlice.call(view, offset, end)
  }
  return binding.copyBytes(new Uint8Array(view.buffer, view.byteOffset, view.byteLength))
}

const of = (...items) => {
  const newObj = binding.alloc(items.length)
  for (let k = 0; k < items.length; k++) newObj[k] = items[k]
  return newObj
}
Buffer.of = of

Object.setPrototypeOf(Buffer, Uint8Array)

Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, 'size', 0, kMaxLength)
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = binding.alloc(size)
    return _fill(buf, fill, 0, buf.length, encoding)
  }
  return binding.alloc(size)
}

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateNumber(size, 'size', 0, kMaxLength)
  return binding.alloc(size)
}

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, 'size', 0, kMaxLength)
  return binding.alloc(size)
}

function fromString(string, encoding) {
  let enc
  if (!encoding || encoding === 'utf8' || typeof encoding !== 'string') {
    enc = 'utf8'
  } else {
    enc = getEncodingOps(encoding)
    if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding)
  }
  return binding.fromString(string, enc)
}

function fromArrayBuffer(obj, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0
  } else {
    byteOffset = +byteOffset
    if (Number.isNaN(byteOffset)) byteOffset = 0
  }
  const maxLength = obj.byteLength - byteOffset
  if (maxLength < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset')
  if (length === undefined) {
    length = maxLength
  } else {
    length = +length
    if (length > 0) {
      if (length > maxLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length')
    } else {
      length = 0
    }
  }
  return new FastBuffer(obj, byteOffset, length)
}

function fromArrayLike(obj) {
  if (obj.length <= 0) return binding.alloc(0)
  const b = binding.alloc(obj.length)
  TypedArrayPrototypeSet.call(b, obj, 0)
  return b
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return binding.alloc(0)
    return fromArrayLike(obj)
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data)
}

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer
}

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1)
  if (!isUint8Array(buf2)) throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2)
  if (buf1 === buf2) return 0
  return binding.compare(buf1, buf2)
}

function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8'
  if (typeof enc !== 'string') return undefined
  if (enc === '') return 'utf8'
  switch (enc.toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8'
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le'
    case 'latin1': case 'binary': return 'latin1'
    case 'base64': return 'base64'
    case 'base64url': return 'base64url'
    case 'hex': return 'hex'
    case 'ascii': return 'ascii'
  }
}

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined
}

Buffer.concat = function concat(list, length) {
  validateArray(list, 'list')
  if (list.length === 0) return binding.alloc(0)
  if (length === undefined) {
    length = 0
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length
    }
  } else {
    validateOffset(length, 'length')
  }
  return binding.concat(list, length)
}

function base64ByteLength(str, bytes) {
  if (str.charCodeAt(bytes - 1) === 0x3D) bytes--
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3D) bytes--
  return (bytes * 3) >>> 2
}

// getEncodingOps returns the canonical name of a Buffer encoding, or undefined.
function getEncodingOps(encoding) {
  encoding += ''
  switch (encoding.length) {
    case 4:
      if (encoding === 'utf8' || encoding === 'ucs2') return encoding
      encoding = encoding.toLowerCase()
      if (encoding === 'utf8' || encoding === 'ucs2') return encoding
      break
    case 5:
      if (encoding === 'utf-8') return 'utf8'
      if (encoding === 'ascii') return 'ascii'
      if (encoding === 'ucs-2') return 'ucs2'
      encoding = encoding.toLowerCase()
      if (encoding === 'utf-8') return 'utf8'
      if (encoding === 'ascii') return 'ascii'
      if (encoding === 'ucs-2') return 'ucs2'
      break
    case 7:
      if (encoding === 'utf16le' || encoding.toLowerCase() === 'utf16le') return 'utf16le'
      break
    case 8:
      if (encoding === 'utf-16le' || encoding.toLowerCase() === 'utf-16le') return 'utf16le'
      break
    case 6:
      if (encoding === 'latin1' || encoding === 'binary') return 'latin1'
      if (encoding === 'base64') return 'base64'
      encoding = encoding.toLowerCase()
      if (encoding === 'latin1' || encoding === 'binary') return 'latin1'
      if (encoding === 'base64') return 'base64'
      break
    case 3:
      if (encoding === 'hex' || encoding.toLowerCase() === 'hex') return 'hex'
      break
    case 9:
      if (encoding === 'base64url' || encoding.toLowerCase() === 'base64url') return 'base64url'
      break
  }
}

function byteLengthOf(string, enc) {
  switch (enc) {
    case 'utf8': return binding.byteLengthUtf8(string)
    case 'ucs2': case 'utf16le': return string.length * 2
    case 'latin1': case 'ascii': return string.length
    case 'base64': case 'base64url': return base64ByteLength(string, string.length)
    case 'hex': return string.length >>> 1
  }
}

function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (isArrayBufferView(string) || isAnyArrayBuffer(string)) return string.byteLength
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string)
  }
  const len = string.length
  if (len === 0) return 0
  if (!encoding || encoding === 'utf8') return binding.byteLengthUtf8(string)
  if (encoding === 'ascii') return len
  const enc = getEncodingOps(encoding)
  if (enc === undefined) return binding.byteLengthUtf8(string)
  return byteLengthOf(string, enc)
}
Buffer.byteLength = byteLength

Object.defineProperty(Buffer.prototype, 'parent', {
  __proto__: null, enumerable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined
    return this.buffer
  },
})
Object.defineProperty(Buffer.prototype, 'offset', {
  __proto__: null, enumerable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined
    return this.byteOffset
  },
})

Buffer.prototype.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  return _copy(this, target, targetStart, sourceStart, sourceEnd)
}

let INSPECT_MAX_BYTES = 50
// Node's inspector calls custom inspectors as (depth, options, inspect).
Buffer.prototype[customInspectSymbol] = function inspect(recurseTimes, ctx, inspectFn) {
  const max = INSPECT_MAX_BYTES
  const remaining = this.length - max
  let str = binding.inspectHex(this, max)
  if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '')
  // Properties besides the bytes are shown too.
  if (ctx && typeof inspectFn === 'function') {
    let extras = false
    const obj = { __proto__: null }
    for (const key of Reflect.ownKeys(this)) {
      if (typeof key === 'string' && String(key >>> 0) === key) continue
      if (!ctx.showHidden && !Object.prototype.propertyIsEnumerable.call(this, key)) continue
      extras = true
      obj[key] = this[key]
    }
    if (extras) {
      if (this.length !== 0) str += ', '
      str += inspectFn(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2)
    }
  }
  return '<' + this.constructor.name + ' ' + str + '>'
}
Buffer.prototype.inspect = Buffer.prototype[customInspectSymbol]

Buffer.prototype.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target)
  if (arguments.length === 1) return binding.compare(this, target)
  if (targetStart === undefined) targetStart = 0
  else validateOffset(targetStart, 'targetStart')
  if (targetEnd === undefined) targetEnd = target.length
  else validateOffset(targetEnd, 'targetEnd', 0, target.length)
  if (sourceStart === undefined) sourceStart = 0
  else validateOffset(sourceStart, 'sourceStart')
  if (sourceEnd === undefined) sourceEnd = this.length
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length)
  if (sourceStart >= sourceEnd) return (targetStart >= targetEnd ? 0 : -1)
  if (targetStart >= targetEnd) return 1
  return binding.compareOffset(this, target, targetStart, sourceStart, targetEnd, sourceEnd)
}

function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  validateBuffer(buffer)
  if (typeof byteOffset === 'string') {
    encoding = byteOffset
    byteOffset = undefined
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000
  }
  byteOffset = +byteOffset
  if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength)
  dir = !!dir
  if (typeof val === 'number') return binding.indexOfNumber(buffer, val >>> 0, byteOffset, dir)
  let enc
  if (encoding === undefined) enc = 'utf8'
  else enc = getEncodingOps(encoding)
  if (typeof val === 'string') {
    if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding)
    switch (enc) {
      case 'utf8': case 'ucs2': case 'utf16le': case 'latin1':
        return binding.indexOfString(buffer, val, byteOffset, enc, dir)
    }
    return binding.indexOfBuffer(buffer, binding.fromString(val, enc), byteOffset, enc, dir)
  }
  if (isUint8Array(val)) return binding.indexOfBuffer(buffer, val, byteOffset, enc === undefined ? 'utf8' : enc, dir)
  throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], val)
}

Buffer.prototype.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true)
}
Buffer.prototype.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false)
}
Buffer.prototype.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1
}

Buffer.prototype.fill = function fill(value, offset, end, encoding) {
  return _fill(this, value, offset, end, encoding)
}

function _fill(buf, value, offset, end, encoding) {
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset
      offset = 0
      end = buf.length
    } else if (typeof end === 'string') {
      encoding = end
      end = buf.length
    }
    const normalizedEncoding = normalizeEncoding(encoding)
    if (normalizedEncoding === undefined) {
      validateString(encoding, 'encoding')
      throw new ERR_UNKNOWN_ENCODING(encoding)
    }
    if (value.length === 0) {
      value = 0
    } else if (value.length === 1) {
      if (normalizedEncoding === 'utf8') {
        const code = value.charCodeAt(0)
        if (code < 128) value = code
      } else if (normalizedEncoding === 'latin1') {
        value = value.charCodeAt(0)
      }
    }
    encoding = normalizedEncoding
  } else {
    encoding = undefined
  }
  if (offset === undefined) {
    offset = 0
    end = buf.length
  } else {
    validateOffset(offset, 'offset')
    if (end === undefined) end = buf.length
    else validateOffset(end, 'end', 0, buf.length)
    if (offset >= end) return buf
  }
  if (typeof value === 'number') {
    const byteLen = buf.byteLength
    const fillLength = end - offset
    if (offset > end || fillLength + offset > byteLen) throw new ERR_BUFFER_OUT_OF_BOUNDS()
    TypedArrayPrototypeFill.call(buf, value, offset, end)
  } else {
    const res = binding.fill(buf, value, offset, end, encoding)
    if (res < 0) {
      if (res === -1) throw new ERR_INVALID_ARG_VALUE('value', value)
      throw new ERR_BUFFER_OUT_OF_BOUNDS()
    }
  }
  return buf
}

Buffer.prototype.write = function write(string, offset, length, encoding) {
  if (offset === undefined) return binding.write(this, 'utf8', string, 0, this.length)
  if (length === undefined && typeof offset === 'string') {
    encoding = offset
    length = this.length
    offset = 0
  } else {
    validateOffset(offset, 'offset', 0, this.length)
    const remaining = this.length - offset
    if (length === undefined) {
      length = remaining
    } else if (typeof length === 'string') {
      encoding = length
      length = remaining
    } else {
      validateOffset(length, 'length', 0, this.length)
      if (length > remaining) length = remaining
    }
  }
  if (!encoding || encoding === 'utf8') return binding.write(this, 'utf8', string, offset, length)
  if (encoding === 'ascii') return binding.write(this, 'ascii', string, offset, length)
  const enc = getEncodingOps(encoding)
  if (enc === undefined) throw new ERR_UNKNOWN_ENCODING(encoding)
  return binding.write(this, enc, string, offset, length)
}

function adjustOffset(offset, length) {
  offset = Math.trunc(offset)
  if (offset === 0) return 0
  if (offset < 0) {
    offset += length
    return offset > 0 ? offset : 0
  }
  if (offset < length) return offset
  return Number.isNaN(offset) ? 0 : length
}

Buffer.prototype.subarray = function subarray(start, end) {
  const srcLength = this.length
  start = adjustOffset(start, srcLength)
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength
  const newLength = end > start ? end - start : 0
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength)
}

Buffer.prototype.slice = function slice(start, end) {
  return this.subarray(start, end)
}

Buffer.prototype.swap16 = function swap16() {
  if (this.length % 2 !== 0) throw new ERR_INVALID_BUFFER_SIZE('16-bits')
  return binding.swap(this, 2)
}
Buffer.prototype.swap32 = function swap32() {
  if (this.length % 4 !== 0) throw new ERR_INVALID_BUFFER_SIZE('32-bits')
  return binding.swap(this, 4)
}
Buffer.prototype.swap64 = function swap64() {
  if (this.length % 8 !== 0) throw new ERR_INVALID_BUFFER_SIZE('64-bits')
  return binding.swap(this, 8)
}

// The encoding-specific methods (buf.utf8Slice, buf.hexWrite ...), native in Node.
for (const enc of ['ascii', 'base64', 'base64url', 'latin1', 'hex', 'ucs2', 'utf8']) {
  Buffer.prototype[enc + 'Slice'] = function (start, end) { return binding.slice(this, enc, start, end) }
  Buffer.prototype[enc + 'Write'] = function (string, offset, length) { return binding.write(this, enc, string, offset, length) }
}

// Integer and float access, from lib/internal/buffer.js.
const float32Array = new Float32Array(1)
const uInt8Float32Array = new Uint8Array(float32Array.buffer)
const float64Array = new Float64Array(1)
const uInt8Float64Array = new Uint8Array(float64Array.buffer)

function checkBounds(buf, offset, byteLength) {
  validateNumber(offset, 'offset')
  if (buf[offset] === undefined || buf[offset + byteLength] === undefined) boundsError(offset, buf.length - (byteLength + 1))
}

function checkInt(value, min, max, buf, offset, byteLength) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : ''
    let range
    if (byteLength > 3) {
      if (min === 0 || min === 0n) {
        range = '>= 0' + n + ' and < 2' + n + ' ** ' + ((byteLength + 1) * 8) + n
      } else {
        range = '>= -(2' + n + ' ** ' + ((byteLength + 1) * 8 - 1) + n + ') and < 2' + n + ' ** ' + ((byteLength + 1) * 8 - 1) + n
      }
    } else {
      range = '>= ' + min + n + ' and <= ' + max + n
    }
    throw new ERR_OUT_OF_RANGE('value', range, value)
  }
  checkBounds(buf, offset, byteLength)
}

function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type)
    throw new ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value)
  }
  if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS()
  throw new ERR_OUT_OF_RANGE(type || 'offset', '>= ' + (type ? 1 : 0) + ' and <= ' + length, value)
}

function readBigUInt64LE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 7]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8)
  const lo = first + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 24
  const hi = this[++offset] + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + last * 2 ** 24
  return BigInt(lo) + (BigInt(hi) << 32n)
}

function readBigUInt64BE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 7]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8)
  const hi = first * 2 ** 24 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + this[++offset]
  const lo = this[++offset] * 2 ** 24 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + last
  return (BigInt(hi) << 32n) + BigInt(lo)
}

function readBigInt64LE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 7]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8)
  const val = this[offset + 4] + this[offset + 5] * 2 ** 8 + this[offset + 6] * 2 ** 16 + (last << 24)
  return (BigInt(val) << 32n) + BigInt(first + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 24)
}

function readBigInt64BE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 7]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8)
  const val = (first << 24) + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + this[++offset]
  return (BigInt(val) << 32n) + BigInt(this[++offset] * 2 ** 24 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + last)
}

function readUIntLE(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset)
  if (byteLength === 6) return readUInt48LE(this, offset)
  if (byteLength === 5) return readUInt40LE(this, offset)
  if (byteLength === 3) return readUInt24LE(this, offset)
  if (byteLength === 4) return this.readUInt32LE(offset)
  if (byteLength === 2) return this.readUInt16LE(offset)
  if (byteLength === 1) return this.readUInt8(offset)
  boundsError(byteLength, 6, 'byteLength')
}

function readUInt48LE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 5]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 6)
  return first + buf[++offset] * 2 ** 8 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 24 + (buf[++offset] + last * 2 ** 8) * 2 ** 32
}

function readUInt40LE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 4]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 5)
  return first + buf[++offset] * 2 ** 8 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 24 + last * 2 ** 32
}

function readUInt32LE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 3]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4)
  return first + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + last * 2 ** 24
}

function readUInt24LE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 2]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 3)
  return first + buf[++offset] * 2 ** 8 + last * 2 ** 16
}

function readUInt16LE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 1]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 2)
  return first + last * 2 ** 8
}

function readUInt8(offset = 0) {
  validateNumber(offset, 'offset')
  const val = this[offset]
  if (val === undefined) boundsError(offset, this.length - 1)
  return val
}

function readUIntBE(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset)
  if (byteLength === 6) return readUInt48BE(this, offset)
  if (byteLength === 5) return readUInt40BE(this, offset)
  if (byteLength === 3) return readUInt24BE(this, offset)
  if (byteLength === 4) return this.readUInt32BE(offset)
  if (byteLength === 2) return this.readUInt16BE(offset)
  if (byteLength === 1) return this.readUInt8(offset)
  boundsError(byteLength, 6, 'byteLength')
}

function readUInt48BE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 5]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 6)
  return (first * 2 ** 8 + buf[++offset]) * 2 ** 32 + buf[++offset] * 2 ** 24 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 8 + last
}

function readUInt40BE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 4]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 5)
  return first * 2 ** 32 + buf[++offset] * 2 ** 24 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 8 + last
}

function readUInt32BE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 3]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4)
  return first * 2 ** 24 + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + last
}

function readUInt24BE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 2]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 3)
  return first * 2 ** 16 + buf[++offset] * 2 ** 8 + last
}

function readUInt16BE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 1]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 2)
  return first * 2 ** 8 + last
}

function readIntLE(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset)
  if (byteLength === 6) return readInt48LE(this, offset)
  if (byteLength === 5) return readInt40LE(this, offset)
  if (byteLength === 3) return readInt24LE(this, offset)
  if (byteLength === 4) return this.readInt32LE(offset)
  if (byteLength === 2) return this.readInt16LE(offset)
  if (byteLength === 1) return this.readInt8(offset)
  boundsError(byteLength, 6, 'byteLength')
}

function readInt48LE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 5]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 6)
  const val = buf[offset + 4] + last * 2 ** 8
  return (val | (val & 2 ** 15) * 0x1fffe) * 2 ** 32 + first + buf[++offset] * 2 ** 8 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 24
}

function readInt40LE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 4]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 5)
  return (last | (last & 2 ** 7) * 0x1fffffe) * 2 ** 32 + first + buf[++offset] * 2 ** 8 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 24
}

function readInt32LE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 3]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4)
  return first + this[++offset] * 2 ** 8 + this[++offset] * 2 ** 16 + (last << 24)
}

function readInt24LE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 2]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 3)
  const val = first + buf[++offset] * 2 ** 8 + last * 2 ** 16
  return val | (val & 2 ** 23) * 0x1fe
}

function readInt16LE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 1]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 2)
  const val = first + last * 2 ** 8
  return val | (val & 2 ** 15) * 0x1fffe
}

function readInt8(offset = 0) {
  validateNumber(offset, 'offset')
  const val = this[offset]
  if (val === undefined) boundsError(offset, this.length - 1)
  return val | (val & 2 ** 7) * 0x1fffffe
}

function readIntBE(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset)
  if (byteLength === 6) return readInt48BE(this, offset)
  if (byteLength === 5) return readInt40BE(this, offset)
  if (byteLength === 3) return readInt24BE(this, offset)
  if (byteLength === 4) return this.readInt32BE(offset)
  if (byteLength === 2) return this.readInt16BE(offset)
  if (byteLength === 1) return this.readInt8(offset)
  boundsError(byteLength, 6, 'byteLength')
}

function readInt48BE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 5]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 6)
  const val = buf[++offset] + first * 2 ** 8
  return (val | (val & 2 ** 15) * 0x1fffe) * 2 ** 32 + buf[++offset] * 2 ** 24 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 8 + last
}

function readInt40BE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 4]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 5)
  return (first | (first & 2 ** 7) * 0x1fffffe) * 2 ** 32 + buf[++offset] * 2 ** 24 + buf[++offset] * 2 ** 16 + buf[++offset] * 2 ** 8 + last
}

function readInt32BE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 3]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4)
  return (first << 24) + this[++offset] * 2 ** 16 + this[++offset] * 2 ** 8 + last
}

function readInt24BE(buf, offset = 0) {
  validateNumber(offset, 'offset')
  const first = buf[offset]
  const last = buf[offset + 2]
  if (first === undefined || last === undefined) boundsError(offset, buf.length - 3)
  const val = first * 2 ** 16 + buf[++offset] * 2 ** 8 + last
  return val | (val & 2 ** 23) * 0x1fe
}

function readInt16BE(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 1]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 2)
  const val = first * 2 ** 8 + last
  return val | (val & 2 ** 15) * 0x1fffe
}

function readFloatBackwards(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 3]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4)
  uInt8Float32Array[3] = first
  uInt8Float32Array[2] = this[++offset]
  uInt8Float32Array[1] = this[++offset]
  uInt8Float32Array[0] = last
  return float32Array[0]
}

function readFloatForwards(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 3]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 4)
  uInt8Float32Array[0] = first
  uInt8Float32Array[1] = this[++offset]
  uInt8Float32Array[2] = this[++offset]
  uInt8Float32Array[3] = last
  return float32Array[0]
}

function readDoubleBackwards(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 7]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8)
  uInt8Float64Array[7] = first
  uInt8Float64Array[6] = this[++offset]
  uInt8Float64Array[5] = this[++offset]
  uInt8Float64Array[4] = this[++offset]
  uInt8Float64Array[3] = this[++offset]
  uInt8Float64Array[2] = this[++offset]
  uInt8Float64Array[1] = this[++offset]
  uInt8Float64Array[0] = last
  return float64Array[0]
}

function readDoubleForwards(offset = 0) {
  validateNumber(offset, 'offset')
  const first = this[offset]
  const last = this[offset + 7]
  if (first === undefined || last === undefined) boundsError(offset, this.length - 8)
  uInt8Float64Array[0] = first
  uInt8Float64Array[1] = this[++offset]
  uInt8Float64Array[2] = this[++offset]
  uInt8Float64Array[3] = this[++offset]
  uInt8Float64Array[4] = this[++offset]
  uInt8Float64Array[5] = this[++offset]
  uInt8Float64Array[6] = this[++offset]
  uInt8Float64Array[7] = last
  return float64Array[0]
}

function writeBigU_Int64LE(buf, value, offset, min, max) {
  checkInt(value, min, max, buf, offset, 7)
  let lo = Number(value & 0xffffffffn)
  buf[offset++] = lo
  lo = lo >> 8
  buf[offset++] = lo
  lo = lo >> 8
  buf[offset++] = lo
  lo = lo >> 8
  buf[offset++] = lo
  let hi = Number(value >> 32n & 0xffffffffn)
  buf[offset++] = hi
  hi = hi >> 8
  buf[offset++] = hi
  hi = hi >> 8
  buf[offset++] = hi
  hi = hi >> 8
  buf[offset++] = hi
  return offset
}

function writeBigUInt64LE(value, offset = 0) {
  return writeBigU_Int64LE(this, value, offset, 0n, 0xffffffffffffffffn)
}

function writeBigU_Int64BE(buf, value, offset, min, max) {
  checkInt(value, min, max, buf, offset, 7)
  let lo = Number(value & 0xffffffffn)
  buf[offset + 7] = lo
  lo = lo >> 8
  buf[offset + 6] = lo
  lo = lo >> 8
  buf[offset + 5] = lo
  lo = lo >> 8
  buf[offset + 4] = lo
  let hi = Number(value >> 32n & 0xffffffffn)
  buf[offset + 3] = hi
  hi = hi >> 8
  buf[offset + 2] = hi
  hi = hi >> 8
  buf[offset + 1] = hi
  hi = hi >> 8
  buf[offset] = hi
  return offset + 8
}

function writeBigUInt64BE(value, offset = 0) {
  return writeBigU_Int64BE(this, value, offset, 0n, 0xffffffffffffffffn)
}

function writeBigInt64LE(value, offset = 0) {
  return writeBigU_Int64LE(this, value, offset, -0x8000000000000000n, 0x7fffffffffffffffn)
}

function writeBigInt64BE(value, offset = 0) {
  return writeBigU_Int64BE(this, value, offset, -0x8000000000000000n, 0x7fffffffffffffffn)
}

function writeUIntLE(value, offset, byteLength) {
  if (byteLength === 6) return writeU_Int48LE(this, value, offset, 0, 0xffffffffffff)
  if (byteLength === 5) return writeU_Int40LE(this, value, offset, 0, 0xffffffffff)
  if (byteLength === 3) return writeU_Int24LE(this, value, offset, 0, 0xffffff)
  if (byteLength === 4) return writeU_Int32LE(this, value, offset, 0, 0xffffffff)
  if (byteLength === 2) return writeU_Int16LE(this, value, offset, 0, 0xffff)
  if (byteLength === 1) return writeU_Int8(this, value, offset, 0, 0xff)
  boundsError(byteLength, 6, 'byteLength')
}

function writeU_Int48LE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 5)
  const newVal = Math.floor(value * 2 ** -32)
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  buf[offset++] = newVal
  buf[offset++] = (newVal >>> 8)
  return offset
}

function writeU_Int40LE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 4)
  const newVal = value
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  buf[offset++] = Math.floor(newVal * 2 ** -32)
  return offset
}

function writeU_Int32LE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 3)
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  return offset
}

function writeUInt32LE(value, offset = 0) {
  return writeU_Int32LE(this, value, offset, 0, 0xffffffff)
}

function writeU_Int24LE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 2)
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  value = value >>> 8
  buf[offset++] = value
  return offset
}

function writeU_Int16LE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 1)
  buf[offset++] = value
  buf[offset++] = (value >>> 8)
  return offset
}

function writeUInt16LE(value, offset = 0) {
  return writeU_Int16LE(this, value, offset, 0, 0xffff)
}

function writeU_Int8(buf, value, offset, min, max) {
  value = +value
  validateNumber(offset, 'offset')
  if (value > max || value < min) throw new ERR_OUT_OF_RANGE('value', '>= ' + min + ' and <= ' + max, value)
  if (buf[offset] === undefined) boundsError(offset, buf.length - 1)
  buf[offset] = value
  return offset + 1
}

function writeUInt8(value, offset = 0) {
  return writeU_Int8(this, value, offset, 0, 0xff)
}

function writeUIntBE(value, offset, byteLength) {
  if (byteLength === 6) return writeU_Int48BE(this, value, offset, 0, 0xffffffffffff)
  if (byteLength === 5) return writeU_Int40BE(this, value, offset, 0, 0xffffffffff)
  if (byteLength === 3) return writeU_Int24BE(this, value, offset, 0, 0xffffff)
  if (byteLength === 4) return writeU_Int32BE(this, value, offset, 0, 0xffffffff)
  if (byteLength === 2) return writeU_Int16BE(this, value, offset, 0, 0xffff)
  if (byteLength === 1) return writeU_Int8(this, value, offset, 0, 0xff)
  boundsError(byteLength, 6, 'byteLength')
}

function writeU_Int48BE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 5)
  const newVal = Math.floor(value * 2 ** -32)
  buf[offset++] = (newVal >>> 8)
  buf[offset++] = newVal
  buf[offset + 3] = value
  value = value >>> 8
  buf[offset + 2] = value
  value = value >>> 8
  buf[offset + 1] = value
  value = value >>> 8
  buf[offset] = value
  return offset + 4
}

function writeU_Int40BE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 4)
  buf[offset++] = Math.floor(value * 2 ** -32)
  buf[offset + 3] = value
  value = value >>> 8
  buf[offset + 2] = value
  value = value >>> 8
  buf[offset + 1] = value
  value = value >>> 8
  buf[offset] = value
  return offset + 4
}

function writeU_Int32BE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 3)
  buf[offset + 3] = value
  value = value >>> 8
  buf[offset + 2] = value
  value = value >>> 8
  buf[offset + 1] = value
  value = value >>> 8
  buf[offset] = value
  return offset + 4
}

function writeUInt32BE(value, offset = 0) {
  return writeU_Int32BE(this, value, offset, 0, 0xffffffff)
}

function writeU_Int24BE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 2)
  buf[offset + 2] = value
  value = value >>> 8
  buf[offset + 1] = value
  value = value >>> 8
  buf[offset] = value
  return offset + 3
}

function writeU_Int16BE(buf, value, offset, min, max) {
  value = +value
  checkInt(value, min, max, buf, offset, 1)
  buf[offset++] = (value >>> 8)
  buf[offset++] = value
  return offset
}

function writeUInt16BE(value, offset = 0) {
  return writeU_Int16BE(this, value, offset, 0, 0xffff)
}

function writeIntLE(value, offset, byteLength) {
  if (byteLength === 6) return writeU_Int48LE(this, value, offset, -0x800000000000, 0x7fffffffffff)
  if (byteLength === 5) return writeU_Int40LE(this, value, offset, -0x8000000000, 0x7fffffffff)
  if (byteLength === 3) return writeU_Int24LE(this, value, offset, -0x800000, 0x7fffff)
  if (byteLength === 4) return writeU_Int32LE(this, value, offset, -0x80000000, 0x7fffffff)
  if (byteLength === 2) return writeU_Int16LE(this, value, offset, -0x8000, 0x7fff)
  if (byteLength === 1) return writeU_Int8(this, value, offset, -0x80, 0x7f)
  boundsError(byteLength, 6, 'byteLength')
}

function writeInt32LE(value, offset = 0) {
  return writeU_Int32LE(this, value, offset, -0x80000000, 0x7fffffff)
}

function writeInt16LE(value, offset = 0) {
  return writeU_Int16LE(this, value, offset, -0x8000, 0x7fff)
}

function writeInt8(value, offset = 0) {
  return writeU_Int8(this, value, offset, -0x80, 0x7f)
}

function writeIntBE(value, offset, byteLength) {
  if (byteLength === 6) return writeU_Int48BE(this, value, offset, -0x800000000000, 0x7fffffffffff)
  if (byteLength === 5) return writeU_Int40BE(this, value, offset, -0x8000000000, 0x7fffffffff)
  if (byteLength === 3) return writeU_Int24BE(this, value, offset, -0x800000, 0x7fffff)
  if (byteLength === 4) return writeU_Int32BE(this, value, offset, -0x80000000, 0x7fffffff)
  if (byteLength === 2) return writeU_Int16BE(this, value, offset, -0x8000, 0x7fff)
  if (byteLength === 1) return writeU_Int8(this, value, offset, -0x80, 0x7f)
  boundsError(byteLength, 6, 'byteLength')
}

function writeInt32BE(value, offset = 0) {
  return writeU_Int32BE(this, value, offset, -0x80000000, 0x7fffffff)
}

function writeInt16BE(value, offset = 0) {
  return writeU_Int16BE(this, value, offset, -0x8000, 0x7fff)
}

function writeDoubleForwards(val, offset = 0) {
  val = +val
  checkBounds(this, offset, 7)
  float64Array[0] = val
  for (let i = 0; i < 8; i++) this[offset++] = uInt8Float64Array[i]
  return offset
}

function writeDoubleBackwards(val, offset = 0) {
  val = +val
  checkBounds(this, offset, 7)
  float64Array[0] = val
  for (let i = 7; i >= 0; i--) this[offset++] = uInt8Float64Array[i]
  return offset
}

function writeFloatForwards(val, offset = 0) {
  val = +val
  checkBounds(this, offset, 3)
  float32Array[0] = val
  for (let i = 0; i < 4; i++) this[offset++] = uInt8Float32Array[i]
  return offset
}

function writeFloatBackwards(val, offset = 0) {
  val = +val
  checkBounds(this, offset, 3)
  float32Array[0] = val
  for (let i = 3; i >= 0; i--) this[offset++] = uInt8Float32Array[i]
  return offset
}

const proto = Buffer.prototype
proto.readBigUInt64LE = readBigUInt64LE
proto.readBigUInt64BE = readBigUInt64BE
proto.readBigUint64LE = readBigUInt64LE
proto.readBigUint64BE = readBigUInt64BE
proto.readBigInt64LE = readBigInt64LE
proto.readBigInt64BE = readBigInt64BE
proto.writeBigUInt64LE = writeBigUInt64LE
proto.writeBigUInt64BE = writeBigUInt64BE
proto.writeBigUint64LE = writeBigUInt64LE
proto.writeBigUint64BE = writeBigUInt64BE
proto.writeBigInt64LE = writeBigInt64LE
proto.writeBigInt64BE = writeBigInt64BE
proto.readUIntLE = readUIntLE
proto.readUInt32LE = readUInt32LE
proto.readUInt16LE = readUInt16LE
proto.readUInt8 = readUInt8
proto.readUIntBE = readUIntBE
proto.readUInt32BE = readUInt32BE
proto.readUInt16BE = readUInt16BE
proto.readUintLE = readUIntLE
proto.readUint32LE = readUInt32LE
proto.readUint16LE = readUInt16LE
proto.readUint8 = readUInt8
proto.readUintBE = readUIntBE
proto.readUint32BE = readUInt32BE
proto.readUint16BE = readUInt16BE
proto.readIntLE = readIntLE
proto.readInt32LE = readInt32LE
proto.readInt16LE = readInt16LE
proto.readInt8 = readInt8
proto.readIntBE = readIntBE
proto.readInt32BE = readInt32BE
proto.readInt16BE = readInt16BE
proto.writeUIntLE = writeUIntLE
proto.writeUInt32LE = writeUInt32LE
proto.writeUInt16LE = writeUInt16LE
proto.writeUInt8 = writeUInt8
proto.writeUIntBE = writeUIntBE
proto.writeUInt32BE = writeUInt32BE
proto.writeUInt16BE = writeUInt16BE
proto.writeUintLE = writeUIntLE
proto.writeUint32LE = writeUInt32LE
proto.writeUint16LE = writeUInt16LE
proto.writeUint8 = writeUInt8
proto.writeUintBE = writeUIntBE
proto.writeUint32BE = writeUInt32BE
proto.writeUint16BE = writeUInt16BE
proto.writeIntLE = writeIntLE
proto.writeInt32LE = writeInt32LE
proto.writeInt16LE = writeInt16LE
proto.writeInt8 = writeInt8
proto.writeIntBE = writeIntBE
proto.writeInt32BE = writeInt32BE
proto.writeInt16BE = writeInt16BE
proto.readFloatLE = readFloatForwards
proto.readFloatBE = readFloatBackwards
proto.readDoubleLE = readDoubleForwards
proto.readDoubleBE = readDoubleBackwards
proto.writeFloatLE = writeFloatForwards
proto.writeFloatBE = writeFloatBackwards
proto.writeDoubleLE = writeDoubleForwards
proto.writeDoubleBE = writeDoubleBackwards

return {
  Buffer, FastBuffer, kMaxLength, kStringMaxLength, normalizeEncoding, isUint8Array, isTypedArray,
  isAnyArrayBuffer,
  get INSPECT_MAX_BYTES() { return INSPECT_MAX_BYTES },
}
})`
