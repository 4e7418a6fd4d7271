package vm

import "github.com/dop251/goja"

// Bytes is binary data that plugins see as a Buffer-like Uint8Array (attachments' contents).
type Bytes []byte

func (b Bytes) toJS(in *Instance) goja.Value {
	return in.newBuffer(append([]byte(nil), b...))
}

// newBuffer returns a Buffer whose memory is b (not copied).
func (in *Instance) newBuffer(b []byte) goja.Value {
	u8, err := in.rt.New(in.rt.Get("Uint8Array"), in.rt.ToValue(in.rt.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return u8
}

// bytesOf returns the bytes of a Buffer, typed array, DataView or ArrayBuffer (the view's
// bytes, sharing memory), and false for any other value.
func (in *Instance) bytesOf(v goja.Value) ([]byte, bool) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	switch x := obj.Export().(type) {
	case goja.ArrayBuffer:
		return x.Bytes(), true
	case []byte:
		return x, true
	}
	return nil, false
}
