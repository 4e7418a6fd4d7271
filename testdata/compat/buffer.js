//# from utf8 string
return Buffer.from('héllo wörld ✓ 😀')
//# from utf8 explicit encodings
return [Buffer.from('abc', 'utf8'), Buffer.from('abc', 'utf-8'), Buffer.from('abc', 'UTF8'), Buffer.from('abc', 'Utf-8')]
//# from hex
return [Buffer.from('deadBEEF', 'hex'), Buffer.from('abz', 'hex'), Buffer.from('a', 'hex'), Buffer.from('0g12', 'hex'), Buffer.from('\u0161\u0162', 'hex')]
//# from base64
return [Buffer.from('aGVsbG8=', 'base64'), Buffer.from('aGVsbG8', 'base64'), Buffer.from('YWJj\nZGVm', 'base64'), Buffer.from('Y', 'base64'), Buffer.from('YQ==YQ==', 'base64'), Buffer.from('-_-_', 'base64')]
//# from base64url
return [Buffer.from('-_-_', 'base64url'), Buffer.from('+/+/', 'base64url'), Buffer.from('aGk', 'base64url'), Buffer.from('aGk=', 'base64url')]
//# from latin1 binary ascii
return [Buffer.from('\u00ff\u0100a', 'latin1'), Buffer.from('\u00ff\u0100a', 'binary'), Buffer.from('\u00ff\u0100a', 'ascii')]
//# from utf16le ucs2
return [Buffer.from('a€\ud83d\ude00', 'utf16le'), Buffer.from('ab', 'ucs2'), Buffer.from('ab', 'ucs-2'), Buffer.from('ab', 'UTF-16LE'), Buffer.from('\ud800', 'utf16le')]
//# from lone surrogates utf8
return [Buffer.from('\ud800x'), Buffer.from('\udc00\ud800'), Buffer.from('\ud83d\ude00')]
//# from array
return [Buffer.from([1, 2, 3]), Buffer.from([256, -1, 3.7, '4', 'x', null]), Buffer.from([])]
//# from array-like and JSON shape
return [Buffer.from({ length: 3, 0: 1, 1: 2 }), Buffer.from({ type: 'Buffer', data: [104, 105] }), Buffer.from({ length: 'x' })]
//# from buffer copies
const a = Buffer.from('abc')
const b = Buffer.from(a)
b[0] = 0x7a
return [a, b, a.byteLength, b.byteLength]
//# small buffers come from a shared pool
return [Buffer.from('a').buffer.byteLength, Buffer.from('ab').buffer === Buffer.from('cd').buffer, Buffer.alloc(3).buffer.byteLength]
//# from Uint8Array copies
const u = new Uint8Array([1, 2, 3])
const b = Buffer.from(u)
u[0] = 9
return [b, Buffer.isBuffer(b), Buffer.from(new Uint16Array([1, 258, 3]))]
//# from ArrayBuffer shares memory
const ab = new ArrayBuffer(8)
const b = Buffer.from(ab, 2, 4)
b[0] = 0xff
return [new Uint8Array(ab), b.length, b.byteOffset, b.buffer === ab]
//# from ArrayBuffer bounds
const ab = new ArrayBuffer(4)
const out = []
for (const args of [[5], [1, 9], [1], ['x', 2], [0, -1]]) {
  try { out.push(Buffer.from(ab, ...args).length) } catch (e) { out.push(e.code + ': ' + e.message) }
}
return out
//# from String object and toPrimitive
return [Buffer.from(new String('obj')), Buffer.from({ [Symbol.toPrimitive]: () => 'prim' }), Buffer.from({ valueOf: () => 'vo' })]
//# from invalid arguments
const out = []
for (const v of [5, undefined, null, Symbol('s'), () => 1, true, {}]) {
  try { Buffer.from(v); out.push('ok') } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# unknown encoding error
try { Buffer.from('abc', 'xyz') } catch (e) { return [e.name, e.code, e.message, String(e), Object.keys(e), e instanceof TypeError] }
//# toString encodings
const b = Buffer.from([0x68, 0xc3, 0xa9, 0x00, 0xff, 0x80, 0x7f])
return ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le'].map((e) => b.toString(e))
//# toString default and case-insensitive names
const b = Buffer.from('Hi!')
return [b.toString(), b.toString('HEX'), b.toString('Base64'), b.toString(undefined), String(b), b + '', `${b}`]
//# toString ranges
const b = Buffer.from('abcdef')
return [b.toString('utf8', 1, 3), b.toString('utf8', -5, 2), b.toString('utf8', 4), b.toString('utf8', 10), b.toString('utf8', 3, 1), b.toString('utf8', 1.7, 3.9), b.toString('utf8', '2', '4'), b.toString('utf8', null, 2), b.toString('hex', 2, 100), b.toString(undefined, 1, 2)]
//# toString unknown encoding
const out = []
for (const e of ['xyz', null, 5, '']) {
  try { out.push(Buffer.from('a').toString(e)) } catch (err) { out.push(err.code + ': ' + err.message) }
}
return out
//# toString invalid utf8 replacement
return [[0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80, 0x41], [0xc0, 0x80, 0xff, 0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80], [0x61, 0xe2, 0x82, 0xac, 0xe2, 0x82], [0xef, 0xbb, 0xbf, 0x61]].map((a) => JSON.stringify(Buffer.from(a).toString()))
//# toString utf16 odd length
return [JSON.stringify(Buffer.from([0x00, 0xd8, 0x41]).toString('utf16le')), Buffer.from([0x61, 0, 0x62]).toString('ucs2')]
//# base64 round trip of binary
const b = Buffer.alloc(256)
for (let i = 0; i < 256; i++) b[i] = i
const s = b.toString('base64')
return [s.length, s.slice(0, 20), s.slice(-8), Buffer.from(s, 'base64').equals(b), b.toString('base64url').slice(-6)]
//# alloc
return [Buffer.alloc(3), Buffer.alloc(5, 'ab'), Buffer.alloc(4, 0x101), Buffer.alloc(6, 'aGk=', 'base64'), Buffer.alloc(3, Buffer.from([1, 2])), Buffer.alloc(0), Buffer.alloc(2, ''), Buffer.alloc(5, 'é')]
//# alloc errors
const out = []
for (const args of [[-1], ['5'], [2 ** 33], [NaN], [1.5], [3, 'zz', 'hex'], [3, 'a', 'nope']]) {
  try { out.push(Buffer.alloc(...args)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# allocUnsafe and allocUnsafeSlow
const a = Buffer.allocUnsafe(10)
const b = Buffer.allocUnsafeSlow(3)
return [a.length, Buffer.isBuffer(a), b.length, Buffer.isBuffer(b)]
//# isBuffer
return [Buffer.isBuffer(Buffer.alloc(1)), Buffer.isBuffer(new Uint8Array(1)), Buffer.isBuffer('a'), Buffer.isBuffer(null), Buffer.isBuffer(Buffer.from('ab').subarray(1)), Buffer.isBuffer({})]
//# instanceof and prototype chain
const b = Buffer.from('x')
return [b instanceof Uint8Array, b instanceof Buffer, b.constructor === Buffer, b.constructor.name, Object.getPrototypeOf(Buffer) === Uint8Array, Object.prototype.toString.call(b), typeof Buffer, Buffer.name, Buffer.length]
//# byteLength
return [Buffer.byteLength('héllo'), Buffer.byteLength('😀'), Buffer.byteLength('\ud800'), Buffer.byteLength('aGVsbG8=', 'base64'), Buffer.byteLength('aGVsbG8', 'base64url'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('abc', 'hex'), Buffer.byteLength('ab', 'utf16le'), Buffer.byteLength('é', 'latin1'), Buffer.byteLength('é', 'nope'), Buffer.byteLength(Buffer.alloc(7)), Buffer.byteLength(new ArrayBuffer(5)), Buffer.byteLength(new Uint32Array(2)), Buffer.byteLength('')]
//# byteLength invalid
try { Buffer.byteLength(5) } catch (e) { return e.code + ': ' + e.message }
//# concat
const a = Buffer.from('ab')
const b = Buffer.from('cde')
return [Buffer.concat([a, b]), Buffer.concat([a, b], 3), Buffer.concat([a, b], 8), Buffer.concat([]), Buffer.concat([new Uint8Array([1, 2])]), Buffer.concat([a], 0)]
//# concat errors
const out = []
for (const args of [['a'], [[1]], [[Buffer.from('a'), 'b']], [[Buffer.from('a')], -1], [[Buffer.from('a')], 1.5], [[Buffer.from('a')], '1']]) {
  try { out.push(Buffer.concat(...args)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# compare static
const a = Buffer.from('abc')
return [Buffer.compare(a, Buffer.from('abd')), Buffer.compare(a, Buffer.from('ab')), Buffer.compare(a, a), Buffer.compare(Buffer.from('b'), a), [Buffer.from('c'), Buffer.from('a'), Buffer.from('b')].sort(Buffer.compare)]
//# compare static errors
try { Buffer.compare('a', Buffer.from('a')) } catch (e) { return e.code + ': ' + e.message }
//# isEncoding
return ['utf8', 'UTF-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le', 'utf-16le', 'xyz', '', null, 5, 'utf16'].map((e) => Buffer.isEncoding(e))
//# indexing and wrapping
const b = Buffer.alloc(4)
b[0] = 300
b[1] = -1
b[2] = 1.9
b[3] = '7'
b[10] = 5
return [b, b[10], b.length, b[-1]]
//# slice and subarray share memory
const b = Buffer.from('abcdef')
const s = b.slice(1, 3)
const t = b.subarray(-2)
s[0] = 0x42
return [b, s, t, Buffer.isBuffer(s), Buffer.isBuffer(t), b.slice(4, 2).length, b.slice(-100, 2), b.subarray(2, 1000), b.slice('1', '3'), b.slice(NaN)]
//# equals
const a = Buffer.from('abc')
return [a.equals(Buffer.from('abc')), a.equals(Buffer.from('abd')), a.equals(new Uint8Array([97, 98, 99])), a.equals(a), Buffer.alloc(0).equals(Buffer.alloc(0))]
//# equals error
try { Buffer.from('abc').equals('abc') } catch (e) { return e.code + ': ' + e.message }
//# compare instance with ranges
const a = Buffer.from([1, 2, 3, 4, 5])
const b = Buffer.from([3, 4, 5, 6])
return [a.compare(b), b.compare(a), a.compare(b, 0, 3, 2, 5), a.compare(b, 0, 2, 2), a.compare(b, 5), a.compare(b, 1, 1), a.compare(b, 0, 4, 1, 1)]
//# compare instance errors
const a = Buffer.from('abc')
const out = []
for (const args of [['x'], [a, -1], [a, 0, 10], [a, 0, 1, 0, 9], [a, 1.5]]) {
  try { out.push(a.compare(...args)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# indexOf and includes
const b = Buffer.from('this is a buffer is it')
return [b.indexOf('is'), b.indexOf('is', 3), b.indexOf('is', -5), b.indexOf(Buffer.from('a b')), b.indexOf(97), b.indexOf(97 + 256), b.indexOf('zz'), b.indexOf(''), b.indexOf('', 100), b.includes('buf'), b.includes('buf', 12), b.indexOf('is', 'utf8'), b.indexOf(new Uint8Array([105, 115]))]
//# lastIndexOf
const b = Buffer.from('abcabcabc')
return [b.lastIndexOf('abc'), b.lastIndexOf('abc', 5), b.lastIndexOf('abc', -4), b.lastIndexOf('c', 100), b.lastIndexOf(98), b.lastIndexOf('', 100), b.lastIndexOf('abc', -100), b.lastIndexOf(Buffer.from('ca'))]
//# indexOf with encodings
const b = Buffer.from('hello world')
const u = Buffer.from('hello', 'utf16le')
return [b.indexOf('776f', 0, 'hex'), b.indexOf('d29y', 0, 'base64'), b.indexOf('wor', 'latin1'), u.indexOf('l', 0, 'utf16le'), u.indexOf('lo', 'ucs2'), Buffer.from('a\0b\0', 'latin1').indexOf('b', 0, 'ucs2'), Buffer.from('\0a\0b', 'latin1').indexOf('b', 0, 'ucs2')]
//# indexOf errors
const b = Buffer.from('abc')
const out = []
for (const v of [{}, null, true]) {
  try { out.push(b.indexOf(v)) } catch (e) { out.push(e.code + ': ' + e.message) }
}
try { b.indexOf('a', 0, 'nope') } catch (e) { out.push(e.code + ': ' + e.message) }
return out
//# toJSON and JSON.stringify
const b = Buffer.from('hi!')
return [JSON.stringify(b), JSON.stringify({ b, n: 1 }), b.toJSON(), JSON.stringify(Buffer.alloc(0)), Buffer.from(JSON.parse(JSON.stringify(b)))]
//# write
const b = Buffer.alloc(8)
const r = [b.write('ab'), b.write('cd', 2), b.write('ef', 4, 1), b.write('6869', 5, 'hex'), b.write('zz', 'latin1')]
return [r, b]
//# write partial characters
const b = Buffer.alloc(4)
const c = Buffer.alloc(5)
return [b.write('€€'), b, c.write('a€', 2), c, Buffer.alloc(3).write('abcd', 'utf16le'), Buffer.alloc(3).write('aGVsbG8=', 'base64')]
//# write errors
const b = Buffer.alloc(4)
const out = []
for (const args of [[5], ['a', 5], ['a', -1], ['a', 0, 9], ['a', 0, 1, 'nope'], ['a', 1.5]]) {
  try { out.push(b.write(...args)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# fill
return [Buffer.alloc(5).fill('ab'), Buffer.alloc(5).fill(0x41, 1, 3), Buffer.alloc(4).fill('6162', 'hex'), Buffer.alloc(5).fill('€'), Buffer.alloc(3).fill(''), Buffer.alloc(4).fill(Buffer.from([1, 2, 3])), Buffer.alloc(3).fill(-1), Buffer.alloc(3).fill(true), Buffer.alloc(4).fill('a', 1), Buffer.alloc(4).fill('b', 1, 'latin1'), Buffer.alloc(3).fill('x', 2, 1)]
//# fill errors
const out = []
for (const args of [['zz', 'hex'], ['a', -1], ['a', 0, 9], ['a', 0, 2, 'nope'], ['a', 0, 2, 5], [Buffer.alloc(0)]]) {
  try { out.push(Buffer.alloc(3).fill(...args)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# copy
const src = Buffer.from('abcdef')
const dst = Buffer.alloc(4, '.')
const n = src.copy(dst, 1, 2)
const dst2 = Buffer.alloc(3)
return [n, dst, src.copy(dst2), dst2, src.copy(Buffer.alloc(2), 5), src.copy(Buffer.alloc(2), 0, 4, 2)]
//# copy overlapping
const b = Buffer.from('abcdefgh')
b.copy(b, 2, 0, 5)
return b
//# copy errors
const src = Buffer.from('abc')
const out = []
for (const args of [['x'], [Buffer.alloc(2), -1], [Buffer.alloc(2), 0, 9], [Buffer.alloc(2), 0, 0, -1]]) {
  try { out.push(src.copy(...args)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# read unsigned integers
const b = Buffer.from([1, 2, 3, 4, 5, 6, 0xff, 0xfe])
return [b.readUInt8(0), b.readUInt8(6), b.readUInt16LE(0), b.readUInt16BE(0), b.readUInt32LE(0), b.readUInt32BE(4), b.readUIntLE(0, 3), b.readUIntBE(2, 6), b.readUint16LE(6), b.readUint32BE(0)]
//# read signed integers
const b = Buffer.from([0xff, 0xfe, 0x80, 0x00, 0x7f, 0x01, 0x02, 0x83])
return [b.readInt8(0), b.readInt8(4), b.readInt16LE(0), b.readInt16BE(2), b.readInt32LE(0), b.readInt32BE(4), b.readIntLE(0, 3), b.readIntBE(2, 5), b.readIntLE(2, 6), b.readIntBE(0, 1)]
//# read floats and doubles
const b = Buffer.from([0, 0, 0x80, 0x3f, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18])
return [b.readFloatLE(0), b.readFloatBE(0), b.readDoubleBE(4), b.readDoubleLE(4)]
//# read bigints
const b = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0, 0, 0, 0, 0x80])
return [b.readBigUInt64LE(0), b.readBigInt64LE(0), b.readBigUInt64BE(8), b.readBigInt64BE(8), b.readBigInt64LE(8), b.readBigUint64LE(8)]
//# read errors
const b = Buffer.alloc(4)
const out = []
for (const f of [() => b.readUInt8(4), () => b.readUInt8(1.5), () => b.readUInt8('1'), () => b.readUInt16LE(3), () => b.readUInt32BE(-1), () => b.readUIntLE(0, 7), () => b.readUIntLE(undefined, 2), () => Buffer.alloc(1).readUInt32LE(0), () => b.readBigInt64LE(0), () => b.readDoubleLE(0), () => b.readInt8(NaN)]) {
  try { out.push(f()) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# write integers
const b = Buffer.alloc(16)
const r = [b.writeUInt8(255, 0), b.writeUInt16LE(0x1234, 1), b.writeUInt16BE(0x1234, 3), b.writeUInt32LE(0xdeadbeef, 5), b.writeInt32BE(-2, 9), b.writeInt8(-128, 13), b.writeInt16LE(-2, 14)]
return [r, b]
//# write variable width and floats
const b = Buffer.alloc(24)
const r = [b.writeUIntLE(0x123456, 0, 3), b.writeUIntBE(0x0102030405, 3, 5), b.writeIntLE(-5, 8, 6), b.writeIntBE(-300, 14, 2), b.writeFloatBE(1.5, 16), b.writeFloatLE(-0.25, 20)]
const d = Buffer.alloc(16)
return [r, b, d.writeDoubleLE(Math.PI, 0), d.writeDoubleBE(-1e300, 8), d]
//# write bigints
const b = Buffer.alloc(16)
return [b.writeBigUInt64LE(0x0102030405060708n, 0), b.writeBigInt64BE(-2n, 8), b]
//# write errors
const b = Buffer.alloc(4)
const out = []
for (const f of [() => b.writeUInt8(256), () => b.writeUInt8(-1), () => b.writeInt8(128), () => b.writeUInt16LE(65536), () => b.writeUInt32LE(2 ** 32), () => b.writeInt32LE(-(2 ** 31) - 1), () => b.writeUInt32LE(1, 1), () => b.writeUInt8(1, 4), () => b.writeUInt8(1, 1.5), () => b.writeUIntLE(1, 0, 7), () => b.writeBigInt64LE(1n), () => b.writeBigUInt64LE(-1n), () => Buffer.alloc(8).writeBigUInt64LE(1), () => b.writeUIntBE(2 ** 40, 0, 5), () => b.writeFloatLE(1, 1), () => b.writeUInt8('300')]) {
  try { out.push(f()) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# write coerces values
const b = Buffer.alloc(6)
return [b.writeUInt8('7', 0), b.writeUInt8(3.9, 1), b.writeUInt16LE(null, 2), b.writeInt8(true, 4), b]
//# swap16 swap32 swap64
const a = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])
const b = Buffer.from(a)
const c = Buffer.from(a)
return [a.swap16(), b.swap32(), c.swap64()]
//# swap errors
const out = []
for (const f of [() => Buffer.alloc(3).swap16(), () => Buffer.alloc(6).swap32(), () => Buffer.alloc(4).swap64()]) {
  try { out.push(f()) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# iteration and spread
const b = Buffer.from('abc')
const out = []
for (const x of b) out.push(x)
return [out, [...b], [...b.entries()], [...b.keys()], Array.from(b), Object.keys(b)]
//# typed array methods keep Buffer
const b = Buffer.from([1, 2, 3, 4])
const m = b.map((x) => x * 2)
const f = b.filter((x) => x % 2)
return [m, Buffer.isBuffer(m), f, Buffer.isBuffer(f), b.reverse(), b.join('-'), b.at(-1), b.reduce((a, x) => a + x, 0)]
//# Buffer constructor legacy forms
return [Buffer(3), new Buffer('ab'), new Buffer([1, 2]), Buffer('6869', 'hex')]
//# Buffer constructor number with encoding throws
try { Buffer(2, 'utf8') } catch (e) { return e.code + ': ' + e.message }
//# of and copyBytesFrom
const u16 = new Uint16Array([1, 2, 3])
return [Buffer.of(1, 2, 300), Buffer.copyBytesFrom(u16), Buffer.copyBytesFrom(u16, 1), Buffer.copyBytesFrom(u16, 1, 1), Buffer.copyBytesFrom(new Uint8Array(0))]
//# parent and offset
const ab = new ArrayBuffer(6)
const b = Buffer.from(ab, 2, 3)
return [b.parent === ab, b.offset, b.byteOffset, b.byteLength]
//# inspect method
return [Buffer.from('abc').inspect(), Buffer.alloc(0).inspect(), Buffer.alloc(60).inspect().length]
//# encoding methods on prototype
const b = Buffer.from('héllo')
return [b.utf8Slice(0, 3), b.hexSlice(1, 3), b.latin1Slice(), b.base64Slice(), typeof b.utf8Write, b.asciiSlice(1)]
//# hex sha-like digest pattern
const bytes = Buffer.from('0123456789abcdef0123456789abcdef', 'hex')
return [bytes.length, bytes.toString('base64'), bytes.readUInt32BE(0).toString(16)]
//# base64 decode of url-safe JWT segment
const seg = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0'
return JSON.parse(Buffer.from(seg, 'base64').toString())
//# set and subarray views
const b = Buffer.alloc(6)
b.set([1, 2, 3], 2)
const v = new Uint8Array(b.buffer, b.byteOffset + 1, 3)
v[0] = 9
return [b, b.subarray(1, 4).toString('hex')]
//# toLocaleString equals toString
const b = Buffer.from('xyz')
return [b.toLocaleString(), b.toLocaleString('hex'), Buffer.prototype.toLocaleString === Buffer.prototype.toString]
//# Buffer poolSize and kinds
return [Buffer.poolSize, typeof Buffer.from, typeof Buffer.alloc, typeof Buffer.prototype.readUInt8]
//# toString on Uint8Array receiver
return [Buffer.prototype.toString.call(new Uint8Array([104, 105])), Buffer.prototype.toString.call(new Uint8Array([104, 105]), 'hex')]
//# function names and lengths
return [Buffer.from, Buffer.alloc, Buffer.concat, Buffer.prototype.toString, Buffer.prototype.equals, Buffer.prototype.toJSON, Buffer.prototype.readUInt8, Buffer.prototype.write].map((f) => f.name + '/' + f.length)
//# Buffer.from encodings fast path and fallbacks
return [Buffer.from('aGk=', 'BASE64'), Buffer.from('hi', 5), Buffer.from('hi', ''), Buffer.from('hi', null), Buffer.from(['1', '2']), Buffer.from(new String('x'), 'hex')]
//# console.log of buffers
console.log(Buffer.from('hello'))
console.log([Buffer.alloc(3), new Uint8Array(2)])
console.log(Buffer.alloc(60, 1))
return 1
//# console.log of buffer with extra properties
const b = Buffer.from('hi')
b.tag = 'x'
console.log(b, Buffer.alloc(0))
return Object.keys(b)
