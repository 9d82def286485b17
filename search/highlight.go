package search

import (
	"cmp"
	"html"
	"slices"
	"strings"

	"github.com/dra-archive/dra/vietnamese"
)

// Highlight returns up to max fragments of text, the best passages first,
// with matches wrapped in <mark>...</mark> and everything else HTML-escaped.
// Both backends use it, so they highlight alike.
//
// Matching is on the folded view, so "nang luc" marks "năng lực"; because
// folding keeps rune offsets, the marks land on the original text.
// Phrases, codes, OR alternatives and author names are marked where they
// stand whole. A query word is marked where it stands next to the word
// that follows or precedes it in the query ("kết nạp" of "kết nạp đảng
// viên"), or anywhere when it never does in this text (or is the only
// word): so "tổng kết" and a lone "Đảng" are not marked when the text has
// "kết nạp ... đảng viên".
//
// A fragment is a sentence (cut around its first mark when long). The
// sentences with the most marked query items come first: a phrase, code or
// name counts most, then each distinct word and each pair of query words
// standing together, then words typed with their diacritics; ties go to the
// earlier sentence.
func Highlight(text string, p Parsed, max int) []string {
	if max <= 0 || text == "" {
		return nil
	}
	orig := []rune(vietnamese.Normalize(text))
	folded := []rune(vietnamese.Fold(string(orig)))
	marks := make([]bool, len(folded))

	// item identifies what an occurrence matched: a whole unit (phrase,
	// code, alternative, name) by index, or a distinct term by -1-index.
	type occ struct{ start, end, item int }
	var occs []occ
	var units [][]rune
	for _, group := range [][]string{p.Phrases, p.Codes, p.Authors, flatten(p.AnyOf)} {
		for _, s := range group {
			if f := []rune(vietnamese.Folded(s)); len(f) > 0 {
				units = append(units, f)
			}
		}
	}
	for u, n := range units {
		for _, i := range find(folded, n) {
			occs = append(occs, occ{i, i + len(n), u})
			for j := i; j < i+len(n); j++ {
				marks[j] = true
			}
		}
	}

	// Terms: every word of the text that is a query term, then runs.
	terms := p.DistinctTerms()
	termIdx := map[string]int{} // folded term -> distinct index
	for i, t := range terms {
		termIdx[vietnamese.Folded(t)] = i
	}
	// order[k] = distinct index of the k-th typed term.
	order := make([]int, len(p.Terms))
	for k, t := range p.Terms {
		order[k] = termIdx[vietnamese.Folded(t)]
	}
	follows := map[[2]int]bool{} // term a typed right before term b
	for k := 1; k < len(order); k++ {
		follows[[2]int{order[k-1], order[k]}] = true
	}
	type word struct{ start, end, term int }
	var words []word // the text's words that are query terms, in order
	var inRun []bool
	exact := map[int]bool{} // terms found with the diacritics typed somewhere
	if len(terms) > 0 {
		exactOf := make([]string, len(terms))
		for i, t := range terms {
			exactOf[i] = vietnamese.Exact(t)
		}
		start := -1
		for i := 0; i <= len(folded); i++ {
			in := i < len(folded) && InWord(folded, i)
			switch {
			case in && start < 0:
				start = i
			case !in && start >= 0:
				if ti, ok := termIdx[string(folded[start:i])]; ok {
					words = append(words, word{start, i, ti})
					if strings.ToLower(string(orig[start:i])) == exactOf[ti] {
						exact[len(words)-1] = true
					}
				}
				start = -1
			}
		}
		inRun = make([]bool, len(words))
		hasRun := make([]bool, len(terms))
		for k := 1; k < len(words); k++ {
			a, b := words[k-1], words[k]
			if follows[[2]int{a.term, b.term}] && adjacent(orig, a.end, b.start) {
				inRun[k-1], inRun[k] = true, true
				hasRun[a.term], hasRun[b.term] = true, true
			}
		}
		for k, w := range words {
			if inRun[k] || len(terms) == 1 || !hasRun[w.term] {
				for j := w.start; j < w.end; j++ {
					marks[j] = true
				}
			}
		}
	}
	if !slices.Contains(marks, true) {
		return nil
	}
	// One mark over adjacent matched words: "<mark>năng lực</mark>".
	for i := 1; i+1 < len(marks); i++ {
		if !marks[i] && orig[i] == ' ' && marks[i-1] && marks[i+1] {
			marks[i] = true
		}
	}

	type sentence struct {
		start, end, first int
		score             float64
	}
	// Occurrences and words are in text order, as are the sentences: one
	// cursor over each keeps the scoring linear in the text (a long body
	// with a common query word in every sentence was quadratic).
	slices.SortFunc(occs, func(a, b occ) int { return cmp.Compare(a.start, b.start) })
	var sents []sentence
	oi, wi := 0, 0
	for _, s := range sentences(orig) {
		for oi < len(occs) && occs[oi].start < s[0] {
			oi++
		}
		units := map[int]bool{}
		for j := oi; j < len(occs) && occs[j].start < s[1]; j++ {
			if occs[j].end <= s[1] {
				units[occs[j].item] = true
			}
		}
		for wi < len(words) && words[wi].start < s[0] {
			wi++
		}
		seen, seenExact := map[int]bool{}, map[int]bool{}
		pairs := 0
		first := -1
		for k := wi; k < len(words) && words[k].start < s[1]; k++ {
			w := words[k]
			if w.end > s[1] || !marks[w.start] {
				continue
			}
			seen[w.term] = true
			if exact[k] {
				seenExact[w.term] = true
			}
			if k > wi && inRun[k] && inRun[k-1] && follows[[2]int{words[k-1].term, w.term}] &&
				adjacent(orig, words[k-1].end, w.start) {
				pairs++
			}
		}
		for i := s[0]; i < s[1]; i++ {
			if marks[i] {
				first = i
				break
			}
		}
		if first < 0 {
			continue
		}
		score := 10*float64(len(units)) + float64(len(seen)) + float64(pairs) + 0.25*float64(len(seenExact))
		sents = append(sents, sentence{s[0], s[1], first, score})
	}
	slices.SortStableFunc(sents, func(a, b sentence) int { return cmp.Compare(b.score, a.score) })
	var frags []string
	for _, s := range sents[:min(max, len(sents))] {
		start, end := s.start, s.end
		const before, long = 60, 240
		if end-start > long {
			start = max0(s.first-before, s.start)
			end = min(start+long, s.end)
			for start > s.start && !boundary(folded, start-1) {
				start--
			}
			for end < s.end && !boundary(folded, end) {
				end++
			}
		}
		frags = append(frags, render(orig, marks, start, end))
	}
	return frags
}

// HighlightScan is how much of a body HitHighlights reads: its first
// 256 KiB, cut at a rune boundary. Far longer than any report, it bounds
// the time and memory a search spends on a hit whose body is megabytes.
const HighlightScan = 256 << 10

// HitHighlights are a hit's highlights: from the body (its first
// HighlightScan bytes), else the title, else the byline (a name or unit
// found there).
func HitHighlights(title, body, byline string, p Parsed, max int) []string {
	if !p.HasText() {
		return nil
	}
	for _, text := range []string{vietnamese.Prefix(body, HighlightScan), title, byline} {
		if hl := Highlight(text, p, max); len(hl) > 0 {
			return hl
		}
	}
	return nil
}

func max0(a, b int) int {
	if a < b {
		return b
	}
	return a
}

func flatten(groups [][]string) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// find returns where n stands in rs as whole words.
func find(rs, n []rune) []int {
	var out []int
	for i := 0; i+len(n) <= len(rs); i++ {
		if rs[i] == n[0] && slices.Equal(rs[i:i+len(n)], n) && boundary(rs, i-1) && boundary(rs, i+len(n)) {
			out = append(out, i)
		}
	}
	return out
}

// adjacent reports whether only spaces or a hyphen stand between two words.
func adjacent(rs []rune, end, start int) bool {
	if start-end > 3 {
		return false
	}
	for _, r := range rs[end:start] {
		if r != ' ' && r != '-' && r != '\u00a0' {
			return false
		}
	}
	return true
}

// sentences splits rs into sentences: at line breaks, and after '.', '!',
// '?' or '…' followed by a space. Each is [start, end) without the
// surrounding spaces.
func sentences(rs []rune) [][2]int {
	var out [][2]int
	start := 0
	flush := func(end int) {
		for start < end && (rs[start] == ' ' || rs[start] == '\n' || rs[start] == '\t' || rs[start] == '\r') {
			start++
		}
		e := end
		for e > start && (rs[e-1] == ' ' || rs[e-1] == '\n' || rs[e-1] == '\t' || rs[e-1] == '\r') {
			e--
		}
		if e > start {
			out = append(out, [2]int{start, e})
		}
		start = end
	}
	for i, r := range rs {
		switch {
		case r == '\n':
			flush(i + 1)
		case (r == '.' || r == '!' || r == '?' || r == '…') && i+1 < len(rs) && (rs[i+1] == ' ' || rs[i+1] == '\n'):
			flush(i + 1)
		}
	}
	flush(len(rs))
	return out
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
