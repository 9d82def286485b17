package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
)

func startPortal(t *testing.T, cfg portalsim.Config) *portalsim.Portal {
	t.Helper()
	p, err := portalsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// searchTotal asks the API how many articles match v.
func searchTotal(api string, v url.Values) (search.Result, error) {
	var res search.Result
	resp, err := http.Get(api + "/api/v1/search?" + v.Encode())
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return res, fmt.Errorf("status %s", resp.Status)
	}
	return res, json.NewDecoder(resp.Body).Decode(&res)
}

// waitTotal polls the API until it reports want articles. The wait is
// bounded by progress, not wall time: it fails only when the count has not
// moved for stall (a busy machine is slow, a stuck pipeline stalls).
func waitTotal(t *testing.T, api string, want int, stall time.Duration) {
	t.Helper()
	got, last := -1, -1
	moved := time.Now()
	for {
		if res, err := searchTotal(api, url.Values{"size": {"0"}}); err == nil {
			if got = res.Total; got == want {
				return
			}
		}
		if got != last {
			last, moved = got, time.Now()
		}
		if time.Since(moved) > stall {
			t.Fatalf("store holds %d articles, want %d: no progress for %s", got, want, stall)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// checkStore opens the Bleve index and checks that it holds exactly the
// portal's articles, each once.
func checkStore(t *testing.T, dataDir string, portals ...*portalsim.Portal) map[string]search.Article {
	t.Helper()
	store, err := bleve.Open(filepath.Join(dataDir, "bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	want := 0
	got := map[string]search.Article{}
	for _, p := range portals {
		for _, a := range p.Articles() {
			want++
			u, _ := crawler.Canonical(a.URL)
			doc, err := store.Get(ctx, event.ArticleID(u))
			if err != nil {
				t.Errorf("article %s missing: %v", a.URL, err)
				continue
			}
			if doc.Title != a.Title {
				t.Errorf("article %s: title %q, want %q", a.URL, doc.Title, a.Title)
			}
			got[a.URL] = doc
		}
	}
	n, err := store.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Errorf("store holds %d documents, want exactly the %d portal articles", n, want)
	}
	return got
}

// TestPipelineEndToEnd runs every stage in one process on a real embedded
// NATS server and Bleve, against a simulated portal with a 5 MB article.
func TestPipelineEndToEnd(t *testing.T) {
	p := startPortal(t, portalsim.Config{Seed: 7, District: "thanhtri", Articles: 40, Faults: portalsim.Faults{HugeArticleBytes: 5 << 20}})
	dataDir := t.TempDir()
	o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: dataDir, httpAddr: "127.0.0.1:0", replicas: 1}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := make(chan string, 1)
	done := make(chan error, 1)
	src := crawler.HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", p.URL(), true)
	go func() {
		done <- o.runPipeline(ctx, stages{crawl: true, process: true, index: true, serve: true,
			sources: []crawler.Source{src}, onListen: func(a string) { addr <- a }})
	}()
	api := "http://" + <-addr
	// The last article in can be the 5 MB one: under the race detector, on
	// a loaded 2-CPU machine, beside the other pages of its batch, its
	// extraction alone took over a minute (its budget is 6 minutes).
	waitTotal(t, api, len(p.Articles()), 3*time.Minute)

	for _, q := range []string{"nang luc lanh dao", "năng lực lãnh đạo"} {
		res, err := searchTotal(api, url.Values{"q": {q}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Title != "Nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ huyện Thanh Trì" {
			t.Errorf("search %q: first hit is not the seed: %+v", q, res.Hits)
		}
	}
	res, err := searchTotal(api, url.Values{"q": {"Huyện uỷ Thanh Trì"}, "size": {"100"}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		found = found || h.Title == "Nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ huyện Thanh Trì"
	}
	if !found {
		t.Error(`search "Huyện uỷ Thanh Trì" does not find the seed`)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	docs := checkStore(t, dataDir, p)
	huge := 0
	for _, d := range docs {
		huge = max(huge, len(d.Body))
	}
	if huge < 5<<20 {
		t.Errorf("largest body is %d bytes: the 5 MB article did not flow end to end", huge)
	}
	// Nothing was dead-lettered on the way.
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: filepath.Join(dataDir, "nats")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	conn, err := bus.Connect(context.Background(), srv.ClientURL(), "check", bus.DefaultTopology(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	dl, err := conn.DeadLetters(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(dl) != 0 {
		t.Errorf("%d dead letters, first: %s %s", len(dl), dl[0].Stage, dl[0].Error)
	}
}
