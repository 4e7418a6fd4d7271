package vm

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dop251/goja"

	"github.com/plugchain/plugchain/ojson"
)

// preludeSource defines the JavaScript-side globals every plugin sees. It is compiled once.
// RetryError matches @posthog/plugin-scaffold's class, including its toString.
const preludeSource = `(function () {
class RetryError extends Error {
    constructor(message) {
        super(message)
        this.name = "RetryError"
        this._attempt = undefined
        this._maxAttempts = undefined
    }
    get nameWithAttempts() {
        return this._attempt && this._maxAttempts ? this.name + " (attempt " + this._attempt + "/" + this._maxAttempts + ")" : this.name
    }
    toString() {
        return this.message ? this.nameWithAttempts + ": " + this.message : this.nameWithAttempts
    }
}
Object.defineProperty(globalThis, "RetryError", { value: RetryError, writable: true, configurable: true })
return { RetryError }
})()`

var prelude = goja.MustCompile("plugchain:prelude", preludeSource, true)

func init() {
	registerGlobal("RetryError", func(in *Instance) (goja.Value, error) {
		res, err := in.rt.RunProgram(prelude)
		if err != nil {
			return nil, err
		}
		return res.(*goja.Object).Get("RetryError"), nil
	})
	registerModule("@posthog/plugin-scaffold", func(in *Instance) (goja.Value, error) {
		m := in.rt.NewObject()
		return m, m.Set("RetryError", in.rt.Get("RetryError"))
	})
}

// moduleNotProvided is PostHog's message for a module outside its allow-list.
func moduleNotProvided(name string) string {
	return fmt.Sprintf("Cannot import '%s'! This package is not provided by PostHog in plugins.", name)
}

// require serves the modules a plugin may import. Unknown names throw PostHog's error.
func (in *Instance) require(call goja.FunctionCall) goja.Value {
	name := call.Argument(0).String()
	// Names starting with NUL hold per-instance internals (see buffer.go), not modules.
	if !strings.HasPrefix(name, "\x00") {
		if v, ok := in.requireModule(name); ok {
			return v
		}
	}
	panic(in.newError("Error", moduleNotProvided(name)))
}

// Member is one named value of an object described for the VM; Members keeps their order.
type Member struct {
	Key   string
	Value any
}

// Members describes an object whose keys must appear in a given order.
type Members []Member

// buildMeta turns the host's description of meta into a JavaScript object with global last.
// Members are built when a plugin first reads them: most plugins touch config and global
// only, and the functions behind cache, storage, jobs and the rest cost an idle instance
// about 20 KB.
func (in *Instance) buildMeta(spec Members) (*goja.Object, error) {
	m := &metaObject{in: in, pending: make(map[string]any, len(spec)+1), vals: map[string]goja.Value{}}
	for _, member := range spec {
		if _, dup := m.pending[member.Key]; !dup {
			m.keys = append(m.keys, member.Key)
		}
		m.pending[member.Key] = member.Value
	}
	if _, ok := m.pending["global"]; !ok {
		m.keys = append(m.keys, "global")
	}
	m.pending["global"] = globalMember{}
	return in.rt.NewDynamicObject(m), nil
}

// globalMember stands for meta.global: a new empty object per instance.
type globalMember struct{}

func (globalMember) toJS(in *Instance) goja.Value { return in.rt.NewObject() }

// metaObject is meta: an object whose host-described members are built on first read. To
// plugins it behaves as a plain object with data properties, in the host's key order.
type metaObject struct {
	in      *Instance
	keys    []string
	vals    map[string]goja.Value
	pending map[string]any // members not built yet
}

func (m *metaObject) Get(key string) goja.Value {
	if v, ok := m.vals[key]; ok {
		return v
	}
	spec, ok := m.pending[key]
	if !ok {
		return nil
	}
	v, err := m.in.memberValue(key, spec)
	if err != nil {
		panic(m.in.jsError(err))
	}
	delete(m.pending, key)
	m.vals[key] = v
	return v
}

func (m *metaObject) Set(key string, val goja.Value) bool {
	if !m.Has(key) {
		m.keys = append(m.keys, key)
	}
	delete(m.pending, key)
	m.vals[key] = val
	return true
}

func (m *metaObject) Has(key string) bool {
	if _, ok := m.vals[key]; ok {
		return true
	}
	_, ok := m.pending[key]
	return ok
}

func (m *metaObject) Delete(key string) bool {
	if !m.Has(key) {
		return true
	}
	delete(m.vals, key)
	delete(m.pending, key)
	for i, k := range m.keys {
		if k == key {
			m.keys = append(m.keys[:i:i], m.keys[i+1:]...)
			break
		}
	}
	return true
}

func (m *metaObject) Keys() []string { return append([]string(nil), m.keys...) }

// buildObject builds an object from Members (in order) or a map (keys sorted, so every
// instance looks the same).
func (in *Instance) buildObject(spec any) (*goja.Object, error) {
	var members Members
	switch x := spec.(type) {
	case Members:
		members = x
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			members = append(members, Member{k, x[k]})
		}
	}
	obj := in.rt.NewObject()
	for _, m := range members {
		jv, err := in.memberValue(m.Key, m.Value)
		if err != nil {
			return nil, err
		}
		if err := obj.Set(m.Key, jv); err != nil {
			return nil, err
		}
	}
	return obj, nil
}

// Lazy describes a member by a function that returns its description when a plugin first
// reads it, so hosts need not build the descriptions of members most plugins never use.
type Lazy func() any

// memberValue builds the JavaScript value of one described member.
func (in *Instance) memberValue(key string, v any) (goja.Value, error) {
	switch x := v.(type) {
	case Lazy:
		return in.memberValue(key, x())
	case map[string]any, Members:
		return in.buildObject(x)
	case AsyncFunc:
		return in.rt.ToValue(in.asyncFunction(x)), nil
	case SyncFunc:
		return in.rt.ToValue(in.syncFunction(x)), nil
	case *ojson.Object, []any, string, float64, bool, nil:
		return ToJS(in.rt, x), nil
	case Value:
		return x.toJS(in), nil
	}
	return nil, fmt.Errorf("meta.%s: unsupported %T", key, v)
}

func (in *Instance) args(call goja.FunctionCall) ([]any, error) {
	args := make([]any, len(call.Arguments))
	for i, a := range call.Arguments {
		v, ok, err := FromJS(in.rt, a)
		if err != nil {
			return nil, err
		}
		if !ok {
			v = Undefined
		}
		args[i] = v
	}
	return args, nil
}

func (in *Instance) syncFunction(f SyncFunc) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		args, err := in.args(call)
		if err != nil {
			panic(in.jsError(err))
		}
		res, err := f(args)
		if err != nil {
			panic(in.jsError(err))
		}
		return in.resultToJS(res)
	}
}

func (in *Instance) resultToJS(res any) goja.Value {
	switch x := res.(type) {
	case undefinedValue:
		return goja.Undefined()
	case Value:
		return x.toJS(in)
	}
	return ToJS(in.rt, res)
}

// asyncFunction exposes f as a function returning a promise. f runs on its own goroutine; its
// result is handed back to the instance's goroutine, which settles the promise.
func (in *Instance) asyncFunction(f AsyncFunc) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		if in.callCtx == nil {
			panic(in.jsError(errNoCallContext))
		}
		promise, resolve, reject := in.rt.NewPromise()
		args, err := in.args(call)
		if err != nil {
			_ = reject(in.jsError(err))
			return in.rt.ToValue(promise)
		}
		in.startOp(func(ctx context.Context) func() {
			res, err := safeAsync(ctx, f, args)
			return func() {
				if err != nil {
					_ = reject(in.jsError(err))
					return
				}
				_ = resolve(in.resultToJS(res))
			}
		})
		return in.rt.ToValue(promise)
	}
}

func safeAsync(ctx context.Context, f AsyncFunc, args []any) (res any, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = panicError(x)
		}
	}()
	return f(ctx, args)
}

// jsError converts a host error into a JavaScript Error object. A *ScriptError keeps its name
// so plugins can check it (TypeError, RetryError ...).
func (in *Instance) jsError(err error) goja.Value {
	if se, ok := err.(*ScriptError); ok && se.Name != "" {
		return in.newError(se.Name, se.Message)
	}
	return in.newError("Error", err.Error())
}

// newError constructs `new <name>(msg)` from the runtime's globals, falling back to an Error
// whose name property is set when no such constructor exists.
func (in *Instance) newError(name, msg string) *goja.Object {
	ctor, ok := in.rt.Get(name).(*goja.Object)
	if !ok {
		ctor = in.rt.Get("Error").(*goja.Object)
	}
	obj, err := in.rt.New(ctor, in.rt.ToValue(msg))
	if err != nil {
		panic(err)
	}
	if obj.Get("name").String() != name {
		_ = obj.Set("name", name)
	}
	return obj
}

// Value is a host value that builds its own JavaScript representation, such as a byte array.
type Value interface {
	toJS(in *Instance) goja.Value
}
