package vm

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/dop251/goja"

	"github.com/plugchain/plugchain/internal/wutf8"
)

// fetch and the node-fetch module give plugins node-fetch v2's API (the same object, as on
// PostHog's plugin server). The JavaScript half (fetchSource) is node-fetch's logic: Request
// and Response, Headers, redirects, errors. The Go half sends one HTTP exchange at a time
// through the instance's HTTPDoer and reads response bodies, off the instance's goroutine and
// under the call's deadline.
//
// The HTTPDoer must not follow redirects itself: fetch follows them (node-fetch's rules and
// limits), so each hop is visible, and a guarded client checks every hop's address. An
// *http.Client whose CheckRedirect is nil is used with http.ErrUseLastResponse instead. It
// should also set its transport's DisableCompression, so that compress: false leaves bodies
// encoded as node-fetch does (fetch decodes gzip, deflate and br itself).

// MaxFetchBodySize bounds the response body fetch keeps in memory; a larger body fails to
// read with node-fetch's max-size FetchError, as if the request's size option said so. A
// smaller size option wins.
const MaxFetchBodySize = 64 << 20

// fetchPrefetch is how much of a response body is read before the plugin asks for it, as a
// Node.js stream buffers ahead; small bodies are then complete (and their connection free)
// by the time the plugin reads them.
const fetchPrefetch = 64 << 10

var (
	fetchProgram = builtinProgram("plugchain:fetch", fetchSource)
	abortProgram = builtinProgram("plugchain:abort", abortSource)
)

func init() {
	registerModule("node-fetch", buildFetch)
	// The global is the module itself, as PostHog froze imports['node-fetch'] as fetch.
	registerGlobal("fetch", func(in *Instance) (goja.Value, error) {
		v, _ := in.requireModule("node-fetch")
		return v, nil
	})
	// AbortController and AbortSignal share one set of classes per instance, kept as an
	// internal module (the NUL byte keeps its name out of reach of require).
	registerModule(abortModule, buildAbort)
	for _, name := range []string{"AbortController", "AbortSignal"} {
		name := name
		registerGlobal(name, func(in *Instance) (goja.Value, error) {
			classes, _ := in.requireModule(abortModule)
			return classes.(*goja.Object).Get(name), nil
		})
	}
}

const abortModule = "\x00plugchain/abort"

// buildAbort creates AbortController and AbortSignal.
func buildAbort(in *Instance) (goja.Value, error) {
	factory, err := in.rt.RunProgram(abortProgram())
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(factory)
	report := in.rt.ToValue(func(call goja.FunctionCall) goja.Value {
		in.log("error", "Uncaught exception in an abort listener: "+safeString(call.Argument(0)))
		return goja.Undefined()
	})
	domException, _ := in.requireModule(domExceptionModule)
	return fn(goja.Undefined(), report, domException)
}

// fetchStatusCodes is Node.js's http.STATUS_CODES, the default statusText of a Response.
var fetchStatusCodes = map[string]string{
	"100": "Continue",
	"101": "Switching Protocols",
	"102": "Processing",
	"103": "Early Hints",
	"200": "OK",
	"201": "Created",
	"202": "Accepted",
	"203": "Non-Authoritative Information",
	"204": "No Content",
	"205": "Reset Content",
	"206": "Partial Content",
	"207": "Multi-Status",
	"208": "Already Reported",
	"226": "IM Used",
	"300": "Multiple Choices",
	"301": "Moved Permanently",
	"302": "Found",
	"303": "See Other",
	"304": "Not Modified",
	"305": "Use Proxy",
	"307": "Temporary Redirect",
	"308": "Permanent Redirect",
	"400": "Bad Request",
	"401": "Unauthorized",
	"402": "Payment Required",
	"403": "Forbidden",
	"404": "Not Found",
	"405": "Method Not Allowed",
	"406": "Not Acceptable",
	"407": "Proxy Authentication Required",
	"408": "Request Timeout",
	"409": "Conflict",
	"410": "Gone",
	"411": "Length Required",
	"412": "Precondition Failed",
	"413": "Payload Too Large",
	"414": "URI Too Long",
	"415": "Unsupported Media Type",
	"416": "Range Not Satisfiable",
	"417": "Expectation Failed",
	"418": "I'm a Teapot",
	"421": "Misdirected Request",
	"422": "Unprocessable Entity",
	"423": "Locked",
	"424": "Failed Dependency",
	"425": "Too Early",
	"426": "Upgrade Required",
	"428": "Precondition Required",
	"429": "Too Many Requests",
	"431": "Request Header Fields Too Large",
	"451": "Unavailable For Legal Reasons",
	"500": "Internal Server Error",
	"501": "Not Implemented",
	"502": "Bad Gateway",
	"503": "Service Unavailable",
	"504": "Gateway Timeout",
	"505": "HTTP Version Not Supported",
	"506": "Variant Also Negotiates",
	"507": "Insufficient Storage",
	"508": "Loop Detected",
	"509": "Bandwidth Limit Exceeded",
	"510": "Not Extended",
	"511": "Network Authentication Required",
}

// fetcher is one instance's Go side of fetch.
type fetcher struct {
	in   *Instance
	doer HTTPDoer
}

// buildFetch runs node-fetch's JavaScript half with its host functions.
func buildFetch(in *Instance) (goja.Value, error) {
	f := &fetcher{in: in, doer: in.http}
	if c, ok := f.doer.(*http.Client); ok && c.CheckRedirect == nil {
		cc := *c
		cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		f.doer = &cc
	}
	factory, err := in.rt.RunProgram(fetchProgram())
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(factory)
	host := in.rt.NewObject()
	set := func(name string, f func(goja.FunctionCall) goja.Value) {
		_ = host.Set(name, f)
	}
	set("send", f.send)
	set("encode", func(call goja.FunctionCall) goja.Value {
		return in.newBuffer([]byte(call.Argument(0).String()))
	})
	set("decode", func(call goja.FunctionCall) goja.Value {
		b, _ := in.bytesOf(call.Argument(0))
		return in.rt.ToValue(wutf8.String(b))
	})
	set("toBuffer", func(call goja.FunctionCall) goja.Value {
		b, _ := in.bytesOf(call.Argument(0))
		return in.newBuffer(b)
	})
	set("alloc0", func(goja.FunctionCall) goja.Value {
		return in.newBuffer([]byte{})
	})
	set("concat", func(call goja.FunctionCall) goja.Value {
		arr := call.Argument(0).ToObject(in.rt)
		n := int(arr.Get("length").ToInteger())
		var out []byte
		for i := 0; i < n; i++ {
			b, _ := in.bytesOf(arr.Get(strconv.Itoa(i)))
			out = append(out, b...)
		}
		if out == nil {
			out = []byte{}
		}
		return in.newBuffer(out)
	})
	set("statusText", func(call goja.FunctionCall) goja.Value {
		if text, ok := fetchStatusCodes[call.Argument(0).String()]; ok {
			return in.rt.ToValue(text)
		}
		return goja.Undefined()
	})
	set("urlClass", func(goja.FunctionCall) goja.Value {
		// The URL global, when the runtime has one, parses exactly as Node.js's.
		if _, ok := builtinGlobals["URL"]; !ok {
			return goja.Undefined()
		}
		if _, ok := goja.AssertFunction(in.rt.GlobalObject().Get("URL")); ok {
			return in.rt.GlobalObject().Get("URL")
		}
		return goja.Undefined()
	})
	set("parseURL", func(call goja.FunctionCall) goja.Value {
		input := call.Argument(0).String()
		base := ""
		hasBase := !goja.IsUndefined(call.Argument(1))
		if hasBase {
			base = call.Argument(1).String()
		}
		u, ok := fetchParseURL(input, base, hasBase)
		if !ok {
			e := in.newError("TypeError", "Invalid URL")
			_ = e.Set("code", "ERR_INVALID_URL")
			_ = e.Set("input", input)
			panic(e)
		}
		o := in.rt.NewObject()
		_ = o.Set("href", u.String())
		_ = o.Set("protocol", u.Scheme+":")
		_ = o.Set("hostname", u.Hostname())
		return o
	})
	v, err := fn(goja.Undefined(), host)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// fetchRequest is one HTTP exchange as fetch's JavaScript half describes it.
type fetchRequest struct {
	method, url string
	headers     []string // name, value, ...
	body        []byte   // nil: no body
	timeout     time.Duration
	abortAfter  time.Duration // the signal's deadline (AbortSignal.timeout); negative: none
	compress    bool
	limit       int64
}

// fetchResult is the outcome of an exchange: an error of some kind, or a response.
type fetchResult struct {
	kind, message, code string // kind: "system", "timeout" or "aborted"
	status              int
	statusText          string
	headers             []string
	body                *fetchBody
}

// fetchExchange lets JavaScript cancel an exchange in flight (an abort, or a redirect or an
// error that finished the request).
type fetchExchange struct {
	mu       sync.Mutex
	cancel   context.CancelFunc
	canceled bool
}

func (x *fetchExchange) start(cancel context.CancelFunc) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.cancel = cancel
	return !x.canceled
}

func (x *fetchExchange) abort() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.canceled = true
	if x.cancel != nil {
		x.cancel()
	}
}

func (x *fetchExchange) aborted() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.canceled
}

// millis converts a JavaScript millisecond count; anything not a positive number is zero.
func millis(v goja.Value) time.Duration {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0
	}
	ms := v.ToFloat()
	if !(ms > 0) {
		return 0
	}
	if ms > float64(1<<62/time.Millisecond) {
		ms = float64(1 << 62 / time.Millisecond)
	}
	return time.Duration(ms * float64(time.Millisecond))
}

// send starts an exchange: send(desc, callback) calls back with the response or an error
// description, and returns a function that cancels the exchange.
func (f *fetcher) send(call goja.FunctionCall) goja.Value {
	in := f.in
	desc := call.Argument(0).ToObject(in.rt)
	cb, _ := goja.AssertFunction(call.Argument(1))
	r := &fetchRequest{
		method:   desc.Get("method").String(),
		url:      desc.Get("url").String(),
		timeout:  millis(desc.Get("timeout")),
		compress: desc.Get("compress").ToBoolean(),
		limit:    MaxFetchBodySize,
	}
	if after := desc.Get("abortAfter").ToFloat(); after >= 0 {
		r.abortAfter = millis(desc.Get("abortAfter"))
	} else {
		r.abortAfter = -1
	}
	if size := desc.Get("size").ToFloat(); size > 0 && size < MaxFetchBodySize {
		r.limit = int64(size)
	}
	if hs, ok := desc.Get("headers").(*goja.Object); ok {
		n := int(hs.Get("length").ToInteger())
		r.headers = make([]string, n)
		for i := range r.headers {
			r.headers[i] = fetchLatin1Encode(hs.Get(strconv.Itoa(i)).String())
		}
	}
	if b, ok := in.bytesOf(desc.Get("body")); ok {
		// A copy: the plugin may change its buffer while the request is on its way.
		r.body = append([]byte{}, b...)
	}
	x := &fetchExchange{}
	in.startOp(func(ctx context.Context) func() {
		res := f.exchange(ctx, r, x)
		if ctx.Err() != nil {
			return nil // the call is over: its deadline, not this request, failed it
		}
		return func() {
			if _, err := cb(goja.Undefined(), f.resultToJS(res)); err != nil {
				panic(err)
			}
		}
	})
	return in.rt.ToValue(func(goja.FunctionCall) goja.Value {
		x.abort()
		return goja.Undefined()
	})
}

// exchange sends one request and returns its response, whose body the returned fetchBody
// goes on reading in the background.
func (f *fetcher) exchange(ctx context.Context, r *fetchRequest, x *fetchExchange) fetchResult {
	if f.doer == nil {
		return fetchResult{kind: "system", message: "no HTTP client is configured for fetch"}
	}
	reqCtx, cancel := context.WithCancel(ctx)
	if !x.start(cancel) {
		cancel()
		return fetchResult{kind: "aborted"}
	}
	var timedOut, expired atomic.Bool
	var timers []*time.Timer
	if r.timeout > 0 {
		timers = append(timers, time.AfterFunc(r.timeout, func() { timedOut.Store(true); cancel() }))
	}
	if r.abortAfter >= 0 {
		timers = append(timers, time.AfterFunc(r.abortAfter, func() { expired.Store(true); cancel() }))
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(reqCtx, r.method, r.url, body)
	if err != nil {
		cancel()
		return fetchResult{kind: "system", message: err.Error()}
	}
	for i := 0; i+1 < len(r.headers); i += 2 {
		name, value := r.headers[i], r.headers[i+1]
		if strings.EqualFold(name, "host") {
			req.Host = value
			continue
		}
		req.Header.Add(name, value)
	}
	resp, err := f.doer.Do(req)
	for _, t := range timers {
		t.Stop()
	}
	if err == nil && (timedOut.Load() || expired.Load() || x.aborted()) {
		resp.Body.Close()
		err = context.Canceled
	}
	if err != nil {
		cancel()
		switch {
		case timedOut.Load():
			return fetchResult{kind: "timeout"}
		case expired.Load() || x.aborted():
			return fetchResult{kind: "aborted"}
		}
		msg, code := fetchSystemError(err)
		return fetchResult{kind: "system", message: msg, code: code}
	}
	coding := ""
	if r.compress && r.method != "HEAD" && resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusNotModified {
		coding = strings.Join(resp.Header.Values("Content-Encoding"), ", ")
	}
	b := &fetchBody{
		ctx:    reqCtx,
		cancel: cancel,
		limit:  r.limit,
		want:   make(chan struct{}),
		done:   make(chan struct{}),
	}
	go b.pump(resp, coding)
	return fetchResult{
		status:     resp.StatusCode,
		statusText: fetchLatin1Decode(strings.TrimPrefix(strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)), " ")),
		headers:    fetchResponseHeaders(resp),
		body:       b,
	}
}

// resultToJS describes an exchange's outcome to fetch's JavaScript half.
func (f *fetcher) resultToJS(res fetchResult) goja.Value {
	rt := f.in.rt
	o := rt.NewObject()
	if res.kind != "" {
		_ = o.Set("kind", res.kind)
		_ = o.Set("message", res.message)
		if res.code != "" {
			_ = o.Set("code", res.code)
		}
		return o
	}
	_ = o.Set("status", res.status)
	_ = o.Set("statusText", res.statusText)
	hs := make([]any, len(res.headers))
	for i, h := range res.headers {
		hs[i] = h
	}
	_ = o.Set("headers", rt.NewArray(hs...))
	_ = o.Set("body", f.bodyHandle(res.body))
	return o
}

// fetchDuplicateRules says how Node.js's http module combines a response header that occurs
// more than once: these keep the first value, set-cookie keeps all, cookie joins with "; ",
// the rest join with ", ".
var fetchFirstValueOnly = map[string]bool{
	"age": true, "authorization": true, "content-length": true, "content-type": true, "etag": true,
	"expires": true, "from": true, "host": true, "if-modified-since": true, "if-unmodified-since": true,
	"last-modified": true, "location": true, "max-forwards": true, "proxy-authorization": true,
	"referer": true, "retry-after": true, "server": true, "user-agent": true,
}

// fetchResponseHeaders lists a response's headers as node-fetch sees them: lower-case names,
// repeated headers combined as Node.js does, values as Latin-1 text.
func fetchResponseHeaders(resp *http.Response) []string {
	byName := make(map[string][]string, len(resp.Header)+1)
	for k, vs := range resp.Header {
		name := strings.ToLower(k)
		byName[name] = append(byName[name], vs...)
	}
	if len(resp.TransferEncoding) > 0 && byName["transfer-encoding"] == nil {
		// Go moves Transfer-Encoding out of the header; Node.js shows it.
		byName["transfer-encoding"] = []string{strings.Join(resp.TransferEncoding, ", ")}
	}
	names := make([]string, 0, len(byName))
	for name := range byName {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]string, 0, 2*len(names)+2)
	for _, name := range names {
		vs := byName[name]
		if len(vs) == 0 {
			continue
		}
		switch {
		case name == "set-cookie":
			for _, v := range vs {
				out = append(out, name, fetchLatin1Decode(v))
			}
			continue
		case fetchFirstValueOnly[name]:
			vs = vs[:1]
		case name == "cookie":
			vs = []string{strings.Join(vs, "; ")}
		default:
			vs = []string{strings.Join(vs, ", ")}
		}
		out = append(out, name, fetchLatin1Decode(vs[0]))
	}
	return out
}

// fetchLatin1Decode turns header bytes into the text Node.js shows: one character per byte.
func fetchLatin1Decode(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			r := make([]rune, len(s))
			for j := 0; j < len(s); j++ {
				r[j] = rune(s[j])
			}
			return string(r)
		}
	}
	return s
}

// fetchLatin1Encode turns header text into the bytes Node.js sends: one byte per character
// (node-fetch's Headers allow nothing above U+00FF).
func fetchLatin1Encode(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			b := make([]byte, 0, len(s))
			for _, r := range s {
				b = append(b, byte(r))
			}
			return string(b)
		}
	}
	return s
}

// fetchBody is a response body being read in the background: up to fetchPrefetch bytes at
// once, the rest when the plugin asks for it, at most limit bytes (decoded). Clones of a
// response share it.
type fetchBody struct {
	ctx    context.Context // the exchange's; canceling it stops the transfer
	cancel context.CancelFunc
	limit  int64

	want     chan struct{} // closed when the plugin reads the body
	wantOnce sync.Once
	done     chan struct{} // closed when the fields below are final

	data []byte
	over bool  // the body is larger than limit
	err  error // *fetchBodyError, errFetchAborted or errFetchCallEnded

	mu       sync.Mutex
	finished bool // the transfer is over: abort has no effect
	aborted  bool
	reads    int
}

// fetchBodyError is a failure reading or decoding a body, as node-fetch reports it.
type fetchBodyError struct{ message, code string }

func (e *fetchBodyError) Error() string { return e.message }

var (
	errFetchAborted   = errors.New("aborted")
	errFetchCallEnded = &fetchBodyError{message: "the response body was not read before the plugin call that fetched it ended"}
)

// abort stops a transfer still in progress because the request's signal aborted: reading the
// body then fails with an AbortError. A body already complete stays readable, as in Node.js.
func (b *fetchBody) abort() {
	b.mu.Lock()
	if b.finished {
		b.mu.Unlock()
		return
	}
	b.aborted = true
	b.mu.Unlock()
	b.cancel()
}

// fetchSourceReader records the first error of the connection under a decoder, so a
// transfer that broke can be told from a compressed stream that was cut short.
type fetchSourceReader struct {
	r   io.Reader
	err error
}

func (s *fetchSourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// pump reads the body into memory, decoding coding as node-fetch does.
func (b *fetchBody) pump(resp *http.Response, coding string) {
	defer close(b.done)
	defer b.cancel()
	defer resp.Body.Close()
	src := &fetchSourceReader{r: resp.Body}
	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 && coding == "" {
		buf.Grow(int(min(n, b.limit+1, 8<<20)))
	}
	r, err := fetchDecoder(coding, src)
	chunk := make([]byte, 32<<10)
	wanted := false
	for err == nil {
		if !wanted && buf.Len() >= fetchPrefetch {
			select {
			case <-b.want:
				wanted = true
			case <-b.ctx.Done():
			}
		}
		if err = b.ctx.Err(); err != nil {
			// Data the connection had buffered may still be readable; it must not count.
			break
		}
		var n int
		n, err = r.Read(chunk)
		if int64(buf.Len())+int64(n) > b.limit {
			b.over = true
			b.finish()
			return
		}
		buf.Write(chunk[:n])
	}
	aborted := b.finish()
	switch {
	case aborted:
		b.err = errFetchAborted
	case err == io.EOF:
		b.data = buf.Bytes()
	case b.ctx.Err() != nil:
		b.err = errFetchCallEnded
	case src.err != nil:
		if errors.Is(src.err, io.ErrUnexpectedEOF) {
			b.err = &fetchBodyError{message: "Premature close", code: "ERR_STREAM_PREMATURE_CLOSE"}
		} else {
			msg, code := fetchSystemError(src.err)
			b.err = &fetchBodyError{message: msg, code: code}
		}
	case errors.Is(err, io.ErrUnexpectedEOF):
		// A compressed stream cut short: zlib with Z_SYNC_FLUSH, as node-fetch uses it,
		// returns what it decoded.
		b.data = buf.Bytes()
	default:
		msg, code := fetchDecodeError(err)
		b.err = &fetchBodyError{message: msg, code: code}
	}
}

// finish marks the transfer over and reports whether it was aborted first.
func (b *fetchBody) finish() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.finished = true
	return b.aborted
}

// emptyReader is a body with nothing in it.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, io.EOF }

// fetchDecoder returns a reader decoding coding (node-fetch's exact Content-Encoding values)
// from src. An empty or cut-short stream decodes to what it holds.
func fetchDecoder(coding string, src io.Reader) (io.Reader, error) {
	truncated := func(err error) (io.Reader, error) {
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return emptyReader{}, nil
		}
		return nil, err
	}
	switch coding {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(src)
		if err != nil {
			return truncated(err)
		}
		return zr, nil
	case "deflate", "x-deflate":
		br := bufio.NewReader(src)
		first, err := br.Peek(1)
		if len(first) == 0 {
			return truncated(err)
		}
		// The raw deflate some old servers send instead of zlib, told apart as node-fetch does.
		if first[0]&0x0F != 0x08 {
			return flate.NewReader(br), nil
		}
		zr, err := zlib.NewReader(br)
		if err != nil {
			return truncated(err)
		}
		return zr, nil
	case "br":
		return brotli.NewReader(src), nil
	}
	return src, nil
}

// fetchBrotliFormat lists the brotli decoder errors Node.js reports as format errors.
var fetchBrotliFormat = map[string]bool{
	"EXUBERANT_NIBBLE": true, "RESERVED": true, "EXUBERANT_META_NIBBLE": true, "SIMPLE_HUFFMAN_ALPHABET": true,
	"SIMPLE_HUFFMAN_SAME": true, "CL_SPACE": true, "HUFFMAN_SPACE": true, "CONTEXT_MAP_REPEAT": true,
	"BLOCK_LENGTH_1": true, "BLOCK_LENGTH_2": true, "TRANSFORM": true, "DICTIONARY": true,
	"WINDOW_BITS": true, "PADDING_1": true, "PADDING_2": true, "DISTANCE": true,
}

// fetchDecodeError describes a decoding failure with Node.js's zlib message and code.
func fetchDecodeError(err error) (msg, code string) {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, zlib.ErrHeader):
		return "incorrect header check", "Z_DATA_ERROR"
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zlib.ErrChecksum):
		return "incorrect data check", "Z_DATA_ERROR"
	case errors.Is(err, zlib.ErrDictionary):
		return "Missing dictionary", "Z_NEED_DICT"
	case errors.As(err, &corrupt):
		// zlib names the precise defect; Go's decoder only knows where it is.
		return "invalid block type", "Z_DATA_ERROR"
	}
	if name, ok := strings.CutPrefix(err.Error(), "brotli: "); ok {
		switch {
		case fetchBrotliFormat[name]:
			return "Decompression failed", "ERR__ERROR_FORMAT_" + name
		case name == "excessive input", name == "invalid state":
			return "Decompression failed", ""
		}
		return "Decompression failed", "ERR__ERROR_" + name
	}
	return err.Error(), ""
}

// bodyHandle exposes b to fetch's JavaScript half: read(size, timeout, abortAfter, callback),
// abort() and close().
func (f *fetcher) bodyHandle(b *fetchBody) *goja.Object {
	in := f.in
	h := in.rt.NewObject()
	_ = h.Set("read", func(call goja.FunctionCall) goja.Value {
		size := call.Argument(0).ToFloat()
		timeout := millis(call.Argument(1))
		abortAfter := time.Duration(-1)
		if call.Argument(2).ToFloat() >= 0 {
			abortAfter = millis(call.Argument(2))
		}
		cb, _ := goja.AssertFunction(call.Argument(3))
		in.startOp(func(ctx context.Context) func() {
			res := b.read(ctx, size, timeout, abortAfter)
			if res == nil {
				return nil // the call is over
			}
			return func() {
				var v goja.Value
				if res.kind != "" {
					o := in.rt.NewObject()
					_ = o.Set("kind", res.kind)
					_ = o.Set("message", res.message)
					if res.code != "" {
						_ = o.Set("code", res.code)
					}
					_ = o.Set("limit", res.limit)
					v = o
				} else {
					v = in.newBuffer(res.data)
				}
				if _, err := cb(goja.Undefined(), v); err != nil {
					panic(err)
				}
			}
		})
		return goja.Undefined()
	})
	_ = h.Set("abort", func(goja.FunctionCall) goja.Value {
		b.abort()
		return goja.Undefined()
	})
	_ = h.Set("close", func(goja.FunctionCall) goja.Value {
		b.cancel()
		return goja.Undefined()
	})
	return h
}

// fetchRead is the outcome of reading a body: its bytes, or an error of some kind
// ("max-size", "body-timeout", "aborted" or "system").
type fetchRead struct {
	data                []byte
	kind, message, code string
	limit               int64
}

// read waits for the whole body, for at most timeout (node-fetch's body timeout) and until
// abortAfter (the signal's deadline). size is the response's size option.
func (b *fetchBody) read(ctx context.Context, size float64, timeout, abortAfter time.Duration) *fetchRead {
	b.wantOnce.Do(func() { close(b.want) })
	var timeoutC, abortC <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		timeoutC = t.C
	}
	if abortAfter >= 0 {
		t := time.NewTimer(abortAfter)
		defer t.Stop()
		abortC = t.C
	}
	select {
	case <-b.done:
	case <-timeoutC:
		return &fetchRead{kind: "body-timeout"}
	case <-abortC:
		b.abort()
		return &fetchRead{kind: "aborted"}
	case <-ctx.Done():
		return nil
	}
	if ctx.Err() != nil {
		return nil
	}
	var be *fetchBodyError
	switch {
	case b.err == errFetchAborted:
		return &fetchRead{kind: "aborted"}
	case b.over:
		return &fetchRead{kind: "max-size", limit: b.limit}
	case errors.As(b.err, &be):
		return &fetchRead{kind: "system", message: be.message, code: be.code}
	case size > 0 && float64(len(b.data)) > size:
		return &fetchRead{kind: "max-size", limit: int64(size)}
	}
	b.mu.Lock()
	first := b.reads == 0
	b.reads++
	b.mu.Unlock()
	if first {
		return &fetchRead{data: b.data}
	}
	// Clones get their own memory, as with node-fetch's teed streams.
	return &fetchRead{data: append([]byte{}, b.data...)}
}

// fetchErrnoNames are the system errors Node.js names in network errors.
var fetchErrnoNames = map[syscall.Errno]string{
	syscall.ECONNREFUSED:  "ECONNREFUSED",
	syscall.ECONNRESET:    "ECONNRESET",
	syscall.ECONNABORTED:  "ECONNABORTED",
	syscall.ETIMEDOUT:     "ETIMEDOUT",
	syscall.EHOSTUNREACH:  "EHOSTUNREACH",
	syscall.ENETUNREACH:   "ENETUNREACH",
	syscall.EPIPE:         "EPIPE",
	syscall.EADDRNOTAVAIL: "EADDRNOTAVAIL",
	syscall.EACCES:        "EACCES",
}

// fetchSystemError describes a failed exchange as Node.js's error for it would be: the reason
// node-fetch puts in its message, and the system error code (empty when Node.js would have
// none). Errors without a Node.js counterpart (a guarded client's refusal, say) keep their
// own message.
func fetchSystemError(err error) (msg, code string) {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return "getaddrinfo ENOTFOUND " + dnsErr.Name, "ENOTFOUND"
		}
		return "getaddrinfo EAI_AGAIN " + dnsErr.Name, "EAI_AGAIN"
	}
	var hostErr x509.HostnameError
	if errors.As(err, &hostErr) {
		return fetchHostnameMismatch(hostErr), "ERR_TLS_CERT_ALTNAME_INVALID"
	}
	var authErr x509.UnknownAuthorityError
	if errors.As(err, &authErr) {
		if c := authErr.Cert; c != nil && bytes.Equal(c.RawIssuer, c.RawSubject) {
			return "self-signed certificate", "DEPTH_ZERO_SELF_SIGNED_CERT"
		}
		return "unable to get local issuer certificate", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
	}
	var invalidErr x509.CertificateInvalidError
	if errors.As(err, &invalidErr) && invalidErr.Reason == x509.Expired {
		return "certificate has expired", "CERT_HAS_EXPIRED"
	}
	var recordErr tls.RecordHeaderError
	if errors.As(err, &recordErr) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") {
		// OpenSSL's error for a server that does not speak TLS, without its process details.
		return "write EPROTO error:0A00010B:SSL routines:ssl3_get_record:wrong version number", "EPROTO"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		op := opErr.Op
		if op == "dial" {
			op = "connect"
		}
		addr := ""
		if a, ok := opErr.Addr.(*net.TCPAddr); ok && a != nil {
			addr = " " + a.IP.String() + ":" + strconv.Itoa(a.Port)
		}
		var errno syscall.Errno
		if errors.As(opErr.Err, &errno) {
			if name, ok := fetchErrnoNames[errno]; ok {
				if op != "connect" {
					addr = ""
				}
				return op + " " + name + addr, name
			}
		}
		if op == "connect" && opErr.Timeout() {
			return "connect ETIMEDOUT" + addr, "ETIMEDOUT"
		}
		if opErr.Err != nil {
			return opErr.Err.Error(), ""
		}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		// The server closed the connection without a response.
		return "socket hang up", "ECONNRESET"
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err.Error(), ""
	}
	return err.Error(), ""
}

// fetchHostnameMismatch is Node.js's message for a certificate that does not name the host.
func fetchHostnameMismatch(e x509.HostnameError) string {
	c := e.Certificate
	if c == nil {
		return "Hostname/IP does not match certificate's altnames: " + e.Error()
	}
	if net.ParseIP(e.Host) != nil {
		ips := make([]string, len(c.IPAddresses))
		for i, ip := range c.IPAddresses {
			ips[i] = ip.String()
		}
		return "Hostname/IP does not match certificate's altnames: IP: " + e.Host + " is not in the cert's list: " + strings.Join(ips, ", ")
	}
	// OpenSSL's rendering of the subject alternative names.
	var names []string
	for _, n := range c.DNSNames {
		names = append(names, "DNS:"+n)
	}
	for _, n := range c.EmailAddresses {
		names = append(names, "email:"+n)
	}
	for _, ip := range c.IPAddresses {
		if ip4 := ip.To4(); ip4 != nil {
			names = append(names, "IP Address:"+ip4.String())
			continue
		}
		groups := make([]string, 8)
		for i := range groups {
			groups[i] = strconv.FormatUint(uint64(ip[2*i])<<8|uint64(ip[2*i+1]), 16)
		}
		names = append(names, "IP Address:"+strings.Join(groups, ":"))
	}
	for _, u := range c.URIs {
		names = append(names, "URI:"+u.String())
	}
	return "Hostname/IP does not match certificate's altnames: Host: " + e.Host + ". is not in the cert's altnames: " + strings.Join(names, ", ")
}

// fetchParseURL parses a URL (against base, if hasBase) for fetch when the runtime has no
// URL global: an absolute URL, normalized as WHATWG's parser would for common URLs.
func fetchParseURL(input, base string, hasBase bool) (*url.URL, bool) {
	clean := func(s string) string {
		s = strings.Trim(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
		return strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	}
	ref, err := url.Parse(clean(input))
	if err != nil {
		return nil, false
	}
	u := ref
	if hasBase {
		b, err := url.Parse(clean(base))
		if err != nil || !b.IsAbs() {
			return nil, false
		}
		u = b.ResolveReference(ref)
	}
	if !u.IsAbs() {
		return nil, false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch u.Scheme {
	case "http", "https", "ws", "wss", "ftp":
		if u.Host == "" {
			return nil, false
		}
		host, port := strings.ToLower(u.Hostname()), u.Port()
		defaults := map[string]string{"http": "80", "https": "443", "ws": "80", "wss": "443", "ftp": "21"}
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		if port != "" && port != defaults[u.Scheme] {
			host += ":" + port
		}
		u.Host = host
		if u.Path == "" {
			u.Path = "/"
		}
	}
	return u, true
}

// fetchSource is node-fetch v2.7's JavaScript, adapted: a factory taking the Go host functions.
const fetchSource = `(function (host) {
'use strict';

// node-fetch v2.7 for plugchain: the classes, request normalization, redirects and body
// handling follow node-fetch's lib/index.js; one HTTP exchange (host.send) and reading a
// response body (the handle's read) happen in Go.

const JSONparse = JSON.parse;
const objectToString = Object.prototype.toString;
const kDeadline = Symbol.for('plugchain.abortSignal.deadline');
const kExpire = Symbol.for('plugchain.abortSignal.expire');

// setStack gives err a stack as V8's Error.captureStackTrace would: non-enumerable, starting
// with "name: message", without this file's frames.
function setStack(err) {
	const s = new Error().stack;
	let frames = '';
	if (typeof s === 'string') {
		const lines = s.split('\n');
		for (let i = 1; i < lines.length; i++) {
			if (lines[i] !== '' && lines[i].indexOf('plugchain:fetch') < 0) frames += '\n' + lines[i];
		}
	}
	Object.defineProperty(err, 'stack', { value: err.name + ': ' + err.message + frames, writable: true, configurable: true });
}

function FetchError(message, type, systemError) {
	Error.call(this, message);
	this.message = message;
	this.type = type;
	if (systemError) {
		this.code = this.errno = systemError.code;
	}
	setStack(this);
}
FetchError.prototype = Object.create(Error.prototype);
FetchError.prototype.constructor = FetchError;
FetchError.prototype.name = 'FetchError';

function AbortError(message) {
	Error.call(this, message);
	this.type = 'aborted';
	this.message = message;
	setStack(this);
}
AbortError.prototype = Object.create(Error.prototype);
AbortError.prototype.constructor = AbortError;
AbortError.prototype.name = 'AbortError';

function isBuffer(v) {
	return v instanceof Uint8Array && typeof v.constructor === 'function' && v.constructor.name === 'Buffer';
}

// ---- Blob

const BUFFER = Symbol('buffer');
const TYPE = Symbol('type');

class Blob {
	constructor() {
		this[TYPE] = '';
		const blobParts = arguments[0];
		const options = arguments[1];
		const buffers = [];
		if (blobParts) {
			const a = blobParts;
			const length = Number(a.length);
			for (let i = 0; i < length; i++) {
				const element = a[i];
				let buffer;
				if (isBuffer(element)) {
					buffer = element;
				} else if (ArrayBuffer.isView(element) || element instanceof ArrayBuffer) {
					buffer = host.toBuffer(element);
				} else if (element instanceof Blob) {
					buffer = element[BUFFER];
				} else {
					buffer = host.encode(typeof element === 'string' ? element : String(element));
				}
				buffers.push(buffer);
			}
		}
		this[BUFFER] = host.concat(buffers);
		const type = options && options.type !== undefined && String(options.type).toLowerCase();
		if (type && !/[^\u0020-\u007E]/.test(type)) {
			this[TYPE] = type;
		}
	}
	get size() {
		return this[BUFFER].length;
	}
	get type() {
		return this[TYPE];
	}
	text() {
		return Promise.resolve(host.decode(this[BUFFER]));
	}
	arrayBuffer() {
		const buf = this[BUFFER];
		return Promise.resolve(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
	}
	toString() {
		return '[object Blob]';
	}
	slice() {
		const size = this.size;
		const start = arguments[0];
		const end = arguments[1];
		let relativeStart, relativeEnd;
		if (start === undefined) {
			relativeStart = 0;
		} else if (start < 0) {
			relativeStart = Math.max(size + start, 0);
		} else {
			relativeStart = Math.min(start, size);
		}
		if (end === undefined) {
			relativeEnd = size;
		} else if (end < 0) {
			relativeEnd = Math.max(size + end, 0);
		} else {
			relativeEnd = Math.min(end, size);
		}
		const span = Math.max(relativeEnd - relativeStart, 0);
		const blob = new Blob([], { type: arguments[2] });
		blob[BUFFER] = this[BUFFER].subarray(relativeStart, relativeStart + span);
		return blob;
	}
}
Object.defineProperties(Blob.prototype, {
	size: { enumerable: true },
	type: { enumerable: true },
	slice: { enumerable: true }
});
Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', writable: false, enumerable: false, configurable: true });

// ---- response body streams

const HANDLE = Symbol('handle');
const SIGNAL = Symbol('signal');
// goja has no Symbol.asyncIterator; esbuild's for-await helper then looks for this one.
const asyncIterator = Symbol.asyncIterator || Symbol.for('Symbol.asyncIterator');

// signalRemaining returns the milliseconds left before a timeout signal (AbortSignal.timeout)
// aborts, or -1.
function signalRemaining(signal) {
	const deadline = signal ? signal[kDeadline] : undefined;
	if (typeof deadline !== 'number' || deadline <= 0) return -1;
	return Math.max(0, deadline - Date.now());
}

// ResponseBody is a network response's body, read by Go. It stands for node-fetch's Node.js
// stream: consuming it goes through Body's methods, or async iteration (one chunk).
class ResponseBody {
	constructor(handle, signal) {
		Object.defineProperty(this, HANDLE, { value: handle });
		Object.defineProperty(this, SIGNAL, { value: signal || null });
	}
	[asyncIterator]() {
		const body = this;
		let done = false;
		return {
			next() {
				if (done) return Promise.resolve({ value: undefined, done: true });
				done = true;
				return readBody(body, 0, 0, '').then(function (buf) {
					return { value: buf, done: false };
				});
			},
			return() {
				done = true;
				return Promise.resolve({ value: undefined, done: true });
			},
			[asyncIterator]() {
				return this;
			}
		};
	}
}

// readBody reads a ResponseBody whole: a Buffer, or node-fetch's error for url.
function readBody(body, size, timeout, url) {
	return new BodyPromise(function (resolve, reject) {
		body[HANDLE].read(size, timeout, signalRemaining(body[SIGNAL]), function (res) {
			if (res.kind === undefined) {
				resolve(res);
				return;
			}
			switch (res.kind) {
				case 'max-size':
					reject(new FetchError('content size at ' + url + ' over limit: ' + res.limit, 'max-size'));
					break;
				case 'body-timeout':
					reject(new FetchError('Response timeout while trying to fetch ' + url + ' (over ' + timeout + 'ms)', 'body-timeout'));
					break;
				case 'aborted':
					const signal = body[SIGNAL];
					if (signal && typeof signal[kExpire] === 'function') signal[kExpire]();
					reject(new AbortError('The user aborted a request.'));
					break;
				default:
					reject(new FetchError('Invalid response body while trying to fetch ' + url + ': ' + res.message, 'system', { code: res.code }));
			}
		});
	});
}

// ---- Body mixin

const INTERNALS = Symbol('Body internals');
let BodyPromise = Promise;

function Body(body) {
	const opts = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : {};
	const size = opts.size === undefined ? 0 : opts.size;
	const timeout = opts.timeout === undefined ? 0 : opts.timeout;
	if (body == null) {
		body = null;
	} else if (isURLSearchParams(body)) {
		body = host.encode(body.toString());
	} else if (body instanceof Blob) {
		// kept
	} else if (isBuffer(body)) {
		// kept
	} else if (objectToString.call(body) === '[object ArrayBuffer]') {
		body = host.toBuffer(body);
	} else if (ArrayBuffer.isView(body)) {
		body = host.toBuffer(body);
	} else if (body instanceof ResponseBody) {
		// kept
	} else {
		body = host.encode(String(body));
	}
	this[INTERNALS] = {
		body,
		disturbed: false,
		error: null
	};
	this.size = size;
	this.timeout = timeout;
}

Body.prototype = {
	get body() {
		return this[INTERNALS].body;
	},
	get bodyUsed() {
		return this[INTERNALS].disturbed;
	},
	arrayBuffer() {
		return consumeBody.call(this).then(function (buf) {
			return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
		});
	},
	blob() {
		const ct = this.headers && this.headers.get('content-type') || '';
		return consumeBody.call(this).then(function (buf) {
			const blob = new Blob([], { type: ct.toLowerCase() });
			blob[BUFFER] = buf;
			return blob;
		});
	},
	json() {
		const self = this;
		return consumeBody.call(this).then(function (buffer) {
			try {
				return JSONparse(host.decode(buffer));
			} catch (err) {
				return BodyPromise.reject(new FetchError('invalid json response body at ' + self.url + ' reason: ' + err.message, 'invalid-json'));
			}
		});
	},
	text() {
		return consumeBody.call(this).then(function (buffer) {
			return host.decode(buffer);
		});
	},
	buffer() {
		return consumeBody.call(this);
	},
	textConverted() {
		return consumeBody.call(this).then(function () {
			throw new Error('The package \x60encoding\x60 must be installed to use the textConverted() function');
		});
	}
};

Object.defineProperties(Body.prototype, {
	body: { enumerable: true },
	bodyUsed: { enumerable: true },
	arrayBuffer: { enumerable: true },
	blob: { enumerable: true },
	json: { enumerable: true },
	text: { enumerable: true }
});

Body.mixIn = function (proto) {
	for (const name of Object.getOwnPropertyNames(Body.prototype)) {
		if (!(name in proto)) {
			const desc = Object.getOwnPropertyDescriptor(Body.prototype, name);
			Object.defineProperty(proto, name, desc);
		}
	}
};

function consumeBody() {
	if (this[INTERNALS].disturbed) {
		return BodyPromise.reject(new TypeError('body used already for: ' + this.url));
	}
	this[INTERNALS].disturbed = true;
	if (this[INTERNALS].error) {
		return BodyPromise.reject(this[INTERNALS].error);
	}
	const body = this.body;
	if (body === null) {
		return BodyPromise.resolve(host.alloc0());
	}
	if (body instanceof Blob) {
		return BodyPromise.resolve(host.concat([body[BUFFER]]));
	}
	if (body instanceof Uint8Array) {
		return BodyPromise.resolve(body);
	}
	if (!(body instanceof ResponseBody)) {
		return BodyPromise.resolve(host.alloc0());
	}
	return readBody(body, this.size, this.timeout, this.url);
}

function isURLSearchParams(obj) {
	if (typeof obj !== 'object' || typeof obj.append !== 'function' || typeof obj.delete !== 'function' || typeof obj.get !== 'function' || typeof obj.getAll !== 'function' || typeof obj.has !== 'function' || typeof obj.set !== 'function') {
		return false;
	}
	return obj.constructor.name === 'URLSearchParams' || objectToString.call(obj) === '[object URLSearchParams]' || typeof obj.sort === 'function';
}

function clone(instance) {
	let body = instance.body;
	if (instance.bodyUsed) {
		throw new Error('cannot clone body after it is used');
	}
	if (body instanceof ResponseBody) {
		// Both bodies read the same Go-side data, as node-fetch tees the stream.
		const other = new ResponseBody(body[HANDLE], body[SIGNAL]);
		instance[INTERNALS].body = new ResponseBody(body[HANDLE], body[SIGNAL]);
		body = other;
	}
	return body;
}

function extractContentType(body) {
	if (body === null) {
		return null;
	} else if (typeof body === 'string') {
		return 'text/plain;charset=UTF-8';
	} else if (isURLSearchParams(body)) {
		return 'application/x-www-form-urlencoded;charset=UTF-8';
	} else if (body instanceof Blob) {
		return body.type || null;
	} else if (isBuffer(body)) {
		return null;
	} else if (objectToString.call(body) === '[object ArrayBuffer]') {
		return null;
	} else if (ArrayBuffer.isView(body)) {
		return null;
	} else if (typeof body.getBoundary === 'function') {
		return 'multipart/form-data;boundary=' + body.getBoundary();
	} else if (body instanceof ResponseBody) {
		return null;
	}
	return 'text/plain;charset=UTF-8';
}

function getTotalBytes(instance) {
	const body = instance.body;
	if (body === null) {
		return 0;
	} else if (body instanceof Blob) {
		return body.size;
	} else if (body instanceof Uint8Array) {
		return body.length;
	}
	return null;
}

// ---- Headers

const invalidTokenRegex = /[^\^_\x60a-zA-Z\-0-9!#$%&'*+.|~]/;
const invalidHeaderCharRegex = /[^\t\x20-\x7e\x80-\xff]/;

function validateName(name) {
	name = '' + name;
	if (invalidTokenRegex.test(name) || name === '') {
		throw new TypeError(name + ' is not a legal HTTP header name');
	}
}

function validateValue(value) {
	value = '' + value;
	if (invalidHeaderCharRegex.test(value)) {
		throw new TypeError(value + ' is not a legal HTTP header value');
	}
}

function find(map, name) {
	name = name.toLowerCase();
	for (const key in map) {
		if (key.toLowerCase() === name) {
			return key;
		}
	}
	return undefined;
}

const MAP = Symbol('map');

class Headers {
	constructor() {
		const init = arguments.length > 0 && arguments[0] !== undefined ? arguments[0] : undefined;
		this[MAP] = Object.create(null);
		if (init instanceof Headers) {
			const rawHeaders = init.raw();
			const headerNames = Object.keys(rawHeaders);
			for (const headerName of headerNames) {
				for (const value of rawHeaders[headerName]) {
					this.append(headerName, value);
				}
			}
			return;
		}
		if (init == null) {
			// nothing
		} else if (typeof init === 'object') {
			const method = init[Symbol.iterator];
			if (method != null) {
				if (typeof method !== 'function') {
					throw new TypeError('Header pairs must be iterable');
				}
				const pairs = [];
				for (const pair of init) {
					if (typeof pair !== 'object' || typeof pair[Symbol.iterator] !== 'function') {
						throw new TypeError('Each header pair must be iterable');
					}
					pairs.push(Array.from(pair));
				}
				for (const pair of pairs) {
					if (pair.length !== 2) {
						throw new TypeError('Each header pair must be a name/value tuple');
					}
					this.append(pair[0], pair[1]);
				}
			} else {
				for (const key of Object.keys(init)) {
					this.append(key, init[key]);
				}
			}
		} else {
			throw new TypeError('Provided initializer must be an object');
		}
	}
	get(name) {
		name = '' + name;
		validateName(name);
		const key = find(this[MAP], name);
		if (key === undefined) {
			return null;
		}
		return this[MAP][key].join(', ');
	}
	forEach(callback) {
		const thisArg = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : undefined;
		let pairs = getHeaders(this);
		let i = 0;
		while (i < pairs.length) {
			const name = pairs[i][0];
			const value = pairs[i][1];
			callback.call(thisArg, value, name, this);
			pairs = getHeaders(this);
			i++;
		}
	}
	set(name, value) {
		name = '' + name;
		value = '' + value;
		validateName(name);
		validateValue(value);
		const key = find(this[MAP], name);
		this[MAP][key !== undefined ? key : name] = [value];
	}
	append(name, value) {
		name = '' + name;
		value = '' + value;
		validateName(name);
		validateValue(value);
		const key = find(this[MAP], name);
		if (key !== undefined) {
			this[MAP][key].push(value);
		} else {
			this[MAP][name] = [value];
		}
	}
	has(name) {
		name = '' + name;
		validateName(name);
		return find(this[MAP], name) !== undefined;
	}
	delete(name) {
		name = '' + name;
		validateName(name);
		const key = find(this[MAP], name);
		if (key !== undefined) {
			delete this[MAP][key];
		}
	}
	raw() {
		return this[MAP];
	}
	keys() {
		return createHeadersIterator(this, 'key');
	}
	values() {
		return createHeadersIterator(this, 'value');
	}
	[Symbol.iterator]() {
		return createHeadersIterator(this, 'key+value');
	}
}
Headers.prototype.entries = Headers.prototype[Symbol.iterator];
Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: 'Headers', writable: false, enumerable: false, configurable: true });
Object.defineProperties(Headers.prototype, {
	get: { enumerable: true },
	forEach: { enumerable: true },
	set: { enumerable: true },
	append: { enumerable: true },
	has: { enumerable: true },
	delete: { enumerable: true },
	keys: { enumerable: true },
	values: { enumerable: true },
	entries: { enumerable: true }
});

function getHeaders(headers) {
	const kind = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : 'key+value';
	const keys = Object.keys(headers[MAP]).sort();
	return keys.map(kind === 'key' ? function (k) {
		return k.toLowerCase();
	} : kind === 'value' ? function (k) {
		return headers[MAP][k].join(', ');
	} : function (k) {
		return [k.toLowerCase(), headers[MAP][k].join(', ')];
	});
}

const INTERNAL = Symbol('internal');

function createHeadersIterator(target, kind) {
	const iterator = Object.create(HeadersIteratorPrototype);
	iterator[INTERNAL] = { target, kind, index: 0 };
	return iterator;
}

const HeadersIteratorPrototype = Object.setPrototypeOf({
	next() {
		if (!this || Object.getPrototypeOf(this) !== HeadersIteratorPrototype) {
			throw new TypeError('Value of \x60this\x60 is not a HeadersIterator');
		}
		const target = this[INTERNAL].target;
		const kind = this[INTERNAL].kind;
		const index = this[INTERNAL].index;
		const values = getHeaders(target, kind);
		if (index >= values.length) {
			return { value: undefined, done: true };
		}
		this[INTERNAL].index = index + 1;
		return { value: values[index], done: false };
	}
}, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperty(HeadersIteratorPrototype, Symbol.toStringTag, { value: 'HeadersIterator', writable: false, enumerable: false, configurable: true });

// createHeadersLenient builds response headers from Go's flat [name, value, ...] list (names
// lower-cased, repeated names as Node.js's http module combines them), skipping what HTTP's
// grammar does not allow.
function createHeadersLenient(flat) {
	const headers = new Headers();
	const map = headers[MAP];
	for (let i = 0; i < flat.length; i += 2) {
		const name = flat[i];
		const val = flat[i + 1];
		if (invalidTokenRegex.test(name) || invalidHeaderCharRegex.test(val)) {
			continue;
		}
		if (map[name] === undefined) {
			map[name] = [val];
		} else {
			map[name].push(val);
		}
	}
	return headers;
}

// ---- Response

const INTERNALS$1 = Symbol('Response internals');

class Response {
	constructor() {
		const body = arguments.length > 0 && arguments[0] !== undefined ? arguments[0] : null;
		const opts = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : {};
		Body.call(this, body, opts);
		const status = opts.status || 200;
		const headers = new Headers(opts.headers);
		if (body != null && !headers.has('Content-Type')) {
			const contentType = extractContentType(body);
			if (contentType) {
				headers.append('Content-Type', contentType);
			}
		}
		this[INTERNALS$1] = {
			url: opts.url,
			status,
			statusText: opts.statusText || host.statusText(status),
			headers,
			counter: opts.counter
		};
	}
	get url() {
		return this[INTERNALS$1].url || '';
	}
	get status() {
		return this[INTERNALS$1].status;
	}
	get ok() {
		return this[INTERNALS$1].status >= 200 && this[INTERNALS$1].status < 300;
	}
	get redirected() {
		return this[INTERNALS$1].counter > 0;
	}
	get statusText() {
		return this[INTERNALS$1].statusText;
	}
	get headers() {
		return this[INTERNALS$1].headers;
	}
	clone() {
		return new Response(clone(this), {
			url: this.url,
			status: this.status,
			statusText: this.statusText,
			headers: this.headers,
			ok: this.ok,
			redirected: this.redirected
		});
	}
}
Body.mixIn(Response.prototype);
Object.defineProperties(Response.prototype, {
	url: { enumerable: true },
	status: { enumerable: true },
	ok: { enumerable: true },
	redirected: { enumerable: true },
	statusText: { enumerable: true },
	headers: { enumerable: true },
	clone: { enumerable: true }
});
Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: 'Response', writable: false, enumerable: false, configurable: true });

// ---- Request

const INTERNALS$2 = Symbol('Request internals');

// newURL parses as WHATWG's URL does: with the URL global when there is one, else in Go.
let URLClass;
function newURL(input, base) {
	if (URLClass === undefined) URLClass = host.urlClass() || null;
	if (URLClass !== null) {
		const u = base === undefined ? new URLClass(input) : new URLClass(input, base);
		return { href: u.href, protocol: u.protocol, hostname: u.hostname };
	}
	return host.parseURL(input, base);
}

// parseURL is node-fetch's: absolute URLs are normalized by WHATWG's parser; anything else is
// kept as given and rejected when fetched.
function parseURL(urlStr) {
	if (/^[a-zA-Z][a-zA-Z\d+\-.]*:/.exec(urlStr)) {
		const u = newURL(urlStr);
		let hostname = u.hostname;
		if (hostname && hostname[0] === '[') hostname = hostname.slice(1, -1);
		return { href: u.href, protocol: u.protocol, hostname: hostname || null };
	}
	return { href: urlStr, protocol: null, hostname: null };
}

function isRequest(input) {
	return typeof input === 'object' && input !== null && typeof input[INTERNALS$2] === 'object';
}

function isAbortSignal(signal) {
	const proto = signal && typeof signal === 'object' && Object.getPrototypeOf(signal);
	return !!(proto && proto.constructor.name === 'AbortSignal');
}

class Request {
	constructor(input) {
		const init = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : {};
		let parsedURL;
		if (!isRequest(input)) {
			if (input && input.href) {
				parsedURL = parseURL(input.href);
			} else {
				parsedURL = parseURL('' + input);
			}
			input = {};
		} else {
			parsedURL = parseURL(input.url);
		}
		let method = init.method || input.method || 'GET';
		method = method.toUpperCase();
		if ((init.body != null || isRequest(input) && input.body !== null) && (method === 'GET' || method === 'HEAD')) {
			throw new TypeError('Request with GET/HEAD method cannot have body');
		}
		const inputBody = init.body != null ? init.body : isRequest(input) && input.body !== null ? clone(input) : null;
		Body.call(this, inputBody, {
			timeout: init.timeout || input.timeout || 0,
			size: init.size || input.size || 0
		});
		const headers = new Headers(init.headers || input.headers || {});
		if (inputBody != null && !headers.has('Content-Type')) {
			const contentType = extractContentType(inputBody);
			if (contentType) {
				headers.append('Content-Type', contentType);
			}
		}
		let signal = isRequest(input) ? input.signal : null;
		if ('signal' in init) signal = init.signal;
		if (signal != null && !isAbortSignal(signal)) {
			throw new TypeError('Expected signal to be an instanceof AbortSignal');
		}
		this[INTERNALS$2] = {
			method,
			redirect: init.redirect || input.redirect || 'follow',
			headers,
			parsedURL,
			signal
		};
		this.follow = init.follow !== undefined ? init.follow : input.follow !== undefined ? input.follow : 20;
		this.compress = init.compress !== undefined ? init.compress : input.compress !== undefined ? input.compress : true;
		this.counter = init.counter || input.counter || 0;
		this.agent = init.agent || input.agent;
	}
	get method() {
		return this[INTERNALS$2].method;
	}
	get url() {
		return this[INTERNALS$2].parsedURL.href;
	}
	get headers() {
		return this[INTERNALS$2].headers;
	}
	get redirect() {
		return this[INTERNALS$2].redirect;
	}
	get signal() {
		return this[INTERNALS$2].signal;
	}
	clone() {
		return new Request(this);
	}
}
Body.mixIn(Request.prototype);
Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: 'Request', writable: false, enumerable: false, configurable: true });
Object.defineProperties(Request.prototype, {
	method: { enumerable: true },
	url: { enumerable: true },
	headers: { enumerable: true },
	redirect: { enumerable: true },
	clone: { enumerable: true },
	signal: { enumerable: true }
});

// getNodeRequestOptions validates request and returns the headers node-fetch sends.
function getNodeRequestOptions(request) {
	const parsedURL = request[INTERNALS$2].parsedURL;
	const headers = new Headers(request[INTERNALS$2].headers);
	if (!headers.has('Accept')) {
		headers.set('Accept', '*/*');
	}
	if (!parsedURL.protocol || !parsedURL.hostname) {
		throw new TypeError('Only absolute URLs are supported');
	}
	if (!/^https?:$/.test(parsedURL.protocol)) {
		throw new TypeError('Only HTTP(S) protocols are supported');
	}
	let contentLengthValue = null;
	if (request.body == null && /^(POST|PUT)$/i.test(request.method)) {
		contentLengthValue = '0';
	}
	if (request.body != null) {
		const totalBytes = getTotalBytes(request);
		if (typeof totalBytes === 'number') {
			contentLengthValue = String(totalBytes);
		}
	}
	if (contentLengthValue) {
		headers.set('Content-Length', contentLengthValue);
	}
	if (!headers.has('User-Agent')) {
		headers.set('User-Agent', 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)');
	}
	if (request.compress && !headers.has('Accept-Encoding')) {
		headers.set('Accept-Encoding', 'gzip,deflate');
	}
	return headers;
}

// flatHeaders lists headers as Node.js's http module sends them: [name, value, ...], a
// repeated name once per value, Host only once.
function flatHeaders(headers) {
	const map = headers[MAP];
	const flat = [];
	for (const name of Object.keys(map)) {
		const values = map[name];
		const n = name.toLowerCase() === 'host' ? 1 : values.length;
		for (let i = 0; i < n; i++) {
			flat.push(name, values[i]);
		}
	}
	return flat;
}

const isDomainOrSubdomain = function (destination, original) {
	const orig = newURL(original).hostname;
	const dest = newURL(destination).hostname;
	return orig === dest || orig[orig.length - dest.length - 1] === '.' && orig.endsWith(dest);
};

const isSameProtocol = function (destination, original) {
	return newURL(original).protocol === newURL(destination).protocol;
};

// ---- fetch

function fetch(url, opts) {
	if (!fetch.Promise) {
		throw new Error('native promise missing, set fetch.Promise to your favorite alternative');
	}
	BodyPromise = fetch.Promise;
	return new fetch.Promise(function (resolve, reject) {
		const request = new Request(url, opts);
		const headers = getNodeRequestOptions(request);
		const signal = request.signal;
		let response = null;
		let cancel = null;
		let finished = false;

		const abort = function () {
			const error = new AbortError('The user aborted a request.');
			reject(error);
			if (!response) return;
			const body = response.body;
			if (body instanceof ResponseBody) body[HANDLE].abort();
		};

		if (signal && signal.aborted) {
			abort();
			return;
		}

		const abortAndFinalize = function () {
			abort();
			finalize();
		};

		function finalize() {
			finished = true;
			if (cancel) cancel();
			if (signal) signal.removeEventListener('abort', abortAndFinalize);
		}

		if (signal) {
			signal.addEventListener('abort', abortAndFinalize);
		}

		function onResponse(res) {
			if (finished) {
				if (res.body) res.body.close();
				return;
			}
			if (res.kind !== undefined) {
				if (res.kind === 'timeout') {
					reject(new FetchError('network timeout at: ' + request.url, 'request-timeout'));
					finalize();
				} else if (res.kind === 'aborted') {
					if (signal && typeof signal[kExpire] === 'function') signal[kExpire]();
					if (!finished) abortAndFinalize();
				} else {
					reject(new FetchError('request to ' + request.url + ' failed, reason: ' + res.message, 'system', { code: res.code }));
					finalize();
				}
				return;
			}

			const headers = createHeadersLenient(res.headers);

			if (fetch.isRedirect(res.status)) {
				const location = headers.get('Location');
				let locationURL = null;
				try {
					locationURL = location === null ? null : newURL(location, request.url).href;
				} catch (err) {
					if (request.redirect !== 'manual') {
						reject(new FetchError('uri requested responds with an invalid redirect URL: ' + location, 'invalid-redirect'));
						res.body.close();
						finalize();
						return;
					}
				}
				switch (request.redirect) {
					case 'error':
						reject(new FetchError('uri requested responds with a redirect, redirect mode is set to error: ' + request.url, 'no-redirect'));
						res.body.close();
						finalize();
						return;
					case 'manual':
						if (locationURL !== null) {
							try {
								headers.set('Location', locationURL);
							} catch (err) {
								reject(err);
							}
						}
						break;
					case 'follow': {
						if (locationURL === null) {
							break;
						}
						if (request.counter >= request.follow) {
							reject(new FetchError('maximum redirect reached at: ' + request.url, 'max-redirect'));
							res.body.close();
							finalize();
							return;
						}
						const requestOpts = {
							headers: new Headers(request.headers),
							follow: request.follow,
							counter: request.counter + 1,
							agent: request.agent,
							compress: request.compress,
							method: request.method,
							body: request.body,
							signal: request.signal,
							timeout: request.timeout,
							size: request.size
						};
						if (!isDomainOrSubdomain(request.url, locationURL) || !isSameProtocol(request.url, locationURL)) {
							for (const name of ['authorization', 'www-authenticate', 'cookie', 'cookie2']) {
								requestOpts.headers.delete(name);
							}
						}
						if (res.status !== 303 && request.body && getTotalBytes(request) === null) {
							reject(new FetchError('Cannot follow redirect with body being a readable stream', 'unsupported-redirect'));
							res.body.close();
							finalize();
							return;
						}
						if (res.status === 303 || (res.status === 301 || res.status === 302) && request.method === 'POST') {
							requestOpts.method = 'GET';
							requestOpts.body = undefined;
							requestOpts.headers.delete('content-length');
						}
						resolve(fetch(new Request(locationURL, requestOpts)));
						res.body.close();
						finalize();
						return;
					}
				}
			}

			response = new Response(new ResponseBody(res.body, signal), {
				url: request.url,
				status: res.status,
				statusText: res.statusText,
				headers: headers,
				size: request.size,
				timeout: request.timeout,
				counter: request.counter
			});
			resolve(response);
		}

		function send(body) {
			if (finished) return;
			cancel = host.send({
				method: request.method,
				url: request.url,
				headers: flatHeaders(headers),
				body: body,
				timeout: request.timeout,
				abortAfter: signalRemaining(signal),
				compress: !!request.compress,
				size: request.size
			}, onResponse);
		}

		const body = request.body;
		if (body instanceof ResponseBody) {
			// A body streamed from another response is read first, then sent whole.
			readBody(body, 0, 0, request.url).then(send, function (err) {
				reject(err);
				finalize();
			});
		} else if (body instanceof Blob) {
			send(body[BUFFER]);
		} else {
			send(body);
		}
	});
}

fetch.isRedirect = function (code) {
	return code === 301 || code === 302 || code === 303 || code === 307 || code === 308;
};
fetch.Promise = Promise;

Object.defineProperty(fetch, '__esModule', { value: true });
fetch.default = fetch;
fetch.Headers = Headers;
fetch.Request = Request;
fetch.Response = Response;
fetch.FetchError = FetchError;
fetch.AbortError = AbortError;
return fetch;
})
`

// abortSource defines AbortController and AbortSignal; its factory takes the function that
// reports exceptions thrown by abort listeners, and the instance's DOMException, so reasons
// are instances of the global DOMException as in Node.
const abortSource = `(function (report, DOMException) {
'use strict';

// AbortController and AbortSignal as in Node.js 20, without timers of their own: a signal
// from AbortSignal.timeout aborts when its deadline is observed (reading aborted or reason,
// or fetch, which honours the deadline while it waits for the network).

const kState = Symbol('state');
const kSignal = Symbol('signal');
const kDeadline = Symbol.for('plugchain.abortSignal.deadline');
const kExpire = Symbol.for('plugchain.abortSignal.expire');

function codedError(Ctor, code, message) {
	const e = new Ctor(message);
	e.code = code;
	return e;
}


class Event {
	constructor(type) {
		Object.defineProperty(this, '_state', { value: { type: String(type), target: null, stop: false, at: Date.now() } });
	}
	get type() { return this._state.type; }
	get target() { return this._state.target; }
	get currentTarget() { return this._state.target; }
	get srcElement() { return this._state.target; }
	get isTrusted() { return true; }
	get bubbles() { return false; }
	get cancelable() { return false; }
	get composed() { return false; }
	get defaultPrevented() { return false; }
	get eventPhase() { return this._state.target ? 2 : 0; }
	get timeStamp() { return this._state.at; }
	get returnValue() { return true; }
	preventDefault() {}
	stopPropagation() {}
	stopImmediatePropagation() { this._state.stop = true; }
	composedPath() { return this._state.target ? [this._state.target] : []; }
}
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

function received(v) {
	if (v == null) return ' Received ' + v;
	if (typeof v === 'function') return ' Received function ' + v.name;
	if (typeof v === 'object') {
		if (v.constructor && v.constructor.name) return ' Received an instance of ' + v.constructor.name;
		return ' Received ' + String(v);
	}
	let s = typeof v === 'string' ? "'" + v + "'" : String(v);
	if (s.length > 28) s = s.slice(0, 25) + '...';
	return ' Received type ' + typeof v + ' (' + s + ')';
}

function withSeparators(s) {
	let res = '';
	let i = s.length;
	const start = s[0] === '-' ? 1 : 0;
	for (; i >= start + 4; i -= 3) res = '_' + s.slice(i - 3, i) + res;
	return s.slice(0, i) + res;
}

function validateDelay(delay) {
	if (typeof delay !== 'number') {
		throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "delay" argument must be of type number.' + received(delay));
	}
	if (!Number.isInteger(delay)) {
		throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "delay" is out of range. It must be an integer. Received ' + delay);
	}
	if (delay < 0 || delay > 4294967295) {
		const r = Math.abs(delay) > 2 ** 32 ? withSeparators(String(delay)) : String(delay);
		throw codedError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ' + r);
	}
}

function state(signal) {
	const s = signal != null && signal[kState];
	if (!s) throw codedError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type AbortSignal');
	if (s.deadline > 0 && !s.aborted && Date.now() >= s.deadline) expire(signal, s);
	return s;
}

function expire(signal, s) {
	abortSignal(signal, s, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
}

function abortSignal(signal, s, reason) {
	if (s.aborted) return;
	s.aborted = true;
	s.reason = reason;
	s.deadline = 0;
	const event = new Event('abort');
	event._state.target = signal;
	for (const l of s.listeners.slice()) {
		if (l.removed) continue;
		if (l.once) removeListener(s, l);
		try {
			if (typeof l.fn === 'function') {
				l.fn.call(signal, event);
			} else if (l.fn && typeof l.fn.handleEvent === 'function') {
				l.fn.handleEvent(event);
			}
		} catch (err) {
			report(err);
		}
		if (event._state.stop) break;
	}
}

function removeListener(s, l) {
	l.removed = true;
	const i = s.listeners.indexOf(l);
	if (i >= 0) s.listeners.splice(i, 1);
}

let constructing = false;

class AbortSignal {
	constructor() {
		if (!constructing) throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
		constructing = false;
		Object.defineProperty(this, kState, { value: { aborted: false, reason: undefined, deadline: 0, listeners: [], onabort: null } });
	}
	get aborted() {
		return state(this).aborted;
	}
	get reason() {
		return state(this).reason;
	}
	get onabort() {
		const s = state(this);
		return s.onabort ? s.onabort.fn : null;
	}
	set onabort(fn) {
		const s = state(this);
		if (typeof fn !== 'function' && (typeof fn !== 'object' || fn === null)) fn = null;
		if (s.onabort) {
			if (fn === null) {
				removeListener(s, s.onabort);
				s.onabort = null;
			} else {
				s.onabort.fn = fn;
			}
		} else if (fn !== null) {
			s.onabort = { fn, once: false, removed: false, handler: true };
			s.listeners.push(s.onabort);
		}
	}
	throwIfAborted() {
		const s = state(this);
		if (s.aborted) throw s.reason;
	}
	addEventListener(type, listener, options) {
		const s = state(this);
		if (String(type) !== 'abort' || listener == null) return;
		const once = typeof options === 'object' && options !== null && !!options.once;
		for (const l of s.listeners) {
			if (l.fn === listener && !l.handler) return;
		}
		s.listeners.push({ fn: listener, once, removed: false, handler: false });
	}
	removeEventListener(type, listener) {
		const s = state(this);
		if (String(type) !== 'abort') return;
		for (const l of s.listeners) {
			if (l.fn === listener && !l.handler) {
				removeListener(s, l);
				return;
			}
		}
	}
	dispatchEvent(event) {
		const s = state(this);
		if (event && event.type === 'abort' && !s.aborted) {
			for (const l of s.listeners.slice()) {
				if (l.once) removeListener(s, l);
				try {
					if (typeof l.fn === 'function') l.fn.call(this, event);
					else if (l.fn && typeof l.fn.handleEvent === 'function') l.fn.handleEvent(event);
				} catch (err) {
					report(err);
				}
			}
		}
		return true;
	}
	get [kDeadline]() {
		const s = state(this);
		return s.aborted ? 0 : s.deadline;
	}
	[kExpire]() {
		const s = this[kState];
		if (s && !s.aborted) expire(this, s);
	}
	static abort(reason) {
		const signal = newSignal();
		abortSignal(signal, signal[kState], reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason);
		return signal;
	}
	static timeout(delay) {
		validateDelay(delay);
		const signal = newSignal();
		signal[kState].deadline = Date.now() + Math.max(delay, 1);
		return signal;
	}
}
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });
for (const name of ['aborted', 'onabort']) {
	Object.defineProperty(AbortSignal.prototype, name, { enumerable: true });
}

function newSignal() {
	constructing = true;
	return new AbortSignal();
}

class AbortController {
	constructor() {
		Object.defineProperty(this, kSignal, { value: newSignal() });
	}
	get signal() {
		if (!this || !this[kSignal]) throw codedError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type AbortController');
		return this[kSignal];
	}
	abort(reason) {
		const signal = this.signal;
		abortSignal(signal, signal[kState], reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason);
	}
}
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });
Object.defineProperty(AbortController.prototype, 'signal', { enumerable: true });
Object.defineProperty(AbortController.prototype, 'abort', { enumerable: true });

return { AbortController, AbortSignal };
})
`
