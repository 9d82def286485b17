// Package portalsim serves a simulated Hanoi district portal (the older
// Liferay layout of thanhtri.hanoi.gov.vn and its siblings) over real HTTP on
// loopback, for crawler, processor and end-to-end tests, the demo and
// benchmarks.
//
// A portal is deterministic: the same Seed and District give a byte-identical
// site. Every article is known in advance (Articles), including the figures
// written into report articles (Metrics) with the period each reports on.
// The portal publishes as real portals do: a year-end report per key group
// and year from FirstYear to LastYear (in December or January; the June 2025
// ones, the last before district level ended, are estimates), December
// estimates that a January report corrects, half-year reports, the party's
// term reports and news that repeat a past figure. Values come from the
// truth functions: Series (YearValue) for a year or a level at its end,
// HalfSeries for a half-year, TermTotal for a term; only a corrected
// estimate differs from them. The Thanh Trì portal also serves the real seed
// article. Faults turn on the misbehaviour of real portals.
//
// Config.Family serves the same kind of articles through the template zoo
// instead (zoo.go): other CMSs of Vietnamese government portals, randomised
// per seed, with the truth of every page (Portal.Truth).
package portalsim

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config describes one simulated portal.
type Config struct {
	Seed     int64  // same Seed and District give a byte-identical site
	District string // a name or slug from Districts()
	// Articles is the number of yearly reports and filler news (60 when 0).
	// Every district always has its 33 yearly reports (party, poverty and
	// budget for each year 2015..2025); the rest are filler news. The other
	// reports come on top, 22 per portal whatever the seed: 8 December
	// estimates, 6 half-year reports, 2 term reports and 6 news articles
	// that repeat a past figure. So do the seed article and the huge article.
	Articles int
	PageSize int // articles per listing page (10 when 0)
	Faults   Faults

	// Family is the template family (Families()); "" and FamilyHanoiLiferay
	// serve the Hanoi Liferay template above, byte for byte. For the other
	// families District names a unit of ZooUnits() ("" picks one of the
	// family's units by Seed), Articles is the number of articles served
	// (60 when 0, 30 on a commune's portal) and only the Latency and
	// HugeArticleBytes faults apply. See zoo.go.
	Family string
	// RebuildAfter switches a zoo portal to another template variant of its
	// family once it has served this many requests (0: never); see Rebuild.
	RebuildAfter int
}

// Faults are misbehaviours of real portals; the zero value has none.
type Faults struct {
	Latency time.Duration // added before every response
	// HugeArticleBytes adds one article whose body paragraphs add up to at
	// least this many bytes.
	HugeArticleBytes int
	// Windows1258 serves article pages in Windows-1258 (declared in the
	// Content-Type and in <meta charset>), tones as combining marks.
	Windows1258 bool
	Decomposed  bool // article pages in NFD (ignored with Windows1258)
	// RateLimit429 and Fail503: the first RateLimit429 requests to each
	// article page get 429, the next Fail503 get 503, both with Retry-After: 1.
	RateLimit429        int
	Fail503             int
	RedirectLoopPath    string // this path redirects to itself; linked from the home page
	OffHostRedirectPath string // this path redirects to http://offhost.invalid/...; linked from the home page

	// RobotsDisallow adds Disallow lines to robots.txt (paths or prefixes).
	RobotsDisallow []string
	// CrawlDelay adds "Crawl-delay: <seconds>" to robots.txt.
	CrawlDelay time.Duration
	// Always503Path answers 503 with Retry-After: 1 forever; linked from the home page.
	Always503Path string
	// SlowPath answers only after SlowDelay (or when the client gives up);
	// linked from the home page.
	SlowPath  string
	SlowDelay time.Duration
	// MalformedHTML serves article pages with broken markup: closing tags
	// dropped, a stray unterminated tag, no </body></html>.
	MalformedHTML bool
	// TrackingLinks adds, next to every article link on the home and
	// listing pages, the same link with utm_*, fbclid and gclid parameters.
	TrackingLinks bool
	// OffHostLinks adds links to other hosts on the home page.
	OffHostLinks bool
	// GzipBombPath answers with a small gzip-encoded body (Content-Encoding:
	// gzip, Content-Type application/octet-stream) that inflates to
	// GzipBombBytes (1 GiB when 0); linked from the home page.
	GzipBombPath  string
	GzipBombBytes int64
	// RedirectPath redirects (302) to RedirectTarget, any absolute URL or
	// path; linked from the home page.
	RedirectPath   string
	RedirectTarget string

	// Spam injects into every article page the gambling spam hacked
	// portals carry: a hidden block of links inside the article, a linked
	// promotion paragraph with figures after the text, and a spam link in
	// the byline paragraph.
	Spam bool
}

// Portal is one simulated district portal.
type Portal struct {
	cfg     Config
	prof    *profile
	arts    []*Article // listing order, newest first
	today   time.Time  // the served date in the page header
	pages   map[string]*page
	handler http.Handler
	stop    chan struct{}

	mu   sync.Mutex
	log  []string
	at   []time.Time    // arrival of every request in log
	hits map[string]int // requests per article path, for the faults
	cond int            // requests with If-None-Match or If-Modified-Since
	// inflight and maxInflight count requests being served now and the
	// most at once (MaxInFlight).
	inflight, maxInflight int

	site sync.RWMutex // guards arts and pages against AddArticle and UpdateArticle

	zoo *zoo // the template family's state; nil for the Hanoi Liferay template

	life   sync.Mutex
	srv    *http.Server
	served chan struct{}
	base   string
	closed bool
}

// New builds the whole site in memory.
func New(cfg Config) (*Portal, error) {
	switch cfg.Family {
	case "", FamilyHanoiLiferay:
		if cfg.RebuildAfter != 0 {
			return nil, errors.New("portalsim: the hanoi-liferay template has no other variant to rebuild to")
		}
		if cfg.Family != "" && cfg.District == "" {
			units := findFamily(FamilyHanoiLiferay).info.Units
			cfg.District = units[uint64(cfg.Seed)%uint64(len(units))]
		}
	default:
		return newZooPortal(cfg)
	}
	prof := findProfile(cfg.District)
	if prof == nil {
		return nil, fmt.Errorf("portalsim: unknown district %q", cfg.District)
	}
	f := cfg.Faults
	switch {
	case cfg.Articles < 0 || cfg.PageSize < 0:
		return nil, errors.New("portalsim: negative Articles or PageSize")
	case f.Latency < 0 || f.HugeArticleBytes < 0 || f.RateLimit429 < 0 || f.Fail503 < 0:
		return nil, errors.New("portalsim: negative fault setting")
	case f.CrawlDelay < 0 || f.SlowDelay < 0:
		return nil, errors.New("portalsim: negative fault setting")
	case f.RedirectLoopPath != "" && !strings.HasPrefix(f.RedirectLoopPath, "/"),
		f.OffHostRedirectPath != "" && !strings.HasPrefix(f.OffHostRedirectPath, "/"),
		f.Always503Path != "" && !strings.HasPrefix(f.Always503Path, "/"),
		f.SlowPath != "" && !strings.HasPrefix(f.SlowPath, "/"),
		f.GzipBombPath != "" && !strings.HasPrefix(f.GzipBombPath, "/"),
		f.RedirectPath != "" && !strings.HasPrefix(f.RedirectPath, "/"):
		return nil, errors.New("portalsim: fault paths must start with /")
	}
	if cfg.Articles == 0 {
		cfg.Articles = 60
	}
	if cfg.PageSize == 0 {
		cfg.PageSize = 10
	}
	var seed *Article
	if prof.info.Slug == "thanhtri" {
		var err error
		if seed, err = seedArticle(); err != nil {
			return nil, err
		}
	}
	p := &Portal{cfg: cfg, prof: prof, stop: make(chan struct{}), hits: map[string]int{}}
	p.arts = generate(prof, cfg, seed)
	newest := p.arts[0].sortAt
	p.today = time.Date(newest.Year(), newest.Month(), newest.Day()+1+int(hash64(prof.info.Slug, fmt.Sprint(cfg.Seed))%20), 0, 0, 0, 0, hcm)
	if err := p.build(); err != nil {
		return nil, err
	}
	p.handler = http.HandlerFunc(p.serveHTTP)
	return p, nil
}

// District is the portal's district.
func (p *Portal) District() DistrictInfo { return p.prof.info }

// Handler serves the portal; it records requests and applies the faults, so
// it also works under httptest.
func (p *Portal) Handler() http.Handler { return p.handler }

// Start listens on 127.0.0.1 on a free port and returns the base URL.
func (p *Portal) Start() (string, error) {
	p.life.Lock()
	defer p.life.Unlock()
	if p.closed || p.srv != nil {
		return "", errors.New("portalsim: already started or closed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("portalsim: listen: %w", err)
	}
	p.srv = &http.Server{Handler: p.handler, ReadHeaderTimeout: 10 * time.Second}
	p.served = make(chan struct{})
	p.base = "http://" + ln.Addr().String()
	go func() {
		defer close(p.served)
		_ = p.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return p.base, nil
}

// URL is the base URL once started, else "".
func (p *Portal) URL() string {
	p.life.Lock()
	defer p.life.Unlock()
	return p.base
}

// Close stops the server and waits for it; it is safe to call twice.
func (p *Portal) Close() error {
	p.life.Lock()
	defer p.life.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	close(p.stop)
	if p.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := p.srv.Shutdown(ctx)
	if err != nil {
		err = errors.Join(err, p.srv.Close())
	}
	<-p.served
	return err
}

// Articles returns every article the portal serves, newest first.
func (p *Portal) Articles() []Article {
	base := p.URL()
	p.site.RLock()
	defer p.site.RUnlock()
	out := make([]Article, len(p.arts))
	for i, a := range p.arts {
		c := *a
		c.URL = base + a.Path
		c.Paragraphs = slices.Clone(a.Paragraphs)
		c.Authors = slices.Clone(a.Authors)
		c.Metrics = slices.Clone(a.Metrics)
		for j, m := range c.Metrics {
			if m.Target != nil {
				c.Metrics[j].Target = fp(*m.Target)
			}
			if m.PlanPercent != nil {
				c.Metrics[j].PlanPercent = fp(*m.PlanPercent)
			}
		}
		out[i] = c
	}
	return out
}

// ListingURLs are the first pages of the category listings.
func (p *Portal) ListingURLs() []string {
	base := p.URL()
	if p.zoo != nil {
		return p.zoo.listingURLs(base)
	}
	out := make([]string, len(categories))
	for i, c := range categories {
		out[i] = base + "/" + c.Slug
	}
	return out
}

// RequestLog is every request URI served so far, in order.
func (p *Portal) RequestLog() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.log)
}

// RequestTimes are the arrival times of the requests of RequestLog, in
// order (the truth of politeness tests).
func (p *Portal) RequestTimes() []time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.at)
}

// Requests counts the requests for path, whatever their query; a path
// ending in "/" counts everything under it, as robots.txt rules do.
func (p *Portal) Requests(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, uri := range p.log {
		u, _, _ := strings.Cut(uri, "?")
		if u == path || (strings.HasSuffix(path, "/") && strings.HasPrefix(u, path)) {
			n++
		}
	}
	return n
}

// MaxInFlight is the largest number of requests the portal served at once
// (counted from the request's arrival to the handler's return).
func (p *Portal) MaxInFlight() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.maxInflight
}

// ConditionalRequests counts the requests that carried If-None-Match or
// If-Modified-Since.
func (p *Portal) ConditionalRequests() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cond
}
