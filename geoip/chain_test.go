package geoip

import (
	"context"
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/geoip/geoiptest"
	"github.com/plugchain/plugchain/ojson"
)

// TestChainLocate runs a plugin that calls meta.geoip.locate through a Chain configured with
// WithGeoIP(reader) and reports what it sees.
func TestChainLocate(t *testing.T) {
	r := openTestDB(t)
	p, err := plugchain.LoadPluginFS(fstest.MapFS{
		"plugin.json": {Data: []byte(`{"name": "Locate"}`)},
		"index.js": {Data: []byte(`
export async function processEvent(event, { geoip }) {
    const seen = {}
    for (const ip of event.properties.ips) {
        const r = await geoip.locate(ip)
        seen[ip] = r === null ? null : {
            keys: Object.keys(r),
            parts: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, JSON.stringify(v)])),
            latitudeType: r.location ? typeof r.location.latitude : null,
            isArray: Array.isArray(r.subdivisions),
        }
        if (r) {
            r.city = 'changed by the plugin' // must not leak into the next lookup
        }
    }
    seen.nonString = await geoip.locate(42)
    event.properties.seen = seen
    return event
}`)},
	}, "locate")
	require.NoError(t, err)
	chain := plugchain.New(plugchain.WithGeoIP(r))
	t.Cleanup(func() { chain.Close(context.Background()) })
	ctx := context.Background()
	_, err = chain.Add(ctx, plugchain.PluginConfig{Plugin: p})
	require.NoError(t, err)

	ips := []string{geoiptest.London, geoiptest.London, geoiptest.Berlin, geoiptest.Japan, geoiptest.NotFound, "not an ip"}
	ev := plugchain.NewEvent("$pageview", "u1")
	ev.SetProperty("ips", ips)
	out, err := chain.ProcessEvent(ctx, ev)
	require.NoError(t, err)
	seenV, _ := out.Property("seen")
	seenJSON, err := ojson.Marshal(seenV)
	require.NoError(t, err)
	var seen map[string]*struct {
		Keys         []string          `json:"keys"`
		Parts        map[string]string `json:"parts"`
		LatitudeType *string           `json:"latitudeType"`
		IsArray      bool              `json:"isArray"`
	}
	require.NoError(t, json.Unmarshal(seenJSON, &seen))

	for _, ip := range ips[:4] {
		want, err := r.LocateObject(ctx, ip)
		require.NoError(t, err)
		got := seen[ip]
		require.NotNil(t, got, ip)
		// Every value reaches the plugin as geoip2-node builds it, key order included: the
		// chain calls LocateObject rather than the map-returning Locate.
		assert.Equal(t, want.Keys(), got.Keys, ip)
		for i := 0; i < want.Len(); i++ {
			k, v := want.At(i)
			b, err := ojson.Marshal(v)
			require.NoError(t, err)
			assert.Equal(t, string(b), got.Parts[k], "%s: %s", ip, k)
		}
		assert.Equal(t, "number", *got.LatitudeType, ip)
	}
	assert.True(t, seen[geoiptest.London].IsArray)
	assert.False(t, seen[geoiptest.Japan].IsArray, "no subdivisions")
	for _, k := range []string{geoiptest.NotFound, "not an ip", "nonString"} {
		assert.Contains(t, seen, k)
		assert.Nil(t, seen[k], "%s resolves to null", k)
	}
}
