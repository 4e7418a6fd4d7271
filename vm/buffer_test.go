package vm

import (
	"context"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// runJS calls processEvent with ev and returns the out property it set.
func runJS(t *testing.T, in *Instance, ev string) any {
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, ev))
	require.NoError(t, err)
	props, _ := res.Value.(*ojson.Object).Get("properties")
	out, _ := props.(*ojson.Object).Get("out")
	return out
}

func TestNewBufferIsABufferSharingMemory(t *testing.T) {
	in := newInstance(t, "index.js", `exports.processEvent = (e) => e`, Options{})
	b := []byte("hi!")
	v := in.newBuffer(b)
	obj := v.(*goja.Object)
	isBuffer, _ := goja.AssertFunction(in.rt.Get("Buffer").(*goja.Object).Get("isBuffer"))
	res, err := isBuffer(goja.Undefined(), v)
	require.NoError(t, err)
	assert.True(t, res.ToBoolean())
	assert.True(t, obj.Get("length").ToInteger() == 3)

	// The Buffer views b: writes from either side are seen by the other.
	require.NoError(t, obj.Set("0", 0x48))
	assert.Equal(t, "Hi!", string(b))
	b[1] = 'o'
	toString, _ := goja.AssertFunction(obj.Get("toString"))
	s, err := toString(obj)
	require.NoError(t, err)
	assert.Equal(t, "Ho!", s.String())

	got, ok := in.bytesOf(v)
	require.True(t, ok)
	assert.Equal(t, &b[0], &got[0])
}

func TestNewBufferBeforeAndAfterPluginReplacesGlobal(t *testing.T) {
	// A plugin replacing the Buffer global (a bundled polyfill) must not change what host
	// values become.
	in := newInstance(t, "index.js", `globalThis.Buffer = function Fake() {}
exports.processEvent = (e) => e`, Options{})
	v := in.newBuffer([]byte{1, 2})
	b, ok := in.bytesOf(v)
	require.True(t, ok)
	assert.Equal(t, []byte{1, 2}, b)
	assert.Equal(t, "Buffer", v.(*goja.Object).Get("constructor").(*goja.Object).Get("name").String())
}

func TestBytesOf(t *testing.T) {
	in := newInstance(t, "index.js", `exports.processEvent = (e) => e`, Options{})
	cases := map[string]struct {
		want []byte
		ok   bool
	}{
		`Buffer.from('abc')`:                                   {[]byte("abc"), true},
		`new Uint8Array([1, 2, 3]).subarray(1)`:                {[]byte{2, 3}, true},
		`new Uint16Array([0x0201])`:                            {[]byte{1, 2}, true},
		`new Uint8ClampedArray([300])`:                         {[]byte{255}, true},
		`new DataView(new Uint8Array([5, 6, 7]).buffer, 1, 1)`: {[]byte{6}, true},
		`new Uint8Array([9, 8]).buffer`:                        {[]byte{9, 8}, true},
		`[1, 2]`:                                               {nil, false},
		`'abc'`:                                                {nil, false},
		`({ length: 2, 0: 1, 1: 2 })`:                          {nil, false},
		`({ [Symbol.toStringTag]: 'DataView' })`:               {nil, false},
	}
	for src, c := range cases {
		v, err := in.rt.RunString(src)
		require.NoError(t, err, src)
		b, ok := in.bytesOf(v)
		assert.Equal(t, c.ok, ok, src)
		if c.ok {
			assert.Equal(t, c.want, b, src)
		}
	}
}

func TestAttachmentsAreBuffers(t *testing.T) {
	in := newInstance(t, "index.js", `exports.processEvent = (e, { attachments }) => {
	const c = attachments.file.contents
	e.properties.out = [Buffer.isBuffer(c), c instanceof Uint8Array, c.toString(), c.toString('base64'), JSON.stringify(c.subarray(0, 2))].join('|')
	return e
}`, Options{Meta: Members{{"attachments", Members{{"file", Members{{"contents", Bytes("hello")}}}}}}})
	assert.Equal(t, `true|true|hello|aGVsbG8=|{"type":"Buffer","data":[104,101]}`, runJS(t, in, `{"event":"x","properties":{}}`))
}

func TestBytesToJSCopies(t *testing.T) {
	in := newInstance(t, "index.js", `exports.processEvent = (e) => e`, Options{})
	src := Bytes("abc")
	v := src.toJS(in)
	b, _ := in.bytesOf(v)
	b[0] = 'z'
	assert.Equal(t, Bytes("abc"), src)
}

func TestBufferBuiltLazily(t *testing.T) {
	in := newInstance(t, "index.js", `exports.processEvent = (e) => e`, Options{})
	_, built := in.modules[bufferRealmModule]
	assert.False(t, built, "an instance that never used Buffer must not have built it")
	in.newBuffer(nil)
	_, built = in.modules[bufferRealmModule]
	assert.True(t, built)
}

// benchInstance is an instance of a plugin that does nothing, for benchmarks.
func benchInstance(b *testing.B) *Instance {
	p, err := Compile("index.js", []byte(`exports.processEvent = (e) => e`))
	require.NoError(b, err)
	in, err := New(context.Background(), p, Options{})
	require.NoError(b, err)
	return in
}

func BenchmarkBufferFromStringToBase64(b *testing.B) {
	in := benchInstance(b)
	fn, err := in.rt.RunString(`(s) => Buffer.from(s).toString('base64')`)
	require.NoError(b, err)
	f, _ := goja.AssertFunction(fn)
	arg := in.rt.ToValue("user@example.com:some-secret-token")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := f(goja.Undefined(), arg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBufferHexRoundTrip(b *testing.B) {
	in := benchInstance(b)
	fn, err := in.rt.RunString(`(s) => Buffer.from(Buffer.from(s, 'hex').toString('hex'), 'hex').length`)
	require.NoError(b, err)
	f, _ := goja.AssertFunction(fn)
	arg := in.rt.ToValue("0123456789abcdef0123456789abcdef0123456789abcdef")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := f(goja.Undefined(), arg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewBuffer(b *testing.B) {
	in := benchInstance(b)
	data := make([]byte, 32)
	in.newBuffer(data)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		in.newBuffer(data)
	}
}

func BenchmarkBufferRealmBuild(b *testing.B) {
	p, err := Compile("index.js", []byte(`exports.processEvent = (e) => e`))
	require.NoError(b, err)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		in, err := New(context.Background(), p, Options{})
		if err != nil {
			b.Fatal(err)
		}
		in.newBuffer(nil)
	}
}

func TestBufferAllocationCap(t *testing.T) {
	in := newInstance(t, "index.js", `export function processEvent(e) {
    const out = []
    for (const f of [() => Buffer.alloc(3e9), () => Buffer.allocUnsafe(2 ** 28 + 1), () => Buffer.allocUnsafeSlow(1e9)]) {
        try { f(); out.push('allocated') } catch (err) { out.push(err.name + ' ' + err.code + ': ' + err.message) }
    }
    out.push(Buffer.alloc(2 ** 20).length)
    e.properties.out = out
    return e
}`, Options{})
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	b, _ := ojson.Marshal(res.Value)
	assert.JSONEq(t, `{"event":"e","properties":{"out":[
		"RangeError undefined: Array buffer allocation failed: 3000000000 bytes is over plugchain's limit of 268435456",
		"RangeError undefined: Array buffer allocation failed: 268435457 bytes is over plugchain's limit of 268435456",
		"RangeError undefined: Array buffer allocation failed: 1000000000 bytes is over plugchain's limit of 268435456",
		1048576]}}`, string(b))
}
