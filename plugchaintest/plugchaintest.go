// Package plugchaintest helps test PostHog plugins and chains from Go: it builds events shaped
// like the ones posthog-js sends (as @posthog/plugin-scaffold's test utilities do), creates
// chains that close themselves when the test ends, and records what plugins log.
package plugchaintest

import (
	"context"
	"sort"
	"sync"
	"testing"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/ojson"
)

// Event returns an event with the fields PostHog fills in for every event, overridden by
// fields (top-level keys such as "event", "properties" or "team_id"; new keys go last, sorted).
func Event(fields map[string]any) *plugchain.Event {
	o := ojson.NewObject(12)
	base := []struct {
		key string
		val any
	}{
		{"distinct_id", "my_id"},
		{"ip", "127.0.0.1"},
		{"site_url", "http://localhost"},
		{"team_id", 2},
		{"now", "2020-02-23T02:15:00Z"},
		{"timestamp", "2020-02-23T02:15:00Z"},
		{"event", "default event"},
		{"properties", map[string]any{}},
		{"uuid", "00000000-0000-0000-0000-000000000000"},
	}
	for _, b := range base {
		o.Set(b.key, b.val)
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		o.Set(k, fields[k])
	}
	return plugchain.EventFromObject(o)
}

// Pageview returns a $pageview event for url with typical posthog-js properties.
func Pageview(url string) *plugchain.Event {
	props := ojson.NewObject(8)
	props.Set("$os", "Mac OS X")
	props.Set("$browser", "Chrome")
	props.Set("$device_type", "Desktop")
	props.Set("$current_url", url)
	props.Set("$lib", "web")
	props.Set("$lib_version", "1.130.2")
	props.Set("$screen_height", 1117)
	props.Set("$screen_width", 1728)
	return Event(map[string]any{"event": "$pageview", "properties": props})
}

// Identify returns an $identify event that sets person properties.
func Identify(distinctID string, set map[string]any) *plugchain.Event {
	return Event(map[string]any{
		"event":       "$identify",
		"distinct_id": distinctID,
		"properties":  map[string]any{"$set": set},
	})
}

// Logs records what plugins write with console.* and the errors the chain reports. It is a
// plugchain.LogSink, safe for concurrent use.
type Logs struct {
	mu     sync.Mutex
	lines  []string
	errors []*plugchain.PluginError
}

// PluginLog implements plugchain.LogSink; lines read "plugin level: message".
func (l *Logs) PluginLog(_ context.Context, src plugchain.PluginSource, level, msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, src.Plugin+" "+level+": "+msg)
}

// PluginError implements plugchain.LogSink.
func (l *Logs) PluginError(_ context.Context, err *plugchain.PluginError) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errors = append(l.errors, err)
}

// Lines returns the console lines so far.
func (l *Logs) Lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// Errors returns the plugin errors so far.
func (l *Logs) Errors() []*plugchain.PluginError {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*plugchain.PluginError(nil), l.errors...)
}

// Chain returns a chain that records plugin output in the returned Logs and is closed when
// the test ends. opts come after the recording sink, so a test may replace it.
func Chain(t testing.TB, opts ...plugchain.Option) (*plugchain.Chain, *Logs) {
	t.Helper()
	logs := &Logs{}
	c := plugchain.New(append([]plugchain.Option{plugchain.WithLogSink(logs)}, opts...)...)
	t.Cleanup(func() {
		if err := c.Close(context.Background()); err != nil {
			t.Errorf("closing the chain: %v", err)
		}
	})
	return c, logs
}

// Add loads the plugin in dir and attaches it with config, failing the test on error.
func Add(t testing.TB, c *plugchain.Chain, dir string, config map[string]any) int64 {
	t.Helper()
	p, err := plugchain.LoadPlugin(dir)
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	id, err := c.Add(context.Background(), plugchain.PluginConfig{Plugin: p, Config: config})
	if err != nil {
		t.Fatalf("adding %s: %v", dir, err)
	}
	return id
}

// Process runs ev through c, failing the test if a plugin raised an error, and returns the
// result (nil when a plugin dropped the event).
func Process(t testing.TB, c *plugchain.Chain, ev *plugchain.Event) *plugchain.Event {
	t.Helper()
	out, err := c.ProcessEvent(context.Background(), ev)
	if err != nil {
		t.Fatalf("processing %s: %v", ev.Name(), err)
	}
	return out
}
