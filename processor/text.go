package processor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dra-archive/dra/vietnamese"
)

type tokKind uint8

const (
	tWord  tokKind = iota + 1 // letters, then letters or digits: "đảng", "m2"
	tNum                      // digits with inner '.' or ',': "1.599", "159,9"
	tPunct                    // any other single rune
)

// token is a piece of the lowercased, normalised body. a and b are rune
// offsets, shared with the body as published (Normalize and ToLower keep
// rune counts).
type token struct {
	kind  tokKind
	s     string
	a, b  int
	space bool // whitespace before it
	nl    bool // a line break before it
}

// tokenize splits lowercased normalised text into words, numbers and
// punctuation.
func tokenize(r []rune) []token {
	str, off := runeOffsets(r)
	return tokenizeView(r, str, off)
}

// runeOffsets is r as a string, with the byte offset of each rune and of
// the end: tokens and spans are cut from the string without converting
// runes back one piece at a time.
func runeOffsets(r []rune) (string, []int32) {
	off := make([]int32, len(r)+1)
	b := 0
	for i, c := range r {
		off[i] = int32(b)
		n := utf8.RuneLen(c)
		if n < 0 {
			n = len(string(utf8.RuneError)) // how string(r) writes an invalid rune
		}
		b += n
	}
	off[len(r)] = int32(b)
	return string(r), off
}

// tokenizeView is tokenize with r's string and rune offsets at hand.
func tokenizeView(r []rune, str string, off []int32) []token {
	toks := make([]token, 0, len(r)/3+1)
	space, nl := false, false
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case c == '\n' || c == '\r':
			space, nl = true, true
			i++
			continue
		case unicode.IsSpace(c) || c == '\u200b':
			space = true
			i++
			continue
		}
		j := i + 1
		var k tokKind
		switch {
		case isLetter(c):
			k = tWord
			for j < len(r) && (isLetter(r[j]) || isASCIIDigit(r[j])) {
				j++
			}
		case isASCIIDigit(c):
			k = tNum
			for j < len(r) {
				if isASCIIDigit(r[j]) {
					j++
				} else if (r[j] == '.' || r[j] == ',') && j+1 < len(r) && isASCIIDigit(r[j+1]) {
					j += 2
				} else {
					break
				}
			}
		default:
			k = tPunct
		}
		toks = append(toks, token{kind: k, s: str[off[i]:off[j]], a: i, b: j, space: space, nl: nl})
		space, nl = false, false
		i = j
	}
	return toks
}

func isLetter(c rune) bool {
	if c < 0x80 {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return unicode.IsLetter(c) || unicode.Is(unicode.Mn, c)
}

func isASCIIDigit(c rune) bool { return c >= '0' && c <= '9' }

// matchView is the text extraction matches on: Normalize'd (normBody is
// normalize(body)) and lowercased,
// rune for rune the same length as the body. Invalid UTF-8 never reaches
// here (bodies are sanitised), but if a rune count ever differs the body
// itself is used, so offsets stay valid.
func matchView(body, normBody string) []rune {
	low, _, _ := matchViewText(body, normBody)
	return low
}

// matchViewText is matchView with the view as a string and the byte
// offset in it of each rune and of the end, made in the same pass.
func matchViewText(body, normBody string) ([]rune, string, []int32) {
	n := utf8.RuneCountInString(body)
	low, str, off := lowerRunes(normBody, n)
	if len(low) != n {
		return lowerRunes(body, n)
	}
	return low, str, off
}

// lowerRunes is []rune(strings.ToLower(s)) in one pass (ToLower maps
// rune by rune; invalid bytes become U+FFFD either way), with the same as
// a string and its rune offsets (see runeOffsets).
func lowerRunes(s string, n int) ([]rune, string, []int32) {
	out := make([]rune, 0, n)
	off := make([]int32, 0, n+1)
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		out = append(out, r)
		off = append(off, int32(len(b)))
		b = utf8.AppendRune(b, r)
	}
	off = append(off, int32(len(b)))
	return out, string(b), off
}

// normalize is vietnamese.Normalize for NFC text, fast on text that needs
// no change. Normalize only rewrites words with Ð/ð or an open oa, oe, uy
// syllable whose tone sits on the second vowel; such words are found with
// a cheap scan and only they go through vietnamese.Normalize. Like
// Normalize, it keeps rune counts.
func normalize(s string) string {
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
			if !isLetter(c) {
				break
			}
			ws -= n
		}
		we := i
		for we < len(s) {
			c, n := utf8.DecodeRuneInString(s[we:])
			if !isLetter(c) {
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
			nw = vietnamese.Normalize(w)
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

// normUnit is a unit or name as compared: normalised, lowercased, spaces
// collapsed.
func normUnit(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(normalize(s))), " ")
}

// folded is vietnamese.Folded with the fast normaliser.
func folded(s string) string {
	if !isNFCQuick(s) && !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return foldFast(normalize(s))
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

// isNFCQuick reports text that is NFC for certain: every rune is an
// nfcStarter. It is a table lookup per rune, where norm's check of
// Vietnamese text was a tenth of page extraction; false means "unsure".
func isNFCQuick(s string) bool {
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

// foldTableLow is vietnamese.Fold of each rune below U+1F00 (ASCII, Latin
// and the Vietnamese letters of Latin Extended Additional).
var foldTableLow = func() []rune {
	t := make([]rune, 0x1F00)
	for r := range t {
		f, _ := utf8.DecodeRuneInString(vietnamese.Fold(string(rune(r))))
		t[r] = f
	}
	return t
}()

// foldFast is vietnamese.Fold, which maps rune by rune, with a table
// lookup instead of a map lookup per rune: folding every body line for
// the spam check was a tenth of page extraction.
func foldFast(s string) string {
	if isLowerASCII(s) {
		return s // folds to itself
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < rune(len(foldTableLow)) {
			b = utf8.AppendRune(b, foldTableLow[r])
		} else {
			b = append(b, vietnamese.Fold(string(r))...)
		}
	}
	return string(b)
}
