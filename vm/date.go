package vm

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// Dates as Node (V8) has them, in the instance's time zone (in.loc) instead of the process's.
//
// goja's Date keeps the time value (milliseconds since the epoch, UTC) and does its local-time
// arithmetic in time.Local, which is the host's zone. Plugins must see UTC unless the host
// chose another zone, and must print dates as V8 does, so the global Date is replaced, the
// first time a plugin reads it, by a thin constructor around goja's: new Date(...) computes
// the time value here (V8's date parser, local components in in.loc) and lets goja's
// constructor make the object, so dates stay real goja dates (instanceof, JSON, structured
// clone, Export all work). Date.prototype's methods that depend on the zone or on formatting
// are replaced by Go functions on that same prototype; the UTC ones stay goja's.

const (
	msPerSecond = 1000
	msPerMinute = 60 * msPerSecond
	msPerHour   = 60 * msPerMinute
	msPerDay    = 24 * msPerHour
	// maxTimeValue is the largest time value a Date may hold (TimeClip).
	maxTimeValue = 8.64e15
	// maxLocalTimeValue bounds local times before conversion to UTC, as in V8: a local time
	// up to ten days beyond the range may still land inside it.
	maxLocalTimeValue = maxTimeValue + 864000000
)

// installDate makes the global Date built on first read: an accessor that replaces itself
// with the wrapped constructor, so instances that never use dates pay only for the accessor.
// One function is both its getter and its setter (a setter gets an argument).
func (in *Instance) installDate() {
	g := in.rt.GlobalObject()
	orig, ok := g.Get("Date").(*goja.Object)
	if !ok {
		return
	}
	var built goja.Value
	redefine := func(v goja.Value) {
		_ = g.DefineDataProperty("Date", v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	access := in.rt.ToValue(func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) > 0 {
			redefine(call.Arguments[0])
			return goja.Undefined()
		}
		if built == nil {
			built = in.buildDate(orig)
			redefine(built)
		}
		return built
	})
	_ = g.DefineAccessorProperty("Date", access, access, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// dateFuncs holds goja's own Date functions the replacements build on.
type dateFuncs struct {
	setTime goja.Callable
	now     goja.Callable
}

// dateWrapperProgram builds the Date constructor. It is JavaScript because a Go function
// cannot both be a constructor and return a string when called without new (and goja's
// instanceof rejects proxies); timeValue computes the time value goja's constructor then
// gets, and make handles subclasses. A rest parameter counts the arguments: new Date() and
// new Date(undefined) differ.
var dateWrapperProgram = builtinProgram("date.js", `(function (OrigDate, make, timeValue, nowString) {
	'use strict'
	return function Date(...args) {
		if (new.target === undefined) return nowString()
		const n = args.length
		if (new.target !== Date) return make(new.target, n, args[0], args[1], args[2], args[3], args[4], args[5], args[6])
		if (n === 0) return new OrigDate()
		if (n === 1 && typeof args[0] === 'number') return new OrigDate(args[0])
		return new OrigDate(timeValue(n, args[0], args[1], args[2], args[3], args[4], args[5], args[6]))
	}
})`)

// buildDate wraps goja's Date constructor orig and patches its prototype.
func (in *Instance) buildDate(orig *goja.Object) goja.Value {
	rt := in.rt
	proto := orig.Get("prototype").(*goja.Object)
	f := dateFuncs{}
	f.setTime, _ = goja.AssertFunction(proto.Get("setTime"))
	now := orig.Get("now")
	f.now, _ = goja.AssertFunction(now)

	factory, err := rt.RunProgram(dateWrapperProgram())
	if err != nil {
		panic(err)
	}
	mk, _ := goja.AssertFunction(factory)
	var ctor *goja.Object
	// args are the argument count and the (first seven) arguments.
	args := func(call goja.FunctionCall, from int) []goja.Value {
		n := min(int(call.Argument(from).ToInteger()), 7)
		return call.Arguments[from+1 : from+1+n]
	}
	construct := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		var d *goja.Object
		var err error
		if a := args(call, 1); len(a) == 0 {
			d, err = rt.New(orig)
		} else {
			d, err = rt.New(orig, rt.ToValue(in.constructorTimeValue(a)))
		}
		if err != nil {
			panic(err)
		}
		if p, ok := call.Argument(0).(*goja.Object).Get("prototype").(*goja.Object); ok {
			_ = d.SetPrototype(p)
		}
		return d
	})
	timeValue := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		return rt.ToValue(in.constructorTimeValue(args(call, 0)))
	})
	nowString := rt.ToValue(func(goja.FunctionCall) goja.Value {
		return rt.ToValue(in.dateString(in.dateNow(f), dateFull))
	})
	ctorValue, err := mk(goja.Undefined(), orig, construct, timeValue, nowString)
	if err != nil {
		panic(err)
	}
	ctor = ctorValue.(*goja.Object)
	_ = ctor.DefineDataProperty("length", rt.ToValue(7), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("now", now, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	in.setMethod(ctor, "parse", 1, func(call goja.FunctionCall) goja.Value {
		return rt.ToValue(in.parseDate(call.Argument(0).String()))
	})
	in.setMethod(ctor, "UTC", 7, func(call goja.FunctionCall) goja.Value {
		return rt.ToValue(dateUTC(call.Arguments))
	})
	in.patchDatePrototype(proto, f)
	return ctor
}

// dateNow is Date.now() as goja's runtime has it (the host may set its time source).
func (in *Instance) dateNow(f dateFuncs) float64 {
	v, err := f.now(goja.Undefined())
	if err != nil {
		panic(err)
	}
	return v.ToFloat()
}

// constructorTimeValue is the time value new Date(...args) stores, for one or more arguments.
func (in *Instance) constructorTimeValue(args []goja.Value) float64 {
	if len(args) > 7 {
		args = args[:7]
	}
	if len(args) == 1 {
		v := args[0]
		if o, ok := v.(*goja.Object); ok {
			if t, ok := dateValue(o); ok {
				return t
			}
			v = in.toPrimitive(o)
		}
		if s, ok := v.(goja.String); ok {
			return in.parseDate(s.String())
		}
		return timeClip(v.ToFloat())
	}
	nums := [7]float64{2: 1}
	for i := 0; i < len(args) && i < 7; i++ {
		nums[i] = args[i].ToFloat()
	}
	year := nums[0]
	if !math.IsNaN(year) {
		if y := toInteger(year); y >= 0 && y <= 99 {
			year = 1900 + y
		}
	}
	return in.localToTimeValue(makeDate(makeDay(year, nums[1], nums[2]), makeTime(nums[3], nums[4], nums[5], nums[6])))
}

// toPrimitive is ToPrimitive(o) with the default hint.
func (in *Instance) toPrimitive(o *goja.Object) goja.Value {
	if f, ok := goja.AssertFunction(o.GetSymbol(goja.SymToPrimitive)); ok {
		v, err := f(o, in.rt.ToValue("default"))
		if err != nil {
			panic(err)
		}
		if _, isObj := v.(*goja.Object); isObj {
			panic(in.newError("TypeError", "Cannot convert object to primitive value"))
		}
		return v
	}
	for _, name := range [...]string{"valueOf", "toString"} {
		if f, ok := goja.AssertFunction(o.Get(name)); ok {
			v, err := f(o)
			if err != nil {
				panic(err)
			}
			if _, isObj := v.(*goja.Object); !isObj {
				return v
			}
		}
	}
	panic(in.newError("TypeError", "Cannot convert object to primitive value"))
}

// dateValue is the time value of a Date object (NaN for an invalid date); ok is false if o is
// not a Date.
func dateValue(o *goja.Object) (float64, bool) {
	if o.ClassName() != "Date" {
		return 0, false
	}
	if t, ok := o.Export().(time.Time); ok {
		return float64(t.UnixMilli()), true
	}
	return math.NaN(), true
}

// dateUTC is Date.UTC(...args).
func dateUTC(args []goja.Value) float64 {
	nums := [7]float64{math.NaN(), 0, 1, 0, 0, 0, 0}
	for i := 0; i < len(args) && i < 7; i++ {
		nums[i] = args[i].ToFloat()
	}
	year := nums[0]
	if !math.IsNaN(year) {
		if y := toInteger(year); y >= 0 && y <= 99 {
			year = 1900 + y
		}
	}
	return timeClip(makeDate(makeDay(year, nums[1], nums[2]), makeTime(nums[3], nums[4], nums[5], nums[6])))
}

// Spec arithmetic on time values, as V8 does it (ECMA-262 21.4.1).

// toInteger is ToIntegerOrInfinity for a double.
func toInteger(f float64) float64 {
	if math.IsNaN(f) {
		return 0
	}
	return math.Trunc(f)
}

func makeTime(h, m, s, ms float64) float64 {
	for _, f := range [...]float64{h, m, s, ms} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return math.NaN()
		}
	}
	return toInteger(h)*msPerHour + toInteger(m)*msPerMinute + toInteger(s)*msPerSecond + toInteger(ms)
}

// makeDay is V8's MakeDay: the day number of date in month of year, months overflowing into
// years.
func makeDay(year, month, date float64) float64 {
	const minYear, maxYear, minMonth, maxMonth = -1000000, 1000000, -10000000, 10000000
	if !(year >= minYear && year <= maxYear && month >= minMonth && month <= maxMonth) || math.IsInf(date, 0) || math.IsNaN(date) {
		return math.NaN()
	}
	y, m := int64(year), int64(month)
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	return float64(daysFromCivil(y, int(m)+1, 1)) + toInteger(date) - 1
}

func makeDate(day, t float64) float64 {
	if math.IsNaN(day) || math.IsInf(day, 0) || math.IsNaN(t) || math.IsInf(t, 0) {
		return math.NaN()
	}
	return day*msPerDay + t
}

// timeClip is TimeClip: NaN outside the Date range, else an integer (+0, never -0).
func timeClip(t float64) float64 {
	if math.IsNaN(t) || math.Abs(t) > maxTimeValue {
		return math.NaN()
	}
	return toInteger(t) + 0
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d (proleptic Gregorian).
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := int64((153*mp+2)/5 + d - 1)
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil; month is 1-12.
func civilFromDays(z int64) (year int64, month, day int) {
	z += 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		month = int(mp + 3)
	} else {
		month = int(mp - 9)
	}
	if month <= 2 {
		y++
	}
	return y, month, day
}

// floorDiv is a / b rounded down.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// dateFields are the calendar fields of a time value in some zone.
type dateFields struct {
	year                        int64
	month                       int // 0-11
	day                         int // 1-31
	weekday                     int // 0 = Sunday
	hour, minute, second, milli int
	days                        int64 // day number of the date
	timeInDay                   int64 // milliseconds since midnight
}

// splitTime splits a (local) time value into calendar fields.
func splitTime(t int64) dateFields {
	days := floorDiv(t, msPerDay)
	tid := t - days*msPerDay
	y, m, d := civilFromDays(days)
	wd := int((days + 4) % 7)
	if wd < 0 {
		wd += 7
	}
	return dateFields{
		year: y, month: m - 1, day: d, weekday: wd,
		hour: int(tid / msPerHour), minute: int(tid / msPerMinute % 60), second: int(tid / msPerSecond % 60), milli: int(tid % 1000),
		days: days, timeInDay: tid,
	}
}

// Time zones.

// zoneOffset is the offset of loc from UTC at time value t, in milliseconds.
func zoneOffset(loc *time.Location, t int64) int64 {
	if loc == time.UTC {
		return 0
	}
	_, off := time.UnixMilli(t).In(loc).Zone()
	return int64(off) * msPerSecond
}

// localToUTC converts a local time in loc (milliseconds, as if it were UTC) to a time value.
// A local time that occurs twice (clocks set back) is the earlier instant and one that does
// not occur (clocks set forward) uses the offset before the change, as V8 (ICU's "former"
// rule) does.
func localToUTC(loc *time.Location, local int64) int64 {
	if loc == time.UTC {
		return local
	}
	before := zoneOffset(loc, local-msPerDay)
	after := zoneOffset(loc, local+msPerDay)
	u1, u2 := local-before, local-after
	ok1 := zoneOffset(loc, u1) == before
	ok2 := zoneOffset(loc, u2) == after
	switch {
	case ok1 && ok2:
		return min(u1, u2)
	case ok2:
		return u2
	default:
		return u1
	}
}

// localToTimeValue converts a local date (as MakeDate computes it) in the instance's zone to
// a time value, with V8's range checks.
func (in *Instance) localToTimeValue(local float64) float64 {
	if math.IsNaN(local) || local < -maxLocalTimeValue || local > maxLocalTimeValue {
		return math.NaN()
	}
	return timeClip(float64(localToUTC(in.loc, int64(local))))
}

// localFields are the calendar fields of time value t in the instance's zone, with the zone's
// offset in milliseconds.
func (in *Instance) localFields(t float64) (dateFields, int64) {
	ms := int64(t)
	off := zoneOffset(in.loc, ms)
	return splitTime(ms + off), off
}

// Date.prototype.

// patchDatePrototype replaces the zone-dependent and formatting methods of Date.prototype.
func (in *Instance) patchDatePrototype(proto *goja.Object, f dateFuncs) {
	rt := in.rt
	// this is the Date a method was called on and its time value.
	this := func(call goja.FunctionCall) (*goja.Object, float64) {
		if o, ok := call.This.(*goja.Object); ok {
			if t, ok := dateValue(o); ok {
				return o, t
			}
		}
		panic(in.newError("TypeError", "this is not a Date object."))
	}
	set := func(o *goja.Object, t float64) goja.Value {
		v := rt.ToValue(t)
		if _, err := f.setTime(o, v); err != nil {
			panic(err)
		}
		return v
	}
	// goja's own local-time methods work in time.Local: when that and the instance's zone are
	// both UTC they are right already, and replacing them would only cost memory.
	zoneAware := in.loc != time.UTC || !localIsUTC()
	getter := func(name string, get func(dateFields, int64) int64) {
		if !zoneAware && name != "getYear" {
			return
		}
		in.setMethod(proto, name, 0, func(call goja.FunctionCall) goja.Value {
			_, t := this(call)
			if math.IsNaN(t) {
				return rt.ToValue(math.NaN())
			}
			fields, off := in.localFields(t)
			return rt.ToValue(get(fields, off))
		})
	}
	getter("getFullYear", func(d dateFields, _ int64) int64 { return d.year })
	getter("getYear", func(d dateFields, _ int64) int64 { return d.year - 1900 })
	getter("getMonth", func(d dateFields, _ int64) int64 { return int64(d.month) })
	getter("getDate", func(d dateFields, _ int64) int64 { return int64(d.day) })
	getter("getDay", func(d dateFields, _ int64) int64 { return int64(d.weekday) })
	getter("getHours", func(d dateFields, _ int64) int64 { return int64(d.hour) })
	getter("getMinutes", func(d dateFields, _ int64) int64 { return int64(d.minute) })
	getter("getSeconds", func(d dateFields, _ int64) int64 { return int64(d.second) })
	getter("getMilliseconds", func(d dateFields, _ int64) int64 { return int64(d.milli) })
	getter("getTimezoneOffset", func(_ dateFields, off int64) int64 { return -off / msPerMinute })

	// setLocal stores a local date computed by a setter.
	setLocal := func(o *goja.Object, local float64) goja.Value {
		return set(o, in.localToTimeValue(local))
	}
	// setterArgs converts a setter's arguments: the first always, the others (up to n) only
	// for a valid date, as V8 does. present tells which were passed.
	type setterArgs struct {
		v       [4]float64
		present [4]bool
	}
	first := func(call goja.FunctionCall) setterArgs {
		var a setterArgs
		a.v[0], a.present[0] = call.Argument(0).ToFloat(), true
		return a
	}
	rest := func(call goja.FunctionCall, a *setterArgs, n int) {
		for i := 1; i < n && i < len(call.Arguments); i++ {
			a.v[i], a.present[i] = call.Arguments[i].ToFloat(), true
		}
	}
	or := func(a setterArgs, i int, def int) float64 {
		if a.present[i] {
			return a.v[i]
		}
		return float64(def)
	}
	// timeSetter defines setHours (from = 0) and the setters of smaller units, which take
	// n arguments starting at field from (hours, minutes, seconds, milliseconds).
	timeSetter := func(name string, n int, from int) {
		in.setMethod(proto, name, n, func(call goja.FunctionCall) goja.Value {
			o, t := this(call)
			a := first(call)
			if math.IsNaN(t) {
				return set(o, math.NaN())
			}
			rest(call, &a, n)
			d, _ := in.localFields(t)
			cur := [4]int{d.hour, d.minute, d.second, d.milli}
			var hms [4]float64
			for i := range hms {
				hms[i] = float64(cur[i])
			}
			for i := 0; i < n; i++ {
				hms[from+i] = or(a, i, cur[from+i])
			}
			return setLocal(o, makeDate(float64(d.days), makeTime(hms[0], hms[1], hms[2], hms[3])))
		})
	}
	timeSetter("setHours", 4, 0)
	timeSetter("setMinutes", 3, 1)
	timeSetter("setSeconds", 2, 2)
	timeSetter("setMilliseconds", 1, 3)

	dateSetter := func(name string, n int, fn func(goja.FunctionCall) goja.Value) {
		if zoneAware {
			in.setMethod(proto, name, n, fn)
		}
	}
	dateSetter("setDate", 1, func(call goja.FunctionCall) goja.Value {
		o, t := this(call)
		a := first(call)
		if math.IsNaN(t) {
			return set(o, math.NaN())
		}
		d, _ := in.localFields(t)
		return setLocal(o, makeDate(makeDay(float64(d.year), float64(d.month), a.v[0]), float64(d.timeInDay)))
	})
	dateSetter("setMonth", 2, func(call goja.FunctionCall) goja.Value {
		o, t := this(call)
		a := first(call)
		if math.IsNaN(t) {
			return set(o, math.NaN())
		}
		rest(call, &a, 2)
		d, _ := in.localFields(t)
		return setLocal(o, makeDate(makeDay(float64(d.year), a.v[0], or(a, 1, d.day)), float64(d.timeInDay)))
	})
	dateSetter("setFullYear", 3, func(call goja.FunctionCall) goja.Value {
		o, t := this(call)
		a := first(call)
		month, day, tid := 0, 1, int64(0)
		if !math.IsNaN(t) {
			d, _ := in.localFields(t)
			month, day, tid = d.month, d.day, d.timeInDay
		}
		rest(call, &a, 3)
		return setLocal(o, makeDate(makeDay(a.v[0], or(a, 1, month), or(a, 2, day)), float64(tid)))
	})
	in.setMethod(proto, "setYear", 1, func(call goja.FunctionCall) goja.Value {
		o, t := this(call)
		y := call.Argument(0).ToFloat()
		if !math.IsNaN(y) {
			if yi := toInteger(y); yi >= 0 && yi <= 99 {
				y = 1900 + yi
			}
		}
		month, day, tid := 0, 1, int64(0)
		if !math.IsNaN(t) {
			d, _ := in.localFields(t)
			month, day, tid = d.month, d.day, d.timeInDay
		}
		return setLocal(o, makeDate(makeDay(y, float64(month), float64(day)), float64(tid)))
	})

	str := func(name string, mode dateStringMode) {
		in.setMethod(proto, name, 0, func(call goja.FunctionCall) goja.Value {
			_, t := this(call)
			return rt.ToValue(in.dateString(t, mode))
		})
	}
	str("toString", dateFull)
	str("toDateString", dateOnly)
	str("toTimeString", timeOnly)
	str("toUTCString", dateUTCString)
	in.setMethod(proto, "toISOString", 0, func(call goja.FunctionCall) goja.Value {
		_, t := this(call)
		if math.IsNaN(t) {
			panic(in.newError("RangeError", "Invalid time value"))
		}
		return rt.ToValue(isoString(int64(t)))
	})
	if gmt, ok := proto.Get("toUTCString").(*goja.Object); ok {
		_ = proto.DefineDataProperty("toGMTString", gmt, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}

	locale := func(name string, required, defaults dateFieldGroup) {
		in.setMethod(proto, name, 0, func(call goja.FunctionCall) goja.Value {
			_, t := this(call)
			if math.IsNaN(t) {
				return rt.ToValue("Invalid Date")
			}
			dtf := in.newDateTimeFormat(call.Argument(0), call.Argument(1), required, defaults)
			return rt.ToValue(dtf.format(t))
		})
	}
	locale("toLocaleString", groupAny, groupAll)
	locale("toLocaleDateString", groupDate, groupDate)
	locale("toLocaleTimeString", groupTime, groupTime)
}

// localIsUTC tells whether the process's local zone is UTC at all times (offset zero from
// 1800 to 2100), as in most containers.
var localIsUTC = sync.OnceValue(func() bool {
	if time.Local.String() == "UTC" {
		return true
	}
	for y := 1800; y <= 2100; y++ {
		for _, m := range [...]time.Month{time.January, time.April, time.July, time.October} {
			if _, off := time.Date(y, m, 1, 12, 0, 0, 0, time.Local).Zone(); off != 0 {
				return false
			}
		}
	}
	return true
})

// String forms.

type dateStringMode int

const (
	dateFull dateStringMode = iota
	dateOnly
	timeOnly
	dateUTCString
)

var (
	weekdayAbbr = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	monthAbbr   = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// dateString formats t as Date.prototype.toString and its relatives do.
func (in *Instance) dateString(t float64, mode dateStringMode) string {
	if math.IsNaN(t) {
		return "Invalid Date"
	}
	var b strings.Builder
	year := func(y int64) {
		if y < 0 {
			b.WriteByte('-')
			y = -y
			pad(&b, y, 4)
			return
		}
		pad(&b, y, 4)
	}
	if mode == dateUTCString {
		d := splitTime(int64(t))
		b.WriteString(weekdayAbbr[d.weekday])
		b.WriteString(", ")
		pad(&b, int64(d.day), 2)
		b.WriteByte(' ')
		b.WriteString(monthAbbr[d.month])
		b.WriteByte(' ')
		year(d.year)
		b.WriteByte(' ')
		clock(&b, d)
		b.WriteString(" GMT")
		return b.String()
	}
	d, off := in.localFields(t)
	if mode != timeOnly {
		b.WriteString(weekdayAbbr[d.weekday])
		b.WriteByte(' ')
		b.WriteString(monthAbbr[d.month])
		b.WriteByte(' ')
		pad(&b, int64(d.day), 2)
		b.WriteByte(' ')
		year(d.year)
		if mode == dateOnly {
			return b.String()
		}
		b.WriteByte(' ')
	}
	clock(&b, d)
	b.WriteString(" GMT")
	mins := off / msPerMinute
	if mins < 0 {
		b.WriteByte('-')
		mins = -mins
	} else {
		b.WriteByte('+')
	}
	pad(&b, mins/60, 2)
	pad(&b, mins%60, 2)
	b.WriteString(" (")
	b.WriteString(in.zoneDisplayName(int64(t)))
	b.WriteByte(')')
	return b.String()
}

// isoString is Date.prototype.toISOString's format, with six-digit signed years outside
// 0000-9999.
func isoString(t int64) string {
	d := splitTime(t)
	var b strings.Builder
	switch {
	case d.year < 0:
		b.WriteByte('-')
		pad(&b, -d.year, 6)
	case d.year > 9999:
		b.WriteByte('+')
		pad(&b, d.year, 6)
	default:
		pad(&b, d.year, 4)
	}
	b.WriteByte('-')
	pad(&b, int64(d.month+1), 2)
	b.WriteByte('-')
	pad(&b, int64(d.day), 2)
	b.WriteByte('T')
	clock(&b, d)
	b.WriteByte('.')
	pad(&b, int64(d.milli), 3)
	b.WriteByte('Z')
	return b.String()
}

func clock(b *strings.Builder, d dateFields) {
	pad(b, int64(d.hour), 2)
	b.WriteByte(':')
	pad(b, int64(d.minute), 2)
	b.WriteByte(':')
	pad(b, int64(d.second), 2)
}

// pad writes n (not negative) with at least width digits.
func pad(b *strings.Builder, n int64, width int) {
	s := strconv.FormatInt(n, 10)
	for i := len(s); i < width; i++ {
		b.WriteByte('0')
	}
	b.WriteString(s)
}

// zoneDisplayName is the zone name toString shows in parentheses: the zone's long English
// name, standard or daylight. Like V8, dates before 1970 or after 2037 take the daylight
// saving status of the same day in an equivalent year (same leap-ness and weekday of
// January 1st) between 2008 and 2035.
func (in *Instance) zoneDisplayName(t int64) string {
	if in.loc == time.UTC {
		return "Coordinated Universal Time"
	}
	const maxEpochTime = math.MaxInt32 * msPerSecond
	zone, loc := in.instanceZone()
	eq := t
	if t < 0 || t > maxEpochTime {
		eq = equivalentTime(t)
	}
	dst := isDaylight(loc, eq, zoneOffset(loc, eq))
	return intlDB().Locales["en-US"].zoneName(zone, 'z', 4, dst, zoneOffset(loc, t))
}

// equivalentTime maps t to the same month, day and time of day in an equivalent year in
// 2008-2035 (V8's DateCache::EquivalentTime).
func equivalentTime(t int64) int64 {
	d := splitTime(t)
	y := d.year
	leap := y%4 == 0 && (y%100 != 0 || y%400 == 0)
	wd := int((daysFromCivil(y, 1, 1)+4)%7+7) % 7
	recent := 1967
	if leap {
		recent = 1956
	}
	recent += (wd * 12) % 28
	eq := 2008 + (recent+3*28-2008)%28
	days := daysFromCivil(int64(eq), d.month+1, 1) + int64(d.day) - 1
	return days*msPerDay + d.timeInDay
}

// Date.parse, after V8's DateParser: ES5 ISO strings first, then the legacy formats browsers
// accept ("Jan 5 2024 10:00 PM", "1/5/2024", toString and toUTCString output ...).

// parseDate is Date.parse(s) in the instance's zone.
func (in *Instance) parseDate(s string) float64 {
	r, ok := parseDateString(s)
	if !ok {
		return math.NaN()
	}
	date := makeDate(makeDay(float64(r.year), float64(r.month), float64(r.day)), makeTime(float64(r.hour), float64(r.minute), float64(r.second), float64(r.milli)))
	if !r.hasOffset {
		return in.localToTimeValue(date)
	}
	date -= float64(r.offset) * msPerSecond
	if date < -maxTimeValue || date > maxTimeValue {
		return math.NaN()
	}
	return timeClip(date)
}

// parsedDate is what the parser found; month is 0-11 and offset (seconds east of UTC) is only
// meaningful with hasOffset.
type parsedDate struct {
	year, month, day, hour, minute, second, milli int
	offset                                        int
	hasOffset                                     bool
}

const dpNone = math.MaxInt32

type dpTokenKind int

const (
	dpInvalid dpTokenKind = iota
	dpUnknown
	dpWhiteSpace
	dpNumber
	dpSymbol
	dpEnd
	dpKeyword
)

type dpKeywordType int

const (
	kwInvalid dpKeywordType = iota
	kwMonthName
	kwTimeZoneName
	kwTimeSeparator
	kwAMPM
)

type dpToken struct {
	kind   dpTokenKind
	kw     dpKeywordType
	length int
	value  int
}

func (t dpToken) isSymbol(c rune) bool { return t.kind == dpSymbol && t.value == int(c) }
func (t dpToken) isSign() bool         { return t.isSymbol('+') || t.isSymbol('-') }
func (t dpToken) sign() int            { return 44 - t.value }
func (t dpToken) isNumber(n int) bool  { return t.kind == dpNumber && t.length == n }
func (t dpToken) isKeywordZ() bool {
	return t.kind == dpKeyword && t.kw == kwTimeZoneName && t.length == 1 && t.value == 0
}

var dpKeywords = []struct {
	prefix [3]rune
	kw     dpKeywordType
	value  int
}{
	{[3]rune{'j', 'a', 'n'}, kwMonthName, 1}, {[3]rune{'f', 'e', 'b'}, kwMonthName, 2},
	{[3]rune{'m', 'a', 'r'}, kwMonthName, 3}, {[3]rune{'a', 'p', 'r'}, kwMonthName, 4},
	{[3]rune{'m', 'a', 'y'}, kwMonthName, 5}, {[3]rune{'j', 'u', 'n'}, kwMonthName, 6},
	{[3]rune{'j', 'u', 'l'}, kwMonthName, 7}, {[3]rune{'a', 'u', 'g'}, kwMonthName, 8},
	{[3]rune{'s', 'e', 'p'}, kwMonthName, 9}, {[3]rune{'o', 'c', 't'}, kwMonthName, 10},
	{[3]rune{'n', 'o', 'v'}, kwMonthName, 11}, {[3]rune{'d', 'e', 'c'}, kwMonthName, 12},
	{[3]rune{'a', 'm'}, kwAMPM, 0}, {[3]rune{'p', 'm'}, kwAMPM, 12},
	{[3]rune{'u', 't'}, kwTimeZoneName, 0}, {[3]rune{'u', 't', 'c'}, kwTimeZoneName, 0},
	{[3]rune{'z'}, kwTimeZoneName, 0}, {[3]rune{'g', 'm', 't'}, kwTimeZoneName, 0},
	{[3]rune{'c', 'd', 't'}, kwTimeZoneName, -5}, {[3]rune{'c', 's', 't'}, kwTimeZoneName, -6},
	{[3]rune{'e', 'd', 't'}, kwTimeZoneName, -4}, {[3]rune{'e', 's', 't'}, kwTimeZoneName, -5},
	{[3]rune{'m', 'd', 't'}, kwTimeZoneName, -6}, {[3]rune{'m', 's', 't'}, kwTimeZoneName, -7},
	{[3]rune{'p', 'd', 't'}, kwTimeZoneName, -7}, {[3]rune{'p', 's', 't'}, kwTimeZoneName, -8},
	{[3]rune{'t'}, kwTimeSeparator, 0},
}

// dpScanner tokenizes a date string; a NUL character ends the input, as in V8.
type dpScanner struct {
	s    []rune
	pos  int
	next dpToken
}

func newDPScanner(s string) *dpScanner {
	sc := &dpScanner{s: []rune(s)}
	sc.next = sc.scan()
	return sc
}

func (sc *dpScanner) ch() rune {
	if sc.pos < len(sc.s) {
		return sc.s[sc.pos]
	}
	return 0
}

func (sc *dpScanner) scan() dpToken {
	c := sc.ch()
	switch {
	case c == 0:
		return dpToken{kind: dpEnd}
	case c >= '0' && c <= '9':
		n, i := 0, 0
		for c := sc.ch(); c >= '0' && c <= '9'; c = sc.ch() {
			if i < 9 {
				n = n*10 + int(c-'0')
			}
			i++
			sc.pos++
		}
		return dpToken{kind: dpNumber, value: n, length: i}
	case c == ':' || c == '-' || c == '+' || c == '.' || c == ')':
		sc.pos++
		return dpToken{kind: dpSymbol, value: int(c), length: 1}
	case c >= 'A':
		var prefix [3]rune
		n := 0
		for c := sc.ch(); c >= 'A'; c = sc.ch() {
			if n < 3 {
				prefix[n] = c | 0x20
			}
			n++
			sc.pos++
		}
		for _, k := range dpKeywords {
			if k.prefix == prefix && (n <= 3 || k.kw == kwMonthName) {
				return dpToken{kind: dpKeyword, kw: k.kw, value: k.value, length: n}
			}
		}
		return dpToken{kind: dpKeyword, kw: kwInvalid, length: n}
	case c == ' ' || c >= '\t' && c <= '\r':
		sc.pos++
		return dpToken{kind: dpWhiteSpace, length: 1}
	case c == '(':
		balance := 0
		for {
			switch sc.ch() {
			case ')':
				balance--
			case '(':
				balance++
			}
			sc.pos++
			if balance <= 0 || sc.ch() == 0 {
				break
			}
		}
		return dpToken{kind: dpUnknown, length: 1}
	}
	sc.pos++
	return dpToken{kind: dpUnknown, length: 1}
}

func (sc *dpScanner) Next() dpToken {
	t := sc.next
	sc.next = sc.scan()
	return t
}

func (sc *dpScanner) Peek() dpToken { return sc.next }

func (sc *dpScanner) SkipSymbol(c rune) bool {
	if sc.next.isSymbol(c) {
		sc.next = sc.scan()
		return true
	}
	return false
}

// The composers collect the parts of a date as V8's do.

type dpDay struct {
	comp       [3]int
	index      int
	namedMonth int
	isoDate    bool
}

func (d *dpDay) add(n int) bool {
	if d.index < 3 {
		d.comp[d.index] = n
		d.index++
		return true
	}
	return false
}

func isMonth(n int) bool  { return n >= 1 && n <= 12 }
func isDay(n int) bool    { return n >= 1 && n <= 31 }
func isMinute(n int) bool { return n >= 0 && n <= 59 }
func isHour(n int) bool   { return n >= 0 && n <= 23 }

func (d *dpDay) write(r *parsedDate) bool {
	if d.index < 1 {
		return false
	}
	for d.index < 3 {
		d.comp[d.index] = 1
		d.index++
	}
	year, month, day := 0, dpNone, dpNone
	if d.namedMonth == dpNone {
		if d.isoDate || (d.index == 3 && !isDay(d.comp[0])) {
			year, month, day = d.comp[0], d.comp[1], d.comp[2]
		} else {
			month, day = d.comp[0], d.comp[1]
			if d.index == 3 {
				year = d.comp[2]
			}
		}
	} else {
		month = d.namedMonth
		if d.index == 1 {
			day = d.comp[0]
		} else if !isDay(d.comp[0]) {
			year, day = d.comp[0], d.comp[1]
		} else {
			day, year = d.comp[0], d.comp[1]
		}
	}
	if !d.isoDate {
		if year >= 0 && year <= 49 {
			year += 2000
		} else if year >= 50 && year <= 99 {
			year += 1900
		}
	}
	if !isMonth(month) || !isDay(day) {
		return false
	}
	r.year, r.month, r.day = year, month-1, day
	return true
}

type dpTime struct {
	comp       [4]int
	index      int
	hourOffset int
}

func (t *dpTime) empty() bool { return t.index == 0 }

func (t *dpTime) expecting(n int) bool {
	return (t.index == 1 && isMinute(n)) || (t.index == 2 && isMinute(n)) || (t.index == 3 && n >= 0 && n <= 999)
}

func (t *dpTime) add(n int) bool {
	if t.index < 4 {
		t.comp[t.index] = n
		t.index++
		return true
	}
	return false
}

func (t *dpTime) addFinal(n int) bool {
	if !t.add(n) {
		return false
	}
	for t.index < 4 {
		t.comp[t.index] = 0
		t.index++
	}
	return true
}

func (t *dpTime) write(r *parsedDate) bool {
	for t.index < 4 {
		t.comp[t.index] = 0
		t.index++
	}
	hour, minute, second, milli := t.comp[0], t.comp[1], t.comp[2], t.comp[3]
	if t.hourOffset != dpNone {
		if hour < 0 || hour > 12 {
			return false
		}
		hour = hour%12 + t.hourOffset
	}
	if !isHour(hour) || !isMinute(minute) || !isMinute(second) || milli < 0 || milli > 999 {
		if hour != 24 || minute != 0 || second != 0 || milli != 0 {
			return false
		}
	}
	r.hour, r.minute, r.second, r.milli = hour, minute, second, milli
	return true
}

type dpZone struct{ sign, hour, minute int }

func (z *dpZone) set(hours int) {
	z.sign = 1
	if hours < 0 {
		z.sign = -1
	}
	z.hour = hours * z.sign
	z.minute = 0
}

func (z *dpZone) expecting(n int) bool {
	return z.hour != dpNone && z.minute == dpNone && isMinute(n)
}

func (z *dpZone) isUTC() bool { return z.hour == 0 && z.minute == 0 }
func (z *dpZone) empty() bool { return z.hour == dpNone }

func (z *dpZone) write(r *parsedDate) bool {
	if z.sign == dpNone {
		return true
	}
	h, m := z.hour, z.minute
	if h == dpNone {
		h = 0
	}
	if m == dpNone {
		m = 0
	}
	total := int64(h)*3600 + int64(m)*60
	if total > math.MaxInt32>>1 || total < 0 {
		return false
	}
	r.offset = int(total) * z.sign
	r.hasOffset = true
	return true
}

// readMilliseconds reads the first three significant digits of a fraction.
func readMilliseconds(t dpToken) int {
	n, l := t.value, t.length
	switch {
	case l == 1:
		return n * 100
	case l == 2:
		return n * 10
	case l > 3:
		if l > 9 {
			l = 9
		}
		for ; l > 3; l-- {
			n /= 10
		}
	}
	return n
}

func parseDateString(s string) (parsedDate, bool) {
	var r parsedDate
	sc := newDPScanner(s)
	day := dpDay{namedMonth: dpNone}
	tm := dpTime{hourOffset: dpNone}
	tz := dpZone{sign: dpNone, hour: dpNone, minute: dpNone}

	next := parseES5(sc, &day, &tm, &tz)
	if next.kind == dpInvalid {
		return r, false
	}
	hasReadNumber := day.index > 0
	for token := next; token.kind != dpEnd; token = sc.Next() {
		switch {
		case token.kind == dpNumber:
			hasReadNumber = true
			n := token.value
			if sc.SkipSymbol(':') {
				if sc.SkipSymbol(':') {
					if !tm.empty() {
						return r, false
					}
					tm.add(n)
					tm.add(0)
				} else {
					if !tm.add(n) {
						return r, false
					}
					if sc.Peek().isSymbol('.') {
						sc.Next()
					}
				}
			} else if sc.SkipSymbol('.') && tm.expecting(n) {
				tm.add(n)
				if sc.Peek().kind != dpNumber {
					return r, false
				}
				tm.addFinal(readMilliseconds(sc.Next()))
			} else if tz.expecting(n) {
				tz.minute = n
			} else if tm.expecting(n) {
				tm.addFinal(n)
				p := sc.Peek()
				if p.kind != dpEnd && p.kind != dpWhiteSpace && !p.isKeywordZ() && !p.isSign() {
					return r, false
				}
			} else {
				if !day.add(n) {
					return r, false
				}
				sc.SkipSymbol('-')
			}
		case token.kind == dpKeyword:
			switch {
			case token.kw == kwAMPM && !tm.empty():
				tm.hourOffset = token.value
			case token.kw == kwMonthName:
				day.namedMonth = token.value
				sc.SkipSymbol('-')
			case token.kw == kwTimeZoneName && hasReadNumber:
				tz.set(token.value)
			default:
				if hasReadNumber {
					return r, false
				}
				if sc.Peek().kind == dpNumber {
					return r, false
				}
			}
		case token.isSign() && (tz.isUTC() || !tm.empty()):
			tz.sign = token.sign()
			n, length := 0, 0
			if sc.Peek().kind == dpNumber {
				t := sc.Next()
				n, length = t.value, t.length
			}
			hasReadNumber = true
			switch {
			case sc.Peek().isSymbol(':'):
				tz.hour, tz.minute = n, dpNone
			case length == 1 || length == 2:
				tz.hour, tz.minute = n, 0
			case length == 3 || length == 4:
				tz.hour, tz.minute = n/100, n%100
			default:
				return r, false
			}
		case (token.isSign() || token.isSymbol(')')) && hasReadNumber:
			return r, false
		}
	}
	if !day.write(&r) || !tm.write(&r) || !tz.write(&r) {
		return r, false
	}
	return r, true
}

// parseES5 reads as much of an ES5 date-time string ([+-yy]yyyy[-MM[-DD]][THH:mm[:ss[.sss]][Z|+hh:mm]])
// as it can, returning the first token it did not use, dpEnd if it read it all, or dpInvalid.
func parseES5(sc *dpScanner, day *dpDay, tm *dpTime, tz *dpZone) dpToken {
	if sc.Peek().isSign() {
		sign := sc.Next()
		if !sc.Peek().isNumber(6) {
			return sign
		}
		s := sign.sign()
		year := sc.Next().value
		if s < 0 && year == 0 {
			return sign
		}
		day.add(s * year)
	} else if sc.Peek().isNumber(4) {
		day.add(sc.Next().value)
	} else {
		return sc.Next()
	}
	if sc.SkipSymbol('-') {
		if p := sc.Peek(); !p.isNumber(2) || !isMonth(p.value) {
			return sc.Next()
		}
		day.add(sc.Next().value)
		if sc.SkipSymbol('-') {
			if p := sc.Peek(); !p.isNumber(2) || !isDay(p.value) {
				return sc.Next()
			}
			day.add(sc.Next().value)
		}
	}
	if p := sc.Peek(); !(p.kind == dpKeyword && p.kw == kwTimeSeparator) {
		if p.kind != dpEnd {
			return sc.Next()
		}
	} else {
		sc.Next()
		if p := sc.Peek(); !p.isNumber(2) || p.value < 0 || p.value > 24 {
			return dpToken{kind: dpInvalid}
		}
		hour24 := sc.Peek().value == 24
		tm.add(sc.Next().value)
		if !sc.SkipSymbol(':') {
			return dpToken{kind: dpInvalid}
		}
		if p := sc.Peek(); !p.isNumber(2) || !isMinute(p.value) || (hour24 && p.value > 0) {
			return dpToken{kind: dpInvalid}
		}
		tm.add(sc.Next().value)
		if sc.SkipSymbol(':') {
			if p := sc.Peek(); !p.isNumber(2) || !isMinute(p.value) || (hour24 && p.value > 0) {
				return dpToken{kind: dpInvalid}
			}
			tm.add(sc.Next().value)
			if sc.SkipSymbol('.') {
				if p := sc.Peek(); p.kind != dpNumber || (hour24 && p.value > 0) {
					return dpToken{kind: dpInvalid}
				}
				tm.add(readMilliseconds(sc.Next()))
			}
		}
		if sc.Peek().isKeywordZ() {
			sc.Next()
			tz.set(0)
		} else if p := sc.Peek(); p.isSymbol('+') || p.isSymbol('-') {
			tz.sign = 1
			if sc.Next().isSymbol('-') {
				tz.sign = -1
			}
			if sc.Peek().isNumber(4) {
				hm := sc.Next().value
				h, m := hm/100, hm%100
				if !isHour(h) || !isMinute(m) {
					return dpToken{kind: dpInvalid}
				}
				tz.hour, tz.minute = h, m
			} else {
				if p := sc.Peek(); !p.isNumber(2) || !isHour(p.value) {
					return dpToken{kind: dpInvalid}
				}
				tz.hour = sc.Next().value
				if !sc.SkipSymbol(':') {
					return dpToken{kind: dpInvalid}
				}
				if p := sc.Peek(); !p.isNumber(2) || !isMinute(p.value) {
					return dpToken{kind: dpInvalid}
				}
				tz.minute = sc.Next().value
			}
		}
		if sc.Peek().kind != dpEnd {
			return dpToken{kind: dpInvalid}
		}
	}
	// Date-only forms without an offset are UTC, date-time forms local.
	if tz.empty() && tm.empty() {
		tz.set(0)
	}
	day.isoDate = true
	return dpToken{kind: dpEnd}
}
