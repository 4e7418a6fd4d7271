package ojson

import (
	"math"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/plugchain/plugchain/internal/wtf8"
)

// Marshal encodes a normalized value exactly as JavaScript's JSON.stringify would.
func Marshal(v any) ([]byte, error) {
	// Encoding into a pooled buffer and copying out the result costs one allocation of the
	// exact size, where growing a buffer from nothing costs about ten for an event.
	bp := encodeBuffers.Get().(*[]byte)
	buf, err := AppendJSON((*bp)[:0], v)
	var out []byte
	if err == nil {
		out = append([]byte(nil), buf...)
	}
	if cap(buf) <= maxPooledBuffer {
		*bp = buf
		encodeBuffers.Put(bp)
	}
	return out, err
}

// encodeBuffers holds Marshal's scratch buffers.
var encodeBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// maxPooledBuffer is the largest scratch buffer Marshal keeps for reuse.
const maxPooledBuffer = 64 << 10

// MarshalJSON implements json.Marshaler with JSON.stringify's output.
func (o *Object) MarshalJSON() ([]byte, error) {
	if o == nil {
		return []byte("null"), nil
	}
	return AppendJSON(nil, o)
}

// UnmarshalJSON implements json.Unmarshaler, keeping key order.
func (o *Object) UnmarshalJSON(data []byte) error {
	p, err := ParseObject(data)
	if err != nil {
		return err
	}
	o.entries, o.nIndex, o.index, o.indexed, o.keys = p.entries, p.nIndex, p.index, p.indexed, p.keys
	o.tail.Store(nil)
	return nil
}

// AppendJSON appends the JSON.stringify encoding of v to dst.
func AppendJSON(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case bool:
		if x {
			return append(dst, "true"...), nil
		}
		return append(dst, "false"...), nil
	case float64:
		return AppendNumber(dst, x), nil
	case string:
		return AppendString(dst, x), nil
	case *Object:
		if x == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '{')
		for i, e := range x.entries {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, e.key)
			dst = append(dst, ':')
			var err error
			if dst, err = AppendJSON(dst, e.val); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	case []any:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = AppendJSON(dst, e); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	default:
		// Normalize only returns the cases above, so this recursion ends.
		n, err := Normalize(v)
		if err != nil {
			return dst, err
		}
		return AppendJSON(dst, n)
	}
}

// AppendNumber appends f as JavaScript's Number#toString does (NaN and ±Infinity become null,
// as in JSON.stringify).
func AppendNumber(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	if f == 0 {
		return append(dst, '0') // also -0
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		if math.Abs(f) < 1<<53 {
			return strconv.AppendInt(dst, int64(f), 10)
		}
		return strconv.AppendFloat(dst, f, 'f', -1, 64)
	}
	abs := math.Abs(f)
	if abs < 1e21 && abs >= 1e-6 {
		return strconv.AppendFloat(dst, f, 'f', -1, 64)
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'e', -1, 64)
	// Go writes e-07 where JavaScript writes e-7.
	n := len(dst)
	if n-start >= 4 && dst[n-2] == '0' && (dst[n-3] == '-' || dst[n-3] == '+') {
		dst[n-2] = dst[n-1]
		dst = dst[:n-1]
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string literal the way JSON.stringify writes it: only '"',
// '\\' and control characters are escaped, everything else is written as UTF-8.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i = plainRun(s, i); i == len(s) {
			break // the rest needs no escapes: most strings are all plain
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			if r, ok := wtf8.SurrogateAt(s, i); ok {
				// A lone surrogate, written as JSON.stringify writes it.
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
				i += 3
				start = i
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, "\ufffd"...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		if c >= 0x20 && c != '"' && c != '\\' {
			i++
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
