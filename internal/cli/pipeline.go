package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/indexer"
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
}

// phase is a group of goroutines stopped together.
type phase struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
	ctx    context.Context
}

func newPhase(parent context.Context) *phase {
	ctx, cancel := context.WithCancel(parent)
	return &phase{ctx: ctx, cancel: cancel}
}

func (p *phase) go_(fn func(ctx context.Context)) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		fn(p.ctx)
	}()
}

func (p *phase) stop() {
	p.cancel()
	p.wg.Wait()
}

// signalContext is cancelled by the first SIGINT/SIGTERM; a second one
// exits at once.
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
		os.Exit(130)
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}

// runPipeline runs the chosen stages until ctx is done, then shuts down in
// order: stop crawling, drain the consumers (the indexer flushes its
// batch), stop HTTP, close the store, drain NATS, stop the embedded server.
func (o *options) runPipeline(ctx context.Context, st stages) (err error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	conn, closeBus, err := o.openBus(ctx, "dra")
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, closeBus()) }()

	var store search.Store
	if st.index || st.serve {
		if store, err = o.openStore(ctx); err != nil {
			return err
		}
		defer func() { err = errors.Join(err, store.Close()) }()
	}

	var httpSrv *http.Server
	if st.serve {
		h := web.App(web.Config{Store: store, Gatherer: reg, Logger: o.log(),
			Ready: map[string]web.ReadyFunc{"nats": conn.Ready, "store": store.Ping}}, o.webExtras(conn, st))
		ln, err := net.Listen("tcp", o.httpAddr)
		if err != nil {
			return fmt.Errorf("http: %w", err)
		}
		httpSrv = web.NewServer(o.httpAddr, h)
		go func() {
			if err := httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				o.log().Error("http", "component", "web", "err", err)
			}
		}()
		o.log().Info("api listening", "component", "web", "addr", "http://"+ln.Addr().String())
		if st.onListen != nil {
			st.onListen(ln.Addr().String())
		}
	}

	consumers := newPhase(ctx)
	if st.process {
		p := processor.NewStage(conn, o.log(), reg)
		consumers.go_(func(ctx context.Context) { logErr(o.log(), "processor", p.Run(ctx)) })
	}
	if st.index {
		ix := indexer.New(conn, store, o.log(), reg)
		consumers.go_(func(ctx context.Context) { logErr(o.log(), "indexer", ix.Run(ctx)) })
	}

	// Crawling: a scheduler publishes jobs into the DRA_CRAWL_JOBS work
	// queue, a worker crawls them; both stop first on shutdown.
	crawls := newPhase(ctx)
	if st.crawl {
		cf := st.crawlFlags
		if cf.role == "" {
			cf.role = "all"
		}
		if cf.warcSize == 0 {
			cf.warcSize = crawler.DefaultWARCSize
		}
		c, state, closeArchive, err := o.openCrawler(ctx, conn, reg, cf.warcSize)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, closeArchive()) }()
		if cf.role != "worker" {
			sch := crawler.NewScheduler(conn, state, st.sources, st.interval, o.log())
			crawls.go_(func(ctx context.Context) { logErr(o.log(), "scheduler", sch.Run(ctx)) })
		}
		if cf.role != "scheduler" {
			w := crawler.NewWorker(conn, c, st.sources, o.log(), crawler.WorkerConfig{
				Concurrency: cf.workers, AckWait: cf.jobAckWait, OnDone: crawledOnce(st.sources, st.onCrawled)})
			crawls.go_(func(ctx context.Context) { logErr(o.log(), "crawler", w.Run(ctx)) })
		}
	}

	<-ctx.Done()
	crawls.stop()
	consumers.stop()
	if httpSrv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = httpSrv.Shutdown(sctx)
	}
	return nil
}

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

func logErr(logger *slog.Logger, component string, err error) {
	if err != nil {
		logger.Error("stage stopped", "component", component, "err", err)
	}
}
