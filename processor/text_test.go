package processor

import (
	"testing"

	"github.com/dra-archive/dra/vietnamese"
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
			if got, want := normalize(tt.in), vietnamese.Normalize(tt.in); got != want {
				t.Errorf("normalize(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}

func TestNormalizeModifiedVowels(t *testing.T) {
	for _, s := range []string{"oặ", "ôà", "ưỷ", "Ơẻ", "quỷ"} {
		if got, want := normalize(s), vietnamese.Normalize(s); got != want {
			t.Errorf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
