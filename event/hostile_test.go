package event

import (
	"strings"
	"testing"
	"time"
)

// TestValidateHostile: what a hostile publisher could put in an event is
// refused by Validate, with the field named.
func TestValidateHostile(t *testing.T) {
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		fetched func(*ArticleFetched)
		proc    func(*ArticleProcessed)
		want    string
	}{
		{name: "traversal id", proc: func(p *ArticleProcessed) { p.ArticleID = "../../../etc/passwd" }, want: "article_id"},
		{name: "metric id", proc: func(p *ArticleProcessed) { p.ArticleID = "abc#m000" }, want: "article_id"},
		{name: "javascript url", proc: func(p *ArticleProcessed) { p.URL = "javascript:alert(1)" }, want: "not http or https"},
		{name: "year 10000", proc: func(p *ArticleProcessed) { p.FetchedAt = far }, want: "fetched_at"},
		{name: "before 1678", proc: func(p *ArticleProcessed) { p.FetchedAt = time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC) }, want: "fetched_at"},
		{name: "too many metrics", proc: func(p *ArticleProcessed) { p.Metrics = make([]Metric, MaxMetrics+1) }, want: "more than"},
		{name: "document year", proc: func(p *ArticleProcessed) { p.Documents = []Document{{Code: "1/NQ", Year: 12345}} }, want: "year"},
		{name: "fetched traversal id", fetched: func(f *ArticleFetched) { f.ArticleID = "../x" }, want: "article_id"},
		{name: "fetched file url", fetched: func(f *ArticleFetched) { f.URL = "file:///etc/passwd" }, want: "not http or https"},
		{name: "fetched javascript fetch_url", fetched: func(f *ArticleFetched) { f.FetchURL = "javascript:x" }, want: "fetch_url"},
		{name: "fetched overflow", fetched: func(f *ArticleFetched) { f.FetchedAt = far }, want: "fetched_at"},
		{name: "fetched status", fetched: func(f *ArticleFetched) { f.StatusCode = -5 }, want: "status_code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.fetched != nil {
				f := sampleFetched()
				tt.fetched(&f)
				err = f.Validate()
			} else {
				p := sampleProcessed()
				tt.proc(&p)
				err = p.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate = %v, want an error about %q", err, tt.want)
			}
		})
	}
	if err := sampleFetched().Validate(); err != nil {
		t.Errorf("the sample fetched event: %v", err)
	}
	if err := sampleProcessed().Validate(); err != nil {
		t.Errorf("the sample processed event: %v", err)
	}
}
