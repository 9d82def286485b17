// Package indexer is the stage that consumes dra.article.processed and
// writes articles to the search store, acking only once the write is durable.
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
}

// Option configures an Indexer.
type Option func(*Indexer)

// WithBatch sets how many articles go into one bulk write (default 100).
func WithBatch(n int) Option { return func(ix *Indexer) { ix.batch = n } }

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
	}
	for _, o := range opts {
		o(ix)
	}
	if reg != nil {
		reg.MustRegister(ix.results, ix.bulk)
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
	start := time.Now()
	itemErrs, err := ix.store.Upsert(ctx, docs)
	ix.bulk.Observe(time.Since(start).Seconds())
	if err != nil {
		ix.logger.Warn("bulk write failed, will retry", "docs", len(docs), "err", err)
		for _, i := range at {
			errs[i] = err
		}
		return errs
	}
	for j, i := range at {
		if j < len(itemErrs) && itemErrs[j] != nil {
			e := itemErrs[j]
			if !errors.Is(e, search.ErrTransient) {
				e = bus.Permanent(e)
			}
			errs[i] = fmt.Errorf("article %s: %w", docs[j].ID, e)
		}
	}
	return errs
}
