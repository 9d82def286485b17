package facts

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// notMetricAlts are the patterns of spans whose digits are never metrics:
// dates, times, phone numbers, document codes, web addresses. They run on
// the lowercased, normalised body, joined into one alternation
// (notMetricRe). Go's \b is ASCII-only, so word ends after letters are
// spelled out with \p{L}.
//
// Each pattern comes with may, a cheap test that is true whenever the
// pattern can match somewhere in a string: literals it needs, or the
// shape of digits and separators it needs. notMetricSpans leaves out the
// patterns that cannot match a window, which leaves the matches of the
// alternation unchanged (at every position a pattern that cannot match
// is only tried in vain) but makes the regexp engine much cheaper: with
// all patterns it tried every one of them at every position, and that was
// most of the time of metric extraction.
var notMetricAlts = []struct {
	re  string
	may func(w string) bool
}{
	// dates: 27/02/2012, 27-02-2012, 27.02.2012
	// (not the tail of a number: "1.822,2/1.491" is a figure and its target)
	{`(?:^|[^\d.,])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\b`, hasDateShape},
	// month/year: 12/2019
	{`(?:^|[^\d.,])\d{1,2}\s*/\s*(?:19|20)\d\d\b`, hasMonthYear},
	// day/month after a day word: ngày 12/3, sáng 02/9, từ 01/7
	{`(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|từ|đến|đầu|cuối|giữa)\s+(?:ngày\s+)?\d{1,2}\s*[/-]\s*\d{1,2}\b`, func(w string) bool {
		return hasDigitSepDigit(w, "/-") && containsAnyOf(w, "ngày", "hôm", "sáng", "chiều", "tối", "trưa", "đêm", "từ", "đến", "đầu", "cuối", "giữa")
	}},
	// ngày 12 tháng 3 năm 2019, tháng 3, tháng 3/2019, năm 2019, quý 2
	{`ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?`, func(w string) bool {
		return wordSpacesDigit(w, "ngày") && wordSpacesDigit(w, "tháng")
	}},
	{`tháng\s+\d{1,2}(?:\s*(?:năm|/|-)\s*\d{4})?`, func(w string) bool { return wordSpacesDigit(w, "tháng") }},
	{`(?:năm|quý)\s+\d{1,4}\b`, func(w string) bool { return wordSpacesDigit(w, "năm") || wordSpacesDigit(w, "quý") }},
	// times: 10:53, 10h30, 8 giờ 30, 8 giờ, 8h
	{`\b\d{1,2}\s*(?::|h|giờ)\s*\d{1,2}(?:$|[^\p{L}\p{N}])`, hasDigitClock},
	{`\b\d{1,2}\s*(?:h|giờ)(?:$|[^\p{L}\p{N}])`, hasDigitClock},
	// phone numbers: 024.3861.1245, (024) 3861 1245, 0912 345 678, 1900 1234
	{`(?:\+84|\(0\d{1,3}\)|\b0\d{1,4})[\s.]?\d{3,4}[\s.]?\d{3,4}\b`, mayBePhone},
	{`\b1[89]00\s?\d{4}\b`, func(w string) bool { return containsAnyOf(w, "1800", "1900") }},
	{`(?:điện thoại|đt|sđt|hotline|fax|tel|di động)\s*:?\s*[\d\s.()+-]{6,}`, func(w string) bool {
		return containsAnyOf(w, "điện thoại", "đt", "hotline", "fax", "tel", "di động")
	}},
	// document codes: 01-ctr/hu, 123/qđ-ubnd, 30/2020/nđ-cp
	{`\b\d+(?:\s*/\s*\d{4})?\s?[-/]\s?\p{L}{1,8}(?:\s?[-/]\s?[\p{L}\d]{1,10})+`, hasCodeShape},
	// web addresses and e-mail
	{`\S+@\S+|https?://\S+|www\.\S+|\b[a-z0-9-]+\.(?:vn|com|net|org)\b\S*`, func(w string) bool {
		return containsAnyOf(w, "@", "http", "www.", ".vn", ".com", ".net", ".org")
	}},
}

// notMetricRe is all of notMetricAlts.
var notMetricRe = notMetricSubset(1<<len(notMetricAlts) - 1)

// notMetricRes caches the alternation of each subset of notMetricAlts met
// so far, by bit mask: a few subsets cover the windows of real bodies.
var notMetricRes sync.Map // uint32 -> *regexp.Regexp

func notMetricSubset(mask uint32) *regexp.Regexp {
	if re, ok := notMetricRes.Load(mask); ok {
		return re.(*regexp.Regexp)
	}
	var alts []string
	for k, a := range notMetricAlts {
		if mask&(1<<k) != 0 {
			alts = append(alts, a.re)
		}
	}
	re, _ := notMetricRes.LoadOrStore(mask, regexp.MustCompile(strings.Join(alts, "|")))
	return re.(*regexp.Regexp)
}

// notMetricSpans is notMetricRe.FindAllStringIndex(w, -1), with only the
// patterns that may match w.
func notMetricSpans(w string) [][]int {
	var mask uint32
	for k, a := range notMetricAlts {
		if a.may(w) {
			mask |= 1 << k
		}
	}
	switch mask {
	case 0:
		return nil
	case 1<<len(notMetricAlts) - 1:
		return notMetricRe.FindAllStringIndex(w, -1)
	}
	return notMetricSubset(mask).FindAllStringIndex(w, -1)
}

func containsAnyOf(w string, lits ...string) bool {
	for _, l := range lits {
		if strings.Contains(w, l) {
			return true
		}
	}
	return false
}

// digitRun2 is the end of the 1-2 digits at w[i:] (the greedy \d{1,2}), or
// -1. Taking one digit when two are there never helps: a digit follows.
func digitRun2(w string, i int) int {
	if i >= len(w) || !isDigit(w[i]) {
		return -1
	}
	if i+1 < len(w) && isDigit(w[i+1]) {
		return i + 2
	}
	return i + 1
}

// sepAt is the position after `\s*[seps]\s*` at w[i:], or -1.
func sepAt(w string, i int, seps string) int {
	i = skipSpaces(w, i)
	if i >= len(w) || strings.IndexByte(seps, w[i]) < 0 {
		return -1
	}
	return skipSpaces(w, i+1)
}

// hasDateShape: `\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d\d` somewhere.
func hasDateShape(w string) bool {
	for i := 0; i < len(w); i++ {
		j := digitRun2(w, i)
		if j < 0 {
			continue
		}
		if j = sepAt(w, j, "/.-"); j < 0 {
			continue
		}
		if j = digitRun2(w, j); j < 0 {
			continue
		}
		if j = sepAt(w, j, "/.-"); j < 0 {
			continue
		}
		if j+1 < len(w) && isDigit(w[j]) && isDigit(w[j+1]) {
			return true
		}
	}
	return false
}

// hasMonthYear: `\d\s*/\s*(?:19|20)\d\d` somewhere.
func hasMonthYear(w string) bool {
	for k := strings.IndexByte(w, '/'); k >= 0; {
		b := k - 1
		for b >= 0 && isSpaceByte(w[b]) {
			b--
		}
		if b >= 0 && isDigit(w[b]) && isYearAt(w, skipSpaces(w, k+1)) {
			return true
		}
		n := strings.IndexByte(w[k+1:], '/')
		if n < 0 {
			break
		}
		k += 1 + n
	}
	return false
}

// hasDigitSepDigit: `\d\s*[seps]\s*\d` somewhere.
func hasDigitSepDigit(w, seps string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			continue
		}
		if j := sepAt(w, i+1, seps); j >= 0 && j < len(w) && isDigit(w[j]) {
			return true
		}
	}
	return false
}

// wordSpacesDigit: `word\s+\d` somewhere.
func wordSpacesDigit(w, word string) bool {
	for off := 0; ; {
		i := strings.Index(w[off:], word)
		if i < 0 {
			return false
		}
		j := off + i + len(word)
		if k := skipSpaces(w, j); k > j && k < len(w) && isDigit(w[k]) {
			return true
		}
		off = j
	}
}

// hasDigitClock: `\d\s*(?::|h|giờ)` somewhere, not followed by a letter
// (both time patterns want a digit, a space, a non-letter or the end
// there; "03 huyện" is no time).
func hasDigitClock(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			continue
		}
		j := skipSpaces(w, i+1)
		switch {
		case j >= len(w):
			continue
		case w[j] == ':' || w[j] == 'h':
			j++
		case strings.HasPrefix(w[j:], "giờ"):
			j += len("giờ")
		default:
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w[j:]); j >= len(w) || !unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// mayBePhone: a phone number has at least eight digits, a 0 or "+84",
// and ends in `\d{3,4}[\s.]?\d{3,4}`: six digits in a row, or three,
// one space or dot, and three.
func mayBePhone(w string) bool {
	digits, run, prevRun := 0, 0, 0 // prevRun: the run before one [\s.]
	tail := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isDigit(c) {
			digits++
			run++
			if run >= 6 || run >= 3 && prevRun >= 3 {
				tail = true
			}
			continue
		}
		prevRun = 0
		if (c == '.' || isSpaceByte(c)) && run > 0 {
			prevRun = run
		}
		run = 0
	}
	return tail && digits >= 8 && (strings.IndexByte(w, '0') >= 0 || strings.Contains(w, "+84"))
}

// hasCodeShape: `\d\s?[-/]\s?\p{L}` somewhere, as every document code has.
func hasCodeShape(w string) bool {
	for k := 0; k < len(w); k++ {
		if w[k] != '-' && w[k] != '/' {
			continue
		}
		b := k - 1
		if b >= 0 && isSpaceByte(w[b]) {
			b--
		}
		if b < 0 || !isDigit(w[b]) {
			continue
		}
		f := k + 1
		if f < len(w) && isSpaceByte(w[f]) {
			f++
		}
		if r, _ := utf8.DecodeRuneInString(w[f:]); unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
