package plugchain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// addJS loads src as a plugin called name and attaches it to c.
func addJS(t *testing.T, c *Chain, name, src string) int64 {
	t.Helper()
	id, err := c.Add(context.Background(), PluginConfig{Plugin: loadJS(t, name, src)})
	require.NoError(t, err)
	return id
}

func TestProcessEventChainSemantics(t *testing.T) {
	type plugin struct{ name, src string }
	setA := plugin{"a", `export function processEvent(e) { e.properties.a = 1; return e }`}
	setB := plugin{"b", `export function processEvent(e) { e.properties.b = e.properties.a + 1; return e }`}
	cases := []struct {
		name    string
		plugins []plugin
		in      string
		want    string
		errs    []string
	}{
		{
			name:    "in order, each sees the previous result",
			plugins: []plugin{setA, setB},
			in:      `{"event":"e","team_id":2,"properties":{"z":0}}`,
			want:    `{"event":"e","team_id":2,"properties":{"z":0,"a":1,"b":2,"$plugins_succeeded":["a (1)","b (2)"],"$plugins_failed":[],"$plugins_deferred":[]}}`,
		},
		{
			name:    "null drops and stops",
			plugins: []plugin{{"drop", `export function processEvent(e) { return null }`}, setA},
			in:      `{"event":"e","properties":{}}`,
			want:    `null`,
		},
		{
			name:    "false drops",
			plugins: []plugin{{"drop", `export function processEvent(e) { return false }`}},
			in:      `{"event":"e"}`,
			want:    `null`,
		},
		{
			name:    "zero drops",
			plugins: []plugin{{"drop", `export function processEvent(e) { return 0 }`}},
			in:      `{"event":"e"}`,
			want:    `null`,
		},
		{
			name:    "undefined drops",
			plugins: []plugin{{"drop", `export function processEvent(e) { e.properties.x = 1 }`}},
			in:      `{"event":"e","properties":{}}`,
			want:    `null`,
		},
		{
			name:    "async drop",
			plugins: []plugin{{"drop", `export async function processEvent(e) { await null; return "" }`}},
			in:      `{"event":"e"}`,
			want:    `null`,
		},
		{
			name: "a throw keeps in-place changes and the chain goes on",
			plugins: []plugin{
				{"thrower", `export function processEvent(e) { e.properties.before = true; throw new Error("nope") }`},
				setA,
			},
			in:   `{"event":"e","properties":{}}`,
			want: `{"event":"e","properties":{"before":true,"a":1,"$plugins_succeeded":["a (2)"],"$plugins_failed":["thrower (1)"],"$plugins_deferred":[]}}`,
			errs: []string{`plugin "thrower" (config 1): processEvent: Error: nope`},
		},
		{
			name: "a failure between successes, and plugins with onEvent",
			plugins: []plugin{
				setA,
				{"thrower", `export function processEvent(e) { throw new Error("nope") }`},
				{"watcher", `export function onEvent() {}`},
				{"both", `export function processEvent(e) { e.properties.both = 1; return e }
export function onEvent() {}`},
			},
			in:   `{"event":"e","properties":{}}`,
			want: `{"event":"e","properties":{"a":1,"both":1,"$plugins_succeeded":["a (1)","both (4)"],"$plugins_failed":["thrower (2)"],"$plugins_deferred":["watcher (3)","both (4)"]}}`,
			errs: []string{`plugin "thrower" (config 2): processEvent: Error: nope`},
		},
		{
			name:    "a rejected promise is a failure",
			plugins: []plugin{{"rejecter", `export async function processEvent(e) { await 1; throw new TypeError("bad") }`}},
			in:      `{"event":"e","properties":{}}`,
			want:    `{"event":"e","properties":{"$plugins_succeeded":[],"$plugins_failed":["rejecter (1)"],"$plugins_deferred":[]}}`,
			errs:    []string{`plugin "rejecter" (config 1): processEvent: TypeError: bad`},
		},
		{
			name:    "a thrown string",
			plugins: []plugin{{"s", `export function processEvent(e) { throw "plain" }`}},
			in:      `{"event":"e","properties":{}}`,
			want:    `{"event":"e","properties":{"$plugins_succeeded":[],"$plugins_failed":["s (1)"],"$plugins_deferred":[]}}`,
			errs:    []string{`plugin "s" (config 1): processEvent: plain`},
		},
		{
			name:    "team_id change is reverted and counted as failure",
			plugins: []plugin{{"team", `export function processEvent(e) { e.team_id = 99; e.properties.kept = 1; return e }`}},
			in:      `{"event":"e","team_id":2,"properties":{}}`,
			want:    `{"event":"e","team_id":2,"properties":{"kept":1,"$plugins_succeeded":[],"$plugins_failed":["team (1)"],"$plugins_deferred":[]}}`,
			errs:    []string{`plugin "team" (config 1): processEvent: IllegalOperationError: Plugin tried to change event.team_id`},
		},
		{
			name:    "a non-scalar team_id left alone is not a change",
			plugins: []plugin{{"same", `export function processEvent(e) { e.properties.x = 1; return e }`}},
			in:      `{"event":"e","team_id":[2],"properties":{}}`,
			want:    `{"event":"e","team_id":[2],"properties":{"x":1,"$plugins_succeeded":["same (1)"],"$plugins_failed":[],"$plugins_deferred":[]}}`,
		},
		{
			name:    "a new object may be returned",
			plugins: []plugin{{"fresh", `export function processEvent(e) { return { event: "renamed", team_id: e.team_id, properties: { n: 1 } } }`}},
			in:      `{"event":"e","team_id":2,"properties":{"old":1}}`,
			want:    `{"event":"renamed","team_id":2,"properties":{"n":1,"$plugins_succeeded":["fresh (1)"],"$plugins_failed":[],"$plugins_deferred":[]}}`,
		},
		{
			name:    "a non-object return is a failure",
			plugins: []plugin{{"weird", `export function processEvent(e) { e.properties.x = 1; return true }`}},
			in:      `{"event":"e","properties":{}}`,
			want:    `{"event":"e","properties":{"x":1,"$plugins_succeeded":[],"$plugins_failed":["weird (1)"],"$plugins_deferred":[]}}`,
			errs:    []string{`plugin "weird" (config 1): processEvent: returned boolean, expected an event object or null`},
		},
		{
			name: "onEvent plugins are deferred; plugins without either are not listed",
			plugins: []plugin{
				{"exporter", `export function onEvent(e) {}`},
				{"nothing", `export function setupPlugin() {}`},
			},
			in:   `{"event":"e"}`,
			want: `{"event":"e","properties":{"$plugins_succeeded":[],"$plugins_failed":[],"$plugins_deferred":["exporter (1)"]}}`,
		},
		{
			name:    "no plugins leaves the event alone",
			plugins: nil,
			in:      `{"event":"e","properties":{"b":1,"a":2}}`,
			want:    `{"event":"e","properties":{"b":1,"a":2}}`,
		},
		{
			name:    "$snapshot skips processEvent",
			plugins: []plugin{setA},
			in:      `{"event":"$snapshot","properties":{}}`,
			want:    `{"event":"$snapshot","properties":{}}`,
		},
		{
			name:    "processEventBatch stands in for processEvent",
			plugins: []plugin{{"batch", `export async function processEventBatch(events) { return events.map(e => ({ ...e, batched: true })) }`}},
			in:      `{"event":"e","properties":{}}`,
			want:    `{"event":"e","properties":{"$plugins_succeeded":["batch (1)"],"$plugins_failed":[],"$plugins_deferred":[]},"batched":true}`,
		},
		{
			name:    "processEventBatch returning an empty list drops",
			plugins: []plugin{{"batch", `export function processEventBatch(events) { return [] }`}},
			in:      `{"event":"e"}`,
			want:    `null`,
		},
		{
			name:    "key order follows JavaScript",
			plugins: []plugin{{"order", `export function processEvent(e) { delete e.properties.b; e.properties.b = 2; e.properties["7"] = 0; return e }`}},
			in:      `{"properties":{"b":1,"a":1,"10":1,"2":1},"event":"e"}`,
			want:    `{"properties":{"2":1,"7":0,"10":1,"a":1,"b":2,"$plugins_succeeded":["order (1)"],"$plugins_failed":[],"$plugins_deferred":[]},"event":"e"}`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, sink := newChain(t)
			for _, p := range tc.plugins {
				addJS(t, c, p.name, p.src)
			}
			in := mustEvent(t, tc.in)
			before := jsonOf(t, in)
			out, err := c.ProcessEvent(context.Background(), in)
			assert.Equal(t, tc.want, jsonOf(t, out))
			assert.Equal(t, before, jsonOf(t, in), "the input event must not change")
			var got []string
			for _, pe := range PluginErrors(err) {
				got = append(got, pe.Error())
			}
			assert.Equal(t, tc.errs, got)
			assert.Len(t, sink.errors, len(tc.errs), "every error reaches the log sink")
		})
	}
}

func TestProcessEventTimeouts(t *testing.T) {
	cases := map[string]string{
		"infinite loop":          `export function processEvent(e) { e.properties.started = 1; while (true) {} }`,
		"deep recursion":         `function f(n) { return f(n + 1) + 1 } export function processEvent(e) { e.properties.started = 1; return f(0) }`,
		"never settling promise": `export function processEvent(e) { e.properties.started = 1; return new Promise(() => {}) }`,
		"slow async loop":        `export async function processEvent(e, { cache }) { e.properties.started = 1; for (;;) { await cache.incr("x") } }`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			timeout := 100 * time.Millisecond
			if name == "deep recursion" {
				timeout = time.Minute // reaching the stack limit is slow under -race
			}
			c, _ := newChain(t, WithTimeout(timeout), WithPoolSize(1))
			addJS(t, c, "slow", src+"\nexport function onEvent(e, {global}) { global.ran = true }")
			addJS(t, c, "after", `export function processEvent(e) { e.properties.after = 1; return e }`)
			out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
			require.NotNil(t, out)
			pes := PluginErrors(err)
			require.Len(t, pes, 1)
			if name == "deep recursion" {
				assert.Equal(t, `plugin "slow" (config 1): processEvent: RangeError: Maximum call stack size exceeded`, pes[0].Error())
			} else {
				assert.ErrorIs(t, err, ErrTimeout)
				assert.Equal(t, `plugin "slow" (config 1): processEvent: timed out after 100ms`, pes[0].Error())
			}
			v, _ := out.Property("after")
			assert.Equal(t, 1.0, v, "the chain goes on after the failure")
			v, _ = out.Property("started")
			assert.Equal(t, 1.0, v, "changes made before the failure stay, as on PostHog")
			// The instance is usable again.
			require.NoError(t, c.OnEvent(context.Background(), out))
		})
	}
}

func TestCallerContext(t *testing.T) {
	c, _ := newChain(t)
	addJS(t, c, "slow", `export function processEvent(e) { while (true) {} }`)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	out, err := c.ProcessEvent(ctx, mustEvent(t, `{"event":"e"}`))
	assert.Nil(t, out)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestOnEventRunsEveryPluginConcurrently(t *testing.T) {
	c, sink := newChain(t, WithTimeout(5*time.Second))
	// Two configs of one plugin share its cache; each waits for a key the other sets, so
	// only concurrent runs can finish.
	p := loadJS(t, "pair", `export async function onEvent(e, { cache, config }) {
		await cache.set(config.me, 1)
		while (!(await cache.get(config.other, null))) {}
		console.log(config.me, "saw", e.event, e.properties.final)
	}`)
	for _, cfg := range []map[string]any{{"me": "left", "other": "right"}, {"me": "right", "other": "left"}} {
		_, err := c.Add(context.Background(), PluginConfig{Plugin: p, Config: cfg})
		require.NoError(t, err)
	}
	require.NoError(t, c.OnEvent(context.Background(), mustEvent(t, `{"event":"done","properties":{"final":true}}`)))
	assert.ElementsMatch(t, []string{"pair log: left saw done true", "pair log: right saw done true"}, sink.Lines())
}

func TestOnEventErrorsAndSnapshot(t *testing.T) {
	c, sink := newChain(t)
	addJS(t, c, "bad", `export function onEvent(e) { throw new Error("export failed") }`)
	addJS(t, c, "snap", `export function onSnapshot(e) { console.log("snapshot", e.event) }`)
	err := c.OnEvent(context.Background(), mustEvent(t, `{"event":"x"}`))
	pes := PluginErrors(err)
	require.Len(t, pes, 1)
	assert.Equal(t, "onEvent", pes[0].Method)
	assert.Equal(t, "bad", pes[0].Plugin)
	require.NoError(t, c.OnEvent(context.Background(), mustEvent(t, `{"event":"$snapshot"}`)))
	assert.Equal(t, []string{"snap log: snapshot $snapshot"}, sink.Lines())
}

func TestComposeWebhooks(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type")+" "+string(b))
		mu.Unlock()
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusBadGateway)
		}
	}))
	defer srv.Close()
	// The default client refuses loopback addresses; the test server is on loopback.
	blocked, _ := newChain(t)
	err := blocked.SendWebhooks(context.Background(), []Webhook{{Plugin: "hook", ConfigID: 1, URL: srv.URL, Method: "POST"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "address 127.0.0.1 is not allowed (loopback)")

	c, _ := newChain(t, WithHTTP(srv.Client()))
	addJS(t, c, "hook", fmt.Sprintf(`export function composeWebhook(event, { config }) {
		if (event.event === "skip") return null
		return { url: %q + "/hook", body: JSON.stringify({ text: event.event + " by " + event.distinct_id, keys: Object.keys(event) }) }
	}`, srv.URL))
	addJS(t, c, "put", fmt.Sprintf(`export function composeWebhook(event) {
		return { url: %q + "/fail", method: "PUT", headers: { "Content-Type": "text/plain" }, body: "x" }
	}`, srv.URL))
	addJS(t, c, "broken", `export function composeWebhook(event) { return { body: "no url" } }`)

	hooks, err := c.ComposeWebhooks(context.Background(), mustEvent(t, `{"event":"signup","distinct_id":"u1","ip":"1.2.3.4","team_id":2,"uuid":"x","properties":{}}`))
	pes := PluginErrors(err)
	require.Len(t, pes, 1)
	assert.Equal(t, `plugin "broken" (config 3): composeWebhook: returned a webhook without a "url" string`, pes[0].Error())
	require.Len(t, hooks, 2)
	assert.Equal(t, Webhook{Plugin: "hook", ConfigID: 1, URL: srv.URL + "/hook", Method: "POST",
		Headers: map[string]string{"Content-Type": "application/json"},
		Body:    `{"text":"signup by u1","keys":["uuid","event","team_id","distinct_id","properties"]}`}, hooks[0])
	assert.Equal(t, "PUT", hooks[1].Method)

	err = c.SendWebhooks(context.Background(), hooks)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "502 Bad Gateway")
	assert.Equal(t, []string{
		`POST /hook application/json {"text":"signup by u1","keys":["uuid","event","team_id","distinct_id","properties"]}`,
		`PUT /fail text/plain x`,
	}, got)

	hooks, err = c.ComposeWebhooks(context.Background(), mustEvent(t, `{"event":"skip"}`))
	assert.Len(t, PluginErrors(err), 1) // only "broken"
	assert.Len(t, hooks, 1)
}

func TestSettings(t *testing.T) {
	c, _ := newChain(t)
	big := addJS(t, c, "big", `export function getSettings() { return { handlesLargeBatches: true } }`)
	plain := addJS(t, c, "plain", `export function processEvent(e) { return e }`)
	s, err := c.Settings(big)
	require.NoError(t, err)
	assert.True(t, s.HandlesLargeBatches)
	s, err = c.Settings(plain)
	require.NoError(t, err)
	assert.False(t, s.HandlesLargeBatches)
	_, err = c.Settings(42)
	assert.ErrorIs(t, err, ErrUnknownConfig)
}

func TestLifecycle(t *testing.T) {
	c, sink := newChain(t, WithPoolSize(2))
	p := loadJS(t, "life", `
		let n = 0
		export function setupPlugin({ global, config }) { global.id = ++n; console.log("setup", config.v) }
		export function teardownPlugin({ global, config }) { console.log("teardown", config.v) }
		export function processEvent(e, { global, config }) { e.properties.v = config.v; return e }`)
	id, err := c.Add(context.Background(), PluginConfig{Plugin: p, Config: map[string]any{"v": "one"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"life log: setup one"}, sink.Lines())

	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("v")
	assert.Equal(t, "one", v)

	require.NoError(t, c.Reload(context.Background(), PluginConfig{ID: id, Plugin: p, Config: map[string]any{"v": "two"}}))
	out, err = c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	v, _ = out.Property("v")
	assert.Equal(t, "two", v)
	assert.Equal(t, []string{"life log: setup one", "life log: setup two", "life log: teardown one"}, sink.Lines())

	require.NoError(t, c.Remove(context.Background(), id))
	assert.Equal(t, "life log: teardown two", sink.Lines()[3])
	assert.ErrorIs(t, c.Remove(context.Background(), id), ErrUnknownConfig)
	require.NoError(t, c.Close(context.Background()))
	_, err = c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e"}`))
	assert.ErrorIs(t, err, ErrClosed)
}

func TestSetupFailureKeepsChainClean(t *testing.T) {
	c, _ := newChain(t)
	_, err := c.Add(context.Background(), PluginConfig{Plugin: loadJS(t, "bad", `export function setupPlugin() { throw new Error("no api key") }`)})
	require.Error(t, err)
	assert.Equal(t, `plugin "bad" (config 1): setupPlugin: Error: no api key`, err.Error())
	assert.Empty(t, c.Configs())

	good := addJS(t, c, "good", `export function setupPlugin() {}`)
	c2 := c.Configs()
	require.Len(t, c2, 1)
	assert.Equal(t, good, c2[0].ID)

	// A reload whose setup fails leaves the old config running.
	err = c.Reload(context.Background(), PluginConfig{ID: good, Plugin: loadJS(t, "good", `export function setupPlugin() { throw new Error("v2 broken") }`)})
	require.Error(t, err)
	assert.Len(t, c.Configs(), 1)
}

func TestOrderAndSharedPlugin(t *testing.T) {
	c, _ := newChain(t)
	p := loadJS(t, "tag", `export function processEvent(e, { config }) { (e.properties.tags ||= []).push(config.tag); return e }`)
	for _, cfg := range []PluginConfig{
		{Plugin: p, Order: 3, Config: map[string]any{"tag": "third"}},
		{Plugin: p, Order: 1, Config: map[string]any{"tag": "first"}},
		{Plugin: p, Order: 2, Config: map[string]any{"tag": "second"}},
	} {
		_, err := c.Add(context.Background(), cfg)
		require.NoError(t, err)
	}
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("tags")
	assert.Equal(t, []any{"first", "second", "third"}, v)

	// The same plugin in another chain keeps its own state.
	other, _ := newChain(t)
	_, err = other.Add(context.Background(), PluginConfig{Plugin: p, Config: map[string]any{"tag": "other"}})
	require.NoError(t, err)
	out, err = other.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	v, _ = out.Property("tags")
	assert.Equal(t, []any{"other"}, v)
}

func TestConcurrentProcessingWithBoundedPool(t *testing.T) {
	c, _ := newChain(t, WithPoolSize(3))
	addJS(t, c, "count", `
		let instances = 0
		export function setupPlugin({ global }) { global.instance = ++instances }
		export async function processEvent(e, { global, cache }) {
			global.calls = (global.calls || 0) + 1
			e.properties.instance = global.instance
			e.properties.n = await cache.incr("n")
			return e
		}`)
	const events = 200
	var wg sync.WaitGroup
	var maxInstance atomic.Int64
	seen := make([]bool, events+1)
	var mu sync.Mutex
	for i := 0; i < events; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
			if !assert.NoError(t, err) {
				return
			}
			inst, _ := out.Property("instance")
			n, _ := out.Property("n")
			for {
				cur := maxInstance.Load()
				if int64(inst.(float64)) <= cur || maxInstance.CompareAndSwap(cur, int64(inst.(float64))) {
					break
				}
			}
			mu.Lock()
			seen[int(n.(float64))] = true
			mu.Unlock()
		}()
	}
	wg.Wait()
	assert.LessOrEqual(t, maxInstance.Load(), int64(3), "never more instances than the pool size")
	for i := 1; i <= events; i++ {
		assert.True(t, seen[i], "incr %d missing", i)
	}
}

func TestReloadUnderLoad(t *testing.T) {
	c, _ := newChain(t, WithPoolSize(2))
	p := loadJS(t, "v", `export function processEvent(e, { config }) { e.properties.v = config.v; return e }`)
	id, err := c.Add(context.Background(), PluginConfig{Plugin: p, Config: map[string]any{"v": "0"}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var processed atomic.Int64
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
				if !assert.NoError(t, err) || !assert.NotNil(t, out) {
					return
				}
				processed.Add(1)
			}
		}()
	}
	for i := 1; i <= 10; i++ {
		require.NoError(t, c.Reload(context.Background(), PluginConfig{ID: id, Plugin: p, Config: map[string]any{"v": fmt.Sprint(i)}}))
	}
	// On a busy machine the reloads may all finish before a worker got going.
	require.Eventually(t, func() bool { return processed.Load() > 0 }, 10*time.Second, time.Millisecond)
	cancel()
	wg.Wait()
	assert.Positive(t, processed.Load())
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("v")
	assert.Equal(t, "10", v)
}

func TestHostPanicsBecomeErrors(t *testing.T) {
	c, _ := newChain(t, WithStorage(panicStorage{}))
	addJS(t, c, "p", `export async function processEvent(e, { storage }) {
		try { await storage.get("k") } catch (err) { e.properties.caught = err.message }
		return e
	}`)
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("caught")
	assert.Equal(t, "internal error: storage exploded", v)
}

type panicStorage struct{ Storage }

func (panicStorage) Get(context.Context, string, string) (string, bool, error) {
	panic(errors.New("storage exploded"))
}

func TestRemoveDuringLoadTearsDownEveryInstance(t *testing.T) {
	for round := 0; round < 5; round++ {
		c, sink := newChain(t, WithPoolSize(8))
		id := addJS(t, c, "busy", `
			export function setupPlugin() { console.log("setup") }
			export function teardownPlugin() { console.log("teardown") }
			export function processEvent(e) { const end = Date.now() + 5; while (Date.now() < end) {} return e }`)
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 5; i++ {
					_, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e"}`))
					assert.NoError(t, err)
				}
			}()
		}
		time.Sleep(time.Duration(round) * 5 * time.Millisecond)
		require.NoError(t, c.Remove(context.Background(), id))
		wg.Wait()
		setups, teardowns := 0, 0
		for _, l := range sink.Lines() {
			switch l {
			case "busy log: setup":
				setups++
			case "busy log: teardown":
				teardowns++
			}
		}
		assert.Equal(t, setups, teardowns, "round %d", round)
	}
}

func TestCallerDeadlineIsNotReportedAsChainTimeout(t *testing.T) {
	c, _ := newChain(t)
	addJS(t, c, "loop", `export function onEvent() { for (;;) {} }`)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := c.OnEvent(ctx, mustEvent(t, `{"event":"e"}`))
	pes := PluginErrors(err)
	require.Len(t, pes, 1)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, `plugin "loop" (config 1): onEvent: context deadline exceeded`, pes[0].Error())
}

func TestHeapLimitStopsRunawayAllocation(t *testing.T) {
	c, _ := newChain(t, WithHeapLimit(heapInUse()+64<<20), WithPoolSize(1))
	addJS(t, c, "hog", `
		export function processEvent(e, { global }) {
			if (e.event === "hog") {
				global.kept = []
				for (;;) global.kept.push(new Array(1e5).fill(e.event))
			}
			e.properties.ok = true
			return e
		}`)
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"hog","properties":{}}`))
	pes := PluginErrors(err)
	require.Len(t, pes, 1)
	assert.ErrorIs(t, err, ErrMemoryLimit)
	assert.Contains(t, pes[0].Error(), `plugin "hog" (config 1): processEvent: memory limit exceeded`)
	require.NotNil(t, out)
	// A new instance takes over, without the memory the old one kept.
	out, err = c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"fine","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("ok")
	assert.Equal(t, true, v)
}

func TestHeapLimitCoversSetup(t *testing.T) {
	c, _ := newChain(t, WithHeapLimit(heapInUse()+64<<20))
	_, err := c.Add(context.Background(), PluginConfig{Plugin: loadJS(t, "greedy", `
		export function setupPlugin({ global }) {
			global.kept = []
			for (;;) global.kept.push(new Array(1e5).fill(1))
		}`)})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrMemoryLimit)
	assert.Empty(t, c.Configs())
}

func TestExportEventsBufferUntilFlush(t *testing.T) {
	c, sink := newChain(t)
	p := loadJS(t, "exporter", `export async function exportEvents(events, { config }) {
		console.log(config.tag, events.length, events.map(e => e.event).join(","))
	}`)
	_, err := c.Add(context.Background(), PluginConfig{Plugin: p, Config: map[string]any{"tag": "a", "exportEventsToIgnore": "$feature_flag_called, skipped"}})
	require.NoError(t, err)
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"kept","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("$plugins_deferred")
	assert.Equal(t, []any{"exporter (1)"}, v)
	require.NoError(t, c.OnEvent(context.Background(), out))
	require.NoError(t, c.OnEvent(context.Background(), mustEvent(t, `{"event":"skipped"}`)))
	assert.Empty(t, sink.Lines(), "events wait in the buffer")
	require.NoError(t, c.Flush(context.Background()))
	assert.Equal(t, []string{"exporter log: a 1 kept"}, sink.Lines())
}

func TestStackOverflowReplacesInstance(t *testing.T) {
	c, sink := newChain(t, WithPoolSize(1), WithTimeout(5*time.Second))
	addJS(t, c, "rec", `function f(n) { return f(n + 1) + 1 }
export async function processEvent(e) {
    if (e.event === 'deep') f(0)
    await Promise.resolve()
    e.properties.ok = true
    return e
}`)
	ctx := context.Background()
	out, err := c.ProcessEvent(ctx, mustEvent(t, `{"event":"deep","properties":{}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "RangeError: Maximum call stack size exceeded")
	require.NotNil(t, out, "the event goes on unchanged")
	// The overflowed instance cannot run promise jobs any more; the next call gets a new one.
	out, err = c.ProcessEvent(ctx, mustEvent(t, `{"event":"fine","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("ok")
	assert.Equal(t, true, v)
	assert.Len(t, sink.errors, 1)
}

func TestTimeoutInAsyncFunctionReplacesInstance(t *testing.T) {
	c, _ := newChain(t, WithPoolSize(1), WithTimeout(200*time.Millisecond))
	addJS(t, c, "hang", `export async function processEvent(e) {
    if (e.event === 'hang') for (;;) {}
    await null
    e.properties.ok = true
    return e
}`)
	ctx := context.Background()
	_, err := c.ProcessEvent(ctx, mustEvent(t, `{"event":"hang","properties":{}}`))
	require.ErrorIs(t, err, ErrTimeout)
	out, err := c.ProcessEvent(ctx, mustEvent(t, `{"event":"fine","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("ok")
	assert.Equal(t, true, v)
}

func TestHostEventIsNeverChanged(t *testing.T) {
	c, _ := newChain(t)
	mutate := `(e, meta) => {
    e.properties.$set.company.name = 'changed'
    e.properties.list.push(4)
    e.properties.list[0].x = 'changed'
    e.top.deep.value = 'changed'
    delete e.properties.gone
    meta.global.stash = meta.global.stash || e
    meta.global.stash.properties.$set.company.size = -1
}`
	addJS(t, c, "first", `export function processEvent(e, meta) { (`+mutate+`)(e, meta); return e }`)
	addJS(t, c, "on1", `export function onEvent(e, meta) { (`+mutate+`)(e, meta) }`)
	addJS(t, c, "on2", `export function onEvent(e, meta) { (`+mutate+`)(e, meta) }`)
	const input = `{"event":"e","top":{"deep":{"value":1}},"properties":{"$set":{"company":{"name":"Acme","size":50}},"list":[{"x":1},2,3],"gone":true}}`
	ev := mustEvent(t, input)
	out, err := c.ProcessEvent(context.Background(), ev)
	require.NoError(t, err)
	assert.JSONEq(t, input, jsonOf(t, ev), "ProcessEvent must not change the host's event")
	set, _ := out.Property("$set")
	assert.Equal(t, `{"company":{"name":"changed","size":-1}}`, jsonValue(t, set))
	before := jsonOf(t, out)
	require.NoError(t, c.OnEvent(context.Background(), out))
	assert.Equal(t, before, jsonOf(t, out), "OnEvent must not change the host's event")
	// A plugin that kept the event in meta.global changes only its own copy afterwards.
	again, err := c.ProcessEvent(context.Background(), mustEvent(t, input))
	require.NoError(t, err)
	assert.Equal(t, before, jsonOf(t, out))
	list, _ := again.Property("list")
	assert.Equal(t, `[{"x":"changed"},2,3,4]`, jsonValue(t, list))
}

// A plugin may keep an event (meta.global) and read it in a later call, after the host has
// changed or reused its own event: what the plugin kept must be its own copy.
func TestKeptEventsDoNotShareTheHostsEvent(t *testing.T) {
	c, _ := newChain(t)
	addJS(t, c, "keeper", `export function onEvent(e, meta) {
    if (e.event === 'keep') { meta.global.kept = e; return }
    e.properties.seen = meta.global.kept.properties.$set.company.name
    throw new Error(meta.global.kept.properties.$set.company.name)
}`)
	ev := mustEvent(t, `{"event":"keep","properties":{"$set":{"company":{"name":"Acme"}}}}`)
	require.NoError(t, c.OnEvent(context.Background(), ev))
	set, _ := ev.Property("$set")
	set.(*ojson.Object).Set("company", "replaced by the host")
	err := c.OnEvent(context.Background(), mustEvent(t, `{"event":"read","properties":{}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Error: Acme")
}

// TestPluginListsFollowConfigChanges checks that the $plugins_* lists, built once per set of
// configs, follow configs being added and removed between events.
func TestPluginListsFollowConfigChanges(t *testing.T) {
	c, _ := newChain(t)
	ctx := context.Background()
	add := func(name, src string) int64 {
		t.Helper()
		id, err := c.Add(ctx, PluginConfig{Plugin: loadJS(t, name, src)})
		require.NoError(t, err)
		return id
	}
	lists := func() string {
		t.Helper()
		out, err := c.ProcessEvent(ctx, mustEvent(t, `{"event":"e","properties":{}}`))
		require.NoError(t, err)
		return jsonOf(t, out)
	}
	a := add("a", `export function processEvent(e) { return e }`)
	assert.Equal(t, `{"event":"e","properties":{"$plugins_succeeded":["a (1)"],"$plugins_failed":[],"$plugins_deferred":[]}}`, lists())
	add("b", `export function processEvent(e) { return e }
export function onEvent() {}`)
	assert.Equal(t, `{"event":"e","properties":{"$plugins_succeeded":["a (1)","b (2)"],"$plugins_failed":[],"$plugins_deferred":["b (2)"]}}`, lists())
	require.NoError(t, c.Remove(ctx, a))
	assert.Equal(t, `{"event":"e","properties":{"$plugins_succeeded":["b (2)"],"$plugins_failed":[],"$plugins_deferred":["b (2)"]}}`, lists())
}

// TestLoneSurrogatesAtTheHostsEdge checks that strings a plugin hands to the host's storage,
// cache and webhooks carry U+FFFD for a lone surrogate, as Node's Redis, Postgres and HTTP
// clients encode them, while the event keeps it.
func TestLoneSurrogatesAtTheHostsEdge(t *testing.T) {
	c, _ := newChain(t)
	addJS(t, c, "edge", `export async function processEvent(event, { cache, storage }) {
		await cache.set('k\ud800', 'v\udc00', undefined, { jsonSerialize: false })
		await storage.set('s\ud800', 'w\udc00')
		event.properties.cached = await cache.get('k\udbff', null, { jsonSerialize: false })
		event.properties.stored = await storage.get('s\udfff')
		event.properties.kept = 'e\ud800'
		return event
	}
	export function composeWebhook(event) {
		return { url: 'https://hooks.example/\ud800', body: 'b\udc00', headers: { x: 'h\ud800' } }
	}`)
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	props := jsonOf(t, out)
	assert.Contains(t, props, `"cached":"v`+"\ufffd"+`"`, "Redis keys and values are UTF-8")
	assert.Contains(t, props, `"stored":"w\udc00"`, "stored values are JSON")
	assert.Contains(t, props, `"kept":"e\ud800"`)

	hooks, err := c.ComposeWebhooks(context.Background(), out)
	require.NoError(t, err)
	require.Len(t, hooks, 1)
	assert.Equal(t, "https://hooks.example/\ufffd", hooks[0].URL)
	assert.Equal(t, "b\ufffd", hooks[0].Body)
	assert.Equal(t, "h\ufffd", hooks[0].Headers["x"])
}
