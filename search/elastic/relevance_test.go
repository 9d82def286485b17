package elastic

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/dra-archive/dra/search/searchtest"
)

// TestRelevanceVsBaseline measures nDCG@10 of the relevance set on the
// store and, in the same run, on a plain baseline index: the raw title and
// body in text fields with the standard analyzer, queried with a plain
// multi_match (and each filter value as a match of all its words on its
// field), and asserts the store's figure against both targets.
func TestRelevanceVsBaseline(t *testing.T) {
	u := esURL(t)
	base := uniqueIndex(t, u)
	st := openStore(t, Config{URL: u, Index: base, Refresh: "true"})
	docs := searchtest.RelevanceCorpus()
	if _, err := st.Upsert(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	got, per := searchtest.StoreNDCG(t, st)

	plain := base + "-v0" // removed with the test's indices
	if status, body := rawRequest(t, u, http.MethodPut, "/"+plain, map[string]any{"mappings": map[string]any{
		"properties": map[string]any{"title": map[string]any{"type": "text"}, "body": map[string]any{"type": "text"},
			"district": map[string]any{"type": "text"}, "province": map[string]any{"type": "text"},
			"category": map[string]any{"type": "text"}, "authors": map[string]any{"type": "text"}}}}); status != 200 {
		t.Fatalf("create baseline index: %d %s", status, body)
	}
	var bulk bytes.Buffer
	for _, a := range docs {
		meta, _ := json.Marshal(map[string]any{"index": map[string]any{"_id": a.ID}})
		src, _ := json.Marshal(map[string]any{"title": a.Title, "body": a.Body, "district": a.District,
			"province": a.Province, "category": a.Category, "authors": a.Authors})
		bulk.Write(meta)
		bulk.WriteByte('\n')
		bulk.Write(src)
		bulk.WriteByte('\n')
	}
	if _, err := st.do(t.Context(), http.MethodPost, "/"+plain+"/_bulk", map[string][]string{"refresh": {"true"}}, &bulk, nil); err != nil {
		t.Fatal(err)
	}
	baseline, _ := searchtest.NDCG(t, func(rq searchtest.RelevanceQuery) ([]string, error) {
		var res struct {
			Hits struct {
				Hits []struct {
					ID string `json:"_id"`
				} `json:"hits"`
			} `json:"hits"`
		}
		var must []any
		if rq.Text != "" {
			must = append(must, map[string]any{"multi_match": map[string]any{"query": rq.Text, "fields": []string{"title", "body"}}})
		}
		for f, v := range map[string]string{"district": rq.Filter.District, "province": rq.Filter.Province,
			"category": rq.Filter.Category, "authors": rq.Filter.Author} {
			if v != "" {
				must = append(must, map[string]any{"match": map[string]any{f: map[string]any{"query": v, "operator": "and"}}})
			}
		}
		body := map[string]any{"size": 10, "query": map[string]any{"bool": map[string]any{"must": must}}}
		if _, err := st.do(t.Context(), http.MethodPost, "/"+plain+"/_search", nil, body, &res); err != nil {
			return nil, err
		}
		var ids []string
		for _, h := range res.Hits.Hits {
			ids = append(ids, h.ID)
		}
		return ids, nil
	})
	searchtest.CheckRelevance(t, "elasticsearch", got, per, baseline)
}
