// Package memstore provides in-memory implementations of plugchain's Storage and Cache, the
// defaults of a Chain created without other backends. Data lives as long as the value does.
package memstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
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

// ErrWrongType is returned for a list operation on a string or the reverse, as Redis's WRONGTYPE.
var ErrWrongType = errors.New("WRONGTYPE Operation against a key holding the wrong kind of value")

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
	if e != nil && !e.expires.IsZero() && !c.now().Before(e.expires) {
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
	n, err := strconv.ParseInt(e.str, 10, 64)
	if err != nil {
		return 0, errors.New("ERR value is not an integer or out of range")
	}
	n++
	e.str = strconv.FormatInt(n, 10)
	return n, nil
}

// Expire implements plugchain.Cache.
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

// LPop implements plugchain.Cache.
func (c *Cache) LPop(_ context.Context, ns, key string, count int64) ([]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := nsKey{ns, key}
	e, err := c.list(k, false)
	if err != nil || e == nil {
		return nil, err
	}
	if count < 0 {
		return nil, errors.New("ERR value is out of range, must be positive")
	}
	n := min(count, int64(len(e.list)))
	out := append([]string(nil), e.list[:n]...)
	e.list = e.list[n:]
	if len(e.list) == 0 {
		delete(c.m, k)
	}
	return out, nil
}
