package vm

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// evalModuleBody runs body as the body of an async function inside processEvent and returns
// what it returned, as JSON.
func evalModuleBody(t testing.TB, body string, opts Options) (string, error) {
	t.Helper()
	p, err := Compile("index.js", []byte("export async function processEvent(e) {\n"+
		"e.properties.out = await (async () => {\n"+body+"\n})()\nreturn e\n}"))
	require.NoError(t, err)
	in, err := New(context.Background(), p, opts)
	require.NoError(t, err)
	return callModuleBody(t, in)
}

func callModuleBody(t testing.TB, in *Instance) (string, error) {
	t.Helper()
	ev, err := ojson.ParseObject([]byte(`{"event":"e","properties":{}}`))
	require.NoError(t, err)
	res, err := in.CallEvent(context.Background(), "processEvent", ev)
	if err != nil {
		return "", err
	}
	props, _ := res.Value.(*ojson.Object).Get("properties")
	out, _ := props.(*ojson.Object).Get("out")
	b, err := ojson.Marshal(out)
	require.NoError(t, err)
	return string(b), nil
}

func mustEvalBody(t testing.TB, body string) string {
	t.Helper()
	out, err := evalModuleBody(t, body, Options{Timeout: 10 * time.Second})
	require.NoError(t, err)
	return out
}

func TestCryptoDigestsMatchGo(t *testing.T) {
	input := "plugchain ünïcode ✓"
	for alg, h := range map[string]func() hash.Hash{
		"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New,
		"sha384": sha512.New384, "sha512": sha512.New,
	} {
		w := h()
		w.Write([]byte(input))
		want := `"` + hex.EncodeToString(w.Sum(nil)) + `"`
		got := mustEvalBody(t, `return require('crypto').createHash('`+alg+`').update('`+input+`').digest('hex')`)
		assert.Equal(t, want, got, alg)

		m := hmac.New(h, []byte("key"))
		m.Write([]byte(input))
		want = `"` + hex.EncodeToString(m.Sum(nil)) + `"`
		got = mustEvalBody(t, `return require('crypto').createHmac('`+alg+`', 'key').update('`+input+`').digest('hex')`)
		assert.Equal(t, want, got, "hmac "+alg)
	}
}

func TestCryptoDigestForms(t *testing.T) {
	out := mustEvalBody(t, `
		const c = require('crypto')
		const d = c.createHash('sha256').update('a')
		const copy = d.copy()
		const buf = d.digest()
		let again
		try { d.digest() } catch (e) { again = e.code + ' ' + e.message + ' ' + String(e) }
		return [buf.length, copy.digest('base64url'), again, c.createHash('SHA1').update('YQ==', 'base64').digest('hex')]`)
	assert.Equal(t, `[32,"ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs","ERR_CRYPTO_HASH_FINALIZED Digest already called Error [ERR_CRYPTO_HASH_FINALIZED]: Digest already called","86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"]`, out)
}

func TestCryptoRandomness(t *testing.T) {
	out := mustEvalBody(t, `
		const c = require('crypto')
		const a = c.randomBytes(32).toString('hex'), b = c.randomBytes(32).toString('hex')
		const viaCallback = await new Promise((resolve, reject) => c.randomBytes(5, (err, buf) => err ? reject(err) : resolve(buf.length)))
		const n = await new Promise((resolve) => c.randomInt(7, (err, v) => resolve(v)))
		return [a !== b, a.length, viaCallback, n >= 0 && n < 7, c.randomUUID()]`)
	assert.Regexp(t, regexp.MustCompile(`^\[true,64,5,true,"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"\]$`), out)
}

func TestCryptoCallbackThrowFailsCall(t *testing.T) {
	_, err := evalModuleBody(t, `
		require('crypto').randomBytes(1, () => { throw new Error('from callback') })
		await new Promise((resolve) => setTimeout(resolve, 20))
		return 1`, Options{Timeout: 5 * time.Second})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "from callback")
}

func TestCryptoRandomBelowIsUniform(t *testing.T) {
	var counts [3]int
	for i := 0; i < 3000; i++ {
		counts[randomBelow(3)]++
	}
	for _, c := range counts {
		assert.InDelta(t, 1000, c, 200)
	}
}

func BenchmarkCreateHashHex(b *testing.B) {
	p, err := Compile("index.js", []byte(`const { createHash } = require('crypto')
		export function processEvent(e) {
			e.properties.h = createHash('sha256').update(e.properties.email).digest('hex')
			return e
		}`))
	require.NoError(b, err)
	in, err := New(context.Background(), p, Options{})
	require.NoError(b, err)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ev, _ := ojson.ParseObject([]byte(`{"properties":{"email":"someone@example.com"}}`))
		if _, err := in.CallEvent(context.Background(), "processEvent", ev); err != nil {
			b.Fatal(err)
		}
	}
}

func mustMarshalJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := ojson.Marshal(v)
	require.NoError(t, err)
	return b
}
