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
// (a goja upgrade that moves it shows here), that a call needing more stack still works, and
// that nothing a call pushed stays on the stack afterwards.
func TestInstanceLendsItsStack(t *testing.T) {
	in := newInstance(t, "index.js", `
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1) }
export function processEvent(e) {
    e.properties.depth = depth(e.properties.n)
    return e
}`, Options{})
	require.NotNil(t, in.stack, "goja's value stack was not found: calls allocate a new one each time")
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
// the values of its call in later calls, as on a stack goja drops: code that names Proxy
// gets no lent stack.
func TestProxyArgumentsKeepTheirValues(t *testing.T) {
	in := newInstance(t, "index.js", `
let saved
const spy = new Proxy(function () {}, { apply(t, th, args) { saved = args; return 0 } })
function overwrite() { const a = 1, b = 2, c = 3; return a + b + c }
export function processEvent(e) {
    if (saved === undefined) { spy(e.properties.secret, "a", "b"); return e }
    overwrite()
    e.properties.seen = saved.map(String).join("|")
    return e
}`, Options{})
	ctx := context.Background()
	for i, want := range []any{nil, "event-A|a|b", "event-A|a|b"} {
		res, err := in.CallEvent(ctx, "processEvent", event(t, fmt.Sprintf(`{"properties":{"secret":"event-%c"}}`, 'A'+i)))
		require.NoError(t, err)
		props, _ := res.Value.(*ojson.Object).GetObject("properties")
		seen, _ := props.Get("seen")
		assert.Equal(t, want, seen, "call %d", i)
	}
	assert.Nil(t, in.stackBuf, "code naming Proxy was lent a stack")
}
