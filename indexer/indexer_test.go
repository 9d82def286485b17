package indexer_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/indexer"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/search/bleve"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/blevesearch/bleve_index_api.AnalysisWorker"))
}

var quiet = slog.New(slog.DiscardHandler)

func startBus(t testing.TB) *bus.Conn {
	t.Helper()
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := bus.Connect(context.Background(), srv.ClientURL(), "test", bus.DefaultTopology(), quiet)
	if err != nil {
		srv.Shutdown()
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close(); srv.Shutdown() })
	return conn
}

func openStore(t *testing.T) *bleve.Store {
	t.Helper()
	s, err := bleve.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func processed(i int) event.ArticleProcessed {
	url := fmt.Sprintf("https://thanhtri.hanoi.gov.vn/tin-tuc/-/view_content/%d-bai.html", i)
	return event.ArticleProcessed{
		SchemaVersion: event.ProcessedVersion, ArticleID: event.ArticleID(url), URL: url, SourceID: "thanhtri",
		FetchedAt: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC), ProcessedAt: time.Now(),
		Title: fmt.Sprintf("Bài số %d về công tác dân vận", i), Body: "Nội dung bài viết về phong trào Dân vận khéo.",
		District: "Thanh Trì", Province: "Hà Nội",
	}
}

func publish(t *testing.T, conn *bus.Conn, id string, payload []byte) {
	t.Helper()
	if err := conn.Publish(context.Background(), event.SubjectProcessed, id, payload); err != nil {
		t.Fatal(err)
	}
}

// faulty wraps a real store and injects failures.
type faulty struct {
	search.Store
	failBatches atomic.Int32 // whole-batch transient failures left
	badID       string       // this document gets a permanent item error
}

func (f *faulty) Upsert(ctx context.Context, docs []search.Article) ([]error, error) {
	if f.failBatches.Add(-1) >= 0 {
		return nil, fmt.Errorf("connection refused: %w", search.ErrTransient)
	}
	var keep []search.Article
	var at []int
	errs := make([]error, len(docs))
	for i, d := range docs {
		if d.ID == f.badID {
			errs[i] = errors.New("mapper_parsing_exception: failed to parse field [published_at]")
			continue
		}
		keep = append(keep, d)
		at = append(at, i)
	}
	itemErrs, err := f.Store.Upsert(ctx, keep)
	if err != nil {
		return nil, err
	}
	for j, i := range at {
		errs[i] = itemErrs[j]
	}
	return errs, nil
}

// run runs the indexer until cond holds (or 30s pass).
func run(t *testing.T, ix *indexer.Indexer, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = ix.Run(ctx) }()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	if !cond() {
		t.Fatal("condition not reached in 30s")
	}
}

func count(s search.Store) int {
	n, _ := s.Count(context.Background())
	return n
}

func TestIndexesEveryArticleOnce(t *testing.T) {
	conn := startBus(t)
	store := openStore(t)
	for i := 0; i < 25; i++ {
		p, _ := event.Encode(processed(i))
		publish(t, conn, fmt.Sprintf("a%d", i), p)
		if i%5 == 0 { // redelivered duplicates with other message IDs
			publish(t, conn, fmt.Sprintf("dup%d", i), p)
		}
	}
	ix := indexer.New(conn, store, quiet, nil, indexer.WithBatch(10))
	run(t, ix, func() bool { return count(store) == 25 })
	res, err := store.Search(context.Background(), search.Query{Text: "dan van kheo", Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 25 {
		t.Errorf("search total %d, want 25 (no duplicates)", res.Total)
	}
}

func TestDeadLettersWhatCanNeverSucceed(t *testing.T) {
	conn := startBus(t)
	store := &faulty{Store: openStore(t)}
	good, bad := processed(1), processed(2)
	store.badID = bad.ArticleID
	for i, p := range []event.ArticleProcessed{good, bad} {
		b, _ := event.Encode(p)
		publish(t, conn, fmt.Sprint("m", i), b)
	}
	current := string(mustEncode(t, processed(3)))
	future := strings.Replace(current, `"schema_version":"`+event.ProcessedVersion+`"`, `"schema_version":"2.0"`, 1)
	if future == current {
		t.Fatal("the schema version was not replaced")
	}
	publish(t, conn, "future", []byte(future))
	publish(t, conn, "garbage", []byte("{not json"))

	ix := indexer.New(conn, store, quiet, nil)
	run(t, ix, func() bool {
		dl, _ := conn.DeadLetters(context.Background(), "indexer")
		return len(dl) == 3 && count(store) == 1
	})
	dl, err := conn.DeadLetters(context.Background(), "indexer")
	if err != nil {
		t.Fatal(err)
	}
	reasons := ""
	for _, d := range dl {
		reasons += d.Error + "\n"
		if d.Stage != "indexer" || len(d.Data) == 0 {
			t.Errorf("dead letter without stage or original: %+v", d)
		}
	}
	for _, want := range []string{"unknown schema major version", "mapper_parsing_exception", "invalid event"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("no dead letter says %q; reasons:\n%s", want, reasons)
		}
	}
	if _, err := store.Get(context.Background(), good.ArticleID); err != nil {
		t.Errorf("the good article of the batch was not indexed: %v", err)
	}
}

func TestTransientStoreFailureRetriesWithoutLoss(t *testing.T) {
	conn := startBus(t)
	store := &faulty{Store: openStore(t)}
	store.failBatches.Store(2)
	for i := 0; i < 5; i++ {
		publish(t, conn, fmt.Sprint("m", i), mustEncode(t, processed(i)))
	}
	ix := indexer.New(conn, store, quiet, nil)
	run(t, ix, func() bool { return count(store) == 5 })
	dl, _ := conn.DeadLetters(context.Background(), "")
	if len(dl) != 0 {
		t.Errorf("transient failures were dead-lettered: %+v", dl)
	}
	if store.failBatches.Load() >= 0 {
		t.Error("the injected failures were never hit")
	}
}

func mustEncode(t *testing.T, v any) []byte {
	t.Helper()
	b, err := event.Encode(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
