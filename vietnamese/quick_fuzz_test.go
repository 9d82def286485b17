package vietnamese

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzNormalize checks NormalizeQuick against Normalize:
// same text, same rune count (offsets are shared).
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Huyện uỷ hoà khoẻ thuỷ", "Hoàng quý thuyền", "ÐẢNG", "oà", "uỶ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = norm.NFC.String(string([]rune(s)))
		got, want := NormalizeQuick(s), Normalize(s)
		if got != want {
			t.Fatalf("NormalizeQuick(%q) = %q, want %q", s, got, want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("rune count changed: %q -> %q", s, got)
		}
	})
}
