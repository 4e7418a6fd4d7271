//# read property of undefined
const o = undefined
return o.x
//# read property of null
const o = null
return o.x
//# read nested property of undefined
const o = {}
return o.a.b
//# read numeric property of undefined
const arr = undefined
return arr[0]
//# read property via variable key
const o = {}
const k = 'name'
return o.missing[k]
//# set property of undefined
const o = undefined
o.x = 1
//# set property of null
const o = null
o.x = 1
//# call non-function
const x = 5
return x()
//# call undefined method
const obj = {}
return obj.foo()
//# call nested undefined method
const obj = { a: {} }
return obj.a.foo()
//# call non-function property value
const obj = { foo: 1 }
return obj.foo()
//# call result of call
const f = () => undefined
return f()()
//# not defined
return notDefinedAnywhere + 1
//# not defined call
return missingFunction()
//# assignment to const
const c = 1
c = 2
//# new on non-constructor
const f = () => 1
return new f()
//# new on non-function value
const x = 1
return new x()
//# new on method
const o = { m() {} }
return new o.m()
//# invalid array length
return new Array(-1)
//# invalid array length assignment
const a = []
a.length = -1
//# toFixed range
return (1).toFixed(101)
//# toPrecision range
return (1).toPrecision(0)
//# toString radix range
return (10).toString(1)
//# bigint mixing
return 1n + 1
//# bigint to number conversion
return Math.max(1n)
//# bigint from non-integer
return BigInt(1.5)
//# bigint division by zero
return 1n / 0n
//# in operator on primitive
return 'x' in 'str'
//# instanceof non-callable
return {} instanceof {}
//# iterate non-iterable
const [a] = {}
return a
//# spread non-iterable
return [...123]
//# for of undefined
for (const x of undefined) { }
//# destructure undefined
const { a } = undefined
return a
//# destructure null param
const f = ({ a }) => a
return f(null)
//# symbol to string
return 'x' + Symbol('s')
//# cyclic proto
const a = {}
const b = Object.create(a)
Object.setPrototypeOf(a, b)
//# frozen object assignment strict
'use strict'
const o = Object.freeze({ a: 1 })
o.a = 2
return o.a
//# define property on non-object
return Object.defineProperty(1, 'x', {})
//# class without new
class A {}
return A()
//# super constructor not called
class A {}
class B extends A { constructor() { return undefined } }
return new B()
//# tdz access
const f = () => later
f()
let later = 1
//# reduce empty array
return [].reduce((a, b) => a + b)
//# repeat negative
return 'x'.repeat(-1)
//# invalid date toISOString
return new Date(NaN).toISOString()
//# string normalize invalid form
return 'x'.normalize('NFX')
//# json parse error instance
try {
    JSON.parse('{bad')
} catch (e) {
    return [e instanceof SyntaxError, e.name, e.constructor === SyntaxError, e.message]
}
//# uri malformed
return decodeURIComponent('%')
//# uri encode lone surrogate
return encodeURIComponent('\ud800')
//# String of error
return [String(new Error('boom')), String(new TypeError('t')), String(new Error()), String(new RangeError(''))]
//# toString of errors
const e = new Error('msg')
e.name = 'Custom'
const f = new Error('x')
f.name = ''
const g = new Error('')
g.name = 'OnlyName'
return [e.toString(), f.toString(), g.toString(), Error.prototype.toString.call({ name: 'N', message: 'M' }), Error.prototype.toString.call({})]
//# error properties
const e = new Error('m')
return [e.name, e.message, Object.keys(e), Object.getOwnPropertyNames(e).sort(), e.hasOwnProperty('message'), e.hasOwnProperty('name'), typeof e.stack]
//# error message coercion
return [new Error(undefined).message, new Error(null).message, new Error(42).message, new Error({ toString: () => 'obj' }).message, 'message' in new Error()]
//# error cause
const inner = new Error('inner')
const e = new Error('outer', { cause: inner })
const noCause = new Error('x', {})
const undefCause = new Error('x', { cause: undefined })
return [e.cause === inner, Object.keys(e), noCause.hasOwnProperty('cause'), undefCause.hasOwnProperty('cause'), Object.getOwnPropertyDescriptor(e, 'cause').enumerable]
//# error cause on subclasses
return [new TypeError('t', { cause: 1 }).cause, new RangeError('r', { cause: 'c' }).cause, new AggregateError([], 'a', { cause: 2 }).cause]
//# aggregate error
const e = new AggregateError([new Error('a'), 'b'], 'many')
return [e.name, e.message, e.errors.length, e.errors[1], e instanceof Error, String(e), Array.isArray(e.errors)]
//# promise any rejection
try {
    await Promise.any([Promise.reject(new Error('x')), Promise.reject(2)])
} catch (e) {
    return [e.constructor.name, e.message, e.errors.map(String)]
}
//# error instanceof chain
const t = new TypeError('t')
return [t instanceof TypeError, t instanceof Error, t instanceof RangeError, Object.getPrototypeOf(TypeError) === Error, TypeError.prototype.name, Object.prototype.toString.call(t)]
//# custom error class
class ValidationError extends Error {
    constructor(message, field) {
        super(message)
        this.name = 'ValidationError'
        this.field = field
    }
}
const e = new ValidationError('bad', 'email')
return [e instanceof ValidationError, e instanceof Error, e.name, e.message, e.field, String(e), Object.keys(e), e.constructor.name]
//# custom error class without name
class MyError extends Error {}
const e = new MyError('m')
return [e.name, String(e), e.constructor.name, e instanceof MyError]
//# error subclass name via prototype
function LegacyError(message) {
    this.message = message
}
LegacyError.prototype = Object.create(Error.prototype)
LegacyError.prototype.name = 'LegacyError'
LegacyError.prototype.constructor = LegacyError
const e = new LegacyError('old')
return [String(e), e instanceof Error, e.name, e.stack === undefined]
//# error called without new
const e = Error('no new')
const t = TypeError('t')
return [e instanceof Error, e.message, t.name]
//# captureStackTrace
const o = {}
const hasFn = typeof Error.captureStackTrace
if (hasFn === 'function') Error.captureStackTrace(o)
return [hasFn, typeof o.stack, Error.captureStackTrace ? Error.captureStackTrace.length : -1]
//# captureStackTrace in constructor
class HttpError extends Error {
    constructor(status) {
        super('HTTP ' + status)
        this.status = status
        if (Error.captureStackTrace) Error.captureStackTrace(this, HttpError)
    }
}
const e = new HttpError(404)
return [e.message, e.status, typeof e.stack, e.stack.split('\n')[0], Object.keys(e)]
//# stackTraceLimit
return typeof Error.stackTraceLimit
//# stack first line
const e = new TypeError('first line')
const f = new Error('multi\nline')
return [e.stack.split('\n')[0], f.stack.split('\n').slice(0, 2)]
//# stack of custom name set later
const e = new Error('m')
e.name = 'Later'
return e.stack.split('\n')[0]
//# thrown non-error values
const out = []
for (const v of [1, 'str', null, undefined, { a: 1 }]) {
    try {
        throw v
    } catch (e) {
        out.push(e)
    }
}
return out
//# finally overrides
const f = () => {
    try {
        throw new Error('a')
    } finally {
        return 'finally'
    }
}
return f()
//# nested rethrow keeps identity
const orig = new Error('o')
try {
    try {
        throw orig
    } catch (e) {
        throw e
    }
} catch (e) {
    return e === orig
}
//# optional catch binding
try {
    throw 1
} catch {
    return 'caught'
}
//# async rejection
const f = async () => {
    throw new RangeError('async')
}
try {
    await f()
} catch (e) {
    return [e.name, e.message]
}
//# unhandled thrown type error message from builtins
class PrivA {
    #p
    static t(o) {
        return o.#p
    }
}
const out = []
for (const f of [() => null.x, () => undefined.y, () => (void 0)(), () => Symbol() + '', () => PrivA.t({})]) {
    try {
        f()
    } catch (e) {
        out.push(e.name + ': ' + e.message)
    }
}
return out
//# error name property attributes
const d = Object.getOwnPropertyDescriptor(Error.prototype, 'name')
const m = Object.getOwnPropertyDescriptor(new Error('x'), 'message')
return [d.writable, d.enumerable, d.configurable, m.writable, m.enumerable, m.configurable]
//# error toString on prototype chain
return [Error.prototype.toString(), TypeError.prototype.toString(), Error.prototype.message, Error.name, Error.length]
//# error with object message
const e = new Error({ a: 1 })
return e.message
//# throwing in getter
const o = {
    get x() {
        throw new Error('getter')
    },
}
try {
    return o.x
} catch (e) {
    return e.message
}
//# type error from null prototype conversion
const o = Object.create(null)
return `${o}`
//# read property of undefined function result
const f = () => {}
return f().x
//# optional chaining avoids errors
const o = null
return [o?.x, o?.x.y.z, o?.(), o?.[0], undefined?.a]
//# errors with code property
const e = new Error('x')
e.code = 'E_CODE'
return e
//# error is not iterable message
const [x] = null
//# stack overflow
const f = () => f()
return f()
//# stack overflow caught
function recurse(n) { return recurse(n + 1) + 1 }
try {
    recurse(0)
} catch (e) {
    return [e instanceof RangeError, e.name, e.message]
}
