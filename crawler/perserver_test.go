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
	serverLatency  = 40 * time.Millisecond
)

// Environment of a fleet worker child for the per-server tests.
const (
	envFleetPerServer = "DRA_FLEET_PER_SERVER" // "1": the per-server limit on
	envFleetLeaseTTL  = "DRA_FLEET_LEASE_TTL"  // the leases' TTL, if not the default
)

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

// takeTurns checks, from a server's record, that its portals were crawled
// one at a time: every time the host changes from one request to the
// next, the new one is a crawl's first request (robots.txt). A crawl that
// requests the server while another does splits the other's run.
func takeTurns(t *testing.T, name string, m *portalsim.Meter) {
	t.Helper()
	if s, ok := interleaved(m); ok {
		t.Errorf("%s: a request for %s%s came in the middle of another portal's crawl (at %s)", name, s.Host, s.Path,
			s.At.Format("15:04:05.000"))
	}
}

// interleaved is the first request that changed host without being a
// crawl's first (robots.txt), if any.
func interleaved(m *portalsim.Meter) (portalsim.Start, bool) {
	starts := m.Starts()
	for i := 1; i < len(starts); i++ {
		if starts[i].Host != starts[i-1].Host && starts[i].Path != "/robots.txt" {
			return starts[i], true
		}
	}
	return portalsim.Start{}, false
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
		takeTurns(t, "server", m)
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
		_, mixed := interleaved(m)
		t.Logf("server: %d requests, at most %d in flight, shortest span of 5 gaps %v, crawls interleaved: %v",
			st.Requests, st.MaxInFlight, span, mixed)
		if st.MaxInFlight <= serverPar || span >= 4*serverGap || !mixed {
			t.Errorf("without the limit the server saw %d in flight, 6 arrivals within %v at the least, crawls interleaved %v: "+
				"the test cannot tell", st.MaxInFlight, span, mixed)
		}
		for _, h := range f.Hosts() { // per-host politeness holds without it too
			checkRate(t, m.Times(h), serverGap)
		}
		checkAllCrawled(t, n, f)
	})
}
