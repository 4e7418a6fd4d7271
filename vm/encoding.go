package vm

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"

	"github.com/plugchain/plugchain/internal/wutf8"
)

// TextEncoder, TextDecoder, atob, btoa and DOMException as Node 20 has them: the classes are
// ports of lib/internal/encoding.js, lib/internal/per_context/domexception.js and the
// atob/btoa of lib/buffer.js (MIT licence, Node.js contributors); encoding and decoding run in
// Go. As in Node, the UTF-8 and windows-1252 decoders take a fast path until a decoder is
// used with {stream: true}, and the fast windows-1252 path decodes as ISO-8859-1.

// Internal modules holding one instance's DOMException class and text coding classes (see
// bufferRealmModule); each is built when first used.
const (
	domExceptionModule = "\x00plugchain/domexception"
	textCodingModule   = "\x00plugchain/textcoding"
)

func init() {
	registerModule(domExceptionModule, func(in *Instance) (goja.Value, error) {
		fn, err := in.rt.RunProgram(domExceptionProgram())
		if err != nil {
			return nil, err
		}
		build, _ := goja.AssertFunction(fn)
		v, err := build(goja.Undefined(), in.nodeErrors())
		if err != nil {
			return nil, err
		}
		ctor := v.(*goja.Object)
		proto := ctor.Get("prototype").(*goja.Object)
		for i, name := range domExceptionConstants {
			if name == "" {
				continue
			}
			code := in.rt.ToValue(i + 1)
			_ = ctor.DefineDataProperty(name, code, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
			_ = proto.DefineDataProperty(name, code, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		}
		return ctor, nil
	})
	registerModule(textCodingModule, func(in *Instance) (goja.Value, error) {
		fn, err := in.rt.RunProgram(textCodingProgram())
		if err != nil {
			return nil, err
		}
		build, _ := goja.AssertFunction(fn)
		return build(goja.Undefined(), in.encodingBinding(), in.nodeErrors())
	})
	registerGlobal("DOMException", func(in *Instance) (goja.Value, error) {
		v, _ := in.requireModule(domExceptionModule)
		return v, nil
	})
	for _, name := range []string{"TextEncoder", "TextDecoder"} {
		name := name
		registerGlobal(name, func(in *Instance) (goja.Value, error) {
			v, _ := in.requireModule(textCodingModule)
			return v.(*goja.Object).Get(name), nil
		})
	}
	registerGlobal("atob", func(in *Instance) (goja.Value, error) {
		return in.globalFunc("atob", 1, in.atob), nil
	})
	registerGlobal("btoa", func(in *Instance) (goja.Value, error) {
		return in.globalFunc("btoa", 1, in.btoa), nil
	})
}

// domExceptionConstants are DOMException's legacy code constants, by code minus one.
var domExceptionConstants = [...]string{
	"INDEX_SIZE_ERR", "DOMSTRING_SIZE_ERR", "HIERARCHY_REQUEST_ERR", "WRONG_DOCUMENT_ERR",
	"INVALID_CHARACTER_ERR", "NO_DATA_ALLOWED_ERR", "NO_MODIFICATION_ALLOWED_ERR", "NOT_FOUND_ERR",
	"NOT_SUPPORTED_ERR", "INUSE_ATTRIBUTE_ERR", "INVALID_STATE_ERR", "SYNTAX_ERR",
	"INVALID_MODIFICATION_ERR", "NAMESPACE_ERR", "INVALID_ACCESS_ERR", "VALIDATION_ERR",
	"TYPE_MISMATCH_ERR", "SECURITY_ERR", "NETWORK_ERR", "ABORT_ERR", "URL_MISMATCH_ERR",
	"QUOTA_EXCEEDED_ERR", "TIMEOUT_ERR", "INVALID_NODE_TYPE_ERR", "DATA_CLONE_ERR",
}

// globalFunc makes a Go function a JavaScript function with the name and length Node's has.
func (in *Instance) globalFunc(name string, length int, f func(goja.FunctionCall) goja.Value) *goja.Object {
	fn := in.rt.ToValue(f).(*goja.Object)
	_ = fn.DefineDataProperty("name", in.rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = fn.DefineDataProperty("length", in.rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return fn
}

// btoa is Node's btoa (lib/buffer.js): Latin-1 text to base64.
func (in *Instance) btoa(c goja.FunctionCall) goja.Value {
	if len(c.Arguments) == 0 {
		panic(in.codedError("ERR_MISSING_ARGS", "input"))
	}
	s := in.templateString(c.Argument(0))
	n := s.Length()
	raw := make([]byte, n)
	for i := 0; i < n; i++ {
		u := s.CharAt(i)
		if u > 0xFF {
			panic(in.newDOMException("Invalid character", "InvalidCharacterError"))
		}
		raw[i] = byte(u)
	}
	return in.rt.ToValue(base64.StdEncoding.EncodeToString(raw))
}

// atob is Node's atob (lib/buffer.js): base64 to Latin-1 text.
func (in *Instance) atob(c goja.FunctionCall) goja.Value {
	if len(c.Arguments) == 0 {
		panic(in.codedError("ERR_MISSING_ARGS", "input"))
	}
	out, code := forgivingBase64Decode(in.templateString(c.Argument(0)))
	switch code {
	case -2:
		panic(in.newDOMException("Invalid character", "InvalidCharacterError"))
	case -1:
		panic(in.newDOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError"))
	}
	units := make([]uint16, len(out))
	for i, x := range out {
		units[i] = uint16(x)
	}
	return goja.StringFromUTF16(units)
}

// templateString is what a template literal makes of v: ToString, which throws for symbols.
func (in *Instance) templateString(v goja.Value) goja.String {
	if _, ok := v.(*goja.Symbol); ok {
		panic(in.rt.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return bufJSString(v)
}

// newDOMException builds a DOMException (for errors Go code throws, such as DataCloneError).
func (in *Instance) newDOMException(message, name string) *goja.Object {
	ctor, _ := in.requireModule(domExceptionModule)
	obj, err := in.rt.New(ctor.(*goja.Object), in.rt.ToValue(message), in.rt.ToValue(name))
	if err != nil {
		panic(err)
	}
	return obj
}

// textDecoder is the state of one TextDecoder.
type textDecoder struct {
	enc       string // the WHATWG name of the encoding
	fatal     bool
	ignoreBOM bool
	// fast is Node's fast path (UTF-8 or windows-1252 read as ISO-8859-1), left for good by
	// the first streaming decode.
	fast    bool
	pending []byte // bytes of an incomplete sequence, between streaming calls
	bomSeen bool   // the stream produced output, so a BOM is no longer stripped
	codec   transform.Transformer
}

// The dynamic-object methods hide the decoder's state from JavaScript.
func (*textDecoder) Get(string) goja.Value       { return nil }
func (*textDecoder) Set(string, goja.Value) bool { return false }
func (*textDecoder) Has(string) bool             { return false }
func (*textDecoder) Delete(string) bool          { return false }
func (*textDecoder) Keys() []string              { return nil }

// encodingForLabel returns the WHATWG name of the encoding a label names ("" if none).
func encodingForLabel(label string) string {
	l := strings.ToLower(strings.Trim(label, "\t\n\f\r "))
	switch l {
	case "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8":
		return "utf-8"
	case "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le":
		return "utf-16le"
	case "unicodefffe", "utf-16be":
		return "utf-16be"
	}
	e, err := htmlindex.Get(l)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return ""
	}
	return name
}

func (in *Instance) encodingBinding() *goja.Object {
	rt := in.rt
	o := rt.NewObject()
	set := func(name string, f func(goja.FunctionCall) goja.Value) { _ = o.Set(name, f) }
	u8 := rt.Get("Uint8Array").(*goja.Object)
	newU8 := func(b []byte) goja.Value {
		v, err := rt.New(u8, rt.ToValue(rt.NewArrayBuffer(b)))
		if err != nil {
			panic(err)
		}
		return v
	}
	set("encodeUtf8", func(c goja.FunctionCall) goja.Value {
		return newU8([]byte(c.Argument(0).String()))
	})
	set("encodeInto", func(c goja.FunctionCall) goja.Value {
		dst, _ := in.bytesOf(c.Argument(1))
		s := bufJSString(c.Argument(0))
		read, written := 0, 0
		n := s.Length()
		for read < n {
			r := rune(s.CharAt(read))
			units := 1
			if r >= 0xD800 && r <= 0xDBFF && read+1 < n {
				if lo := rune(s.CharAt(read + 1)); lo >= 0xDC00 && lo <= 0xDFFF {
					r = (r-0xD800)<<10 + (lo - 0xDC00) + 0x10000
					units = 2
				}
			}
			if r >= 0xD800 && r <= 0xDFFF {
				r = utf8.RuneError
			}
			l := utf8.RuneLen(r)
			if written+l > len(dst) {
				break
			}
			utf8.EncodeRune(dst[written:], r)
			written += l
			read += units
		}
		res := rt.NewObject()
		_ = res.Set("read", read)
		_ = res.Set("written", written)
		return res
	})
	set("encodingForLabel", func(c goja.FunctionCall) goja.Value {
		if e := encodingForLabel(c.Argument(0).String()); e != "" {
			return rt.ToValue(e)
		}
		return goja.Undefined()
	})
	set("newDecoder", func(c goja.FunctionCall) goja.Value {
		d := &textDecoder{enc: c.Argument(0).String(), fatal: c.Argument(1).ToBoolean(), ignoreBOM: c.Argument(2).ToBoolean()}
		d.fast = d.enc == "utf-8" || d.enc == "windows-1252"
		if d.enc != "utf-8" && d.enc != "utf-16le" && d.enc != "utf-16be" {
			e, err := htmlindex.Get(d.enc)
			if err != nil || d.enc == "replacement" || d.enc == "x-user-defined" {
				return goja.Undefined()
			}
			d.codec = e.NewDecoder()
		}
		return rt.NewDynamicObject(d)
	})
	set("decode", func(c goja.FunctionCall) goja.Value {
		d := c.Argument(0).(*goja.Object).Export().(*textDecoder)
		input := c.Argument(1)
		b, ok := in.bytesOf(input)
		if !ok {
			// Node's fast path and its ICU path word this differently.
			arg := "input"
			if d.fast && !c.Argument(2).ToBoolean() {
				arg = "list"
			}
			panic(in.codedError("ERR_INVALID_ARG_TYPE_PLAIN", "The \""+arg+"\" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView."))
		}
		s, ok := d.decode(b, c.Argument(2).ToBoolean())
		if !ok {
			panic(in.codedError("ERR_ENCODING_INVALID_ENCODED_DATA_PLAIN", d.enc))
		}
		return s
	})
	return o
}

// forgivingBase64Decode is atob's decoding as Node's simdutf does it; a non-zero code is
// Node's error: -2 an invalid character (or padding that does not fit), -1 a length that
// cannot be base64.
func forgivingBase64Decode(s goja.String) ([]byte, int) {
	n := s.Length()
	data := make([]byte, 0, n)
	for i := 0; i < n; i++ {
		u := s.CharAt(i)
		switch u {
		case '\t', '\n', '\f', '\r', ' ':
			continue
		}
		if u > 0x7F {
			return nil, -2
		}
		data = append(data, byte(u))
	}
	pad := 0
	for pad < 2 && len(data) > 0 && data[len(data)-1] == '=' {
		data = data[:len(data)-1]
		pad++
	}
	if len(data) == 0 {
		if pad > 0 {
			return nil, -2
		}
		return []byte{}, 0
	}
	for _, c := range data {
		if c == '-' || c == '_' || bufUnbase64[c] == 255 {
			return nil, -2
		}
	}
	if len(data)%4 == 1 {
		return nil, -1
	}
	d := base64Decoder{out: make([]byte, 0, len(data)*3/4)}
	for _, c := range data {
		d.add(bufUnbase64[c])
	}
	out := d.finish()
	if pad > 0 && (len(out)%3 == 0 || len(out)%3+1+pad != 4) {
		return nil, -2
	}
	return out, 0
}

// decode decodes b, keeping an incomplete sequence at its end for the next call when stream
// is set; it reports false on invalid data in fatal mode.
func (d *textDecoder) decode(b []byte, stream bool) (goja.Value, bool) {
	if d.fast && !stream {
		if d.enc == "windows-1252" {
			units := make([]uint16, len(b))
			for i, x := range b {
				units[i] = uint16(x)
			}
			return goja.StringFromUTF16(units), true
		}
		if !d.ignoreBOM && len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
			b = b[3:]
		}
		if d.fatal && !utf8.Valid(b) {
			return nil, false
		}
		return utf8String(wutf8.String(b)), true
	}
	d.fast = false
	data := b
	if len(d.pending) > 0 {
		data = append(append([]byte(nil), d.pending...), b...)
	}
	d.pending = nil
	var units []uint16
	ok := true
	switch d.enc {
	case "utf-8":
		var s string
		s, d.pending, ok = decodeUTF8Stream(data, !stream, d.fatal)
		units = utf16Units(s)
	case "utf-16le", "utf-16be":
		units, d.pending, ok = decodeUTF16Stream(data, d.enc == "utf-16be", !stream, d.fatal)
	default:
		var s string
		s, d.pending = d.transform(data, !stream)
		if d.fatal && strings.ContainsRune(s, utf8.RuneError) {
			ok = false
		}
		units = utf16Units(s)
	}
	if !ok {
		d.reset()
		return nil, false
	}
	if len(units) > 0 && !d.bomSeen {
		if !d.ignoreBOM && units[0] == 0xFEFF && (d.enc == "utf-8" || d.enc == "utf-16le" || d.enc == "utf-16be") {
			units = units[1:]
		}
		d.bomSeen = true
	}
	if !stream {
		d.reset()
	}
	return goja.StringFromUTF16(units), true
}

func (d *textDecoder) reset() {
	d.pending = nil
	d.bomSeen = false
	if d.codec != nil {
		d.codec.Reset()
	}
}

// transform runs a legacy decoder from golang.org/x/text over data.
func (d *textDecoder) transform(data []byte, flush bool) (string, []byte) {
	var out []byte
	dst := make([]byte, 4*len(data)+16)
	for {
		nDst, nSrc, err := d.codec.Transform(dst, data, flush)
		out = append(out, dst[:nDst]...)
		data = data[nSrc:]
		switch err {
		case transform.ErrShortDst:
			continue
		case transform.ErrShortSrc:
			return string(out), append([]byte(nil), data...)
		}
		if err != nil {
			return string(out) + "\uFFFD", nil
		}
		return string(out), nil
	}
}

// utf8String converts valid UTF-8 to a JavaScript string value.
func utf8String(s string) goja.Value {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return goja.StringFromUTF16(utf16Units(s))
		}
	}
	return goja.StringFromUTF16(asciiUnits(s))
}

func asciiUnits(s string) []uint16 {
	u := make([]uint16, len(s))
	for i := 0; i < len(s); i++ {
		u[i] = uint16(s[i])
	}
	return u
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s))
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			u = append(u, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			u = append(u, uint16(r))
		}
	}
	return u
}

// decodeUTF8Stream decodes UTF-8 as the WHATWG Encoding Standard does; without flush, an
// incomplete sequence at the end is returned to be completed by the next call.
func decodeUTF8Stream(b []byte, flush, fatal bool) (string, []byte, bool) {
	var sb strings.Builder
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			sb.WriteByte(c)
			i++
			continue
		}
		n := wutf8.SeqLen(b[i:])
		if n > 0 {
			sb.Write(b[i : i+n])
			i += n
			continue
		}
		// A valid lead byte whose sequence the data ends in the middle of waits for more.
		if i-n >= len(b) && !flush && c >= 0xC2 && c <= 0xF4 {
			return sb.String(), append([]byte(nil), b[i:]...), true
		}
		if fatal {
			return "", nil, false
		}
		sb.WriteString("\uFFFD")
		i += -n
	}
	return sb.String(), nil, true
}

// decodeUTF16Stream is the WHATWG UTF-16 decoder over data.
func decodeUTF16Stream(data []byte, bigEndian, flush, fatal bool) ([]uint16, []byte, bool) {
	out := make([]uint16, 0, len(data)/2)
	i := 0
	for i+1 < len(data) {
		cu := uint16(data[i]) | uint16(data[i+1])<<8
		if bigEndian {
			cu = uint16(data[i])<<8 | uint16(data[i+1])
		}
		switch {
		case cu >= 0xD800 && cu <= 0xDBFF:
			if i+3 >= len(data) {
				if !flush {
					return out, append([]byte(nil), data[i:]...), true
				}
				if fatal {
					return nil, nil, false
				}
				out = append(out, 0xFFFD)
				return out, nil, true
			}
			lo := uint16(data[i+2]) | uint16(data[i+3])<<8
			if bigEndian {
				lo = uint16(data[i+2])<<8 | uint16(data[i+3])
			}
			if lo >= 0xDC00 && lo <= 0xDFFF {
				out = append(out, cu, lo)
				i += 4
				continue
			}
			if fatal {
				return nil, nil, false
			}
			out = append(out, 0xFFFD)
			i += 2
		case cu >= 0xDC00 && cu <= 0xDFFF:
			if fatal {
				return nil, nil, false
			}
			out = append(out, 0xFFFD)
			i += 2
		default:
			out = append(out, cu)
			i += 2
		}
	}
	if i < len(data) {
		if !flush {
			return out, append([]byte(nil), data[i:]...), true
		}
		if fatal {
			return nil, nil, false
		}
		out = append(out, 0xFFFD)
	}
	return out, nil, true
}

var domExceptionProgram = builtinProgram("plugchain:domexception", domExceptionSource)

// domExceptionSource is Node 20's DOMException (lib/internal/per_context/domexception.js).
const domExceptionSource = `(function (errors) {
'use strict'
const { toStr } = errors

// lib/internal/per_context/domexception.js
function throwInvalidThisError(Base, type) {
  const err = new Base()
  const key = 'ERR_INVALID_THIS'
  Object.defineProperties(err, {
    message: { __proto__: null, value: 'Value of "this" must be of ' + type, enumerable: false, writable: true, configurable: true },
    toString: { __proto__: null, value() { return this.name + ' [' + key + ']: ' + this.message }, enumerable: false, writable: true, configurable: true },
  })
  err.code = key
  throw err
}

// The codes of the names that have one (getters read them; the constants are defined from Go).
const nameToCode = {
  __proto__: null,
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
  InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
  InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
  URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24,
  DataCloneError: 25,
}

class DOMException {
  #internals

  constructor(message = '', options = 'Error') {
    if (options && typeof options === 'object') {
      this.#internals = { message: toStr(message), name: toStr(options.name) }
      if ('cause' in options) {
        Object.defineProperty(this, 'cause', { __proto__: null, value: options.cause, configurable: true, writable: true, enumerable: false })
      }
    } else {
      this.#internals = { message: toStr(message), name: toStr(options) }
    }
    const stack = new Error().stack
    const at = typeof stack === 'string' ? stack.indexOf('\n') : -1
    Object.defineProperty(this, 'stack', {
      __proto__: null,
      value: this.#internals.name + ': ' + this.#internals.message + (at === -1 ? '' : stack.slice(at)),
      configurable: true, writable: true, enumerable: false,
    })
  }

  get name() {
    if (this === null || typeof this !== 'object' || !(#internals in this)) throwInvalidThisError(TypeError, 'DOMException')
    return this.#internals.name
  }

  get message() {
    if (this === null || typeof this !== 'object' || !(#internals in this)) throwInvalidThisError(TypeError, 'DOMException')
    return this.#internals.message
  }

  get code() {
    if (this === null || typeof this !== 'object' || !(#internals in this)) throwInvalidThisError(TypeError, 'DOMException')
    const code = nameToCode[this.#internals.name]
    return code === undefined ? 0 : code
  }
}

Object.setPrototypeOf(DOMException.prototype, Error.prototype)
Object.defineProperties(DOMException.prototype, {
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'DOMException' },
  name: { __proto__: null, enumerable: true, configurable: true },
  message: { __proto__: null, enumerable: true, configurable: true },
  code: { __proto__: null, enumerable: true, configurable: true },
})

return DOMException
})`

var textCodingProgram = builtinProgram("plugchain:textcoding", textCodingSource)

// textCodingSource is Node 20's TextEncoder and TextDecoder (lib/internal/encoding.js).
const textCodingSource = `(function (binding, errors) {
'use strict'
const { ERR_ENCODING_NOT_SUPPORTED, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS } = errors.codes
const { validateString, validateObject, toStr, getTypedArrayTag } = errors
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')
const kEnumerableProperty = { __proto__: null, enumerable: true }
const kEmptyObject = Object.freeze({ __proto__: null })

// lib/internal/encoding.js
const kEncoder = Symbol('encoder')
const kDecoder = Symbol('decoder')
const kHandle = Symbol('handle')
const kEncoding = Symbol('encoding')
const kFatal = Symbol('kFatal')
const kIgnoreBOM = Symbol('kIgnoreBOM')
const empty = new Uint8Array(0)

function validateEncoder(obj) {
  if (obj == null || obj[kEncoder] !== true) throw new ERR_INVALID_THIS('TextEncoder')
}

function validateDecoder(obj) {
  if (obj == null || obj[kDecoder] !== true) throw new ERR_INVALID_THIS('TextDecoder')
}

class TextEncoder {
  constructor() {
    this[kEncoder] = true
  }

  get encoding() {
    validateEncoder(this)
    return 'utf-8'
  }

  encode(input = '') {
    validateEncoder(this)
    return binding.encodeUtf8(toStr(input))
  }

  encodeInto(src, dest) {
    validateEncoder(this)
    validateString(src, 'src')
    if (!dest || getTypedArrayTag.call(dest) !== 'Uint8Array') throw new ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest)
    return binding.encodeInto(src, dest)
  }

  [inspectSymbol](depth, opts, inspect) {
    validateEncoder(this)
    if (typeof depth === 'number' && depth < 0) return this
    const ctor = Object.getPrototypeOf(this).constructor
    const obj = { __proto__: { constructor: ctor === null ? TextEncoder : ctor } }
    obj.encoding = this.encoding
    return (typeof inspect === 'function' ? inspect : errors.inspect)(obj, opts)
  }
}

Object.defineProperties(TextEncoder.prototype, {
  encode: kEnumerableProperty,
  encodeInto: kEnumerableProperty,
  encoding: kEnumerableProperty,
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'TextEncoder' },
})

class TextDecoder {
  constructor(encoding = 'utf-8', options = kEmptyObject) {
    encoding = toStr(encoding)
    validateObject(options, 'options', 7)
    const enc = binding.encodingForLabel(encoding)
    if (enc === undefined) throw new ERR_ENCODING_NOT_SUPPORTED(encoding)
    const fatal = options !== null && Boolean(options.fatal)
    const ignoreBOM = options !== null && Boolean(options.ignoreBOM)
    const handle = binding.newDecoder(enc, fatal, ignoreBOM)
    if (handle === undefined) throw new ERR_ENCODING_NOT_SUPPORTED(enc)
    this[kDecoder] = true
    this[kEncoding] = enc
    this[kFatal] = fatal
    this[kIgnoreBOM] = ignoreBOM
    this[kHandle] = handle
  }

  decode(input = empty, options = kEmptyObject) {
    validateDecoder(this)
    const stream = Boolean(options && options.stream)
    if (stream || (this[kEncoding] !== 'utf-8' && this[kEncoding] !== 'windows-1252')) {
      validateObject(options, 'options', 7)
    }
    return binding.decode(this[kHandle], input, stream)
  }

  get encoding() {
    validateDecoder(this)
    return this[kEncoding]
  }

  get fatal() {
    validateDecoder(this)
    return this[kFatal]
  }

  get ignoreBOM() {
    validateDecoder(this)
    return this[kIgnoreBOM]
  }

  [inspectSymbol](depth, opts, inspect) {
    validateDecoder(this)
    if (typeof depth === 'number' && depth < 0) return this
    const constructor = Object.getPrototypeOf(this).constructor || TextDecoder
    const obj = { __proto__: { constructor } }
    obj.encoding = this.encoding
    obj.fatal = this.fatal
    obj.ignoreBOM = this.ignoreBOM
    return constructor.name + ' ' + (typeof inspect === 'function' ? inspect : errors.inspect)(obj)
  }
}

Object.defineProperties(TextDecoder.prototype, {
  decode: kEnumerableProperty,
  encoding: kEnumerableProperty,
  fatal: kEnumerableProperty,
  ignoreBOM: kEnumerableProperty,
  [inspectSymbol]: { __proto__: null, enumerable: false },
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'TextDecoder' },
})

return { TextEncoder, TextDecoder }
})`
