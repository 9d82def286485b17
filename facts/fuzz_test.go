package facts

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/dra-archive/dra/event"
)

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.599", "52.680", "159,9", "67,5", "04", "1.234,5", "1,234.5", "024.3861.1245", "2.5", "", ",", "1..2", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseNumber(s)
		if ok && (math.IsNaN(v) || v < 0) {
			t.Errorf("ParseNumber(%q) = %v", s, v)
		}
		if q, ok := ParseQuantity(s); ok && math.IsNaN(q.Value) {
			t.Errorf("ParseQuantity(%q) = %v", s, q)
		}
	})
}

// checkMetrics asserts the metric invariants: offsets slice the body into
// the snippet, and everything is valid UTF-8.
func checkMetrics(t *testing.T, body string, ms []event.Metric) {
	t.Helper()
	runes := []rune(body)
	for _, m := range ms {
		if m.Start < 0 || m.End < m.Start || m.End > len(runes) {
			t.Fatalf("metric %v %q: offsets [%d,%d) outside a body of %d runes", m.Value, m.Unit, m.Start, m.End, len(runes))
		}
		if got := string(runes[m.Start:m.End]); got != m.Text {
			t.Fatalf("body[%d:%d] = %q, text %q", m.Start, m.End, got, m.Text)
		}
		if !utf8.ValidString(m.Unit) || !utf8.ValidString(m.Text) || !utf8.ValidString(m.Change) {
			t.Fatalf("invalid UTF-8 in %+v", m)
		}
		if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
			t.Fatalf("value %v", m.Value)
		}
	}
}

func FuzzExtractMetrics(f *testing.F) {
	for _, s := range []string{
		"kết nạp 1.599/1000 đảng viên mới, đạt 159,9% kế hoạch nhiệm kỳ; chuyển đảng chính thức 1.599 đồng chí.",
		"thành lập 30 tổ chức đảng (đạt 120%); 81 tổ chức Công đoàn với tổng số 2.239 đoàn viên công đoàn (đạt 139,5%)",
		"còn 312 hộ nghèo, chiếm tỷ lệ 0,78%, giảm 85 hộ so với đầu năm; trên 350 tỷ đồng (dự toán 300 tỷ đồng)",
		"Nghị quyết số 09-NQ/TU ngày 27/02/2012; Điện thoại: 024.3861.1245; lúc 10h30 ngày 5/6",
		"tỷ lệ hộ nghèo giảm xuống còn 1,2% (1.500 hộ)", "1.", "(đạt 5%", "Ð 1/", "x 9 tỷ", "ủy 1 uỷ 2 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			body = string([]rune(body)) // the processor's bodies are valid UTF-8
		}
		checkMetrics(t, body, ExtractMetrics(body))
	})
}

// FuzzParseByline: any line, however written (labels, slashes, colons,
// brackets, folding that changes a letter's width), reads without a
// panic into names that are non-empty, valid UTF-8 and no longer than
// the line.
func FuzzParseByline(f *testing.F) {
	for _, s := range []string{"Tác giả: Minh Anh Nguồn: Báo Quảng Ninh", "Tin: Minh Anh Ảnh: Thu Hà", "Nguồn tin/Tác giả: Minh Anh",
		"Posted by Minh Anh in Tin tức on 12/03/2024", "Minh Anh [12/03/2024", "ǅ/Tác giả: ﬁ Anh", "Bài: Hồng Long; ảnh: Thanh Hà",
		"Người viết: X Người duyệt: Y", ": :", "A/B/C/D: E F", "Tác giả/: Minh Anh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range ParseByline(s) {
			if a.Name == "" || !utf8.ValidString(a.Name) || len(a.Name) > 4*len(s)+8 {
				t.Fatalf("ParseByline(%q) gave the name %q", s, a.Name)
			}
		}
	})
}
