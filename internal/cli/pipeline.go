package cli

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/indexer"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/run"
	"github.com/dra-archive/dra/processor"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/web"
)

// stages says which parts of the pipeline one process runs.
type stages struct {
	crawl, process, index, serve bool
	sources                      []crawler.Source
	// interval is the time between crawls of sources without a cron
	// schedule; 0 crawls them once, at start-up.
	interval time.Duration
	// crawlFlags choose the crawl role (scheduler, worker or both) and the
	// worker's settings; the zero value runs both with the defaults.
	crawlFlags crawlFlags
	// onListen, if set, is told the HTTP address once the API listens.
	onListen func(addr string)
	// onCrawled, if set, is told when every source has been crawled once by
	// this process's worker.
	onCrawled func()
	// onReady, if set, is called once every unit runs.
	onReady func()
	// onRegistry, if set, is given the process's metrics registry.
	onRegistry func(prometheus.Gatherer)
	// conc are the concurrency settings (zero: the defaults).
	conc concurrency
	// clusterSources takes the sources from the cluster's catalog (dra
	// sources push) instead of sources; its changes are followed.
	clusterSources bool
}

// signalContext is cancelled by the first SIGINT/SIGTERM; a second one
// exits at once with ExitForced.
func signalContext(logger *slog.Logger) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			logger.Info("shutting down (send the signal again to force)", "signal", s.String())
			cancel()
		case <-ctx.Done():
			return
		}
		<-ch
		logger.Error("forced exit")
		os.Exit(ExitForced)
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}

// usesDataDir reports whether the process keeps something in the data
// directory that only one process may hold: the embedded NATS store or the
// Bleve index.
func (o *options) usesDataDir(st stages) bool {
	return o.natsURL == "" || (o.esURL == "" && (st.index || st.serve))
}

// lockUnit takes the data directory for this process.
func (o *options) lockUnit() run.Unit {
	var l *dirLock
	return run.Unit{Name: "data-dir",
		Start: func(context.Context) (err error) { l, err = lockDataDir(o.dataDir); return err },
		Close: func() error { return l.Close() },
	}
}

// busUnit connects to NATS (starting the embedded server first when no
// URL is set) and sets *conn; it drains the connection when stopped.
func (o *options) busUnit(name string, reg prometheus.Registerer, conn **bus.Conn) run.Unit {
	var closeBus func() error
	return run.Unit{Name: "nats",
		Start: func(ctx context.Context) (err error) {
			*conn, closeBus, err = o.openBus(ctx, name, reg)
			return err
		},
		Close: func() error {
			if closeBus == nil {
				return nil
			}
			return closeBus()
		},
	}
}

// runPipeline runs the chosen stages as one run group until ctx is done or
// a stage fails. Units start in this order and stop in the reverse one:
// data-dir lock, operations endpoints, NATS (embedded server), store, HTTP
// API, processor, indexer, crawl archive, scheduler, crawl worker. So on
// every path (signal, a failing stage, a failed start-up): stop scheduling
// and crawling, close the archive, drain the consumers (the indexer writes
// its batch), stop HTTP, close the store, drain NATS, stop the embedded
// server, release the data directory.
func (o *options) runPipeline(ctx context.Context, st stages) error {
	reg := newRegistry()
	if st.onRegistry != nil {
		st.onRegistry(reg)
	}
	ready := newReadiness()
	g := &run.Group{Logger: o.log(), Started: func() {
		ready.started.Store(true)
		if st.onReady != nil {
			st.onReady()
		}
	}}
	if o.usesDataDir(st) {
		g.Add(o.lockUnit())
	}
	// The operations endpoints come up first and go last: /healthz answers
	// and /readyz says "starting" while NATS and the store are set up.
	if o.metricsAddr != "" {
		g.Add(httpUnit("ops", o.metricsAddr, opsHandler(reg, ready), o.log(), nil))
	}
	var conn *bus.Conn
	g.Add(o.busUnit("dra", reg, &conn))
	ready.checks["nats"] = func(ctx context.Context) error { return conn.Ready(ctx) }

	var store search.Store
	if st.index || st.serve {
		g.Add(run.Unit{Name: "store",
			Start: func(ctx context.Context) (err error) { store, err = o.openStore(ctx); return err },
			Close: func() error { return store.Close() },
		})
		ready.checks["store"] = func(ctx context.Context) error { return store.Ping(ctx) }
	}
	if st.serve {
		var app lazyHandler
		u := httpUnit("web", o.httpAddr, instrumentHTTP(reg, &app), o.log(), st.onListen)
		start := u.Start
		u.Start = func(ctx context.Context) error {
			app.h = web.App(web.Config{Store: store, Gatherer: reg, Logger: o.log(), Ready: ready.funcs()}, o.webExtras(conn, st))
			return start(ctx)
		}
		g.Add(u)
	}
	if st.process {
		g.Add(run.Unit{Name: "processor", Run: func(ctx context.Context) error {
			return processor.NewStage(conn, o.log(), reg).WithWorkers(st.conc.processorWorkers()).
				WithConcurrency(st.conc.processorBatch(), st.conc.processorPending()).Run(ctx)
		}})
	}
	if st.index {
		var ix atomic.Pointer[indexer.Indexer]
		g.Add(run.Unit{Name: "indexer",
			Start: func(context.Context) error {
				ix.Store(indexer.New(conn, store, o.log(), reg, st.conc.indexerOptions()...))
				return nil
			},
			Run: func(ctx context.Context) error { return ix.Load().Run(ctx) },
		})
		ready.checks["indexer"] = func(ctx context.Context) error {
			if i := ix.Load(); i != nil {
				return i.Ready(ctx)
			}
			return nil
		}
	}
	if st.crawl {
		o.addCrawl(g, reg, &conn, st)
	}
	return g.Run(ctx)
}

// addCrawl adds the crawl units: the archive, the scheduler and the worker
// (as the role says).
func (o *options) addCrawl(g *run.Group, reg prometheus.Registerer, conn **bus.Conn, st stages) {
	cf := st.crawlFlags
	if cf.role == "" {
		cf.role = "all"
	}
	if cf.warcSize == 0 {
		cf.warcSize = crawler.DefaultWARCSize
	}
	var c *crawler.Crawler
	var state *crawler.State
	var cat *crawler.Catalog
	var closeArchive func() error
	g.Add(run.Unit{Name: "archive",
		Start: func(ctx context.Context) (err error) {
			c, state, closeArchive, err = o.openCrawler(ctx, *conn, reg, cf)
			return err
		},
		Close: func() error { return closeArchive() },
	})
	g.Add(run.Unit{Name: "sources",
		Start: func(ctx context.Context) (err error) { cat, err = o.openCatalog(ctx, *conn); return err },
		Run:   func(ctx context.Context) error { return cat.Run(ctx) },
	})
	if cf.role != "worker" {
		g.Add(run.Unit{Name: "scheduler", Run: func(ctx context.Context) error {
			s := crawler.NewScheduler(*conn, state, st.sources, st.interval, o.log())
			if st.clusterSources {
				s.FollowCatalog(cat)
			}
			return s.Run(ctx)
		}})
	}
	if cf.role != "scheduler" {
		g.Add(run.Unit{Name: "crawler", Run: func(ctx context.Context) error {
			return crawler.NewWorker(*conn, c, st.sources, o.log(), crawler.WorkerConfig{
				Concurrency: cf.workers, AckWait: cf.jobAckWait, MaxInFlight: st.conc.jobs(cf.workers), Catalog: cat,
				OnDone: crawledOnce(st.sources, st.onCrawled)}).Run(ctx)
		}})
	}
}

// lazyHandler serves the handler set at start-up.
type lazyHandler struct{ h http.Handler }

func (l *lazyHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { l.h.ServeHTTP(w, r) }

// crawledOnce returns a job callback that calls done once every source has
// been crawled (nil if done is nil).
func crawledOnce(sources []crawler.Source, done func()) func(crawler.Job, crawler.Report, error) {
	if done == nil {
		return nil
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	return func(j crawler.Job, _ crawler.Report, _ error) {
		mu.Lock()
		defer mu.Unlock()
		if seen[j.Source] || done == nil {
			return
		}
		seen[j.Source] = true
		if len(seen) == len(sources) {
			done()
			done = nil
		}
	}
}
