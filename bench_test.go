package plugchain

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"testing"
)

// benchEvent is a realistic web pageview as posthog-js sends it.
const benchEvent = `{"uuid":"018f7a3c-6a01-7000-8000-000000000001","distinct_id":"018f7a3c-5b21-7d4e-9a10-3c2b1e0f4a77","ip":"81.2.69.142","site_url":"https://app.example.com","team_id":2,"now":"2024-05-14T09:12:04.002Z","event":"$pageview","timestamp":"2024-05-14T09:12:03.418Z","properties":{"$os":"Mac OS X","$browser":"Chrome","$device_type":"Desktop","$current_url":"https://shop.example.com/pricing?utm_source=google&utm_medium=cpc&utm_campaign=spring","$host":"shop.example.com","$pathname":"/pricing","$browser_version":124,"$screen_height":1117,"$screen_width":1728,"$lib":"web","$lib_version":"1.130.2","$referrer":"https://www.google.com/","$referring_domain":"www.google.com","$session_id":"018f7a3c-5b22-7aa0-8c11-9d0f2e3b4c55","token":"phc_example","$set":{"plan":"pro","company":{"name":"Acme","size":50}}}}`

// realisticChain is four transformations of the kind real plugins do (URL parsing, renaming,
// filtering, flattening): the chain bench/ compares with Node.
var realisticChain = []string{"bench/plugins/url-parser", "bench/plugins/property-renamer", "bench/plugins/internal-filter", "bench/plugins/flattener"}

// addRealisticChain attaches realisticChain to c.
func addRealisticChain(b *testing.B, c *Chain) {
	for _, dir := range realisticChain {
		p, err := LoadPlugin(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Add(context.Background(), PluginConfig{Plugin: p}); err != nil {
			b.Fatal(err)
		}
	}
}

func quietChain(b *testing.B, opts ...Option) *Chain {
	c := New(append([]Option{WithLogSink(SlogSink{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})}, opts...)...)
	b.Cleanup(func() { _ = c.Close(context.Background()) })
	return c
}

func benchChain(b *testing.B, c *Chain) {
	ctx := context.Background()
	// Each event goes through the chain once, as in ingestion: a fresh parse per iteration,
	// made outside the timed part in batches small enough to stay in the CPU's caches, as an
	// event parsed just before being processed does.
	var batch [32]*Event
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % len(batch)
		if j == 0 {
			b.StopTimer()
			for k := range batch {
				batch[k] = mustEvent(b, benchEvent)
			}
			b.StartTimer()
		}
		out, err := c.ProcessEvent(ctx, batch[j])
		if err != nil || out == nil {
			b.Fatal(err)
		}
		batch[j] = nil
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/event")
}

// BenchmarkProcessEventHelloWorld runs the hello-world example on one instance (one core).
func BenchmarkProcessEventHelloWorld(b *testing.B) {
	p, err := LoadPlugin("examples/plugins/hello-world")
	if err != nil {
		b.Fatal(err)
	}
	c := quietChain(b, WithPoolSize(1))
	if _, err := c.Add(context.Background(), PluginConfig{Plugin: p, Config: map[string]any{"name": "bench"}}); err != nil {
		b.Fatal(err)
	}
	benchChain(b, c)
}

// BenchmarkProcessEventRealisticChain runs URL parsing, renaming, filtering and flattening.
func BenchmarkProcessEventRealisticChain(b *testing.B) {
	c := quietChain(b, WithPoolSize(1))
	addRealisticChain(b, c)
	benchChain(b, c)
}

// BenchmarkProcessEventParallel measures throughput with every core processing events.
func BenchmarkProcessEventParallel(b *testing.B) {
	c := quietChain(b)
	addRealisticChain(b, c)
	ev := mustEvent(b, benchEvent)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.ProcessEvent(context.Background(), ev); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkAttachConfigs attaches 1,000 configs of hello-world and reports the heap each
// one (one idle VM instance after setupPlugin) holds.
func BenchmarkAttachConfigs(b *testing.B) {
	p, err := LoadPlugin("examples/plugins/hello-world")
	if err != nil {
		b.Fatal(err)
	}
	const configs = 1000
	for i := 0; i < b.N; i++ {
		before := heapInUse()
		c := quietChain(b, WithPoolSize(1))
		for j := 0; j < configs; j++ {
			if _, err := c.Add(context.Background(), PluginConfig{Plugin: p, TeamID: int64(j)}); err != nil {
				b.Fatal(err)
			}
		}
		after := heapInUse()
		b.ReportMetric(float64(after-before)/configs, "heapB/config")
		runtime.KeepAlive(c)
		_ = c.Close(context.Background())
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// BenchmarkOnEventExportBuffer measures handing a final event to an exportEvents plugin: the
// copy, its JSON size, the buffer, and the batch export every ~200 events (1 MiB of JSON).
func BenchmarkOnEventExportBuffer(b *testing.B) {
	c := quietChain(b, WithPoolSize(1))
	p := loadJS(b, "exporter", `export async function exportEvents(events, { global }) { global.n = (global.n || 0) + events.length }`)
	if _, err := c.Add(context.Background(), PluginConfig{Plugin: p, Config: map[string]any{"exportEventsBufferBytes": "1048576"}}); err != nil {
		b.Fatal(err)
	}
	ev := mustEvent(b, benchEvent)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.OnEvent(ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
	if err := c.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/event")
}

// BenchmarkJobRoundTrip measures a job through the embedded queue: meta.jobs ... runNow() in
// processEvent, then the job function running on the same instance pool.
func BenchmarkJobRoundTrip(b *testing.B) {
	c := quietChain(b, WithPoolSize(1))
	p := loadJS(b, "jobs", `
		export const jobs = { count: (payload, { global }) => { global.n = (global.n || 0) + payload.by } }
		export async function processEvent(event, { jobs }) { await jobs.count({ by: 1 }).runNow(); return event }`)
	if _, err := c.Add(context.Background(), PluginConfig{Plugin: p}); err != nil {
		b.Fatal(err)
	}
	ev := mustEvent(b, `{"event":"e","properties":{}}`)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.ProcessEvent(ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
	if err := c.WaitJobs(ctx); err != nil {
		b.Fatal(err)
	}
	if st := c.Status()[0].Counters; st.JobsSucceeded != uint64(b.N) {
		b.Fatalf("%d of %d jobs succeeded", st.JobsSucceeded, b.N)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/job")
}

// BenchmarkParseEvent and BenchmarkMarshalEvent measure events coming in and going out at the
// host's edge, on a realistic pageview.
func BenchmarkParseEvent(b *testing.B) {
	data := []byte(benchEvent)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := ParseEvent(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalEvent(b *testing.B) {
	ev := mustEvent(b, benchEvent)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ev.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInstanceCheckout measures taking an idle instance from a config's pool and putting
// it back, as every plugin call does.
func BenchmarkInstanceCheckout(b *testing.B) {
	c := quietChain(b, WithPoolSize(1))
	p := loadJS(b, "idle", `export function processEvent(e) { return e }`)
	id, err := c.Add(context.Background(), PluginConfig{Plugin: p})
	if err != nil {
		b.Fatal(err)
	}
	ic := c.byID[id]
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in, err := c.acquire(ctx, ic)
		if err != nil {
			b.Fatal(err)
		}
		ic.release(in)
	}
}
