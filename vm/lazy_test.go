package vm

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// lazyInput is the event every lazyCases script gets. wide has more nested objects than a
// level keeps in its small list of wrappers.
var lazyInput = func() string {
	var wide []string
	for i := 0; i < 3*maxEdits; i++ {
		wide = append(wide, fmt.Sprintf(`"o%d":{"v":%d}`, i, i))
	}
	return `{"event":"$pageview","distinct_id":"u1","team_id":2,"0":"zero","properties":{"$current_url":"https://a.example/x?y=1","n":1,"nested":{"a":1,"b":{"c":[1,{"d":2}]}},"list":[1,"two",{"three":3}],"5":"five"},"$set":{"plan":"pro"},"wide":{` + strings.Join(wide, ",") + `}}`
}()

// lazyCases are processEvent bodies (e is the event) that read, change and return the event
// the way plugins do; each result must be exactly what Node gives for the same JavaScript on
// a plain parsed object.
var lazyCases = []struct{ name, body string }{
	{"unchanged", `return e`},
	{"add a property", `e.properties.hello = 'world'; return e`},
	{"replace a property", `e.properties.n = 2; return e`},
	{"replace then delete", `e.properties.n = 2; delete e.properties.n; return e`},
	{"delete then set again goes last", `delete e.properties.n; e.properties.n = 3; return e`},
	{"delete a nested level", `delete e.properties.nested; return e`},
	{"set undefined drops the key", `e.properties.n = undefined; e.x = undefined; return e`},
	{"set a function drops the key", `e.properties.f = () => 1; return e`},
	{"array index keys go first", `e.properties['2'] = 'two'; e.properties['10'] = 'ten'; e['1'] = 'one'; return e`},
	{"keys after changes", `delete e.properties.n; e.properties.z = 1; e.properties['3'] = 3; return {keys: Object.keys(e.properties), e}`},
	{"in and hasOwnProperty", `delete e.properties.n; e.properties.m = 1; return ['n' in e.properties, 'm' in e.properties, e.properties.hasOwnProperty('list'), Object.prototype.hasOwnProperty.call(e, 'zzz')]`},
	{"nested change", `e.properties.nested.b.c[1].d = 5; e.properties.nested.b.c.push(9); return e`},
	{"nested read only", `const s = e.properties.nested.b.c[1].d + e.properties.list.length; return [s, e]`},
	{"identity of nested levels", `return [e.properties === e.properties, e.properties.nested === e.properties.nested, e.properties.list === e.properties.list]`},
	{"replace a nested level", `e.properties.nested = {fresh: true}; e.properties.nested.more = 1; return e`},
	{"move a level", `e.properties = e.$set; e.properties.moved = true; return e`},
	{"same level twice", `e.a = e.properties.nested; e.b = e.properties.nested; e.b.x = 1; return e`},
	{"return a level", `e.properties.nested.z = 1; return e.properties`},
	{"spread", `return {...e, properties: {...e.properties, spread: 1}}`},
	{"spread after delete", `delete e.properties.list; return {...e.properties}`},
	{"json round trip", `e.properties.s = JSON.stringify(e.properties.nested); return JSON.parse(JSON.stringify(e))`},
	{"many writes", `for (let i = 0; i < 40; i++) e.properties['k' + i] = i; delete e.properties.k3; e.properties.k3 = 'again'; return e`},
	{"many writes then reads", `for (let i = 0; i < 40; i++) e.properties['k' + i] = i; return [Object.keys(e.properties).length, e.properties.k39, e.properties.nested.a, 'k0' in e.properties]`},
	{"many deletes", `for (const k of Object.keys(e.properties)) delete e.properties[k]; e.properties.only = 1; return e`},
	{"for in", `const ks = []; e.properties.added = 1; delete e.properties.n; for (const k in e.properties) ks.push(k); return ks`},
	{"entries", `e.properties.n = 'x'; return Object.entries(e.properties).map(([k, v]) => k + '=' + typeof v)`},
	{"assign", `Object.assign(e.properties, {n: 7, extra: [1]}); return e`},
	{"date and toJSON", `e.properties.d = new Date(0); e.properties.t = {toJSON() { return 'tj' }}; return e`},
	{"nan and infinity", `e.properties.a = NaN; e.properties.b = -Infinity; return e`},
	{"array holes and undefined", `e.properties.list[5] = 1; e.properties.list[1] = undefined; return e`},
	{"properties missing", `delete e.properties; e.properties = {}; e.properties.x = 1; return e`},
	{"delete missing key", `delete e.properties.nothing; return e`},
	{"change top level keeps order", `e.event = 'renamed'; e.distinct_id = 'u2'; return e`},
	{"toJSON replaces a level being converted", `e.properties.y = 1; e.$set.toJSON = () => { delete e.properties; e.properties = {x: 1}; return 1 }; return e`},
	{"toJSON deletes a later key and adds one", `const p = e.properties; p.nested.toJSON = () => { delete p.list; p.n2 = 1; return 1 }; return e`},
	{"toJSON makes many changes", `const p = e.properties; p.nested.toJSON = () => { for (let i = 0; i < 20; i++) p['k' + i] = i; p.list = 'late'; return 1 }; return e`},
	{"inherited toJSON changes the parent", `const p = e.properties; Object.prototype.toJSON = function () { if (this === p) e.$set = 5; return this }; return e`},
	{"inherited toJSON getter sees the level", `Object.defineProperty(Object.prototype, 'toJSON', {get() { const p = this; return p.$current_url ? () => "props:" + p.n : undefined }, configurable: true}); e.properties.hello = 1; return e`},
	{"prototype with toJSON swapped in", `Object.setPrototypeOf(e.properties, {toJSON() { return 'swapped' }}); return e`},
	{"toJSON set on an untouched level's prototype", `Object.setPrototypeOf(e.properties.nested, {toJSON() { return Object.keys(this) }}); return e`},
	{"inherited toJSON on levels never read", `Object.defineProperty(Object.prototype, 'toJSON', {value: function () { return this.a === 1 ? 'A' : this }, configurable: true}); e.properties.hello = 1; return e`},
	{"inherited toJSON on an event never read", `Object.prototype.toJSON = function () { return this.c ? {c: this.c.length} : this }; return e`},
	{"array toJSON on arrays never read", `Array.prototype.toJSON = function () { return this.length }; return e.properties`},
	{"inherited toJSON after a level changed", `const p = e.properties; p.n = 2; delete p.list; Object.prototype.toJSON = function () { return this.v === 3 ? 'three' : this }; return e`},
	{"toJSON order with an added index key", `const log = []; const p = e.properties; p['7'] = {toJSON() { log.push('7'); return 7 }}; p.z = {toJSON() { log.push('z'); return 'z' }}; p.nested.toJSON = () => { log.push('nested'); return 1 }; e.log = log; return e`},
	{"array read and left alone", `const n = e.properties.list.length + e.properties.nested.b.c.length; return [n, e]`},
	{"array element changed", `e.properties.list[2].three = 'changed'; return e`},
	{"string read, changed and read again", `const a = e.properties.$current_url; e.properties.$current_url = 'x'; const b = e.properties.$current_url; delete e.properties.$current_url; return [a, b, e.properties.$current_url, a === e.event, e.event === e.event, e]`},
	{"every nested level of a wide one read", `let n = 0; for (const k in e.wide) n += e.wide[k].v; e.n = n; return e`},
	{"wide level read and changed", `for (const k in e.wide) void e.wide[k].v; e.wide.o3 = 1; delete e.wide.o7; e.wide.o20.v = 'x'; e.wide.o40.w = [1]; return [e.wide.o20 === e.wide.o20, Object.keys(e.wide).length, e]`},
	{"wide level replaced after reads", `for (const k in e.wide) void e.wide[k]; const o = e.wide.o1; e.wide = {o1: o}; o.z = 1; return e`},
	{"many deletes then reads", `for (let i = 0; i < 30; i++) { e.properties['t' + i] = i; delete e.properties['t' + i] } delete e.properties.n; return [Object.keys(e.properties), e]`},
}

// lazyNodeResults runs lazyCases on Node.
func lazyNodeResults(t *testing.T) []string {
	node := requireNode(t, "the event object comparison")
	var fns []string
	for _, c := range lazyCases {
		fns = append(fns, "(e) => {"+c.body+"}")
	}
	// Each case runs in a context of its own, as each runs in an instance of its own here: a
	// case may change built-in prototypes.
	script := `const vm = require('node:vm')
const input = ` + "`" + lazyInput + "`" + `
const fns = ` + "`" + `[` + strings.Join(fns, ",\n") + `]` + "`" + `
const n = vm.runInNewContext(fns + '.length')
const out = []
for (let i = 0; i < n; i++) out.push(vm.runInNewContext('JSON.stringify(' + fns + '[' + i + '](JSON.parse(input)))', {input}))
console.log(JSON.stringify(out))`
	out, err := exec.Command(node, "-e", script).Output()
	require.NoError(t, err)
	var res []string
	require.NoError(t, json.Unmarshal(out, &res))
	return res
}

func TestEventObjectMatchesNode(t *testing.T) {
	want := lazyNodeResults(t)
	require.Len(t, want, len(lazyCases))
	for i, c := range lazyCases {
		t.Run(c.name, func(t *testing.T) {
			in := newInstance(t, "index.js", `export function processEvent(e) {`+c.body+`}`, Options{})
			src := event(t, lazyInput)
			before, err := ojson.Marshal(src)
			require.NoError(t, err)
			res, err := in.CallEvent(context.Background(), "processEvent", src)
			require.NoError(t, err)
			got, err := ojson.Marshal(res.Value)
			require.NoError(t, err)
			assert.Equal(t, want[i], string(got))
			after, err := ojson.Marshal(src)
			require.NoError(t, err)
			assert.Equal(t, string(before), string(after), "the event given to the call must not change")
		})
	}
}

// TestKeptEventDoesNotReachResults checks that a plugin keeping the event object and
// changing it in a later call changes neither the earlier result nor the earlier input.
func TestKeptEventDoesNotReachResults(t *testing.T) {
	in := newInstance(t, "index.js", `
let kept
export function processEvent(e) {
    if (kept) {
        kept.properties.later = true
        kept.properties.nested.a = 99
        kept.extra = 1
        return { event: 'second', seen: kept.properties.hello, keys: Object.keys(kept).length }
    }
    e.properties.hello = 'world'
    kept = e
    return e
}`, Options{})
	first := event(t, lazyInput)
	res1, err := in.CallEvent(context.Background(), "processEvent", first)
	require.NoError(t, err)
	out1, err := ojson.Marshal(res1.Value)
	require.NoError(t, err)
	res2, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"other"}`))
	require.NoError(t, err)
	out2, err := ojson.Marshal(res2.Value)
	require.NoError(t, err)
	assert.JSONEq(t, `{"event":"second","seen":"world","keys":8}`, string(out2))

	again, err := ojson.Marshal(res1.Value)
	require.NoError(t, err)
	assert.Equal(t, string(out1), string(again), "the first result changed after it was returned")
	orig, err := ojson.Marshal(first)
	require.NoError(t, err)
	want, err := ojson.Marshal(event(t, lazyInput))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(orig), "the first input changed")
}

// TestFreshLevels checks which objects of a result the caller may change.
func TestFreshLevels(t *testing.T) {
	for _, c := range []struct {
		name, body       string
		topFresh, fresh  bool // the top level; its properties
		propsSharedInput bool // properties is the input's own object
	}{
		{"unchanged", `return e`, false, false, true},
		{"property added", `e.properties.x = 1; return e`, true, true, false},
		{"top-level key added", `e.x = 1; return e`, true, false, true},
		{"new object", `return {event: 'x', properties: {a: 1}}`, true, true, false},
		{"new top, same properties", `return {event: 'x', properties: e.properties}`, true, false, true},
		{"arrays read", `const n = e.properties.list.length; return e`, false, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := newInstance(t, "index.js", `export function processEvent(e) {`+c.body+`}`, Options{})
			src := event(t, lazyInput)
			srcProps, _ := src.GetObject("properties")
			res, err := in.CallEvent(context.Background(), "processEvent", src)
			require.NoError(t, err)
			top := res.Value.(*ojson.Object)
			props, _ := top.GetObject("properties")
			assert.Equal(t, c.topFresh, res.Fresh(top), "top level")
			assert.Equal(t, c.fresh, res.Fresh(props), "properties")
			assert.Equal(t, c.propsSharedInput, props == srcProps, "properties shared with the input")
		})
	}
}

// Values that leave the runtime other than as an event result (a thrown value, host function
// arguments, Call results) are the receiver's own: they share nothing with the event.
func TestThrownValueSharesNothing(t *testing.T) {
	in := newInstance(t, "index.js", `export function processEvent(e) { throw e.properties.nested }`, Options{})
	src := event(t, lazyInput)
	_, err := in.CallEvent(context.Background(), "processEvent", src)
	var se *ScriptError
	require.ErrorAs(t, err, &se)
	thrown, ok := se.Value.(*ojson.Object)
	require.True(t, ok, "thrown value: %#v", se.Value)
	props, _ := src.GetObject("properties")
	nested, _ := props.GetObject("nested")
	assert.NotSame(t, nested, thrown)
	thrown.Set("a", "changed")
	v, _ := nested.Get("a")
	assert.Equal(t, float64(1), v)
}

// The exporter's stack of levels, kept on the instance, holds no event after a call, even one
// whose result could not be converted.
func TestConversionKeepsNoEvent(t *testing.T) {
	in := newInstance(t, "index.js", `export function processEvent(e) {
    e.properties.x = 1
    if (e.event === 'boom') e.properties.y = { get boom() { throw new Error('boom') } }
    return e
}`, Options{})
	for _, name := range []string{"ok", "boom"} {
		_, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"event":"`+name+`","properties":{"a":{"b":1}}}`))
		if name == "boom" {
			require.Error(t, err)
		}
		for i, l := range in.levels[:cap(in.levels)] {
			assert.Nil(t, l, "%s: level %d kept", name, i)
		}
	}
}
