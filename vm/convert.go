package vm

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/plugchain/plugchain/internal/wtf8"
	"github.com/plugchain/plugchain/ojson"
)

// ToJS converts an ojson value to a JavaScript value in rt. Objects are built key by key so
// the plugin sees the same key order as JSON.parse would give it.
func ToJS(rt *goja.Runtime, v any) goja.Value {
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case string:
		return jsString(rt, x)
	case float64:
		return rt.ToValue(x)
	case bool:
		return rt.ToValue(x)
	case *ojson.Object:
		if x == nil {
			return goja.Null()
		}
		obj := rt.NewObject()
		for i := 0; i < x.Len(); i++ {
			k, e := x.At(i)
			if k == "__proto__" {
				// An own property, as JSON.parse makes it, not the object's prototype.
				_ = obj.DefineDataProperty(k, ToJS(rt, e), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
				continue
			}
			_ = obj.Set(k, ToJS(rt, e))
		}
		return obj
	case []any:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = ToJS(rt, e)
		}
		return rt.NewArray(items...)
	default:
		n, err := ojson.Normalize(v)
		if err != nil {
			panic(rt.NewTypeError(err.Error()))
		}
		return ToJS(rt, n)
	}
}

// jsString converts a Go string to a JavaScript string. A lone surrogate travels in a Go
// string in its WTF-8 form (see package wtf8), which goja would read as three invalid bytes.
func jsString(rt *goja.Runtime, s string) goja.Value {
	if wtf8.HasSurrogate(s) {
		return goja.StringFromUTF16(wtf8.ToUTF16(s))
	}
	return rt.ToValue(s)
}

// exportString returns a JavaScript string as a Go string, with its lone surrogates in their
// WTF-8 form (see package wtf8): goja's Export makes them U+FFFD.
func exportString(s goja.String) string {
	str := s.String()
	if !strings.Contains(str, "\ufffd") {
		return str // no U+FFFD, so no lone surrogate became one
	}
	units := make([]uint16, s.Length())
	for i := range units {
		units[i] = s.CharAt(i)
	}
	return wtf8.FromUTF16(units)
}

// FromJS converts a JavaScript value to an ojson value with exactly the semantics of
// JSON.parse(JSON.stringify(v)): toJSON methods are honoured, functions, symbols and undefined
// properties are skipped (null inside arrays), NaN and Infinity become null, and cycles and
// BigInts are errors as they are in JavaScript. The second result is false when v itself would
// stringify to undefined. The result is the caller's: it shares nothing with events the
// runtime was given.
func FromJS(rt *goja.Runtime, v goja.Value) (any, bool, error) {
	c := exporter{rt: rt}
	res, ok, err := c.value("", v, true)
	if c.sharing && err == nil {
		res = ojson.CloneValue(res)
	}
	return res, ok, err
}

type exporter struct {
	rt    *goja.Runtime
	stack []*goja.Object
	objs  []*lazyObject // lazily wrapped objects being materialized, for cycle checks
	// lenient drops values that cannot be converted instead of failing.
	lenient bool
	stopped bool // an interrupt ended a lenient read
	depth   int
	// sharing is set once a lazily wrapped event was converted: the result may share its
	// unchanged parts with that event.
	sharing bool
	// key is the key of the value being converted, for made.
	key string
	// fresh holds the result's top-level object and its "properties" object when the
	// conversion made them: nothing else refers to them.
	fresh [2]*ojson.Object
	// hintW is a wrapper the next value may be and hintL its lazyObject, known to the
	// caller: asking goja for it (Export) allocates.
	hintW goja.Value
	hintL *lazyObject
}

// hint tells the next value converted that w, if it is w, wraps l (nil if unknown).
func (c *exporter) hint(w goja.Value, l *lazyObject) {
	c.hintW, c.hintL = w, l
}

// made records o, a new object at the current depth, made for the value under key.
func (c *exporter) made(o *ojson.Object, key string) {
	switch {
	case c.depth == 1:
		c.fresh[0] = o
	case c.depth == 2 && key == "properties":
		c.fresh[1] = o
	}
}

// maxExportDepth bounds nesting, as the JavaScript stack bounds JSON.stringify; deeper
// values would exhaust the Go stack.
const maxExportDepth = 5000

func (c *exporter) descend() error {
	c.depth++
	if c.depth > maxExportDepth {
		c.depth--
		return &ScriptError{Name: "RangeError", Message: "Maximum call stack size exceeded"}
	}
	return nil
}

// value converts v; toJSON is false for a value a toJSON method returned, which
// JSON.stringify does not pass to toJSON again.
func (c *exporter) value(key string, v goja.Value, toJSON bool) (res any, ok bool, err error) {
	if v == nil || goja.IsUndefined(v) {
		return nil, false, nil
	}
	if goja.IsNull(v) {
		return nil, true, nil
	}
	obj, isObj := v.(*goja.Object)
	if isObj {
		var lazy *lazyObject
		if c.hintL != nil && c.hintW == v {
			lazy = c.hintL
		} else if obj.ExportType() == lazyObjectType {
			lazy = obj.Export().(*lazyObject)
		}
		c.hintW, c.hintL = nil, nil
		// toJSON (Date, Buffer, user classes) decides the value.
		if toJSON && (lazy == nil || !lazy.in.noToJSON(lazy, obj)) {
			if tj, ok := goja.AssertFunction(obj.Get("toJSON")); ok {
				nv, err := tj(obj, c.rt.ToValue(key))
				if err != nil {
					return nil, false, err
				}
				return c.value(key, nv, false)
			}
		}
		c.key = key
		if lazy != nil {
			o, err := c.materialize(lazy)
			return o, err == nil, err
		}
		switch obj.ClassName() {
		case "Function":
			return nil, false, nil
		case "Number":
			return c.value(key, c.rt.ToValue(obj.ToFloat()), false)
		case "String":
			return c.value(key, obj.ToString(), false) // ToString keeps lone surrogates
		case "Boolean":
			return c.value(key, c.rt.ToValue(obj.Export()), false)
		case "BigInt":
			return nil, false, c.typeError("Do not know how to serialize a BigInt")
		case "Array":
			return c.array(obj)
		}
		return c.object(obj)
	}
	if _, isSymbol := v.(*goja.Symbol); isSymbol {
		return nil, false, nil
	}
	if s, ok := v.(goja.String); ok {
		return exportString(s), true, nil
	}
	switch x := v.Export().(type) {
	case string:
		return x, true, nil
	case int64:
		return float64(x), true, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, true, nil
		}
		return x, true, nil
	case bool:
		return x, true, nil
	case *big.Int:
		return nil, false, c.typeError("Do not know how to serialize a BigInt")
	default:
		// Symbols and anything else JSON.stringify leaves out.
		return nil, false, nil
	}
}

func (c *exporter) enter(obj *goja.Object) error {
	if err := c.descend(); err != nil {
		return err
	}
	for _, o := range c.stack {
		if o == obj {
			return c.typeError("Converting circular structure to JSON")
		}
	}
	c.stack = append(c.stack, obj)
	return nil
}

func (c *exporter) typeError(msg string) error {
	return &ScriptError{Name: "TypeError", Message: msg}
}

func (c *exporter) object(obj *goja.Object) (any, bool, error) {
	if err := c.enter(obj); err != nil {
		return nil, false, err
	}
	defer func() { c.stack = c.stack[:len(c.stack)-1]; c.depth-- }()
	key := c.key
	keys := obj.Keys()
	out := ojson.NewObject(len(keys))
	c.made(out, key)
	for _, k := range keys {
		e, ok, err := c.value(k, obj.Get(k), true)
		if err != nil {
			return nil, false, err
		}
		if ok {
			out.Set(k, e)
		}
	}
	return out, true, nil
}

func (c *exporter) array(obj *goja.Object) (any, bool, error) {
	if err := c.enter(obj); err != nil {
		return nil, false, err
	}
	defer func() { c.stack = c.stack[:len(c.stack)-1]; c.depth-- }()
	n := obj.Get("length").ToInteger()
	out := make([]any, 0, n)
	for i := int64(0); i < n; i++ {
		k := strconv.FormatInt(i, 10)
		e, ok, err := c.value(k, obj.Get(k), true)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			e = nil
		}
		out = append(out, e)
	}
	return out, true, nil
}
