// Package memstore provides in-memory implementations of plugchain's Storage and Cache, the
// defaults of a Chain created without other backends. Data lives as long as the value does.
package memstore

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

type nsKey struct{ ns, key string }

// Storage is an in-memory plugchain.Storage. The zero value is ready to use.
type Storage struct {
	mu sync.Mutex
	m  map[nsKey]string
}

// NewStorage returns an empty Storage.
func NewStorage() *Storage { return &Storage{} }

// Get implements plugchain.Storage.
func (s *Storage) Get(_ context.Context, ns, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[nsKey{ns, key}]
	return v, ok, nil
}

// Set implements plugchain.Storage.
func (s *Storage) Set(_ context.Context, ns, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[nsKey]string{}
	}
	s.m[nsKey{ns, key}] = value
	return nil
}

// Delete implements plugchain.Storage.
func (s *Storage) Delete(_ context.Context, ns, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, nsKey{ns, key})
	return nil
}

// SetIfAbsent implements plugchain.Storage.
func (s *Storage) SetIfAbsent(_ context.Context, ns, key, value string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[nsKey{ns, key}]; ok {
		return false, nil
	}
	if s.m == nil {
		s.m = map[nsKey]string{}
	}
	s.m[nsKey{ns, key}] = value
	return true, nil
}

// Increment implements plugchain.Storage.
func (s *Storage) Increment(_ context.Context, ns, key string, by float64) (float64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[nsKey]string{}
	}
	k := nsKey{ns, key}
	n := by
	if v, ok := s.m[k]; ok {
		cur, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, fmt.Errorf("storage value under %q is not a number: %s", key, v)
		}
		n = cur + by
	}
	s.m[k] = strconv.FormatFloat(n, 'f', -1, 64)
	return n, nil
}

// Errors with Redis's messages.
var (
	// ErrWrongType is returned for a list operation on a string or the reverse, as Redis's WRONGTYPE.
	ErrWrongType = errors.New("WRONGTYPE Operation against a key holding the wrong kind of value")
	// ErrNotInteger is returned by Incr when the value is not a base-10 64-bit integer.
	ErrNotInteger = errors.New("ERR value is not an integer or out of range")
	// ErrOverflow is returned by Incr when the result would not fit in 64 bits.
	ErrOverflow = errors.New("ERR increment or decrement would overflow")
	// ErrNotPositive is returned by LPop for a negative count.
	ErrNotPositive = errors.New("ERR value is out of range, must be positive")
	// ErrLPushArity is returned by LPush without values (Redis's LPUSH needs at least one).
	ErrLPushArity = errors.New("ERR wrong number of arguments for 'lpush' command")
)

// parseRedisInt parses s as Redis's string2ll does: an optional '-', then digits without a
// leading zero (except "0" itself), no sign '+', no spaces, within the int64 range.
func parseRedisInt(s string) (int64, bool) {
	if s == "" || len(s) > 20 {
		return 0, false
	}
	if s == "0" {
		return 0, true
	}
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || digits[0] < '1' || digits[0] > '9' {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

type entry struct {
	str     string
	list    []string // head first
	isList  bool
	expires time.Time // zero: never
}

// Cache is an in-memory plugchain.Cache with Redis semantics. The zero value is ready to use.
type Cache struct {
	// Now returns the current time; nil means time.Now. Tests set it to control expiry.
	Now func() time.Time

	mu sync.Mutex
	m  map[nsKey]*entry
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

func (c *Cache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// lookup returns the live entry under k, dropping it if it expired. Callers hold mu.
func (c *Cache) lookup(k nsKey) *entry {
	e := c.m[k]
	// As Redis, a key is gone once the clock has passed its expiry time.
	if e != nil && !e.expires.IsZero() && c.now().After(e.expires) {
		delete(c.m, k)
		return nil
	}
	return e
}

func (c *Cache) put(k nsKey, e *entry) {
	if c.m == nil {
		c.m = map[nsKey]*entry{}
	}
	c.m[k] = e
}

// Get implements plugchain.Cache.
func (c *Cache) Get(_ context.Context, ns, key string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.lookup(nsKey{ns, key})
	if e == nil {
		return "", false, nil
	}
	if e.isList {
		return "", false, ErrWrongType
	}
	return e.str, true, nil
}

// Set implements plugchain.Cache.
func (c *Cache) Set(_ context.Context, ns, key, value string, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := &entry{str: value}
	if ttl > 0 {
		e.expires = c.now().Add(ttl)
	}
	c.put(nsKey{ns, key}, e)
	return nil
}

// Incr implements plugchain.Cache.
func (c *Cache) Incr(_ context.Context, ns, key string) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := nsKey{ns, key}
	e := c.lookup(k)
	if e == nil {
		c.put(k, &entry{str: "1"})
		return 1, nil
	}
	if e.isList {
		return 0, ErrWrongType
	}
	n, ok := parseRedisInt(e.str)
	if !ok {
		return 0, ErrNotInteger
	}
	if n == math.MaxInt64 {
		return 0, ErrOverflow
	}
	n++
	e.str = strconv.FormatInt(n, 10)
	return n, nil
}

// Expire implements plugchain.Cache. As Redis, a ttl of zero or less deletes the key (and
// reports true when it existed).
func (c *Cache) Expire(_ context.Context, ns, key string, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := nsKey{ns, key}
	e := c.lookup(k)
	if e == nil {
		return false, nil
	}
	if ttl <= 0 {
		delete(c.m, k)
		return true, nil
	}
	e.expires = c.now().Add(ttl)
	return true, nil
}

func (c *Cache) list(k nsKey, create bool) (*entry, error) {
	e := c.lookup(k)
	if e == nil {
		if !create {
			return nil, nil
		}
		e = &entry{isList: true}
		c.put(k, e)
	}
	if !e.isList {
		return nil, ErrWrongType
	}
	return e, nil
}

// LPush implements plugchain.Cache.
func (c *Cache) LPush(_ context.Context, ns, key string, values []string) (int64, error) {
	if len(values) == 0 {
		return 0, ErrLPushArity
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, err := c.list(nsKey{ns, key}, true)
	if err != nil {
		return 0, err
	}
	head := make([]string, 0, len(values)+len(e.list))
	for i := len(values) - 1; i >= 0; i-- {
		head = append(head, values[i])
	}
	e.list = append(head, e.list...)
	return int64(len(e.list)), nil
}

// LRange implements plugchain.Cache.
func (c *Cache) LRange(_ context.Context, ns, key string, start, stop int64) ([]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, err := c.list(nsKey{ns, key}, false)
	if err != nil || e == nil {
		return []string{}, err
	}
	n := int64(len(e.list))
	if start < 0 {
		start = max(n+start, 0)
	}
	if stop < 0 {
		stop = n + stop
	}
	stop = min(stop, n-1)
	if start > stop {
		return []string{}, nil
	}
	return append([]string(nil), e.list[start:stop+1]...), nil
}

// LLen implements plugchain.Cache.
func (c *Cache) LLen(_ context.Context, ns, key string) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, err := c.list(nsKey{ns, key}, false)
	if err != nil || e == nil {
		return 0, err
	}
	return int64(len(e.list)), nil
}

// LRem implements plugchain.Cache.
func (c *Cache) LRem(_ context.Context, ns, key string, count int64, value string) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := nsKey{ns, key}
	e, err := c.list(k, false)
	if err != nil || e == nil {
		return 0, err
	}
	var removed int64
	limit := count
	if limit < 0 {
		limit = -limit
	}
	keep := make([]string, 0, len(e.list))
	if count >= 0 {
		for _, v := range e.list {
			if v == value && (limit == 0 || removed < limit) {
				removed++
				continue
			}
			keep = append(keep, v)
		}
	} else {
		for i := len(e.list) - 1; i >= 0; i-- {
			v := e.list[i]
			if v == value && removed < limit {
				removed++
				continue
			}
			keep = append(keep, v)
		}
		for i, j := 0, len(keep)-1; i < j; i, j = i+1, j-1 {
			keep[i], keep[j] = keep[j], keep[i]
		}
	}
	e.list = keep
	if len(e.list) == 0 {
		delete(c.m, k)
	}
	return removed, nil
}

// LPop implements plugchain.Cache. It returns nil (Redis's null array) when the key is missing
// and an empty, non-nil slice for a count of 0 on an existing list.
func (c *Cache) LPop(_ context.Context, ns, key string, count int64) ([]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if count < 0 {
		// Redis checks the count before it looks the key up.
		return nil, ErrNotPositive
	}
	k := nsKey{ns, key}
	e, err := c.list(k, false)
	if err != nil || e == nil {
		return nil, err
	}
	n := min(count, int64(len(e.list)))
	// Non-nil even when empty: LPOP key 0 on a list replies with an empty array, on a
	// missing key with a null one.
	out := make([]string, n)
	copy(out, e.list[:n])
	e.list = e.list[n:]
	if len(e.list) == 0 {
		delete(c.m, k)
	}
	return out, nil
}
