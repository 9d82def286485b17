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
