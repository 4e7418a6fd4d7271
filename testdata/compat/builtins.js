//# padStart padEnd
return ['5'.padStart(3, '0'), 'abc'.padStart(6, '12'), 'abc'.padEnd(6), 'abc'.padStart(2), 'x'.padEnd(4, ''), '7'.padStart(3)]
//# replaceAll and at
return ['a-b-c'.replaceAll('-', '+'), 'abc'.at(-1), 'abc'.at(5), [1, 2, 3].at(-1), [1, 2].at(-3), 'abc'.at(1.7)]
//# normalize
const s = 'Cr\u00e8me'
return [s.normalize('NFD').length, s.normalize('NFC').length, s.normalize('NFD').normalize().length, '\ufb01'.normalize('NFKC'), 'e\u0301' === '\u00e9', 'e\u0301'.normalize() === '\u00e9', '\u1e9b\u0323'.normalize('NFKD').length]
//# localeCompare basic
return ['a'.localeCompare('b'), 'b'.localeCompare('a'), 'a'.localeCompare('a'), ['b', 'a', 'C'].sort((x, y) => x.localeCompare(y))]
//# localeCompare accents and case
return [['é', 'e', 'f', 'E'].sort((a, b) => a.localeCompare(b)), 'a'.localeCompare('A'), 'résumé'.localeCompare('resume'), ['item10', 'item2', 'item1'].sort((a, b) => a.localeCompare(b))]
//# localeCompare numeric option
return ['item10', 'item2', 'item1'].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
//# case mapping unicode
return ['ß'.toUpperCase(), 'İ'.toLowerCase().length, 'ǅ'.toUpperCase(), 'ǅ'.toLowerCase(), 'ΣΑΣ'.toLowerCase(), 'ﬁ'.toUpperCase(), 'straße'.toLocaleUpperCase(), 'I'.toLocaleLowerCase('tr')]
//# trim unicode spaces
const s = '\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\t\n\v\f\r x \u00a0'
return [s.trim(), s.trimStart().length, s.trimEnd().length, '\u180e x'.trim().length, '\u200b x'.trim().length]
//# codePointAt and fromCodePoint
return ['😀'.codePointAt(0), '😀'.codePointAt(1), '😀'.charCodeAt(0), 'a'.codePointAt(5), String.fromCodePoint(0x1f600, 97), String.fromCharCode(0xd83d, 0xde00), '😀'.length, [...'a😀b'].length]
//# fromCodePoint range error
return String.fromCodePoint(0x110000)
//# String.raw
return [String.raw`a\nb${1 + 1}\t`, String.raw({ raw: ['x', 'y', 'z'] }, 1, 2, 3), String.raw`\u`]
//# isWellFormed and toWellFormed
return ['ab\ud800'.isWellFormed(), 'ab😀'.isWellFormed(), 'a\ud800b\udc00'.toWellFormed(), 'ok'.toWellFormed()]
//# string misc methods
return ['abc'.includes('b'), 'abc'.startsWith('b', 1), 'abc'.endsWith('b', 2), 'ab'.repeat(3), 'a,b'.split(','), ' a '.trim(), 'abc'.substring(2, 0), 'abc'.substr(-2, 1), 'abc'.slice(-2), 'aXbX'.lastIndexOf('X'), 'abc'.indexOf('')]
//# string concat and coercion
return ['a'.concat(1, null, undefined, {}), String(null), String([1, [2, 3]]), String({}), `${[]}`, String(Symbol('d')), 1 + '2', '3' * '4', [] + {}]
//# string html methods
return ['x'.anchor('a"b'), 'x'.bold(), 'x'.link('u')]
//# string iterator and spread
return [[...'héllo'], Array.from('😀x'), Object.keys('ab'), Object.entries('ab')]
//# string comparison
return ['a' < 'b', 'B' < 'a', 'a' < 'aa', '10' < '9', '\u00e9' > 'z', 'ä' < 'b']
//# string search edge cases
return ['abc'.indexOf('c', -5), 'abc'.indexOf('a', 10), 'abc'.lastIndexOf('a', -1), 'aaa'.lastIndexOf('a', 1), 'abc'.includes(''), ''.startsWith('')]
//# array sort default comparator
return [[10, 9, 1, 100, 25].sort(), [undefined, 3, null, 1, , 2].sort(), ['b', 'a', 'B', 'A', 'é', 'e'].sort(), [true, false].sort(), [-1, -2, 0, -0].sort()]
//# array sort stability
const items = Array.from({ length: 30 }, (_, i) => ({ k: i % 3, i }))
return items.sort((a, b) => a.k - b.k).map((x) => x.i).join(',')
//# array sort comparator returning booleans
return [[3, 1, 2].sort((a, b) => a > b), [3, 1, 2].sort((a, b) => b - a), [3, 1, 2].sort(() => 0)]
//# array sort with holes and undefined
const a = [3, undefined, , 1]
a.sort()
return [a, a.length, 2 in a, 3 in a]
//# array sort comparator errors
try {
    [1, 2].sort('nope')
} catch (e) {
    return e.name + ': ' + e.message
}
//# flat and flatMap
return [[1, [2, [3, [4]]]].flat(), [1, [2, [3, [4]]]].flat(Infinity), [1, 2].flatMap((x) => [x, x * 2]), [[1], [2]].flatMap((x) => x), [1, , 3].flat(), [1, 2].flatMap((x) => [[x]])]
//# findLast and findLastIndex
return [[1, 2, 3, 4].findLast((x) => x % 2), [1, 2, 3, 4].findLastIndex((x) => x % 2), [1].findLast((x) => x > 5), [1].findLastIndex((x) => x > 5)]
//# toSorted toReversed with toSpliced
const a = [3, 1, 2]
return [a.toSorted(), a.toReversed(), a.with(0, 9), a.toSpliced(1, 1, 'x', 'y'), a, [1, , 3].toSorted(), (() => { try { return a.with(5, 1) } catch (e) { return e.name + ': ' + e.message } })()]
//# Array.from iterables
return [Array.from(new Set([1, 1, 2])), Array.from(new Map([[1, 'a']])), Array.from({ length: 3 }, (_, i) => i * i), Array.from('ab'), Array.from({ length: 2, 0: 'x' }), Array.from([1, 2], function (x) { return x + this.n }, { n: 10 })]
//# Array.from generator
function* gen() {
    yield 1
    yield 2
}
return [Array.from(gen()), [...gen()], Array.of(7, 8), Array.of(3).length, Array(3).length, Array(3, 4)]
//# array includes indexOf NaN
return [[NaN].includes(NaN), [NaN].indexOf(NaN), [1, 2, 3].includes(2, 2), [-0].includes(0), [1, , 3].includes(undefined), [1, , 3].indexOf(undefined)]
//# array copyWithin fill
return [[1, 2, 3, 4, 5].copyWithin(0, 3), [1, 2, 3].fill(0, 1), new Array(3).fill().map((_, i) => i), [1, 2, 3, 4].copyWithin(-2, 0, 1)]
//# array join and toString
return [[1, [2, [3]], null, undefined].join(), [1, 2].join(''), [].join(), [null].toString(), String([1, 2]), [1, 2].toLocaleString()]
//# array splice and slice
const a = [1, 2, 3, 4, 5]
const removed = a.splice(1, 2, 'a', 'b', 'c')
return [removed, a, a.slice(-2), a.slice(2, -1), [1, 2, 3].splice(-1), [1, 2, 3].splice(1)]
//# array reduce and reduceRight
return [[1, 2, 3].reduce((a, b) => a + b), [[1], [2]].reduceRight((a, b) => a.concat(b)), [1, 2, 3].reduce((acc, x, i, arr) => acc + x * i + arr.length, 0)]
//# array every some filter map holes
const a = [1, , 3]
return [a.map((x) => x * 2), a.filter(() => true), a.every((x) => x), a.some((x) => x === undefined), Object.keys(a.map((x) => x)), a.forEach.length]
//# array keys entries values
return [[...['a', 'b'].keys()], [...['a', 'b'].entries()], [...['a', 'b'].values()], [...[, 1].keys()], Object.keys([, 1])]
//# array length and large index
const a = []
a[4294967294] = 'last'
const b = [1, 2, 3]
b.length = 1
return [a.length, b, [].concat(1, [2], [[3]]), Array.isArray(new Proxy([], {}))]
//# array concat spreadable
const arrLike = { length: 2, 0: 'a', 1: 'b', [Symbol.isConcatSpreadable]: true }
return [[1].concat(arrLike), [1].concat({ length: 1, 0: 'x' }).length]
//# array destructuring and spread
const [a, , b = 5, ...rest] = [1, 2, undefined, 4, 5]
return [a, b, rest, [...[1, 2], ...'ab'], Math.max(...[1, 5, 3])]
//# array groupBy absence
return [typeof Object.groupBy, typeof Map.groupBy, typeof Array.prototype.group, typeof Array.prototype.groupBy, typeof Array.fromAsync, typeof Promise.withResolvers]
//# object entries fromEntries
const o = { b: 2, a: 1 }
return [Object.entries(o), Object.fromEntries([['x', 1], ['y', 2]]), Object.fromEntries(new Map([['m', 1]])), Object.values(o), Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v * 10]))]
//# object key order integer keys first
const o = { b: 1, 2: 'two', a: 2, 1: 'one', '-1': 'neg', '01': 'lead', 1.5: 'frac', 4294967295: 'big', 4294967294: 'max' }
return [Object.keys(o), JSON.stringify(o), Reflect.ownKeys({ [Symbol.iterator]: 1, z: 1, 0: 1 }).map(String)]
//# object key order after delete and reinsert
const o = { a: 1, b: 2, c: 3 }
delete o.a
o.a = 4
return Object.keys(o)
//# Object.hasOwn and friends
const o = Object.create({ inherited: 1 })
o.own = 2
return [Object.hasOwn(o, 'own'), Object.hasOwn(o, 'inherited'), 'inherited' in o, o.hasOwnProperty('own'), Object.prototype.propertyIsEnumerable.call([1], 'length')]
//# Object.assign and spread
const src = { a: 1, get b() { return 2 } }
Object.defineProperty(src, 'hidden', { value: 3, enumerable: false })
return [Object.assign({}, src, null, 'xy'), { ...src, c: 3 }, { ...'hi' }, { ...null }]
//# Object.freeze seal preventExtensions
const f = Object.freeze({ a: { b: 1 } })
f.a.b = 2
f.x = 1
const s = Object.seal({ a: 1 })
s.a = 2
delete s.a
return [f, Object.isFrozen(f), s, Object.isSealed(s), Object.isExtensible(Object.preventExtensions({})), Object.isFrozen('str')]
//# Object.getOwnPropertyNames and descriptors
class A {
    x = 1
    m() {}
    static s() {}
}
return [Object.getOwnPropertyNames(new A()), Object.getOwnPropertyNames(A.prototype), Object.getOwnPropertyNames(A).sort(), Object.getOwnPropertyDescriptors({ get g() { return 1 } }).g.set]
//# typeof checks
return [typeof null, typeof undefined, typeof 1n, typeof Symbol(), typeof function () {}, typeof class {}, typeof [], typeof new Date(), typeof /x/, typeof NaN, typeof async function () {}, typeof function* () {}]
//# toStringTag checks
const tags = [null, undefined, 1, 's', true, [], {}, () => 1, new Date(0), /x/, new Map(), new Set(), new WeakMap(), Promise.resolve(), Symbol(), 1n, new Uint8Array(), new ArrayBuffer(1), new DataView(new ArrayBuffer(1)), Math, JSON, Reflect, (function () { return arguments })(), new Error(), function* () {}, async () => {}, (function* () {})(), new Proxy({}, {}), new Proxy([], {}), globalThis]
return tags.map((v) => Object.prototype.toString.call(v))
//# custom toStringTag
class Tagged {
    get [Symbol.toStringTag]() {
        return 'MyTag'
    }
}
return [String(new Tagged()), Object.prototype.toString.call(new Tagged())]
//# number toString radix
return [(255).toString(16), (255).toString(2), (-255).toString(36), (0.5).toString(2), (0.1).toString(3), (1e21).toString(36), (3.14159).toString(8), (2 ** 53).toString(36), NaN.toString(2), (-0).toString(2)]
//# toFixed edge cases
return [(1.005).toFixed(2), (1.45).toFixed(1), (0.5).toFixed(0), (1.5).toFixed(0), (2.5).toFixed(0), (-1.5).toFixed(0), (1e21).toFixed(2), (1e-10).toFixed(3), (123.456).toFixed(10), (0).toFixed(2), (-0).toFixed(2), (NaN).toFixed(2), (0.000001).toFixed(7), (1.23e20).toFixed(2)]
//# toPrecision edge cases
return [(123.456).toPrecision(4), (0.00001234).toPrecision(2), (123456).toPrecision(2), (1.5).toPrecision(1), (2.5).toPrecision(1), (1e21).toPrecision(3), (0).toPrecision(3), (99.99).toPrecision(3), (-1.005).toPrecision(3), (5e-7).toPrecision(1)]
//# toExponential edge cases
return [(123.456).toExponential(2), (0).toExponential(), (0.00015).toExponential(1), (1.5).toExponential(0), (12345).toExponential(), (-1e-7).toExponential(3), (1).toExponential(20), (Infinity).toExponential()]
//# number to string formatting
return [1e21, 1e-7, 123e-20, 0.000001, 1.7976931348623157e308, 5e-324, 2 ** 31, -1e21, 100 / 3, 0.1 * 3, 1 / 0, -1 / 0, 4.35, 0.000123456789].map(String)
//# parseFloat and parseInt
return [parseFloat('3.14abc'), parseFloat('.5'), parseFloat('-.5e-3x'), parseFloat('Infinityx'), parseFloat('0x10'), parseInt('0x10'), parseInt('10', 16), parseInt('z', 36), parseInt('08'), parseInt('  42px'), parseInt(''), parseInt('1e3'), parseInt(0.0000005), parseInt('123', 1), parseInt('-0'), parseFloat('1e1000')]
//# Number conversion
return [Number('0x10'), Number('0b101'), Number('0o17'), Number(''), Number(' 12 '), Number('12px'), Number(null), Number(undefined), Number([5]), Number('1_000'), Number('-0x10'), Number('Infinity'), Number('.5'), Number('5.'), Number(false), +'\n', Number('١')]
//# Number statics
return [Number.isInteger(5.0), Number.isSafeInteger(2 ** 53), Number.EPSILON > 0, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.isNaN('x'), isNaN('x'), Number.parseFloat === parseFloat, Number.isFinite('5'), isFinite('5')]
//# Math exactness
return [Math.round(-0.5), Math.round(2.5), Math.round(-2.5), Math.round(0.49999999999999994), Math.pow(2, 0.5), Math.pow(10, -5), 2 ** -1074, Math.max(), Math.min(), Math.sign(-0), Math.trunc(-0.9), Math.cbrt(27), Math.hypot(3, 4), Math.fround(5.5), Math.fround(5.05), Math.clz32(1), Math.imul(3, 4), Math.log10(1000), Math.expm1(0), Math.atan2(1, 1)]
//# Math rounding negatives
return [Math.floor(-1.5), Math.ceil(-1.5), Math.round(-1.5), Math.round(1.4999999999999999), Math.abs(-0), Object.is(Math.round(-0.4), -0), Math.max(NaN, 1), Math.min(-0, 0)]
//# Math transcendental
return [Math.sin(1), Math.cos(1), Math.tan(1), Math.exp(1), Math.log(10), Math.sqrt(2), Math.asinh(1), Math.tanh(0.5), Math.log1p(1e-10), Math.pow(1.1, 10), 10 ** 21, 0.1 ** 2]
//# bigint basics
return [2n ** 64n, -7n / 2n, -7n % 2n, BigInt('0x1f'), BigInt.asUintN(8, 257n), BigInt.asIntN(8, 255n), (123n).toString(16), 10n > 9, 10n == 10, typeof BigInt(5), BigInt(Number.MAX_SAFE_INTEGER) + 2n]
//# optional chaining and nullish
const o = { a: { b: null, f() { return this.x }, x: 1 }, arr: [1] }
return [o?.a?.b?.c, o.a.f?.(), o.nope?.(), o.arr?.[0], o.a.b ?? 'def', 0 ?? 'def', '' || 'or', null?.x ?? 'chain', o.a?.['x']]
//# logical assignment
let a = null
let b = 0
let c = 1
a ??= 'set'
b ||= 'or'
c &&= 'and'
const o = {}
o.x ??= []
o.x.push(1)
return [a, b, c, o]
//# labelled loops
const out = []
outer: for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
        if (j === 1) continue outer
        if (i === 2) break outer
        out.push(i + '' + j)
    }
}
blk: {
    out.push('in')
    break blk
}
return out
//# getters and setters
const o = {
    _v: 1,
    get v() { return this._v * 10 },
    set v(x) { this._v = x },
}
o.v = 5
class C {
    #x = 0
    get x() { return this.#x }
    set x(v) { this.#x = v * 2 }
    static get s() { return 'static' }
}
const c = new C()
c.x = 4
return [o.v, c.x, C.s, Object.getOwnPropertyDescriptor(o, 'v').get.name]
//# class fields and private methods
class Counter {
    count = 0
    #step = 2
    static instances = 0
    static #secret = 'hidden'
    #inc() { this.count += this.#step }
    tick() { this.#inc(); return this }
    static reveal() { return Counter.#secret }
    static has(o) { return #step in o }
    static {
        Counter.instances = 100
    }
}
const c = new Counter().tick().tick()
return [c.count, Counter.instances, Counter.reveal(), Counter.has(c), Counter.has({}), Object.keys(c)]
//# class inheritance and super
class A {
    constructor(x) { this.x = x }
    who() { return 'A' + this.x }
    static make() { return new this(1) }
}
class B extends A {
    who() { return 'B>' + super.who() }
}
return [B.make().who(), B.make() instanceof A, Object.getPrototypeOf(B) === A, B.name, new B(2).constructor.name, typeof B]
//# class accessor names and toString
class K {
    static name2 = K.name;
    ['computed' + 1]() {}
}
return [K.name2, Object.getOwnPropertyNames(K.prototype), typeof K.prototype.computed1]
//# generators
function* g() {
    const x = yield 1
    try {
        yield x * 2
    } finally {
        yield 'cleanup'
    }
}
const it = g()
return [it.next(), it.next(5), it.return(9), it.next(), it.next(), Object.prototype.toString.call(it)]
//# generator delegation
function* inner() { yield 'a'; return 'r' }
function* outer() { const r = yield* inner(); yield r; yield* [1, 2] }
return [...outer()]
//# async iterators
async function* agen() {
    yield 1
    await null
    yield 2
}
const out = []
for await (const v of agen()) out.push(v)
for await (const v of [Promise.resolve('p'), 'q']) out.push(v)
return out
//# Symbol.asyncIterator protocol
const src = {
    [Symbol.asyncIterator]() {
        let i = 0
        return { next: async () => ({ done: i >= 2, value: i++ }) }
    },
}
const out = []
for await (const v of src) out.push(v)
return [typeof Symbol.asyncIterator, String(Symbol.asyncIterator), out]
//# async generator object shape
async function* agen() {
    yield 1
}
const it = agen()
return [typeof it[Symbol.asyncIterator], it[Symbol.asyncIterator]() === it, typeof it.next, Object.prototype.toString.call(it)]
//# well-known symbols
return [Symbol.iterator.toString(), Symbol.asyncIterator.description, Symbol.keyFor(Symbol.for('k')), Symbol.keyFor(Symbol.iterator), typeof Symbol.hasInstance, typeof Symbol.toPrimitive, Symbol('x').description]
//# Symbol.toPrimitive
const o = {
    [Symbol.toPrimitive](hint) {
        return hint === 'number' ? 42 : 'str:' + hint
    },
}
return [+o, `${o}`, o + '', o * 1]
//# Proxy basics
const log = []
const p = new Proxy({ a: 1 }, {
    get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r) },
    set(t, k, v) { log.push('set ' + k); t[k] = v * 2; return true },
    has(t, k) { return k === 'magic' || k in t },
    deleteProperty(t, k) { log.push('del ' + k); return delete t[k] },
    ownKeys(t) { return [...Reflect.ownKeys(t), 'virtual'] },
    getOwnPropertyDescriptor(t, k) { return k === 'virtual' ? { value: 'v', enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(t, k) },
})
p.b = 2
const r = [p.a, p.b, 'magic' in p, Object.keys(p), delete p.a]
return [r, log]
//# Proxy function traps
const f = new Proxy(function (a, b) { return a + b }, {
    apply(t, thisArg, args) { return 'applied:' + t(...args) },
    construct(t, args) { return { built: args } },
})
return [f(1, 2), new f(3), typeof f]
//# Proxy revocable
const { proxy, revoke } = Proxy.revocable({}, {})
proxy.x = 1
revoke()
try {
    return proxy.x
} catch (e) {
    return e.name + ': ' + e.message
}
//# Reflect basics
const o = { a: 1 }
return [Reflect.has(o, 'a'), Reflect.ownKeys({ b: 1, [Symbol('s')]: 2 }).length, Reflect.getPrototypeOf([]) === Array.prototype, Reflect.apply(Math.max, null, [1, 3]), Reflect.construct(Date, [0]).getTime(), Reflect.defineProperty(o, 'x', { value: 1 }), Reflect.deleteProperty(Object.freeze({ y: 1 }), 'y'), Reflect.set(o, 'a', 2), o.a]
//# WeakRef and FinalizationRegistry
const target = { v: 1 }
const ref = new WeakRef(target)
const reg = new FinalizationRegistry(() => {})
reg.register(target, 'held')
return [typeof WeakRef, typeof FinalizationRegistry, ref.deref() === target, reg.unregister(target), Object.prototype.toString.call(ref), Object.prototype.toString.call(reg), typeof reg.register]
//# WeakRef errors
const out = []
for (const f of [() => new WeakRef(1), () => WeakRef({}), () => new FinalizationRegistry(1)]) {
    try {
        f()
        out.push('ok')
    } catch (e) {
        out.push(e.name + ': ' + e.message)
    }
}
return out
//# WeakMap WeakSet
const k = {}
const wm = new WeakMap([[k, 1]])
const ws = new WeakSet([k])
return [wm.get(k), wm.has({}), ws.has(k), (() => { try { wm.set(1, 1) } catch (e) { return e.name + ': ' + e.message } })()]
//# Map and Set order and semantics
const m = new Map([[NaN, 'nan'], [0, 'zero']])
m.set(-0, 'negzero')
const s = new Set([3, 1, 3, 2])
s.delete(1)
s.add(1)
return [m.get(NaN), m.get(0), m.size, [...s], [...m.keys()], new Set('hello').size]
//# globalThis basics
return [typeof globalThis, globalThis === globalThis.globalThis, typeof globalThis.Array, typeof globalThis.setTimeout, typeof queueMicrotask, typeof structuredClone === 'function' || typeof structuredClone === 'undefined']
//# Date-free Intl check
return [typeof Intl, typeof Intl === 'object' ? typeof Intl.NumberFormat : 'none']
//# number toLocaleString basic
return [(1234567.891).toLocaleString(), (1234.5).toLocaleString('en-US'), (0.5).toLocaleString()]
//# Array.prototype.toLocaleString numbers
return [[1234, 5678.9].toLocaleString()]
//# string localeCompare sensitivity
return ['a'.localeCompare('á', undefined, { sensitivity: 'base' }), 'a'.localeCompare('A', undefined, { sensitivity: 'accent' })]
//# Function toString and name
function named(a, b) { return a + b }
const anon = function () {}
const arrow = () => {}
const bound = named.bind(null)
return [named.name, anon.name, arrow.name, bound.name, named.length, bound.length, named.toString(), (() => 1).toString(), Math.max.toString(), class Q {}.toString()]
//# arguments object
function f(a, b) {
    arguments[0] = 'changed'
    return [a, arguments.length, Array.prototype.slice.call(arguments), Object.prototype.toString.call(arguments)]
}
return f(1, 2, 3)
//# tagged templates
const tag = (strings, ...vals) => strings.raw.join('|') + ':' + vals.join(',') + ':' + Object.isFrozen(strings)
return tag`a${1}b${2}\n`
//# spread and rest objects
const { a, ...rest } = { a: 1, b: 2, c: 3 }
return [a, rest, { ...{ x: 1 }, ...{ x: 2 } }]
//# date-free structuredClone existence not required
return typeof Array.prototype[Symbol.unscopables]
//# Array.prototype methods count
return ['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with', 'flat', 'flatMap', 'includes', 'copyWithin', 'entries'].map((m) => typeof Array.prototype[m])
//# String.prototype methods count
return ['at', 'isWellFormed', 'toWellFormed', 'replaceAll', 'matchAll', 'trimStart', 'trimEnd', 'padStart', 'normalize', 'codePointAt', 'localeCompare', 'trimLeft'].map((m) => typeof String.prototype[m])
//# Object and Promise statics presence
return [typeof Object.hasOwn, typeof Object.fromEntries, typeof Promise.any, typeof Promise.allSettled, typeof AggregateError, typeof Atomics, typeof SharedArrayBuffer, typeof Set.prototype.union, typeof ArrayBuffer.prototype.transfer, typeof Array.prototype.group]
//# Promise combinators
const r = await Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('x'))])
const any = await Promise.any([Promise.reject(1), Promise.resolve(2)])
const race = await Promise.race([new Promise((res) => setTimeout(() => res('slow'), 20)), Promise.resolve('fast')])
return [r.map((x) => x.status + ':' + (x.value ?? x.reason.message)), any, race]
//# microtask ordering
const out = []
setTimeout(() => out.push('timeout'), 0)
Promise.resolve().then(() => out.push('micro1')).then(() => out.push('micro2'))
queueMicrotask(() => out.push('qm'))
out.push('sync')
await new Promise((r) => setTimeout(r, 5))
return out
//# async await ordering
const out = []
async function a() {
    out.push('a1')
    await null
    out.push('a2')
}
const p = a()
out.push('after call')
await p
return out
