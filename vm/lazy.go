package vm

import (
	"errors"
	"reflect"
	"strconv"

	"github.com/dop251/goja"

	"github.com/plugchain/plugchain/ojson"
)

// lazyObject shows an ojson.Object to JavaScript without converting it up front: a property
// is converted when the plugin reads it, and writes go straight into the object. Events are
// large and most plugins touch a few properties, so this saves most of the conversion work.
//
// Nested objects are wrapped on first read and the wrapper is stored back in place, so
// e.properties === e.properties holds; arrays become real JavaScript arrays the same way.
// Values the plugin assigns stay JavaScript values until materialize converts them.
type lazyObject struct {
	in  *Instance
	obj *ojson.Object
}

var lazyObjectType = reflect.TypeOf((*lazyObject)(nil))

// lazy wraps obj for the current call. obj belongs to the runtime from then on.
func (in *Instance) lazy(obj *ojson.Object) *goja.Object {
	return in.rt.NewDynamicObject(&lazyObject{in: in, obj: obj})
}

func (l *lazyObject) Get(key string) goja.Value {
	v, ok := l.obj.Get(key)
	if !ok {
		return nil
	}
	switch x := v.(type) {
	case goja.Value:
		return x
	case undefinedValue:
		return goja.Undefined()
	case *ojson.Object:
		w := l.in.lazy(x)
		l.obj.SetRaw(key, w)
		return w
	case []any:
		arr := l.in.jsArray(x)
		l.obj.SetRaw(key, arr)
		return arr
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
	l.obj.SetRaw(key, storable(val))
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
	switch v.(type) {
	case *goja.Object, *goja.Symbol:
		return v
	}
	switch x := v.Export().(type) {
	case string, bool, float64:
		return x
	case int64:
		return float64(x)
	}
	return v // symbols, BigInts: left for materialize to judge
}

func (l *lazyObject) Has(key string) bool { return l.obj.Has(key) }

func (l *lazyObject) Delete(key string) bool {
	l.obj.Delete(key)
	return true
}

func (l *lazyObject) Keys() []string { return l.obj.Keys() }

// materialize returns a plain copy of obj, which may hold JavaScript values and wrappers,
// with JSON.stringify's semantics (undefined-valued keys are dropped). The copy shares nothing
// with obj, which stays with the runtime.
func (c *exporter) materialize(obj *ojson.Object) (*ojson.Object, error) {
	for _, seen := range c.objs {
		if seen == obj {
			return nil, c.typeError("Converting circular structure to JSON")
		}
	}
	if err := c.descend(); err != nil {
		return nil, err
	}
	c.objs = append(c.objs, obj)
	defer func() { c.objs = c.objs[:len(c.objs)-1]; c.depth-- }()
	out := ojson.NewObject(obj.Len() + 4)
	for i := 0; i < obj.Len(); i++ {
		k, v := obj.At(i)
		nv, ok, err := c.plainValue(k, v)
		if err != nil && !c.lenient {
			return nil, err
		}
		if err != nil && isInterrupt(err) {
			c.stopped = true // out of time: keep what was read, at every level
		}
		if c.stopped {
			break
		}
		if err == nil && ok {
			out.AppendOrdered(k, nv) // obj's keys are unique and in order
		}
	}
	return out, nil
}

// plainValue materializes one value held in an ojson object or array.
func (c *exporter) plainValue(key string, v any) (any, bool, error) {
	switch x := v.(type) {
	case goja.Value:
		return c.value(key, x, true)
	case undefinedValue:
		return nil, false, nil
	case *ojson.Object:
		o, err := c.materialize(x)
		return o, err == nil, err
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			ne, ok, err := c.plainValue(strconv.Itoa(i), e)
			if err != nil {
				return nil, false, err
			}
			if ok {
				out[i] = ne
			}
		}
		return out, true, nil
	default:
		return v, true, nil
	}
}

func isInterrupt(err error) bool {
	var ie *goja.InterruptedError
	return errors.As(err, &ie)
}
