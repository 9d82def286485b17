package crawler_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
)

// The per-server test's setting: portals of one server, each crawled at
// serverDelay per parallel slot with serverPar slots, so one crawl sends
// at most serverPar requests at once, one per serverGap.
const (
	serverPortals  = 8
	serverArticles = 3
	serverDelay    = 60 * time.Millisecond
	serverPar      = 2
	serverGap      = serverDelay / serverPar
	serverLatency  = 15 * time.Millisecond
)

// envFleetPerServer turns the per-server limit on in a fleet worker child.
const envFleetPerServer = "DRA_FLEET_PER_SERVER"

// startServerFleet starts a fleet of portals on one listener at ip: one
// server, many hosts.
func startServerFleet(t *testing.T, ip string, portals int) (*portalsim.Fleet, string) {
	t.Helper()
	f, err := portalsim.NewFleet(portalsim.FleetConfig{Portals: portals, Articles: serverArticles, Seed: 7,
		Latency: serverLatency, Addr: ip + ":0"})
	if err != nil {
		t.Fatal(err)
	}
	addr, err := f.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f, addr
}

// fleetSources are one source per portal of f, served at port.
func fleetSources(f *portalsim.Fleet, port string) []crawler.Source {
	var srcs []crawler.Source
	for i, h := range f.Hosts() {
		s := crawler.HanoiSource(fmt.Sprintf("p%04d", i+1), "", "", "http://"+h+":"+port, true)
		s.UnitCodes = []string{"new:province:01"}
		s.Politeness = crawler.Politeness{Delay: serverDelay, Parallelism: serverPar, Timeout: 10 * time.Second,
			Retries: 3, Backoff: 10 * time.Millisecond, MaxWait: time.Second}
		srcs = append(srcs, s)
	}
	return srcs
}

// crawlFleetJobs crawls one job per source of srcs with two worker child
// processes and a worker in this process, all on the job queue of n with
// the sources pushed into the cluster, and returns once every job is done.
func crawlFleetJobs(t *testing.T, n *natsEnv, srcs []crawler.Source, addr string, perServer bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cat, err := crawler.OpenCatalog(ctx, n.conn.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.Push(ctx, srcs); err != nil {
		t.Fatal(err)
	}
	const workers = 4 // jobs at once per process: every job starts at once
	flag := "0"
	if perServer {
		flag = "1"
	}
	var stdins []io.WriteCloser
	var cmds []*exec.Cmd
	for k := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run", "^$", "-test.bench", "^$")
		cmd.Env = append(os.Environ(), envChild+"=fleet", envChildNATS+"="+n.srv.ClientURL(),
			envChildDir+"="+filepath.Join(t.TempDir(), "warc-"+strconv.Itoa(k)), envFleetAddr+"="+addr,
			envFleetWorkers+"="+strconv.Itoa(workers), envFleetInFlight+"=64", envFleetPerServer+"="+flag)
		cmd.Stderr = os.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		stdins, cmds = append(stdins, in), append(cmds, cmd)
	}
	defer func() {
		for i, c := range cmds {
			stdins[i].Close()
			if err := c.Wait(); err != nil {
				t.Errorf("worker process %d: %v", i+1, err)
			}
		}
	}()

	// The worker in this process: another process's view, on its own
	// connection.
	conn := secondConn(t, n)
	st, err := crawler.OpenState(ctx, conn.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	opts := []crawler.Option{crawler.WithState(st), crawler.WithResolve(func(string) string { return addr })}
	if perServer {
		opts = append(opts, crawler.WithServerLimit())
	}
	c := crawler.New(conn, quiet, nil, opts...)
	done := make(chan error, 1)
	go func() {
		done <- crawler.NewWorker(conn, c, srcs, quiet, crawler.WorkerConfig{Concurrency: workers, MaxInFlight: 64,
			AckWait: 10 * time.Second}).Run(ctx)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("worker: %v", err)
		}
	}()

	slot := time.Now().Truncate(time.Second)
	for _, s := range srcs {
		if err := crawler.PublishJob(ctx, n.conn, crawler.Job{Source: s.ID, Slot: slot}); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(25 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if left, err := streamLen(n, event.StreamCrawlJobs); err == nil && left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("crawl jobs still queued after 25s")
		}
	}
	if dead := streamMsgs(t, n, event.StreamDeadLetter); dead != 0 {
		t.Errorf("%d crawl jobs dead-lettered", dead)
	}
}

// spans are the first and last arrival of each host's requests.
type span struct{ first, last time.Time }

func hostSpans(m *portalsim.Meter, hosts []string) map[string]span {
	out := map[string]span{}
	for _, h := range hosts {
		ts := m.Times(h)
		if len(ts) > 0 {
			out[h] = span{ts[0], ts[len(ts)-1]}
		}
	}
	return out
}

// overlapping is a pair of hosts whose requests' spans overlap, if any.
func overlapping(spans map[string]span) (string, string, bool) {
	for a, sa := range spans {
		for b, sb := range spans {
			if a < b && sa.first.Before(sb.last) && sb.first.Before(sa.last) {
				return a, b, true
			}
		}
	}
	return "", "", false
}

// checkAllCrawled checks that every article the fleet has was published
// once.
func checkAllCrawled(t *testing.T, n *natsEnv, f *portalsim.Fleet) {
	t.Helper()
	want := f.ArticleCount()
	if got := streamMsgs(t, n, event.StreamFetched); got != uint64(want) {
		t.Errorf("%d articles published, the fleet has %d", got, want)
	}
	if got := f.Stats().Articles; got < int64(want) {
		t.Errorf("the fleet served %d article pages, it has %d articles", got, want)
	}
}

// TestServerLimitAcrossProcesses crawls the portals of one server (a fleet
// of hosts on one listener, so one IP address) with two worker processes
// and a worker in this process, every job at once, on one NATS server.
// With the per-server limit the server's own record shows it held: never
// more requests in flight than one crawl's parallelism, arrivals at most
// one per one crawl's gap, the portals crawled one after another; every
// article crawled, and each host's politeness as without the limit.
// Without the limit the same crawl exceeds it, so the test can fail.
func TestServerLimitAcrossProcesses(t *testing.T) {
	t.Run("limit", func(t *testing.T) {
		n := startNATS(t, "")
		f, addr := startServerFleet(t, "127.0.0.1", serverPortals)
		_, port, _ := net.SplitHostPort(addr)
		crawlFleetJobs(t, n, fleetSources(f, port), addr, true)
		st, m := f.Stats(), f.Meter()
		t.Logf("server: %d requests, at most %d in flight", st.Requests, st.MaxInFlight)
		if st.MaxInFlight > serverPar {
			t.Errorf("the server had %d requests in flight at once, the limit is %d (one crawl's parallelism)",
				st.MaxInFlight, serverPar)
		}
		checkRate(t, m.Times(""), serverGap)
		if a, b, ok := overlapping(hostSpans(m, f.Hosts())); ok {
			t.Errorf("portals %s and %s of one server were crawled at the same time", a, b)
		}
		for _, h := range f.Hosts() {
			checkRate(t, m.Times(h), serverGap)
		}
		checkAllCrawled(t, n, f)
	})

	t.Run("no limit exceeds it", func(t *testing.T) {
		n := startNATS(t, "")
		f, addr := startServerFleet(t, "127.0.0.1", serverPortals)
		_, port, _ := net.SplitHostPort(addr)
		crawlFleetJobs(t, n, fleetSources(f, port), addr, false)
		st, m := f.Stats(), f.Meter()
		_, span := minGap(m.Times(""), 5)
		_, _, overlap := overlapping(hostSpans(m, f.Hosts()))
		t.Logf("server: %d requests, at most %d in flight, shortest span of 5 gaps %v, portals overlapping: %v",
			st.Requests, st.MaxInFlight, span, overlap)
		if st.MaxInFlight <= serverPar && span >= 4*serverGap {
			t.Errorf("without the limit the server saw %d in flight and 6 arrivals within %v at the least: the test cannot tell",
				st.MaxInFlight, span)
		}
		for _, h := range f.Hosts() { // per-host politeness holds without it too
			checkRate(t, m.Times(h), serverGap)
		}
		checkAllCrawled(t, n, f)
	})
}
