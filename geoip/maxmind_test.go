package geoip

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain"
	"github.com/plugchain/plugchain/geoip/geoiptest"
	"github.com/plugchain/plugchain/ojson"
)

var _ plugchain.GeoIP = (*Reader)(nil)

// openTestDB opens geoiptest's City database from a file, as the CLI does.
func openTestDB(t testing.TB) *Reader {
	t.Helper()
	data, err := geoiptest.CityDB()
	require.NoError(t, err)
	r, err := Open(writeDB(t, "GeoIP2-City-Test.mmdb", data))
	require.NoError(t, err)
	t.Cleanup(func() { r.Close() })
	return r
}

func locateJSON(t *testing.T, r *Reader, ip string) string {
	t.Helper()
	o, err := r.LocateObject(context.Background(), ip)
	require.NoError(t, err, ip)
	if o == nil {
		return "null"
	}
	b, err := ojson.Marshal(o)
	require.NoError(t, err)
	return string(b)
}

func TestLocateFound(t *testing.T) {
	r := openTestDB(t)
	// The exact object (key order included) is checked against geoip2-node by
	// TestDifferentialGeoIP2Node; this test documents its shape without Node.
	assert.Equal(t, `{`+
		`"continent":{"code":"NA","geonameId":6255149,"names":{"de":"Nordamerika","en":"North America","es":"Norteamérica","fr":"Amérique du Nord","ja":"北アメリカ","pt-BR":"América do Norte","ru":"Северная Америка","zh-CN":"北美洲"}},`+
		`"country":{"geonameId":6252001,"isoCode":"US","names":{"de":"USA","en":"United States","es":"Estados Unidos","fr":"États Unis","ja":"アメリカ合衆国","pt-BR":"Estados Unidos","ru":"США","zh-CN":"美国"}},`+
		`"registeredCountry":{"geonameId":6252001,"isoCode":"US","names":{"de":"USA","en":"United States","es":"Estados Unidos","fr":"États Unis","ja":"アメリカ合衆国","pt-BR":"Estados Unidos","ru":"США","zh-CN":"美国"},"isInEuropeanUnion":false},`+
		`"traits":{"isAnonymous":false,"isAnonymousProxy":false,"isAnonymousVpn":false,"isAnycast":false,"isHostingProvider":false,"isLegitimateProxy":false,"isPublicProxy":false,"isResidentialProxy":false,"isSatelliteProvider":false,"isTorExitNode":false,"ipAddress":"216.160.83.58","network":"216.160.83.56/29"},`+
		`"city":{"geonameId":5803556,"names":{"en":"Milton","ja":"ミルトン","ru":"Мильтон","zh-CN":"密尔顿"}},`+
		`"location":{"accuracyRadius":22,"latitude":47.2513,"longitude":-122.3149,"metroCode":819,"timeZone":"America/Los_Angeles"},`+
		`"postal":{"code":"98354"},`+
		`"subdivisions":[{"geonameId":5815135,"isoCode":"WA","names":{"en":"Washington","es":"Washington","fr":"État de Washington","ja":"ワシントン州","ru":"Вашингтон","zh-CN":"华盛顿州"}}]`+
		`}`, locateJSON(t, r, geoiptest.Milton))

	// Traits set in the database stay where they are; the others follow, false.
	assert.Equal(t, `{"registeredCountry":{"geonameId":2077456,"isoCode":"AU","names":{"de":"Australien","en":"Australia","es":"Australia","fr":"Australie","ja":"オーストラリア","pt-BR":"Austrália","ru":"Австралия","zh-CN":"澳大利亚"},"isInEuropeanUnion":false},`+
		`"traits":{"isAnycast":true,"isAnonymous":false,"isAnonymousProxy":false,"isAnonymousVpn":false,"isHostingProvider":false,"isLegitimateProxy":false,"isPublicProxy":false,"isResidentialProxy":false,"isSatelliteProvider":false,"isTorExitNode":false,"ipAddress":"1.1.1.1","network":"1.1.1.0/24"}}`,
		locateJSON(t, r, geoiptest.Anycast))
}

func TestLocateIPv6(t *testing.T) {
	r := openTestDB(t)
	got := locateJSON(t, r, geoiptest.Berlin)
	for _, want := range []string{
		`"country":{"confidence":99,"geonameId":2921044,"isInEuropeanUnion":true,"isoCode":"DE",`,
		`"representedCountry":{"geonameId":6252001,"isoCode":"US",`,
		`"type":"military"}`,
		`"traits":{"isLegitimateProxy":true,"isAnonymous":false,`,
		`"ipAddress":"2a02:ff80::1:2","network":"2a02:ff80::/29"}`,
		`"city":{"confidence":60,"geonameId":2950159,`,
		`"location":{"accuracyRadius":5,"averageIncome":40193,"latitude":52.5244,"longitude":13.4105,"populationDensity":4108,"timeZone":"Europe/Berlin"}`,
		`"postal":{"code":"10178","confidence":40}`,
		`"subdivisions":[{"confidence":90,"geonameId":2950157,"isoCode":"BE",`,
	} {
		assert.Contains(t, got, want)
	}
	// IPv4 addresses in IPv6 form find the IPv4 networks; the network is written in the form
	// of the address, as geoip2-node does.
	for ip, network := range map[string]string{
		"::ffff:81.2.69.142": "::ffff:81.2.69.128/122",
		"::ffff:5102:458e":   "::ffff:81.2.69.128/122",
		"2002:5102:458e::1":  "2002:5102:4580::/42",
		"2001:218::1%eth0":   "2001:218::/32",
		"2001:218:0:1::":     "2001:218::/32",
	} {
		o, err := r.LocateObject(context.Background(), ip)
		require.NoError(t, err, ip)
		require.NotNil(t, o, ip)
		traits, _ := o.GetObject("traits")
		got, _ := traits.GetString("network")
		assert.Equal(t, network, got, ip)
		addr, _ := traits.GetString("ipAddress")
		assert.Equal(t, ip, addr, "traits.ipAddress is the string as given")
	}
}

func TestLocateNotFound(t *testing.T) {
	r := openTestDB(t)
	for _, ip := range []string{geoiptest.NotFound, geoiptest.NotFound6, "81.2.69.192", "::1", "::", "0.0.0.0"} {
		o, err := r.LocateObject(context.Background(), ip)
		assert.NoError(t, err, ip)
		assert.Nil(t, o, ip)
		m, err := r.Locate(context.Background(), ip)
		assert.NoError(t, err, ip)
		assert.Nil(t, m, ip)
	}
}

func TestLocateInvalid(t *testing.T) {
	r := openTestDB(t)
	for _, ip := range []string{"", "abc", "1.2.3", "01.2.3.4", "256.0.0.1", " 81.2.69.142", "81.2.69.142\n",
		"1::2::3", "fe80::1%", "::ffff:81.2.69.142/32", "81.2.69.142:80", "[::1]", "ｌocalhost"} {
		o, err := r.LocateObject(context.Background(), ip)
		assert.ErrorIs(t, err, ErrInvalidIP, "%q", ip)
		assert.Nil(t, o)
		m, err := r.Locate(context.Background(), ip)
		assert.ErrorIs(t, err, ErrInvalidIP, "%q", ip)
		assert.Nil(t, m)
	}
	_, err := r.Locate(context.Background(), "nope")
	assert.EqualError(t, err, `geoip: "nope": not a valid IP address`)
}

// Locate's map holds the same values as LocateObject; only the top level loses its order.
func TestLocateMap(t *testing.T) {
	r := openTestDB(t)
	o, err := r.LocateObject(context.Background(), geoiptest.London)
	require.NoError(t, err)
	m, err := r.Locate(context.Background(), geoiptest.London)
	require.NoError(t, err)
	require.Len(t, m, o.Len())
	for i := 0; i < o.Len(); i++ {
		k, v := o.At(i)
		want, _ := ojson.Marshal(v)
		got, err := ojson.Marshal(m[k])
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), k)
	}
	city := m["city"].(*ojson.Object)
	names, _ := city.GetObject("names")
	en, _ := names.GetString("en")
	assert.Equal(t, "London", en)
	assert.Equal(t, []string{"de", "en", "es", "fr", "ja", "pt-BR", "ru", "zh-CN"}, names.Keys())

	// Each lookup builds new objects: changing one result does not change the next.
	names.Set("en", "changed")
	again, err := r.Locate(context.Background(), geoiptest.London)
	require.NoError(t, err)
	againNames, _ := again["city"].(*ojson.Object).GetObject("names")
	en, _ = againNames.GetString("en")
	assert.Equal(t, "London", en)
}

func TestLocateBigIntegers(t *testing.T) {
	r, err := OpenBytes(rawDB(4, "GeoIP2-City", []rawNetwork{
		{"1.2.17.0/24", rmap{{"country", rmap{{"big_u64", u64(1 << 40)}}}, {"location", rmap{{"u128", u128{0, 77}}}}}},
	}))
	require.NoError(t, err)
	defer r.Close()
	// mmdb-lib gives BigInts here (which JSON.stringify rejects); plugchain gives numbers.
	got := locateJSON(t, r, "1.2.17.1")
	assert.Contains(t, got, `"country":{"bigU64":1099511627776}`)
	assert.Contains(t, got, `"location":{"u128":77}`)
}

func TestLocateRecordShapeErrors(t *testing.T) {
	r, err := OpenBytes(rawDB(4, "GeoIP2-City", []rawNetwork{
		{"1.2.9.0/24", rmap{{"traits", "x"}}},
		{"1.2.10.0/24", rmap{{"registered_country", u16(3)}}},
	}))
	require.NoError(t, err)
	defer r.Close()
	for _, ip := range []string{"1.2.9.1", "1.2.10.1"} {
		_, err := r.LocateObject(context.Background(), ip)
		assert.ErrorIs(t, err, errRecordShape, ip)
	}
}

func TestLocateLimits(t *testing.T) {
	deep := any("bottom")
	for i := 0; i < maxDepth+2; i++ {
		deep = rmap{{"nested_map", deep}}
	}
	wide := make([]any, maxValues+1)
	for i := range wide {
		wide[i] = true
	}
	r, err := OpenBytes(rawDB(4, "GeoIP2-City", []rawNetwork{
		{"1.0.0.0/24", rmap{{"city", deep}}},
		{"2.0.0.0/24", rmap{{"subdivisions", wide}}},
		{"3.0.0.0/24", rmap{{"city", wide[:1000]}}},
	}))
	require.NoError(t, err)
	defer r.Close()
	for _, ip := range []string{"1.0.0.1", "2.0.0.1"} {
		_, err := r.LocateObject(context.Background(), ip)
		assert.ErrorIs(t, err, errTooLarge, ip)
	}
	o, err := r.LocateObject(context.Background(), "3.0.0.1")
	require.NoError(t, err)
	city, _ := o.Get("city")
	assert.Len(t, city, 1000)
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.mmdb")
	_, err := Open(missing)
	require.Error(t, err)
	assert.Contains(t, err.Error(), missing)

	garbage := filepath.Join(dir, "garbage.mmdb")
	require.NoError(t, os.WriteFile(garbage, []byte("this is not a MaxMind database"), 0o644))
	_, err = Open(garbage)
	require.Error(t, err)
	assert.Contains(t, err.Error(), garbage)

	country := filepath.Join(dir, "GeoLite2-Country.mmdb")
	require.NoError(t, os.WriteFile(country, rawDB(6, "GeoLite2-Country", []rawNetwork{{"1.0.0.0/8", rmap{}}}), 0o644))
	_, err = Open(country)
	require.Error(t, err)
	assert.Contains(t, err.Error(), country)
	assert.Contains(t, err.Error(), `database type "GeoLite2-Country" is not a City database`)

	_, err = OpenBytes([]byte("nope"))
	assert.Error(t, err)
}

func TestClose(t *testing.T) {
	r := openTestDB(t)
	require.NoError(t, r.Close())
	require.NoError(t, r.Close(), "closing twice is harmless")
	_, err := r.Locate(context.Background(), geoiptest.London)
	assert.ErrorIs(t, err, ErrClosed)
}

func TestLocateContext(t *testing.T) {
	r := openTestDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := r.Locate(ctx, geoiptest.London)
	assert.ErrorIs(t, err, context.Canceled)
}

// TestConcurrentLookups runs lookups from many goroutines (go test -race checks them) and
// closes the reader while some may still run: they either answer or report ErrClosed.
func TestConcurrentLookups(t *testing.T) {
	r := openTestDB(t)
	ips := []string{geoiptest.London, geoiptest.Boxford, geoiptest.Linkoping, geoiptest.Milton, geoiptest.Japan,
		geoiptest.Berlin, geoiptest.Anycast, geoiptest.Bhutan, geoiptest.NotFound, geoiptest.NotFound6, "::ffff:81.2.69.142"}
	want := make([]string, len(ips))
	for i, ip := range ips {
		want[i] = locateJSON(t, r, ip)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := (g + n) % len(ips)
				o, err := r.LocateObject(context.Background(), ips[i])
				if err != nil {
					t.Error(err)
					return
				}
				got := "null"
				if o != nil {
					b, _ := ojson.Marshal(o)
					got = string(b)
				}
				if got != want[i] {
					t.Errorf("%s: got %s, want %s", ips[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()

	start := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for n := 0; n < 100; n++ {
				_, err := r.Locate(context.Background(), ips[n%len(ips)])
				if err != nil && !errors.Is(err, ErrClosed) {
					t.Error(err)
					return
				}
			}
		}()
	}
	close(start)
	require.NoError(t, r.Close())
	wg.Wait()
}

func TestCamelCase(t *testing.T) {
	for in, want := range map[string]string{
		"geoname_id": "geonameId", "is_in_european_union": "isInEuropeanUnion", "names": "names",
		"_private": "private", "__x": "x", "a__b": "aB", "a_1": "a1", "trailing_": "trailing", "_": "",
		"pt-BR": "pt-BR", "zh_CN": "zhCN", "é_é": "éé", "a_é": "aé", "x_Y": "xY",
	} {
		assert.Equal(t, want, camelCase(in), in)
	}
}

func FuzzLocateObject(f *testing.F) {
	for _, s := range append(oddIPs, geoiptest.London, "::ffff:81.2.69.142", "1::2::3", "fe80::1%a.b:c", "") {
		f.Add(s)
	}
	data, err := geoiptest.CityDB()
	if err != nil {
		f.Fatal(err)
	}
	r, err := OpenBytes(data)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, ip string) {
		o, err := r.LocateObject(context.Background(), ip)
		if err != nil {
			if !errors.Is(err, ErrInvalidIP) {
				t.Fatalf("%q: %v", ip, err)
			}
			return
		}
		if o != nil {
			traits, _ := o.GetObject("traits")
			network, _ := traits.GetString("network")
			if !strings.Contains(network, "/") {
				t.Fatalf("%q: network %q", ip, network)
			}
		}
	})
}

func BenchmarkLocate(b *testing.B) {
	r := openTestDB(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := r.Locate(ctx, geoiptest.London); err != nil {
				b.Fatal(err)
			}
		}
	})
}
