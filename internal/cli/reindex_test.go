package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/searchtest"
)

// TestReindexRebuildsUnreadableBleveIndex indexes articles from the
// DRA_PROCESSED stream (one of them in two versions, one too large to
// travel inline), damages the Bleve index's mapping as an interrupted
// first start did ("error parsing mapping JSON"), and checks that the index
// then refuses to open saying it is unreadable (not held by another
// process) and that dra reindex rebuilds it from the stream: every article
// in its newest version, every figure, the damaged index moved aside.
func TestReindexRebuildsUnreadableBleveIndex(t *testing.T) {
	t.Setenv(EnvESURL, "") // the Bleve store, whatever the environment says
	srv := startNATS(t)
	ctx := context.Background()
	conn, err := bus.Connect(ctx, srv.ClientURL(), "test", bus.DefaultTopology(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	// The truth: the events published, the newest version of each article.
	docs := searchtest.NewCorpus(t, 60).Articles
	var events []event.ArticleProcessed
	for _, a := range docs {
		p, err := event.DecodeProcessed(a.Record)
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, p)
	}
	newer := events[0]
	newer.FetchedAt = newer.FetchedAt.Add(time.Hour)
	newer.Title = "Bản mới: " + newer.Title
	big := events[1]
	big.Body = strings.Repeat("Kết nạp đảng viên mới trong năm. ", 50000) // ~1.7 MB: by reference
	events = append(events, newer)
	events[1] = big
	want := map[string]event.ArticleProcessed{}
	metrics := map[string]int{}
	for _, p := range events {
		if cur, ok := want[p.ArticleID]; !ok || p.FetchedAt.After(cur.FetchedAt) {
			want[p.ArticleID] = p
			metrics[p.ArticleID] = len(p.Metrics)
		}
	}
	wantMetrics := 0
	for _, n := range metrics {
		wantMetrics += n
	}

	dataDir := t.TempDir()
	dir := filepath.Join(dataDir, "bleve")
	s, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range events {
		data, err := event.Encode(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := conn.Publish(ctx, event.SubjectProcessed, p.ArticleID+"@"+p.FetchedAt.String(), data); err != nil {
			t.Fatal(err)
		}
		a, err := search.FromProcessed(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Upsert(ctx, []search.Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Damage the mapping, persisted with a segment as scorch does.
	idx, err := blevesearch.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.SetInternal([]byte("_mapping"), []byte(`{"default_mapping": {"enabled": tru`)); err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(idx.Index("x", map[string]any{}), idx.Delete("x"), idx.Close()); err != nil {
		t.Fatal(err)
	}
	_, err = bleve.Open(dir)
	if !errors.Is(err, bleve.ErrUnreadable) || !strings.Contains(err.Error(), "error parsing mapping JSON") ||
		!strings.Contains(err.Error(), "dra reindex") || strings.Contains(err.Error(), "another process") {
		t.Fatalf("Open of the damaged index: %v", err)
	}

	code, out, errOut := execute(t, "reindex", "--data-dir", dataDir, "--nats-url", srv.ClientURL())
	if code != 0 || !strings.Contains(out, "rebuilt") {
		t.Fatalf("reindex: code %d\n%s%s", code, out, errOut)
	}
	t.Logf("%s%s", errOut, out)
	damaged, _ := filepath.Glob(dir + ".damaged-*")
	if len(damaged) != 1 {
		t.Errorf("damaged index moved aside: %v", damaged)
	}
	s, err = bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.Count(ctx); err != nil || n != len(want) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(want))
	}
	for id, p := range want {
		a, err := s.Get(ctx, id)
		if err != nil || a.Title != p.Title || a.Body != p.Body || a.Version != p.FetchedAt.UnixNano() {
			t.Errorf("article %s: title %q, body equal %v, %v; want %q", id, a.Title, a.Body == p.Body, err, p.Title)
		}
	}
	if m, err := s.Metrics(ctx, search.MetricQuery{}); err != nil || m.Total != wantMetrics {
		t.Errorf("metrics = %d, %v; want %d", m.Total, err, wantMetrics)
	}
	if res, err := s.Search(ctx, search.Query{Text: newer.Title}); err != nil || len(res.Hits) == 0 || res.Hits[0].ID != newer.ArticleID {
		t.Errorf("search for the newer title: %+v, %v", res.Hits, err)
	}
	if _, err := os.Stat(dir + ".reindex"); !os.IsNotExist(err) {
		t.Errorf("the rebuild's temporary index is left: %v", err)
	}
}
