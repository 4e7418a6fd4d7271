package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

var update = flag.Bool("update", false, "rewrite the golden files under examples/testdata")

// examplesDir is /work/main/examples, seen from this package's directory.
var examplesDir = filepath.Join("..", "..", "examples")

type result struct {
	code           int
	stdout, stderr string
}

// runCLI calls run as main would, with stdin and captured stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, args, strings.NewReader(stdin), &out, &errOut)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// writeFiles writes files (slash-separated paths relative to root) and returns root.
func writeFiles(t *testing.T, root string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// fixtures are small plugins (and an attachment) every table case gets in its temp dir.
var fixtures = map[string]string{
	"plugins/tagger/plugin.json": `{"name": "Tagger", "config": [{"key": "tag", "type": "string", "default": "default-tag"}]}`,
	"plugins/tagger/index.js": `exports.processEvent = function (event, { config }) {
    event.properties.tag = config.tag
    return event
}`,
	"plugins/dropper/plugin.json": `{"name": "Dropper"}`,
	"plugins/dropper/index.js":    `exports.processEvent = (event) => (event.event === 'drop' ? null : event)`,
	"plugins/logger/plugin.json":  `{"name": "Logger"}`,
	"plugins/logger/index.js": `exports.processEvent = function (event) {
    console.log('log line', event.event)
    console.warn('warned')
    console.error({ an: 'object' })
    return event
}`,
	"plugins/thrower/plugin.json": `{"name": "Thrower"}`,
	"plugins/thrower/index.js": `exports.processEvent = function (event) {
    event.properties.before = 'kept'
    throw new Error('kaboom')
}`,
	"plugins/looper/plugin.json":       `{"name": "Looper"}`,
	"plugins/looper/index.js":          `exports.processEvent = function (event) { while (true) {} }`,
	"plugins/setup-looper/plugin.json": `{"name": "Setup Looper"}`,
	"plugins/setup-looper/index.js": `exports.setupPlugin = function () { while (true) {} }
exports.processEvent = (e) => e`,
	"plugins/on-event-thrower/plugin.json": `{"name": "OnEvent Thrower"}`,
	"plugins/on-event-thrower/index.js":    `exports.onEvent = function (event) { throw new Error('onEvent failed for ' + event.event) }`,
	"plugins/attach/plugin.json":           `{"name": "Attach", "config": [{"key": "data", "type": "attachment"}]}`,
	"plugins/attach/index.js": `exports.processEvent = function (event, { attachments }) {
    const a = attachments.data
    event.properties.attachment = {
        file_name: a.file_name,
        content_type: a.content_type,
        length: a.contents.length,
        // Not contents.toString(): see the note on Buffer at the attachments case.
        text: Array.prototype.map.call(a.contents, (c) => String.fromCharCode(c)).join(''),
    }
    return event
}`,
	"plugins/needs-config/plugin.json": `{"name": "Needs Config", "config": [{"key": "apiKey", "type": "string", "required": true}]}`,
	"plugins/needs-config/index.js":    `exports.processEvent = (e) => e`,
	"plugins/broken/plugin.json":       `{"name": "Broken",`,
	"plugins/broken/index.js":          `exports.processEvent = (e) => e`,
	"files/data.plugchaintest":         "hello, attachment\n",
}

const (
	evA    = `{"event":"a","team_id":1,"properties":{"x":1}}`
	evDrop = `{"event":"drop","team_id":1,"properties":{"x":2}}`
	evC    = `{"event":"c","team_id":1,"properties":{"x":3}}`

	// Outputs of evA and evC through plugins/tagger then plugins/dropper with default configs.
	outA = `{"event":"a","team_id":1,"properties":{"x":1,"tag":"default-tag","$plugins_succeeded":["Tagger (1)","Dropper (2)"],"$plugins_failed":[],"$plugins_deferred":[]}}`
	outC = `{"event":"c","team_id":1,"properties":{"x":3,"tag":"default-tag","$plugins_succeeded":["Tagger (1)","Dropper (2)"],"$plugins_failed":[],"$plugins_deferred":[]}}`
)

func lines(ls ...string) string {
	if len(ls) == 0 {
		return ""
	}
	return strings.Join(ls, "\n") + "\n"
}

func TestRun(t *testing.T) {
	tests := []struct {
		name string
		// files are written next to the fixtures; "$ROOT" in args is replaced by the temp dir.
		files  map[string]string
		args   []string
		stdin  string
		code   int
		stdout string   // exact
		stderr []string // substrings of stderr, in any order
		// notStderr must not appear on stderr.
		notStderr []string
	}{
		{
			name:   "dir shortcut keeps input order and drops",
			args:   []string{"run", "$ROOT/plugins/tagger", "$ROOT/plugins/dropper"},
			stdin:  lines(evA, evDrop, evC),
			stdout: lines(outA, outC),
		},
		{
			name: "last line without newline, CRLF and blank lines",
			args: []string{"run", "$ROOT/plugins/tagger", "$ROOT/plugins/dropper"},
			// Blank lines are skipped without output when dropped events are not kept.
			stdin:  evA + "\r\n\n   \n" + evC,
			stdout: lines(outA, outC),
		},
		{
			name:   "keep-dropped aligns output lines with input lines",
			args:   []string{"run", "--keep-dropped", "$ROOT/plugins/tagger", "$ROOT/plugins/dropper"},
			stdin:  lines(evDrop, evA, evDrop, evC, evDrop),
			stdout: lines("null", outA, "null", outC, "null"),
		},
		{
			name:   "flags after the plugin directories",
			args:   []string{"run", "$ROOT/plugins/tagger", "$ROOT/plugins/dropper", "--keep-dropped"},
			stdin:  lines(evA, evDrop),
			stdout: lines(outA, "null"),
		},
		{
			name:   "keep-dropped prints null for malformed and blank lines",
			args:   []string{"run", "--keep-dropped", "$ROOT/plugins/tagger", "$ROOT/plugins/dropper"},
			stdin:  lines(evA, `{"event": "broken"`, evDrop, "", evC),
			code:   1,
			stdout: lines(outA, "null", "null", "null", outC),
			stderr: []string{"plugchain: line 2: ", "(skipped)", "1 malformed input line(s)"},
		},
		{
			name:   "malformed lines are reported with their line numbers and skipped",
			args:   []string{"run", "$ROOT/plugins/tagger", "$ROOT/plugins/dropper"},
			stdin:  lines(evA, "", "not json", evC, `[1, 2]`, `{"a": 1} {"b": 2}`, `"a string"`),
			code:   1,
			stdout: lines(outA, outC),
			stderr: []string{
				"plugchain: line 3: ", "plugchain: line 5: ", "expected a JSON object, got array",
				"plugchain: line 6: ", "plugchain: line 7: ", "4 malformed input line(s)",
			},
			notStderr: []string{"line 1:", "line 2:", "line 4:"},
		},
		{
			name:   "console output goes to stderr only",
			args:   []string{"run", "$ROOT/plugins/logger"},
			stdin:  lines(evA),
			stdout: lines(`{"event":"a","team_id":1,"properties":{"x":1,"$plugins_succeeded":["Logger (1)"],"$plugins_failed":[],"$plugins_deferred":[]}}`),
			stderr: []string{
				"[Logger (1)] console.log: log line a\n",
				"[Logger (1)] console.warn: warned\n",
				"[Logger (1)] console.error: { an: 'object' }\n",
			},
		},
		{
			name:  "a throwing plugin is reported and the event goes on with its changes",
			args:  []string{"run", "$ROOT/plugins/thrower", "$ROOT/plugins/tagger"},
			stdin: lines(evA),
			stdout: lines(`{"event":"a","team_id":1,"properties":{"x":1,"before":"kept","tag":"default-tag",` +
				`"$plugins_succeeded":["Tagger (2)"],"$plugins_failed":["Thrower (1)"],"$plugins_deferred":[]}}`),
			stderr: []string{"[Thrower (1)] error in processEvent: ", "kaboom"},
		},
		{
			name:  "an onEvent error is reported on stderr",
			args:  []string{"run", "$ROOT/plugins/tagger", "$ROOT/plugins/on-event-thrower"},
			stdin: lines(evA),
			stdout: lines(`{"event":"a","team_id":1,"properties":{"x":1,"tag":"default-tag",` +
				`"$plugins_succeeded":["Tagger (1)"],"$plugins_failed":[],"$plugins_deferred":["OnEvent Thrower (2)"]}}`),
			stderr: []string{"[OnEvent Thrower (2)] error in onEvent: ", "onEvent failed for a"},
		},
		{
			name:  "timeout interrupts an endless processEvent",
			args:  []string{"run", "--timeout", "100ms", "$ROOT/plugins/looper", "$ROOT/plugins/tagger"},
			stdin: lines(evA, evC),
			stdout: lines(
				`{"event":"a","team_id":1,"properties":{"x":1,"tag":"default-tag","$plugins_succeeded":["Tagger (2)"],"$plugins_failed":["Looper (1)"],"$plugins_deferred":[]}}`,
				`{"event":"c","team_id":1,"properties":{"x":3,"tag":"default-tag","$plugins_succeeded":["Tagger (2)"],"$plugins_failed":["Looper (1)"],"$plugins_deferred":[]}}`,
			),
			stderr: []string{"[Looper (1)] error in processEvent: timed out after 100ms"},
		},
		{
			// Should also say "timed out after 100ms", as processEvent does; chain.go's
			// newInstance currently reports its own deadline as "context deadline exceeded".
			name:   "timeout interrupts an endless setupPlugin",
			args:   []string{"run", "--timeout=100ms", "$ROOT/plugins/setup-looper"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"[Setup Looper (1)] error in setupPlugin: ", `plugin "Setup Looper" (config 1): setupPlugin: `},
		},
		{
			name: "chain file: order, configs and paths relative to the chain file",
			files: map[string]string{"chains/chain.json": `{"plugins": [
				{"path": "../plugins/dropper"},
				{"path": "../plugins/tagger", "config": {"tag": "first"}},
				{"path": "../plugins/tagger", "config": {"tag": "second"}}
			]}`},
			args:  []string{"run", "--chain", "$ROOT/chains/chain.json"},
			stdin: lines(evA, evDrop),
			stdout: lines(`{"event":"a","team_id":1,"properties":{"x":1,"tag":"second",` +
				`"$plugins_succeeded":["Dropper (1)","Tagger (2)","Tagger (3)"],"$plugins_failed":[],"$plugins_deferred":[]}}`),
		},
		{
			// meta.attachments[key].contents is documented as a Buffer; plugchain gives a
			// Uint8Array for now (there is no Buffer global yet), whose toString() would join
			// the bytes with commas, so the plugin decodes the bytes itself.
			name: "chain file: attachments",
			files: map[string]string{"chains/chain.json": `{"plugins": [
				{"path": "../plugins/attach", "attachments": {"data": "../files/data.plugchaintest"}}
			]}`},
			args:  []string{"run", "--chain=$ROOT/chains/chain.json"},
			stdin: lines(evA),
			stdout: lines(`{"event":"a","team_id":1,"properties":{"x":1,"attachment":{"file_name":"data.plugchaintest",` +
				`"content_type":"application/octet-stream","length":18,"text":"hello, attachment\n"},` +
				`"$plugins_succeeded":["Attach (1)"],"$plugins_failed":[],"$plugins_deferred":[]}}`),
		},
		{
			name:   "chain file: empty chain passes events through",
			files:  map[string]string{"chain.json": `{"plugins": []}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(`{"event":"a","properties":{"b":1.0,"10":"x","s":"\u00e9"}}`),
			stdout: lines(`{"event":"a","properties":{"10":"x","b":1,"s":"é"}}`),
		},
		{
			name:   "bad chain file: unknown field",
			files:  map[string]string{"chain.json": `{"plugins": [{"path": "plugins/tagger", "bogus": true}]}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"chain.json", `unknown field "bogus"`},
		},
		{
			name:   "bad chain file: unknown top-level field",
			files:  map[string]string{"chain.json": `{"plugin": [{"path": "plugins/tagger"}]}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"chain.json", `unknown field "plugin"`},
		},
		{
			name:   "bad chain file: missing path",
			files:  map[string]string{"chain.json": `{"plugins": [{"path": "plugins/tagger"}, {"config": {"tag": "x"}}]}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{`chain.json: plugins[1]: missing "path"`},
		},
		{
			name:   "bad chain file: broken plugin.json",
			files:  map[string]string{"chain.json": `{"plugins": [{"path": "plugins/broken"}]}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"plugins[0]", filepath.Join("plugins", "broken", "plugin.json"), "invalid JSON"},
		},
		{
			name:   "bad chain file: plugin directory missing",
			files:  map[string]string{"chain.json": `{"plugins": [{"path": "plugins/nowhere"}]}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"plugins[0]", filepath.Join("plugins", "nowhere", "plugin.json"), "cannot read"},
		},
		{
			name:   "bad chain file: required config missing",
			files:  map[string]string{"chain.json": `{"plugins": [{"path": "plugins/needs-config"}]}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"plugins[0]", "apiKey", "required"},
		},
		{
			name:   "bad chain file: attachment file missing",
			files:  map[string]string{"chain.json": `{"plugins": [{"path": "plugins/attach", "attachments": {"data": "files/none.txt"}}]}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{`plugins[0]: attachment "data"`, "none.txt"},
		},
		{
			name:   "bad chain file: invalid JSON with its position",
			files:  map[string]string{"chain.json": "{\"plugins\": [\n  {\"path\": \"plugins/tagger\",}\n]}"},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"chain.json:2:29: invalid JSON"},
		},
		{
			name:   "bad chain file: data after the object",
			files:  map[string]string{"chain.json": `{"plugins": []} {"plugins": []}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"unexpected data after the chain object"},
		},
		{
			name:   "bad chain file: not found",
			args:   []string{"run", "--chain", "$ROOT/none.json"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{"none.json", "no such file"},
		},
		{
			name:   "bad plugin directory in the shortcut",
			args:   []string{"run", "$ROOT/plugins/tagger", "$ROOT/plugins/broken"},
			stdin:  lines(evA),
			code:   1,
			stderr: []string{filepath.Join("plugins", "broken", "plugin.json"), "invalid JSON"},
		},
		{name: "usage: no arguments", args: nil, code: 2, stderr: []string{"usage:"}},
		{name: "usage: unknown command", args: []string{"runn"}, code: 2, stderr: []string{`unknown command "runn"`, "usage:"}},
		{name: "usage: run without chain or directories", args: []string{"run"}, code: 2, stderr: []string{"give either --chain", "usage:"}},
		{name: "usage: run with only flags", args: []string{"run", "--keep-dropped", "--timeout", "1s"}, code: 2, stderr: []string{"give either --chain"}},
		{
			name:   "usage: chain and directories together",
			files:  map[string]string{"chain.json": `{"plugins": []}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json", "$ROOT/plugins/tagger"},
			code:   2,
			stderr: []string{"give either --chain"},
		},
		{name: "usage: unknown flag", args: []string{"run", "--nope", "$ROOT/plugins/tagger"}, code: 2, stderr: []string{"flag provided but not defined: -nope", "usage:"}},
		{name: "usage: bad timeout", args: []string{"run", "--timeout", "soon", "$ROOT/plugins/tagger"}, code: 2, stderr: []string{`invalid value "soon"`}},
		{name: "usage: zero timeout", args: []string{"run", "--timeout", "0s", "$ROOT/plugins/tagger"}, code: 2, stderr: []string{"--timeout must be positive"}},
		{name: "usage: missing flag value", args: []string{"run", "$ROOT/plugins/tagger", "--chain"}, code: 2, stderr: []string{"flag needs an argument: -chain"}},
		{name: "help", args: []string{"help"}, code: 0, stdout: usage},
		{name: "run -h", args: []string{"run", "-h"}, code: 0, stderr: []string{"usage:"}},
		{
			name:   "geoip: database file missing",
			files:  map[string]string{"chain.json": `{"plugins": [{"path": "plugins/tagger"}]}`},
			args:   []string{"run", "--chain", "$ROOT/chain.json", "--geoip", "$ROOT/GeoLite2-City.mmdb"},
			stdin:  lines(evA),
			code:   2,
			stderr: []string{"plugchain run: --geoip: ", "$ROOT/GeoLite2-City.mmdb", "no such file"},
		},
		{
			name:   "geoip: not a MaxMind database (directories)",
			files:  map[string]string{"files/bad.mmdb": "this is not a MaxMind database\n"},
			args:   []string{"run", "--geoip=$ROOT/files/bad.mmdb", "$ROOT/plugins/tagger"},
			stdin:  lines(evA),
			code:   2,
			stderr: []string{"plugchain run: --geoip: ", "$ROOT/files/bad.mmdb"},
		},
		{
			name:   "geoip: usage errors come first",
			args:   []string{"run", "--geoip", "x.mmdb"},
			code:   2,
			stderr: []string{"give either --chain"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := writeFiles(t, t.TempDir(), fixtures)
			writeFiles(t, root, tc.files)
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "$ROOT", root)
			}
			res := runCLI(t, tc.stdin, args...)
			if res.code != tc.code {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", res.code, tc.code, res.stderr)
			}
			if res.stdout != tc.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", res.stdout, tc.stdout)
			}
			for _, s := range tc.stderr {
				s = strings.ReplaceAll(s, "$ROOT", root)
				if !strings.Contains(res.stderr, s) {
					t.Errorf("stderr does not contain %q:\n%s", s, res.stderr)
				}
			}
			for _, s := range tc.notStderr {
				if strings.Contains(res.stderr, s) {
					t.Errorf("stderr contains %q:\n%s", s, res.stderr)
				}
			}
			if tc.name != "help" {
				checkJSONLines(t, res.stdout)
			}
		})
	}
}

// checkJSONLines fails unless every stdout line is a JSON object or null: nothing else (such
// as plugin console output) may reach stdout.
func checkJSONLines(t *testing.T, stdout string) {
	t.Helper()
	if stdout == "" {
		return
	}
	if !strings.HasSuffix(stdout, "\n") {
		t.Errorf("stdout does not end with a newline: %q", stdout)
	}
	for i, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if l == "null" {
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Errorf("stdout line %d is not a JSON object: %v\n%s", i+1, err, l)
		}
	}
}

// TestRunManyEventsInOrder checks that output order is input order with an async plugin.
func TestRunManyEventsInOrder(t *testing.T) {
	root := writeFiles(t, t.TempDir(), map[string]string{
		"async/plugin.json": `{"name": "Async"}`,
		"async/index.js": `exports.processEvent = async function (event) {
    for (let i = 0; i < event.properties.n % 7; i++) await Promise.resolve()
    event.properties.seen = event.properties.n * 2
    return event.properties.n % 5 === 0 ? null : event
}`,
	})
	var in, want strings.Builder
	for n := 1; n <= 300; n++ {
		fmt.Fprintf(&in, `{"event":"e%d","properties":{"n":%d}}`+"\n", n, n)
		if n%5 == 0 {
			want.WriteString("null\n")
			continue
		}
		fmt.Fprintf(&want, `{"event":"e%d","properties":{"n":%d,"seen":%d,"$plugins_succeeded":["Async (1)"],"$plugins_failed":[],"$plugins_deferred":[]}}`+"\n", n, n, 2*n)
	}
	res := runCLI(t, in.String(), "run", "--keep-dropped", filepath.Join(root, "async"))
	if res.code != 0 || res.stdout != want.String() {
		t.Fatalf("exit code %d, stderr:\n%s\nstdout differs from the expected %d lines:\n%s", res.code, res.stderr, 300, firstDiff(res.stdout, want.String()))
	}
}

// TestRunLinesLongerThanTheReadBuffer checks that lines longer than the input buffer (64 KiB),
// between and after short ones and with or without a final newline, come out whole.
func TestRunLinesLongerThanTheReadBuffer(t *testing.T) {
	root := writeFiles(t, t.TempDir(), map[string]string{
		"len/plugin.json": `{"name": "Len"}`,
		"len/index.js":    `exports.processEvent = (e) => { e.properties.len = e.properties.s.length; return e }`,
	})
	var in, want strings.Builder
	for i, n := range []int{3, 200_000, 5, 70_000, 65_536, 9, 150_000} {
		s := strings.Repeat(string(rune('a'+i)), n)
		fmt.Fprintf(&in, `{"event":"e","properties":{"s":%q}}`, s)
		if i < 6 {
			in.WriteString("\n")
		}
		fmt.Fprintf(&want, `{"event":"e","properties":{"s":%q,"len":%d,"$plugins_succeeded":["Len (1)"],"$plugins_failed":[],"$plugins_deferred":[]}}`+"\n", s, n)
	}
	res := runCLI(t, in.String(), "run", filepath.Join(root, "len"))
	if res.code != 0 || res.stdout != want.String() {
		t.Fatalf("exit code %d, stderr:\n%s\nstdout differs:\n%s", res.code, res.stderr, firstDiff(res.stdout, want.String()))
	}
}

// TestRunExamples runs the repository's example chain on its example events. The expected
// output is examples/testdata/examples.golden.jsonl (go test -update rewrites it); the parts of
// the chain that Node can run are also checked against Node in TestDifferentialExamples.
func TestRunExamples(t *testing.T) {
	events, err := os.ReadFile(filepath.Join(examplesDir, "events.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	chainPath := filepath.Join(examplesDir, "chain.json")
	golden := filepath.Join(examplesDir, "testdata", "examples.golden.jsonl")

	res := runCLI(t, string(events), "run", "--chain", chainPath)
	if res.code != 0 {
		t.Fatalf("exit code %d, stderr:\n%s", res.code, res.stderr)
	}
	if *update {
		if err := os.WriteFile(golden, []byte(res.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if res.stdout != string(want) {
		t.Errorf("stdout differs from %s:\n%s", golden, firstDiff(res.stdout, string(want)))
	}
	checkJSONLines(t, res.stdout)
	for _, s := range []string{
		"[Pageview Logger (4)] console.log: pageview https://shop.example.com/pricing\n",
		"[Pageview Logger (4)] console.log: pageview https://shop.example.com/blog/why-events\n",
		`[Schema Enforcer (2)] console.warn: Dropping "purchase" event 018f7a3c-6a01-7000-8000-000000000004: property "amount" should be a number, got string` + "\n",
		`[Schema Enforcer (2)] console.warn: Dropping "signup_completed" event 018f7a3c-6a01-7000-8000-000000000006: missing required property "seats"` + "\n",
	} {
		if !strings.Contains(res.stderr, s) {
			t.Errorf("stderr does not contain %q:\n%s", s, res.stderr)
		}
	}
	if strings.Contains(res.stdout, "console.") || strings.Contains(res.stdout, "Dropping") {
		t.Errorf("plugin output reached stdout")
	}
	// The property filter runs last: no event keeps $ip, ip or $set.email.
	for _, bad := range []string{`"$ip"`, `"email"`, `"ip":"`} {
		if strings.Contains(res.stdout, bad) {
			t.Errorf("stdout still contains %s", bad)
		}
	}

	// --keep-dropped: one output line per input line, null where the schema dropped events.
	kept := runCLI(t, string(events), "run", "--keep-dropped", "--chain", chainPath)
	if kept.code != 0 {
		t.Fatalf("--keep-dropped: exit code %d, stderr:\n%s", kept.code, kept.stderr)
	}
	inLines := strings.Split(strings.TrimSuffix(string(events), "\n"), "\n")
	outLines := strings.Split(strings.TrimSuffix(kept.stdout, "\n"), "\n")
	if len(outLines) != len(inLines) {
		t.Fatalf("--keep-dropped: %d output lines for %d input lines", len(outLines), len(inLines))
	}
	var nonNull []string
	for i, l := range outLines {
		if (l == "null") != (i == 3 || i == 5) {
			t.Errorf("--keep-dropped: line %d is %.60s...", i+1, l)
		}
		if l != "null" {
			nonNull = append(nonNull, l)
		}
	}
	if got := lines(nonNull...); got != res.stdout {
		t.Errorf("--keep-dropped: surviving events differ from the run without it:\n%s", firstDiff(got, res.stdout))
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g := strings.Split(got, "\n")
	w := strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(no difference)"
}

func TestTuneGCKeepsAGOGCFromTheEnvironment(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	current := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }

	for _, v := range []string{"50", ""} {
		tuneGC(func(k string) (string, bool) { return v, k == "GOGC" })
		assert.Equal(t, 100, current(), "GOGC=%q set: the runtime already applied it", v)
	}
	tuneGC(func(string) (string, bool) { return "", false })
	assert.Equal(t, gcPercent, current())
}
