// Package crawler fetches articles from district portals with Colly and
// publishes them as dra.article.fetched events.
package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/text/unicode/norm"

	"github.com/dra-archive/dra/event"
)

// Publisher publishes one message with a de-duplication ID (bus.Conn).
type Publisher interface {
	Publish(ctx context.Context, subject, msgID string, payload []byte) error
}

// Stats counts what one crawl did.
type Stats struct {
	Pages     int64 `json:"pages"`
	Published int64 `json:"published"`
	Errors    int64 `json:"errors"`
}

// Crawler runs crawls of sources.
type Crawler struct {
	pub    Publisher
	logger *slog.Logger
	pages  *prometheus.CounterVec
	now    func() time.Time
}

// New returns a crawler publishing to pub. reg may be nil.
func New(pub Publisher, logger *slog.Logger, reg prometheus.Registerer) *Crawler {
	c := &Crawler{
		pub:    pub,
		logger: logger.With("component", "crawler"),
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dra_crawler_pages_total", Help: "Pages fetched by the crawler, by source and result.",
		}, []string{"source", "result"}),
		now: time.Now,
	}
	if reg != nil {
		reg.MustRegister(c.pages)
	}
	return c
}

// ErrPrivateAddress is returned when a source without allow_private would
// connect to a loopback or private address.
var ErrPrivateAddress = errors.New("private or loopback address not allowed for this source")

// Crawl walks one source: start pages, listing pages and their pagination,
// publishing every article page. robots.txt is obeyed. It returns when the
// walk is done or ctx is cancelled.
func (c *Crawler) Crawl(ctx context.Context, src Source) (Stats, error) {
	if err := src.Compile(); err != nil {
		return Stats{}, err
	}
	var st Stats
	log := c.logger.With("source", src.ID)
	col := colly.NewCollector(
		colly.Async(true),
		colly.StdlibContext(ctx),
		colly.AllowedDomains(src.AllowedHosts...),
		colly.UserAgent(src.UserAgent),
		colly.MaxBodySize(src.MaxBodyBytes),
		colly.DetectCharset(),
	)
	col.IgnoreRobotsTxt = false // Colly ignores robots.txt by default; DRA obeys it.
	col.SetClient(&http.Client{Transport: transport(src.AllowPrivate), Timeout: 60 * time.Second})
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: src.Parallelism, Delay: src.Delay}); err != nil {
		return st, err
	}
	var (
		mu       sync.Mutex
		firstErr error
	)
	col.OnHTML("a[href]", func(e *colly.HTMLElement) {
		abs := e.Request.AbsoluteURL(e.Attr("href"))
		u, err := Canonical(abs)
		if err != nil || !(src.IsListing(u) || src.IsArticle(u)) {
			return
		}
		if src.MaxPages > 0 && atomic.LoadInt64(&st.Pages) >= int64(src.MaxPages) {
			return
		}
		_ = e.Request.Visit(u) // already visited, disallowed by robots, off-host: skipped by Colly
	})
	col.OnResponse(func(r *colly.Response) {
		atomic.AddInt64(&st.Pages, 1)
		u, err := Canonical(r.Request.URL.String())
		if err != nil || !src.IsArticle(u) {
			c.pages.WithLabelValues(src.ID, "listing").Inc()
			return
		}
		body := norm.NFC.String(string(r.Body))
		f := event.ArticleFetched{
			SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(u), URL: u,
			SourceID: src.ID, District: src.District, Province: src.Province,
			FetchedAt: c.now().UTC(), StatusCode: r.StatusCode,
			ContentType: r.Headers.Get("Content-Type"),
			ETag:        r.Headers.Get("ETag"), LastModified: r.Headers.Get("Last-Modified"),
			ContentSHA256: event.ContentHash([]byte(body)), Body: body, UnitCodes: src.UnitCodes,
		}
		if raw := r.Request.URL.String(); raw != u {
			f.FetchURL = raw
		}
		if err := c.publish(ctx, f); err != nil {
			atomic.AddInt64(&st.Errors, 1)
			c.pages.WithLabelValues(src.ID, "publish_error").Inc()
			mu.Lock()
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
			log.Error("publish", "url", u, "err", err)
			return
		}
		atomic.AddInt64(&st.Published, 1)
		c.pages.WithLabelValues(src.ID, "article").Inc()
	})
	col.OnError(func(r *colly.Response, err error) {
		atomic.AddInt64(&st.Errors, 1)
		c.pages.WithLabelValues(src.ID, "fetch_error").Inc()
		log.Warn("fetch", "url", r.Request.URL.String(), "status", r.StatusCode, "err", err)
	})
	for _, s := range src.StartURLs {
		u, err := Canonical(s)
		if err != nil {
			return st, err
		}
		if err := col.Visit(u); err != nil && !errors.Is(err, colly.ErrRobotsTxtBlocked) {
			return st, fmt.Errorf("start %s: %w", u, err)
		}
	}
	col.Wait()
	log.Info("crawl finished", "pages", st.Pages, "published", st.Published, "errors", st.Errors)
	if firstErr != nil {
		return st, fmt.Errorf("crawl %s: %d articles not published: %w", src.ID, st.Errors, firstErr)
	}
	return st, ctx.Err()
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

// transport refuses private and loopback addresses unless allowed, checked
// on the resolved address at dial time (no DNS rebinding around it).
func transport(allowPrivate bool) *http.Transport {
	d := &net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			ip := net.ParseIP(strings.Trim(host, "[]"))
			if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() {
				return fmt.Errorf("%w: %s", ErrPrivateAddress, host)
			}
			return nil
		}
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = d.DialContext
	t.MaxIdleConnsPerHost = 8
	return t
}
