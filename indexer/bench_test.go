package indexer_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/indexer"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/search/elastic"
	"github.com/dra-archive/dra/search/searchtest"
)

var (
	benchIndexArticles = flag.Int("index.articles", 10000, "processed articles of BenchmarkIndexerProcess")
	benchIndexRounds   = flag.Int("index.rounds", 3, "rounds of BenchmarkIndexerProcess, each running every concurrency")
)

// BenchmarkIndexerProcess measures one indexer process writing to
// Elasticsearch (DRA_ES_URL) as `dra index` does: the processed events of
// the realistic corpus (searchtest.NewCorpus: portalsim pages processed
// by the processor) are published on an embedded NATS server,
// then one Indexer with the default batch consumes them into a fresh
// index until every article is acked, with one bulk write in flight (as
// before) and with the default --index-concurrency and 4, in an order
// that rotates from round to round. It reports articles/s per variant
// (min/median/max over the rounds) and the ratios to one in flight.
//
//	DRA_ES_URL=... go test ./indexer -run '^$' -bench IndexerProcess -benchtime 1x -v
func BenchmarkIndexerProcess(b *testing.B) {
	esURL := os.Getenv("DRA_ES_URL")
	if esURL == "" {
		b.Skip("DRA_ES_URL is not set")
	}
	c := searchtest.NewCorpus(b, *benchIndexArticles)
	var msgs [][]byte
	var metrics int
	for _, a := range c.Articles {
		p, err := event.DecodeProcessed(a.Record)
		if err != nil {
			b.Fatal(err)
		}
		data, err := event.Encode(p)
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, data)
		metrics += len(p.Metrics)
	}
	b.Logf("corpus: %d articles, %d metrics (%.2f per article)", len(msgs), metrics, c.MetricsPerArticle)
	variants := []int{1, indexer.DefaultConcurrency, 4}
	rates := make([][]float64, len(variants))
	for range b.N {
		for round := range *benchIndexRounds {
			for k := range variants {
				v := (k + round) % len(variants)
				r := indexerRun(b, esURL, msgs, variants[v])
				rates[v] = append(rates[v], r)
				b.Logf("round %d concurrency %d: %.0f articles/s", round+1, variants[v], r)
			}
		}
	}
	for v, conc := range variants {
		lo, med, hi := searchtest.Spread(rates[v])
		b.Logf("concurrency %d: articles/s min/median/max %.0f / %.0f / %.0f", conc, lo, med, hi)
		if v > 0 {
			ratios := make([]float64, len(rates[v]))
			for i := range ratios {
				ratios[i] = rates[v][i] / rates[0][i]
			}
			rlo, rmed, rhi := searchtest.Spread(ratios)
			b.Logf("concurrency %d / 1: ratio min/median/max %.2f / %.2f / %.2f", conc, rlo, rmed, rhi)
		}
		b.ReportMetric(med, fmt.Sprintf("c%d-articles/s", conc))
	}
}

// indexerRun publishes msgs on a fresh embedded server and returns the
// articles/s one indexer with the given concurrency writes them at.
func indexerRun(b *testing.B, esURL string, msgs [][]byte, conc int) float64 {
	b.Helper()
	conn := startBus(b)
	ctx := context.Background()
	for i := 0; i < len(msgs); i += 1000 {
		var pending []*bus.Pending
		for j := i; j < min(i+1000, len(msgs)); j++ {
			pending = append(pending, conn.PublishAsync(ctx, event.SubjectProcessed, fmt.Sprintf("bench-%d", j), msgs[j]))
		}
		for _, p := range pending {
			if err := p.Wait(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	base := fmt.Sprintf("dra-ixbench-%d", time.Now().UnixNano())
	store, err := elastic.Open(ctx, elastic.Config{URL: esURL, Index: base})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = store.Close(); dropES(b, esURL, base) }()
	reg := prometheus.NewRegistry()
	ix := indexer.New(conn, store, quiet, reg, indexer.WithConcurrency(conc))
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- ix.Run(runCtx) }()
	acked := func() float64 {
		mfs, _ := reg.Gather()
		for _, mf := range mfs {
			if mf.GetName() == "dra_indexer_messages_total" {
				for _, m := range mf.GetMetric() {
					for _, l := range m.GetLabel() {
						if l.GetName() == "result" && l.GetValue() == "ack" {
							return m.GetCounter().GetValue()
						}
					}
				}
			}
		}
		return 0
	}
	deadline := time.Now().Add(30 * time.Minute)
	for acked() < float64(len(msgs)) {
		if time.Now().After(deadline) {
			b.Fatalf("%v of %d acked in 30 minutes", acked(), len(msgs))
		}
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start)
	cancel()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	return float64(len(msgs)) / elapsed.Seconds()
}
