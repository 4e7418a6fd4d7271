package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain"
)

// quietSink drops plugin output, keeping test logs readable; it counts console lines.
type quietSink struct {
	mu    sync.Mutex
	lines []string
}

func (s *quietSink) PluginLog(_ context.Context, src plugchain.PluginSource, level, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines = append(s.lines, src.Plugin+" "+level+": "+msg)
}

func (s *quietSink) PluginError(context.Context, *plugchain.PluginError) {}

func (s *quietSink) logged() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.lines...)
}

// exampleServer serves newHandler over the example chain (examples/chain.json).
func exampleServer(t *testing.T) (*httptest.Server, *quietSink) {
	t.Helper()
	sink := &quietSink{}
	chain := plugchain.New(plugchain.WithLogSink(sink), plugchain.WithTimeout(10*time.Second))
	t.Cleanup(func() { require.NoError(t, chain.Close(context.Background())) })
	require.NoError(t, chain.AddChainFile(context.Background(), filepath.Join("..", "chain.json")))
	srv := httptest.NewServer(newHandler(chain))
	t.Cleanup(srv.Close)
	return srv, sink
}

// capture posts body to /capture and returns the status and the decoded response.
func capture(t *testing.T, srv *httptest.Server, body string) (int, map[string]json.RawMessage) {
	t.Helper()
	resp, err := http.Post(srv.URL+"/capture", "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &out), "response: %s", raw)
	return resp.StatusCode, out
}

// events decodes the "events" array of a /capture response, keeping each event's raw JSON.
func events(t *testing.T, out map[string]json.RawMessage) []json.RawMessage {
	t.Helper()
	require.JSONEq(t, `1`, string(out["status"]))
	var list []json.RawMessage
	require.NoError(t, json.Unmarshal(out["events"], &list))
	return list
}

const pageview = `{"uuid":"018f7a3c-0001","distinct_id":"u1","ip":"81.2.69.142","team_id":2,"event":"$pageview",` +
	`"properties":{"$current_url":"https://shop.example.com/pricing","$ip":"81.2.69.142","$set":{"email":"ada@example.com","plan":"pro"}}}`

func TestCaptureOneEvent(t *testing.T) {
	srv, sink := exampleServer(t)
	code, out := capture(t, srv, pageview)
	require.Equal(t, http.StatusOK, code)
	list := events(t, out)
	require.Len(t, list, 1)
	// Every plugin of the chain ran: Hello World greeted, Property Filter removed $ip and
	// $set.email, GeoIP found no database (none is configured) and left the event alone, and
	// the keys kept their order.
	require.Equal(t,
		`{"uuid":"018f7a3c-0001","distinct_id":"u1","ip":null,"team_id":2,"event":"$pageview",`+
			`"properties":{"$current_url":"https://shop.example.com/pricing","$set":{"plan":"pro"},"hello":"Hello plugchain",`+
			`"$plugins_succeeded":["Hello World (1)","Schema Enforcer (2)","GeoIP (3)","Property Filter (5)"],`+
			`"$plugins_failed":[],"$plugins_deferred":["Pageview Logger (4)"]}}`,
		string(list[0]))
	// onEvent ran before the response.
	require.Equal(t, []string{"Pageview Logger log: pageview https://shop.example.com/pricing"}, sink.logged())
}

func TestCaptureBatch(t *testing.T) {
	srv, _ := exampleServer(t)
	body := `{"api_key":"phc_test","batch":[
		{"event":"signup_completed","distinct_id":"u1","properties":{"plan":"pro","seats":5}},
		{"event":"purchase","distinct_id":"u1","properties":{"amount":"49.00","currency":"EUR"}},
		{"event":"$pageleave","distinct_id":"u2","properties":{"$ip":"203.0.113.7"}}
	]}`
	code, out := capture(t, srv, body)
	require.Equal(t, http.StatusOK, code)
	list := events(t, out)
	require.Len(t, list, 3, "one result per input event, in order")

	var first, third struct {
		Event      string         `json:"event"`
		Properties map[string]any `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(list[0], &first))
	require.Equal(t, "signup_completed", first.Event)
	require.Equal(t, "Hello plugchain", first.Properties["hello"])
	require.JSONEq(t, `null`, string(list[1]), "the purchase breaks the schema (amount is a string)")
	require.NoError(t, json.Unmarshal(list[2], &third))
	require.Equal(t, "$pageleave", third.Event)
	require.NotContains(t, third.Properties, "$ip")
}

func TestCaptureDroppedEvent(t *testing.T) {
	srv, sink := exampleServer(t)
	// The schema requires seats on signup_completed.
	code, out := capture(t, srv, `{"event":"signup_completed","distinct_id":"u1","uuid":"e1","properties":{"plan":"pro"}}`)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, `[null]`, string(out["events"]))
	require.Equal(t, []string{`Schema Enforcer warn: Dropping "signup_completed" event e1: missing required property "seats"`}, sink.logged())
}

func TestCaptureBadPayload(t *testing.T) {
	srv, _ := exampleServer(t)
	for _, tc := range []struct{ name, body, msg string }{
		{"malformed JSON", `{"event": "$pageview",`, "invalid JSON"},
		{"trailing data", `{"event":"a"} x`, "invalid JSON"},
		{"empty body", ``, "empty body"},
		{"not an object", `["a"]`, "expected a JSON object"},
		{"batch not an array", `{"batch":{"event":"a"}}`, `"batch" must be an array`},
		{"empty batch", `{"batch":[]}`, `"batch" is empty`},
		{"batch item not an object", `{"batch":[{"event":"a"},1]}`, "batch[1]: expected an event object, got number"},
		{"missing event name", `{"distinct_id":"u1"}`, `needs an "event" name`},
		{"missing event name in batch", `{"batch":[{"event":"a"},{"event":""}]}`, `batch[1]: every event needs`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := capture(t, srv, tc.body)
			require.Equal(t, http.StatusBadRequest, code)
			var msg string
			require.NoError(t, json.Unmarshal(out["error"], &msg))
			require.Contains(t, msg, tc.msg)
			require.True(t, strings.HasPrefix(msg, "invalid payload: "), msg)
		})
	}
}

func TestCaptureWrongMethod(t *testing.T) {
	srv, _ := exampleServer(t)
	resp, err := http.Get(srv.URL + "/capture")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	require.Equal(t, "POST", resp.Header.Get("Allow"))
	body, _ := io.ReadAll(resp.Body)
	require.JSONEq(t, `{"status":0,"error":"method not allowed, use POST"}`, string(body))
}

func TestCaptureBodyTooLarge(t *testing.T) {
	srv, _ := exampleServer(t)
	big := `{"event":"a","properties":{"blob":"` + strings.Repeat("x", maxBodyBytes) + `"}}`
	code, out := capture(t, srv, big)
	require.Equal(t, http.StatusRequestEntityTooLarge, code)
	require.Contains(t, string(out["error"]), "larger than")
}

func TestCapturePluginErrorIsNotA5xx(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plugin.json"), []byte(`{"name":"Thrower"}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.js"), []byte(
		`export function processEvent(event) { event.properties.seen = true; throw new Error('boom') }`), 0o644))
	p, err := plugchain.LoadPlugin(dir)
	require.NoError(t, err)
	chain := plugchain.New(plugchain.WithLogSink(&quietSink{}))
	defer chain.Close(context.Background())
	_, err = chain.Add(context.Background(), plugchain.PluginConfig{Plugin: p})
	require.NoError(t, err)
	srv := httptest.NewServer(newHandler(chain))
	defer srv.Close()

	code, out := capture(t, srv, `{"event":"a","properties":{}}`)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, `[{"event":"a","properties":{"seen":true,"$plugins_succeeded":[],"$plugins_failed":["Thrower (1)"],"$plugins_deferred":[]}}]`,
		string(out["events"]))
}

func TestHealthz(t *testing.T) {
	srv, _ := exampleServer(t)
	resp, err := http.Get(srv.URL + "/healthz")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	body, _ := io.ReadAll(resp.Body)
	require.JSONEq(t, `{"status":"ok","plugins":5}`, string(body))

	resp, err = http.Post(srv.URL+"/healthz", "text/plain", nil)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func TestStatus(t *testing.T) {
	srv, _ := exampleServer(t)
	code, _ := capture(t, srv, `{"event":"$pageview","distinct_id":"u1","properties":{"$current_url":"https://example.com/"}}`)
	require.Equal(t, http.StatusOK, code)
	resp, err := http.Get(srv.URL + "/status")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var body struct {
		Plugins []struct {
			Plugin   string
			State    string
			Counters struct{ EventsIn, EventsOut uint64 }
		}
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	require.Len(t, body.Plugins, 5)
	first := body.Plugins[0]
	require.Equal(t, "Hello World", first.Plugin)
	require.Equal(t, "ready", first.State)
	require.Equal(t, uint64(1), first.Counters.EventsIn)
	require.Equal(t, uint64(1), first.Counters.EventsOut)
}

func TestRunServesAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-chain", filepath.Join("..", "chain.json")}, logger,
			func(a net.Addr) { addrs <- a })
	}()
	var addr net.Addr
	select {
	case addr = <-addrs:
	case err := <-done:
		t.Fatalf("run returned early: %v", err)
	}
	resp, err := http.Post("http://"+addr.String()+"/capture", "application/json", strings.NewReader(pageview))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	cancel() // as SIGINT/SIGTERM do
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after its context ended")
	}
	_, err = http.Get("http://" + addr.String() + "/healthz")
	require.Error(t, err, "the server stopped listening")
}

func TestRunFlags(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	require.ErrorContains(t, run(ctx, nil, logger, nil), "exactly one of -chain FILE or -plugins DIR")
	require.ErrorContains(t, run(ctx, []string{"-chain", "missing.json"}, logger, nil), "missing.json")
	// The example plugins need config values (the schema, the properties to filter), which
	// only a chain file gives.
	require.ErrorContains(t, run(ctx, []string{"-plugins", filepath.Join("..", "plugins")}, logger, nil), "use -chain to give config values")
}
