package wtf8

import (
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
)

func TestUTF16RoundTrip(t *testing.T) {
	cases := []struct {
		units []uint16
		wtf8  string
	}{
		{[]uint16{'a', 0xD800, 'b'}, "a\xed\xa0\x80b"},
		{[]uint16{0xDFFF}, "\xed\xbf\xbf"},
		{[]uint16{0xDE00, 0xD83D}, "\xed\xb8\x80\xed\xa0\xbd"},             // reversed: two lone ones
		{utf16.Encode([]rune("é😀")), "é😀"},                                 // a pair is one character
		{[]uint16{0xD83D, 0xD83D, 0xDE00}, "\xed\xa0\xbd\xf0\x9f\x98\x80"}, // lone, then a pair
		{[]uint16{0xD7FF, 0xE000}, "\ud7ff\ue000"},                         // either side of the surrogates
	}
	for _, tc := range cases {
		assert.Equal(t, tc.wtf8, FromUTF16(tc.units), "%x", tc.units)
		assert.Equal(t, tc.units, ToUTF16(tc.wtf8), "%q", tc.wtf8)
	}
}

func TestHasSurrogate(t *testing.T) {
	for s, want := range map[string]bool{
		"":                          false,
		"plain":                     false,
		"\ud7ff":                    false, // ED 9F BF: the last character before the surrogates
		"Hangul \ud55c":             false,
		"a\xed\xa0\x80":             true,
		"\xed\xbf\xbf":              true,
		"\xed\xa0":                  false, // cut short
		"x\xed\x9f\xbf\xed\xb0\x80": true,
	} {
		assert.Equal(t, want, HasSurrogate(s), "%q", s)
	}
}

func TestReplaceSurrogates(t *testing.T) {
	assert.Equal(t, "a\ufffdb\ufffd", ReplaceSurrogates("a\xed\xa0\x80b\xed\xbf\xbf"))
	assert.Equal(t, "😀", ReplaceSurrogates("😀"))
}
