package plugchain

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/plugchain/plugchain/ojson"
	"github.com/plugchain/plugchain/vm"
)

// Chain runs events through an ordered list of plugin configs, as PostHog's plugin server
// does for one team. All methods are safe for concurrent use.
type Chain struct {
	opts options

	mu      sync.RWMutex
	configs []*installed // in chain order; replaced, never mutated, so readers can keep a copy
	// view is what events read: configs and closed as of their last change, without c.mu
	// (a read lock per event is a write to memory every worker shares).
	view   atomic.Pointer[chainView]
	byID   map[int64]*installed
	nextID int64
	seq    int
	closed bool

	// running holds the instances with a call in progress, for the heap watchdog.
	running   sync.Map // *vm.Instance -> struct{}
	stopWatch chan struct{}

	// Background work: jobs, export flushes, scheduled runs and setup retries.
	queue    JobQueue
	local    *localQueue // the embedded queue, when the host set none
	activity *activity
	sched    scheduler
	bgCtx    context.Context
	bgCancel context.CancelFunc
	stats    sync.Map // config id -> *configMetrics
}

// New returns an empty chain. Without options it uses in-memory storage and cache, no GeoIP,
// logs to slog.Default and limits each plugin call to 30 s.
func New(opts ...Option) *Chain {
	o := defaultOptions()
	for _, f := range opts {
		f(&o)
	}
	if o.capturer == nil {
		o.capturer = logCapturer{o.logs}
	}
	c := &Chain{opts: o, byID: map[int64]*installed{}, nextID: 1, stopWatch: make(chan struct{}), activity: newActivity()}
	c.view.Store(&chainView{})
	c.bgCtx, c.bgCancel = context.WithCancel(context.Background())
	c.queue = o.queue
	if c.queue == nil {
		c.local = newLocalQueue(c)
		c.queue = c.local
	}
	if o.maxHeap > 0 {
		go c.watchHeap()
	}
	if !o.noScheduler {
		c.startScheduler()
	}
	return c
}

// installed is a plugin config attached to a chain, with its pool of VM instances.
type installed struct {
	PluginConfig
	seq   int
	label string // "Name (id)", as in $plugins_succeeded
	entry any    // label as a JSON value, boxed once for the $plugins_* lists
	src   PluginSource
	spec  vm.Members
	// posthog connects the config's posthog global to the host; shared by its instances.
	posthog *vm.PostHogHost

	// pool holds idle instances; slots bounds how many exist (a token per instance).
	pool  chan *vm.Instance
	slots chan struct{}
	has   map[string]bool
	// gone is set when the config is removed or replaced; no new calls start on it.
	gone atomic.Bool
	// live counts the instances that exist (idle or running). freed is closed (and replaced)
	// when an instance is dropped, and goneCh when the config goes, waking every caller that
	// waits for an instance.
	live   atomic.Int32
	wakeMu sync.Mutex
	freed  chan struct{}
	goneCh chan struct{}

	setup setupState

	// export buffers events for exportEvents (nil without it); exports counts its exports
	// in flight.
	export  *exportBuffer
	exports *activity
	// tasks marks the scheduled tasks running, by Schedule index.
	tasks [3]atomic.Bool

	// m holds the counters of the config's id, shared with the configs that replace it.
	m *configMetrics

	settings Settings
}

// Settings is what a plugin's getSettings returns.
type Settings struct {
	HandlesLargeBatches bool
}

// Add attaches a plugin config: it checks the config values against plugin.json, creates the
// first VM instance and runs setupPlugin in it. The returned id is cfg.ID or the one assigned.
//
// If the plugin's code or setupPlugin throws, Add returns the error and attaches nothing;
// except that a RetryError from setupPlugin attaches the config in the SetupRetrying state
// (see Status): setup is tried again up to 5 attempts in all, 5 s × 2^(n-1) apart, while the
// config's events pass unchanged. Each failed attempt is reported to the error handler and log
// sink as "RetryError (attempt n/5): message"; after the last one the config is SetupFailed.
func (c *Chain) Add(ctx context.Context, cfg PluginConfig) (int64, error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return 0, ErrClosed
	}
	if cfg.ID == 0 {
		for c.byID[c.nextID] != nil {
			c.nextID++
		}
		cfg.ID = c.nextID
		c.nextID++
	} else if c.byID[cfg.ID] != nil {
		c.mu.Unlock()
		return 0, fmt.Errorf("plugchain: plugin config %d is already in the chain", cfg.ID)
	}
	c.seq++
	seq := c.seq
	// Reserve the id while setupPlugin runs outside the lock.
	c.byID[cfg.ID] = &installed{}
	c.mu.Unlock()

	ic, err := c.install(ctx, cfg, seq, true)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		delete(c.byID, cfg.ID)
		return 0, err
	}
	if c.closed {
		delete(c.byID, cfg.ID)
		go func() { _ = c.teardown(context.Background(), ic) }()
		return 0, ErrClosed
	}
	c.byID[cfg.ID] = ic
	c.setConfigs(insertSorted(c.configs, ic))
	return cfg.ID, nil
}

// insertSorted returns a copy of list (sorted by Order, then by when configs were added) with
// ic in its place. Readers may hold the old slice, so it is never changed.
func insertSorted(list []*installed, ic *installed) []*installed {
	at := sort.Search(len(list), func(i int) bool {
		x := list[i]
		return x.Order > ic.Order || (x.Order == ic.Order && x.seq > ic.seq)
	})
	out := make([]*installed, 0, len(list)+1)
	out = append(out, list[:at]...)
	out = append(out, ic)
	return append(out, list[at:]...)
}

// install builds a config and its first instance. A RetryError from the first setupPlugin
// leaves the config retrying its setup when retryable, and fails the install otherwise.
func (c *Chain) install(ctx context.Context, cfg PluginConfig, seq int, retryable bool) (*installed, error) {
	if cfg.Plugin == nil {
		return nil, errors.New("plugchain: PluginConfig.Plugin is nil")
	}
	values, err := resolveConfig(cfg)
	if err != nil {
		return nil, err
	}
	ic := &installed{
		PluginConfig: cfg,
		seq:          seq,
		label:        fmt.Sprintf("%s (%d)", cfg.Plugin.Name(), cfg.ID),
		src:          PluginSource{Plugin: cfg.Plugin.Name(), ConfigID: cfg.ID, TeamID: cfg.TeamID},
		pool:         make(chan *vm.Instance, c.opts.poolSize),
		slots:        make(chan struct{}, c.opts.poolSize),
		freed:        make(chan struct{}),
		goneCh:       make(chan struct{}),
		exports:      newActivity(),
		m:            c.metrics(cfg.ID),
	}
	ic.entry = ic.label
	ic.spec = c.metaSpec(ic, values)
	ic.posthog = c.posthogHost(ic)
	ic.slots <- struct{}{}
	in, err := c.newInstance(ctx, ic)
	if in != nil {
		ic.has = map[string]bool{}
		for _, m := range vm.Methods {
			ic.has[m] = in.Has(m)
		}
		if ic.has["processEventBatch"] {
			ic.has["processEvent"] = true
		}
		if ic.has["exportEvents"] {
			ic.export = newExportBuffer(values)
		}
	}
	if err != nil {
		<-ic.slots
		if in == nil || !retryable || !isRetryError(err) {
			if in != nil {
				err = c.setupFailure(ctx, ic, err, 0, false)
			}
			return nil, err
		}
		_ = c.setupFailure(ctx, ic, err, 0, true)
		return ic, nil
	}
	ic.live.Add(1)
	ic.setup.mu.Lock()
	ic.setup.settingsRead = true
	ic.setup.mu.Unlock()
	if err := c.readSettings(ctx, ic, in); err != nil {
		ic.release(in)
		_ = c.teardown(ctx, ic)
		return nil, err
	}
	ic.release(in)
	return ic, nil
}

// readSettings calls getSettings, when the plugin has it.
func (c *Chain) readSettings(ctx context.Context, ic *installed, in *vm.Instance) error {
	if !ic.has["getSettings"] {
		return nil
	}
	res, _, err := in.Call(ctx, "getSettings")
	if err != nil {
		return c.pluginError(ctx, ic, "getSettings", err)
	}
	if o, ok := res.(*ojson.Object); ok {
		v, _ := o.Get("handlesLargeBatches")
		ic.setup.mu.Lock()
		ic.settings.HandlesLargeBatches = truthy(v)
		ic.setup.mu.Unlock()
	}
	return nil
}

// newInstance creates a VM instance for ic and runs setupPlugin in it. When setupPlugin
// fails, the instance is returned with the error (its exports are known, but it must not be
// used); when the code itself fails, the instance is nil.
func (c *Chain) newInstance(ctx context.Context, ic *installed) (*vm.Instance, error) {
	src := ic.src
	var created *vm.Instance
	defer func() {
		if created != nil {
			c.unwatch(created)
		}
	}()
	in, err := vm.New(ctx, ic.Plugin.prog, vm.Options{
		Timeout: c.opts.timeout,
		Created: func(in *vm.Instance) { created = in; c.watch(in) },
		Meta:    ic.spec,
		Log: func(level, msg string) {
			c.opts.logs.PluginLog(context.Background(), src, level, msg)
		},
		MaxPendingOps: c.opts.maxOps,
		HTTP:          c.opts.http,
		Location:      c.opts.location,
		Modules:       c.opts.modules,
		PostHog:       ic.posthog,
	})
	if err != nil {
		return nil, c.pluginError(ctx, ic, "load", err)
	}
	if in.Has("setupPlugin") {
		start := time.Now()
		_, _, err := in.Call(ctx, "setupPlugin")
		c.observe(ic, "setupPlugin", start, err)
		if err != nil {
			return in, err
		}
	}
	return in, nil
}

// errConfigGone reports a config removed or replaced while a call was about to use it.
var errConfigGone = errors.New("plugchain: plugin config was removed")

// acquire takes an idle instance of ic, creating one while the pool has room and setup is not
// backing off, or waits. A config with no instance that cannot create one returns
// errSetupPending; a failed setup of a new instance is reported, never returned.
func (c *Chain) acquire(ctx context.Context, ic *installed) (*vm.Instance, error) {
	if ic.gone.Load() {
		return nil, errConfigGone
	}
	select {
	case in := <-ic.pool:
		return in, nil
	default:
	}
	for {
		select {
		case in := <-ic.pool:
			return in, nil
		case ic.slots <- struct{}{}:
			if ic.gone.Load() {
				<-ic.slots
				return nil, errConfigGone
			}
			gen, ok := ic.setup.claim(c.opts.clock.Now())
			if !ok {
				freed := ic.freedChan()
				<-ic.slots
				if ic.live.Load() == 0 {
					return nil, errSetupPending
				}
				// Wait for an instance in use, or for one to be dropped.
				select {
				case in := <-ic.pool:
					return in, nil
				case <-freed:
					continue
				case <-ic.goneCh:
					return nil, errConfigGone
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}
			in, err := c.newInstance(ctx, ic)
			if err != nil {
				<-ic.slots
				switch {
				case ctx.Err() != nil:
					ic.setup.abandon() // the caller gave up: not the plugin's failure
					c.scheduleSetupRetry(ic)
					return nil, err
				case in != nil:
					_ = c.setupFailure(ctx, ic, err, gen, true)
				default:
					ic.setup.loadFailed(err) // reported by newInstance
				}
				// The failure is reported and backed off; the call uses an instance that
				// exists, or passes as for a config that is not set up.
				continue
			}
			ic.live.Add(1)
			ic.setup.succeeded()
			c.settingsOnce(ctx, ic, in)
			return in, nil
		case <-ic.goneCh:
			return nil, errConfigGone
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// freedChan returns the channel the next dropped instance closes.
func (ic *installed) freedChan() chan struct{} {
	ic.wakeMu.Lock()
	defer ic.wakeMu.Unlock()
	return ic.freed
}

// drop discards an instance taken from ic's pool, freeing its slot and waking every caller
// waiting for an instance. The last one gone while setup is backing off schedules the retry.
func (c *Chain) drop(ic *installed) {
	ic.live.Add(-1)
	<-ic.slots
	ic.wakeMu.Lock()
	close(ic.freed)
	ic.freed = make(chan struct{})
	ic.wakeMu.Unlock()
	c.scheduleSetupRetry(ic)
}

func (ic *installed) release(in *vm.Instance) { ic.pool <- in }

// callEvent runs ic's event function method on ev (handed over to the VM, see
// vm.Instance.CallEvent) and wraps its error. The instance applies the per-call timeout.
func (c *Chain) callEvent(ctx context.Context, ic *installed, method string, ev *ojson.Object) (vm.EventResult, error) {
	var res vm.EventResult
	start := time.Now()
	err := c.withInstance(ctx, ic, func(ic *installed, in *vm.Instance) error {
		var err error
		res, err = in.CallEvent(ctx, method, ev)
		return c.pluginError(ctx, ic, method, err)
	})
	c.observe(ic, method, start, err)
	return res, err
}

// pluginError wraps err with the plugin's identity, reports it to the error handler and log
// sink, and turns the chain's own deadline into a *TimeoutError. ctx is the caller's context:
// when it ended, its error is kept as it is. A nil err stays nil.
func (c *Chain) pluginError(ctx context.Context, ic *installed, method string, err error) error {
	if err == nil {
		return nil
	}
	var pe *PluginError
	if errors.As(err, &pe) {
		return pe
	}
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		err = &TimeoutError{Timeout: c.callLimit(method)}
	}
	pe = &PluginError{Plugin: ic.Plugin.Name(), ConfigID: ic.ID, Method: method, Err: err}
	if c.opts.onError != nil {
		c.opts.onError(pe)
	}
	c.opts.logs.PluginError(ctx, pe)
	return pe
}

// callLimit is the time limit calls of method run under.
func (c *Chain) callLimit(method string) time.Duration {
	if method == "exportEvents" && c.opts.exportTimeout > 0 {
		return c.opts.exportTimeout
	}
	return c.opts.timeout
}

// withInstance runs f on an instance of ic. If ic was replaced by Reload since the caller
// looked it up, the current config with the same id runs instead; if it was removed, f does
// not run and the result is errConfigGone.
func (c *Chain) withInstance(ctx context.Context, ic *installed, f func(ic *installed, in *vm.Instance) error) error {
	for {
		in, err := c.acquire(ctx, ic)
		if errors.Is(err, errConfigGone) {
			c.mu.RLock()
			next := c.byID[ic.ID]
			c.mu.RUnlock()
			if next == nil || next == ic || next.Plugin == nil {
				return errConfigGone
			}
			ic = next
			continue
		}
		if err != nil {
			return err
		}
		return c.runOn(ic, in, func() error { return f(ic, in) })
	}
}

// runOn runs f on in, an instance taken from ic's pool, under the heap watchdog, and puts the
// instance back afterwards, even if f panics; one stopped for memory, or broken, is dropped
// instead (the pool creates a fresh one when needed).
func (c *Chain) runOn(ic *installed, in *vm.Instance, f func() error) (err error) {
	c.watch(in)
	defer func() {
		c.unwatch(in)
		if errors.Is(err, ErrMemoryLimit) || in.Broken() {
			c.drop(ic) // its state may hold the memory, or it cannot run async code any more
			return
		}
		ic.release(in)
	}()
	return f()
}

// watch and unwatch register an instance whose code runs, for the heap watchdog.
func (c *Chain) watch(in *vm.Instance) {
	if c.opts.maxHeap > 0 {
		c.running.Store(in, struct{}{})
	}
}

func (c *Chain) unwatch(in *vm.Instance) {
	if c.opts.maxHeap > 0 {
		c.running.Delete(in)
	}
}

// snapshot returns the configs in chain order.
func (c *Chain) snapshot() ([]*installed, error) {
	list, _, err := c.snapshotLists()
	return list, err
}

// snapshotLists is snapshot with the lists that go with it.
func (c *Chain) snapshotLists() ([]*installed, *pluginLists, error) {
	v := c.view.Load()
	if v.closed {
		return nil, nil, ErrClosed
	}
	lists := v.lists.Load()
	if lists == nil {
		// Readers racing here build the same lists from the same configs.
		lists = newPluginLists(v.configs)
		v.lists.CompareAndSwap(nil, lists)
	}
	return v.configs, lists, nil
}

// chainView is the chain's configs and whether it is closed, as of one change.
type chainView struct {
	configs []*installed
	closed  bool
	// lists are the longest $plugins_* lists configs can give an event, built on first use
	// (attaching many configs must not rebuild them each time).
	lists atomic.Pointer[pluginLists]
}

// setConfigs replaces the chain's configs (under c.mu).
func (c *Chain) setConfigs(list []*installed) {
	c.configs = list
	c.view.Store(&chainView{configs: list, closed: c.closed})
}

// Configs returns the attached plugin configs in chain order.
func (c *Chain) Configs() []PluginConfig {
	list, _ := c.snapshot()
	out := make([]PluginConfig, len(list))
	for i, ic := range list {
		out[i] = ic.PluginConfig
	}
	return out
}

// Settings returns what the config's getSettings returned (zero values without one).
func (c *Chain) Settings(id int64) (Settings, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	ic := c.byID[id]
	if ic == nil || ic.Plugin == nil {
		return Settings{}, ErrUnknownConfig
	}
	ic.setup.mu.Lock()
	defer ic.setup.mu.Unlock()
	return ic.settings, nil
}

// Remove detaches a plugin config, waiting for its calls in progress, and runs teardownPlugin
// in each of its instances.
func (c *Chain) Remove(ctx context.Context, id int64) error {
	c.mu.Lock()
	ic := c.byID[id]
	if ic == nil || ic.Plugin == nil {
		c.mu.Unlock()
		return ErrUnknownConfig
	}
	delete(c.byID, id)
	c.setConfigs(without(c.configs, ic))
	c.mu.Unlock()
	err := c.teardown(ctx, ic)
	c.stats.Delete(id)
	return err
}

// Reload replaces the plugin config with cfg's id by cfg (new values, or a new version of the
// plugin): the new config is set up first, then swapped in, then the old one torn down: its
// export buffer is flushed and its calls in progress finish, and calls that were about to
// start move to the new config, so no event is dropped or processed twice. If setup fails
// (a RetryError included) the old config stays in place and the error is returned.
func (c *Chain) Reload(ctx context.Context, cfg PluginConfig) error {
	c.mu.Lock()
	old := c.byID[cfg.ID]
	if old == nil || old.Plugin == nil {
		c.mu.Unlock()
		return ErrUnknownConfig
	}
	seq := old.seq
	c.mu.Unlock()

	ic, err := c.install(ctx, cfg, seq, false)
	if err != nil {
		return err
	}
	c.mu.Lock()
	if c.closed || c.byID[cfg.ID] != old {
		c.mu.Unlock()
		_ = c.teardown(ctx, ic)
		if c.closed {
			return ErrClosed
		}
		return fmt.Errorf("plugchain: plugin config %d changed during reload", cfg.ID)
	}
	c.byID[cfg.ID] = ic
	c.setConfigs(insertSorted(without(c.configs, old), ic))
	c.mu.Unlock()
	return c.teardown(ctx, old)
}

func without(list []*installed, ic *installed) []*installed {
	out := make([]*installed, 0, len(list))
	for _, x := range list {
		if x != ic {
			out = append(out, x)
		}
	}
	return out
}

// teardown flushes ic's export buffer (while its instances can still export), marks it gone,
// then collects every one of its pool slots, waiting for calls in progress, and runs
// teardownPlugin in each instance.
func (c *Chain) teardown(ctx context.Context, ic *installed) error {
	var errs []error
	if err := c.flushExports(ctx, ic, true); err != nil {
		errs = append(errs, err)
	}
	ic.gone.Store(true)
	close(ic.goneCh)
	ic.setup.stop()
	for n := cap(ic.slots); n > 0; n-- {
		select {
		case ic.slots <- struct{}{}:
			// An empty slot, now reserved: no instance can be created in it.
		case in := <-ic.pool:
			ic.live.Add(-1)
			if ic.has["teardownPlugin"] {
				start := time.Now()
				_, _, err := in.Call(ctx, "teardownPlugin")
				c.observe(ic, "teardownPlugin", start, err)
				if err != nil {
					errs = append(errs, c.pluginError(ctx, ic, "teardownPlugin", err))
				}
			}
		case <-ctx.Done():
			return errors.Join(append(errs, fmt.Errorf("plugchain: tearing down %s: %w", ic.label, ctx.Err()))...)
		}
	}
	return errors.Join(errs...)
}

// Close shuts the chain down gracefully: it stops the scheduler, exports every buffered event,
// waits for background work in progress (jobs, exports, scheduled runs), then tears down every
// plugin config. Jobs the embedded queue holds for later cannot run any more; Close reports
// each of them (to the error handler and log sink) and returns an error counting them. A host
// queue keeps its jobs. The chain cannot be used afterwards.
func (c *Chain) Close(ctx context.Context) error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	c.setConfigs(c.configs) // publishes closed to events, which read the view
	close(c.stopWatch)
	list := c.configs
	c.mu.Unlock()
	c.stopScheduler()
	var errs []error
	// Exports first: a batch that fails with RetryError still reaches the queue.
	for _, ic := range list {
		if err := c.flushExports(ctx, ic, true); err != nil {
			errs = append(errs, err)
		}
	}
	var left []Job
	if c.local != nil {
		// Jobs already due run; the queue takes no new ones after this wait.
		if err := c.activity.wait(ctx); err != nil {
			errs = append(errs, err)
		}
		left = c.local.close()
	}
	if err := c.activity.wait(ctx); err != nil {
		errs = append(errs, err)
	}
	c.bgCancel()
	// Work stopped by the cancel reports itself as it ends; give it a moment to.
	grace, cancel := context.WithTimeout(context.Background(), time.Second)
	_ = c.activity.wait(grace)
	cancel()
	c.mu.Lock()
	c.setConfigs(nil)
	byID := c.byID
	c.byID = map[int64]*installed{}
	c.mu.Unlock()
	for _, job := range left {
		err := fmt.Errorf("job %q due at %s was not run: the chain closed", job.Type, job.RunAt.Format(time.RFC3339))
		if ic := byID[job.PluginConfigID]; ic != nil && ic.Plugin != nil {
			if job.Type == exportRetryJob && ic.has["exportEvents"] {
				n := 0
				if p, perr := ojson.ParseObject(job.Payload); perr == nil {
					batch, _ := getArray(p, "batch")
					n = len(batch)
				}
				ic.m.exportFailed.Add(1)
				ic.m.exportDropped.Add(uint64(n))
				c.pluginError(ctx, ic, "exportEvents", fmt.Errorf("a batch of %d events waiting for a retry was dropped: %w", n, err))
				continue
			}
			ic.m.jobsFailed.Add(1)
			c.pluginError(ctx, ic, "jobs."+job.Type, err)
		}
	}
	if len(left) > 0 {
		errs = append(errs, fmt.Errorf("%w: %d queued job(s) were due later", ErrJobNotRun, len(left)))
	}
	for _, ic := range list {
		if err := c.teardown(ctx, ic); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ErrJobNotRun matches (with errors.Is) the error of jobs the embedded queue still held when
// the chain closed.
var ErrJobNotRun = errors.New("plugchain: the chain closed before the job ran")

// WaitJobs waits until no background work is in progress or due: no job of the embedded queue
// due or running, no export and no scheduled task running. Jobs due later do not count (see
// QueuedJobs). Tests advance a fake clock and then call WaitJobs to see its effects.
func (c *Chain) WaitJobs(ctx context.Context) error {
	return c.activity.wait(ctx)
}

// QueuedJobs returns how many jobs the embedded queue holds (waiting for their time, or
// running); zero when the host runs its own queue.
func (c *Chain) QueuedJobs() int {
	if c.local == nil {
		return 0
	}
	waiting, running := c.local.counts()
	return waiting + running
}
