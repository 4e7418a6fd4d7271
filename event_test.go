package plugchain

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

const sharingInput = `{"event":"e","team_id":1,"properties":{"n":1,"$set":{"plan":"pro"},"list":[{"x":1}]},"person":{"id":"p"}}`

// The chain shares events with their results instead of copying them: each side that changes
// its event through the Event API must leave the other as it was.
func TestSharedEventsChangeIndependently(t *testing.T) {
	changes := map[string]func(ev *Event){
		"Set":         func(ev *Event) { ev.Set("event", "changed") },
		"SetProperty": func(ev *Event) { ev.SetProperty("n", 99) },
		"Properties":  func(ev *Event) { ev.Properties().Set("n", 99) },
		"Object":      func(ev *Event) { o, _ := ev.Object().GetObject("person"); o.Set("id", "changed") },
		"Get":         func(ev *Event) { o, _ := ev.Get("person"); o.(*ojson.Object).Set("id", "changed") },
		"Property": func(ev *Event) {
			o, _ := ev.Property("$set")
			o.(*ojson.Object).Set("plan", "changed")
		},
		"Property of an array": func(ev *Event) {
			l, _ := ev.Property("list")
			l.([]any)[0].(*ojson.Object).Set("x", "changed")
		},
	}
	c, _ := newChain(t)
	addJS(t, c, "reader", `export function processEvent(e) { return e.properties.n ? e : null }`)
	addJS(t, c, "adder", `export function processEvent(e) { e.properties.added = true; return e }`)
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			in := mustEvent(t, sharingInput)
			out, err := c.ProcessEvent(context.Background(), in)
			require.NoError(t, err)
			wantOut := jsonOf(t, out)

			change(in)
			assert.Equal(t, wantOut, jsonOf(t, out), "changing the input changed the result")
			assert.NotEqual(t, sharingInput, jsonOf(t, in), "the change must apply to the input")

			in2 := mustEvent(t, sharingInput)
			out2, err := c.ProcessEvent(context.Background(), in2)
			require.NoError(t, err)
			change(out2)
			assert.JSONEq(t, sharingInput, jsonOf(t, in2), "changing the result changed the input")
			assert.NotEqual(t, wantOut, jsonOf(t, out2), "the change must apply to the result")
		})
	}
}

// An event the chain returned without changes, and an event handed to OnEvent, are shared
// too.
func TestUnchangedAndOnEventSharing(t *testing.T) {
	c, sink := newChain(t)
	addJS(t, c, "exporter", `export function exportEvents(events) {
    console.log(JSON.stringify(events.map(e => e.properties)))
}`)
	in := mustEvent(t, sharingInput)
	out, err := c.ProcessEvent(context.Background(), in)
	require.NoError(t, err)
	require.NoError(t, c.OnEvent(context.Background(), out))
	out.SetProperty("n", "changed after OnEvent")
	in.SetProperty("n", "input changed")
	require.NoError(t, c.Flush(context.Background()))
	require.Len(t, sink.Lines(), 1)
	assert.Contains(t, sink.Lines()[0], `"n":1,`, "the buffered event must be the one OnEvent was given")
	assert.Contains(t, jsonOf(t, out), `"n":"changed after OnEvent"`)
}

// An event may be read from many goroutines while the chain shares it, and a result may be
// changed by its owner meanwhile.
func TestSharedEventConcurrentUse(t *testing.T) {
	c, _ := newChain(t)
	addJS(t, c, "adder", `export function processEvent(e) { e.properties.added = (e.properties.added || 0) + 1; return e }`)
	addJS(t, c, "watcher", `export function onEvent(e, { global }) { global.last = e }`)
	in := mustEvent(t, sharingInput)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				out, err := c.ProcessEvent(context.Background(), in)
				if !assert.NoError(t, err) {
					return
				}
				assert.NoError(t, c.OnEvent(context.Background(), out))
				assert.Equal(t, "e", in.Name())
				_, err = in.MarshalJSON()
				assert.NoError(t, err)
				out.SetProperty("mine", j)
				v, _ := out.Property("added")
				assert.Equal(t, float64(1), v)
			}
		}()
	}
	wg.Wait()
	assert.JSONEq(t, sharingInput, jsonOf(t, in))
}

// A Capturer that changes the event it is given (it is an owned, unshared *Event) must not
// change the host's input event.
func TestCapturedEventSharesNothingWithTheInput(t *testing.T) {
	var got *Event
	c, _ := newChain(t, WithCapturer(CapturerFunc(func(_ context.Context, _ PluginSource, ev *Event) error {
		got = ev
		// The host "enriches" the captured event in place.
		v, _ := ev.Property("person")
		v.(*ojson.Object).Set("id", "CHANGED BY CAPTURER")
		return nil
	})))
	_, err := c.Add(context.Background(), PluginConfig{ID: 1, Plugin: loadJS(t, "cap", `
export async function processEvent(event) {
    await posthog.capture('derived', { person: event.person })
    return event
}`)})
	require.NoError(t, err)
	const in = `{"event":"e","team_id":1,"properties":{},"person":{"id":"p"}}`
	ev := mustEvent(t, in)
	out, err := c.ProcessEvent(context.Background(), ev)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.JSONEq(t, in, jsonOf(t, ev), "the host's input event changed")
	assert.NotContains(t, jsonOf(t, out), "CHANGED", "the chain's result changed")
}

// A read of a shared event racing with the chain sharing it again must leave the event
// marked shared whenever the chain holds the object it reads.
func TestShareAndCopyDoNotRace(t *testing.T) {
	for i := 0; i < 20000; i++ {
		ev := mustEvent(t, `{"event":"e","properties":{"a":1}}`)
		ev.share()
		var wg sync.WaitGroup
		var chainObj *ojson.Object
		wg.Add(2)
		go func() { defer wg.Done(); ev.Get("properties") }()
		go func() { defer wg.Done(); chainObj = ev.share() }()
		wg.Wait()
		if !ev.shared.Load() && ev.view() == chainObj {
			t.Fatalf("iteration %d: the event is unshared but the chain holds its object", i)
		}
	}
}
