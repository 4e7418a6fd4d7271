package plugchain

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/plugchain/plugchain/ojson"
	"github.com/plugchain/plugchain/vm"
)

// exportBuffer collects a config's events for exportEvents, as PostHog's createBuffer did:
// flushed when adding an event would pass the size limit (the JSON length of the events), and
// when the oldest event has waited the configured seconds.
type exportBuffer struct {
	limit  int
	age    time.Duration
	ignore map[string]bool // exportEventsToIgnore

	mu     sync.Mutex
	events []any
	bytes  int
	timer  Timer
	closed bool
}

// newExportBuffer reads exportEventsToIgnore, exportEventsBufferBytes and
// exportEventsBufferSeconds from the config's values with the reference's parseInt and clamps: 1 B to 100 MiB (default 1 MiB),
// 1 to 600 s (default 10 s).
func newExportBuffer(values *ojson.Object) *exportBuffer {
	setting := func(key string, def, max float64) float64 {
		v, ok := values.Get(key)
		n := math.NaN()
		if ok {
			n = jsParseInt(jsString(v))
		}
		if math.IsNaN(n) {
			n = def
		}
		return math.Max(1, math.Min(n, max))
	}
	b := &exportBuffer{
		limit:  int(setting("exportEventsBufferBytes", 1<<20, 100<<20)),
		age:    time.Duration(setting("exportEventsBufferSeconds", 10, 600)) * time.Second,
		ignore: map[string]bool{},
	}
	// As the reference: split on commas and trim, when the value is truthy.
	if v, _ := values.Get("exportEventsToIgnore"); truthy(v) {
		for _, name := range strings.Split(jsString(v), ",") {
			b.ignore[strings.TrimSpace(name)] = true
		}
	}
	return b
}

// jsParseInt is JavaScript's parseInt(s) without a radix.
func jsParseInt(s string) float64 {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10.0
	if len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		base, s = 16, s[2:]
	}
	n, digits := 0.0, 0
	for _, r := range s {
		d := -1
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case base == 16 && r >= 'a' && r <= 'f':
			d = int(r-'a') + 10
		case base == 16 && r >= 'A' && r <= 'F':
			d = int(r-'A') + 10
		}
		if d < 0 {
			break
		}
		n = n*base + float64(d)
		digits++
	}
	if digits == 0 {
		return math.NaN()
	}
	if neg {
		n = -n
	}
	return n
}

// jsonLength is JSON.stringify(v).length: the JSON text's length in UTF-16 code units.
func jsonLength(v any) int {
	bp := jsonBufs.Get().(*[]byte)
	b, err := ojson.AppendJSON((*bp)[:0], v)
	n := 0
	if err == nil {
		for _, c := range b {
			// One unit per UTF-8 sequence, two for those of four bytes (surrogate pairs).
			if c&0xC0 != 0x80 {
				n++
				if c >= 0xF0 {
					n++
				}
			}
		}
	}
	if cap(b) <= 1<<20 {
		*bp = b
		jsonBufs.Put(bp)
	}
	return n
}

var jsonBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// add buffers ev (size in JSON length) and returns the batches that must be exported now.
// flush is what the age timer calls.
func (b *exportBuffer) add(c *Chain, ev any, size int, flush func()) (batches [][]any, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, false
	}
	if b.bytes > 0 && b.bytes+size > b.limit {
		batches = append(batches, b.takeLocked())
	}
	b.events = append(b.events, ev)
	b.bytes += size
	if b.bytes > b.limit {
		batches = append(batches, b.takeLocked())
	} else if b.timer == nil {
		b.timer = c.opts.clock.AfterFunc(b.age, flush)
	}
	return batches, true
}

func (b *exportBuffer) takeLocked() []any {
	batch := b.events
	b.events, b.bytes = nil, 0
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	return batch
}

// take empties the buffer; close does too and refuses further events.
func (b *exportBuffer) take(close bool) []any {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = b.closed || close
	return b.takeLocked()
}

func (b *exportBuffer) buffered() int {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.events)
}

// bufferExport adds ev to ic's export buffer, starting the exports that fills.
func (c *Chain) bufferExport(ic *installed, ev *ojson.Object) {
	batches, ok := ic.export.add(c, ev, jsonLength(ev), func() { c.startExport(ic, ic.export.take(false)) })
	if !ok {
		// The config is being torn down: its replacement, if any, takes the event; otherwise
		// it is exported on its own while the old instances may still run.
		c.mu.RLock()
		next := c.byID[ic.ID]
		c.mu.RUnlock()
		if next != nil && next != ic && next.export != nil {
			c.bufferExport(next, ev)
			return
		}
		// Not the chain's background context: Close cancels that before tearing down. Close
		// waits for it as for other background work.
		c.activity.start()
		defer c.activity.done()
		_ = c.exportBatch(context.Background(), ic, []any{ev}, rand.IntN(1000000), 0, false)
		return
	}
	for _, b := range batches {
		c.startExport(ic, b)
	}
}

// startExport exports batch in the background; Close and teardown wait for it.
func (c *Chain) startExport(ic *installed, batch []any) {
	if len(batch) == 0 {
		return
	}
	c.activity.start()
	ic.exports.start()
	go func() {
		defer c.activity.done()
		defer ic.exports.done()
		_ = c.exportBatch(c.bgCtx, ic, batch, rand.IntN(1000000), 0, false)
	}()
}

// exportBatch calls exportEvents with batch. A RetryError queues the batch as an
// exportEventsWithRetry job after the retry policy's back-off (6 s, 12 s, 24 s ... by
// default); when the retries are used up, or for any other error, the batch is reported as
// failed and the error returned. A batch of a config waiting for a setup retry is queued for
// after it without using a retry. fromJob says the batch came from a retry job: if its next
// retry cannot be queued, the error matches ErrRetryNotQueued so the queue runs it again.
func (c *Chain) exportBatch(ctx context.Context, ic *installed, batch []any, batchID, retries int, fromJob bool) error {
	m := ic.m
	start := time.Now()
	err := c.withInstance(ctx, ic, func(ic *installed, in *vm.Instance) error {
		_, _, err := in.CallWithTimeout(ctx, c.opts.exportTimeout, "exportEvents", batch)
		return err
	})
	c.observe(ic, "exportEvents", start, err)
	if err == nil {
		m.exportBatches.Add(1)
		m.exportedEvents.Add(uint64(len(batch)))
		return nil
	}
	failed := func(err error) error {
		m.exportFailed.Add(1)
		m.exportDropped.Add(uint64(len(batch)))
		return c.pluginError(ctx, ic, "exportEvents", err)
	}
	wait, next := c.opts.retry.delay(retries+1), retries+1
	switch {
	case errors.Is(err, errConfigGone):
		return failed(fmt.Errorf("a batch of %d events could not be exported: the plugin config was removed", len(batch)))
	case errors.Is(err, errSetupPending) && ic.setup.hasFailed():
		return failed(fmt.Errorf("a batch of %d events could not be exported: %w", len(batch), ErrSetupFailed))
	case errors.Is(err, errSetupPending):
		wait, next = laterOf(ic.setupRetryAt(), c.opts.clock.Now()).Add(time.Second).Sub(c.opts.clock.Now()), retries
	case !isRetryError(err):
		return failed(err)
	case retries >= c.opts.retry.MaxRetries:
		c.pluginError(ctx, ic, "exportEvents", err)
		c.opts.logs.PluginLog(ctx, ic.src, "log", fmt.Sprintf("Dropped batch %d after retrying %d times", batchID, retries))
		return failed(fmt.Errorf("dropped a batch of %d events after retrying %d times: %w", len(batch), retries, err))
	default:
		c.pluginError(ctx, ic, "exportEvents", err)
	}
	payload := ojson.NewObject(3)
	payload.Set("batch", batch)
	payload.Set("batchId", float64(batchID))
	payload.Set("retriesPerformedSoFar", float64(next))
	body, merr := ojson.Marshal(payload)
	if merr != nil {
		return failed(merr)
	}
	job := Job{Type: exportRetryJob, Payload: body, RunAt: c.opts.clock.Now().Add(wait),
		PluginConfigID: ic.ID, TeamID: ic.TeamID, Retries: next}
	if qerr := c.enqueue(ctx, job); qerr != nil {
		if fromJob {
			return fmt.Errorf("%w: %w", ErrRetryNotQueued, qerr)
		}
		return failed(fmt.Errorf("queueing the retry of a batch: %w", qerr))
	}
	if next > retries {
		m.exportRetries.Add(1)
		c.opts.logs.PluginLog(ctx, ic.src, "log", fmt.Sprintf("Enqueued batch %d for retry in %ds", batchID, int(math.Round(wait.Seconds()))))
	}
	return nil
}

// runExportRetry runs an exportEventsWithRetry job.
func (c *Chain) runExportRetry(ctx context.Context, ic *installed, job Job) error {
	p, err := ojson.ParseObject(job.Payload)
	if err != nil {
		return c.pluginError(ctx, ic, "exportEvents", fmt.Errorf("exportEventsWithRetry payload is not a JSON object: %w", err))
	}
	batch, _ := getArray(p, "batch")
	retries := int(payloadNumber(p, "retriesPerformedSoFar"))
	return c.exportBatch(ctx, ic, batch, int(payloadNumber(p, "batchId")), retries, true)
}

// flushExports exports what ic's buffer holds and waits for its exports in flight. With
// closing, the buffer takes no more events.
func (c *Chain) flushExports(ctx context.Context, ic *installed, closing bool) error {
	if ic.export == nil {
		return nil
	}
	var err error
	if batch := ic.export.take(closing); len(batch) > 0 {
		err = c.exportBatch(ctx, ic, batch, rand.IntN(1000000), 0, false)
	}
	if werr := ic.exports.wait(ctx); werr != nil {
		return errors.Join(err, werr)
	}
	return err
}

// Flush exports every event waiting in exportEvents buffers now, and waits for the exports in
// progress. Batches whose export threw RetryError stay queued as jobs.
func (c *Chain) Flush(ctx context.Context) error {
	list, err := c.snapshot()
	if err != nil {
		return err
	}
	var errs []error
	for _, ic := range list {
		if err := c.flushExports(ctx, ic, false); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
