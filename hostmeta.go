package plugchain

import (
	"context"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/plugchain/plugchain/internal/wtf8"
	"github.com/plugchain/plugchain/memstore"
	"github.com/plugchain/plugchain/ojson"
	"github.com/plugchain/plugchain/vm"
)

// metaSpec describes one config's meta object for the vm package, keys in the order PostHog's
// server built them. It is built once per config and shared by the config's instances (each
// adds its own global, last).
func (c *Chain) metaSpec(cfg *installed, values *ojson.Object) vm.Members {
	storageNS := strconv.FormatInt(cfg.ID, 10)
	cacheNS := cfg.Plugin.Name() + "/" + strconv.FormatInt(cfg.TeamID, 10)
	attachments := map[string]any{}
	for k, a := range cfg.Attachments {
		attachments[k] = vm.Members{
			{Key: "content_type", Value: a.ContentType},
			{Key: "file_name", Value: a.FileName},
			{Key: "contents", Value: vm.Bytes(a.Contents)},
		}
	}
	st, ca := c.opts.storage, c.opts.cache
	// Functions are described when a plugin first reads them: most configs never do.
	return vm.Members{
		{Key: "cache", Value: vm.Lazy(func() any { return immediateIf(ca, cacheSpec(ca, cacheNS)) })},
		{Key: "config", Value: values},
		{Key: "attachments", Value: attachments},
		{Key: "storage", Value: vm.Lazy(func() any { return immediateIf(st, storageSpec(st, storageNS)) })},
		{Key: "geoip", Value: vm.Lazy(func() any { return map[string]any{"locate": c.geoipLocate()} })},
		{Key: "jobs", Value: c.jobsSpec(cfg)},
		{Key: "utils", Value: vm.Lazy(func() any { return map[string]any{"cursor": immediateIf(st, cursorSpec(st, storageNS))} })},
	}
}

// immediateIf makes spec's operations run on the plugin's goroutine when impl is one of the
// in-memory stores, which never block. Only memstore's own types qualify, not types embedding
// them: a wrapper may add methods that block, which the call's time limit could not interrupt
// on the plugin's goroutine.
func immediateIf(impl any, spec map[string]any) map[string]any {
	switch impl.(type) {
	case *memstore.Cache, *memstore.Storage:
	default:
		return spec
	}
	for name, f := range spec {
		if af, ok := f.(vm.AsyncFunc); ok {
			spec[name] = vm.ImmediateFunc(af)
		}
	}
	return spec
}

// arg returns args[i], or vm.Undefined when the plugin passed fewer arguments.
func arg(args []any, i int) any {
	if i < len(args) {
		return args[i]
	}
	return vm.Undefined
}

// jsString converts a JSON-like value as JavaScript's String() would, for the host: a lone
// surrogate becomes U+FFFD, as it does when Node hands a string to Redis, Postgres or HTTP.
func jsString(v any) string {
	switch x := v.(type) {
	case string:
		return wtf8.ReplaceSurrogates(x)
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case float64:
		if math.IsNaN(x) {
			return "NaN"
		}
		if math.IsInf(x, 0) {
			if x > 0 {
				return "Infinity"
			}
			return "-Infinity"
		}
		return string(ojson.AppendNumber(nil, x))
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if e != nil {
				parts[i] = jsString(e)
			}
		}
		return strings.Join(parts, ",")
	case *ojson.Object:
		return "[object Object]"
	default:
		if v == vm.Undefined {
			return "undefined"
		}
		return "[object Object]"
	}
}

func jsError(msg string) error { return &vm.ScriptError{Name: "Error", Message: msg} }

func storageSpec(st Storage, ns string) map[string]any {
	return map[string]any{
		"get": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			v, found, err := st.Get(ctx, ns, jsString(arg(args, 0)))
			if err != nil {
				return nil, err
			}
			if !found {
				return arg(args, 1), nil // the default, undefined when not given
			}
			return ojson.Parse([]byte(v))
		}),
		"set": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			key, value := jsString(arg(args, 0)), arg(args, 1)
			if value == vm.Undefined {
				return vm.Undefined, st.Delete(ctx, ns, key)
			}
			b, err := ojson.Marshal(value)
			if err != nil {
				return nil, err
			}
			return vm.Undefined, st.Set(ctx, ns, key, string(b))
		}),
		"del": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			return vm.Undefined, st.Delete(ctx, ns, jsString(arg(args, 0)))
		}),
	}
}

func cursorSpec(st Storage, ns string) map[string]any {
	return map[string]any{
		"init": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			initial := arg(args, 1)
			if !truthy(initial) {
				initial = 0.0
			}
			n, ok := initial.(float64)
			if !ok {
				return nil, jsError("The cursor's initial value must be a number!")
			}
			_, err := st.SetIfAbsent(ctx, ns, jsString(arg(args, 0)), string(ojson.AppendNumber(nil, n)))
			return vm.Undefined, err
		}),
		"increment": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			by := arg(args, 1)
			if !truthy(by) {
				by = 1.0
			}
			n, ok := by.(float64)
			if !ok {
				return nil, jsError("The incrementBy value must be a number!")
			}
			return st.Increment(ctx, ns, jsString(arg(args, 0)), n)
		}),
	}
}

// truthy is JavaScript's ToBoolean for JSON-like values.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0 && !math.IsNaN(x)
	case string:
		return x != ""
	default:
		return v != vm.Undefined
	}
}

// redisArg converts a command argument as ioredis does before sending it: null and undefined
// become "", anything else String(v).
func redisArg(v any) string {
	if v == nil || v == vm.Undefined {
		return ""
	}
	return jsString(v)
}

// errNotInteger is Redis's reply to an integer argument it cannot parse.
func errNotInteger() error {
	return &vm.ScriptError{Name: "ReplyError", Message: "ERR value is not an integer or out of range"}
}

// redisInt parses a command argument as Redis parses integers (string2ll): an optional '-',
// digits without a leading zero, nothing else. 1.5, "1e3", "" (null, undefined) and " 1" fail.
func redisInt(v any) (int64, error) {
	s := redisArg(v)
	digits := strings.TrimPrefix(s, "-")
	if s == "0" {
		return 0, nil
	}
	if digits == "" || digits[0] < '1' || digits[0] > '9' || strings.TrimLeft(digits, "0123456789") != "" {
		return 0, errNotInteger()
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errNotInteger()
	}
	return n, nil
}

// ttlDuration converts Redis seconds to a Duration, saturating rather than overflowing.
func ttlDuration(secs int64) time.Duration {
	const limit = int64(math.MaxInt64 / time.Second)
	switch {
	case secs > limit:
		return time.Duration(math.MaxInt64)
	case secs < -limit:
		return -time.Second
	}
	return time.Duration(secs) * time.Second
}

func jsonSerialize(opts any) bool {
	if o, ok := opts.(*ojson.Object); ok {
		if v, ok := o.Get("jsonSerialize"); ok {
			return truthy(v)
		}
	}
	return true
}

// replyError gives an error Redis replied with (an upper-case code such as ERR or WRONGTYPE,
// then the message) the name ioredis gives it, ReplyError. Other errors pass unchanged.
func replyError(err error) error {
	if _, ok := err.(*vm.ScriptError); ok {
		return err
	}
	msg := err.Error()
	code, _, ok := strings.Cut(msg, " ")
	if !ok || code == "" || strings.TrimLeft(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return err
	}
	return &vm.ScriptError{Name: "ReplyError", Message: msg}
}

func cacheSpec(ca Cache, ns string) map[string]any {
	spec := cacheOps(ca, ns)
	for name, f := range spec {
		f := f.(vm.AsyncFunc)
		spec[name] = vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			res, err := f(ctx, args)
			if err != nil {
				return nil, replyError(err)
			}
			return res, nil
		})
	}
	return spec
}

func cacheOps(ca Cache, ns string) map[string]any {
	key := func(args []any) string { return jsString(arg(args, 0)) }
	return map[string]any{
		"set": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			value := arg(args, 1)
			var s string
			if jsonSerialize(arg(args, 3)) {
				// JSON.stringify(undefined) is undefined, which ioredis sends as "".
				if value != vm.Undefined {
					b, err := ojson.Marshal(value)
					if err != nil {
						return nil, err
					}
					s = string(b)
				}
			} else {
				s = redisArg(value)
			}
			// redisSet adds EX only for a truthy ttl; Redis then wants a positive integer.
			var ttl time.Duration
			if t := arg(args, 2); truthy(t) {
				secs, err := redisInt(t)
				if err != nil {
					return nil, err
				}
				if secs <= 0 {
					return nil, &vm.ScriptError{Name: "ReplyError", Message: "ERR invalid expire time in 'set' command"}
				}
				ttl = ttlDuration(secs)
			}
			return vm.Undefined, ca.Set(ctx, ns, key(args), s, ttl)
		}),
		"get": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			v, found, err := ca.Get(ctx, ns, key(args))
			if err != nil {
				return nil, err
			}
			switch {
			case !found:
				return arg(args, 1), nil
			case v == "":
				return nil, nil
			case !jsonSerialize(arg(args, 2)):
				return v, nil
			}
			parsed, err := ojson.Parse([]byte(v))
			if err != nil {
				return nil, nil // invalid JSON reads as null, as on PostHog
			}
			return parsed, nil
		}),
		"incr": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			return ca.Incr(ctx, ns, key(args))
		}),
		"expire": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			// EXPIRE with zero or a negative number deletes the key.
			secs, err := redisInt(arg(args, 1))
			if err != nil {
				return nil, err
			}
			return ca.Expire(ctx, ns, key(args), ttlDuration(secs))
		}),
		"lpush": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			var values []string
			switch x := arg(args, 1).(type) {
			case string:
				values = []string{x}
			case []any:
				if len(x) > 1000 {
					return nil, &vm.ScriptError{Name: "IllegalOperationError", Message: "Too many elements in array for cache.lpush. Maximum: 1000"}
				}
				if len(x) == 0 {
					// ioredis sends LPUSH key with no element.
					return nil, &vm.ScriptError{Name: "ReplyError", Message: "ERR wrong number of arguments for 'lpush' command"}
				}
				for _, e := range x {
					values = append(values, jsString(e)) // elementOrArray.map((el) => String(el))
				}
			default:
				return nil, jsError("cache.lpush expects a string value or an array of strings")
			}
			return ca.LPush(ctx, ns, key(args), values)
		}),
		"lrange": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			_, ok1 := arg(args, 1).(float64)
			_, ok2 := arg(args, 2).(float64)
			if !ok1 || !ok2 {
				return nil, jsError("cache.lrange expects a number for the start and end indexes")
			}
			start, err := redisInt(arg(args, 1))
			if err != nil {
				return nil, err
			}
			stop, err := redisInt(arg(args, 2))
			if err != nil {
				return nil, err
			}
			return ca.LRange(ctx, ns, key(args), start, stop)
		}),
		"llen": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			return ca.LLen(ctx, ns, key(args))
		}),
		"lrem": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			if _, ok := arg(args, 1).(float64); !ok {
				return nil, jsError(`cache.lrem expects a number for the "count" argument`)
			}
			count, err := redisInt(arg(args, 1))
			if err != nil {
				return nil, err
			}
			return ca.LRem(ctx, ns, key(args), count, redisArg(arg(args, 2)))
		}),
		"lpop": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			if _, ok := arg(args, 1).(float64); !ok {
				return nil, jsError(`cache.lpop expects a number for the "count" argument`)
			}
			count, err := redisInt(arg(args, 1))
			if err != nil {
				return nil, err
			}
			res, err := ca.LPop(ctx, ns, key(args), count)
			if err != nil {
				return nil, err
			}
			if res == nil {
				return nil, nil // a missing key: null, as ioredis gives it
			}
			return res, nil
		}),
	}
}

// orderedGeoIP is implemented by GeoIP backends that keep the record's key order (such as
// geoip.Reader); a map[string]any loses the order of the top-level keys.
type orderedGeoIP interface {
	LocateObject(ctx context.Context, ip string) (*ojson.Object, error)
}

func (c *Chain) geoipLocate() vm.AsyncFunc {
	return func(ctx context.Context, args []any) (any, error) {
		ip, ok := arg(args, 0).(string)
		if c.opts.geoip == nil || !ok || ip == "" {
			return nil, nil
		}
		var rec any
		var err error
		if og, ok := c.opts.geoip.(orderedGeoIP); ok {
			var o *ojson.Object
			if o, err = og.LocateObject(ctx, ip); o != nil {
				rec = o
			}
		} else {
			var m map[string]any
			if m, err = c.opts.geoip.Locate(ctx, ip); m != nil {
				rec = m
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			// PostHog answers null when the lookup fails (an unknown or invalid address).
			slog.WarnContext(ctx, "plugchain: geoip lookup failed", slog.String("ip", ip), slog.String("error", err.Error()))
			return nil, nil
		}
		if rec == nil {
			return nil, nil
		}
		return ojson.Normalize(rec)
	}
}
