package vm

import "github.com/dop251/goja"

// JobsHost connects meta.jobs to the host. The object plugins see is the reference's: a Proxy
// giving every name a function that takes a payload and returns {runAt, runIn, runNow}, each
// an async function, so a bad unit rejects before anything is enqueued.
type JobsHost struct {
	// Enqueue receives the job's name, its payload (Undefined when none was given) and the
	// time to run it in Unix milliseconds (any value the plugin's date gave).
	Enqueue AsyncFunc
	// RunIn receives a unit as the reference spells it (a trailing "s" added) and an amount
	// and returns the Unix milliseconds that far from now, or an error for an unknown unit.
	RunIn SyncFunc
	// Now returns the current time in Unix milliseconds.
	Now SyncFunc
}

const jobsSource = `(function (host) {
return new Proxy({}, {
    get(target, key) {
        return function createTaskRunner(payload) {
            return {
                runAt: async function runAt(date) {
                    await host.enqueue(key.toString(), payload, date.valueOf())
                },
                runIn: async function runIn(duration, unit) {
                    unit = ` + "`${unit}${unit.endsWith('s') ? '' : 's'}`" + `
                    const timestamp = host.runIn(unit, duration * 1)
                    await host.enqueue(key.toString(), payload, timestamp)
                },
                runNow: async function runNow() {
                    await host.enqueue(key.toString(), payload, host.now())
                },
            }
        }
    },
})
})`

var jobsProgram = goja.MustCompile("plugchain:jobs", jobsSource, true)

func (h *JobsHost) toJS(in *Instance) goja.Value {
	host := in.rt.NewObject()
	_ = host.Set("enqueue", in.asyncFunction(h.Enqueue))
	_ = host.Set("runIn", in.syncFunction(h.RunIn))
	_ = host.Set("now", in.syncFunction(h.Now))
	f, err := in.rt.RunProgram(jobsProgram)
	if err != nil {
		panic(err)
	}
	build, _ := goja.AssertFunction(f)
	v, err := build(goja.Undefined(), host)
	if err != nil {
		panic(err)
	}
	return v
}
