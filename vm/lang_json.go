package vm

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unsafe"

	"github.com/dop251/goja"
)

// JSON.parse as V8 (Node 20) implements it: goja's version decodes through encoding/json,
// which loses lone surrogate escapes ("\ud800" becomes U+FFFD), rejects numbers that overflow
// to Infinity and reports Go's error texts. This one scans the text's UTF-16 code units
// (plain bytes when the text is ASCII, the common case), builds the values directly, and
// reports V8's messages at V8's positions. It is iterative, so deep nesting cannot exhaust
// the Go stack.

// V8's JSON.parse messages (src/common/message-template.h).
const (
	jsonUnexpectedEOS      = "Unexpected end of JSON input"
	jsonUnexpectedNumber   = "Unexpected number in JSON at position %d"
	jsonUnexpectedString   = "Unexpected string in JSON at position %d"
	jsonPropNameOrRBrace   = "Expected property name or '}' in JSON at position %d"
	jsonCommaOrRBrack      = "Expected ',' or ']' after array element in JSON at position %d"
	jsonCommaOrRBrace      = "Expected ',' or '}' after property value in JSON at position %d"
	jsonColonAfterName     = "Expected ':' after property name in JSON at position %d"
	jsonDoubleQuotedName   = "Expected double-quoted property name in JSON at position %d"
	jsonExponentMissing    = "Exponent part is missing a number in JSON at position %d"
	jsonUnterminatedString = "Unterminated string in JSON at position %d"
	jsonBadControlChar     = "Bad control character in string literal in JSON at position %d"
	jsonBadUnicodeEscape   = "Bad Unicode escape in JSON at position %d"
	jsonBadEscapedChar     = "Bad escaped character in JSON at position %d"
	jsonNoNumberAfterMinus = "No number after minus sign in JSON at position %d"
	jsonNonWhitespace      = "Unexpected non-whitespace character after JSON at position %d"
	jsonUnterminatedFrac   = "Unterminated fractional number in JSON at position %d"
)

// jsonContext is V8's kMaxContextCharacters: how much of a long source an "Unexpected
// token" message quotes on each side of the position.
const jsonContext = 10

// jsonReviveDepth bounds the reviver's recursive walk, which V8 also does on the machine
// stack; beyond it the walk throws RangeError like a stack overflow.
const jsonReviveDepth = 5000

// jsonText is what the scanner reads: bytes for ASCII text, UTF-16 code units otherwise.
type jsonText interface{ ~byte | ~uint16 }

// jsonSyntaxError is a parse failure; the message is built only when it is thrown.
type jsonSyntaxError struct {
	format string // one of the messages above; "" means "work it out from the token"
	pos    int
}

type jsonFrame struct {
	obj   *goja.Object // the object being built, nil for an array
	items []any        // the array's elements so far
	key   string       // the property whose value is being parsed
	odd   goja.String  // the key when it holds a lone surrogate (a Go string cannot)
}

type jsonParser[T jsonText] struct {
	in   *Instance
	src  []T
	str  string // the source itself when T is byte, so substrings need no conversion
	pos  int
	err  *jsonSyntaxError
	keys map[string]string // interned property names, most JSON repeats them
	buf  []uint16          // scratch for strings with escapes
}

// jsonParse implements JSON.parse(text, reviver).
func (in *Instance) jsonParse(call goja.FunctionCall) goja.Value {
	text := in.toString(call.Argument(0))
	var v goja.Value
	var perr *jsonSyntaxError
	if s := text.String(); len(s) == text.Length() {
		// Every non-ASCII code unit takes two or more UTF-8 bytes, so equal lengths mean
		// the text is ASCII and its bytes are its code units.
		p := jsonParser[byte]{in: in, src: asciiBytes(s), str: s}
		v, perr = p.parse()
	} else {
		units := make([]uint16, text.Length())
		for i := range units {
			units[i] = text.CharAt(i)
		}
		p := jsonParser[uint16]{in: in, src: units}
		v, perr = p.parse()
	}
	if perr != nil {
		panic(in.newError("SyntaxError", jsonErrorMessage(text, perr)))
	}
	if reviver, ok := goja.AssertFunction(call.Argument(1)); ok {
		root := in.rt.NewObject()
		_ = root.Set("", v)
		r := jsonReviver{in: in, fn: reviver}
		return r.walk(root, "", 0)
	}
	return v
}

// asciiBytes views a string as bytes without copying; the parser never writes them.
func asciiBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func (p *jsonParser[T]) fail(format string, pos int) {
	if p.err == nil {
		p.err = &jsonSyntaxError{format: format, pos: pos}
	}
}

func isJSONSpace[T jsonText](c T) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func (p *jsonParser[T]) skipSpace() {
	for p.pos < len(p.src) && isJSONSpace(p.src[p.pos]) {
		p.pos++
	}
}

// peek returns the next character after whitespace, or -1 at the end.
func (p *jsonParser[T]) peek() int {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return -1
	}
	return int(p.src[p.pos])
}

func (p *jsonParser[T]) parse() (goja.Value, *jsonSyntaxError) {
	var stack []jsonFrame
	for {
		// Produce a value; starting an object or array pushes a frame and loops.
		var v goja.Value
		switch c := p.peek(); c {
		case '"':
			v = p.scanString()
		case '{':
			p.pos++
			if p.peek() == '}' {
				p.pos++
				v = p.in.rt.NewObject()
				break
			}
			f := jsonFrame{obj: p.in.rt.NewObject()}
			if !p.expectKey(&f, jsonPropNameOrRBrace) {
				return nil, p.err
			}
			if p.peek() != ':' {
				p.fail(jsonColonAfterName, p.pos)
				return nil, p.err
			}
			p.pos++
			stack = append(stack, f)
			continue
		case '[':
			p.pos++
			if p.peek() == ']' {
				p.pos++
				v = p.in.rt.NewArray()
				break
			}
			stack = append(stack, jsonFrame{})
			continue
		case 't':
			v = p.scanLiteral("true", goja.Value(p.in.rt.ToValue(true)))
		case 'f':
			v = p.scanLiteral("false", goja.Value(p.in.rt.ToValue(false)))
		case 'n':
			v = p.scanLiteral("null", goja.Null())
		default:
			if c == '-' || c >= '0' && c <= '9' {
				v = p.scanNumber()
			} else {
				p.fail("", p.pos)
			}
		}
		if p.err != nil {
			return nil, p.err
		}
		// Store the value, closing every container it completes.
		for {
			if len(stack) == 0 {
				if p.peek() != -1 {
					p.fail(jsonNonWhitespace, p.pos)
					return nil, p.err
				}
				return v, nil
			}
			f := &stack[len(stack)-1]
			if f.obj == nil {
				f.items = append(f.items, v)
				c := p.peek()
				if c == ',' {
					p.pos++
					break
				}
				if c != ']' {
					p.fail(jsonCommaOrRBrack, p.pos)
					return nil, p.err
				}
				p.pos++
				v = p.in.rt.NewArray(f.items...)
			} else {
				p.setProperty(f, v)
				c := p.peek()
				if c == ',' {
					p.pos++
					if !p.expectKey(f, jsonDoubleQuotedName) {
						return nil, p.err
					}
					if p.peek() != ':' {
						p.fail("", p.pos)
						return nil, p.err
					}
					p.pos++
					break
				}
				if c != '}' {
					p.fail(jsonCommaOrRBrace, p.pos)
					return nil, p.err
				}
				p.pos++
				v = f.obj
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// expectKey reads a property name into f, failing with msg when none starts here.
func (p *jsonParser[T]) expectKey(f *jsonFrame, msg string) bool {
	if p.peek() != '"' {
		p.fail(msg, p.pos)
		return false
	}
	f.key, f.odd = p.scanKey()
	return p.err == nil
}

// setProperty defines the frame's current key, as CreateDataProperty does: a later
// duplicate replaces the value in place, and "__proto__" is an ordinary own property.
func (p *jsonParser[T]) setProperty(f *jsonFrame, v goja.Value) {
	if f.odd != nil {
		p.in.defineOddKey(f.obj, f.odd, v)
		return
	}
	_ = f.obj.DefineDataProperty(f.key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// scanLiteral reads true, false or null, failing as V8 does at the first wrong character.
func (p *jsonParser[T]) scanLiteral(word string, v goja.Value) goja.Value {
	start := p.pos
	for i := 1; i < len(word); i++ {
		at := start + i
		if at >= len(p.src) {
			p.fail(jsonUnexpectedEOS, at)
			return nil
		}
		if int(p.src[at]) != int(word[i]) {
			p.fail("", at)
			return nil
		}
	}
	p.pos = start + len(word)
	return v
}

func isDigit[T jsonText](c T) bool { return c >= '0' && c <= '9' }

// scanNumber reads a number with V8's error positions.
func (p *jsonParser[T]) scanNumber() goja.Value {
	src := p.src
	start := p.pos
	i := start
	neg := false
	if src[i] == '-' {
		neg = true
		i++
	}
	if i < len(src) && src[i] == '0' {
		i++
		if i < len(src) && isDigit(src[i]) {
			p.fail(jsonUnexpectedNumber, i)
			return nil
		}
	} else {
		digits := i
		for i < len(src) && isDigit(src[i]) {
			i++
		}
		if i == digits {
			p.fail(jsonNoNumberAfterMinus, i)
			return nil
		}
	}
	simple := true
	if i < len(src) && src[i] == '.' {
		simple = false
		i++
		if i >= len(src) || !isDigit(src[i]) {
			p.fail(jsonUnterminatedFrac, i)
			return nil
		}
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		simple = false
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if i >= len(src) || !isDigit(src[i]) {
			p.fail(jsonExponentMissing, i)
			return nil
		}
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	}
	p.pos = i
	digits := src[start:i]
	if neg {
		digits = digits[1:]
	}
	if simple && len(digits) <= 15 && !(neg && len(digits) == 1 && digits[0] == '0') {
		var n int64
		for _, d := range digits {
			n = n*10 + int64(d-'0')
		}
		if neg {
			n = -n
		}
		return p.in.rt.ToValue(n)
	}
	var text string
	if p.str != "" {
		text = p.str[start:i]
	} else {
		b := make([]byte, i-start)
		for k := range b {
			b[k] = byte(src[start+k])
		}
		text = string(b)
	}
	// The grammar is checked, so the only possible error is a range error, whose value
	// (±Infinity, or zero on underflow) is what JavaScript wants.
	f, _ := strconv.ParseFloat(text, 64)
	return p.in.rt.ToValue(f)
}

// scanString reads a string value, the opening quote at p.pos.
func (p *jsonParser[T]) scanString() goja.Value {
	start, end, escaped := p.scanStringBounds()
	if p.err != nil {
		return nil
	}
	if !escaped {
		if p.str != "" {
			return p.in.rt.ToValue(strings.Clone(p.str[start:end]))
		}
		return goja.StringFromUTF16(asUnits(p.src[start:end]))
	}
	return goja.StringFromUTF16(p.unescape(start, end))
}

// scanKey reads a property name. Names with a lone surrogate come back as a goja.String,
// since a Go string cannot hold one.
func (p *jsonParser[T]) scanKey() (string, goja.String) {
	start, end, escaped := p.scanStringBounds()
	if p.err != nil {
		return "", nil
	}
	var units []uint16
	if !escaped {
		if p.str != "" {
			return p.intern(p.str[start:end]), nil
		}
		units = asUnits(p.src[start:end])
	} else {
		units = p.unescape(start, end)
	}
	for i := 0; i < len(units); i++ {
		u := units[i]
		if utf16.IsSurrogate(rune(u)) {
			if u < 0xdc00 && i+1 < len(units) && units[i+1] >= 0xdc00 && units[i+1] <= 0xdfff {
				i++
				continue
			}
			return "", goja.StringFromUTF16(units)
		}
	}
	return p.intern(string(utf16.Decode(units))), nil
}

func (p *jsonParser[T]) intern(s string) string {
	if k, ok := p.keys[s]; ok {
		return k
	}
	if p.keys == nil {
		p.keys = make(map[string]string)
	}
	k := strings.Clone(s)
	p.keys[k] = k
	return k
}

// asUnits converts code units to uint16.
func asUnits[T jsonText](src []T) []uint16 {
	out := make([]uint16, len(src))
	for i, c := range src {
		out[i] = uint16(c)
	}
	return out
}

// scanStringBounds finds the end of the string starting at p.pos (a quote), validating
// escapes, and leaves p.pos after the closing quote. It returns the content's bounds.
func (p *jsonParser[T]) scanStringBounds() (start, end int, escaped bool) {
	src := p.src
	i := p.pos + 1
	start = i
	for {
		if i >= len(src) {
			p.fail(jsonUnterminatedString, i)
			return
		}
		c := src[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return start, i, escaped
		case c == '\\':
			escaped = true
			i++
			if i >= len(src) {
				p.fail(jsonUnexpectedEOS, i)
				return
			}
			switch e := int(src[i]); e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				for k := 0; k < 4; k++ {
					i++
					if i >= len(src) || hexValue(int(src[i])) < 0 {
						p.fail(jsonBadUnicodeEscape, i)
						return
					}
				}
				i++
			default:
				if e > 0xff {
					p.fail("", i) // V8 reports a character outside Latin-1 as a token
				} else {
					p.fail(jsonBadEscapedChar, i)
				}
				return
			}
		case c < 0x20:
			p.fail(jsonBadControlChar, i)
			return
		default:
			i++
		}
	}
}

// unescape decodes the (validated) content of a string with escapes into code units.
func (p *jsonParser[T]) unescape(start, end int) []uint16 {
	out := p.buf[:0]
	src := p.src
	for i := start; i < end; i++ {
		c := src[i]
		if c != '\\' {
			out = append(out, uint16(c))
			continue
		}
		i++
		switch src[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			var u uint16
			for k := 1; k <= 4; k++ {
				u = u<<4 | uint16(hexValue(int(src[i+k])))
			}
			i += 4
			out = append(out, u)
		default:
			out = append(out, uint16(src[i]))
		}
	}
	p.buf = out
	res := make([]uint16, len(out))
	copy(res, out)
	return res
}

func hexValue(c int) int {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return -1
}

// jsonErrorMessage renders a parse failure as V8 does (JsonParser::ReportUnexpectedToken).
func jsonErrorMessage(text goja.String, e *jsonSyntaxError) string {
	if e.format != "" {
		return strings.Replace(e.format, "%d", strconv.Itoa(e.pos), 1)
	}
	n := text.Length()
	if e.pos >= n {
		return jsonUnexpectedEOS
	}
	c := text.CharAt(e.pos)
	switch {
	case c == '"':
		return strings.Replace(jsonUnexpectedString, "%d", strconv.Itoa(e.pos), 1)
	case c == '-' || c >= '0' && c <= '9':
		return strings.Replace(jsonUnexpectedNumber, "%d", strconv.Itoa(e.pos), 1)
	}
	whole := text.String()
	switch whole {
	case "[object Object]", "undefined", "Infinity", "NaN":
		return `"` + whole + `" is not valid JSON`
	}
	tok := unitsString(text, e.pos, e.pos+1)
	switch {
	case n < 2*jsonContext+1:
		return "Unexpected token '" + tok + "', \"" + unitsString(text, 0, n) + "\" is not valid JSON"
	case e.pos < jsonContext:
		return "Unexpected token '" + tok + "', \"" + unitsString(text, 0, e.pos+jsonContext) + "\"... is not valid JSON"
	case e.pos < n-jsonContext:
		return "Unexpected token '" + tok + "', ...\"" + unitsString(text, e.pos-jsonContext, e.pos+jsonContext) + "\"... is not valid JSON"
	default:
		return "Unexpected token '" + tok + "', ...\"" + unitsString(text, e.pos-jsonContext, n) + "\" is not valid JSON"
	}
}

// unitsString returns code units [from, to) of s as Go text (a lone surrogate becomes
// U+FFFD, as it does when Node prints the message).
func unitsString(s goja.String, from, to int) string {
	return s.Substring(from, to).String()
}

// jsonReviver is JSON.parse's InternalizeJSONProperty walk.
type jsonReviver struct {
	in *Instance
	fn goja.Callable
}

func (r *jsonReviver) walk(holder *goja.Object, key string, depth int) goja.Value {
	if depth > jsonReviveDepth {
		panic(r.in.newError("RangeError", "Maximum call stack size exceeded"))
	}
	val := holder.Get(key)
	if val == nil {
		val = goja.Undefined()
	}
	if o, ok := val.(*goja.Object); ok {
		if o.ClassName() == "Array" {
			n := o.Get("length").ToInteger()
			for i := int64(0); i < n; i++ {
				r.revise(o, strconv.FormatInt(i, 10), depth)
			}
		} else {
			for _, k := range o.Keys() {
				r.revise(o, k, depth)
			}
		}
	}
	res, err := r.fn(holder, r.in.rt.ToValue(key), val)
	if err != nil {
		panic(err)
	}
	return res
}

func (r *jsonReviver) revise(o *goja.Object, k string, depth int) {
	nv := r.walk(o, k, depth+1)
	if goja.IsUndefined(nv) {
		_ = o.Delete(k)
	} else {
		_ = o.DefineDataProperty(k, nv, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
}

// circularMessage is goja's message for a cycle; V8 adds the path that closes it.
const circularMessage = "Converting circular structure to JSON"

// jsonStringify wraps goja's JSON.stringify, which is right except for the message of a
// circular structure: V8 describes the cycle. Only the failure path does more work.
func (in *Instance) jsonStringify(orig goja.Callable) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		v, err := orig(call.This, call.Arguments...)
		if err == nil {
			return v
		}
		if ex, ok := err.(*goja.Exception); ok {
			if obj, ok := ex.Value().(*goja.Object); ok && obj.Get("message") != nil && obj.Get("message").String() == circularMessage {
				if msg := in.describeCycle(call.Argument(0), call.Argument(1)); msg != "" {
					panic(in.newError("TypeError", msg))
				}
			}
		}
		panic(err)
	}
}

// cycleKey is how an object was reached: an array index or a property name.
type cycleKey struct {
	index   int
	name    string
	isIndex bool
}

type cycleEntry struct {
	key cycleKey
	obj *goja.Object
}

// cycleFinder repeats JSON.stringify's walk (toJSON, replacer function or property list
// included) without producing output, to find the cycle it failed on.
type cycleFinder struct {
	in       *Instance
	replacer goja.Callable
	props    []string
	hasProps bool
	stack    []cycleEntry
	message  string
}

// describeCycle returns V8's message for the cycle stringify(value, replacer) runs into, or
// "" when the walk does not find one (it may differ if toJSON or getters are not pure).
func (in *Instance) describeCycle(value, replacer goja.Value) (msg string) {
	defer func() {
		if recover() != nil {
			msg = ""
		}
	}()
	c := &cycleFinder{in: in}
	if fn, ok := goja.AssertFunction(replacer); ok {
		c.replacer = fn
	} else if r, ok := replacer.(*goja.Object); ok && r.ClassName() == "Array" {
		c.hasProps = true
		seen := map[string]bool{}
		n := r.Get("length").ToInteger()
		for i := int64(0); i < n; i++ {
			e := r.Get(strconv.FormatInt(i, 10))
			var name string
			switch {
			case goja.IsString(e) || goja.IsNumber(e):
				name = e.String()
			case isBoxed(e, "String") || isBoxed(e, "Number"):
				name = e.String()
			default:
				continue
			}
			if !seen[name] {
				seen[name] = true
				c.props = append(c.props, name)
			}
		}
	}
	root := in.rt.NewObject()
	_ = root.Set("", value)
	c.walk(root, cycleKey{name: ""}, value)
	return c.message
}

func isBoxed(v goja.Value, class string) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ClassName() == class
}

// walk follows SerializeJSONProperty for holder[key] = value; it reports whether it found
// the cycle, leaving the message in c.message.
func (c *cycleFinder) walk(holder *goja.Object, key cycleKey, value goja.Value) bool {
	if len(c.stack) > jsonReviveDepth {
		return false
	}
	keyStr := key.name
	if key.isIndex {
		keyStr = strconv.Itoa(key.index)
	}
	if o, ok := value.(*goja.Object); ok {
		if toJSON, ok := goja.AssertFunction(o.Get("toJSON")); ok {
			value = c.call(toJSON, o, c.in.rt.ToValue(keyStr))
		}
	} else if goja.IsBigInt(value) {
		if toJSON, ok := goja.AssertFunction(value.ToObject(c.in.rt).Get("toJSON")); ok {
			value = c.call(toJSON, value, c.in.rt.ToValue(keyStr))
		}
	}
	if c.replacer != nil {
		value = c.call(c.replacer, holder, c.in.rt.ToValue(keyStr), value)
	}
	o, ok := value.(*goja.Object)
	if !ok {
		return false
	}
	switch o.ClassName() {
	case "Number", "String", "Boolean", "BigInt", "Symbol":
		return false
	}
	if _, callable := goja.AssertFunction(o); callable {
		return false
	}
	for i, e := range c.stack {
		if e.obj == o {
			c.message = c.format(i, key)
			return true
		}
	}
	c.stack = append(c.stack, cycleEntry{key: key, obj: o})
	defer func() { c.stack = c.stack[:len(c.stack)-1] }()
	if o.ClassName() == "Array" {
		n := int(o.Get("length").ToInteger())
		for i := 0; i < n; i++ {
			if c.walk(o, cycleKey{index: i, isIndex: true}, o.Get(strconv.Itoa(i))) {
				return true
			}
		}
		return false
	}
	keys := c.props
	if !c.hasProps {
		keys = o.Keys()
	}
	for _, k := range keys {
		if c.walk(o, cycleKey{name: k}, o.Get(k)) {
			return true
		}
	}
	return false
}

func (c *cycleFinder) call(fn goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := fn(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// format builds V8's message (JsonStringifier::ConstructCircularStructureErrorMessage):
// the start object, at most two lines after it and the last one before the closing key.
func (c *cycleFinder) format(start int, last cycleKey) string {
	const prefix, postfix = 2, 1
	var b strings.Builder
	b.WriteString(circularMessage)
	b.WriteString("\n    --> starting at object with constructor ")
	writeCtorName(&b, c.stack[start].obj)
	index := start + 1
	end := min(len(c.stack), index+prefix)
	line := func(e cycleEntry) {
		b.WriteString("\n    |     ")
		writeCycleKey(&b, e.key)
		b.WriteString(" -> object with constructor ")
		writeCtorName(&b, e.obj)
	}
	for ; index < end; index++ {
		line(c.stack[index])
	}
	if len(c.stack) > index+postfix {
		b.WriteString("\n    |     ...")
	}
	for index = max(index, len(c.stack)-postfix); index < len(c.stack); index++ {
		line(c.stack[index])
	}
	b.WriteString("\n    --- ")
	writeCycleKey(&b, last)
	b.WriteString(" closes the circle")
	return b.String()
}

func writeCycleKey(b *strings.Builder, k cycleKey) {
	switch {
	case k.isIndex:
		b.WriteString("index ")
		b.WriteString(strconv.Itoa(k.index))
	case k.name == "":
		b.WriteString("<anonymous>")
	default:
		b.WriteString("property '")
		b.WriteString(k.name)
		b.WriteString("'")
	}
}

// writeCtorName writes the quoted name of obj's constructor as V8 finds it, "Object" when
// it has none or an anonymous one.
func writeCtorName(b *strings.Builder, obj *goja.Object) {
	name := ""
	if ctor, ok := obj.Get("constructor").(*goja.Object); ok {
		if _, callable := goja.AssertFunction(ctor); callable {
			if n := ctor.Get("name"); n != nil && goja.IsString(n) {
				name = n.String()
			}
		}
	}
	if name == "" {
		name = "Object"
	}
	b.WriteString("'")
	b.WriteString(name)
	b.WriteString("'")
}

// defineOddKey defines a property whose name holds a lone surrogate, which the Go API's
// string keys cannot express, through a small compiled helper.
func (in *Instance) defineOddKey(obj *goja.Object, key goja.String, v goja.Value) {
	helper, err := in.rt.RunProgram(oddKeyProgram())
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(helper)
	if _, err := fn(goja.Undefined(), obj, key, v); err != nil {
		panic(err)
	}
}

var oddKeyProgram = builtinProgram("plugchain:json-key", `(function (o, k, v) {
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true })
})`)
