package facts

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/vietnamese"
)

// TestPeriods: each figure's period as a reader of the sentence, its
// paragraph and the title would give it. The expectations are written from
// the Vietnamese text, one phrasing per case.
func TestPeriods(t *testing.T) {
	jan := time.Date(2017, 1, 10, 9, 0, 0, 0, vietnamese.TimeZone)
	dec := time.Date(2016, 12, 20, 9, 0, 0, 0, vietnamese.TimeZone)
	jul := time.Date(2019, 7, 5, 9, 0, 0, 0, vietnamese.TimeZone)
	tests := []struct {
		name      string
		title     string
		published time.Time
		body      string
		value     float64
		want      string // period label
		found     string
		estimate  bool
	}{
		{"year in sentence", "Hội nghị tổng kết", jan, "Năm 2016, toàn Đảng bộ kết nạp 320 đảng viên mới.", 320, "2016", event.FoundSentence, false},
		{"january report, year in title only", "Huyện ủy tổng kết công tác xây dựng Đảng năm 2016", jan,
			"Trong năm, các tổ chức cơ sở đảng kết nạp 310 đảng viên mới.", 310, "2016", event.FoundSentence, false},
		{"year from the title", "Thu ngân sách năm 2016 vượt dự toán", jan,
			"Công tác thu ngân sách được triển khai quyết liệt, thu ngân sách đạt 512,4 tỷ đồng.", 512.4, "2016", event.FoundTitle, false},
		{"year from the paragraph", "Tin tức", jan,
			"Năm 2015, huyện tổ chức nhiều hoạt động. Toàn huyện kết nạp 290 đảng viên mới.", 290, "2015", event.FoundParagraph, false},
		{"half year", "Sơ kết", jul, "Trong 6 tháng đầu năm 2019, toàn huyện kết nạp 140 đảng viên mới.", 140, "2019-H1", event.FoundSentence, false},
		{"half year without its year", "Sơ kết 6 tháng đầu năm 2019", jul,
			"Sáu tháng đầu năm, thu ngân sách đạt 230,5 tỷ đồng.", 230.5, "2019-H1", event.FoundSentence, false},
		{"nine months", "Tin", time.Date(2019, 10, 3, 0, 0, 0, 0, vietnamese.TimeZone),
			"9 tháng năm 2019, thu ngân sách đạt 400 tỷ đồng.", 400, "2019-9M", event.FoundSentence, false},
		{"quarter", "Tin", jul, "Quý II/2019, toàn huyện có thêm 35 doanh nghiệp thành lập mới.", 35, "2019-Q2", event.FoundSentence, false},
		{"month", "Tin", jul, "Trong tháng 6/2019, toàn huyện ghi nhận 12 ca mắc sốt xuất huyết.", 12, "2019-06", event.FoundSentence, false},
		{"term", "Đại hội", jul, "Nhiệm kỳ 2015 - 2020, toàn Đảng bộ kết nạp 1.599 đảng viên mới.", 1599, "2015-2020", event.FoundSentence, false},
		{"stage with words", "Tin", jul, "Giai đoạn từ năm 2016 đến năm 2020, huyện đã xây mới 45 nhà Đại đoàn kết.", 45, "2016-2020", event.FoundSentence, false},
		{"bare term takes the article's", "Tin", jul,
			"Chương trình giai đoạn 2015 - 2020 được triển khai.\nTrong nhiệm kỳ, Ban Thường vụ tổ chức 05 lớp bồi dưỡng.", 5, "2015-2020", event.FoundSentence, false},
		{"date", "Tin", jan, "Tính đến 31/12/2016, toàn huyện còn 312 hộ nghèo.", 312, "2016-12-31", event.FoundSentence, false},
		{"end of year", "Tin", jan, "Đến hết năm 2016, toàn huyện còn 298 hộ nghèo.", 298, "2016-12-31", event.FoundSentence, false},
		{"estimate", "Tổng kết năm 2016", dec, "Ước cả năm 2016, thu ngân sách đạt 520 tỷ đồng.", 520, "2016", event.FoundSentence, true},
		{"estimate reached", "Tin", dec, "Năm 2016, thu ngân sách ước đạt 518 tỷ đồng.", 518, "2016", event.FoundSentence, true},
		{"comparison year skipped", "Tin", jan, "Năm 2016, toàn huyện kết nạp 330 đảng viên mới, tăng 20 đồng chí so với năm 2015.", 330, "2016", event.FoundSentence, false},
		{"next year's tasks skipped", "Tin", jan,
			"Hội nghị tổng kết năm 2016, triển khai nhiệm vụ năm 2017. Toàn Đảng bộ kết nạp 305 đảng viên mới.", 305, "2016", event.FoundParagraph, false},
		{"nothing said: the publish date", "Tin", jul, "Toàn huyện có 50 trường đạt chuẩn quốc gia.", 50, "2019-07-05", event.FoundPublished, false},
		{"thực hiện is not hiện", "Tin", jul, "Giai đoạn 2016-2020 thực hiện có hiệu quả, mở 360 lớp với 52.680 học viên.", 52680, "2016-2020", event.FoundSentence, false},
		{"cumulative since the year's start", "Tin", jul, "Từ đầu năm đến nay, toàn huyện ghi nhận 120 ca mắc sốt xuất huyết.", 120,
			"2019-01-01 to 2019-07-05", event.FoundSentence, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pub := tt.published
			r := Read(Input{Title: tt.title, Body: tt.body, PublishedAt: &pub})
			for _, m := range r.Metrics {
				if m.Value != tt.value {
					continue
				}
				if m.Period == nil {
					t.Fatalf("%v: no period", tt.value)
				}
				if m.Period.Label != tt.want || m.Period.Found != tt.found || m.Estimate != tt.estimate {
					t.Errorf("%v: period %s found %s estimate %v, want %s found %s estimate %v",
						tt.value, m.Period.Label, m.Period.Found, m.Estimate, tt.want, tt.found, tt.estimate)
				}
				return
			}
			t.Fatalf("no metric %v in %+v", tt.value, r.Metrics)
		})
	}
}

// TestReportPeriod: the title names the period the article reports on.
func TestReportPeriod(t *testing.T) {
	pub := time.Date(2017, 1, 10, 9, 0, 0, 0, vietnamese.TimeZone)
	for title, want := range map[string]string{
		"Huyện ủy Thanh Trì tổng kết công tác xây dựng Đảng năm 2016": "2016",
		"Sơ kết 6 tháng đầu năm 2019":                                 "2019-H1",
		"Đảng bộ huyện: kết quả nhiệm kỳ 2015 - 2020":                 "2015-2020",
		"Khai mạc lễ hội truyền thống":                                "",
	} {
		r := Read(Input{Title: title, Body: "Có 5 lớp.", PublishedAt: &pub})
		got := ""
		if r.ReportPeriod != nil {
			got = r.ReportPeriod.Label
		}
		if got != want {
			t.Errorf("%q: report period %q, want %q", title, got, want)
		}
	}
}

// BenchmarkFindPeriods: the period phrases of a 1 MB body (the seed
// repeated), one pass of the combined expression.
func BenchmarkFindPeriods(b *testing.B) {
	seed, err := os.ReadFile("../processor/testdata/thanhtri-2020-03-18.txt")
	if err != nil {
		b.Fatal(err)
	}
	var body []byte
	for len(body) < 1<<20 {
		body = append(body, seed...)
	}
	low := strings.ToLower(string(body))
	b.SetBytes(int64(len(low)))
	for b.Loop() {
		findPeriodMentions(low)
	}
}
