package searchtest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/search"
)

// BenchCorpus returns n simulated articles (reports with their figures and
// news) spread over the simulated districts, with unique IDs, for
// benchmarks.
func BenchCorpus(n int) []search.Article {
	ds := portalsim.Districts()
	per := (n + len(ds) - 1) / len(ds)
	fetched := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	out := make([]search.Article, 0, n)
	for _, d := range ds {
		p, err := portalsim.New(portalsim.Config{Seed: 11, District: d.Slug, Articles: max(per, 33)})
		if err != nil {
			panic(err)
		}
		for i, pa := range p.Articles() {
			if len(out) == n || i == per {
				break
			}
			a := search.Article{
				ID: fmt.Sprintf("bench-%s-%06d", d.Slug, i), Version: fetched.UnixNano(), FetchedAt: fetched,
				URL: "https://" + d.Host + pa.Path, SourceID: d.Slug, District: d.Name, Province: d.Province,
				Category: pa.Category, Title: pa.Title, Body: strings.Join(pa.Paragraphs, "\n"), Byline: pa.Byline,
				Authors: pa.Authors,
			}
			if pa.HasDate {
				t := pa.PublishedAt
				a.PublishedAt = &t
			}
			for _, m := range pa.Metrics {
				a.Metrics = append(a.Metrics, search.Metric{Key: m.Key, Unit: m.Unit, Value: m.Value,
					Target: m.Target, PlanPercent: m.PlanPercent, Text: m.Text})
			}
			out = append(out, a)
		}
		_ = p.Close()
	}
	return out
}

// BenchQueries are the texts of the relevance set, for latency benchmarks.
func BenchQueries() []string {
	var out []string
	for _, q := range RelevanceQueries() {
		if q.Text != "" {
			out = append(out, q.Text)
		}
	}
	return out
}

// BenchLatency times BenchQueries on s, ten rounds over pages 1 to 3 per
// b.N, after one warm-up round, and reports p50 and p95 in milliseconds and
// the three slowest texts. Both backends' latency benchmarks use it, so
// their figures compare.
func BenchLatency(b *testing.B, s search.Store, articles int) {
	b.Helper()
	queries := BenchQueries()
	for _, q := range queries {
		_, _ = s.Search(context.Background(), search.Query{Text: q})
	}
	var lat []time.Duration
	slowest := map[string]time.Duration{}
	b.ResetTimer()
	for i := range 10 * b.N { // 10 rounds of the set: enough samples for a p95
		for _, q := range queries {
			t0 := time.Now()
			if _, err := s.Search(context.Background(), search.Query{Text: q, Size: 10, Offset: (i % 3) * 10}); err != nil {
				b.Fatal(err)
			}
			d := time.Since(t0)
			lat = append(lat, d)
			slowest[q] = max(slowest[q], d)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	keys := slices.SortedFunc(maps.Keys(slowest), func(x, y string) int { return int(slowest[y] - slowest[x]) })
	for _, q := range keys[:min(3, len(keys))] {
		b.Logf("slowest: %v %q", slowest[q].Round(time.Millisecond), q)
	}
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.95), "p95-ms")
	b.Logf("%d searches on %d articles: p50 %.1f ms, p95 %.1f ms", len(lat), articles, p(0.5), p(0.95))
}
