package plugchain

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// One live instance, growth backing off, several callers waiting for it; the instance
// breaks (timeout inside an async function) and is dropped. Every waiter must return.
func TestWaitersWakeWhenTheLastInstanceIsDropped(t *testing.T) {
	p := loadJS(t, "grow", `
export async function setupPlugin({ cache }) {
  const n = await cache.incr('setups')
  if (n > 1) throw new RetryError('not now')
}
export async function processEvent(e) { if (e.properties.hang) for (;;) {} await null; return e }
`)
	c, _ := newChain(t, WithPoolSize(2), WithTimeout(300*time.Millisecond))
	if _, err := c.Add(context.Background(), PluginConfig{Plugin: p}); err != nil {
		t.Fatal(err)
	}
	hang := make(chan error, 1)
	go func() {
		_, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"x","properties":{"hang":true}}`))
		hang <- err
	}()
	time.Sleep(50 * time.Millisecond)
	const n = 4
	var done atomic.Int32
	for i := 0; i < n; i++ {
		go func() {
			_, _ = c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"x","properties":{}}`))
			done.Add(1)
		}()
	}
	<-hang
	deadline := time.Now().Add(8 * time.Second) // past the 5 s setup back-off too
	for time.Now().Before(deadline) && done.Load() < n {
		time.Sleep(50 * time.Millisecond)
	}
	if got := done.Load(); got < n {
		t.Fatalf("%d of %d ProcessEvent calls still blocked in acquire after 8 s", n-got, n)
	}
}

// manualClock: time moves only when told; timers fire only when fired by hand, as a
// system-clock timer that loses the race with an event arriving right after retryAt.
type manualClock struct {
	now    atomic.Int64
	timers []func()
}

func (m *manualClock) Now() time.Time { return time.Unix(0, m.now.Load()) }
func (m *manualClock) AfterFunc(d time.Duration, f func()) Timer {
	m.timers = append(m.timers, f)
	return stopper{}
}

type stopper struct{}

func (stopper) Stop() bool { return true }

// settingsPlugin fails its first setup with a RetryError and has settings.
const settingsPlugin = `
export async function setupPlugin({ cache }) {
  if ((await cache.incr('setups')) === 1) throw new RetryError('first time')
}
export function getSettings() { return { handlesLargeBatches: true } }
export function processEvent(e) { return e }
`

func TestSettingsAreReadWhenAnEventWinsTheSetupRetry(t *testing.T) {
	p := loadJS(t, "settings", settingsPlugin)
	clk := &manualClock{}
	clk.now.Store(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	c, _ := newChain(t, WithClock(clk), WithoutScheduler())
	id, err := c.Add(context.Background(), PluginConfig{Plugin: p})
	if err != nil {
		t.Fatal(err)
	}
	clk.now.Add(int64(6 * time.Second))
	// An event arrives after retryAt, before the retry timer's goroutine runs.
	if _, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"x"}`)); err != nil {
		t.Fatal(err)
	}
	for _, f := range clk.timers {
		f()
	}
	_ = c.WaitJobs(context.Background())
	s, _ := c.Settings(id)
	if !s.HandlesLargeBatches {
		t.Fatal("getSettings was never called: HandlesLargeBatches stays false")
	}
}

func TestSettingsReadWhileSetupIsRetried(t *testing.T) {
	p := loadJS(t, "settings", settingsPlugin)
	clk := &manualClock{}
	c, _ := newChain(t, WithClock(clk), WithoutScheduler())
	id, err := c.Add(context.Background(), PluginConfig{Plugin: p})
	if err != nil {
		t.Fatal(err)
	}
	clk.now.Add(int64(6 * time.Second))
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				_, _ = c.Settings(id)
			}
		}
	}()
	for _, f := range clk.timers {
		f()
	}
	_ = c.WaitJobs(context.Background())
	close(stop)
}
