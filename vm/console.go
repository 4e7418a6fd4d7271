package vm

import (
	"math"
	"math/big"
	"runtime"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

func init() {
	registerGlobal("console", func(in *Instance) (goja.Value, error) {
		h := newInspector(in)
		console := in.rt.NewObject()
		for _, level := range []string{"log", "info", "warn", "error", "debug"} {
			_ = console.Set(level, func(call goja.FunctionCall) goja.Value {
				in.log(level, h.formatLog(call.Arguments))
				return goja.Undefined()
			})
		}
		return console, nil
	})
}

// formatLog formats console arguments as Node's console does: util.format(...args).
//
// Like Node it lets exceptions thrown by plugin code it runs (a throwing toString for %s, a
// custom inspect function) reach the caller. A bug in the formatter itself must not break the
// plugin, so a Go runtime error falls back to String() of each argument.
func (h *inspector) formatLog(args []goja.Value) (out string) {
	defer func() {
		if r := recover(); r != nil {
			if _, bug := r.(runtime.Error); !bug {
				panic(r)
			}
			parts := make([]string, len(args))
			for i, a := range args {
				parts[i] = safeString(a)
			}
			out = strings.Join(parts, " ")
		}
	}()
	return h.format(defaultInspectOptions, args)
}

// format is util.formatWithOptions(opts, ...args).
func (h *inspector) format(opts inspectOptions, args []goja.Value) string {
	if len(args) == 0 {
		return ""
	}
	first, isString := args[0].(goja.String)
	if isString && len(args) == 1 {
		return first.String()
	}
	h.init()
	a := 0
	var b strings.Builder
	b.Grow(64)
	join := ""
	if isString {
		f := first.String()
		lastPos := 0
		for i := 0; i < len(f)-1; i++ {
			if f[i] != '%' {
				continue
			}
			i++
			next := f[i]
			if a+1 != len(args) {
				var temp string
				switch next {
				case 's':
					a++
					temp = h.formatS(opts, args[a])
				case 'j':
					a++
					temp = h.tryStringify(args[a])
				case 'd':
					a++
					temp = h.formatD(opts, args[a])
				case 'O':
					a++
					temp = h.inspect(args[a], opts)
				case 'o':
					a++
					o := opts
					o.showHidden, o.showProxy, o.depth, o.depthNull = true, true, 4, false
					temp = h.inspect(args[a], o)
				case 'i':
					a++
					temp = h.formatI(opts, args[a])
				case 'f':
					a++
					temp = h.formatF(opts, args[a])
				case 'c':
					a++
					temp = ""
				case '%':
					b.WriteString(f[lastPos:i])
					lastPos = i + 1
					continue
				default:
					continue
				}
				if lastPos != i-1 {
					b.WriteString(f[lastPos : i-1])
				}
				b.WriteString(temp)
				lastPos = i + 1
			} else if next == '%' {
				b.WriteString(f[lastPos:i])
				lastPos = i + 1
			}
		}
		if lastPos != 0 {
			a++
			join = " "
			if lastPos < len(f) {
				b.WriteString(f[lastPos:])
			}
		}
	}
	for ; a < len(args); a++ {
		v := args[a]
		b.WriteString(join)
		if s, ok := v.(goja.String); ok {
			b.WriteString(s.String())
		} else {
			b.WriteString(h.inspect(v, opts))
		}
		join = " "
	}
	return b.String()
}

func (h *inspector) plainCtx(opts inspectOptions) *inspectCtx {
	opts.colors = false
	return &inspectCtx{h: h, opts: opts}
}

// formatS is %s: String(value) for primitives and objects with their own toString, a shallow
// inspect otherwise.
func (h *inspector) formatS(opts inspectOptions, v goja.Value) string {
	c := h.plainCtx(opts)
	switch {
	case goja.IsNumber(v):
		return c.formatNumber(v.ToFloat(), opts.numericSeparator)
	case goja.IsBigInt(v):
		return c.formatBigIntString(v.String(), opts.numericSeparator)
	}
	obj, ok := v.(*goja.Object)
	if !ok || inspIsCallable(obj) || !h.hasBuiltInToString(obj) {
		if v == nil {
			return "undefined"
		}
		return inspStringCall(v)
	}
	o := opts
	o.compactAll, o.compactNumber, o.compact = false, true, 3
	o.colors = false
	o.depth, o.depthNull = 0, false
	return h.inspect(v, o)
}

// hasBuiltInToString reports whether an object would print as [object Object] or similar:
// its toString and Symbol.toPrimitive come from a built-in prototype.
func (h *inspector) hasBuiltInToString(value *goja.Object) bool {
	if target, _, isProxy := inspProxyTarget(value); isProxy {
		if target == nil {
			return true
		}
		value = target
	}
	checkToString, checkToPrimitive := true, true
	isFunc := func(v goja.Value) bool {
		o, ok := v.(*goja.Object)
		return ok && inspIsCallable(o)
	}
	toStringKey := h.rt.ToValue("toString")
	if !isFunc(value.Get("toString")) {
		if !isFunc(value.GetSymbol(goja.SymToPrimitive)) {
			return true
		} else if h.hasOwnProperty(value, goja.SymToPrimitive) {
			return false
		}
		checkToString = false
	} else if h.hasOwnProperty(value, toStringKey) {
		return false
	} else if !isFunc(value.GetSymbol(goja.SymToPrimitive)) {
		checkToPrimitive = false
	} else if h.hasOwnProperty(value, goja.SymToPrimitive) {
		return false
	}
	pointer := value
	for {
		pointer = pointer.Prototype()
		if pointer == nil {
			return true
		}
		if (checkToString && h.hasOwnProperty(pointer, toStringKey)) ||
			(checkToPrimitive && h.hasOwnProperty(pointer, goja.SymToPrimitive)) {
			break
		}
	}
	d := h.ownDescriptor(pointer, h.rt.ToValue("constructor"), false)
	if !d.exists || d.value == nil {
		return false
	}
	ctor, ok := d.value.(*goja.Object)
	if !ok || !inspIsCallable(ctor) {
		return false
	}
	name := ctor.Get("name")
	return name != nil && inspBuiltInObjects[name.String()]
}

// formatD is %d: Number(value), BigInts as such, symbols as NaN.
func (h *inspector) formatD(opts inspectOptions, v goja.Value) string {
	c := h.plainCtx(opts)
	switch {
	case goja.IsBigInt(v):
		return c.formatBigIntString(v.String(), opts.numericSeparator)
	case inspIsSymbol(v):
		return "NaN"
	case v == nil:
		return "NaN"
	}
	return c.formatNumber(h.toNumber(v), opts.numericSeparator)
}

// toNumber is Number(v); a BigInt primitive (from a valueOf) converts too.
func (h *inspector) toNumber(v goja.Value) float64 {
	n := v.ToNumber()
	if goja.IsBigInt(n) {
		f, _ := new(big.Float).SetInt(n.Export().(*big.Int)).Float64()
		return f
	}
	return n.ToFloat()
}

func inspIsSymbol(v goja.Value) bool {
	_, ok := v.(*goja.Symbol)
	return ok
}

// formatI is %i: parseInt(value).
func (h *inspector) formatI(opts inspectOptions, v goja.Value) string {
	c := h.plainCtx(opts)
	switch {
	case goja.IsBigInt(v):
		return c.formatBigIntString(v.String(), opts.numericSeparator)
	case inspIsSymbol(v):
		return "NaN"
	}
	if v == nil {
		v = goja.Undefined()
	}
	return c.formatNumber(inspParseInt(v.String()), opts.numericSeparator)
}

// inspParseInt is parseInt(s) with no radix. It is done here because goja's parseInt loses the
// sign of -0, which %i shows.
func inspParseInt(s string) float64 {
	s = strings.TrimLeftFunc(s, inspIsJSWhitespace)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	radix := 10
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		radix = 16
		s = s[2:]
	}
	end := 0
	for end < len(s) && inspDigitValue(s[end]) < radix {
		end++
	}
	if end == 0 {
		return math.NaN()
	}
	var f float64
	if radix == 10 {
		f, _ = strconv.ParseFloat(s[:end], 64)
	} else {
		for i := 0; i < end; i++ {
			f = f*16 + float64(inspDigitValue(s[i]))
		}
	}
	if neg {
		f = -f
	}
	return f
}

func inspDigitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// inspIsJSWhitespace is JavaScript's WhiteSpace and LineTerminator.
func inspIsJSWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// formatF is %f: parseFloat(value).
func (h *inspector) formatF(opts inspectOptions, v goja.Value) string {
	if inspIsSymbol(v) {
		return "NaN"
	}
	if v == nil {
		v = goja.Undefined()
	}
	f := inspCall(h.parseFloat, goja.Undefined(), v).ToFloat()
	if math.IsNaN(f) {
		return "NaN"
	}
	return h.plainCtx(opts).formatNumber(f, opts.numericSeparator)
}

// tryStringify is %j: JSON.stringify, or '[Circular]' for circular structures.
func (h *inspector) tryStringify(v goja.Value) string {
	if v == nil {
		v = goja.Undefined()
	}
	res, err := h.jsonStringify(goja.Undefined(), v)
	if err == nil {
		if res == nil || goja.IsUndefined(res) {
			return "undefined"
		}
		return res.String()
	}
	if ex, ok := err.(*goja.Exception); ok {
		if e, ok := ex.Value().(*goja.Object); ok {
			if h.circularMsg == "" {
				h.circularMsg = h.circularErrorMessage()
			}
			name, msg := e.Get("name"), e.Get("message")
			if name != nil && name.String() == "TypeError" && msg != nil && inspFirstLine(msg.String()) == h.circularMsg {
				return "[Circular]"
			}
		}
	}
	panic(err)
}

// circularErrorMessage is the first line of the message JSON.stringify throws for a cycle.
func (h *inspector) circularErrorMessage() string {
	a := h.rt.NewObject()
	_ = a.Set("a", a)
	_, err := h.jsonStringify(goja.Undefined(), a)
	if ex, ok := err.(*goja.Exception); ok {
		if e, ok := ex.Value().(*goja.Object); ok {
			if m := e.Get("message"); m != nil {
				return inspFirstLine(m.String())
			}
		}
	}
	return "\x00"
}

func inspFirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
