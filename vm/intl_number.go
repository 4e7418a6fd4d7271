package vm

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// Intl.NumberFormat, Number.prototype.toLocaleString and BigInt.prototype.toLocaleString, as
// ECMA-402 specifies them and ICU formats: numbers are exact decimals (the shortest decimal
// that round-trips a double, as ICU takes it), rounded per the digit options, then grouped
// and placed in the locale's pattern for the style and sign.

// numberData is a locale's number formatting data.
type numberData struct {
	Sym  map[string]string
	Tpls map[string]map[string][][]string // style -> pos/neg/plus -> parts
	Cats []string                         // plural categories, as PluralRules reports them
	// Currencies maps a code to its symbol, narrow symbol ("" if the symbol) and names per
	// plural category in Cats order ("" if the same as other's).
	Currencies map[string][]string
	Compact    map[string][]compactData // short/long, for 10^3 ... 10^14
	// Rtf is Intl.RelativeTimeFormat's data per style and unit; Lf Intl.ListFormat's
	// separators (pair, start, middle, end) per "type/style".
	Rtf map[string]map[string]rtfUnit
	Lf  map[string][4]string
	// Units maps "unit/display" to the pattern around the signed number per plural category;
	// Per the text a unit adds as a compound's denominator ("/h", " per hour").
	Units map[string]map[string][][]string
	Per   map[string]string
}

// compactData is the compact form of one magnitude: how many integer digits it shows, and
// the pattern per plural category (none when the magnitude has no compact form).
type compactData struct {
	Digits int
	Forms  map[string][][]string
}

// numberValue is a number to format: a double, or a BigInt.
type numberValue struct {
	f   float64
	big *big.Int
}

// decimalNum is an exact decimal: 0.digits × 10^exp, digits without leading or trailing
// zeros (none for zero).
type decimalNum struct {
	neg    bool
	digits []byte
	exp    int
}

func (d decimalNum) isZero() bool { return len(d.digits) == 0 }

func decimalFromFloat(f float64) decimalNum {
	d := decimalNum{neg: math.Signbit(f)}
	if f == 0 {
		return d
	}
	s := strconv.FormatFloat(math.Abs(f), 'e', -1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	d.digits = []byte(strings.TrimRight(strings.Replace(mant, ".", "", 1), "0"))
	d.exp = e + 1
	return d
}

func decimalFromBig(b *big.Int) decimalNum {
	s := b.String()
	d := decimalNum{}
	if strings.HasPrefix(s, "-") {
		d.neg = true
		s = s[1:]
	}
	if s == "0" {
		return d
	}
	d.exp = len(s)
	d.digits = []byte(strings.TrimRight(s, "0"))
	return d
}

// magnitude is floor(log10(|d|)) for a non-zero d.
func (d decimalNum) magnitude() int { return d.exp - 1 }

// roundAt rounds d to keep digits up to 10^-frac (frac fraction digits, negative for tens),
// with an increment (1, 2, 5, 10 ... in units of that position) and a rounding mode.
func (d decimalNum) roundAt(frac int, increment int, mode string) decimalNum {
	if d.isZero() {
		return d
	}
	if increment > 1 {
		return d.roundIncrement(frac, increment, mode)
	}
	keep := d.exp + frac // digits kept
	if keep >= len(d.digits) {
		return d
	}
	var first byte = '0'
	rest := false
	if keep >= 0 {
		first = d.digits[keep]
		for _, c := range d.digits[keep+1:] {
			if c != '0' {
				rest = true
				break
			}
		}
	} else {
		rest = true // all digits lie below the first discarded position
	}
	var kept []byte
	if keep > 0 {
		kept = append([]byte(nil), d.digits[:keep]...)
	}
	lastOdd := len(kept) > 0 && (kept[len(kept)-1]-'0')%2 == 1
	up := roundUp(mode, d.neg, first, rest, lastOdd)
	out := decimalNum{neg: d.neg, exp: d.exp}
	if keep < 0 {
		out.exp = -frac
	}
	if up {
		// add one unit at the last kept position
		if len(kept) == 0 {
			return decimalNum{neg: d.neg, digits: []byte{'1'}, exp: -frac + 1}
		}
		i := len(kept) - 1
		for i >= 0 && kept[i] == '9' {
			kept[i] = '0'
			i--
		}
		if i < 0 {
			kept = append([]byte{'1'}, kept...)
			out.exp++
		} else {
			kept[i]++
		}
	}
	out.digits = []byte(strings.TrimRight(string(kept), "0"))
	if len(out.digits) == 0 {
		out.exp = 0
	}
	return out
}

// roundUp decides, for a discarded part starting with digit first (more non-zero digits
// after it if rest), whether the kept magnitude goes up.
func roundUp(mode string, neg bool, first byte, rest, lastOdd bool) bool {
	nonZero := first != '0' || rest
	if !nonZero {
		return false
	}
	half := first > '5' || (first == '5' && rest)
	exactHalf := first == '5' && !rest
	switch mode {
	case "ceil":
		return !neg
	case "floor":
		return neg
	case "expand":
		return true
	case "trunc":
		return false
	case "halfCeil":
		return half || (exactHalf && !neg)
	case "halfFloor":
		return half || (exactHalf && neg)
	case "halfTrunc":
		return half
	case "halfEven":
		return half || (exactHalf && lastOdd)
	default: // halfExpand
		return half || exactHalf
	}
}

// roundIncrement rounds to a multiple of increment × 10^-frac.
func (d decimalNum) roundIncrement(frac, increment int, mode string) decimalNum {
	// Work with big rationals: exact and rare.
	r := d.rat()
	unit := new(big.Rat).SetFrac(big.NewInt(int64(increment)), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(frac)), nil))
	if frac < 0 {
		unit.SetInt(new(big.Int).Mul(big.NewInt(int64(increment)), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-frac)), nil)))
	}
	q := new(big.Rat).Quo(new(big.Rat).Abs(r), unit)
	fl := new(big.Int).Quo(q.Num(), q.Denom())
	remainder := new(big.Rat).Sub(q, new(big.Rat).SetInt(fl))
	half := remainder.Cmp(big.NewRat(1, 2))
	nonZero := remainder.Sign() != 0
	var first byte = '0'
	rest := false
	if nonZero {
		switch {
		case half > 0:
			first, rest = '6', true
		case half == 0:
			first = '5'
		default:
			first, rest = '1', true
		}
	}
	odd := fl.Bit(0) == 1
	if roundUp(mode, d.neg, first, rest, odd) {
		fl.Add(fl, big.NewInt(1))
	}
	res := new(big.Rat).Mul(new(big.Rat).SetInt(fl), unit)
	out := decimalFromRat(res)
	out.neg = d.neg
	return out
}

func (d decimalNum) rat() *big.Rat {
	if d.isZero() {
		return new(big.Rat)
	}
	n, _ := new(big.Int).SetString(string(d.digits), 10)
	shift := d.exp - len(d.digits)
	r := new(big.Rat).SetInt(n)
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(shift))), nil)
	if shift >= 0 {
		r.Mul(r, new(big.Rat).SetInt(p))
	} else {
		r.Quo(r, new(big.Rat).SetInt(p))
	}
	if d.neg {
		r.Neg(r)
	}
	return r
}

func decimalFromRat(r *big.Rat) decimalNum {
	s := r.FloatString(20)
	ip, fp, _ := strings.Cut(s, ".")
	d := decimalNum{}
	all := strings.TrimLeft(ip, "0") + fp
	lead := len(strings.TrimLeft(ip, "0"))
	trimmed := strings.TrimLeft(all, "0")
	d.exp = lead - (len(all) - len(trimmed))
	d.digits = []byte(strings.TrimRight(trimmed, "0"))
	if len(d.digits) == 0 {
		d.exp = 0
	}
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// shift multiplies d by 10^n.
func (d decimalNum) shift(n int) decimalNum {
	if !d.isZero() {
		d.exp += n
	}
	return d
}

// fixed renders d with at least minFrac and at most all its fraction digits, and at least
// minInt integer digits.
func (d decimalNum) fixed(minInt, minFrac int) (intPart, fracPart string) {
	var ib, fb strings.Builder
	if d.exp > 0 {
		for i := 0; i < d.exp; i++ {
			if i < len(d.digits) {
				ib.WriteByte(d.digits[i])
			} else {
				ib.WriteByte('0')
			}
		}
	}
	if len(d.digits) > d.exp {
		for i := d.exp; i < 0; i++ {
			fb.WriteByte('0')
		}
		start := max(d.exp, 0)
		fb.Write(d.digits[start:])
	}
	intPart, fracPart = ib.String(), fb.String()
	for len(intPart) < minInt {
		intPart = "0" + intPart
	}
	for len(fracPart) < minFrac {
		fracPart += "0"
	}
	return intPart, fracPart
}

type numberFormat struct {
	in              *Instance
	locale          string
	data            *localeData
	style           string
	currency        string
	currencyDisplay string
	currencySign    string
	unit            string
	unitDisplay     string
	notation        string
	compactDisplay  string
	signDisplay     string
	useGrouping     string // "auto", "always", "min2" or "false"
	minInt          int
	minFD, maxFD    int
	minSD, maxSD    int
	roundingType    string // fractionDigits, significantDigits, morePrecision, lessPrecision
	roundingMode    string
	roundingInc     int
	trailingZero    string
	priority        string
}

func (in *Instance) numberFormatClass() intlClass {
	return intlClass{
		name: "NumberFormat", length: 0,
		create: func(locales, options goja.Value) any { return in.newNumberFormat(locales, options) },
		methods: []intlClassMethod{
			{name: "format", getter: true, fn: func(this any, _ goja.FunctionCall) goja.Value {
				o := this.(*intlObject)
				nf := o.impl.(*numberFormat)
				return in.boundMethod(o, 1, func(call goja.FunctionCall) goja.Value {
					return in.rt.ToValue(nf.format(in.numberArgument(call.Argument(0))))
				})
			}},
			{name: "formatToParts", length: 1, fn: func(this any, call goja.FunctionCall) goja.Value {
				nf := this.(*intlObject).impl.(*numberFormat)
				return in.partsArray(nf.parts(in.numberArgument(call.Argument(0))))
			}},
			{name: "resolvedOptions", length: 0, fn: func(this any, _ goja.FunctionCall) goja.Value {
				return this.(*intlObject).impl.(*numberFormat).resolvedOptions()
			}},
		},
	}
}

// numberArgument is ToIntlMathematicalValue: BigInts stay exact, the rest becomes a Number.
func (in *Instance) numberArgument(v goja.Value) numberValue {
	if b, ok := v.Export().(*big.Int); ok {
		return numberValue{big: b}
	}
	if o, ok := v.(*goja.Object); ok {
		v = in.toPrimitiveNumber(o)
		if b, ok := v.Export().(*big.Int); ok {
			return numberValue{big: b}
		}
	}
	return numberValue{f: v.ToFloat()}
}

// toPrimitiveNumber is ToPrimitive(o, number).
func (in *Instance) toPrimitiveNumber(o *goja.Object) goja.Value {
	if f, ok := goja.AssertFunction(o.GetSymbol(goja.SymToPrimitive)); ok {
		v, err := f(o, in.rt.ToValue("number"))
		if err != nil {
			panic(err)
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

// sanctionedUnits are the simple units ECMA-402 allows.
var sanctionedUnits = []string{"acre", "bit", "byte", "celsius", "centimeter", "day", "degree", "fahrenheit", "fluid-ounce", "foot", "gallon", "gigabit", "gigabyte", "gram", "hectare", "hour", "inch", "kilobit", "kilobyte", "kilogram", "kilometer", "liter", "megabit", "megabyte", "meter", "microsecond", "mile", "mile-scandinavian", "milliliter", "millimeter", "millisecond", "minute", "month", "nanosecond", "ounce", "percent", "petabyte", "pound", "second", "stone", "terabit", "terabyte", "week", "yard", "year"}

func isSanctionedUnit(u string) bool {
	if a, b, ok := strings.Cut(u, "-per-"); ok {
		return isSanctionedUnit(a) && isSanctionedUnit(b)
	}
	for _, s := range sanctionedUnits {
		if s == u {
			return true
		}
	}
	return false
}

// newNumberFormat is InitializeNumberFormat.
func (in *Instance) newNumberFormat(locales, options goja.Value) *numberFormat {
	const class = "Intl.NumberFormat"
	requested := in.localeList(locales)
	opts := in.options(options, class)
	nf := &numberFormat{in: in}
	opts.str("localeMatcher", "lookup", "best fit")
	if nu := opts.str("numberingSystem"); nu != "" && !isTypeSequence(nu) {
		panic(in.newError("RangeError", "Invalid numberingSystem : "+nu))
	}
	r := lookupLocale(requested)
	nf.data = intlDB().Locales[r.data]
	used := map[string]string{}
	if nu, ok := r.ext["nu"]; ok && nu == "latn" {
		used["nu"] = nu
	}
	nf.locale = withExtensions(r.locale, used)

	nf.style = opts.str("style", "decimal", "percent", "currency", "unit")
	if nf.style == "" {
		nf.style = "decimal"
	}
	cur := opts.get("currency")
	if cur != nil {
		c := cur.String()
		if !isAlpha(c, 3, 3) {
			panic(in.newError("RangeError", "Invalid currency code : "+c))
		}
		nf.currency = strings.ToUpper(c)
	}
	nf.currencyDisplay = opts.str("currencyDisplay", "code", "symbol", "narrowSymbol", "name")
	nf.currencySign = opts.str("currencySign", "standard", "accounting")
	unit := opts.get("unit")
	if unit != nil {
		nf.unit = unit.String()
		if !isSanctionedUnit(nf.unit) {
			panic(in.newError("RangeError", "Invalid unit argument for Intl.NumberFormat() '"+nf.unit+"'"))
		}
	}
	nf.unitDisplay = opts.str("unitDisplay", "short", "narrow", "long")
	if nf.style == "currency" {
		if nf.currency == "" {
			panic(in.newError("TypeError", "Currency code is required with currency style."))
		}
		if nf.currencyDisplay == "" {
			nf.currencyDisplay = "symbol"
		}
		if nf.currencySign == "" {
			nf.currencySign = "standard"
		}
	}
	if nf.style == "unit" {
		if nf.unit == "" {
			panic(in.newError("TypeError", "Invalid unit argument for Intl.NumberFormat() ''"))
		}
		if nf.unitDisplay == "" {
			nf.unitDisplay = "short"
		}
	}
	nf.notation = opts.str("notation", "standard", "scientific", "engineering", "compact")
	if nf.notation == "" {
		nf.notation = "standard"
	}

	mnfdDefault, mxfdDefault := 0, 3
	switch {
	case nf.style == "currency":
		// V8 uses the currency's digits whatever the notation.
		digits, ok := intlDB().Currencies[nf.currency]
		if !ok {
			digits = 2
		}
		mnfdDefault, mxfdDefault = digits, digits
	case nf.style == "percent":
		mnfdDefault, mxfdDefault = 0, 0
	}
	nf.digitOptions(opts, mnfdDefault, mxfdDefault)

	nf.compactDisplay = opts.str("compactDisplay", "short", "long")
	if nf.compactDisplay == "" {
		nf.compactDisplay = "short"
	}
	defGrouping := "auto"
	if nf.notation == "compact" {
		defGrouping = "min2"
	}
	nf.useGrouping = defGrouping
	if g := opts.get("useGrouping"); g != nil {
		switch s := g.String(); {
		case isBoolean(g) && g.ToBoolean():
			nf.useGrouping = "always"
		case !g.ToBoolean():
			nf.useGrouping = "false"
		case s == "min2" || s == "auto" || s == "always":
			nf.useGrouping = s
		case s == "true" || s == "false":
			nf.useGrouping = defGrouping
		default:
			panic(in.newError("RangeError", "Value "+s+" out of range for Intl.NumberFormat options property useGrouping"))
		}
	}
	nf.signDisplay = opts.str("signDisplay", "auto", "never", "always", "exceptZero", "negative")
	if nf.signDisplay == "" {
		nf.signDisplay = "auto"
	}
	return nf
}

func isBoolean(v goja.Value) bool {
	_, ok := v.Export().(bool)
	return ok
}

// digitOptions is SetNumberFormatDigitOptions.
func (nf *numberFormat) digitOptions(opts intlOptions, mnfdDefault, mxfdDefault int) {
	in := nf.in
	nf.minInt = opts.number("minimumIntegerDigits", 1, 21, 1, "minimumIntegerDigits value is out of range.")
	mnfd, mxfd := opts.get("minimumFractionDigits"), opts.get("maximumFractionDigits")
	mnsd, mxsd := opts.get("minimumSignificantDigits"), opts.get("maximumSignificantDigits")
	nf.roundingInc = opts.number("roundingIncrement", 1, 5000, 1, "roundingIncrement value is out of range.")
	switch nf.roundingInc {
	case 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000:
	default:
		panic(in.newError("RangeError", "roundingIncrement value is out of range."))
	}
	nf.roundingMode = opts.str("roundingMode", "ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven")
	if nf.roundingMode == "" {
		nf.roundingMode = "halfExpand"
	}
	nf.priority = opts.str("roundingPriority", "auto", "morePrecision", "lessPrecision")
	if nf.priority == "" {
		nf.priority = "auto"
	}
	nf.trailingZero = opts.str("trailingZeroDisplay", "auto", "stripIfInteger")
	if nf.trailingZero == "" {
		nf.trailingZero = "auto"
	}
	if nf.roundingInc != 1 {
		mxfdDefault = mnfdDefault
	}
	num := func(v goja.Value, name string, lo, hi int) int {
		f := v.ToFloat()
		if math.IsNaN(f) || f < float64(lo) || f > float64(hi) {
			panic(in.newError("RangeError", name+" value is out of range."))
		}
		return int(math.Floor(f))
	}
	hasSd := mnsd != nil || mxsd != nil
	hasFd := mnfd != nil || mxfd != nil
	needSd, needFd := true, true
	if nf.priority == "auto" {
		needSd = hasSd
		if needSd || (!hasFd && nf.notation == "compact") {
			needFd = false
		}
	}
	if needSd {
		if hasSd {
			nf.minSD = 1
			if mnsd != nil {
				nf.minSD = num(mnsd, "minimumSignificantDigits", 1, 21)
			}
			nf.maxSD = 21
			if mxsd != nil {
				nf.maxSD = num(mxsd, "maximumSignificantDigits", nf.minSD, 21)
			}
		} else {
			nf.minSD, nf.maxSD = 1, 21
		}
	}
	if needFd {
		if hasFd {
			lo, hi := -1, -1
			if mnfd != nil {
				lo = num(mnfd, "minimumFractionDigits", 0, 100)
			}
			if mxfd != nil {
				hi = num(mxfd, "maximumFractionDigits", 0, 100)
			}
			switch {
			case lo < 0:
				lo = min(mnfdDefault, hi)
			case hi < 0:
				hi = max(mxfdDefault, lo)
			case lo > hi:
				panic(in.newError("RangeError", "maximumFractionDigits value is out of range."))
			}
			nf.minFD, nf.maxFD = lo, hi
		} else {
			nf.minFD, nf.maxFD = mnfdDefault, mxfdDefault
		}
	}
	switch {
	case !needSd && !needFd:
		nf.minFD, nf.maxFD, nf.minSD, nf.maxSD = 0, 0, 1, 2
		nf.roundingType = "morePrecision"
		nf.priority = "morePrecision"
	case nf.priority == "auto":
		nf.roundingType = "fractionDigits"
		if needSd {
			nf.roundingType = "significantDigits"
		}
	default:
		nf.roundingType = nf.priority
	}
	if nf.roundingInc != 1 {
		if nf.roundingType != "fractionDigits" {
			panic(in.newError("TypeError", "roundingIncrement is only supported when roundingType is fractionDigits"))
		}
		if nf.maxFD != nf.minFD {
			panic(in.newError("RangeError", "maximumFractionDigits value is out of range."))
		}
	}
}

func (nf *numberFormat) resolvedOptions() goja.Value {
	rt := nf.in.rt
	o := rt.NewObject()
	set := func(k string, v any) { _ = o.Set(k, v) }
	set("locale", nf.locale)
	set("numberingSystem", "latn")
	set("style", nf.style)
	if nf.style == "currency" {
		set("currency", nf.currency)
		set("currencyDisplay", nf.currencyDisplay)
		// V8 reads it back from ICU's skeleton, which has no accounting form of "never".
		sign := nf.currencySign
		if nf.signDisplay == "never" {
			sign = "standard"
		}
		set("currencySign", sign)
	}
	if nf.style == "unit" {
		set("unit", nf.unit)
		set("unitDisplay", nf.unitDisplay)
	}
	set("minimumIntegerDigits", nf.minInt)
	if nf.roundingType != "fractionDigits" {
		set("minimumSignificantDigits", nf.minSD)
		set("maximumSignificantDigits", nf.maxSD)
	}
	if nf.roundingType != "significantDigits" {
		set("minimumFractionDigits", nf.minFD)
		set("maximumFractionDigits", nf.maxFD)
	}
	if nf.useGrouping == "false" {
		set("useGrouping", false)
	} else {
		set("useGrouping", nf.useGrouping)
	}
	set("notation", nf.notation)
	if nf.notation == "compact" {
		set("compactDisplay", nf.compactDisplay)
	}
	set("signDisplay", nf.signDisplay)
	set("roundingMode", nf.roundingMode)
	set("roundingIncrement", nf.roundingInc)
	set("trailingZeroDisplay", nf.trailingZero)
	// V8 reads the priority back from ICU's skeleton, where stripIfInteger hides it.
	if nf.trailingZero == "stripIfInteger" {
		set("roundingPriority", "auto")
	} else {
		set("roundingPriority", nf.priority)
	}
	return o
}

// format is FormatNumeric.
func (nf *numberFormat) format(x numberValue) string {
	parts := nf.parts(x)
	n := 0
	for _, p := range parts {
		n += len(p.value)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range parts {
		b.WriteString(p.value)
	}
	return b.String()
}

// roundDecimal is FormatNumericToString's rounding: the rounded value and whether it is a
// whole number for trailingZeroDisplay.
func (nf *numberFormat) roundDecimal(d decimalNum) (decimalNum, int) {
	fixed := func() (decimalNum, int, int) {
		r := d.roundAt(nf.maxFD, nf.roundingInc, nf.roundingMode)
		return r, nf.minFD, -nf.maxFD
	}
	precision := func() (decimalNum, int, int) {
		if d.isZero() {
			return d, nf.minSD - 1, 1 - nf.maxSD
		}
		frac := nf.maxSD - d.exp
		r := d.roundAt(frac, 1, nf.roundingMode)
		// minimum fraction digits that keep minSD significant digits
		minFrac := nf.minSD - r.exp
		if r.isZero() {
			minFrac = nf.minSD - 1
		}
		return r, max(minFrac, 0), r.exp - nf.maxSD
	}
	var r decimalNum
	var minFrac int
	switch nf.roundingType {
	case "significantDigits":
		r, minFrac, _ = precision()
	case "fractionDigits":
		r, minFrac, _ = fixed()
	default:
		sr, smin, smag := precision()
		fr, fmin, fmag := fixed()
		useSig := smag <= fmag
		if nf.roundingType == "lessPrecision" {
			useSig = !useSig
		}
		if useSig {
			r, minFrac = sr, smin
		} else {
			r, minFrac = fr, fmin
		}
	}
	if nf.trailingZero == "stripIfInteger" && len(r.digits) <= r.exp {
		minFrac = 0
	}
	return r, minFrac
}

// parts is PartitionNumberPattern.
func (nf *numberFormat) parts(x numberValue) []formatPart {
	sym := nf.data.Num.Sym
	var d decimalNum
	special := ""
	neg := false
	if x.big != nil {
		d = decimalFromBig(x.big)
		neg = d.neg
	} else {
		switch {
		case math.IsNaN(x.f):
			special = "nan"
		case math.IsInf(x.f, 0):
			special = "infinity"
			neg = x.f < 0
		default:
			d = decimalFromFloat(x.f)
			neg = d.neg
		}
	}
	var numParts []formatPart
	var compactParts [][]string
	exponent := 0
	cat := "other"
	if special == "" {
		if nf.style == "percent" {
			d = d.shift(2)
		}
		var minFrac int
		switch nf.notation {
		case "scientific", "engineering":
			d, minFrac, exponent = nf.roundScientific(d)
		case "compact":
			d, minFrac, compactParts = nf.roundCompact(d)
		default:
			d, minFrac = nf.roundDecimal(d)
		}
		ip, fp := d.fixed(nf.minInt, minFrac)
		numParts = nf.digitParts(ip, fp)
		if nf.notation == "scientific" || nf.notation == "engineering" {
			numParts = append(numParts, formatPart{"exponentSeparator", sym["exp"]})
			if exponent < 0 {
				numParts = append(numParts, formatPart{"exponentMinusSign", sym["minus"]})
			}
			numParts = append(numParts, formatPart{"exponentInteger", strconv.Itoa(abs(exponent))})
		}
		if (nf.style == "currency" && nf.currencyDisplay == "name") || nf.style == "unit" {
			if exponent != 0 {
				// ICU takes the plural operands of the whole value, with its exponent.
				fip, ffp := d.shift(exponent).fixed(1, 0)
				cat = pluralCategory(nf.data, fip, ffp, exponent)
			} else {
				cat = pluralCategory(nf.data, ip, fp, 0)
			}
		}
	} else if special == "nan" {
		numParts = []formatPart{{"nan", sym["nan"]}}
	} else {
		numParts = []formatPart{{"infinity", sym["inf"]}}
	}
	isZero := special == "" && d.isZero()
	if special == "nan" {
		isZero = false
	}

	// Sign and pattern.
	kind := "pos"
	switch nf.signDisplay {
	case "auto":
		if neg {
			kind = "neg"
		}
	case "always":
		kind = "plus"
		if neg {
			kind = "neg"
		}
	case "exceptZero":
		switch {
		case isZero || special == "nan":
			kind = "pos"
		case neg:
			kind = "neg"
		default:
			kind = "plus"
		}
	case "negative":
		if neg && !isZero {
			kind = "neg"
		}
	}
	if special == "nan" && nf.signDisplay == "always" {
		kind = "plus"
	}
	tplName := "decimal"
	switch nf.style {
	case "percent":
		tplName = "percent"
	case "currency":
		switch {
		case nf.currencyDisplay == "name":
			tplName = "name"
		case nf.currencySign == "accounting" && compactParts == nil:
			// A compacted amount takes ICU's compact currency pattern, which has no
			// accounting form.
			tplName = "accounting"
		default:
			tplName = "currency"
		}
	}
	tpl := nf.data.Num.Tpls[tplName][kind]
	out := make([]formatPart, 0, len(tpl)+len(numParts)+4)
	for _, p := range tpl {
		switch p[0] {
		case "n":
			if compactParts != nil {
				for _, cp := range compactParts {
					switch cp[0] {
					case "n":
						out = append(out, numParts...)
					case "k":
						out = append(out, formatPart{"compact", cp[1]})
					case "l":
						out = append(out, formatPart{"literal", cp[1]})
					}
				}
			} else {
				out = append(out, numParts...)
			}
		case "m":
			out = append(out, formatPart{"minusSign", sym["minus"]})
		case "s":
			out = append(out, formatPart{"plusSign", sym["plus"]})
		case "p":
			typ := "percentSign"
			if nf.notation == "compact" {
				typ = "unit" // ICU formats compact percentages as a unit
			}
			out = append(out, formatPart{typ, p[1]})
		case "c":
			out = append(out, formatPart{"currency", nf.currencyText(cat)})
		case "l":
			lit := p[1]
			if nf.style == "percent" && nf.notation == "compact" {
				lit = strings.ReplaceAll(lit, "\u00a0", " ") // the percent unit's pattern
			}
			out = append(out, formatPart{"literal", lit})
		}
	}
	if nf.style == "currency" && nf.currencyDisplay != "name" {
		out = currencySpacing(out)
	}
	if nf.style == "unit" {
		out = nf.unitParts(out, cat)
	}
	return out
}

// unitParts puts the formatted number in the unit's pattern. A compound unit without data of
// its own ("x-per-y") is the numerator's pattern followed by how the denominator reads.
func (nf *numberFormat) unitParts(number []formatPart, cat string) []formatPart {
	forms := nf.data.Num.Units[nf.unit+"/"+nf.unitDisplay]
	suffix := ""
	if forms == nil {
		num, den, _ := strings.Cut(nf.unit, "-per-")
		forms = nf.data.Num.Units[num+"/"+nf.unitDisplay]
		suffix = nf.data.Num.Per[den+"/"+nf.unitDisplay]
	}
	tpl, ok := forms[cat]
	if !ok {
		tpl = forms["other"]
	}
	out := make([]formatPart, 0, len(number)+len(tpl))
	for _, p := range tpl {
		switch p[0] {
		case "n":
			out = append(out, number...)
		case "u":
			out = append(out, formatPart{"unit", p[1] + suffix})
		default:
			out = append(out, formatPart{"literal", p[1]})
		}
	}
	return out
}

// currencySpacing puts a no-break space between a currency symbol ending (or starting) with
// a letter and the digits next to it, as ICU's currency spacing rules do.
func currencySpacing(parts []formatPart) []formatPart {
	isNum := func(t string) bool { return t == "integer" }
	var out []formatPart
	for i, p := range parts {
		out = append(out, p)
		if i+1 >= len(parts) {
			continue
		}
		next := parts[i+1]
		if p.typ == "currency" && isNum(next.typ) {
			r, _ := utf8.DecodeLastRuneInString(p.value)
			if !unicode.IsSymbol(r) {
				out = append(out, formatPart{"literal", "\u00a0"})
			}
		} else if next.typ == "currency" && (p.typ == "fraction" || isNum(p.typ)) {
			r, _ := utf8.DecodeRuneInString(next.value)
			if !unicode.IsSymbol(r) {
				out = append(out, formatPart{"literal", "\u00a0"})
			}
		}
	}
	return out
}

// currencyText is the currency as the display option shows it.
func (nf *numberFormat) currencyText(cat string) string {
	c, ok := nf.data.Num.Currencies[nf.currency]
	switch nf.currencyDisplay {
	case "code":
		return nf.currency
	case "name":
		if !ok {
			return nf.currency
		}
		other := ""
		for i, k := range nf.data.Num.Cats {
			if k == "other" {
				other = c[2+i]
			}
		}
		for i, k := range nf.data.Num.Cats {
			if k == cat && c[2+i] != "" {
				return c[2+i]
			}
		}
		return other
	case "narrowSymbol":
		if ok && c[1] != "" {
			return c[1]
		}
	}
	if !ok {
		return nf.currency
	}
	return c[0]
}

// digitParts splits the digits into integer groups, decimal and fraction parts.
func (nf *numberFormat) digitParts(ip, fp string) []formatPart {
	sym := nf.data.Num.Sym
	out := make([]formatPart, 0, 2*len(ip)/3+3)
	minGroup := 1
	if nf.useGrouping == "min2" || (nf.useGrouping == "auto" && nf.notation == "compact") {
		minGroup = 2 // ICU's automatic grouping is min2 in compact notation
	}
	if nf.useGrouping != "false" && len(ip) >= 3+minGroup {
		first := len(ip) % 3
		if first == 0 {
			first = 3
		}
		out = append(out, formatPart{"integer", ip[:first]})
		for i := first; i < len(ip); i += 3 {
			out = append(out, formatPart{"group", sym["group"]}, formatPart{"integer", ip[i : i+3]})
		}
	} else {
		out = append(out, formatPart{"integer", ip})
	}
	if fp != "" {
		out = append(out, formatPart{"decimal", sym["decimal"]}, formatPart{"fraction", fp})
	}
	return out
}

// roundScientific scales d to one (scientific) or up to three (engineering) integer digits.
func (nf *numberFormat) roundScientific(d decimalNum) (decimalNum, int, int) {
	if d.isZero() {
		r, minFrac := nf.roundDecimal(d)
		return r, minFrac, 0
	}
	exp := d.magnitude()
	if nf.notation == "engineering" {
		exp = int(math.Floor(float64(exp)/3)) * 3
	}
	r, minFrac := nf.roundDecimal(d.shift(-exp))
	if !r.isZero() && r.magnitude() >= 1 && (nf.notation == "scientific" || r.magnitude() >= 3) {
		step := 1
		if nf.notation == "engineering" {
			step = 3
		}
		exp += step
		r, minFrac = nf.roundDecimal(d.shift(-exp))
	}
	return r, minFrac, exp
}

// roundCompact scales d by the locale's compact pattern for its magnitude and rounds it,
// returning the pattern of the number with its compact affix.
func (nf *numberFormat) roundCompact(d decimalNum) (decimalNum, int, [][]string) {
	display := nf.compactDisplay
	if nf.style == "currency" && nf.currencyDisplay != "name" {
		display = "short" // ICU has no long compact forms for currency symbols
	}
	table := nf.data.Num.Compact[display]
	pick := func(mag int) (int, map[string][][]string) {
		if mag < 3 {
			return 0, nil
		}
		i := min(mag-3, len(table)-1)
		e := table[i]
		if e.Forms == nil {
			return 0, nil
		}
		hasCompact := false
		for _, f := range e.Forms {
			for _, p := range f {
				if p[0] == "k" {
					hasCompact = true
				}
			}
		}
		if !hasCompact {
			return 0, nil
		}
		return (i + 3) - (e.Digits - 1), e.Forms
	}
	mag := 0
	if !d.isZero() {
		mag = d.magnitude()
	}
	div, forms := pick(mag)
	r, minFrac := nf.roundDecimal(d.shift(-div))
	if !r.isZero() && r.magnitude()+div > mag {
		mag = r.magnitude() + div
		div2, forms2 := pick(mag)
		if div2 != div {
			div, forms = div2, forms2
			r, minFrac = nf.roundDecimal(d.shift(-div))
		}
	}
	if forms == nil {
		return r, minFrac, nil
	}
	ip, fp := r.fixed(nf.minInt, minFrac)
	if ip == "1" && fp == "" && !d.neg {
		if f, ok := forms["=1"]; ok {
			return r, minFrac, f
		}
	}
	cat := pluralCategory(nf.data, ip, fp, div)
	f, ok := forms[cat]
	if !ok {
		f = forms["other"]
	}
	return r, minFrac, f
}

// pluralCategory is the cardinal plural category of a formatted number (integer and
// fraction digits, compact exponent e) in the locale's language.
func pluralCategory(l *localeData, ip, fp string, e int) string {
	ip = strings.TrimLeft(ip, "0")
	v := len(fp)
	// i is the integer part; only whether it is 0, 1 or a multiple of a million matters.
	isOne := ip == "1"
	atMostOne := ip == "" || isOne
	million := ip != "" && strings.HasSuffix(ip, "000000")
	if l.Num.Cats[0] == "many" { // French: one, many, other
		if atMostOne {
			return "one"
		}
		if (e == 0 && million && v == 0) || e < 0 || e > 5 {
			return "many"
		}
		return "other"
	}
	if isOne && v == 0 {
		return "one"
	}
	return "other"
}
