// Package geoip backs meta.geoip.locate with a MaxMind City database (.mmdb).
//
//	db, err := geoip.Open("GeoLite2-City.mmdb")
//	if err != nil { ... }
//	defer db.Close() // after the chain is closed
//	chain := plugchain.New(plugchain.WithGeoIP(db))
//
// A lookup returns exactly what PostHog's plugin server gave plugins: the object
// @maxmind/geoip2-node's reader.city(ip) builds, with camelCase keys (city.names.en,
// country.isoCode, location.timeZone, registeredCountry.isInEuropeanUnion ...), the keys in the
// same order, the same omissions, traits.ipAddress as passed, traits.network as geoip2-node
// writes the network, and geoip2-node's boolean traits defaulting to false. The tests compare
// it with geoip2-node byte for byte.
//
// An address that is not in the database gives nil (PostHog's locate resolved to null); a
// string that is not an address by Node's net.isIP gives an error wrapping ErrInvalidIP, which
// the chain also turns into null. The one difference from geoip2-node: uint64 and uint128
// values, which mmdb-lib decodes to BigInt, are numbers (City databases have none).
//
// The database is memory-mapped; lookups may run on any number of goroutines at once, and
// Close waits for those in progress. Package geoip/geoiptest writes a small City database for
// tests.
package geoip
