package crawler_test

import (
	"context"
	"flag"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gocolly/colly/v2"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// benchArticles sets the size of the benchmark portal; the 50,000-page case
// is go test -run '^$' -bench Crawl -benchtime 1x -crawl.articles=50000 ./crawler.
var benchArticles = flag.Int("crawl.articles", 5000, "articles in the BenchmarkCrawl portal")

// BenchmarkCrawl crawls one simulated portal with politeness off, side by
// side: a bare Colly collector visiting the same URLs on the same transport
// as DRA (idle connections per host, timeouts), DRA publishing to a
// counting publisher ("dra": robots.txt, KV state on embedded NATS, WARC
// archive) and DRA publishing to JetStream ("dra-jetstream"). Each of the
// -benchtime Nx rounds crawls once with each, the order rotated every
// round; it reports each one's median pages/s and the min, median and max
// over the rounds of DRA's pages/s over Colly's.
//
//	go test -run '^$' -bench 'BenchmarkCrawl$' -benchtime 5x ./crawler
func BenchmarkCrawl(b *testing.B) {
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "sontay", Articles: *benchArticles, PageSize: 50})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	src := benchSource(p.URL())
	dir := b.TempDir()
	n := startNATSB(b, filepath.Join(dir, "nats"))
	defer n.stop()
	state, err := crawler.OpenState(context.Background(), n.conn.JS, 1)
	if err != nil {
		b.Fatal(err)
	}
	archive, err := crawler.OpenArchive(filepath.Join(dir, "warc"), 0)
	if err != nil {
		b.Fatal(err)
	}
	defer archive.Close()
	// "dra" publishes to a counting publisher: the embedded NATS server
	// lives in this process and its work would count as the crawler's.
	// "dra-jetstream" publishes to it.
	sides := []side{{"colly", func(int) (float64, float64) { return float64(bareColly(b, src, p.URL())), 0 }}}
	for _, v := range []struct {
		name string
		pub  crawler.Publisher
	}{{"dra", &countingPublisher{}}, {"dra-jetstream", n.conn}} {
		c := crawler.New(v.pub, quiet, nil, crawler.WithState(state), crawler.WithArchive(archive))
		sides = append(sides, side{v.name, func(round int) (float64, float64) {
			s := src
			s.ID = strings.ReplaceAll(v.name, "-", "") + strconv.Itoa(round) + "n" + strconv.Itoa(b.N) // a first crawl every time
			rep, err := c.Crawl(context.Background(), s)
			if err != nil {
				b.Fatal(err)
			}
			if rep.Failed != 0 || rep.Published != int64(len(p.Articles())) {
				b.Fatalf("crawl: %+v", rep.Stats)
			}
			return float64(rep.Pages), 0
		}})
	}
	interleave(b, "pages", sides...)
}

type countingPublisher struct{ n, bytes atomic.Int64 }

func (c *countingPublisher) Publish(_ context.Context, _, _ string, payload []byte) error {
	c.n.Add(1)
	c.bytes.Add(int64(len(payload)))
	return nil
}

// bareColly visits the same URLs as DRA: start page, listings, articles.
func bareColly(b *testing.B, src crawler.Source, base string) int64 {
	n, err := collyCrawl(src, base)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// collyCrawl is bareColly's crawl: the pages it received.
func collyCrawl(src crawler.Source, base string) (int64, error) {
	listing := regexp.MustCompile(src.ListingPattern)
	article := regexp.MustCompile(src.ArticlePattern)
	col := colly.NewCollector(colly.Async(true), colly.MaxBodySize(0))
	// The same transport and timeout as DRA's crawl of src: Colly's default
	// client keeps 2 idle connections per host where DRA keeps 16.
	col.WithTransport(crawler.BaseTransport(src.AllowPrivate))
	col.SetRequestTimeout(src.Politeness.Timeout)
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: src.Politeness.Parallelism}); err != nil {
		return 0, err
	}
	var pages atomic.Int64
	col.OnResponse(func(*colly.Response) { pages.Add(1) })
	col.OnHTML("a[href]", func(e *colly.HTMLElement) {
		u := e.Request.AbsoluteURL(e.Attr("href"))
		if listing.MatchString(u) || article.MatchString(u) {
			_ = e.Request.Visit(u)
		}
	})
	if err := col.Visit(base + "/"); err != nil {
		return 0, err
	}
	col.Wait()
	return pages.Load(), nil
}
