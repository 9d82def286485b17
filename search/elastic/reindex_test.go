package elastic

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/searchtest"
)

// TestReindexFromAnOlderVersion builds an index of mapping version 0 behind
// the alias (as an older build left it: articles only, no metrics index),
// checks that Open refuses it, runs Reindex and checks that everything,
// metric documents included, is then reachable through the aliases.
func TestReindexFromAnOlderVersion(t *testing.T) {
	u := esURL(t)
	base := uniqueIndex(t, u)
	old := versionedIndex(base, 0)
	if status, body := rawRequest(t, u, http.MethodPut, "/"+old, map[string]any{
		"aliases": map[string]any{base: map[string]any{"is_write_index": true}},
		"mappings": map[string]any{"_meta": map[string]any{metaVersionKey: 0},
			"properties": map[string]any{"article": map[string]any{"type": "object", "enabled": false}}},
	}); status != http.StatusOK {
		t.Fatalf("create %s: %d %s", old, status, body)
	}
	docs := append(searchtest.Fixtures(), searchtest.PortalArticles()[:40]...)
	var bulk bytes.Buffer
	wantMetrics := 0
	for _, a := range docs {
		wantMetrics += len(a.Metrics)
		meta, _ := json.Marshal(map[string]any{"index": map[string]any{"_id": a.ID}})
		src, _ := json.Marshal(map[string]any{"article": a})
		bulk.Write(meta)
		bulk.WriteByte('\n')
		bulk.Write(src)
		bulk.WriteByte('\n')
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, u+"/"+old+"/_bulk?refresh=true", &bulk)
	req.Header.Set("Content-Type", "application/x-ndjson")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	http.DefaultClient.CloseIdleConnections()

	cfg := Config{URL: u, Index: base, Refresh: "true"}
	if _, err := Open(t.Context(), cfg); !errors.Is(err, ErrMappingVersion) {
		t.Fatalf("Open before reindex: %v, want ErrMappingVersion", err)
	}
	rep, err := Reindex(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if rep.Articles != len(docs) || rep.Metrics != wantMetrics || len(rep.From) != 1 || rep.From[0] != old {
		t.Errorf("report %+v, want %d articles, %d metrics, from %s", rep, len(docs), wantMetrics, old)
	}
	s := openStore(t, cfg)
	if n, err := s.Count(t.Context()); err != nil || n != len(docs) {
		t.Errorf("Count after reindex = %d, %v; want %d", n, err, len(docs))
	}
	got, err := s.Get(t.Context(), searchtest.SeedID)
	if err != nil || got.Title != docs[0].Title {
		t.Errorf("Get(seed) = %q, %v", got.Title, err)
	}
	m, err := s.Metrics(t.Context(), search.MetricQuery{Size: 1})
	if err != nil || m.Total != wantMetrics {
		t.Errorf("metric documents after reindex: %d, %v; want %d", m.Total, err, wantMetrics)
	}
	if res := mustSearch(t, s, search.Query{Text: "nang luc lanh dao"}); len(res.Hits) == 0 || res.Hits[0].ID != searchtest.SeedID {
		t.Errorf("search after reindex: %v", res.Hits)
	}
	again, err := Reindex(t.Context(), cfg)
	if err != nil || !again.UpToDate {
		t.Errorf("second Reindex = %+v, %v; want up to date", again, err)
	}
}

func mustSearch(t *testing.T, s search.Store, q search.Query) search.Result {
	t.Helper()
	res, err := s.Search(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
