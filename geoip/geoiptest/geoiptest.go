// Package geoiptest writes a small MaxMind GeoIP2-City database for tests of meta.geoip, so that
// no binary database needs to be committed. Its records follow MaxMind's City layout (the
// networks and values are modelled on MaxMind's own test databases): names in several
// languages, subdivisions, postal codes, locations, registered and represented countries,
// Enterprise-style confidence values and a few traits.
package geoiptest

import (
	"bytes"
	"fmt"
	"net"
	"os"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
)

// Addresses in the database CityDB writes, and addresses that are not in it.
const (
	London    = "81.2.69.142"     // 81.2.69.128/26: London, England, GB
	Boxford   = "2.125.160.217"   // 2.125.160.216/29: two subdivisions
	Linkoping = "89.160.20.115"   // 89.160.20.112/28: Linköping, SE (EU), registered in DE
	Milton    = "216.160.83.58"   // 216.160.83.56/29: Milton, WA, US, with a metro code
	Japan     = "2001:218::1"     // 2001:218::/32: country only
	Berlin    = "2a02:ff80::1:2"  // 2a02:ff80::/29: confidence values, represented country
	Anycast   = "1.1.1.1"         // 1.1.1.0/24: registered country and is_anycast only
	Bhutan    = "67.43.156.1"     // 67.43.156.0/24: anonymous proxy and satellite traits
	NotFound  = "8.8.8.8"         // not in the database
	NotFound6 = "2001:4860::8888" // not in the database
)

// CityDB returns a GeoIP2-City database with the networks of the constants above. The bytes
// are the same on every call.
func CityDB() ([]byte, error) {
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType: "GeoIP2-City",
		Description:  map[string]string{"en": "plugchain test GeoIP2 City database"},
		Languages:    []string{"de", "en", "es", "fr", "ja", "pt-BR", "ru", "zh-CN"},
		RecordSize:   28,
		BuildEpoch:   1715644800, // 2024-05-14, fixed so that the output is reproducible
	})
	if err != nil {
		return nil, err
	}
	for _, n := range networks {
		_, ipnet, err := net.ParseCIDR(n.cidr)
		if err != nil {
			return nil, err
		}
		if err := tree.Insert(ipnet, n.record); err != nil {
			return nil, fmt.Errorf("geoiptest: inserting %s: %w", n.cidr, err)
		}
	}
	var buf bytes.Buffer
	if _, err := tree.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteCityDB writes CityDB's database to path.
func WriteCityDB(path string) error {
	b, err := CityDB()
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

type names map[string]string

func (n names) mmdb() mmdbtype.Map {
	m := mmdbtype.Map{}
	for k, v := range n {
		m[mmdbtype.String(k)] = mmdbtype.String(v)
	}
	return m
}

func place(geonameID uint32, n names, extra mmdbtype.Map) mmdbtype.Map {
	m := mmdbtype.Map{"geoname_id": mmdbtype.Uint32(geonameID), "names": n.mmdb()}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func iso(code string) mmdbtype.Map { return mmdbtype.Map{"iso_code": mmdbtype.String(code)} }

func withEU(m mmdbtype.Map) mmdbtype.Map {
	m["is_in_european_union"] = mmdbtype.Bool(true)
	return m
}

func confidence(c uint16, m mmdbtype.Map) mmdbtype.Map {
	m["confidence"] = mmdbtype.Uint16(c)
	return m
}

var (
	europe = place(6255148, names{
		"de": "Europa", "en": "Europe", "es": "Europa", "fr": "Europe", "ja": "ヨーロッパ",
		"pt-BR": "Europa", "ru": "Европа", "zh-CN": "欧洲",
	}, mmdbtype.Map{"code": mmdbtype.String("EU")})
	northAmerica = place(6255149, names{
		"de": "Nordamerika", "en": "North America", "es": "Norteamérica", "fr": "Amérique du Nord",
		"ja": "北アメリカ", "pt-BR": "América do Norte", "ru": "Северная Америка", "zh-CN": "北美洲",
	}, mmdbtype.Map{"code": mmdbtype.String("NA")})
	asia = place(6255147, names{
		"de": "Asien", "en": "Asia", "es": "Asia", "fr": "Asie", "ja": "アジア",
		"pt-BR": "Ásia", "ru": "Азия", "zh-CN": "亚洲",
	}, mmdbtype.Map{"code": mmdbtype.String("AS")})
	oceania = place(6255151, names{
		"de": "Ozeanien", "en": "Oceania", "es": "Oceanía", "fr": "Océanie", "ja": "オセアニア",
		"pt-BR": "Oceania", "ru": "Океания", "zh-CN": "大洋洲",
	}, mmdbtype.Map{"code": mmdbtype.String("OC")})

	unitedKingdom = func() mmdbtype.Map {
		return place(2635167, names{
			"de": "Vereinigtes Königreich", "en": "United Kingdom", "es": "Reino Unido",
			"fr": "Royaume-Uni", "ja": "イギリス", "pt-BR": "Reino Unido", "ru": "Великобритания",
			"zh-CN": "英国",
		}, iso("GB"))
	}
	sweden = func() mmdbtype.Map {
		return withEU(place(2661886, names{
			"de": "Schweden", "en": "Sweden", "es": "Suecia", "fr": "Suède", "ja": "スウェーデン王国",
			"pt-BR": "Suécia", "ru": "Швеция", "zh-CN": "瑞典",
		}, iso("SE")))
	}
	germany = func() mmdbtype.Map {
		return withEU(place(2921044, names{
			"de": "Deutschland", "en": "Germany", "es": "Alemania", "fr": "Allemagne", "ja": "ドイツ連邦共和国",
			"pt-BR": "Alemanha", "ru": "Германия", "zh-CN": "德国",
		}, iso("DE")))
	}
	unitedStates = func() mmdbtype.Map {
		return place(6252001, names{
			"de": "USA", "en": "United States", "es": "Estados Unidos", "fr": "États Unis",
			"ja": "アメリカ合衆国", "pt-BR": "Estados Unidos", "ru": "США", "zh-CN": "美国",
		}, iso("US"))
	}
	japan = func() mmdbtype.Map {
		return place(1861060, names{
			"de": "Japan", "en": "Japan", "es": "Japón", "fr": "Japon", "ja": "日本",
			"pt-BR": "Japão", "ru": "Япония", "zh-CN": "日本",
		}, iso("JP"))
	}
	australia = func() mmdbtype.Map {
		return place(2077456, names{
			"de": "Australien", "en": "Australia", "es": "Australia", "fr": "Australie",
			"ja": "オーストラリア", "pt-BR": "Austrália", "ru": "Австралия", "zh-CN": "澳大利亚",
		}, iso("AU"))
	}
	bhutan = func() mmdbtype.Map {
		return place(1252634, names{
			"de": "Bhutan", "en": "Bhutan", "es": "Bután", "fr": "Bhoutan", "ja": "ブータン王国",
			"pt-BR": "Butão", "ru": "Бутан", "zh-CN": "不丹",
		}, iso("BT"))
	}
	england = func() mmdbtype.Map {
		return place(6269131, names{"en": "England", "es": "Inglaterra", "fr": "Angleterre", "pt-BR": "Inglaterra"}, iso("ENG"))
	}

	location = func(radius uint16, lat, lon float64, tz string) mmdbtype.Map {
		return mmdbtype.Map{
			"accuracy_radius": mmdbtype.Uint16(radius),
			"latitude":        mmdbtype.Float64(lat),
			"longitude":       mmdbtype.Float64(lon),
			"time_zone":       mmdbtype.String(tz),
		}
	}
	postal = func(code string) mmdbtype.Map { return mmdbtype.Map{"code": mmdbtype.String(code)} }
)

var networks = []struct {
	cidr   string
	record mmdbtype.Map
}{
	{"81.2.69.128/26", mmdbtype.Map{
		"city": place(2643743, names{
			"de": "London", "en": "London", "es": "Londres", "fr": "Londres", "ja": "ロンドン",
			"pt-BR": "Londres", "ru": "Лондон", "zh-CN": "伦敦",
		}, nil),
		"continent":          europe,
		"country":            unitedKingdom(),
		"location":           location(10, 51.5142, -0.0931, "Europe/London"),
		"postal":             postal("EC2V"),
		"registered_country": unitedKingdom(),
		"subdivisions":       mmdbtype.Slice{england()},
	}},
	{"2.125.160.216/29", mmdbtype.Map{
		"city":               place(2655045, names{"en": "Boxford"}, nil),
		"continent":          europe,
		"country":            unitedKingdom(),
		"location":           location(100, 51.75, -1.25, "Europe/London"),
		"postal":             postal("OX1"),
		"registered_country": withEU(place(3017382, names{"en": "France", "fr": "France", "de": "Frankreich"}, iso("FR"))),
		"subdivisions": mmdbtype.Slice{
			england(),
			place(3333217, names{"en": "West Berkshire", "ru": "Западный Беркшир", "zh-CN": "西伯克郡"}, iso("WBK")),
		},
	}},
	{"89.160.20.112/28", mmdbtype.Map{
		"city": place(2694762, names{
			"de": "Linköping", "en": "Linköping", "fr": "Linköping", "ja": "リンシェーピング", "zh-CN": "林雪平",
		}, nil),
		"continent":          europe,
		"country":            sweden(),
		"location":           location(76, 58.4167, 15.6167, "Europe/Stockholm"),
		"registered_country": germany(),
		"subdivisions": mmdbtype.Slice{
			place(2685867, names{"en": "Östergötland County", "fr": "Comté d'Östergötland"}, iso("E")),
		},
	}},
	{"216.160.83.56/29", mmdbtype.Map{
		"city":      place(5803556, names{"en": "Milton", "ja": "ミルトン", "ru": "Мильтон", "zh-CN": "密尔顿"}, nil),
		"continent": northAmerica,
		"country":   unitedStates(),
		"location": func() mmdbtype.Map {
			l := location(22, 47.2513, -122.3149, "America/Los_Angeles")
			l["metro_code"] = mmdbtype.Uint16(819)
			return l
		}(),
		"postal":             postal("98354"),
		"registered_country": unitedStates(),
		"subdivisions": mmdbtype.Slice{place(5815135, names{
			"en": "Washington", "es": "Washington", "fr": "État de Washington", "ja": "ワシントン州",
			"ru": "Вашингтон", "zh-CN": "华盛顿州",
		}, iso("WA"))},
	}},
	{"2001:218::/32", mmdbtype.Map{
		"continent":          asia,
		"country":            japan(),
		"location":           location(100, 35.68536, 139.75309, "Asia/Tokyo"),
		"registered_country": japan(),
	}},
	{"2a02:ff80::/29", mmdbtype.Map{
		"city": confidence(60, place(2950159, names{
			"de": "Berlin", "en": "Berlin", "es": "Berlín", "fr": "Berlin", "ja": "ベルリン",
			"pt-BR": "Berlim", "ru": "Берлин", "zh-CN": "柏林",
		}, nil)),
		"continent": europe,
		"country":   confidence(99, germany()),
		"location": func() mmdbtype.Map {
			l := location(5, 52.5244, 13.4105, "Europe/Berlin")
			l["average_income"] = mmdbtype.Uint32(40193)
			l["population_density"] = mmdbtype.Uint32(4108)
			return l
		}(),
		"postal":             mmdbtype.Map{"code": mmdbtype.String("10178"), "confidence": mmdbtype.Uint16(40)},
		"registered_country": germany(),
		"represented_country": func() mmdbtype.Map {
			c := unitedStates()
			c["type"] = mmdbtype.String("military")
			return c
		}(),
		"subdivisions": mmdbtype.Slice{confidence(90, place(2950157, names{"de": "Land Berlin", "en": "Land Berlin"}, iso("BE")))},
		"traits":       mmdbtype.Map{"is_legitimate_proxy": mmdbtype.Bool(true)},
	}},
	{"1.1.1.0/24", mmdbtype.Map{
		"registered_country": australia(),
		"traits":             mmdbtype.Map{"is_anycast": mmdbtype.Bool(true)},
	}},
	{"67.43.156.0/24", mmdbtype.Map{
		"continent":          asia,
		"country":            bhutan(),
		"location":           location(534, 27.5, 90.5, "Asia/Thimphu"),
		"registered_country": bhutan(),
		"traits": mmdbtype.Map{
			"is_anonymous_proxy":    mmdbtype.Bool(true),
			"is_satellite_provider": mmdbtype.Bool(true),
		},
	}},
	{"1.0.0.0/24", mmdbtype.Map{
		"continent":          oceania,
		"country":            australia(),
		"registered_country": australia(),
		"location":           location(1000, -33.494, 143.2104, "Australia/Sydney"),
	}},
}
