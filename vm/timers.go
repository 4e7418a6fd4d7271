package vm

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"time"

	"github.com/dop251/goja"
)

// Timers (setTimeout, setInterval, setImmediate) live within one call: a call does not end
// while a timeout it set is due before the call's deadline, so `await sleep(ms)` and
// fire-and-forget timeouts both run; intervals, and timeouts due after the deadline, are
// cancelled when the call ends, with a warning in the plugin's log. An unref'd timer neither
// holds its call open nor is warned about, as an unref'd timer does not keep Node running. There are no goroutines
// per timer: the instance's loop (runOne) runs the earliest due timer.

// maxTimerDelay is Node's TIMEOUT_MAX; longer or invalid delays become 1 ms, as in Node.
const maxTimerDelay = math.MaxInt32

type timer struct {
	id       int64
	due      time.Time
	seq      uint64 // orders timers due at the same time by creation
	interval time.Duration
	repeat   bool
	unref    bool // an unref'd timer does not keep its call open, as in Node
	fn       goja.Callable
	args     []goja.Value
	index    int // in the heap; -1 once removed
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *timerHeap) Push(x any) {
	t := x.(*timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	t.index = -1
	*h = old[:len(old)-1]
	return t
}

// timers is an instance's timer state, created on first use.
type timers struct {
	heap   timerHeap
	byID   map[int64]*timer
	nextID int64
	seq    uint64
	wake   *time.Timer
	// Timeout and Immediate are the classes of the objects setTimeout and setImmediate
	// return, as in Node (they convert to their id, so clearTimeout accepts either).
	timeoutClass, immediateClass *goja.Object
}

const timersSource = `(function (ctl) {
class Timeout {
    constructor(id, repeat) { Object.defineProperty(this, "__id", { value: id }); this._repeat = repeat }
    ref() { ctl(this.__id, "ref"); return this }
    unref() { ctl(this.__id, "unref"); return this }
    hasRef() { return ctl(this.__id, "hasRef") }
    refresh() { ctl(this.__id, "refresh"); return this }
    close() { clearTimeout(this); return this }
    [Symbol.toPrimitive]() { return this.__id }
}
class Immediate {
    constructor(id) { Object.defineProperty(this, "__id", { value: id }) }
    ref() { ctl(this.__id, "ref"); return this }
    unref() { ctl(this.__id, "unref"); return this }
    hasRef() { return ctl(this.__id, "hasRef") }
}
return { Timeout, Immediate }
})`

var timersProgram = builtinProgram("plugchain:timers", timersSource)

var timerGlobals = []string{"setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "queueMicrotask"}

func init() {
	for _, name := range timerGlobals {
		name := name
		registerGlobal(name, func(in *Instance) (goja.Value, error) {
			if err := in.installTimers(); err != nil {
				return nil, err
			}
			return in.rt.GlobalObject().Get(name), nil
		})
	}
}

// installTimers defines every timer global at once: they share state.
func (in *Instance) installTimers() error {
	if in.timers != nil {
		return nil
	}
	build, err := in.rt.RunProgram(timersProgram())
	if err != nil {
		return err
	}
	buildFn, _ := goja.AssertFunction(build)
	classes, err := buildFn(goja.Undefined(), in.rt.ToValue(in.timerControl))
	if err != nil {
		return err
	}
	t := &timers{byID: map[int64]*timer{}}
	t.timeoutClass = classes.(*goja.Object).Get("Timeout").(*goja.Object)
	t.immediateClass = classes.(*goja.Object).Get("Immediate").(*goja.Object)
	in.timers = t
	set := func(repeat, immediate bool) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			fn, ok := goja.AssertFunction(call.Argument(0))
			if !ok {
				panic(in.nodeArgType("callback", "function", call.Argument(0)))
			}
			var delay time.Duration
			var rest []goja.Value
			if immediate {
				rest = call.Arguments[min(1, len(call.Arguments)):]
			} else {
				delay = timerDelay(call.Argument(1))
				rest = call.Arguments[min(2, len(call.Arguments)):]
			}
			id := in.addTimer(fn, append([]goja.Value(nil), rest...), delay, repeat)
			if immediate {
				obj, err := in.rt.New(t.immediateClass, in.rt.ToValue(id))
				if err != nil {
					panic(err)
				}
				return obj
			}
			obj, err := in.rt.New(t.timeoutClass, in.rt.ToValue(id), in.rt.ToValue(repeat))
			if err != nil {
				panic(err)
			}
			return obj
		}
	}
	clear := func(call goja.FunctionCall) goja.Value {
		in.clearTimer(call.Argument(0))
		return goja.Undefined()
	}
	in.defineGlobal("setTimeout", in.rt.ToValue(set(false, false)))
	in.defineGlobal("setInterval", in.rt.ToValue(set(true, false)))
	in.defineGlobal("setImmediate", in.rt.ToValue(set(false, true)))
	for _, name := range []string{"clearTimeout", "clearInterval", "clearImmediate"} {
		in.defineGlobal(name, in.rt.ToValue(clear))
	}
	in.defineGlobal("queueMicrotask", in.rt.ToValue(func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(in.nodeArgType("callback", "function", call.Argument(0)))
		}
		// A resolved promise's reaction is a microtask; a throw fails the call, as an
		// uncaught exception would end a Node process.
		p, resolve, _ := in.rt.NewPromise()
		_ = resolve(goja.Undefined())
		then, _ := goja.AssertFunction(in.rt.ToValue(p).(*goja.Object).Get("then"))
		_, err := then(in.rt.ToValue(p), in.rt.ToValue(func(goja.FunctionCall) goja.Value {
			if _, err := fn(goja.Undefined()); err != nil {
				in.failCall(err)
			}
			return goja.Undefined()
		}))
		if err != nil {
			panic(err)
		}
		return goja.Undefined()
	}))
	return nil
}

// timerControl serves the methods of Timeout and Immediate objects.
func (in *Instance) timerControl(call goja.FunctionCall) goja.Value {
	tm := in.timers.byID[call.Argument(0).ToInteger()]
	switch call.Argument(1).String() {
	case "hasRef":
		return in.rt.ToValue(tm != nil && !tm.unref)
	case "ref":
		if tm != nil {
			tm.unref = false
		}
	case "unref":
		if tm != nil {
			tm.unref = true
		}
	case "refresh":
		if tm != nil && tm.index >= 0 {
			t := in.timers
			t.seq++
			tm.due, tm.seq = time.Now().Add(tm.interval), t.seq
			heap.Fix(&t.heap, tm.index)
		}
	}
	return goja.Undefined()
}

// timerDelay converts a delay argument as Node does: not a number in [1, TIMEOUT_MAX] means 1.
func timerDelay(v goja.Value) time.Duration {
	ms := 1.0
	if v != nil && !goja.IsUndefined(v) {
		ms = v.ToFloat()
	}
	if !(ms >= 1 && ms <= maxTimerDelay) {
		ms = 1
	}
	return time.Duration(math.Trunc(ms)) * time.Millisecond
}

func (in *Instance) addTimer(fn goja.Callable, args []goja.Value, delay time.Duration, repeat bool) int64 {
	t := in.timers
	t.nextID++
	t.seq++
	tm := &timer{id: t.nextID, due: time.Now().Add(delay), seq: t.seq, interval: delay, repeat: repeat, fn: fn, args: args}
	heap.Push(&t.heap, tm)
	t.byID[tm.id] = tm
	return tm.id
}

// clearTimer cancels the timer a Timeout/Immediate object or id names; anything else is
// ignored, as in Node.
func (in *Instance) clearTimer(v goja.Value) {
	t := in.timers
	if t == nil || v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return
	}
	var id int64
	if obj, ok := v.(*goja.Object); ok {
		idv := obj.Get("__id")
		if idv == nil {
			return
		}
		id = idv.ToInteger()
	} else {
		id = v.ToInteger()
	}
	if tm, ok := t.byID[id]; ok {
		delete(t.byID, id)
		if tm.index >= 0 {
			heap.Remove(&t.heap, tm.index)
		}
	}
}

// nextTimer returns the earliest pending timer, or nil.
func (in *Instance) nextTimer() *timer {
	if in.timers == nil || len(in.timers.heap) == 0 {
		return nil
	}
	return in.timers.heap[0]
}

// timerWait returns a channel that fires when the earliest timer is due, and whether one
// is due already.
func (in *Instance) timerWait(next *timer) (<-chan time.Time, bool) {
	d := time.Until(next.due)
	if d <= 0 {
		return nil, true
	}
	t := in.timers
	if t.wake == nil {
		t.wake = time.NewTimer(d)
	} else {
		t.wake.Reset(d)
	}
	return t.wake.C, false
}

// stopTimerWait stops the wake-up timer after a wait that another event ended.
func (in *Instance) stopTimerWait() {
	if in.timers != nil && in.timers.wake != nil {
		in.timers.wake.Stop()
	}
}

// fireTimer runs a due timer's callback; an interval is rescheduled first, so the callback
// may clear it.
func (in *Instance) fireTimer(tm *timer) error {
	t := in.timers
	heap.Remove(&t.heap, tm.index)
	if tm.repeat {
		t.seq++
		tm.due, tm.seq = time.Now().Add(tm.interval), t.seq
		heap.Push(&t.heap, tm)
	} else {
		delete(t.byID, tm.id)
	}
	_, err := tm.fn(goja.Undefined(), tm.args...)
	return err
}

// timeoutDue reports whether a timeout (not an interval) is pending that is due before the
// call's deadline: the call waits for it.
func (in *Instance) timeoutDue(ctx context.Context) bool {
	if in.timers == nil {
		return false
	}
	deadline, limited := in.deadline, in.callTimeout > 0
	if d, ok := ctx.Deadline(); ok && (!limited || d.Before(deadline)) {
		deadline, limited = d, true
	}
	for _, tm := range in.timers.heap {
		if !tm.repeat && !tm.unref && (!limited || tm.due.Before(deadline)) {
			return true
		}
	}
	return false
}

// cancelTimers ends the call's timers; those that will not run now are reported in the
// plugin's log, because their work is lost.
func (in *Instance) cancelTimers() {
	t := in.timers
	if t == nil || len(t.heap) == 0 {
		return
	}
	var timeouts, intervals int
	for _, tm := range t.heap {
		tm.index = -1
		if tm.unref {
			continue // unref'd: the plugin said it need not run
		}
		if tm.repeat {
			intervals++
		} else {
			timeouts++
		}
	}
	t.heap = t.heap[:0]
	clear(t.byID)
	if timeouts+intervals == 0 {
		return
	}
	in.log("warn", fmt.Sprintf("plugchain: cancelled %d timeout(s) and %d interval(s) still pending when the call ended; timers cannot outlive the call that set them", timeouts, intervals))
}

// failCall makes the current call fail with err (an exception thrown where no plugin code can
// catch it, such as in a microtask callback): the next turn of the loop reports it.
func (in *Instance) failCall(err error) {
	if in.asyncErr == nil {
		in.asyncErr = err
	}
}
