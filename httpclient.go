package plugchain

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// HTTPClientOptions configures NewHTTPClient. The zero value is a sound default.
type HTTPClientOptions struct {
	// AllowPrivateNetworks lets plugins reach addresses that are not on the public internet:
	// loopback, private (RFC 1918, fc00::/7), link-local (including the 169.254.169.254
	// cloud metadata service), carrier-grade NAT, multicast and other reserved ranges. Leave it
	// off unless plugin code is trusted with the host's network.
	AllowPrivateNetworks bool
	// Timeout bounds a whole exchange, reading the body included (http.Client's Timeout).
	// Zero leaves the bound to the plugin call's deadline, which every fetch honours anyway.
	Timeout time.Duration
	// DialTimeout bounds connecting (default 10 s); TLSHandshakeTimeout the TLS handshake
	// (default 10 s); ResponseHeaderTimeout the wait for the response's headers once the
	// request is sent (default 30 s).
	DialTimeout           time.Duration
	TLSHandshakeTimeout   time.Duration
	ResponseHeaderTimeout time.Duration
	// TLSConfig, if set, is used for HTTPS (custom roots, for example).
	TLSConfig *tls.Config

	// classify overrides which addresses are refused (tests treat one loopback address as
	// public with it); nil means blockedReason.
	classify func(netip.Addr) string
}

// BlockedAddressError is the error of a connection NewHTTPClient's client refused to open
// because the address is not public. A fetch fails with it as its reason.
type BlockedAddressError struct {
	Addr netip.Addr
	// Reason names the kind of address: "loopback", "private", "link-local" ...
	Reason string
}

func (e *BlockedAddressError) Error() string {
	return fmt.Sprintf("address %s is not allowed (%s); plugchain blocks private networks by default", e.Addr, e.Reason)
}

// NewHTTPClient returns the client plugchain recommends for plugins' fetch (and webhooks):
// bounded connection set-up, no redirects of its own (fetch follows them itself, one
// checked hop at a time), no proxy from the environment, no transparent decompression (fetch
// decodes as node-fetch does), and, unless opts.AllowPrivateNetworks, no connections to
// addresses outside the public internet.
//
// The address check runs in the dialer, on the address actually dialed after DNS
// resolution, so it covers every hop of a redirect chain and a DNS answer that changes
// between checks (rebinding) alike.
func NewHTTPClient(opts HTTPClientOptions) *http.Client {
	dialTimeout := opts.DialTimeout
	if dialTimeout <= 0 {
		dialTimeout = 10 * time.Second
	}
	tlsTimeout := opts.TLSHandshakeTimeout
	if tlsTimeout <= 0 {
		tlsTimeout = 10 * time.Second
	}
	headerTimeout := opts.ResponseHeaderTimeout
	if headerTimeout <= 0 {
		headerTimeout = 30 * time.Second
	}
	dialer := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivateNetworks {
		classify := opts.classify
		if classify == nil {
			classify = blockedReason
		}
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("cannot check address %q: %w", address, err)
			}
			addr := ap.Addr().WithZone("")
			if reason := classify(addr); reason != "" {
				return &BlockedAddressError{Addr: addr.Unmap(), Reason: reason}
			}
			return nil
		}
	}
	transport := &http.Transport{
		// A proxy would make the dialer check the proxy's address instead of the target's.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       opts.TLSConfig,
		TLSHandshakeTimeout:   tlsTimeout,
		ResponseHeaderTimeout: headerTimeout,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Transport:     transport,
		Timeout:       opts.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// blockedRanges are the non-public address ranges, with the name the refusal gives.
var blockedRanges = func() []struct {
	prefix netip.Prefix
	reason string
} {
	list := []struct{ cidr, reason string }{
		{"0.0.0.0/8", "unspecified"},
		{"10.0.0.0/8", "private"},
		{"100.64.0.0/10", "carrier-grade NAT"},
		{"127.0.0.0/8", "loopback"},
		{"169.254.0.0/16", "link-local"},
		{"172.16.0.0/12", "private"},
		{"192.0.0.0/24", "reserved"},
		{"192.0.2.0/24", "reserved"},
		{"192.88.99.0/24", "reserved"},
		{"192.168.0.0/16", "private"},
		{"198.18.0.0/15", "reserved"},
		{"198.51.100.0/24", "reserved"},
		{"203.0.113.0/24", "reserved"},
		{"224.0.0.0/4", "multicast"},
		{"240.0.0.0/4", "reserved"},
		{"::/128", "unspecified"},
		{"::1/128", "loopback"},
		{"100::/64", "reserved"},
		{"2001:db8::/32", "reserved"},
		{"fc00::/7", "private"},
		{"fe80::/10", "link-local"},
		{"fec0::/10", "private"},
		{"ff00::/8", "multicast"},
	}
	out := make([]struct {
		prefix netip.Prefix
		reason string
	}, len(list))
	for i, r := range list {
		out[i].prefix = netip.MustParsePrefix(r.cidr)
		out[i].reason = r.reason
	}
	return out
}()

// IPv6 ranges that carry an IPv4 address in their last 32 bits, which decides.
var (
	ipv4Compatible = netip.MustParsePrefix("::/96")
	nat64          = netip.MustParsePrefix("64:ff9b::/96")
)

// blockedReason says why addr is not a public address, or "" if it is.
func blockedReason(addr netip.Addr) string {
	addr = addr.WithZone("").Unmap()
	if r := rangeReason(addr); r != "" || !addr.Is6() {
		return r
	}
	if nat64.Contains(addr) || ipv4Compatible.Contains(addr) {
		b := addr.As16()
		return rangeReason(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	}
	return ""
}

func rangeReason(addr netip.Addr) string {
	for _, r := range blockedRanges {
		if r.prefix.Contains(addr) {
			return r.reason
		}
	}
	return ""
}
