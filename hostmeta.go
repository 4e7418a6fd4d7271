package plugchain

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/plugchain/plugchain/ojson"
	"github.com/plugchain/plugchain/vm"
)

// metaSpec describes one config's meta object for the vm package. It is built once per config
// and shared by the config's instances (each adds its own global).
func (c *Chain) metaSpec(cfg *installed, values *ojson.Object) map[string]any {
	storageNS := strconv.FormatInt(cfg.ID, 10)
	cacheNS := cfg.Plugin.Name() + "/" + strconv.FormatInt(cfg.TeamID, 10)
	attachments := map[string]any{}
	for k, a := range cfg.Attachments {
		attachments[k] = map[string]any{
			"content_type": a.ContentType,
			"file_name":    a.FileName,
			"contents":     vm.Bytes(a.Contents),
		}
	}
	st, ca := c.opts.storage, c.opts.cache
	return map[string]any{
		"config":      values,
		"attachments": attachments,
		"storage":     storageSpec(st, storageNS),
		"cache":       cacheSpec(ca, cacheNS),
		"utils":       map[string]any{"cursor": cursorSpec(st, storageNS)},
		"geoip":       map[string]any{"locate": c.geoipLocate()},
	}
}

// arg returns args[i], or vm.Undefined when the plugin passed fewer arguments.
func arg(args []any, i int) any {
	if i < len(args) {
		return args[i]
	}
	return vm.Undefined
}

func orNull(v any) any {
	if v == vm.Undefined {
		return vm.Undefined
	}
	return v
}

// jsString converts a JSON-like value as JavaScript's String() would.
func jsString(v any) string {
	switch x := v.(type) {
	case string:
		return x
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
				return orNull(arg(args, 1)), nil
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

func seconds(v any) time.Duration {
	f, _ := v.(float64)
	if f <= 0 || math.IsNaN(f) {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

func jsonSerialize(opts any) bool {
	if o, ok := opts.(*ojson.Object); ok {
		if v, ok := o.Get("jsonSerialize"); ok {
			return truthy(v)
		}
	}
	return true
}

func cacheSpec(ca Cache, ns string) map[string]any {
	key := func(args []any) string { return jsString(arg(args, 0)) }
	return map[string]any{
		"set": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			value := arg(args, 1)
			var s string
			if jsonSerialize(arg(args, 3)) {
				if value == vm.Undefined {
					s = "undefined"
				} else {
					b, err := ojson.Marshal(value)
					if err != nil {
						return nil, err
					}
					s = string(b)
				}
			} else {
				s = jsString(value)
			}
			return vm.Undefined, ca.Set(ctx, ns, key(args), s, seconds(arg(args, 2)))
		}),
		"get": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			v, found, err := ca.Get(ctx, ns, key(args))
			if err != nil {
				return nil, err
			}
			switch {
			case !found:
				return orNull(arg(args, 1)), nil
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
			return ca.Expire(ctx, ns, key(args), seconds(arg(args, 1)))
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
				for _, e := range x {
					values = append(values, jsString(e))
				}
			default:
				return nil, jsError("cache.lpush expects a string value or an array of strings")
			}
			return ca.LPush(ctx, ns, key(args), values)
		}),
		"lrange": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			start, ok1 := arg(args, 1).(float64)
			stop, ok2 := arg(args, 2).(float64)
			if !ok1 || !ok2 {
				return nil, jsError("cache.lrange expects a number for the start and end indexes")
			}
			return ca.LRange(ctx, ns, key(args), int64(start), int64(stop))
		}),
		"llen": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			return ca.LLen(ctx, ns, key(args))
		}),
		"lrem": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			count, ok := arg(args, 1).(float64)
			if !ok {
				return nil, jsError(`cache.lrem expects a number for the "count" argument`)
			}
			return ca.LRem(ctx, ns, key(args), int64(count), jsString(arg(args, 2)))
		}),
		"lpop": vm.AsyncFunc(func(ctx context.Context, args []any) (any, error) {
			count, ok := arg(args, 1).(float64)
			if !ok {
				return nil, jsError(`cache.lpop expects a number for the "count" argument`)
			}
			res, err := ca.LPop(ctx, ns, key(args), int64(count))
			if res == nil && err == nil {
				return nil, nil
			}
			return res, err
		}),
	}
}

func (c *Chain) geoipLocate() vm.AsyncFunc {
	return func(ctx context.Context, args []any) (any, error) {
		ip, ok := arg(args, 0).(string)
		if c.opts.geoip == nil || !ok || ip == "" {
			return nil, nil
		}
		rec, err := c.opts.geoip.Locate(ctx, ip)
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, nil
		}
		return ojson.Normalize(rec)
	}
}
