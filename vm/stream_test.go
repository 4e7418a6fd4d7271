package vm

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStreamAcrossCalls(t *testing.T) {
	// A stream made in one call keeps working in later calls: its ticks run in each.
	p, err := Compile("index.js", []byte(`
		const { PassThrough } = require('stream')
		const s = new PassThrough()
		const seen = []
		s.on('data', (c) => seen.push(c.toString()))
		export async function processEvent(e) {
			s.write(e.properties.v)
			await new Promise((resolve) => setTimeout(resolve, 1))
			e.properties.out = seen.join(',')
			return e
		}`))
	require.NoError(t, err)
	in, err := New(context.Background(), p, Options{Timeout: 5 * time.Second})
	require.NoError(t, err)
	for i, want := range []string{"a", "a,b", "a,b,c"} {
		v := string(rune('a' + i))
		res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{"v":"`+v+`"}}`))
		require.NoError(t, err)
		assert.Contains(t, string(mustMarshalJSON(t, res.Value)), `"out":"`+want+`"`)
	}
}

func TestStreamTicksSurviveAnInterruptedCall(t *testing.T) {
	// The first call is interrupted with a tick operation in flight, which then never
	// completes; the second call's ticks must still run.
	p, err := Compile("index.js", []byte(`
		const { PassThrough } = require('stream')
		export function processEvent(e) {
			const s = new PassThrough()
			const got = []
			s.on('data', (c) => got.push(c.toString()))
			s.end('x')
			if (e.properties.hang) for (;;) {}
			return (async () => {
				await new Promise((resolve) => s.on('end', resolve))
				e.properties.out = got.join('')
				return e
			})()
		}`))
	require.NoError(t, err)
	in, err := New(context.Background(), p, Options{Timeout: 100 * time.Millisecond})
	require.NoError(t, err)
	_, err = in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{"hang":true}}`))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
	require.NoError(t, err)
	assert.Contains(t, string(mustMarshalJSON(t, res.Value)), `"out":"x"`)
}

func TestStreamUnhandledErrorFailsCall(t *testing.T) {
	_, err := evalModuleBody(t, `
		const { Readable } = require('stream')
		new Readable({ read() {} }).destroy(new Error('nobody listens'))
		await new Promise((resolve) => setTimeout(resolve, 20))
		return 1`, Options{Timeout: 5 * time.Second})
	require.Error(t, err)
	var se *ScriptError
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, "nobody listens", se.Message)
}

func TestPluginContribCreateBuffer(t *testing.T) {
	got := mustEvalBody(t, `
		const { createBuffer } = require('@posthog/plugin-contrib')
		const flushes = []
		const buffer = createBuffer({ limit: 3, timeoutSeconds: 0.02, onFlush: async (batch, points) => { flushes.push([batch, points]) } })
		buffer.add('a')
		buffer.add('b', 2)
		buffer.add('c')      // over the limit: flushes a, b first
		buffer.add('big', 5) // alone over the limit: flushed at once
		await new Promise((resolve) => setTimeout(resolve, 60)) // the timeout flushes c
		buffer.add('d')
		await buffer.flush()
		await buffer.flush()  // nothing left
		return [flushes, buffer._timeout, Object.keys(buffer), Object.keys(require('@posthog/plugin-contrib'))]`)
	assert.Equal(t, `[[[["a","b"],3],[["c"],1],[["big"],5],[["d"],1]],null,["_buffer","_timeout","_points","_options","add","flush"],["createBuffer"]]`, got)
}

func TestPluginContribTimeoutLostWithItsCall(t *testing.T) {
	// The flush timeout (50 ms) outlives the calls (30 ms deadline), so each call ends
	// without it; the next add after it was due flushes, and one before sets it again.
	p, err := Compile("index.js", []byte(`
		import { createBuffer } from '@posthog/plugin-contrib'
		const flushed = []
		const buffer = createBuffer({ limit: 100, timeoutSeconds: 0.05, onFlush: (batch) => { flushed.push(batch.join('')) } })
		export function processEvent(e) {
			buffer.add(e.properties.v)
			e.properties.out = flushed.join('|')
			return e
		}`))
	require.NoError(t, err)
	in, err := New(context.Background(), p, Options{Timeout: 30 * time.Millisecond})
	require.NoError(t, err)
	call := func(v string) string {
		res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{"v":"`+v+`"}}`))
		require.NoError(t, err)
		return string(mustMarshalJSON(t, res.Value))
	}
	assert.Contains(t, call("a"), `"out":""`)
	assert.Contains(t, call("b"), `"out":""`)
	time.Sleep(80 * time.Millisecond)
	assert.Contains(t, call("c"), `"out":"ab"`)
	time.Sleep(80 * time.Millisecond)
	assert.Contains(t, call("d"), `"out":"ab|c"`)
}

// An interrupt that lands while runTicks runs (a stream listener loops) must not leave
// the tick queue unable to schedule itself in later calls.
func TestStreamTicksSurviveAnInterruptInsideATick(t *testing.T) {
	p, err := Compile("index.js", []byte(`
		const { PassThrough } = require('stream')
		export async function processEvent(e) {
			const s = new PassThrough()
			s.on('close', () => { if (e.properties.hang) for (;;) {} })
			const got = []
			s.on('data', (c) => got.push(c.toString()))
			if (e.properties.hang) { s.destroy(); await new Promise(() => {}) }
			s.end('x')
			await new Promise((resolve) => s.on('end', resolve))
			e.properties.out = got.join('')
			return e
		}`))
	require.NoError(t, err)
	in, err := New(context.Background(), p, Options{Timeout: 200 * time.Millisecond})
	require.NoError(t, err)
	_, err = in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{"hang":true}}`))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	for i := 0; i < 3; i++ {
		_, err = in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
		require.NoError(t, err, "later call %d, whose stream needs ticks", i)
	}
}

// Ticks left queued when a call fails run in a later, unrelated call and can fail it.
func TestStreamTicksOfAFailedCallDoNotReachTheNext(t *testing.T) {
	p, err := Compile("index.js", []byte(`
		const { PassThrough } = require('stream')
		export async function processEvent(e) {
			if (e.properties.first) {
				const a = new PassThrough(), b = new PassThrough()
				a.destroy(new Error('from call 1 (a)'))
				b.destroy(new Error('from call 1 (b)'))
				await new Promise((r) => setTimeout(r, 5))
				return e
			}
			const s = new PassThrough()
			s.on('data', () => {})
			s.end('x')
			await new Promise((resolve) => s.on('end', resolve))
			return e
		}`))
	require.NoError(t, err)
	in, err := New(context.Background(), p, Options{Timeout: 2 * time.Second})
	require.NoError(t, err)
	_, err = in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{"first":true}}`))
	require.Error(t, err)
	_, err = in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
	require.NoError(t, err, "call 2 must not fail with call 1's stream error")
}
