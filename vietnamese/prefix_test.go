package vietnamese

import "testing"

func TestPrefix(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"Hà Nội", 100, "Hà Nội"},
		{"Hà Nội", 2, "H"},  // "à" is two bytes: not split
		{"Hà Nội", 3, "Hà"}, // just after it
		{"Hà Nội", 0, ""},
		{"ừừ", 4, "ừ"}, // three bytes each
	} {
		if got := Prefix(tt.s, tt.n); got != tt.want {
			t.Errorf("Prefix(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
