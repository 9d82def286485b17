package search

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dra-archive/dra/vietnamese"
)

// QuerySyntax describes what the search box accepts. The CLI's help, the
// UI's help and the OpenAPI description say the same.
const QuerySyntax = `Words match with or without diacritics and in either tone placement
(hoà = hòa); they are found in the title, the body, the byline (authors and
their units), the district and province, and the document codes cited.
  năng lực lãnh đạo      all words rank first; of 3-5 words one may be missing,
                         of 6-8 two, of 9-11 three (one more every three words)
  "dân vận khéo"         a phrase: these words, in this order (must match)
  09-ĐA/HU               a document code, matched whole (must match)
  -word  -"a phrase"     exclude articles with the word or phrase (also NOT word)
  hộ OR "cận nghèo"      either side (OR joins the word or phrase on each side)
  author:"Thu Hà"        an author's name, or part of it, in the byline
  district:"son tay"     articles of that district (any case, no diacritics needed)
  code:01-CTr/HU         a cited document code
  year:2019  year:2016-2020   published in that year or range (Asia/Ho_Chi_Minh)
AND between words is accepted and changes nothing. Put a value with spaces in
double quotes. An unclosed quote, an unknown field: prefix, a prefix without a
value, OR or NOT without a word on each side, or a bad year is an error that
says what and where.`

// Parsed is a query text split by ParseText. Texts are normalised
// (vietnamese.Normalize), not folded.
type Parsed struct {
	// Terms are the bare words as typed, in order (repeats kept, for the
	// phrase and shingle ranking): at least MinShouldMatch of the distinct
	// ones (DistinctTerms) must match.
	Terms   []string
	Phrases []string // quoted phrases: each must match
	Codes   []string // document codes, bare or code:, as typed: each must match
	// AnyOf are OR groups: one of the alternatives (a word, phrase or code)
	// must match.
	AnyOf [][]string
	// Exclude are -word, -"phrase" and NOT word: an article matching any of
	// them (as a phrase, on the folded views) is left out.
	Exclude []string
	// Authors are author: values: the name (its words, adjacent) must be in
	// the article's authors.
	Authors []string
	// Districts are district: values: the article's district must be one
	// of them (by FilterKey).
	Districts []string
	// From and To are the bounds of a year: prefix (Asia/Ho_Chi_Minh),
	// zero without one.
	From, To time.Time
}

// Empty reports whether p has nothing that matches text: no terms,
// phrases, codes, OR groups or authors. Such a query matches every
// article, less the exclusions, in the filters.
func (p Parsed) Empty() bool {
	return len(p.Terms)+len(p.Phrases)+len(p.Codes)+len(p.AnyOf)+len(p.Authors) == 0
}

// HasText reports whether p has anything to highlight.
func (p Parsed) HasText() bool { return !p.Empty() }

// DistinctTerms returns the terms once each, by folded form, in order.
func (p Parsed) DistinctTerms() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range p.Terms {
		if f := vietnamese.Folded(t); !seen[f] {
			seen[f] = true
			out = append(out, t)
		}
	}
	return out
}

// MinShouldMatch is how many of n distinct bare words an article must have:
// all of one or two words; then one word may be missing per three words
// beyond two (3-5 words: n-1, 6-8: n-2, 9-11: n-3, ...). Phrases, codes,
// OR groups and prefixes always match in full.
func MinShouldMatch(n int) int {
	if n <= 2 {
		return n
	}
	return n - n/3 // n - ceil((n-2)/3)
}

// Constant scores both backends add, far above any text score of either
// (see search/bleve/query.go): an article with every word typed ranks
// first; then one signed, or placed, by words typed together.
const (
	AllTermsScore = 10000.0
	NameScore     = 1000.0
)

// codeRe matches document codes: 01-CTr/HU, 09-ĐA/HU, 123/QĐ-UBND, 30/2020/NĐ-CP.
var codeRe = regexp.MustCompile(`^[0-9]+(?:/[0-9]{4})?[-/][\p{L}]+(?:[-/][\p{L}0-9]+)+$`)

// IsDocumentCode reports whether s looks like a whole document code.
func IsDocumentCode(s string) bool { return codeRe.MatchString(vietnamese.Normalize(s)) }

// Field prefixes of the query syntax.
const (
	PrefixAuthor   = "author"
	PrefixDistrict = "district"
	PrefixCode     = "code"
	PrefixYear     = "year"
)

// maxYearSpan bounds a year: range.
const maxYearSpan = 100

// token is one unit of a query text: a word or a quoted phrase, with its
// sign and field prefix.
type token struct {
	text   string
	quoted bool
	neg    bool
	prefix string
	pos    int // rune position of its first character, 1-based
}

// ParseText splits a free-text query (see QuerySyntax). What it cannot read
// is an ErrBadQuery saying what and where: an unclosed quote, an unknown
// field prefix, a prefix without a value, OR or NOT without a word on each
// side, a bad year; so are invalid UTF-8 and a query over 500 characters.
// User input only ever becomes these lists, never an engine's query syntax.
func ParseText(text string) (Parsed, error) {
	var p Parsed
	if !utf8.ValidString(text) {
		return p, fmt.Errorf("%w: query is not valid UTF-8", ErrBadQuery)
	}
	if utf8.RuneCountInString(text) > 500 {
		return p, fmt.Errorf("%w: query longer than 500 characters", ErrBadQuery)
	}
	toks, err := lex(vietnamese.Normalize(text))
	if err != nil {
		return p, err
	}
	// alt is one alternative of an OR group, or a required unit.
	type unit struct {
		tok   token
		words []string // Words of the text
		code  bool
	}
	var units []unit
	orAt := map[int]token{} // OR before units[i]
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		if !tk.quoted && tk.prefix == "" && !tk.neg {
			switch tk.text {
			case "AND":
				continue
			case "OR":
				if len(units) == 0 || i+1 == len(toks) || toks[i+1].text == "OR" && !toks[i+1].quoted {
					return p, fmt.Errorf("%w: OR at character %d needs a word or phrase on each side", ErrBadQuery, tk.pos)
				}
				if _, dup := orAt[len(units)]; dup {
					return p, fmt.Errorf("%w: OR at character %d needs a word or phrase on each side", ErrBadQuery, tk.pos)
				}
				orAt[len(units)] = tk
				continue
			case "NOT":
				if i+1 == len(toks) || toks[i+1].neg || toks[i+1].prefix != "" {
					return p, fmt.Errorf("%w: NOT at character %d needs a word or phrase after it", ErrBadQuery, tk.pos)
				}
				toks[i+1].neg = true
				continue
			}
		}
		switch tk.prefix {
		case "":
		case PrefixAuthor, PrefixDistrict, PrefixYear:
			if tk.neg {
				return p, fmt.Errorf("%w: -%s: at character %d: a field prefix cannot be excluded", ErrBadQuery, tk.prefix, tk.pos)
			}
			if _, ok := orAt[len(units)]; ok {
				return p, fmt.Errorf("%w: %s: at character %d cannot be joined by OR", ErrBadQuery, tk.prefix, tk.pos)
			}
			if err := p.addPrefix(tk); err != nil {
				return p, err
			}
			continue
		}
		u := unit{tok: tk, words: Words(tk.text)}
		if tk.prefix == PrefixCode || !tk.quoted && IsDocumentCode(tk.text) {
			u.code = true
		}
		if len(u.words) == 0 {
			if _, ok := orAt[len(units)]; ok {
				return p, fmt.Errorf("%w: OR before character %d needs a word or phrase on each side", ErrBadQuery, tk.pos)
			}
			continue
		}
		if tk.neg {
			if _, ok := orAt[len(units)]; ok {
				return p, fmt.Errorf("%w: OR before character %d cannot join an exclusion", ErrBadQuery, tk.pos)
			}
			p.Exclude = append(p.Exclude, strings.Join(u.words, " "))
			continue
		}
		units = append(units, u)
	}
	if _, ok := orAt[len(units)]; ok {
		return p, fmt.Errorf("%w: OR at character %d needs a word or phrase on each side", ErrBadQuery, orAt[len(units)].pos)
	}
	for i := 0; i < len(units); {
		j := i + 1
		for j < len(units) {
			if _, ok := orAt[j]; !ok {
				break
			}
			j++
		}
		if j-i > 1 {
			var group []string
			for _, u := range units[i:j] {
				if u.code {
					group = append(group, strings.TrimSpace(u.tok.text))
				} else {
					group = append(group, strings.Join(u.words, " "))
				}
			}
			p.AnyOf = append(p.AnyOf, group)
			i = j
			continue
		}
		u := units[i]
		switch {
		case u.code:
			p.Codes = append(p.Codes, strings.TrimSpace(u.tok.text))
		case u.tok.quoted:
			p.Phrases = append(p.Phrases, strings.Join(u.words, " "))
		default:
			p.Terms = append(p.Terms, u.words...)
		}
		i = j
	}
	return p, nil
}

// addPrefix records an author:, district: or year: token.
func (p *Parsed) addPrefix(tk token) error {
	v := strings.Join(Words(tk.text), " ")
	if v == "" {
		return fmt.Errorf("%w: %s: at character %d needs a value (put one with spaces in double quotes)", ErrBadQuery, tk.prefix, tk.pos)
	}
	switch tk.prefix {
	case PrefixAuthor:
		p.Authors = append(p.Authors, v)
	case PrefixDistrict:
		p.Districts = append(p.Districts, v)
	case PrefixYear:
		if !p.From.IsZero() {
			return fmt.Errorf("%w: a second year: at character %d; give one year or range, e.g. year:2016-2020", ErrBadQuery, tk.pos)
		}
		from, to, err := yearRange(strings.TrimSpace(tk.text))
		if err != nil {
			return fmt.Errorf("%w: year:%s at character %d: %v", ErrBadQuery, tk.text, tk.pos, err)
		}
		p.From, p.To = from, to
	}
	return nil
}

// yearRange reads "2019" or "2016-2020" as the instants that bound those
// years in Asia/Ho_Chi_Minh.
func yearRange(s string) (time.Time, time.Time, error) {
	a, b, isRange := strings.Cut(s, "-")
	if !isRange {
		b = a
	}
	y1, err1 := strconv.Atoi(strings.TrimSpace(a))
	y2, err2 := strconv.Atoi(strings.TrimSpace(b))
	switch {
	case err1 != nil || err2 != nil || len(strings.TrimSpace(a)) != 4 || len(strings.TrimSpace(b)) != 4:
		return time.Time{}, time.Time{}, fmt.Errorf("want a year (year:2019) or a range (year:2016-2020)")
	case y1 > y2:
		return time.Time{}, time.Time{}, fmt.Errorf("the range ends before it starts")
	case y2-y1 > maxYearSpan:
		return time.Time{}, time.Time{}, fmt.Errorf("a range of at most %d years", maxYearSpan)
	}
	tz := vietnamese.TimeZone
	from := time.Date(y1, 1, 1, 0, 0, 0, 0, tz)
	to := time.Date(y2+1, 1, 1, 0, 0, 0, 0, tz).Add(-time.Millisecond)
	return from, to, nil
}

// lex splits a normalised query into tokens: quoted phrases (an optional -
// or field: before the opening quote) and whitespace-separated words (an
// optional - or field: in front).
func lex(text string) ([]token, error) {
	rs := []rune(text)
	var out []token
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		tk := token{pos: i + 1}
		j := i
		if rs[j] == '-' && j+1 < len(rs) && (rs[j+1] == '"' || isLetterOrDigit(rs[j+1])) {
			tk.neg = true
			j++
		}
		// A field prefix: ASCII letters, then ':' and a value or a quote.
		k := j
		for k < len(rs) && ('a' <= rs[k] && rs[k] <= 'z' || 'A' <= rs[k] && rs[k] <= 'Z') {
			k++
		}
		if k > j && k < len(rs) && rs[k] == ':' {
			name := strings.ToLower(string(rs[j:k]))
			switch name {
			case PrefixAuthor, PrefixDistrict, PrefixCode, PrefixYear:
				tk.prefix = name
				j = k + 1
				if j == len(rs) || unicode.IsSpace(rs[j]) {
					return nil, fmt.Errorf("%w: %s: at character %d needs a value (put one with spaces in double quotes)", ErrBadQuery, name, tk.pos)
				}
			default:
				if k+1 < len(rs) && (rs[k+1] == '"' || isLetterOrDigit(rs[k+1])) {
					return nil, fmt.Errorf("%w: unknown field %q at character %d; the fields are author:, district:, code: and year:",
						ErrBadQuery, string(rs[j:k+1]), tk.pos)
				}
			}
		}
		if j < len(rs) && rs[j] == '"' {
			end := j + 1
			for end < len(rs) && rs[end] != '"' {
				end++
			}
			if end == len(rs) {
				return nil, fmt.Errorf("%w: the quote at character %d is not closed", ErrBadQuery, j+1)
			}
			tk.text, tk.quoted = string(rs[j+1:end]), true
			out = append(out, tk)
			i = end + 1
			continue
		}
		end := j
		for end < len(rs) && !unicode.IsSpace(rs[end]) && rs[end] != '"' {
			end++
		}
		tk.text = strings.Trim(string(rs[j:end]), ".,;:!?()[]{}“”'")
		out = append(out, tk)
		i = end
	}
	return out, nil
}

// FilterKey is the form filter values are compared in: the words of the
// folded view, lowercase, joined by single spaces, so "Sơn Tây", "son tay",
// "SƠN TÂY" and "Sơn  Tây" are one key, "Hoà" and "Hòa" too, and "Đảng,
// đoàn thể" is "Đảng - đoàn thể".
func FilterKey(s string) string {
	return strings.Join(Words(vietnamese.Folded(s)), " ")
}

// NamesText is the text of an article's names that the search box finds
// besides its title and body: the byline (authors and their units), the
// authors the byline does not spell out, the district and province, and
// the document codes it cites. Both backends index its views.
func NamesText(a Article) string {
	var parts []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	add(a.Byline)
	byline := FilterKey(a.Byline)
	for _, au := range a.Authors {
		if k := FilterKey(au); k != "" && !strings.Contains(" "+byline+" ", " "+k+" ") {
			add(au)
		}
	}
	add(a.District)
	add(a.Province)
	for _, d := range a.Documents {
		add(d)
	}
	return strings.Join(parts, "\n")
}

// Intersect returns the bounds of two inclusive date ranges together (a
// zero bound is open). An empty intersection is returned as it is (from
// after to), which matches nothing.
func Intersect(from1, to1, from2, to2 time.Time) (from, to time.Time) {
	from, to = from1, to1
	if !from2.IsZero() && (from.IsZero() || from2.After(from)) {
		from = from2
	}
	if !to2.IsZero() && (to.IsZero() || to2.Before(to)) {
		to = to2
	}
	return from, to
}
