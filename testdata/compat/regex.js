//# lookbehind positive
return [/(?<=\$)\d+/.exec('cost $42')[0], /(?<=\$(\d+)\.)\d+/.exec('$10.53')[0], 'a1b2c3'.replace(/(?<=[a-z])\d/g, '#')]
//# lookbehind negative
return [/(?<!\$)\b\d+/.exec('cost $42 or 17')[0], 'x1 $2 y3'.match(/(?<!\$)\d/g)]
//# lookbehind captures
return /(?<=(\d+)(\d+))$/.exec('1053').slice(1)
//# lookahead
return ['price: 100USD 200EUR'.match(/\d+(?=EUR)/)[0], 'abc'.replace(/b(?!c)/, 'X'), 'abd'.replace(/b(?!c)/, 'X')]
//# named groups
const m = '2024-01-15'.match(/(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/)
return [m.groups, Object.getPrototypeOf(m.groups), m.index, m.input, m.length]
//# named groups unmatched
return /(?<a>.)(?<b>x)?/.exec('q').groups
//# named groups absent
return [/(a)/.exec('a').groups, 'groups' in /(a)/.exec('a')]
//# named group replace
return ['2024-01-15'.replace(/(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/, '$<d>/$<m>/$<y>'), 'ab'.replace(/(?<x>a)/, '[$<nope>]'), 'ab'.replace(/(a)/, '[$<x>]')]
//# named backreference
return [new RegExp('(?<q>[\'"]).*?\\k<q>').exec('say "hi" now')[0], /(?<c>.)\k<c>/.test('xx')]
//# destructure named groups
const { groups: { user, host } } = /(?<user>[^@]+)@(?<host>.+)/.exec('me@example.com')
return user + ' at ' + host
//# unicode flag code points
return ['😀'.match(/./gu).length, '😀'.match(/./g).length, /^.$/u.test('😀'), /^.$/.test('😀'), /\u{1F600}/u.test('😀'), /[😀]/u.test('😀'), /^[\u{1F600}-\u{1F64F}]$/u.test('😃')]
//# unicode flag surrogate split
return ['😀x'.split(/(?:)/u), '😀x'.split('').length, '😀'.replace(/(?:)/gu, '-'), '😀'.replace(/(?:)/g, '-').length]
//# unicode property letters
return [/\p{L}+/u.exec('123 héllo')[0], /\p{Lu}/u.test('É'), /\p{Ll}/u.test('é'), /\P{L}/u.exec('abc1')[0]]
//# unicode property classes
return [/[\p{L}\p{N}]+/u.exec('héllo123!')[0], 'Ünïcödé-tëxt 42'.replace(/[^\p{L}\p{N}\s]/gu, ''), /^\p{N}+$/u.test('١٢٣')]
//# unicode property scripts
return [/\p{Script=Greek}/u.test('α'), /\p{sc=Han}/u.test('中'), /\p{Script=Latin}/u.test('α'), /\p{Script_Extensions=Latin}/u.test('a')]
//# unicode property emoji
return [/\p{Emoji}/u.test('😀'), /\p{Emoji_Presentation}/u.test('😀'), /\p{Extended_Pictographic}/u.test('😀'), /\p{Emoji}/u.test('a'), 'hi 😀 there 🎉'.match(/\p{Extended_Pictographic}/gu)]
//# unicode property general categories
return [/\p{P}/u.test('!'), /\p{S}/u.test('$'), /\p{Z}/u.test(' '), /\p{White_Space}/u.test('\t'), /\p{Alphabetic}/u.test('a'), /\p{ASCII}/u.test('a'), /\p{Any}/u.test('\u0000')]
//# slugify with property escapes
const slug = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')
return [slug('Héllo Wörld!'), slug('Crème Brûlée 2024')]
//# sticky flag
const r = /a/y
r.lastIndex = 1
const first = [r.test('ba'), r.lastIndex]
const second = [r.test('ba'), r.lastIndex]
return [first, second, 'aaba'.match(/a/gy), 'xaa'.replace(/a/gy, 'b')]
//# sticky tokenizer
const re = /\s*(\d+|[+*()-])/y
const toks = []
let m
while ((m = re.exec('12 + (3*4) - 5'))) toks.push(m[1])
return toks
//# dotAll flag
return [/a.b/s.test('a\nb'), /a.b/.test('a\nb'), /a.b/s.dotAll, /a[^]b/.test('a\nb'), /./.test('\u2028'), /./s.test('\r')]
//# hasIndices flag
const m = /a(?<Z>b)?/d.exec('xab')
return [m.indices, m.indices.groups, /a/d.hasIndices, /a/d.flags]
//# unicode sets flag
return [new RegExp('[\\p{L}--[a-z]]', 'v').test('a'), new RegExp('[\\p{L}&&\\p{Lu}]', 'v').test('A'), new RegExp('a', 'v').unicodeSets]
//# matchAll
const re = /(?<k>\w+)=(?<v>\w+)/g
return [...'a=1&b=2&c=3'.matchAll(re)].map((m) => [m.index, m[0], m.groups.k, m.groups.v])
//# matchAll requires global
try {
    'x'.matchAll(/x/)
} catch (e) {
    return e.name + ': ' + e.message
}
//# matchAll iterator shape
const it = 'ab'.matchAll(/./g)
return [typeof it.next, Object.prototype.toString.call(it), [...it].length, [...it].length]
//# split with captures
return ['a1b2c'.split(/(\d)/), 'a, b ,c'.split(/\s*,\s*/), 'abc'.split(''), 'a1b'.split(/(\d)?/), 'test'.split(/(?:)/, 2), ''.split(/,/), ''.split(''), 'a,b,'.split(',', 2)]
//# split limit and separators
return ['a b  c'.split(' '), 'a b  c'.split(/ +/), 'abc'.split(/(b)|x/), 'a-b_c'.split(/[-_]/, 0), 'abc'.split(undefined)]
//# lastIndex semantics global
const re = /o/g
const steps = []
const s = 'foo boo'
while (re.exec(s)) steps.push(re.lastIndex)
steps.push(re.lastIndex)
re.lastIndex = 100
steps.push(re.test(s), re.lastIndex)
return steps
//# lastIndex not used without g
const re = /o/
re.lastIndex = 5
return [re.exec('foo').index, re.lastIndex, re.test('foo'), re.lastIndex]
//# lastIndex with string methods
const re = /o/g
re.lastIndex = 3
const a = 'foo'.match(re)
const afterMatch = re.lastIndex
re.lastIndex = 2
const b = 'foo'.replace(re, '0')
return [a, afterMatch, b, re.lastIndex, 'foo'.search(/o/g)]
//# zero length matches advance
return ['abc'.replace(/x*/g, '-'), 'abc'.match(/x*/g), '😀'.match(/(?:)/gu).length, 'aaa'.match(/a*?/g)]
//# replace special patterns
return ['abc'.replace(/b/, "[$&|$`|$'|$$]"), 'abc'.replace('b', "[$&|$`|$'|$$]"), 'abc'.replace(/(b)/, '$1$1$2$0$10'), 'abcdefghijkl'.replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, '$11-$10-$01-$011'), 'x'.replace('x', '$'), 'x'.replace('x', '$5')]
//# replace with function args
const calls = []
'a1b22'.replace(/(\d)(\d)?/g, (...args) => {
    calls.push(JSON.stringify(args))
    return ''
})
return calls
//# replace function with named groups
return 'abc'.replace(/(?<x>b)/, (...args) => JSON.stringify(args))
//# replace string pattern only first
return ['a.b.c'.replace('.', '!'), 'a.b.c'.replaceAll('.', '$&!'), 'aaa'.replaceAll('a', (m, off) => off), 'xyz'.replaceAll('', '_')]
//# replaceAll non-global regex
try {
    'a'.replaceAll(/a/, 'b')
} catch (e) {
    return e.name + ': ' + e.message
}
//# replace callback this and return coercion
return ['abc'.replace(/b/, () => 42), 'abc'.replace(/b/, () => undefined), 'abc'.replace(/b/, () => null), 'abc'.replace(/b/g, '$')]
//# search and test
return ['hello'.search(/l+/), 'hello'.search('x'), /^h/.test('hello'), /^H/i.test('hello'), 'a.b'.search('.')]
//# exec result shape
const m = /(\d)(x)?/.exec('a1b')
return [Array.isArray(m), m.length, m[0], m[1], m[2], m.index, m.input, Object.keys(m)]
//# match non-global vs global
return ['a1b2'.match(/\d/).length, 'a1b2'.match(/\d/g), 'ab'.match(/\d/g), 'ab'.match(/x/)]
//# flags and source
return [String(/a/gimsuy), /a/gimsuy.flags, /a/g.global, /a/i.ignoreCase, /a/m.multiline, /a/u.unicode, /a/y.sticky, /a/.hasIndices, /a/.dotAll, /[/]/.source, RegExp('').source, String(new RegExp('a/b')), new RegExp('\n').source]
//# flags order canonical
return [new RegExp('a', 'yusmig').flags, new RegExp(/x/g, 'i').flags, new RegExp(/x/g).flags]
//# constructor from regex
const a = /x/gi
const b = new RegExp(a)
const c = RegExp(a)
return [a === b, a === c, String(b), RegExp(a, 'g') === a]
//# invalid regex messages
const out = []
for (const [p, f] of [['('], ['['], ['a', 'gg'], ['a', 'z'], ['\\p{Foo}', 'u'], ['a**'], ['(?<n>a)(?<n>b)'], [')'], ['\\'], ['a{2,1}'], ['(?<1a>x)'], ['\\k<nope>(?<a>x)']]) {
    try {
        new RegExp(p, f)
        out.push('ok ' + p)
    } catch (e) {
        out.push(e.name + ': ' + e.message)
    }
}
return out
//# case insensitive unicode
return [/é/i.test('É'), /ß/i.test('SS'), /\u212a/i.test('k'), /\u212a/iu.test('k'), /[a-z]/i.test('K'), /σ/i.test('Σ')]
//# word boundaries and classes
return [/\w/.test('é'), /\w/u.test('é'), /\bé/.test(' é'), /\d/.test('٣'), /\d/u.test('٣'), 'a_b-c'.match(/\w+/g)]
//# whitespace class
return [/\s/.test('\u00a0'), /\s/.test('\ufeff'), /\s/.test('\u2028'), /\s/.test('\u180e'), /\s/.test('\v'), /\S/.test('\u3000'), /^\s+$/.test(' \t\n\r\v\f\u1680\u2000\u200a\u202f\u205f\u3000')]
//# quantifiers and laziness
return ['aaa'.match(/a*?/)[0], 'aaaa'.match(/a{2,}/)[0], '<a><b>'.match(/<.+?>/)[0], '<a><b>'.match(/<.+>/)[0], 'aaa'.match(/a{1,2}/g)]
//# alternation order and empty captures
return [/(a)|(b)/.exec('b'), /(a)?b/.exec('b'), /(?:(a)|b)+/.exec('ab'), /(z)((a+)?(b+)?(c))*/.exec('zaacbbbcac')]
//# backreferences
return [/(a)\1/.test('aa'), /\1(a)/.exec('a')[0], /(a)|\1b/.exec('b')[0], /(?<x>a)\k<x>/.test('aa')]
//# control and escapes
return [/\cJ/.test('\n'), /\0/.test('\u0000'), /[\b]/.test('\b'), /\x41/.test('A'), /\u0041/.test('A'), /\//.test('/'), /[\-]/.test('-'), /\//.source]
//# multiline anchors
return ['a\nb\nc'.match(/^\w$/gm), 'a\nb'.match(/^b/), /a$/m.test('a\r\nb'), 'x\u2028y'.match(/^y/m)]
//# regex symbol methods
const re = /b/g
return [RegExp.prototype[Symbol.replace].call(re, 'abcb', 'X'), RegExp.prototype[Symbol.split].call(/,/, 'a,b'), typeof RegExp.prototype[Symbol.matchAll], RegExp.prototype[Symbol.search].call(/c/, 'abc')]
//# custom Symbol.replace
const fake = { [Symbol.replace]: (s, r) => s.toUpperCase() + r }
return 'abc'.replace(fake, '!')
//# RegExp species and subclass
class MyRe extends RegExp {
    exec(s) {
        const m = super.exec(s)
        if (m) m[0] = m[0].toUpperCase()
        return m
    }
}
return ['abc'.replace(new MyRe('b'), '[$&]'), new MyRe('x', 'g') instanceof RegExp, new MyRe('x').constructor.name]
//# RegExp.escape absent and toString
return [typeof RegExp.escape, Object.prototype.toString.call(/x/), RegExp.prototype.toString.call({ source: 'a', flags: 'g' }), RegExp.length, RegExp.name]
//# legacy static properties
/(\d+)-(\d+)/.exec('tel 12-34 end')
return [RegExp.$1, RegExp.$2, RegExp.lastMatch, RegExp['$&'], RegExp.leftContext, RegExp.input]
//# email and url patterns
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const url = /^(https?):\/\/([^/:]+)(?::(\d+))?(\/[^?#]*)?(\?[^#]*)?(#.*)?$/
return [email.test('a.b@c.io'), email.test('bad@x'), url.exec('https://ex.com:8080/p/a?q=1#h').slice(1)]
//# uuid and ip validation
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i
const ipv4 = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/
return [uuid.test('018f7a3c-6a01-7000-8000-000000000001'), uuid.test('nope'), ipv4.test('192.168.1.255'), ipv4.test('256.1.1.1')]
//# user agent parsing
const ua = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
return [ua.match(/Chrome\/(\d+)\.(\d+)/).slice(1), /Mac OS X ([\d_]+)/.exec(ua)[1].replace(/_/g, '.'), /\bMobile\b/.test(ua)]
//# regex on long input
const s = 'ab'.repeat(50000) + 'c'
return [s.match(/(ab)+c/)[0].length, s.replace(/b/g, '').length, s.split(/a/).length]
