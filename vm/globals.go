package vm

import (
	"context"
	"fmt"
	"slices"
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

var prelude = builtinProgram("plugchain:prelude", preludeSource)

func init() {
	registerGlobal("RetryError", func(in *Instance) (goja.Value, error) {
		res, err := in.rt.RunProgram(prelude())
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

// buildMeta turns the host's description of meta into the plain object PostHog passed, with
// global last. Members that are bags of host functions (cache, storage, utils, geoip, jobs)
// create their functions when a plugin first reads them: most plugins touch config and global
// only, and those functions would cost an idle instance about 20 KB.
func (in *Instance) buildMeta(spec Members) (*goja.Object, error) {
	meta := in.rt.NewObject()
	for _, m := range spec {
		if err := checkMember(m.Key, m.Value); err != nil {
			return nil, err
		}
		var v goja.Value
		if jobs, ok := m.Value.(*JobsHost); ok {
			v = in.rt.NewDynamicObject(&lazyJobs{in: in, host: jobs})
		} else if lazy, ok := m.Value.(Lazy); ok {
			v = in.rt.NewDynamicObject(&lazyBag{in: in, describe: lazy})
		} else if isBag(m.Value) && hasFunctions(m.Value) {
			desc := m.Value
			v = in.rt.NewDynamicObject(&lazyBag{in: in, describe: func() any { return desc }})
		} else {
			var err error
			if v, err = in.memberValue(m.Key, m.Value); err != nil {
				return nil, err
			}
		}
		if err := meta.Set(m.Key, v); err != nil {
			return nil, err
		}
	}
	if err := meta.Set("global", in.rt.NewObject()); err != nil {
		return nil, err
	}
	return meta, nil
}

// checkMember rejects descriptions memberValue cannot build, so a host mistake fails New
// rather than a plugin's first read. Lazy descriptions are checked when they are resolved.
func checkMember(key string, v any) error {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if err := checkMember(key+"."+k, e); err != nil {
				return err
			}
		}
	case Members:
		for _, m := range x {
			if err := checkMember(key+"."+m.Key, m.Value); err != nil {
				return err
			}
		}
	case Lazy, AsyncFunc, ImmediateFunc, SyncFunc, *ojson.Object, []any, string, float64, bool, nil, Value:
	default:
		return fmt.Errorf("meta.%s: unsupported %T", key, v)
	}
	return nil
}

// isBag reports whether a description is an object (Members or a map).
func isBag(v any) bool {
	switch v.(type) {
	case Members, map[string]any:
		return true
	}
	return false
}

// hasFunctions reports whether a description holds host functions, directly or nested.
func hasFunctions(v any) bool {
	switch x := v.(type) {
	case AsyncFunc, ImmediateFunc, SyncFunc, Lazy:
		return true
	case map[string]any:
		for _, e := range x {
			if hasFunctions(e) {
				return true
			}
		}
	case Members:
		for _, m := range x {
			if hasFunctions(m.Value) {
				return true
			}
		}
	}
	return false
}

// Lazy describes an object member by a function that returns its description (Members or a
// map) when a plugin first uses the object, so hosts need not build descriptions most
// plugins never need.
type Lazy func() any

// lazyBag is an object of host functions whose members are built on first read. To plugins
// it is an ordinary object with data properties in the description's order (map keys
// sorted); unlike one, it cannot be frozen and takes no symbol keys, which no plugin does to
// meta.cache or meta.storage.
type lazyBag struct {
	in       *Instance
	describe func() any
	resolved bool
	keys     []string
	pending  map[string]any // members not built yet
	vals     map[string]goja.Value
}

func (b *lazyBag) resolve() {
	if b.resolved {
		return
	}
	b.resolved = true
	b.vals = map[string]goja.Value{}
	b.pending = map[string]any{}
	switch x := b.describe().(type) {
	case Members:
		for _, m := range x {
			if _, dup := b.pending[m.Key]; !dup {
				b.keys = append(b.keys, m.Key)
			}
			b.pending[m.Key] = m.Value
		}
	case map[string]any:
		for k, v := range x {
			b.keys = append(b.keys, k)
			b.pending[k] = v
		}
		sort.Strings(b.keys)
	default:
		panic(b.in.jsError(fmt.Errorf("a lazy meta member must describe an object, not %T", x)))
	}
}

func (b *lazyBag) Get(key string) goja.Value {
	b.resolve()
	if v, ok := b.vals[key]; ok {
		return v
	}
	spec, ok := b.pending[key]
	if !ok {
		return nil
	}
	v, err := b.in.memberValue(key, spec)
	if err != nil {
		panic(b.in.jsError(err))
	}
	delete(b.pending, key)
	b.vals[key] = v
	return v
}

func (b *lazyBag) Set(key string, val goja.Value) bool {
	if !b.Has(key) {
		b.keys = append(b.keys, key)
	}
	delete(b.pending, key)
	b.vals[key] = val
	return true
}

func (b *lazyBag) Has(key string) bool {
	b.resolve()
	if _, ok := b.vals[key]; ok {
		return true
	}
	_, ok := b.pending[key]
	return ok
}

func (b *lazyBag) Delete(key string) bool {
	if !b.Has(key) {
		return true
	}
	delete(b.vals, key)
	delete(b.pending, key)
	b.keys = slices.DeleteFunc(b.keys, func(k string) bool { return k == key })
	return true
}

func (b *lazyBag) Keys() []string {
	b.resolve()
	return append([]string(nil), b.keys...)
}

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

// memberValue builds the JavaScript value of one described member.
func (in *Instance) memberValue(key string, v any) (goja.Value, error) {
	switch x := v.(type) {
	case Lazy:
		return in.memberValue(key, x())
	case map[string]any, Members:
		return in.buildObject(x)
	case AsyncFunc:
		return in.rt.ToValue(in.asyncFunction(x)), nil
	case ImmediateFunc:
		return in.rt.ToValue(in.immediateFunction(x)), nil
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
	return in.promiseFunction(func(args []any, settle func(any, error)) {
		in.startOp(func(ctx context.Context) func() {
			res, err := safeAsync(ctx, f, args)
			return func() { settle(res, err) }
		})
	})
}

// immediateFunction exposes f as a function returning a promise. f runs at once, on the
// instance's goroutine; the promise settles in the loop's next turn, after the jobs already
// queued, as it would when a reply arrives from a server (promise callbacks run in the order
// they would on Node).
func (in *Instance) immediateFunction(f ImmediateFunc) func(goja.FunctionCall) goja.Value {
	return in.promiseFunction(func(args []any, settle func(any, error)) {
		res, err := safeAsync(in.operationContext(), AsyncFunc(f), args)
		in.queueTurn(func() { settle(res, err) })
	})
}

// promiseFunction makes a host function that returns a promise: start gets the converted
// arguments and a function that settles the promise with a result or an error.
func (in *Instance) promiseFunction(start func(args []any, settle func(any, error))) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		if in.callCtx == nil {
			panic(in.jsError(errNoCallContext))
		}
		promise, resolve, reject := in.rt.NewPromise()
		settle := func(res any, err error) {
			if err != nil {
				_ = reject(in.jsError(err))
				return
			}
			_ = resolve(in.resultToJS(res))
		}
		if args, err := in.args(call); err != nil {
			settle(nil, err)
		} else {
			start(args, settle)
		}
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
