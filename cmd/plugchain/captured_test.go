package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const capturerPlugin = `exports.processEvent = async function (event) {
    await posthog.capture('seen ' + event.event, { n: event.properties.n, timestamp: '2024-01-01T00:00:00.000Z' })
    return event
}`

var uuidField = regexp.MustCompile(`"uuid":"[0-9a-f-]{36}"`)

func TestRunCaptured(t *testing.T) {
	root := writeFiles(t, t.TempDir(), map[string]string{
		"capturer/plugin.json": `{"name": "Capturer"}`,
		"capturer/index.js":    capturerPlugin,
	})
	in := `{"event":"a","properties":{"n":1}}` + "\n" + `{"event":"b","properties":{"n":2}}` + "\n"
	want := `{"distinct_id":"Capturer","event":"seen a","timestamp":"2024-01-01T00:00:00.000Z","properties":{"$lib":"posthog-plugin-server","$lib_version":"0.1.0","distinct_id":"Capturer","n":1},"team_id":0,"uuid":"U"}` + "\n" +
		`{"distinct_id":"Capturer","event":"seen b","timestamp":"2024-01-01T00:00:00.000Z","properties":{"$lib":"posthog-plugin-server","$lib_version":"0.1.0","distinct_id":"Capturer","n":2},"team_id":0,"uuid":"U"}` + "\n"

	t.Run("to a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "captured.jsonl")
		res := runCLI(t, in, "run", "--captured", file, filepath.Join(root, "capturer"))
		require.Equal(t, 0, res.code, res.stderr)
		assert.Equal(t, 2, strings.Count(res.stdout, "\n"), "stdout has one line per input event")
		assert.NotContains(t, res.stdout, "seen a")
		assert.NotContains(t, res.stderr, "seen a")
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		assert.Equal(t, want, uuidField.ReplaceAllString(string(b), `"uuid":"U"`))
	})
	t.Run("to stderr by default", func(t *testing.T) {
		res := runCLI(t, in, "run", filepath.Join(root, "capturer"))
		require.Equal(t, 0, res.code, res.stderr)
		assert.NotContains(t, res.stdout, "seen a")
		assert.Equal(t, want, uuidField.ReplaceAllString(res.stderr, `"uuid":"U"`))
	})
	t.Run("unwritable file", func(t *testing.T) {
		res := runCLI(t, in, "run", "--captured", filepath.Join(t.TempDir(), "no", "such", "dir.jsonl"), filepath.Join(root, "capturer"))
		assert.Equal(t, 2, res.code)
		assert.Contains(t, res.stderr, "plugchain run: --captured: ")
	})
}
