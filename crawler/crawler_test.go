package crawler_test

import (
	"context"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
)

// recorder keeps what the crawler published, by message ID.
type recorder struct {
	mu   sync.Mutex
	msgs map[string]event.ArticleFetched
	n    int
}

func (r *recorder) Publish(_ context.Context, subject, msgID string, payload []byte) error {
	e, err := event.DecodeFetched(payload)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.msgs == nil {
		r.msgs = map[string]event.ArticleFetched{}
	}
	r.msgs[msgID] = e
	r.n++
	return nil
}

func hanoiSource(base string) crawler.Source {
	return crawler.HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", base, true)
}

func startPortal(t *testing.T, cfg portalsim.Config) *portalsim.Portal {
	t.Helper()
	p, err := portalsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func TestCrawlPublishesEveryArticleOnce(t *testing.T) {
	p := startPortal(t, portalsim.Config{Seed: 1, District: "thanhtri", Articles: 40})
	rec := &recorder{}
	c := crawler.New(rec, slog.New(slog.DiscardHandler), nil)
	st, err := c.Crawl(context.Background(), hanoiSource(p.URL()))
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, a := range p.Articles() {
		want = append(want, a.URL)
	}
	for _, e := range rec.msgs {
		got = append(got, e.URL)
		if e.ArticleID != event.ArticleID(e.URL) || e.SourceID != "thanhtri" || e.District != "Thanh Trì" || e.StatusCode != 200 {
			t.Errorf("event fields wrong: %+v", e)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("published %d articles, portal has %d\n got: %v\nwant: %v", len(got), len(want), got, want)
	}
	if rec.n != len(want) || st.Published != int64(len(want)) {
		t.Errorf("published %d times (stats %d), want once per article (%d)", rec.n, st.Published, len(want))
	}
	for _, path := range []string{"/tim-kiem", "/admin/"} {
		if n := p.Requests(path); n != 0 {
			t.Errorf("robots.txt disallows %s but it was fetched %d times", path, n)
		}
	}
	if p.Requests("/robots.txt") == 0 {
		t.Error("robots.txt was never fetched")
	}
}
