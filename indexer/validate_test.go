package indexer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/indexer"
)

// TestHostilePublisherIsDeadLettered publishes processed events a hostile
// bus client could send: each is dead-lettered with the reason, and only
// the one valid event is indexed.
func TestHostilePublisherIsDeadLettered(t *testing.T) {
	far := time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		modify func(*event.ArticleProcessed)
		reason string
	}{
		{"path traversal id", func(p *event.ArticleProcessed) { p.ArticleID = "../../../etc/passwd" }, "article_id"},
		{"metric-like id", func(p *event.ArticleProcessed) { p.ArticleID = "abc#m000" }, "article_id"},
		{"uppercase hex id", func(p *event.ArticleProcessed) { p.ArticleID = strings.ToUpper(p.ArticleID) }, "article_id"},
		{"javascript url", func(p *event.ArticleProcessed) { p.URL = "javascript:alert(1)" }, "not http or https"},
		{"data url", func(p *event.ArticleProcessed) { p.URL = "data:text/html,<script>alert(1)</script>" }, "not http or https"},
		{"unparsable url", func(p *event.ArticleProcessed) { p.URL = "http://[::1" }, "does not parse"},
		{"url without host", func(p *event.ArticleProcessed) { p.URL = "https:///x" }, "no host"},
		{"version overflow", func(p *event.ArticleProcessed) { p.FetchedAt = far }, "fetched_at"},
		{"published in 2300", func(p *event.ArticleProcessed) { p.PublishedAt = &far }, "published_at"},
		{"negative views", func(p *event.ArticleProcessed) { v := -1; p.Views = &v }, "views"},
		{"100,000 metrics", func(p *event.ArticleProcessed) {
			p.Metrics = make([]event.Metric, 100_000)
		}, "more than 1000"},
	}
	conn := startBus(t)
	store := openStore(t)
	good := processed(0)
	publish(t, conn, "good", mustEncode(t, good))
	for i, tt := range tests {
		p := processed(i + 1)
		tt.modify(&p)
		publish(t, conn, fmt.Sprint("hostile", i), mustEncode(t, p))
	}
	ix := indexer.New(conn, store, quiet, nil, indexer.WithBatch(20))
	run(t, ix, func() bool {
		dl, _ := conn.DeadLetters(context.Background(), "indexer")
		return len(dl) == len(tests) && count(store) == 1
	})
	dl, err := conn.DeadLetters(context.Background(), "indexer")
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title := fmt.Sprintf(`"title":"Bài số %d `, i+1)
			for _, d := range dl {
				if strings.Contains(string(d.Data), title) {
					if !strings.Contains(d.Error, tt.reason) || !strings.Contains(d.Error, "invalid event") {
						t.Errorf("dead letter reason %q, want it to say %q", d.Error, tt.reason)
					}
					return
				}
			}
			t.Errorf("not dead-lettered")
		})
	}
	if _, err := store.Get(context.Background(), good.ArticleID); err != nil {
		t.Errorf("the valid article was not indexed: %v", err)
	}
}
