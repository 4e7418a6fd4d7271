package vm

import (
	"reflect"
	"strings"

	"github.com/dop251/goja"
)

// Plugins classify user agents and URLs with lists of plain words: bots.some((re) =>
// re.test(ua)) over /googlebot/i, /bingbot/i, /curl\//i ... goja's test runs the general
// matcher, which for a case-insensitive pattern tries every position of the input with full
// capture bookkeeping. For a regexp whose pattern is a plain ASCII literal, test is a
// substring search, which installRegexpTest does directly and gives the same answer as goja.
//
// The fast path is taken only when nothing can tell it apart: the receiver is a RegExp with a
// literal pattern, neither global nor sticky (lastIndex is then neither read for the start
// nor written), whose lastIndex is a number (goja reads it with ToLength, which would run an
// object's valueOf or throw for a Symbol), and the argument is a string of ASCII characters only (goja folds a few
// non-ASCII characters onto ASCII letters under the i flag). Everything else goes to goja's
// own test.

// regexpLiteral is a regexp pattern that matches one fixed ASCII string.
type regexpLiteral struct {
	text       string // lower-cased when fold is set
	fold       bool   // the i flag
	applicable bool   // false: not a literal, or flags that need goja's test
}

// maxRegexpLiterals bounds the cache of analysed regexps (regexps made in a loop would
// otherwise fill it); it starts over when full.
const maxRegexpLiterals = 256

// installRegexpTest replaces RegExp.prototype.test with the literal fast path.
func (in *Instance) installRegexpTest() {
	ctor, ok := in.rt.Get("RegExp").(*goja.Object)
	if !ok {
		return
	}
	proto, ok := ctor.Get("prototype").(*goja.Object)
	if !ok {
		return
	}
	native, ok := goja.AssertFunction(proto.Get("test"))
	if !ok {
		return
	}
	literals := map[*goja.Object]regexpLiteral{}
	// compile changes a regexp's pattern and flags in place: its analysis must go, once the
	// native compile has succeeded (converting the arguments may run plugin code, which could
	// test the regexp again before the change).
	if compile, ok := goja.AssertFunction(proto.Get("compile")); ok {
		in.setMethod(proto, "compile", 2, func(call goja.FunctionCall) goja.Value {
			v, err := compile(call.This, call.Arguments...)
			if err != nil {
				panic(err)
			}
			if re, ok := call.This.(*goja.Object); ok {
				delete(literals, re)
			}
			return v
		})
	}
	in.setMethod(proto, "test", 1, func(call goja.FunctionCall) goja.Value {
		if re, ok := call.This.(*goja.Object); ok {
			lit, seen := literals[re]
			if !seen {
				if len(literals) >= maxRegexpLiterals {
					clear(literals)
				}
				lit = analyseRegexp(re)
				literals[re] = lit
			}
			if lit.applicable {
				if s, ok := call.Argument(0).(goja.String); ok {
					// goja reads lastIndex with ToLength even here, which throws for a
					// Symbol or BigInt and runs an object's valueOf.
					if goja.IsNumber(re.Get("lastIndex")) {
						if text, ascii := asciiText(s); ascii {
							return in.rt.ToValue(lit.in(text))
						}
					}
				}
			}
		}
		v, err := native(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	})
}

// analyseRegexp reads re's pattern and flags from goja's regexp object.
func analyseRegexp(re *goja.Object) regexpLiteral {
	src, ok := rawSource(re)
	if !ok {
		return regexpLiteral{}
	}
	flags, ok := readRegexpFlags(re)
	if !ok || flags.global || flags.sticky || (flags.ignoreCase && flags.unicode) {
		return regexpLiteral{}
	}
	text, ok := literalPattern(src.String())
	if !ok {
		return regexpLiteral{}
	}
	if flags.ignoreCase {
		text = strings.ToLower(text)
	}
	return regexpLiteral{text: text, fold: flags.ignoreCase, applicable: true}
}

// regexpFlags are the flags of a regexp that decide whether its test can take the fast path.
type regexpFlags struct {
	global, ignoreCase, sticky, unicode bool
}

// readRegexpFlags reads the flags goja keeps on a regexp object's compiled pattern.
func readRegexpFlags(re *goja.Object) (regexpFlags, bool) {
	impl, ok := gojaImpl(re)
	if !ok {
		return regexpFlags{}, false
	}
	pattern := impl.FieldByName("pattern")
	if !pattern.IsValid() || pattern.Kind() != reflect.Pointer || pattern.IsNil() {
		return regexpFlags{}, false
	}
	p := pattern.Elem()
	var flags regexpFlags
	for _, field := range []struct {
		name string
		dst  *bool
	}{{"global", &flags.global}, {"ignoreCase", &flags.ignoreCase}, {"sticky", &flags.sticky}, {"unicode", &flags.unicode}} {
		f := p.FieldByName(field.name)
		if !f.IsValid() || f.Kind() != reflect.Bool {
			return regexpFlags{}, false
		}
		*field.dst = f.Bool()
	}
	return flags, true
}

// literalPattern returns the text a pattern matches when it is a plain ASCII literal: letters,
// digits, spaces and punctuation that is not a metacharacter, or a metacharacter escaped with
// a backslash.
func literalPattern(src string) (string, bool) {
	if src == "" {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c < 0x20 || c >= 0x7f:
			return "", false
		case c == '\\':
			i++
			if i == len(src) {
				return "", false
			}
			e := src[i]
			// Only escaped punctuation stands for itself; \d, \b, \1, \x41 ... do not.
			if e < 0x20 || e >= 0x7f || isAlnumByte(e) || e == ' ' {
				return "", false
			}
			b.WriteByte(e)
		case strings.IndexByte(`^$.|?*+()[]{}/`, c) >= 0:
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

func isAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// asciiText returns s as Go text when every character is ASCII.
func asciiText(s goja.String) (string, bool) {
	text := s.String()
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return "", false
		}
	}
	return text, true
}

// in reports whether the literal occurs in text, which is ASCII.
func (l regexpLiteral) in(text string) bool {
	if !l.fold {
		return strings.Contains(text, l.text)
	}
	n := len(l.text)
	first := l.text[0]
	upper := first
	if first >= 'a' && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	for i := 0; i+n <= len(text); i++ {
		if c := text[i]; c != first && c != upper {
			continue
		}
		if foldedEqual(text[i+1:i+n], l.text[1:]) {
			return true
		}
	}
	return false
}

// foldedEqual compares ASCII text with a lower-case literal, ignoring case.
func foldedEqual(text, lower string) bool {
	for j := 0; j < len(lower); j++ {
		c := text[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}
