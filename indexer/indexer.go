// Package indexer is the stage that consumes dra.article.processed and
// writes articles to the search store, acking only once the write is durable.
//
// Faults: a transient store failure (Elasticsearch unreachable, a 429 or a
// 5xx, for the whole bulk or for single items) is retried inside the
// handler with exponential backoff for as long as it lasts; the consumer
// keeps the batch in progress meanwhile, so nothing is acked, nothing is
// lost, and an outage does not use up a message's deliveries (the bus
// dead-letters after five). Only on shutdown are the pending messages
// nak'ed, to be redelivered. Permanent item errors (a document
// Elasticsearch cannot map, a mapping conflict) are dead-lettered with
// Elasticsearch's reason; the rest of the batch lands.
package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/search"
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

	retryBase, retryMax time.Duration
}

// Option configures an Indexer.
type Option func(*Indexer)

// WithBatch sets how many articles go into one bulk write (default 100).
func WithBatch(n int) Option { return func(ix *Indexer) { ix.batch = n } }

// WithRetry sets the backoff of transient store failures: from base,
// doubling up to max (default 200ms to 30s).
func WithRetry(base, max time.Duration) Option {
	return func(ix *Indexer) { ix.retryBase, ix.retryMax = base, max }
}

// New wires the indexer stage. reg may be nil.
func New(conn *bus.Conn, store search.Store, logger *slog.Logger, reg prometheus.Registerer, opts ...Option) *Indexer {
	ix := &Indexer{
		conn: conn, store: store, logger: logger.With("component", "indexer"), batch: 100,
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
		retryBase: 200 * time.Millisecond, retryMax: 30 * time.Second,
	}
	for _, o := range opts {
		o(ix)
	}
	if reg != nil {
		reg.MustRegister(ix.results, ix.bulk, ix.retries, ix.errs)
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
		doc, err := search.FromProcessed(p)
		if err != nil {
			errs[i] = bus.Permanent(err)
			continue
		}
		docs = append(docs, doc)
		at = append(at, i)
	}
	if len(docs) == 0 {
		return errs
	}
	for j, err := range ix.write(ctx, docs) {
		if err == nil {
			continue
		}
		if !errors.Is(err, search.ErrTransient) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			err = bus.Permanent(err)
		}
		errs[at[j]] = fmt.Errorf("article %s: %w", docs[j].ID, err)
	}
	return errs
}

// write upserts docs, retrying transient failures (of the whole bulk or of
// single items) with backoff until they succeed or ctx ends. It returns one
// outcome per document: nil, a permanent error, or (when ctx ended or the
// whole bulk failed for a reason that is not transient) the last error.
func (ix *Indexer) write(ctx context.Context, docs []search.Article) []error {
	out := make([]error, len(docs))
	pending := make([]int, len(docs))
	for i := range pending {
		pending[i] = i
	}
	delay := ix.retryBase
	for attempt := 1; ; attempt++ {
		batch := make([]search.Article, len(pending))
		for j, i := range pending {
			batch[j] = docs[i]
		}
		start := time.Now()
		itemErrs, err := ix.store.Upsert(ctx, batch)
		ix.bulk.Observe(time.Since(start).Seconds())
		var retry []int
		switch {
		case err != nil && !errors.Is(err, search.ErrTransient):
			if ctx.Err() == nil {
				ix.errs.WithLabelValues("permanent").Inc()
			}
			ix.logger.Warn("bulk write failed", "docs", len(batch), "err", err)
			for _, i := range pending {
				out[i] = err
			}
			return out
		case err != nil:
			ix.errs.WithLabelValues("transient").Inc()
			for _, i := range pending {
				out[i] = err
			}
			retry = pending
		default:
			for j, i := range pending {
				out[i] = nil
				if j < len(itemErrs) && itemErrs[j] != nil {
					out[i] = itemErrs[j]
					if errors.Is(itemErrs[j], search.ErrTransient) {
						ix.errs.WithLabelValues("transient").Inc()
						retry = append(retry, i)
					} else {
						ix.errs.WithLabelValues("permanent").Inc()
					}
				}
			}
		}
		if len(retry) == 0 {
			return out
		}
		ix.retries.Inc()
		ix.logger.Warn("store unavailable, retrying", "docs", len(retry), "attempt", attempt, "in", delay, "err", out[retry[0]])
		select {
		case <-ctx.Done():
			return out // transient errors: nak'ed, redelivered later
		case <-time.After(delay):
		}
		delay = min(delay*2, ix.retryMax)
		pending = retry
	}
}
