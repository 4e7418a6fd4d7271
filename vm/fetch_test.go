package vm

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// fetchTestClient is a plain client, as a host allowing loopback would configure it: no
// redirects of its own, no transparent decompression.
func fetchTestClient() *http.Client {
	return &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func compressed(coding, s string) []byte {
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "deflate":
		w = zlib.NewWriter(&buf)
	case "raw":
		w, _ = flate.NewWriter(&buf, flate.DefaultCompression)
	case "br":
		w = brotli.NewWriter(&buf)
	}
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return buf.Bytes()
}

// fetchTestServer serves the endpoints the tests fetch.
func fetchTestServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"a":1,"b":[true,null,"x"]}`)
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "héllo wörld")
	})
	mux.HandleFunc("/invalid-utf8", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte{'a', 0xE2, 0x82, 'b', 0xFF, 0xF0, 0x9F, 0x98, 'c', 0xED, 0xA0, 0x80})
	})
	mux.HandleFunc("/bad-json", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"a":`)
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		headers := map[string]string{}
		for k, vs := range r.Header {
			headers[strings.ToLower(k)] = strings.Join(vs, " | ")
		}
		headers["host"] = r.Host
		if r.ContentLength >= 0 && (r.ContentLength > 0 || r.Method == "POST" || r.Method == "PUT") {
			headers["content-length"] = strconv.FormatInt(r.ContentLength, 10)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"method": r.Method, "url": r.URL.String(), "headers": headers, "body": string(body)})
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["X-B"] = []string{"1", "2"}
		h["Set-Cookie"] = []string{"a=1", "b=2"}
		h["Content-Type"] = []string{"text/plain", "text/html"}
		h["A-First"] = []string{"z"}
		h["X-Latin"] = []string{"caf\xe9"}
		h["Date"] = nil
		_, _ = io.WriteString(w, "hi")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		chunk := bytes.Repeat([]byte("abcdefghij"), 1000)
		for n > 0 {
			k := min(n, len(chunk))
			if _, err := w.Write(chunk[:k]); err != nil {
				return
			}
			n -= k
		}
	})
	mux.HandleFunc("/encoded/", func(w http.ResponseWriter, r *http.Request) {
		coding := strings.TrimPrefix(r.URL.Path, "/encoded/")
		header := coding
		if coding == "raw" {
			header = "deflate"
		}
		w.Header().Set("Content-Encoding", header)
		w.Header().Set("X-Accept-Encoding", r.Header.Get("Accept-Encoding"))
		_, _ = w.Write(compressed(coding, "compressed with "+coding))
	})
	mux.HandleFunc("/corrupt-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = io.WriteString(w, "not gzip at all")
	})
	mux.HandleFunc("/truncated-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		b := compressed("gzip", "hello world hello world")
		_, _ = w.Write(b[:len(b)-4])
	})
	mux.HandleFunc("/redirect/", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/redirect/"))
		w.Header().Set("Location", r.URL.Query().Get("to"))
		w.WriteHeader(code)
		_, _ = io.WriteString(w, "redirecting")
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/chain/"))
		if n == 0 {
			_, _ = io.WriteString(w, "end of chain")
			return
		}
		http.Redirect(w, r, "/chain/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/no-location", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/sleep", func(w http.ResponseWriter, r *http.Request) {
		ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		_, _ = io.WriteString(w, "slept")
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "10")
		_, _ = io.WriteString(w, "12345")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
			return
		}
		_, _ = io.WriteString(w, "67890")
	})
	mux.HandleFunc("/short-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		_, _ = io.WriteString(w, "only this")
	})
	mux.HandleFunc("/status/", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/status/"))
		w.WriteHeader(code)
		_, _ = io.WriteString(w, "status body")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// fetchPlugin runs body (the body of an async function that can use base, the test server's
// URL) in a plugin, and returns what it returned as JSON, or "throws ..." describing the
// error it threw.
const fetchPlugin = `
function describe(e) {
	let s = 'throws ' + (e && e.constructor && e.constructor.name) + ' ' + e.name + ': ' + e.message
	for (const k of ['type', 'code', 'errno']) if (e[k] !== undefined) s += ' ' + k + '=' + e[k]
	if (!(e instanceof Error)) s += ' [not an Error]'
	return s
}
export async function processEvent(event) {
	const base = event.properties.base
	try {
		event.properties.out = JSON.stringify(await (async () => { %s })())
	} catch (e) {
		event.properties.out = describe(e)
	}
	return event
}
`

func fetchRunWith(t *testing.T, opts Options, base, body string) string {
	t.Helper()
	in := newInstance(t, "index.js", fmt.Sprintf(fetchPlugin, body), opts)
	return fetchCall(t, in, base)
}

func fetchCall(t *testing.T, in *Instance, base string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := in.CallEvent(ctx, "processEvent", event(t, fmt.Sprintf(`{"properties":{"base":%q}}`, base)))
	require.NoError(t, err)
	props, _ := res.Value.(*ojson.Object).Get("properties")
	out, _ := props.(*ojson.Object).Get("out")
	s, _ := out.(string)
	return s
}

func TestFetch(t *testing.T) {
	srv := fetchTestServer(t)
	addr := srv.Listener.Addr().String()
	cases := []struct{ name, body, want string }{
		{"get json", `const r = await fetch(base + '/json'); return [r.ok, r.status, r.statusText, r.url, r.redirected, r.headers.get('content-type'), await r.json()]`,
			`[true,200,"OK","` + srv.URL + `/json",false,"application/json",{"a":1,"b":[true,null,"x"]}]`},
		{"text", `const r = await fetch(base + '/text'); return [r.bodyUsed, await r.text(), r.bodyUsed]`, `[false,"héllo wörld",true]`},
		{"invalid utf-8 decodes like Node", `const r = await fetch(base + '/invalid-utf8'); return escape(await r.text())`, `"a%uFFFDb%uFFFD%uFFFDc%uFFFD%uFFFD%uFFFD"`},
		{"buffer and arrayBuffer", `const a = await (await fetch(base + '/text')).buffer(); const b = await (await fetch(base + '/text')).arrayBuffer(); return [a instanceof Uint8Array, a.length, b instanceof ArrayBuffer, b.byteLength, a[1], new Uint8Array(b)[2]]`,
			`[true,13,true,13,195,169]`},
		{"invalid json", `const r = await fetch(base + '/bad-json'); return await r.json()`,
			`throws FetchError FetchError: invalid json response body at ` + srv.URL + `/bad-json reason: `},
		{"body used twice", `const r = await fetch(base + '/text'); await r.text(); return await r.text()`,
			`throws TypeError TypeError: body used already for: ` + srv.URL + `/text`},
		{"default request headers", `const r = await fetch(base + '/echo'); const j = await r.json(); return [j.method, j.headers['user-agent'], j.headers.accept, j.headers['accept-encoding'], j.headers['content-length'], j.headers.host]`,
			`["GET","node-fetch/1.0 (+https://github.com/bitinn/node-fetch)","*/*","gzip,deflate",null,"` + addr + `"]`},
		{"post json", `const r = await fetch(base + '/echo', { method: 'post', headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'k1' }, body: JSON.stringify({ a: 1 }) }); const j = await r.json(); return [j.method, j.headers['content-type'], j.headers['x-api-key'], j.headers['content-length'], j.body]`,
			`["POST","application/json","k1","7","{\"a\":1}"]`},
		{"post string body content type", `const j = await (await fetch(base + '/echo', { method: 'POST', body: 'abc' })).json(); return [j.headers['content-type'], j.body]`,
			`["text/plain;charset=UTF-8","abc"]`},
		{"post without body", `const j = await (await fetch(base + '/echo', { method: 'POST' })).json(); return [j.headers['content-length'], j.body]`,
			`["0",""]`},
		{"binary bodies", `const u = new Uint8Array([104, 105]); const a = await (await fetch(base + '/echo', { method: 'PUT', body: u })).json(); const b = await (await fetch(base + '/echo', { method: 'PUT', body: u.buffer })).json(); return [a.body, a.headers['content-type'], b.body]`,
			`["hi",null,"hi"]`},
		{"object body is stringified", `const j = await (await fetch(base + '/echo', { method: 'POST', body: { a: 1 } })).json(); return j.body`, `"[object Object]"`},
		{"url search params body", `const p = { append() {}, delete() {}, get() {}, getAll() {}, has() {}, set() {}, sort() {}, toString() { return 'a=1+2&b=x' } }; const j = await (await fetch(base + '/echo', { method: 'POST', body: p })).json(); return [j.headers['content-type'], j.body]`,
			`["application/x-www-form-urlencoded;charset=UTF-8","a=1+2&b=x"]`},
		{"header forms", `const h = new (require('node-fetch').Headers)({ 'X-One': '1' }); h.append('x-one', '2'); const a = await (await fetch(base + '/echo', { headers: h })).json(); const b = await (await fetch(base + '/echo', { headers: [['X-Two', 'a'], ['x-two', 'b']] })).json(); return [a.headers['x-one'], b.headers['x-two']]`,
			`["1 | 2","a | b"]`},
		{"user agent and accept overridable", `const j = await (await fetch(base + '/echo', { headers: { 'user-agent': 'mine', Accept: 'application/json' }, compress: false })).json(); return [j.headers['user-agent'], j.headers.accept, j.headers['accept-encoding'] === undefined]`,
			`["mine","application/json",true]`},
		{"host header", `const j = await (await fetch(base + '/echo', { headers: { Host: 'example.com' } })).json(); return j.headers.host`, `"example.com"`},
		{"response headers like node", `const r = await fetch(base + '/headers'); return [[...r.headers], r.headers.raw()['set-cookie'], r.headers.get('set-cookie'), r.headers.has('X-B'), [...r.headers.keys()].join()]`,
			`[[["a-first","z"],["content-length","2"],["content-type","text/plain"],["set-cookie","a=1, b=2"],["x-b","1, 2"],["x-latin","café"]],["a=1","b=2"],"a=1, b=2",true,"a-first,content-length,content-type,set-cookie,x-b,x-latin"]`},
		{"method is upper-cased", `const j = await (await fetch(base + '/echo', { method: 'patch', body: 'x' })).json(); return j.method`, `"PATCH"`},
		{"get with body", `return await fetch(base + '/echo', { body: 'x' })`, `throws TypeError TypeError: Request with GET/HEAD method cannot have body`},
		{"relative url", `return await fetch('/x')`, `throws TypeError TypeError: Only absolute URLs are supported`},
		{"other protocol", `return await fetch('ftp://example.com/x')`, `throws TypeError TypeError: Only HTTP(S) protocols are supported`},
		{"file url", `return await fetch('file:///etc/passwd')`, `throws TypeError TypeError: Only absolute URLs are supported`},
		{"invalid url", `return await fetch('http://')`, `throws TypeError TypeError: Invalid URL code=ERR_INVALID_URL`},
		{"url object", `const r = await fetch({ href: base + '/json' }); return r.status`, `200`},
		{"request object", `const { Request } = require('node-fetch'); const req = new Request(base + '/echo', { method: 'POST', body: 'from request', headers: { 'x-r': '1' } }); const j = await (await fetch(req)).json(); return [req.url, req.method, j.body, j.headers['x-r']]`,
			`["` + srv.URL + `/echo","POST","from request","1"]`},
		{"404 is ok=false", `const r = await fetch(base + '/status/404'); return [r.ok, r.status, r.statusText, await r.text()]`, `[false,404,"Not Found","status body"]`},
		{"gzip", `const r = await fetch(base + '/encoded/gzip'); return [await r.text(), r.headers.get('content-encoding'), r.headers.get('x-accept-encoding')]`,
			`["compressed with gzip","gzip","gzip,deflate"]`},
		{"deflate", `return await (await fetch(base + '/encoded/deflate')).text()`, `"compressed with deflate"`},
		{"raw deflate", `return await (await fetch(base + '/encoded/raw')).text()`, `"compressed with raw"`},
		{"brotli", `return await (await fetch(base + '/encoded/br')).text()`, `"compressed with br"`},
		{"compress false keeps encoding", `const b = await (await fetch(base + '/encoded/gzip', { compress: false })).buffer(); return [b[0], b[1]]`, `[31,139]`},
		{"corrupt gzip", `return await (await fetch(base + '/corrupt-gzip')).text()`,
			`throws FetchError FetchError: Invalid response body while trying to fetch ` + srv.URL + `/corrupt-gzip: incorrect header check type=system code=Z_DATA_ERROR errno=Z_DATA_ERROR`},
		{"truncated gzip", `return await (await fetch(base + '/truncated-gzip')).text()`, `"hello world hello world"`},
		{"premature close", `return await (await fetch(base + '/short-body')).text()`,
			`throws FetchError FetchError: Invalid response body while trying to fetch ` + srv.URL + `/short-body: Premature close type=system code=ERR_STREAM_PREMATURE_CLOSE errno=ERR_STREAM_PREMATURE_CLOSE`},
		{"head", `const r = await fetch(base + '/text', { method: 'HEAD' }); return [r.status, await r.text()]`, `[200,""]`},
		{"clone", `const r = await fetch(base + '/text'); const c = r.clone(); return [await r.text(), await c.text(), c.status, c.url]`, `["héllo wörld","héllo wörld",200,"` + srv.URL + `/text"]`},
		{"clone after use", `const r = await fetch(base + '/text'); await r.text(); return r.clone()`, `throws Error Error: cannot clone body after it is used`},
		{"async iteration of body", `const r = await fetch(base + '/text'); let n = 0; for await (const c of r.body) n += c.length; return n`, `13`},
		{"size limit", `const r = await fetch(base + '/big?n=1000', { size: 100 }); return await r.text()`,
			`throws FetchError FetchError: content size at ` + srv.URL + `/big?n=1000 over limit: 100 type=max-size`},
		{"size limit not reached", `const r = await fetch(base + '/big?n=100', { size: 100 }); return (await r.text()).length`, `100`},
		{"large body", `const r = await fetch(base + '/big?n=20971520'); const b = await r.buffer(); return [b.length, b[0], b[b.length - 1]]`, `[20971520,97,106]`},
		{"body larger than the cap", `const r = await fetch(base + '/big?n=` + strconv.Itoa(MaxFetchBodySize+1) + `'); return await r.arrayBuffer()`,
			`throws FetchError FetchError: content size at ` + srv.URL + `/big?n=` + strconv.Itoa(MaxFetchBodySize+1) + ` over limit: ` + strconv.Itoa(MaxFetchBodySize) + ` type=max-size`},
		{"timeout", `return await fetch(base + '/sleep?ms=2000', { timeout: 50 })`,
			`throws FetchError FetchError: network timeout at: ` + srv.URL + `/sleep?ms=2000 type=request-timeout`},
		{"timeout not reached", `return await (await fetch(base + '/sleep?ms=10', { timeout: 2000 })).text()`, `"slept"`},
		{"body timeout", `const r = await fetch(base + '/slow-body', { timeout: 300 }); return await r.text()`,
			`throws FetchError FetchError: Response timeout while trying to fetch ` + srv.URL + `/slow-body (over 300ms) type=body-timeout`},
		{"buffer is a Buffer", `const b = await (await fetch(base + '/text')).buffer(); return [b.constructor.name, b.toString('hex').slice(0, 6)]`, `["Buffer","68c3a9"]`},
		{"real URLSearchParams body", `const j = await (await fetch(base + '/echo', { method: 'POST', body: new URLSearchParams({ a: '1 2', b: 'é' }) })).json(); return [j.headers['content-type'], j.body]`,
			`["application/x-www-form-urlencoded;charset=UTF-8","a=1+2&b=%C3%A9"]`},
		{"URL object input", `const r = await fetch(new URL('/json?q=1', base)); return [r.status, r.url]`, `[200,"` + srv.URL + `/json?q=1"]`},
		{"Buffer body", `const j = await (await fetch(base + '/echo', { method: 'POST', body: Buffer.from('buf') })).json(); return [j.body, j.headers['content-type'], j.headers['content-length']]`, `["buf",null,"3"]`},
		{"header value above latin-1", `return await fetch(base + '/echo', { headers: { 'x-a': 'ĀB' } })`, `throws TypeError TypeError: ĀB is not a legal HTTP header value`},
		{"latin-1 header value", `const j = await (await fetch(base + '/echo', { headers: { 'x-a': 'café' } })).json(); return escape(j.headers['x-a'])`, `"caf%uFFFD"`},
		{"redirected response clone", `const r = await fetch(base + '/chain/1'); return [r.redirected, r.clone().redirected]`, `[true,false]`},
		{"system error keys", `try { await fetch('http://127.0.0.1:1/') } catch (e) { return Object.keys(e) }`, `["message","type","errno","code"]`},
		{"errors are node-fetch's", `const f = require('node-fetch'); const e = new f.FetchError('m', 't', { code: 'X' }); const a = new f.AbortError('n'); return [e instanceof Error, e instanceof f.FetchError, String(e), e.type, e.code, e.errno, Object.keys(e).join(), a instanceof Error, a.name, a.type, e.stack.split('\n')[0]]`,
			`[true,true,"FetchError: m","t","X","X","message,type,errno,code",true,"AbortError","aborted","FetchError: m"]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := fetchRunWith(t, Options{HTTP: fetchTestClient()}, srv.URL, tc.body)
			if strings.HasSuffix(tc.want, "reason: ") {
				assert.True(t, strings.HasPrefix(got, tc.want), "got %s", got)
				return
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestFetchRedirects(t *testing.T) {
	srv := fetchTestServer(t)
	u := srv.URL
	cases := []struct{ name, body, want string }{
		{"301 get", `const r = await fetch(base + '/redirect/301?to=/json'); return [r.status, r.url, r.redirected, await r.json()]`,
			`[200,"` + u + `/json",true,{"a":1,"b":[true,null,"x"]}]`},
		{"302 post becomes get", `const j = await (await fetch(base + '/redirect/302?to=/echo', { method: 'POST', body: 'abc' })).json(); return [j.method, j.body, j.headers['content-length'] === undefined, j.headers['content-type']]`,
			`["GET","",true,"text/plain;charset=UTF-8"]`},
		{"301 put keeps method and body", `const j = await (await fetch(base + '/redirect/301?to=/echo', { method: 'PUT', body: 'abc' })).json(); return [j.method, j.body]`, `["PUT","abc"]`},
		{"303 always get", `const j = await (await fetch(base + '/redirect/303?to=/echo', { method: 'PUT', body: 'abc' })).json(); return [j.method, j.body]`, `["GET",""]`},
		{"307 keeps post", `const j = await (await fetch(base + '/redirect/307?to=/echo', { method: 'POST', body: 'abc' })).json(); return [j.method, j.body]`, `["POST","abc"]`},
		{"308 keeps post", `const j = await (await fetch(base + '/redirect/308?to=/echo', { method: 'POST', body: 'abc' })).json(); return [j.method, j.body]`, `["POST","abc"]`},
		{"relative location", `const r = await fetch(base + '/redirect/302?to=../text'); return [r.url, await r.text()]`, `["` + u + `/text","héllo wörld"]`},
		{"absolute location", `const r = await fetch(base + '/redirect/302?to=' + encodeURIComponent(base + '/text?x=1')); return r.url`, `"` + u + `/text?x=1"`},
		{"chain", `const r = await fetch(base + '/chain/5'); return [r.url, r.redirected, await r.text()]`, `["` + u + `/chain/0",true,"end of chain"]`},
		{"chain of 20 is allowed", `const r = await fetch(base + '/chain/20'); return r.url`, `"` + u + `/chain/0"`},
		{"chain of 21 is too long", `return await fetch(base + '/chain/21')`, `throws FetchError FetchError: maximum redirect reached at: ` + u + `/chain/1 type=max-redirect`},
		{"loop", `return await fetch(base + '/loop')`, `throws FetchError FetchError: maximum redirect reached at: ` + u + `/loop type=max-redirect`},
		{"follow limit", `return await fetch(base + '/chain/3', { follow: 2 })`, `throws FetchError FetchError: maximum redirect reached at: ` + u + `/chain/1 type=max-redirect`},
		{"follow 0", `return await fetch(base + '/chain/1', { follow: 0 })`, `throws FetchError FetchError: maximum redirect reached at: ` + u + `/chain/1 type=max-redirect`},
		{"manual", `const r = await fetch(base + '/redirect/301?to=/json', { redirect: 'manual' }); return [r.status, r.headers.get('location'), r.redirected, await r.text()]`,
			`[301,"` + u + `/json",false,"redirecting"]`},
		{"error", `return await fetch(base + '/redirect/302?to=/json', { redirect: 'error' })`,
			`throws FetchError FetchError: uri requested responds with a redirect, redirect mode is set to error: ` + u + `/redirect/302?to=/json type=no-redirect`},
		{"no location", `const r = await fetch(base + '/no-location'); return [r.status, r.redirected]`, `[302,false]`},
		{"invalid location", `return await fetch(base + '/redirect/302?to=' + encodeURIComponent('http://'))`,
			`throws FetchError FetchError: uri requested responds with an invalid redirect URL: http:// type=invalid-redirect`},
		{"authorization dropped across hosts", `const other = base.replace('127.0.0.1', 'localhost'); const j = await (await fetch(base + '/redirect/302?to=' + encodeURIComponent(other + '/echo'), { headers: { Authorization: 'secret', 'X-Keep': '1' } })).json(); return [j.headers.authorization === undefined, j.headers['x-keep']]`,
			`[true,"1"]`},
		{"authorization kept on same host", `const j = await (await fetch(base + '/redirect/302?to=/echo', { headers: { Authorization: 'secret' } })).json(); return j.headers.authorization`, `"secret"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, fetchRunWith(t, Options{HTTP: fetchTestClient()}, u, tc.body))
		})
	}
}

func TestFetchConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	got := fetchRunWith(t, Options{HTTP: fetchTestClient()}, "http://"+addr, `return await fetch(base + '/x')`)
	assert.Equal(t, "throws FetchError FetchError: request to http://"+addr+"/x failed, reason: connect ECONNREFUSED "+addr+" type=system code=ECONNREFUSED errno=ECONNREFUSED", got)
}

func TestFetchTLSErrors(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "secure")
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // failed handshakes are the point
	srv.StartTLS()
	defer srv.Close()
	plain := fetchTestServer(t)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	trusted := srv.Client()
	trusted.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	cases := []struct {
		name   string
		client HTTPDoer
		url    string
		want   string
	}{
		{"trusted", trusted, srv.URL + "/", `"secure"`},
		{"self-signed", fetchTestClient(), srv.URL + "/",
			"throws FetchError FetchError: request to " + srv.URL + "/ failed, reason: self-signed certificate type=system code=DEPTH_ZERO_SELF_SIGNED_CERT errno=DEPTH_ZERO_SELF_SIGNED_CERT"},
		{"wrong host", trusted, "https://localhost:" + port + "/",
			"throws FetchError FetchError: request to https://localhost:" + port + "/ failed, reason: Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:example.com, DNS:*.example.com, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1 type=system code=ERR_TLS_CERT_ALTNAME_INVALID errno=ERR_TLS_CERT_ALTNAME_INVALID"},
		{"not tls", fetchTestClient(), strings.Replace(plain.URL, "http:", "https:", 1) + "/",
			"throws FetchError FetchError: request to " + strings.Replace(plain.URL, "http:", "https:", 1) + "/ failed, reason: write EPROTO error:0A00010B:SSL routines:ssl3_get_record:wrong version number type=system code=EPROTO errno=EPROTO"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, fetchRunWith(t, Options{HTTP: tc.client}, tc.url, `return await (await fetch(base)).text()`))
		})
	}
}

func TestFetchSystemError(t *testing.T) {
	cases := []struct {
		err       error
		msg, code string
	}{
		{&net.DNSError{Name: "nonexistent.invalid", IsNotFound: true}, "getaddrinfo ENOTFOUND nonexistent.invalid", "ENOTFOUND"},
		{&net.DNSError{Name: "slow.example", IsTimeout: true}, "getaddrinfo EAI_AGAIN slow.example", "EAI_AGAIN"},
		{&net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.ParseIP("::1"), Port: 81}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, "connect ECONNREFUSED ::1:81", "ECONNREFUSED"},
		{&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, "read ECONNRESET", "ECONNRESET"},
		{&net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.ParseIP("10.0.0.1"), Port: 80}, Err: os.ErrDeadlineExceeded}, "connect ETIMEDOUT 10.0.0.1:80", "ETIMEDOUT"},
		{&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("address 10.0.0.1 is not allowed (private)")}, "address 10.0.0.1 is not allowed (private)", ""},
		{fmt.Errorf("Get x: %w", io.EOF), "socket hang up", "ECONNRESET"},
	}
	for _, tc := range cases {
		msg, code := fetchSystemError(tc.err)
		assert.Equal(t, tc.msg, msg, "%v", tc.err)
		assert.Equal(t, tc.code, code, "%v", tc.err)
	}
}

func TestFetchWithoutClient(t *testing.T) {
	got := fetchRunWith(t, Options{}, "http://example.com", `return await fetch(base + '/x')`)
	assert.Equal(t, "throws FetchError FetchError: request to http://example.com/x failed, reason: no HTTP client is configured for fetch type=system", got)
}

func TestFetchAbort(t *testing.T) {
	srv := fetchTestServer(t)
	cases := []struct{ name, body, want string }{
		{"already aborted", `const c = new AbortController(); c.abort(); return await fetch(base + '/json', { signal: c.signal })`,
			`throws AbortError AbortError: The user aborted a request. type=aborted`},
		{"aborted while waiting", `const c = new AbortController(); const p = fetch(base + '/sleep?ms=5000', { signal: c.signal }); await null; c.abort(); return await p`,
			`throws AbortError AbortError: The user aborted a request. type=aborted`},
		{"aborted before reading a large body", `const c = new AbortController(); const r = await fetch(base + '/big?n=1000000', { signal: c.signal }); c.abort(); return await r.text()`,
			`throws AbortError AbortError: The user aborted a request. type=aborted`},
		{"aborted after a small body arrived", `const c = new AbortController(); const r = await fetch(base + '/slow-body', { signal: c.signal }); c.abort(); return await r.text()`,
			`throws AbortError AbortError: The user aborted a request. type=aborted`},
		{"not a signal", `return await fetch(base + '/json', { signal: {} })`, `throws TypeError TypeError: Expected signal to be an instanceof AbortSignal`},
		{"timeout signal", `return await fetch(base + '/sleep?ms=5000', { signal: AbortSignal.timeout(50) })`,
			`throws AbortError AbortError: The user aborted a request. type=aborted`},
		{"timeout signal not reached", `const s = AbortSignal.timeout(5000); const r = await fetch(base + '/json', { signal: s }); return [r.status, s.aborted]`, `[200,false]`},
		{"timeout signal state", `const s = AbortSignal.timeout(50); try { await fetch(base + '/sleep?ms=5000', { signal: s }) } catch (e) {}; return [s.aborted, s.reason.name, s.reason.message, s.reason.code]`,
			`[true,"TimeoutError","The operation was aborted due to timeout",23]`},
		{"abort controller", `const c = new AbortController(); const seen = []; c.signal.addEventListener('abort', (e) => seen.push(e.type)); c.signal.onabort = () => seen.push('on'); c.abort(); c.abort(); return [seen, c.signal.aborted, c.signal.reason.name, c.signal.reason.code, c.signal.reason instanceof Error, String(c.signal), String(c)]`,
			`[["abort","on"],true,"AbortError",20,true,"[object AbortSignal]","[object AbortController]"]`},
		{"abort classes", `const c = new AbortController(); return [c.signal instanceof AbortSignal, Object.keys(c), Object.keys(c.signal), AbortSignal.name, AbortController.name, c.signal.onabort, c.signal.reason]`,
			`[true,[],[],"AbortSignal","AbortController",null,null]`},
		{"abort listeners", `const c = new AbortController(); const seen = []; const f = () => seen.push('f'); c.signal.addEventListener('abort', f); c.signal.addEventListener('abort', f); c.signal.addEventListener('abort', { handleEvent(e) { seen.push('h:' + e.type) } }); c.signal.addEventListener('abort', () => seen.push('once'), { once: true }); const g = () => seen.push('g'); c.signal.addEventListener('abort', g); c.signal.removeEventListener('abort', g); c.signal.addEventListener('other', () => seen.push('other')); c.abort('r'); return [seen, c.signal.reason]`,
			`[["f","h:abort","once"],"r"]`},
		{"abort signal statics", `const s = AbortSignal.abort('why'); let thrown; try { s.throwIfAborted() } catch (e) { thrown = e }; let illegal; try { new AbortSignal() } catch (e) { illegal = e.message + ' ' + e.code }; return [s.aborted, s.reason, thrown, illegal]`,
			`[true,"why","why","Illegal constructor ERR_ILLEGAL_CONSTRUCTOR"]`},
		{"abort signal timeout validation", `const out = []; for (const v of ['x', -1, 1.5]) { try { AbortSignal.timeout(v) } catch (e) { out.push(e.name + ': ' + e.message + ' ' + e.code) } }; return out`,
			`["TypeError: The \"delay\" argument must be of type number. Received type string ('x') ERR_INVALID_ARG_TYPE","RangeError: The value of \"delay\" is out of range. It must be >= 0 && <= 4294967295. Received -1 ERR_OUT_OF_RANGE","RangeError: The value of \"delay\" is out of range. It must be an integer. Received 1.5 ERR_OUT_OF_RANGE"]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, fetchRunWith(t, Options{HTTP: fetchTestClient()}, srv.URL, tc.body))
		})
	}
}

func TestFetchCallDeadline(t *testing.T) {
	srv := fetchTestServer(t)
	in := newInstance(t, "index.js", fmt.Sprintf(fetchPlugin, `return await fetch(base + '/sleep?ms=5000')`), Options{HTTP: fetchTestClient(), Timeout: 100 * time.Millisecond})
	start := time.Now()
	_, err := in.CallEvent(context.Background(), "processEvent", event(t, fmt.Sprintf(`{"properties":{"base":%q}}`, srv.URL)))
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	assert.Less(t, time.Since(start), 2*time.Second)
	// The instance still works afterwards.
	assert.Equal(t, `"slept"`, fetchCall(t, newInstance(t, "index.js", fmt.Sprintf(fetchPlugin, `return await (await fetch(base + '/sleep?ms=1')).text()`), Options{HTTP: fetchTestClient()}), srv.URL))
}

func TestFetchConstructors(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"module is fetch", `const m = require('node-fetch'); return [typeof m, m === fetch, m.default === m, typeof m.Headers, typeof m.Request, typeof m.Response, typeof m.FetchError, typeof m.AbortError, m.isRedirect(301)]`,
			`["function",true,true,"function","function","function","function","function",true]`},
		{"response from string", `const { Response } = require('node-fetch'); const r = new Response('{"x":1}', { status: 201, headers: { 'X-A': 'b' } }); return [r.status, r.statusText, r.ok, r.url, r.headers.get('content-type'), r.headers.get('x-a'), await r.json(), r.bodyUsed]`,
			`[201,"Created",true,"","text/plain;charset=UTF-8","b",{"x":1},true]`},
		{"response defaults", `const { Response } = require('node-fetch'); const r = new Response(); return [r.status, r.statusText, r.ok, r.body, await r.text(), Object.keys(r).join(), String(r)]`,
			`[200,"OK",true,null,"","size,timeout","[object Response]"]`},
		{"response from buffer", `const { Response } = require('node-fetch'); const r = new Response(new Uint8Array([1, 2, 3]), { status: 500, statusText: 'Boom' }); const b = await r.buffer(); return [r.ok, r.statusText, r.headers.get('content-type'), b.length, b[2]]`,
			`[false,"Boom",null,3,3]`},
		{"response clone", `const { Response } = require('node-fetch'); const r = new Response('abc'); const c = r.clone(); return [await r.text(), await c.text()]`, `["abc","abc"]`},
		{"response blob", `const { Response } = require('node-fetch'); const b = await new Response('abcd', { headers: { 'content-type': 'Text/Plain' } }).blob(); return [b.size, b.type, await b.text(), await b.slice(1, 3).text(), String(b)]`,
			`[4,"text/plain","abcd","bc","[object Blob]"]`},
		{"headers", `const { Headers } = require('node-fetch'); const h = new Headers({ 'B': '2', a: '1' }); h.append('b', '3'); h.set('C', 'x'); h.delete('a'); const seen = []; h.forEach((v, k) => seen.push(k + '=' + v)); return [seen, [...h.entries()], [...h.values()], h.get('B'), h.get('missing'), h.has('c'), Object.keys(h.raw()), String(h)]`,
			`[["b=2, 3","c=x"],[["b","2, 3"],["c","x"]],["2, 3","x"],"2, 3",null,true,["B","C"],"[object Headers]"]`},
		{"headers copy", `const { Headers } = require('node-fetch'); const a = new Headers([['x', '1'], ['x', '2']]); const b = new Headers(a); b.append('x', '3'); return [a.get('x'), b.get('x')]`, `["1, 2","1, 2, 3"]`},
		{"headers validation", `const { Headers } = require('node-fetch'); const out = []; for (const f of [() => new Headers({ 'bad name': 'x' }), () => new Headers({ x: 'a\nb' }), () => new Headers(5), () => new Headers([['a']]), () => new Headers().get('')]) { try { f(); out.push('ok') } catch (e) { out.push(e.name + ': ' + e.message) } }; return out`,
			`["TypeError: bad name is not a legal HTTP header name","TypeError: a\nb is not a legal HTTP header value","TypeError: Provided initializer must be an object","TypeError: Each header pair must be a name/value tuple","TypeError:  is not a legal HTTP header name"]`},
		{"request", `const { Request } = require('node-fetch'); const r = new Request('HTTP://Example.COM:80/a?b#c', { method: 'post', body: 'x', headers: { a: '1' } }); const c = r.clone(); return [r.url, r.method, r.redirect, r.follow, r.compress, r.counter, r.headers.get('content-type'), await r.text(), await c.text(), r.signal, String(r)]`,
			`["http://example.com/a?b#c","POST","follow",20,true,0,"text/plain;charset=UTF-8","x","x",null,"[object Request]"]`},
		{"request own properties", `const { Request } = require('node-fetch'); const r = new Request('http://a.example/', { timeout: 5, size: 9, follow: 3 }); return [Object.keys(r), r.timeout, r.size, r.follow]`,
			`[["size","timeout","follow","compress","counter","agent"],5,9,3]`},
		{"response body kinds", `const { Response } = require('node-fetch'); const r = new Response('x'); return [r.body.constructor.name, new Response(null).body, Object.keys(Object.getPrototypeOf(r)).join()]`,
			`["Buffer",null,"url,status,ok,redirected,statusText,headers,clone,body,bodyUsed,arrayBuffer,blob,json,text,buffer,textConverted"]`},
		{"response headers from pairs", `const { Response } = require('node-fetch'); const r = new Response('x', { headers: [['a', '1'], ['A', '2']] }); return [r.headers.get('a'), r.headers.get('content-type')]`, `["1, 2","text/plain;charset=UTF-8"]`},
		{"text converted", `const { Response } = require('node-fetch'); return await new Response('x').textConverted()`, "throws Error Error: The package `encoding` must be installed to use the textConverted() function"},
		{"relative request", `const { Request } = require('node-fetch'); return new Request('/x').url`, `"/x"`},
		{"custom promise", `const f = require('node-fetch'); const p = f('ftp://x'); p.catch(() => {}); return [p instanceof Promise]`, `[true]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, fetchRunWith(t, Options{}, "", tc.body))
		})
	}
}

func TestFetchImportStyles(t *testing.T) {
	srv := fetchTestServer(t)
	for name, src := range map[string]string{
		"esm default": `import fetch from 'node-fetch'
export async function processEvent(e) { e.properties.out = String((await fetch(e.properties.base + '/json')).status); return e }`,
		"esm named": `import fetch, { Headers } from 'node-fetch'
export async function processEvent(e) { e.properties.out = String((await fetch(e.properties.base + '/json', { headers: new Headers({ a: '1' }) })).status); return e }`,
		"typescript": `import fetch, { Response } from 'node-fetch'
export async function processEvent(e: any) { const r: Response = await fetch(e.properties.base + '/json'); e.properties.out = String(r.status); return e }`,
		"require": `const fetch = require('node-fetch')
exports.processEvent = async (e) => { e.properties.out = String((await fetch(e.properties.base + '/json')).status); return e }`,
		"global": `async function processEvent(e) { e.properties.out = String((await fetch(e.properties.base + '/json')).status); return e }`,
	} {
		t.Run(name, func(t *testing.T) {
			file := "index.js"
			if name == "typescript" {
				file = "index.ts"
			}
			in := newInstance(t, file, src, Options{HTTP: fetchTestClient()})
			assert.Equal(t, "200", fetchCall(t, in, srv.URL))
		})
	}
}

func TestFetchConcurrent(t *testing.T) {
	srv := fetchTestServer(t)
	got := fetchRunWith(t, Options{HTTP: fetchTestClient()}, srv.URL, `const rs = await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(base + '/chain/' + (i % 3)).then(r => r.text()))); return rs.filter(t => t === 'end of chain').length`)
	assert.Equal(t, "100", got)
}

// TestFetchUnreadBodies checks that bodies a plugin never reads do not hold the call or leak
// their connections.
func TestFetchUnreadBodies(t *testing.T) {
	srv := fetchTestServer(t)
	in := newInstance(t, "index.js", fmt.Sprintf(fetchPlugin, `const r = await fetch(base + '/big?n=10000000'); return r.status`), Options{HTTP: fetchTestClient()})
	for i := 0; i < 3; i++ {
		start := time.Now()
		assert.Equal(t, "200", fetchCall(t, in, srv.URL))
		assert.Less(t, time.Since(start), 5*time.Second)
	}
}
