package cli

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
)

// articleCapture asks the API for an article's capture provenance.
func articleCapture(api, id string) (*event.Capture, error) {
	resp, err := http.Get(api + "/api/v1/articles/" + id)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	var v struct {
		Capture *event.Capture `json:"capture"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return nil, err
	}
	return v.Capture, nil
}

// TestPipelineWaybackDeadPortal archives a portal whose live server is
// stopped from the simulated web archive, through every stage in one
// process (embedded NATS, processor, indexer, Bleve): every article with a
// 200 capture is in the store exactly once, with the capture (archive URL
// and time) of its newest version; articles whose only captures are
// redirects or error pages are not in the store, and the crawler's state
// records why.
func TestPipelineWaybackDeadPortal(t *testing.T) {
	p, err := portalsim.New(portalsim.Config{Seed: 11, District: "thanhtri", Articles: 40})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		t.Fatal(err)
	}
	wa, err := portalsim.NewWebArchive(p, portalsim.WebArchiveConfig{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wa.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = wa.Close() })
	liveURL := p.URL()
	if err := p.Close(); err != nil { // the portal is dead
		t.Fatal(err)
	}
	if resp, err := http.Get(liveURL + "/"); err == nil {
		resp.Body.Close()
		t.Fatalf("the live portal still answers at %s", liveURL)
	}

	src := crawler.HanoiSource("thanhtri-wayback", "Thanh Trì", "Hà Nội", wa.Origin(), true)
	src.Kind = crawler.KindWayback
	src.Archive = &crawler.ArchiveConfig{CDXURL: wa.CDXURL(), ReplayURL: wa.ReplayURL(), Rate: 2000, PageSize: 25}
	src.UnitCodes = []string{"old:province:01"}
	compiled := src
	if err := compiled.Compile(); err != nil {
		t.Fatal(err)
	}

	// What the store must hold: per article URL with a 200 capture, the
	// capture of its newest version. A capture with the same content
	// (digest) as the one before it of the same URL is not a new version
	// (the CDX query collapses it; design.md, "Web archives").
	type want struct {
		id       string
		capture  event.Capture
		digest   string
		versions int
	}
	wants := map[string]*want{}
	failed := map[string]string{} // URL → the failure reason recorded
	for _, cp := range wa.Captures() {
		u, err := crawler.Canonical(cp.Original)
		if err != nil {
			t.Fatal(err)
		}
		if !compiled.IsArticle(u) {
			continue
		}
		switch {
		case cp.Status == http.StatusOK:
			w := wants[u]
			if w == nil {
				w = &want{id: event.ArticleID(u)}
				wants[u] = w
			}
			if cp.Digest != w.digest {
				w.digest = cp.Digest
				w.versions++
				w.capture = event.Capture{ArchiveURL: wa.ReplayURL() + "/" + cp.Timestamp + "id_/" + cp.Original, Timestamp: cp.At}
			}
		case cp.Status >= 300 && cp.Status < 400:
			failed[u] = crawler.ResultCapturedRedirect
		default:
			failed[u] = crawler.ResultCapturedError
		}
	}
	for u := range failed {
		if wants[u] != nil {
			t.Fatalf("%s has both a 200 capture and an error capture; the test assumes not", u)
		}
	}
	titles := map[string]string{}
	for _, a := range p.Articles() {
		u, _ := crawler.Canonical(wa.Origin() + strings.TrimPrefix(a.URL, liveURL))
		titles[u] = a.Title
	}
	changed := 0
	for _, w := range wants {
		if w.versions > 1 {
			changed++
		}
	}
	if len(wants) < 30 || changed == 0 || len(failed) < 4 || len(wa.Gaps()) == 0 || len(wants) == len(titles) {
		t.Fatalf("the simulated archive has %d captured articles of %d (%d changed), %d error/redirect captures, %d gaps",
			len(wants), len(titles), changed, len(failed), len(wa.Gaps()))
	}
	t.Logf("archive: %d captured articles of %d (%d changed), %d error/redirect captures, %d gaps",
		len(wants), len(titles), changed, len(failed), len(wa.Gaps()))

	dataDir := t.TempDir()
	o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: dataDir, httpAddr: "127.0.0.1:0", replicas: 1}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := make(chan string, 1)
	crawled := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- o.runPipeline(ctx, stages{crawl: true, process: true, index: true, serve: true,
			sources: []crawler.Source{src}, onListen: func(a string) { addr <- a }, onCrawled: func() { close(crawled) }})
	}()
	var api string
	select {
	case a := <-addr:
		api = "http://" + a
	case err := <-done:
		t.Fatalf("pipeline stopped: %v", err)
	}
	select {
	case <-crawled:
	case <-time.After(time.Minute):
		t.Fatal("the wayback source was not crawled within a minute")
	}
	waitTotal(t, api, len(wants), time.Minute)
	// Every article's newest version indexed: the count alone is reached
	// as soon as each article's first version is.
	deadline := time.Now().Add(time.Minute)
	for u, w := range wants {
		for {
			c, err := articleCapture(api, w.id)
			if err == nil && c != nil && c.Timestamp.Equal(w.capture.Timestamp) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: the API shows capture %+v (%v), want %+v", u, c, err, w.capture)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	store, err := bleve.Open(filepath.Join(dataDir, "bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	bg := context.Background()
	if n, err := store.Count(bg); err != nil || n != len(wants) {
		t.Errorf("store holds %d documents (%v), want exactly the %d captured articles", n, err, len(wants))
	}
	for u, w := range wants {
		doc, err := store.Get(bg, w.id)
		if err != nil {
			t.Errorf("article %s missing: %v", u, err)
			continue
		}
		if doc.URL != u || doc.SourceID != src.ID || doc.Title != titles[u] || titles[u] == "" {
			t.Errorf("article %s: stored url %s, source %s, title %q (want %q)", u, doc.URL, doc.SourceID, doc.Title, titles[u])
		}
		rec, err := event.DecodeProcessed(doc.Record)
		if err != nil {
			t.Errorf("article %s: record: %v", u, err)
			continue
		}
		if rec.Capture == nil || rec.Capture.ArchiveURL != w.capture.ArchiveURL || !rec.Capture.Timestamp.Equal(w.capture.Timestamp) {
			t.Errorf("article %s: record capture %+v, want %+v", u, rec.Capture, w.capture)
		}
		if !rec.FetchedAt.Equal(w.capture.Timestamp) || !doc.FetchedAt.Equal(w.capture.Timestamp) {
			t.Errorf("article %s: fetched_at %s (stored %s), want the capture time %s", u, rec.FetchedAt, doc.FetchedAt, w.capture.Timestamp)
		}
	}
	for u := range failed {
		if _, err := store.Get(bg, event.ArticleID(u)); !errors.Is(err, search.ErrNotFound) {
			t.Errorf("%s, captured only as a redirect or an error page, is in the store (%v)", u, err)
		}
	}
	for _, g := range wa.Gaps() {
		if _, err := store.Get(bg, event.ArticleID(wa.Origin()+g)); !errors.Is(err, search.ErrNotFound) {
			t.Errorf("gap %s, never captured, is in the store (%v)", g, err)
		}
	}

	// The crawler's state records the redirects and error pages.
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: filepath.Join(dataDir, "nats")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	conn, err := bus.Connect(bg, srv.ClientURL(), "check", bus.DefaultTopology(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	state, err := crawler.ExistingState(bg, conn.JS)
	if err != nil {
		t.Fatal(err)
	}
	fails, err := state.Failures(bg, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	recorded := map[string]crawler.Failure{}
	for _, f := range fails {
		recorded[f.URL] = f
	}
	for u, reason := range failed {
		if f := recorded[u]; f.Reason != reason || f.Status == 0 {
			t.Errorf("%s: recorded failure %+v, want reason %s", u, f, reason)
		}
	}
	for u, f := range recorded {
		if _, ok := failed[u]; !ok {
			t.Errorf("unexpected failure recorded for %s: %+v", u, f)
		}
	}
	pages, err := state.Pages(bg, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	for u, w := range wants {
		if pg, ok := pages[u]; !ok || !pg.FetchedAt.Equal(w.capture.Timestamp) || pg.WARC == nil {
			t.Errorf("%s: page state %+v, want fetched at %s with a WARC record", u, pg, w.capture.Timestamp)
		}
	}
	if len(pages) != len(wants) {
		t.Errorf("page state holds %d articles, want %d", len(pages), len(wants))
	}
	sst, err := state.Source(bg, src.ID)
	if err != nil || sst.LastReport == nil || sst.LastCompleted.IsZero() {
		t.Fatalf("source state %+v (%v): the crawl did not complete", sst, err)
	}
	r := sst.LastReport.Results
	if r[crawler.ResultCapturedRedirect] == 0 || r[crawler.ResultCapturedError] == 0 || sst.LastReport.Published < int64(len(wants)) {
		t.Errorf("crawl report: %+v", sst.LastReport)
	}
	dl, err := conn.DeadLetters(bg, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(dl) != 0 {
		t.Errorf("%d dead letters, first: %s %s", len(dl), dl[0].Stage, dl[0].Error)
	}
}
