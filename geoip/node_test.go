package geoip

// Differential test: the same databases and addresses go through @maxmind/geoip2-node's
// reader.city() on Node and through LocateObject; the JSON must be identical byte for byte
// (key order included). Node's net.isIP, mmdb-lib's address parsing and geoip2-node's toCidr
// are also compared with their ports on generated address strings.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plugchain/plugchain/ojson"
)

// geoip2NodeVersion is the @maxmind/geoip2-node release the test compares with (the City model
// PostHog's plugin server used is unchanged across its releases).
const geoip2NodeVersion = "6.3.4"

// geoip2Node returns Node's path and a directory whose node_modules holds geoip2-node. Without
// Node or npm the test is skipped, except in CI (CI=true), where it fails. Locally the package
// is installed once into the user cache directory; in CI into a temporary directory.
func geoip2Node(t *testing.T) (node, dir string) {
	t.Helper()
	ci := os.Getenv("CI") == "true"
	unavailable := func(format string, args ...any) {
		t.Helper()
		if ci {
			t.Fatalf(format, args...)
		}
		t.Skipf(format+" (skipping the differential test)", args...)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable("node not found: %v", err)
	}
	var cacheDir string
	if !ci {
		if c, err := os.UserCacheDir(); err == nil {
			cacheDir = filepath.Join(c, "plugchain-test", "geoip2-node-"+geoip2NodeVersion)
			if _, err := os.Stat(filepath.Join(cacheDir, "node_modules", "@maxmind", "geoip2-node", "package.json")); err == nil {
				return node, cacheDir
			}
		}
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		unavailable("npm not found: %v", err)
	}
	tmp, err := os.MkdirTemp("", "geoip2-node-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--prefix", tmp, "--no-audit", "--no-fund",
		"--no-package-lock", "--loglevel=error", "@maxmind/geoip2-node@"+geoip2NodeVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(tmp)
		unavailable("npm install @maxmind/geoip2-node@%s: %v\n%s", geoip2NodeVersion, err, out)
	}
	if cacheDir == "" {
		t.Cleanup(func() { os.RemoveAll(tmp) })
		return node, tmp
	}
	// Another test process may have filled the cache meanwhile; either copy will do.
	if err := os.MkdirAll(filepath.Dir(cacheDir), 0o755); err == nil && os.Rename(tmp, cacheDir) == nil {
		return node, cacheDir
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	return node, tmp
}

const nodeScript = `
const fs = require('fs')
const net = require('net')
const path = require('path')
const mods = path.join(process.argv[2], 'node_modules')
const { Reader } = require(path.join(mods, '@maxmind', 'geoip2-node'))
const { toCidr } = require(path.join(mods, '@maxmind', 'geoip2-node', 'dist', 'src', 'utils.js'))
const mmdbIP = require(path.join(mods, 'mmdb-lib', 'lib', 'ip.js')).default

const input = JSON.parse(fs.readFileSync(0, 'utf8'))
const out = { lookups: [], isIP: [], parse: [], cidr: [] }
for (const db of input.dbs) {
    const reader = Reader.openBuffer(fs.readFileSync(db.path))
    out.lookups.push(db.ips.map((ip) => {
        try {
            return JSON.stringify(reader.city(ip))
        } catch (e) {
            return '!' + e.name
        }
    }))
}
for (const s of input.strings) out.isIP.push(net.isIP(s) !== 0)
for (const c of input.valid) {
    out.parse.push(Array.from(mmdbIP.parse(c.ip), (x) => x & 0xff))
    out.cidr.push(c.prefixes.map((p) => toCidr(c.ip, p)))
}
process.stdout.write(JSON.stringify(out))
`

type nodeInput struct {
	DBs     []nodeDB    `json:"dbs"`
	Strings []string    `json:"strings"`
	Valid   []nodeValid `json:"valid"`
}

type nodeDB struct {
	Path string   `json:"path"`
	IPs  []string `json:"ips"`
}

type nodeValid struct {
	IP       string `json:"ip"`
	Prefixes []int  `json:"prefixes"`
}

type nodeOutput struct {
	Lookups [][]string `json:"lookups"`
	IsIP    []bool     `json:"isIP"`
	Parse   [][]int    `json:"parse"`
	Cidr    [][]string `json:"cidr"`
}

func TestDifferentialGeoIP2Node(t *testing.T) {
	node, dir := geoip2Node(t)
	dbs := testDBs(t)
	in := nodeInput{Strings: addressStrings()}
	for _, db := range dbs {
		in.DBs = append(in.DBs, nodeDB{Path: writeDB(t, "test.mmdb", db.data), IPs: db.ips})
	}
	for _, s := range in.Strings {
		if validIP(s) {
			prefixes := []int{0, 1, 7, 8, 9, 15, 16, 23, 24, 31, 32}
			if strings.Contains(s, ":") {
				prefixes = append(prefixes, 33, 48, 63, 64, 95, 96, 97, 104, 120, 127, 128)
			}
			in.Valid = append(in.Valid, nodeValid{IP: s, Prefixes: prefixes})
		}
	}
	out := runNodeScript(t, node, dir, in)

	if len(out.Lookups) != len(dbs) || len(out.IsIP) != len(in.Strings) || len(out.Parse) != len(in.Valid) || len(out.Cidr) != len(in.Valid) {
		t.Fatalf("node returned %d/%d/%d/%d results for %d/%d/%d/%d inputs", len(out.Lookups), len(out.IsIP),
			len(out.Parse), len(out.Cidr), len(dbs), len(in.Strings), len(in.Valid), len(in.Valid))
	}
	for i, db := range dbs {
		r, err := Open(in.DBs[i].Path)
		if err != nil {
			t.Fatal(err)
		}
		for j, ip := range db.ips {
			if got, want := goCity(r, ip), out.Lookups[i][j]; got != want {
				t.Errorf("%s: city(%q):\n got: %s\nwant: %s", db.name, ip, got, want)
			}
		}
		r.Close()
	}
	mismatches := 0
	for i, s := range in.Strings {
		if got := validIP(s); got != out.IsIP[i] && mismatches < 20 {
			mismatches++
			t.Errorf("validIP(%q) = %v, net.isIP says %v", s, got, out.IsIP[i])
		}
	}
	for i, v := range in.Valid {
		got := parseAddress(v.IP)
		want := make([]byte, len(out.Parse[i]))
		for j, b := range out.Parse[i] {
			want[j] = byte(b)
		}
		if !bytes.Equal(got, want) && mismatches < 20 {
			mismatches++
			t.Errorf("parseAddress(%q) = %v, mmdb-lib says %v", v.IP, got, want)
		}
		for j, p := range v.Prefixes {
			if got := toCIDR(v.IP, p); got != out.Cidr[i][j] && mismatches < 20 {
				mismatches++
				t.Errorf("toCIDR(%q, %d) = %q, geoip2-node says %q", v.IP, p, got, out.Cidr[i][j])
			}
		}
	}
	t.Logf("compared %d lookups, %d address strings (%d valid)", countLookups(dbs), len(in.Strings), len(in.Valid))
}

func countLookups(dbs []testDB) int {
	n := 0
	for _, db := range dbs {
		n += len(db.ips)
	}
	return n
}

func runNodeScript(t *testing.T, node, dir string, in nodeInput) nodeOutput {
	t.Helper()
	script := filepath.Join(t.TempDir(), "city.js")
	if err := os.WriteFile(script, []byte(nodeScript), 0o644); err != nil {
		t.Fatal(err)
	}
	input, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script, dir)
	cmd.Stdin = bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var out nodeOutput
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("node output: %v\n%.500s", err, stdout.String())
	}
	return out
}

// goCity renders LocateObject's answer as the Node script does reader.city's.
func goCity(r *Reader, ip string) string {
	o, err := r.LocateObject(context.Background(), ip)
	switch {
	case errors.Is(err, ErrInvalidIP):
		return "!ValueError"
	case errors.Is(err, errRecordShape):
		return "!TypeError"
	case err != nil:
		return "!" + err.Error()
	case o == nil:
		return "!AddressNotFoundError"
	}
	b, err := ojson.Marshal(o)
	if err != nil {
		return "!" + err.Error()
	}
	return string(b)
}

// addressStrings returns strings near and in the IP address syntax: every lookup address of the
// test databases, and a deterministic sample of generated IPv4 and IPv6 forms with zero
// compression, embedded IPv4, zone identifiers and small mistakes.
func addressStrings() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range oddIPs {
		add(s)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(s string) byte { return s[rng.IntN(len(s))] }
	decimal := func() string {
		switch rng.IntN(8) {
		case 0:
			return strconv.Itoa(rng.IntN(1000))
		case 1:
			return "0" + strconv.Itoa(rng.IntN(100))
		case 2:
			return ""
		}
		return strconv.Itoa(rng.IntN(256))
	}
	v4 := func() string {
		n := 4
		if rng.IntN(10) == 0 {
			n = 3 + rng.IntN(3)
		}
		parts := make([]string, n)
		for i := range parts {
			parts[i] = decimal()
		}
		return strings.Join(parts, ".")
	}
	group := func() string {
		n := 1 + rng.IntN(4)
		if rng.IntN(20) == 0 {
			n = 5
		}
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(pick("0123456789abcdefABCDEF000000"))
		}
		if rng.IntN(40) == 0 {
			b.WriteByte(pick("gx-+"))
		}
		return b.String()
	}
	for i := 0; i < 1500; i++ {
		add(v4())
	}
	for i := 0; i < 3500; i++ {
		n := rng.IntN(9)
		groups := make([]string, n)
		for j := range groups {
			groups[j] = group()
			if rng.IntN(3) == 0 {
				groups[j] = "0"
			}
		}
		if n > 0 && rng.IntN(4) == 0 {
			groups[n-1] = v4()
		}
		var s string
		if rng.IntN(3) > 0 {
			at := rng.IntN(n + 1)
			s = strings.Join(groups[:at], ":") + "::" + strings.Join(groups[at:], ":")
		} else {
			s = strings.Join(groups, ":")
		}
		if rng.IntN(6) == 0 {
			zone := make([]byte, rng.IntN(8))
			for j := range zone {
				zone[j] = pick("abcxyz0123456789-.:%_AZ")
			}
			s += "%" + string(zone)
		}
		add(s)
	}
	slices.Sort(out[len(oddIPs):])
	return out
}
