package searchtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/processor"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// ProcessedCorpus is a benchmark corpus made the way the pipeline makes
// articles: simulated portal pages, served by portalsim and turned into
// articles by the processor (processor.Process, then search.FromProcessed),
// so every article carries the metrics, authors, documents and record the
// processor really extracts, at their real density.
type ProcessedCorpus struct {
	Articles []search.Article
	// Pages is how many distinct pages were processed; the corpus repeats
	// them under new IDs when it is larger.
	Pages int
	// MetricsPerPage is the mean number of metrics the processor extracted
	// per distinct page.
	MetricsPerPage float64
}

// Metrics is the number of metric documents of the corpus.
func (c ProcessedCorpus) Metrics() int {
	n := 0
	for _, a := range c.Articles {
		n += len(a.Metrics)
	}
	return n
}

var (
	processedOnce  sync.Once
	processedPages []search.Article
	processedErr   error
)

// processedDistinct is how many distinct pages ProcessedCorpusOf processes
// (once per test binary): every article of every simulated district, up to
// this many.
const processedDistinct = 4000

// ProcessedCorpusOf returns n articles processed from portalsim pages (see
// ProcessedCorpus); IDs are unique.
func ProcessedCorpusOf(n int) (ProcessedCorpus, error) {
	processedOnce.Do(func() { processedPages, processedErr = processPages(processedDistinct) })
	if processedErr != nil {
		return ProcessedCorpus{}, processedErr
	}
	pages := processedPages
	metrics := 0
	for _, a := range pages {
		metrics += len(a.Metrics)
	}
	c := ProcessedCorpus{Pages: len(pages), MetricsPerPage: float64(metrics) / float64(len(pages))}
	c.Articles = make([]search.Article, n)
	for i := range n {
		a := pages[i%len(pages)]
		if round := i / len(pages); round > 0 {
			a.ID = fmt.Sprintf("%s-r%d", a.ID, round)
			a.URL = fmt.Sprintf("%s?r=%d", a.URL, round)
		}
		c.Articles[i] = a
	}
	return c, nil
}

// processPages serves up to max article pages of the simulated districts
// and processes them.
func processPages(max int) ([]search.Article, error) {
	ds := portalsim.Districts()
	per := (max + len(ds) - 1) / len(ds)
	fetched := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	var out []search.Article
	for _, d := range ds {
		p, err := portalsim.New(portalsim.Config{Seed: 11, District: d.Slug, Articles: per})
		if err != nil {
			return nil, err
		}
		h := p.Handler()
		for _, pa := range p.Articles() {
			if len(out) == max {
				break
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://"+d.Host+pa.Path, nil))
			if rec.Code != http.StatusOK {
				_ = p.Close()
				return nil, fmt.Errorf("portalsim %s%s: status %d", d.Host, pa.Path, rec.Code)
			}
			body := rec.Body.String()
			sum := sha256.Sum256([]byte(body))
			u := "https://" + d.Host + pa.Path
			id := sha256.Sum256([]byte(u))
			f := event.ArticleFetched{
				SchemaVersion: event.FetchedVersion, ArticleID: hex.EncodeToString(id[:16]), URL: u,
				SourceID: d.Slug, District: d.Name, Province: d.Province, FetchedAt: fetched,
				StatusCode: http.StatusOK, ContentType: "text/html; charset=utf-8",
				ContentSHA256: hex.EncodeToString(sum[:]), Body: body,
			}
			pr, err := processor.Process(f, fetched)
			if err != nil {
				_ = p.Close()
				return nil, fmt.Errorf("process %s: %w", u, err)
			}
			a, err := search.FromProcessed(pr)
			if err != nil {
				_ = p.Close()
				return nil, err
			}
			out = append(out, a)
		}
		_ = p.Close()
	}
	return out, nil
}

// VariedQueries returns n searches drawn from docs with a fixed seed, of
// the kinds researchers type, in turn: a few words of a title, the same
// without diacritics, a run of body words, a quoted phrase from a body, an
// author's name, words with a district filter typed without diacritics,
// words with an exclusion, an OR of two words with a year, one word sorted
// by date, and words with facets. Pages 1 to 3.
func VariedQueries(docs []search.Article, n int, seed uint64) []search.Query {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	words := func(s string) []string { return search.Words(s) }
	run := func(ws []string, k int) string {
		if len(ws) == 0 {
			return "đảng viên"
		}
		k = min(k, len(ws))
		i := r.IntN(len(ws) - k + 1)
		return strings.Join(ws[i:i+k], " ")
	}
	out := make([]search.Query, 0, n)
	for i := 0; len(out) < n; i++ {
		a := docs[r.IntN(len(docs))]
		title, body := words(a.Title), words(a.Body)
		q := search.Query{Size: 10, Offset: 10 * r.IntN(3)}
		switch i % 10 {
		case 0:
			q.Text = run(title, 2+r.IntN(2))
		case 1:
			q.Text = vietnamese.Folded(run(title, 2+r.IntN(3)))
		case 2:
			q.Text = run(body, 3+r.IntN(3))
		case 3:
			q.Text = `"` + run(body, 2+r.IntN(2)) + `"`
		case 4:
			if len(a.Authors) == 0 {
				continue
			}
			q.Text = a.Authors[r.IntN(len(a.Authors))]
		case 5:
			q.Text, q.District = run(body, 2), strings.ToLower(vietnamese.Folded(a.District))
		case 6:
			q.Text = run(title, 2) + " -" + run(body, 1)
		case 7:
			q.Text = run(body, 1) + " OR " + run(title, 1)
			if a.PublishedAt != nil {
				q.Text += fmt.Sprintf(" year:%d", a.PublishedAt.Year())
			}
		case 8:
			q.Text, q.Sort = run(title, 1), search.SortDate
		case 9:
			q.Text, q.Facets = run(body, 2), search.FacetNames
		}
		if strings.TrimSpace(strings.Trim(q.Text, `"`)) == "" {
			continue
		}
		out = append(out, q)
	}
	return out
}
