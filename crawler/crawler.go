// Package crawler fetches articles from district portals with Colly and
// publishes them as dra.article.fetched events: sources and their
// validation, robots.txt and per-host politeness, retries, incremental
// recrawl against a JetStream KV bucket, the WARC archive, and the
// scheduler and workers that share crawl jobs over JetStream.
package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/event"
)

// Publisher publishes one message with a de-duplication ID (bus.Conn).
type Publisher interface {
	Publish(ctx context.Context, subject, msgID string, payload []byte) error
}

// Results of one URL: the result label of dra_crawler_pages_total and the
// reason of a recorded Failure.
const (
	ResultPublished    = "published"         // new or changed article, published
	ResultUnchanged    = "unchanged"         // article known with the same content (304 or same hash)
	ResultListing      = "listing"           // listing or start page, links followed
	ResultFrontier     = "known_listing"     // listing page with no new article past the known depth: links not followed
	ResultTooLarge     = "too_large"         // body over limits.max_body_bytes: archived truncated, not published
	ResultHTTPError    = "http_error"        // final status >= 400 (after retries for 5xx and 429)
	ResultNetworkError = "network_error"     // connection failed after retries
	ResultTimeout      = "timeout"           // politeness.timeout passed on every attempt
	ResultRedirect     = "redirect_error"    // redirect loop or chain too long
	ResultOffHost      = "off_host"          // link or redirect to a host outside allowed_hosts: never requested
	ResultPrivate      = "private_address"   // host resolves to a private or loopback address: never connected
	ResultRobots       = "robots_disallowed" // robots.txt disallows it: never requested
	ResultMaxPages     = "max_pages"         // limits.max_pages reached: not requested
	ResultMaxDepth     = "max_depth"         // limits.max_depth reached: not requested
	ResultPublishError = "publish_error"     // fetched but not published (NATS): the crawl fails and is retried
	ResultArchiveError = "archive_error"     // the WARC write failed: not published

	// Results of a wayback source (see wayback.go).
	ResultCapturedRedirect = "captured_redirect" // the archive captured a 3xx: recorded, not published
	ResultCapturedError    = "captured_error"    // the archive captured a 4xx or 5xx page: recorded, not published
	ResultListingCapture   = "listing_capture"   // a listing page capture: counted, not fetched (the index lists the articles)
)

// Stats counts what one crawl did.
type Stats struct {
	Pages     int64 `json:"pages"`     // responses received, 304 included
	Published int64 `json:"published"` // new or changed articles published
	Unchanged int64 `json:"unchanged"` // known articles with the same content
	Listings  int64 `json:"listings"`  // listing and start pages
	Failed    int64 `json:"failed"`    // URLs given up on; each has a Failure
	Skipped   int64 `json:"skipped"`   // URLs not requested: robots, off-host, limits
	Retries   int64 `json:"retries"`
}

// Report is the outcome of one crawl; the last one is kept in the state
// bucket (source.<id>).
type Report struct {
	Source      string    `json:"source"`
	Started     time.Time `json:"started"`
	Finished    time.Time `json:"finished"`
	Incremental bool      `json:"incremental"`
	Stats
	// Results counts URLs by result (the labels of dra_crawler_pages_total).
	Results map[string]int64 `json:"results"`
	// Delays is the delay applied per host (politeness.delay or Crawl-delay).
	Delays map[string]time.Duration `json:"delays"`
	// RetryWaits are the waits before retries, in order (at most 100).
	RetryWaits []time.Duration `json:"retry_waits,omitempty"`
	// Failures are the URLs given up on (at most 100; all are in the state bucket).
	Failures []Failure `json:"failures,omitempty"`
}

// Crawler runs crawls of sources. One Crawler serves a process; its
// crawls may run concurrently.
type Crawler struct {
	pub     Publisher
	state   *State
	archive *Archive
	logger  *slog.Logger
	m       *metrics
	now     func() time.Time
	sleep   func(ctx context.Context, d time.Duration) error
	// leaseTTL is the TTL of the crawl lease on a source (DefaultLeaseTTL).
	leaseTTL time.Duration
	// serverLimit also leases the IP addresses of a source's hosts (WithServerLimit).
	serverLimit bool
	// resolve, if set, is the address to dial for a host:port (WithResolve).
	resolve func(string) string
}

// Option configures a Crawler.
type Option func(*Crawler)

// WithState keeps validators, hashes and failures in the KV bucket, which
// turns recrawls incremental. Without it every crawl is a first crawl.
func WithState(s *State) Option { return func(c *Crawler) { c.state = s } }

// WithArchive writes every request and response to WARC files.
func WithArchive(a *Archive) Option { return func(c *Crawler) { c.archive = a } }

// WithSleep replaces the wait between retries (tests record the waits).
func WithSleep(fn func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Crawler) { c.sleep = fn }
}

// WithLeaseTTL sets how long the lease a crawl holds on its source in the
// state bucket outlives its holder's last heartbeat (default
// DefaultLeaseTTL): after a crash another crawl of the source waits this
// long at most.
func WithLeaseTTL(d time.Duration) Option { return func(c *Crawler) { c.leaseTTL = d } }

// New returns a crawler publishing to pub. reg may be nil.
func New(pub Publisher, logger *slog.Logger, reg prometheus.Registerer, opts ...Option) *Crawler {
	if logger == nil {
		logger = slog.Default()
	}
	c := &Crawler{pub: pub, logger: logger.With("component", "crawler"), m: newMetrics(reg), now: time.Now, sleep: sleepCtx,
		leaseTTL: DefaultLeaseTTL}
	for _, o := range opts {
		o(c)
	}
	return c
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// CrawlOption configures one crawl.
type CrawlOption func(*crawlOptions)

type crawlOptions struct {
	full     bool
	progress func(Stats)
}

// Full walks the whole site even when the source has a completed crawl on
// record (requests for known articles are still conditional).
func Full() CrawlOption { return func(o *crawlOptions) { o.full = true } }

// OnProgress is called after every URL with the running counts.
func OnProgress(fn func(Stats)) CrawlOption { return func(o *crawlOptions) { o.progress = fn } }

// node is a URL queued in one crawl.
type node struct {
	url   string
	depth int  // link hops from a start URL
	root  bool // a start URL: always fetched and walked
	// run is the number of consecutive listing pages without a new article
	// on the path that led here (see Recrawl.KnownDepth).
	run int
}

// crawl is the state of one crawl.
type crawl struct {
	c           *Crawler
	src         *Source
	log         *slog.Logger
	col         *colly.Collector
	robots      *robots
	opts        crawlOptions
	incremental bool
	// bg is the crawl's context, for state writes outside Colly (a wayback
	// crawl has no collector).
	bg context.Context

	mu    sync.Mutex
	known map[string]PageState // article pages by article ID (Source.ArticleID)
	nodes map[string]node
	// queue holds URLs waiting for one of maxInflight request slots: Colly
	// starts a goroutine per request at once, so a big site fed to it
	// eagerly would hold tens of thousands of them.
	queue       []string
	inflight    int
	maxInflight int
	skipped     map[string]bool
	// sitemaps, set on a recrawl planned from the sitemaps (recrawl.go),
	// are their validators; the listings are not walked.
	sitemaps map[string]SitemapState
	rep      Report
	firstErr error
}

// Crawl walks one source from its start URLs through its listing pages,
// publishing every new or changed article, and returns when the walk is done
// or ctx is cancelled. Failures of single URLs are recorded (Report, state
// bucket, metrics), not returned: the error is for what must be retried as
// a whole (an article that could not be published, a cancelled crawl).
//
// With a state bucket, one crawl of a source runs at a time across every
// process: a crawl holds the lease lease.<source> (renewed every third of
// its TTL) and another crawl of the source waits for it; the lease of a
// process that died expires after the TTL.
func (c *Crawler) Crawl(ctx context.Context, src Source, opts ...CrawlOption) (Report, error) {
	if err := src.Compile(); err != nil {
		return Report{}, err
	}
	if c.state != nil {
		l, err := c.state.acquireLease(ctx, leaseKey(src.ID), newHolder(), c.leaseTTL, c.now, func(r leaseRecord) {
			c.logger.Info("waiting for another crawl of the source to end", "source", src.ID, "holder", r.Holder,
				"expires", r.Expires)
		})
		if err != nil {
			return Report{Source: src.ID}, fmt.Errorf("crawl lease of %s: %w", src.ID, err)
		}
		lctx, cancel := context.WithCancelCause(ctx)
		l.keep(cancel)
		defer func() { l.release(); cancel(nil) }()
		ctx = lctx
	}
	if src.Kind == KindWayback {
		return c.crawlArchive(ctx, &src, opts)
	}
	// Incremental only after a crawl that completed: an interrupted one may
	// have left listings half walked.
	cr, hist, err := c.start(ctx, &src, opts, func(cr *crawl, hist SourceState) bool {
		return !cr.opts.full && src.Recrawl.KnownDepth >= 0 && !hist.LastCompleted.IsZero() &&
			!hist.LastCompleted.Before(hist.LastStarted)
	})
	if err != nil {
		return cr.rep, err
	}

	f := newFetcher(cr.src, c.archive, c.sleep, c.now, cr.onRetry)
	defer f.close()
	f.delay = cr.delay
	pace := newPacer(cr.gap, c.now)
	ctx, held, releaseHosts, err := c.holdHosts(ctx, &src, pace) // one crawl per host (and server) across the fleet
	if err != nil {
		return cr.rep, err
	}
	defer releaseHosts()
	f.dialVia(held.route(c.resolve))
	f.before = func(ctx context.Context, host string) error {
		if err := pace.wait(ctx, host, c.sleep); err != nil {
			return err
		}
		return held.check() // the leases still held, after the wait
	}
	client := &http.Client{Transport: f}
	cr.robots = newRobots(client, src.UserAgent, src.Politeness.IgnoreRobots)

	col := colly.NewCollector(
		colly.Async(true),
		colly.StdlibContext(ctx),
		colly.AllowedDomains(src.AllowedHosts...),
		colly.UserAgent(src.UserAgent),
		colly.MaxBodySize(0), // the fetcher enforces limits.max_body_bytes and records what passes it
	)
	// DRA checks robots.txt itself before every request, start URLs and
	// redirects included, and honours Crawl-delay, which Colly's own check
	// does not read: Colly's check stays off.
	col.IgnoreRobotsTxt = true
	col.SetClient(client)
	col.SetRedirectHandler(cr.redirect)
	if err := cr.limits(ctx, col); err != nil {
		return cr.rep, err
	}
	cr.col = col
	cr.maxInflight = 4*src.Politeness.Parallelism*len(cr.rep.Delays) + 8
	col.OnRequest(cr.onRequest)
	col.OnResponse(cr.onResponse)
	col.OnHTML("html", cr.onHTML)
	col.OnError(cr.onError)
	col.OnError(func(r *colly.Response, _ error) { cr.release(r.Ctx) })
	col.OnScraped(func(r *colly.Response) { cr.release(r.Ctx) })

	if !cr.incremental || !cr.planRecrawl(ctx, client, hist) {
		for _, s := range src.StartURLs {
			u, err := CheckURL(s)
			if err != nil {
				return cr.rep, err
			}
			cr.enqueue(ctx, u, node{root: true})
		}
	}
	col.Wait()

	cr.mu.Lock()
	firstErr := cr.firstErr
	if cr.sitemaps != nil && firstErr == nil && cr.rep.Failed == 0 {
		hist.Sitemaps = cr.sitemaps // what they listed is all in: the next request is conditional
	}
	cr.mu.Unlock()
	return cr.finish(ctx, hist, firstErr)
}

// start sets up a crawl of src, live or from an archive: options, the
// source's state and known pages (when there is a state bucket), whether it
// is incremental (decided by incremental from the state), and the start
// recorded in the source's state.
func (c *Crawler) start(ctx context.Context, src *Source, opts []CrawlOption, incremental func(*crawl, SourceState) bool) (*crawl, SourceState, error) {
	cr := &crawl{c: c, src: src, log: c.logger.With("source", src.ID), known: map[string]PageState{}, bg: ctx,
		nodes: map[string]node{}, skipped: map[string]bool{},
		rep: Report{Source: src.ID, Started: c.now().UTC(), Results: map[string]int64{}, Delays: map[string]time.Duration{}}}
	for _, o := range opts {
		o(&cr.opts)
	}
	var hist SourceState
	if c.state != nil {
		var err error
		if hist, err = c.state.Source(ctx, src.ID); err != nil {
			return cr, hist, err
		}
		if !hist.IdentityKeys {
			n, err := c.state.migrateKeys(ctx, src)
			if err != nil {
				return cr, hist, err
			}
			if n > 0 {
				cr.log.Info("crawl state moved to identity keys", "records", n)
			}
			hist.IdentityKeys = true
		}
		if cr.known, err = c.state.pagesByID(ctx, src.ID); err != nil {
			return cr, hist, err
		}
		cr.incremental = incremental(cr, hist)
		hist.LastStarted = cr.rep.Started
		if err := c.state.PutSource(ctx, src.ID, hist); err != nil {
			return cr, hist, err
		}
	}
	cr.rep.Incremental = cr.incremental
	return cr, hist, nil
}

// limits sets one Colly limit rule per host: parallelism and delay, the
// larger of politeness.delay and robots.txt's Crawl-delay (which also
// brings parallelism to 1).
func (cr *crawl) limits(ctx context.Context, col *colly.Collector) error {
	p := cr.src.Politeness
	seen := map[string]bool{}
	var rules []*colly.LimitRule
	for _, s := range cr.src.StartURLs {
		u, err := url.Parse(s)
		if err != nil || seen[u.Host] {
			continue
		}
		seen[u.Host] = true
		delay, par := p.Delay, p.Parallelism
		if d := cr.robots.delay(ctx, u); d > 0 {
			delay, par = max(delay, d), 1
		}
		cr.mu.Lock()
		cr.rep.Delays[u.Host] = delay
		cr.mu.Unlock()
		rules = append(rules, &colly.LimitRule{DomainGlob: quoteGlob(u.Host), Parallelism: par, Delay: delay})
	}
	for _, h := range cr.src.AllowedHosts {
		if strings.Contains(h, ":") { // an IPv6 address: the URL's host has it in brackets
			h = "[" + h + "]"
		}
		for _, g := range []string{quoteGlob(h), quoteGlob(h) + ":*"} {
			rules = append(rules, &colly.LimitRule{DomainGlob: g, Parallelism: p.Parallelism, Delay: p.Delay})
		}
	}
	return col.Limits(rules)
}

// delay is the wait between two requests to host: the one limits set for
// a start URL's host (robots.txt's Crawl-delay included), else
// politeness.delay. The fetcher applies it to redirect hops and retries,
// which Colly's limit rules do not see.
func (cr *crawl) delay(host string) time.Duration {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if d, ok := cr.rep.Delays[host]; ok {
		return d
	}
	return cr.src.Politeness.Delay
}

// quoteGlob escapes a host for a LimitRule's glob: the brackets of an
// IPv6 literal would be a character class.
func quoteGlob(h string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "*", `\*`, "?", `\?`, "{", `\{`, "}", `\}`).Replace(h)
}

// redirect follows redirects only within the allowed hosts (Colly checks
// them before this), to URLs robots.txt allows, at most maxRedirects.
func (cr *crawl) redirect(req *http.Request, via []*http.Request) error {
	if err := checkRedirects(req, via); err != nil {
		return err
	}
	if !cr.robots.allowed(req.Context(), req.URL) {
		return fmt.Errorf("redirect to %s: %w", req.URL, errRobots)
	}
	return nil
}

var errRobots = errors.New("disallowed by robots.txt")

// checkRedirects stops a redirect chain after maxRedirects.
func checkRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: %d, last %s", ErrTooManyRedirects, len(via), req.URL)
	}
	return nil
}

// onRetry records a retry the fetcher makes: in the report and the metrics.
func (cr *crawl) onRetry(reason string, wait time.Duration) {
	cr.mu.Lock()
	cr.rep.Retries++
	if len(cr.rep.RetryWaits) < 100 {
		cr.rep.RetryWaits = append(cr.rep.RetryWaits, wait)
	}
	cr.mu.Unlock()
	cr.c.m.retries.WithLabelValues(cr.src.ID, reason).Inc()
}

// skip counts a URL that is not requested, once per crawl.
func (cr *crawl) skip(u, result string) {
	cr.mu.Lock()
	if cr.skipped[u] {
		cr.mu.Unlock()
		return
	}
	cr.skipped[u] = true
	cr.rep.Skipped++
	cr.rep.Results[result]++
	st := cr.rep.Stats
	cr.mu.Unlock()
	cr.c.m.pages.WithLabelValues(cr.src.ID, result).Inc()
	cr.log.Debug("skipped", "url", u, "result", result)
	cr.progress(st)
}

func (cr *crawl) progress(st Stats) {
	if cr.opts.progress != nil {
		cr.opts.progress(st)
	}
}

// enqueue requests u once per crawl, within the limits and robots.txt.
func (cr *crawl) enqueue(ctx context.Context, u string, n node) {
	pu, err := url.Parse(u)
	if err != nil {
		return
	}
	if !cr.src.AllowsHost(pu.Hostname()) {
		cr.skip(u, ResultOffHost)
		return
	}
	if cr.skipNotDue(u, n) {
		return
	}
	cr.mu.Lock()
	if _, ok := cr.nodes[u]; ok {
		cr.mu.Unlock()
		return
	}
	if lim := cr.src.Limits.MaxDepth; lim > 0 && n.depth > lim {
		cr.mu.Unlock()
		cr.skip(u, ResultMaxDepth)
		return
	}
	if lim := cr.src.Limits.MaxPages; lim > 0 && len(cr.nodes) >= lim { // every node is a request
		cr.mu.Unlock()
		cr.skip(u, ResultMaxPages)
		return
	}
	n.url = u
	cr.nodes[u] = n
	cr.mu.Unlock()
	if !cr.robots.allowed(ctx, pu) {
		cr.skip(u, ResultRobots)
		return
	}
	cr.mu.Lock()
	cr.queue = append(cr.queue, u)
	cr.mu.Unlock()
	cr.pump(ctx)
}

// pump starts queued requests while request slots are free.
func (cr *crawl) pump(ctx context.Context) {
	for {
		cr.mu.Lock()
		if len(cr.queue) == 0 || cr.inflight >= cr.maxInflight || ctx.Err() != nil {
			cr.mu.Unlock()
			return
		}
		u := cr.queue[0]
		cr.queue[0] = ""
		cr.queue = cr.queue[1:]
		cr.inflight++
		cr.mu.Unlock()
		cctx := colly.NewContext()
		cctx.Put("url", u)
		if err := cr.col.Request(http.MethodGet, u, nil, cctx, nil); err != nil {
			// Refused before any request: no callback will release the slot.
			cr.mu.Lock()
			cr.inflight--
			cr.mu.Unlock()
			var av *colly.AlreadyVisitedError
			if !errors.As(err, &av) && ctx.Err() == nil {
				cr.fail(u, ResultOffHost, 0, 0, err)
			}
		}
	}
}

// release frees the request slot of a finished request (once, though
// Colly may call OnError after OnHTML as well as OnScraped).
func (cr *crawl) release(ctx *colly.Context) {
	cr.mu.Lock()
	if ctx.Get("released") != "" {
		cr.mu.Unlock()
		return
	}
	ctx.Put("released", "1")
	cr.inflight--
	cr.mu.Unlock()
	cr.pump(cr.col.Context)
}

func (cr *crawl) nodeOf(ctx *colly.Context) node {
	u := ctx.Get("url")
	cr.mu.Lock()
	defer cr.mu.Unlock()
	return cr.nodes[u]
}

// onRequest makes requests for known articles conditional.
func (cr *crawl) onRequest(r *colly.Request) {
	id := cr.src.ArticleID(r.Ctx.Get("url"))
	cr.mu.Lock()
	p, ok := cr.known[id]
	cr.mu.Unlock()
	if !ok {
		return
	}
	if p.ETag != "" {
		r.Headers.Set("If-None-Match", p.ETag)
	}
	if p.LastModified != "" {
		r.Headers.Set("If-Modified-Since", p.LastModified)
	}
}

// finalURL is the canonical URL of the response (after redirects).
func finalURL(r *colly.Response) string {
	if u, err := Canonical(r.Request.URL.String()); err == nil {
		return u
	}
	return r.Ctx.Get("url")
}

func (cr *crawl) onResponse(r *colly.Response) {
	u := finalURL(r)
	if !cr.src.IsArticle(u) {
		cr.mu.Lock()
		cr.rep.Pages++
		cr.rep.Listings++
		cr.rep.Results[ResultListing]++
		st := cr.rep.Stats
		cr.mu.Unlock()
		cr.c.m.pages.WithLabelValues(cr.src.ID, ResultListing).Inc()
		r.Ctx.Put("follow", "listing")
		cr.progress(st)
		return
	}
	ctx := cr.col.Context
	key := cr.src.IdentityKey(u)
	id := event.KeyID(key)
	body := string(r.Body) // UTF-8 NFC: the fetcher decoded it
	hash := event.ContentHash(r.Body)
	p := PageState{URL: u, ETag: r.Headers.Get("ETag"), LastModified: r.Headers.Get("Last-Modified"), SHA256: hash,
		FetchedAt: cr.c.now().UTC()}
	p.CheckedAt = p.FetchedAt
	if file, off, rid, ok := parseWARCRef(*r.Headers); ok {
		p.WARC = &event.WARCRef{File: file, Offset: off, RecordID: rid}
	}
	cr.mu.Lock()
	prev, known := cr.known[id]
	cr.mu.Unlock()
	if known && prev.SHA256 == hash {
		// Same content without a 304: keep the archived record of the first
		// fetch; store new validators so the next request is conditional,
		// and the URL it is reached at now (another port, scheme or alias).
		if prev.ETag != p.ETag || prev.LastModified != p.LastModified || prev.URL != u {
			prev.ETag, prev.LastModified, prev.CheckedAt, prev.URL = p.ETag, p.LastModified, p.CheckedAt, u
			cr.putPage(ctx, id, prev)
			cr.mu.Lock()
			cr.known[id] = prev
			cr.mu.Unlock()
		}
		cr.unchanged(u)
		if !cr.incremental {
			r.Ctx.Put("follow", "article")
		}
		return
	}
	f := FetchedEvent(cr.src, Fetch{ID: id, Key: key, URL: u, FetchURL: r.Ctx.Get("url"), At: p.FetchedAt,
		Status: r.StatusCode, ContentType: r.Headers.Get(hdrContentType), ETag: p.ETag, LastModified: p.LastModified,
		Body: body, WARC: p.WARC})
	if err := cr.c.publish(ctx, f); err != nil {
		cr.mu.Lock()
		if cr.firstErr == nil {
			cr.firstErr = err
		}
		cr.mu.Unlock()
		cr.fail(u, ResultPublishError, r.StatusCode, 1, err)
		return
	}
	r.Ctx.Put("follow", "article")
	cr.published(ctx, id, p, "article_id", f.ArticleID)
}

// aliasKey is the IdentityKey of an ArticleFetched: key when it is not the
// URL's own key (the page was reached at one of its source's aliases).
func aliasKey(u, key string) string {
	if key == event.IdentityKey(u) {
		return ""
	}
	return key
}

// published records an article page that was published under id: its state
// (and the end of any earlier failure), the report, the metric, the log and
// progress. Live and archive crawls both end a published page here.
func (cr *crawl) published(ctx context.Context, id string, p PageState, logAttrs ...any) {
	u := p.URL
	cr.mu.Lock()
	prev, ok := cr.known[id]
	cr.mu.Unlock()
	if ok {
		p = p.withEarlier(prev)
	}
	cr.putPage(ctx, id, p)
	if cr.c.state != nil {
		if err := cr.c.state.ClearFailure(ctx, cr.src.ID, id); err != nil {
			cr.log.Warn("state", "url", u, "err", err)
		}
	}
	cr.mu.Lock()
	cr.known[id] = p
	cr.rep.Pages++
	cr.rep.Published++
	cr.rep.Results[ResultPublished]++
	st := cr.rep.Stats
	cr.mu.Unlock()
	cr.c.m.pages.WithLabelValues(cr.src.ID, ResultPublished).Inc()
	cr.log.Debug("published", append([]any{"url", u}, logAttrs...)...)
	cr.progress(st)
}

func (cr *crawl) putPage(ctx context.Context, id string, p PageState) {
	if cr.c.state == nil {
		return
	}
	if err := cr.c.state.PutPage(ctx, cr.src.ID, id, p); err != nil {
		cr.log.Warn("state", "url", p.URL, "err", err)
	}
}

// notModified records that a known article answered 304 at u: when it
// was checked and the URL it is reached at now (another port, scheme or
// alias of its source).
func (cr *crawl) notModified(u string) {
	id := cr.src.ArticleID(u)
	cr.mu.Lock()
	p, ok := cr.known[id]
	if ok {
		p.URL, p.CheckedAt = u, cr.c.now().UTC()
		cr.known[id] = p
	}
	cr.mu.Unlock()
	if ok {
		cr.putPage(cr.col.Context, id, p)
	}
}

func (cr *crawl) unchanged(u string) {
	cr.mu.Lock()
	cr.rep.Pages++
	cr.rep.Unchanged++
	cr.rep.Results[ResultUnchanged]++
	st := cr.rep.Stats
	cr.mu.Unlock()
	cr.c.m.pages.WithLabelValues(cr.src.ID, ResultUnchanged).Inc()
	cr.progress(st)
}

// onHTML follows the links of a page. Start pages are always walked. On a
// recrawl, a listing page with no new article extends the run of known
// listing pages; past Recrawl.KnownDepth of them its links are not
// followed, and an unchanged article's links never are.
func (cr *crawl) onHTML(e *colly.HTMLElement) {
	follow := e.Response.Ctx.Get("follow")
	if follow == "" || cr.sitemaps != nil { // a sitemap listed what is new
		return
	}
	ctx := cr.col.Context
	n := cr.nodeOf(e.Response.Ctx)
	var articles, listings []string
	seen := map[string]bool{}
	// The page's base: its URL, or its <base href> as Colly resolved it.
	base := e.Request.URL.String()
	if hasBaseTag(e.Response.Body) {
		base = e.Request.AbsoluteURL("")
	}
	res := newResolver(base, e.Request.AbsoluteURL)
	e.DOM.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		u, host := res.resolve(href)
		if u == "" || seen[u] {
			return
		}
		seen[u] = true
		if host == "" { // resolved the long way
			pu, err := url.Parse(u)
			if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
				return
			}
			host = pu.Hostname()
		}
		if !cr.src.AllowsHost(host) {
			cr.skip(u, ResultOffHost)
			return
		}
		switch {
		case cr.src.IsArticle(u):
			articles = append(articles, u)
		case cr.src.IsListing(u):
			listings = append(listings, u)
		}
	})
	run := 0
	if follow == "listing" && !n.root {
		ids := make([]string, len(articles))
		for i, a := range articles {
			ids[i] = cr.src.ArticleID(a)
		}
		fresh := false
		cr.mu.Lock()
		for _, id := range ids {
			if _, ok := cr.known[id]; !ok {
				fresh = true
				break
			}
		}
		cr.mu.Unlock()
		if !fresh {
			run = n.run + 1
		}
		if cr.incremental && run > cr.src.Recrawl.KnownDepth {
			cr.mu.Lock()
			cr.rep.Results[ResultFrontier]++
			cr.mu.Unlock()
			cr.c.m.pages.WithLabelValues(cr.src.ID, ResultFrontier).Inc()
			return
		}
	}
	if follow == "article" {
		run = n.run
	}
	sort.Strings(articles)
	for _, a := range articles {
		cr.enqueue(ctx, a, node{depth: n.depth + 1, run: run})
	}
	for _, l := range listings {
		cr.enqueue(ctx, l, node{depth: n.depth + 1, run: run})
	}
}

func (cr *crawl) onError(r *colly.Response, err error) {
	u := r.Ctx.Get("url")
	if u == "" && r.Request != nil {
		u = r.Request.URL.String()
	}
	if r.StatusCode == http.StatusNotModified {
		cr.notModified(u)
		cr.unchanged(u)
		return
	}
	if cr.col.Context.Err() != nil {
		return // cancelled: not a failure of the URL
	}
	reason, status, attempts := classify(r, err)
	cr.fail(u, reason, status, attempts, err)
}

func classify(r *colly.Response, err error) (reason string, status, attempts int) {
	attempts, status = 1, r.StatusCode
	if r.Headers != nil {
		fmt.Sscan(r.Headers.Get(hdrAttempts), &attempts)
	}
	var fe *fetchError
	switch {
	case errors.As(err, &fe):
		return fe.Reason, fe.Status, fe.Attempts
	case errors.Is(err, ErrPrivateAddress):
		return ResultPrivate, status, attempts
	case errors.Is(err, colly.ErrForbiddenDomain), errors.Is(err, ErrOffHost):
		return ResultOffHost, status, attempts
	case errors.Is(err, errRobots):
		return ResultRobots, status, attempts
	case errors.Is(err, ErrTooManyRedirects):
		return ResultRedirect, status, attempts
	case status >= 400:
		return ResultHTTPError, status, attempts
	case status >= 300:
		return ResultRedirect, status, attempts
	case isTimeout(err):
		return ResultTimeout, status, attempts
	}
	return ResultNetworkError, status, attempts
}

// fail records that a URL was given up on: in the report, the state
// bucket (fail.<source>.<id>), the metrics and the log.
func (cr *crawl) fail(u, reason string, status, attempts int, err error) {
	f := Failure{URL: u, Reason: reason, Status: status, Attempts: attempts, At: cr.c.now().UTC()}
	if err != nil {
		f.Error = err.Error()
	}
	cr.mu.Lock()
	cr.rep.Failed++
	cr.rep.Results[reason]++
	if len(cr.rep.Failures) < 100 {
		cr.rep.Failures = append(cr.rep.Failures, f)
	}
	st := cr.rep.Stats
	cr.mu.Unlock()
	cr.c.m.pages.WithLabelValues(cr.src.ID, reason).Inc()
	cr.log.Warn("fetch failed", "url", u, "result", reason, "status", status, "attempts", attempts, "err", err)
	if cr.c.state != nil {
		if perr := cr.c.state.PutFailure(context.WithoutCancel(cr.bg), cr.src.ID, cr.src.ArticleID(u), f); perr != nil {
			cr.log.Warn("state", "url", u, "err", perr)
		}
	}
	cr.progress(st)
}

func (c *Crawler) publish(ctx context.Context, f event.ArticleFetched) error {
	payload, err := event.Encode(f)
	if err != nil {
		return err
	}
	// Same article, same content: the same message ID, so a re-crawl within
	// the de-duplication window collapses; changed content gets a new ID.
	return c.pub.Publish(ctx, event.SubjectFetched, f.ArticleID+"@"+f.ContentSHA256[:16], payload)
}

type metrics struct {
	pages, retries, crawls *prometheus.CounterVec
	lastSuccess            *prometheus.GaugeVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dra_crawler_pages_total", Help: "URLs handled by the crawler, by source and result.",
		}, []string{"source", "result"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dra_crawler_retries_total", Help: "Requests retried, by source and reason (status code, network, timeout).",
		}, []string{"source", "reason"}),
		crawls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dra_crawler_crawls_total", Help: "Crawls run, by source and status (complete, failed, cancelled).",
		}, []string{"source", "status"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "dra_crawler_last_success_timestamp_seconds",
			Help: "When the last crawl of the source that completed and fetched at least one page finished (Unix time).",
		}, []string{"source"}),
	}
	if reg != nil {
		reg.MustRegister(m.pages, m.retries, m.crawls, m.lastSuccess)
	}
	return m
}
