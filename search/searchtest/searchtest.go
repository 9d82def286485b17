// Package searchtest is the conformance suite for search.Store. Every backend
// runs it through a thin test file:
//
//	func TestConformance(t *testing.T) {
//		searchtest.Run(t, func(t *testing.T) search.Store { ... }, searchtest.Capabilities{})
//	}
//
// The suite is backend-neutral: it only uses the search.Store contract and
// the fixture articles in Fixtures, and it states the query semantics of
// search.Query as cases.
package searchtest

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/search"
)

// Capabilities lists what a backend cannot do. The zero value runs every
// case; so far every backend can do everything.
type Capabilities struct {
	// SkipDeepPagination skips loading 10,050 articles to page past the
	// result window: for a second run of a backend (Bleve in memory after
	// Bleve on disk) that runs the same code, to keep the suite quick.
	SkipDeepPagination bool
}

// Run runs the conformance suite. newStore must return a new, empty store for
// each call (for a shared engine, a unique index per call) and release it in
// t.Cleanup.
func Run(t *testing.T, newStore func(t *testing.T) search.Store, caps Capabilities) {
	s := suite{newStore: newStore, caps: caps}
	cases := []struct {
		name string
		run  func(*testing.T)
	}{
		{"UpsertCountPing", s.testUpsertCountPing},
		{"GetReturnsWhatWasUpserted", s.testGetRoundTrip},
		{"GetUnknown", s.testGetUnknown},
		{"FoldedAndExactQueriesFindSeedFirst", s.testSeedFirst},
		{"ExactDiacriticsRankFirst", s.testExactRanksFirst},
		{"TonePlacement", s.testTonePlacement},
		{"Phrases", s.testPhrases},
		{"DocumentCodes", s.testDocumentCodes},
		{"ReupsertDoesNotDuplicate", s.testReupsert},
		{"NewerWins", s.testNewerWins},
		{"Filters", s.testFilters},
		{"SortByDate", s.testSortByDate},
		{"Pagination", s.testPagination},
		{"Highlights", s.testHighlights},
		{"HitFields", s.testHitFields},
		{"BadQuery", s.testBadQuery},
		{"EmptyText", s.testEmptyText},
		{"BatchItemErrors", s.testBatchItemErrors},
		{"Concurrent", s.testConcurrent},
		{"CloseTwice", s.testCloseTwice},
		{"Facets", s.testFacets},
		{"Cursor", s.testCursor},
		{"DeepPagination", s.testDeepPagination},
		{"MetricsReplacedOnReprocess", s.testMetricsReplaced},
		{"Catalog", s.testCatalog},
		{"TrendsFromPortalSeries", s.testTrendsFromSeries},
		{"TrendBucketEdges", s.testTrendEdges},
		{"TrendDrillDown", s.testTrendDrillDown},
		{"TrendBadQuery", s.testTrendBadQuery},
		{"TrendsAcrossTheReform", s.testTrendsAcrossReform},
		{"TrendsOfMergedProvinces", s.testTrendsMergedProvinces},
		{"NamesInText", s.testNamesInText},
		{"QuerySyntax", s.testSyntax},
		{"ForgivingFilters", s.testForgivingFilters},
		{"SnippetsFromTheBestPassage", s.testBestPassage},
		{"Relevance", s.testRelevance},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

type suite struct {
	newStore func(t *testing.T) search.Store
	caps     Capabilities
}

// loaded returns a new store holding Fixtures.
func (s suite) loaded(t *testing.T) search.Store {
	t.Helper()
	st := s.newStore(t)
	upsertAll(t, st, Fixtures()...)
	return st
}

func upsertAll(t *testing.T, st search.Store, docs ...search.Article) {
	t.Helper()
	errs, err := st.Upsert(t.Context(), docs)
	if err != nil {
		t.Fatalf("Upsert: %v", err)
	}
	if len(errs) != len(docs) {
		t.Fatalf("Upsert returned %d item errors for %d docs", len(errs), len(docs))
	}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Upsert item %d (%s): %v", i, docs[i].ID, err)
		}
	}
}

func doSearch(t *testing.T, st search.Store, q search.Query) search.Result {
	t.Helper()
	res, err := st.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	if len(res.Hits) > res.Total {
		t.Fatalf("Search(%+v): %d hits but total %d", q, len(res.Hits), res.Total)
	}
	return res
}

func hitIDs(res search.Result) []string {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

func sorted(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func fixture(t *testing.T, id string) search.Article {
	t.Helper()
	for _, a := range Fixtures() {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("no fixture %s", id)
	return search.Article{}
}

func (s suite) testUpsertCountPing(t *testing.T) {
	st := s.newStore(t)
	if err := st.Ping(t.Context()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	n, err := st.Count(t.Context())
	if err != nil || n != 0 {
		t.Fatalf("Count of a new store = %d, %v; want 0, nil", n, err)
	}
	errs, err := st.Upsert(t.Context(), nil)
	if err != nil || len(errs) != 0 {
		t.Fatalf("Upsert(nil) = %v, %v; want no item errors, nil", errs, err)
	}
	docs := Fixtures()
	upsertAll(t, st, docs...)
	n, err = st.Count(t.Context())
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	if got, want := n, len(docs); got != want {
		t.Errorf("Count = %d, want %d", got, want)
	}
	if err := st.Ping(t.Context()); err != nil {
		t.Errorf("Ping after upsert: %v", err)
	}
}

func (s suite) testGetRoundTrip(t *testing.T) {
	st := s.loaded(t)
	for _, want := range Fixtures() {
		got, err := st.Get(t.Context(), want.ID)
		if err != nil {
			t.Errorf("Get(%s): %v", want.ID, err)
			continue
		}
		if diff := articleDiff(got, want); diff != "" {
			t.Errorf("Get(%s) differs from what was upserted: %s", want.ID, diff)
		}
	}
}

// articleDiff compares two articles: times by instant (time.Time.Equal), nil
// and empty slices alike, everything else exactly.
func articleDiff(got, want search.Article) string {
	var diffs []string
	if !got.FetchedAt.Equal(want.FetchedAt) {
		diffs = append(diffs, fmt.Sprintf("FetchedAt %v, want %v", got.FetchedAt, want.FetchedAt))
	}
	switch {
	case (got.PublishedAt == nil) != (want.PublishedAt == nil):
		diffs = append(diffs, fmt.Sprintf("PublishedAt %v, want %v", got.PublishedAt, want.PublishedAt))
	case got.PublishedAt != nil && !got.PublishedAt.Equal(*want.PublishedAt):
		diffs = append(diffs, fmt.Sprintf("PublishedAt %v, want %v", *got.PublishedAt, *want.PublishedAt))
	}
	g, w := comparable(got), comparable(want)
	gv, wv := reflect.ValueOf(g), reflect.ValueOf(w)
	for i := range gv.NumField() {
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			diffs = append(diffs, fmt.Sprintf("%s %#v, want %#v", gv.Type().Field(i).Name,
				gv.Field(i).Interface(), wv.Field(i).Interface()))
		}
	}
	return strings.Join(diffs, "; ")
}

func comparable(a search.Article) search.Article {
	a.FetchedAt, a.PublishedAt = time.Time{}, nil
	if len(a.Authors) == 0 {
		a.Authors = nil
	}
	if len(a.Documents) == 0 {
		a.Documents = nil
	}
	if len(a.Record) == 0 {
		a.Record = nil
	}
	if len(a.Metrics) == 0 {
		a.Metrics = nil
	}
	return a
}

func (s suite) testGetUnknown(t *testing.T) {
	st := s.loaded(t)
	_, err := st.Get(t.Context(), "no-such-article")
	if !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Get(unknown) error = %v, want one wrapping search.ErrNotFound", err)
	}
}

func (s suite) testSeedFirst(t *testing.T) {
	st := s.loaded(t)
	for _, text := range []string{
		"nang luc lanh dao",
		"năng lực lãnh đạo",
		"NĂNG LỰC LÃNH ĐẠO",
		"Nâng cao năng lực lãnh đạo",
	} {
		t.Run(text, func(t *testing.T) {
			res := doSearch(t, st, search.Query{Text: text})
			ids := hitIDs(res)
			if len(ids) == 0 || ids[0] != SeedID {
				t.Fatalf("Search(%q) = %v, want %s first", text, ids, SeedID)
			}
			for i := 1; i < len(res.Hits); i++ {
				if res.Hits[i].Score > res.Hits[i-1].Score {
					t.Errorf("hit %d scores %v, above hit %d (%v): relevance order broken", i, res.Hits[i].Score, i-1, res.Hits[i-1].Score)
				}
			}
		})
	}
	// The folded-only article matches "nang luc lanh dao" too: recall is on
	// the folded view, whatever diacritics the query has.
	for _, text := range []string{"nang luc lanh dao", "năng lực lãnh đạo"} {
		if ids := hitIDs(doSearch(t, st, search.Query{Text: text})); !slices.Contains(ids, idFoldedOnly) {
			t.Errorf("Search(%q) = %v, want it to contain the folded-only match %s", text, ids, idFoldedOnly)
		}
	}
}

func (s suite) testExactRanksFirst(t *testing.T) {
	st := s.loaded(t)
	tests := []struct {
		name   string
		text   string
		first  string // matches with the diacritics as typed
		second string // matches only on the folded view
	}{
		{"hòa over hóa", "Tân Hòa", idHoaOldTone, idHoaAcute},
		{"hoà (old placement) over hóa", "xã Tân Hoà", idHoaOldTone, idHoaAcute},
		{"hóa over hòa", "Tân Hóa", idHoaAcute, idHoaOldTone},
		{"hoá (old placement) over hòa", "xã Tân Hoá", idHoaAcute, idHoaOldTone},
		{"seed over folded-only", "năng lực lãnh đạo", SeedID, idFoldedOnly},
		{"folded-only over seed", "lúc nắng lúc lạnh đào", idFoldedOnly, SeedID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := hitIDs(doSearch(t, st, search.Query{Text: tt.text}))
			if len(ids) == 0 || ids[0] != tt.first {
				t.Errorf("Search(%q) = %v, want %s first", tt.text, ids, tt.first)
			}
			if !slices.Contains(ids, tt.second) {
				t.Errorf("Search(%q) = %v, want it to contain the folded match %s", tt.text, ids, tt.second)
			}
		})
	}
}

func (s suite) testTonePlacement(t *testing.T) {
	st := s.loaded(t)
	tests := []struct {
		text string
		want string
	}{
		{"Huyện uỷ Thanh Trì", SeedID},
		{"Huyện ủy Thanh Trì", SeedID},
		{"huyen uy thanh tri", SeedID},
		{"Huyện ủy Phú Xuyên", idNewTone},
		{"Huyện uỷ Phú Xuyên", idNewTone},
		{"hòa", idHoaOldTone},
		{"hoà", idHoaOldTone},
		{"hoa", idHoaOldTone},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if ids := hitIDs(doSearch(t, st, search.Query{Text: tt.text, Size: search.MaxSize})); !slices.Contains(ids, tt.want) {
				t.Errorf("Search(%q) = %v, want it to contain %s", tt.text, ids, tt.want)
			}
		})
	}
	t.Run("same answer for both placements", func(t *testing.T) {
		a := hitIDs(doSearch(t, st, search.Query{Text: "Huyện uỷ Thanh Trì", Size: search.MaxSize}))
		b := hitIDs(doSearch(t, st, search.Query{Text: "Huyện ủy Thanh Trì", Size: search.MaxSize}))
		if !slices.Equal(a, b) {
			t.Errorf("\"Huyện uỷ Thanh Trì\" = %v, \"Huyện ủy Thanh Trì\" = %v; want the same", a, b)
		}
	})
}

func (s suite) testPhrases(t *testing.T) {
	st := s.loaded(t)
	tests := []struct {
		name    string
		text    string
		want    []string // each must be in the hits
		wantNot []string // none may be in the hits
	}{
		{"phrase", `"dân vận khéo"`, []string{SeedID}, nil},
		{"folded phrase", `"dan van kheo"`, []string{SeedID}, nil},
		{"words in another order", `"khéo dân vận"`, nil, []string{SeedID}},
		{"words present but not adjacent, unquoted", `nắng lạnh`, []string{idFoldedOnly}, nil},
		{"words present but not adjacent, quoted", `"nắng lạnh"`, nil, []string{idFoldedOnly}},
		{"adjacent words", `"lúc nắng lúc lạnh"`, []string{idFoldedOnly}, nil},
		{"phrase and terms", `"dân vận khéo" Thanh Trì`, []string{SeedID}, nil},
		{"phrase and a term it lacks", `"dân vận khéo" Sơn Tây`, nil, []string{SeedID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := hitIDs(doSearch(t, st, search.Query{Text: tt.text, Size: search.MaxSize}))
			for _, id := range tt.want {
				if !slices.Contains(ids, id) {
					t.Errorf("Search(%s) = %v, want it to contain %s", tt.text, ids, id)
				}
			}
			for _, id := range tt.wantNot {
				if slices.Contains(ids, id) {
					t.Errorf("Search(%s) = %v, want it without %s", tt.text, ids, id)
				}
			}
		})
	}
}

func (s suite) testDocumentCodes(t *testing.T) {
	st := s.loaded(t)
	tests := []struct {
		text string
		want []string // exactly these, in any order
	}{
		{"01-CTr/HU", []string{SeedID}},
		{"09-NQ/TU", []string{SeedID}},
		{"09-ĐA/HU", []string{SeedID, idCodes}},
		{"09-da/hu", []string{SeedID, idCodes}},
		{"09-ÐA/HU", []string{SeedID, idCodes}}, // Ð (U+00D0) typed for Đ
		{"01-CTr/TU", []string{idCodes}},
		{"123/QĐ-UBND", []string{idDecision}},
		{"123/qd-ubnd", []string{idDecision}},
		{"30/2020/NĐ-CP", []string{idUndated}}, // only in the body, not in Documents
		{"09-NQ/HU", nil},                      // every part occurs somewhere, the code nowhere
		{"02-CTr/HU", nil},
		{"Quyết định 123/QĐ-UBND", []string{idDecision}},
		{"Sơn Tây 09-ĐA/HU", []string{idCodes}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res := doSearch(t, st, search.Query{Text: tt.text, Size: search.MaxSize})
			if got, want := sorted(hitIDs(res)), sorted(tt.want); !slices.Equal(got, want) {
				t.Errorf("Search(%q) = %v, want %v", tt.text, got, want)
			}
			if got, want := res.Total, len(tt.want); got != want {
				t.Errorf("Search(%q) total = %d, want %d", tt.text, got, want)
			}
		})
	}
}

func (s suite) testReupsert(t *testing.T) {
	st := s.loaded(t)
	q := search.Query{Text: "năng lực lãnh đạo", Size: search.MaxSize}
	before := doSearch(t, st, q)
	upsertAll(t, st, fixture(t, SeedID))
	upsertAll(t, st, Fixtures()...)
	n, err := st.Count(t.Context())
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	if got, want := n, len(Fixtures()); got != want {
		t.Errorf("Count after re-upsert = %d, want %d", got, want)
	}
	after := doSearch(t, st, q)
	if got, want := after.Total, before.Total; got != want {
		t.Errorf("total after re-upsert = %d, want %d", got, want)
	}
	ids := hitIDs(after)
	if got, want := len(slices.Compact(sorted(ids))), len(ids); got != want {
		t.Errorf("hits after re-upsert have duplicates: %v", ids)
	}
}

func (s suite) testNewerWins(t *testing.T) {
	base := fixture(t, idMua)
	version := func(v int64, title, body string) search.Article {
		a := base
		a.ID, a.Version, a.Title, a.Body = "newer-wins", v, title, body
		a.FetchedAt = time.Unix(0, v).UTC()
		return a
	}
	v1 := version(1_700_000_000_000_000_000, "Phiên bản thứ nhất", "Nội dung cũ về hội diễn.")
	v2 := version(1_700_000_100_000_000_000, "Phiên bản thứ hai", "Nội dung mới về hội thi.")
	v1b := version(v1.Version, "Phiên bản thứ nhất đã sửa", "Nội dung sửa lại về liên hoan.")
	tests := []struct {
		name    string
		batches [][]search.Article
		want    search.Article
		gone    string // a word only the losing versions have
		found   string // a word only the winner has
	}{
		{"v2 then v1", [][]search.Article{{v2}, {v1}}, v2, "diễn", "thi"},
		{"v1 then v2", [][]search.Article{{v1}, {v2}}, v2, "diễn", "thi"},
		{"v2 and v1 in one batch", [][]search.Article{{v2, v1}}, v2, "diễn", "thi"},
		{"v1 and v2 in one batch", [][]search.Article{{v1, v2}}, v2, "diễn", "thi"},
		{"equal version replaces", [][]search.Article{{v1}, {v1b}}, v1b, "diễn", "liên hoan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := s.newStore(t)
			for _, b := range tt.batches {
				upsertAll(t, st, b...) // an ignored older version is not an item error
			}
			got, err := st.Get(t.Context(), tt.want.ID)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if got.Title != tt.want.Title || got.Version != tt.want.Version {
				t.Errorf("Get = %q (version %d), want %q (version %d)", got.Title, got.Version, tt.want.Title, tt.want.Version)
			}
			if n, err := st.Count(t.Context()); err != nil || n != 1 {
				t.Errorf("Count = %d, %v; want 1, nil", n, err)
			}
			if ids := hitIDs(doSearch(t, st, search.Query{Text: tt.found})); !slices.Equal(ids, []string{tt.want.ID}) {
				t.Errorf("Search(%q) = %v, want the winning version", tt.found, ids)
			}
			if res := doSearch(t, st, search.Query{Text: tt.gone}); res.Total != 0 {
				t.Errorf("Search(%q) = %v, want nothing: the index still holds a losing version", tt.gone, hitIDs(res))
			}
		})
	}
}

func (s suite) testFilters(t *testing.T) {
	st := s.loaded(t)
	day := func(d int) time.Time { return time.Date(2020, 3, d, 0, 0, 0, 0, ict) }
	endOfDay := func(d int) time.Time { return day(d + 1).Add(-time.Nanosecond) }
	allDated := []string{SeedID, idDayStart, idDayBefore, idCodes, idMua, idDecision, idFoldedOnly, idNewTone, idHoaOldTone, idHoaAcute, idOtherRegion}
	tests := []struct {
		name string
		q    search.Query
		want []string
	}{
		{"district", search.Query{District: "Sơn Tây"}, []string{idCodes, idMua}},
		{"district is a whole keyword", search.Query{District: "Sơn"}, nil},
		{"province", search.Query{Province: "Hồ Chí Minh"}, []string{idOtherRegion}},
		{"category", search.Query{Category: "Đảng, đoàn thể"}, []string{SeedID, idCodes, idNewTone}},
		{"source", search.Query{SourceID: "thanhtri"}, []string{SeedID, idDayStart, idDayBefore}},
		{"author", search.Query{Author: "Hoàng Thị Thu Thủy"}, []string{SeedID}},
		{"author in old tone placement", search.Query{Author: "Hoàng Thị Thu Thuỷ"}, []string{SeedID}},
		{"second author", search.Query{Author: "Thu Hà"}, []string{idDecision}},
		{"document", search.Query{Document: "09-ĐA/HU"}, []string{SeedID, idCodes}},
		{"document 123/QĐ-UBND", search.Query{Document: "123/QĐ-UBND"}, []string{idDecision}},
		{"two filters", search.Query{District: "Thanh Trì", Category: "Đảng, đoàn thể"}, []string{SeedID}},
		{"text and district", search.Query{Text: "năng lực lãnh đạo", District: "Phú Xuyên"}, []string{idFoldedOnly}},
		{"text and date", search.Query{Text: "Huyện ủy", From: time.Date(2022, 1, 1, 0, 0, 0, 0, ict)}, []string{idNewTone}},
		{"one instant, inclusive at both ends", search.Query{From: day(18), To: day(18)}, []string{idDayStart}},
		{"one day", search.Query{From: day(18), To: endOfDay(18)}, []string{idDayStart, SeedID}},
		{"one day given in UTC", search.Query{From: day(18).UTC(), To: endOfDay(18).UTC()}, []string{idDayStart, SeedID}},
		{"from only", search.Query{From: day(18)}, []string{SeedID, idDayStart, idCodes, idDecision, idFoldedOnly, idNewTone}},
		{"to only, inclusive", search.Query{To: day(17).Add(24*time.Hour - time.Second)}, []string{idDayBefore, idMua, idHoaOldTone, idHoaAcute, idOtherRegion}},
		{"to the start of a day", search.Query{To: day(18)}, []string{idDayStart, idDayBefore, idMua, idHoaOldTone, idHoaAcute, idOtherRegion}},
		{"wide range leaves out the undated", search.Query{From: time.Date(1990, 1, 1, 0, 0, 0, 0, ict), To: time.Date(2100, 1, 1, 0, 0, 0, 0, ict)}, allDated},
		{"undated never passes a date filter", search.Query{District: "Thường Tín", From: time.Date(1990, 1, 1, 0, 0, 0, 0, ict)}, []string{idDecision}},
		{"empty range", search.Query{From: day(19), To: day(18)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.Size = search.MaxSize
			res := doSearch(t, st, q)
			if got, want := sorted(hitIDs(res)), sorted(tt.want); !slices.Equal(got, want) {
				t.Errorf("Search(%+v) = %v, want %v", tt.q, got, want)
			}
			if got, want := res.Total, len(tt.want); got != want {
				t.Errorf("Search(%+v) total = %d, want %d", tt.q, got, want)
			}
		})
	}
}

func (s suite) testSortByDate(t *testing.T) {
	st := s.loaded(t)
	published := make(map[string]*time.Time)
	for _, a := range Fixtures() {
		published[a.ID] = a.PublishedAt
	}
	for _, tt := range []struct {
		name string
		q    search.Query
	}{
		{"all", search.Query{Sort: search.SortDate, Size: search.MaxSize}},
		{"with text", search.Query{Text: "huyện", Sort: search.SortDate, Size: search.MaxSize}},
	} {
		q := tt.q
		t.Run(tt.name, func(t *testing.T) {
			res := doSearch(t, st, q)
			if len(res.Hits) < 3 {
				t.Fatalf("Search(%+v) = %v, want at least 3 hits", q, hitIDs(res))
			}
			if q.Text == "" && len(res.Hits) != len(published) {
				t.Errorf("got %d hits, want %d", len(res.Hits), len(published))
			}
			undatedSeen := false
			for i, h := range res.Hits {
				p := published[h.ID]
				if (h.PublishedAt == nil) != (p == nil) || (p != nil && !h.PublishedAt.Equal(*p)) {
					t.Errorf("hit %s PublishedAt = %v, want %v", h.ID, h.PublishedAt, p)
				}
				if p == nil {
					undatedSeen = true
					continue
				}
				if undatedSeen {
					t.Errorf("hit %d (%s) is dated but follows an undated one: %v", i, h.ID, hitIDs(res))
				}
				if i > 0 && published[res.Hits[i-1].ID] != nil && p.After(*published[res.Hits[i-1].ID]) {
					t.Errorf("hit %d (%s, %v) is newer than hit %d: not newest first: %v", i, h.ID, p, i-1, hitIDs(res))
				}
			}
			if q.Text == "" && !undatedSeen {
				t.Errorf("the undated article is missing from %v", hitIDs(res))
			}
		})
	}
}

func (s suite) testPagination(t *testing.T) {
	st := s.loaded(t)
	n := len(Fixtures())
	for _, sort := range []search.Sort{search.SortDate, search.SortRelevance} {
		t.Run(string(sort), func(t *testing.T) {
			all := hitIDs(doSearch(t, st, search.Query{Sort: sort, Size: search.MaxSize}))
			if len(all) != n {
				t.Fatalf("got %d hits, want %d", len(all), n)
			}
			var paged []string
			for off := 0; off < n+5; off += 5 {
				res := doSearch(t, st, search.Query{Sort: sort, Size: 5, Offset: off})
				if res.Total != n {
					t.Errorf("page at %d: total %d, want %d", off, res.Total, n)
				}
				if want := min(5, max(0, n-off)); len(res.Hits) != want {
					t.Errorf("page at %d: %d hits, want %d", off, len(res.Hits), want)
				}
				paged = append(paged, hitIDs(res)...)
			}
			if !slices.Equal(paged, all) {
				t.Errorf("pages = %v, want %v (disjoint, covering all, in order)", paged, all)
			}
		})
	}
	t.Run("default size", func(t *testing.T) {
		res := doSearch(t, st, search.Query{})
		if got, want := len(res.Hits), min(10, n); got != want {
			t.Errorf("default page has %d hits, want %d", got, want)
		}
		if res.Total != n {
			t.Errorf("total %d, want %d", res.Total, n)
		}
	})
	t.Run("size above MaxSize", func(t *testing.T) {
		res := doSearch(t, st, search.Query{Size: search.MaxSize + 1000})
		if len(res.Hits) > search.MaxSize || len(res.Hits) != n {
			t.Errorf("got %d hits, want %d (at most %d)", len(res.Hits), n, search.MaxSize)
		}
	})
}

func (s suite) testHighlights(t *testing.T) {
	st := s.loaded(t)
	seed := fixture(t, SeedID)
	tests := []struct {
		text string
		id   string
		want string // in one of the fragments
	}{
		{"nang luc lanh dao", SeedID, "<mark>năng lực lãnh đạo</mark>"},
		{`"dan van kheo"`, SeedID, "<mark>Dân vận khéo</mark>"},
		{"09-da/hu", SeedID, "<mark>09-ĐA/HU</mark>"},
		{"tan hoa", idHoaOldTone, "<mark>Tân Hòa</mark>"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res := doSearch(t, st, search.Query{Text: tt.text, Size: search.MaxSize})
			i := slices.Index(hitIDs(res), tt.id)
			if i < 0 {
				t.Fatalf("Search(%q) = %v, want %s", tt.text, hitIDs(res), tt.id)
			}
			hl := res.Hits[i].Highlights
			if len(hl) == 0 || len(hl) > 3 {
				t.Fatalf("got %d highlight fragments, want 1 to 3: %q", len(hl), hl)
			}
			if !slices.ContainsFunc(hl, func(f string) bool { return strings.Contains(f, tt.want) }) {
				t.Errorf("highlights %q, want one containing %q", hl, tt.want)
			}
			if tt.id == SeedID {
				p, err := search.ParseText(tt.text)
				if err != nil {
					t.Fatal(err)
				}
				if want := search.Highlight(seed.Body, p, 3); !slices.Equal(hl, want) {
					t.Errorf("highlights = %q, want search.Highlight(body, ..., 3) = %q", hl, want)
				}
			}
		})
	}
	t.Run("no text, no highlights", func(t *testing.T) {
		for _, h := range doSearch(t, st, search.Query{District: "Thanh Trì"}).Hits {
			if len(h.Highlights) != 0 {
				t.Errorf("hit %s has highlights %q without query text", h.ID, h.Highlights)
			}
		}
	})
}

func (s suite) testHitFields(t *testing.T) {
	st := s.loaded(t)
	res := doSearch(t, st, search.Query{Text: "năng lực lãnh đạo"})
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	h, a := res.Hits[0], fixture(t, SeedID)
	got := search.Hit{ID: h.ID, URL: h.URL, Title: h.Title, SourceID: h.SourceID, District: h.District,
		Province: h.Province, Category: h.Category, Authors: h.Authors}
	want := search.Hit{ID: a.ID, URL: a.URL, Title: a.Title, SourceID: a.SourceID, District: a.District,
		Province: a.Province, Category: a.Category, Authors: a.Authors}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hit = %+v, want %+v", got, want)
	}
	if h.PublishedAt == nil || !h.PublishedAt.Equal(*a.PublishedAt) {
		t.Errorf("hit PublishedAt = %v, want %v", h.PublishedAt, a.PublishedAt)
	}
	if h.Score <= 0 {
		t.Errorf("hit Score = %v, want > 0 for a text query", h.Score)
	}
}

func (s suite) testBadQuery(t *testing.T) {
	st := s.loaded(t)
	for _, text := range []string{`"dân vận khéo`, `năng "lực" "lãnh`, "\xff\xfe", strings.Repeat("năng ", 120)} {
		_, err := st.Search(t.Context(), search.Query{Text: text})
		if !errors.Is(err, search.ErrBadQuery) {
			t.Errorf("Search(%q) error = %v, want one wrapping search.ErrBadQuery", text, err)
		}
	}
}

func (s suite) testEmptyText(t *testing.T) {
	st := s.loaded(t)
	for _, text := range []string{"", "   ", `""`, "... ,"} {
		res := doSearch(t, st, search.Query{Text: text, Size: search.MaxSize})
		if got, want := res.Total, len(Fixtures()); got != want {
			t.Errorf("Search(%q) total = %d, want %d (every article)", text, got, want)
		}
	}
	res := doSearch(t, st, search.Query{District: "Quốc Oai"})
	if got, want := sorted(hitIDs(res)), sorted([]string{idHoaOldTone, idHoaAcute}); !slices.Equal(got, want) {
		t.Errorf("empty text with a filter = %v, want %v", got, want)
	}
}

func (s suite) testBatchItemErrors(t *testing.T) {
	st := s.newStore(t)
	good1, good2 := fixture(t, idMua), fixture(t, idCodes)
	bad := fixture(t, idDecision)
	bad.ID = ""
	docs := []search.Article{good1, bad, good2}
	errs, err := st.Upsert(t.Context(), docs)
	if err != nil {
		t.Fatalf("Upsert: %v (one bad document must not fail the batch)", err)
	}
	if len(errs) != len(docs) {
		t.Fatalf("got %d item errors for %d docs", len(errs), len(docs))
	}
	if errs[0] != nil || errs[2] != nil {
		t.Errorf("item errors for good docs = %v, %v; want nil", errs[0], errs[2])
	}
	if errs[1] == nil {
		t.Errorf("item error for a document without ID = nil, want an error")
	} else if errors.Is(errs[1], search.ErrTransient) {
		t.Errorf("item error for a document without ID = %v: a retry cannot help, want a permanent error", errs[1])
	}
	if n, err := st.Count(t.Context()); err != nil || n != 2 {
		t.Errorf("Count = %d, %v; want 2, nil", n, err)
	}
	for _, id := range []string{good1.ID, good2.ID} {
		if _, err := st.Get(t.Context(), id); err != nil {
			t.Errorf("Get(%s): %v", id, err)
		}
	}
}

func (s suite) testConcurrent(t *testing.T) {
	st := s.newStore(t)
	docs := Fixtures()
	ctx := t.Context()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += 4 {
				errs, err := st.Upsert(ctx, docs[i:i+1])
				if err != nil || errs[0] != nil {
					t.Errorf("Upsert(%s) = %v, %v", docs[i].ID, errs, err)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 5 {
				if _, err := st.Search(ctx, search.Query{Text: "huyện"}); err != nil {
					t.Errorf("Search: %v", err)
				}
				if _, err := st.Count(ctx); err != nil {
					t.Errorf("Count: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	if n, err := st.Count(ctx); err != nil || n != len(docs) {
		t.Errorf("Count = %d, %v; want %d, nil", n, err, len(docs))
	}
}

func (s suite) testCloseTwice(t *testing.T) {
	st := s.loaded(t)
	if err := st.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
