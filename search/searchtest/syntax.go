package searchtest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dra-archive/dra/search"
)

// Conformance cases of issue 13: names and codes in the free text, the
// query syntax, forgiving filters with suggestions, snippets from the best
// sentence. Both backends must answer each the same way.

func (s suite) testNamesInText(t *testing.T) {
	st := s.loaded(t)
	tests := []struct {
		text  string
		first string
	}{
		{"Hoàng Thị Thu Thủy", SeedID},
		{"hoang thi thu thuy", SeedID},
		{"Hoàng Thị Thu Thuỷ", SeedID},
		{"HOÀNG THỊ THU THỦY", SeedID},
		{"Thanh Khánh", idCodes},
		{"Trung tâm TT-VH-TT thị xã Sơn Tây", idCodes},
		{"Quốc Sự", idNewTone},
		{"Uỷ viên UBKT Huyện uỷ", idNewTone},
		{"Thu Hà", idDecision},
		{"Củ Chi Hồ Chí Minh", idOtherRegion},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if ids := hitIDs(doSearch(t, st, search.Query{Text: tt.text})); len(ids) == 0 || ids[0] != tt.first {
				t.Errorf("Search(%q) = %v, want %s first", tt.text, ids, tt.first)
			}
		})
	}
}

func (s suite) testSyntax(t *testing.T) {
	st := s.loaded(t)
	tests := []struct {
		name string
		text string
		want []string // exactly these, in any order
	}{
		{"exclusion", `"ra quân" -"Tân Hóa"`, []string{idDayStart}}, // folded: Tân Hoà too
		{"NOT", `"ra quân" NOT hoa`, []string{idDayStart}},
		{"exclusion of a word only", `"ra quân" -vệ`, []string{idHoaOldTone, idHoaAcute}},
		{"OR", `"múa rối" OR 123/QĐ-UBND`, []string{idMua, idDecision}},
		{"AND changes nothing", `Tân AND Hòa`, []string{idHoaOldTone, idHoaAcute}},
		{"author: whole name", `author:"Hoàng Thị Thu Thủy"`, []string{SeedID}},
		{"author: part of a name, folded", `author:"thu ha"`, []string{idDecision}},
		{"district: folded", `district:"son tay"`, []string{idCodes, idMua}},
		{"district: with words", `district:"son tay" múa`, []string{idMua}},
		{"two district: are either", `district:"son tay" district:"cu chi"`, []string{idCodes, idMua, idOtherRegion}},
		{"code:", `code:01-CTr/TU`, []string{idCodes}},
		{"year:", `year:2021`, []string{idDecision, idFoldedOnly}},
		{"year: range and words", `year:2019-2020 "ra quân"`, []string{idDayStart, idHoaOldTone, idHoaAcute}},
		{"one word may be missing of three", `Quyết định 123/QĐ-UBND kiện toàn phường`, []string{idDecision}},
		{"not two of four", `múa rối cây đào`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := doSearch(t, st, search.Query{Text: tt.text, Size: search.MaxSize})
			if got, want := sorted(hitIDs(res)), sorted(tt.want); !slices.Equal(got, want) {
				t.Errorf("Search(%s) = %v, want %v", tt.text, got, want)
			}
		})
	}
	t.Run("all words rank above most", func(t *testing.T) {
		// Four words: the seed has all, others three of them.
		ids := hitIDs(doSearch(t, st, search.Query{Text: "Huyện ủy Thanh Trì", Size: search.MaxSize}))
		if len(ids) < 2 || ids[0] != SeedID && ids[0] != idDayBefore {
			t.Errorf("Search(Huyện ủy Thanh Trì) = %v, want an article with all four words first", ids)
		}
	})
	for _, text := range []string{`"dân vận`, `colour:red`, `author:`, `author: Hà`, `OR hộ nghèo`, `hộ nghèo OR`, `hộ OR OR nghèo`,
		`year:20x9`, `year:2020-2019`, `year:2019 year:2020`, `NOT`, `-district:"son tay"`} {
		t.Run("error "+text, func(t *testing.T) {
			_, err := st.Search(t.Context(), search.Query{Text: text})
			if !errors.Is(err, search.ErrBadQuery) || !strings.Contains(err.Error(), "character") {
				t.Errorf("Search(%q) error = %v, want an ErrBadQuery naming the character", text, err)
			}
		})
	}
}

func (s suite) testForgivingFilters(t *testing.T) {
	st := s.loaded(t)
	tests := []struct {
		name string
		q    search.Query
		want []string
	}{
		{"district without diacritics", search.Query{District: "son tay"}, []string{idCodes, idMua}},
		{"district in capitals", search.Query{District: "SƠN TÂY"}, []string{idCodes, idMua}},
		{"province without diacritics", search.Query{Province: "ho chi minh"}, []string{idOtherRegion}},
		{"category, other punctuation", search.Query{Category: "dang - doan the"}, []string{SeedID, idCodes, idNewTone}},
		{"author without diacritics", search.Query{Author: "hoang thi thu thuy"}, []string{SeedID}},
		{"author in old tone placement", search.Query{Author: "Quốc Sự", District: "phu xuyen"}, []string{idNewTone}},
		{"still whole values", search.Query{District: "son"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.Size = search.MaxSize
			res := doSearch(t, st, q)
			if got, want := sorted(hitIDs(res)), sorted(tt.want); !slices.Equal(got, want) {
				t.Errorf("Search(%+v) = %v, want %v", tt.q, got, want)
			}
		})
	}
	sug := []struct {
		name string
		q    search.Query
		want map[string][]string
	}{
		{"typo in a district", search.Query{District: "son tey"}, map[string][]string{search.FilterDistrict: {"Sơn Tây"}}},
		{"part of a district", search.Query{District: "thanh", Text: "năng lực"}, map[string][]string{search.FilterDistrict: {"Thanh Trì"}}},
		{"district: prefix", search.Query{Text: `district:"thuong tinh"`}, map[string][]string{search.FilterDistrict: {"Thường Tín"}}},
		{"author", search.Query{Author: "Hoang Thu Thuy"}, map[string][]string{search.FilterAuthor: {"Hoàng Thị Thu Thủy"}}},
		{"nothing close", search.Query{Province: "Đà Nẵng"}, map[string][]string{search.FilterProvince: {}}},
		{"a match: no suggestions", search.Query{District: "Sơn Tây", Text: "xyzzy"}, nil},
	}
	for _, tt := range sug {
		t.Run("suggestions: "+tt.name, func(t *testing.T) {
			res := doSearch(t, st, tt.q)
			if res.Total != 0 {
				t.Fatalf("Search(%+v) total %d, want 0", tt.q, res.Total)
			}
			if len(res.Suggestions) != len(tt.want) {
				t.Fatalf("suggestions = %v, want %v", res.Suggestions, tt.want)
			}
			for name, want := range tt.want {
				got := res.Suggestions[name]
				if len(want) == 0 && len(got) != 0 || len(want) > 0 && (len(got) == 0 || got[0] != want[0]) {
					t.Errorf("suggestions[%s] = %q, want %q first", name, got, want)
				}
			}
		})
	}
}

func (s suite) testBestPassage(t *testing.T) {
	st := s.loaded(t)
	for _, tt := range []struct {
		text, id, want, notFirst string
	}{
		{"kết nạp đảng viên", SeedID, "<mark>kết nạp</mark>", "tổng <mark>kết</mark>"},
		{"ket nap dang vien", SeedID, "<mark>kết nạp</mark>", "tổng <mark>kết</mark>"},
		{`"dân vận khéo" Thanh Trì`, SeedID, "<mark>Dân vận khéo</mark>", ""},
		{"Thanh Khánh", idCodes, "<mark>Thanh Khánh</mark>", ""},
	} {
		t.Run(tt.text, func(t *testing.T) {
			res := doSearch(t, st, search.Query{Text: tt.text, Size: search.MaxSize})
			i := slices.Index(hitIDs(res), tt.id)
			if i < 0 {
				t.Fatalf("Search(%q) = %v, want %s", tt.text, hitIDs(res), tt.id)
			}
			hl := res.Hits[i].Highlights
			if len(hl) == 0 || !strings.Contains(hl[0], tt.want) {
				t.Errorf("first highlight of %q = %q, want it to contain %q", tt.text, hl, tt.want)
			}
			for _, f := range hl {
				if tt.notFirst != "" && strings.Contains(f, tt.notFirst) {
					t.Errorf("highlights %q mark %q", hl, tt.notFirst)
				}
			}
		})
	}
}
