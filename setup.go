package plugchain

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/plugchain/plugchain/vm"
)

// setupAttempts and setupRetryBase are the setup retry rule PostHog's server used: a
// setupPlugin that throws RetryError is tried 5 times in all, 5 s × 2^(n-1) apart.
const (
	setupAttempts  = 5
	setupRetryBase = 5 * time.Second
)

// errSetupPending reports a config with no instance that may not create one now: its setup is
// waiting for a retry, or failed for good. Its events pass unchanged.
var errSetupPending = errors.New("plugchain: plugin config is not set up")

// ErrSetupFailed matches (with errors.Is) the error of jobs and export batches of a plugin
// config whose setupPlugin failed for good: they cannot run until the config is reloaded.
var ErrSetupFailed = errors.New("setupPlugin failed")

// AttemptError is a setupPlugin RetryError with the attempt it ended; it prints as PostHog's
// server printed it: "RetryError (attempt 2/5): message".
type AttemptError struct {
	Attempt, MaxAttempts int
	Err                  error
}

func (e *AttemptError) Error() string {
	var se *vm.ScriptError
	if errors.As(e.Err, &se) && se.Name != "" {
		name := fmt.Sprintf("%s (attempt %d/%d)", se.Name, e.Attempt, e.MaxAttempts)
		if se.Message == "" {
			return name
		}
		return name + ": " + se.Message
	}
	return fmt.Sprintf("attempt %d/%d: %v", e.Attempt, e.MaxAttempts, e.Err)
}

// Unwrap returns the error setupPlugin threw.
func (e *AttemptError) Unwrap() error { return e.Err }

// setupState tracks a config's setupPlugin failures and when it may try again.
type setupState struct {
	mu           sync.Mutex
	failures     int   // failed attempts in a row
	trying       bool  // a retry attempt is running: others wait for its outcome
	err          error // the last failure, as reported
	failed       bool  // no more attempts until Reload
	retryAt      time.Time
	timer        Timer
	stopped      bool
	settingsRead bool
}

// claim reports whether a new instance may run setupPlugin now. After a failure only one
// attempt runs at a time, and concurrent failures of one round count once: gen identifies the
// round and goes back to setupFailure.
func (s *setupState) claim(now time.Time) (gen int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed || now.Before(s.retryAt) || (s.failures > 0 && s.trying) {
		return 0, false
	}
	if s.failures > 0 {
		s.trying = true
	}
	return s.failures, true
}

// abandon ends an attempt that did not get to finish.
func (s *setupState) abandon() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trying = false
}

// hasFailed reports whether setup failed for good.
func (s *setupState) hasFailed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failed
}

func (s *setupState) succeeded() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures, s.err, s.failed, s.retryAt, s.trying = 0, nil, false, time.Time{}, false
}

// loadFailed records that the plugin's code failed in a new instance: no more instances are
// created until Reload, as code that failed once is likely to fail again.
func (s *setupState) loadFailed(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures++
	s.err = err
	s.failed = true
	s.trying = false
}

func (s *setupState) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	if s.timer != nil {
		s.timer.Stop()
	}
}

// state is ic's SetupState, as Status reports it; a config with instances needs no lock,
// which keeps the check off the event path's contention.
func (ic *installed) state() SetupState {
	if ic.live.Load() > 0 {
		return SetupReady
	}
	state, _, _, _ := ic.setupStatus()
	return state
}

func (ic *installed) setupRetryAt() time.Time {
	ic.setup.mu.Lock()
	defer ic.setup.mu.Unlock()
	return ic.setup.retryAt
}

// setupStatus reports the setup part of ConfigStatus. A config with instances is ready even
// if creating more failed; the failure still shows.
func (ic *installed) setupStatus() (SetupState, int, time.Time, error) {
	s := &ic.setup
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.failures == 0 || ic.live.Load() > 0:
		return SetupReady, s.failures, time.Time{}, s.err
	case s.failed:
		return SetupFailed, s.failures, time.Time{}, s.err
	}
	return SetupRetrying, s.failures, s.retryAt, s.err
}

// setupFailure records a failed setupPlugin of ic, from the attempt round gen (see claim),
// and reports it. With retryable, a RetryError is retried after the back-off (by a timer when
// the config has no instance left, otherwise by the next call that needs one); anything else
// stops further attempts. Failures of a round already counted are only reported.
func (c *Chain) setupFailure(ctx context.Context, ic *installed, err error, gen int, retryable bool) error {
	s := &ic.setup
	s.mu.Lock()
	counted := gen == s.failures
	if counted {
		s.failures++
		s.trying = false
	}
	n := s.failures
	retry := retryable && isRetryError(err) && n < setupAttempts
	s.mu.Unlock()
	cause := err
	if retryable && isRetryError(err) {
		cause = &AttemptError{Attempt: n, MaxAttempts: setupAttempts, Err: err}
	}
	perr := c.pluginError(ctx, ic, "setupPlugin", cause)
	if !counted {
		return perr
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = perr
	if !retry {
		s.failed = true
		return perr
	}
	s.retryAt = c.opts.clock.Now().Add(setupRetryBase << (n - 1))
	c.scheduleSetupRetryLocked(ic)
	return perr
}

// scheduleSetupRetry sets the timer of ic's next setup attempt when ic has no instance left
// and its setup is backing off (after a failure, a dropped instance or an abandoned attempt):
// with no instance, no call would ever try again.
func (c *Chain) scheduleSetupRetry(ic *installed) {
	ic.setup.mu.Lock()
	defer ic.setup.mu.Unlock()
	c.scheduleSetupRetryLocked(ic)
}

func (c *Chain) scheduleSetupRetryLocked(ic *installed) {
	s := &ic.setup
	if s.stopped || s.failed || s.failures == 0 || s.trying || ic.live.Load() > 0 {
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	wait := max(s.retryAt.Sub(c.opts.clock.Now()), 0)
	s.timer = c.opts.clock.AfterFunc(wait, func() { c.retrySetup(ic) })
}

// settingsOnce reads getSettings in the first instance whose setup succeeded.
func (c *Chain) settingsOnce(ctx context.Context, ic *installed, in *vm.Instance) {
	ic.setup.mu.Lock()
	read := ic.setup.settingsRead
	ic.setup.settingsRead = true
	ic.setup.mu.Unlock()
	if !read {
		_ = c.readSettings(ctx, ic, in) // reported by readSettings
	}
}

// retrySetup tries again to create an instance of a config that has none.
func (c *Chain) retrySetup(ic *installed) {
	c.activity.start()
	go func() {
		defer c.activity.done()
		if ic.gone.Load() || ic.live.Load() > 0 {
			return
		}
		in, err := c.acquire(c.bgCtx, ic)
		if err != nil {
			return // reported, and the next attempt scheduled, by acquire
		}
		ic.release(in) // acquire read the settings
	}()
}
