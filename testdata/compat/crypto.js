//# sha256 hex
const crypto = require('crypto')
return crypto.createHash('sha256').update('hello world').digest('hex')
//# md5 sha1 sha512 hex
const { createHash } = require('crypto')
return ['md5', 'sha1', 'sha224', 'sha384', 'sha512'].map((a) => createHash(a).update('The quick brown fox').digest('hex'))
//# digest base64 and base64url
const crypto = require('crypto')
const h = () => crypto.createHash('sha1').update('plugchain ~~~ ???')
return [h().digest('base64'), h().digest('base64url'), h().digest('latin1')]
//# digest buffer
const crypto = require('crypto')
const d = crypto.createHash('md5').update('abc').digest()
return [d, d.length, Buffer.isBuffer(d), d.toString('hex')]
//# digest encodings utf8 ascii ucs2 binary
const crypto = require('crypto')
const h = () => crypto.createHash('md5').update('a')
return ['utf8', 'utf-8', 'ascii', 'ucs2', 'utf16le', 'binary', 'HEX', 'Base64'].map((e) => h().digest(e))
//# digest unknown encoding gives a buffer
const crypto = require('crypto')
return [crypto.createHash('md5').update('a').digest('foo'), crypto.createHash('md5').update('a').digest(null), crypto.createHash('md5').update('a').digest(5)]
//# multiple updates and chaining
const crypto = require('crypto')
const h = crypto.createHash('sha256')
const same = h.update('hello ') === h
h.update(Buffer.from('wor')).update(new Uint8Array([108, 100]))
return [same, h.digest('hex'), crypto.createHash('sha256').update('hello world').digest('hex')]
//# algorithm names ignore case and accept aliases
const crypto = require('crypto')
return ['SHA256', 'Sha1', 'RSA-SHA256', 'sha256WithRSAEncryption', 'sha-512', 'SHA512-256', 'sha3-256', 'md5-sha1', 'shake128', 'shake256'].map((a) => crypto.createHash(a).update('x').digest('hex'))
//# unknown algorithm
const crypto = require('crypto')
return crypto.createHash('sha257')
//# algorithm must be a string
const crypto = require('crypto')
const out = []
for (const a of [undefined, 5, null, {}, ['md5']]) {
    try { crypto.createHash(a) } catch (e) { out.push(e.code + ': ' + e.message) }
}
return out
//# update type errors
const crypto = require('crypto')
const out = []
for (const d of [undefined, null, 5, true, {}, [1, 2], new ArrayBuffer(2), () => 1, 10n, Symbol('s')]) {
    try { crypto.createHash('md5').update(d) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# update with input encodings
const crypto = require('crypto')
const h = (s, e) => crypto.createHash('sha1').update(s, e).digest('hex')
return [h('616263', 'hex'), h('YWJj', 'base64'), h('YWJj', 'base64url'), h('abc', 'latin1'), h('\u00ff\u0100', 'binary'), h('ab', 'utf16le'), h('abc', 'ascii'), h('abc', 'nope'), h('é', 'utf8')]
//# update hex with odd length throws
const crypto = require('crypto')
return crypto.createHash('md5').update('abc', 'HEX')
//# update typed arrays and DataView
const crypto = require('crypto')
const h = (d) => crypto.createHash('md5').update(d).digest('hex')
const buf = new ArrayBuffer(8)
new Uint8Array(buf).set([1, 2, 3, 4, 5, 6, 7, 8])
return [h(new Uint16Array(buf)), h(new DataView(buf, 2, 4)), h(new Uint8Array(buf, 4)), h(Buffer.from(buf, 1, 3))]
//# digest twice throws
const crypto = require('crypto')
const h = crypto.createHash('sha1')
h.update('x')
h.digest()
return h.digest('hex')
//# update after digest throws
const crypto = require('crypto')
const h = crypto.createHash('sha1')
h.digest()
return h.update('x')
//# copy keeps state
const crypto = require('crypto')
const h = crypto.createHash('sha256').update('one ')
const c = h.copy()
return [h.update('two').digest('hex'), c.update('three').digest('hex'), crypto.createHash('sha256').update('one three').digest('hex')]
//# copy after digest throws
const crypto = require('crypto')
const h = crypto.createHash('md5')
h.digest()
return h.copy()
//# shake output length
const crypto = require('crypto')
return [crypto.createHash('shake256', { outputLength: 8 }).update('x').digest('hex'), crypto.createHash('shake128', { outputLength: 0 }).digest('hex'), crypto.createHash('shake128').update('a').copy({ outputLength: 4 }).digest('hex')]
//# outputLength on a fixed digest
const crypto = require('crypto')
const out = [crypto.createHash('sha256', { outputLength: 32 }).update('a').digest('hex')]
try { crypto.createHash('sha256', { outputLength: 5 }) } catch (e) { out.push(e.code, e.message) }
try { crypto.createHash('shake128', { outputLength: -1 }) } catch (e) { out.push(e.code, e.message) }
try { crypto.createHash('shake128', { outputLength: 'a' }) } catch (e) { out.push(e.code, e.message) }
return out
//# Hash objects look like Node's
const crypto = require('crypto')
const h = crypto.createHash('md5')
h.extra = 1
return [Object.keys(h), h instanceof crypto.Hash, h.constructor.name, typeof h.update, String(h), h.extra, crypto.Hash.name, crypto.createHash.name, crypto.createHash.length]
//# Hash constructor with and without new
const crypto = require('crypto')
return [new crypto.Hash('md5').update('a').digest('hex'), crypto.Hash('md5').update('a').digest('hex')]
//# hmac hex and base64
const crypto = require('crypto')
return [crypto.createHmac('sha256', 'secret').update('message').digest('hex'), crypto.createHmac('sha1', 'secret').update('message').digest('base64')]
//# hmac with buffer keys and long keys
const crypto = require('crypto')
return [
    crypto.createHmac('sha256', Buffer.from('0b0b0b0b', 'hex')).update('Hi There').digest('hex'),
    crypto.createHmac('sha512', 'k'.repeat(300)).update('x').digest('hex'),
    crypto.createHmac('md5', '').update('x').digest('hex'),
    crypto.createHmac('md5', new ArrayBuffer(3)).update('x').digest('hex'),
    crypto.createHmac('md5', 'aabb', { encoding: 'hex' }).digest('hex'),
]
//# hmac digest buffer
const crypto = require('crypto')
return crypto.createHmac('sha1', 'k').update('v').digest()
//# hmac digest twice gives empty
const crypto = require('crypto')
const h = crypto.createHmac('sha1', 'k')
const first = h.digest('hex')
return [first, h.digest('hex'), h.digest(), h.digest('buffer'), h.digest('nonsense')]
//# hmac update after digest throws
const crypto = require('crypto')
const h = crypto.createHmac('sha1', 'k')
h.digest()
return h.update('x')
//# hmac key errors
const crypto = require('crypto')
const out = []
for (const k of [undefined, null, 5, {}]) {
    try { crypto.createHmac('sha256', k) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
try { crypto.createHmac(5, 'k') } catch (e) { out.push(e.code + ': ' + e.message) }
try { crypto.createHmac('sha256', 'k', { encoding: 5 }) } catch (e) { out.push(e.code + ': ' + e.message) }
return out
//# hmac unknown digest
const crypto = require('crypto')
return crypto.createHmac('nope', 'key')
//# Hmac objects
const crypto = require('crypto')
const h = crypto.createHmac('md5', 'k')
return [Object.keys(h), h instanceof crypto.Hmac, typeof h.copy, crypto.Hmac.name]
//# randomBytes
const crypto = require('crypto')
const b = crypto.randomBytes(16)
return [b.length, Buffer.isBuffer(b), crypto.randomBytes(0).length, crypto.randomBytes(1.9).length, b.toString('hex').length]
//# randomBytes errors
const crypto = require('crypto')
const out = []
for (const n of [undefined, -1, NaN, '5', 2 ** 31, [1]]) {
    try { crypto.randomBytes(n) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
try { crypto.randomBytes(2, 'cb') } catch (e) { out.push(e.code + ': ' + e.message) }
return out
//# randomBytes callback is asynchronous
const crypto = require('crypto')
const order = []
const done = new Promise((resolve) => crypto.randomBytes(8, (err, buf) => { order.push('cb ' + err + ' ' + buf.length); resolve() }))
order.push('after call')
await done
return order
//# randomUUID format
const crypto = require('crypto')
const ids = new Set()
for (let i = 0; i < 50; i++) ids.add(crypto.randomUUID())
return [ids.size, [...ids].every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u))]
//# randomUUID options
const crypto = require('crypto')
const out = [crypto.randomUUID({ disableEntropyCache: true }).length]
for (const o of [5, null, { disableEntropyCache: 1 }]) {
    try { crypto.randomUUID(o) } catch (e) { out.push(e.code + ': ' + e.message) }
}
return out
//# randomInt ranges
const crypto = require('crypto')
const a = [], b = []
for (let i = 0; i < 200; i++) { a.push(crypto.randomInt(3)); b.push(crypto.randomInt(-5, -2)) }
return [Math.min(...a), Math.max(...a), Math.min(...b), Math.max(...b), Number.isInteger(crypto.randomInt(2 ** 48 - 1))]
//# randomInt errors
const crypto = require('crypto')
const out = []
const tries = [[1.5], [5, 5], [5, 2], [], ['a'], [0, 2 ** 48 + 1], [2 ** 53], [-1], [1.5, 3], [1, 5, 'x']]
for (const args of tries) {
    try { crypto.randomInt(...args) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# randomInt callback
const crypto = require('crypto')
const n = await new Promise((resolve, reject) => crypto.randomInt(10, 12, (err, v) => (err ? reject(err) : resolve(v))))
return n === 10 || n === 11
//# timingSafeEqual
const crypto = require('crypto')
return [crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), crypto.timingSafeEqual(new Uint8Array([1, 2]), new Uint16Array([513])), crypto.timingSafeEqual(new ArrayBuffer(2), new Uint8Array(2))]
//# timingSafeEqual errors
const crypto = require('crypto')
const out = []
try { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
try { crypto.timingSafeEqual('a', Buffer.from('a')) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
try { crypto.timingSafeEqual(Buffer.from('a'), 'a') } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
return out
//# timingSafeEqual length error thrown
const crypto = require('crypto')
return crypto.timingSafeEqual(Buffer.alloc(3), Buffer.alloc(4))
//# getHashes contains the common digests
const crypto = require('crypto')
const h = crypto.getHashes()
return [Array.isArray(h), ['md5', 'sha1', 'sha256', 'sha384', 'sha512', 'RSA-SHA256', 'sha3-256', 'shake256'].every((n) => h.includes(n)), h.every((n) => { crypto.createHash(n); return true }), [...h].sort().join() === h.join()]
//# getRandomValues
const crypto = require('crypto')
const a = new Uint32Array(4)
const r = crypto.getRandomValues(a)
const out = [r === a, crypto.getRandomValues(new Uint8Array(65536)).length]
try { crypto.getRandomValues(new Float32Array(2)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
return out
//# one-shot hash
const crypto = require('crypto')
return [crypto.hash('sha1', 'abc'), crypto.hash('md5', 'abc', 'base64'), crypto.hash('sha256', Buffer.from('abc'), 'buffer')]
//# one-shot hash errors
const crypto = require('crypto')
const out = []
for (const args of [['nope', 'a'], ['sha1', 5], ['sha1', 'a', 'foo'], ['sha1', 'a', 5], ['sha1', new ArrayBuffer(1)]]) {
    try { crypto.hash(...args) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# default import gives the whole module
const mod = require('crypto')
const { createHash, createHmac, randomBytes } = mod
return [typeof createHash, typeof createHmac, typeof randomBytes, mod.createHash === createHash]
//# hashing unicode strings
const crypto = require('crypto')
return ['😀 emoji', '\ud800 lone surrogate', 'ünïcödé', ''].map((s) => crypto.createHash('sha1').update(s).digest('hex'))
//# digest as latin1 then back
const crypto = require('crypto')
const s = crypto.createHash('sha256').update('round trip').digest('binary')
return [s.length, Buffer.from(s, 'binary').toString('hex') === crypto.createHash('sha256').update('round trip').digest('hex')]
//# hash of large input
const crypto = require('crypto')
const big = 'x'.repeat(1 << 20)
const h = crypto.createHash('sha256')
for (let i = 0; i < 4; i++) h.update(big)
return h.digest('hex')
//# pii hashing pattern
const crypto = require('crypto')
const event = { properties: { email: 'Someone@Example.com', name: 'A Person' } }
for (const key of ['email', 'name']) {
    event.properties[key] = crypto.createHash('sha256').update('salt' + event.properties[key].toLowerCase()).digest('hex').slice(0, 16)
}
return event
