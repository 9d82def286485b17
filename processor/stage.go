package processor

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/page"
	"github.com/dra-archive/dra/place"
)

// Stage consumes dra.article.fetched and publishes dra.article.processed.
type Stage struct {
	conn     *bus.Conn
	profiles *Profiles // opened by Run
	budget   time.Duration
	logger   *slog.Logger
	results  *prometheus.CounterVec
	now      func() time.Time
	workers  int

	// batch and maxPending override ConsumerConfig's (WithBatch,
	// WithConcurrency).
	batch, maxPending int
}

// NewStage wires the processor stage. reg may be nil.
func NewStage(conn *bus.Conn, logger *slog.Logger, reg prometheus.Registerer) *Stage {
	s := &Stage{
		conn:   conn,
		logger: logger.With("component", "processor"),
		results: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dra_processor_messages_total", Help: "Fetched articles handled by the processor, by result.",
		}, []string{"result"}),
		now:     time.Now,
		budget:  DefaultBudget,
		workers: DefaultWorkers(),
	}
	if reg != nil {
		reg.MustRegister(s.results)
	}
	return s
}

// DefaultBudget is how long the processor gives one page per started MiB
// of its body (budgetFor): a page that takes longer is dead-lettered with
// the reason instead of holding its batch (and every source behind it)
// and being retried.
const DefaultBudget = time.Minute

// budgetFor is the time a page of n bytes may take: the stage's budget for
// each started MiB. The budget is wall time, shared with the other pages
// of a batch and the other stages of the process, so a large legitimate
// page (a 5 MB report on a loaded machine) gets room in proportion, while
// extraction, linear in the page, still catches a page slow for its size.
func (s *Stage) budgetFor(n int) time.Duration {
	return s.budget * time.Duration(1+n/(1<<20))
}

// ErrOverBudget is the reason of a page extraction did not finish in time.
var ErrOverBudget = errors.New("extraction over its time budget")

// WithBudget sets the time one page may take per started MiB
// (DefaultBudget).
func (s *Stage) WithBudget(d time.Duration) *Stage {
	s.budget = d
	return s
}

// WithConcurrency sets the messages one fetch from the consumer takes (0:
// the default of WithBatch) and the most delivered and not yet acked
// across every processor process (0: 4 × max(batch, 64)).
func (s *Stage) WithConcurrency(batch, maxPending int) *Stage {
	s.batch, s.maxPending = batch, maxPending
	return s
}

// processInBudget is ProcessWith within the stage's time budget. Past it,
// the page is given up as ErrOverBudget; its extraction finishes in the
// background (extraction is linear in the page, so it does finish) and is
// dropped.
func (s *Stage) processInBudget(f event.ArticleFetched, opts Options) (event.ArticleProcessed, error) {
	type result struct {
		p   event.ArticleProcessed
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := ProcessWith(f, s.now(), opts)
		done <- result{p, err}
	}()
	budget := s.budgetFor(len(f.Body))
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.p, r.err
	case <-timer.C:
		return event.ArticleProcessed{}, fmt.Errorf("%w (%s, a %d-byte page)", ErrOverBudget, budget, len(f.Body))
	}
}

// DefaultWorkers is how many pages one processor extracts at once: four
// per CPU the Go runtime uses. Extraction is CPU work, but in `dra run`
// the stages share the process's CPUs, and Go's scheduler shares them
// among runnable goroutines: a processor with one goroutine per CPU got a
// small share next to a crawler with 16 fetches in flight and Bleve's
// analysis workers, and fell behind the crawl (BenchmarkRunEndToEnd).
func DefaultWorkers() int { return 4 * runtime.GOMAXPROCS(0) }

// WithWorkers sets how many pages of a batch are extracted at once
// (DefaultWorkers). Their publishes travel asynchronously, and each
// message is acked once its article.processed event is stored. With 1, a
// batch is handled one message at a time, each with a synchronous publish.
func (s *Stage) WithWorkers(n int) *Stage {
	s.workers = max(n, 1)
	return s
}

// WithBatch sets how many messages one fetch from the consumer takes
// (default: 8 with one worker, else 16 per worker, at most 128).
func (s *Stage) WithBatch(n int) *Stage {
	s.batch = n
	return s
}

// ConsumerConfig is the processor's durable consumer, fetching batch
// messages at a time.
func ConsumerConfig(batch int) bus.ConsumerConfig {
	return bus.ConsumerConfig{Stream: event.StreamFetched, Durable: "processor", Stage: "processor", Batch: batch,
		MaxWait: 250 * time.Millisecond}
}

func (s *Stage) batchSize() int {
	if s.batch > 0 {
		return s.batch
	}
	return DefaultBatch(s.workers)
}

// DefaultBatch is how many messages one fetch from the consumer takes by
// default with this many workers: 8 with one, else 16 per worker, at most
// 128.
func DefaultBatch(workers int) int {
	if workers <= 1 {
		return 8
	}
	return min(16*workers, 128)
}

// Run consumes until ctx is done.
func (s *Stage) Run(ctx context.Context) error {
	ps, err := OpenProfiles(ctx, s.conn, s.logger)
	if err != nil {
		return err
	}
	s.profiles = ps
	cc := ConsumerConfig(s.batchSize())
	cc.MaxAckPending = s.maxPending
	cc.Observe = func(r string) { s.results.WithLabelValues(r).Inc() }
	return s.conn.Consume(ctx, cc, s.handleBatch)
}

// handleBatch handles a batch: with one worker one message at a time;
// else up to s.workers pages are extracted at once, each publish is sent
// without waiting, and the batch returns once every publish is confirmed
// or has failed. The bus acks a message only after that, so a message is
// acked only once its article.processed event is stored: a failed
// publish is a transient error, the message is redelivered.
//
// Template learning then sees the batch's pages one by one in stream
// order, whatever order their extraction finished in: so the pages a
// template is learned from, and when a rebuilt portal is learned again,
// depend on the stream alone (they once depended on which page of a
// concurrent batch finished first, and a source's template with them).
func (s *Stage) handleBatch(ctx context.Context, msgs []bus.Msg) []error {
	errs := make([]error, len(msgs))
	learn := make([]*observation, len(msgs))
	if s.workers <= 1 || len(msgs) == 1 {
		for i, m := range msgs {
			learn[i], errs[i] = s.handle(ctx, m, nil)
		}
	} else {
		slots := make(chan struct{}, s.workers)
		var wg sync.WaitGroup
		for i, m := range msgs {
			slots <- struct{}{}
			wg.Go(func() {
				held := true
				release := func() {
					if held {
						held = false
						<-slots
					}
				}
				defer release()
				learn[i], errs[i] = s.handle(ctx, m, release)
			})
		}
		wg.Wait()
	}
	order := make([]int, 0, len(msgs))
	for i := range msgs {
		if errs[i] == nil && learn[i] != nil {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(msgs[a].Sequence, msgs[b].Sequence) })
	for _, i := range order {
		s.observe(ctx, *learn[i])
	}
	return errs
}

// observation is what template learning needs of a processed page.
type observation struct {
	f        event.ArticleFetched
	seq      uint64
	fitted   bool
	readWith int // the version of the profile it was read with, 0: none
}

// reprocessSuffix is the "@reprocess-<nanos>" part of a fetched message
// published by an admin re-process, so that its processed message gets an
// ID of its own: the same fetch re-processed within the de-duplication
// window is not dropped as a duplicate.
func reprocessSuffix(m bus.Msg) string {
	id := m.Header.Get("Nats-Msg-Id")
	if i := strings.Index(id, "@reprocess-"); i >= 0 {
		return id[i:]
	}
	return ""
}

// handle processes one message. With release set (a concurrent batch) the
// publish is sent asynchronously and release is called once the page's
// CPU work is done, before waiting for the publish's confirmation;
// without it the publish is synchronous. It returns what template
// learning is to observe of the page (nil for a source with selectors).
func (s *Stage) handle(ctx context.Context, m bus.Msg, release func()) (*observation, error) {
	f, err := event.DecodeFetched(m.Data)
	if err != nil {
		return nil, bus.Permanent(fmt.Errorf("decode article.fetched: %w", err))
	}
	// A source with selectors is read with them; the others with their
	// learned template, when they have one (see profiles.go).
	learning := s.profiles != nil && f.Selectors == nil
	var opts Options
	if learning {
		opts.Profile = s.profiles.Current(ctx, f.SourceID)
	}
	p, err := s.processInBudget(f, opts)
	if err != nil {
		return nil, bus.Permanent(fmt.Errorf("article %s (%s): %w", f.ArticleID, f.URL, err))
	}
	msgID := p.ArticleID + "@" + strconv.FormatInt(p.FetchedAt.UnixNano(), 10) + reprocessSuffix(m)
	if release == nil {
		if err := s.publish(ctx, p, msgID); err != nil {
			return nil, err // transient: nak and retry
		}
	} else {
		payload, err := event.Encode(p)
		if err != nil {
			return nil, bus.Permanent(err)
		}
		pending := s.conn.PublishAsync(ctx, event.SubjectProcessed, msgID, payload)
		release()
		if err := pending.Wait(ctx); err != nil {
			return nil, err // transient: nak and retry
		}
	}
	s.logger.Debug("processed", "article_id", p.ArticleID, "url", p.URL, "title", p.Title, "template", p.Template)
	if !learning {
		return nil, nil
	}
	o := &observation{f: f, seq: m.Sequence, fitted: p.Template != ""}
	if opts.Profile != nil {
		o.readWith = opts.Profile.Version
	}
	return o, nil
}

// observe shows template learning a processed page: it samples the page,
// learns when enough are in and processes the learned-from pages again;
// a page read before its source's current template is read again with it.
func (s *Stage) observe(ctx context.Context, o observation) {
	learned, seqs, err := s.profiles.Observe(ctx, o.f, o.seq, o.fitted, o.readWith)
	if err != nil {
		s.logger.Warn("template learning", "source", o.f.SourceID, "err", err)
	}
	switch now := s.profiles.Current(ctx, o.f.SourceID); {
	case learned != nil:
		s.reprocess(ctx, learned, seqs)
	case now != nil && now.Version > o.readWith && !o.fitted:
		// A template learned while this page was being read (a page
		// before it in its batch, another process): read it again with it.
		s.reprocess(ctx, now, []uint64{o.seq})
	}
}

func (s *Stage) publish(ctx context.Context, p event.ArticleProcessed, msgID string) error {
	payload, err := event.Encode(p)
	if err != nil {
		return bus.Permanent(err)
	}
	return s.conn.Publish(ctx, event.SubjectProcessed, msgID, payload)
}

// reprocess processes again, with a newly learned template, the pages it
// was learned from: they were extracted without it.
func (s *Stage) reprocess(ctx context.Context, prof *page.Profile, seqs []uint64) {
	for _, seq := range seqs {
		m, err := s.conn.Get(ctx, event.StreamFetched, seq)
		if err != nil {
			s.logger.Warn("reprocess with template", "source", prof.SourceID, "seq", seq, "err", err)
			continue
		}
		f, err := event.DecodeFetched(m.Data)
		if err != nil {
			continue // it was dead-lettered when first handled
		}
		p, err := ProcessWith(f, s.now(), Options{Profile: prof})
		if err != nil {
			continue
		}
		if err := s.publish(ctx, p, reprocessMsgID(p, prof.Version)); err != nil {
			s.logger.Warn("reprocess with template", "article_id", p.ArticleID, "err", err)
		}
	}
}

// ErrNotArticle is returned for pages with no article text.
var ErrNotArticle = errors.New("no article text found")

// Process turns a fetched page into the processed record: the article,
// its authors, cited documents, periods, metrics and places.
func Process(f event.ArticleFetched, now time.Time) (event.ArticleProcessed, error) {
	return ProcessWith(f, now, Options{})
}

// ProcessWith is Process with the source's extraction options (its
// selectors); the URL and places default to the fetched event's.
func ProcessWith(f event.ArticleFetched, now time.Time, opts Options) (event.ArticleProcessed, error) {
	if opts.URL == "" {
		opts.URL = f.URL
	}
	if f.Selectors != nil && opts.Selectors.IsZero() {
		opts.Selectors = *f.Selectors
	}
	if opts.District == "" {
		opts.District = f.District
	}
	if opts.Province == "" {
		opts.Province = f.Province
	}
	r, err := ExtractRecord([]byte(f.Body), opts)
	if err != nil {
		return event.ArticleProcessed{}, fmt.Errorf("extract: %w", err)
	}
	if r.Title == "" && r.Body == "" {
		return event.ArticleProcessed{}, ErrNotArticle
	}
	// Unit tagging runs here, not in ExtractRecord: `dra extract` prints
	// the record without it, and extraction stays as fast as it was.
	codes := UnitCodes(TagUnits(&r, f.UnitCodes, fetchEra(f, r.District)))
	metrics, dropped := r.Metrics, 0
	if len(metrics) > MaxMetrics {
		metrics, dropped = metrics[:MaxMetrics], len(metrics)-MaxMetrics
	}
	return event.ArticleProcessed{
		SchemaVersion: event.ProcessedVersion,
		ArticleID:     f.ArticleID, URL: f.URL, SourceID: f.SourceID,
		FetchedAt: f.FetchedAt, ProcessedAt: now.UTC(), ContentSHA256: f.ContentSHA256,
		Title: r.Title, Category: r.Category, PublishedAt: r.PublishedAt, Views: r.Views,
		District: r.District, Province: r.Province, Byline: r.Byline,
		Authors: r.Authors, Documents: r.Documents, Periods: r.Periods, ReportPeriod: r.ReportPeriod, Metrics: metrics,
		MetricsDropped: dropped,
		Body:           r.Body, UnitCodes: codes, WARC: f.WARC, Capture: f.Capture,
		Template: r.Template,
	}, nil
}

// MaxMetrics bounds the metrics one article carries: a report has tens of
// figures; a page with thousands is a data dump (a statistical annex, a
// padded page) whose figures would flood the trends and the store. The
// first MaxMetrics are kept, in text order, and MetricsDropped says how
// many were left out.
const MaxMetrics = 1000

// fetchEra is the era of an article without a date: the capture's time for
// a page from a web archive; the old era on a district's portal (its host
// or its source names the district); else the fetch time's.
func fetchEra(f event.ArticleFetched, district string) place.Era {
	if f.Capture != nil && !f.Capture.Timestamp.IsZero() {
		return place.EraAt(f.Capture.Timestamp)
	}
	if district != "" {
		return place.Old // a district's portal reports on the district's time
	}
	return place.EraAt(f.FetchedAt)
}
