// Package vm is plugchain's JavaScript side: it transpiles plugin sources with esbuild,
// compiles them once for goja, and runs them in Instances. Each Instance is one goja runtime
// with PostHog's globals, a meta object built from the host's description, a small event loop
// for host operations, deadlines wired to the runtime's interrupt, and conversion between
// ojson values and JavaScript (lazy and copy-on-write for events: see lazyObject). The
// Node.js-compatible globals and modules
// (Buffer, URL, fetch, crypto, zlib, stream, timers, Intl ...) register themselves in
// registry.go and are built per instance on first use. Nothing outside this package imports
// goja.
package vm
