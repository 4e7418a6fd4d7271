package vm

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/bidi"

	"github.com/plugchain/plugchain/internal/wutf8"
)

// URL and URLSearchParams follow Node 20: the classes are Node's lib/internal/url.js and the
// legacy url module is lib/url.js (MIT licence, Node.js contributors), ported to run on goja;
// the parsing Node delegates to Ada is the WHATWG URL Standard's basic URL parser, written
// here in Go. As in Node, a URL object keeps its serialization (href) and the offsets of its
// components, so reading a component is a slice of a string.

// urlRecord is a URL record of the URL Standard.
type urlRecord struct {
	scheme             string
	username, password string
	host               string
	hasHost            bool
	port               int // -1 when null
	path               []string
	opaque             bool   // the path is opaque ...
	opaquePath         string // ... and this is it
	query, fragment    string
	hasQuery, hasFrag  bool
}

// Ada's scheme types, which Node's URL class reads.
const (
	schemeHTTP       = 0
	schemeNotSpecial = 1
	schemeHTTPS      = 2
	schemeWS         = 3
	schemeFTP        = 4
	schemeWSS        = 5
	schemeFile       = 6
)

func schemeType(s string) int {
	switch s {
	case "http":
		return schemeHTTP
	case "https":
		return schemeHTTPS
	case "ws":
		return schemeWS
	case "ftp":
		return schemeFTP
	case "wss":
		return schemeWSS
	case "file":
		return schemeFile
	}
	return schemeNotSpecial
}

func isSpecialScheme(s string) bool { return schemeType(s) != schemeNotSpecial }

// defaultPort is the special scheme's default port, or -1.
func defaultPort(s string) int {
	switch s {
	case "http", "ws":
		return 80
	case "https", "wss":
		return 443
	case "ftp":
		return 21
	}
	return -1
}

func (u *urlRecord) special() bool { return isSpecialScheme(u.scheme) }

func (u *urlRecord) includesCredentials() bool { return u.username != "" || u.password != "" }

func (u *urlRecord) cannotHaveCredentialsOrPort() bool {
	return !u.hasHost || u.host == "" || u.scheme == "file"
}

func (u *urlRecord) clone() *urlRecord {
	c := *u
	c.path = append([]string(nil), u.path...)
	return &c
}

// shortenPath is the URL Standard's "shorten a URL's path".
func (u *urlRecord) shortenPath() {
	if u.scheme == "file" && len(u.path) == 1 && isNormalizedWindowsDriveLetter(u.path[0]) {
		return
	}
	if len(u.path) > 0 {
		u.path = u.path[:len(u.path)-1]
	}
}

func isASCIIAlpha(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isASCIIDigit(c rune) bool { return c >= '0' && c <= '9' }
func isASCIIHex(c rune) bool   { return isASCIIDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isASCIIAlnum(c rune) bool { return isASCIIAlpha(c) || isASCIIDigit(c) }
func asciiLower(c rune) rune {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}

func isWindowsDriveLetter(s string) bool {
	return len(s) == 2 && isASCIIAlpha(rune(s[0])) && (s[1] == ':' || s[1] == '|')
}

func isNormalizedWindowsDriveLetter(s string) bool {
	return len(s) == 2 && isASCIIAlpha(rune(s[0])) && s[1] == ':'
}

// startsWithWindowsDriveLetter checks the code points from i on.
func startsWithWindowsDriveLetter(cps []rune, i int) bool {
	if len(cps)-i < 2 || !isASCIIAlpha(cps[i]) || (cps[i+1] != ':' && cps[i+1] != '|') {
		return false
	}
	if len(cps)-i == 2 {
		return true
	}
	switch cps[i+2] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}

func isSingleDot(s string) bool { return s == "." || strings.EqualFold(s, "%2e") }

func isDoubleDot(s string) bool {
	switch strings.ToLower(s) {
	case "..", ".%2e", "%2e.", "%2e%2e":
		return true
	}
	return false
}

// Percent-encode sets of the URL Standard.
type encodeSet func(c rune) bool

func inC0ControlSet(c rune) bool { return c < 0x20 || c > 0x7E }

func inFragmentSet(c rune) bool {
	return inC0ControlSet(c) || c == ' ' || c == '"' || c == '<' || c == '>' || c == '`'
}

func inQuerySet(c rune) bool {
	return inC0ControlSet(c) || c == ' ' || c == '"' || c == '#' || c == '<' || c == '>'
}

func inSpecialQuerySet(c rune) bool { return inQuerySet(c) || c == '\'' }

func inPathSet(c rune) bool {
	return inQuerySet(c) || c == '?' || c == '`' || c == '{' || c == '}'
}

func inUserinfoSet(c rune) bool {
	return inPathSet(c) || c == '/' || c == ':' || c == ';' || c == '=' || c == '@' ||
		(c >= '[' && c <= '^') || c == '|'
}

const upperHex = "0123456789ABCDEF"

// appendPercentEncoded appends c, UTF-8 percent-encoded if it is in set.
func appendPercentEncoded(sb *strings.Builder, c rune, set encodeSet) {
	if !set(c) {
		sb.WriteRune(c)
		return
	}
	var b [4]byte
	n := utf8.EncodeRune(b[:], c)
	for _, x := range b[:n] {
		sb.WriteByte('%')
		sb.WriteByte(upperHex[x>>4])
		sb.WriteByte(upperHex[x&15])
	}
}

func percentEncodeString(s string, set encodeSet) string {
	clean := true
	for _, c := range s {
		if set(c) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	for _, c := range s {
		appendPercentEncoded(&sb, c, set)
	}
	return sb.String()
}

// percentDecode decodes %XX sequences into bytes, leaving malformed ones as they are.
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isASCIIHex(rune(s[i+1])) && isASCIIHex(rune(s[i+2])) {
			out = append(out, byte(bufUnhex(s[i+1])<<4|bufUnhex(s[i+2])))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

// Parser states.
const (
	stNone = iota
	stSchemeStart
	stScheme
	stNoScheme
	stSpecialRelativeOrAuthority
	stPathOrAuthority
	stRelative
	stRelativeSlash
	stSpecialAuthoritySlashes
	stSpecialAuthorityIgnoreSlashes
	stAuthority
	stHost
	stHostname
	stPort
	stFile
	stFileSlash
	stFileHost
	stPathStart
	stPath
	stOpaquePath
	stQuery
	stFragment
)

// parseURL is the URL Standard's basic URL parser. With override set it modifies url in
// place, as the setters do; it reports false on failure.
func parseURL(input string, base *urlRecord, url *urlRecord, override int) (*urlRecord, bool) {
	if url == nil {
		url = &urlRecord{port: -1}
		input = strings.TrimFunc(input, func(c rune) bool { return c <= 0x20 })
	}
	if strings.ContainsAny(input, "\t\n\r") {
		input = strings.Map(func(c rune) rune {
			if c == '\t' || c == '\n' || c == '\r' {
				return -1
			}
			return c
		}, input)
	}
	cps := []rune(input)
	state := override
	if state == stNone {
		state = stSchemeStart
	}
	var buf strings.Builder
	atSignSeen, insideBrackets, passwordTokenSeen := false, false, false
	const eof = rune(-1)
	remainingStartsWith := func(i int, c rune) bool { return i+1 < len(cps) && cps[i+1] == c }

	for p := 0; p <= len(cps); p++ {
		c := eof
		if p < len(cps) {
			c = cps[p]
		}
		switch state {
		case stSchemeStart:
			if isASCIIAlpha(c) {
				buf.WriteRune(asciiLower(c))
				state = stScheme
			} else if override == stNone {
				state = stNoScheme
				p--
			} else {
				return url, false
			}

		case stScheme:
			if isASCIIAlnum(c) || c == '+' || c == '-' || c == '.' {
				buf.WriteRune(asciiLower(c))
			} else if c == ':' {
				s := buf.String()
				if override != stNone {
					if url.special() != isSpecialScheme(s) {
						return url, true
					}
					if (url.includesCredentials() || url.port >= 0) && s == "file" {
						return url, true
					}
					if url.scheme == "file" && url.hasHost && url.host == "" {
						return url, true
					}
				}
				url.scheme = s
				if override != stNone {
					if url.port == defaultPort(url.scheme) {
						url.port = -1
					}
					return url, true
				}
				buf.Reset()
				switch {
				case url.scheme == "file":
					state = stFile
				case url.special() && base != nil && base.scheme == url.scheme:
					state = stSpecialRelativeOrAuthority
				case url.special():
					state = stSpecialAuthoritySlashes
				case remainingStartsWith(p, '/'):
					state = stPathOrAuthority
					p++
				default:
					url.opaque = true
					url.opaquePath = ""
					state = stOpaquePath
				}
			} else if override == stNone {
				buf.Reset()
				state = stNoScheme
				p = -1
			} else {
				return url, false
			}

		case stNoScheme:
			if base == nil || (base.opaque && c != '#') {
				return url, false
			} else if base.opaque && c == '#' {
				url.scheme = base.scheme
				url.opaque, url.opaquePath = true, base.opaquePath
				url.query, url.hasQuery = base.query, base.hasQuery
				url.fragment, url.hasFrag = "", true
				state = stFragment
			} else if base.scheme != "file" {
				state = stRelative
				p--
			} else {
				state = stFile
				p--
			}

		case stSpecialRelativeOrAuthority:
			if c == '/' && remainingStartsWith(p, '/') {
				state = stSpecialAuthorityIgnoreSlashes
				p++
			} else {
				state = stRelative
				p--
			}

		case stPathOrAuthority:
			if c == '/' {
				state = stAuthority
			} else {
				state = stPath
				p--
			}

		case stRelative:
			url.scheme = base.scheme
			if c == '/' || (url.special() && c == '\\') {
				state = stRelativeSlash
			} else {
				url.username, url.password = base.username, base.password
				url.host, url.hasHost, url.port = base.host, base.hasHost, base.port
				url.path = append([]string(nil), base.path...)
				url.query, url.hasQuery = base.query, base.hasQuery
				if c == '?' {
					url.query, url.hasQuery = "", true
					state = stQuery
				} else if c == '#' {
					url.fragment, url.hasFrag = "", true
					state = stFragment
				} else if c != eof {
					url.query, url.hasQuery = "", false
					url.shortenPath()
					state = stPath
					p--
				}
			}

		case stRelativeSlash:
			if url.special() && (c == '/' || c == '\\') {
				state = stSpecialAuthorityIgnoreSlashes
			} else if c == '/' {
				state = stAuthority
			} else {
				url.username, url.password = base.username, base.password
				url.host, url.hasHost, url.port = base.host, base.hasHost, base.port
				state = stPath
				p--
			}

		case stSpecialAuthoritySlashes:
			if c == '/' && remainingStartsWith(p, '/') {
				state = stSpecialAuthorityIgnoreSlashes
				p++
			} else {
				state = stSpecialAuthorityIgnoreSlashes
				p--
			}

		case stSpecialAuthorityIgnoreSlashes:
			if c != '/' && c != '\\' {
				state = stAuthority
				p--
			}

		case stAuthority:
			if c == '@' {
				b := buf.String()
				if atSignSeen {
					b = "%40" + b
				}
				atSignSeen = true
				var user, pass strings.Builder
				user.WriteString(url.username)
				pass.WriteString(url.password)
				for _, bc := range b {
					if bc == ':' && !passwordTokenSeen {
						passwordTokenSeen = true
						continue
					}
					if passwordTokenSeen {
						appendPercentEncoded(&pass, bc, inUserinfoSet)
					} else {
						appendPercentEncoded(&user, bc, inUserinfoSet)
					}
				}
				url.username, url.password = user.String(), pass.String()
				buf.Reset()
			} else if c == eof || c == '/' || c == '?' || c == '#' || (url.special() && c == '\\') {
				if atSignSeen && buf.Len() == 0 {
					return url, false
				}
				p -= utf8.RuneCountInString(buf.String()) + 1
				buf.Reset()
				state = stHost
			} else {
				buf.WriteRune(c)
			}

		case stHost, stHostname:
			if override != stNone && url.scheme == "file" {
				p--
				state = stFileHost
			} else if c == ':' && !insideBrackets {
				if buf.Len() == 0 {
					return url, false
				}
				if override == stHostname {
					return url, false
				}
				host, ok := parseHost(buf.String(), !url.special())
				if !ok {
					return url, false
				}
				url.host, url.hasHost = host, true
				buf.Reset()
				state = stPort
			} else if c == eof || c == '/' || c == '?' || c == '#' || (url.special() && c == '\\') {
				p--
				if url.special() && buf.Len() == 0 {
					return url, false
				} else if override != stNone && buf.Len() == 0 && (url.includesCredentials() || url.port >= 0) {
					return url, false
				}
				host, ok := parseHost(buf.String(), !url.special())
				if !ok {
					return url, false
				}
				url.host, url.hasHost = host, true
				buf.Reset()
				state = stPathStart
				if override != stNone {
					return url, true
				}
			} else {
				if c == '[' {
					insideBrackets = true
				}
				if c == ']' {
					insideBrackets = false
				}
				buf.WriteRune(c)
			}

		case stPort:
			if isASCIIDigit(c) {
				buf.WriteRune(c)
			} else if c == eof || c == '/' || c == '?' || c == '#' || (url.special() && c == '\\') || override != stNone {
				if buf.Len() != 0 {
					port := 0
					for _, d := range buf.String() {
						port = port*10 + int(d-'0')
						if port > 65535 {
							return url, false
						}
					}
					if port == defaultPort(url.scheme) {
						url.port = -1
					} else {
						url.port = port
					}
					buf.Reset()
					if override != stNone {
						return url, true
					}
				}
				if override != stNone {
					return url, false
				}
				state = stPathStart
				p--
			} else {
				return url, false
			}

		case stFile:
			url.scheme = "file"
			url.host, url.hasHost = "", true
			if c == '/' || c == '\\' {
				state = stFileSlash
			} else if base != nil && base.scheme == "file" {
				url.host, url.hasHost = base.host, base.hasHost
				url.path = append([]string(nil), base.path...)
				url.query, url.hasQuery = base.query, base.hasQuery
				if c == '?' {
					url.query, url.hasQuery = "", true
					state = stQuery
				} else if c == '#' {
					url.fragment, url.hasFrag = "", true
					state = stFragment
				} else if c != eof {
					url.query, url.hasQuery = "", false
					if !startsWithWindowsDriveLetter(cps, p) {
						url.shortenPath()
					} else {
						url.path = nil
					}
					state = stPath
					p--
				}
			} else {
				state = stPath
				p--
			}

		case stFileSlash:
			if c == '/' || c == '\\' {
				state = stFileHost
			} else {
				if base != nil && base.scheme == "file" {
					url.host, url.hasHost = base.host, base.hasHost
					if !startsWithWindowsDriveLetter(cps, p) && len(base.path) > 0 && isNormalizedWindowsDriveLetter(base.path[0]) {
						url.path = append(url.path, base.path[0])
					}
				}
				state = stPath
				p--
			}

		case stFileHost:
			if c == eof || c == '/' || c == '\\' || c == '?' || c == '#' {
				p--
				b := buf.String()
				if override == stNone && isWindowsDriveLetter(b) {
					state = stPath
				} else if b == "" {
					url.host, url.hasHost = "", true
					if override != stNone {
						return url, true
					}
					state = stPathStart
				} else {
					host, ok := parseHost(b, !url.special())
					if !ok {
						return url, false
					}
					if host == "localhost" {
						host = ""
					}
					url.host, url.hasHost = host, true
					if override != stNone {
						return url, true
					}
					buf.Reset()
					state = stPathStart
				}
			} else {
				buf.WriteRune(c)
			}

		case stPathStart:
			if url.special() {
				state = stPath
				if c != '/' && c != '\\' {
					p--
				}
			} else if override == stNone && c == '?' {
				url.query, url.hasQuery = "", true
				state = stQuery
			} else if override == stNone && c == '#' {
				url.fragment, url.hasFrag = "", true
				state = stFragment
			} else if c != eof {
				state = stPath
				if c != '/' {
					p--
				}
			} else if override != stNone && !url.hasHost {
				url.path = append(url.path, "")
			}

		case stPath:
			slash := c == '/' || (url.special() && c == '\\')
			if c == eof || slash || (override == stNone && (c == '?' || c == '#')) {
				b := buf.String()
				if isDoubleDot(b) {
					// Like Ada (Node's parser), a non-special URL whose path is already
					// empty stays empty.
					wasEmpty := len(url.path) == 0
					url.shortenPath()
					if !slash && !(wasEmpty && !url.special()) {
						url.path = append(url.path, "")
					}
				} else if isSingleDot(b) && !slash {
					url.path = append(url.path, "")
				} else if !isSingleDot(b) {
					if url.scheme == "file" && len(url.path) == 0 && isWindowsDriveLetter(b) {
						b = b[:1] + ":"
					}
					url.path = append(url.path, b)
				}
				buf.Reset()
				if c == '?' {
					url.query, url.hasQuery = "", true
					state = stQuery
				}
				if c == '#' {
					url.fragment, url.hasFrag = "", true
					state = stFragment
				}
			} else {
				appendPercentEncoded(&buf, c, inPathSet)
			}

		case stOpaquePath:
			if c == '?' {
				url.query, url.hasQuery = "", true
				state = stQuery
			} else if c == '#' {
				url.fragment, url.hasFrag = "", true
				state = stFragment
			} else if c != eof {
				var sb strings.Builder
				appendPercentEncoded(&sb, c, inC0ControlSet)
				url.opaquePath += sb.String()
			}

		case stQuery:
			if (override == stNone && c == '#') || c == eof {
				set := inQuerySet
				if url.special() {
					set = inSpecialQuerySet
				}
				url.query += percentEncodeString(buf.String(), set)
				buf.Reset()
				if c == '#' {
					url.fragment, url.hasFrag = "", true
					state = stFragment
				}
			} else if c != eof {
				buf.WriteRune(c)
			}

		case stFragment:
			if c != eof {
				var sb strings.Builder
				appendPercentEncoded(&sb, c, inFragmentSet)
				url.fragment += sb.String()
			}
		}
	}
	return url, true
}

// uts46 is domain to ASCII's UTS #46 processing as the URL Standard sets it up, except for
// CheckBidi, which adaBidiOK does the way Node's Ada does.
var uts46 = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
	idna.CheckJoiners(true),
	idna.VerifyDNSLength(false),
)

// asciiDomainToASCII checks the punycode labels of a lowercase ASCII domain as Ada does: each
// must decode to a non-empty label that mapping and normalization leave unchanged and that
// passes the label validity checks.
func asciiDomainToASCII(domain string) (string, bool) {
	for _, label := range strings.Split(domain, ".") {
		if !strings.HasPrefix(label, "xn--") {
			continue
		}
		dec, ok := punycodeDecode(label[4:])
		if !ok || len(dec) == 0 {
			return "", false
		}
		s := string(dec)
		if m, err := uts46.ToUnicode(s); err != nil || m != s {
			return "", false
		}
		if !adaLabelBidiOK(dec) {
			return "", false
		}
	}
	return domain, true
}

// punycodeDecode is RFC 3492 decoding as Ada implements it.
func punycodeDecode(input string) ([]rune, bool) {
	const (
		base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
		initialBias, initialN        = 72, 128
	)
	adapt := func(d, n int32, first bool) int32 {
		if first {
			d /= damp
		} else {
			d /= 2
		}
		d += d / n
		k := int32(0)
		for d > ((base-tmin)*tmax)/2 {
			d /= base - tmin
			k += base
		}
		return k + ((base-tmin+1)*d)/(d+skew)
	}
	var out []rune
	if end := strings.LastIndexByte(input, '-'); end >= 0 {
		for i := 0; i < end; i++ {
			if input[i] >= 0x80 {
				return nil, false
			}
			out = append(out, rune(input[i]))
		}
		input = input[end+1:]
	}
	n, i, bias := int32(initialN), int32(0), int32(initialBias)
	for len(input) > 0 {
		oldi, w := i, int32(1)
		for k := int32(base); ; k += base {
			if len(input) == 0 {
				return nil, false
			}
			c := input[0]
			input = input[1:]
			var digit int32
			switch {
			case c >= 'a' && c <= 'z':
				digit = int32(c - 'a')
			case c >= '0' && c <= '9':
				digit = int32(c-'0') + 26
			default:
				return nil, false
			}
			if digit > (0x7fffffff-i)/w {
				return nil, false
			}
			i += digit * w
			t := k - bias
			if k <= bias {
				t = tmin
			} else if k >= bias+tmax {
				t = tmax
			}
			if digit < t {
				break
			}
			if w > 0x7fffffff/(base-t) {
				return nil, false
			}
			w *= base - t
		}
		count := int32(len(out) + 1)
		bias = adapt(i-oldi, count, oldi == 0)
		if i/count > 0x7fffffff-n {
			return nil, false
		}
		n += i / count
		i %= count
		if n < 0x80 {
			return nil, false
		}
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = n
		i++
	}
	return out, true
}

// adaBidiOK applies Ada's bidi rules to the punycode labels of an ASCII domain: ASCII labels
// are not checked, and within a label holding right-to-left characters, a label starting with
// a left-to-right character is checked up to (not including) its last non-mark character.
func adaBidiOK(ascii string) bool {
	for _, label := range strings.Split(ascii, ".") {
		if !strings.HasPrefix(label, "xn--") {
			continue
		}
		u, err := idna.Punycode.ToUnicode(label)
		if err != nil {
			return false
		}
		if !adaLabelBidiOK([]rune(u)) {
			return false
		}
	}
	return true
}

func adaLabelBidiOK(label []rune) bool {
	classes := make([]bidi.Class, len(label))
	rtl := false
	last := -1
	for i, r := range label {
		p, _ := bidi.LookupRune(r)
		c := p.Class()
		classes[i] = c
		if c == bidi.R || c == bidi.AL || c == bidi.AN {
			rtl = true
		}
		if c != bidi.NSM {
			last = i
		}
	}
	if last < 0 {
		return false
	}
	if !rtl {
		return true
	}
	if classes[0] == bidi.L {
		for _, c := range classes[:last] {
			switch c {
			case bidi.L, bidi.EN, bidi.ES, bidi.CS, bidi.ET, bidi.ON, bidi.BN, bidi.NSM:
			default:
				return false
			}
		}
		return true
	}
	hasAN, hasEN := false, false
	for i, c := range classes[:last+1] {
		switch c {
		case bidi.EN:
			if hasEN = true; hasAN {
				return false
			}
		case bidi.AN:
			if hasAN = true; hasEN {
				return false
			}
		}
		switch c {
		case bidi.R, bidi.AL, bidi.AN, bidi.EN, bidi.ES, bidi.CS, bidi.ET, bidi.ON, bidi.BN, bidi.NSM:
		default:
			return false
		}
		if i == last && c != bidi.R && c != bidi.AL && c != bidi.AN && c != bidi.EN {
			return false
		}
	}
	return true
}

// domainToASCII is the URL Standard's domain to ASCII (beStrict false).
func domainToASCII(domain string) (string, bool) {
	ascii := true
	for i := 0; i < len(domain); i++ {
		if domain[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		lower := strings.ToLower(domain)
		if !strings.Contains(lower, "xn--") {
			return lower, domain != ""
		}
		return asciiDomainToASCII(lower)
	}
	out, err := uts46.ToASCII(domain)
	if err != nil || out == "" || !adaBidiOK(out) {
		return "", false
	}
	return out, true
}

func isForbiddenHostCodePoint(c rune) bool {
	switch c {
	case 0, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|':
		return true
	}
	return false
}

func isForbiddenDomainCodePoint(c rune) bool {
	return isForbiddenHostCodePoint(c) || (c >= 0 && c <= 0x1F) || c == '%' || c == 0x7F
}

// parseHost is the URL Standard's host parser; the result is the host serialized.
func parseHost(input string, opaque bool) (string, bool) {
	if strings.HasPrefix(input, "[") {
		if !strings.HasSuffix(input, "]") || len(input) < 2 {
			return "", false
		}
		addr, ok := parseIPv6(input[1 : len(input)-1])
		if !ok {
			return "", false
		}
		return "[" + serializeIPv6(addr) + "]", true
	}
	if opaque {
		for _, c := range input {
			if isForbiddenHostCodePoint(c) {
				return "", false
			}
		}
		return percentEncodeString(input, inC0ControlSet), true
	}
	domain := wutf8.String(percentDecode(input))
	asciiDomain, ok := domainToASCII(domain)
	if !ok {
		return "", false
	}
	for _, c := range asciiDomain {
		if isForbiddenDomainCodePoint(c) {
			return "", false
		}
	}
	if endsInANumber(asciiDomain) {
		v, ok := parseIPv4(asciiDomain)
		if !ok {
			return "", false
		}
		return serializeIPv4(v), true
	}
	return asciiDomain, true
}

func endsInANumber(s string) bool {
	parts := strings.Split(s, ".")
	if parts[len(parts)-1] == "" {
		if len(parts) == 1 {
			return false
		}
		parts = parts[:len(parts)-1]
	}
	last := parts[len(parts)-1]
	if last != "" {
		digits := true
		for _, c := range last {
			if !isASCIIDigit(c) {
				digits = false
				break
			}
		}
		if digits {
			return true
		}
	}
	_, ok := parseIPv4Number(last)
	return ok
}

// parseIPv4Number returns the value (capped just above 2^32, which is out of every range).
func parseIPv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	radix := uint64(10)
	if len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X") {
		radix, s = 16, s[2:]
	} else if len(s) >= 2 && s[0] == '0' {
		radix, s = 8, s[1:]
	}
	if s == "" {
		return 0, true
	}
	var v uint64
	for _, c := range s {
		var d uint64
		switch {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			return 0, false
		}
		if d >= radix {
			return 0, false
		}
		if v <= 1<<33 {
			v = v*radix + d
		}
	}
	return v, true
}

func parseIPv4(s string) (uint32, bool) {
	parts := strings.Split(s, ".")
	if parts[len(parts)-1] == "" && len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 4 {
		return 0, false
	}
	nums := make([]uint64, len(parts))
	for i, part := range parts {
		n, ok := parseIPv4Number(part)
		if !ok {
			return 0, false
		}
		nums[i] = n
	}
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return 0, false
		}
	}
	last := nums[len(nums)-1]
	if last >= uint64(1)<<(8*(5-len(nums))) {
		return 0, false
	}
	v := last
	for i, n := range nums[:len(nums)-1] {
		v += n << (8 * (3 - i))
	}
	return uint32(v), true
}

func serializeIPv4(v uint32) string {
	return strconv.Itoa(int(v>>24)) + "." + strconv.Itoa(int(v>>16&255)) + "." + strconv.Itoa(int(v>>8&255)) + "." + strconv.Itoa(int(v&255))
}

func parseIPv6(s string) ([8]uint16, bool) {
	var addr [8]uint16
	cps := []rune(s)
	pieceIndex, compress := 0, -1
	p := 0
	at := func(i int) rune {
		if i < len(cps) {
			return cps[i]
		}
		return -1
	}
	if at(p) == ':' {
		if at(p+1) != ':' {
			return addr, false
		}
		p += 2
		pieceIndex++
		compress = pieceIndex
	}
	for at(p) != -1 {
		if pieceIndex == 8 {
			return addr, false
		}
		if at(p) == ':' {
			if compress != -1 {
				return addr, false
			}
			p++
			pieceIndex++
			compress = pieceIndex
			continue
		}
		value, length := 0, 0
		for length < 4 && isASCIIHex(at(p)) {
			value = value*16 + int(bufUnhex(byte(at(p))))
			p++
			length++
		}
		if at(p) == '.' {
			if length == 0 {
				return addr, false
			}
			p -= length
			if pieceIndex > 6 {
				return addr, false
			}
			numbersSeen := 0
			for at(p) != -1 {
				ipv4Piece := -1
				if numbersSeen > 0 {
					if at(p) == '.' && numbersSeen < 4 {
						p++
					} else {
						return addr, false
					}
				}
				if !isASCIIDigit(at(p)) {
					return addr, false
				}
				for isASCIIDigit(at(p)) {
					n := int(at(p) - '0')
					if ipv4Piece == -1 {
						ipv4Piece = n
					} else if ipv4Piece == 0 {
						return addr, false
					} else {
						ipv4Piece = ipv4Piece*10 + n
					}
					if ipv4Piece > 255 {
						return addr, false
					}
					p++
				}
				addr[pieceIndex] = addr[pieceIndex]*0x100 + uint16(ipv4Piece)
				numbersSeen++
				if numbersSeen == 2 || numbersSeen == 4 {
					pieceIndex++
				}
			}
			if numbersSeen != 4 {
				return addr, false
			}
			break
		} else if at(p) == ':' {
			p++
			if at(p) == -1 {
				return addr, false
			}
		} else if at(p) != -1 {
			return addr, false
		}
		addr[pieceIndex] = uint16(value)
		pieceIndex++
	}
	if compress != -1 {
		swaps := pieceIndex - compress
		pieceIndex = 7
		for pieceIndex != 0 && swaps > 0 {
			addr[pieceIndex], addr[compress+swaps-1] = addr[compress+swaps-1], addr[pieceIndex]
			pieceIndex--
			swaps--
		}
	} else if pieceIndex != 8 {
		return addr, false
	}
	return addr, true
}

func serializeIPv6(addr [8]uint16) string {
	// The first longest run of two or more zero pieces is compressed.
	compress, best := -1, 1
	for i := 0; i < 8; {
		if addr[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && addr[j] == 0 {
			j++
		}
		if j-i > best {
			compress, best = i, j-i
		}
		i = j
	}
	var sb strings.Builder
	ignore0 := false
	for i := 0; i < 8; i++ {
		if ignore0 && addr[i] == 0 {
			continue
		}
		ignore0 = false
		if compress == i {
			if i == 0 {
				sb.WriteString("::")
			} else {
				sb.WriteString(":")
			}
			ignore0 = true
			continue
		}
		sb.WriteString(strconv.FormatUint(uint64(addr[i]), 16))
		if i != 7 {
			sb.WriteByte(':')
		}
	}
	return sb.String()
}

// urlComponents are the offsets Node's URL class reads (Ada's url_components).
type urlComponents struct {
	protocolEnd, usernameEnd, hostStart, hostEnd, port, pathnameStart, searchStart, hashStart, schemeType uint32
}

const omitted = 0xFFFFFFFF

// serialize is the URL serializer; it also returns the components' offsets.
func (u *urlRecord) serialize() (string, urlComponents) {
	var sb strings.Builder
	var c urlComponents
	sb.WriteString(u.scheme)
	sb.WriteByte(':')
	c.protocolEnd = uint32(sb.Len())
	c.port, c.searchStart, c.hashStart = omitted, omitted, omitted
	c.schemeType = uint32(schemeType(u.scheme))
	if u.hasHost {
		sb.WriteString("//")
		c.usernameEnd = uint32(sb.Len())
		c.hostStart = c.usernameEnd
		if u.includesCredentials() {
			sb.WriteString(u.username)
			c.usernameEnd = uint32(sb.Len())
			if u.password != "" {
				sb.WriteByte(':')
				sb.WriteString(u.password)
			}
			c.hostStart = uint32(sb.Len())
			sb.WriteByte('@')
		}
		sb.WriteString(u.host)
		c.hostEnd = uint32(sb.Len())
		if u.port >= 0 {
			sb.WriteByte(':')
			sb.WriteString(strconv.Itoa(u.port))
			c.port = uint32(u.port)
		}
	} else {
		c.usernameEnd, c.hostStart, c.hostEnd = c.protocolEnd, c.protocolEnd, c.protocolEnd
		if !u.opaque && len(u.path) > 1 && u.path[0] == "" {
			sb.WriteString("/.")
		}
	}
	c.pathnameStart = uint32(sb.Len())
	if u.opaque {
		sb.WriteString(u.opaquePath)
	} else {
		for _, seg := range u.path {
			sb.WriteByte('/')
			sb.WriteString(seg)
		}
	}
	if u.hasQuery {
		c.searchStart = uint32(sb.Len())
		sb.WriteByte('?')
		sb.WriteString(u.query)
	}
	if u.hasFrag {
		c.hashStart = uint32(sb.Len())
		sb.WriteByte('#')
		sb.WriteString(u.fragment)
	}
	return sb.String(), c
}

func (u *urlRecord) href() string {
	s, _ := u.serialize()
	return s
}

// stripTrailingSpacesFromOpaquePath is the URL Standard's "potentially strip trailing
// spaces from an opaque path".
func (u *urlRecord) stripTrailingSpacesFromOpaquePath() {
	if !u.opaque || u.hasFrag || u.hasQuery {
		return
	}
	u.opaquePath = strings.TrimRight(u.opaquePath, " ")
}

// URL setter actions, numbered as Node's updateActions.
const (
	updProtocol = iota
	updHost
	updHostname
	updPort
	updUsername
	updPassword
	updPathname
	updSearch
	updHash
	updHref
)

// setHostAda is the host and hostname setters as Ada (Node's URL parser) implements them for
// schemes other than file: a port after the host is set through the port setter (so it is
// dropped when the URL had no host), and an empty host clears the host of a non-special URL.
func setHostAda(u *urlRecord, value string, hostnameOnly bool) {
	if i := strings.IndexByte(value, '#'); i >= 0 {
		value = value[:i]
	}
	value = removeTabsAndNewlines(value)
	prevHost, prevHasHost, prevPort := u.host, u.hasHost, u.port
	special := u.special()
	location, foundColon := len(value), false
	inside := false
loop:
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case c == '[':
			inside = true
		case c == ']':
			inside = false
		case c == ':' && !inside:
			location, foundColon = i, true
			break loop
		case c == '/' || c == '?' || (special && c == '\\'):
			location = i
			break loop
		}
	}
	hostView := value[:location]
	if foundColon {
		if hostnameOnly {
			return
		}
		if port := value[location+1:]; port != "" {
			setPortAda(u, port)
		}
	} else if hostView == "" && (special || u.includesCredentials() || u.port >= 0) {
		return
	}
	if hostView == "" && !special {
		if u.hasHost {
			u.host = ""
		} else if !u.opaque && len(u.path) > 1 && u.path[0] == "" {
			u.host, u.hasHost = "", true
		}
		return
	}
	host, ok := parseHost(hostView, !special)
	if !ok || hostView == "" {
		u.host, u.hasHost, u.port = prevHost, prevHasHost, prevPort
		return
	}
	u.host, u.hasHost = host, true
}

// setPortAda is the port setter as Ada implements it: the leading digits are the port, and
// a value that does not start with one clears the port.
func setPortAda(u *urlRecord, value string) {
	if u.cannotHaveCredentialsOrPort() {
		return
	}
	trimmed := removeTabsAndNewlines(value)
	if trimmed == "" {
		u.port = -1
		return
	}
	if trimmed[0] <= 0x20 || !strings.ContainsAny(value, "0123456789") {
		return
	}
	n, digits := 0, 0
	for digits < len(trimmed) && trimmed[digits] >= '0' && trimmed[digits] <= '9' {
		n = n*10 + int(trimmed[digits]-'0')
		digits++
		if n > 65535 {
			return
		}
	}
	if digits == 0 {
		u.port = -1
		return
	}
	def := defaultPort(u.scheme)
	if def < 0 {
		def = 0
	}
	if (def == 0 && n == 0) || def != n {
		u.port = n
	} else {
		u.port = -1
	}
}

func removeTabsAndNewlines(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.Map(func(c rune) rune {
		if c == '\t' || c == '\n' || c == '\r' {
			return -1
		}
		return c
	}, s)
}

// updateURL applies a URL setter to the URL href; it reports false when the setter leaves
// the URL as it was because the value was rejected (an invalid href).
func updateURL(href string, action int, value string) (*urlRecord, bool) {
	if action == updHref {
		return parseURL(value, nil, nil, stNone)
	}
	u, ok := parseURL(href, nil, nil, stNone)
	if !ok {
		return nil, false
	}
	switch action {
	case updProtocol:
		c := u.clone()
		if _, ok := parseURL(value+":", nil, c, stSchemeStart); ok {
			u = c
		}
	case updUsername:
		if !u.cannotHaveCredentialsOrPort() {
			u.username = percentEncodeString(value, inUserinfoSet)
		}
	case updPassword:
		if !u.cannotHaveCredentialsOrPort() {
			u.password = percentEncodeString(value, inUserinfoSet)
		}
	case updHost, updHostname:
		if !u.opaque {
			if u.scheme == "file" {
				c := u.clone()
				if _, ok := parseURL(value, nil, c, stHost); ok {
					u = c
				}
			} else {
				setHostAda(u, value, action == updHostname)
			}
		}
	case updPort:
		setPortAda(u, value)
	case updPathname:
		if !u.opaque {
			c := u.clone()
			c.path = nil
			if _, ok := parseURL(value, nil, c, stPathStart); ok {
				u = c
			}
		}
	case updSearch:
		if value == "" {
			u.query, u.hasQuery = "", false
			u.stripTrailingSpacesFromOpaquePath()
			break
		}
		value = strings.TrimPrefix(value, "?")
		c := u.clone()
		c.query, c.hasQuery = "", true
		if _, ok := parseURL(value, nil, c, stQuery); ok {
			u = c
		}
	case updHash:
		if value == "" {
			u.fragment, u.hasFrag = "", false
			u.stripTrailingSpacesFromOpaquePath()
			break
		}
		value = strings.TrimPrefix(value, "#")
		c := u.clone()
		c.fragment, c.hasFrag = "", true
		if _, ok := parseURL(value, nil, c, stFragment); ok {
			u = c
		}
	}
	return u, true
}

// urlRealmModule holds one instance's URL machinery (see bufferRealmModule).
const urlRealmModule = "\x00plugchain/url"

func init() {
	registerModule(urlRealmModule, func(in *Instance) (goja.Value, error) {
		fn, err := in.rt.RunProgram(urlProgram())
		if err != nil {
			return nil, err
		}
		build, _ := goja.AssertFunction(fn)
		b := (&urlBinding{in: in}).object()
		realm, err := build(goja.Undefined(), b, in.nodeErrors())
		if err != nil {
			return nil, err
		}
		// The url module, built from it on demand, needs the binding too.
		return realm, realm.(*goja.Object).Set("binding", b)
	})
	registerGlobal("URL", func(in *Instance) (goja.Value, error) {
		return in.urlRealm().Get("URL"), nil
	})
	registerGlobal("URLSearchParams", func(in *Instance) (goja.Value, error) {
		return in.urlRealm().Get("URLSearchParams"), nil
	})
	registerModule("url", func(in *Instance) (goja.Value, error) {
		realm := in.urlRealm()
		fn, err := in.rt.RunProgram(urlModuleProgram())
		if err != nil {
			return nil, err
		}
		build, _ := goja.AssertFunction(fn)
		return build(goja.Undefined(), realm.Get("binding"), in.nodeErrors(), realm)
	})
}

// urlRealm returns the instance's {URL, URLSearchParams, domainToASCII, domainToUnicode,
// isURL, binding}.
func (in *Instance) urlRealm() *goja.Object {
	v, _ := in.requireModule(urlRealmModule)
	return v.(*goja.Object)
}

// urlBinding is the native half of the URL classes, as Node's internalBinding('url').
type urlBinding struct {
	in         *Instance
	components []byte // the bytes of the shared Uint32Array the URL class reads offsets from
}

func (b *urlBinding) object() *goja.Object {
	rt := b.in.rt
	o := rt.NewObject()
	set := func(name string, f func(goja.FunctionCall) goja.Value) { _ = o.Set(name, f) }
	set("setComponents", func(c goja.FunctionCall) goja.Value {
		b.components, _ = b.in.bytesOf(c.Argument(0))
		return goja.Undefined()
	})
	set("parse", func(c goja.FunctionCall) goja.Value {
		var base *urlRecord
		if bv := c.Argument(1); !goja.IsUndefined(bv) {
			var ok bool
			if base, ok = parseURL(bv.String(), nil, nil, stNone); !ok {
				return goja.Undefined()
			}
		}
		u, ok := parseURL(c.Argument(0).String(), base, nil, stNone)
		if !ok {
			return goja.Undefined()
		}
		return b.publish(u)
	})
	set("update", func(c goja.FunctionCall) goja.Value {
		u, ok := updateURL(c.Argument(0).String(), int(c.Argument(1).ToInteger()), c.Argument(2).String())
		if !ok {
			return rt.ToValue(false)
		}
		return b.publish(u)
	})
	set("canParse", func(c goja.FunctionCall) goja.Value {
		var base *urlRecord
		if bv := c.Argument(1); !goja.IsUndefined(bv) {
			var ok bool
			if base, ok = parseURL(bv.String(), nil, nil, stNone); !ok {
				return rt.ToValue(false)
			}
		}
		_, ok := parseURL(c.Argument(0).String(), base, nil, stNone)
		return rt.ToValue(ok)
	})
	set("domainToASCII", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(hostnameOfWS(c.Argument(0).String()))
	})
	set("domainToUnicode", func(c goja.FunctionCall) goja.Value {
		h := hostnameOfWS(c.Argument(0).String())
		if h == "" {
			return rt.ToValue("")
		}
		return rt.ToValue(hostToUnicode(h))
	})
	set("format", func(c goja.FunctionCall) goja.Value {
		u, ok := parseURL(c.Argument(0).String(), nil, nil, stNone)
		if !ok {
			return c.Argument(0)
		}
		if !c.Argument(1).ToBoolean() {
			u.fragment, u.hasFrag = "", false
		}
		if c.Argument(2).ToBoolean() && u.hasHost {
			u.host = hostToUnicode(u.host)
		}
		if !c.Argument(3).ToBoolean() {
			u.query, u.hasQuery = "", false
		}
		if !c.Argument(4).ToBoolean() {
			u.username, u.password = "", ""
		}
		return rt.ToValue(u.href())
	})
	set("toASCII", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(legacyToASCII(c.Argument(0).String()))
	})
	set("parseParams", func(c goja.FunctionCall) goja.Value {
		return rt.NewArray(parseParams(bufJSString(c.Argument(0)))...)
	})
	set("encodeStr", func(c goja.FunctionCall) goja.Value {
		return encodeStr(c, b.in)
	})
	set("toWellFormed", func(c goja.FunctionCall) goja.Value {
		return toWellFormed(c.Argument(0))
	})
	set("unescapeBuffer", func(c goja.FunctionCall) goja.Value {
		return rt.ToValue(wutf8.String(unescapeBuffer(bufJSString(c.Argument(0)), c.Argument(1).ToBoolean())))
	})
	return o
}

// publish returns u's href and writes its components where the URL class reads them.
func (b *urlBinding) publish(u *urlRecord) goja.Value {
	href, c := u.serialize()
	if len(b.components) >= 36 {
		for i, v := range [9]uint32{c.protocolEnd, c.usernameEnd, c.hostStart, c.hostEnd, c.port, c.pathnameStart, c.searchStart, c.hashStart, c.schemeType} {
			binary.NativeEndian.PutUint32(b.components[4*i:], v)
		}
	}
	return b.in.rt.ToValue(href)
}

// hostnameOfWS sets the hostname of ws://x to domain and returns it ("" if rejected), which
// is how Node implements domainToASCII.
func hostnameOfWS(domain string) string {
	u, _ := parseURL("ws://x", nil, nil, stNone)
	c := u.clone()
	if _, ok := parseURL(domain, nil, c, stHostname); !ok {
		return ""
	}
	return c.host
}

// hostToUnicode decodes the punycode labels of a host (Ada's to_unicode).
func hostToUnicode(host string) string {
	if !strings.Contains(strings.ToLower(host), "xn--") {
		return host
	}
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if len(l) > 4 && strings.EqualFold(l[:4], "xn--") {
			if u, err := idna.Punycode.ToUnicode(strings.ToLower(l)); err == nil {
				labels[i] = u
			}
		}
	}
	return strings.Join(labels, ".")
}

// legacyToASCII is the IDNA conversion url.parse applies to host names ("" on failure).
func legacyToASCII(host string) string {
	ascii := true
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii && !strings.Contains(strings.ToLower(host), "xn--") {
		return strings.ToLower(host)
	}
	out, err := uts46.ToASCII(host)
	if err != nil {
		return ""
	}
	return out
}

// parseParams is Node's application/x-www-form-urlencoded parser (parseParams of
// lib/internal/url.js): a flat list of names and values. Like Node, it decodes with
// decodeURIComponent and falls back to querystring's lenient decoding when that throws.
func parseParams(qs goja.String) []any {
	n := qs.Length()
	units := make([]uint16, n)
	for i := range units {
		units[i] = qs.CharAt(i)
	}
	var out []any
	var buf []uint16
	seenSep, encoded, encodeCheck := false, false, 0
	i := 0
	if n > 0 && units[0] == '?' {
		i = 1
	}
	pairStart, lastPos := i, i
	push := func() {
		if encoded {
			out = append(out, goja.StringFromUTF16(qsUnescapeUnits(buf)))
		} else {
			out = append(out, goja.StringFromUTF16(buf))
		}
		buf = buf[:0:0]
		encoded, encodeCheck = false, 0
	}
	for ; i < n; i++ {
		code := units[i]
		if code == '&' {
			if pairStart == i {
				lastPos, pairStart = i+1, i+1
				continue
			}
			buf = append(buf, units[lastPos:i]...)
			push()
			if !seenSep {
				out = append(out, bufEmptyString)
			}
			seenSep = false
			lastPos, pairStart = i+1, i+1
			continue
		}
		if !seenSep && code == '=' {
			buf = append(buf, units[lastPos:i]...)
			push()
			seenSep = true
			lastPos = i + 1
			continue
		}
		if code == '+' {
			buf = append(append(buf, units[lastPos:i]...), ' ')
			lastPos = i + 1
		} else if !encoded {
			if code == '%' {
				encodeCheck = 1
			} else if encodeCheck > 0 {
				if code < 0x80 && bufUnhex(byte(code)) >= 0 {
					if encodeCheck++; encodeCheck == 3 {
						encoded = true
					}
				} else {
					encodeCheck = 0
				}
			}
		}
	}
	if pairStart == i {
		return out
	}
	buf = append(buf, units[lastPos:i]...)
	push()
	if !seenSep {
		out = append(out, bufEmptyString)
	}
	return out
}

// qsUnescapeUnits is querystring.unescape: decodeURIComponent, or, where that throws, the
// lenient percent-decoding of unescapeBuffer read as UTF-8.
func qsUnescapeUnits(s []uint16) []uint16 {
	if out, ok := decodeURIComponentUnits(s); ok {
		return out
	}
	return utf16Units(wutf8.String(unescapeBuffer(goja.StringFromUTF16(s), false)))
}

// decodeURIComponentUnits is decodeURIComponent, reporting false where it throws a URIError.
func decodeURIComponentUnits(s []uint16) ([]uint16, bool) {
	hexAt := func(i int) (int, bool) {
		if i+2 >= len(s)+0 || s[i] != '%' || s[i+1] >= 0x80 || s[i+2] >= 0x80 {
			return 0, false
		}
		hi, lo := bufUnhex(byte(s[i+1])), bufUnhex(byte(s[i+2]))
		if hi < 0 || lo < 0 {
			return 0, false
		}
		return hi<<4 | lo, true
	}
	out := make([]uint16, 0, len(s))
	for i := 0; i < len(s); {
		if s[i] != '%' {
			out = append(out, s[i])
			i++
			continue
		}
		b, ok := hexAt(i)
		if !ok {
			return nil, false
		}
		i += 3
		if b < 0x80 {
			out = append(out, uint16(b))
			continue
		}
		var need int
		switch {
		case b&0xE0 == 0xC0:
			need = 1
		case b&0xF0 == 0xE0:
			need = 2
		case b&0xF8 == 0xF0:
			need = 3
		default:
			return nil, false
		}
		seq := []byte{byte(b)}
		for k := 0; k < need; k++ {
			c, ok := hexAt(i)
			if !ok || c&0xC0 != 0x80 {
				return nil, false
			}
			seq = append(seq, byte(c))
			i += 3
		}
		r, size := utf8.DecodeRune(seq)
		if r == utf8.RuneError || size != len(seq) {
			return nil, false
		}
		out = append(out, utf16Units(string(r))...)
	}
	return out, true
}

// Characters each percent-encoding of Node's encodeStr leaves alone, besides ASCII
// alphanumerics: URLSearchParams serialization (which writes a space as '+'),
// querystring.escape, and the auth of url.format.
var encodeStrKeep = [3]string{"*-._", "!'()*-._~", "!'()*-._~:"}

// encodeStr is Node's encodeStr(str, noEscapeTable, hexTable) of lib/internal/querystring.js,
// on UTF-16 code units as the JavaScript original works; the mode picks the tables.
func encodeStr(c goja.FunctionCall, in *Instance) goja.Value {
	s := bufJSString(c.Argument(0))
	mode := int(c.Argument(1).ToInteger())
	keep := encodeStrKeep[mode]
	n := s.Length()
	var sb strings.Builder
	hexByte := func(x int) {
		sb.WriteByte('%')
		sb.WriteByte(upperHex[x>>4&15])
		sb.WriteByte(upperHex[x&15])
	}
	for i := 0; i < n; i++ {
		u := int(s.CharAt(i))
		switch {
		case u < 0x80:
			switch {
			case u >= 'a' && u <= 'z' || u >= 'A' && u <= 'Z' || u >= '0' && u <= '9' || strings.IndexByte(keep, byte(u)) >= 0:
				sb.WriteByte(byte(u))
			case u == ' ' && mode == 0:
				sb.WriteByte('+')
			default:
				hexByte(u)
			}
		case u < 0x800:
			hexByte(0xC0 | u>>6)
			hexByte(0x80 | u&0x3F)
		case u < 0xD800 || u >= 0xE000:
			hexByte(0xE0 | u>>12)
			hexByte(0x80 | u>>6&0x3F)
			hexByte(0x80 | u&0x3F)
		default:
			i++
			if i >= n {
				panic(in.codedError("ERR_INVALID_URI"))
			}
			cp := 0x10000 + ((u&0x3FF)<<10 | int(s.CharAt(i))&0x3FF)
			hexByte(0xF0 | cp>>18)
			hexByte(0x80 | cp>>12&0x3F)
			hexByte(0x80 | cp>>6&0x3F)
			hexByte(0x80 | cp&0x3F)
		}
	}
	return in.rt.ToValue(sb.String())
}

// toWellFormed is String.prototype.toWellFormed: lone surrogates become U+FFFD.
func toWellFormed(v goja.Value) goja.Value {
	s := bufJSString(v)
	n := s.Length()
	var units []uint16
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		if c < 0xD800 || c > 0xDFFF {
			continue
		}
		if c <= 0xDBFF && i+1 < n && s.CharAt(i+1) >= 0xDC00 && s.CharAt(i+1) <= 0xDFFF {
			i++
			continue
		}
		if units == nil {
			units = make([]uint16, n)
			for j := 0; j < n; j++ {
				units[j] = s.CharAt(j)
			}
		}
		units[i] = 0xFFFD
	}
	if units == nil {
		return s
	}
	return goja.StringFromUTF16(units)
}

// unescapeBuffer is querystring.unescapeBuffer: percent-decoding that keeps malformed
// sequences, on the string's UTF-16 code units taken as bytes.
func unescapeBuffer(s goja.String, decodeSpaces bool) []byte {
	n := s.Length()
	out := make([]byte, 0, n)
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		if c == '+' && decodeSpaces {
			out = append(out, ' ')
			continue
		}
		if c == '%' && i < n-2 {
			hi, lo := -1, -1
			if h := s.CharAt(i + 1); h < 0x80 {
				hi = bufUnhex(byte(h))
			}
			if hi < 0 {
				out = append(out, '%')
				continue
			}
			if l := s.CharAt(i + 2); l < 0x80 {
				lo = bufUnhex(byte(l))
			}
			if lo < 0 {
				out = append(out, '%', byte(s.CharAt(i+1)))
				i++
				continue
			}
			out = append(out, byte(hi<<4|lo))
			i += 2
			continue
		}
		out = append(out, byte(c))
	}
	return out
}

var urlProgram = builtinProgram("plugchain:url", urlSource)

// urlSource is Node 20's URL and URLSearchParams (lib/internal/url.js) on top of the Go
// parser; it returns {URL, URLSearchParams, domainToASCII, domainToUnicode, isURL}.
const urlSource = `(function (binding, errors) {
'use strict'
const {
  ERR_ARG_NOT_ITERABLE, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_FILE_URL_HOST,
  ERR_INVALID_FILE_URL_PATH, ERR_INVALID_THIS, ERR_INVALID_TUPLE, ERR_INVALID_URI, ERR_INVALID_URL,
  ERR_INVALID_URL_SCHEME, ERR_MISSING_ARGS,
} = errors.codes
const { validateFunction, validateString, validateObject, toStr } = errors
const toUSV = binding.toWellFormed
const urlComponents = new Uint32Array(9)
binding.setComponents(urlComponents)
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')
const kEnumerableProperty = { __proto__: null, enumerable: true }
Object.freeze(kEnumerableProperty)

// lib/internal/querystring.js and lib/querystring.js, the parts URLSearchParams needs
const isHex = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const encodeStr = binding.encodeStr

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s)
  } catch {
    return binding.unescapeBuffer(s, !!decodeSpaces)
  }
}

// lib/internal/url.js
const updateActions = {
  kProtocol: 0, kHost: 1, kHostname: 2, kPort: 3, kUsername: 4, kPassword: 5, kPathname: 6, kSearch: 7, kHash: 8, kHref: 9,
}

// The context of a URL (Ada's url_components): the href and offsets into it. A plain object
// is cheaper to make than a class instance with fields.
const OMITTED = 4294967295
function newURLContext() {
  return { href: '', protocol_end: 0, username_end: 0, host_start: 0, host_end: 0, pathname_start: 0, search_start: 0, hash_start: 0, port: 0, scheme_type: 1 }
}

let setURLSearchParamsModified
let setURLSearchParamsContext
let getURLSearchParamsList
let setURLSearchParams

function inspectWith(inspect) {
  return typeof inspect === 'function' ? inspect : errors.inspect
}

class URLSearchParamsIterator {
  #target
  #kind
  #index

  constructor(target, kind) {
    this.#target = target
    this.#kind = kind
    this.#index = 0
  }

  next() {
    if (typeof this !== 'object' || this === null || !(#target in this)) throw new ERR_INVALID_THIS('URLSearchParamsIterator')
    const index = this.#index
    const values = getURLSearchParamsList(this.#target)
    const len = values.length
    if (index >= len) return { value: undefined, done: true }
    const name = values[index]
    const value = values[index + 1]
    this.#index = index + 2
    let result
    if (this.#kind === 'key') result = name
    else if (this.#kind === 'value') result = value
    else result = [name, value]
    return { value: result, done: false }
  }

  [inspectSymbol](recurseTimes, ctx, inspect) {
    if (!this || typeof this !== 'object' || !(#target in this)) throw new ERR_INVALID_THIS('URLSearchParamsIterator')
    inspect = inspectWith(inspect)
    if (typeof recurseTimes === 'number' && recurseTimes < 0) return '[Object]'
    const innerOpts = { ...ctx }
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1
    const index = this.#index
    const values = getURLSearchParamsList(this.#target)
    const output = values.slice(index).reduce((prev, cur, i) => {
      const key = i % 2 === 0
      if (this.#kind === 'key' && key) prev.push(cur)
      else if (this.#kind === 'value' && !key) prev.push(cur)
      else if (this.#kind === 'key+value' && !key) prev.push([values[index + i - 1], cur])
      return prev
    }, [])
    const breakLn = inspect(output, innerOpts).includes('\n')
    const outputStrs = output.map((p) => inspect(p, innerOpts))
    let outputStr
    if (breakLn) outputStr = '\n  ' + outputStrs.join(',\n  ')
    else outputStr = ' ' + outputStrs.join(', ')
    return this[Symbol.toStringTag] + ' {' + outputStr + ' }'
  }
}

delete URLSearchParamsIterator.prototype.constructor
Object.setPrototypeOf(URLSearchParamsIterator.prototype, IteratorPrototype)
Object.defineProperties(URLSearchParamsIterator.prototype, {
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'URLSearchParams Iterator' },
  next: kEnumerableProperty,
})

class URLSearchParams {
  #searchParams = []
  #context

  static {
    setURLSearchParamsContext = (obj, ctx) => { obj.#context = ctx }
    getURLSearchParamsList = (obj) => obj.#searchParams
    setURLSearchParams = (obj, query) => {
      if (query === undefined) obj.#searchParams = []
      else obj.#searchParams = parseParams(query)
    }
  }

  constructor(init = undefined) {
    if (init == null) {
      // Nothing to do.
    } else if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator]
      if (method === this[Symbol.iterator] && #searchParams in init) {
        this.#searchParams = init.#searchParams.slice()
      } else if (method != null) {
        if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE('Query pairs')
        for (const pair of init) {
          if (pair == null) {
            throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]')
          } else if (Array.isArray(pair)) {
            if (pair.length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]')
            this.#searchParams.push(toUSV(toStr(pair[0])), toUSV(toStr(pair[1])))
          } else {
            if (((typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function')) {
              throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]')
            }
            let length = 0
            for (const element of pair) {
              length++
              this.#searchParams.push(toUSV(toStr(element)))
            }
            if (length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]')
          }
        }
      } else {
        const visited = new Map()
        const keys = Reflect.ownKeys(init)
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]
          const desc = Reflect.getOwnPropertyDescriptor(init, key)
          if (desc !== undefined && desc.enumerable) {
            const typedKey = toUSV(key)
            const typedValue = toUSV(toStr(init[key]))
            const keyIdx = visited.get(typedKey)
            if (keyIdx !== undefined) {
              this.#searchParams[keyIdx] = typedValue
            } else {
              visited.set(typedKey, this.#searchParams.push(typedKey, typedValue) - 1)
            }
          }
        }
      }
    } else {
      init = toUSV(toStr(init))
      this.#searchParams = init ? parseParams(init) : []
    }
  }

  [inspectSymbol](recurseTimes, ctx, inspect) {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    inspect = inspectWith(inspect)
    if (typeof recurseTimes === 'number' && recurseTimes < 0) return '[Object]'
    const separator = ', '
    const innerOpts = { ...ctx }
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1
    const innerInspect = (v) => inspect(v, innerOpts)
    const list = this.#searchParams
    const output = []
    for (let i = 0; i < list.length; i += 2) output.push(innerInspect(list[i]) + ' => ' + innerInspect(list[i + 1]))
    const length = output.reduce((prev, cur) => prev + cur.length + separator.length, -separator.length)
    const breakLength = ctx && ctx.breakLength !== undefined ? ctx.breakLength : 80
    if (length > breakLength) return this.constructor.name + ' {\n  ' + output.join(',\n  ') + ' }'
    else if (output.length) return this.constructor.name + ' { ' + output.join(separator) + ' }'
    return this.constructor.name + ' {}'
  }

  get size() {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    return this.#searchParams.length / 2
  }

  append(name, value) {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value')
    name = toUSV(toStr(name))
    value = toUSV(toStr(value))
    this.#searchParams.push(name, value)
    if (this.#context) setURLSearchParamsModified(this.#context)
  }

  delete(name, value = undefined) {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name')
    const list = this.#searchParams
    name = toUSV(toStr(name))
    if (value !== undefined) {
      value = toUSV(toStr(value))
      for (let i = 0; i < list.length;) {
        if (list[i] === name && list[i + 1] === value) list.splice(i, 2)
        else i += 2
      }
    } else {
      for (let i = 0; i < list.length;) {
        if (list[i] === name) list.splice(i, 2)
        else i += 2
      }
    }
    if (this.#context) setURLSearchParamsModified(this.#context)
  }

  get(name) {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name')
    const list = this.#searchParams
    name = toUSV(toStr(name))
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) return list[i + 1]
    }
    return null
  }

  getAll(name) {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name')
    const list = this.#searchParams
    const values = []
    name = toUSV(toStr(name))
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) values.push(list[i + 1])
    }
    return values
  }

  has(name, value = undefined) {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name')
    const list = this.#searchParams
    name = toUSV(toStr(name))
    if (value !== undefined) value = toUSV(toStr(value))
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) {
        if (value === undefined || list[i + 1] === value) return true
      }
    }
    return false
  }

  set(name, value) {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value')
    const list = this.#searchParams
    name = toUSV(toStr(name))
    value = toUSV(toStr(value))
    let found = false
    for (let i = 0; i < list.length;) {
      const cur = list[i]
      if (cur === name) {
        if (!found) {
          list[i + 1] = value
          found = true
          i += 2
        } else {
          list.splice(i, 2)
        }
      } else {
        i += 2
      }
    }
    if (!found) list.push(name, value)
    if (this.#context) setURLSearchParamsModified(this.#context)
  }

  sort() {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    const a = this.#searchParams
    const len = a.length
    if (len <= 2) {
      // Nothing to do.
    } else if (len < 100) {
      for (let i = 2; i < len; i += 2) {
        const curKey = a[i]
        const curVal = a[i + 1]
        let j
        for (j = i - 2; j >= 0; j -= 2) {
          if (a[j] > curKey) {
            a[j + 2] = a[j]
            a[j + 3] = a[j + 1]
          } else {
            break
          }
        }
        a[j + 2] = curKey
        a[j + 3] = curVal
      }
    } else {
      const lBuffer = new Array(len)
      const rBuffer = new Array(len)
      for (let step = 2; step < len; step *= 2) {
        for (let start = 0; start < len - 2; start += 2 * step) {
          const mid = start + step
          let end = mid + step
          end = end < len ? end : len
          if (mid > end) continue
          merge(a, start, mid, end, lBuffer, rBuffer)
        }
      }
    }
    if (this.#context) setURLSearchParamsModified(this.#context)
  }

  entries() {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    return new URLSearchParamsIterator(this, 'key+value')
  }

  forEach(callback, thisArg = undefined) {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    validateFunction(callback, 'callback')
    let list = this.#searchParams
    let i = 0
    while (i < list.length) {
      const key = list[i]
      const value = list[i + 1]
      callback.call(thisArg, value, key, this)
      list = this.#searchParams
      i += 2
    }
  }

  keys() {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    return new URLSearchParamsIterator(this, 'key')
  }

  values() {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    return new URLSearchParamsIterator(this, 'value')
  }

  toString() {
    if (typeof this !== 'object' || this === null || !(#searchParams in this)) throw new ERR_INVALID_THIS('URLSearchParams')
    return serializeParams(this.#searchParams)
  }
}

Object.defineProperties(URLSearchParams.prototype, {
  append: kEnumerableProperty,
  delete: kEnumerableProperty,
  get: kEnumerableProperty,
  getAll: kEnumerableProperty,
  has: kEnumerableProperty,
  set: kEnumerableProperty,
  size: kEnumerableProperty,
  sort: kEnumerableProperty,
  entries: kEnumerableProperty,
  forEach: kEnumerableProperty,
  keys: kEnumerableProperty,
  values: kEnumerableProperty,
  toString: kEnumerableProperty,
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'URLSearchParams' },
  [Symbol.iterator]: { __proto__: null, configurable: true, writable: true, value: URLSearchParams.prototype.entries },
})

function isURL(self) {
  return Boolean(self && self.href && self.protocol && self.auth === undefined && self.path === undefined)
}

const kParseURLSymbol = Symbol('kParseURL')

class URL {
  #context = newURLContext()
  #searchParams
  #searchParamsModified

  static {
    setURLSearchParamsModified = (obj) => {
      obj.#searchParamsModified = true
      if (obj.#context.search_start !== OMITTED) {
        obj.#updateContext(binding.update(obj.#context.href, updateActions.kSearch, ''))
      }
    }
  }

  constructor(input, base = undefined, parseSymbol = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url')
    input = toStr(input)
    if (base !== undefined) base = toStr(base)
    const href = binding.parse(input, base)
    if (href === undefined) {
      if (parseSymbol !== kParseURLSymbol) throw errors.codes.ERR_INVALID_URL_PLAIN(input, base)
      return
    }
    this.#updateContext(href)
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url')
    const parsedURLObject = new URL(input, base, kParseURLSymbol)
    return parsedURLObject.href ? parsedURLObject : null
  }

  [inspectSymbol](depth, opts, inspect) {
    if (typeof depth === 'number' && depth < 0) return this
    inspect = inspectWith(inspect)
    const constructor = (Object.getPrototypeOf(this) && Object.getPrototypeOf(this).constructor) || URL
    const obj = { __proto__: { constructor } }
    obj.href = this.href
    obj.origin = this.origin
    obj.protocol = this.protocol
    obj.username = this.username
    obj.password = this.password
    obj.host = this.host
    obj.hostname = this.hostname
    obj.port = this.port
    obj.pathname = this.pathname
    obj.search = this.search
    obj.searchParams = this.searchParams
    obj.hash = this.hash
    return constructor.name + ' ' + inspect(obj, opts)
  }

  #getSearchFromContext() {
    if (this.#context.search_start === OMITTED) return ''
    let endsAt = this.#context.href.length
    if (this.#context.hash_start !== OMITTED) endsAt = this.#context.hash_start
    if (endsAt - this.#context.search_start <= 1) return ''
    return this.#context.href.slice(this.#context.search_start, endsAt)
  }

  #getSearchFromParams() {
    if (!(this.#searchParams && this.#searchParams.size)) return ''
    return '?' + this.#searchParams
  }

  #ensureSearchParamsUpdated() {
    if (this.#searchParamsModified) {
      this.#searchParamsModified = false
      this.#updateContext(binding.update(this.#context.href, updateActions.kSearch, this.#getSearchFromParams()))
    }
  }

  #updateContext(href, shouldUpdateSearchParams = false) {
    const previousSearch = shouldUpdateSearchParams && this.#searchParams &&
      (this.#searchParamsModified ? this.#getSearchFromParams() : this.#getSearchFromContext())
    const ctx = this.#context
    ctx.href = href
    ctx.protocol_end = urlComponents[0]
    ctx.username_end = urlComponents[1]
    ctx.host_start = urlComponents[2]
    ctx.host_end = urlComponents[3]
    ctx.port = urlComponents[4]
    ctx.pathname_start = urlComponents[5]
    ctx.search_start = urlComponents[6]
    ctx.hash_start = urlComponents[7]
    ctx.scheme_type = urlComponents[8]
    if (this.#searchParams) {
      if (shouldUpdateSearchParams) {
        const currentSearch = this.#getSearchFromContext()
        if (previousSearch !== currentSearch) {
          setURLSearchParams(this.#searchParams, currentSearch)
          this.#searchParamsModified = false
        }
      }
      this.#ensureSearchParamsUpdated()
    }
  }

  toString() {
    this.#ensureSearchParamsUpdated()
    return this.#context.href
  }

  get href() {
    this.#ensureSearchParamsUpdated()
    return this.#context.href
  }

  set href(value) {
    value = toStr(value)
    const href = binding.update(this.#context.href, updateActions.kHref, value)
    if (!href) throw new ERR_INVALID_URL(value)
    this.#updateContext(href, true)
  }

  get origin() {
    const protocol = this.#context.href.slice(0, this.#context.protocol_end)
    if (this.#context.scheme_type !== 1) {
      if (this.#context.scheme_type === 6) return 'null'
      return protocol + '//' + this.host
    }
    if (protocol === 'blob:') {
      const path = this.pathname
      if (path.length > 0) {
        try {
          const out = new URL(path)
          if (out.#context.scheme_type === 0 || out.#context.scheme_type === 2) return out.protocol + '//' + out.host
        } catch {
          // An opaque origin.
        }
      }
    }
    return 'null'
  }

  get protocol() {
    return this.#context.href.slice(0, this.#context.protocol_end)
  }

  set protocol(value) {
    const href = binding.update(this.#context.href, updateActions.kProtocol, toStr(value))
    if (href) this.#updateContext(href)
  }

  get username() {
    if (this.#context.protocol_end + 2 < this.#context.username_end) {
      return this.#context.href.slice(this.#context.protocol_end + 2, this.#context.username_end)
    }
    return ''
  }

  set username(value) {
    const href = binding.update(this.#context.href, updateActions.kUsername, toStr(value))
    if (href) this.#updateContext(href)
  }

  get password() {
    if (this.#context.host_start - this.#context.username_end > 0) {
      return this.#context.href.slice(this.#context.username_end + 1, this.#context.host_start)
    }
    return ''
  }

  set password(value) {
    const href = binding.update(this.#context.href, updateActions.kPassword, toStr(value))
    if (href) this.#updateContext(href)
  }

  get host() {
    let startsAt = this.#context.host_start
    if (this.#context.href[startsAt] === '@') startsAt++
    if (startsAt === this.#context.host_end) return ''
    return this.#context.href.slice(startsAt, this.#context.pathname_start)
  }

  set host(value) {
    const href = binding.update(this.#context.href, updateActions.kHost, toStr(value))
    if (href) this.#updateContext(href)
  }

  get hostname() {
    let startsAt = this.#context.host_start
    if (this.#context.href[startsAt] === '@') startsAt++
    return this.#context.href.slice(startsAt, this.#context.host_end)
  }

  set hostname(value) {
    const href = binding.update(this.#context.href, updateActions.kHostname, toStr(value))
    if (href) this.#updateContext(href)
  }

  get port() {
    if (this.#context.port !== OMITTED) return '' + this.#context.port
    return ''
  }

  set port(value) {
    const href = binding.update(this.#context.href, updateActions.kPort, toStr(value))
    if (href) this.#updateContext(href)
  }

  get pathname() {
    let endsAt
    if (this.#context.search_start !== OMITTED) endsAt = this.#context.search_start
    else if (this.#context.hash_start !== OMITTED) endsAt = this.#context.hash_start
    return this.#context.href.slice(this.#context.pathname_start, endsAt)
  }

  set pathname(value) {
    const href = binding.update(this.#context.href, updateActions.kPathname, toStr(value))
    if (href) this.#updateContext(href)
  }

  get search() {
    this.#ensureSearchParamsUpdated()
    return this.#getSearchFromContext()
  }

  set search(value) {
    const href = binding.update(this.#context.href, updateActions.kSearch, toUSV(toStr(value)))
    if (href) this.#updateContext(href, true)
  }

  get searchParams() {
    if (this.#searchParams == null) {
      this.#searchParams = new URLSearchParams(this.#getSearchFromContext())
      setURLSearchParamsContext(this.#searchParams, this)
      this.#searchParamsModified = false
    }
    return this.#searchParams
  }

  get hash() {
    if (this.#context.hash_start === OMITTED || (this.#context.href.length - this.#context.hash_start <= 1)) return ''
    return this.#context.href.slice(this.#context.hash_start)
  }

  set hash(value) {
    const href = binding.update(this.#context.href, updateActions.kHash, toStr(value))
    if (href) this.#updateContext(href)
  }

  toJSON() {
    this.#ensureSearchParamsUpdated()
    return this.#context.href
  }

  static canParse(url, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url')
    url = toStr(url)
    if (base !== undefined) return binding.canParse(url, toStr(base))
    return binding.canParse(url)
  }
}

Object.defineProperties(URL.prototype, {
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'URL' },
  toString: kEnumerableProperty,
  href: kEnumerableProperty,
  origin: kEnumerableProperty,
  protocol: kEnumerableProperty,
  username: kEnumerableProperty,
  password: kEnumerableProperty,
  host: kEnumerableProperty,
  hostname: kEnumerableProperty,
  port: kEnumerableProperty,
  pathname: kEnumerableProperty,
  search: kEnumerableProperty,
  searchParams: kEnumerableProperty,
  hash: kEnumerableProperty,
  toJSON: kEnumerableProperty,
})

Object.defineProperties(URL, {
  canParse: { __proto__: null, configurable: true, writable: true, enumerable: true },
  parse: { __proto__: null, configurable: true, writable: true, enumerable: true },
})

const parseParams = binding.parseParams

function serializeParams(array) {
  const len = array.length
  if (len === 0) return ''
  let output = encodeStr(array[0], 0) + '=' + encodeStr(array[1], 0)
  for (let i = 2; i < len; i += 2) {
    output += '&' + encodeStr(array[i], 0) + '=' + encodeStr(array[i + 1], 0)
  }
  return output
}

function merge(out, start, mid, end, lBuffer, rBuffer) {
  const sizeLeft = mid - start
  const sizeRight = end - mid
  let l, r, o
  for (l = 0; l < sizeLeft; l++) lBuffer[l] = out[start + l]
  for (r = 0; r < sizeRight; r++) rBuffer[r] = out[mid + r]
  l = 0
  r = 0
  o = start
  while (l < sizeLeft && r < sizeRight) {
    if (lBuffer[l] <= rBuffer[r]) {
      out[o++] = lBuffer[l++]
      out[o++] = lBuffer[l++]
    } else {
      out[o++] = rBuffer[r++]
      out[o++] = rBuffer[r++]
    }
  }
  while (l < sizeLeft) out[o++] = lBuffer[l++]
  while (r < sizeRight) out[o++] = rBuffer[r++]
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain')
  return binding.domainToASCII(toStr(domain))
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain')
  return binding.domainToUnicode(toStr(domain))
}

return { URL, URLSearchParams, domainToASCII, domainToUnicode, isURL }
})`

var urlModuleProgram = builtinProgram("plugchain:url-module", urlModuleSource)

// urlModuleSource is lib/url.js (url.parse, url.format, url.resolve ...) with the parts of
// lib/querystring.js it uses; it returns the url module.
const urlModuleSource = `(function (binding, errors, web) {
'use strict'
const { ERR_INVALID_ARG_TYPE, ERR_INVALID_FILE_URL_HOST, ERR_INVALID_FILE_URL_PATH, ERR_INVALID_URL, ERR_INVALID_URL_SCHEME } = errors.codes
const { validateString, validateObject } = errors
const { URL, URLSearchParams, domainToASCII, domainToUnicode, isURL } = web
const isHex = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
const unsafeProtocol = new Set(['javascript', 'javascript:'])
const hostlessProtocol = new Set(['javascript', 'javascript:'])
const slashedProtocol = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:'])

// lib/querystring.js
function unescapeBuffer(s, decodeSpaces) {
  return binding.unescapeBuffer(s, !!decodeSpaces)
}

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s)
  } catch {
    return QueryString.unescapeBuffer(s, decodeSpaces)
  }
}

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str)
    else str += ''
  }
  return binding.encodeStr(str, 1)
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return '' + v
  if (typeof v === 'bigint') return '' + v
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  return ''
}

function encodeStringified(v, encode) {
  if (typeof v === 'string') return (v.length ? encode(v) : '')
  if (typeof v === 'number' && Number.isFinite(v)) return (Math.abs(v) < 1e21 ? '' + v : encode('' + v))
  if (typeof v === 'bigint') return '' + v
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  return ''
}

function encodeStringifiedCustom(v, encode) {
  return encode(stringifyPrimitive(v))
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&'
  eq = eq || '='
  let encode = QueryString.escape
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent
  const convert = (encode === qsEscape ? encodeStringified : encodeStringifiedCustom)
  if (obj !== null && typeof obj === 'object') {
    const keys = Object.keys(obj)
    const len = keys.length
    let fields = ''
    for (let i = 0; i < len; ++i) {
      const k = keys[i]
      const v = obj[k]
      let ks = convert(k, encode)
      ks += eq
      if (Array.isArray(v)) {
        const vlen = v.length
        if (vlen === 0) continue
        if (fields) fields += sep
        for (let j = 0; j < vlen; ++j) {
          if (j) fields += sep
          fields += ks
          fields += convert(v[j], encode)
        }
      } else {
        if (fields) fields += sep
        fields += ks
        fields += convert(v, encode)
      }
    }
    return fields
  }
  return ''
}

function charCodes(str) {
  if (str.length === 0) return []
  if (str.length === 1) return [str.charCodeAt(0)]
  const ret = new Array(str.length)
  for (let i = 0; i < str.length; ++i) ret[i] = str.charCodeAt(i)
  return ret
}
const defSepCodes = [38]
const defEqCodes = [61]

function addKeyVal(obj, key, value, keyEncoded, valEncoded, decode) {
  if (key.length > 0 && keyEncoded) key = decodeStr(key, decode)
  if (value.length > 0 && valEncoded) value = decodeStr(value, decode)
  if (obj[key] === undefined) {
    obj[key] = value
  } else {
    const curValue = obj[key]
    if (curValue.pop) curValue[curValue.length] = value
    else obj[key] = [curValue, value]
  }
}

function parse(qs, sep, eq, options) {
  const obj = { __proto__: null }
  if (typeof qs !== 'string' || qs.length === 0) return obj
  const sepCodes = (!sep ? defSepCodes : charCodes(String(sep)))
  const eqCodes = (!eq ? defEqCodes : charCodes(String(eq)))
  const sepLen = sepCodes.length
  const eqLen = eqCodes.length
  let pairs = 1000
  if (options && typeof options.maxKeys === 'number') pairs = (options.maxKeys > 0 ? options.maxKeys : -1)
  let decode = QueryString.unescape
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent
  const customDecode = (decode !== qsUnescape)
  let lastPos = 0
  let sepIdx = 0
  let eqIdx = 0
  let key = ''
  let value = ''
  let keyEncoded = customDecode
  let valEncoded = customDecode
  const plusChar = (customDecode ? '%20' : ' ')
  let encodeCheck = 0
  for (let i = 0; i < qs.length; ++i) {
    const code = qs.charCodeAt(i)
    if (code === sepCodes[sepIdx]) {
      if (++sepIdx === sepLen) {
        const end = i - sepIdx + 1
        if (eqIdx < eqLen) {
          if (lastPos < end) {
            key += qs.slice(lastPos, end)
          } else if (key.length === 0) {
            if (--pairs === 0) return obj
            lastPos = i + 1
            sepIdx = eqIdx = 0
            continue
          }
        } else if (lastPos < end) {
          value += qs.slice(lastPos, end)
        }
        addKeyVal(obj, key, value, keyEncoded, valEncoded, decode)
        if (--pairs === 0) return obj
        keyEncoded = valEncoded = customDecode
        key = value = ''
        encodeCheck = 0
        lastPos = i + 1
        sepIdx = eqIdx = 0
      }
    } else {
      sepIdx = 0
      if (eqIdx < eqLen) {
        if (code === eqCodes[eqIdx]) {
          if (++eqIdx === eqLen) {
            const end = i - eqIdx + 1
            if (lastPos < end) key += qs.slice(lastPos, end)
            encodeCheck = 0
            lastPos = i + 1
          }
          continue
        } else {
          eqIdx = 0
          if (!keyEncoded) {
            if (code === 37) {
              encodeCheck = 1
              continue
            } else if (encodeCheck > 0) {
              if (isHex(code)) {
                if (++encodeCheck === 3) keyEncoded = true
                continue
              } else {
                encodeCheck = 0
              }
            }
          }
        }
        if (code === 43) {
          if (lastPos < i) key += qs.slice(lastPos, i)
          key += plusChar
          lastPos = i + 1
          continue
        }
      }
      if (code === 43) {
        if (lastPos < i) value += qs.slice(lastPos, i)
        value += plusChar
        lastPos = i + 1
      } else if (!valEncoded) {
        if (code === 37) {
          encodeCheck = 1
        } else if (encodeCheck > 0) {
          if (isHex(code)) {
            if (++encodeCheck === 3) valEncoded = true
          } else {
            encodeCheck = 0
          }
        }
      }
    }
  }
  if (lastPos < qs.length) {
    if (eqIdx < eqLen) key += qs.slice(lastPos)
    else if (sepIdx < sepLen) value += qs.slice(lastPos)
  } else if (eqIdx === 0 && key.length === 0) {
    return obj
  }
  addKeyVal(obj, key, value, keyEncoded, valEncoded, decode)
  return obj
}

function decodeStr(s, decoder) {
  try {
    return decoder(s)
  } catch {
    return QueryString.unescape(s, true)
  }
}

const QueryString = {
  unescapeBuffer,
  unescape: qsUnescape,
  escape: qsEscape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
}

// lib/internal/url.js: the module's utilities
function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search: search,
    pathname: pathname,
    path: (pathname || '') + (search || ''),
    href: url.href,
  }
  if (port !== '') options.port = Number(port)
  if (username || password) options.auth = decodeURIComponent(username) + ':' + decodeURIComponent(password)
  return options
}

function getPathFromURLPosix(url) {
  if (url.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST('linux')
  const pathname = url.pathname
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20
      if (pathname[n + 1] === '2' && third === 102) throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters')
    }
  }
  return decodeURIComponent(pathname)
}

function fileURLToPath(path, options) {
  if (typeof path === 'string') path = new URL(path)
  else if (!isURL(path)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path)
  if (path.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file')
  return getPathFromURLPosix(path)
}

// posixResolve is path.posix.resolve with "/" as the working directory: plugins have no
// file system, so relative paths resolve against the root.
function posixResolve(p) {
  const out = []
  for (const seg of ('/' + p).split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') out.pop()
    else out.push(seg)
  }
  return '/' + out.join('/')
}

const pathEscapes = [['%', '%25'], ['\t', '%09'], ['\n', '%0A'], ['\r', '%0D'], [' ', '%20'], ['"', '%22'], ['#', '%23'], ['?', '%3F'], ['[', '%5B'], ['\\', '%5C'], [']', '%5D'], ['^', '%5E'], ['|', '%7C'], ['~', '%7E']]

function encodePathChars(filepath) {
  for (const [ch, esc] of pathEscapes) {
    if (filepath.includes(ch)) filepath = filepath.split(ch).join(esc)
  }
  return filepath
}

function pathToFileURL(filepath) {
  validateString(filepath, 'path')
  let resolved = posixResolve(filepath)
  if (filepath.charCodeAt(filepath.length - 1) === 47 && resolved[resolved.length - 1] !== '/') resolved += '/'
  return new URL('file://' + encodePathChars(resolved))
}

// lib/url.js
function Url() {
  this.protocol = null
  this.slashes = null
  this.auth = null
  this.host = null
  this.port = null
  this.hostname = null
  this.hash = null
  this.search = null
  this.query = null
  this.pathname = null
  this.path = null
  this.href = null
}

const hostnameMaxLen = 255
// The patterns are compiled on first use.
let patterns
function pattern(name) {
  if (patterns === undefined) {
    patterns = {
      protocol: /^[a-z0-9.+-]+:/i,
      port: /:[0-9]*$/,
      host: /^\/\/[^@/]+@[^@/]+/,
      simplePath: /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/,
      forbiddenHost: /[\0\t\n\r #%/:<>?@[\\\]^|]/,
      forbiddenHostIpv6: /[\0\t\n\r #%/<>?@\\^|]/,
    }
  }
  return patterns[name]
}

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url
  const urlObject = new Url()
  urlObject.parse(url, parseQueryString, slashesDenoteHost)
  return urlObject
}

function isIpv6Hostname(hostname) {
  return hostname.charCodeAt(0) === 91 && hostname.charCodeAt(hostname.length - 1) === 93
}


Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  validateString(url, 'url')
  let hasHash = false
  let hasAt = false
  let start = -1
  let end = -1
  let rest = ''
  let lastPos = 0
  for (let i = 0, inWs = false, split = false; i < url.length; ++i) {
    const code = url.charCodeAt(i)
    const isWs = code < 33 || code === 0xA0 || code === 0xFEFF
    if (start === -1) {
      if (isWs) continue
      lastPos = start = i
    } else if (inWs) {
      if (!isWs) {
        end = -1
        inWs = false
      }
    } else if (isWs) {
      end = i
      inWs = true
    }
    if (!split) {
      switch (code) {
        case 64:
          hasAt = true
          break
        case 35:
          hasHash = true
        // Falls through.
        case 63:
          split = true
          break
        case 92:
          if (i - lastPos > 0) rest += url.slice(lastPos, i)
          rest += '/'
          lastPos = i + 1
          break
      }
    } else if (!hasHash && code === 35) {
      hasHash = true
    }
  }
  if (start !== -1) {
    if (lastPos === start) {
      if (end === -1) {
        if (start === 0) rest = url
        else rest = url.slice(start)
      } else {
        rest = url.slice(start, end)
      }
    } else if (end === -1 && lastPos < url.length) {
      rest += url.slice(lastPos)
    } else if (end !== -1 && lastPos < end) {
      rest += url.slice(lastPos, end)
    }
  }

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simplePath = pattern('simplePath').exec(rest)
    if (simplePath) {
      this.path = rest
      this.href = rest
      this.pathname = simplePath[1]
      if (simplePath[2]) {
        this.search = simplePath[2]
        if (parseQueryString) this.query = QueryString.parse(this.search.slice(1))
        else this.query = this.search.slice(1)
      } else if (parseQueryString) {
        this.search = null
        this.query = { __proto__: null }
      }
      return this
    }
  }

  let proto = pattern('protocol').exec(rest)
  let lowerProto
  if (proto) {
    proto = proto[0]
    lowerProto = proto.toLowerCase()
    this.protocol = lowerProto
    rest = rest.slice(proto.length)
  }

  let slashes
  if (slashesDenoteHost || proto || pattern('host').test(rest)) {
    slashes = rest.charCodeAt(0) === 47 && rest.charCodeAt(1) === 47
    if (slashes && !(proto && hostlessProtocol.has(lowerProto))) {
      rest = rest.slice(2)
      this.slashes = true
    }
  }

  if (!hostlessProtocol.has(lowerProto) && (slashes || (proto && !slashedProtocol.has(proto)))) {
    let hostEnd = -1
    let atSign = -1
    let nonHost = -1
    for (let i = 0; i < rest.length; ++i) {
      switch (rest.charCodeAt(i)) {
        case 9:
        case 10:
        case 13:
          rest = rest.slice(0, i) + rest.slice(i + 1)
          i -= 1
          break
        case 32:
        case 34:
        case 37:
        case 39:
        case 59:
        case 60:
        case 62:
        case 92:
        case 94:
        case 96:
        case 123:
        case 124:
        case 125:
          if (nonHost === -1) nonHost = i
          break
        case 35:
        case 47:
        case 63:
          if (nonHost === -1) nonHost = i
          hostEnd = i
          break
        case 64:
          atSign = i
          nonHost = -1
          break
      }
      if (hostEnd !== -1) break
    }
    start = 0
    if (atSign !== -1) {
      this.auth = decodeURIComponent(rest.slice(0, atSign))
      start = atSign + 1
    }
    if (nonHost === -1) {
      this.host = rest.slice(start)
      rest = ''
    } else {
      this.host = rest.slice(start, nonHost)
      rest = rest.slice(nonHost)
    }

    this.parseHost()

    if (typeof this.hostname !== 'string') this.hostname = ''

    const hostname = this.hostname
    const ipv6Hostname = isIpv6Hostname(hostname)

    if (!ipv6Hostname) rest = getHostname(this, rest, hostname, url)

    if (this.hostname.length > hostnameMaxLen) {
      this.hostname = ''
    } else {
      this.hostname = this.hostname.toLowerCase()
    }

    if (this.hostname !== '') {
      if (ipv6Hostname) {
        if (pattern('forbiddenHostIpv6').test(this.hostname)) throw new ERR_INVALID_URL(url)
      } else {
        this.hostname = binding.toASCII(this.hostname)
        if (this.hostname === '' || pattern('forbiddenHost').test(this.hostname)) throw new ERR_INVALID_URL(url)
      }
    }

    const p = this.port ? ':' + this.port : ''
    const h = this.hostname || ''
    this.host = h + p

    if (ipv6Hostname) {
      this.hostname = this.hostname.slice(1, -1)
      if (rest[0] !== '/') rest = '/' + rest
    }
  }

  if (!unsafeProtocol.has(lowerProto)) rest = autoEscapeStr(rest)

  let questionIdx = -1
  let hashIdx = -1
  for (let i = 0; i < rest.length; ++i) {
    const code = rest.charCodeAt(i)
    if (code === 35) {
      this.hash = rest.slice(i)
      hashIdx = i
      break
    } else if (code === 63 && questionIdx === -1) {
      questionIdx = i
    }
  }

  if (questionIdx !== -1) {
    if (hashIdx === -1) {
      this.search = rest.slice(questionIdx)
      this.query = rest.slice(questionIdx + 1)
    } else {
      this.search = rest.slice(questionIdx, hashIdx)
      this.query = rest.slice(questionIdx + 1, hashIdx)
    }
    if (parseQueryString) this.query = QueryString.parse(this.query)
  } else if (parseQueryString) {
    this.search = null
    this.query = { __proto__: null }
  }

  const useQuestionIdx = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx)
  const firstIdx = useQuestionIdx ? questionIdx : hashIdx
  if (firstIdx === -1) {
    if (rest.length > 0) this.pathname = rest
  } else if (firstIdx > 0) {
    this.pathname = rest.slice(0, firstIdx)
  }
  if (slashedProtocol.has(lowerProto) && this.hostname && !this.pathname) this.pathname = '/'

  if (this.pathname || this.search) {
    const p = this.pathname || ''
    const s = this.search || ''
    this.path = p + s
  }

  this.href = this.format()
  return this
}

function getHostname(self, rest, hostname, url) {
  for (let i = 0; i < hostname.length; ++i) {
    const code = hostname.charCodeAt(i)
    const isValid = (code !== 47 && code !== 92 && code !== 35 && code !== 63 && code !== 58)
    if (!isValid) {
      self.hostname = hostname.slice(0, i)
      return '/' + hostname.slice(i) + rest
    }
  }
  return rest
}

const escapedCodes = []
escapedCodes[9] = '%09'
escapedCodes[10] = '%0A'
escapedCodes[13] = '%0D'
escapedCodes[32] = '%20'
escapedCodes[34] = '%22'
escapedCodes[39] = '%27'
escapedCodes[60] = '%3C'
escapedCodes[62] = '%3E'
escapedCodes[92] = '%5C'
escapedCodes[94] = '%5E'
escapedCodes[96] = '%60'
escapedCodes[123] = '%7B'
escapedCodes[124] = '%7C'
escapedCodes[125] = '%7D'

function autoEscapeStr(rest) {
  let escaped = ''
  let lastEscapedPos = 0
  for (let i = 0; i < rest.length; ++i) {
    const escapedChar = escapedCodes[rest.charCodeAt(i)]
    if (escapedChar) {
      if (i > lastEscapedPos) escaped += rest.slice(lastEscapedPos, i)
      escaped += escapedChar
      lastEscapedPos = i + 1
    }
  }
  if (lastEscapedPos === 0) return rest
  if (lastEscapedPos < rest.length) escaped += rest.slice(lastEscapedPos)
  return escaped
}

function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject)
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw new ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], urlObject)
  } else if (urlObject instanceof URL) {
    let fragment = true
    let unicode = false
    let search = true
    let auth = true
    if (options) {
      validateObject(options, 'options')
      if (options.fragment != null) fragment = Boolean(options.fragment)
      if (options.unicode != null) unicode = Boolean(options.unicode)
      if (options.search != null) search = Boolean(options.search)
      if (options.auth != null) auth = Boolean(options.auth)
    }
    return binding.format(urlObject.href, fragment, unicode, search, auth)
  }
  return Url.prototype.format.call(urlObject)
}

Url.prototype.format = function format() {
  let auth = this.auth || ''
  if (auth) {
    auth = binding.encodeStr(auth, 2)
    auth += '@'
  }
  let protocol = this.protocol || ''
  let pathname = this.pathname || ''
  let hash = this.hash || ''
  let host = ''
  let query = ''
  if (this.host) {
    host = auth + this.host
  } else if (this.hostname) {
    host = auth + (this.hostname.includes(':') && !isIpv6Hostname(this.hostname) ? '[' + this.hostname + ']' : this.hostname)
    if (this.port) host += ':' + this.port
  }
  if (this.query !== null && typeof this.query === 'object') query = QueryString.stringify(this.query)
  let search = this.search || (query && ('?' + query)) || ''
  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58) protocol += ':'
  let newPathname = ''
  let lastPos = 0
  for (let i = 0; i < pathname.length; ++i) {
    switch (pathname.charCodeAt(i)) {
      case 35:
        if (i - lastPos > 0) newPathname += pathname.slice(lastPos, i)
        newPathname += '%23'
        lastPos = i + 1
        break
      case 63:
        if (i - lastPos > 0) newPathname += pathname.slice(lastPos, i)
        newPathname += '%3F'
        lastPos = i + 1
        break
    }
  }
  if (lastPos > 0) {
    if (lastPos !== pathname.length) pathname = newPathname + pathname.slice(lastPos)
    else pathname = newPathname
  }
  if (this.slashes || slashedProtocol.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 47) pathname = '/' + pathname
      host = '//' + host
    } else if (protocol.length >= 4 && protocol.charCodeAt(0) === 102 && protocol.charCodeAt(1) === 105 &&
      protocol.charCodeAt(2) === 108 && protocol.charCodeAt(3) === 101) {
      host = '//'
    }
  }
  search = search.replace(/#/g, '%23')
  if (hash && hash.charCodeAt(0) !== 35) hash = '#' + hash
  if (search && search.charCodeAt(0) !== 63) search = '?' + search
  return protocol + host + pathname + search + hash
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative)
}

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format()
}

function urlResolveObject(source, relative) {
  if (!source) return relative
  return urlParse(source, false, true).resolveObject(relative)
}

Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    const rel = new Url()
    rel.parse(relative, false, true)
    relative = rel
  }
  const result = new Url()
  Object.assign(result, this)
  result.hash = relative.hash
  if (relative.href === '') {
    result.href = result.format()
    return result
  }
  if (relative.slashes && !relative.protocol) {
    const relativeWithoutProtocol = Object.keys(relative).reduce((acc, key) => {
      if (key !== 'protocol') acc[key] = relative[key]
      return acc
    }, {})
    Object.assign(result, relativeWithoutProtocol)
    if (slashedProtocol.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = '/'
    result.href = result.format()
    return result
  }
  if (relative.protocol && relative.protocol !== result.protocol) {
    if (!slashedProtocol.has(relative.protocol)) {
      Object.assign(result, relative)
      result.href = result.format()
      return result
    }
    result.protocol = relative.protocol
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocol.has(relative.protocol)) {
      const relPath = (relative.pathname || '').split('/')
      while (relPath.length && !(relative.host = relPath.shift()));
      if (!relative.host) relative.host = ''
      if (!relative.hostname) relative.hostname = ''
      if (relPath[0] !== '') relPath.unshift('')
      if (relPath.length < 2) relPath.unshift('')
      result.pathname = relPath.join('/')
    } else {
      result.pathname = relative.pathname
    }
    result.search = relative.search
    result.query = relative.query
    result.host = relative.host || ''
    result.auth = relative.auth
    result.hostname = relative.hostname || relative.host
    result.port = relative.port
    if (result.pathname || result.search) {
      const p = result.pathname || ''
      const s = result.search || ''
      result.path = p + s
    }
    result.slashes = result.slashes || relative.slashes
    result.href = result.format()
    return result
  }
  const isSourceAbs = (result.pathname && result.pathname.charAt(0) === '/')
  const isRelAbs = (relative.host || (relative.pathname && relative.pathname.charAt(0) === '/'))
  let mustEndAbs = (isRelAbs || isSourceAbs || (result.host && relative.pathname))
  const removeAllDots = mustEndAbs
  let srcPath = (result.pathname && result.pathname.split('/')) || []
  const relPath = (relative.pathname && relative.pathname.split('/')) || []
  const noLeadingSlashes = result.protocol && !slashedProtocol.has(result.protocol)
  if (noLeadingSlashes) {
    result.hostname = ''
    result.port = null
    if (result.host) {
      if (srcPath[0] === '') srcPath[0] = result.host
      else srcPath.unshift(result.host)
    }
    result.host = ''
    if (relative.protocol) {
      relative.hostname = null
      relative.port = null
      result.auth = null
      if (relative.host) {
        if (relPath[0] === '') relPath[0] = relative.host
        else relPath.unshift(relative.host)
      }
      relative.host = null
    }
    mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '')
  }
  if (isRelAbs) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null
      result.host = relative.host
      result.port = relative.port
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null
      result.hostname = relative.hostname
    }
    result.search = relative.search
    result.query = relative.query
    srcPath = relPath
  } else if (relPath.length) {
    if (!srcPath) srcPath = []
    srcPath.pop()
    srcPath = srcPath.concat(relPath)
    result.search = relative.search
    result.query = relative.query
  } else if (relative.search !== null && relative.search !== undefined) {
    if (noLeadingSlashes) {
      result.hostname = result.host = srcPath.shift()
      const authInHost = result.host && result.host.indexOf('@') > 0 && result.host.split('@')
      if (authInHost) {
        result.auth = authInHost.shift()
        result.host = result.hostname = authInHost.shift()
      }
    }
    result.search = relative.search
    result.query = relative.query
    if (result.pathname !== null || result.search !== null) {
      result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '')
    }
    result.href = result.format()
    return result
  }
  if (!srcPath.length) {
    result.pathname = null
    if (result.search) result.path = '/' + result.search
    else result.path = null
    result.href = result.format()
    return result
  }
  let last = srcPath.slice(-1)[0]
  const hasTrailingSlash = (((result.host || relative.host || srcPath.length > 1) && (last === '.' || last === '..')) || last === '')
  let up = 0
  for (let i = srcPath.length - 1; i >= 0; i--) {
    last = srcPath[i]
    if (last === '.') {
      srcPath.splice(i, 1)
    } else if (last === '..') {
      srcPath.splice(i, 1)
      up++
    } else if (up) {
      srcPath.splice(i, 1)
      up--
    }
  }
  if (!mustEndAbs && !removeAllDots) {
    while (up--) srcPath.unshift('..')
  }
  if (mustEndAbs && srcPath[0] !== '' && (!srcPath[0] || srcPath[0].charAt(0) !== '/')) srcPath.unshift('')
  if (hasTrailingSlash && (srcPath.join('/').slice(-1) !== '/')) srcPath.push('')
  const isAbsolute = srcPath[0] === '' || (srcPath[0] && srcPath[0].charAt(0) === '/')
  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() : ''
    const authInHost = result.host && result.host.indexOf('@') > 0 ? result.host.split('@') : false
    if (authInHost) {
      result.auth = authInHost.shift()
      result.host = result.hostname = authInHost.shift()
    }
  }
  mustEndAbs = mustEndAbs || (result.host && srcPath.length)
  if (mustEndAbs && !isAbsolute) srcPath.unshift('')
  if (!srcPath.length) {
    result.pathname = null
    result.path = null
  } else {
    result.pathname = srcPath.join('/')
  }
  if (result.pathname !== null || result.search !== null) {
    result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '')
  }
  result.auth = relative.auth || result.auth
  result.slashes = result.slashes || relative.slashes
  result.href = result.format()
  return result
}

Url.prototype.parseHost = function parseHost() {
  let host = this.host
  let port = pattern('port').exec(host)
  if (port) {
    port = port[0]
    if (port !== ':') this.port = port.slice(1)
    host = host.slice(0, host.length - port.length)
  }
  if (host) this.hostname = host
}

const urlModule = {
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
}

return urlModule
})`
