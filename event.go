package plugchain

import (
	"github.com/plugchain/plugchain/ojson"
)

// Event is a PostHog PluginEvent: distinct_id, ip, site_url, team_id, now, event, sent_at,
// properties, timestamp, offset, $set, $set_once, uuid and person, plus any other field the
// host sends. It is stored as the JSON object it came from, so every field survives the chain
// unchanged and keys keep the order a JavaScript engine gives them. An Event is not safe for
// concurrent mutation; the chain never mutates the Event it is given.
type Event struct {
	obj *ojson.Object
}

// NewEvent returns an event with the given name and distinct_id and empty properties.
func NewEvent(name, distinctID string) *Event {
	o := ojson.NewObject(4)
	o.Set("distinct_id", distinctID)
	o.Set("event", name)
	o.Set("properties", ojson.NewObject(0))
	return &Event{obj: o}
}

// ParseEvent decodes one event from JSON. The input must be a JSON object.
func ParseEvent(data []byte) (*Event, error) {
	o, err := ojson.ParseObject(data)
	if err != nil {
		return nil, err
	}
	return &Event{obj: o}, nil
}

// EventFromObject wraps an ordered JSON object as an Event without copying it.
func EventFromObject(o *ojson.Object) *Event {
	if o == nil {
		o = ojson.NewObject(0)
	}
	return &Event{obj: o}
}

// Object returns the event's underlying JSON object (not a copy).
func (e *Event) Object() *ojson.Object { return e.obj }

// MarshalJSON encodes the event exactly as JSON.stringify would in a plugin.
func (e *Event) MarshalJSON() ([]byte, error) { return ojson.Marshal(e.obj) }

// UnmarshalJSON decodes a JSON object, keeping key order.
func (e *Event) UnmarshalJSON(data []byte) error {
	o, err := ojson.ParseObject(data)
	if err != nil {
		return err
	}
	e.obj = o
	return nil
}

// Clone returns a deep copy.
func (e *Event) Clone() *Event { return &Event{obj: e.obj.Clone()} }

// Get returns a top-level field.
func (e *Event) Get(key string) (any, bool) { return e.obj.Get(key) }

// Set sets a top-level field; v is normalized as ojson.Object.Set does.
func (e *Event) Set(key string, v any) { e.obj.Set(key, v) }

func (e *Event) str(key string) string {
	s, _ := e.obj.GetString(key)
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
	v, _ := e.obj.Get("team_id")
	f, _ := v.(float64)
	return int64(f)
}

// Properties returns the properties object, or nil when the event has none.
func (e *Event) Properties() *ojson.Object {
	p, _ := e.obj.GetObject("properties")
	return p
}

// Property returns one property.
func (e *Event) Property(key string) (any, bool) {
	return e.Properties().Get(key)
}

// SetProperty sets one property, creating the properties object when needed.
func (e *Event) SetProperty(key string, v any) {
	p := e.Properties()
	if p == nil {
		p = ojson.NewObject(1)
		e.obj.Set("properties", p)
	}
	p.Set(key, v)
}
