package ojson

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAndMarshalLikeJavaScript(t *testing.T) {
	cases := []struct{ in, out string }{
		{`{"b":1,"a":2}`, `{"b":1,"a":2}`},
		{`{"b":1,"10":2,"2":3,"a":4,"01":5,"-1":6}`, `{"2":3,"10":2,"b":1,"a":4,"01":5,"-1":6}`},
		{`{"a":1,"b":2,"a":3}`, `{"a":3,"b":2}`},
		{`{"4294967295":1,"4294967294":2}`, `{"4294967294":2,"4294967295":1}`},
		{`[1.0, -0, 1e21, 1e-7, 123456789012345680000, 0.1, 1E400, -1e-400]`, `[1,0,1e+21,1e-7,123456789012345680000,0.1,null,0]`},
		{`"\u00e9\ud83d\ude00\u2028<>&\u0001\/"`, `"é😀` + "\u2028" + `<>&\u0001/"`},
		// Lone surrogates stay, as JSON.stringify(JSON.parse(s)) keeps them.
		{`"\ud800x"`, `"\ud800x"`},
		{`"a\udc00"`, `"a\udc00"`},
		{`"\ude00\ud83d"`, `"\ude00\ud83d"`},
		{`"\ud83d\ud83d\ude00"`, `"\ud83d😀"`},
		{`"\uD83D\uDE00 \uDBFF"`, `"😀 \udbff"`},
		{`{"k\ud800":"v\ud800"}`, `{"k` + "\ufffd" + `":"v\ud800"}`}, // not in keys: see parser.key
		// Invalid UTF-8 in the input: one U+FFFD per maximal invalid subpart, as Node decodes
		// it; WTF-8 bytes in the input are invalid UTF-8, not lone surrogates.
		{"\"a\xe2\x82b\xffc\"", "\"a\ufffdb\ufffdc\""},
		{"\"\xed\xa0\xbd\"", "\"\ufffd\ufffd\ufffd\""},
		{` {"nested":{"x":[true,false,null,{}]}} `, `{"nested":{"x":[true,false,null,{}]}}`},
		{`"tab\tnl\nq\"bs\\"`, `"tab\tnl\nq\"bs\\"`},
	}
	for _, tc := range cases {
		v, err := Parse([]byte(tc.in))
		require.NoError(t, err, tc.in)
		b, err := Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, tc.out, string(b), tc.in)
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]string{
		``:          "invalid JSON at offset 0: unexpected end of input",
		`{"a":1,}`:  `invalid JSON at offset 7: expected a string key, got '}'`,
		`[1,]`:      `invalid JSON at offset 3: unexpected ']'`,
		`{"a" 1}`:   `invalid JSON at offset 5: expected ':' after an object key, got '1'`,
		`01`:        `invalid JSON at offset 1: unexpected '1' after the value`,
		`"abc`:      `invalid JSON at offset 0: unterminated string`,
		"\"a\nb\"":  `invalid JSON at offset 2: control character 0x0a in a string`,
		`{"a":1} x`: `invalid JSON at offset 8: unexpected 'x' after the value`,
		`nul`:       `invalid JSON at offset 0: unexpected 'n'`,
		`"\x"`:      `invalid JSON at offset 2: bad escape \x`,
		`1.`:        `invalid JSON at offset 2: no digits after a decimal point`,
		`NaN`:       `invalid JSON at offset 0: unexpected 'N'`,
	}
	for in, want := range cases {
		_, err := Parse([]byte(in))
		require.Error(t, err, in)
		assert.Equal(t, want, err.Error(), in)
	}
	_, err := ParseObject([]byte(`[1]`))
	assert.EqualError(t, err, "invalid JSON at offset 0: expected a JSON object, got array")
}

func TestObjectEditing(t *testing.T) {
	o := NewObject(0)
	for i := 0; i < 20; i++ {
		o.Set(string(rune('a'+i)), i)
	}
	o.Set("5", true)
	o.Set("3", true)
	assert.True(t, o.Delete("c"))
	assert.False(t, o.Delete("c"))
	o.Set("a", "first")
	b, _ := Marshal(o)
	assert.Equal(t, `{"3":true,"5":true,"a":"first","b":1,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"j":9,"k":10,"l":11,"m":12,"n":13,"o":14,"p":15,"q":16,"r":17,"s":18,"t":19}`, string(b))
	v, ok := o.Get("t")
	assert.True(t, ok)
	assert.Equal(t, 19.0, v)
	c := o.Clone()
	c.Set("a", "changed")
	s, _ := o.GetString("a")
	assert.Equal(t, "first", s)
	assert.Equal(t, 21, c.Len())
	o.Set("m", map[string]any{"z": 1, "y": []string{"x"}})
	b, _ = Marshal(o.Map()["m"])
	assert.Equal(t, `{"y":["x"],"z":1}`, string(b))
}

func TestNumbersMatchJavaScript(t *testing.T) {
	// Expected strings are what Node prints for String(n).
	cases := map[float64]string{
		0: "0", math.Copysign(0, -1): "0", 1: "1", -1.5: "-1.5", 0.000001: "0.000001", 1e-7: "1e-7",
		1e20: "100000000000000000000", 1e21: "1e+21", 1.7976931348623157e308: "1.7976931348623157e+308",
		5e-324: "5e-324", 9007199254740993: "9007199254740992", 0.30000000000000004: "0.30000000000000004",
		123e-20: "1.23e-18", -2e-7: "-2e-7",
	}
	for f, want := range cases {
		assert.Equal(t, want, string(AppendNumber(nil, f)), "%v", f)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"event":"$pageview","properties":{"$current_url":"https://x.y/?a=1","n":1.5e3,"a":[1,null,true]}}`,
		`{"2":1,"1":2,"b":{"c":"\u00e9"}}`, `[]`, `"\ud83d\ude00"`, `-0.0e-5`, `{"a":{"a":{"a":[[[]]]}}}`,
		`{"a":1,"a":2}`, "\"\\u0000\"", `1e999`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			if json.Valid(data) {
				t.Fatalf("rejected valid JSON %q: %v", data, err)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		// Encoding then decoding is stable.
		b, err := Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		v2, err := Parse(b)
		if err != nil {
			t.Fatalf("cannot parse own output %q: %v", b, err)
		}
		b2, _ := Marshal(v2)
		if string(b) != string(b2) {
			t.Fatalf("unstable: %q then %q", b, b2)
		}
	})
}

func TestConcurrentReadsOfLargeObjects(t *testing.T) {
	o := NewObject(0)
	for i := 0; i < 3*indexThreshold; i++ {
		o.Set(fmt.Sprintf("key%d", i), i)
	}
	c := o.Clone()
	c.Delete("key0")
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1; i < 3*indexThreshold; i++ {
				v, ok := c.Get(fmt.Sprintf("key%d", i))
				assert.True(t, ok)
				assert.Equal(t, float64(i), v)
			}
		}()
	}
	wg.Wait()
}

func TestAppendOrdered(t *testing.T) {
	src := NewObject(0)
	for i := 0; i < 40; i++ {
		src.Set(fmt.Sprint(39-i), i) // index keys: Set sorts them
	}
	src.Set("b", 1)
	src.Set("a", 2)
	c := NewObject(src.Len())
	for i := 0; i < src.Len(); i++ {
		k, v := src.At(i)
		c.AppendOrdered(k, v)
	}
	assert.Equal(t, src.Keys(), c.Keys())
	// The copy behaves like an object built with Set: lookups (indexed past 32 keys) and
	// later inserts of index keys land where JavaScript puts them.
	v, ok := c.Get("a")
	assert.True(t, ok)
	assert.Equal(t, float64(2), v)
	c.Set("40", "x")
	assert.Equal(t, "40", c.Keys()[40])
	assert.Equal(t, "b", c.Keys()[41])
}

// Objects are built as JSON.parse builds them, small or large: index keys first in numeric
// order, other keys in first-seen order, a repeated key in its first place with its last value.
func TestParseKeyOrderAndDuplicates(t *testing.T) {
	for _, n := range []int{5, 40, 2000} {
		var b strings.Builder
		b.WriteString(`{"z":0`)
		for i := n; i >= 1; i-- {
			fmt.Fprintf(&b, `,"%d":%d,"k%d":%d`, i, i, i, i)
		}
		b.WriteString(`,"z":"last","3":"three","01":"not an index"}`)
		o, err := ParseObject([]byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if o.Len() != 2*n+2 {
			t.Fatalf("n=%d: %d keys, want %d", n, o.Len(), 2*n+2)
		}
		for i := 0; i < n; i++ {
			if k, _ := o.At(i); k != strconv.Itoa(i+1) {
				t.Fatalf("n=%d: key %d is %q, want index keys first, ascending", n, i, k)
			}
		}
		if k, v := o.At(n); k != "z" || v != "last" {
			t.Fatalf("n=%d: first non-index key is %q=%v, want z=last", n, k, v)
		}
		if k, _ := o.At(n + 1); k != "k"+strconv.Itoa(n) {
			t.Fatalf("n=%d: then %q", n, k)
		}
		if k, _ := o.At(o.Len() - 1); k != "01" {
			t.Fatalf("n=%d: last key %q, want 01", n, k)
		}
		if v, _ := o.Get("3"); v != "three" {
			t.Fatalf("n=%d: 3=%v, want the last value", n, v)
		}
		if v, _ := o.Get(fmt.Sprintf("k%d", n/2+1)); v != float64(n/2+1) {
			t.Fatalf("n=%d: lookup after parsing gave %v", n, v)
		}
	}
}

// BenchmarkParseIndexKeys parses an object with 40,000 index keys in descending order, which
// once took a minute (quadratic insertion).
func BenchmarkParseIndexKeys(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("{")
	for i := 40000; i >= 1; i-- {
		if i < 40000 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `"%d":0`, i)
	}
	sb.WriteString("}")
	data := []byte(sb.String())
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseObject(data); err != nil {
			b.Fatal(err)
		}
	}
}

// parsedWithRoom parses js as the parser parses an event's properties, leaving room for more
// keys.
func parsedWithRoom(t *testing.T, js string) *Object {
	t.Helper()
	o, err := ParseObject([]byte(`{"properties":` + js + `}`))
	require.NoError(t, err)
	inner, ok := o.GetObject("properties")
	require.True(t, ok)
	require.Greater(t, cap(inner.entries), inner.Len(), "no room")
	return inner
}

// TestExtendKeepsObjectsIndependent checks that objects sharing a backing array through
// Extend never see each other's changes, whichever of them changes first and however.
func TestExtendKeepsObjectsIndependent(t *testing.T) {
	js := func(o *Object) string {
		b, err := Marshal(o)
		require.NoError(t, err)
		return string(b)
	}
	parse := func() *Object { return parsedWithRoom(t, `{"a":1,"b":2}`) }
	changes := map[string]func(o *Object){
		"append":       func(o *Object) { o.AppendNew("x", "x") },
		"set new":      func(o *Object) { o.Set("y", "y") },
		"set existing": func(o *Object) { o.Set("a", "changed") },
		"set at":       func(o *Object) { o.SetAt(0, "changed") },
		"delete":       func(o *Object) { o.Delete("a") },
		"truncate":     func(o *Object) { o.Truncate(1) },
		"index key":    func(o *Object) { o.Set("3", "three") },
		"ordered":      func(o *Object) { o.AppendOrdered("z", "z") },
		"many appends": func(o *Object) {
			for i := range 10 {
				o.AppendNew("k"+strconv.Itoa(i), float64(i))
			}
		},
	}
	for first, f := range changes {
		for second, g := range changes {
			t.Run(first+" then "+second, func(t *testing.T) {
				base := parse()
				c1 := base.Extend(2)
				c2 := base.Extend(2)
				f(c1)
				want1 := js(c1)
				g(c2)
				want2 := js(c2)
				f(base)
				assert.Equal(t, want1, js(base), "the base, changed like the first extension")
				assert.Equal(t, want1, js(c1), "the first extension changed when others did")
				assert.Equal(t, want2, js(c2), "the second extension changed when others did")

				// An extension of an extension, then the one it extends changing.
				c3 := c1.Extend(1)
				g(c3)
				want3 := js(c3)
				g(c1)
				f(c1)
				assert.Equal(t, want3, js(c3))
			})
		}
	}
}

// TestExtendSharesOnlyWhenItCan checks that Extend appends in the base's spare room when it
// is free, and copies when another object took it or there is none.
func TestExtendSharesOnlyWhenItCan(t *testing.T) {
	base := parsedWithRoom(t, `{"a":1}`)
	c1 := base.Extend(1)
	c1.AppendNew("b", 2.0)
	assert.Same(t, &base.entries[:cap(base.entries)][1], &c1.entries[1], "the first extension appends in the base's room")
	c2 := base.Extend(1)
	c2.AppendNew("c", 3.0)
	assert.NotSame(t, &c1.entries[0], &c2.entries[0], "the room was taken: the second extension copies")
	assert.Equal(t, `{"a":1,"b":2}`, string(must(Marshal(c1))))
	assert.Equal(t, `{"a":1,"c":3}`, string(must(Marshal(c2))))

	full := NewObject(1)
	full.Set("a", 1)
	c3 := full.Extend(1)
	assert.Nil(t, c3.tail.Load(), "no room: a copy")
}

// TestExtendConcurrently extends and changes one object from several goroutines (run with
// -race): each goroutine sees only its own keys.
func TestExtendConcurrently(t *testing.T) {
	base := parsedWithRoom(t, `{"a":1,"b":2,"c":3}`)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				c := base.Extend(2)
				k := fmt.Sprintf("g%d_%d", g, i)
				c.AppendNew(k, float64(i))
				c.AppendNew(k+"b", float64(i))
				assert.Equal(t, fmt.Sprintf(`{"a":1,"b":2,"c":3,%q:%d,%q:%d}`, k, i, k+"b", i), string(must(Marshal(c))))
				d := c.Extend(1)
				d.Set("a", 0.0)
				assert.Equal(t, 1.0, must(c.Get("a")))
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, `{"a":1,"b":2,"c":3}`, string(must(Marshal(base))))
}

func must[T any](v T, _ ...any) T { return v }

type modelEntry struct {
	k string
	v float64
}

func entriesOf(o *Object) []modelEntry {
	out := []modelEntry{}
	for i := range o.Len() {
		k, v := o.At(i)
		out = append(out, modelEntry{k, v.(float64)})
	}
	return out
}

// TestObjectsMatchAModel runs random changes on objects that share backing arrays
// (Extend, ShallowClone) and checks each against a plain model after every step: its keys
// in order, and Get of every key, present or absent (the key bits skip absent ones).
func TestObjectsMatchAModel(t *testing.T) {
	universe := []string{"a", "b", "zz", "toJSON"}
	for i := range 8 {
		universe = append(universe, "k"+strconv.Itoa(i))
	}
	for seed := int64(0); seed < 300; seed++ {
		r := rand.New(rand.NewSource(seed))
		base := parsedWithRoom(t, `{"a":1,"b":2}`)
		objs := []*Object{base}
		models := [][]modelEntry{entriesOf(base)}
		for step := range 60 {
			i := r.Intn(len(objs))
			o, m := objs[i], slices.Clone(models[i])
			switch r.Intn(10) {
			case 0, 1:
				objs = append(objs, o.Extend(r.Intn(3)))
				models = append(models, m)
			case 2, 3:
				k, v := universe[r.Intn(len(universe))], float64(r.Intn(100))
				o.Set(k, v)
				j := slices.IndexFunc(m, func(e modelEntry) bool { return e.k == k })
				if j >= 0 {
					m[j].v = v
				} else {
					m = append(m, modelEntry{k, v})
				}
			case 4:
				if o.Len() > 0 {
					j := r.Intn(o.Len())
					k, _ := o.At(j)
					o.Delete(k)
					m = slices.Delete(m, j, j+1)
				}
			case 5:
				n := r.Intn(o.Len() + 1)
				o.Truncate(n)
				m = m[:n]
			case 6:
				if o.Len() > 0 {
					j, v := r.Intn(o.Len()), float64(r.Intn(100))
					o.SetAt(j, v)
					m[j].v = v
				}
			case 7:
				objs = append(objs, o.ShallowClone(r.Intn(2)))
				models = append(models, m)
			case 8:
				k := "n" + strconv.Itoa(step)
				o.AppendNew(k, float64(step))
				m = append(m, modelEntry{k, float64(step)})
			case 9:
				// Past the size from which objects keep an index.
				for n := range indexThreshold + 2 {
					k := fmt.Sprintf("w%d_%d", step, n)
					if !o.Has(k) {
						o.AppendOrdered(k, float64(n))
						m = append(m, modelEntry{k, float64(n)})
					}
				}
			}
			models[i] = m
			for j, o := range objs {
				require.Equal(t, models[j], entriesOf(o), "seed %d step %d object %d", seed, step, j)
				for _, k := range universe {
					v, ok := o.Get(k)
					at := slices.IndexFunc(models[j], func(e modelEntry) bool { return e.k == k })
					require.Equal(t, at >= 0, ok, "seed %d step %d object %d: Get(%q)", seed, step, j, k)
					if ok {
						require.Equal(t, models[j][at].v, v)
					}
				}
			}
		}
	}
}

// TestPlainRunMatchesByteScan checks the eight-bytes-at-a-time scan against a byte loop,
// with every byte class the scan tells apart at every position.
func TestPlainRunMatchesByteScan(t *testing.T) {
	special := []byte{0x00, 0x1f, 0x20, 0x21, '"', '#', '[', '\\', ']', 0x7e, 0x7f, 0x80, 0xc3, 0xff}
	slow := func(d []byte, i int) int {
		for i < len(d) && plainByte[d[i]] {
			i++
		}
		return i
	}
	r := rand.New(rand.NewSource(1))
	for n := range 40 {
		for pos := range n {
			for _, c := range special {
				d := randomLetters(r, n)
				d[pos] = c
				if r.Intn(3) == 0 { // sometimes a second special byte later on
					d[pos+r.Intn(n-pos)] = special[r.Intn(len(special))]
				}
				for start := range min(n, 9) {
					require.Equal(t, slow(d, start), plainRun(d, start), "%q from %d", d, start)
				}
			}
		}
	}
}

// TestAppendStringMatchesByteLoop checks AppendString, which skips plain runs eight bytes at
// a time, against escaping byte by byte, with escapes, control bytes, valid and invalid UTF-8
// at every position.
func TestAppendStringMatchesByteLoop(t *testing.T) {
	slow := func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range s { // invalid bytes come out as U+FFFD, one per byte
			switch {
			case r == '"':
				b.WriteString(`\"`)
			case r == '\\':
				b.WriteString(`\\`)
			case r == '\b':
				b.WriteString(`\b`)
			case r == '\f':
				b.WriteString(`\f`)
			case r == '\n':
				b.WriteString(`\n`)
			case r == '\r':
				b.WriteString(`\r`)
			case r == '\t':
				b.WriteString(`\t`)
			case r < 0x20:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	pieces := []string{"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "é", "€", "𝄞", "\xff", "\xe2\x82", " "}
	r := rand.New(rand.NewSource(2))
	for n := range 30 {
		for pos := range n {
			for _, p := range pieces {
				b := randomLetters(r, n)
				s := string(b[:pos]) + p + string(b[pos:])
				if r.Intn(2) == 0 {
					s += pieces[r.Intn(len(pieces))] + "tail"
				}
				require.Equal(t, slow(s), string(AppendString(nil, s)), "%q", s)
			}
		}
	}
}

// randomLetters returns n random lowercase letters.
func randomLetters(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + r.Intn(26))
	}
	return b
}

// TestIntegersParseAsParseFloat checks the parser's shortcut for short integers against
// strconv.ParseFloat, around the 15-digit limit and with fractions and exponents after them.
func TestIntegersParseAsParseFloat(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for range 5000 {
		digits := 1 + r.Intn(18)
		lit := strconv.Itoa(1 + r.Intn(9))
		for range digits - 1 {
			lit += strconv.Itoa(r.Intn(10))
		}
		if r.Intn(2) == 0 {
			lit = "-" + lit
		}
		switch r.Intn(4) {
		case 0:
			lit += ".5"
		case 1:
			lit += "e3"
		}
		want, err := strconv.ParseFloat(lit, 64)
		require.NoError(t, err)
		got, err := Parse([]byte(`[` + lit + `]`))
		require.NoError(t, err, lit)
		require.Equal(t, want, got.([]any)[0], lit)
	}
}

// TestInternHashUsesEveryByte checks that changing any one byte of a string moves it to
// another intern slot (but for the rare chance collision): keys that differ in one byte
// (prop_1, prop_2, ...) must not all share a slot pair and evict each other.
func TestInternHashUsesEveryByte(t *testing.T) {
	const slots = len(internCache{}) - 1
	same, flips := 0, 0
	for n := 1; n <= maxInternedKey; n++ {
		b := []byte(strings.Repeat("$feature/flag-a_prop_1", 2)[:n])
		h := internHash(b) & uint64(slots)
		for i := range b {
			c := b[i]
			for _, x := range []byte{1, 2, 4, 0x40} {
				b[i] = c ^ x
				if internHash(b)&uint64(slots) == h {
					same++
				}
				flips++
			}
			b[i] = c
		}
	}
	// A good hash keeps about flips/1024 (under 4 here) in the same slot.
	assert.Less(t, same, 20, "%d of %d one-byte changes kept the slot", same, flips)
}

// TestParsedValuesOwnTheirMemory checks that parsed values share memory neither with the
// input nor with each other: the input is overwritten, and every array and object is
// appended to, without any other value changing.
func TestParsedValuesOwnTheirMemory(t *testing.T) {
	src := `{"id":"018f7a3c-6a01-7000-8000-000000000001","n":1234567.25,"big":12345678901,` +
		`"esc":"tab\there \u00e9 \ud83d\ude00","utf":"héllo wörld, a long string of text",` +
		`"a":[1,"two",[3.5,"four"],{"five":5}],"b":["x","y"],"o":{"p":{"q":"r"},"s":[]},"e":{}}`
	data := []byte(src)
	v, err := Parse(data)
	require.NoError(t, err)
	want := string(must(Marshal(v)))
	for i := range data {
		data[i] = 'x'
	}
	runtime.GC()
	require.Equal(t, want, string(must(Marshal(v))), "the parsed value changed with its input")

	// Grow every array and object in turn, innermost first (a grown array is a new slice, which
	// its parent must hold before it grows in turn): the others must not change.
	var grow []func()
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case *Object:
			for i := range v.Len() {
				_, val := v.At(i)
				walk(val)
				if inner, ok := val.([]any); ok {
					grow = append(grow, func() { v.SetAt(i, append(inner, "added")) })
				}
			}
			grow = append(grow, func() { v.AppendNew("added", "z") })
		case []any:
			for i, e := range v {
				walk(e)
				if inner, ok := e.([]any); ok {
					grow = append(grow, func() { v[i] = append(inner, "added") })
				}
			}
		}
	}
	walk(v)
	require.Len(t, grow, 9)
	got := want
	for _, g := range grow {
		g()
		next := string(must(Marshal(v)))
		require.Equal(t, 1, strings.Count(next, `"added"`)-strings.Count(got, `"added"`), "one change made one difference:\n%s\n%s", got, next)
		got = next
	}
}

// TestParsedRoomIsWherePluginsAddKeys checks which parsed objects leave room for more keys:
// those under a "properties" key, at any depth (an event alone, or events in a batch), and
// no others.
func TestParsedRoomIsWherePluginsAddKeys(t *testing.T) {
	o, err := ParseObject([]byte(`{"event":"e","properties":{"a":1,"$set":{"b":2}},"batch":[{"properties":{"c":3}}],` +
		`"x":{"properties":"not an object","y":{"z":1}}}`))
	require.NoError(t, err)
	room := func(o *Object) int { return cap(o.entries) - len(o.entries) }
	props, _ := o.GetObject("properties")
	set, _ := props.GetObject("$set")
	batch, _ := o.Get("batch")
	batchProps, _ := batch.([]any)[0].(*Object).GetObject("properties")
	x, _ := o.GetObject("x")
	y, _ := x.GetObject("y")
	assert.Equal(t, cloneSpare, room(props))
	assert.Equal(t, cloneSpare, room(batchProps))
	for name, obj := range map[string]*Object{"top level": o, "$set": set, "x": x, "y (after a non-object properties)": y} {
		assert.Zero(t, room(obj), name)
	}
}
