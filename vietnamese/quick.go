package vietnamese

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Quick variants of this package's views for the extraction hot paths:
// the same results (tested against Normalize and Fold), with table lookups
// and cheap scans where the general functions decompose every rune, and a
// case-folding literal set that stands in for (?i) alternations of
// regexps with no literal prefix.

// NormalizeQuick is Normalize for NFC text, fast on text that needs
// no change. Normalize only rewrites words with Ð/ð or an open oa, oe, uy
// syllable whose tone sits on the second vowel; such words are found with
// a cheap scan and only they go through Normalize. Like
// Normalize, it keeps rune counts.
func NormalizeQuick(s string) string {
	var b strings.Builder
	last := 0 // bytes of s already written
	prev := rune(0)
	var cache map[string]string // words repeat: "Huyện uỷ" ten times
	for i, r := range s {
		hit := r == 'Ð' || r == 'ð'
		if !hit && openVowel(prev) {
			hit = tonedAEY(r)
		}
		prev = r
		if !hit {
			continue
		}
		ws := i
		for ws > last {
			c, n := utf8.DecodeLastRuneInString(s[:ws])
			if !isWordRune(c) {
				break
			}
			ws -= n
		}
		we := i
		for we < len(s) {
			c, n := utf8.DecodeRuneInString(s[we:])
			if !isWordRune(c) {
				break
			}
			we += n
		}
		if we <= last {
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s) + 8) // Normalize keeps rune counts, byte counts barely move
		}
		b.WriteString(s[last:ws])
		w := s[ws:we]
		nw, ok := cache[w]
		if !ok {
			if cache == nil {
				cache = map[string]string{}
			}
			nw = Normalize(w)
			cache[w] = nw
		}
		b.WriteString(nw)
		last = we
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// tonedAEY reports a, e or y (any case, with or without a circumflex or
// breve) carrying a tone mark.
func tonedAEY(r rune) bool {
	if r < 0xC0 {
		return false // ASCII and Latin-1 punctuation: the common case
	}
	return strings.ContainsRune("àáảãạÀÁẢÃẠằắẳẵặẰẮẲẴẶầấẩẫậẦẤẨẪẬèéẻẽẹÈÉẺẼẸềếểễệỀẾỂỄỆỳýỷỹỵỲÝỶỸỴ", r)
}

// openVowel reports o, u, ô, ơ or ư (any case): the first vowel of an oa,
// oe, uy syllable.
func openVowel(r rune) bool {
	switch r {
	case 'o', 'O', 'u', 'U', 'ô', 'Ô', 'ơ', 'Ơ', 'ư', 'Ư':
		return true
	}
	return false
}

// FoldedQuick is Folded with the fast normaliser.
func FoldedQuick(s string) string {
	if !IsNFCQuick(s) && !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return FoldQuick(NormalizeQuick(s))
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// nfcStarter marks the runes below U+3000 that are NFC on their own and
// cannot combine with a rune before them (norm's BoundaryBefore): text made
// only of them is NFC, as norm splits text into segments at such runes.
var nfcStarter = func() []bool {
	t := make([]bool, 0x3000)
	for r := range t {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(rune(r))
		t[r] = norm.NFC.PropertiesString(s).BoundaryBefore() && norm.NFC.IsNormalString(s)
	}
	return t
}()

// IsNFCQuick reports text that is NFC for certain: every rune is an
// nfcStarter. It is a table lookup per rune, where norm's check of
// Vietnamese text was a tenth of page extraction; false means "unsure".
func IsNFCQuick(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r >= rune(len(nfcStarter)) || !nfcStarter[r] {
			return false
		}
		i += n
	}
	return true
}

// FoldQuick is Fold, answering lowercase ASCII (which folds to itself)
// without copying: folding every body line for the spam check was a tenth
// of page extraction.
func FoldQuick(s string) string {
	if isLowerASCII(s) {
		return s
	}
	return Fold(s)
}

// foldRunesEqual reports whether a and b are equal under simple Unicode
// case folding, the equivalence a (?i) regexp literal matches with.
func foldRunesEqual(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		// ASCII letters fold only to each other, or to K (U+212A) and
		// ſ (U+017F), which are not ASCII.
		return a|0x20 == b|0x20 && a|0x20 >= 'a' && a|0x20 <= 'z'
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

// FoldPrefixLen is the byte length of the prefix of s that equals needle
// under simple case folding, or -1.
func FoldPrefixLen(s, needle string) int {
	j := 0
	for _, nr := range needle {
		if j >= len(s) {
			return -1
		}
		r, n := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[j:])
		}
		if !foldRunesEqual(r, nr) {
			return -1
		}
		j += n
	}
	return j
}

// FoldSet is a set of literals matched under simple case folding, listed
// by the first UTF-8 byte an occurrence of each can start with.
type FoldSet struct {
	needles []string
	byFirst [256][]string
}

func NewFoldSet(needles ...string) *FoldSet {
	fs := &FoldSet{needles: needles}
	for _, nd := range needles {
		r, _ := utf8.DecodeRuneInString(nd)
		f := r
		for {
			var buf [utf8.UTFMax]byte
			utf8.EncodeRune(buf[:], f)
			if l := fs.byFirst[buf[0]]; len(l) == 0 || l[len(l)-1] != nd {
				fs.byFirst[buf[0]] = append(l, nd)
			}
			if f = unicode.SimpleFold(f); f == r {
				break
			}
		}
	}
	return fs
}

// Scan calls f with the end of every occurrence of a needle in s (what
// `(?i)(?:a|b|c)` can match), until f returns true; it reports whether
// one did.
func (fs *FoldSet) Scan(s string, f func(end int) bool) bool {
	for i := 0; i < len(s); i++ {
		// Occurrences start at rune starts, whose first byte is in the
		// table; continuation bytes never are.
		for _, nd := range fs.byFirst[s[i]] {
			if n := FoldPrefixLen(s[i:], nd); n >= 0 && f(i+n) {
				return true
			}
		}
	}
	return false
}

// ContainsAny is `(?i)(?:a|b|c)`.MatchString: whether s contains one of
// the needles under simple case folding.
func (fs *FoldSet) ContainsAny(s string) bool {
	return fs.Scan(s, func(int) bool { return true })
}

// Clean composes to NFC and collapses whitespace (including NBSP).
func Clean(s string) string {
	if !IsNFCQuick(s) {
		s = norm.NFC.String(s)
	}
	// One pass: the fields of s (split at cleanSpace runes) joined by
	// single spaces, and s itself when it is that already.
	var b []byte
	start := -1 // start of the current field, -1 between fields
	tidy := true
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			if invisible(r) {
				return Clean(strings.Map(dropInvisible, s))
			}
		}
		if !cleanSpace(r) {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		if tidy && (r != ' ' || start < 0) {
			// A run of spaces, an edge space or another space rune: s
			// needs rewriting; copy the fields so far.
			tidy = false
			upto := i
			if start >= 0 {
				upto = start // the current field is copied below
			}
			b = make([]byte, 0, len(s))
			b = append(b, strings.TrimSuffix(s[:upto], " ")...)
		}
		if !tidy && start >= 0 {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, s[start:i]...)
		}
		start = -1
		i += n
	}
	if tidy {
		if start < 0 && s != "" {
			// only a trailing space is wrong: "a b "
			return strings.TrimSuffix(s, " ")
		}
		return s
	}
	if start >= 0 {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, s[start:]...)
	}
	return string(b)
}

// invisible runes format text and show nothing: a soft hyphen, zero-width
// joiners and non-joiners, a word joiner. Pasted text carries them inside
// words ("huy\u00adện"); Clean drops them.
func invisible(r rune) bool {
	return r == '\u00ad' || r == '\u200c' || r == '\u200d' || r == '\u2060'
}

func dropInvisible(r rune) rune {
	if invisible(r) {
		return -1
	}
	return r
}

func cleanSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u200b' || r == '\u3000' || r == '\ufeff'
}

// HasPrefix reports whether s starts with one of the needles under simple
// case folding.
func (fs *FoldSet) HasPrefix(s string) bool {
	if s == "" {
		return false
	}
	for _, nd := range fs.byFirst[s[0]] {
		if FoldPrefixLen(s, nd) >= 0 {
			return true
		}
	}
	return false
}
