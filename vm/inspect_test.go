package vm

import (
	"context"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inspectJS evaluates expr in a fresh instance and inspects it like util.inspect(value, opts);
// opts is a JavaScript expression too ("" for none).
func inspectJS(t *testing.T, expr, opts string) string {
	t.Helper()
	in := newInstance(t, "inspect.js", `module.exports = {}`, Options{})
	v, err := in.rt.RunString("(" + expr + ")")
	require.NoError(t, err)
	args := []goja.Value{v}
	if opts != "" {
		o, err := in.rt.RunString("(" + opts + ")")
		require.NoError(t, err)
		args = append(args, o)
	}
	h := newInspector(in)
	h.init()
	return h.inspect(v, h.optionsFromArgs(args))
}

// The expected strings below are what Node 20's util.inspect prints.
func TestInspectGrouping(t *testing.T) {
	cases := []struct{ name, expr, want string }{
		{"numbers pad start", `Array.from({length: 26}, (_, i) => i ** 3)`,
			"[\n      0,    1,     8,    27,    64,\n    125,  216,   343,   512,   729,\n   1000, 1331,  1728,  2197,  2744,\n   3375, 4096,  4913,  5832,  6859,\n   8000, 9261, 10648, 12167, 13824,\n  15625\n]"},
		{"strings pad end", `['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg', 'hh', 'i']`,
			"[\n  'a',       'bb',\n  'ccc',     'dddd',\n  'eeeee',   'ffffff',\n  'ggggggg', 'hh',\n  'i'\n]"},
		{"more items", `Array.from({length: 120}, (_, i) => i % 13)`,
			"[\n   0,  1,  2,  3,  4,  5,  6, 7, 8, 9, 10, 11,\n  12,  0,  1,  2,  3,  4,  5, 6, 7, 8,  9, 10,\n  11, 12,  0,  1,  2,  3,  4, 5, 6, 7,  8,  9,\n  10, 11, 12,  0,  1,  2,  3, 4, 5, 6,  7,  8,\n   9, 10, 11, 12,  0,  1,  2, 3, 4, 5,  6,  7,\n   8,  9, 10, 11, 12,  0,  1, 2, 3, 4,  5,  6,\n   7,  8,  9, 10, 11, 12,  0, 1, 2, 3,  4,  5,\n   6,  7,  8,  9, 10, 11, 12, 0, 1, 2,  3,  4,\n   5,  6,  7,  8,\n  ... 20 more items\n]"},
		{"nested", `{ data: Array.from({ length: 12 }, (_, i) => i * 11) }`,
			"{\n  data: [\n      0,  11, 22, 33, 44,\n     55,  66, 77, 88, 99,\n    110, 121\n  ]\n}"},
		{"six entries are not grouped", `[1, 2, 3, 4, 5, 6]`, "[ 1, 2, 3, 4, 5, 6 ]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, inspectJS(t, tc.expr, ""))
		})
	}
}

func TestInspectCircularAndDepth(t *testing.T) {
	assert.Equal(t, "<ref *1> {\n  name: 'a',\n  self: [Circular *1],\n  list: [ [Circular *1], { back: [Circular *1] } ]\n}",
		inspectJS(t, `(() => { const a = { name: 'a' }; a.self = a; a.list = [a, { back: a }]; return a })()`, ""))
	assert.Equal(t, "{ a: { b: { c: [Object] } } }", inspectJS(t, `{ a: { b: { c: { d: { e: 1 } } } } }`, ""))
	assert.Equal(t, "{ a: [Object], c: [Array] }", inspectJS(t, `{ a: { b: 1 }, c: [1] }`, `{ depth: 0 }`))
	deep := "{\n  a: {\n    b: { c: { d: { e: {} } } }\n  }\n}"
	assert.Equal(t, deep, inspectJS(t, `{ a: { b: { c: { d: { e: {} } } } } }`, `{ depth: Infinity }`))
	assert.Equal(t, deep, inspectJS(t, `{ a: { b: { c: { d: { e: {} } } } } }`, `{ depth: null }`))
}

func TestInspectOptions(t *testing.T) {
	cases := []struct{ name, expr, opts, want string }{
		{"compact false", `{ a: 1, b: [1, 2] }`, `{ compact: false }`, "{\n  a: 1,\n  b: [\n    1,\n    2\n  ]\n}"},
		{"compact true", `{ a: 1, b: { c: 'x'.repeat(80) } }`, `{ compact: true }`,
			"{ a: 1,\n  b:\n   { c:\n      '" + strings.Repeat("x", 80) + "' } }"},
		{"breakLength Infinity", `Array.from({length: 30}, (_, i) => 'item' + i)`, `{ breakLength: Infinity }`,
			"[\n  'item0',  'item1',  'item2',\n  'item3',  'item4',  'item5',\n  'item6',  'item7',  'item8',\n  'item9',  'item10', 'item11',\n  'item12', 'item13', 'item14',\n  'item15', 'item16', 'item17',\n  'item18', 'item19', 'item20',\n  'item21', 'item22', 'item23',\n  'item24', 'item25', 'item26',\n  'item27', 'item28', 'item29'\n]"},
		{"sorted", `{ b: 1, a: 2, c: { z: 1, y: 2 } }`, `{ sorted: true }`, "{ a: 2, b: 1, c: { y: 2, z: 1 } }"},
		{"maxArrayLength", `[1, 2, 3, 4]`, `{ maxArrayLength: 2 }`, "[ 1, 2, ... 2 more items ]"},
		{"maxArrayLength set", `new Set([1, 2, 3])`, `{ maxArrayLength: 0 }`, "Set(3) { ... 3 more items }"},
		{"maxStringLength", `'abcdef'`, `{ maxStringLength: 3 }`, "'abc'... 3 more characters"},
		{"numericSeparator", `[1234567.891, -1234, 12345678901234567890n]`, `{ numericSeparator: true }`,
			"[ 1_234_567.891, -1_234, 12_345_678_901_234_567_890n ]"},
		{"getters", `{ get a() { return 1 }, get b() { throw new Error('no') }, get c() { return { x: 1 } } }`, `{ getters: true }`,
			"{\n  a: [Getter: 1],\n  b: [Getter: <Inspection threw (no)>],\n  c: [Getter] { x: 1 }\n}"},
		{"colors", `{ a: 1, s: 'x', n: null, u: undefined, d: new Date(0), r: /x/, sym: Symbol('s') }`, `{ colors: true }`,
			"{\n  a: \x1b[33m1\x1b[39m,\n  s: \x1b[32m'x'\x1b[39m,\n  n: \x1b[1mnull\x1b[22m,\n  u: \x1b[90mundefined\x1b[39m,\n  d: \x1b[35m1970-01-01T00:00:00.000Z\x1b[39m,\n  r: \x1b[31m/x/\x1b[39m,\n  sym: \x1b[32mSymbol(s)\x1b[39m\n}"},
		{"showHidden", `[1]`, `{ showHidden: true }`, "[ 1, [length]: 1 ]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, inspectJS(t, tc.expr, tc.opts))
		})
	}
}

func TestInspectStrings(t *testing.T) {
	assert.Equal(t, `'plain'`, inspStrEscape("plain"))
	assert.Equal(t, `"it's"`, inspStrEscape("it's"))
	assert.Equal(t, "`it's \"x\"`", inspStrEscape(`it's "x"`))
	assert.Equal(t, `'it\'s "x" ${y}'`, inspStrEscape(`it's "x" ${y}`))
	assert.Equal(t, `'\n\t\x01\x7F\x85\\'`, inspStrEscape("\n\t\x01\x7f\u0085\\"))
	assert.Equal(t, "[ '\\ud800', 'a\\udc00b', '😀' ]", inspectJS(t, `['\ud800', 'a\udc00b', '\ud83d\ude00']`, ""))
	assert.Equal(t, 3, inspUtf16Len("a😀"))
	assert.Equal(t, 4, inspGetStringWidth("漢字", false))
	assert.Equal(t, 1, inspGetStringWidth("e\u0301", false))
	assert.Equal(t, 2, inspGetStringWidth("😀", false))
}

func TestV8Stack(t *testing.T) {
	in := "Error: boom\n\tat thrower (plugin.js:3:11(4))\n\tat plugin.js:5:3(12)\n\tat parse (native)\n\tat native\n"
	want := "Error: boom\n    at thrower (plugin.js:3:11)\n    at plugin.js:5:3\n    at parse (<anonymous>)\n    at <anonymous>"
	assert.Equal(t, want, inspV8Stack(in))
	assert.Equal(t, "Error: x\n    at f (a.js:1:1)", inspV8Stack("Error: x\n    at f (a.js:1:1)"))
}

// consoleLogs runs src in a plugin's processEvent and returns what it logged.
func consoleLogs(t *testing.T, src string) []string {
	t.Helper()
	var logs []string
	in := newInstance(t, "plugin.js", `
function thrower() {
    throw new Error('thrown')
}
export function processEvent(event) {
`+src+`
    return event
}`, Options{Log: func(_, msg string) { logs = append(logs, msg) }})
	_, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e","properties":{"a":1}}`))
	require.NoError(t, err)
	return logs
}

func TestConsoleLogThrownError(t *testing.T) {
	logs := consoleLogs(t, `try { thrower() } catch (e) { console.log(e); console.log({ e }) }`)
	require.Len(t, logs, 2)
	assert.Regexp(t, `^Error: thrown\n    at thrower \(plugin\.js:3:\d+\)\n    at processEvent \(plugin\.js:6:\d+\)`, logs[0])
	assert.Regexp(t, `^\{\n  e: Error: thrown\n      at thrower \(plugin\.js:3:\d+\)\n`, logs[1])
}

func TestConsoleLogDoesNotRunGettersOrTraps(t *testing.T) {
	logs := consoleLogs(t, `
    let calls = 0
    const o = { get a() { calls++; return 1 } }
    const p = new Proxy({ x: 1 }, { get() { calls++ }, ownKeys() { calls++; return [] }, getOwnPropertyDescriptor() { calls++ } })
    console.log(o, p, [p], { p })
    console.log(calls)`)
	assert.Equal(t, []string{"{ a: [Getter] } { x: 1 } [ { x: 1 } ] { p: { x: 1 } }", "0"}, logs)
}

func TestConsoleLogEvent(t *testing.T) {
	logs := consoleLogs(t, `console.log(event)`)
	assert.Equal(t, []string{"{ event: 'e', properties: { a: 1 } }"}, logs)
}

func TestConsoleLogExceptions(t *testing.T) {
	// Node lets exceptions of the code it runs propagate: a custom inspect function, a
	// toString used by %s.
	logs := consoleLogs(t, `
    const bad = { [Symbol.for('nodejs.util.inspect.custom')]() { throw new Error('custom') } }
    try { console.log(bad) } catch (e) { console.log('caught', e.message) }
    try { console.log('%s', { toString() { throw new Error('str') } }) } catch (e) { console.log('caught', e.message) }`)
	assert.Equal(t, []string{"caught custom", "caught str"}, logs)
}

func TestConsoleLogInterrupted(t *testing.T) {
	p, err := Compile("plugin.js", []byte(`export function processEvent(event) {
    const slow = { [Symbol.for('nodejs.util.inspect.custom')]() { for (;;) {} } }
    try { console.log(slow) } catch (e) { return event }
    return event
}`))
	require.NoError(t, err)
	in, err := New(context.Background(), p, Options{Timeout: 50_000_000})
	require.NoError(t, err)
	_, err = in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e","properties":{}}`))
	require.ErrorIs(t, err, context.DeadlineExceeded)
}
