package vm

import (
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

func newInstance(t testing.TB, file, src string, opts Options) *Instance {
	t.Helper()
	p, err := Compile(file, []byte(src))
	require.NoError(t, err)
	in, err := New(context.Background(), p, opts)
	require.NoError(t, err)
	return in
}

func event(t testing.TB, s string) *ojson.Object {
	t.Helper()
	o, err := ojson.ParseObject([]byte(s))
	require.NoError(t, err)
	return o
}

func TestExportStyles(t *testing.T) {
	cases := []struct{ name, file, src string }{
		{"esm", "index.js", `export function processEvent(e) { e.properties.x = 1; return e }`},
		{"esm default", "index.js", `export default { processEvent(e) { e.properties.x = 1; return e } }`},
		{"typescript", "index.ts", `interface E { properties: Record<string, number> }
export const processEvent = (e: E): E => { e.properties.x = 1 as number; return e }`},
		{"commonjs", "index.js", `module.exports = { processEvent: function (e) { e.properties.x = 1; return e } }`},
		{"exports.x", "index.js", `exports.processEvent = (e) => { e.properties.x = 1; return e }`},
		{"legacy global function", "index.js", `function processEvent(e) { e.properties.x = 1; return e }`},
		{"legacy implicit global", "index.js", `processEvent = function (e) { e.properties.x = 1; return e }`},
		{"sloppy in esm", "index.js", `"use strict"; export function processEvent(e) { undeclared = 1; e.properties.x = undeclared; return e }`},
		{"batch only", "index.js", `export function processEventBatch(es) { return es.map(e => { e.properties.x = 1; return e }) }`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := newInstance(t, tc.file, tc.src, Options{})
			res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"e","properties":{}}`))
			require.NoError(t, err)
			require.True(t, res.Present)
			b, _ := ojson.Marshal(res.Value)
			assert.Equal(t, `{"event":"e","properties":{"x":1}}`, string(b))
		})
	}
}

func TestAsyncHostFunction(t *testing.T) {
	get := AsyncFunc(func(ctx context.Context, args []any) (any, error) {
		time.Sleep(time.Millisecond)
		return args[0].(string) + "!", nil
	})
	in := newInstance(t, "index.js", `export async function processEvent(e, { storage }) {
		e.properties.v = await storage.get("k")
		storage.get("unawaited")
		return e
	}`, Options{Meta: Members{{Key: "storage", Value: map[string]any{"get": get}}}})
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
	require.NoError(t, err)
	b, _ := ojson.Marshal(res.Value)
	assert.Equal(t, `{"properties":{"v":"k!"}}`, string(b))
	assert.Equal(t, 0, in.inflight)
}

// An ImmediateFunc runs before the plugin's next statement and settles its promise with its
// result, its error or its panic.
func TestImmediateHostFunction(t *testing.T) {
	var log []string
	op := ImmediateFunc(func(ctx context.Context, args []any) (any, error) {
		require.NotNil(t, ctx)
		switch x := args[0].(string); x {
		case "fail":
			return nil, &ScriptError{Name: "ReplyError", Message: "ERR no"}
		case "panic":
			panic("boom")
		default:
			log = append(log, x)
			return x + "!", nil
		}
	})
	seen := SyncFunc(func([]any) (any, error) { return float64(len(log)), nil })
	in := newInstance(t, "index.js", `export async function processEvent(e, { cache }) {
		cache.op("first")
		e.properties.ranAtOnce = cache.seen()
		e.properties.v = await cache.op("second")
		e.properties.fail = await cache.op("fail").catch((err) => err.name + ": " + err.message)
		e.properties.panic = await cache.op("panic").catch((err) => err.message)
		e.properties.isPromise = cache.op("third") instanceof Promise
		return e
	}`, Options{Meta: Members{{Key: "cache", Value: map[string]any{"op": op, "seen": seen}}}})
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
	require.NoError(t, err)
	b, _ := ojson.Marshal(res.Value)
	assert.Equal(t, `{"properties":{"ranAtOnce":1,"v":"second!","fail":"ReplyError: ERR no","panic":"internal error: boom","isPromise":true}}`, string(b))
	assert.Equal(t, []string{"first", "second", "third"}, log)
	assert.Equal(t, 0, in.inflight)
}

func TestTimeouts(t *testing.T) {
	cases := map[string]string{
		"infinite loop":          `export function processEvent(e) { for (;;) {} }`,
		"never settling promise": `export function processEvent(e) { return new Promise(() => {}) }`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			in := newInstance(t, "index.js", src+`; export function onEvent(e) { return 1 }`, Options{})
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			_, err := in.CallEvent(ctx, "processEvent", event(t, `{}`))
			require.Error(t, err)
			assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
			v, ok, err := in.Call(context.Background(), "onEvent")
			require.NoError(t, err)
			assert.True(t, ok)
			assert.Equal(t, 1.0, v)
		})
	}
}

func TestThrowKeepsMutations(t *testing.T) {
	in := newInstance(t, "index.js", `export function processEvent(e) { e.properties.a = 1; throw new TypeError("boom") }`, Options{})
	res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
	var se *ScriptError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "TypeError", se.Name)
	assert.Equal(t, "boom", se.Message)
	b, _ := ojson.Marshal(res.Input)
	assert.Equal(t, `{"properties":{"a":1}}`, string(b))
}

func TestBundledOutputs(t *testing.T) {
	bundles := map[string]string{
		"rollup cjs": `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
async function processEvent(event) { event.properties.x = 1; return event }
exports.processEvent = processEvent;
//# sourceMappingURL=index.js.map
`,
		"webpack": `module.exports = (() => {
  "use strict";
  var __webpack_exports__ = {};
  __webpack_exports__.processEvent = function (e) { e.properties.x = 1; return e };
  return __webpack_exports__;
})();`,
		"esbuild esm bundle": `var __defProp = Object.defineProperty;
var __export = (target, all) => { for (var name in all) __defProp(target, name, { get: all[name], enumerable: true }); };
var src_exports = {};
__export(src_exports, { processEvent: () => processEvent });
module.exports = src_exports;
function processEvent(e) { e.properties.x = 1; return e }`,
		"babel default export": `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = void 0;
var _default = { processEvent: (e) => { e.properties.x = 1; return e } };
exports.default = _default;`,
	}
	for name, src := range bundles {
		t.Run(name, func(t *testing.T) {
			in := newInstance(t, "dist/index.js", src, Options{})
			res, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
			require.NoError(t, err)
			b, _ := ojson.Marshal(res.Value)
			assert.Equal(t, `{"properties":{"x":1}}`, string(b))
		})
	}
}

func TestRuntimeErrorStackPointsAtSource(t *testing.T) {
	in := newInstance(t, "plugins/x/index.ts", "interface E { properties: any }\n\nexport function processEvent(e: E) {\n  const n: number = 1\n  return (e as any).missing.field\n}\n", Options{})
	_, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
	var se *ScriptError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "TypeError", se.Name)
	assert.Contains(t, se.Stack, "plugins/x/index.ts:5:")
}

// TestHostileCode checks that plugin code designed to trip up the host ends in an error
// rather than a crash or a hang.
func TestHostileCode(t *testing.T) {
	cases := []struct {
		name, src string
		wantLoad  string // error from New, if any
		wantCall  string // error from calling processEvent
	}{
		{name: "export getter throws", wantLoad: "Error: no",
			src: `Object.defineProperty(exports, "processEvent", { get() { throw new Error("no") }, enumerable: true })`},
		{name: "top-level return keeps earlier exports",
			src: `exports.processEvent = (e) => e; return; exports.processEvent = null`},
		{name: "thrown object whose toJSON loops", wantCall: "[object Object]",
			src: `export function processEvent(e) { throw { toJSON() { for (;;) {} } } }`},
		{name: "event whose toJSON loops, then a throw", wantCall: "Error: after",
			src: `export function processEvent(e) { e.properties.x = { toJSON() { for (;;) {} } }; throw new Error("after") }`},
		{name: "error whose name getter throws", wantCall: "m",
			src: `export function processEvent(e) { const err = new Error("m"); Object.defineProperty(err, "name", { get() { throw 1 } }); throw err }`},
		{name: "error whose message getter loops", wantCall: "Error",
			src: `export function processEvent(e) { const err = new Error(); Object.defineProperty(err, "message", { get() { for (;;) {} } }); throw err }`},
		{name: "deeply nested result", wantCall: "RangeError: Maximum call stack size exceeded",
			src: `export function processEvent(e) { let o = {}; for (let i = 0; i < 6000; i++) o = { o }; e.properties.deep = o; return e }`},
		{name: "replaced Error constructor", wantCall: "Error: still an error",
			src: `Error = 5; export function processEvent(e) { throw new TypeError("still an error").constructor === TypeError ? new RangeError("x") : 0 }`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Compile("index.js", []byte(tc.src))
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			in, err := New(ctx, p, Options{Timeout: 30 * time.Second})
			if tc.wantLoad != "" {
				require.Error(t, err)
				assert.Equal(t, tc.wantLoad, err.Error())
				return
			}
			require.NoError(t, err)
			res, err := in.CallEvent(ctx, "processEvent", event(t, `{"properties":{}}`))
			if tc.wantCall == "" {
				require.NoError(t, err)
				assert.True(t, res.Present)
				return
			}
			require.Error(t, err)
			if tc.name != "replaced Error constructor" {
				assert.Equal(t, tc.wantCall, err.Error())
			}
			// The instance still works.
			in2, err := New(ctx, p, Options{Timeout: 30 * time.Second})
			require.NoError(t, err)
			_ = in2
		})
	}
}

func TestReadBackNeverHangs(t *testing.T) {
	cases := map[string]string{
		"looping toJSON after a timeout": `export function processEvent(e) { e.properties.x = { toJSON() { for (;;) {} } }; for (;;) {} }`,
		"two looping toJSONs and a throw": `export function processEvent(e) {
			e.properties.a = { toJSON() { for (;;) {} } }
			e.properties.b = { c: { toJSON() { for (;;) {} } } }
			e.properties.d = 1
			throw new Error("boom") }`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			in := newInstance(t, "index.js", src, Options{Timeout: 200 * time.Millisecond})
			done := make(chan error, 1)
			go func() {
				_, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{}}`))
				done <- err
			}()
			select {
			case err := <-done:
				require.Error(t, err)
			case <-time.After(20 * time.Second):
				t.Fatal("the call never returned")
			}
		})
	}
}

func TestInterruptedOperationsDoNotDelayTheNextCall(t *testing.T) {
	release := make(chan struct{})
	slow := AsyncFunc(func(ctx context.Context, args []any) (any, error) {
		<-release // ignores ctx, as a careless host might
		return nil, nil
	})
	in := newInstance(t, "index.js", `
		export async function processEvent(e, { slow }) { await slow(); return e }
		export function onEvent(e) { return 1 }`,
		Options{Timeout: 100 * time.Millisecond, Meta: Members{{Key: "slow", Value: slow}}})
	_, err := in.CallEvent(context.Background(), "processEvent", event(t, `{}`))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	// A synchronous call must not wait for the first call's operation.
	v, ok, err := in.Call(context.Background(), "onEvent", map[string]any{})
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, 1.0, v)
	close(release)
}

func TestRequireRefusesInternalModules(t *testing.T) {
	props, err := runEvent(t, `export function processEvent(e) {
    try { require('\x00plugchain/domexception'); e.properties.r = 'reached' } catch (err) { e.properties.r = err.message }
    return e
}`, Options{})
	require.NoError(t, err)
	assert.Equal(t, "Cannot import '\x00plugchain/domexception'! This package is not provided by PostHog in plugins.", props["r"])
}

// requireNode returns the node binary for a comparison with Node. Without one the test is
// skipped, except in CI, where what needs it must run.
func requireNode(t *testing.T, what string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node is required in CI for %s", what)
		}
		t.Skip("node not installed")
	}
	return node
}

// TestCallTimerAcrossCalls checks the one timer an instance keeps for its calls' limits: a
// later call with a shorter limit, a call after the timer went off while idle, and a call
// whose deadline is later than the one the timer was set for all end at their own
// deadline, not before it.
func TestCallTimerAcrossCalls(t *testing.T) {
	in := newInstance(t, "index.js", `
export function runEveryHour() { return 1 }
export function runEveryMinute() { for (;;) {} }
`, Options{Timeout: time.Hour})
	ctx := context.Background()
	// spin runs the looping function with limit and checks it ends with a timeout, no
	// sooner than limit and without waiting for an earlier, longer limit.
	spin := func(limit time.Duration) {
		t.Helper()
		start := time.Now()
		done := make(chan error, 1)
		go func() {
			_, _, err := in.CallWithTimeout(ctx, limit, "runEveryMinute")
			done <- err
		}()
		select {
		case err := <-done:
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.GreaterOrEqual(t, time.Since(start), limit, "interrupted before its deadline")
		case <-time.After(20 * time.Second):
			t.Fatal("the call was never interrupted")
		}
	}
	quick := func(limit time.Duration) {
		t.Helper()
		_, _, err := in.CallWithTimeout(ctx, limit, "runEveryHour")
		require.NoError(t, err)
	}
	quick(time.Hour)
	spin(50 * time.Millisecond)

	// The timer, set for the call above, fires while the instance is idle.
	quick(300 * time.Millisecond)
	time.Sleep(400 * time.Millisecond)
	spin(300 * time.Millisecond)

	// The timer is pending for the first call's deadline when the second, later one starts.
	quick(300 * time.Millisecond)
	time.Sleep(100 * time.Millisecond)
	spin(300 * time.Millisecond)
	quick(time.Second) // the instance stays usable
}

// TestHugeCallLimit checks that a limit of centuries (no limit, in effect) neither ends the
// call nor gives its host operations an expired context.
func TestHugeCallLimit(t *testing.T) {
	op := AsyncFunc(func(ctx context.Context, args []any) (any, error) {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
			return "ok", nil
		}
	})
	in := newInstance(t, "index.js", `
export async function runEveryHour(meta) { return await meta.op() }
`, Options{Meta: Members{{Key: "op", Value: op}}})
	for range 2 {
		v, _, err := in.CallWithTimeout(context.Background(), time.Duration(math.MaxInt64), "runEveryHour")
		require.NoError(t, err)
		assert.Equal(t, "ok", v)
	}
}

// TestDroppedInstanceIsCollected checks that the call timer, still set after a call, does not
// keep an instance the host dropped in memory.
func TestDroppedInstanceIsCollected(t *testing.T) {
	collected := make(chan struct{})
	func() {
		in := newInstance(t, "index.js", `export function runEveryHour() { return 1 }`, Options{Timeout: time.Hour})
		_, _, err := in.Call(context.Background(), "runEveryHour")
		require.NoError(t, err)
		runtime.AddCleanup(in, func(ch chan struct{}) { close(ch) }, collected)
	}()
	for range 50 {
		runtime.GC()
		select {
		case <-collected:
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatal("the instance was not collected while its call timer was set")
}

// TestBuiltinsCompileOnFirstUse checks, in a process of its own, that no built-in module is
// compiled when the package loads or for a plugin that does not use it, and that one is when
// a plugin first does.
func TestBuiltinsCompileOnFirstUse(t *testing.T) {
	if os.Getenv("PLUGCHAIN_TEST_FRESH_PROCESS") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBuiltinsCompileOnFirstUse$", "-test.v")
		cmd.Env = append(os.Environ(), "PLUGCHAIN_TEST_FRESH_PROCESS=1")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		require.Contains(t, string(out), "--- PASS: TestBuiltinsCompileOnFirstUse")
		return
	}
	compiled := func() []string {
		var names []string
		compiledBuiltins.Range(func(k, _ any) bool { names = append(names, k.(string)); return true })
		return names
	}
	require.Empty(t, compiled(), "compiled when the package loaded")
	in := newInstance(t, "index.js", `export function processEvent(e) { e.properties.out = 1; return e }`, Options{})
	runJS(t, in, `{"properties":{}}`)
	require.Empty(t, compiled(), "compiled for a plugin that uses no built-in module")

	in = newInstance(t, "index.js", `export function processEvent(e) { e.properties.out = new URL("https://a.example/x?y=1").searchParams.get("y"); return e }`, Options{})
	require.Equal(t, "1", runJS(t, in, `{"properties":{}}`))
	require.Contains(t, compiled(), "plugchain:url")
	require.NotContains(t, compiled(), "plugchain:buffer")
}
