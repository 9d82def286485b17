package search

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Parsed
	}{
		{"terms", "năng lực lãnh đạo", Parsed{Terms: []string{"năng", "lực", "lãnh", "đạo"}}},
		{"phrase and term", `"dân vận khéo" Thanh Trì`, Parsed{Terms: []string{"Thanh", "Trì"}, Phrases: []string{"dân vận khéo"}}},
		{"codes whole", "đề án 09-ĐA/HU 123/QĐ-UBND 30/2020/NĐ-CP", Parsed{Terms: []string{"đề", "án"}, Codes: []string{"09-ĐA/HU", "123/QĐ-UBND", "30/2020/NĐ-CP"}}},
		{"tone placement normalised", "Huyện uỷ", Parsed{Terms: []string{"Huyện", "ủy"}}},
		{"numbers stay whole", "1.599 đảng viên, 159,9%", Parsed{Terms: []string{"1.599", "đảng", "viên", "159,9"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseText(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseText(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseTextErrors(t *testing.T) {
	for _, in := range []string{`"unbalanced`, "\xff\xfe", strings.Repeat("a ", 300)} {
		if _, err := ParseText(in); !errors.Is(err, ErrBadQuery) {
			t.Errorf("ParseText(%q) error = %v, want ErrBadQuery", in, err)
		}
	}
}

func TestHighlightMarksOriginal(t *testing.T) {
	p, _ := ParseText("nang luc lanh dao") // the run is marked, not a lone "Nâng"
	got := Highlight("Nâng cao năng lực lãnh đạo và sức chiến đấu <b>", p, 3)
	if len(got) != 1 {
		t.Fatalf("got %d fragments: %q", len(got), got)
	}
	want := "Nâng cao <mark>năng lực lãnh đạo</mark> và sức chiến đấu &lt;b&gt;"
	if got[0] != want {
		t.Errorf("got %q, want %q", got[0], want)
	}
}

func TestHighlightWholeWordsOnly(t *testing.T) {
	p, _ := ParseText("an")
	if got := Highlight("toàn bộ an ninh", p, 3); len(got) != 1 || !strings.Contains(got[0], "<mark>an</mark> ninh") || strings.Contains(got[0], "to<mark>") {
		t.Errorf("got %q", got)
	}
}

// A cursor is a client's to replay: one forged with a negative offset is a
// bad query, not an index out of range in a backend.
func TestForgedNegativeOffsetCursor(t *testing.T) {
	mq := MetricQuery{Key: "party.new_members"}
	mq.After = EncodeOffsetCursor(metricCursorKey(mq), -5)
	if _, err := mq.Check(); !errors.Is(err, ErrBadQuery) {
		t.Errorf("MetricQuery.Check with a negative cursor: %v, want ErrBadQuery", err)
	}
	if _, err := DecodeOffsetCursor(EncodeOffsetCursor("k", -1), "k"); !errors.Is(err, ErrBadQuery) {
		t.Errorf("DecodeOffsetCursor(-1): %v, want ErrBadQuery", err)
	}
	if o, err := DecodeOffsetCursor(EncodeOffsetCursor("k", 30), "k"); o != 30 || err != nil {
		t.Errorf("DecodeOffsetCursor(30) = %d, %v", o, err)
	}
}

// A body of thousands of sentences, each with the query's words: the best
// passage is the one sentence holding the whole phrase, however far in.
// (Scoring once walked every word of the body for every sentence; on the
// 5 MB article of the pipeline test a search took over a minute.)
func TestHighlightLongBody(t *testing.T) {
	p, err := ParseText(`Huyện uỷ Thanh Trì "kết nạp đảng viên mới"`)
	if err != nil {
		t.Fatal(err)
	}
	filler := "Huyện ủy Thanh Trì họp thường kỳ tháng này. "
	best := "Huyện ủy Thanh Trì kết nạp đảng viên mới tại chi bộ thôn. "
	body := strings.Repeat(filler, 3000) + best + strings.Repeat(filler, 500)
	if len(body) >= HighlightScan {
		t.Fatalf("body is %d bytes: the phrase must stand inside the scanned part", len(body))
	}
	got := HitHighlights("Tiêu đề", body, "", p, 2)
	if len(got) != 2 {
		t.Fatalf("got %d fragments: %q", len(got), got)
	}
	if want := "<mark>Huyện ủy Thanh Trì kết nạp đảng viên mới</mark> tại chi bộ thôn."; got[0] != "…"+want+" …" && got[0] != "…"+want+"…" {
		t.Errorf("first fragment %q, want the sentence with the phrase, %q", got[0], want)
	}
	if !strings.Contains(got[1], "<mark>Huyện ủy Thanh Trì</mark> họp") {
		t.Errorf("second fragment %q, want a filler sentence with the words marked", got[1])
	}
}

// Past HighlightScan bytes a body is not read for highlights: a phrase that
// stands only there falls back to the title; a multi-byte rune at the cut
// is not split.
func TestHighlightScanBound(t *testing.T) {
	p, err := ParseText(`"kết nạp đảng viên"`)
	if err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("ừ", HighlightScan/3+1) // 3 bytes each: the cut falls inside one
	body := pad + " Kết nạp đảng viên mới."
	got := HitHighlights("Lễ kết nạp đảng viên", body, "", p, 1)
	if len(got) != 1 || got[0] != "Lễ <mark>kết nạp đảng viên</mark>" {
		t.Errorf("got %q, want the title's highlight", got)
	}
	body = strings.Repeat("ừ ", 1000) + "Kết nạp đảng viên mới. " + pad
	got = HitHighlights("Tiêu đề", body, "", p, 1)
	if len(got) != 1 || !strings.Contains(got[0], "<mark>Kết nạp đảng viên</mark> mới.") {
		t.Errorf("got %q, want the body's phrase", got)
	}
}

func BenchmarkHighlightLongBody(b *testing.B) {
	p, _ := ParseText("Huyện uỷ Thanh Trì")
	body := strings.Repeat("Huyện ủy Thanh Trì họp thường kỳ tháng này. ", 5<<20/48)
	b.SetBytes(HighlightScan)
	for b.Loop() {
		Highlight(body[:HighlightScan], p, 3)
	}
}
