package plugchain

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/plugchain/plugchain/internal/wtf8"
	"github.com/plugchain/plugchain/ojson"
)

// ProcessEvent runs ev through every plugin's processEvent in chain order, each getting the
// previous one's result, and returns the final event, or nil when a plugin dropped it (returned
// a falsy value). ev itself is not modified.
//
// A plugin that throws or times out does not stop the chain: the event goes on as that plugin
// left it, and the error is returned (joined with any others; see PluginErrors) alongside the
// event. A plugin that changes team_id has the change reverted and counts as failed. The result
// carries $plugins_succeeded, $plugins_failed and $plugins_deferred properties, as on PostHog.
// $snapshot events skip processEvent. If ctx ends, ProcessEvent stops and returns ctx's error.
func (c *Chain) ProcessEvent(ctx context.Context, ev *Event) (*Event, error) {
	list, lists, err := c.snapshotLists()
	if err != nil {
		return nil, err
	}
	if ev.Name() == "$snapshot" {
		return newEvent(ev.share(), true), nil
	}
	// Plugins only read the objects they are given and return new objects for the levels
	// they change, so the event is shared, not copied, along the chain.
	cur := ev.share()
	teamID, hadTeam := cur.Get("team_id")
	succeeded := entryList{full: lists.processing, fullValue: lists.processingValue}
	deferred := entryList{full: lists.deferring, fullValue: lists.deferringValue}
	var failed []any
	var errs []error
	// ownTop and ownProps tell whether cur and its properties object are the chain's own to
	// change: made by the last call and handed to no one else.
	var ownTop, ownProps bool
	for _, ic := range list {
		if ic.state() != SetupReady {
			continue // not set up: its events pass unchanged, and it is in none of the lists
		}
		if ic.defers() {
			deferred.add(ic.entry)
		}
		if !ic.has["processEvent"] {
			continue
		}
		res, err := c.callEvent(ctx, ic, "processEvent", cur)
		if errors.Is(err, errConfigGone) || errors.Is(err, errSetupPending) {
			continue // removed while this event was on its way, or not set up: skipped
		}
		m := ic.m
		m.eventsIn.Add(1)
		if err != nil {
			m.eventsFailed.Add(1)
			if ctxErr := ctx.Err(); ctxErr != nil {
				return nil, errors.Join(append(errs, ctxErr)...)
			}
			if res.Input != nil {
				cur = res.Input // in-place changes made before the throw stay, as on PostHog
				ownTop, ownProps = false, false
			}
			errs = append(errs, err)
			failed = append(failed, ic.entry)
			continue
		}
		if !res.Present || !truthy(res.Value) {
			m.eventsDropped.Add(1)
			return nil, errors.Join(errs...)
		}
		out, ok := res.Value.(*ojson.Object)
		if !ok {
			m.eventsFailed.Add(1)
			if res.Input != nil {
				cur = res.Input
				ownTop, ownProps = false, false
			}
			errs = append(errs, c.pluginError(ctx, ic, "processEvent",
				fmt.Errorf("returned %s, expected an event object or null", ojson.TypeName(res.Value))))
			failed = append(failed, ic.entry)
			continue
		}
		cur = out
		props, _ := cur.GetObject("properties")
		ownTop, ownProps = res.Fresh(cur), res.Fresh(props)
		if v, has := cur.Get("team_id"); has != hadTeam || !sameValue(v, teamID) {
			if !ownTop {
				cur, ownTop = cur.ShallowClone(1), true // a level of the input the plugin returned
			}
			if hadTeam {
				cur.Set("team_id", teamID)
			} else {
				cur.Delete("team_id")
			}
			errs = append(errs, c.pluginError(ctx, ic, "processEvent",
				&ScriptError{Name: "IllegalOperationError", Message: "Plugin tried to change event.team_id"}))
			failed = append(failed, ic.entry)
			m.eventsFailed.Add(1)
			continue
		}
		m.eventsOut.Add(1)
		succeeded.add(ic.entry)
	}
	if succeeded.len()+len(failed)+deferred.len() > 0 {
		// The two levels changed here are copied unless the last plugin made them.
		if !ownTop {
			cur = cur.ShallowClone(1)
		}
		props, _ := cur.GetObject("properties")
		if props != nil {
			if !ownProps {
				props = props.Extend(3)
				cur.SetRaw("properties", props)
			}
		} else {
			// {...properties} of an array copies its elements under index keys.
			if list, ok := getArray(cur, "properties"); ok {
				props = ojson.NewObject(len(list) + 3)
				for i, e := range list {
					props.Set(strconv.Itoa(i), e)
				}
				cur.Set("properties", props)
			}
		}
		if props == nil {
			props = ojson.NewObject(3)
			cur.Set("properties", props)
		}
		// The lists hold strings only: no need to normalize them.
		props.SetRaw("$plugins_succeeded", succeeded.value())
		props.SetRaw("$plugins_failed", orEmpty(failed))
		props.SetRaw("$plugins_deferred", deferred.value())
	}
	return newEvent(cur, true), errors.Join(errs...)
}

// sameValue compares team_id values the way a plugin leaving team_id alone keeps them:
// scalars by value (JavaScript's !== on primitives), objects and arrays by their JSON.
func sameValue(a, b any) bool {
	switch a.(type) {
	case *ojson.Object, []any:
		ja, errA := ojson.Marshal(a)
		jb, errB := ojson.Marshal(b)
		return errA == nil && errB == nil && string(ja) == string(jb)
	}
	switch b.(type) {
	case *ojson.Object, []any:
		return false
	}
	return a == b
}

func getArray(o *ojson.Object, key string) ([]any, bool) {
	v, _ := o.Get(key)
	a, ok := v.([]any)
	return a, ok
}

// emptyList is the JSON value of an empty $plugins_* list, boxed once: it cannot be changed.
var emptyList any = []any{}

func orEmpty(list []any) any {
	if list == nil {
		return emptyList
	}
	return list
}

// pluginLists are the $plugins_succeeded and $plugins_deferred lists of an event that every
// plugin of a chain handled: almost every event's. They are built once per set of configs and
// shared by the events (no one changes a list in place: an Event copies before a change).
type pluginLists struct {
	processing []any // labels of the configs with processEvent, in chain order
	deferring  []any // labels of the configs with onEvent, onSnapshot or exportEvents
	// the same as JSON values, boxed once
	processingValue, deferringValue any
}

// defers reports whether ic sees events after the chain (onEvent, onSnapshot or
// exportEvents): such configs go in $plugins_deferred.
func (ic *installed) defers() bool {
	return ic.has["onEvent"] || ic.has["onSnapshot"] || ic.has["exportEvents"]
}

func newPluginLists(list []*installed) *pluginLists {
	l := &pluginLists{}
	for _, ic := range list {
		if ic.defers() {
			l.deferring = append(l.deferring, ic.entry)
		}
		if ic.has["processEvent"] {
			l.processing = append(l.processing, ic.entry)
		}
	}
	l.processingValue, l.deferringValue = l.processing, l.deferring
	return l
}

// entryList builds one $plugins_* list of an event. While the entries added are the first
// ones of full, it only counts them, and its value is (a prefix of) full itself.
type entryList struct {
	full      []any
	fullValue any   // full as a JSON value
	n         int   // entries of full added, while own is nil
	own       []any // the entries, once they stop following full
}

func (l *entryList) add(entry any) {
	if l.own == nil && l.n < len(l.full) && l.full[l.n] == entry {
		l.n++
		return
	}
	if l.own == nil {
		l.own = append(make([]any, 0, l.n+1), l.full[:l.n]...)
	}
	l.own = append(l.own, entry)
}

func (l *entryList) len() int {
	if l.own != nil {
		return len(l.own)
	}
	return l.n
}

func (l *entryList) value() any {
	switch {
	case l.own != nil:
		return l.own
	case l.n == 0:
		return emptyList
	case l.n == len(l.full):
		return l.fullValue
	default:
		return l.full[:l.n:l.n]
	}
}

// OnEvent hands the final event to every plugin's onEvent (onSnapshot for $snapshot events),
// all concurrently, and returns when they have finished. A plugin with exportEvents also gets
// the event in its export buffer, unless its exportEventsToIgnore config (comma separated)
// lists the event's name: the buffer is exported when it holds exportEventsBufferBytes of
// JSON (default 1 MiB) or its oldest event has waited exportEventsBufferSeconds (default 10),
// in the background; Flush and Close export what is left. Errors are joined; see PluginErrors.
func (c *Chain) OnEvent(ctx context.Context, ev *Event) error {
	list, err := c.snapshot()
	if err != nil {
		return err
	}
	name := ev.Name()
	snapshot := name == "$snapshot"
	obj := ev.share() // buffers and plugins only read it
	var wg sync.WaitGroup
	errs := make([]error, len(list))
	for i, ic := range list {
		if !snapshot && ic.export != nil && !ic.ignoresExport(name) && ic.state() != SetupFailed {
			c.bufferExport(ic, obj)
		}
		method := onEventMethod(ic, snapshot)
		if method == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.callEvent(ctx, ic, method, obj)
			if errors.Is(err, errConfigGone) || errors.Is(err, errSetupPending) {
				return
			}
			m := ic.m
			m.onEventCalls.Add(1)
			if err != nil {
				m.onEventFailed.Add(1)
				errs[i] = err
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// onEventMethod picks the function that receives a final event, or "" for none.
func onEventMethod(ic *installed, snapshot bool) string {
	switch {
	case snapshot && ic.has["onSnapshot"]:
		return "onSnapshot"
	case !snapshot && ic.has["onEvent"]:
		return "onEvent"
	}
	return ""
}

// ignoresExport reports whether the config's exportEventsToIgnore lists name.
func (ic *installed) ignoresExport(name string) bool {
	return ic.export.ignore[name]
}

// Webhook is an HTTP request a plugin's composeWebhook asked for.
type Webhook struct {
	Plugin   string
	ConfigID int64
	URL      string
	Method   string            // POST unless the plugin said otherwise
	Headers  map[string]string // {"Content-Type": "application/json"} unless the plugin gave headers
	Body     string
}

// webhookEvent builds the PostHogEvent shape composeWebhook receives, sharing ev's values.
func webhookEvent(ev *Event) *ojson.Object {
	src := ev.share()
	out := ojson.NewObject(8)
	for _, k := range []string{"uuid", "event", "team_id", "distinct_id", "properties", "timestamp", "person", "groups"} {
		if v, ok := src.Get(k); ok {
			out.Set(k, v)
		}
	}
	return out
}

// ComposeWebhooks calls every plugin's composeWebhook with the final event and returns the
// requests they asked for, in chain order (a plugin returning null asks for none).
func (c *Chain) ComposeWebhooks(ctx context.Context, ev *Event) ([]Webhook, error) {
	list, err := c.snapshot()
	if err != nil {
		return nil, err
	}
	shaped := webhookEvent(ev)
	var hooks []Webhook
	var errs []error
	for _, ic := range list {
		if !ic.has["composeWebhook"] {
			continue
		}
		res, err := c.callEvent(ctx, ic, "composeWebhook", shaped)
		if errors.Is(err, errConfigGone) || errors.Is(err, errSetupPending) {
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !res.Present || res.Value == nil {
			continue
		}
		hook, err := toWebhook(res.Value)
		if err != nil {
			errs = append(errs, c.pluginError(ctx, ic, "composeWebhook", err))
			continue
		}
		hook.Plugin, hook.ConfigID = ic.Plugin.Name(), ic.ID
		hooks = append(hooks, hook)
	}
	return hooks, errors.Join(errs...)
}

func toWebhook(v any) (Webhook, error) {
	o, ok := v.(*ojson.Object)
	if !ok {
		return Webhook{}, fmt.Errorf("returned %s, expected {url, body, headers?, method?} or null", ojson.TypeName(v))
	}
	h := Webhook{Method: http.MethodPost}
	url, _ := o.GetString("url")
	if url == "" {
		return Webhook{}, errors.New(`returned a webhook without a "url" string`)
	}
	// Strings go out as UTF-8, a lone surrogate as U+FFFD, as Node's fetch sends them.
	h.URL = wtf8.ReplaceSurrogates(url)
	if m, ok := o.GetString("method"); ok && m != "" {
		h.Method = wtf8.ReplaceSurrogates(m)
	}
	switch b, _ := o.Get("body"); x := b.(type) {
	case nil:
	case string:
		h.Body = wtf8.ReplaceSurrogates(x)
	default:
		enc, err := ojson.Marshal(x)
		if err != nil {
			return Webhook{}, err
		}
		h.Body = string(enc)
	}
	if hdrs, ok := o.GetObject("headers"); ok {
		h.Headers = map[string]string{}
		for i := 0; i < hdrs.Len(); i++ {
			k, v := hdrs.At(i)
			h.Headers[k] = jsString(v)
		}
	} else {
		h.Headers = map[string]string{"Content-Type": "application/json"}
	}
	return h, nil
}

// SendWebhooks sends hooks through the chain's HTTP client. A response outside 2xx is an error.
func (c *Chain) SendWebhooks(ctx context.Context, hooks []Webhook) error {
	var errs []error
	for _, h := range hooks {
		req, err := http.NewRequestWithContext(ctx, h.Method, h.URL, bytes.NewBufferString(h.Body))
		if err != nil {
			errs = append(errs, fmt.Errorf("webhook of %s (config %d): %w", h.Plugin, h.ConfigID, err))
			continue
		}
		for k, v := range h.Headers {
			req.Header.Set(k, v)
		}
		resp, err := c.opts.http.Do(req)
		if err != nil {
			errs = append(errs, fmt.Errorf("webhook of %s (config %d): %w", h.Plugin, h.ConfigID, err))
			continue
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			errs = append(errs, fmt.Errorf("webhook of %s (config %d): %s %s: %s", h.Plugin, h.ConfigID, h.Method, h.URL, resp.Status))
		}
	}
	return errors.Join(errs...)
}
