package vm

import (
	"context"
	"encoding/json"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeRanges(t *testing.T) {
	assert.Equal(t, []runeRange{{'0', '9'}, {'A', 'F'}, {'a', 'f'}}, propertyRanges("b:ASCII_Hex_Digit", false))
	assert.Equal(t, []runeRange{{0, 0x7F}}, propertyRanges("b:ASCII", false))
	assert.Equal(t, []runeRange{{0x80, maxCodePoint}}, propertyRanges("b:ASCII", true))
	assert.Equal(t, []runeRange{{0, maxCodePoint}}, propertyRanges("b:Any", false))
	assert.Empty(t, propertyRanges("b:Any", true))
	assert.Equal(t, []runeRange{{0xD800, 0xDFFF}}, propertyRanges("gc:Cs", false))
	// Multi-digit gaps and lengths: the astral Egyptian hieroglyphs.
	assert.Contains(t, propertyRanges("sc:Egyptian_Hieroglyphs", false), runeRange{0x13000, 0x13455})
	assert.Equal(t, []runeRange{{0, 9}, {20, maxCodePoint}}, complementRanges([]runeRange{{10, 19}}))
	assert.Equal(t, []runeRange{{0, 9}}, complementRanges([]runeRange{{10, maxCodePoint}}))
}

func TestRegexpTablesAreSorted(t *testing.T) {
	for key := range regexpPropertyData {
		rs := propertyRanges(key, false)
		require.NotEmpty(t, rs, key)
		for i, r := range rs {
			require.LessOrEqual(t, r.lo, r.hi, key)
			require.LessOrEqual(t, r.hi, rune(maxCodePoint), key)
			if i > 0 {
				require.Greater(t, r.lo, rs[i-1].hi+1, "%s: ranges must be sorted and merged", key)
			}
		}
	}
	for _, names := range []map[string]string{regexpLoneNames, regexpGeneralCategories} {
		for name, key := range names {
			_, ok := regexpPropertyData[key]
			assert.True(t, ok, "%s -> %s", name, key)
		}
	}
	for name, long := range regexpScripts {
		_, sc := regexpPropertyData["sc:"+long]
		_, scx := regexpPropertyData["scx:"+long]
		assert.True(t, sc && scx, "%s -> %s", name, long)
	}
}

func TestResolveProperty(t *testing.T) {
	for body, key := range map[string]string{
		"L": "gc:L", "Letter": "gc:L", "gc=L": "gc:L", "General_Category=Letter": "gc:L",
		"punct": "gc:P", "digit": "gc:Nd", "Combining_Mark": "gc:M", "LC": "gc:LC",
		"Alpha": "b:Alphabetic", "space": "b:White_Space", "ExtPict": "b:Extended_Pictographic",
		"Script=Greek": "sc:Greek", "sc=Grek": "sc:Greek", "scx=Latn": "scx:Latin",
		"Script_Extensions=Zyyy": "scx:Common", "sc=Qaai": "sc:Inherited", "sc=Zzzz": "sc:Unknown",
	} {
		assert.Equal(t, key, resolveProperty(body), body)
	}
	for _, body := range []string{
		"", "Foo", "lu", " L", "L ", "Greek", "Letter=L", "gc=", "=L", "sc", "sc=latin", "Script=Foo",
		"General_Category=Lu=x", "Block=Basic_Latin", "InBasicLatin", "IsGreek", "Basic_Emoji",
		"RGI_Emoji", "Alphabetic=Yes", "sc=Alpha", "gc=Alpha",
	} {
		assert.Empty(t, resolveProperty(body), body)
	}
}

func TestTranslateRegExp(t *testing.T) {
	cases := []struct{ pattern, flags, want string }{
		{`\p{AHex}+`, "u", `[0-9A-Fa-f]+`},
		{`\P{ASCII}`, "u", "[\u0080-\U0010FFFF]"},
		{`[\p{AHex}_]`, "u", `[0-9A-Fa-f_]`},
		{`[^\p{AHex}\s]`, "gu", `[^0-9A-Fa-f\s]`},
		{`[\p{AHex}-]`, "u", `[0-9A-Fa-f\-]`},
		{`[-\p{AHex}]`, "u", `[\-0-9A-Fa-f]`},
		{`[a-c-\p{AHex}]`, "u", `[a-c\-0-9A-Fa-f]`},
		{`[--\p{AHex}x]`, "u", ""}, // a range ending in a class escape
		{`[\u{41}-\u{5A}\p{AHex}]`, "u", `[\u{41}-\u{5A}0-9A-Fa-f]`},
		{`[\uD83D\uDE00-\uD83D\uDE4F\p{AHex}]`, "u", `[\uD83D\uDE00-\uD83D\uDE4F0-9A-Fa-f]`},
		{`[\x41-\x5A\cJ\p{AHex}]`, "u", `[\x41-\x5A\cJ0-9A-Fa-f]`},
		{`\p{Cs}`, "u", `[\uD800-\uDFFF]`},
		{`\P{Any}`, "u", `[^\x00-\u{10FFFF}]`},
		{`[\P{Any}]`, "u", `[^\x00-\u{10FFFF}]`},
		{`[^\P{Any}]`, "u", `[\x00-\u{10FFFF}]`},
		{`\\p{L}`, "u", `\\p{L}`},
		{`[\\]\p{AHex}`, "u", `[\\][0-9A-Fa-f]`},
		{`\p{RI}`, "u", "[\U0001F1E6-\U0001F1FF]"},
		{`\p{L}`, "", ""}, // nothing to translate without u
		{`a`, "dg", `a`},
		{`[\p{AHex}`, "u", `[\p{AHex}`}, // unterminated: goja reports it
	}
	for _, c := range cases {
		tr := translateRegExp(c.pattern, c.flags)
		if c.want == "" {
			if tr != nil {
				assert.NotEmpty(t, tr.err, c.pattern)
			}
			continue
		}
		require.NotNil(t, tr, c.pattern)
		assert.Empty(t, tr.err, c.pattern)
		assert.Equal(t, c.want, tr.pattern, c.pattern)
	}
	tr := translateRegExp("a", "dgi")
	assert.Equal(t, "gi", tr.flags)
	assert.True(t, tr.hasIndices)
	assert.Same(t, tr, translateRegExp("a", "dgi"), "translations are cached")
}

func TestTranslateRegExpErrors(t *testing.T) {
	for _, c := range []struct{ pattern, flags, msg string }{
		{`\p{Foo}`, "u", `Invalid regular expression: /\p{Foo}/u: Invalid property name`},
		{`\p{Foo}`, "ug", `Invalid regular expression: /\p{Foo}/gu: Invalid property name`},
		{`[\p{Foo}]`, "ygu", `Invalid regular expression: /[\p{Foo}]/guy: Invalid property name in character class`},
		{`\p{L`, "u", `Invalid regular expression: /\p{L/u: Invalid property name`},
		{`\p`, "u", `Invalid regular expression: /\p/u: Invalid property name`},
		{`a/\P{x}`, "u", `Invalid regular expression: /a/\P{x}/u: Invalid property name`},
		{`[\p{L}-z]`, "u", `Invalid regular expression: /[\p{L}-z]/u: Invalid character class`},
		{`[a-\p{L}]`, "u", `Invalid regular expression: /[a-\p{L}]/u: Invalid character class`},
		{`[\d-\p{L}]`, "u", `Invalid regular expression: /[\d-\p{L}]/u: Invalid character class`},
		{`\p{L}`, "uu", `Invalid flags supplied to RegExp constructor 'uu'`},
		{`a`, "dd", `Invalid flags supplied to RegExp constructor 'dd'`},
		{`a`, "dx", `Invalid flags supplied to RegExp constructor 'dx'`},
	} {
		tr := translateRegExp(c.pattern, c.flags)
		require.NotNil(t, tr, c.pattern)
		assert.Equal(t, c.msg, tr.err, c.pattern)
	}
}

func TestTranspileLowersRegExps(t *testing.T) {
	code, err := Transpile("a.js", []byte(`const a = /[\p{L}]+/u, b = /x/y, c = /y/; new RegExp('\\p{L}', 'u')`))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(code, regexpGlobal+";"), code)
	assert.Contains(t, code, `new RegExp("[\\p{L}]+", "u")`)
	assert.Contains(t, code, `new RegExp("x", "y")`)
	assert.Contains(t, code, `c = /y/`)
	assert.Contains(t, code, `new `+regexpGlobal+`("\\p{L}", "u")`)

	code, err = Transpile("a.js", []byte(`const a = /x/u, b = /(?<n>x)/d; b instanceof RegExp`))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(code, regexpGlobal+";"), code)
	assert.Contains(t, code, `a = /x/u`, "u-flag literals stay literals in sources without property escapes")
	assert.Contains(t, code, `new RegExp("(?<n>x)", "d")`)

	code, err = Transpile("a.js", []byte(`const a = /x/gu.test('x')`))
	require.NoError(t, err)
	assert.NotContains(t, code, regexpGlobal, "nothing to patch up front")
}

// runRegExpJS runs body as the body of onEvent(input) in a fresh instance.
func runRegExpJS(t *testing.T, body string, input any) any {
	t.Helper()
	in := newInstance(t, "index.js", "export function onEvent(input) {\n"+body+"\n}", Options{})
	v, _, err := in.Call(context.Background(), "onEvent", input)
	require.NoError(t, err)
	return v
}

func TestRegExpPatchApplies(t *testing.T) {
	v := runRegExpJS(t, `
		const re = new RegExp('^\\p{Lu}+$', 'u')
		const d = new RegExp('a(b)', 'd')
		return [re.test('ÀB'), re.test('Ab'), re.source, String(re), re.constructor === RegExp,
			/x/.constructor === RegExp, re instanceof RegExp, Object.getPrototypeOf(re) === RegExp.prototype,
			RegExp.name, RegExp.length, typeof RegExp.prototype.exec, d.exec('xab').indices.join('|'),
			d.hasIndices, /a/.hasIndices, Object.keys(re).length, globalThis.RegExp === RegExp,
			Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get.name]`, nil)
	assert.Equal(t, []any{true, false, `^\p{Lu}+$`, `/^\p{Lu}+$/u`, true, true, true, true,
		"RegExp", float64(2), "function", "1,3|2,3", true, false, float64(0), true, "get flags"}, v)
}

func TestRegExpErrorsAreSyntaxErrors(t *testing.T) {
	v := runRegExpJS(t, `
		const out = []
		for (const [p, f] of [['\\p{Nope}', 'u'], ['a', 'dd'], ['[\\p{L}-a]', 'u']]) {
			try { new RegExp(p, f) } catch (e) { out.push(e instanceof SyntaxError, e.message) }
		}
		return out`, nil)
	assert.Equal(t, []any{
		true, `Invalid regular expression: /\p{Nope}/u: Invalid property name`,
		true, `Invalid flags supplied to RegExp constructor 'dd'`,
		true, `Invalid regular expression: /[\p{L}-a]/u: Invalid character class`,
	}, v)
}

func TestRegExpTemplateCache(t *testing.T) {
	v := runRegExpJS(t, `
		const out = []
		for (let i = 0; i < 3; i++) {
			const re = new RegExp('\\p{L}+', 'gu')
			out.push(re.lastIndex, re.exec('12 ab cd')[0], re.lastIndex)
			re.foo = 1
		}
		const d1 = new RegExp('(b)', 'd'), d2 = new RegExp('(b)', 'd')
		return JSON.stringify([out, d1 !== d2, d2.exec('ab').indices[1], 'foo' in new RegExp('\\p{L}+', 'gu')])`, nil)
	assert.Equal(t, `[[0,"ab",5,0,"ab",5,0,"ab",5],true,[1,2],false]`, v)
}

func TestRegExpLoneSurrogatePatterns(t *testing.T) {
	v := runRegExpJS(t, `
		const a = new RegExp('\uD800'), b = new RegExp('\uD801'), c = new RegExp('[\uD800\\p{L}]', 'u')
		return [a.test('\uD800'), b.test('\uD800'), b.test('\uD801'), c.test('\uD800'), c.test('x'), c.test('1')]`, nil)
	assert.Equal(t, []any{true, false, true, true, true, false}, v)
}

func TestV8RegExpReason(t *testing.T) {
	for msg, want := range map[string]string{
		"Unterminated group": "Unterminated group",
		"Invalid regular expression (re2): [a-z]** (error parsing regexp: invalid nested repetition operator: `**`)":      "Nothing to repeat",
		"Invalid regular expression (regexp2): x{2,1} (error parsing regexp: invalid repeat count in `x{2,1}`)":           "numbers out of order in {} quantifier",
		"Invalid regular expression (re2): x\\x{110000} (error parsing regexp: invalid escape sequence: `\\x{110000`)":    "Invalid Unicode escape",
		"Invalid regular expression (regexp2): \\k<n> (error parsing regexp: reference to undefined group name n in `x`)": "Invalid named capture referenced",
		"Invalid regular expression (re2): x (error parsing regexp: something new: `x`)":                                  "something new",
	} {
		assert.Equal(t, want, v8RegExpReason(msg), msg)
	}
}

// TestRegExpPropertiesMatchNode matches every property the tables hold, negated in a class
// and as \P with the i flag, against a sample of all code points, on Node and here. The i
// flag is checked on code points Go's Unicode version knows: goja's regexp engines fold case
// with Go's tables, which lack the case pairs added since.
func TestRegExpPropertiesMatchNode(t *testing.T) {
	node := requireNode(t, "the Unicode property comparison")
	var names []string
	for key := range regexpPropertyData {
		kind, name, _ := strings.Cut(key, ":")
		switch kind {
		case "b":
			names = append(names, name)
		default:
			names = append(names, kind+"="+name)
		}
	}
	sort.Strings(names)
	var all, known []rune
	for cp := rune(0); cp <= maxCodePoint; cp += 47 {
		if cp >= 0xD800 && cp <= 0xDFFF {
			continue
		}
		all = append(all, cp)
		if unicode.In(cp, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co) {
			known = append(known, cp)
		}
	}
	data, err := json.Marshal(map[string]any{"names": names, "all": string(all), "known": string(known)})
	require.NoError(t, err)
	script := `
		const { names, all, known } = ` + string(data) + `
		// UTF-16 units matched, counted over runs to keep the number of matches down.
		const count = (s, re) => (s.match(re) || []).reduce((n, m) => n + m.length, 0)
		const out = names.map((n) => n + ' ' + count(all, new RegExp('\\p{' + n + '}+', 'gu')) + ' ' +
			count(all, new RegExp('[^\\p{' + n + '}]+', 'gu')) + ' ' + count(known, new RegExp('\\P{' + n + '}+', 'giu')))
		`
	cmd := exec.Command(node, "-")
	cmd.Stdin = strings.NewReader(script + "process.stdout.write(JSON.stringify(out))")
	nodeOut, err := cmd.Output()
	require.NoError(t, err)
	var want []any
	require.NoError(t, json.Unmarshal(nodeOut, &want))
	got := runRegExpJS(t, script+"return out", nil)
	require.Equal(t, len(want), len(got.([]any)))
	for i := range want {
		assert.Equal(t, want[i], got.([]any)[i])
	}
}

func BenchmarkTranslateRegExp(b *testing.B) {
	for i := 0; i < b.N; i++ {
		newRegExpTranslation(`^[\p{L}\p{N}_-]+\P{sc=Latin}$`, "u")
	}
}

// BenchmarkRegExpConstruct measures new RegExp from strings in plugin code: a new pattern each
// time (goja compiles every construction; property patterns are also translated) against a
// repeated one (a copy of the instance's template).
func BenchmarkRegExpConstruct(b *testing.B) {
	for _, c := range []struct{ name, body string }{
		{"plain new pattern", `for (let i = 0; i < n; i++) new RegExp('^[a-z]+' + i, 'g')`},
		{"plain repeated", `for (let i = 0; i < n; i++) new RegExp('^[a-z]+1', 'g')`},
		{"property new pattern", `for (let i = 0; i < n; i++) new RegExp('^[\\p{L}\\p{N}]+' + i, 'u')`},
		{"property iu new pattern", `for (let i = 0; i < n; i++) new RegExp('^[\\p{L}\\p{N}]+' + i, 'iu')`},
		{"property repeated", `for (let i = 0; i < n; i++) new RegExp('^[\\p{L}\\p{N}]+', 'u')`},
		{"plain literal", `for (let i = 0; i < n; i++) /^[a-z\d]+/u.test('ab')`},
		{"lowered literal", `for (let i = 0; i < n; i++) /^[\p{L}\p{N}]+/u.test('ab')`},
	} {
		b.Run(c.name, func(b *testing.B) {
			p, err := Compile("index.js", []byte("export function onEvent(n) {\n"+c.body+"\n}"))
			require.NoError(b, err)
			in, err := New(context.Background(), p, Options{})
			require.NoError(b, err)
			b.ResetTimer()
			_, _, err = in.Call(context.Background(), "onEvent", b.N)
			require.NoError(b, err)
		})
	}
}

func BenchmarkRegExpMatch(b *testing.B) {
	for _, c := range []struct{ name, body string }{
		{"ascii class", `const re = /[A-Za-z0-9]+/g; for (let i = 0; i < n; i++) 'Héllo wörld 42 ok'.match(re)`},
		{"property class", `const re = /[\p{L}\p{N}]+/gu; for (let i = 0; i < n; i++) 'Héllo wörld 42 ok'.match(re)`},
		{"property escape iu", `const re = /\p{Lu}+/giu; for (let i = 0; i < n; i++) 'Héllo wörld 42 ok'.match(re)`},
	} {
		b.Run(c.name, func(b *testing.B) {
			p, err := Compile("index.js", []byte("export function onEvent(n) {\n"+c.body+"\n}"))
			require.NoError(b, err)
			in, err := New(context.Background(), p, Options{})
			require.NoError(b, err)
			b.ResetTimer()
			_, _, err = in.Call(context.Background(), "onEvent", b.N)
			require.NoError(b, err)
		})
	}
}

// BenchmarkRegExpFirstUse measures an instance's first construction of a pattern that
// another instance already used: property patterns come compiled from the process-wide cache.
func BenchmarkRegExpFirstUse(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"plain", `new RegExp('^[a-z]+[0-9]*$', 'u')`},
		{"property", `new RegExp('^[\\p{L}\\p{N}]+$', 'u')`},
		{"property iu", `new RegExp('^[\\p{L}\\p{N}]+$', 'iu')`},
		{"lowered literal", `/^[\p{L}\p{N}]+$/u`},
	} {
		b.Run(c.name, func(b *testing.B) {
			p, err := Compile("index.js", []byte("export function onEvent() {\n"+c.src+"\n}"))
			require.NoError(b, err)
			ins := make([]*Instance, b.N+1)
			for i := range ins {
				ins[i], err = New(context.Background(), p, Options{})
				require.NoError(b, err)
			}
			_, _, err = ins[b.N].Call(context.Background(), "onEvent")
			require.NoError(b, err)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, _, err = ins[i].Call(context.Background(), "onEvent")
				require.NoError(b, err)
			}
		})
	}
}
