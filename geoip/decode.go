package geoip

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/oschwald/maxminddb-golang/v2/mmdbdata"

	"github.com/plugchain/plugchain/internal/wutf8"
	"github.com/plugchain/plugchain/ojson"
)

// Limits of one record's decoding. MaxMind's City records have a few hundred values; the limits
// only stop a malformed or hostile database (pointers can make a small file expand without
// bound) from exhausting memory.
const (
	maxDepth   = 64
	maxValues  = 1 << 18
	maxPayload = 16 << 20
)

var errTooLarge = errors.New("record exceeds the decoding limits")

// decoder turns MMDB data into ojson values the way geoip2-node presents them: mmdb-lib decodes
// the record (maps keep their order, a repeated key keeps its first position and last value,
// "__proto__" keys vanish, bytes are Buffers), then camelcaseKeys copies it with every map key
// in camelCase and every Buffer as an object of its indexes.
type decoder struct {
	values  int // values left in the budget
	payload int // string and byte payload left in the budget
	keys    *keyCache
}

func newDecoder(keys *keyCache) decoder {
	return decoder{values: maxValues, payload: maxPayload, keys: keys}
}

// keyCache maps raw map keys to their camelCase form. A database has a few dozen distinct
// keys, so after the first lookups every key is found without allocating. The map is replaced,
// never changed, so readers need no lock.
type keyCache struct {
	m  atomic.Pointer[map[string]string]
	mu sync.Mutex // serializes writers
}

// maxCachedKeys bounds the cache for databases with unusual numbers of distinct keys.
const maxCachedKeys = 1024

// key returns the camelCase form of a raw key.
func (kc *keyCache) key(raw []byte) string {
	if m := kc.m.Load(); m != nil {
		if k, ok := (*m)[string(raw)]; ok {
			return k
		}
	}
	s := string(raw)
	k := camelCase(wutf8.String(s))
	kc.mu.Lock()
	defer kc.mu.Unlock()
	old := kc.m.Load()
	if old != nil && len(*old) >= maxCachedKeys {
		return k
	}
	m := make(map[string]string, 1+lenOf(old))
	if old != nil {
		for r, c := range *old {
			m[r] = c
		}
	}
	m[s] = k
	kc.m.Store(&m)
	return k
}

func lenOf(m *map[string]string) int {
	if m == nil {
		return 0
	}
	return len(*m)
}

// value decodes the value at c and returns its successor.
func (d *decoder) value(c mmdbdata.Cursor, depth int) (any, mmdbdata.Cursor, error) {
	d.values--
	if d.values < 0 || depth > maxDepth {
		return nil, c, errTooLarge
	}
	kind, err := c.Kind()
	if err != nil {
		return nil, c, err
	}
	switch kind {
	case mmdbdata.KindString:
		s, next, err := c.ReadString()
		if err != nil {
			return nil, c, err
		}
		if d.payload -= len(s); d.payload < 0 {
			return nil, c, errTooLarge
		}
		return wutf8.String(s), next, nil
	case mmdbdata.KindMap:
		return d.mapValue(c, depth, nil)
	case mmdbdata.KindSlice:
		return d.slice(c, depth)
	case mmdbdata.KindUint16, mmdbdata.KindUint32, mmdbdata.KindUint64:
		// mmdb-lib gives uint64 as a BigInt, which JSON-like data cannot hold; a number is
		// the closest (exact below 2^53, and City databases have no uint64 fields).
		v, next, err := c.ReadUint()
		return float64(v), next, err
	case mmdbdata.KindUint128:
		hi, lo, next, err := c.ReadUint128()
		return float64(hi)*(1<<64) + float64(lo), next, err
	case mmdbdata.KindInt32:
		v, next, err := c.ReadInt32()
		return float64(v), next, err
	case mmdbdata.KindFloat64:
		v, next, err := c.ReadFloat64()
		return v, next, err
	case mmdbdata.KindFloat32:
		v, next, err := c.ReadFloat32()
		return float64(v), next, err
	case mmdbdata.KindBool:
		v, next, err := c.ReadBool()
		return v, next, err
	case mmdbdata.KindBytes:
		b, next, err := c.ReadBytes()
		if err != nil {
			return nil, c, err
		}
		if d.payload -= len(b); d.payload < 0 {
			return nil, c, errTooLarge
		}
		// camelcaseKeys treats a Buffer as an object and copies its index entries.
		o := ojson.NewObject(len(b))
		for i, x := range b {
			o.SetRaw(strconv.Itoa(i), float64(x))
		}
		return o, next, nil
	}
	return nil, c, fmt.Errorf("unsupported MMDB data type %d", kind)
}

func (d *decoder) slice(c mmdbdata.Cursor, depth int) (any, mmdbdata.Cursor, error) {
	sc, err := c.Slice()
	if err != nil {
		return nil, c, err
	}
	n, err := sc.Size()
	if err != nil {
		return nil, c, err
	}
	if int(n) > d.values {
		return nil, c, errTooLarge
	}
	out := make([]any, 0, n)
	var next mmdbdata.Cursor
	for {
		_, vc, ok := sc.Next(next)
		if !ok {
			break
		}
		var v any
		if v, next, err = d.value(vc, depth+1); err != nil {
			return nil, c, err
		}
		out = append(out, v)
	}
	end, err := sc.End()
	return out, end, err
}

// mapValue decodes a map with camelCase keys. keep, when not nil, selects the camelCase keys
// worth decoding (the values of the others are skipped; they cannot change the kept ones).
func (d *decoder) mapValue(c mmdbdata.Cursor, depth int, keep func(string) bool) (any, mmdbdata.Cursor, error) {
	mc, err := c.Map()
	if err != nil {
		return nil, c, err
	}
	if int(mc.Size()) > d.values {
		return nil, c, errTooLarge
	}
	o := ojson.NewObject(int(mc.Size()))
	collided := false
	var next mmdbdata.Cursor
	for {
		rawKey, vc, ok := mc.Next(next)
		if !ok {
			break
		}
		key := d.keys.key(rawKey)
		if string(rawKey) == "__proto__" || (keep != nil && !keep(key)) {
			if next, err = vc.Skip(); err != nil {
				return nil, c, err
			}
			continue
		}
		var v any
		if v, next, err = d.value(vc, depth+1); err != nil {
			return nil, c, err
		}
		n := o.Len()
		o.SetRaw(key, v)
		collided = collided || o.Len() == n
	}
	end, err := mc.End()
	if err != nil {
		return nil, c, err
	}
	if collided {
		// Two raw keys with the same camelCase form: setting them in one pass is only right
		// when the raw keys differ. Redo the map in mmdb-lib's two steps.
		o, err = d.collidingMap(c, depth, keep)
	}
	return o, end, err
}

// collidingMap decodes a map as mmdb-lib then camelcaseKeys do: first by raw key (a repeated
// key keeps its first position and takes its last value), then renamed in that order.
func (d *decoder) collidingMap(c mmdbdata.Cursor, depth int, keep func(string) bool) (*ojson.Object, error) {
	mc, err := c.Map()
	if err != nil {
		return nil, err
	}
	raw := ojson.NewObject(int(mc.Size()))
	var next mmdbdata.Cursor
	for {
		rawKey, vc, ok := mc.Next(next)
		if !ok {
			break
		}
		key := wutf8.String(string(rawKey))
		if key == "__proto__" || (keep != nil && !keep(camelCase(key))) {
			if next, err = vc.Skip(); err != nil {
				return nil, err
			}
			continue
		}
		var v any
		if v, next, err = d.value(vc, depth+1); err != nil {
			return nil, err
		}
		raw.SetRaw(key, v)
	}
	if _, err := mc.End(); err != nil {
		return nil, err
	}
	o := ojson.NewObject(raw.Len())
	for i := 0; i < raw.Len(); i++ {
		k, v := raw.At(i)
		o.SetRaw(camelCase(k), v)
	}
	return o, nil
}

// camelCase is geoip2-node's snakeToCamelCase: input.replace(/_+(\w?)/g, ...) drops every run
// of underscores and upper-cases the ASCII letter after it, except at the very start.
func camelCase(s string) string {
	i := 0
	for i < len(s) && s[i] != '_' {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if s[i] != '_' {
			b = append(b, s[i])
			i++
			continue
		}
		start := i
		for i < len(s) && s[i] == '_' {
			i++
		}
		if i < len(s) && isWordByte(s[i]) {
			c := s[i]
			if start > 0 && c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			b = append(b, c)
			i++
		}
	}
	return string(b)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// truthy is JavaScript's ToBoolean for decoded values.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0 && !math.IsNaN(x)
	case string:
		return x != ""
	}
	return true
}
