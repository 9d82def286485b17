package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/vietnamese"
)

// Job asks a worker to crawl one source for one schedule slot.
type Job struct {
	Source string    `json:"source"`
	Slot   time.Time `json:"slot"`
	// Full walks the whole site (see Full).
	Full bool `json:"full,omitempty"`
}

// JobSubject is the subject of a source's jobs in the DRA_CRAWL_JOBS work queue.
func JobSubject(source string) string { return event.SubjectCrawlJobs + "." + source }

// JobID is the de-duplication ID of a job: the source and its slot, so
// any number of schedulers publish each slot's job once (within the
// stream's duplicate window; the state bucket's sched.<source> covers the
// start-up catch-up beyond it).
func JobID(source string, slot time.Time) string {
	return source + "@" + slot.UTC().Format(time.RFC3339)
}

// PublishJob publishes one job.
func PublishJob(ctx context.Context, pub Publisher, j Job) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := pub.Publish(ctx, JobSubject(j.Source), JobID(j.Source, j.Slot), b); err != nil {
		return fmt.Errorf("job %s: %w", JobID(j.Source, j.Slot), err)
	}
	return nil
}

// Scheduler publishes a crawl job per source per schedule slot: each
// source's cron schedule, else every Interval (slots aligned on the Unix
// epoch, so every scheduler computes the same ones), else one job at
// start-up. At start-up it also publishes the current slot's job unless a
// scheduler already did (catch-up after downtime).
type Scheduler struct {
	pub      Publisher
	state    *State
	sources  []Source
	interval time.Duration
	logger   *slog.Logger
	now      func() time.Time
	// OnPublish, if set, is told every job published (tests, logs).
	OnPublish func(Job)
	// catalog, if set, is where the sources come from (FollowCatalog);
	// once lists the sources whose start-up job was published.
	catalog *Catalog
	once    map[string]bool
}

// FollowCatalog makes the scheduler take its sources from the cluster's
// catalog (Catalog.Run must be running) instead of the list it was given,
// and plan again whenever the catalog changes.
func (s *Scheduler) FollowCatalog(c *Catalog) *Scheduler {
	s.catalog = c
	return s
}

// NewScheduler returns a scheduler of sources. state may be nil (no
// catch-up bookkeeping beyond the duplicate window).
func NewScheduler(pub Publisher, state *State, sources []Source, interval time.Duration, logger *slog.Logger) *Scheduler {
	if logger == nil {
		logger = slog.Default()
	}
	return &Scheduler{pub: pub, state: state, sources: sources, interval: interval,
		logger: logger.With("component", "scheduler"), now: time.Now}
}

// every is an interval schedule aligned on the epoch.
type every time.Duration

func (e every) Next(t time.Time) time.Time {
	d := time.Duration(e)
	return t.Truncate(d).Add(d)
}

type planned struct {
	src   Source
	sched cron.Schedule // nil: once at start-up
	next  time.Time
}

// Run publishes jobs until ctx is done.
func (s *Scheduler) Run(ctx context.Context) error {
	s.once = map[string]bool{}
	if s.catalog == nil {
		return s.run(ctx, s.sources)
	}
	select {
	case <-s.catalog.Loaded():
	case <-ctx.Done():
		return nil
	}
	for ctx.Err() == nil {
		pctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		srcs := s.catalog.Sources()
		go func() { done <- s.run(pctx, srcs) }()
		select {
		case <-s.catalog.Changed():
			s.logger.Info("sources changed in the cluster: planning again")
			cancel()
			<-done
		case err := <-done:
			cancel()
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// run publishes the jobs of srcs until ctx is done.
func (s *Scheduler) run(ctx context.Context, srcs []Source) error {
	now := s.now().In(vietnamese.TimeZone)
	var plan []*planned
	for _, src := range srcs {
		if err := src.Compile(); err != nil {
			return err
		}
		if src.Disabled {
			continue
		}
		p := &planned{src: src, sched: src.schedule}
		if p.sched == nil && s.interval > 0 {
			p.sched = every(s.interval)
		}
		plan = append(plan, p)
	}
	for _, p := range plan {
		if p.sched == nil {
			if !s.once[p.src.ID] { // once per source, also when the catalog changes
				s.once[p.src.ID] = true
				s.publish(ctx, Job{Source: p.src.ID, Slot: now.Truncate(time.Second)})
			}
			continue
		}
		slot := prevSlot(p.sched, now)
		p.next = p.sched.Next(now)
		if slot.IsZero() {
			continue
		}
		if s.state != nil {
			last, err := s.state.lastSlot(ctx, p.src.ID)
			if err != nil {
				s.logger.Warn("schedule state", "source", p.src.ID, "err", err)
			} else if !slot.After(last) {
				continue // this slot was scheduled already
			}
		}
		s.publish(ctx, Job{Source: p.src.ID, Slot: slot})
	}
	for {
		var next time.Time
		for _, p := range plan {
			if p.sched != nil && (next.IsZero() || p.next.Before(next)) {
				next = p.next
			}
		}
		if next.IsZero() {
			<-ctx.Done()
			return nil
		}
		if err := sleepCtx(ctx, time.Until(next)); err != nil {
			return nil
		}
		now := s.now().In(vietnamese.TimeZone)
		for _, p := range plan {
			if p.sched != nil && !p.next.After(now) {
				s.publish(ctx, Job{Source: p.src.ID, Slot: p.next})
				p.next = p.sched.Next(now)
			}
		}
	}
}

func (s *Scheduler) publish(ctx context.Context, j Job) {
	if err := PublishJob(ctx, s.pub, j); err != nil {
		if ctx.Err() == nil {
			s.logger.Error("publish job", "source", j.Source, "err", err)
		}
		return
	}
	s.logger.Info("crawl job scheduled", "source", j.Source, "slot", j.Slot.Format(time.RFC3339))
	if s.state != nil {
		if _, err := s.state.advanceSlot(ctx, j.Source, j.Slot); err != nil {
			s.logger.Warn("schedule state", "source", j.Source, "err", err)
		}
	}
	if s.OnPublish != nil {
		s.OnPublish(j)
	}
}

// prevSlot is the latest activation of sched at or before now (zero if
// none in the last 400 days).
func prevSlot(sched cron.Schedule, now time.Time) time.Time {
	step := time.Minute
	from := now.Add(-step)
	for sched.Next(from).After(now) {
		if step > 400*24*time.Hour {
			return time.Time{}
		}
		step *= 2
		from = now.Add(-step)
	}
	var last time.Time
	for t := sched.Next(from); !t.IsZero() && !t.After(now); t = sched.Next(t) {
		last = t
	}
	return last
}

// WorkerConfig configures a crawl worker.
type WorkerConfig struct {
	// Concurrency is the number of jobs (sources) crawled at once (default 2).
	Concurrency int
	// AckWait is how long a job may go without a heartbeat before JetStream
	// gives it to another worker (default 15s; heartbeats every third).
	AckWait time.Duration
	// MaxDeliver is the number of attempts of a failing job before it is
	// dead-lettered (default 5).
	MaxDeliver int
	// MaxInFlight bounds the jobs being crawled across every worker
	// process (the job consumer's MaxAckPending; default 256).
	MaxInFlight int
	// OnDone, if set, is told each finished job.
	OnDone func(j Job, rep Report, err error)
	// Catalog, if set, is the cluster's sources (Catalog.Run must be
	// running): a source it has is crawled as it has it, so a job for a
	// source missing from the worker's own list is not dead-lettered.
	Catalog *Catalog
}

// WorkerDurable is the durable consumer every crawl worker shares.
const WorkerDurable = "crawler"

// Worker pulls crawl jobs from the DRA_CRAWL_JOBS work queue with a
// durable pull consumer shared by every worker process, and acks a job
// when its crawl finishes. A worker that dies stops its heartbeats, and
// the job goes to another worker after AckWait.
type Worker struct {
	conn    *bus.Conn
	crawler *Crawler
	sources map[string]Source
	cfg     WorkerConfig
	logger  *slog.Logger
}

// NewWorker returns a worker for sources.
func NewWorker(conn *bus.Conn, c *Crawler, sources []Source, logger *slog.Logger, cfg WorkerConfig) *Worker {
	if logger == nil {
		logger = slog.Default()
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 2
	}
	if cfg.AckWait <= 0 {
		cfg.AckWait = 15 * time.Second
	}
	if cfg.MaxDeliver <= 0 {
		cfg.MaxDeliver = 5
	}
	m := map[string]Source{}
	for _, s := range sources {
		m[s.ID] = s
	}
	return &Worker{conn: conn, crawler: c, sources: m, cfg: cfg, logger: logger.With("component", "crawler")}
}

// Run crawls jobs until ctx is done. A crawl interrupted by ctx is nakked,
// so another worker (or this one, restarted) takes it up.
func (w *Worker) Run(ctx context.Context) error {
	cc := bus.ConsumerConfig{
		Stream: event.StreamCrawlJobs, Durable: WorkerDurable, Stage: "crawler",
		MaxDeliver: w.cfg.MaxDeliver, Backoff: bus.ExpBackoff(5*time.Second, 5*time.Minute),
		Batch: 1, MaxWait: time.Second, AckWait: w.cfg.AckWait, Drain: 5 * time.Second,
		MaxAckPending: w.cfg.MaxInFlight,
	}
	if _, err := w.conn.EnsureConsumer(ctx, cc); err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make([]error, w.cfg.Concurrency)
	for i := range w.cfg.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = w.conn.Consume(ctx, cc, func(_ context.Context, msgs []bus.Msg) []error {
				out := make([]error, len(msgs))
				for k, m := range msgs {
					out[k] = w.handle(ctx, m)
				}
				return out
			})
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (w *Worker) handle(ctx context.Context, m bus.Msg) error {
	var j Job
	if err := json.Unmarshal(m.Data, &j); err != nil {
		return bus.Permanent(fmt.Errorf("crawl job: %w", err))
	}
	src, ok := w.sources[j.Source]
	if w.cfg.Catalog != nil {
		s, found, err := w.cfg.Catalog.Get(ctx, j.Source)
		if err != nil {
			return err // the bucket did not answer: try again later
		}
		if found {
			src, ok = s, true
		}
	}
	if !ok {
		return bus.Permanent(fmt.Errorf("crawl job for unknown source %q", j.Source))
	}
	w.logger.Info("crawl job", "source", j.Source, "slot", j.Slot.Format(time.RFC3339), "delivery", m.Deliveries)
	var opts []CrawlOption
	if j.Full {
		opts = append(opts, Full())
	}
	rep, err := w.crawler.Crawl(ctx, src, opts...)
	if w.cfg.OnDone != nil && ctx.Err() == nil {
		w.cfg.OnDone(j, rep, err)
	}
	return err
}
