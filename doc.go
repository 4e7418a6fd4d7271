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
// *PluginError, never a crash. The host supplies storage, cache, GeoIP, HTTP and logging through
// small interfaces (Storage, Cache, GeoIP, HTTPDoer, LogSink); in-memory defaults from package
// memstore make a Chain work with no setup.
package plugchain
