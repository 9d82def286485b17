package cli

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
)

// TestAdminEndpointsThroughTheWiring runs the whole pipeline with its real
// web wiring (webextras.go) on a real NATS server and calls the admin
// endpoints: a crawl is queued for a known source and refused for an
// unknown one, and re-processing the same article twice, right after it
// was processed (well within JetStream's de-duplication window), produces
// two new processed messages instead of being dropped as duplicates.
func TestAdminEndpointsThroughTheWiring(t *testing.T) {
	const token = "s3cret"
	t.Setenv(EnvAdminToken, token)
	p := startPortal(t, portalsim.Config{Seed: 11, District: "thanhtri", Articles: 4})
	srv := startNATS(t)
	o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: t.TempDir(), natsURL: srv.ClientURL(),
		httpAddr: "127.0.0.1:0", replicas: 1}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	src := crawler.HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", p.URL(), true)
	go func() {
		done <- o.runPipeline(ctx, stages{crawl: true, process: true, index: true, serve: true,
			sources: []crawler.Source{src}, onListen: func(a string) { addr <- a }})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	api := "http://" + <-addr
	waitTotal(t, api, len(p.Articles()), time.Minute)

	post := func(path string) int {
		req, _ := http.NewRequest("POST", api+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tt := range []struct {
		name, path string
		want       int
	}{
		{"crawl of a known source", "/api/v1/admin/sources/thanhtri/crawl", http.StatusAccepted},
		{"crawl of an unknown source", "/api/v1/admin/sources/nowhere/crawl", http.StatusNotFound},
	} {
		if got := post(tt.path); got != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, got, tt.want)
		}
	}

	res, err := searchTotal(api, url.Values{"size": {"1"}})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("no article to re-process: %v", err)
	}
	id := res.Hits[0].ID
	conn, err := bus.Connect(context.Background(), srv.ClientURL(), "check", bus.DefaultTopology(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	processed := func() uint64 {
		s, err := conn.JS.Stream(context.Background(), event.StreamProcessed)
		if err != nil {
			t.Fatal(err)
		}
		info, err := s.Info(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return info.State.Msgs
	}
	before := processed()
	for i := range 2 {
		if got := post("/api/v1/admin/articles/" + id + "/reprocess"); got != http.StatusAccepted {
			t.Fatalf("re-process #%d: status %d, want 202", i+1, got)
		}
	}
	// Wait while the count moves; fail when it stalls short of two more.
	last, moved := before, time.Now()
	for processed() < before+2 {
		if n := processed(); n != last {
			last, moved = n, time.Now()
		}
		if time.Since(moved) > 30*time.Second {
			t.Fatalf("processed messages went from %d to %d after two re-processes, want %d: dropped as duplicates", before, last, before+2)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
