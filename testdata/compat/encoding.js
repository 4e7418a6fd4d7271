//# TextEncoder encode
const e = new TextEncoder()
return [e.encoding, e.encode('hé😀'), e.encode(), e.encode(undefined), e.encode(null), e.encode(5), e.encode('\ud800x')]
//# TextEncoder returns plain Uint8Array
const r = new TextEncoder().encode('x')
return [r instanceof Uint8Array, Buffer.isBuffer(r), r.constructor.name, r.buffer.byteLength]
//# TextEncoder encodeInto
const e = new TextEncoder()
const d = new Uint8Array(5)
return [e.encodeInto('héllo', d), d, e.encodeInto('😀a', new Uint8Array(3)), e.encodeInto('', new Uint8Array(1)), e.encodeInto('\ud800', new Uint8Array(3))]
//# TextEncoder errors
const e = new TextEncoder()
const out = []
for (const f of [() => e.encodeInto('a', []), () => e.encodeInto(5, new Uint8Array(2)), () => e.encodeInto('a', new Uint16Array(2)), () => TextEncoder.prototype.encode.call({}), () => Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encoding').get.call(null)]) {
  try { out.push(f()) } catch (er) { out.push(er.name + ' ' + er.code + ': ' + er.message) }
}
return out
//# TextEncoder shape
const e = new TextEncoder()
return [Object.prototype.toString.call(e), Object.keys(e), typeof TextEncoder, Object.keys(TextEncoder.prototype)]
//# TextDecoder utf-8
const d = new TextDecoder()
return [d.encoding, d.fatal, d.ignoreBOM, d.decode(new Uint8Array([104, 195, 169, 240, 159, 152, 128])), d.decode(), d.decode(undefined), d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]))]
//# TextDecoder replacement characters
const d = new TextDecoder()
return [[0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80, 0x41], [0xc0, 0x80, 0xff, 0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x61, 0xe2, 0x82, 0xac, 0xe2, 0x82]].map((a) => JSON.stringify(d.decode(new Uint8Array(a))))
//# TextDecoder input kinds
const d = new TextDecoder()
const bytes = new Uint8Array([0x78, 0x68, 0x69, 0x79])
return [d.decode(bytes.buffer), d.decode(bytes.subarray(1, 3)), d.decode(new DataView(bytes.buffer, 1, 2)), d.decode(new Uint16Array([0x6968])), d.decode(Buffer.from('buf'))]
//# TextDecoder input errors
const d = new TextDecoder()
const out = []
for (const v of ['abc', 123, null, {}, [1, 2]]) {
  try { out.push(d.decode(v)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# TextDecoder fatal
const out = []
for (const [label, bytes] of [['utf-8', [0xc0]], ['utf-8', [0x61, 0xe2, 0x82]], ['utf-16le', [0x41]], ['utf-16le', [0x00, 0xdc]], ['utf-8', [0x61]]]) {
  try { out.push(new TextDecoder(label, { fatal: true }).decode(new Uint8Array(bytes))) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message + ' ' + JSON.stringify(Object.keys(e))) }
}
return out
//# TextDecoder ignoreBOM
const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])
return [new TextDecoder('utf-8', { ignoreBOM: true }).decode(bom).length, new TextDecoder().decode(bom).length, new TextDecoder('utf-8', { ignoreBOM: true }).ignoreBOM]
//# TextDecoder streaming utf-8
const d = new TextDecoder()
return [d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), d.decode(new Uint8Array([0xac])), d.decode(new Uint8Array([0xe2])), d.decode(), d.decode(new Uint8Array([0xef, 0xbb]), { stream: true }), d.decode(new Uint8Array([0xbf, 0x41]), { stream: true }), d.decode(new Uint8Array([0xef, 0xbb, 0xbf]))].map((s) => JSON.stringify(s))
//# TextDecoder utf-16le
return [new TextDecoder('utf-16le').decode(new Uint8Array([0x41, 0, 0x00, 0xd8, 0x42])), new TextDecoder('utf-16').decode(new Uint8Array([0xff, 0xfe, 0x41, 0])), new TextDecoder('utf-16le').decode(new Uint8Array([0x3d, 0xd8, 0x00, 0xde])), new TextDecoder('UTF-16LE').encoding, new TextDecoder('utf-16be').decode(new Uint8Array([0xfe, 0xff, 0, 0x41]))].map((s) => JSON.stringify(s))
//# TextDecoder utf-16 streaming
const s = new TextDecoder('utf-16le')
return [s.decode(new Uint8Array([0x3d, 0xd8]), { stream: true }), s.decode(new Uint8Array([0x00, 0xde]), { stream: true }), s.decode(new Uint8Array([0x41]), { stream: true }), s.decode()].map((x) => JSON.stringify(x))
//# TextDecoder latin1 and windows-1252
const bytes = new Uint8Array([0x80, 0x9f, 0xe9, 0xff, 0x41])
const codes = (s) => Array.from(s, (c) => c.charCodeAt(0))
const w = new TextDecoder('windows-1252')
return [new TextDecoder('latin1').encoding, new TextDecoder('ascii').encoding, new TextDecoder('iso-8859-1').encoding, codes(new TextDecoder('latin1').decode(bytes)), codes(w.decode(bytes.subarray(0, 1), { stream: true })), codes(w.decode(bytes))]
//# TextDecoder other encodings
return [['iso-8859-2', [0xa1, 0xe9]], ['gbk', [0xc4, 0xe3]], ['shift_jis', [0x82, 0xa0]], ['koi8-r', [0xc1]], ['windows-1251', [0xc0]], ['euc-kr', [0xb0, 0xa1]], ['big5', [0xa4, 0x40]]].map(([l, b]) => { const d = new TextDecoder(l); return d.encoding + ':' + d.decode(new Uint8Array(b)) })
//# TextDecoder labels
return [' UTF8 ', 'unicode-1-1-utf-8', 'utf-16', 'ucs-2', 'cp1252', 'l1', 'x-sjis', 'csisolatin2', 'gb2312', 'iso-8859-8-i', 'sjis'].map((l) => new TextDecoder(l).encoding)
//# TextDecoder unsupported
const out = []
for (const l of ['nope', 'x-user-defined', 'replacement', 'iso-2022-kr', '', 'utf-7']) {
  try { out.push(new TextDecoder(l).encoding) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# TextDecoder option errors
const out = []
for (const f of [() => new TextDecoder('utf8', 5), () => new TextDecoder('utf-16le').decode(new Uint8Array(2), 5), () => new TextDecoder().decode(new Uint8Array([0x61]), 5), () => TextDecoder.prototype.decode.call({}), () => new TextDecoder(undefined, null).encoding]) {
  try { out.push(f()) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# TextDecoder shape
const d = new TextDecoder()
return [Object.prototype.toString.call(d), Object.keys(d), Object.keys(TextDecoder.prototype), typeof TextDecoder]
//# btoa and atob
return [btoa('hello'), atob('aGVsbG8='), atob(' aGVs bG8 '), btoa(''), atob(''), btoa('\u00ff\u0000a'), atob('YQ'), atob('YR=='), atob('ab=='), atob('abc='), atob('YW\nJj'), btoa(5), btoa({}), atob(null)]
//# atob binary round trip
let s = ''
for (let i = 0; i < 256; i++) s += String.fromCharCode(i)
const b = btoa(s)
const back = atob(b)
return [b.length, b.slice(0, 16), back === s, back.length]
//# atob errors
const out = []
for (const s of ['a', 'a!', 'aGVsbG8==', '=aGk', 'aG=k', 'ab!cd', 'a===', 'ab=c', 'abc==', 'ab=', 'a b\tc\nd\fe\r', 'a\u00a0bcd', 'abc\u0100', '=', 'AA==AA==', 'ab.c', 'ab-c', 'ab_c', undefined]) {
  try { out.push(atob(s)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# btoa errors
const out = []
for (const f of [() => btoa('\u0100'), () => btoa('héllo😀'), () => btoa(), () => atob()]) {
  try { out.push(f()) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# DOMException shape
try { atob('!') } catch (e) { return [e instanceof DOMException, e instanceof Error, e.name, e.message, e.code, Object.keys(e), String(e), Object.prototype.toString.call(e), e.constructor.name, typeof e.stack] }
//# DOMException constructor
const a = new DOMException('m', 'NotFoundError')
const b = new DOMException()
const c = new DOMException('x', { name: 'AbortError', cause: 'why' })
return [a.name, a.message, a.code, b.name, b.message, b.code, c.name, c.code, c.cause, DOMException.ABORT_ERR, a.DATA_CLONE_ERR, new DOMException('v', 'ValidationError').code]
//# DOMException getters on wrong this
try { Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.call({}) } catch (e) { return [e.name, e.code, e.message, String(e)] }
//# structuredClone basics
const src = { n: 1, s: 'x', b: true, u: undefined, nul: null, neg: -0, nan: NaN, big: 5n, arr: [1, [2, { d: 3 }]], nested: { deep: { x: 1 } } }
const c = structuredClone(src)
return [c, c !== src, c.arr !== src.arr, Object.is(c.neg, -0)]
//# structuredClone Date RegExp Map Set
const re = /a+/gi
re.lastIndex = 3
const c = structuredClone({ d: new Date(Date.UTC(2024, 1, 29)), re, m: new Map([[{ a: 1 }, new Set([1, 'x'])]]), s: new Set([1, 2]), inv: new Date(NaN) })
return [c.d, c.re, c.re.lastIndex, c.re === re, c.m, c.s, c.inv]
//# structuredClone cycles and shared references
const cyc = { name: 'c' }
cyc.self = cyc
cyc.list = [cyc]
const shared = { s: 1 }
const c = structuredClone(cyc)
const sh = structuredClone({ a: shared, b: shared })
const m = new Map()
m.set('me', m)
const cm = structuredClone(m)
return [c.self === c, c.list[0] === c, c !== cyc, sh.a === sh.b, sh.a !== shared, cm.get('me') === cm]
//# structuredClone binary data
const b = Buffer.from('abc')
const cb = structuredClone(b)
const u16 = new Uint16Array([1, 2, 3]).subarray(1)
const c16 = structuredClone(u16)
const ab = new ArrayBuffer(4)
const cab = structuredClone(ab)
const dv = structuredClone(new DataView(new ArrayBuffer(4), 1, 2))
return [cb, cb.constructor.name, Buffer.isBuffer(cb), c16, c16.byteOffset, c16.buffer.byteLength, cab, cab === ab, dv.byteOffset, dv.byteLength, dv.buffer.byteLength]
//# structuredClone shared ArrayBuffer views
const ab = new ArrayBuffer(4)
const c = structuredClone({ a: new Uint8Array(ab), b: new Uint8Array(ab, 2) })
c.a[2] = 7
return [c.a.buffer === c.b.buffer, c.b[0]]
//# structuredClone arrays keep holes and extra properties
const arr = [1, , 3]
arr.extra = 'e'
const c = structuredClone(arr)
return [c, 1 in c, c.length, c.extra]
//# structuredClone class instances and getters
class K { constructor() { this.x = 1 } get y() { return 2 } }
const k = structuredClone(new K())
const g = structuredClone({ get g() { return 42 } })
const o = Object.create(null)
o.x = 1
const sy = { [Symbol('s')]: 1, a: 2 }
const hidden = Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false })
return [k, Object.getPrototypeOf(k) === Object.prototype, g, Object.getOwnPropertyDescriptor(g, 'g').writable, Object.getPrototypeOf(structuredClone(o)) === Object.prototype, structuredClone(sy), structuredClone(hidden)]
//# structuredClone errors objects
const e = structuredClone(Object.assign(new RangeError('bad', { cause: 'c' }), { extra: 1, code: 'X' }))
class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr' } }
const me = structuredClone(new MyErr('m'))
const ne = new Error('n')
ne.name = 'TypeError'
const ce = structuredClone(ne)
return [e, e.constructor.name, e.cause, e.extra, Object.keys(e), typeof e.stack, me.constructor.name, me.name, ce.constructor.name]
//# structuredClone wrappers
const c = structuredClone([new Number(1), new String('s'), new Boolean(false)])
return [typeof c[0], c[0] + 1, c[1] + '!', c[2].valueOf(), structuredClone('str'), structuredClone(1.5), structuredClone(undefined), structuredClone(null)]
//# structuredClone uncloneable values
const out = []
for (const v of [() => 1, (a) => a + 1, Symbol('x'), { a: Symbol('y') }, new WeakMap(), new WeakSet(), Promise.resolve(), [][Symbol.iterator](), new Proxy({ a: 1 }, {}), (function* () {})()]) {
  try { structuredClone(v); out.push('cloned') } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# structuredClone argument errors
const out = []
for (const f of [() => structuredClone(), () => structuredClone(1, 5), () => structuredClone(1, { transfer: 5 }), () => structuredClone(1, { transfer: [5] }), () => structuredClone(1, null), () => structuredClone(undefined)]) {
  try { out.push(f()) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message + ' ' + JSON.stringify(Object.keys(e))) }
}
return out
//# structuredClone transfer detaches
const ab = new ArrayBuffer(2)
new Uint8Array(ab)[0] = 9
const c = structuredClone(ab, { transfer: [ab] })
return [ab.byteLength, c.byteLength, new Uint8Array(c)[0]]
//# structuredClone getter throwing propagates
try { structuredClone({ get g() { throw new Error('getter') } }) } catch (e) { return [e.name, e.message] }
//# structuredClone web objects become plain
return [structuredClone(new URL('http://a/')), structuredClone(new URLSearchParams('a=1')), structuredClone(new TextEncoder()), structuredClone(Math)]
//# structuredClone Map subclass
class M extends Map {}
const c = structuredClone(new M([[1, 2]]))
return [c, c.constructor.name]
//# structuredClone of plugin event
const event = { event: 'pageview', properties: { $current_url: 'https://x.com/?a=1', tags: ['a', 'b'], when: new Date(0) } }
const c = structuredClone(event)
c.properties.tags.push('c')
return [event.properties.tags.length, c.properties.tags.length, c.properties.when instanceof Date]
//# console.log of coders and DOMException
console.log(new TextEncoder(), new TextDecoder('utf-16le', { fatal: true }))
try { atob('!') } catch (e) { console.log(Object.keys(e), String(e)) }
return 1
