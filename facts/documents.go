package facts

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/vietnamese"
)

var (
	// Party codes: 01-CTr/HU, 09-NQ/TU, 09-ĐA/HU, 05-CT/TW.
	partyCodeRe = regexp.MustCompile(`\b(\d{1,4})\s?-\s?(\p{Lu}[\p{L}]{0,5})\s?/\s?(\p{Lu}[\p{L}\d]{0,9}(?:-\p{Lu}[\p{L}\d]{0,9})?)`)
	// State codes: 123/QĐ-UBND, 30/2020/NĐ-CP, 15/2019/TT-BTC, 12/KH-UBND.
	stateCodeRe = regexp.MustCompile(`\b(\d{1,5})\s?/\s?(?:((?:19|20)\d\d)\s?/\s?)?(\p{Lu}[\p{L}]{0,5})\s?-\s?(\p{Lu}[\p{L}\d]{0,9}(?:-\p{Lu}[\p{L}\d]{0,9})?)`)
	// Laws and resolutions of the National Assembly and its Standing
	// Committee: 47/2019/QH14, 55/2017/QH14, 02/2022/UBTVQH15.
	lawCodeRe = regexp.MustCompile(`\b(\d{1,4})\s?/\s?((?:19|20)\d\d)\s?/\s?(QH|UBTVQH)(\d{1,2})\b`)
	// "ngày 27/02/2012", "ngày 27 tháng 02 năm 2012" right after a code,
	// possibly after "của <issuer>".
	docDateRe = regexp.MustCompile(`^[\s,]*(?:của\s+[^,;.()]{0,60}?\s+)?(?:ban hành\s+)?ngày\s+(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(\d{4})`)
)

// docTypes names the document types of party and state codes.
var docTypes = map[string]string{
	"NQ": "Nghị quyết", "CT": "Chỉ thị", "CTr": "Chương trình", "KL": "Kết luận", "QĐ": "Quyết định",
	"KH": "Kế hoạch", "ĐA": "Đề án", "HD": "Hướng dẫn", "TB": "Thông báo", "BC": "Báo cáo", "QC": "Quy chế",
	"QyĐ": "Quy định", "QĐi": "Quy định", "CV": "Công văn", "NĐ": "Nghị định", "TT": "Thông tư", "TTr": "Tờ trình",
	"TTLT": "Thông tư liên tịch", "PL": "Pháp lệnh", "KH-UBND": "Kế hoạch",
}

// issuers names the issuing bodies of codes.
var issuers = map[string]string{
	"HU": "Huyện ủy", "QU": "Quận ủy", "TU": "Tỉnh ủy/Thành ủy", "ThU": "Thị ủy", "TW": "Trung ương", "ĐU": "Đảng ủy",
	"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ",
	"BTC": "Bộ Tài chính", "BNV": "Bộ Nội vụ", "BGDĐT": "Bộ Giáo dục và Đào tạo", "BYT": "Bộ Y tế",
	"UBKT": "Ủy ban Kiểm tra", "BTG": "Ban Tuyên giáo", "BTCTW": "Ban Tổ chức Trung ương", "BCĐ": "Ban Chỉ đạo",
	"QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "BCH": "Ban Chấp hành",
}

// ExtractDocuments finds the documents an article cites by code, with the
// date that follows the code when there is one. Codes are written as
// published, with Ð read as Đ and spaces around separators removed.
func ExtractDocuments(body string) []event.Document {
	return extractDocuments(vietnamese.NormalizeQuick(body))
}

// extractDocuments is ExtractDocuments on the normalised body.
func extractDocuments(text string) []event.Document {
	// Every code has a '/': the patterns only run on the stretches of text
	// around slashes.
	var hits []hit
	pa, pb := -1, -1
	for off := 0; ; {
		i := strings.IndexByte(text[off:], '/')
		if i < 0 {
			break
		}
		i += off
		off = i + 1
		a, b := max(i-24, 0), min(i+40, len(text))
		for a > 0 && !utf8.RuneStart(text[a]) {
			a--
		}
		for b < len(text) && !utf8.RuneStart(text[b]) {
			b++
		}
		if pa >= 0 && a <= pb {
			pb = b
			continue
		}
		if pa >= 0 {
			hits = append(hits, findCodes(text, pa, pb)...)
		}
		pa, pb = a, b
	}
	if pa >= 0 {
		hits = append(hits, findCodes(text, pa, pb)...)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].a < hits[j].a })
	out := []event.Document{}
	seen := map[string]int{}
	last := -1
	for _, h := range hits {
		if h.a < last {
			continue // another reading of the same text
		}
		last = h.b
		d := h.d
		if m := docDateRe.FindStringSubmatch(text[h.b:min(len(text), h.b+160)]); m != nil {
			dd, _ := strconv.Atoi(m[1])
			mm, _ := strconv.Atoi(m[2])
			yy, _ := strconv.Atoi(m[3])
			if _, ok := makeDay(yy, mm, dd); ok {
				d.Date = m[3] + "-" + pad2(mm) + "-" + pad2(dd)
				if d.Year == 0 {
					d.Year = yy
				}
			}
		}
		if i, ok := seen[d.Code]; ok {
			if out[i].Date == "" && d.Date != "" {
				out[i].Date, out[i].Year = d.Date, d.Year
			}
			continue
		}
		seen[d.Code] = len(out)
		out = append(out, d)
	}
	return out
}

// hit is a document code found at bytes [a, b) of the text.
type hit struct {
	a, b int
	d    event.Document
}

// findCodes reads the codes in text[a:b]; offsets are into text.
func findCodes(text string, a, b int) []hit {
	var hits []hit
	shift := func(m []int) []int {
		for k := range m {
			if m[k] >= 0 {
				m[k] += a
			}
		}
		return m
	}
	w := text[a:b]
	// Both patterns need a dash between a digit (party codes) or a letter
	// (state codes) and a capital: windows without one skip the regexps.
	var party, state [][]int
	if dashBeforeUpper(w, isASCIIDigit) {
		party = partyCodeRe.FindAllStringSubmatchIndex(w, -1)
	}
	if dashBeforeUpper(w, unicode.IsLetter) {
		state = stateCodeRe.FindAllStringSubmatchIndex(w, -1)
	}
	for _, m := range party {
		m = shift(m)
		num, typ, iss := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]
		if _, ok := docTypes[typ]; !ok && !isUpperCode(typ) {
			continue
		}
		hits = append(hits, hit{m[0], m[1], event.Document{
			Code: num + "-" + typ + "/" + iss, Type: docType(typ), Issuer: issuer(iss), Number: num,
		}})
	}
	if strings.Contains(w, "QH") {
		for _, m := range lawCodeRe.FindAllStringSubmatchIndex(w, -1) {
			m = shift(m)
			num, y, iss, leg := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]], text[m[8]:m[9]]
			d := event.Document{Code: num + "/" + y + "/" + iss + leg, Type: lawType(text[max(0, m[0]-40):m[0]]),
				Issuer: issuers[iss], Number: num}
			d.Year, _ = strconv.Atoi(y)
			hits = append(hits, hit{m[0], m[1], d})
		}
	}
	for _, m := range state {
		m = shift(m)
		num, typ, iss := text[m[2]:m[3]], text[m[6]:m[7]], text[m[8]:m[9]]
		if _, ok := docTypes[typ]; !ok {
			continue
		}
		d := event.Document{Type: docType(typ), Issuer: issuer(iss), Number: num, Code: num + "/" + typ + "-" + iss}
		if m[4] >= 0 {
			y := text[m[4]:m[5]]
			d.Year, _ = strconv.Atoi(y)
			d.Code = num + "/" + y + "/" + typ + "-" + iss
		}
		hits = append(hits, hit{m[0], m[1], d})
	}
	return hits
}

// dashBeforeUpper reports `X\s?-\s?\p{Lu}` in w, X a rune before
// accepts.
func dashBeforeUpper(w string, before func(rune) bool) bool {
	for k := strings.IndexByte(w, '-'); k >= 0; {
		p := k
		if p > 0 && isSpaceByte(w[p-1]) {
			p--
		}
		f := k + 1
		if f < len(w) && isSpaceByte(w[f]) {
			f++
		}
		r, _ := utf8.DecodeLastRuneInString(w[:p])
		if u, _ := utf8.DecodeRuneInString(w[f:]); p > 0 && before(r) && unicode.IsUpper(u) {
			return true
		}
		n := strings.IndexByte(w[k+1:], '-')
		if n < 0 {
			break
		}
		k += 1 + n
	}
	return false
}

// lawType is the kind of a National Assembly document, read from the
// words before its code ("Luật số", "Nghị quyết số", "Bộ luật").
func lawType(before string) string {
	f := vietnamese.FoldedQuick(before)
	best, at := "", -1
	for _, t := range []struct{ folded, name string }{
		{"bo luat", "Bộ luật"}, {"luat", "Luật"}, {"nghi quyet", "Nghị quyết"}, {"phap lenh", "Pháp lệnh"},
	} {
		if i := strings.LastIndex(f, t.folded); i > at && !(t.folded == "luat" && strings.HasSuffix(f[:i], "bo ")) {
			best, at = t.name, i
		}
	}
	return best
}

func isUpperCode(s string) bool {
	for _, r := range s {
		if (r < 'A' || r > 'Z') && r != 'Đ' {
			return false
		}
	}
	return true
}

func docType(code string) string {
	if t, ok := docTypes[code]; ok {
		return t
	}
	return code
}

func issuer(code string) string {
	if n, ok := issuers[code]; ok {
		return n
	}
	head, _, _ := strings.Cut(code, "-")
	if n, ok := issuers[head]; ok {
		return n
	}
	return code
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// ExtractPeriods finds the multi-year periods an article names
// ("giai đoạn 2015 - 2020", "nhiệm kỳ 2020-2025") as "2015-2020", in
// order of first mention.
func ExtractPeriods(body string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, m := range findPeriods(body) {
		a, _ := strconv.Atoi(m[0])
		b, _ := strconv.Atoi(m[1])
		if b <= a || b-a > 30 {
			continue
		}
		if p := m[0] + "-" + m[1]; !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// findPeriods returns the two years of every "YYYY - YYYY" that
// yearRanges finds, leftmost first and without overlaps.
func findPeriods(s string) [][2]string {
	var out [][2]string
	for _, rg := range yearRanges(s) {
		out = append(out, [2]string{s[rg[0] : rg[0]+4], s[rg[1]-4 : rg[1]]})
	}
	return out
}

// isYearAt reports `(?:19|20)\d\d` at s[i:].
func isYearAt(s string, i int) bool {
	return i+4 <= len(s) && (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3])
}
