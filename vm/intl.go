package vm

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"io"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // time zones must work on hosts without a zoneinfo database

	"github.com/dop251/goja"
)

// Intl and the locale-sensitive built-ins (toLocaleString and friends), with the data of
// Node's ICU for the locales plugchain supports (see locale.go). The data is generated from
// Node itself (intl_gen_test.go) and loaded on first use, once per process.

func init() {
	registerGlobal("Intl", func(in *Instance) (goja.Value, error) { return in.buildIntl(), nil })
}

// installIntl prepares an instance's built-ins before plugin code runs: Date becomes
// zone-aware on first use, and Number, BigInt, Array and String get their locale-sensitive
// methods. To keep idle instances small, the three toLocaleString methods are one function
// that looks at its receiver.
func (in *Instance) installIntl() {
	in.installDate()
	if in.uses().toLocale {
		in.installToLocaleString()
	}
	if in.uses().localeCompare {
		in.installLocaleCompare()
	}
}

// installToLocaleString gives numbers, BigInts and arrays ECMA-402's toLocaleString.
func (in *Instance) installToLocaleString() {
	rt := in.rt
	toLocale := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		switch v := call.This.(type) {
		case *goja.Object:
			switch v.ClassName() {
			case "Number":
				return rt.ToValue(in.newNumberFormat(call.Argument(0), call.Argument(1)).format(numberValue{f: v.ToFloat()}))
			case "BigInt":
				if b, ok := v.Export().(*big.Int); ok {
					return rt.ToValue(in.newNumberFormat(call.Argument(0), call.Argument(1)).format(numberValue{big: b}))
				}
			}
			return rt.ToValue(in.arrayToLocaleString(call))
		default:
			if b, ok := v.Export().(*big.Int); ok {
				return rt.ToValue(in.newNumberFormat(call.Argument(0), call.Argument(1)).format(numberValue{big: b}))
			}
			if isNumber(v) {
				return rt.ToValue(in.newNumberFormat(call.Argument(0), call.Argument(1)).format(numberValue{f: v.ToFloat()}))
			}
		}
		panic(in.newError("TypeError", "Number.prototype.toLocaleString requires that 'this' be a Number"))
	}).(*goja.Object)
	_ = toLocale.DefineDataProperty("name", rt.ToValue("toLocaleString"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	for _, proto := range []*goja.Object{rt.ToValue(0).ToObject(rt).Prototype(), rt.ToValue(new(big.Int)).ToObject(rt).Prototype(), rt.NewArray().Prototype()} {
		if proto != nil {
			_ = proto.DefineDataProperty("toLocaleString", toLocale, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
	}
}

// installLocaleCompare gives strings ICU's collation in localeCompare.
func (in *Instance) installLocaleCompare() {
	rt := in.rt
	if p := rt.ToValue("").ToObject(rt).Prototype(); p != nil {
		in.setMethod(p, "localeCompare", 1, func(call goja.FunctionCall) goja.Value {
			if goja.IsUndefined(call.This) || goja.IsNull(call.This) {
				panic(in.newError("TypeError", "String.prototype.localeCompare called on null or undefined"))
			}
			c := in.newCollator(call.Argument(1), call.Argument(2))
			return rt.ToValue(c.compare(call.This.String(), call.Argument(0).String()))
		})
	}
}

// arrayToLocaleString is Array.prototype.toLocaleString as ECMA-402 has it: each element's
// toLocaleString called with the locales and options.
func (in *Instance) arrayToLocaleString(call goja.FunctionCall) string {
	o := call.This.ToObject(in.rt)
	n := toLength(o.Get("length"))
	var b strings.Builder
	for k := int64(0); k < n; k++ {
		if k > 0 {
			b.WriteByte(',')
		}
		v := o.Get(strconv.FormatInt(k, 10))
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			continue
		}
		obj := v.ToObject(in.rt)
		f, ok := goja.AssertFunction(obj.Get("toLocaleString"))
		if !ok {
			panic(in.newError("TypeError", "toLocaleString is not a function"))
		}
		r, err := f(v, call.Argument(0), call.Argument(1))
		if err != nil {
			panic(err)
		}
		b.WriteString(r.String())
	}
	return b.String()
}

func isNumber(v goja.Value) bool {
	if t := v.ExportType(); t != nil {
		switch t.Kind() {
		case reflect.Int64, reflect.Float64:
			return true
		}
	}
	return false
}

// buildIntl creates the Intl namespace object. Its members are built when first read: most
// plugins use one or two, and each costs a few functions.
func (in *Instance) buildIntl() goja.Value {
	rt := in.rt
	// Object.prototype.toString finds the tag on the prototype; the namespace itself is a
	// dynamic object.
	tagged := rt.NewObject()
	_ = tagged.DefineDataPropertySymbol(goja.SymToStringTag, rt.ToValue("Intl"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	intl := rt.NewDynamicObject(&intlNamespace{in: in, values: map[string]goja.Value{}})
	_ = intl.SetPrototype(tagged)
	return intl
}

// intlMembers are Intl's properties, built on first read.
var intlMembers = map[string]func(in *Instance) goja.Value{
	"getCanonicalLocales": func(in *Instance) goja.Value {
		return in.intlFunction("getCanonicalLocales", 1, func(call goja.FunctionCall) goja.Value {
			return in.stringArray(in.localeList(call.Argument(0)))
		})
	},
	"supportedValuesOf": func(in *Instance) goja.Value {
		return in.intlFunction("supportedValuesOf", 1, func(call goja.FunctionCall) goja.Value {
			return in.supportedValuesOf(call.Argument(0).String())
		})
	},
	"DateTimeFormat":     func(in *Instance) goja.Value { return in.intlConstructor(in.dateTimeFormatClass()) },
	"NumberFormat":       func(in *Instance) goja.Value { return in.intlConstructor(in.numberFormatClass()) },
	"Collator":           func(in *Instance) goja.Value { return in.intlConstructor(in.collatorClass()) },
	"PluralRules":        func(in *Instance) goja.Value { return in.intlConstructor(in.pluralRulesClass()) },
	"RelativeTimeFormat": func(in *Instance) goja.Value { return in.intlConstructor(in.relativeTimeFormatClass()) },
	"ListFormat":         func(in *Instance) goja.Value { return in.intlConstructor(in.listFormatClass()) },
}

// intlNamespace is the Intl object: members are built on first read; a plugin may replace or
// delete them. Like Node's, its properties are not enumerable.
type intlNamespace struct {
	in      *Instance
	values  map[string]goja.Value
	deleted map[string]bool
}

func (n *intlNamespace) Get(key string) goja.Value {
	if v, ok := n.values[key]; ok {
		return v
	}
	build, ok := intlMembers[key]
	if !ok || n.deleted[key] {
		return nil
	}
	v := build(n.in)
	n.values[key] = v
	return v
}

func (n *intlNamespace) Set(key string, v goja.Value) bool {
	n.values[key] = v
	delete(n.deleted, key)
	return true
}

func (n *intlNamespace) Has(key string) bool {
	if _, ok := n.values[key]; ok {
		return true
	}
	_, ok := intlMembers[key]
	return ok && !n.deleted[key]
}

func (n *intlNamespace) Delete(key string) bool {
	delete(n.values, key)
	if _, ok := intlMembers[key]; ok {
		if n.deleted == nil {
			n.deleted = map[string]bool{}
		}
		n.deleted[key] = true
	}
	return true
}

func (n *intlNamespace) Keys() []string { return nil }

// intlFunction makes a built-in function with its name and length.
func (in *Instance) intlFunction(name string, length int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	f := in.rt.ToValue(fn).(*goja.Object)
	_ = f.DefineDataProperty("name", in.rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", in.rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

func (in *Instance) stringArray(items []string) goja.Value {
	vals := make([]any, len(items))
	for i, s := range items {
		vals[i] = s
	}
	return in.rt.NewArray(vals...)
}

// supportedValuesOf is Intl.supportedValuesOf for the keys plugchain has values for.
func (in *Instance) supportedValuesOf(key string) goja.Value {
	switch key {
	case "calendar":
		return in.stringArray([]string{"gregory"})
	case "numberingSystem":
		return in.stringArray([]string{"latn"})
	case "hourCycle":
		return in.stringArray([]string{"h11", "h12", "h23", "h24"})
	case "timeZone":
		var zones []string
		for _, z := range intlDB().Zones {
			if z != "UTC" {
				zones = append(zones, z)
			}
		}
		return in.stringArray(zones)
	case "currency":
		codes := make([]string, 0, len(intlDB().Currencies))
		for c := range intlDB().Currencies {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		return in.stringArray(codes)
	case "collation":
		return in.stringArray([]string{"default"})
	case "unit":
		return in.stringArray(sanctionedUnits)
	}
	panic(in.newError("RangeError", "Invalid key : "+key))
}

// intlClass describes one Intl constructor: how to build the internal object from
// (locales, options), and the prototype's methods and getters.
type intlClass struct {
	name    string
	length  int
	create  func(locales, options goja.Value) any
	methods []intlClassMethod
}

type intlClassMethod struct {
	name   string
	length int
	getter bool
	fn     func(this any, call goja.FunctionCall) goja.Value
}

// intlObject is the instance of an Intl class: a plain object to JavaScript, with the Go
// formatter behind it. Properties a plugin sets on it are kept in insertion order.
type intlObject struct {
	impl  any
	keys  []string
	props map[string]goja.Value
	bound goja.Value // the cached bound format/compare function
}

func (o *intlObject) Get(key string) goja.Value { return o.props[key] }

// boundMethod is the getter of format (compare for Collator): the function f, made once per
// object, anonymous and of the given length, as ECMA-402's bound functions are.
func (in *Instance) boundMethod(o *intlObject, length int, f func(goja.FunctionCall) goja.Value) goja.Value {
	if o.bound == nil {
		fn := in.rt.ToValue(f).(*goja.Object)
		_ = fn.DefineDataProperty("name", in.rt.ToValue(""), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		_ = fn.DefineDataProperty("length", in.rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		o.bound = fn
	}
	return o.bound
}

func (o *intlObject) Set(key string, v goja.Value) bool {
	if o.props == nil {
		o.props = map[string]goja.Value{}
	}
	if _, ok := o.props[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.props[key] = v
	return true
}

func (o *intlObject) Has(key string) bool {
	_, ok := o.props[key]
	return ok
}

func (o *intlObject) Delete(key string) bool {
	if _, ok := o.props[key]; ok {
		delete(o.props, key)
		for i, k := range o.keys {
			if k == key {
				o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
				break
			}
		}
	}
	return true
}

func (o *intlObject) Keys() []string { return o.keys }

// intlConstructor makes the constructor of c. Like V8's, the constructors may be called without
// new.
func (in *Instance) intlConstructor(c intlClass) *goja.Object {
	rt := in.rt
	name := c.name
	proto := rt.NewObject()
	var ctor *goja.Object
	ctor = rt.ToValue(func(call goja.ConstructorCall) *goja.Object {
		impl := c.create(call.Argument(0), call.Argument(1))
		o := rt.NewDynamicObject(&intlObject{impl: impl})
		p := proto
		if call.NewTarget != nil && call.NewTarget != ctor {
			if np, ok := call.NewTarget.Get("prototype").(*goja.Object); ok {
				p = np
			}
		}
		_ = o.SetPrototype(p)
		return o
	}).(*goja.Object)
	_ = ctor.DefineDataProperty("name", rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("length", rt.ToValue(c.length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = proto.DefineDataPropertySymbol(goja.SymToStringTag, rt.ToValue("Intl."+name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	in.setMethod(ctor, "supportedLocalesOf", 1, func(call goja.FunctionCall) goja.Value {
		req := in.localeList(call.Argument(0))
		in.readLocaleMatcher(call.Argument(1), name)
		return in.stringArray(supportedLocales(req))
	})
	for _, m := range c.methods {
		m := m
		unwrap := func(this goja.Value) any {
			if o, ok := this.(*goja.Object); ok {
				if io, ok := o.Export().(*intlObject); ok {
					return io
				}
			}
			recv := "#<Object>"
			if o, ok := this.(*goja.Object); ok {
				if cn, ok := o.Get("constructor").(*goja.Object); ok {
					if n := cn.Get("name"); n != nil && n.String() != "" {
						recv = "#<" + n.String() + ">"
					}
				}
			} else if this != nil {
				recv = this.String()
			}
			panic(in.newError("TypeError", "Method Intl."+name+".prototype."+m.name+" called on incompatible receiver "+recv))
		}
		if m.getter {
			get := rt.ToValue(func(call goja.FunctionCall) goja.Value {
				return m.fn(unwrap(call.This), call)
			}).(*goja.Object)
			_ = get.DefineDataProperty("name", rt.ToValue("get "+m.name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			_ = proto.DefineAccessorProperty(m.name, get, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
			continue
		}
		in.setMethod(proto, m.name, m.length, func(call goja.FunctionCall) goja.Value {
			return m.fn(unwrap(call.This), call)
		})
	}
	return ctor
}

// Options.

// intlOptions is the options argument of an Intl constructor, converted to an object (or nil
// for undefined).
type intlOptions struct {
	in    *Instance
	obj   *goja.Object
	class string // for error messages: Intl.DateTimeFormat ...
}

// options coerces the options argument: undefined is no options, null a TypeError.
func (in *Instance) options(v goja.Value, class string) intlOptions {
	o := intlOptions{in: in, class: class}
	if v == nil || goja.IsUndefined(v) {
		return o
	}
	if goja.IsNull(v) {
		panic(in.newError("TypeError", "Cannot convert undefined or null to object"))
	}
	o.obj = v.ToObject(in.rt)
	return o
}

func (o intlOptions) get(name string) goja.Value {
	if o.obj == nil {
		return nil
	}
	v := o.obj.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	return v
}

// str is GetOption(options, name, string, values, undefined): "" when absent.
func (o intlOptions) str(name string, values ...string) string {
	v := o.get(name)
	if v == nil {
		return ""
	}
	s := v.String()
	if len(values) > 0 {
		for _, ok := range values {
			if s == ok {
				return s
			}
		}
		panic(o.in.newError("RangeError", "Value "+s+" out of range for "+o.class+" options property "+name))
	}
	return s
}

// boolean is GetOption(options, name, boolean): 0 absent, 1 false, 2 true.
func (o intlOptions) boolean(name string) int {
	v := o.get(name)
	if v == nil {
		return 0
	}
	if v.ToBoolean() {
		return 2
	}
	return 1
}

// number is GetNumberOption: def when absent; out of [min, max] is a RangeError.
func (o intlOptions) number(name string, min, max, def int, msg string) int {
	v := o.get(name)
	if v == nil {
		return def
	}
	f := v.ToFloat()
	if math.IsNaN(f) || f < float64(min) || f > float64(max) {
		if msg == "" {
			msg = name + " value is out of range."
		}
		panic(o.in.newError("RangeError", msg))
	}
	return int(math.Floor(f))
}

func (in *Instance) readLocaleMatcher(v goja.Value, class string) {
	o := in.options(v, "Intl."+class)
	o.str("localeMatcher", "lookup", "best fit")
}

// isTypeSequence tells whether s is (3*8alphanum) *("-" (3*8alphanum)), the form of a
// calendar or numbering system name.
func isTypeSequence(s string) bool {
	if s == "" {
		return false
	}
	for _, p := range strings.Split(s, "-") {
		if !isAlnum(p, 3, 8) {
			return false
		}
	}
	return true
}

// Time zones.

// zoneLocations caches loaded zones (LoadLocation reads the database every time).
var zoneLocations sync.Map

func loadZone(name string) (*time.Location, bool) {
	if name == "UTC" {
		return time.UTC, true
	}
	if l, ok := zoneLocations.Load(name); ok {
		return l.(*time.Location), true
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, false
	}
	zoneLocations.Store(name, l)
	return l, true
}

// canonicalZone is the name Node reports for a time zone name (case-insensitive), or "" for
// a name it rejects.
func canonicalZone(name string) string {
	db := intlDB()
	lower := strings.ToLower(name)
	if c, ok := db.aliases[lower]; ok {
		return c
	}
	return ""
}

// zoneIndex is the position of a canonical zone in the zone name tables, or -1.
func zoneIndex(name string) int {
	if i, ok := intlDB().zoneIdx[name]; ok {
		return i
	}
	return -1
}

// instanceZone is the canonical name and location of the instance's zone.
func (in *Instance) instanceZone() (string, *time.Location) {
	if in.loc == time.UTC {
		return "UTC", time.UTC
	}
	if c := canonicalZone(in.loc.String()); c != "" {
		return c, in.loc
	}
	return in.loc.String(), in.loc
}

// isDaylight tells whether t falls in the zone's daylight saving time, for choosing between
// standard and daylight names: whether the offset then is above the year's smallest.
func isDaylight(loc *time.Location, t int64, off int64) bool {
	if loc == time.UTC {
		return false
	}
	y := splitTime(t + off).year
	jan := zoneOffset(loc, daysFromCivil(y, 1, 1)*msPerDay)
	jul := zoneOffset(loc, daysFromCivil(y, 7, 1)*msPerDay)
	return off > min(jan, jul)
}

// observesDST tells whether the zone changes clocks in the year of time t.
func observesDST(loc *time.Location, t, off int64) bool {
	if loc == time.UTC {
		return false
	}
	y := splitTime(t + off).year
	return zoneOffset(loc, daysFromCivil(y, 1, 1)*msPerDay) != zoneOffset(loc, daysFromCivil(y, 7, 1)*msPerDay)
}

// The data.

// intlDatabase is the generated data: per locale, and the time zones.
type intlDatabase struct {
	Zones       []string
	Locales     map[string]*localeData
	ZoneAliases map[string]string
	Currencies  map[string]int // minor digits of each currency Node knows

	aliases map[string]string // lower-case name -> canonical
	zoneIdx map[string]int
}

// localeData is one locale's data. See intl_gen_test.go for how each part is made.
type localeData struct {
	HC     string
	Names  map[string][]string
	Noon   []string
	Pats   []string
	Date   []uint16
	Time   []uint16
	Wk     []uint16 // triples: weekday width (1-3), time index, pattern
	Glue   map[string]string
	Styles map[string]string
	Gmt    []string // prefix and minus sign of "GMT-5"
	Zones  []uint16 // 8 names per zone, see zoneNameIdx
	Zstr   []string
	Num    numberData

	pats   [][]dtToken
	styles map[string][]dtToken
	wk     map[int]int
	glued  sync.Map // date and time patterns joined, by their indexes
}

var intlDB = sync.OnceValue(func() *intlDatabase {
	raw, err := base64.StdEncoding.DecodeString(intlDataZ)
	if err != nil {
		panic(err)
	}
	js, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	if err != nil {
		panic(err)
	}
	db := &intlDatabase{}
	if err := json.Unmarshal(js, db); err != nil {
		panic(err)
	}
	db.aliases = map[string]string{}
	db.zoneIdx = map[string]int{}
	for i, z := range db.Zones {
		db.aliases[strings.ToLower(z)] = z
		db.zoneIdx[z] = i
	}
	for a, c := range db.ZoneAliases {
		db.aliases[strings.ToLower(a)] = c
	}
	for _, l := range db.Locales {
		l.pats = make([][]dtToken, len(l.Pats))
		for i, p := range l.Pats {
			l.pats[i] = parsePattern(p)
		}
		l.styles = map[string][]dtToken{}
		for k, p := range l.Styles {
			l.styles[k] = parsePattern(p)
		}
		l.wk = map[int]int{}
		for i := 0; i+2 < len(l.Wk); i += 3 {
			l.wk[int(l.Wk[i])<<16|int(l.Wk[i+1])] = int(l.Wk[i+2])
		}
		l.Wk = nil
	}
	return db
})
