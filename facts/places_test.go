package facts

import "testing"

// TestPlacesFromText: a unit is read from the text only when the gazetteer
// has it and the words around make it one; a person's name after "Huyện
// ủy" is not a place, and a name never runs across a paragraph break.
func TestPlacesFromText(t *testing.T) {
	tests := []struct {
		name, title, body  string
		district, province string
	}{
		{"a person after Huyện ủy", "Hội nghị", "Đồng chí Bí thư Huyện ủy Nguyễn Văn Hùng phát biểu.", "", ""},
		{"a person, then the unit", "Hội nghị", "Phó Bí thư Huyện ủy Nguyễn Văn Hùng dự hội nghị của UBND huyện Gia Lâm.", "Gia Lâm", "Hà Nội"},
		{"a name across a paragraph break", "Tin", "Đoàn công tác về huyện\nGia Lâm làm việc.", "", ""},
		{"the unit with more capitals after it", "Tin", "Huyện ủy Thanh Trì Nguyễn Văn An dự.", "Thanh Trì", "Hà Nội"},
		{"a province", "Tin", "Đoàn của tỉnh Bắc Ninh thăm mô hình.", "", "Bắc Ninh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, p := Places("", "", "", tt.title, tt.body)
			if d != tt.district || p != tt.province {
				t.Errorf("Places = %q, %q; want %q, %q", d, p, tt.district, tt.province)
			}
		})
	}
}
