package vm

import (
	"context"
	"sort"

	"github.com/dop251/goja"
)

// A builder creates the value of a global or module in one instance.
type builder func(in *Instance) (goja.Value, error)

// Globals and modules built into every instance, registered by the files that implement them
// (URL, Buffer, crypto ...). Most plugins use few of them, so each is created on first use:
// an idle instance pays for none.
var (
	builtinGlobals = map[string]builder{}
	builtinModules = map[string]builder{}
)

// registerGlobal makes name a global of every instance, built by b when first read.
func registerGlobal(name string, b builder) {
	if _, dup := builtinGlobals[name]; dup {
		panic("vm: global registered twice: " + name)
	}
	builtinGlobals[name] = b
}

// registerModule makes name importable by every plugin, built by b when first required.
func registerModule(name string, b builder) {
	if _, dup := builtinModules[name]; dup {
		panic("vm: module registered twice: " + name)
	}
	builtinModules[name] = b
}

// lazyGlobals sits between the global object and Object.prototype: a global a plugin reads
// that the global object does not have is looked up here, built, and then defined on the
// global object itself, so later reads never come back here.
type lazyGlobals struct {
	in *Instance
}

func (l lazyGlobals) builder(key string) builder {
	if b, ok := builtinGlobals[key]; ok {
		return b
	}
	return nil
}

func (l lazyGlobals) Get(key string) goja.Value {
	in := l.in
	var v goja.Value
	if m, ok := in.hostGlobals[key]; ok {
		o, err := in.buildObject(m)
		if err != nil {
			panic(in.jsError(err))
		}
		v = o
	} else if b := l.builder(key); b != nil {
		var err error
		if v, err = b(in); err != nil {
			panic(in.jsError(err))
		}
	} else {
		return nil
	}
	in.defineGlobal(key, v)
	return v
}

func (l lazyGlobals) Has(key string) bool {
	_, host := l.in.hostGlobals[key]
	return host || l.builder(key) != nil
}

// Set is reached only by assignments to a global not yet built; the assigned value wins.
func (l lazyGlobals) Set(key string, val goja.Value) bool {
	l.in.defineGlobal(key, val)
	return true
}

func (l lazyGlobals) Delete(string) bool { return true }

func (l lazyGlobals) Keys() []string {
	keys := make([]string, 0, len(builtinGlobals)+len(l.in.hostGlobals))
	for k := range builtinGlobals {
		keys = append(keys, k)
	}
	for k := range l.in.hostGlobals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// defineGlobal defines a writable, configurable, non-enumerable global, as Node's are.
func (in *Instance) defineGlobal(name string, v goja.Value) {
	if err := in.rt.GlobalObject().DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		panic(err)
	}
}

// installLazyGlobals puts the lazy globals in the global object's prototype chain.
func (in *Instance) installLazyGlobals() error {
	lazy := in.rt.NewDynamicObject(lazyGlobals{in})
	if err := lazy.SetPrototype(in.rt.GlobalObject().Prototype()); err != nil {
		return err
	}
	return in.rt.GlobalObject().SetPrototype(lazy)
}

// requireModule returns the module name, building it on first use: a host module, else a
// built-in one. It reports false for a module that does not exist.
func (in *Instance) requireModule(name string) (goja.Value, bool) {
	if v, ok := in.modules[name]; ok {
		return v, true
	}
	var v goja.Value
	if m, ok := in.hostModules[name]; ok {
		o, err := in.buildObject(m)
		if err != nil {
			panic(in.jsError(err))
		}
		v = o
	} else if b, ok := builtinModules[name]; ok {
		var err error
		if v, err = b(in); err != nil {
			panic(in.jsError(err))
		}
	} else {
		return nil, false
	}
	if in.modules == nil {
		in.modules = map[string]goja.Value{}
	}
	in.modules[name] = v
	return v, true
}

// startOp runs work on its own goroutine under the current call's operation context, then
// runs the continuation work returns (if any) on the instance's goroutine, where it may touch
// JavaScript values (settle a promise, call a callback). The call does not return before the
// continuation ran, unless it ends first (timeout, cancel), in which case it never runs.
// Operations are bounded per instance (MaxPendingOps): starting one while all slots are taken
// first waits for earlier ones. It must be called on the instance's goroutine during a call.
func (in *Instance) startOp(work func(ctx context.Context) (then func())) {
	if in.callCtx == nil {
		panic(in.jsError(errNoCallContext))
	}
	ctx := in.operationContext()
	for in.inflight+in.stale >= in.maxOps {
		if err := in.runOne(in.callCtx); err != nil {
			panic(in.jsError(err))
		}
	}
	in.inflight++
	gen := in.generation
	go func() {
		var then func()
		func() {
			defer func() {
				if x := recover(); x != nil {
					err := panicError(x)
					then = func() { panic(in.jsError(err)) }
				}
			}()
			then = work(ctx)
		}()
		if then == nil {
			then = func() {}
		}
		in.completions <- completion{generation: gen, run: then}
	}()
}
