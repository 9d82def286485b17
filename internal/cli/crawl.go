package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/run"
	"github.com/dra-archive/dra/internal/warcstore"
)

func init() { register(crawlCmd) }

// EnvPerServer turns the per-server limit of dra crawl on (--per-server).
const EnvPerServer = "DRA_CRAWL_PER_SERVER"

// EnvWARCCompression is the gzip level of the WARC records
// (--warc-compression).
const EnvWARCCompression = "DRA_WARC_COMPRESSION"

// crawlFlags are the crawler's settings shared by dra crawl and the
// in-process pipeline.
type crawlFlags struct {
	role       string        // all, scheduler or worker
	workers    int           // jobs crawled at once per process
	jobAckWait time.Duration // a silent worker's job moves on after this
	warcSize   int64
	warcLevel  int  // gzip level of the WARC records, 1 to 9
	perServer  bool // also lease the IP addresses of a source's hosts
}

func crawlCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	var sourcesFile, only string
	var interval time.Duration
	var once, full bool
	cf := crawlFlags{}
	var conc concurrency
	cmd := &cobra.Command{
		Use:   "crawl",
		Short: "Run the crawler stage: schedule crawl jobs and crawl them, publishing dra.article.fetched",
		Long: `Run the crawler stage. A scheduler publishes one job per source and schedule slot into
the DRA_CRAWL_JOBS work queue (message ID source@slot, so several schedulers never double
a job); workers pull jobs from one durable consumer shared by every "dra crawl" process
and ack a job when its crawl is done. Start more processes to crawl more sources at once;
a killed worker's job goes to another after --job-ack-wait. Every request and response is
archived as gzip WARC in --archive, a store every node reads: by default the JetStream
object store bucket dra-warc (replicated with --replicas), s3://BUCKET for S3-compatible
storage, or file:///DIR for local files on one machine. An article is published only once
its record is durable there. Validators, content hashes and failures are kept in the
JetStream KV bucket DRA_CRAWL_STATE, so recrawls are conditional and incremental: a
recrawl reads the portal's sitemap and requests only new, changed and due articles.

Politeness holds across the fleet: one crawl per host at a time (a lease in the state bucket
that hands the next request slot on), --per-server also one crawl per server (IP address)
at a time, and one rate limiter per web archive host for every process. Without --sources
the sources are the cluster's (dra sources push), followed as they change; the in-flight
limits scale with --processes (see --max-jobs-in-flight).

With --once, crawl in the foreground instead (no job queue), up to --workers sources at
once, with a progress bar on a terminal and a summary per source. Sources that share a
host (the same start host and port, or a host name both allow) are crawled one after
another, so per-host politeness is as when every source is crawled in turn.`,
		Example: `  dra crawl --nats-url nats://127.0.0.1:4222 --sources sources.yaml
  dra crawl --role worker --workers 4 --sources sources.yaml     # more workers elsewhere
  dra crawl --sources sources.yaml --source thanhtri --once`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			srcs, err := loadSources(sourcesFile)
			if err != nil {
				return err
			}
			if only != "" {
				var picked []crawler.Source
				for _, s := range srcs {
					if s.ID == only {
						picked = append(picked, s)
					}
				}
				if len(picked) == 0 {
					return fmt.Errorf("no source %q in %s", only, sourcesFile)
				}
				srcs = picked
			}
			if len(srcs) == 0 && (once || sourcesFile != "") {
				return fmt.Errorf("no sources to crawl: pass --sources FILE")
			}
			switch cf.role {
			case "all", "scheduler", "worker":
			default:
				return fmt.Errorf("--role %q: use all, scheduler or worker", cf.role)
			}
			ctx, stop := signalContext(o.log())
			defer stop()
			if once {
				return o.crawlOnce(ctx, cmd.OutOrStdout(), cmd.ErrOrStderr(), srcs, full, cf)
			}
			// Without --sources, the sources are the cluster's (dra sources push).
			return o.runPipeline(ctx, stages{crawl: true, sources: srcs, clusterSources: sourcesFile == "", interval: interval,
				crawlFlags: cf, conc: conc})
		},
	}
	o.bindNATS(cmd, false)
	o.bindMetrics(cmd)
	o.bindArchive(cmd, false)
	f := cmd.Flags()
	f.StringVar(&o.dataDir, "data-dir", env(EnvDataDir, "data"), "data directory (env "+EnvDataDir+")")
	f.StringVar(&sourcesFile, "sources", env(EnvSources, ""), "sources YAML file; empty: the cluster's sources (dra sources push), followed as they change (env "+EnvSources+")")
	f.StringVar(&only, "source", "", "crawl only the source with this id")
	f.BoolVar(&once, "once", false, "crawl once in the foreground and exit")
	f.BoolVar(&full, "full", false, "with --once: walk the whole site, not only up to the known pages")
	f.DurationVar(&interval, "crawl-interval", envDuration(EnvInterval, 6*time.Hour), "time between crawls of sources without a schedule; 0 crawls them once at start-up (env "+EnvInterval+")")
	bindCrawlFlags(cmd, &cf)
	bindConcurrency(cmd, &conc, true, false, false)
	return cmd
}

// workersHelp is the help of dra crawl --workers.
const workersHelp = "sources crawled at once by this process (crawl jobs; with --once, sources that share a host are crawled in turn)"

func bindCrawlFlags(cmd *cobra.Command, cf *crawlFlags) {
	f := cmd.Flags()
	f.StringVar(&cf.role, "role", "all", "all (scheduler and worker), scheduler or worker")
	f.IntVar(&cf.workers, "workers", 2, workersHelp)
	f.DurationVar(&cf.jobAckWait, "job-ack-wait", 15*time.Second, "a job whose worker stops sending heartbeats for this long goes to another worker")
	f.Int64Var(&cf.warcSize, "warc-size", crawler.DefaultWARCSize, "local WARC files (--archive file:///DIR) rotate at this many bytes")
	bindWARCCompression(cmd, cf)
	f.BoolVar(&cf.perServer, "per-server", envBool(EnvPerServer, false), "also crawl the portals of one server one at a time across the fleet, not only one crawl per host: a crawl leases every IP address its start hosts resolve to and connects to those only (off: portals behind one CDN address would wait for each other) (env "+EnvPerServer+")")
}

// bindWARCCompression binds --warc-compression (dra crawl, dra run).
func bindWARCCompression(cmd *cobra.Command, cf *crawlFlags) {
	cmd.Flags().IntVar(&cf.warcLevel, "warc-compression", envInt(EnvWARCCompression, crawler.DefaultWARCCompression),
		"gzip level of the archived WARC records: 1 fastest (about 10% larger than the default level, about 10% more pages/s) to 9 smallest (env "+EnvWARCCompression+")")
}

// openCrawler opens the state bucket and the WARC archive and returns a
// crawler over them. The returned close function closes the archive.
func (o *options) openCrawler(ctx context.Context, conn *bus.Conn, reg prometheus.Registerer, cf crawlFlags) (*crawler.Crawler, *crawler.State, func() error, error) {
	sctx, cancel := context.WithTimeout(ctx, natsSetupWait)
	defer cancel()
	state, err := crawler.OpenState(sctx, conn.JS, o.replicas)
	if err != nil {
		return nil, nil, nil, err
	}
	archive, err := o.openArchive(ctx, conn, cmp.Or(cf.warcSize, crawler.DefaultWARCSize), cmp.Or(cf.warcLevel, crawler.DefaultWARCCompression))
	if err != nil {
		return nil, nil, nil, err
	}
	opts := []crawler.Option{crawler.WithState(state), crawler.WithArchive(archive)}
	if cf.perServer {
		opts = append(opts, crawler.WithServerLimit())
	}
	c := crawler.New(conn, o.log(), reg, opts...)
	return c, state, archive.Close, nil
}

// openArchive opens the --archive the crawler writes WARC records to.
func (o *options) openArchive(ctx context.Context, conn *bus.Conn, warcSize int64, level int) (*crawler.Archive, error) {
	if level < crawler.MinWARCCompression || level > crawler.MaxWARCCompression {
		return nil, fmt.Errorf("--warc-compression %d: a gzip level from %d (fastest) to %d (smallest)", level,
			crawler.MinWARCCompression, crawler.MaxWARCCompression)
	}
	t, err := o.archiveTarget()
	if err != nil {
		return nil, err
	}
	opts := crawler.ArchiveOptions{Logger: o.log(), Compression: level}
	if t.Scheme == warcstore.SchemeFile {
		return crawler.OpenArchive(t.Dir, warcSize, opts)
	}
	var js jetstream.JetStream
	if conn != nil {
		js = conn.JS
	}
	var store warcstore.Store
	sctx, cancel := context.WithTimeout(ctx, natsSetupWait)
	defer cancel()
	err = bus.Retry(sctx, o.log(), "archive "+o.archiveURL, func(ctx context.Context) (err error) {
		store, err = warcstore.Open(ctx, t, js, o.replicas, o.s3Config())
		return err
	})
	if err != nil {
		return nil, err
	}
	return crawler.NewStoreArchive(store, t.Prefix, opts), nil
}

// openCatalog opens the cluster's sources bucket.
func (o *options) openCatalog(ctx context.Context, conn *bus.Conn) (cat *crawler.Catalog, err error) {
	sctx, cancel := context.WithTimeout(ctx, natsSetupWait)
	defer cancel()
	err = bus.Retry(sctx, o.log(), "kv "+crawler.SourcesBucket, func(ctx context.Context) (err error) {
		cat, err = crawler.OpenCatalog(ctx, conn.JS, o.replicas)
		return err
	})
	return cat, err
}

// errNothingFetched: a crawl got no page at all.
var errNothingFetched = errors.New("nothing fetched")

// crawlOnce crawls each source in the foreground, with a progress bar when
// stderr is a terminal, and prints a summary per source. It fails (exit
// code ExitNothingFetched) when a source gave no page at all, and names the
// first failures' reasons.
func (o *options) crawlOnce(ctx context.Context, stdout, stderr io.Writer, srcs []crawler.Source, full bool, cf crawlFlags) error {
	reg := newRegistry()
	ready := newReadiness()
	g := &run.Group{Logger: o.log(), Started: func() { ready.started.Store(true) }}
	if o.metricsAddr != "" {
		g.Add(httpUnit("ops", o.metricsAddr, opsHandler(reg, ready), o.log(), nil))
	}
	var conn *bus.Conn
	g.Add(o.busUnit("dra-crawl", reg, &conn))
	ready.checks["nats"] = func(ctx context.Context) error { return conn.Ready(ctx) }
	var c *crawler.Crawler
	var closeArchive func() error
	g.Add(run.Unit{Name: "archive",
		Start: func(ctx context.Context) (err error) {
			c, _, closeArchive, err = o.openCrawler(ctx, conn, reg, cf)
			return err
		},
		Close: func() error { return closeArchive() },
	})
	g.Add(run.Unit{Name: "crawl", Run: func(ctx context.Context) error {
		if err := o.crawlSources(ctx, c, stdout, stderr, srcs, full, cf.workers); err != nil {
			return err
		}
		return run.Finished
	}})
	err := g.Run(ctx)
	if errors.Is(err, errNothingFetched) {
		return withCode(ExitNothingFetched, err)
	}
	return err
}

// crawlSources crawls srcs, up to workers at once, and prints a summary
// per source as it ends. Sources that share a server (see hostGroups) are
// crawled one after another, so each server sees one crawl at a time with
// its politeness, as when every source is crawled in turn.
func (o *options) crawlSources(ctx context.Context, c *crawler.Crawler, stdout, stderr io.Writer, srcs []crawler.Source, full bool, workers int) error {
	groups := hostGroups(srcs)
	workers = max(1, min(workers, len(groups)))
	reps := make([]crawler.Report, len(srcs))
	errs := make([]error, len(srcs))
	var outMu sync.Mutex
	bar := o.newBar(stderr, sourcesLabel(srcs))
	var progress func(i int, st crawler.Stats)
	if bar != nil {
		stopTick := tick(bar)
		defer func() {
			stopTick()
			_ = bar.Finish()
			o.rs.out.setBar(nil)
			fmt.Fprintln(stderr)
		}()
		stats := make([]crawler.Stats, len(srcs))
		var mu sync.Mutex
		progress = func(i int, st crawler.Stats) {
			mu.Lock()
			defer mu.Unlock()
			stats[i] = st
			var sum crawler.Stats
			for _, s := range stats {
				sum.Pages, sum.Published, sum.Unchanged, sum.Failed, sum.Skipped =
					sum.Pages+s.Pages, sum.Published+s.Published, sum.Unchanged+s.Unchanged, sum.Failed+s.Failed, sum.Skipped+s.Skipped
			}
			bar.Describe(progressLine(sourcesLabel(srcs), sum))
			_ = bar.Set64(sum.Pages + sum.Failed + sum.Skipped)
		}
	}
	crawlOne := func(i int) {
		var opts []crawler.CrawlOption
		if full {
			opts = append(opts, crawler.Full())
		}
		if progress != nil {
			opts = append(opts, crawler.OnProgress(func(st crawler.Stats) { progress(i, st) }))
		}
		reps[i], errs[i] = c.Crawl(ctx, srcs[i], opts...)
		outMu.Lock()
		defer outMu.Unlock()
		if bar != nil {
			_ = bar.Clear()
		}
		printSummary(stdout, reps[i])
	}
	next := make(chan []int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for g := range next {
				for _, i := range g {
					if ctx.Err() != nil {
						return
					}
					crawlOne(i)
				}
			}
		})
	}
	for _, g := range groups {
		next <- g
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		return nil
	}
	var failed, empty []string
	for i, src := range srcs {
		rep, cerr := reps[i], errs[i]
		switch {
		case cerr != nil:
			failed = append(failed, fmt.Sprintf("%s: %v", src.ID, cerr))
		case rep.Pages == 0:
			empty = append(empty, fmt.Sprintf("%s: %d requests failed%s", src.ID, rep.Failed, firstFailure(rep)))
		}
	}
	var all []error
	if len(failed) > 0 {
		all = append(all, fmt.Errorf("crawl: %s", strings.Join(failed, "; ")))
	}
	if len(empty) > 0 {
		all = append(all, fmt.Errorf("%w: %s", errNothingFetched, strings.Join(empty, "; ")))
	}
	return errors.Join(all...)
}

// sourcesLabel names the crawl on the progress bar.
func sourcesLabel(srcs []crawler.Source) string {
	if len(srcs) == 1 {
		return srcs[0].ID
	}
	return fmt.Sprintf("%d sources", len(srcs))
}

// hostPort is a server a source's crawl sends requests to: a start URL's
// host and port, or a host name the source allows, on any port (port "").
type hostPort struct{ host, port string }

func (a hostPort) same(b hostPort) bool {
	return a.host == b.host && (a.port == "" || b.port == "" || a.port == b.port)
}

// servers are the servers a source's crawl may request: its start URLs'
// hosts and ports, and the other host names it allows (its identity host,
// aliases and allowed hosts), on any port.
func servers(src crawler.Source) []hostPort {
	// Compiled, a source allows its identity host and aliases too.
	src.AllowedHosts = slices.Clone(src.AllowedHosts)
	_ = src.Compile()
	var out []hostPort
	starts := map[string]bool{}
	for _, s := range src.StartURLs {
		u, err := url.Parse(s)
		if err != nil || u.Hostname() == "" {
			continue
		}
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
		}
		host := strings.ToLower(u.Hostname())
		starts[host] = true
		out = append(out, hostPort{host, port})
	}
	for _, h := range src.AllowedHosts {
		if h = strings.ToLower(h); !starts[h] {
			out = append(out, hostPort{h, ""})
		}
	}
	return out
}

// hostGroups splits srcs (by index, in order) into groups such that no two
// groups share a server: sources of one group are crawled in turn, groups
// at once. Per-host politeness (parallelism, delay, Crawl-delay) is set
// per crawl, so two crawls of one server at once would double it.
func hostGroups(srcs []crawler.Source) [][]int {
	parent := make([]int, len(srcs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	sv := make([][]hostPort, len(srcs))
	for i, s := range srcs {
		sv[i] = servers(s)
	}
	for i := range srcs {
		for j := range i {
			if shareServer(sv[i], sv[j]) {
				parent[find(i)] = find(j)
			}
		}
	}
	var groups [][]int
	at := map[int]int{}
	for i := range srcs {
		r := find(i)
		k, ok := at[r]
		if !ok {
			k = len(groups)
			at[r] = k
			groups = append(groups, nil)
		}
		groups[k] = append(groups[k], i)
	}
	return groups
}

func shareServer(a, b []hostPort) bool {
	for _, x := range a {
		for _, y := range b {
			if x.same(y) {
				return true
			}
		}
	}
	return false
}

// firstFailure names the first failure's URL and reason.
func firstFailure(rep crawler.Report) string {
	if len(rep.Failures) == 0 {
		return ""
	}
	f := rep.Failures[0]
	msg := f.Error
	if msg == "" {
		msg = f.Reason
	}
	return fmt.Sprintf(", first %s: %s", f.URL, msg)
}

// newBar returns a progress bar on w when it is a terminal: shown at once
// (before the first request answers), with the log lines written above it.
func (o *options) newBar(w io.Writer, id string) *progressbar.ProgressBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || o.rs.out == nil {
		return nil
	}
	bar := progressbar.NewOptions64(-1, progressbar.OptionSetWriter(o.rs.out.barWriter()), progressbar.OptionSetDescription(id+": starting"),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("pages"),
		progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSpinnerType(14),
		progressbar.OptionSetElapsedTime(true), progressbar.OptionSetRenderBlankState(true))
	o.rs.out.setBar(bar)
	return bar
}

// tick redraws the bar while nothing answers, so its spinner and clock
// show the crawl is alive.
func tick(bar *progressbar.ProgressBar) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = bar.Add64(0)
			}
		}
	}()
	return func() { close(done); <-finished }
}

func progressLine(id string, st crawler.Stats) string {
	return fmt.Sprintf("%s: %d fetched, %d published, %d unchanged, %d errors", id, st.Pages, st.Published, st.Unchanged, st.Failed)
}

func printSummary(w io.Writer, rep crawler.Report) {
	d := rep.Finished.Sub(rep.Started).Round(time.Millisecond)
	mode := "full walk"
	if rep.Incremental {
		mode = "incremental"
	}
	fmt.Fprintf(w, "%s (%s, %s): %d pages fetched, %d articles published, %d skipped unchanged, %d errors, %d not requested, %d retries\n",
		rep.Source, mode, d, rep.Pages, rep.Published, rep.Unchanged, rep.Failed, rep.Skipped, rep.Retries)
	keys := make([]string, 0, len(rep.Results))
	for k := range rep.Results {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, rep.Results[k]))
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "  results: %s\n", strings.Join(parts, " "))
	}
	for i, f := range rep.Failures {
		if i == 10 {
			fmt.Fprintf(w, "  ... %d more failures (dra_crawler_pages_total, KV bucket %s)\n", len(rep.Failures)-10, crawler.StateBucket)
			break
		}
		fmt.Fprintf(w, "  failed %s: %s (status %d, %d attempts)\n", f.URL, f.Reason, f.Status, f.Attempts)
	}
}
