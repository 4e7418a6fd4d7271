package vm

import (
	"reflect"

	"github.com/dop251/goja"
)

// structuredClone as Node 20 has it (V8's serializer): primitives, wrapper objects, Date,
// RegExp, ArrayBuffer, typed arrays (a Buffer becomes a Uint8Array, and a view's whole
// buffer is copied), DataView, Map, Set, arrays (holes and extra properties kept), plain
// objects (own enumerable string keys, getters read, prototypes dropped), errors and cycles;
// functions, symbols, proxies, promises, weak collections and the like throw a DataCloneError
// with V8's message. The walk is JavaScript compiled once; Go tells the kinds of objects
// apart, which JavaScript cannot do without side effects.

const cloneRealmModule = "\x00plugchain/clone"

func init() {
	registerModule(cloneRealmModule, func(in *Instance) (goja.Value, error) {
		fn, err := in.rt.RunProgram(cloneProgram())
		if err != nil {
			return nil, err
		}
		build, _ := goja.AssertFunction(fn)
		domException, _ := in.requireModule(domExceptionModule)
		return build(goja.Undefined(), in.cloneBinding(), in.nodeErrors(), domException)
	})
	registerGlobal("structuredClone", func(in *Instance) (goja.Value, error) {
		v, _ := in.requireModule(cloneRealmModule)
		return v, nil
	})
}

var (
	cloneTypeMap        = reflect.TypeOf([][2]any{}) // what a Map exports as
	cloneTypeList       = reflect.TypeOf([]any{})    // what a Set (and an Array) exports as
	cloneTypeProxy      = reflect.TypeOf(goja.Proxy{})
	cloneTypePromise    = reflect.TypeOf((*goja.Promise)(nil))
	cloneTypedArrayKind = map[reflect.Kind]bool{
		reflect.Uint8: true, reflect.Int8: true, reflect.Uint16: true, reflect.Int16: true,
		reflect.Uint32: true, reflect.Int32: true, reflect.Float32: true, reflect.Float64: true,
		reflect.Int64: true, reflect.Uint64: true,
	}
)

func (in *Instance) cloneBinding() *goja.Object {
	rt := in.rt
	o := rt.NewObject()
	global := rt.GlobalObject()
	_ = o.Set("kind", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(cloneKind(c.Argument(0).(*goja.Object), global))
	})
	_ = o.Set("copyArrayBuffer", func(c goja.FunctionCall) goja.Value {
		b := c.Argument(0).(*goja.Object).Export().(goja.ArrayBuffer)
		return rt.ToValue(rt.NewArrayBuffer(append([]byte(nil), b.Bytes()...)))
	})
	_ = o.Set("detach", func(c goja.FunctionCall) goja.Value {
		c.Argument(0).(*goja.Object).Export().(goja.ArrayBuffer).Detach()
		return goja.Undefined()
	})
	return o
}

// cloneKind names how structuredClone treats obj.
func cloneKind(obj, global *goja.Object) string {
	if obj == global {
		return "uncloneable-object"
	}
	t := obj.ExportType()
	switch {
	case t == cloneTypeProxy:
		return "uncloneable-object"
	case t == cloneTypePromise:
		return "uncloneable"
	case t == bufTypeArrayBuffer:
		return "ArrayBuffer"
	case t == cloneTypeMap:
		return "Map"
	case t == cloneTypeList && obj.ClassName() == "Object":
		return "Set"
	case t != nil && t.Kind() == reflect.Slice && cloneTypedArrayKind[t.Elem().Kind()] && obj.ClassName() == "Object":
		return "TypedArray"
	}
	switch c := obj.ClassName(); c {
	case "Array", "Date", "RegExp", "Map", "Set", "Error", "Boolean", "Number", "String", "BigInt":
		return c
	}
	// Other built-ins are ordinary objects to goja; their tag tells them apart.
	if tag := obj.GetSymbol(goja.SymToStringTag); tag != nil {
		switch tag.String() {
		case "WeakMap", "WeakSet", "Promise":
			return "uncloneable"
		case "Generator", "AsyncGenerator":
			return "generator"
		case "Array Iterator", "Map Iterator", "Set Iterator", "String Iterator", "RegExp String Iterator", "Iterator":
			return "uncloneable-object"
		case "DataView":
			return "DataView"
		}
	}
	return "Object"
}

var cloneProgram = builtinProgram("plugchain:clone", cloneSource)

const cloneSource = `(function (binding, errors, DOMException) {
'use strict'
const { getTypedArrayTag } = errors
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype)
const getByteOffset = Object.getOwnPropertyDescriptor(TypedArrayProto, 'byteOffset').get
const getLength = Object.getOwnPropertyDescriptor(TypedArrayProto, 'length').get
const getBuffer = Object.getOwnPropertyDescriptor(TypedArrayProto, 'buffer').get
const dvBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get
const dvOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get
const dvLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get
const typedArrays = { Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array }
const errorCtors = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }
const fnToString = Function.prototype.toString
const mapEntries = Map.prototype.entries
const setValues = Set.prototype.values
const dateGetTime = Date.prototype.getTime
const ownDesc = Object.getOwnPropertyDescriptor

function plainError(Base, code, message) {
  const e = new Base(message)
  e.code = code
  return e
}

function cannotClone(what) {
  return new DOMException(what + ' could not be cloned.', 'DataCloneError')
}

function className(v) {
  const proto = Object.getPrototypeOf(v)
  const c = proto && proto.constructor
  return c && c.name ? c.name : 'Object'
}

function structuredClone(value, options) {
  if (arguments.length === 0) throw plainError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified')
  let transfer
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') throw plainError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined')
    if (options.transfer !== undefined) {
      if (options.transfer === null || typeof options.transfer[Symbol.iterator] !== 'function') {
        throw plainError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable')
      }
      transfer = []
      for (const t of options.transfer) {
        if (t === null || typeof t !== 'object' || binding.kind(t) !== 'ArrayBuffer') {
          throw plainError(TypeError, 'ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList')
        }
        transfer.push(t)
      }
    }
  }
  const memory = new Map()
  const result = clone(value, memory)
  if (transfer) for (const t of transfer) binding.detach(t)
  return result
}

function cloneBuffer(ab, memory) {
  let c = memory.get(ab)
  if (c === undefined) {
    c = binding.copyArrayBuffer(ab)
    memory.set(ab, c)
  }
  return c
}

function clone(v, memory) {
  switch (typeof v) {
    case 'symbol':
      throw cannotClone(v.toString())
    case 'function':
      throw cannotClone(fnToString.call(v))
    case 'object':
      if (v === null) return v
      break
    default:
      return v
  }
  const seen = memory.get(v)
  if (seen !== undefined) return seen
  let out
  switch (binding.kind(v)) {
    case 'Boolean':
      out = new Boolean(Boolean.prototype.valueOf.call(v))
      break
    case 'Number':
      out = new Number(Number.prototype.valueOf.call(v))
      break
    case 'String':
      out = new String(String.prototype.valueOf.call(v))
      break
    case 'BigInt':
      out = Object(BigInt.prototype.valueOf.call(v))
      break
    case 'Date':
      out = new Date(dateGetTime.call(v))
      break
    case 'RegExp':
      out = new RegExp(v.source, v.flags)
      break
    case 'ArrayBuffer':
      out = cloneBuffer(v, memory)
      break
    case 'TypedArray': {
      const Ctor = typedArrays[getTypedArrayTag.call(v)]
      out = new Ctor(cloneBuffer(getBuffer.call(v), memory), getByteOffset.call(v), getLength.call(v))
      break
    }
    case 'DataView':
      out = new DataView(cloneBuffer(dvBuffer.call(v), memory), dvOffset.call(v), dvLength.call(v))
      break
    case 'Map': {
      out = new Map()
      memory.set(v, out)
      const entries = [...mapEntries.call(v)]
      for (const [k, x] of entries) out.set(clone(k, memory), clone(x, memory))
      return out
    }
    case 'Set': {
      out = new Set()
      memory.set(v, out)
      const values = [...setValues.call(v)]
      for (const x of values) out.add(clone(x, memory))
      return out
    }
    case 'Error': {
      const name = v.name
      const Ctor = errorCtors[name] || Error
      const md = ownDesc(v, 'message')
      out = md && 'value' in md ? new Ctor(String(md.value)) : new Ctor()
      memory.set(v, out)
      const stack = v.stack
      if (typeof stack === 'string') Object.defineProperty(out, 'stack', { value: stack, writable: true, configurable: true, enumerable: false })
      const cd = ownDesc(v, 'cause')
      if (cd && 'value' in cd) Object.defineProperty(out, 'cause', { value: clone(cd.value, memory), writable: true, configurable: true, enumerable: false })
      return out
    }
    case 'Array': {
      out = new Array(v.length)
      memory.set(v, out)
      for (const k of Object.keys(v)) out[k] = clone(v[k], memory)
      return out
    }
    case 'generator':
      throw cannotClone(Object.prototype.toString.call(v))
    case 'uncloneable':
      throw cannotClone('#<' + className(v) + '>')
    case 'uncloneable-object':
      throw cannotClone('#<Object>')
    default: {
      out = {}
      memory.set(v, out)
      for (const k of Object.keys(v)) out[k] = clone(v[k], memory)
      return out
    }
  }
  memory.set(v, out)
  return out
}

return structuredClone
})`
