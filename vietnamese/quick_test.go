package vietnamese

import (
	"testing"
)

// TestNormalizeAgreesWithVietnamese checks the fast path against the
// reference normaliser.
func TestNormalizeAgreesWithVietnamese(t *testing.T) {
	tests := []struct{ name, in string }{
		{"old tone placement", "Huyện uỷ Thanh Trì, hoà giải, khoẻ mạnh, thuỷ lợi"},
		{"new tone placement", "Huyện ủy, hòa giải, khỏe, thủy"},
		{"untouched", "Hoàng toán quà thuyền quý Quý"},
		{"Ð for Đ", "ÐẢNG ỦY, Ðảng bộ, ðồng chí"},
		{"capitals", "UỶ BAN NHÂN DÂN, HOÀ BÌNH"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := NormalizeQuick(tt.in), Normalize(tt.in); got != want {
				t.Errorf("NormalizeQuick(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}

func TestNormalizeModifiedVowels(t *testing.T) {
	for _, s := range []string{"oặ", "ôà", "ưỷ", "Ơẻ", "quỷ"} {
		if got, want := NormalizeQuick(s), Normalize(s); got != want {
			t.Errorf("NormalizeQuick(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestQuickFoldsAgree checks FoldQuick and FoldedQuick against Fold and
// Folded on every rune of the Vietnamese alphabet and mixed text.
func TestQuickFoldsAgree(t *testing.T) {
	for _, s := range []string{"nhà cái số 1", "Khuyến mãi", "ĐẢNG ỦY Ðồng", "Huyện uỷ hoà", "plain ascii", "Nguồn: x",
		"aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"} {
		if got, want := FoldQuick(s), Fold(s); got != want {
			t.Errorf("FoldQuick(%q) = %q, want %q", s, got, want)
		}
		if got, want := FoldedQuick(s), Folded(s); got != want {
			t.Errorf("FoldedQuick(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Huyện  ủy\tThanh Trì ":          "Huyện ủy Thanh Trì",
		"\u00a0Minh\u00a0Anh\u200b":      "Minh Anh",
		"huy\u00adện Thanh\u00ad Trì":    "huyện Thanh Trì",
		"Bùi \u00adNgọc\u200c \u2060Lan": "Bùi Ngọc Lan",
		"Ngo\u0323c":                     "Ngọc", // decomposed, composed
		"a\u200db":                       "ab",
		"":                               "",
		"\u00ad":                         "",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
