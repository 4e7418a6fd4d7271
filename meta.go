package plugchain

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Storage persists meta.storage (and meta.utils.cursor) values. Namespace identifies one plugin
// config (PostHog keys its plugin storage by plugin config id); values are JSON text.
// Implementations must be safe for concurrent use.
type Storage interface {
	// Get returns the value under key and whether there is one.
	Get(ctx context.Context, namespace, key string) (value string, found bool, err error)
	// Set stores value under key.
	Set(ctx context.Context, namespace, key, value string) error
	// Delete removes key; removing a missing key is not an error.
	Delete(ctx context.Context, namespace, key string) error
	// SetIfAbsent stores value only when key has none and reports whether it did.
	SetIfAbsent(ctx context.Context, namespace, key, value string) (bool, error)
	// Increment atomically adds by to the number stored under key (storing by when the key is
	// missing) and returns the new value.
	Increment(ctx context.Context, namespace, key string, by float64) (float64, error)
}

// Cache backs meta.cache with Redis semantics. Namespace identifies a plugin and team (PostHog
// shares a cache between the configs of one plugin in one team). Implementations must be safe
// for concurrent use.
type Cache interface {
	// Get returns the string under key and whether there is one.
	Get(ctx context.Context, namespace, key string) (value string, found bool, err error)
	// Set stores value; a ttl of zero means no expiry.
	Set(ctx context.Context, namespace, key, value string, ttl time.Duration) error
	// Incr adds one to the integer under key (0 when missing) and returns the result.
	Incr(ctx context.Context, namespace, key string) (int64, error)
	// Expire sets a key's time to live and reports whether the key exists.
	Expire(ctx context.Context, namespace, key string, ttl time.Duration) (bool, error)
	// LPush prepends values one by one (as Redis LPUSH) and returns the list's new length.
	LPush(ctx context.Context, namespace, key string, values []string) (int64, error)
	// LRange returns elements start..stop inclusive; negative indexes count from the end.
	LRange(ctx context.Context, namespace, key string, start, stop int64) ([]string, error)
	// LLen returns the list's length.
	LLen(ctx context.Context, namespace, key string) (int64, error)
	// LRem removes count occurrences of value (all when 0, from the tail when negative) and
	// returns how many it removed.
	LRem(ctx context.Context, namespace, key string, count int64, value string) (int64, error)
	// LPop removes and returns up to count elements from the head.
	LPop(ctx context.Context, namespace, key string, count int64) ([]string, error)
}

// GeoIP answers meta.geoip.locate. Locate returns a MaxMind City record in the shape of
// @maxmind/geoip2-node (camelCase keys such as city.names.en and country.isoCode) as JSON-like
// data (map[string]any, []any, strings, numbers, bools), or nil when the address is unknown.
// A map loses the order of the record's top-level keys; a backend that also has a method
// LocateObject(ctx, ip) (*ojson.Object, error), as geoip.Reader does, is called through it
// instead, so plugins see geoip2-node's key order.
type GeoIP interface {
	Locate(ctx context.Context, ip string) (map[string]any, error)
}

// HTTPDoer sends HTTP requests for the chain (webhooks). *http.Client implements it.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// LogSink receives what plugins write with console.* and the errors the chain records.
// The default writes to slog.Default.
type LogSink interface {
	// PluginLog records one console call. Level is "log", "info", "warn", "error" or "debug".
	PluginLog(ctx context.Context, src PluginSource, level, msg string)
	// PluginError records an error the chain raised for a plugin (a throw, a timeout ...).
	PluginError(ctx context.Context, err *PluginError)
}

// PluginSource identifies the plugin config a log entry or error comes from.
type PluginSource struct {
	Plugin   string // plugin name from plugin.json
	ConfigID int64
	TeamID   int64
}

// SlogSink is a LogSink that writes to a *slog.Logger, tagging each entry with the plugin and
// config. The zero value writes to slog.Default().
type SlogSink struct {
	Logger *slog.Logger
}

// PluginLog implements LogSink.
func (s SlogSink) PluginLog(ctx context.Context, src PluginSource, level, msg string) {
	l := s.Logger
	if l == nil {
		l = slog.Default()
	}
	lvl := slog.LevelInfo
	switch level {
	case "warn":
		lvl = slog.LevelWarn
	case "error":
		lvl = slog.LevelError
	case "debug":
		lvl = slog.LevelDebug
	}
	l.LogAttrs(ctx, lvl, msg,
		slog.String("plugin", src.Plugin),
		slog.Int64("config_id", src.ConfigID),
		slog.Int64("team_id", src.TeamID),
		slog.String("source", "console."+level))
}

// PluginError implements LogSink.
func (s SlogSink) PluginError(ctx context.Context, err *PluginError) {
	l := s.Logger
	if l == nil {
		l = slog.Default()
	}
	attrs := []slog.Attr{
		slog.String("plugin", err.Plugin),
		slog.Int64("config_id", err.ConfigID),
		slog.String("method", err.Method),
		slog.String("error", err.Err.Error()),
	}
	if se, ok := err.Err.(*ScriptError); ok && se.Stack != "" {
		attrs = append(attrs, slog.String("stack", se.Stack))
	}
	l.LogAttrs(ctx, slog.LevelError, "plugin error", attrs...)
}
