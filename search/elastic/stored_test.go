package elastic

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/search"
)

// seedProcessed is the seed article as the processor's event, with its
// body in the record as the pipeline has it.
func seedProcessed(t *testing.T) event.ArticleProcessed {
	t.Helper()
	body, err := os.ReadFile("../../../shared/seed/thanhtri-2020-03-18.txt")
	if err != nil {
		body = []byte(strings.Repeat("Đảng bộ huyện Thanh Trì kết nạp 1.599 đảng viên mới, đạt 159,9% kế hoạch. ", 100))
	}
	return event.ArticleProcessed{
		SchemaVersion: event.ProcessedVersion, ArticleID: "stored-once", URL: "https://thanhtri.hanoi.gov.vn/a.html",
		SourceID: "thanhtri", FetchedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), ProcessedAt: time.Now().UTC(),
		Title: "Kết nạp đảng viên", Body: string(body), District: "Thanh Trì", Province: "Hà Nội",
		Metrics: []event.Metric{{Key: "party.new_members", Kind: "count", Unit: "đảng viên", Value: 1599, Text: "kết nạp 1.599"}},
	}
}

// TestStoredBodyOnce checks the stored document against the article text:
// _source holds the body once (the record is kept without its copy), Get
// gives back the record byte for byte, a write carries the body less than
// three times, and a trimmed article is marked and can be found by the
// flag.
func TestStoredBodyOnce(t *testing.T) {
	u := esURL(t)
	s := openStore(t, Config{URL: u, Index: uniqueIndex(t, u), Refresh: "true"})
	p := seedProcessed(t)
	a, err := search.FromProcessed(p)
	if err != nil {
		t.Fatal(err)
	}
	trimmed := a
	trimmed.ID, trimmed.Trimmed, trimmed.Record = "stored-trimmed", true, nil
	if errs, err := s.Upsert(t.Context(), []search.Article{a, trimmed}); err != nil || errs[0] != nil || errs[1] != nil {
		t.Fatalf("Upsert: %v %v", err, errs)
	}

	// A write: the body travels as the article's and as the two views.
	d, err := encodeDoc(a)
	if err != nil {
		t.Fatal(err)
	}
	sent, _ := json.Marshal(d)
	ratio := float64(len(sent)) / float64(len(a.Body))
	whole, _ := json.Marshal(a) // the article with the record's copy of the body, as it was stored before
	t.Logf("body %d bytes, write %d bytes: %.2fx (%.2fx with the record's copy of the body)", len(a.Body), len(sent), ratio,
		float64(len(sent)-len(d.Article)+len(whole))/float64(len(a.Body)))
	if ratio >= 3 {
		t.Errorf("a write is %.2fx the body, want < 3 (the body, its exact and its folded view)", ratio)
	}

	status, src := rawRequest(t, u, http.MethodGet, "/"+s.Index()+"/_source/"+a.ID, nil)
	if status != http.StatusOK {
		t.Fatalf("_source: %d %s", status, src)
	}
	// The body as JSON holds it, without the quotes.
	quoted, _ := json.Marshal(a.Body)
	needle := string(quoted[1 : len(quoted)-1])
	if n := strings.Count(src, needle[:200]); n != 1 {
		t.Errorf("_source holds the body's beginning %d times, want 1", n)
	}
	if len(src) > len(needle)+len(needle)/2 {
		t.Errorf("_source is %d bytes for a body of %d as JSON, want less than 1.5x", len(src), len(needle))
	}

	got, err := s.Get(t.Context(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Record, a.Record) {
		t.Errorf("Get: record differs from the one upserted:\n got %.200s\nwant %.200s", got.Record, a.Record)
	}
	if got.Body != a.Body || got.Trimmed {
		t.Errorf("Get: body %d bytes (want %d), trimmed %v (want false)", len(got.Body), len(a.Body), got.Trimmed)
	}

	if g, err := s.Get(t.Context(), trimmed.ID); err != nil || !g.Trimmed {
		t.Errorf("Get(trimmed) = trimmed %v, %v; want true", g.Trimmed, err)
	}
	var res struct {
		Hits struct {
			Hits []struct {
				ID string `json:"_id"`
			} `json:"hits"`
		} `json:"hits"`
	}
	status, body := rawRequest(t, u, http.MethodPost, "/"+s.Alias()+"/_search", map[string]any{
		"query": map[string]any{"term": map[string]any{fieldTrimmed: true}}, "_source": false})
	if status != http.StatusOK {
		t.Fatalf("search trimmed: %d %s", status, body)
	}
	_ = json.Unmarshal([]byte(body), &res)
	if len(res.Hits.Hits) != 1 || res.Hits.Hits[0].ID != trimmed.ID {
		t.Errorf("articles with trimmed:true = %+v, want only %s", res.Hits.Hits, trimmed.ID)
	}
}
