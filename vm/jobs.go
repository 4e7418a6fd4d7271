package vm

import (
	"slices"

	"github.com/dop251/goja"
)

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

var jobsProgram = builtinProgram("plugchain:jobs", jobsSource)

func (h *JobsHost) toJS(in *Instance) goja.Value {
	host := in.rt.NewObject()
	_ = host.Set("enqueue", in.asyncFunction(h.Enqueue))
	_ = host.Set("runIn", in.syncFunction(h.RunIn))
	_ = host.Set("now", in.syncFunction(h.Now))
	f, err := in.rt.RunProgram(jobsProgram())
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

// lazyJobs stands for meta.jobs until a plugin first uses it, then hands every read to the
// real Proxy. Like the Proxy (whose only trap is get), it has no keys of its own and any name
// reads as a job.
type lazyJobs struct {
	in    *Instance
	host  *JobsHost
	proxy *goja.Object
	set   map[string]goja.Value // what plugins assign, which the Proxy's target would keep
	keys  []string
}

func (j *lazyJobs) Get(key string) goja.Value {
	if j.proxy == nil {
		j.proxy = j.host.toJS(j.in).(*goja.Object)
	}
	return j.proxy.Get(key)
}

func (j *lazyJobs) Set(key string, val goja.Value) bool {
	if j.set == nil {
		j.set = map[string]goja.Value{}
	}
	if _, ok := j.set[key]; !ok {
		j.keys = append(j.keys, key)
	}
	j.set[key] = val
	return true
}

func (j *lazyJobs) Has(key string) bool {
	_, ok := j.set[key]
	return ok
}

func (j *lazyJobs) Delete(key string) bool {
	if _, ok := j.set[key]; ok {
		delete(j.set, key)
		j.keys = slices.DeleteFunc(j.keys, func(k string) bool { return k == key })
	}
	return true
}

func (j *lazyJobs) Keys() []string { return append([]string(nil), j.keys...) }
