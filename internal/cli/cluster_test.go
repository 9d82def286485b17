package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/dra-archive/dra/internal/testenv"
)

// startCluster starts a fresh 3-node NATS cluster with JetStream in this
// process, on loopback, and returns its nodes and the client URLs.
func startCluster(t *testing.T) ([]*server.Server, string) { return testenv.NATSCluster(t, 3) }

func freePort(t *testing.T) int {
	t.Helper()
	_, p, _ := net.SplitHostPort(freeAddr(t))
	var n int
	fmt.Sscan(p, &n)
	return n
}

// waitReady polls every address's /readyz until all answer 200. The wait
// is bounded by progress: it fails when no more process became ready for
// stall.
func waitReady(t *testing.T, addrs []string, stall time.Duration) {
	t.Helper()
	best := -1
	moved := time.Now()
	for {
		ready := 0
		var last string
		for _, a := range addrs {
			resp, err := http.Get("http://" + a + "/readyz")
			if err != nil {
				last = err.Error()
				continue
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				ready++
			} else {
				last = a + ": " + resp.Status
			}
		}
		if ready == len(addrs) {
			return
		}
		if ready > best {
			best, moved = ready, time.Now()
		}
		if time.Since(moved) > stall {
			t.Fatalf("%d of %d processes ready, none more for %s (last: %s)", ready, len(addrs), stall, last)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// TestStagesStartTogetherOnFreshCluster: six stage processes (two crawl
// workers, two processors, two indexers, replicas 3) started at the same
// moment on a fresh 3-node cluster all come up, race as they may to create
// the streams, consumers and buckets, and stay ready when a node is lost.
func TestStagesStartTogetherOnFreshCluster(t *testing.T) {
	nodes, urls := startCluster(t)
	quiet := slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	var addrs []string
	for i, st := range []stages{
		{crawl: true, crawlFlags: crawlFlags{role: "worker"}}, {crawl: true, crawlFlags: crawlFlags{role: "worker"}},
		{process: true}, {process: true}, {index: true}, {index: true},
	} {
		o := &options{rs: &rootState{logger: quiet.With("process", i)}, dataDir: t.TempDir(), natsURL: urls,
			replicas: 3, metricsAddr: freeAddr(t)}
		addrs = append(addrs, o.metricsAddr)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := o.runPipeline(ctx, st); err != nil {
				errs <- fmt.Errorf("process %d: %w", i, err)
			}
		}()
	}
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
	waitReady(t, addrs, time.Minute)

	nodes[2].Shutdown()
	nodes[2].WaitForShutdown()
	waitReady(t, addrs, time.Minute)
}
