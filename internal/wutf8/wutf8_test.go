package wutf8

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestString(t *testing.T) {
	cases := map[string]string{
		"abc":                  "abc",
		"plain":                "plain",
		"ok é":                 "ok é",
		"a\xe2\x82\xac":        "a€",
		"ok\xe2\x82\xacnext":   "ok€next",
		"a\xffb":               "a\ufffdb",
		"x\xffy\xfe":           "x\ufffdy\ufffd",
		"a\xe2\x82b":           "a\ufffdb",
		"\xe2\x82":             "\ufffd",
		"\xe2\x82x":            "\ufffdx",
		"\xf0\x9f\x98":         "\ufffd",
		"\xf0\x90\x80":         "\ufffd",
		"\xed\xa0\x80":         "\ufffd\ufffd\ufffd",
		"\xed\xa0\x80A":        "\ufffd\ufffd\ufffdA",
		"\xe0\x80\x80":         "\ufffd\ufffd\ufffd",
		"\xc0\xaf":             "\ufffd\ufffd",
		"\xc0\x80\xff\xe2\x82": "\ufffd\ufffd\ufffd\ufffd",
		"\xf4\x90\x80\x80":     "\ufffd\ufffd\ufffd\ufffd",
		"\xe1\x80\xe1\x80\x80": "\ufffd\u1000",
	}
	for in, want := range cases {
		assert.Equal(t, want, String(in), "string %q", in)
		assert.Equal(t, want, String([]byte(in)), "bytes %q", in)
	}
}
