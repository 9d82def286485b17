package searchtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/processor"
	"github.com/dra-archive/dra/search"
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
