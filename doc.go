// Package plugchain runs PostHog plugins ("apps") inside a Go program.
//
// A plugin is a directory with plugin.json and index.js or index.ts, written for PostHog's
// plugin server; plugchain runs it unchanged. LoadPlugin compiles a directory once; a Chain
// holds plugin configs (installations of plugins, with their config values) in order and
// runs events through them:
//
//	p, err := plugchain.LoadPlugin("plugins/hello-world")
//	chain := plugchain.New()
//	_, err = chain.Add(ctx, plugchain.PluginConfig{Plugin: p, Config: map[string]any{"name": "Go"}})
//	out, err := chain.ProcessEvent(ctx, ev) // nil when a plugin dropped the event
//	err = chain.OnEvent(ctx, out)
//
// Each plugin function runs in a sandboxed JavaScript VM (goja) under the caller's context and
// a per-call time limit; a plugin that throws, loops or never settles its promise yields a
// *PluginError, never a crash. The host supplies storage, cache, GeoIP, HTTP, logging and
// captured events through small interfaces (Storage, Cache, GeoIP, HTTPDoer, LogSink,
// Capturer, PostHogAPI); in-memory defaults from package memstore make a Chain work with no
// setup, and package geoip reads MaxMind databases.
//
// Beyond events, a Chain runs what plugins do in the background: jobs queued with meta.jobs
// (JobQueue; in memory by default, or the host's queue driving RunJob), runEvery* tasks on their
// cron schedules (RunScheduled for hosts with their own scheduler), exportEvents batches
// buffered by size and age, and retries of RetryErrors with back-off, all on an injectable
// Clock. Close exports what is buffered before tearing plugins down. Status reports each
// config's setup state and counters, and WithObserver hands every call's measurement to the
// host's metrics.
//
// Events are shared, not copied: a plugin reads the host's event in place and its changes
// are kept beside it, and ProcessEvent's result shares the parts no plugin changed with its
// input. Event copies itself the first time the host asks for a shared event's data to
// change it, so each side can change its own event safely; see Event.
//
// Plugins see the globals and modules PostHog's server gave them with Node.js behaviour: URL,
// Buffer, fetch (node-fetch v2, with private networks refused by the default client), crypto,
// zlib, stream, timers bounded by the call, console formatting like Node's, dates in UTC (or
// WithTimeZone's zone) with ICU's locale formatting, posthog.capture and posthog.api. They
// are built, and plugchain's own JavaScript for them compiled, when a plugin first uses them.
//
// Plugins allocate for every event they touch, and with a small heap Go's collector, at its
// default GOGC=100, runs every few megabytes: it took about a third of the CPU time of a
// four-plugin chain. Hosts that can spare memory get much of that back with a higher GOGC
// (the plugchain command uses 400) or a GOMEMLIMIT-based setting.
package plugchain
