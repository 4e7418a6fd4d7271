package vm

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

func runEvent(t *testing.T, src string, opts Options) (map[string]any, error) {
	t.Helper()
	in := newInstance(t, "index.js", src, opts)
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e","properties":{}}`))
	if err != nil {
		return nil, err
	}
	b, err := ojson.Marshal(res.Value)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out))
	return out["properties"].(map[string]any), nil
}

func TestTimersOrderAndSleep(t *testing.T) {
	props, err := runEvent(t, `
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
export async function processEvent(e) {
    const order = []
    setTimeout(() => order.push('t20'), 20)
    setTimeout((a, b) => order.push('t0:' + a + b), 0, 'x', 'y')
    setImmediate(() => order.push('immediate'))
    queueMicrotask(() => order.push('micro'))
    Promise.resolve().then(() => order.push('then'))
    const cancelled = setTimeout(() => order.push('cancelled'), 5)
    clearTimeout(cancelled)
    let n = 0
    const iv = setInterval(() => { order.push('iv' + ++n); if (n === 3) clearInterval(iv) }, 1)
    await sleep(40)
    e.properties.order = order.join(',')
    e.properties.id = typeof (+setTimeout(() => {}, 0))
    return e
}`, Options{Timeout: 5 * time.Second})
	require.NoError(t, err)
	assert.Equal(t, "number", props["id"])
	order := strings.Split(props["order"].(string), ",")
	assert.Equal(t, []string{"micro", "then", "immediate"}, order[:3])
	assert.NotContains(t, order, "cancelled")
	assert.Subset(t, order, []string{"t0:xy", "t20", "iv1", "iv2", "iv3"})
	assert.NotContains(t, order, "iv4")
	assert.Less(t, indexOf(order, "t0:xy"), indexOf(order, "t20"))
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func TestUnawaitedTimeoutRunsBeforeCallEnds(t *testing.T) {
	var logs []string
	in := newInstance(t, "index.js", `
export function processEvent(e, meta) {
    setTimeout(() => { meta.global.fired = (meta.global.fired || 0) + 1 }, 10)
    setInterval(() => {}, 1000)
    return e
}
export function onEvent(e, meta) { if (!meta.global.fired) throw new Error('timeout did not run') }`,
		Options{Timeout: 2 * time.Second, Log: func(level, msg string) { logs = append(logs, level+": "+msg) }})
	_, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e"}`))
	require.NoError(t, err)
	_, err = in.CallEvent(context.Background(), "onEvent", event(t, `{"event":"e"}`))
	require.NoError(t, err)
	require.Len(t, logs, 1)
	assert.Contains(t, logs[0], "warn: plugchain: cancelled 0 timeout(s) and 1 interval(s)")
}

func TestTimeoutAfterDeadlineIsCancelled(t *testing.T) {
	var logs []string
	in := newInstance(t, "index.js", `
export function processEvent(e, meta) {
    setTimeout(() => { meta.global.fired = true }, 60000)
    return e
}
export function onEvent(e, meta) { if (meta.global.fired) throw new Error('fired') }`,
		Options{Timeout: time.Second, Log: func(level, msg string) { logs = append(logs, msg) }})
	_, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e"}`))
	require.NoError(t, err)
	require.Len(t, logs, 1)
	assert.Contains(t, logs[0], "cancelled 1 timeout(s) and 0 interval(s)")
	_, err = in.CallEvent(context.Background(), "onEvent", event(t, `{"event":"e"}`))
	require.NoError(t, err)
}

func TestTimerCallbackThrowFailsCall(t *testing.T) {
	for name, src := range map[string]string{
		"timeout":   `export async function processEvent(e) { setTimeout(() => { throw new TypeError('boom') }, 1); await new Promise(r => setTimeout(r, 20)); return e }`,
		"microtask": `export function processEvent(e) { queueMicrotask(() => { throw new TypeError('boom') }); return e }`,
		"unawaited": `export function processEvent(e) { setTimeout(() => { throw new TypeError('boom') }, 1); return e }`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := runEvent(t, src, Options{Timeout: 2 * time.Second})
			var se *ScriptError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, "TypeError", se.Name)
			assert.Equal(t, "boom", se.Message)
		})
	}
}

func TestIntervalUntilDeadline(t *testing.T) {
	_, err := runEvent(t, `export async function processEvent(e) { setInterval(() => {}, 5); await new Promise(() => {}) }`, Options{Timeout: 100 * time.Millisecond})
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestTimerArgumentErrors(t *testing.T) {
	props, err := runEvent(t, `
export function processEvent(e) {
    try { setTimeout('x') } catch (err) { e.properties.msg = err.name + ' ' + err.code + ': ' + err.message }
    clearTimeout(undefined); clearTimeout(12345); clearTimeout({})
    return e
}`, Options{})
	require.NoError(t, err)
	assert.Equal(t, `TypeError ERR_INVALID_ARG_TYPE: The "callback" argument must be of type function. Received type string ('x')`, props["msg"])
}

func TestUnrefTimers(t *testing.T) {
	var logs []string
	in := newInstance(t, "index.js", `
export function processEvent(e, meta) {
    meta.global.t = setTimeout(() => { meta.global.fired = true }, 30000).unref()
    e.properties.hasRef = meta.global.t.hasRef()
    const kept = setTimeout(() => { e.properties.kept = true }, 5)
    kept.unref(); kept.ref()
    e.properties.refAgain = kept.hasRef()
    const refreshed = setTimeout(() => { e.properties.refreshed = true }, 10)
    refreshed.refresh()
    return e
}`, Options{Timeout: 5 * time.Second, Log: func(level, msg string) { logs = append(logs, msg) }})
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	b, _ := ojson.Marshal(res.Value)
	assert.JSONEq(t, `{"event":"e","properties":{"hasRef":false,"refAgain":true,"kept":true,"refreshed":true}}`, string(b))
	assert.Empty(t, logs, "an unref'd timer is cancelled silently")
}

func TestInterruptedAsyncCallBreaksInstance(t *testing.T) {
	src := `export async function processEvent(e) { if (e.properties.hang) for (;;) {} await null; return e }
export function onEvent(e) { if (e.properties.hang) for (;;) {} }`
	in := newInstance(t, "index.js", src, Options{Timeout: 100 * time.Millisecond})
	_, err := in.CallEvent(context.Background(), "onEvent", event(t, `{"event":"e","properties":{"hang":true}}`))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, in.Broken(), "an interrupted plain function leaves the runtime usable")
	_, err = in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)

	_, err = in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e","properties":{"hang":true}}`))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.True(t, in.Broken(), "goja stops running promise jobs after an interrupt inside an async function")
}
