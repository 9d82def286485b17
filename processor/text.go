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
	toks := make([]token, 0, len(r)/4+1)
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
		toks = append(toks, token{kind: k, s: string(r[i:j]), a: i, b: j, space: space, nl: nl})
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

// matchView is the text extraction matches on: Normalize'd and lowercased,
// rune for rune the same length as the body. Invalid UTF-8 never reaches
// here (bodies are sanitised), but if a rune count ever differs the body
// itself is used, so offsets stay valid.
func matchView(body string) []rune {
	low := []rune(strings.ToLower(normalize(body)))
	if len(low) != utf8.RuneCountInString(body) {
		return []rune(strings.ToLower(body))
	}
	return low
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
		if !hit && strings.ContainsRune("oOuUôÔơƠưƯ", prev) {
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
	return strings.ContainsRune("àáảãạÀÁẢÃẠằắẳẵặẰẮẲẴẶầấẩẫậẦẤẨẪẬèéẻẽẹÈÉẺẼẸềếểễệỀẾỂỄỆỳýỷỹỵỲÝỶỸỴ", r)
}

// normUnit is a unit or name as compared: normalised, lowercased, spaces
// collapsed.
func normUnit(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(normalize(s))), " ")
}

// folded is vietnamese.Folded with the fast normaliser.
func folded(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return vietnamese.Fold(normalize(s))
}
