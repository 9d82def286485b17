package crawler_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
)

// eventually polls cond for up to 15 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	within(t, 15*time.Second, 20*time.Millisecond, what, cond)
}

// within polls cond every poll until it holds, or fails the test once
// limit has passed.
func within(t *testing.T, limit, poll time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(limit); !cond(); time.Sleep(poll) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting: %s", limit, what)
		}
	}
}

// TestSourcesInTheCluster pushes sources into the cluster's bucket from one
// connection and runs a scheduler and a worker with no sources of their own
// on another: the pushed source is scheduled and crawled, a source pushed
// later is planned and crawled too, a changed one is followed, a removed one
// is gone.
func TestSourcesInTheCluster(t *testing.T) {
	p := startPortal(t, portalsim.Config{Seed: 8, District: "sontay", Articles: 6})
	n := startNATS(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pusher, err := crawler.OpenCatalog(ctx, secondConn(t, n).JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	a, b := hanoiSource("sontay-a", p.URL()), hanoiSource("sontay-b", p.URL())
	res, err := pusher.Push(ctx, []crawler.Source{a})
	if err != nil || !slices.Equal(res.Added, []string{"sontay-a"}) {
		t.Fatalf("push: %+v %v", res, err)
	}

	cat, err := crawler.OpenCatalog(ctx, n.conn.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	crawled := map[string]crawler.Report{}
	worker := crawler.NewWorker(n.conn, crawler.New(n.conn, quiet, nil, crawler.WithState(n.state(t))), nil, quiet,
		crawler.WorkerConfig{Catalog: cat, OnDone: func(j crawler.Job, rep crawler.Report, err error) {
			if err != nil {
				t.Errorf("crawl %s: %v", j.Source, err)
			}
			mu.Lock()
			crawled[j.Source] = rep
			mu.Unlock()
		}})
	for _, run := range []func(context.Context) error{cat.Run, crawler.NewScheduler(n.conn, nil, nil, 0, quiet).FollowCatalog(cat).Run,
		worker.Run} {
		wg.Add(1)
		go func() { defer wg.Done(); _ = run(ctx) }()
	}
	defer wg.Wait()
	defer cancel()
	done := func(id string) func() bool {
		return func() bool { mu.Lock(); defer mu.Unlock(); _, ok := crawled[id]; return ok }
	}
	eventually(t, "the pushed source crawled", done("sontay-a"))
	if rep := crawled["sontay-a"]; rep.Published != int64(len(p.Articles())) {
		t.Errorf("sontay-a published %d of %d articles", rep.Published, len(p.Articles()))
	}

	b.Politeness.Retries = 7
	if res, err = pusher.Push(ctx, []crawler.Source{a, b}); err != nil || !slices.Equal(res.Added, []string{"sontay-b"}) ||
		!slices.Equal(res.Unchanged, []string{"sontay-a"}) {
		t.Fatalf("second push: %+v %v", res, err)
	}
	eventually(t, "the source pushed later crawled", done("sontay-b"))

	b.Politeness.Retries = 2
	if res, err = pusher.Push(ctx, []crawler.Source{b}); err != nil || !slices.Equal(res.Updated, []string{"sontay-b"}) ||
		!slices.Equal(res.Removed, []string{"sontay-a"}) {
		t.Fatalf("third push: %+v %v", res, err)
	}
	eventually(t, "the change followed", func() bool {
		srcs := cat.Sources()
		return len(srcs) == 1 && srcs[0].ID == "sontay-b" && srcs[0].Politeness.Retries == 2
	})
	if _, ok, err := cat.Get(ctx, "sontay-a"); ok || err != nil {
		t.Errorf("removed source still known (%v)", err)
	}

	bad := hanoiSource("BAD id", p.URL())
	if _, err := pusher.Push(ctx, []crawler.Source{b, bad}); err == nil {
		t.Error("an invalid source was pushed")
	}
	if got := cat.Sources(); len(got) != 1 {
		t.Errorf("a refused push changed the sources: %d", len(got))
	}
}
