package plugchain

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/plugchain/plugchain/vm"
)

// ErrTimeout matches (with errors.Is) every error caused by a plugin call running past its
// time limit.
var ErrTimeout = errors.New("timed out")

// ErrMemoryLimit matches (with errors.Is) the error of a plugin call stopped because the heap
// grew past the limit set with WithHeapLimit.
var ErrMemoryLimit = errors.New("memory limit exceeded")

// MemoryLimitError reports a call stopped by the heap watchdog. The instance it ran on is
// discarded, since the plugin may have left the memory reachable from its state.
type MemoryLimitError struct {
	Limit uint64 // bytes
}

func (e *MemoryLimitError) Error() string {
	return fmt.Sprintf("memory limit exceeded: the heap grew past %d MiB", e.Limit>>20)
}

// Is makes errors.Is(err, ErrMemoryLimit) true.
func (e *MemoryLimitError) Is(target error) bool { return target == ErrMemoryLimit }

// ErrClosed is returned by calls on a closed Chain.
var ErrClosed = errors.New("plugchain: chain is closed")

// ErrUnknownConfig is returned for a plugin config id the chain does not have.
var ErrUnknownConfig = errors.New("plugchain: unknown plugin config")

// TimeoutError reports a plugin call that ran past its limit; the instance was interrupted.
type TimeoutError struct {
	Timeout time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("timed out after %s", e.Timeout)
}

// Is makes errors.Is(err, ErrTimeout) and errors.Is(err, context.DeadlineExceeded) true.
func (e *TimeoutError) Is(target error) bool {
	return target == ErrTimeout || target == context.DeadlineExceeded
}

// ScriptError is an exception thrown by plugin code: its name (TypeError, RetryError ...),
// message and JavaScript stack.
type ScriptError = vm.ScriptError

// SourceError is a syntax error in a plugin's source, with file, line and column.
type SourceError = vm.SourceError

// PluginError is an error of one plugin config's function: which plugin, which config, which
// function, and the cause (a *ScriptError, a *TimeoutError, or a host error).
type PluginError struct {
	Plugin   string
	ConfigID int64
	Method   string
	Err      error
}

func (e *PluginError) Error() string {
	return fmt.Sprintf("plugin %q (config %d): %s: %v", e.Plugin, e.ConfigID, e.Method, e.Err)
}

// Unwrap returns the cause.
func (e *PluginError) Unwrap() error { return e.Err }

// PluginErrors returns every *PluginError inside err (as joined by ProcessEvent or OnEvent).
func PluginErrors(err error) []*PluginError {
	var out []*PluginError
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if pe, ok := err.(*PluginError); ok {
			out = append(out, pe)
			return
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
	return out
}

// ConfigError reports a plugin.json or plugin config value that is not valid.
type ConfigError struct {
	File  string // plugin.json path, or the plugin's name for config values
	Field string // such as "config[2].type" or "config.apiKey"
	Msg   string
}

func (e *ConfigError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.File, e.Field, e.Msg)
}
