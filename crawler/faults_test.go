package crawler_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// faultRun is what one crawl of a faulty portal left behind.
type faultRun struct {
	p        *portalsim.Portal
	rep      crawler.Report
	rec      *recorder
	failures []crawler.Failure // from the state bucket
	waits    []time.Duration
	warcDir  string
}

func (r faultRun) failure(t *testing.T, reason string) crawler.Failure {
	t.Helper()
	for _, f := range r.failures {
		if f.Reason == reason {
			return f
		}
	}
	t.Fatalf("no %s failure recorded; failures: %+v", reason, r.failures)
	return crawler.Failure{}
}

// TestFaultMatrix crawls a simulated portal with one fault each and checks
// what was published, what was recorded (report, failures in the state
// bucket), and that no other article was lost.
//
// "Recorded" means: a URL given up on has a Failure (reason, status,
// attempts, error) in the state bucket under fail.<source>.<id>, in the
// crawl's Report (kept as source.<id>), and a count in
// dra_crawler_pages_total{result=<reason>}; a URL never requested (robots,
// off-host, limits) is counted in the Report's Results and the same metric.
func TestFaultMatrix(t *testing.T) {
	n := startNATS(t, "")
	state := n.state(t)
	all := func(portalsim.Article) bool { return true }
	tests := []struct {
		name   string
		faults portalsim.Faults
		src    func(*crawler.Source)
		keep   func(portalsim.Article) bool // articles that must be published
		check  func(t *testing.T, r faultRun)
	}{
		{name: "robots disallow", faults: portalsim.Faults{RobotsDisallow: []string{"/kinh-te"}},
			keep: func(a portalsim.Article) bool { return !strings.HasPrefix(a.Path, "/kinh-te") },
			check: func(t *testing.T, r faultRun) {
				if n := r.p.Requests("/kinh-te") + r.p.Requests("/kinh-te/"); n != 0 {
					t.Errorf("%d requests under /kinh-te, which robots.txt disallows", n)
				}
				if r.rep.Results[crawler.ResultRobots] == 0 || r.rep.Failed != 0 {
					t.Errorf("results %v, failed %d", r.rep.Results, r.rep.Failed)
				}
			}},
		{name: "crawl-delay", faults: portalsim.Faults{CrawlDelay: 5 * time.Millisecond},
			check: func(t *testing.T, r faultRun) {
				host := strings.TrimPrefix(r.p.URL(), "http://")
				if d := r.rep.Delays[host]; d != 5*time.Millisecond {
					t.Errorf("delay for %s = %v, want the Crawl-delay 5ms (delays %v)", host, d, r.rep.Delays)
				}
			}},
		{name: "429 with Retry-After", faults: portalsim.Faults{RateLimit429: 2},
			check: func(t *testing.T, r faultRun) {
				arts := int64(len(r.p.Articles()))
				if r.rep.Retries != 2*arts || r.rep.Failed != 0 {
					t.Errorf("retries %d (want %d), failed %d", r.rep.Retries, 2*arts, r.rep.Failed)
				}
				for _, w := range r.waits {
					if w != time.Second {
						t.Fatalf("waited %v before a retry, want Retry-After: 1 honoured (1s)", w)
					}
				}
			}},
		{name: "503 then success", faults: portalsim.Faults{Fail503: 1},
			check: func(t *testing.T, r faultRun) {
				if r.rep.Retries != int64(len(r.p.Articles())) || r.rep.Failed != 0 {
					t.Errorf("retries %d, failed %d", r.rep.Retries, r.rep.Failed)
				}
			}},
		{name: "endless 503", faults: portalsim.Faults{Always503Path: "/bao-tri"},
			check: func(t *testing.T, r faultRun) {
				f := r.failure(t, crawler.ResultHTTPError)
				if f.Status != 503 || f.Attempts != 4 || !strings.HasSuffix(f.URL, "/bao-tri") {
					t.Errorf("failure %+v, want 503 after 4 attempts", f)
				}
				if n := r.p.Requests("/bao-tri"); n != 4 {
					t.Errorf("/bao-tri requested %d times, want 1 + 3 retries", n)
				}
				// Exponential backoff (10ms base) unless Retry-After is longer.
				if len(r.waits) != 3 || r.waits[0] != time.Second {
					t.Errorf("waits %v", r.waits)
				}
			}},
		{name: "slow server", faults: portalsim.Faults{SlowPath: "/cham", SlowDelay: time.Minute},
			src: func(s *crawler.Source) { s.Politeness.Timeout = 300 * time.Millisecond; s.Politeness.Retries = 1 },
			check: func(t *testing.T, r faultRun) {
				f := r.failure(t, crawler.ResultTimeout)
				if f.Attempts != 2 || !strings.HasSuffix(f.URL, "/cham") {
					t.Errorf("failure %+v", f)
				}
			}},
		{name: "redirect loop", faults: portalsim.Faults{RedirectLoopPath: "/vong-lap"},
			check: func(t *testing.T, r faultRun) {
				r.failure(t, crawler.ResultRedirect)
				if n := r.p.Requests("/vong-lap"); n < 2 || n > 6 {
					t.Errorf("/vong-lap requested %d times", n)
				}
			}},
		{name: "redirect off the allowed hosts", faults: portalsim.Faults{OffHostRedirectPath: "/ngoai"},
			check: func(t *testing.T, r faultRun) {
				f := r.failure(t, crawler.ResultOffHost)
				if !strings.HasSuffix(f.URL, "/ngoai") || !strings.Contains(f.Error, "offhost.invalid") {
					t.Errorf("failure %+v", f)
				}
			}},
		{name: "off-host links", faults: portalsim.Faults{OffHostLinks: true},
			src: func(s *crawler.Source) { // patterns that match any host: the host check is what stops them
				s.ListingPattern = `^https?://[^/]+` + crawler.HanoiListingPath
				s.ArticlePattern = `^https?://[^/]+` + crawler.HanoiArticlePath
			},
			check: func(t *testing.T, r faultRun) {
				if n := r.rep.Results[crawler.ResultOffHost]; n < 2 || r.rep.Failed != 0 {
					t.Errorf("off-host links skipped: %d, failed %d", n, r.rep.Failed)
				}
			}},
		{name: "tracking-parameter duplicates", faults: portalsim.Faults{TrackingLinks: true},
			check: func(t *testing.T, r faultRun) {
				for _, uri := range r.p.RequestLog() {
					if strings.Contains(uri, "utm_") || strings.Contains(uri, "clid") {
						t.Fatalf("requested %s", uri)
					}
				}
				for _, a := range r.p.Articles() {
					if n := r.p.Requests(a.Path); n != 1 {
						t.Errorf("%s requested %d times", a.Path, n)
					}
				}
			}},
		{name: "malformed HTML", faults: portalsim.Faults{MalformedHTML: true}},
		{name: "windows-1258", faults: portalsim.Faults{Windows1258: true}, check: checkText},
		{name: "decomposed unicode", faults: portalsim.Faults{Decomposed: true}, check: checkText},
		{name: "5 MB page", faults: portalsim.Faults{HugeArticleBytes: 5 << 20},
			check: func(t *testing.T, r faultRun) {
				huge := 0
				for _, e := range r.rec.events() {
					huge = max(huge, len(e.Body))
				}
				if huge < 5<<20 {
					t.Errorf("largest body published: %d bytes", huge)
				}
			}},
		{name: "over-limit page", faults: portalsim.Faults{HugeArticleBytes: 2 << 20},
			src: func(s *crawler.Source) { s.Limits.MaxBodyBytes = 1 << 20 },
			keep: func(a portalsim.Article) bool {
				return len(strings.Join(a.Paragraphs, "")) < 1<<20
			},
			check: func(t *testing.T, r faultRun) {
				f := r.failure(t, crawler.ResultTooLarge)
				if !strings.Contains(f.URL, "view_content") || f.Status != 200 {
					t.Errorf("failure %+v", f)
				}
				truncated := 0
				files, _ := filepath.Glob(filepath.Join(r.warcDir, "*.warc.gz"))
				for _, file := range files {
					_ = crawler.ScanWARC(file, func(rec crawler.WARCRecord) error {
						if rec.Truncated {
							truncated++
						}
						return nil
					})
				}
				if truncated != 1 {
					t.Errorf("%d truncated WARC records, want the over-limit page archived once", truncated)
				}
			}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := startPortal(t, portalsim.Config{Seed: int64(10 + i), District: "thanhtri", Articles: 36, Faults: tt.faults})
			id := strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(tt.name))
			id = strings.Map(func(r rune) rune {
				if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
					return r
				}
				return -1
			}, id)
			src := hanoiSource(id, p.URL())
			if tt.src != nil {
				tt.src(&src)
			}
			dir := filepath.Join(t.TempDir(), "warc")
			archive, err := crawler.OpenArchive(dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer archive.Close()
			w := &waits{}
			rec := &recorder{}
			c := crawler.New(rec, quiet, nil, crawler.WithState(state), crawler.WithArchive(archive), crawler.WithSleep(w.sleep))
			rep, err := c.Crawl(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			keep := tt.keep
			if keep == nil {
				keep = all
			}
			checkPublished(t, rec, canonicalURLs(t, p.Articles(), keep))
			failures, err := state.Failures(context.Background(), src.ID)
			if err != nil {
				t.Fatal(err)
			}
			if int64(len(failures)) != rep.Failed || len(rep.Failures) != len(failures) {
				t.Errorf("report counts %d failures (%d listed), the state bucket has %d: %+v", rep.Failed, len(rep.Failures), len(failures), failures)
			}
			if tt.check == nil && rep.Failed != 0 {
				t.Errorf("failures: %+v", failures)
			}
			if tt.check != nil {
				w.mu.Lock()
				ws := append([]time.Duration(nil), w.d...)
				w.mu.Unlock()
				tt.check(t, faultRun{p: p, rep: rep, rec: rec, failures: failures, waits: ws, warcDir: dir})
			}
		})
	}
}

// checkText checks that every published body is valid UTF-8 in NFC and
// carries the article's title, and that the original content type is kept.
func checkText(t *testing.T, r faultRun) {
	titles := map[string]string{}
	for _, a := range r.p.Articles() {
		u, _ := crawler.Canonical(a.URL)
		titles[u] = a.Title
	}
	for _, e := range r.rec.events() {
		if !utf8.ValidString(e.Body) || !norm.NFC.IsNormalString(e.Body) {
			t.Fatalf("%s: body is not UTF-8 NFC", e.URL)
		}
		if !strings.Contains(e.Body, titles[e.URL]) {
			t.Errorf("%s: body does not contain the title %q", e.URL, titles[e.URL])
		}
		if !strings.HasPrefix(e.ContentType, "text/html") {
			t.Errorf("%s: content type %q", e.URL, e.ContentType)
		}
	}
}

// TestRecrawl checks incremental recrawls: an unchanged portal publishes
// nothing and costs at most a tenth of the requests of its full crawl (the
// portal's own request log counts them); a changed article is republished
// once; a new article is found without walking the whole site again; with
// no sitemap the listings are walked and due articles asked conditionally.
func TestRecrawl(t *testing.T) {
	p := startPortal(t, portalsim.Config{Seed: 21, District: "sontay", Articles: 120, PageSize: 10})
	n := startNATS(t, "")
	rec := &recorder{}
	c := crawler.New(rec, quiet, nil, crawler.WithState(n.state(t)))
	src := hanoiSource("sontay", p.URL())
	ctx := context.Background()
	first, err := c.Crawl(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	total := len(p.Articles())
	if first.Published != int64(total) || first.Incremental {
		t.Fatalf("first crawl: %+v", first.Stats)
	}
	full := len(p.RequestLog())
	articleRequests := func() int {
		n := 0
		for _, uri := range p.RequestLog() {
			if strings.Contains(uri, "/-/view_content/") {
				n++
			}
		}
		return n
	}

	t.Run("unchanged", func(t *testing.T) {
		for i := range 2 { // the sitemap read, then the sitemap not modified
			rec.reset()
			before, articles, sitemaps := len(p.RequestLog()), articleRequests(), p.Requests("/sitemap.xml")
			cond := p.ConditionalRequests()
			rep, err := c.Crawl(ctx, src)
			if err != nil {
				t.Fatal(err)
			}
			reqs := len(p.RequestLog()) - before
			t.Logf("recrawl %d: %d requests, full crawl %d (%.1f%%)", i+1, reqs, full, 100*float64(reqs)/float64(full))
			if rep.Published != 0 || rec.n != 0 || !rep.Incremental {
				t.Errorf("published %d (%d events), incremental %v", rep.Published, rec.n, rep.Incremental)
			}
			if reqs*10 > full {
				t.Errorf("recrawl made %d requests, more than a tenth of the full crawl's %d", reqs, full)
			}
			if got := articleRequests() - articles; got != 0 {
				t.Errorf("recrawl requested %d known articles none of which is due", got)
			}
			if got := p.Requests("/sitemap.xml") - sitemaps; got != 1 {
				t.Errorf("sitemap requested %d times", got)
			}
			if got := p.ConditionalRequests() - cond; got != i {
				t.Errorf("recrawl %d made %d conditional requests, want %d (the sitemap's second read)", i+1, got, i)
			}
			if i == 0 && rep.Results[crawler.ResultNotDue] != int64(total) {
				t.Errorf("not due: %d, want %d", rep.Results[crawler.ResultNotDue], total)
			}
		}
	})

	t.Run("changed article", func(t *testing.T) {
		a := p.Articles()[0]
		if err := p.UpdateArticle(a.Path, "Cập nhật: số liệu đã được điều chỉnh."); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			rec.reset()
			rep, err := c.Crawl(ctx, src)
			if err != nil {
				t.Fatal(err)
			}
			want := int64(1 - i) // once, then never again
			if rep.Published != want || int64(rec.n) != want {
				t.Fatalf("crawl %d after the change published %d, want %d", i+1, rep.Published, want)
			}
			if want == 1 && !strings.Contains(rec.events()[0].Body, "số liệu đã được điều chỉnh") {
				t.Error("the republished body is not the changed one")
			}
		}
	})

	t.Run("new article", func(t *testing.T) {
		rec.reset()
		a, err := p.AddArticle("kinh-te", "Huyện Sơn Tây hoàn thành thu ngân sách năm", "Thu ngân sách đạt 105% dự toán.")
		if err != nil {
			t.Fatal(err)
		}
		before := articleRequests()
		rep, err := c.Crawl(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := crawler.Canonical(a.URL)
		if rep.Published != 1 || rec.byURL[u] != 1 {
			t.Errorf("published %d, new article %d times", rep.Published, rec.byURL[u])
		}
		if fetched := articleRequests() - before; fetched >= total/2 {
			t.Errorf("requested %d of %d articles to find one new", fetched, total)
		}
	})

	t.Run("listing walk, every article due", func(t *testing.T) {
		walk := src
		walk.Recrawl.Sitemap, walk.Recrawl.Revisit = crawler.RecrawlSitemapOff, -1
		rec.reset()
		before, cond, sitemaps := articleRequests(), p.ConditionalRequests(), p.Requests("/sitemap.xml")
		rep, err := c.Crawl(ctx, walk)
		if err != nil {
			t.Fatal(err)
		}
		fetched := articleRequests() - before
		if rep.Published != 0 || rec.n != 0 || !rep.Incremental || p.Requests("/sitemap.xml") != sitemaps {
			t.Errorf("published %d (%d events), incremental %v", rep.Published, rec.n, rep.Incremental)
		}
		if got := p.ConditionalRequests() - cond; got != fetched || got == 0 || rep.Unchanged != int64(got) {
			t.Errorf("%d conditional requests for %d article requests, %d unchanged", got, fetched, rep.Unchanged)
		}
		if fetched >= total/2 {
			t.Errorf("recrawl requested %d of %d articles: it walked the whole site", fetched, total)
		}
	})

	t.Run("full walk on request", func(t *testing.T) {
		rec.reset()
		before := articleRequests()
		rep, err := c.Crawl(ctx, src, crawler.Full())
		if err != nil {
			t.Fatal(err)
		}
		if rep.Published != 0 || articleRequests()-before != len(p.Articles()) {
			t.Errorf("full recrawl: published %d, requested %d of %d", rep.Published, articleRequests()-before, len(p.Articles()))
		}
	})
}
