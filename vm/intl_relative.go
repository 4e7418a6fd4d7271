package vm

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Intl.RelativeTimeFormat ("in 3 days", "gestern") and Intl.ListFormat ("a, b, and c"), with
// the text ICU puts around numbers and list items, observed from Node like the rest.

// rtfUnit is one unit's data in one style: prefix and suffix of the number per plural
// category, for the future and the past, and the words numeric: "auto" uses instead of -2
// ... 2 (keyed "-2" ... "2").
type rtfUnit struct {
	Future map[string][2]string
	Past   map[string][2]string
	Words  map[string]string
}

var rtfUnits = map[string]string{
	"year": "year", "years": "year", "quarter": "quarter", "quarters": "quarter", "month": "month", "months": "month",
	"week": "week", "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
	"minute": "minute", "minutes": "minute", "second": "second", "seconds": "second",
}

type relativeTimeFormat struct {
	locale  string
	data    *localeData
	style   string
	numeric string
	nf      *numberFormat
}

func (in *Instance) relativeTimeFormatClass() intlClass {
	return intlClass{
		name: "RelativeTimeFormat", length: 0,
		create: func(locales, options goja.Value) any {
			requested := in.localeList(locales)
			opts := in.options(options, "Intl.RelativeTimeFormat")
			opts.str("localeMatcher", "lookup", "best fit")
			if nu := opts.str("numberingSystem"); nu != "" && !isTypeSequence(nu) {
				panic(in.newError("RangeError", "Invalid numberingSystem : "+nu))
			}
			f := &relativeTimeFormat{style: opts.str("style", "long", "short", "narrow"), numeric: opts.str("numeric", "always", "auto")}
			if f.style == "" {
				f.style = "long"
			}
			if f.numeric == "" {
				f.numeric = "always"
			}
			r := lookupLocale(requested)
			f.locale, f.data = r.locale, intlDB().Locales[r.data]
			f.nf = in.newNumberFormat(in.rt.ToValue(r.locale), goja.Undefined())
			return f
		},
		methods: []intlClassMethod{
			{name: "format", length: 2, fn: func(this any, call goja.FunctionCall) goja.Value {
				f := this.(*intlObject).impl.(*relativeTimeFormat)
				var b strings.Builder
				for _, p := range f.parts(in, call.Argument(0), call.Argument(1), "format") {
					b.WriteString(p.value)
				}
				return in.rt.ToValue(b.String())
			}},
			{name: "formatToParts", length: 2, fn: func(this any, call goja.FunctionCall) goja.Value {
				f := this.(*intlObject).impl.(*relativeTimeFormat)
				parts := f.parts(in, call.Argument(0), call.Argument(1), "formatToParts")
				items := make([]any, 0, len(parts))
				unit := rtfUnits[call.Argument(1).String()]
				for _, p := range parts {
					o := in.rt.NewObject()
					_ = o.Set("type", p.typ)
					_ = o.Set("value", p.value)
					if p.typ != "literal" {
						_ = o.Set("unit", unit)
					}
					items = append(items, o)
				}
				return in.rt.NewArray(items...)
			}},
			{name: "resolvedOptions", length: 0, fn: func(this any, _ goja.FunctionCall) goja.Value {
				f := this.(*intlObject).impl.(*relativeTimeFormat)
				o := in.rt.NewObject()
				_ = o.Set("locale", f.locale)
				_ = o.Set("style", f.style)
				_ = o.Set("numeric", f.numeric)
				_ = o.Set("numberingSystem", "latn")
				return o
			}},
		},
	}
}

// parts is PartitionRelativeTimePattern.
func (f *relativeTimeFormat) parts(in *Instance, value, unitArg goja.Value, method string) []formatPart {
	x := value.ToFloat()
	unitName := unitArg.String()
	if math.IsNaN(x) || math.IsInf(x, 0) {
		panic(in.newError("RangeError", "Value need to be finite number for Intl.RelativeTimeFormat.prototype."+method+"()"))
	}
	unit, ok := rtfUnits[unitName]
	if !ok {
		panic(in.newError("RangeError", "Invalid unit argument for Intl.RelativeTimeFormat.prototype."+method+"() '"+unitName+"'"))
	}
	data := f.data.Num.Rtf[f.style][unit]
	if f.numeric == "auto" && x == math.Trunc(x) && math.Abs(x) <= 2 {
		if w, ok := data.Words[strconv.Itoa(int(x))]; ok {
			return []formatPart{{"literal", w}}
		}
	}
	past := x < 0 || (x == 0 && math.Signbit(x))
	num := f.nf.parts(numberValue{f: math.Abs(x)})
	var ip, fp string
	for _, p := range num {
		switch p.typ {
		case "integer":
			ip += p.value
		case "fraction":
			fp += p.value
		}
	}
	cat := pluralCategory(f.data, ip, fp, 0)
	table := data.Future
	if past {
		table = data.Past
	}
	affix, ok := table[cat]
	if !ok {
		affix = table["other"]
	}
	var out []formatPart
	if affix[0] != "" {
		out = append(out, formatPart{"literal", affix[0]})
	}
	out = append(out, num...)
	if affix[1] != "" {
		out = append(out, formatPart{"literal", affix[1]})
	}
	return out
}

// Intl.ListFormat.

type listFormat struct {
	locale     string
	typ, style string
	seps       [4]string // pair, start, middle, end
}

func (in *Instance) listFormatClass() intlClass {
	return intlClass{
		name: "ListFormat", length: 0,
		create: func(locales, options goja.Value) any {
			requested := in.localeList(locales)
			opts := in.options(options, "Intl.ListFormat")
			opts.str("localeMatcher", "lookup", "best fit")
			f := &listFormat{typ: opts.str("type", "conjunction", "disjunction", "unit"), style: opts.str("style", "long", "short", "narrow")}
			if f.typ == "" {
				f.typ = "conjunction"
			}
			if f.style == "" {
				f.style = "long"
			}
			r := lookupLocale(requested)
			f.locale = r.locale
			f.seps = intlDB().Locales[r.data].Num.Lf[f.typ+"/"+f.style]
			return f
		},
		methods: []intlClassMethod{
			{name: "format", length: 1, fn: func(this any, call goja.FunctionCall) goja.Value {
				f := this.(*intlObject).impl.(*listFormat)
				var b strings.Builder
				for _, p := range f.parts(in.listItems(call.Argument(0))) {
					b.WriteString(p.value)
				}
				return in.rt.ToValue(b.String())
			}},
			{name: "formatToParts", length: 1, fn: func(this any, call goja.FunctionCall) goja.Value {
				f := this.(*intlObject).impl.(*listFormat)
				return in.partsArray(f.parts(in.listItems(call.Argument(0))))
			}},
			{name: "resolvedOptions", length: 0, fn: func(this any, _ goja.FunctionCall) goja.Value {
				f := this.(*intlObject).impl.(*listFormat)
				o := in.rt.NewObject()
				_ = o.Set("locale", f.locale)
				_ = o.Set("type", f.typ)
				_ = o.Set("style", f.style)
				return o
			}},
		},
	}
}

// listItems is StringListFromIterable.
func (in *Instance) listItems(v goja.Value) []string {
	if goja.IsUndefined(v) {
		return nil
	}
	var items []string
	in.rt.ForOf(v, func(x goja.Value) bool {
		if _, ok := x.(goja.String); !ok {
			panic(in.newError("TypeError", "Iterable yielded "+safeString(x)+" which is not a string"))
		}
		items = append(items, x.String())
		return true
	})
	return items
}

func (f *listFormat) parts(items []string) []formatPart {
	var out []formatPart
	for i, s := range items {
		if i > 0 {
			sep := f.seps[2]
			switch {
			case len(items) == 2:
				sep = f.seps[0]
			case i == 1:
				sep = f.seps[1]
			case i == len(items)-1:
				sep = f.seps[3]
			}
			out = append(out, formatPart{"literal", sep})
		}
		out = append(out, formatPart{"element", s})
	}
	return out
}
