package geoip

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"strings"
	"sync"

	"github.com/oschwald/maxminddb-golang/v2"
	"github.com/oschwald/maxminddb-golang/v2/mmdbdata"

	"github.com/plugchain/plugchain/ojson"
)

// ErrInvalidIP is returned (wrapped) for a string that is not an IP address by Node's
// net.isIP, where geoip2-node throws a ValueError.
var ErrInvalidIP = errors.New("not a valid IP address")

// ErrClosed is returned by lookups on a closed Reader.
var ErrClosed = errors.New("geoip: database is closed")

// errRecordShape reports a record that geoip2-node's City model cannot be built from (its
// constructor throws a TypeError), such as traits that are a non-empty string.
var errRecordShape = errors.New("record does not have the shape of a City record")

// Reader answers meta.geoip.locate from a MaxMind City database (GeoIP2-City, GeoLite2-City
// or another database whose type contains "City"). It implements plugchain.GeoIP and is safe
// for concurrent use.
type Reader struct {
	// mu guards db against Close during a lookup: maxminddb.Reader must not be closed while
	// it is used, and a memory-mapped file would fault.
	mu   sync.RWMutex
	db   *maxminddb.Reader
	keys keyCache
}

// Open opens the database at path (memory-mapped where the platform allows it).
func Open(path string) (*Reader, error) {
	db, err := maxminddb.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == path {
			err = pe.Err // the message names the file already
		}
		return nil, fmt.Errorf("geoip: cannot open %s: %w", path, err)
	}
	r, err := newReader(db)
	if err != nil {
		return nil, fmt.Errorf("geoip: %s: %w", path, err)
	}
	return r, nil
}

// OpenBytes opens a database held in memory. The Reader keeps b, which must not be changed
// while it is open.
func OpenBytes(b []byte) (*Reader, error) {
	db, err := maxminddb.OpenBytes(b)
	if err != nil {
		return nil, fmt.Errorf("geoip: cannot open database: %w", err)
	}
	r, err := newReader(db)
	if err != nil {
		return nil, fmt.Errorf("geoip: %w", err)
	}
	return r, nil
}

func newReader(db *maxminddb.Reader) (*Reader, error) {
	// geoip2-node's city() refuses databases whose type does not contain "City", on every
	// call; refusing at open time reports the mistake once instead of a null per event.
	if t := db.Metadata.DatabaseType; !strings.Contains(t, "City") {
		db.Close()
		return nil, fmt.Errorf("database type %q is not a City database (meta.geoip.locate needs GeoIP2-City or GeoLite2-City)", t)
	}
	return &Reader{db: db}, nil
}

// Close releases the database. Lookups after Close return ErrClosed.
func (r *Reader) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.db == nil {
		return nil
	}
	err := r.db.Close()
	r.db = nil
	return err
}

// Locate implements plugchain.GeoIP: the City record of ip as geoip2-node's reader.city(ip)
// builds it, with the record's top-level keys in a map (so their order is lost; nested objects
// are *ojson.Object and keep it), nil when the address is not in the database, and an error
// wrapping ErrInvalidIP for a string that is not an address.
func (r *Reader) Locate(ctx context.Context, ip string) (map[string]any, error) {
	o, err := r.LocateObject(ctx, ip)
	if o == nil || err != nil {
		return nil, err
	}
	m := make(map[string]any, o.Len())
	for i := 0; i < o.Len(); i++ {
		k, v := o.At(i)
		m[k] = v
	}
	return m, nil
}

// LocateObject is Locate with the whole record as an *ojson.Object whose keys are in
// geoip2-node's order at every level, so that JSON.stringify and Object.keys in a plugin see
// what they see on PostHog. It returns nil, nil when the address is not in the database.
func (r *Reader) LocateObject(ctx context.Context, ip string) (*ojson.Object, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !validIP(ip) {
		return nil, fmt.Errorf("geoip: %q: %w", ip, ErrInvalidIP)
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.db == nil {
		return nil, ErrClosed
	}
	res, prefixLen := r.lookup(parseAddress(ip))
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("geoip: looking up %q: %w", ip, err)
	}
	if !res.Found() {
		return nil, nil
	}
	rec := record{keys: &r.keys}
	if err := res.Decode(&rec); err != nil {
		return nil, fmt.Errorf("geoip: decoding the record of %q: %w", ip, err)
	}
	if !truthy(rec.v) {
		return nil, nil // mmdb-lib's falsy data counts as not found
	}
	o, err := cityModel(rec.v, ip, toCIDR(ip, prefixLen))
	if err != nil {
		return nil, fmt.Errorf("geoip: the record of %q: %w", ip, err)
	}
	return o, nil
}

// lookup walks the tree with the address bytes mmdb-lib would use and returns the result with
// the prefix length mmdb-lib reports: counted from the IPv4 subtree for a four-byte address,
// from the root for a sixteen-byte one.
func (r *Reader) lookup(addr []byte) (maxminddb.Result, int) {
	v4 := len(addr) == 4
	var ip netip.Addr
	switch {
	case v4:
		ip = netip.AddrFrom4([4]byte(addr))
	case r.db.Metadata.IPVersion == 4:
		// mmdb-lib walks an IPv4 tree with the first 32 of the 128 bits.
		ip = netip.AddrFrom4([4]byte(addr[:4]))
	default:
		ip = netip.AddrFrom16([16]byte(addr[:16]))
	}
	res := r.db.Lookup(ip)
	if !res.Found() {
		return res, 0
	}
	p := res.Prefix()
	if v4 && !p.Addr().Is4() {
		// The IPv4 subtree ended above ::/96: mmdb-lib starts at its end and counts nothing.
		return res, 0
	}
	return res, p.Bits()
}

// record receives a decoded record through maxminddb's cursor interface.
type record struct {
	v    any
	keys *keyCache
}

// UnmarshalMaxMindDBCursor implements mmdbdata.CursorUnmarshaler. Only the top-level keys the
// City model reads are decoded.
func (rec *record) UnmarshalMaxMindDBCursor(c mmdbdata.Cursor) (mmdbdata.Cursor, error) {
	d := newDecoder(rec.keys)
	kind, err := c.Kind()
	if err != nil {
		return c, err
	}
	var next mmdbdata.Cursor
	if kind == mmdbdata.KindMap {
		rec.v, next, err = d.mapValue(c, 0, isModelKey)
	} else {
		rec.v, next, err = d.value(c, 0)
	}
	return next, err
}

// modelKeys are the response keys geoip2-node's City and Country constructors read.
var modelKeys = [...]string{
	"continent", "country", "maxmind", "registeredCountry", "representedCountry", "traits",
	"city", "location", "postal", "subdivisions",
}

func isModelKey(k string) bool {
	for _, m := range modelKeys {
		if k == m {
			return true
		}
	}
	return false
}

// booleanTraits are the traits geoip2-node's Country model always sets, to false when absent.
var booleanTraits = [...]string{
	"isAnonymous", "isAnonymousProxy", "isAnonymousVpn", "isAnycast", "isHostingProvider",
	"isLegitimateProxy", "isPublicProxy", "isResidentialProxy", "isSatelliteProvider",
	"isTorExitNode",
}

// cityModel builds what new City(response, ipAddress, network) holds, in its property order
// (the Country constructor's, then City's), leaving out what JSON.stringify would: properties
// set to undefined because the response value is falsy.
func cityModel(response any, ip, network string) (*ojson.Object, error) {
	resp, _ := response.(*ojson.Object) // other records have no own keys the model reads
	get := func(k string) any {
		v, _ := resp.Get(k)
		return v
	}
	out := ojson.NewObject(len(modelKeys))
	setTruthy := func(k string, v any) {
		if truthy(v) {
			out.SetRaw(k, v)
		}
	}
	setTruthy("continent", get("continent"))
	setTruthy("country", get("country"))
	setTruthy("maxmind", get("maxmind"))

	// setBooleanRegisteredCountry sets isInEuropeanUnion on any truthy value: visibly on an
	// object, invisibly on an array, and with a TypeError on a primitive (strict mode).
	rc := get("registeredCountry")
	if truthy(rc) {
		switch x := rc.(type) {
		case *ojson.Object:
			v, _ := x.Get("isInEuropeanUnion")
			x.SetRaw("isInEuropeanUnion", truthy(v))
		case []any:
		default:
			return nil, fmt.Errorf("%w: registered_country is %T", errRecordShape, rc)
		}
		out.SetRaw("registeredCountry", rc)
	}
	setTruthy("representedCountry", get("representedCountry"))

	traits := get("traits")
	if !truthy(traits) {
		traits = ojson.NewObject(len(booleanTraits) + 2)
	}
	switch t := traits.(type) {
	case *ojson.Object:
		for _, k := range booleanTraits {
			v, _ := t.Get(k)
			t.SetRaw(k, truthy(v))
		}
		// traits.ipAddress ??= ipAddress; traits.network ??= network. Decoded values are never
		// null, so only a missing key is filled.
		if !t.Has("ipAddress") {
			t.SetRaw("ipAddress", ip)
		}
		if !t.Has("network") {
			t.SetRaw("network", network)
		}
	case []any:
	default:
		return nil, fmt.Errorf("%w: traits is %T", errRecordShape, traits)
	}
	out.SetRaw("traits", traits)

	setTruthy("city", get("city"))
	setTruthy("location", get("location"))
	setTruthy("postal", get("postal"))
	setTruthy("subdivisions", get("subdivisions"))
	return out, nil
}
