package bleve_test

import (
	"testing"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dra-archive/dra/search/searchtest"
)

// TestRelevanceVsBaseline measures nDCG@10 of the relevance set on the
// store and, in the same run, on a plain baseline: the raw title, body and
// filter fields with Bleve's standard analyzer, queried with plain match
// queries (the text on title or body, each filter value on its field with
// every word), and asserts the store's figure against both targets.
func TestRelevanceVsBaseline(t *testing.T) {
	st := openStore(t, "")
	docs := searchtest.RelevanceCorpus()
	if _, err := st.Upsert(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	got, per := searchtest.StoreNDCG(t, st)

	m := blevesearch.NewIndexMapping()
	m.DefaultAnalyzer = standard.Name
	base, err := blevesearch.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	b := base.NewBatch()
	for _, a := range docs {
		if err := b.Index(a.ID, map[string]any{"title": a.Title, "body": a.Body, "district": a.District,
			"province": a.Province, "category": a.Category, "authors": a.Authors}); err != nil {
			t.Fatal(err)
		}
	}
	if err := base.Batch(b); err != nil {
		t.Fatal(err)
	}
	baseline, _ := searchtest.NDCG(t, func(rq searchtest.RelevanceQuery) ([]string, error) {
		var must []query.Query
		if rq.Text != "" {
			var qs []query.Query
			for _, f := range []string{"title", "body"} {
				mq := query.NewMatchQuery(rq.Text)
				mq.SetField(f)
				qs = append(qs, mq)
			}
			must = append(must, query.NewDisjunctionQuery(qs))
		}
		for f, v := range map[string]string{"district": rq.Filter.District, "province": rq.Filter.Province,
			"category": rq.Filter.Category, "authors": rq.Filter.Author} {
			if v != "" {
				mq := query.NewMatchQuery(v)
				mq.SetField(f)
				mq.SetOperator(query.MatchQueryOperatorAnd)
				must = append(must, mq)
			}
		}
		var q query.Query = query.NewMatchAllQuery()
		if len(must) > 0 {
			q = query.NewConjunctionQuery(must)
		}
		res, err := base.SearchInContext(t.Context(), blevesearch.NewSearchRequestOptions(q, 10, 0, false))
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids, nil
	})
	searchtest.CheckRelevance(t, "bleve", got, per, baseline)
}
