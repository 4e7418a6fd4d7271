package plugchain

import "time"

// Clock tells the time and runs functions later. A Chain uses it for everything it schedules
// itself: job run times, retry back-off, export buffer ages, scheduled tasks and setup
// retries. The default is the system clock; tests use a fake one (plugchaintest.Clock) so
// they never sleep. Per-call time limits always use real time.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// AfterFunc calls f in its own goroutine (or, for a fake clock, when time is advanced past
	// d) once d has elapsed, unless the returned Timer is stopped first.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending call made by Clock.AfterFunc.
type Timer interface {
	// Stop prevents the call if it has not started and reports whether it did.
	Stop() bool
}

type systemClock struct{}

func (systemClock) Now() time.Time                            { return time.Now() }
func (systemClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }
