package plugchain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
	"github.com/plugchain/plugchain/vm"
)

func TestBlockedReason(t *testing.T) {
	cases := map[string]string{
		"127.0.0.1":              "loopback",
		"127.255.0.9":            "loopback",
		"::1":                    "loopback",
		"::ffff:127.0.0.1":       "loopback",
		"::127.0.0.1":            "loopback",
		"64:ff9b::7f00:1":        "loopback",
		"10.1.2.3":               "private",
		"172.16.0.1":             "private",
		"172.31.255.255":         "private",
		"192.168.1.1":            "private",
		"::ffff:192.168.1.1":     "private",
		"fd12:3456::1":           "private",
		"fc00::1":                "private",
		"169.254.169.254":        "link-local",
		"::ffff:169.254.169.254": "link-local",
		"fe80::1":                "link-local",
		"fe80::1%eth0":           "link-local",
		"0.0.0.0":                "unspecified",
		"::":                     "unspecified",
		"100.64.0.1":             "carrier-grade NAT",
		"100.127.255.255":        "carrier-grade NAT",
		"224.0.0.1":              "multicast",
		"ff02::1":                "multicast",
		"255.255.255.255":        "reserved",
		"198.18.0.1":             "reserved",
		"8.8.8.8":                "",
		"1.1.1.1":                "",
		"172.32.0.1":             "",
		"100.128.0.1":            "",
		"2606:4700:4700::1111":   "",
		"::ffff:8.8.8.8":         "",
		"64:ff9b::808:808":       "",
	}
	for in, want := range cases {
		assert.Equal(t, want, blockedReason(netip.MustParseAddr(in)), in)
	}
}

// listenOn starts an HTTP server on a specific loopback address, or skips the test where the
// system cannot bind it (127.0.0.2 is not configured everywhere).
func listenOn(t *testing.T, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// publicExcept treats one loopback address as public, as a test stand-in for a server on the
// internet; every other address is classified as in production.
func publicExcept(ip string) func(netip.Addr) string {
	pub := netip.MustParseAddr(ip)
	return func(a netip.Addr) string {
		if a == pub {
			return ""
		}
		return blockedReason(a)
	}
}

func TestHTTPClientBlocksLoopback(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()

	_, err := NewHTTPClient(HTTPClientOptions{}).Get(srv.URL)
	var blocked *BlockedAddressError
	require.ErrorAs(t, err, &blocked)
	assert.Equal(t, "loopback", blocked.Reason)
	assert.Equal(t, "127.0.0.1", blocked.Addr.String())

	// A name that resolves to loopback is refused the same way.
	u, _ := url.Parse(srv.URL)
	_, err = NewHTTPClient(HTTPClientOptions{}).Get("http://localhost:" + u.Port() + "/")
	require.ErrorAs(t, err, &blocked)
	assert.Equal(t, "loopback", blocked.Reason)
	assert.Equal(t, int32(0), hits.Load())

	resp, err := NewHTTPClient(HTTPClientOptions{AllowPrivateNetworks: true}).Get(srv.URL)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "ok", string(body))
}

func TestHTTPClientDoesNotFollowRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	resp, err := NewHTTPClient(HTTPClientOptions{AllowPrivateNetworks: true}).Get(srv.URL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusFound, resp.StatusCode)
	assert.Equal(t, "/elsewhere", resp.Header.Get("Location"))
}

// fetchThrough runs a plugin that fetches url through client and returns what it got, or
// the error it caught, described.
func fetchThrough(t *testing.T, client vm.HTTPDoer, target string) string {
	t.Helper()
	src := `export async function processEvent(event) {
		try {
			const r = await fetch(event.properties.url)
			event.properties.out = r.status + ' ' + await r.text()
		} catch (e) {
			event.properties.out = e.name + ' ' + e.type + ': ' + e.message
		}
		return event
	}`
	p, err := vm.Compile("index.js", []byte(src))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	in, err := vm.New(ctx, p, vm.Options{HTTP: client})
	require.NoError(t, err)
	ev, err := ojson.ParseObject([]byte(fmt.Sprintf(`{"properties":{"url":%q}}`, target)))
	require.NoError(t, err)
	res, err := in.CallEvent(ctx, "processEvent", ev)
	require.NoError(t, err)
	props, _ := res.Value.(*ojson.Object).Get("properties")
	out, _ := props.(*ojson.Object).Get("out")
	return out.(string)
}

func TestFetchThroughGuardedClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "inside")
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)

	got := fetchThrough(t, NewHTTPClient(HTTPClientOptions{}), srv.URL+"/")
	assert.Equal(t, "FetchError system: request to "+srv.URL+"/ failed, reason: address 127.0.0.1 is not allowed (loopback); plugchain blocks private networks by default", got)

	got = fetchThrough(t, NewHTTPClient(HTTPClientOptions{}), "http://[::ffff:127.0.0.1]:"+u.Port()+"/")
	assert.Contains(t, got, "reason: address 127.0.0.1 is not allowed (loopback)")

	got = fetchThrough(t, NewHTTPClient(HTTPClientOptions{}), "http://169.254.169.254/latest/meta-data/")
	assert.Equal(t, "FetchError system: request to http://169.254.169.254/latest/meta-data/ failed, reason: address 169.254.169.254 is not allowed (link-local); plugchain blocks private networks by default", got)

	got = fetchThrough(t, NewHTTPClient(HTTPClientOptions{AllowPrivateNetworks: true}), srv.URL+"/")
	assert.Equal(t, "200 inside", got)
}

// TestFetchRedirectToPrivateNetwork checks that a redirect from a public server to an
// internal one is refused at the second hop, before any connection to it.
func TestFetchRedirectToPrivateNetwork(t *testing.T) {
	var internalHits atomic.Int32
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		_, _ = io.WriteString(w, "secret")
	}))
	defer internal.Close()
	public := listenOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hello" {
			_, _ = io.WriteString(w, "public hello")
			return
		}
		http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
	}))
	client := NewHTTPClient(HTTPClientOptions{classify: publicExcept("127.0.0.2")})

	assert.Equal(t, "200 public hello", fetchThrough(t, client, public.URL+"/hello"))
	got := fetchThrough(t, client, public.URL+"/go")
	assert.Equal(t, "FetchError system: request to "+internal.URL+"/admin failed, reason: address 127.0.0.1 is not allowed (loopback); plugchain blocks private networks by default", got)
	assert.Equal(t, int32(0), internalHits.Load())

	// Directly, too.
	_, err := client.Get(internal.URL)
	var blocked *BlockedAddressError
	assert.True(t, errors.As(err, &blocked), "%v", err)
}
