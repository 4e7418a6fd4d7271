package plugchain_test

import (
	"context"
	"fmt"
	"sort"
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

const tickerSrc = `
export async function runEveryMinute({ cache }) { await cache.incr('minute') }
export async function runEveryHour({ cache }) { await cache.incr('hour') }
export async function runEveryDay({ cache }) { await cache.incr('day') }
export async function processEvent(event, { cache }) {
    for (const k of ['minute', 'hour', 'day']) event.properties[k] = await cache.get(k, 0)
    return event
}`

// counts reads what tickerSrc counted.
func counts(t *testing.T, c *plugchain.Chain) string {
	t.Helper()
	out, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	p := out.Object()
	props, _ := p.GetObject("properties")
	m, _ := props.Get("minute")
	h, _ := props.Get("hour")
	d, _ := props.Get("day")
	return fmt.Sprintf("minute=%v hour=%v day=%v", m, h, d)
}

func TestSchedulerRunsTasksOnTheirCron(t *testing.T) {
	clock := plugchaintest.NewClock(start) // 10:20:30
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "ticker", tickerSrc)})
	advance(t, c, clock, 29*time.Second)
	assert.Equal(t, "minute=0 hour=0 day=0", counts(t, c))
	advance(t, c, clock, time.Second) // 10:21:00
	assert.Equal(t, "minute=1 hour=0 day=0", counts(t, c))
	advanceBy(t, c, clock, 39*time.Minute, time.Minute) // 11:00:00
	assert.Equal(t, "minute=40 hour=1 day=0", counts(t, c))
	st := c.Status()[0]
	assert.Equal(t, uint64(41), st.Counters.ScheduledRuns)
	assert.Equal(t, uint64(40), st.Durations["runEveryMinute"].Count)

	late := plugchaintest.NewClock(time.Date(2024, 1, 30, 23, 59, 30, 0, time.UTC))
	c2, _ := plugchaintest.Chain(t, plugchain.WithClock(late))
	add(t, c2, plugchain.PluginConfig{Plugin: jsPlugin(t, "ticker", tickerSrc)})
	advance(t, c2, late, 30*time.Second)
	assert.Equal(t, "minute=1 hour=1 day=1", counts(t, c2))
}

func TestSchedulerFollowsTheTimeZone(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata") // UTC+05:30
	require.NoError(t, err)
	clock := plugchaintest.NewClock(start) // 15:50:30 in Kolkata
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithTimeZone(kolkata))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "ticker", tickerSrc)})
	advanceBy(t, c, clock, 9*time.Minute+29*time.Second, 30*time.Second)
	assert.Equal(t, "minute=9 hour=0 day=0", counts(t, c))
	advance(t, c, clock, time.Second) // 16:00 in Kolkata, 10:30 UTC
	assert.Equal(t, "minute=10 hour=1 day=0", counts(t, c))
}

func TestScheduledRunIsSkippedWhileThePreviousGoesOn(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	block := vm.AsyncFunc(func(ctx context.Context, _ []any) (any, error) {
		started <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil, nil
	})
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithModule("gate", vm.Members{{Key: "wait", Value: block}}))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "slow", `
const gate = require('gate')
export async function runEveryMinute({ cache }) { await cache.incr('runs'); await gate.wait() }`)})
	clock.Advance(30 * time.Second)
	<-started
	clock.Advance(time.Minute) // the first run is still waiting
	st := c.Status()[0].Counters
	assert.Equal(t, uint64(1), st.ScheduledSkipped)
	close(release)
	waitJobs(t, c)
	advance(t, c, clock, time.Minute)
	st = c.Status()[0].Counters
	assert.Equal(t, uint64(2), st.ScheduledRuns)
	assert.Equal(t, uint64(1), st.ScheduledSkipped)
}

func TestRunScheduledForHostSchedulers(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithoutScheduler())
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "ticker", tickerSrc)})
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "broken", `export function runEveryHour() { throw new Error('no token') }`)})
	advance(t, c, clock, 2*time.Minute)
	assert.Equal(t, "minute=0 hour=0 day=0", counts(t, c), "no embedded scheduler")
	assert.Zero(t, clock.Timers())

	err := c.RunScheduled(context.Background(), plugchain.EveryHour)
	require.Error(t, err)
	assert.Equal(t, `plugin "broken" (config 2): runEveryHour: Error: no token`, err.Error())
	assert.Len(t, logs.Errors(), 1)
	assert.Equal(t, "minute=0 hour=1 day=0", counts(t, c))
	assert.Equal(t, uint64(1), c.Status()[1].Counters.ScheduledFailed)
	assert.Error(t, c.RunScheduled(context.Background(), "runEveryWeek"))
}

func TestSetupRetryErrorIsRetriedWithBackoff(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithoutScheduler())
	p := jsPlugin(t, "warming", `
export async function setupPlugin({ cache }) {
    const n = await cache.incr('setups')
    if (n < 3) throw new RetryError('not yet')
}
export function processEvent(event) { event.properties.seen = true; return event }
export function teardownPlugin() { console.log('teardown') }`)
	id := add(t, c, plugchain.PluginConfig{Plugin: p})

	st, err := c.ConfigStatus(id)
	require.NoError(t, err)
	assert.Equal(t, plugchain.SetupRetrying, st.State)
	assert.Equal(t, 1, st.SetupAttempts)
	assert.True(t, st.NextSetupAttempt.Equal(start.Add(5*time.Second)))
	assert.Equal(t, `plugin "warming" (config 1): setupPlugin: RetryError (attempt 1/5): not yet`, st.SetupError.Error())

	out, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err, "a config that is not set up lets events pass")
	assert.Equal(t, `{}`, propsJSON(t, out))

	advance(t, c, clock, 5*time.Second)
	st, _ = c.ConfigStatus(id)
	assert.Equal(t, plugchain.SetupRetrying, st.State)
	assert.Equal(t, 2, st.SetupAttempts)
	assert.True(t, st.NextSetupAttempt.Equal(start.Add(15*time.Second)), "then 10 s")

	advance(t, c, clock, 10*time.Second)
	st, _ = c.ConfigStatus(id)
	assert.Equal(t, plugchain.SetupReady, st.State)
	assert.Nil(t, st.SetupError)
	assert.Equal(t, 1, st.Instances)
	out, err = process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	assert.Contains(t, propsJSON(t, out), `"seen":true`)

	var msgs []string
	for _, e := range logs.Errors() {
		msgs = append(msgs, e.Error())
	}
	assert.Equal(t, []string{
		`plugin "warming" (config 1): setupPlugin: RetryError (attempt 1/5): not yet`,
		`plugin "warming" (config 1): setupPlugin: RetryError (attempt 2/5): not yet`,
	}, msgs)
}

func propsJSON(t *testing.T, ev *plugchain.Event) string {
	t.Helper()
	props, _ := ev.Object().GetObject("properties")
	// Drop the $plugins_* lists, which every event carries.
	for _, k := range []string{"$plugins_succeeded", "$plugins_failed", "$plugins_deferred"} {
		props.Delete(k)
	}
	b, err := props.MarshalJSON()
	require.NoError(t, err)
	return string(b)
}

func TestSetupGivesUpAfterFiveAttempts(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithoutScheduler())
	id := add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "never", `
export async function setupPlugin() { throw new RetryError('api down') }
export function teardownPlugin() { console.log('teardown') }
export function processEvent(event) { event.properties.seen = true; return event }`)})
	// Attempts at 0, 5, 15, 35 and 75 s.
	advance(t, c, clock, 74*time.Second)
	st, _ := c.ConfigStatus(id)
	assert.Equal(t, plugchain.SetupRetrying, st.State)
	assert.Equal(t, 4, st.SetupAttempts)
	advance(t, c, clock, time.Second)
	st, _ = c.ConfigStatus(id)
	assert.Equal(t, plugchain.SetupFailed, st.State)
	assert.Equal(t, 5, st.SetupAttempts)
	assert.Equal(t, `plugin "never" (config 1): setupPlugin: RetryError (attempt 5/5): api down`, st.SetupError.Error())
	assert.Zero(t, clock.Timers(), "no storm: nothing retries any more")

	advance(t, c, clock, time.Hour)
	assert.Len(t, logs.Errors(), 5)
	out, err := process(t, c, plugchaintest.Event(nil))
	require.NoError(t, err)
	assert.Equal(t, `{}`, propsJSON(t, out))
	require.NoError(t, c.Remove(context.Background(), id))
	assert.Empty(t, logs.Lines(), "teardownPlugin runs only where setup succeeded")
}

func TestJobsWaitForASetupRetry(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	q := &recordingQueue{}
	c, _ := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithJobQueue(q), plugchain.WithoutScheduler())
	id := add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "late", `
export async function setupPlugin() { throw new RetryError('later') }
export const jobs = { x: () => {} }`)})
	require.NoError(t, c.RunJob(context.Background(), plugchain.Job{Type: "x", PluginConfigID: id}))
	jobs := q.take()
	require.Len(t, jobs, 1, "the job is queued again, not lost")
	assert.True(t, jobs[0].RunAt.Equal(start.Add(6*time.Second)), "after the next setup attempt")
	assert.Zero(t, jobs[0].Retries)
}

// TestReloadUnderLoadLosesNothing processes and exports events from many goroutines while the
// config is reloaded again and again: every event is processed by exactly one version and
// exported exactly once.
func TestReloadUnderLoadLosesNothing(t *testing.T) {
	c, logs := plugchaintest.Chain(t, plugchain.WithPoolSize(3))
	p := jsPlugin(t, "busy", `
export function processEvent(event, { config }) { event.properties.version = config.v; return event }
export async function exportEvents(events) { for (const e of events) console.log(e.uuid, e.properties.version) }`)
	id := add(t, c, plugchain.PluginConfig{Plugin: p, Config: map[string]any{"v": "0", "exportEventsBufferBytes": "2000"}})
	const workers, perWorker = 8, 60
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				ev := plaintestEvent(fmt.Sprintf("%d-%d", w, i))
				out, err := c.ProcessEvent(context.Background(), ev)
				if !assert.NoError(t, err) || !assert.NotNil(t, out) {
					return
				}
				assert.NoError(t, c.OnEvent(context.Background(), out))
			}
		}()
	}
	for v := 1; v <= 10; v++ {
		require.NoError(t, c.Reload(context.Background(), plugchain.PluginConfig{ID: id, Plugin: p,
			Config: map[string]any{"v": fmt.Sprint(v), "exportEventsBufferBytes": "2000"}}))
	}
	wg.Wait()
	require.NoError(t, c.Close(context.Background()))
	seen := map[string]int{}
	for _, line := range logs.Lines() {
		fields := strings.Fields(strings.TrimPrefix(line, "busy log: "))
		require.Len(t, fields, 2, line)
		seen[fields[0]]++
	}
	var dup []string
	for uuid, n := range seen {
		if n != 1 {
			dup = append(dup, uuid)
		}
	}
	sort.Strings(dup)
	assert.Empty(t, dup, "exported more than once")
	assert.Len(t, seen, workers*perWorker, "every event exported")
	assert.Empty(t, logs.Errors())
}

func plaintestEvent(uuid string) *plugchain.Event {
	return plugchaintest.Event(map[string]any{"uuid": uuid})
}
