package facts

import "github.com/dra-archive/dra/vietnamese"

import "testing"

// TestHardCases: the phrasings issue 12 found on portals DRA was not tuned
// to, each read as a reader of the sentence would.
func TestHardCases(t *testing.T) {
	tests := []struct {
		name, body string
		value      float64
		unit, kind string
		plan       float64 // 0: none
	}{
		{"đ/c is đồng chí", "Toàn huyện có 12 đ/c được khen thưởng.", 12, "đồng chí", "count", 0},
		{"a space before %", "Có 67,5 % cán bộ tham dự.", 67.5, "cán bộ", "percent", 0},
		{"a bare đạt X% after its figure", "Giải quyết đúng hạn 11.581 hồ sơ, đạt 99,9%.", 11581, "hồ sơ", "count", 99.9},
		{"the unit in the clause's số", "Số tuyến đường được gắn biển đến nay là 27.", 27, "tuyến đường", "count", 0},
		{"the unit before a colon", "Tổng số đảng viên: 10.594.", 10594, "đảng viên", "count", 0},
		{"a unit with xã inside", "Toàn xã có 11 hợp tác xã.", 11, "hợp tác xã", "count", 0},
		{"a six-syllable unit", "Đã tiếp nhận 11.590 hồ sơ thủ tục hành chính.", 11590, "hồ sơ thủ tục hành chính", "count", 0},
		{"a unit opening with a stop word", "Đại hội đề ra 18 chỉ tiêu chủ yếu cho nhiệm kỳ mới.", 18, "chỉ tiêu", "count", 0},
		{"a yield per hectare", "Năng suất lúa vụ Mùa ước đạt 64,8 tạ/ha.", 64.8, "tạ/ha", "measure", 0},
		{"an income per person and year", "Thu nhập bình quân đạt 65 triệu đồng/người/năm.", 65, "triệu đồng/người/năm", "money", 0},
		{"a slash before no denominator", "Sản lượng cá nuôi đạt 5 tấn/vụ nuôi.", 5, "tấn", "measure", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, m := range Read(Input{Title: "Tin", Body: tt.body}).Metrics {
				if m.Value != tt.value {
					continue
				}
				plan := 0.0
				if m.PlanPercent != nil {
					plan = *m.PlanPercent
				}
				if m.Unit != tt.unit || m.Kind != tt.kind || plan != tt.plan {
					t.Errorf("%v: unit %q kind %s plan %v, want %q %s %v", m.Value, m.Unit, m.Kind, plan, tt.unit, tt.kind, tt.plan)
				}
				return
			}
			t.Errorf("no figure %v in %q", tt.value, tt.body)
		})
	}
	// The unit never comes from the next paragraph.
	for _, m := range Read(Input{Title: "Tin", Body: "Toàn huyện có 25\n\ntrường học đạt chuẩn."}).Metrics {
		if m.Value == 25 {
			t.Errorf("25 took the unit %q from the next paragraph", m.Unit)
		}
	}
	// National Assembly codes are cited documents.
	docs := Read(Input{Title: "Tin", Body: "Thực hiện Luật số 47/2019/QH14 của Quốc hội."}).Documents
	if len(docs) != 1 || docs[0].Code != "47/2019/QH14" || docs[0].Type != "Luật" || docs[0].Year != 2019 {
		t.Errorf("documents %+v, want the law 47/2019/QH14", docs)
	}
}

// TestChunkedEqualsWhole: a long body read in pieces gives the figures of
// the body read whole, offsets and all.
func TestChunkedEqualsWhole(t *testing.T) {
	var b []byte
	for i := 0; len(b) < 3*chunkBytes; i++ {
		b = append(b, []byte("Năm 2019, toàn huyện còn 312 hộ nghèo, chiếm tỷ lệ 1,2%; kết nạp 45 đảng viên mới, đạt 112% kế hoạch. Huyện uỷ hoà giải 7 vụ.\n\n")...)
	}
	body := string(b)
	tax := DefaultTaxonomy()
	whole := tax.extract(body, vietnamese.NormalizeQuick(body))
	pieces, _ := tax.extractChunked(body, vietnamese.NormalizeQuick(body))
	if len(whole) != len(pieces) || len(whole) == 0 {
		t.Fatalf("%d figures in pieces, %d whole", len(pieces), len(whole))
	}
	for i := range whole {
		w, p := whole[i], pieces[i]
		if w.Value != p.Value || w.Unit != p.Unit || w.Start != p.Start || w.End != p.End || w.Text != p.Text {
			t.Fatalf("figure %d: %+v in pieces, %+v whole", i, p, w)
		}
	}
}
