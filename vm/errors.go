package vm

import (
	"context"
	"errors"
	"fmt"

	"github.com/dop251/goja"
)

// ScriptError is an exception thrown by plugin code (or one the runtime raised on its behalf,
// such as a TypeError while converting a value).
type ScriptError struct {
	Name    string // the error's name, such as "TypeError" or "RetryError"; empty for a non-Error throw
	Message string
	Stack   string // JavaScript stack trace, when the thrown value had one
	// Value is the thrown value converted to JSON-like data (nil for Error objects).
	Value any
}

func (e *ScriptError) Error() string { return errorText(e.Name, e.Message) }

// errorText joins an error's name and message as Error.prototype.toString does: either alone
// when the other is empty, else "name: message".
func errorText(name, msg string) string {
	switch {
	case name == "":
		return msg
	case msg == "":
		return name
	}
	return name + ": " + msg
}

// scriptError converts an error from goja into the package's error types. Interrupts become
// the context's error so callers can tell a timeout from a cancellation with errors.Is.
func (in *Instance) scriptError(ctx context.Context, err error) error {
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if e, ok := ie.Value().(error); ok {
			return e
		}
		return context.Canceled
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		return &ScriptError{Name: "RangeError", Message: "Maximum call stack size exceeded"}
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return in.thrown(ex.Value(), ex)
	}
	return err
}

// thrown converts a thrown JavaScript value into a ScriptError. Reading it may run plugin
// code (getters, toString, toJSON), so it is guarded.
func (in *Instance) thrown(v goja.Value, ex *goja.Exception) *ScriptError {
	se := &ScriptError{}
	if ex != nil {
		in.guarded(func() { se.Stack = ex.String() })
	}
	if obj, ok := v.(*goja.Object); ok && in.isError(obj) {
		// Each property on its own: one throwing or looping getter must not hide the others.
		str := func(key string) (out string) {
			in.guarded(func() {
				if p := obj.Get(key); p != nil && !goja.IsUndefined(p) {
					out = p.String()
				}
			})
			return out
		}
		se.Name, se.Message = str("name"), str("message")
		if stack := str("stack"); stack != "" {
			se.Stack = stack
		}
	} else {
		in.guarded(func() {
			se.Message = safeString(v)
			if val, ok, err := FromJS(in.rt, v); err == nil && ok {
				se.Value = val
			}
		})
	}
	if se.Name == "" && se.Message == "" {
		se.Message = "uncaught exception"
	}
	return se
}

// isError reports whether obj inherits from Error.prototype as it was before plugin code ran.
func (in *Instance) isError(obj *goja.Object) bool {
	for p := obj.Prototype(); p != nil; p = p.Prototype() {
		if p == in.errorProto {
			return true
		}
	}
	return false
}

// safeString is String(v) that cannot throw (a toString that throws or an object without one).
func safeString(v goja.Value) (s string) {
	defer func() {
		if recover() != nil {
			s = "[object]"
		}
	}()
	return v.String()
}

// recoveredError turns a panic recovered around plugin code into an error: JavaScript throws
// and interrupts that escaped through Go code (a getter read by the host, say) keep their
// meaning; anything else is an internal error.
func recoveredError(x any) error {
	switch e := x.(type) {
	case *goja.Exception:
		return e
	case *goja.InterruptedError:
		return e
	case *goja.StackOverflowError:
		return e
	}
	return panicError(x)
}

// panicError turns a Go panic inside a host function into an error instead of a crash.
func panicError(x any) error {
	if e, ok := x.(error); ok {
		return fmt.Errorf("internal error: %w", e)
	}
	return fmt.Errorf("internal error: %v", x)
}
