package vm

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
)

// Locale tags as ECMA-402 and V8 handle them: canonicalization of the locales argument,
// matching against the locales plugchain has data for, and Unicode extension keys.
//
// plugchain carries ICU's data for English (US and GB), German and French. A request for
// another region of those languages gets the language's data (de-AT formats as de); any other
// language gets the default locale, en-US, as on a Node without that locale.

// defaultLocale is Node's default locale here (LANG=C, no ICU override).
const defaultLocale = "en-US"

// availableLocales maps the tags plugchain resolves to, to the data they use.
var availableLocales = map[string]string{
	"en": "en-US", "en-US": "en-US", "en-GB": "en-GB",
	"de": "de", "de-DE": "de",
	"fr": "fr", "fr-FR": "fr",
}

// languageAliases are the deprecated language subtags ICU replaces.
var languageAliases = map[string]string{
	"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "sh": "sr-Latn", "tl": "fil",
}

func isAlpha(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isDigits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isAlnum(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9') && !((c|0x20) >= 'a' && (c|0x20) <= 'z') {
			return false
		}
	}
	return true
}

func isLanguageSubtag(s string) bool { return isAlpha(s, 2, 3) || isAlpha(s, 5, 8) }
func isScriptSubtag(s string) bool   { return isAlpha(s, 4, 4) }
func isRegionSubtag(s string) bool   { return isAlpha(s, 2, 2) || isDigits(s, 3, 3) }
func isVariantSubtag(s string) bool {
	return isAlnum(s, 5, 8) || (len(s) == 4 && s[0] >= '0' && s[0] <= '9' && isAlnum(s[1:], 3, 3))
}

// startsWithLanguageID is V8's first check of a tag: does it begin with a Unicode language
// identifier (language, script, region, variants)? Tags failing it are "Incorrect locale
// information provided"; tags passing it but malformed later are "Invalid language tag".
func startsWithLanguageID(tag string) bool {
	if tag == "" {
		return false
	}
	tokens := strings.Split(strings.TrimSuffix(tag, "-"), "-")
	if !isLanguageSubtag(tokens[0]) {
		return false
	}
	if len(tokens) == 1 {
		return true
	}
	if isAlnum(tokens[1], 1, 1) {
		return true
	}
	i := 1
	if isScriptSubtag(tokens[i]) {
		i++
		if i == len(tokens) {
			return true
		}
	}
	if isRegionSubtag(tokens[i]) {
		i++
	}
	for ; i < len(tokens); i++ {
		if isAlnum(tokens[i], 1, 1) {
			return true
		}
		if !isVariantSubtag(tokens[i]) {
			return false
		}
	}
	return true
}

// languageTag is a parsed, well-formed BCP 47 tag.
type languageTag struct {
	language, script, region string
	variants                 []string
	// unicode holds the -u- extension's keywords (key -> type, "" for a key without one);
	// ukeys keeps them sorted.
	unicode map[string]string
	ukeys   []string
	// attrs are -u- attributes; others are the other extensions and private use, in
	// canonical order, already formatted.
	attrs  []string
	others []string
}

// parseLanguageTag parses a lower-case tag, reporting whether it is well formed.
func parseLanguageTag(tag string) (languageTag, bool) {
	var t languageTag
	parts := strings.Split(tag, "-")
	if !isLanguageSubtag(parts[0]) {
		return t, false
	}
	t.language = parts[0]
	i := 1
	if i < len(parts) && isScriptSubtag(parts[i]) {
		t.script = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		i++
	}
	if i < len(parts) && isRegionSubtag(parts[i]) {
		t.region = strings.ToUpper(parts[i])
		i++
	}
	posix := false
	for i < len(parts) && isVariantSubtag(parts[i]) {
		for _, v := range t.variants {
			if v == parts[i] {
				return t, false
			}
		}
		if parts[i] == "posix" {
			// ICU turns the POSIX variant into the va keyword.
			posix = true
		} else {
			t.variants = append(t.variants, parts[i])
		}
		i++
	}
	seen := map[string]bool{}
	type ext struct {
		singleton string
		subtags   []string
	}
	var exts []ext
	for i < len(parts) {
		s := parts[i]
		if !isAlnum(s, 1, 1) || seen[s] {
			return t, false
		}
		seen[s] = true
		i++
		e := ext{singleton: s}
		if s == "x" {
			for ; i < len(parts); i++ {
				if !isAlnum(parts[i], 1, 8) {
					return t, false
				}
				e.subtags = append(e.subtags, parts[i])
			}
		} else {
			for ; i < len(parts) && !isAlnum(parts[i], 1, 1); i++ {
				if !isAlnum(parts[i], 2, 8) {
					return t, false
				}
				e.subtags = append(e.subtags, parts[i])
			}
		}
		if len(e.subtags) == 0 {
			return t, false
		}
		exts = append(exts, e)
	}
	sort.SliceStable(exts, func(a, b int) bool {
		if exts[a].singleton == "x" || exts[b].singleton == "x" {
			return exts[b].singleton == "x" && exts[a].singleton != "x"
		}
		return exts[a].singleton < exts[b].singleton
	})
	for _, e := range exts {
		if e.singleton != "u" {
			t.others = append(t.others, e.singleton+"-"+strings.Join(e.subtags, "-"))
			continue
		}
		t.unicode = map[string]string{}
		j := 0
		for ; j < len(e.subtags) && len(e.subtags[j]) != 2; j++ {
			t.attrs = append(t.attrs, e.subtags[j])
		}
		for j < len(e.subtags) {
			key := e.subtags[j]
			j++
			var typ []string
			for ; j < len(e.subtags) && len(e.subtags[j]) != 2; j++ {
				typ = append(typ, e.subtags[j])
			}
			if _, dup := t.unicode[key]; !dup {
				t.unicode[key] = strings.Join(typ, "-")
				t.ukeys = append(t.ukeys, key)
			}
		}
		sort.Strings(t.ukeys)
	}
	if posix {
		if t.unicode == nil {
			t.unicode = map[string]string{}
		}
		if _, ok := t.unicode["va"]; !ok {
			t.unicode["va"] = "posix"
			t.ukeys = append(t.ukeys, "va")
			sort.Strings(t.ukeys)
		}
	}
	return t, true
}

// base is the tag without extensions.
func (t languageTag) base() string {
	s := t.language
	if t.script != "" {
		s += "-" + t.script
	}
	if t.region != "" {
		s += "-" + t.region
	}
	for _, v := range t.variants {
		s += "-" + v
	}
	return s
}

func (t languageTag) String() string {
	s := t.base()
	var exts []string
	if t.unicode != nil {
		u := "u"
		for _, a := range t.attrs {
			u += "-" + a
		}
		for _, k := range t.ukeys {
			u += "-" + k
			if v := t.unicode[k]; v != "" && v != "true" {
				u += "-" + v
			}
		}
		exts = append(exts, u)
	}
	exts = append(exts, t.others...)
	sort.SliceStable(exts, func(a, b int) bool {
		if exts[a][0] == 'x' || exts[b][0] == 'x' {
			return exts[b][0] == 'x' && exts[a][0] != 'x'
		}
		return exts[a] < exts[b]
	})
	for _, e := range exts {
		s += "-" + e
	}
	return s
}

// boundedCache is a concurrent map that stops growing at a size, for caching pure functions
// of strings plugins pass (locale tags): the common values hit, odd ones are recomputed.
type boundedCache struct {
	m sync.Map
	n atomic.Int32
}

const boundedCacheSize = 256

func (c *boundedCache) get(k string) (any, bool) { return c.m.Load(k) }

func (c *boundedCache) put(k string, v any) {
	if c.n.Load() < boundedCacheSize {
		if _, loaded := c.m.LoadOrStore(k, v); !loaded {
			c.n.Add(1)
		}
	}
}

// canonicalTags caches canonicalizeTag's results for valid tags.
var canonicalTags boundedCache

// canonicalizeTag is CanonicalizeUnicodeLocaleId of one tag, with V8's errors.
func (in *Instance) canonicalizeTag(tag string) string {
	if c, ok := canonicalTags.get(tag); ok {
		return c.(string)
	}
	c := in.canonicalizeTagUncached(tag)
	canonicalTags.put(tag, c)
	return c
}

func (in *Instance) canonicalizeTagUncached(tag string) string {
	if len(tag) == 2 && tag[0] >= 'a' && tag[0] <= 'z' && tag[1] >= 'a' && tag[1] <= 'z' {
		if _, alias := languageAliases[tag]; !alias {
			return tag
		}
	}
	if !startsWithLanguageID(tag) {
		panic(in.newError("RangeError", "Incorrect locale information provided"))
	}
	lower := strings.ToLower(tag)
	t, ok := parseLanguageTag(lower)
	if !ok {
		panic(in.newError("RangeError", "Invalid language tag: "+lower))
	}
	if a, ok := languageAliases[t.language]; ok {
		if lang, script, found := strings.Cut(a, "-"); found {
			t.language = lang
			if t.script == "" {
				t.script = script
			}
		} else {
			t.language = a
		}
	}
	return t.String()
}

// localeList is CanonicalizeLocaleList(locales).
func (in *Instance) localeList(locales goja.Value) []string {
	if locales == nil || goja.IsUndefined(locales) {
		return nil
	}
	if s, ok := locales.(goja.String); ok {
		return []string{in.canonicalizeTag(s.String())}
	}
	if goja.IsNull(locales) {
		panic(in.newError("TypeError", "Cannot convert undefined or null to object"))
	}
	o := locales.ToObject(in.rt)
	n := toLength(o.Get("length"))
	var seen []string
	for k := int64(0); k < n; k++ {
		key := strconv.FormatInt(k, 10)
		if !hasProperty(o, key) {
			continue
		}
		v := o.Get(key)
		switch v.(type) {
		case goja.String, *goja.Object:
		default:
			panic(in.newError("TypeError", "Language ID should be string or object."))
		}
		tag := in.canonicalizeTag(v.String())
		dup := false
		for _, s := range seen {
			if s == tag {
				dup = true
				break
			}
		}
		if !dup {
			seen = append(seen, tag)
		}
	}
	return seen
}

// hasProperty is HasProperty(o, key), following the prototype chain.
func hasProperty(o *goja.Object, key string) bool {
	for p := o; p != nil; p = p.Prototype() {
		for _, k := range p.GetOwnPropertyNames() {
			if k == key {
				return true
			}
		}
	}
	return false
}

// toLength is ToLength(v).
func toLength(v goja.Value) int64 {
	if v == nil {
		return 0
	}
	f := toInteger(v.ToFloat())
	if f <= 0 {
		return 0
	}
	if f > 1<<53-1 {
		return 1<<53 - 1
	}
	return int64(f)
}

// resolvedLocale is the outcome of matching requested locales against the available ones.
type resolvedLocale struct {
	locale string            // the matched available tag
	data   string            // the key of its data
	ext    map[string]string // the requested -u- keywords of the matched request
}

// lookups caches lookupLocale for one requested tag.
var lookups boundedCache

// lookupLocale is the LookupMatcher: the first requested tag with an available prefix (by
// dropping subtags from the end), else the default locale.
func lookupLocale(requested []string) resolvedLocale {
	if len(requested) == 1 {
		if r, ok := lookups.get(requested[0]); ok {
			return r.(resolvedLocale)
		}
		r := lookupLocaleUncached(requested)
		lookups.put(requested[0], r)
		return r
	}
	return lookupLocaleUncached(requested)
}

func lookupLocaleUncached(requested []string) resolvedLocale {
	for _, req := range requested {
		t, ok := parseLanguageTag(strings.ToLower(req))
		if !ok {
			continue
		}
		if candidate, ok := bestAvailable(t); ok {
			return resolvedLocale{locale: candidate, data: availableLocales[candidate], ext: t.unicode}
		}
	}
	return resolvedLocale{locale: defaultLocale, data: availableLocales[defaultLocale]}
}

// bestAvailable is BestAvailableLocale for a parsed tag.
func bestAvailable(t languageTag) (string, bool) {
	candidate := t.base()
	for {
		if _, ok := availableLocales[candidate]; ok {
			return candidate, true
		}
		i := strings.LastIndexByte(candidate, '-')
		if i < 0 {
			return "", false
		}
		candidate = candidate[:i]
	}
}

// supportedLocales is SupportedLocales(available, requested): the requested tags that match.
func supportedLocales(requested []string) []string {
	out := []string{}
	for _, req := range requested {
		if t, ok := parseLanguageTag(strings.ToLower(req)); ok {
			if _, ok := bestAvailable(t); ok {
				out = append(out, req)
			}
		}
	}
	return out
}

// withExtensions is the resolved locale tag with the -u- keywords that were used (in key
// order), as resolvedOptions().locale reports it.
func withExtensions(locale string, used map[string]string) string {
	if len(used) == 0 {
		return locale
	}
	keys := make([]string, 0, len(used))
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := locale + "-u"
	for _, k := range keys {
		s += "-" + k
		if v := used[k]; v != "" && v != "true" {
			s += "-" + v
		}
	}
	return s
}
