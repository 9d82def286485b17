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
// multi_match.
func TestRelevanceVsBaseline(t *testing.T) {
	u := esURL(t)
	base := uniqueIndex(t, u)
	st := openStore(t, Config{URL: u, Index: base, Refresh: "true"})
	docs := searchtest.RelevanceCorpus()
	if _, err := st.Upsert(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	got, _ := searchtest.StoreNDCG(t, st)

	plain := base + "-v0" // removed with the test's indices
	if status, body := rawRequest(t, u, http.MethodPut, "/"+plain, map[string]any{"mappings": map[string]any{
		"properties": map[string]any{"title": map[string]any{"type": "text"}, "body": map[string]any{"type": "text"}}}}); status != 200 {
		t.Fatalf("create baseline index: %d %s", status, body)
	}
	var bulk bytes.Buffer
	for _, a := range docs {
		meta, _ := json.Marshal(map[string]any{"index": map[string]any{"_id": a.ID}})
		src, _ := json.Marshal(map[string]any{"title": a.Title, "body": a.Body})
		bulk.Write(meta)
		bulk.WriteByte('\n')
		bulk.Write(src)
		bulk.WriteByte('\n')
	}
	if _, err := st.do(t.Context(), http.MethodPost, "/"+plain+"/_bulk", map[string][]string{"refresh": {"true"}}, &bulk, nil); err != nil {
		t.Fatal(err)
	}
	baseline, _ := searchtest.NDCG(t, func(text string) ([]string, error) {
		var res struct {
			Hits struct {
				Hits []struct {
					ID string `json:"_id"`
				} `json:"hits"`
			} `json:"hits"`
		}
		body := map[string]any{"size": 10, "query": map[string]any{"multi_match": map[string]any{
			"query": text, "fields": []string{"title", "body"}}}}
		if _, err := st.do(t.Context(), http.MethodPost, "/"+plain+"/_search", nil, body, &res); err != nil {
			return nil, err
		}
		var ids []string
		for _, h := range res.Hits.Hits {
			ids = append(ids, h.ID)
		}
		return ids, nil
	})
	t.Logf("nDCG@10 over %d queries: elasticsearch store %.3f, standard-analyzer baseline %.3f", len(searchtest.RelevanceQueries()), got, baseline)
	if got < 0.9 {
		t.Errorf("nDCG@10 = %.3f, want at least 0.9", got)
	}
}
