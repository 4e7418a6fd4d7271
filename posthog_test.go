package plugchain

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/vm"
)

type captured struct {
	mu     sync.Mutex
	src    []PluginSource
	events []string
}

func (c *captured) Capture(_ context.Context, src PluginSource, ev *Event) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, err := ev.MarshalJSON()
	if err != nil {
		return err
	}
	c.src = append(c.src, src)
	c.events = append(c.events, string(b))
	return nil
}

var uuidPattern = regexp.MustCompile(`"uuid":"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"`)

func TestPostHogCapture(t *testing.T) {
	rec := &captured{}
	c, _ := newChain(t, WithCapturer(rec))
	_, err := c.Add(context.Background(), PluginConfig{ID: 7, TeamID: 3, Plugin: loadJS(t, "capturer", `
export async function processEvent(event) {
    await posthog.capture('derived', { from: event.event, nested: { a: [1, 2] } })
    posthog.capture('explicit', { distinct_id: 'user-1', timestamp: '2024-01-02T03:04:05.000Z' })
    return event
}`)})
	require.NoError(t, err)
	_, err = c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"pageview","properties":{}}`))
	require.NoError(t, err)
	require.Len(t, rec.events, 2)
	assert.Equal(t, PluginSource{Plugin: "capturer", ConfigID: 7, TeamID: 3}, rec.src[0])
	for i := range rec.events {
		assert.Regexp(t, uuidPattern, rec.events[i])
		rec.events[i] = uuidPattern.ReplaceAllString(rec.events[i], `"uuid":"U"`)
	}
	assert.Regexp(t, `^\{"distinct_id":"capturer","event":"derived","timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","properties":\{"\$lib":"posthog-plugin-server","\$lib_version":"`+regexp.QuoteMeta(Version)+`","distinct_id":"capturer","from":"pageview","nested":\{"a":\[1,2\]\}\},"team_id":3,"uuid":"U"\}$`, rec.events[0])
	assert.Equal(t, `{"distinct_id":"user-1","event":"explicit","timestamp":"2024-01-02T03:04:05.000Z","properties":{"$lib":"posthog-plugin-server","$lib_version":"`+Version+`","distinct_id":"user-1"},"team_id":3,"uuid":"U"}`, rec.events[1])
}

func TestPostHogCaptureDefaultsToLogSink(t *testing.T) {
	c, sink := newChain(t)
	_, err := c.Add(context.Background(), PluginConfig{ID: 1, Plugin: loadJS(t, "p", `export function processEvent(e) { posthog.capture('x'); return e }`)})
	require.NoError(t, err)
	_, err = c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e"}`))
	require.NoError(t, err)
	require.Len(t, sink.Lines(), 1)
	assert.Regexp(t, `^p info: posthog.capture: \{"distinct_id":"p","event":"x",`, sink.Lines()[0])
}

func TestPostHogCaptureErrorRejects(t *testing.T) {
	fail := CapturerFunc(func(context.Context, PluginSource, *Event) error { return assert.AnError })
	c, _ := newChain(t, WithCapturer(fail))
	_, err := c.Add(context.Background(), PluginConfig{ID: 1, Plugin: loadJS(t, "p", `
export async function processEvent(e) {
    try { await posthog.capture('x') } catch (err) { e.properties.err = err.message }
    return e
}`)})
	require.NoError(t, err)
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("err")
	assert.Equal(t, "posthog.capture: "+assert.AnError.Error(), v)
}

func TestPostHogAPIUnconfiguredRejects(t *testing.T) {
	c, _ := newChain(t)
	_, err := c.Add(context.Background(), PluginConfig{ID: 1, Plugin: loadJS(t, "p", `
export async function processEvent(e) {
    try { await posthog.api.get('/api/projects/@current') } catch (err) { e.properties.err = err.message }
    return e
}`)})
	require.NoError(t, err)
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	v, _ := out.Property("err")
	assert.Equal(t, "posthog.api: the host has not configured PostHog API access", v)
}

func TestHostModule(t *testing.T) {
	c, _ := newChain(t, WithModule("@acme/lookup", vm.Members{
		{Key: "upper", Value: vm.SyncFunc(func(args []any) (any, error) { return jsString(args[0]) + "!", nil })},
		{Key: "fetchName", Value: vm.AsyncFunc(func(_ context.Context, args []any) (any, error) { return "name-" + jsString(args[0]), nil })},
		{Key: "version", Value: "1.2"},
	}))
	_, err := c.Add(context.Background(), PluginConfig{ID: 1, Plugin: loadJS(t, "p", `
import lookup, { upper } from '@acme/lookup'
const again = require('@acme/lookup')
export async function processEvent(e) {
    e.properties.r = [upper('a'), await lookup.fetchName(42), lookup.version, again === lookup]
    return e
}`)})
	require.NoError(t, err)
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	r, _ := out.Property("r")
	assert.Equal(t, `["a!","name-42","1.2",true]`, jsonValue(t, r))
}

func TestPostHogAPI(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery+" "+r.Header.Get("Authorization")+" "+string(body))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"results":[{"id":1}]}`)
	}))
	defer srv.Close()
	api := StaticPostHogAPI{Host: srv.URL + "/", ProjectToken: "phc_project", PersonalAPIKey: "phx_personal"}
	c, _ := newChain(t, WithPostHogAPI(api), WithHTTP(srv.Client()))
	_, err := c.Add(context.Background(), PluginConfig{ID: 1, Plugin: loadJS(t, "p", `
export async function processEvent(e) {
    const res = await posthog.api.get('/api/projects/@current/persons', { data: { search: 'ada lovelace' } })
    e.properties.status = res.status
    e.properties.first = (await res.json()).results[0].id
    await posthog.api.post('api/annotations', { data: { content: 'deploy' } })
    await posthog.api.delete('/api/thing/1')
    return e
}`)})
	require.NoError(t, err)
	out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
	require.NoError(t, err)
	status, _ := out.Property("status")
	first, _ := out.Property("first")
	assert.Equal(t, float64(200), status)
	assert.Equal(t, float64(1), first)
	assert.Equal(t, []string{
		"GET /api/projects/@current/persons?search=ada+lovelace&token=phc_project Bearer phx_personal ",
		`POST /api/annotations?token=phc_project Bearer phx_personal {"content":"deploy"}`,
		"DELETE /api/thing/1?token=phc_project Bearer phx_personal ",
	}, got)
}
