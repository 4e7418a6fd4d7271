//# stringify nested
return JSON.stringify({ a: [1, 'two', null, true], b: { c: 1.5e300, d: -0 } })
//# stringify indent
return JSON.stringify({ a: [1, { b: 2 }], c: 'x' }, null, 2)
//# stringify indent variants
return [
    JSON.stringify({ a: [{ b: 1 }], e: {}, f: [] }, null, '\t'),
    JSON.stringify([1, [2]], null, 20),
    JSON.stringify({ a: 1 }, null, 'abcdefghijklmnop'),
    JSON.stringify([1, 2], null, 0),
    JSON.stringify([1], null, ''),
    JSON.stringify([1], null, -3),
    JSON.stringify([1], null, new Number(3)),
    JSON.stringify([1], null, new String('--')),
    JSON.stringify([1], null, 2.9),
]
//# stringify replacer array
return JSON.stringify({ b: 1, a: 2, c: 3 }, ['a', 'b'])
//# stringify replacer array numbers and duplicates
return JSON.stringify({ b: 1, a: 2, 1: 3, nested: { a: 9, z: 1 } }, ['a', 1, 'zz', 'a', 'nested', new String('b')])
//# stringify replacer function
const calls = []
const out = JSON.stringify({ a: 1, b: [1, 'x'], c: { d: true } }, function (k, v) {
    calls.push(JSON.stringify(k) + ':' + typeof v + ':' + (this === undefined ? 'u' : Array.isArray(this) ? 'arr' : 'obj'))
    if (typeof v === 'number') return v * 2
    if (v === true) return undefined
    return v
})
return [out, calls.join(' ')]
//# stringify replacer function root
return [JSON.stringify(5, (k, v) => (k === '' ? { wrapped: v } : v)), JSON.stringify({ a: 1 }, () => undefined)]
//# stringify toJSON
const o = { toJSON(k) { return 'k=' + k } }
return [JSON.stringify(o), JSON.stringify({ x: o, y: [o] }), JSON.stringify({ d: { toJSON() { return undefined } } })]
//# stringify toJSON then replacer
return JSON.stringify({ a: { toJSON() { return 1 } } }, (k, v) => (typeof v === 'number' ? v + 100 : v))
//# stringify undefined and functions
return JSON.stringify({ u: undefined, f() {}, s: Symbol('x'), arr: [undefined, () => 1, Symbol('y')] })
//# stringify top-level non-serializable
return [JSON.stringify(undefined), JSON.stringify(() => 1), JSON.stringify(Symbol('x')), JSON.stringify(null), JSON.stringify('s'), JSON.stringify(true)]
//# stringify symbol keys skipped
return JSON.stringify({ [Symbol('a')]: 1, b: 2 })
//# stringify unicode escapes
return JSON.stringify('\u2028\u2029\ud800 "quoted" \\ \n\t\u0001')
//# stringify well-formed surrogates
return [JSON.stringify('\ud83d\ude00'), JSON.stringify('\udc00\ud800'), JSON.stringify('a\ud83dz'), JSON.stringify('\u007f\u0000\u001f\b\f\r'), JSON.stringify({ '\ud800': '\udfff' })]
//# stringify special numbers
return [JSON.stringify([NaN, Infinity, -Infinity, -0, 0]), JSON.stringify(-0), JSON.stringify(1e21), JSON.stringify(1e-7), JSON.stringify(123456789.123456789), JSON.stringify(5e-324), JSON.stringify(Number.MAX_VALUE)]
//# stringify boxed primitives
return JSON.stringify([new String('s'), new Number(3), new Boolean(false), Object('x')])
//# stringify map set and others
return JSON.stringify({ m: new Map([[1, 2]]), s: new Set([1]), w: new WeakMap(), re: /x/g, err: new Error('boom'), p: Promise.resolve(1) })
//# stringify typed arrays
return JSON.stringify({ u8: new Uint8Array([1, 2]), f: new Float64Array([0.5]), ab: new ArrayBuffer(2) })
//# stringify inherited and non-enumerable
const o = Object.create({ inh: 1 }, { own: { value: 2, enumerable: true }, hidden: { value: 3, enumerable: false } })
return JSON.stringify(o)
//# stringify key order
return JSON.stringify({ b: 1, 2: 2, a: 3, 1: 4, '-1': 5, '01': 6, 4294967295: 7, 4294967294: 8 })
//# stringify getters
return JSON.stringify({ get g() { return 'got' }, set s(v) {} })
//# stringify array holes and extra props
const a = [1, , 3]
a.extra = 'x'
return JSON.stringify(a)
//# stringify dates
return JSON.stringify({ d: new Date(Date.UTC(2024, 1, 29, 12, 30, 15, 7)), bad: new Date(NaN) })
//# stringify bigint throws
return JSON.stringify({ n: 10n })
//# stringify bigint with toJSON
BigInt.prototype.toJSON = function () { return this.toString() + 'n' }
try {
    return JSON.stringify({ n: 10n })
} finally {
    delete BigInt.prototype.toJSON
}
//# stringify circular simple
const a = {}
a.self = a
return JSON.stringify(a)
//# stringify circular path
const a = { b: { c: [1, {}] } }
a.b.c[1].d = a.b
return JSON.stringify(a)
//# stringify circular long path
const a = { p1: { p2: { p3: { p4: { p5: {} } } } } }
a.p1.p2.p3.p4.p5.back = a
return JSON.stringify(a)
//# stringify circular array
const a = [0]
a.push(a)
return JSON.stringify(a)
//# stringify circular class instance
class Node1 {
    constructor() {
        this.child = { list: [] }
        this.child.list.push(this)
    }
}
return JSON.stringify(new Node1())
//# stringify circular null prototype
const a = Object.create(null)
a.x = a
return JSON.stringify(a)
//# stringify circular via toJSON
const a = {}
a.x = { toJSON() { return a } }
return JSON.stringify(a)
//# stringify circular with replacer
const a = {}
a.x = a
return [JSON.stringify({ ok: 1 }, (k, v) => v), (() => { try { JSON.stringify(a, (k, v) => v) } catch (e) { return e.message } })()]
//# stringify deep nesting
let v = 1
for (let i = 0; i < 500; i++) v = [v]
return JSON.stringify(v).length
//# stringify proxy
return JSON.stringify(new Proxy({ a: 1, b: [2] }, {}))
//# stringify tag
return [JSON[Symbol.toStringTag], String(JSON), Object.prototype.toString.call(JSON), JSON.stringify.length, JSON.parse.length, JSON.stringify.name, JSON.parse.name]
//# parse error message
return JSON.parse('{"a": 1,}')
//# parse error messages
const inputs = ['{a:1}', '', ' ', '[1,]', '[1 2]', '{"a" 1}', '{"a":}', 'tru', 'nul', 'fals', '"abc', '"a\\x"', '01', '-01', '1.', '-', '1e', '1e+', '.5', '+1', '"\u0001"', '"\n"', '{"a":1}x', '[', '{', 'undefined', "'a'", '"\\u12"', '"\\u12G4"', 'NaN', 'Infinity', '-Infinity', '{"a":1 "b":2}', '123abc', '[1,2', '{"a":1,', '  }', '\u00a0 1', '{"a":1}}', 'truex', 'nullx', 'true false', '[true,]', '{,}', '{"a":1,,}', '[,1]', '\u2028', '"\\', '"abc\\"', '{"a"', '{"a":', '{"a":1', '[1', '[1,', '1 2', '\ufeff1', '\x00', '"\ud800"x', '/', '{"\u00e9":1x}', 'x'.repeat(50), '[' + '1,'.repeat(30) + ']', '{"abcdefghijklmnopqrstuvwxyz": truex}', '\t\n\r {"a":[1,2,{"b":true}],}']
return inputs.map((s) => {
    try {
        return JSON.stringify(s) + ' ok ' + JSON.stringify(JSON.parse(s))
    } catch (e) {
        return JSON.stringify(s) + ' ' + e.name + ': ' + e.message
    }
}).join('\n')
//# parse non-string input
const r = []
for (const x of [1, null, true, [1], { toString() { return '[2]' } }, new String('"s"'), undefined]) {
    try {
        r.push(JSON.stringify(JSON.parse(x)))
    } catch (e) {
        r.push(e.name + ': ' + e.message)
    }
}
return r
//# parse object input message
return JSON.parse({})
//# parse reviver
return JSON.parse('{"a": 1, "b": [2, 3]}', (k, v) => typeof v === 'number' ? v * 10 : v)
//# parse reviver order and this
const calls = []
JSON.parse('{"a": {"b": [1, 2]}, "c": 3}', function (k, v) {
    calls.push(JSON.stringify(k) + '=' + JSON.stringify(v) + (Array.isArray(this) ? ' in arr' : ''))
    return v
})
return calls
//# parse reviver deletes and adds
return JSON.parse('{"a": 1, "b": 2, "c": [1, 2, 3]}', (k, v) => (k === 'b' || k === '1' ? undefined : v))
//# parse reviver argument count
let n
JSON.parse('1', function () { n = arguments.length })
return n
//# parse reviver non-function ignored
return JSON.parse('[1]', 5)
//# parse proto key
const o = JSON.parse('{"a":1,"__proto__":{"x":1}}')
return [Object.keys(o), o.x, Object.getPrototypeOf(o) === Object.prototype, JSON.stringify(o)]
//# parse duplicate keys
return [JSON.parse('{"a":1,"b":2,"a":3}'), Object.keys(JSON.parse('{"a":1,"b":2,"a":3}'))]
//# parse integer keys order
return Object.keys(JSON.parse('{"2":1,"1":2,"b":3,"a":4,"-1":5,"01":6}'))
//# parse numbers
const inputs = ['1e400', '-1e400', '-0', '0', '123456789012345678901234567890', '9007199254740993', '1E+2', '-1.5e-3', '0.1', '1e-400', '5e-324', '2.2250738585072014e-308', '1.7976931348623157e308', '0.30000000000000004', '100000000000000000000000', '1e21', '12345678901234567890.5']
return inputs.map((s) => { const v = JSON.parse(s); return Object.is(v, -0) ? '-0' : String(v) }).join(' ')
//# parse big number precision
return [JSON.parse('{"id": 1234567890123456789}').id, JSON.parse('[0.1e1, 1.5E2, 2e-2]')]
//# parse strings and escapes
return JSON.parse('["\\ud83d\\ude00", "\\uD800x", "\\/", "\\b\\f\\n\\r\\t", "\\u0000", "\u2028\u2029", "\u00e9\u4e2d", "\\"\\\\"]').map((s) => [...s].map((c) => c.codePointAt(0).toString(16)).join(','))
//# parse lone surrogate escape keeps code unit
const s = JSON.parse('"\\ud800"')
return [s.length, s.charCodeAt(0), s.isWellFormed ? s.isWellFormed() : 'n/a']
//# parse whitespace
return [JSON.parse('\t\r\n 1 \n'), JSON.parse(' [ 1 , { "a" : [ ] } ] ')]
//# parse deep nesting
const depth = 10000
return JSON.parse('['.repeat(depth) + ']'.repeat(depth)).length
//# parse empty containers and keys
return [JSON.parse('{}'), JSON.parse('[]'), JSON.parse('{"":1}'), JSON.parse('""')]
//# parse result is mutable plain object
const o = JSON.parse('{"a":[1]}')
o.a.push(2)
o.b = 1
return [o, Object.isFrozen(o), Array.isArray(o.a), Object.getOwnPropertyDescriptor(o, 'a').enumerable]
//# parse roundtrip unicode
const s = 'h\u00e9llo \u4e16\u754c \ud83d\ude00 \u0007'
return JSON.parse(JSON.stringify({ s })).s === s
//# parse large array
const arr = Array.from({ length: 1000 }, (_, i) => ({ i, s: 'v' + i }))
const back = JSON.parse(JSON.stringify(arr))
return [back.length, back[999].s, back[500].i]
//# number formatting
return [0.1 + 0.2, 1e21, 123456789012345680000, 5e-7, -1e-7, 2 ** 53, 1 / 3].map(String).join(' ')
