package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/vietnamese"
)

// bylinePrefixes open a byline; the name follows. Compared folded.
var bylinePrefixes = []string{
	"tin, anh:", "tin va anh:", "tin - anh:", "tin/anh:", "tin & anh:", "bai, anh:", "bai va anh:", "bai & anh:",
	"bai:", "tin:", "t/h:", "th:", "tong hop:", "tac gia bai viet:", "tac gia:", "nguoi viet:", "phong vien:",
	"nhom pv:", "pv:", "ctv:", "author:", "by:", "dang boi:", "viet boi:", "dang boi ", "viet boi ", "posted by ",
}

// sourcePrefixes credit a source: "Theo Báo Hà Nội mới", "Nguồn: ...".
var sourcePrefixes = []string{"theo:", "theo ", "nguon:", "nguon "}

// surnames are common Vietnamese family names, a strong cue for a name.
var surnames = setOf(`nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đào trịnh mai
	lương tạ cao vương phùng quách tô hà kiều chu triệu lâm thái kim lưu trương đàm khúc nông lò tống`)

// unitHeads open the name of a body, never of a person.
var unitHeads = setOf(`ban phòng trung huyện quận thị tỉnh xã phường hội đài báo cổng sở bộ tuyên đảng ủy mặt liên
	chi công thông tạp trường viện cục nhà tòa tổng hợp ubnd hđnd ubkt ttvh ttvhtt trang website`)

// accountWords name a CMS's accounts, never a person.
var accountWords = setOf(`user account admin administrator host webmaster superuser system`)

// MaxBylineRunes bounds what can be a byline line.
const MaxBylineRunes = 120

// ParseByline reads the authors from a byline line; nil when the line is
// not a byline (a photo caption, a sentence).
func ParseByline(line string) []event.Author {
	line = strings.Trim(vietnamese.Clean(line), " .;,")
	if line == "" || utf8.RuneCountInString(line) > MaxBylineRunes {
		return nil
	}
	if strings.Contains(line, " :") {
		line = strings.ReplaceAll(line, " :", ":") // "Tác giả : Hồ Thị Hoa"
	}
	folded := vietnamese.FoldedQuick(line)
	if isCaption(folded) {
		return nil
	}
	for _, p := range bylinePrefixes {
		if strings.HasPrefix(folded, p) {
			line = strings.TrimSpace(string([]rune(line)[utf8.RuneCountInString(p):]))
			folded = vietnamese.FoldedQuick(line) // "Tác giả: Theo ..."
			break
		}
	}
	for _, p := range sourcePrefixes {
		if strings.HasPrefix(folded, p) {
			line = strings.TrimSpace(string([]rune(line)[utf8.RuneCountInString(p):]))
			break
		}
	}
	line = strings.TrimRight(strings.TrimLeft(line, " :.("), " :.")
	if line == "" {
		return nil
	}
	name, unit := line, ""
	if i := strings.Index(line, "("); i > 0 && strings.HasSuffix(line, ")") {
		name, unit = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:len(line)-1])
	} else if a, b, ok := cutAny(line, []string{" - ", " – ", " — ", "/", " -", "- ", ", ", " và "}); ok {
		name, unit = strings.TrimSpace(a), strings.TrimSpace(b)
	}
	name = properCase(name)
	if !nameLike(name) {
		// A source credited without a person ("Nguồn: Ban Tuyên giáo
		// Huyện ủy") names no author; the byline keeps the credit.
		return nil
	}
	if unit != "" {
		if u := properCase(unit); nameLike(u) && !strings.ContainsAny(unit, "-–/,") {
			return []event.Author{{Name: name}, {Name: u}}
		}
	}
	return []event.Author{{Name: name, Unit: unit}}
}

// isCaption reports whether a folded line is a photo caption.
func isCaption(folded string) bool {
	return strings.HasPrefix(folded, "anh:") || strings.HasPrefix(folded, "anh minh hoa") ||
		strings.HasPrefix(folded, "anh ") && strings.Contains(folded, ":") && !strings.Contains(folded, " - ") ||
		strings.Contains(folded, "(anh:") || strings.Contains(folded, "(anh ") || strings.HasSuffix(folded, "anh minh hoa)") ||
		strings.HasPrefix(folded, "(anh")
}

func cutAny(s string, seps []string) (string, string, bool) {
	best, bl := -1, 0
	for _, sep := range seps {
		if i := strings.Index(s, sep); i > 0 && (best < 0 || i < best) {
			best, bl = i, len(sep)
		}
	}
	if best < 0 {
		return s, "", false
	}
	return s[:best], s[best+bl:], true
}

// properCase turns an ALL CAPS name into "Nguyễn Văn Hùng"; other text is
// returned as it is.
func properCase(s string) string {
	hasLower, hasUpper := false, false
	for _, r := range s {
		if unicode.IsLower(r) {
			hasLower = true
		} else if unicode.IsUpper(r) {
			hasUpper = true
		}
	}
	if hasLower || !hasUpper {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// nameLike reports whether s reads as a person's name: two to five
// capitalised syllables, no digits, not the name of a body. A Vietnamese
// surname first or Văn/Thị in the middle make short names certain.
func nameLike(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r[1:] {
			if !unicode.IsLower(c) && !unicode.Is(unicode.Mn, c) {
				return false
			}
		}
	}
	first := strings.ToLower(vietnamese.NormalizeQuick(words[0]))
	if unitHeads[first] {
		return false
	}
	for _, w := range words {
		if accountWords[strings.ToLower(w)] {
			return false // "Super User", "Administrator Account": the CMS's account
		}
	}
	if len(words) >= 3 && !surnames[first] {
		mid := strings.ToLower(words[1])
		return mid == "văn" || mid == "thị"
	}
	return true
}
