package vietnamese

// The implementation before the table-driven one, kept as the oracle the
// tests compare Normalize and Fold with: it decomposes every rune it looks
// at with golang.org/x/text, slowly and obviously.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func refIsTone(r rune) bool {
	switch r {
	case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
		return true
	}
	return false
}

func refNormalize(s string) string {
	s = norm.NFC.String(s)
	if !refNeedsWork(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	start := -1
	for i, r := range s {
		if refIsWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			b.WriteString(refNormalizeWord(s[start:i]))
			start = -1
		}
		b.WriteRune(r)
	}
	if start >= 0 {
		b.WriteString(refNormalizeWord(s[start:]))
	}
	return b.String()
}

func refNeedsWork(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return true
		}
	}
	return false
}

func refIsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func refNormalizeWord(w string) string {
	w = strings.Map(func(r rune) rune {
		switch r {
		case 'Ð':
			return 'Đ'
		case 'ð':
			return 'đ'
		}
		return r
	}, w)
	runes := []rune(w)
	n := len(runes)
	if n < 2 {
		return w
	}
	a, b := refBaseLower(runes[n-2]), refBaseLower(runes[n-1])
	if !((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y')) {
		return w
	}
	if n >= 3 {
		prev := refBaseLower(runes[n-3])
		if refIsVowelBase(prev) {
			return w // oai-like or longer vowel runs: not this rule
		}
		if a == 'u' && prev == 'q' {
			return w // "quý": u belongs to qu
		}
	}
	t1, t2 := refToneOf(runes[n-2]), refToneOf(runes[n-1])
	if t1 != 0 || t2 == 0 {
		return w // already on the first vowel, or no tone
	}
	runes[n-2] = refWithTone(runes[n-2], t2)
	runes[n-1] = refWithTone(runes[n-1], 0)
	return string(runes)
}

func refDecomposed(r rune) []rune {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	return []rune(norm.NFD.String(string(buf[:n])))
}

func refBaseLower(r rune) rune {
	d := refDecomposed(r)
	return unicode.ToLower(d[0])
}

func refIsVowelBase(r rune) bool { return strings.ContainsRune("aeiouy", r) }

func refToneOf(r rune) rune {
	for _, m := range refDecomposed(r)[1:] {
		if refIsTone(m) {
			return m
		}
	}
	return 0
}

func refWithTone(r, tone rune) rune {
	d := refDecomposed(r)
	out := []rune{d[0]}
	for _, m := range d[1:] {
		if !refIsTone(m) {
			out = append(out, m)
		}
	}
	if tone != 0 {
		out = append(out, tone)
	}
	c := []rune(norm.NFC.String(string(out)))
	if len(c) != 1 {
		return r
	}
	return c[0]
}

var refFoldTable = func() map[rune]rune {
	m := make(map[rune]rune)
	for r := rune(0xC0); r <= 0x24F; r++ {
		refAdd(m, r)
	}
	for r := rune(0x1E00); r <= 0x1EFF; r++ {
		refAdd(m, r)
	}
	m['đ'], m['Đ'], m['Ð'], m['ð'] = 'd', 'd', 'd', 'd'
	return m
}()

func refAdd(m map[rune]rune, r rune) {
	d := refDecomposed(r)
	if len(d) < 2 || d[0] >= 0x80 {
		return
	}
	m[r] = unicode.ToLower(d[0])
}

func refFold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := refFoldTable[r]; ok {
			b.WriteRune(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func refExact(s string) string { return strings.ToLower(refNormalize(s)) }

func refFolded(s string) string { return refFold(refNormalize(s)) }

func refHasDiacritics(s string) bool {
	s = norm.NFC.String(s)
	for _, r := range s {
		if _, ok := refFoldTable[r]; ok {
			return true
		}
	}
	return false
}
