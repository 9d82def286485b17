package processor

import (
	"fmt"
	"strings"
	"testing"
)

// hostilePages are the pages issue 18 probed the processor with: 40,000
// spam links in one container (2.7 MB took 297 s) and 60,000 percentages
// in one sentence (1.1 MB took 51 s).
func hostilePages() (links, figures string) {
	var b strings.Builder
	b.WriteString("<html><body><h1>Tiêu đề bài viết</h1><div class=content>")
	for i := 0; i < 4; i++ { // the article: longer than a spam block (see page.maxSpamBlockRunes)
		b.WriteString("<p>Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững, các cấp, các ngành đã triển khai đồng bộ các giải pháp hỗ trợ, toàn xã còn 12 hộ nghèo.</p>")
	}
	for i := 0; i < 40000; i++ {
		fmt.Fprintf(&b, `<p><a href="http://w88-%d.com">nhà cái %d</a> cá cược bóng đá</p>`, i, i)
	}
	b.WriteString("</div></body></html>")
	links = b.String()
	b.Reset()
	b.WriteString("Tin\n\nBáo cáo số liệu\nNgày đăng 12/03/2019 | 08:00\n\n")
	for i := 0; i < 60000; i++ {
		fmt.Fprintf(&b, "xã %d đạt %d,5%%; ", i, i%100)
	}
	b.WriteString("\n\nNguyễn Văn An\n")
	return links, b.String()
}

// TestHostilePages: both pages are extracted (in linear time: see
// BenchmarkHostilePages for the figures) and extracted right: the spam
// goes with the blocks it empties and the article stays; every figure is
// read.
func TestHostilePages(t *testing.T) {
	links, figures := hostilePages()
	r, err := ExtractRecord([]byte(links), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Body, "nhà cái") || !strings.Contains(r.Body, "12 hộ nghèo") || r.Title != "Tiêu đề bài viết" {
		t.Errorf("spam page: title %q, body %.200q", r.Title, r.Body)
	}
	r, err = ExtractRecord([]byte(figures), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Metrics) != 60000 {
		t.Errorf("%d figures read, want 60000", len(r.Metrics))
	}
}

// BenchmarkHostilePages times the two hostile pages (issue 18's probes:
// 297 s and 51 s before).
func BenchmarkHostilePages(b *testing.B) {
	links, figures := hostilePages()
	for name, page := range map[string]string{"40000-spam-links": links, "60000-percentages": figures} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := ExtractRecord([]byte(page), Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
