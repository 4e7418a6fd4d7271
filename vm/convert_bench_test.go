package vm

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/plugchain/plugchain/ojson"
)

const benchEventJSON = `{"uuid":"018f7a3c-6a01-7000-8000-000000000001","distinct_id":"018f7a3c-5b21-7d4e-9a10-3c2b1e0f4a77","ip":"81.2.69.142","site_url":"https://app.example.com","team_id":2,"now":"2024-05-14T09:12:04.002Z","event":"$pageview","timestamp":"2024-05-14T09:12:03.418Z","properties":{"$os":"Mac OS X","$browser":"Chrome","$device_type":"Desktop","$current_url":"https://shop.example.com/pricing?utm_source=google&utm_medium=cpc&utm_campaign=spring","$host":"shop.example.com","$pathname":"/pricing","$browser_version":124,"$screen_height":1117,"$screen_width":1728,"$lib":"web","$lib_version":"1.130.2","$referrer":"https://www.google.com/","$referring_domain":"www.google.com","$session_id":"018f7a3c-5b22-7aa0-8c11-9d0f2e3b4c55","token":"phc_example","$set":{"plan":"pro","company":{"name":"Acme","size":50}}}}`

func BenchmarkToJS(b *testing.B) {
	rt := goja.New()
	ev, _ := ojson.ParseObject([]byte(benchEventJSON))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ToJS(rt, ev)
	}
}

func BenchmarkFromJS(b *testing.B) {
	rt := goja.New()
	ev, _ := ojson.ParseObject([]byte(benchEventJSON))
	v := ToJS(rt, ev)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, _, err := FromJS(rt, v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallEventTouchedProperties is one processEvent that changes event.properties, so
// the result is materialized from the lazy event: the cost of the conversion back.
func BenchmarkCallEventTouchedProperties(b *testing.B) {
	p, err := Compile("index.js", []byte(`export function processEvent(e) { e.properties.hello = 'world'; return e }`))
	if err != nil {
		b.Fatal(err)
	}
	in, err := New(context.Background(), p, Options{})
	if err != nil {
		b.Fatal(err)
	}
	src, err := ojson.ParseObject([]byte(benchEventJSON))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := in.CallEvent(context.Background(), "processEvent", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMaterialize converts an event back from a runtime after the plugin added one
// property to a 30-property event: the changed levels are copied, the rest is shared.
func BenchmarkMaterialize(b *testing.B) {
	src, err := ojson.ParseObject([]byte(benchEventJSON))
	if err != nil {
		b.Fatal(err)
	}
	props, _ := src.GetObject("properties")
	for i := 0; i < 14; i++ {
		props.Set("extra_"+string(rune('a'+i)), float64(i))
	}
	in := newInstance(b, "index.js", `export function processEvent(e) { return e }`, Options{})
	l, w := in.newLazy(src)
	if err := w.Get("properties").(*goja.Object).Set("hello", "world"); err != nil {
		b.Fatal(err)
	}
	c := exporter{rt: in.rt}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.materialize(l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadWideEvent reads every property of a 2,000-property event once, as a plugin
// that walks or stringifies event.properties does: reads must stay linear in the width.
func BenchmarkReadWideEvent(b *testing.B) {
	in := newInstance(b, "index.js", `export function processEvent(e) {
    let n = 0
    for (const k in e.properties) n += e.properties[k].length
    return n > 0 ? null : e
}`, Options{})
	var sb strings.Builder
	sb.WriteString(`{"properties":{`)
	for i := 0; i < 2000; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `"key%d":"value %d"`, i, i)
	}
	sb.WriteString(`}}`)
	src := event(b, sb.String())
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := in.CallEvent(context.Background(), "processEvent", src); err != nil {
			b.Fatal(err)
		}
	}
}
