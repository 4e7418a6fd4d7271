package geoip

// This file reproduces what @maxmind/geoip2-node does with the address string a plugin passes
// to meta.geoip.locate: Node's net.isIP validation, mmdb-lib's parsing into the bits that walk
// the search tree, and geoip2-node's toCidr, which builds traits.network from the string and
// the prefix length. They are ports rather than calls to net/netip because their results are
// visible to plugins and differ from netip's in corner cases (IPv6 zero compression, zone
// identifiers, which Node accepts and mmdb-lib parses as part of the address).

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// ipv6Re is Node's IPv6Reg (lib/internal/net.js), which net.isIP uses. It is compiled on
// first use: the compiled form is about 370 KB, which a process without IPv6 lookups (or
// without GeoIP) need not build at start-up.
var ipv6Re = sync.OnceValue(func() *regexp.Regexp {
	const v4Seg = `(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])`
	const v4Str = `(?:` + v4Seg + `\.){3}` + v4Seg
	const v6Seg = `(?:[0-9a-fA-F]{1,4})`
	return regexp.MustCompile(`^(?:` +
		`(?:` + v6Seg + `:){7}(?:` + v6Seg + `|:)|` +
		`(?:` + v6Seg + `:){6}(?:` + v4Str + `|:` + v6Seg + `|:)|` +
		`(?:` + v6Seg + `:){5}(?::` + v4Str + `|(?::` + v6Seg + `){1,2}|:)|` +
		`(?:` + v6Seg + `:){4}(?:(?::` + v6Seg + `){0,1}:` + v4Str + `|(?::` + v6Seg + `){1,3}|:)|` +
		`(?:` + v6Seg + `:){3}(?:(?::` + v6Seg + `){0,2}:` + v4Str + `|(?::` + v6Seg + `){1,4}|:)|` +
		`(?:` + v6Seg + `:){2}(?:(?::` + v6Seg + `){0,3}:` + v4Str + `|(?::` + v6Seg + `){1,5}|:)|` +
		`(?:` + v6Seg + `:){1}(?:(?::` + v6Seg + `){0,4}:` + v4Str + `|(?::` + v6Seg + `){1,6}|:)|` +
		`(?::(?:(?::` + v6Seg + `){0,5}:` + v4Str + `|(?::` + v6Seg + `){1,7}|:))` +
		`)(?:%[0-9a-zA-Z\-.:]{1,})?$`)
})

// validIP reports whether Node's net.isIP(s) is 4 or 6, geoip2-node's test before a lookup.
func validIP(s string) bool {
	if validIPv4(s) {
		return true
	}
	return strings.IndexByte(s, ':') >= 0 && ipv6Re().MatchString(s)
}

// validIPv4 matches Node's IPv4Reg: four decimal numbers 0-255 without leading zeros.
func validIPv4(s string) bool {
	for part := 0; part < 4; part++ {
		if part > 0 {
			if s == "" || s[0] != '.' {
				return false
			}
			s = s[1:]
		}
		n := 0
		for n < len(s) && n < 4 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n > 3 || (n > 1 && s[0] == '0') {
			return false
		}
		if v, _ := strconv.Atoi(s[:n]); v > 255 {
			return false
		}
		s = s[n:]
	}
	return s == ""
}

// parseAddress is mmdb-lib's ip.parse: four bytes when s has no colon, else the bytes of
// parseIPv6, normally sixteen. Only the low eight bits of each element matter to the tree walk
// (mmdb-lib reads bits with >>>), so elements are returned as bytes.
func parseAddress(s string) []byte {
	if strings.IndexByte(s, ':') < 0 {
		parts := strings.SplitN(s, ".", 4)
		out := make([]byte, 4)
		for i := range out {
			if i < len(parts) {
				out[i] = byte(jsToInt32(jsParseInt(parts[i], 10)))
			}
		}
		return out
	}
	if strings.IndexByte(s, '.') >= 0 {
		s = replaceFirstSubmatch(dottedQuad, s, func(m []string) string {
			return hexByte(m[1]) + hexByte(m[2]) + ":" + hexByte(m[3]) + hexByte(m[4])
		})
	}
	addr := make([]byte, 16)
	set := func(i int, v byte) {
		// A JavaScript array grows when written past its end; negative indexes are plain
		// properties that the tree walk never reads.
		if i < 0 {
			return
		}
		for len(addr) <= i {
			addr = append(addr, 0)
		}
		addr[i] = v
	}
	// ip.split('::', 2): at most the first two pieces.
	left, right, _ := strings.Cut(s, "::")
	if left != "" {
		for i, p := range strings.Split(left, ":") {
			chunk := jsToInt32(jsParseInt(p, 16))
			set(2*i, byte(chunk>>8))
			set(2*i+1, byte(chunk))
		}
	}
	if before, _, ok := strings.Cut(right, "::"); ok {
		right = before
	}
	if right != "" {
		parsed := strings.Split(right, ":")
		offset := 16 - len(parsed)*2
		for i, p := range parsed {
			chunk := jsToInt32(jsParseInt(p, 16))
			set(offset+2*i, byte(chunk>>8))
			set(offset+2*i+1, byte(chunk))
		}
	}
	return addr
}

var (
	// dottedQuad is mmdb-lib's /(\d+)\.(\d+)\.(\d+)\.(\d+)/.
	dottedQuad = regexp.MustCompile(`(\d+)\.(\d+)\.(\d+)\.(\d+)`)
	// shortDottedQuad is geoip2-node toCidr's /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})/.
	shortDottedQuad = regexp.MustCompile(`(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})`)
)

// replaceFirstSubmatch is String.prototype.replace with a non-global regexp and a function.
func replaceFirstSubmatch(re *regexp.Regexp, s string, f func([]string) string) string {
	loc := re.FindStringSubmatchIndex(s)
	if loc == nil {
		return s
	}
	m := make([]string, len(loc)/2)
	for i := range m {
		if loc[2*i] >= 0 {
			m[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return s[:loc[0]] + f(m) + s[loc[1]:]
}

// hexByte is mmdb-lib's hex(): parseInt(v, 10).toString(16), zero-padded to two digits only
// when it has one.
func hexByte(v string) string {
	h := jsIntToString16(jsParseInt(v, 10))
	if len(h) == 2 {
		return h
	}
	return "0" + h
}

// toCIDR is geoip2-node's toCidr(ip, prefixLen): the network of the address string, masked to
// prefixLen bits and written the way geoip2-node writes it.
func toCIDR(ip string, prefixLen int) string {
	isV6 := strings.IndexByte(ip, ':') >= 0
	clean := ip
	if isV6 && strings.IndexByte(ip, '.') >= 0 {
		clean = replaceFirstSubmatch(shortDottedQuad, ip, func(m []string) string {
			return v6Part(ipToBinary(m[1], false))
		})
	}
	masked := maskPrefix(ipToBinary(clean, isV6), prefixLen)
	var s string
	if isV6 {
		s = binaryToV6(masked)
	} else {
		s = binaryToV4(masked)
	}
	return s + "/" + strconv.Itoa(prefixLen)
}

// ipToBinary is toCidr's helper: a Uint8Array of the dotted parts, or of expandIPv6's first
// eight groups.
func ipToBinary(ip string, isV6 bool) []byte {
	if !isV6 {
		parts := strings.Split(ip, ".")
		out := make([]byte, len(parts))
		for i, p := range parts {
			out[i] = byte(jsToInt32(jsParseInt(p, 10)))
		}
		return out
	}
	out := make([]byte, 16)
	segs := expandIPv6(ip)
	for i := 0; i < 8; i++ {
		s := math.NaN() // parseInt(undefined, 16)
		if i < len(segs) {
			s = jsParseInt(segs[i], 16)
		}
		n := jsToInt32(s)
		out[2*i] = byte(n >> 8)
		out[2*i+1] = byte(n)
	}
	return out
}

// expandIPv6 is toCidr's helper, including its use of indexOf(”) == -1 as a slice bound.
func expandIPv6(ip string) []string {
	segs := strings.Split(ip, ":")
	if len(segs) >= 8 {
		return segs
	}
	empty := -1
	for i, s := range segs {
		if s == "" {
			empty = i
			break
		}
	}
	end := empty
	if end < 0 {
		end += len(segs) // slice(0, -1)
	}
	out := make([]string, 0, 8+len(segs))
	out = append(out, segs[:end]...)
	for i := 0; i < 8-len(segs)+1; i++ {
		out = append(out, "0")
	}
	return append(out, segs[empty+1:]...)
}

func maskPrefix(octets []byte, prefix int) []byte {
	unchanged := prefix / 8
	if len(octets) == unchanged {
		return octets
	}
	masked := make([]byte, len(octets))
	copy(masked, octets[:min(unchanged, len(octets))])
	if unchanged < len(octets) {
		masked[unchanged] = octets[unchanged] & byte(0xff<<(8-prefix%8))
	}
	return masked
}

func binaryToV4(octets []byte) string {
	parts := make([]string, len(octets))
	for i, o := range octets {
		parts[i] = strconv.Itoa(int(o))
	}
	return strings.Join(parts, ".")
}

func binaryToV6(octets []byte) string {
	if octets[0]|octets[1]|octets[2]|octets[3]|octets[4]|octets[5]|octets[6]|octets[7]|octets[8]|octets[9] == 0 &&
		octets[10] == 0xff && octets[11] == 0xff {
		return "::ffff:" + binaryToV4(octets[12:])
	}
	// The longest run of zero groups, the first one on a tie; a single zero group counts.
	maxStart, maxLen, curStart, curLen := 0, 0, 0, 0
	for i := 0; i < 8; i++ {
		if octets[2*i] == 0 && octets[2*i+1] == 0 {
			if curLen == 0 {
				curStart = 2 * i
			}
			curLen++
			continue
		}
		if curLen > maxLen {
			maxLen, maxStart = curLen, curStart
		}
		curLen = 0
	}
	if curLen > maxLen {
		maxLen, maxStart = curLen, curStart
	}
	if maxLen == 0 {
		return v6Part(octets)
	}
	return v6Part(octets[:maxStart]) + "::" + v6Part(octets[maxStart+2*maxLen:])
}

// v6Part writes pairs of bytes as colon-separated hex groups without leading zeros.
func v6Part(octets []byte) string {
	var b strings.Builder
	for i := 0; i+1 < len(octets); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(strconv.FormatUint(uint64(octets[i])<<8|uint64(octets[i+1]), 16))
	}
	return b.String()
}

// jsParseInt is JavaScript's parseInt(s, radix) for radix 10 and 16 (NaN when s has no
// digits). Strings here come from validated addresses, so only signs, a 0x prefix and digits
// need handling; long digit runs are rounded to the nearest double as V8 does.
func jsParseInt(s string, radix int) float64 {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		// parseInt(s) without a radix and parseInt(s, 16) both accept the prefix; mmdb-lib's
		// decimal calls pass 10 but only ever see digits.
		if radix == 16 {
			s = s[2:]
		}
	}
	n := 0
	for n < len(s) && digitValue(s[n]) < radix {
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	var f float64
	if v, err := strconv.ParseUint(s[:n], radix, 64); err == nil && v < 1<<53 {
		f = float64(v)
	} else {
		bi, _ := new(big.Int).SetString(s[:n], radix)
		f, _ = new(big.Float).SetInt(bi).Float64()
	}
	if neg {
		f = -f
	}
	return f
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// jsToInt32 is ECMAScript ToInt32, which bitwise operators apply: NaN and infinities become 0,
// other values wrap modulo 2^32.
func jsToInt32(f float64) int32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	m := math.Mod(math.Trunc(f), 1<<32)
	if m < 0 {
		m += 1 << 32
	}
	return int32(uint32(m))
}

// jsIntToString16 is Number.prototype.toString(16) for the integers parseInt returns.
func jsIntToString16(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	bi, _ := new(big.Float).SetFloat64(f).Int(nil)
	return bi.Text(16)
}
