package ojson

import (
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/plugchain/plugchain/internal/wtf8"
	"github.com/plugchain/plugchain/internal/wutf8"
)

// SyntaxError describes malformed JSON and where it was found.
type SyntaxError struct {
	Offset int // byte offset of the problem
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at offset %d: %s", e.Offset, e.Msg)
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 10000

// Parse decodes one JSON value with JSON.parse semantics: duplicate keys keep their first
// position and last value, numbers are float64 (out-of-range ones become ±Inf, as in
// JavaScript), and only JSON whitespace may surround the value.
func Parse(data []byte) (any, error) {
	sp := scratchPool.Get().(*[]entry)
	p := parser{data: data, scratch: (*sp)[:0]}
	defer func() {
		// Entries are copied out of scratch into each object: clear it so a pooled buffer
		// holds on to no parsed values.
		clear(p.scratch[:p.high])
		if cap(p.scratch) <= maxPooledScratch {
			*sp = p.scratch[:0]
			scratchPool.Put(sp)
		}
	}()
	p.skipSpace()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return nil, p.errorf("unexpected %s after the value", p.describe())
	}
	return v, nil
}

// scratchPool holds parsers' scratch stacks, so a parse does not grow one from nothing.
var scratchPool = sync.Pool{New: func() any { s := make([]entry, 0, 64); return &s }}

// maxPooledScratch is the largest scratch stack (in entries) kept for reuse.
const maxPooledScratch = 4096

// ParseObject decodes data, which must hold a JSON object.
func ParseObject(data []byte) (*Object, error) {
	v, err := Parse(data)
	if err != nil {
		return nil, err
	}
	o, ok := v.(*Object)
	if !ok {
		return nil, &SyntaxError{Offset: 0, Msg: "expected a JSON object, got " + TypeName(v)}
	}
	return o, nil
}

// TypeName names a value's JSON type for error messages.
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case *Object:
		return "object"
	default:
		return fmt.Sprintf("%T", v)
	}
}

type parser struct {
	data []byte
	pos  int
	// scratch holds the entries of the objects being parsed (nested ones above their
	// parents'), so each object gets one allocation of the right size.
	scratch []entry
	high    int // the most entries scratch has held
	// room is how many more keys the next object parsed leaves room for: an event's
	// properties (any object under a "properties" key, events in a batch included) are
	// where plugins add keys, and room anywhere else would be memory every event carries
	// for nothing.
	room int
}

func (p *parser) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) describe() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *parser) skipSpace() {
	if p.pos < len(p.data) && p.data[p.pos] > ' ' {
		return // the usual case, kept small enough to inline
	}
	p.skipSpaces()
}

func (p *parser) skipSpaces() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (any, error) {
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		if depth >= maxDepth {
			return nil, p.errorf("nesting deeper than %d", maxDepth)
		}
		return p.object(depth + 1)
	case c == '[':
		if depth >= maxDepth {
			return nil, p.errorf("nesting deeper than %d", maxDepth)
		}
		return p.array(depth + 1)
	case c == '"':
		return p.shortString()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", true)
	case c == 'f':
		return p.literal("false", false)
	case c == 'n':
		return p.literal("null", nil)
	default:
		return nil, p.errorf("unexpected %s", p.describe())
	}
}

func (p *parser) literal(word string, v any) (any, error) {
	if len(p.data)-p.pos >= len(word) && string(p.data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return v, nil
	}
	return nil, p.errorf("unexpected %s", p.describe())
}

func (p *parser) object(depth int) (any, error) {
	p.pos++ // {
	room := p.room
	p.room = 0
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return &Object{}, nil
	}
	mark := len(p.scratch)
	defer func() { p.scratch = p.scratch[:mark] }()
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("expected a string key, got %s", p.describe())
		}
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("expected ':' after an object key, got %s", p.describe())
		}
		p.pos++
		p.skipSpace()
		if k == "properties" {
			p.room = cloneSpare // for the object that may follow
		}
		v, err := p.value(depth)
		p.room = 0
		if err != nil {
			return nil, err
		}
		p.scratch = append(p.scratch, entry{k, v})
		p.high = max(p.high, len(p.scratch))
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in an object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return objectFromFields(p.scratch[mark:], room), nil
		default:
			return nil, p.errorf("expected ',' or '}' in an object, got %s", p.describe())
		}
	}
}

// objectFromFields builds an object from parsed fields as JSON.parse does: a repeated key keeps
// its first position and its last value, and array-index keys come first in numeric order. It
// takes linear time (plus sorting the index keys), whatever the keys: hostile input with many
// index keys must not make parsing quadratic.
//
// The object has room for room more keys.
func objectFromFields(fields []entry, room int) *Object {
	o := &Object{entries: make([]entry, 0, len(fields)+room)}
	var seen map[string]int
	if len(fields) > indexThreshold {
		seen = make(map[string]int, len(fields))
	}
	for _, f := range fields {
		i := -1
		bit := keyBit(f.key)
		if seen != nil {
			if j, ok := seen[f.key]; ok {
				i = j
			}
		} else if o.keys&bit != 0 {
			for j := range o.entries {
				if o.entries[j].key == f.key {
					i = j
					break
				}
			}
		}
		if i >= 0 {
			o.entries[i].val = f.val
			continue
		}
		if seen != nil {
			seen[f.key] = len(o.entries)
		}
		if _, ok := arrayIndex(f.key); ok {
			o.nIndex++
		}
		o.entries = append(o.entries, f)
		o.keys |= bit
	}
	if o.nIndex > 0 {
		// Index keys first, ascending; the others keep their order (a stable sort).
		sort.SliceStable(o.entries, func(a, b int) bool {
			na, ia := arrayIndex(o.entries[a].key)
			nb, ib := arrayIndex(o.entries[b].key)
			switch {
			case ia && ib:
				return na < nb
			default:
				return ia && !ib
			}
		})
		o.reindex()
	} else if seen != nil {
		o.index, o.indexed = seen, len(o.entries)
	}
	return o
}

// internedValue is a short string with its interface form, so a hit costs no allocation at
// all (boxing a string into an interface allocates too).
type internedValue struct {
	s string
	v any
}

// internCache maps short strings to their interned form. Slots are replaced freely; a miss
// only costs the allocation the parser would have made anyway.
type internCache [1024]atomic.Pointer[internedValue]

// keyCache interns short object keys: events repeat the same few dozen keys, and a string
// allocation per key is most of the parser's garbage. valueCache does the same for short
// string values: event names, browsers, operating systems and library names repeat too.
var keyCache, valueCache internCache

// maxInternedValue is the longest string value (in bytes) the parser interns; longer ones
// (ids, timestamps, URLs) rarely repeat.
const maxInternedValue = 24

// plain parses the string at p.pos when it is plain ASCII (no escapes): from cache if it
// has at most max bytes, else as a new string. Otherwise it reports false and leaves p.pos
// alone. The string is scanned once either way.
func (p *parser) plain(cache *internCache, max int) (e *internedValue, s string, ok bool) {
	d := p.data
	start := p.pos + 1
	end := plainRun(d, start)
	if end >= len(d) || d[end] != '"' {
		return nil, "", false
	}
	raw := d[start:end]
	p.pos = end + 1
	if len(raw) > max {
		return nil, string(raw), true // ids, timestamps, URLs: rarely repeated
	}
	// Two slots per string, so two strings of one event that hash alike do not evict each
	// other on every event.
	h := internHash(raw)
	i := int(h & (uint64(len(cache)) - 1))
	for _, j := range [2]int{i, i ^ 1} {
		if e := cache[j].Load(); e != nil && e.s == string(raw) {
			return e, e.s, true
		}
	}
	s = string(raw)
	e = &internedValue{s, s}
	switch {
	case cache[i].Load() == nil:
	case cache[i^1].Load() == nil:
		i ^= 1
	default:
		i ^= int(h>>63) & 1 // both taken: either, by the hash
	}
	cache[i].Store(e)
	return e, s, true
}

// plainRun returns the position of the first byte at or after i that is not plain (see
// plainByte), or len(d). It tests eight bytes at a time: for each test, the lowest byte it
// flags is exact (carries only reach higher bytes), which is the one that counts.
func plainRun[T string | []byte](d T, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(d); i += 8 {
		x := word(d, i)
		quote, backslash := x^(ones*'"'), x^(ones*'\\')
		m := x&highs | // not ASCII
			(x-ones*0x20)&^x&highs | // control characters
			(quote-ones)&^quote&highs |
			(backslash-ones)&^backslash&highs
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(d) && plainByte[d[i]] {
		i++
	}
	return i
}

// word returns the eight bytes of d at i as a little-endian number (the compiler makes it one
// load).
func word[T string | []byte](d T, i int) uint64 {
	w := d[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// internSeed seeds the intern caches' hash, differently in each process.
var internSeed = rand.Uint64()

// internHash hashes a short string for the intern caches: a multiply-xor round per 8-byte
// word, cheaper than a general hash for the few words of a key or short value. Strings that
// collide only miss the cache.
func internHash(b []byte) uint64 {
	const m1, m2 = 0x9e3779b97f4a7c15, 0xff51afd7ed558ccd
	h := internSeed ^ uint64(len(b))*m1
	for ; len(b) >= 8; b = b[8:] {
		h = (h ^ word(b, 0)) * m2
		h ^= h >> 31
	}
	var t uint64
	for i, c := range b {
		t |= uint64(c) << (8 * i)
	}
	// The slot is taken from the low bits, which a multiply fills from the low bits only:
	// fold the high half in and mix again, so that every byte counts.
	h = (h ^ t) * m1
	h ^= h >> 32
	h *= m2
	return h ^ h>>32
}

// plainByte tells the bytes a string may hold for the parser to take it as it is and the
// encoder to write it as it is: printable ASCII other than the quote and the backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// key parses an object key, interning short ones.
func (p *parser) key() (string, error) {
	if _, s, ok := p.plain(&keyCache, maxInternedKey); ok {
		return s, nil
	}
	k, err := p.str()
	if err != nil {
		return "", err
	}
	// Keys keep U+FFFD for a lone surrogate: goja's property names cannot hold one that came
	// from a Go string.
	return wtf8.ReplaceSurrogates(k.(string)), nil
}

// shortString parses a string value, interning short ones.
func (p *parser) shortString() (any, error) {
	if e, s, ok := p.plain(&valueCache, maxInternedValue); ok {
		if e != nil {
			return e.v, nil
		}
		return s, nil
	}
	return p.str()
}

// maxInternedKey is the longest key (in bytes) the parser interns.
const maxInternedKey = 40

func (p *parser) array(depth int) (any, error) {
	p.pos++ // [
	a := []any{}
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return a, nil
	}
	for {
		p.skipSpace()
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in an array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return a, nil
		default:
			return nil, p.errorf("expected ',' or ']' in an array, got %s", p.describe())
		}
	}
}

func (p *parser) number() (any, error) {
	start := p.pos
	d := p.data
	if p.pos < len(d) && d[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(d) && d[p.pos] == '0':
		p.pos++
	case p.pos < len(d) && d[p.pos] >= '1' && d[p.pos] <= '9':
		var n uint64
		for p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' {
			n = n*10 + uint64(d[p.pos]-'0')
			p.pos++
		}
		// An integer of at most 15 digits is exactly a float64: no ParseFloat needed.
		if p.pos-start <= 15 && (p.pos == len(d) || d[p.pos] != '.' && d[p.pos] != 'e' && d[p.pos] != 'E') {
			if d[start] == '-' {
				return -float64(n), nil
			}
			if n < uint64(len(smallNumbers)) {
				return smallNumbers[n], nil
			}
			return float64(n), nil
		}
	default:
		return nil, p.errorf("no digits in a number")
	}
	if p.pos < len(d) && d[p.pos] == '.' {
		p.pos++
		if p.pos >= len(d) || d[p.pos] < '0' || d[p.pos] > '9' {
			return nil, p.errorf("no digits after a decimal point")
		}
		for p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' {
			p.pos++
		}
	}
	if p.pos < len(d) && (d[p.pos] == 'e' || d[p.pos] == 'E') {
		p.pos++
		if p.pos < len(d) && (d[p.pos] == '+' || d[p.pos] == '-') {
			p.pos++
		}
		if p.pos >= len(d) || d[p.pos] < '0' || d[p.pos] > '9' {
			return nil, p.errorf("no digits in an exponent")
		}
		for p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' {
			p.pos++
		}
	}
	f, err := strconv.ParseFloat(string(d[start:p.pos]), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, &SyntaxError{Offset: start, Msg: err.Error()}
	}
	if f >= 0 && f < float64(len(smallNumbers)) && f == float64(int(f)) && !(f == 0 && d[start] == '-') {
		return smallNumbers[int(f)], nil
	}
	return f, nil
}

// smallNumbers holds small whole numbers already boxed: a float64 in an interface is an
// allocation, and events are full of small counts, sizes and ids.
var smallNumbers = func() (out [2048]any) {
	for i := range out {
		out[i] = float64(i)
	}
	return
}()

func (p *parser) str() (any, error) {
	start := p.pos
	p.pos++ // opening quote
	d := p.data
	// Fast path: no escapes and valid ASCII.
	i := p.pos
	for i < len(d) {
		c := d[i]
		if c == '"' {
			s := string(d[p.pos:i])
			p.pos = i + 1
			return s, nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		i++
	}
	buf := make([]byte, 0, i-p.pos+16)
	buf = append(buf, d[p.pos:i]...)
	p.pos = i
	for {
		if p.pos >= len(d) {
			return nil, &SyntaxError{Offset: start, Msg: "unterminated string"}
		}
		c := d[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), nil
		case c < 0x20:
			return nil, p.errorf("control character %#02x in a string", c)
		case c == '\\':
			p.pos++
			if p.pos >= len(d) {
				return nil, &SyntaxError{Offset: start, Msg: "unterminated string"}
			}
			e := d[p.pos]
			p.pos++
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return nil, p.errorf("bad \\u escape")
				}
				if utf16.IsSurrogate(r) {
					// A pair decodes to one rune; a lone surrogate is kept in its WTF-8
					// form (see package wtf8), as JSON.parse keeps it in a JavaScript string.
					save := p.pos
					if p.pos+1 < len(d) && d[p.pos] == '\\' && d[p.pos+1] == 'u' {
						p.pos += 2
						if r2, ok := p.hex4(); ok {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								buf = utf8.AppendRune(buf, dec)
								continue
							}
						}
					}
					p.pos = save
					buf = wtf8.AppendSurrogate(buf, r)
					continue
				}
				buf = utf8.AppendRune(buf, r)
			default:
				p.pos--
				return nil, p.errorf("bad escape \\%c", e)
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			p.pos++
		default:
			// Invalid UTF-8 becomes U+FFFD as Node decodes its input: one for each maximal
			// invalid subpart.
			if n := wutf8.SeqLen(d[p.pos:]); n > 0 {
				buf = append(buf, d[p.pos:p.pos+n]...)
				p.pos += n
			} else {
				buf = append(buf, "\ufffd"...)
				p.pos -= n
			}
		}
	}
}

func (p *parser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[p.pos : p.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	p.pos += 4
	return r, true
}
