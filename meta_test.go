package plugchain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/memstore"
	"github.com/plugchain/plugchain/ojson"
	"github.com/plugchain/plugchain/vm"
)

// The tests in this file run real plugin code through a Chain and check meta against the
// reference semantics of PostHog's plugin server (storage, cache, utils.cursor, config,
// attachments, global, geoip). Helpers are prefixed with mt to stay clear of other test files.

// mtPrelude wraps a test body in a processEvent that collects results in r, which ends up as
// the event property "r". t(f) awaits f() and reports a throw as "throws Name: message" and
// undefined as "<undefined>", which JSON would drop.
const mtPrelude = `
const show = (v) => (v === undefined ? '<undefined>' : v)
const t = async (f) => {
    try {
        return show(await f())
    } catch (e) {
        return 'throws ' + e.name + ': ' + e.message
    }
}
export async function processEvent(event, meta) {
    const { storage, cache, utils, config, attachments, global, geoip } = meta
    const r = {}
`

const mtPostlude = `
    event.properties.r = r
    return event
}
`

// mtClock is a settable clock for memstore.Cache.Now.
type mtClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *mtClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *mtClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// mtSink is a quiet LogSink that records plugin errors.
type mtSink struct {
	mu     sync.Mutex
	errors []*PluginError
	lines  []string
}

func (s *mtSink) PluginLog(_ context.Context, _ PluginSource, level, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines = append(s.lines, level+": "+msg)
}

func (s *mtSink) PluginError(_ context.Context, err *PluginError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errors = append(s.errors, err)
}

// mtLoad writes a plugin directory (plugin.json and index.js) and loads it.
func mtLoad(t testing.TB, manifest, src string) *Plugin {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plugin.json"), []byte(manifest), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.js"), []byte(src), 0o644))
	p, err := LoadPlugin(dir)
	require.NoError(t, err)
	return p
}

// mtBody loads a plugin named name whose processEvent runs body with the prelude's helpers.
func mtBody(t testing.TB, name, body string) *Plugin {
	t.Helper()
	return mtLoad(t, `{"name": "`+name+`", "main": "index.js"}`, mtPrelude+body+mtPostlude)
}

func mtChain(t testing.TB, opts ...Option) *Chain {
	t.Helper()
	c := New(append([]Option{WithLogSink(&mtSink{})}, opts...)...)
	t.Cleanup(func() { _ = c.Close(context.Background()) })
	return c
}

func mtAdd(t testing.TB, c *Chain, cfg PluginConfig) int64 {
	t.Helper()
	id, err := c.Add(context.Background(), cfg)
	require.NoError(t, err)
	return id
}

// mtProcess runs one event through c and returns its properties.
func mtProcess(t testing.TB, c *Chain) *ojson.Object {
	t.Helper()
	ev, err := ParseEvent([]byte(`{"event":"test","distinct_id":"d1","team_id":1,"properties":{}}`))
	require.NoError(t, err)
	out, err := c.ProcessEvent(context.Background(), ev)
	require.NoError(t, err)
	require.NotNil(t, out)
	return out.Properties()
}

// mtJSON marshals a property of props ("<missing>" when absent).
func mtJSON(t testing.TB, props *ojson.Object, key string) string {
	t.Helper()
	v, ok := props.Get(key)
	if !ok {
		return "<missing>"
	}
	b, err := ojson.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// mtEnv is one plugin config (id 1, team 1, plugin "meta-test") whose storage and cache
// outlive the chains it runs in, so a test can run successive bodies against the same data.
type mtEnv struct {
	storage *memstore.Storage
	cache   *memstore.Cache
	clock   *mtClock
	opts    []Option
}

func newMTEnv(opts ...Option) *mtEnv {
	clk := &mtClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	ca := memstore.NewCache()
	ca.Now = clk.Now
	return &mtEnv{storage: memstore.NewStorage(), cache: ca, clock: clk, opts: opts}
}

// run executes body in a fresh chain over e's storage and cache and returns r as JSON.
func (e *mtEnv) run(t testing.TB, body string) string {
	t.Helper()
	c := mtChain(t, append([]Option{WithStorage(e.storage), WithCache(e.cache)}, e.opts...)...)
	mtAdd(t, c, PluginConfig{ID: 1, TeamID: 1, Plugin: mtBody(t, "meta-test", body)})
	return mtJSON(t, mtProcess(t, c), "r")
}

// --- storage ---

func TestMetaStorage(t *testing.T) {
	e := newMTEnv()
	got := e.run(t, `
    r.missingDefault = await t(() => storage.get('missing', 'dflt'))
    r.missingNoDefault = await t(() => storage.get('missing'))
    r.missingNullDefault = await t(() => storage.get('missing', null))
    r.setResult = await t(() => storage.set('null', null))
    r.storedNull = await t(() => storage.get('null', 'dflt'))
    await storage.set('zero', 0)
    r.storedZero = await t(() => storage.get('zero', 'dflt'))
    await storage.set('false', false)
    r.storedFalse = await t(() => storage.get('false', 'dflt'))
    await storage.set('empty', '')
    r.storedEmpty = await t(() => storage.get('empty', 'dflt'))
    await storage.set('str', 'hello')
    r.str = await t(() => storage.get('str'))
    await storage.set('num', 1.5)
    r.num = await t(() => storage.get('num'))
    await storage.set('obj', { b: 1, a: { d: [3, 1, { z: null, y: true }], c: 'x' }, 2: 'two', 1: 'one' })
    const obj = await storage.get('obj')
    r.objKeys = Object.keys(obj)
    r.objJSON = JSON.stringify(obj)
    r.fresh = obj !== (await storage.get('obj'))
    await storage.set('arr', [1, 'a', null, { k: [] }])
    r.arr = await t(() => storage.get('arr'))
    await storage.set('undef', 'x')
    r.setUndefined = await t(() => storage.set('undef', undefined))
    r.afterSetUndefined = await t(() => storage.get('undef', 'gone'))
    await storage.set('del', 'x')
    r.delResult = await t(() => storage.del('del'))
    r.afterDel = await t(() => storage.get('del', 'gone'))
    r.delMissing = await t(() => storage.del('never'))
    await storage.set('overwrite', 1)
    await storage.set('overwrite', { now: 'object' })
    r.overwrite = await t(() => storage.get('overwrite'))
    // An object value is stored as JSON: toJSON is honoured and undefined properties drop.
    await storage.set('date', { when: new Date(0), skip: undefined, f() {} })
    r.date = await t(() => storage.get('date'))
`)
	assert.JSONEq(t, `{
		"missingDefault": "dflt",
		"missingNoDefault": "<undefined>",
		"missingNullDefault": null,
		"setResult": "<undefined>",
		"storedNull": null,
		"storedZero": 0,
		"storedFalse": false,
		"storedEmpty": "",
		"str": "hello",
		"num": 1.5,
		"objKeys": ["1", "2", "b", "a"],
		"objJSON": "{\"1\":\"one\",\"2\":\"two\",\"b\":1,\"a\":{\"d\":[3,1,{\"z\":null,\"y\":true}],\"c\":\"x\"}}",
		"fresh": true,
		"arr": [1, "a", null, {"k": []}],
		"setUndefined": "<undefined>",
		"afterSetUndefined": "gone",
		"delResult": "<undefined>",
		"afterDel": "gone",
		"delMissing": "<undefined>",
		"overwrite": {"now": "object"},
		"date": {"when": "1970-01-01T00:00:00.000Z"}
	}`, got)

	// The values are JSON text in the backend, keys in JavaScript order.
	v, found, err := e.storage.Get(context.Background(), "1", "obj")
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, `{"1":"one","2":"two","b":1,"a":{"d":[3,1,{"z":null,"y":true}],"c":"x"}}`, v)
	v, _, _ = e.storage.Get(context.Background(), "1", "null")
	assert.Equal(t, "null", v)
	for _, k := range []string{"undef", "del"} {
		_, found, _ = e.storage.Get(context.Background(), "1", k)
		assert.False(t, found, k)
	}

	// Values persist across calls (and chains sharing the backend).
	got = e.run(t, `r.str = await storage.get('str'); r.null = await storage.get('null', 1)`)
	assert.JSONEq(t, `{"str":"hello","null":null}`, got)

	// A value written by someone else that is not JSON makes get throw, as JSON.parse does.
	require.NoError(t, e.storage.Set(context.Background(), "1", "bad", "{nope"))
	got = e.run(t, `r.bad = await t(() => storage.get('bad', 'dflt'))`)
	assert.Contains(t, got, `"throws `)
}

func TestMetaStorageSeparatePerConfig(t *testing.T) {
	p := mtLoad(t, `{"name": "per-config", "config": [{"key": "name"}]}`, `
export async function processEvent(event, { storage, config }) {
    event.properties['prev_' + config.name] = await storage.get('k', null)
    await storage.set('k', config.name)
    return event
}`)
	st := memstore.NewStorage()
	c := mtChain(t, WithStorage(st))
	mtAdd(t, c, PluginConfig{ID: 10, TeamID: 1, Plugin: p, Config: map[string]any{"name": "A"}})
	mtAdd(t, c, PluginConfig{ID: 11, TeamID: 1, Plugin: p, Config: map[string]any{"name": "B"}})

	props := mtProcess(t, c)
	assert.Equal(t, "null", mtJSON(t, props, "prev_A"))
	assert.Equal(t, "null", mtJSON(t, props, "prev_B"), "config B does not see config A's storage")
	props = mtProcess(t, c)
	assert.Equal(t, `"A"`, mtJSON(t, props, "prev_A"))
	assert.Equal(t, `"B"`, mtJSON(t, props, "prev_B"))

	// The namespace is the plugin config id.
	v, _, _ := st.Get(context.Background(), "10", "k")
	assert.Equal(t, `"A"`, v)
	v, _, _ = st.Get(context.Background(), "11", "k")
	assert.Equal(t, `"B"`, v)
}

// --- cache ---

func TestMetaCacheGetSet(t *testing.T) {
	e := newMTEnv()
	got := e.run(t, `
    const raw = { jsonSerialize: false }
    r.setResult = await t(() => cache.set('obj', { b: 1, a: [1, { d: 2, c: 3 }] }))
    r.obj = await t(() => cache.get('obj'))
    r.objKeys = Object.keys(await cache.get('obj'))
    r.objRaw = await t(() => cache.get('obj', null, raw))
    await cache.set('str', 'text')
    r.str = await t(() => cache.get('str'))
    r.strRaw = await t(() => cache.get('str', null, raw))
    await cache.set('plain', 'not json', undefined, raw)
    r.plainRaw = await t(() => cache.get('plain', 'dflt', raw))
    r.plainParsed = await t(() => cache.get('plain', 'dflt'))
    await cache.set('num', 5, 0, raw)
    r.numRaw = await t(() => cache.get('num', null, raw))
    r.numParsed = await t(() => cache.get('num'))
    await cache.set('objRaw', { a: 1 }, 0, raw)
    r.objStoredRaw = await t(() => cache.get('objRaw', null, raw))
    r.missingDefault = await t(() => cache.get('missing', 'dflt'))
    r.missingNoDefault = await t(() => cache.get('missing'))
    r.missingDefaultRaw = await t(() => cache.get('missing', { d: 1 }, raw))
    await cache.set('empty', '', 0, raw)
    r.emptyRaw = await t(() => cache.get('empty', 'dflt', raw))
    r.emptyParsed = await t(() => cache.get('empty', 'dflt'))
    await cache.set('emptyJSON', '')
    r.emptyJSON = await t(() => cache.get('emptyJSON', 'dflt'))
    await cache.set('null', null)
    r.null = await t(() => cache.get('null', 'dflt'))
    r.nullRaw = await t(() => cache.get('null', 'dflt', raw))
    await cache.set('nullRawSet', null, 0, raw)
    r.nullRawSet = await t(() => cache.get('nullRawSet', 'dflt', raw))
    await cache.set('undef', undefined)
    r.undef = await t(() => cache.get('undef', 'dflt'))
    r.undefRaw = await t(() => cache.get('undef', 'dflt', raw))
    await cache.set('false', false)
    r.false = await t(() => cache.get('false', 'dflt'))
    r.optNull = await t(() => cache.get('str', null, { jsonSerialize: null }))
    r.optUndefined = await t(() => cache.get('str', null, { jsonSerialize: undefined }))
    r.optTruthy = await t(() => cache.get('str', null, { jsonSerialize: 1 }))
`)
	assert.JSONEq(t, `{
		"setResult": "<undefined>",
		"obj": {"b": 1, "a": [1, {"d": 2, "c": 3}]},
		"objKeys": ["b", "a"],
		"objRaw": "{\"b\":1,\"a\":[1,{\"d\":2,\"c\":3}]}",
		"str": "text",
		"strRaw": "\"text\"",
		"plainRaw": "not json",
		"plainParsed": null,
		"numRaw": "5",
		"numParsed": 5,
		"objStoredRaw": "[object Object]",
		"missingDefault": "dflt",
		"missingNoDefault": "<undefined>",
		"missingDefaultRaw": {"d": 1},
		"emptyRaw": null,
		"emptyParsed": null,
		"emptyJSON": "",
		"null": null,
		"nullRaw": "null",
		"nullRawSet": null,
		"undef": null,
		"undefRaw": null,
		"false": false,
		"optNull": "\"text\"",
		"optUndefined": "text",
		"optTruthy": "text"
	}`, got)

	// What the backend holds: JSON text, or the plain string; null and undefined as "".
	for k, want := range map[string]string{
		"obj": `{"b":1,"a":[1,{"d":2,"c":3}]}`, "str": `"text"`, "plain": "not json", "num": "5",
		"null": "null", "nullRawSet": "", "undef": "", "emptyJSON": `""`,
	} {
		v, found, err := e.cache.Get(context.Background(), "meta-test/1", k)
		require.NoError(t, err)
		assert.True(t, found, k)
		assert.Equal(t, want, v, k)
	}
}

func TestMetaCacheTTL(t *testing.T) {
	e := newMTEnv()
	got := e.run(t, `
    r.a = await t(() => cache.set('ttl10', 'v', 10))
    await cache.set('ttl0', 'v', 0)
    await cache.set('ttlString', 'v', '5')
    await cache.set('noTTL', 'v')
    await cache.set('incr', 1, 10)
    await cache.incr('incr')
    r.fraction = await t(() => cache.set('bad', 'v', 1.5))
    r.negative = await t(() => cache.set('bad', 'v', -1))
    r.word = await t(() => cache.set('bad', 'v', 'soon'))
    r.bad = await t(() => cache.get('bad', 'never set'))
`)
	assert.JSONEq(t, `{
		"a": "<undefined>",
		"fraction": "throws ReplyError: ERR value is not an integer or out of range",
		"negative": "throws ReplyError: ERR invalid expire time in 'set' command",
		"word": "throws ReplyError: ERR value is not an integer or out of range",
		"bad": "never set"
	}`, got)

	const check = `
    for (const k of ['ttl10', 'ttl0', 'ttlString', 'noTTL', 'incr']) {
        r[k] = await cache.get(k, 'expired')
    }
`
	e.clock.Advance(5 * time.Second)
	assert.JSONEq(t, `{"ttl10":"v","ttl0":"v","ttlString":"v","noTTL":"v","incr":2}`, e.run(t, check))
	e.clock.Advance(time.Second)
	assert.JSONEq(t, `{"ttl10":"v","ttl0":"v","ttlString":"expired","noTTL":"v","incr":2}`, e.run(t, check))
	e.clock.Advance(5 * time.Second)
	assert.JSONEq(t, `{"ttl10":"expired","ttl0":"v","ttlString":"expired","noTTL":"v","incr":"expired"}`, e.run(t, check))
	e.clock.Advance(1000 * time.Hour)
	assert.JSONEq(t, `{"ttl10":"expired","ttl0":"v","ttlString":"expired","noTTL":"v","incr":"expired"}`, e.run(t, check))
}

func TestMetaCacheIncrExpire(t *testing.T) {
	e := newMTEnv()
	got := e.run(t, `
    r.first = await t(() => cache.incr('n'))
    r.second = await t(() => cache.incr('n'))
    r.type = typeof (await cache.incr('n'))
    r.stored = await t(() => cache.get('n'))
    await cache.set('five', 5)
    r.five = await t(() => cache.incr('five'))
    await cache.set('word', 'abc')
    r.word = await t(() => cache.incr('word'))
    await cache.set('quoted', '5')
    r.quoted = await t(() => cache.incr('quoted'))
    await cache.set('rawFive', '5', 0, { jsonSerialize: false })
    r.rawFive = await t(() => cache.incr('rawFive'))
    await cache.set('float', 1.5)
    r.float = await t(() => cache.incr('float'))
    await cache.lpush('list', 'a')
    r.list = await t(() => cache.incr('list'))

    r.expireMissing = await t(() => cache.expire('missing', 10))
    r.expireExisting = await t(() => cache.expire('n', 10))
    r.expireType = typeof (await cache.expire('n', 10))
    r.expireList = await t(() => cache.expire('list', 10))
    await cache.set('gone', 1)
    r.expireZero = await t(() => cache.expire('gone', 0))
    r.afterZero = await t(() => cache.get('gone', 'deleted'))
    await cache.set('gone2', 1)
    r.expireNegative = await t(() => cache.expire('gone2', -5))
    r.afterNegative = await t(() => cache.get('gone2', 'deleted'))
    await cache.set('kept', 1)
    r.expireNoTTL = await t(() => cache.expire('kept'))
    r.expireFraction = await t(() => cache.expire('kept', 0.5))
    r.kept = await t(() => cache.get('kept', 'deleted'))
    r.expireString = await t(() => cache.expire('kept', '100'))
`)
	assert.JSONEq(t, `{
		"first": 1,
		"second": 2,
		"type": "number",
		"stored": 3,
		"five": 6,
		"word": "throws ReplyError: ERR value is not an integer or out of range",
		"quoted": "throws ReplyError: ERR value is not an integer or out of range",
		"rawFive": 6,
		"float": "throws ReplyError: ERR value is not an integer or out of range",
		"list": "throws ReplyError: WRONGTYPE Operation against a key holding the wrong kind of value",
		"expireMissing": false,
		"expireExisting": true,
		"expireType": "boolean",
		"expireList": true,
		"expireZero": true,
		"afterZero": "deleted",
		"expireNegative": true,
		"afterNegative": "deleted",
		"expireNoTTL": "throws ReplyError: ERR value is not an integer or out of range",
		"expireFraction": "throws ReplyError: ERR value is not an integer or out of range",
		"kept": 1,
		"expireString": true
	}`, got)

	e.clock.Advance(11 * time.Second)
	assert.JSONEq(t, `{"n":"expired","list":[],"kept":1}`, e.run(t, `
    r.n = await cache.get('n', 'expired')
    r.list = await cache.lrange('list', 0, -1)
    r.kept = await cache.get('kept', 'expired')
`))
	e.clock.Advance(90 * time.Second)
	assert.JSONEq(t, `{"kept":"expired"}`, e.run(t, `r.kept = await cache.get('kept', 'expired')`))
}

func TestMetaCacheLists(t *testing.T) {
	e := newMTEnv()
	got := e.run(t, `
    r.push1 = await t(() => cache.lpush('l', 'a'))
    r.push2 = await t(() => cache.lpush('l', ['b', 'c']))
    r.all = await t(() => cache.lrange('l', 0, -1))
    r.lenType = typeof (await cache.llen('l'))
    r.len = await t(() => cache.llen('l'))
    r.lenMissing = await t(() => cache.llen('missing'))

    r.pushConv = await t(() => cache.lpush('conv', [1, null, { a: 1 }, [1, [2, null]], true, 1.5, 'x', -0, 1e21]))
    r.conv = await t(() => cache.lrange('conv', 0, -1))

    r.pushNumber = await t(() => cache.lpush('bad', 5))
    r.pushObject = await t(() => cache.lpush('bad', { a: 1 }))
    r.pushNull = await t(() => cache.lpush('bad', null))
    r.pushNothing = await t(() => cache.lpush('bad'))
    r.pushEmptyArray = await t(() => cache.lpush('bad', []))
    r.badExists = await t(() => cache.llen('bad'))

    const big = []
    for (let i = 0; i < 1001; i++) big.push('e' + i)
    r.push1001 = await t(() => cache.lpush('big', big))
    r.bigAfter1001 = await t(() => cache.llen('big'))
    r.push1000 = await t(() => cache.lpush('big', big.slice(0, 1000)))
    r.bigEnds = await t(() => cache.lrange('big', 0, 0).then(async (h) => h.concat(await cache.lrange('big', -1, -1))))
    r.pushLongString = await t(() => cache.lpush('big', 'x'.repeat(5000)).then(() => 'ok'))
`)
	assert.JSONEq(t, `{
		"push1": 1,
		"push2": 3,
		"all": ["c", "b", "a"],
		"lenType": "number",
		"len": 3,
		"lenMissing": 0,
		"pushConv": 9,
		"conv": ["1e+21", "0", "x", "1.5", "true", "1,2,", "[object Object]", "null", "1"],
		"pushNumber": "throws Error: cache.lpush expects a string value or an array of strings",
		"pushObject": "throws Error: cache.lpush expects a string value or an array of strings",
		"pushNull": "throws Error: cache.lpush expects a string value or an array of strings",
		"pushNothing": "throws Error: cache.lpush expects a string value or an array of strings",
		"pushEmptyArray": "throws ReplyError: ERR wrong number of arguments for 'lpush' command",
		"badExists": 0,
		"push1001": "throws IllegalOperationError: Too many elements in array for cache.lpush. Maximum: 1000",
		"bigAfter1001": 0,
		"push1000": 1000,
		"bigEnds": ["e999", "e0"],
		"pushLongString": "ok"
	}`, got)

	got = e.run(t, `
    await cache.lpush('r', ['e', 'd', 'c', 'b', 'a']) // [a b c d e]
    r.all = await cache.lrange('r', 0, -1)
    r.first2 = await cache.lrange('r', 0, 1)
    r.last2 = await cache.lrange('r', -2, -1)
    r.middle = await cache.lrange('r', 1, -2)
    r.wide = await cache.lrange('r', -100, 100)
    r.past = await cache.lrange('r', 5, 10)
    r.inverted = await cache.lrange('r', 3, 1)
    r.missing = await cache.lrange('nothing', 0, -1)
    r.stringIndex = await t(() => cache.lrange('r', '0', 1))
    r.noEnd = await t(() => cache.lrange('r', 0))
    r.nullIndex = await t(() => cache.lrange('r', 0, null))
    r.fraction = await t(() => cache.lrange('r', 0.5, 1))
    r.wholeFloat = await t(() => cache.lrange('r', 1.0, 2.0))
    await cache.set('str', 'v')
    r.wrongType = await t(() => cache.lrange('str', 0, -1))
`)
	const lrangeMsg = "throws Error: cache.lrange expects a number for the start and end indexes"
	assert.JSONEq(t, `{
		"all": ["a", "b", "c", "d", "e"],
		"first2": ["a", "b"],
		"last2": ["d", "e"],
		"middle": ["b", "c", "d"],
		"wide": ["a", "b", "c", "d", "e"],
		"past": [],
		"inverted": [],
		"missing": [],
		"stringIndex": "`+lrangeMsg+`",
		"noEnd": "`+lrangeMsg+`",
		"nullIndex": "`+lrangeMsg+`",
		"fraction": "throws ReplyError: ERR value is not an integer or out of range",
		"wholeFloat": ["b", "c"],
		"wrongType": "throws ReplyError: WRONGTYPE Operation against a key holding the wrong kind of value"
	}`, got)
}

func TestMetaCacheLRemLPop(t *testing.T) {
	e := newMTEnv()
	got := e.run(t, `
    const fill = async (k) => { await cache.lpush(k, ['a', 'b', 'a', 'c', 'a'].reverse()) } // [a b a c a]
    await fill('pos'); r.pos = [await cache.lrem('pos', 2, 'a'), await cache.lrange('pos', 0, -1)]
    await fill('neg'); r.neg = [await cache.lrem('neg', -2, 'a'), await cache.lrange('neg', 0, -1)]
    await fill('zero'); r.zero = [await cache.lrem('zero', 0, 'a'), await cache.lrange('zero', 0, -1)]
    await fill('none'); r.none = [await cache.lrem('none', 0, 'z'), await cache.llen('none')]
    r.missing = await t(() => cache.lrem('nothing', 1, 'a'))
    await cache.lpush('nums', ['1', '2', '1'])
    r.numberElement = await t(() => cache.lrem('nums', 0, 1))
    await cache.lpush('nulls', ['null', ''])
    r.nullElement = [await cache.lrem('nulls', 0, null), await cache.lrange('nulls', 0, -1)]
    r.countString = await t(() => cache.lrem('pos', '1', 'a'))
    r.countMissing = await t(() => cache.lrem('pos'))
    r.countFraction = await t(() => cache.lrem('pos', 1.5, 'a'))
    await fill('all'); r.all = [await cache.lrem('all', 0, 'a'), await cache.lrem('all', 0, 'b'), await cache.lrem('all', 0, 'c')]
    r.allGone = await t(() => cache.expire('all', 10))

    await cache.lpush('p', ['c', 'b', 'a']) // [a b c]
    r.pop0 = await t(() => cache.lpop('p', 0))
    r.pop2 = await t(() => cache.lpop('p', 2))
    r.popRest = await t(() => cache.lpop('p', 5))
    r.popEmptied = await t(() => cache.lpop('p', 1))
    r.popMissing = await t(() => cache.lpop('never', 1))
    r.popMissing0 = await t(() => cache.lpop('never', 0))
    r.popNoCount = await t(() => cache.lpop('p'))
    r.popStringCount = await t(() => cache.lpop('p', '1'))
    r.popNegative = await t(() => cache.lpop('never', -1))
    r.popFraction = await t(() => cache.lpop('never', 0.5))
    await cache.set('str', 'v')
    r.popWrongType = await t(() => cache.lpop('str', 1))
    r.remWrongType = await t(() => cache.lrem('str', 1, 'v'))
    r.lenWrongType = await t(() => cache.llen('str'))
    r.pushWrongType = await t(() => cache.lpush('str', 'a'))
    r.getWrongType = await t(() => cache.get('nums'))
    r.setOverList = await t(() => cache.set('nums', 1).then(() => cache.get('nums')))
`)
	const lremMsg = `throws Error: cache.lrem expects a number for the \"count\" argument`
	const lpopMsg = `throws Error: cache.lpop expects a number for the \"count\" argument`
	const wrongType = "throws ReplyError: WRONGTYPE Operation against a key holding the wrong kind of value"
	assert.JSONEq(t, `{
		"pos": [2, ["b", "c", "a"]],
		"neg": [2, ["a", "b", "c"]],
		"zero": [3, ["b", "c"]],
		"none": [0, 5],
		"missing": 0,
		"numberElement": 2,
		"nullElement": [1, ["null"]],
		"countString": "`+lremMsg+`",
		"countMissing": "`+lremMsg+`",
		"countFraction": "throws ReplyError: ERR value is not an integer or out of range",
		"all": [3, 1, 1],
		"allGone": false,
		"pop0": [],
		"pop2": ["a", "b"],
		"popRest": ["c"],
		"popEmptied": null,
		"popMissing": null,
		"popMissing0": null,
		"popNoCount": "`+lpopMsg+`",
		"popStringCount": "`+lpopMsg+`",
		"popNegative": "throws ReplyError: ERR value is out of range, must be positive",
		"popFraction": "throws ReplyError: ERR value is not an integer or out of range",
		"popWrongType": "`+wrongType+`",
		"remWrongType": "`+wrongType+`",
		"lenWrongType": "`+wrongType+`",
		"pushWrongType": "`+wrongType+`",
		"getWrongType": "`+wrongType+`",
		"setOverList": 1
	}`, got)
}

func TestMetaCacheNamespace(t *testing.T) {
	counter := mtLoad(t, `{"name": "counter", "config": [{"key": "name"}]}`, `
export async function processEvent(event, { cache, config }) {
    event.properties['n_' + config.name] = await cache.incr('n')
    return event
}`)
	other := mtLoad(t, `{"name": "other-plugin"}`, `
export async function processEvent(event, { cache }) {
    event.properties.n_other = await cache.incr('n')
    return event
}`)
	ca := memstore.NewCache()
	c := mtChain(t, WithCache(ca))
	mtAdd(t, c, PluginConfig{ID: 1, TeamID: 7, Order: 1, Plugin: counter, Config: map[string]any{"name": "A"}})
	mtAdd(t, c, PluginConfig{ID: 2, TeamID: 7, Order: 2, Plugin: counter, Config: map[string]any{"name": "B"}})
	mtAdd(t, c, PluginConfig{ID: 3, TeamID: 8, Order: 3, Plugin: counter, Config: map[string]any{"name": "C"}})
	mtAdd(t, c, PluginConfig{ID: 4, TeamID: 7, Order: 4, Plugin: other})

	props := mtProcess(t, c)
	assert.Equal(t, "1", mtJSON(t, props, "n_A"))
	assert.Equal(t, "2", mtJSON(t, props, "n_B"), "configs of one plugin in one team share the cache")
	assert.Equal(t, "1", mtJSON(t, props, "n_C"), "another team has its own cache")
	assert.Equal(t, "1", mtJSON(t, props, "n_other"), "another plugin has its own cache")

	props = mtProcess(t, c)
	assert.Equal(t, "3", mtJSON(t, props, "n_A"))
	assert.Equal(t, "4", mtJSON(t, props, "n_B"))
	assert.Equal(t, "2", mtJSON(t, props, "n_C"))
	assert.Equal(t, "2", mtJSON(t, props, "n_other"))

	v, _, _ := ca.Get(context.Background(), "counter/7", "n")
	assert.Equal(t, "4", v)
}

// --- utils.cursor ---

func TestMetaCursor(t *testing.T) {
	e := newMTEnv()
	got := e.run(t, `
    const c = utils.cursor
    r.initResult = await t(() => c.init('a'))
    r.a = await storage.get('a')
    r.initAgain = await t(() => c.init('a', 5))
    r.aStill = await storage.get('a')
    await c.init('b', 5)
    r.b = await storage.get('b')
    for (const [k, v] of [['null', null], ['zero', 0], ['false', false], ['empty', ''], ['undef', undefined]]) {
        await c.init(k, v)
        r['init_' + k] = await storage.get(k)
    }
    r.initString = await t(() => c.init('s', '5'))
    r.initObject = await t(() => c.init('o', { n: 1 }))
    r.initTrue = await t(() => c.init('tr', true))
    r.initBadStored = await t(() => storage.get('s', 'not stored'))
    await storage.set('preset', 42)
    await c.init('preset', 1)
    r.preset = await storage.get('preset')

    r.incMissing = await t(() => c.increment('x'))
    r.incType = typeof (await c.increment('x'))
    r.incZeroIsOne = await t(() => c.increment('x', 0))
    r.incNull = await t(() => c.increment('x', null))
    r.incFive = await t(() => c.increment('x', 5))
    r.incNegative = await t(() => c.increment('x', -3))
    r.incFraction = await t(() => c.increment('x', 0.5))
    r.incFirstBy = await t(() => c.increment('y', 7))
    r.incString = await t(() => c.increment('x', '2'))
    r.incObject = await t(() => c.increment('x', {}))
    r.x = await storage.get('x')
    await c.init('z', 10)
    r.afterInit = await t(() => c.increment('z'))
    await storage.set('text', 'abc')
    r.incText = (await t(() => c.increment('text'))).startsWith('throws ')
`)
	assert.JSONEq(t, `{
		"initResult": "<undefined>",
		"a": 0,
		"initAgain": "<undefined>",
		"aStill": 0,
		"b": 5,
		"init_null": 0,
		"init_zero": 0,
		"init_false": 0,
		"init_empty": 0,
		"init_undef": 0,
		"initString": "throws Error: The cursor's initial value must be a number!",
		"initObject": "throws Error: The cursor's initial value must be a number!",
		"initTrue": "throws Error: The cursor's initial value must be a number!",
		"initBadStored": "not stored",
		"preset": 42,
		"incMissing": 1,
		"incType": "number",
		"incZeroIsOne": 3,
		"incNull": 4,
		"incFive": 9,
		"incNegative": 6,
		"incFraction": 6.5,
		"incFirstBy": 7,
		"incString": "throws Error: The incrementBy value must be a number!",
		"incObject": "throws Error: The incrementBy value must be a number!",
		"x": 6.5,
		"afterInit": 11,
		"incText": true
	}`, got)

	// The cursor shares the config's storage namespace.
	v, _, _ := e.storage.Get(context.Background(), "1", "x")
	assert.Equal(t, "6.5", v)
}

// --- config, attachments, global ---

func TestMetaConfig(t *testing.T) {
	p := mtLoad(t, `{
		"name": "config-test",
		"config": [
			{"key": "withDefault", "type": "string", "default": "D"},
			{"key": "overridden", "type": "string", "default": "old"},
			{"key": "given", "type": "string"},
			{"key": "unset", "type": "string"},
			{"key": "choice", "type": "choice", "choices": ["x", "y"], "default": "y"},
			{"markdown": "Some text"}
		]
	}`, `
export function processEvent(event, { config }) {
    event.properties.config = config
    event.properties.keys = Object.keys(config)
    event.properties.unsetType = typeof config.unset
    return event
}`)
	c := mtChain(t)
	mtAdd(t, c, PluginConfig{Plugin: p, Config: map[string]any{"overridden": "new", "given": "G", "extra": "E"}})
	props := mtProcess(t, c)
	assert.Equal(t, `{"withDefault":"D","overridden":"new","given":"G","choice":"y","extra":"E"}`, mtJSON(t, props, "config"))
	assert.Equal(t, `["withDefault","overridden","given","choice","extra"]`, mtJSON(t, props, "keys"))
	assert.Equal(t, `"undefined"`, mtJSON(t, props, "unsetType"))
}

func TestMetaAttachments(t *testing.T) {
	p := mtLoad(t, `{
		"name": "attach-test",
		"config": [{"key": "file", "type": "attachment"}, {"key": "other", "type": "attachment"}]
	}`, `
export function processEvent(event, { attachments }) {
    const f = attachments.file
    event.properties.attachmentKeys = Object.keys(attachments)
    event.properties.keys = Object.keys(f)
    event.properties.metaKeys = Object.keys(arguments[1])
    event.properties.content_type = f.content_type
    event.properties.file_name = f.file_name
    event.properties.length = f.contents.length
    event.properties.bytes = Array.from(f.contents)
    event.properties.isUint8Array = f.contents instanceof Uint8Array
    event.properties.text = String.fromCharCode(...f.contents.slice(4))
    f.contents[0] = 99 // the plugin cannot change the host's copy
    return event
}`)
	contents := []byte{0, 1, 255, 128, 'h', 'i'}
	c := mtChain(t, WithPoolSize(1))
	mtAdd(t, c, PluginConfig{Plugin: p, Attachments: map[string]Attachment{
		"file": {ContentType: "application/octet-stream", FileName: "data.bin", Contents: contents},
	}})
	props := mtProcess(t, c)
	assert.Equal(t, `["file"]`, mtJSON(t, props, "attachmentKeys"))
	assert.Equal(t, `["content_type","file_name","contents"]`, mtJSON(t, props, "keys"))
	assert.Equal(t, `["cache","config","attachments","storage","geoip","jobs","utils","global"]`, mtJSON(t, props, "metaKeys"))
	assert.Equal(t, `"application/octet-stream"`, mtJSON(t, props, "content_type"))
	assert.Equal(t, `"data.bin"`, mtJSON(t, props, "file_name"))
	assert.Equal(t, `6`, mtJSON(t, props, "length"))
	assert.Equal(t, `[0,1,255,128,104,105]`, mtJSON(t, props, "bytes"))
	assert.Equal(t, `true`, mtJSON(t, props, "isUint8Array"))
	assert.Equal(t, `"hi"`, mtJSON(t, props, "text"))
	assert.Equal(t, byte(0), contents[0])

	// A config without attachments sees an empty object.
	p2 := mtLoad(t, `{"name": "no-attach"}`, `
export function processEvent(event, { attachments }) {
    event.properties.attachments = attachments
    return event
}`)
	c2 := mtChain(t)
	mtAdd(t, c2, PluginConfig{Plugin: p2})
	assert.Equal(t, `{}`, mtJSON(t, mtProcess(t, c2), "attachments"))
}

func TestMetaGlobal(t *testing.T) {
	p := mtLoad(t, `{"name": "global-test", "config": [{"key": "name"}]}`, `
export function setupPlugin({ global, config }) {
    global.calls = 0
    global.name = config.name
}
export function processEvent(event, { global }) {
    global.calls++
    event.properties['calls_' + global.name] = global.calls
    return event
}`)
	c := mtChain(t, WithPoolSize(1))
	mtAdd(t, c, PluginConfig{Plugin: p, Config: map[string]any{"name": "A"}})
	mtAdd(t, c, PluginConfig{Plugin: p, Config: map[string]any{"name": "B"}})
	for i := 1; i <= 3; i++ {
		props := mtProcess(t, c)
		assert.Equal(t, strconv.Itoa(i), mtJSON(t, props, "calls_A"))
		assert.Equal(t, strconv.Itoa(i), mtJSON(t, props, "calls_B"), "each config has its own global")
	}
}

// --- geoip ---

type mtGeoIP struct {
	mu   sync.Mutex
	ips  []string
	recs map[string]map[string]any
}

func (g *mtGeoIP) Locate(_ context.Context, ip string) (map[string]any, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.ips = append(g.ips, ip)
	if ip == "fail" {
		return nil, errors.New("lookup failed")
	}
	rec, ok := g.recs[ip]
	if !ok {
		return nil, nil
	}
	return rec, nil
}

const mtGeoIPPlugin = `
export async function processEvent(event, { geoip }) {
    for (const ip of ['1.2.3.4', '9.9.9.9', 'fail']) {
        event.properties['geo_' + ip] = await geoip.locate(ip)
    }
    return event
}`

func TestMetaGeoIPNone(t *testing.T) {
	c := mtChain(t)
	mtAdd(t, c, PluginConfig{Plugin: mtLoad(t, `{"name": "geo"}`, mtGeoIPPlugin)})
	props := mtProcess(t, c)
	for _, ip := range []string{"1.2.3.4", "9.9.9.9", "fail"} {
		assert.Equal(t, "null", mtJSON(t, props, "geo_"+ip), ip)
	}
}

func TestMetaGeoIP(t *testing.T) {
	g := &mtGeoIP{recs: map[string]map[string]any{
		"1.2.3.4": {
			"city":         map[string]any{"names": map[string]any{"en": "Paris"}},
			"country":      map[string]any{"isoCode": "FR", "names": map[string]any{"en": "France"}},
			"location":     map[string]any{"latitude": 48.8566, "longitude": 2.3522, "timeZone": "Europe/Paris", "accuracyRadius": 20},
			"subdivisions": []any{map[string]any{"isoCode": "IDF"}},
		},
	}}
	c := mtChain(t, WithGeoIP(g))
	mtAdd(t, c, PluginConfig{Plugin: mtLoad(t, `{"name": "geo"}`, mtGeoIPPlugin)})
	props := mtProcess(t, c)
	assert.JSONEq(t, `{
		"city": {"names": {"en": "Paris"}},
		"country": {"isoCode": "FR", "names": {"en": "France"}},
		"location": {"accuracyRadius": 20, "latitude": 48.8566, "longitude": 2.3522, "timeZone": "Europe/Paris"},
		"subdivisions": [{"isoCode": "IDF"}]
	}`, mtJSON(t, props, "geo_1.2.3.4"))
	assert.Equal(t, "null", mtJSON(t, props, "geo_9.9.9.9"), "an unknown address is null")
	assert.Equal(t, "null", mtJSON(t, props, "geo_fail"), "a failed lookup is null, as on PostHog")
	g.mu.Lock()
	assert.Equal(t, []string{"1.2.3.4", "9.9.9.9", "fail"}, g.ips)
	g.mu.Unlock()
}

// --- operations the plugin does not await ---

func TestMetaUnawaitedStorageSet(t *testing.T) {
	st := memstore.NewStorage()
	c := mtChain(t, WithStorage(st), WithPoolSize(1))
	mtAdd(t, c, PluginConfig{ID: 5, Plugin: mtLoad(t, `{"name": "fire-and-forget"}`, `
export function processEvent(event, { storage }) {
    for (let i = 0; i < 200; i++) {
        storage.set('k' + i, { i })
    }
    storage.del('k0')
    return event
}`)})
	mtProcess(t, c)
	for i := 1; i < 200; i++ {
		v, found, err := st.Get(context.Background(), "5", "k"+strconv.Itoa(i))
		require.NoError(t, err)
		require.True(t, found, "k%d was written before ProcessEvent returned", i)
		assert.Equal(t, fmt.Sprintf(`{"i":%d}`, i), v)
	}
}

// mtCountingCache tracks how many Incr calls run at once.
type mtCountingCache struct {
	*memstore.Cache
	cur, peak, calls atomic.Int64
}

func (c *mtCountingCache) Incr(ctx context.Context, ns, key string) (int64, error) {
	n := c.cur.Add(1)
	for {
		p := c.peak.Load()
		if n <= p || c.peak.CompareAndSwap(p, n) {
			break
		}
	}
	time.Sleep(50 * time.Microsecond)
	defer c.cur.Add(-1)
	c.calls.Add(1)
	return c.Cache.Incr(ctx, ns, key)
}

func TestMetaUnawaitedCacheIncr(t *testing.T) {
	for _, maxOps := range []int{0, 8} {
		t.Run(fmt.Sprintf("maxOps=%d", maxOps), func(t *testing.T) {
			ca := &mtCountingCache{Cache: memstore.NewCache()}
			opts := []Option{WithCache(ca), WithPoolSize(1)}
			if maxOps > 0 {
				opts = append(opts, WithMaxPendingOps(maxOps))
			}
			c := mtChain(t, opts...)
			mtAdd(t, c, PluginConfig{TeamID: 3, Plugin: mtLoad(t, `{"name": "incr-loop"}`, `
export function processEvent(event, { cache }) {
    for (let i = 0; i < 1000; i++) {
        cache.incr('hits')
    }
    return event
}`)})
			mtProcess(t, c)
			v, found, err := ca.Get(context.Background(), "incr-loop/3", "hits")
			require.NoError(t, err)
			require.True(t, found)
			assert.Equal(t, "1000", v, "every unawaited incr completed before ProcessEvent returned")
			assert.EqualValues(t, 1000, ca.calls.Load())
			limit := int64(maxOps)
			if limit == 0 {
				limit = 64 // vm.DefaultMaxPendingOps
			}
			assert.LessOrEqual(t, ca.peak.Load(), limit, "in-flight operations are bounded")

			// A second event adds another 1000, awaited together this time.
			c2 := mtChain(t, opts...)
			mtAdd(t, c2, PluginConfig{TeamID: 3, Plugin: mtLoad(t, `{"name": "incr-loop"}`, `
export async function processEvent(event, { cache }) {
    const all = []
    for (let i = 0; i < 1000; i++) {
        all.push(cache.incr('hits'))
    }
    const results = await Promise.all(all)
    event.properties.max = Math.max(...results)
    event.properties.distinct = new Set(results).size
    return event
}`)})
			props := mtProcess(t, c2)
			assert.Equal(t, "2000", mtJSON(t, props, "max"))
			assert.Equal(t, "1000", mtJSON(t, props, "distinct"))
		})
	}
}

// TestMetaKeysArgument checks how keys and elements are turned into strings.
func TestMetaKeysArgument(t *testing.T) {
	e := newMTEnv()
	got := e.run(t, `
    await storage.set(5, 'five')
    r.numberKey = await storage.get('5')
    await cache.set(undefined, 'u')
    r.undefinedKey = await cache.get('undefined')
    await cache.set(null, 'n')
    r.nullKey = await cache.get('null')
`)
	assert.JSONEq(t, `{"numberKey":"five","undefinedKey":"u","nullKey":"n"}`, got)
	v, found, _ := e.storage.Get(context.Background(), "1", "5")
	assert.True(t, found)
	assert.Equal(t, `"five"`, v)
	v, found, _ = e.cache.Get(context.Background(), "meta-test/1", "undefined")
	assert.True(t, found)
	assert.Equal(t, `"u"`, v)
}

// meta's members are built on first read, but it behaves as the plain object PostHog passed:
// data properties in the reference's order, open to new keys, deletes and spreads.
func TestMetaBehavesAsAPlainObject(t *testing.T) {
	p := loadJS(t, "meta-shape", `export async function processEvent(event, meta) {
    const p = event.properties
    p.keys = Object.keys(meta)
    p.descriptor = Object.getOwnPropertyDescriptor(meta, 'config')
    p.hasOwn = Object.prototype.hasOwnProperty.call(meta, 'jobs') && 'cache' in meta && !('nope' in meta)
    p.spread = Object.keys({ ...meta, extra: 1 })
    p.cacheWorks = (await meta.cache.incr('n')) === 1 && typeof meta.storage.get === 'function'
    meta.added = true
    delete meta.geoip
    p.after = Object.keys(meta)
    p.same = meta.cache === meta.cache && meta.global === meta.global
    return event
}`)
	c := mtChain(t, WithPoolSize(1))
	mtAdd(t, c, PluginConfig{Plugin: p, Config: map[string]any{"a": "b"}})
	props := mtProcess(t, c)
	assert.Equal(t, `["cache","config","attachments","storage","geoip","jobs","utils","global"]`, mtJSON(t, props, "keys"))
	assert.Equal(t, `{"value":{"a":"b"},"writable":true,"enumerable":true,"configurable":true}`, mtJSON(t, props, "descriptor"))
	assert.Equal(t, `true`, mtJSON(t, props, "hasOwn"))
	assert.Equal(t, `["cache","config","attachments","storage","geoip","jobs","utils","global","extra"]`, mtJSON(t, props, "spread"))
	assert.Equal(t, `true`, mtJSON(t, props, "cacheWorks"))
	assert.Equal(t, `["cache","config","attachments","storage","jobs","utils","global","added"]`, mtJSON(t, props, "after"))
	assert.Equal(t, `true`, mtJSON(t, props, "same"))
}

func TestMetaCanBeFrozenAndTakesSymbols(t *testing.T) {
	p := loadJS(t, "meta-frozen", `
const tag = Symbol('tag')
export function setupPlugin(meta) {
    meta[tag] = 'mine'
    Object.defineProperty(meta, 'hidden', { value: 1 })
    Object.freeze(meta)
}
export async function processEvent(event, meta) {
    const p = event.properties
    p.frozen = Object.isFrozen(meta)
    p.symbol = meta[tag]
    p.keys = Object.keys(meta)
    p.hidden = meta.hidden
    p.jobKeys = Object.keys(meta.jobs)
    p.jobIn = 'x' in meta.jobs
    p.jobType = typeof meta.jobs.anything
    p.cacheKeys = Object.keys(meta.cache)
    p.n = await meta.cache.incr('n')
    return event
}`)
	c := mtChain(t, WithPoolSize(1))
	mtAdd(t, c, PluginConfig{Plugin: p})
	props := mtProcess(t, c)
	assert.Equal(t, `true`, mtJSON(t, props, "frozen"))
	assert.Equal(t, `"mine"`, mtJSON(t, props, "symbol"))
	assert.Equal(t, `["cache","config","attachments","storage","geoip","jobs","utils","global"]`, mtJSON(t, props, "keys"))
	assert.Equal(t, `1`, mtJSON(t, props, "hidden"))
	assert.Equal(t, `[]`, mtJSON(t, props, "jobKeys"))
	assert.Equal(t, `false`, mtJSON(t, props, "jobIn"))
	assert.Equal(t, `"function"`, mtJSON(t, props, "jobType"))
	assert.Equal(t, `["expire","get","incr","llen","lpop","lpush","lrange","lrem","set"]`, mtJSON(t, props, "cacheKeys"))
	assert.Equal(t, `1`, mtJSON(t, props, "n"))
}

// wrappedCache is a host's cache built on the in-memory one, as a wrapper adding metrics or
// latency would be: it may block, so its operations run on goroutines of their own.
type wrappedCache struct{ *memstore.Cache }

// With the in-memory defaults, cache and storage operations run at once, in the order the
// plugin starts them; other implementations, wrappers of the in-memory ones included, run on
// goroutines of their own. Either way the promises settle after the jobs already queued, as
// with a Redis server on Node, and a plugin that awaits gets the same results.
func TestInMemoryStoresRunAtOnce(t *testing.T) {
	src := `export async function processEvent(e, { cache, storage }) {
    const order = []
    cache.set('a', 1)
    storage.set('b', 2)
    cache.get('a').then(() => order.push('cache'))
    Promise.resolve().then(() => order.push('microtask'))
    e.properties.race = await Promise.race([storage.get('b'), Promise.resolve('other')])
    e.properties.a = await cache.get('a')
    e.properties.b = await storage.get('b')
    e.properties.n = await cache.incr('n')
    e.properties.order = order
    return e
}`
	for name, opts := range map[string][]Option{
		"in memory": nil,
		"wrapped":   {WithCache(wrappedCache{memstore.NewCache()})},
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := newChain(t, opts...)
			addJS(t, c, "p", src)
			out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
			require.NoError(t, err)
			props, _ := out.Property("order")
			assert.Equal(t, []any{"microtask", "cache"}, props)
			race, _ := out.Property("race")
			assert.Equal(t, "other", race)
			n, _ := out.Property("n")
			assert.Equal(t, float64(1), n)
			if name == "in memory" {
				// Not awaited, yet done: the operations ran when the plugin called them.
				a, _ := out.Property("a")
				b, _ := out.Property("b")
				assert.Equal(t, []any{float64(1), float64(2)}, []any{a, b})
			}
		})
	}
	spec := map[string]any{"get": vm.AsyncFunc(func(context.Context, []any) (any, error) { return nil, nil })}
	assert.IsType(t, vm.AsyncFunc(nil), immediateIf(wrappedCache{}, spec)["get"])
	assert.IsType(t, vm.ImmediateFunc(nil), immediateIf(memstore.NewStorage(), spec)["get"])
}
