package vm

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"

	"github.com/dop251/goja"
)

// PostHogHost connects the posthog global (posthog.capture, posthog.api) to the host.
type PostHogHost struct {
	// DistinctID is the distinct_id of captured events that set none (the plugin's name).
	DistinctID string
	// TeamID is the team_id of captured events (a float64, or nil).
	TeamID any
	// LibVersion is the $lib_version property of captured events.
	LibVersion string
	// Capture receives each event posthog.capture builds, as an *ojson.Object in args[0].
	// Nil makes posthog.capture reject.
	Capture AsyncFunc
	// Credentials returns what posthog.api needs, as Members or map[string]any with the keys
	// host (the API's base URL), token (the project's API token) and apiKey (a personal API
	// key). Nil makes posthog.api reject.
	Credentials AsyncFunc
}

// posthogSource builds the posthog global the way PostHog's server did: capture takes
// timestamp and distinct_id out of the properties and adds $lib; api.* call the PostHog API
// through fetch with the project token in the query (and, as in the reference, the data in
// the query only for GET) and the personal API key as a bearer token.
const posthogSource = `(function (host, fetch) {
function capture(event, properties = {}) {
    const { timestamp = new Date().toISOString(), distinct_id = host.distinctId, ...otherProperties } = properties
    const data = {
        distinct_id,
        event,
        timestamp,
        properties: { $lib: 'posthog-plugin-server', $lib_version: host.libVersion, distinct_id, ...otherProperties },
        team_id: host.teamId,
        uuid: host.uuid(),
    }
    return host.capture(data)
}
async function sendRequest(path, method, options) {
    const creds = await host.credentials()
    let base = options && options.host ? options.host : creds.host || 'https://app.posthog.com'
    if (path.startsWith('/')) {
        path = path.slice(1)
    }
    if (base.endsWith('/')) {
        base = base.slice(0, base.length - 1)
    }
    const tokenParam = { token: creds.token }
    const urlParams = new URLSearchParams(method === 'GET' && options && options.data ? { ...options.data, ...tokenParam } : tokenParam)
    const url = base + '/' + path + '?' + urlParams.toString()
    const headers = { Authorization: 'Bearer ' + creds.apiKey }
    if (method === 'DELETE' || method === 'GET') {
        return await fetch(url, { headers, method })
    }
    return await fetch(url, { headers, method, body: JSON.stringify((options && options.data) || {}) })
}
return {
    capture,
    api: {
        get: async (path, options) => await sendRequest(path, 'GET', options),
        post: async (path, options) => await sendRequest(path, 'POST', options),
        put: async (path, options) => await sendRequest(path, 'PUT', options),
        delete: async (path, options) => await sendRequest(path, 'DELETE', options),
    },
}
})`

var posthogProgram = builtinProgram("plugchain:posthog", posthogSource)

func init() {
	registerGlobal("posthog", func(in *Instance) (goja.Value, error) {
		h := in.posthog
		if h == nil {
			h = &PostHogHost{}
		}
		host := in.rt.NewObject()
		_ = host.Set("distinctId", h.DistinctID)
		_ = host.Set("teamId", ToJS(in.rt, h.TeamID))
		_ = host.Set("libVersion", h.LibVersion)
		_ = host.Set("uuid", func(goja.FunctionCall) goja.Value { return in.rt.ToValue(newUUIDT()) })
		capture := h.Capture
		if capture == nil {
			capture = unavailable("posthog.capture: the host has no event capturer")
		}
		creds := h.Credentials
		if creds == nil {
			creds = unavailable("posthog.api: the host has not configured PostHog API access")
		}
		_ = host.Set("capture", in.asyncFunction(capture))
		_ = host.Set("credentials", in.asyncFunction(creds))
		f, err := in.rt.RunProgram(posthogProgram())
		if err != nil {
			return nil, err
		}
		build, _ := goja.AssertFunction(f)
		return build(goja.Undefined(), host, in.rt.Get("fetch"))
	})
}

func unavailable(msg string) AsyncFunc {
	return func(context.Context, []any) (any, error) {
		return nil, &ScriptError{Name: "Error", Message: msg}
	}
}

// newUUIDT returns a time-ordered UUID like PostHog's UUIDT: 48 bits of Unix milliseconds
// first, so events sort by creation, then random bits (as a version 7 UUID).
func newUUIDT() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	ms := uint64(time.Now().UnixMilli())
	binary.BigEndian.PutUint16(b[4:6], uint16(ms))
	binary.BigEndian.PutUint32(b[0:4], uint32(ms>>16))
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	return formatUUID(b)
}

// formatUUID writes a UUID's 16 bytes in the 8-4-4-4-12 hex form.
func formatUUID(b [16]byte) string {
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
