package plugchain_test

import (
	"context"
	"errors"
	"expvar"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/ojson"
)

// discardSink is a plugchain.LogSink that drops plugin console output and errors. A real host
// would forward them to its logger, as plugchain.SlogSink does.
type discardSink struct{}

func (discardSink) PluginLog(context.Context, plugchain.PluginSource, string, string) {}
func (discardSink) PluginError(context.Context, *plugchain.PluginError)               {}

// writePlugin writes a plugin folder (plugin.json and index.js) to a new temporary directory.
func writePlugin(name, indexJS string) (dir string, cleanup func()) {
	dir, err := os.MkdirTemp("", "plugchain-example-")
	if err != nil {
		log.Fatal(err)
	}
	files := map[string]string{
		"plugin.json": fmt.Sprintf(`{"name": %q, "config": []}`, name),
		"index.js":    indexJS,
	}
	for file, contents := range files {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(contents), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	return dir, func() { os.RemoveAll(dir) }
}

// Run one event through the Hello World example plugin.
func Example() {
	ctx := context.Background()

	// Load (read, check and compile) the plugin once; it can be installed many times.
	p, err := plugchain.LoadPlugin("examples/plugins/hello-world")
	if err != nil {
		log.Fatal(err)
	}

	chain := plugchain.New(plugchain.WithLogSink(discardSink{}))
	defer chain.Close(ctx)
	// Install it with its config values (plugin.json's config fields), which runs setupPlugin.
	if _, err := chain.Add(ctx, plugchain.PluginConfig{Plugin: p, Config: map[string]any{"name": "Go"}}); err != nil {
		log.Fatal(err)
	}

	ev, err := plugchain.ParseEvent([]byte(`{
		"event": "$pageview",
		"distinct_id": "user-1",
		"properties": {"$current_url": "https://example.com/"}
	}`))
	if err != nil {
		log.Fatal(err)
	}
	out, err := chain.ProcessEvent(ctx, ev)
	if err != nil {
		log.Fatal(err)
	}
	if err := chain.OnEvent(ctx, out); err != nil {
		log.Fatal(err)
	}

	props, err := ojson.Marshal(out.Properties())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(props))
	// Output:
	// {"$current_url":"https://example.com/","hello":"Hello Go","$plugins_succeeded":["Hello World (1)"],"$plugins_failed":[],"$plugins_deferred":[]}
}

// A plugin drops an event by returning a falsy value from processEvent; ProcessEvent then
// returns nil.
func ExampleChain_ProcessEvent() {
	ctx := context.Background()
	dir, cleanup := writePlugin("Drop Internal", `
		export function processEvent(event) {
			if (event.properties?.internal) {
				return null // drop the event
			}
			return event
		}
	`)
	defer cleanup()
	p, err := plugchain.LoadPlugin(dir)
	if err != nil {
		log.Fatal(err)
	}

	chain := plugchain.New(plugchain.WithLogSink(discardSink{}))
	defer chain.Close(ctx)
	if _, err := chain.Add(ctx, plugchain.PluginConfig{Plugin: p}); err != nil {
		log.Fatal(err)
	}

	for _, internal := range []bool{false, true} {
		ev := plugchain.NewEvent("signup", "user-1")
		ev.SetProperty("internal", internal)
		out, err := chain.ProcessEvent(ctx, ev)
		if err != nil {
			log.Fatal(err)
		}
		if out == nil {
			fmt.Printf("internal=%v: dropped\n", internal)
			continue
		}
		by, _ := out.Property("$plugins_succeeded")
		fmt.Printf("internal=%v: kept by %v\n", internal, by)
	}
	// Output:
	// internal=false: kept by [Drop Internal (1)]
	// internal=true: dropped
}

// A plugin that throws does not stop the chain: ProcessEvent returns the event as the plugin
// left it, together with an error that PluginErrors takes apart.
func ExamplePluginErrors() {
	ctx := context.Background()
	dir, cleanup := writePlugin("Flaky", `
		export function processEvent(event) {
			throw new TypeError('no API key for ' + event.event)
		}
	`)
	defer cleanup()
	p, err := plugchain.LoadPlugin(dir)
	if err != nil {
		log.Fatal(err)
	}

	chain := plugchain.New(plugchain.WithLogSink(discardSink{}))
	defer chain.Close(ctx)
	if _, err := chain.Add(ctx, plugchain.PluginConfig{Plugin: p}); err != nil {
		log.Fatal(err)
	}

	out, err := chain.ProcessEvent(ctx, plugchain.NewEvent("purchase", "user-1"))
	for _, pe := range plugchain.PluginErrors(err) {
		fmt.Println("plugin:", pe.Plugin)
		fmt.Println("method:", pe.Method)
		fmt.Println("error: ", pe.Err)
		var se *plugchain.ScriptError
		if errors.As(pe, &se) {
			fmt.Println("thrown:", se.Name)
		}
	}
	failed, _ := out.Property("$plugins_failed")
	fmt.Println("event kept, failed plugins:", failed)
	// Output:
	// plugin: Flaky
	// method: processEvent
	// error:  TypeError: no API key for purchase
	// thrown: TypeError
	// event kept, failed plugins: [Flaky (1)]
}

// Export plugin metrics through WithObserver: one callback per finished plugin call. With
// Prometheus, the callback body is calls.WithLabelValues(m.Plugin, m.Method, outcome).Inc()
// and seconds.WithLabelValues(m.Plugin, m.Method).Observe(m.Duration.Seconds()); with
// OpenTelemetry, a counter's Add and a histogram's Record with the same attributes.
// Chain.Status gives the totals (and setup states) for gauges.
func ExampleWithObserver() {
	ctx := context.Background()
	dir, cleanup := writePlugin("Picky", `
		export function processEvent(event) {
			if (!event.distinct_id) throw new Error('anonymous event')
			return event
		}
	`)
	defer cleanup()
	p, err := plugchain.LoadPlugin(dir)
	if err != nil {
		log.Fatal(err)
	}

	calls := expvar.NewMap("plugchain_calls")
	chain := plugchain.New(plugchain.WithLogSink(discardSink{}), plugchain.WithObserver(func(m plugchain.Measurement) {
		outcome := "ok"
		if m.Err != nil {
			outcome = "error"
		}
		calls.Add(m.Plugin+" "+m.Method+" "+outcome, 1)
	}))
	defer chain.Close(ctx)
	if _, err := chain.Add(ctx, plugchain.PluginConfig{Plugin: p}); err != nil {
		log.Fatal(err)
	}
	for _, who := range []string{"user-1", "", "user-2"} {
		_, _ = chain.ProcessEvent(ctx, plugchain.NewEvent("signup", who))
	}

	fmt.Println(calls.String())
	st := chain.Status()[0]
	fmt.Printf("%s: %s, in %d, out %d, failed %d\n", st.Plugin, st.State, st.Counters.EventsIn, st.Counters.EventsOut, st.Counters.EventsFailed)
	// Output:
	// {"Picky processEvent error": 1, "Picky processEvent ok": 2}
	// Picky: ready, in 3, out 2, failed 1
}
