package vm

import (
	"github.com/dop251/goja"
)

// The @posthog/plugin-contrib module: createBuffer, as the package (v0.0.5) defines it.
//
// Its flush timeout is a setTimeout, but in plugchain timers end with the call that set them
// (the package ran outside PostHog's VM, where they did not). So the buffer unrefs its timer
// (the host may then let the call end without waiting for it), and add() notices a timeout
// that a finished call took with it: if it is overdue the buffer flushes, as Node would have
// by then, otherwise it sets the timer again for the time left.

func init() {
	registerModule("@posthog/plugin-contrib", func(in *Instance) (goja.Value, error) {
		v, err := in.rt.RunProgram(contribProgram())
		if err != nil {
			return nil, err
		}
		factory, _ := goja.AssertFunction(v)
		host := in.rt.NewObject()
		if err := host.Set("timerPending", in.timerPending); err != nil {
			return nil, err
		}
		return factory(goja.Undefined(), host, in.rt.Get("setTimeout"), in.rt.Get("clearTimeout"))
	})
}

// timerPending reports whether the timeout object (or id) names a timer still scheduled.
func (in *Instance) timerPending(call goja.FunctionCall) goja.Value {
	t := in.timers
	if t == nil {
		return in.rt.ToValue(false)
	}
	v := call.Argument(0)
	if o, ok := v.(*goja.Object); ok {
		v = o.Get("__id")
		if v == nil {
			return in.rt.ToValue(false)
		}
	}
	_, ok := t.byID[v.ToInteger()]
	return in.rt.ToValue(ok)
}

var contribProgram = builtinProgram("plugchain:plugin-contrib", contribSource)

const contribSource = `(function (host, setTimeout, clearTimeout) {
'use strict'
const now = Date.now
function createBuffer(opts) {
    let due = 0
    const arm = (ms) => {
        due = now() + ms
        const t = setTimeout(() => void buffer.flush(), ms)
        if (t && typeof t.unref === 'function') t.unref()
        return t
    }
    const buffer = {
        _buffer: [],
        _timeout: null,
        _points: 0,
        _options: {
            limit: 10,
            timeoutSeconds: 60,
            ...opts,
        },
        add: (object, points = 1) => {
            // A timeout that ended with an earlier call.
            if (buffer._timeout && !host.timerPending(buffer._timeout)) {
                if (now() >= due) {
                    void buffer.flush()
                } else {
                    buffer._timeout = arm(due - now())
                }
            }
            // flush existing if adding would make us go over the limit
            if (buffer._points && buffer._points + points > buffer._options.limit) {
                void buffer.flush()
            }
            // add the object to the buffer
            buffer._points += points
            buffer._buffer.push(object)
            if (buffer._points > buffer._options.limit) {
                // flush (again?) if we are now over the limit
                void buffer.flush()
            } else if (!buffer._timeout) {
                // if not, make sure there's a flush timeout
                buffer._timeout = arm(buffer._options.timeoutSeconds * 1000)
            }
        },
        flush: async () => {
            if (buffer._timeout) {
                clearTimeout(buffer._timeout)
                buffer._timeout = null
            }
            if (buffer._buffer.length > 0 || buffer._points !== 0) {
                const oldBuffer = buffer._buffer
                const oldPoints = buffer._points
                buffer._buffer = []
                buffer._points = 0
                await buffer._options.onFlush?.(oldBuffer, oldPoints)
            }
        },
    }
    return buffer
}
const exports = {}
Object.defineProperty(exports, '__esModule', { value: true })
exports.createBuffer = createBuffer
return exports
})`
