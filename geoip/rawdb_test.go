package geoip

// A minimal MaxMind DB writer for tests. Unlike mmdbwriter, which sorts map keys and only
// writes well-formed values, it writes maps in the given key order, repeated keys, invalid
// UTF-8 and records of any type, so the tests can check that lookups present such data as
// geoip2-node does.

import (
	"encoding/binary"
	"fmt"
	"math"
	"net/netip"
)

// Raw MMDB values: Go strings (written as given, valid UTF-8 or not), float64 (double), bool,
// []byte, []any (array) and the types below.
type (
	rmap []rkv // a map with keys in this order, repeats allowed
	rkv  struct {
		k string
		v any
	}
	u16  uint16
	u32  uint32
	u64  uint64
	u128 [2]uint64 // high, low
	i32  int32
	f32  float32
)

// rawNetwork is one network of a raw database and its record.
type rawNetwork struct {
	cidr   string
	record any
}

type trieNode struct {
	kids [2]*trieNode
	data int // index of the record for a leaf, -1 for an inner node
	num  int // inner node number
}

// rawDB returns a database (record size 24) of the given IP version and type. IPv4 networks in
// an IPv6 database go under ::/96 (no aliases). Networks must not overlap.
func rawDB(ipVersion int, dbType string, networks []rawNetwork) []byte {
	root := &trieNode{data: -1}
	for i, n := range networks {
		p := netip.MustParsePrefix(n.cidr)
		bits, addr := p.Bits(), p.Addr().AsSlice()
		if ipVersion == 6 && p.Addr().Is4() {
			addr = append(make([]byte, 12), addr...)
			bits += 96
		}
		cur := root
		for b := 0; b < bits; b++ {
			bit := addr[b/8] >> (7 - b%8) & 1
			next := cur.kids[bit]
			switch {
			case b == bits-1:
				if next != nil {
					panic("rawDB: overlapping networks at " + n.cidr)
				}
				cur.kids[bit] = &trieNode{data: i}
			case next == nil:
				next = &trieNode{data: -1}
				cur.kids[bit] = next
			case next.data >= 0:
				panic("rawDB: overlapping networks at " + n.cidr)
			}
			cur = cur.kids[bit]
		}
	}
	// Number inner nodes breadth first, root first.
	var inner []*trieNode
	for queue := []*trieNode{root}; len(queue) > 0; queue = queue[1:] {
		n := queue[0]
		n.num = len(inner)
		inner = append(inner, n)
		for _, k := range n.kids {
			if k != nil && k.data < 0 {
				queue = append(queue, k)
			}
		}
	}
	var data []byte
	offsets := make([]int, len(networks))
	for i, n := range networks {
		offsets[i] = len(data)
		data = encodeRaw(data, n.record)
	}
	nodeCount := len(inner)
	record := func(k *trieNode) int {
		switch {
		case k == nil:
			return nodeCount
		case k.data >= 0:
			return nodeCount + 16 + offsets[k.data]
		}
		return k.num
	}
	var out []byte
	for _, n := range inner {
		for _, k := range n.kids {
			v := record(k)
			out = append(out, byte(v>>16), byte(v>>8), byte(v))
		}
	}
	out = append(out, make([]byte, 16)...)
	out = append(out, data...)
	out = append(out, "\xab\xcd\xefMaxMind.com"...)
	return encodeRaw(out, rmap{
		{"binary_format_major_version", u16(2)},
		{"binary_format_minor_version", u16(0)},
		{"build_epoch", u64(1715644800)},
		{"database_type", dbType},
		{"description", rmap{{"en", "plugchain raw test database"}}},
		{"ip_version", u16(ipVersion)},
		{"languages", []any{"en"}},
		{"node_count", u32(nodeCount)},
		{"record_size", u16(24)},
	})
}

// encodeRaw appends the MMDB encoding of v.
func encodeRaw(dst []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return append(ctrl(dst, 2, len(x)), x...)
	case float64:
		return binary.BigEndian.AppendUint64(ctrl(dst, 3, 8), math.Float64bits(x))
	case []byte:
		return append(ctrl(dst, 4, len(x)), x...)
	case u16:
		return appendUint(dst, 5, uint64(x))
	case u32:
		return appendUint(dst, 6, uint64(x))
	case rmap:
		dst = ctrl(dst, 7, len(x))
		for _, e := range x {
			dst = encodeRaw(encodeRaw(dst, e.k), e.v)
		}
		return dst
	case i32:
		return binary.BigEndian.AppendUint32(ctrl(dst, 8, 4), uint32(x))
	case u64:
		return appendUint(dst, 9, uint64(x))
	case u128:
		b := binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, x[0]), x[1])
		for len(b) > 0 && b[0] == 0 {
			b = b[1:]
		}
		return append(ctrl(dst, 10, len(b)), b...)
	case []any:
		dst = ctrl(dst, 11, len(x))
		for _, e := range x {
			dst = encodeRaw(dst, e)
		}
		return dst
	case bool:
		if x {
			return ctrl(dst, 14, 1)
		}
		return ctrl(dst, 14, 0)
	case f32:
		return binary.BigEndian.AppendUint32(ctrl(dst, 15, 4), math.Float32bits(float32(x)))
	}
	panic(fmt.Sprintf("encodeRaw: unsupported %T", v))
}

func appendUint(dst []byte, typ int, v uint64) []byte {
	b := binary.BigEndian.AppendUint64(nil, v)
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	return append(ctrl(dst, typ, len(b)), b...)
}

// ctrl appends a control byte for type typ and payload size (or entry count) size.
func ctrl(dst []byte, typ, size int) []byte {
	first := byte(0)
	if typ <= 7 {
		first = byte(typ) << 5
	}
	var extra []byte
	switch {
	case size < 29:
		first |= byte(size)
	case size < 285:
		first |= 29
		extra = []byte{byte(size - 29)}
	case size < 65821:
		first |= 30
		extra = binary.BigEndian.AppendUint16(nil, uint16(size-285))
	default:
		first |= 31
		s := size - 65821
		extra = []byte{byte(s >> 16), byte(s >> 8), byte(s)}
	}
	dst = append(dst, first)
	if typ > 7 {
		dst = append(dst, byte(typ-7))
	}
	return append(dst, extra...)
}
