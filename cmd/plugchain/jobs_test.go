package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// jobPlugins queue jobs and export in batches, for the end-of-input rules.
var jobPlugins = map[string]string{
	"plugins/later/plugin.json": `{"name": "Later"}`,
	"plugins/later/index.js": `export const jobs = {
    ping: (payload) => console.log('ping', payload.event),
}
export async function processEvent(event, { jobs }) {
    await jobs.ping({ event: event.event }).runIn(300, 'milliseconds')
    return event
}`,
	"plugins/exporter/plugin.json": `{"name": "Exporter"}`,
	"plugins/exporter/index.js": `export async function exportEvents(events) {
    console.log('exported', events.map((e) => e.event).join(','))
}`,
}

func TestRunWaitJobs(t *testing.T) {
	root := writeFiles(t, t.TempDir(), jobPlugins)
	in := lines(`{"event":"a"}`, `{"event":"b"}`)

	res := runCLI(t, in, "run", "--wait-jobs", "10s", root+"/plugins/later")
	assert.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stderr, "[Later (1)] console.log: ping a\n")
	assert.Contains(t, res.stderr, "[Later (1)] console.log: ping b\n")
	assert.NotContains(t, res.stderr, "not run")

	// Without waiting, jobs due later are reported, not silently dropped.
	res = runCLI(t, in, "run", root+"/plugins/later")
	assert.Equal(t, 0, res.code, res.stderr)
	assert.NotContains(t, res.stderr, "console.log: ping")
	assert.Contains(t, res.stderr, `[Later (1)] error in jobs.ping: job "ping" due at `)
	assert.Contains(t, res.stderr, "plugchain: the chain closed before the job ran: 2 queued job(s) were due later\n")

	res = runCLI(t, in, "run", "--wait-jobs", "-1s", root+"/plugins/later")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "--wait-jobs must not be negative")
}

func TestRunFlushesExportsAtEndOfInput(t *testing.T) {
	root := writeFiles(t, t.TempDir(), jobPlugins)
	res := runCLI(t, lines(`{"event":"a"}`, `{"event":"b"}`, `{"event":"c"}`), "run", root+"/plugins/exporter")
	assert.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 1, strings.Count(res.stderr, "exported"), res.stderr)
	assert.Contains(t, res.stderr, "[Exporter (1)] console.log: exported a,b,c\n")
	assert.Equal(t, 3, strings.Count(res.stdout, "\n"))
}
