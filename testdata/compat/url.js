//# parse components
const u = new URL('https://user:pa%20ss@Example.COM:8080/a/b/../c?x=1&y=2#frag')
return [u.href, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin]
//# default ports dropped
return ['http://h:80/', 'https://h:443/', 'ws://h:80/', 'wss://h:443/', 'ftp://h:21/', 'http://h:443/', 'foo://h:80/'].map((s) => new URL(s).href)
//# relative with base
const base = 'http://h/a/b/c?q#f'
return ['d', './d', '../d', '/d', '//o/p', '?z', '#g', '', '../../../../d', 'http:d', 'https:d', '.', '..'].map((r) => new URL(r, base).href)
//# base as URL object
return new URL('x/y', new URL('https://h/dir/file')).href
//# percent encoding of components
const u = new URL('http://h/a b/é/%zz?q=a b&é="x"#f g`')
return [u.pathname, u.search, u.hash, u.href]
//# special query apostrophe
return [new URL("http://h/?a='b'").search, new URL("foo://h/?a='b'").search]
//# path percent-encode set
return new URL('http://a/^`{}|<>"[]\\x').pathname
//# userinfo encoding
const u = new URL('http://h')
u.username = 'us er@:/'
u.password = 'p@ss:w/rd'
return [u.href, u.username, u.password]
//# IDNA hosts
return ['http://Ünïcode.com/', 'http://ß.de/', 'http://xn--nicode-2ya.com/', 'http://例え.テスト/', 'http://EXAMPLE.com./', 'http://a_b.com/', 'http://-x-.com/'].map((s) => new URL(s).hostname)
//# invalid hosts
const out = []
for (const s of ['http://xn--/', 'http://a b/', 'http://a%20b/', 'http://a<b/', 'http://[::1/', 'http://[1::2::3]/', 'http://1.2.3.4.5/', 'http://09/', 'http://a.b.c.0x10/', 'http://u@/', 'https://h:65536/', 'https://h:0x/']) {
  try { out.push(new URL(s).href) } catch (e) { out.push(e.code) }
}
return out
//# IPv4 hosts
return ['http://127.0.0.1/', 'http://0x7f.1/', 'http://999999999/', 'http://0177.0.0.1/', 'http://1.2.3/', 'http://4294967295/', 'http://127.1./', 'http://0x/'].map((s) => new URL(s).hostname)
//# IPv6 hosts
return ['http://[::1]:8080/', 'http://[1:0:0:0:0:0:0:1]/', 'http://[::ffff:1.2.3.4]/', 'http://[::]/', 'http://[1::2:0:0:3]/', 'http://[ABCD:0:0:1:0:0:0:2]/', 'http://[0:0:1:0:0:1:0:0]/'].map((s) => new URL(s).host)
//# non-special schemes
return ['mailto:x@y.z', 'javascript:alert(1)', 'data:text/plain,a b ?x', 'foo://h:99/p', 'web+demo:/.//not-a-host/', 'web+demo://x/../../y', 'non-spec:/p/../q', 'urn:isbn:123'].map((s) => { const u = new URL(s); return [u.href, u.host, u.pathname, u.origin] })
//# file URLs
return ['file:///C:/x', 'file://localhost/x', 'file:/x/../y', 'file://host/share', 'file:///a?b#c'].map((s) => { const u = new URL(s); return [u.href, u.host, u.pathname, u.origin] })
//# whitespace and control characters
return [new URL(' \t http://h/a\nb \n').href, new URL('http://h/\u0001x').pathname, new URL('http://h/#\u0000').hash]
//# backslashes in special URLs
return [new URL('http:\\\\h\\a\\b').href, new URL('foo:\\\\h\\a').href]
//# dot segments
return ['http://a/b/%2e%2E/c', 'http://a/b/./c/.', 'http://a/b/c/..', 'http://a/%2e', 'http://a/b/.%2e/c'].map((s) => new URL(s).pathname)
//# origin variants
return ['blob:https://a.com/uuid', 'blob:foo', 'file:///x', 'ftp://h/', 'http://[::1]:81/', 'foo://h/'].map((s) => new URL(s).origin)
//# invalid URL error shape
try { new URL('nope') } catch (e) { return [e.name, e.code, e.message, e.input, 'base' in e, Object.keys(e), String(e), e instanceof TypeError, e.constructor === TypeError] }
//# invalid base error shape
try { new URL('/x', 'nope') } catch (e) { return [e.code, e.message, e.input, e.base, Object.keys(e)] }
//# missing argument
try { new URL() } catch (e) { return [e.name, e.code, e.message] }
//# coercion of input
return [new URL({ toString: () => 'http://obj/' }).href, new URL('http://h/' + 5).href, new URL(new URL('http://copy/x')).href]
//# canParse
return [URL.canParse('http://h'), URL.canParse('nope'), URL.canParse('/x', 'http://h'), URL.canParse('/x'), URL.canParse('x', 'nope'), typeof URL.canParse]
//# URL.parse static
return [URL.parse('http://h/p') && URL.parse('http://h/p').href, URL.parse('nope'), URL.parse('/x', 'http://b').href]
//# toString toJSON and JSON
const u = new URL('http://h/p?q=1#f')
return [u.toString(), u.toJSON(), JSON.stringify({ u }), String(u), u + '', `${u}`]
//# href setter
const u = new URL('http://h/p')
u.href = 'https://other/x?y#z'
return [u.href, u.host, u.search, u.hash]
//# href setter invalid throws
const u = new URL('http://h/p')
try { u.href = 'nope' } catch (e) { return [e.name, e.code, e.message, e.input, u.href] }
//# protocol setter
const out = []
for (const v of ['https', 'ftp:', 'ws://ignored', 'foo', 'file', '1x', 'HTTP']) {
  const u = new URL('http://u@h:8080/p')
  u.protocol = v
  out.push(u.href)
}
const f = new URL('foo://h/p')
f.protocol = 'bar'
out.push(f.href)
f.protocol = 'http'
out.push(f.href)
return out
//# protocol setter drops default port
const u = new URL('http://h:443/')
u.protocol = 'https'
return u.href
//# username and password setters
const u = new URL('http://h/p')
u.username = 'me'
const a = u.href
u.password = 'secret'
const b = u.href
u.username = ''
const c = u.href
u.password = ''
const m = new URL('mailto:x@y')
m.username = 'z'
const f = new URL('file:///x')
f.username = 'z'
return [a, b, c, u.href, m.href, f.href]
//# host setter
const out = []
for (const v of ['example.org', 'example.org:81', 'Ex.COM:80', 'a b', '[::1]:9', 'x/y', '', 'h:99999', 'ünï.de']) {
  const u = new URL('http://h:8080/p')
  u.host = v
  out.push(u.href)
}
return out
//# hostname setter
const out = []
for (const v of ['example.org', 'ex.org:81', 'UP.case', '1.2.3', '', 'a%41b']) {
  const u = new URL('http://h:8080/p')
  u.hostname = v
  out.push(u.href)
}
const o = new URL('mailto:x')
o.hostname = 'h'
out.push(o.href)
return out
//# port setter
const out = []
for (const v of ['81', 81, '80', '', '99999', 'abc', '123abc', ' 1', '0', 65535, '8080/x']) {
  const u = new URL('http://h:8080/p')
  u.port = v
  out.push(u.port + '|' + u.href)
}
const f = new URL('file:///x')
f.port = '9'
out.push(f.href)
return out
//# pathname setter
const out = []
for (const v of ['/a/b', 'a b', '../x', '/%2e/y', '?q', '#h', '', '\\x\\y']) {
  const u = new URL('http://h/p?q#f')
  u.pathname = v
  out.push(u.href)
}
const o = new URL('mailto:x')
o.pathname = 'y'
out.push(o.href)
const n = new URL('foo://h/p')
n.pathname = 'rel'
out.push(n.href)
return out
//# search setter
const out = []
for (const v of ['a=1', '?b=2', '', '?', 'c d#e', 'é']) {
  const u = new URL('http://h/p?old=1#f')
  u.search = v
  out.push([u.href, u.search])
}
return out
//# hash setter
const out = []
for (const v of ['x', '#y', '', '#', 'a b<>']) {
  const u = new URL('http://h/p?q#old')
  u.hash = v
  out.push([u.href, u.hash])
}
return out
//# opaque path trailing spaces
const u = new URL('data:a b #x')
u.hash = ''
const v = new URL('data:a b ?q')
v.search = ''
return [u.href, u.pathname, v.href]
//# searchParams read
const u = new URL('http://h/?a=1&b=2&a=3&c=&d&e=x%20y+z&%F0%9F%98%80=%zz')
const sp = u.searchParams
return [sp.get('a'), sp.getAll('a'), sp.get('c'), sp.get('d'), sp.get('e'), sp.get('nope'), sp.has('b'), sp.has('a', '3'), sp.has('a', '9'), sp.size, sp.get('😀')]
//# searchParams iteration
const sp = new URL('http://h/?a=1&b=2&a=3').searchParams
const out = []
for (const [k, v] of sp) out.push(k + '=' + v)
const fe = []
sp.forEach((v, k, self) => fe.push([k, v, self === sp]))
return [out, [...sp], [...sp.entries()], [...sp.keys()], [...sp.values()], fe, Array.from(sp)]
//# searchParams mutation syncs URL
const u = new URL('http://h/p?a=1#f')
u.searchParams.append('b', 'x y')
const a = u.href
u.searchParams.set('a', '2')
const b = u.search
u.searchParams.delete('a')
const c = u.href
u.searchParams.delete('b')
return [a, b, c, u.href, u.search]
//# URL search updates searchParams
const u = new URL('http://h/p?a=1')
const sp = u.searchParams
u.search = '?z=9'
const a = [...sp]
u.href = 'http://h/?k=v'
return [a, [...sp], sp === u.searchParams]
//# searchParams sort
const u = new URL('http://h/?c=3&a=2&b=1&a=1')
u.searchParams.sort()
return [u.search, u.href]
//# searchParams delete with value and set dedupe
const sp = new URLSearchParams('a=1&a=2&b=1&a=3')
sp.delete('a', '2')
const x = sp.toString()
sp.set('a', 'z')
return [x, sp.toString(), sp.size]
//# URLSearchParams from string
return [new URLSearchParams('?a=1&b=2').toString(), new URLSearchParams('a=1&&b&=c&d=').toString(), [...new URLSearchParams('??a=1')], [...new URLSearchParams('a=b=c')], [...new URLSearchParams('%zz=%F0%9F%98%80&+=%2B')], new URLSearchParams('').size]
//# URLSearchParams from object
return [new URLSearchParams({ a: '1', b: 2, c: null, d: undefined, e: [1, 2] }).toString(), new URLSearchParams(Object.create({ inherited: 1 }, { own: { value: 'x', enumerable: true } })).toString()]
//# URLSearchParams from pairs and other params
const base = new URLSearchParams('x=1&y=2')
const copy = new URLSearchParams(base)
copy.append('z', '3')
return [new URLSearchParams([['a', '1'], ['b', '2'], ['a', '3']]).toString(), base.toString(), copy.toString(), new URLSearchParams(new Map([['m', 'n']])).toString(), new URLSearchParams([new Set(['s', 't'])]).toString()]
//# URLSearchParams constructor errors
const out = []
for (const init of [[['a']], [['a', 'b', 'c']], [1], [null], { [Symbol.iterator]: 5 }]) {
  try { out.push(new URLSearchParams(init).toString()) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# URLSearchParams toString encoding
const sp = new URLSearchParams()
sp.append('a b', 'c+d')
sp.append('é', '😀')
sp.append("!'()*-._~", '&=?#/:@')
sp.append('\ud800', 'x')
return sp.toString()
//# URLSearchParams method errors
const sp = new URLSearchParams()
const out = []
for (const f of [() => sp.get(), () => sp.append('a'), () => sp.set(), () => sp.has(), () => sp.delete(), () => sp.getAll(), () => sp.forEach(5), () => URLSearchParams.prototype.get.call({}, 'a'), () => sp.keys().next.call({})]) {
  try { out.push(f()) } catch (e) { out.push(e.name + ' ' + e.code + ': ' + e.message) }
}
return out
//# URLSearchParams iterator protocol
const sp = new URLSearchParams('a=1&b=2')
const it = sp.entries()
const first = it.next()
sp.append('c', '3')
return [first, it.next(), it.next(), it.next(), Object.prototype.toString.call(it), typeof it[Symbol.iterator], it[Symbol.iterator]() === it]
//# URLSearchParams coercion of values
const sp = new URLSearchParams()
sp.append(1, true)
sp.append(null, undefined)
sp.set({ toString: () => 'k' }, [1, 2])
return [sp.toString(), sp.get('1'), sp.get('null')]
//# toStringTag and prototypes
const u = new URL('http://h')
return [Object.prototype.toString.call(u), Object.prototype.toString.call(u.searchParams), Object.keys(u), Object.getOwnPropertyNames(u), typeof URL, URL.name, URLSearchParams.name, Object.keys(URL.prototype).length > 10, u instanceof URL]
//# getters on non-URL throw
try { Object.getOwnPropertyDescriptor(URL.prototype, 'href').get.call({}) } catch (e) { return [e.name, e.constructor === TypeError] }
//# url module exports the same classes
const url = require('url')
return [url.URL === URL, url.URLSearchParams === URLSearchParams, typeof url.parse, typeof url.format, typeof url.resolve, typeof url.domainToASCII, typeof url.fileURLToPath]
//# legacy parse full
const url = require('url')
return url.parse('https://user:pw@Host.COM:8080/p/a/t/h?query=string&a=1#hash')
//# legacy parse with query object
const url = require('url')
const p = url.parse('http://h/p?a=1&b=2&a=3&c', true)
return [p.query, Object.getPrototypeOf(p.query), p.search, p.path]
//# legacy parse relative and odd inputs
const url = require('url')
return ['/p/a?x=1', 'p?x', '//h/p', 'mailto:x@y.z', 'javascript:alert(1)', 'http://h', 'HTTP://H/A B', '  http://h/\\a\\b?c\\d  ', 'http://a@b@c/', 'http://h:99x/', 'http://[::1]:80/p', 'http://ü.com/'].map((s) => { const p = url.parse(s); return [p.protocol, p.slashes, p.auth, p.host, p.port, p.hostname, p.hash, p.search, p.query, p.pathname, p.path, p.href] })
//# legacy parse slashesDenoteHost
const url = require('url')
const a = url.parse('//h/p', false, true)
const b = url.parse('//h/p')
return [a.host, a.pathname, b.host, b.pathname]
//# legacy parse empty query object
const url = require('url')
return [url.parse('http://h/p', true).query, url.parse('/p', true).query, url.parse('/p', true).search]
//# legacy parse errors
const url = require('url')
const out = []
for (const v of [5, null, undefined]) {
  try { url.parse(v) } catch (e) { out.push(e.code + ': ' + e.message) }
}
return out
//# legacy format object
const url = require('url')
return [url.format({ protocol: 'https', hostname: 'h.com', port: 8080, pathname: '/p', query: { a: 1, b: ['x', 'y'], c: 'sp ace' } }), url.format({ protocol: 'mailto', auth: 'u', host: 'h' }), url.format({ host: 'h', pathname: 'p#x?y', search: 'q=1', hash: 'h' }), url.format({ protocol: 'file', pathname: '/tmp' }), url.format({ hostname: '::1', port: 1 })]
//# legacy format string and URL
const url = require('url')
const u = new URL('https://us:pw@xn--nicode-2ya.com:81/p?q=1#f')
return [url.format('HTTP://H.com/a b'), url.format(u), url.format(u, { fragment: false, unicode: true, auth: false, search: false }), url.format(url.parse('http://h/p?x=1'))]
//# legacy format errors
const url = require('url')
try { url.format(5) } catch (e) { return e.code + ': ' + e.message }
//# legacy resolve
const url = require('url')
return [url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'), url.resolve('http://example.com/one', '/two'), url.resolve('http://h/a/b', '../c'), url.resolve('http://h/a/b', '//o/p'), url.resolve('http://h/a/b?q', '?z'), url.resolve('http://h/a/b', 'https://x/y'), url.resolve('mailto:a@b', 'c@d'), url.resolve('http://h/a/', '.'), url.resolve('http://h/a/b', '')]
//# domainToASCII and domainToUnicode
const url = require('url')
return [url.domainToASCII('español.com'), url.domainToASCII('xn--iñvalid.com'), url.domainToASCII('EXAMPLE.com'), url.domainToUnicode('xn--espaol-zwa.com'), url.domainToUnicode('xn--iñvalid.com'), url.domainToUnicode('example.com')]
//# fileURLToPath and urlToHttpOptions
const url = require('url')
const o = url.urlToHttpOptions(new URL('https://a:b@[::1]:8080/p?q#h'))
return [url.fileURLToPath('file:///tmp/a%20b'), url.fileURLToPath(new URL('file:///x/y')), o.hostname, o.port, o.path, o.auth, o.protocol]
//# fileURLToPath errors
const url = require('url')
const out = []
for (const v of ['http://h/x', 'file://host/x', 'file:///a%2fb', 5]) {
  try { out.push(url.fileURLToPath(v)) } catch (e) { out.push(e.code + ': ' + e.message) }
}
return out
//# common plugin pattern: strip query params
const u = new URL('https://shop.example.com/cart?utm_source=x&utm_medium=y&id=5&ref=abc#top')
for (const k of [...u.searchParams.keys()]) if (k.startsWith('utm_')) u.searchParams.delete(k)
return [u.toString(), u.pathname + u.search]
//# common plugin pattern: referrer domain
return ['https://www.google.com/search?q=x', 'android-app://com.google.android.gm/', 'http://localhost:3000/x', 'not a url'].map((s) => { try { const u = new URL(s); return u.hostname.replace(/^www\./, '') } catch { return null } })
//# searchParams on URL without query
const u = new URL('http://h/p')
const sp = u.searchParams
const before = [u.href, sp.size, sp.toString()]
sp.append('a', '1')
return [before, u.href]
//# searchParams emptied removes question mark
const u = new URL('http://h/p?a=1#f')
u.searchParams.delete('a')
return [u.href, u.search]
//# URLSearchParams size and has on empty
const sp = new URLSearchParams()
return [sp.size, sp.has('x'), sp.get('x'), sp.getAll('x'), sp.toString(), [...sp]]
//# console.log of URL objects
console.log(new URL('https://u:p@a.com:8080/p?x=1#h'))
const sp = new URLSearchParams('a=1&b=2')
console.log(sp)
console.log(sp.keys(), sp.entries())
console.log(new URLSearchParams())
return 1
