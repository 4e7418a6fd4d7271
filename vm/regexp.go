package vm

//go:generate sh -c "node ../testdata/gen-regexp-tables.js | gofmt > regexp_tables.go"

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
)

// Regular expressions as Node 20 runs them where goja falls short:
//
//   - Unicode property escapes (\p{L}, \P{Script=Greek}, \p{Emoji} ...) under the u flag. goja
//     reads \p{L} as the text "p{L}". Each escape is spelled out as an explicit character class
//     before goja compiles the pattern, from tables read out of Node itself (regexp_tables.go),
//     so what matches is exactly what Node matches. Invalid names throw V8's SyntaxError.
//   - The d flag (hasIndices): exec results get indices, from a second match of the same
//     pattern by a matcher that reports where each group matched.
//   - RegExp.prototype.source, flags and toString as V8 writes them (goja escapes / as \u002f
//     and knows no d flag), and the hasIndices getter.
//
// goja's RegExp constructor is native and offers no hook, so the instance's constructor object
// gets its call and construct behaviour replaced (patchRegExp): the object stays the same, so
// instanceof, RegExp.prototype.constructor, species lookups and goja's own fast paths are
// untouched. A translated regexp keeps the pattern as written as its source.
//
// Regex literals never call the constructor. Transpile has esbuild turn the literals that need
// translation into new RegExp(...) calls (in a source that mentions \p{ or \P{, every u-flag
// literal, since esbuild looks for property escapes only outside classes), maps the identifier
// RegExp to the lazy global regexpGlobal (which patches on first read, so plugins that never
// touch RegExp pay nothing) and, when it turned a literal into a call, starts the code by
// reading regexpGlobal so the patch is in place before such a call runs.
//
// Translations are cached process-wide, each with its pattern compiled once as a literal
// program that every runtime shares; each instance also keeps the regexps it built from strings
// as templates, so a lowered literal in a hot path costs a copy, not a compilation.

// regexpGlobal names the global that Transpile maps the identifier RegExp to. Reading it
// patches the instance's RegExp constructor and yields that same constructor.
const regexpGlobal = "__plugchain_RegExp"

func init() {
	registerGlobal(regexpGlobal, func(in *Instance) (goja.Value, error) {
		v := in.rt.Get("RegExp")
		if ctor, ok := v.(*goja.Object); ok {
			// A constructor that cannot be patched (a plugin replaced RegExp, or goja's
			// internals changed, which TestRegExpPatchApplies catches) stays as it is.
			_ = in.patchRegExp(ctor)
		}
		return v, nil
	})
}

// mayHavePropertyEscapes reports whether a plugin source may contain a regex property escape.
// Transpile then has esbuild turn all u-flag literals into constructor calls, since esbuild
// itself only notices property escapes outside character classes.
func mayHavePropertyEscapes(src []byte) bool {
	return bytes.Contains(src, []byte(`\p{`)) || bytes.Contains(src, []byte(`\P{`))
}

// runeRange is an inclusive range of code points.
type runeRange struct{ lo, hi rune }

// maxCodePoint is the largest Unicode code point.
const maxCodePoint = 0x10FFFF

// propertySets caches decoded property tables by key (and by "!" + key for complements).
var propertySets sync.Map

// propertyRanges returns the code points of a regexpPropertyData key, complemented if negate.
func propertyRanges(key string, negate bool) []runeRange {
	cacheKey := key
	if negate {
		cacheKey = "!" + key
	}
	if v, ok := propertySets.Load(cacheKey); ok {
		return v.([]runeRange)
	}
	rs := decodeRanges(regexpPropertyData[key])
	if negate {
		rs = complementRanges(rs)
	}
	v, _ := propertySets.LoadOrStore(cacheKey, rs)
	return v.([]runeRange)
}

// decodeRanges reads the encoding gen-regexp-tables.js writes: alternating gaps (from the end
// of the previous range) and lengths, each a base-32 number whose last digit is one of
// "0-9a-v" and whose leading digits come from the second alphabet.
func decodeRanges(s string) []runeRange {
	const more = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*"
	var out []runeRange
	next := rune(0)
	var nums [2]rune
	n := 0
	var acc rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		if d := strings.IndexByte(more, c); d >= 0 {
			acc = acc*32 + rune(d)
			continue
		}
		var d rune
		if c <= '9' {
			d = rune(c - '0')
		} else {
			d = rune(c-'a') + 10
		}
		nums[n] = acc*32 + d
		acc = 0
		n++
		if n == 2 {
			lo := next + nums[0]
			hi := lo + nums[1]
			out = append(out, runeRange{lo, hi})
			next = hi + 1
			n = 0
		}
	}
	return out
}

// complementRanges returns the code points (up to U+10FFFF) that sorted ranges rs leave out.
func complementRanges(rs []runeRange) []runeRange {
	out := make([]runeRange, 0, len(rs)+1)
	next := rune(0)
	for _, r := range rs {
		if r.lo > next {
			out = append(out, runeRange{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= maxCodePoint {
		out = append(out, runeRange{next, maxCodePoint})
	}
	return out
}

// resolveProperty returns the regexpPropertyData key of what \p{body} names, or "" when V8
// rejects the name. Names are case-sensitive and take no spaces, as in V8.
func resolveProperty(body string) string {
	name, value, hasValue := strings.Cut(body, "=")
	if !hasValue {
		return regexpLoneNames[body]
	}
	switch name {
	case "General_Category", "gc":
		return regexpGeneralCategories[value]
	case "Script", "sc":
		if s, ok := regexpScripts[value]; ok {
			return "sc:" + s
		}
	case "Script_Extensions", "scx":
		if s, ok := regexpScripts[value]; ok {
			return "scx:" + s
		}
	}
	return ""
}

// regexpTranslation is what a pattern and flags become for goja.
type regexpTranslation struct {
	pattern    string // what goja compiles: property escapes spelled out as classes
	flags      string // the flags goja compiles with: d is implemented here, not by goja
	hasIndices bool
	unicode    bool
	// err is V8's SyntaxError message when the pattern or flags are invalid.
	err string
	// display is the pattern as written and its flags as V8 shows them in error messages.
	display string

	once    sync.Once
	indices *regexp2.Regexp // reports group positions for exec results (d flag)

	uses     atomic.Int32 // constructions, counted to build prog only for a reused pattern
	progOnce sync.Once
	prog     *goja.Program // the translation as a regex literal, compiled once (see literal)
}

// literal returns a program whose value is a new regexp of the translation, or nil if goja
// rejects it. goja compiles a literal's pattern once, with the program, and every runtime that
// runs the program shares it: big property classes cost hundreds of microseconds to compile
// (milliseconds with the i flag), which this pays once per process instead of once per
// instance. Compiling the program costs about twice a plain compilation, so it is only built
// for a pattern constructed a second time (instances cache their own repeats as templates, so
// that is mostly another instance).
func (t *regexpTranslation) literal() *goja.Program {
	t.progOnce.Do(func() {
		body := t.pattern
		if body == "" {
			body = "(?:)"
		}
		src := "(/" + escapeRegExpSource(asGojaString(body)).String() + "/" + t.flags + ")"
		if prog, err := goja.Compile("regexp", src, false); err == nil {
			t.prog = prog
		}
	})
	return t.prog
}

// regexpFlagOrder is the order V8 writes flags in.
const regexpFlagOrder = "dgimsuvy"

var (
	// regexpTranslations caches translations process-wide by flags + "/" + pattern: the
	// lowered form of a literal runs every time the literal is evaluated.
	regexpTranslations sync.Map
	// regexpTranslationCount bounds the cache against plugins building patterns from data.
	regexpTranslationCount atomic.Int64
)

// maxRegexpTranslations is how many translations the cache keeps; later ones are still
// translated, just not kept. An entry with a program holds a few tens of kilobytes.
const maxRegexpTranslations = 1024

// needsTranslation reports whether goja cannot run pattern with flags as they are: the d flag,
// or a possible property escape under the u flag.
func needsTranslation(pattern, flags string) bool {
	if strings.IndexByte(flags, 'd') >= 0 {
		return true
	}
	if strings.IndexByte(flags, 'u') < 0 {
		return false
	}
	return strings.Contains(pattern, `\p`) || strings.Contains(pattern, `\P`)
}

// translateRegExp returns the translation of pattern and flags, from the cache when it can.
// It returns nil when goja can compile them as they are, including the flags it rejects
// anyway (v).
func translateRegExp(pattern, flags string) *regexpTranslation {
	if !needsTranslation(pattern, flags) || strings.IndexByte(flags, 'v') >= 0 {
		return nil
	}
	key := flags + "/" + pattern
	if v, ok := regexpTranslations.Load(key); ok {
		return v.(*regexpTranslation)
	}
	t := newRegExpTranslation(pattern, flags)
	if regexpTranslationCount.Load() < maxRegexpTranslations {
		if v, loaded := regexpTranslations.LoadOrStore(key, t); loaded {
			return v.(*regexpTranslation)
		}
		regexpTranslationCount.Add(1)
	}
	return t
}

func newRegExpTranslation(pattern, flags string) *regexpTranslation {
	t := &regexpTranslation{}
	var seen [len(regexpFlagOrder)]bool
	for i := 0; i < len(flags); i++ {
		k := strings.IndexByte(regexpFlagOrder, flags[i])
		if k < 0 || seen[k] {
			t.err = "Invalid flags supplied to RegExp constructor '" + flags + "'"
			return t
		}
		seen[k] = true
	}
	var canonical, compiled strings.Builder
	for k, on := range seen {
		if on {
			c := regexpFlagOrder[k]
			canonical.WriteByte(c)
			if c != 'd' {
				compiled.WriteByte(c)
			}
		}
	}
	t.flags = compiled.String()
	t.display = "/" + pattern + "/" + canonical.String()
	t.hasIndices = seen[0]
	t.unicode = strings.IndexByte(flags, 'u') >= 0
	t.pattern = pattern
	if t.unicode {
		p, reason := translateUnicodePattern(pattern)
		if reason != "" {
			t.err = "Invalid regular expression: " + t.display + ": " + reason
			return t
		}
		t.pattern = p
	}
	return t
}

// translateUnicodePattern spells out the property escapes of a u-flag pattern as character
// classes. Everything else is copied as written for goja to compile (and reject, if it is
// invalid). reason is V8's message when a property escape is invalid.
func translateUnicodePattern(p string) (out string, reason string) {
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); {
		switch p[i] {
		case '\\':
			if i+1 < len(p) && (p[i+1] == 'p' || p[i+1] == 'P') {
				rs, next, ok := parsePropertyEscape(p, i)
				if !ok {
					return "", "Invalid property name"
				}
				writeRangesClass(&b, rs, false)
				i = next
				continue
			}
			n := 1
			if i+1 < len(p) {
				_, w := utf8.DecodeRuneInString(p[i+1:])
				n += w
			}
			b.WriteString(p[i : i+n])
			i += n
		case '[':
			next, reason := translateClass(&b, p, i)
			if reason != "" {
				return "", reason
			}
			i = next
		default:
			b.WriteByte(p[i])
			i++
		}
	}
	return b.String(), ""
}

// parsePropertyEscape reads the \p{...} or \P{...} at p[i:] and returns its code points and
// the offset after it; ok is false for a missing brace or a name V8 does not know.
func parsePropertyEscape(p string, i int) (rs []runeRange, next int, ok bool) {
	if i+2 >= len(p) || p[i+2] != '{' {
		return nil, 0, false
	}
	end := strings.IndexByte(p[i+3:], '}')
	if end < 0 {
		return nil, 0, false
	}
	key := resolveProperty(p[i+3 : i+3+end])
	if key == "" {
		return nil, 0, false
	}
	return propertyRanges(key, p[i+1] == 'P'), i + 3 + end + 1, true
}

// classAtom is one element of a character class: a character, a set (a class escape such as
// \d or \p{L}) or a dash, which may join its neighbours into a range.
type classAtom struct {
	kind   classAtomKind
	text   string      // as written (characters and \d-style escapes)
	ranges []runeRange // property escapes
}

type classAtomKind uint8

const (
	atomChar classAtomKind = iota
	atomSet
	atomProperty
	atomDash
)

// translateClass translates the class starting at p[i] == '[' into b and returns the offset
// after it. A class without property escapes is copied as written.
func translateClass(b *strings.Builder, p string, i int) (next int, reason string) {
	j := i + 1
	negated := j < len(p) && p[j] == '^'
	if negated {
		j++
	}
	var atoms []classAtom
	hasProperty := false
	for {
		if j >= len(p) {
			// Unterminated: goja reports it.
			b.WriteString(p[i:])
			return len(p), ""
		}
		c := p[j]
		if c == ']' {
			break
		}
		switch {
		case c == '\\' && j+1 < len(p) && (p[j+1] == 'p' || p[j+1] == 'P'):
			rs, n, ok := parsePropertyEscape(p, j)
			if !ok {
				return 0, "Invalid property name in character class"
			}
			atoms = append(atoms, classAtom{kind: atomProperty, ranges: rs})
			hasProperty = true
			j = n
		case c == '\\':
			n := classEscapeLen(p, j)
			kind := atomChar
			if j+1 < len(p) && strings.IndexByte("dDsSwW", p[j+1]) >= 0 {
				kind = atomSet
			}
			atoms = append(atoms, classAtom{kind: kind, text: p[j : j+n]})
			j += n
		case c == '-':
			atoms = append(atoms, classAtom{kind: atomDash, text: "-"})
			j++
		default:
			_, w := utf8.DecodeRuneInString(p[j:])
			atoms = append(atoms, classAtom{kind: atomChar, text: p[j : j+w]})
			j += w
		}
	}
	end := j + 1
	if !hasProperty {
		b.WriteString(p[i:end])
		return end, ""
	}
	// Under the u flag a class escape cannot be a range's end (V8: "Invalid character class").
	for k := 0; k < len(atoms); {
		if k+2 < len(atoms) && atoms[k+1].kind == atomDash {
			if isSetAtom(atoms[k]) || isSetAtom(atoms[k+2]) {
				return 0, "Invalid character class"
			}
			k += 3
		} else {
			k++
		}
	}
	var content strings.Builder
	for k := 0; k < len(atoms); k++ {
		if k+2 < len(atoms) && atoms[k+1].kind == atomDash {
			content.WriteString(classAtomText(atoms[k]))
			content.WriteByte('-')
			content.WriteString(classAtomText(atoms[k+2]))
			k += 2
			continue
		}
		if atoms[k].kind == atomProperty {
			writeRanges(&content, atoms[k].ranges)
		} else {
			content.WriteString(classAtomText(atoms[k]))
		}
	}
	if content.Len() == 0 {
		// Only empty sets: goja's "[]" would still match code points above U+1FFFF.
		writeRangesClass(b, nil, negated)
		return end, ""
	}
	b.WriteByte('[')
	if negated {
		b.WriteByte('^')
	}
	b.WriteString(content.String())
	b.WriteByte(']')
	return end, ""
}

func isSetAtom(a classAtom) bool { return a.kind == atomSet || a.kind == atomProperty }

// classAtomText is an atom as written, with a dash escaped so that it cannot join the
// property ranges written next to it into a new range.
func classAtomText(a classAtom) string {
	if a.kind == atomDash {
		return `\-`
	}
	return a.text
}

// classEscapeLen returns the length of the escape at p[j] == '\\' inside a class: \uXXXX
// (with a following trailing surrogate escape, which u-mode reads as one character),
// \u{...}, \xXX, \cX, or a backslash and one character.
func classEscapeLen(p string, j int) int {
	if j+1 >= len(p) {
		return 1
	}
	hexRun := func(from, max int) int {
		n := 0
		for from+n < len(p) && n < max && isHexDigit(p[from+n]) {
			n++
		}
		return n
	}
	switch p[j+1] {
	case 'u':
		if j+2 < len(p) && p[j+2] == '{' {
			if end := strings.IndexByte(p[j+3:], '}'); end >= 0 {
				return 3 + end + 1
			}
			return 2
		}
		if hexRun(j+2, 4) != 4 {
			return 2
		}
		n := 6
		if lead, _ := strconv.ParseUint(p[j+2:j+6], 16, 16); utf16.IsSurrogate(rune(lead)) && lead < 0xDC00 &&
			j+12 <= len(p) && p[j+6] == '\\' && p[j+7] == 'u' && hexRun(j+8, 4) == 4 {
			if trail, _ := strconv.ParseUint(p[j+8:j+12], 16, 16); trail >= 0xDC00 && trail <= 0xDFFF {
				n = 12
			}
		}
		return n
	case 'x':
		return 2 + hexRun(j+2, 2)
	case 'c':
		if j+2 < len(p) && (p[j+2]|0x20 >= 'a' && p[j+2]|0x20 <= 'z') {
			return 3
		}
		return 2
	}
	_, w := utf8.DecodeRuneInString(p[j+1:])
	return 1 + w
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f'
}

// writeRangesClass writes rs as a class (or its complement when negated); an empty set is a
// class no code point matches.
func writeRangesClass(b *strings.Builder, rs []runeRange, negated bool) {
	if len(rs) == 0 {
		if negated {
			b.WriteString(`[\x00-\u{10FFFF}]`)
		} else {
			b.WriteString(`[^\x00-\u{10FFFF}]`)
		}
		return
	}
	b.WriteByte('[')
	if negated {
		b.WriteByte('^')
	}
	writeRanges(b, rs)
	b.WriteByte(']')
}

// writeRanges writes ranges as class contents.
func writeRanges(b *strings.Builder, rs []runeRange) {
	for _, r := range rs {
		writeClassChar(b, r.lo)
		if r.hi > r.lo {
			if r.hi > r.lo+1 {
				b.WriteByte('-')
			}
			writeClassChar(b, r.hi)
		}
	}
}

// writeClassChar writes one code point of a class: letters and digits as themselves, other
// ASCII and surrogates escaped, everything else as the character (shorter than an escape and
// read the same by both of goja's regexp engines).
func writeClassChar(b *strings.Builder, c rune) {
	const hex = "0123456789ABCDEF"
	switch {
	case c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		b.WriteByte(byte(c))
	case c < utf8.RuneSelf:
		b.WriteString(`\x`)
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xF])
	case utf16.IsSurrogate(c):
		b.WriteString(`\u`)
		b.WriteByte(hex[c>>12])
		b.WriteByte(hex[c>>8&0xF])
		b.WriteByte(hex[c>>4&0xF])
		b.WriteByte(hex[c&0xF])
	default:
		b.WriteRune(c)
	}
}

// regexpHooks is an instance's patched RegExp: the native behaviour it wraps and the shared
// exec that d-flag regexps carry.
type regexpHooks struct {
	in          *Instance
	ctor        *goja.Object
	proto       *goja.Object
	nativeNew   func(args []goja.Value, newTarget *goja.Object) *goja.Object
	nativeExec  goja.Callable
	indicesExec *goja.Object // the own exec of every d-flag regexp, which also marks them
	// templates holds a compiled regexp per flags + "/" + pattern constructed from strings:
	// goja compiles on every construction, and literals esbuild turned into new RegExp calls
	// run again each time they are evaluated. A hit is a copy sharing the compiled pattern.
	templates map[string]regexpTemplate
}

// regexpTemplate is a cached compiled regexp, never handed to plugin code.
type regexpTemplate struct {
	re      *goja.Object
	indices bool
}

// maxRegexpTemplates bounds an instance's template cache; it starts over when full.
const maxRegexpTemplates = 256

// regexpPatchError reports that goja's RegExp constructor does not look as patchRegExp expects.
type regexpPatchError string

func (e regexpPatchError) Error() string { return "vm: cannot patch RegExp: " + string(e) }

var (
	nativeCallType = reflect.TypeOf((func(goja.FunctionCall) goja.Value)(nil))
	nativeNewType  = reflect.TypeOf((func([]goja.Value, *goja.Object) *goja.Object)(nil))
	gojaStringType = reflect.TypeOf((*goja.String)(nil)).Elem()
)

// gojaImpl returns the struct behind o's implementation (goja's *Object.self), for reading.
func gojaImpl(o *goja.Object) (reflect.Value, bool) {
	self := reflect.ValueOf(o).Elem().FieldByName("self")
	if !self.IsValid() || self.Kind() != reflect.Interface || self.IsNil() {
		return reflect.Value{}, false
	}
	impl := self.Elem()
	if impl.Kind() != reflect.Pointer || impl.IsNil() || impl.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	return impl.Elem(), true
}

// gojaField returns the unexported field name of the struct behind o's implementation
// (goja's *Object.self), settable. goja keeps a regexp's source and a native function's call
// and construct behaviour there and exports no way to reach them.
func gojaField(o *goja.Object, name string, typ reflect.Type) (reflect.Value, bool) {
	impl, ok := gojaImpl(o)
	if !ok {
		return reflect.Value{}, false
	}
	return settableField(impl, name, typ)
}

// settableField returns the field name, of type typ, of the addressable struct s, settable
// even if unexported.
func settableField(s reflect.Value, name string, typ reflect.Type) (reflect.Value, bool) {
	f := s.FieldByName(name)
	if !f.IsValid() || f.Type() != typ || !f.CanAddr() {
		return reflect.Value{}, false
	}
	return reflect.NewAt(typ, unsafe.Pointer(f.UnsafeAddr())).Elem(), true
}

// patchRegExp makes ctor, the instance's native RegExp, translate patterns and implement the
// d flag, and installs V8's source, flags, hasIndices and toString on its prototype.
func (in *Instance) patchRegExp(ctor *goja.Object) error {
	callField, ok1 := gojaField(ctor, "f", nativeCallType)
	newField, ok2 := gojaField(ctor, "construct", nativeNewType)
	if !ok1 || !ok2 || callField.IsNil() || newField.IsNil() {
		return regexpPatchError("not goja's native constructor")
	}
	proto, ok := ctor.Get("prototype").(*goja.Object)
	if !ok {
		return regexpPatchError("no prototype")
	}
	exec, ok := goja.AssertFunction(proto.Get("exec"))
	if !ok {
		return regexpPatchError("no exec")
	}
	h := &regexpHooks{
		in:         in,
		ctor:       ctor,
		proto:      proto,
		nativeNew:  newField.Interface().(func([]goja.Value, *goja.Object) *goja.Object),
		nativeExec: exec,
	}
	h.indicesExec = h.method("exec", 1, h.execWithIndices)
	callField.Set(reflect.ValueOf(h.call))
	newField.Set(reflect.ValueOf(h.construct))

	h.defineGetter("source", h.source)
	h.defineGetter("flags", h.flags)
	h.defineGetter("hasIndices", h.hasIndices)
	_ = proto.DefineDataProperty("toString", h.method("toString", 0, h.toString), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return nil
}

// method makes a built-in function with V8's name and length.
func (h *regexpHooks) method(name string, length int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	f := h.in.rt.ToValue(fn).(*goja.Object)
	_ = f.DefineDataProperty("name", h.in.rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", h.in.rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

// defineGetter defines a configurable, non-enumerable accessor on RegExp.prototype.
func (h *regexpHooks) defineGetter(name string, fn func(goja.FunctionCall) goja.Value) {
	_ = h.proto.DefineAccessorProperty(name, h.method("get "+name, 0, fn), nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// isRegExp is the spec's IsRegExp: Symbol.match decides, else being a RegExp.
func isRegExp(o *goja.Object) bool {
	if m := o.GetSymbol(goja.SymMatch); m != nil && !goja.IsUndefined(m) {
		return m.ToBoolean()
	}
	return o.ClassName() == "RegExp"
}

// rawSource returns a regexp's source as goja stores it (unescaped).
func rawSource(o *goja.Object) (goja.String, bool) {
	f, ok := gojaField(o, "source", gojaStringType)
	if !ok || f.IsNil() {
		return nil, false
	}
	return f.Interface().(goja.String), true
}

// setRawSource makes o's source the pattern as written rather than its translation.
func setRawSource(o *goja.Object, s goja.String) {
	if f, ok := gojaField(o, "source", gojaStringType); ok {
		f.Set(reflect.ValueOf(&s).Elem())
	}
}

// patternString converts a pattern to Go text as goja does before compiling: lone surrogates,
// which UTF-8 cannot hold, become \uXXXX escapes.
func patternString(s goja.String) string {
	str := s.String()
	if !strings.ContainsRune(str, utf8.RuneError) {
		return str
	}
	var b strings.Builder
	n := s.Length()
	for i := 0; i < n; i++ {
		c := rune(s.CharAt(i))
		if utf16.IsSurrogate(c) {
			if c < 0xDC00 && i+1 < n {
				if d := rune(s.CharAt(i + 1)); d >= 0xDC00 && d <= 0xDFFF {
					b.WriteRune(utf16.DecodeRune(c, d))
					i++
					continue
				}
			}
			b.WriteString(`\u`)
			b.WriteString(strconv.FormatInt(int64(c), 16))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// call is RegExp called as a function.
func (h *regexpHooks) call(call goja.FunctionCall) goja.Value {
	pattern, flags := call.Argument(0), call.Argument(1)
	if o, ok := pattern.(*goja.Object); ok && goja.IsUndefined(flags) && isRegExp(o) {
		// RegExp(re) is re itself when re.constructor is RegExp; otherwise a copy.
		if c, ok := o.Get("constructor").(*goja.Object); ok && c == h.ctor {
			return o
		}
	}
	return h.construct(call.Arguments, nil)
}

// construct is new RegExp(pattern, flags). Patterns and flags given as strings to RegExp
// itself are served from the template cache.
func (h *regexpHooks) construct(args []goja.Value, newTarget *goja.Object) *goja.Object {
	var patternVal, flagsVal goja.Value = goja.Undefined(), goja.Undefined()
	if len(args) > 0 {
		patternVal = args[0]
	}
	if len(args) > 1 {
		flagsVal = args[1]
	}
	if newTarget != nil && newTarget != h.ctor {
		return h.build(patternVal, flagsVal, newTarget)
	}
	pattern, ok1 := patternVal.(goja.String)
	flags, ok2 := flagsVal.(goja.String)
	if !ok1 || !ok2 && !goja.IsUndefined(flagsVal) {
		return h.build(patternVal, flagsVal, newTarget)
	}
	key := pattern.String()
	if strings.ContainsRune(key, utf8.RuneError) {
		// Lone surrogates all read as U+FFFD in Go text: not a key.
		return h.build(patternVal, flagsVal, newTarget)
	}
	if ok2 {
		key = flags.String() + "/" + key
	} else {
		key = "/" + key
	}
	if t, ok := h.templates[key]; ok {
		return h.copyOf(t.re, t.indices, nil)
	}
	re := h.build(patternVal, flagsVal, newTarget)
	if h.templates == nil || len(h.templates) >= maxRegexpTemplates {
		h.templates = map[string]regexpTemplate{}
	}
	indices := h.isIndices(re)
	h.templates[key] = regexpTemplate{re: h.copyOf(re, false, nil), indices: indices}
	return re
}

// copyOf returns a new regexp sharing re's compiled pattern and source.
func (h *regexpHooks) copyOf(re *goja.Object, indices bool, newTarget *goja.Object) *goja.Object {
	c := h.nativeNew([]goja.Value{re}, newTarget)
	if indices {
		h.markIndices(c)
	}
	return c
}

// build reads the constructor's arguments as the spec does, once, and hands goja either the
// arguments themselves (nothing to translate) or the translation.
func (h *regexpHooks) build(patternVal, flagsVal goja.Value, newTarget *goja.Object) *goja.Object {
	rt := h.in.rt
	var pattern goja.String
	var flags string
	switch p := patternVal.(type) {
	case *goja.Object:
		if !isRegExp(p) {
			pattern = h.in.toString(p)
			break
		}
		if src, ok := rawSource(p); ok {
			if goja.IsUndefined(flagsVal) {
				// goja copies the compiled regexp; only the d flag's mark is left to copy.
				return h.copyOf(p, h.isIndices(p), newTarget)
			}
			pattern = src
			break
		}
		pattern = h.in.toString(p.Get("source"))
		if goja.IsUndefined(flagsVal) {
			flagsVal = h.in.toString(p.Get("flags"))
		}
	default:
		if goja.IsUndefined(p) {
			pattern = rt.ToValue("").(goja.String)
		} else {
			pattern = h.in.toString(p)
		}
	}
	if !goja.IsUndefined(flagsVal) {
		fs := h.in.toString(flagsVal)
		flags = fs.String()
		flagsVal = fs
	}
	var t *regexpTranslation
	if strings.ContainsAny(flags, "du") && needsTranslation(pattern.String(), flags) {
		t = translateRegExp(patternString(pattern), flags)
	}
	if t == nil {
		return h.nativeNew([]goja.Value{pattern, flagsVal}, newTarget)
	}
	if t.err != "" {
		panic(h.in.newError("SyntaxError", t.err))
	}
	var re *goja.Object
	if (newTarget == nil || newTarget == h.ctor) && t.uses.Add(1) > 1 {
		if prog := t.literal(); prog != nil {
			if v, err := rt.RunProgram(prog); err == nil {
				re, _ = v.(*goja.Object)
			}
		}
	}
	if re == nil {
		re = h.compile(t, newTarget)
	}
	setRawSource(re, pattern)
	if t.hasIndices {
		h.markIndices(re)
	}
	return re
}

// compile has goja compile a translation. goja's messages for patterns it rejects quote the
// translation, whose classes run to kilobytes: they become V8's, naming the pattern as written.
func (h *regexpHooks) compile(t *regexpTranslation, newTarget *goja.Object) *goja.Object {
	defer func() {
		if x := recover(); x != nil {
			if o, ok := x.(*goja.Object); ok && o.Get("name") != nil && o.Get("name").String() == "SyntaxError" {
				panic(h.in.newError("SyntaxError", "Invalid regular expression: "+t.display+": "+v8RegExpReason(o.Get("message").String())))
			}
			panic(x)
		}
	}()
	return h.nativeNew([]goja.Value{h.in.rt.ToValue(t.pattern), h.in.rt.ToValue(t.flags)}, newTarget)
}

// regexpReasons maps what goja's pattern parser, Go's regexp and regexp2 say about an invalid
// pattern to V8's words.
var regexpReasons = []struct{ goja, v8 string }{
	{"nested repetition operator", "Nothing to repeat"},
	{"missing argument to repetition operator", "Nothing to repeat"},
	{"invalid repeat count", "numbers out of order in {} quantifier"},
	{"invalid character class range", "Range out of order in character class"},
	{"range in reverse order", "Range out of order in character class"},
	{"trailing backslash", `\ at end of pattern`},
	{`illegal \ at end of pattern`, `\ at end of pattern`},
	{"Unmatched ')'", "Unmatched ')'"},
	{"unexpected )", "Unmatched ')'"},
	{"Unterminated group", "Unterminated group"},
	{"missing closing )", "Unterminated group"},
	{"Unterminated character class", "Unterminated character class"},
	{"unterminated [] set", "Unterminated character class"},
	{"missing closing ]", "Unterminated character class"},
	{"Invalid group", "Invalid group"},
	{"unrecognized grouping construct", "Invalid group"},
	{"duplicate capture group name", "Duplicate capture group name"},
	{"invalid capture group name", "Invalid capture group name"},
	{"invalid group name", "Invalid capture group name"},
	{"reference to undefined group name", "Invalid named capture referenced"},
	{`malformed \k<`, "Invalid named reference"},
	{"Invalid Unicode escape", "Invalid Unicode escape"},
	{"Invalid control escape", "Invalid Unicode escape"},
	{"hex values may not be larger", "Invalid Unicode escape"},
	{"insufficient hexadecimal digits", "Invalid Unicode escape"},
	{"invalid escape sequence: `\\x{", "Invalid Unicode escape"},
	{"invalid escape sequence", "Invalid escape"},
	{"unrecognized escape sequence", "Invalid escape"},
	{"reference to undefined group number", "Invalid escape"},
}

// v8RegExpReason turns goja's message about an invalid pattern into V8's reason.
func v8RegExpReason(msg string) string {
	detail := msg
	if i := strings.LastIndex(msg, "(error parsing regexp: "); i >= 0 {
		detail = msg[i+len("(error parsing regexp: "):]
	}
	for _, r := range regexpReasons {
		if strings.Contains(detail, r.goja) {
			return r.v8
		}
	}
	if i := strings.IndexAny(detail, ":`"); i > 0 {
		detail = detail[:i]
	}
	return strings.TrimSpace(strings.TrimSuffix(detail, " in"))
}

// markIndices gives a d-flag regexp its exec. An own exec also makes goja take the generic
// paths of match, replace, split and matchAll, which call exec as the spec says.
func (h *regexpHooks) markIndices(re *goja.Object) {
	_ = re.DefineDataProperty("exec", h.indicesExec, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// isIndices reports whether o is a regexp made with the d flag.
func (h *regexpHooks) isIndices(o *goja.Object) bool {
	e, ok := o.Get("exec").(*goja.Object)
	return ok && e == h.indicesExec && o.ClassName() == "RegExp"
}

// compiledFlags returns the flags goja compiled o with, read from its native getters.
func (h *regexpHooks) compiledFlags(o *goja.Object) string {
	var b strings.Builder
	for _, f := range [...]struct {
		name string
		c    byte
	}{{"global", 'g'}, {"ignoreCase", 'i'}, {"multiline", 'm'}, {"dotAll", 's'}, {"unicode", 'u'}, {"sticky", 'y'}} {
		if v := o.Get(f.name); v != nil && v.ToBoolean() {
			b.WriteByte(f.c)
		}
	}
	return b.String()
}

// execWithIndices is the exec of d-flag regexps: goja's exec, plus indices.
func (h *regexpHooks) execWithIndices(call goja.FunctionCall) goja.Value {
	res, err := h.nativeExec(call.This, call.Arguments...)
	if err != nil {
		panic(err)
	}
	this, ok := call.This.(*goja.Object)
	if !ok || !h.isIndices(this) {
		return res
	}
	if m, ok := res.(*goja.Object); ok {
		h.addIndices(this, m)
	}
	return res
}

// addIndices sets m.indices for the match m of the d-flag regexp re: the same pattern is
// matched again, at the same place, by a matcher that reports group positions.
func (h *regexpHooks) addIndices(re, m *goja.Object) {
	rt := h.in.rt
	src, ok := rawSource(re)
	if !ok {
		return
	}
	t := translateRegExp(patternString(src), "d"+h.compiledFlags(re))
	if t == nil || t.err != "" {
		return
	}
	input, ok := m.Get("input").(goja.String)
	if !ok {
		return
	}
	index := int(m.Get("index").ToInteger())
	count := int(m.Get("length").ToInteger())
	matched := 0
	if s, ok := m.Get("0").(goja.String); ok {
		matched = s.Length()
	}

	// The text as goja's regexp2 path sees it: UTF-16 units, or code points under u, with
	// each rune's UTF-16 offset.
	n := input.Length()
	runes := make([]rune, 0, n)
	offsets := make([]int, 0, n+1)
	for i := 0; i < n; i++ {
		c := rune(input.CharAt(i))
		offsets = append(offsets, i)
		if t.unicode && c >= 0xD800 && c < 0xDC00 && i+1 < n {
			if d := rune(input.CharAt(i + 1)); d >= 0xDC00 && d <= 0xDFFF {
				runes = append(runes, utf16.DecodeRune(c, d))
				i++
				continue
			}
		}
		runes = append(runes, c)
	}
	offsets = append(offsets, n)
	start := 0
	for start < len(runes) && offsets[start] < index {
		start++
	}

	pairs := make([]goja.Value, count)
	for i := range pairs {
		pairs[i] = goja.Undefined()
	}
	pairs[0] = rt.NewArray(index, index+matched)
	var names []string
	var namePairs []goja.Value
	if rx := t.indicesMatcher(); rx != nil {
		if found, err := rx.FindRunesMatchStartingAt(runes, start); err == nil && found != nil &&
			found.RuneIndex == start && offsets[start+found.RuneLength]-index == matched {
			for i, g := range found.Groups() {
				if i >= count {
					break
				}
				var pair goja.Value = goja.Undefined()
				if len(g.Captures) > 0 {
					pair = rt.NewArray(offsets[g.RuneIndex], offsets[g.RuneIndex+g.RuneLength])
				}
				if i > 0 {
					pairs[i] = pair
				}
				if i > 0 && g.Name != "" && !isDecimal(g.Name) {
					names = append(names, g.Name)
					namePairs = append(namePairs, pair)
				}
			}
		}
	}
	indices := rt.NewArray(toInterfaces(pairs)...)
	var groups goja.Value = goja.Undefined()
	if len(names) > 0 {
		g := rt.NewObject()
		_ = g.SetPrototype(nil)
		for i, name := range names {
			_ = g.Set(name, namePairs[i])
		}
		groups = g
	}
	_ = indices.DefineDataProperty("groups", groups, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	_ = m.DefineDataProperty("indices", indices, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

func toInterfaces(vs []goja.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func isDecimal(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// indicesMatcher compiles, once, the regexp2 matcher goja itself would use for the
// translated pattern, which reports where each group matched.
func (t *regexpTranslation) indicesMatcher() *regexp2.Regexp {
	t.once.Do(func() {
		opts := regexp2.ECMAScript
		src := t.pattern
		if t.unicode {
			opts |= regexp2.Unicode
			src = joinSurrogateEscapes(src)
		} else {
			src = splitAstralChars(src)
		}
		if strings.IndexByte(t.flags, 'i') >= 0 {
			opts |= regexp2.IgnoreCase
		}
		if strings.IndexByte(t.flags, 'm') >= 0 {
			opts |= regexp2.Multiline
		}
		if strings.IndexByte(t.flags, 's') >= 0 {
			opts |= regexp2.Singleline
		}
		if rx, err := regexp2.Compile(src, opts); err == nil {
			t.indices = rx
		}
	})
	return t.indices
}

// joinSurrogateEscapes turns \uD83D\uDE00-style escape pairs into the character, as goja does
// for u-flag patterns (regexp2 matches code points there).
func joinSurrogateEscapes(p string) string {
	if !strings.Contains(p, `\u`) {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); {
		if p[i] == '\\' && i+12 <= len(p) && p[i+1] == 'u' && p[i+6] == '\\' && p[i+7] == 'u' {
			hi, err1 := strconv.ParseUint(p[i+2:i+6], 16, 16)
			lo, err2 := strconv.ParseUint(p[i+8:i+12], 16, 16)
			if err1 == nil && err2 == nil && hi >= 0xD800 && hi < 0xDC00 && lo >= 0xDC00 && lo <= 0xDFFF {
				b.WriteRune(utf16.DecodeRune(rune(hi), rune(lo)))
				i += 12
				continue
			}
		}
		if p[i] == '\\' && i+1 < len(p) {
			b.WriteString(p[i : i+2])
			i += 2
			continue
		}
		b.WriteByte(p[i])
		i++
	}
	return b.String()
}

// splitAstralChars writes characters above U+FFFF as surrogate escape pairs, as goja does for
// patterns without the u flag (regexp2 matches UTF-16 units there).
func splitAstralChars(p string) string {
	var b strings.Builder
	last := 0
	for i, r := range p {
		if r > 0xFFFF {
			b.WriteString(p[last:i])
			hi, lo := utf16.EncodeRune(r)
			b.WriteString(`\u` + strconv.FormatInt(int64(hi), 16) + `\u` + strconv.FormatInt(int64(lo), 16))
			last = i + utf8.RuneLen(r)
		}
	}
	if last == 0 {
		return p
	}
	b.WriteString(p[last:])
	return b.String()
}

// hasIndices is the RegExp.prototype.hasIndices getter.
func (h *regexpHooks) hasIndices(call goja.FunctionCall) goja.Value {
	o, ok := call.This.(*goja.Object)
	if ok && o.ClassName() == "RegExp" {
		return h.in.rt.ToValue(h.isIndices(o))
	}
	if ok && o == h.proto {
		return goja.Undefined()
	}
	panic(h.in.newError("TypeError", "RegExp.prototype.hasIndices getter called on non-RegExp object"))
}

// flags is the RegExp.prototype.flags getter: it reads each flag's property, as the spec says.
func (h *regexpHooks) flags(call goja.FunctionCall) goja.Value {
	o, ok := call.This.(*goja.Object)
	if !ok {
		panic(h.in.newError("TypeError", "RegExp.prototype.flags getter called on non-object "+h.in.toString(call.This).String()))
	}
	var b strings.Builder
	for _, f := range [...]struct {
		name string
		c    byte
	}{{"hasIndices", 'd'}, {"global", 'g'}, {"ignoreCase", 'i'}, {"multiline", 'm'}, {"dotAll", 's'}, {"unicode", 'u'}, {"unicodeSets", 'v'}, {"sticky", 'y'}} {
		if v := o.Get(f.name); v != nil && v.ToBoolean() {
			b.WriteByte(f.c)
		}
	}
	return h.in.rt.ToValue(b.String())
}

// source is the RegExp.prototype.source getter, escaped as V8 does it: / outside a class as
// \/, line terminators as escapes, and an empty pattern as (?:).
func (h *regexpHooks) source(call goja.FunctionCall) goja.Value {
	o, ok := call.This.(*goja.Object)
	if ok {
		if src, ok := rawSource(o); ok {
			return h.in.rt.ToValue(escapeRegExpSource(src))
		}
		if o == h.proto {
			return h.in.rt.ToValue("(?:)")
		}
	}
	panic(h.in.newError("TypeError", "RegExp.prototype.source getter called on non-RegExp object"))
}

// escapeRegExpSource is V8's EscapeRegExpSource.
func escapeRegExpSource(src goja.String) goja.String {
	n := src.Length()
	if n == 0 {
		return asGojaString("(?:)")
	}
	var out []uint16
	inClass := false
	escape := func(i int, with string) {
		if out == nil {
			out = make([]uint16, 0, n+8)
			for k := 0; k < i; k++ {
				out = append(out, src.CharAt(k))
			}
		}
		for k := 0; k < len(with); k++ {
			out = append(out, uint16(with[k]))
		}
	}
	for i := 0; i < n; i++ {
		c := src.CharAt(i)
		switch {
		case c == '\\' && i+1 < n:
			// An escaped character stays; an escaped line terminator is written as its escape.
			next := src.CharAt(i + 1)
			if repl := lineTerminatorEscape(next); repl != "" {
				escape(i, repl)
			} else if out != nil {
				out = append(out, c, next)
			}
			i++
			continue
		case c == '/' && !inClass:
			escape(i, `\/`)
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		default:
			if repl := lineTerminatorEscape(c); repl != "" {
				escape(i, repl)
				continue
			}
		}
		if out != nil {
			out = append(out, c)
		}
	}
	if out == nil {
		return src
	}
	return goja.StringFromUTF16(out)
}

func lineTerminatorEscape(c uint16) string {
	switch c {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case 0x2028:
		return `\u2028`
	case 0x2029:
		return `\u2029`
	}
	return ""
}

func asGojaString(s string) goja.String {
	return goja.StringFromUTF16(utf16.Encode([]rune(s)))
}

// toString is RegExp.prototype.toString: "/" + source + "/" + flags, read as properties.
func (h *regexpHooks) toString(call goja.FunctionCall) goja.Value {
	o, ok := call.This.(*goja.Object)
	if !ok {
		panic(h.in.newError("TypeError", "Method RegExp.prototype.toString called on incompatible receiver "+h.in.toString(call.This).String()))
	}
	src := h.in.toString(o.Get("source"))
	flags := h.in.toString(o.Get("flags"))
	slash := asGojaString("/")
	return slash.Concat(src).Concat(slash).Concat(flags)
}
