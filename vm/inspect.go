package vm

import (
	"errors"
	"math"
	"math/big"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ftoa"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// This file is a port of Node 20's util.inspect (lib/internal/util/inspect.js) that walks
// goja values from Go. It follows Node's algorithm step by step (same names where possible)
// so that console.log prints exactly what Node prints. Like Node it never invokes getters
// (they show as [Getter]) and never triggers Proxy traps; it does run the code Node runs too:
// custom inspect functions, Symbol.toStringTag getters, toString for %s.

// inspectOptions are util.inspect's options.
type inspectOptions struct {
	depth            float64 // +Inf for Infinity
	depthNull        bool    // depth: null (unlimited, reported as null to custom inspectors)
	showHidden       bool
	colors           bool
	customInspect    bool
	showProxy        bool
	maxArrayLength   int
	maxStringLength  int
	breakLength      float64
	compactAll       bool // compact: true
	compact          float64
	compactNumber    bool // compact is a number (false counts as not a number)
	sorted           bool
	sortFn           goja.Callable
	getters          string // "", "true", "get" or "set"
	numericSeparator bool
	// user holds the options object a caller passed, so custom inspectors see unknown keys too.
	user *goja.Object
}

// defaultInspectOptions are Node's inspectDefaultOptions.
var defaultInspectOptions = inspectOptions{
	depth:           2,
	customInspect:   true,
	maxArrayLength:  100,
	maxStringLength: 10000,
	breakLength:     80,
	compact:         3,
	compactNumber:   true,
}

const (
	inspObjectType = iota
	inspArrayType
	inspArrayExtrasType
)

const inspMinLineLength = 16

// inspBuiltInObjects are the global constructors Node's inspect treats as built in: the globals
// matching /^[A-Z][a-zA-Z0-9]+$/ when Node 20 boots.
var inspBuiltInObjects = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`Object Function Array Number Infinity NaN Boolean String Symbol
		Date Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError
		TypeError URIError JSON Math Intl ArrayBuffer Uint8Array Int8Array Uint16Array Int16Array
		Uint32Array Int32Array Float32Array Float64Array Uint8ClampedArray BigUint64Array
		BigInt64Array DataView Map BigInt Set WeakMap WeakSet Proxy Reflect FinalizationRegistry
		WeakRef`) {
		inspBuiltInObjects[n] = true
	}
}

var (
	inspTypeMapExport   = reflect.TypeOf([][2]interface{}{})
	inspTypeSetExport   = reflect.TypeOf([]interface{}{})
	inspTypeProxy       = reflect.TypeOf(goja.Proxy{})
	inspTypePromise     = reflect.TypeOf((*goja.Promise)(nil))
	inspTypeArrayBuffer = reflect.TypeOf(goja.ArrayBuffer{})
	inspTypeString      = reflect.TypeOf("")
	inspTypeBigInt      = reflect.TypeOf((*big.Int)(nil))
	inspTypeBool        = reflect.TypeOf(true)

	// inspTypedArrayTypes maps what typed arrays export to; Uint8ClampedArray exports []uint8 too.
	inspTypedArrayTypes = map[reflect.Type]bool{
		reflect.TypeOf([]uint8{}): true, reflect.TypeOf([]int8{}): true,
		reflect.TypeOf([]uint16{}): true, reflect.TypeOf([]int16{}): true,
		reflect.TypeOf([]uint32{}): true, reflect.TypeOf([]int32{}): true,
		reflect.TypeOf([]float32{}): true, reflect.TypeOf([]float64{}): true,
		reflect.TypeOf([]int64{}): true, reflect.TypeOf([]uint64{}): true,
	}
)

// inspProtoProgram fetches prototypes that no global names: those of async and generator functions.
var inspProtoProgram = builtinProgram("inspect-protos.js", `[Object.getPrototypeOf(async function () {}), Object.getPrototypeOf(function* () {})]`)

// inspector holds the built-in functions inspect relies on, taken from one runtime the first
// time something is inspected. They are the originals as far as possible, so plugin code that
// patches a prototype method cannot change how values are printed.
type inspector struct {
	in *Instance
	rt *goja.Runtime

	ready                bool
	gopd                 goja.Callable // Object.getOwnPropertyDescriptor
	getOwnPropertySyms   goja.Callable
	hasOwn               goja.Callable // Object.prototype.hasOwnProperty
	propertyIsEnumerable goja.Callable
	fnToString           goja.Callable
	mapForEach           goja.Callable
	setForEach           goja.Callable
	setHas               goja.Callable
	typedArrayTag        goja.Callable // get %TypedArray%.prototype[@@toStringTag]
	typedArrayLength     goja.Callable
	isView               goja.Callable
	weakMapHas           goja.Callable
	weakSetHas           goja.Callable
	dataViewByteLength   goja.Callable
	stringValueOf        goja.Callable
	symbolValueOf        goja.Callable
	jsonStringify        goja.Callable
	parseFloat           goja.Callable
	objectProto          *goja.Object
	functionProto        *goja.Object
	objectCtor           *goja.Object
	functionCtor         *goja.Object
	asyncFnProto         *goja.Object
	generatorFnProto     *goja.Object
	customSym            *goja.Symbol
	inspectFn            *goja.Object
	// needEnumerable is set while showing hidden properties, the only time a descriptor's
	// enumerable flag matters (keys are enumerable ones otherwise).
	needEnumerable bool
	stylizePlain   goja.Value
	stylizeColor   goja.Value
	circularMsg    string
}

// newInspector returns an inspector for in; built-ins are taken on first use.
func newInspector(in *Instance) *inspector {
	return &inspector{in: in, rt: in.rt}
}

// init takes the built-ins from the runtime, once.
func (h *inspector) init() {
	if h.ready {
		return
	}
	rt := h.rt
	obj := func(v goja.Value) *goja.Object {
		o, _ := v.(*goja.Object)
		return o
	}
	fn := func(o *goja.Object, name string) goja.Callable {
		if o == nil {
			return nil
		}
		f, _ := goja.AssertFunction(o.Get(name))
		return f
	}
	object := obj(rt.Get("Object"))
	h.objectCtor = object
	h.objectProto = obj(object.Get("prototype"))
	h.gopd = fn(object, "getOwnPropertyDescriptor")
	h.getOwnPropertySyms = fn(object, "getOwnPropertySymbols")
	h.hasOwn = fn(h.objectProto, "hasOwnProperty")
	h.propertyIsEnumerable = fn(h.objectProto, "propertyIsEnumerable")
	h.functionCtor = obj(rt.Get("Function"))
	h.functionProto = obj(h.functionCtor.Get("prototype"))
	h.fnToString = fn(h.functionProto, "toString")
	h.mapForEach = fn(obj(obj(rt.Get("Map")).Get("prototype")), "forEach")
	h.setForEach = fn(obj(obj(rt.Get("Set")).Get("prototype")), "forEach")
	h.setHas = fn(obj(obj(rt.Get("Set")).Get("prototype")), "has")
	getter := func(proto goja.Value, key goja.Value) goja.Callable {
		d, err := h.gopd(goja.Undefined(), proto, key)
		if err != nil {
			return nil
		}
		return fn(obj(d), "get")
	}
	u8 := obj(rt.Get("Uint8Array"))
	typedArrayProto := obj(u8.Get("prototype")).Prototype()
	h.typedArrayTag = getter(typedArrayProto, goja.SymToStringTag)
	h.typedArrayLength = getter(typedArrayProto, rt.ToValue("length"))
	h.isView = fn(obj(rt.Get("ArrayBuffer")), "isView")
	h.weakMapHas = fn(obj(obj(rt.Get("WeakMap")).Get("prototype")), "has")
	h.weakSetHas = fn(obj(obj(rt.Get("WeakSet")).Get("prototype")), "has")
	h.dataViewByteLength = getter(obj(rt.Get("DataView")).Get("prototype"), rt.ToValue("byteLength"))
	h.stringValueOf = fn(obj(obj(rt.Get("String")).Get("prototype")), "valueOf")
	h.symbolValueOf = fn(obj(obj(rt.Get("Symbol")).Get("prototype")), "valueOf")
	h.jsonStringify = fn(obj(rt.Get("JSON")), "stringify")
	number := obj(rt.Get("Number"))
	h.parseFloat = fn(number, "parseFloat")
	if protos, err := rt.RunProgram(inspProtoProgram()); err == nil {
		p := obj(protos)
		h.asyncFnProto = obj(p.Get("0"))
		h.generatorFnProto = obj(p.Get("1"))
	}
	if symFor := fn(obj(rt.Get("Symbol")), "for"); symFor != nil {
		if s, err := symFor(goja.Undefined(), rt.ToValue("nodejs.util.inspect.custom")); err == nil {
			h.customSym, _ = s.(*goja.Symbol)
		}
	}
	h.ready = true
}

// inspect is util.inspect(v, opts) with options already parsed.
func (h *inspector) inspect(v goja.Value, opts inspectOptions) string {
	h.init()
	c := &inspectCtx{h: h, opts: opts, budget: map[int]int{}}
	saved := h.needEnumerable
	h.needEnumerable = opts.showHidden
	defer func() { h.needEnumerable = saved }()
	return c.formatValue(v, 0, false)
}

// inspectCtx is the state of one inspect inspCall (Node's ctx).
type inspectCtx struct {
	h              *inspector
	opts           inspectOptions
	seen           []*goja.Object
	circular       map[*goja.Object]int
	indentationLvl int
	currentDepth   int
	budget         map[int]int
	nesting        int
	ctorCache      map[*goja.Object]inspCtorEntry
}

// maxInspectNesting stands in for the JavaScript stack Node's recursive inspect runs on.
const maxInspectNesting = 1000

// stylize is ctx.stylize: ANSI colors only when the colors option is on.
func (c *inspectCtx) stylize(s, styleType string) string {
	if !c.opts.colors {
		return s
	}
	return inspStylizeWithColor(s, styleType)
}

var inspectStyles = map[string]string{
	"special": "cyan", "number": "yellow", "bigint": "yellow", "boolean": "yellow",
	"undefined": "grey", "null": "bold", "string": "green", "symbol": "green",
	"date": "magenta", "regexp": "red", "module": "underline",
}

var inspectColors = map[string][2]int{
	"bold": {1, 22}, "underline": {4, 24}, "red": {31, 39}, "green": {32, 39},
	"yellow": {33, 39}, "magenta": {35, 39}, "cyan": {36, 39}, "grey": {90, 39},
}

// inspStylizeWithColor is Node's stylizeWithColor for the default styles.
func inspStylizeWithColor(s, styleType string) string {
	if style, ok := inspectStyles[styleType]; ok {
		if color, ok := inspectColors[style]; ok {
			return "\x1b[" + strconv.Itoa(color[0]) + "m" + s + "\x1b[" + strconv.Itoa(color[1]) + "m"
		}
	}
	return s
}

// inspCall runs a built-in or user function; a JavaScript exception propagates to the plugin's
// caller as it does in Node.
func inspCall(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := f(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// inspTryCall is inspCall for the checks Node wraps in try/catch: a JavaScript exception means false,
// while interrupts still propagate.
func inspTryCall(f goja.Callable, this goja.Value, args ...goja.Value) (goja.Value, bool) {
	v, err := f(this, args...)
	if err != nil {
		var ex *goja.Exception
		if errors.As(err, &ex) {
			return nil, false
		}
		panic(err)
	}
	return v, true
}

// inspKey is a property key: a string or a symbol.
type inspKey struct {
	name string
	sym  *goja.Symbol
	// maybeHidden marks keys that may name a non-enumerable property (cause and errors of
	// errors); keys listed as enumerable are known to be.
	maybeHidden bool
}

// value is the key as a JavaScript value.
func (k inspKey) value(rt *goja.Runtime) goja.Value {
	if k.sym != nil {
		return k.sym
	}
	return rt.ToValue(k.name)
}

// inspDescriptor is what Object.getOwnPropertyDescriptor reports.
type inspDescriptor struct {
	exists     bool
	value      goja.Value // nil for accessors
	get, set   goja.Value // nil when absent or undefined
	enumerable bool
	accessor   bool
}

// ownDescriptor is Object.getOwnPropertyDescriptor(o, key). Reading the enumerable flag costs
// a lookup, so it is only read if wantEnumerable (or while showing hidden properties).
func (h *inspector) ownDescriptor(o *goja.Object, key goja.Value, wantEnumerable bool) inspDescriptor {
	d := inspCall(h.gopd, goja.Undefined(), o, key)
	do, ok := d.(*goja.Object)
	if !ok {
		return inspDescriptor{}
	}
	res := inspDescriptor{exists: true, enumerable: true}
	if v := do.Get("value"); v != nil {
		res.value = v
	} else {
		res.accessor = true
		if g := do.Get("get"); g != nil && !goja.IsUndefined(g) {
			res.get = g
		}
		if s := do.Get("set"); s != nil && !goja.IsUndefined(s) {
			res.set = s
		}
	}
	if wantEnumerable || h.needEnumerable {
		res.enumerable = do.Get("enumerable").ToBoolean()
	}
	return res
}

// hasOwnProperty and isEnumerable are Object.prototype's methods.
func (h *inspector) hasOwnProperty(o *goja.Object, key goja.Value) bool {
	return inspCall(h.hasOwn, o, key).ToBoolean()
}

func (h *inspector) isEnumerable(o *goja.Object, key goja.Value) bool {
	return inspCall(h.propertyIsEnumerable, o, key).ToBoolean()
}

// inspProxyTarget returns the target of a proxy (nil if revoked) and whether o is a proxy.
func inspProxyTarget(o *goja.Object) (*goja.Object, goja.Value, bool) {
	if o.ExportType() != inspTypeProxy {
		return nil, nil, false
	}
	p := o.Export().(goja.Proxy)
	t := p.Target()
	if t == nil {
		return nil, nil, true
	}
	var handler goja.Value = goja.Null()
	if hd := p.Handler(); hd != nil {
		handler = hd
	}
	return t, handler, true
}

// inspIsCallable reports typeof o === 'function'.
func inspIsCallable(o *goja.Object) bool {
	if o.ClassName() == "Function" {
		return true
	}
	_, ok := goja.AssertFunction(o)
	return ok
}

// formatValue is Node's formatValue: primitives, proxies, custom inspect functions and
// circular references, then formatRaw.
func (c *inspectCtx) formatValue(v goja.Value, recurseTimes int, typedArray bool) string {
	value, ok := v.(*goja.Object)
	if !ok {
		return c.formatPrimitive(v)
	}
	context := value
	// Always check for proxies to prevent side effects and to prevent triggering any proxy
	// handlers.
	isProxy := false
	if target, handler, ok := inspProxyTarget(value); ok {
		if target == nil {
			return c.stylize("<Revoked Proxy>", "special")
		}
		if c.opts.showProxy {
			return c.formatProxy(target, handler, recurseTimes)
		}
		isProxy = true
		value = target
		// A proxy of a proxy: Node would reach the inner handler's traps later on; unwrapping
		// keeps inspection free of side effects.
		for {
			t, _, ok := inspProxyTarget(value)
			if !ok {
				break
			}
			if t == nil {
				return c.stylize("<Revoked Proxy>", "special")
			}
			value = t
		}
	}

	if c.opts.customInspect && c.h.customSym != nil {
		maybeCustom := value.GetSymbol(c.h.customSym)
		if fnObj, ok := maybeCustom.(*goja.Object); ok && inspIsCallable(fnObj) && fnObj != c.h.inspectFn && !c.isPrototypeObject(value) {
			if fn, ok := goja.AssertFunction(fnObj); ok {
				var depth goja.Value
				if c.opts.depthNull {
					depth = goja.Null()
				} else {
					depth = c.h.rt.ToValue(c.opts.depth - float64(recurseTimes))
				}
				ret := inspCall(fn, context, depth, c.userOptions(isProxy), c.h.inspectFunction())
				if ret != goja.Value(context) {
					if s, ok := ret.(goja.String); ok {
						return strings.ReplaceAll(s.String(), "\n", "\n"+strings.Repeat(" ", c.indentationLvl))
					}
					return c.formatValue(ret, recurseTimes, false)
				}
			}
		}
	}
	for _, s := range c.seen {
		if s == value {
			index := 1
			if c.circular == nil {
				c.circular = map[*goja.Object]int{value: index}
			} else if i, ok := c.circular[value]; ok {
				index = i
			} else {
				index = len(c.circular) + 1
				c.circular[value] = index
			}
			return c.stylize("[Circular *"+strconv.Itoa(index)+"]", "special")
		}
	}
	return c.formatRaw(value, recurseTimes, typedArray)
}

// isPrototypeObject is value.constructor && value.constructor.prototype === value.
func (c *inspectCtx) isPrototypeObject(value *goja.Object) bool {
	ctor, ok := value.Get("constructor").(*goja.Object)
	if !ok {
		return false
	}
	p, ok := ctor.Get("prototype").(*goja.Object)
	return ok && p == value
}

// userOptions is the options object custom inspect functions receive.
func (c *inspectCtx) userOptions(crossContext bool) *goja.Object {
	rt := c.h.rt
	o := rt.NewObject()
	if !c.opts.colors {
		_ = o.Set("stylize", c.h.stylizeFunction(false))
	} else {
		_ = o.Set("stylize", c.h.stylizeFunction(true))
	}
	_ = o.Set("showHidden", c.opts.showHidden)
	if c.opts.depthNull {
		_ = o.Set("depth", goja.Null())
	} else {
		_ = o.Set("depth", c.opts.depth)
	}
	_ = o.Set("colors", c.opts.colors)
	_ = o.Set("customInspect", c.opts.customInspect)
	_ = o.Set("showProxy", c.opts.showProxy)
	_ = o.Set("maxArrayLength", inspIntOption(c.opts.maxArrayLength))
	_ = o.Set("maxStringLength", inspIntOption(c.opts.maxStringLength))
	_ = o.Set("breakLength", c.opts.breakLength)
	switch {
	case c.opts.compactAll:
		_ = o.Set("compact", true)
	case c.opts.compactNumber:
		_ = o.Set("compact", c.opts.compact)
	default:
		_ = o.Set("compact", false)
	}
	if c.opts.sortFn != nil {
		_ = o.Set("sorted", c.opts.sortFn)
	} else {
		_ = o.Set("sorted", c.opts.sorted)
	}
	switch c.opts.getters {
	case "":
		_ = o.Set("getters", false)
	case "true":
		_ = o.Set("getters", true)
	default:
		_ = o.Set("getters", c.opts.getters)
	}
	_ = o.Set("numericSeparator", c.opts.numericSeparator)
	if u := c.opts.user; u != nil {
		for _, k := range u.Keys() {
			_ = o.Set(k, u.Get(k))
		}
	}
	if crossContext {
		_ = o.SetPrototype(nil)
	}
	return o
}

// inspIntOption reports a length option as Node stores it (Infinity for no limit).
func inspIntOption(n int) any {
	if n == math.MaxInt {
		return math.Inf(1)
	}
	return n
}

// stylizeFunction is options.stylize for custom inspect functions.
func (h *inspector) stylizeFunction(colors bool) goja.Value {
	if colors {
		if h.stylizeColor == nil {
			h.stylizeColor = h.rt.ToValue(func(fc goja.FunctionCall) goja.Value {
				return h.rt.ToValue(inspStylizeWithColor(fc.Argument(0).String(), fc.Argument(1).String()))
			})
		}
		return h.stylizeColor
	}
	if h.stylizePlain == nil {
		h.stylizePlain = h.rt.ToValue(func(fc goja.FunctionCall) goja.Value {
			return fc.Argument(0)
		})
	}
	return h.stylizePlain
}

// inspectFunction returns a JavaScript util.inspect backed by this inspector (custom inspect
// functions receive it as their third argument).
func (h *inspector) inspectFunction() *goja.Object {
	if h.inspectFn == nil {
		h.init()
		f := h.rt.ToValue(func(fc goja.FunctionCall) goja.Value {
			return h.rt.ToValue(h.inspect(fc.Argument(0), h.optionsFromArgs(fc.Arguments)))
		}).(*goja.Object)
		_ = f.DefineDataProperty("name", h.rt.ToValue("inspect"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		if h.customSym != nil {
			_ = f.Set("custom", h.customSym)
		}
		h.inspectFn = f
	}
	return h.inspectFn
}

// optionsFromArgs reads inspect(value, opts) or the legacy inspect(value, showHidden, depth,
// colors).
func (h *inspector) optionsFromArgs(args []goja.Value) inspectOptions {
	opts := defaultInspectOptions
	if len(args) > 2 {
		if !goja.IsUndefined(args[2]) {
			inspSetDepth(&opts, args[2])
		}
		if len(args) > 3 && !goja.IsUndefined(args[3]) {
			opts.colors = args[3].ToBoolean()
		}
	}
	if len(args) > 1 {
		switch o := args[1].(type) {
		case *goja.Object:
			h.readOptions(&opts, o)
		default:
			if o != nil && o.ExportType() == inspTypeBool {
				opts.showHidden = o.ToBoolean()
			}
		}
	}
	return opts
}

// inspSetDepth applies a depth option: a number, Infinity or null.
func inspSetDepth(opts *inspectOptions, v goja.Value) {
	if goja.IsNull(v) {
		opts.depthNull, opts.depth = true, math.Inf(1)
		return
	}
	opts.depthNull = false
	opts.depth = v.ToFloat()
	if math.IsNaN(opts.depth) {
		// Comparisons with NaN are false in Node: nothing is ever too deep.
		opts.depth = math.Inf(1)
	}
}

// inspLengthOption reads maxArrayLength or maxStringLength (null means no limit).
func inspLengthOption(v goja.Value) int {
	if goja.IsNull(v) {
		return math.MaxInt
	}
	f := v.ToFloat()
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt32:
		return math.MaxInt
	case f < -math.MaxInt32:
		return -math.MaxInt32
	}
	return int(math.Ceil(f))
}

// readOptions applies the known keys of an options object, like Node's inspect.
func (h *inspector) readOptions(opts *inspectOptions, o *goja.Object) {
	for _, k := range o.Keys() {
		v := o.Get(k)
		if v == nil {
			v = goja.Undefined()
		}
		switch k {
		case "depth":
			inspSetDepth(opts, v)
		case "showHidden":
			opts.showHidden = v.ToBoolean()
		case "colors":
			opts.colors = v.ToBoolean()
		case "customInspect":
			opts.customInspect = v.ToBoolean()
		case "showProxy":
			opts.showProxy = v.ToBoolean()
		case "maxArrayLength":
			opts.maxArrayLength = inspLengthOption(v)
		case "maxStringLength":
			opts.maxStringLength = inspLengthOption(v)
		case "breakLength":
			opts.breakLength = v.ToFloat()
		case "compact":
			opts.compactAll, opts.compactNumber = false, false
			if v.ExportType() == inspTypeBool {
				opts.compactAll = v.ToBoolean()
			} else if goja.IsNumber(v) {
				opts.compactNumber, opts.compact = true, v.ToFloat()
			}
		case "sorted":
			opts.sortFn = nil
			if f, ok := goja.AssertFunction(v); ok {
				opts.sorted, opts.sortFn = true, f
			} else {
				opts.sorted = v.ToBoolean()
			}
		case "getters":
			switch {
			case goja.IsString(v) && (v.String() == "get" || v.String() == "set"):
				opts.getters = v.String()
			case v.ToBoolean():
				opts.getters = "true"
			default:
				opts.getters = ""
			}
		case "numericSeparator":
			opts.numericSeparator = v.ToBoolean()
		case "stylize":
		default:
			opts.user = o
		}
	}
}

// formatProxy prints Proxy [ target, handler ] for showProxy.
func (c *inspectCtx) formatProxy(target *goja.Object, handler goja.Value, recurseTimes int) string {
	if float64(recurseTimes) > c.opts.depth {
		return c.stylize("Proxy [Array]", "special")
	}
	recurseTimes++
	c.indentationLvl += 2
	res := []string{c.formatValue(target, recurseTimes, false), c.formatValue(handler, recurseTimes, false)}
	c.indentationLvl -= 2
	return c.reduceToSingleString(res, "", [2]string{"Proxy [", "]"}, inspArrayExtrasType, recurseTimes, nil)
}

// inspObjKind is the internal type of an object, which Node learns from V8.
type inspObjKind int

const (
	inspKindPlain inspObjKind = iota
	inspKindArray
	inspKindFunction
	inspKindSet
	inspKindMap
	inspKindTypedArray
	inspKindMapIterator
	inspKindSetIterator
	inspKindRegExp
	inspKindDate
	inspKindError
	inspKindArrayBuffer
	inspKindDataView
	inspKindPromise
	inspKindWeakSet
	inspKindWeakMap
	inspKindNumberObject
	inspKindStringObject
	inspKindBooleanObject
	inspKindBigIntObject
	inspKindSymbolObject
	inspKindArguments
)

// kindOf tells an object's internal type from its goja class and export type.
func (c *inspectCtx) kindOf(value *goja.Object) inspObjKind {
	switch value.ClassName() {
	case "Array":
		return inspKindArray
	case "Function":
		return inspKindFunction
	case "RegExp":
		return inspKindRegExp
	case "Date":
		return inspKindDate
	case "Error":
		return inspKindError
	case "Number":
		return inspKindNumberObject
	case "String":
		return inspKindStringObject
	case "Boolean":
		return inspKindBooleanObject
	case "Arguments":
		return inspKindArguments
	case "Map Iterator":
		return inspKindMapIterator
	case "Set Iterator":
		return inspKindSetIterator
	}
	switch t := value.ExportType(); t {
	case inspTypeMapExport:
		return inspKindMap
	case inspTypeSetExport:
		// Go slices wrapped by goja export the same type; only real Sets pass the brand check.
		if _, ok := inspTryCall(c.h.setHas, value, goja.Undefined()); ok {
			return inspKindSet
		}
	case inspTypeArrayBuffer:
		return inspKindArrayBuffer
	case inspTypePromise:
		return inspKindPromise
	case inspTypeString:
		return inspKindSymbolObject
	case inspTypeBigInt:
		return inspKindBigIntObject
	default:
		if inspTypedArrayTypes[t] && inspCall(c.h.isView, goja.Undefined(), value).ToBoolean() {
			return inspKindTypedArray
		}
	}
	if inspIsCallable(value) {
		return inspKindFunction
	}
	return inspKindPlain
}

// refineKind tells the kinds goja does not expose (WeakMap, WeakSet, DataView) by their
// tag and a brand check on a built-in method.
func (c *inspectCtx) refineKind(value *goja.Object, rawTag string) inspObjKind {
	switch rawTag {
	case "WeakMap":
		if _, ok := inspTryCall(c.h.weakMapHas, value, goja.Undefined()); ok {
			return inspKindWeakMap
		}
	case "WeakSet":
		if _, ok := inspTryCall(c.h.weakSetHas, value, goja.Undefined()); ok {
			return inspKindWeakSet
		}
	case "DataView":
		if c.h.dataViewByteLength != nil {
			if _, ok := inspTryCall(c.h.dataViewByteLength, value); ok {
				return inspKindDataView
			}
		}
	}
	return inspKindPlain
}

// isError is Node's isError: a native error or an object inheriting Error.prototype.
func (c *inspectCtx) isError(value *goja.Object, kind inspObjKind) bool {
	if kind == inspKindError {
		return true
	}
	if c.h.in == nil || c.h.in.errorProto == nil {
		return false
	}
	for p := value.Prototype(); p != nil; p = p.Prototype() {
		if p == c.h.in.errorProto {
			return true
		}
	}
	return false
}

// inspCtorName is getConstructorName's result: null is a null prototype chain.
type inspCtorName struct {
	name string
	null bool
}

// is reports whether the constructor is named s (and the prototype chain is not null).
func (n inspCtorName) is(s string) bool { return !n.null && n.name == s }

// instanceOf is `obj instanceof ctor` inside a try/catch.
func (c *inspectCtx) instanceOf(obj *goja.Object, ctor *goja.Object) (res bool) {
	if c.h.rt.Try(func() { res = c.h.rt.InstanceOf(obj, ctor) }) != nil {
		return false
	}
	return res
}

// inspOrdinaryHasInstance is Function.prototype[Symbol.hasInstance]: is ctor.prototype on obj's
// prototype chain.
func inspOrdinaryHasInstance(ctor, obj *goja.Object) bool {
	proto, ok := ctor.Get("prototype").(*goja.Object)
	if !ok {
		return false
	}
	for p := obj.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

// getConstructorName is Node's getConstructorName; with protoProps set (showHidden) it
// also collects the properties of user-defined prototypes.
func (c *inspectCtx) getConstructorName(obj *goja.Object, recurseTimes int, protoProps *[]string) inspCtorName {
	var firstProto *goja.Object
	firstSet := false
	tmp := obj
	for o := obj; o != nil; {
		if o == c.h.objectProto || o == c.h.functionProto {
			ctor, name := c.h.objectCtor, "Object"
			if o == c.h.functionProto {
				ctor, name = c.h.functionCtor, "Function"
			}
			if inspOrdinaryHasInstance(ctor, tmp) {
				if protoProps != nil && (!firstSet || firstProto != o) {
					start := firstProto
					if start == nil {
						start = tmp
					}
					c.addPrototypeProperties(tmp, start, recurseTimes, protoProps)
				}
				return inspCtorName{name: name}
			}
		}
		if fn, n := c.ownConstructor(o, o == tmp); fn != nil && c.instanceOf(tmp, fn) {
			if protoProps != nil && (!firstSet || firstProto != o || !inspBuiltInObjects[n]) {
				start := firstProto
				if start == nil {
					start = tmp
				}
				c.addPrototypeProperties(tmp, start, recurseTimes, protoProps)
			}
			return inspCtorName{name: n}
		}
		o = o.Prototype()
		if !firstSet {
			firstProto, firstSet = o, true
		}
	}
	if firstProto == nil {
		return inspCtorName{null: true}
	}
	res := inspInternalConstructorName(tmp)
	if float64(recurseTimes) > c.opts.depth {
		return inspCtorName{name: res + " <Complex prototype>"}
	}
	protoConstr := c.getConstructorName(firstProto, recurseTimes+1, protoProps)
	if protoConstr.null {
		sub := &inspectCtx{h: c.h, opts: c.opts, budget: map[int]int{}, seen: c.seen, circular: c.circular,
			indentationLvl: c.indentationLvl, currentDepth: c.currentDepth, nesting: c.nesting}
		sub.opts.customInspect = false
		sub.opts.depth, sub.opts.depthNull = -1, false
		return inspCtorName{name: res + " <" + sub.formatValue(firstProto, 0, false) + ">"}
	}
	return inspCtorName{name: res + " <" + protoConstr.name + ">"}
}

// ownConstructor returns o's own constructor property when it is a data property holding a
// function with a non-empty name, and that name. Prototypes' answers are cached for the call.
func (c *inspectCtx) ownConstructor(o *goja.Object, isValue bool) (*goja.Object, string) {
	if !isValue {
		if e, ok := c.ctorCache[o]; ok {
			return e.fn, e.name
		}
	}
	var fn *goja.Object
	name := ""
	key := c.h.rt.ToValue("constructor")
	// Most objects have no constructor property of their own; asking is cheaper than
	// building a descriptor.
	if !isValue || c.h.hasOwnProperty(o, key) {
		d := c.h.ownDescriptor(o, key, false)
		if f, ok := d.value.(*goja.Object); ok && inspIsCallable(f) {
			if nv := f.Get("name"); nv != nil && !goja.IsUndefined(nv) {
				if n := nv.String(); n != "" {
					fn, name = f, n
				}
			}
		}
	}
	if !isValue {
		if c.ctorCache == nil {
			c.ctorCache = map[*goja.Object]inspCtorEntry{}
		}
		c.ctorCache[o] = inspCtorEntry{fn, name}
	}
	return fn, name
}

type inspCtorEntry struct {
	fn   *goja.Object
	name string
}

// inspInternalConstructorName approximates V8's class name of an object, used only for objects
// whose prototype chain names no constructor.
func inspInternalConstructorName(o *goja.Object) string {
	switch o.ClassName() {
	case "Array", "Function", "Error", "Date", "RegExp", "Number", "String", "Boolean":
		return o.ClassName()
	}
	return "Object"
}

// addPrototypeProperties is Node's addPrototypeProperties (showHidden only).
func (c *inspectCtx) addPrototypeProperties(main, obj *goja.Object, recurseTimes int, output *[]string) {
	depth := 0
	var keys []inspKey
	keySet := map[inspKey]bool{}
	for {
		if depth != 0 || main == obj {
			obj = obj.Prototype()
			if obj == nil {
				return
			}
			d := c.h.ownDescriptor(obj, c.h.rt.ToValue("constructor"), false)
			if d.exists && d.value != nil {
				if fn, ok := d.value.(*goja.Object); ok && inspIsCallable(fn) {
					if n := fn.Get("name"); n != nil && inspBuiltInObjects[n.String()] {
						return
					}
				}
			}
		}
		if depth != 0 {
			for _, k := range keys {
				keySet[k] = true
			}
		}
		keys = c.ownKeys(obj, true)
		c.seen = append(c.seen, main)
		for _, key := range keys {
			if (key.sym == nil && key.name == "constructor") || c.h.hasOwnProperty(main, key.value(c.h.rt)) || (depth != 0 && keySet[key]) {
				continue
			}
			desc := c.h.ownDescriptor(obj, key.value(c.h.rt), false)
			if fn, ok := desc.value.(*goja.Object); ok && inspIsCallable(fn) {
				continue
			}
			value := c.formatProperty(obj, recurseTimes, key, inspObjectType, &desc, main)
			if c.opts.colors {
				*output = append(*output, "\x1b[2m"+value+"\x1b[22m")
			} else {
				*output = append(*output, value)
			}
		}
		c.seen = c.seen[:len(c.seen)-1]
		depth++
		if depth == 3 {
			return
		}
	}
}

// ownKeys lists own keys: enumerable ones, or all of them (Reflect.ownKeys) if all is set.
func (c *inspectCtx) ownKeys(o *goja.Object, all bool) []inspKey {
	var names []string
	if all {
		names = o.GetOwnPropertyNames()
	} else {
		names = o.Keys()
	}
	keys := make([]inspKey, 0, len(names))
	for _, n := range names {
		keys = append(keys, inspKey{name: n})
	}
	return append(keys, c.ownSymbols(o, all)...)
}

// ownSymbols lists own symbol keys: enumerable ones, or all of them.
func (c *inspectCtx) ownSymbols(o *goja.Object, all bool) []inspKey {
	var keys []inspKey
	if !all {
		for _, s := range o.Symbols() {
			if s != nil {
				keys = append(keys, inspKey{sym: s})
			}
		}
		return keys
	}
	arr, ok := inspCall(c.h.getOwnPropertySyms, goja.Undefined(), o).(*goja.Object)
	if !ok {
		return nil
	}
	n := int(arr.Get("length").ToInteger())
	for i := 0; i < n; i++ {
		if s, ok := arr.Get(strconv.Itoa(i)).(*goja.Symbol); ok {
			keys = append(keys, inspKey{sym: s})
		}
	}
	return keys
}

// getKeys is Node's getKeys.
// getKeys is Node's getKeys: enumerable own keys and symbols, or all of them.
func (c *inspectCtx) getKeys(value *goja.Object) []inspKey {
	return c.ownKeys(value, c.opts.showHidden)
}

// inspIsArrayIndex reports whether s is a canonical array index.
func inspIsArrayIndex(s string) bool {
	if s == "" || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return false
	}
	n := uint64(0)
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		n = n*10 + uint64(s[i]-'0')
	}
	return n < 1<<32-1
}

// getOwnNonIndexProperties lists own keys that are not array indices.
func (c *inspectCtx) getOwnNonIndexProperties(value *goja.Object) []inspKey {
	keys := c.ownKeys(value, c.opts.showHidden)
	out := keys[:0]
	for _, k := range keys {
		if k.sym == nil && inspIsArrayIndex(k.name) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// inspGetPrefix is Node's getPrefix: "Foo ", "Map(2) ", "[Object: null prototype] ".
func inspGetPrefix(constructor inspCtorName, tag, fallback, size string) string {
	if constructor.null {
		if tag != "" && fallback != tag {
			return "[" + fallback + size + ": null prototype] [" + tag + "] "
		}
		return "[" + fallback + size + ": null prototype] "
	}
	if tag != "" && constructor.name != tag {
		return constructor.name + size + " [" + tag + "] "
	}
	return constructor.name + size + " "
}

// getCtxStyle is Node's getCtxStyle.
func (c *inspectCtx) getCtxStyle(value *goja.Object, constructor inspCtorName, tag string) string {
	fallback := ""
	if constructor.null {
		fallback = inspInternalConstructorName(value)
		if fallback == tag {
			fallback = "Object"
		}
	}
	return inspGetPrefix(constructor, tag, fallback, "")
}

// inspFormatter produces the entries of an object before its own properties.
type inspFormatter func(recurseTimes int) []string

// formatRaw is Node's formatRaw: picks braces, prefix and entries by the object's type.
func (c *inspectCtx) formatRaw(value *goja.Object, recurseTimes int, typedArray bool) string {
	c.nesting++
	defer func() { c.nesting-- }()
	var protoProps *[]string
	if c.opts.showHidden && float64(recurseTimes) <= c.opts.depth {
		protoProps = &[]string{}
	}
	constructor := c.getConstructorName(value, recurseTimes, protoProps)
	if protoProps != nil && len(*protoProps) == 0 {
		protoProps = nil
	}
	hasProtoProps := protoProps != nil

	rawTag := ""
	tag := ""
	if t, ok := value.GetSymbol(goja.SymToStringTag).(goja.String); ok {
		rawTag = t.String()
		tag = rawTag
		if tag != "" {
			var own bool
			if c.opts.showHidden {
				own = c.h.hasOwnProperty(value, goja.SymToStringTag)
			} else {
				own = c.h.isEnumerable(value, goja.SymToStringTag)
			}
			if own {
				tag = ""
			}
		}
	}

	var keys []inspKey
	base := ""
	var format inspFormatter = func(int) []string { return nil }
	braces := [2]string{"{", "}"}
	extrasType := inspObjectType
	kind := c.kindOf(value)
	if kind == inspKindPlain {
		kind = c.refineKind(value, rawTag)
	}

	noIterator := true
	switch kind {
	case inspKindArray, inspKindSet, inspKindMap, inspKindTypedArray, inspKindMapIterator, inspKindSetIterator:
		if constructor.null || c.hasIterator(value) {
			noIterator = false
		}
	}
	if !noIterator {
		switch kind {
		case inspKindArray:
			length := inspArrayLength(value)
			prefix := ""
			if !constructor.is("Array") || tag != "" {
				prefix = inspGetPrefix(constructor, tag, "Array", "("+strconv.FormatInt(length, 10)+")")
			}
			keys = c.getOwnNonIndexProperties(value)
			braces = [2]string{prefix + "[", "]"}
			if length == 0 && len(keys) == 0 && !hasProtoProps {
				return braces[0] + "]"
			}
			extrasType = inspArrayExtrasType
			format = func(rt int) []string { return c.formatArray(value, length, rt) }
		case inspKindSet:
			entries := c.setEntries(value)
			size := strconv.Itoa(len(entries))
			prefix := inspGetPrefix(constructor, tag, "Set", "("+size+")")
			keys = c.getKeys(value)
			format = func(rt int) []string { return c.formatSet(entries, rt) }
			if len(entries) == 0 && len(keys) == 0 && !hasProtoProps {
				return prefix + "{}"
			}
			braces = [2]string{prefix + "{", "}"}
		case inspKindMap:
			entries := c.mapEntries(value)
			size := strconv.Itoa(len(entries) / 2)
			prefix := inspGetPrefix(constructor, tag, "Map", "("+size+")")
			keys = c.getKeys(value)
			format = func(rt int) []string { return c.formatMap(entries, rt) }
			if len(entries) == 0 && len(keys) == 0 && !hasProtoProps {
				return prefix + "{}"
			}
			braces = [2]string{prefix + "{", "}"}
		case inspKindTypedArray:
			keys = c.getOwnNonIndexProperties(value)
			fallback := ""
			if constructor.null {
				fallback = inspCall(c.h.typedArrayTag, value).String()
			}
			size := int(inspCall(c.h.typedArrayLength, value).ToInteger())
			prefix := inspGetPrefix(constructor, tag, fallback, "("+strconv.Itoa(size)+")")
			braces = [2]string{prefix + "[", "]"}
			if size == 0 && len(keys) == 0 && !c.opts.showHidden {
				return braces[0] + "]"
			}
			format = func(rt int) []string { return c.formatTypedArray(value, size, rt) }
			extrasType = inspArrayExtrasType
		case inspKindMapIterator:
			keys = c.getKeys(value)
			braces = inspGetIteratorBraces("Map", tag)
			format = func(int) []string { return nil }
		case inspKindSetIterator:
			keys = c.getKeys(value)
			braces = inspGetIteratorBraces("Set", tag)
			format = func(int) []string { return nil }
		}
	}
	if noIterator {
		keys = c.getKeys(value)
		braces = [2]string{"{", "}"}
		switch {
		case kind == inspKindFunction:
			base = c.getFunctionBase(value, constructor, tag)
			if len(keys) == 0 && !hasProtoProps {
				return c.stylize(base, "special")
			}
		case constructor.is("Object"):
			if kind == inspKindArguments {
				braces[0] = "[Arguments] {"
			} else if tag != "" {
				braces[0] = inspGetPrefix(constructor, tag, "Object", "") + "{"
			}
			if len(keys) == 0 && !hasProtoProps {
				return braces[0] + "}"
			}
		case kind == inspKindRegExp:
			base = inspRegExpToString(value)
			prefix := inspGetPrefix(constructor, tag, "RegExp", "")
			if prefix != "RegExp " {
				base = prefix + base
			}
			if (len(keys) == 0 && !hasProtoProps) || float64(recurseTimes) > c.opts.depth {
				return c.stylize(base, "regexp")
			}
		case kind == inspKindDate:
			base = inspDateString(value)
			prefix := inspGetPrefix(constructor, tag, "Date", "")
			if prefix != "Date " {
				base = prefix + base
			}
			if len(keys) == 0 && !hasProtoProps {
				return c.stylize(base, "date")
			}
		case c.isError(value, kind):
			base = c.formatError(value, constructor, tag, &keys)
			if len(keys) == 0 && !hasProtoProps {
				return base
			}
		case kind == inspKindArrayBuffer:
			prefix := inspGetPrefix(constructor, tag, "ArrayBuffer", "")
			ab := value.Export().(goja.ArrayBuffer)
			if !typedArray {
				format = func(int) []string { return c.formatArrayBuffer(ab) }
			} else if len(keys) == 0 && !hasProtoProps {
				return prefix + "{ byteLength: " + c.formatNumber(float64(len(ab.Bytes())), false) + " }"
			}
			braces[0] = prefix + "{"
			keys = append([]inspKey{{name: "byteLength"}}, keys...)
		case kind == inspKindDataView:
			braces[0] = inspGetPrefix(constructor, tag, "DataView", "") + "{"
			keys = append([]inspKey{{name: "byteLength"}, {name: "byteOffset"}, {name: "buffer"}}, keys...)
		case kind == inspKindPromise:
			braces[0] = inspGetPrefix(constructor, tag, "Promise", "") + "{"
			p := value.Export().(*goja.Promise)
			format = func(rt int) []string { return c.formatPromise(p, rt) }
		case kind == inspKindWeakSet:
			braces[0] = inspGetPrefix(constructor, tag, "WeakSet", "") + "{"
			format = func(int) []string { return []string{c.stylize("<items unknown>", "special")} }
		case kind == inspKindWeakMap:
			braces[0] = inspGetPrefix(constructor, tag, "WeakMap", "") + "{"
			format = func(int) []string { return []string{c.stylize("<items unknown>", "special")} }
		case kind >= inspKindNumberObject && kind <= inspKindSymbolObject:
			base = c.getBoxedBase(value, kind, &keys, constructor, tag)
			if len(keys) == 0 && !hasProtoProps {
				return base
			}
		default:
			if href, ok := c.urlHref(value); ok && float64(recurseTimes) <= c.opts.depth {
				base = href
				if len(keys) == 0 && !hasProtoProps {
					return base
				}
				break
			}
			if len(keys) == 0 && !hasProtoProps {
				return c.getCtxStyle(value, constructor, tag) + "{}"
			}
			braces[0] = c.getCtxStyle(value, constructor, tag) + "{"
		}
	}

	if float64(recurseTimes) > c.opts.depth {
		name := c.getCtxStyle(value, constructor, tag)
		name = name[:len(name)-1]
		if !constructor.null {
			name = "[" + name + "]"
		}
		return c.stylize(name, "special")
	}
	recurseTimes++
	if c.nesting > maxInspectNesting {
		name := c.getCtxStyle(value, constructor, tag)
		return c.stylize("["+name[:len(name)-1]+": Inspection interrupted prematurely. Maximum inspCall stack size exceeded.]", "special")
	}

	c.seen = append(c.seen, value)
	c.currentDepth = recurseTimes
	output := format(recurseTimes)
	for _, k := range keys {
		output = append(output, c.formatProperty(value, recurseTimes, k, extrasType, nil, value))
	}
	if protoProps != nil {
		output = append(output, *protoProps...)
	}
	if c.circular != nil {
		if index, ok := c.circular[value]; ok {
			reference := c.stylize("<ref *"+strconv.Itoa(index)+">", "special")
			if !c.opts.compactAll {
				if base == "" {
					base = reference
				} else {
					base = reference + " " + base
				}
			} else {
				braces[0] = reference + " " + braces[0]
			}
		}
	}
	c.seen = c.seen[:len(c.seen)-1]

	if c.opts.sorted {
		if extrasType == inspObjectType {
			c.sortStrings(output)
		} else if len(keys) > 1 {
			c.sortStrings(output[len(output)-len(keys):])
		}
	}

	res := c.reduceToSingleString(output, base, braces, extrasType, recurseTimes, value)
	newLength := c.budget[c.indentationLvl] + inspUtf16Len(res)
	c.budget[c.indentationLvl] = newLength
	if newLength > 1<<27 {
		c.opts.depth = -1
	}
	return res
}

// sortStrings sorts entries for the sorted option.
func (c *inspectCtx) sortStrings(s []string) {
	if c.opts.sortFn == nil {
		// Array.prototype.sort's default order compares UTF-16 code units.
		sort.SliceStable(s, func(i, j int) bool { return inspCompareUTF16(s[i], s[j]) < 0 })
		return
	}
	rt := c.h.rt
	sort.SliceStable(s, func(i, j int) bool {
		return inspCall(c.opts.sortFn, goja.Undefined(), rt.ToValue(s[i]), rt.ToValue(s[j])).ToFloat() < 0
	})
}

// inspCompareUTF16 compares strings as JavaScript does, by UTF-16 code units.
func inspCompareUTF16(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

// hasIterator is `Symbol.iterator in value`.
func (c *inspectCtx) hasIterator(value *goja.Object) bool {
	v := value.GetSymbol(goja.SymIterator)
	return v != nil
}

// inspArrayLength is an array's length.
func inspArrayLength(o *goja.Object) int64 {
	l := o.Get("length")
	if l == nil {
		return 0
	}
	return l.ToInteger()
}

// inspGetIteratorBraces is Node's getIteratorBraces.
func inspGetIteratorBraces(typ, tag string) [2]string {
	if tag != typ+" Iterator" {
		if tag != "" {
			tag += "] ["
		}
		tag += typ + " Iterator"
	}
	return [2]string{"[" + tag + "] {", "}"}
}

// getBoxedBase is Node's getBoxedBase: [Number: 3], [String: 'ab'] and so on.
func (c *inspectCtx) getBoxedBase(value *goja.Object, kind inspObjKind, keys *[]inspKey, constructor inspCtorName, tag string) string {
	var typ, prim string
	plain := &inspectCtx{h: c.h, opts: c.opts}
	plain.opts.colors = false
	switch kind {
	case inspKindNumberObject:
		typ = "Number"
		switch n := value.Export().(type) {
		case int64:
			prim = plain.formatNumber(float64(n), false)
		case float64:
			prim = plain.formatNumber(n, false)
		}
	case inspKindStringObject:
		typ = "String"
		s := inspCall(c.h.stringValueOf, value)
		prim = plain.formatPrimitive(s)
		n := s.(goja.String).Length()
		if n > len(*keys) {
			n = len(*keys)
		}
		*keys = (*keys)[n:]
	case inspKindBooleanObject:
		typ = "Boolean"
		prim = plain.formatPrimitive(c.h.rt.ToValue(value.Export()))
	case inspKindBigIntObject:
		typ = "BigInt"
		prim = value.Export().(*big.Int).String() + "n"
	default:
		typ = "Symbol"
		prim = plain.formatPrimitive(inspCall(c.h.symbolValueOf, value))
	}
	base := "[" + typ
	if constructor.null {
		base += " (null prototype)"
	} else if typ != constructor.name {
		base += " (" + constructor.name + ")"
	}
	base += ": " + prim + "]"
	if tag != "" && (constructor.null || tag != constructor.name) {
		base += " [" + tag + "]"
	}
	if len(*keys) != 0 || !c.opts.colors {
		return base
	}
	return c.stylize(base, strings.ToLower(typ))
}

// getClassBase is Node's getClassBase: [class A extends B].
func (c *inspectCtx) getClassBase(value *goja.Object, constructor inspCtorName, tag string) string {
	name := ""
	if c.h.hasOwnProperty(value, c.h.rt.ToValue("name")) {
		if n := value.Get("name"); n != nil && n.ToBoolean() {
			name = n.String()
		}
	}
	if name == "" {
		name = "(anonymous)"
	}
	base := "class " + name
	if !constructor.null && constructor.name != "Function" {
		base += " [" + constructor.name + "]"
	}
	if tag != "" && (constructor.null || constructor.name != tag) {
		base += " [" + tag + "]"
	}
	if !constructor.null {
		if p := value.Prototype(); p != nil {
			if sn := p.Get("name"); sn != nil && sn.ToBoolean() {
				base += " extends " + sn.String()
			}
		}
	} else {
		base += " extends [null prototype]"
	}
	return "[" + base + "]"
}

var (
	inspClassRegExp         = regexp.MustCompile(`^(\s+[^(]*?)\s*{`)
	inspStripCommentsRegExp = regexp.MustCompile(`(//.*?\n)|(/\*(.|\n)*?\*/)`)
)

// getFunctionBase is Node's getFunctionBase: [Function: f], [AsyncFunction: g], classes.
func (c *inspectCtx) getFunctionBase(value *goja.Object, constructor inspCtorName, tag string) string {
	if src, ok := inspTryCall(c.h.fnToString, value); ok {
		s := src.String()
		if strings.HasPrefix(s, "class") && strings.HasSuffix(s, "}") {
			slice := s[5 : len(s)-1]
			if i := strings.IndexByte(slice, '{'); i != -1 &&
				(!strings.Contains(slice[:i], "(") || inspClassRegExp.MatchString(inspStripCommentsRegExp.ReplaceAllString(slice, ""))) {
				return c.getClassBase(value, constructor, tag)
			}
		}
	}
	typ := "Function"
	if c.protoChainHas(value, c.h.generatorFnProto) {
		typ = "Generator" + typ
	}
	if c.protoChainHas(value, c.h.asyncFnProto) {
		typ = "Async" + typ
	}
	base := "[" + typ
	if constructor.null {
		base += " (null prototype)"
	}
	name := value.Get("name")
	if name == nil {
		name = goja.Undefined()
	}
	if goja.IsString(name) && name.String() == "" {
		base += " (anonymous)"
	} else {
		base += ": " + c.stringOf(name)
	}
	base += "]"
	if !constructor.null && constructor.name != typ {
		base += " " + constructor.name
	}
	if tag != "" && (constructor.null || constructor.name != tag) {
		base += " [" + tag + "]"
	}
	return base
}

// stringOf is `${v}` for a value read from an object.
func (c *inspectCtx) stringOf(v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		// A template literal throws on symbols where String() would not; so does Node.
		panic(c.h.rt.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.String()
}

// inspStringCall is String(v): like stringOf, but symbols become "Symbol(desc)".
func inspStringCall(v goja.Value) string {
	if s, ok := v.(*goja.Symbol); ok {
		return inspSymbolString(s)
	}
	return v.String()
}

// protoChainHas reports whether proto is on o's prototype chain.
func (c *inspectCtx) protoChainHas(o, proto *goja.Object) bool {
	if proto == nil {
		return false
	}
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

// inspRegExpToString is RegExp.prototype.toString.
func inspRegExpToString(o *goja.Object) string {
	src, flags := o.Get("source"), o.Get("flags")
	s := "/"
	if src != nil {
		// goja escapes a slash in the source as \u002f where V8 writes \/.
		s += strings.ReplaceAll(src.String(), `\u002f`, `\/`)
	} else {
		s += "undefined"
	}
	s += "/"
	if flags != nil {
		s += flags.String()
	} else {
		s += "undefined"
	}
	return s
}

// inspDateString is toISOString for valid dates and "Invalid Date" otherwise.
func inspDateString(o *goja.Object) string {
	t, ok := o.Export().(time.Time)
	if !ok {
		return "Invalid Date"
	}
	return inspIsoString(t)
}

func inspIsoString(t time.Time) string {
	t = t.UTC()
	y := t.Year()
	var b strings.Builder
	switch {
	case y >= 0 && y <= 9999:
		b.WriteString(inspPad(y, 4))
	case y < 0:
		b.WriteString("-" + inspPad(-y, 6))
	default:
		b.WriteString("+" + inspPad(y, 6))
	}
	b.WriteString("-" + inspPad(int(t.Month()), 2) + "-" + inspPad(t.Day(), 2) + "T" + inspPad(t.Hour(), 2) + ":" +
		inspPad(t.Minute(), 2) + ":" + inspPad(t.Second(), 2) + "." + inspPad(t.Nanosecond()/1e6, 3) + "Z")
	return b.String()
}

func inspPad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// setEntries lists a Set's values with the original Set.prototype.forEach.
func (c *inspectCtx) setEntries(value *goja.Object) []goja.Value {
	var out []goja.Value
	cb := c.h.rt.ToValue(func(fc goja.FunctionCall) goja.Value {
		out = append(out, fc.Argument(0))
		return goja.Undefined()
	})
	inspCall(c.h.setForEach, value, cb)
	return out
}

// mapEntries lists a Map's keys and values, alternating.
func (c *inspectCtx) mapEntries(value *goja.Object) []goja.Value {
	var out []goja.Value
	cb := c.h.rt.ToValue(func(fc goja.FunctionCall) goja.Value {
		out = append(out, fc.Argument(1), fc.Argument(0))
		return goja.Undefined()
	})
	inspCall(c.h.mapForEach, value, cb)
	return out
}

func inspRemainingText(remaining int) string {
	s := "... " + strconv.Itoa(remaining) + " more item"
	if remaining > 1 {
		s += "s"
	}
	return s
}

// maxLen is min(max(0, maxArrayLength), length).
func (c *inspectCtx) maxLen(length int) int {
	m := c.opts.maxArrayLength
	if m < 0 {
		m = 0
	}
	if length < m {
		return length
	}
	return m
}

// formatSet and formatMap are Node's; entries come from the built-in forEach.
func (c *inspectCtx) formatSet(entries []goja.Value, recurseTimes int) []string {
	maxLength := c.maxLen(len(entries))
	remaining := len(entries) - maxLength
	var output []string
	c.indentationLvl += 2
	for _, v := range entries[:maxLength] {
		output = append(output, c.formatValue(v, recurseTimes, false))
	}
	if remaining > 0 {
		output = append(output, inspRemainingText(remaining))
	}
	c.indentationLvl -= 2
	return output
}

func (c *inspectCtx) formatMap(entries []goja.Value, recurseTimes int) []string {
	length := len(entries) / 2
	maxLength := c.maxLen(length)
	remaining := length - maxLength
	var output []string
	c.indentationLvl += 2
	for i := 0; i < maxLength; i++ {
		k := c.formatValue(entries[2*i], recurseTimes, false)
		v := c.formatValue(entries[2*i+1], recurseTimes, false)
		output = append(output, k+" => "+v)
	}
	if remaining > 0 {
		output = append(output, inspRemainingText(remaining))
	}
	c.indentationLvl -= 2
	return output
}

// formatArrayBuffer is Node's: [Uint8Contents]: <00 01>.
func (c *inspectCtx) formatArrayBuffer(ab goja.ArrayBuffer) []string {
	if ab.Detached() {
		return []string{c.stylize("(detached)", "special")}
	}
	b := ab.Bytes()
	n := c.maxLen(len(b))
	str := inspHexBytes(b[:n])
	if remaining := len(b) - c.opts.maxArrayLength; remaining > 0 {
		str += " ... " + strconv.Itoa(remaining) + " more byte"
		if remaining > 1 {
			str += "s"
		}
	}
	return []string{c.stylize("[Uint8Contents]", "special") + ": <" + str + ">"}
}

// inspHexBytes is "68 69": bytes in hex separated by spaces.
func inspHexBytes(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, len(b)*3)
	for i, x := range b {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, digits[x>>4], digits[x&15])
	}
	return string(out)
}

// formatArray is Node's formatArray: up to maxArrayLength elements.
func (c *inspectCtx) formatArray(value *goja.Object, length int64, recurseTimes int) []string {
	valLen := length
	n := int64(c.maxLen(int(min(length, math.MaxInt32))))
	remaining := valLen - n
	output := make([]string, 0, n)
	for i := int64(0); i < n; i++ {
		key := c.h.rt.ToValue(i)
		desc := c.h.ownDescriptor(value, key, false)
		if !desc.exists {
			return c.formatSpecialArray(value, length, recurseTimes, int(n), output, int(i))
		}
		output = append(output, c.formatProperty(value, recurseTimes, inspKey{name: strconv.FormatInt(i, 10)}, inspArrayType, &desc, value))
	}
	if remaining > 0 {
		output = append(output, inspRemainingText(int(remaining)))
	}
	return output
}

// formatSpecialArray handles sparse arrays (and arrays with extra keys).
func (c *inspectCtx) formatSpecialArray(value *goja.Object, length int64, recurseTimes, maxLength int, output []string, i int) []string {
	keys := value.Keys()
	index := int64(i)
	for ; i < len(keys) && len(output) < maxLength; i++ {
		key := keys[i]
		tmp, err := strconv.ParseFloat(key, 64)
		if err == nil && tmp > 1<<32-2 {
			break
		}
		if strconv.FormatInt(index, 10) != key {
			if !inspNumberRegExpMatch(key) {
				break
			}
			emptyItems := int64(tmp) - index
			msg := "<" + strconv.FormatInt(emptyItems, 10) + " empty item"
			if emptyItems > 1 {
				msg += "s"
			}
			output = append(output, c.stylize(msg+">", "undefined"))
			index = int64(tmp)
			if len(output) == maxLength {
				break
			}
		}
		output = append(output, c.formatProperty(value, recurseTimes, inspKey{name: key}, inspArrayType, nil, value))
		index++
	}
	remaining := length - index
	if len(output) != maxLength {
		if remaining > 0 {
			msg := "<" + strconv.FormatInt(remaining, 10) + " empty item"
			if remaining > 1 {
				msg += "s"
			}
			output = append(output, c.stylize(msg+">", "undefined"))
		}
	} else if remaining > 0 {
		output = append(output, inspRemainingText(int(remaining)))
	}
	return output
}

// inspNumberRegExpMatch is /^(0|[1-9][0-9]*)$/.
func inspNumberRegExpMatch(s string) bool {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// formatTypedArray reads elements straight from the typed array's memory.
func (c *inspectCtx) formatTypedArray(value *goja.Object, length, recurseTimes int) []string {
	maxLength := c.maxLen(length)
	output := make([]string, 0, maxLength+1)
	sep := c.opts.numericSeparator
	switch a := value.Export().(type) {
	case []uint8:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatNumber(float64(x), sep))
		}
	case []int8:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatNumber(float64(x), sep))
		}
	case []uint16:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatNumber(float64(x), sep))
		}
	case []int16:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatNumber(float64(x), sep))
		}
	case []uint32:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatNumber(float64(x), sep))
		}
	case []int32:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatNumber(float64(x), sep))
		}
	case []float32:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatNumber(float64(x), sep))
		}
	case []float64:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatNumber(x, sep))
		}
	case []int64:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatBigIntString(strconv.FormatInt(x, 10), sep))
		}
	case []uint64:
		for _, x := range a[:maxLength] {
			output = append(output, c.formatBigIntString(strconv.FormatUint(x, 10), sep))
		}
	}
	if remaining := length - maxLength; remaining > 0 {
		output = append(output, inspRemainingText(remaining))
	}
	if c.opts.showHidden {
		c.indentationLvl += 2
		for _, key := range []string{"BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"} {
			v := value.Get(key)
			if v == nil {
				v = goja.Undefined()
			}
			output = append(output, "["+key+"]: "+c.formatValue(v, recurseTimes, true))
		}
		c.indentationLvl -= 2
	}
	return output
}

// formatPromise shows a promise's state and result, which goja exposes to Go.
func (c *inspectCtx) formatPromise(p *goja.Promise, recurseTimes int) []string {
	switch p.State() {
	case goja.PromiseStatePending:
		return []string{c.stylize("<pending>", "special")}
	default:
		c.indentationLvl += 2
		str := c.formatValue(p.Result(), recurseTimes, false)
		c.indentationLvl -= 2
		if p.State() == goja.PromiseStateRejected {
			return []string{c.stylize("<rejected>", "special") + " " + str}
		}
		return []string{str}
	}
}

// inspIsIdentifierKey is /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key).
func inspIsIdentifierKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9') {
			continue
		}
		return false
	}
	return true
}

// formatProperty is Node's formatProperty: one "key: value" entry (just the value for
// array elements), with [Getter]/[Setter] for accessors.
func (c *inspectCtx) formatProperty(value *goja.Object, recurseTimes int, key inspKey, typ int, desc *inspDescriptor, original *goja.Object) string {
	var name, str string
	extra := " "
	var d inspDescriptor
	if desc != nil {
		d = *desc
	} else if key.sym == nil && value.ExportType() == lazyObjectType {
		// Event objects plugchain hands to plugins hold data properties only.
		v := value.Get(key.name)
		if v == nil {
			v = goja.Undefined()
		}
		d = inspDescriptor{exists: true, value: v, enumerable: true}
	} else {
		d = c.h.ownDescriptor(value, key.value(c.h.rt), key.maybeHidden)
		if !d.exists {
			var v goja.Value
			if key.sym != nil {
				v = value.GetSymbol(key.sym)
			} else {
				v = value.Get(key.name)
			}
			if v == nil {
				v = goja.Undefined()
			}
			d = inspDescriptor{exists: true, value: v, enumerable: true}
		}
	}
	switch {
	case d.value != nil && !goja.IsUndefined(d.value):
		diff := 2
		if c.opts.compactAll && typ == inspObjectType {
			diff = 3
		}
		c.indentationLvl += diff
		str = c.formatValue(d.value, recurseTimes, false)
		if diff == 3 && c.opts.breakLength < float64(inspGetStringWidth(str, c.opts.colors)) {
			extra = "\n" + strings.Repeat(" ", c.indentationLvl)
		}
		c.indentationLvl -= diff
	case d.get != nil:
		label := "Getter"
		if d.set != nil {
			label = "Getter/Setter"
		}
		g := c.opts.getters
		if g == "true" || (g == "get" && d.set == nil) || (g == "set" && d.set != nil) {
			str = c.formatGetterValue(d.get, original, label, recurseTimes)
		} else {
			str = c.stylize("["+label+"]", "special")
		}
	case d.set != nil:
		str = c.stylize("[Setter]", "special")
	default:
		str = c.stylize("undefined", "undefined")
	}
	if typ == inspArrayType {
		return str
	}
	switch {
	case key.sym != nil:
		name = "[" + c.stylize(inspEscapeAll(inspSymbolString(key.sym)), "symbol") + "]"
	case key.name == "__proto__":
		name = "['__proto__']"
	case !d.enumerable:
		name = "[" + inspEscapeAll(key.name) + "]"
	case inspIsIdentifierKey(key.name):
		name = c.stylize(key.name, "name")
	default:
		name = c.stylize(inspStrEscape(key.name), "string")
	}
	return name + ":" + extra + str
}

// formatGetterValue runs a getter, which only the getters option asks for.
func (c *inspectCtx) formatGetterValue(getter goja.Value, original *goja.Object, label string, recurseTimes int) (str string) {
	fn, ok := goja.AssertFunction(getter)
	if !ok {
		return c.stylize("["+label+"]", "special")
	}
	v, err := fn(original)
	if err != nil {
		var ex *goja.Exception
		if !errors.As(err, &ex) {
			panic(err)
		}
		msg := ""
		if o, ok := ex.Value().(*goja.Object); ok {
			if m := o.Get("message"); m != nil {
				msg = m.String()
			} else {
				msg = "undefined"
			}
		} else {
			msg = "undefined"
		}
		return c.stylize("["+label+":", "special") + " <Inspection threw (" + msg + ")>" + c.stylize("]", "special")
	}
	c.indentationLvl += 2
	defer func() { c.indentationLvl -= 2 }()
	switch {
	case goja.IsNull(v):
		return c.stylize("["+label+":", "special") + " " + c.stylize("null", "null") + c.stylize("]", "special")
	case inspIsObject(v):
		return c.stylize("["+label+"]", "special") + " " + c.formatValue(v, recurseTimes, false)
	default:
		return c.stylize("["+label+":", "special") + " " + c.formatPrimitive(v) + c.stylize("]", "special")
	}
}

func inspIsObject(v goja.Value) bool {
	_, ok := v.(*goja.Object)
	return ok
}

// inspSymbolString is Symbol.prototype.toString.
func inspSymbolString(s *goja.Symbol) string {
	return "Symbol(" + s.String() + ")"
}

// isBelowBreakLength is Node's isBelowBreakLength; lengths are in UTF-16 units as in Node.
func (c *inspectCtx) isBelowBreakLength(output []string, start int, base string) bool {
	totalLength := len(output) + start
	if float64(totalLength+len(output)) > c.opts.breakLength {
		return false
	}
	for _, o := range output {
		if c.opts.colors {
			totalLength += inspUtf16Len(inspRemoveColors(o))
		} else {
			totalLength += inspUtf16Len(o)
		}
		if float64(totalLength) > c.opts.breakLength {
			return false
		}
	}
	return base == "" || !strings.Contains(base, "\n")
}

// reduceToSingleString is Node's reduceToSingleString: one line when the entries fit
// (compact mode 3), one entry per line otherwise.
func (c *inspectCtx) reduceToSingleString(output []string, base string, braces [2]string, extrasType, recurseTimes int, value *goja.Object) string {
	if !c.opts.compactAll {
		if c.opts.compactNumber && c.opts.compact >= 1 {
			entries := len(output)
			if extrasType == inspArrayExtrasType && entries > 6 {
				output = c.groupArrayElements(output, value)
			}
			if float64(c.currentDepth-recurseTimes) < c.opts.compact && entries == len(output) {
				start := len(output) + c.indentationLvl + inspUtf16Len(braces[0]) + inspUtf16Len(base) + 10
				if c.isBelowBreakLength(output, start, base) {
					joined := strings.Join(output, ", ")
					if !strings.Contains(joined, "\n") {
						s := ""
						if base != "" {
							s = base + " "
						}
						return s + braces[0] + " " + joined + " " + braces[1]
					}
				}
			}
		}
		indentation := "\n" + strings.Repeat(" ", c.indentationLvl)
		s := ""
		if base != "" {
			s = base + " "
		}
		return s + braces[0] + indentation + "  " + strings.Join(output, ","+indentation+"  ") + indentation + braces[1]
	}
	if c.isBelowBreakLength(output, 0, base) {
		s := braces[0]
		if base != "" {
			s += " " + base
		}
		return s + " " + strings.Join(output, ", ") + " " + braces[1]
	}
	indentation := strings.Repeat(" ", c.indentationLvl)
	var ln string
	if base == "" && inspUtf16Len(braces[0]) == 1 {
		ln = " "
	} else {
		if base != "" {
			ln = " " + base
		}
		ln += "\n" + indentation + "  "
	}
	return braces[0] + ln + strings.Join(output, ",\n"+indentation+"  ") + " " + braces[1]
}

// groupArrayElements is Node's groupArrayElements: lines up more than six short array
// entries in columns, numbers padded at the start and other values at the end.
func (c *inspectCtx) groupArrayElements(output []string, value *goja.Object) []string {
	totalLength := 0
	maxLength := 0
	outputLength := len(output)
	if c.opts.maxArrayLength < len(output) {
		// This makes sure the "... n more items" part is not taken into account.
		outputLength--
	}
	const separatorSpace = 2 // Add 1 for the space and 1 for the separator.
	dataLen := make([]int, outputLength)
	for i := 0; i < outputLength; i++ {
		l := inspGetStringWidth(output[i], c.opts.colors)
		dataLen[i] = l
		totalLength += l + separatorSpace
		if maxLength < l {
			maxLength = l
		}
	}
	actualMax := maxLength + separatorSpace
	if float64(actualMax*3+c.indentationLvl) < c.opts.breakLength &&
		(float64(totalLength)/float64(actualMax) > 5 || maxLength <= 6) {
		const approxCharHeights = 2.5
		averageBias := math.Sqrt(float64(actualMax) - float64(totalLength)/float64(len(output)))
		biasedMax := math.Max(float64(actualMax)-3-averageBias, 1)
		columns := math.Min(
			math.Min(
				math.Round(math.Sqrt(approxCharHeights*biasedMax*float64(outputLength))/biasedMax),
				math.Floor((c.opts.breakLength-float64(c.indentationLvl))/float64(actualMax)),
			),
			math.Min(c.opts.compact*4, 15),
		)
		if columns <= 1 || math.IsNaN(columns) {
			return output
		}
		cols := int(columns)
		var tmp []string
		maxLineLength := make([]int, 0, cols)
		for i := 0; i < cols; i++ {
			lineMaxLength := 0
			for j := i; j < len(output); j += cols {
				if j < outputLength && dataLen[j] > lineMaxLength {
					lineMaxLength = dataLen[j]
				}
			}
			maxLineLength = append(maxLineLength, lineMaxLength+separatorSpace)
		}
		padStart := true
		if value != nil {
			for i := 0; i < len(output); i++ {
				v := value.Get(strconv.Itoa(i))
				if v == nil || !(goja.IsNumber(v) || goja.IsBigInt(v)) {
					padStart = false
					break
				}
			}
		}
		for i := 0; i < outputLength; i += cols {
			maxI := min(i+cols, outputLength)
			var b strings.Builder
			j := i
			for ; j < maxI-1; j++ {
				padding := maxLineLength[j-i] + inspUtf16Len(output[j]) - dataLen[j]
				if padStart {
					b.WriteString(inspPadStartStr(output[j]+", ", padding))
				} else {
					b.WriteString(inspPadEndStr(output[j]+", ", padding))
				}
			}
			if padStart {
				padding := maxLineLength[j-i] + inspUtf16Len(output[j]) - dataLen[j] - separatorSpace
				b.WriteString(inspPadStartStr(output[j], padding))
			} else {
				b.WriteString(output[j])
			}
			tmp = append(tmp, b.String())
		}
		if c.opts.maxArrayLength < len(output) {
			tmp = append(tmp, output[outputLength])
		}
		output = tmp
	}
	return output
}

func inspPadStartStr(s string, n int) string {
	if l := inspUtf16Len(s); l < n {
		return strings.Repeat(" ", n-l) + s
	}
	return s
}

func inspPadEndStr(s string, n int) string {
	if l := inspUtf16Len(s); l < n {
		return s + strings.Repeat(" ", n-l)
	}
	return s
}

// formatError is Node's formatError, with stacks in goja's format ("\tat f (file:1:2(3))")
// rewritten in V8's ("    at f (file:1:2)") first.
func (c *inspectCtx) formatError(err *goja.Object, constructor inspCtorName, tag string, keys *[]inspKey) string {
	name := "Error"
	if n := err.Get("name"); n != nil && !goja.IsUndefined(n) && !goja.IsNull(n) {
		name = inspStringCall(n)
	}
	stack := inspV8Stack(c.getStackString(err))

	c.removeDuplicateErrorKeys(keys, err, stack)

	if cause := err.Get("cause"); cause != nil && !inspHasKey(*keys, "cause") {
		*keys = append(*keys, inspKey{name: "cause", maybeHidden: true})
	}
	if errs, ok := err.Get("errors").(*goja.Object); ok && errs.ClassName() == "Array" && !inspHasKey(*keys, "errors") {
		*keys = append(*keys, inspKey{name: "errors", maybeHidden: true})
	}

	stack = inspImproveStack(stack, constructor, name, tag)

	// Ignore the error message if it's contained in the stack.
	pos := -1
	msg := ""
	if m := err.Get("message"); m != nil && m.ToBoolean() {
		msg = m.String()
		if i := inspUtf16Index(stack, msg); i > 0 {
			pos = i + inspUtf16Len(msg)
		}
	}
	stackStart := -1
	if i := strings.Index(inspStackFrom(stack, pos), "\n    at"); i != -1 {
		stackStart = len(stack) - len(inspStackFrom(stack, pos)) + i
	}
	if stackStart == -1 {
		stack = "[" + stack + "]"
	} else {
		newStack := stack[:stackStart]
		lines := c.getStackFrames(err, stack[stackStart+1:])
		if c.opts.colors {
			for _, line := range lines {
				newStack += "\n" + line
			}
		} else {
			newStack += "\n" + strings.Join(lines, "\n")
		}
		stack = newStack
	}
	if c.indentationLvl != 0 {
		stack = strings.ReplaceAll(stack, "\n", "\n"+strings.Repeat(" ", c.indentationLvl))
	}
	return stack
}

// inspStackFrom is stack from UTF-16 position pos (JavaScript's indexOf fromIndex; -1 is 0).
func inspStackFrom(stack string, pos int) string {
	if pos <= 0 {
		return stack
	}
	n := 0
	for i, r := range stack {
		if n >= pos {
			return stack[i:]
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return ""
}

// inspUtf16Index is String.prototype.indexOf in UTF-16 units, or -1.
func inspUtf16Index(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return inspUtf16Len(s[:i])
}

func inspHasKey(keys []inspKey, name string) bool {
	for _, k := range keys {
		if k.sym == nil && k.name == name {
			return true
		}
	}
	return false
}

// getStackString is Node's getStackString: err.stack, or Error.prototype.toString.
func (c *inspectCtx) getStackString(err *goja.Object) string {
	if s := err.Get("stack"); s != nil && s.ToBoolean() {
		return inspStringCall(s)
	}
	return c.errorToString(err)
}

// errorToString is Error.prototype.toString.
func (c *inspectCtx) errorToString(err *goja.Object) string {
	name := "Error"
	if n := err.Get("name"); n != nil && !goja.IsUndefined(n) {
		name = c.stringOf(n)
	}
	msg := ""
	if m := err.Get("message"); m != nil && !goja.IsUndefined(m) {
		msg = c.stringOf(m)
	}
	return errorText(name, msg)
}

var inspGojaFrame = regexp.MustCompile(`^\tat (.*?)(?::(\d+):(\d+)\(\d+\)(\)?))?$`)

// inspV8Stack rewrites the frames of a stack trace in goja's format as V8 writes them.
func inspV8Stack(stack string) string {
	if !strings.Contains(stack, "\n\tat ") {
		return stack
	}
	lines := strings.Split(strings.TrimSuffix(stack, "\n"), "\n")
	for i, line := range lines {
		m := inspGojaFrame.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		frame := m[1]
		if m[2] != "" {
			frame += ":" + m[2] + ":" + m[3] + m[4]
		} else if frame == "native" {
			frame = "<anonymous>"
		} else if strings.HasSuffix(frame, " (native)") {
			frame = strings.TrimSuffix(frame, "(native)") + "(<anonymous>)"
		}
		lines[i] = "    at " + frame
	}
	return strings.Join(lines, "\n")
}

// removeDuplicateErrorKeys hides name, message and stack properties the stack shows.
func (c *inspectCtx) removeDuplicateErrorKeys(keys *[]inspKey, err *goja.Object, stack string) {
	if c.opts.showHidden || len(*keys) == 0 {
		return
	}
	for _, name := range []string{"name", "message", "stack"} {
		for i, k := range *keys {
			if k.sym == nil && k.name == name {
				v := err.Get(name)
				s := "undefined"
				if v != nil {
					s = c.stringOf(v)
				}
				if strings.Contains(stack, s) {
					*keys = append((*keys)[:i:i], (*keys)[i+1:]...)
				}
				break
			}
		}
	}
}

// getStackFrames is Node's getStackFrames: frames shared with the cause's stack collapse.
func (c *inspectCtx) getStackFrames(err *goja.Object, stack string) []string {
	frames := strings.Split(stack, "\n")
	var cause goja.Value
	// If 'cause' is a getter that throws, ignore it.
	c.h.rt.Try(func() { cause = err.Get("cause") })
	if co, ok := cause.(*goja.Object); ok && c.isError(co, c.kindOf(co)) {
		causeStack := inspV8Stack(c.getStackString(co))
		if i := strings.Index(causeStack, "\n    at"); i != -1 {
			causeFrames := strings.Split(causeStack[i+1:], "\n")
			l, offset := inspIdenticalSequenceRange(frames, causeFrames)
			if l > 0 {
				skipped := l - 2
				msg := "    ... " + strconv.Itoa(skipped) + " lines matching cause stack trace ..."
				rest := append([]string{c.stylize(msg, "undefined")}, frames[offset+1+skipped:]...)
				frames = append(frames[:offset+1], rest...)
			}
		}
	}
	return frames
}

// inspIdenticalSequenceRange is Node's identicalSequenceRange.
func inspIdenticalSequenceRange(a, b []string) (int, int) {
	for i := 0; i < len(a)-3; i++ {
		pos := -1
		for j, x := range b {
			if x == a[i] {
				pos = j
				break
			}
		}
		if pos != -1 {
			rest := len(b) - pos
			if rest > 3 {
				l := 1
				maxLen := min(len(a)-i, rest)
				for maxLen > l && a[i+l] == b[pos+l] {
					l++
				}
				if l > 3 {
					return l, i
				}
			}
		}
	}
	return 0, 0
}

var (
	inspErrorNameStart  = regexp.MustCompile(`^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)`)
	inspErrorNameSingle = regexp.MustCompile(`^([a-z_A-Z0-9-]*Error)$`)
)

// inspImproveStack is Node's improveStack: puts the constructor name in the first line.
func inspImproveStack(stack string, constructor inspCtorName, name, tag string) string {
	l := len(name)
	if constructor.null ||
		(strings.HasSuffix(name, "Error") && strings.HasPrefix(stack, name) &&
			(len(stack) == l || stack[l] == ':' || stack[l] == '\n')) {
		fallback := "Error"
		if constructor.null {
			m := inspErrorNameStart.FindStringSubmatch(stack)
			if m == nil {
				m = inspErrorNameSingle.FindStringSubmatch(stack)
			}
			fallback = ""
			if m != nil {
				fallback = m[1]
			}
			l = len(fallback)
			if fallback == "" {
				fallback = "Error"
			}
		}
		prefix := inspGetPrefix(constructor, tag, fallback, "")
		prefix = prefix[:len(prefix)-1]
		if name != prefix {
			if strings.Contains(prefix, name) {
				if l == 0 {
					stack = prefix + ": " + stack
				} else {
					stack = prefix + stack[l:]
				}
			} else {
				stack = prefix + " [" + name + "]" + stack[l:]
			}
		}
	}
	return stack
}

// formatPrimitive formats strings, numbers, bigints, booleans, undefined, null and symbols.
func (c *inspectCtx) formatPrimitive(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return c.stylize("undefined", "undefined")
	case goja.IsNull(v):
		return c.stylize("null", "null")
	}
	switch x := v.(type) {
	case goja.String:
		return c.formatString(x)
	case *goja.Symbol:
		return c.stylize(inspSymbolString(x), "symbol")
	}
	switch {
	case goja.IsNumber(v):
		return c.formatNumber(v.ToFloat(), c.opts.numericSeparator)
	case goja.IsBigInt(v):
		return c.formatBigIntString(v.String(), c.opts.numericSeparator)
	}
	return c.stylize(v.String(), "boolean")
}

// formatString is formatPrimitive for strings: quoted, escaped, cut at maxStringLength and
// split into lines when long.
func (c *inspectCtx) formatString(x goja.String) string {
	value := inspJsString(x)
	trailer := ""
	if n := x.Length(); n > c.opts.maxStringLength {
		remaining := n - c.opts.maxStringLength
		value = inspUtf16Prefix(value, max(c.opts.maxStringLength, 0))
		trailer = "... " + strconv.Itoa(remaining) + " more character"
		if remaining > 1 {
			trailer += "s"
		}
	}
	n := inspUtf16Len(value)
	if !c.opts.compactAll && n > inspMinLineLength && float64(n) > c.opts.breakLength-float64(c.indentationLvl)-4 {
		lines := inspSplitAfterNewline(value)
		parts := make([]string, len(lines))
		for i, line := range lines {
			parts[i] = c.stylize(inspStrEscape(line), "string")
		}
		return strings.Join(parts, " +\n"+strings.Repeat(" ", c.indentationLvl+2)) + trailer
	}
	return c.stylize(inspStrEscape(value), "string") + trailer
}

// inspSplitAfterNewline is str.split(/(?<=\n)/).
func inspSplitAfterNewline(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 || i == len(s)-1 {
			return append(out, s)
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
}

// formatNumber is Node's formatNumber (-0 prints as -0).
func (c *inspectCtx) formatNumber(f float64, numericSeparator bool) string {
	if !numericSeparator {
		if f == 0 && math.Signbit(f) {
			return c.stylize("-0", "number")
		}
		return c.stylize(inspNumberString(f), "number")
	}
	s := inspNumberString(f)
	if f == math.Trunc(f) {
		if math.IsInf(f, 0) || strings.Contains(s, "e") {
			return c.stylize(s, "number")
		}
		return c.stylize(inspAddNumericSeparator(s), "number")
	}
	if math.IsNaN(f) {
		return c.stylize(s, "number")
	}
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return c.stylize(s, "number")
	}
	return c.stylize(inspAddNumericSeparator(s[:dot])+"."+inspAddNumericSeparatorEnd(s[dot+1:]), "number")
}

// formatBigIntString formats a BigInt's decimal digits.
func (c *inspectCtx) formatBigIntString(s string, numericSeparator bool) string {
	if numericSeparator {
		s = inspAddNumericSeparator(s)
	}
	return c.stylize(s+"n", "bigint")
}

func inspAddNumericSeparator(s string) string {
	result := ""
	i := len(s)
	start := 0
	if strings.HasPrefix(s, "-") {
		start = 1
	}
	for ; i >= start+4; i -= 3 {
		result = "_" + s[i-3:i] + result
	}
	if i == len(s) {
		return s
	}
	return s[:i] + result
}

func inspAddNumericSeparatorEnd(s string) string {
	result := ""
	i := 0
	for ; i < len(s)-3; i += 3 {
		result += s[i:i+3] + "_"
	}
	if i == 0 {
		return s
	}
	return result + s[i:]
}

// inspNumberString is JavaScript's Number.prototype.toString().
func inspNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		if math.Abs(f) < 1<<53 {
			return strconv.FormatInt(int64(f), 10)
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return string(ftoa.FToStr(f, ftoa.ModeStandard, 0, nil))
}

// inspJsString converts a JavaScript string to Go, keeping lone surrogates as WTF-8 so they can
// be escaped as \uXXXX like Node does (plain conversion turns them into U+FFFD).
func inspJsString(s goja.String) string {
	g := s.String()
	if !strings.ContainsRune(g, utf8.RuneError) {
		return g
	}
	n := s.Length()
	b := make([]byte, 0, len(g))
	for i := 0; i < n; i++ {
		u := s.CharAt(i)
		switch {
		case utf16.IsSurrogate(rune(u)) && u < 0xDC00 && i+1 < n && s.CharAt(i+1) >= 0xDC00 && s.CharAt(i+1) <= 0xDFFF:
			b = utf8.AppendRune(b, utf16.DecodeRune(rune(u), rune(s.CharAt(i+1))))
			i++
		case utf16.IsSurrogate(rune(u)):
			b = append(b, 0xED, byte(0x80|(u>>6)&0x3F), byte(0x80|u&0x3F))
		default:
			b = utf8.AppendRune(b, rune(u))
		}
	}
	return string(b)
}

// inspDecodeWTF8 is utf8.DecodeRuneInString that also decodes WTF-8 lone surrogates.
func inspDecodeWTF8(s string) (rune, int) {
	if len(s) >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && s[2]&0xC0 == 0x80 {
		return rune(0xD000 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F)), 3
	}
	return utf8.DecodeRuneInString(s)
}

// inspUtf16Len is a string's JavaScript length.
func inspUtf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := inspDecodeWTF8(s[i:])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}

// inspUtf16Prefix is s.slice(0, n) in UTF-16 units; a pair cut in half leaves its lone half.
func inspUtf16Prefix(s string, n int) string {
	units := 0
	for i := 0; i < len(s); {
		if units >= n {
			return s[:i]
		}
		r, size := inspDecodeWTF8(s[i:])
		if r >= 0x10000 {
			if units+2 > n {
				hi, _ := utf16.EncodeRune(r)
				return s[:i] + string([]byte{0xED, byte(0x80 | (hi>>6)&0x3F), byte(0x80 | hi&0x3F)})
			}
			units += 2
		} else {
			units++
		}
		i += size
	}
	return s
}

// inspMeta is Node's table of escapes for control characters, the single quote and backslash.
var inspMeta = func() [0xA0]string {
	var m [0xA0]string
	for i := 0; i < 0x20; i++ {
		m[i] = `\x` + strings.ToUpper(inspHex2(i))
	}
	m['\b'], m['\t'], m['\n'], m['\f'], m['\r'] = `\b`, `\t`, `\n`, `\f`, `\r`
	m[0x0B] = `\x0B`
	m['\''] = `\'`
	m['\\'] = `\\`
	for i := 0x7F; i < 0xA0; i++ {
		m[i] = `\x` + strings.ToUpper(inspHex2(i))
	}
	return m
}()

func inspHex2(i int) string {
	s := strconv.FormatInt(int64(i), 16)
	if len(s) < 2 {
		s = "0" + s
	}
	return s
}

// inspStrEscape quotes a string as Node does: single quotes unless the string contains them, then
// double quotes or backticks, escaping control characters, backslashes and lone surrogates.
func inspStrEscape(str string) string {
	quote := byte('\'')
	escapeSingle := true
	if strings.IndexByte(str, '\'') >= 0 {
		if strings.IndexByte(str, '"') < 0 {
			quote = '"'
			escapeSingle = false
		} else if strings.IndexByte(str, '`') < 0 && !strings.Contains(str, "${") {
			quote = '`'
			escapeSingle = false
		}
	}
	var b strings.Builder
	b.Grow(len(str) + 2)
	b.WriteByte(quote)
	last := 0
	for i := 0; i < len(str); {
		ch := str[i]
		if ch < utf8.RuneSelf {
			if ch < 0x20 || ch == 0x7F || ch == '\\' || (ch == '\'' && escapeSingle) {
				b.WriteString(str[last:i])
				b.WriteString(inspMeta[ch])
				last = i + 1
			}
			i++
			continue
		}
		r, size := inspDecodeWTF8(str[i:])
		if (r >= 0x80 && r < 0xA0) || (r >= 0xD800 && r <= 0xDFFF) {
			b.WriteString(str[last:i])
			if r < 0xA0 {
				b.WriteString(inspMeta[r])
			} else {
				b.WriteString(`\u` + strconv.FormatInt(int64(r), 16))
			}
			last = i + size
		}
		i += size
	}
	b.WriteString(str[last:])
	b.WriteByte(quote)
	return b.String()
}

// inspEscapeAll is str.replace(strEscapeSequencesReplacer, escapeFn): escapes without quoting,
// the single quote included.
func inspEscapeAll(str string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(str); {
		ch := str[i]
		if ch < utf8.RuneSelf {
			if ch < 0x20 || ch == 0x7F || ch == '\\' || ch == '\'' {
				b.WriteString(str[last:i])
				b.WriteString(inspMeta[ch])
				last = i + 1
			}
			i++
			continue
		}
		r, size := inspDecodeWTF8(str[i:])
		if (r >= 0x80 && r < 0xA0) || (r >= 0xD800 && r <= 0xDFFF) {
			b.WriteString(str[last:i])
			if r < 0xA0 {
				b.WriteString(inspMeta[r])
			} else {
				b.WriteString(`\u` + strconv.FormatInt(int64(r), 16))
			}
			last = i + size
		}
		i += size
	}
	if last == 0 {
		return str
	}
	b.WriteString(str[last:])
	return b.String()
}

var inspAnsiRegExp = regexp.MustCompile("[\\x{001B}\\x{009B}][[\\]()#;?]*" +
	"(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*" +
	"|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?" +
	"(?:\\x{0007}|\\x{001B}\\x{005C}|\\x{009C}))" +
	"|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?" +
	"[\\dA-PR-TZcf-nq-uy=><~]))")

// inspRemoveColors strips ANSI escape codes.
func inspRemoveColors(s string) string {
	if !strings.ContainsAny(s, "\x1b\u009b") {
		return s
	}
	return inspAnsiRegExp.ReplaceAllString(s, "")
}

// inspGetStringWidth is the number of terminal columns s takes, as Node (built with ICU)
// computes it.
func inspGetStringWidth(s string, removeControlChars bool) int {
	if removeControlChars {
		s = inspRemoveColors(s)
	}
	w := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 127 {
			return w + inspIcuStringWidth(norm.NFC.String(s[i:]))
		}
		if ch >= 32 {
			w++
		}
	}
	return w
}

// inspIcuStringWidth mirrors Node's GetStringWidth (src/node_i18n.cc) with expanded emoji
// sequences and ambiguous characters as narrow.
func inspIcuStringWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		r, size := inspDecodeWTF8(s[i:])
		i += size
		w += inspColumnWidth(r)
	}
	return w
}

// inspColumnWidth is Node's GetColumnWidth for one code point.
func inspColumnWidth(r rune) int {
	if r != 0xAD && (unicode.In(r, unicode.Cc, unicode.Cf, unicode.Me, unicode.Mn) || (r >= 0x1F3FB && r <= 0x1F3FF)) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianFullwidth, width.EastAsianWide:
		return 2
	case width.EastAsianAmbiguous, width.Neutral:
		if inspEmojiPresentation(r) {
			return 2
		}
	}
	return 1
}

// inspEmojiPresentation lists the Emoji_Presentation characters that are not East Asian Wide.
func inspEmojiPresentation(r rune) bool {
	return r >= 0x1F1E6 && r <= 0x1F1FF
}

// urlHref is Node's isURL check (typeof value.href === 'string' && value instanceof URL) and
// the href it found.
func (c *inspectCtx) urlHref(value *goja.Object) (string, bool) {
	href, ok := value.Get("href").(goja.String)
	if !ok {
		return "", false
	}
	ctor, ok := c.h.rt.Get("URL").(*goja.Object)
	if !ok || !inspOrdinaryHasInstance(ctor, value) {
		return "", false
	}
	return href.String(), true
}
