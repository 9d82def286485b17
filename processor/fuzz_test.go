package processor

import (
	"os"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
)

func FuzzExtractRecord(f *testing.F) {
	seed, err := os.ReadFile("../page/testdata/seed.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed, "https://thanhtri.hanoi.gov.vn/a/-/view_content/1-a.html")
	f.Add([]byte("Đảng\n\nTiêu đề\nNgày đăng 18/03/2020 | 10:53 | View count: 1\n\nKết nạp 12 đảng viên.\nTên"), "")
	f.Add([]byte(`<div style="display:none"><a href="http://w88.com">nhà cái</a></div><h1>T</h1><p>30 hộ (đạt 5%)</p>`), "http://x/2019/03/12/a")
	f.Add([]byte("<p><div><h1></p>"), "::")
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		r, err := ExtractRecord(page, Options{URL: pageURL})
		if err != nil {
			return
		}
		if !utf8.ValidString(r.Body) || !utf8.ValidString(r.Title) {
			t.Fatal("invalid UTF-8 in the record")
		}
		// The metric invariants: offsets inside the body, text as sliced.
		// The stage keeps at most MaxMetrics; the event carries those.
		kept := r.Metrics
		if len(kept) > MaxMetrics {
			kept = kept[:MaxMetrics]
		}
		p := event.ArticleProcessed{ArticleID: "0123456789abcdef0123456789abcdef", URL: "https://ubnd.example.vn/a", FetchedAt: time.Unix(1, 0), Body: r.Body, Metrics: kept}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		runes := []rune(r.Body)
		for _, m := range r.Metrics {
			if string(runes[m.Start:m.End]) != m.Text {
				t.Fatalf("body[%d:%d] is not the metric's text %q", m.Start, m.End, m.Text)
			}
		}
	})
}
