// Package indexer is the stage that consumes dra.article.processed and
// writes articles to the search store, acking only once the write is durable.
//
// Faults: a transient store failure (Elasticsearch unreachable, a 429 or a
// 5xx, for the whole bulk or for single items) is retried inside the
// handler with exponential backoff; the consumer keeps the batch in
// progress meanwhile, so nothing is acked, nothing is lost, and an outage
// does not use up a message's deliveries (the bus dead-letters after five).
// Retries are bounded per document: a bulk that keeps failing as a whole is
// split and its documents written one at a time, and a document that still
// fails transiently after WithMaxAttempts attempts while the store answers
// its ping (the store is up, the document is the problem: a 429 for a
// document over Elasticsearch's indexing-pressure limit) is dead-lettered
// alone with the store's reason. While the store does not answer, retries
// go on; Ready then reports the indexer stuck. Only on shutdown are the
// pending messages nak'ed, to be redelivered. Permanent item errors (a
// document Elasticsearch cannot map, a mapping conflict) are dead-lettered
// with Elasticsearch's reason; the rest of the batch lands.
//
// Size: an article body longer than WithMaxBody (default DefaultMaxBody)
// is trimmed at a rune boundary before it is stored; the figures whose
// offsets fall beyond the cut are left out and counted in MetricsDropped
// of the stored record, the stored article is marked Trimmed, and the trim
// is logged and counted (dra_indexer_trimmed_total). An Elasticsearch
// write carries the body three times (the article, and the exact and the
// folded views that are indexed but not kept in _source; the processed
// record is stored without its copy of the body), so the cap keeps one
// write far below the store's limits.
package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// Indexer writes processed articles to a store in batches.
type Indexer struct {
	conn    *bus.Conn
	store   search.Store
	logger  *slog.Logger
	batch   int
	results *prometheus.CounterVec
	bulk    prometheus.Histogram
	retries prometheus.Counter
	errs    *prometheus.CounterVec

	trimmed prometheus.Counter
	// searchable is fetch-to-searchable: from the fetch time an article
	// carries to its durable write.
	searchable prometheus.Histogram

	retryBase, retryMax time.Duration
	maxAttempts         int
	maxBody             int
	maxPending          int
	concurrency         int
	stuckAfter          time.Duration
	// failingSince is when the current run of failed writes began (Unix
	// nanoseconds), 0 while writes succeed.
	failingSince atomic.Int64
}

// DefaultMaxBody is the longest article body stored whole, in bytes: an
// Elasticsearch write carries the body about three times, so 6 MiB makes
// ~18 MB, a third of what Elasticsearch with a 512 MB heap accepts (10% of
// the heap).
const DefaultMaxBody = 6 << 20

// WithMaxAttempts sets how many times a document that fails transiently
// while the store is up is tried before it is dead-lettered (default 10).
func WithMaxAttempts(n int) Option { return func(ix *Indexer) { ix.maxAttempts = max(n, 1) } }

// WithMaxBody sets the longest body, in bytes, stored whole (default
// DefaultMaxBody); a longer one is trimmed.
func WithMaxBody(n int) Option { return func(ix *Indexer) { ix.maxBody = n } }

// WithStuckAfter sets how long writes may keep failing before Ready
// reports the indexer stuck (default 5 minutes).
func WithStuckAfter(d time.Duration) Option { return func(ix *Indexer) { ix.stuckAfter = d } }

// Option configures an Indexer.
type Option func(*Indexer)

// DefaultBatch is how many articles go into one bulk write by default.
const DefaultBatch = 100

// WithBatch sets how many articles go into one bulk write (DefaultBatch).
func WithBatch(n int) Option {
	return func(ix *Indexer) {
		if n > 0 {
			ix.batch = n
		}
	}
}

// DefaultConcurrency is how many bulk writes one indexer process has in
// flight by default: while one waits for the store's answer, the next
// batch is fetched and encoded.
const DefaultConcurrency = 2

// WithConcurrency sets how many batches one indexer process writes at
// once (DefaultConcurrency).
func WithConcurrency(n int) Option { return func(ix *Indexer) { ix.concurrency = max(n, 1) } }

// WithMaxPending bounds the articles delivered to every indexer process
// and not yet written (default 4 × max(batch, 64): four busy processes).
func WithMaxPending(n int) Option { return func(ix *Indexer) { ix.maxPending = n } }

// WithRetry sets the backoff of transient store failures: from base,
// doubling up to max (default 200ms to 30s).
func WithRetry(base, max time.Duration) Option {
	return func(ix *Indexer) { ix.retryBase, ix.retryMax = base, max }
}

// New wires the indexer stage. reg may be nil.
func New(conn *bus.Conn, store search.Store, logger *slog.Logger, reg prometheus.Registerer, opts ...Option) *Indexer {
	ix := &Indexer{
		conn: conn, store: store, logger: logger.With("component", "indexer"), batch: DefaultBatch, concurrency: DefaultConcurrency,
		results: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dra_indexer_messages_total", Help: "Processed articles handled by the indexer, by result.",
		}, []string{"result"}),
		bulk: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "dra_indexer_bulk_seconds", Help: "Duration of bulk writes to the search store.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
		}),
		retries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dra_indexer_store_retries_total", Help: "Bulk writes retried after a transient store failure.",
		}),
		errs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dra_indexer_store_errors_total",
			Help: "Errors of the search store on bulk writes, by kind: transient (retried) or permanent (dead-lettered), for the whole bulk or one item.",
		}, []string{"kind"}),
		trimmed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dra_indexer_trimmed_total", Help: "Articles whose body was trimmed to the indexer's size limit.",
		}),
		searchable: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "dra_fetch_to_searchable_seconds",
			Help:    "Time from an article's fetch to its durable write in the search store (first processing only, not re-processing or replays).",
			Buckets: []float64{.05, .1, .25, .5, .75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300, 1800},
		}),
		retryBase: 200 * time.Millisecond, retryMax: 30 * time.Second,
		maxAttempts: 10, maxBody: DefaultMaxBody, stuckAfter: 5 * time.Minute,
	}
	for _, o := range opts {
		o(ix)
	}
	if reg != nil {
		reg.MustRegister(ix.results, ix.bulk, ix.retries, ix.errs, ix.trimmed, ix.searchable)
	}
	return ix
}

// ConsumerConfig is the indexer's durable consumer.
func ConsumerConfig(batch int) bus.ConsumerConfig {
	return bus.ConsumerConfig{Stream: event.StreamProcessed, Durable: "indexer", Stage: "indexer",
		Batch: batch, MaxWait: 500 * time.Millisecond}
}

// Run consumes until ctx is done; the batch in hand is written first.
func (ix *Indexer) Run(ctx context.Context) error {
	cc := ConsumerConfig(ix.batch)
	cc.MaxAckPending = ix.maxPending
	cc.Concurrency = ix.concurrency
	cc.Observe = func(r string) { ix.results.WithLabelValues(r).Inc() }
	return ix.conn.Consume(ctx, cc, ix.Handle)
}

// Handle writes one batch and says, per message, whether to ack (nil),
// retry (a transient error) or dead-letter (bus.ErrPermanent).
func (ix *Indexer) Handle(ctx context.Context, msgs []bus.Msg) []error {
	errs := make([]error, len(msgs))
	docs := make([]search.Article, 0, len(msgs))
	at := make([]int, 0, len(msgs))
	for i, m := range msgs {
		p, err := event.DecodeProcessed(m.Data)
		if err != nil {
			errs[i] = bus.Permanent(fmt.Errorf("decode article.processed: %w", err))
			continue
		}
		full := len(p.Body)
		doc, dropped, err := Document(p, ix.maxBody)
		if err != nil {
			errs[i] = bus.Permanent(err)
			continue
		}
		if doc.Trimmed {
			ix.trimmed.Inc()
			ix.logger.Warn("body trimmed", "article_id", p.ArticleID, "bytes", full, "kept", len(doc.Body), "metrics_dropped", dropped)
		}
		docs = append(docs, doc)
		at = append(at, i)
	}
	if len(docs) == 0 {
		return errs
	}
	for j, err := range ix.write(ctx, docs) {
		if err == nil {
			if firstProcessing(msgs[at[j]]) {
				ix.searchable.Observe(time.Since(docs[j].FetchedAt).Seconds())
			}
			continue
		}
		if !errors.Is(err, search.ErrTransient) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			err = bus.Permanent(err)
		}
		errs[at[j]] = fmt.Errorf("article %s: %w", docs[j].ID, err)
	}
	return errs
}

// firstProcessing reports whether m is an article's first processing after
// its fetch, whose message ID is "<article>@<fetch nanos>": not a
// re-processing ("@reprocess-...", "@t<version>") nor a replayed dead
// letter ("replay:..."), whose fetch time is long past.
func firstProcessing(m bus.Msg) bool {
	id := m.Header.Get(jetstream.MsgIDHeader)
	return id != "" && strings.Count(id, "@") == 1 && !strings.HasPrefix(id, "replay:")
}

// Ready reports an error when the indexer is stuck: writes have kept
// failing for longer than WithStuckAfter while messages wait.
func (ix *Indexer) Ready(context.Context) error {
	since := ix.failingSince.Load()
	if since == 0 {
		return nil
	}
	if d := time.Since(time.Unix(0, since)); d >= ix.stuckAfter {
		return fmt.Errorf("indexer stuck: no successful write for %v", d.Round(time.Second))
	}
	return nil
}

// Document is the article the indexer stores for p: its body trimmed to
// maxBody bytes (0: no limit) with Trimmed set, the figures beyond the cut
// left out (their number is returned). dra reindex rebuilds a Bleve index
// from the DRA_PROCESSED stream with it.
func Document(p event.ArticleProcessed, maxBody int) (search.Article, int, error) {
	dropped := 0
	trimmed := maxBody > 0 && len(p.Body) > maxBody
	if trimmed {
		dropped = trimBody(&p, maxBody)
	}
	doc, err := search.FromProcessed(p)
	doc.Trimmed = trimmed
	return doc, dropped, err
}

// trimBody cuts p's body to at most n bytes at a rune boundary and leaves
// out the figures beyond the cut (counted in MetricsDropped). It returns
// how many were left out.
func trimBody(p *event.ArticleProcessed, n int) int {
	p.Body = vietnamese.Prefix(p.Body, n)
	runes := utf8.RuneCountInString(p.Body)
	kept := p.Metrics[:0]
	for _, m := range p.Metrics {
		if m.End <= runes {
			kept = append(kept, m)
		}
	}
	dropped := len(p.Metrics) - len(kept)
	p.Metrics = kept
	p.MetricsDropped += dropped
	return dropped
}

// write upserts docs, retrying transient failures (of the whole bulk or of
// single items) with backoff. A bulk that failed as a whole twice is split:
// its documents are then written one at a time, so one document cannot
// hold the others back. A document that failed transiently maxAttempts
// times, alone or as an item, gets a permanent error if the store answers
// its ping; while it does not, retries go on until ctx ends. It returns
// one outcome per document: nil, a permanent error, or (when ctx ended or
// the whole bulk failed for a reason that is not transient) the last error.
func (ix *Indexer) write(ctx context.Context, docs []search.Article) []error {
	out := make([]error, len(docs))
	attempts := make([]int, len(docs))
	pending := make([]int, len(docs))
	for i := range pending {
		pending[i] = i
	}
	defer func() {
		if ctx.Err() == nil {
			ix.failingSince.Store(0) // every document is settled
		}
	}()
	delay := ix.retryBase
	single := false
	for attempt := 1; ; attempt++ {
		groups := [][]int{pending}
		if single && len(pending) > 1 {
			groups = groups[:0]
			for _, i := range pending {
				groups = append(groups, []int{i})
			}
		}
		var retry []int
		for _, g := range groups {
			r, stop := ix.upsert(ctx, docs, g, out, attempts)
			if stop {
				return out
			}
			if len(r) > 0 && len(g) > 1 && len(r) == len(g) && out[r[0]] != nil && attempt >= 2 {
				single = true
			}
			retry = append(retry, r...)
		}
		if len(retry) == 0 {
			return out
		}
		ix.failingSince.CompareAndSwap(0, time.Now().UnixNano())
		// Give up on the documents that have used their attempts, if the
		// store is up.
		var left []int
		pinged, up := false, false
		for _, i := range retry {
			if attempts[i] < ix.maxAttempts {
				left = append(left, i)
				continue
			}
			if !pinged {
				pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				up, pinged = ix.store.Ping(pctx) == nil, true
				cancel()
			}
			if !up {
				left = append(left, i)
				continue
			}
			ix.logger.Warn("document refused, dead-lettering it", "article_id", docs[i].ID, "attempts", attempts[i], "err", out[i])
			out[i] = bus.Permanent(fmt.Errorf("store refused it %d times while up: %w", attempts[i], out[i]))
		}
		if len(left) == 0 {
			return out
		}
		ix.retries.Inc()
		ix.logger.Warn("store unavailable, retrying", "docs", len(left), "attempt", attempt, "in", delay, "err", out[left[0]])
		select {
		case <-ctx.Done():
			return out // transient errors: nak'ed, redelivered later
		case <-time.After(delay):
		}
		delay = min(delay*2, ix.retryMax)
		pending = left
	}
}

// upsert writes the documents docs[g] once, records each outcome in out,
// counts an attempt for each one that failed transiently and returns them.
// stop is set when the whole bulk failed for a reason that is not
// transient (every document of g then has that error).
func (ix *Indexer) upsert(ctx context.Context, docs []search.Article, g []int, out []error, attempts []int) (retry []int, stop bool) {
	batch := make([]search.Article, len(g))
	for j, i := range g {
		batch[j] = docs[i]
	}
	start := time.Now()
	itemErrs, err := ix.store.Upsert(ctx, batch)
	ix.bulk.Observe(time.Since(start).Seconds())
	switch {
	case err != nil && !errors.Is(err, search.ErrTransient):
		if ctx.Err() == nil {
			ix.errs.WithLabelValues("permanent").Inc()
		}
		ix.logger.Warn("bulk write failed", "docs", len(batch), "err", err)
		for _, i := range g {
			out[i] = err
		}
		return nil, true
	case err != nil:
		ix.errs.WithLabelValues("transient").Inc()
		for _, i := range g {
			out[i] = err
			attempts[i]++
		}
		return g, false
	}
	written := false
	for j, i := range g {
		out[i] = nil
		if j < len(itemErrs) && itemErrs[j] != nil {
			out[i] = itemErrs[j]
			if errors.Is(itemErrs[j], search.ErrTransient) {
				ix.errs.WithLabelValues("transient").Inc()
				attempts[i]++
				retry = append(retry, i)
			} else {
				ix.errs.WithLabelValues("permanent").Inc()
			}
			continue
		}
		written = true
	}
	if written {
		ix.failingSince.Store(0)
	}
	return retry, false
}
