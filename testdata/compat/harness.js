// Shared by both sides of the compatibility suite (compat_test.go): describes a snippet's
// result as text, identically on Node and on plugchain, so results compare as strings.
function __describe(v, seen) {
    seen = seen || new Set()
    const t = typeof v
    if (v === null) return 'null'
    if (t === 'undefined') return 'undefined'
    if (t === 'number') return Object.is(v, -0) ? '-0' : String(v)
    if (t === 'bigint') return v + 'n'
    if (t === 'string') return JSON.stringify(v)
    if (t === 'boolean') return String(v)
    if (t === 'symbol') return v.toString()
    if (t === 'function') return 'function ' + v.name
    if (seen.has(v)) return '[circular]'
    seen.add(v)
    if (v instanceof Error) {
        let s = 'Error<' + (v.constructor && v.constructor.name) + '> ' + v.name + ': ' + v.message
        for (const k of ['code', 'type', 'errno']) {
            if (v[k] !== undefined) s += ' ' + k + '=' + __describe(v[k], seen)
        }
        return s
    }
    if (typeof Buffer !== 'undefined' && Buffer.isBuffer(v)) return 'Buffer<' + __hex(v) + '>'
    if (ArrayBuffer.isView(v)) return v.constructor.name + '<' + __hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) + '>'
    if (v instanceof ArrayBuffer) return 'ArrayBuffer<' + __hex(new Uint8Array(v)) + '>'
    if (Array.isArray(v)) return '[' + v.map((x) => __describe(x, seen)).join(', ') + ']'
    if (v instanceof Date) return 'Date ' + (isNaN(v.getTime()) ? 'Invalid' : v.toISOString())
    if (v instanceof RegExp) return String(v)
    if (v instanceof Map) return 'Map{' + [...v].map(([k, x]) => __describe(k, seen) + ' => ' + __describe(x, seen)).join(', ') + '}'
    if (v instanceof Set) return 'Set{' + [...v].map((x) => __describe(x, seen)).join(', ') + '}'
    if (v instanceof Promise) return 'Promise'
    const proto = Object.getPrototypeOf(v)
    const name = proto === null ? '[null prototype]' : proto.constructor && proto.constructor.name !== 'Object' ? proto.constructor.name : ''
    return name + '{' + Object.keys(v).map((k) => JSON.stringify(k) + ': ' + __describe(v[k], seen)).join(', ') + '}'
}

function __hex(u8) {
    let s = ''
    for (let i = 0; i < u8.length; i++) s += (u8[i] < 16 ? '0' : '') + u8[i].toString(16)
    return s
}

async function __run(fn) {
    try {
        return __describe(await fn())
    } catch (e) {
        return 'throws ' + __describe(e)
    }
}
