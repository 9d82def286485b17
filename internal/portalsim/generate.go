package portalsim

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Article is the truth about one article the portal serves.
type Article struct {
	Path        string // "/kinh-te/-/view_content/1234567-thu-ngan-sach-....html"
	URL         string // absolute once the portal is started, else the path
	Category    string // the label shown on the page
	Title       string
	PublishedAt time.Time // Asia/Ho_Chi_Minh; zero when !HasDate
	HasDate     bool      // false: the page has no date line
	Views       int
	Paragraphs  []string // body paragraphs, without the byline
	Byline      string   // the last line of the body, as shown
	Author      string   // first author, proper case, without prefixes
	AuthorUnit  string   // unit after the name, if the byline has one
	Authors     []string // every name in the byline
	Metrics     []Metric // figures written into the text
	Seed        bool     // the real seed article

	id      int
	catSlug string
	sortAt  time.Time // publish time, kept for ordering dateless articles too
	modAt   time.Time // when UpdateArticle last changed it (the sitemap's lastmod)
}

// Metric is one figure written into an article's text, with the period it
// reports on as the article states it.
type Metric struct {
	Key  string // one of MetricKeys()
	Unit string // "đảng viên", "hộ", "%", "tỷ đồng"
	// Value is the figure as written. It is the truth of its period (see
	// Truth: Series for a year or a level on 31 December, HalfSeries for a
	// half-year, TermTotal for a term) unless it is an estimate that a later
	// report corrects: such an estimate is 1 to 4 % off. An estimate of a
	// period that ends in LastYear is never corrected (district level ended
	// on 1 July 2025) and has the truth's value.
	Value       float64
	Target      *float64 // set only when the target is written in the text: the year's Series target
	PlanPercent *float64 // set only when "đạt P% kế hoạch/dự toán/chỉ tiêu" is written: planPercent(Value, Target)
	Year        int      // the year the period ends in (a term's last year)
	District    string
	Text        string // exact substring of one paragraph that carries the figures
	// Period is the label of the period the figure reports on: "2016"
	// (PeriodYear), "2016-H1" (PeriodHalf), "2015-2020" (PeriodTerm, the
	// years as written: "nhiệm kỳ 2015 - 2020", "giai đoạn 2016-2020"),
	// "2019-12-31" (PeriodDate, a stock's or a rate's level: "tính đến
	// 31/12/2019", "đến hết năm 2019", "cuối năm 2019"). The figure's
	// sentence, its paragraph or the article's title states it; the publish
	// date never is the only clue.
	Period     string
	PeriodKind string // PeriodYear, PeriodHalf, PeriodTerm or PeriodDate
	// Estimate: the text states the figure as an estimate ("ước", "ước
	// đạt", "ước cả năm", "ước thực hiện").
	Estimate bool
	// Mention: a news article about something else repeats, months later,
	// a figure a report gave (the same value, the same period).
	Mention bool
}

type gen struct {
	p *profile
	r *rand.Rand
	// x is the second random source: the report plan and every choice the
	// periods added (phrasings, the extra articles). Kept apart from r so
	// the yearly reports and the filler news draw what they always drew.
	x    *rand.Rand
	plan reportPlan
	arts []*Article
}

// vars are the slots shared by one article's templates.
type vars struct {
	year   int
	event  time.Time
	x, x2  string
	values map[string]string
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *gen) newVars(t time.Time, year int) *vars {
	v := &vars{year: year, event: t.AddDate(0, 0, -g.r.IntN(3)), x: g.pick(g.p.communes)}
	for v.x2 = g.pick(g.p.communes); v.x2 == v.x; v.x2 = g.pick(g.p.communes) {
	}
	return v
}

// expand fills a template's {slots}; see slot for the names.
func (g *gen) expand(s string, v *vars) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s, '}')
		if i < 0 || j < i {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(g.slot(s[i+1:j], v))
		s = s[j+1:]
	}
}

func (g *gen) slot(name string, v *vars) string {
	if s, ok := v.values[name]; ok {
		return s
	}
	key, arg, _ := strings.Cut(name, ":")
	lo, hi := 0, 0
	if a, b, ok := strings.Cut(arg, "-"); ok {
		lo, _ = strconv.Atoi(a)
		hi, _ = strconv.Atoi(b)
	}
	p := g.p
	switch key {
	case "D":
		return p.info.Name
	case "KD":
		return p.kd()
	case "K":
		return p.info.Kind
	case "C":
		return p.committee
	case "YOUTH":
		return p.youth + " " + p.info.Name
	case "LU":
		switch p.info.Kind {
		case "quận":
			return "các phường"
		case "thị xã":
			return "các xã, phường"
		}
		return "các xã, thị trấn"
	case "LUS":
		return strings.TrimPrefix(g.slot("LU", v), "các ")
	case "X":
		return v.x
	case "X2":
		return v.x2
	case "Y":
		return strconv.Itoa(v.year)
	case "Y1":
		return strconv.Itoa(v.year + 1)
	case "SY":
		if v.event.Month() >= time.August {
			return fmt.Sprintf("%d-%d", v.event.Year(), v.event.Year()+1)
		}
		return fmt.Sprintf("%d-%d", v.event.Year()-1, v.event.Year())
	case "DM":
		return v.event.Format("02/01")
	case "NC":
		return strconv.Itoa(p.units)
	case "NAME":
		return g.fullName()
	case "Q":
		return g.pick([]string{"trên ", "gần ", "", ""})
	case "N":
		return vnInt(g.between(lo, hi))
	case "Z":
		return fmt.Sprintf("%02d", g.between(lo, hi))
	case "P":
		return vnDec(float64(lo)+float64(hi-lo)*g.r.Float64(), 1)
	}
	return "{" + name + "}"
}

var (
	surnames  = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Đinh"}
	maleMid   = []string{"Văn", "Đức", "Minh", "Quốc", "Hữu", "Mạnh", "Thanh", "Anh"}
	maleGiven = []string{"Hùng", "Thắng", "Sự", "Toàn", "Nghĩa", "Tuấn", "Khánh", "Dũng", "Long", "Hải", "Cường", "Hòa"}
	femMid    = []string{"Thị", "Thu", "Thị Thu", "Ngọc", "Thanh", "Phương", "Hồng", "Thị Minh"}
	femGiven  = []string{"Hằng", "Hà", "Thủy", "Lan", "Nhung", "Mai", "Huyền", "Hương", "Thảo", "Trang", "Anh", "Hoa"}
	penMid    = []string{"Minh", "Thu", "Quốc", "Thanh", "Hồng", "Phương", "Ngọc", "Đức", "Hải", "Khánh", "Mai"}
	penGiven  = []string{"Anh", "Hà", "Sự", "Khánh", "Nhung", "Thảo", "Trang", "Linh", "Hiếu", "Tâm", "Long"}
	units     = []string{"Tuyên giáo {D}", "Ban Tuyên giáo {C} {D}", "Trung tâm Văn hóa - Thông tin và Thể thao {KD}",
		"Trung tâm TT-VH-TT {KD}", "Phòng Văn hóa và Thông tin {KD}", "Uỷ viên UBKT {CU}", "{YOUTH}"}
)

func (g *gen) fullName() string {
	if g.r.IntN(2) == 0 {
		return g.pick(surnames) + " " + g.pick(maleMid) + " " + g.pick(maleGiven)
	}
	return g.pick(surnames) + " " + g.pick(femMid) + " " + g.pick(femGiven)
}

func (g *gen) penName() string { return g.pick(penMid) + " " + g.pick(penGiven) }

// byline sets a byline in one of the styles seen on real portals.
func (g *gen) byline(a *Article) {
	v := &vars{values: map[string]string{"CU": strings.ReplaceAll(g.p.committee, "ủy", "uỷ")}}
	full, pen, unit := g.fullName(), g.penName(), g.expand(g.pick(units), v)
	switch g.r.IntN(7) {
	case 0:
		a.Byline, a.Author, a.AuthorUnit = full+" - "+unit, full, unit
	case 1:
		a.Byline, a.Author = strings.ToUpper(full), full
	case 2:
		a.Byline, a.Author = "Tin, ảnh: "+pen, pen
	case 3:
		a.Byline, a.Author, a.AuthorUnit = pen+"/"+unit, pen, unit
	case 4:
		pen2 := g.penName()
		a.Byline, a.Author, a.Authors = pen+" – "+pen2, pen, []string{pen, pen2}
		return
	case 5:
		a.Byline, a.Author = full, full
	default:
		a.Byline, a.Author = "T/h: "+pen, pen
	}
	a.Authors = []string{a.Author}
}

var captions = []string{"Ảnh: Quang cảnh hội nghị.", "Ảnh minh họa", "Ảnh: Đồng chí {NAME} phát biểu tại buổi lễ.", "Các đại biểu dự buổi lễ. (Ảnh: {YOUTH})"}

// body expands paragraph templates, sometimes with a photo caption after the first.
func (g *gen) body(tmpls []string, v *vars) []string {
	var out []string
	for i, t := range tmpls {
		if t == "" {
			continue
		}
		out = append(out, capFirst(g.expand(t, v)))
		if i == 0 && g.r.IntN(3) == 0 {
			out = append(out, g.expand(g.pick(captions), v))
		}
	}
	return out
}

func (g *gen) at(y int, m time.Month, d, spreadDays int) time.Time {
	return time.Date(y, m, d, 7+g.r.IntN(10), g.r.IntN(60), 0, 0, hcm).AddDate(0, 0, g.r.IntN(spreadDays+1))
}

// reportDate: mid-December to mid-January for a year's report; the last
// year's reports come in June 2025, before district level ended on 1 July 2025.
func (g *gen) reportDate(y int) time.Time {
	if y == LastYear {
		return g.at(y, time.June, 8, 18)
	}
	return g.at(y, time.December, 12, 34)
}

// finalDate moves a year's report on key from December to January of the
// next year when the plan wants it there: after a December estimate, the
// final figure comes in January (6 to 25 January).
func (g *gen) finalDate(key string, y int, t time.Time) time.Time {
	if g.plan.january[key][y] && t.Month() == time.December {
		return t.AddDate(0, 0, 25)
	}
	return t
}

// yearPhrase opens a sentence about year y: "Năm 2019", "Cả năm 2019" or
// "Trong năm" (the year is then only in the title, which always names it);
// "Ước cả năm 2025" for the last year, whose reports are estimates.
func (g *gen) yearPhrase(y int, capital bool) string {
	s := "năm " + strconv.Itoa(y)
	switch {
	case y == LastYear:
		s = "ước cả năm " + strconv.Itoa(y)
	default:
		switch g.x.IntN(5) {
		case 0:
			s = "cả năm " + strconv.Itoa(y)
		case 1:
			s = "trong năm"
		}
	}
	if capital {
		return capFirst(s)
	}
	return s
}

func fp(v float64) *float64 { return &v }

// metric is a figure of year's own report; the last year's are estimates.
func (g *gen) metric(key, unit string, value float64, year int, text string) Metric {
	return Metric{Key: key, Unit: unit, Value: value, Year: year, District: g.p.info.Name, Text: text,
		Period: yearLabel(year), PeriodKind: PeriodYear, Estimate: year == LastYear}
}

// capFirst upper-cases the first letter: "huyện Thanh Trì ..." opens a sentence.
func capFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (g *gen) newArticle(cat string, t time.Time, title string) *Article {
	a := &Article{catSlug: cat, sortAt: t, PublishedAt: t, HasDate: true, Title: capFirst(title)}
	c, _ := categoryBySlug(cat)
	a.Category = c.Label
	g.byline(a)
	return a
}

func (g *gen) partyReport(y int) *Article {
	t := g.finalDate(KeyPartyNewMembers, y, g.reportDate(y))
	v := g.newVars(t, y)
	n, target := series(g.p, KeyPartyNewMembers, y)
	pct := planPercent(n, target)
	m := g.metric(KeyPartyNewMembers, "đảng viên", n, y, "")
	var para string
	switch g.r.IntN(4) {
	case 0:
		m.Text = fmt.Sprintf("kết nạp %s/%d đảng viên mới, đạt %s%% kế hoạch", vnInt(int(n)), int(target), vnDec(pct, 1))
		m.Target, m.PlanPercent = fp(target), fp(pct)
		para = g.yearPhrase(y, true) + ", {C} chỉ đạo tốt công tác phát triển đảng viên, " + m.Text +
			" năm; chuyển đảng chính thức " + vnInt(int(n*(0.85+0.2*g.r.Float64()))) + " đồng chí."
	case 1:
		m.Text = fmt.Sprintf("kết nạp %s đảng viên mới, đạt %s%% kế hoạch", vnInt(int(n)), vnDec(pct, 1))
		m.PlanPercent = fp(pct)
		para = "Công tác phát triển đảng viên được quan tâm; " + g.yearPhrase(y, false) +
			", toàn Đảng bộ " + m.Text + " năm, trong đó có {N:40-120} đảng viên là đoàn viên thanh niên."
	case 2:
		m.Text = fmt.Sprintf("kết nạp được %s đảng viên mới (chỉ tiêu %s), đạt %s%% chỉ tiêu", vnInt(int(n)), vnInt(int(target)), vnDec(pct, 1))
		m.Target, m.PlanPercent = fp(target), fp(pct)
		para = g.yearPhrase(y, true) + ", các tổ chức cơ sở đảng " + m.Text + " {C} giao."
	default:
		m.Text = fmt.Sprintf("kết nạp %s đảng viên mới", vnInt(int(n)))
		para = "Kết quả, " + g.yearPhrase(y, false) + " toàn Đảng bộ đã " + m.Text +
			", chuyển đảng chính thức cho {N:150-400} đồng chí."
	}
	plan := ""
	if y < LastYear && g.r.IntN(5) < 2 {
		_, next := series(g.p, KeyPartyNewMembers, y+1)
		plan = "Năm {Y1}, Đảng bộ {K} phấn đấu kết nạp trên " + vnInt(int(next)) + " đảng viên mới."
	}
	a := g.newArticle("dang-doan-the", t, g.expand(g.pick([]string{
		"{C} {D} tổng kết công tác xây dựng Đảng năm {Y}",
		"Đảng bộ {KD}: kết quả công tác phát triển đảng viên năm {Y}",
		"Nâng cao chất lượng công tác phát triển đảng viên năm {Y}",
	}), v))
	a.Paragraphs = g.body([]string{
		"Ngày {DM}, Ban Thường vụ {C} {D} tổ chức hội nghị tổng kết công tác xây dựng Đảng năm {Y}, triển khai nhiệm vụ năm {Y1}. Dự hội nghị có đồng chí {NAME}, Bí thư {C}, lãnh đạo các ban xây dựng Đảng và {N:40-70} đồng chí bí thư chi bộ, đảng bộ cơ sở.",
		"Đảng bộ {KD} hiện có {N:40-75} tổ chức cơ sở đảng với {N:7000-16000} đảng viên. Trong năm, {C} tổ chức {Z:3-9} lớp bồi dưỡng lý luận chính trị cho {Q}{N:300-900} học viên.",
		para,
		"Công tác đánh giá, xếp loại được thực hiện nghiêm túc: {Q}{P:85-97}% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ; {Q}{P:88-98}% đảng viên hoàn thành tốt nhiệm vụ; {N:150-600} đảng viên được tặng Huy hiệu Đảng.",
		plan,
		"Phát biểu kết luận hội nghị, đồng chí {NAME}, Phó Bí thư Thường trực {C} đề nghị các cấp ủy tiếp tục đổi mới nội dung, phương thức lãnh đạo, nâng cao chất lượng sinh hoạt chi bộ.",
	}, v)
	a.Metrics = []Metric{m}
	return a
}

func (g *gen) povertyReport(y int) *Article {
	t := g.reportDate(y)
	v := g.newVars(t, y)
	n, _ := series(g.p, KeyPoorHouseholds, y)
	prev, _ := series(g.p, KeyPoorHouseholds, y-1)
	rate, _ := series(g.p, KeyPoorRate, y)
	hh := g.metric(KeyPoorHouseholds, "hộ", n, y, "")
	rt := g.metric(KeyPoorRate, "%", rate, y, "")
	// A level at the end of the year: "cuối năm", "đến hết năm" and, in a
	// January report, "tính đến 31/12" are the day; "năm Y" is the year.
	endOfYear := func(lead, estimate string) string {
		hh.Period, hh.PeriodKind = dateLabel(y), PeriodDate
		rt.Period, rt.PeriodKind = hh.Period, hh.PeriodKind
		switch {
		case y == LastYear:
			return estimate
		case t.Year() > y && g.x.IntN(2) == 0:
			return "Tính đến 31/12/{Y}, "
		}
		return lead
	}
	var para string
	switch g.r.IntN(3) {
	case 0:
		hh.Text = "số hộ nghèo còn " + vnInt(int(n)) + " hộ"
		rt.Text = "tỷ lệ hộ nghèo " + vnDec(rate, 2) + "%"
		near := vnInt(int(n * (1.2 + 0.6*g.r.Float64())))
		para = endOfYear("Theo kết quả rà soát cuối năm {Y}, ", "Theo kết quả rà soát, ước đến cuối năm {Y}, ") +
			hh.Text + ", " + rt.Text + "; số hộ cận nghèo là " + near + " hộ."
	case 1:
		hh.Text = "còn " + vnInt(int(n)) + " hộ nghèo, chiếm tỷ lệ " + vnDec(rate, 2) + "%"
		rt.Text = hh.Text
		lead := endOfYear("Đến hết năm {Y}, ", "Ước đến hết năm {Y}, ") + "toàn {K} "
		para = lead + hh.Text + ", giảm " + vnInt(int(prev-n)) + " hộ so với đầu năm."
		if n > prev {
			para = lead + hh.Text + ", tăng " + vnInt(int(n-prev)) + " hộ so với đầu năm do áp dụng chuẩn nghèo mới."
		}
	default:
		hh.Text = "tỷ lệ hộ nghèo giảm xuống còn " + vnDec(rate, 2) + "% (" + vnInt(int(n)) + " hộ)"
		rt.Text = hh.Text
		para = "Kết quả, năm {Y} " + hh.Text + ", hoàn thành chỉ tiêu Nghị quyết Đại hội Đảng bộ {K} đề ra."
		if y == LastYear {
			para = "Kết quả, ước cả năm {Y} " + hh.Text + ", hoàn thành chỉ tiêu Nghị quyết Đại hội Đảng bộ {K} đề ra."
		}
	}
	plan := ""
	if g.r.IntN(5) < 2 {
		plan = "{KD} phấn đấu đến năm {Y1} giảm tỷ lệ hộ nghèo xuống dưới " + vnDec(round(rate*0.7, 1)+0.1, 1) + "%."
	}
	a := g.newArticle("van-hoa-xa-hoi", t, g.expand(g.pick([]string{
		"{KD} nỗ lực giảm nghèo bền vững năm {Y}",
		"Kết quả rà soát hộ nghèo, hộ cận nghèo năm {Y} trên địa bàn {KD}",
		"Công tác giảm nghèo của {KD} năm {Y}",
	}), v))
	a.Paragraphs = g.body([]string{
		"Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững, năm {Y}, {C}, UBND {K} đã chỉ đạo {LU} triển khai đồng bộ các giải pháp hỗ trợ hộ nghèo phát triển kinh tế, ổn định cuộc sống.",
		para,
		"Trong năm, Phòng giao dịch Ngân hàng Chính sách xã hội {K} cho {Q}{N:300-2000} lượt hộ nghèo, hộ cận nghèo và các đối tượng chính sách vay vốn với tổng dư nợ trên {N:150-900} tỷ đồng.",
		"Các cấp, các ngành đã hỗ trợ xây mới, sửa chữa {Z:3-9} nhà Đại đoàn kết; 100% hộ nghèo được cấp thẻ bảo hiểm y tế; {N:200-900} học sinh thuộc hộ nghèo được miễn, giảm học phí.",
		plan,
	}, v)
	a.Metrics = []Metric{hh, rt}
	return a
}

func (g *gen) budgetReport(y int) *Article {
	t := g.finalDate(KeyBudgetRevenue, y, g.reportDate(y))
	v := g.newVars(t, y)
	val, target := series(g.p, KeyBudgetRevenue, y)
	pct := planPercent(val, target)
	m := g.metric(KeyBudgetRevenue, "tỷ đồng", val, y, "")
	m.PlanPercent = fp(pct)
	V, T, P := vnDec(val, 1), vnDec(target, 1), vnDec(pct, 1)
	reached := " đạt "
	if m.Estimate {
		reached = " ước đạt "
	}
	switch g.r.IntN(4) {
	case 0:
		m.Text = "tổng thu ngân sách trên địa bàn" + reached + V + " tỷ đồng, đạt " + P + "% dự toán"
	case 1:
		m.Text = "thu ngân sách nhà nước trên địa bàn" + reached + V + " tỉ đồng, bằng " + P + "% dự toán"
	case 2:
		m.Text = "thu ngân sách" + reached + V + "/" + T + " tỷ đồng, đạt " + P + "% dự toán"
		m.Target = fp(target)
	default:
		m.Text = "thu ngân sách trên địa bàn" + reached + V + " tỷ đồng (dự toán " + T + " tỷ đồng), đạt " + P + " % dự toán"
		m.Target = fp(target)
	}
	// The revenue paragraph names the year, or leaves it to the title.
	lead := "Công tác thu ngân sách được triển khai quyết liệt, "
	switch {
	case m.Estimate:
		lead = "Công tác thu ngân sách năm {Y} được triển khai quyết liệt, "
	default:
		switch g.x.IntN(3) {
		case 0:
			lead = "Công tác thu ngân sách năm {Y} được triển khai quyết liệt, "
		case 1:
			lead = "Cả năm {Y}, "
		}
	}
	termPara, term := g.budgetTerm(y)
	plan := ""
	if y < LastYear && g.r.IntN(5) < 2 {
		_, nt := series(g.p, KeyBudgetRevenue, y+1)
		plan = "Năm {Y1}, {KD} phấn đấu thu ngân sách trên địa bàn đạt " + vnDec(nt, 1) + " tỷ đồng."
	}
	title := "{KD}: kinh tế - xã hội năm {Y} duy trì ổn định"
	if pct >= 100 {
		title = g.pick([]string{"Thu ngân sách năm {Y} của {KD} vượt dự toán", "Kinh tế - xã hội {KD} năm {Y} tiếp tục phát triển"})
	}
	a := g.newArticle("kinh-te", t, g.expand(title, v))
	a.Paragraphs = g.body([]string{
		"Ngày {DM}, UBND {KD} tổ chức hội nghị tổng kết nhiệm vụ phát triển kinh tế - xã hội năm {Y}, triển khai kế hoạch năm {Y1}.",
		g.yearPhrase(y, true) + ", tốc độ tăng giá trị sản xuất các ngành kinh tế ước đạt {P:5-12}%; giá trị sản xuất nông nghiệp ước đạt {N:600-2500} tỷ đồng; toàn {K} có thêm {N:80-400} doanh nghiệp thành lập mới.",
		lead + m.Text + " thành phố giao; chi ngân sách " + vnDec(val*(0.55+0.35*g.r.Float64()), 1) + " tỷ đồng, đảm bảo các nhiệm vụ chi thường xuyên và đầu tư phát triển.",
		termPara, // no slot that draws: r draws what it drew before terms were written
		"Công tác quản lý đất đai, trật tự xây dựng có chuyển biến; {K} đã giải phóng mặt bằng {N:20-80} dự án với diện tích {Q}{P:50-300} ha.",
		plan,
	}, v)
	a.Metrics = []Metric{m}
	if term != nil {
		a.Metrics = append(a.Metrics, *term)
	}
	return a
}

// budgetTerm is the plan period's total that the year-end report of its
// last year adds: final for 2016-2020 (that report is published in January
// 2021), an estimate for 2021-2025 in the June 2025 report, which no later
// report corrects. Other years have none.
func (g *gen) budgetTerm(y int) (string, *Metric) {
	if y != 2020 && y != LastYear {
		return "", nil
	}
	first := y - 4
	total := TermTotal(g.p.info.Name, KeyBudgetRevenue, first, y)
	m := g.metric(KeyBudgetRevenue, "tỷ đồng", total, y, "")
	m.Period, m.PeriodKind = termLabel(first, y), PeriodTerm
	span := g.termSpan(first, y)
	if m.Estimate {
		m.Text = "tổng thu ngân sách trên địa bàn đạt " + vnDec(total, 1) + " tỷ đồng"
		return "Ước cả giai đoạn " + span + ", " + m.Text + ", hoàn thành các chỉ tiêu kế hoạch 5 năm.", &m
	}
	if g.x.IntN(2) == 0 {
		m.Text = "tổng thu ngân sách trên địa bàn đạt " + vnDec(total, 1) + " tỷ đồng"
		return "Tính chung giai đoạn " + span + ", " + m.Text + ", hoàn thành vượt chỉ tiêu kế hoạch 5 năm.", &m
	}
	m.Text = "thu ngân sách trên địa bàn đạt tổng cộng " + vnDec(total, 1) + " tỷ đồng"
	return "Giai đoạn " + span + ", " + m.Text + ", tạo nguồn lực cho đầu tư phát triển.", &m
}

// termSpan writes a term's years as portals do: "2016-2020" or "2016 - 2020".
func (g *gen) termSpan(first, last int) string {
	if g.x.IntN(2) == 0 {
		return fmt.Sprintf("%d - %d", first, last)
	}
	return fmt.Sprintf("%d-%d", first, last)
}

// fillerKind is a kind of news article with no tracked metric.
type fillerKind struct {
	cat    string
	titles []string
	paras  []string
}

var fillerKinds = []fillerKind{
	{"van-hoa-xa-hoi", []string{"Khai mạc lễ hội truyền thống {X} năm {Y}", "{KD} tổ chức Liên hoan văn nghệ quần chúng năm {Y}", "Giữ gìn và phát huy giá trị di sản văn hóa trên địa bàn {KD}"}, []string{
		"Sáng ngày {DM}, tại {X}, UBND {KD} phối hợp với Đảng ủy, UBND {X} tổ chức khai mạc lễ hội truyền thống năm {Y}.",
		"Lễ hội năm nay thu hút {Q}{N:800-6000} lượt người dân và du khách với nhiều hoạt động văn hóa, thể thao như đấu vật, kéo co, cờ tướng, hát chèo.",
		"Toàn {K} hiện có {N:20-120} di tích được xếp hạng, trong đó có {Z:2-9} di tích cấp quốc gia; {P:80-98}% làng, tổ dân phố đạt danh hiệu văn hóa.",
		"Phát biểu tại buổi lễ, đồng chí {NAME}, Phó Chủ tịch UBND {K} đề nghị các cấp, các ngành quan tâm công tác bảo tồn, tôn tạo di tích, tổ chức lễ hội văn minh, an toàn, tiết kiệm.",
	}},
	{"van-hoa-xa-hoi", []string{"Các trường học {KD} khai giảng năm học mới", "{KD} tuyên dương học sinh giỏi năm học {SY}"}, []string{
		"Năm học {SY}, toàn {K} có {N:60-110} trường mầm non, tiểu học và trung học cơ sở với {Q}{N:30000-60000} học sinh.",
		"Hiện có {N:40-95} trường đạt chuẩn quốc gia, đạt tỷ lệ {P:60-95}%; {Z:3-9} trường được công nhận đạt kiểm định chất lượng giáo dục cấp độ 3.",
		"Dự buổi lễ tại Trường Tiểu học {X2}, đồng chí {NAME}, Bí thư {C} tặng {N:20-60} suất quà cho học sinh có hoàn cảnh khó khăn.",
		"Ngành Giáo dục và Đào tạo {KD} phấn đấu giữ vững thứ hạng trong tốp đầu của Thành phố về chất lượng giáo dục đại trà và mũi nhọn.",
	}},
	{"van-hoa-xa-hoi", []string{"Khám sức khỏe miễn phí cho người cao tuổi tại {X}", "{KD} tăng cường phòng, chống dịch sốt xuất huyết", "{KD} triển khai chiến dịch tiêm chủng vắc-xin"}, []string{
		"Trung tâm Y tế {KD} phối hợp với UBND {X} tổ chức khám sức khỏe, tư vấn và cấp thuốc miễn phí cho {Q}{N:200-900} người cao tuổi.",
		"Từ đầu năm đến nay, toàn {K} ghi nhận {N:10-300} ca mắc sốt xuất huyết, giảm {P:5-40}% so với cùng kỳ; {Z:1-9} ổ dịch đã được xử lý triệt để.",
		"Hiện {NC}/{NC} {LUS} duy trì đạt Bộ tiêu chí quốc gia về y tế; tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt {P:95-99}%.",
		"Đồng chí {NAME}, Giám đốc Trung tâm Y tế {K} cho biết, đơn vị đã bố trí {Z:4-9} tổ cơ động phòng, chống dịch sẵn sàng ứng phó.",
	}},
	{"tin-tuc-su-kien", []string{"Hội nghị tiếp xúc cử tri tại {X}", "Cử tri {X} kiến nghị về hạ tầng giao thông nông thôn"}, []string{
		"Ngày {DM}, Tổ đại biểu HĐND {K} đơn vị bầu cử số {Z:1-6} tổ chức tiếp xúc cử tri tại {X}.",
		"Tại hội nghị, cử tri đã nêu {N:10-40} ý kiến, kiến nghị tập trung vào các lĩnh vực quản lý đất đai, trật tự xây dựng, vệ sinh môi trường và đầu tư hạ tầng giao thông.",
		"Đại diện lãnh đạo UBND {K} đã tiếp thu, giải trình các ý kiến thuộc thẩm quyền; các ý kiến còn lại được tổng hợp, gửi cơ quan có thẩm quyền xem xét, giải quyết.",
	}},
	{"tin-tuc-su-kien", []string{"{KD} ra quân lập lại trật tự đô thị", "Ra quân giải tỏa vi phạm hành lang giao thông tại {X}"}, []string{
		"Sáng {DM}, UBND {KD} tổ chức lễ ra quân lập lại trật tự đô thị, trật tự giao thông trên các tuyến đường trọng điểm.",
		"Đợt ra quân huy động {Q}{N:150-600} lượt cán bộ, chiến sĩ, giải tỏa {N:40-300} trường hợp lấn chiếm vỉa hè, lòng đường tại {X} và {X2}.",
		"Đồng chí {NAME}, Phó Chủ tịch UBND {K} yêu cầu các lực lượng duy trì thường xuyên, không để tái lấn chiếm.",
	}},
	{"dang-doan-the", []string{"{YOUTH} ra quân Chiến dịch Thanh niên tình nguyện hè năm {Y}", "Đại hội Hội Liên hiệp Phụ nữ {X}"}, []string{
		"Sáng {DM}, {YOUTH} tổ chức lễ ra quân Chiến dịch Thanh niên tình nguyện hè năm {Y} với sự tham gia của {Q}{N:300-900} đoàn viên, thanh niên.",
		"Trong khuôn khổ chiến dịch, các cơ sở Đoàn làm sạch {N:10-60} km đường giao thông, trồng {N:500-3000} cây xanh và tặng {N:50-200} suất quà cho thiếu nhi có hoàn cảnh khó khăn.",
		"Đồng chí {NAME}, Bí thư {YOUTH} phát động đoàn viên, thanh niên phát huy tinh thần xung kích, tình nguyện vì cộng đồng.",
	}},
}

func (g *gen) filler(i int) *Article {
	first := time.Date(FirstYear, time.January, 5, 0, 0, 0, 0, hcm)
	days := int(time.Date(LastYear, time.June, 28, 0, 0, 0, 0, hcm).Sub(first).Hours() / 24)
	t := g.at(FirstYear, time.January, 5, 0).AddDate(0, 0, g.r.IntN(days))
	k := fillerKinds[g.r.IntN(len(fillerKinds))]
	v := g.newVars(t, t.Year())
	a := g.newArticle(k.cat, t, g.expand(g.pick(k.titles), v))
	a.Paragraphs = g.body(k.paras, v)
	a.Views = g.between(80, 4000)
	if i%20 == 7 { // about 5% of filler pages have no date line
		a.HasDate, a.PublishedAt = false, time.Time{}
	}
	return a
}

// huge is a long political report padded with real-looking paragraphs until
// its body reaches at least size bytes.
func (g *gen) huge(size int) *Article {
	t := g.at(2020, time.July, 20, 10)
	v := g.newVars(t, 2020)
	a := g.newArticle("dang-doan-the", t, g.expand("Toàn văn Báo cáo chính trị trình Đại hội đại biểu Đảng bộ {KD} nhiệm kỳ 2020 - 2025", v))
	a.Views = g.between(500, 3000)
	n := 0
	for n < size {
		k := fillerKinds[g.r.IntN(len(fillerKinds))]
		p := g.expand(g.pick(k.paras), g.newVars(t.AddDate(0, 0, -g.r.IntN(1800)), 2015+g.r.IntN(6)))
		a.Paragraphs = append(a.Paragraphs, capFirst(p))
		n += len(p)
	}
	return a
}

// generate builds every article of one portal, newest first.
func generate(p *profile, cfg Config, seed *Article) []*Article {
	g := &gen{p: p, r: rand.New(rand.NewPCG(uint64(cfg.Seed), hash64("portal", p.info.Slug))),
		x: rand.New(rand.NewPCG(uint64(cfg.Seed), hash64("periods", p.info.Slug)))}
	g.plan = g.planReports()
	for y := FirstYear; y <= LastYear; y++ {
		for _, a := range []*Article{g.partyReport(y), g.povertyReport(y), g.budgetReport(y)} {
			a.Views = g.between(300, 6000)
			g.arts = append(g.arts, a)
		}
	}
	// Config.Articles counts the yearly reports too; the rest are filler news.
	for i, n := 0, cfg.Articles-len(g.arts); i < n; i++ {
		g.arts = append(g.arts, g.filler(i))
	}
	// The other reports come on top, from the second source only.
	xg := &gen{p: p, r: g.x, x: g.x, plan: g.plan}
	g.arts = append(g.arts, xg.extraReports()...)
	var huge *Article
	if cfg.Faults.HugeArticleBytes > 0 { // its own generator: the other articles stay as they are
		hg := &gen{p: p, r: rand.New(rand.NewPCG(uint64(cfg.Seed), hash64("huge", p.info.Slug)))}
		huge = hg.huge(cfg.Faults.HugeArticleBytes)
		g.arts = append(g.arts, huge)
	}
	if seed != nil {
		g.arts = append(g.arts, seed)
	}
	sort.SliceStable(g.arts, func(i, j int) bool { return g.arts[i].sortAt.Before(g.arts[j].sortAt) })
	id := 1_000_000 + g.r.IntN(400_000)
	for _, a := range g.arts {
		if a == huge { // id+1 is free: ids step by at least 2
			a.id = id + 1
		} else {
			id += 2 + g.r.IntN(700)
			a.id = id
		}
		a.Path = fmt.Sprintf("/%s/-/view_content/%d-%s.html", a.catSlug, a.id, asciiSlug(a.Title))
	}
	for i, j := 0, len(g.arts)-1; i < j; i, j = i+1, j-1 {
		g.arts[i], g.arts[j] = g.arts[j], g.arts[i]
	}
	return g.arts
}
