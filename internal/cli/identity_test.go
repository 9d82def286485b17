package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/search/bleve"
)

// TestDemoAgainOnTheSameDataDir runs the pipeline as "dra demo" does
// (simulated portals on loopback, crawl, process, index into Bleve, serve)
// twice on one data directory, with the portals on other ports the second
// time. The second run publishes nothing and the store holds each of the
// portals' articles once, under the ID of its real host and path. An
// article archived in the first run is then re-processed through the admin
// API at the second run's addresses: it keeps its ID.
func TestDemoAgainOnTheSameDataDir(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline twice")
	}
	const token = "test-admin-token"
	t.Setenv(EnvAdminToken, token)
	dataDir := t.TempDir()
	cfgs := []portalsim.Config{{Seed: 3, District: "thanhtri", Articles: 36}, {Seed: 3, District: "sontay", Articles: 36}}

	// The expectation comes from the portals' own article lists.
	want := map[string]portalsim.Article{}
	var first []*portalsim.Portal
	for _, cfg := range cfgs {
		p := startPortal(t, cfg) // kept open: the second run's portals get other ports
		first = append(first, p)
		for _, a := range p.Articles() {
			want[event.KeyID(p.District().Host+a.Path)] = a
		}
	}
	total := 0
	for _, p := range first {
		total += len(p.Articles())
	}
	if len(want) != total {
		t.Fatalf("%d distinct IDs for %d articles", len(want), total)
	}

	// Each run has its NATS server on the data directory, started by the
	// test (as "dra demo" starts its embedded one there) so the test can
	// watch the streams; it is shut down between the runs.
	run := func(portals []*portalsim.Portal, during func(api string, conn *bus.Conn)) (*bus.Conn, func()) {
		t.Helper()
		srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: filepath.Join(dataDir, "nats")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		conn, err := bus.Connect(context.Background(), srv.ClientURL(), "test", bus.DefaultTopology(), nil)
		if err != nil {
			srv.Shutdown()
			t.Fatal(err)
		}
		stop := func() { _ = conn.Close(); srv.Shutdown() }
		t.Cleanup(stop)
		var srcs []crawler.Source
		for _, p := range portals {
			src, err := demoSource(p)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, src)
		}
		o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: dataDir, httpAddr: "127.0.0.1:0",
			natsURL: srv.ClientURL(), replicas: 1}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		addr := make(chan string, 1)
		crawled := make(chan struct{})
		done := make(chan error, 1)
		go func() {
			done <- o.runPipeline(ctx, stages{crawl: true, process: true, index: true, serve: true, sources: srcs,
				onListen: func(a string) { addr <- a }, onCrawled: func() { close(crawled) }})
		}()
		var api string
		select {
		case a := <-addr:
			api = "http://" + a
		case err := <-done:
			t.Fatalf("pipeline: %v", err)
		}
		select {
		case <-crawled:
		case <-time.After(2 * time.Minute):
			t.Fatal("the sources were not crawled within 2 minutes")
		}
		waitTotal(t, api, total, 2*time.Minute)
		if during != nil {
			during(api, conn)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		return conn, stop
	}
	// check reads what the data directory holds after a run: the fetched
	// events, the dead letters and the store.
	check := func(name string, conn *bus.Conn) map[string]int {
		t.Helper()
		ids := fetchedIDs(t, conn)
		for id := range ids {
			if _, ok := want[id]; !ok {
				t.Errorf("%s: published %s, which is no article of the portals", name, id)
			}
		}
		if dl, err := conn.DeadLetters(context.Background(), ""); err != nil || len(dl) != 0 {
			t.Errorf("%s: dead letters %v (%v)", name, dl, err)
		}
		store, err := bleve.Open(filepath.Join(dataDir, "bleve"))
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		ctx := context.Background()
		for id, a := range want {
			doc, err := store.Get(ctx, id)
			if err != nil {
				t.Errorf("%s: article %s (%s) missing: %v", name, id, a.Path, err)
				continue
			}
			if doc.Title != a.Title {
				t.Errorf("%s: article %s: title %q, want %q", name, id, doc.Title, a.Title)
			}
		}
		if n, err := store.Count(ctx); err != nil || n != total {
			t.Errorf("%s: the store holds %d articles (%v), want the portals' %d", name, n, err, total)
		}
		return ids
	}

	conn, stop := run(first, nil)
	ids1 := check("first run", conn)
	stop()
	if len(ids1) != total {
		t.Fatalf("first run: %d articles published, want %d", len(ids1), total)
	}

	var again []*portalsim.Portal
	for i, cfg := range cfgs {
		p := startPortal(t, cfg)
		if p.URL() == first[i].URL() {
			t.Fatalf("the second portal of %s has the first one's address", cfg.District)
		}
		again = append(again, p)
	}
	var reprocessed string
	conn, stop = run(again, func(api string, conn *bus.Conn) {
		// An article of the first run, stored with its URL at the first
		// run's port, re-processed now: the event keeps its ID (an invalid
		// one would be dead-lettered by the processor).
		for id := range want {
			reprocessed = id
			break
		}
		if v := articleView(t, api, reprocessed); v.ID != reprocessed {
			t.Fatalf("article %s is %s", reprocessed, v.ID)
		}
		fetched := streamMsgs(conn, event.StreamFetched)
		req, _ := http.NewRequest(http.MethodPost, api+"/api/v1/admin/articles/"+reprocessed+"/reprocess", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			t.Fatalf("reprocess %s: %s", reprocessed, resp.Status)
		}
		deadline := time.Now().Add(time.Minute)
		for streamMsgs(conn, event.StreamFetched) == fetched || !consumerDone(conn, event.StreamFetched, "processor") {
			if time.Now().After(deadline) {
				t.Fatalf("the re-processing of %s was not published and processed within a minute", reprocessed)
			}
			time.Sleep(50 * time.Millisecond)
		}
		waitTotal(t, api, total, 10*time.Second)
		resp, err = http.Get(api + "/api/v1/articles/" + reprocessed + "/archive")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("archived original of %s: %s", reprocessed, resp.Status)
		}
	})
	defer stop()
	ids2 := check("second run", conn)
	// The only new message is the re-processing's.
	for id, n := range ids2 {
		wantN := ids1[id]
		if id == reprocessed {
			wantN++
		}
		if n != wantN {
			t.Errorf("second run: %s published %d times in all, want %d", id, n, wantN)
		}
	}
	// The crawler published nothing the second time: every article known.
	state, err := crawler.ExistingState(context.Background(), conn.JS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range again {
		st, err := state.Source(context.Background(), p.District().Slug)
		if err != nil || st.LastReport == nil {
			t.Fatalf("%s: no crawl report (%v)", p.District().Slug, err)
		}
		// Known and checked within the revisit period: not even asked again.
		if r := st.LastReport; r.Published != 0 || r.Results[crawler.ResultNotDue] == 0 || r.Failed != 0 {
			t.Errorf("%s: second crawl %+v %v", p.District().Slug, r.Stats, r.Results)
		}
	}
}

// consumerDone reports whether a durable consumer has nothing pending.
func consumerDone(conn *bus.Conn, stream, durable string) bool {
	ctx := context.Background()
	c, err := conn.JS.Consumer(ctx, stream, durable)
	if err != nil {
		return false
	}
	info, err := c.Info(ctx)
	return err == nil && info.NumPending == 0 && info.NumAckPending == 0
}

// articleViewJSON is the part of the API's view of an article the test reads.
type articleViewJSON struct {
	ID          string     `json:"id"`
	URL         string     `json:"url"`
	ProcessedAt *time.Time `json:"processed_at"`
}

func articleView(t *testing.T, api, id string) articleViewJSON {
	t.Helper()
	var v articleViewJSON
	resp, err := http.Get(api + "/api/v1/articles/" + id)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("article %s: %s", id, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(fmt.Errorf("article %s: %w", id, err))
	}
	return v
}
