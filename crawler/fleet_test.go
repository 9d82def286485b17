package crawler_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
)

// minGap is the shortest time between two consecutive arrivals, and
// between the first and the k-th of any k+1 consecutive ones (a rate over
// k intervals).
func minGap(times []time.Time, k int) (one, span time.Duration) {
	ts := append([]time.Time(nil), times...)
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	one, span = time.Duration(1<<63-1), time.Duration(1<<63-1)
	for i := 1; i < len(ts); i++ {
		one = min(one, ts[i].Sub(ts[i-1]))
		if i >= k {
			span = min(span, ts[i].Sub(ts[i-k]))
		}
	}
	return one, span
}

// checkRate checks arrivals at most one per interval: any k+1 consecutive
// arrivals span at least k-1 intervals. A request is sent at its slot, but
// on a loaded machine one may arrive late, close to the next: single gaps
// are logged, the rate over k intervals is the check.
func checkRate(t *testing.T, times []time.Time, interval time.Duration) {
	t.Helper()
	const k = 5
	one, span := minGap(times, k)
	t.Logf("%d requests, shortest gap %v, shortest span of %d gaps %v (interval %v)", len(times), one, k, span, interval)
	if span < (k-1)*interval {
		t.Errorf("%d requests arrived within %v, want at least %v apart (one per %v)", k+1, span, (k-1)*interval, interval)
	}
}

// secondConn is another connection to the embedded server: another
// process's view of the cluster.
func secondConn(t *testing.T, n *natsEnv) *bus.Conn {
	t.Helper()
	c, err := bus.Connect(context.Background(), n.srv.ClientURL(), "test-2", bus.DefaultTopology(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// TestHostPolitenessAcrossProcesses crawls two sources of one host at once
// from two crawlers on two NATS connections (two worker processes): the
// host lease lets one crawl request the host at a time and hands the next
// request slot on, so the portal's own request times show the host's delay
// between every two requests of the fleet. Without the state bucket (no
// lease) the same two crawls overlap.
func TestHostPolitenessAcrossProcesses(t *testing.T) {
	const delay = 60 * time.Millisecond
	crawlBoth := func(t *testing.T, c1, c2 *crawler.Crawler) *portalsim.Portal {
		p := startPortal(t, portalsim.Config{Seed: 3, District: "sontay", Articles: 6, PageSize: 10})
		var wg sync.WaitGroup
		for i, c := range []*crawler.Crawler{c1, c2} {
			src := hanoiSource([]string{"sontay-a", "sontay-b"}[i], p.URL())
			src.Politeness.Delay, src.Politeness.Parallelism = delay, 1
			wg.Add(1)
			go func() {
				defer wg.Done()
				rep, err := c.Crawl(context.Background(), src)
				if err != nil || rep.Published != int64(len(p.Articles())) {
					t.Errorf("%s: published %d of %d: %v", src.ID, rep.Published, len(p.Articles()), err)
				}
			}()
		}
		wg.Wait()
		return p
	}

	t.Run("host lease", func(t *testing.T) {
		n := startNATS(t, "")
		st2, err := crawler.OpenState(context.Background(), secondConn(t, n).JS, 1)
		if err != nil {
			t.Fatal(err)
		}
		c1 := crawler.New(&recorder{}, quiet, nil, crawler.WithState(n.state(t)))
		c2 := crawler.New(&recorder{}, quiet, nil, crawler.WithState(st2))
		p := crawlBoth(t, c1, c2)
		checkRate(t, p.RequestTimes(), delay)
	})

	t.Run("no lease overlaps", func(t *testing.T) {
		p := crawlBoth(t, crawler.New(&recorder{}, quiet, nil), crawler.New(&recorder{}, quiet, nil))
		if _, got := minGap(p.RequestTimes(), 5); got >= 4*delay {
			t.Errorf("without the state bucket the two crawls kept %v apart: the test cannot tell", got)
		}
	})
}

// TestArchiveRateAcrossProcesses reserves request slots of one web archive
// host from two connections (two processes) at once; the server's arrival
// times show the archive's rate held across both.
func TestArchiveRateAcrossProcesses(t *testing.T) {
	const interval = 120 * time.Millisecond
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
	}))
	defer srv.Close()
	n := startNATS(t, "")
	st2, err := crawler.OpenState(context.Background(), secondConn(t, n).JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, st := range []*crawler.State{n.state(t), st2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 12 {
				if err := st.WaitRate(context.Background(), "web.archive.org", interval); err != nil {
					t.Error(err)
					return
				}
				resp, err := httpClient.Get(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	if len(times) != 24 {
		t.Fatalf("%d requests, want 24", len(times))
	}
	checkRate(t, times, interval)
}

// TestWorkerJobsInFlight checks that the jobs in flight across the fleet
// are the worker's setting, not a fixed 256: the server's own view of the
// shared job consumer tells.
func TestWorkerJobsInFlight(t *testing.T) {
	n := startNATS(t, "")
	c := crawler.New(&recorder{}, quiet, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- crawler.NewWorker(n.conn, c, nil, quiet, crawler.WorkerConfig{MaxInFlight: 5000}).Run(ctx)
	}()
	defer func() { cancel(); <-done }()
	for deadline := time.Now().Add(10 * time.Second); ; {
		cons, err := n.conn.JS.Consumer(ctx, event.StreamCrawlJobs, crawler.WorkerDurable)
		if err == nil {
			if got := cons.CachedInfo().Config.MaxAckPending; got != 5000 {
				t.Fatalf("job consumer MaxAckPending %d, want 5000", got)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no job consumer: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
