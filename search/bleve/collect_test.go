package bleve_test

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/searchtest"
)

// TestConformanceConcurrent runs the whole suite with every search split
// into three document-number ranges searched concurrently and merged.
func TestConformanceConcurrent(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Store {
		s := openStore(t, filepath.Join(t.TempDir(), "index"))
		bleve.SetParts(s, 3)
		return s
	}, searchtest.Capabilities{SkipDeepPagination: true}) // TestConformance pages past the window
}

// TestConcurrentSearchEqualsSequential compares, query by query, a search
// run in one piece with the same search split into 2, 3 and 7 ranges, on one
// index: the same total, the same hits in the same order with the same
// scores, the same facet counts, on every page and both sorts.
func TestConcurrentSearchEqualsSequential(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "index"))
	docs := searchtest.RelevanceCorpus()
	// Several batches: several segments, as a real index has.
	for i := 0; i < len(docs); i += 40 {
		if _, err := s.Upsert(t.Context(), docs[i:min(i+40, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	settle(t, s)
	facets := []string{search.FacetDistrict, search.FacetCategory, search.FacetYear, search.FacetAuthor}
	texts := append(searchtest.BenchQueries(), "", "thanh tri", `"09-ĐA/HU"`)
	compared := 0
	for _, text := range texts {
		for _, sort := range []search.Sort{search.SortRelevance, search.SortDate} {
			for _, offset := range []int{0, 7, 30} {
				q := search.Query{Text: text, Sort: sort, Size: 10, Offset: offset, Facets: facets}
				bleve.SetParts(s, 1)
				want, err := s.Search(t.Context(), q)
				if err != nil {
					t.Fatalf("%+v: %v", q, err)
				}
				for _, parts := range []int{2, 3, 7} {
					bleve.SetParts(s, parts)
					got, err := s.Search(t.Context(), q)
					if err != nil {
						t.Fatalf("%+v in %d parts: %v", q, parts, err)
					}
					if d := diffResults(want, got); d != "" {
						t.Errorf("%q sort=%s offset=%d in %d parts: %s", text, sort, offset, parts, d)
					}
					compared++
				}
			}
		}
	}
	bleve.SetParts(s, 1)
	t.Logf("%d split searches compared with the sequential search", compared)
}

func diffResults(want, got search.Result) string {
	if want.Total != got.Total {
		return fmt.Sprintf("total %d, want %d", got.Total, want.Total)
	}
	if len(want.Hits) != len(got.Hits) {
		return fmt.Sprintf("%d hits, want %d", len(got.Hits), len(want.Hits))
	}
	for i := range want.Hits {
		w, g := want.Hits[i], got.Hits[i]
		// Scores may differ in the last bit: a part sums a document's clause
		// scores in the order its searchers return them.
		if w.ID != g.ID || math.Abs(w.Score-g.Score) > 1e-12*math.Abs(w.Score) {
			return fmt.Sprintf("hit %d is %s (score %v), want %s (score %v)", i, g.ID, g.Score, w.ID, w.Score)
		}
	}
	if !reflect.DeepEqual(want.Facets, got.Facets) {
		return fmt.Sprintf("facets %v, want %v", got.Facets, want.Facets)
	}
	if want.Next != got.Next {
		return "different next cursor"
	}
	return ""
}

// TestPhraseQueryMatchesBleve runs the relevance set, quoted phrases and
// document codes with DRA's phrase clauses and with Bleve's own
// MatchPhraseQuery in their place: the same hits, in the same order, with
// the same scores.
func TestPhraseQueryMatchesBleve(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "index"))
	if _, err := s.Upsert(t.Context(), searchtest.RelevanceCorpus()); err != nil {
		t.Fatal(err)
	}
	settle(t, s)
	texts := append(searchtest.BenchQueries(), `"năng lực lãnh đạo"`, `"nang luc"`, `"09-ĐA/HU"`, "09-ĐA/HU",
		`"huyện ủy" "thanh trì"`, `"người cao tuổi người cao tuổi"`, `"không có cụm này"`, `"a"`)
	defer bleve.SetBlevePhrases(false)
	for _, text := range texts {
		for _, offset := range []int{0, 10} {
			q := search.Query{Text: text, Size: 10, Offset: offset}
			bleve.SetBlevePhrases(true)
			want, err := s.Search(t.Context(), q)
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			bleve.SetBlevePhrases(false)
			got, err := s.Search(t.Context(), q)
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			if d := diffResults(want, got); d != "" {
				t.Errorf("%q offset %d: %s", text, offset, d)
			}
		}
	}
}

// settle waits for the index's background merges to finish: Bleve's BM25
// statistics (field cardinality) depend on how the index is split into
// segments, so scores compared across searches must come from one layout.
func settle(t *testing.T, s *bleve.Store) {
	t.Helper()
	if !bleve.WaitIdle(s, time.Minute) {
		t.Fatal("index merges did not settle within a minute")
	}
}

// TestConcurrentFacetsCountEveryValue: with more values than a facet shows
// (1000), a value must keep the counts of every range, including ranges
// where it is not among the top values. "zz" is on the first 60 articles
// and the last one of 3,300, each of which also has an author of its own.
func TestConcurrentFacetsCountEveryValue(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "index"))
	const n = 3300
	pub := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []search.Article
	for i := range n {
		authors := []string{fmt.Sprintf("Tác giả %05d", i)}
		if i < 60 || i == n-1 {
			authors = append(authors, "zz")
		}
		docs = append(docs, search.Article{ID: fmt.Sprintf("d%05d", i), Version: 1, URL: "https://example.vn/" + fmt.Sprint(i),
			SourceID: "s", Title: "tiêu đề", Body: "nội dung bài viết", Authors: authors, PublishedAt: &pub})
	}
	for i := 0; i < n; i += 500 {
		if _, err := s.Upsert(t.Context(), docs[i:min(i+500, n)]); err != nil {
			t.Fatal(err)
		}
	}
	settle(t, s)
	defer bleve.SetParts(s, 1)
	for _, parts := range []int{1, 3} {
		bleve.SetParts(s, parts)
		res, err := s.Search(t.Context(), search.Query{Text: "nội dung", Facets: []string{search.FacetAuthor}})
		if err != nil {
			t.Fatal(err)
		}
		got := -1
		for _, fc := range res.Facets[search.FacetAuthor] {
			if fc.Value == "zz" {
				got = fc.Count
			}
		}
		if got != 61 || res.Total != n {
			t.Errorf("%d parts: zz counted %d times in %d hits, want 61 in %d", parts, got, res.Total, n)
		}
	}
}

// TestPhraseSearcherDoesNotRewind: once a phrase has no more candidates, it
// must not restart its term readers when a parent asks again. A title
// phrase that matches one article, with the two words in the wrong order in
// every 300th title, is searched with Bleve's phrase searcher and with
// DRA's: DRA's may open no more term readers than Bleve's.
func TestPhraseSearcherDoesNotRewind(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "index"))
	var docs []search.Article
	for i := range 3000 {
		title := "báo cáo"
		if i == 0 {
			title = "xanh lam"
		} else if i%300 == 299 {
			title = "lam xanh"
		}
		docs = append(docs, search.Article{ID: fmt.Sprintf("d%05d", i), Version: 1, URL: "https://example.vn/" + fmt.Sprint(i),
			SourceID: "s", Title: title, Body: "màu xanh lam đẹp"})
	}
	if _, err := s.Upsert(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	settle(t, s)
	defer bleve.SetBlevePhrases(false)
	var opened [2]uint64
	var first [2]search.Result
	for i, useBleve := range []bool{true, false} {
		bleve.SetBlevePhrases(useBleve)
		before := bleve.TermReadersStarted(s)
		res, err := s.Search(t.Context(), search.Query{Text: "xanh lam", Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		opened[i], first[i] = bleve.TermReadersStarted(s)-before, res
	}
	if d := diffResults(first[0], first[1]); d != "" {
		t.Errorf("DRA phrases differ from Bleve's: %s", d)
	}
	if opened[0] == 0 || opened[1] > opened[0] {
		t.Errorf("term readers opened: DRA phrases %d, Bleve phrases %d", opened[1], opened[0])
	}
	t.Logf("term readers opened: DRA phrases %d, Bleve phrases %d", opened[1], opened[0])
}
