package facts

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/vietnamese"
)

// Periods: what span of time each figure reports on.
//
// A figure's period is read from the nearest period phrase in its own
// sentence (inside its clause first, then before it, then after it), then
// from an earlier sentence of its paragraph, then from the title, and only
// then from the publish date; event.Period.Found records which. A phrase
// that lacks its year ("trong năm", "6 tháng đầu năm", "nhiệm kỳ") takes
// it from the paragraph, the title or the article's first multi-year
// period, else from the publish date. Years that are not the figure's
// period are skipped: comparisons ("so với năm 2015"), horizons and plans
// ("đến năm 2020", "nhiệm vụ năm 2017", "phấn đấu năm 2017").

// periodKindRef is a period phrase whose years may be missing.
type periodMention struct {
	a, b     int // rune offsets of the phrase
	kind     string
	y1, y2   int // years; 0 when the phrase does not say
	n1, n2   int // month and day, quarter or half (1, 2) as the kind needs
	sinceYr  bool
	now      bool // the level on the publish date: "hiện nay", "đến nay"
	sinceTrm bool // cumulative since the term's start
	yearEnd  bool // "cuối năm", "hết năm": the year's last day
}

const (
	reY = `((?:19|20)\d\d)`
	reD = `\s*[-–—]\s*`
)

// periodRules are the period phrases. Each starts with a literal prefix:
// the text is searched for the prefix (strings.Index, fast) and the rule's
// expression is tried only there, anchored, on a short window. Where two
// phrases overlap, the one that starts first (then the longer) wins.
var periodRules = []struct {
	prefix string
	re     *regexp.Regexp
	parse  func(g []string) periodMention
}{
	{"từ đầu nhiệm k", rule(`từ đầu nhiệm k[ỳì](?: đến nay)?`), func([]string) periodMention {
		return periodMention{kind: event.PeriodCumulative, sinceTrm: true}
	}},
	{"từ đầu năm", rule(`từ đầu năm(?: ` + reY + `)?(?: đến nay| tới nay)?`), func(g []string) periodMention {
		return periodMention{kind: event.PeriodCumulative, y1: atoi(g[0]), sinceYr: true}
	}},
	{"lũy kế", rule(`lũy kế`), cumulative},
	{"luỹ kế", rule(`luỹ kế`), cumulative},
	{"năm học ", rule(`năm học ` + reY + reD + reY), func(g []string) periodMention {
		return periodMention{kind: event.PeriodSchoolYear, y1: atoi(g[0]), y2: atoi(g[1])}
	}},
	{"nhiệm k", rule(`nhiệm k[ỳì](?:(?: từ)?(?: năm)? ?` + reY + `(?:` + reD + `| đến(?: hết)? )(?:năm )?` + reY + `)?`), term},
	{"giai đoạn", rule(`giai đoạn(?: từ)?(?: năm)? ?` + reY + `(?:` + reD + `| đến(?: hết)? )(?:năm )?` + reY), term},
	{"thời k", rule(`thời k[ỳì](?: từ)?(?: năm)? ?` + reY + `(?:` + reD + `| đến(?: hết)? )(?:năm )?` + reY), term},
	{"từ năm ", rule(`từ năm ` + reY + ` đến(?: hết)? năm ` + reY), term},
	{"hết năm", rule(`hết năm(?: ` + reY + `)?`), yearEnd},
	{"cuối năm", rule(`cuối năm(?: ` + reY + `)?`), yearEnd},
	{"đến nay", rule(`đến nay`), now},
	{"hiện nay", rule(`hiện nay`), now},
	{"hiện có", rule(`hiện có`), now},
	{"hiện đang", rule(`hiện đang`), now},
	{"6 tháng ", rule(`6 tháng (?:(đầu|cuối) năm(?: ` + reY + `)?|năm ` + reY + `)`), halfYear},
	{"sáu tháng ", rule(`sáu tháng (?:(đầu|cuối) năm(?: ` + reY + `)?|năm ` + reY + `)`), halfYear},
	{"nửa ", rule(`nửa (đầu|cuối) năm(?: ` + reY + `)?`), func(g []string) periodMention {
		return periodMention{kind: event.PeriodHalf, n1: half(g[0]), y1: atoi(g[1])}
	}},
	{"9 tháng", rule(`9 tháng(?: đầu)? năm(?: ` + reY + `)?`), months(event.PeriodNineMonths)},
	{"chín tháng", rule(`chín tháng(?: đầu)? năm(?: ` + reY + `)?`), months(event.PeriodNineMonths)},
	{"10 tháng", rule(`10 tháng(?: đầu)? năm(?: ` + reY + `)?`), months(event.PeriodTenMonths)},
	{"mười tháng", rule(`mười tháng(?: đầu)? năm(?: ` + reY + `)?`), months(event.PeriodTenMonths)},
	{"quý ", rule(`quý (iv|iii|ii|i|[1-4])(?:\s*(?:/|năm|-)\s*` + reY + `)?`), quarterOf},
	{"quí ", rule(`quí (iv|iii|ii|i|[1-4])(?:\s*(?:/|năm|-)\s*` + reY + `)?`), quarterOf},
	{"tháng ", rule(`tháng (\d{1,2})\s*(?:/|năm)\s*` + reY), func(g []string) periodMention {
		return periodMention{kind: event.PeriodMonth, n1: atoi(g[0]), y1: atoi(g[1])}
	}},
	{"trong tháng ", rule(`trong tháng (\d{1,2})`), func(g []string) periodMention {
		return periodMention{kind: event.PeriodMonth, n1: atoi(g[0])}
	}},
	{"trong năm", rule(`trong năm(?: ` + reY + `)?`), yearOrContext},
	{"cả năm", rule(`cả năm(?: ` + reY + `)?`), yearOrContext},
	{"của năm", rule(`của năm(?: ` + reY + `)?`), yearOrContext},
	{"năm ", rule(`năm (?:` + reY + `(?:` + reD + reY + `)?|nay|qua)`), func(g []string) periodMention {
		switch {
		case g[0] == "":
			return periodMention{kind: event.PeriodYear} // "năm nay", "năm qua": the report's year
		case g[1] != "":
			return periodMention{kind: event.PeriodTerm, y1: atoi(g[0]), y2: atoi(g[1])}
		}
		return periodMention{kind: event.PeriodYear, y1: atoi(g[0])}
	}},
}

// periodRulesByByte indexes periodRules by their prefix's first byte.
var periodRulesByByte = func() (t [256][]int) {
	for i, r := range periodRules {
		t[r.prefix[0]] = append(t[r.prefix[0]], i)
	}
	return t
}()

// rule compiles a period expression anchored at the window's start.
func rule(expr string) *regexp.Regexp { return regexp.MustCompile(`^(?:` + expr + `)`) }

func cumulative([]string) periodMention { return periodMention{kind: event.PeriodCumulative} }

func term(g []string) periodMention {
	if len(g) < 2 || g[0] == "" {
		return periodMention{kind: event.PeriodTerm} // a bare "nhiệm kỳ"
	}
	return periodMention{kind: event.PeriodTerm, y1: atoi(g[0]), y2: atoi(g[1])}
}

func yearEnd(g []string) periodMention {
	return periodMention{kind: event.PeriodDate, n1: 12, n2: 31, y1: atoi(g[0]), yearEnd: true}
}

func now([]string) periodMention { return periodMention{kind: event.PeriodDate, now: true} }

func halfYear(g []string) periodMention {
	if g[0] == "" {
		return periodMention{kind: event.PeriodHalf, n1: 1, y1: atoi(g[2])} // "6 tháng năm 2019"
	}
	return periodMention{kind: event.PeriodHalf, n1: half(g[0]), y1: atoi(g[1])}
}

func months(kind string) func(g []string) periodMention {
	return func(g []string) periodMention { return periodMention{kind: kind, y1: atoi(g[0])} }
}

func quarterOf(g []string) periodMention {
	return periodMention{kind: event.PeriodQuarter, n1: quarter(g[0]), y1: atoi(g[1])}
}

func yearOrContext(g []string) periodMention {
	return periodMention{kind: event.PeriodYear, y1: atoi(g[0])}
}

// window bounds how far a period phrase reaches after its prefix.
const window = 96

// notPeriodBefore are words that, right before a period phrase, make it
// something else than the period of the figures around it: a comparison,
// a horizon, next year's tasks or a plan.
var notPeriodBefore = []string{"so với", "so", "bằng", "hơn", "đến", "tới", "nhiệm vụ", "phương hướng", "triển khai",
	"mục tiêu", "phấn đấu", "sang", "từ", "trước", "sau"}

// notNowBefore are syllables that make "hiện ..." part of another word.
var notNowBefore = []string{"thực", "thể", "xuất", "phát", "biểu", "hiển", "tái"}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func half(w string) int {
	if w == "cuối" {
		return 2
	}
	return 1
}

func quarter(w string) int {
	switch w {
	case "i", "1":
		return 1
	case "ii", "2":
		return 2
	case "iii", "3":
		return 3
	}
	return 4
}

// notComparedBefore are the words of notPeriodBefore that make a year-end
// phrase a comparison ("so với cuối năm 2018"); "đến cuối năm" is a level.
var notComparedBefore = []string{"so với", "so", "bằng", "hơn"}

// findPeriodMentions lists the period phrases of low (lowercased,
// normalised text), in order, with rune offsets; phrases that are not a
// figure's period (see notPeriodBefore) are left out. It is linear in the
// text: at each word start, the rules whose prefix starts with the same
// byte are tried, and a rule's expression runs on a window of at most
// window bytes there.
func findPeriodMentions(low string) []periodMention {
	type hit struct {
		a, b int // byte offsets
		m    periodMention
	}
	var hits []hit
	// One pass over the word starts; only the rules whose prefix starts
	// with the word's first byte are tried there.
	prevWord := false
	for a, c := range low {
		word := isWordRune(c)
		start := word && !prevWord
		prevWord = word
		if !start {
			continue
		}
		for _, ri := range periodRulesByByte[low[a]] {
			r := &periodRules[ri]
			if !strings.HasPrefix(low[a:], r.prefix) {
				continue
			}
			w := low[a:min(len(low), a+window)]
			loc := r.re.FindStringSubmatchIndex(w)
			if loc == nil {
				continue
			}
			b := a + loc[1]
			if b < len(low) {
				if c, _ := utf8.DecodeRuneInString(low[b:]); isWordRune(c) {
					continue
				}
			}
			subs := make([]string, len(loc)/2-1)
			for k := range subs {
				if s, e := loc[2*k+2], loc[2*k+3]; s >= 0 {
					subs[k] = w[s:e]
				}
			}
			hits = append(hits, hit{a, b, r.parse(subs)})
		}
	}
	// Bare year ranges: "2015 - 2020".
	for _, rg := range yearRanges(low) {
		hits = append(hits, hit{rg[0], rg[1], periodMention{kind: event.PeriodTerm,
			y1: atoi(low[rg[0] : rg[0]+4]), y2: atoi(low[rg[1]-4 : rg[1]])}})
	}
	// Dates "31/12/2019" after "tính đến", "đến", "tới", "đến hết",
	// "tại thời điểm" (and an optional "ngày").
	for _, d := range dates(low) {
		before := strings.TrimSuffix(strings.TrimRight(low[:d.a], " "), "ngày")
		if precededBy(before, []string{"tính đến", "tính tới", "đến hết", "đến", "tới", "tại thời điểm"}) {
			hits = append(hits, hit{d.a, d.b, periodMention{kind: event.PeriodDate, n2: d.d, n1: d.m, y1: d.y}})
		}
	}
	slices.SortFunc(hits, func(x, y hit) int {
		if x.a != y.a {
			return x.a - y.a
		}
		return y.b - x.b
	})
	var out []periodMention
	runeAt, byteAt, end := 0, 0, 0
	for _, h := range hits {
		if h.a < end {
			continue // inside a phrase already taken
		}
		m := h.m
		switch {
		case m.now:
			if precededBy(low[:h.a], notNowBefore) {
				continue // "thực hiện có hiệu quả" is not "hiện có"
			}
		case m.yearEnd:
			if precededBy(low[:h.a], notComparedBefore) {
				continue
			}
		case m.kind != event.PeriodCumulative && m.kind != event.PeriodDate:
			if precededBy(low[:h.a], notPeriodBefore) {
				continue
			}
		}
		if !validYears(m) {
			continue
		}
		end = h.b
		runeAt += utf8.RuneCountInString(low[byteAt:h.a])
		byteAt = h.a
		m.a = runeAt
		m.b = runeAt + utf8.RuneCountInString(low[h.a:h.b])
		out = append(out, m)
	}
	return out
}

// yearRanges returns the byte spans of "YYYY - YYYY" (19xx or 20xx, any
// dash) that stand as words.
func yearRanges(s string) [][2]int {
	var out [][2]int
	for i := 0; i+4 <= len(s); i++ {
		if !isYearAt(s, i) || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		j := skipSpaces(s, i+4)
		switch {
		case j < len(s) && s[j] == '-':
			j++
		case strings.HasPrefix(s[j:], "–") || strings.HasPrefix(s[j:], "—"):
			j += len("–")
		default:
			continue
		}
		k := skipSpaces(s, j)
		if !isYearAt(s, k) || k+4 < len(s) && isWordByte(s[k+4]) {
			continue
		}
		out = append(out, [2]int{i, k + 4})
		i = k + 3
	}
	return out
}

type dayMention struct{ a, b, d, m, y int }

// dates returns the "D/M/YYYY" dates of s (byte spans).
func dates(s string) []dayMention {
	var out []dayMention
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '/')
		if j < 0 {
			return out
		}
		p := i + j
		i = p + 1
		a := p
		for a > 0 && a > p-2 && isDigit(s[a-1]) {
			a--
		}
		if a == p || a > 0 && isWordByte(s[a-1]) {
			continue
		}
		q := p + 1
		for q < len(s) && q < p+3 && isDigit(s[q]) {
			q++
		}
		if q == p+1 || q >= len(s) || s[q] != '/' || !isYearAt(s, q+1) || q+5 < len(s) && isWordByte(s[q+5]) {
			continue
		}
		out = append(out, dayMention{a: a, b: q + 5, d: atoi(s[a:p]), m: atoi(s[p+1 : q]), y: atoi(s[q+1 : q+5])})
		i = q + 5
	}
}

func isWordRune(r rune) bool {
	if 0 <= r && r < latinEnd {
		return runeClass[r]&classWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// precededBy reports whether s ends with one of the words (as whole words)
// followed by spaces.
func precededBy(s string, words []string) bool {
	s = strings.TrimRight(s, " ")
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			if rest := s[:len(s)-len(w)]; rest == "" {
				return true
			} else if r, _ := utf8.DecodeLastRuneInString(rest); !isWordRune(r) {
				return true
			}
		}
	}
	return false
}

func validYears(m periodMention) bool {
	for _, y := range []int{m.y1, m.y2} {
		if y != 0 && (y < 1945 || y > 2100) {
			return false
		}
	}
	if m.kind == event.PeriodTerm && m.y1 != 0 && (m.y2 <= m.y1 || m.y2-m.y1 > 10) {
		return false
	}
	if m.kind == event.PeriodSchoolYear && m.y2 != m.y1+1 {
		return false
	}
	switch m.kind {
	case event.PeriodMonth:
		return m.n1 >= 1 && m.n1 <= 12
	case event.PeriodDate:
		if m.n1 != 0 {
			_, ok := makeDay(m.y1, m.n1, m.n2)
			return ok || m.y1 == 0
		}
	}
	return true
}

func makeDay(y, mo, d int) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, vietnamese.TimeZone)
	return t, t.Day() == d
}

// periodContext supplies what a phrase lacks: a year and a term.
type periodContext struct {
	paraYear  int // a year named earlier in the paragraph (0: none)
	titleYear int
	term      [2]int // the article's first multi-year period
	published *time.Time
}

// reportYear is the year a phrase without one is about: the paragraph's,
// the title's, else the publish date's (the previous year for a report
// published in January or February, when year-end reports come out).
func (c periodContext) reportYear() int {
	switch {
	case c.paraYear != 0:
		return c.paraYear
	case c.titleYear != 0:
		return c.titleYear
	case c.published != nil:
		t := c.published.In(vietnamese.TimeZone)
		if t.Month() <= time.February {
			return t.Year() - 1
		}
		return t.Year()
	}
	return 0
}

func (c periodContext) publishedDay() (time.Time, bool) {
	if c.published == nil {
		return time.Time{}, false
	}
	t := c.published.In(vietnamese.TimeZone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, vietnamese.TimeZone), true
}

// termOf is the party congress term (congresses every 5 years: 2010,
// 2015, 2020, 2025, held mid-year) a day falls in: the term a bare
// "nhiệm kỳ" means when the article names none.
func termOf(t time.Time) [2]int {
	start := t.Year() - ((t.Year()%5)+5)%5
	if start == t.Year() && t.Month() < time.July {
		start -= 5 // before the congress the ending term still runs
	}
	return [2]int{start, start + 5}
}

// resolve turns a mention into a period, filling what it lacks from c.
func (m periodMention) resolve(c periodContext, found string) (event.Period, bool) {
	p := event.Period{Kind: m.kind, Found: found}
	y := m.y1
	if y == 0 && m.kind != event.PeriodTerm && m.kind != event.PeriodCumulative && !m.now {
		y = c.reportYear()
		if y == 0 {
			return p, false
		}
	}
	ds := func(t time.Time) string { return t.Format(dayLayout) }
	switch m.kind {
	case event.PeriodYear:
		p.Start, p.End, p.Label = fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-12-31", y), strconv.Itoa(y)
	case event.PeriodHalf:
		if m.n1 == 2 {
			p.Start, p.End = fmt.Sprintf("%d-07-01", y), fmt.Sprintf("%d-12-31", y)
		} else {
			p.Start, p.End = fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-06-30", y)
		}
		p.Label = fmt.Sprintf("%d-H%d", y, max(m.n1, 1))
	case event.PeriodNineMonths:
		p.Start, p.End, p.Label = fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-09-30", y), fmt.Sprintf("%d-9M", y)
	case event.PeriodTenMonths:
		p.Start, p.End, p.Label = fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-10-31", y), fmt.Sprintf("%d-10M", y)
	case event.PeriodQuarter:
		s := time.Date(y, time.Month(3*(m.n1-1)+1), 1, 0, 0, 0, 0, vietnamese.TimeZone)
		p.Start, p.End, p.Label = ds(s), ds(s.AddDate(0, 3, -1)), fmt.Sprintf("%d-Q%d", y, m.n1)
	case event.PeriodMonth:
		s := time.Date(y, time.Month(m.n1), 1, 0, 0, 0, 0, vietnamese.TimeZone)
		p.Start, p.End, p.Label = ds(s), ds(s.AddDate(0, 1, -1)), s.Format("2006-01")
	case event.PeriodSchoolYear:
		p.Start, p.End, p.Label = fmt.Sprintf("%d-09-01", y), fmt.Sprintf("%d-05-31", m.y2), fmt.Sprintf("%d-%d", y, m.y2)
	case event.PeriodTerm:
		t := [2]int{m.y1, m.y2}
		if t[0] == 0 {
			t = c.term
		}
		if t[0] == 0 {
			pd, ok := c.publishedDay()
			if !ok {
				return p, false
			}
			t = termOf(pd)
		}
		p.Start, p.End, p.Label = fmt.Sprintf("%d-01-01", t[0]), fmt.Sprintf("%d-12-31", t[1]), fmt.Sprintf("%d-%d", t[0], t[1])
	case event.PeriodDate:
		var d time.Time
		if m.now {
			var ok bool
			if d, ok = c.publishedDay(); !ok {
				return p, false
			}
		} else {
			var ok bool
			if d, ok = makeDay(y, m.n1, m.n2); !ok {
				return p, false
			}
		}
		p.Start, p.End, p.Label = ds(d), ds(d), ds(d)
	case event.PeriodCumulative:
		end, ok := c.publishedDay()
		if !ok {
			return p, false
		}
		p.End = ds(end)
		switch {
		case m.sinceYr:
			if y == 0 {
				y = end.Year()
			}
			p.Start = fmt.Sprintf("%d-01-01", y)
		case m.sinceTrm:
			t := c.term
			if t[0] == 0 || t[0] > end.Year() {
				t = termOf(end)
			}
			p.Start = fmt.Sprintf("%d-01-01", t[0])
		}
		p.Label = "to " + p.End
		if p.Start != "" {
			p.Label = p.Start + " to " + p.End
		}
	default:
		return p, false
	}
	return p, true
}

// dayLayout is the layout of period days.
const dayLayout = "2006-01-02"

// yearOf is the year a mention states, for the context of others: a year,
// a half, a quarter, a month, a day; 0 for the rest.
func (m periodMention) yearOf() int {
	switch m.kind {
	case event.PeriodYear, event.PeriodHalf, event.PeriodNineMonths, event.PeriodTenMonths,
		event.PeriodQuarter, event.PeriodMonth, event.PeriodDate:
		return m.y1
	}
	return 0
}

// periodText is a text's period phrases and its sentence and paragraph
// bounds, in runes.
type periodText struct {
	low       string
	mentions  []periodMention
	estimates []int // rune offsets where an estimate phrase ends
	sentences []int // start of each sentence
	paras     []int // start of each paragraph
	runes     int
}

func newPeriodText(low string) *periodText {
	pt := &periodText{low: low, mentions: findPeriodMentions(low), estimates: estimateEnds(low), sentences: []int{0}, paras: []int{0}}
	i := 0
	prev := rune(0)
	for _, r := range low {
		switch {
		case r == '\n':
			pt.paras = append(pt.paras, i+1)
			pt.sentences = append(pt.sentences, i+1)
		case unicode.IsSpace(r) && (prev == '.' || prev == '!' || prev == '?'):
			pt.sentences = append(pt.sentences, i+1)
		}
		prev = r
		i++
	}
	pt.runes = i
	return pt
}

// span returns the bounds [a, b) of the unit (sentence or paragraph)
// holding rune offset at.
func span(starts []int, at, end int) (int, int) {
	i, _ := slices.BinarySearch(starts, at+1)
	a := starts[max(i-1, 0)]
	if i < len(starts) {
		return a, starts[i]
	}
	return a, end
}

// mentionsIn returns the mentions that lie within [a, b).
func (pt *periodText) mentionsIn(a, b int) []periodMention {
	i, _ := slices.BinarySearchFunc(pt.mentions, a, func(m periodMention, a int) int { return m.a - a })
	j := i
	for j < len(pt.mentions) && pt.mentions[j].b <= b {
		j++
	}
	return pt.mentions[i:j]
}

// pick returns the mention of ms for a figure in [fa, fb): the first inside
// it, else the nearest before it, else the nearest after it.
func pick(ms []periodMention, fa, fb int) (periodMention, bool) {
	var before, after *periodMention
	for i := range ms {
		m := &ms[i]
		switch {
		case m.a >= fa && m.b <= fb:
			return *m, true
		case m.b <= fa:
			before = m
		case m.a >= fb && after == nil:
			after = m
		}
	}
	if before != nil {
		return *before, true
	}
	if after != nil {
		return *after, true
	}
	return periodMention{}, false
}

// lastYear returns the last year stated by ms before rune offset at.
func lastYear(ms []periodMention, at int) int {
	y := 0
	for _, m := range ms {
		if m.b <= at && m.yearOf() != 0 {
			y = m.yearOf()
		}
	}
	return y
}

// attributePeriods sets the period and the estimate flag of every metric
// of a body, and returns the period the article reports on (its title's).
// low and lowTitle are the body and title lowercased and normalised (rune
// for rune the same as the body and title).
func attributePeriods(metrics []event.Metric, low, lowTitle string, published *time.Time) *event.Period {
	title := newPeriodText(lowTitle)
	c := periodContext{published: published}
	var titleMention *periodMention
	for i, m := range title.mentions {
		if c.titleYear == 0 {
			c.titleYear = m.yearOf()
		}
		if titleMention == nil && !m.now {
			titleMention = &title.mentions[i]
		}
	}
	body := newPeriodText(low)
	for _, m := range body.mentions {
		if m.kind == event.PeriodTerm && m.y1 != 0 {
			c.term = [2]int{m.y1, m.y2}
			break
		}
	}
	for _, m := range title.mentions {
		if c.term[0] == 0 && m.kind == event.PeriodTerm && m.y1 != 0 {
			c.term = [2]int{m.y1, m.y2}
		}
	}
	var report *event.Period
	if titleMention != nil {
		if p, ok := titleMention.resolve(c, event.FoundTitle); ok {
			report = &p
		}
	}
	for i := range metrics {
		m := &metrics[i]
		fa, fb := m.Start, m.End
		sa, sb := span(body.sentences, fa, body.runes)
		pa, _ := span(body.paras, fa, body.runes)
		mc := c
		mc.paraYear = lastYear(body.mentionsIn(pa, sb), fa)
		var p event.Period
		ok := false
		if mn, found := pick(body.mentionsIn(sa, sb), fa, fb); found {
			p, ok = mn.resolve(mc, event.FoundSentence)
		}
		if !ok {
			if before := body.mentionsIn(pa, sa); len(before) > 0 {
				p, ok = before[len(before)-1].resolve(mc, event.FoundParagraph)
			}
		}
		if !ok && titleMention != nil {
			mc.paraYear = 0
			p, ok = titleMention.resolve(mc, event.FoundTitle)
		}
		if !ok {
			if d, has := c.publishedDay(); has {
				s := d.Format(dayLayout)
				p, ok = event.Period{Kind: event.PeriodDate, Start: s, End: s, Label: s, Found: event.FoundPublished}, true
			}
		}
		if ok {
			m.Period = &p
		}
		m.Estimate = anyIn(body.estimates, sa, fb)
	}
	return report
}

// estimateWords follow "ước" when it marks an estimate: "ước đạt", "ước cả
// năm" ("công ước", "ước mơ" are other words).
var estimateWords = []string{"đạt", "tính", "thực hiện", "cả năm", "năm", "khoảng", "thu", "chi", "giải ngân", "có", "là",
	"kết nạp", "đến", "cả giai đoạn"}

// estimateEnds returns the rune offsets where the estimate phrases of low
// end, in order.
func estimateEnds(low string) []int {
	var out []int
	runeAt, byteAt := 0, 0
	for i := 0; ; {
		j := strings.Index(low[i:], "ước ")
		if j < 0 {
			return out
		}
		a := i + j
		i = a + len("ước ")
		if a > 0 {
			if c, _ := utf8.DecodeLastRuneInString(low[:a]); isWordRune(c) {
				continue
			}
		}
		for _, w := range estimateWords {
			rest := low[i:]
			if !strings.HasPrefix(rest, w) {
				continue
			}
			if c, _ := utf8.DecodeRuneInString(rest[len(w):]); len(rest) > len(w) && isWordRune(c) {
				continue
			}
			runeAt += utf8.RuneCountInString(low[byteAt : i+len(w)])
			byteAt = i + len(w)
			out = append(out, runeAt)
			break
		}
	}
}

// anyIn reports whether a sorted list holds an offset in (a, b].
func anyIn(offs []int, a, b int) bool {
	i, _ := slices.BinarySearch(offs, a+1)
	return i < len(offs) && offs[i] <= b
}
