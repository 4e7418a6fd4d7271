package memstore

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var bg = context.Background()

// fakeClock is a settable clock for Cache.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newTestCache() (*Cache, *fakeClock) {
	clk := newFakeClock()
	c := NewCache()
	c.Now = clk.Now
	return c, clk
}

// --- Storage ---

func TestStorageGetSetDelete(t *testing.T) {
	var s Storage // the zero value is ready to use

	v, found, err := s.Get(bg, "1", "k")
	require.NoError(t, err)
	assert.False(t, found)
	assert.Equal(t, "", v)

	require.NoError(t, s.Delete(bg, "1", "missing"), "deleting a missing key is not an error")

	require.NoError(t, s.Set(bg, "1", "k", `{"a":1}`))
	v, found, err = s.Get(bg, "1", "k")
	require.NoError(t, err)
	assert.True(t, found)
	assert.Equal(t, `{"a":1}`, v)

	// Another namespace (plugin config) does not see it.
	_, found, _ = s.Get(bg, "2", "k")
	assert.False(t, found)

	require.NoError(t, s.Set(bg, "1", "k", `null`))
	v, found, _ = s.Get(bg, "1", "k")
	assert.True(t, found, "a stored JSON null is a value")
	assert.Equal(t, "null", v)

	require.NoError(t, s.Delete(bg, "1", "k"))
	_, found, _ = s.Get(bg, "1", "k")
	assert.False(t, found)
}

func TestStorageSetIfAbsent(t *testing.T) {
	s := NewStorage()
	ok, err := s.SetIfAbsent(bg, "1", "cursor", "5")
	require.NoError(t, err)
	assert.True(t, ok)

	ok, err = s.SetIfAbsent(bg, "1", "cursor", "9")
	require.NoError(t, err)
	assert.False(t, ok)
	v, _, _ := s.Get(bg, "1", "cursor")
	assert.Equal(t, "5", v, "the first value stays")

	ok, err = s.SetIfAbsent(bg, "2", "cursor", "9")
	require.NoError(t, err)
	assert.True(t, ok, "namespaces are separate")
}

func TestStorageIncrement(t *testing.T) {
	cases := []struct {
		name    string
		initial *string
		by      float64
		want    float64
		stored  string
	}{
		{"missing key stores by", nil, 3, 3, "3"},
		{"missing key negative", nil, -2, -2, "-2"},
		{"integer", ptr("5"), 1, 6, "6"},
		{"fraction", ptr("1.5"), 1, 2.5, "2.5"},
		{"exponent JSON", ptr("1e3"), 1, 1001, "1001"},
		{"negative by", ptr("10"), -15, -5, "-5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := NewStorage()
			if tc.initial != nil {
				require.NoError(t, s.Set(bg, "ns", "k", *tc.initial))
			}
			n, err := s.Increment(bg, "ns", "k", tc.by)
			require.NoError(t, err)
			assert.Equal(t, tc.want, n)
			v, found, _ := s.Get(bg, "ns", "k")
			assert.True(t, found)
			assert.Equal(t, tc.stored, v)
		})
	}

	t.Run("non-number", func(t *testing.T) {
		s := NewStorage()
		for _, v := range []string{`"abc"`, `"5"`, `null`, `{}`, `[1]`} {
			require.NoError(t, s.Set(bg, "ns", "k", v))
			_, err := s.Increment(bg, "ns", "k", 1)
			assert.Error(t, err, v)
			got, _, _ := s.Get(bg, "ns", "k")
			assert.Equal(t, v, got, "a failed increment leaves the value")
		}
	})
}

func ptr(s string) *string { return &s }

// --- Cache: strings ---

func TestCacheGetSet(t *testing.T) {
	var c Cache // the zero value is ready to use
	_, found, err := c.Get(bg, "p/1", "k")
	require.NoError(t, err)
	assert.False(t, found)

	require.NoError(t, c.Set(bg, "p/1", "k", "v", 0))
	v, found, err := c.Get(bg, "p/1", "k")
	require.NoError(t, err)
	assert.True(t, found)
	assert.Equal(t, "v", v)

	require.NoError(t, c.Set(bg, "p/1", "empty", "", 0))
	v, found, _ = c.Get(bg, "p/1", "empty")
	assert.True(t, found, "an empty string is a value")
	assert.Equal(t, "", v)

	_, found, _ = c.Get(bg, "p/2", "k")
	assert.False(t, found, "namespaces are separate")
}

func TestCacheTTL(t *testing.T) {
	c, clk := newTestCache()
	require.NoError(t, c.Set(bg, "ns", "k", "v", 10*time.Second))
	require.NoError(t, c.Set(bg, "ns", "forever", "v", 0))

	clk.Advance(10 * time.Second)
	_, found, _ := c.Get(bg, "ns", "k")
	assert.True(t, found, "Redis expires a key once the clock is past its expiry time")

	clk.Advance(time.Millisecond)
	_, found, _ = c.Get(bg, "ns", "k")
	assert.False(t, found)

	clk.Advance(1000 * time.Hour)
	_, found, _ = c.Get(bg, "ns", "forever")
	assert.True(t, found, "a ttl of zero means no expiry")

	// SET without a TTL clears an earlier one (no KEEPTTL).
	require.NoError(t, c.Set(bg, "ns", "k", "v1", 5*time.Second))
	require.NoError(t, c.Set(bg, "ns", "k", "v2", 0))
	clk.Advance(time.Minute)
	v, found, _ := c.Get(bg, "ns", "k")
	assert.True(t, found)
	assert.Equal(t, "v2", v)

	// SET with a TTL replaces an earlier TTL.
	require.NoError(t, c.Set(bg, "ns", "k", "v3", time.Hour))
	require.NoError(t, c.Set(bg, "ns", "k", "v4", time.Second))
	clk.Advance(2 * time.Second)
	_, found, _ = c.Get(bg, "ns", "k")
	assert.False(t, found)
}

func TestCacheIncr(t *testing.T) {
	cases := []struct {
		name    string
		initial *string
		want    int64
		err     string
	}{
		{"missing key", nil, 1, ""},
		{"integer", ptr("41"), 42, ""},
		{"zero", ptr("0"), 1, ""},
		{"negative", ptr("-5"), -4, ""},
		{"min int64", ptr("-9223372036854775808"), -9223372036854775807, ""},
		{"max int64 overflows", ptr("9223372036854775807"), 0, "ERR increment or decrement would overflow"},
		{"beyond int64", ptr("9223372036854775808"), 0, "ERR value is not an integer or out of range"},
		{"word", ptr("abc"), 0, "ERR value is not an integer or out of range"},
		{"float", ptr("1.5"), 0, "ERR value is not an integer or out of range"},
		{"exponent", ptr("1e3"), 0, "ERR value is not an integer or out of range"},
		{"JSON string", ptr(`"5"`), 0, "ERR value is not an integer or out of range"},
		{"empty", ptr(""), 0, "ERR value is not an integer or out of range"},
		{"plus sign", ptr("+1"), 0, "ERR value is not an integer or out of range"},
		{"leading zero", ptr("01"), 0, "ERR value is not an integer or out of range"},
		{"minus zero", ptr("-0"), 0, "ERR value is not an integer or out of range"},
		{"lone minus", ptr("-"), 0, "ERR value is not an integer or out of range"},
		{"space", ptr(" 1"), 0, "ERR value is not an integer or out of range"},
		{"trailing space", ptr("1 "), 0, "ERR value is not an integer or out of range"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newTestCache()
			if tc.initial != nil {
				require.NoError(t, c.Set(bg, "ns", "k", *tc.initial, 0))
			}
			n, err := c.Incr(bg, "ns", "k")
			if tc.err != "" {
				require.EqualError(t, err, tc.err)
				v, _, _ := c.Get(bg, "ns", "k")
				assert.Equal(t, *tc.initial, v, "a failed INCR leaves the value")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, n)
			v, _, _ := c.Get(bg, "ns", "k")
			assert.Equal(t, strconv.FormatInt(tc.want, 10), v)
		})
	}

	t.Run("keeps the TTL", func(t *testing.T) {
		c, clk := newTestCache()
		require.NoError(t, c.Set(bg, "ns", "k", "1", 10*time.Second))
		n, err := c.Incr(bg, "ns", "k")
		require.NoError(t, err)
		assert.EqualValues(t, 2, n)
		clk.Advance(11 * time.Second)
		_, found, _ := c.Get(bg, "ns", "k")
		assert.False(t, found)
	})

	t.Run("expired key starts again at 1", func(t *testing.T) {
		c, clk := newTestCache()
		require.NoError(t, c.Set(bg, "ns", "k", "100", time.Second))
		clk.Advance(2 * time.Second)
		n, err := c.Incr(bg, "ns", "k")
		require.NoError(t, err)
		assert.EqualValues(t, 1, n)
		clk.Advance(time.Hour)
		_, found, _ := c.Get(bg, "ns", "k")
		assert.True(t, found, "the new key has no TTL")
	})

	t.Run("wrong type", func(t *testing.T) {
		c, _ := newTestCache()
		_, err := c.LPush(bg, "ns", "l", []string{"a"})
		require.NoError(t, err)
		_, err = c.Incr(bg, "ns", "l")
		assert.ErrorIs(t, err, ErrWrongType)
	})
}

func TestCacheExpire(t *testing.T) {
	c, clk := newTestCache()

	ok, err := c.Expire(bg, "ns", "missing", time.Second)
	require.NoError(t, err)
	assert.False(t, ok, "EXPIRE on a missing key replies 0")

	require.NoError(t, c.Set(bg, "ns", "k", "v", 0))
	ok, err = c.Expire(bg, "ns", "k", 10*time.Second)
	require.NoError(t, err)
	assert.True(t, ok)
	clk.Advance(9 * time.Second)
	_, found, _ := c.Get(bg, "ns", "k")
	assert.True(t, found)
	clk.Advance(2 * time.Second)
	_, found, _ = c.Get(bg, "ns", "k")
	assert.False(t, found)

	ok, err = c.Expire(bg, "ns", "k", 10*time.Second)
	require.NoError(t, err)
	assert.False(t, ok, "an expired key is missing")

	// EXPIRE can shorten and lengthen.
	require.NoError(t, c.Set(bg, "ns", "k", "v", time.Second))
	ok, _ = c.Expire(bg, "ns", "k", time.Hour)
	assert.True(t, ok)
	clk.Advance(time.Minute)
	_, found, _ = c.Get(bg, "ns", "k")
	assert.True(t, found)

	// A zero or negative TTL deletes the key and replies 1.
	for _, ttl := range []time.Duration{0, -time.Second} {
		require.NoError(t, c.Set(bg, "ns", "k", "v", 0))
		ok, err = c.Expire(bg, "ns", "k", ttl)
		require.NoError(t, err)
		assert.True(t, ok)
		_, found, _ = c.Get(bg, "ns", "k")
		assert.False(t, found)
	}

	// EXPIRE works on lists too.
	_, err = c.LPush(bg, "ns", "l", []string{"a"})
	require.NoError(t, err)
	ok, _ = c.Expire(bg, "ns", "l", time.Second)
	assert.True(t, ok)
	clk.Advance(2 * time.Second)
	n, err := c.LLen(bg, "ns", "l")
	require.NoError(t, err)
	assert.EqualValues(t, 0, n)
	// And the expired list no longer blocks string commands.
	_, err = c.Incr(bg, "ns", "l")
	assert.NoError(t, err)
}

// --- Cache: lists ---

func listOf(t *testing.T, c *Cache, ns, key string) []string {
	t.Helper()
	l, err := c.LRange(bg, ns, key, 0, -1)
	require.NoError(t, err)
	return l
}

func TestCacheLPushOrder(t *testing.T) {
	c, _ := newTestCache()
	n, err := c.LPush(bg, "ns", "k", []string{"a", "b"})
	require.NoError(t, err)
	assert.EqualValues(t, 2, n)
	assert.Equal(t, []string{"b", "a"}, listOf(t, c, "ns", "k"), "LPUSH k a b gives [b, a]")

	n, err = c.LPush(bg, "ns", "k", []string{"c"})
	require.NoError(t, err)
	assert.EqualValues(t, 3, n)
	n, err = c.LPush(bg, "ns", "k", []string{"d", "e", "f"})
	require.NoError(t, err)
	assert.EqualValues(t, 6, n)
	assert.Equal(t, []string{"f", "e", "d", "c", "b", "a"}, listOf(t, c, "ns", "k"))

	// Duplicates and empty strings are elements like any other.
	n, err = c.LPush(bg, "ns", "k2", []string{"", "x", "x"})
	require.NoError(t, err)
	assert.EqualValues(t, 3, n)
	assert.Equal(t, []string{"x", "x", ""}, listOf(t, c, "ns", "k2"))

	// LPUSH without values is an arity error and does not create the key.
	_, err = c.LPush(bg, "ns", "none", nil)
	assert.ErrorIs(t, err, ErrLPushArity)
	require.NoError(t, c.Set(bg, "ns", "none", "str", 0))
	v, found, err := c.Get(bg, "ns", "none")
	require.NoError(t, err)
	assert.True(t, found)
	assert.Equal(t, "str", v)
	_, err = c.LPush(bg, "ns", "k", []string{})
	assert.ErrorIs(t, err, ErrLPushArity)
	assert.Len(t, listOf(t, c, "ns", "k"), 6)

	// LPUSH onto a new key after SET with the same name in another namespace.
	_, err = c.LPush(bg, "other", "none", []string{"z"})
	assert.NoError(t, err)
}

func TestCacheLRange(t *testing.T) {
	c, _ := newTestCache()
	// LPUSH e d c b a gives [a b c d e].
	_, err := c.LPush(bg, "ns", "k", []string{"e", "d", "c", "b", "a"})
	require.NoError(t, err)

	cases := []struct {
		start, stop int64
		want        []string
	}{
		{0, -1, []string{"a", "b", "c", "d", "e"}},
		{0, 0, []string{"a"}},
		{1, 2, []string{"b", "c"}},
		{-1, -1, []string{"e"}},
		{-2, -1, []string{"d", "e"}},
		{1, -2, []string{"b", "c", "d"}},
		{-3, 3, []string{"c", "d"}},
		{-100, 100, []string{"a", "b", "c", "d", "e"}},
		{-100, 1, []string{"a", "b"}},
		{2, 100, []string{"c", "d", "e"}},
		{4, 4, []string{"e"}},
		{5, 10, []string{}},
		{5, -1, []string{}},
		{3, 1, []string{}},
		{-1, -2, []string{}},
		{0, -6, []string{}},
		{0, -100, []string{}},
		{-6, 0, []string{"a"}},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d..%d", tc.start, tc.stop), func(t *testing.T) {
			got, err := c.LRange(bg, "ns", "k", tc.start, tc.stop)
			require.NoError(t, err)
			assert.NotNil(t, got)
			assert.Equal(t, tc.want, got)
		})
	}

	got, err := c.LRange(bg, "ns", "missing", 0, -1)
	require.NoError(t, err)
	assert.Equal(t, []string{}, got, "LRANGE on a missing key replies with an empty array")

	// The result is a copy.
	got, _ = c.LRange(bg, "ns", "k", 0, 0)
	got[0] = "changed"
	assert.Equal(t, "a", listOf(t, c, "ns", "k")[0])
}

func TestCacheLLen(t *testing.T) {
	c, _ := newTestCache()
	n, err := c.LLen(bg, "ns", "k")
	require.NoError(t, err)
	assert.EqualValues(t, 0, n)
	_, _ = c.LPush(bg, "ns", "k", []string{"a", "b", "c"})
	n, err = c.LLen(bg, "ns", "k")
	require.NoError(t, err)
	assert.EqualValues(t, 3, n)
}

func TestCacheLRem(t *testing.T) {
	// The list is [a b a c a b a].
	initial := []string{"a", "b", "a", "c", "a", "b", "a"}
	cases := []struct {
		name    string
		count   int64
		value   string
		removed int64
		rest    []string
	}{
		{"positive removes from the head", 2, "a", 2, []string{"b", "c", "a", "b", "a"}},
		{"negative removes from the tail", -2, "a", 2, []string{"a", "b", "a", "c", "b"}},
		{"zero removes all", 0, "a", 4, []string{"b", "c", "b"}},
		{"count above occurrences", 10, "a", 4, []string{"b", "c", "b"}},
		{"negative above occurrences", -10, "b", 2, []string{"a", "a", "c", "a", "a"}},
		{"one", 1, "b", 1, []string{"a", "a", "c", "a", "b", "a"}},
		{"minus one", -1, "b", 1, []string{"a", "b", "a", "c", "a", "a"}},
		{"absent value", 0, "z", 0, initial},
		{"exact match only", 0, "A", 0, initial},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newTestCache()
			rev := make([]string, len(initial))
			for i, v := range initial {
				rev[len(initial)-1-i] = v
			}
			_, err := c.LPush(bg, "ns", "k", rev)
			require.NoError(t, err)
			require.Equal(t, initial, listOf(t, c, "ns", "k"))

			n, err := c.LRem(bg, "ns", "k", tc.count, tc.value)
			require.NoError(t, err)
			assert.Equal(t, tc.removed, n)
			assert.Equal(t, tc.rest, listOf(t, c, "ns", "k"))
		})
	}

	t.Run("missing key", func(t *testing.T) {
		c, _ := newTestCache()
		n, err := c.LRem(bg, "ns", "k", 0, "a")
		require.NoError(t, err)
		assert.EqualValues(t, 0, n)
	})

	t.Run("removing every element deletes the key", func(t *testing.T) {
		c, _ := newTestCache()
		_, _ = c.LPush(bg, "ns", "k", []string{"a", "a"})
		n, err := c.LRem(bg, "ns", "k", 0, "a")
		require.NoError(t, err)
		assert.EqualValues(t, 2, n)
		// The key no longer exists: EXPIRE replies 0 and string commands work on it.
		ok, _ := c.Expire(bg, "ns", "k", time.Second)
		assert.False(t, ok)
		_, found, err := c.Get(bg, "ns", "k")
		require.NoError(t, err)
		assert.False(t, found)
	})
}

func TestCacheLPop(t *testing.T) {
	setup := func(t *testing.T) *Cache {
		c, _ := newTestCache()
		_, err := c.LPush(bg, "ns", "k", []string{"c", "b", "a"}) // [a b c]
		require.NoError(t, err)
		return c
	}

	t.Run("count below length", func(t *testing.T) {
		c := setup(t)
		got, err := c.LPop(bg, "ns", "k", 2)
		require.NoError(t, err)
		assert.Equal(t, []string{"a", "b"}, got)
		assert.Equal(t, []string{"c"}, listOf(t, c, "ns", "k"))
	})

	t.Run("count one", func(t *testing.T) {
		c := setup(t)
		got, err := c.LPop(bg, "ns", "k", 1)
		require.NoError(t, err)
		assert.Equal(t, []string{"a"}, got)
	})

	t.Run("count above length empties and deletes", func(t *testing.T) {
		c := setup(t)
		got, err := c.LPop(bg, "ns", "k", 10)
		require.NoError(t, err)
		assert.Equal(t, []string{"a", "b", "c"}, got)
		ok, _ := c.Expire(bg, "ns", "k", time.Second)
		assert.False(t, ok, "an emptied list is deleted")
		got, err = c.LPop(bg, "ns", "k", 1)
		require.NoError(t, err)
		assert.Nil(t, got)
	})

	t.Run("zero on an existing list is an empty array", func(t *testing.T) {
		c := setup(t)
		got, err := c.LPop(bg, "ns", "k", 0)
		require.NoError(t, err)
		assert.NotNil(t, got)
		assert.Empty(t, got)
		assert.Len(t, listOf(t, c, "ns", "k"), 3)
	})

	t.Run("missing key is a null array", func(t *testing.T) {
		c, _ := newTestCache()
		for _, n := range []int64{0, 1, 5} {
			got, err := c.LPop(bg, "ns", "k", n)
			require.NoError(t, err)
			assert.Nil(t, got)
		}
	})

	t.Run("negative count", func(t *testing.T) {
		c := setup(t)
		_, err := c.LPop(bg, "ns", "k", -1)
		assert.EqualError(t, err, "ERR value is out of range, must be positive")
		assert.Len(t, listOf(t, c, "ns", "k"), 3)
		// Redis checks the count before the key.
		_, err = c.LPop(bg, "ns", "missing", -1)
		assert.ErrorIs(t, err, ErrNotPositive)
		require.NoError(t, c.Set(bg, "ns", "str", "x", 0))
		_, err = c.LPop(bg, "ns", "str", -1)
		assert.ErrorIs(t, err, ErrNotPositive)
	})

	t.Run("result is a copy", func(t *testing.T) {
		c := setup(t)
		got, _ := c.LPop(bg, "ns", "k", 1)
		_, _ = c.LPush(bg, "ns", "k", []string{"new"})
		assert.Equal(t, []string{"a"}, got)
	})
}

func TestCacheWrongType(t *testing.T) {
	c, _ := newTestCache()
	require.NoError(t, c.Set(bg, "ns", "str", "v", 0))
	_, err := c.LPush(bg, "ns", "list", []string{"a"})
	require.NoError(t, err)

	_, _, err = c.Get(bg, "ns", "list")
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = c.Incr(bg, "ns", "list")
	assert.ErrorIs(t, err, ErrWrongType)

	_, err = c.LPush(bg, "ns", "str", []string{"a"})
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = c.LRange(bg, "ns", "str", 0, -1)
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = c.LLen(bg, "ns", "str")
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = c.LRem(bg, "ns", "str", 0, "v")
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = c.LPop(bg, "ns", "str", 1)
	assert.ErrorIs(t, err, ErrWrongType)
	assert.EqualError(t, err, "WRONGTYPE Operation against a key holding the wrong kind of value")

	// The failed commands changed nothing.
	v, _, err := c.Get(bg, "ns", "str")
	require.NoError(t, err)
	assert.Equal(t, "v", v)
	assert.Equal(t, []string{"a"}, listOf(t, c, "ns", "list"))

	// SET replaces a list (SET works on keys of any type); EXPIRE works on both.
	require.NoError(t, c.Set(bg, "ns", "list", "now a string", 0))
	v, _, err = c.Get(bg, "ns", "list")
	require.NoError(t, err)
	assert.Equal(t, "now a string", v)
}

func TestCacheExpiredListIsMissing(t *testing.T) {
	c, clk := newTestCache()
	_, _ = c.LPush(bg, "ns", "k", []string{"a", "b"})
	ok, _ := c.Expire(bg, "ns", "k", time.Second)
	require.True(t, ok)
	clk.Advance(2 * time.Second)

	got, err := c.LRange(bg, "ns", "k", 0, -1)
	require.NoError(t, err)
	assert.Empty(t, got)
	popped, err := c.LPop(bg, "ns", "k", 1)
	require.NoError(t, err)
	assert.Nil(t, popped)
	n, err := c.LPush(bg, "ns", "k", []string{"c"})
	require.NoError(t, err)
	assert.EqualValues(t, 1, n, "LPUSH onto an expired key starts a new list")
	clk.Advance(time.Hour)
	assert.Equal(t, []string{"c"}, listOf(t, c, "ns", "k"), "the new list has no TTL")

	// LPUSH onto an existing list keeps its TTL.
	ok, _ = c.Expire(bg, "ns", "k", time.Second)
	require.True(t, ok)
	_, _ = c.LPush(bg, "ns", "k", []string{"d"})
	clk.Advance(2 * time.Second)
	n, _ = c.LLen(bg, "ns", "k")
	assert.EqualValues(t, 0, n)
}

// TestConcurrency is meant for -race: many goroutines use one Storage and one Cache.
func TestConcurrency(t *testing.T) {
	s := NewStorage()
	c := NewCache()
	const workers, each = 16, 200
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				_, err := c.Incr(bg, "ns", "counter")
				assert.NoError(t, err)
				_, err = c.LPush(bg, "ns", "list", []string{strconv.Itoa(w), strconv.Itoa(i)})
				assert.NoError(t, err)
				_, err = s.Increment(bg, "ns", "cursor", 1)
				assert.NoError(t, err)
				_, _ = s.SetIfAbsent(bg, "ns", "once", strconv.Itoa(w))
				key := fmt.Sprintf("w%d", w)
				assert.NoError(t, s.Set(bg, "ns", key, strconv.Itoa(i)))
				_, _, _ = s.Get(bg, "ns", key)
				assert.NoError(t, c.Set(bg, "ns", key, strconv.Itoa(i), time.Hour))
				_, _, _ = c.Get(bg, "ns", key)
				_, _ = c.Expire(bg, "ns", key, time.Hour)
				_, _ = c.LRange(bg, "ns", "list", 0, 3)
				_, _ = c.LLen(bg, "ns", "list")
				if i%10 == 0 {
					_, _ = c.LPop(bg, "ns", "list", 2)
					_, _ = c.LRem(bg, "ns", "list", 1, "nothing")
				}
			}
		}(w)
	}
	wg.Wait()

	v, _, err := c.Get(bg, "ns", "counter")
	require.NoError(t, err)
	assert.Equal(t, strconv.Itoa(workers*each), v)
	n, err := c.LLen(bg, "ns", "list")
	require.NoError(t, err)
	// Each worker pushed 2*each elements and popped 2 on every tenth iteration.
	assert.EqualValues(t, workers*(2*each-2*(each/10)), n)
	cur, _, _ := s.Get(bg, "ns", "cursor")
	assert.Equal(t, strconv.Itoa(workers*each), cur)
}
