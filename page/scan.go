package page

import (
	"github.com/dra-archive/dra/vietnamese"
)

// Hand-written scanners for the hottest patterns of page and fact
// extraction. Each one recognises exactly what the regexp it replaced (or
// guards) matches; they exist because Go's regexp engine, with no literal
// prefix to search for, tries every alternative at every position of a
// line, and profiles showed those regexps taking most of extraction time.

// isWordByte is an ASCII word character: what regexp's \b looks at.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// isSpaceByte is regexp's \s: ASCII whitespace.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// runesOver is utf8.RuneCountInString(s) > n, counting no further than
// needed: long lines and whole containers are only compared with a bound.
func runesOver(s string, n int) bool {
	if len(s) <= n {
		return false // never more runes than bytes
	}
	for range s {
		if n == 0 {
			return true // rune n+1
		}
		n--
	}
	return false
}

// hasASCIIDigit reports a \d anywhere in s.
func hasASCIIDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// todayWords are the words of a header line naming today's date, which is
// not a publish date: `(?i)(hôm nay|today)`.
var todayWords = vietnamese.NewFoldSet("hôm nay", "today")

func isTodayLine(l string) bool { return todayWords.ContainsAny(l) }

// dateLabelWords label publish-date lines, in any of the portals'
// languages. They stand for the regexp `(?i)(ngày đăng|publish(?:ed)?(?:
// date| on)?|posted(?: on)?|ngày xuất bản|xuất bản|đăng ngày|ngày cập
// nhật|cập nhật|đăng lúc|thời gian đăng|ngày đưa tin|ngày viết)`: its
// optional tails ("published on") and the labels containing a shorter one
// ("ngày xuất bản") do not change whether it matches.
var dateLabelWords = vietnamese.NewFoldSet("ngày đăng", "publish", "posted", "xuất bản", "đăng ngày", "cập nhật", "đăng lúc",
	"thời gian đăng", "ngày đưa tin", "ngày viết")

func hasDateLabel(l string) bool { return dateLabelWords.ContainsAny(l) }

// viewLabels are viewsRe's labels ("views?" spelled out).
var viewLabels = vietnamese.NewFoldSet("view count", "views", "view", "số lượt người xem", "lượt người xem", "số lượt xem",
	"lượt xem", "đã xem", "lượt đọc", "số lần xem", "số lần đọc", "lần đọc", "đã đọc")

// viewAfterLabels are viewsAfter's labels.
var viewAfterLabels = []string{"lượt xem", "views", "lượt đọc", "lần đọc"}

// hasViews is viewsRe.MatchString(l) || viewsAfter.MatchString(l): a label
// then `\s*[:(]?\s*` and a digit, or a digit run (`\b\d[\d.,]*`) then `\s*`
// and a label.
func hasViews(l string) bool {
	if !hasASCIIDigit(l) {
		return false
	}
	if viewLabels.Scan(l, func(j int) bool {
		j = skipSpaces(l, j)
		if j < len(l) && (l[j] == ':' || l[j] == '(') { // "Lượt xem: 12", "Số lượt xem (12)"
			j = skipSpaces(l, j+1)
		}
		return j < len(l) && isDigit(l[j])
	}) {
		return true
	}
	for i := 0; i < len(l); i++ {
		if !isDigit(l[i]) || i > 0 && isWordByte(l[i-1]) {
			continue
		}
		j := i
		for j < len(l) && (isDigit(l[j]) || l[j] == '.' || l[j] == ',') {
			j++
		}
		j = skipSpaces(l, j)
		for _, w := range viewAfterLabels {
			if vietnamese.FoldPrefixLen(l[j:], w) >= 0 {
				return true
			}
		}
		i = j - 1
	}
	return false
}

func skipSpaces(s string, j int) int {
	for j < len(s) && isSpaceByte(s[j]) {
		j++
	}
	return j
}

// digitsAt is the end of the run of at least lo and at most hi ASCII
// digits at s[i:] (greedy, like \d{lo,hi}), or -1.
func digitsAt(s string, i, lo, hi int) int {
	j := i
	for j < len(s) && j-i < hi && isDigit(s[j]) {
		j++
	}
	if j-i < lo {
		return -1
	}
	return j
}

// findDMY is dmyRe.FindStringSubmatchIndex(l):
// `\b(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})\b`. Digits, spaces
// and separators are disjoint, so from a given start the greedy reading is
// the only one; the leftmost start wins.
func findDMY(l string) []int {
	for i := 0; i+5 < len(l); i++ {
		if !isDigit(l[i]) || i > 0 && isWordByte(l[i-1]) {
			continue
		}
		if m := dmyAt(l, i); m != nil {
			return m
		}
	}
	return nil
}

func dmyAt(l string, i int) []int {
	dEnd := digitsAt(l, i, 1, 2)
	if dEnd < 0 {
		return nil
	}
	j := skipSpaces(l, dEnd)
	if j >= len(l) || l[j] != '/' && l[j] != '-' && l[j] != '.' {
		return nil
	}
	mStart := skipSpaces(l, j+1)
	mEnd := digitsAt(l, mStart, 1, 2)
	if mEnd < 0 {
		return nil
	}
	j = skipSpaces(l, mEnd)
	if j >= len(l) || l[j] != '/' && l[j] != '-' && l[j] != '.' {
		return nil
	}
	yStart := skipSpaces(l, j+1)
	yEnd := digitsAt(l, yStart, 4, 4)
	if yEnd < 0 || yEnd < len(l) && isWordByte(l[yEnd]) {
		return nil
	}
	return []int{i, yEnd, i, dEnd, mStart, mEnd, yStart, yEnd}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
