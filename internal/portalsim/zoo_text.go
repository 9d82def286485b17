package portalsim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// pb builds one paragraph and the truth of the figures and documents it
// writes.
type pb struct {
	b    strings.Builder
	figs []Figure
	docs []CitedDocument
}

func (p *pb) s(x string) *pb { p.b.WriteString(x); return p }

// fig writes text, a figure as labelled by f.
func (p *pb) fig(text string, f Figure) *pb {
	if f.Kind == "" {
		f.Kind = "count"
	}
	f.Text = text
	p.b.WriteString(text)
	p.figs = append(p.figs, f)
	return p
}

// count writes "1.234 unit" (as unit for the text, head for the truth).
func (p *pb) count(n int, written, head string) *pb {
	return p.fig(vnInt(n)+" "+written, Figure{Value: float64(n), Unit: head})
}

// doc writes text, which cites code.
func (p *pb) doc(text, code, date string) *pb {
	p.b.WriteString(text)
	p.docs = append(p.docs, CitedDocument{Code: code, Date: date})
	return p
}

// paras are paragraphs with their truth; figures' Paragraph is relative.
type paras struct {
	text []string
	figs []Figure
	docs []CitedDocument
}

func (ps *paras) add(p *pb) {
	for _, f := range p.figs {
		f.Paragraph = len(ps.text)
		ps.figs = append(ps.figs, f)
	}
	ps.docs = append(ps.docs, p.docs...)
	ps.text = append(ps.text, p.b.String())
}

func zooName(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return pickR(r, surnames) + " " + pickR(r, maleMid) + " " + pickR(r, maleGiven)
	}
	return pickR(r, surnames) + " " + pickR(r, femMid) + " " + pickR(r, femGiven)
}

func penName(r *rand.Rand) string { return pickR(r, penMid) + " " + pickR(r, penGiven) }

// pct writes a percentage with one decimal, Vietnamese style.
func pct(v float64) (float64, string) {
	v = round(v, 1)
	return v, vnDec(v, 1)
}

// law is a document a paragraph may cite, from the day it was issued.
type law struct {
	text, code string
	from       time.Time
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, hcm) }

// laws are real laws, resolutions and party documents with their codes.
var laws = []law{
	{"Luật Tổ chức chính quyền địa phương số 77/2015/QH13", "77/2015/QH13", day(2015, 6, 19)},
	{"Luật Ngân sách nhà nước số 83/2015/QH13", "83/2015/QH13", day(2015, 6, 25)},
	{"Chỉ thị số 05-CT/TW của Bộ Chính trị", "05-CT/TW", day(2016, 5, 15)},
	{"Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương", "18-NQ/TW", day(2017, 10, 25)},
	{"Luật Đầu tư công số 39/2019/QH14", "39/2019/QH14", day(2019, 6, 13)},
	{"Luật số 47/2019/QH14", "47/2019/QH14", day(2019, 11, 22)},
	{"Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15", "10/2022/QH15", day(2022, 11, 10)},
	{"Luật Đất đai số 31/2024/QH15", "31/2024/QH15", day(2024, 1, 18)},
	{"Nghị quyết số 60-NQ/TW của Ban Chấp hành Trung ương", "60-NQ/TW", day(2025, 4, 12)},
	{"Nghị quyết số 202/2025/QH15 của Quốc hội", "202/2025/QH15", day(2025, 6, 12)},
	{"Luật Tổ chức chính quyền địa phương số 72/2025/QH15", "72/2025/QH15", day(2025, 6, 16)},
}

// lawsBefore picks up to n laws issued at least a month before t.
func lawsBefore(r *rand.Rand, t time.Time, n int) []law {
	var ok []law
	for _, l := range laws {
		if l.from.AddDate(0, 1, 0).Before(t) {
			ok = append(ok, l)
		}
	}
	r.Shuffle(len(ok), func(i, j int) { ok[i], ok[j] = ok[j], ok[i] })
	return ok[:min(n, len(ok))]
}

// unitWords are what a paragraph about unit u writes.
type unitWords struct {
	k, kd, c, x string // "huyện", "huyện Gia Lâm", "Huyện ủy", a commune or village
}

func wordsOf(u *zunit, r *rand.Rand) unitWords {
	w := unitWords{k: u.info.Kind, kd: u.kd(), c: u.committee()}
	switch {
	case u.prof != nil:
		w.x = pickR(r, u.prof.communes)
	case len(u.villages) > 0:
		w.x = pickR(r, u.villages)
	}
	return w
}

// hardCase writes one or two paragraphs with a failure case the issue
// lists: a paragraph ending in a number before one opening with a noun,
// units of several words, "đ/c", "67,5 %", "95 phần trăm", "đạt X%" after
// its figure, law codes, a name right after "UBND huyện" or after a
// paragraph break.
type hardCase func(w unitWords, t time.Time, r *rand.Rand) []*pb

var hardCases = []hardCase{
	func(w unitWords, _ time.Time, r *rand.Rand) []*pb { // a number ends the paragraph
		p1, p2 := &pb{}, &pb{}
		if r.IntN(2) == 0 {
			p1.s("Công tác xây dựng tổ chức Hội tiếp tục được củng cố; tổng số hội viên Hội Nông dân toàn "+w.k+" hiện nay là ").
				fig(vnInt(8000+r.IntN(9000)), Figure{Unit: "hội viên"})
			p2.s("Hộ nông dân được tạo điều kiện vay vốn từ Quỹ hỗ trợ nông dân với tổng dư nợ ")
			v := round(5+40*r.Float64(), 1)
			p2.fig(vnDec(v, 1)+" tỷ đồng", Figure{Value: v, Unit: "tỷ đồng", Kind: "money"}).s(", giúp nhiều hộ phát triển sản xuất.")
		} else {
			p1.s("Đảng bộ "+w.kd+" hiện có ").count(40+r.IntN(30), "tổ chức cơ sở đảng", "tổ chức cơ sở đảng").
				s(", tổng số đảng viên toàn Đảng bộ là ").fig(vnInt(6000+r.IntN(9000)), Figure{Unit: "đảng viên"})
			p2.s("Chi bộ khu dân cư tiếp tục được kiện toàn; ").count(20+r.IntN(40), "chi bộ", "chi bộ").
				s(" được đánh giá hoàn thành tốt nhiệm vụ.")
		}
		for _, p := range []*pb{p1, p2} { // the figures' values: the digits written
			for i := range p.figs {
				if p.figs[i].Value == 0 {
					p.figs[i].Value = parseVN(strings.Fields(p.figs[i].Text)[0])
				}
			}
		}
		return []*pb{p1, p2}
	},
	func(w unitWords, _ time.Time, r *rand.Rand) []*pb { // units of several words
		p := &pb{}
		if r.IntN(2) == 0 {
			p.s("Toàn "+w.k+" có ").count(20+r.IntN(60), "hợp tác xã nông nghiệp", "hợp tác xã").s(", ").
				count(300+r.IntN(2500), "doanh nghiệp", "doanh nghiệp").s(" đang hoạt động và ").
				count(1+r.IntN(5), "cụm công nghiệp", "cụm công nghiệp").s(" đã đi vào vận hành.")
		} else {
			p.s("Phong trào xây dựng đời sống văn hóa ở khu dân cư tiếp tục phát triển: ").
				count(15000+r.IntN(40000), "hộ gia đình", "hộ gia đình").s(" đạt danh hiệu Gia đình văn hóa; ").
				count(5+r.IntN(25), "nhà văn hóa", "nhà văn hóa").s(" được xây mới, sửa chữa.")
		}
		return []*pb{p}
	},
	func(w unitWords, _ time.Time, r *rand.Rand) []*pb { // đ/c
		p := &pb{}
		n := 20 + r.IntN(180)
		k := 1 + r.IntN(min(n, 12))
		years := pickR(r, []int{30, 40, 45, 50, 55, 60, 65, 70, 75})
		p.s("Nhân dịp kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam, Ban Thường vụ "+w.c+" đã trao Huy hiệu Đảng cho ").
			fig(vnInt(n)+" đ/c", Figure{Value: float64(n), Unit: "đồng chí"}).s(", trong đó có ").
			fig(vnInt(k)+" đ/c", Figure{Value: float64(k), Unit: "đồng chí"}).s(" nhận Huy hiệu ").
			fig(itoa(years)+" năm tuổi Đảng", Figure{Value: float64(years), Unit: "năm", Neutral: true}).
			s(". Đ/c " + zooName(r) + ", Bí thư " + w.c + " chúc mừng các đảng viên được nhận Huy hiệu.")
		return []*pb{p}
	},
	func(w unitWords, _ time.Time, r *rand.Rand) []*pb { // a space before %
		p := &pb{}
		v, s := pct(55 + 40*r.Float64())
		h, hs := pct(80 + 19*r.Float64())
		p.s("Kết quả bình xét năm nay, toàn "+w.k+" có ").fig(s+" % hộ gia đình", Figure{Value: v, Unit: "hộ gia đình", Kind: "percent"}).
			s(" đạt danh hiệu Gia đình văn hóa; ").fig(hs+" % người dân", Figure{Value: h, Unit: "người dân", Kind: "percent"}).
			s(" tham gia bảo hiểm y tế.")
		return []*pb{p}
	},
	func(w unitWords, _ time.Time, r *rand.Rand) []*pb { // "phần trăm"
		p := &pb{}
		v := float64(80 + r.IntN(20))
		s := vnInt(int(v))
		if r.IntN(2) == 0 {
			v, s = pct(80 + 19*r.Float64())
		}
		p.s("Công tác giải ngân vốn đầu tư công trên địa bàn "+w.kd+" đạt ").
			fig(s+" phần trăm kế hoạch", Figure{Value: v, Unit: "kế hoạch", Kind: "percent"}).
			s(", cao hơn mức bình quân chung; ")
		n := 10 + r.IntN(40)
		p.count(n, "công trình", "công trình").s(" chuyển tiếp được đẩy nhanh tiến độ.")
		return []*pb{p}
	},
	func(w unitWords, _ time.Time, r *rand.Rand) []*pb { // "đạt X%" right after its figure
		p := &pb{}
		n := 3000 + r.IntN(12000)
		m := n - r.IntN(n/50+1)
		pv, ps := pct(float64(m) / float64(n) * 100)
		trees := 500 + r.IntN(4000)
		tv := float64(100 + r.IntN(30))
		p.s("Bộ phận Một cửa "+w.kd+" đã tiếp nhận ").count(n, "hồ sơ", "hồ sơ").s(" thủ tục hành chính, giải quyết trước và đúng hạn ").
			fig(vnInt(m)+" hồ sơ, đạt "+ps+"%", Figure{Value: float64(m), Unit: "hồ sơ", PlanPercent: fp(pv)}).
			s("; các cơ quan, đơn vị trồng mới ").
			fig(vnInt(trees)+" cây xanh (đạt "+vnInt(int(tv))+"%)", Figure{Value: float64(trees), Unit: "cây xanh", PlanPercent: fp(tv)}).
			s(".")
		return []*pb{p}
	},
	func(w unitWords, t time.Time, r *rand.Rand) []*pb { // law codes
		p := &pb{}
		ls := lawsBefore(r, t, 2)
		if len(ls) == 0 {
			return nil
		}
		p.s("Thực hiện ").doc(ls[0].text, ls[0].code, "")
		if len(ls) > 1 {
			p.s(" và ").doc(ls[1].text, ls[1].code, "")
		}
		issued := t.AddDate(0, 0, -10-r.IntN(120))
		code := fmt.Sprintf("%d/KH-UBND", 20+r.IntN(300))
		p.s(", UBND "+w.kd+" đã ban hành ").doc("Kế hoạch số "+code+" ngày "+issued.Format("02/01/2006"), code, issued.Format("2006-01-02")).
			s(" triển khai thực hiện trên địa bàn, giao các phòng, ban chuyên môn theo dõi, đôn đốc.")
		return []*pb{p}
	},
	func(w unitWords, _ time.Time, r *rand.Rand) []*pb { // a name right after the unit word
		p := &pb{}
		if r.IntN(2) == 0 {
			p.s("Phát biểu chỉ đạo, Chủ tịch UBND "+w.k+" "+zooName(r)+" đề nghị các phòng, ban tiếp tục rà soát, hoàn thành ").
				count(5+r.IntN(30), "công trình", "công trình").s(" trọng điểm trong năm.")
		} else {
			p.s("Bí thư " + w.c + " " + zooName(r) + " nhấn mạnh, các cấp ủy cần bám sát cơ sở, lắng nghe ý kiến của nhân dân tại " + w.x + ".")
		}
		return []*pb{p}
	},
	func(w unitWords, _ time.Time, r *rand.Rand) []*pb { // a name after a paragraph break
		p1, p2 := &pb{}, &pb{}
		p1.s("Dự hội nghị có lãnh đạo " + w.c + ", HĐND, UBND " + w.k)
		p2.s(zooName(r)+", Phó Chủ tịch UBND "+w.k+" cho biết, thời gian tới "+w.k+" tập trung cải tạo, nâng cấp ").
			count(5+r.IntN(25), "tuyến đường", "tuyến đường").s(" và chỉnh trang các khu dân cư.")
		return []*pb{p1, p2}
	},
}

// parseVN reads "12.450" or "12,5".
func parseVN(s string) float64 {
	s = strings.ReplaceAll(s, ".", "")
	s = strings.ReplaceAll(s, ",", ".")
	var v float64
	fmt.Sscan(s, &v)
	return v
}

// addHardCases appends one or two hard cases to a district's article.
func (z *zoo) addHardCases(a *Article, x *zextra, u *zunit, r *rand.Rand) {
	w := wordsOf(u, r)
	n := 1 + r.IntN(2)
	for _, i := range r.Perm(len(hardCases))[:n] {
		for _, p := range hardCases[i](w, a.sortAt, r) {
			for _, f := range p.figs {
				f.Paragraph = len(a.Paragraphs)
				x.figures = append(x.figures, f)
			}
			x.docs = append(x.docs, p.docs...)
			a.Paragraphs = append(a.Paragraphs, p.b.String())
		}
	}
}

// restyleByline gives the article a byline in one of the zoo's styles:
// "Tác giả bài viết: <name>", "Theo <name> (<unit>)", "Nguồn: <unit>".
func restyleByline(a *Article, style string, u *zunit, r *rand.Rand) {
	unit := pickR(r, []string{"Ban Tuyên giáo " + u.committee() + " " + u.info.Name, "Trung tâm Văn hóa - Thông tin và Thể thao " + u.kd(),
		"Báo " + u.info.Province, "Văn phòng " + u.committee()})
	switch style {
	case "tacgia":
		n := zooName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "Tác giả bài viết: "+n, n, "", []string{n}
	case "theo":
		n := penName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "Theo "+n+" ("+unit+")", n, unit, []string{n}
	case "nguon":
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "Nguồn: "+unit, "", unit, nil
	case "tacgia-space": // the label's colon set apart, as some editors type it
		n := zooName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "Tác giả : "+n, n, "", []string{n}
	case "tacgia-unit":
		n := zooName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "Tác giả: "+n+" - "+unit, n, unit, []string{n}
	case "nguoiviet":
		n := zooName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "Người viết: "+n, n, "", []string{n}
	case "pv": // a reporter's pen name marked as such
		n := penName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = n+" (PV)", n, "", []string{n}
	case "pv-label":
		n := penName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "PV: "+n, n, "", []string{n}
	case "baianh":
		n := penName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "Bài và ảnh: "+n, n, "", []string{n}
	case "va": // two authors joined by "và"
		n, m := penName(r), zooName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = n+" và "+m, n, "", []string{n, m}
	case "comma":
		n, m := zooName(r), zooName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = n+", "+m, n, "", []string{n, m}
	case "caps-unit":
		n := zooName(r)
		a.Byline, a.Author, a.AuthorUnit, a.Authors = strings.ToUpper(n)+" - "+unit, n, unit, []string{n}
	case "theo-unit": // a source credited without a person
		a.Byline, a.Author, a.AuthorUnit, a.Authors = "Theo "+unit, "", unit, nil
	default:
		moreBylines(a, style, u, r)
	}
}

// bylineKinds are the byline styles restyleByline writes besides the
// generator's own: the first ones, then the further forms of moreBylines.
var bylineKinds = []string{"tacgia", "theo", "nguon", "tacgia-space", "tacgia-unit", "nguoiviet", "pv", "pv-label", "baianh",
	"va", "comma", "caps-unit", "theo-unit",
	"tinanh-unit", "name-short-unit", "nhom-pv", "nhom-pv-names", "dash-two", "dash-three", "theo-name", "nguon-site",
	"titled", "caps-two", "bai-anh-split", "ctv", "more-names", "name-role", "tonghop", "tin-unit"}

// Further names seen in bylines: surnames the generator does not use,
// names of the Central Highlands (with apostrophes) and the north-west,
// Khmer names of the south.
var moreNames = []string{"Khổng Minh Tuấn", "Lò Văn Pành", "H'Hen Niê", "Y Khoa Niê", "Ksor H'Bin", "Thạch Sô Phết",
	"Đoàn Thị Hạnh", "Lại Văn Hưng", "Kiều Thị Oanh", "Lương Thế Vinh", "Cao Thị Ngọc Ánh", "Doãn Minh Đức", "Hà Thị Thu Hằng",
	"Triệu Tiến Dũng", "Nông Thị Lan", "Quách Thanh Bình", "Tô Hoài Nam", "Mạc Văn Khiêm", "Âu Thị Phượng", "Giàng A Páo"}

// Academic and other titles written before a name; not part of it.
var nameTitles = []string{"ThS.", "TS.", "ThS", "PGS.TS", "PGS.TS.", "TS.BS", "BS.", "KS.", "Nhà báo", "Luật sư", "Đại úy", "Thượng tá"}

// shortUnits are a unit written short, as bylines do.
func shortUnits(u *zunit) []string {
	return []string{"Trung tâm VHTT&TT " + u.info.Kind, "TTVH-TT " + u.info.Kind + " " + u.info.Name, "Đài TT-TH " + u.info.Name,
		"Ban Tuyên giáo " + u.committee(), "Báo " + u.info.Province, "TTXVN"}
}

// moreBylines writes the further byline forms of real portals: a credit
// with a short unit, a team of reporters, two or three names, titles
// before a name, the writer and the photographer apart, a role after the
// name, names outside the generator's lists.
func moreBylines(a *Article, style string, u *zunit, r *rand.Rand) {
	n, m := penName(r), penName(r)
	for m == n {
		m = penName(r)
	}
	su := pickR(r, shortUnits(u))
	set := func(byline, unit string, names ...string) {
		a.Byline, a.AuthorUnit, a.Authors, a.Author = byline, unit, names, ""
		if len(names) > 0 {
			a.Author = names[0]
		}
	}
	switch style {
	case "tinanh-unit": // "Tin, ảnh: Minh Anh (Trung tâm VHTT&TT huyện)"
		set(pickR(r, []string{"Tin, ảnh: ", "Tin và ảnh: ", "Tin/ảnh: ", "Bài, ảnh: "})+n+" ("+su+")", su, n)
	case "name-short-unit": // "Nguyễn Văn Hùng (TTVH-TT huyện Gia Lâm)", "Thu Hà - Đài TT-TH Gia Lâm"
		f := zooName(r)
		set(f+pickR(r, []string{" (" + su + ")", " - " + su, " – " + su, "/" + su}), su, f)
	case "nhom-pv": // a team, no person named
		set(pickR(r, []string{"Nhóm PV", "Nhóm phóng viên", "Nhóm PV " + su, "Ban Biên tập", "BBT"}), "", nil...)
	case "nhom-pv-names":
		set(pickR(r, []string{"Nhóm PV: ", "Nhóm phóng viên: ", "PV: "})+n+" - "+m, "", n, m)
	case "dash-two": // two pen names joined by a plain hyphen
		set(n+" - "+m, "", n, m)
	case "dash-three":
		k := penName(r)
		for k == n || k == m {
			k = penName(r)
		}
		sep := pickR(r, []string{" - ", " – ", ", "})
		set(n+sep+m+sep+k, "", n, m, k)
	case "theo-name": // "Theo Minh Anh"
		set("Theo "+n, "", n)
	case "nguon-site": // a source without a person
		set(pickR(r, []string{"Nguồn: baohanoimoi.com.vn", "Theo TTXVN", "Nguồn: Báo " + u.info.Province + " điện tử", "(Theo " + su + ")", "Nguồn: " + su}), "", nil...)
	case "titled": // "ThS. Nguyễn Văn Hùng - Trường Chính trị tỉnh"
		f := zooName(r)
		role := pickR(r, []string{"", " - Trường Chính trị " + u.info.Province, " (Trung tâm Chính trị " + u.info.Kind + ")", ", Phó Bí thư " + u.committee()})
		unit := strings.Trim(strings.TrimLeft(role, " -,"), "()")
		set(pickR(r, nameTitles)+" "+f+role, unit, f)
	case "caps-two": // "MINH ANH - THU HÀ"
		set(strings.ToUpper(n)+pickR(r, []string{" - ", " – "})+strings.ToUpper(m), "", n, m)
	case "bai-anh-split": // the writer and the photographer
		set(pickR(r, []string{"Bài: " + n + "; ảnh: " + m, "Bài: " + n + " - Ảnh: " + m, "Tin: " + n + ", ảnh: " + m, "Bài và ảnh: " + n + ", " + m}), "", n, m)
	case "ctv":
		set(pickR(r, []string{n + " (CTV)", "CTV: " + n, "CTV " + n}), "", n)
	case "more-names":
		f := pickR(r, moreNames)
		if r.IntN(2) == 0 {
			set(f, "", f)
		} else {
			set(f+" - "+su, su, f)
		}
	case "name-role": // "Nguyễn Văn Hùng, Phó Chủ tịch UBND huyện"
		f := zooName(r)
		role := pickR(r, []string{"Phó Chủ tịch UBND " + u.info.Kind, "Trưởng phòng Văn hóa và Thông tin", "Bí thư Đảng ủy xã"})
		set(f+", "+role, role, f)
	case "tonghop":
		set(pickR(r, []string{n + " (tổng hợp)", "Tổng hợp: " + n}), "", n)
	case "tin-unit":
		set("Tin: "+n+" - "+su, su, n)
	}
}

// communeArticles are a new commune's (or ward's) news after 1 July 2025:
// every figure in them is labelled.
func (z *zoo) communeArticles(n int) []*Article {
	u := z.unit
	r := zrand(z.seed, "commune", u.info.Slug)
	first := day(2025, time.July, 3)
	span := int(day(2026, time.March, 31).Sub(first).Hours() / 24)
	var out []*Article
	for i := range n {
		t := first.AddDate(0, 0, r.IntN(span)).Add(time.Duration(7*60+r.IntN(600)) * time.Minute)
		var cat, title string
		var ps *paras
		for ps == nil { // some kinds fit some dates only
			cat, title, ps = communeKinds[r.IntN(len(communeKinds))](u, t, r)
		}
		fixCounts(ps)
		a := &Article{catSlug: cat, sortAt: t, PublishedAt: t, HasDate: i%15 != 4, Title: capFirst(title), Paragraphs: ps.text,
			Views: 20 + r.IntN(900)}
		if !a.HasDate {
			a.PublishedAt = time.Time{}
		}
		switch r.IntN(4) {
		case 0:
			pen := penName(r)
			a.Byline, a.Author, a.Authors = "Tin, ảnh: "+pen, pen, []string{pen}
		case 1:
			full := zooName(r)
			unit := "Văn phòng HĐND và UBND " + u.kd()
			a.Byline, a.Author, a.AuthorUnit, a.Authors = full+" - "+unit, full, unit, []string{full}
		case 2:
			full := zooName(r)
			a.Byline, a.Author, a.Authors = strings.ToUpper(full), full, []string{full}
		default:
			pen := penName(r)
			a.Byline, a.Author, a.Authors = pen, pen, []string{pen}
		}
		z.extra[a] = &zextra{figures: ps.figs, docs: ps.docs}
		out = append(out, a)
	}
	return out
}

// communeKind writes one article: its category, title and paragraphs.
type communeKind func(u *zunit, t time.Time, r *rand.Rand) (cat, title string, ps *paras)

var communeKinds = []communeKind{
	func(u *zunit, t time.Time, r *rand.Rand) (string, string, *paras) { // the public service centre
		ps := &paras{}
		n := 800 + r.IntN(6000)
		m := n - r.IntN(n/40+1)
		pv, s := pct(float64(m) / float64(n) * 100)
		p := &pb{}
		p.s("Từ ngày 01/7/2025 đến nay, Trung tâm Phục vụ hành chính công "+u.kd()+" đã tiếp nhận ").count(n, "hồ sơ", "hồ sơ").
			s(" thủ tục hành chính, giải quyết trước và đúng hạn ").
			fig(vnInt(m)+" hồ sơ, đạt "+s+"%", Figure{Value: float64(m), Unit: "hồ sơ", PlanPercent: fp(pv)}).s(".")
		ps.add(p)
		v, vs := pct(40 + 50*r.Float64())
		p = &pb{}
		p.s("Trong đó, có ").fig(vs+" % hồ sơ", Figure{Value: v, Unit: "hồ sơ", Kind: "percent"}).
			s(" được tiếp nhận trực tuyến qua Cổng Dịch vụ công quốc gia; người dân được hướng dẫn tận tình, không phải đi lại nhiều lần.")
		ps.add(p)
		p = &pb{}
		p.s("Chủ tịch UBND "+u.info.Kind+" "+zooName(r)+" cho biết, "+u.info.Kind+" đã bố trí ").
			count(6+r.IntN(10), "công chức", "công chức").s(" làm việc tại Trung tâm, bảo đảm phục vụ người dân cả ngày thứ Bảy.")
		ps.add(p)
		return "tin-tuc-su-kien", pickR(r, []string{"Trung tâm Phục vụ hành chính công " + u.kd() + ": nâng cao chất lượng phục vụ người dân",
			capFirst(u.kd()) + " đẩy mạnh cải cách thủ tục hành chính", "Người dân hài lòng với Trung tâm Phục vụ hành chính công " + u.kd()}), ps
	},
	func(u *zunit, t time.Time, r *rand.Rand) (string, string, *paras) { // the first party congress
		if t.After(day(2025, time.October, 15)) {
			return "", "", nil
		}
		ps := &paras{}
		p := &pb{}
		p.s("Ngày "+t.AddDate(0, 0, -1-r.IntN(2)).Format("02/01")+", Đảng bộ "+u.kd()+" tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025 - 2030. Dự Đại hội có ").
			count(120+r.IntN(200), "đại biểu", "đại biểu").s(" đại diện cho ").count(1500+r.IntN(4000), "đảng viên", "đảng viên").
			s(" của ").count(25+r.IntN(40), "tổ chức cơ sở đảng", "tổ chức cơ sở đảng").s(" trực thuộc.")
		ps.add(p)
		p = &pb{}
		p.s("Đại hội đã bầu Ban Chấp hành Đảng bộ "+u.info.Kind+" khóa I gồm ").count(25+r.IntN(20), "đồng chí", "đồng chí").
			s("; Ban Chấp hành đã bầu Ban Thường vụ gồm ").fig(vnInt(9+r.IntN(6))+" đ/c", Figure{Unit: "đồng chí"}).
			s(". Đ/c " + zooName(r) + " được bầu giữ chức Bí thư Đảng ủy " + u.kd() + ".")
		ps.add(p)
		p = &pb{}
		p.s("Đại hội đề ra ").count(18+r.IntN(12), "chỉ tiêu", "chỉ tiêu").s(" chủ yếu cho nhiệm kỳ mới, phấn đấu có thêm ").
			count(20+r.IntN(100), "doanh nghiệp", "doanh nghiệp").s(" và ").count(2+r.IntN(8), "hợp tác xã", "hợp tác xã").s(" thành lập mới.")
		ps.add(p)
		p = &pb{}
		ls := []law{laws[len(laws)-1], laws[len(laws)-3]}
		p.s("Thực hiện ").doc(ls[0].text, ls[0].code, "").s(" và ").doc(ls[1].text, ls[1].code, "").
			s(", chính quyền địa phương hai cấp của " + u.info.Kind + " đã vận hành thông suốt từ ngày 01/7/2025.")
		ps.add(p)
		fixCounts(ps)
		return "dang-doan-the", "Đại hội đại biểu Đảng bộ " + u.kd() + " lần thứ I, nhiệm kỳ 2025 - 2030", ps
	},
	func(u *zunit, t time.Time, r *rand.Rand) (string, string, *paras) { // cleaning up
		ps := &paras{}
		p := &pb{}
		p.s("Sáng "+t.Format("02/01")+", UBND "+u.kd()+" phối hợp với Ủy ban MTTQ Việt Nam "+u.info.Kind+" tổ chức lễ ra quân tổng vệ sinh môi trường, thu hút ").
			count(300+r.IntN(1500), "người", "người").s(" tham gia.")
		ps.add(p)
		tons := round(3+30*r.Float64(), 1)
		km := round(1+9*r.Float64(), 1)
		trees := 100 + r.IntN(900)
		tv := float64(100 + r.IntN(25))
		p = &pb{}
		p.s("Các lực lượng đã thu gom ").fig(vnDec(tons, 1)+" tấn", Figure{Value: tons, Unit: "tấn", Kind: "measure"}).s(" rác thải, nạo vét ").
			fig(vnDec(km, 1)+" km", Figure{Value: km, Unit: "km", Kind: "measure"}).s(" kênh mương và trồng mới ").
			fig(vnInt(trees)+" cây xanh (đạt "+vnInt(int(tv))+"%)", Figure{Value: float64(trees), Unit: "cây xanh", PlanPercent: fp(tv)}).s(".")
		ps.add(p)
		p = &pb{}
		p.s("Số tuyến đường được gắn biển tuyến phố văn minh trên địa bàn đến nay là ").fig(vnInt(5+r.IntN(30)), Figure{Unit: "tuyến đường"})
		ps.add(p)
		p = &pb{}
		p.s("Hộ gia đình ở "+pickR(r, u.villages)+" đã ký cam kết phân loại rác tại nguồn; ").
			count(200+r.IntN(1500), "hộ gia đình", "hộ gia đình").s(" được phát thùng đựng rác.")
		ps.add(p)
		fixCounts(ps)
		return "van-hoa-xa-hoi", pickR(r, []string{capFirst(u.kd()) + " ra quân tổng vệ sinh môi trường", "Chung tay giữ gìn môi trường xanh - sạch - đẹp tại " + u.kd()}), ps
	},
	func(u *zunit, t time.Time, r *rand.Rand) (string, string, *paras) { // meeting voters
		ps := &paras{}
		p := &pb{}
		p.s("Ngày " + t.Format("02/01") + ", Tổ đại biểu HĐND " + u.kd() + " tổ chức tiếp xúc cử tri tại " + pickR(r, u.villages) + " trước kỳ họp thường lệ.")
		ps.add(p)
		n := 10 + r.IntN(30)
		m := n - r.IntN(n/2+1)
		pv, s := pct(float64(m) / float64(n) * 100)
		p = &pb{}
		p.s("Tại hội nghị, cử tri đã nêu ").count(n, "ý kiến, kiến nghị", "ý kiến").
			s(" tập trung vào quản lý đất đai, hạ tầng giao thông và vệ sinh môi trường. Lãnh đạo UBND "+u.info.Kind+" đã trả lời trực tiếp ").
			fig(vnInt(m)+" ý kiến, đạt "+s+"%", Figure{Value: float64(m), Unit: "ý kiến", PlanPercent: fp(pv)}).s(".")
		ps.add(p)
		p = &pb{}
		p.s("Dự hội nghị có lãnh đạo Đảng ủy, HĐND, UBND " + u.info.Kind)
		ps.add(p)
		p = &pb{}
		p.s(zooName(r)+", Phó Chủ tịch UBND "+u.info.Kind+" tiếp thu các ý kiến thuộc thẩm quyền và hẹn trả lời bằng văn bản trong ").
			count(15+r.IntN(16), "ngày", "ngày").s(".")
		ps.add(p)
		return "tin-tuc-su-kien", pickR(r, []string{"Đại biểu HĐND " + u.kd() + " tiếp xúc cử tri", "Cử tri " + u.kd() + " kiến nghị về hạ tầng và môi trường"}), ps
	},
	func(u *zunit, t time.Time, r *rand.Rand) (string, string, *paras) { // gifts and insurance
		ps := &paras{}
		occasion, years := "Tháng cao điểm Vì người nghèo", 0
		switch {
		case t.Month() == time.July && t.Year() == 2025:
			occasion, years = "kỷ niệm 78 năm Ngày Thương binh - Liệt sĩ", 78
		case t.Year() == 2026 && t.Month() <= time.February:
			occasion = "Tết Nguyên đán Bính Ngọ 2026"
		}
		n := 80 + r.IntN(500)
		money := float64(n) * float64(3+r.IntN(3)) / 10
		money = round(money, 1)
		p := &pb{}
		p.s("Nhân dịp ")
		if years > 0 {
			p.s("kỷ niệm ").fig("78 năm", Figure{Value: 78, Unit: "năm", Neutral: true}).s(" Ngày Thương binh - Liệt sĩ")
		} else {
			p.s(occasion)
		}
		p.s(", UBND "+u.kd()+" đã trao ").count(n, "suất quà", "suất quà").s(" với tổng trị giá ").
			fig(vnDec(money, 1)+" triệu đồng", Figure{Value: money, Unit: "triệu đồng", Kind: "money"}).
			s(" cho các gia đình chính sách, hộ có hoàn cảnh khó khăn trên địa bàn.")
		ps.add(p)
		v, vs := pct(85 + 14*r.Float64())
		q := float64(85 + r.IntN(30))
		p = &pb{}
		p.s("Hiện có ").fig(vs+" % người dân", Figure{Value: v, Unit: "người dân", Kind: "percent"}).
			s(" trên địa bàn tham gia bảo hiểm y tế; số người tham gia bảo hiểm xã hội tự nguyện đạt ").
			fig(vnInt(int(q))+" phần trăm kế hoạch", Figure{Value: q, Unit: "kế hoạch", Kind: "percent"}).s(".")
		ps.add(p)
		return "van-hoa-xa-hoi", capFirst(u.kd()) + " trao quà cho gia đình chính sách, hộ có hoàn cảnh khó khăn", ps
	},
	func(u *zunit, t time.Time, r *rand.Rand) (string, string, *paras) { // the year 2025
		if t.Before(day(2025, time.December, 5)) || t.After(day(2026, time.January, 25)) {
			return "", "", nil
		}
		ps := &paras{}
		v := round(300+2000*r.Float64(), 1)
		p := &pb{}
		p.s("Năm 2025, toàn "+u.info.Kind+" có ").fig(vnInt(100+r.IntN(600))+" doanh nghiệp", Figure{Unit: "doanh nghiệp", Period: "2025"}).
			s(" đang hoạt động và ").fig(vnInt(3+r.IntN(15))+" hợp tác xã", Figure{Unit: "hợp tác xã", Period: "2025"}).
			s("; tổng giá trị sản xuất ước đạt ").fig(vnDec(v, 1)+" tỷ đồng", Figure{Value: v, Unit: "tỷ đồng", Kind: "money", Qualifier: "approx", Period: "2025"}).s(".")
		ps.add(p)
		n := 20 + r.IntN(80)
		years := pickR(r, []int{30, 40, 50, 60, 70})
		p = &pb{}
		p.s("Đảng ủy "+u.kd()+" đã trao Huy hiệu Đảng cho ").fig(vnInt(n)+" đ/c", Figure{Value: float64(n), Unit: "đồng chí"}).
			s(", trong đó có ").fig(vnInt(1+r.IntN(8))+" đ/c", Figure{Unit: "đồng chí"}).s(" nhận Huy hiệu ").
			fig(itoa(years)+" năm tuổi Đảng", Figure{Value: float64(years), Unit: "năm", Neutral: true}).s(".")
		ps.add(p)
		p = &pb{}
		p.s("Toàn "+u.info.Kind+" có ").count(3000+r.IntN(12000), "hộ gia đình", "hộ gia đình").s(" đạt danh hiệu Gia đình văn hóa; ").
			count(10+r.IntN(20), "tổ chức cơ sở đảng", "tổ chức cơ sở đảng").s(" được xếp loại hoàn thành tốt nhiệm vụ.")
		ps.add(p)
		fixCounts(ps)
		return "kinh-te", capFirst(u.kd()) + " tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026", ps
	},
	func(u *zunit, t time.Time, r *rand.Rand) (string, string, *paras) { // fields or streets
		ps := &paras{}
		p := &pb{}
		if u.info.Kind == "xã" {
			ha := round(100+600*r.Float64(), 1)
			corn := round(ha*(0.2+0.3*r.Float64()), 1)
			p.s("Vụ Đông năm nay, toàn xã gieo trồng ").fig(vnDec(ha, 1)+" ha", Figure{Value: ha, Unit: "ha", Kind: "measure"}).
				s(" cây vụ Đông, trong đó có ").fig(vnDec(corn, 1)+" ha", Figure{Value: corn, Unit: "ha", Kind: "measure"}).s(" ngô và rau màu các loại.")
			ps.add(p)
			q := round(55+15*r.Float64(), 1)
			p = &pb{}
			p.s("Năng suất lúa vụ Mùa ước đạt ").fig(vnDec(q, 1)+" tạ/ha", Figure{Value: q, Unit: "tạ/ha", Kind: "measure", Qualifier: "approx"}).s(".")
			ps.add(p)
			return "kinh-te", capFirst(u.kd()) + " đẩy mạnh sản xuất vụ Đông", ps
		}
		m2 := 1000 + r.IntN(9000)
		lamps := 50 + r.IntN(400)
		tv := float64(100 + r.IntN(20))
		p.s("Từ đầu quý đến nay, phường đã cải tạo ").fig(vnInt(m2)+" m2", Figure{Value: float64(m2), Unit: "m2", Kind: "measure"}).
			s(" vỉa hè, lắp đặt ").fig(vnInt(lamps)+" bóng đèn chiếu sáng (đạt "+vnInt(int(tv))+"%)", Figure{Value: float64(lamps), Unit: "bóng đèn", PlanPercent: fp(tv)}).s(".")
		ps.add(p)
		p = &pb{}
		p.s("Chủ tịch UBND phường " + zooName(r) + " đề nghị các khu phố vận động người dân giữ gìn vỉa hè thông thoáng.")
		ps.add(p)
		return "kinh-te", capFirst(u.kd()) + " chỉnh trang đô thị, xây dựng tuyến phố văn minh", ps
	},
}

// fixCounts sets the value of figures written with fig and no Value: the
// number at the start of their text.
func fixCounts(ps *paras) {
	for i := range ps.figs {
		if ps.figs[i].Value == 0 {
			ps.figs[i].Value = parseVN(strings.Fields(ps.figs[i].Text)[0])
		}
	}
}
