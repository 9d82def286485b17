package portalsim

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// The reports a portal publishes besides one report per key group and year
// (they come on top of Config.Articles).
const (
	estimateYears = 4 // per flow key: a December estimate, then the final report in January
	halfYears     = 3 // per flow key: a half-year report ("sơ kết 6 tháng đầu năm")
	termReports   = 2 // the party's term reports, 2015-2020 and 2020-2025
	mentionYears  = 2 // per key group: news that repeat a past year's figure
	// extraReports is the number of these articles.
	extraReports = 2*estimateYears + 2*halfYears + termReports + 3*mentionYears
)

// flowKeys are the keys counted over a period, in generation order.
var flowKeys = []string{KeyPartyNewMembers, KeyBudgetRevenue}

// reportPlan says which years get which extra reports.
type reportPlan struct {
	estimate map[string][]int        // flow key: years with a December estimate
	january  map[string]map[int]bool // flow key: years whose yearly report is published in January
	half     map[string][]int        // flow key: years with a half-year report
	mentions []mention
}

// mention is a past year's figure that a later news article repeats.
type mention struct {
	key  string // KeyPoorHouseholds stands for both poverty keys
	year int
}

// years draws n distinct years of lo..hi, in order.
func (g *gen) years(n, lo, hi int) []int {
	ys := g.x.Perm(hi - lo + 1)[:n]
	for i := range ys {
		ys[i] += lo
	}
	slices.Sort(ys)
	return ys
}

// planReports draws the plan from the second source. The 2016-2020 plan
// period's budget total is final in the 2020 report, which is therefore
// published in January 2021.
func (g *gen) planReports() reportPlan {
	pl := reportPlan{estimate: map[string][]int{}, january: map[string]map[int]bool{}, half: map[string][]int{}}
	for _, k := range flowKeys {
		pl.estimate[k] = g.years(estimateYears, FirstYear, LastYear-1)
		pl.january[k] = map[int]bool{}
		for _, y := range pl.estimate[k] {
			pl.january[k][y] = true
		}
		pl.half[k] = g.years(halfYears, FirstYear+1, LastYear-1)
	}
	pl.january[KeyBudgetRevenue][2020] = true
	for _, k := range []string{KeyPartyNewMembers, KeyPoorHouseholds, KeyBudgetRevenue} {
		for _, y := range g.years(mentionYears, FirstYear, LastYear-2) {
			pl.mentions = append(pl.mentions, mention{k, y})
		}
	}
	return pl
}

// extraReports writes the plan's articles; g draws only from the second source.
func (g *gen) extraReports() []*Article {
	var out []*Article
	for _, k := range flowKeys {
		for _, y := range g.plan.estimate[k] {
			out = append(out, g.estimateReport(k, y))
		}
		for _, y := range g.plan.half[k] {
			out = append(out, g.halfReport(k, y))
		}
	}
	out = append(out, g.termReport(2015, 2020), g.termReport(2020, LastYear))
	for _, mn := range g.plan.mentions {
		out = append(out, g.mentionNews(mn))
	}
	for _, a := range out {
		a.Views = g.between(150, 5000)
	}
	return out
}

// estimate is an early figure for truth: 1 to 4 % off, rounded like key,
// never equal to it.
func (g *gen) estimate(key string, truth float64) float64 {
	f := 0.01 + 0.03*g.r.Float64()
	if g.r.IntN(2) == 0 {
		f = -f
	}
	e := roundKey(key, truth*(1+f))
	if e == truth {
		e = roundKey(key, truth*1.01+1)
	}
	return e
}

// estimateReport is published in early or mid December of y with an
// estimate of the year; the year's report, in January, has the final figure.
func (g *gen) estimateReport(key string, y int) *Article {
	t := g.at(y, time.December, 1, 15)
	v := g.newVars(t, y)
	truth, target := series(g.p, key, y)
	e := g.estimate(key, truth)
	pct := planPercent(e, target)
	var a *Article
	var para string
	switch key {
	case KeyPartyNewMembers:
		m := g.metric(key, "đảng viên", e, y, "")
		m.Estimate = true
		switch g.r.IntN(3) {
		case 0:
			m.Text = fmt.Sprintf("kết nạp %s đảng viên mới, đạt %s%% kế hoạch", vnInt(int(e)), vnDec(pct, 1))
			m.PlanPercent = fp(pct)
			para = "Ước cả năm {Y}, toàn Đảng bộ " + m.Text + "; chuyển đảng chính thức cho {N:150-400} đồng chí."
		case 1:
			m.Text = "ước kết nạp " + vnInt(int(e)) + " đảng viên mới"
			para = "Công tác phát triển đảng viên được quan tâm; năm {Y}, toàn Đảng bộ " + m.Text + ", trong đó có {N:40-120} đảng viên là đoàn viên thanh niên."
		default:
			m.Text = fmt.Sprintf("kết nạp được %s/%d đảng viên mới, đạt %s%% chỉ tiêu", vnInt(int(e)), int(target), vnDec(pct, 1))
			m.Target, m.PlanPercent = fp(target), fp(pct)
			para = "Ước thực hiện năm {Y}, các tổ chức cơ sở đảng " + m.Text + " {C} giao."
		}
		a = g.newArticle("dang-doan-the", t, g.expand(g.pick([]string{
			"Ban Chấp hành Đảng bộ {KD} đánh giá kết quả thực hiện nhiệm vụ năm {Y}",
			"Đảng bộ {KD} ước hoàn thành các chỉ tiêu năm {Y}",
			"Hội nghị Ban Chấp hành Đảng bộ {KD} cuối năm {Y}",
		}), v))
		a.Paragraphs = g.body([]string{
			"Ngày {DM}, Ban Chấp hành Đảng bộ {KD} tổ chức hội nghị lần thứ {Z:10-40} (mở rộng) đánh giá kết quả thực hiện nhiệm vụ năm {Y}, bàn phương hướng, nhiệm vụ năm {Y1}.",
			para,
			"Công tác kiểm tra, giám sát được tăng cường; Ủy ban Kiểm tra các cấp đã kiểm tra {Z:3-12} tổ chức đảng và {Z:5-20} đảng viên khi có dấu hiệu vi phạm.",
			"Kết luận hội nghị, đồng chí {NAME}, Bí thư {C} đề nghị các cấp ủy tập trung hoàn thành các chỉ tiêu còn lại trong những ngày cuối năm.",
		}, v)
		a.Metrics = []Metric{m}
	default:
		m := g.metric(key, "tỷ đồng", e, y, "")
		m.Estimate = true
		E, T, P := vnDec(e, 1), vnDec(target, 1), vnDec(pct, 1)
		switch g.r.IntN(3) {
		case 0:
			m.Text = "tổng thu ngân sách trên địa bàn đạt " + E + " tỷ đồng, bằng " + P + "% dự toán"
			m.PlanPercent = fp(pct)
			para = "Theo báo cáo của UBND {K}, ước cả năm {Y}, " + m.Text + " thành phố giao."
		case 1:
			m.Text = "thu ngân sách nhà nước trên địa bàn ước đạt " + E + " tỷ đồng"
			para = "Báo cáo của UBND {K} cho biết, năm {Y} " + m.Text + "; chi ngân sách ước " + vnDec(e*(0.55+0.35*g.r.Float64()), 1) + " tỷ đồng."
		default:
			m.Text = "thu ngân sách trên địa bàn đạt " + E + "/" + T + " tỷ đồng, đạt " + P + "% dự toán"
			m.Target, m.PlanPercent = fp(target), fp(pct)
			para = "Ước thực hiện năm {Y}, " + m.Text + "."
		}
		a = g.newArticle("kinh-te", t, g.expand(g.pick([]string{
			"HĐND {KD} tổ chức kỳ họp thường lệ cuối năm {Y}",
			"Kinh tế - xã hội {KD} năm {Y}: nhiều chỉ tiêu ước đạt và vượt kế hoạch",
		}), v))
		a.Paragraphs = g.body([]string{
			"Ngày {DM}, HĐND {KD} khai mạc kỳ họp thường lệ cuối năm {Y} để xem xét, quyết định nhiều nội dung quan trọng.",
			para,
			"Tại kỳ họp, các đại biểu thảo luận, thông qua Nghị quyết về dự toán ngân sách năm {Y1} và kế hoạch đầu tư công năm {Y1}.",
		}, v)
		a.Metrics = []Metric{m}
	}
	return a
}

// halfReport is the half-year report of year y, published from 20 June to
// 20 July.
func (g *gen) halfReport(key string, y int) *Article {
	t := g.at(y, time.June, 20, 30)
	v := g.newVars(t, y)
	h := HalfSeries(g.p.info.Name, key, y)
	var a *Article
	var para string
	switch key {
	case KeyPartyNewMembers:
		m := g.halfMetric(key, "đảng viên", h, y)
		if g.r.IntN(2) == 0 {
			m.Text = "kết nạp " + vnInt(int(h)) + " đảng viên mới"
			para = "6 tháng đầu năm {Y}, toàn Đảng bộ " + m.Text + "; chuyển đảng chính thức cho {N:40-150} đồng chí."
		} else {
			m.Text = "kết nạp được " + vnInt(int(h)) + " đảng viên mới"
			para = "Trong 6 tháng đầu năm, các tổ chức cơ sở đảng đã " + m.Text + ", tập trung ở các chi bộ khu dân cư."
		}
		a = g.newArticle("dang-doan-the", t, g.expand(g.pick([]string{
			"{C} {D} sơ kết công tác xây dựng Đảng 6 tháng đầu năm {Y}",
			"Đảng bộ {KD}: kết quả công tác xây dựng Đảng 6 tháng đầu năm {Y}",
		}), v))
		a.Paragraphs = g.body([]string{
			"Ngày {DM}, {C} {D} tổ chức hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm {Y}.",
			para,
			"Công tác kiểm tra, giám sát được thực hiện nghiêm túc; Ủy ban Kiểm tra {C} đã kiểm tra {Z:2-9} tổ chức đảng khi có dấu hiệu vi phạm.",
			"Đồng chí {NAME}, Bí thư {C} đề nghị các cấp ủy tập trung hoàn thành các chỉ tiêu, nhiệm vụ năm {Y}.",
		}, v)
		a.Metrics = []Metric{m}
	default:
		m := g.halfMetric(key, "tỷ đồng", h, y)
		change := (h/HalfSeries(g.p.info.Name, key, y-1) - 1) * 100
		moved := "tăng " + vnDec(change, 1) + "%"
		if change < 0 {
			moved = "giảm " + vnDec(-change, 1) + "%"
		}
		if g.r.IntN(2) == 0 {
			m.Text = "tổng thu ngân sách trên địa bàn đạt " + vnDec(h, 1) + " tỷ đồng"
			para = "6 tháng đầu năm {Y}, " + m.Text + ". So với cùng kỳ năm " + strconv.Itoa(y-1) + ", thu ngân sách " + moved + "."
		} else {
			m.Text = "thu ngân sách trên địa bàn đạt " + vnDec(h, 1) + " tỉ đồng"
			para = "Trong 6 tháng đầu năm, " + m.Text + ", " + moved + " so với cùng kỳ."
		}
		a = g.newArticle("kinh-te", t, g.expand(g.pick([]string{
			"{KD} sơ kết nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm {Y}",
			"Kinh tế - xã hội {KD} 6 tháng đầu năm {Y} duy trì tăng trưởng",
		}), v))
		a.Paragraphs = g.body([]string{
			"Ngày {DM}, UBND {KD} tổ chức hội nghị sơ kết tình hình kinh tế - xã hội 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm {Y}.",
			para,
			"Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp tăng {P:5-12}%; {K} cấp mới {N:40-200} giấy chứng nhận đăng ký hộ kinh doanh.",
			"Phát biểu chỉ đạo, đồng chí {NAME}, Chủ tịch UBND {K} yêu cầu các phòng, ban và {LU} quyết liệt thực hiện nhiệm vụ 6 tháng cuối năm.",
		}, v)
		a.Metrics = []Metric{m}
	}
	return a
}

func (g *gen) halfMetric(key, unit string, value float64, y int) Metric {
	m := g.metric(key, unit, value, y, "")
	m.Period, m.PeriodKind, m.Estimate = halfLabel(y), PeriodHalf, false
	return m
}

var congressNumbers = []string{"XXI", "XXII", "XXIII", "XXIV"}

// termReport looks back on the party term first-last before its end: from
// 10 April to 9 June of last, before the congress (2020) or before the
// district level ended (2025). It gives the term's new party members
// (final: the term runs to the congress) and the plan period's budget
// revenue as an estimate, which the 2020 report corrects and nothing
// corrects in 2025.
func (g *gen) termReport(first, last int) *Article {
	t := g.at(last, time.April, 10, 60)
	v := g.newVars(t, last)
	term := g.termSpan(first, last)
	party := g.metric(KeyPartyNewMembers, "đảng viên", TermTotal(g.p.info.Name, KeyPartyNewMembers, first, last), last, "")
	party.Period, party.PeriodKind, party.Estimate = termLabel(first, last), PeriodTerm, false
	N := vnInt(int(party.Value))
	var partyPara string
	switch g.r.IntN(3) {
	case 0:
		party.Text = "kết nạp " + N + " đảng viên mới"
		partyPara = "Công tác phát triển đảng viên được quan tâm; nhiệm kỳ " + term + ", toàn Đảng bộ " + party.Text + ", vượt chỉ tiêu Nghị quyết Đại hội đề ra."
	case 1:
		party.Text = "kết nạp được " + N + " đảng viên mới"
		partyPara = "Trong nhiệm kỳ, các tổ chức cơ sở đảng đã " + party.Text + ", góp phần nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ."
	default:
		party.Text = "đã kết nạp " + N + " đảng viên mới"
		partyPara = "Tính chung cả nhiệm kỳ " + term + ", toàn Đảng bộ " + party.Text + "."
	}
	budget := g.metric(KeyBudgetRevenue, "tỷ đồng", TermTotal(g.p.info.Name, KeyBudgetRevenue, first+1, last), last, "")
	budget.Period, budget.PeriodKind, budget.Estimate = termLabel(first+1, last), PeriodTerm, true
	if last < LastYear {
		budget.Value = g.estimate(KeyBudgetRevenue, budget.Value)
	}
	budget.Text = "tổng thu ngân sách trên địa bàn ước đạt " + vnDec(budget.Value, 1) + " tỷ đồng"
	budgetPara := "Kinh tế của {K} duy trì tăng trưởng khá; giai đoạn " + g.termSpan(first+1, last) + ", " + budget.Text + ", bình quân tăng {P:8-15}%/năm."
	closing := "Đại hội đại biểu Đảng bộ {KD} lần thứ " + g.pick(congressNumbers) + ", nhiệm kỳ 2020 - 2025 dự kiến tổ chức trong tháng 7/2020."
	if last == LastYear {
		closing = "Thực hiện chủ trương sắp xếp đơn vị hành chính, {C} {D} lãnh đạo hoàn thành các nhiệm vụ trước khi cấp huyện kết thúc hoạt động từ ngày 01/7/2025."
	}
	a := g.newArticle("dang-doan-the", t, g.expand(g.pick([]string{
		"Đảng bộ {KD}: dấu ấn nhiệm kỳ " + term,
		"Nhìn lại 5 năm thực hiện Nghị quyết Đại hội Đảng bộ {KD} nhiệm kỳ " + term,
		"{C} {D} tổng kết nhiệm kỳ " + term,
	}), v))
	a.Paragraphs = g.body([]string{
		"Nhiệm kỳ " + term + ", Đảng bộ {KD} đã lãnh đạo thực hiện thắng lợi nhiều chỉ tiêu Nghị quyết Đại hội đề ra; công tác xây dựng Đảng và hệ thống chính trị có nhiều chuyển biến tích cực.",
		partyPara,
		budgetPara,
		"Đảng bộ {KD} hiện có {N:40-75} tổ chức cơ sở đảng với {N:7000-16000} đảng viên.",
		closing,
	}, v)
	a.Metrics = []Metric{party, budget}
	return a
}

// mentionNews is a news article about something else, published from
// February to November of the next year, that repeats the year's final
// figure in passing.
func (g *gen) mentionNews(mn mention) *Article {
	y := mn.year
	t := g.at(y+1, time.February, 1, 290)
	v := g.newVars(t, y)
	Y := strconv.Itoa(y)
	var a *Article
	switch mn.key {
	case KeyPartyNewMembers:
		n, _ := series(g.p, mn.key, y)
		m := g.metric(mn.key, "đảng viên", n, y, "đã kết nạp "+vnInt(int(n))+" đảng viên mới")
		m.Mention = true
		lead := g.pick([]string{"Năm " + Y + ", ", "Riêng năm " + Y + ", ", "Trong năm " + Y + ", "})
		a = g.newArticle("dang-doan-the", t, g.expand(g.pick([]string{
			"Đảng ủy {X} tổ chức lễ kết nạp đảng viên mới",
			"Kết nạp đảng viên mới là quần chúng ưu tú tại {X}",
		}), v))
		a.Paragraphs = g.body([]string{
			"Ngày {DM}, Đảng ủy {X} tổ chức lễ kết nạp đảng viên mới cho {Z:2-6} quần chúng ưu tú là đoàn viên thanh niên, hội viên các đoàn thể.",
			"Công tác phát triển đảng viên luôn được {C} {D} quan tâm chỉ đạo. " + lead + "toàn Đảng bộ {K} " + m.Text + ".",
			"Phát biểu tại buổi lễ, đồng chí {NAME}, Bí thư Đảng ủy {X} đề nghị các đảng viên mới không ngừng tu dưỡng, rèn luyện, phát huy vai trò tiên phong, gương mẫu.",
		}, v)
		a.Metrics = []Metric{m}
	case KeyPoorHouseholds:
		n, _ := series(g.p, KeyPoorHouseholds, y)
		rate, _ := series(g.p, KeyPoorRate, y)
		hh := g.metric(KeyPoorHouseholds, "hộ", n, y, "")
		rt := g.metric(KeyPoorRate, "%", rate, y, "")
		var para string
		if g.r.IntN(2) == 0 {
			hh.Text = "còn " + vnInt(int(n)) + " hộ nghèo, chiếm tỷ lệ " + vnDec(rate, 2) + "%"
			para = "Tính đến 31/12/" + Y + ", toàn {K} " + hh.Text + "; các hộ nghèo đều được hỗ trợ bảo hiểm y tế và vay vốn ưu đãi."
		} else {
			hh.Text = "có " + vnInt(int(n)) + " hộ nghèo, tỷ lệ hộ nghèo " + vnDec(rate, 2) + "%"
			para = "Theo kết quả rà soát cuối năm " + Y + ", toàn {K} " + hh.Text + "."
		}
		rt.Text = hh.Text
		for _, m := range []*Metric{&hh, &rt} {
			m.Period, m.PeriodKind, m.Mention = dateLabel(y), PeriodDate, true
		}
		a = g.newArticle("van-hoa-xa-hoi", t, g.expand(g.pick([]string{
			"Trao kinh phí hỗ trợ xây nhà Đại đoàn kết tại {X}",
			"{KD} chung tay vì người nghèo",
		}), v))
		a.Paragraphs = g.body([]string{
			"Sáng {DM}, Ủy ban MTTQ Việt Nam {KD} phối hợp với UBND {X} trao kinh phí hỗ trợ xây mới, sửa chữa nhà Đại đoàn kết cho {Z:2-6} hộ nghèo trên địa bàn.",
			para,
			"Đồng chí {NAME}, Chủ tịch Ủy ban MTTQ {K} mong muốn các hộ được hỗ trợ sớm ổn định cuộc sống, vươn lên thoát nghèo bền vững.",
		}, v)
		a.Metrics = []Metric{hh, rt}
	default:
		val, _ := series(g.p, mn.key, y)
		m := g.metric(mn.key, "tỷ đồng", val, y, "")
		m.Mention = true
		var para string
		if g.r.IntN(2) == 0 {
			m.Text = "thu ngân sách trên địa bàn {K} đạt " + vnDec(val, 1) + " tỷ đồng"
			para = "Năm " + Y + ", " + m.Text + ", trong đó khu vực kinh tế ngoài nhà nước đóng góp phần quan trọng."
		} else {
			m.Text = "tổng thu ngân sách trên địa bàn đạt " + vnDec(val, 1) + " tỷ đồng"
			para = "Cộng đồng doanh nghiệp đã đóng góp tích cực vào kết quả chung: cả năm " + Y + ", " + m.Text + "."
		}
		m.Text = g.expand(m.Text, v)
		a = g.newArticle("kinh-te", t, g.expand(g.pick([]string{
			"{KD} gặp mặt doanh nghiệp, nhà đầu tư",
			"Hội nghị đối thoại với doanh nghiệp trên địa bàn {KD}",
		}), v))
		a.Paragraphs = g.body([]string{
			"Ngày {DM}, UBND {KD} tổ chức hội nghị gặp mặt, đối thoại với {N:80-300} doanh nghiệp, hộ kinh doanh trên địa bàn.",
			para,
			"Tại hội nghị, các doanh nghiệp đã nêu {N:10-30} ý kiến, kiến nghị về thủ tục hành chính, mặt bằng sản xuất và tiếp cận vốn.",
		}, v)
		a.Metrics = []Metric{m}
	}
	return a
}
