package search

import (
	"html"
	"slices"
	"strings"

	"github.com/dra-archive/dra/vietnamese"
)

// Highlight returns up to max fragments of text around the words of p,
// with matches wrapped in <mark>...</mark> and everything else HTML-escaped.
// Matching is on the folded view, so "nang luc" marks "năng lực"; because
// folding keeps rune offsets, the marks land on the original text. Both
// backends use it, so they highlight alike.
func Highlight(text string, p Parsed, max int) []string {
	if max <= 0 || text == "" {
		return nil
	}
	var needles [][]rune
	for _, group := range [][]string{p.Phrases, p.Codes, p.Terms} {
		for _, s := range group {
			if f := []rune(vietnamese.Folded(s)); len(f) > 0 {
				needles = append(needles, f)
			}
		}
	}
	if len(needles) == 0 {
		return nil
	}
	orig := []rune(vietnamese.Normalize(text))
	folded := []rune(vietnamese.Fold(string(orig)))
	marks := make([]bool, len(folded))
	var hits []int
	for _, n := range needles {
		for i := 0; i+len(n) <= len(folded); i++ {
			if !slices.Equal(folded[i:i+len(n)], n) || !boundary(folded, i-1) || !boundary(folded, i+len(n)) {
				continue
			}
			for j := i; j < i+len(n); j++ {
				marks[j] = true
			}
			hits = append(hits, i)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	// One mark over adjacent matched words: "<mark>năng lực</mark>".
	for i := 1; i+1 < len(marks); i++ {
		if !marks[i] && orig[i] == ' ' && marks[i-1] && marks[i+1] {
			marks[i] = true
		}
	}
	const radius = 80
	var frags []string
	lastEnd := -1
	slices.Sort(hits)
	for _, h := range slices.Compact(hits) {
		if h < lastEnd {
			continue
		}
		start, end := h-radius, h+radius
		if start < 0 {
			start = 0
		}
		if end > len(orig) {
			end = len(orig)
		}
		for start > 0 && !boundary(folded, start-1) {
			start--
		}
		for end < len(orig) && !boundary(folded, end) {
			end++
		}
		frags = append(frags, render(orig, marks, start, end))
		lastEnd = end
		if len(frags) == max {
			break
		}
	}
	return frags
}

func render(orig []rune, marks []bool, start, end int) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	open := false
	for i := start; i < end; i++ {
		if marks[i] && !open {
			b.WriteString("<mark>")
			open = true
		} else if !marks[i] && open {
			b.WriteString("</mark>")
			open = false
		}
		b.WriteString(html.EscapeString(string(orig[i])))
	}
	if open {
		b.WriteString("</mark>")
	}
	if end < len(orig) {
		b.WriteString("…")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func boundary(rs []rune, i int) bool {
	if i < 0 || i >= len(rs) {
		return true
	}
	return !isLetterOrDigit(rs[i])
}
