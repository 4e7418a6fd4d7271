// Package ojson holds JSON values the way JavaScript sees them: objects keep their key order
// (array-index keys first, ascending, then the rest in insertion order, as in V8 and goja),
// numbers are float64, and encoding follows JSON.stringify byte for byte.
//
// A value is one of: nil, bool, float64, string, []any, *Object. Set and Normalize also accept
// other integer and float types, map[string]any and json.Marshaler-free Go values, converting
// them to those.
//
// Strings are UTF-8, but for one thing JavaScript strings can hold and UTF-8 cannot: an
// unpaired UTF-16 surrogate (a "\ud83d" escape, as a browser sends when it cuts an emoji in
// two). Parse keeps it in a string value as the three bytes of its WTF-8 form (ED A0 BD for
// U+D83D), and encoding writes those bytes back as the same escape, as JSON.stringify does.
// In parsed object keys it becomes U+FFFD. Other invalid UTF-8 in the input becomes U+FFFD, one
// for each maximal invalid subpart, as Node decodes it; invalid UTF-8 in a string a Go program
// sets (other than such surrogates) is written as U+FFFD byte by byte.
package ojson

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"sync/atomic"
)

// indexThreshold is the size from which an Object keeps a map from key to position; below it
// a linear scan is faster than hashing.
const indexThreshold = 32

// Object is a JSON object that remembers key order like a JavaScript object does.
// The zero value is an empty object ready to use. An Object is not safe for concurrent mutation.
type Object struct {
	// entries holds keys and values together: one allocation per object, which matters
	// because events are copied on every plugin call.
	entries []entry
	// nIndex counts the leading keys that are array indices ("0", "1", ... < 2^32-1).
	nIndex int
	// index maps the keys of the first indexed entries to their positions. It is never
	// changed once built, so copies of the object share it; keys appended after it are
	// scanned, and a change that moves keys builds a new one.
	index   map[string]int
	indexed int
	// keys has the keyBit of every key the object holds (and perhaps of keys it held): a
	// lookup of a key whose bit is clear, as most lookups of absent keys are, scans nothing.
	keys uint64
	// tail is set while entries' backing array is shared with other objects (see Extend).
	// Appending then claims the next slot of the array, so two objects never fill the same
	// one; any other change copies entries first.
	tail atomic.Pointer[tailClaim]
}

// tailClaim is shared by the objects sharing one backing array: n is the length the longest
// of them has claimed. Only an object exactly that long may append in place.
type tailClaim struct{ n atomic.Int64 }

type entry struct {
	key string
	val any
}

// NewObject returns an empty object with room for n keys.
func NewObject(n int) *Object {
	return &Object{entries: make([]entry, 0, n)}
}

// Len returns the number of keys.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.entries)
}

// Keys returns a new slice of the keys in order.
func (o *Object) Keys() []string {
	if o == nil {
		return nil
	}
	keys := make([]string, len(o.entries))
	for i, e := range o.entries {
		keys[i] = e.key
	}
	return keys
}

// At returns the i-th key and value in order.
func (o *Object) At(i int) (string, any) { return o.entries[i].key, o.entries[i].val }

// keyBit is key's bit in Object.keys: from its length and its first and last bytes, which
// tell most of an event's keys apart (many start with '$').
func keyBit(key string) uint64 {
	h := uint(len(key))
	if len(key) > 0 {
		h = h*31 + uint(key[0])*7 + uint(key[len(key)-1])
	}
	return 1 << (h & 63)
}

func (o *Object) find(key string) int {
	if o == nil || o.keys&keyBit(key) == 0 {
		return -1
	}
	// find only reads, so objects shared between goroutines may be searched concurrently.
	start := 0
	if o.index != nil {
		if i, ok := o.index[key]; ok {
			return i
		}
		start = o.indexed
	}
	for i := start; i < len(o.entries); i++ {
		if o.entries[i].key == key {
			return i
		}
	}
	return -1
}

// Get returns the value stored under key and whether the key is present.
func (o *Object) Get(key string) (any, bool) {
	i := o.find(key)
	if i < 0 {
		return nil, false
	}
	return o.entries[i].val, true
}

// Has reports whether key is present.
func (o *Object) Has(key string) bool { return o.find(key) >= 0 }

// GetString returns the value under key if it is a string.
func (o *Object) GetString(key string) (string, bool) {
	v, _ := o.Get(key)
	s, ok := v.(string)
	return s, ok
}

// GetObject returns the value under key if it is an object.
func (o *Object) GetObject(key string) (*Object, bool) {
	v, _ := o.Get(key)
	m, ok := v.(*Object)
	return m, ok
}

// Set stores v under key, keeping the key's position if it exists and appending it otherwise
// (array-index keys go to their numeric position, as in JavaScript). v is normalized with
// Normalize; it panics if v cannot be represented as JSON, which is a programming error.
func (o *Object) Set(key string, v any) {
	nv, err := Normalize(v)
	if err != nil {
		panic(fmt.Sprintf("ojson: Set(%q): %v", key, err))
	}
	o.set(key, nv)
}

// set stores an already normalized value.
func (o *Object) set(key string, v any) {
	if i := o.find(key); i >= 0 {
		o.own()
		o.entries[i].val = v
		return
	}
	pos := len(o.entries)
	if n, ok := arrayIndex(key); ok {
		pos = sort.Search(o.nIndex, func(i int) bool {
			m, _ := arrayIndex(o.entries[i].key)
			return m > n
		})
		o.nIndex++
	}
	if pos != len(o.entries) {
		o.own()
		o.entries = append(o.entries, entry{})
		copy(o.entries[pos+1:], o.entries[pos:])
		o.entries[pos] = entry{key, v}
		o.keys |= keyBit(key)
		o.reindex()
		return
	}
	o.push(entry{key, v})
}

// push appends e, in place in a shared backing array when the next slot is free.
func (o *Object) push(e entry) {
	if t := o.tail.Load(); t != nil {
		n := len(o.entries)
		if n == cap(o.entries) || !t.n.CompareAndSwap(int64(n), int64(n+1)) {
			o.unshare(cloneSpare)
		}
	}
	o.entries = append(o.entries, e)
	o.keys |= keyBit(e.key)
	o.appended()
}

// own gives o a backing array of its own before a change other than an append.
func (o *Object) own() {
	if o.tail.Load() != nil {
		o.unshare(cloneSpare)
	}
}

func (o *Object) unshare(room int) {
	entries := make([]entry, len(o.entries), len(o.entries)+room)
	copy(entries, o.entries)
	o.entries = entries
	o.tail.Store(nil)
}

// appended keeps lookups fast after a key was added at the end.
func (o *Object) appended() {
	if len(o.entries)-o.indexed > indexThreshold {
		o.reindex()
	}
}

// Delete removes key and reports whether it was present.
func (o *Object) Delete(key string) bool {
	i := o.find(key)
	if i < 0 {
		return false
	}
	if _, ok := arrayIndex(key); ok {
		o.nIndex--
	}
	o.own()
	o.entries = append(o.entries[:i], o.entries[i+1:]...)
	o.reindex()
	return true
}

// AppendOrdered adds key after the existing keys without looking for it first. It is for
// copying the keys of another object in their order (a key the object already has, or an
// array-index key after other keys, would break the object): the copy then costs no lookups.
func (o *Object) AppendOrdered(key string, v any) {
	if len(key) > 0 && key[0] >= '0' && key[0] <= '9' {
		if _, ok := arrayIndex(key); ok {
			o.nIndex++
		}
	}
	o.push(entry{key, v})
}

// AppendNew adds a key the object does not have, without looking for it first; an
// array-index key goes to its numeric position, as Set would put it.
func (o *Object) AppendNew(key string, v any) {
	if _, ok := arrayIndex(key); ok {
		o.set(key, v)
		return
	}
	o.push(entry{key, v})
}

// reindex rebuilds the key index of a large object (small ones are scanned).
func (o *Object) reindex() {
	if len(o.entries) <= indexThreshold {
		o.index, o.indexed = nil, 0
		return
	}
	o.index = make(map[string]int, len(o.entries))
	for i, e := range o.entries {
		o.index[e.key] = i
	}
	o.indexed = len(o.entries)
}

// cloneSpare is the room Clone leaves for new keys.
const cloneSpare = 4

// Clone returns a deep copy.
func (o *Object) Clone() *Object {
	c := o.ShallowClone(cloneSpare) // room for a few more keys: copies are usually made to be changed
	for i := range c.Len() {
		c.entries[i].val = CloneValue(c.entries[i].val)
	}
	return c
}

// ShallowClone returns a copy of o's top level, with room for room more keys: nested objects
// and arrays are shared with o. It is for changing one level of an object whose nested values
// are not changed in place.
func (o *Object) ShallowClone(room int) *Object {
	if o == nil {
		return nil
	}
	c := &Object{entries: make([]entry, len(o.entries), len(o.entries)+room), nIndex: o.nIndex, index: o.index, indexed: o.indexed, keys: o.keys}
	copy(c.entries, o.entries)
	return c
}

// Extend returns an object with o's keys and values, for a caller that will mostly append
// keys to it (room of them, typically): it shares o's backing array, and its appends fill
// the array's free slots, when o is the longest of the objects sharing that array and the
// array has room. Otherwise it is ShallowClone(room). Either way o and the result are
// independent: any change other than an append, to either, copies its keys first, and of
// several objects appending to one array only the first gets each slot. Like ShallowClone,
// it shares nested values.
func (o *Object) Extend(room int) *Object {
	if o == nil {
		return nil
	}
	n := len(o.entries)
	if n == cap(o.entries) {
		return o.ShallowClone(room)
	}
	t := o.tail.Load()
	if t == nil {
		t = new(tailClaim)
		t.n.Store(int64(n))
		if !o.tail.CompareAndSwap(nil, t) {
			t = o.tail.Load()
		}
	}
	if t.n.Load() != int64(n) {
		return o.ShallowClone(room) // another object appended here first
	}
	c := &Object{entries: o.entries, nIndex: o.nIndex, index: o.index, indexed: o.indexed, keys: o.keys}
	c.tail.Store(t)
	return c
}

// CloneValue returns a deep copy of a normalized value.
func CloneValue(v any) any {
	switch x := v.(type) {
	case *Object:
		return x.Clone()
	case []any:
		c := make([]any, len(x))
		for i, e := range x {
			c[i] = CloneValue(e)
		}
		return c
	default:
		return v
	}
}

// Map returns the object as a Go map (order is lost), with nested objects converted too.
func (o *Object) Map() map[string]any {
	if o == nil {
		return nil
	}
	m := make(map[string]any, len(o.entries))
	for _, e := range o.entries {
		m[e.key] = plain(e.val)
	}
	return m
}

func plain(v any) any {
	switch x := v.(type) {
	case *Object:
		return x.Map()
	case []any:
		c := make([]any, len(x))
		for i, e := range x {
			c[i] = plain(e)
		}
		return c
	default:
		return v
	}
}

// IsArrayIndex reports whether key is an array index ("0" to "4294967294"), which JavaScript
// orders before other keys.
func IsArrayIndex(key string) bool {
	_, ok := arrayIndex(key)
	return ok
}

// arrayIndex reports whether key is a canonical array index ("0".."4294967294"), which
// JavaScript engines order before other keys, and its value.
func arrayIndex(key string) (uint32, bool) {
	if len(key) == 0 || len(key) > 10 || (len(key) > 1 && key[0] == '0') {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	if n >= math.MaxUint32 {
		return 0, false
	}
	return uint32(n), true
}

// Normalize converts a Go value to the value model of this package: nil, bool, float64,
// string, []any or *Object. Integers become float64 (as in JavaScript), map keys are sorted,
// and other values go through encoding/json.
func Normalize(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, string, *Object:
		return v, nil
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int:
		return float64(x), nil
	case int8:
		return float64(x), nil
	case int16:
		return float64(x), nil
	case int32:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case uint:
		return float64(x), nil
	case uint8:
		return float64(x), nil
	case uint16:
		return float64(x), nil
	case uint32:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return f, err
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			n, err := Normalize(e)
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
		return out, nil
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out, nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := NewObject(len(keys))
		for _, k := range keys {
			n, err := Normalize(x[k])
			if err != nil {
				return nil, err
			}
			o.set(k, n)
		}
		return o, nil
	case map[string]string:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := NewObject(len(keys))
		for _, k := range keys {
			o.set(k, x[k])
		}
		return o, nil
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		return Parse(b)
	}
}

// SetRaw stores v under key without normalizing it. It lets a package keep values of its own
// in an object for a while (the vm package keeps JavaScript values there during a call); such
// values must be replaced with normalized ones before the object is encoded.
func (o *Object) SetRaw(key string, v any) { o.set(key, v) }

// SetAt replaces the value of the i-th key.
func (o *Object) SetAt(i int, v any) {
	o.own()
	o.entries[i].val = v
}

// Truncate keeps the first n keys and removes the others.
func (o *Object) Truncate(n int) {
	if n >= len(o.entries) {
		return
	}
	o.own()
	clear(o.entries[n:])
	o.entries = o.entries[:n]
	o.nIndex = min(o.nIndex, n)
	o.reindex()
}

// DeleteAt removes the i-th key.
func (o *Object) DeleteAt(i int) { o.Delete(o.entries[i].key) }
