package place

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dra-archive/dra/vietnamese"
	"golang.org/x/text/unicode/norm"
)

// gap is what separates a token from the one before it.
type gap uint8

const (
	gapBreak gap = iota // start of text, a line break, or punctuation other than below
	gapTight            // nothing: a letter/digit boundary inside a word ("Q1")
	gapSpace            // spaces only
	gapJoin             // spaces with one hyphen or dash, or apostrophes ("Rang-Tháp", "H'Leo")
	gapDot              // spaces with one full stop ("TP. Hà Nội", "TP.HCM", "N.T")
)

// token is a run of letters (with their combining marks) or a run of digits.
type token struct {
	start, end   int // rune offsets in the text
	bstart, bend int // byte offsets in the text
	fold         string
	upper        bool // starts with an upper-case letter or is a number
	digit        bool
	ascii        bool // no byte outside ASCII
	apos         bool // an apostrophe comes right before it ("H'Leo": "Leo")
	gap          gap
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '‘', '`':
		return true
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '-', '–', '—', '‐', '‑', '−':
		return true
	}
	return false
}

// foldTable folds the runes below 0x1F00 (Latin, Vietnamese and combining
// marks) the way vietnamese.Fold does; -1 drops a combining mark.
var foldTable = func() []rune {
	t := make([]rune, 0x1F00)
	for r := range t {
		switch {
		case unicode.Is(unicode.Mn, rune(r)):
			t[r] = -1
		default:
			f := []rune(vietnamese.Fold(string(rune(r))))
			t[r] = rune(r)
			if len(f) == 1 {
				t[r] = f[0]
			}
		}
	}
	return t
}()

func foldRune(r rune) rune {
	if r >= 0 && int(r) < len(foldTable) {
		return foldTable[r]
	}
	return unicode.ToLower(r)
}

// letterTable marks the letters and combining marks below 0x1F00.
var letterTable = func() []bool {
	t := make([]bool, 0x1F00)
	for r := range t {
		t[r] = unicode.IsLetter(rune(r)) || unicode.Is(unicode.Mn, rune(r))
	}
	return t
}()

func isLetter(r rune) bool {
	if r >= 0 && int(r) < len(letterTable) {
		return letterTable[r]
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// gapCounts are the separators seen since the last token.
type gapCounts struct {
	spaces, dashes, dots, other int
	newline, apostrophe         bool
}

func (c gapCounts) kind() gap {
	switch {
	case c.newline, c.other > 0, c.dashes > 1, c.dots > 1, c.dashes > 0 && c.dots > 0:
		return gapBreak
	case c.dots == 1:
		if c.apostrophe {
			return gapBreak
		}
		return gapDot
	case c.dashes == 1 || c.apostrophe:
		return gapJoin
	case c.spaces > 0:
		return gapSpace
	}
	return gapBreak
}

// tokenize splits s into tokens, appending to buf. Offsets count runes the
// way []rune(s) does (an invalid byte is one rune).
func tokenize(s string, buf []token) []token {
	toks := buf[:0]
	if cap(toks) == 0 {
		toks = make([]token, 0, len(s)/6+1)
	}
	folds := make([]byte, 0, len(s))
	foldAt := make([]int32, 0, cap(toks)+1) // folds[foldAt[i]:foldAt[i+1]] is token i
	var (
		in, digit bool // inside a token; it is a number
		cur       token
		gc        gapCounts
	)
	finish := func(bend, end int) {
		cur.bend, cur.end = bend, end
		text := s[cur.bstart:cur.bend]
		cur.ascii = isASCII(text)
		foldAt = append(foldAt, int32(len(folds)))
		if cur.digit {
			// Numbers without their leading zeros: "01" is "1".
			trimmed := strings.TrimLeft(text, "0")
			if trimmed == "" || !isASCII(trimmed) {
				trimmed = text
			}
			folds = append(folds, trimmed...)
		} else {
			for i := 0; i < len(text); {
				c := text[i]
				if c < utf8.RuneSelf {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					folds = append(folds, c)
					i++
					continue
				}
				r, n := utf8.DecodeRuneInString(text[i:])
				if f := foldRune(r); f >= 0 {
					folds = utf8.AppendRune(folds, f)
				}
				i += n
			}
		}
		toks = append(toks, cur)
		in = false
	}
	ri := 0
	for bi, r := range s {
		letter, num := isLetter(r), isDigit(r)
		if in && ((letter && !digit) || (num && digit)) {
			ri++
			continue
		}
		if in {
			finish(bi, ri)
			gc = gapCounts{}
		}
		switch {
		case letter || num:
			g := gc.kind()
			if len(toks) > 0 && toks[len(toks)-1].end == ri {
				g = gapTight // letter/digit boundary: "Q1", "F0"
			}
			if len(toks) == 0 {
				g = gapBreak
			}
			cur = token{start: ri, bstart: bi, digit: num, gap: g, apos: gc.apostrophe}
			cur.upper = num || unicode.IsUpper(r)
			digit = num
			in = true
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			gc.newline = true
		case r == ' ' || unicode.IsSpace(r):
			gc.spaces++
		case isDash(r):
			gc.dashes++
		case isApostrophe(r):
			gc.apostrophe = true
		case r == '.':
			gc.dots++
		default:
			gc.other++
		}
		ri++
	}
	if in {
		finish(len(s), ri)
	}
	all := string(folds)
	foldAt = append(foldAt, int32(len(all)))
	for i := range toks {
		toks[i].fold = all[foldAt[i]:foldAt[i+1]]
	}
	return toks
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// exactOf is the exact view of a token's text: normalised and lower-case,
// so "Hoà" and "Hòa" are equal and "Hoa" is not.
func exactOf(s string, t token) string {
	text := s[t.bstart:t.bend]
	if t.ascii {
		return strings.ToLower(text)
	}
	// vietnamese.Exact is NFC, Ð→Đ, and the tone of a word ending in oa, oe
	// or uy moved; a token is one such word, so most need only lower-casing.
	f := t.fold
	if strings.HasSuffix(f, "oa") || strings.HasSuffix(f, "oe") || strings.HasSuffix(f, "uy") ||
		strings.ContainsAny(text, "Ðð") || !norm.NFC.IsNormalString(text) {
		return vietnamese.Exact(text)
	}
	return strings.ToLower(text)
}

// foldKey is the folded key of a name: its tokens' folded forms joined by
// spaces ("Phan Rang-Tháp Chàm" → "phan rang thap cham").
func foldKey(s string) string {
	toks := tokenize(s, nil)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.fold
	}
	return strings.Join(parts, " ")
}

// exactKey is the exact counterpart of foldKey.
func exactKey(s string) string {
	toks := tokenize(s, nil)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = exactOf(s, t)
		if t.digit {
			parts[i] = t.fold
		}
	}
	return strings.Join(parts, " ")
}
