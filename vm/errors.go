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

func (e *ScriptError) Error() string {
	if e.Name == "" {
		return e.Message
	}
	if e.Message == "" {
		return e.Name
	}
	return e.Name + ": " + e.Message
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
		return in.thrown(ex.Value(), ex.String())
	}
	return err
}

// thrown converts a thrown JavaScript value into a ScriptError.
func (in *Instance) thrown(v goja.Value, fallbackStack string) *ScriptError {
	if obj, ok := v.(*goja.Object); ok {
		if isError(in.rt, obj) {
			se := &ScriptError{}
			if n := obj.Get("name"); n != nil && !goja.IsUndefined(n) {
				se.Name = n.String()
			}
			if m := obj.Get("message"); m != nil && !goja.IsUndefined(m) {
				se.Message = m.String()
			}
			if s := obj.Get("stack"); s != nil && !goja.IsUndefined(s) {
				se.Stack = s.String()
			} else {
				se.Stack = fallbackStack
			}
			return se
		}
	}
	se := &ScriptError{Message: safeString(v), Stack: fallbackStack}
	if val, ok, err := FromJS(in.rt, v); err == nil && ok {
		se.Value = val
	}
	return se
}

func isError(rt *goja.Runtime, obj *goja.Object) bool {
	errProto := rt.Get("Error").(*goja.Object).Get("prototype").(*goja.Object)
	for p := obj.Prototype(); p != nil; p = p.Prototype() {
		if p == errProto {
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

// panicError turns a Go panic inside a host function into an error instead of a crash.
func panicError(x any) error {
	if e, ok := x.(error); ok {
		return fmt.Errorf("internal error: %w", e)
	}
	return fmt.Errorf("internal error: %v", x)
}
