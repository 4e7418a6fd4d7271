package plugchain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/plugchain/plugchain/vm"
)

// Config field types PostHog's plugin.json allows.
const (
	FieldString     = "string"
	FieldJSON       = "json"
	FieldAttachment = "attachment"
	FieldChoice     = "choice"
	FieldDictionary = "dictionary"
)

// ConfigField is one item of plugin.json's config schema.
type ConfigField struct {
	Key      string   `json:"key,omitempty"`
	Name     string   `json:"name,omitempty"`
	Type     string   `json:"type,omitempty"`
	Default  string   `json:"default,omitempty"`
	Hint     string   `json:"hint,omitempty"`
	Markdown string   `json:"markdown,omitempty"`
	Order    int      `json:"order,omitempty"`
	Required bool     `json:"required,omitempty"`
	Secret   bool     `json:"secret,omitempty"`
	Choices  []string `json:"choices,omitempty"`
	// RequiredIf and VisibleIf hold [fieldKey, value?] pairs; all must match. A pair without a
	// value matches when that field is non-empty.
	RequiredIf [][]string `json:"required_if,omitempty"`
	VisibleIf  [][]string `json:"visible_if,omitempty"`
	// HasDefault tells an empty default from none.
	HasDefault bool `json:"-"`
}

// Manifest is a parsed and validated plugin.json.
type Manifest struct {
	Name           string          `json:"name"`
	Description    string          `json:"description,omitempty"`
	URL            string          `json:"url,omitempty"`
	Main           string          `json:"main,omitempty"`
	Lib            string          `json:"lib,omitempty"`
	Icon           string          `json:"icon,omitempty"`
	PosthogVersion string          `json:"posthogVersion,omitempty"`
	Stateless      bool            `json:"stateless,omitempty"`
	PublicJobs     json.RawMessage `json:"publicJobs,omitempty"`
	Config         []ConfigField   `json:"config,omitempty"`
}

// Plugin is a loaded plugin directory: its manifest and compiled code, shared by every config
// that installs it, in one Chain or several. It is immutable and safe for concurrent use.
type Plugin struct {
	Dir      string
	Manifest Manifest
	// EntryFile is the path of the source file that was compiled.
	EntryFile string
	prog      *vm.Program
}

// Name returns the plugin's name from plugin.json.
func (p *Plugin) Name() string { return p.Manifest.Name }

// LoadPlugin reads, validates and compiles the plugin in dir.
func LoadPlugin(dir string) (*Plugin, error) {
	return LoadPluginFS(os.DirFS(dir), dir)
}

// LoadPluginFS loads a plugin from fsys (its root holding plugin.json); dir names it in errors.
func LoadPluginFS(fsys fs.FS, dir string) (*Plugin, error) {
	manifestPath := filepath.Join(dir, "plugin.json")
	raw, err := fs.ReadFile(fsys, "plugin.json")
	if err != nil {
		return nil, &ConfigError{File: manifestPath, Msg: "cannot read: " + errors.Unwrap(err).Error()}
	}
	m, err := ParseManifest(raw)
	if err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			ce.File = manifestPath
		}
		return nil, err
	}
	if m.Name == "" {
		m.Name = filepath.Base(filepath.Clean(dir))
	}
	entry, src, err := readEntry(fsys, m)
	if err != nil {
		return nil, &ConfigError{File: manifestPath, Field: "main", Msg: err.Error()}
	}
	if m.Lib != "" {
		lib, err := fs.ReadFile(fsys, m.Lib)
		if err != nil {
			return nil, &ConfigError{File: manifestPath, Field: "lib", Msg: fmt.Sprintf("cannot read %q", m.Lib)}
		}
		// PostHog ran lib.js and the entry file as one script.
		src = append(append(lib, '\n'), src...)
	}
	entryPath := filepath.Join(dir, entry)
	prog, err := vm.Compile(entryPath, src)
	if err != nil {
		return nil, err
	}
	return &Plugin{Dir: dir, Manifest: *m, EntryFile: entryPath, prog: prog}, nil
}

func readEntry(fsys fs.FS, m *Manifest) (string, []byte, error) {
	if m.Main != "" {
		src, err := fs.ReadFile(fsys, filepath.ToSlash(filepath.Clean(m.Main)))
		if err != nil {
			return "", nil, fmt.Errorf("entry file %q not found", m.Main)
		}
		return m.Main, src, nil
	}
	for _, name := range []string{"index.js", "index.ts"} {
		if src, err := fs.ReadFile(fsys, name); err == nil {
			return name, src, nil
		}
	}
	return "", nil, errors.New(`no entry file: "main" is not set and there is no index.js or index.ts`)
}

// ParseManifest parses and validates plugin.json's contents. Errors are *ConfigError values
// naming the field and problem.
func ParseManifest(data []byte) (*Manifest, error) {
	var raw struct {
		Manifest
		Config json.RawMessage `json:"config"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, manifestJSONError(data, err)
	}
	// Only JSON's own whitespace may follow (bytes.TrimSpace would also accept \v and \f).
	if rest := bytes.Trim(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		line, col := lineCol(data, len(data)-len(bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n")))
		return nil, &ConfigError{Msg: fmt.Sprintf("invalid JSON at line %d, column %d: unexpected data after the top-level object", line, col)}
	}
	m := raw.Manifest
	fields, err := parseConfigSchema(raw.Config)
	if err != nil {
		return nil, err
	}
	m.Config = fields
	return &m, validateSchema(m.Config)
}

func manifestJSONError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the offending byte itself.
		line, col := lineCol(data, int(se.Offset)-1)
		return &ConfigError{Msg: fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, se.Error())}
	case errors.As(err, &te):
		field := strings.TrimPrefix(te.Field, "Manifest.")
		if field == "" {
			return &ConfigError{Msg: fmt.Sprintf("expected a JSON object, got %s", te.Value)}
		}
		return &ConfigError{Field: field, Msg: fmt.Sprintf("expected %s, got %s", jsonKind(te.Type.Kind().String()), te.Value)}
	}
	return &ConfigError{Msg: "invalid JSON: " + err.Error()}
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	default:
		return "a number"
	}
}

func lineCol(data []byte, offset int) (int, int) {
	offset = max(0, min(offset, len(data)))
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := offset - bytes.LastIndexByte(data[:offset], '\n')
	return line, col
}

// parseConfigSchema accepts PostHog's two shapes: an array of fields, or an object keyed by
// field key.
func parseConfigSchema(raw json.RawMessage) ([]ConfigField, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var items []json.RawMessage
	var keys []string
	switch raw[0] {
	case '[':
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, &ConfigError{Field: "config", Msg: err.Error()}
		}
	case '{':
		var byKey map[string]json.RawMessage
		if err := json.Unmarshal(raw, &byKey); err != nil {
			return nil, &ConfigError{Field: "config", Msg: err.Error()}
		}
		for k := range byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			items = append(items, byKey[k])
		}
	default:
		return nil, &ConfigError{Field: "config", Msg: "must be an array of fields or an object keyed by field key"}
	}
	fields := make([]ConfigField, 0, len(items))
	for i, item := range items {
		where := fmt.Sprintf("config[%d]", i)
		if keys != nil {
			where = "config." + keys[i]
		}
		f, err := parseField(item)
		if err != nil {
			return nil, &ConfigError{Field: where, Msg: err.Error()}
		}
		if keys != nil && f.Key == "" {
			f.Key = keys[i]
		}
		fields = append(fields, f)
	}
	return fields, nil
}

func parseField(raw json.RawMessage) (ConfigField, error) {
	var f struct {
		ConfigField
		Default    json.RawMessage   `json:"default"`
		RequiredIf []json.RawMessage `json:"required_if"`
		VisibleIf  []json.RawMessage `json:"visible_if"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return ConfigField{}, fmt.Errorf("%s: expected %s, got %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		}
		return ConfigField{}, errors.New("expected an object")
	}
	out := f.ConfigField
	if d := bytes.TrimSpace(f.Default); len(d) > 0 && string(d) != "null" {
		out.HasDefault = true
		var s string
		if json.Unmarshal(d, &s) == nil {
			out.Default = s
		} else if d[0] == '{' || d[0] == '[' {
			// PostHog stores defaults as text; a json field may give its default inline.
			out.Default = string(d)
		} else {
			out.Default = string(d) // numbers and booleans, as the UI would store them
		}
	}
	var err error
	if out.RequiredIf, err = parseConditions(f.RequiredIf); err != nil {
		return out, fmt.Errorf("required_if: %w", err)
	}
	if out.VisibleIf, err = parseConditions(f.VisibleIf); err != nil {
		return out, fmt.Errorf("visible_if: %w", err)
	}
	return out, nil
}

func parseConditions(raw []json.RawMessage) ([][]string, error) {
	var out [][]string
	for i, r := range raw {
		var pair []any
		if err := json.Unmarshal(r, &pair); err != nil || len(pair) == 0 || len(pair) > 2 {
			return nil, fmt.Errorf("item %d must be [fieldKey] or [fieldKey, value]", i)
		}
		key, ok := pair[0].(string)
		if !ok {
			return nil, fmt.Errorf("item %d: the field key must be a string", i)
		}
		c := []string{key}
		if len(pair) == 2 {
			c = append(c, fmt.Sprint(pair[1]))
		}
		out = append(out, c)
	}
	return out, nil
}

func validateSchema(fields []ConfigField) error {
	seen := map[string]bool{}
	for i, f := range fields {
		where := fmt.Sprintf("config[%d]", i)
		if f.Key != "" {
			where += fmt.Sprintf(" (%q)", f.Key)
		}
		if f.Key == "" {
			if f.Markdown != "" && f.Type == "" {
				continue // a text block
			}
			return &ConfigError{Field: where, Msg: `missing "key"`}
		}
		if seen[f.Key] {
			return &ConfigError{Field: where, Msg: "duplicate key"}
		}
		seen[f.Key] = true
		switch f.Type {
		case FieldString, FieldJSON, FieldAttachment, FieldDictionary, "":
		case FieldChoice:
			if len(f.Choices) == 0 {
				return &ConfigError{Field: where, Msg: `type "choice" needs a non-empty "choices" array`}
			}
			if f.Secret {
				return &ConfigError{Field: where, Msg: `a "choice" field cannot be "secret"`}
			}
			if f.HasDefault && f.Default != "" && !contains(f.Choices, f.Default) {
				return &ConfigError{Field: where, Msg: fmt.Sprintf("default %q is not one of the choices %s", f.Default, quoteList(f.Choices))}
			}
		default:
			return &ConfigError{Field: where, Msg: fmt.Sprintf("unknown type %q (want string, json, attachment, choice or dictionary)", f.Type)}
		}
		if f.Type == FieldJSON && f.HasDefault && f.Default != "" && !json.Valid([]byte(f.Default)) {
			return &ConfigError{Field: where, Msg: "default is not valid JSON"}
		}
	}
	for i, f := range fields {
		for _, c := range append(append([][]string{}, f.RequiredIf...), f.VisibleIf...) {
			if !seen[c[0]] {
				return &ConfigError{Field: fmt.Sprintf("config[%d] (%q)", i, f.Key), Msg: fmt.Sprintf("condition refers to unknown field %q", c[0])}
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
