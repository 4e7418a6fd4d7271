// Package wutf8 decodes UTF-8 as the WHATWG Encoding Standard does, which is what Node's
// Buffer#toString('utf8'), TextDecoder and V8 do: each maximal invalid subpart becomes one
// U+FFFD. (Go's strings.ToValidUTF8 replaces a whole run of invalid bytes with one.)
package wutf8

import (
	"strings"
	"unicode/utf8"
)

// SeqLen returns the length of the valid sequence starting at b[0], or minus the length of
// the maximal invalid subpart there, which one U+FFFD replaces. b must not be empty.
func SeqLen[T ~string | ~[]byte](b T) int {
	c := b[0]
	if c < utf8.RuneSelf {
		return 1
	}
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
		if c == 0xE0 {
			lo = 0xA0
		} else if c == 0xED {
			hi = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		need = 3
		if c == 0xF0 {
			lo = 0x90
		} else if c == 0xF4 {
			hi = 0x8F
		}
	default:
		return -1
	}
	for k := 1; k <= need; k++ {
		if k >= len(b) || b[k] < lo || b[k] > hi {
			return -k
		}
		lo, hi = 0x80, 0xBF
	}
	return need + 1
}

// String decodes b, replacing each maximal invalid subpart with U+FFFD.
func String[T ~string | ~[]byte](b T) string {
	if valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			sb.WriteByte(b[i])
			i++
			continue
		}
		n := SeqLen(b[i:])
		if n > 0 {
			sb.WriteString(string(b[i : i+n]))
			i += n
			continue
		}
		sb.WriteString("\uFFFD")
		i -= n
	}
	return sb.String()
}

func valid[T ~string | ~[]byte](b T) bool {
	switch x := any(b).(type) {
	case string:
		return utf8.ValidString(x)
	case []byte:
		return utf8.Valid(x)
	}
	return utf8.ValidString(string(b))
}
