package elastic

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
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
//	go test ./search/elastic -run '^$' -bench . -benchtime 1x -timeout 60m -v
//
// Each reports its figures with b.ReportMetric and logs them (-v).

var (
	benchArticles = flag.Int("es.articles", 20000, "articles per side and round of BenchmarkIndexing")
	benchRounds   = flag.Int("es.rounds", 6, "rounds of BenchmarkIndexing (alternating which side goes first)")
	searchCorpus  = flag.Int("es.search-articles", 100000, "articles of BenchmarkSearchLatency")
)

func benchURL(b *testing.B) string {
	u := os.Getenv("DRA_ES_URL")
	if u == "" {
		b.Skip("DRA_ES_URL is not set")
	}
	return u
}

// benchIndex returns a fresh index base name and deletes what was created
// under it (the store's families and the bare side's indices) at cleanup.
func benchIndex(b *testing.B, u string) string {
	base := fmt.Sprintf("dra-bench-%d", time.Now().UnixNano())
	b.Cleanup(func() { dropBench(u, base) })
	return base
}

func dropBench(u, base string) {
	nodes, _ := nodeURLs(u)
	u = nodes[0]
	for _, x := range []string{base, base + "-metrics"} {
		req, _ := http.NewRequest(http.MethodDelete, u+"/"+x+"-v*,"+x+"-bare?ignore_unavailable=true&allow_no_indices=true", nil)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
		req, _ = http.NewRequest(http.MethodDelete, u+"/_index_template/"+x, nil)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
	}
	http.DefaultClient.CloseIdleConnections()
}

// indexingBatch is the batch the store side writes at a time: the
// indexer's default batch (indexer.WithBatch) is 100 messages.
const indexingBatch = 100

// indexingInFlight is how many batches the store side writes at once: the
// indexer's default --index-concurrency (indexer.DefaultConcurrency).
var indexingInFlight = flag.Int("es.in-flight", 2, "batches BenchmarkIndexing's store side writes at once (the indexer's default --index-concurrency)")

// BenchmarkIndexing loads a corpus of processed portalsim pages (articles
// with the metrics the processor really extracts) through Store.Upsert, as
// one indexer process does (batches of indexingBatch, indexingInFlight at
// a time, each acknowledged once durable, no refresh per batch), and through a bare
// esutil.BulkIndexer (4 workers) that sends the same article and metric
// documents into separate indices of the same mappings. Rounds alternate
// the order (store first, then bare first, ...), each into fresh indices;
// it reports both rates of the last round and min/median/max of the ratio
// store rate / bare rate over the rounds.
func BenchmarkIndexing(b *testing.B) {
	u := benchURL(b)
	c := searchtest.NewCorpus(b, *benchArticles)
	docs := c.Articles
	rounds := *benchRounds
	// Warm-up, not timed: a JVM still compiling its bulk path would count
	// against whichever side ran first.
	benchIndexingOnce(b, u, docs[:min(4000, len(docs))], false)
	for range b.N {
		var ratios []float64
		var storeRate, bareRate float64
		for round := range rounds {
			bareFirst := round%2 == 1
			st, ba := benchIndexingOnce(b, u, docs, bareFirst)
			storeRate, bareRate = float64(len(docs))/st.Seconds(), float64(len(docs))/ba.Seconds()
			ratios = append(ratios, storeRate/bareRate)
			b.Logf("round %d (%s first): store %.0f articles/s, bare BulkIndexer %.0f articles/s, ratio %.2f", round+1,
				map[bool]string{false: "store", true: "bare"}[bareFirst], storeRate, bareRate, storeRate/bareRate)
		}
		lo, med, hi := searchtest.Spread(ratios)
		b.ReportMetric(storeRate, "store-articles/s")
		b.ReportMetric(bareRate, "bare-articles/s")
		b.ReportMetric(lo, "ratio-min")
		b.ReportMetric(med, "ratio-median")
		b.ReportMetric(hi, "ratio-max")
		b.Logf("%d articles + %d metrics (%.2f metrics per article), %d rounds: store/bare ratio min %.2f median %.2f max %.2f",
			len(docs), c.Metrics(), c.MetricsPerArticle, rounds, lo, med, hi)
	}
}

// benchIndexingOnce loads docs through a new Store and through a bare
// BulkIndexer into fresh indices, the bare one first if bareFirst, and
// returns the time each took. Both end with a refresh, so both have made
// everything searchable when the clock stops.
func benchIndexingOnce(b *testing.B, u string, docs []search.Article, bareFirst bool) (store, bareTime time.Duration) {
	base := benchIndex(b, u)
	defer dropBench(u, base)
	s, err := Open(context.Background(), Config{URL: u, Index: base, Refresh: "false"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if bareFirst {
		bareTime = benchBare(b, u, s, base, docs)
	}
	store = loadStoreConcurrently(b, s, docs, indexingBatch, *indexingInFlight)
	if !bareFirst {
		bareTime = benchBare(b, u, s, base, docs)
	}
	return store, bareTime
}

// loadStore upserts docs in batches, one at a time, checks every item,
// refreshes, and returns the time it took.
func loadStore(b *testing.B, s *Store, docs []search.Article, batch int) time.Duration {
	start := time.Now()
	for i := 0; i < len(docs); i += batch {
		errs, err := s.Upsert(context.Background(), docs[i:min(i+batch, len(docs))])
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
	return time.Since(start)
}

// loadStoreConcurrently is loadStore with inFlight batches written at
// once, as the indexer's concurrent fetch loops write them.
func loadStoreConcurrently(b *testing.B, s *Store, docs []search.Article, batch, inFlight int) time.Duration {
	start := time.Now()
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(inFlight, 1) {
		wg.Go(func() {
			for i := range next {
				errs, err := s.Upsert(context.Background(), docs[i:min(i+batch, len(docs))])
				if err != nil {
					b.Error(err)
					continue
				}
				for _, e := range errs {
					if e != nil {
						b.Error(e)
					}
				}
			}
		})
	}
	for i := 0; i < len(docs); i += batch {
		next <- i
	}
	close(next)
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	if err := s.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// benchBare loads docs through a bare esutil.BulkIndexer and returns the
// time it took: the same article documents (encoded the same way, with
// the same external versions) into base-bare, and the metric documents
// into base-metrics-bare, both with the store's mappings and settings.
func benchBare(b *testing.B, u string, s *Store, base string, docs []search.Article) time.Duration {
	bare, bareMetrics := base+"-bare", base+"-metrics-bare"
	for _, ix := range []struct {
		name     string
		mappings map[string]any
	}{{bare, indexMappings()}, {bareMetrics, metricsMappings()}} {
		if _, err := s.do(context.Background(), http.MethodPut, "/"+ix.name, nil, map[string]any{
			"settings": indexSettings(1, 0, ""), "mappings": ix.mappings}, nil); err != nil {
			b.Fatal(err)
		}
	}
	nodes, _ := nodeURLs(u)
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	defer tr.CloseIdleConnections()
	es, _ := elasticsearch.NewClient(elasticsearch.Config{Addresses: nodes, Transport: tr})
	var failed atomic.Int64
	var firstErr atomic.Value
	bi, err := esutil.NewBulkIndexer(esutil.BulkIndexerConfig{Client: es, NumWorkers: 4, FlushBytes: 5 << 20})
	if err != nil {
		b.Fatal(err)
	}
	onFail := func(_ context.Context, _ esutil.BulkIndexerItem, r esutil.BulkIndexerResponseItem, err error) {
		failed.Add(1)
		firstErr.CompareAndSwap(nil, fmt.Sprintf("%v %s: %s", err, r.Error.Type, r.Error.Reason))
	}
	start := time.Now()
	for _, a := range docs {
		d, err := encodeDoc(a)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := json.Marshal(d)
		if err := bi.Add(context.Background(), esutil.BulkIndexerItem{Index: bare, Action: "index", DocumentID: a.ID,
			Version: &a.Version, VersionType: "external_gte", Body: bytes.NewReader(body), OnFailure: onFail}); err != nil {
			b.Fatal(err)
		}
		for _, r := range search.MetricRecords(a) {
			body, _ := json.Marshal(r)
			if err := bi.Add(context.Background(), esutil.BulkIndexerItem{Index: bareMetrics, Action: "index", DocumentID: r.ID,
				Version: &a.Version, VersionType: "external_gte", Body: bytes.NewReader(body), OnFailure: onFail}); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := bi.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
	if _, err := s.do(context.Background(), http.MethodPost, "/"+bare+","+bareMetrics+"/_refresh", nil, nil, nil); err != nil {
		b.Fatal(err)
	}
	bareTime := time.Since(start)
	if failed.Load() > 0 {
		b.Fatalf("%d bare bulk items failed, first: %v", failed.Load(), firstErr.Load())
	}
	return bareTime
}

// BenchmarkIndexingRefresh measures what refresh=wait_for per bulk costs
// the indexer: the same processed articles through Store.Upsert in the
// indexer's batches, one at a time, with Config.Refresh "false" (the
// default: ack once durable) and "wait_for" (ack once searchable), rounds
// alternating, fresh indices each time, on the index's default refresh
// interval (1s). It reports both rates and min/median/max of the ratio.
func BenchmarkIndexingRefresh(b *testing.B) {
	u := benchURL(b)
	docs := searchtest.NewCorpus(b, 3000).Articles
	rounds := 4
	once := func(refresh string) float64 {
		base := benchIndex(b, u)
		defer dropBench(u, base)
		s, err := Open(context.Background(), Config{URL: u, Index: base, Refresh: refresh})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		return float64(len(docs)) / loadStore(b, s, docs, indexingBatch).Seconds()
	}
	once("false") // warm-up
	for range b.N {
		var ratios []float64
		var durable, waitFor float64
		for round := range rounds {
			if round%2 == 0 {
				durable, waitFor = once("false"), once("wait_for")
			} else {
				waitFor, durable = once("wait_for"), once("false")
			}
			ratios = append(ratios, durable/waitFor)
			b.Logf("round %d: refresh=false %.0f articles/s, refresh=wait_for %.0f articles/s, ratio %.2f", round+1, durable, waitFor, durable/waitFor)
		}
		lo, med, hi := searchtest.Spread(ratios)
		b.ReportMetric(durable, "false-articles/s")
		b.ReportMetric(waitFor, "wait_for-articles/s")
		b.ReportMetric(med, "ratio-median")
		b.Logf("batches of %d: refresh=false / refresh=wait_for ratio min %.2f median %.2f max %.2f", indexingBatch, lo, med, hi)
	}
}

// BenchmarkSearchLatency loads 100,000 processed articles (with the
// metrics the processor extracts) into a live index: written in batches
// as the indexer writes them, refreshed, never force-merged, so the index
// has the segments a live one has. It then times varied queries
// (searchtest.VariedQueries) and reports p50, p95 and p99.
func BenchmarkSearchLatency(b *testing.B) {
	u := benchURL(b)
	base := benchIndex(b, u)
	s, err := Open(context.Background(), Config{URL: u, Index: base})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	docs := searchtest.NewCorpus(b, *searchCorpus).Articles
	// The corpus comes district by district; shuffle so that the index is
	// not written in blocks of one district.
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
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
	for i := 0; i < len(docs); i += 500 {
		ch <- docs[i:min(i+500, len(docs))]
	}
	close(ch)
	wg.Wait()
	if err := s.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	var segs struct {
		Indices map[string]struct {
			Primaries struct {
				Segments struct {
					Count int `json:"count"`
				} `json:"segments"`
			} `json:"primaries"`
		} `json:"indices"`
	}
	_, _ = s.do(context.Background(), http.MethodGet, "/"+s.index+"/_stats/segments", nil, nil, &segs)
	b.Logf("loaded %d articles in %v; %d segments (no force-merge)", len(docs), time.Since(start).Round(time.Millisecond),
		segs.Indices[s.index].Primaries.Segments.Count)
	benchVariedLatency(b, s, docs)
}

// benchVariedLatency times 1,000 distinct searches drawn from docs
// (searchtest.VariedQueries, timed by searchtest.TimeQueries as Bleve's
// are), after 200 others as a warm-up, and reports p50, p95 and p99 in
// milliseconds and the slowest.
func benchVariedLatency(b *testing.B, s search.Store, docs []search.Article) {
	searchtest.TimeQueries(b, s, searchtest.VariedQueries(docs, 200, 7))
	b.ResetTimer()
	for n := range b.N {
		queries := searchtest.VariedQueries(docs, 1000, uint64(100+n))
		lat := searchtest.TimeQueries(b, s, queries)
		order := make([]int, len(lat))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(x, y int) int { return int(lat[y] - lat[x]) })
		for _, i := range order[:3] {
			q := queries[i]
			b.Logf("slowest: %v %q district=%q sort=%q facets=%v", lat[i].Round(time.Millisecond), q.Text, q.District, q.Sort, q.Facets)
		}
		p := func(f float64) float64 { return searchtest.Quantile(lat, f) }
		b.ReportMetric(p(0.5), "p50-ms")
		b.ReportMetric(p(0.95), "p95-ms")
		b.ReportMetric(p(0.99), "p99-ms")
		b.Logf("%d distinct searches on %d articles: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", len(lat), len(docs), p(0.5), p(0.95), p(0.99))
	}
}
