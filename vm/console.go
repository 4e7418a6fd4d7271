package vm

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/plugchain/plugchain/ojson"
)

func init() {
	registerGlobal("console", func(in *Instance) (goja.Value, error) {
		console := in.rt.NewObject()
		for _, level := range []string{"log", "info", "warn", "error", "debug"} {
			level := level
			_ = console.Set(level, func(call goja.FunctionCall) goja.Value {
				in.log(level, in.formatLog(call.Arguments))
				return goja.Undefined()
			})
		}
		return console, nil
	})
}

// formatLog joins console arguments as PostHog does: String(arg), except that plain objects
// and arrays are JSON-stringified.
func (in *Instance) formatLog(args []goja.Value) string {
	parts := make([]string, len(args))
	for i, a := range args {
		s := safeString(a)
		if obj, ok := a.(*goja.Object); ok && (s == "[object Object]" || obj.ClassName() == "Array") {
			if v, present, err := FromJS(in.rt, a); err == nil && present {
				if b, err := ojson.Marshal(v); err == nil {
					s = string(b)
				}
			}
		}
		parts[i] = s
	}
	return strings.Join(parts, " ")
}
