package vm

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// TestInstanceLendsItsStack checks that goja runs calls on the instance's own value stack
// (a goja upgrade that moves it, or the other internals the fast paths read, shows here), that a call needing more stack still works, and
// that nothing a call pushed stays on the stack afterwards.
func TestInstanceLendsItsStack(t *testing.T) {
	in := newInstance(t, "index.js", `
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1) }
export function processEvent(e) {
    console.log('event', e, [1, {a: new Map([[1, 2]])}]) // inspecting values makes no Proxy
    e.properties.depth = depth(e.properties.n)
    return e
}`, Options{})
	require.NotNil(t, in.stack, "goja's value stack was not found: calls allocate a new one each time")
	require.NotNil(t, in.objectProtoOwn, "Object.prototype's properties were not found: every conversion looks up toJSON")
	require.NotNil(t, in.arrayProtoOwn, "Array.prototype's properties were not found: no level is shared")
	require.NotNil(t, in.proxyCtor, "goja's Proxy constructor was not found: no stack is lent")
	for _, n := range []int{1, 1, 500, 2} {
		res, err := in.CallEvent(context.Background(), "processEvent", event(t, fmt.Sprintf(`{"event":"e","properties":{"n":%d}}`, n)))
		require.NoError(t, err)
		props, _ := res.Value.(*ojson.Object).GetObject("properties")
		depth, _ := props.Get("depth")
		assert.Equal(t, float64(n), depth)
		for i, v := range in.stackBuf {
			require.Nil(t, v, "slot %d kept a value after the call", i)
		}
	}
	require.Len(t, in.stackBuf, stackSlots, "the calls did not run on the instance's stack")
}

// TestProxyArgumentsKeepTheirValues checks that an argument list a Proxy trap kept keeps
// the values of its call in later calls, as on a stack goja drops: once an instance has a
// Proxy, however its code reached the constructor, it lends no stack and no argument slice,
// and the stack of the call that made the first one is left to it.
func TestProxyArgumentsKeepTheirValues(t *testing.T) {
	in := newInstance(t, "index.js", `
let saved
function overwrite() { const a = 1, b = 2, c = 3; return a + b + c }
export function processEvent(e) {
    if (e.properties.secret === "event-A") return e // a first call, on the lent stack
    if (saved === undefined) {
        const P = globalThis[['Pro', 'xy'].join('')]
        const spy = new P(function () {}, { apply(t, th, args) { saved = args; return 0 } })
        spy(e.properties.secret, "a", "b")
        return e
    }
    overwrite()
    e.properties.seen = saved.map(String).join("|")
    return e
}`, Options{})
	ctx := context.Background()
	for i, want := range []any{nil, nil, "event-B|a|b", "event-B|a|b"} {
		res, err := in.CallEvent(ctx, "processEvent", event(t, fmt.Sprintf(`{"properties":{"secret":"event-%c"}}`, 'A'+i)))
		require.NoError(t, err)
		props, _ := res.Value.(*ojson.Object).GetObject("properties")
		seen, _ := props.Get("seen")
		assert.Equal(t, want, seen, "call %d", i)
		if i == 0 {
			require.NotNil(t, in.stackBuf, "the first calls ran on the instance's stack")
		}
	}
	assert.Nil(t, in.stackBuf, "an instance with proxies kept its stack")
}

// TestProxyEventFunctionKeepsItsArguments checks that a processEvent that is itself a Proxy
// gets an argument list of its own in each call.
func TestProxyEventFunctionKeepsItsArguments(t *testing.T) {
	in := newInstance(t, "index.js", `
let kept
export const processEvent = new Proxy(function () {}, {
    apply(target, self, args) {
        const prev = kept
        kept = args
        const e = args[0]
        e.properties.prev = prev ? String(prev[0] && prev[0].event) : "none"
        return e
    },
})`, Options{})
	for _, c := range []struct{ in, want string }{
		{`{"event":"a","properties":{}}`, `{"event":"a","properties":{"prev":"none"}}`},
		{`{"event":"b","properties":{}}`, `{"event":"b","properties":{"prev":"a"}}`},
		{`{"event":"c","properties":{}}`, `{"event":"c","properties":{"prev":"b"}}`},
	} {
		res, err := in.CallEvent(context.Background(), "processEvent", event(t, c.in))
		require.NoError(t, err)
		got, err := ojson.Marshal(res.Value)
		require.NoError(t, err)
		assert.Equal(t, c.want, string(got))
	}
}
