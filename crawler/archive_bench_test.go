package crawler_test

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/internal/warcstore"
)

var archiveRounds = flag.Int("archive.rounds", 3, "interleaved rounds of BenchmarkArchiveStores")

// BenchmarkArchiveStores crawls one simulated portal (politeness off) with
// the WARC archive in local files (the one-machine layout) and in the
// JetStream object store (the default), side by side: rounds interleaved
// file, nats-os, file, nats-os..., each a first crawl of the portal. It
// reports each side's pages/s (median of the rounds) and the nats-os/file
// ratio of pages/s as min, median and max over the rounds. The embedded
// NATS server runs in the same process, so its CPU counts against the
// crawl, as in `dra run`.
func BenchmarkArchiveStores(b *testing.B) {
	p, err := portalsim.New(portalsim.Config{Seed: 9, District: "sontay", Articles: 1000, PageSize: 50})
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
	store, err := warcstore.OpenNATS(context.Background(), n.conn.JS, "bench-warc", 1)
	if err != nil {
		b.Fatal(err)
	}
	crawlWith := func(side string, round int) float64 {
		var a *crawler.Archive
		if side == "file" {
			if a, err = crawler.OpenArchive(filepath.Join(dir, fmt.Sprintf("warc-%d", round)), 0); err != nil {
				b.Fatal(err)
			}
		} else {
			a = crawler.NewStoreArchive(store, fmt.Sprint(round))
		}
		c := crawler.New(&countingPublisher{}, quiet, nil, crawler.WithArchive(a))
		s := src
		s.ID = fmt.Sprintf("%s%dn%d", side, round, b.N)
		start := time.Now()
		rep, err := c.Crawl(context.Background(), s)
		if err == nil {
			err = a.Close() // every record written: part of the cost
		}
		elapsed := time.Since(start)
		if err != nil || rep.Failed != 0 || rep.Published != int64(len(p.Articles())) {
			b.Fatalf("%s crawl: %v %+v", side, err, rep.Stats)
		}
		return float64(rep.Pages) / elapsed.Seconds()
	}
	var file, nats, ratio []float64
	for i := 0; i < b.N; i++ {
		for r := range *archiveRounds {
			f := crawlWith("file", i**archiveRounds+r)
			o := crawlWith("nats-os", i**archiveRounds+r)
			file, nats, ratio = append(file, f), append(nats, o), append(ratio, o/f)
		}
	}
	b.ReportMetric(median(file), "file-pages/s")
	b.ReportMetric(median(nats), "nats-os-pages/s")
	sort.Float64s(ratio)
	b.ReportMetric(ratio[0], "ratio-min")
	b.ReportMetric(median(ratio), "ratio-median")
	b.ReportMetric(ratio[len(ratio)-1], "ratio-max")
}
