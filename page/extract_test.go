package page

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/vietnamese"
)

func TestExtractSeedText(t *testing.T) {
	raw, err := os.ReadFile("../processor/testdata/thanhtri-2020-03-18.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(raw)
	if err != nil {
		t.Fatal(err)
	}
	checkSeed(t, a)
}

func checkSeed(t *testing.T, a Article) {
	t.Helper()
	want := time.Date(2020, 3, 18, 10, 53, 0, 0, vietnamese.TimeZone)
	if a.Title != "Nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ huyện Thanh Trì" {
		t.Errorf("title = %q", a.Title)
	}
	if a.Category != "Đảng, đoàn thể" {
		t.Errorf("category = %q", a.Category)
	}
	if a.PublishedAt == nil || !a.PublishedAt.Equal(want) || a.PublishedAt.Format(time.RFC3339) != "2020-03-18T10:53:00+07:00" {
		t.Errorf("published_at = %v, want %v", a.PublishedAt, want)
	}
	if a.Views == nil || *a.Views != 1759 {
		t.Errorf("views = %v, want 1759", a.Views)
	}
	if a.Byline != "Hoàng Thị Thu Thủy - Tuyên giáo Thanh Trì" {
		t.Errorf("byline = %q", a.Byline)
	}
	if !strings.HasPrefix(a.Body, "Quán triệt sâu sắc chương trình số 01-CTr/HU") || !strings.HasSuffix(a.Body, "trong sạch, vững mạnh.") {
		t.Errorf("body starts %q ... ends %q", a.Body[:60], a.Body[len(a.Body)-40:])
	}
	if strings.Contains(a.Body, "View count") || strings.Contains(a.Body, "Hoàng Thị Thu Thủy") {
		t.Error("body carries the date line or the byline")
	}
}

// seedHTML is the seed article as the Thanh Trì portal serves it.
var seedHTML = func() string {
	b, err := os.ReadFile("testdata/seed.html")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func TestExtractHTML(t *testing.T) {
	a, err := Extract([]byte(seedHTML))
	if err != nil {
		t.Fatal(err)
	}
	if a.Category != "Đảng, đoàn thể" || a.Views == nil || *a.Views != 1759 || a.Byline != "Hoàng Thị Thu Thủy - Tuyên giáo Thanh Trì" {
		t.Errorf("got %+v", a)
	}
	if a.PublishedAt == nil || a.PublishedAt.Format(time.RFC3339) != "2020-03-18T10:53:00+07:00" {
		t.Errorf("published_at = %v (the 'Hôm nay' header must not win)", a.PublishedAt)
	}
	want := "Quán triệt sâu sắc chương trình số 01-CTr/HU của Huyện ủy Thanh Trì.\n\nTạo động lực để xây dựng tổ chức cơ sở Đảng trong sạch, vững mạnh."
	if a.Body != want {
		t.Errorf("body = %q, want %q", a.Body, want)
	}
}

func TestExtractEdgeCases(t *testing.T) {
	tests := []struct {
		name       string
		page       string
		wantTitle  string
		wantDate   string
		wantByline string
	}{
		{"no date line", "<html><body><h1>Tiêu đề</h1><p>Đoạn một dài hơn nhiều.</p><p>Nguyễn Văn An</p></body></html>", "Tiêu đề", "", "Nguyễn Văn An"},
		{"publish date english", "<html><body><h1>Title</h1><div>Publish date 07/06/2019 | 08:40 | View count: 2045</div><p>Text.</p></body></html>", "Title", "2019-06-07T08:40:00+07:00", ""},
		{"impossible date ignored", "<html><body><h1>T</h1><div>Ngày đăng 31/02/2020 | 10:00</div><p>Text.</p></body></html>", "T", "", ""},
		{"empty page", "<html><body></body></html>", "", "", ""},
		{"decomposed text composed", "<html><body><h1>Ha\u0300 Nô\u0323i</h1><p>x.</p></body></html>", "Hà Nội", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if a.PublishedAt != nil {
				got = a.PublishedAt.Format(time.RFC3339)
			}
			if a.Title != tt.wantTitle || got != tt.wantDate || a.Byline != tt.wantByline {
				t.Errorf("got title %q date %q byline %q, want %q %q %q", a.Title, got, a.Byline, tt.wantTitle, tt.wantDate, tt.wantByline)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte(seedHTML))
	f.Add([]byte("Đảng\n\nTiêu đề\nNgày đăng 18/03/2020 | 10:53 | View count: 1\n\nThân bài.\nTên"))
	f.Add([]byte("<p><div><h1></p>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := Extract(page)
		if err != nil {
			return
		}
		_ = a.Body
	})
}

func TestTitleFromTag(t *testing.T) {
	for in, want := range map[string]string{
		"Kinh tế - xã hội năm 2020 tiếp tục phát triển - Cổng thông tin điện tử huyện Thanh Trì": "Kinh tế - xã hội năm 2020 tiếp tục phát triển",
		"Kinh tế - xã hội năm 2020 tiếp tục phát triển":                                          "Kinh tế - xã hội năm 2020 tiếp tục phát triển",
		"Hội nghị tổng kết | UBND huyện Gia Lâm":                                                 "Hội nghị tổng kết",
		"Đảng bộ huyện: kết quả nhiệm kỳ 2015 - 2020":                                            "Đảng bộ huyện: kết quả nhiệm kỳ 2015 - 2020",
		"Tin tức - thanhoai.hanoi.gov.vn":                                                        "Tin tức",
	} {
		if got := titleFromTag(in); got != want {
			t.Errorf("titleFromTag(%q) = %q, want %q", in, got, want)
		}
	}
}

// Meta lines as the DNN news module (EasyDNNnews) writes them: the date,
// a labelled author (often a link to the author's page), then the views and
// comments in parentheses, between " / " separators; and a date line with
// the author after it. The gold was written from that module's markup
// before the parsing changed.
func TestExtractParenthesisedMetaLines(t *testing.T) {
	const head = `<html><body><div class="edn_article"><h1 class="edn_articleTitle">Kết quả thu ngân sách quý I</h1>`
	const tail = `<div class="edn_articleContent"><p>Tổng thu ngân sách nhà nước trên địa bàn quý I đạt 512 tỷ đồng, bằng 35% dự toán năm.</p>` +
		`<p>Huyện đã tổ chức 15 đợt kiểm tra thuế tại các xã, thị trấn trong quý.</p></div></div></body></html>`
	tests := []struct {
		name, meta, date, byline string
		views                    int // 0: none
	}{
		{"date author views comments", `<div class="edn_metaDetails"><time class="edn_articleDate">Thứ Hai, 11/03/2024 08:30</time> ` +
			`<span class="edn_articleAuthor">Tác giả: <a href="/tac-gia/minh-anh">Minh Anh</a></span> <span class="separator">/</span> ` +
			`Số lượt xem (1523) <span class="separator">/</span> Bình luận (0)</div>`, "2024-03-11T08:30:00+07:00", "Minh Anh", 1523},
		{"author views comments", `<div class="edn_metaDetails">Tác giả: Minh Anh / Số lượt xem (1523) / Bình luận (0)</div>`, "", "Minh Anh", 1523},
		{"date then author", `<div class="edn_metaDetails">Thứ Hai, 11/03/2024 08:30 | Tác giả: Nguyễn Minh Anh</div>`,
			"2024-03-11T08:30:00+07:00", "Nguyễn Minh Anh", 0},
		{"date views in parentheses", `<div class="edn_metaDetails">11/03/2024 08:30 / Lượt xem (245)</div>`, "2024-03-11T08:30:00+07:00", "", 245},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract([]byte(head + tt.meta + tail))
			if err != nil {
				t.Fatal(err)
			}
			date := ""
			if a.PublishedAt != nil {
				date = a.PublishedAt.Format(time.RFC3339)
			}
			views := 0
			if a.Views != nil {
				views = *a.Views
			}
			// The byline as published may keep its label ("Tác giả: Minh
			// Anh", an element named as the author's): the author it names
			// is what must be right.
			author := ""
			if as := facts.ParseByline(a.Byline); len(as) == 1 {
				author = as[0].Name
			}
			if date != tt.date || author != tt.byline || views != tt.views {
				t.Errorf("got date %q byline %q views %d, want %q, author %q, %d", date, a.Byline, views, tt.date, tt.byline, tt.views)
			}
			if !strings.HasPrefix(a.Body, "Tổng thu ngân sách") || strings.Contains(a.Body, "lượt xem") {
				t.Errorf("body %q", a.Body)
			}
		})
	}
}

// TestHiddenStyle: what an inline style hides, and what it only moves.
func TestHiddenStyle(t *testing.T) {
	for style, want := range map[string]bool{
		"display: none":                        true,
		"visibility:hidden":                    true,
		"font-size:0":                          true,
		"height:0; overflow:hidden":            true,
		"position:absolute;left:-9999px":       true,
		"position: absolute; top: -5000px":     true,
		"text-indent:-9999em":                  true,
		"text-align: right; margin-top: -10px": false,
		"margin-left:-15px":                    false,
		"position:relative; left:-2px":         false,
		"padding-top:-1px; text-align:justify": false,
		"":                                     false,
		"font-size: 0px":                       true,
		"opacity:0":                            true,
		"max-height:0;overflow:hidden":         true,
		"font-size:0.9em; text-align:right":    false,
		"font-size: 0.875rem":                  false,
		"line-height:0; font-size:13px":        false,
		"height:0.5em;overflow:hidden":         false,
		"opacity: 0.8":                         false,
		"DISPLAY: NONE":                        true,
	} {
		if got := hiddenStyle(style); got != want {
			t.Errorf("hiddenStyle(%q) = %v, want %v", style, got, want)
		}
	}
}

// TestHiddenClass: the classes that hide an element on every screen, and
// the responsive ones that show it on some.
func TestHiddenClass(t *testing.T) {
	for class, want := range map[string]bool{
		"hidden":                  true,
		"hidden hide d-none":      true,
		"sr-only":                 true,
		"screen-reader-text":      true,
		"d-none d-md-block":       false,
		"d-none d-lg-inline":      false,
		"hidden-xs":               false,
		"visible-xs-block hidden": false,
		"news-hidden-title":       false,
		"text-right author":       false,
		"d-none d-sm-none":        true,
	} {
		if got := hiddenClass(class); got != want {
			t.Errorf("hiddenClass(%q) = %v, want %v", class, got, want)
		}
	}
}

// TestBlockLineSeams: texts that inline elements set apart on screen are
// apart in the line; a word styled in parts stays whole.
func TestBlockLineSeams(t *testing.T) {
	for in, want := range map[string]string{
		`<div>Tác giả <a href="/a">Minh Anh - Thu Hà</a><span class="separator">/</span>12/03/2024<span class="separator">/</span>Số lượt xem (443)</div>`: "Tác giả Minh Anh - Thu Hà / 12/03/2024 / Số lượt xem (443)",
		`<div><span>08:30</span><span>Minh Anh</span></div>`:                                               "08:30 Minh Anh",
		`<div><span>T</span>heo báo cáo, 12/03/2024 <b>|</b> Minh Anh</div>`:                               "Theo báo cáo, 12/03/2024 | Minh Anh",
		`<div>Diện tích 25 m<sup>2</sup>, tỷ lệ 12/03</div>`:                                               "Diện tích 25 m2, tỷ lệ 12/03",
		`<div><time>12/03/2024</time><i>-</i><span>Lượt xem: 12</span></div>`:                              "12/03/2024 - Lượt xem: 12",
		`<div>Tỷ số <b>3</b><i>-</i><b>1</b>, <span>COVID</span>-<span>19</span>, <i>1</i>/<i>2</i></div>`: "Tỷ số 3-1, COVID-19, 1/2",
		`<div><span>12</span><span>/</span><span>03</span><span>/</span><span>2024</span></div>`:           "12/03/2024",
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(blockLines(doc.Find("div").First(), nil), "\n"); got != want {
			t.Errorf("blockLines(%s) = %q, want %q", in, got, want)
		}
	}
}

// TestTopBylines: the bylines opening the text, each name with the unit
// under it, and the lines they take.
func TestTopBylines(t *testing.T) {
	tests := []struct {
		lines  []string
		byline string
		n      int
	}{
		{[]string{"TS BÙI NGỌC LAN", "Trường Đại học Kinh tế quốc dân", "ThS NGUYỄN THU HÀ", "Học viện Hành chính quốc gia", "(LLCT) - Đổi mới …"},
			"TS BÙI NGỌC LAN - ThS NGUYỄN THU HÀ", 4},
		{[]string{"Minh Anh", "Trung tâm VH-TT huyện", "Sáng ngày 12/3, huyện tổ chức hội nghị."}, "Minh Anh - Trung tâm VH-TT huyện", 2},
		// A unit under a byline that has one is not taken.
		{[]string{"Minh Anh - Đài TT-TH huyện", "Trung tâm VH-TT huyện", "Sáng ngày 12/3, …"}, "Minh Anh - Đài TT-TH huyện", 1},
		{[]string{"Minh Anh - Thu Hà", "Trung tâm VH-TT huyện", "Sáng ngày 12/3, …"}, "Minh Anh - Thu Hà", 1},
		// A heading under the byline is the text's.
		{[]string{"Minh Anh", "Phòng chống dịch sốt xuất huyết", "Sáng ngày 12/3, …"}, "Minh Anh", 1},
		{[]string{"THU HƯƠNG", "Bí thư Đảng ủy xã", "LÊ HỒNG NHUNG", "Phó Bí thư Thường trực Đảng ủy xã", "Năm 2025, …"}, "THU HƯƠNG - LÊ HỒNG NHUNG", 4},
		{[]string{"Minh Anh", "Sáng ngày 12/3, huyện tổ chức hội nghị."}, "Minh Anh", 1},
		// A name after the unit, not over a unit of its own, is the text's.
		{[]string{"Minh Anh", "Trung tâm VH-TT huyện", "Thu Hà", "Sáng ngày 12/3, …"}, "Minh Anh - Trung tâm VH-TT huyện", 2},
	}
	for _, tt := range tests {
		if b, n := topBylines(tt.lines); b != tt.byline || n != tt.n {
			t.Errorf("topBylines(%q) = %q, %d; want %q, %d", tt.lines, b, n, tt.byline, tt.n)
		}
	}
}

// TestArticleHeader: an article's own <header> and <footer> hold its
// title, date and byline; the site's are its frame.
func TestArticleHeader(t *testing.T) {
	page := `<html><head><title>Tin tức - Cổng TTĐT huyện</title></head><body><header id="site"><h1 class="logo">Cổng thông tin điện tử huyện</h1><nav><a href="/">Trang chủ</a></nav></header>` +
		`<div class="sidebar"><h2 class="c_title">Liên kết</h2></div><main><article><header><h1>Huyện tổng kết công tác năm 2024</h1><p class="meta">12/03/2024 | Minh Anh</p></header>` +
		`<div class="content"><p>Năm 2024, huyện hoàn thành 18/18 chỉ tiêu kinh tế - xã hội, tổng thu ngân sách đạt 512 tỷ đồng.</p><p>Toàn huyện có 1.240 hộ thoát nghèo, đạt 103% kế hoạch.</p></div>` +
		`<footer><p>Thu Hà</p></footer></article></main><footer id="bottom"><p>Bản quyền thuộc UBND huyện. Điện thoại: 0239.3855.123</p></footer></body></html>`
	a, err := ExtractHTML([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Huyện tổng kết công tác năm 2024" {
		t.Errorf("title %q", a.Title)
	}
	if a.PublishedAt == nil || a.PublishedAt.Format("2006-01-02") != "2024-03-12" {
		t.Errorf("date %v", a.PublishedAt)
	}
	if a.Byline != "Minh Anh" {
		t.Errorf("byline %q", a.Byline)
	}
	if strings.Contains(a.Body, "Bản quyền") || !strings.Contains(a.Body, "1.240 hộ thoát nghèo") {
		t.Errorf("body %q", a.Body)
	}
}

// TestUnnamedLead: a lead in an element of no name, between the title's
// heading and the body's element, begins the text; a meta line there
// does not.
func TestUnnamedLead(t *testing.T) {
	const lead = "Ngày 22/12, UBND thành phố tổ chức hội nghị tổng kết nhiệm vụ phát triển kinh tế - xã hội năm 2016."
	const text = "Năm 2016, tổng thu ngân sách trên địa bàn đạt 11.754,9 tỷ đồng, đạt 96,7% dự toán tỉnh giao."
	for between, want := range map[string]string{
		`<div>` + lead + `</div>`:                    lead + "\n\n" + text,
		`<div>Ngày cập nhật 24/12/2016</div>`:        text,
		`<p>` + lead + `</p><div>Lượt xem: 12</div>`: text, // not right before the body's element
	} {
		page := `<html><body><div class="post"><h1 class="page-header">Kinh tế - xã hội năm 2016 duy trì ổn định</h1>` + between +
			`<div class="news-content"><p>` + text + `</p></div></div></body></html>`
		a, err := ExtractHTML([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		if a.Body != want {
			t.Errorf("with %s between: body %q, want %q", between, a.Body, want)
		}
	}
}

// TestNamedLead: a lead the CMS names as its summary ("hometext" of
// NukeViet, "tom-tat" with a theme's suffix) begins the text, with a
// byline's element between it and the body's; an unnamed one right after
// an element holding the title alone (a SharePoint headline, no heading)
// too.
func TestNamedLead(t *testing.T) {
	const title = "Kinh tế - xã hội năm 2016 duy trì ổn định"
	const lead = "Ngày 22/12, UBND thành phố tổ chức hội nghị tổng kết nhiệm vụ phát triển kinh tế - xã hội năm 2016."
	const text = "Năm 2016, tổng thu ngân sách trên địa bàn đạt 11.754,9 tỷ đồng, đạt 96,7% dự toán tỉnh giao."
	for head, want := range map[string]string{
		`<h1 class="title">` + title + `</h1><div class="hometext m-bottom">` + lead + `</div><div class="nguon_tin">Tác giả: Minh Anh</div>`: lead + "\n\n" + text,
		`<h1 class="title">` + title + `</h1><div class="tom-tat-9">` + lead + `</div><div class="news-author-6">Tin/ảnh: Minh Anh</div>`:     lead + "\n\n" + text,
		`<div class="newsdetail__headline">` + title + `</div><div>` + lead + `</div>`:                                                        lead + "\n\n" + text,
		`<div class="newsdetail__headline">` + title + `</div><div>Ngày cập nhật 24/12/2016</div>`:                                            text,
		`<div class="newsdetail__headline">` + title + ` và nhiều tin khác</div><div>` + lead + `</div>`:                                      text,
	} {
		page := `<html><head><title>` + title + `</title></head><body><div class="post">` + head +
			`<div class="news-content"><p>` + text + `</p></div></div></body></html>`
		a, err := ExtractHTML([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		if a.Body != want {
			t.Errorf("with %s: body %q, want %q", head, a.Body, want)
		}
		if strings.Contains(head, "Minh Anh") && a.Byline == "" {
			t.Errorf("with %s: no byline", head)
		}
	}
}

// TestBylineOverNotes: a byline over the notes or references closing the
// text is the byline; the notes stay the article's.
func TestBylineOverNotes(t *testing.T) {
	text := []string{"Năm 2024, toàn huyện có 1.240 hộ thoát nghèo, đạt 103% kế hoạch.", "Hội nghị thống nhất các giải pháp trọng tâm năm 2025."}
	tests := []struct {
		tail   []string
		byline string
		body   []string
	}{
		{[]string{"Minh Anh", "(*) Bài viết tham gia Cuộc thi viết về gương điển hình tiên tiến năm 2024."}, "Minh Anh",
			[]string{"(*) Bài viết tham gia Cuộc thi viết về gương điển hình tiên tiến năm 2024."}},
		{[]string{"ThS. Nguyễn Thu Hà", "Tài liệu tham khảo:", "1. Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII, Nxb Chính trị quốc gia Sự thật, Hà Nội, 2021."}, "ThS. Nguyễn Thu Hà",
			[]string{"Tài liệu tham khảo:", "1. Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII, Nxb Chính trị quốc gia Sự thật, Hà Nội, 2021."}},
		// A note under the last paragraph, no byline: all text.
		{[]string{"(*) Số liệu ước thực hiện đến hết năm."}, "", []string{"(*) Số liệu ước thực hiện đến hết năm."}},
	}
	for _, tt := range tests {
		body, byline := finishBody(slices.Concat(text, tt.tail), "")
		if want := strings.Join(slices.Concat(text, tt.body), "\n\n"); body != want || byline != tt.byline {
			t.Errorf("finishBody(… %q) = %q, %q; want %q, %q", tt.tail, body, byline, want, tt.byline)
		}
	}
}

// TestCategoryThenByline: a meta line of the category, the byline and
// the day gives the byline alone.
func TestCategoryThenByline(t *testing.T) {
	for l, want := range map[string]string{
		"Kinh tế | Minh Anh | 12/03/2024 8:30:15 SA":                     "Minh Anh",
		"Kinh tế | Lê Hồng Nhung - Ban Tuyên giáo Huyện ủy | 12/03/2024": "Lê Hồng Nhung - Ban Tuyên giáo Huyện ủy",
		"Kinh tế | Ngân sách | 12/03/2024":                               "",
	} {
		got, _ := bylineThenDate(l)
		if ok := isMetaLine(l); want != "" && (!ok || got != want) {
			t.Errorf("bylineThenDate(%q) = %q (meta line %v), want %q", l, got, ok, want)
		}
		if want == "" && bareByline(l, "") != "" {
			t.Errorf("bareByline(%q) = %q, want none", l, bareByline(l, ""))
		}
	}
}

// TestDateAroundHeader: the day in an info table over the title, or in
// the CMS's info box opening the body's element.
func TestDateAroundHeader(t *testing.T) {
	const text = `<p>Năm 2024, tổng thu ngân sách trên địa bàn đạt 512 tỷ đồng, đạt 103% dự toán tỉnh giao, tăng 9% so với cùng kỳ.</p>`
	for name, page := range map[string]string{
		"info table over the title": `<html><body><div class="newsdetail"><table class="info"><tr><td><span>Đảng, đoàn thể</span></td></tr><tr><td><span>Ngày: 15 Tháng Một 2021 07:42:39 SA</span></td></tr></table>` +
			`<div class="headline">Huyện ủy tổng kết công tác xây dựng Đảng năm 2020</div><div class="ms-rtestate-field">` + text + `</div></div></body></html>`,
		"info box opening the body": `<html><body><div class="item-page"><h2 class="page-header">Huyện ủy tổng kết công tác xây dựng Đảng năm 2020</h2><div class="noi-dung">` +
			`<dl class="article-info"><dt>Chi tiết</dt><dd>Viết bởi Super User</dd><dd>Cập nhật: Thứ sáu, 15 Tháng 1 2021 07:42</dd></dl>` + text + `</div></div></body></html>`,
	} {
		a, err := ExtractHTML([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		if a.PublishedAt == nil || a.PublishedAt.Format("2006-01-02 15:04") != "2021-01-15 07:42" {
			t.Errorf("%s: date %v, want 2021-01-15 07:42", name, a.PublishedAt)
		}
	}
}

// TestTitleRepeatedBelow: the title repeated under the lead, and as the
// links of a related list (a yearly series keeps its title), is no text.
func TestTitleRepeatedBelow(t *testing.T) {
	const title = "Xã Đông Anh đẩy mạnh sản xuất vụ Đông"
	const lead = "Vụ Đông năm nay, toàn xã gieo trồng 587,4 ha cây vụ Đông, trong đó có 134,3 ha ngô và rau màu các loại."
	const text = "Năng suất lúa vụ Mùa ước đạt 64,8 tạ/ha."
	page := `<html><body><div class="itemDetail"><h1 class="titleNews">` + title + `</h1><div class="intro">` + lead + `</div>` +
		`<div class="content"><p>` + title + `</p><p><span style="font-family: Arial;">` + text + `</span></p></div>` +
		`<div class="postMeta"><span>Ngày cập nhật 28/11/2025</span> <span>Danh mục: Kinh tế - Chính trị</span> <span>Tác giả: Lê Thị Minh Trang</span></div>` +
		`<div class="sameCat"><h3>Tin liên quan</h3><ul><li><a href="/tin/83527">` + title + `</a></li><li><a href="/tin/83448">` + title + `</a></li></ul></div></div></body></html>`
	a, err := ExtractHTML([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if want := lead + "\n\n" + text; a.Body != want {
		t.Errorf("body %q, want %q", a.Body, want)
	}
	if a.Byline != "Tác giả: Lê Thị Minh Trang" && a.Byline != "Lê Thị Minh Trang" {
		t.Errorf("byline %q", a.Byline)
	}
	// A paragraph that opens with the title and says more is text.
	more := title + ": năm nay toàn xã gieo trồng thêm 52 ha ngô."
	a, err = ExtractHTML([]byte(strings.Replace(page, `<p>`+title+`</p>`, `<p>`+more+`</p>`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if want := lead + "\n\n" + more + "\n\n" + text; a.Body != want {
		t.Errorf("body %q, want %q", a.Body, want)
	}
}

// TestImprintIsNoText: a short article's text is its text, not the
// site's imprint closing the page in an element no class names, however
// many lines the imprint has.
func TestImprintIsNoText(t *testing.T) {
	const text = "Năng suất lúa vụ Mùa ước đạt 68,1 tạ/ha."
	page := `<html><body><div class="site"><div class="main"><div class="chiTiet"><h1 class="newsTitle">Xã Nghi Lộc đẩy mạnh sản xuất vụ Đông</h1>` +
		`<div class="noiDung"><p>` + text + `</p></div><div class="nguonTin">Lê Văn Sự - Văn phòng HĐND và UBND xã Nghi Lộc</div></div></div>` +
		`<div><p>Trang thông tin điện tử xã Nghi Lộc</p><p>Cơ quan chủ quản: Đảng ủy - HĐND - UBND xã Nghi Lộc</p><p>Địa chỉ: Khối 4, xã Nghi Lộc, Nghệ An</p>` +
		`<p>Điện thoại: 0238.3861.410 - Fax: 0238.3861.419 - Email: bbt@xanghiloc.nghean.gov.vn</p><p>Giấy phép số 153/GP-TTĐT do Sở Thông tin và Truyền thông Nghệ An cấp ngày 13/05/2015</p>` +
		`<p>Chịu trách nhiệm chính: Lê Quốc Toàn - Phó Chủ tịch UBND xã Nghi Lộc</p><p>Ghi rõ nguồn "Trang thông tin điện tử xã Nghi Lộc" khi phát hành lại thông tin từ website này.</p></div></div></body></html>`
	a, err := ExtractHTML([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if a.Body != text {
		t.Errorf("body %q, want %q", a.Body, text)
	}
}

// TestDateUnderText: the day in a meta line right under the text, with
// or without a label ("11 Tháng Năm 2025 07:39:52 SA" under the byline,
// "Ngày: (15/01/2021 07:42)" beside the views); the days of a related
// list under the text are other articles'.
func TestDateUnderText(t *testing.T) {
	const text = `<p>Năm 2024, tổng thu ngân sách trên địa bàn đạt 512 tỷ đồng, đạt 103% dự toán tỉnh giao, tăng 9% so với cùng kỳ.</p><p style="text-align: right;"><strong>Minh Anh</strong></p>`
	const related = `<div class="related"><h3>Tin cùng chuyên mục</h3><ul><li><a href="/tin/1">Hội nghị triển khai nhiệm vụ năm 2021 của Đảng bộ huyện</a> <span>(12/01/2021 08:00)</span></li>` +
		`<li><a href="/tin/2">Ra quân tổng vệ sinh môi trường đầu năm trên toàn huyện</a> <span>(05/01/2021 09:30)</span></li></ul></div>`
	for name, want := range map[string]string{
		`<table class="ms-formtable"><tr><td><span class="publish-date">15 Tháng Một 2021 07:42:39 SA</span></td></tr></table>`:       "2021-01-15 07:42",
		`<div class="timeView"><span>Đã xem: 1.237</span> • <span>Ngày: (15/01/2021 07:42)</span></div>`:                              "2021-01-15 07:42",
		`<div class="post_meta"><span>Danh mục: Kinh tế</span> | <span>15-01-2021 07:42</span> | <span>Số lần đọc: 1794</span></div>`: "2021-01-15 07:42",
		``: "none",
	} {
		page := `<html><body><div class="newsdetail"><h1 class="title">Huyện ủy tổng kết công tác xây dựng Đảng năm 2020</h1><div class="content">` + text + `</div>` + name + related + `</div></body></html>`
		a, err := ExtractHTML([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		got := "none"
		if a.PublishedAt != nil {
			got = a.PublishedAt.Format("2006-01-02 15:04")
		}
		if got != want {
			t.Errorf("%q under the text: date %s, want %s", name, got, want)
		}
	}
}

// TestUnitCredit: a unit credited alone closes a text naming no one; an
// event's name or a line with a day is no credit.
func TestUnitCredit(t *testing.T) {
	for l, want := range map[string]bool{
		"Văn phòng HĐND-UBND xã":    true,
		"Ban Tuyên giáo và Dân vận": true,
		"TTXVN":                     true,
		"Tác giả: Văn phòng HĐND-UBND phường - Nguồn: Văn phòng HĐND-UBND phường": true,
		"Hội nghị tổng kết năm (12/01/2024)":                                      false,
		"Hội thảo khoa học cấp huyện":                                             false,
		"Minh Anh - Trung tâm VH-TT huyện":                                        false,
		"Trung tâm Y tế huyện đã tiếp nhận 120 ca bệnh.":                          false,
		"Phó Chủ tịch UBND tỉnh trao quà cho các hộ nghèo":                        false,
		"Thứ trưởng Bộ Y tế làm việc với huyện":                                   false,
		"Tin liên quan":                   false,
		"Học sinh tham gia ngày hội":      false,
		"Phòng chống dịch sốt xuất huyết": false,
	} {
		if got := unitCredit(l); got != want {
			t.Errorf("unitCredit(%q) = %v, want %v", l, got, want)
		}
	}
}

// TestTitleWhenTagNamesSite: a portal whose <title> is its own name on
// every page gives the article's title in the heading, the element named
// as a title or the bold line alone nearest above the text; not in the
// head of a side column's box of links, nor the site's name.
func TestTitleWhenTagNamesSite(t *testing.T) {
	const title = "Tỉnh ủy tổng kết công tác xây dựng Đảng năm 2024, triển khai nhiệm vụ năm 2025"
	const text = `<p>Ngày 10/01, Ban Thường vụ Tỉnh ủy tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2024 với 120 đại biểu tham dự.</p><p>Năm 2024, toàn Đảng bộ kết nạp 3.120 đảng viên mới, đạt 104% kế hoạch; 92% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.</p>`
	side := `<div class="left"><div class="box"><div class="box-title">Văn bản chỉ đạo điều hành</div><ul><li><a href="/vb/1">Kế hoạch số 12/KH-UBND về chuyển đổi số năm 2025</a></li></ul></div></div>`
	for name, h := range map[string]string{
		"h2 tieu-de":      `<h2 class="tieu-de">` + title + `</h2>`,
		"span lblTitle":   `<span id="ctl00_ctl30_lblTitle" class="lbl">` + title + `</span>`,
		"p title-detail":  `<p class="title-detail">` + title + `</p>`,
		"h3 plain":        `<h3>` + title + `</h3>`,
		"div headline":    `<div class="headline">` + title + `</div>`,
		"strong":          `<div class="chi-tiet"><strong>` + title + `</strong></div>`,
		"logo h1 then h2": `LOGOH1<h2>` + title + `</h2>`,
	} {
		page := `<html><head><title>Cổng thông tin điện tử tỉnh Lào Cai</title></head><body><div class="header"><a href="/">Cổng thông tin điện tử tỉnh Lào Cai</a><ul class="menu"><li><a href="/tin-tuc">Tin tức</a></li></ul></div>` + side +
			`<div class="main">` + h + `<div class="date">10/01/2025 08:30</div><div class="noi-dung">` + text + `</div>` +
			`<h3 class="comment-title">Gửi ý kiến của bạn về bài viết này</h3><form><textarea name="y-kien"></textarea></form></div></body></html>`
		page = strings.Replace(page, `<a href="/">Cổng thông tin điện tử tỉnh Lào Cai</a>`, map[bool]string{true: `<h1 class="logo"><a href="/">Cổng thông tin điện tử tỉnh Lào Cai</a></h1>`, false: `<a href="/">Cổng thông tin điện tử tỉnh Lào Cai</a>`}[strings.HasPrefix(h, "LOGOH1")], 1)
		page = strings.Replace(page, "LOGOH1", "", 1)
		a, _ := ExtractHTML([]byte(page))
		if a.Title != title {
			t.Errorf("%s: title %q, want %q", name, a.Title, title)
		}
	}
}
