package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/place"
)

// Source kinds.
const (
	KindLive    = "live"    // crawl the portal itself
	KindWayback = "wayback" // read the portal's captures from a web archive
)

// ArchiveConfig is where and how a wayback source reads a portal's
// captures: a CDX index in the Wayback Machine's CDX server format and a
// replay endpoint serving captures raw (<replay_url>/<timestamp>id_/<url>).
// The source's start_urls are the URL prefixes looked up in the index; its
// article_pattern (and allowed hosts) select the captures kept.
type ArchiveConfig struct {
	// CDXURL is the CDX server, e.g. https://web.archive.org/cdx/search/cdx.
	CDXURL string `yaml:"cdx_url"`
	// ReplayURL is the replay prefix, e.g. https://web.archive.org/web.
	ReplayURL string `yaml:"replay_url"`
	// From and To bound the capture times: yyyyMMddhhmmss prefixes
	// ("2019", "20250630"), inclusive; empty: unbounded.
	From string `yaml:"from,omitempty"`
	To   string `yaml:"to,omitempty"`
	// Rate is the most requests per second DRA makes to this archive (CDX
	// and replay together; shared by every source of one archive host in a
	// process, the slowest rate wins). Default 1.
	Rate float64 `yaml:"rate,omitempty"`
	// PageSize is the number of CDX rows asked for per request (default 1000).
	PageSize int `yaml:"page_size,omitempty"`
}

func (a *ArchiveConfig) compile() []error {
	var errs []error
	for _, f := range []struct{ name, v string }{{"archive.cdx_url", a.CDXURL}, {"archive.replay_url", a.ReplayURL}} {
		p, err := url.Parse(f.v)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			errs = append(errs, fmt.Errorf("%s %q is not an absolute http(s) URL", f.name, f.v))
		}
	}
	for _, f := range []struct{ name, v string }{{"archive.from", a.From}, {"archive.to", a.To}} {
		if f.v != "" && (len(f.v) < 4 || len(f.v) > 14 || !allDigits(f.v)) {
			errs = append(errs, fmt.Errorf("%s %q: want a yyyyMMddhhmmss prefix (4 to 14 digits)", f.name, f.v))
		}
	}
	if a.From != "" && a.To != "" && padTS(a.From, '0') > padTS(a.To, '9') {
		errs = append(errs, fmt.Errorf("archive.from %s is after archive.to %s", a.From, a.To))
	}
	if a.Rate < 0 {
		errs = append(errs, errors.New("archive.rate: negative value"))
	} else if a.Rate == 0 {
		a.Rate = 1
	}
	if a.PageSize < 0 {
		errs = append(errs, errors.New("archive.page_size: negative value"))
	} else if a.PageSize == 0 {
		a.PageSize = 1000
	}
	return errs
}

// padTS pads a timestamp prefix to 14 digits.
func padTS(p string, c byte) string {
	return p + strings.Repeat(string(c), max(0, 14-len(p)))
}

// checkUnitCodes validates "<era>:<level>:<code>" unit codes against the
// gazetteer.
func checkUnitCodes(codes []string) []error {
	var errs []error
	for _, c := range codes {
		parts := strings.Split(c, ":")
		if len(parts) != 3 {
			errs = append(errs, fmt.Errorf("unit code %q: want <era>:<level>:<code>, e.g. new:commune:00118", c))
			continue
		}
		era, level := place.Era(parts[0]), place.Level(parts[1])
		if era != place.Old && era != place.New {
			errs = append(errs, fmt.Errorf("unit code %q: era %q is not old or new", c, parts[0]))
			continue
		}
		if level != place.Province && level != place.District && level != place.Commune {
			errs = append(errs, fmt.Errorf("unit code %q: level %q is not province, district or commune", c, parts[1]))
			continue
		}
		if _, ok := place.Lookup(era, level, parts[2]); !ok {
			errs = append(errs, fmt.Errorf("unit code %q: no %s %s unit with code %q in the gazetteer", c, era, level, parts[2]))
		}
	}
	return errs
}

// captureKey carries a captureInfo in a request's context to the fetcher.
type captureKey struct{}

type captureInfo struct {
	noArchive bool // a CDX query: not written to the WARC files
	original  string
	at        time.Time
}

// rateLimiter spaces requests to one web archive.
type rateLimiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
}

// wait reserves the next slot and sleeps until it.
func (l *rateLimiter) wait(ctx context.Context, sleep func(context.Context, time.Duration) error) error {
	l.mu.Lock()
	now := time.Now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(l.interval)
	l.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		return sleep(ctx, d)
	}
	return nil
}

var (
	limitersMu sync.Mutex
	limiters   = map[string]*rateLimiter{}
)

// archiveLimiter is the process-wide limiter of an archive host, and its
// interval now; the slowest configured rate wins.
func archiveLimiter(host string, rate float64) (*rateLimiter, time.Duration) {
	iv := time.Duration(float64(time.Second) / rate)
	limitersMu.Lock()
	defer limitersMu.Unlock()
	l, ok := limiters[host]
	if !ok {
		l = &rateLimiter{interval: iv}
		limiters[host] = l
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.interval = max(l.interval, iv)
	return l, l.interval
}

// crawlArchive archives a source from a web archive: it reads the CDX
// index for every start URL prefix, keeps the captures of article URLs
// (canonicalised) on the source's hosts, and fetches each capture's raw
// bytes, oldest first per article (the captures of one article under
// another scheme, port, "www." host or alias of the source are one
// article: Source.IdentityKey), at the archive's rate with the live
// crawler's retries and backoff. Each capture whose content differs from
// the URL's last published version is published with FetchedAt = the
// capture time and Capture = {replay URL, capture time}, so the newest
// capture wins downstream. A capture with the digest or content hash of the
// last one is not published again (nor, for the same digest, fetched).
// Captured redirects and error pages are recorded as failures
// (captured_redirect, captured_error) from the index alone, never fetched
// nor published. Robots.txt is not consulted: the archive serves its
// captures through an API made for this, at the rate configured.
func (c *Crawler) crawlArchive(ctx context.Context, src *Source, opts []CrawlOption) (Report, error) {
	cr, hist, err := c.start(ctx, src, opts, func(cr *crawl, _ SourceState) bool {
		return len(cr.known) > 0 && !cr.opts.full
	})
	if err != nil {
		return cr.rep, err
	}

	a := src.Archive
	cdxU, _ := url.Parse(a.CDXURL)
	repU, _ := url.Parse(a.ReplayURL)
	// The fetcher sees only the archive's hosts; the portal's are never contacted.
	as := *src
	as.AllowedHosts = []string{strings.ToLower(cdxU.Hostname()), strings.ToLower(repU.Hostname())}
	f := newFetcher(&as, c.archive, c.sleep, c.now, cr.onRetry)
	defer f.close()
	lims := map[string]*rateLimiter{}
	for _, h := range []string{cdxU.Host, repU.Host} {
		lims[h], cr.rep.Delays[h] = archiveLimiter(h, a.Rate)
	}
	f.before = func(ctx context.Context, host string) error {
		l := lims[host]
		if l == nil {
			return nil
		}
		if err := l.wait(ctx, sleepCtx); err != nil || c.state == nil {
			return err
		}
		return c.state.waitRate(ctx, host, cr.rep.Delays[host], time.Now, sleepCtx) // across processes
	}
	client := &http.Client{Transport: f, CheckRedirect: checkRedirects}
	ac := &archiveCrawl{crawl: cr, client: client}

	var firstErr error
	byKey := map[string][]urlCapture{} // by identity key
	for _, prefix := range src.StartURLs {
		caps, err := ac.index(ctx, prefix)
		if err != nil {
			firstErr = errors.Join(firstErr, err)
			break
		}
		for _, cp := range caps {
			u, err := Canonical(cp.Original)
			if err != nil {
				continue
			}
			pu, err := url.Parse(u)
			if err != nil || !src.AllowsHost(pu.Hostname()) {
				continue
			}
			switch {
			case src.IsArticle(u):
				key := src.IdentityKey(u)
				byKey[key] = append(byKey[key], urlCapture{u, cp})
			case src.IsListing(u):
				if !cr.skipped[u] {
					cr.skipped[u] = true
					cr.rep.Results[ResultListingCapture]++
					c.m.pages.WithLabelValues(src.ID, ResultListingCapture).Inc()
				}
			}
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if firstErr != nil || ctx.Err() != nil {
			break
		}
		caps := byKey[k]
		sort.SliceStable(caps, func(i, j int) bool { return caps[i].cp.Timestamp < caps[j].cp.Timestamp })
		for _, c := range caps {
			if err := ac.capture(ctx, k, c.u, c.cp); err != nil {
				firstErr = err
				break
			}
		}
	}
	return cr.finish(ctx, hist, firstErr)
}

// urlCapture is a capture of an article and its canonical URL.
type urlCapture struct {
	u  string
	cp CDXCapture
}

// finish records a crawl's outcome, live or from an archive: the report,
// the crawl counter, the source's state (not when cancelled) and a log line.
func (cr *crawl) finish(ctx context.Context, hist SourceState, firstErr error) (Report, error) {
	c, src := cr.c, cr.src
	cr.mu.Lock()
	rep := cr.rep
	rep.Results = maps.Clone(cr.rep.Results)
	rep.Finished = c.now().UTC()
	cr.mu.Unlock()
	status := "complete"
	if err := ctx.Err(); err != nil {
		status = "cancelled"
		firstErr = errors.Join(firstErr, context.Cause(ctx)) // ErrLeaseLost when a lease ended it
	} else if firstErr != nil {
		status = "failed"
	}
	c.m.crawls.WithLabelValues(src.ID, status).Inc()
	if status == "complete" && rep.Pages > 0 {
		c.m.lastSuccess.WithLabelValues(src.ID).Set(float64(rep.Finished.UnixNano()) / 1e9)
	}
	if c.state != nil && ctx.Err() == nil {
		if firstErr == nil {
			hist.LastCompleted = rep.Finished
		}
		hist.LastReport = &rep
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		err := c.state.PutSource(sctx, src.ID, hist)
		cancel()
		firstErr = errors.Join(firstErr, err)
	}
	cr.log.Info("crawl finished", "kind", src.Kind, "status", status, "incremental", rep.Incremental, "pages", rep.Pages,
		"published", rep.Published, "unchanged", rep.Unchanged, "failed", rep.Failed, "skipped", rep.Skipped)
	if firstErr != nil {
		return rep, fmt.Errorf("crawl %s: %w", src.ID, firstErr)
	}
	return rep, nil
}

type archiveCrawl struct {
	*crawl
	client *http.Client
}

// get requests u from the archive through the fetcher.
func (ac *archiveCrawl) get(ctx context.Context, u string, info *captureInfo) (*http.Response, error) {
	ctx = context.WithValue(ctx, captureKey{}, info)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", ac.src.UserAgent)
	return ac.client.Do(req)
}

// index reads every page of the CDX index for one URL prefix.
func (ac *archiveCrawl) index(ctx context.Context, prefix string) ([]CDXCapture, error) {
	a := ac.src.Archive
	var all []CDXCapture
	resume := ""
	for page := 0; ; page++ {
		q := url.Values{}
		q.Set("url", prefix)
		q.Set("matchType", "prefix")
		q.Set("output", "json")
		q.Set("collapse", "digest")
		q.Set("filter", "statuscode:[1-5][0-9][0-9]")
		q.Set("showResumeKey", "true")
		q.Set("limit", strconv.Itoa(a.PageSize))
		if a.From != "" {
			q.Set("from", a.From)
		}
		if a.To != "" {
			q.Set("to", a.To)
		}
		if resume != "" {
			q.Set("resumeKey", resume)
		}
		u := a.CDXURL + "?" + q.Encode()
		resp, err := ac.get(ctx, u, &captureInfo{noArchive: true})
		if err != nil {
			return nil, fmt.Errorf("cdx %s: %w", prefix, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("cdx %s: %w", prefix, err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("cdx %s: status %d", prefix, resp.StatusCode)
		}
		caps, next, err := ParseCDXJSON(body)
		if err != nil {
			return nil, fmt.Errorf("cdx %s page %d: %w", prefix, page, err)
		}
		all = append(all, caps...)
		if next == "" || next == resume {
			return all, nil
		}
		resume = next
	}
}

// capture handles one capture of the article with identity key key at the
// canonical URL u (captures of an article come oldest first).
func (ac *archiveCrawl) capture(ctx context.Context, key, u string, cp CDXCapture) error {
	cr := ac.crawl
	id := event.KeyID(key)
	replay := ReplayURL(ac.src.Archive.ReplayURL, cp)
	switch {
	case cp.Status >= 300 && cp.Status < 400:
		cr.fail(u, ResultCapturedRedirect, cp.Status, 0, fmt.Errorf("captured %d at %s: %s", cp.Status, cp.Timestamp, replay))
		return nil
	case cp.Status >= 400 || (cp.Status != 0 && cp.Status < 200):
		cr.fail(u, ResultCapturedError, cp.Status, 0, fmt.Errorf("captured %d at %s: %s", cp.Status, cp.Timestamp, replay))
		return nil
	}
	cr.mu.Lock()
	prev, known := cr.known[id]
	cr.mu.Unlock()
	if known && (!cp.At.After(prev.CheckedAt) || (cp.Digest != "" && cp.Digest == prev.Digest)) {
		// Seen in an earlier run, or the same bytes as the last capture.
		if cp.At.After(prev.CheckedAt) {
			prev.CheckedAt = cp.At
			cr.putPage(ctx, id, prev)
			cr.mu.Lock()
			cr.known[id] = prev
			cr.mu.Unlock()
		}
		cr.unchanged(u)
		return nil
	}
	resp, err := ac.get(ctx, replay, &captureInfo{original: cp.Original, at: cp.At})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		reason, status, attempts := ResultNetworkError, 0, 1
		var fe *fetchError
		switch {
		case errors.As(err, &fe):
			reason, status, attempts = fe.Reason, fe.Status, fe.Attempts
		case errors.Is(err, ErrTooManyRedirects):
			reason = ResultRedirect
		case isTimeout(err):
			reason = ResultTimeout
		}
		if reason == ResultArchiveError {
			return fmt.Errorf("%s: %w", replay, err)
		}
		cr.fail(u, reason, status, attempts, fmt.Errorf("%s: %w", replay, err))
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		cr.fail(u, ResultNetworkError, resp.StatusCode, 1, fmt.Errorf("%s: %w", replay, err))
		return nil
	}
	if resp.StatusCode != http.StatusOK {
		// The archive could not replay a capture its index lists.
		cr.fail(u, ResultHTTPError, resp.StatusCode, 1, fmt.Errorf("%s: replay status %d", replay, resp.StatusCode))
		return nil
	}
	hash := event.ContentHash(body)
	p := PageState{URL: u, SHA256: hash, FetchedAt: cp.At.UTC(), CheckedAt: cp.At.UTC(), Digest: cp.Digest}
	if file, off, rid, ok := parseWARCRef(resp.Header); ok {
		p.WARC = &event.WARCRef{File: file, Offset: off, RecordID: rid}
	}
	if known && prev.SHA256 == hash {
		prev.CheckedAt, prev.Digest = p.CheckedAt, p.Digest
		cr.putPage(ctx, id, prev)
		cr.mu.Lock()
		cr.known[id] = prev
		cr.mu.Unlock()
		cr.unchanged(u)
		return nil
	}
	fe := FetchedEvent(cr.src, Fetch{ID: id, Key: key, URL: u, FetchURL: cp.Original, At: p.FetchedAt,
		Status: http.StatusOK, ContentType: resp.Header.Get(hdrContentType), Body: string(body),
		WARC: p.WARC, Capture: &event.Capture{ArchiveURL: replay, Timestamp: cp.At.UTC()}})
	if err := cr.c.publish(ctx, fe); err != nil {
		cr.fail(u, ResultPublishError, http.StatusOK, 1, err)
		return err
	}
	cr.published(ctx, id, p, "article_id", fe.ArticleID, "capture", cp.Timestamp)
	return nil
}
