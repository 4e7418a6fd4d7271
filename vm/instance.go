package vm

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"path"
	"reflect"
	"sync"
	"time"
	"weak"

	"github.com/dop251/goja"
	"github.com/dop251/goja/unistring"

	"github.com/plugchain/plugchain/ojson"
)

// DefaultMaxPendingOps bounds the AsyncFunc operations (storage, cache, fetch ...) one instance
// may have in flight. A plugin that starts more without awaiting them waits for earlier ones to
// finish, so forgotten promises cannot pile up.
const DefaultMaxPendingOps = 64

// DefaultMaxCallStackSize is close to Node's default depth for simple recursive functions.
const DefaultMaxCallStackSize = 10000

// AsyncFunc is a host operation exposed to plugins as a function returning a promise. It runs on
// its own goroutine under the calling plugin function's context. Arguments arrive as ojson
// values (Undefined for undefined); the result is converted back with ToJS.
type AsyncFunc func(ctx context.Context, args []any) (any, error)

// ImmediateFunc is a host operation exposed like an AsyncFunc, as a function returning a
// promise, that runs at once on the instance's goroutine instead of its own: for operations that
// never block (in-memory stores), it saves the hand-over to another goroutine and back, and
// operations run in the order the plugin starts them. Its promise still settles in a later turn
// of the instance's loop, as a server's reply would. It must not block: the call's time limit
// cannot interrupt Go code.
type ImmediateFunc func(ctx context.Context, args []any) (any, error)

// SyncFunc is a host function that returns its result directly. It runs on the instance's
// goroutine and must not block.
type SyncFunc func(args []any) (any, error)

// HTTPDoer sends HTTP requests; *http.Client implements it.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// Undefined stands for JavaScript's undefined among the arguments of an AsyncFunc, ImmediateFunc
// or SyncFunc.
var Undefined = undefinedValue{}

type undefinedValue struct{}

// Options configures a new Instance.
type Options struct {
	// Meta describes the plugin's meta object, except global, which each instance creates:
	// ojson values, AsyncFunc, ImmediateFunc, SyncFunc, Value, and nested Members or
	// map[string]any.
	Meta Members
	// Log receives console output: level is "log", "info", "warn", "error" or "debug".
	Log func(level, msg string)
	// MaxPendingOps overrides DefaultMaxPendingOps.
	MaxPendingOps int
	// MaxCallStackSize overrides DefaultMaxCallStackSize.
	MaxCallStackSize int
	// Timeout limits every call (running the plugin's top-level code included), on top of the
	// deadline of the call's context; zero means no limit of its own.
	Timeout time.Duration
	// Globals are host-provided globals (posthog, for example), built on first use.
	Globals map[string]Members
	// Modules are host-provided modules plugins may require or import, built on first use.
	// They take precedence over built-in modules of the same name.
	Modules map[string]Members
	// HTTP sends the requests of fetch. Nil makes fetch fail.
	HTTP HTTPDoer
	// Location is the time zone plugin code sees (Date, toLocaleString); nil means UTC.
	Location *time.Location
	// PostHog connects the posthog global to the host; nil makes its functions reject.
	PostHog *PostHogHost
	// Created, if set, is called with the instance before the plugin's top-level code runs,
	// so a host watchdog can interrupt that code too.
	Created func(*Instance)
}

// Instance is one JavaScript runtime that ran a plugin's code. It must be used by one
// goroutine at a time.
type Instance struct {
	prog *Program
	rt   *goja.Runtime
	// levels is the exporter's stack of event levels being converted, kept between calls.
	levels []*lazyObject
	fns    map[string]goja.Callable
	jobs   *goja.Object
	// Host-provided globals and modules, and the modules required so far.
	hostGlobals map[string]Members
	hostModules map[string]Members
	modules     map[string]goja.Value
	http        HTTPDoer
	loc         *time.Location
	posthog     *PostHogHost
	// errorProto is Error.prototype, taken before plugin code could replace Error.
	errorProto *goja.Object
	// objectProto is Object.prototype, and objectProtoOwn where goja keeps its own string
	// properties (nil if that cannot be found): converting an event asks whether it has a
	// toJSON, and asking goja costs a lookup through every wrapper.
	objectProto    *goja.Object
	objectProtoOwn *map[unistring.String]goja.Value
	// arrayProtoOwn is where goja keeps Array.prototype's own string properties.
	arrayProtoOwn *map[unistring.String]goja.Value
	// stack is where goja keeps its value stack, stackBuf the one the instance lends it
	// (see lendStack).
	stack    *[]goja.Value
	stackBuf []goja.Value
	// proxyCtor is where goja keeps its Proxy constructor, once made (see mayHaveProxies).
	proxyCtor **goja.Object
	// eventArgs holds the arguments of an event function during its call.
	eventArgs [2]goja.Value

	meta    *goja.Object
	log     func(level, msg string)
	maxOps  int
	timeout time.Duration
	// callTimeout is the current call's limit: timeout, or what CallWithTimeout asked for
	// (nextTimeout until the call starts).
	callTimeout, nextTimeout time.Duration

	// Per call: the caller's context, the deadline the timeout sets, and the context host
	// operations run under (made on the first operation, as most calls start none).
	callCtx  context.Context
	deadline time.Time
	opCtx    context.Context
	opCancel context.CancelFunc
	expired  chan struct{} // closed when the call is interrupted; guarded by imu

	// created is the instance's origin on the monotonic clock, from which deadlines are
	// kept as durations.
	created time.Time

	// inflight counts the current call's host operations whose completion has not run yet;
	// stale counts those of earlier, interrupted calls. Touched only by the goroutine using
	// the instance.
	inflight    int
	stale       int
	completions chan completion
	// turns are callbacks the loop runs before any timer or completion (stream's nextTick
	// queue), in order; they belong to the current call.
	turns []func()
	// endHooks run as each call ends, told whether it failed (see atCallEnd).
	endHooks   []func(failed bool)
	generation uint64

	// timers of the current call, created on first use; asyncErr is an exception thrown
	// where no plugin code could catch it (a microtask), which fails the call.
	timers   *timers
	asyncErr error
	// broken is set when the runtime can no longer be trusted (see Broken).
	broken bool

	// imu guards the interrupt hand-over between a call and its deadline timer.
	imu     sync.Mutex
	armed   bool
	pending bool
	cause   error  // why the current call was interrupted
	armSeq  uint64 // counts guarded stretches; see armCall
	// due is the current stretch's deadline (since created; 0 for none). timer interrupts
	// a call that runs past it; timerOn says the timer is set to fire at timerAt (see
	// armCall).
	due     time.Duration
	timer   *time.Timer
	timerAt time.Duration
	timerOn bool
}

// atCallEnd registers f to run at the end of every call, after the interrupt is cleared, with
// whether the call failed: modules use it to reset JavaScript state an interrupt can leave
// half-changed (finally blocks do not run on an interrupt).
func (in *Instance) atCallEnd(f func(failed bool)) {
	in.endHooks = append(in.endHooks, f)
}

// runEndHook runs one end-of-call hook; a hook that fails breaks the instance rather than the
// host.
func (in *Instance) runEndHook(f func(failed bool), failed bool) {
	defer func() {
		if recover() != nil {
			in.broken = true
		}
	}()
	f(failed)
}

// queueTurn makes the loop run f as its next step, before timers and host completions, the
// way Node runs process.nextTick callbacks before timers. Turns left when the call ends are
// dropped; atCallEnd hooks clean up after them.
func (in *Instance) queueTurn(f func()) {
	in.turns = append(in.turns, f)
}

type completion struct {
	generation uint64
	run        func()
}

// New creates a runtime, runs the plugin's top-level code under ctx and discovers its exports.
func New(ctx context.Context, p *Program, opts Options) (in *Instance, err error) {
	in = &Instance{
		prog:    p,
		created: time.Now(),
		rt:      goja.New(),
		fns:     map[string]goja.Callable{},
		log:     opts.Log,
		maxOps:  opts.MaxPendingOps,
		timeout: opts.Timeout,
		expired: make(chan struct{}),

		hostGlobals: opts.Globals,
		hostModules: opts.Modules,
		http:        opts.HTTP,
		loc:         opts.Location,
		posthog:     opts.PostHog,
	}
	if in.loc == nil {
		in.loc = time.UTC
	}
	if in.maxOps <= 0 {
		in.maxOps = DefaultMaxPendingOps
	}
	if in.log == nil {
		in.log = func(string, string) {}
	}
	in.completions = make(chan completion, in.maxOps)
	in.stack, in.proxyCtor = gojaStack(in.rt), gojaProxyCtor(in.rt)
	stack := opts.MaxCallStackSize
	if stack <= 0 {
		stack = DefaultMaxCallStackSize
	}
	in.rt.SetMaxCallStackSize(stack)
	if err := in.installLazyGlobals(); err != nil {
		return nil, err
	}
	in.installLang()
	in.installIntl()
	meta, err := in.buildMeta(opts.Meta)
	if err != nil {
		return nil, err
	}
	in.meta = meta

	in.errorProto = in.rt.Get("Error").(*goja.Object).Get("prototype").(*goja.Object)
	in.objectProto = in.rt.NewObject().Prototype()
	in.objectProtoOwn = ownValues(in.objectProto)
	in.arrayProtoOwn = ownValues(in.rt.NewArray().Prototype())
	if opts.Created != nil {
		opts.Created(in)
	}
	err = in.run(ctx, func() error {
		wrapper, err := in.rt.RunProgram(p.prog)
		if err != nil {
			return err
		}
		fn, _ := goja.AssertFunction(wrapper)
		exports := in.rt.NewObject()
		module := in.rt.NewObject()
		_ = module.Set("exports", exports)
		dir := path.Dir(p.file)
		found, err := fn(goja.Undefined(), exports, module, in.rt.ToValue(in.require), in.rt.ToValue(p.file), in.rt.ToValue(dir))
		if err != nil {
			return err
		}
		// Discovery reads the exports, which may be getters that run plugin code.
		if o, ok := found.(*goja.Object); ok {
			in.discover(o)
		} else {
			// The plugin's top level returned early: only what it exported so far counts.
			in.discover(in.rt.NewArray(exports, module.Get("exports"), in.rt.NewObject()))
		}
		return in.drain(ctx)
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// discover finds the plugin's functions as PostHog does: the first of exports, exports.default
// and module.exports (objects only, plus module.exports.default) with a truthy value under the
// name; a script that exported nothing falls back to its top-level functions.
func (in *Instance) discover(found *goja.Object) {
	var sources []*goja.Object
	addObject := func(v goja.Value) {
		if o, ok := v.(*goja.Object); ok && o.ClassName() != "Function" {
			sources = append(sources, o)
		}
	}
	exports := found.Get("0")
	addObject(exports)
	if o, ok := exports.(*goja.Object); ok {
		addObject(o.Get("default"))
	}
	// esbuild's CommonJS output replaces module.exports, so its default export lives there.
	if m, ok := found.Get("1").(*goja.Object); ok && m != exports {
		addObject(m)
		addObject(m.Get("default"))
	}
	anyKeys := false
	for _, s := range sources {
		if len(s.Keys()) > 0 {
			anyKeys = true
		}
	}
	if !anyKeys {
		sources = append(sources, found.Get("2").(*goja.Object))
	}
	for _, name := range Methods {
		for _, s := range sources {
			v := s.Get(name)
			if v == nil || !v.ToBoolean() {
				continue
			}
			if name == "jobs" {
				in.jobs, _ = v.(*goja.Object)
			} else if fn, ok := goja.AssertFunction(v); ok {
				in.fns[name] = fn
			}
			break
		}
	}
}

// jobsProbe queues a promise job and reports, once run, whether it ran.
var jobsProbe = builtinProgram("plugchain:jobs-probe", `(function () {
    let ran = false
    Promise.resolve().then(() => { ran = true })
    return () => ran
})()`)

// jobsRun reports whether the runtime still runs promise jobs. An interrupt or stack
// overflow inside an async function can leave goja's call stack non-empty, after which it
// never runs jobs again: such an instance must be replaced.
func (in *Instance) jobsRun() bool {
	v, err := in.rt.RunProgram(jobsProbe())
	if err != nil {
		return false
	}
	check, ok := goja.AssertFunction(v)
	if !ok {
		return false
	}
	ran, err := check(goja.Undefined())
	return err == nil && ran.ToBoolean()
}

// isUncatchable reports whether err ended the call without JavaScript being able to catch it.
func isUncatchable(err error) bool {
	var ie *goja.InterruptedError
	var so *goja.StackOverflowError
	return errors.As(err, &ie) || errors.As(err, &so)
}

// Broken reports whether the instance must be thrown away: after a stack overflow or an
// interrupt inside an async function goja may stop running promise jobs, so later async calls
// would hang until their timeout.
func (in *Instance) Broken() bool { return in.broken }

// Has reports whether the plugin defines the named function.
func (in *Instance) Has(name string) bool {
	_, ok := in.fns[name]
	return ok
}

// HasJob reports whether the plugin's jobs object defines the named job.
func (in *Instance) HasJob(name string) bool {
	if in.jobs == nil {
		return false
	}
	_, ok := goja.AssertFunction(in.jobs.Get(name))
	return ok
}

// Call runs the plugin function name with args (ojson values) and meta as the last argument,
// waits for the promise it may return, and converts the result with JSON semantics. The
// boolean result is false when the function returned undefined (or something JSON leaves out).
// Calling a function the plugin does not define is an error.
func (in *Instance) Call(ctx context.Context, name string, args ...any) (any, bool, error) {
	fn, ok := in.fns[name]
	if !ok {
		return nil, false, fmt.Errorf("plugin does not define %s", name)
	}
	var res any
	var present bool
	err := in.run(ctx, func() error {
		jsArgs := make([]goja.Value, 0, len(args)+1)
		for _, a := range args {
			jsArgs = append(jsArgs, ToJS(in.rt, a))
		}
		v, err := in.await(ctx, fn, append(jsArgs, in.meta)...)
		if err != nil {
			return err
		}
		res, present, err = FromJS(in.rt, v)
		return err
	})
	return res, present, err
}

// CallWithTimeout is Call with its own time limit instead of the instance's timeout (zero
// keeps the instance's).
func (in *Instance) CallWithTimeout(ctx context.Context, timeout time.Duration, name string, args ...any) (any, bool, error) {
	in.nextTimeout = timeout
	defer func() { in.nextTimeout = 0 }()
	return in.Call(ctx, name, args...)
}

// CallJob runs the job name from the plugin's jobs object with payload and meta.
func (in *Instance) CallJob(ctx context.Context, name string, payload any) error {
	if !in.HasJob(name) {
		return fmt.Errorf("plugin does not define job %q", name)
	}
	fn, _ := goja.AssertFunction(in.jobs.Get(name))
	return in.run(ctx, func() error {
		_, err := in.await(ctx, fn, ToJS(in.rt, payload), in.meta)
		return err
	})
}

// EventResult is what CallEvent returns.
type EventResult struct {
	// Value is the function's converted return value; Present is false for undefined.
	Value   any
	Present bool
	// Input is the event object as the plugin left it, including in-place changes. It is set
	// even when the call failed, because PostHog keeps such changes.
	Input *ojson.Object
	fresh [2]*ojson.Object
}

// Fresh reports whether o is an object of Value's first two levels (the event, its
// properties) that the call made: nothing else refers to it, so the caller may change it.
// Other levels of Value may be shared with the event the call was given.
func (r EventResult) Fresh(o *ojson.Object) bool {
	return o != nil && (o == r.fresh[0] || o == r.fresh[1])
}

// CallEvent runs an event function (processEvent, onEvent, composeWebhook ...) on ev. A plugin
// that has only processEventBatch gets its processEvent from it, as on PostHog.
//
// ev is converted lazily, as the plugin reads it, and copied level by level as the plugin
// changes it: ev itself is only read, during the call and after it (the plugin may keep the
// object), so it must not change afterwards. The results share the levels the plugin left
// unchanged with ev, and the caller must not change those either.
func (in *Instance) CallEvent(ctx context.Context, name string, ev *ojson.Object) (EventResult, error) {
	var res EventResult
	fn, ok := in.fns[name]
	batch := false
	if !ok && name == "processEvent" {
		fn, ok = in.fns["processEventBatch"]
		batch = ok
	}
	if !ok {
		return res, fmt.Errorf("plugin does not define %s", name)
	}
	err := in.run(ctx, func() (err error) {
		needInput := false
		var l *lazyObject
		defer func() {
			in.eventArgs = [2]goja.Value{}
			if x := recover(); x != nil {
				err = recoveredError(x)
			}
			if err != nil || needInput {
				// The event as the plugin left it: PostHog keeps in-place changes made
				// before a throw, a timeout or an unusable return value.
				res.Input = ev
				if l != nil {
					res.Input = in.readBack(l)
				}
			}
		}()
		l, jsEv := in.newLazy(ev)
		var arg goja.Value = jsEv
		if batch {
			arg = in.rt.NewArray(jsEv)
		}
		// The arguments go in a slice the instance keeps: goja copies them onto its stack,
		// except for a Proxy's trap, which keeps the slice itself.
		args := in.eventArgs[:]
		if in.mayHaveProxies() {
			args = []goja.Value{arg, in.meta}
		} else {
			in.eventArgs = [2]goja.Value{arg, in.meta}
		}
		v, err := in.await(ctx, fn, args...)
		if err != nil {
			return err
		}
		if batch {
			// (await processEventBatch([e]))?.[0]
			if o, isObj := v.(*goja.Object); isObj {
				v = o.Get("0")
			} else {
				v = goja.Undefined()
			}
		}
		if v == nil || !v.ToBoolean() {
			return nil // falsy, as JavaScript sees it (0n and NaN included): nothing returned
		}
		c := exporter{rt: in.rt, objs: in.levels[:0]}
		defer func() {
			// Also when a getter or toJSON throws: the stack must hold no event beyond the call.
			in.levels = c.objs[:0]
			clear(in.levels[:cap(in.levels)])
		}()
		c.hint(jsEv, l)
		res.Value, res.Present, err = c.value("", v, true)
		res.fresh = c.fresh
		if err != nil {
			return err
		}
		if _, isObj := res.Value.(*ojson.Object); !isObj && res.Present && res.Value != nil {
			needInput = true
		}
		return nil
	})
	return res, err
}

// run executes f with ctx's deadline and the instance's timeout wired to the runtime's
// interrupt, turns goja errors and Go panics into the package's errors, and leaves the runtime
// ready for the next call.
func (in *Instance) run(ctx context.Context, f func() error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	in.callCtx = ctx
	in.callTimeout = in.timeout
	if in.nextTimeout > 0 {
		in.callTimeout, in.nextTimeout = in.nextTimeout, 0
	}
	seq := in.armCall(in.callTimeout)
	var stop func() bool
	if ctx.Done() != nil {
		stop = context.AfterFunc(ctx, func() { in.interruptIf(seq, ctx.Err()) })
	}
	defer func() {
		if stop != nil {
			stop()
		}
		in.clearInterrupt()
		if x := recover(); x != nil {
			err = recoveredError(x)
		}
		in.cancelTimers()
		in.turns = nil
		for _, hook := range in.endHooks {
			in.runEndHook(hook, err != nil)
		}
		in.asyncErr = nil
		if err != nil && !in.broken && isUncatchable(err) && !in.jobsRun() {
			in.broken = true
		}
		if in.inflight > 0 {
			// Completions of this call that are still in flight must not run JavaScript
			// in a later call, nor keep a later call waiting.
			in.generation++
			in.stale += in.inflight
			in.inflight = 0
		}
		if in.opCancel != nil {
			in.opCancel()
			in.opCtx, in.opCancel = nil, nil
		}
		in.callCtx = nil
		if err != nil {
			err = in.scriptError(ctx, err)
		}
		in.clearStack()
	}()
	in.lendStack()
	return f()
}

// armCall starts a guarded stretch (a call, or host code reading plugin values): interrupts
// aimed at it may land until clearInterrupt, and the sequence number it returns keeps a late
// interrupt meant for an earlier stretch from stopping a later one. limit is the stretch's
// time limit (none if zero, which the call timer then leaves alone), and armCall makes sure
// the timer will fire by its deadline. The timer is not stopped when a call ends: a call
// that starts while it is pending for a later time than the new deadline needs nothing done
// to it, and a firing finds the current call, if any, and interrupts it if its deadline has
// passed or waits for the rest of it. That keeps resetting and stopping a timer, and most
// clock readings, off each call.
func (in *Instance) armCall(limit time.Duration) uint64 {
	var due time.Duration
	if limit > 0 {
		now := time.Since(in.created) // monotonic, as timers are
		due = now + limit
		if due < now {
			due = math.MaxInt64 // a limit of centuries: none, in effect
		}
		in.deadline = in.created.Add(due)
	}
	in.imu.Lock()
	defer in.imu.Unlock()
	in.armSeq++
	in.armed = true
	in.due = due
	switch {
	case limit <= 0:
	case in.timer == nil:
		// The timer holds the instance weakly: a pending firing must not keep a dropped
		// instance, and its runtime, in memory.
		w := weak.Make(in)
		in.timer = time.AfterFunc(limit, func() {
			if in := w.Value(); in != nil {
				in.timerFired()
			}
		})
		in.timerAt, in.timerOn = due, true
	case !in.timerOn || due < in.timerAt:
		in.timer.Reset(limit)
		in.timerAt, in.timerOn = due, true
	}
	return in.armSeq
}

// timerFired interrupts the current call if its deadline has passed, or sets the timer for
// its deadline. With no call running, or one without a limit, the timer stays off.
func (in *Instance) timerFired() {
	in.imu.Lock()
	defer in.imu.Unlock()
	in.timerOn = false
	if !in.armed || in.due == 0 {
		return
	}
	if left := in.due - time.Since(in.created); left > 0 {
		in.timer.Reset(left)
		in.timerAt, in.timerOn = in.due, true
		return
	}
	in.interruptLocked(context.DeadlineExceeded)
}

// interruptIf interrupts the stretch seq, if it is still running.
func (in *Instance) interruptIf(seq uint64, cause error) {
	in.imu.Lock()
	defer in.imu.Unlock()
	if in.armSeq == seq {
		in.interruptLocked(cause)
	}
}

func (in *Instance) interruptLocked(cause error) {
	if !in.armed || in.pending {
		return
	}
	in.pending = true
	in.cause = cause
	in.rt.Interrupt(cause)
	close(in.expired)
}

// Interrupt stops the call running on the instance, if there is one, making cause its
// error. It is safe to call from any goroutine (a host's watchdog, for example).
func (in *Instance) Interrupt(cause error) {
	in.imu.Lock()
	defer in.imu.Unlock()
	in.interruptLocked(cause)
}

// guardLimit bounds host code that reads plugin values after a call (an event's toJSON, an
// error's getters), in case that JavaScript loops.
const guardLimit = 100 * time.Millisecond

// errGuard interrupts such code.
var errGuard = errors.New("plugin code run while reading its result took too long")

// guarded runs f, which may run plugin JavaScript (getters, toString, toJSON), under a short
// deadline of its own and with panics (throws included) recovered. It reports whether f
// finished. It ends any guarded stretch in progress, so it runs only at the end of a call.
func (in *Instance) guarded(f func()) (ok bool) {
	in.clearInterrupt() // an interrupt of the call must not disable this guard
	seq := in.armCall(0)
	t := time.AfterFunc(guardLimit, func() { in.interruptIf(seq, errGuard) })
	defer func() {
		t.Stop()
		in.clearInterrupt()
		if recover() != nil {
			ok = false
		}
	}()
	f()
	return true
}

// operationContext is the context host operations of the current call run under: the
// caller's, limited by the instance's timeout.
func (in *Instance) operationContext() context.Context {
	if in.opCtx == nil {
		if in.callTimeout > 0 {
			in.opCtx, in.opCancel = context.WithDeadline(in.callCtx, in.deadline)
		} else {
			in.opCtx, in.opCancel = context.WithCancel(in.callCtx)
		}
	}
	return in.opCtx
}

// readBack returns the event a failed call left behind; values that cannot be converted (a
// cycle, a BigInt, a toJSON that throws or loops) are left out.
func (in *Instance) readBack(l *lazyObject) *ojson.Object {
	var o *ojson.Object
	in.guarded(func() {
		c := exporter{rt: in.rt, lenient: true}
		o, _ = c.materialize(l)
	})
	if o == nil {
		o = ojson.NewObject(0)
	}
	return o
}

// clearInterrupt disarms the deadline hand-over and clears an interrupt it may have set, so
// the runtime can run JavaScript again.
func (in *Instance) clearInterrupt() {
	in.imu.Lock()
	in.armed = false
	fired := in.pending
	in.pending = false
	in.cause = nil
	if fired {
		in.expired = make(chan struct{})
	}
	in.imu.Unlock()
	if fired {
		in.rt.ClearInterrupt()
	}
}

// await calls fn and, if it returns a promise, runs the instance's loop until the promise
// settles, then until host operations the plugin did not await have finished.
func (in *Instance) await(ctx context.Context, fn goja.Callable, args ...goja.Value) (goja.Value, error) {
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		return nil, err
	}
	var p *goja.Promise
	// ExportType first: Export of a plain object would convert all of it.
	if o, ok := v.(*goja.Object); ok && o.ExportType() == promiseType {
		p, _ = o.Export().(*goja.Promise)
	}
	isPromise := p != nil
	for isPromise && p.State() == goja.PromiseStatePending {
		if err := in.runOne(ctx); err != nil {
			return nil, err
		}
	}
	if err := in.drain(ctx); err != nil {
		return nil, err
	}
	if !isPromise {
		return v, nil
	}
	if p.State() == goja.PromiseStateRejected {
		return nil, in.thrown(p.Result(), nil)
	}
	return p.Result(), nil
}

var promiseType = reflect.TypeOf((*goja.Promise)(nil))

// drain runs the loop until the call's host operations have finished and no timeout it set
// is due before its deadline, so work a plugin started without awaiting it is not lost.
func (in *Instance) drain(ctx context.Context) error {
	for in.inflight > 0 || len(in.turns) > 0 || in.timeoutDue(ctx) || in.asyncErr != nil {
		if err := in.runOne(ctx); err != nil {
			return err
		}
	}
	return nil
}

// runOne waits for one host operation to complete or one timer to be due, and runs its
// continuation or callback; a completion of an earlier call is dropped. With nothing in
// flight for this call and no timer, the promise it waits for can never settle: it waits for
// the deadline, as the reference server did, so the outcome is the same typed timeout.
func (in *Instance) runOne(ctx context.Context) error {
	in.lendStack()
	if err := in.asyncErr; err != nil {
		in.asyncErr = nil
		return err
	}
	if len(in.turns) > 0 {
		t := in.turns[0]
		in.turns = in.turns[1:]
		t()
		return in.takeAsyncErr()
	}
	in.imu.Lock()
	expired := in.expired
	in.imu.Unlock()
	completions := in.completions
	if in.inflight+in.stale == 0 {
		completions = nil // nothing will arrive
	}
	var wake <-chan time.Time
	next := in.nextTimer()
	if next != nil {
		var due bool
		if wake, due = in.timerWait(next); due {
			if err := ctx.Err(); err != nil {
				return err
			}
			return in.fireTimer(next)
		}
	}
	select {
	case c := <-completions:
		in.stopTimerWait()
		if c.generation != in.generation {
			in.stale--
			return nil
		}
		in.inflight--
		c.run()
		return in.takeAsyncErr()
	case <-wake:
		return in.fireTimer(next)
	case <-ctx.Done():
		in.stopTimerWait()
		return ctx.Err()
	case <-expired:
		in.stopTimerWait()
		return in.interruptCause(ctx)
	}
}

func (in *Instance) takeAsyncErr() error {
	err := in.asyncErr
	in.asyncErr = nil
	return err
}

// interruptCause is the error of an interrupted call: the caller's context's, or the timeout.
func (in *Instance) interruptCause(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	in.imu.Lock()
	defer in.imu.Unlock()
	if in.cause != nil {
		return in.cause
	}
	return context.DeadlineExceeded
}

var errNoCallContext = errors.New("host function called outside a plugin call")
