// Command ingest is an example of embedding a plugchain.Chain in a Go service: a small
// PostHog-style ingestion endpoint that runs every captured event through PostHog plugins.
//
//	go run ./examples/ingest -chain examples/chain.json
//	go run ./examples/ingest -plugins path/to/plugins   # every plugin in the folder, default config
//
//	curl -s localhost:8000/capture -d '{"event":"$pageview","distinct_id":"u1","properties":{"$current_url":"https://example.com/"}}'
//	curl -s localhost:8000/capture -d '{"batch":[{"event":"a","distinct_id":"u1"},{"event":"b","distinct_id":"u2"}]}'
//
// POST /capture takes one event, or {"batch":[event, ...]}, runs each event through the
// chain's processEvent functions and then its onEvent functions, and answers
// {"status":1,"events":[...]} with the processed events in input order (null for an event a
// plugin dropped). A plugin that throws or times out does not fail the request: the error is
// logged and the event goes on as the chain left it. GET /healthz answers 200 while the
// server runs; GET /status reports each plugin config's setup state, counters and last error
// (what a metrics exporter would read from Chain.Status).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/ojson"
)

const (
	// maxBodyBytes bounds a /capture request body (PostHog accepts batches of up to 20 MB).
	maxBodyBytes = 20 << 20
	// maxBatch bounds the number of events in one request.
	maxBatch = 1000
	// requestTimeout bounds the time one /capture request may spend in the chain. Plugin
	// calls have their own, shorter limit (-timeout).
	requestTimeout = 60 * time.Second
	// shutdownTimeout bounds the wait for requests in progress and for teardownPlugin.
	shutdownTimeout = 30 * time.Second
)

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	slog.SetDefault(logger)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal kills the process
	}()
	if err := run(ctx, os.Args[1:], logger, nil); err != nil {
		logger.Error("ingest: " + err.Error())
		os.Exit(1)
	}
}

// run is the whole program: it serves until ctx ends, then shuts down gracefully. ready, if
// not nil, is called with the listening address once the server accepts connections.
func run(ctx context.Context, args []string, logger *slog.Logger, ready func(net.Addr)) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	addr := fs.String("addr", ":8000", "address to listen on")
	pluginsDir := fs.String("plugins", "", "folder of plugin folders to run, in name order, with their default config")
	chainPath := fs.String("chain", "", `chain file: {"plugins":[{"path":DIR,"config":{...}}]}, paths relative to the file`)
	timeout := fs.Duration("timeout", 10*time.Second, "time limit of each plugin call")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if (*pluginsDir == "") == (*chainPath == "") {
		return errors.New("give exactly one of -chain FILE or -plugins DIR")
	}

	chain := plugchain.New(
		plugchain.WithTimeout(*timeout),
		plugchain.WithLogSink(plugchain.SlogSink{Logger: logger}),
	)
	closeChain := func() {
		cctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := chain.Close(cctx); err != nil {
			logger.Error("closing the plugin chain", "error", err)
		}
	}
	var err error
	if *chainPath != "" {
		err = chain.AddChainFile(ctx, *chainPath)
	} else {
		err = loadPluginsDir(ctx, chain, *pluginsDir)
	}
	if err != nil {
		closeChain()
		return err
	}
	for _, pc := range chain.Configs() {
		logger.Info("plugin loaded", "plugin", pc.Plugin.Name(), "config_id", pc.ID)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		closeChain()
		return err
	}
	srv := &http.Server{
		Handler:           newHandler(chain),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      requestTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	logger.Info("listening", "addr", ln.Addr().String())
	if ready != nil {
		ready(ln.Addr())
	}

	select {
	case err = <-serveErr:
		closeChain()
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	// Stop accepting requests and wait for those in progress, then tear the plugins down.
	if err := srv.Shutdown(sctx); err != nil {
		logger.Error("shutting down the HTTP server", "error", err)
	}
	closeChain()
	return nil
}

// newHandler serves /capture, /healthz and /status with chain.
func newHandler(chain *plugchain.Chain) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/capture", &captureHandler{chain: chain, log: slog.Default()})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			methodNotAllowed(w, http.MethodGet, http.MethodHead)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "plugins": len(chain.Configs())})
	})
	mux.HandleFunc("/status", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			methodNotAllowed(w, http.MethodGet, http.MethodHead)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"plugins": statusReport(chain.Status())})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	return mux
}

// statusReport turns the chain's status into JSON-friendly values.
func statusReport(list []plugchain.ConfigStatus) []map[string]any {
	out := make([]map[string]any, 0, len(list))
	for _, st := range list {
		entry := map[string]any{
			"id":              st.ID,
			"plugin":          st.Plugin,
			"team_id":         st.TeamID,
			"state":           st.State,
			"instances":       st.Instances,
			"buffered_events": st.BufferedEvents,
			"counters":        st.Counters,
		}
		if st.SetupError != nil {
			entry["setup_error"] = st.SetupError.Error()
		}
		if st.LastError != nil {
			entry["last_error"] = st.LastError.Error()
			entry["last_error_at"] = st.LastErrorAt
		}
		durations := map[string]any{}
		for method, d := range st.Durations {
			durations[method] = map[string]any{"count": d.Count, "total_ms": d.Total.Milliseconds(), "max_ms": d.Max.Milliseconds()}
		}
		entry["durations"] = durations
		out = append(out, entry)
	}
	return out
}

type captureHandler struct {
	chain *plugchain.Chain
	log   *slog.Logger
}

func (h *captureHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		methodNotAllowed(w, http.MethodPost)
		return
	}
	// Like PostHog, the body is read as JSON whatever its Content-Type (browsers often send
	// text/plain to avoid a CORS preflight).
	if ce := r.Header.Get("Content-Encoding"); ce != "" && ce != "identity" {
		writeError(w, http.StatusUnsupportedMediaType, "Content-Encoding "+ce+" is not supported")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than %d bytes", tooBig.Limit))
			return
		}
		writeError(w, http.StatusBadRequest, "reading request body: "+err.Error())
		return
	}
	events, err := parseCapture(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid payload: "+err.Error())
		return
	}

	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	out := make([]*plugchain.Event, len(events))
	for i, ev := range events {
		res, err := h.process(ctx, ev)
		if err != nil {
			switch {
			case r.Context().Err() != nil:
				// The client went away; nobody reads the answer.
				h.log.Warn("capture request cancelled", "events", len(events), "done", i)
			case errors.Is(err, plugchain.ErrClosed):
				writeError(w, http.StatusServiceUnavailable, "shutting down")
			case errors.Is(err, context.DeadlineExceeded):
				h.log.Error("capture request timed out", "events", len(events), "done", i, "timeout", requestTimeout)
				writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("processing took longer than %s", requestTimeout))
			default:
				writeError(w, http.StatusInternalServerError, "processing events: "+err.Error())
			}
			return
		}
		out[i] = res
	}

	var buf bytes.Buffer
	buf.WriteString(`{"status":1,"events":[`)
	for i, ev := range out {
		if i > 0 {
			buf.WriteByte(',')
		}
		if ev == nil {
			buf.WriteString("null")
			continue
		}
		b, err := ev.MarshalJSON()
		if err != nil {
			// Cannot happen for an event parsed from JSON, but a plugin could in principle
			// leave a value JSON cannot hold.
			h.log.Error("encoding a processed event", "event", ev.Name(), "uuid", ev.UUID(), "error", err)
			b = []byte("null")
		}
		buf.Write(b)
	}
	buf.WriteString("]}\n")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// process runs one event through the chain. Plugin errors are logged, not returned: the
// returned error is a host-side failure (the chain is closed, ctx ended).
func (h *captureHandler) process(ctx context.Context, ev *plugchain.Event) (*plugchain.Event, error) {
	res, err := h.chain.ProcessEvent(ctx, ev)
	if err = h.report(ctx, ev, err); err != nil {
		return nil, err
	}
	if res == nil {
		return nil, nil // dropped by a plugin
	}
	if err = h.report(ctx, res, h.chain.OnEvent(ctx, res)); err != nil {
		return nil, err
	}
	return res, nil
}

// report logs the plugin errors in err, a ProcessEvent or OnEvent result, and returns the
// error that should fail the request, if any. The chain's LogSink has already logged each
// plugin error with its details (such as the JavaScript stack); this adds the event.
func (h *captureHandler) report(ctx context.Context, ev *plugchain.Event, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, plugchain.ErrClosed) {
		return err
	}
	pes := plugchain.PluginErrors(err)
	for _, pe := range pes {
		h.log.Warn("plugin failed on event", "event", ev.Name(), "uuid", ev.UUID(),
			"plugin", pe.Plugin, "config_id", pe.ConfigID, "method", pe.Method, "error", pe.Err)
	}
	if len(pes) == 0 {
		h.log.Error("processing event", "event", ev.Name(), "uuid", ev.UUID(), "error", err)
	}
	return nil
}

// parseCapture decodes a /capture body: one event object, or {"batch": [event, ...]}.
// Events keep their key order (plugchain's ojson), as they would in a JavaScript server.
func parseCapture(body []byte) ([]*plugchain.Event, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errors.New("empty body, expected an event or {\"batch\": [...]}")
	}
	v, err := ojson.Parse(body)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(*ojson.Object)
	if !ok {
		return nil, fmt.Errorf("expected a JSON object (an event or {\"batch\": [...]}), got %s", ojson.TypeName(v))
	}
	if !obj.Has("batch") {
		if err := checkEvent(obj); err != nil {
			return nil, err
		}
		return []*plugchain.Event{plugchain.EventFromObject(obj)}, nil
	}
	raw, _ := obj.Get("batch")
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf(`"batch" must be an array of events, got %s`, ojson.TypeName(raw))
	}
	if len(list) == 0 {
		return nil, errors.New(`"batch" is empty`)
	}
	if len(list) > maxBatch {
		return nil, fmt.Errorf(`"batch" has %d events, at most %d are allowed`, len(list), maxBatch)
	}
	events := make([]*plugchain.Event, len(list))
	for i, item := range list {
		o, ok := item.(*ojson.Object)
		if !ok {
			return nil, fmt.Errorf("batch[%d]: expected an event object, got %s", i, ojson.TypeName(item))
		}
		if err := checkEvent(o); err != nil {
			return nil, fmt.Errorf("batch[%d]: %w", i, err)
		}
		events[i] = plugchain.EventFromObject(o)
	}
	return events, nil
}

// checkEvent applies PostHog's minimal checks: an event needs a name.
func checkEvent(o *ojson.Object) error {
	if name, ok := o.GetString("event"); !ok || name == "" {
		return errors.New(`every event needs an "event" name (a non-empty string)`)
	}
	return nil
}

func methodNotAllowed(w http.ResponseWriter, allowed ...string) {
	for _, m := range allowed {
		w.Header().Add("Allow", m)
	}
	writeError(w, http.StatusMethodNotAllowed, "method not allowed, use "+allowed[0])
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]any{"status": 0, "error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// loadPluginsDir adds every plugin folder in dir (one holding plugin.json) to chain, in name
// order, with the config defaults of its plugin.json.
func loadPluginsDir(ctx context.Context, chain *plugchain.Chain, dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "plugin.json")); err == nil {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return fmt.Errorf("%s: no plugin folders (with a plugin.json) found", dir)
	}
	sort.Strings(names)
	for _, name := range names {
		p, err := plugchain.LoadPlugin(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if _, err := chain.Add(ctx, plugchain.PluginConfig{Plugin: p}); err != nil {
			return fmt.Errorf("%s: %w (use -chain to give config values)", filepath.Join(dir, name), err)
		}
	}
	return nil
}
