package vm

import (
	"github.com/dop251/goja"
)

// The stream module: Node's EventEmitter, Readable, Writable, Duplex, Transform, PassThrough,
// pipeline and finished, written in JavaScript after Node's own state machines (compiled
// once, run per instance on first require) so events fire in Node's order.
//
// Node defers much of a stream's work with process.nextTick, whose callbacks run once the
// microtasks of the current turn have drained. The module keeps its own tick queue and has
// the instance's loop run it as a host operation (startOp): a turn of the loop that comes
// after the microtasks, like Node's.

func init() {
	registerModule("stream", func(in *Instance) (goja.Value, error) {
		return in.buildStream()
	})
}

var streamProgram = builtinProgram("plugchain:stream", streamSource)

// tickHost runs an instance's stream tick queue as turns of its loop.
type tickHost struct {
	in      *Instance
	run     goja.Callable
	reset   goja.Callable // empties the JavaScript queue
	pending bool          // a turn is queued
}

// schedule makes the loop call runTicks (the JavaScript queue runner) once the current
// microtasks have run. It reports false when it cannot, and JavaScript falls back to a
// microtask.
func (h *tickHost) schedule(call goja.FunctionCall) goja.Value {
	in := h.in
	if h.run == nil {
		h.run, _ = goja.AssertFunction(call.Argument(0))
	}
	if in.callCtx == nil || h.run == nil {
		return h.in.rt.ToValue(false)
	}
	if h.pending {
		return h.in.rt.ToValue(true)
	}
	h.pending = true
	in.queueTurn(func() {
		h.pending = false
		if _, err := h.run(goja.Undefined()); err != nil {
			in.failCall(err)
		}
	}) // left over at the call's end, the call-end hook resets the queue
	return h.in.rt.ToValue(true)
}

func (in *Instance) buildStream() (goja.Value, error) {
	v, err := in.rt.RunProgram(streamProgram())
	if err != nil {
		return nil, err
	}
	factory, _ := goja.AssertFunction(v)
	h := &tickHost{in: in}
	host := in.rt.NewObject()
	if err := host.Set("schedule", h.schedule); err != nil {
		return nil, err
	}
	if err := host.Set("onReset", func(call goja.FunctionCall) goja.Value {
		h.reset, _ = goja.AssertFunction(call.Argument(0))
		return goja.Undefined()
	}); err != nil {
		return nil, err
	}
	in.atCallEnd(func(failed bool) {
		if (failed || h.pending) && h.reset != nil {
			h.pending = false
			_, _ = h.reset(goja.Undefined())
		}
	})
	return factory(goja.Undefined(), host, in.nodeErrors(), in.rt.Get("Buffer"))
}

// streamSource is the module's JavaScript: a function of the host, Node's error helpers and
// Buffer that returns the module.
const streamSource = `(function (host, errs, Buffer) {
'use strict'
// Node's stream module (lib/internal/streams), reduced to what plugins use: EventEmitter,
// Readable, Writable, Duplex, Transform, PassThrough, pipeline and finished. The state
// machines follow Node's, step for step, so events fire in Node's order.

const { make, codes } = errs
const nop = () => {}
// goja has no Symbol.asyncIterator; esbuild's for-await helper then looks for this one.
const kAsyncIterator = Symbol.asyncIterator || Symbol.for('Symbol.asyncIterator')
const kEmpty = Object.freeze({ __proto__: null })

const ERR_INVALID_ARG_TYPE = (n, e, a) => codes.ERR_INVALID_ARG_TYPE(n, e, a)
const ERR_INVALID_ARG_VALUE = (n, v, r) => codes.ERR_INVALID_ARG_VALUE(n, v, r)
const ERR_UNKNOWN_ENCODING = (e) => codes.ERR_UNKNOWN_ENCODING(e)
const ERR_OUT_OF_RANGE = (n, r, v) => codes.ERR_OUT_OF_RANGE(n, r, v)
const ERR_MISSING_ARGS = (n) => codes.ERR_MISSING_ARGS(n)
const ERR_METHOD_NOT_IMPLEMENTED = (m) => make(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The ' + m + ' method is not implemented')
const ERR_MULTIPLE_CALLBACK = () => make(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times')
const ERR_STREAM_ALREADY_FINISHED = (m) => make(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call ' + m + ' after a stream was finished')
const ERR_STREAM_CANNOT_PIPE = () => make(Error, 'ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable')
const ERR_STREAM_DESTROYED = (m) => make(Error, 'ERR_STREAM_DESTROYED', 'Cannot call ' + m + ' after a stream was destroyed')
const ERR_STREAM_NULL_VALUES = () => make(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream')
const ERR_STREAM_PREMATURE_CLOSE = () => make(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close')
const ERR_STREAM_PUSH_AFTER_EOF = () => make(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF')
const ERR_STREAM_UNSHIFT_AFTER_END_EVENT = () => make(Error, 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event')
const ERR_STREAM_WRITE_AFTER_END = () => make(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end')
const ERR_UNHANDLED_ERROR = (e) => make(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error.' + (e === undefined ? '' : ' (' + e + ')'))

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options)
    this.code = 'ABORT_ERR'
    this.name = 'AbortError'
  }
}

function aggregateTwoErrors(inner, outer) {
  if (inner && outer && inner !== outer) {
    if (Array.isArray(outer.errors)) {
      outer.errors.push(inner)
      return outer
    }
    const err = new AggregateError([outer, inner], outer.message)
    err.code = outer.code
    return err
  }
  return inner || outer
}

function validateFunction(v, name) {
  if (typeof v !== 'function') throw ERR_INVALID_ARG_TYPE(name, 'Function', v)
}

function validateObject(v, name) {
  if (v === null || Array.isArray(v) || typeof v !== 'object') throw ERR_INVALID_ARG_TYPE(name, 'Object', v)
}

// ---- process.nextTick ----
// Node runs nextTick callbacks once the current macrotask's microtasks have drained (plugin
// code runs inside promise chains, so that is where they land). The host runs runTicks as
// its own turn of the loop, after the microtasks; where it cannot, a microtask stands in.
const ticks = []
let running = false
let microtaskPending = false

function nextTick(fn, ...args) {
  ticks.push(fn, args)
  if (!running) requestRun()
}

function requestRun() {
  if (host.schedule(runTicks) || microtaskPending) return
  microtaskPending = true
  Promise.resolve().then(() => {
    microtaskPending = false
    runTicks()
  })
}

// The host resets the queue when a call ends badly: an interrupt skips finally blocks, and a
// later call must neither find running stuck nor run an earlier call's callbacks.
host.onReset(() => {
  ticks.length = 0
  running = false
  microtaskPending = false
})

function runTicks() {
  running = true
  let i = 0
  try {
    while (i < ticks.length) {
      const fn = ticks[i]
      const args = ticks[i + 1]
      i += 2
      fn(...args)
    }
  } finally {
    ticks.splice(0, i)
    running = false
    if (ticks.length > 0) requestRun()
  }
}

// ---- EventEmitter (lib/events.js) ----
const kCapture = Symbol('kCapture')
const kShapeMode = Symbol('shapeMode')
const kErrorMonitor = Symbol('events.errorMonitor')
let defaultMaxListeners = 10

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts)
}
EventEmitter.prototype._events = undefined
EventEmitter.prototype._eventsCount = 0
EventEmitter.prototype._maxListeners = undefined
EventEmitter.errorMonitor = kErrorMonitor
Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() { return defaultMaxListeners },
  set(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) throw ERR_OUT_OF_RANGE('defaultMaxListeners', 'a non-negative number', n)
    defaultMaxListeners = n
  },
})

EventEmitter.init = function (opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null }
    this._eventsCount = 0
    this[kShapeMode] = false
  } else {
    this[kShapeMode] = true
  }
  this._maxListeners = this._maxListeners || undefined
  this[kCapture] = false
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) throw ERR_OUT_OF_RANGE('n', 'a non-negative number', n)
  this._maxListeners = n
  return this
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return this._maxListeners === undefined ? defaultMaxListeners : this._maxListeners
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  let doError = type === 'error'
  const events = this._events
  if (events !== undefined) {
    if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args)
    doError = doError && events.error === undefined
  } else if (!doError) {
    return false
  }
  if (doError) {
    const er = args.length > 0 ? args[0] : undefined
    if (er instanceof Error) throw er
    let shown
    try { shown = errs.inspect(er) } catch { shown = String(er) }
    const err = ERR_UNHANDLED_ERROR(shown)
    err.context = er
    throw err
  }
  const handler = events[type]
  if (handler === undefined) return false
  if (typeof handler === 'function') {
    handler.apply(this, args)
  } else {
    const listeners = handler.slice()
    for (let i = 0; i < listeners.length; ++i) listeners[i].apply(this, args)
  }
  return true
}

function checkListener(listener) {
  validateFunction(listener, 'listener')
}

function addListener(target, type, listener, prepend) {
  checkListener(listener)
  let events = target._events
  let existing
  if (events === undefined) {
    events = target._events = { __proto__: null }
    target._eventsCount = 0
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ?? listener)
      events = target._events
    }
    existing = events[type]
  }
  if (existing === undefined) {
    events[type] = listener
    ++target._eventsCount
  } else if (typeof existing === 'function') {
    events[type] = prepend ? [listener, existing] : [existing, listener]
  } else if (prepend) {
    existing.unshift(listener)
  } else {
    existing.push(listener)
  }
  return target
}

EventEmitter.prototype.addListener = function addListener_(type, listener) {
  return addListener(this, type, listener, false)
}
EventEmitter.prototype.on = EventEmitter.prototype.addListener
EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListener(this, type, listener, true)
}

function onceWrapper(...args) {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn)
    this.fired = true
    return this.listener.apply(this.target, args)
  }
}

function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener }
  const wrapped = onceWrapper.bind(state)
  wrapped.listener = listener
  state.wrapFn = wrapped
  return wrapped
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener)
  this.on(type, onceWrap(this, type, listener))
  return this
}

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener)
  this.prependListener(type, onceWrap(this, type, listener))
  return this
}

function hasEventListener(self, type) {
  if (type === undefined) return self._events !== undefined
  return self._events !== undefined && self._events[type] !== undefined
}

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener)
  if (!hasEventListener(this, type)) return this
  const events = this._events
  const list = events[type]
  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1
    if (this[kShapeMode]) {
      events[type] = undefined
    } else if (this._eventsCount === 0) {
      this._events = { __proto__: null }
    } else {
      delete events[type]
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener)
    }
  } else if (typeof list !== 'function') {
    let position = -1
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i
        break
      }
    }
    if (position < 0) return this
    if (position === 0) list.shift()
    else list.splice(position, 1)
    if (list.length === 1) events[type] = list[0]
    if (events.removeListener !== undefined) this.emit('removeListener', type, listener)
  }
  return this
}
EventEmitter.prototype.off = EventEmitter.prototype.removeListener

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  if (!hasEventListener(this)) return this
  const events = this._events
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = { __proto__: null }
      this._eventsCount = 0
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = { __proto__: null }
      else delete events[type]
    }
    this[kShapeMode] = false
    return this
  }
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === 'removeListener') continue
      this.removeAllListeners(key)
    }
    this.removeAllListeners('removeListener')
    this._events = { __proto__: null }
    this._eventsCount = 0
    this[kShapeMode] = false
    return this
  }
  const listeners = events[type]
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners)
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i])
  }
  return this
}

function listenersOf(target, type, unwrap) {
  if (!hasEventListener(target, type)) return []
  const l = target._events[type]
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l]
  return unwrap ? l.map((f) => f.listener || f) : l.slice()
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true)
}
EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false)
}

function listenerCount(type, listener) {
  const events = this._events
  if (events !== undefined) {
    const l = events[type]
    if (typeof l === 'function') {
      if (listener != null) return listener === l || listener === l.listener ? 1 : 0
      return 1
    } else if (l !== undefined) {
      if (listener != null) {
        let n = 0
        for (let i = 0; i < l.length; i++) if (l[i] === listener || l[i].listener === listener) n++
        return n
      }
      return l.length
    }
  }
  return 0
}
EventEmitter.prototype.listenerCount = listenerCount
EventEmitter.listenerCount = function (emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type)
  return listenerCount.call(emitter, type)
}

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : []
}

EventEmitter.once = function once(emitter, name) {
  return new Promise((resolve, reject) => {
    const errorListener = (err) => {
      emitter.removeListener(name, resolver)
      reject(err)
    }
    const resolver = (...args) => {
      if (name !== 'error') emitter.removeListener('error', errorListener)
      resolve(args)
    }
    emitter.once(name, resolver)
    if (name !== 'error') emitter.once('error', errorListener)
  })
}
EventEmitter.EventEmitter = EventEmitter

// ---- legacy Stream ----
function Stream(opts) {
  EventEmitter.call(this, opts)
}
Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype)
Object.setPrototypeOf(Stream, EventEmitter)

Stream.prototype.pipe = function (dest, options) {
  const source = this
  function ondata(chunk) {
    if (dest.writable && dest.write(chunk) === false && source.pause) source.pause()
  }
  source.on('data', ondata)
  function ondrain() {
    if (source.readable && source.resume) source.resume()
  }
  dest.on('drain', ondrain)
  if (!dest._isStdio && (!options || options.end !== false)) {
    source.on('end', onend)
    source.on('close', onclose)
  }
  let didOnEnd = false
  function onend() {
    if (didOnEnd) return
    didOnEnd = true
    dest.end()
  }
  function onclose() {
    if (didOnEnd) return
    didOnEnd = true
    if (typeof dest.destroy === 'function') dest.destroy()
  }
  function onerror(er) {
    cleanup()
    if (EventEmitter.listenerCount(this, 'error') === 0) this.emit('error', er)
  }
  prependListener(source, 'error', onerror)
  prependListener(dest, 'error', onerror)
  function cleanup() {
    source.removeListener('data', ondata)
    dest.removeListener('drain', ondrain)
    source.removeListener('end', onend)
    source.removeListener('close', onclose)
    source.removeListener('error', onerror)
    dest.removeListener('error', onerror)
    source.removeListener('end', cleanup)
    source.removeListener('close', cleanup)
    dest.removeListener('close', cleanup)
  }
  source.on('end', cleanup)
  source.on('close', cleanup)
  dest.on('close', cleanup)
  dest.emit('pipe', source)
  return dest
}

Stream.prototype.eventNames = function eventNames() {
  const names = []
  for (const key of Reflect.ownKeys(this._events)) {
    if (typeof this._events[key] === 'function' || (Array.isArray(this._events[key]) && this._events[key].length > 0)) names.push(key)
  }
  return names
}

function prependListener(emitter, event, fn) {
  if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, fn)
  if (!emitter._events || !emitter._events[event]) emitter.on(event, fn)
  else if (Array.isArray(emitter._events[event])) emitter._events[event].unshift(fn)
  else emitter._events[event] = [fn, emitter._events[event]]
}

// ---- helpers (internal/streams/utils, state) ----
let defaultHighWaterMarkBytes = 16 * 1024
let defaultHighWaterMarkObjects = 16

function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultHighWaterMarkObjects : defaultHighWaterMarkBytes
}

function setDefaultHighWaterMark(objectMode, value) {
  if (typeof value !== 'number') throw ERR_INVALID_ARG_TYPE('value', 'number', value)
  if (!Number.isInteger(value) || value < 0) throw ERR_OUT_OF_RANGE('value', '>= 0', value)
  if (objectMode) defaultHighWaterMarkObjects = value
  else defaultHighWaterMarkBytes = value
}

function getHighWaterMark(state, options, duplexKey, isDuplex) {
  const hwm = options.highWaterMark != null ? options.highWaterMark : isDuplex ? options[duplexKey] : null
  if (hwm != null) {
    if (!Number.isInteger(hwm) || hwm < 0) {
      throw ERR_INVALID_ARG_VALUE(isDuplex ? 'options.' + duplexKey : 'options.highWaterMark', hwm)
    }
    return Math.floor(hwm)
  }
  return getDefaultHighWaterMark(state.objectMode)
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v)
}

function uint8ArrayToBuffer(chunk) {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}

function isReadableNodeStream(obj, strict = false) {
  return !!(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
    (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function')) &&
    (!obj._writableState || obj._readableState?.readable !== false) &&
    (!obj._writableState || obj._readableState))
}

function isWritableNodeStream(obj) {
  return !!(obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
    (!obj._readableState || obj._writableState?.writable !== false))
}

function isNodeStream(obj) {
  return obj && (obj._readableState || obj._writableState ||
    (typeof obj.write === 'function' && typeof obj.on === 'function') ||
    (typeof obj.pipe === 'function' && typeof obj.on === 'function'))
}

const kIsDestroyed = Symbol('kIsDestroyed')

function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null
  const state = stream._writableState || stream._readableState
  return !!(stream.destroyed || stream[kIsDestroyed] || state?.destroyed)
}

function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null
  if (stream.writableEnded === true) return true
  const w = stream._writableState
  if (w?.errored) return false
  if (typeof w?.ended !== 'boolean') return null
  return w.ended
}

function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) return null
  if (stream.writableFinished === true) return true
  const w = stream._writableState
  if (w?.errored) return false
  if (typeof w?.finished !== 'boolean') return null
  return !!(w.finished || (strict === false && w.ended === true && w.length === 0))
}

function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) return null
  const r = stream._readableState
  if (r?.errored) return false
  if (typeof r?.endEmitted !== 'boolean') return null
  return !!(r.endEmitted || (strict === false && r.ended === true && r.length === 0))
}

function isReadable(stream) {
  if (typeof stream?.readable !== 'boolean') return null
  if (isDestroyed(stream)) return false
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream)
}

function isWritable(stream) {
  if (typeof stream?.writable !== 'boolean') return null
  if (isDestroyed(stream)) return false
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream)
}

function isFinished(stream, opts) {
  if (!isNodeStream(stream)) return null
  if (isDestroyed(stream)) return true
  if (opts?.readable !== false && isReadable(stream)) return false
  if (opts?.writable !== false && isWritable(stream)) return false
  return true
}

function isWritableErrored(stream) {
  if (!isNodeStream(stream)) return null
  if (stream.writableErrored) return stream.writableErrored
  return stream._writableState?.errored ?? null
}

function isReadableErrored(stream) {
  if (!isNodeStream(stream)) return null
  if (stream.readableErrored) return stream.readableErrored
  return stream._readableState?.errored ?? null
}

function isClosed(stream) {
  if (!isNodeStream(stream)) return null
  if (typeof stream.closed === 'boolean') return stream.closed
  const w = stream._writableState
  const r = stream._readableState
  if (typeof w?.closed === 'boolean' || typeof r?.closed === 'boolean') return w?.closed || r?.closed
  return null
}

function willEmitClose(stream) {
  if (!isNodeStream(stream)) return null
  const state = stream._writableState || stream._readableState
  return !!(state && state.autoDestroy && state.emitClose && state.closed === false)
}

function isErrored(stream) {
  return !!(stream && (stream.readableErrored ?? stream.writableErrored ?? stream._readableState?.errorEmitted ??
    stream._writableState?.errorEmitted ?? stream._readableState?.errored ?? stream._writableState?.errored))
}

function isDisturbed(stream) {
  return !!(stream && (stream.readableDidRead || stream.readableAborted))
}

// ---- StringDecoder (enough for setEncoding) ----
class StringDecoder {
  constructor(encoding) {
    const enc = encoding == null ? 'utf8' : String(encoding).toLowerCase()
    if (!Buffer.isEncoding(enc)) throw ERR_UNKNOWN_ENCODING(encoding)
    this.encoding = normalizeEncoding(enc)
    this.pending = null
  }
  write(buf) {
    if (typeof buf === 'string') return buf
    if (this.pending) buf = Buffer.concat([this.pending, buf])
    let keep = 0
    const n = buf.length
    switch (this.encoding) {
      case 'utf8': {
        for (let back = 1; back <= Math.min(3, n); back++) {
          const c = buf[n - back]
          if ((c & 0xc0) === 0x80) continue
          const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1
          if (need > back) keep = back
          break
        }
        break
      }
      case 'utf16le': keep = n % 2; break
      case 'base64':
      case 'base64url': keep = n % 3; break
    }
    this.pending = keep ? buf.subarray(n - keep) : null
    return buf.toString(this.encoding, 0, n - keep)
  }
  end(buf) {
    let r = buf ? this.write(buf) : ''
    if (this.pending) r += this.pending.toString(this.encoding)
    this.pending = null
    return r
  }
}

function normalizeEncoding(enc) {
  switch (enc) {
    case 'utf-8': return 'utf8'
    case 'ucs2': case 'ucs-2': case 'utf-16le': return 'utf16le'
    case 'binary': return 'latin1'
  }
  return enc
}

// ---- destroy (internal/streams/destroy) ----
function checkError(err, w, r) {
  if (err) {
    if (w && !w.errored) w.errored = err
    if (r && !r.errored) r.errored = err
  }
}

function destroy(err, cb) {
  const r = this._readableState
  const w = this._writableState
  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') cb()
    return this
  }
  checkError(err, w, r)
  if (w) w.destroyed = true
  if (r) r.destroyed = true
  destroyNow(this, err, cb)
  return this
}

function destroyNow(self, err, cb) {
  let called = false
  function onDestroy(err) {
    if (called) return
    called = true
    const r = self._readableState
    const w = self._writableState
    checkError(err, w, r)
    if (w) w.closed = true
    if (r) r.closed = true
    if (typeof cb === 'function') cb(err)
    if (err) nextTick(emitErrorCloseNT, self, err)
    else nextTick(emitCloseNT, self)
  }
  try {
    self._destroy(err || null, onDestroy)
  } catch (err) {
    onDestroy(err)
  }
}

function emitErrorCloseNT(self, err) {
  emitErrorNT(self, err)
  emitCloseNT(self)
}

function emitCloseNT(self) {
  const r = self._readableState
  const w = self._writableState
  if (w) w.closeEmitted = true
  if (r) r.closeEmitted = true
  if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close')
}

function emitErrorNT(self, err) {
  const r = self._readableState
  const w = self._writableState
  if ((w && w.errorEmitted) || (r && r.errorEmitted)) return
  if (w) w.errorEmitted = true
  if (r) r.errorEmitted = true
  self.emit('error', err)
}

function errorOrDestroy(stream, err, sync) {
  const r = stream._readableState
  const w = stream._writableState
  if ((w && w.destroyed) || (r && r.destroyed)) return
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
    stream.destroy(err)
  } else if (err) {
    if (w && !w.errored) w.errored = err
    if (r && !r.errored) r.errored = err
    if (sync) nextTick(emitErrorNT, stream, err)
    else emitErrorNT(stream, err)
  }
}

function destroyer(stream, err) {
  if (!stream || isDestroyed(stream)) return
  if (!err && !isFinished(stream)) err = new AbortError()
  if (typeof stream.destroy === 'function') stream.destroy(err)
  else if (typeof stream.close === 'function') stream.close()
  else if (err) nextTick((s, e) => { s.emit('error', e); nextTick((s) => s.emit('close'), s) }, stream, err)
  else nextTick((s) => s.emit('close'), stream)
  if (!stream.destroyed) stream[kIsDestroyed] = true
}

// ---- Readable (internal/streams/readable) ----
function ReadableState(options, stream, isDuplex) {
  this.objectMode = !!(options && (options.objectMode || (isDuplex && options.readableObjectMode)))
  this.highWaterMark = options ? getHighWaterMark(this, options, 'readableHighWaterMark', isDuplex) : getDefaultHighWaterMark(false)
  this.buffer = []
  this.bufferIndex = 0
  this.length = 0
  this.pipes = []
  this.flowing = null
  this.ended = false
  this.endEmitted = false
  this.reading = false
  this.constructed = true
  this.sync = true
  this.needReadable = false
  this.emittedReadable = false
  this.readableListening = false
  this.resumeScheduled = false
  this.errorEmitted = false
  this.emitClose = !(options && options.emitClose === false)
  this.autoDestroy = !(options && options.autoDestroy === false)
  this.destroyed = false
  this.errored = null
  this.closed = false
  this.closeEmitted = false
  const defaultEncoding = options?.defaultEncoding
  if (defaultEncoding == null || defaultEncoding === 'utf8' || defaultEncoding === 'utf-8') {
    this.defaultEncoding = 'utf8'
  } else if (Buffer.isEncoding(defaultEncoding)) {
    this.defaultEncoding = defaultEncoding
  } else {
    throw ERR_UNKNOWN_ENCODING(defaultEncoding)
  }
  this.awaitDrainWriters = null
  this.multiAwaitDrain = false
  this.readingMore = false
  this.dataEmitted = false
  this.dataListening = false
  this.hasPaused = false
  this.pausedFlag = false
  this.decoder = null
  this.encoding = null
  if (options && options.encoding) {
    this.decoder = new StringDecoder(options.encoding)
    this.encoding = options.encoding
  }
}

Object.defineProperties(ReadableState.prototype, {
  pipesCount: { get() { return this.pipes.length } },
  paused: {
    get() { return this.pausedFlag },
    set(v) { this.hasPaused = true; this.pausedFlag = !!v },
  },
})

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options)
  this._events ??= { close: undefined, error: undefined, data: undefined, end: undefined, readable: undefined }
  this._readableState = new ReadableState(options, this, false)
  if (options) {
    if (typeof options.read === 'function') this._read = options.read
    if (typeof options.destroy === 'function') this._destroy = options.destroy
  }
  Stream.call(this, options)
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype)
Object.setPrototypeOf(Readable, Stream)
Readable.ReadableState = ReadableState

Readable.prototype.destroy = destroy
Readable.prototype._undestroy = function () {
  const r = this._readableState
  r.constructed = true
  r.closed = false
  r.closeEmitted = false
  r.destroyed = false
  r.errored = null
  r.errorEmitted = false
  r.reading = false
  r.ended = r.readable === false
  r.endEmitted = r.readable === false
}
Readable.prototype._destroy = function (err, cb) {
  cb(err)
}

Readable.prototype.push = function (chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, false)
}

Readable.prototype.unshift = function (chunk, encoding) {
  return readableAddChunk(this, chunk, encoding, true)
}

function readableAddChunk(stream, chunk, encoding, addToFront) {
  const state = stream._readableState
  let err
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding
      if (state.encoding !== encoding) {
        if (addToFront && state.encoding) {
          chunk = Buffer.from(chunk, encoding).toString(state.encoding)
        } else {
          chunk = Buffer.from(chunk, encoding)
          encoding = ''
        }
      }
    } else if (chunk instanceof Buffer) {
      encoding = ''
    } else if (isArrayBufferView(chunk)) {
      chunk = uint8ArrayToBuffer(chunk)
      encoding = ''
    } else if (chunk != null) {
      err = ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk)
    }
  }
  if (err) {
    errorOrDestroy(stream, err)
  } else if (chunk === null) {
    state.reading = false
    onEofChunk(stream, state)
  } else if (state.objectMode || (chunk && chunk.length > 0)) {
    if (addToFront) {
      if (state.endEmitted) errorOrDestroy(stream, ERR_STREAM_UNSHIFT_AFTER_END_EVENT())
      else if (state.destroyed || state.errored) return false
      else addChunk(stream, state, chunk, true)
    } else if (state.ended) {
      errorOrDestroy(stream, ERR_STREAM_PUSH_AFTER_EOF())
    } else if (state.destroyed || state.errored) {
      return false
    } else {
      state.reading = false
      if (state.decoder && !encoding) {
        chunk = state.decoder.write(chunk)
        if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false)
        else maybeReadMore(stream, state)
      } else {
        addChunk(stream, state, chunk, false)
      }
    }
  } else if (!addToFront) {
    state.reading = false
    maybeReadMore(stream, state)
  }
  return !state.ended && (state.length < state.highWaterMark || state.length === 0)
}

function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && state.dataListening) {
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear()
    else state.awaitDrainWriters = null
    state.dataEmitted = true
    stream.emit('data', chunk)
  } else {
    state.length += state.objectMode ? 1 : chunk.length
    if (addToFront) {
      if (state.bufferIndex > 0) state.buffer[--state.bufferIndex] = chunk
      else state.buffer.unshift(chunk)
    } else {
      state.buffer.push(chunk)
    }
    if (state.needReadable) emitReadable(stream)
  }
  maybeReadMore(stream, state)
}

Readable.prototype.isPaused = function () {
  const state = this._readableState
  return state.pausedFlag || state.flowing === false
}

Readable.prototype.setEncoding = function (enc) {
  const state = this._readableState
  const decoder = new StringDecoder(enc)
  state.decoder = decoder
  state.encoding = decoder.encoding
  let content = ''
  for (const data of state.buffer.slice(state.bufferIndex)) content += decoder.write(data)
  state.buffer.length = 0
  state.bufferIndex = 0
  if (content !== '') state.buffer.push(content)
  state.length = content.length
  return this
}

const MAX_HWM = 0x40000000
function computeNewHighWaterMark(n) {
  if (n > MAX_HWM) throw ERR_OUT_OF_RANGE('size', '<= 1GiB', n)
  n--
  n |= n >>> 1
  n |= n >>> 2
  n |= n >>> 4
  n |= n >>> 8
  n |= n >>> 16
  n++
  return n
}

function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0
  if (state.objectMode) return 1
  if (Number.isNaN(n)) {
    if (state.flowing && state.length) return state.buffer[state.bufferIndex].length
    return state.length
  }
  if (n <= state.length) return n
  return state.ended ? state.length : 0
}

Readable.prototype.read = function (n) {
  if (n === undefined) n = NaN
  else if (!Number.isInteger(n)) n = Number.parseInt(n, 10)
  const state = this._readableState
  const nOrig = n
  if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n)
  if (n !== 0) state.emittedReadable = false
  if (n === 0 && state.needReadable &&
    ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this)
    else emitReadable(this)
    return null
  }
  n = howMuchToRead(n, state)
  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this)
    return null
  }
  let doRead = state.needReadable
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
    doRead = false
  } else if (doRead) {
    state.reading = true
    state.sync = true
    if (state.length === 0) state.needReadable = true
    try {
      this._read(state.highWaterMark)
    } catch (err) {
      errorOrDestroy(this, err)
    }
    state.sync = false
    if (!state.reading) n = howMuchToRead(nOrig, state)
  }
  let ret = n > 0 ? fromList(n, state) : null
  if (ret === null) {
    if (state.length <= state.highWaterMark) state.needReadable = true
    n = 0
  } else {
    state.length -= n
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear()
    else state.awaitDrainWriters = null
  }
  if (state.length === 0) {
    if (!state.ended) state.needReadable = true
    if (nOrig !== n && state.ended) endReadable(this)
  }
  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true
    this.emit('data', ret)
  }
  return ret
}

function onEofChunk(stream, state) {
  if (state.ended) return
  if (state.decoder) {
    const chunk = state.decoder.end()
    if (chunk && chunk.length) {
      state.buffer.push(chunk)
      state.length += state.objectMode ? 1 : chunk.length
    }
  }
  state.ended = true
  if (state.sync) {
    emitReadable(stream)
  } else {
    state.needReadable = false
    state.emittedReadable = true
    emitReadable_(stream)
  }
}

function emitReadable(stream) {
  const state = stream._readableState
  state.needReadable = false
  if (!state.emittedReadable) {
    state.emittedReadable = true
    nextTick(emitReadable_, stream)
  }
}

function emitReadable_(stream) {
  const state = stream._readableState
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable')
    state.emittedReadable = false
  }
  if (!state.flowing && !state.ended && state.length <= state.highWaterMark) state.needReadable = true
  flow(stream)
}

function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true
    nextTick(maybeReadMore_, stream, state)
  }
}

function maybeReadMore_(stream, state) {
  while (!state.reading && !state.ended &&
    (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const len = state.length
    stream.read(0)
    if (len === state.length) break
  }
  state.readingMore = false
}

Readable.prototype._read = function (n) {
  throw ERR_METHOD_NOT_IMPLEMENTED('_read()')
}

Readable.prototype.pipe = function (dest, pipeOpts) {
  const src = this
  const state = this._readableState
  if (state.pipes.length === 1 && !state.multiAwaitDrain) {
    state.multiAwaitDrain = true
    state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : [])
  }
  state.pipes.push(dest)
  const doEnd = !pipeOpts || pipeOpts.end !== false
  const endFn = doEnd ? onend : unpipe
  if (state.endEmitted) nextTick(endFn)
  else src.once('end', endFn)
  dest.on('unpipe', onunpipe)
  function onunpipe(readable, unpipeInfo) {
    if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
      unpipeInfo.hasUnpiped = true
      cleanup()
    }
  }
  function onend() {
    dest.end()
  }
  let ondrain
  let cleanedUp = false
  function cleanup() {
    dest.removeListener('close', onclose)
    dest.removeListener('finish', onfinish)
    if (ondrain) dest.removeListener('drain', ondrain)
    dest.removeListener('error', onerror)
    dest.removeListener('unpipe', onunpipe)
    src.removeListener('end', onend)
    src.removeListener('end', unpipe)
    src.removeListener('data', ondata)
    cleanedUp = true
    if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain()
  }
  function pause() {
    if (!cleanedUp) {
      if (state.pipes.length === 1 && state.pipes[0] === dest) {
        state.awaitDrainWriters = dest
        state.multiAwaitDrain = false
      } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
        state.awaitDrainWriters.add(dest)
      }
      src.pause()
    }
    if (!ondrain) {
      ondrain = pipeOnDrain(src, dest)
      dest.on('drain', ondrain)
    }
  }
  src.on('data', ondata)
  function ondata(chunk) {
    if (dest.write(chunk) === false) pause()
  }
  function onerror(er) {
    unpipe()
    dest.removeListener('error', onerror)
    if (dest.listenerCount('error') === 0) {
      const s = dest._writableState || dest._readableState
      if (s && !s.errorEmitted) errorOrDestroy(dest, er)
      else dest.emit('error', er)
    }
  }
  prependListener(dest, 'error', onerror)
  function onclose() {
    dest.removeListener('finish', onfinish)
    unpipe()
  }
  dest.once('close', onclose)
  function onfinish() {
    dest.removeListener('close', onclose)
    unpipe()
  }
  dest.once('finish', onfinish)
  function unpipe() {
    src.unpipe(dest)
  }
  dest.emit('pipe', src)
  if (dest.writableNeedDrain === true) pause()
  else if (!state.flowing) src.resume()
  return dest
}

function pipeOnDrain(src, dest) {
  return function pipeOnDrainFunctionResult() {
    const state = src._readableState
    if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null
    else if (state.multiAwaitDrain) state.awaitDrainWriters.delete(dest)
    if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && state.dataListening) src.resume()
  }
}

Readable.prototype.unpipe = function (dest) {
  const state = this._readableState
  const unpipeInfo = { hasUnpiped: false }
  if (state.pipes.length === 0) return this
  if (!dest) {
    const dests = state.pipes
    state.pipes = []
    this.pause()
    for (let i = 0; i < dests.length; i++) dests[i].emit('unpipe', this, { hasUnpiped: false })
    return this
  }
  const index = state.pipes.indexOf(dest)
  if (index === -1) return this
  state.pipes.splice(index, 1)
  if (state.pipes.length === 0) this.pause()
  dest.emit('unpipe', this, unpipeInfo)
  return this
}

Readable.prototype.on = function (ev, fn) {
  const res = Stream.prototype.on.call(this, ev, fn)
  const state = this._readableState
  if (ev === 'data') {
    state.dataListening = true
    if (this.listenerCount('readable') > 0) state.readableListening = true
    if (state.flowing !== false) this.resume()
  } else if (ev === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true
      state.flowing = false
      state.emittedReadable = false
      if (state.length) emitReadable(this)
      else if (!state.reading) nextTick(nReadingNextTick, this)
    }
  }
  return res
}
Readable.prototype.addListener = Readable.prototype.on

Readable.prototype.removeListener = function (ev, fn) {
  const state = this._readableState
  const res = Stream.prototype.removeListener.call(this, ev, fn)
  if (ev === 'readable') nextTick(updateReadableListening, this)
  else if (ev === 'data' && this.listenerCount('data') === 0) state.dataListening = false
  return res
}
Readable.prototype.off = Readable.prototype.removeListener

Readable.prototype.removeAllListeners = function (ev) {
  const res = Stream.prototype.removeAllListeners.apply(this, arguments)
  if (ev === 'readable' || ev === undefined) nextTick(updateReadableListening, this)
  return res
}

function updateReadableListening(self) {
  const state = self._readableState
  state.readableListening = self.listenerCount('readable') > 0
  if (state.resumeScheduled && state.hasPaused && !state.pausedFlag) {
    state.flowing = true
  } else if (state.dataListening) {
    self.resume()
  } else if (!state.readableListening) {
    state.flowing = null
  }
}

function nReadingNextTick(self) {
  self.read(0)
}

Readable.prototype.resume = function () {
  const state = this._readableState
  if (!state.flowing) {
    state.flowing = !state.readableListening
    resume(this, state)
  }
  state.hasPaused = true
  state.pausedFlag = false
  return this
}

function resume(stream, state) {
  if (!state.resumeScheduled) {
    state.resumeScheduled = true
    nextTick(resume_, stream, state)
  }
}

function resume_(stream, state) {
  if (!state.reading) stream.read(0)
  state.resumeScheduled = false
  stream.emit('resume')
  flow(stream)
  if (state.flowing && !state.reading) stream.read(0)
}

Readable.prototype.pause = function () {
  const state = this._readableState
  if (state.flowing !== false) {
    state.flowing = false
    this.emit('pause')
  }
  state.hasPaused = true
  state.pausedFlag = true
  return this
}

function flow(stream) {
  const state = stream._readableState
  while (state.flowing && stream.read() !== null);
}

Readable.prototype.wrap = function (stream) {
  let paused = false
  stream.on('data', (chunk) => {
    if (!this.push(chunk) && stream.pause) {
      paused = true
      stream.pause()
    }
  })
  stream.on('end', () => this.push(null))
  stream.on('error', (err) => errorOrDestroy(this, err))
  stream.on('close', () => this.destroy())
  stream.on('destroy', () => this.destroy())
  this._read = () => {
    if (paused && stream.resume) {
      paused = false
      stream.resume()
    }
  }
  const keys = Object.keys(stream)
  for (let j = 1; j < keys.length; j++) {
    const i = keys[j]
    if (this[i] === undefined && typeof stream[i] === 'function') this[i] = stream[i].bind(stream)
  }
  return this
}

Readable.prototype[kAsyncIterator] = function () {
  return streamToAsyncIterator(this)
}

Readable.prototype.iterator = function (options) {
  if (options !== undefined) validateObject(options, 'options')
  return streamToAsyncIterator(this, options)
}

function streamToAsyncIterator(stream, options) {
  if (typeof stream.read !== 'function') stream = Readable.wrap(stream, { objectMode: true })
  const iter = createAsyncIterator(stream, options)
  iter.stream = stream
  return iter
}

// createAsyncIterator is Node's async generator of the same name, written as an iterator
// object: each next() runs the generator's loop body until its next yield.
function createAsyncIterator(stream, options) {
  let callback = nop
  function next(resolve) {
    if (this === stream) {
      callback()
      callback = nop
    } else {
      callback = resolve
    }
  }
  stream.on('readable', next)
  let error
  const cleanup = eos(stream, { writable: false }, (err) => {
    error = err ? aggregateTwoErrors(error, err) : null
    callback()
    callback = nop
  })
  let finished = false
  function finish() {
    finished = true
    if ((error || options?.destroyOnReturn !== false) && (error === undefined || stream._readableState.autoDestroy)) {
      destroyer(stream, null)
    } else {
      stream.off('readable', next)
      cleanup()
    }
  }
  async function step() {
    if (finished) return { value: undefined, done: true }
    try {
      for (;;) {
        const chunk = stream.destroyed ? null : stream.read()
        if (chunk !== null) return { value: chunk, done: false }
        if (error) throw error
        if (error === null) {
          finish()
          return { value: undefined, done: true }
        }
        await new Promise(next)
      }
    } catch (err) {
      error = aggregateTwoErrors(error, err)
      finish()
      throw error
    }
  }
  let queue = Promise.resolve()
  const enqueue = (f) => {
    const p = queue.then(f)
    queue = p.then(nop, nop)
    return p
  }
  return {
    __proto__: AsyncIteratorPrototype,
    next() {
      return enqueue(step)
    },
    return(value) {
      return enqueue(async () => {
        if (!finished) finish()
        return { value, done: true }
      })
    },
    throw(err) {
      return enqueue(async () => {
        if (!finished) {
          error = aggregateTwoErrors(error, err)
          finish()
        }
        throw err
      })
    },
  }
}

const AsyncIteratorPrototype = {
  [kAsyncIterator]() {
    return this
  },
}

Object.defineProperties(Readable.prototype, {
  readable: {
    get() {
      const r = this._readableState
      return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted
    },
    set(val) {
      if (this._readableState) this._readableState.readable = !!val
    },
  },
  readableDidRead: { get() { return this._readableState.dataEmitted } },
  readableAborted: {
    get() {
      const r = this._readableState
      return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted)
    },
  },
  readableHighWaterMark: { get() { return this._readableState.highWaterMark } },
  readableBuffer: { get() { return this._readableState && this._readableState.buffer } },
  readableFlowing: {
    get() { return this._readableState.flowing },
    set(v) { if (this._readableState) this._readableState.flowing = v },
  },
  readableLength: { get() { return this._readableState.length } },
  readableObjectMode: { get() { return this._readableState ? this._readableState.objectMode : false } },
  readableEncoding: { get() { return this._readableState ? this._readableState.encoding : null } },
  errored: { get() { return this._readableState ? this._readableState.errored : null } },
  closed: { get() { return this._readableState ? this._readableState.closed : false } },
  destroyed: {
    get() { return this._readableState ? this._readableState.destroyed : false },
    set(v) { if (this._readableState) this._readableState.destroyed = v },
  },
  readableEnded: { get() { return this._readableState ? this._readableState.endEmitted : false } },
})

function fromList(n, state) {
  if (state.length === 0) return null
  let idx = state.bufferIndex
  let ret
  const buf = state.buffer
  const len = buf.length
  if (state.objectMode) {
    ret = buf[idx]
    buf[idx++] = null
  } else if (!n || n >= state.length) {
    if (state.decoder) {
      ret = ''
      while (idx < len) {
        ret += buf[idx]
        buf[idx++] = null
      }
    } else if (len - idx === 0) {
      ret = Buffer.alloc(0)
    } else if (len - idx === 1) {
      ret = buf[idx]
      buf[idx++] = null
    } else {
      ret = Buffer.allocUnsafe(state.length)
      let i = 0
      while (idx < len) {
        ret.set(buf[idx], i)
        i += buf[idx].length
        buf[idx++] = null
      }
    }
  } else if (n < buf[idx].length) {
    ret = buf[idx].slice(0, n)
    buf[idx] = buf[idx].slice(n)
  } else if (n === buf[idx].length) {
    ret = buf[idx]
    buf[idx++] = null
  } else if (state.decoder) {
    ret = ''
    while (idx < len) {
      const str = buf[idx]
      if (n > str.length) {
        ret += str
        n -= str.length
        buf[idx++] = null
      } else {
        if (n === buf.length) {
          ret += str
          buf[idx++] = null
        } else {
          ret += str.slice(0, n)
          buf[idx] = str.slice(n)
        }
        break
      }
    }
  } else {
    ret = Buffer.allocUnsafe(n)
    const retLen = n
    while (idx < len) {
      const data = buf[idx]
      if (n > data.length) {
        ret.set(data, retLen - n)
        n -= data.length
        buf[idx++] = null
      } else {
        if (n === data.length) {
          ret.set(data, retLen - n)
          buf[idx++] = null
        } else {
          ret.set(data.subarray(0, n), retLen - n)
          buf[idx] = data.subarray(n)
        }
        break
      }
    }
  }
  if (idx === len) {
    state.buffer.length = 0
    state.bufferIndex = 0
  } else if (idx > 1024) {
    state.buffer.splice(0, idx)
    state.bufferIndex = 0
  } else {
    state.bufferIndex = idx
  }
  return ret
}

function endReadable(stream) {
  const state = stream._readableState
  if (!state.endEmitted) {
    state.ended = true
    nextTick(endReadableNT, state, stream)
  }
}

function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true
    stream.emit('end')
    if (stream.writable && stream.allowHalfOpen === false) {
      nextTick(endWritableNT, stream)
    } else if (state.autoDestroy) {
      const wState = stream._writableState
      const autoDestroy = !wState || (wState.autoDestroy && (wState.finished || wState.writable === false))
      if (autoDestroy) stream.destroy()
    }
  }
}

function endWritableNT(stream) {
  if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end()
}

Readable.from = function (iterable, opts) {
  return from(Readable, iterable, opts)
}

Readable.wrap = function (src, options) {
  return new Readable({
    objectMode: src.readableObjectMode ?? src.objectMode ?? true,
    ...options,
    destroy(err, callback) {
      destroyer(src, err)
      callback(err)
    },
  }).wrap(src)
}

function from(Readable, iterable, opts) {
  if (typeof iterable === 'string' || iterable instanceof Buffer) {
    return new Readable({
      objectMode: true,
      ...opts,
      read() {
        this.push(iterable)
        this.push(null)
      },
    })
  }
  let isAsync
  let iterator
  if (iterable && iterable[kAsyncIterator]) {
    isAsync = true
    iterator = iterable[kAsyncIterator]()
  } else if (iterable && iterable[Symbol.iterator]) {
    isAsync = false
    iterator = iterable[Symbol.iterator]()
  } else {
    throw ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable)
  }
  const readable = new Readable({ objectMode: true, highWaterMark: 1, ...opts })
  let reading = false
  let isAsyncValues = false
  readable._read = function () {
    if (!reading) {
      reading = true
      if (isAsync) nextAsync()
      else if (isAsyncValues) nextSyncWithAsyncValues()
      else nextSyncWithSyncValues()
    }
  }
  readable._destroy = function (error, cb) {
    close(error).then(() => nextTick(cb, error), (e) => nextTick(cb, e || error))
  }
  async function close(error) {
    const hadError = error !== undefined && error !== null
    if (hadError && typeof iterator.throw === 'function') {
      const { value, done } = await iterator.throw(error)
      await value
      if (done) return
    }
    if (typeof iterator.return === 'function') {
      const { value } = await iterator.return()
      await value
    }
  }
  function nextSyncWithSyncValues() {
    for (;;) {
      try {
        const { value, done } = iterator.next()
        if (done) {
          readable.push(null)
          return
        }
        if (value && typeof value.then === 'function') return changeToAsyncValues(value)
        if (value === null) {
          reading = false
          throw ERR_STREAM_NULL_VALUES()
        }
        if (readable.push(value)) continue
        reading = false
      } catch (err) {
        readable.destroy(err)
      }
      break
    }
  }
  async function changeToAsyncValues(value) {
    isAsyncValues = true
    try {
      const res = await value
      if (res === null) {
        reading = false
        throw ERR_STREAM_NULL_VALUES()
      }
      if (readable.push(res)) {
        nextSyncWithAsyncValues()
        return
      }
      reading = false
    } catch (err) {
      readable.destroy(err)
    }
  }
  async function nextSyncWithAsyncValues() {
    for (;;) {
      try {
        const { value, done } = iterator.next()
        if (done) {
          readable.push(null)
          return
        }
        const res = value && typeof value.then === 'function' ? await value : value
        if (res === null) {
          reading = false
          throw ERR_STREAM_NULL_VALUES()
        }
        if (readable.push(res)) continue
        reading = false
      } catch (err) {
        readable.destroy(err)
      }
      break
    }
  }
  async function nextAsync() {
    for (;;) {
      try {
        const { value, done } = await iterator.next()
        if (done) {
          readable.push(null)
          return
        }
        if (value === null) {
          reading = false
          throw ERR_STREAM_NULL_VALUES()
        }
        if (readable.push(value)) continue
        reading = false
      } catch (err) {
        readable.destroy(err)
      }
      break
    }
  }
  return readable
}

// ---- Writable (internal/streams/writable) ----
function WritableState(options, stream, isDuplex) {
  this.objectMode = !!(options && (options.objectMode || (isDuplex && options.writableObjectMode)))
  this.highWaterMark = options ? getHighWaterMark(this, options, 'writableHighWaterMark', isDuplex) : getDefaultHighWaterMark(false)
  this.finalCalled = false
  this.needDrain = false
  this.ending = false
  this.ended = false
  this.finished = false
  this.destroyed = false
  this.decodeStrings = !(options && options.decodeStrings === false)
  const defaultEncoding = options ? options.defaultEncoding : null
  if (defaultEncoding == null || defaultEncoding === 'utf8' || defaultEncoding === 'utf-8') {
    this.defaultEncoding = 'utf8'
  } else if (Buffer.isEncoding(defaultEncoding)) {
    this.defaultEncoding = defaultEncoding
  } else {
    throw ERR_UNKNOWN_ENCODING(defaultEncoding)
  }
  this.length = 0
  this.writing = false
  this.corked = 0
  this.sync = true
  this.bufferProcessing = false
  this.onwrite = onwrite.bind(undefined, stream)
  this.writecb = null
  this.expectWriteCb = false
  this.writelen = 0
  this.afterWriteTickInfo = null
  this.afterWritePending = false
  resetBuffer(this)
  this.pendingcb = 0
  this.constructed = true
  this.prefinished = false
  this.errorEmitted = false
  this.emitClose = !(options && options.emitClose === false)
  this.autoDestroy = !(options && options.autoDestroy === false)
  this.errored = null
  this.closed = false
  this.closeEmitted = false
  this.onFinished = null
}

function resetBuffer(state) {
  state.buffered = []
  state.bufferedIndex = 0
  state.allBuffers = true
  state.allNoop = true
}

WritableState.prototype.getBuffer = function getBuffer() {
  return this.buffered.slice(this.bufferedIndex)
}

Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
  get() { return this.buffered.length - this.bufferedIndex },
})

function Writable(options) {
  if (!(this instanceof Writable)) return new Writable(options)
  this._events ??= { close: undefined, error: undefined, prefinish: undefined, finish: undefined, drain: undefined }
  this._writableState = new WritableState(options, this, false)
  if (options) {
    if (typeof options.write === 'function') this._write = options.write
    if (typeof options.writev === 'function') this._writev = options.writev
    if (typeof options.destroy === 'function') this._destroy = options.destroy
    if (typeof options.final === 'function') this._final = options.final
  }
  Stream.call(this, options)
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype)
Object.setPrototypeOf(Writable, Stream)
Writable.WritableState = WritableState

Object.defineProperty(Writable, Symbol.hasInstance, {
  value: function (object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true
    if (this !== Writable) return false
    return !!(object && object._writableState instanceof WritableState)
  },
})

Writable.prototype.pipe = function () {
  errorOrDestroy(this, ERR_STREAM_CANNOT_PIPE())
}

function writeChunk(stream, chunk, encoding, cb) {
  const state = stream._writableState
  if (cb == null || typeof cb !== 'function') cb = nop
  if (chunk === null) throw ERR_STREAM_NULL_VALUES()
  if (!state.objectMode) {
    if (!encoding) encoding = state.defaultEncoding
    else if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw ERR_UNKNOWN_ENCODING(encoding)
    if (typeof chunk === 'string') {
      if (state.decodeStrings) {
        chunk = Buffer.from(chunk, encoding)
        encoding = 'buffer'
      }
    } else if (chunk instanceof Buffer) {
      encoding = 'buffer'
    } else if (isArrayBufferView(chunk)) {
      chunk = uint8ArrayToBuffer(chunk)
      encoding = 'buffer'
    } else {
      throw ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk)
    }
  }
  let err
  if (state.ending) err = ERR_STREAM_WRITE_AFTER_END()
  else if (state.destroyed) err = ERR_STREAM_DESTROYED('write')
  if (err) {
    nextTick(cb, err)
    errorOrDestroy(stream, err, true)
    return err
  }
  state.pendingcb++
  return writeOrBuffer(stream, state, chunk, encoding, cb)
}

Writable.prototype.write = function (chunk, encoding, cb) {
  if (encoding != null && typeof encoding === 'function') {
    cb = encoding
    encoding = null
  }
  return writeChunk(this, chunk, encoding, cb) === true
}

Writable.prototype.cork = function () {
  this._writableState.corked++
}

Writable.prototype.uncork = function () {
  const state = this._writableState
  if (state.corked) {
    state.corked--
    if (!state.writing) clearBuffer(this, state)
  }
}

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase()
  if (!Buffer.isEncoding(encoding)) throw ERR_UNKNOWN_ENCODING(encoding)
  this._writableState.defaultEncoding = encoding
  return this
}

function writeOrBuffer(stream, state, chunk, encoding, callback) {
  const len = state.objectMode ? 1 : chunk.length
  state.length += len
  if (state.writing || state.corked || state.errored || !state.constructed) {
    state.buffered.push({ chunk, encoding, callback })
    if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false
    if (state.allNoop && callback !== nop) state.allNoop = false
  } else {
    state.writelen = len
    state.writecb = callback
    state.writing = true
    state.sync = true
    state.expectWriteCb = true
    stream._write(chunk, encoding, state.onwrite)
    state.sync = false
  }
  const ret = state.length < state.highWaterMark || state.length === 0
  if (!ret) state.needDrain = true
  return ret && !state.destroyed && !state.errored
}

function doWrite(stream, state, writev, len, chunk, encoding, cb) {
  state.writelen = len
  state.writecb = cb
  state.writing = true
  state.sync = true
  state.expectWriteCb = true
  if (state.destroyed) state.onwrite(ERR_STREAM_DESTROYED('write'))
  else if (writev) stream._writev(chunk, state.onwrite)
  else stream._write(chunk, encoding, state.onwrite)
  state.sync = false
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb
  cb(er)
  errorBuffer(state)
  errorOrDestroy(stream, er)
}

function onwrite(stream, er) {
  const state = stream._writableState
  if (!state.expectWriteCb) {
    errorOrDestroy(stream, ERR_MULTIPLE_CALLBACK())
    return
  }
  const sync = state.sync
  const cb = state.writecb || nop
  state.writecb = null
  state.writing = false
  state.expectWriteCb = false
  state.length -= state.writelen
  state.writelen = 0
  if (er) {
    if (!state.errored) state.errored = er
    if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er
    if (sync) nextTick(onwriteError, stream, state, er, cb)
    else onwriteError(stream, state, er, cb)
  } else {
    if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state)
    if (sync) {
      const needDrain = state.needDrain && state.length === 0
      // Node tests (state & kDestroyed !== 0), which precedence makes the object-mode bit.
      const needTick = needDrain || state.objectMode || cb !== nop
      if (cb === nop) {
        if (!state.afterWritePending && needTick) {
          nextTick(afterWrite, stream, state, 1, cb)
          state.afterWritePending = true
        } else {
          state.pendingcb--
          if (state.ending) finishMaybe(stream, state, true)
        }
      } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
        state.afterWriteTickInfo.count++
      } else if (needTick) {
        state.afterWriteTickInfo = { count: 1, cb, stream, state }
        nextTick(afterWriteTick, state.afterWriteTickInfo)
        state.afterWritePending = true
      } else {
        state.pendingcb--
        if (state.ending) finishMaybe(stream, state, true)
      }
    } else {
      afterWrite(stream, state, 1, cb)
    }
  }
}

function afterWriteTick({ stream, state, count, cb }) {
  state.afterWriteTickInfo = null
  return afterWrite(stream, state, count, cb)
}

function afterWrite(stream, state, count, cb) {
  state.afterWritePending = false
  const needDrain = !state.ending && !state.destroyed && state.length === 0 && state.needDrain
  if (needDrain) {
    state.needDrain = false
    stream.emit('drain')
  }
  while (count-- > 0) {
    state.pendingcb--
    cb(null)
  }
  if (state.destroyed) errorBuffer(state)
  if (state.ending) finishMaybe(stream, state, true)
}

function errorBuffer(state) {
  if (state.writing) return
  for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
    const { chunk, callback } = state.buffered[n]
    const len = state.objectMode ? 1 : chunk.length
    state.length -= len
    callback(state.errored ?? ERR_STREAM_DESTROYED('write'))
  }
  callFinishedCallbacks(state, state.errored ?? ERR_STREAM_DESTROYED('end'))
  resetBuffer(state)
}

function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return
  const { buffered, bufferedIndex, objectMode } = state
  const bufferedLength = buffered.length - bufferedIndex
  if (!bufferedLength) return
  let i = bufferedIndex
  state.bufferProcessing = true
  if (bufferedLength > 1 && stream._writev) {
    state.pendingcb -= bufferedLength - 1
    const callback = state.allNoop ? nop : (err) => {
      for (let n = i; n < buffered.length; ++n) buffered[n].callback(err)
    }
    const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i)
    chunks.allBuffers = state.allBuffers
    doWrite(stream, state, true, state.length, chunks, '', callback)
    resetBuffer(state)
  } else {
    do {
      const { chunk, encoding, callback } = buffered[i]
      buffered[i++] = null
      const len = objectMode ? 1 : chunk.length
      doWrite(stream, state, false, len, chunk, encoding, callback)
    } while (i < buffered.length && !state.writing)
    if (i === buffered.length) {
      resetBuffer(state)
    } else if (i > 256) {
      buffered.splice(0, i)
      state.bufferedIndex = 0
    } else {
      state.bufferedIndex = i
    }
  }
  state.bufferProcessing = false
}

Writable.prototype._write = function (chunk, encoding, cb) {
  if (this._writev) this._writev([{ chunk, encoding }], cb)
  else throw ERR_METHOD_NOT_IMPLEMENTED('_write()')
}

Writable.prototype._writev = null

Writable.prototype.end = function (chunk, encoding, cb) {
  const state = this._writableState
  if (typeof chunk === 'function') {
    cb = chunk
    chunk = null
    encoding = null
  } else if (typeof encoding === 'function') {
    cb = encoding
    encoding = null
  }
  let err
  if (chunk != null) {
    const ret = writeChunk(this, chunk, encoding)
    if (ret instanceof Error) err = ret
  }
  if (state.corked) {
    state.corked = 1
    this.uncork()
  }
  if (err) {
    // The write failed; end() reports it through cb.
  } else if (!state.errored && !state.ending) {
    state.ending = true
    finishMaybe(this, state, true)
    state.ended = true
  } else if (state.finished) {
    err = ERR_STREAM_ALREADY_FINISHED('end')
  } else if (state.destroyed) {
    err = ERR_STREAM_DESTROYED('end')
  }
  if (typeof cb === 'function') {
    if (err) nextTick(cb, err)
    else if (state.errored) nextTick(cb, state.errored)
    else if (state.finished) nextTick(cb, null)
    else (state.onFinished ??= []).push(cb)
  }
  return this
}

function needFinish(state) {
  return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored &&
    state.buffered.length === state.bufferedIndex && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted
}

function onFinish(stream, state, err) {
  if (state.prefinished) {
    errorOrDestroy(stream, err ?? ERR_MULTIPLE_CALLBACK())
    return
  }
  state.pendingcb--
  if (err) {
    callFinishedCallbacks(state, err)
    errorOrDestroy(stream, err, state.sync)
  } else if (needFinish(state)) {
    state.prefinished = true
    stream.emit('prefinish')
    state.pendingcb++
    nextTick(finish, stream, state)
  }
}

function prefinish(stream, state) {
  if (state.prefinished || state.finalCalled) return
  if (typeof stream._final === 'function' && !state.destroyed) {
    state.finalCalled = true
    state.sync = true
    state.pendingcb++
    try {
      stream._final((err) => onFinish(stream, state, err))
    } catch (err) {
      onFinish(stream, state, err)
    }
    state.sync = false
  } else {
    state.finalCalled = true
    state.prefinished = true
    stream.emit('prefinish')
  }
}

function finishMaybe(stream, state, sync) {
  if (needFinish(state)) {
    prefinish(stream, state)
    if (state.pendingcb === 0) {
      if (sync) {
        state.pendingcb++
        nextTick((stream, state) => {
          if (needFinish(state)) finish(stream, state)
          else state.pendingcb--
        }, stream, state)
      } else if (needFinish(state)) {
        state.pendingcb++
        finish(stream, state)
      }
    }
  }
}

function finish(stream, state) {
  state.pendingcb--
  state.finished = true
  callFinishedCallbacks(state, null)
  stream.emit('finish')
  if (state.autoDestroy) {
    const rState = stream._readableState
    const autoDestroy = !rState || (rState.autoDestroy && (rState.endEmitted || rState.readable === false))
    if (autoDestroy) stream.destroy()
  }
}

function callFinishedCallbacks(state, err) {
  const callbacks = state.onFinished
  if (!callbacks) return
  state.onFinished = null
  for (let i = 0; i < callbacks.length; i++) callbacks[i](err)
}

const writableProps = {
  closed: { get() { return this._writableState ? this._writableState.closed : false } },
  destroyed: {
    get() { return this._writableState ? this._writableState.destroyed : false },
    set(v) { if (this._writableState) this._writableState.destroyed = v },
  },
  writable: {
    get() {
      const w = this._writableState
      return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended
    },
    set(val) {
      if (this._writableState) this._writableState.writable = !!val
    },
  },
  writableFinished: { get() { return this._writableState ? this._writableState.finished : false } },
  writableObjectMode: { get() { return this._writableState ? this._writableState.objectMode : false } },
  writableBuffer: { get() { return this._writableState && this._writableState.getBuffer() } },
  writableEnded: { get() { return this._writableState ? this._writableState.ending : false } },
  writableNeedDrain: {
    get() {
      const w = this._writableState
      return w ? !w.destroyed && !w.ending && w.needDrain : false
    },
  },
  writableHighWaterMark: { get() { return this._writableState && this._writableState.highWaterMark } },
  writableCorked: { get() { return this._writableState ? this._writableState.corked : 0 } },
  writableLength: { get() { return this._writableState && this._writableState.length } },
  errored: { get() { return this._writableState ? this._writableState.errored : null } },
  writableAborted: {
    get() {
      const w = this._writableState
      return w.writable !== false && (w.destroyed || w.errored) && !w.finished
    },
  },
}
Object.defineProperties(Writable.prototype, writableProps)

Writable.prototype.destroy = function (err, cb) {
  const state = this._writableState
  if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state.onFinished)) nextTick(errorBuffer, state)
  destroy.call(this, err, cb)
  return this
}
Writable.prototype._undestroy = function () {
  const w = this._writableState
  w.constructed = true
  w.destroyed = false
  w.closed = false
  w.closeEmitted = false
  w.errored = null
  w.errorEmitted = false
  w.finalCalled = false
  w.prefinished = false
  w.ended = w.writable === false
  w.ending = w.writable === false
  w.finished = w.writable === false
}
Writable.prototype._destroy = function (err, cb) {
  cb(err)
}

// ---- Duplex, Transform, PassThrough ----
function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options)
  this._events ??= {
    close: undefined, error: undefined, prefinish: undefined, finish: undefined, drain: undefined,
    data: undefined, end: undefined, readable: undefined,
  }
  this._readableState = new ReadableState(options, this, true)
  this._writableState = new WritableState(options, this, true)
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false
    if (options.readable === false) {
      this._readableState.readable = false
      this._readableState.ended = true
      this._readableState.endEmitted = true
    }
    if (options.writable === false) {
      this._writableState.writable = false
      this._writableState.ending = true
      this._writableState.ended = true
      this._writableState.finished = true
    }
    if (typeof options.read === 'function') this._read = options.read
    if (typeof options.write === 'function') this._write = options.write
    if (typeof options.writev === 'function') this._writev = options.writev
    if (typeof options.destroy === 'function') this._destroy = options.destroy
    if (typeof options.final === 'function') this._final = options.final
  } else {
    this.allowHalfOpen = true
  }
  Stream.call(this, options)
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype)
Object.setPrototypeOf(Duplex, Readable)
for (const method of Object.keys(Writable.prototype)) {
  if (!Duplex.prototype[method]) Duplex.prototype[method] = Writable.prototype[method]
}
Duplex.prototype.destroy = Writable.prototype.destroy
Duplex.prototype._undestroy = function () {
  Readable.prototype._undestroy.call(this)
  Writable.prototype._undestroy.call(this)
}
{
  const props = {}
  for (const k of ['writable', 'writableHighWaterMark', 'writableObjectMode', 'writableBuffer', 'writableLength',
    'writableFinished', 'writableCorked', 'writableEnded', 'writableNeedDrain']) props[k] = writableProps[k]
  props.destroyed = {
    get() {
      if (this._readableState === undefined || this._writableState === undefined) return false
      return this._readableState.destroyed && this._writableState.destroyed
    },
    set(value) {
      if (this._readableState && this._writableState) {
        this._readableState.destroyed = value
        this._writableState.destroyed = value
      }
    },
  }
  Object.defineProperties(Duplex.prototype, props)
}

const kCallback = Symbol('kCallback')

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options)
  const readableHighWaterMark = options ? getHighWaterMark(this, options, 'readableHighWaterMark', true) : null
  if (readableHighWaterMark === 0) {
    options = { ...options, highWaterMark: null, readableHighWaterMark, writableHighWaterMark: options.writableHighWaterMark || 0 }
  }
  Duplex.call(this, options)
  this._readableState.sync = false
  this[kCallback] = null
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform
    if (typeof options.flush === 'function') this._flush = options.flush
  }
  this.on('prefinish', transformPrefinish)
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype)
Object.setPrototypeOf(Transform, Duplex)

function transformFinal(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) {
        if (cb) cb(er)
        else this.destroy(er)
        return
      }
      if (data != null) this.push(data)
      this.push(null)
      if (cb) cb()
    })
  } else {
    this.push(null)
    if (cb) cb()
  }
}

function transformPrefinish() {
  if (this._final !== transformFinal) transformFinal.call(this)
}

Transform.prototype._final = transformFinal

Transform.prototype._transform = function (chunk, encoding, callback) {
  throw ERR_METHOD_NOT_IMPLEMENTED('_transform()')
}

Transform.prototype._write = function (chunk, encoding, callback) {
  const rState = this._readableState
  const wState = this._writableState
  const length = rState.length
  this._transform(chunk, encoding, (err, val) => {
    if (err) {
      callback(err)
      return
    }
    if (val != null) this.push(val)
    if (rState.ended) nextTick(callback)
    else if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) callback()
    else this[kCallback] = callback
  })
}

Transform.prototype._read = function () {
  if (this[kCallback]) {
    const callback = this[kCallback]
    this[kCallback] = null
    callback()
  }
}

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options)
  Transform.call(this, options)
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype)
Object.setPrototypeOf(PassThrough, Transform)
PassThrough.prototype._transform = function (chunk, encoding, cb) {
  cb(null, chunk)
}

// ---- end-of-stream, finished, pipeline ----
function once(callback) {
  let called = false
  return function (...args) {
    if (called) return
    called = true
    return callback.apply(this, args)
  }
}

function eos(stream, options, callback) {
  if (arguments.length === 2) {
    callback = options
    options = kEmpty
  } else if (options == null) {
    options = kEmpty
  } else {
    validateObject(options, 'options')
  }
  validateFunction(callback, 'callback')
  callback = once(callback)
  if (!isNodeStream(stream)) throw ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream)
  const readable = options.readable ?? isReadableNodeStream(stream)
  const writable = options.writable ?? isWritableNodeStream(stream)
  const wState = stream._writableState
  const rState = stream._readableState
  const onlegacyfinish = () => {
    if (!stream.writable) onfinish()
  }
  let emitsClose = willEmitClose(stream) && isReadableNodeStream(stream) === readable && isWritableNodeStream(stream) === writable
  let writableFinished = isWritableFinished(stream, false)
  const onfinish = () => {
    writableFinished = true
    if (stream.destroyed) emitsClose = false
    if (emitsClose && (!stream.readable || readable)) return
    if (!readable || readableFinished) callback.call(stream)
  }
  let readableFinished = isReadableFinished(stream, false)
  const onend = () => {
    readableFinished = true
    if (stream.destroyed) emitsClose = false
    if (emitsClose && (!stream.writable || writable)) return
    if (!writable || writableFinished) callback.call(stream)
  }
  const onerror = (err) => {
    callback.call(stream, err)
  }
  let closed = isClosed(stream)
  const onclose = () => {
    closed = true
    const errored = isWritableErrored(stream) || isReadableErrored(stream)
    if (errored && typeof errored !== 'boolean') return callback.call(stream, errored)
    if (readable && !readableFinished && isReadableNodeStream(stream, true)) {
      if (!isReadableFinished(stream, false)) return callback.call(stream, ERR_STREAM_PREMATURE_CLOSE())
    }
    if (writable && !writableFinished) {
      if (!isWritableFinished(stream, false)) return callback.call(stream, ERR_STREAM_PREMATURE_CLOSE())
    }
    callback.call(stream)
  }
  const onclosed = () => {
    closed = true
    const errored = isWritableErrored(stream) || isReadableErrored(stream)
    if (errored && typeof errored !== 'boolean') return callback.call(stream, errored)
    callback.call(stream)
  }
  if (writable && !wState) {
    stream.on('end', onlegacyfinish)
    stream.on('close', onlegacyfinish)
  }
  stream.on('end', onend)
  stream.on('finish', onfinish)
  if (options.error !== false) stream.on('error', onerror)
  stream.on('close', onclose)
  if (closed) {
    nextTick(onclose)
  } else if (wState?.errorEmitted || rState?.errorEmitted) {
    if (!emitsClose) nextTick(onclosed)
  } else if (!readable && (!emitsClose || isReadable(stream)) && (writableFinished || isWritable(stream) === false) &&
    (wState == null || wState.pendingcb === undefined || wState.pendingcb === 0)) {
    nextTick(onclosed)
  } else if (!writable && (!emitsClose || isWritable(stream)) && (readableFinished || isReadable(stream) === false)) {
    nextTick(onclosed)
  }
  return function cleanup() {
    callback = nop
    stream.removeListener('end', onlegacyfinish)
    stream.removeListener('close', onlegacyfinish)
    stream.removeListener('finish', onfinish)
    stream.removeListener('end', onend)
    stream.removeListener('error', onerror)
    stream.removeListener('close', onclose)
  }
}

function finishedPromise(stream, opts) {
  let autoCleanup = false
  if (opts === null) opts = kEmpty
  if (opts?.cleanup) autoCleanup = opts.cleanup
  return new Promise((resolve, reject) => {
    const cleanup = eos(stream, opts, (err) => {
      if (autoCleanup) cleanup()
      if (err) reject(err)
      else resolve()
    })
  })
}

// pipeline (internal/streams/pipeline) for Node streams, with an iterable or async iterable
// allowed as the source.
function pipelineDestroyer(stream, reading, writing) {
  let finished = false
  stream.on('close', () => {
    finished = true
  })
  const cleanup = eos(stream, { readable: reading, writable: writing }, (err) => {
    finished = !err
  })
  return {
    destroy: (err) => {
      if (finished) return
      finished = true
      destroyer(stream, err || ERR_STREAM_DESTROYED('pipe'))
    },
    cleanup,
  }
}

function isIterable(obj, isAsync) {
  if (obj == null) return false
  if (isAsync === true) return typeof obj[kAsyncIterator] === 'function'
  if (isAsync === false) return typeof obj[Symbol.iterator] === 'function'
  return typeof obj[kAsyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function'
}

function pipelineImpl(streams, callback, opts) {
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0]
  if (streams.length < 2) throw ERR_MISSING_ARGS('streams')
  const lastStreamCleanup = []
  let error
  let value
  const destroys = []
  let finishCount = 0
  function finish(err) {
    finishImpl(err, --finishCount === 0)
  }
  function finishImpl(err, final) {
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err
    if (!error && !final) return
    while (destroys.length) destroys.shift()(error)
    if (final) {
      if (!error) lastStreamCleanup.forEach((fn) => fn())
      nextTick(callback, error, value)
    }
  }
  let ret
  for (let i = 0; i < streams.length; i++) {
    const stream = streams[i]
    const reading = i < streams.length - 1
    const writing = i > 0
    const end = reading || opts?.end !== false
    const isLastStream = i === streams.length - 1
    if (isNodeStream(stream)) {
      if (end) {
        const { destroy, cleanup } = pipelineDestroyer(stream, reading, writing)
        destroys.push(destroy)
        if (isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup)
      }
      const onError = (err) => {
        if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(err)
      }
      stream.on('error', onError)
      if (isReadable(stream) && isLastStream) lastStreamCleanup.push(() => stream.removeListener('error', onError))
    }
    if (i === 0) {
      if (isIterable(stream) || isReadableNodeStream(stream)) ret = stream
      else throw ERR_INVALID_ARG_TYPE('source', ['Stream', 'Iterable', 'AsyncIterable'], stream)
    } else if (isNodeStream(stream)) {
      if (isReadableNodeStream(ret)) {
        finishCount += 2
        const cleanup = pipelinePipe(ret, stream, finish, { end })
        if (isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup)
      } else if (isIterable(ret)) {
        finishCount++
        pumpToNode(ret, stream, finish, { end })
      } else {
        throw ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable', 'ReadableStream', 'TransformStream'], ret)
      }
      ret = stream
    } else {
      throw ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable', 'ReadableStream', 'TransformStream'], stream)
    }
  }
  return ret
}

function pipelinePipe(src, dst, finish, { end }) {
  let ended = false
  dst.on('close', () => {
    if (!ended) finish(ERR_STREAM_PREMATURE_CLOSE())
  })
  src.pipe(dst, { end: false })
  if (end) {
    const endFn = () => {
      ended = true
      dst.end()
    }
    if (isReadableFinished(src)) nextTick(endFn)
    else src.once('end', endFn)
  } else {
    finish()
  }
  eos(src, { readable: true, writable: false }, (err) => {
    const rState = src._readableState
    if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && rState && rState.ended && !rState.errored && !rState.errorEmitted) {
      src.once('end', finish).once('error', finish)
    } else {
      finish(err)
    }
  })
  return eos(dst, { readable: false, writable: true }, finish)
}

async function pumpToNode(iterable, writable, finish, { end }) {
  let error
  let onresolve = null
  const resume = (err) => {
    if (err) error = err
    if (onresolve) {
      const callback = onresolve
      onresolve = null
      callback()
    }
  }
  const wait = () => new Promise((resolve, reject) => {
    if (error) {
      reject(error)
    } else {
      onresolve = () => {
        if (error) reject(error)
        else resolve()
      }
    }
  })
  writable.on('drain', resume)
  const cleanup = eos(writable, { readable: false }, resume)
  try {
    if (writable.writableNeedDrain) await wait()
    const iterator = iterable[kAsyncIterator] ? iterable[kAsyncIterator]() : iterable[Symbol.iterator]()
    for (;;) {
      const { value, done } = await iterator.next()
      if (done) break
      if (!writable.write(await value)) await wait()
    }
    if (end) {
      writable.end()
      await wait()
    }
    finish()
  } catch (err) {
    finish(error !== err ? aggregateTwoErrors(error, err) : err)
  } finally {
    cleanup()
    writable.off('drain', resume)
  }
}

function pipeline(...streams) {
  validateFunction(streams[streams.length - 1], 'streams[stream.length - 1]')
  const callback = streams.pop()
  return pipelineImpl(streams, once(callback))
}

function pipelinePromise(...streams) {
  return new Promise((resolve, reject) => {
    let end
    const lastArg = streams[streams.length - 1]
    if (lastArg && typeof lastArg === 'object' && !isNodeStream(lastArg) && !isIterable(lastArg)) {
      const options = streams.pop()
      end = options.end
    }
    pipelineImpl(streams, (err, value) => {
      if (err) reject(err)
      else resolve(value)
    }, { end })
  })
}

function destroyStream(stream, err) {
  destroyer(stream, err)
}

const exported = Stream
exported.isDestroyed = isDestroyed
exported.isDisturbed = isDisturbed
exported.isErrored = isErrored
exported.isReadable = isReadable
exported.isWritable = isWritable
exported.Readable = Readable
exported.Writable = Writable
exported.Duplex = Duplex
exported.Transform = Transform
exported.PassThrough = PassThrough
exported.pipeline = pipeline
exported.finished = eos
eos.finished = finishedPromise
exported.destroy = destroyStream
exported.setDefaultHighWaterMark = setDefaultHighWaterMark
exported.getDefaultHighWaterMark = getDefaultHighWaterMark
exported.promises = { finished: finishedPromise, pipeline: pipelinePromise }
exported.Stream = Stream
exported._isArrayBufferView = isArrayBufferView
exported._isUint8Array = (v) => v instanceof Uint8Array
exported._uint8ArrayToBuffer = uint8ArrayToBuffer
return exported
})`
