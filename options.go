package plugchain

import (
	"runtime"
	"time"

	"github.com/plugchain/plugchain/memstore"
	"github.com/plugchain/plugchain/vm"
)

// DefaultTimeout is the time limit of one plugin call, as on PostHog.
const DefaultTimeout = 30 * time.Second

// Option configures a Chain.
type Option func(*options)

type options struct {
	storage  Storage
	cache    Cache
	geoip    GeoIP
	http     HTTPDoer
	logs     LogSink
	timeout  time.Duration
	poolSize int
	onError  func(*PluginError)
	maxOps   int
	maxHeap  uint64

	capturer   Capturer
	posthogAPI PostHogAPI
	location   *time.Location
	modules    map[string]vm.Members

	clock         Clock
	exportTimeout time.Duration
	queue         JobQueue
	retry         RetryPolicy
	noScheduler   bool
	observer      func(Measurement)
}

func defaultOptions() options {
	return options{
		storage:  memstore.NewStorage(),
		cache:    memstore.NewCache(),
		http:     NewHTTPClient(HTTPClientOptions{Timeout: DefaultTimeout}),
		logs:     SlogSink{},
		timeout:  DefaultTimeout,
		poolSize: runtime.GOMAXPROCS(0),
		clock:    systemClock{},
		retry:    DefaultRetryPolicy,
	}
}

// WithExportTimeout sets the time limit of exportEvents calls, which send whole batches and
// may need longer than other calls (default: the WithTimeout limit). A batch that runs out of
// time fails and is not retried: it may have been partly sent.
func WithExportTimeout(d time.Duration) Option { return func(o *options) { o.exportTimeout = d } }

// WithClock sets the clock the chain schedules by (jobs, retries, export buffer ages,
// scheduled tasks); tests pass a fake one such as plugchaintest.Clock.
func WithClock(clk Clock) Option { return func(o *options) { o.clock = clk } }

// WithJobQueue sends the jobs plugins queue (meta.jobs) and export retries to q instead of the
// embedded in-memory queue; the host runs each through Chain.RunJob when it is due.
func WithJobQueue(q JobQueue) Option { return func(o *options) { o.queue = q } }

// WithRetryPolicy sets how jobs and exportEvents batches that throw RetryError are retried
// (default DefaultRetryPolicy). Zero fields keep their defaults; a negative MaxRetries turns
// retries off.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(o *options) {
		switch {
		case p.MaxRetries > 0:
			o.retry.MaxRetries = p.MaxRetries
		case p.MaxRetries < 0:
			o.retry.MaxRetries = 0
		}
		if p.Initial > 0 {
			o.retry.Initial = p.Initial
		}
	}
}

// WithCapturer sets where posthog.capture sends events (default: the log sink, at level
// "info").
func WithCapturer(c Capturer) Option { return func(o *options) { o.capturer = c } }

// WithPostHogAPI enables posthog.api with the credentials api returns; without it,
// posthog.api calls reject.
func WithPostHogAPI(api PostHogAPI) Option { return func(o *options) { o.posthogAPI = api } }

// WithTimeZone sets the time zone plugin code runs in (Date's local time, toLocaleString).
// The default is UTC, as on PostHog's servers, whatever the host's zone.
func WithTimeZone(loc *time.Location) Option { return func(o *options) { o.location = loc } }

// WithModule lets plugins require or import name, getting an object with the given members:
// functions (vm.SyncFunc; vm.AsyncFunc or vm.ImmediateFunc for ones returning a promise),
// JSON-like values and nested vm.Members. A host module replaces a built-in one of the same
// name.
func WithModule(name string, members vm.Members) Option {
	return func(o *options) {
		if o.modules == nil {
			o.modules = map[string]vm.Members{}
		}
		o.modules[name] = members
	}
}

// WithStorage sets the backend of meta.storage and meta.utils.cursor (default: in memory).
func WithStorage(s Storage) Option { return func(o *options) { o.storage = s } }

// WithCache sets the backend of meta.cache (default: in memory).
func WithCache(c Cache) Option { return func(o *options) { o.cache = c } }

// WithGeoIP sets the backend of meta.geoip.locate (default: none, locate returns null).
func WithGeoIP(g GeoIP) Option { return func(o *options) { o.geoip = g } }

// WithHTTP sets the client that sends plugins' fetch requests, posthog.api calls and
// webhooks. The default is NewHTTPClient with a 30 s timeout, which refuses loopback, private,
// link-local and metadata addresses; use NewHTTPClient with AllowPrivateNetworks to reach
// them. A client of your own should not follow redirects (fetch follows them itself, checking
// each hop) and should set DisableCompression on its transport (fetch decodes bodies itself).
func WithHTTP(d HTTPDoer) Option { return func(o *options) { o.http = d } }

// WithLogSink sets where console output and plugin errors go (default: slog.Default()). Every
// plugin error is reported here as it happens, and also returned by the call that raised it.
func WithLogSink(l LogSink) Option { return func(o *options) { o.logs = l } }

// WithTimeout sets the time limit of each plugin call (default 30 s). The caller's context
// deadline applies too, whichever comes first.
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithPoolSize sets how many VM instances each plugin config may have (default GOMAXPROCS).
// Each instance runs setupPlugin once and has its own meta.global.
func WithPoolSize(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.poolSize = n
		}
	}
}

// WithErrorHandler registers a function called for every plugin error the chain records,
// in addition to returning it. It must be safe for concurrent use.
func WithErrorHandler(f func(*PluginError)) Option { return func(o *options) { o.onError = f } }

// WithMaxPendingOps bounds the host operations (storage and cache other than the in-memory
// defaults, fetch ...) one instance may have in flight; a plugin that starts more without
// awaiting them waits (default 64).
func WithMaxPendingOps(n int) Option { return func(o *options) { o.maxOps = n } }

// WithHeapLimit stops plugin calls when the process's heap grows past limit bytes: a plugin
// that allocates without bound gets a *MemoryLimitError instead of taking the host down, and
// its VM instance is replaced. The heap is the whole process's, sampled every few
// milliseconds while calls run, so set the limit well above what the host itself uses.
// Zero (the default) turns the watchdog off.
func WithHeapLimit(limit uint64) Option { return func(o *options) { o.maxHeap = limit } }
