package plugchain

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadPluginErrors(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string // exact error text, with DIR standing for the plugin directory
	}{
		{
			name:  "invalid JSON",
			files: map[string]string{"plugin.json": "{\n  \"name\": \"x\",\n  \"config\": [,]\n}", "index.js": ""},
			want:  `DIR/plugin.json: invalid JSON at line 3, column 14: invalid character ',' looking for beginning of value`,
		},
		{
			name:  "trailing data",
			files: map[string]string{"plugin.json": "{} }", "index.js": ""},
			want:  `DIR/plugin.json: invalid JSON at line 1, column 4: unexpected data after the top-level object`,
		},
		{
			name:  "not an object",
			files: map[string]string{"plugin.json": `[1]`, "index.js": ""},
			want:  `DIR/plugin.json: expected a JSON object, got array`,
		},
		{
			name:  "wrong field type",
			files: map[string]string{"plugin.json": `{"name": 3}`, "index.js": ""},
			want:  `DIR/plugin.json: name: expected a string, got number`,
		},
		{
			name:  "unknown config type",
			files: map[string]string{"plugin.json": `{"name":"x","config":[{"key":"a","type":"number"}]}`, "index.js": ""},
			want:  `DIR/plugin.json: config[0] ("a"): unknown type "number" (want string, json, attachment, choice or dictionary)`,
		},
		{
			name:  "choice without choices",
			files: map[string]string{"plugin.json": `{"name":"x","config":[{"markdown":"hi"},{"key":"mode","type":"choice"}]}`, "index.js": ""},
			want:  `DIR/plugin.json: config[1] ("mode"): type "choice" needs a non-empty "choices" array`,
		},
		{
			name:  "secret choice",
			files: map[string]string{"plugin.json": `{"name":"x","config":[{"key":"m","type":"choice","choices":["a"],"secret":true}]}`, "index.js": ""},
			want:  `DIR/plugin.json: config[0] ("m"): a "choice" field cannot be "secret"`,
		},
		{
			name:  "default outside choices",
			files: map[string]string{"plugin.json": `{"name":"x","config":[{"key":"m","type":"choice","choices":["a","b"],"default":"c"}]}`, "index.js": ""},
			want:  `DIR/plugin.json: config[0] ("m"): default "c" is not one of the choices ["a", "b"]`,
		},
		{
			name:  "missing key",
			files: map[string]string{"plugin.json": `{"name":"x","config":[{"name":"A","type":"string"}]}`, "index.js": ""},
			want:  `DIR/plugin.json: config[0]: missing "key"`,
		},
		{
			name:  "duplicate key",
			files: map[string]string{"plugin.json": `{"name":"x","config":[{"key":"a"},{"key":"a"}]}`, "index.js": ""},
			want:  `DIR/plugin.json: config[1] ("a"): duplicate key`,
		},
		{
			name:  "bad required_if",
			files: map[string]string{"plugin.json": `{"name":"x","config":[{"key":"a","required_if":[["nope"]]}]}`, "index.js": ""},
			want:  `DIR/plugin.json: config[0] ("a"): condition refers to unknown field "nope"`,
		},
		{
			name:  "config not a list",
			files: map[string]string{"plugin.json": `{"name":"x","config":"a"}`, "index.js": ""},
			want:  `DIR/plugin.json: config: must be an array of fields or an object keyed by field key`,
		},
		{
			name:  "missing entry file",
			files: map[string]string{"plugin.json": `{"name":"x"}`},
			want:  `DIR/plugin.json: main: no entry file: "main" is not set and there is no index.js or index.ts`,
		},
		{
			name:  "main names a missing file",
			files: map[string]string{"plugin.json": `{"name":"x","main":"dist/index.js"}`, "index.js": ""},
			want:  `DIR/plugin.json: main: entry file "dist/index.js" not found`,
		},
		{
			name:  "syntax error",
			files: map[string]string{"index.js": "export function processEvent(e) {\n  return e +\n}\n"},
			want:  `DIR/index.js:3:1: Unexpected "}"`,
		},
		{
			name:  "typescript syntax error",
			files: map[string]string{"index.ts": "const x: number = ;\n"},
			want:  `DIR/index.ts:1:19: Unexpected ";"`,
		},
		{
			name:  "module not provided",
			files: map[string]string{"index.js": "import fs from 'fs'\nexport function processEvent(e) { return e }\n"},
			want:  `plugin "test-plugin" (config 1): load: Error: Cannot import 'fs'! This package is not provided by PostHog in plugins.`,
		},
		{
			name:  "top-level throw",
			files: map[string]string{"index.js": "throw new RangeError('bad start')\n"},
			want:  `plugin "test-plugin" (config 1): load: RangeError: bad start`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePlugin(t, tc.files)
			want := replaceDir(tc.want, dir)
			p, err := LoadPlugin(dir)
			if err == nil {
				c, _ := newChain(t)
				_, err = c.Add(context.Background(), PluginConfig{Plugin: p})
			}
			require.Error(t, err)
			assert.Equal(t, want, err.Error())
		})
	}
}

func replaceDir(s, dir string) string {
	out := ""
	for i := 0; i < len(s); i++ {
		if i+3 <= len(s) && s[i:i+3] == "DIR" {
			out += filepath.Clean(dir)
			i += 2
			continue
		}
		out += string(s[i])
	}
	return out
}

func TestManifestShapes(t *testing.T) {
	m, err := ParseManifest([]byte(`{"name":"x","config":{"b":{"type":"string","default":"2"},"a":{"type":"json","default":{"k":1}}}}`))
	require.NoError(t, err)
	require.Len(t, m.Config, 2)
	assert.Equal(t, "a", m.Config[0].Key)
	assert.Equal(t, `{"k":1}`, m.Config[0].Default)
	assert.Equal(t, "b", m.Config[1].Key)
	assert.True(t, m.Config[1].HasDefault)
}

func TestEntryFileChoice(t *testing.T) {
	ts := writePlugin(t, map[string]string{"index.ts": "export const processEvent = (e: any) => e"})
	p, err := LoadPlugin(ts)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(ts, "index.ts"), p.EntryFile)

	both := writePlugin(t, map[string]string{"index.js": "", "index.ts": ""})
	p, err = LoadPlugin(both)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(both, "index.js"), p.EntryFile)

	main := writePlugin(t, map[string]string{"plugin.json": `{"name":"m","main":"dist/bundle.js"}`, "dist/bundle.js": ""})
	p, err = LoadPlugin(main)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(main, "dist/bundle.js"), p.EntryFile)
	assert.Equal(t, "m", p.Name())
}

func TestConfigValidation(t *testing.T) {
	manifest := `{"name":"cfg","config":[
		{"markdown":"## Setup"},
		{"key":"apiKey","type":"string","required":true,"secret":true},
		{"key":"mode","type":"choice","choices":["eu","us"],"default":"us"},
		{"key":"region","type":"string","required_if":[["mode","eu"]]},
		{"key":"extra","type":"string","required":true,"visible_if":[["mode","eu"]]},
		{"key":"file","type":"attachment","required_if":[["region"]]},
		{"key":"greeting","type":"string","default":"hi"}
	]}`
	p, err := LoadPlugin(writePlugin(t, map[string]string{
		"plugin.json": manifest,
		"index.js":    `export function processEvent(e, {config}) { e.properties.config = config; return e }`,
	}))
	require.NoError(t, err)
	cases := []struct {
		name        string
		config      map[string]any
		attachments map[string]Attachment
		want        string // error, or the config the plugin sees
	}{
		{"missing required", map[string]any{}, nil, `plugin "cfg": config.apiKey: is required`},
		{"empty required", map[string]any{"apiKey": ""}, nil, `plugin "cfg": config.apiKey: is required`},
		{"defaults applied", map[string]any{"apiKey": "k"}, nil, `{"apiKey":"k","mode":"us","greeting":"hi"}`},
		{"bad choice", map[string]any{"apiKey": "k", "mode": "asia"}, nil, `plugin "cfg": config.mode: "asia" is not one of the choices ["eu", "us"]`},
		{"required_if matches", map[string]any{"apiKey": "k", "mode": "eu", "extra": "x"}, nil, `plugin "cfg": config.region: is required`},
		{"visible_if hides required", map[string]any{"apiKey": "k", "mode": "us"}, nil, `{"apiKey":"k","mode":"us","greeting":"hi"}`},
		{"visible_if shows required", map[string]any{"apiKey": "k", "mode": "eu", "region": "r"}, nil, `plugin "cfg": config.extra: is required`},
		{"required_if non-empty", map[string]any{"apiKey": "k", "mode": "eu", "region": "r", "extra": "x"}, nil, `plugin "cfg": config.file: is required`},
		{"attachment given", map[string]any{"apiKey": "k", "mode": "eu", "region": "r", "extra": "x"},
			map[string]Attachment{"file": {FileName: "a.txt"}}, `{"apiKey":"k","mode":"eu","region":"r","extra":"x","greeting":"hi"}`},
		{"unknown keys kept", map[string]any{"apiKey": "k", "zzz": "1", "aaa": 2}, nil, `{"apiKey":"k","mode":"us","greeting":"hi","aaa":2,"zzz":"1"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newChain(t)
			_, err := c.Add(context.Background(), PluginConfig{Plugin: p, Config: tc.config, Attachments: tc.attachments})
			if tc.want[0] != '{' {
				require.Error(t, err)
				assert.Equal(t, tc.want, err.Error())
				return
			}
			require.NoError(t, err)
			out, err := c.ProcessEvent(context.Background(), mustEvent(t, `{"event":"e","properties":{}}`))
			require.NoError(t, err)
			v, _ := out.Property("config")
			assert.Equal(t, tc.want, jsonValue(t, v))
		})
	}
}
