package crawler_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
)

// TestSchedulersNeverDoubleAJob starts two schedulers over the same
// sources on a real JetStream: each cron slot's job is in the work queue
// once, and a restarted scheduler does not republish a slot already done.
func TestSchedulersNeverDoubleAJob(t *testing.T) {
	n := startNATS(t, "")
	state := n.state(t)
	var srcs []crawler.Source
	for _, id := range []string{"thanhtri", "sontay", "thuongtin"} {
		s := hanoiSource(id, "http://127.0.0.1:1")
		s.Schedule = "0 3 * * *"
		srcs = append(srcs, s)
	}
	run := func() int {
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var mu sync.Mutex
		published := 0
		for range 2 {
			s := crawler.NewScheduler(n.conn, state, srcs, 0, quiet)
			s.OnPublish = func(crawler.Job) { mu.Lock(); published++; mu.Unlock() }
			wg.Add(1)
			go func() { defer wg.Done(); _ = s.Run(ctx) }()
		}
		deadline := time.Now().Add(10 * time.Second)
		for streamCount(t, n) < uint64(len(srcs)) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond) // let the second scheduler try too
		cancel()
		wg.Wait()
		return published
	}
	run()
	if got := streamCount(t, n); got != uint64(len(srcs)) {
		t.Errorf("%d jobs in the queue, want one per source (%d)", got, len(srcs))
	}
	if again := run(); again != 0 || streamCount(t, n) != uint64(len(srcs)) {
		t.Errorf("a restarted scheduler published %d jobs for slots already scheduled", again)
	}
}

func streamCount(t *testing.T, n *natsEnv) uint64 {
	t.Helper()
	s, err := n.conn.JS.Stream(context.Background(), event.StreamCrawlJobs)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}
