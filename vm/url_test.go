package vm

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseURLComponents(t *testing.T) {
	u, ok := parseURL("HTTPS://us%er:p@ss@Example.COM:443/a/./b/../c?q=1 2#f g", nil, nil, stNone)
	require.True(t, ok)
	href, c := u.serialize()
	assert.Equal(t, "https://us%er:p%40ss@example.com/a/c?q=1%202#f%20g", href)
	assert.Equal(t, "https:", href[:c.protocolEnd])
	assert.Equal(t, "us%er", href[c.protocolEnd+2:c.usernameEnd])
	assert.Equal(t, "p%40ss", href[c.usernameEnd+1:c.hostStart])
	assert.Equal(t, "example.com", href[c.hostStart+1:c.hostEnd])
	assert.Equal(t, uint32(omitted), c.port)
	assert.Equal(t, "/a/c", href[c.pathnameStart:c.searchStart])
	assert.Equal(t, "?q=1%202", href[c.searchStart:c.hashStart])
	assert.Equal(t, "#f%20g", href[c.hashStart:])
	assert.Equal(t, uint32(schemeHTTPS), c.schemeType)
}

func TestParseURLRelative(t *testing.T) {
	base, ok := parseURL("http://h/a/b/c?q#f", nil, nil, stNone)
	require.True(t, ok)
	for rel, want := range map[string]string{
		"d":        "http://h/a/b/d",
		"../d":     "http://h/a/d",
		"/d":       "http://h/d",
		"//o/p":    "http://o/p",
		"?z":       "http://h/a/b/c?z",
		"#g":       "http://h/a/b/c?q#g",
		"":         "http://h/a/b/c?q",
		"https:x":  "https://x/",
		"..\\..\\": "http://h/",
	} {
		u, ok := parseURL(rel, base, nil, stNone)
		require.True(t, ok, rel)
		assert.Equal(t, want, u.href(), rel)
	}
}

func TestParseURLFailures(t *testing.T) {
	for _, s := range []string{"nope", "http://", "http://a b/", "http://[::1", "http://1.2.3.4.5/", "https://h:65536/", "http://u@/", "http://xn--/", "http://a%00b/"} {
		_, ok := parseURL(s, nil, nil, stNone)
		assert.False(t, ok, s)
	}
}

func TestHosts(t *testing.T) {
	for in, want := range map[string]string{
		"Example.COM":          "example.com",
		"0x7f.1":               "127.0.0.1",
		"4294967295":           "255.255.255.255",
		"[1:0:0:0:0:0:0:1]":    "[1::1]",
		"[::ffff:1.2.3.4]":     "[::ffff:102:304]",
		"[0:0:1:0:0:1:0:0]":    "[::1:0:0:1:0:0]",
		"ß.de":                 "xn--zca.de",
		"例え.テスト":               "xn--r8jz45g.xn--zckzah",
		"xn--abc-":             "xn--abc-",
		"١٢.com":               "xn--9hbc.com",
		"%C3%BC.com":           "xn--tda.com",
		"EXAMPLE.com\u3002org": "example.com.org",
	} {
		got, ok := parseHost(in, false)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"a b", "xn--a", "\u05D0a.com", "a<b", "1.2.3.256", "[1::2::3]"} {
		_, ok := parseHost(in, false)
		assert.False(t, ok, in)
	}
	// Opaque hosts are only percent-encoded.
	got, ok := parseHost("ü.com", true)
	assert.True(t, ok)
	assert.Equal(t, "%C3%BC.com", got)
}

func TestPunycodeDecode(t *testing.T) {
	r, ok := punycodeDecode("nxasmq6b")
	assert.True(t, ok)
	assert.Equal(t, "βόλοσ", string(r))
	r, ok = punycodeDecode("abc-")
	assert.True(t, ok)
	assert.Equal(t, "abc", string(r))
	_, ok = punycodeDecode("a!")
	assert.False(t, ok)
}

func TestUpdateURLSetters(t *testing.T) {
	cases := []struct {
		href   string
		action int
		value  string
		want   string
	}{
		{"http://h:8080/p", updPort, "80", "http://h/p"},
		{"http://h:8080/p", updPort, "h2", "http://h/p"},
		{"http://h:8080/p", updPort, "abc", "http://h:8080/p"},
		{"http://h:8080/p", updPort, "99999", "http://h:8080/p"},
		{"http://u@h:8080/p", updHost, "a:b", "http://u@a:8080/p"},
		{"sc:/p", updHost, "h2:5", "sc://h2/p"},
		{"sc://u@h:9/p", updHost, ":9", "sc://u@:9/p"},
		{"http://h/p", updProtocol, "https", "https://h/p"},
		{"http://h/p", updProtocol, "foo", "http://h/p"},
		{"http://h/p", updUsername, "a b@", "http://a%20b%40@h/p"},
		{"http://h/p?q#f", updPathname, "../x y", "http://h/x%20y?q#f"},
		{"http://h/p?q#f", updSearch, "", "http://h/p#f"},
		{"http://h/p", updHash, "#a b", "http://h/p#a%20b"},
		{"data:a b #x", updHash, "", "data:a b"},
	}
	for _, c := range cases {
		u, ok := updateURL(c.href, c.action, c.value)
		require.True(t, ok, c)
		assert.Equal(t, c.want, u.href(), "%s %d %q", c.href, c.action, c.value)
	}
	_, ok := updateURL("http://h/", updHref, "nope")
	assert.False(t, ok)
}

func TestURLGlobalsAndModuleShareClasses(t *testing.T) {
	in := newInstance(t, "index.js", `exports.processEvent = (e) => e`, Options{})
	_, built := in.modules[urlRealmModule]
	assert.False(t, built, "URL must be built on first use")
	mod, ok := in.requireModule("url")
	require.True(t, ok)
	require.NoError(t, in.rt.Set("url", mod))
	v, err := in.rt.RunString(`[url.URL === URL, url.URLSearchParams === URLSearchParams, new url.URL('http://A/').host]`)
	require.NoError(t, err)
	assert.Equal(t, []any{true, true, "a"}, v.Export())
}

func TestURLHotPathsInPlugin(t *testing.T) {
	in := newInstance(t, "index.js", `exports.processEvent = (e) => {
	const u = new URL(e.properties.$current_url)
	u.searchParams.delete('utm_source')
	e.properties.out = [u.hostname, u.pathname, u.searchParams.get('id'), u.href].join(' ')
	return e
}`, Options{})
	assert.Equal(t, "shop.example.com /cart 5 https://shop.example.com/cart?id=5#top",
		runJS(t, in, `{"event":"x","properties":{"$current_url":"https://Shop.Example.com/cart?utm_source=x&id=5#top"}}`))
}

func TestEncodeStrModes(t *testing.T) {
	in := newInstance(t, "index.js", `exports.processEvent = (e) => e`, Options{})
	call := func(s string, mode int) string {
		return encodeStr(goja.FunctionCall{Arguments: []goja.Value{in.rt.ToValue(s), in.rt.ToValue(mode)}}, in).String()
	}
	assert.Equal(t, "a+b*%7E%21%27%C3%A9", call("a b*~!'é", 0))
	assert.Equal(t, "a%20b*~!'%C3%A9", call("a b*~!'é", 1))
	assert.Equal(t, "u:p%40", call("u:p@", 2))
}

func BenchmarkNewURLHostname(b *testing.B) {
	in := benchInstance(b)
	fn, err := in.rt.RunString(`(s) => new URL(s).hostname`)
	require.NoError(b, err)
	f, _ := goja.AssertFunction(fn)
	arg := in.rt.ToValue("https://www.example.com/path/to/page?utm_source=google&id=42#section")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := f(goja.Undefined(), arg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchParamsGet(b *testing.B) {
	in := benchInstance(b)
	fn, err := in.rt.RunString(`(s) => new URL(s).searchParams.get('id')`)
	require.NoError(b, err)
	f, _ := goja.AssertFunction(fn)
	arg := in.rt.ToValue("https://www.example.com/path/to/page?utm_source=google&id=42#section")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := f(goja.Undefined(), arg); err != nil {
			b.Fatal(err)
		}
	}
}
