package plugchain_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/plugchaintest"
)

const exporterSrc = `
export async function exportEvents(events, { config, cache }) {
    if (config.mode === 'retry' && (await cache.incr('tries')) < 3) throw new RetryError('endpoint down')
    if (config.mode === 'always-retry') throw new RetryError('endpoint down')
    if (config.mode === 'fail') throw new Error('bad request')
    console.log(config.tag || '', events.map(e => e.event).join(','))
}`

// onEvents hands events named after names to c.OnEvent.
func onEvents(t *testing.T, c *plugchain.Chain, names ...string) {
	t.Helper()
	for _, n := range names {
		require.NoError(t, c.OnEvent(context.Background(), plugchaintest.Event(map[string]any{"event": n})))
	}
}

func TestExportBufferFlushesBySize(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock))
	size := len(jsonOfEvent(t, plugchaintest.Event(map[string]any{"event": "e1"})))
	// Room for two events: the third flushes the first two before it is buffered.
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "sized", exporterSrc),
		Config: map[string]any{"exportEventsBufferBytes": fmt.Sprint(2*size + 1)}})
	onEvents(t, c, "e1", "e2")
	waitJobs(t, c)
	assert.Empty(t, logs.Lines())
	onEvents(t, c, "e3")
	waitJobs(t, c)
	assert.Equal(t, []string{"sized log:  e1,e2"}, logs.Lines())
	assert.Equal(t, 1, c.Status()[0].BufferedEvents)

	// An event bigger than the limit goes out on its own at once.
	c2, logs2 := plugchaintest.Chain(t, plugchain.WithClock(clock))
	add(t, c2, plugchain.PluginConfig{Plugin: jsPlugin(t, "tiny", exporterSrc), Config: map[string]any{"exportEventsBufferBytes": "0"}})
	onEvents(t, c2, "a", "b")
	waitJobs(t, c2)
	assert.ElementsMatch(t, []string{"tiny log:  a", "tiny log:  b"}, logs2.Lines())
}

func jsonOfEvent(t *testing.T, ev *plugchain.Event) []byte {
	b, err := ev.MarshalJSON()
	require.NoError(t, err)
	return b
}

func TestExportBufferFlushesByAge(t *testing.T) {
	for _, tc := range []struct {
		seconds any
		want    time.Duration
	}{
		{nil, 10 * time.Second},
		{"3", 3 * time.Second},
		{" 4.9s", 4 * time.Second}, // parseInt
		{"0x10", 16 * time.Second},
		{"0", time.Second},
		{"-5", time.Second},
		{"soon", 10 * time.Second},
		{"100000", 600 * time.Second},
		{float64(7), 7 * time.Second},
	} {
		t.Run(fmt.Sprint(tc.seconds), func(t *testing.T) {
			clock := plugchaintest.NewClock(start)
			c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock))
			cfg := map[string]any{}
			if tc.seconds != nil {
				cfg["exportEventsBufferSeconds"] = tc.seconds
			}
			add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "aged", exporterSrc), Config: cfg})
			onEvents(t, c, "first")
			clock.Advance(tc.want / 2)
			onEvents(t, c, "second")
			clock.Advance(tc.want - tc.want/2 - time.Millisecond)
			waitJobs(t, c)
			assert.Empty(t, logs.Lines())
			clock.Advance(time.Millisecond)
			waitJobs(t, c)
			assert.Equal(t, []string{"aged log:  first,second"}, logs.Lines(), "the oldest event's age counts")
		})
	}
}

func TestExportEventsToIgnoreAndOnEventBoth(t *testing.T) {
	c, logs := plugchaintest.Chain(t)
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "both", `
export async function onEvent(event) { console.log('onEvent', event.event) }
export async function exportEvents(events) { console.log('export', events.map(e => e.event).join(',')) }`),
		Config: map[string]any{"exportEventsToIgnore": "$feature_flag_called, $autocapture"}})
	onEvents(t, c, "$pageview", "$autocapture", "$feature_flag_called", "signup")
	require.NoError(t, c.Flush(context.Background()))
	assert.Equal(t, []string{
		"both log: onEvent $pageview", "both log: onEvent $autocapture",
		"both log: onEvent $feature_flag_called", "both log: onEvent signup",
		"both log: export $pageview,signup",
	}, logs.Lines())
}

var batchID = regexp.MustCompile(`batch \d+`)

func TestExportRetryErrorRetriesThroughTheQueue(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "retrying", exporterSrc), Config: map[string]any{"mode": "retry"}})
	onEvents(t, c, "a", "b")
	require.NoError(t, c.Flush(context.Background()))
	clock.Advance(6 * time.Second)
	waitJobs(t, c)
	clock.Advance(11 * time.Second)
	waitJobs(t, c)
	assert.Len(t, logs.Lines(), 2, "the second retry waits 12 s")
	clock.Advance(time.Second)
	waitJobs(t, c)
	lines := logs.Lines()
	for i := range lines {
		lines[i] = batchID.ReplaceAllString(lines[i], "batch N")
	}
	assert.Equal(t, []string{
		"retrying log: Enqueued batch N for retry in 6s",
		"retrying log: Enqueued batch N for retry in 12s",
		"retrying log:  a,b",
	}, lines)
	st := c.Status()[0].Counters
	assert.Equal(t, uint64(1), st.ExportBatches)
	assert.Equal(t, uint64(2), st.ExportedEvents)
	assert.Equal(t, uint64(2), st.ExportRetries)
	assert.Zero(t, st.ExportFailed)
}

func TestExportGivesUpAfterMaxRetries(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock), plugchain.WithRetryPolicy(plugchain.RetryPolicy{MaxRetries: 2}))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "down", exporterSrc), Config: map[string]any{"mode": "always-retry"}})
	onEvents(t, c, "a", "b", "c")
	require.NoError(t, c.Flush(context.Background()))
	advance(t, c, clock, time.Minute)
	last := logs.Lines()[len(logs.Lines())-1]
	assert.Regexp(t, `^down log: Dropped batch \d+ after retrying 2 times$`, last)
	st := c.Status()[0].Counters
	assert.Equal(t, uint64(1), st.ExportFailed)
	assert.Equal(t, uint64(3), st.ExportDroppedEvents)
	errs := logs.Errors()
	assert.Contains(t, errs[len(errs)-1].Error(), `exportEvents: dropped a batch of 3 events after retrying 2 times: RetryError: endpoint down`)
}

func TestExportOtherErrorsAreReportedNotRetried(t *testing.T) {
	clock := plugchaintest.NewClock(start)
	c, logs := plugchaintest.Chain(t, plugchain.WithClock(clock))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "rejected", exporterSrc), Config: map[string]any{"mode": "fail"}})
	onEvents(t, c, "a")
	err := c.Flush(context.Background())
	require.Error(t, err)
	assert.Equal(t, `plugin "rejected" (config 1): exportEvents: Error: bad request`, err.Error())
	assert.Zero(t, c.QueuedJobs())
	assert.Len(t, logs.Errors(), 1)
	assert.Equal(t, uint64(1), c.Status()[0].Counters.ExportFailed)
}

func TestCloseAndReloadFlushExportBuffers(t *testing.T) {
	c, logs := plugchaintest.Chain(t)
	p := jsPlugin(t, "graceful", exporterSrc)
	id := add(t, c, plugchain.PluginConfig{Plugin: p, Config: map[string]any{"tag": "one"}})
	onEvents(t, c, "a", "b")
	require.NoError(t, c.Reload(context.Background(), plugchain.PluginConfig{ID: id, Plugin: p, Config: map[string]any{"tag": "two"}}))
	assert.Equal(t, []string{"graceful log: one a,b"}, logs.Lines(), "the old config exports its buffer before it goes")
	onEvents(t, c, "c")
	require.NoError(t, c.Remove(context.Background(), id))
	assert.Equal(t, "graceful log: two c", logs.Lines()[1])

	c2, logs2 := plugchaintest.Chain(t)
	add(t, c2, plugchain.PluginConfig{Plugin: p, Config: map[string]any{"tag": "three"}})
	onEvents(t, c2, "d", "e")
	require.NoError(t, c2.Close(context.Background()))
	assert.Equal(t, []string{"graceful log: three d,e"}, logs2.Lines())
	assert.True(t, strings.HasPrefix(logs2.Lines()[0], "graceful"))
}

func TestExportTimeoutIsItsOwn(t *testing.T) {
	src := `export async function exportEvents(events) {
    await new Promise((resolve) => setTimeout(resolve, 1500))
    console.log('sent', events.length)
}`
	// The batch needs 1.5 s: more than other calls may take, less than exports may.
	c, logs := plugchaintest.Chain(t, plugchain.WithTimeout(time.Second), plugchain.WithExportTimeout(20*time.Second))
	add(t, c, plugchain.PluginConfig{Plugin: jsPlugin(t, "slow-export", src)})
	onEvents(t, c, "a", "b")
	require.NoError(t, c.Flush(context.Background()))
	assert.Equal(t, []string{"slow-export log: sent 2"}, logs.Lines())

	c2, _ := plugchaintest.Chain(t, plugchain.WithTimeout(20*time.Second), plugchain.WithExportTimeout(100*time.Millisecond))
	add(t, c2, plugchain.PluginConfig{Plugin: jsPlugin(t, "slow-export", src)})
	onEvents(t, c2, "a")
	err := c2.Flush(context.Background())
	require.Error(t, err)
	assert.ErrorIs(t, err, plugchain.ErrTimeout)
	assert.Contains(t, err.Error(), `plugin "slow-export" (config 1): exportEvents: timed out after 100ms`)
	assert.Zero(t, c2.QueuedJobs(), "a timed-out batch is not retried")
}
