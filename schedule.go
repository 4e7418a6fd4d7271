package plugchain

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/plugchain/plugchain/vm"
)

// Schedule names a scheduled task by the plugin function that runs it.
type Schedule string

// The scheduled tasks of PostHog plugins and their cron schedules.
const (
	EveryMinute Schedule = "runEveryMinute" // * * * * *
	EveryHour   Schedule = "runEveryHour"   // 0 * * * *
	EveryDay    Schedule = "runEveryDay"    // 0 0 * * *
)

var schedules = []Schedule{EveryMinute, EveryHour, EveryDay}

func (s Schedule) index() int {
	for i, k := range schedules {
		if k == s {
			return i
		}
	}
	return -1
}

// next returns the first time after t on the schedule, in loc's wall clock. Minutes and
// hours are found on the absolute clock (every zone's offset is a whole number of quarter
// hours), so both 01:00s of a DST fall-back count; a day starts at local midnight, or when the
// day starts if DST skips midnight.
func (s Schedule) next(t time.Time, loc *time.Location) time.Time {
	switch s {
	case EveryMinute:
		return t.Truncate(time.Minute).Add(time.Minute)
	case EveryHour:
		n := t.Truncate(15 * time.Minute)
		for {
			n = n.Add(15 * time.Minute)
			if n.In(loc).Minute() == 0 {
				return n
			}
		}
	}
	y, mo, d := t.In(loc).Date()
	for step := 1; ; step++ {
		if n := dayStart(y, mo, d+step, loc); n.After(t) {
			return n
		}
	}
}

// dayStart returns the first instant of the local day y-mo-d in loc. When DST skips
// midnight, time.Date may resolve it to the evening before; the day then starts at the first
// quarter hour that falls on it.
func dayStart(y int, mo time.Month, d int, loc *time.Location) time.Time {
	n := time.Date(y, mo, d, 0, 0, 0, 0, loc)
	want := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	for {
		ny, nm, nd := n.In(loc).Date()
		if !time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC).Before(want) {
			return n
		}
		n = n.Truncate(15 * time.Minute).Add(15 * time.Minute)
	}
}

// WithoutScheduler turns off the embedded scheduler, for hosts that call RunScheduled from a
// scheduler of their own (one that makes sure a single process in a cluster runs each task).
func WithoutScheduler() Option { return func(o *options) { o.noScheduler = true } }

// scheduler runs runEvery* tasks on their cron schedules with the chain's clock.
type scheduler struct {
	mu     sync.Mutex
	timers [3]Timer
	closed bool
}

func (c *Chain) startScheduler() {
	for _, s := range schedules {
		c.scheduleNext(s)
	}
}

func (c *Chain) scheduleNext(s Schedule) {
	c.sched.mu.Lock()
	defer c.sched.mu.Unlock()
	if c.sched.closed {
		return
	}
	now := c.opts.clock.Now()
	c.sched.timers[s.index()] = c.opts.clock.AfterFunc(s.next(now, c.location()).Sub(now), func() {
		// Runs start (or are skipped) now; they finish in the background.
		c.activity.start()
		if wait, err := c.startScheduled(c.bgCtx, s); err == nil {
			go func() {
				defer c.activity.done()
				_ = wait() // errors are reported as they happen
			}()
		} else {
			c.activity.done()
		}
		c.scheduleNext(s)
	})
}

func (c *Chain) stopScheduler() {
	c.sched.mu.Lock()
	defer c.sched.mu.Unlock()
	c.sched.closed = true
	for _, t := range c.sched.timers {
		if t != nil {
			t.Stop()
		}
	}
}

// RunScheduled runs the task s (runEveryMinute, runEveryHour or runEveryDay) of every plugin
// config that has it, concurrently, and waits for them; errors are joined (see PluginErrors).
// A config whose previous run of s is still going is skipped and the skip counted, so a slow
// task never piles up. The embedded scheduler calls it on the cron schedule; hosts with a
// scheduler of their own use WithoutScheduler and call it themselves.
func (c *Chain) RunScheduled(ctx context.Context, s Schedule) error {
	wait, err := c.startScheduled(ctx, s)
	if err != nil {
		return err
	}
	return wait()
}

// startScheduled starts the runs of s (skipping configs still running it) and returns a
// function that waits for them.
func (c *Chain) startScheduled(ctx context.Context, s Schedule) (wait func() error, err error) {
	idx := s.index()
	if idx < 0 {
		return nil, fmt.Errorf("plugchain: unknown scheduled task %q", s)
	}
	list, err := c.snapshot()
	if err != nil {
		return nil, err
	}
	var wg sync.WaitGroup
	errs := make([]error, len(list))
	for i, ic := range list {
		if !ic.has[string(s)] {
			continue
		}
		m := ic.m
		if !ic.tasks[idx].CompareAndSwap(false, true) {
			m.scheduledSkipped.Add(1)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer ic.tasks[idx].Store(false)
			start := time.Now()
			err := c.withInstance(ctx, ic, func(ic *installed, in *vm.Instance) error {
				_, _, err := in.Call(ctx, string(s))
				return c.pluginError(ctx, ic, string(s), err)
			})
			c.observe(ic, string(s), start, err)
			switch {
			case errors.Is(err, errConfigGone), errors.Is(err, errSetupPending):
			case err != nil:
				m.scheduledRuns.Add(1)
				m.scheduledFailed.Add(1)
				errs[i] = err
			default:
				m.scheduledRuns.Add(1)
			}
		}()
	}
	return func() error {
		wg.Wait()
		return errors.Join(errs...)
	}, nil
}
