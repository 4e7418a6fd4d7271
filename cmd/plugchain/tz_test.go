package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunTimeZone(t *testing.T) {
	root := writeFiles(t, t.TempDir(), map[string]string{
		"clock/plugin.json": `{"name": "Clock"}`,
		"clock/index.js": `exports.processEvent = function (event) {
    const d = new Date(Date.UTC(2024, 6, 1, 12, 0, 0))
    event.properties.hour = d.getHours()
    event.properties.offset = d.getTimezoneOffset()
    return event
}`,
	})
	res := runCLI(t, `{"event":"a","properties":{}}`+"\n", "run", filepath.Join(root, "clock"))
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"hour":12,"offset":0`)
	res = runCLI(t, `{"event":"a","properties":{}}`+"\n", "run", "--tz", "Europe/Paris", filepath.Join(root, "clock"))
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"hour":14,"offset":-120`)
	res = runCLI(t, "", "run", "--tz", "Mars/Olympus", filepath.Join(root, "clock"))
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "plugchain run: --tz: unknown time zone Mars/Olympus")
}
