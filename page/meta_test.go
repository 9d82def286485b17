package page

import "testing"

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
