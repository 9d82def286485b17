package crawler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
)

// Environment of a crawl child (the test binary run again by
// BenchmarkCrawlProcess).
const (
	envChild     = "DRA_BENCH_CHILD" // "dra" or "colly"
	envChildBase = "DRA_BENCH_BASE"  // the portal's base URL
	envChildNATS = "DRA_BENCH_NATS"  // the NATS client URL (dra)
	envChildDir  = "DRA_BENCH_DIR"   // the WARC directory (dra)
	envChildID   = "DRA_BENCH_ID"    // the source ID (dra): a first crawl
)

// childResult is what a crawl child prints on stdout.
type childResult struct {
	Pages      int64   `json:"pages"`
	Published  int64   `json:"published"`
	Failed     int64   `json:"failed"`
	Seconds    float64 `json:"seconds"` // the crawl alone, not start-up
	HeapMB     float64 `json:"heap_mb"` // peak heap in use, sampled
	StackMB    float64 `json:"stack_mb"`
	MappedMB   float64 `json:"mapped_mb"` // peak Sys less HeapReleased
	Goroutines int     `json:"goroutines"`
	StartRSSMB float64 `json:"start_rss_mb"` // before the crawl
	StartHWMMB float64 `json:"start_hwm_mb"` // peak RSS before the crawl
	EndHWMMB   float64 `json:"end_hwm_mb"`   // peak RSS after it
	RSSMB      float64 `json:"rss_mb"`       // peak VmRSS, sampled
	// MappedAtRSS is MappedMB when RSSMB was sampled.
	MappedAtRSS float64 `json:"mapped_at_rss_mb"`
	Error       string  `json:"error,omitempty"`
}

func benchSource(base string) crawler.Source {
	src := hanoiSource("bench", base)
	src.Politeness = crawler.Politeness{Parallelism: 16, Timeout: time.Minute, Retries: 1, Backoff: time.Millisecond}
	return src
}

// benchChild runs the crawl of a child process, if this is one, and
// reports whether it was.
func benchChild() bool {
	kind := os.Getenv(envChild)
	if kind == "" {
		return false
	}
	var res childResult
	var err error
	src := benchSource(os.Getenv(envChildBase))
	res.StartRSSMB, res.StartHWMMB = statusMB("VmRSS:"), statusMB("VmHWM:")
	stop := sampleHeap(&res)
	start := time.Now()
	switch kind {
	case "colly":
		res.Pages, err = collyCrawl(src, os.Getenv(envChildBase))
	case "dra":
		err = draChild(src, &res)
	case "fleet":
		err = fleetChild()
	default:
		err = fmt.Errorf("unknown child %q", kind)
	}
	res.Seconds = time.Since(start).Seconds()
	stop()
	res.EndHWMMB = statusMB("VmHWM:")
	if err != nil {
		res.Error = err.Error()
	}
	_ = json.NewEncoder(os.Stdout).Encode(res)
	return true
}

// sampleHeap records the peak HeapInuse in MB until stop is called.
func sampleHeap(res *childResult) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				res.HeapMB = max(res.HeapMB, float64(m.HeapInuse)/(1<<20))
				res.StackMB = max(res.StackMB, float64(m.StackInuse)/(1<<20))
				res.MappedMB = max(res.MappedMB, float64(m.Sys-m.HeapReleased)/(1<<20))
				res.Goroutines = max(res.Goroutines, runtime.NumGoroutine())
				if rss := statusMB("VmRSS:"); rss > res.RSSMB {
					res.RSSMB, res.MappedAtRSS = rss, float64(m.Sys-m.HeapReleased)/(1<<20)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// childCrawler sets up what every DRA crawl child has: a connection to
// the parent's NATS server (envChildNATS) named name, the crawl state in
// its KV bucket, WARC files in envChildDir, and a crawler on them with
// opts added. done closes the archive, then the connection.
func childCrawler(ctx context.Context, name string, opts ...crawler.Option) (conn *bus.Conn, c *crawler.Crawler, done func(), err error) {
	conn, err = bus.Connect(ctx, os.Getenv(envChildNATS), name, bus.DefaultTopology(), quiet)
	if err != nil {
		return nil, nil, nil, err
	}
	state, err := crawler.OpenState(ctx, conn.JS, 1)
	if err != nil {
		conn.Close()
		return nil, nil, nil, err
	}
	archive, err := crawler.OpenArchive(os.Getenv(envChildDir), 0)
	if err != nil {
		conn.Close()
		return nil, nil, nil, err
	}
	opts = append([]crawler.Option{crawler.WithState(state), crawler.WithArchive(archive)}, opts...)
	return conn, crawler.New(conn, quiet, nil, opts...), func() { archive.Close(); conn.Close() }, nil
}

// childCommand is this test binary run again as a benchmark child (see
// benchChild), with env added to this process's environment.
func childCommand(env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run", "^$", "-test.bench", "^$")
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// draChild crawls as `dra crawl --once` does: robots.txt, KV state and
// publishing on the parent's NATS server, WARC files.
func draChild(src crawler.Source, res *childResult) error {
	ctx := context.Background()
	_, c, done, err := childCrawler(ctx, "bench-child")
	if err != nil {
		return err
	}
	defer done()
	src.ID = os.Getenv(envChildID)
	rep, err := c.Crawl(ctx, src)
	res.Pages, res.Published, res.Failed = rep.Pages, rep.Published, rep.Failed
	return err
}

// runChild runs a crawl child and returns its result, its peak RSS in MB
// (the crawler alone, without the portal or the NATS server, which stay in
// this process) and the CPU seconds it used (start-up included).
func runChild(b testing.TB, env ...string) (childResult, float64, float64) {
	cmd := childCommand(env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		b.Fatalf("child: %v\n%s", err, errb.String())
	}
	var res childResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		b.Fatalf("child output %q: %v\n%s", out.String(), err, errb.String())
	}
	if res.Error != "" {
		b.Fatalf("child: %s", res.Error)
	}
	b.Logf("child: %+v", res)
	// The child's own VmHWM after the crawl. Not the parent's
	// getrusage(RUSAGE_CHILDREN) ru_maxrss: Go starts children with
	// CLONE_VM, and at exec Linux folds the high-water RSS of the memory
	// the child shared until then (this process's, portal and NATS
	// included) into the child's maxrss.
	cpu := (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	return res, res.EndHWMMB, cpu
}

// BenchmarkCrawlProcess crawls the simulated portal (-crawl.articles
// articles; 50,000 is the memory target's size) with politeness off, in a
// child process each: a bare Colly collector on DRA's transport, and DRA
// (robots.txt, KV state, WARC, JetStream). The portal and the embedded
// NATS server stay in this process, so the child's peak RSS is the
// crawler's. Rounds alternate which runs first; it reports each one's
// median pages/s (the crawl alone, timed in the child), the largest peak
// RSS and peak heap, the median CPU seconds per crawl, and the min, median
// and max of DRA's pages/s over Colly's of the same round.
//
//	go test -run '^$' -bench CrawlProcess -benchtime 3x -crawl.articles=50000 ./crawler
func BenchmarkCrawlProcess(b *testing.B) {
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "sontay", Articles: *benchArticles, PageSize: 50})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	dir := b.TempDir()
	n := startNATSB(b, filepath.Join(dir, "nats"))
	defer n.stop()

	type peaks struct {
		rss, heap float64
		cpu       []float64
	}
	pk := map[string]*peaks{"colly": {}, "dra": {}}
	record := func(name string, res childResult, rss, cpu float64) {
		q := pk[name]
		q.rss, q.heap, q.cpu = max(q.rss, rss), max(q.heap, res.HeapMB), append(q.cpu, cpu)
	}
	interleave(b, "pages",
		side{"colly", func(int) (float64, float64) {
			res, rss, cpu := runChild(b, envChild+"=colly", envChildBase+"="+p.URL())
			record("colly", res, rss, cpu)
			return float64(res.Pages), res.Seconds
		}},
		side{"dra", func(round int) (float64, float64) {
			id := "benchproc" + strconv.Itoa(round) + "n" + strconv.Itoa(b.N) // a first crawl every time
			res, rss, cpu := runChild(b, envChild+"=dra", envChildBase+"="+p.URL(), envChildNATS+"="+n.srv.ClientURL(),
				envChildDir+"="+filepath.Join(dir, "warc-"+id), envChildID+"="+id)
			if res.Failed != 0 || res.Published != int64(len(p.Articles())) {
				b.Fatalf("crawl: %+v", res)
			}
			record("dra", res, rss, cpu)
			return float64(res.Pages), res.Seconds
		}})
	for _, name := range []string{"colly", "dra"} {
		b.ReportMetric(pk[name].rss, name+"-peak-RSS-MB")
		b.ReportMetric(pk[name].heap, name+"-peak-heap-MB")
		b.ReportMetric(median(pk[name].cpu), name+"-cpu-s")
	}
}

// statusMB reads a kB field of /proc/self/status in MB (0 without /proc).
func statusMB(field string) float64 { return procStatusMB(os.Getpid(), field) }
