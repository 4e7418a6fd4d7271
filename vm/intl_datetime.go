package vm

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Intl.DateTimeFormat and Date.prototype.toLocale*String.
//
// ICU turns the options into a pattern ("EEEE, MMMM d, y 'at' h:mm a") through its pattern
// generator; its results for every combination of options are in the generated data,
// observed from Node: one table for the date fields, one for the time fields, the patterns
// that join them per style, and the few combinations (a weekday with a time) that are
// patterns of their own. Widths the options decide exactly are placeholders in the patterns:
// G era, F fractional seconds, B day period, Z time zone name.

// dtToken is one item of a pattern: a field letter repeated width times, or literal text.
type dtToken struct {
	field byte
	width int
	lit   string
}

// parsePattern parses an ICU pattern.
func parsePattern(p string) []dtToken {
	var toks []dtToken
	lit := func(s string) {
		if n := len(toks); n > 0 && toks[n-1].field == 0 {
			toks[n-1].lit += s
			return
		}
		toks = append(toks, dtToken{lit: s})
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			var b strings.Builder
			i++
			for i < len(p) {
				if p[i] == '\'' {
					if i+1 < len(p) && p[i+1] == '\'' {
						b.WriteByte('\'')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(p[i])
				i++
			}
			lit(b.String())
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			toks = append(toks, dtToken{field: c, width: j - i})
			i = j
		default:
			j := i + 1
			for j < len(p) && p[j] != '\'' && !((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= 'A' && p[j] <= 'Z')) {
				j++
			}
			lit(p[i:j])
			i = j
		}
	}
	return toks
}

// Option values, in the order of the generated tables (0 is absent).
var (
	dtNarrowShortLong = []string{"", "narrow", "short", "long"}
	dtYearValues      = []string{"", "numeric", "2-digit"}
	dtMonthValues     = []string{"", "numeric", "2-digit", "narrow", "short", "long"}
	dtZoneValues      = []string{"", "short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"}
	dtHourCycles      = []string{"h11", "h12", "h23", "h24"}
	dtStyles          = []string{"full", "long", "medium", "short"}
)

// dtFields are the requested component widths, as indexes into the value lists above.
type dtFields struct {
	weekday, era, year, month, day, dayPeriod, hour, minute, second, fsd, zone int
}

// dateFieldGroup tells which fields the required/defaults of ToDateTimeOptions cover.
type dateFieldGroup int

const (
	groupDate dateFieldGroup = iota
	groupTime
	groupAny
	groupAll
)

type dateTimeFormat struct {
	in                   *Instance
	locale               string
	data                 *localeData
	zone                 string
	zoneIdx              int
	loc                  *time.Location
	hc                   string
	hour12               bool
	fields               dtFields
	dateStyle, timeStyle string
	pattern              []dtToken
}

// dateTimeFormatClass is Intl.DateTimeFormat.
func (in *Instance) dateTimeFormatClass() intlClass {
	return intlClass{
		name: "DateTimeFormat", length: 0,
		create: func(locales, options goja.Value) any {
			return in.newDateTimeFormat(locales, options, groupAny, groupDate)
		},
		methods: []intlClassMethod{
			{name: "format", getter: true, fn: func(this any, _ goja.FunctionCall) goja.Value {
				o := this.(*intlObject)
				f := o.impl.(*dateTimeFormat)
				return in.boundMethod(o, 1, func(call goja.FunctionCall) goja.Value {
					return in.rt.ToValue(f.format(in.dateArgument(call.Argument(0))))
				})
			}},
			{name: "formatToParts", length: 1, fn: func(this any, call goja.FunctionCall) goja.Value {
				f := this.(*intlObject).impl.(*dateTimeFormat)
				return in.partsArray(f.formatToParts(in.dateArgument(call.Argument(0))))
			}},
			{name: "resolvedOptions", length: 0, fn: func(this any, _ goja.FunctionCall) goja.Value {
				return this.(*intlObject).impl.(*dateTimeFormat).resolvedOptions(in)
			}},
		},
	}
}

// dateArgument is the time value to format: now for undefined, a Date's value, else
// ToNumber.
func (in *Instance) dateArgument(v goja.Value) float64 {
	if goja.IsUndefined(v) {
		return float64(time.Now().UnixMilli())
	}
	if o, ok := v.(*goja.Object); ok {
		if t, ok := dateValue(o); ok {
			return t
		}
	}
	return v.ToFloat()
}

type formatPart struct{ typ, value string }

func (in *Instance) partsArray(parts []formatPart) goja.Value {
	items := make([]any, len(parts))
	for i, p := range parts {
		o := in.rt.NewObject()
		_ = o.Set("type", p.typ)
		_ = o.Set("value", p.value)
		items[i] = o
	}
	return in.rt.NewArray(items...)
}

// newDateTimeFormat is CreateDateTimeFormat(locales, options, required, defaults).
func (in *Instance) newDateTimeFormat(locales, options goja.Value, required, defaults dateFieldGroup) *dateTimeFormat {
	const class = "Intl.DateTimeFormat"
	requested := in.localeList(locales)
	opts := in.options(options, class)
	opts.str("localeMatcher", "lookup", "best fit")
	if cal := opts.str("calendar"); cal != "" && !isTypeSequence(cal) {
		panic(in.newError("RangeError", "Invalid calendar : "+cal))
	}
	if nu := opts.str("numberingSystem"); nu != "" && !isTypeSequence(nu) {
		panic(in.newError("RangeError", "Invalid numberingSystem : "+nu))
	}
	hour12 := opts.boolean("hour12")
	hourCycle := opts.str("hourCycle", dtHourCycles...)
	if hour12 != 0 {
		hourCycle = ""
	}
	f := &dateTimeFormat{in: in}
	if tz := opts.get("timeZone"); tz != nil {
		name := tz.String()
		c := canonicalZone(name)
		loc, ok := loadZone(c)
		if c == "" || !ok {
			panic(in.newError("RangeError", "Invalid time zone specified: "+name))
		}
		f.zone, f.loc = c, loc
	} else {
		f.zone, f.loc = in.instanceZone()
	}
	f.zoneIdx = zoneIndex(f.zone)

	var fl dtFields
	fl.weekday = optionIndex(dtNarrowShortLong, opts.str("weekday", "narrow", "short", "long"))
	fl.era = optionIndex(dtNarrowShortLong, opts.str("era", "narrow", "short", "long"))
	fl.year = optionIndex(dtYearValues, opts.str("year", "numeric", "2-digit"))
	fl.month = optionIndex(dtMonthValues, opts.str("month", "numeric", "2-digit", "narrow", "short", "long"))
	fl.day = optionIndex(dtYearValues, opts.str("day", "numeric", "2-digit"))
	fl.dayPeriod = optionIndex(dtNarrowShortLong, opts.str("dayPeriod", "narrow", "short", "long"))
	fl.hour = optionIndex(dtYearValues, opts.str("hour", "numeric", "2-digit"))
	fl.minute = optionIndex(dtYearValues, opts.str("minute", "numeric", "2-digit"))
	fl.second = optionIndex(dtYearValues, opts.str("second", "numeric", "2-digit"))
	fl.fsd = opts.number("fractionalSecondDigits", 1, 3, 0, "")
	fl.zone = optionIndex(dtZoneValues, opts.str("timeZoneName", dtZoneValues[1:]...))
	opts.str("formatMatcher", "basic", "best fit")
	f.dateStyle = opts.str("dateStyle", dtStyles...)
	f.timeStyle = opts.str("timeStyle", dtStyles...)

	if f.dateStyle != "" || f.timeStyle != "" {
		names := []string{"weekday", "era", "year", "month", "day", "dayPeriod", "hour", "minute", "second", "fractionalSecondDigits", "timeZoneName"}
		vals := []int{fl.weekday, fl.era, fl.year, fl.month, fl.day, fl.dayPeriod, fl.hour, fl.minute, fl.second, fl.fsd, fl.zone}
		for i, v := range vals {
			if v != 0 {
				style := "dateStyle"
				if f.dateStyle == "" {
					style = "timeStyle"
				}
				panic(in.newError("TypeError", "Can't set option "+names[i]+" when "+style+" is used"))
			}
		}
		if required == groupDate && f.timeStyle != "" {
			panic(in.newError("TypeError", "Invalid option : timeStyle"))
		}
		if required == groupTime && f.dateStyle != "" {
			panic(in.newError("TypeError", "Invalid option : dateStyle"))
		}
	} else {
		need := true
		if required == groupDate || required == groupAny {
			if fl.weekday != 0 || fl.year != 0 || fl.month != 0 || fl.day != 0 {
				need = false
			}
		}
		if required == groupTime || required == groupAny {
			if fl.dayPeriod != 0 || fl.hour != 0 || fl.minute != 0 || fl.second != 0 || fl.fsd != 0 {
				need = false
			}
		}
		if need && (defaults == groupDate || defaults == groupAll) {
			fl.year, fl.month, fl.day = 1, 1, 1
		}
		if need && (defaults == groupTime || defaults == groupAll) {
			fl.hour, fl.minute, fl.second = 1, 1, 1
		}
	}
	f.fields = fl

	r := lookupLocale(requested)
	f.data = intlDB().Locales[r.data]
	used := map[string]string{}
	if ca, ok := r.ext["ca"]; ok && (ca == "gregory" || ca == "gregorian") {
		used["ca"] = ca
	}
	if nu, ok := r.ext["nu"]; ok && nu == "latn" {
		used["nu"] = nu
	}
	defHC := f.data.HC
	if hc, ok := r.ext["hc"]; ok && (hc == "h11" || hc == "h12" || hc == "h23" || hc == "h24") {
		defHC = hc
		if hour12 == 0 && hourCycle == "" {
			used["hc"] = hc
		}
	}
	f.locale = withExtensions(r.locale, used)

	explicit := ""
	switch {
	case hour12 == 2:
		explicit = "h12"
		if defHC == "h11" || defHC == "h23" {
			explicit = "h11"
		}
	case hour12 == 1:
		explicit = "h24"
		if defHC == "h11" || defHC == "h23" {
			explicit = "h23"
		}
	case hourCycle != "":
		explicit = hourCycle
	case used["hc"] != "":
		explicit = used["hc"]
	}
	f.hc = defHC
	if explicit != "" {
		f.hc = explicit
	}

	if f.dateStyle != "" || f.timeStyle != "" {
		hcKey := ""
		if f.timeStyle != "" {
			hcKey = explicit
		}
		f.pattern = f.data.styles[f.dateStyle+":"+f.timeStyle+":"+hcKey]
	} else {
		f.pattern = f.data.componentPattern(fl, optionIndex(dtHourCycles, f.hc))
	}
	f.hour12 = f.hc == "h11" || f.hc == "h12"
	return f
}

func optionIndex(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return 0
}

// componentPattern finds the pattern for component options (hc is the hour cycle's index).
func (l *localeData) componentPattern(f dtFields, hc int) []dtToken {
	date := (((f.era*3+f.year)*6+f.month)*4+f.weekday)*3 + f.day
	if f.hour == 0 {
		hc = 0
	}
	tm := (((((f.dayPeriod*3+f.hour)*3+f.minute)*3+f.second)*4+f.fsd)*7+f.zone)*4 + hc
	hasTime := f.dayPeriod != 0 || f.hour != 0 || f.minute != 0 || f.second != 0 || f.fsd != 0 || f.zone != 0
	if date == 0 {
		return l.pats[l.Time[tm]]
	}
	if !hasTime {
		return l.pats[l.Date[date]]
	}
	if date == f.weekday*3 {
		if p, ok := l.wk[f.weekday<<16|tm]; ok {
			return l.pats[p]
		}
	}
	key := date<<16 | tm
	if p, ok := l.glued.Load(key); ok {
		return p.([]dtToken)
	}
	style := "short"
	switch f.month {
	case 5:
		style = "long"
		if f.weekday != 0 {
			style = "full"
		}
	case 4:
		style = "medium"
	}
	p := glueTokens(parsePattern(l.Glue[style]), l.pats[l.Date[date]], l.pats[l.Time[tm]])
	l.glued.Store(key, p)
	return p
}

// glueTokens substitutes date ({1}) and time ({0}) patterns into a glue pattern.
func glueTokens(glue, date, tm []dtToken) []dtToken {
	var out []dtToken
	add := func(t dtToken) {
		if t.field == 0 {
			if n := len(out); n > 0 && out[n-1].field == 0 {
				out[n-1].lit += t.lit
				return
			}
		}
		out = append(out, t)
	}
	for _, t := range glue {
		if t.field != 0 {
			add(t)
			continue
		}
		s := t.lit
		for s != "" {
			i := strings.IndexByte(s, '{')
			if i < 0 || i+2 >= len(s) || s[i+2] != '}' || (s[i+1] != '0' && s[i+1] != '1') {
				add(dtToken{lit: s})
				break
			}
			if i > 0 {
				add(dtToken{lit: s[:i]})
			}
			sub := tm
			if s[i+1] == '1' {
				sub = date
			}
			for _, x := range sub {
				add(x)
			}
			s = s[i+3:]
		}
	}
	return out
}

// format is FormatDateTime. Like V8 (for compatibility with pages that parse the output), it
// writes the narrow no-break space ICU puts before AM/PM as a plain space; formatToParts
// keeps it.
func (f *dateTimeFormat) format(t float64) string {
	var b strings.Builder
	f.each(t, func(_ string, v string) {
		if strings.Contains(v, "\u202f") {
			v = strings.ReplaceAll(v, "\u202f", " ")
		}
		b.WriteString(v)
	})
	return b.String()
}

func (f *dateTimeFormat) formatToParts(t float64) []formatPart {
	var parts []formatPart
	f.each(t, func(typ, v string) { parts = append(parts, formatPart{typ, v}) })
	return parts
}

// each formats t, calling emit with each part's type and text.
func (f *dateTimeFormat) each(t float64, emit func(typ, value string)) {
	t = timeClip(t)
	if math.IsNaN(t) {
		panic(f.in.newError("RangeError", "Invalid time value"))
	}
	ms := int64(t)
	off := zoneOffset(f.loc, ms)
	d := splitTime(ms + off)
	l := f.data
	num := func(n int64, width int) string {
		s := strconv.FormatInt(n, 10)
		for len(s) < width {
			s = "0" + s
		}
		return s
	}
	for _, tok := range f.pattern {
		w := tok.width
		switch tok.field {
		case 0:
			emit("literal", tok.lit)
		case 'G':
			era := 1
			if d.year <= 0 {
				era = 0
			}
			width := widthName(w)
			if f.fields.era != 0 {
				width = dtNarrowShortLong[f.fields.era]
			}
			emit("era", l.Names["G"+width][era])
		case 'y':
			y := d.year
			if y <= 0 {
				y = 1 - y
			}
			if w == 2 {
				emit("year", num(y%100, 2))
			} else {
				emit("year", num(y, w))
			}
		case 'M', 'L':
			switch {
			case w <= 2:
				emit("month", num(int64(d.month+1), w))
			default:
				emit("month", l.Names[string(tok.field)+widthName(w)][d.month])
			}
		case 'd':
			emit("day", num(int64(d.day), w))
		case 'E', 'c':
			emit("weekday", l.Names[string(tok.field)+widthName(max(w, 3))][d.weekday])
		case 'h':
			h := d.hour % 12
			if h == 0 {
				h = 12
			}
			emit("hour", num(int64(h), w))
		case 'K':
			emit("hour", num(int64(d.hour%12), w))
		case 'H':
			emit("hour", num(int64(d.hour), w))
		case 'k':
			h := d.hour
			if h == 0 {
				h = 24
			}
			emit("hour", num(int64(h), w))
		case 'm':
			emit("minute", num(int64(d.minute), w))
		case 's':
			emit("second", num(int64(d.second), w))
		case 'F', 'S':
			n := w
			if tok.field == 'F' {
				n = f.fields.fsd
			}
			emit("fractionalSecond", num(int64(d.milli), 3)[:n])
		case 'a':
			emit("dayPeriod", l.Names["a"][d.hour/12])
		case 'B':
			width := dtNarrowShortLong[f.fields.dayPeriod]
			if width == "" {
				width = "short"
			}
			name := l.Names["B"+width][d.hour]
			if d.hour == 12 && (!f.hasField('m') || d.minute == 0) && (!f.hasField('s') || d.second == 0) {
				name = l.Noon[optionIndex(dtNarrowShortLong, width)-1]
			}
			emit("dayPeriod", name)
		case 'Z', 'z', 'O', 'v':
			field, width := tok.field, w
			if field == 'Z' {
				switch dtZoneValues[f.fields.zone] {
				case "short":
					field, width = 'z', 1
				case "long":
					field, width = 'z', 4
				case "shortOffset":
					field, width = 'O', 1
				case "longOffset":
					field, width = 'O', 4
				case "shortGeneric":
					field, width = 'v', 1
				case "longGeneric":
					field, width = 'v', 4
				}
			}
			emit("timeZoneName", l.zoneNameAt(f.zoneIdx, f.loc, field, width, ms, off))
		default:
			emit("literal", strings.Repeat(string(tok.field), w))
		}
	}
}

func (f *dateTimeFormat) hasField(c byte) bool {
	for _, t := range f.pattern {
		if t.field == c {
			return true
		}
	}
	return false
}

func widthName(w int) string {
	switch w {
	case 4:
		return "long"
	case 5:
		return "narrow"
	}
	return "short"
}

// zoneNameAt is the name of a zone at time t (offset off) in the given pattern form.
func (l *localeData) zoneNameAt(zi int, loc *time.Location, field byte, width int, t, off int64) string {
	return l.zoneNameIdx(zi, field, width, isDaylight(loc, t, off), observesDST(loc, t, off), off)
}

// zoneName is zoneNameIdx for a zone given by canonical name.
func (l *localeData) zoneName(zone string, field byte, width int, dst bool, off int64) string {
	return l.zoneNameIdx(zoneIndex(zone), field, width, dst, dst, off)
}

// zoneNameIdx picks a zone's name from the table: 8 per zone, the short and long specific
// names for standard and daylight time, then the short and long generic names for a year
// without and with daylight saving time (a zone that stopped changing clocks has generic
// names that are its standard ones).
func (l *localeData) zoneNameIdx(zi int, field byte, width int, dst, observes bool, off int64) string {
	long := width >= 4
	if field == 'O' || zi < 0 {
		return l.gmtName(off, long)
	}
	var k int
	switch {
	case field == 'z' && !long:
		k = 0
	case field == 'z':
		k = 2
	case field == 'v' && !long:
		k = 4
	default:
		k = 5
	}
	if k < 4 && dst {
		k++
	}
	if k >= 4 && observes {
		k += 2
	}
	switch id := l.Zones[zi*8+k]; id {
	case 0:
		return l.gmtName(off, false)
	case 1:
		return l.gmtName(off, true)
	default:
		return l.Zstr[id]
	}
}

// gmtName is the localized GMT format of an offset: GMT-5, GMT+5:30 (short) or GMT-05:00
// (long).
func (l *localeData) gmtName(off int64, long bool) string {
	var b strings.Builder
	b.WriteString(l.Gmt[0])
	secs := off / 1000
	if secs < 0 {
		b.WriteString(l.Gmt[1])
		secs = -secs
	} else {
		b.WriteByte('+')
	}
	h, m, s := secs/3600, secs/60%60, secs%60
	if long {
		pad(&b, h, 2)
		b.WriteByte(':')
		pad(&b, m, 2)
	} else {
		b.WriteString(strconv.FormatInt(h, 10))
		if m != 0 || s != 0 {
			b.WriteByte(':')
			pad(&b, m, 2)
		}
	}
	if s != 0 {
		b.WriteByte(':')
		pad(&b, s, 2)
	}
	return b.String()
}

// v8PatternItems are the fields V8's resolvedOptions looks for, in order, with the pattern
// substrings that give each value (the first found wins).
var v8PatternItems = []struct {
	property string
	pairs    [][2]string
}{
	{"weekday", [][2]string{{"EEEEE", "narrow"}, {"EEEE", "long"}, {"EEE", "short"}, {"ccccc", "narrow"}, {"cccc", "long"}, {"ccc", "short"}}},
	{"era", [][2]string{{"GGGGG", "narrow"}, {"GGGG", "long"}, {"GGG", "short"}}},
	{"year", [][2]string{{"yy", "2-digit"}, {"y", "numeric"}}},
	{"month", [][2]string{{"MMMMM", "narrow"}, {"MMMM", "long"}, {"MMM", "short"}, {"MM", "2-digit"}, {"M", "numeric"}, {"LLLLL", "narrow"}, {"LLLL", "long"}, {"LLL", "short"}, {"LL", "2-digit"}, {"L", "numeric"}}},
	{"day", [][2]string{{"dd", "2-digit"}, {"d", "numeric"}}},
	{"dayPeriod", [][2]string{{"BBBBB", "narrow"}, {"bbbbb", "narrow"}, {"BBBB", "long"}, {"bbbb", "long"}, {"B", "short"}, {"b", "short"}}},
	{"hour", [][2]string{{"HH", "2-digit"}, {"H", "numeric"}, {"hh", "2-digit"}, {"h", "numeric"}, {"kk", "2-digit"}, {"k", "numeric"}, {"KK", "2-digit"}, {"K", "numeric"}}},
	{"minute", [][2]string{{"mm", "2-digit"}, {"m", "numeric"}}},
	{"second", [][2]string{{"ss", "2-digit"}, {"s", "numeric"}}},
	{"timeZoneName", [][2]string{{"zzzz", "long"}, {"z", "short"}, {"OOOO", "longOffset"}, {"O", "shortOffset"}, {"vvvv", "longGeneric"}, {"v", "shortGeneric"}}},
}

// icuPattern is the pattern as ICU would print it, placeholders resolved: what V8 searches
// for fields in resolvedOptions, letters of literal text included.
func (f *dateTimeFormat) icuPattern() string {
	var b strings.Builder
	for _, t := range f.pattern {
		switch t.field {
		case 0:
			if strings.ContainsAny(t.lit, "'") || strings.IndexFunc(t.lit, func(r rune) bool { return r < 128 && (r|0x20) >= 'a' && (r|0x20) <= 'z' }) >= 0 {
				b.WriteString("'" + strings.ReplaceAll(t.lit, "'", "''") + "'")
			} else {
				b.WriteString(t.lit)
			}
		case 'G':
			b.WriteString(map[int]string{1: "GGGGG", 2: "GGG", 3: "GGGG"}[f.fields.era])
		case 'F':
			b.WriteString(strings.Repeat("S", f.fields.fsd))
		case 'B':
			b.WriteString(map[int]string{1: "BBBBB", 2: "B", 3: "BBBB"}[f.fields.dayPeriod])
		case 'Z':
			b.WriteString(map[int]string{1: "z", 2: "zzzz", 3: "O", 4: "OOOO", 5: "v", 6: "vvvv"}[f.fields.zone])
		default:
			b.WriteString(strings.Repeat(string(t.field), t.width))
		}
	}
	return b.String()
}

// resolvedOptions reports the options as V8 does: the hour cycle if an hour was asked for,
// and the components found in the pattern in use.
func (f *dateTimeFormat) resolvedOptions(in *Instance) goja.Value {
	rt := in.rt
	o := rt.NewObject()
	_ = o.Set("locale", f.locale)
	_ = o.Set("calendar", "gregory")
	_ = o.Set("numberingSystem", "latn")
	_ = o.Set("timeZone", f.zone)
	if f.fields.hour != 0 || f.timeStyle != "" {
		_ = o.Set("hourCycle", f.hc)
		_ = o.Set("hour12", f.hour12)
	}
	if f.dateStyle != "" || f.timeStyle != "" {
		if f.dateStyle != "" {
			_ = o.Set("dateStyle", f.dateStyle)
		}
		if f.timeStyle != "" {
			_ = o.Set("timeStyle", f.timeStyle)
		}
		return o
	}
	p := f.icuPattern()
	for _, item := range v8PatternItems {
		if item.property == "timeZoneName" {
			if n := min(strings.Count(p, "S"), 3); n > 0 {
				_ = o.Set("fractionalSecondDigits", n)
			}
		}
		for _, pair := range item.pairs {
			if strings.Contains(p, pair[0]) {
				_ = o.Set(item.property, pair[1])
				break
			}
		}
	}
	return o
}
