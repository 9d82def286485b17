package vietnamese

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// letters are the runes the tone rule looks at: every Latin letter that
// decomposes to a vowel, the plain vowels, q, some consonants, đ and Ð.
func letters() []rune {
	out := []rune("aeiouyqAEIOUYQbhnđĐÐð")
	for r := rune(0xC0); r < tableSize; r++ {
		d := decomposed(r)
		if len(d) > 1 && strings.ContainsRune("aeiouyAEIOUY", d[0]) {
			out = append(out, r)
		}
	}
	return out
}

// TestNormalizeMatchesReference compares Normalize with the reference
// implementation on every two-letter word of letters, and on every such word
// after each of a set of leading runes (a vowel, q, a consonant, a letter
// outside the tables), alone and inside text.
func TestNormalizeMatchesReference(t *testing.T) {
	ls := letters()
	leads := []string{"", "q", "h", "o", "ư", "ǅ"}
	n := 0
	for _, lead := range leads {
		for _, a := range ls {
			for _, b := range ls {
				w := lead + string(a) + string(b)
				for _, s := range []string{w, "Huyện " + w + ", " + w + "1"} {
					if got, want := Normalize(s), refNormalize(s); got != want {
						t.Fatalf("Normalize(%q) = %q, reference %q", s, got, want)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d texts compared", n)
}

// TestFoldMatchesReference compares Fold, Exact, Folded and HasDiacritics
// with the reference on every rune up to U+2FFF, alone and in a word.
func TestFoldMatchesReference(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		for _, s := range []string{string(r), "Đả" + string(r) + "ng"} {
			if got, want := Fold(s), refFold(s); got != want {
				t.Fatalf("Fold(%q) = %q, reference %q", s, got, want)
			}
			if got, want := Exact(s), refExact(s); got != want {
				t.Fatalf("Exact(%q) = %q, reference %q", s, got, want)
			}
			if got, want := Folded(s), refFolded(s); got != want {
				t.Fatalf("Folded(%q) = %q, reference %q", s, got, want)
			}
			if got, want := HasDiacritics(s), refHasDiacritics(s); got != want {
				t.Fatalf("HasDiacritics(%q) = %v, reference %v", s, got, want)
			}
		}
	}
}

func FuzzMatchesReference(f *testing.F) {
	for _, s := range []string{"Huyện uỷ Thanh Trì", "hoà khoẻ thuỷ quý", "Ðảng", "QUỶ THUỶ", "ngoằ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), refNormalize(s); got != want {
			t.Fatalf("Normalize(%q) = %q, reference %q", s, got, want)
		}
		if got, want := Fold(s), refFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, reference %q", s, got, want)
		}
	})
}

// BenchmarkViews measures the folded and exact views of a report's body, next to the
// reference implementation.
func BenchmarkViews(b *testing.B) {
	body := strings.Repeat("Năm 2019, Đảng bộ huyện Thanh Trì kết nạp 412 đảng viên mới, đạt 103% kế hoạch; "+
		"Huyện uỷ chỉ đạo khám sức khoẻ cho người cao tuổi, hoà giải thành 95% vụ việc. ", 40)
	b.SetBytes(int64(len(body)))
	b.Run("dra", func(b *testing.B) {
		for b.Loop() {
			_ = Exact(body)
			_ = Folded(body)
		}
	})
	b.Run("reference", func(b *testing.B) {
		for b.Loop() {
			_ = refExact(body)
			_ = refFolded(body)
		}
	})
}
