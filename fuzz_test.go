package plugchain

import (
	"encoding/json"
	"testing"
)

func FuzzParseManifest(f *testing.F) {
	for _, s := range []string{
		`{"name":"x","config":[{"key":"a","type":"string","default":"1","required":true}]}`,
		`{"name":"x","config":{"a":{"type":"choice","choices":["1","2"],"default":"1"}}}`,
		`{"name":"x","config":[{"markdown":"## hi"},{"key":"b","type":"json","default":{"k":1},"required_if":[["a","1"]],"visible_if":[["a"]]}]}`,
		`{"name":"x","main":"dist/index.js","stateless":true,"publicJobs":{"j":{}}}`,
		`{"config":[{"key":"a","type":"choice"}]}`, `[]`, `{`, `{"config":"x"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data)
		if err != nil {
			if _, ok := err.(*ConfigError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		for _, c := range m.Config {
			if c.Type == FieldChoice && len(c.Choices) == 0 {
				t.Fatalf("accepted a choice without choices: %q", data)
			}
		}
	})
}

func FuzzParseEvent(f *testing.F) {
	for _, s := range []string{
		benchEvent,
		`{"event":"e","properties":{"2":1,"1":2,"b":[1,{"x":null}]},"team_id":2}`,
		`{"event":"\ud83d\ude00","distinct_id":"\u0000"}`, `[]`, `{"a":1,}`, `{"a":1e400}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := ParseEvent(data)
		if err != nil {
			return
		}
		b, err := ev.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		ev2, err := ParseEvent(b)
		if err != nil {
			t.Fatalf("cannot parse own output %q: %v", b, err)
		}
		b2, _ := ev2.MarshalJSON()
		if string(b) != string(b2) {
			t.Fatalf("unstable: %q then %q", b, b2)
		}
		_ = ev.Name()
		_ = ev.TeamID()
		_, _ = ev.Property("x")
	})
}
