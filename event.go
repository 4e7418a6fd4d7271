package plugchain

import (
	"sync"
	"sync/atomic"

	"github.com/plugchain/plugchain/ojson"
)

// Event is a PostHog PluginEvent: distinct_id, ip, site_url, team_id, now, event, sent_at,
// properties, timestamp, offset, $set, $set_once, uuid and person, plus any other field the
// host sends. It is stored as the JSON object it came from, so every field survives the chain
// unchanged and keys keep the order a JavaScript engine gives them.
//
// The chain does not copy events: ProcessEvent's result shares the parts no plugin changed
// with its input, and plugins may keep what they were given. An event handed to the chain, or
// returned by it, is therefore shared, and its methods that give access to its data for
// changing it (Object, Properties, Set, SetProperty, and Get or Property of an object or
// array) first make the event a private deep copy. Read-only methods copy nothing. So an
// *ojson.Object taken from an event before the event went through the chain must not be
// changed afterwards: take it again. An Event may be read concurrently (the chain does);
// changing it concurrently with any other use is not safe.
type Event struct {
	obj    atomic.Pointer[ojson.Object]
	shared atomic.Bool
	mu     sync.Mutex // serializes the copy a shared event makes of itself
}

// newEvent wraps o; shared says whether anything else may hold o.
func newEvent(o *ojson.Object, shared bool) *Event {
	e := &Event{}
	e.obj.Store(o)
	e.shared.Store(shared)
	return e
}

// NewEvent returns an event with the given name and distinct_id and empty properties.
func NewEvent(name, distinctID string) *Event {
	o := ojson.NewObject(4)
	o.Set("distinct_id", distinctID)
	o.Set("event", name)
	o.Set("properties", ojson.NewObject(0))
	return newEvent(o, false)
}

// ParseEvent decodes one event from JSON. The input must be a JSON object.
func ParseEvent(data []byte) (*Event, error) {
	o, err := ojson.ParseObject(data)
	if err != nil {
		return nil, err
	}
	return newEvent(o, false), nil
}

// EventFromObject wraps an ordered JSON object as an Event without copying it. The event owns
// o from then on: once the event has gone through the chain, change it through the event.
func EventFromObject(o *ojson.Object) *Event {
	if o == nil {
		o = ojson.NewObject(0)
	}
	return newEvent(o, false)
}

// view returns the event's object for reading only.
func (e *Event) view() *ojson.Object { return e.obj.Load() }

// share marks the event as sharing its object with the chain, and returns the object. It
// holds the lock own copies under, so the object it returns is the one it marked shared.
func (e *Event) share() *ojson.Object {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.shared.Store(true)
	return e.obj.Load()
}

// own returns the event's object for changing, copying it first if it is shared.
func (e *Event) own() *ojson.Object {
	if !e.shared.Load() {
		return e.obj.Load()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.shared.Load() {
		// Readers that loaded the shared object keep reading it; it never changes.
		e.obj.Store(e.obj.Load().Clone())
		e.shared.Store(false)
	}
	return e.obj.Load()
}

// Object returns the event's JSON object to read or change (the event's own, not a copy; see
// Event for when the event makes it a copy first).
func (e *Event) Object() *ojson.Object { return e.own() }

// MarshalJSON encodes the event exactly as JSON.stringify would in a plugin.
func (e *Event) MarshalJSON() ([]byte, error) { return ojson.Marshal(e.view()) }

// UnmarshalJSON decodes a JSON object, keeping key order.
func (e *Event) UnmarshalJSON(data []byte) error {
	o, err := ojson.ParseObject(data)
	if err != nil {
		return err
	}
	e.obj.Store(o)
	e.shared.Store(false)
	return nil
}

// Clone returns a deep copy.
func (e *Event) Clone() *Event { return newEvent(e.view().Clone(), false) }

// Get returns a top-level field. An object or array is the event's own, to change.
func (e *Event) Get(key string) (any, bool) {
	v, ok := e.view().Get(key)
	if isContainer(v) {
		return e.own().Get(key)
	}
	return v, ok
}

func isContainer(v any) bool {
	switch v.(type) {
	case *ojson.Object, []any:
		return true
	}
	return false
}

// Set sets a top-level field; v is normalized as ojson.Object.Set does.
func (e *Event) Set(key string, v any) { e.own().Set(key, v) }

func (e *Event) str(key string) string {
	s, _ := e.view().GetString(key)
	return s
}

// Name returns the event's name (the "event" field).
func (e *Event) Name() string { return e.str("event") }

// DistinctID returns the distinct_id field.
func (e *Event) DistinctID() string { return e.str("distinct_id") }

// UUID returns the uuid field.
func (e *Event) UUID() string { return e.str("uuid") }

// TeamID returns the team_id field, or 0 when it is missing or not a number.
func (e *Event) TeamID() int64 {
	v, _ := e.view().Get("team_id")
	f, _ := v.(float64)
	return int64(f)
}

// Properties returns the properties object to read or change, or nil when the event has none.
func (e *Event) Properties() *ojson.Object {
	p, _ := e.own().GetObject("properties")
	return p
}

// Property returns one property. An object or array is the event's own, to change.
func (e *Event) Property(key string) (any, bool) {
	p, _ := e.view().GetObject("properties")
	v, ok := p.Get(key)
	if isContainer(v) {
		return e.Properties().Get(key)
	}
	return v, ok
}

// SetProperty sets one property, creating the properties object when needed.
func (e *Event) SetProperty(key string, v any) {
	p := e.Properties()
	if p == nil {
		p = ojson.NewObject(1)
		e.own().Set("properties", p)
	}
	p.Set(key, v)
}
