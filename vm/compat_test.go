package vm

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// The compatibility suite runs every snippet of testdata/compat/*.js on Node and in an
// instance, and compares what each returns (or throws) and logs, exactly. See
// testdata/compat/snippets.js for the file format.

const compatDir = "../testdata/compat"

// knownDifferences are snippets whose output differs from Node's on purpose, keyed
// "file/snippet name", with the reason. Each is listed in the README's known differences.
var knownDifferences = map[string]string{}

type compatResult struct {
	Name string   `json:"name"`
	Out  string   `json:"out"`
	Logs []string `json:"logs"`
}

var snippetHeader = regexp.MustCompile(`^//# (.+)$`)

type snippet struct {
	name string
	body []string
}

// parseSnippets mirrors parse in snippets.js.
func parseSnippets(text string) []snippet {
	var out []snippet
	for _, line := range strings.Split(text, "\n") {
		if m := snippetHeader.FindStringSubmatch(line); m != nil {
			out = append(out, snippet{name: strings.TrimSpace(m[1])})
		} else if len(out) > 0 {
			out[len(out)-1].body = append(out[len(out)-1].body, line)
		}
	}
	return out
}

// compatProgram mirrors program in snippets.js.
func compatProgram(harness, text string) string {
	var items []string
	for _, s := range parseSnippets(text) {
		name, _ := json.Marshal(s.name)
		items = append(items, fmt.Sprintf("{ name: %s, fn: async () => {\n%s\n} }", name, strings.Join(s.body, "\n")))
	}
	return harness + "\nconst __snippets = [\n" + strings.Join(items, ",\n") + "\n]\n"
}

func compatFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(compatDir, "*.js"))
	require.NoError(t, err)
	var out []string
	for _, f := range files {
		switch filepath.Base(f) {
		case "harness.js", "snippets.js", "node-run.js":
		default:
			out = append(out, f)
		}
	}
	return out
}

func nodeResults(t *testing.T, node, file string) []compatResult {
	cmd := exec.Command(node, filepath.Join(compatDir, "node-run.js"), file)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "node: %s", stderr.String())
	var res []compatResult
	require.NoError(t, json.Unmarshal(out, &res))
	return res
}

func plugchainResults(t *testing.T, file string) []compatResult {
	harness, err := os.ReadFile(filepath.Join(compatDir, "harness.js"))
	require.NoError(t, err)
	text, err := os.ReadFile(file)
	require.NoError(t, err)
	snippets := parseSnippets(string(text))
	src := compatProgram(string(harness), string(text)) + `
module.exports = {
    async processEvent(event) {
        event.properties.out = await __run(__snippets[event.properties.i].fn)
        return event
    },
}
`
	var logs []string
	p, err := Compile(filepath.Base(file), []byte(src))
	require.NoError(t, err)
	in, err := New(context.Background(), p, Options{
		Timeout: 10 * time.Second,
		Log:     func(_, msg string) { logs = append(logs, msg) },
	})
	require.NoError(t, err)
	res := make([]compatResult, len(snippets))
	for i, s := range snippets {
		logs = nil
		ev, err := ojson.ParseObject([]byte(fmt.Sprintf(`{"event":"compat","properties":{"i":%d}}`, i)))
		require.NoError(t, err)
		r, err := in.CallEvent(context.Background(), "processEvent", ev)
		out := ""
		if err != nil {
			out = "plugchain call failed: " + err.Error()
		} else if props, ok := r.Value.(*ojson.Object).Get("properties"); ok {
			if o, ok := props.(*ojson.Object).Get("out"); ok {
				out, _ = o.(string)
			}
		}
		res[i] = compatResult{Name: s.name, Out: out, Logs: logs}
	}
	return res
}

func TestCompat(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is required in CI for the compatibility suite")
		}
		t.Skip("node not installed")
	}
	total := 0
	for _, file := range compatFiles(t) {
		base := strings.TrimSuffix(filepath.Base(file), ".js")
		t.Run(base, func(t *testing.T) {
			want := nodeResults(t, node, file)
			got := plugchainResults(t, file)
			require.Equal(t, len(want), len(got), "snippet count")
			total += len(got)
			for i := range want {
				w, g := want[i], got[i]
				if w.Logs == nil {
					w.Logs = []string{}
				}
				if g.Logs == nil {
					g.Logs = []string{}
				}
				key := base + "/" + w.Name
				same := w.Out == g.Out && assert.ObjectsAreEqual(w.Logs, g.Logs)
				if reason, known := knownDifferences[key]; known {
					assert.False(t, same, "%s: listed as a known difference (%s) but now matches Node; remove it", key, reason)
					continue
				}
				if !same {
					t.Errorf("%s differs from Node\n node:      %q\n plugchain: %q\n node logs:      %q\n plugchain logs: %q", key, w.Out, g.Out, w.Logs, g.Logs)
				}
			}
		})
	}
	t.Logf("%d snippets compared", total)
}
