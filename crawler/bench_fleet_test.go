package crawler_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
)

// The national fleet's nightly cycle (BenchmarkFleetNight).
var (
	fleetPortals  = flag.Int("fleet.portals", 3355, "portals of the fleet (34 provinces and 3,321 communes)")
	fleetOld      = flag.Int("fleet.old", 10, "articles each portal has before the night (crawled by a first night)")
	fleetNew      = flag.Int("fleet.new", 50, "new articles each portal publishes for the night")
	fleetScale    = flag.Float64("fleet.scale", 20, "simulated seconds per real second: delays and latency are divided by it")
	fleetProcs    = flag.Int("fleet.procs", 2, "crawl worker processes")
	fleetWorkers  = flag.Int("fleet.workers", 64, "crawl jobs each worker process crawls at once")
	fleetLatency  = flag.Duration("fleet.latency", 200*time.Millisecond, "simulated server time of a response")
	fleetProgress = flag.Duration("fleet.progress", 10*time.Second, "how often the night's progress is logged")
	fleetRate     = flag.Duration("fleet.interval", time.Second, "simulated politeness: one request per this per host, the portals refuse sooner ones")
)

// Environment of a fleet worker child.
const (
	envFleetAddr     = "DRA_FLEET_ADDR"    // the fleet's listener
	envFleetWorkers  = "DRA_FLEET_WORKERS" // jobs at once
	envFleetInFlight = "DRA_FLEET_INFLIGHT"
)

// fleetChild runs a crawl worker process of BenchmarkFleetNight until its
// stdin closes: sources from the cluster's catalog, jobs from the shared
// queue, state in the KV bucket, WARC files, events on the parent's NATS.
func fleetChild() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := os.Getenv(envFleetAddr)
	opts := []crawler.Option{crawler.WithResolve(func(hostport string) string {
		if h, _, _ := net.SplitHostPort(hostport); strings.HasSuffix(h, ".fleet.test") {
			return addr
		}
		return ""
	})}
	if os.Getenv(envFleetPerServer) == "1" {
		opts = append(opts, crawler.WithServerLimit())
	}
	if ttl, err := time.ParseDuration(os.Getenv(envFleetLeaseTTL)); err == nil {
		opts = append(opts, crawler.WithLeaseTTL(ttl))
	}
	conn, c, done, err := childCrawler(ctx, "fleet-worker", opts...)
	if err != nil {
		return err
	}
	defer done()
	cat, err := crawler.OpenCatalog(ctx, conn.JS, 1)
	if err != nil {
		return err
	}
	workers, _ := strconv.Atoi(os.Getenv(envFleetWorkers))
	inFlight, _ := strconv.Atoi(os.Getenv(envFleetInFlight))
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); cancel() }()
	errc := make(chan error, 2)
	go func() { errc <- cat.Run(ctx) }()
	go func() {
		errc <- crawler.NewWorker(conn, c, nil, quiet, crawler.WorkerConfig{Concurrency: workers, Catalog: cat,
			MaxInFlight: inFlight, AckWait: time.Minute}).Run(ctx)
	}()
	return joinFirst(<-errc, <-errc)
}

func joinFirst(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// procCPU is the CPU seconds (user + system) of a process so far, from
// /proc/<pid>/stat (clock ticks of 1/100 s).
func procCPU(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	ut, _ := strconv.ParseFloat(fields[11], 64)
	st, _ := strconv.ParseFloat(fields[12], 64)
	return (ut + st) / 100
}

// procStatusMB reads a kB field of /proc/<pid>/status in MB.
func procStatusMB(pid int, field string) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / (1 << 10)
		}
	}
	return 0
}

func selfCPU() float64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkFleetNight runs the national fleet's nightly cycle: -fleet.portals
// portals served by one portalsim listener by Host header, each with
// simulated latency and refusing (429) requests sooner than one per
// -fleet.interval; -fleet.procs crawl worker processes sharing the job
// queue, the crawl state and the sources pushed into the cluster. A first
// night crawls the portals' -fleet.old articles; then every portal
// publishes -fleet.new articles and the measured night crawls them all.
// Time is simulated at -fleet.scale: delays and latency are divided by it
// and the night's wall time multiplied by it. It reports the night's
// simulated wall time, requests, requests refused as too soon, CPU seconds
// and peak RSS per worker process, and the parent's CPU (portalsim and the
// NATS server). The target: 3,355 portals x 50 new pages at 1 request/s
// per host within 3,600 simulated seconds on at most 4 cores:
//
//	go test -run '^$' -bench FleetNight -benchtime 1x -timeout 2h ./crawler
func BenchmarkFleetNight(b *testing.B) {
	if b.N > 1 {
		b.Skip("one night per run: use -benchtime 1x")
	}
	scale := *fleetScale
	interval := time.Duration(float64(*fleetRate) / scale)
	fleet, err := portalsim.NewFleet(portalsim.FleetConfig{Portals: *fleetPortals, Articles: max(*fleetOld, -1), Seed: 1,
		Latency: time.Duration(float64(*fleetLatency) / scale), Interval: interval})
	if err != nil {
		b.Fatal(err)
	}
	addr, err := fleet.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer fleet.Close()
	_, port, _ := net.SplitHostPort(addr)
	dir := b.TempDir()
	n := startNATSB(b, filepath.Join(dir, "nats"))
	defer n.stop()
	ctx := context.Background()

	var srcs []crawler.Source
	for i, h := range fleet.Hosts() {
		s := crawler.HanoiSource(fmt.Sprintf("p%04d", i+1), "", "", "http://"+h+":"+port, true)
		s.UnitCodes = []string{"new:province:01"}
		s.Politeness = crawler.Politeness{Delay: interval, Parallelism: 1, Timeout: time.Minute, Retries: 3,
			Backoff: interval, MaxWait: time.Minute}
		srcs = append(srcs, s)
	}
	cat, err := crawler.OpenCatalog(ctx, n.conn.JS, 1)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := cat.Push(ctx, srcs); err != nil {
		b.Fatal(err)
	}

	type child struct {
		cmd   *exec.Cmd
		stdin io.WriteCloser
	}
	var children []child
	for k := range *fleetProcs {
		cmd := childCommand(envChild+"=fleet", envChildNATS+"="+n.srv.ClientURL(),
			envChildDir+"="+filepath.Join(dir, "warc-"+strconv.Itoa(k)), envFleetAddr+"="+addr,
			envFleetWorkers+"="+strconv.Itoa(*fleetWorkers), envFleetInFlight+"="+strconv.Itoa(2**fleetWorkers**fleetProcs))
		cmd.Stderr = os.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			b.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		children = append(children, child{cmd, in})
	}
	defer func() {
		for _, c := range children {
			c.stdin.Close()
			_ = c.cmd.Wait()
		}
	}()

	// night publishes a job per portal and waits until the queue is empty
	// (a job leaves it when its crawl is acked).
	night := func(name string) (wall time.Duration, reqs, tooSoon, pub int64, cpu []float64, parentCPU float64) {
		cpu0 := make([]float64, len(children))
		for i, c := range children {
			cpu0[i] = procCPU(c.cmd.Process.Pid)
		}
		self0, st0, pub0 := selfCPU(), fleet.Stats(), streamMsgs(b, n, event.StreamFetched)
		dead0 := streamMsgs(b, n, event.StreamDeadLetter)
		start := time.Now()
		slot := start.Truncate(time.Second)
		for _, s := range srcs {
			if err := crawler.PublishJob(ctx, n.conn, crawler.Job{Source: s.ID, Slot: slot}); err != nil {
				b.Fatal(err)
			}
		}
		for last := time.Now(); ; time.Sleep(100 * time.Millisecond) {
			if left, err := streamLen(n, event.StreamCrawlJobs); err == nil && left == 0 {
				break
			} // an error: the server is busy, ask again

			if time.Since(last) > *fleetProgress {
				var inFlight int
				if cons, err := n.conn.JS.Consumer(ctx, event.StreamCrawlJobs, crawler.WorkerDurable); err == nil {
					if info, err := cons.Info(ctx); err == nil {
						inFlight = info.NumAckPending
					}
				}
				left, _ := streamLen(n, event.StreamCrawlJobs)
				b.Logf("%s: %d jobs left, %d being crawled, %d requests", name, left, inFlight,
					fleet.Stats().Requests-st0.Requests)
				last = time.Now()
			}
		}
		wall = time.Since(start)
		if dead := streamMsgs(b, n, event.StreamDeadLetter) - dead0; dead > 0 {
			b.Logf("%s: %d crawl jobs dead-lettered", name, dead)
		}
		st := fleet.Stats()
		for i, c := range children {
			cpu = append(cpu, procCPU(c.cmd.Process.Pid)-cpu0[i])
		}
		return wall, st.Requests - st0.Requests, st.TooSoon - st0.TooSoon, int64(streamMsgs(b, n, event.StreamFetched) - pub0),
			cpu, selfCPU() - self0
	}
	report := func(name string, wall time.Duration, reqs, tooSoon, pub int64, cpu []float64, parentCPU float64) float64 {
		sim := wall.Seconds() * scale
		total := 0.0
		for _, c := range cpu {
			total += c
		}
		b.Logf("%s: %d portals, %.0f s simulated (%.1f s real at x%g), %d requests (%.1f per portal), %d refused as too soon, %d articles published",
			name, len(srcs), sim, wall.Seconds(), scale, reqs, float64(reqs)/float64(len(srcs)), tooSoon, pub)
		for i, c := range cpu {
			pid := children[i].cmd.Process.Pid
			b.Logf("  worker process %d: %.1f CPU s, RSS %.0f MB (peak %.0f MB)", i+1, c,
				procStatusMB(pid, "VmRSS:"), procStatusMB(pid, "VmHWM:"))
		}
		b.Logf("  workers: %.1f CPU s in all, %.2f cores at this pace, %.3f cores at the real pace; parent (portalsim + NATS server): %.1f CPU s",
			total, total/wall.Seconds(), total/sim, parentCPU)
		return total
	}
	if *fleetOld > 0 {
		w, r, ts, pub, cpu, pc := night("first night")
		report("first night", w, r, ts, pub, cpu, pc)
	}
	fleet.Publish(*fleetNew)
	b.ResetTimer()
	w, r, ts, pub, cpu, pc := night("night")
	b.StopTimer()
	total := report("night", w, r, ts, pub, cpu, pc)
	if want := int64(len(srcs) * *fleetNew); pub != want {
		b.Errorf("the night published %d articles, want %d", pub, want)
	}
	b.ReportMetric(w.Seconds()*scale, "sim-s")
	b.ReportMetric(float64(r), "requests")
	b.ReportMetric(float64(ts), "too-soon")
	b.ReportMetric(total, "worker-cpu-s")
	b.ReportMetric(pc, "parent-cpu-s")
	peak := 0.0
	for _, c := range children {
		peak = max(peak, procStatusMB(c.cmd.Process.Pid, "VmHWM:"))
	}
	b.ReportMetric(peak, "worker-peak-RSS-MB")
}

// streamMsgs is the number of messages in a stream.
func streamMsgs(b testing.TB, n *natsEnv, stream string) uint64 {
	var err error
	for range 10 { // a busy server may time out an API request
		var msgs uint64
		if msgs, err = streamLen(n, stream); err == nil {
			return msgs
		}
		time.Sleep(time.Second)
	}
	b.Fatal(err)
	return 0
}

func streamLen(n *natsEnv, stream string) (uint64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := n.conn.JS.Stream(ctx, stream)
	if err != nil {
		return 0, err
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.State.Msgs, nil
}
