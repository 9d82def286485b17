package cli

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/processor"
)

var (
	e2eArticles = flag.Int("e2e.articles", 5000, "filler articles of the BenchmarkRunEndToEnd portal (its yearly reports come on top)")
	e2eRounds   = flag.Int("e2e.rounds", 3, "rounds of BenchmarkRunEndToEnd, each running the sequential and the concurrent processor")
	e2eWorkers  = flag.Int("e2e.workers", 0, "processor workers of BenchmarkRunEndToEnd's concurrent variant (0: the default, one per CPU)")
	e2eIndex    = flag.Int("e2e.index-batch", 0, "indexer batch of BenchmarkRunEndToEnd, both variants (0: the default)")
	e2eTrace    = flag.Bool("e2e.trace", false, "log BenchmarkRunEndToEnd's progress every second: pages crawled, consumer backlogs, articles searchable")
)

// e2eResult is one end-to-end run: how long from the pipeline's start to
// the last article's durable write, and fetch-to-searchable quantiles.
type e2eResult struct {
	articles int
	seconds  float64
	p50, p99 float64
	cpu      float64 // CPU seconds the process spent (user and system), the simulated portal's serving included
}

func (r e2eResult) rate() float64 { return float64(r.articles) / r.seconds }

// cpuMillis is the CPU time per article, in milliseconds.
func (r e2eResult) cpuMillis() float64 { return 1000 * r.cpu / float64(r.articles) }

// ceiling is the most articles/s this machine's CPUs allow at the run's
// CPU time per article, were every CPU busy all the time.
func (r e2eResult) ceiling() float64 {
	return float64(runtime.NumCPU()) / (r.cpu / float64(r.articles))
}

// processCPU is the CPU time the process has spent so far, in seconds.
func processCPU(b *testing.B) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// BenchmarkRunEndToEnd runs `dra run`'s pipeline (crawl, process, index
// with the embedded NATS server and Bleve, one process) on a simulated
// portal of about 5,000 articles, from an empty data directory each time,
// and reports articles/s and fetch-to-searchable p50/p99 (read from the
// dra_fetch_to_searchable_seconds histogram the indexer exports,
// interpolated within its buckets). Each round runs the processor with one
// worker and synchronous publishes (the processor as it was) and with the
// default workers and asynchronous publishes, alternately, so the ratio is
// measured side by side; the figures are min/median/max over the rounds.
// The run is done when the histogram has counted every article the
// simulator serves.
//
//	go test ./internal/cli -run '^$' -bench RunEndToEnd -benchtime 1x
func BenchmarkRunEndToEnd(b *testing.B) {
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "sontay", Articles: *e2eArticles, PageSize: 50})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	want := len(p.Articles())
	src := crawler.HanoiSource("bench", "Sơn Tây", "Hà Nội", p.URL(), true)
	src.Politeness = crawler.Politeness{Parallelism: 16, Timeout: time.Minute, Retries: 1, Backoff: time.Millisecond}

	variants := []struct {
		name    string
		workers int
	}{{"sequential", 1}, {"concurrent", *e2eWorkers}}
	results := make([][]e2eResult, len(variants))
	fmt.Printf("load average at start: %s", loadavg())
	for range b.N {
		for round := range *e2eRounds {
			for i, v := range variants {
				r := e2eRun(b, src, want, v.workers)
				results[i] = append(results[i], r)
				fmt.Printf("round %d %-10s: %d articles in %.2fs, %.0f articles/s, fetch-to-searchable p50 %.2fs p99 %.2fs, CPU %.2f ms/article (ceiling %.0f articles/s on %d CPUs)\n",
					round+1, v.name, r.articles, r.seconds, r.rate(), r.p50, r.p99, r.cpuMillis(), r.ceiling(), runtime.NumCPU())
			}
		}
	}
	seq, con := results[0], results[1]
	ratios := make([]float64, len(con))
	for i := range con {
		ratios[i] = con[i].rate() / seq[i].rate()
	}
	rates := func(rs []e2eResult) []float64 {
		out := make([]float64, len(rs))
		for i, r := range rs {
			out[i] = r.rate()
		}
		return out
	}
	p99s := func(rs []e2eResult) []float64 {
		out := make([]float64, len(rs))
		for i, r := range rs {
			out[i] = r.p99
		}
		return out
	}
	p50s := func(rs []e2eResult) []float64 {
		out := make([]float64, len(rs))
		for i, r := range rs {
			out[i] = r.p50
		}
		return out
	}
	fmt.Printf("%d articles, %d rounds, GOMAXPROCS %d, concurrent processor workers %d\n", want, len(con), runtime.GOMAXPROCS(0), cmp.Or(*e2eWorkers, processor.DefaultWorkers()))
	fmt.Printf("concurrent articles/s        min/median/max %s\n", mmm(rates(con), "%.0f"))
	fmt.Printf("sequential articles/s        min/median/max %s\n", mmm(rates(seq), "%.0f"))
	fmt.Printf("ratio concurrent/sequential  min/median/max %s\n", mmm(ratios, "%.2f"))
	fmt.Printf("concurrent p50 / p99 s       min/median/max %s / %s\n", mmm(p50s(con), "%.2f"), mmm(p99s(con), "%.2f"))
	cpus, ceilings := make([]float64, len(con)), make([]float64, len(con))
	for i, r := range con {
		cpus[i], ceilings[i] = r.cpuMillis(), r.ceiling()
	}
	fmt.Printf("concurrent CPU ms/article    min/median/max %s (all stages, the simulated portal's serving included)\n", mmm(cpus, "%.2f"))
	fmt.Printf("concurrent ceiling articles/s min/median/max %s (%d CPUs all busy at that CPU time per article)\n", mmm(ceilings, "%.0f"), runtime.NumCPU())
	fmt.Printf("sequential p50 / p99 s       min/median/max %s / %s\n", mmm(p50s(seq), "%.2f"), mmm(p99s(seq), "%.2f"))
	fmt.Printf("load average at end: %s", loadavg())
	fmt.Println("(the machine's load is part of the figures: compare the ratio, measured side by side)")
	b.ReportMetric(median(rates(con)), "articles/s")
	b.ReportMetric(median(rates(seq)), "seq-articles/s")
	b.ReportMetric(median(ratios), "ratio")
	b.ReportMetric(median(p50s(con)), "p50-s")
	b.ReportMetric(median(p99s(con)), "p99-s")
	b.ReportMetric(median(p99s(seq)), "seq-p99-s")
	b.ReportMetric(median(cpus), "cpu-ms/article")
	b.ReportMetric(median(ceilings), "ceiling-articles/s")
}

// e2eRun runs the pipeline from an empty data directory until every one
// of want articles has been written to the store once.
func e2eRun(b *testing.B, src crawler.Source, want, workers int) e2eResult {
	b.Helper()
	o := &options{rs: &rootState{logger: slog.New(slog.DiscardHandler)}, dataDir: b.TempDir(), replicas: 1}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	regs := make(chan prometheus.Gatherer, 1)
	started := make(chan time.Time, 1)
	done := make(chan error, 1)
	go func() {
		done <- o.runPipeline(ctx, stages{crawl: true, process: true, index: true, sources: []crawler.Source{src},
			conc:       concurrency{processWorkers: workers, indexBatch: *e2eIndex},
			onRegistry: func(g prometheus.Gatherer) { regs <- g },
			onReady:    func() { started <- time.Now() }})
	}()
	reg := <-regs
	var start time.Time
	select {
	case start = <-started:
	case err := <-done:
		b.Fatalf("pipeline: %v", err)
	}
	cpu0 := processCPU(b)
	var h *dto.Histogram
	last, moved := uint64(0), time.Now()
	traced := time.Now()
	for {
		if *e2eTrace && time.Since(traced) >= time.Second {
			traced = time.Now()
			fmt.Fprintf(os.Stderr, "workers %d %5.1fs %s\n", workers, time.Since(start).Seconds(), progress(b, reg))
		}
		h = searchableHistogram(b, reg)
		n := h.GetSampleCount()
		if n >= uint64(want) {
			break
		}
		if n != last {
			last, moved = n, time.Now()
		}
		if time.Since(moved) > time.Minute {
			b.Fatalf("%d of %d articles searchable: no progress for a minute", n, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
	r := e2eResult{articles: want, seconds: time.Since(start).Seconds(), p50: quantile(0.5, h), p99: quantile(0.99, h), cpu: processCPU(b) - cpu0}
	cancel()
	if err := <-done; err != nil {
		b.Fatalf("pipeline: %v", err)
	}
	return r
}

func searchableHistogram(b *testing.B, reg prometheus.Gatherer) *dto.Histogram {
	mfs, err := reg.Gather()
	if err != nil {
		b.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "dra_fetch_to_searchable_seconds" && len(mf.GetMetric()) == 1 {
			return mf.GetMetric()[0].GetHistogram()
		}
	}
	return &dto.Histogram{}
}

// progress names the pipeline's counters: pages crawled, messages each
// stage settled and its consumer's backlog.
func progress(b *testing.B, reg prometheus.Gatherer) string {
	mfs, err := reg.Gather()
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, mf := range mfs {
		switch mf.GetName() {
		case "dra_crawler_pages_total", "dra_processor_messages_total", "dra_indexer_messages_total",
			"dra_bus_consumer_pending_messages", "dra_fetch_to_searchable_seconds", "process_cpu_seconds_total":
		default:
			continue
		}
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetValue())
			}
			v := m.GetCounter().GetValue() + m.GetGauge().GetValue() + float64(m.GetHistogram().GetSampleCount())
			out = append(out, fmt.Sprintf("%s%v=%.0f", strings.TrimPrefix(mf.GetName(), "dra_"), labels, v))
		}
	}
	return strings.Join(out, " ")
}

// quantile interpolates the q-quantile within the histogram's buckets, as
// Prometheus's histogram_quantile does.
func quantile(q float64, h *dto.Histogram) float64 {
	total := float64(h.GetSampleCount())
	if total == 0 {
		return math.NaN()
	}
	rank := q * total
	lower, below := 0.0, 0.0
	for _, bk := range h.GetBucket() {
		upper, count := bk.GetUpperBound(), float64(bk.GetCumulativeCount())
		if count >= rank {
			if count == below {
				return upper
			}
			return lower + (upper-lower)*(rank-below)/(count-below)
		}
		lower, below = upper, count
	}
	return math.Inf(1) // beyond the last bucket
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return math.NaN()
	}
	return s[len(s)/2]
}

func mmm(xs []float64, format string) string {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return "-"
	}
	return fmt.Sprintf(format, s[0]) + " / " + fmt.Sprintf(format, median(s)) + " / " + fmt.Sprintf(format, s[len(s)-1])
}

// loadavg is the first line of /proc/loadavg ("?" elsewhere).
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?\n"
	}
	return string(b)
}
