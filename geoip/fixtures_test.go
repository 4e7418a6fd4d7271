package geoip

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/plugchain/plugchain/geoip/geoiptest"
)

// testDB is a database for the tests and the addresses to look up in it.
type testDB struct {
	name string
	data []byte
	ips  []string
}

// oddRecords are records of unusual shape for the raw databases: keys out of order, repeated,
// with underscores in odd places or named __proto__, every MMDB type, and records that are not
// maps. Each is checked against geoip2-node by the differential test.
var oddRecords = []rawNetwork{
	{"1.2.3.0/24", rmap{
		{"traits", rmap{
			{"is_anycast", ""}, {"ip_address", "9.9.9.9"}, {"user_type", "business"},
			{"is_anonymous", u16(1)}, {"autonomous_system_number", u32(1221)},
		}},
		{"subdivisions", []any{
			rmap{{"names", rmap{{"en", "Île-de-France"}, {"fr", "Île-de-France"}}}, {"iso_code", "IDF"}, {"geoname_id", u32(3012874)}},
			"plain", []any{rmap{{"a_b", rmap{{"c_d", u16(1)}}}}}, []byte{1, 2, 3},
		}},
		{"location", rmap{
			{"time_zone", "Europe/Paris"}, {"longitude", f32(2.35)}, {"latitude", 48.8534},
			{"accuracy_radius", u16(0)}, {"blob", []byte{0, 255}}, {"offset", i32(-5)},
			{"small_int32", i32(7)}, {"nan", math.NaN()}, {"inf", math.Inf(-1)}, {"neg_zero", math.Copysign(0, -1)},
			{"big", 1e21}, {"tiny", 1.5e-7}, {"uint32_max", u32(math.MaxUint32)},
		}},
		{"city", rmap{
			{"names", rmap{
				{"zh_CN", "巴黎"}, {"en", "Paris"}, {"pt-BR", "Paris"}, {"10", "ten"}, {"2", "two"},
				{"__proto__", rmap{{"x", "y"}}}, {"_private", "p"}, {"a__b_c", "abc"}, {"x_1", "x1"},
				{"trailing_", "t"}, {"bad\xffkey", "invalid key"}, {"__proto__", "string"}, {"_", "underscore"},
				{"é_é", "accent"}, {"ctl", "a\tb\x01\"q\\ \u2028"},
			}},
			{"geoname_id", u32(2988507)},
			{"name", "Par\xe2\x82is \xed\xa0\x80 \xf0\x9f\x98 \xc0\xaf end"},
		}},
		{"country", rmap{{"geoname_id", u32(1)}, {"geonameId", u32(2)}, {"geoname_id", u32(3)}, {"iso_code", "FR"}}},
		{"registered_country", rmap{{"is_in_european_union", u16(0)}, {"iso_code", "FR"}}},
		{"represented_country", true},
		{"continent", rmap{}},
		{"maxmind", rmap{{"queries_remaining", u32(42)}}},
		{"postal", ""},
		{"extra_top", "ignored"},
	}},
	{"1.2.4.0/24", "just a string"},
	{"1.2.5.0/24", u16(0)},
	{"1.2.6.0/24", ""},
	{"1.2.7.0/24", false},
	{"1.2.8.0/24", rmap{}},
	{"1.2.9.0/24", rmap{{"traits", "x"}}},
	{"1.2.10.0/24", rmap{{"registered_country", "x"}}},
	{"1.2.11.0/24", rmap{{"traits", []any{u16(1), "a"}}, {"registered_country", []any{}}, {"city", []any{}}, {"postal", u16(0)}}},
	{"1.2.12.0/24", []any{rmap{{"city", rmap{{"geoname_id", u32(1)}}}}}},
	{"1.2.13.0/24", rmap{{"city", rmap{{"geoname_id", u32(1)}}}, {"country", rmap{{"iso_code", "X"}}}, {"_city", rmap{{"from", "_city"}}}}},
	{"1.2.14.0/24", []byte{1}},
	{"1.2.15.0/24", []byte{}},
	{"1.2.16.0/24", rmap{{"traits", rmap{{"network", "custom"}, {"is_anonymous", true}}}, {"traits", rmap{{"is_tor_exit_node", u16(1)}, {"network", "last"}}}}},
	{"1.2.18.0/24", rmap{{"traits", rmap{{"ip_address", "1.1.1.1"}}}, {"registered_country", rmap{{"iso_code", "DE"}, {"is_in_european_union", true}}}}},
	{"0.0.0.0/8", rmap{{"country", rmap{{"iso_code", "ZZ"}}}}},
	{"2001:db8::/32", rmap{{"country", rmap{{"iso_code", "V6"}}}}},
}

// oddIPs are looked up in the raw databases: in and out of their networks, IPv4 addresses in
// IPv6 form (whose first 32 bits walk an IPv4 tree), zone identifiers.
var oddIPs = []string{
	"1.2.3.4", "1.2.4.4", "1.2.5.4", "1.2.6.4", "1.2.7.4", "1.2.8.4", "1.2.9.4", "1.2.10.4",
	"1.2.11.4", "1.2.12.4", "1.2.13.4", "1.2.14.4", "1.2.15.4", "1.2.16.4", "1.2.18.4", "0.1.2.3",
	"9.9.9.9", "::ffff:1.2.3.4", "::1.2.3.4", "102:304::", "1:203:405::", "::", "::1",
	"2001:db8::1", "2001:DB8:0:0:1::1", "2001:db8::1%eth0", "2001:db8::1%1:2", "2001:db8::1%1.2.3.4",
	"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "1:2:3:4:5:6:7:8%a:b:c", "::1%a:-5", "fe80::1%0x1:ffff",
}

// testDBs returns the databases of the lookup and differential tests.
func testDBs(t testing.TB) []testDB {
	t.Helper()
	city, err := geoiptest.CityDB()
	if err != nil {
		t.Fatal(err)
	}
	v4ish := make([]rawNetwork, 0, len(oddRecords))
	for _, n := range oddRecords {
		if n.cidr != "2001:db8::/32" {
			v4ish = append(v4ish, n)
		}
	}
	return []testDB{
		{name: "geoiptest.CityDB", data: city, ips: []string{
			geoiptest.London, geoiptest.Boxford, geoiptest.Linkoping, geoiptest.Milton, geoiptest.Japan,
			geoiptest.Berlin, geoiptest.Anycast, geoiptest.Bhutan, geoiptest.NotFound, geoiptest.NotFound6,
			"1.0.0.1", "81.2.69.128", "81.2.69.191", "81.2.69.192",
			// IPv4-mapped, 6to4 and Teredo forms reach the IPv4 networks through mmdbwriter's aliases.
			"::ffff:81.2.69.142", "::ffff:5102:458e", "0:0:0:0:0:ffff:5102:458e", "::FFFF:81.2.69.142",
			"2002:5102:458e::1", "2001:0:5102:458e::", "::81.2.69.142",
			"2001:218::", "2001:0218:0000::1", "2001:218::1%eth0", "2001:218:ffff:ffff:ffff:ffff:ffff:ffff",
			"2001:218:0:1:0:0:0:1", "2001:218:0:0:1:0:0:1", "2A02:FF80::1:2", "2a02:ff87:ffff::",
			"::1", "::", "0.0.0.0", "255.255.255.255",
			// Not addresses for Node's net.isIP.
			"", "abc", "1.2.3", "01.2.3.4", "256.0.0.1", " 81.2.69.142", "81.2.69.142\n", "1::2::3",
			"fe80::1%", "::ffff:81.2.69.142/32", "81.2.69.142:80", "[::1]", "1.2.3.4.5", "٨١.٢.٦٩.١٤٢",
		}},
		{name: "raw IPv4 database", data: rawDB(4, "GeoIP2-City", v4ish), ips: oddIPs},
		{name: "raw IPv6 database", data: rawDB(6, "GeoLite2-City", oddRecords), ips: oddIPs},
		// Data at ::/64 covers the whole IPv4 subtree, which then ends above ::/96.
		{name: "raw IPv6 database with ::/64", data: rawDB(6, "GeoIP2-City", []rawNetwork{
			{"::/64", rmap{{"country", rmap{{"iso_code", "ZERO"}}}}},
			{"2001:db8::/32", rmap{{"city", rmap{{"geoname_id", u32(5)}}}}},
		}), ips: []string{"1.2.3.4", "0.0.0.0", "::ffff:1.2.3.4", "::1", "2001:db8::1", "2001:db9::1"}},
		// No IPv4 networks: the IPv4 subtree is empty.
		{name: "raw IPv6 database without IPv4", data: rawDB(6, "GeoIP2-City", []rawNetwork{
			{"2001:db8::/32", rmap{{"city", rmap{{"geoname_id", u32(5)}}}}},
		}), ips: []string{"1.2.3.4", "::ffff:1.2.3.4", "2001:db8::1"}},
	}
}

// writeDB writes data to a file in a temporary directory and returns its path.
func writeDB(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
