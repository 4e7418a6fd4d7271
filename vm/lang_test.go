package vm

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// benchJSONArray is a larger JSON text: an array of event-like objects with non-ASCII text.
var benchJSONArray = "[" + strings.Repeat(benchEventJSON+",", 49) + benchEventJSON + "]"

func benchParse(b *testing.B, lang bool, text string) {
	in := &Instance{rt: goja.New()}
	if lang {
		in.installLang()
	}
	parse, _ := goja.AssertFunction(in.rt.Get("JSON").(*goja.Object).Get("parse"))
	arg := in.rt.ToValue(text)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		if _, err := parse(goja.Undefined(), arg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONParseGoja(b *testing.B)      { benchParse(b, false, benchEventJSON) }
func BenchmarkJSONParseLang(b *testing.B)      { benchParse(b, true, benchEventJSON) }
func BenchmarkJSONParseGojaArray(b *testing.B) { benchParse(b, false, benchJSONArray) }
func BenchmarkJSONParseLangArray(b *testing.B) { benchParse(b, true, benchJSONArray) }
func BenchmarkJSONParseLangUnicode(b *testing.B) {
	benchParse(b, true, strings.ReplaceAll(benchJSONArray, "Acme", "Ácmé"))
}
func BenchmarkJSONParseGojaUnicode(b *testing.B) {
	benchParse(b, false, strings.ReplaceAll(benchJSONArray, "Acme", "Ácmé"))
}

// BenchmarkRuntimeBare and BenchmarkRuntimeLang measure what installLang adds to creating
// a runtime.
func BenchmarkRuntimeBare(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		in := &Instance{rt: goja.New()}
		_ = in
	}
}

func BenchmarkRuntimeLang(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		in := &Instance{rt: goja.New()}
		in.installLang()
	}
}

// langEval runs src as a plugin's processEvent body in an instance with installLang and
// returns what it returns, described by the compat harness.
func langEval(t *testing.T, body string) string {
	t.Helper()
	harness, err := os.ReadFile(filepath.Join(compatDir, "harness.js"))
	require.NoError(t, err)
	src := string(harness) + `
module.exports = {
    async processEvent(event) {
        event.properties.out = await __run(async () => {
` + body + `
        })
        return event
    },
}
`
	p, err := Compile("lang.js", []byte(src))
	require.NoError(t, err)
	in, err := New(context.Background(), p, Options{Timeout: time.Minute})
	require.NoError(t, err)
	ev, err := ojson.ParseObject([]byte(`{"event":"x","properties":{}}`))
	require.NoError(t, err)
	r, err := in.CallEvent(context.Background(), "processEvent", ev)
	require.NoError(t, err)
	props, _ := r.Value.(*ojson.Object).Get("properties")
	out, _ := props.(*ojson.Object).Get("out")
	return out.(string)
}

func TestJSONParseDeepNestingIsIterative(t *testing.T) {
	// Far deeper than goja's call stack limit or a recursive parser's comfort.
	out := langEval(t, `const n = 200000
let v = JSON.parse('['.repeat(n) + ']'.repeat(n))
let depth = 0
while (Array.isArray(v) && v.length) { v = v[0]; depth++ }
return depth`)
	assert.Equal(t, "199999", out)
}

func TestJSONParseReviverDepthLimit(t *testing.T) {
	out := langEval(t, `const n = 20000
return JSON.parse('['.repeat(n) + ']'.repeat(n), (k, v) => v)`)
	assert.Equal(t, "throws Error<RangeError> RangeError: Maximum call stack size exceeded", out)
}

func TestJSONParseLoneSurrogateKey(t *testing.T) {
	out := langEval(t, `const o = JSON.parse('{"a\\ud800": 1, "\\ud83d\\ude00": 2}')
const keys = Object.keys(o)
return [keys.length, keys[0].length, keys[0].charCodeAt(1), keys[1] === '😀', o[keys[0]]]`)
	assert.Equal(t, "[2, 2, 55296, true, 1]", out)
}

func TestJSONParseErrorPositionsInUTF16(t *testing.T) {
	out := langEval(t, `try { JSON.parse('{"é😀": 1 x}') } catch (e) { return e.message }`)
	assert.Equal(t, `"Expected ',' or '}' after property value in JSON at position 10"`, out)
}

func TestJSONParseResultIsOrdinary(t *testing.T) {
	// Objects are created with Object.prototype even if a plugin changed its setters.
	out := langEval(t, `Object.defineProperty(Object.prototype, 'trap', { set() { throw new Error('setter ran') }, configurable: true })
try {
    const o = JSON.parse('{"trap": 1}')
    return [o.trap, Object.keys(o)]
} finally {
    delete Object.prototype.trap
}`)
	assert.Equal(t, `[1, ["trap"]]`, out)
}

func TestCaptureStackTraceFrames(t *testing.T) {
	out := langEval(t, `function inner() { const o = {}; Error.captureStackTrace(o); return o.stack }
function Outer() { Error.captureStackTrace(this, Outer) }
function make() { return new Outer() }
const lines = inner().split('\n')
const skipped = make().stack.split('\n')
Error.stackTraceLimit = 1
const limited = inner().split('\n')
Error.stackTraceLimit = 10
return [lines[0], /^    at inner \(lang\.js:\d+:\d+\)$/.test(lines[1]), skipped[0], /^    at make /.test(skipped[1]), limited.length]`)
	assert.Equal(t, `["Error", true, "Error", true, 2]`, out)
}

func TestWeakRefHoldsTarget(t *testing.T) {
	out := langEval(t, `const t = {}
const r = new WeakRef(t)
return [r.deref() === t, r instanceof WeakRef, WeakRef.name, (() => { try { WeakRef.prototype.deref.call({}) } catch (e) { return e.constructor.name } })()]`)
	assert.Equal(t, `[true, true, "WeakRef", "TypeError"]`, out)
}
