package facts

import (
	"slices"
	"testing"
)

func TestParseByline(t *testing.T) {
	tests := []struct {
		name, line string
		want       []string // author names; nil: not a byline of a person
	}{
		{"bare name", "Hoàng Thị Thu Thủy", []string{"Hoàng Thị Thu Thủy"}},
		{"share links", "Print Facebook", nil},
		{"the day after a space", "Minh Anh 11/03/2024 08:30", []string{"Minh Anh"}},
		{"two names, the day after a space", "Minh Anh - Thu Hà 11/03/2024 08:30:00 SA", []string{"Minh Anh", "Thu Hà"}},
		{"a weekday after a space", "Minh Anh Thứ Hai, 11/03/2024", []string{"Minh Anh"}},
		{"an English role", "Web Master", nil},
		{"a role title-cased", "Phóng Viên", nil},
		{"a clerk's account", "Văn Thư", nil},
		{"a pen name without diacritics", "Minh Anh", []string{"Minh Anh"}},
		{"a Khmer name", "Thạch Sô Phết", []string{"Thạch Sô Phết"}},
		{"name and unit", "Hoàng Thị Thu Thủy - Tuyên giáo Thanh Trì", []string{"Hoàng Thị Thu Thủy"}},
		{"all caps", "NGUYỄN VĂN HÙNG", []string{"Nguyễn Văn Hùng"}},
		{"two names by a dash", "Minh Anh – Thu Hà", []string{"Minh Anh", "Thu Hà"}},
		{"two names by và", "Thu Hiếu và Hồ Đức Khánh", []string{"Thu Hiếu", "Hồ Đức Khánh"}},
		{"two names by a comma", "Nguyễn Văn An, Trần Thị Bình", []string{"Nguyễn Văn An", "Trần Thị Bình"}},
		{"label", "Tác giả: Hồ Thị Hoa", []string{"Hồ Thị Hoa"}},
		{"label with a spaced colon", "Tác giả : Hồ Thị Hoa", []string{"Hồ Thị Hoa"}},
		{"the news poster's label", "Người đưa tin: Hồ Thị Hoa", []string{"Hồ Thị Hoa"}},
		{"the writer of the piece", "Người viết bài: Hồ Thị Hoa", []string{"Hồ Thị Hoa"}},
		{"photographs and text", "Ảnh và bài: Hồ Thị Hoa", []string{"Hồ Thị Hoa"}},
		{"news item", "Tin bài: Hồ Thị Hoa", []string{"Hồ Thị Hoa"}},
		{"English CMS label", "Posted by: Minh Anh", []string{"Minh Anh"}},
		{"initialled", "N.Hà", []string{"N.Hà"}},
		{"posted by, on a day", "Posted by Minh Anh on Thứ Hai, 11/03/2024", []string{"Minh Anh"}},
		{"đăng bởi, at a time", "Đăng bởi Minh Anh vào lúc 08:30 11/03/2024", []string{"Minh Anh"}},
		{"a day after a comma", "Minh Anh, 11/03/2024", []string{"Minh Anh"}},
		{"a day in parentheses", "Minh Anh (11/03/2024)", []string{"Minh Anh"}},
		{"a unit, then the day", "Minh Anh - Trung tâm VH ngày 11/03/2024", []string{"Minh Anh"}},
		{"bài viết label", "Bài viết: Minh Anh", []string{"Minh Anh"}},
		{"thực hiện label", "Thực hiện: Minh Anh", []string{"Minh Anh"}},
		{"a less common surname", "Đồng Sỹ Nguyên", []string{"Đồng Sỹ Nguyên"}},
		{"a Thái surname", "Cầm Bá Thước", []string{"Cầm Bá Thước"}},
		{"a Hmong name", "Mùa A Sùng", []string{"Mùa A Sùng"}},
		{"a Khmer surname", "Sơn Ngọc Thành", []string{"Sơn Ngọc Thành"}},
		{"initialled with a space", "T. Lâm", []string{"T. Lâm"}},
		{"initialled digraph", "Ng.Hương", []string{"Ng.Hương"}},
		{"two initialled", "Q.Anh - T.Hà", []string{"Q.Anh", "T.Hà"}},
		{"initialled after a label", "Bài, ảnh: T.Lâm", []string{"T.Lâm"}},
		{"initials only", "H.Y", nil},
		{"a city, abbreviated", "TP. Hà Nội", nil},
		{"an account's display name", "Quản Trị", nil},
		{"an office", "Văn Phòng", nil},
		{"poster label", "Người đăng: Minh Anh", []string{"Minh Anh"}},
		{"contributor label", "Cộng tác viên: Minh Anh", []string{"Minh Anh"}},
		{"source after the name", "Tác giả: Hoàng Hà, Nguồn: Báo Tuyên Quang", []string{"Hoàng Hà"}},
		{"reporter label", "PV: Hải Tâm", []string{"Hải Tâm"}},
		{"reporter mark", "Hải Tâm (PV)", []string{"Hải Tâm"}},
		{"news and photos", "Tin, ảnh: Thu Hiếu", []string{"Thu Hiếu"}},
		{"writer", "Người viết: Đỗ Phương Trang", []string{"Đỗ Phương Trang"}},
		{"theo a person", "Theo Minh Anh (Báo Hà Nội mới)", []string{"Minh Anh"}},
		{"label and theo", "Tác giả: Theo Thu Long (Báo Hồ Chí Minh)", []string{"Thu Long"}},
		{"english label", "Author: Hồng Sự (PV)", []string{"Hồng Sự"}},
		{"posted by", "Đăng bởi: Minh Anh – Thu Hà", []string{"Minh Anh", "Thu Hà"}},
		{"written by", "Viết bởi Nguyễn Thu Hà", []string{"Nguyễn Thu Hà"}},
		{"cms account", "Viết bởi Super User", nil},
		{"cms account with label", "Tác giả: Administrator Account", nil},
		{"system account", "System Account", nil},
		{"source only", "Nguồn: Ban Tuyên giáo Huyện ủy", nil},
		{"theo a body", "Theo Trung tâm Văn hóa và Thể thao huyện", nil},
		{"unit with và", "Trung tâm Văn hóa và Thể thao", nil},
		{"caption", "Ảnh: Quang cảnh hội nghị", nil},
		{"weekday", "Chủ Nhật, ngày 29/06/2025", nil},
		{"a sentence with a credit in it", "Huyện phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 4,9%. Tin, ảnh: Thanh Anh", nil},
		{"name and day", "Thu Hà – Minh Anh | ngày 12/03/2024", []string{"Thu Hà", "Minh Anh"}},
		{"title before the name", "PGS.TS Phạm Ngọc Nhung (Trung tâm Chính trị thị xã)", []string{"Phạm Ngọc Nhung"}},
		{"writer and photographer", "Bài: Hồng Long; ảnh: Thanh Hà", []string{"Hồng Long", "Thanh Hà"}},
		{"three names", "Minh Anh - Thu Hà - Hồng Sự", []string{"Minh Anh", "Thu Hà", "Hồng Sự"}},
		{"label without a colon", "CTV Đức Khánh", []string{"Đức Khánh"}},
		{"name of the Central Highlands", "H'Hen Niê - Báo Đắk Lắk", []string{"H'Hen Niê"}},
		{"a team", "Nhóm PV", nil},
		{"source in parentheses", "(Theo Báo Bình Dương)", nil},
		{"news - photos", "Tin - ảnh: Thu Hiếu", []string{"Thu Hiếu"}},
		{"label and name by a dash", "Tác giả - Minh Anh", []string{"Minh Anh"}},
		{"label cell and name cell", "Tác giả | Minh Anh", []string{"Minh Anh"}},
		{"a label's dash, then a unit's", "Người viết bài - Minh Anh - Phòng VHTT", []string{"Minh Anh"}},
		{"article and photos", "Bài viết và ảnh: Minh Anh", []string{"Minh Anh"}},
		{"names by an ampersand", "Minh Anh & Thu Hà", []string{"Minh Anh", "Thu Hà"}},
		{"names by a dash without spaces", "Minh Anh-Thu Hà", []string{"Minh Anh", "Thu Hà"}},
		{"names by an en dash without spaces", "Nguyễn Văn An–Lê Thị Bình", []string{"Nguyễn Văn An", "Lê Thị Bình"}},
		{"a name in brackets", "[Minh Anh]", []string{"Minh Anh"}},
		{"a name in quotes", "“Minh Anh”", []string{"Minh Anh"}},
		{"a unit joined by a dash", "Minh Anh-Phòng VHTT", []string{"Minh Anh"}},
		{"an editor is no author", "Biên tập: Minh Anh", nil},
		{"Mr before a surname", "Ông Nguyễn Văn An", []string{"Nguyễn Văn An"}},
		{"Mrs before a surname", "Bà Lê Thị Hà", []string{"Lê Thị Hà"}},
		{"Ông is a surname too", "Ông Văn Tùng", []string{"Ông Văn Tùng"}},
		{"a writer", "Nhà văn Nguyễn Văn An", []string{"Nguyễn Văn An"}},
		{"a specialist doctor", "ThS.BSCKI Nguyễn Văn An", []string{"Nguyễn Văn An"}},
		{"a doctor, the specialty apart", "Bác sĩ CKII Lê Văn Hà", []string{"Lê Văn Hà"}},
		{"a teacher", "Giáo viên Nguyễn Thị An", []string{"Nguyễn Thị An"}},
		{"an artist's title", "NSƯT Lê Văn Hà", []string{"Lê Văn Hà"}},
		{"the middle name typed small", "Nguyễn văn An", []string{"Nguyễn Văn An"}},
		{"a day in parentheses, no space before them", "Minh Anh(11/03/2024)", []string{"Minh Anh"}},
		{"notes, labelled", "Ghi chép: Lê Hồng Nhung", []string{"Lê Hồng Nhung"}},
		{"the news's source a person", "Nguồn tin: Minh Anh (Đài TT-TH huyện)", []string{"Minh Anh"}},
		{"the news's source a body", "Nguồn tin: Báo Quảng Ninh", nil},
		{"a person after the source", "Nguồn: Báo Hà Tĩnh | Minh Anh - Phòng Văn hóa và Thông tin huyện", []string{"Minh Anh"}},
		{"persons after the source", "Nguồn: Báo Hà Tĩnh - Phạm Quốc Toàn - Minh Anh", []string{"Phạm Quốc Toàn", "Minh Anh"}},
		{"a labelled person after the source", "Nguồn: Báo Hà Tĩnh | Tác giả: Lê Hồng Nhung", []string{"Lê Hồng Nhung"}},
		{"a source with a dash in its name", "Nguồn: Sở Văn hóa - Thể thao", nil},
		{"English names joined by and", "By Trần Văn Bình and Hoàng Thị Mai", []string{"Trần Văn Bình", "Hoàng Thị Mai"}},
		{"a source and its section", "Theo Báo Hà Tĩnh - Chuyên mục Kinh tế", nil},
		{"notes by", "Ghi chép của Đặng Minh Quân", []string{"Đặng Minh Quân"}},
		{"a reportage by", "Phóng sự của Minh Anh", []string{"Minh Anh"}},
		{"titles apart by a comma, in capitals", "PGS, TS THU HƯƠNG", []string{"Thu Hương"}},
		{"collected by", "Sưu tầm: Hà Linh", []string{"Hà Linh"}},
		{"a source's field after the name, no separator", "Tác giả: Minh Anh Nguồn: Báo Quảng Ninh", []string{"Minh Anh"}},
		{"an approver's field after the writer's", "Người viết: Minh Anh Người duyệt: Lê Văn Tám", []string{"Minh Anh"}},
		{"a photographer's field after the writer's", "Tin: Minh Anh Ảnh: Thu Hà", []string{"Minh Anh", "Thu Hà"}},
		{"English fields", "Author: Minh Anh Date: 12/03/2024", []string{"Minh Anh"}},
		{"posted in a category", "Posted by Minh Anh in Tin tức on 12/03/2024", []string{"Minh Anh"}},
		{"the author's name, labelled", "Tên tác giả: Minh Anh", []string{"Minh Anh"}},
		{"a label of two parts", "Nguồn tin/Tác giả: Minh Anh", []string{"Minh Anh"}},
		{"a label of two parts, the author's first", "Tác giả/Người đăng: Minh Anh", []string{"Minh Anh"}},
		{"the sender of the news", "Người gửi: Minh Anh", []string{"Minh Anh"}},
		{"the compiler", "Người biên soạn: Minh Anh", []string{"Minh Anh"}},
		{"the creator's account", "Người tạo: Minh Anh", []string{"Minh Anh"}},
		{"the creator's account in English", "Created by: Minh Anh", []string{"Minh Anh"}},
		{"a day in brackets", "Minh Anh [12/03/2024]", []string{"Minh Anh"}},
		{"an unknown label alone", "Người duyệt: Lê Văn Tám", nil},
		{"a heading's label", "Thông báo: Hội nghị tổng kết năm 2024", nil},
		{"a label of two parts, neither a byline's", "Chuyên mục/Lĩnh vực: Kinh tế", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range ParseByline(tt.line) {
				got = append(got, a.Name)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ParseByline(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestIsUnitLinePositions(t *testing.T) {
	for _, l := range []string{"Phó Bí thư Thường trực Huyện ủy", "Giám đốc Trung tâm VH-TT", "Trưởng phòng Nội vụ", "Chuyên viên Phòng Tài chính",
		"Học viện Chính trị quốc gia Hồ Chí Minh", "Chánh Văn phòng HĐND và UBND"} {
		if !IsUnitLine(l) {
			t.Errorf("IsUnitLine(%q) = false, want true", l)
		}
	}
}

func TestIsUnitLine(t *testing.T) {
	for l, want := range map[string]bool{
		"Trung tâm VH-TT huyện":                 true,
		"Phòng Văn hóa và Thông tin":            true,
		"Văn phòng HĐND-UBND xã":                true,
		"BTG&DV Đảng ủy xã":                     true,
		"Văn Hùng":                              false,
		"Ban Tuyên giáo Huyện ủy":               true,
		"Minh Anh":                              false,
		"Trung tâm đã tổ chức 12 lớp tập huấn.": false,
		"trung tâm văn hóa":                     false,
	} {
		if got := IsUnitLine(l); got != want {
			t.Errorf("IsUnitLine(%q) = %v, want %v", l, got, want)
		}
	}
}
