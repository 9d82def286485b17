package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esutil"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/searchtest"
)

// Benchmarks need a real Elasticsearch (DRA_ES_URL); run them with
//
//	go test ./search/elastic -run '^$' -bench . -benchtime 1x
//
// Each reports its figures with b.ReportMetric.

func benchURL(b *testing.B) string {
	u := os.Getenv("DRA_ES_URL")
	if u == "" {
		b.Skip("DRA_ES_URL is not set")
	}
	return u
}

func benchIndex(b *testing.B, u string) string {
	base := fmt.Sprintf("dra-bench-%d", time.Now().UnixNano())
	b.Cleanup(func() {
		for _, x := range []string{base, base + "-metrics"} {
			req, _ := http.NewRequest(http.MethodDelete, u+"/"+versionedIndex(x, 1)+","+versionedIndex(x, 2)+","+versionedIndex(x, 3)+","+x+"-bare?ignore_unavailable=true", nil)
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
			req, _ = http.NewRequest(http.MethodDelete, u+"/_index_template/"+x, nil)
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
		}
		http.DefaultClient.CloseIdleConnections()
	})
	return base
}

// BenchmarkIndexing loads the same 20,000 simulated articles (with their
// metric documents) through Store.Upsert, as the indexer does (batches of
// 500, one at a time, refresh off for bulk loading), and through a bare
// esutil.BulkIndexer (4 workers) sending the same article documents, in two
// rounds of opposite order after a warm-up, and reports both rates and
// their ratio over the two rounds.
func BenchmarkIndexing(b *testing.B) {
	u := benchURL(b)
	docs := searchtest.BenchCorpus(20000)
	metrics := 0
	for _, a := range docs {
		metrics += len(a.Metrics)
	}
	// Warm-up, not timed, then two rounds in opposite orders: a JVM
	// still compiling its bulk path would count against whichever side
	// ran first.
	benchIndexingOnce(b, u, docs[:5000], false)
	for range b.N {
		var store, bare time.Duration
		for round, bareFirst := range []bool{false, true} {
			st, ba := benchIndexingOnce(b, u, docs, bareFirst)
			b.Logf("round %d (%s first): store %v, bare BulkIndexer %v, ratio %.2f", round+1,
				map[bool]string{false: "store", true: "bare"}[bareFirst], st, ba, ba.Seconds()/st.Seconds())
			store += st
			bare += ba
		}
		n := float64(2 * len(docs))
		b.ReportMetric(n/store.Seconds(), "store-articles/s")
		b.ReportMetric(n/bare.Seconds(), "bare-articles/s")
		b.ReportMetric(bare.Seconds()/store.Seconds(), "ratio")
		b.Logf("%d articles + %d metrics, twice: store %.0f articles/s, bare BulkIndexer %.0f articles/s, ratio %.2f",
			len(docs), metrics, n/store.Seconds(), n/bare.Seconds(), bare.Seconds()/store.Seconds())
	}
}

// benchIndexingOnce loads docs through a new Store and through a bare
// BulkIndexer into fresh indices, the bare one first if bareFirst, and
// returns the time each took.
func benchIndexingOnce(b *testing.B, u string, docs []search.Article, bareFirst bool) (store, bareTime time.Duration) {
	base := benchIndex(b, u)
	s, err := Open(context.Background(), Config{URL: u, Index: base, Refresh: "false"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if bareFirst {
		bareTime = benchBare(b, u, s, base, docs)
	}
	start := time.Now()
	for i := 0; i < len(docs); i += 500 {
		errs, err := s.Upsert(context.Background(), docs[i:min(i+500, len(docs))])
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range errs {
			if e != nil {
				b.Fatal(e)
			}
		}
	}
	if err := s.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	store = time.Since(start)
	if !bareFirst {
		bareTime = benchBare(b, u, s, base, docs)
	}
	return store, bareTime
}

// benchBare loads docs through a bare esutil.BulkIndexer and returns the
// time it took: the same article documents (encoded the same way) into an
// index with the same mapping as s's, and the metric documents into s's
// metrics index.
func benchBare(b *testing.B, u string, s *Store, base string, docs []search.Article) time.Duration {
	bare := base + "-bare"
	if _, err := s.do(context.Background(), http.MethodPut, "/"+bare, nil, map[string]any{
		"settings": indexSettings(1, 0), "mappings": indexMappings()}, nil); err != nil {
		b.Fatal(err)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	es, _ := elasticsearch.NewClient(elasticsearch.Config{Addresses: []string{u}, Transport: tr})
	var failed atomic.Int64
	bi, err := esutil.NewBulkIndexer(esutil.BulkIndexerConfig{Client: es, NumWorkers: 4, FlushBytes: 5 << 20})
	if err != nil {
		b.Fatal(err)
	}
	onFail := func(_ context.Context, _ esutil.BulkIndexerItem, _ esutil.BulkIndexerResponseItem, _ error) {
		failed.Add(1)
	}
	start := time.Now()
	for _, a := range docs {
		d, _ := encodeDoc(a)
		body, _ := json.Marshal(d)
		if err := bi.Add(context.Background(), esutil.BulkIndexerItem{Index: bare, Action: "index", DocumentID: a.ID,
			Version: &a.Version, VersionType: "external_gte", Body: bytes.NewReader(body), OnFailure: onFail}); err != nil {
			b.Fatal(err)
		}
		for _, r := range search.MetricRecords(a) {
			body, _ := json.Marshal(r)
			_ = bi.Add(context.Background(), esutil.BulkIndexerItem{Index: s.metricsIndex, Action: "index", DocumentID: r.ID + "-bare",
				Body: bytes.NewReader(body), OnFailure: onFail})
		}
	}
	if err := bi.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
	if _, err := s.do(context.Background(), http.MethodPost, "/"+bare+"/_refresh", nil, nil, nil); err != nil {
		b.Fatal(err)
	}
	bareTime := time.Since(start)
	if failed.Load() > 0 {
		b.Fatalf("%d bare bulk items failed", failed.Load())
	}
	tr.CloseIdleConnections()
	return bareTime
}

// BenchmarkSearchLatency loads 100,000 simulated articles once and runs the
// relevance set's queries (first page, highlights), reporting p50 and p95.
func BenchmarkSearchLatency(b *testing.B) {
	u := benchURL(b)
	base := benchIndex(b, u)
	s, err := Open(context.Background(), Config{URL: u, Index: base, Refresh: "false"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	docs := searchtest.BenchCorpus(100000)
	var wg sync.WaitGroup
	ch := make(chan []search.Article)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for batch := range ch {
				if _, err := s.Upsert(context.Background(), batch); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	start := time.Now()
	for i := 0; i < len(docs); i += 1000 {
		ch <- docs[i:min(i+1000, len(docs))]
	}
	close(ch)
	wg.Wait()
	if err := s.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	_, _ = s.do(context.Background(), http.MethodPost, "/"+s.alias+"/_forcemerge", map[string][]string{"max_num_segments": {"1"}}, nil, nil)
	b.Logf("loaded %d articles in %v", len(docs), time.Since(start))
	searchtest.BenchLatency(b, s, len(docs))
}
