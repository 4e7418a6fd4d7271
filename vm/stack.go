package vm

import (
	"reflect"
	"unsafe"

	"github.com/dop251/goja"
)

// goja drops its value stack whenever control returns to Go from the outermost call, and
// grows a new one, in two or three allocations, on the next call: a tenth of a small
// plugin's processEvent. An instance instead hands goja a stack of its own before each
// outermost call and clears it after the call, so the stack keeps nothing the call pushed.
//
// Not once the instance has a Proxy: goja gives a Proxy's apply and construct traps the
// arguments as they lie on the stack (or in the slice a host call passed), and a trap that
// keeps that list must find there what its call left, as on a stack goja drops, not what
// later calls put there. goja makes its Proxy constructor on first use, so an instance whose
// runtime has one may have proxies; the stack a call ran on when the constructor appeared is
// left to the traps, not cleared.

// stackSlots is the size of the stack an instance keeps (16 bytes a slot): enough for
// typical event functions; a call that needs more grows one of goja's own, as before.
const stackSlots = 32

var valueSliceType = reflect.TypeOf([]goja.Value(nil))

// gojaStack returns where rt keeps its value stack, or nil if goja's layout is not the one
// this was written for (the instance then leaves the stack to goja).
func gojaStack(rt *goja.Runtime) *[]goja.Value {
	vmField := reflect.ValueOf(rt).Elem().FieldByName("vm")
	if !vmField.IsValid() || vmField.Kind() != reflect.Pointer || vmField.IsNil() || vmField.Type().Elem().Kind() != reflect.Struct {
		return nil
	}
	stack := vmField.Elem().FieldByName("stack")
	if !stack.IsValid() || !stack.Type().ConvertibleTo(valueSliceType) || stack.Type().Elem() != valueSliceType.Elem() || !stack.CanAddr() {
		return nil
	}
	return (*[]goja.Value)(unsafe.Pointer(stack.UnsafeAddr()))
}

// gojaProxyCtor returns where rt keeps its Proxy constructor once made, or nil if goja's
// layout is not the one this was written for.
func gojaProxyCtor(rt *goja.Runtime) **goja.Object {
	global := reflect.ValueOf(rt).Elem().FieldByName("global")
	if !global.IsValid() || global.Kind() != reflect.Struct {
		return nil
	}
	f, ok := settableField(global, "Proxy", reflect.TypeOf((*goja.Object)(nil)))
	if !ok {
		return nil
	}
	return f.Addr().Interface().(**goja.Object)
}

// mayHaveProxies reports whether the instance's JavaScript may have made a Proxy: its runtime
// has made the constructor (or the check is not possible).
func (in *Instance) mayHaveProxies() bool {
	return in.proxyCtor == nil || *in.proxyCtor != nil
}

// lendStack gives goja the instance's stack if goja has none, that is, when no JavaScript
// is running and the last outermost call dropped its own.
func (in *Instance) lendStack() {
	if in.stack == nil || *in.stack != nil || in.mayHaveProxies() {
		return
	}
	if in.stackBuf == nil {
		in.stackBuf = make([]goja.Value, stackSlots)
	}
	*in.stack = in.stackBuf[:0]
}

// clearStack forgets the values the call left on the instance's stack, so an idle instance
// keeps nothing of the events it processed.
func (in *Instance) clearStack() {
	if in.stackBuf != nil && in.mayHaveProxies() {
		in.stackBuf = nil // the traps' now; see the top of the file
		return
	}
	// Calls use the bottom of the stack: clearing only up to the highest slot in use costs
	// less than clearing it all (which takes write barriers while the collector runs).
	for i := len(in.stackBuf) - 1; i >= 0; i-- {
		if in.stackBuf[i] != nil {
			clear(in.stackBuf[:i+1])
			return
		}
	}
}
