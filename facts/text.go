package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
	s     string
	a, b  int
	kind  tokKind
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
	return tokenizeViewInto(nil, r, str, off)
}

// tokenizeViewInto is tokenizeView appending to toks[:0].
func tokenizeViewInto(toks []token, r []rune, str string, off []int32) []token {
	toks = slices.Grow(toks[:0], len(r)/3+1)
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
	if c < latinEnd {
		return runeClass[c]&classLetter != 0
	}
	return isLetterSlow(c)
}

func isLetterSlow(c rune) bool { return unicode.IsLetter(c) || unicode.Is(unicode.Mn, c) }

// latinEnd bounds runeClass: Latin, its extensions and the combining
// marks, where every Vietnamese letter is.
const latinEnd = 0x1F00

const (
	classLetter = 1 << iota // isLetter
	classWord               // isWordRune: a letter or a digit
)

// runeClass caches isLetter and isWordRune below latinEnd, which the
// tokenizer and the period finder ask of every rune.
var runeClass = func() (t [latinEnd]uint8) {
	for r := rune(0); r < latinEnd; r++ {
		if isLetterSlow(r) {
			t[r] |= classLetter
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			t[r] |= classWord
		}
	}
	return t
}()

func isASCIIDigit(c rune) bool { return c >= '0' && c <= '9' }

// matchView is the text extraction matches on: Normalize'd (normBody is
// vietnamese.NormalizeQuick(body)) and lowercased,
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
	return matchViewTextInto(nil, nil, body, normBody)
}

// matchViewTextInto is matchViewText appending to low[:0] and off[:0].
func matchViewTextInto(low []rune, off []int32, body, normBody string) ([]rune, string, []int32) {
	n := utf8.RuneCountInString(body)
	low, str, off := lowerRunes(low, off, normBody, n)
	if len(low) != n {
		return lowerRunes(low, off, body, n)
	}
	return low, str, off
}

// lowerRunes is []rune(strings.ToLower(s)) in one pass (ToLower maps
// rune by rune; invalid bytes become U+FFFD either way), with the same as
// a string and its rune offsets (see runeOffsets), appended to out[:0]
// and off[:0].
func lowerRunes(out []rune, off []int32, s string, n int) ([]rune, string, []int32) {
	out = slices.Grow(out[:0], n)
	off = slices.Grow(off[:0], n+1)
	var b strings.Builder // its String does not copy
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = vietnamese.ToLower(r)
		}
		out = append(out, r)
		off = append(off, int32(b.Len()))
		b.WriteRune(r)
	}
	off = append(off, int32(b.Len()))
	return out, b.String(), off
}

// normUnit is a unit or name as compared: normalised, lowercased, spaces
// collapsed.
func normUnit(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(vietnamese.NormalizeQuick(s))), " ")
}
