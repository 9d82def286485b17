package portals

import (
	"fmt"
	"strings"
)

// Page data shared by the variants: page i of a simulated site, its
// title, text, lead, date and time, the persons a byline may name, the
// forms a byline takes, and the header, side bar, footer and related
// list every layout has.

// pg is one page of a simulated site and its truth.
type pg struct {
	html  string
	names []string // the persons the byline credits
	shown string   // the byline as written on the page
	paras []string // the article's text paragraphs (lead first when the page has one)
}

// variant is one simulated site: build writes its page i.
type variant struct {
	name  string
	build func(i int) pg
}

var names = []string{"Minh Anh", "Nguyễn Thu Hà", "Trần Văn Bình", "Lê Hồng Nhung", "Phạm Quốc Toàn", "Hoàng Thị Mai",
	"Đỗ Văn Hùng", "Vũ Thanh Tâm", "Bùi Ngọc Lan", "Đặng Minh Quân", "Thu Hương", "Quang Huy"}

var units = []string{"Trung tâm VH-TT huyện", "Ban Tuyên giáo Huyện ủy", "Phòng Văn hóa và Thông tin", "Văn phòng HĐND và UBND huyện"}

var paraT = []string{
	"Tổng thu ngân sách nhà nước trên địa bàn quý I đạt %d tỷ đồng, bằng 35%% dự toán năm, tăng 12%% so với cùng kỳ năm trước.",
	"Huyện đã tổ chức %d đợt kiểm tra thuế tại các xã, thị trấn trong quý, phát hiện nhiều sai phạm về hóa đơn, chứng từ.",
	"Công tác cải cách hành chính tiếp tục được đẩy mạnh, %d hồ sơ được giải quyết đúng hạn qua bộ phận một cửa các cấp.",
	"Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa được duy trì, %d gia đình đạt danh hiệu gia đình văn hóa tiêu biểu.",
	"Toàn huyện có %d hộ được hỗ trợ xây dựng nhà ở, nhiều công trình giao thông nông thôn được khởi công trong dịp đầu năm.",
	"Công tác tuyển quân năm nay bảo đảm chỉ tiêu, %d thanh niên lên đường nhập ngũ, đạt 100%% kế hoạch giao.",
	"Ngành giáo dục duy trì sĩ số học sinh, tỷ lệ trường đạt chuẩn quốc gia đạt %d%%, tăng so với năm học trước.",
	"Hội nghị đã thống nhất các giải pháp trọng tâm, giao các phòng, ban chuyên môn triển khai ngay %d nhiệm vụ cụ thể.",
}

var topics = []string{
	"Hội nghị sơ kết công tác quý %d năm 202%d của huyện",
	"Đoàn công tác của tỉnh kiểm tra tiến độ xây dựng nông thôn mới tại xã số %d năm 202%d",
	"Khai mạc lớp bồi dưỡng lý luận chính trị cho đảng viên mới đợt %d năm 202%d",
	"Ra quân Tháng hành động vì an toàn thực phẩm lần %d năm 202%d",
}

func name(i int) string  { return names[i%len(names)] }
func other(i int) string { return names[(i+5)%len(names)] }
func third(i int) string { return names[(i+7)%len(names)] }
func unit(i int) string  { return units[i%len(units)] }
func title(i int) string { return fmt.Sprintf(topics[i%len(topics)], i%4+1+i, i%5) }
func day(i int) int      { return i%27 + 1 }
func date(i int) string  { return fmt.Sprintf("%02d/03/2024", day(i)) }
func clock(i int) string { return fmt.Sprintf("%02d:%02d", 7+i%10, (i*7)%60) }
func lead(i int) string {
	return fmt.Sprintf("Sáng ngày %d/3, UBND huyện tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ với %d đại biểu tham dự.", day(i), 50+i)
}
func paras(i int) []string {
	var ps []string
	for k := 0; k < 3+i%3; k++ {
		ps = append(ps, fmt.Sprintf(paraT[(i+k)%len(paraT)], 100+i*7+k))
	}
	return ps
}

// wrap writes each paragraph with w.
func wrap(ps []string, w func(string) string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(w(p))
	}
	return b.String()
}
func plainP(p string) string { return "<p>" + p + "</p>" }
func justP(p string) string  { return `<p style="text-align: justify;">` + p + `</p>` }

// form is a byline in one of the forms bylines take, and the persons it credits.
func form(f, i int) (string, []string) {
	n, o, t := name(i), other(i), third(i)
	switch f {
	case 0:
		return n, []string{n}
	case 1:
		return "Tin, ảnh: " + n, []string{n}
	case 2:
		return "Bài và ảnh: " + n, []string{n}
	case 3:
		return "Người viết: " + n, []string{n}
	case 4:
		return strings.ToUpper(n), []string{n}
	case 5:
		return n + " - " + unit(i), []string{n}
	case 6:
		return n + " (CTV)", []string{n}
	case 7:
		return "Nhóm PV", nil
	case 8:
		return n + ", " + o, []string{n, o}
	case 9:
		return "Tác giả: " + n, []string{n}
	case 10:
		return "ThS. " + n, []string{n}
	case 11:
		return "Đại úy " + n, []string{n}
	case 12:
		return n + " – " + o + " (Ban Tuyên giáo Huyện ủy)", []string{n, o}
	case 13:
		return "Bài: " + n + " - Ảnh: " + o, []string{n, o}
	case 14:
		return "CTV " + n, []string{n}
	case 15:
		return n + " (Trung tâm TT-VH huyện)", []string{n}
	case 16:
		return "PV", nil
	case 17:
		return "Thượng tá " + n + " - Công an tỉnh", []string{n}
	case 18:
		return "Bài, ảnh: " + n + " (Đài TT-TH huyện)", []string{n}
	case 19:
		return n + " - " + date(i), []string{n}
	case 20:
		return "Thực hiện: " + n, []string{n}
	case 21:
		return "PGS, TS " + strings.ToUpper(n), []string{n}
	case 22:
		return "TS " + strings.ToUpper(n), []string{n}
	case 23:
		return "ThS " + strings.ToUpper(n), []string{n}
	case 24:
		return n + " - " + o + " - " + t, []string{n, o, t}
	case 25:
		return "Phóng viên: " + n, []string{n}
	case 26:
		return "Nhóm phóng viên", nil
	case 27:
		return "Tin: " + n + "; Ảnh: " + o, []string{n, o}
	// Reposts credited to a paper's writer.
	case 28:
		return n + " (Báo Bắc Giang)", []string{n}
	case 29:
		return "Theo " + n + " (baobacgiang.vn)", []string{n}
	case 30:
		return "Nguồn: " + n + " - Tuyên giáo huyện", []string{n}
	case 31:
		return n + " - Phòng VH&TT huyện", []string{n}
	case 45:
		return "Theo " + n + " - Báo Nhân Dân", []string{n}
	// Collected and compiled texts.
	case 32:
		return n + " (st)", []string{n}
	case 33:
		return n + " (T/h)", []string{n}
	case 34:
		return n + " (sưu tầm)", []string{n}
	case 35:
		return n + " - st", []string{n}
	case 36:
		return "Sưu tầm: " + n, []string{n}
	case 37:
		return n + " (tổng hợp)", []string{n}
	// Titles and ranks before the name.
	case 38:
		return "Luật sư " + n, []string{n}
	case 39:
		return "BS.CKII " + n, []string{n}
	case 40:
		return "Nhà báo " + n, []string{n}
	case 41:
		return "Thiếu tá " + n, []string{n}
	case 42:
		return "KS. " + n, []string{n}
	case 43:
		return "Trung tá " + strings.ToUpper(n), []string{n}
	case 44:
		return strings.ToUpper(n) + " (Hội LHPN huyện)", []string{n}
	}
	panic(fmt.Sprintf("form %d is not written", f))
}

// pick is page i's byline among forms.
func pick(forms []int, i int) (string, []string) { return form(forms[i%len(forms)], i) }

// Outer layouts shared by the variants.

func head(t, portal string) string {
	return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + t + ` - ` + portal + `</title>` +
		`<meta property="og:title" content="` + t + `"></head><body>`
}

func topBar(portal string) string {
	return `<div id="header"><div class="logo"><a href="/"><img src="/logo.png" alt="` + portal + `"></a></div>` +
		`<div class="today">Thứ Sáu, 06/12/2026</div><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>` +
		`<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản</a></li><li><a href="/tthc">Thủ tục hành chính</a></li><li><a href="/lien-he">Liên hệ</a></li></ul></div>`
}

func sideBar(i int) string {
	return `<div class="col-right"><div class="box"><h3>Tin mới</h3><ul>` +
		`<li><a href="/t/1">Hội nghị tổng kết công tác năm 2023 của UBND huyện</a> <span>(12/01/2024)</span></li>` +
		`<li><a href="/t/2">Thu ngân sách năm 2023 vượt 20% dự toán</a> <span>(05/01/2024)</span></li>` +
		`<li><a href="/t/3">Kỳ họp thứ ` + fmt.Sprint(10+i%3) + ` HĐND huyện khóa XX</a> <span>(28/12/2023)</span></li></ul></div>` +
		`<div class="box"><h3>Liên kết website</h3><select><option>Cổng TTĐT Chính phủ</option><option>Cổng TTĐT tỉnh</option></select></div>` +
		`<div class="box"><h3>Thống kê truy cập</h3><p>Đang truy cập: 25</p><p>Tổng lượt truy cập: 1234567</p></div></div>`
}

func bottom(portal string) string {
	return `<div id="footer"><p>` + strings.ToUpper(portal) + `</p><p>Cơ quan chủ quản: Ủy ban nhân dân huyện. Chịu trách nhiệm chính: Ông Nguyễn Văn Hải - Chánh Văn phòng HĐND và UBND huyện.</p>` +
		`<p>Địa chỉ: Số 01 đường Trần Hưng Đạo, thị trấn. Điện thoại: 0203.3827.123. Email: ubnd@huyen.gov.vn</p><p>Giấy phép số 12/GP-TTĐT ngày 01/02/2018.</p></div></body></html>`
}

func related() string {
	return `<div class="tin-khac"><h3>Các tin khác</h3><ul><li><a href="/x1">Hội nghị tổng kết năm 2023</a> (12/01/2024)</li>` +
		`<li><a href="/x2">Thu ngân sách năm 2023 đạt 120%</a> (05/01/2024)</li><li><a href="/x3">Kiểm tra công tác cải cách hành chính</a> (02/01/2024)</li></ul></div>`
}
