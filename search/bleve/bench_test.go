package bleve_test

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/searchtest"
)

// Run with (make bench does):
//
//	go test ./search/bleve -run '^$' -bench 'Indexing|SearchLatency' -benchtime 1x -timeout 60m
//
// -bleve.articles and -bleve.rounds change the sizes.
var (
	benchArticles = flag.Int("bleve.articles", 100000, "articles in the search latency benchmark's index")
	benchRounds   = flag.Int("bleve.rounds", 4, "interleaved rounds of the search latency benchmark")
	loadArticles  = flag.Int("bleve.load-articles", 20000, "articles per load in the indexing benchmark")
	loadRounds    = flag.Int("bleve.load-rounds", 4, "rounds of the indexing benchmark, each loading both corpora")
	benchQueries  = flag.Int("bleve.queries", 200, "queries per round and mode of the search latency benchmark")
)

// BenchmarkIndexing loads 20,000 simulated articles (-bleve.load-articles) (with their metric
// documents) into a new on-disk index in batches of 500, as the indexer
// does: with the metric density the processor really produces (portalsim
// pages processed by the processor, searchtest.NewCorpus, with the full
// record) and, in the same run, with the old corpus (the simulator's truth figures only, about one per hundred
// articles). Rounds alternate the two corpora (A B B A A B ...); it reports
// the articles/s of each as min/median/max and the ratio realistic/old
// per pair of rounds.
func BenchmarkIndexing(b *testing.B) {
	n, rounds := *loadArticles, *loadRounds
	realistic := searchtest.NewCorpus(b, n).Articles
	old := searchtest.BenchCorpus(n)
	b.Logf("old corpus: %.3f metrics per article", metricsPerArticle(old))
	for range b.N {
		rates := map[string][]float64{}
		for r := range rounds {
			order := []string{"realistic", "old"}
			if r%2 == 1 {
				slices.Reverse(order)
			}
			for _, name := range order {
				docs := realistic
				if name == "old" {
					docs = old
				}
				rate := loadRate(b, docs)
				rates[name] = append(rates[name], rate)
				b.Logf("round %d %-9s %d articles: %.0f articles/s", r, name, len(docs), rate)
			}
		}
		var ratio []float64
		for i := range rates["old"] {
			ratio = append(ratio, rates["realistic"][i]/rates["old"][i])
		}
		b.Logf("realistic: %s articles/s; old: %s articles/s; ratio realistic/old: %s",
			spread(rates["realistic"], "%.0f"), spread(rates["old"], "%.0f"), spread(ratio, "%.2f"))
		b.ReportMetric(median(rates["realistic"]), "articles/s")
		b.ReportMetric(median(rates["old"]), "old-articles/s")
		reportSpread(b, "realistic/old", ratio)
	}
}

// loadRate writes docs into a new on-disk index in batches of 500 and
// returns the articles written per second.
func loadRate(b *testing.B, docs []search.Article) float64 {
	b.Helper()
	s, err := bleve.Open(filepath.Join(b.TempDir(), "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	for i := 0; i < len(docs); i += 500 {
		if _, err := s.Upsert(context.Background(), docs[i:min(i+500, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	return float64(len(docs)) / time.Since(start).Seconds()
}

// BenchmarkSearchLatency loads 100,000 simulated articles with realistic
// metric density (portalsim pages processed by the processor,
// searchtest.NewCorpus) into an on-disk index, lets the background merges
// settle (no forced merge: scorch keeps the segments its merge policy
// leaves), and times searches in rounds, each with 200 fresh queries
// (searchtest.VariedQueries: runs of title and body words with and
// without diacritics, phrases, names, district filters, exclusions, OR and
// year, date sort, facets, the relevance set's texts) over pages 1 to 3,
// timed by searchtest.TimeQueries as Elasticsearch's are. Each round runs its queries in
// four modes, in an order that changes from round to round: in one piece
// and split over the CPUs (the store's default, see collect.go), each with
// the store's query shape and with the layered one it replaced. It reports
// p50/p95 per mode over every round's searches, the per-round p95 as
// min/median/max, and the per-round ratios as min/median/max.
func BenchmarkSearchLatency(b *testing.B) {
	s, err := bleve.Open(filepath.Join(b.TempDir(), "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := searchtest.NewCorpus(b, *benchArticles)
	docs := c.Articles
	start := time.Now()
	for i := 0; i < len(docs); i += 1000 {
		if _, err := s.Upsert(context.Background(), docs[i:min(i+1000, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("loaded %d articles (%.2f metrics per article) in %v", len(docs), c.MetricsPerArticle, time.Since(start))
	start = time.Now()
	settled := bleve.WaitIdle(s, 3*time.Minute)
	b.Logf("merges settled %v after %v", settled, time.Since(start))
	if n, err := s.Count(context.Background()); err != nil || n != len(docs) {
		b.Fatalf("Count = %d, %v; want %d", n, err, len(docs))
	}
	// The store's query shape (flat) and, in the same run, the one before
	// it (layered: every query in Bleve's boolean query with the kind
	// filter), each in one piece and split over the CPUs.
	modes := []struct {
		name    string
		parts   int
		layered bool
	}{{"sequential", 1, false}, {"concurrent", 0, false}, {"seq-layered", 1, true}, {"conc-layered", 0, true}}
	for range b.N {
		all := map[string][]time.Duration{}
		p95 := map[string][]float64{}
		ratios := map[string][]float64{}
		for r := range *benchRounds {
			queries := searchtest.VariedQueries(docs, *benchQueries, uint64(r+1))
			// A different order each round: rotated, reversed every other.
			order := make([]int, len(modes))
			for i := range order {
				order[i] = (i + r) % len(modes)
			}
			if r%2 == 1 {
				slices.Reverse(order)
			}
			round := map[string]float64{}
			for _, k := range order {
				m := modes[k]
				bleve.SetParts(s, m.parts)
				bleve.SetLayered(m.layered)
				lat := searchtest.TimeQueries(b, s, queries)
				all[m.name] = append(all[m.name], lat...)
				round[m.name] = searchtest.Quantile(lat, 0.95)
				p95[m.name] = append(p95[m.name], round[m.name])
				if testing.Verbose() { // without -v, only the summary below fits the log
					b.Logf("round %d %-12s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms", r, m.name, searchtest.Quantile(lat, 0.5), round[m.name], searchtest.Quantile(lat, 1))
				}
			}
			ratios["concurrent/sequential"] = append(ratios["concurrent/sequential"], round["concurrent"]/round["sequential"])
			ratios["concurrent/conc-layered"] = append(ratios["concurrent/conc-layered"], round["concurrent"]/round["conc-layered"])
			ratios["sequential/seq-layered"] = append(ratios["sequential/seq-layered"], round["sequential"]/round["seq-layered"])
		}
		for _, m := range modes {
			b.Logf("%-12s %d searches: p50 %.1f ms, p95 %.1f ms; p95 per round min/median/max %s ms",
				m.name, len(all[m.name]), searchtest.Quantile(all[m.name], 0.5), searchtest.Quantile(all[m.name], 0.95), spread(p95[m.name], "%.1f"))
		}
		for _, k := range slices.Sorted(maps.Keys(ratios)) {
			b.Logf("p95 ratio %s per round, min/median/max: %s", k, spread(ratios[k], "%.2f"))
		}
		b.ReportMetric(searchtest.Quantile(all["concurrent"], 0.5), "p50-ms")
		b.ReportMetric(searchtest.Quantile(all["concurrent"], 0.95), "p95-ms")
		b.ReportMetric(searchtest.Quantile(all["sequential"], 0.95), "seq-p95-ms")
		b.ReportMetric(searchtest.Quantile(all["conc-layered"], 0.95), "layered-p95-ms")
		reportSpread(b, "flat/layered-p95", ratios["concurrent/conc-layered"])
		reportSpread(b, "concurrent/sequential-p95", ratios["concurrent/sequential"])
	}
	bleve.SetParts(s, 0)
	bleve.SetLayered(false)
}

// reportSpread reports the min, median and max of xs as metrics
// name-min, name-med and name-max (the names make bench tabulates).
func reportSpread(b *testing.B, name string, xs []float64) {
	lo, med, hi := searchtest.Spread(xs)
	b.ReportMetric(lo, name+"-min")
	b.ReportMetric(med, name+"-med")
	b.ReportMetric(hi, name+"-max")
}

func median(xs []float64) float64 {
	_, med, _ := searchtest.Spread(xs)
	return med
}

// spread formats xs as min/median/max.
func spread(xs []float64, format string) string {
	lo, med, hi := searchtest.Spread(xs)
	return strings.Join([]string{fmt.Sprintf(format, lo), fmt.Sprintf(format, med), fmt.Sprintf(format, hi)}, "/")
}

func metricsPerArticle(docs []search.Article) float64 {
	n := 0
	for _, a := range docs {
		n += len(a.Metrics)
	}
	return float64(n) / float64(max(len(docs), 1))
}
