package plugchaintest

import (
	"sort"
	"sync"
	"time"

	"github.com/plugchain/plugchain"
)

// Clock is a plugchain.Clock whose time moves only when a test advances it, so tests of
// schedules, retries and buffer ages run instantly. Functions scheduled with AfterFunc run in
// the goroutine that advances the clock, in order of their due time. Safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*clockTimer
	seq    int
}

// NewClock returns a Clock showing start.
func NewClock(start time.Time) *Clock { return &Clock{now: start} }

type clockTimer struct {
	c   *Clock
	at  time.Time
	seq int
	f   func()
}

// Now implements plugchain.Clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc implements plugchain.Clock: f runs when the clock is advanced to now+d or later.
func (c *Clock) AfterFunc(d time.Duration, f func()) plugchain.Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	t := &clockTimer{c: c, at: c.now.Add(d), seq: c.seq, f: f}
	c.timers = append(c.timers, t)
	return t
}

// Stop implements plugchain.Timer.
func (t *clockTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	for i, x := range t.c.timers {
		if x == t {
			t.c.timers = append(t.c.timers[:i], t.c.timers[i+1:]...)
			return true
		}
	}
	return false
}

// Advance moves the clock forward by d, running every function that falls due on the way, in
// order, each seeing Now() at its due time; functions they schedule within the window run too.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	end := c.now.Add(d)
	c.mu.Unlock()
	c.runUntil(end)
}

// Set moves the clock to t (forward only), like Advance.
func (c *Clock) Set(t time.Time) {
	c.runUntil(t)
}

func (c *Clock) runUntil(end time.Time) {
	for {
		c.mu.Lock()
		sort.Slice(c.timers, func(i, j int) bool {
			if !c.timers[i].at.Equal(c.timers[j].at) {
				return c.timers[i].at.Before(c.timers[j].at)
			}
			return c.timers[i].seq < c.timers[j].seq
		})
		if len(c.timers) == 0 || c.timers[0].at.After(end) {
			if end.After(c.now) {
				c.now = end
			}
			c.mu.Unlock()
			return
		}
		t := c.timers[0]
		c.timers = c.timers[1:]
		if t.at.After(c.now) {
			c.now = t.at
		}
		c.mu.Unlock()
		t.f()
	}
}

// Timers returns how many functions are waiting to run.
func (c *Clock) Timers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}
