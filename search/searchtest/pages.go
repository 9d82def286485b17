package searchtest

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// wantFacets counts the facets of the fixtures that pass keep, in Go.
func wantFacets(keep func(search.Article) bool) map[string][]search.FacetCount {
	counts := map[string]map[string]int{}
	for _, n := range search.FacetNames {
		counts[n] = map[string]int{}
	}
	for _, a := range Fixtures() {
		if !keep(a) {
			continue
		}
		if a.District != "" {
			counts[search.FacetDistrict][vietnamese.Normalize(a.District)]++
		}
		if a.Category != "" {
			counts[search.FacetCategory][vietnamese.Normalize(a.Category)]++
		}
		if a.PublishedAt != nil {
			counts[search.FacetYear][fmt.Sprint(a.PublishedAt.In(ict).Year())]++
		}
		seen := map[string]bool{}
		for _, au := range a.Authors {
			if n := vietnamese.Normalize(au); !seen[n] {
				seen[n] = true
				counts[search.FacetAuthor][n]++
			}
		}
	}
	out := map[string][]search.FacetCount{}
	for name, m := range counts {
		var fc []search.FacetCount
		for v, c := range m {
			fc = append(fc, search.FacetCount{Value: v, Count: c})
		}
		out[name] = search.SortFacet(name, fc)
	}
	return out
}

func (s suite) testFacets(t *testing.T) {
	st := s.loaded(t)
	tests := []struct {
		name string
		q    search.Query
		keep func(search.Article) bool
	}{
		{"all", search.Query{}, func(search.Article) bool { return true }},
		{"district filter", search.Query{District: "Thanh Trì"}, func(a search.Article) bool { return a.District == "Thanh Trì" }},
		{"province filter", search.Query{Province: "Hà Nội"}, func(a search.Article) bool { return a.Province == "Hà Nội" }},
		{"date range", search.Query{From: time.Date(2020, 1, 1, 0, 0, 0, 0, ict), To: time.Date(2020, 12, 31, 23, 59, 59, 0, ict)},
			func(a search.Article) bool { return a.PublishedAt != nil && a.PublishedAt.In(ict).Year() == 2020 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.Facets = search.FacetNames
			res := doSearch(t, st, q)
			want := wantFacets(tt.keep)
			for _, name := range search.FacetNames {
				if got := res.Facets[name]; !slices.Equal(got, want[name]) {
					t.Errorf("facet %s = %v, want %v", name, got, want[name])
				}
			}
		})
	}
	t.Run("year facet is in Asia/Ho_Chi_Minh", func(t *testing.T) {
		st := s.newStore(t)
		a := fixture(t, idMua)
		a.ID = "new-year"
		a.PublishedAt = at(2020, 1, 1, 0, 30, 0) // 2019-12-31 in UTC
		upsertAll(t, st, a)
		res := doSearch(t, st, search.Query{Facets: []string{search.FacetYear}})
		if want := []search.FacetCount{{Value: "2020", Count: 1}}; !slices.Equal(res.Facets[search.FacetYear], want) {
			t.Errorf("year facet = %v, want %v", res.Facets[search.FacetYear], want)
		}
	})
	t.Run("no facets unless asked", func(t *testing.T) {
		if res := doSearch(t, st, search.Query{}); len(res.Facets) != 0 {
			t.Errorf("facets %v without asking", res.Facets)
		}
	})
	t.Run("unknown facet", func(t *testing.T) {
		if _, err := st.Search(t.Context(), search.Query{Facets: []string{"colour"}}); !errors.Is(err, search.ErrBadQuery) {
			t.Errorf("error = %v, want ErrBadQuery", err)
		}
	})
}

// walk follows Next cursors from q to the end and returns every hit ID.
func walk(t *testing.T, st search.Store, q search.Query) []string {
	t.Helper()
	var ids []string
	for pages := 0; ; pages++ {
		if pages > 20000 {
			t.Fatal("cursor never ends")
		}
		res := doSearch(t, st, q)
		ids = append(ids, hitIDs(res)...)
		if res.Next == "" {
			return ids
		}
		if len(res.Hits) == 0 {
			t.Fatalf("page without hits has a next cursor")
		}
		q.After, q.Offset = res.Next, 0
	}
}

func (s suite) testCursor(t *testing.T) {
	st := s.loaded(t)
	n := len(Fixtures())
	for _, tt := range []struct {
		name string
		q    search.Query
	}{
		{"date", search.Query{Sort: search.SortDate}},
		{"relevance, no text", search.Query{}},
		{"relevance, text", search.Query{Text: "huyện"}},
		{"filter", search.Query{Province: "Hà Nội", Sort: search.SortDate}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			all := doSearch(t, st, search.Query{Text: tt.q.Text, Province: tt.q.Province, Sort: tt.q.Sort, Size: search.MaxSize})
			q := tt.q
			q.Size = 4
			got := walk(t, st, q)
			if want := hitIDs(all); !slices.Equal(got, want) {
				t.Errorf("pages by cursor = %v, want %v", got, want)
			}
			if all.Next != "" {
				t.Errorf("a page holding every hit has a next cursor")
			}
		})
	}
	first := doSearch(t, st, search.Query{Size: 5, Sort: search.SortDate})
	if first.Next == "" || first.Total != n {
		t.Fatalf("first page: next %q, total %d", first.Next, first.Total)
	}
	for _, tt := range []struct {
		name string
		q    search.Query
	}{
		{"garbage cursor", search.Query{After: "not-a-cursor", Sort: search.SortDate}},
		{"cursor of another query", search.Query{After: first.Next, Sort: search.SortRelevance}},
		{"cursor of another filter", search.Query{After: first.Next, Sort: search.SortDate, District: "Sơn Tây"}},
		{"cursor and offset", search.Query{After: first.Next, Sort: search.SortDate, Offset: 5}},
		{"offset beyond the window", search.Query{Offset: search.MaxWindow, Size: 10}},
		{"forged negative offset cursor", search.Query{Sort: search.SortDate,
			After: search.EncodeOffsetCursor(search.CursorKey(search.Query{Sort: search.SortDate}), -5)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := st.Search(t.Context(), tt.q); !errors.Is(err, search.ErrBadQuery) {
				t.Errorf("error = %v, want ErrBadQuery", err)
			}
		})
	}
}

// deepCount is how many tiny articles the deep pagination case loads: past
// the 10,000-hit window of offset paging.
const deepCount = search.MaxWindow + 50

func tinyArticles(n int) []search.Article {
	fetched := time.Date(2024, 5, 3, 8, 0, 0, 0, time.UTC)
	base := time.Date(2016, 1, 1, 8, 0, 0, 0, ict)
	out := make([]search.Article, n)
	for i := range out {
		a := search.Article{
			ID: fmt.Sprintf("tiny-%05d", i), Version: fetched.UnixNano(), FetchedAt: fetched,
			URL: fmt.Sprintf("https://example.gov.vn/tin/%d.html", i), SourceID: "tiny",
			District: "Thanh Trì", Province: "Hà Nội", Category: "Tin tức",
			Title: fmt.Sprintf("Tin số %d", i), Body: "Bản tin ngắn của huyện.",
		}
		if i%97 != 0 { // some undated
			p := base.Add(time.Duration(i%5000) * 6 * time.Hour) // equal dates: ties by ID
			a.PublishedAt = &p
		}
		out[i] = a
	}
	return out
}

func (s suite) testDeepPagination(t *testing.T) {
	if s.caps.SkipDeepPagination {
		t.Skip("Capabilities.SkipDeepPagination: run in full by another run of this backend")
	}
	st := s.newStore(t)
	docs := tinyArticles(deepCount)
	start := time.Now()
	for i := 0; i < len(docs); i += 2000 {
		upsertAll(t, st, docs[i:min(i+2000, len(docs))]...)
	}
	t.Logf("loaded %d tiny articles in %v", len(docs), time.Since(start).Round(time.Millisecond))
	want := map[string]bool{}
	for _, a := range docs {
		want[a.ID] = true
	}
	// One walk past the window, by date (ties and undated articles
	// included); cursors of relevance order are covered by Cursor.
	for _, q := range []search.Query{
		{Sort: search.SortDate, Size: search.MaxSize},
	} {
		t.Run(fmt.Sprintf("%s %q", q.Sort, q.Text), func(t *testing.T) {
			ids := walk(t, st, q)
			got := map[string]bool{}
			for _, id := range ids {
				if got[id] {
					t.Fatalf("%s on two pages", id)
				}
				got[id] = true
			}
			if !maps.Equal(got, want) {
				t.Errorf("pages hold %d distinct articles, want all %d", len(got), len(want))
			}
		})
	}
}
