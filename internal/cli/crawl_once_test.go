package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// served is one request a test server answered: when it arrived and when
// its answer was written.
type served struct {
	path          string
	arrived, done time.Time
}

// hostRecorder serves a simulated portal's handler and records every request.
// If rendezvous is set, the first request waits (at most 10 s) until the
// other hostRecorder has had a request too: two crawls that run at once both
// pass at once, crawls in turn show as a wait that timed out.
type hostRecorder struct {
	h          http.Handler
	mu         sync.Mutex
	log        []served
	inflight   int
	maxInfl    int
	met        chan struct{} // closed at this server's first request
	rendezvous *hostRecorder
	timedOut   bool
}

func newHostRecorder(h http.Handler) *hostRecorder {
	return &hostRecorder{h: h, met: make(chan struct{})}
}

func (r *hostRecorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	s := served{path: req.URL.RequestURI(), arrived: time.Now()}
	r.mu.Lock()
	first := len(r.log) == 0 && r.inflight == 0
	r.inflight++
	r.maxInfl = max(r.maxInfl, r.inflight)
	r.mu.Unlock()
	if first {
		close(r.met)
		if o := r.rendezvous; o != nil {
			select {
			case <-o.met:
			case <-time.After(10 * time.Second):
				r.mu.Lock()
				r.timedOut = true
				r.mu.Unlock()
			}
		}
	}
	r.h.ServeHTTP(w, req)
	s.done = time.Now()
	r.mu.Lock()
	r.inflight--
	r.log = append(r.log, s)
	r.mu.Unlock()
}

func (r *hostRecorder) requests() []served {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]served(nil), r.log...)
	// In order of arrival.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].arrived.Before(out[j-1].arrived); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TestCrawlOnceSourcesAtOnce crawls four sources with --workers 4: two on
// one portal (politeness: one request at a time, 40 ms apart) and one on
// each of two other portals. The portals on other hosts are crawled at
// once; the two sources of the shared portal are crawled in turn, so that
// portal never has two requests in flight nor two page requests closer
// than the delay. Every article of every portal is published.
func TestCrawlOnceSourcesAtOnce(t *testing.T) {
	const delay = 40 * time.Millisecond
	var recs []*hostRecorder
	var portals []*portalsim.Portal
	var srcs []crawler.Source
	for i, d := range []string{"thuongtin", "sontay", "thanhtri"} {
		p, err := portalsim.New(portalsim.Config{Seed: 1, District: d, Articles: 8, PageSize: 10,
			Faults: portalsim.Faults{Latency: 5 * time.Millisecond}})
		if err != nil {
			t.Fatal(err)
		}
		rec := newHostRecorder(p.Handler())
		srv := httptest.NewServer(rec)
		t.Cleanup(srv.Close)
		recs, portals = append(recs, rec), append(portals, p)
		src := crawler.HanoiSource(d, d, "Hà Nội", srv.URL, true)
		src.Politeness.Timeout = 10 * time.Second
		if i == 0 { // the shared portal: two sources
			src.Politeness = crawler.Politeness{Parallelism: 1, Delay: delay, Timeout: 10 * time.Second}
			twin := src
			twin.ID = d + "-twin"
			srcs = append(srcs, src, twin)
			continue
		}
		srcs = append(srcs, src)
	}
	recs[1].rendezvous, recs[2].rendezvous = recs[2], recs[1]
	srv, conn := startBus(t)
	var out, errb bytes.Buffer
	if code := Execute([]string{"crawl", "--once", "--workers", "4", "--sources", writeSources(t, srcs...),
		"--nats-url", srv.ClientURL(), "--data-dir", t.TempDir()}, &out, &errb); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	t.Log(out.String())

	for _, r := range recs[1:] {
		if r.timedOut {
			t.Errorf("the portals on other hosts were not crawled at once (one waited 10 s for the other)")
		}
	}
	shared := recs[0].requests()
	if got := recs[0].maxInfl; got != 1 {
		t.Errorf("shared portal: %d requests at once, want 1 (parallelism 1 for both sources)", got)
	}
	pages := 0
	var prev *served
	for i := range shared {
		s := &shared[i]
		if s.path == "/robots.txt" { // fetched once per crawl, outside the page rate
			continue
		}
		pages++
		if prev != nil {
			if gap := s.arrived.Sub(prev.arrived); gap < delay {
				t.Errorf("shared portal: %s %v after %s, want >= %v", s.path, gap, prev.path, delay)
			}
		}
		prev = s
	}
	if robots := len(shared) - pages; robots != 2 {
		t.Errorf("shared portal: robots.txt fetched %d times, want 2 (one crawl per source)", robots)
	}
	// Both sources of the shared portal walked all of it, each a first crawl.
	distinct := map[string]bool{}
	for _, s := range shared {
		distinct[s.path] = true
	}
	if pages != 2*(len(distinct)-1) || pages == 0 {
		t.Errorf("shared portal: %d page requests for %d pages, want each page twice", pages, len(distinct)-1)
	}
	ids := fetchedIDs(t, conn)
	want := 0
	for _, p := range portals {
		want += len(p.Articles())
	}
	if len(ids) != want {
		t.Errorf("%d articles published, want %d (every article of the %d portals)", len(ids), want, len(portals))
	}
	for _, s := range srcs {
		if !strings.Contains(out.String(), s.ID+" (") {
			t.Errorf("no summary for %s:\n%s", s.ID, out.String())
		}
	}
}

func TestHostGroups(t *testing.T) {
	src := func(id, start string, allowed ...string) crawler.Source {
		return crawler.Source{ID: id, StartURLs: []string{start}, AllowedHosts: allowed}
	}
	tests := []struct {
		name string
		srcs []crawler.Source
		want [][]int
	}{
		{"other hosts", []crawler.Source{src("a", "https://a.example/"), src("b", "https://b.example/")}, [][]int{{0}, {1}}},
		{"same host and port", []crawler.Source{src("a", "https://a.example/"), src("b", "https://a.example:443/en/")}, [][]int{{0, 1}}},
		{"same host, other ports", []crawler.Source{src("a", "http://127.0.0.1:8001/"), src("b", "http://127.0.0.1:8002/")}, [][]int{{0}, {1}}},
		{"an allowed host on any port", []crawler.Source{src("a", "http://127.0.0.1:8001/", "x.gov.vn"), src("b", "https://x.gov.vn/"),
			src("c", "http://127.0.0.1:8003/")}, [][]int{{0, 1}, {2}}},
		{"chained", []crawler.Source{src("a", "https://a.example/"), src("b", "https://b.example/", "a.example"),
			src("c", "https://c.example/", "b.example")}, [][]int{{0, 1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hostGroups(tt.srcs)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("hostGroups = %v, want %v", got, tt.want)
			}
		})
	}
}
