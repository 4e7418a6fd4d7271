// Package examples_test runs the example plugins under examples/plugins the way a host would.
package examples_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/plugchaintest"
)

type quiet struct{}

func (quiet) PluginLog(context.Context, plugchain.PluginSource, string, string) {}
func (quiet) PluginError(context.Context, *plugchain.PluginError)               {}

// chainOf installs the example plugin dir with config on a new chain.
func chainOf(t *testing.T, dir string, config map[string]any, opts ...plugchain.Option) *plugchain.Chain {
	t.Helper()
	p, err := plugchain.LoadPlugin("plugins/" + dir)
	require.NoError(t, err)
	c := plugchain.New(append([]plugchain.Option{plugchain.WithLogSink(quiet{})}, opts...)...)
	t.Cleanup(func() { _ = c.Close(context.Background()) })
	_, err = c.Add(context.Background(), plugchain.PluginConfig{ID: 1, TeamID: 2, Plugin: p, Config: config})
	require.NoError(t, err)
	return c
}

func process(t *testing.T, c *plugchain.Chain, event string) *plugchain.Event {
	t.Helper()
	ev, err := plugchain.ParseEvent([]byte(event))
	require.NoError(t, err)
	out, err := c.ProcessEvent(context.Background(), ev)
	require.NoError(t, err)
	require.NotNil(t, out)
	return out
}

func prop(t *testing.T, ev *plugchain.Event, key string) any {
	t.Helper()
	v, ok := ev.Property(key)
	require.True(t, ok, "property %s missing", key)
	return v
}

func TestURLNormalizer(t *testing.T) {
	c := chainOf(t, "url-normalizer", nil)
	out := process(t, c, `{"event":"$pageview","properties":{
		"$current_url":"https://Shop.Example.COM:443/Pricing/?utm_source=news&b=2&gclid=xyz&a=1#plans",
		"$referrer":"$direct"}}`)
	assert.Equal(t, "https://shop.example.com/Pricing?a=1&b=2", prop(t, out, "$current_url"))
	assert.Equal(t, "shop.example.com", prop(t, out, "$host"))
	assert.Equal(t, "/Pricing", prop(t, out, "$pathname"))
	assert.Equal(t, "news", prop(t, out, "utm_source"))
	assert.Equal(t, "$direct", prop(t, out, "$referrer"), "not a URL: left alone")

	keep := chainOf(t, "url-normalizer", map[string]any{"keepFragment": "yes", "stripParams": ""})
	out = process(t, keep, `{"event":"$pageview","properties":{"$current_url":"http://a.example/x?z=1&y=%20#f"}}`)
	assert.Equal(t, "http://a.example/x?y=+&z=1#f", prop(t, out, "$current_url"))
}

func TestPIIHasher(t *testing.T) {
	mac := func(s string) string {
		h := hmac.New(sha256.New, []byte("pepper"))
		h.Write([]byte(s))
		return hex.EncodeToString(h.Sum(nil))
	}
	c := chainOf(t, "pii-hasher", map[string]any{"salt": "pepper", "hashDistinctId": "yes"})
	out := process(t, c, `{"event":"signup","distinct_id":"user-1","properties":{"email":"ada@example.com","$set":{"email":"ada@example.com","plan":"pro"},"distinct_id":"user-1","age":36}}`)
	assert.Equal(t, mac("ada@example.com"), prop(t, out, "email"))
	set := prop(t, out, "$set")
	b, _ := json.Marshal(set)
	assert.JSONEq(t, `{"email":"`+mac("ada@example.com")+`","plan":"pro"}`, string(b))
	assert.Equal(t, mac("user-1"), out.DistinctID())
	assert.Equal(t, mac("user-1"), prop(t, out, "distinct_id"))
	assert.Equal(t, float64(36), prop(t, out, "age"))

	p, err := plugchain.LoadPlugin("plugins/pii-hasher")
	require.NoError(t, err)
	_, err = plugchain.New(plugchain.WithLogSink(quiet{})).Add(context.Background(), plugchain.PluginConfig{Plugin: p})
	require.ErrorContains(t, err, "salt")
}

func TestWebhookNotifier(t *testing.T) {
	var mu sync.Mutex
	var bodies []map[string]any
	fail := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(b, &body)
		mu.Lock()
		defer mu.Unlock()
		bodies = append(bodies, body)
		if fail {
			http.Error(w, "upstream down", http.StatusBadGateway)
			return
		}
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	// The test server is on loopback, which the default client refuses.
	c := chainOf(t, "webhook-notifier", map[string]any{"url": srv.URL + "/hook"}, plugchain.WithHTTP(srv.Client()))

	ev, err := plugchain.ParseEvent([]byte(`{"event":"purchase","distinct_id":"u1","timestamp":"2024-05-14T09:12:03.418Z","properties":{"amount":42}}`))
	require.NoError(t, err)
	require.NoError(t, c.OnEvent(context.Background(), ev))
	other, _ := plugchain.ParseEvent([]byte(`{"event":"$pageview","distinct_id":"u1"}`))
	require.NoError(t, c.OnEvent(context.Background(), other))
	require.Len(t, bodies, 1)
	assert.Equal(t, "u1 did purchase", bodies[0]["text"])
	assert.Equal(t, map[string]any{"amount": float64(42)}, bodies[0]["properties"])

	fail = true
	err = c.OnEvent(context.Background(), ev)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "webhook answered 502 Bad Gateway: upstream down")
}

type collector struct {
	mu     sync.Mutex
	events []*plugchain.Event
}

func (c *collector) Capture(_ context.Context, _ plugchain.PluginSource, ev *plugchain.Event) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events = append(c.events, ev)
	return nil
}

func TestMilestoneCapture(t *testing.T) {
	rec := &collector{}
	c := chainOf(t, "milestone-capture", map[string]any{"milestones": "1,3"}, plugchain.WithCapturer(rec))
	for i := 0; i < 4; i++ {
		process(t, c, `{"event":"signup_completed","distinct_id":"user-`+string(rune('a'+i))+`"}`)
		process(t, c, `{"event":"$pageview","distinct_id":"x"}`)
	}
	require.Len(t, rec.events, 2)
	for i, want := range []struct {
		count float64
		by    string
	}{{1, "user-a"}, {3, "user-c"}} {
		ev := rec.events[i]
		assert.Equal(t, "milestone reached", ev.Name())
		assert.Equal(t, "Milestone Capture", ev.DistinctID())
		assert.Equal(t, int64(2), ev.TeamID())
		assert.Equal(t, want.count, prop(t, ev, "count"))
		assert.Equal(t, want.by, prop(t, ev, "reached_by"))
		assert.Equal(t, "posthog-plugin-server", prop(t, ev, "$lib"))
	}
}

func TestBatchExporterRetriesWhileTheEndpointFails(t *testing.T) {
	var mu sync.Mutex
	var requests int
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		requests++
		if requests == 1 {
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		assert.Equal(t, "Bearer s3cret", r.Header.Get("Authorization"))
		var body struct {
			Batch []struct {
				Event string `json:"event"`
			} `json:"batch"`
		}
		assert.NoError(t, json.NewDecoder(r.Body).Decode(&body))
		for _, e := range body.Batch {
			got = append(got, e.Event)
		}
	}))
	defer srv.Close()

	clock := plugchaintest.NewClock(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
	c := chainOf(t, "batch-exporter", map[string]any{"url": srv.URL, "authToken": "s3cret"},
		plugchain.WithClock(clock), plugchain.WithoutScheduler(),
		plugchain.WithHTTP(plugchain.NewHTTPClient(plugchain.HTTPClientOptions{AllowPrivateNetworks: true})))
	ctx := context.Background()
	for _, name := range []string{"$pageview", "$feature_flag_called", "signup"} {
		ev, err := plugchain.ParseEvent([]byte(`{"event":"` + name + `","distinct_id":"u1","properties":{}}`))
		require.NoError(t, err)
		require.NoError(t, c.OnEvent(ctx, ev))
	}
	// The batch waits 10 s (the default age), then meets the 503 and is retried 6 s later.
	clock.Advance(10 * time.Second)
	require.NoError(t, c.WaitJobs(ctx))
	st := c.Status()[0].Counters
	assert.Equal(t, uint64(1), st.ExportRetries)
	assert.Zero(t, st.ExportBatches)
	clock.Advance(6 * time.Second)
	require.NoError(t, c.WaitJobs(ctx))

	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 2, requests)
	assert.Equal(t, []string{"$pageview", "signup"}, got, "$feature_flag_called is ignored by default")
	st = c.Status()[0].Counters
	assert.Equal(t, uint64(1), st.ExportBatches)
	assert.Equal(t, uint64(2), st.ExportedEvents)
	assert.Zero(t, st.ExportFailed)
}

func TestBatchExporterDoesNotRetryARejectedBatch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "bad token", http.StatusUnauthorized)
	}))
	defer srv.Close()
	c := chainOf(t, "batch-exporter", map[string]any{"url": srv.URL},
		plugchain.WithHTTP(plugchain.NewHTTPClient(plugchain.HTTPClientOptions{AllowPrivateNetworks: true})))
	ev, err := plugchain.ParseEvent([]byte(`{"event":"e","properties":{}}`))
	require.NoError(t, err)
	require.NoError(t, c.OnEvent(context.Background(), ev))
	err = c.Flush(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), `plugin "Batch Exporter" (config 1): exportEvents: Error: endpoint rejected the batch: 401 bad token`)
	assert.Zero(t, c.QueuedJobs())
	assert.Equal(t, uint64(1), c.Status()[0].Counters.ExportFailed)
}

func TestOnboardingFollowUpSchedulesJobs(t *testing.T) {
	rec := &collector{}
	clock := plugchaintest.NewClock(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
	c := chainOf(t, "onboarding-follow-up", map[string]any{"delayHours": "2"},
		plugchain.WithCapturer(rec), plugchain.WithClock(clock), plugchain.WithoutScheduler())
	process(t, c, `{"event":"signed_up","distinct_id":"ann","timestamp":"2024-05-01T12:00:00Z"}`)
	process(t, c, `{"event":"signed_up","distinct_id":"bob","timestamp":"2024-05-01T12:00:00Z"}`)
	process(t, c, `{"event":"$pageview","distinct_id":"ann"}`)
	process(t, c, `{"event":"$pageview","distinct_id":"ann"}`)
	process(t, c, `{"event":"$pageview","distinct_id":"carol"}`)
	assert.Equal(t, 2, c.QueuedJobs())

	clock.Advance(2*time.Hour - time.Second)
	require.NoError(t, c.WaitJobs(context.Background()))
	assert.Empty(t, rec.events, "not before the delay")
	clock.Advance(time.Second)
	require.NoError(t, c.WaitJobs(context.Background()))

	rec.mu.Lock()
	defer rec.mu.Unlock()
	outcomes := map[string]string{}
	for _, ev := range rec.events {
		outcomes[ev.DistinctID()] = ev.Name()
		if ev.DistinctID() == "ann" {
			assert.Equal(t, float64(2), prop(t, ev, "events_since_signup"))
		}
	}
	assert.Equal(t, map[string]string{"ann": "onboarding_completed", "bob": "onboarding_stalled"}, outcomes)

	_, err := c.Add(context.Background(), plugchain.PluginConfig{ID: 9, Plugin: mustLoad(t, "onboarding-follow-up"), Config: map[string]any{"delayHours": "soon"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `setupPlugin: Error: delayHours must be a positive number, got "soon"`)
}

func mustLoad(t *testing.T, dir string) *plugchain.Plugin {
	t.Helper()
	p, err := plugchain.LoadPlugin("plugins/" + dir)
	require.NoError(t, err)
	return p
}
