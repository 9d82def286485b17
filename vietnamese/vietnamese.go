// Package vietnamese prepares Vietnamese text for matching: one normal form
// (NFC, a single tone placement, Ð read as Đ) and a folded view without
// diacritics. Both search backends and the processor use it, so every stage
// sees the same text.
//
// Normalize and Fold never change the number of runes of NFC input: a match
// found on the folded view can be highlighted at the same rune offsets in the
// normalised text.
package vietnamese

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The five tone marks as combining characters (NFD).
const (
	toneGrave = '\u0300' // huyền
	toneAcute = '\u0301' // sắc
	toneTilde = '\u0303' // ngã
	toneHook  = '\u0309' // hỏi
	toneDot   = '\u0323' // nặng
)

func isTone(r rune) bool {
	switch r {
	case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
		return true
	}
	return false
}

// Normalize returns s in NFC with Ð/ð (U+00D0/U+00F0, often typed for Đ/đ)
// read as Đ/đ, and with the tone of open oa, oe and uy syllables placed on the
// first vowel ("hoà" → "hòa", "thuỷ" → "thủy", "uỷ" → "ủy"). Other syllables
// ("Hoàng", "toán", "quà", "thuyền", "quý") are left as they are. Case is kept.
func Normalize(s string) string { return normalize(s, normalizeWord) }

// normalize is Normalize with word applied to each NFC word.
func normalize(s string, word func(string) string) string {
	s = norm.NFC.String(s)
	if !needsWork(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			b.WriteString(word(s[start:i]))
			start = -1
		}
		b.WriteRune(r)
	}
	if start >= 0 {
		b.WriteString(word(s[start:]))
	}
	return b.String()
}

// needsWork reports whether s may contain something Normalize changes after NFC.
func needsWork(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// normalizeWord fixes Ð and the tone placement of one NFC word.
func normalizeWord(w string) string {
	if strings.ContainsAny(w, "Ðð") {
		w = strings.Map(ethToDj, w)
	}
	// The rule looks at the last two runes (and the one before them): read
	// them from the end, and copy the word only when it changes.
	r2, n2 := utf8.DecodeLastRuneInString(w)
	r1, n1 := utf8.DecodeLastRuneInString(w[:len(w)-n2])
	if n1 == 0 {
		return w // fewer than two runes
	}
	// Only words ending in the open clusters oa, oe, uy.
	a, b := baseLower(r1), baseLower(r2)
	if !((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y')) {
		return w
	}
	head := w[:len(w)-n2-n1]
	if r0, n0 := utf8.DecodeLastRuneInString(head); n0 > 0 {
		prev := baseLower(r0)
		if isVowelBase(prev) {
			return w // oai-like or longer vowel runs: not this rule
		}
		if a == 'u' && prev == 'q' {
			return w // "quý": u belongs to qu
		}
	}
	t1, t2 := toneOf(r1), toneOf(r2)
	if t1 != 0 || t2 == 0 {
		return w // already on the first vowel, or no tone
	}
	if !vietnameseMarks(r1) {
		return w // r1 is not a Vietnamese vowel (Ő, Ö, ŏ, û): not a Vietnamese word
	}
	var sb strings.Builder
	sb.Grow(len(w) + 2*utf8.UTFMax)
	sb.WriteString(head)
	sb.WriteRune(withTone(r1, t2))
	sb.WriteRune(withTone(r2, 0))
	return sb.String()
}

// vietnameseMarks reports whether r, its tone aside, is a vowel a
// Vietnamese oa, oe or uy cluster starts with: o, ô, ơ, u or ư.
func vietnameseMarks(r rune) bool {
	switch unicode.ToLower(withTone(r, 0)) {
	case 'o', 'ô', 'ơ', 'u', 'ư':
		return true
	}
	return false
}

// ethToDj reads Ð/ð, often typed for Đ/đ, as Đ/đ.
func ethToDj(r rune) rune {
	switch r {
	case 'Ð':
		return 'Đ'
	case 'ð':
		return 'đ'
	}
	return r
}

// decomposed splits an NFC rune into its NFD runes.
func decomposed(r rune) []rune {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	return []rune(norm.NFD.String(string(buf[:n])))
}

// tableSize covers Latin, Latin Extended and Latin Extended Additional,
// where every Vietnamese letter is.
const tableSize = 0x1F00

// Per-rune tables below tableSize, built once from Unicode's
// decompositions: what baseLower, toneOf and Fold would otherwise compute
// by decomposing the rune for every call.
var (
	baseTable [tableSize]rune // the letter without marks, lowercased
	toneTable [tableSize]rune // the tone mark, or 0
	foldTable [tableSize]rune // Fold's replacement, or 0 when Fold only lowercases
	lowTable  [tableSize]rune // unicode.ToLower
)

func init() {
	for r := rune(0); r < tableSize; r++ {
		lowTable[r] = unicode.ToLower(r)
		d := decomposed(r)
		baseTable[r] = unicode.ToLower(d[0])
		for _, m := range d[1:] {
			if isTone(m) {
				toneTable[r] = m
				break
			}
		}
		if len(d) >= 2 && d[0] < utf8.RuneSelf && (0xC0 <= r && r <= 0x24F || 0x1E00 <= r) {
			foldTable[r] = unicode.ToLower(d[0])
		}
	}
	foldTable['đ'], foldTable['Đ'], foldTable['Ð'], foldTable['ð'] = 'd', 'd', 'd', 'd'
}

// ToLower is unicode.ToLower, from a table for the Latin scripts.
func ToLower(r rune) rune {
	if 0 <= r && r < tableSize {
		return lowTable[r]
	}
	return unicode.ToLower(r)
}

// baseLower is the letter without any mark, lowercased (đ stays đ).
func baseLower(r rune) rune {
	if 0 <= r && r < tableSize {
		return baseTable[r]
	}
	return unicode.ToLower(decomposed(r)[0])
}

func isVowelBase(r rune) bool { return strings.ContainsRune("aeiouy", r) }

func toneOf(r rune) rune {
	if 0 <= r && r < tableSize {
		return toneTable[r]
	}
	for _, m := range decomposed(r)[1:] {
		if isTone(m) {
			return m
		}
	}
	return 0
}

// withTone returns r with its tone mark replaced by tone (0 removes it).
func withTone(r, tone rune) rune {
	d := decomposed(r)
	out := []rune{d[0]}
	for _, m := range d[1:] {
		if !isTone(m) {
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

// folded is Fold of one rune.
func folded(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r < tableSize && foldTable[r] != 0:
		return foldTable[r]
	}
	return unicode.ToLower(r)
}

// Fold lowercases s and removes every diacritic, đ → d, one rune for one
// rune: rune i of Fold(s) comes from rune i of s. Combining marks left in
// non-NFC input are replaced by nothing only if s is not NFC, so callers fold
// normalised text.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(folded(r)))
			continue
		}
		b.WriteRune(folded(r))
	}
	return b.String()
}

// Exact is the exact view: normalised and lowercased.
func Exact(s string) string { return strings.ToLower(Normalize(s)) }

// Folded is the folded view of any input: normalised, then folded.
func Folded(s string) string { return Fold(Normalize(s)) }

// Views returns Exact(s) and Folded(s), normalising s once.
func Views(s string) (exact, folded string) {
	n := Normalize(s)
	return strings.ToLower(n), Fold(n)
}

// HasDiacritics reports whether s carries any Vietnamese mark or đ.
func HasDiacritics(s string) bool {
	s = norm.NFC.String(s)
	for _, r := range s {
		if 0 <= r && r < tableSize && foldTable[r] != 0 {
			return true
		}
	}
	return false
}

// Prefix is s cut to at most n bytes at a rune boundary: s itself when it
// is no longer.
func Prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
