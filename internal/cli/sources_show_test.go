package cli

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/page"
)

// TestSourcesShowTemplateSurvivesRestart crawls a simulated portal
// configured without selectors, as a new user configures a portal nobody
// tuned to: the processor learns its page template, and `dra sources
// show` prints it through the API. Then DRA stops and starts again on the
// same data directory, serving only: the template is still there, the
// same version learned from the same pages.
func TestSourcesShowTemplateSurvivesRestart(t *testing.T) {
	p := startPortal(t, portalsim.Config{Seed: 11, District: "thanhtri", Articles: 16})
	dataDir := t.TempDir()
	src := crawler.HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", p.URL(), true)
	src.Selectors = event.Selectors{} // the documented source fields only
	start := func(st stages) (api string, stop func()) {
		o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: dataDir, httpAddr: "127.0.0.1:0", replicas: 1}
		ctx, cancel := context.WithCancel(context.Background())
		addr, done := make(chan string, 1), make(chan error, 1)
		st.serve, st.sources, st.onListen = true, []crawler.Source{src}, func(a string) { addr <- a }
		go func() { done <- o.runPipeline(ctx, st) }()
		select {
		case a := <-addr:
			api = "http://" + a
		case err := <-done:
			cancel()
			t.Fatalf("the pipeline stopped before it listened: %v", err)
		}
		return api, func() {
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	}
	show := func(api string) string {
		code, out, errOut := execute(t, "sources", "show", "thanhtri", "--api-url", api)
		if code != 0 {
			t.Fatalf("dra sources show: exit %d: %s", code, errOut)
		}
		return out
	}

	api, stop := start(stages{crawl: true, process: true, index: true})
	waitTotal(t, api, len(p.Articles()), 3*time.Minute)
	var before string
	for deadline := time.Now().Add(time.Minute); ; {
		if before = show(api); strings.Contains(before, "profile v") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no template learned after every article was indexed:\n%s", before)
		}
		time.Sleep(200 * time.Millisecond)
	}
	stop()
	t.Log(before)
	for _, want := range []string{"profile v1 of thanhtri", "title: ", "published_at: ", "body: "} {
		if !strings.Contains(before, want) {
			t.Errorf("sources show does not print %q:\n%s", want, before)
		}
	}
	for _, field := range []string{"title", "published_at", "byline"} {
		if strings.Contains(before, "  "+field+": not found") {
			t.Errorf("the template does not locate the %s on a portal of one template:\n%s", field, before)
		}
	}
	pages := -1 // "profile v1 of thanhtri, learned … from 8 pages"
	if head, _, ok := strings.Cut(before, " pages\n"); ok {
		pages, _ = strconv.Atoi(head[strings.LastIndexByte(head, ' ')+1:])
	}
	if pages < page.MinSamples || pages > len(p.Articles()) {
		t.Errorf("the template was learned from %d pages, want %d to %d:\n%s", pages, page.MinSamples, len(p.Articles()), before)
	}

	api, stop = start(stages{})
	defer stop()
	if after := show(api); after != before {
		t.Errorf("the template changed across a restart:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
