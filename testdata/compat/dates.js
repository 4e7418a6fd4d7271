//# construct from components
const d = new Date(2024, 0, 5, 15, 4, 6, 7)
return [d.getTime(), d.toISOString(), d.getFullYear(), d.getMonth(), d.getDate(), d.getDay(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()]
//# construct two digit years and overflow
return [new Date(99, 0).toISOString(), new Date(0, 0).toISOString(), new Date(100, 0).toISOString(), new Date(2024, 13, 35).toISOString(), new Date(2024, -1, 0).toISOString(), new Date(2024, 0, 1, 25, 61, 61, 1001).toISOString()]
//# construct fractional and huge components
return [new Date(2024.9, 0.9, 1.9).getTime(), new Date(2024, 0, 1, 0, 0, 0, 0.5).getTime(), new Date(1e6, 0).getTime(), new Date(275760, 8, 13).getTime(), new Date(275760, 8, 13, 0, 0, 0, 1).getTime(), new Date(-271821, 3, 20).getTime()]
//# construct with NaN components
return [new Date(2024, NaN).getTime(), new Date(NaN, 0).getTime(), new Date(2024, 0, undefined).getTime(), new Date(2024, 0, 1, Infinity).getTime()]
//# construct from numbers
return [new Date(0).toISOString(), new Date(-1).toISOString(), new Date(1.9).getTime(), new Date(-1.9).getTime(), new Date(8.64e15).toISOString(), new Date(8.64e15 + 1).getTime(), new Date(-8.64e15).toISOString()]
//# construct from dates and objects
const a = new Date(Date.UTC(2024, 1, 29, 12))
const b = new Date(a)
b.setUTCFullYear(2025)
return [a.toISOString(), b.toISOString(), new Date({ valueOf() { return 86400000 } }).toISOString(), new Date({ toString() { return '2024-03-01' } }).toISOString(), new Date(new String('2024-04-01')).toISOString(), new Date(true).getTime(), new Date(null).getTime()]
//# construct with symbol throws
return new Date(Symbol('x'))
//# construct bigint throws
return new Date(10n)
//# Date called as function
const s = Date()
const t = Date(0, 1, 2)
return [typeof s, /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d{4} \d\d:\d\d:\d\d GMT\+0000 \(Coordinated Universal Time\)$/.test(s), typeof t, t.length === s.length]
//# Date statics
return [Date.length, Date.name, Date.UTC.length, Date.parse.length, Date.now.length, typeof Date.now(), Date.prototype.constructor === Date, new Date() instanceof Date, Object.prototype.toString.call(new Date(0))]
//# Date.UTC
return [Date.UTC(2024), Date.UTC(2024, 1), Date.UTC(99, 11, 31, 23, 59, 59, 999), Date.UTC(2024, 0, 1, 0, 0, 0, 0.9), Date.UTC(), Date.UTC(NaN), Date.UTC(275760, 8, 13, 0, 0, 0, 1)]
//# parse ISO forms
return ['2024-01-05', '2024-01', '2024', '2024-01-05T15:04', '2024-01-05T15:04:06', '2024-01-05T15:04:06.7', '2024-01-05T15:04:06.789123Z', '2024-01-05T15:04:06+05:30', '2024-01-05T15:04:06-0800', '+002024-01-05T00:00:00Z', '-000001-01-01T00:00:00Z', '2024-01-05T24:00:00Z'].map(Date.parse)
//# parse invalid ISO forms
return ['2024-13-01', '2024-02-30T10:00', '2024-01-05T24:00:01Z', '2024-01-05T3:04:06Z', '2024-01-05T15:04:06 +05:30', '-000000-01-01T00:00:00Z', '2024-01-05T15:04:06.Z', '20240105', '2024-W01', '+275760-09-13T00:00:00.001Z', '275760-09-13T00:00:00Z'].map(Date.parse)
//# parse legacy forms
return ['2024/01/05', '01/05/2024', '1/5/24', '5 January 2024', 'January 5, 2024 10:00 PM', 'Jan 5 2024 10:00 am EST', 'Jan 5 2024 10:00 pm PDT', 'Feb 31 2024', '2024-1-5', '2024 Jan 5', 'Jan 2024', 'Sat 2024-01-06', '1 2 3', '0', '-1', '12/31/99 23:59:59'].map(Date.parse)
//# parse toString and toUTCString output
const d = new Date(Date.UTC(2024, 6, 4, 12, 30, 45))
return [Date.parse(d.toString()), Date.parse(d.toUTCString()), Date.parse(d.toISOString()), Date.parse(d.toDateString()), Date.parse('Fri Jan 05 2024 15:04:06 GMT+0100 (CET)'), Date.parse('Thu, 01 Jan 1970 00:00:00 GMT')]
//# parse with comments spaces and zones
return ['(comment) Jan 5 2024', 'Jan 5 2024 (comment)', '  2024-01-05  ', '2024-01-05 15:04:06', '2024-01-05 15:04:06 UTC+2', '2024-01-05 15:04:06 GMT-0330', 'Jan 5 2024 12:00 AM', 'Jan 5 2024 12:00 PM', 'Jan 5 2024 13:00 PM', 'Jan 5 2024 10:00 UT', 'Jan 5 2024 10:00 Z'].map(Date.parse)
//# parse garbage
return ['', 'tomorrow', 'hello 2024', '12:00', '24', 'Mon, 99 Jan 2024', '1e3', 'Jan 5 2024 10:00:00:00', '2024-01-05T10:00:00Z garbage', 'Jan 5 2024 +', null, undefined, {}].map((s) => Date.parse(s))
//# new Date from strings
return [new Date('2024-01-05').toISOString(), new Date('2024-01-05T10:00').toISOString(), new Date('March 7, 2024').toISOString(), String(new Date('nope')), new Date('nope').getTime()]
//# toString family
const d = new Date(Date.UTC(2024, 0, 5, 15, 4, 6, 7))
return [d.toString(), d.toDateString(), d.toTimeString(), d.toUTCString(), d.toGMTString(), d.toISOString(), d.toJSON(), String(d), `${d}`, d + 1]
//# toString extreme years
return [new Date(-62198755200000).toString(), new Date(-1e14).toUTCString(), new Date(-1e14).toDateString(), new Date(-1e14).toISOString(), new Date(8.64e15).toString(), new Date(Date.UTC(5, 0, 1) - 1900 * 365.2425 * 864e5).toUTCString(), new Date(253402300800000).toISOString()]
//# invalid date strings
const d = new Date(NaN)
return [String(d), d.toString(), d.toDateString(), d.toTimeString(), d.toUTCString(), d.toJSON(), d.getTime(), d.valueOf(), d.getHours(), d.getUTCDay(), d.getTimezoneOffset(), isNaN(d), JSON.stringify({ d })]
//# toISOString of invalid date throws
return new Date(NaN).toISOString()
//# toLocaleString of invalid date
return [new Date(NaN).toLocaleString(), new Date(NaN).toLocaleDateString('de'), new Date(NaN).toLocaleTimeString('fr', { hour: 'numeric' })]
//# Intl format of invalid date throws
return new Intl.DateTimeFormat('en').format(new Date(NaN))
//# getters in UTC
const d = new Date(Date.UTC(2023, 11, 31, 23, 59, 59, 999))
return [d.getFullYear(), d.getYear(), d.getMonth(), d.getDate(), d.getDay(), d.getHours(), d.getTimezoneOffset(), d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
//# getters on non dates throw
return Date.prototype.getHours.call({})
//# setters
const d = new Date(Date.UTC(2024, 0, 31, 10, 0, 0))
const out = []
out.push(d.setMonth(1), d.toISOString())
out.push(d.setDate(0), d.toISOString())
out.push(d.setHours(25, 70, 80, 1500), d.toISOString())
out.push(d.setMinutes(-1), d.toISOString())
out.push(d.setSeconds(3600), d.toISOString())
out.push(d.setMilliseconds(-1), d.toISOString())
out.push(d.setFullYear(2020, 1, 29), d.toISOString())
out.push(d.setFullYear(2021), d.toISOString())
out.push(d.setYear(99), d.toISOString())
out.push(d.setYear(2030), d.toISOString())
return out
//# UTC setters
const d = new Date(Date.UTC(2024, 0, 31, 10, 0, 0))
const out = []
out.push(d.setUTCMonth(1), d.toISOString())
out.push(d.setUTCDate(15), d.toISOString())
out.push(d.setUTCHours(23, 59, 59, 999), d.toISOString())
out.push(d.setUTCMinutes(90), d.toISOString())
out.push(d.setUTCSeconds(-30), d.toISOString())
out.push(d.setUTCMilliseconds(2500), d.toISOString())
out.push(d.setUTCFullYear(1999, 11, 31), d.toISOString())
out.push(d.setTime(86400000), d.toISOString())
return out
//# setters with NaN and invalid dates
const d = new Date(Date.UTC(2024, 0, 1))
const out = [d.setHours(NaN), d.getTime()]
out.push(d.setFullYear(2024), d.toISOString())
const e = new Date(NaN)
out.push(e.setMonth(1), e.setDate(2), e.setHours(1), e.setMinutes(1), e.setSeconds(1), e.setMilliseconds(1), e.getTime())
const f = new Date(NaN)
out.push(f.setYear(2024), f.toISOString())
const g = new Date(0)
out.push(g.setTime(), g.setTime('5'), g.setMonth(0, undefined))
return out
//# setters out of range
const d = new Date(Date.UTC(2024, 0, 1))
return [d.setFullYear(300000), d.getTime(), new Date(0).setDate(1e10), new Date(0).setHours(1e20)]
//# date arithmetic
const a = new Date(Date.UTC(2024, 1, 28))
const b = new Date(a.getTime() + 864e5)
const c = new Date(a)
c.setDate(c.getDate() + 2)
const days = (new Date(Date.UTC(2024, 11, 25)) - new Date(Date.UTC(2024, 0, 1))) / 864e5
return [b.toISOString(), c.toISOString(), days, a < b, +a === a.getTime(), Math.floor((Date.UTC(2025, 0, 1) - Date.UTC(2024, 0, 1)) / 864e5)]
//# month ends and leap years
const out = []
for (const y of [1900, 2000, 2023, 2024, 2100]) out.push(new Date(Date.UTC(y, 2, 0)).getUTCDate())
for (let m = 0; m < 12; m++) out.push(new Date(2023, m + 1, 0).getDate())
return out
//# add months clamps
const addMonths = (d, n) => { const r = new Date(d); const day = r.getDate(); r.setMonth(r.getMonth() + n, 1); r.setDate(Math.min(day, new Date(r.getFullYear(), r.getMonth() + 1, 0).getDate())); return r }
return [addMonths(new Date(2024, 0, 31), 1).toISOString(), addMonths(new Date(2024, 0, 31), 13).toISOString(), addMonths(new Date(2023, 11, 15), -12).toISOString()]
//# week and day of year
const d = new Date(Date.UTC(2024, 11, 30))
const start = Date.UTC(d.getUTCFullYear(), 0, 1)
const doy = Math.floor((d - start) / 864e5) + 1
const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
const dayNum = t.getUTCDay() || 7
t.setUTCDate(t.getUTCDate() + 4 - dayNum)
const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1))
return [doy, Math.ceil(((t - yearStart) / 864e5 + 1) / 7), t.getUTCFullYear()]
//# DST across New York via toLocaleString
const opts = { timeZone: 'America/New_York', hour12: false }
return [Date.UTC(2024, 2, 10, 6, 59), Date.UTC(2024, 2, 10, 7, 0), Date.UTC(2024, 10, 3, 5, 30), Date.UTC(2024, 10, 3, 6, 30)].map((t) => new Date(t).toLocaleString('en-US', opts))
//# DST across Berlin with offsets
const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'long' })
return [Date.UTC(2024, 2, 31, 0, 59), Date.UTC(2024, 2, 31, 1, 0), Date.UTC(2024, 9, 27, 0, 59), Date.UTC(2024, 9, 27, 1, 0)].map((t) => f.format(t))
//# add a day across DST in a zone
const zone = 'Europe/London'
const t = Date.UTC(2024, 2, 30, 12)
const fmt = (x) => new Date(x).toLocaleString('en-GB', { timeZone: zone, timeZoneName: 'short' })
return [fmt(t), fmt(t + 864e5), (new Date(t + 864e5) - new Date(t)) / 36e5]
//# wall clock parts in a zone
const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(Date.UTC(2024, 0, 5, 20, 45, 30)))
const p = Object.fromEntries(parts.map((x) => [x.type, x.value]))
return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`
//# zone offset trick
const date = new Date(Date.UTC(2024, 6, 1, 12))
const inZone = new Date(date.toLocaleString('en-US', { timeZone: 'America/Los_Angeles' }))
return [(date - inZone) / 6e4, inZone.toISOString()]
//# JSON round trip
const d = new Date(Date.UTC(2024, 4, 17, 8, 9, 10, 11))
const s = JSON.stringify({ when: d })
return [s, new Date(JSON.parse(s).when).getTime() === d.getTime()]
//# comparisons and sorting
const ds = ['2024-03-01', '2023-12-31', '2024-01-15'].map((s) => new Date(s))
ds.sort((a, b) => a - b)
return [ds.map((d) => d.toISOString().slice(0, 10)), new Date(0) == 0, new Date(0) === new Date(0), +new Date(5) === 5, Math.max(new Date(1), new Date(2))]
//# valueOf and primitive hints
const d = new Date(Date.UTC(2024, 0, 1))
return [typeof (d + ''), typeof (d - 0), d[Symbol.toPrimitive]('number'), d[Symbol.toPrimitive]('default') === d.toString(), typeof d.valueOf()]
//# subclass Date
class MyDate extends Date {
    label() { return 'y' + this.getUTCFullYear() }
}
const d = new MyDate(Date.UTC(2024, 0, 1))
return [d instanceof Date, d instanceof MyDate, d.label(), d.toISOString(), Object.getPrototypeOf(d) === MyDate.prototype, new MyDate(2024, 5).getMonth()]
//# method properties
const p = Date.prototype
return [p.toString.name, p.getHours.length, p.setHours.length, p.setFullYear.length, p.toLocaleString.length, p.toGMTString === p.toUTCString, Object.keys(p).length, typeof p.getYear]
//# timestamps from epoch seconds
const secs = 1704467046
return [new Date(secs * 1000).toISOString(), Math.floor(new Date('2024-01-05T15:04:06.999Z').getTime() / 1000), new Date(secs * 1000).toUTCString()]
//# toLocaleDateString defaults
const d = new Date(Date.UTC(2024, 0, 5, 15, 4, 6))
return [d.toLocaleDateString(), d.toLocaleTimeString(), d.toLocaleString(), d.toLocaleDateString(undefined, { timeZone: 'Asia/Tokyo' }), d.toLocaleTimeString([], { timeZone: 'America/New_York' })]
