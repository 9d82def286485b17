package indexer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/indexer"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/testenv"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/elastic"
)

// startESCluster starts a 3-node Elasticsearch cluster on loopback with
// scripts/elasticsearch.sh in its own run directory, stopped at cleanup,
// and returns its node URLs (comma-separated). It runs in CI, and locally
// when DRA_ES_CLUSTER_TEST is set: the cluster takes half a minute and
// ~1.5 GB of memory to start.
func startESCluster(t *testing.T) string {
	t.Helper()
	if !testenv.CI() && os.Getenv("DRA_ES_CLUSTER_TEST") == "" {
		t.Skip("starts a 3-node Elasticsearch cluster: runs in CI, or with DRA_ES_CLUSTER_TEST=1")
	}
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "scripts", "elasticsearch.sh")
	// Not under t.TempDir: when the tests run as root, the script hands the
	// directory to the Elasticsearch user, who must be able to reach it.
	runDir := filepath.Join(os.TempDir(), fmt.Sprintf("dra-es-cluster-%d", time.Now().UnixNano()))
	env := append(os.Environ(), "DRA_ES_RUN_DIR="+runDir, "DRA_ES_CLUSTER=dra-cluster-test", "DRA_ES_HEAP=320m", "DRA_ES_TIMEOUT=600")
	cmd := exec.Command(script, "start", "--nodes", "3")
	cmd.Env = env
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	t.Cleanup(func() {
		stop := exec.Command(script, "stop")
		stop.Env = env
		if out, err := stop.CombinedOutput(); err != nil {
			t.Errorf("stop the cluster: %v: %s", err, out)
		}
	})
	if err != nil {
		t.Fatalf("start a 3-node cluster: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// esGet decodes the JSON answer of GET path from one of the nodes that
// answers.
func esGet(t *testing.T, nodes []string, path string, out any) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var last error
	for _, n := range nodes {
		res, err := c.Get(n + path)
		if err != nil {
			last = err
			continue
		}
		err = json.NewDecoder(res.Body).Decode(out)
		res.Body.Close()
		if err == nil && res.StatusCode == http.StatusOK {
			return
		}
		last = fmt.Errorf("status %d: %v", res.StatusCode, err)
	}
	t.Fatalf("GET %s: %v", path, last)
}

// TestElasticsearchClusterLosesANode indexes through the indexer, on a
// 3-node NATS cluster with every stream replicated three times, into a
// 3-node Elasticsearch cluster with one replica per shard. While articles
// stream in it kills (SIGKILL) the Elasticsearch node holding the primary
// of the article index, then shuts down the NATS node the indexer is
// connected to: every article and every metric document must end up
// indexed exactly once, and searches running all along must all be
// answered.
func TestElasticsearchClusterLosesANode(t *testing.T) {
	urls := startESCluster(t)
	nodes := strings.Split(urls, ",")
	if len(nodes) != 3 {
		t.Fatalf("cluster URLs %q: want 3", urls)
	}
	natsNodes, natsURLs := testenv.NATSCluster(t, 3)
	topo := bus.DefaultTopology()
	topo.Replicas = 3
	conn, err := bus.Connect(t.Context(), natsURLs, "test", topo, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	base := fmt.Sprintf("dra-cluster-%d", time.Now().UnixNano())
	store, err := elastic.Open(t.Context(), elastic.Config{URL: urls, Index: base, Shards: 1, Replicas: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	var health struct {
		Status string `json:"status"`
	}
	esGet(t, nodes, "/_cluster/health/"+store.Index()+","+store.MetricsIndex()+"?wait_for_status=green&timeout=60s", &health)
	if health.Status != "green" {
		t.Fatalf("indices are %s, want green (replicas allocated)", health.Status)
	}

	const n = 1000
	ix := indexer.New(conn, store, quiet, nil, indexer.WithBatch(25), indexer.WithRetry(100*time.Millisecond, time.Second))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); _ = ix.Run(ctx) }()
	// Articles stream in over ~6 s at least, some twice (redelivery).
	var pubFailed atomic.Int64
	go func() {
		defer wg.Done()
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			data, _ := json.Marshal(withMetrics(i))
			publish := func(id string) {
				// A publish that fails even after the bus's own retries
				// (a node lost) is sent again, as the crawler sends a page
				// again on its next crawl; the failures are counted.
				for ctx.Err() == nil {
					if err := conn.Publish(ctx, event.SubjectProcessed, id, data); err == nil {
						return
					}
					pubFailed.Add(1)
				}
			}
			publish(fmt.Sprintf("m%d", i))
			if i%10 == 0 {
				publish(fmt.Sprintf("dup%d", i))
			}
			time.Sleep(6 * time.Millisecond)
		}
	}()
	// Searches all along: each must be answered.
	var searches, failed atomic.Int64
	var slowest atomic.Int64
	var firstErr atomic.Value
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			t0 := time.Now()
			qctx, qcancel := context.WithTimeout(ctx, 20*time.Second)
			_, err := store.Search(qctx, search.Query{Text: "dân vận", Size: 10})
			qcancel()
			if ctx.Err() != nil {
				return
			}
			searches.Add(1)
			if err != nil {
				failed.Add(1)
				firstErr.CompareAndSwap(nil, err.Error())
			}
			if d := time.Since(t0); int64(d) > slowest.Load() {
				slowest.Store(int64(d))
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	defer func() { cancel(); wg.Wait() }()

	waitProgress(t, func() int { return countOf(store) }, func(c int) bool { return c >= n/5 })
	var shards []struct {
		Index, Prirep, State, Node string
	}
	esGet(t, nodes, "/_cat/shards/"+store.Index()+"?format=json&h=index,prirep,state,node", &shards)
	victim := ""
	for _, s := range shards {
		if s.Prirep == "p" {
			victim = s.Node
		}
	}
	var procs struct {
		Nodes map[string]struct {
			Name string `json:"name"`
			HTTP struct {
				PublishAddress string `json:"publish_address"`
			} `json:"http"`
			Process struct {
				ID int `json:"id"`
			} `json:"process"`
		} `json:"nodes"`
	}
	esGet(t, nodes, "/_nodes/"+victim+"/process,http", &procs)
	pid := 0
	for _, p := range procs.Nodes {
		if p.Name == victim {
			pid = p.Process.ID
		}
	}
	if victim == "" || pid == 0 {
		t.Fatalf("no primary node found in %+v / %+v", shards, procs)
	}
	at := countOf(store)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill node %s (pid %d): %v", victim, pid, err)
	}
	t.Logf("killed node %s (pid %d), the primary of %s, at %d of %d articles", victim, pid, store.Index(), at, n)

	// Then the NATS node the connection is on, once indexing moved on.
	waitProgress(t, func() int { return countOf(store) }, func(c int) bool { return c >= at+n/5 })
	connected := conn.NC.ConnectedUrl()
	for _, ns := range natsNodes {
		if ns.ClientURL() == connected {
			at = countOf(store)
			ns.Shutdown()
			ns.WaitForShutdown()
			t.Logf("shut down NATS node %s (%s) at %d of %d articles", ns.Name(), connected, at, n)
		}
	}

	waitProgress(t, func() int { return countOf(store) + metricCount(store) }, func(c int) bool {
		return countOf(store) == n && metricCount(store) == 2*n
	})
	time.Sleep(2 * time.Second) // a late duplicate would show now
	cancel()
	wg.Wait()

	if got := countOf(store); got != n {
		t.Errorf("articles = %d, want %d", got, n)
	}
	if got := metricCount(store); got != 2*n {
		t.Errorf("metric documents = %d, want %d", got, 2*n)
	}
	for _, i := range []int{0, n / 2, n - 1} {
		want := withMetrics(i)
		a, err := store.Get(context.Background(), want.ArticleID)
		if err != nil || a.Title != want.Title {
			t.Errorf("article %d: %q, %v; want %q", i, a.Title, err, want.Title)
		}
	}
	t.Logf("%d publishes failed after the bus's retries and were sent again", pubFailed.Load())
	t.Logf("%d searches while indexing, %d failed, slowest %v", searches.Load(), failed.Load(), time.Duration(slowest.Load()).Round(time.Millisecond))
	if searches.Load() == 0 {
		t.Error("no search ran")
	}
	if failed.Load() > 0 {
		t.Errorf("%d of %d searches failed; first: %v", failed.Load(), searches.Load(), firstErr.Load())
	}
}

// waitProgress waits until done(value()) holds, failing only when value
// stops moving for a minute: on a loaded machine a cluster is slow, not
// stuck.
func waitProgress(t *testing.T, value func() int, done func(int) bool) {
	t.Helper()
	last, moved := value(), time.Now()
	for {
		v := value()
		if done(v) {
			return
		}
		if v != last {
			last, moved = v, time.Now()
		}
		if time.Since(moved) > time.Minute {
			t.Fatalf("no progress for a minute at %d", v)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
