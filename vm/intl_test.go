package vm

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Most of Intl is checked against Node by the compatibility suite (testdata/compat/locale.js
// and dates.js); these tests cover the pieces on their own.

func TestCanonicalizeLocale(t *testing.T) {
	// Captured from Node 20's Intl.getCanonicalLocales.
	cases := [][2]string{
		{"EN-us", "en-US"}, {"iw", "he"}, {"in", "id"}, {"sh", "sr-Latn"}, {"tl", "fil"}, {"no", "no"}, {"fil", "fil"},
		{"de-u-co-phonebk-hc-h11", "de-u-co-phonebk-hc-h11"}, {"en-us-u-hc-h23-ca-gregory", "en-US-u-ca-gregory-hc-h23"},
		{"zh-hant-tw", "zh-Hant-TW"}, {"en-US-POSIX", "en-US-u-va-posix"}, {"en-GB-oxendict", "en-GB-oxendict"},
		{"en-a-bbb-x-foo", "en-a-bbb-x-foo"}, {"de-DE-1996", "de-DE-1996"}, {"sr-Cyrl-RS", "sr-Cyrl-RS"},
		{"x-private", "RangeError: Incorrect locale information provided"},
		{"en_US", "RangeError: Incorrect locale information provided"},
		{"en-", "RangeError: Invalid language tag: en-"},
		{"de--DE", "RangeError: Incorrect locale information provided"},
		{"en-u", "RangeError: Invalid language tag: en-u"}, {"abcde", "abcde"},
		{"i-klingon", "RangeError: Incorrect locale information provided"}, {"EN-US-U-HC-H11", "en-US-u-hc-h11"},
	}
	in := newInstance(t, "index.js", `export function processEvent(e) { return e }`, Options{})
	for _, c := range cases {
		var got string
		func() {
			defer func() {
				if r := recover(); r != nil {
					se := in.thrown(r.(*goja.Object), nil)
					got = se.Name + ": " + se.Message
				}
			}()
			got = in.canonicalizeTag(c[0])
		}()
		assert.Equal(t, c[1], got, c[0])
	}
}

func TestLookupLocale(t *testing.T) {
	// The data each request resolves to; Node reports the requested region (de-AT) where
	// plugchain reports the locale whose data it uses.
	cases := map[string]string{
		"de-AT": "de", "en-AU": "en", "en-Latn-US": "en", "fr-CA": "fr", "xx": "en-US", "zz-ZZ": "en-US",
		"en-GB": "en-GB", "de-CH-1996": "de", "en-GB-u-hc-h12": "en-GB", "fr-FR": "fr-FR",
	}
	for req, want := range cases {
		assert.Equal(t, want, lookupLocale([]string{req}).locale, req)
	}
	assert.Equal(t, "de", lookupLocale([]string{"xx", "de"}).locale)
	assert.Equal(t, defaultLocale, lookupLocale(nil).locale)
	assert.Equal(t, []string{"de-AT", "fr"}, supportedLocales([]string{"de-AT", "xx", "fr"}))
}

func TestIntlData(t *testing.T) {
	db := intlDB()
	for _, l := range []string{"en-US", "en-GB", "de", "fr"} {
		d := db.Locales[l]
		require.NotNil(t, d, l)
		assert.Len(t, d.Date, 4*3*6*4*3, l)
		assert.Len(t, d.Time, 4*3*3*3*4*7*4, l)
		assert.Len(t, d.Zones, 8*len(db.Zones), l)
		assert.Len(t, d.Names["Mlong"], 12, l)
		assert.Len(t, d.Names["Elong"], 7, l)
	}
	assert.Equal(t, "America/New_York", canonicalZone("us/eastern"))
	assert.Equal(t, "Asia/Calcutta", canonicalZone("Asia/Kolkata"))
	assert.Equal(t, "UTC", canonicalZone("etc/utc"))
	assert.Equal(t, "Etc/GMT+5", canonicalZone("Etc/GMT+5"))
	assert.Equal(t, "", canonicalZone("Mars/Olympus"))
	assert.Equal(t, 0, db.Currencies["JPY"])
	assert.Equal(t, 3, db.Currencies["KWD"])
}

func TestPatternParsing(t *testing.T) {
	toks := parsePattern("EEEE, d 'de' MMMM 'o''clock' HH:mm")
	var fields []string
	for _, tk := range toks {
		if tk.field == 0 {
			fields = append(fields, "'"+tk.lit+"'")
		} else {
			fields = append(fields, string(rune(tk.field))+string(rune('0'+tk.width)))
		}
	}
	assert.Equal(t, []string{"E4", "', '", "d1", "' de '", "M4", "' o'clock '", "H2", "':'", "m2"}, fields)

	glued := glueTokens(parsePattern("{1}' at '{0}"), parsePattern("MMM d"), parsePattern("h a"))
	assert.Len(t, glued, 7)
	assert.Equal(t, " at ", glued[3].lit)
}

func TestDecimalRounding(t *testing.T) {
	render := func(d decimalNum) string {
		ip, fp := d.fixed(1, 0)
		s := ip
		if fp != "" {
			s += "." + fp
		}
		if d.neg {
			s = "-" + s
		}
		return s
	}
	cases := []struct {
		x    float64
		frac int
		mode string
		want string
	}{
		{1.005, 2, "halfExpand", "1.01"}, // the shortest decimal of the double, as ICU rounds it
		{0.125, 2, "halfExpand", "0.13"},
		{0.125, 2, "halfEven", "0.12"},
		{2.5, 0, "halfEven", "2"},
		{-2.5, 0, "halfExpand", "-3"},
		{-2.5, 0, "halfCeil", "-2"},
		{-1.1, 0, "floor", "-2"},
		{1.1, 0, "ceil", "2"},
		{999.96, 1, "halfExpand", "1000"},
		{0.0004, 3, "halfExpand", "0"},
		{0.0004, 3, "expand", "0.001"},
		{123456, -2, "halfExpand", "123500"},
		{5e-324, 3, "trunc", "0"},
	}
	for _, c := range cases {
		got := decimalFromFloat(c.x).roundAt(c.frac, 1, c.mode)
		assert.Equal(t, c.want, render(got), "%v %d %s", c.x, c.frac, c.mode)
	}
	assert.Equal(t, "1.25", render(decimalFromFloat(1.234).roundAt(2, 5, "halfExpand")))
}

func TestParseDateString(t *testing.T) {
	// Field values as V8's parser produces them (month 0-based), or not ok.
	cases := map[string]*parsedDate{
		"2024-01-05":                 {year: 2024, day: 5, hasOffset: true},
		"2024-01-05T10:20":           {year: 2024, day: 5, hour: 10, minute: 20},
		"2024-01-05T10:20:30.5+0130": {year: 2024, day: 5, hour: 10, minute: 20, second: 30, milli: 500, offset: 5400, hasOffset: true},
		"Jan 5 2024 10:00 pm EST":    {year: 2024, day: 5, hour: 22, offset: -5 * 3600, hasOffset: true},
		"1/5/24":                     {year: 2024, day: 5},
		"5 March 99":                 {year: 1999, month: 2, day: 5},
		"Thu, 01 Jan 1970 00:00:00 GMT (comment)": {year: 1970, day: 1, hasOffset: true},
		"2024-13-01":       nil,
		"tomorrow":         nil,
		"12:00":            nil,
		"2024-01-05T24:01": nil,
	}
	for s, want := range cases {
		got, ok := parseDateString(s)
		if want == nil {
			assert.False(t, ok, s)
			continue
		}
		require.True(t, ok, s)
		assert.Equal(t, *want, got, s)
	}
}
