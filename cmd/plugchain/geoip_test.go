package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plugchain/plugchain/geoip/geoiptest"
)

// TestRunGeoIP runs the example GeoIP plugin (examples/plugins/geoip) with --geoip on a City
// database written by geoiptest, and a plugin that shows what meta.geoip.locate resolves to.
func TestRunGeoIP(t *testing.T) {
	examplePlugin, err := filepath.Abs(filepath.Join(examplesDir, "plugins", "geoip"))
	if err != nil {
		t.Fatal(err)
	}
	chain, err := json.Marshal(map[string]any{"plugins": []any{
		map[string]any{"path": examplePlugin},
		map[string]any{"path": "plugins/locator"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	root := writeFiles(t, t.TempDir(), map[string]string{
		"chain.json":                  string(chain),
		"plugins/locator/plugin.json": `{"name": "Locator"}`,
		"plugins/locator/index.js": `exports.processEvent = async function (event, { geoip }) {
    const ip = event.properties.$ip || event.ip
    const r = await geoip.locate(ip)
    event.properties.located = r === null ? null : [r.traits.network, r.city ? r.city.names['zh-CN'] : null, Object.keys(r).length]
    return event
}`,
	})
	db := filepath.Join(root, "GeoIP2-City-Test.mmdb")
	if err := geoiptest.WriteCityDB(db); err != nil {
		t.Fatal(err)
	}

	in := lines(
		`{"event":"$pageview","distinct_id":"u1","team_id":1,"properties":{"$ip":"81.2.69.142"}}`,
		`{"event":"$pageview","distinct_id":"u2","team_id":1,"ip":"2001:218::1","properties":{},"$set":{"plan":"pro"}}`,
		`{"event":"$pageview","distinct_id":"u3","team_id":1,"properties":{"$ip":"8.8.8.8"}}`,
		`{"event":"$pageview","distinct_id":"u4","team_id":1,"properties":{"$ip":"not an ip"}}`,
		`{"event":"$pageview","distinct_id":"u5","team_id":1,"properties":{"$ip":"81.2.69.142","$geoip_disable":true}}`,
	)
	const done = `"$plugins_succeeded":["GeoIP (1)","Locator (2)"],"$plugins_failed":[],"$plugins_deferred":[]`
	want := lines(
		`{"event":"$pageview","distinct_id":"u1","team_id":1,"properties":{"$ip":"81.2.69.142",`+
			`"$geoip_city_name":"London","$geoip_country_name":"United Kingdom","$geoip_country_code":"GB",`+
			`"$geoip_continent_name":"Europe","$geoip_continent_code":"EU","$geoip_postal_code":"EC2V",`+
			`"$geoip_latitude":51.5142,"$geoip_longitude":-0.0931,"$geoip_time_zone":"Europe/London",`+
			`"$geoip_subdivision_1_code":"ENG","$geoip_subdivision_1_name":"England",`+
			`"located":["81.2.69.128/26","伦敦",8],`+done+`},`+
			`"$set":{"$geoip_city_name":"London","$geoip_country_name":"United Kingdom","$geoip_country_code":"GB",`+
			`"$geoip_continent_name":"Europe","$geoip_continent_code":"EU","$geoip_postal_code":"EC2V",`+
			`"$geoip_latitude":51.5142,"$geoip_longitude":-0.0931,"$geoip_time_zone":"Europe/London",`+
			`"$geoip_subdivision_1_code":"ENG","$geoip_subdivision_1_name":"England"},`+
			`"$set_once":{"$initial_geoip_city_name":"London","$initial_geoip_country_name":"United Kingdom","$initial_geoip_country_code":"GB",`+
			`"$initial_geoip_continent_name":"Europe","$initial_geoip_continent_code":"EU","$initial_geoip_postal_code":"EC2V",`+
			`"$initial_geoip_latitude":51.5142,"$initial_geoip_longitude":-0.0931,"$initial_geoip_time_zone":"Europe/London",`+
			`"$initial_geoip_subdivision_1_code":"ENG","$initial_geoip_subdivision_1_name":"England"}}`,
		// No city, postal code or subdivision: the person properties reset them to null.
		`{"event":"$pageview","distinct_id":"u2","team_id":1,"ip":"2001:218::1","properties":{`+
			`"$geoip_country_name":"Japan","$geoip_country_code":"JP","$geoip_continent_name":"Asia","$geoip_continent_code":"AS",`+
			`"$geoip_latitude":35.68536,"$geoip_longitude":139.75309,"$geoip_time_zone":"Asia/Tokyo",`+
			`"located":["2001:218::/32",null,5],`+done+`},`+
			`"$set":{"$geoip_city_name":null,"$geoip_country_name":"Japan","$geoip_country_code":"JP",`+
			`"$geoip_continent_name":"Asia","$geoip_continent_code":"AS","$geoip_postal_code":null,`+
			`"$geoip_latitude":35.68536,"$geoip_longitude":139.75309,"$geoip_time_zone":"Asia/Tokyo","plan":"pro"},`+
			`"$set_once":{"$initial_geoip_city_name":null,"$initial_geoip_country_name":"Japan","$initial_geoip_country_code":"JP",`+
			`"$initial_geoip_continent_name":"Asia","$initial_geoip_continent_code":"AS","$initial_geoip_postal_code":null,`+
			`"$initial_geoip_latitude":35.68536,"$initial_geoip_longitude":139.75309,"$initial_geoip_time_zone":"Asia/Tokyo"}}`,
		// Unknown and invalid addresses resolve to null, as on PostHog.
		`{"event":"$pageview","distinct_id":"u3","team_id":1,"properties":{"$ip":"8.8.8.8","located":null,`+done+`}}`,
		`{"event":"$pageview","distinct_id":"u4","team_id":1,"properties":{"$ip":"not an ip","located":null,`+done+`}}`,
		`{"event":"$pageview","distinct_id":"u5","team_id":1,"properties":{"$ip":"81.2.69.142","$geoip_disable":true,`+
			`"located":["81.2.69.128/26","伦敦",8],`+done+`}}`,
	)

	for _, args := range [][]string{
		{"run", "--chain", filepath.Join(root, "chain.json"), "--geoip", db},
		{"run", "--geoip=" + db, examplePlugin, filepath.Join(root, "plugins", "locator")},
	} {
		res := runCLI(t, in, args...)
		if res.code != 0 {
			t.Fatalf("%v: exit code %d, stderr:\n%s", args, res.code, res.stderr)
		}
		if res.stdout != want {
			t.Errorf("%v: stdout differs:\n%s", args, firstDiff(res.stdout, want))
		}
		if strings.Contains(res.stderr, "error") {
			t.Errorf("%v: stderr:\n%s", args, res.stderr)
		}
	}

	// Without --geoip, locate resolves to null and the events pass unchanged.
	res := runCLI(t, lines(`{"event":"e","properties":{"$ip":"81.2.69.142"}}`), "run", "--chain", filepath.Join(root, "chain.json"))
	if want := lines(`{"event":"e","properties":{"$ip":"81.2.69.142","located":null,` + done + `}}`); res.code != 0 || res.stdout != want {
		t.Errorf("without --geoip: exit code %d, stdout:\n%s\nwant:\n%s\nstderr:\n%s", res.code, res.stdout, want, res.stderr)
	}
}

// TestRunGeoIPWrongDatabaseType: a MaxMind database that is not a City database is refused
// up front (geoip2-node's city() would throw on every lookup).
func TestRunGeoIPWrongDatabaseType(t *testing.T) {
	root := writeFiles(t, t.TempDir(), fixtures)
	data, err := geoiptest.CityDB()
	if err != nil {
		t.Fatal(err)
	}
	// Rename the type in the metadata: same length, so the file stays valid.
	i := strings.LastIndex(string(data), "GeoIP2-City")
	if i < 0 {
		t.Fatal("no database type in the metadata")
	}
	copy(data[i:], "GeoIP2-Cxty")
	path := filepath.Join(root, "GeoIP2-Cxty.mmdb")
	writeFiles(t, root, map[string]string{"GeoIP2-Cxty.mmdb": string(data)})
	res := runCLI(t, lines(evA), "run", "--geoip", path, filepath.Join(root, "plugins", "tagger"))
	if res.code != 2 || !strings.Contains(res.stderr, path) || !strings.Contains(res.stderr, `"GeoIP2-Cxty" is not a City database`) {
		t.Errorf("exit code %d, stderr:\n%s", res.code, res.stderr)
	}
	if res.stdout != "" {
		t.Errorf("stdout: %s", res.stdout)
	}
}
