package plugchain

import (
	"runtime"
	"runtime/metrics"
	"time"

	"github.com/plugchain/plugchain/vm"
)

// heapSampleEvery is how often the watchdog reads the heap size; reading it is cheap.
const heapSampleEvery = 5 * time.Millisecond

// heapMetric is the heap that survived the last GC: garbage from churn does not count, and a
// plugin that keeps allocating triggers GCs, so its growth shows quickly.
const heapMetric = "/gc/heap/live:bytes"

// watchHeap interrupts every running plugin call while the heap is above the limit. goja
// cannot account memory per runtime, so the watchdog cannot tell which call allocates; the
// calls it stops fail with a *MemoryLimitError and their instances are replaced.
func (c *Chain) watchHeap() {
	sample := []metrics.Sample{{Name: heapMetric}}
	t := time.NewTicker(heapSampleEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stopWatch:
			return
		case <-t.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() <= c.opts.maxHeap {
			continue
		}
		stopped := false
		c.running.Range(func(k, _ any) bool {
			k.(*vm.Instance).Interrupt(&MemoryLimitError{Limit: c.opts.maxHeap})
			stopped = true
			return true
		})
		if stopped {
			runtime.GC() // give back what the stopped calls held before sampling again
		}
	}
}
