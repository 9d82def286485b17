package crawler_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// benchArticles sets the size of the benchmark portal; the 50,000-page case
// is go test -run '^$' -bench Crawl -benchtime 1x -crawl.articles=50000 ./crawler.
var benchArticles = flag.Int("crawl.articles", 5000, "articles in the BenchmarkCrawl portal")

// BenchmarkCrawl crawls one simulated portal with politeness off, with DRA
// (robots.txt, KV state on embedded NATS, WARC archive, publishing to
// JetStream) and with a bare Colly collector visiting the same URLs, side
// by side. It reports pages/s and the peak heap in use above the baseline
// (the portal itself lives in the same process, so the process's peak RSS,
// also reported, includes it).
func BenchmarkCrawl(b *testing.B) {
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "sontay", Articles: *benchArticles, PageSize: 50})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	src := hanoiSource("bench", p.URL())
	src.Politeness = crawler.Politeness{Parallelism: 16, Timeout: time.Minute, Retries: 1, Backoff: time.Millisecond}
	dir := b.TempDir()
	n := startNATSB(b, filepath.Join(dir, "nats"))
	defer n.stop()
	state, err := crawler.OpenState(context.Background(), n.conn.JS, 1)
	if err != nil {
		b.Fatal(err)
	}

	b.Run("colly", func(b *testing.B) {
		measure(b, func(i int) int64 { return bareColly(b, src, p.URL()) })
	})
	// "dra" publishes to a counting publisher: the embedded NATS server
	// lives in this process, and the fetched events it stores (15 KB each)
	// would count as the crawler's memory. "dra-jetstream" publishes to it.
	for _, v := range []struct {
		name string
		pub  crawler.Publisher
	}{{"dra", &countingPublisher{}}, {"dra-jetstream", n.conn}} {
		b.Run(v.name, func(b *testing.B) { benchDRA(b, v.pub, state, src, dir, len(p.Articles())) })
	}
}

type countingPublisher struct{ n, bytes atomic.Int64 }

func (c *countingPublisher) Publish(_ context.Context, _, _ string, payload []byte) error {
	c.n.Add(1)
	c.bytes.Add(int64(len(payload)))
	return nil
}

func benchDRA(b *testing.B, pub crawler.Publisher, state *crawler.State, src crawler.Source, dir string, articles int) {
	{
		archive, err := crawler.OpenArchive(filepath.Join(dir, "warc-"+b.Name()[len("BenchmarkCrawl/"):]), 0)
		if err != nil {
			b.Fatal(err)
		}
		defer archive.Close()
		c := crawler.New(pub, quiet, nil, crawler.WithState(state), crawler.WithArchive(archive))
		measure(b, func(i int) int64 {
			s := src
			s.ID = strings.ReplaceAll(b.Name()[len("BenchmarkCrawl/"):], "-", "") + strconv.Itoa(i) + "n" + strconv.Itoa(b.N) // a first crawl every time
			rep, err := c.Crawl(context.Background(), s)
			if err != nil {
				b.Fatal(err)
			}
			if rep.Failed != 0 || rep.Published != int64(articles) {
				b.Fatalf("crawl: %+v", rep.Stats)
			}
			return rep.Pages
		})
	}
}

// measure runs crawl b.N times and reports pages/s, the peak heap above
// the baseline and the process's peak RSS.
func measure(b *testing.B, crawl func(i int) int64) {
	runtime.GC()
	resetPeakRSS()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	b.ResetTimer()
	start := time.Now()
	var pages int64
	for i := 0; i < b.N; i++ {
		pages += crawl(i)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
	b.ReportMetric(float64(peak.Load()-min(peak.Load(), base.HeapInuse))/(1<<20), "peak-heap-MB")
	b.ReportMetric(statusMB("VmHWM:"), "peak-RSS-MB")
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

func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
