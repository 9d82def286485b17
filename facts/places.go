package facts

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dra-archive/dra/place"
	"github.com/dra-archive/dra/vietnamese"
)

// provinceUnits are district-level units of the provinces DRA's portals
// come from, by province. Hanoi's and Ho Chi Minh City's are complete for
// the period before the July 2025 reform.
var provinceUnits = map[string][]string{
	"Hà Nội": {"Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng", "Hoàng Mai",
		"Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông", "Sơn Tây", "Ba Vì", "Phúc Thọ", "Đan Phượng",
		"Hoài Đức", "Quốc Oai", "Thạch Thất", "Chương Mỹ", "Thanh Oai", "Thường Tín", "Phú Xuyên", "Ứng Hòa",
		"Mỹ Đức", "Thanh Trì", "Gia Lâm", "Đông Anh", "Mê Linh", "Sóc Sơn"},
	"Thành phố Hồ Chí Minh": {"Thủ Đức", "Bình Thạnh", "Gò Vấp", "Phú Nhuận", "Tân Bình", "Tân Phú", "Bình Tân",
		"Bình Chánh", "Hóc Môn", "Củ Chi", "Nhà Bè", "Cần Giờ"},
}

// hostProvinces maps a province label in a portal host name to the province.
var hostProvinces = map[string]string{"hanoi": "Hà Nội", "hochiminhcity": "Thành phố Hồ Chí Minh", "tphcm": "Thành phố Hồ Chí Minh"}

var (
	// Names are capitalised words on one line: a match never crosses a
	// paragraph break.
	districtRe = newPlaceRe(`(?i:huyện ủy|quận ủy|thị ủy|ubnd huyện|ubnd quận|ubnd thị xã|huyện|quận|thị xã)[ \t]+(\p{Lu}\p{Ll}*(?:[ \t]\p{Lu}\p{Ll}*){0,3})`,
		"huyện", "quận", "thị", "ubnd")
	provinceRe = newPlaceRe(`(?i:thành phố|tỉnh|tp\.?)[ \t]+(\p{Lu}\p{Ll}*(?:[ \t]\p{Lu}\p{Ll}*){0,3})`, "thành phố", "tỉnh", "tp")
)

// placeRe is a place pattern, also compiled anchored, with the words
// (case-free) every match starts with.
type placeRe struct {
	re, anchored *regexp.Regexp
	starts       *vietnamese.FoldSet
}

func newPlaceRe(expr string, starts ...string) placeRe {
	return placeRe{regexp.MustCompile(expr), regexp.MustCompile(`^(?:` + expr + `)`), vietnamese.NewFoldSet(starts...)}
}

// firstMatchFrom is re.FindStringSubmatchIndex(text[a:b]) (offsets into
// text) when that match starts at or before i, else nil. The anchored
// pattern is tried only where a start word begins, in order, so the first
// hit is the leftmost match; running the unanchored pattern on each window
// tried every alternative at every position.
func (pr placeRe) firstMatchFrom(text string, a, i, b int) []int {
	for p := a; p <= i && p < b; p++ {
		if !pr.starts.HasPrefix(text[p:b]) {
			continue
		}
		if m := pr.anchored.FindStringSubmatchIndex(text[p:b]); m != nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += p
				}
			}
			return m
		}
	}
	return nil
}

// unitProvince is the province of a known district-level unit.
func unitProvince(district string) string {
	for p, units := range provinceUnits {
		for _, u := range units {
			if vietnamese.NormalizeQuick(u) == district {
				return p
			}
		}
	}
	return ""
}

// Places finds the district and province an article is about: from the
// source when known, else from the portal's host name, else from the text
// (the unit named most often, title first).
func Places(district, province, pageURL, title, body string) (string, string) {
	return places(district, province, pageURL, vietnamese.NormalizeQuick(title), vietnamese.NormalizeQuick(body), false)
}

// places is Places on the normalised title and body. (normalize works
// word by word, so it may run on the parts joined here separately.)
// postReform says the article was published after the 1 July 2025 reform:
// districts no longer exist then, so a district named in its text is
// history, not the article's district (the source's or the host's still is).
func places(district, province, pageURL, title, body string, postReform bool) (string, string) {
	if district == "" || province == "" {
		d, p := placesFromURL(pageURL)
		district, province = firstNonEmpty(district, d), firstNonEmpty(province, p)
	}
	if district == "" && !postReform {
		district = mostNamed(districtRe, districtCues, title+"\n"+title+"\n"+body)
	}
	if province == "" && district != "" {
		province = unitProvince(district)
	}
	if province == "" {
		province = mostNamed(provinceRe, provinceCues, title+"\n"+body)
	}
	return district, province
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// placesFromURL reads "thanhtri.hanoi.gov.vn" as Thanh Trì, Hà Nội.
func placesFromURL(raw string) (string, string) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", ""
	}
	labels := strings.Split(strings.ToLower(u.Hostname()), ".")
	province := ""
	for _, l := range labels {
		if p, ok := hostProvinces[l]; ok {
			province = p
		}
	}
	if province == "" || len(labels) < 3 {
		return "", province
	}
	for _, unit := range provinceUnits[province] {
		if strings.ReplaceAll(vietnamese.FoldedQuick(unit), " ", "") == labels[0] {
			return unit, province
		}
	}
	return "", province
}

// districtCues and provinceCues are case-free pieces of the words the
// patterns start with; the patterns only run on text right around them.
var (
	districtCues = []string{"uyện", "UYỆN", "uận", "UẬN", "hị xã", "hị ủy", "UBND"}
	provinceCues = []string{"hành phố", "HÀNH PHỐ", "ỉnh", "ỈNH", "TP", "Tp", "tp"}
)

// known is the longest leading run of a name's words that the gazetteer
// has as a unit (of the old era's districts and provinces, or the new
// provinces): "Thanh Trì Nguyễn Văn" gives "Thanh Trì", "Nguyễn Văn Hùng"
// (the Bí thư after "Huyện ủy") nothing. A name is a place only when the
// gazetteer has it.
func known(name string) string {
	words := strings.Fields(name)
	for n := len(words); n > 0; n-- {
		cand := strings.Join(words[:n], " ")
		for _, u := range place.Find(cand) {
			if u.Level != place.Commune && vietnamese.Folded(u.Name) == vietnamese.Folded(cand) {
				return cand
			}
		}
	}
	return ""
}

// mostNamed is the name re captures most often, looking only near the
// cues; ties go to the name mentioned first.
func mostNamed(re placeRe, cues []string, text string) string {
	counts := map[string]int{}
	first := map[string]int{}
	seen := map[int]bool{}
	knownAs := map[string]string{} // a body names its place many times: the gazetteer is asked once per name
	for _, cue := range cues {
		for off := 0; ; {
			i := strings.Index(text[off:], cue)
			if i < 0 {
				break
			}
			i += off
			off = i + len(cue)
			a := max(i-8, 0)
			for a > 0 && !utf8.RuneStart(text[a]) {
				a--
			}
			b := min(i+len(cue)+80, len(text))
			for b < len(text) && !utf8.RuneStart(text[b]) {
				b++
			}
			m := re.firstMatchFrom(text, a, i, b)
			if m == nil || seen[m[0]] {
				continue
			}
			seen[m[0]] = true
			name := text[m[2]:m[3]]
			n, ok := knownAs[name]
			if !ok {
				n = known(name)
				knownAs[name] = n
			}
			if n == "" {
				continue // a person's name after "Huyện ủy", not a unit
			}
			if _, ok := first[n]; !ok || m[0] < first[n] {
				first[n] = m[0]
			}
			counts[n]++
		}
	}
	best := ""
	for n, c := range counts {
		if best == "" || c > counts[best] || c == counts[best] && first[n] < first[best] {
			best = n
		}
	}
	return best
}
