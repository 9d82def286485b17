package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/vietnamese"
)

// bylinePrefixes open a byline; the name follows. Compared folded.
var bylinePrefixes = []string{
	"tin, anh:", "tin va anh:", "tin - anh:", "tin/anh:", "tin & anh:", "bai, anh:", "bai va anh:", "bai & anh:", "bai/anh:",
	"bai:", "tin:", "t/h:", "th:", "tong hop:", "tac gia bai viet:", "tac gia:", "nguoi viet:", "phong vien:",
	"nhom phong vien:", "nhom pv:", "pv:", "ctv:", "cong tac vien:", "but danh:", "author:", "by:", "dang boi:", "viet boi:",
	"nguoi dang tin:", "nguoi dang bai:", "nguoi dang:", "posted by:", "written by:", "dang boi ", "viet boi ", "posted by ", "written by ",
	"bai viet:", "nguoi thuc hien:", "thuc hien:", "nhom tac gia:", "bai viet va anh:", "bai viet, anh:",
	"ghi chep:", "phong su:", "but ky:", "ghi chep cua ", "phong su cua ", "but ky cua ", "bai viet cua ", "bai va anh cua ", "suu tam:", "nguoi dua tin:", "tin bai:", "tac gia bai:", "nguoi viet bai:", "anh va bai:", "nguon/tac gia:", "tac gia/nguon:",
	// A news submission form's labels: the sender, the compiler, the
	// account that created the item.
	"ten tac gia:", "nguoi gui:", "nguoi gui tin:", "nguoi gui bai:", "nguoi bien soan:", "bien soan:", "nguoi soan:", "nguoi tao:", "created by:", "tao boi:",
}

// BylineLabels are the labels a byline opens with before a colon, folded
// and without it ("tac gia", "tin, anh", "nhom phong vien"): a meta line's
// byline field starts after one.
func BylineLabels() []string {
	var out []string
	for _, p := range bylinePrefixes {
		if l, ok := strings.CutSuffix(p, ":"); ok {
			out = append(out, l)
		}
	}
	return out
}

// bareLabels open a byline without a colon when a capitalised name follows
// ("Tác giả Minh Anh", "CTV Thu Hà"): a label in its own element, the
// colon left out. Compared folded, with the space after them.
var bareLabels = []string{"tac gia bai viet ", "tac gia ", "nguoi viet ", "but danh ", "phong vien ", "pv ", "ctv ", "nhom pv ", "author ", "by "}

// sourcePrefixes credit a source: "Theo Báo Hà Nội mới", "Nguồn: ...".
var sourcePrefixes = []string{"theo:", "theo ", "nguon tin:", "nguon:", "nguon "}

// innerCredits start a further credit inside a byline ("Bài: Minh Anh;
// ảnh: Thu Hà"): every name the byline credits is an author. Compared
// folded; a separator comes before them.
var innerCredits = []string{"anh:", "video:", "do hoa:", "bai:", "tin:", "clip:"}

// nameTitles are titles written before a name ("ThS.", "PGS.TS", "Nhà
// báo"), compared folded with their dots; they are not part of the name.
var nameTitles = []string{"pgs, ts", "pgs,ts", "gs, ts", "gs,ts", "ths, bs", "ts, bs", "ths.bsckii", "ths.bscki", "ths. bsckii", "ths. bscki", "bsckii", "bscki", "bs.ckii", "bs.cki", "bs ckii",
	"bs cki", "bac si ckii", "bac si cki", "ckii", "cki", "nsnd", "nsut", "nnnd", "nnut", "nha van", "nha tho", "nha nghien cuu",
	"co giao", "thay giao", "giao vien", "pgs.ts.", "pgs.ts", "pgs. ts.", "gs.ts.", "gs.ts", "ts.bs.", "ts.bs", "ths.bs", "ths.", "ths", "ts.", "ts", "pgs.",
	"gs.", "bs.", "bsck", "ks.", "cn.", "ls.", "nb.", "nha bao", "luat su", "dong chi", "d/c", "dai ta", "thuong ta", "trung ta",
	"thieu ta", "dai uy", "thuong uy", "trung uy", "thieu uy", "nghe nhan", "nha giao", "bac si", "ky su", "thac si", "tien si"}

// surnames are common Vietnamese family names, a strong cue for a name:
// Kinh surnames, and those of the north-west (Lò, Giàng), the Khmer south
// (Thạch, Sơn, Danh) and the Central Highlands (Ksor, Rơ, Nay).
var surnames = setOf(`nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đào trịnh mai
	lương tạ cao vương phùng quách tô hà kiều chu triệu lâm thái kim lưu trương đàm khúc nông lò tống
	khổng doãn lại mạc âu lã lục bế hứa tăng thân ông nghiêm quan chử khuất mẫn phí tôn ninh vi hầu thiều bạch
	nhữ trình cù giáp kha tiêu từ mông lường sầm giàng thạch danh ksor nay rơ siu rah kpă y h'
	đồng la ứng châu giang cầm tòng điêu quàng sơn mùa thào vàng vừ sùng chảo lầu hờ tráng lù thò ma`)

// unitHeads open the name of a body (or a weekday: "Chủ Nhật", "Thứ Năm"), never of a person.
var unitHeads = setOf(`ban phòng trung huyện quận thị tỉnh xã phường hội đài báo cổng sở bộ tuyên đảng ủy mặt liên
	chi công thông tạp trường viện cục nhà tòa tổng hợp ubnd hđnd ubkt ttvh ttvhtt trang website tin nhóm
	bbt ttxvn vov vtv thứ chủ phó bí giám trưởng chánh chuyên cán học btg btg&dv btgdv tg&dv`)

// IsUnitLine reports a line that is only the name of a body ("Trung tâm
// VH-TT huyện", "Phòng Văn hóa và Thông tin"): the unit a byline's name
// sits over, written on the line under it.
func IsUnitLine(l string) bool {
	l = strings.TrimSpace(l)
	if l == "" || utf8.RuneCountInString(l) > 60 || strings.HasSuffix(l, ".") {
		return false
	}
	first, after, _ := strings.Cut(l, " ")
	r := []rune(first)
	if !unicode.IsUpper(r[0]) {
		return false
	}
	first = strings.ToLower(vietnamese.NormalizeQuick(first))
	if first == "văn" {
		// "Văn phòng HĐND-UBND xã": an office, not the given name Văn.
		second, _, _ := strings.Cut(after, " ")
		return strings.ToLower(second) == "phòng"
	}
	return unitHeads[first]
}

// unitPairs open a unit's or a role's name in two words whose first is
// also a given name ("Văn phòng", "Quản trị"): title-cased, as CMSs show
// an account's display name, they are not a person.
var unitPairs = setOf(`văn_phòng quản_trị biên_tập quản_lý phóng_viên văn_thư người_dùng người_đăng thành_viên cộng_tác`)

// accountWords name a CMS's accounts, never a person.
var accountWords = setOf(`user account admin administrator host webmaster superuser system`)

// MaxBylineRunes bounds what can be a byline line.
const MaxBylineRunes = 120

// ParseByline reads the authors from a byline line: every person it
// credits, without titles ("ThS."), labels ("Tin, ảnh:") or units. It is
// nil when the line is not a byline of a person (a photo caption, a
// sentence, a source credited without a person).
func ParseByline(line string) []event.Author {
	line = strings.Trim(vietnamese.Clean(line), " .;,*[]“”\"")
	if line == "" || utf8.RuneCountInString(line) > MaxBylineRunes {
		return nil
	}
	if strings.HasPrefix(line, "(") && strings.HasSuffix(line, ")") && strings.Count(line, "(") == 1 {
		line = strings.TrimSpace(line[1 : len(line)-1]) // "(Theo Báo Bình Dương)"
	}
	if strings.Contains(line, " :") {
		line = strings.ReplaceAll(line, " :", ":") // "Tác giả : Hồ Thị Hoa"
	}
	line = labelColon(line)
	line = TrimDate(line)
	line = CutSource(line)
	folded := vietnamese.FoldedQuick(line)
	if isCaption(folded) {
		return nil
	}
	line, folded = cutLabel(line, folded)
	// Further credits ("; ảnh: Thu Hà"), each read alone.
	var out []event.Author
	for line != "" {
		if at, credit := nextField(line); at > 0 {
			// Another field after the names, set apart by its label
			// alone ("Minh Anh Nguồn: Báo Quảng Ninh"): a credit is read
			// as one after a separator, any other field ends the names.
			if credit {
				line = line[:at] + "; " + line[at:]
			} else {
				line = strings.TrimSpace(line[:at])
			}
			folded = vietnamese.FoldedQuick(line)
		}
		part, rest := line, ""
		if i, n := innerCredit(folded); i > 0 {
			r := []rune(line)
			part, rest = string(r[:i]), string(r[i+n:])
		}
		names := parseCredit(part)
		if len(names) == 0 && rest != "" && out == nil {
			return nil // a sentence with a credit in it, not a byline
		}
		out = append(out, names...)
		line = strings.TrimSpace(rest)
		if line != "" {
			folded = vietnamese.FoldedQuick(line)
		}
	}
	return out
}

// nextField finds the label of a field written after the names without
// a separator, as spans side by side show it ("Minh Anh Nguồn: Báo
// Quảng Ninh", "Minh Anh Người duyệt: Lê Văn Tám", "Minh Anh Date:
// 12/03/2024"): one to three words of letters before a colon, the first
// capitalised, after a space. It returns the byte offset of the label
// (0 when there is none) and whether the field is a further credit
// ("Ảnh: Thu Hà"), whose names are the article's too.
func nextField(line string) (int, bool) {
	for off := 0; ; {
		c := strings.IndexByte(line[off:], ':')
		if c < 0 {
			return 0, false
		}
		c += off
		off = c + 1
		if c+1 < len(line) && line[c+1] != ' ' {
			continue // "http://", "08:30"
		}
		start, words := c, 0
		for start > 0 && words < 3 {
			sp := strings.LastIndexByte(line[:start], ' ')
			w := line[sp+1 : start]
			if w == "" || !lettersOnly(w) {
				break
			}
			words++
			start = sp + 1
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				if sp <= 0 {
					return 0, false // the line's own label
				}
				label := vietnamese.FoldedQuick(line[start:c]) + ":"
				return start, slices.Contains(innerCredits, label)
			}
			if sp < 0 {
				break
			}
			start = sp
		}
	}
}

// lettersOnly reports a word of letters (and a slash joining two labels).
func lettersOnly(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '/' {
			return false
		}
	}
	return true
}

// CutSource is line without a source credited after the names, which is
// not one of them: "Tác giả: Hoàng Hà, Nguồn: Báo Tuyên Quang" is "Tác
// giả: Hoàng Hà".
func CutSource(line string) string {
	if !sourceCue.ContainsAny(line) {
		return line // most bylines: no fold
	}
	folded := vietnamese.FoldedQuick(line)
	for _, sep := range []string{", nguon:", "; nguon:", " - nguon:", " | nguon:", ". nguon:"} {
		if i := strings.Index(folded, sep); i > 0 {
			return string([]rune(line)[:utf8.RuneCountInString(folded[:i])])
		}
	}
	return line
}

// sourceCue is what every source label CutSource cuts at holds.
var sourceCue = vietnamese.NewFoldSet("nguồn:", "nguon:")

// TrimDate drops the day (and time) a byline line may end with: "Minh
// Anh | 12/03/2024", "Thu Hà - 08:30 12/03/2024".
func TrimDate(line string) string {
	if strings.HasSuffix(line, ")") {
		// "Minh Anh (11/03/2024)", "Minh Anh(11/03/2024)": spans side by side
		if i := strings.LastIndex(line, "("); i > 0 && isDateField(line[i+1:len(line)-1]) {
			line = strings.TrimSpace(line[:i])
		}
	}
	// "Minh Anh [11/03/2024]", its closing bracket perhaps trimmed
	if i := strings.LastIndex(line, " ["); i > 0 && isDateField(strings.TrimSuffix(line[i+2:], "]")) {
		line = line[:i]
	}
	// The first separator after which all is a day or a time ("Posted by
	// Minh Anh on Thứ Hai, 11/03/2024"); a space too, where markup alone
	// set the fields apart ("Minh Anh 11/03/2024 08:30").
	cut := -1
	for _, sep := range []string{" | ", " - ", " – ", " • ", ", ", " @ ", " posted on ", " on ", " vào lúc ", " lúc ", " vào ", " ngày ", " "} {
		for off := 0; ; {
			j := strings.Index(line[off:], sep)
			if j < 0 {
				break
			}
			j += off
			if j > 0 && (cut < 0 || j < cut) && isDateField(line[j+len(sep):]) {
				cut = j
			}
			off = j + len(sep)
		}
	}
	if cut > 0 {
		line = strings.TrimSpace(line[:cut])
	}
	return line
}

// dateWords are the words a day or a time is written with besides its
// digits, folded: weekdays, "ngày", "lúc", "SA/CH".
var dateWords = setOf(`thu hai ba tu nam sau bay chu nhat cn ngay luc vao cap thang sa ch am pm on at
	mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday` + " " + englishMonths)

// englishMonths are the months of the English sections of portals, whole
// and short, folded.
const englishMonths = `january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec`

var monthWords = setOf(englishMonths)

// isDateField reports a field that is a date or a time, with perhaps a
// weekday or a word such as "ngày", "lúc" before it ("ngày 12/03/2024",
// "08:30", "Thứ Hai, 11/03/2024").
func isDateField(f string) bool {
	if utf8.RuneCountInString(f) > 30 {
		return false
	}
	digits := 0
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '/' || r == ':' || r == '-' || r == '.' || r == ' ' || r == ',' || unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
		default:
			return false
		}
	}
	if digits < 3 {
		return false // before the words are folded: most fields end here
	}
	words := strings.FieldsFunc(vietnamese.FoldedQuick(f), func(r rune) bool { return !unicode.IsLetter(r) })
	month := false
	for _, w := range words {
		if !dateWords[w] {
			return false
		}
		month = month || monthWords[w]
	}
	// A day written with its month's name needs no slash: "March 9, 2024".
	return month || strings.Contains(f, "/") || strings.Contains(f, ":")
}

// cutLabel drops the labels opening a byline ("Tin, ảnh:", "Tác giả",
// "CTV"), two at most: a template's label before the byline's own
// ("Tác giả: T/h: Minh Anh"). folded is line's folded form; both come
// back without them.
func cutLabel(line, folded string) (string, string) {
	l, f := cutOneLabel(line, folded)
	if l != line {
		l, f = cutOneLabel(l, f)
	}
	return l, f
}

func cutOneLabel(line, folded string) (string, string) {
	cut := func(n int) (string, string) {
		l := strings.TrimSpace(string([]rune(line)[n:]))
		if i := strings.Index(l, " in "); i > 0 {
			l = l[:i] // "Posted by Minh Anh in Tin tức": a category follows
		}
		return l, vietnamese.FoldedQuick(l)
	}
	for _, p := range bylinePrefixes {
		if strings.HasPrefix(folded, p) {
			return cut(utf8.RuneCountInString(p))
		}
	}
	// Two labels joined by a slash, one a byline's: "Nguồn tin/Tác giả:",
	// "Tác giả/Người đăng:".
	if c := strings.IndexByte(folded, ':'); c > 0 && c < 40 && strings.Contains(folded[:c], "/") {
		for _, part := range strings.Split(folded[:c], "/") {
			if slices.Contains(bylinePrefixes, strings.TrimSpace(part)+":") {
				return cut(utf8.RuneCountInString(folded[:c+1]))
			}
		}
	}
	for _, p := range bareLabels {
		if strings.HasPrefix(folded, p) {
			n := utf8.RuneCountInString(p)
			if r := []rune(line); len(r) > n && unicode.IsUpper(r[n]) {
				return cut(n)
			}
		}
	}
	return line, folded
}

// CutLabel is a line without the byline's label it opens with, with or
// without its colon ("Tác giả: Theo TTXVN", "Posted by Minh Anh"); the
// line itself when it has none.
func CutLabel(line string) string {
	line = strings.ReplaceAll(line, " :", ":")
	l, _ := cutLabel(line, vietnamese.FoldedQuick(line))
	return l
}

// Labelled reports whether a line opens with a byline's label, with or
// without its colon ("Tác giả: ...", "Tin, ảnh: ...", "CTV Minh Anh").
func Labelled(line string) bool {
	if len(line) > 4*MaxBylineRunes || utf8.RuneCountInString(line) > MaxBylineRunes {
		return false
	}
	line = strings.ReplaceAll(line, " :", ":")
	return CutLabel(line) != line
}

// bylineLabels are labels written alone, in their own element before the
// name ("Tác giả" over the author's name). Compared folded.
var bylineLabels = []string{"tac gia", "tac gia bai viet", "nguoi viet", "but danh", "phong vien", "nhom pv", "author", "written by"}

// IsLabel reports a line that is only a byline's label ("Tác giả:",
// "Tác giả", "Tin, ảnh:"): the name is in the next element.
func IsLabel(line string) bool {
	if len(line) > 40 {
		return false
	}
	f := strings.TrimSpace(strings.TrimRight(vietnamese.FoldedQuick(line), " :"))
	return slices.Contains(bylineLabels, f) || slices.Contains(bylinePrefixes, f+":")
}

// labelColon writes a label set apart by a dash or a bar as a label with
// its colon: "Tác giả - Minh Anh", "Tác giả | Minh Anh" (a label cell and
// its value joined) are "Tác giả: Minh Anh".
func labelColon(line string) string {
	i := strings.IndexAny(line, "-|–")
	if i <= 0 || i > 40 || line[i-1] != ' ' || Labelled(line) {
		return line // "Tin - ảnh: Thu Hiếu" is a label already
	}
	if IsLabel(line[:i]) {
		_, size := utf8.DecodeRuneInString(line[i:])
		return strings.TrimSpace(line[:i]) + ": " + strings.TrimSpace(line[i+size:])
	}
	return line
}

// innerCredit finds a further credit in a byline: where it starts, with
// the separator before it, and the length of that separator and label,
// both in runes (folding keeps offsets rune for rune, not byte for byte);
// 0 when there is none.
func innerCredit(folded string) (int, int) {
	for _, c := range innerCredits {
		i := strings.Index(folded, c)
		if i <= 0 {
			continue
		}
		head := strings.TrimRight(folded[:i], " ")
		if head == "" || !strings.ContainsAny(head[len(head)-1:], ";,-/|") && !strings.HasSuffix(head, "–") {
			continue
		}
		start := utf8.RuneCountInString(strings.TrimRight(strings.TrimRight(head, ";,-/|–"), " "))
		end := utf8.RuneCountInString(folded[:i+len(c)])
		return start, end - start
	}
	return 0, 0
}

// personAfterSource is the persons credited after a source and a
// separator ("Báo Hà Tĩnh | Minh Anh", "Báo Hà Tĩnh - Tác giả: Minh
// Anh"); nil when no person follows it ("Sở Văn hóa - Thể thao").
func personAfterSource(line string) []event.Author {
	at, n := -1, 0 // the first separator
	for _, sep := range []string{" | ", " - ", " – "} {
		if i := strings.Index(line, sep); i > 0 && (at < 0 || i < at) {
			at, n = i, len(sep)
		}
	}
	if at < 0 {
		return nil
	}
	return ParseByline(line[at+n:])
}

// parseCredit reads the persons of one credit: names joined by dashes,
// commas, slashes or "và", then what they work for.
func parseCredit(line string) []event.Author {
	head := line // the label to its colon, or the first word and what follows it: enough for the prefixes
	if i := strings.IndexByte(line, ':'); i > 0 && i < 20 {
		head = line[:i+1]
	} else if i := strings.IndexAny(line, " :"); i > 0 && i+1 < len(line) {
		head = line[:i+1]
	}
	folded := vietnamese.FoldedQuick(head)
	source := false
	for _, p := range sourcePrefixes {
		if strings.HasPrefix(folded, p) {
			line, source = strings.TrimSpace(string([]rune(line)[utf8.RuneCountInString(p):])), true
			break
		}
	}
	line = strings.TrimRight(strings.TrimLeft(line, " :.(-–"), " :.;,-–")
	if line == "" {
		return nil
	}
	line = dropTitle(line)
	unit := ""
	if i := strings.Index(line, "("); i > 0 && strings.HasSuffix(line, ")") {
		line, unit = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:len(line)-1])
	}
	var out []event.Author
	for line != "" {
		a, b, ok := cutAny(line, []string{" - ", " – ", " — ", "/", " -", "- ", ", ", " và ", " and ", "; ", " & ", " + "})
		if !ok {
			a, b, ok = joinedNames(a)
		}
		name := properCase(dropTitle(strings.TrimSpace(a)))
		if !nameLike(name) {
			if len(out) == 0 {
				// A source credited without a person ("Nguồn: Ban
				// Tuyên giáo Huyện ủy") names no author; the person
				// after it does ("Nguồn: Báo Hà Tĩnh | Minh Anh").
				if source {
					return personAfterSource(line)
				}
				return nil
			}
			unit = strings.TrimSpace(strings.Join([]string{line, unit}, " "))
			break
		}
		out = append(out, event.Author{Name: name})
		if !ok {
			break
		}
		line = strings.TrimSpace(b)
	}
	if len(out) == 1 {
		out[0].Unit = unit
	}
	return out
}

// titleStarts are the first words of nameTitles, folded, without dots:
// a name whose first word is none of them has no title.
var titleStarts = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range nameTitles {
		w, _, _ := strings.Cut(t, " ")
		m[strings.TrimRight(w, ".")] = true
		if i := strings.IndexByte(w, '.'); i > 0 {
			m[w[:i]] = true // "pgs" of "pgs.ts"
		}
	}
	return m
}()

// dropTitle drops the titles before a name ("ThS.", "PGS.TS", "Nhà báo";
// "Ông", "Bà" before a surname: Ông is a surname too).
func dropTitle(s string) string {
	if w, rest, ok := strings.Cut(s, " "); ok && (w == "Ông" || w == "Bà") {
		if first, _, _ := strings.Cut(rest, " "); surnames[strings.ToLower(vietnamese.NormalizeQuick(first))] {
			s = rest
		}
	}
	for range 3 {
		w := s
		if i := strings.IndexAny(w, " ."); i > 0 {
			w = w[:i]
		}
		if len(w) > 12 || !titleStarts[vietnamese.FoldedQuick(w)] {
			break
		}
		f := vietnamese.FoldedQuick(s)
		cut := false
		for _, t := range nameTitles {
			if !strings.HasPrefix(f, t) || len(f) == len(t) {
				continue
			}
			n := utf8.RuneCountInString(t)
			r := []rune(s)
			if next := r[n]; next != ' ' && !strings.HasSuffix(t, ".") {
				continue // "Tsang", "Thsa": a word, not a title
			}
			rest := strings.TrimLeft(string(r[n:]), " .")
			if rest == "" || !unicode.IsUpper([]rune(rest)[0]) {
				continue
			}
			s, cut = rest, true
			break
		}
		if !cut {
			break
		}
	}
	return s
}

// isCaption reports whether a folded line is a photo caption.
func isCaption(folded string) bool {
	if strings.HasPrefix(folded, "anh va bai:") { // the credit "Ảnh và bài: ..."
		return false
	}
	return strings.HasPrefix(folded, "anh:") || strings.HasPrefix(folded, "anh minh hoa") ||
		strings.HasPrefix(folded, "anh ") && strings.Contains(folded, ":") && !strings.Contains(folded, " - ") ||
		strings.Contains(folded, "(anh:") || strings.Contains(folded, "(anh ") || strings.HasSuffix(folded, "anh minh hoa)") ||
		strings.HasPrefix(folded, "(anh")
}

// joinedNames splits a name from what a dash without spaces joins to it,
// another name or a unit ("Minh Anh-Thu Hà", "Minh Anh-Phòng VHTT"), when
// the first half reads as a name; otherwise s is one part.
func joinedNames(s string) (string, string, bool) {
	for _, sep := range []string{"-", "–"} {
		if a, b, ok := strings.Cut(s, sep); ok && nameLike(properCase(a)) && b != "" && !unicode.IsLower([]rune(b)[0]) {
			return a, b, true
		}
	}
	return s, "", false
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

// properCase turns an ALL CAPS name into "Nguyễn Văn Hùng", and the
// middle "văn" or "thị" of a name a surname opens into "Văn", "Thị"
// ("Nguyễn văn An", as it is typed); other text is returned as it is.
func properCase(s string) string {
	if strings.Contains(s, " văn ") || strings.Contains(s, " thị ") {
		if w := strings.Fields(s); len(w) >= 3 && len(w) <= 5 && surnames[strings.ToLower(vietnamese.NormalizeQuick(w[0]))] {
			for i := 1; i < len(w)-1; i++ {
				switch w[i] {
				case "văn":
					w[i] = "Văn"
				case "thị":
					w[i] = "Thị"
				}
			}
			s = strings.Join(w, " ")
		}
	}
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

// initialled reports a name written with its first syllables as initials,
// as bylines often are: "N.Hà", "T. Lâm", "Ng.Hương", "N.T.Hà", "Q.Anh":
// one or more initials (a capital, perhaps with the small letter of a
// digraph: "Ng", "Th"), each closed by a dot, then one to three
// capitalised syllables.
func initialled(s string) bool {
	r := []rune(s)
	if len(r) > 30 {
		return false
	}
	i, initials := 0, 0
	for i < len(r) && unicode.IsUpper(r[i]) {
		j := i + 1
		if j < len(r) && unicode.IsLower(r[j]) && j+1 < len(r) && r[j+1] == '.' {
			j++ // a digraph: "Ng.", "Th."
		}
		if j >= len(r) || r[j] != '.' {
			break
		}
		initials++
		i = j + 1
		for i < len(r) && r[i] == ' ' {
			i++
		}
	}
	if initials == 0 || i >= len(r) {
		return false
	}
	words := strings.Fields(string(r[i:]))
	if len(words) > 3 {
		return false
	}
	for _, w := range words {
		wr := []rune(w)
		if !unicode.IsUpper(wr[0]) || len(wr) < 2 {
			return false
		}
		for _, c := range wr[1:] {
			if !unicode.IsLower(c) && !unicode.Is(unicode.Mn, c) {
				return false
			}
		}
	}
	return true
}

// foreignWord reports a word written without diacritics that no
// Vietnamese syllable can be: it opens with f, j, w or z or with two
// consonants no Vietnamese letter pair is ("Print", "Facebook", "Web"), or
// ends with a consonant no syllable ends with ("Master"). Names written
// without their diacritics ("Nguyen Van Hung", "Minh Anh") pass.
func foreignWord(w string) bool {
	w = strings.ToLower(w)
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	if w == "" {
		return false
	}
	vowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	if strings.IndexByte("fjwz", w[0]) >= 0 {
		return true
	}
	if len(w) > 1 && !vowel(w[0]) && !vowel(w[1]) {
		switch w[:2] {
		case "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr":
		default:
			return true
		}
	}
	end := len(w)
	for end > 0 && !vowel(w[end-1]) {
		end--
	}
	switch w[end:] {
	case "", "c", "ch", "m", "n", "ng", "nh", "p", "t":
		return false
	}
	return true
}

// nameLike reports whether s reads as a person's name: two to five
// capitalised syllables, no digits, not the name of a body. A Vietnamese
// surname first or Văn/Thị in the middle make short names certain.
func nameLike(s string) bool {
	if initialled(s) {
		return true
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for i, c := range r[1:] {
			// Names of the Central Highlands hold an apostrophe before a
			// capital: "H'Hen", "Ksor H'Bin".
			if c == '\'' || c == '’' {
				if i+2 >= len(r) || !unicode.IsUpper(r[i+2]) {
					return false
				}
				continue
			}
			if !unicode.IsLower(c) && !unicode.Is(unicode.Mn, c) && !(i > 0 && (r[i] == '\'' || r[i] == '’')) {
				return false
			}
		}
	}
	first := strings.ToLower(vietnamese.NormalizeQuick(words[0]))
	if f := []rune(first); len(f) > 2 && (f[1] == '\'' || f[1] == '’') {
		first = string(f[:2]) // "h'hen": the female prefix of Ê Đê names
	}
	if unitHeads[first] {
		return false
	}
	if unitPairs[first+" "+strings.ToLower(vietnamese.NormalizeQuick(words[1]))] {
		return false
	}
	for _, w := range words {
		if accountWords[strings.ToLower(w)] {
			return false // "Super User", "Administrator Account": the CMS's account
		}
	}
	if !surnames[first] {
		for _, w := range words {
			if foreignWord(w) {
				return false // "Print Facebook", "Web Master": no Vietnamese syllables
			}
		}
	}
	if len(words) >= 3 && !surnames[first] {
		mid := strings.ToLower(words[1])
		return mid == "văn" || mid == "thị"
	}
	return true
}
