package crawler_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/internal/warcstore"
)

// TestStateListsEveryCapture: an article corrected twice on its portal is
// published three times; its crawl state names the three records, oldest
// first, and each reads back from the shared archive (the JetStream object
// store) as the version the portal served then: the corrections the
// simulator wrote are absent, then one, then both.
func TestStateListsEveryCapture(t *testing.T) {
	ctx := context.Background()
	n := startNATS(t, "")
	store, err := warcstore.OpenNATS(ctx, n.conn.JS, "dra-warc", 1)
	if err != nil {
		t.Fatal(err)
	}
	archive := crawler.NewStoreArchive(store, "crawl")
	t.Cleanup(func() { _ = archive.Close() })
	state := n.state(t)
	p := startPortal(t, portalsim.Config{Seed: 3, District: "sontay", Articles: 12})
	c := crawler.New(&recorder{}, quiet, nil, crawler.WithState(state), crawler.WithArchive(archive))
	src := hanoiSource("sontay", p.URL())
	src.Recrawl.Revisit = -1 // every known article is due: the corrections are seen at once
	a := p.Articles()[0]
	corrections := []string{"Đính chính lần một: số hộ nghèo là 120.", "Đính chính lần hai: số hộ nghèo là 118."}
	for i := range len(corrections) + 1 {
		if i > 0 {
			if err := p.UpdateArticle(a.Path, corrections[i-1]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.Crawl(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	u, _ := crawler.Canonical(a.URL)
	ps, err := state.Article(ctx, event.ArticleID(u))
	if err != nil {
		t.Fatal(err)
	}
	if ps.WARC == nil || len(ps.Captures) != 2 {
		t.Fatalf("state names %d earlier captures and latest %v, want 2 and one", len(ps.Captures), ps.WARC)
	}
	rd := &warcstore.Reader{JS: n.conn.JS}
	last := ""
	for i, ref := range append(ps.Captures, *ps.WARC) {
		rec, err := crawler.RecordFrom(ctx, rd, ref)
		if err != nil {
			t.Fatalf("capture %d: %v", i, err)
		}
		if got, _ := crawler.Canonical(rec.TargetURI); got != u || rec.Status != 200 || rec.Date < last {
			t.Errorf("capture %d: %s status %d at %s (after %s), want %s 200 in order", i, rec.TargetURI, rec.Status, rec.Date, last, u)
		}
		last = rec.Date
		_, body, err := crawler.ReadArchivedFrom(ctx, rd, ref)
		if err != nil {
			t.Fatal(err)
		}
		for k, c := range corrections {
			if has, want := strings.Contains(string(body), c), k < i; has != want {
				t.Errorf("capture %d: correction %d present %v, want %v", i, k+1, has, want)
			}
		}
	}
}
