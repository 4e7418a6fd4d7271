//# letter property
return [/\p{L}+/u.exec('123 héllo wörld')[0], /^\p{L}+$/u.test('Ωμέγα'), /^\p{L}+$/u.test('abc1'), /\p{Letter}/u.test('ß'), /\p{General_Category=Letter}/u.test('ж'), /\p{gc=L}/u.test('中')]
//# negated letter property
return [/\P{L}+/u.exec('abc123!def')[0], /^\P{L}$/u.test('5'), /^\P{L}$/u.test('z'), 'a1b2c3'.replace(/\P{L}/gu, '')]
//# case categories
return [/^\p{Lu}+$/u.test('ÀÉÎ'), /^\p{Ll}+$/u.test('àéî'), /\p{Lt}/u.test('ǅ'), /\p{Uppercase_Letter}/u.test('Σ'), /\p{Lowercase_Letter}/u.test('σ'), /\p{Lm}/u.test('ʰ'), /\p{Lo}/u.test('あ')]
//# number categories
return [/^\p{N}+$/u.test('123٣४'), /^\p{Nd}+$/u.test('٠١٢'), /\p{Nd}/u.test('½'), /\p{No}/u.test('½'), /\p{Nl}/u.test('Ⅻ'), '٣٤ and 56'.match(/\p{Nd}+/gu), /\p{digit}/u.test('7')]
//# punctuation and symbols
return ['Hello, world! ¿Qué?'.match(/\p{P}/gu), '$5 + €3 = ¥8 ©'.match(/\p{S}/gu), /\p{Sc}/u.test('₿'), /\p{Sm}/u.test('∑'), /\p{punct}/u.test('—'), /\p{Pd}/u.test('-'), /\p{Ps}\p{Pe}/u.test('()')]
//# separators and marks
return [/\p{Z}/u.test('\u00a0'), /\p{Zs}/u.test('\u3000'), /\p{Zl}/u.test('\u2028'), /\p{Zp}/u.test('\u2029'), 'e\u0301'.replace(/\p{M}/gu, ''), /\p{Mn}/u.test('\u0301'), /\p{Mark}/u.test('\u20dd')]
//# other categories
return [/\p{Cc}/u.test('\u0007'), /\p{Cf}/u.test('\u200d'), /\p{Co}/u.test('\ue000'), /\p{Cn}/u.test('\u0378'), /\p{C}/u.test('\u0378'), /\p{Cs}/u.test('\ud800'), /\p{Other}/u.test('a')]
//# scripts
return [/\p{Script=Greek}/u.test('α'), /\p{sc=Cyrillic}/u.test('д'), /\p{sc=Han}/u.test('中'), /\p{Script=Latin}/u.test('α'), /\p{sc=Arab}/u.test('ب'), /\p{Script=Hiragana}/u.test('あ'), /\p{sc=Hira}/u.test('ア'), /\p{sc=Zyyy}/u.test('1'), /\p{Script=Inherited}/u.test('\u0301')]
//# script extensions
return [/\p{Script_Extensions=Latin}/u.test('a'), /\p{scx=Grek}/u.test('\u0342'), /\p{sc=Grek}/u.test('\u0342'), /\p{scx=Hira}/u.test('ー'), /\p{sc=Hira}/u.test('ー'), /\p{scx=Arab}/u.test('،'), /\p{sc=Arab}/u.test('،')]
//# script filtering
const text = 'Hello Привет Γειά 你好 مرحبا'
return [text.match(/\p{sc=Latn}+/gu), text.match(/\p{sc=Cyrl}+/gu), text.match(/\p{Script=Greek}+/gu), text.match(/\p{sc=Hani}+/gu), text.match(/\p{sc=Arabic}+/gu)]
//# emoji properties
return [/\p{Emoji}/u.test('😀'), /\p{Emoji_Presentation}/u.test('😀'), /\p{Extended_Pictographic}/u.test('😀'), /\p{Emoji}/u.test('a'), /\p{Emoji}/u.test('1'), /\p{Emoji_Presentation}/u.test('1'), /\p{Emoji_Modifier}/u.test('🏽'), /\p{Emoji_Modifier_Base}/u.test('👍'), /\p{Emoji_Component}/u.test('\u200d'), /\p{RI}/u.test('🇫')]
//# emoji extraction
const s = 'hi 😀 there 🎉 ok 👍🏽 and ❤️ 🇫🇷'
return [s.match(/\p{Extended_Pictographic}/gu), s.replace(/\p{Emoji_Presentation}/gu, '*'), s.match(/\p{ExtPict}/gu).length, [...s.matchAll(/\p{EPres}/gu)].map((m) => m.index)]
//# strip emoji
return 'Great job 🎉🎉 team 👏!'.replace(/[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, '').replace(/\s+/g, ' ').trim()
//# binary properties
return [/\p{Alphabetic}/u.test('a'), /\p{Alpha}/u.test('1'), /\p{White_Space}/u.test('\t'), /\p{space}/u.test('\u2003'), /\p{Uppercase}/u.test('Ⓐ'), /\p{Lowercase}/u.test('ª'), /\p{Hex_Digit}/u.test('F'), /\p{ASCII_Hex_Digit}/u.test('g'), /\p{Math}/u.test('+'), /\p{Dash}/u.test('—'), /\p{Ideographic}/u.test('中'), /\p{Diacritic}/u.test('^'), /\p{Noncharacter_Code_Point}/u.test('\ufdd0')]
//# identifier properties
return [/^\p{ID_Start}\p{ID_Continue}*$/u.test('café_1'), /^\p{ID_Start}/u.test('1abc'), /^[\p{XID_Start}$_][\p{XID_Continue}$]*$/u.test('$valid_Name2'), /\p{IDC}/u.test('\u200c'), /\p{Join_Control}/u.test('\u200d'), /\p{Default_Ignorable_Code_Point}/u.test('\u00ad')]
//# ascii any assigned
return [/^\p{ASCII}+$/u.test('plain text!'), /^\p{ASCII}+$/u.test('naïve'), /\p{Any}/u.test('\u0000'), /^\p{Any}$/u.test('😀'), /\p{Assigned}/u.test('\u0378'), /\P{Assigned}/u.test('\u0378'), /\P{Any}/u.test('a'), /[\P{Any}]/u.test('a'), /[^\P{Any}]/u.test('a')]
//# classes with properties
return [/[\p{L}\p{N}]+/u.exec('héllo123!')[0], 'Ünïcödé-tëxt 42'.replace(/[^\p{L}\p{N}\s]/gu, ''), /^[\p{L}\d_-]+$/u.test('hé-llo_9'), /[\p{Lu}a-c]+/u.exec('xxAbcDe')[0], /[\P{L}]+/u.exec('ab12!c')[0], /[^\P{Lu}]+/u.exec('abCDe')[0]]
//# class dash placement
return [/[\p{Lu}-]+/u.exec('a-B-C')[0], /[-\p{Lu}]+/u.exec('a-B-C')[0], /[a-c\p{Nd}]+/u.exec('xab12z')[0], /[\p{Nd}x-z]+/u.exec('ay9')[0], /[\-\p{L}]+/u.exec('1a-b2')[0]]
//# quantifiers and anchors
return [/^\p{Lu}\p{Ll}+$/u.test('Hello'), /^\p{Lu}\p{Ll}+$/u.test('hello'), /\p{L}{2,3}/u.exec('1abcd')[0], /(?:\p{Lu}\.){2,}/u.exec('U.S.A. rocks')[0], /\b\p{L}+\b/u.exec('12 word 34')[0]]
//# groups and alternation
const m = /(?<word>\p{L}+)\s+(?<num>\p{N}+)/u.exec('item: Eclair 42')
return [m.groups.word, m.groups.num, m.index, /(\p{sc=Grek}+|\p{sc=Cyrl}+)/u.exec('abc мир')[1], 'a1 b2'.replace(/(\p{L})(\p{N})/gu, '$2$1'), /(\p{L}+)-(\p{N}+)/u.exec('é-٣').slice(1)]
//# named groups on non-ASCII input
return [/(?<word>\p{L}+)/u.exec('Éclair').groups, /(?<w>[a-zé]+)/u.exec('café').groups, /(?<w>[a-zé]+)/gu.exec('café').groups]
//# lookaround with properties
return [/\p{L}+(?=\p{N})/u.exec('abc def12')[0], /(?<=\p{Sc})\p{N}+/u.exec('cost €45')[0], /\p{L}(?!\p{L})/gu[Symbol.match]('ab cd'), 'xAyBz'.split(/(?=\p{Lu})/u)]
//# backreference with properties
return [/(\p{L})\1/u.test('héé'), /(?<c>\p{Lu})\k<c>/u.exec('aBBc')[0], /(\p{N})\1/u.test('12')]
//# case insensitive
return [/\p{Lu}/iu.test('a'), /\p{Ll}/iu.test('A'), /\P{Lu}/iu.test('A'), /[^\p{Lu}]/iu.test('a'), /[^\P{Lu}]/iu.test('A'), /^\p{Lu}+$/iu.test('ÀbC'), /\p{sc=Grek}/iu.test('Σ'), /\p{Lu}/i.test('p{Lu}')]
//# astral characters
return [/^\p{L}$/u.test('𝒜'), /^\p{Lu}$/u.test('𝐀'), /^\p{Nd}$/u.test('𝟘'), '𝒜𝒝 x'.match(/\p{L}/gu), /^.\p{L}$/u.test('😀a'), /\p{sc=Egyptian_Hieroglyphs}/u.test('𓀀'), '😀a'.split(/\p{L}/u)]
//# string methods with property regexps
const re = /\p{Lu}/gu
return ['Hello World Ab'.match(re), 'Hello World'.search(/\p{Ll}/u), 'aBcD'.replace(/\p{Lu}/gu, (c) => '_' + c.toLowerCase()), 'oneTwoThree'.split(/(?=\p{Lu})/u), [...'a1b22'.matchAll(/\p{N}+/gu)].map((m) => m[0] + '@' + m.index), 'ÀÉ'.replaceAll(/\p{Lu}/gu, 'x')]
//# global lastIndex and sticky
const re = /\p{L}+/gu
const out = []
let m
while ((m = re.exec('ab 12 cd éf')) !== null) out.push(m[0] + ':' + re.lastIndex)
const st = /\p{N}/uy
st.lastIndex = 2
return [out, st.test('ab3'), st.lastIndex, st.test('ab3')]
//# new RegExp with property escapes
const r1 = new RegExp('\\p{L}+', 'u')
const r2 = new RegExp('^[\\p{Lu}\\p{Nd}]+$', 'u')
const r3 = RegExp('\\P{sc=Latin}', 'gu')
return [r1.exec('12 ab')[0], r2.test('AB12'), r2.test('Ab12'), 'aβcδ'.match(r3), new RegExp('\\p{L}').test('p{L}'), new RegExp('\\p{L}').test('a')]
//# source flags and toString
const re = /[\p{L}\p{N}]+/gu
const r2 = new RegExp('\\P{Script=Greek}/x', 'iu')
return [re.source, re.flags, String(re), re.unicode, re.global, r2.source, String(r2), r2.toString(), `${/\p{Lu}/u}`, re.source.length]
//# copying property regexps
const re = /\p{Lu}+/u
const copy = new RegExp(re)
const withFlags = new RegExp(re, 'gu')
const viaString = new RegExp(re.source, 'u')
return [copy.source, copy.exec('abCDe')[0], withFlags.flags, 'AB cd EF'.match(withFlags), viaString.test('É'), RegExp(re) === re, copy instanceof RegExp, copy.constructor === RegExp, Object.prototype.toString.call(copy)]
//# without u flag property escapes are literal
return [/\p{L}/.test('a'), /\p{L}/.test('p{L}'), new RegExp('\\p{Lu}').test('p{Lu}'), /[\p{L}]/.test('p'), /\P{L}/.test('P{L}')]
//# invalid property names
const out = []
for (const [p, f] of [['\\p{Foo}', 'u'], ['\\p{L', 'u'], ['\\p', 'u'], ['[\\p{Foo}]', 'u'], ['\\p{Script=Foo}', 'gu'], ['\\p{sc}', 'u'], ['\\p{lu}', 'u'], ['\\p{ L}', 'u'], ['\\p{Greek}', 'u'], ['\\p{Letter=L}', 'u'], ['[\\p{L}-z]', 'u'], ['[a-\\p{L}]', 'u'], ['[\\p{L}--]', 'u'], ['\\p{Block=Basic_Latin}', 'yu'], ['\\p{Basic_Emoji}', 'u'], ['\\p{L}', 'uu']]) {
    try {
        new RegExp(p, f)
        out.push('ok ' + p)
    } catch (e) {
        out.push(e.name + ': ' + e.message)
    }
}
return out
//# other syntax errors with property escapes
const out = []
for (const p of ['\\p{L}**', '\\p{L}{2,1}', '\\p{L}\\k<nope>', '[z-a\\p{L}]', '\\p{L})', '(?<a>\\p{L}', '\\p{L}\\', '\\p{L}\\c', '\\p{L}\\u{110000}', '[\\p{L}', '\\p{L}+?+', '\\p{L}{1}{2}', '(?<=\\p{L}**)']) {
    try {
        new RegExp(p, 'u')
        out.push('ok ' + p)
    } catch (e) {
        out.push(e.name + ': ' + e.message)
    }
}
return out
//# valid property name spellings
const names = ['L', 'Letter', 'gc=L', 'General_Category=Letter', 'General_Category=L', 'LC', 'Cased_Letter', 'punct', 'Combining_Mark', 'cntrl', 'sc=Latn', 'Script=Latin', 'scx=Latn', 'Script_Extensions=Latin', 'sc=Zyyy', 'sc=Common', 'sc=Qaai', 'sc=Zinh', 'sc=Zzzz', 'sc=Unknown', 'AHex', 'Alpha', 'Bidi_C', 'CWCF', 'EBase', 'EComp', 'EMod', 'EPres', 'ExtPict', 'Gr_Base', 'IDSB', 'Pat_Syn', 'QMark', 'STerm', 'UIdeo', 'VS', 'XIDC']
return names.filter((n) => { try { new RegExp('\\p{' + n + '}', 'u'); return true } catch { return false } }).length + '/' + names.length
//# property counts
const all = []
for (let cp = 0; cp < 0x3000; cp++) all.push(String.fromCodePoint(cp))
const s = all.join('')
return ['L', 'Lu', 'Ll', 'N', 'P', 'S', 'Z', 'M', 'C', 'Cn', 'sc=Latn', 'scx=Deva', 'Alphabetic', 'White_Space', 'Emoji', 'ID_Start', 'Math', 'Dash', 'Diacritic'].map((n) => n + '=' + (s.match(new RegExp('\\p{' + n + '}', 'gu')) || []).length)
//# astral property counts
let count = 0
let lu = 0
let emoji = 0
const reL = /\p{L}/u
const reLu = /^\p{Lu}$/u
const reE = /\p{Extended_Pictographic}/u
for (let cp = 0x10000; cp < 0x20000; cp += 7) {
    const c = String.fromCodePoint(cp)
    if (reL.test(c)) count++
    if (reLu.test(c)) lu++
    if (reE.test(c)) emoji++
}
return [count, lu, emoji]
//# slugify with property escapes
const slug = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')
return [slug('Héllo Wörld!'), slug('Crème Brûlée 2024'), slug('  Ünïcödé -- Tëxt  '), slug('Москва 2024')]
//# word counting
const text = 'Les élèves — ils étaient 25 — ont lu « L’Étranger » en 2 jours.'
return [text.match(/[\p{L}\p{M}'’]+/gu), text.match(/\p{N}+/gu), text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length]
//# sanitize user input
const clean = (s) => s.replace(/[^\p{L}\p{N}\p{Zs}.,@_-]/gu, '').replace(/\p{Zs}+/gu, ' ').trim()
return [clean('Hello\u0000 <script>alert(1)</script>'), clean('Jürgen\u200b Müller@example.com'), clean('Tab\there\u3000wide')]
//# property escape in hot loop
const words = []
for (let i = 0; i < 200; i++) words.push(new RegExp('^\\p{Lu}\\p{Ll}*$', 'u').test(i % 2 ? 'Word' : 'word'))
return words.filter(Boolean).length
//# hasIndices flag
const m = /a(?<Z>b)?/d.exec('xab')
return [m.indices, m.indices.groups, /a/d.hasIndices, /a/d.flags, /a/.hasIndices]
//# hasIndices with groups
const m = /(?<year>\d{4})-(?<month>\d{2})(-(\d{2}))?/d.exec('on 2024-05 ok')
return [m.indices, m.indices.groups, m.indices.length]
//# hasIndices unicode
const re = new RegExp('😀(\\p{L}+)', 'du')
const m = re.exec('x😀héllo!')
const m2 = /😀(.)/d.exec('x😀😃')
return [m.indices, m.index, m2.indices, re.flags, re.hasIndices, re.unicode, String(re)]
//# hasIndices global iteration
const re = /(\w)(\d)?/dg
const out = []
let m
while ((m = re.exec('a1 b c3')) !== null) out.push([m[0], m.indices, re.lastIndex])
return [out, [...'x1y2'.matchAll(/(?<l>[a-z])(\d)/dg)].map((m) => [m.indices, m.indices.groups])]
//# hasIndices copies and string methods
const re = /b(c)/dg
const copy = new RegExp(re)
const other = new RegExp(re, 'g')
return [copy.hasIndices, copy.flags, copy.exec('abc').indices, other.hasIndices, other.flags, 'abcbc'.match(re), 'abc'.replace(/b(c)/d, '[$1]'), 'a-b'.split(/-/d), Object.keys(re), String(copy)]
//# invalid flags
const out = []
for (const f of ['dd', 'gdg', 'dx', 'dgimsuy']) {
    try {
        out.push(new RegExp('a', f).flags)
    } catch (e) {
        out.push(e.name + ': ' + e.message)
    }
}
return out
//# flags getter and source escaping
return [new RegExp('a/b').source, String(new RegExp('a/b[/]', 'g')), new RegExp('').source, String(new RegExp('\n')), new RegExp('\\/').source, RegExp.prototype.source, RegExp.prototype.flags, Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get.call({ global: true, hasIndices: 1, sticky: 1 }), RegExp.prototype.toString.call({ source: 'x', flags: 'q' }), typeof Object.getOwnPropertyDescriptor(RegExp.prototype, 'hasIndices').get]
//# getter errors
const out = []
const get = (n) => Object.getOwnPropertyDescriptor(RegExp.prototype, n).get
for (const [n, t] of [['hasIndices', {}], ['source', {}], ['flags', 1]]) {
    try {
        out.push(get(n).call(t))
    } catch (e) {
        out.push(e.name + ': ' + e.message)
    }
}
try { RegExp.prototype.toString.call(1) } catch (e) { out.push(e.name + ': ' + e.message) }
return [out, RegExp.prototype.hasIndices]
//# subclass with property escapes
class Words extends RegExp {
    constructor(src) { super(src, 'gu') }
    all(s) { return s.match(this) }
}
const w = new Words('\\p{L}+')
return [w.all('héllo wörld 42'), w instanceof Words, w instanceof RegExp, w.source, w.flags]
//# console output of property regexps
console.log(/\p{L}+/gu, [new RegExp('\\p{Lu}', 'u')], { re: /a(?<x>b)/d })
return String(/\P{sc=Han}/u)
