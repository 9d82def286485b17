package page

import (
	"testing"
)

func TestNamesCategory(t *testing.T) {
	for v, want := range map[string]bool{
		"category-3": true, "post-cat": true, "lblCate": true, "hlCategory": true, "chuyen-muc": true, "news_danhmuc": true,
		"entry-categories": true, "cat": true, "catalog": false, "location": false, "certificate": false, "scatter": false,
		"education": false, "category_title": true, "ctl00_hlCategory": true, "dupliCate": true, "communicate": false,
	} {
		if got := namesCategory(v); got != want {
			t.Errorf("namesCategory(%q) = %v, want %v", v, got, want)
		}
	}
}

// categoryPage is an article page whose meta line holds the given markup,
// under a menu whose items are sections too.
func categoryPage(meta, beforeTitle string) []byte {
	return []byte(`<html><head><title>Thu ngân sách năm 2019 vượt dự toán</title></head><body>
<div class="top"><ul class="menu"><li class="cat-item"><a href="/c/1">Xây dựng Đảng</a></li><li class="cat-item"><a href="/c/2">Phát triển kinh tế</a></li><li class="cat-item"><a href="/c/3">Văn hóa - Xã hội</a></li></ul></div>
<div class="post">` + beforeTitle + `<h1>Thu ngân sách năm 2019 vượt dự toán</h1>
<div class="entry-meta">` + meta + `</div>
<div class="entry-content"><p>Tổng thu ngân sách nhà nước trên địa bàn năm 2019 đạt 1.250 tỷ đồng, bằng 112% dự toán năm, tăng 9% so với cùng kỳ.</p>
<p>Chi ngân sách địa phương đạt 980 tỷ đồng, bảo đảm các nhiệm vụ chính trị của huyện trong năm.</p>
<p>Huyện tiếp tục đẩy mạnh cải cách hành chính, 12.500 hồ sơ được giải quyết đúng hạn qua bộ phận một cửa.</p></div></div></body></html>`)
}

// TestCategoryMarkup: the category as real templates show it, in an
// element a class names in any scheme, or only by its label; never a
// tool's link.
func TestCategoryMarkup(t *testing.T) {
	for _, c := range []struct{ name, meta, before, want string }{
		{"class word", `<span class="label-cat">Phát triển kinh tế</span> <span>Đăng ngày 07/01/2020</span>`, "", "Phát triển kinh tế"},
		{"camel case id", `<span id="ctl00_hlCategory">Văn hóa - Xã hội</span> <span>07/01/2020</span>`, "", "Văn hóa - Xã hội"},
		{"label kept whole before a date", `<span class="category">Danh mục: Kinh tế - Chính trị</span>  <span>14:52 30/12/2023  Lượt xem: 599</span>`, "", "Kinh tế - Chính trị"},
		{"English label", `<span class="x">Category: Economy</span> | <span>Publish date 26/06/2017</span>`, "", "Economy"},
		{"print link before the title", `<span>Thứ tư - 13/12/2017 08:51</span>`, `<ul class="tools"><li><a href="#">Email</a></li><li><a href="#">In</a></li></ul>`, ""},
	} {
		a, err := ExtractWith(categoryPage(c.meta, c.before), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Category != c.want {
			t.Errorf("%s: category %q, want %q", c.name, a.Category, c.want)
		}
	}
}

func TestMenuFieldOpensLine(t *testing.T) {
	links := map[string]bool{"Tin Đảng": true, "Tin Đảng - Đoàn thể": true, "Kinh tế": true}
	if got := menuField("Tin Đảng - Đoàn thể Tác giả: Minh Anh Đăng ngày 14/01/2018", links); got != "Tin Đảng - Đoàn thể" {
		t.Errorf("menuField = %q, want the longest section opening the line", got)
	}
	if got := menuField("Kinh tếđ 14/01/2018", links); got != "" {
		t.Errorf("menuField = %q, want none (no word boundary)", got)
	}
}

func TestMetaLineShapes(t *testing.T) {
	for l, want := range map[string]bool{
		"Văn hóa - Xã hội Tác giả: Minh Anh Tháng Một 11, 2021 bởi quantri":           true,
		"09/03/2024 | Bùi Ngọc Lan/Phòng Văn hóa và Thông tin huyện":                  true,
		"13/03/2024 | Trần Văn Bình – Vũ Thanh Tâm":                                   true,
		"12/03/2024 | Tin, ảnh: Nguyễn Thu Hà":                                        true,
		"Ngày 12/03/2024, huyện tổ chức hội nghị tổng kết công tác với 120 đại biểu.": false,
		"12/03/2024 | Huyện tổ chức hội nghị tổng kết":                                false,
	} {
		if got := isMetaLine(l); got != want {
			t.Errorf("isMetaLine(%q) = %v, want %v", l, got, want)
		}
	}
}

// TestEnglishDates: the English sections of portals write the month's
// name.
func TestEnglishDates(t *testing.T) {
	for l, want := range map[string]string{
		"March 9, 2024":                     "2024-03-09 00:00",
		"Posted on Tuesday, March 05, 2024": "2024-03-05 00:00",
		"Mar 09 2024":                       "2024-03-09 00:00",
		"9 March 2024 08:30":                "2024-03-09 08:30",
		"Sep. 21st, 2023 2:05 PM":           "2023-09-21 14:05",
	} {
		d, ok := parseDateLine(l)
		if !ok || d.Format("2006-01-02 15:04") != want {
			t.Errorf("parseDateLine(%q) = %v %v, want %s", l, d, ok, want)
		}
	}
	if _, ok := parseDateLine("Huyện có 12 xã"); ok {
		t.Error("a line without a date read as one")
	}
	for l, want := range map[string]map[string]string{
		"Posted by Minh Anh on March 12, 2024/Number of views (411)": {"byline": "Minh Anh on March 12, 2024", "views": "Number of views (411)"},
		"Viết bởi Thu Hà | 12/03/2024":                               {"byline": "Thu Hà"},
	} {
		m := metaFields(l)
		for k, v := range want {
			if m[k] != v {
				t.Errorf("metaFields(%q)[%s] = %q, want %q", l, k, m[k], v)
			}
		}
	}
}

// TestMetaLineByline: the byline a meta line holds, whatever sets its
// fields apart.
func TestMetaLineByline(t *testing.T) {
	for l, want := range map[string]string{
		"Tác giả: Minh Anh 123 lượt xem":               "Minh Anh",
		"11/03/2024 Minh Anh 123 lượt xem":             "Minh Anh",
		"11/03/2024 08:30 Minh Anh":                    "Minh Anh",
		"Minh Anh | 11/03/2024 | 123 lượt xem":         "Minh Anh",
		"11/03/2024 - Minh Anh - 123 lượt xem":         "Minh Anh",
		"Kinh tế 11/03/2024 123 lượt xem":              "",
		"Tác giả: MINH ANH - 11/03/2024 - Lượt xem: 5": "MINH ANH",
	} {
		got := metaFields(l)["byline"]
		if got == "" {
			got = bareByline(l, "")
		}
		if got != want {
			t.Errorf("byline of %q = %q, want %q", l, got, want)
		}
	}
}

// TestPosterIsFallback: the uploader's account under its label is the
// byline only when nothing else names an author.
func TestPosterIsFallback(t *testing.T) {
	if m := metaFields("12/03/2024 | Người đăng: Nguyễn Văn Nam | Lượt xem: 12"); m["poster"] != "Nguyễn Văn Nam" || m["byline"] != "" {
		t.Errorf("metaFields = %v, want the uploader as poster", m)
	}
	page := func(closing string) []byte {
		return []byte(`<html><body><h1>Huyện tổng kết công tác năm 2024</h1><div class="meta">12/03/2024 | <span class="author">Người đăng: Nguyễn Văn Nam</span></div>
<div class="content"><p>Năm 2024, tổng thu ngân sách trên địa bàn huyện đạt 1.250 tỷ đồng, bằng 112% dự toán năm.</p>
<p>Huyện đã giải quyết đúng hạn 12.500 hồ sơ thủ tục hành chính qua bộ phận một cửa trong năm.</p>` + closing + `</div></body></html>`)
	}
	a, _ := ExtractWith(page(`<p style="text-align:right"><strong>Minh Anh</strong></p>`), Options{})
	if a.Byline != "Minh Anh" {
		t.Errorf("with a closing byline: byline %q, want Minh Anh", a.Byline)
	}
	a, _ = ExtractWith(page(""), Options{})
	if a.Byline != "Nguyễn Văn Nam" {
		t.Errorf("without one: byline %q, want the uploader", a.Byline)
	}
}
