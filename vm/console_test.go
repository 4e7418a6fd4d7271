package vm

import (
	"context"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"
)

// benchEvent is a typical event a plugin might log.
const benchEvent = `({
	event: '$pageview',
	distinct_id: 'user-1234567890',
	timestamp: '2024-01-02T03:04:05.000Z',
	properties: {
		$current_url: 'https://example.com/products/widget?utm_source=newsletter',
		$browser: 'Chrome', $browser_version: 120, $os: 'Mac OS X', $device_type: 'Desktop',
		$screen_height: 1080, $screen_width: 1920, $lib: 'web', $lib_version: '1.96.1',
		$referrer: 'https://google.com/', $referring_domain: 'google.com',
		tags: ['a', 'b', 'c'], price: 19.99, quantity: 2, in_stock: true,
		$set: { email: 'someone@example.com', plan: 'pro' },
	},
})`

func benchConsole(b *testing.B, src string, args func(rt *goja.Runtime, v goja.Value) []goja.Value) {
	p, err := Compile("bench.js", []byte(`module.exports = {}`))
	require.NoError(b, err)
	n := 0
	in, err := New(context.Background(), p, Options{Log: func(_, msg string) { n += len(msg) }})
	require.NoError(b, err)
	v, err := in.rt.RunString(src)
	require.NoError(b, err)
	log, ok := goja.AssertFunction(in.rt.Get("console").(*goja.Object).Get("log"))
	require.True(b, ok)
	a := args(in.rt, v)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := log(goja.Undefined(), a...); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConsoleLogString(b *testing.B) {
	benchConsole(b, "'processing event abc for team 2'", func(_ *goja.Runtime, v goja.Value) []goja.Value {
		return []goja.Value{v}
	})
}

func BenchmarkConsoleLogFormat(b *testing.B) {
	benchConsole(b, "42", func(rt *goja.Runtime, v goja.Value) []goja.Value {
		return []goja.Value{rt.ToValue("event %s took %d ms"), rt.ToValue("$pageview"), v}
	})
}

func BenchmarkConsoleLogObject(b *testing.B) {
	benchConsole(b, benchEvent, func(rt *goja.Runtime, v goja.Value) []goja.Value {
		return []goja.Value{rt.ToValue("event"), v}
	})
}

func BenchmarkConsoleLogArray(b *testing.B) {
	benchConsole(b, "Array.from({ length: 100 }, (_, i) => i * 3)", func(_ *goja.Runtime, v goja.Value) []goja.Value {
		return []goja.Value{v}
	})
}
