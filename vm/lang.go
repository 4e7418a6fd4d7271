package vm

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Core language behaviour made to match Node 20 (V8) where goja differs and a fix does not
// need a fork of goja: JSON.parse (messages, lone surrogates, overflowing numbers),
// JSON.stringify's circular-structure message, Error.captureStackTrace and
// Error.stackTraceLimit, String.prototype.isWellFormed/toWellFormed, and (as lazy globals
// that cost nothing until read) WeakRef, FinalizationRegistry and Symbol.asyncIterator.
//
// installLang runs once per instance, before plugin code. It only replaces or adds a handful
// of properties with Go functions; nothing is compiled or run.

// asyncIteratorGlobal names the global that stands for Symbol.asyncIterator, which goja
// lacks. Transpile should map the expression Symbol.asyncIterator to it (esbuild's Define),
// so hand-written [Symbol.asyncIterator]() methods work; building it costs nothing until a
// plugin uses it, whereas defining Symbol.asyncIterator up front would make every instance
// build goja's Symbol constructor. The symbol is Symbol.for("Symbol.asyncIterator"), the
// one esbuild's helpers fall back to for lowered async generators and for-await, and
// building it also sets Symbol.asyncIterator, so all of them agree.
const asyncIteratorGlobal = "__plugchain_asyncIterator"

var asyncIteratorProgram = builtinProgram("plugchain:asynciterator", `(function () {
    const s = Symbol.for('Symbol.asyncIterator')
    if (Symbol.asyncIterator === undefined) {
        Object.defineProperty(Symbol, 'asyncIterator', { value: s, writable: false, enumerable: false, configurable: false })
    }
    return Symbol.asyncIterator
})()`)

// defaultStackTraceLimit is V8's Error.stackTraceLimit.
const defaultStackTraceLimit = 10

// installLang patches the instance's built-ins. It must run before plugin code.
func (in *Instance) installLang() {
	rt := in.rt
	if json, ok := rt.Get("JSON").(*goja.Object); ok {
		in.setMethod(json, "parse", 2, in.jsonParse)
		if orig, ok := goja.AssertFunction(json.Get("stringify")); ok {
			in.setMethod(json, "stringify", 3, in.jsonStringify(orig))
		}
	}
	// The rest only for code that names them: see Program.uses.
	if errCtor, ok := rt.Get("Error").(*goja.Object); ok && in.uses().stackTraceAPI {
		in.setMethod(errCtor, "captureStackTrace", 2, in.captureStackTrace)
		_ = errCtor.DefineDataProperty("stackTraceLimit", rt.ToValue(defaultStackTraceLimit), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	if in.uses().regexpTest {
		in.installRegexpTest()
	}
	if !in.uses().wellFormed {
		return
	}
	if str, ok := rt.Get("String").(*goja.Object); ok {
		if proto, ok := str.Get("prototype").(*goja.Object); ok {
			in.setMethod(proto, "isWellFormed", 0, in.stringIsWellFormed)
			in.setMethod(proto, "toWellFormed", 0, in.stringToWellFormed)
		}
	}
}

// uses reports the rarely used built-ins the instance's code names; everything when the
// instance has no program (tests that build instances by hand).
func (in *Instance) uses() builtinUses {
	if in.prog == nil {
		return builtinUses{true, true, true, true, true}
	}
	return in.prog.uses
}

// setMethod defines a built-in method as V8 does: writable, configurable, not enumerable,
// with the function's name and length set.
func (in *Instance) setMethod(obj *goja.Object, name string, length int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	f := in.rt.ToValue(fn).(*goja.Object)
	_ = f.DefineDataProperty("name", in.rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", in.rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = obj.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

// thisString is the this value of a String.prototype method, converted as the spec's
// RequireObjectCoercible + ToString do.
func (in *Instance) thisString(call goja.FunctionCall, method string) goja.String {
	if goja.IsUndefined(call.This) || goja.IsNull(call.This) {
		panic(in.newError("TypeError", "String.prototype."+method+" called on null or undefined"))
	}
	return in.toString(call.This)
}

// toString is ToString(v) as a goja.String, whose code units can be read.
func (in *Instance) toString(v goja.Value) goja.String {
	s := v.ToString()
	if gs, ok := s.(goja.String); ok {
		return gs
	}
	return in.rt.ToValue(s.String()).(goja.String)
}

// stringIsWellFormed is String.prototype.isWellFormed: no lone surrogates.
func (in *Instance) stringIsWellFormed(call goja.FunctionCall) goja.Value {
	s := in.thisString(call, "isWellFormed")
	return in.rt.ToValue(firstLoneSurrogate(s, 0) < 0)
}

// stringToWellFormed is String.prototype.toWellFormed: lone surrogates become U+FFFD.
func (in *Instance) stringToWellFormed(call goja.FunctionCall) goja.Value {
	s := in.thisString(call, "toWellFormed")
	i := firstLoneSurrogate(s, 0)
	if i < 0 {
		return s
	}
	units := make([]uint16, s.Length())
	for k := range units {
		units[k] = s.CharAt(k)
	}
	for ; i >= 0; i = firstLoneSurrogate(s, i+1) {
		units[i] = 0xfffd
	}
	return goja.StringFromUTF16(units)
}

// firstLoneSurrogate returns the index of the first unpaired surrogate at or after from, or -1.
func firstLoneSurrogate(s goja.String, from int) int {
	n := s.Length()
	for i := from; i < n; i++ {
		c := s.CharAt(i)
		switch {
		case c < 0xd800 || c > 0xdfff:
		case c <= 0xdbff && i+1 < n && s.CharAt(i+1) >= 0xdc00 && s.CharAt(i+1) <= 0xdfff:
			i++
		default:
			return i
		}
	}
	return -1
}

// captureStackTrace is V8's Error.captureStackTrace(target, constructorOpt): it gives
// target a non-enumerable stack string, "Name: message" then one "    at" line per frame,
// leaving out the frames above and including the latest call of constructorOpt.
func (in *Instance) captureStackTrace(call goja.FunctionCall) goja.Value {
	target, ok := call.Argument(0).(*goja.Object)
	if !ok {
		panic(in.newError("TypeError", "Invalid argument"))
	}
	limit := defaultStackTraceLimit
	if errCtor, ok := in.rt.Get("Error").(*goja.Object); ok {
		if l := errCtor.Get("stackTraceLimit"); l != nil && goja.IsNumber(l) {
			limit = int(l.ToInteger())
		}
	}
	frames := in.rt.CaptureCallStack(0, nil)
	// The first frame is this native function.
	if len(frames) > 0 && frames[0].SrcName() == "<native>" {
		frames = frames[1:]
	}
	if ctor, ok := call.Argument(1).(*goja.Object); ok {
		name := ctor.Get("name")
		found := false
		if name != nil && goja.IsString(name) && name.String() != "" {
			for i, f := range frames {
				if f.FuncName() == name.String() {
					frames, found = frames[i+1:], true
					break
				}
			}
		}
		if !found {
			frames = nil
		}
	}
	var b strings.Builder
	b.WriteString(errorHeader(target))
	for i, f := range frames {
		if i >= limit {
			break
		}
		b.WriteString("\n    at ")
		writeFrame(&b, &f)
	}
	_ = target.DefineDataProperty("stack", in.rt.ToValue(b.String()), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return goja.Undefined()
}

// errorHeader is Error.prototype.toString's result for obj, V8's first line of a stack.
func errorHeader(obj *goja.Object) string {
	name, msg := "Error", ""
	if v := obj.Get("name"); v != nil && !goja.IsUndefined(v) {
		name = v.String()
	}
	if v := obj.Get("message"); v != nil && !goja.IsUndefined(v) {
		msg = v.String()
	}
	return errorText(name, msg)
}

// writeFrame formats a frame as V8 does: "fn (file:line:col)", or "file:line:col" for
// top-level code.
func writeFrame(b *strings.Builder, f *goja.StackFrame) {
	pos := f.Position()
	file := pos.Filename
	if file == "" {
		file = f.SrcName()
	}
	loc := file
	if pos.Line > 0 {
		loc += ":" + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column)
	}
	name := f.FuncName()
	if name == "" {
		b.WriteString(loc)
		return
	}
	b.WriteString(name)
	b.WriteString(" (")
	b.WriteString(loc)
	b.WriteString(")")
}

func init() {
	registerGlobal(asyncIteratorGlobal, func(in *Instance) (goja.Value, error) {
		return in.rt.RunProgram(asyncIteratorProgram())
	})
	registerGlobal("WeakRef", func(in *Instance) (goja.Value, error) {
		return in.rt.RunProgram(weakRefProgram())
	})
	registerGlobal("FinalizationRegistry", func(in *Instance) (goja.Value, error) {
		return in.rt.RunProgram(finalizationRegistryProgram())
	})
}

// WeakRef and FinalizationRegistry as goja lacks them. A Go runtime cannot observe when
// an object becomes unreachable from JavaScript, so a WeakRef holds its target strongly
// (deref always returns it) and cleanup callbacks never run; both are allowed by the spec,
// which makes no promise of collection. Argument checks and messages are V8's.
var weakRefProgram = builtinProgram("plugchain:weakref", `(function () {
    const targets = new WeakMap()
    const canBeHeld = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function' || (typeof v === 'symbol' && Symbol.keyFor(v) === undefined)
    function WeakRef(target) {
        if (new.target === undefined) throw new TypeError("Constructor WeakRef requires 'new'")
        if (!canBeHeld(target)) throw new TypeError('WeakRef: invalid target')
        targets.set(this, target)
    }
    Object.defineProperty(WeakRef.prototype, 'deref', {
        value: function deref() {
            if (!targets.has(this)) throw new TypeError('Method WeakRef.prototype.deref called on incompatible receiver ' + String(this))
            return targets.get(this)
        },
        writable: true,
        configurable: true,
    })
    Object.defineProperty(WeakRef.prototype, Symbol.toStringTag, { value: 'WeakRef', configurable: true })
    Object.defineProperty(WeakRef, 'prototype', { writable: false })
    return WeakRef
})()`)

var finalizationRegistryProgram = builtinProgram("plugchain:finalizationregistry", `(function () {
    const cleanups = new WeakMap()
    const canBeHeld = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function' || (typeof v === 'symbol' && Symbol.keyFor(v) === undefined)
    const check = (r, m) => {
        if (!cleanups.has(r)) throw new TypeError('Method FinalizationRegistry.prototype.' + m + ' called on incompatible receiver ' + String(r))
    }
    function FinalizationRegistry(cleanup) {
        if (new.target === undefined) throw new TypeError("Constructor FinalizationRegistry requires 'new'")
        if (typeof cleanup !== 'function') throw new TypeError('FinalizationRegistry: cleanup must be callable')
        cleanups.set(this, cleanup)
    }
    const methods = {
        register(target, held, token) {
            check(this, 'register')
            if (!canBeHeld(target)) throw new TypeError('FinalizationRegistry.prototype.register: invalid target')
            if (Object.is(target, held)) throw new TypeError('FinalizationRegistry.prototype.register: target and holdings must not be same')
            if (token !== undefined && !canBeHeld(token)) throw new TypeError('FinalizationRegistry.prototype.register: invalid unregister token')
        },
        unregister(token) {
            check(this, 'unregister')
            if (!canBeHeld(token)) throw new TypeError("Invalid unregisterToken ('" + String(token) + "')")
            return false
        },
    }
    for (const k of Object.keys(methods)) {
        Object.defineProperty(FinalizationRegistry.prototype, k, { value: methods[k], writable: true, configurable: true })
    }
    Object.defineProperty(FinalizationRegistry.prototype, Symbol.toStringTag, { value: 'FinalizationRegistry', configurable: true })
    Object.defineProperty(FinalizationRegistry, 'prototype', { writable: false })
    return FinalizationRegistry
})()`)
