package plugchain

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// writePlugin writes files (name -> contents) into a new directory and returns its path.
// A missing plugin.json gets a minimal one named after the test.
func writePlugin(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["plugin.json"]; !ok {
		files["plugin.json"] = `{"name": "test-plugin"}`
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

// loadJS loads a plugin whose index.js is src.
func loadJS(t testing.TB, name, src string) *Plugin {
	t.Helper()
	p, err := LoadPlugin(writePlugin(t, map[string]string{
		"plugin.json": `{"name": "` + name + `"}`,
		"index.js":    src,
	}))
	require.NoError(t, err)
	return p
}

// logSink records plugin output for assertions.
type logSink struct {
	mu     sync.Mutex
	lines  []string
	errors []*PluginError
}

func (s *logSink) PluginLog(_ context.Context, src PluginSource, level, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines = append(s.lines, src.Plugin+" "+level+": "+msg)
}

func (s *logSink) PluginError(_ context.Context, err *PluginError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errors = append(s.errors, err)
}

func (s *logSink) Lines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.lines...)
}

// newChain returns a chain with a recording log sink, closed when the test ends.
func newChain(t testing.TB, opts ...Option) (*Chain, *logSink) {
	t.Helper()
	sink := &logSink{}
	c := New(append([]Option{WithLogSink(sink)}, opts...)...)
	t.Cleanup(func() { _ = c.Close(context.Background()) })
	return c, sink
}

func mustEvent(t testing.TB, s string) *Event {
	t.Helper()
	ev, err := ParseEvent([]byte(s))
	require.NoError(t, err)
	return ev
}

func jsonOf(t testing.TB, ev *Event) string {
	t.Helper()
	if ev == nil {
		return "null"
	}
	b, err := ev.MarshalJSON()
	require.NoError(t, err)
	return string(b)
}

func jsonValue(t testing.TB, v any) string {
	t.Helper()
	b, err := ojson.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
