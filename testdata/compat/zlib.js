//# gunzip a Node-made gzip
const zlib = require('zlib')
const gz = Buffer.from('1f8b08000000000000030bc94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d5228c94855c849acaa5448c94fd7530819553caa785431b5150300e64a66b084030000', 'hex')
const s = zlib.gunzipSync(gz).toString()
return [s.length, s.slice(0, 50)]
//# inflate a Node-made zlib stream
const zlib = require('zlib')
const df = Buffer.from('789c05c15b0a80201005d0bd5cfa8cfc17a2a584c9a504cb619c1e20eebd731af8f0327848d8f924be18215a846a8915be6188b72a2f5b6fcdf038cca47ae7f8855332a7584e17966d8ee8fd0747ed1bb4', 'hex')
return JSON.parse(zlib.inflateSync(df).toString())
//# inflateRaw, unzip and binary data
const zlib = require('zlib')
const raw = Buffer.from('cb48cdc9c957284a2c5748494dcb492c4955c840170100', 'hex')
const bin = zlib.inflateSync(Buffer.from('789c6360e7139551d632b4b077f30d894eca2c28af6bed993c6be18af5dbf61e397de9e683e7efbefe61e612949057d335b176f20c088f4bcd29ae6aece89f3677c9ea4d3b0f1c3f77f5cee3571f7ffc67e3159156d23430b773f5098e4accc82fab6de99e3473c1f2755bf71c3e75f1c6fd676fbffc66e214109753d531b672f4f00f8b4dc92eaa6c68ef9b3a67f1aa8d3bf61f3b7be5f6a3971fbeff63e5119652d4d037b375f10e8a4c48cf2bad69ee9a3863feb2b55b761f3a79e1fabda76f3eff62e4e0179355d136b27470f70b8d49ce2aaca86feb9d327bd1ca0ddbf71d3d73f9d6c317efbffd65e116925450d733b571f60a8c884fcb2da96eea9c307dded2359b771d3c71fedadd27af3ffd6420c1ff005d9a925f', 'hex'))
return [zlib.inflateRawSync(raw).toString(), zlib.unzipSync(zlib.gzipSync('via gzip')).toString(), zlib.unzipSync(zlib.deflateSync('via deflate')).toString(), bin.length, bin.every((b, i) => b === (i * 7) % 256)]
//# gunzip a gzip member with a file name
const zlib = require('zlib')
return zlib.gunzipSync(Buffer.from('1f8b08080000000002ff68656c6c6f2e74787400cb4bcc4d4d51c84dcd4d4a2d0200acb73b430c000000', 'hex')).toString()
//# brotli decompress a Node-made stream
const zlib = require('zlib')
return zlib.brotliDecompressSync(Buffer.from('G9EA+I1Utb8GEZOjk2lsbzFbJLBgHwA=', 'base64')).toString()
//# round trips with strings and buffers
const zlib = require('zlib')
const text = JSON.stringify({ event: '$pageview', properties: { list: Array.from({ length: 100 }, (_, i) => 'item ' + i) } })
const pairs = [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync'], ['brotliCompressSync', 'brotliDecompressSync'], ['gzipSync', 'unzipSync']]
return pairs.map(([c, d]) => {
    const fromString = zlib[d](zlib[c](text)).toString() === text
    const fromBuffer = zlib[d](zlib[c](Buffer.from(text))).toString() === text
    return [c, fromString, fromBuffer, zlib[c](text).length < text.length / 4]
})
//# round trips at every level and strategy
const zlib = require('zlib')
const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 97))
const ok = []
for (let level = -1; level <= 9; level++) {
    for (const strategy of [0, 1, 2, 3, 4]) {
        ok.push(zlib.inflateSync(zlib.deflateSync(data, { level, strategy })).equals(data))
    }
}
return [ok.length, ok.every(Boolean)]
//# gzip header bytes
const zlib = require('zlib')
const head = (o) => zlib.gzipSync('abc', o).subarray(0, 10).toString('hex')
return [head(), head({ level: 1 }), head({ level: 9 }), head({ level: 0 }), head({ strategy: zlib.constants.Z_HUFFMAN_ONLY })]
//# zlib header bytes
const zlib = require('zlib')
const head = (o) => zlib.deflateSync('abc', o).subarray(0, 2).toString('hex')
return [head(), head({ level: 1 }), head({ level: 3 }), head({ level: 9 }), head({ level: 0 }), zlib.deflateSync('abc', { dictionary: Buffer.from('abc') }).subarray(0, 6).toString('hex')]
//# compressing empty input
const zlib = require('zlib')
return [zlib.gzipSync(''), zlib.deflateSync(''), zlib.deflateRawSync(Buffer.alloc(0)), zlib.gunzipSync(zlib.gzipSync('')).length]
//# brotli output matches
const zlib = require('zlib')
return [zlib.brotliCompressSync('hello hello hello'), zlib.brotliCompressSync(''), zlib.brotliCompressSync('The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog.'), zlib.brotliCompressSync('abcabcabc', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })]
//# gunzip garbage
const zlib = require('zlib')
return zlib.gunzipSync(Buffer.from('garbage data here'))
//# corrupt and truncated inputs
const zlib = require('zlib')
const gz = zlib.gzipSync('hello hello hello')
const flip = (b, i) => { const c = Buffer.from(b); c[i < 0 ? c.length + i : i] ^= 1; return c }
const tries = {
    empty: () => zlib.gunzipSync(Buffer.alloc(0)),
    emptyInflate: () => zlib.inflateSync(Buffer.alloc(0)),
    truncated: () => zlib.gunzipSync(gz.subarray(0, gz.length - 4)),
    header: () => zlib.gunzipSync(gz.subarray(0, 5)),
    crc: () => zlib.gunzipSync(flip(gz, -5)),
    length: () => zlib.gunzipSync(flip(gz, -1)),
    method: () => zlib.gunzipSync(flip(gz, 2)),
    flags: () => { const b = Buffer.from(gz); b[3] = 0x20; return zlib.gunzipSync(b) },
    hcrc: () => zlib.gunzipSync(Buffer.concat([Buffer.from('1f8b0802000000000003ffff', 'hex'), gz.subarray(10)])),
    zlibHeader: () => zlib.inflateSync(gz),
    gzipOfDeflate: () => zlib.gunzipSync(zlib.deflateSync('x')),
    window: () => zlib.inflateSync(Buffer.from('88980300000001', 'hex')),
    rawBlockType: () => zlib.inflateRawSync(Buffer.from('garbage')),
    stored: () => zlib.inflateRawSync(Buffer.from('0105000000', 'hex')),
    tooFar: () => zlib.inflateRawSync(Buffer.from('4b042300', 'hex')),
    unzipGarbage: () => zlib.unzipSync(Buffer.from('not compressed')),
}
const out = {}
for (const [k, f] of Object.entries(tries)) {
    try { out[k] = f().toString('hex') } catch (e) { out[k] = [e.name, e.message, e.errno, e.code, Object.keys(e)] }
}
return out
//# trailing data after streams
const zlib = require('zlib')
const gz = zlib.gzipSync('hello')
const out = []
const t = (f) => { try { out.push(f().toString()) } catch (e) { out.push(e.code + ' ' + e.message) } }
t(() => zlib.gunzipSync(Buffer.concat([gz, gz])))
t(() => zlib.gunzipSync(Buffer.concat([gz, Buffer.alloc(3), Buffer.from('junk')])))
t(() => zlib.gunzipSync(Buffer.concat([gz, Buffer.from('junk')])))
t(() => zlib.gunzipSync(Buffer.concat([gz, Buffer.from([0x1f])])))
t(() => zlib.inflateSync(Buffer.concat([zlib.deflateSync('zlib'), Buffer.from('junk')])))
t(() => zlib.inflateRawSync(Buffer.concat([zlib.deflateRawSync('raw'), Buffer.from('junk')])))
t(() => zlib.brotliDecompressSync(Buffer.concat([zlib.brotliCompressSync('br'), Buffer.from('junk')])))
t(() => zlib.unzipSync(Buffer.concat([gz, zlib.gzipSync(' world')])))
return out
//# dictionaries
const zlib = require('zlib')
const dict = Buffer.from('the dictionary text')
const out = []
const t = (f) => { try { out.push(f().toString()) } catch (e) { out.push(e.code + ' ' + e.errno + ' ' + e.message) } }
t(() => zlib.inflateSync(zlib.deflateSync('the dictionary text again', { dictionary: dict }), { dictionary: dict }))
t(() => zlib.inflateSync(zlib.deflateSync('the dictionary text again', { dictionary: dict })))
t(() => zlib.inflateSync(zlib.deflateSync('the dictionary text again', { dictionary: dict }), { dictionary: Buffer.from('other') }))
t(() => zlib.inflateRawSync(zlib.deflateRawSync('the dictionary text again', { dictionary: dict }), { dictionary: dict }))
t(() => zlib.inflateSync(zlib.deflateSync('no dictionary used'), { dictionary: dict }))
t(() => zlib.deflateSync('x', { dictionary: 'not a buffer' }))
return out
//# maxOutputLength and decompression bombs
const zlib = require('zlib')
const bomb = zlib.gzipSync(Buffer.alloc(1 << 20), { level: 9 })
const out = [bomb.length < 2000]
const t = (f) => { try { out.push(f().length) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) } }
t(() => zlib.gunzipSync(bomb, { maxOutputLength: 1000 }))
t(() => zlib.gunzipSync(bomb, { maxOutputLength: 1 << 20 }))
t(() => zlib.gunzipSync(bomb))
t(() => zlib.gzipSync('hello hello', { maxOutputLength: 5 }))
t(() => zlib.brotliDecompressSync(zlib.brotliCompressSync(Buffer.alloc(5000)), { maxOutputLength: 100 }))
t(() => zlib.gunzipSync(bomb, { maxOutputLength: 0 }))
t(() => zlib.gunzipSync(bomb, { maxOutputLength: 'big' }))
t(() => zlib.gunzipSync(bomb, { maxOutputLength: 2 ** 33 }))
return out
//# option validation
const zlib = require('zlib')
const out = []
const opts = [{ level: 20 }, { level: 'x' }, { level: null }, { level: Infinity }, { level: NaN }, { level: 1.5 }, { windowBits: 20 }, { memLevel: 10 }, { strategy: 5 }, { chunkSize: 10 }, { flush: 9 }, { finishFlush: -1 }]
for (const o of opts) {
    try { out.push(zlib.deflateSync('abc', o).length > 0) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
try { zlib.gzipSync('abc', { windowBits: 8 }) } catch (e) { out.push(e.code + ': ' + e.message) }
try { zlib.inflateSync(zlib.deflateSync('abc'), { windowBits: 9 }) } catch (e) { out.push(e.code + ': ' + e.message) }
out.push(zlib.inflateSync(zlib.deflateSync('abc'), { windowBits: 0 }).toString())
return out
//# brotli option validation
const zlib = require('zlib')
const out = []
for (const params of [{ 100: 1 }, { 1: 'x' }, { '-1': 1 }, { 1.5: 2 }, { 1: 20 }, { 1: true }]) {
    try { out.push(zlib.brotliCompressSync('abc', { params }).toString('hex')) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# brotli errors
const zlib = require('zlib')
const out = []
const br = zlib.brotliCompressSync('hello hello hello')
for (const b of [Buffer.from('garbage data here'), Buffer.alloc(0), br.subarray(0, br.length - 2)]) {
    try { zlib.brotliDecompressSync(b) } catch (e) { out.push([e.message, e.errno, e.code]) }
}
return out
//# input types
const zlib = require('zlib')
const out = []
for (const input of [123, undefined, {}, null, [1, 2]]) {
    try { zlib.gzipSync(input) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
const gz = zlib.gzipSync('typed')
out.push(zlib.gunzipSync(new Uint8Array(gz).buffer).toString())
out.push(zlib.gunzipSync(new DataView(new Uint8Array(gz).buffer)).toString())
out.push(zlib.inflateSync(zlib.deflateSync(new Uint16Array([0x6968, 0x2121]))).toString())
return out
//# callback forms
const zlib = require('zlib')
const gz = await new Promise((resolve, reject) => zlib.gzip('callback data', (err, res) => (err ? reject(err) : resolve(res))))
const back = await new Promise((resolve, reject) => zlib.gunzip(gz, {}, (err, res) => (err ? reject(err) : resolve(res))))
const br = await new Promise((resolve) => zlib.brotliCompress(Buffer.from('br data'), (err, res) => resolve(res)))
const brBack = await new Promise((resolve) => zlib.brotliDecompress(br, (err, res) => resolve(res.toString())))
const df = await new Promise((resolve) => zlib.deflate('x', { level: 9 }, (err, res) => resolve(res)))
const raw = await new Promise((resolve) => zlib.deflateRaw('raw', (err, res) => zlib.inflateRaw(res, (e, r) => resolve(r.toString()))))
const unz = await new Promise((resolve) => zlib.unzip(df, (err, res) => resolve(res.toString())))
return [Buffer.isBuffer(gz), back.toString(), brBack, zlib.inflateSync(df).toString(), raw, unz]
//# callback errors
const zlib = require('zlib')
const err = await new Promise((resolve) => zlib.gunzip(Buffer.from('garbage'), (e, r) => resolve([e.name, e.message, e.errno, e.code, r])))
const big = await new Promise((resolve) => zlib.inflate(zlib.deflateSync(Buffer.alloc(100)), { maxOutputLength: 10 }, (e, r) => resolve([e.name, e.code, e.message, r])))
const out = [err, big]
try { zlib.gunzip(Buffer.alloc(1)) } catch (e) { out.push(e.code + ': ' + e.message) }
try { zlib.gunzip(Buffer.alloc(1), {}, 5) } catch (e) { out.push(e.code + ': ' + e.message) }
try { zlib.gzip(5, () => {}) } catch (e) { out.push(e.code + ': ' + e.message) }
try { zlib.gzip('a', { level: 20 }, () => {}) } catch (e) { out.push(e.code + ': ' + e.message) }
return out
//# callbacks run after microtasks
const zlib = require('zlib')
const order = []
const done = new Promise((resolve) => zlib.gzip('a', () => { order.push('gzip callback'); resolve() }))
Promise.resolve().then(() => order.push('microtask'))
order.push('sync')
await done
return order
//# constants and codes
const zlib = require('zlib')
const c = zlib.constants
return [c.Z_NO_FLUSH, c.Z_FINISH, c.Z_BEST_COMPRESSION, c.Z_DEFAULT_COMPRESSION, c.Z_DATA_ERROR, c.BROTLI_PARAM_QUALITY, c.BROTLI_MAX_QUALITY, c.Z_MAX_CHUNK, c.BROTLI_DECODER_ERROR_FORMAT_PADDING_1, Object.keys(c).length, zlib.codes.Z_BUF_ERROR, zlib.codes['-3'], Object.isFrozen(c), Object.isFrozen(zlib.codes), zlib.Z_BEST_SPEED, Object.keys(zlib).includes('Z_BEST_SPEED'), Object.keys(zlib.codes)]
//# crc32
const zlib = require('zlib')
const out = [zlib.crc32('hello'), zlib.crc32('world', zlib.crc32('hello ')), zlib.crc32('hello world'), zlib.crc32(Buffer.from([1, 2, 3])), zlib.crc32('')]
for (const args of [[5], ['a', 'x'], ['a', -1], ['a', 1.5]]) {
    try { zlib.crc32(...args) } catch (e) { out.push(e.code + ': ' + e.message) }
}
return out
//# compressed sizes of incompressible data stay bounded
const zlib = require('zlib')
const data = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24))
const gz = zlib.gzipSync(data)
return [gz.length > 4096, gz.length < 4096 + 64, zlib.gunzipSync(gz).equals(data)]
//# gzip stream
const zlib = require('zlib')
const g = zlib.createGzip()
const chunks = []
g.on('data', (c) => chunks.push(c))
g.write('hello ')
g.end('stream')
await new Promise((resolve) => g.on('end', resolve))
return [zlib.gunzipSync(Buffer.concat(chunks)).toString(), g instanceof zlib.Gzip, typeof zlib.Gzip, zlib.createGzip.name, zlib.Gzip.name]
//# piping through zlib streams
const zlib = require('zlib')
const { PassThrough, pipeline, Writable } = require('stream')
const src = new PassThrough()
const out = []
const sink = new Writable({ write(c, e, cb) { out.push(c); cb() } })
const done = new Promise((resolve) => pipeline(src, zlib.createDeflate({ level: 9 }), zlib.createInflate(), sink, resolve))
src.write('abc ')
src.end('def')
const err = await done
return [err, Buffer.concat(out).toString()]
//# zlib stream errors
const zlib = require('zlib')
const out = []
try { zlib.createGzip({ level: 99 }) } catch (e) { out.push(e.code + ': ' + e.message) }
const u = zlib.createGunzip()
const err = await new Promise((resolve) => { u.on('error', resolve); u.end('not gzip') })
out.push([err.code, err.errno, err.message, u.destroyed])
const b = new zlib.BrotliDecompress()
b.resume()
b.end(zlib.brotliCompressSync('brotli stream'))
await new Promise((resolve) => b.on('end', resolve))
return out
//# module keys
return Object.keys(require('zlib'))
