//# controller basics
const c = new AbortController()
const before = c.signal.aborted
c.abort()
return [before, c.signal.aborted, c.signal.reason.name, c.signal.reason.message]
//# abort with reason
const c = new AbortController()
c.abort('stop')
return c.signal.reason
//# abort listeners
const c = new AbortController()
const seen = []
c.signal.addEventListener('abort', (e) => seen.push('listener:' + e.type))
c.signal.onabort = () => seen.push('onabort')
c.abort()
c.abort()
return seen
//# throwIfAborted
const c = new AbortController()
c.signal.throwIfAborted()
c.abort(new Error('custom'))
c.signal.throwIfAborted()
//# AbortSignal.abort
const s = AbortSignal.abort()
return [s.aborted, s.reason.name]
//# abort reason is a DOMException-like AbortError
const c = new AbortController()
c.abort()
return [c.signal.reason instanceof Error, c.signal.reason.code, String(c.signal.reason)]
//# signal is not constructible
new AbortSignal()
//# abort reason is the global DOMException
const c = new AbortController()
c.abort()
const t = AbortSignal.abort()
return [c.signal.reason instanceof DOMException, t.reason.constructor === DOMException, c.signal.reason.code === DOMException.ABORT_ERR]
