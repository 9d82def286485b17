package searchtest

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/facts"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// FactsCorpus returns n simulated articles as the indexer writes them, faster
// to build than ProcessedCorpusOf (no page is served or parsed):
// each portalsim article's text read by package facts, as the processor
// reads a page (its figures, authors and document codes), mapped by
// search.FromProcessed with the full record. So the metric density is the
// one the processor really produces (BenchCorpus carries only the figures
// the simulator records as truth, about one in a hundred articles), and it
// is returned as metrics per article for the benchmarks to state.
func FactsCorpus(n int) ([]search.Article, float64) {
	ds := portalsim.Districts()
	per := (n + len(ds) - 1) / len(ds)
	fetched := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	type item struct {
		d  portalsim.DistrictInfo
		pa portalsim.Article
	}
	var items []item
	for _, d := range ds {
		p, err := portalsim.New(portalsim.Config{Seed: 11, District: d.Slug, Articles: max(per, 33)})
		if err != nil {
			panic(err)
		}
		for i, pa := range p.Articles() {
			if len(items) == n || i == per {
				break
			}
			items = append(items, item{d, pa})
		}
		_ = p.Close()
	}
	out := make([]search.Article, len(items))
	var wg sync.WaitGroup
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for k := range work {
				it := items[k]
				out[k] = processed(it.d, it.pa, fetched)
			}
		})
	}
	for k := range items {
		work <- k
	}
	close(work)
	wg.Wait()
	metrics := 0
	for _, a := range out {
		metrics += len(a.Metrics)
	}
	return out, float64(metrics) / float64(max(len(out), 1))
}

// processed is one simulated article as the processor would publish it.
func processed(d portalsim.DistrictInfo, pa portalsim.Article, fetched time.Time) search.Article {
	body := strings.Join(pa.Paragraphs, "\n\n")
	var published *time.Time
	if pa.HasDate {
		t := pa.PublishedAt
		published = &t
	}
	url := "https://" + d.Host + pa.Path
	f := facts.Read(facts.Input{Title: pa.Title, Body: body, Byline: pa.Byline, PublishedAt: published,
		URL: url, District: d.Name, Province: d.Province})
	views := pa.Views
	p := event.ArticleProcessed{
		SchemaVersion: event.ProcessedVersion, ArticleID: event.ArticleID(url), URL: url,
		SourceID: d.Slug, FetchedAt: fetched, ProcessedAt: fetched, Title: pa.Title, Category: pa.Category,
		PublishedAt: published, Views: &views, District: f.District, Province: f.Province, Byline: pa.Byline,
		Authors: f.Authors, Documents: f.Documents, Periods: f.Periods, ReportPeriod: f.ReportPeriod,
		Metrics: f.Metrics, Body: body,
	}
	if p.District == "" {
		p.District, p.Province = d.Name, d.Province
	}
	a, err := search.FromProcessed(p)
	if err != nil {
		panic(err)
	}
	return a
}

// VariedTexts returns n search texts drawn from docs with a fixed seed,
// so that the rounds of a latency benchmark do not repeat a few texts: the
// relevance set's texts, and runs of 1 to 5 words from random titles and
// bodies, and author names, each as typed or without diacritics (a third
// of them), a few with a quoted phrase or an exclusion.
func VariedTexts(docs []search.Article, n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	fixed := BenchQueries()
	out := make([]string, 0, n)
	for len(out) < n {
		a := docs[r.IntN(len(docs))]
		var q string
		switch k := r.IntN(10); {
		case k < 2:
			q = fixed[r.IntN(len(fixed))]
		case k < 5:
			q = run(r, search.Words(a.Title), 1+r.IntN(5))
		case k < 8:
			q = run(r, search.Words(a.Body), 2+r.IntN(4))
		case k == 8 && len(a.Authors) > 0:
			q = a.Authors[r.IntN(len(a.Authors))]
		default:
			ws := search.Words(a.Body)
			if r.IntN(2) == 0 {
				q = `"` + run(r, ws, 2) + `" ` + run(r, ws, 1)
			} else {
				q = run(r, ws, 2) + " -" + run(r, search.Words(docs[r.IntN(len(docs))].Title), 1)
			}
		}
		if strings.TrimSpace(strings.Trim(q, `"- `)) == "" {
			continue
		}
		if r.IntN(3) == 0 {
			q = vietnamese.Folded(q)
		}
		out = append(out, q)
	}
	return out
}

// run is k consecutive words of ws from a random start (all of ws when
// shorter).
func run(r *rand.Rand, ws []string, k int) string {
	if len(ws) <= k {
		return strings.Join(ws, " ")
	}
	i := r.IntN(len(ws) - k + 1)
	return strings.Join(ws[i:i+k], " ")
}
