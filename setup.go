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
	err          error // the last failure, as reported
	failed       bool  // no more attempts until Reload
	retryAt      time.Time
	timer        Timer
	stopped      bool
	settingsRead bool
}

// mayTry reports whether a new instance may run setupPlugin now.
func (s *setupState) mayTry(now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.failed && !now.Before(s.retryAt)
}

func (s *setupState) succeeded() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures, s.err, s.failed, s.retryAt = 0, nil, false, time.Time{}
}

// loadFailed records that the plugin's code failed in a new instance: no more instances are
// created until Reload, as code that failed once is likely to fail again.
func (s *setupState) loadFailed(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures++
	s.err = err
	s.failed = true
}

func (s *setupState) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	if s.timer != nil {
		s.timer.Stop()
	}
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

// setupFailure records a failed setupPlugin of ic and reports it. With retryable, a
// RetryError is retried after the back-off (by a timer when the config has no instance left,
// otherwise by the next call that needs one); anything else stops further attempts.
func (c *Chain) setupFailure(ctx context.Context, ic *installed, err error, retryable bool) error {
	s := &ic.setup
	s.mu.Lock()
	s.failures++
	n := s.failures
	retry := retryable && isRetryError(err) && n < setupAttempts
	s.mu.Unlock()
	cause := err
	if retryable && isRetryError(err) {
		cause = &AttemptError{Attempt: n, MaxAttempts: setupAttempts, Err: err}
	}
	perr := c.pluginError(ctx, ic, "setupPlugin", cause)

	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = perr
	if !retry {
		s.failed = true
		return perr
	}
	wait := setupRetryBase << (n - 1)
	s.retryAt = c.opts.clock.Now().Add(wait)
	if ic.live.Load() == 0 && !s.stopped {
		if s.timer != nil {
			s.timer.Stop()
		}
		s.timer = c.opts.clock.AfterFunc(wait, func() { c.retrySetup(ic) })
	}
	return perr
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
		ic.setup.mu.Lock()
		read := ic.setup.settingsRead
		ic.setup.settingsRead = true
		ic.setup.mu.Unlock()
		if !read {
			_ = c.readSettings(c.bgCtx, ic, in)
		}
		ic.release(in)
	}()
}
