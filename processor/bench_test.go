package processor

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/page"
	"github.com/dra-archive/dra/processor/eval"
)

// seedPage fetches the seed article's page from a simulated Thanh Trì
// portal over HTTP.
func seedPage(tb testing.TB) (string, []byte) {
	tb.Helper()
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "thanhtri"})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(p.Handler())
	defer srv.Close()
	for _, a := range p.Articles() {
		if !a.Seed {
			continue
		}
		resp, err := http.Get(srv.URL + a.Path)
		if err != nil {
			tb.Fatal(err)
		}
		defer resp.Body.Close()
		page, err := io.ReadAll(resp.Body)
		if err != nil {
			tb.Fatal(err)
		}
		return srv.URL + a.Path, page
	}
	tb.Fatal("no seed article on the thanhtri portal")
	return "", nil
}

// learnedSeedProfile is the Thanh Trì portal's template learned from its
// first pages.
func learnedSeedProfile(tb testing.TB) page.Profile {
	tb.Helper()
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "thanhtri"})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(p.Handler())
	defer srv.Close()
	var samples []page.Sample
	for _, a := range p.Articles()[:8] {
		resp, err := http.Get(srv.URL + a.Path)
		if err != nil {
			tb.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		s, err := page.Observe(body, Options{URL: srv.URL + a.Path})
		if err != nil || s == nil {
			tb.Fatal(err)
		}
		samples = append(samples, *s)
	}
	prof, ok := page.Learn("thanhtri", samples)
	if !ok {
		tb.Fatal("no template learned")
	}
	return prof
}

// BenchmarkExtractSeedPage compares DRA's full extraction (body, metadata,
// metrics, authors, documents) with go-readability's body extraction alone,
// on the same page, side by side.
func BenchmarkExtractSeedPage(b *testing.B) {
	pageURL, pg := seedPage(b)
	u, _ := url.Parse(pageURL)
	// The page read with its site's learned template, as the stage reads
	// the pages of a source without selectors once it has one.
	prof := learnedSeedProfile(b)
	b.Run("dra-full-record-learned-template", func(b *testing.B) {
		b.SetBytes(int64(len(pg)))
		b.ReportAllocs()
		for b.Loop() {
			r, err := ExtractRecord(pg, Options{URL: pageURL, Profile: &prof})
			if err != nil || r.Template == "" || len(r.Metrics) == 0 || len(r.Authors) == 0 {
				b.Fatalf("record incomplete: %v", err)
			}
		}
	})
	b.Run("dra-full-record", func(b *testing.B) {
		b.SetBytes(int64(len(pg)))
		b.ReportAllocs()
		for b.Loop() {
			r, err := ExtractRecord(pg, Options{URL: pageURL})
			if err != nil || len(r.Metrics) == 0 || len(r.Authors) == 0 || len(r.Documents) == 0 {
				b.Fatalf("record incomplete: %v", err)
			}
		}
	})
	b.Run("go-readability-body", func(b *testing.B) {
		b.SetBytes(int64(len(pg)))
		b.ReportAllocs()
		for b.Loop() {
			readabilityBody(b, pg, u)
		}
	})
}

// readabilityBody extracts the body of page pg at u with go-readability,
// the baseline the extraction benchmarks compare with, and fails b if it
// finds none.
func readabilityBody(b *testing.B, pg []byte, u *url.URL) {
	b.Helper()
	a, err := readability.FromReader(bytes.NewReader(pg), u)
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	if err := a.RenderText(&sb); err != nil || sb.Len() == 0 {
		b.Fatalf("no body: %v", err)
	}
}

// TestSeedPageFromPortal checks the record of the seed article as the
// simulated portal serves it in HTML.
func TestSeedPageFromPortal(t *testing.T) {
	pageURL, page := seedPage(t)
	r, err := ExtractRecord(page, Options{URL: pageURL})
	if err != nil {
		t.Fatal(err)
	}
	g, err := eval.Load("testdata/thanhtri-2020-03-18.gold.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range eval.CheckFields(g, fieldsOf(r)) {
		t.Error(e)
	}
	if !eval.AuthorsRight(g, r.Authors) || !strings.HasPrefix(r.Body, "Quán triệt sâu sắc chương trình số 01-CTr/HU") {
		t.Errorf("authors %+v, body starts %.60q", r.Authors, r.Body)
	}
	if len(r.Metrics) < 35 || len(r.Documents) != 3 || len(r.Authors) != 1 || r.District != "Thanh Trì" || r.Province != "Hà Nội" {
		t.Errorf("record: %d metrics, %d documents, authors %+v, %s, %s", len(r.Metrics), len(r.Documents), r.Authors, r.District, r.Province)
	}
}

// BenchmarkFullRecordVsReadability measures DRA's full record and
// go-readability's body extraction on the same page interleaved, call by
// call, so both see the same machine load; it reports the ratio of their
// times per page (dra/readability, lower is better) for the record read
// with the site's learned template and for the generic one. Run it with
// -count to get one ratio per round.
func BenchmarkFullRecordVsReadability(b *testing.B) {
	pageURL, pg := seedPage(b)
	u, _ := url.Parse(pageURL)
	prof := learnedSeedProfile(b)
	// Warm up: the gazetteer and taxonomy load on first use.
	if _, err := ExtractRecord(pg, Options{URL: pageURL, Profile: &prof}); err != nil {
		b.Fatal(err)
	}
	var learned, generic, rd time.Duration
	for b.Loop() {
		t0 := time.Now()
		r, err := ExtractRecord(pg, Options{URL: pageURL, Profile: &prof})
		t1 := time.Now()
		if err != nil || r.Template == "" || len(r.Metrics) == 0 {
			b.Fatalf("record incomplete: %v", err)
		}
		readabilityBody(b, pg, u)
		t2 := time.Now()
		g, err := ExtractRecord(pg, Options{URL: pageURL})
		t3 := time.Now()
		if err != nil || len(g.Metrics) == 0 {
			b.Fatalf("record incomplete: %v", err)
		}
		learned += t1.Sub(t0)
		rd += t2.Sub(t1)
		generic += t3.Sub(t2)
	}
	b.ReportMetric(float64(learned)/float64(rd), "learned/readability")
	b.ReportMetric(float64(generic)/float64(rd), "generic/readability")
	b.ReportMetric(float64(rd.Nanoseconds())/float64(b.N), "readability-ns/page")
}
