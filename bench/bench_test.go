package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSameOutputAsNode runs every benchmarked chain through plugchain and the Node reference
// on the generated events and requires identical output, byte for byte: the benchmark
// compares equal work.
func TestSameOutputAsNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node is required in CI: %v", err)
		}
		t.Skip("node not found")
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	events := filepath.Join(tmp, "events.jsonl")
	if err := os.WriteFile(events, []byte(strings.Join(generateEvents(600, 7), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runner{root: root, tmp: tmp, node: node, events: events}
	for _, c := range chains {
		t.Run(c.name, func(t *testing.T) {
			pc, err := plugchainThroughput(root, c, events, 10, 50)
			if err != nil {
				t.Fatal(err)
			}
			nd, err := r.nodeThroughput(c, 10, 50)
			if err != nil {
				t.Fatal(err)
			}
			if pc.Checksum != nd.Checksum {
				t.Errorf("outputs differ: plugchain %s, Node %s", pc.Checksum, nd.Checksum)
			}
		})
	}
}

func TestGeneratedEventsAreDeterministic(t *testing.T) {
	a, b := generateEvents(200, 1), generateEvents(200, 1)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Fatal("the same seed gave different events")
	}
	kinds := map[string]bool{}
	for _, l := range a {
		for _, k := range []string{`"event":"$pageview"`, `"event":"$autocapture"`, `"event":"$identify"`, `"$elements":[`, `"$set":{`, `utm_source=`} {
			if strings.Contains(l, k) {
				kinds[k] = true
			}
		}
	}
	if len(kinds) != 6 {
		t.Fatalf("missing event shapes: found only %v", kinds)
	}
}
