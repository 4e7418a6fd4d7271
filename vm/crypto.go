package vm

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"crypto/subtle"
	"encoding"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// The crypto module: Node's hashing, HMAC and randomness functions, on Go's crypto packages.
// Hash and Hmac objects are dynamic objects backed by their Go digest state (one small
// allocation, where a plain object carrying the state would take several); they keep the
// own properties plugins give them, as Node's do.

func init() {
	registerModule("crypto", func(in *Instance) (goja.Value, error) {
		return newCryptoModule(in).build(), nil
	})
}

// digestAlg is a message digest createHash and createHmac accept.
type digestAlg struct {
	name string // canonical name
	new  func() hash.Hash
	xof  int // default output length of an extendable-output function (SHAKE); 0 otherwise
	// pool recycles the states of finished Hash objects: most plugins hash once per event.
	pool sync.Pool
}

// get returns a fresh hash state.
func (a *digestAlg) get() hash.Hash {
	if h, ok := a.pool.Get().(hash.Hash); ok {
		return h
	}
	return a.new()
}

// put recycles a hash state nothing refers to any more.
func (a *digestAlg) put(h hash.Hash) {
	h.Reset()
	a.pool.Put(h)
}

var (
	algMD5       = &digestAlg{name: "md5", new: md5.New}
	algSHA1      = &digestAlg{name: "sha1", new: sha1.New}
	algSHA224    = &digestAlg{name: "sha224", new: sha256.New224}
	algSHA256    = &digestAlg{name: "sha256", new: sha256.New}
	algSHA384    = &digestAlg{name: "sha384", new: sha512.New384}
	algSHA512    = &digestAlg{name: "sha512", new: sha512.New}
	algSHA512224 = &digestAlg{name: "sha512-224", new: sha512.New512_224}
	algSHA512256 = &digestAlg{name: "sha512-256", new: sha512.New512_256}
	algSHA3224   = &digestAlg{name: "sha3-224", new: func() hash.Hash { return sha3.New224() }}
	algSHA3256   = &digestAlg{name: "sha3-256", new: func() hash.Hash { return sha3.New256() }}
	algSHA3384   = &digestAlg{name: "sha3-384", new: func() hash.Hash { return sha3.New384() }}
	algSHA3512   = &digestAlg{name: "sha3-512", new: func() hash.Hash { return sha3.New512() }}
	algMD5SHA1   = &digestAlg{name: "md5-sha1", new: func() hash.Hash { return &md5sha1{md5.New(), sha1.New()} }}
	algSHAKE128  = &digestAlg{name: "shake128", new: func() hash.Hash { return &shake{sha3.NewSHAKE128(), sha3.NewSHAKE128, 16} }, xof: 16}
	algSHAKE256  = &digestAlg{name: "shake256", new: func() hash.Hash { return &shake{sha3.NewSHAKE256(), sha3.NewSHAKE256, 32} }, xof: 32}
)

// digestNames maps the names OpenSSL accepts (lower-cased: lookups ignore case, as OpenSSL's
// do) to algorithms; listed marks the spellings crypto.getHashes() reports.
var digestNames = map[string]*digestAlg{}

// listedDigests is what crypto.getHashes() returns: Node's list, less the digests Go lacks
// (RIPEMD-160, BLAKE2, SM3).
var listedDigests []string

func init() {
	add := func(a *digestAlg, listed []string, aliases ...string) {
		for _, n := range listed {
			digestNames[strings.ToLower(n)] = a
			listedDigests = append(listedDigests, n)
		}
		for _, n := range aliases {
			digestNames[n] = a
		}
	}
	add(algMD5, []string{"RSA-MD5", "md5", "md5WithRSAEncryption", "ssl3-md5"})
	add(algSHA1, []string{"RSA-SHA1", "RSA-SHA1-2", "sha1", "sha1WithRSAEncryption", "ssl3-sha1"}, "sha-1")
	add(algSHA224, []string{"RSA-SHA224", "sha224", "sha224WithRSAEncryption"}, "sha-224", "sha2-224")
	add(algSHA256, []string{"RSA-SHA256", "sha256", "sha256WithRSAEncryption"}, "sha-256", "sha2-256")
	add(algSHA384, []string{"RSA-SHA384", "sha384", "sha384WithRSAEncryption"}, "sha-384", "sha2-384")
	add(algSHA512, []string{"RSA-SHA512", "sha512", "sha512WithRSAEncryption"}, "sha-512", "sha2-512")
	add(algSHA512224, []string{"RSA-SHA512/224", "sha512-224", "sha512-224WithRSAEncryption"}, "sha-512/224", "sha2-512/224")
	add(algSHA512256, []string{"RSA-SHA512/256", "sha512-256", "sha512-256WithRSAEncryption"}, "sha-512/256", "sha2-512/256")
	add(algSHA3224, []string{"RSA-SHA3-224", "id-rsassa-pkcs1-v1_5-with-sha3-224", "sha3-224"})
	add(algSHA3256, []string{"RSA-SHA3-256", "id-rsassa-pkcs1-v1_5-with-sha3-256", "sha3-256"})
	add(algSHA3384, []string{"RSA-SHA3-384", "id-rsassa-pkcs1-v1_5-with-sha3-384", "sha3-384"})
	add(algSHA3512, []string{"RSA-SHA3-512", "id-rsassa-pkcs1-v1_5-with-sha3-512", "sha3-512"})
	add(algMD5SHA1, []string{"md5-sha1"})
	add(algSHAKE128, []string{"shake128"})
	add(algSHAKE256, []string{"shake256"})
	sort.Strings(listedDigests) // OpenSSL's order: byte-wise
}

func lookupDigest(name string) *digestAlg {
	if a, ok := digestNames[name]; ok {
		return a
	}
	return digestNames[strings.ToLower(name)]
}

// md5sha1 is OpenSSL's MD5-SHA1: both digests, concatenated.
type md5sha1 struct{ m, s hash.Hash }

func (h *md5sha1) Write(p []byte) (int, error) { h.m.Write(p); return h.s.Write(p) }
func (h *md5sha1) Sum(b []byte) []byte         { return h.s.Sum(h.m.Sum(b)) }
func (h *md5sha1) Reset()                      { h.m.Reset(); h.s.Reset() }
func (h *md5sha1) Size() int                   { return md5.Size + sha1.Size }
func (h *md5sha1) BlockSize() int              { return h.m.BlockSize() }
func (h *md5sha1) Clone() (hash.Cloner, error) {
	m, err := cloneHash(h.m)
	if err != nil {
		return nil, err
	}
	s, err := cloneHash(h.s)
	if err != nil {
		return nil, err
	}
	return &md5sha1{m, s}, nil
}

// shake adapts a SHAKE function to hash.Hash with a fixed output length.
type shake struct {
	x    *sha3.SHAKE
	new  func() *sha3.SHAKE
	size int
}

func (h *shake) Write(p []byte) (int, error) { return h.x.Write(p) }
func (h *shake) Reset()                      { h.x.Reset() }
func (h *shake) Size() int                   { return h.size }
func (h *shake) BlockSize() int              { return h.x.BlockSize() }
func (h *shake) Sum(b []byte) []byte {
	c, err := h.Clone()
	if err != nil {
		panic(err)
	}
	out := make([]byte, h.size)
	_, _ = c.(*shake).x.Read(out)
	return append(b, out...)
}
func (h *shake) Clone() (hash.Cloner, error) {
	st, err := h.x.MarshalBinary()
	if err != nil {
		return nil, err
	}
	x := h.new()
	if err := x.UnmarshalBinary(st); err != nil {
		return nil, err
	}
	return &shake{x, h.new, h.size}, nil
}

// cloneHash copies a hash's running state (for Hash.copy).
func cloneHash(h hash.Hash) (hash.Hash, error) {
	if c, ok := h.(hash.Cloner); ok {
		return c.Clone()
	}
	m, ok := h.(encoding.BinaryMarshaler)
	if !ok {
		return nil, fmt.Errorf("crypto: %T cannot be copied", h)
	}
	st, err := m.MarshalBinary()
	if err != nil {
		return nil, err
	}
	h2 := reflect.New(reflect.TypeOf(h).Elem()).Interface().(hash.Hash)
	if err := h2.(encoding.BinaryUnmarshaler).UnmarshalBinary(st); err != nil {
		return nil, err
	}
	return h2, nil
}

// digestState is a Hash or Hmac object: its digest state, and its own properties (Node's
// objects have _options, plugins may add more).
type digestState struct {
	alg  *digestAlg
	h    hash.Hash
	hmac bool
	done bool

	options   goja.Value // _options
	noOptions bool       // _options was deleted
	props     map[string]goja.Value
	keys      []string // of props, in insertion order
}

var digestStateType = reflect.TypeOf((*digestState)(nil))

func (s *digestState) Get(key string) goja.Value {
	if key == "_options" && !s.noOptions {
		return s.options
	}
	return s.props[key]
}

func (s *digestState) Set(key string, val goja.Value) bool {
	if key == "_options" && !s.noOptions {
		s.options = val
		return true
	}
	if s.props == nil {
		s.props = map[string]goja.Value{}
	}
	if _, ok := s.props[key]; !ok {
		s.keys = append(s.keys, key)
	}
	s.props[key] = val
	return true
}

func (s *digestState) Has(key string) bool {
	if key == "_options" && !s.noOptions {
		return true
	}
	_, ok := s.props[key]
	return ok
}

func (s *digestState) Delete(key string) bool {
	if key == "_options" && !s.noOptions {
		s.noOptions, s.options = true, nil
		return true
	}
	if _, ok := s.props[key]; ok {
		delete(s.props, key)
		for i, k := range s.keys {
			if k == key {
				s.keys = append(s.keys[:i], s.keys[i+1:]...)
				break
			}
		}
	}
	return true
}

func (s *digestState) Keys() []string {
	if s.noOptions {
		return append([]string(nil), s.keys...)
	}
	return append([]string{"_options"}, s.keys...)
}

// cryptoModule holds one instance's crypto prototypes.
type cryptoModule struct {
	in                   *Instance
	rt                   *goja.Runtime
	hashProto, hmacProto *goja.Object
	hashCtor, hmacCtor   *goja.Object
}

func newCryptoModule(in *Instance) *cryptoModule {
	return &cryptoModule{in: in, rt: in.rt}
}

func (m *cryptoModule) build() *goja.Object {
	in, rt := m.in, m.rt
	mod := rt.NewObject()
	set := func(name string, length int, fn func(goja.FunctionCall) goja.Value) {
		_ = mod.Set(name, in.nodeFunc(name, length, fn))
	}

	m.hashProto, m.hashCtor = m.class("Hash", 2, func(call goja.ConstructorCall) *goja.Object {
		return m.newHash(call.Argument(0), call.Argument(1))
	})
	m.hmacProto, m.hmacCtor = m.class("Hmac", 3, func(call goja.ConstructorCall) *goja.Object {
		return m.newHmac(call.Argument(0), call.Argument(1), call.Argument(2))
	})
	method := func(proto *goja.Object, name string, length int, fn func(goja.FunctionCall) goja.Value) {
		_ = proto.DefineDataProperty(name, in.nodeFunc(name, length, fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	method(m.hashProto, "copy", 1, m.copy)
	method(m.hashProto, "update", 2, m.update)
	method(m.hashProto, "digest", 1, m.digest)
	method(m.hmacProto, "update", 2, m.update)
	method(m.hmacProto, "digest", 1, m.digest)

	set("createHash", 2, func(call goja.FunctionCall) goja.Value {
		return m.newHash(call.Argument(0), call.Argument(1))
	})
	set("createHmac", 3, func(call goja.FunctionCall) goja.Value {
		return m.newHmac(call.Argument(0), call.Argument(1), call.Argument(2))
	})
	set("hash", 3, m.oneShotHash)
	set("getHashes", 0, func(goja.FunctionCall) goja.Value {
		names := make([]any, len(listedDigests))
		for i, n := range listedDigests {
			names[i] = n
		}
		return rt.NewArray(names...)
	})
	set("randomBytes", 2, m.randomBytes)
	set("randomUUID", 1, m.randomUUID)
	set("randomInt", 3, m.randomInt)
	set("timingSafeEqual", 2, m.timingSafeEqual)
	set("getRandomValues", 1, m.getRandomValues)
	_ = mod.Set("Hash", m.hashCtor)
	_ = mod.Set("Hmac", m.hmacCtor)
	return mod
}

// class makes a constructor named name that, like Node's Hash and Hmac, also works when
// called without new.
func (m *cryptoModule) class(name string, length int, construct func(goja.ConstructorCall) *goja.Object) (proto, ctor *goja.Object) {
	proto = m.rt.NewObject()
	ctor = m.rt.ToValue(construct).(*goja.Object)
	_ = ctor.DefineDataProperty("name", m.rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("length", m.rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return proto, ctor
}

// nodeFunc makes a native function with the name and length Node's has (goja would name
// it after the Go function).
func (in *Instance) nodeFunc(name string, length int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	f := in.rt.ToValue(fn).(*goja.Object)
	_ = f.DefineDataProperty("name", in.rt.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", in.rt.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

func (m *cryptoModule) wrap(proto *goja.Object, st *digestState, options goja.Value) *goja.Object {
	st.options = options
	obj := m.rt.NewDynamicObject(st)
	_ = obj.SetPrototype(proto)
	return obj
}

// stateOf returns the digest state of a Hash or Hmac object; on anything else it throws
// the TypeError Node's methods throw when called on a foreign object.
func (m *cryptoModule) stateOf(v goja.Value) *digestState {
	if o, ok := v.(*goja.Object); ok && o.ExportType() == digestStateType {
		return o.Export().(*digestState)
	}
	panic(m.in.newError("TypeError", "Cannot read properties of undefined (reading 'Symbol(kFinalized)')"))
}

// outputLength reads options.outputLength as Node's Hash constructor does.
func (m *cryptoModule) outputLength(options goja.Value) (int, bool) {
	o, ok := options.(*goja.Object)
	if !ok {
		return 0, false
	}
	v := o.Get("outputLength")
	if v == nil || goja.IsUndefined(v) {
		return 0, false
	}
	return int(m.in.validateUint32(v, "options.outputLength")), true
}

func (m *cryptoModule) newHash(algorithm, options goja.Value) *goja.Object {
	in := m.in
	name, ok := algorithm.(goja.String)
	if !ok {
		panic(in.nodeArgType("algorithm", "string", algorithm))
	}
	xof, hasXOF := m.outputLength(options)
	alg := lookupDigest(name.String())
	if alg == nil {
		panic(in.newError("Error", "Digest method not supported"))
	}
	st := &digestState{alg: alg, h: alg.get()}
	if hasXOF {
		st.h = m.withOutputLength(st.h, alg, xof)
	}
	return m.wrap(m.hashProto, st, options)
}

// withOutputLength applies options.outputLength: any length for SHAKE, only the digest's own
// size for the others, as OpenSSL does.
func (m *cryptoModule) withOutputLength(h hash.Hash, alg *digestAlg, n int) hash.Hash {
	if alg.xof != 0 {
		s := h.(*shake)
		s.size = n
		return s
	}
	if n != h.Size() {
		e := m.in.plainError("Error", "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH", "error:030000B2:digital envelope routines::not XOF or invalid length")
		_ = e.Set("library", "digital envelope routines")
		_ = e.Set("reason", "not XOF or invalid length")
		panic(e)
	}
	return h
}

func (m *cryptoModule) newHmac(algorithm, key, options goja.Value) *goja.Object {
	in := m.in
	name, ok := algorithm.(goja.String)
	if !ok {
		panic(in.nodeArgType("hmac", "string", algorithm))
	}
	keyEnc := "utf8"
	if o, ok := options.(*goja.Object); ok {
		if e := o.Get("encoding"); e != nil && !goja.IsUndefined(e) {
			if !isStringValue(e) {
				panic(in.nodeArgType("options.encoding", "string", e))
			}
			if enc := encodingOf(e); enc != "" {
				keyEnc = enc
			}
		}
	}
	var k []byte
	if isStringValue(key) {
		k = encodeString(key, keyEnc)
	} else if b, kind := in.binaryArg(key); kind != binaryNone {
		k = append([]byte(nil), b...)
	} else {
		panic(in.nodeArgType("key", []any{"string", "ArrayBuffer", "Buffer", "TypedArray", "DataView", "KeyObject", "CryptoKey"}, key))
	}
	alg := lookupDigest(name.String())
	if alg == nil {
		panic(in.nodeError("TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: "+name.String()))
	}
	if alg.xof != 0 {
		panic(in.newError("Error", "error:00000000:lib(0)::reason(0)"))
	}
	return m.wrap(m.hmacProto, &digestState{alg: alg, h: hmac.New(alg.new, k), hmac: true}, options)
}

func (m *cryptoModule) update(call goja.FunctionCall) goja.Value {
	in := m.in
	st := m.stateOf(call.This)
	if st.done {
		panic(in.nodeError("Error", "ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
	}
	data := call.Argument(0)
	if s, ok := data.(goja.String); ok {
		encArg := call.Argument(1)
		enc := encodingOf(encArg)
		if enc == "hex" && s.Length()%2 != 0 {
			panic(in.codedError("ERR_INVALID_ARG_VALUE", "encoding", encArg, fmt.Sprintf("is invalid for data of length %d", s.Length())))
		}
		st.h.Write(encodeString(s, enc))
	} else if b, kind := in.binaryArg(data); kind == binaryView {
		st.h.Write(b)
	} else {
		panic(in.nodeArgType("data", []any{"string", "Buffer", "TypedArray", "DataView"}, data))
	}
	return call.This
}

func (m *cryptoModule) digest(call goja.FunctionCall) goja.Value {
	in := m.in
	st := m.stateOf(call.This)
	encArg := call.Argument(0)
	if st.done {
		if !st.hmac {
			panic(in.nodeError("Error", "ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
		}
		// Node's Hmac returns an empty result once finalized.
		if encArg.ToBoolean() && !(isStringValue(encArg) && encArg.String() == "buffer") {
			return m.rt.ToValue("")
		}
		return in.newBuffer([]byte{})
	}
	sum := st.h.Sum(nil)
	st.done = true
	if !st.hmac && st.alg.xof == 0 {
		// A digested Hash refuses update, digest and copy: its state can be reused.
		st.alg.put(st.h)
		st.h = nil
	}
	enc := ""
	if encArg.ToBoolean() {
		enc = encodingOps(encArg.String())
	}
	return in.encodeOutput(sum, enc)
}

func (m *cryptoModule) copy(call goja.FunctionCall) goja.Value {
	in := m.in
	st := m.stateOf(call.This)
	if st.done {
		panic(in.nodeError("Error", "ERR_CRYPTO_HASH_FINALIZED", "Digest already called"))
	}
	options := call.Argument(0)
	xof, hasXOF := m.outputLength(options)
	h, err := cloneHash(st.h)
	if err != nil {
		panic(in.jsError(err))
	}
	if hasXOF {
		h = m.withOutputLength(h, st.alg, xof)
	}
	return m.wrap(m.hashProto, &digestState{alg: st.alg, h: h}, options)
}

// oneShotHash is crypto.hash(algorithm, data, outputEncoding = 'hex').
func (m *cryptoModule) oneShotHash(call goja.FunctionCall) goja.Value {
	in := m.in
	algorithm, data, outArg := call.Argument(0), call.Argument(1), call.Argument(2)
	name, ok := algorithm.(goja.String)
	if !ok {
		panic(in.nodeArgType("algorithm", "string", algorithm))
	}
	isStr := isStringValue(data)
	b, kind := in.binaryArg(data)
	if !isStr && kind != binaryView {
		panic(in.nodeArgType("input", []any{"string", "Buffer", "TypedArray", "DataView"}, data))
	}
	enc := "hex"
	if !goja.IsUndefined(outArg) {
		if !isStringValue(outArg) {
			panic(in.nodeArgType("outputEncoding", "string", outArg))
		}
		if enc = encodingOps(outArg.String()); enc == "" && outArg.String() != "buffer" {
			panic(in.codedError("ERR_INVALID_ARG_VALUE", "outputEncoding", outArg))
		}
	}
	alg := lookupDigest(name.String())
	if alg == nil {
		panic(in.newError("Error", "Digest method "+name.String()+" is not supported"))
	}
	h := alg.get()
	if isStr {
		h.Write(encodeString(data, "utf8"))
	} else {
		h.Write(b)
	}
	sum := h.Sum(nil)
	if alg.xof == 0 {
		alg.put(h)
	}
	return in.encodeOutput(sum, enc)
}

// maxRandomBytes is Node's kMaxPossibleLength for randomBytes.
const maxRandomBytes = math.MaxInt32

func (m *cryptoModule) randomBytes(call goja.FunctionCall) goja.Value {
	in := m.in
	size, cb := call.Argument(0), call.Argument(1)
	if !isNumberValue(size) {
		panic(in.nodeArgType("size", "number", size))
	}
	f := size.ToFloat()
	if math.IsNaN(f) || f < 0 || f > maxRandomBytes {
		panic(in.nodeOutOfRange("size", ">= 0 && <= "+strconv.Itoa(maxRandomBytes), size))
	}
	n := int(uint32(int64(f)))
	if goja.IsUndefined(cb) {
		b := make([]byte, n)
		_, _ = rand.Read(b)
		return in.newBuffer(b)
	}
	fn := in.nodeCallbackArg(cb)
	in.startOp(func(context.Context) func() {
		b := make([]byte, n)
		_, _ = rand.Read(b)
		return func() { in.callNodeCallback(fn, goja.Null(), in.newBuffer(b)) }
	})
	return goja.Undefined()
}

func (m *cryptoModule) randomUUID(call goja.FunctionCall) goja.Value {
	in := m.in
	if opts := call.Argument(0); !goja.IsUndefined(opts) {
		o := in.nodeObjectArg(opts, "options")
		if v := o.Get("disableEntropyCache"); v != nil && !goja.IsUndefined(v) {
			if _, ok := v.Export().(bool); !ok {
				panic(in.nodeArgType("options.disableEntropyCache", "boolean", v))
			}
		}
	}
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return m.rt.ToValue(formatUUID(u))
}

// maxRandomIntRange is Node's RAND_MAX for randomInt: 2^48 - 1.
const maxRandomIntRange = 1<<48 - 1

func (m *cryptoModule) randomInt(call goja.FunctionCall) goja.Value {
	in := m.in
	minV, maxV, cb := call.Argument(0), call.Argument(1), call.Argument(2)
	_, maxIsFn := goja.AssertFunction(maxV)
	minNotSpecified := goja.IsUndefined(maxV) || maxV == nil || maxIsFn
	if minNotSpecified {
		cb, maxV, minV = maxV, minV, m.rt.ToValue(0)
	}
	var fn goja.Callable
	if cb != nil && !goja.IsUndefined(cb) {
		fn = in.nodeCallbackArg(cb)
	}
	lo, ok := safeIntegerValue(minV)
	if !ok {
		panic(in.nodeArgType("min", "a safe integer", minV))
	}
	hi, ok := safeIntegerValue(maxV)
	if !ok {
		panic(in.nodeArgType("max", "a safe integer", maxV))
	}
	if hi <= lo {
		panic(in.nodeOutOfRange("max", fmt.Sprintf(`greater than the value of "min" (%d)`, lo), maxV))
	}
	span := hi - lo
	if span > maxRandomIntRange {
		name := "max - min"
		if minNotSpecified {
			name = "max"
		}
		panic(in.nodeOutOfRange(name, "<= "+strconv.Itoa(maxRandomIntRange), m.rt.ToValue(span)))
	}
	if fn == nil {
		return m.rt.ToValue(lo + randomBelow(span))
	}
	in.startOp(func(context.Context) func() {
		n := lo + randomBelow(span)
		return func() { in.callNodeCallback(fn, goja.Null(), m.rt.ToValue(n)) }
	})
	return goja.Undefined()
}

// randomBelow returns a uniformly distributed integer in [0, n), n <= 2^48.
func randomBelow(n int64) int64 {
	limit := uint64(math.MaxUint64) - uint64(math.MaxUint64)%uint64(n)
	var b [8]byte
	for {
		_, _ = rand.Read(b[:])
		if v := binary.LittleEndian.Uint64(b[:]); v < limit {
			return int64(v % uint64(n))
		}
	}
}

func (m *cryptoModule) timingSafeEqual(call goja.FunctionCall) goja.Value {
	in := m.in
	a, ka := in.binaryArg(call.Argument(0))
	if ka == binaryNone {
		panic(in.plainError("TypeError", "ERR_INVALID_ARG_TYPE", `The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`))
	}
	b, kb := in.binaryArg(call.Argument(1))
	if kb == binaryNone {
		panic(in.plainError("TypeError", "ERR_INVALID_ARG_TYPE", `The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`))
	}
	if len(a) != len(b) {
		panic(in.plainError("RangeError", "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length"))
	}
	return m.rt.ToValue(subtle.ConstantTimeCompare(a, b) == 1)
}

// getRandomValues is Web Crypto's: integer typed arrays only, at most 65536 bytes.
func (m *cryptoModule) getRandomValues(call goja.FunctionCall) goja.Value {
	in := m.in
	arr := call.Argument(0)
	if o, ok := arr.(*goja.Object); ok {
		if t := o.ExportType(); t != nil && t.Kind() == reflect.Slice {
			switch t.Elem().Kind() {
			case reflect.Int8, reflect.Uint8, reflect.Int16, reflect.Uint16, reflect.Int32, reflect.Uint32, reflect.Int64, reflect.Uint64:
				b, _ := in.bytesOf(arr)
				if len(b) > 65536 {
					panic(in.domException("QuotaExceededError", 22, "The requested length exceeds 65,536 bytes"))
				}
				_, _ = rand.Read(b)
				return arr
			}
		}
	}
	panic(in.domException("TypeMismatchError", 17, "The data argument must be an integer-type TypedArray"))
}

// domException builds a DOMException when the runtime has that class, else an Error with the
// same name and code.
func (in *Instance) domException(name string, code int, msg string) *goja.Object {
	if ctor, ok := in.rt.GlobalObject().Get("DOMException").(*goja.Object); ok {
		if e, err := in.rt.New(ctor, in.rt.ToValue(msg), in.rt.ToValue(name)); err == nil {
			return e
		}
	}
	e := in.newError("Error", msg)
	_ = e.Set("name", name)
	_ = e.Set("code", code)
	return e
}

// ---- Node-style errors and argument checks shared by crypto, zlib and stream ----

// nodeError builds an error as Node's JavaScript layer does for codes the shared table
// lacks: class base ("Error", "TypeError", "RangeError"), code, and "Name [CODE]: message"
// as its toString.
func (in *Instance) nodeError(base, code, msg string) *goja.Object {
	make, _ := goja.AssertFunction(in.nodeErrors().Get("make"))
	e, err := make(goja.Undefined(), in.rt.Get(base), in.rt.ToValue(code), in.rt.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return e.(*goja.Object)
}

// plainError builds an error as Node's C++ layer throws it: class base with a code property.
func (in *Instance) plainError(base, code, msg string) *goja.Object {
	e := in.newError(base, msg)
	_ = e.Set("code", code)
	return e
}

// nodeArgType is ERR_INVALID_ARG_TYPE; expected is a type, a class name, or a list of them.
func (in *Instance) nodeArgType(name string, expected any, got goja.Value) *goja.Object {
	return in.codedError("ERR_INVALID_ARG_TYPE", name, expected, got)
}

// nodeOutOfRange is ERR_OUT_OF_RANGE.
func (in *Instance) nodeOutOfRange(name, rng string, got goja.Value) *goja.Object {
	return in.codedError("ERR_OUT_OF_RANGE", name, rng, got)
}

// validateUint32 is Node's validateUint32(value, name).
func (in *Instance) validateUint32(v goja.Value, name string) int64 {
	if !isNumberValue(v) {
		panic(in.nodeArgType(name, "number", v))
	}
	f := v.ToFloat()
	if f != math.Trunc(f) || math.IsInf(f, 0) {
		panic(in.nodeOutOfRange(name, "an integer", v))
	}
	if f < 0 || f > math.MaxUint32 {
		panic(in.nodeOutOfRange(name, ">= 0 && <= 4294967295", v))
	}
	return int64(f)
}

// nodeObjectArg is Node's validateObject: a non-null, non-array object.
func (in *Instance) nodeObjectArg(v goja.Value, name string) *goja.Object {
	o, ok := v.(*goja.Object)
	if ok {
		if _, fn := goja.AssertFunction(o); !fn && o.ClassName() != "Array" {
			return o
		}
	}
	panic(in.nodeArgType(name, "Object", v))
}

// nodeCallbackArg is Node's validateFunction(callback, 'callback').
func (in *Instance) nodeCallbackArg(v goja.Value) goja.Callable {
	fn, ok := goja.AssertFunction(v)
	if !ok {
		panic(in.nodeArgType("callback", "Function", v))
	}
	return fn
}

// callNodeCallback calls a Node-style callback from a completion; a throw fails the call, as an
// uncaught exception would end a Node process.
func (in *Instance) callNodeCallback(fn goja.Callable, args ...goja.Value) {
	if _, err := fn(goja.Undefined(), args...); err != nil {
		in.failCall(err)
	}
}

var (
	typeOfInt64   = reflect.TypeOf(int64(0))
	typeOfFloat64 = reflect.TypeOf(float64(0))
)

// isNumberValue reports typeof v === 'number'.
func isNumberValue(v goja.Value) bool {
	if v == nil {
		return false
	}
	if _, obj := v.(*goja.Object); obj {
		return false
	}
	t := v.ExportType()
	return t == typeOfInt64 || t == typeOfFloat64
}

// isStringValue reports typeof v === 'string'.
func isStringValue(v goja.Value) bool {
	_, ok := v.(goja.String)
	return ok
}

// safeIntegerValue is Number.isSafeInteger.
func safeIntegerValue(v goja.Value) (int64, bool) {
	if !isNumberValue(v) {
		return 0, false
	}
	f := v.ToFloat()
	if f != math.Trunc(f) || math.Abs(f) > 1<<53-1 {
		return 0, false
	}
	return int64(f), true
}

type binaryKind uint8

const (
	binaryNone        binaryKind = iota
	binaryView                   // a Buffer, typed array or DataView
	binaryArrayBuffer            // an ArrayBuffer
)

// binaryArg returns the bytes of a Buffer, typed array, DataView or ArrayBuffer (shared, not
// copied) and which of those it is.
func (in *Instance) binaryArg(v goja.Value) ([]byte, binaryKind) {
	b, ok := in.bytesOf(v)
	if !ok {
		return nil, binaryNone
	}
	if v.(*goja.Object).ExportType() == typeOfArrayBuffer {
		return b, binaryArrayBuffer
	}
	return b, binaryView
}

// encodingOf is the canonical name of a Node encoding argument ("" when not a known one).
func encodingOf(v goja.Value) string {
	if s, ok := v.(goja.String); ok {
		return encodingOps(s.String())
	}
	return ""
}

// encodeOutput returns b as a Buffer when enc is "" (none, unknown or "buffer"), else as a
// string in enc.
func (in *Instance) encodeOutput(b []byte, enc string) goja.Value {
	switch {
	case enc == "":
		return in.newBuffer(b)
	case enc == "hex" && len(b) <= 64:
		// Digests: one allocation (the string) instead of two.
		var buf [128]byte
		n := hex.Encode(buf[:], b)
		return in.rt.ToValue(string(buf[:n]))
	}
	return in.sliceString(b, enc)
}

var typeOfArrayBuffer = reflect.TypeOf(goja.ArrayBuffer{})
