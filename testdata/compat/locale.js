//# date defaults per locale
const d = new Date(Date.UTC(2024, 0, 5, 15, 4, 6, 7))
return [undefined, 'en', 'en-US', 'en-GB', 'de', 'de-DE', 'fr', 'fr-FR'].map((l) => [d.toLocaleString(l), d.toLocaleDateString(l), d.toLocaleTimeString(l)])
//# date unknown and fallback locales
const d = new Date(Date.UTC(2024, 0, 5, 15, 4, 6))
return ['xx', 'zz-ZZ', 'en-ZZ', 'EN-us', 'en-Latn-US', 'de-u-co-phonebk', 'und', ['xx', 'de'], ['fr', 'de'], [], 'abcde', 'en-x-foo'].map((l) => d.toLocaleDateString(l))
//# invalid locale tags
const out = []
for (const l of ['en_US', '', ' en', 'e', 'en-', 'en-US-', 'de--DE', 'en-u', 'i-klingon', 'x-private', 'root', '123']) {
    try { out.push(new Date(0).toLocaleString(l)) } catch (e) { out.push(e.name + ': ' + e.message) }
}
return out
//# locale argument types
const out = []
for (const l of [5, null, ['en', 5], [new String('de')], { length: 1, 0: 'fr' }]) {
    try { out.push(new Date(0).toLocaleDateString(l)) } catch (e) { out.push(e.name + ': ' + e.message) }
}
return out
//# getCanonicalLocales
return Intl.getCanonicalLocales(['EN-us', 'iw', 'in', 'sh', 'tl', 'de-u-co-phonebk-hc-h11', 'en-us-u-hc-h23-ca-gregory', 'zh-hant-tw', 'en-US-POSIX', 'en-US', 'en-GB-oxendict', 'en-a-bbb-x-foo'])
//# supportedLocalesOf
return [Intl.DateTimeFormat.supportedLocalesOf(['de-AT', 'xx', 'fr', 'en-GB']), Intl.NumberFormat.supportedLocalesOf('de'), Intl.Collator.supportedLocalesOf([]), Intl.PluralRules.supportedLocalesOf(['fr-FR', 'de-DE'])]
//# month names per locale
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const month of ['long', 'short', 'narrow']) {
    out.push(l + ' ' + month + ': ' + [0, 2, 4, 5, 6, 8, 11].map((m) => new Date(Date.UTC(2024, m, 10)).toLocaleDateString(l, { month, timeZone: 'UTC' })).join(','))
}
return out
//# month names in context
const out = []
for (const l of ['en-US', 'de', 'fr']) out.push(l + ': ' + [0, 2, 8].map((m) => new Date(Date.UTC(2024, m, 10)).toLocaleDateString(l, { month: 'short', day: 'numeric' })).join(' | '))
return out
//# weekday names per locale
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const weekday of ['long', 'short', 'narrow']) {
    out.push(l + ' ' + weekday + ': ' + [7, 8, 9, 10, 11, 12, 13].map((d) => new Date(Date.UTC(2024, 0, d)).toLocaleDateString(l, { weekday })).join(','))
}
return out
//# dateStyle per locale
const d = new Date(Date.UTC(2024, 6, 4, 9, 5, 3))
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const dateStyle of ['full', 'long', 'medium', 'short']) out.push(new Intl.DateTimeFormat(l, { dateStyle }).format(d))
return out
//# timeStyle per locale
const d = new Date(Date.UTC(2024, 6, 4, 21, 5, 3))
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const timeStyle of ['full', 'long', 'medium', 'short']) out.push(new Intl.DateTimeFormat(l, { timeStyle, timeZone: 'Europe/Paris' }).format(d))
return out
//# dateStyle with timeStyle
const d = new Date(Date.UTC(2024, 6, 4, 21, 5, 3))
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const [dateStyle, timeStyle] of [['full', 'full'], ['long', 'short'], ['medium', 'medium'], ['short', 'short']]) out.push(d.toLocaleString(l, { dateStyle, timeStyle }))
return out
//# styles with hour cycles
const d = new Date(Date.UTC(2024, 6, 4, 0, 5, 3))
return ['en-US', 'de', 'fr'].map((l) => [d.toLocaleString(l, { timeStyle: 'short', hour12: true }), d.toLocaleString(l, { timeStyle: 'short', hour12: false }), d.toLocaleString(l, { timeStyle: 'medium', hourCycle: 'h11' }), d.toLocaleString(l, { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h24' })])
//# numeric date components
const d = new Date(Date.UTC(2024, 2, 7, 8, 9, 5))
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) {
    out.push(d.toLocaleDateString(l, { year: 'numeric', month: '2-digit', day: '2-digit' }))
    out.push(d.toLocaleDateString(l, { year: '2-digit', month: 'numeric', day: 'numeric' }))
    out.push(d.toLocaleDateString(l, { month: 'numeric', day: 'numeric' }))
    out.push(d.toLocaleDateString(l, { year: 'numeric', month: 'numeric' }))
}
return out
//# text date components
const d = new Date(Date.UTC(2024, 2, 7))
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) {
    out.push(d.toLocaleDateString(l, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }))
    out.push(d.toLocaleDateString(l, { weekday: 'short', month: 'short', day: 'numeric' }))
    out.push(d.toLocaleDateString(l, { year: 'numeric', month: 'short' }))
    out.push(d.toLocaleDateString(l, { month: 'long', year: 'numeric' }))
    out.push(d.toLocaleDateString(l, { weekday: 'narrow', day: '2-digit' }))
}
return out
//# eras
const ad = new Date(Date.UTC(2024, 2, 7))
const bc = new Date(Date.UTC(-100, 2, 7))
const out = []
for (const l of ['en-US', 'de', 'fr']) for (const era of ['long', 'short', 'narrow']) out.push(ad.toLocaleDateString(l, { era, year: 'numeric' }), bc.toLocaleDateString(l, { era, year: 'numeric', month: 'short', day: 'numeric' }))
return out
//# time components and hour12
const d = new Date(Date.UTC(2024, 2, 7, 0, 9, 5))
const e = new Date(Date.UTC(2024, 2, 7, 13, 9, 5))
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const o of [{ hour: 'numeric' }, { hour: '2-digit', minute: '2-digit' }, { hour: 'numeric', minute: 'numeric', second: 'numeric' }, { hour: 'numeric', hour12: true }, { hour: 'numeric', minute: '2-digit', hour12: false }]) {
    out.push(d.toLocaleTimeString(l, o) + ' / ' + e.toLocaleTimeString(l, o))
}
return out
//# hourCycle values
const d = new Date(Date.UTC(2024, 2, 7, 0, 9))
const e = new Date(Date.UTC(2024, 2, 7, 12, 9))
const out = []
for (const l of ['en-US', 'de']) for (const hourCycle of ['h11', 'h12', 'h23', 'h24']) out.push(d.toLocaleTimeString(l, { hourCycle, hour: 'numeric', minute: 'numeric' }) + ' / ' + e.toLocaleTimeString(l, { hourCycle, hour: '2-digit', minute: '2-digit' }))
return out
//# hour cycle from locale extension
return [new Date(Date.UTC(2024, 0, 1, 15)).toLocaleTimeString('en-US-u-hc-h23'), new Date(Date.UTC(2024, 0, 1, 15)).toLocaleTimeString('de-u-hc-h12'), new Intl.DateTimeFormat('en-US-u-hc-h23', { hour: 'numeric' }).resolvedOptions().locale, new Intl.DateTimeFormat('en-US-u-hc-h23', { hour: 'numeric', hour12: true }).resolvedOptions().locale]
//# fractional seconds and dayPeriod
const d = new Date(Date.UTC(2024, 2, 7, 12, 0, 5, 987))
const e = new Date(Date.UTC(2024, 2, 7, 19, 30, 5, 45))
return [1, 2, 3].map((f) => d.toLocaleTimeString('en-US', { hour: 'numeric', minute: 'numeric', second: 'numeric', fractionalSecondDigits: f })).concat(['en-US', 'de', 'fr'].map((l) => d.toLocaleTimeString(l, { hour: 'numeric', dayPeriod: 'long', hour12: true }) + ' / ' + e.toLocaleTimeString(l, { hour: 'numeric', minute: 'numeric', dayPeriod: 'short', hour12: true })))
//# timeZoneName forms
const w = new Date(Date.UTC(2024, 0, 15, 12))
const s = new Date(Date.UTC(2024, 6, 15, 12))
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const timeZone of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC']) for (const timeZoneName of ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric']) {
    out.push([w, s].map((d) => d.toLocaleTimeString(l, { timeZone, timeZoneName, hour: 'numeric' })).join(' / '))
}
return out
//# more zones short names
const d = new Date(Date.UTC(2024, 0, 15, 12))
return ['America/Los_Angeles', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Sao_Paulo', 'Europe/London', 'Europe/Paris', 'Europe/Moscow', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Singapore', 'Asia/Dubai', 'Australia/Sydney', 'Pacific/Auckland', 'Africa/Johannesburg', 'America/St_Johns', 'Asia/Kathmandu', 'Etc/GMT+5'].map((timeZone) => d.toLocaleString('en-US', { timeZone, timeZoneName: 'short' }) + ' | ' + d.toLocaleString('en-GB', { timeZone, timeZoneName: 'long' }))
//# time zone names resolution
const out = []
for (const timeZone of ['utc', 'Etc/UTC', 'GMT', 'america/new_york', 'US/Eastern', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'EST', 'CET', 'America/Argentina/Buenos_Aires']) out.push(new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone)
return out
//# invalid time zones
const out = []
for (const timeZone of ['Foo/Bar', '', '+01:00', 'Z', 5, null]) {
    try { out.push(new Date(0).toLocaleString('en', { timeZone })) } catch (e) { out.push(e.name + ': ' + e.message) }
}
return out
//# default time zone
return [Intl.DateTimeFormat().resolvedOptions().timeZone, new Intl.DateTimeFormat('de').resolvedOptions().timeZone, new Date(0).getTimezoneOffset()]
//# resolvedOptions for components
return [new Intl.DateTimeFormat().resolvedOptions(), new Intl.DateTimeFormat('en', { hour: 'numeric', minute: 'numeric' }).resolvedOptions(), new Intl.DateTimeFormat('de', { weekday: 'short', month: 'short', day: '2-digit', timeZoneName: 'short', era: 'short', fractionalSecondDigits: 2 }).resolvedOptions(), new Intl.DateTimeFormat('en', { hour: 'numeric', hour12: false, timeZone: 'America/New_York' }).resolvedOptions()]
//# resolvedOptions for styles
return [new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).resolvedOptions(), new Intl.DateTimeFormat('fr', { dateStyle: 'medium' }).resolvedOptions(), new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', hourCycle: 'h11' }).resolvedOptions()]
//# formatToParts
const d = new Date(Date.UTC(2024, 6, 4, 21, 5, 3, 120))
return [new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'long' }).formatToParts(d), new Intl.DateTimeFormat('de', { weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', fractionalSecondDigits: 3 }).formatToParts(d)]
//# format is a bound getter
const f = new Intl.DateTimeFormat('fr', { month: 'long' })
const fmt = f.format
return [typeof fmt, fmt === f.format, fmt.name, fmt.length, [0, 5, 11].map((m) => fmt(new Date(Date.UTC(2024, m, 1)))), fmt(0), f.format(Date.UTC(2024, 3, 1))]
//# DateTimeFormat without new and subclassing
class MyFormat extends Intl.DateTimeFormat {}
const m = new MyFormat('de', { year: 'numeric' })
return [Intl.DateTimeFormat('en', { month: 'short' }).format(0), m.format(0), m instanceof Intl.DateTimeFormat, Object.prototype.toString.call(m), Object.keys(m), Intl.DateTimeFormat.length, Object.prototype.toString.call(Intl)]
//# option errors
const out = []
for (const o of [{ weekday: 'longg' }, { hourCycle: 'h25' }, { dateStyle: 'full', weekday: 'long' }, { timeStyle: 'full', hour: 'numeric' }, { dateStyle: 'fulll' }, { fractionalSecondDigits: 4 }, { fractionalSecondDigits: 0 }, { calendar: 'xx' }, { localeMatcher: 'x' }, { formatMatcher: 'x' }, null]) {
    try { out.push(JSON.stringify(new Intl.DateTimeFormat('en', o).resolvedOptions())) } catch (e) { out.push(e.name + ': ' + e.message) }
}
return out
//# toLocale option defaults and errors
const d = new Date(0)
const out = []
for (const [m, o] of [['toLocaleDateString', { hour: 'numeric' }], ['toLocaleTimeString', { year: 'numeric' }], ['toLocaleDateString', { timeStyle: 'short' }], ['toLocaleTimeString', { dateStyle: 'short' }], ['toLocaleString', { timeZoneName: 'short' }], ['toLocaleString', { era: 'short' }], ['toLocaleString', { dayPeriod: 'short' }]]) {
    try { out.push(d[m]('en', o)) } catch (e) { out.push(e.name + ': ' + e.message) }
}
return out
//# unusual component combinations
const d = new Date(Date.UTC(2024, 2, 7, 13, 9, 5, 450))
const out = []
for (const l of ['en-US', 'de', 'fr']) for (const o of [{ year: 'numeric', day: 'numeric' }, { hour: 'numeric', second: 'numeric' }, { minute: 'numeric', second: 'numeric' }, { weekday: 'long', hour: 'numeric', minute: 'numeric' }, { era: 'long', hour: 'numeric' }, { month: 'short', day: 'numeric', hour: 'numeric' }, { weekday: 'short', hour: 'numeric', minute: 'numeric', timeZoneName: 'short' }]) out.push(d.toLocaleString(l, o))
return out
//# numbers default per locale
const n = -1234567.891
return [undefined, 'en', 'en-US', 'en-GB', 'de', 'de-DE', 'fr', 'fr-FR', 'xx'].map((l) => [n.toLocaleString(l), (0.5).toLocaleString(l), (1e21).toLocaleString(l), (123456789.123456789).toLocaleString(l)])
//# number rounding
return [(1.005).toLocaleString(undefined, { maximumFractionDigits: 2 }), (0.125).toLocaleString(undefined, { maximumFractionDigits: 2 }), (2.5).toLocaleString(undefined, { maximumFractionDigits: 0 }), (-2.5).toLocaleString(undefined, { maximumFractionDigits: 0 }), (0.1 + 0.2).toLocaleString(), (1.23456789e-7).toLocaleString(), (999.9999).toLocaleString(), (1234.5678).toLocaleString('en', { maximumFractionDigits: 1 }), (0.0001).toLocaleString(), (-0.0001).toLocaleString()]
//# special numbers
return [NaN, Infinity, -Infinity, -0, 0].map((n) => ['en', 'de', 'fr'].map((l) => n.toLocaleString(l)).join(' | '))
//# fraction digit options
const out = []
for (const o of [{ minimumFractionDigits: 2 }, { maximumFractionDigits: 0 }, { minimumFractionDigits: 1, maximumFractionDigits: 4 }, { minimumFractionDigits: 5 }, { maximumFractionDigits: 20 }, { minimumIntegerDigits: 3 }]) out.push([1234.5, 0.12345, 7].map((n) => n.toLocaleString('de', o)).join(' | '))
return out
//# significant digits
const out = []
for (const o of [{ maximumSignificantDigits: 3 }, { minimumSignificantDigits: 5 }, { maximumSignificantDigits: 1 }, { minimumSignificantDigits: 2, maximumSignificantDigits: 4 }]) out.push([1234.5678, 0.000123456, 99.99, 0].map((n) => n.toLocaleString('en', o)).join(' | '))
return out
//# rounding modes and priority
const out = []
for (const roundingMode of ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven']) out.push(roundingMode + ': ' + [1.5, 2.5, -1.5, -2.5, 1.25].map((n) => n.toLocaleString('en', { maximumFractionDigits: 0, roundingMode })).join(' '))
out.push((1.2345).toLocaleString('en', { maximumFractionDigits: 2, maximumSignificantDigits: 2, roundingPriority: 'morePrecision' }), (1.2345).toLocaleString('en', { maximumFractionDigits: 2, maximumSignificantDigits: 2, roundingPriority: 'lessPrecision' }))
out.push((1.234).toLocaleString('en', { roundingIncrement: 5, maximumFractionDigits: 2, minimumFractionDigits: 2 }), (1).toLocaleString('en', { minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' }))
return out
//# grouping
const out = []
for (const useGrouping of [true, false, 'always', 'min2', 'auto']) out.push([1234, 12345, 1234567.5].map((n) => n.toLocaleString('fr', { useGrouping })).join(' | '))
return out
//# percent
const out = []
for (const l of ['en-US', 'de', 'fr']) out.push([0.5, 0.1234, -0.07, 1.5, 0].map((n) => n.toLocaleString(l, { style: 'percent' })).join(' | '), (0.12345).toLocaleString(l, { style: 'percent', maximumFractionDigits: 2 }))
return out
//# currency symbols per locale
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const currency of ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'BRL', 'XYZ']) out.push(l + ' ' + currency + ': ' + (1234.5).toLocaleString(l, { style: 'currency', currency }) + ' ' + (-0.5).toLocaleString(l, { style: 'currency', currency }))
return out
//# currency display and sign
const out = []
for (const l of ['en-US', 'de', 'fr']) for (const o of [{ currencyDisplay: 'code' }, { currencyDisplay: 'name' }, { currencyDisplay: 'narrowSymbol' }, { currencySign: 'accounting' }]) out.push([1, -1234.5, 2].map((n) => n.toLocaleString(l, { style: 'currency', currency: 'USD', ...o })).join(' | '))
return out
//# currency digits
return [['JPY', 'KWD', 'BHD', 'CLP', 'EUR', 'usd'].map((currency) => (1234.5678).toLocaleString('en', { style: 'currency', currency })), (5).toLocaleString('en', { style: 'currency', currency: 'EUR', minimumFractionDigits: 0 }), (5.129).toLocaleString('de', { style: 'currency', currency: 'EUR', maximumFractionDigits: 1 })]
//# sign display
const out = []
for (const signDisplay of ['auto', 'always', 'exceptZero', 'never', 'negative']) out.push(signDisplay + ': ' + [5, -5, 0, -0, 0.0001, -0.0001, NaN].map((n) => n.toLocaleString('en', { signDisplay })).join(' ') + ' | ' + (-5).toLocaleString('de', { style: 'currency', currency: 'EUR', signDisplay, currencySign: 'accounting' }))
return out
//# compact notation
const out = []
for (const l of ['en-US', 'en-GB', 'de', 'fr']) for (const compactDisplay of ['short', 'long']) out.push(l + ' ' + compactDisplay + ': ' + [999, 1000, 1500, 12345, 999999, 1e6, 1.5e6, 2e6, 3.3e9, 1e12, 1e15, -1000, 0.5].map((n) => n.toLocaleString(l, { notation: 'compact', compactDisplay })).join(' | '))
return out
//# scientific and engineering
const out = []
for (const notation of ['scientific', 'engineering']) for (const l of ['en', 'de']) out.push([1234.5, -0.000123, 0, 1e21, 5].map((n) => n.toLocaleString(l, { notation })).join(' | '))
return out
//# bigint formatting
return [(12345678901234567890n).toLocaleString(), new Intl.NumberFormat('de').format(123456789012345678901234567890n), new Intl.NumberFormat('fr', { style: 'currency', currency: 'EUR' }).format(10n ** 20n), (-5n).toLocaleString('en', { signDisplay: 'always' })]
//# NumberFormat formatToParts
return [new Intl.NumberFormat('de', { style: 'currency', currency: 'EUR' }).formatToParts(-1234.5), new Intl.NumberFormat('fr', { style: 'percent', signDisplay: 'always' }).formatToParts(0.5), new Intl.NumberFormat('en', { notation: 'scientific' }).formatToParts(-0.000123), new Intl.NumberFormat('en', { notation: 'compact', compactDisplay: 'long' }).formatToParts(2500000)]
//# NumberFormat resolvedOptions
return [new Intl.NumberFormat().resolvedOptions(), new Intl.NumberFormat('de', { style: 'currency', currency: 'eur' }).resolvedOptions(), new Intl.NumberFormat('de', { notation: 'compact' }).resolvedOptions(), new Intl.NumberFormat('fr', { maximumSignificantDigits: 3, style: 'percent' }).resolvedOptions()]
//# NumberFormat format argument conversions
const f = new Intl.NumberFormat('en')
return [f.format(), f.format(null), f.format('1234.5678'), f.format('abc'), f.format(true), f.format({ valueOf() { return 42 } }), f.format('1e400'), [1, 22, 333].map(f.format)]
//# NumberFormat option errors
const out = []
for (const o of [{ style: 'currency' }, { style: 'currency', currency: 'EURO' }, { style: 'bogus' }, { maximumFractionDigits: 101 }, { minimumFractionDigits: 3, maximumFractionDigits: 1 }, { minimumIntegerDigits: 0 }, { maximumSignificantDigits: 0 }, { useGrouping: 'x' }, { notation: 'x' }, { signDisplay: 'x' }, { roundingIncrement: 3 }, { style: 'unit' }]) {
    try { out.push(new Intl.NumberFormat('en', o).format(1)) } catch (e) { out.push(e.name + ': ' + e.message) }
}
return out
//# useGrouping resolution
return [true, false, 'always', 'min2', 'auto', 'true', 'false', undefined, 0, ''].map((u) => new Intl.NumberFormat('de', { useGrouping: u }).resolvedOptions().useGrouping)
//# localeCompare
const words = ['b', 'A', 'a', 'B', 'ä', 'z', 'Z', '10', '9', 'résumé', 'resume', 'Résumé', 'é', 'e', '', ' a', '-a']
return [words.slice().sort((x, y) => x.localeCompare(y)), 'a'.localeCompare('B'), 'a'.localeCompare('a'), 'b'.localeCompare('a'), 'ä'.localeCompare('a', 'de'), 'a'.localeCompare('A')]
//# localeCompare options
return [['item10', 'item9', 'item1', 'Item2'].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })), 'a'.localeCompare('A', undefined, { sensitivity: 'base' }), 'a'.localeCompare('á', undefined, { sensitivity: 'base' }), 'a'.localeCompare('á', undefined, { sensitivity: 'accent' }), 'a'.localeCompare('A', undefined, { sensitivity: 'case' }), 'a'.localeCompare('A', 'en', { sensitivity: 'accent' })]
//# Collator
const c = new Intl.Collator('de', { sensitivity: 'base', numeric: true })
return [['Zebra', 'äpfel', 'Apfel', 'z10', 'z2'].sort(c.compare), c.compare('a', 'A'), c.resolvedOptions(), new Intl.Collator().resolvedOptions().locale, typeof c.compare]
//# PluralRules
const out = []
for (const l of ['en', 'de', 'fr']) {
    const pr = new Intl.PluralRules(l)
    out.push(l + ': ' + [0, 1, 1.5, 2, 5, 1e6, 1000000.5].map((n) => pr.select(n)).join(' ') + ' ' + pr.resolvedOptions().pluralCategories.join(','))
}
const ord = new Intl.PluralRules('en', { type: 'ordinal' })
out.push([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((n) => n + ord.select(n)).join(' '), new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1))
return out
//# ordinal suffixes helper
const pr = new Intl.PluralRules('en-US', { type: 'ordinal' })
const suffixes = { one: 'st', two: 'nd', few: 'rd', other: 'th' }
return [1, 2, 3, 4, 11, 21, 42, 103, 112].map((n) => n + suffixes[pr.select(n)])
//# Intl namespace
return [typeof Intl, typeof Intl.DateTimeFormat, typeof Intl.NumberFormat, typeof Intl.getCanonicalLocales, Intl.supportedValuesOf('calendar').includes('gregory'), Intl.supportedValuesOf('timeZone').includes('America/New_York'), Intl.supportedValuesOf('currency').includes('EUR')]
//# bytes and durations formatting helpers
const fmtBytes = (b) => { const u = ['B', 'KB', 'MB', 'GB']; let i = 0; while (b >= 1024 && i < u.length - 1) { b /= 1024; i++ } return b.toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' ' + u[i] }
const fmtUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })
return [fmtBytes(1536), fmtBytes(5.5 * 1024 * 1024), fmtUsd.format(1234.5), fmtUsd.format(-0.004), (1234.5).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })]
//# array toLocaleString
return [[1234.5, 'x', new Date(Date.UTC(2024, 0, 1)), null].toLocaleString(), [1234.5, 0.5].toLocaleString('de'), [new Date(0)].toLocaleString('fr', { timeZone: 'Asia/Tokyo' })]
//# RelativeTimeFormat
const out = []
for (const l of ['en', 'de', 'fr']) for (const style of ['long', 'short', 'narrow']) {
    const always = new Intl.RelativeTimeFormat(l, { style })
    const auto = new Intl.RelativeTimeFormat(l, { style, numeric: 'auto' })
    out.push(l + ' ' + style + ': ' + [[-3, 'day'], [1, 'hour'], [-1, 'minutes'], [2.5, 'week'], [-1234, 'second'], [1, 'month'], [-2, 'year'], [3, 'quarter']].map(([v, u]) => always.format(v, u)).join(' | ') + ' || ' + [[-2, 'day'], [-1, 'day'], [0, 'day'], [1, 'day'], [2, 'day'], [-1, 'week'], [0, 'second'], [1, 'year'], [-0, 'day']].map(([v, u]) => auto.format(v, u)).join(' | '))
}
return out
//# RelativeTimeFormat parts and errors
const r = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const out = [r.formatToParts(-1234.5, 'hour'), r.formatToParts(1, 'day'), r.resolvedOptions(), new Intl.RelativeTimeFormat().resolvedOptions()]
for (const [v, u] of [[1, 'dayz'], [Infinity, 'day'], ['x', 'day']]) {
    try { out.push(r.format(v, u)) } catch (e) { out.push(e.name + ': ' + e.message) }
}
return out
//# ListFormat
const out = []
for (const l of ['en', 'en-GB', 'de', 'fr']) for (const type of ['conjunction', 'disjunction', 'unit']) for (const style of ['long', 'short', 'narrow']) {
    const f = new Intl.ListFormat(l, { type, style })
    out.push(l + ' ' + type + ' ' + style + ': ' + [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']].map((x) => f.format(x)).join(' | '))
}
return out
//# ListFormat parts and errors
const f = new Intl.ListFormat('en')
const out = [f.formatToParts(['x', 'y', 'z']), f.resolvedOptions(), f.format('abc'), f.format(new Set(['p', 'q']))]
try { out.push(f.format(['a', 1])) } catch (e) { out.push(e.name + ': ' + e.message) }
return out
//# unit style
const out = []
for (const l of ['en', 'de', 'fr']) for (const unit of ['kilobyte', 'megabyte', 'percent', 'celsius', 'hour', 'second', 'kilometer-per-hour', 'liter', 'day']) {
    out.push(l + ' ' + unit + ': ' + ['short', 'narrow', 'long'].map((unitDisplay) => [1, -2.5, 1234567].map((n) => n.toLocaleString(l, { style: 'unit', unit, unitDisplay })).join(' / ')).join(' | '))
}
out.push(JSON.stringify(new Intl.NumberFormat('en', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).formatToParts(-1536.25)))
out.push(JSON.stringify(new Intl.NumberFormat('de', { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' }).resolvedOptions()))
return out
