package vm

import (
	"errors"
	"reflect"

	"github.com/dop251/goja"
	"github.com/dop251/goja/unistring"

	"github.com/plugchain/plugchain/ojson"
)

// lazyObject shows an ojson.Object to JavaScript without converting it up front: a property
// is converted when the plugin reads it. Events are large and most plugins touch a few
// properties, so this saves most of the conversion work.
//
// base is shared (with the host, other plugins, other calls) and never written. The plugin's
// changes are kept beside it as a few edits, or, past maxEdits, in own, a full copy of the
// level. Nested objects are wrapped on first read and the wrapper is kept (in kids, or in
// many past maxEdits of them), so e.properties === e.properties holds; arrays become real
// JavaScript arrays the same way. Values the plugin assigns stay JavaScript values until
// materialize converts them, which copies only the levels that changed.
type lazyObject struct {
	in    *Instance
	base  *ojson.Object
	edits []lazyEdit
	own   *ojson.Object // nil until edits outgrow maxEdits
	kids  []lazyKid
	many  map[string]goja.Value // the kids, once there are more than maxEdits of them
	strs  []lazyStr             // JavaScript values of the string properties read, by key
	moved bool                  // a key of base was deleted: base's positions no longer hold
	gen   uint32                // counts changes, so a conversion notices the level changing under it
}

// lazyEdit is one change the plugin made to a key of the object.
type lazyEdit struct {
	key   string
	val   any // as storable returns it
	state editState
}

type editState uint8

const (
	replaced editState = iota // a key of base, given a new value in its place
	added                     // a key after base's keys (possibly one of base's, deleted and set again)
	deleted                   // a key of base, deleted
)

// maxEdits bounds the edits kept beside base: lookups scan them, so past this many the level
// is copied into own.
const maxEdits = 16

// maxCachedStrings bounds the string values a level keeps: lookups scan them, and a plugin
// that reads every property of a wide event once gains nothing from more.
const maxCachedStrings = 8

// lazyKid is the wrapper or array made for a nested object or array of the level, and for
// a wrapper the lazyObject behind it, which the conversion back would otherwise have to ask
// goja for.
type lazyKid struct {
	key  string
	val  goja.Value
	lazy *lazyObject
}

// lazyStr is the JavaScript value of a string property read.
type lazyStr struct {
	key string
	val goja.Value
}

var lazyObjectType = reflect.TypeOf((*lazyObject)(nil))

var ownValuesType = reflect.TypeOf((map[unistring.String]goja.Value)(nil))

// ownValues returns the map in which goja keeps o's own string-keyed properties (accessors
// included), to look one up without running a getter; nil if o is not built that way.
func ownValues(o *goja.Object) *map[unistring.String]goja.Value {
	f, ok := gojaField(o, "values", ownValuesType)
	if !ok {
		return nil
	}
	return f.Addr().Interface().(*map[unistring.String]goja.Value)
}

// inheritedToJSON reports whether Object.prototype or Array.prototype has a toJSON (or
// whether that cannot be told): JSON.stringify then calls it on every nested object and
// array, so levels the plugin never read cannot be shared as they are.
func (in *Instance) inheritedToJSON() bool {
	return ownsToJSON(in.objectProtoOwn) || ownsToJSON(in.arrayProtoOwn)
}

// ownsToJSON reports whether the object whose own properties are values (see ownValues) has
// a toJSON of its own, or whether that cannot be told (values nil).
func ownsToJSON(values *map[unistring.String]goja.Value) bool {
	if values == nil {
		return true
	}
	_, has := (*values)["toJSON"]
	return has
}

// viaJS returns the JavaScript value the plugin would read under key (a wrapper, an array)
// when v, its stored value, is an object or array, so that converting it runs what
// JSON.stringify would run on it.
func (l *lazyObject) viaJS(key string, v any) any {
	if isContainer(v) {
		if w := l.Get(key); w != nil {
			return w
		}
	}
	return v
}

func isContainer(v any) bool {
	switch v.(type) {
	case *ojson.Object, []any:
		return true
	}
	return false
}

// noToJSON reports whether w, the wrapper of l, certainly has no toJSON to call: l has no
// such key and w inherits from an Object.prototype without one. That is almost every event,
// and it spares a lookup through the wrapper and the prototype for each converted level.
func (in *Instance) noToJSON(l *lazyObject, w *goja.Object) bool {
	if w.Prototype() != in.objectProto {
		return false
	}
	if _, has := l.lookup("toJSON"); has {
		return false
	}
	return !ownsToJSON(in.objectProtoOwn)
}

// lazy wraps obj for the current call. obj is only read, then and later (the plugin may keep
// the wrapper), so it must not change afterwards.
func (in *Instance) lazy(obj *ojson.Object) *goja.Object {
	_, w := in.newLazy(obj)
	return w
}

func (in *Instance) newLazy(obj *ojson.Object) (*lazyObject, *goja.Object) {
	if obj == nil {
		obj = ojson.NewObject(0)
	}
	l := &lazyObject{in: in, base: obj}
	return l, in.rt.NewDynamicObject(l)
}

func (l *lazyObject) kid(key string) goja.Value {
	v, _ := l.kidLazy(key)
	return v
}

// kidLazy is kid with the lazyObject behind the wrapper, when it is known.
func (l *lazyObject) kidLazy(key string) (goja.Value, *lazyObject) {
	if l.many != nil {
		return l.many[key], nil
	}
	for i := range l.kids {
		if l.kids[i].key == key {
			return l.kids[i].val, l.kids[i].lazy
		}
	}
	return nil, nil
}

// addKid keeps the wrapper (and its lazyObject) or array made for key; past maxEdits of them
// they go into a map, so a plugin reading every nested level of a wide one does not scan them
// all each time.
func (l *lazyObject) addKid(key string, v goja.Value, lazy *lazyObject) {
	if l.many == nil && len(l.kids) < maxEdits {
		l.kids = append(l.kids, lazyKid{key, v, lazy})
		return
	}
	if l.many == nil {
		l.many = make(map[string]goja.Value, 2*maxEdits)
		for _, k := range l.kids {
			l.many[k.key] = k.val
		}
		l.kids = nil
	}
	l.many[key] = v
}

// dropKid forgets what reads of key made, before key changes.
func (l *lazyObject) dropKid(key string) {
	delete(l.many, key)
	for i := range l.kids {
		if l.kids[i].key == key {
			l.kids = append(l.kids[:i], l.kids[i+1:]...)
			break
		}
	}
	for i := range l.strs {
		if l.strs[i].key == key {
			l.strs = append(l.strs[:i], l.strs[i+1:]...)
			return
		}
	}
}

func (l *lazyObject) edit(key string) int {
	for i := range l.edits {
		if l.edits[i].key == key {
			return i
		}
	}
	return -1
}

// lookup returns the value the plugin sees under key, as stored.
func (l *lazyObject) lookup(key string) (any, bool) {
	if l.own != nil {
		return l.own.Get(key)
	}
	if i := l.edit(key); i >= 0 {
		e := &l.edits[i]
		return e.val, e.state != deleted
	}
	return l.base.Get(key)
}

// addedIndex reports whether an added key is an array index, which goes before base's keys.
func (l *lazyObject) addedIndex() bool {
	for _, e := range l.edits {
		if e.state == added && ojson.IsArrayIndex(e.key) {
			return true
		}
	}
	return false
}

// current returns the value the plugin sees under key as stored, its wrapper if it has one.
func (l *lazyObject) current(key string) (any, bool) {
	if v := l.kid(key); v != nil {
		return v, true
	}
	return l.lookup(key)
}

func (l *lazyObject) Get(key string) goja.Value {
	if v := l.kid(key); v != nil {
		return v
	}
	v, ok := l.lookup(key)
	if !ok {
		return nil
	}
	switch x := v.(type) {
	case goja.Value:
		return x
	case undefinedValue:
		return goja.Undefined()
	case *ojson.Object:
		// Objects and arrays come from base: the plugin's own values are goja values.
		lazy, w := l.in.newLazy(x)
		l.addKid(key, w, lazy)
		return w
	case []any:
		arr := l.in.jsArray(x)
		l.addKid(key, arr, nil)
		return arr
	case string:
		// Plugins read the same string property again and again (a URL, a user agent):
		// its JavaScript value is kept so each read does not allocate it anew.
		for i := range l.strs {
			if l.strs[i].key == key {
				return l.strs[i].val
			}
		}
		s := jsString(l.in.rt, x)
		if len(l.strs) < maxCachedStrings {
			l.strs = append(l.strs, lazyStr{key, s})
		}
		return s
	default:
		return ToJS(l.in.rt, x)
	}
}

// jsArray converts an array eagerly (plugins use array methods on it), wrapping its objects.
func (in *Instance) jsArray(a []any) goja.Value {
	items := make([]any, len(a))
	for i, e := range a {
		switch x := e.(type) {
		case *ojson.Object:
			items[i] = in.lazy(x)
		case []any:
			items[i] = in.jsArray(x)
		default:
			items[i] = ToJS(in.rt, x)
		}
	}
	return in.rt.NewArray(items...)
}

func (l *lazyObject) Set(key string, val goja.Value) bool {
	l.gen++
	l.dropKid(key)
	v := storable(val)
	if l.own != nil {
		l.own.SetRaw(key, v)
		return true
	}
	switch i := l.edit(key); {
	case i < 0 && l.base.Has(key):
		l.edits = append(l.edits, lazyEdit{key, v, replaced})
	case i < 0:
		l.edits = append(l.edits, lazyEdit{key, v, added})
	case l.edits[i].state == deleted:
		// Set again after a delete, the key goes after the others, as in JavaScript.
		l.edits = append(l.edits[:i], l.edits[i+1:]...)
		l.edits = append(l.edits, lazyEdit{key, v, added})
	default:
		l.edits[i].val = v
	}
	if len(l.edits) > maxEdits {
		l.own = l.view()
		l.edits = nil
	}
	return true
}

// storable converts primitives at once and keeps objects as JavaScript values, since the
// plugin may still change them after the assignment.
func storable(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) {
		return Undefined
	}
	if goja.IsNull(v) {
		return nil
	}
	switch x := v.(type) {
	case *goja.Object, *goja.Symbol:
		return v
	case goja.String:
		return exportString(x)
	}
	switch x := v.Export().(type) {
	case string, bool, float64:
		return x
	case int64:
		return float64(x)
	}
	return v // symbols, BigInts: left for materialize to judge
}

func (l *lazyObject) Has(key string) bool {
	_, ok := l.lookup(key)
	return ok
}

func (l *lazyObject) Delete(key string) bool {
	l.gen++
	l.dropKid(key)
	if l.own != nil {
		l.own.Delete(key)
		return true
	}
	inBase := l.base.Has(key)
	l.moved = l.moved || inBase
	switch i := l.edit(key); {
	case i < 0 && inBase:
		l.edits = append(l.edits, lazyEdit{key: key, state: deleted})
	case i < 0:
	case inBase:
		l.edits[i] = lazyEdit{key: key, state: deleted}
	default:
		l.edits = append(l.edits[:i], l.edits[i+1:]...)
	}
	if len(l.edits) > maxEdits {
		l.own = l.view()
		l.edits = nil
	}
	return true
}

func (l *lazyObject) Keys() []string {
	switch {
	case l.own != nil:
		return l.own.Keys()
	case len(l.edits) == 0:
		return l.base.Keys()
	case l.addedIndex():
		return l.view().Keys() // added array-index keys go among base's: let ojson order them
	}
	keys := make([]string, 0, l.base.Len()+len(l.edits))
	l.each(func(k string, _ any, _, _ bool) bool {
		keys = append(keys, k)
		return true
	})
	return keys
}

// each calls f with the level's keys in order and their values as stored (kids in place of
// the nested values they wrap); added tells a key that follows base's keys, which f must
// place as JavaScript would (array-index keys in numeric order). It stops when f returns false.
func (l *lazyObject) each(f func(key string, v any, kid, added bool) bool) {
	src := l.base
	if l.own != nil {
		src = l.own
	}
	for i := 0; i < src.Len(); i++ {
		k, v := src.At(i)
		if l.own == nil && len(l.edits) > 0 {
			if j := l.edit(k); j >= 0 {
				if l.edits[j].state != replaced {
					continue // deleted, or set again after the others
				}
				v = l.edits[j].val
			}
		}
		isKid := false
		if kid := l.kid(k); kid != nil {
			v, isKid = kid, true
		}
		if !f(k, v, isKid, false) {
			return
		}
	}
	if l.own != nil {
		return
	}
	for _, e := range l.edits {
		if e.state == added && !f(e.key, e.val, false, true) {
			return
		}
	}
}

// view returns the level as the plugin sees it, values as stored.
func (l *lazyObject) view() *ojson.Object {
	out := ojson.NewObject(l.base.Len() + len(l.edits))
	l.each(func(k string, v any, kid, added bool) bool {
		if kid {
			v, _ = l.lookup(k) // kids are a cache: own keeps what they wrap
		}
		put(out, k, v, added)
		return true
	})
	return out
}

// put stores a key each reported, in order.
func put(o *ojson.Object, k string, v any, added bool) {
	if added {
		o.AppendNew(k, v)
	} else {
		o.AppendOrdered(k, v)
	}
}

// materialize returns l's object as plain JSON values, with JSON.stringify's semantics
// (undefined-valued keys are dropped). A level the plugin left unchanged is returned as it
// is, shared; a changed one is a new object, recorded as fresh if it is one of the first two
// levels of the result.
func (c *exporter) materialize(l *lazyObject) (*ojson.Object, error) {
	for _, seen := range c.objs {
		if seen == l {
			return nil, c.typeError("Converting circular structure to JSON")
		}
	}
	c.sharing = true
	viaJS := l.in.inheritedToJSON()
	if l.own == nil && len(l.edits) == 0 && len(l.kids) == 0 && len(l.many) == 0 && !viaJS {
		return l.base, nil
	}
	key := c.key
	if err := c.descend(); err != nil {
		return nil, err
	}
	c.objs = append(c.objs, l)
	defer func() { c.objs = c.objs[:len(c.objs)-1]; c.depth-- }()
	if l.own == nil && !l.moved && !l.addedIndex() {
		return c.patch(l, key, viaJS)
	}
	return c.rebuild(l, key, viaJS)
}

// patch materializes a level whose base keys are all in place and whose added keys are not
// array indices (so base's keys come first, as they are converted): the result is a copy of
// base with the changed values replaced and the added keys appended, or base itself when
// only nested levels were read and none of them changed.
//
// As JSON.stringify does, the keys are fixed when the conversion starts and the values are
// read as it reaches them: a toJSON or getter that changes the level makes the rest of the
// conversion read each value afresh (live).
//
// viaJS (see inheritedToJSON) makes it convert the nested levels the plugin never read too.
func (c *exporter) patch(l *lazyObject, key string, viaJS bool) (*ojson.Object, error) {
	base, gen := l.base, l.gen
	var addedBuf [4]string
	addedKeys := addedBuf[:0]
	for _, e := range l.edits {
		if e.state == added {
			addedKeys = append(addedKeys, e.key)
		}
	}
	var out *ojson.Object
	copyBase := func() {
		if out == nil {
			out = base.ShallowClone(c.room(l, key))
			c.made(out, key)
		}
	}
	baseChanged := len(l.edits) > len(addedKeys) // a key of base replaced or deleted
	if baseChanged {
		copyBase()
	}
	// With no wrappers to convert and no edits to base's keys, the loop would run no
	// JavaScript and change nothing: base's keys stay as they are.
	kids := len(l.kids) > 0 || len(l.many) > 0
	var drop []int // positions of keys JSON.stringify leaves out
	for i := 0; (baseChanged || kids || viaJS) && i < base.Len() && !c.stopped; i++ {
		k, raw := base.At(i)
		var v any
		switch {
		case l.gen != gen:
			cv, present := l.current(k)
			if !present {
				copyBase()
				drop = append(drop, i)
				continue
			}
			v = cv
			if viaJS {
				v = l.viaJS(k, v)
			}
		default:
			j := -1
			if baseChanged {
				j = l.edit(k)
			}
			if j >= 0 {
				v = l.edits[j].val // replaced: base's keys have no other edits here
			} else if kid, lazy := l.kidLazy(k); kid != nil {
				v = kid
				c.hint(kid, lazy)
			} else if viaJS && isContainer(raw) {
				v = l.viaJS(k, raw)
			} else {
				continue // shared as it is
			}
		}
		if !needsExport(v) {
			copyBase()
			out.SetAt(i, v)
			continue
		}
		nv, ok, err := c.entry(k, v)
		if err != nil {
			return nil, err
		}
		if out == nil {
			if !c.stopped && ok && sameValue(nv, base, i) {
				continue // a nested level left unchanged
			}
			copyBase()
		}
		switch {
		case c.stopped:
			out.Truncate(i)
		case ok:
			out.SetAt(i, nv)
		default:
			drop = append(drop, i)
		}
	}
	if out == nil {
		if len(addedKeys) == 0 {
			return base, nil
		}
		// Keys added only (a property set, typically): the result appends them to base's
		// keys in base's spare room, without copying base.
		out = base.Extend(c.room(l, key))
		c.made(out, key)
	}
	for j := len(drop) - 1; j >= 0; j-- {
		if drop[j] < out.Len() {
			out.DeleteAt(drop[j])
		}
	}
	if err := c.appendLive(out, l, addedKeys, false, viaJS); err != nil {
		return nil, err
	}
	return out, nil
}

// rebuild materializes a level key by key, for levels copied into own, with keys deleted or
// with added array-index keys. The keys are fixed when it starts and each value is read as
// the conversion reaches it, as JSON.stringify does.
func (c *exporter) rebuild(l *lazyObject, key string, viaJS bool) (*ojson.Object, error) {
	keys := l.Keys()
	out := ojson.NewObject(len(keys) + c.room(l, key))
	c.made(out, key)
	if err := c.appendLive(out, l, keys, true, viaJS); err != nil {
		return nil, err
	}
	return out, nil
}

// appendLive adds keys to out with the values l holds now, converted, leaving out keys that
// are gone and what JSON.stringify leaves out, and stopping when a lenient read ran out of
// time. inOrder says the keys come in their final order, each once (else each is placed as
// JavaScript orders a new key).
func (c *exporter) appendLive(out *ojson.Object, l *lazyObject, keys []string, inOrder, viaJS bool) error {
	for _, k := range keys {
		if c.stopped {
			break
		}
		v, present := l.current(k)
		if !present {
			continue
		}
		if viaJS {
			v = l.viaJS(k, v)
		}
		nv, ok, err := c.entry(k, v)
		if err != nil {
			return err
		}
		if !ok || c.stopped {
			continue
		}
		if inOrder {
			out.AppendOrdered(k, nv)
		} else {
			out.AppendNew(k, nv)
		}
	}
	return nil
}

// freshSpare is the room a materialized properties object leaves for keys the host adds
// (the chain adds three $plugins_* properties).
const freshSpare = 3

// room is how many keys a copy of l's base needs room for beyond base's.
func (c *exporter) room(l *lazyObject, key string) int {
	n := len(l.edits)
	if c.depth == 2 && key == "properties" {
		n += freshSpare
	}
	return n
}

// sameValue reports whether nv, a nested level just materialized, is what src holds at
// position i: the same object, or an array with the same elements.
func sameValue(nv any, src *ojson.Object, i int) bool {
	_, old := src.At(i)
	return sameNode(nv, old)
}

func sameNode(a, b any) bool {
	switch x := a.(type) {
	case *ojson.Object:
		y, ok := b.(*ojson.Object)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameNode(x[i], y[i]) {
				return false
			}
		}
		return true
	case nil, bool, float64, string:
		return a == b
	}
	return false
}

// needsExport reports whether a stored value must be converted: the plugin's JavaScript
// values and undefined.
func needsExport(v any) bool {
	switch v.(type) {
	case goja.Value, undefinedValue:
		return true
	}
	return false
}

// entry converts the value stored under k; ok is false for a key JSON.stringify leaves out.
// A lenient read leaves out what it cannot convert, and an interrupt stops it (c.stopped):
// out of time, it keeps what was read, at every level.
func (c *exporter) entry(k string, v any) (nv any, ok bool, err error) {
	nv, ok, err = c.plainValue(k, v)
	if err != nil {
		if !c.lenient {
			return nil, false, err
		}
		if isInterrupt(err) {
			c.stopped = true
		}
		return nil, false, nil
	}
	return nv, ok, nil
}

// plainValue materializes one value held in an ojson object or array. Plain objects and
// arrays there come from a base object, which is never written: they are shared as they are.
func (c *exporter) plainValue(key string, v any) (any, bool, error) {
	switch x := v.(type) {
	case goja.Value:
		return c.value(key, x, true)
	case undefinedValue:
		return nil, false, nil
	default:
		return v, true, nil
	}
}

func isInterrupt(err error) bool {
	var ie *goja.InterruptedError
	return errors.As(err, &ie)
}
