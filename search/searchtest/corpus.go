package searchtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/processor"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// Corpus is the corpus both backends' benchmarks and the tests that want
// realistic articles use, made the way the pipeline makes articles:
// simulated portal pages, served by portalsim and turned into articles by
// the processor (processor.Process, then search.FromProcessed, the full
// record included), so every article carries the metrics, authors,
// documents and record the processor really extracts, at their real
// density. Every article is a distinct page.
type Corpus struct {
	Articles []search.Article
	// MetricsPerArticle is the mean number of metrics the processor
	// extracted per article.
	MetricsPerArticle float64
}

// Metrics is the number of metric documents of the corpus.
func (c Corpus) Metrics() int {
	n := 0
	for _, a := range c.Articles {
		n += len(a.Metrics)
	}
	return n
}

var (
	corpusMu   sync.Mutex
	lastCorpus Corpus // the last one built, for a benchmark run again with a larger b.N
)

// NewCorpus returns n articles processed from portalsim pages spread over
// the simulated districts (see Corpus), failing tb if a page cannot be
// served or processed, and logs their metric density. The caller may
// reorder or replace the returned articles.
func NewCorpus(tb testing.TB, n int) Corpus {
	tb.Helper()
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if len(lastCorpus.Articles) != n {
		var out []search.Article
		err := simulated(n, func(d portalsim.DistrictInfo, p *portalsim.Portal, arts []portalsim.Article) error {
			as, err := processAll(d, p.Handler(), arts)
			out = append(out, as...)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
		lastCorpus = Corpus{Articles: out}
		lastCorpus.MetricsPerArticle = float64(lastCorpus.Metrics()) / float64(max(len(out), 1))
	}
	c := Corpus{Articles: slices.Clone(lastCorpus.Articles), MetricsPerArticle: lastCorpus.MetricsPerArticle}
	tb.Logf("corpus: %d portalsim pages processed by the processor: %.2f metrics per article, %d metric documents",
		len(c.Articles), c.MetricsPerArticle, c.Metrics())
	return c
}

// simulated calls f with each simulated district's portal (seed 11) and
// its first articles, n articles in all spread evenly over the districts.
func simulated(n int, f func(d portalsim.DistrictInfo, p *portalsim.Portal, arts []portalsim.Article) error) error {
	ds := portalsim.Districts()
	per := (n + len(ds) - 1) / len(ds)
	left := n
	for _, d := range ds {
		if left == 0 {
			break
		}
		p, err := portalsim.New(portalsim.Config{Seed: 11, District: d.Slug, Articles: max(per, 33)})
		if err != nil {
			return err
		}
		arts := p.Articles()
		arts = arts[:min(per, left, len(arts))]
		left -= len(arts)
		err = f(d, p, arts)
		_ = p.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// processAll serves arts from h and processes them, on every CPU.
func processAll(d portalsim.DistrictInfo, h http.Handler, arts []portalsim.Article) ([]search.Article, error) {
	out := make([]search.Article, len(arts))
	errs := make([]error, len(arts))
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for k := range work {
				out[k], errs[k] = processPage(d, h, arts[k])
			}
		})
	}
	for k := range arts {
		work <- k
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fetchedAt is when every corpus page was fetched (and processed).
var fetchedAt = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// processPage serves one article page from h and processes it as the
// processor stage does.
func processPage(d portalsim.DistrictInfo, h http.Handler, pa portalsim.Article) (search.Article, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://"+d.Host+pa.Path, nil))
	if rec.Code != http.StatusOK {
		return search.Article{}, fmt.Errorf("portalsim %s%s: status %d", d.Host, pa.Path, rec.Code)
	}
	body := rec.Body.String()
	sum := sha256.Sum256([]byte(body))
	u := "https://" + d.Host + pa.Path
	f := event.ArticleFetched{
		SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(u), URL: u,
		SourceID: d.Slug, District: d.Name, Province: d.Province, FetchedAt: fetchedAt,
		StatusCode: http.StatusOK, ContentType: "text/html; charset=utf-8",
		ContentSHA256: hex.EncodeToString(sum[:]), Body: body,
	}
	p, err := processor.Process(f, fetchedAt)
	if err != nil {
		return search.Article{}, fmt.Errorf("process %s: %w", u, err)
	}
	return search.FromProcessed(p)
}

// VariedQueries returns n searches drawn from docs with a fixed seed, so
// that the rounds of a latency benchmark do not repeat a few texts, of the
// kinds researchers type, in turn: a few words of a title, the same
// without diacritics, a run of body words, a quoted phrase from a body, an
// author's name, words with a district filter typed without diacritics,
// words with an exclusion, an OR of two words with a year, one word sorted
// by date, words with facets, and a text of the judged relevance set
// (names, units, codes, syntax). Pages 1 to 3.
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
	judged := BenchQueries()
	out := make([]search.Query, 0, n)
	for i := 0; len(out) < n; i++ {
		a := docs[r.IntN(len(docs))]
		title, body := words(a.Title), words(a.Body)
		q := search.Query{Size: 10, Offset: 10 * r.IntN(3)}
		switch i % 11 {
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
		case 10:
			q.Text = judged[r.IntN(len(judged))]
		}
		if strings.TrimSpace(strings.Trim(q.Text, `"`)) == "" {
			continue
		}
		out = append(out, q)
	}
	return out
}
