package bleve_test

import (
	"testing"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dra-archive/dra/search/searchtest"
)

// TestRelevanceVsBaseline measures nDCG@10 of the relevance set on the
// store and, in the same run, on a plain baseline: the raw title and body in
// fields with Bleve's standard analyzer, queried with plain match queries.
func TestRelevanceVsBaseline(t *testing.T) {
	st := openStore(t, "")
	docs := searchtest.RelevanceCorpus()
	if _, err := st.Upsert(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	got, _ := searchtest.StoreNDCG(t, st)

	m := blevesearch.NewIndexMapping()
	m.DefaultAnalyzer = standard.Name
	base, err := blevesearch.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	b := base.NewBatch()
	for _, a := range docs {
		if err := b.Index(a.ID, map[string]any{"title": a.Title, "body": a.Body}); err != nil {
			t.Fatal(err)
		}
	}
	if err := base.Batch(b); err != nil {
		t.Fatal(err)
	}
	baseline, _ := searchtest.NDCG(t, func(text string) ([]string, error) {
		var qs []query.Query
		for _, f := range []string{"title", "body"} {
			mq := query.NewMatchQuery(text)
			mq.SetField(f)
			qs = append(qs, mq)
		}
		res, err := base.SearchInContext(t.Context(), blevesearch.NewSearchRequestOptions(query.NewDisjunctionQuery(qs), 10, 0, false))
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids, nil
	})
	t.Logf("nDCG@10 over %d queries: bleve store %.3f, standard-analyzer baseline %.3f", len(searchtest.RelevanceQueries()), got, baseline)
	if got < 0.9 {
		t.Errorf("nDCG@10 = %.3f, want at least 0.9", got)
	}
}
