package plugchain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/plugchain/plugchain/ojson"
	"github.com/plugchain/plugchain/vm"
)

// Job is work queued for a plugin config: by the plugin, with meta.jobs.name(payload).runNow(),
// runIn or runAt, or by the chain itself to retry an exportEvents batch. A host running its
// own queue stores jobs as they are given to JobQueue.Enqueue and hands each back to
// Chain.RunJob when it is due.
type Job struct {
	// Type is the job's name in the plugin's jobs object (exportEventsWithRetry for the
	// chain's export retries).
	Type string
	// Payload is the payload as JSON; empty when the plugin gave none.
	Payload json.RawMessage
	// RunAt is when the job should run.
	RunAt time.Time
	// PluginConfigID and TeamID identify the plugin config the job belongs to.
	PluginConfigID int64
	TeamID         int64
	// Retries counts the runs before this one that ended with a RetryError.
	Retries int
}

// JobQueue stores jobs until they are due. A nil error from Enqueue must mean the job will be
// handed to Chain.RunJob. The default, used without WithJobQueue, keeps jobs in memory and runs
// them in the host process (see Chain.WaitJobs); a durable queue keeps them across restarts.
type JobQueue interface {
	Enqueue(ctx context.Context, job Job) error
}

// JobQueueFunc adapts a function to JobQueue.
type JobQueueFunc func(ctx context.Context, job Job) error

// Enqueue implements JobQueue.
func (f JobQueueFunc) Enqueue(ctx context.Context, job Job) error { return f(ctx, job) }

// RetryPolicy says how often and how soon a job that threw a RetryError runs again: retry n
// (from 1) waits Initial × 2^(n-1). Exports use it too, so with the defaults a batch whose
// exportEvents throws RetryError is tried again after 6 s, 12 s, 24 s ..., 15 times at most.
type RetryPolicy struct {
	MaxRetries int           // default 15
	Initial    time.Duration // default 6 s
}

// DefaultRetryPolicy is the retry policy of a Chain created without WithRetryPolicy.
var DefaultRetryPolicy = RetryPolicy{MaxRetries: 15, Initial: 6 * time.Second}

// delay returns how long retry n (from 1) waits.
func (p RetryPolicy) delay(n int) time.Duration {
	d := p.Initial
	for i := 1; i < n && d < 1<<62/2; i++ {
		d *= 2
	}
	return d
}

// ErrRetryNotQueued matches (with errors.Is) a RunJob error saying the job must run again: it
// asked for a retry (or its config is waiting for a setup retry) but the queue refused the new
// job. A host queue should keep the job and run it again later.
var ErrRetryNotQueued = errors.New("plugchain: the job's retry could not be queued")

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// ErrUnknownJob matches (with errors.Is) the error of a job whose name the plugin's jobs
// object does not define.
var ErrUnknownJob = errors.New("unknown job")

// exportRetryJob is the job type of exportEvents retries, named as on PostHog.
const exportRetryJob = "exportEventsWithRetry"

// jobUnits are the units of runIn, as the reference spells them (with a trailing "s"). Months
// are calendar months (the reference's months were 30 weeks, a bug); quarters and years are
// the reference's 13 weeks and 365 days.
var jobUnits = map[string]time.Duration{
	"milliseconds": time.Millisecond,
	"seconds":      time.Second,
	"minutes":      time.Minute,
	"hours":        time.Hour,
	"days":         24 * time.Hour,
	"weeks":        7 * 24 * time.Hour,
	"months":       0, // calendar months, see runInTime
	"quarters":     13 * 7 * 24 * time.Hour,
	"years":        365 * 24 * time.Hour,
}

// errInvalidTime is the RangeError a JavaScript date gives for a time it cannot hold.
func errInvalidTime() error {
	return &vm.ScriptError{Name: "RangeError", Message: "Invalid time value"}
}

// runInTime returns the time n units after now, or an error for an unknown unit.
func runInTime(now time.Time, n float64, unit string) (time.Time, error) {
	per, ok := jobUnits[unit]
	if !ok {
		return time.Time{}, jsError("Unknown time unit: " + unit)
	}
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return time.Time{}, errInvalidTime()
	}
	if unit == "months" {
		whole := math.Trunc(n)
		if math.Abs(whole) > 12*10000 {
			return time.Time{}, errInvalidTime()
		}
		t := addMonths(now, int(whole))
		// A fraction of a month is that fraction of the following month's length.
		if frac := n - whole; frac != 0 {
			t = t.Add(time.Duration(frac * float64(addMonths(t, 1).Sub(t))))
		}
		return t, nil
	}
	ms := n * float64(per/time.Millisecond)
	if math.Abs(ms) > 8.64e15 {
		return time.Time{}, errInvalidTime()
	}
	return now.Add(time.Duration(ms * float64(time.Millisecond))), nil
}

// addMonths moves t by n calendar months, keeping the day of the month where the target month
// has it and taking the month's last day where it has not (January 31 + 1 month is the end of
// February), as date libraries do.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	if last := first.AddDate(0, 1, -1).Day(); d > last {
		d = last
	}
	return first.AddDate(0, 0, d-1)
}

// jobTime converts the time a plugin gave runAt (a date's valueOf: Unix milliseconds, or a
// string) to a time.
func jobTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case float64:
		if !math.IsNaN(x) && math.Abs(x) <= 8.64e15 {
			return time.UnixMilli(int64(math.Floor(x))), nil // whole milliseconds, as a Date
		}
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errInvalidTime()
}

// unixMillis is t as a JavaScript date's value: whole Unix milliseconds.
func unixMillis(t time.Time) float64 { return float64(t.UnixMilli()) }

// jobsSpec builds meta.jobs for a config: each call enqueues a Job through the chain's queue.
func (c *Chain) jobsSpec(ic *installed) *vm.JobsHost {
	return &vm.JobsHost{
		Enqueue: func(ctx context.Context, args []any) (any, error) {
			job := Job{Type: jsString(arg(args, 0)), PluginConfigID: ic.ID, TeamID: ic.TeamID}
			if p := arg(args, 1); p != vm.Undefined {
				b, err := ojson.Marshal(p)
				if err != nil {
					return nil, err
				}
				job.Payload = b
			}
			at, err := jobTime(arg(args, 2))
			if err != nil {
				return nil, err
			}
			job.RunAt = at
			return vm.Undefined, c.enqueue(ctx, job)
		},
		RunIn: func(args []any) (any, error) {
			n, ok := arg(args, 1).(float64)
			if !ok {
				n = math.NaN()
			}
			t, err := runInTime(c.opts.clock.Now().In(c.location()), n, jsString(arg(args, 0)))
			if err != nil {
				return nil, err
			}
			return unixMillis(t), nil
		},
		Now: func([]any) (any, error) { return unixMillis(c.opts.clock.Now()), nil },
	}
}

func (c *Chain) location() *time.Location {
	if c.opts.location != nil {
		return c.opts.location
	}
	return time.UTC
}

// enqueueAttempts is how many times enqueue tries a queue that fails: a database that blinks
// must not lose the job.
const enqueueAttempts = 4

// enqueue hands job to the chain's queue, retrying a failing queue briefly (100, 200, 400 ms,
// within ctx) before giving up with its error.
func (c *Chain) enqueue(ctx context.Context, job Job) error {
	var err error
	wait := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		if err = c.queue.Enqueue(ctx, job); err == nil {
			c.metrics(job.PluginConfigID).jobsQueued.Add(1)
			return nil
		}
		if attempt == enqueueAttempts || errors.Is(err, ErrClosed) {
			break
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("enqueueing job %q: %w (then %w)", job.Type, err, ctx.Err())
		}
		wait *= 2
	}
	return fmt.Errorf("enqueueing job %q: %w", job.Type, err)
}

// isRetryError reports whether a plugin threw a RetryError.
func isRetryError(err error) bool {
	var se *vm.ScriptError
	return errors.As(err, &se) && se.Name == "RetryError"
}

// RunJob runs a job from the chain's queue: the plugin's job function with the payload and
// meta, or a retry of an exportEvents batch. A job that throws RetryError is queued again
// after the retry policy's back-off, as a new Job with Retries one higher, and RunJob returns
// nil; once the retries are used up, or for any other error, it returns a *PluginError (an
// unknown job name matches ErrUnknownJob, a config whose setup failed ErrSetupFailed): the job
// ended as failed. If queueing the retry fails, the error matches ErrRetryNotQueued and the
// host's queue should run this job again. A job of a config that is waiting for a setup retry
// is queued again for after it. A job of a config the chain no longer has returns
// ErrUnknownConfig.
func (c *Chain) RunJob(ctx context.Context, job Job) error {
	// A closing chain still runs the jobs that fall due while it drains.
	c.mu.RLock()
	ic := c.byID[job.PluginConfigID]
	closed := c.closed
	c.mu.RUnlock()
	if closed && ic == nil {
		return ErrClosed
	}
	if ic == nil || ic.Plugin == nil {
		return fmt.Errorf("job %q of plugin config %d: %w", job.Type, job.PluginConfigID, ErrUnknownConfig)
	}
	if job.Type == exportRetryJob && ic.has["exportEvents"] {
		return c.runExportRetry(ctx, ic, job)
	}
	method := "jobs." + job.Type
	var payload any = vm.Undefined
	if len(job.Payload) > 0 {
		p, err := ojson.Parse(job.Payload)
		if err != nil {
			return c.pluginError(ctx, ic, method, fmt.Errorf("job payload is not JSON: %w", err))
		}
		payload = p
	}
	m := ic.m
	start := time.Now()
	err := c.withInstance(ctx, ic, func(ic *installed, in *vm.Instance) error {
		if !in.HasJob(job.Type) {
			return fmt.Errorf("%w: the plugin's jobs object has no function %q", ErrUnknownJob, job.Type)
		}
		return in.CallJob(ctx, job.Type, payload)
	})
	c.observe(ic, method, start, err)
	switch {
	case err == nil:
		m.jobsSucceeded.Add(1)
		return nil
	case errors.Is(err, errConfigGone):
		return fmt.Errorf("job %q of plugin config %d: %w", job.Type, job.PluginConfigID, ErrUnknownConfig)
	case errors.Is(err, errSetupPending) && !ic.setup.hasFailed():
		// Not the job's fault: run it once the config's setup has been retried.
		job.RunAt = laterOf(ic.setupRetryAt(), c.opts.clock.Now()).Add(time.Second)
		if qerr := c.enqueue(ctx, job); qerr != nil {
			return fmt.Errorf("%w: %w", ErrRetryNotQueued, qerr)
		}
		return nil
	case errors.Is(err, errSetupPending):
		err = fmt.Errorf("%w: the plugin config cannot run jobs until it is reloaded", ErrSetupFailed)
	case ctx.Err() != nil:
		if ctx == c.bgCtx {
			// The embedded queue stopped it: the chain is closing.
			m.jobsFailed.Add(1)
			return c.pluginError(context.Background(), ic, method,
				fmt.Errorf("job %q stopped: %w (%w)", job.Type, ErrJobNotRun, err))
		}
		return err
	}
	perr := c.pluginError(ctx, ic, method, err)
	if isRetryError(err) && job.Retries < c.opts.retry.MaxRetries {
		next := job
		next.Retries++
		next.RunAt = c.opts.clock.Now().Add(c.opts.retry.delay(next.Retries))
		if qerr := c.enqueue(ctx, next); qerr != nil {
			return fmt.Errorf("%w: %w (after %w)", ErrRetryNotQueued, qerr, perr)
		}
		m.jobsRetried.Add(1)
		return nil
	}
	m.jobsFailed.Add(1)
	return perr
}

// payloadNumber reads a number field of a job payload.
func payloadNumber(o *ojson.Object, key string) float64 {
	v, _ := o.Get(key)
	n, _ := v.(float64)
	return n
}
