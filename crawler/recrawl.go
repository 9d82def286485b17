package crawler

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// DefaultRevisit is how long a known article is left alone by recrawls
// unless its sitemap says it changed (Recrawl.Revisit).
const DefaultRevisit = 7 * 24 * time.Hour

// ResultNotDue is the result of a known article a recrawl did not request:
// it was checked within its revisit period and no sitemap says it changed.
// It is counted in Report.Results, not in Skipped.
const ResultNotDue = "not_due"

// maxSitemaps bounds the sitemaps one crawl reads (an index and its parts).
const maxSitemaps = 200

// SitemapState is what a crawl keeps of a sitemap it read, so the next
// request for it is conditional.
type SitemapState struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// sitemapEntry is one <url> of a sitemap.
type sitemapEntry struct {
	url     string // canonical
	lastmod time.Time
}

// sitemapDoc is a sitemap (<urlset>) or a sitemap index (<sitemapindex>).
type sitemapDoc struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// parseLastMod reads a sitemap's W3C datetime: a date, or a date and time
// with or without seconds. An unreadable one is zero (no hint). It returns
// the last instant the value stands for: "…T10:00:07Z" is any time in that
// second, "2024-03-12" any time that day. So a page changed in the second
// (or on the day) of its last check, after the check, is still due: its
// lastmod cannot tell, and a conditional request costs little.
func parseLastMod(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range []struct {
		layout string
		span   time.Duration
	}{{time.RFC3339Nano, time.Second}, {"2006-01-02T15:04Z07:00", time.Minute}, {"2006-01-02", 24 * time.Hour}} {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if l.span == time.Second && strings.Contains(s, ".") {
			return t // fractional seconds: as precise as the check's time
		}
		return t.Add(l.span - time.Nanosecond)
	}
	return time.Time{}
}

// due reports whether a known article is to be requested (conditionally)
// again: on a full walk, when Revisit is negative, when the sitemap's
// lastmod is after its last check, or once its revisit period is over.
// The period is spread per article over [Revisit, 1.5 Revisit) so the
// articles of a site checked in one night fall due over several.
func (cr *crawl) due(id string, p PageState, lastmod time.Time) bool {
	rv := cr.src.Recrawl.Revisit
	if cr.opts.full || rv < 0 {
		return true
	}
	if !lastmod.IsZero() && lastmod.After(p.CheckedAt) {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	spread := rv / 2 * time.Duration(h.Sum32()%1000) / 1000
	return !cr.c.now().Before(p.CheckedAt.Add(rv + spread))
}

// notDue counts a known article that is not requested, once per crawl.
func (cr *crawl) notDue(u string) {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if cr.skipped[u] {
		return
	}
	cr.skipped[u] = true
	cr.rep.Results[ResultNotDue]++
}

// skipNotDue reports whether u, a link found on a recrawl, is a known
// article that is not due; it is then counted and not requested.
func (cr *crawl) skipNotDue(u string, n node) bool {
	if !cr.incremental || n.root || !cr.src.IsArticle(u) {
		return false
	}
	id := cr.src.ArticleID(u)
	cr.mu.Lock()
	p, ok := cr.known[id]
	cr.mu.Unlock()
	if !ok || cr.due(id, p, time.Time{}) {
		return false
	}
	cr.notDue(u)
	return true
}

// sitemapURLs are the sitemaps of the source: the one Recrawl.Sitemap
// names, else the Sitemap lines of its start hosts' robots.txt.
func (cr *crawl) sitemapURLs(ctx context.Context) []string {
	switch sm := cr.src.Recrawl.Sitemap; sm {
	case RecrawlSitemapOff:
		return nil
	case RecrawlSitemapAuto, "":
	default:
		return []string{sm}
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range cr.src.StartURLs {
		u, err := url.Parse(s)
		if err != nil || seen[u.Host] {
			continue
		}
		seen[u.Host] = true
		out = append(out, cr.robots.sitemaps(ctx, u)...)
	}
	return out
}

// readSitemaps reads the source's sitemaps (an index's parts included),
// conditionally when the last crawl kept their validators. ok is false
// when the source has none or one could not be read: the crawl then walks
// its listings. vals are the validators to keep once the crawl completes.
func (cr *crawl) readSitemaps(ctx context.Context, client *http.Client, kept map[string]SitemapState) (
	entries []sitemapEntry, vals map[string]SitemapState, ok bool) {
	queue := cr.sitemapURLs(ctx)
	if len(queue) == 0 {
		return nil, nil, false
	}
	vals = map[string]SitemapState{}
	seen := map[string]bool{}
	for len(queue) > 0 {
		raw := queue[0]
		queue = queue[1:]
		u, err := CheckURL(raw)
		if err != nil || seen[u] {
			continue
		}
		seen[u] = true
		if len(seen) > maxSitemaps {
			cr.log.Warn("sitemap: too many sitemaps, walking the listings", "limit", maxSitemaps)
			return nil, nil, false
		}
		doc, v, err := cr.getSitemap(ctx, client, u, kept[u])
		if err != nil {
			cr.log.Warn("sitemap unreadable, walking the listings", "url", u, "err", err)
			return nil, nil, false
		}
		vals[u] = v
		if doc == nil { // 304
			continue
		}
		for _, s := range doc.Sitemaps {
			queue = append(queue, strings.TrimSpace(s.Loc))
		}
		for _, e := range doc.URLs {
			c, err := CheckURL(e.Loc)
			if err != nil {
				continue
			}
			entries = append(entries, sitemapEntry{url: c, lastmod: parseLastMod(e.LastMod)})
		}
	}
	return entries, vals, true
}

// errSitemapStatus is a sitemap answered with neither 200 nor 304.
var errSitemapStatus = errors.New("sitemap status")

// getSitemap requests one sitemap: nil doc for a 304.
func (cr *crawl) getSitemap(ctx context.Context, client *http.Client, u string, prev SitemapState) (*sitemapDoc, SitemapState, error) {
	pu, _ := url.Parse(u)
	if !cr.src.AllowsHost(pu.Hostname()) {
		return nil, prev, fmt.Errorf("%w: %s", ErrOffHost, pu.Host)
	}
	if !cr.robots.allowed(ctx, pu) {
		return nil, prev, errRobots
	}
	if d := cr.delay(pu.Host); d > 0 { // after robots.txt, before the walk
		if err := cr.c.sleep(ctx, d); err != nil {
			return nil, prev, err
		}
		defer func() { _ = cr.c.sleep(ctx, d) }()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, prev, err
	}
	req.Header.Set("User-Agent", cr.src.UserAgent)
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, prev, err
	}
	defer resp.Body.Close()
	cr.mu.Lock()
	cr.rep.Pages++
	cr.rep.Listings++
	cr.rep.Results[ResultListing]++
	cr.mu.Unlock()
	cr.c.m.pages.WithLabelValues(cr.src.ID, ResultListing).Inc()
	switch resp.StatusCode {
	case http.StatusNotModified:
		return nil, prev, nil
	case http.StatusOK:
	default:
		return nil, prev, fmt.Errorf("%w %d", errSitemapStatus, resp.StatusCode)
	}
	var doc sitemapDoc
	if err := xml.NewDecoder(resp.Body).Decode(&doc); err != nil {
		return nil, prev, fmt.Errorf("sitemap %s: %w", u, err)
	}
	return &doc, SitemapState{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, nil
}

// planRecrawl starts an incremental recrawl from the sitemaps: their new
// and changed articles, and every known article that is due, are queued;
// the listings are not walked. It returns false (nothing queued) when the
// sitemaps cannot be read.
func (cr *crawl) planRecrawl(ctx context.Context, client *http.Client, hist SourceState) bool {
	entries, vals, ok := cr.readSitemaps(ctx, client, hist.Sitemaps)
	if !ok {
		return false
	}
	cr.sitemaps = vals
	lastmod := map[string]time.Time{}
	var urls []string
	for _, e := range entries {
		if !cr.src.IsArticle(e.url) {
			continue
		}
		pu, err := url.Parse(e.url)
		if err != nil || !cr.src.AllowsHost(pu.Hostname()) {
			cr.skip(e.url, ResultOffHost)
			continue
		}
		id := cr.src.ArticleID(e.url)
		if _, seen := lastmod[id]; !seen {
			urls = append(urls, e.url)
		}
		if e.lastmod.After(lastmod[id]) || lastmod[id].IsZero() {
			lastmod[id] = e.lastmod
		}
	}
	// A known article the sitemap no longer lists is still revisited when due.
	cr.mu.Lock()
	for id, p := range cr.known {
		if _, ok := lastmod[id]; !ok {
			lastmod[id] = time.Time{}
			urls = append(urls, p.URL)
		}
	}
	cr.mu.Unlock()
	sort.Strings(urls)
	for _, u := range urls {
		id := cr.src.ArticleID(u)
		cr.mu.Lock()
		p, known := cr.known[id]
		cr.mu.Unlock()
		if known && !cr.due(id, p, lastmod[id]) {
			cr.notDue(u)
			continue
		}
		cr.enqueue(ctx, u, node{depth: 1, root: true})
	}
	return true
}
