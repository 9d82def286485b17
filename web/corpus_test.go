package web_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/processor"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/web"
)

// demoCorpus is the corpus of `dra demo` built the short way: the three
// simulated portals serve their pages, each article page is fetched over
// HTTP, archived in a WARC file, processed by processor.Process (the
// processor stage's own function) and written to a Bleve store.
type demoCorpus struct {
	store   search.Store
	warcDir string
	seedID  string
	// portals maps district name to the portal (closed by t.Cleanup).
	portals map[string]*portalsim.Portal
	ids     map[string]string // article URL -> article ID
}

var (
	corpusOnce sync.Once
	corpus     *demoCorpus
	corpusErr  error
	corpusDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if corpus != nil {
		_ = corpus.store.Close()
		for _, p := range corpus.portals {
			_ = p.Close()
		}
	}
	if corpusDir != "" {
		_ = os.RemoveAll(corpusDir)
	}
	os.Exit(code)
}

// loadDemo builds the demo corpus once per test binary.
func loadDemo(t *testing.T) *demoCorpus {
	t.Helper()
	corpusOnce.Do(func() { corpus, corpusErr = buildDemo() })
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpus
}

func buildDemo() (*demoCorpus, error) {
	dir, err := os.MkdirTemp("", "dra-web-test-")
	if err != nil {
		return nil, err
	}
	corpusDir = dir
	store, err := bleve.Open("")
	if err != nil {
		return nil, err
	}
	c := &demoCorpus{store: store, warcDir: dir, portals: map[string]*portalsim.Portal{}, ids: map[string]string{}}
	arch, err := crawler.OpenArchive(dir, 0)
	if err != nil {
		return nil, err
	}
	defer arch.Close()
	client := &http.Client{Timeout: 10 * time.Second}
	now := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	var docs []search.Article
	for _, d := range []string{"thanhtri", "sontay", "thuongtin"} {
		p, err := portalsim.New(portalsim.Config{Seed: 1, District: d, Articles: 36})
		if err != nil {
			return nil, err
		}
		if _, err := p.Start(); err != nil {
			return nil, err
		}
		info := p.District()
		c.portals[info.Name] = p
		src := crawler.HanoiSource(info.Slug, info.Name, info.Province, p.URL(), true)
		for _, a := range p.Articles() {
			req, _ := http.NewRequest(http.MethodGet, a.URL, nil)
			resp, err := client.Do(req)
			if err != nil {
				return nil, err
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return nil, err
			}
			if resp.StatusCode != http.StatusOK {
				continue // the huge article may be refused by a fault knob; not needed here
			}
			if a.Seed {
				// The seed page was also captured a year earlier: the
				// article has two captures, the later one current.
				if _, err := arch.Write(crawler.Exchange{Request: req, Response: resp, Body: body, At: now.AddDate(-1, 0, 0)}); err != nil {
					return nil, err
				}
			}
			ref, err := arch.Write(crawler.Exchange{Request: req, Response: resp, Body: body, At: now})
			if err != nil {
				return nil, err
			}
			canon, err := crawler.Canonical(a.URL)
			if err != nil {
				return nil, err
			}
			sel := src.Selectors
			f := event.ArticleFetched{SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(canon), URL: canon,
				SourceID: src.ID, District: src.District, Province: src.Province, FetchedAt: now, StatusCode: 200,
				ContentType: resp.Header.Get("Content-Type"), ContentSHA256: event.ContentHash(body), Body: string(body), WARC: &ref,
				Selectors: &event.Selectors{Title: sel.Title, Category: sel.Category, Date: sel.Date, Body: sel.Body, Byline: sel.Byline, Exclude: sel.Exclude}}
			pr, err := processor.Process(f, now)
			if errors.Is(err, processor.ErrNotArticle) {
				continue
			}
			if err != nil {
				return nil, err
			}
			doc, err := search.FromProcessed(pr)
			if err != nil {
				return nil, err
			}
			docs = append(docs, doc)
			c.ids[a.URL] = doc.ID
			if a.Seed {
				c.seedID = doc.ID
			}
		}
	}
	if _, err := store.Upsert(context.Background(), docs); err != nil {
		return nil, err
	}
	if c.seedID == "" {
		return nil, errors.New("the seed article is not in the demo corpus")
	}
	return c, nil
}

// extras wires the corpus's archive and sources like `dra demo` does.
func (c *demoCorpus) extras() web.Extras {
	return web.Extras{
		RatePerSecond: -1,
		Archive: func(_ context.Context, id string, ref *event.WARCRef) (http.Header, []byte, error) {
			if ref == nil {
				return nil, nil, search.ErrNotFound
			}
			return crawler.ReadArchived(c.warcDir, *ref)
		},
		Captures: func(_ context.Context, a search.Article) ([]web.Capture, error) {
			recs, err := crawler.Captures(c.warcDir, a.ID, a.URL)
			if err != nil {
				return nil, err
			}
			var out []web.Capture
			for _, r := range recs {
				at, _ := time.Parse(time.RFC3339Nano, r.Date)
				out = append(out, web.Capture{At: at, URL: r.TargetURI, Status: r.Status, Via: r.SourceURI, Truncated: r.Truncated, Ref: r.Ref})
			}
			return out, nil
		},
		Sources: func(context.Context) ([]web.SourceStatus, error) {
			var out []web.SourceStatus
			for name, p := range c.portals {
				info := p.District()
				t := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
				out = append(out, web.SourceStatus{ID: info.Slug, Name: name, District: name, Province: info.Province,
					StartURLs: []string{p.URL() + "/"}, LastStarted: &t, LastCompleted: &t})
			}
			return out, nil
		},
	}
}
