//# PassThrough collects what was written
const { PassThrough } = require('stream')
const s = new PassThrough()
const chunks = []
s.on('data', (c) => chunks.push(c))
const ended = new Promise((resolve) => s.on('end', resolve))
s.write('hello ')
s.end(Buffer.from('world'))
await ended
return Buffer.concat(chunks).toString()
//# event order of a PassThrough
const { PassThrough } = require('stream')
const s = new PassThrough()
const log = []
for (const ev of ['data', 'end', 'finish', 'close', 'prefinish', 'resume', 'pause', 'readable']) {
    if (ev !== 'readable') s.on(ev, (x) => log.push(ev + (Buffer.isBuffer(x) ? ':' + x : '')))
}
log.push('write ' + s.write('a'))
log.push('write ' + s.write('b'))
s.end('c', () => log.push('end callback'))
log.push('sync done')
await new Promise((resolve) => s.on('close', resolve))
return log
//# write, await, then events
const { PassThrough } = require('stream')
const s = new PassThrough()
const log = []
s.on('data', (c) => log.push('data ' + c))
s.write('one')
log.push('after write')
await null
log.push('after await null')
await new Promise((resolve) => setTimeout(resolve, 1))
log.push('after timeout')
s.end()
await new Promise((resolve) => s.on('end', resolve))
return log
//# readable with read() loop
const { Readable } = require('stream')
const parts = ['alpha', 'beta', 'gamma']
const r = new Readable({
    read() {
        this.push(parts.length ? parts.shift() : null)
    },
})
const got = []
r.on('readable', () => {
    let c
    while ((c = r.read()) !== null) got.push(c.toString())
})
await new Promise((resolve) => r.on('end', resolve))
return [got.join('|'), r.readableEnded, r.destroyed]
//# Readable.from and async iteration
const { Readable } = require('stream')
const out = []
for await (const v of Readable.from(['x', 'y', 'z'])) out.push(v)
const r = Readable.from((function* () { yield 1; yield 2; yield 3 })())
for await (const v of r) out.push(v * 10)
return out
//# async iteration of a byte stream
const { PassThrough } = require('stream')
const s = new PassThrough()
setTimeout(() => { s.write('a'); s.write('b'); s.end('c') }, 1)
const chunks = []
for await (const c of s) chunks.push(c.toString())
return [chunks.join(''), s.destroyed]
//# pipe through a Transform into a Writable
const { Readable, Transform, Writable } = require('stream')
const upper = new Transform({
    transform(chunk, enc, cb) {
        cb(null, chunk.toString().toUpperCase())
    },
    flush(cb) {
        this.push('!')
        cb()
    },
})
const seen = []
const sink = new Writable({
    write(chunk, enc, cb) {
        seen.push(chunk.toString())
        cb()
    },
})
Readable.from(['abc', 'def']).pipe(upper).pipe(sink)
await new Promise((resolve) => sink.on('finish', resolve))
return seen
//# object mode streams
const { Transform, Readable } = require('stream')
const t = new Transform({
    objectMode: true,
    transform(obj, enc, cb) {
        cb(null, { ...obj, seen: true })
    },
})
const out = []
t.on('data', (o) => out.push(o))
Readable.from([{ id: 1 }, { id: 2 }]).pipe(t)
await new Promise((resolve) => t.on('end', resolve))
return [out, t.readableObjectMode, t.writableObjectMode]
//# backpressure and drain
const { Writable } = require('stream')
const log = []
const w = new Writable({
    highWaterMark: 4,
    write(chunk, enc, cb) {
        log.push('write ' + chunk)
        setTimeout(cb, 1)
    },
})
w.on('drain', () => log.push('drain'))
log.push('ok1 ' + w.write('ab'))
log.push('ok2 ' + w.write('cdef'))
log.push('needDrain ' + w.writableNeedDrain + ' length ' + w.writableLength)
await new Promise((resolve) => w.once('drain', resolve))
w.end()
await new Promise((resolve) => w.on('finish', resolve))
return log
//# write after end
const { PassThrough } = require('stream')
const s = new PassThrough()
const errors = []
s.on('error', (e) => errors.push(e.code + ': ' + e.message))
s.end('x')
const ret = s.write('y', (err) => errors.push('callback ' + err.code))
await new Promise((resolve) => setTimeout(resolve, 5))
return [ret, errors, s.destroyed]
//# destroy with an error
const { Readable } = require('stream')
const r = new Readable({ read() {} })
const log = []
r.on('error', (e) => log.push('error ' + e.message))
r.on('close', () => log.push('close'))
r.destroy(new Error('boom'))
log.push('destroyed ' + r.destroyed)
await new Promise((resolve) => setTimeout(resolve, 1))
return [log, r.errored && r.errored.message, r.readableAborted]
//# unhandled stream error fails like Node
const { PassThrough } = require('stream')
const s = new PassThrough()
const caught = await new Promise((resolve) => {
    s.on('error', (e) => resolve(e))
    s.write(5)
}).catch((e) => e)
return caught
//# write of an invalid chunk throws
const { PassThrough } = require('stream')
const s = new PassThrough()
return s.write({ not: 'a buffer' })
//# EventEmitter basics on a stream
const { PassThrough } = require('stream')
const s = new PassThrough()
const log = []
const f = (x) => log.push('f ' + x)
s.on('ping', f)
s.once('ping', (x) => log.push('once ' + x))
s.prependListener('ping', (x) => log.push('first ' + x))
log.push('count ' + s.listenerCount('ping'))
s.emit('ping', 1)
s.emit('ping', 2)
s.off('ping', f)
log.push('emit returns ' + s.emit('ping', 3) + ' ' + s.emit('nobody'))
s.removeAllListeners('ping')
log.push('count ' + s.listenerCount('ping'))
log.push(String(s.eventNames().includes('ping')))
return log
//# emitting error without a listener throws
const { Writable } = require('stream')
const w = new Writable()
const out = []
try { w.emit('error', new Error('plain')) } catch (e) { out.push(e.message) }
try { w.emit('error', 'a string') } catch (e) { out.push(e.code + ': ' + e.message) }
return out
//# pipeline with a callback
const { pipeline, Readable, Transform, Writable } = require('stream')
const seen = []
const err = await new Promise((resolve) => pipeline(
    Readable.from(['1', '2', '3']),
    new Transform({ transform(c, e, cb) { cb(null, String(Number(c) * 2)) } }),
    new Writable({ write(c, e, cb) { seen.push(c.toString()); cb() } }),
    resolve,
))
return [err, seen]
//# pipeline reports the first error
const { pipeline, Readable, Transform, PassThrough } = require('stream')
const err = await new Promise((resolve) => pipeline(
    Readable.from(['a', 'b']),
    new Transform({ transform(c, e, cb) { cb(new Error('transform failed')) } }),
    new PassThrough(),
    resolve,
))
return [err.message]
//# promises pipeline and finished
const { promises, PassThrough, Writable, finished } = require('stream')
const got = []
await promises.pipeline(['x', 'y'], new Writable({ objectMode: true, write(c, e, cb) { got.push(c); cb() } }))
const s = new PassThrough()
s.resume()
s.end('done')
await promises.finished(s)
const viaCallback = await new Promise((resolve) => { const t = new PassThrough(); finished(t, (e) => resolve(e === undefined ? 'finished' : e.code)); t.destroy() })
return [got, s.readableEnded, viaCallback]
//# setEncoding joins split characters
const { PassThrough } = require('stream')
const s = new PassThrough()
s.setEncoding('utf8')
const parts = []
s.on('data', (d) => parts.push(d))
const euro = Buffer.from('€uro ✓')
s.write(euro.subarray(0, 1))
s.write(euro.subarray(1, 5))
s.end(euro.subarray(5))
await new Promise((resolve) => s.on('end', resolve))
return [parts, typeof parts[0]]
//# class hierarchy
const stream = require('stream')
const { Readable, Writable, Duplex, Transform, PassThrough } = stream
const p = new PassThrough()
return [p instanceof Transform, p instanceof Duplex, p instanceof Readable, p instanceof Writable, p instanceof stream, p instanceof stream.Stream, typeof stream.EventEmitter, new Readable() instanceof Writable, typeof stream, stream.Stream === stream, Object.keys(p), Object.keys(new Readable()), Object.keys(new Writable())]
//# default high water marks and properties
const { Readable, Writable, PassThrough } = require('stream')
const r = new Readable({ read() {} })
const w = new Writable({ write(c, e, cb) { cb() } })
const p = new PassThrough({ highWaterMark: 5 })
return [r.readableHighWaterMark, w.writableHighWaterMark, new Readable({ objectMode: true }).readableHighWaterMark, p.readableHighWaterMark, p.writableHighWaterMark, r.readable, w.writable, r.readableFlowing, r.isPaused(), r.readableLength, w.writableEnded, w.writableFinished]
//# pause and resume
const { PassThrough } = require('stream')
const s = new PassThrough()
const log = []
s.on('data', (d) => log.push('data ' + d))
s.pause()
s.write('held')
await new Promise((resolve) => setTimeout(resolve, 1))
log.push('paused ' + s.isPaused() + ' buffered ' + s.readableLength)
s.resume()
await new Promise((resolve) => setTimeout(resolve, 1))
log.push('resumed ' + s.isPaused())
return log
//# Readable.from a string and buffer
const { Readable } = require('stream')
const out = []
for await (const c of Readable.from('one string')) out.push(c)
for await (const c of Readable.from(Buffer.from('a buffer'))) out.push(c.toString())
return out
//# push after EOF
const { Readable } = require('stream')
const r = new Readable({ read() {} })
const errs = []
r.on('error', (e) => errs.push(e.code + ': ' + e.message))
r.push('a')
r.push(null)
r.push('b')
await new Promise((resolve) => setTimeout(resolve, 1))
return errs
//# a sink writing gzip through a stream
const { PassThrough } = require('stream')
const zlib = require('zlib')
const s = new PassThrough()
const chunks = []
s.on('data', (c) => chunks.push(c))
s.end(zlib.gzipSync('compressed payload'))
await new Promise((resolve) => s.on('end', resolve))
return zlib.gunzipSync(Buffer.concat(chunks)).toString()
//# writable final, cork and writev
const { Writable } = require('stream')
const log = []
const w = new Writable({
    writev(chunks, cb) {
        log.push('writev ' + chunks.map((c) => c.chunk.toString()).join('+'))
        cb()
    },
    write(chunk, enc, cb) {
        log.push('write ' + chunk)
        cb()
    },
    final(cb) {
        log.push('final')
        setTimeout(cb, 1)
    },
})
w.on('prefinish', () => log.push('prefinish'))
w.on('finish', () => log.push('finish'))
w.on('close', () => log.push('close'))
w.write('a')
w.cork()
w.write('b')
w.write('c')
w.uncork()
w.end('d', () => log.push('end cb'))
await new Promise((resolve) => w.on('close', resolve))
return log
//# duplex without half-open
const { Duplex } = require('stream')
const log = []
const d = new Duplex({
    allowHalfOpen: false,
    read() {},
    write(c, e, cb) { log.push('write ' + c); cb() },
})
d.on('finish', () => log.push('finish'))
d.on('end', () => log.push('end'))
d.on('close', () => log.push('close'))
d.resume()
d.write('x')
d.push('y')
d.push(null)
await new Promise((resolve) => d.on('close', resolve))
return [log, d.writableEnded]
//# readable events with object mode and read(0)
const { Readable } = require('stream')
const items = [1, 2, 3]
const log = []
const r = new Readable({
    objectMode: true,
    highWaterMark: 1,
    read() {
        log.push('read called, length ' + this.readableLength)
        this.push(items.length ? { n: items.shift() } : null)
    },
})
r.on('readable', () => {
    log.push('readable')
    let v
    while ((v = r.read()) !== null) log.push('got ' + v.n)
})
r.on('end', () => log.push('end'))
await new Promise((resolve) => r.on('close', resolve))
return log
//# unpipe stops the flow
const { PassThrough } = require('stream')
const a = new PassThrough()
const b = new PassThrough()
const got = []
b.on('data', (c) => got.push(c.toString()))
a.pipe(b)
a.write('1')
await new Promise((resolve) => setTimeout(resolve, 1))
a.unpipe(b)
a.write('2')
await new Promise((resolve) => setTimeout(resolve, 1))
return [got, a.readableFlowing, a.readableLength, b.listenerCount('unpipe')]
//# Readable.from an async generator
const { Readable } = require('stream')
async function* gen() {
    yield 'a'
    await null
    yield 'b'
}
const out = []
Readable.from(gen()).on('data', (c) => out.push(c))
await new Promise((resolve) => setTimeout(resolve, 5))
return out
//# breaking out of async iteration destroys the stream
const { Readable } = require('stream')
const r = Readable.from([1, 2, 3, 4])
const out = []
for await (const v of r) {
    out.push(v)
    if (v === 2) break
}
await new Promise((resolve) => setTimeout(resolve, 1))
return [out, r.destroyed]
