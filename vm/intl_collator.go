package vm

import (
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Intl.Collator and String.prototype.localeCompare, on golang.org/x/text's implementation of
// the Unicode Collation Algorithm with CLDR's tailorings (the same data ICU uses), and
// Intl.PluralRules for the supported locales.

type collator struct {
	locale      string
	tag         language.Tag
	usage       string
	sensitivity string
	ignorePunct bool
	numeric     bool
	caseFirst   string
	key         string
}

// collators pools x/text collators per configuration: they are costly to build and not safe
// for concurrent use.
var collators sync.Map // key -> *sync.Pool

func (in *Instance) collatorClass() intlClass {
	return intlClass{
		name: "Collator", length: 0,
		create: func(locales, options goja.Value) any { return in.newCollator(locales, options) },
		methods: []intlClassMethod{
			{name: "compare", getter: true, fn: func(this any, _ goja.FunctionCall) goja.Value {
				o := this.(*intlObject)
				c := o.impl.(*collator)
				return in.boundMethod(o, 2, func(call goja.FunctionCall) goja.Value {
					return in.rt.ToValue(c.compare(call.Argument(0).String(), call.Argument(1).String()))
				})
			}},
			{name: "resolvedOptions", length: 0, fn: func(this any, _ goja.FunctionCall) goja.Value {
				c := this.(*intlObject).impl.(*collator)
				o := in.rt.NewObject()
				_ = o.Set("locale", c.locale)
				_ = o.Set("usage", c.usage)
				_ = o.Set("sensitivity", c.sensitivity)
				_ = o.Set("ignorePunctuation", c.ignorePunct)
				_ = o.Set("collation", "default")
				_ = o.Set("numeric", c.numeric)
				_ = o.Set("caseFirst", c.caseFirst)
				return o
			}},
		},
	}
}

// newCollator is InitializeCollator.
func (in *Instance) newCollator(locales, options goja.Value) *collator {
	requested := in.localeList(locales)
	opts := in.options(options, "Intl.Collator")
	c := &collator{}
	c.usage = opts.str("usage", "sort", "search")
	if c.usage == "" {
		c.usage = "sort"
	}
	opts.str("localeMatcher", "lookup", "best fit")
	if co := opts.str("collation"); co != "" && !isTypeSequence(co) {
		panic(in.newError("RangeError", "Invalid collation : "+co))
	}
	numeric := opts.boolean("numeric")
	caseFirst := opts.str("caseFirst", "upper", "lower", "false")
	c.sensitivity = opts.str("sensitivity", "base", "accent", "case", "variant")
	if c.sensitivity == "" {
		c.sensitivity = "variant"
	}
	c.ignorePunct = opts.boolean("ignorePunctuation") == 2

	c.tag, c.locale = collationLocale(requested)
	var ext map[string]string
	if len(requested) > 0 {
		if t, ok := parseLanguageTag(strings.ToLower(requested[0])); ok {
			ext = t.unicode
		}
	}
	used := map[string]string{}
	if numeric == 0 {
		if kn, ok := ext["kn"]; ok && (kn == "" || kn == "true" || kn == "false") {
			c.numeric = kn != "false"
			used["kn"] = kn
		}
	} else {
		c.numeric = numeric == 2
	}
	c.caseFirst = "false"
	if caseFirst != "" {
		c.caseFirst = caseFirst
	} else if kf, ok := ext["kf"]; ok && (kf == "upper" || kf == "lower" || kf == "false") {
		c.caseFirst = kf
		used["kf"] = kf
	}
	c.locale = withExtensions(c.locale, used)
	c.key = c.tag.String() + "/" + c.sensitivity + "/" + strconv.FormatBool(c.numeric) + "/" + c.caseFirst
	return c
}

// collationLocales caches collationLocale for no or one requested locale.
var collationLocales boundedCache

type collationMatch struct {
	tag    language.Tag
	locale string
}

// collationLocale matches the requested locales against the languages x/text has collation
// data for.
func collationLocale(requested []string) (language.Tag, string) {
	if len(requested) <= 1 {
		key := ""
		if len(requested) == 1 {
			key = requested[0]
		}
		if m, ok := collationLocales.get(key); ok {
			return m.(collationMatch).tag, m.(collationMatch).locale
		}
		tag, locale := collationLocaleUncached(requested)
		collationLocales.put(key, collationMatch{tag, locale})
		return tag, locale
	}
	return collationLocaleUncached(requested)
}

func collationLocaleUncached(requested []string) (language.Tag, string) {
	supported := collate.Supported()
	for _, req := range requested {
		t, ok := parseLanguageTag(strings.ToLower(req))
		if !ok {
			continue
		}
		candidate := t.base()
		for candidate != "" {
			tag, err := language.Parse(candidate)
			if err == nil {
				for _, s := range supported {
					if s == tag {
						return tag, candidate
					}
				}
			}
			if _, ok := availableLocales[candidate]; ok {
				return language.Und, candidate
			}
			i := strings.LastIndexByte(candidate, '-')
			if i < 0 {
				break
			}
			candidate = candidate[:i]
		}
	}
	return language.Und, defaultLocale
}

func (c *collator) compare(a, b string) int {
	p, _ := collators.LoadOrStore(c.key, &sync.Pool{New: func() any {
		var opts []collate.Option
		switch c.sensitivity {
		case "base":
			opts = append(opts, collate.IgnoreCase, collate.IgnoreDiacritics)
		case "accent":
			opts = append(opts, collate.IgnoreCase)
		case "case":
			opts = append(opts, collate.IgnoreDiacritics)
		}
		if c.numeric {
			opts = append(opts, collate.Numeric)
		}
		return collate.New(c.tag, opts...)
	}})
	pool := p.(*sync.Pool)
	col := pool.Get().(*collate.Collator)
	defer pool.Put(col)
	if c.ignorePunct {
		a, b = stripPunct(a), stripPunct(b)
	}
	return col.CompareString(norm.NFD.String(a), norm.NFD.String(b))
}

func stripPunct(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && !(r >= '0' && r <= '9' || (r|0x20) >= 'a' && (r|0x20) <= 'z') {
			return -1
		}
		return r
	}, s)
}

// Intl.PluralRules.

type pluralRules struct {
	locale  string
	data    *localeData
	ordinal bool
	nf      *numberFormat
}

func (in *Instance) pluralRulesClass() intlClass {
	return intlClass{
		name: "PluralRules", length: 0,
		create: func(locales, options goja.Value) any {
			requested := in.localeList(locales)
			opts := in.options(options, "Intl.PluralRules")
			opts.str("localeMatcher", "lookup", "best fit")
			t := opts.str("type", "cardinal", "ordinal")
			nf := &numberFormat{in: in, notation: "standard", style: "decimal"}
			nf.digitOptions(opts, 0, 3)
			r := lookupLocale(requested)
			nf.data = intlDB().Locales[r.data]
			return &pluralRules{locale: r.locale, data: nf.data, ordinal: t == "ordinal", nf: nf}
		},
		methods: []intlClassMethod{
			{name: "select", length: 1, fn: func(this any, call goja.FunctionCall) goja.Value {
				p := this.(*intlObject).impl.(*pluralRules)
				return in.rt.ToValue(p.selectCategory(call.Argument(0).ToFloat()))
			}},
			{name: "resolvedOptions", length: 0, fn: func(this any, _ goja.FunctionCall) goja.Value {
				p := this.(*intlObject).impl.(*pluralRules)
				o := in.rt.NewObject()
				_ = o.Set("locale", p.locale)
				typ := "cardinal"
				if p.ordinal {
					typ = "ordinal"
				}
				_ = o.Set("type", typ)
				_ = o.Set("minimumIntegerDigits", p.nf.minInt)
				if p.nf.roundingType != "fractionDigits" {
					_ = o.Set("minimumSignificantDigits", p.nf.minSD)
					_ = o.Set("maximumSignificantDigits", p.nf.maxSD)
				}
				if p.nf.roundingType != "significantDigits" {
					_ = o.Set("minimumFractionDigits", p.nf.minFD)
					_ = o.Set("maximumFractionDigits", p.nf.maxFD)
				}
				_ = o.Set("pluralCategories", in.stringArray(p.categories()))
				_ = o.Set("roundingIncrement", p.nf.roundingInc)
				_ = o.Set("roundingMode", p.nf.roundingMode)
				_ = o.Set("roundingPriority", p.nf.priority)
				_ = o.Set("trailingZeroDisplay", p.nf.trailingZero)
				return o
			}},
		},
	}
}

func (p *pluralRules) categories() []string {
	if !p.ordinal {
		return p.data.Num.Cats
	}
	switch p.data.Num.Cats[0] {
	case "many": // French
		return []string{"one", "other"}
	}
	if strings.HasPrefix(p.locale, "en") {
		return []string{"few", "one", "two", "other"}
	}
	return []string{"other"}
}

func (p *pluralRules) selectCategory(x float64) string {
	if x != x || x > 1e300 || x < -1e300 {
		return "other"
	}
	d, minFrac := p.nf.roundDecimal(decimalFromFloat(x))
	d.neg = false
	ip, fp := d.fixed(p.nf.minInt, minFrac)
	if !p.ordinal {
		return pluralCategory(p.data, ip, fp, 0)
	}
	if fp != "" && strings.Trim(fp, "0") != "" {
		return "other"
	}
	n, _ := strconv.ParseInt(strings.TrimLeft(ip, "0")+"0", 10, 64)
	n /= 10
	switch p.categories()[0] {
	case "few": // English
		switch {
		case n%10 == 1 && n%100 != 11:
			return "one"
		case n%10 == 2 && n%100 != 12:
			return "two"
		case n%10 == 3 && n%100 != 13:
			return "few"
		}
	case "one": // French
		if n == 1 {
			return "one"
		}
	}
	return "other"
}
