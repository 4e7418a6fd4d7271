package vm

import (
	"context"
	"os/exec"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// regexpTestScript exercises RegExp.prototype.test on literal patterns (the fast path) and on
// everything the fast path must leave to goja, and returns what each call gave.
const regexpTestScript = `
const ua = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) curl/7.1'
const out = []
const t = (re, s) => { try { out.push(re.test(s)) } catch (e) { out.push(e.name + ': ' + e.message) } }
for (const re of [/googlebot/i, /GOOGLEBOT/i, /googlebot/, /Googlebot/, /curl\//i, /curl\/8/i, /bot\.html/, /bot\.htm1/,
                  /compatible; /, /a\-b/, /\+http/, /Mozilla/m, /Mozilla/s, /Mozilla/u, /mozilla/iu, /e\/7\.1/i, /1$/, /^Moz/]) {
    t(re, ua)
    t(re, '')
    t(re, 'GOOGLEBOT curl/ a-b bot.html')
}
t(/undefined/, undefined)
t(/123/, 123)
t(/null/i, null)
t(/x/, { toString() { return 'xyz' } })
const g = /bot/gi
t(g, ua); t(g, ua); t(g, ua); t(g, ua); out.push(g.lastIndex)
const y = /Moz/y
t(y, ua); t(y, ua); out.push(y.lastIndex)
let calls = 0
const li = /google/i
li.lastIndex = { valueOf() { calls++; return 5 } }
t(li, ua); out.push(calls)
const kept = /google/i
kept.lastIndex = 7
t(kept, ua); out.push(kept.lastIndex)
try { RegExp.prototype.test.call({}, 'x') } catch (e) { out.push(e.name) }
out.push(RegExp.prototype.test.name, RegExp.prototype.test.length, typeof RegExp.prototype.test)
t(new RegExp('curl/', 'i'), ua)
t(new RegExp('a.b'), 'axb')
t(/é/, 'café')
t(/caf/i, 'CAFÉ')
t(/\u0041/, 'A')
const rc = /abc/; t(rc, 'abc'); rc.compile('x.z'); t(rc, 'xyz')
const rc2 = /abc/; t(rc2, 'abc'); rc2.compile('abc', 'g'); t(rc2, 'abc'); out.push(rc2.lastIndex)
const rc3 = /abc/i; t(rc3, 'ABC'); rc3.compile('abc'); t(rc3, 'ABC')
out.push(RegExp.prototype.compile.name, RegExp.prototype.compile.length)
const name = (f) => { try { return f() } catch (e) { return e.name } }
const ls = /abc/; ls.lastIndex = Symbol(); out.push(name(() => ls.test('abc')))
const lb = /abc/i; lb.lastIndex = 10n; out.push(name(() => lb.test('ABC')))
return out
`

func TestRegexpTestMatchesNode(t *testing.T) {
	node := requireNode(t, "the RegExp comparison")
	want, err := exec.Command(node, "-e", "console.log(JSON.stringify((() => {"+regexpTestScript+"})()))").Output()
	require.NoError(t, err)

	in := newInstance(t, "index.js", "export function processEvent(e) {"+regexpTestScript+"}", Options{})
	require.True(t, in.uses().regexpTest)
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{}`))
	require.NoError(t, err)
	got, err := ojson.Marshal(res.Value)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
}

func TestLiteralPattern(t *testing.T) {
	for _, c := range []struct {
		src, want string
		ok        bool
	}{
		{"googlebot", "googlebot", true},
		{`curl\/`, "curl/", true},
		{`a\.b\-c\+d`, "a.b-c+d", true},
		{"compatible; x=1, y#2 <email> @ ~!%&'\"`", "compatible; x=1, y#2 <email> @ ~!%&'\"`", true},
		{"a.b", "", false},
		{`\d+`, "", false},
		{`\bword`, "", false},
		{`\x41`, "", false},
		{`\1`, "", false},
		{"(?:)", "", false},
		{"a|b", "", false},
		{"^a", "", false},
		{"a$", "", false},
		{"ab*", "", false},
		{"[ab]", "", false},
		{"a{2}", "", false},
		{"a]", "", false},
		{"é", "", false},
		{"", "", false},
		{`a\`, "", false},
	} {
		got, ok := literalPattern(c.src)
		assert.Equal(t, c.ok, ok, c.src)
		assert.Equal(t, c.want, got, c.src)
	}
}

// TestRegexpTestTakesTheFastPath checks which regexps analyseRegexp accepts, so the
// comparison with Node above covers both paths.
func TestRegexpTestTakesTheFastPath(t *testing.T) {
	rt := goja.New()
	for src, want := range map[string]regexpLiteral{
		`/GoogleBot/i`: {text: "googlebot", fold: true, applicable: true},
		`/curl\//`:     {text: "curl/", applicable: true},
		`/abc/u`:       {text: "abc", applicable: true},
		`/abc/ms`:      {text: "abc", applicable: true},
		`/abc/g`:       {},
		`/abc/y`:       {},
		`/abc/iu`:      {},
		`/a.c/`:        {},
	} {
		v, err := rt.RunString(src)
		require.NoError(t, err)
		assert.Equal(t, want, analyseRegexp(v.(*goja.Object)), src)
	}
}

func TestRegexpLiteralSearch(t *testing.T) {
	l := regexpLiteral{text: "bot", fold: true, applicable: true}
	for s, want := range map[string]bool{"": false, "bo": false, "BOT": true, "xxbOt": true, "b-o-t": false, "robo": false, "Bbot": true} {
		assert.Equal(t, want, l.in(s), s)
	}
	l = regexpLiteral{text: "Bot", applicable: true}
	assert.True(t, l.in("a Bot"))
	assert.False(t, l.in("a bot"))
}

// BenchmarkRegexpTestBotList is the user-agent check of bot-detection plugins: a list of
// literal case-insensitive patterns tested against one user agent, with the fast path and
// with goja's own test.
func BenchmarkRegexpTestBotList(b *testing.B) {
	p, err := Compile("index.js", []byte(`
const bots = [/googlebot/i, /bingbot/i, /baiduspider/i, /duckduckbot/i, /slurp/i, /facebookexternalhit/i,
    /twitterbot/i, /linkedinbot/i, /semrushbot/i, /ahrefsbot/i, /petalbot/i, /applebot/i, /headlesschrome/i,
    /python-requests/i, /curl\//i]
export function processEvent(e) {
    e.properties.bot = bots.some((re) => re.test(e.properties.ua))
    return e
}`))
	require.NoError(b, err)
	src := event(b, `{"properties":{"ua":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"}}`)
	for _, fast := range []bool{true, false} {
		name := "literal"
		if !fast {
			name = "goja"
		}
		b.Run(name, func(b *testing.B) {
			q := *p
			q.uses.regexpTest = fast
			in, err := New(context.Background(), &q, Options{})
			require.NoError(b, err)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := in.CallEvent(context.Background(), "processEvent", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
