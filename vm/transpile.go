package vm

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// unsupportedSyntax lists the syntax goja cannot run yet; esbuild rewrites it into what goja
// can. Everything else is left as written so the code stays close to the source.
var unsupportedSyntax = map[string]bool{
	"async-generator":      false,
	"for-await":            false,
	"regexp-match-indices": false,
	"top-level-await":      false,
}

// unsupportedWithPropertyEscapes is unsupportedSyntax for sources that may hold regex property
// escapes (\p{...}, see regexp.go): esbuild does not look for them inside character classes,
// so every u-flag (and y-flag) literal of such a source becomes a new RegExp call.
var unsupportedWithPropertyEscapes = func() map[string]bool {
	m := map[string]bool{"regexp-sticky-and-unicode-flags": false}
	for k, v := range unsupportedSyntax {
		m[k] = v
	}
	return m
}()

// SourceError is a syntax or transpile error located in a plugin's source.
type SourceError struct {
	File   string // path as given to Compile
	Line   int    // 1-based
	Column int    // 1-based
	Msg    string
	// LineText is the source line the error points at, when known.
	LineText string
}

func (e *SourceError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Transpile turns a plugin's source (TypeScript, ES module or CommonJS) into a CommonJS
// script with an inline source map, so runtime stack traces point at the original file.
// Plain scripts keep sloppy-mode semantics: nothing adds "use strict".
func Transpile(filename string, src []byte) (string, error) {
	loader := api.LoaderJS
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".ts", ".mts", ".cts":
		loader = api.LoaderTS
	case ".tsx":
		loader = api.LoaderTSX
	case ".jsx":
		loader = api.LoaderJSX
	}
	supported := unsupportedSyntax
	if mayHavePropertyEscapes(src) {
		supported = unsupportedWithPropertyEscapes
	}
	res := api.Transform(string(src), api.TransformOptions{
		Loader:         loader,
		Format:         api.FormatCommonJS,
		Sourcefile:     filename,
		Sourcemap:      api.SourceMapInline,
		SourcesContent: api.SourcesContentExclude,
		Target:         api.ESNext,
		Supported:      supported,
		Platform:       api.PlatformNeutral,
		LogLevel:       api.LogLevelSilent,
		// goja has no Symbol.asyncIterator; a lazy global stands for it (see lang.go). RegExp
		// goes through a lazy global that first patches it (see regexp.go).
		Define: map[string]string{"Symbol.asyncIterator": asyncIteratorGlobal, "RegExp": regexpGlobal},
		// Report each regex literal esbuild turns into a new RegExp(...) call.
		LogOverride: map[string]api.LogLevel{"unsupported-regexp": api.LogLevelWarning},
		// TypeScript decorators and class fields as tsc compiles them for older targets,
		// which is what PostHog's Babel pipeline produced.
		TsconfigRaw: `{"compilerOptions":{"useDefineForClassFields":false}}`,
	})
	if len(res.Errors) > 0 {
		m := res.Errors[0]
		se := &SourceError{File: filename, Msg: m.Text}
		if m.Location != nil {
			se.Line = m.Location.Line
			se.Column = m.Location.Column + 1
			se.LineText = m.Location.LineText
		}
		if n := len(res.Errors) - 1; n > 0 {
			se.Msg += fmt.Sprintf(" (and %d more errors)", n)
		}
		return "", se
	}
	code := string(res.Code)
	for _, w := range res.Warnings {
		if w.ID == "unsupported-regexp" {
			// Those calls name the global RegExp (Define does not reach them): patch it before
			// any code runs. Same line, so line numbers stay.
			code = regexpGlobal + ";" + code
			break
		}
	}
	return code, nil
}
