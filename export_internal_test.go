package plugchain

import (
	"testing"
	"unicode/utf16"

	"github.com/plugchain/plugchain/ojson"
)

func TestJSONLengthCountsUTF16Units(t *testing.T) {
	for _, v := range []any{"", "abc", "é", "日本", "😀x", "a\"\\\n\u2028", ojson.NewObject(0), []any{1.5, nil, "😀"}} {
		b, err := ojson.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		want := len(utf16.Encode([]rune(string(b))))
		if got := jsonLength(v); got != want {
			t.Errorf("%s: %d, want %d", b, got, want)
		}
	}
}
