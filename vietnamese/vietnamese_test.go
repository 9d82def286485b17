package vietnamese

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"uy new to old", "Huyện uỷ", "Huyện ủy"},
		{"uy old stays", "Huyện ủy", "Huyện ủy"},
		{"oa new to old", "hoà", "hòa"},
		{"oe new to old", "khoẻ", "khỏe"},
		{"thuy", "thuỷ", "thủy"},
		{"capital", "HOÀ BÌNH", "HÒA BÌNH"},
		{"hoang untouched", "Hoàng", "Hoàng"},
		{"toan untouched", "toán", "toán"},
		{"qua untouched", "quà", "quà"},
		{"quy untouched", "quý", "quý"},
		{"thuyen untouched", "thuyền", "thuyền"},
		{"oai untouched", "ngoài", "ngoài"},
		{"eth to dj", "Ðảng", "Đảng"},
		{"decomposed composed", norm.NFD.String("Đảng ủy"), "Đảng ủy"},
		{"decomposed new placement", norm.NFD.String("Thành uỷ"), "Thành ủy"},
		{"ascii", "plain text 123", "plain text 123"},
		{"uỳ word", "tuỳ", "tùy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"party", "Đảng ủy", "dang uy"},
		{"phrase", "năng lực lãnh đạo", "nang luc lanh dao"},
		{"caps", "HUYỆN THANH TRÌ", "huyen thanh tri"},
		{"code", "09-ĐA/HU", "09-da/hu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestToneVariantsFoldAndExactAlike(t *testing.T) {
	pairs := [][2]string{{"Huyện uỷ", "Huyện ủy"}, {"hoà", "hòa"}, {"khoẻ", "khỏe"}, {"Thuỷ", "Thủy"}}
	for _, p := range pairs {
		if Exact(p[0]) != Exact(p[1]) {
			t.Errorf("Exact(%q)=%q != Exact(%q)=%q", p[0], Exact(p[0]), p[1], Exact(p[1]))
		}
		if Folded(p[0]) != Folded(p[1]) {
			t.Errorf("Folded differs for %q/%q", p[0], p[1])
		}
	}
}

func FuzzNormalizeFold(f *testing.F) {
	for _, s := range []string{"Huyện uỷ Thanh Trì", "hoà khoẻ thuỷ quý", "Ðảng", "1.599/1000", norm.NFD.String("Hoàng Thị Thu Thủy")} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 from Normalize(%q)", s)
		}
		nfc := norm.NFC.String(s)
		if utf8.RuneCountInString(n) != utf8.RuneCountInString(nfc) {
			t.Fatalf("Normalize changed the rune count of %q: %q", nfc, n)
		}
		if Normalize(n) != n {
			t.Fatalf("Normalize not idempotent on %q", s)
		}
		if utf8.RuneCountInString(Fold(n)) != utf8.RuneCountInString(n) {
			t.Fatalf("Fold changed the rune count of %q", n)
		}
	})
}

func TestViews(t *testing.T) {
	for _, s := range []string{"Huyện uỷ Thanh Trì", "HOÀ BÌNH", norm.NFD.String("khoẻ"), "Ðảng", "plain"} {
		e, f := Views(s)
		if e != Exact(s) || f != Folded(s) {
			t.Errorf("Views(%q) = %q, %q; want %q, %q", s, e, f, Exact(s), Folded(s))
		}
	}
}

// ToLower is unicode.ToLower on every rune.
func TestToLowerIsUnicodes(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if got, want := ToLower(r), unicode.ToLower(r); got != want {
			t.Fatalf("ToLower(%U) = %U, want %U", r, got, want)
		}
	}
}
