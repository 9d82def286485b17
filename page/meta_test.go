package page

import (
	"strings"
	"testing"
)

func TestMetaFields(t *testing.T) {
	tests := []struct {
		line                          string
		category, byline, date, views string
	}{
		{"Chuyên mục: Văn hóa, xã hội - Tác giả: Phương Thảo – Thanh Linh - Ngày xuất bản: 25/06/2025 09:28:49 SA",
			"Văn hóa, xã hội", "Phương Thảo – Thanh Linh", "Ngày xuất bản: 25/06/2025 09:28:49 SA", ""},
		{"Ngày đăng: 18/03/2020 | Lượt xem: 1.759", "", "", "Ngày đăng: 18/03/2020", "Lượt xem: 1.759"},
		{"Tin, ảnh: Thu Hiếu", "", "Thu Hiếu", "", ""},
		{"Danh mục: Kinh tế - Ngân sách | 25-01-2023 12:25 | Số lần đọc: 1794", "Kinh tế - Ngân sách", "", "", "Số lần đọc: 1794"},
		{"Chuyên mục: Đảng, đoàn thể - 08/06/2025 - Tác giả: Thu Hà", "Đảng, đoàn thể", "Thu Hà", "", ""},
		{"Đăng ngày 18/05/2025 Tác giả: Quốc Linh – Hồng Tâm bởi quantri", "", "Quốc Linh – Hồng Tâm", "Đăng ngày 18/05/2025", ""},
		{"Chuyên mục: Tin tức / Ngày cập nhật 26/03/2026", "Tin tức", "", "Ngày cập nhật 26/03/2026", ""},
		{"Chuyên mục: Kinh tế - Chính trị | Lượt xem 1.204", "Kinh tế - Chính trị", "", "", "Lượt xem 1.204"},
		{"Tác giả: Minh Anh / Số lượt xem (1523) / Bình luận (0)", "", "Minh Anh", "", "Số lượt xem (1523)"},
		{"Posted by: Minh Anh | Nguồn: Báo Hà Nội mới", "", "Minh Anh", "", ""},
		{"Điện thoại: 0274.3822.561", "", "", "", ""},
		{"Kinh tế - xã hội năm 2020", "", "", "", ""},
	}
	for _, tt := range tests {
		got := metaFields(tt.line)
		if got["category"] != tt.category || got["byline"] != tt.byline || got["date"] != tt.date || got["views"] != tt.views {
			t.Errorf("metaFields(%q) = %q", tt.line, got)
		}
	}
}

// TestPosterAfterTime: "bởi" names the account that posted or updated the
// article right after the time it did, and only there.
func TestPosterAfterTime(t *testing.T) {
	for line, want := range map[string]string{
		"Cập nhật lúc 8:30:15 SA, 12/03/2024 bởi Nguyễn Thu Hà":          "Nguyễn Thu Hà",
		"Tháng Một 11, 2021 bởi quantri":                                 "quantri",
		"Công trình được xây dựng từ năm 2024 bởi Công ty Minh Anh":      "",
		"Ngày 12/3/2024, bởi mưa lớn kéo dài nhiều tuyến đường bị ngập":  "",
		"12/03/2024 Bởi Minh Anh":                                        "Minh Anh",
		"Cập nhật: 12/03/2024 bồi dưỡng":                                 "",
		"Đăng ngày 18/05/2025 Tác giả: Quốc Linh – Hồng Tâm bởi quantri": "",
		"Hội nghị được tổ chức bởi UBND huyện":                           "",
		"Năm 2024, 12 công trình được khởi công bởi các doanh nghiệp":    "",
	} {
		if got := metaFields(line)["poster"]; got != want {
			t.Errorf("metaFields(%q)[poster] = %q, want %q", line, got, want)
		}
	}
}

func TestCrumbCategory(t *testing.T) {
	for in, want := range map[string]string{
		"Trang chủ » Tin Đảng - Đoàn thể":     "Tin Đảng - Đoàn thể",
		"Trang chủ > Kinh tế":                 "Kinh tế",
		"Home / Economy / Title of the piece": "Economy",
		"Tin tức » Kinh tế":                   "",
	} {
		if got := crumbCategory(in, "Title of the piece"); got != want {
			t.Errorf("crumbCategory(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBareByline(t *testing.T) {
	tests := []struct {
		name, line, category, want string
	}{
		{"between date and views", "12/03/2020 08:30 | Minh Anh – Thu Hà | Lượt xem: 120", "", "Minh Anh – Thu Hà"},
		{"spaced", "Thứ ba, 12/03/2020  Nguyễn Văn Hùng  120 lượt xem", "", "Nguyễn Văn Hùng"},
		{"category is not a byline", "Văn Hóa - Xã Hội | 12/03/2020", "Văn Hóa - Xã Hội", ""},
		{"not a meta line", "Minh Anh | Thu Hà", "", ""},
		{"labelled fields only", "Ngày đăng: 12/03/2020 | Lượt xem: 120", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bareByline(tt.line, tt.category); got != tt.want {
				t.Errorf("bareByline(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

// TestLinkedData: the author and publish time a page's JSON-LD gives
// are read when its text shows neither; what is no article, no person
// or no JSON names nobody.
func TestLinkedData(t *testing.T) {
	const text = `<h1>Hội nghị sơ kết công tác quý I năm 2024</h1><div class="content"><p>Sáng ngày 12/3, UBND huyện tổ chức hội nghị sơ kết công tác quý I với 120 đại biểu tham dự, đánh giá kết quả thực hiện nhiệm vụ.</p><p>Tổng thu ngân sách trên địa bàn ước đạt 245 tỷ đồng, bằng 31% dự toán năm, tăng 12% so với cùng kỳ.</p></div>`
	tests := []struct {
		name, ld, byline, published string
	}{
		{"a news article in a graph, persons", `{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Cổng TTĐT"},{"@type":"NewsArticle","datePublished":"2024-03-12T08:30:00+07:00","author":[{"@type":"Person","name":"Minh Anh"},{"@type":"Person","name":"Thu Hà"}]}]}`,
			"Minh Anh, Thu Hà", "2024-03-12 08:30"},
		{"types in a list, the author a name, a time without its zone", `[{"@type":["Article","WebPage"],"author":"Nguyễn Văn An","datePublished":"2024-03-12T08:30:00"}]`,
			"Nguyễn Văn An", "2024-03-12 08:30"},
		{"an agency is no author", `{"@type":"NewsArticle","author":{"@type":"Organization","name":"Báo Hà Nội mới"},"datePublished":"2024-03-12"}`,
			"", "2024-03-12 00:00"},
		{"a web page is no article", `{"@type":"WebPage","author":"Nguyễn Văn An","datePublished":"2024-03-12"}`, "", ""},
		{"no JSON", `{"@type":"NewsArticle","author":`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := `<html><head><title>x</title><script type="application/ld+json">` + tt.ld + `</script></head><body>` + text + `</body></html>`
			a, err := ExtractHTML([]byte(h))
			if err != nil {
				t.Fatal(err)
			}
			published := ""
			if a.PublishedAt != nil {
				published = a.PublishedAt.Format("2006-01-02 15:04")
			}
			if a.Byline != tt.byline || published != tt.published {
				t.Errorf("byline %q, published %q; want %q, %q", a.Byline, published, tt.byline, tt.published)
			}
			if strings.Contains(a.Body, "@type") || !strings.HasPrefix(a.Body, "Sáng ngày 12/3") {
				t.Errorf("body %q", a.Body)
			}
		})
	}
}

// TestInfoBarBylines: the byline of an info bar's line, its fields apart
// by icons or separators, the count an icon labels after it; a byline
// whole then its day, the names a dash joins not split; a gold table
// written from real portals' info bars and meta lines.
func TestInfoBarBylines(t *testing.T) {
	for line, want := range map[string]string{
		"07:56 09/03/2024 Bùi Ngọc Lan 208":                                    "Bùi Ngọc Lan",
		"09/03/2024 3:56:44 CH  Minh Anh  345":                                 "Minh Anh",
		"12/03/2024 08:30 Minh Anh - Trung tâm VH-TT huyện 345":                "Minh Anh - Trung tâm VH-TT huyện",
		"12/03/2024 08:30 Minh Anh - Thu Hà 345":                               "Minh Anh - Thu Hà",
		"07:56 09/03/2024 Bùi Ngọc Lan Lượt xem: 208":                          "Bùi Ngọc Lan",
		"11:38 15/03/2024 | Trần Văn Bình (Trung tâm TT-VH huyện) | 214":       "Trần Văn Bình (Trung tâm TT-VH huyện)",
		"Lê Hồng Nhung - Ban Tuyên giáo Huyện ủy | 11/03/2024 7:10:10 SA":      "Lê Hồng Nhung - Ban Tuyên giáo Huyện ủy",
		"Minh Anh - Phòng Văn hóa và Thông tin huyện | 15/03/2024 11:38:02 SA": "Minh Anh - Phòng Văn hóa và Thông tin huyện",
		"Minh Anh - Thu Hà (12/03/2024)":                                       "Minh Anh - Thu Hà",
		"Minh Anh (12/03/2024)":                                                "Minh Anh",
		"Tác giả: Minh Anh (12/03/2024)":                                       "Tác giả: Minh Anh",
		"Nguyễn Thu Hà, Trần Văn Bình (12/03/2024)":                            "Nguyễn Thu Hà, Trần Văn Bình",
		"Văn hóa - Xã hội | 12/03/2020 | 1.204":                                "",
	} {
		if got := bareByline(line, ""); got != want {
			t.Errorf("bareByline(%q) = %q, want %q", line, got, want)
		}
	}
	if got := metaFields("12/03/2024 08:30 Tác giả: Minh Anh 345")["byline"]; got != "Minh Anh" {
		t.Errorf("the labelled byline before an icon's count: %q, want %q", got, "Minh Anh")
	}
}

// TestCreditWithoutPerson: a team or a role credited alone closes the
// text as its byline, naming no author.
func TestCreditWithoutPerson(t *testing.T) {
	for line, want := range map[string]bool{"PV": true, "Nhóm PV": true, "CTV": true, "Phóng viên": true, "Ban Biên tập": true,
		"PV Minh Anh": false, "Phường Thanh Xuân": false, "Hội nghị kết thúc thành công.": false} {
		if got := isSourceLine(line); got != want {
			t.Errorf("isSourceLine(%q) = %v, want %v", line, got, want)
		}
	}
}
