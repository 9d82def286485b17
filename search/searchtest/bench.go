package searchtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/search"
)

// BenchCorpus returns n simulated articles (reports with their figures and
// news) spread over the simulated districts, with unique IDs, carrying
// only the figures the simulator records as truth (about one in a hundred
// articles): the old corpus that Bleve's indexing benchmark compares the
// processed one (NewCorpus) with.
func BenchCorpus(n int) []search.Article {
	out := make([]search.Article, 0, n)
	err := simulated(n, func(d portalsim.DistrictInfo, _ *portalsim.Portal, arts []portalsim.Article) error {
		for i, pa := range arts {
			a := truthArticle(d, pa, fmt.Sprintf("bench-%s-%06d", d.Slug, i))
			for _, m := range pa.Metrics {
				a.Metrics = append(a.Metrics, search.Metric{Key: m.Key, Unit: m.Unit, Value: m.Value,
					Target: m.Target, PlanPercent: m.PlanPercent, Text: m.Text})
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

// truthArticle is article pa of district d as the simulator records it
// (its text, category, date, byline and authors; no metrics), under id,
// fetched at fetchedAt.
func truthArticle(d portalsim.DistrictInfo, pa portalsim.Article, id string) search.Article {
	a := search.Article{
		ID: id, Version: fetchedAt.UnixNano(), FetchedAt: fetchedAt,
		URL: "https://" + d.Host + pa.Path, SourceID: d.Slug, District: d.Name, Province: d.Province,
		Category: pa.Category, Title: pa.Title, Body: strings.Join(pa.Paragraphs, "\n"), Byline: pa.Byline,
		Authors: pa.Authors,
	}
	if pa.HasDate {
		t := pa.PublishedAt
		a.PublishedAt = &t
	}
	return a
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

// TimeQueries runs each query once on s and returns the latencies, in the
// queries' order. Both backends' latency benchmarks time their searches
// with it, so their figures compare.
func TimeQueries(tb testing.TB, s search.Store, queries []search.Query) []time.Duration {
	tb.Helper()
	lat := make([]time.Duration, len(queries))
	for i, q := range queries {
		t0 := time.Now()
		if _, err := s.Search(context.Background(), q); err != nil {
			tb.Fatalf("%+v: %v", q, err)
		}
		lat[i] = time.Since(t0)
	}
	return lat
}

// Quantile is the q-quantile of lat in milliseconds.
func Quantile(lat []time.Duration, q float64) float64 {
	s := slices.Sorted(slices.Values(lat))
	return float64(s[int(q*float64(len(s)-1))].Microseconds()) / 1000
}

// Spread is the min, median (of an even count, the upper middle) and max
// of xs, as both backends' benchmarks report their rounds.
func Spread(xs []float64) (lo, med, hi float64) {
	s := slices.Sorted(slices.Values(xs))
	return s[0], s[len(s)/2], s[len(s)-1]
}
