package bleve_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/dra-archive/dra/search/bleve"
	"github.com/dra-archive/dra/search/searchtest"
)

// Run with: go test ./search/bleve -run '^$' -bench . -benchtime 1x

// BenchmarkIndexing loads 20,000 simulated articles (with their metric
// documents) into an on-disk index in batches of 500, as the indexer does.
func BenchmarkIndexing(b *testing.B) {
	docs := searchtest.BenchCorpus(20000)
	for range b.N {
		s, err := bleve.Open(filepath.Join(b.TempDir(), "index"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for i := 0; i < len(docs); i += 500 {
			if _, err := s.Upsert(context.Background(), docs[i:min(i+500, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		d := time.Since(start)
		s.Close()
		b.ReportMetric(float64(len(docs))/d.Seconds(), "articles/s")
		b.Logf("%d articles in %v: %.0f articles/s", len(docs), d, float64(len(docs))/d.Seconds())
	}
}

// BenchmarkSearchLatency loads 100,000 simulated articles once into an
// on-disk index, waits for its background merges to settle, and runs the
// relevance set's queries (32 texts, 10 rounds, pages 1-3), reporting p50
// and p95: once with every search in one piece, once split over the CPUs
// as the store does by default (see collect.go).
func BenchmarkSearchLatency(b *testing.B) {
	s, err := bleve.Open(filepath.Join(b.TempDir(), "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	docs := searchtest.BenchCorpus(100000)
	start := time.Now()
	for i := 0; i < len(docs); i += 1000 {
		if _, err := s.Upsert(context.Background(), docs[i:min(i+1000, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("loaded %d articles in %v", len(docs), time.Since(start))
	// Time the searches on the settled index, not against the merges the
	// load left running (on a small machine they share the CPUs).
	start = time.Now()
	settled := bleve.WaitIdle(s, 3*time.Minute)
	b.Logf("merges settled %v after %v", settled, time.Since(start))
	if n, err := s.Count(context.Background()); err != nil || n != len(docs) {
		b.Fatalf("Count = %d, %v; want %d", n, err, len(docs))
	}
	// The same searches in one piece and split over the CPUs (the store's
	// default), on the same index in the same run.
	b.Run("sequential", func(b *testing.B) {
		bleve.SetParts(s, 1)
		searchtest.BenchLatency(b, s, len(docs))
	})
	b.Run("concurrent", func(b *testing.B) {
		bleve.SetParts(s, 0)
		searchtest.BenchLatency(b, s, len(docs))
	})
}
