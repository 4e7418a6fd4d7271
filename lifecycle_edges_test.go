package plugchain_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/plugchaintest"
	"github.com/plugchain/plugchain/vm"
)

// failSetup adds a plugin whose setupPlugin always throws RetryError and lets the five
// attempts run out.
func failSetup(t *testing.T, c *plugchain.Chain, clock *plugchaintest.Clock, src string) int64 {
	t.Helper()
	id := add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "down", `
export async function setupPlugin() { throw new RetryError('api down') }
`+src)})
	advance(t, c, clock, 80*time.Second)
	st, err := c.ConfigStatus(id)
	require.NoError(t, err)
	require.Equal(t, plugchain.SetupFailed, st.State)
	return id
}

func TestJobOfAConfigWhoseSetupFailedFails(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	q := &recordingQueue{}
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithJobQueue(q), plugchain.WithoutScheduler())
	id := failSetup(t, c, clock, `export const jobs = { x: () => {} }`)
	err := c.RunJob(context.Background(), plugchain.Job{Type: "x", PluginConfigID: id, RunAt: clock.Now()})
	require.Error(t, err)
	assert.ErrorIs(t, err, plugchain.ErrSetupFailed)
	assert.Empty(t, q.take(), "not queued again")
	st, _ := c.ConfigStatus(id)
	assert.Equal(t, uint64(1), st.Counters.JobsFailed)
}

func TestExporterWhoseSetupFailedTakesNoEvents(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithoutScheduler())
	id := failSetup(t, c, clock, `export async function exportEvents(events) {}`)
	for i := 0; i < 3; i++ {
		require.NoError(t, c.OnEvent(context.Background(), plugchaintest.Event(nil)))
	}
	require.NoError(t, c.Flush(context.Background()))
	assert.Zero(t, c.QueuedJobs())
	st, _ := c.ConfigStatus(id)
	assert.Zero(t, st.BufferedEvents)
	assert.Zero(t, st.Counters.ExportRetries)
}

func TestRunNowIsDueAtOnceWhateverTheClock(t *testing.T) {
	clock := plugchaintest.NewClock(time.Unix(1706610030, 2991).UTC()) // not a whole millisecond
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithoutScheduler())
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "now", `
export const jobs = { hi: () => console.log('hi') }
export async function processEvent(event, { jobs }) { await jobs.hi().runNow(); return event }`)})
	_, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	waitJobs(t, c)
	assert.Equal(t, []string{"now log: hi"}, logs.Lines())
}

func TestCloseReportsJobsItHadToStop(t *testing.T) {
	var mu sync.Mutex
	var reported []string
	started := make(chan struct{}, 1)
	gate := vm.AsyncFunc(func(ctx context.Context, _ []any) (any, error) {
		started <- struct{}{}
		<-ctx.Done()
		return nil, ctx.Err()
	})
	c := plugchain.New(plugchain.WithLogSink(&plugchaintest.Logs{}), plugchain.WithoutScheduler(),
		plugchain.WithModule("gate", vm.Members{{Key: "wait", Value: gate}}),
		plugchain.WithErrorHandler(func(e *plugchain.PluginError) { mu.Lock(); reported = append(reported, e.Error()); mu.Unlock() }))
	_, err := c.Add(context.Background(), plugchain.PluginConfig{Plugin: jsPlugin(t, "slow", `
const gate = require('gate')
export const jobs = { slow: async () => { await gate.wait() } }
export async function processEvent(event, { jobs }) { await jobs.slow().runNow(); return event }`)})
	require.NoError(t, err)
	_, err = c.ProcessEvent(context.Background(), plugchaintest.Event(nil))
	require.NoError(t, err)
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, c.Close(ctx), context.DeadlineExceeded)
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, reported, 1)
	assert.Contains(t, reported[0], `plugin "slow" (config 1): jobs.slow: job "slow" stopped: plugchain: the chain closed before the job ran`)
}

func TestConcurrentCallsShareOneSetupRetry(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithoutScheduler(), plugchain.WithPoolSize(4))
	id := add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "flaky", `
export async function setupPlugin() { await new Promise(r => setTimeout(r, 100)); throw new RetryError('api down') }
export function processEvent(event) { return event }`)})
	clock.Advance(5 * time.Second) // attempt 2 starts in the background
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.ProcessEvent(context.Background(), plugchaintest.Event(nil))
			assert.NoError(t, err, "events pass while setup is retried")
		}()
	}
	wg.Wait()
	waitJobs(t, c)
	st, _ := c.ConfigStatus(id)
	assert.Equal(t, plugchain.SetupRetrying, st.State)
	assert.Equal(t, 2, st.SetupAttempts)
}

func TestCloseReportsBatchesWaitingForARetry(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	logs := &plugchaintest.Logs{}
	c := plugchain.New(plugchain.WithLogSink(logs), plugchain.WithClock(clock), plugchain.WithoutScheduler())
	_, err := c.Add(context.Background(), plugchain.PluginConfig{Plugin: jsPlugin(t, "x", `
export async function exportEvents(events) { throw new RetryError('down') }`)})
	require.NoError(t, err)
	onEvents(t, c, "a", "b")
	require.NoError(t, c.Flush(context.Background()))
	err = c.Close(context.Background())
	assert.ErrorIs(t, err, plugchain.ErrJobNotRun)
	errs := logs.Errors()
	require.NotEmpty(t, errs)
	assert.Contains(t, errs[len(errs)-1].Error(), `exportEvents: a batch of 2 events waiting for a retry was dropped`)
}

func TestSchedulerAtADSTFallBack(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	clock := plugchaintest.NewClock(time.Date(2024, 11, 3, 6, 0, 30, 0, time.UTC)) // 01:00:30 EST, the second 01:00
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithTimeZone(ny))
	id := add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "ticker", `export async function runEveryMinute() {}`)})
	advance(t, c, clock, time.Minute)
	st, _ := c.ConfigStatus(id)
	assert.Equal(t, uint64(1), st.Counters.ScheduledRuns)
	assert.Zero(t, st.Counters.ScheduledSkipped)
}

func TestRunJobSaysWhenTheHostQueueMustRetry(t *testing.T) {
	broken := plugchain.JobQueueFunc(func(context.Context, plugchain.Job) error { return errors.New("queue down") })
	c, _ := plugchaintest.Chain(t, plugchain.WithJobQueue(broken), plugchain.WithoutScheduler(),
		plugchain.WithRetryPolicy(plugchain.RetryPolicy{MaxRetries: 1}))
	id := add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "r", `export const jobs = { x: () => { throw new RetryError('later') } }`)})
	requeue := c.RunJob(context.Background(), plugchain.Job{Type: "x", PluginConfigID: id})
	assert.ErrorIs(t, requeue, plugchain.ErrRetryNotQueued)
	assert.True(t, strings.Contains(requeue.Error(), "queue down"), requeue.Error())
	final := c.RunJob(context.Background(), plugchain.Job{Type: "x", PluginConfigID: id, Retries: 1})
	assert.NotErrorIs(t, final, plugchain.ErrRetryNotQueued)
	var pe *plugchain.PluginError
	assert.ErrorAs(t, final, &pe)
	st, _ := c.ConfigStatus(id)
	assert.Equal(t, uint64(1), st.Counters.JobsFailed)
}

func TestAConfigNotSetUpIsInNoPluginList(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithoutScheduler())
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "later", `
export async function setupPlugin() { throw new RetryError('not yet') }
export function processEvent(event) { return event }
export function onEvent() {}`)})
	out, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	for _, k := range []string{"$plugins_succeeded", "$plugins_failed", "$plugins_deferred"} {
		_, listed := out.Property(k)
		assert.False(t, listed, "%s: no plugin ran or was deferred, as with an empty chain", k)
	}
}
