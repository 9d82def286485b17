package crawler_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
)

// The per-server test's setting: portals of one server, each crawled at
// serverDelay per parallel slot with serverPar slots, so one crawl sends
// at most serverPar requests at once, one per serverGap.
const (
	serverPortals  = 6
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
func startServerFleet(t *testing.T, ip string, portals int, noKeepAlive bool) (*portalsim.Fleet, string) {
	t.Helper()
	f, err := portalsim.NewFleet(portalsim.FleetConfig{Portals: portals, Articles: serverArticles, Seed: 7,
		Latency: serverLatency, Addr: ip + ":0", NoKeepAlive: noKeepAlive})
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

// startFleetWorker starts a crawl worker process (the test binary run
// again as a fleet child) on n's job queue and the cluster's sources,
// connecting every fleet host to addr; it runs until its stdin is closed.
// A ttl of 0 keeps the default lease TTL.
func startFleetWorker(t *testing.T, n *natsEnv, addr string, workers int, perServer bool, ttl time.Duration) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	flag := "0"
	if perServer {
		flag = "1"
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^$", "-test.bench", "^$")
	cmd.Env = append(os.Environ(), envChild+"=fleet", envChildNATS+"="+n.srv.ClientURL(),
		envChildDir+"="+filepath.Join(t.TempDir(), "warc"), envFleetAddr+"="+addr,
		envFleetWorkers+"="+strconv.Itoa(workers), envFleetInFlight+"=64", envFleetPerServer+"="+flag)
	if ttl > 0 {
		cmd.Env = append(cmd.Env, envFleetLeaseTTL+"="+ttl.String())
	}
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, in
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
	var stdins []io.WriteCloser
	var cmds []*exec.Cmd
	for range 2 {
		cmd, in := startFleetWorker(t, n, addr, workers, perServer, 0)
		stdins, cmds = append(stdins, in), append(cmds, cmd)
	}
	// Every worker is told to stop at once, then waited for.
	var done chan error
	defer func() {
		for _, in := range stdins {
			in.Close()
		}
		cancel()
		if done != nil {
			if err := <-done; err != nil {
				t.Errorf("worker: %v", err)
			}
		}
		for i, c := range cmds {
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
	done = make(chan error, 1)
	go func() {
		done <- crawler.NewWorker(conn, c, srcs, quiet, crawler.WorkerConfig{Concurrency: workers, MaxInFlight: 64,
			AckWait: 10 * time.Second}).Run(ctx)
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

// crawlOneServer crawls the portals of one server (serverPortals hosts on
// one listener) with the fleet's workers, the per-server limit on or off,
// and returns the NATS server and the fleet with its record.
func crawlOneServer(t *testing.T, limit bool) (*natsEnv, *portalsim.Fleet) {
	n := startNATS(t, "")
	f, addr := startServerFleet(t, "127.0.0.1", serverPortals, false)
	_, port, _ := net.SplitHostPort(addr)
	crawlFleetJobs(t, n, fleetSources(f, port), addr, limit)
	return n, f
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
		n, f := crawlOneServer(t, true)
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
		n, f := crawlOneServer(t, false)
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

// waitFor polls cond every 5 ms until it holds, or fails the test after
// 20 s (within).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	within(t, 20*time.Second, 5*time.Millisecond, what, cond)
}

// TestServerLimitFrozenHolder freezes (SIGSTOP) a worker process in the
// middle of its crawl of a portal, past its leases' TTL: a crawl in this
// process takes the server over when the leases expire and crawls another
// portal of it, and the frozen process is resumed (SIGCONT) during that
// crawl. The server's record shows that the resumed process sent nothing
// while the other crawl held the server: its leases were past their fence.
func TestServerLimitFrozenHolder(t *testing.T) {
	const ttl = time.Second
	n := startNATS(t, "")
	f, addr := startServerFleet(t, "127.0.0.1", 2, false)
	_, port, _ := net.SplitHostPort(addr)
	srcs, hosts, m := fleetSources(f, port), f.Hosts(), f.Meter()
	// Two request slots, 100 ms apart: the holder is frozen just after one
	// of its requests arrived, so not between a check of its leases and
	// the request that follows (no fence on the client's side can close
	// that window), and its other slot is waiting for its turn: when the
	// holder is resumed that turn is past, and without the fence the
	// request goes at once.
	for i := range srcs {
		srcs[i].Politeness.Delay, srcs[i].Politeness.Parallelism = 200*time.Millisecond, 2
	}
	ctx := context.Background()
	cat, err := crawler.OpenCatalog(ctx, n.conn.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.Push(ctx, srcs); err != nil {
		t.Fatal(err)
	}
	cmd, stdin := startFleetWorker(t, n, addr, 1, true, ttl)
	stopped := false
	defer func() {
		if stopped {
			_ = cmd.Process.Signal(syscall.SIGCONT)
		}
		stdin.Close()
		_ = cmd.Wait()
	}()
	if err := crawler.PublishJob(ctx, n.conn, crawler.Job{Source: srcs[0].ID, Slot: time.Now().Truncate(time.Second)}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "crawl of "+hosts[0], func() bool { return len(m.Times(hosts[0])) >= 3 })
	if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	stopped = true
	frozenAfter := len(m.Times(hosts[0]))

	conn := secondConn(t, n)
	st, err := crawler.OpenState(ctx, conn.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	c := crawler.New(rec, quiet, nil, crawler.WithState(st), crawler.WithServerLimit(), crawler.WithLeaseTTL(ttl),
		crawler.WithResolve(func(string) string { return addr }))
	type result struct {
		rep crawler.Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := c.Crawl(ctx, srcs[1])
		done <- result{rep, err}
	}()
	// The other portal's crawl starts once the frozen holder's leases
	// expired; resume the holder in its middle.
	waitFor(t, "crawl of "+hosts[1], func() bool { return len(m.Times(hosts[1])) >= 3 })
	if err := cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	stopped = false
	r := <-done
	if r.err != nil || r.rep.Published != serverArticles {
		t.Errorf("crawl of %s: published %d of %d: %v", hosts[1], r.rep.Published, serverArticles, r.err)
	}
	time.Sleep(ttl / 2) // what the resumed process would still send
	t.Logf("%s: %d requests before the freeze, %d in all; %s: %d; at most %d in flight", hosts[0], frozenAfter,
		len(m.Times(hosts[0])), hosts[1], len(m.Times(hosts[1])), m.MaxInFlight())
	takeTurns(t, "server", m)
	if got := m.MaxInFlight(); got > 2 {
		t.Errorf("the server had %d requests in flight at once, the limit is 2", got)
	}
}

// TestServerLimitAddressChange moves a portal to another server (its name
// resolves to another address) in the middle of its crawl, while another
// crawl holds that server: the crawl keeps to the address it leased, so the
// other server never sees it, and it still crawls every article.
func TestServerLimitAddressChange(t *testing.T) {
	n := startNATS(t, "")
	f1, addr1 := startServerFleet(t, "127.0.0.1", 2, true) // the same portals on two servers,
	f2, addr2 := startServerFleet(t, "127.0.0.2", 2, true) // a connection per request
	hosts := f1.Hosts()
	_, port, _ := net.SplitHostPort(addr1)
	srcs := fleetSources(f1, port)
	var moved atomic.Bool
	resolve := func(hostport string) string {
		if h, _, _ := net.SplitHostPort(hostport); h == hosts[0] && !moved.Load() {
			return addr1
		}
		return addr2
	}
	ctx := context.Background()
	recs := []*recorder{{}, {}}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, conn := range []*bus.Conn{n.conn, secondConn(t, n)} {
		st, err := crawler.OpenState(ctx, conn.JS, 1)
		if err != nil {
			t.Fatal(err)
		}
		c := crawler.New(recs[i], quiet, nil, crawler.WithState(st), crawler.WithServerLimit(), crawler.WithResolve(resolve))
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.Crawl(ctx, srcs[i])
		}()
	}
	waitFor(t, "crawl of "+hosts[0], func() bool { return len(f1.Meter().Times(hosts[0])) >= 2 })
	moved.Store(true)
	wg.Wait()
	for i, err := range errs {
		if err != nil || recs[i].n != serverArticles {
			t.Errorf("crawl of %s: published %d of %d: %v", hosts[i], recs[i].n, serverArticles, err)
		}
	}
	t.Logf("%s: %d requests at the first server, %d at the second; %s: %d at the second", hosts[0],
		len(f1.Meter().Times(hosts[0])), len(f2.Meter().Times(hosts[0])), hosts[1], len(f2.Meter().Times(hosts[1])))
	if got := len(f2.Meter().Times(hosts[0])); got != 0 {
		t.Errorf("the second server got %d requests for %s, whose crawl holds no lease on it", got, hosts[0])
	}
	takeTurns(t, "second server", f2.Meter())
}

// TestServerLimitLostBucket cuts a crawl off from the state bucket (its
// NATS connection closed) in the middle of its crawl: its leases cannot be
// renewed, and another crawl takes the server over once they expire. The
// cut-off crawl stops at its leases' fence (ErrLeaseLost), so the server's
// record shows the two crawls one after the other.
func TestServerLimitLostBucket(t *testing.T) {
	const ttl = 400 * time.Millisecond
	n := startNATS(t, "")
	f, addr := startServerFleet(t, "127.0.0.1", 2, false)
	_, port, _ := net.SplitHostPort(addr)
	srcs, hosts, m := fleetSources(f, port), f.Hosts(), f.Meter()
	for i := range srcs { // a crawl longer than the TTL
		srcs[i].Politeness.Delay, srcs[i].Politeness.Parallelism = 300*time.Millisecond, 2
	}
	ctx := context.Background()
	crawlOn := func(conn *bus.Conn, rec *recorder, src crawler.Source) chan error {
		st, err := crawler.OpenState(ctx, conn.JS, 1)
		if err != nil {
			t.Fatal(err)
		}
		c := crawler.New(rec, quiet, nil, crawler.WithState(st), crawler.WithServerLimit(), crawler.WithLeaseTTL(ttl),
			crawler.WithResolve(func(string) string { return addr }))
		done := make(chan error, 1)
		go func() {
			_, err := c.Crawl(ctx, src)
			done <- err
		}()
		return done
	}
	cut := secondConn(t, n)
	doneA := crawlOn(cut, &recorder{}, srcs[0])
	waitFor(t, "crawl of "+hosts[0], func() bool { return len(m.Times(hosts[0])) >= 2 })
	_ = cut.Close()
	recB := &recorder{}
	doneB := crawlOn(n.conn, recB, srcs[1])
	errA, errB := <-doneA, <-doneB
	t.Logf("%s: %d requests (%v); %s: %d requests", hosts[0], len(m.Times(hosts[0])), errA, hosts[1], len(m.Times(hosts[1])))
	if !errors.Is(errA, crawler.ErrLeaseLost) {
		t.Errorf("the crawl cut off from the bucket ended with %v, want %v", errA, crawler.ErrLeaseLost)
	}
	if errB != nil || recB.n != serverArticles {
		t.Errorf("crawl of %s: published %d of %d: %v", hosts[1], recB.n, serverArticles, errB)
	}
	takeTurns(t, "server", m)
}
