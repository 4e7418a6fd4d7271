package vm

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// Methods lists the names PostHog looks up on a plugin, in the order it documents them. Legacy
// scripts without exports may define any of them as top-level functions.
var Methods = []string{
	"processEvent", "processEventBatch", "onEvent", "onSnapshot", "exportEvents",
	"setupPlugin", "teardownPlugin", "runEveryMinute", "runEveryHour", "runEveryDay",
	"composeWebhook", "getSettings", "jobs", "metrics",
}

// wrapperHead opens the function the plugin's code runs in. It stays on the code's first line
// so line numbers (and the inline source map) are unchanged. The leading statement keeps a
// "use strict" at the top of the plugin out of the directive prologue: PostHog pasted plugin
// code after a preamble, so plugins always ran in sloppy mode.
const wrapperHead = "(function (exports, module, require, __filename, __dirname) {void 0;"

// wrapperTail closes it, returning what export discovery needs: the three export objects and,
// for legacy scripts, the functions their top level declared.
var wrapperTail = func() string {
	var b strings.Builder
	b.WriteString("\n;return [exports, module.exports, {")
	for i, m := range Methods {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: typeof %s === 'undefined' ? undefined : %s", m, m, m)
	}
	b.WriteString("}];\n})")
	return b.String()
}()

// Program is a plugin's compiled code. It is immutable and shared by every instance of every
// config of the plugin.
type Program struct {
	file string
	prog *goja.Program
	// uses records which rarely used built-ins the code names, so instances patch only those
	// (each patch makes goja build a whole prototype, kilobytes per instance).
	uses builtinUses
}

// builtinUses lists built-ins plugchain patches only for code that names them.
type builtinUses struct {
	wellFormed    bool // String.prototype.isWellFormed / toWellFormed
	stackTraceAPI bool // Error.captureStackTrace / Error.stackTraceLimit
	toLocale      bool // Number, BigInt and Array toLocaleString
	localeCompare bool // String.prototype.localeCompare
	regexpTest    bool // RegExp.prototype.test, which gets a fast path for literal patterns
}

func scanUses(code string) builtinUses {
	return builtinUses{
		wellFormed:    strings.Contains(code, "WellFormed"),
		stackTraceAPI: strings.Contains(code, "captureStackTrace") || strings.Contains(code, "stackTraceLimit"),
		toLocale:      strings.Contains(code, "toLocaleString"),
		localeCompare: strings.Contains(code, "localeCompare"),
		regexpTest:    strings.Contains(code, ".test("),
	}
}

// File returns the source file the program was compiled from.
func (p *Program) File() string { return p.file }

// Compile transpiles and compiles a plugin's entry file. file names the source in errors and
// stack traces.
func Compile(file string, src []byte) (*Program, error) {
	code, err := Transpile(file, src)
	if err != nil {
		return nil, err
	}
	// The source map esbuild appended must stay the last line for goja to find it.
	body, smap := code, ""
	if i := strings.LastIndex(code, "//# sourceMappingURL="); i >= 0 {
		body, smap = code[:i], code[i:]
	}
	wrapped := wrapperHead + body + wrapperTail + "\n" + smap
	compiled, err := goja.Compile(file, wrapped, false)
	if err != nil {
		return nil, compileError(file, err)
	}
	return &Program{file: file, prog: compiled, uses: scanUses(body)}, nil
}

func compileError(file string, err error) error {
	var ce *goja.CompilerSyntaxError
	if errors.As(err, &ce) {
		return &SourceError{File: file, Msg: ce.Message}
	}
	return &SourceError{File: file, Msg: err.Error()}
}

// builtinProgram returns a function that compiles one of plugchain's built-in JavaScript
// modules (strict mode) the first time it is called, and the same program after that, for
// every instance. Compiled programs are large (the stream module holds about 580 KB, Buffer
// 340 KB), most processes need only a few of them, and the garbage collector marks every
// program compiled at start-up on every cycle for the life of the process.
func builtinProgram(name, src string) func() *goja.Program {
	return sync.OnceValue(func() *goja.Program {
		compiledBuiltins.Store(name, true)
		return goja.MustCompile(name, src, true)
	})
}

// compiledBuiltins holds the names of the built-in programs this process has compiled.
var compiledBuiltins sync.Map
