package vietnamese

// The per-word rule and the folding as they were before the tables: every
// rune decomposed with golang.org/x/text on every call, the word copied to
// runes. Slow and obvious, kept as the oracle the tests compare the
// table-driven code with.

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func refNormalize(s string) string { return normalize(s, refNormalizeWord) }

func refNormalizeWord(w string) string {
	w = strings.Map(ethToDj, w)
	rs := []rune(w)
	n := len(rs)
	if n < 2 {
		return w
	}
	base := func(r rune) rune { return unicode.ToLower(decomposed(r)[0]) }
	tone := func(r rune) rune {
		for _, m := range decomposed(r)[1:] {
			if isTone(m) {
				return m
			}
		}
		return 0
	}
	a, b := base(rs[n-2]), base(rs[n-1])
	if !(a == 'o' && (b == 'a' || b == 'e') || a == 'u' && b == 'y') {
		return w
	}
	if n >= 3 && (isVowelBase(base(rs[n-3])) || a == 'u' && base(rs[n-3]) == 'q') {
		return w
	}
	if tone(rs[n-2]) != 0 || tone(rs[n-1]) == 0 {
		return w
	}
	// The first vowel must be a Vietnamese one: without its tone, one of
	// o ô ơ u ư (not Ő, Ö, ŏ, û).
	if !strings.ContainsRune("oôơuư", unicode.ToLower(withTone(rs[n-2], 0))) {
		return w
	}
	rs[n-2], rs[n-1] = withTone(rs[n-2], tone(rs[n-1])), withTone(rs[n-1], 0)
	return string(rs)
}

// refFoldable reports whether Fold replaces r: a precomposed Latin letter
// (U+00C0–U+024F, U+1E00–U+1EFF) whose decomposition starts with an ASCII
// letter, or one of đ, Đ, Ð, ð; refFoldRune is the replacement, or r
// lowercased.
func refFoldable(r rune) (rune, bool) {
	switch r {
	case 'đ', 'Đ', 'Ð', 'ð':
		return 'd', true
	}
	if 0xC0 <= r && r <= 0x24F || 0x1E00 <= r && r <= 0x1EFF {
		if d := []rune(norm.NFD.String(string(r))); len(d) > 1 && d[0] < 0x80 {
			return unicode.ToLower(d[0]), true
		}
	}
	return unicode.ToLower(r), false
}

func refFoldRune(r rune) rune { f, _ := refFoldable(r); return f }

func refFold(s string) string { return strings.Map(refFoldRune, s) }

func refExact(s string) string { return strings.ToLower(refNormalize(s)) }

func refFolded(s string) string { return refFold(refNormalize(s)) }

func refHasDiacritics(s string) bool {
	for _, r := range norm.NFC.String(s) {
		if _, ok := refFoldable(r); ok {
			return true
		}
	}
	return false
}
