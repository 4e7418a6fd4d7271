//# numbers
console.log(1, -0, 0, NaN, Infinity, -Infinity, 1.5, 1e21, 123456789012345680000, 5e-7, 0.1 + 0.2, 2 ** 53)
console.log([-0, 0, -1e-7, 1e300, -1e21])
//# strings at top level and nested
console.log('a', 'b', 'it\'s')
console.log(['a', "it's", 'say "hi" it\'s', 'all `three` \' "', 'dollar ${x} \' "'])
console.log({ s: 'plain', q: "it's" })
//# string escapes
console.log(['\n\t\u0001\u007f\u0085\\', '\b\f\r\u000b\u001b', 'é', '😀', 'x\u00a0y', '\u200b'])
//# lone surrogates
console.log(['\ud800', 'a\udc00b', '\ud83d\ude00'])
//# bigint and symbols
console.log(10n, [10n, -5n], Symbol('x'), [Symbol(), Symbol('a b'), Symbol('')], Symbol.iterator)
//# undefined null booleans
console.log(undefined, null, true, [undefined, null, false], { u: undefined, n: null })
//# no arguments
console.log()
console.log('')
//# format %s
console.log('%s|%s|%s|%s|%s|%s', 'str', 42, -0, 5n, null, undefined)
console.log('%s', { a: 1 }, 'rest')
console.log('%s', { a: { b: 1 } })
console.log('%s', [1, [2, [3]]])
console.log('%s', Symbol('sym'))
console.log('%s', () => 1)
//# format %s own toString
console.log('%s', { toString() { return 'custom' } })
class WithToString { toString() { return 'from class' } }
console.log('%s', new WithToString())
console.log('%s', { [Symbol.toPrimitive]() { return 'prim' } })
console.log('%s', new Date(0))
console.log('%s', new Map([[1, 2]]))
console.log('%s', Object.create(null))
//# format %s throwing toString
try {
    console.log('%s', { toString() { throw new Error('toString threw') } })
} catch (e) {
    return 'caught ' + e.message
}
//# format %d
console.log('%d %d %d %d %d %d', 42, '42', 'abc', 5n, {}, [])
console.log('%d %d %d %d %d', -0, null, undefined, true, '0x10')
console.log('%d', Symbol('s'))
console.log('%d', 1.5, 'extra')
//# format %i and %f
console.log('%i %i %i %i %i', 42.9, '42.5px', '-0.5', 5n, 'x')
console.log('%f %f %f %f %f', '1.5e3', 'x', 5n, -0, '  3.25abc')
console.log('%i|%f', Symbol('a'), Symbol('b'))
//# format %j
console.log('%j', { a: [1, 'x', null], b: undefined })
const circ = { name: 'c' }
circ.self = circ
console.log('%j %j', circ, 'str')
console.log('%j', undefined)
console.log('%j', () => 1)
//# format %j bigint throws
try {
    console.log('%j', { n: 1n })
} catch (e) {
    return 'caught ' + e.name
}
//# format %O and %o
console.log('%O', { a: { b: { c: { d: 1 } } } })
console.log('%o', { a: 1, b: 'x' })
console.log('%o', [1, 2])
console.log('%o', { deep: { a: { b: { c: { d: { e: 1 } } } } } })
//# format %c %% and leftovers
console.log('%c styled', 'color: red')
console.log('100%', 1)
console.log('%%s %s', 'x', 'y')
console.log('%x %s', 1)
console.log('%s %s', 'only one')
console.log('a%', 'b')
console.log('%s:%s', 'a', 'b', 'c', { d: 1 })
console.log('%', 1)
console.log('%%', 1)
console.log('%%')
//# first argument not a string
console.log(5, '%s', 'x')
console.log({ a: 1 }, '%d', 2)
//# plain objects
console.log({})
console.log({ a: 1, b: 'two', c: [3], d: { e: null } })
console.log({ a: {}, b: [], c: [[]], d: { e: {} } })
//# depth limit
console.log({ a: { b: { c: { d: 1 } } } })
console.log([[[[1]]]], [[[[]]]])
console.log({ a: { b: { c: [1, 2] } }, x: { y: { z: new Map([[1, 2]]) } } })
//# circular references
const a = { x: 1 }
a.self = a
console.log(a)
const b = { name: 'b', list: [] }
b.list.push(b, { parent: b })
console.log(b)
const c1 = { n: 1 }
const c2 = { n: 2, c1 }
c1.c2 = c2
console.log([c1, c2])
const arr = [1]
arr.push(arr)
console.log(arr)
//# two circular targets
const x = { name: 'x' }
const y = { name: 'y', x }
x.y = y
x.me = x
y.me = y
console.log(x)
//# class instances
class Foo {
    constructor() {
        this.a = 1
        this.nested = { b: 2 }
    }
}
console.log(new Foo())
console.log(new (class {})())
class Bar extends Foo {}
console.log(new Bar(), [new Bar()])
console.log({ a: { b: { c: new Foo() } } })
//# null prototype objects
const np = Object.create(null)
console.log(np)
np.a = 1
console.log(np)
console.log({ inner: Object.assign(Object.create(null), { x: [1] }) })
console.log(Object.create(Object.create(null)))
//# maps
console.log(new Map([['a', 1], [{ b: 2 }, [3]]]))
console.log(new Map(), new Map([[new Map([[1, 2]]), new Set([1])]]))
console.log({ m: new Map([['k', { deep: { deeper: 1 } }]]) })
const m = new Map([[1, 2]])
m.extra = true
console.log(m)
//# sets
console.log(new Set([1, 'a', {}, [2]]), new Set())
console.log(new Set(Array.from({ length: 120 }, (_, i) => i)))
//# dates
console.log(new Date(0), new Date(Date.UTC(2024, 1, 29, 12, 30, 15, 7)))
console.log(new Date(NaN), [new Date(NaN)])
console.log(new Date(8.64e15), new Date(-8.64e15), new Date(Date.UTC(-1, 0, 1)))
const d = new Date(0)
d.label = 'epoch'
console.log(d)
//# regexps
console.log(/a+b/gi, new RegExp('a/b'), [/x/y], { r: /\d+/u })
const re = /re/
re.extra = 1
console.log(re)
//# errors with set stacks
const e1 = new Error('boom')
e1.stack = 'Error: boom\n    at foo (/app/plugin.js:1:2)\n    at bar (/app/plugin.js:3:4)'
console.log(e1)
e1.code = 'E_BOOM'
console.log(e1)
console.log({ err: e1 })
console.log([e1])
//# errors without stack
const e2 = new TypeError('bad type')
e2.stack = undefined
console.log(e2)
const e3 = new RangeError('')
e3.stack = ''
console.log(e3, [e3])
//# error subclasses and names
class MyError extends Error {}
const e4 = new MyError('mine')
e4.stack = 'Error: mine\n    at x (/a.js:1:1)'
console.log(e4)
const e5 = new Error('renamed')
e5.name = 'CustomName'
e5.stack = 'Error: renamed\n    at y (/a.js:2:2)'
console.log(e5)
const e6 = new Error('msg')
e6.name = 'ValidationError'
e6.stack = 'ValidationError: msg\n    at z (/a.js:3:3)'
console.log(e6)
//# error stack without frames
const e7 = new Error('just message')
e7.stack = 'Error: just message'
console.log(e7, { e7 })
//# error with cause
const cause = new Error('root')
cause.stack = 'Error: root\n    at a (/f.js:1:1)'
const e8 = new Error('outer', { cause })
e8.stack = 'Error: outer\n    at b (/f.js:2:2)'
console.log(e8)
const e9 = new Error('with primitive cause', { cause: 42 })
e9.stack = 'Error: with primitive cause'
console.log(e9)
//# error stack in nested indentation
const e10 = new Error('deep')
e10.stack = 'Error: deep\n    at one (/x.js:1:1)\n    at two (/x.js:2:2)'
console.log({ level1: { level2: e10 } })
//# error duplicate keys
const e11 = new Error('dup')
e11.stack = 'Error: dup\n    at q (/q.js:1:1)'
Object.defineProperty(e11, 'message', { value: 'dup', enumerable: true })
e11.name = 'Error'
console.log(e11)
//# functions
function named() {}
console.log(named, function () {}, () => {}, async function af() {}, async () => {}, function* gen() {})
console.log([named, Math.max], { fn: named })
//# classes
class Plain {}
class Child extends Plain {}
console.log(Plain, Child, class {}, class extends Plain {})
//# functions with properties
function withProps() {}
withProps.x = 1
withProps.nested = { y: 2 }
console.log(withProps)
class Static {}
Static.count = 3
console.log(Static)
//# bound functions
function orig() {}
console.log(orig.bind(null), (() => 1).bind(null))
//# getters and setters
let calls = 0
const acc = {
    get a() {
        calls++
        return 1
    },
    set b(v) {},
    get c() {
        calls++
        return 2
    },
    set c(v) {},
    plain: 1,
}
console.log(acc)
class WithGetter {
    get computed() {
        calls++
        return 1
    }
}
console.log(new WithGetter(), calls)
return calls
//# symbol keys
const sk = { a: 2, [Symbol('k')]: 1, [Symbol()]: 3, [Symbol.iterator]: 4 }
console.log(sk)
console.log({ [Symbol("it's\n")]: 1 })
//# quoted keys
console.log({ 'a-b': 1, '1a': 2, valid_id: 3, '': 4, "it's": 5, ünï: 6, $dollar: 7, _u: 8, 'sp ace': 9, 'new\nline': 10 })
//# numeric key order
console.log({ b: 1, 2: 1, a: 1, 1: 1, '-1': 2, '01': 3 })
//# proto key and non-enumerable
console.log(JSON.parse('{"__proto__": 1, "a": 2}'))
const ne = { shown: 1 }
Object.defineProperty(ne, 'hidden', { value: 2, enumerable: false })
console.log(ne)
//# many keys break lines
const many = {}
for (let i = 0; i < 30; i++) many['key' + i] = i
console.log(many)
//# line breaking boundaries
console.log({ aaaaaaaaaa: 'aaaaaaaaaa', bbbbbbbbbb: 'bbbbbbbbbb', cccccccccc: 'cccccccccc', d: 1 })
console.log({ aaaaaaaaaa: 'aaaaaaaaaa', bbbbbbbbbb: 'bbbbbbbbbb', cccccccccc: 'cccccccccc', dd: 12 })
console.log({ aaaaaaaaaa: 'aaaaaaaaaa', bbbbbbbbbb: 'bbbbbbbbbb', cccccccccc: 'cccccccccc', ddd: 123 })
console.log(['aaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbb', 'cccccccccccccccccccc', 'ddd'])
//# compact nesting
console.log({ a: [{ b: 1, c: { d: 2 } }], e: 'x' })
console.log({ a: { b: { c: {} } } })
console.log({ a: 1, b: { c: { d: { e: 1 } } } })
console.log([{ a: 1, b: 2 }, { a: 3, b: 4 }])
console.log({ user: { name: 'Ann', tags: ['a', 'b'], address: { city: 'X', zip: '123' } }, ok: true })
//# long strings
console.log({ s: 'x'.repeat(100) })
console.log(['line one of text\nline two of text\nline three of the text that goes on and on'])
console.log('a'.repeat(200))
console.log({ long: 'word '.repeat(30) })
//# max string length
console.log(['y'.repeat(10001)])
console.log({ s: 'z'.repeat(10003) })
//# number arrays grouped
console.log(Array.from({ length: 30 }, (_, i) => i * 7))
console.log(Array.from({ length: 26 }, (_, i) => i ** 3))
console.log([1, 2, 3, 4, 5, 6, 7])
console.log([1, 2, 3, 4, 5, 6])
console.log(Array.from({ length: 10 }, (_, i) => -i * 1.5))
//# long arrays
console.log(Array.from({ length: 150 }, (_, i) => i))
console.log(Array.from({ length: 101 }, () => 'ab'))
//# string arrays grouped
console.log(['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg', 'hh', 'i'])
console.log(Array.from({ length: 20 }, (_, i) => 'item' + i))
console.log(['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew', 'kiwi', 'lemon'])
//# mixed arrays grouped
console.log([1, 'two', 3, 'four', 5, 'six', 7, null, undefined, true])
console.log([1n, 2n, 3n, 4n, 5n, 6n, 7n, 100n])
console.log(Array.from({ length: 8 }, (_, i) => ({ i })))
console.log(Array.from({ length: 12 }, (_, i) => [i]))
//# nested grouped arrays
console.log({ data: Array.from({ length: 40 }, (_, i) => i % 7), other: { list: Array.from({ length: 9 }, (_, i) => 'v' + i) } })
//# wide characters grouped
console.log(['漢字', '日本語', 'かな', 'カタカナ', '한국어', '中文', '字', '言葉'])
console.log(['😀', '😀😀', 'a', 'bb', 'é', 'ñn', 'ü', 'x'])
//# array holes
console.log([1, , 3], [, ,], new Array(5), [, 1])
const sparse = [1, 2]
sparse[10] = 3
sparse.extra = 'yes'
console.log(sparse)
const holes = []
holes[150] = 1
console.log(holes)
//# array extra properties
const ap = [1, 2]
ap.x = 1
ap[Symbol('s')] = 2
console.log(ap)
const emptyWithProp = []
emptyWithProp.k = 'v'
console.log(emptyWithProp)
//# typed arrays
console.log(new Uint8Array([1, 2, 3]), new Float64Array([1.5, -0]), new Int16Array(0))
console.log(new BigInt64Array([1n, -2n]), new Uint8ClampedArray([300]), new Float32Array([0.1]))
console.log(new Uint8Array(200))
console.log({ t: new Uint16Array([1, 2, 3, 4, 5, 6, 7, 8]) })
//# buffers
console.log(Buffer.from('hi'), [Buffer.from('abc')])
console.log(Buffer.alloc(60))
console.log({ b: Buffer.from([1, 2, 255]) })
//# array buffers and data views
console.log(new ArrayBuffer(2), new ArrayBuffer(0))
console.log(new Uint8Array([1, 2, 3]).buffer)
console.log(new ArrayBuffer(120))
console.log(new DataView(new ArrayBuffer(4), 1, 2))
//# promises
console.log(Promise.resolve(1), new Promise(() => {}))
const rejected = Promise.reject(3)
rejected.catch(() => {})
console.log(rejected, { p: Promise.resolve({ a: 1 }) })
console.log((async () => 5)())
//# boxed primitives
console.log(new Number(3), new Number(-0), new String('ab'), new Boolean(false), Object(1n), Object(Symbol('s')))
const bs = new String('xy')
bs.extra = 1
console.log(bs, [new Number(1)])
//# weak collections
console.log(new WeakMap(), new WeakSet(), { w: new WeakMap() })
//# proxies
const trapped = new Proxy({ a: 1 }, { get() { throw new Error('trap') }, ownKeys() { throw new Error('trap') } })
console.log(trapped, new Proxy([1, 2], {}), new Proxy(function pf() {}, {}))
const { proxy, revoke } = Proxy.revocable({}, {})
revoke()
console.log(proxy)
console.log('%o', new Proxy({ a: 1 }, {}))
//# toStringTag
class Tagged {
    get [Symbol.toStringTag]() {
        return 'Tag'
    }
}
console.log(new Tagged())
console.log({ [Symbol.toStringTag]: 'Own' })
const hiddenTag = {}
Object.defineProperty(hiddenTag, Symbol.toStringTag, { value: 'Hidden' })
console.log(hiddenTag, Object.assign(hiddenTag, { a: 1 }))
const npTag = Object.create(null)
Object.defineProperty(npTag, Symbol.toStringTag, { value: 'NP' })
console.log(npTag)
//# built-in namespaces
console.log(Math, JSON, Reflect)
//# arguments object
;(function () {
    console.log(arguments)
})(1, 'a')
//# iterators
console.log([1, 2].values(), 'abc'[Symbol.iterator]())
//# map and set iterators
console.log(new Map([[1, 2]]).entries(), new Set([1]).values())
//# custom inspect
const ci = {
    [Symbol.for('nodejs.util.inspect.custom')](depth, opts) {
        return 'CUSTOM depth=' + depth + ' ' + typeof opts.stylize
    },
}
console.log(ci, [ci], { a: { b: ci } })
const ci2 = {
    [Symbol.for('nodejs.util.inspect.custom')]() {
        return { replaced: true }
    },
}
console.log(ci2)
const ci3 = {
    [Symbol.for('nodejs.util.inspect.custom')](depth, opts, inspect) {
        return 'wrapped(' + inspect({ x: [1, 2] }) + ')'
    },
}
console.log(ci3)
const ci4 = {
    [Symbol.for('nodejs.util.inspect.custom')]() {
        return 'multi\nline'
    },
}
console.log({ nested: ci4 })
//# custom inspect returning this
const self = {
    a: 1,
    [Symbol.for('nodejs.util.inspect.custom')]() {
        return this
    },
}
console.log(self)
//# toString does not matter for inspect
console.log({ toString() { return 'x' } }, { valueOf() { return 1 } })
//# extended builtins
class MyArr extends Array {}
console.log(MyArr.from([1, 2]), new MyArr())
class MyMap extends Map {}
console.log(new MyMap([[1, 2]]))
class MySet extends Set {}
console.log(new MySet())
//# constructor property quirks
console.log({ constructor: 'not a function' })
function OldStyle() {
    this.v = 1
}
console.log(new OldStyle())
const weird = Object.create({ constructor: { name: 'Fake' } })
console.log(weird)
//# object with prototype of class
class Base {}
const viaCreate = Object.create(Base.prototype)
viaCreate.x = 1
console.log(viaCreate)
//# console levels
console.info('info', { a: 1 })
console.warn('warn %d', 2)
console.error(new Map([[1, 2]]))
console.debug(['debug'])
//# deep mixed structure
console.log({
    event: '$pageview',
    properties: {
        $current_url: 'https://example.com/a?b=c',
        $browser: 'Chrome',
        list: [1, 2, 3],
        nested: { deeper: { deepest: { gone: true } } },
    },
    timestamp: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
})
//# urls
console.log(new URL('https://user:pw@example.com:8080/p/a?x=1&y=2#h'))
console.log([new URL('https://example.com/')])
console.log({ a: { b: { u: new URL('https://example.com/') } } })
//# url search params
console.log(new URLSearchParams('a=1&b=two&a=3'))
console.log(new URLSearchParams(''))
console.log({ a: { b: { c: new URLSearchParams('x=1') } } })
//# function names
function renamed() {}
Object.defineProperty(renamed, 'name', { value: 'other' })
const nameless = function () {}
Object.defineProperty(nameless, 'name', { value: undefined })
const numbered = function () {}
Object.defineProperty(numbered, 'name', { value: 42 })
const protoless = function () {}
Object.setPrototypeOf(protoless, null)
delete protoless.name
console.log(renamed, nameless, numbered, protoless)
class Named {
    static name = 'StaticName'
}
console.log(Named, [Named])
//# buffer edge cases
const withProp = Buffer.from('hi')
withProp.tag = 'x'
console.log(withProp)
console.log(Buffer.alloc(0), [Buffer.alloc(1)], { deep: { deeper: { buf: Buffer.from('a') } } })
console.log('%s', Buffer.from('ab'))
console.log('%o', Buffer.from('ab'))
