package crawler_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
)

// deadPortalArchive is a simulated Thanh Trì portal that is gone (its
// server closed) and a simulated web archive of it.
func deadPortalArchive(t *testing.T, cfg portalsim.WebArchiveConfig) *portalsim.WebArchive {
	t.Helper()
	p := startPortal(t, portalsim.Config{Seed: 11, District: "thanhtri", Articles: 40})
	wa, err := portalsim.NewWebArchive(p, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wa.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = wa.Close() })
	if err := p.Close(); err != nil { // the portal is dead
		t.Fatal(err)
	}
	return wa
}

func waybackSource(wa *portalsim.WebArchive) crawler.Source {
	s := hanoiSource("thanhtri-wayback", wa.Origin())
	s.AllowPrivate = true
	s.Kind = crawler.KindWayback
	s.Archive = &crawler.ArchiveConfig{CDXURL: wa.CDXURL(), ReplayURL: wa.ReplayURL(), Rate: 2000, PageSize: 25}
	s.UnitCodes = []string{"old:province:01"}
	return s
}

// fetchedOnBus reads every article.fetched event in the stream.
func fetchedOnBus(t *testing.T, n *natsEnv) []event.ArticleFetched {
	t.Helper()
	ctx := context.Background()
	s, err := n.conn.JS.Stream(ctx, event.StreamFetched)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []event.ArticleFetched
	if info.State.Msgs == 0 {
		return nil
	}
	cons, err := s.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for uint64(len(out)) < info.State.Msgs {
		batch, err := cons.Fetch(int(info.State.Msgs)-len(out), jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for m := range batch.Messages() {
			got++
			e, err := event.DecodeFetched(m.Data())
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, e)
		}
		if got == 0 {
			t.Fatalf("read %d of %d messages", len(out), info.State.Msgs)
		}
	}
	return out
}

// TestWaybackArchivesDeadPortal archives a portal whose server is closed,
// from the simulated web archive, on a real JetStream: every captured
// article is published, each version once, the newest capture last in
// fetched_at order, with its capture date and archive URL; gaps are not;
// captured redirects and error pages are recorded, not published; the
// WARC records name the original URL and the capture; a second run
// publishes nothing.
func TestWaybackArchivesDeadPortal(t *testing.T) {
	wa := deadPortalArchive(t, portalsim.WebArchiveConfig{Seed: 3, Fail503: 1})
	n := startNATS(t, "")
	state := n.state(t)
	dir := t.TempDir()
	arch, err := crawler.OpenArchive(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer arch.Close()
	var w waits
	c := crawler.New(n.conn, quiet, nil, crawler.WithState(state), crawler.WithArchive(arch), crawler.WithSleep(w.sleep))
	src := waybackSource(wa)
	if err := src.Compile(); err != nil {
		t.Fatal(err)
	}
	rep, err := c.Crawl(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}

	// What the archive holds: per article URL, its 200 captures in order.
	type want struct {
		versions int
		last     portalsim.ArchiveCapture
	}
	wants := map[string]*want{}
	errURLs := map[string]string{}
	for _, cp := range wa.Captures() {
		u, err := crawler.Canonical(cp.Original)
		if err != nil {
			t.Fatal(err)
		}
		if !src.IsArticle(u) {
			continue
		}
		switch {
		case cp.Status == 200:
			w := wants[u]
			if w == nil {
				w = &want{}
				wants[u] = w
			}
			if w.versions == 0 || cp.Changed {
				w.versions++
			}
			w.last = cp
		case cp.Status >= 300 && cp.Status < 400:
			errURLs[u] = crawler.ResultCapturedRedirect
		default:
			errURLs[u] = crawler.ResultCapturedError
		}
	}
	changed := 0
	for _, w := range wants {
		if w.versions > 1 {
			changed++
		}
	}
	if changed == 0 || len(errURLs) < 4 {
		t.Fatalf("the simulated archive has %d changed articles and %d error captures", changed, len(errURLs))
	}

	got := fetchedOnBus(t, n)
	byURL := map[string][]event.ArticleFetched{}
	for _, e := range got {
		byURL[e.URL] = append(byURL[e.URL], e)
	}
	for u, w := range wants {
		evs := byURL[u]
		if len(evs) != w.versions {
			t.Errorf("%s: published %d times, want %d (one per distinct capture)", u, len(evs), w.versions)
			continue
		}
		newest := evs[0]
		seen := map[string]bool{}
		for _, e := range evs {
			if seen[e.ContentSHA256] {
				t.Errorf("%s: the same content published twice", u)
			}
			seen[e.ContentSHA256] = true
			if e.Capture == nil || !e.Capture.Timestamp.Equal(e.FetchedAt) ||
				!strings.HasPrefix(e.Capture.ArchiveURL, wa.ReplayURL()+"/") || !strings.HasSuffix(e.Capture.ArchiveURL, "id_/"+w.last.Original) {
				t.Errorf("%s: capture provenance %+v, fetched_at %s", u, e.Capture, e.FetchedAt)
			}
			if e.WARC == nil || len(e.UnitCodes) != 1 || e.UnitCodes[0] != "old:province:01" {
				t.Errorf("%s: warc %v, unit codes %v", u, e.WARC, e.UnitCodes)
			}
			if e.FetchedAt.After(newest.FetchedAt) {
				newest = e
			}
		}
		if newest.ContentSHA256 != event.ContentHash(wa.Body(w.last)) {
			t.Errorf("%s: the newest version is not the content of the last capture (%s)", u, w.last.Timestamp)
		}
		delete(byURL, u)
	}
	for u := range byURL {
		t.Errorf("published %s, which the archive has no 200 capture of", u)
	}
	for _, g := range wa.Gaps() {
		if _, ok := wants[wa.Origin()+g]; ok {
			t.Errorf("gap %s was captured", g)
		}
	}
	fails, err := state.Failures(context.Background(), src.ID)
	if err != nil {
		t.Fatal(err)
	}
	recorded := map[string]string{}
	for _, f := range fails {
		recorded[f.URL] = f.Reason
	}
	for u, reason := range errURLs {
		if recorded[u] != reason {
			t.Errorf("%s: recorded %q, want %q", u, recorded[u], reason)
		}
	}
	if rep.Results[crawler.ResultCapturedRedirect] == 0 || rep.Results[crawler.ResultCapturedError] == 0 || rep.Retries == 0 {
		t.Errorf("report: %+v", rep)
	}

	// WARC: each published version's response record names the original
	// URL, the capture time and the archive URL.
	records := map[string]crawler.WARCRecord{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	for _, f := range files {
		if err := crawler.ScanWARC(f, func(r crawler.WARCRecord) error {
			if r.Type == "response" {
				records[r.RecordID] = r
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range got {
		r, ok := records[e.WARC.RecordID]
		if !ok {
			t.Errorf("%s: no WARC record %s", e.URL, e.WARC.RecordID)
			continue
		}
		if r.TargetURI != e.URL || r.SourceURI != e.Capture.ArchiveURL || r.Date != e.Capture.Timestamp.Format(time.RFC3339) || r.Status != 200 {
			t.Errorf("%s: WARC record target %s, source %s, date %s, status %d", e.URL, r.TargetURI, r.SourceURI, r.Date, r.Status)
		}
		_, body, err := crawler.ReadArchived(dir, *e.WARC)
		if err != nil || len(body) == 0 {
			t.Errorf("%s: read archived: %v", e.URL, err)
		}
	}

	// Again: everything is known; nothing is published, nothing fetched
	// but the index.
	_, replays := wa.Requests()
	rep2, err := c.Crawl(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if _, replays2 := wa.Requests(); replays2 != replays || rep2.Published != 0 || uint64(len(got)) != uint64(len(fetchedOnBus(t, n))) {
		t.Errorf("second run: %d replays, published %d", replays2-replays, rep2.Published)
	}
}
