package plugchain_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/plugchaintest"
)

// start is the fake clock's time in these tests: a Tuesday, 10:20:30 UTC.
var start = time.Date(2024, 1, 30, 10, 20, 30, 0, time.UTC)

// jsPlugin loads a plugin whose index.js is src; plugin.json may add config fields.
func jsPlugin(t *testing.T, name, src string) *plugchain.Plugin {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plugin.json"), []byte(`{"name": "`+name+`"}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.js"), []byte(src), 0o644))
	p, err := plugchain.LoadPlugin(dir)
	require.NoError(t, err)
	return p
}

func add(t *testing.T, c *plugchain.Chain, cfg plugchain.PluginConfig) int64 {
	t.Helper()
	id, err := c.Add(context.Background(), cfg)
	require.NoError(t, err)
	return id
}

// recordingQueue is a host JobQueue that keeps what it is given.
type recordingQueue struct {
	mu   sync.Mutex
	jobs []plugchain.Job
	fail int // fail this many Enqueue calls first
}

func (q *recordingQueue) Enqueue(_ context.Context, job plugchain.Job) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.fail > 0 {
		q.fail--
		return errors.New("connection refused")
	}
	q.jobs = append(q.jobs, job)
	return nil
}

func (q *recordingQueue) take() []plugchain.Job {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.jobs
	q.jobs = nil
	return out
}

func waitJobs(t *testing.T, c *plugchain.Chain) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, c.WaitJobs(ctx))
}

// advance moves the clock forward a second at a time, letting the work each step starts
// finish before the next: jobs queued by jobs land at the time they expect.
func advance(t *testing.T, c *plugchain.Chain, clock *plugchaintest.Clock, d time.Duration) {
	t.Helper()
	advanceBy(t, c, clock, d, time.Second)
}

func advanceBy(t *testing.T, c *plugchain.Chain, clock *plugchaintest.Clock, d, step time.Duration) {
	t.Helper()
	for ; d > 0; d -= step {
		clock.Advance(min(d, step))
		waitJobs(t, c)
	}
}

func process(t *testing.T, c *plugchain.Chain, ev *plugchain.Event) (*plugchain.Event, error) {
	t.Helper()
	return c.ProcessEvent(context.Background(), ev)
}

func TestJobsEnqueueWithTheirTimes(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	q := &recordingQueue{}
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithJobQueue(q))
	id := add(t, c, plugchain.PluginConfig{TeamID: 7, Plugin: jsPlugin(t, "queuer", `
export async function processEvent(event, { jobs }) {
    const p = event.properties
    if (p.how === 'now') await jobs.send({ b: 2, a: [1] }).runNow()
    if (p.how === 'in') await jobs.send(p.payload).runIn(p.n, p.unit)
    if (p.how === 'at') await jobs.send().runAt(new Date(p.at))
    return event
}`)})
	cases := []struct {
		props   string
		at      time.Time
		payload string
	}{
		{`{"how":"now"}`, start, `{"b":2,"a":[1]}`},
		{`{"how":"in","n":90,"unit":"second","payload":"x"}`, start.Add(90 * time.Second), `"x"`},
		{`{"how":"in","n":2,"unit":"hours","payload":null}`, start.Add(2 * time.Hour), `null`},
		{`{"how":"in","n":1.5,"unit":"days","payload":1}`, start.Add(36 * time.Hour), `1`},
		{`{"how":"in","n":500,"unit":"millisecond","payload":1}`, start.Add(500 * time.Millisecond), `1`},
		{`{"how":"in","n":2,"unit":"weeks","payload":1}`, start.Add(14 * 24 * time.Hour), `1`},
		// Calendar months: January 30 + 1 month is the last day of February (2024 is a leap year).
		{`{"how":"in","n":1,"unit":"month","payload":1}`, time.Date(2024, 2, 29, 10, 20, 30, 0, time.UTC), `1`},
		{`{"how":"in","n":3,"unit":"months","payload":1}`, time.Date(2024, 4, 30, 10, 20, 30, 0, time.UTC), `1`},
		{`{"how":"in","n":1,"unit":"quarter","payload":1}`, start.Add(13 * 7 * 24 * time.Hour), `1`},
		{`{"how":"in","n":1,"unit":"year","payload":1}`, start.Add(365 * 24 * time.Hour), `1`},
		{`{"how":"at","at":"2030-05-06T07:08:09.250Z"}`, time.Date(2030, 5, 6, 7, 8, 9, 250e6, time.UTC), ``},
	}
	for _, tc := range cases {
		_, err := process(t, c, plugchaintest.Event(map[string]any{"properties": mustJSON(t, tc.props)}))
		require.NoError(t, err, tc.props)
		jobs := q.take()
		require.Len(t, jobs, 1, tc.props)
		job := jobs[0]
		assert.Equal(t, "send", job.Type)
		assert.Equal(t, id, job.PluginConfigID)
		assert.Equal(t, int64(7), job.TeamID)
		assert.Equal(t, tc.payload, string(job.Payload), tc.props)
		assert.True(t, tc.at.Equal(job.RunAt), "%s: runs at %s, want %s", tc.props, job.RunAt, tc.at)
		assert.Zero(t, job.Retries)
	}
}

func TestJobsBadUnitRejectsAtOnce(t *testing.T) {
	q := &recordingQueue{}
	c, logs := plugchaintest.Chain(t, plugchain.WithJobQueue(q))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "units", `
export async function processEvent(event, { jobs }) {
    for (const unit of ['fortnight', 'sec', 'S']) {
        try { await jobs.later({}).runIn(1, unit) } catch (e) { console.log(e.name + ': ' + e.message) }
    }
    try { await jobs.later({}).runIn(1) } catch (e) { console.log(e.name) }
    return event
}`)})
	_, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	assert.Empty(t, q.take(), "nothing is enqueued")
	assert.Equal(t, []string{
		"units log: Error: Unknown time unit: fortnights",
		"units log: Error: Unknown time unit: secs",
		"units log: Error: Unknown time unit: Ss",
		"units log: TypeError",
	}, logs.Lines())
}

func mustJSON(t *testing.T, s string) any {
	t.Helper()
	ev, err := plugchain.ParseEvent([]byte(`{"v":` + s + `}`))
	require.NoError(t, err)
	v, _ := ev.Object().Get("v")
	return v
}

func TestEmbeddedQueueRunsJobsWhenDue(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "later", `
export const jobs = {
    remind: async (payload, { config, global }) => { console.log('remind', payload.who, typeof global) },
}
export async function processEvent(event, { jobs }) {
    await jobs.remind({ who: event.distinct_id }).runIn(10, 'minutes')
    await jobs.remind({ who: 'now' }).runNow()
    return event
}`)})
	_, err := process(t, c, plugchaintest.Event(map[string]any{"distinct_id": "ann"}))
	require.NoError(t, err)
	waitJobs(t, c)
	assert.Equal(t, []string{"later log: remind now object"}, logs.Lines())
	assert.Equal(t, 1, c.QueuedJobs())

	clock.Advance(9*time.Minute + 59*time.Second)
	waitJobs(t, c)
	assert.Len(t, logs.Lines(), 1, "not due yet")
	clock.Advance(time.Second)
	waitJobs(t, c)
	assert.Equal(t, "later log: remind ann object", logs.Lines()[1])
	assert.Zero(t, c.QueuedJobs())
	st := c.Status()[0]
	assert.Equal(t, uint64(2), st.Counters.JobsQueued)
	assert.Equal(t, uint64(2), st.Counters.JobsSucceeded)
	assert.Equal(t, uint64(2), st.Durations["jobs.remind"].Count)
}

func TestJobRetryErrorBacksOff(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "flaky", `
export const jobs = {
    sync: async (payload, { cache }) => {
        const tries = await cache.incr('tries') // instances have their own module state
        console.log('try', tries)
        if (tries < 3) throw new RetryError('upstream busy')
    },
}
export async function processEvent(event, { jobs }) {
    await jobs.sync({}).runNow()
    return event
}`)})
	_, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	waitJobs(t, c)
	assert.Equal(t, []string{"flaky log: try 1"}, logs.Lines())
	clock.Advance(6*time.Second - time.Millisecond)
	waitJobs(t, c)
	assert.Len(t, logs.Lines(), 1, "the first retry waits 6 s")
	clock.Advance(time.Millisecond)
	waitJobs(t, c)
	assert.Len(t, logs.Lines(), 2)
	clock.Advance(12*time.Second - time.Millisecond)
	waitJobs(t, c)
	assert.Len(t, logs.Lines(), 2, "the second waits 12 s")
	clock.Advance(time.Millisecond)
	waitJobs(t, c)
	assert.Equal(t, []string{"flaky log: try 1", "flaky log: try 2", "flaky log: try 3"}, logs.Lines())

	st := c.Status()[0].Counters
	assert.Equal(t, uint64(2), st.JobsRetried)
	assert.Equal(t, uint64(1), st.JobsSucceeded)
	assert.Zero(t, st.JobsFailed)
	require.Len(t, logs.Errors(), 2, "each RetryError is reported")
	assert.Equal(t, `plugin "flaky" (config 1): jobs.sync: RetryError: upstream busy`, logs.Errors()[0].Error())
}

func TestJobsThatFailEndVisibly(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	var handled []*plugchain.PluginError
	var mu sync.Mutex
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock),
		plugchain.WithRetryPolicy(plugchain.RetryPolicy{MaxRetries: 2, Initial: time.Second}),
		plugchain.WithErrorHandler(func(e *plugchain.PluginError) { mu.Lock(); handled = append(handled, e); mu.Unlock() }))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "failing", `
export const jobs = {
    broken: async () => { throw new TypeError('bad payload') },
    busy: async () => { throw new RetryError('still busy') },
}
export async function processEvent(event, { jobs }) {
    await jobs[event.event]({}).runNow()
    return event
}`)})
	for _, name := range []string{"broken", "busy", "missing"} {
		_, err := process(t, c, plugchaintest.Event(map[string]any{"event": name}))
		require.NoError(t, err)
	}
	waitJobs(t, c)
	clock.Advance(time.Second)
	waitJobs(t, c)
	clock.Advance(2 * time.Second)
	waitJobs(t, c)
	assert.Zero(t, c.QueuedJobs())

	mu.Lock()
	defer mu.Unlock()
	var msgs []string
	for _, e := range handled {
		msgs = append(msgs, e.Error())
	}
	assert.ElementsMatch(t, []string{
		`plugin "failing" (config 1): jobs.broken: TypeError: bad payload`,
		`plugin "failing" (config 1): jobs.busy: RetryError: still busy`,
		`plugin "failing" (config 1): jobs.busy: RetryError: still busy`,
		`plugin "failing" (config 1): jobs.busy: RetryError: still busy`,
		`plugin "failing" (config 1): jobs.missing: unknown job: the plugin's jobs object has no function "missing"`,
	}, msgs)
	st := c.Status()[0].Counters
	assert.Equal(t, uint64(3), st.JobsFailed, "broken, busy after 2 retries, missing")
	assert.Equal(t, uint64(2), st.JobsRetried)
}

func TestHostQueueDrivesJobsThroughRunJob(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	q := &recordingQueue{}
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithJobQueue(q))
	id := add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "hosted", `
export const jobs = {
    once: async (p, { global }) => {
        global.n = (global.n || 0) + 1
        console.log('run', JSON.stringify(p), global.n)
        if (global.n === 1) throw new RetryError('again')
    },
}
export async function processEvent(event, { jobs }) { await jobs.once({ k: 'v' }).runNow(); return event }`)})
	_, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	jobs := q.take()
	require.Len(t, jobs, 1)
	ctx := context.Background()
	require.NoError(t, c.RunJob(ctx, jobs[0]), "a RetryError queues a retry")
	retry := q.take()
	require.Len(t, retry, 1)
	assert.Equal(t, 1, retry[0].Retries)
	assert.True(t, retry[0].RunAt.Equal(start.Add(6*time.Second)))
	assert.Equal(t, `{"k":"v"}`, string(retry[0].Payload))
	require.NoError(t, c.RunJob(ctx, retry[0]))
	assert.Empty(t, q.take())
	assert.Equal(t, []string{`hosted log: run {"k":"v"} 1`, `hosted log: run {"k":"v"} 2`}, logs.Lines())

	err = c.RunJob(ctx, plugchain.Job{Type: "nope", PluginConfigID: id})
	assert.ErrorIs(t, err, plugchain.ErrUnknownJob)
	err = c.RunJob(ctx, plugchain.Job{Type: "once", PluginConfigID: 999})
	assert.ErrorIs(t, err, plugchain.ErrUnknownConfig)
}

func TestEnqueueSurvivesABlinkingQueue(t *testing.T) {
	q := &recordingQueue{fail: 2}
	c, logs := plugchaintest.Chain(t, plugchain.WithJobQueue(q))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "blink", `
export async function processEvent(event, { jobs }) {
    try { await jobs.x(1).runNow(); console.log('queued') } catch (e) { console.log('lost', e.message) }
    return event
}`)})
	_, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	assert.Len(t, q.take(), 1, "the third attempt gets through")
	assert.Equal(t, []string{"blink log: queued"}, logs.Lines())

	q.fail = 100
	_, err = process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	require.Len(t, logs.Lines(), 2)
	assert.True(t, strings.HasPrefix(logs.Lines()[1], `blink log: lost enqueueing job "x": connection refused`), logs.Lines()[1])
}
