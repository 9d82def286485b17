package searchtest

import (
	"fmt"
	"strings"
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
		out = append(out, q.Text)
	}
	return out
}
