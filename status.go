package plugchain

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// SetupState says whether a plugin config's setupPlugin succeeded.
type SetupState string

// The states of a plugin config's setup.
const (
	// SetupReady: setupPlugin succeeded (or the plugin has none); the config runs.
	SetupReady SetupState = "ready"
	// SetupRetrying: setupPlugin threw a RetryError and will be tried again at
	// NextSetupAttempt; until then the config's events pass unchanged.
	SetupRetrying SetupState = "retrying"
	// SetupFailed: setupPlugin failed for good (another error, or every retry used up). The
	// config stays attached, its events pass unchanged, and nothing retries until Reload.
	SetupFailed SetupState = "failed"
)

// ConfigStatus is the state and counters of one plugin config, as Chain.Status reports them.
type ConfigStatus struct {
	ID     int64
	Plugin string
	TeamID int64

	State            SetupState
	SetupAttempts    int       // failed setup attempts in a row
	SetupError       error     // the last setup failure; nil when ready
	NextSetupAttempt time.Time // when State is SetupRetrying

	Instances      int // VM instances alive
	BufferedEvents int // events waiting in the exportEvents buffer

	Counters  Counters
	Durations map[string]DurationStats // by function: processEvent, onEvent, jobs.name ...

	LastError   *PluginError // the most recent error of any of the config's functions
	LastErrorAt time.Time
}

// Counters count what a plugin config did since it was added (Reload keeps them).
type Counters struct {
	EventsIn      uint64 // events given to processEvent
	EventsOut     uint64 // events processEvent returned
	EventsDropped uint64 // events processEvent dropped (returned a falsy value)
	EventsFailed  uint64 // processEvent threw, timed out or changed team_id

	OnEventCalls  uint64 // onEvent and onSnapshot calls
	OnEventFailed uint64

	JobsQueued    uint64 // jobs enqueued (by meta.jobs and export retries)
	JobsSucceeded uint64
	JobsRetried   uint64 // runs that threw RetryError and were queued again
	JobsFailed    uint64 // jobs that ended as failed

	ExportBatches       uint64 // exportEvents batches exported
	ExportedEvents      uint64 // events in those batches
	ExportRetries       uint64 // batches queued for a retry
	ExportFailed        uint64 // batches that failed for good
	ExportDroppedEvents uint64 // events in failed batches

	ScheduledRuns    uint64 // runEvery* runs, failed ones included
	ScheduledSkipped uint64 // runs skipped because the previous one was still going
	ScheduledFailed  uint64
}

// DurationStats summarises the calls of one function.
type DurationStats struct {
	Count uint64
	Total time.Duration
	Max   time.Duration
}

// Measurement describes one finished plugin call, for the hook set with WithObserver.
type Measurement struct {
	Plugin   string
	ConfigID int64
	TeamID   int64
	// Method is the function: processEvent, onEvent, onSnapshot, exportEvents, setupPlugin,
	// teardownPlugin, runEveryMinute ..., composeWebhook, or jobs.<name>.
	Method   string
	Duration time.Duration
	Err      error // nil when the call succeeded
}

// WithObserver registers a function called after every plugin call with what it measured,
// so a host can export metrics to Prometheus or OpenTelemetry in a few lines (see the
// package examples). It must be quick and safe for concurrent use.
func WithObserver(f func(Measurement)) Option { return func(o *options) { o.observer = f } }

// configMetrics holds one config id's counters; it survives Reload.
type configMetrics struct {
	eventsIn, eventsOut, eventsDropped, eventsFailed                          atomic.Uint64
	onEventCalls, onEventFailed                                               atomic.Uint64
	jobsQueued, jobsSucceeded, jobsRetried, jobsFailed                        atomic.Uint64
	exportBatches, exportedEvents, exportRetries, exportFailed, exportDropped atomic.Uint64
	scheduledRuns, scheduledSkipped, scheduledFailed                          atomic.Uint64

	mu        sync.Mutex
	durations map[string]*DurationStats
	lastErr   *PluginError
	lastErrAt time.Time
}

// metrics returns the counters of config id, creating them on first use.
func (c *Chain) metrics(id int64) *configMetrics {
	if m, ok := c.stats.Load(id); ok {
		return m.(*configMetrics)
	}
	m, _ := c.stats.LoadOrStore(id, &configMetrics{durations: map[string]*DurationStats{}})
	return m.(*configMetrics)
}

// observe records a finished call of method on ic: its duration, its error, and the host's
// observer.
func (c *Chain) observe(ic *installed, method string, start time.Time, err error) {
	if err != nil && (errors.Is(err, errConfigGone) || errors.Is(err, errSetupPending)) {
		return
	}
	d := time.Since(start)
	m := ic.m
	m.mu.Lock()
	s := m.durations[method]
	if s == nil {
		s = &DurationStats{}
		m.durations[method] = s
	}
	s.Count++
	s.Total += d
	if d > s.Max {
		s.Max = d
	}
	if err != nil {
		var pe *PluginError
		if errors.As(err, &pe) {
			m.lastErr, m.lastErrAt = pe, c.opts.clock.Now()
		}
	}
	m.mu.Unlock()
	if c.opts.observer != nil {
		c.opts.observer(Measurement{Plugin: ic.Plugin.Name(), ConfigID: ic.ID, TeamID: ic.TeamID, Method: method, Duration: d, Err: err})
	}
}

func (m *configMetrics) counters() Counters {
	return Counters{
		EventsIn: m.eventsIn.Load(), EventsOut: m.eventsOut.Load(),
		EventsDropped: m.eventsDropped.Load(), EventsFailed: m.eventsFailed.Load(),
		OnEventCalls: m.onEventCalls.Load(), OnEventFailed: m.onEventFailed.Load(),
		JobsQueued: m.jobsQueued.Load(), JobsSucceeded: m.jobsSucceeded.Load(),
		JobsRetried: m.jobsRetried.Load(), JobsFailed: m.jobsFailed.Load(),
		ExportBatches: m.exportBatches.Load(), ExportedEvents: m.exportedEvents.Load(),
		ExportRetries: m.exportRetries.Load(), ExportFailed: m.exportFailed.Load(),
		ExportDroppedEvents: m.exportDropped.Load(),
		ScheduledRuns:       m.scheduledRuns.Load(), ScheduledSkipped: m.scheduledSkipped.Load(),
		ScheduledFailed: m.scheduledFailed.Load(),
	}
}

// Status returns the state and counters of every attached plugin config, in chain order.
func (c *Chain) Status() []ConfigStatus {
	c.mu.RLock()
	list := c.configs
	c.mu.RUnlock()
	out := make([]ConfigStatus, 0, len(list))
	for _, ic := range list {
		out = append(out, c.status(ic))
	}
	return out
}

// ConfigStatus returns the state and counters of the plugin config with the given id.
func (c *Chain) ConfigStatus(id int64) (ConfigStatus, error) {
	c.mu.RLock()
	ic := c.byID[id]
	c.mu.RUnlock()
	if ic == nil || ic.Plugin == nil {
		return ConfigStatus{}, ErrUnknownConfig
	}
	return c.status(ic), nil
}

func (c *Chain) status(ic *installed) ConfigStatus {
	s := ConfigStatus{ID: ic.ID, Plugin: ic.Plugin.Name(), TeamID: ic.TeamID}
	s.State, s.SetupAttempts, s.NextSetupAttempt, s.SetupError = ic.setupStatus()
	s.Instances = int(ic.live.Load())
	s.BufferedEvents = ic.export.buffered()
	m := ic.m
	s.Counters = m.counters()
	m.mu.Lock()
	s.Durations = make(map[string]DurationStats, len(m.durations))
	for k, v := range m.durations {
		s.Durations[k] = *v
	}
	s.LastError, s.LastErrorAt = m.lastErr, m.lastErrAt
	m.mu.Unlock()
	return s
}
