package search

import (
	"cmp"
	"slices"
	"strings"
)

// Filter names of Result.Suggestions.
const (
	FilterDistrict = "district"
	FilterProvince = "province"
	FilterCategory = "category"
	FilterAuthor   = "author"
)

// MaxSuggestions bounds the names suggested for one filter.
const MaxSuggestions = 5

// Suggest returns the values closest to value, best first, at most
// MaxSuggestions, compared by FilterKey: a value that starts with, contains
// or is contained in what was typed first, then by edit distance, then
// shared words. Values too far from it to be a likely intent are left out.
// Both backends pass every value the store has for the field.
func Suggest(value string, values []string) []string {
	key := FilterKey(value)
	if key == "" {
		return nil
	}
	kw := strings.Fields(key)
	type cand struct {
		v     string
		class int // 0: prefix, 1: contains, 2: close by distance or words
		dist  int
	}
	var cs []cand
	seen := map[string]bool{}
	for _, v := range values {
		ck := FilterKey(v)
		if ck == "" || seen[v] {
			continue
		}
		seen[v] = true
		d := editDistance(key, ck)
		c := cand{v: v, dist: d, class: 3}
		switch {
		case strings.HasPrefix(ck, key):
			c.class = 0
		case strings.Contains(ck, key) || strings.Contains(key, ck):
			c.class = 1
		case d <= max(2, len([]rune(key))/3):
			c.class = 2
		default:
			shared := 0
			for _, w := range strings.Fields(ck) {
				if len(w) > 2 && slices.Contains(kw, w) {
					shared++
				}
			}
			if shared > 0 {
				c.class, c.dist = 2, d+len(kw)-shared
			}
		}
		if c.class < 3 {
			cs = append(cs, c)
		}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.class, b.class), cmp.Compare(a.dist, b.dist), strings.Compare(a.v, b.v))
	})
	var out []string
	for _, c := range cs[:min(MaxSuggestions, len(cs))] {
		out = append(out, c.v)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// FilterValues lists the filters of q and of its parsed text that
// Suggestions may be given for: filter name to the values typed.
func FilterValues(q Query, p Parsed) map[string][]string {
	out := map[string][]string{}
	for name, v := range map[string]string{FilterDistrict: q.District, FilterProvince: q.Province,
		FilterCategory: q.Category, FilterAuthor: q.Author} {
		if FilterKey(v) != "" {
			out[name] = append(out[name], v)
		}
	}
	out[FilterDistrict] = append(out[FilterDistrict], p.Districts...)
	if len(out[FilterDistrict]) == 0 {
		delete(out, FilterDistrict)
	}
	return out
}

// Suggestions fills a result's suggestions: for each filter value that
// none of the store's values (known: filter name to every value the store
// has) matches by FilterKey, the closest names. Nil when every value
// matches something.
func Suggestions(typed map[string][]string, known map[string][]string) map[string][]string {
	var out map[string][]string
	for name, vs := range typed {
		keys := map[string]bool{}
		for _, k := range known[name] {
			keys[FilterKey(k)] = true
		}
		for _, v := range vs {
			if keys[FilterKey(v)] {
				continue
			}
			if out == nil {
				out = map[string][]string{}
			}
			out[name] = append(out[name], Suggest(v, known[name])...)
			if out[name] == nil {
				out[name] = []string{}
			}
		}
	}
	return out
}
