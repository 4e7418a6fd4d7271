package plugchain

import (
	"fmt"
	"sort"

	"github.com/plugchain/plugchain/ojson"
)

// Attachment is a file attached to a plugin config (plugin.json fields of type attachment).
// Plugins see it as meta.attachments[key] = {content_type, file_name, contents}.
type Attachment struct {
	ContentType string
	FileName    string
	Contents    []byte
}

// PluginConfig is one installation of a plugin: its identity, position in the chain, config
// values and attachments. The same Plugin may be installed many times.
type PluginConfig struct {
	// ID identifies the config in the chain, in $plugins_succeeded labels and in storage
	// namespaces. Zero asks the chain to assign the next free id.
	ID int64
	// TeamID is the PostHog team the config belongs to; it scopes meta.cache.
	TeamID int64
	// Order places the config in the chain (ascending); configs with equal Order run in the
	// order they were added.
	Order  int
	Plugin *Plugin
	// Config holds the values of plugin.json's config fields, usually strings as PostHog
	// stores them. Defaults from plugin.json fill the keys that are not set.
	Config map[string]any
	// Attachments holds the files of attachment fields, by field key.
	Attachments map[string]Attachment
}

// resolveConfig applies plugin.json defaults and checks required, required_if and choices.
// It returns the values plugins see as meta.config, keys in schema order then the rest.
func resolveConfig(pc PluginConfig) (*ojson.Object, error) {
	name := pc.Plugin.Name()
	values := ojson.NewObject(len(pc.Config) + len(pc.Plugin.Manifest.Config))
	schema := map[string]ConfigField{}
	for _, f := range pc.Plugin.Manifest.Config {
		if f.Key == "" {
			continue
		}
		schema[f.Key] = f
		if v, ok := pc.Config[f.Key]; ok {
			if err := setValue(values, name, f.Key, v); err != nil {
				return nil, err
			}
		} else if f.HasDefault && f.Type != FieldAttachment {
			values.Set(f.Key, f.Default)
		}
	}
	extra := make([]string, 0)
	for k := range pc.Config {
		if _, ok := schema[k]; !ok {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		if err := setValue(values, name, k, pc.Config[k]); err != nil {
			return nil, err
		}
	}

	filled := func(key string) bool {
		if f, ok := schema[key]; ok && f.Type == FieldAttachment {
			_, ok := pc.Attachments[key]
			return ok
		}
		v, ok := values.Get(key)
		return ok && v != nil && v != ""
	}
	matches := func(conds [][]string) bool {
		for _, c := range conds {
			if len(c) == 1 {
				if !filled(c[0]) {
					return false
				}
				continue
			}
			v, _ := values.Get(c[0])
			if s, ok := v.(string); !ok || s != c[1] {
				if !(v == nil && c[1] == "") {
					if b, err := ojson.Marshal(v); err != nil || string(b) != c[1] {
						return false
					}
				}
			}
		}
		return true
	}
	for _, f := range pc.Plugin.Manifest.Config {
		if f.Key == "" {
			continue
		}
		visible := len(f.VisibleIf) == 0 || matches(f.VisibleIf)
		required := f.Required || (len(f.RequiredIf) > 0 && matches(f.RequiredIf))
		if required && visible && !filled(f.Key) {
			return nil, &ConfigError{File: fmt.Sprintf("plugin %q", name), Field: "config." + f.Key, Msg: "is required"}
		}
		if f.Type == FieldChoice && filled(f.Key) {
			v, _ := values.Get(f.Key)
			if s, ok := v.(string); !ok || !contains(f.Choices, s) {
				return nil, &ConfigError{File: fmt.Sprintf("plugin %q", name), Field: "config." + f.Key,
					Msg: fmt.Sprintf("%s is not one of the choices %s", describeValue(v), quoteList(f.Choices))}
			}
		}
	}
	return values, nil
}

func setValue(values *ojson.Object, plugin, key string, v any) error {
	nv, err := ojson.Normalize(v)
	if err != nil {
		return &ConfigError{File: fmt.Sprintf("plugin %q", plugin), Field: "config." + key, Msg: err.Error()}
	}
	values.Set(key, nv)
	return nil
}

func describeValue(v any) string {
	b, err := ojson.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
