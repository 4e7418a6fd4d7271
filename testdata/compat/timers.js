//# sleep resolves
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const t = Date.now(); await sleep(15); return Date.now() - t >= 14
//# microtasks before timers
const order = []
setTimeout(() => order.push('timeout'), 0)
queueMicrotask(() => order.push('micro'))
Promise.resolve().then(() => order.push('then'))
order.push('sync')
await new Promise((r) => setTimeout(r, 10))
return order
//# timers ordered by delay
const order = []
setTimeout(() => order.push(30), 30)
setTimeout(() => order.push(10), 10)
setTimeout(() => order.push(20), 20)
await new Promise((r) => setTimeout(r, 50))
return order
//# same delay in creation order
const order = []
for (let i = 0; i < 5; i++) setTimeout(() => order.push(i), 5)
await new Promise((r) => setTimeout(r, 20))
return order
//# extra arguments
return await new Promise((r) => setTimeout((a, b) => r([a, b]), 1, 'x', 2))
//# clearTimeout
let fired = false
const h = setTimeout(() => { fired = true }, 5)
const res = clearTimeout(h)
await new Promise((r) => setTimeout(r, 15))
return [fired, res]
//# clearTimeout by primitive id
let fired = false
const h = setTimeout(() => { fired = true }, 5)
clearTimeout(+h)
await new Promise((r) => setTimeout(r, 15))
return fired
//# clear unknown values
clearTimeout(undefined); clearTimeout(null); clearTimeout(99999); clearTimeout('x'); clearInterval({})
return 'ok'
//# interval counts
let n = 0
await new Promise((resolve) => { const iv = setInterval(() => { if (++n === 4) { clearInterval(iv); resolve() } }, 2) })
return n
//# timeout object
const h = setTimeout(() => {}, 1)
return [typeof h, typeof h.ref, typeof h.unref, h.hasRef(), h.ref() === h, h.unref() === h, typeof +h]
//# immediate before timeout inside a timer
const order = []
await new Promise((r) => setTimeout(() => {
    setTimeout(() => { order.push('timeout'); r() }, 0)
    setImmediate(() => order.push('immediate'))
}, 1))
return order
//# setImmediate arguments
return await new Promise((r) => setImmediate((a) => r(a), 'arg'))
//# callback must be a function
setTimeout('code')
//# setInterval callback must be a function
setInterval(null, 5)
//# queueMicrotask needs a function
queueMicrotask(1)
//# negative and NaN delays run
const order = []
setTimeout(() => order.push('neg'), -5)
setTimeout(() => order.push('nan'), NaN)
setTimeout(() => order.push('str'), '2')
await new Promise((r) => setTimeout(r, 20))
return order
//# await in loop with timers
let acc = ''
for (const c of ['a', 'b', 'c']) { await new Promise((r) => setTimeout(r, 1)); acc += c }
return acc
//# promise race with timeout
const slow = new Promise((r) => setTimeout(() => r('slow'), 50))
const fast = new Promise((r) => setTimeout(() => r('fast'), 5))
return await Promise.race([slow, fast])
