// Package wtf8 carries JavaScript strings that hold unpaired UTF-16 surrogates in Go strings,
// as WTF-8 does (https://simonsapin.github.io/wtf-8/): a lone surrogate is the three bytes
// UTF-8 would give its code point (ED A0 80 to ED BF BF), which valid UTF-8 never contains.
// Events carry such strings (a browser truncating "😀" between its two halves sends
// "\ud83d"), and JSON.parse and JSON.stringify keep them; U+FFFD in their place would change
// the data of every event that holds one.
package wtf8

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// HasSurrogate reports whether s holds a lone surrogate in its WTF-8 form.
func HasSurrogate(s string) bool {
	for {
		i := strings.IndexByte(s, 0xED)
		if i < 0 {
			return false
		}
		if _, ok := SurrogateAt(s, i); ok {
			return true
		}
		s = s[i+1:]
	}
}

// SurrogateAt returns the lone surrogate whose WTF-8 form starts at s[i], if one does.
func SurrogateAt(s string, i int) (rune, bool) {
	if i+2 >= len(s) || s[i] != 0xED || s[i+1] < 0xA0 || s[i+1] > 0xBF || s[i+2] < 0x80 || s[i+2] > 0xBF {
		return 0, false
	}
	return 0xD000 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), true
}

// AppendSurrogate appends the WTF-8 form of r, which must be a surrogate (U+D800 to U+DFFF).
func AppendSurrogate(b []byte, r rune) []byte {
	return append(b, 0xED, 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
}

// ReplaceSurrogates returns s with each lone surrogate replaced by U+FFFD.
func ReplaceSurrogates(s string) string {
	if !HasSurrogate(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if _, ok := SurrogateAt(s, i); ok {
			b = append(b, "\ufffd"...)
			i += 3
			continue
		}
		b = append(b, s[i])
		i++
	}
	return string(b)
}

// ToUTF16 returns the UTF-16 code units of s: lone surrogates as themselves, other invalid
// bytes as U+FFFD each.
func ToUTF16(s string) []uint16 {
	out := make([]uint16, 0, len(s))
	for i := 0; i < len(s); {
		if r, ok := SurrogateAt(s, i); ok {
			out = append(out, uint16(r))
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			out = append(out, uint16(hi), uint16(lo))
		} else {
			out = append(out, uint16(r))
		}
		i += size
	}
	return out
}

// FromUTF16 returns the WTF-8 form of UTF-16 code units: pairs become the character they
// encode, and lone surrogates their three-byte form.
func FromUTF16(units []uint16) string {
	b := make([]byte, 0, len(units)+len(units)/2)
	for i := 0; i < len(units); i++ {
		c := rune(units[i])
		switch {
		case utf16.IsSurrogate(c) && c < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF:
			b = utf8.AppendRune(b, utf16.DecodeRune(c, rune(units[i+1])))
			i++
		case utf16.IsSurrogate(c):
			b = AppendSurrogate(b, c)
		default:
			b = utf8.AppendRune(b, c)
		}
	}
	return string(b)
}
